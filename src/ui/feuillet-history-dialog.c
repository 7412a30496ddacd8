/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-diff.h"
#include "feuillet-history-dialog.h"
#include "feuillet-text.h"

/*
 * The history of one article: its revisions, newest first, and for the one selected what
 * changed between it and the article as it is now, word by word. The comparison runs on a
 * worker thread (it is pure: strings in, chunks out), so a long article never stalls the
 * window. Restoring is a store call; the store keeps the replaced text as a revision of its
 * own, so a restore can itself be undone from here.
 */

/* A comparison that takes longer than this shows a spinner instead of the previous one. */
#define SPINNER_DELAY_MS 200

/* The article's copy the comparison covers, in the order it is shown. */
typedef enum
{
  FIELD_TITLE,
  FIELD_CHAPEAU,
  FIELD_BODY,
  N_FIELDS
} Field;

struct _FeuilletHistoryDialog
{
  AdwDialog parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwStatusPage *error_page;
  AdwNavigationSplitView *split_view;
  GtkListView *revision_list;
  AdwNavigationPage *changes_page;
  GtkStack *changes_stack;
  GtkLabel *legend_label;
  GtkTextView *diff_view;
  GtkLabel *counts_label;

  /* owned */
  FeuilletStore *store;
  /* the article as it is now: a copy, so the editor's later saves do not change it */
  FeuilletArticle *article;
  GListStore *revisions;
  GtkSingleSelection *selection;
  /* FeuilletRevision* → its length in signes, counted once */
  GHashTable *signes;
  /* cancelled when the dialog goes away */
  GCancellable *cancellable;
  /* the comparison under way, if any */
  GCancellable *diff_cancellable;
  guint spinner_source;
  gboolean restoring;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_ARTICLE,
  N_PROPS
};

enum {
  RESTORED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FeuilletHistoryDialog, feuillet_history_dialog, ADW_TYPE_DIALOG)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* What the worker thread gets: copies, so it shares nothing with the main thread. */
typedef struct
{
  char *old_text[N_FIELDS];
  char *new_text[N_FIELDS];
} DiffInput;

typedef struct
{
  /* FeuilletDiffChunk* for each field */
  GPtrArray *chunks[N_FIELDS];
  guint words_added;
  guint words_removed;
} DiffResult;

static void
diff_input_free (DiffInput *input)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_free (input->old_text[i]);
      g_free (input->new_text[i]);
    }
  g_free (input);
}

static void
diff_result_free (DiffResult *result)
{
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&result->chunks[i], g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DiffResult, diff_result_free)

static const char *
article_field (FeuilletArticle *article,
               Field            field)
{
  switch (field)
    {
    case FIELD_TITLE: return feuillet_article_get_title (article);
    case FIELD_CHAPEAU: return feuillet_article_get_chapeau (article);
    case FIELD_BODY: return feuillet_article_get_body (article);
    case N_FIELDS:
    default: g_assert_not_reached ();
    }
}

static const char *
field_label (Field field)
{
  switch (field)
    {
    case FIELD_TITLE: return _("Title");
    case FIELD_CHAPEAU: return _("Chapeau");
    case FIELD_BODY: return _("Body");
    case N_FIELDS:
    default: g_assert_not_reached ();
    }
}

/* The tag that styles a field's text like the editor does, if any. */
static const char *
field_tag (Field field)
{
  switch (field)
    {
    case FIELD_TITLE: return "title";
    case FIELD_CHAPEAU: return "chapeau";
    case FIELD_BODY: return NULL;
    case N_FIELDS:
    default: g_assert_not_reached ();
    }
}

static void
diff_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DiffInput *input = task_data;
  g_autoptr(DiffResult) result = g_new0 (DiffResult, 1);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;

      result->chunks[i] = feuillet_diff_words (input->old_text[i], input->new_text[i]);
      for (guint j = 0; j < result->chunks[i]->len; j++)
        {
          FeuilletDiffChunk *chunk = result->chunks[i]->pdata[j];

          if (chunk->op == FEUILLET_DIFF_INSERT)
            result->words_added += feuillet_text_count_words (chunk->text);
          else if (chunk->op == FEUILLET_DIFF_DELETE)
            result->words_removed += feuillet_text_count_words (chunk->text);
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) diff_result_free);
}

