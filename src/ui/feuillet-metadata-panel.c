/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-metadata-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-image-fetch.h"
#include "feuillet-metadata-panel.h"
#include "feuillet-tags.h"

/* How many of the library's tags completion offers at once. */
#define MAX_SUGGESTIONS 6

struct _FeuilletMetadataPanel
{
  AdwBin parent_instance;

  /* template widgets */
  AdwEntryRow *category_row;
  GtkMenuButton *site_categories_button;
  AdwActionRow *featured_row;
  GtkButton *featured_remove_button;
  AdwComboRow *status_row;
  AdwEntryRow *byline_row;
  AdwEntryRow *language_row;
  AdwSpinRow *target_row;
  AdwSwitchRow *typography_row;
  AdwWrapBox *tags_box;
  AdwEntryRow *tag_entry;
  AdwWrapBox *suggestions_box;

  /* owned */
  FeuilletArticle *article;
  GStrv library_tags;
  /* the site the article goes to, its categories and tags as last fetched (names decoded) */
  char *site_name;
  GStrv site_categories;
  GStrv site_tags;
  GCancellable *file_cancellable;
  gboolean loading;
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FeuilletMetadataPanel, feuillet_metadata_panel, ADW_TYPE_BIN)

static guint signals [N_SIGNALS];

static void rebuild_tags (FeuilletMetadataPanel *self);

static void
notify_changed (FeuilletMetadataPanel *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
clear_box (AdwWrapBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    adw_wrap_box_remove (box, child);
}

static void
on_remove_tag_clicked_cb (GtkButton             *button,
                          FeuilletMetadataPanel *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "tag");

  if (self->article != NULL && feuillet_article_remove_tag (self->article, tag))
    {
      rebuild_tags (self);
      notify_changed (self);
    }
}

static GtkWidget *
tag_chip (FeuilletMetadataPanel *self,
          const char            *tag)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  g_autofree char *accessible = g_strdup_printf (_("Remove the tag “%s”"), tag);

  gtk_box_append (GTK_BOX (box), gtk_label_new (tag));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "feuillet-tag");
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "tag", g_strdup (tag), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_tag_clicked_cb), self);

  return button;
}

static void
rebuild_tags (FeuilletMetadataPanel *self)
{
  const char * const *tags;

  clear_box (self->tags_box);
  if (self->article == NULL)
    return;

  tags = feuillet_article_get_tags (self->article);
  for (guint i = 0; tags[i] != NULL; i++)
    adw_wrap_box_append (self->tags_box, tag_chip (self, tags[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags[0] != NULL);
}

static void
add_tag (FeuilletMetadataPanel *self,
         const char            *tag)
{
  if (self->article == NULL || !feuillet_article_add_tag (self->article, tag))
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  rebuild_tags (self);
  notify_changed (self);
}

static void
on_suggestion_clicked_cb (GtkButton             *button,
                          FeuilletMetadataPanel *self)
{
  add_tag (self, gtk_button_get_label (button));
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
}

/* Offers @tag when it starts with @typed and is neither on the article nor offered yet
 * (@offered: the keys shown so far). */
static void
offer_tag (FeuilletMetadataPanel *self,
           const char            *typed,
           const char            *tag,
           GHashTable            *offered)
{
  g_autofree char *key = feuillet_tag_key (tag);
  GtkWidget *button;

  if (key == NULL || !g_str_has_prefix (key, typed) || g_hash_table_contains (offered, key))
    return;
  for (const char * const *tags = feuillet_article_get_tags (self->article); *tags != NULL; tags++)
    {
      g_autofree char *taken = feuillet_tag_key (*tags);

      if (g_strcmp0 (taken, key) == 0)
        return;
    }

  button = gtk_button_new_with_label (tag);
  gtk_widget_add_css_class (button, "feuillet-tag");
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (on_suggestion_clicked_cb), self);
  adw_wrap_box_append (self->suggestions_box, button);
  g_hash_table_add (offered, g_steal_pointer (&key));
}

/* Completion: the tags that start with what is typed, accents and case aside — the
 * library's own first (the most used first), then the site's. */
static void
update_suggestions (FeuilletMetadataPanel *self)
{
  g_autofree char *typed = feuillet_tag_key (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));
  g_autoptr(GHashTable) offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GStrv sources[] = { self->library_tags, self->site_tags };

  clear_box (self->suggestions_box);
  if (self->article != NULL && typed != NULL)
    for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
      for (guint i = 0; sources[s] != NULL && sources[s][i] != NULL; i++)
        {
          if (g_hash_table_size (offered) >= MAX_SUGGESTIONS)
            break;
          offer_tag (self, typed, sources[s][i], offered);
        }
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_box), g_hash_table_size (offered) > 0);
}

