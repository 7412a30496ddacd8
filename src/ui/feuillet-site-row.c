/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-site-row"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-site-row.h"

#include "feuillet-site-secret.h"

/*
 * One site of the library, in the preferences: its name, address and WordPress user; opened,
 * the name to change, the signature setting and the way to remove it. Each change goes to
 * the library at once; ::changed tells the list to read the library again.
 */
struct _FeuilletSiteRow
{
  AdwExpanderRow parent_instance;

  /* children */
  AdwEntryRow  *name_row;
  AdwSwitchRow *signature_row;
  AdwButtonRow *remove_row;

  /* owned */
  FeuilletStore *store;
  FeuilletSite  *site;
  /* what the last change asked for, until the library answers */
  char          *pending_name;
  gboolean       pending_signature;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FeuilletSiteRow, feuillet_site_row, ADW_TYPE_EXPANDER_ROW)

/* Toasts go to the preferences dialog the row is in. */
static void
show_toast (FeuilletSiteRow *self,
            const char      *message)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_DIALOG);

  if (dialog != NULL)
    adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (dialog), adw_toast_new (message));
}

static void
show_site (FeuilletSiteRow *self)
{
  g_autofree char *subtitle = NULL;
  const char *user_name = self->site->user_name;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->site->name);
  /* Translators: the site's address, then the WordPress user Feuillet signs in as, such as
   * "https://vosges-matin.fr — Jeanne Martin (jmartin)" */
  if (user_name != NULL && user_name[0] != '\0' && g_strcmp0 (user_name, self->site->user) != 0)
    subtitle = g_strdup_printf (_("%s — %s (%s)"), self->site->url, user_name, self->site->user);
  else
    subtitle = g_strdup_printf (_("%s — %s"), self->site->url, self->site->user);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->site->name);
}

/* -- renaming -- */

static void
on_renamed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FeuilletSiteRow) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), TRUE);
  if (!feuillet_store_rename_site_finish (FEUILLET_STORE (source), result, &error))
    {
      /* The name stays as typed, marked, to correct. */
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      show_toast (self, error->message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  g_set_str (&self->site->name, self->pending_name);
  show_site (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_name_applied_cb (FeuilletSiteRow *self)
{
  g_autofree char *new_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (new_name[0] == '\0' || g_str_equal (new_name, self->site->name))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->site->name);
      return;
    }

  /* Read-only until the library answers (not insensitive: the entry keeps its focus). */
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), FALSE);
  g_set_str (&self->pending_name, new_name);
  feuillet_store_rename_site_async (self->store, self->site->name, new_name, NULL,
                                    on_renamed_cb, g_object_ref (self));
}

