/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-cli-files"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-cli-private.h"
#include "feuillet-markdown-file.h"
#include "feuillet-render.h"

/* import and export: articles as files. */

static FeuilletArticle *
read_article_file (const char  *path,
                   GPtrArray   *warnings,
                   GError     **error)
{
  g_autoptr(FeuilletArticle) article = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = g_str_equal (path, "-") ? g_strdup (_("standard input"))
                                                     : g_filename_display_name (path);
  g_autoptr(GError) article_error = NULL;
  gsize length;

  if (!feuillet_cli_read_input (path, &contents, &length, error))
    return NULL;

  article = feuillet_markdown_file_parse (contents, length, display, warnings, error);
  if (article == NULL)
    return NULL;

  if (!feuillet_article_validate (article, &article_error))
    {
      g_set_error (error, article_error->domain, article_error->code, "%s: %s", display, article_error->message);
      return NULL;
    }

  return g_steal_pointer (&article);
}

int
feuillet_cli_import (FeuilletCli  *cli,
                     char        **args)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!feuillet_cli_parse (cli, "import", N_("FILE…"), NULL, &args, &status))
    return status;
  if (g_strv_length (args) < 2)
    return feuillet_cli_usage_error (_("Which files? “feuillet-cli import FILE…”"));

  /* Every file is read and checked before anything is saved: one bad file imports none. */
  for (guint i = 1; args[i] != NULL; i++)
    {
      FeuilletArticle *article = read_article_file (args[i], warnings, &error);

      if (article == NULL)
        {
          int code = feuillet_cli_error (error);

          g_printerr (_("Nothing was imported.\n"));
          return code;
        }
      g_ptr_array_add (articles, article);
    }

  for (guint i = 0; i < warnings->len; i++)
    g_printerr ("feuillet-cli: %s\n", (const char *)warnings->pdata[i]);

  if (!feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);

  feuillet_store_import_async (cli->store, articles, NULL, feuillet_cli_store_result, &result);
  imported = feuillet_store_import_finish (cli->store, feuillet_cli_wait (&result), &error);
  if (imported == NULL)
    return feuillet_cli_error (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < imported->len; i++)
        json_builder_add_int_value (builder, feuillet_article_get_id (imported->pdata[i]));
      json_builder_end_array (builder);
      node = json_builder_get_root (builder);
      feuillet_cli_print_json (node);
    }
  else
    {
      for (guint i = 0; i < imported->len; i++)
        g_print ("%" G_GINT64_FORMAT "\n", feuillet_article_get_id (imported->pdata[i]));
    }

  return FEUILLET_CLI_EXIT_OK;
}

int
feuillet_cli_export (FeuilletCli  *cli,
                     char        **args)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("md (Markdown with front matter) or html"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the standard output"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gint64 id;
  int status;

  if (!feuillet_cli_parse (cli, "export", N_("ID --format md|html"), entries, &args, &status))
    return status;
  if (g_strv_length (args) != 2 || !feuillet_cli_parse_id (args[1], &id))
    return feuillet_cli_usage_error (_("Which article? “feuillet-cli export ID --format md|html”"));
  if (format == NULL || (!g_str_equal (format, "md") && !g_str_equal (format, "html")))
    return feuillet_cli_usage_error (_("--format must be md or html"));

  article = feuillet_cli_load_article (cli, id, &error);
  if (article == NULL)
    return feuillet_cli_error (error);

  if (g_str_equal (format, "md"))
    contents = feuillet_markdown_file_serialize (article);
  else
    contents = feuillet_render_page (article, NULL, FEUILLET_PAGE_STANDALONE);

  if (output != NULL)
    {
      if (!g_file_set_contents (output, contents, -1, &error))
        return feuillet_cli_error (error);
    }
  else if (!cli->json)
    {
      g_print ("%s", contents);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, format);
      if (output != NULL)
        {
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, output);
        }
      else
        {
          json_builder_set_member_name (builder, "content");
          json_builder_add_string_value (builder, contents);
        }
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      feuillet_cli_print_json (node);
    }

  return FEUILLET_CLI_EXIT_OK;
}
