/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-metadata-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-metadata-panel.h"
#include "feuillet-tags.h"

/* How many of the library's tags completion offers at once. */
#define MAX_SUGGESTIONS 6

struct _FeuilletMetadataPanel
{
  AdwBin parent_instance;

  /* template widgets */
  AdwEntryRow *category_row;
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

/* Completion: the library's tags that start with what is typed, accents and case aside. */
static void
update_suggestions (FeuilletMetadataPanel *self)
{
  g_autofree char *typed = feuillet_tag_key (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));
  guint shown = 0;

  clear_box (self->suggestions_box);
  if (self->article == NULL)
    typed = NULL;
  for (guint i = 0; typed != NULL && self->library_tags && self->library_tags[i] && shown < MAX_SUGGESTIONS; i++)
    {
      g_autofree char *key = feuillet_tag_key (self->library_tags[i]);
      GtkWidget *button;

      if (key == NULL || !g_str_has_prefix (key, typed) ||
          g_strv_contains (feuillet_article_get_tags (self->article), self->library_tags[i]))
        continue;

      button = gtk_button_new_with_label (self->library_tags[i]);
      gtk_widget_add_css_class (button, "feuillet-tag");
      gtk_widget_add_css_class (button, "flat");
      g_signal_connect (button, "clicked", G_CALLBACK (on_suggestion_clicked_cb), self);
      adw_wrap_box_append (self->suggestions_box, button);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_box), shown > 0);
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
    feuillet_article_set_category (self->article, text);
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

  g_clear_object (&self->article);
  g_clear_pointer (&self->library_tags, g_strfreev);

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
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, status_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, byline_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, language_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, target_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, typography_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, tags_box);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, FeuilletMetadataPanel, suggestions_box);
}

static void
feuillet_metadata_panel_init (FeuilletMetadataPanel *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

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