static void
on_name_changed_cb (FeuilletSiteRow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

/* -- the signature -- */

static void
on_signature_set_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FeuilletSiteRow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_store_set_site_signature_finish (FEUILLET_STORE (source), result, &error))
    {
      /* The switch shows what the library holds. */
      g_signal_handlers_block_matched (self->signature_row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      adw_switch_row_set_active (self->signature_row, self->site->signature);
      g_signal_handlers_unblock_matched (self->signature_row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      show_toast (self, error->message);
      return;
    }

  self->site->signature = self->pending_signature;
}

static void
on_signature_active_cb (FeuilletSiteRow *self)
{
  self->pending_signature = adw_switch_row_get_active (self->signature_row);
  feuillet_store_set_site_signature_async (self->store, self->site->name, self->pending_signature, NULL,
                                           on_signature_set_cb, g_object_ref (self));
}

/* -- removing -- */

static void
on_password_cleared_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(FeuilletSiteRow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_site_secret_clear_finish (result, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the site's name, then why the keyring refused */
      message = g_strdup_printf (_("The site “%s” was removed, but not its password: %s"),
                                 self->site->name, error->message);
      show_toast (self, message);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remaining_sites_listed_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(FeuilletSiteRow) self = user_data;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  gboolean shared = FALSE;

  sites = feuillet_store_list_sites_finish (FEUILLET_STORE (source), result, &error);
  if (sites == NULL)
    {
      show_toast (self, error->message);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  /* The password stays while another site of the library signs in with it. */
  for (guint i = 0; i < sites->len; i++)
    {
      FeuilletSite *site = sites->pdata[i];

      if (g_str_equal (site->url, self->site->url) && g_str_equal (site->user, self->site->user))
        shared = TRUE;
    }
  /* The row leaves the list (::changed) once the keyring has answered, so that what it
   * says can still be shown. */
  if (!shared)
    feuillet_site_secret_clear_async (self->site->url, self->site->user, NULL,
                                      on_password_cleared_cb, g_object_ref (self));
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_removed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FeuilletSiteRow) self = user_data;
  g_autoptr(FeuilletSite) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  removed = feuillet_store_remove_site_finish (FEUILLET_STORE (source), result, &error);
  if (removed == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      show_toast (self, error->message);
      return;
    }

  /* Translators: %s is the site's name */
  message = g_strdup_printf (_("The site “%s” was removed"), removed->name);
  show_toast (self, message);
  feuillet_store_list_sites_async (self->store, NULL, on_remaining_sites_listed_cb, g_object_ref (self));
}

static void
on_remove_response_cb (FeuilletSiteRow *self,
                       const char      *response)
{
  if (!g_str_equal (response, "remove"))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  feuillet_store_remove_site_async (self->store, self->site->name, NULL, on_removed_cb, g_object_ref (self));
}

static void
on_remove_activated_cb (FeuilletSiteRow *self)
{
  AdwDialog *alert;
  g_autofree char *heading = NULL;

  /* Translators: %s is the site's name */
  heading = g_strdup_printf (_("Remove “%s”?"), self->site->name);
  alert = adw_alert_dialog_new (heading,
                                _("Feuillet forgets the site and its password on this computer. "
                                  "The articles stay in the library, and the posts on the site are not touched."));
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (alert),
                                  "cancel", _("_Cancel"),
                                  "remove", _("_Remove"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (alert), "cancel");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (alert), "cancel");
  g_signal_connect_object (alert, "response", G_CALLBACK (on_remove_response_cb), self, G_CONNECT_SWAPPED);
  adw_dialog_present (alert, GTK_WIDGET (self));
}

/* -- the class -- */

static void
feuillet_site_row_finalize (GObject *object)
{
  FeuilletSiteRow *self = (FeuilletSiteRow *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->site, feuillet_site_free);
  g_clear_pointer (&self->pending_name, g_free);

  G_OBJECT_CLASS (feuillet_site_row_parent_class)->finalize (object);
}

static void
feuillet_site_row_class_init (FeuilletSiteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = feuillet_site_row_finalize;

  /**
   * FeuilletSiteRow::changed:
   *
   * The site was renamed or removed: the list is to be read again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
feuillet_site_row_init (FeuilletSiteRow *self)
{
  /* Names and addresses are shown as they are, "&" included. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);

  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("_Name"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->name_row), TRUE);
  /* Renamed when confirmed (Enter or the check button), not at each keystroke. */
  adw_entry_row_set_show_apply_button (self->name_row, TRUE);
  g_signal_connect_swapped (self->name_row, "apply", G_CALLBACK (on_name_applied_cb), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_name_changed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->name_row));

  self->signature_row = ADW_SWITCH_ROW (adw_switch_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signature_row), _("Sign _Articles"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->signature_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->signature_row),
                               _("Each article sent to this site ends with its byline, as a last paragraph"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->signature_row));

  self->remove_row = ADW_BUTTON_ROW (adw_button_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->remove_row), _("_Remove Site…"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->remove_row), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->remove_row), "destructive-action");
  g_signal_connect_swapped (self->remove_row, "activated", G_CALLBACK (on_remove_activated_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->remove_row));
}

/* -- public API -- */

/**
 * feuillet_site_row_new:
 * @store: the library the site is in
 * @site: the site, as the library lists it
 *
 * Returns: (transfer floating): a new #FeuilletSiteRow
 */
GtkWidget *
feuillet_site_row_new (FeuilletStore      *store,
                       const FeuilletSite *site)
{
  FeuilletSiteRow *self;

  g_return_val_if_fail (FEUILLET_IS_STORE (store), NULL);
  g_return_val_if_fail (site != NULL, NULL);

  self = g_object_new (FEUILLET_TYPE_SITE_ROW, NULL);
  self->store = g_object_ref (store);
  self->site = feuillet_site_copy (site);
  adw_switch_row_set_active (self->signature_row, site->signature);
  /* Connected once the switch shows the library's setting: only the user's changes go back. */
  g_signal_connect_swapped (self->signature_row, "notify::active", G_CALLBACK (on_signature_active_cb), self);
  show_site (self);
  return GTK_WIDGET (self);
}

const FeuilletSite *
feuillet_site_row_get_site (FeuilletSiteRow *self)
{
  g_return_val_if_fail (FEUILLET_IS_SITE_ROW (self), NULL);
  return self->site;
}
