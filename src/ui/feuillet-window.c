/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-window"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-history-dialog.h"
#include "feuillet-text.h"
#include "feuillet-welcome.h"
#include "feuillet-window-private.h"

/* How many of the most recent articles, or search results, the sidebar lists. */
#define SIDEBAR_LIMIT 500

enum {
  PROP_0,
  PROP_SHOW_PREVIEW,
  PROP_OUTBOX_SENDER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (FeuilletWindow, feuillet_window, ADW_TYPE_APPLICATION_WINDOW)

static void reload_list (FeuilletWindow *self);

/* An article on its way to or from the trash. */
typedef struct
{
  FeuilletWindow *window;
  gint64          id;
} TrashData;

static void
show_error (FeuilletWindow *self,
            const GError   *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "error");
}

static void
show_toast (FeuilletWindow *self,
            const char     *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static FeuilletArticleSummary *
summary_for_article (FeuilletArticle *article)
{
  FeuilletCounts counts;

  feuillet_text_count (feuillet_article_get_title (article), feuillet_article_get_chapeau (article),
                       feuillet_article_get_body (article), &counts);
  return feuillet_article_summary_new (feuillet_article_get_id (article),
                                       feuillet_article_get_title (article),
                                       feuillet_article_get_status (article),
                                       feuillet_article_get_category (article),
                                       feuillet_article_get_tags (article),
                                       counts.signes, counts.words,
                                       feuillet_article_get_updated (article),
                                       feuillet_article_get_trashed (article));
}

static gboolean
find_article (FeuilletWindow *self,
              gint64          id,
              guint          *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FeuilletArticleSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->articles), i);

      if (feuillet_article_summary_get_id (summary) == id)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
searching (FeuilletWindow *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0' &&
         !gtk_toggle_button_get_active (self->trash_toggle);
}

/* The article just saved is the most recent: it goes to the top of the list. */
static void
put_on_top (FeuilletWindow  *self,
            FeuilletArticle *article)
{
  g_autoptr(FeuilletArticleSummary) summary = NULL;
  guint position;

  if (!searching (self))
    {
      feuillet_article_list_model_reload (self->recent);
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
      return;
    }

  if (find_article (self, feuillet_article_get_id (article), &position))
    {
      summary = summary_for_article (article);
      g_list_store_remove (self->articles, position);
      g_list_store_insert (self->articles, 0, summary);
      gtk_single_selection_set_selected (self->selection, 0);
    }
}

static void
open_article (FeuilletWindow  *self,
              FeuilletArticle *article)
{
  feuillet_editor_set_article (self->editor, article);
  adw_navigation_page_set_title (self->content_page,
                                 feuillet_article_get_title (article)[0] ? feuillet_article_get_title (article)
                                                                         : _("New Article"));
  gtk_stack_set_visible_child_name (self->content_stack, "editor");
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
  g_settings_set_int64 (self->settings, "last-article", feuillet_article_get_id (article));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.trash-article", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history", TRUE);
  feuillet_window_update_preview (self);
  feuillet_window_update_publish (self);
}

static void
close_article (FeuilletWindow *self)
{
  feuillet_editor_set_article (self->editor, NULL);
  adw_navigation_page_set_title (self->content_page, "Feuillet");
  gtk_stack_set_visible_child_name (self->content_stack, "none");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.trash-article", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history", FALSE);
  feuillet_window_update_preview (self);
  feuillet_window_update_publish (self);
}

static void
on_article_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = feuillet_store_load_finish (FEUILLET_STORE (source), result, &error);
  if (article == NULL)
    {
      if (!is_cancelled (error))
        show_toast (self, error->message);
      return;
    }

  /* Chosen from the list or reopened: ready to write in. */
  open_article (self, article);
  feuillet_editor_focus_title (self->editor);
}

static void
load_article (FeuilletWindow *self,
              gint64          id)
{
  FeuilletArticle *current;

  if (self->editor == NULL)
    return; /* closed meanwhile */

  current = feuillet_editor_get_article (self->editor);

  if (current != NULL && feuillet_article_get_id (current) == id)
    {
      adw_navigation_split_view_set_show_content (self->split_view, TRUE);
      return;
    }

  feuillet_store_load_async (self->store, id, self->cancellable, on_article_loaded_cb, g_object_ref (self));
}