/* A category the site does not have would stop the push: say so while it is typed. */
static void
check_category (FeuilletMetadataPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->category_row));
  g_autofree char *key = feuillet_tag_key (text);
  gboolean known = TRUE;

  if (key != NULL && self->site_categories != NULL && self->site_categories[0] != NULL)
    {
      known = FALSE;
      for (guint i = 0; self->site_categories[i] != NULL && !known; i++)
        {
          g_autofree char *category = feuillet_tag_key (self->site_categories[i]);

          known = g_strcmp0 (category, key) == 0;
        }
    }

  if (known)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->category_row), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->category_row), NULL);
    }
  else
    {
      /* Translators: %s is a site's name. */
      g_autofree char *message = g_strdup_printf (_("Not a category of “%s”: choose one of the site’s, "
                                                    "or ask the desk to create it"), self->site_name);

      gtk_widget_add_css_class (GTK_WIDGET (self->category_row), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->category_row), message);
    }
}

static void
on_set_category_activate_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  FeuilletMetadataPanel *self = user_data;

  gtk_editable_set_text (GTK_EDITABLE (self->category_row), g_variant_get_string (parameter, NULL));
}

static void
update_featured_row (FeuilletMetadataPanel *self)
{
  const char *featured = self->article ? feuillet_article_get_featured_image (self->article) : NULL;
  gboolean has_image = featured != NULL && featured[0] != '\0';
  g_autofree char *scheme = has_image ? g_uri_parse_scheme (featured) : NULL;
  g_autofree char *name = NULL;

  /* A web address is shown by the name it is uploaded under (its escapes undone). */
  if (has_image)
    name = scheme != NULL ? feuillet_image_fetch_file_name (featured, NULL) : g_path_get_basename (featured);

  adw_action_row_set_subtitle (self->featured_row, has_image ? name : _("None"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->featured_row), has_image ? featured : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->featured_remove_button), has_image);
}

static void
on_featured_chosen_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  FeuilletMetadataPanel *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL || self->article == NULL)
    return;

  feuillet_article_set_featured_image (self->article, path);
  update_featured_row (self);
  notify_changed (self);
}

static void
on_featured_choose_clicked_cb (FeuilletMetadataPanel *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _("Choose the Featured Image"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));

  g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  self->file_cancellable = g_cancellable_new ();
  gtk_file_dialog_open (dialog, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->file_cancellable,
                        on_featured_chosen_cb, self);
}

static void
on_featured_remove_clicked_cb (FeuilletMetadataPanel *self)
{
  if (self->article == NULL)
    return;

  feuillet_article_set_featured_image (self->article, NULL);
  update_featured_row (self);
  notify_changed (self);
}

