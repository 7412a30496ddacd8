/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-conflict-dialog.h"
#include "feuillet-html-import.h"
#include "feuillet-json.h"
#include "feuillet-publisher.h"

struct _FeuilletConflictDialog
{
  AdwDialog parent_instance;

  /* widgets */
  GtkLabel *message_label;
  GtkStack *stack;
  GtkLabel *fetch_error_label;
  GtkLabel *server_title;
  GtkTextView *server_text;
  GtkLabel *mine_title;
  GtkTextView *mine_text;
  GtkWidget *overwrite_button;
  GtkWidget *copy_button;

  /* owned */
  FeuilletStore *store;
  FeuilletSite *site;
  FeuilletArticle *article;
  GCancellable *cancellable;
  /* the site's version as fetched: what becomes the base on "overwrite" */
  char *server_modified;
  char *server_base;
};

enum {
  OVERWRITE,
  SAVE_COPY,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (FeuilletConflictDialog, feuillet_conflict_dialog, ADW_TYPE_DIALOG)

/* A post's title or content as written (context=edit), not as displayed. */
static const char *
member_raw (JsonObject *post,
            const char *member)
{
  return feuillet_json_get_string (feuillet_json_get_object (post, member), "raw");
}

static void
show_fetch_error (FeuilletConflictDialog *self,
                  const GError           *error)
{
  g_autofree char *message = NULL;

  /* Translators: %s says why the site's version could not be read. */
  message = g_strdup_printf (_("The site’s version could not be read: %s"), error->message);
  gtk_label_set_label (self->fetch_error_label, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  /* Keeping a copy needs nothing from the site. */
  gtk_widget_set_sensitive (self->copy_button, TRUE);
}

static void
on_post_fetched_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FeuilletConflictDialog) self = user_data;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  JsonObject *post;
  const char *modified;
  const char *title;
  const char *content;

  answer = feuillet_wp_client_request_finish (FEUILLET_WP_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_fetch_error (self, error);
      return;
    }

  post = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  modified = feuillet_json_get_string (post, "modified_gmt");
  title = member_raw (post, "title");
  content = member_raw (post, "content");
  if (modified == NULL || title == NULL || content == NULL)
    {
      g_set_error (&error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER,
                   _("The answer of %s is not a WordPress post"), self->site->url);
      show_fetch_error (self, error);
      return;
    }

  g_set_str (&self->server_modified, modified);
  g_set_str (&self->server_base, content);

  /* Both sides as Markdown, so that only what differs reads differently. */
  markdown = feuillet_html_to_markdown (content, -1, NULL);
  gtk_label_set_label (self->server_title, title[0] != '\0' ? title : _("Untitled"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->server_text), markdown, -1);
  gtk_stack_set_visible_child_name (self->stack, "compare");
  gtk_widget_set_sensitive (self->overwrite_button, TRUE);
  gtk_widget_set_sensitive (self->copy_button, TRUE);
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FeuilletConflictDialog) self = user_data;
  g_autoptr(FeuilletWpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *route = NULL;

  client = feuillet_publisher_connect_finish (result, &error);
  if (client == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_fetch_error (self, error);
      return;
    }

  route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, feuillet_article_get_remote_id (self->article));
  feuillet_wp_client_request_async (client, "GET", route, "context=edit", NULL, self->cancellable,
                                    on_post_fetched_cb, g_object_ref (self));
}

typedef struct
{
  char *modified;
  char *base;
} BaseData;

static void
base_data_free (BaseData *data)
{
  g_free (data->modified);
  g_free (data->base);
  g_free (data);
}

/* The site's version the user has just seen becomes the one the next push compares with,
 * exactly as a push records it (feuillet-push.c, record_remote). */
static gboolean
record_base (FeuilletArticle  *article,
             gpointer          user_data,
             GError          **error)
{
  BaseData *data = user_data;

  feuillet_article_set_remote_modified (article, data->modified);
  feuillet_article_set_remote_base (article, data->base);
  return TRUE;
}