static void
on_restored_from_trash_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autofree TrashData *data = user_data;
  g_autoptr(FeuilletWindow) self = data->window;
  g_autoptr(GError) error = NULL;

  if (!feuillet_store_untrash_finish (FEUILLET_STORE (source), result, &error))
    {
      if (!is_cancelled (error))
        show_toast (self, error->message);
      return;
    }

  show_toast (self, _("Article restored from the trash"));
  gtk_toggle_button_set_active (self->trash_toggle, FALSE);
  reload_list (self);
  load_article (self, data->id);
}

static void
restore_from_trash (FeuilletWindow *self,
                    gint64          id)
{
  TrashData *data = g_new0 (TrashData, 1);

  data->window = g_object_ref (self);
  data->id = id;
  feuillet_store_untrash_async (self->store, id, self->cancellable, on_restored_from_trash_cb, data);
}

static void
on_article_list_activate_cb (FeuilletWindow *self,
                             guint           position,
                             GtkListView    *list_view)
{
  g_autoptr(FeuilletArticleSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  /* A row whose page is still being read has nothing to open yet. */
  if (summary == NULL || feuillet_article_summary_get_id (summary) == 0)
    return;

  /* From the trash, choosing an article brings it back. */
  if (feuillet_article_summary_get_trashed (summary) != NULL)
    {
      restore_from_trash (self, feuillet_article_summary_get_id (summary));
      return;
    }
  load_article (self, feuillet_article_summary_get_id (summary));
}

static void
on_list_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;

  summaries = feuillet_store_list_finish (FEUILLET_STORE (source), result, &error);
  if (summaries == NULL)
    {
      if (!is_cancelled (error))
        show_error (self, error);
      return;
    }

  g_list_store_splice (self->articles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->articles)),
                       summaries->pdata, summaries->len);

  gtk_stack_set_visible_child_name (self->sidebar_stack, summaries->len > 0 ? "list" : "no-results");
}

static void
on_tags_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_auto(GStrv) tags = feuillet_store_list_tags_finish (FEUILLET_STORE (source), result, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tags));
  guint selected = gtk_drop_down_get_selected (self->tag_filter);
  g_autofree char *selected_tag = NULL;
  gboolean same = tags != NULL && g_strv_length (tags) == n - 1;

  if (tags == NULL)
    return;
  for (guint i = 1; same && i < n; i++)
    same = g_str_equal (gtk_string_list_get_string (self->tags, i), tags[i - 1]);
  if (same)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    selected_tag = g_strdup (gtk_string_list_get_string (self->tags, selected));

  /* The filter keeps its tag while the list of tags changes. */
  g_signal_handlers_block_by_func (self->tag_filter, reload_list, self);
  gtk_string_list_splice (self->tags, 1, n - 1, (const char * const *)tags);
  gtk_drop_down_set_selected (self->tag_filter, 0);
  for (guint i = 0; selected_tag != NULL && tags[i] != NULL; i++)
    if (g_str_equal (tags[i], selected_tag))
      gtk_drop_down_set_selected (self->tag_filter, i + 1);
  g_signal_handlers_unblock_by_func (self->tag_filter, reload_list, self);

  /* The tag filtered on is used no more: the filter shows all tags, so does the list. */
  if (selected_tag != NULL && gtk_drop_down_get_selected (self->tag_filter) == 0)
    reload_list (self);
}

static void
refresh_tags (FeuilletWindow *self)
{
  feuillet_store_list_tags_async (self->store, self->cancellable, on_tags_listed_cb, g_object_ref (self));
}

/* What the status and tag filters and the trash button ask for. */
static FeuilletQuery *
filters_query (FeuilletWindow *self)
{
  FeuilletQuery *query = feuillet_query_new ();
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint tag = gtk_drop_down_get_selected (self->tag_filter);

  /* The first entry of each is "all". */
  query->has_status = status != GTK_INVALID_LIST_POSITION && status > 0;
  query->status = query->has_status ? status - 1 : 0;
  if (tag != GTK_INVALID_LIST_POSITION && tag > 0)
    query->tag = g_strdup (gtk_string_object_get_string (gtk_drop_down_get_selected_item (self->tag_filter)));
  query->trash = gtk_toggle_button_get_active (self->trash_toggle);

  return query;
}

