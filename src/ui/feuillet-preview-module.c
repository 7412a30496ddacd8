/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loads the preview's module (feuillet-preview.so, built from feuillet-preview.c) on first
 * use. Linked into the program, WebKitGTK cost every start about 150 ms and 35 MiB even with
 * the preview off (tests/bench/bench-window.sh). The module takes the program's own symbols
 * (the core's renderer), which the program exports for it.
 *
 * It is looked for beside the program (an uninstalled build) and in Feuillet's library
 * directory.
 */
#define G_LOG_DOMAIN "feuillet-preview-module"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "feuillet-preview-module.h"

#define MODULE_NAME "feuillet-preview.so"

typedef GtkWidget *(*NewFunc)        (void);
typedef void       (*SetArticleFunc) (GtkWidget *, FeuilletArticle *, GtkTextBuffer *, GtkTextBuffer *,
                                      GtkTextBuffer *);
typedef void       (*PrintFunc)      (GtkWidget *);

static struct
{
  NewFunc        new_preview;
  SetArticleFunc set_article;
  PrintFunc      print;
} module;

static char *
find_module (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);

  if (program != NULL)
    {
      g_autofree char *directory = g_path_get_dirname (program);
      g_autofree char *beside = g_build_filename (directory, MODULE_NAME, NULL);

      if (g_file_test (beside, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&beside);
    }
  return g_build_filename (PKGLIBDIR, MODULE_NAME, NULL);
}

static gboolean
load (GError **error)
{
  g_autofree char *path = NULL;
  GModule *handle;

  if (module.new_preview != NULL)
    return TRUE;

  path = find_module ();
  handle = g_module_open_full (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL, error);
  if (handle == NULL)
    return FALSE;
  if (!g_module_symbol (handle, "feuillet_preview_new", (gpointer *) &module.new_preview) ||
      !g_module_symbol (handle, "feuillet_preview_set_article", (gpointer *) &module.set_article) ||
      !g_module_symbol (handle, "feuillet_preview_print", (gpointer *) &module.print))
    {
      g_set_error (error, G_MODULE_ERROR, G_MODULE_ERROR_CHECK_FAILED,
                   _("%s is not Feuillet’s preview module"), path);
      module.new_preview = NULL;
      g_module_close (handle);
      return FALSE;
    }
  /* Its types are registered for good. */
  g_module_make_resident (handle);
  return TRUE;
}

/**
 * feuillet_preview_module_new_preview:
 *
 * Returns: (transfer floating) (nullable): a new preview, or %NULL when the module cannot be
 *   loaded (then @error says why)
 */
GtkWidget *
feuillet_preview_module_new_preview (GError **error)
{
  if (!load (error))
    return NULL;
  return module.new_preview ();
}

void
feuillet_preview_module_set_article (GtkWidget       *preview,
                                     FeuilletArticle *article,
                                     GtkTextBuffer   *title,
                                     GtkTextBuffer   *chapeau,
                                     GtkTextBuffer   *body)
{
  g_return_if_fail (module.set_article != NULL);

  module.set_article (preview, article, title, chapeau, body);
}

void
feuillet_preview_module_print (GtkWidget *preview)
{
  g_return_if_fail (module.print != NULL);

  module.print (preview);
}