static void
show_action_error (FeuilletConflictDialog *self,
                   const GError           *error)
{
  gtk_label_set_label (self->fetch_error_label, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
on_base_recorded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FeuilletConflictDialog) self = user_data;
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = feuillet_store_edit_finish (FEUILLET_STORE (source), result, &error);
  if (article == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_action_error (self, error);
      return;
    }

  g_signal_emit (self, signals[OVERWRITE], 0, self->server_modified, self->server_base);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_overwrite_clicked_cb (FeuilletConflictDialog *self)
{
  BaseData *data = g_new0 (BaseData, 1);

  data->modified = g_strdup (self->server_modified);
  data->base = g_strdup (self->server_base);
  gtk_widget_set_sensitive (self->overwrite_button, FALSE);
  gtk_widget_set_sensitive (self->copy_button, FALSE);
  feuillet_store_edit_async (self->store, feuillet_article_get_id (self->article), record_base, data,
                             (GDestroyNotify) base_data_free, self->cancellable, on_base_recorded_cb,
                             g_object_ref (self));
}

static void
on_copy_created_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FeuilletConflictDialog) self = user_data;
  g_autoptr(FeuilletArticle) copy = NULL;
  g_autoptr(GError) error = NULL;

  copy = feuillet_store_create_finish (FEUILLET_STORE (source), result, &error);
  if (copy == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_action_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SAVE_COPY], 0, copy);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_copy_clicked_cb (FeuilletConflictDialog *self)
{
  g_autoptr(FeuilletArticle) copy = feuillet_article_copy (self->article);
  g_autofree char *uuid = g_uuid_string_random ();

  /* A new article of its own: no link to the post it would otherwise overwrite. */
  feuillet_article_set_id (copy, 0);
  feuillet_article_set_uuid (copy, uuid);
  feuillet_article_set_remote_site (copy, NULL);
  feuillet_article_set_remote_id (copy, 0);
  feuillet_article_set_remote_link (copy, NULL);
  feuillet_article_set_remote_status (copy, NULL);
  feuillet_article_set_remote_modified (copy, NULL);
  feuillet_article_set_remote_base (copy, NULL);

  gtk_widget_set_sensitive (self->overwrite_button, FALSE);
  gtk_widget_set_sensitive (self->copy_button, FALSE);
  feuillet_store_create_async (self->store, copy, self->cancellable, on_copy_created_cb, g_object_ref (self));
}

/* One side of the comparison: a heading, the title, the text. */
static GtkWidget *
make_column (const char   *heading,
             GtkLabel    **title,
             GtkTextView **text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading_label = gtk_label_new (heading);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (heading_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading_label), 0);
  *title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (*title, 0);
  gtk_label_set_wrap (*title, TRUE);
  gtk_label_set_selectable (*title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (*title), "title-4");

  *text = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (*text, FALSE);
  gtk_text_view_set_cursor_visible (*text, FALSE);
  gtk_text_view_set_wrap_mode (*text, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (*text, 12);
  gtk_text_view_set_bottom_margin (*text, 12);
  gtk_text_view_set_left_margin (*text, 12);
  gtk_text_view_set_right_margin (*text, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*text), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (*text));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);

  gtk_box_append (GTK_BOX (box), heading_label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*title));
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

static GtkWidget *
make_button (const char *label,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "pill");
  return button;
}

static void
feuillet_conflict_dialog_dispose (GObject *object)
{
  FeuilletConflictDialog *self = FEUILLET_CONFLICT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (feuillet_conflict_dialog_parent_class)->dispose (object);
}

static void
feuillet_conflict_dialog_finalize (GObject *object)
{
  FeuilletConflictDialog *self = FEUILLET_CONFLICT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->site, feuillet_site_free);
  g_clear_object (&self->article);
  g_clear_object (&self->cancellable);
  g_free (self->server_modified);
  g_free (self->server_base);
  G_OBJECT_CLASS (feuillet_conflict_dialog_parent_class)->finalize (object);
}