static void
reload_list (FeuilletWindow *self)
{
  g_autoptr(FeuilletQuery) query = NULL;

  /* Only the newest query's answer matters. */
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();

  query = filters_query (self);
  adw_navigation_page_set_title (self->sidebar_page, query->trash ? _("Trash") : _("Articles"));

  /* The trash is listed, not searched. */
  if (!searching (self) || query->trash)
    {
      feuillet_article_list_model_set_filters (self->recent, query);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->recent));
      feuillet_article_list_model_reload (self->recent);
      return;
    }

  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->articles));
  query->limit = SIDEBAR_LIMIT;
  query->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  query->prefix = TRUE;
  feuillet_store_list_async (self->store, query, self->list_cancellable, on_list_ready_cb, g_object_ref (self));
}

/* The list read again, for an article this window added behind the editor's back. */
void
feuillet_window_reload_list (FeuilletWindow *self)
{
  reload_list (self);
}

static void
on_recent_failed_cb (FeuilletWindow *self,
                     const GError   *error)
{
  show_toast (self, error->message);
}

/* The library's list, empty or not. */
static void
on_recent_items_changed_cb (FeuilletWindow *self)
{
  FeuilletArticle *open = feuillet_editor_get_article (self->editor);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->recent));
  g_autoptr(FeuilletArticleSummary) first = NULL;

  if (searching (self))
    return;
  gtk_stack_set_visible_child_name (self->sidebar_stack, n_items > 0 ? "list" : "empty");

  /* Rows are replaced as pages are read again: the article being written, on top since its
   * last save, stays the selected one. */
  if (open == NULL || n_items == 0)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->recent), 0);
  if (feuillet_article_summary_get_id (first) == feuillet_article_get_id (open))
    gtk_single_selection_set_selected (self->selection, 0);
}

static void
on_search_changed_cb (FeuilletWindow *self,
                      GtkSearchEntry *entry)
{
  reload_list (self);
}

static void
on_editor_saved_cb (FeuilletWindow  *self,
                    FeuilletArticle *article,
                    FeuilletEditor  *editor)
{
  const char *title = feuillet_article_get_title (article);
  FeuilletArticle *current = feuillet_editor_get_article (editor);

  put_on_top (self, article);
  refresh_tags (self);
  if (current != NULL && feuillet_article_get_id (current) == feuillet_article_get_id (article))
    adw_navigation_page_set_title (self->content_page, title[0] ? title : _("New Article"));
}

static void
on_article_created_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = feuillet_store_create_finish (FEUILLET_STORE (source), result, &error);
  if (article == NULL)
    {
      if (!is_cancelled (error))
        show_toast (self, error->message);
      return;
    }

  put_on_top (self, article);
  open_article (self, article);
  feuillet_editor_focus_title (self->editor);
}

static void
new_article_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FeuilletWindow *self = FEUILLET_WINDOW (widget);
  g_autoptr(FeuilletArticle) article = feuillet_article_new ();
  g_autofree char *byline = g_settings_get_string (self->settings, "default-byline");
  g_autofree char *language = g_settings_get_string (self->settings, "default-language");

  g_object_set (article, "byline", byline, "language", language, NULL);
  feuillet_store_create_async (self->store, article, self->cancellable, on_article_created_cb, g_object_ref (self));
}

static void
on_history_restored_cb (FeuilletWindow        *self,
                        FeuilletArticle       *article,
                        FeuilletHistoryDialog *dialog)
{
  FeuilletArticle *open = feuillet_editor_get_article (self->editor);

  if (open != NULL && feuillet_article_get_id (open) == feuillet_article_get_id (article))
    open_article (self, article);
  put_on_top (self, article);
  show_toast (self, _("Version restored"));
}

