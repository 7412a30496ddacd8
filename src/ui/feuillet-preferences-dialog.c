/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-preferences-dialog"

#include "config.h"

#include "feuillet-preferences-dialog.h"

#include "feuillet-application.h"
#include "feuillet-site-list-page.h"

struct _FeuilletPreferencesDialog
{
  AdwPreferencesDialog parent_instance;

  /* template widgets */
  AdwEntryRow         *byline_row;
  AdwComboRow         *language_row;
  GtkFontDialogButton *font_button;
  AdwSpinRow          *sidebar_width_row;
  AdwSwitchRow        *spell_check_row;
  FeuilletSiteListPage *site_list_page;

  /* owned */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (FeuilletPreferencesDialog, feuillet_preferences_dialog, ADW_TYPE_PREFERENCES_DIALOG)

/*
 * The languages offered for new articles: the newsroom's own, its neighbours', and the
 * regional languages of France. Each is named in itself, as language choosers do, so these
 * names are not translated; the setting holds the BCP 47 tag.
 */
static const struct
{
  const char *code;
  const char *name;
} languages[] = {
  { "fr", "Français" },
  { "en", "English" },
  { "de", "Deutsch" },
  { "es", "Español" },
  { "it", "Italiano" },
  { "pt", "Português" },
  { "nl", "Nederlands" },
  { "ca", "Català" },
  { "eu", "Euskara" },
  { "br", "Brezhoneg" },
  { "co", "Corsu" },
  { "oc", "Occitan" },
};

/* The combo row shows names; the setting stores the code at the same position. */
static gboolean
language_get_mapping_cb (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  GPtrArray *codes = user_data;
  const char *code = g_variant_get_string (variant, NULL);
  guint position;

  /* Unknown here: GSettings falls back to the schema's default. */
  if (!g_ptr_array_find_with_equal_func (codes, code, g_str_equal, &position))
    return FALSE;

  g_value_set_uint (value, position);
  return TRUE;
}

static GVariant *
language_set_mapping_cb (const GValue       *value,
                         const GVariantType *expected_type,
                         gpointer            user_data)
{
  GPtrArray *codes = user_data;
  guint position = g_value_get_uint (value);

  /* GTK_INVALID_LIST_POSITION while the model changes: nothing to write. */
  if (position >= codes->len)
    return NULL;

  return g_variant_new_string (g_ptr_array_index (codes, position));
}

/* The setting is a Pango font description as a string, such as "Monospace 12". */
static gboolean
font_get_mapping_cb (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *font = g_variant_get_string (variant, NULL);

  g_value_take_boxed (value, pango_font_description_from_string (font));
  return TRUE;
}

static GVariant *
font_set_mapping_cb (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  PangoFontDescription *font_desc = g_value_get_boxed (value);
  g_autofree char *font = NULL;

  if (font_desc == NULL)
    return NULL;

  font = pango_font_description_to_string (font_desc);
  return g_variant_new_string (font);
}

static void
setup_languages (FeuilletPreferencesDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *current = g_settings_get_string (self->settings, "default-language");

  for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      gtk_string_list_append (names, languages[i].name);
      g_ptr_array_add (codes, g_strdup (languages[i].code));
    }

  /* A tag set elsewhere ("en-GB" from dconf) is kept and shown as it is, rather than
   * replaced by the first language the moment the dialog opens. */
  if (current[0] != '\0' && !g_ptr_array_find_with_equal_func (codes, current, g_str_equal, NULL))
    {
      gtk_string_list_append (names, current);
      g_ptr_array_add (codes, g_strdup (current));
    }

  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));

  /* The binding keeps its own reference to the codes: it may outlive this dialog's dispose. */
  g_settings_bind_with_mapping (self->settings, "default-language",
                                self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                language_get_mapping_cb,
                                language_set_mapping_cb,
                                g_ptr_array_ref (codes),
                                (GDestroyNotify) g_ptr_array_unref);
}

static void
feuillet_preferences_dialog_dispose (GObject *object)
{
  FeuilletPreferencesDialog *self = (FeuilletPreferencesDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), FEUILLET_TYPE_PREFERENCES_DIALOG);

  G_OBJECT_CLASS (feuillet_preferences_dialog_parent_class)->dispose (object);
}

static void
feuillet_preferences_dialog_finalize (GObject *object)
{
  FeuilletPreferencesDialog *self = (FeuilletPreferencesDialog *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (feuillet_preferences_dialog_parent_class)->finalize (object);
}

static void
feuillet_preferences_dialog_class_init (FeuilletPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = feuillet_preferences_dialog_dispose;
  object_class->finalize = feuillet_preferences_dialog_finalize;

  g_type_ensure (FEUILLET_TYPE_SITE_LIST_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/feuillet-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FeuilletPreferencesDialog, byline_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletPreferencesDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletPreferencesDialog, font_button);
  gtk_widget_class_bind_template_child (widget_class, FeuilletPreferencesDialog, sidebar_width_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletPreferencesDialog, spell_check_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletPreferencesDialog, site_list_page);
}

static void
feuillet_preferences_dialog_init (FeuilletPreferencesDialog *self)
{
  GApplication *application = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The sites are the library's, which the application holds. */
  if (FEUILLET_IS_APPLICATION (application))
    feuillet_site_list_page_set_store (self->site_list_page,
                                       feuillet_application_get_store (FEUILLET_APPLICATION (application)));

  self->settings = g_settings_new (APPLICATION_ID);

  g_settings_bind (self->settings, "default-byline",
                   self->byline_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  setup_languages (self);
  g_settings_bind_with_mapping (self->settings, "editor-font",
                                self->font_button, "font-desc",
                                G_SETTINGS_BIND_DEFAULT,
                                font_get_mapping_cb,
                                font_set_mapping_cb,
                                NULL, NULL);
  /* libadwaita's split views cannot be dragged wider: the width of the article list is
   * chosen here instead, and kept with the other settings. */
  g_settings_bind (self->settings, "sidebar-width",
                   self->sidebar_width_row, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "spell-check",
                   self->spell_check_row, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * feuillet_preferences_dialog_new:
 *
 * Creates the preferences dialog; every row is bound to the application's settings, and
 * the sites page writes to the library, so a change applies at once and there is nothing
 * to confirm.
 *
 * Returns: (transfer floating): a new #FeuilletPreferencesDialog, to present with
 *   adw_dialog_present()
 */
AdwDialog *
feuillet_preferences_dialog_new (void)
{
  return g_object_new (FEUILLET_TYPE_PREFERENCES_DIALOG, NULL);
}