static char *
format_when (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  /* Translators: when a version of an article was saved, as in “12 March 2025, 14:05”;
   * see https://docs.gtk.org/glib/method.DateTime.format.html for the codes */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static guint
revision_signes (FeuilletHistoryDialog *self,
                 FeuilletRevision      *revision)
{
  FeuilletArticle *article = feuillet_revision_get_article (revision);
  FeuilletCounts counts;
  gpointer signes;

  if (g_hash_table_lookup_extended (self->signes, revision, NULL, &signes))
    return GPOINTER_TO_UINT (signes);

  feuillet_text_count (feuillet_article_get_title (article), feuillet_article_get_chapeau (article),
                       feuillet_article_get_body (article), &counts);
  g_hash_table_insert (self->signes, revision, GUINT_TO_POINTER (counts.signes));
  return counts.signes;
}

static gboolean
is_current (FeuilletHistoryDialog *self,
            FeuilletRevision      *revision)
{
  return feuillet_article_equal_content (feuillet_revision_get_article (revision), self->article);
}

static void
update_restore_enabled (FeuilletHistoryDialog *self)
{
  FeuilletRevision *revision = gtk_single_selection_get_selected_item (self->selection);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore",
                                 !self->restoring && revision != NULL && !is_current (self, revision));
}

