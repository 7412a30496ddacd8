/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-export"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-export.h"
#include "feuillet-markdown-file.h"
#include "feuillet-render.h"

/*
 * An article to a file the user chooses: the file dialog, then the rendering on a worker
 * thread and the writing with GIO's asynchronous calls, so a long article on a slow disk
 * never stalls the window. The file is replaced whole or not at all.
 */

typedef struct
{
  FeuilletArticle      *article;
  FeuilletExportFormat  format;
  GFile                *file;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->article);
  g_clear_object (&export->file);
  g_free (export);
}

/* What the dialog proposes: the slug, else the title, as a file name. */
static char *
suggested_name (FeuilletArticle      *article,
                FeuilletExportFormat  format)
{
  const char *slug = feuillet_article_get_slug (article);
  const char *title = feuillet_article_get_title (article);
  g_autofree char *base = NULL;

  if (slug != NULL && slug[0] != '\0')
    base = g_strdup (slug);
  else if (title != NULL && title[0] != '\0')
    base = g_strdelimit (g_strdup (title), "/\\:*?\"<>|\n\r\t", '-');
  else
    /* Translators: the file name proposed for an article without a title, before its extension */
    base = g_strdup (_("article"));

  return g_strconcat (base, format == FEUILLET_EXPORT_HTML ? ".html" : ".md", NULL);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (export->file);

      /* Translators: the first %s is a file's name, the second why it could not be written */
      g_task_return_new_error (task, error->domain, error->code,
                               _("The article could not be exported to “%s”: %s"),
                               name, error->message);
      return;
    }

  g_task_return_pointer (task, g_object_ref (export->file), g_object_unref);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  char *contents;

  /* The article is this task's own copy: nothing else touches it meanwhile. */
  if (export->format == FEUILLET_EXPORT_HTML)
    contents = feuillet_render_page (export->article, NULL, FEUILLET_PAGE_STANDALONE);
  else
    contents = feuillet_markdown_file_serialize (export->article);

  g_task_return_pointer (task, g_bytes_new_take (contents, strlen (contents)),
                         (GDestroyNotify) g_bytes_unref);
}

static void
on_rendered_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GBytes) contents = g_task_propagate_pointer (G_TASK (result), NULL);

  g_file_replace_contents_bytes_async (export->file, contents, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_written_cb, g_steal_pointer (&task));
}

static void
on_file_chosen_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GTask) render = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  export->file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  if (export->file == NULL)
    {
      /* Closing the dialog is not an error to show. */
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
          g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        g_task_return_new_error_literal (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Taken before the task is handed over: the order of a call's arguments is not set. */
  cancellable = g_task_get_cancellable (task);
  render = g_task_new (NULL, cancellable, on_rendered_cb, g_steal_pointer (&task));
  g_task_set_source_tag (render, on_file_chosen_cb);
  g_task_set_task_data (render, export, NULL);
  g_task_run_in_thread (render, render_thread);
}

static GListModel *
filters_for (FeuilletExportFormat format)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (format == FEUILLET_EXPORT_HTML)
    {
      gtk_file_filter_set_name (filter, _("Web Pages"));
      gtk_file_filter_add_mime_type (filter, "text/html");
      gtk_file_filter_add_suffix (filter, "html");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Markdown Files"));
      gtk_file_filter_add_mime_type (filter, "text/markdown");
      gtk_file_filter_add_suffix (filter, "md");
    }
  g_list_store_append (filters, filter);

  return G_LIST_MODEL (filters);
}

/**
 * feuillet_export_async:
 * @parent: the window the file dialog belongs to
 * @article: the article as it is to be exported; it is copied
 *
 * Asks where to export @article, then writes it there.
 */
void
feuillet_export_async (GtkWindow            *parent,
                       FeuilletArticle      *article,
                       FeuilletExportFormat  format,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = filters_for (format);
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GTask) task = NULL;
  Export *export;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (FEUILLET_IS_ARTICLE (article));

  export = g_new0 (Export, 1);
  export->article = feuillet_article_copy (article);
  export->format = format;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);

  name = suggested_name (article, format);
  /* Where documents go, not wherever the program was started from. */
  folder = g_file_new_for_path (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS) != NULL
                                ? g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS)
                                : g_get_home_dir ());
  gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_set_title (dialog,
                             format == FEUILLET_EXPORT_HTML ? _("Export as HTML")
                                                            : _("Export as Markdown"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_save (dialog, parent, cancellable, on_file_chosen_cb, g_steal_pointer (&task));
}

/**
 * feuillet_export_finish:
 *
 * Returns: (transfer full): the file written, or %NULL with @error set (%G_IO_ERROR_CANCELLED
 *   when the user closed the dialog)
 */
GFile *
feuillet_export_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