static void
feuillet_conflict_dialog_class_init (FeuilletConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = feuillet_conflict_dialog_dispose;
  object_class->finalize = feuillet_conflict_dialog_finalize;

  /**
   * FeuilletConflictDialog::overwrite:
   * @modified: the site's modified time (UTC) now recorded as the article's
   * @base: the site's content now recorded as the article's base
   */
  signals[OVERWRITE] = g_signal_new ("overwrite", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                     NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * FeuilletConflictDialog::save-copy:
   * @copy: the new article, in the library, with no remote side
   */
  signals[SAVE_COPY] = g_signal_new ("save-copy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                     NULL, G_TYPE_NONE, 1, FEUILLET_TYPE_ARTICLE);
}

static void
feuillet_conflict_dialog_init (FeuilletConflictDialog *self)
{
  GtkWidget *toolbar = adw_toolbar_view_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *loading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cancel;

  self->cancellable = g_cancellable_new ();

  adw_dialog_set_title (ADW_DIALOG (self), _("The Post Changed on the Site"));
  adw_dialog_set_content_width (ADW_DIALOG (self), 960);
  adw_dialog_set_content_height (ADW_DIALOG (self), 640);

  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 6);
  gtk_widget_set_margin_bottom (content, 18);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  gtk_widget_set_valign (loading, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (loading), adw_spinner_new ());
  gtk_box_append (GTK_BOX (loading), gtk_label_new (_("Reading the site’s version…")));
  gtk_stack_add_named (self->stack, loading, "loading");

  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_box_append (GTK_BOX (columns), make_column (_("On the Site"), &self->server_title, &self->server_text));
  gtk_box_append (GTK_BOX (columns), make_column (_("Yours"), &self->mine_title, &self->mine_text));
  gtk_stack_add_named (self->stack, columns, "compare");

  self->fetch_error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->fetch_error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->fetch_error_label), "error");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->fetch_error_label), "error");

  cancel = make_button (_("_Cancel"), _("Send nothing; the post and the article stay as they are"));
  self->copy_button = make_button (_("_Save Mine as a New Draft"),
                                   _("Keep the site’s post, and send a copy of the article as a new draft"));
  self->overwrite_button = make_button (_("_Overwrite Anyway"), _("Replace the site’s version with yours"));
  gtk_widget_add_css_class (self->overwrite_button, "destructive-action");
  gtk_widget_set_sensitive (self->overwrite_button, FALSE);
  gtk_widget_set_sensitive (self->copy_button, FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (adw_dialog_close), self);
  g_signal_connect_swapped (self->copy_button, "clicked", G_CALLBACK (on_copy_clicked_cb), self);
  g_signal_connect_swapped (self->overwrite_button, "clicked", G_CALLBACK (on_overwrite_clicked_cb), self);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), self->copy_button);
  gtk_box_append (GTK_BOX (buttons), self->overwrite_button);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);

  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->message_label));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (content), buttons);
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (toolbar), header);
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (toolbar), content);
  adw_dialog_set_child (ADW_DIALOG (self), toolbar);
}

FeuilletConflictDialog *
feuillet_conflict_dialog_new (FeuilletStore      *store,
                              const FeuilletSite *site,
                              FeuilletArticle    *article,
                              const char         *message)
{
  FeuilletConflictDialog *self;
  const char *title;

  g_return_val_if_fail (FEUILLET_IS_STORE (store), NULL);
  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (article), NULL);

  self = g_object_new (FEUILLET_TYPE_CONFLICT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->site = feuillet_site_copy (site);
  /* As it was when the push was refused: what is compared and what a copy takes. */
  self->article = feuillet_article_copy (article);

  title = feuillet_article_get_title (article);
  gtk_label_set_label (self->mine_title, title[0] != '\0' ? title : _("Untitled"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->mine_text), feuillet_article_get_body (article), -1);
  /* The push's own words: which post, on which site, changed when. */
  gtk_label_set_label (self->message_label, message != NULL ? message : "");

  feuillet_publisher_connect_async (self->site, self->cancellable, on_connected_cb, g_object_ref (self));
  return self;
}

FeuilletArticle *
feuillet_conflict_dialog_get_article (FeuilletConflictDialog *self)
{
  g_return_val_if_fail (FEUILLET_IS_CONFLICT_DIALOG (self), NULL);
  return self->article;
}

const char *
feuillet_conflict_dialog_get_site (FeuilletConflictDialog *self)
{
  g_return_val_if_fail (FEUILLET_IS_CONFLICT_DIALOG (self), NULL);
  return self->site->name;
}