static void
on_tag_entry_activate_cb (FeuilletMetadataPanel *self,
                          AdwEntryRow           *row)
{
  g_autofree char *tag = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  /* "Vosges, industrie" adds two tags. */
  g_auto(GStrv) tags = g_strsplit (tag, ",", -1);

  for (guint i = 0; tags[i] != NULL; i++)
    add_tag (self, tags[i]);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
on_text_row_changed_cb (GtkEditable           *row,
                        FeuilletMetadataPanel *self)
{
  const char *text = gtk_editable_get_text (row);

  if (self->loading || self->article == NULL)
    return;

  if (row == GTK_EDITABLE (self->category_row))
    {
      feuillet_article_set_category (self->article, text);
      check_category (self);
    }
  else if (row == GTK_EDITABLE (self->byline_row))
    feuillet_article_set_byline (self->article, text);
  else if (row == GTK_EDITABLE (self->language_row))
    {
      g_autoptr(FeuilletArticle) probe = feuillet_article_new ();

      /* A code that is not one is shown as an error and kept out of the article. */
      feuillet_article_set_title (probe, "x");
      feuillet_article_set_language (probe, text);
      if (!feuillet_article_validate (probe, NULL))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      feuillet_article_set_language (self->article, text);
    }

  notify_changed (self);
}

static void
on_status_selected_cb (FeuilletMetadataPanel *self)
{
  if (self->loading || self->article == NULL)
    return;

  feuillet_article_set_status (self->article, adw_combo_row_get_selected (self->status_row));
  notify_changed (self);
}

static void
on_target_changed_cb (FeuilletMetadataPanel *self)
{
  if (self->loading || self->article == NULL)
    return;

  feuillet_article_set_target (self->article, (guint) adw_spin_row_get_value (self->target_row));
  notify_changed (self);
}

static void
on_typography_changed_cb (FeuilletMetadataPanel *self)
{
  if (self->loading || self->article == NULL)
    return;

  feuillet_article_set_typography (self->article, adw_switch_row_get_active (self->typography_row));
  notify_changed (self);
}

static void
feuillet_metadata_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FEUILLET_TYPE_METADATA_PANEL);

  G_OBJECT_CLASS (feuillet_metadata_panel_parent_class)->dispose (object);
}

static void
feuillet_metadata_panel_finalize (GObject *object)
{
  FeuilletMetadataPanel *self = (FeuilletMetadataPanel *)object;

  g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  g_clear_object (&self->article);
  g_clear_pointer (&self->library_tags, g_strfreev);
  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->site_categories, g_strfreev);
  g_clear_pointer (&self->site_tags, g_strfreev);

  G_OBJECT_CLASS (feuillet_metadata_panel_parent_class)->finalize (object);
}

static void
feuillet_metadata_panel_class_init (FeuilletMetadataPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = feuillet_metadata_panel_dispose;
  object_class->finalize = feuillet_metadata_panel_finalize;

  /**
   * FeuilletMetadataPanel::changed:
   *
   * The article's metadata changed: it is to be saved.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/feuillet-metadata-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, category_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, site_categories_button);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, featured_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, featured_remove_button);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, status_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, byline_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, language_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, target_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, typography_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, tags_box);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, suggestions_box);
  gtk_widget_class_bind_template_callback (widget_class, on_featured_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_featured_remove_clicked_cb);
}

static void
feuillet_metadata_panel_init (FeuilletMetadataPanel *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  static const GActionEntry action_entries[] = {
    { "set-category", on_set_category_activate_cb, "s" },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (actions), action_entries, G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "panel", G_ACTION_GROUP (actions));

  for (FeuilletArticleStatus status = FEUILLET_ARTICLE_STATUS_IDEA; status <= FEUILLET_ARTICLE_STATUS_PUBLISHED; status++)
    gtk_string_list_append (statuses, feuillet_article_status_get_label (status));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  g_signal_connect (self->category_row, "changed", G_CALLBACK (on_text_row_changed_cb), self);
  g_signal_connect (self->byline_row, "changed", G_CALLBACK (on_text_row_changed_cb), self);
  g_signal_connect (self->language_row, "changed", G_CALLBACK (on_text_row_changed_cb), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_status_selected_cb), self);
  g_signal_connect_swapped (self->target_row, "notify::value", G_CALLBACK (on_target_changed_cb), self);
  g_signal_connect_swapped (self->typography_row, "notify::active", G_CALLBACK (on_typography_changed_cb), self);
  g_signal_connect_swapped (self->tag_entry, "entry-activated", G_CALLBACK (on_tag_entry_activate_cb), self);
  g_signal_connect_swapped (self->tag_entry, "changed", G_CALLBACK (update_suggestions), self);

  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_box), FALSE);
}

FeuilletMetadataPanel *
feuillet_metadata_panel_new (void)
{
  return g_object_new (FEUILLET_TYPE_METADATA_PANEL, NULL);
}

/**
 * feuillet_metadata_panel_set_article:
 * @article: (nullable): the article to show; it is changed in place
 */
void
feuillet_metadata_panel_set_article (FeuilletMetadataPanel *self,
                                     FeuilletArticle       *article)
{
  g_return_if_fail (FEUILLET_IS_METADATA_PANEL (self));

  g_set_object (&self->article, article);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->category_row), article ? feuillet_article_get_category (article) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->byline_row), article ? feuillet_article_get_byline (article) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->language_row), article ? feuillet_article_get_language (article) : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->language_row), "error");
  adw_combo_row_set_selected (self->status_row, article ? feuillet_article_get_status (article)
                                                        : FEUILLET_ARTICLE_STATUS_DRAFT);
  adw_spin_row_set_value (self->target_row, article ? feuillet_article_get_target (article) : 0);
  adw_switch_row_set_active (self->typography_row, article ? feuillet_article_get_typography (article) : TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  rebuild_tags (self);
  update_featured_row (self);
  check_category (self);
  self->loading = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self), article != NULL);
}