static void
insert_tagged (GtkTextBuffer *buffer,
               GtkTextIter   *iter,
               const char    *text,
               const char    *tag,
               const char    *other_tag)
{
  int start_offset = gtk_text_iter_get_offset (iter);
  GtkTextIter start;

  gtk_text_buffer_insert (buffer, iter, text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  if (tag != NULL)
    gtk_text_buffer_apply_tag_by_name (buffer, tag, &start, iter);
  if (other_tag != NULL)
    gtk_text_buffer_apply_tag_by_name (buffer, other_tag, &start, iter);
}

static void
insert_heading (GtkTextBuffer *buffer,
                GtkTextIter   *iter,
                const char    *heading)
{
  if (!gtk_text_iter_is_start (iter))
    gtk_text_buffer_insert (buffer, iter, "\n", 1);
  insert_tagged (buffer, iter, heading, "heading", NULL);
  gtk_text_buffer_insert (buffer, iter, "\n", 1);
}

static void
insert_chunks (GtkTextBuffer *buffer,
               GtkTextIter   *iter,
               GPtrArray     *chunks,
               const char    *tag)
{
  if (chunks->len == 0)
    {
      /* Translators: shown for a field of the article that holds no text */
      insert_tagged (buffer, iter, C_("field", "Empty"), "empty", NULL);
      return;
    }

  for (guint i = 0; i < chunks->len; i++)
    {
      FeuilletDiffChunk *chunk = chunks->pdata[i];
      const char *change = NULL;

      if (chunk->op == FEUILLET_DIFF_INSERT)
        change = "inserted";
      else if (chunk->op == FEUILLET_DIFF_DELETE)
        change = "deleted";
      insert_tagged (buffer, iter, chunk->text, tag, change);
    }
}

/* A field outside the copy (status, tags…), shown only when it changed: old → new. */
static void
insert_detail (GtkTextBuffer *buffer,
               GtkTextIter   *iter,
               gboolean      *any,
               const char    *label,
               const char    *old_value,
               const char    *new_value)
{
  g_autofree char *name = NULL;

  if (g_strcmp0 (old_value, new_value) == 0)
    return;

  if (!*any)
    {
      /* Translators: the heading of what changed besides the title, chapeau and body */
      insert_heading (buffer, iter, _("Details"));
      *any = TRUE;
    }
  else
    {
      gtk_text_buffer_insert (buffer, iter, "\n", 1);
    }

  /* Translators: a field's name before its value in this version and now */
  name = g_strdup_printf (_("%s: "), label);
  gtk_text_buffer_insert (buffer, iter, name, -1);
  if (old_value[0] != '\0')
    insert_tagged (buffer, iter, old_value, "deleted", NULL);
  if (old_value[0] != '\0' && new_value[0] != '\0')
    gtk_text_buffer_insert (buffer, iter, " ", 1);
  if (new_value[0] != '\0')
    insert_tagged (buffer, iter, new_value, "inserted", NULL);
}

/* The ordered length, or nothing when none was ordered. */
static char *
format_target (guint target)
{
  if (target == 0)
    return g_strdup ("");

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u signe", "%'u signes", target), target);
}

/* Returns whether any detail differs. */
static gboolean
insert_details (FeuilletHistoryDialog *self,
                GtkTextBuffer         *buffer,
                GtkTextIter           *iter,
                FeuilletArticle       *old)
{
  g_autofree char *old_tags = g_strjoinv (", ", (char **) feuillet_article_get_tags (old));
  g_autofree char *new_tags = g_strjoinv (", ", (char **) feuillet_article_get_tags (self->article));
  g_autofree char *old_target = format_target (feuillet_article_get_target (old));
  g_autofree char *new_target = format_target (feuillet_article_get_target (self->article));
  gboolean any = FALSE;

  insert_detail (buffer, iter, &any, _("Status"),
                 feuillet_article_status_get_label (feuillet_article_get_status (old)),
                 feuillet_article_status_get_label (feuillet_article_get_status (self->article)));
  insert_detail (buffer, iter, &any, _("Category"),
                 feuillet_article_get_category (old), feuillet_article_get_category (self->article));
  insert_detail (buffer, iter, &any, _("Tags"), old_tags, new_tags);
  insert_detail (buffer, iter, &any, _("Byline"),
                 feuillet_article_get_byline (old), feuillet_article_get_byline (self->article));
  insert_detail (buffer, iter, &any, _("Ordered length"), old_target, new_target);

  return any;
}

static void
show_diff (FeuilletHistoryDialog *self,
           FeuilletRevision      *revision,
           DiffResult            *diff)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *legend = NULL;
  g_autofree char *escaped_added = NULL;
  g_autofree char *escaped_removed = NULL;
  gboolean text_changed = FALSE;
  GtkTextIter iter;

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  /* The details first: a few lines, not to be missed below a long body. */
  if (insert_details (self, buffer, &iter, feuillet_revision_get_article (revision)))
    gtk_text_buffer_insert (buffer, &iter, "\n", 1);
  for (Field field = 0; field < N_FIELDS; field++)
    {
      insert_heading (buffer, &iter, field_label (field));
      insert_chunks (buffer, &iter, diff->chunks[field], field_tag (field));
      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
      for (guint i = 0; i < diff->chunks[field]->len; i++)
        text_changed |= ((FeuilletDiffChunk *) diff->chunks[field]->pdata[i])->op != FEUILLET_DIFF_EQUAL;
    }

  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->diff_view)), 0);

  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u word added", "%'u words added",
                                        diff->words_added),
                           diff->words_added);
  removed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u word removed", "%'u words removed",
                                          diff->words_removed),
                             diff->words_removed);
  escaped_added = g_markup_escape_text (added, -1);
  escaped_removed = g_markup_escape_text (removed, -1);
  if (text_changed)
    {
      /* Translators: above the changes since a version: the words added and removed since,
       * then how they are shown. Keep the <u> and <s> tags around the words that say so. */
      legend = g_strdup_printf (_("Since this version: %s, %s. <u>Underlined</u>: added since. "
                                  "<s>Struck through</s>: removed since, brought back by restoring."),
                                escaped_added, escaped_removed);
    }
  else
    {
      /* Translators: above the changes since a version whose text is the one of now */
      legend = g_markup_escape_text (_("Since this version, the text has not changed; the details have."),
                                     -1);
    }
  gtk_label_set_markup (self->legend_label, legend);

  gtk_stack_set_visible_child_name (self->changes_stack, "diff");
}

static gboolean
on_spinner_timeout_cb (gpointer user_data)
{
  FeuilletHistoryDialog *self = user_data;

  self->spinner_source = 0;
  gtk_stack_set_visible_child_name (self->changes_stack, "computing");
  return G_SOURCE_REMOVE;
}