static void
on_flushed_for_history_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  FeuilletArticle *article = feuillet_editor_get_article (self->editor);
  FeuilletHistoryDialog *dialog;

  /* What was typed is saved first: the dialog compares with it, and the editor cannot
   * later save its old text over a restore. */
  if (!feuillet_editor_flush_finish (FEUILLET_EDITOR (source), result, &error))
    {
      show_toast (self, error->message);
      return;
    }
  if (article == NULL)
    return;

  dialog = feuillet_history_dialog_new (self->store, article);
  g_signal_connect_object (dialog, "restored", G_CALLBACK (on_history_restored_cb), self, G_CONNECT_SWAPPED);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FeuilletWindow *self = FEUILLET_WINDOW (widget);

  if (feuillet_editor_get_article (self->editor) != NULL)
    feuillet_editor_flush_async (self->editor, NULL, on_flushed_for_history_cb, g_object_ref (self));
}

static void
toggle_metadata_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FeuilletWindow *self = FEUILLET_WINDOW (widget);

  gtk_toggle_button_set_active (self->metadata_button, !gtk_toggle_button_get_active (self->metadata_button));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FeuilletWindow *self = FEUILLET_WINDOW (widget);

  adw_navigation_split_view_set_show_content (self->split_view, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The filters live in a popover of the sidebar's header: the shortcut opens it, with
 * the status filter focused, the sidebar shown first when the window is narrow. */
static void
show_filters_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FeuilletWindow *self = FEUILLET_WINDOW (widget);

  adw_navigation_split_view_set_show_content (self->split_view, FALSE);
  gtk_menu_button_popup (self->filter_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->status_filter));
}

static void
on_untrashed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_store_untrash_finish (FEUILLET_STORE (source), result, &error))
    {
      if (!is_cancelled (error))
        show_toast (self, error->message);
      return;
    }
  reload_list (self);
}

/* The article the last "moved to the trash" toast is about, while that toast shows. */
static void
undo_trash (FeuilletWindow *self)
{
  gint64 id = self->last_trashed;

  if (id == 0)
    return;

  self->last_trashed = 0;
  if (self->trash_toast != NULL)
    adw_toast_dismiss (self->trash_toast);
  feuillet_store_untrash_async (self->store, id, self->cancellable, on_untrashed_cb, g_object_ref (self));
}

static void
undo_trash_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  undo_trash (FEUILLET_WINDOW (widget));
}

static void
on_trash_toast_dismissed_cb (FeuilletWindow *self,
                             AdwToast       *toast)
{
  if (toast == self->trash_toast)
    self->last_trashed = 0;
}