/**
 * feuillet_metadata_panel_set_tags:
 * @library_tags: the tags in use in the library, the most used first
 */
void
feuillet_metadata_panel_set_tags (FeuilletMetadataPanel *self,
                                  const char * const    *library_tags)
{
  g_return_if_fail (FEUILLET_IS_METADATA_PANEL (self));

  g_strfreev (self->library_tags);
  self->library_tags = g_strdupv ((char **)library_tags);
  update_suggestions (self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The terms' names as people wrote them, in the order of the user's language (É with E). */
static GStrv
decoded_names (GPtrArray *terms)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; terms != NULL && i < terms->len; i++)
    g_ptr_array_add (names, feuillet_tag_from_wordpress (((FeuilletWpTerm *) terms->pdata[i])->name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/**
 * feuillet_metadata_panel_set_site_terms:
 * @site_name: (nullable): the site the article goes to, NULL when there is none
 * @categories: (nullable) (element-type FeuilletWpTerm): its categories, as cached
 * @tags: (nullable) (element-type FeuilletWpTerm): its tags, as cached
 *
 * The category chooser offers the site's categories and warns about a category the site
 * does not have; tag completion offers the site's tags after the library's.
 */
void
feuillet_metadata_panel_set_site_terms (FeuilletMetadataPanel *self,
                                        const char            *site_name,
                                        GPtrArray             *categories,
                                        GPtrArray             *tags)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  g_return_if_fail (FEUILLET_IS_METADATA_PANEL (self));

  g_set_str (&self->site_name, site_name);
  g_strfreev (self->site_categories);
  self->site_categories = decoded_names (site_name ? categories : NULL);
  g_strfreev (self->site_tags);
  self->site_tags = decoded_names (site_name ? tags : NULL);

  for (guint i = 0; self->site_categories[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (self->site_categories[i], NULL);

      g_menu_item_set_action_and_target_value (item, "panel.set-category",
                                               g_variant_new_string (self->site_categories[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->site_categories_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->site_categories_button), self->site_categories[0] != NULL);
  if (site_name != NULL)
    {
      /* Translators: %s is a site's name. */
      g_autofree char *tooltip = g_strdup_printf (_("The Categories of “%s”"), site_name);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->site_categories_button), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->site_categories_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }

  check_category (self);
  update_suggestions (self);
}