static void
on_diff_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FeuilletHistoryDialog *self = FEUILLET_HISTORY_DIALOG (source);
  g_autoptr(FeuilletRevision) revision = user_data;
  g_autoptr(DiffResult) diff = NULL;

  /* Cancelled only: a newer comparison is under way, or the dialog is gone. */
  diff = g_task_propagate_pointer (G_TASK (result), NULL);
  if (diff == NULL)
    return;

  g_clear_handle_id (&self->spinner_source, g_source_remove);
  show_diff (self, revision, diff);
}

static void
compare_revision (FeuilletHistoryDialog *self,
                  FeuilletRevision      *revision)
{
  FeuilletArticle *old = feuillet_revision_get_article (revision);
  g_autoptr(GTask) task = NULL;
  DiffInput *input = g_new0 (DiffInput, 1);

  for (Field field = 0; field < N_FIELDS; field++)
    {
      input->old_text[field] = g_strdup (article_field (old, field));
      input->new_text[field] = g_strdup (article_field (self->article, field));
    }

  self->diff_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->diff_cancellable, on_diff_ready_cb, g_object_ref (revision));
  g_task_set_source_tag (task, compare_revision);
  g_task_set_task_data (task, input, (GDestroyNotify) diff_input_free);
  g_task_run_in_thread (task, diff_thread);

  if (self->spinner_source == 0)
    self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, on_spinner_timeout_cb, self);
}

static void
show_revision (FeuilletHistoryDialog *self)
{
  FeuilletRevision *revision = gtk_single_selection_get_selected_item (self->selection);
  FeuilletArticle *old;
  g_autofree char *when = NULL;
  g_autofree char *counts_text = NULL;
  FeuilletCounts counts;

  g_cancellable_cancel (self->diff_cancellable);
  g_clear_object (&self->diff_cancellable);
  update_restore_enabled (self);

  if (revision == NULL)
    return;

  old = feuillet_revision_get_article (revision);
  when = format_when (feuillet_revision_get_updated (revision));
  adw_navigation_page_set_title (self->changes_page, when);

  feuillet_text_count (feuillet_article_get_title (old), feuillet_article_get_chapeau (old),
                       feuillet_article_get_body (old), &counts);
  counts_text = feuillet_text_format_counts (&counts);
  gtk_label_set_label (self->counts_label, counts_text);

  if (is_current (self, revision))
    {
      g_clear_handle_id (&self->spinner_source, g_source_remove);
      gtk_stack_set_visible_child_name (self->changes_stack, "same");
      return;
    }

  compare_revision (self, revision);
}

static void
on_selected_changed_cb (FeuilletHistoryDialog *self,
                        GParamSpec            *pspec,
                        GtkSingleSelection    *selection)
{
  show_revision (self);
}

/* Enter or a click on a version: on a narrow screen, go and see its changes. */
static void
on_revision_activate_cb (FeuilletHistoryDialog *self,
                         guint                  position,
                         GtkListView           *list_view)
{
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              FeuilletHistoryDialog    *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *when = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_label_set_ellipsize (GTK_LABEL (when), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (when, "numeric");
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "numeric");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             FeuilletHistoryDialog    *self)
{
  FeuilletRevision *revision = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *when_label = gtk_widget_get_first_child (box);
  GtkWidget *details_label = gtk_widget_get_last_child (box);
  g_autofree char *when = format_when (feuillet_revision_get_updated (revision));
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  guint signes = revision_signes (self, revision);

  /* Translators: why a version was kept (“Edited”) and its length */
  details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %'u signe", "%s · %'u signes", signes),
                             feuillet_revision_reason_get_label (feuillet_revision_get_reason (revision)),
                             signes);
  gtk_label_set_label (GTK_LABEL (when_label), when);
  gtk_label_set_label (GTK_LABEL (details_label), details);

  /* Translators: how a screen reader says a version: its date, then why it was kept and its length */
  accessible = g_strdup_printf (_("%s, %s"), when, details);
  gtk_list_item_set_accessible_label (item, accessible);
}