static void
on_trashed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree TrashData *data = user_data;
  g_autoptr(FeuilletWindow) self = data->window;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  guint position;

  if (!feuillet_store_trash_finish (FEUILLET_STORE (source), result, &error))
    {
      if (!is_cancelled (error))
        show_toast (self, error->message);
      return;
    }

  if (searching (self))
    {
      if (find_article (self, data->id, &position))
        g_list_store_remove (self->articles, position);
    }
  else
    {
      feuillet_article_list_model_reload (self->recent);
    }

  toast = adw_toast_new (_("Article moved to the trash"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Undo: the toast's button, or Ctrl+Z anywhere the text does not take it first. */
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_trash), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_trash_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  self->last_trashed = data->id;
  g_set_weak_pointer (&self->trash_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_flushed_for_trash_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  TrashData *data = user_data;
  g_autoptr(GError) error = NULL;

  /* An article whose last words could not be saved stays out of the trash, and open. */
  if (!feuillet_editor_flush_finish (FEUILLET_EDITOR (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The article could not be saved: %s"), error->message);

      show_toast (data->window, message);
      load_article (data->window, data->id);
      g_object_unref (data->window);
      g_free (data);
      return;
    }

  /* on_trashed_cb() takes @data. */
  feuillet_store_trash_async (data->window->store, data->id, data->window->cancellable, on_trashed_cb, data);
}

static void
trash_article (FeuilletWindow *self,
               gint64          id)
{
  FeuilletArticle *open = feuillet_editor_get_article (self->editor);
  TrashData *data = g_new0 (TrashData, 1);

  data->window = g_object_ref (self);
  data->id = id;

  if (open == NULL || feuillet_article_get_id (open) != id)
    {
      feuillet_store_trash_async (self->store, id, self->cancellable, on_trashed_cb, data);
      return;
    }

  /* The open article's last words are saved first. */
  feuillet_editor_flush_async (self->editor, NULL, on_flushed_for_trash_cb, data);
  close_article (self);
  adw_navigation_split_view_set_show_content (self->split_view, FALSE);
}

static void
trash_article_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FeuilletWindow *self = FEUILLET_WINDOW (widget);
  FeuilletArticle *article = feuillet_editor_get_article (self->editor);

  if (article != NULL)
    trash_article (self, feuillet_article_get_id (article));
}

/* Delete in the list sends the selected article to the trash, as in Files. */
static gboolean
on_list_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        FeuilletWindow        *self)
{
  FeuilletArticleSummary *summary;

  if ((keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;

  summary = gtk_single_selection_get_selected_item (self->selection);
  if (summary == NULL || feuillet_article_summary_get_id (summary) == 0)
    return GDK_EVENT_PROPAGATE;

  trash_article (self, feuillet_article_summary_get_id (summary));
  return GDK_EVENT_STOP;
}

static void
on_reloaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(FeuilletArticle) article = NULL;
  FeuilletArticle *open;

  article = feuillet_store_load_finish (FEUILLET_STORE (source), result, NULL);
  open = feuillet_editor_get_article (self->editor);

  /* Typing since then wins: what the other program wrote stays in the history. */
  if (article == NULL || open == NULL || feuillet_article_get_id (article) != feuillet_article_get_id (open) ||
      feuillet_editor_get_busy (self->editor))
    return;

  if (feuillet_article_get_trashed (article) != NULL)
    {
      close_article (self);
      show_toast (self, _("The article was moved to the trash by another program"));
      return;
    }

  if (!feuillet_article_equal_content (article, open))
    {
      feuillet_editor_reload (self->editor, article);
      feuillet_window_update_preview (self);
    }
}

/* feuillet-cli or another window changed the library. */
static void
on_library_changed_cb (FeuilletWindow *self,
                       FeuilletStore  *store)
{
  FeuilletArticle *open = feuillet_editor_get_article (self->editor);

  reload_list (self);
  refresh_tags (self);
  feuillet_window_refresh_sites (self);
  if (open != NULL && !feuillet_editor_get_busy (self->editor))
    feuillet_store_load_async (self->store, feuillet_article_get_id (open), self->cancellable,
                               on_reloaded_cb, g_object_ref (self));
}

static void
on_welcome_created_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = feuillet_store_create_finish (FEUILLET_STORE (source), result, &error);
  if (article == NULL)
    {
      if (!is_cancelled (error))
        show_toast (self, error->message);
      return;
    }

  g_settings_set_boolean (self->settings, "first-run", FALSE);
  put_on_top (self, article);
  open_article (self, article);
}

static void
on_store_opened_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 last;

  if (!feuillet_store_open_finish (FEUILLET_STORE (source), result, &error))
    {
      if (!is_cancelled (error))
        show_error (self, error);
      return;
    }

  feuillet_window_refresh_sites (self);

  /* The store runs its jobs in order: the list read next already holds the welcome article. */
  if (g_settings_get_boolean (self->settings, "first-run"))
    {
      g_autoptr(FeuilletArticle) welcome = feuillet_welcome_article_new ();

      feuillet_store_create_async (self->store, welcome, self->cancellable, on_welcome_created_cb, g_object_ref (self));
      refresh_tags (self);
      reload_list (self);
      return;
    }

  reload_list (self);

  last = g_settings_get_int64 (self->settings, "last-article");
  if (last > 0)
    load_article (self, last);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "numeric");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  FeuilletArticleSummary *summary = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_last_child (box);
  const char *title_text = feuillet_article_summary_get_title (summary);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *details_text = NULL;
  guint signes = feuillet_article_summary_get_signes (summary);

  /* Not read yet: an empty row for now. */
  if (feuillet_article_summary_get_id (summary) == 0)
    {
      gtk_label_set_label (GTK_LABEL (title), "…");
      gtk_label_set_label (GTK_LABEL (details), "");
      gtk_list_item_set_accessible_label (item, _("Loading…"));
      return;
    }

  local = g_date_time_to_local (feuillet_article_summary_get_updated (summary));
  when = g_date_time_format (local, "%x %H:%M");

  /* Translators: an article's status, when it last changed and its length in signes */
  details_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %'u signe", "%s · %s · %'u signes", signes),
                                  feuillet_article_status_get_label (feuillet_article_summary_get_status (summary)),
                                  when, signes);

  gtk_label_set_label (GTK_LABEL (title), title_text[0] != '\0' ? title_text : _("Untitled"));
  gtk_label_set_label (GTK_LABEL (details), details_text);
  gtk_list_item_set_accessible_label (item, title_text[0] != '\0' ? title_text : _("Untitled"));
}

