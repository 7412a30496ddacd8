/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-window"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-text.h"
#include "feuillet-window.h"

/* How many of the most recent articles the sidebar lists. */
#define SIDEBAR_LIMIT 500

struct _FeuilletWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwNavigationSplitView *split_view;
  GtkStack *sidebar_stack;
  GtkListView *article_list;
  AdwStatusPage *error_page;
  AdwNavigationPage *content_page;
  GtkStack *content_stack;
  GtkLabel *kicker_label;
  GtkLabel *title_label;
  GtkLabel *chapeau_label;
  GtkLabel *counts_label;
  GtkLabel *body_label;

  /* borrowed */
  FeuilletStore *store;

  /* owned */
  GListStore *articles;
  GCancellable *cancellable;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (FeuilletWindow, feuillet_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_error (FeuilletWindow *self,
            const GError   *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "error");
}

static void
show_article (FeuilletWindow  *self,
              FeuilletArticle *article)
{
  g_autofree char *counts_text = NULL;
  FeuilletCounts counts;

  feuillet_text_count (feuillet_article_get_title (article), feuillet_article_get_chapeau (article),
                       feuillet_article_get_body (article), &counts);
  counts_text = feuillet_text_format_counts (&counts);

  gtk_label_set_label (self->kicker_label, feuillet_article_get_category (article));
  gtk_widget_set_visible (GTK_WIDGET (self->kicker_label), feuillet_article_get_category (article)[0] != '\0');
  gtk_label_set_label (self->title_label, feuillet_article_get_title (article));
  gtk_label_set_label (self->chapeau_label, feuillet_article_get_chapeau (article));
  gtk_label_set_label (self->counts_label, counts_text);
  gtk_label_set_label (self->body_label, feuillet_article_get_body (article));

  adw_navigation_page_set_title (self->content_page, feuillet_article_get_title (article));
  gtk_stack_set_visible_child_name (self->content_stack, "article");
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
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
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  show_article (self, article);
  g_settings_set_int64 (self->settings, "last-article", feuillet_article_get_id (article));
}

static void
on_article_list_activate_cb (FeuilletWindow *self,
                             guint           position,
                             GtkListView    *list_view)
{
  g_autoptr(FeuilletArticleSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->articles), position);

  feuillet_store_load_async (self->store, feuillet_article_summary_get_id (summary), self->cancellable,
                             on_article_loaded_cb, g_object_ref (self));
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
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  g_list_store_splice (self->articles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->articles)),
                       summaries->pdata, summaries->len);
  gtk_stack_set_visible_child_name (self->sidebar_stack, summaries->len > 0 ? "list" : "empty");
}

static void
on_store_opened_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(FeuilletQuery) query = feuillet_query_new ();
  g_autoptr(GError) error = NULL;

  if (!feuillet_store_open_finish (FEUILLET_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  query->limit = SIDEBAR_LIMIT;
  feuillet_store_list_async (self->store, query, self->cancellable, on_list_ready_cb, g_object_ref (self));
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
  g_autoptr(GDateTime) local = g_date_time_to_local (feuillet_article_summary_get_updated (summary));
  g_autofree char *when = g_date_time_format (local, "%x %H:%M");
  g_autofree char *details_text = NULL;

  guint signes = feuillet_article_summary_get_signes (summary);

  /* Translators: an article's status, when it last changed and its length in signes */
  details_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %'u signe", "%s · %s · %'u signes", signes),
                                  feuillet_article_status_get_label (feuillet_article_summary_get_status (summary)),
                                  when, signes);

  gtk_label_set_label (GTK_LABEL (title), title_text[0] != '\0' ? title_text : _("Untitled"));
  gtk_label_set_label (GTK_LABEL (details), details_text);
  gtk_list_item_set_accessible_label (item, title_text[0] != '\0' ? title_text : _("Untitled"));
}

static void
feuillet_window_dispose (GObject *object)
{
  FeuilletWindow *self = (FeuilletWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FEUILLET_TYPE_WINDOW);

  G_OBJECT_CLASS (feuillet_window_parent_class)->dispose (object);
}

static void
feuillet_window_finalize (GObject *object)
{
  FeuilletWindow *self = (FeuilletWindow *)object;

  g_clear_object (&self->articles);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (feuillet_window_parent_class)->finalize (object);
}

static void
feuillet_window_class_init (FeuilletWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = feuillet_window_dispose;
  object_class->finalize = feuillet_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/feuillet-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, split_view);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, article_list);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, content_page);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, kicker_label);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, chapeau_label);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, FeuilletWindow, body_label);
}

static void
feuillet_window_init (FeuilletWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->articles = g_list_store_new (FEUILLET_TYPE_ARTICLE_SUMMARY);
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->articles))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_list_view_set_model (self->article_list, selection);
  gtk_list_view_set_factory (self->article_list, factory);
  g_object_unref (selection);
  g_signal_connect_swapped (self->article_list, "activate", G_CALLBACK (on_article_list_activate_cb), self);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

FeuilletWindow *
feuillet_window_new (FeuilletApplication *application)
{
  FeuilletWindow *self;

  g_return_val_if_fail (FEUILLET_IS_APPLICATION (application), NULL);

  self = g_object_new (FEUILLET_TYPE_WINDOW, "application", application, NULL);
  self->store = feuillet_application_get_store (application);

  /* The window shows at once; the library fills it when it is open. */
  feuillet_store_open_async (self->store, self->cancellable, on_store_opened_cb, g_object_ref (self));

  return self;
}