static void
on_revisions_loaded_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(FeuilletHistoryDialog) self = user_data;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  guint position = 0;

  revisions = feuillet_store_list_revisions_finish (FEUILLET_STORE (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (revisions == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      return;
    }

  if (revisions->len <= 1)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* Newest first. */
  for (guint i = revisions->len; i > 0; i--)
    g_list_store_append (self->revisions, revisions->pdata[i - 1]);

  /* Start on the newest version that differs from the text as it is now. */
  for (guint i = 0; i < revisions->len; i++)
    {
      g_autoptr(FeuilletRevision) revision = g_list_model_get_item (G_LIST_MODEL (self->revisions), i);

      if (!is_current (self, revision))
        {
          position = i;
          break;
        }
    }

  gtk_stack_set_visible_child_name (self->stack, "history");
  /* Selecting shows the changes; the focus goes to that row, for the arrow keys. */
  gtk_single_selection_set_selected (self->selection, position);
  gtk_list_view_scroll_to (self->revision_list, position, GTK_LIST_SCROLL_FOCUS, NULL);
  adw_dialog_set_focus (ADW_DIALOG (self), GTK_WIDGET (self->revision_list));
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FeuilletHistoryDialog) self = user_data;
  g_autoptr(FeuilletArticle) restored = NULL;
  g_autoptr(GError) error = NULL;

  restored = feuillet_store_restore_finish (FEUILLET_STORE (source), result, &error);
  self->restoring = FALSE;
  adw_dialog_set_can_close (ADW_DIALOG (self), TRUE);

  if (restored == NULL)
    {
      g_autofree char *message = NULL;

      /* The dialog went away while the library worked: nowhere to say it. */
      if (g_cancellable_is_cancelled (self->cancellable))
        return;

      /* Translators: %s is the library's explanation */
      message = g_strdup_printf (_("This version could not be restored: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      update_restore_enabled (self);
      return;
    }

  /* Even if the dialog is gone, the window must show the restored text. */
  g_signal_emit (self, signals[RESTORED], 0, restored);
  if (!g_cancellable_is_cancelled (self->cancellable))
    adw_dialog_close (ADW_DIALOG (self));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FeuilletHistoryDialog *self = FEUILLET_HISTORY_DIALOG (widget);
  FeuilletRevision *revision = gtk_single_selection_get_selected_item (self->selection);

  if (revision == NULL || self->restoring)
    return;

  /* The write is not cancellable: once asked for, it is reported, dialog or not. */
  self->restoring = TRUE;
  update_restore_enabled (self);
  adw_dialog_set_can_close (ADW_DIALOG (self), FALSE);
  feuillet_store_restore_async (self->store, feuillet_article_get_id (self->article),
                                feuillet_revision_get_number (revision), NULL,
                                on_restored_cb, g_object_ref (self));
}

static void
feuillet_history_dialog_constructed (GObject *object)
{
  FeuilletHistoryDialog *self = (FeuilletHistoryDialog *)object;

  G_OBJECT_CLASS (feuillet_history_dialog_parent_class)->constructed (object);

  g_assert (FEUILLET_IS_STORE (self->store));
  g_assert (FEUILLET_IS_ARTICLE (self->article));

  feuillet_store_list_revisions_async (self->store, feuillet_article_get_id (self->article),
                                       self->cancellable, on_revisions_loaded_cb, g_object_ref (self));
}

static void
feuillet_history_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  FeuilletHistoryDialog *self = FEUILLET_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_history_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  FeuilletHistoryDialog *self = FEUILLET_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ARTICLE:
      if (g_value_get_object (value) != NULL)
        self->article = feuillet_article_copy (g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_history_dialog_dispose (GObject *object)
{
  FeuilletHistoryDialog *self = (FeuilletHistoryDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->diff_cancellable);
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), FEUILLET_TYPE_HISTORY_DIALOG);

  G_OBJECT_CLASS (feuillet_history_dialog_parent_class)->dispose (object);
}

static void
feuillet_history_dialog_finalize (GObject *object)
{
  FeuilletHistoryDialog *self = (FeuilletHistoryDialog *)object;

  g_clear_object (&self->selection);
  g_clear_object (&self->revisions);
  g_clear_pointer (&self->signes, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->diff_cancellable);
  g_clear_object (&self->article);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (feuillet_history_dialog_parent_class)->finalize (object);
}

static void
feuillet_history_dialog_class_init (FeuilletHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = feuillet_history_dialog_constructed;
  object_class->get_property = feuillet_history_dialog_get_property;
  object_class->set_property = feuillet_history_dialog_set_property;
  object_class->dispose = feuillet_history_dialog_dispose;
  object_class->finalize = feuillet_history_dialog_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         FEUILLET_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Copied when set: the dialog compares against the article as it was when it opened. */
  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         FEUILLET_TYPE_ARTICLE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FeuilletHistoryDialog::restored:
   * @article: the article as the library now has it, back to the chosen version
   *
   * Emitted once the restore is in the library; the dialog then closes.
   */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, FEUILLET_TYPE_ARTICLE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/feuillet-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FeuilletHistoryDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FeuilletHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, FeuilletHistoryDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, FeuilletHistoryDialog, split_view);
  gtk_widget_class_bind_template_child (widget_class, FeuilletHistoryDialog, revision_list);
  gtk_widget_class_bind_template_child (widget_class, FeuilletHistoryDialog, changes_page);
  gtk_widget_class_bind_template_child (widget_class, FeuilletHistoryDialog, changes_stack);
  gtk_widget_class_bind_template_child (widget_class, FeuilletHistoryDialog, legend_label);
  gtk_widget_class_bind_template_child (widget_class, FeuilletHistoryDialog, diff_view);
  gtk_widget_class_bind_template_child (widget_class, FeuilletHistoryDialog, counts_label);

  gtk_widget_class_install_action (widget_class, "history.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "history.restore", NULL);
}

static void
feuillet_history_dialog_init (FeuilletHistoryDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->signes = g_hash_table_new (NULL, NULL);
  self->revisions = g_list_store_new (FEUILLET_TYPE_REVISION);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->revisions)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selected_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_model (self->revision_list, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->revision_list, factory);
  g_signal_connect_object (self->revision_list, "activate", G_CALLBACK (on_revision_activate_cb), self,
                           G_CONNECT_SWAPPED);

  /* Added and removed words are told apart by more than their colour. */
  buffer = gtk_text_view_get_buffer (self->diff_view);
  gtk_text_buffer_create_tag (buffer, "heading",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", PANGO_SCALE_SMALL,
                              "pixels-above-lines", 12,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "title",
                              "weight", PANGO_WEIGHT_ULTRABOLD,
                              "scale", 1.6,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "chapeau",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.1,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "empty",
                              "style", PANGO_STYLE_ITALIC,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "inserted",
                              "background-rgba", &(GdkRGBA) { 0.18, 0.76, 0.49, 0.30 },
                              "underline", PANGO_UNDERLINE_SINGLE,
                              "underline-rgba", &(GdkRGBA) { 0.15, 0.64, 0.41, 1.0 },
                              NULL);
  gtk_text_buffer_create_tag (buffer, "deleted",
                              "background-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 0.20 },
                              "strikethrough", TRUE,
                              "strikethrough-rgba", &(GdkRGBA) { 0.75, 0.11, 0.16, 1.0 },
                              NULL);

  gtk_stack_set_visible_child_name (self->changes_stack, "computing");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore", FALSE);
}

/**
 * feuillet_history_dialog_new:
 * @store: the library the article is in
 * @article: the article as it is now; the dialog compares its versions against this copy
 *
 * Present it with adw_dialog_present(); connect to #FeuilletHistoryDialog::restored to show
 * the restored text.
 */
FeuilletHistoryDialog *
feuillet_history_dialog_new (FeuilletStore   *store,
                             FeuilletArticle *article)
{
  g_return_val_if_fail (FEUILLET_IS_STORE (store), NULL);
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (article), NULL);

  return g_object_new (FEUILLET_TYPE_HISTORY_DIALOG,
                       "store", store,
                       "article", article,
                       NULL);
}