static void
on_flushed_for_close_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_editor_flush_finish (FEUILLET_EDITOR (source), result, &error))
    {
      /* Never close on words that are not in the library. */
      g_autofree char *message = g_strdup_printf (_("The article could not be saved: %s"), error->message);

      self->closing = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
      show_toast (self, message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
feuillet_window_close_request (GtkWindow *window)
{
  FeuilletWindow *self = FEUILLET_WINDOW (window);

  if (self->closing || !feuillet_editor_get_busy (self->editor))
    return GTK_WINDOW_CLASS (feuillet_window_parent_class)->close_request (window);

  /* Hide at once, close once the last words are in the library. */
  self->closing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  feuillet_editor_flush_async (self->editor, NULL, on_flushed_for_close_cb, g_object_ref (self));
  return TRUE;
}

static void
feuillet_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FeuilletWindow *self = FEUILLET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, feuillet_window_get_show_preview (self));
      break;
    case PROP_OUTBOX_SENDER:
      g_value_set_object (value, self->outbox_sender);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FeuilletWindow *self = FEUILLET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_PREVIEW:
      if (g_value_get_boolean (value) != feuillet_window_get_show_preview (self))
        {
          feuillet_window_set_show_preview (self, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_OUTBOX_SENDER:
      if (g_value_get_object (value) != self->outbox_sender)
        {
          feuillet_window_set_outbox_sender (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_window_dispose (GObject *object)
{
  FeuilletWindow *self = (FeuilletWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->list_cancellable);

  /* Answers still on their way must not reach a window without widgets. */
  if (self->recent != NULL)
    g_signal_handlers_disconnect_by_data (self->recent, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  self->editor = NULL;
  self->preview = NULL;
  feuillet_window_dispose_publish (self);
  g_clear_handle_id (&self->preview_idle, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), FEUILLET_TYPE_WINDOW);

  G_OBJECT_CLASS (feuillet_window_parent_class)->dispose (object);
}

static void
feuillet_window_finalize (GObject *object)
{
  FeuilletWindow *self = (FeuilletWindow *)object;

  g_clear_object (&self->articles);
  g_clear_object (&self->recent);
  g_clear_object (&self->tags);
  g_clear_weak_pointer (&self->trash_toast);
  g_clear_weak_pointer (&self->editor_focus);
  g_clear_object (&self->selection);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (feuillet_window_parent_class)->finalize (object);
}

static void
feuillet_window_class_init (FeuilletWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = feuillet_window_dispose;
  object_class->finalize = feuillet_window_finalize;
  object_class->get_property = feuillet_window_get_property;
  object_class->set_property = feuillet_window_set_property;
  window_class->close_request = feuillet_window_close_request;

  /* Whether the article's preview is shown: beside the text, or in turn with it. */
  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The application's outbox sender: the window tells what it sent, and its open article
   * learns what was recorded. */
  properties[PROP_OUTBOX_SENDER] =
    g_param_spec_object ("outbox-sender", NULL, NULL, FEUILLET_TYPE_OUTBOX_SENDER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/feuillet-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, narrow_breakpoint);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, split_view);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, sidebar_page);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, status_filter);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, tag_filter);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, trash_toggle);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, article_list);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, content_page);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, metadata_button);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, preview_breakpoint);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, editor_paned);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, publish_stack);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, publish_button);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, publish_sites);

  gtk_widget_class_install_action (widget_class, "win.new-article", NULL, new_article_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-article", NULL);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-filters", NULL, show_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-filters", NULL);
  gtk_widget_class_install_action (widget_class, "win.trash-article", NULL, trash_article_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-metadata", NULL, toggle_metadata_action);
  gtk_widget_class_install_action (widget_class, "win.undo-trash", NULL, undo_trash_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo-trash", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.show-history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-metadata", NULL);
  feuillet_window_class_add_preview_actions (widget_class);
  feuillet_window_class_add_publish_actions (widget_class);
}

static void
feuillet_window_init (FeuilletWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) statuses = NULL;
  g_autoptr(GtkExpression) expression = NULL;
  GtkEventController *list_keys;
  GtkWidget *no_results;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->articles = g_list_store_new (FEUILLET_TYPE_ARTICLE_SUMMARY);
  self->cancellable = g_cancellable_new ();
  self->list_cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->article_list, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->article_list, factory);
  g_signal_connect_swapped (self->article_list, "activate", G_CALLBACK (on_article_list_activate_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  list_keys = gtk_event_controller_key_new ();
  g_signal_connect (list_keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->article_list), list_keys);

  no_results = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (no_results), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (no_results), _("No Results Found"));
  adw_status_page_set_description (ADW_STATUS_PAGE (no_results), _("Try other words"));
  gtk_widget_add_css_class (no_results, "compact");
  gtk_stack_add_named (self->sidebar_stack, no_results, "no-results");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.trash-article", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history", FALSE);
  feuillet_window_init_preview (self);
  feuillet_window_init_publish (self);

  statuses = gtk_string_list_new (NULL);
  gtk_string_list_append (statuses, _("All Statuses"));
  for (FeuilletArticleStatus status = FEUILLET_ARTICLE_STATUS_IDEA; status <= FEUILLET_ARTICLE_STATUS_PUBLISHED; status++)
    gtk_string_list_append (statuses, feuillet_article_status_get_label (status));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  self->tags = gtk_string_list_new (NULL);
  gtk_string_list_append (self->tags, _("All Tags"));
  gtk_drop_down_set_model (self->tag_filter, G_LIST_MODEL (self->tags));
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->tag_filter, expression);
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (reload_list), self);
  g_signal_connect_swapped (self->tag_filter, "notify::selected", G_CALLBACK (reload_list), self);
  g_signal_connect_swapped (self->trash_toggle, "toggled", G_CALLBACK (reload_list), self);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sidebar-width", self->split_view, "max-sidebar-width", G_SETTINGS_BIND_GET);
}

FeuilletWindow *
feuillet_window_new (FeuilletApplication *application)
{
  FeuilletWindow *self;

  g_return_val_if_fail (FEUILLET_IS_APPLICATION (application), NULL);

  self = g_object_new (FEUILLET_TYPE_WINDOW, "application", application, NULL);
  self->store = feuillet_application_get_store (application);

  self->recent = feuillet_article_list_model_new (self->store);
  g_signal_connect_object (self->recent, "failed", G_CALLBACK (on_recent_failed_cb), self, G_CONNECT_SWAPPED);
  /* After the selection model has seen the change, so that re-selecting sticks. */
  g_signal_connect_object (self->recent, "items-changed", G_CALLBACK (on_recent_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->recent));

  self->editor = feuillet_editor_new (self->store);
  gtk_paned_set_start_child (self->editor_paned, GTK_WIDGET (self->editor));
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_library_changed_cb), self, G_CONNECT_SWAPPED);
  /* Narrow, the details cover the text instead of sitting beside it. */
  adw_breakpoint_add_setters (self->narrow_breakpoint, G_OBJECT (self->editor), "narrow", TRUE, NULL);
  g_object_bind_property (self->metadata_button, "active", self->editor, "show-metadata",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  /* The window shows at once; the library fills it when it is open. */
  feuillet_store_open_async (self->store, self->cancellable, on_store_opened_cb, g_object_ref (self));

  return self;
}

/**
 * feuillet_window_show_toast:
 * @message: one short sentence, translated
 *
 * Tells the user something that needs no answer, at the foot of the window.
 */
void
feuillet_window_show_toast (FeuilletWindow *self,
                            const char     *message)
{
  g_return_if_fail (FEUILLET_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  show_toast (self, message);
}
