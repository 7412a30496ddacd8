/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-site-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-site-dialog.h"

#include "feuillet-application.h"
#include "feuillet-site-authorization.h"
#include "feuillet-site-secret.h"
#include "feuillet-wp-client.h"

/*
 * Adding a WordPress site: its address (discovery tells whether it is WordPress and how to
 * sign in), then the password, from the browser (WordPress's authorization page) or pasted.
 * Nothing is saved until the site has accepted the password: then the password goes to the
 * keyring and the site to the library.
 */
struct _FeuilletSiteDialog
{
  AdwDialog parent_instance;

  /* template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwNavigationView  *navigation_view;
  AdwEntryRow        *url_row;
  AdwEntryRow        *name_row;
  AdwBanner          *address_error_banner;
  AdwSpinner         *address_spinner;
  GtkButton          *continue_button;
  AdwNavigationPage  *sign_in_page;
  AdwActionRow       *profile_row;
  AdwButtonRow       *browser_row;
  AdwEntryRow        *user_row;
  AdwPasswordEntryRow *password_row;
  AdwBanner          *sign_in_error_banner;
  AdwSpinner         *sign_in_spinner;
  GtkButton          *connect_button;
  AdwNavigationPage  *browser_page;

  /* owned */
  FeuilletStore    *store;
  FeuilletWpClient *client;
  GCancellable     *cancellable;
  char             *url;
  char             *name;
  /* the browser sign-in waiting for its answer: that attempt's state, else NULL */
  char             *state;
  /* between the site's yes and the keyring's: wiped when done */
  char             *user;
  char             *password;
  FeuilletWpUser   *wp_user;
  /* another site of the library signs in with the same address and user */
  gboolean          password_shared;
  /* asking the site (discovery, the password check): the controls wait */
  gboolean          busy;
  gboolean          discovering;
};

enum {
  SITE_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FeuilletSiteDialog, feuillet_site_dialog, ADW_TYPE_DIALOG)

/* -- helpers -- */

static void
wipe_password (FeuilletSiteDialog *self)
{
  if (self->password != NULL)
    {
      memset (self->password, 0, strlen (self->password));
      g_clear_pointer (&self->password, g_free);
    }
}

/* "redaction.example.com/" and "https://redaction.example.com" are the same site. */
static char *
normalize_url (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *url;
  gsize length;

  if (trimmed[0] != '\0' && strstr (trimmed, "://") == NULL)
    url = g_strconcat ("https://", trimmed, NULL);
  else
    url = g_steal_pointer (&trimmed);

  length = strlen (url);
  while (length > 0 && url[length - 1] == '/')
    url[--length] = '\0';
  return url;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
show_error (AdwBanner  *banner,
            const char *message)
{
  if (message != NULL)
    adw_banner_set_title (banner, message);
  adw_banner_set_revealed (banner, message != NULL);
  /* Screen readers hear the error as soon as it shows. */
  if (message != NULL)
    gtk_accessible_announce (GTK_ACCESSIBLE (banner), message, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_HIGH);
}

static void
update_address_step (FeuilletSiteDialog *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  gboolean discovering = self->busy && self->discovering;

  /* Read-only rather than insensitive: a text entry made insensitive while focused loses
   * its focus without being told. */
  gtk_editable_set_editable (GTK_EDITABLE (self->url_row), !discovering);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), !discovering);
  gtk_widget_set_visible (GTK_WIDGET (self->address_spinner), discovering);
  /* While the site is asked, the same button stops asking. */
  gtk_button_set_label (self->continue_button, discovering ? _("_Cancel") : _("_Continue"));
  if (discovering)
    gtk_widget_remove_css_class (GTK_WIDGET (self->continue_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->continue_button), "suggested-action");
  gtk_widget_set_sensitive (GTK_WIDGET (self->continue_button), discovering || !is_blank (url));
}

static void
update_sign_in_step (FeuilletSiteDialog *self)
{
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  gboolean can_browse = self->client != NULL && feuillet_wp_client_get_authorization_url (self->client) != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->browser_row), !self->busy && can_browse);
  gtk_editable_set_editable (GTK_EDITABLE (self->user_row), !self->busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_spinner), self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !self->busy && user[0] != '\0' && password[0] != '\0');
}

/* Busy: a new cancellable for what starts. Not busy: what was running is cancelled. */
static void
set_busy (FeuilletSiteDialog *self,
          gboolean            busy)
{
  if (busy || self->busy)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  self->busy = busy;
  if (!busy)
    self->discovering = FALSE;
  update_address_step (self);
  update_sign_in_step (self);
}

/* Forgets a browser sign-in under way: an answer that comes later is refused. */
static void
stop_waiting_for_browser (FeuilletSiteDialog *self)
{
  GApplication *application = g_application_get_default ();

  g_clear_pointer (&self->state, g_free);
  if (FEUILLET_IS_APPLICATION (application))
    feuillet_application_clear_authorization_waiter (FEUILLET_APPLICATION (application), self);
}

/* Back to the sign-in step, with what went wrong. */
static void
show_sign_in_error (FeuilletSiteDialog *self,
                    const char         *message)
{
  stop_waiting_for_browser (self);
  set_busy (self, FALSE);
  adw_navigation_view_pop_to_page (self->navigation_view, self->sign_in_page);
  show_error (self->sign_in_error_banner, message);
}

/* The profile page, where WordPress makes application passwords by hand. */
static char *
profile_url (FeuilletSiteDialog *self)
{
  const char *authorization = feuillet_wp_client_get_authorization_url (self->client);
  const char *page;

  if (authorization != NULL && (page = strstr (authorization, "authorize-application.php")) != NULL)
    return g_strdup_printf ("%.*sprofile.php#application-passwords-section", (int) (page - authorization), authorization);
  return g_strconcat (self->url, "/wp-admin/profile.php#application-passwords-section", NULL);
}

/* -- saving, once the site said yes -- */

static void
on_site_added_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FeuilletSiteDialog) self = user_data;
  g_autoptr(FeuilletSite) site = NULL;
  g_autoptr(GError) error = NULL;

  site = feuillet_store_add_site_finish (FEUILLET_STORE (source), result, &error);
  if (site == NULL)
    {
      /* The keyring took the password for a site the library did not: take it back, unless
       * another site uses it. */
      if (!self->password_shared)
        feuillet_site_secret_clear_async (self->url, self->user, NULL, NULL, NULL);
      show_sign_in_error (self, error->message);
      return;
    }

  set_busy (self, FALSE);
  g_signal_emit (self, signals[SITE_ADDED], 0, site);
  adw_dialog_force_close (ADW_DIALOG (self));
}

static void
on_secret_stored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FeuilletSiteDialog) self = user_data;
  g_autoptr(FeuilletSite) site = NULL;
  g_autoptr(GError) error = NULL;

  wipe_password (self);
  if (!feuillet_site_secret_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_sign_in_error (self, error->message);
      return;
    }

  site = feuillet_site_new (self->name, self->url, feuillet_wp_client_get_rest_root (self->client),
                            self->user, self->wp_user->name);
  feuillet_store_add_site_async (self->store, site, NULL, on_site_added_cb, g_object_ref (self));
}

static void
on_credentials_checked_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(FeuilletSiteDialog) self = user_data;
  g_autoptr(FeuilletWpUser) wp_user = NULL;
  g_autoptr(GError) error = NULL;

  wp_user = feuillet_wp_client_check_credentials_finish (FEUILLET_WP_CLIENT (source), result, &error);
  if (wp_user == NULL)
    {
      wipe_password (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_sign_in_error (self, error->message);
      return;
    }

  /* The keyring first: a site in the library without its password would be no use. */
  g_clear_pointer (&self->wp_user, feuillet_wp_user_free);
  self->wp_user = g_steal_pointer (&wp_user);
  feuillet_site_secret_store_async (self->url, self->user, self->password, self->cancellable,
                                    on_secret_stored_cb, g_object_ref (self));
}

/* Both ways of signing in end here: nothing is saved before the site accepts the password. */
static void
check_credentials (FeuilletSiteDialog *self,
                   const char         *user,
                   char               *password)
{
  show_error (self->sign_in_error_banner, NULL);
  set_busy (self, TRUE);
  g_set_str (&self->user, user);
  wipe_password (self);
  self->password = password;

  feuillet_wp_client_set_credentials (self->client, self->user, self->password);
  feuillet_wp_client_check_credentials_async (self->client, self->cancellable,
                                              on_credentials_checked_cb, g_object_ref (self));
}

/* -- step 1: the address -- */

static void
on_sites_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FeuilletSiteDialog) self = user_data;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *new_folded = NULL;

  sites = feuillet_store_list_sites_finish (FEUILLET_STORE (source), result, &error);
  set_busy (self, FALSE);
  if (sites == NULL)
    {
      show_error (self->address_error_banner, error->message);
      return;
    }

  new_folded = g_utf8_casefold (self->name, -1);
  self->password_shared = FALSE;
  for (guint i = 0; i < sites->len; i++)
    {
      FeuilletSite *site = sites->pdata[i];

      g_autofree char *folded = g_utf8_casefold (site->name, -1);

      if (g_str_equal (folded, new_folded))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the name of a site already in the library */
          message = g_strdup_printf (_("There is already a site “%s” in the library: give this one another name"),
                                     site->name);
          show_error (self->address_error_banner, message);
          gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
          return;
        }
      /* The user is known only later: the same address is enough to keep the password. */
      if (g_str_equal (site->url, self->url))
        self->password_shared = TRUE;
    }

  profile = profile_url (self);
  adw_action_row_set_subtitle (self->profile_row, profile);
  show_error (self->sign_in_error_banner, NULL);
  update_sign_in_step (self);
  adw_navigation_page_set_title (self->sign_in_page, self->name);
  adw_navigation_view_push (self->navigation_view, self->sign_in_page);
}

static void
on_discovered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FeuilletSiteDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *site_name;

  if (!feuillet_wp_client_discover_finish (FEUILLET_WP_CLIENT (source), result, &error))
    {
      set_busy (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self->address_error_banner, error->message);
      return;
    }

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  site_name = feuillet_wp_client_get_site_name (self->client);
  if (name[0] != '\0')
    g_set_str (&self->name, name);
  else if (site_name != NULL && site_name[0] != '\0')
    g_set_str (&self->name, site_name);
  else
    {
      g_autoptr(GUri) uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);

      g_set_str (&self->name, uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : self->url);
    }

  /* Shown filled in: the user sees what the site will be called, and may change it. */
  if (name[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->name);

  feuillet_store_list_sites_async (self->store, self->cancellable, on_sites_listed_cb, g_object_ref (self));
}

static void
on_continue_clicked_cb (FeuilletSiteDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  if (self->busy)
    {
      set_busy (self, FALSE);
      return;
    }

  g_set_str (&self->url, NULL);
  self->url = normalize_url (text);
  if (self->url[0] == '\0')
    return;

  show_error (self->address_error_banner, NULL);

  /* Refused before asking the site rather than after the password is typed (the client
   * would refuse to send it). */
  if (!feuillet_wp_url_is_safe_for_credentials (self->url))
    {
      g_autoptr(GUri) uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);
      g_autofree char *message = NULL;

      /* Translators: %s is a host name such as redaction.example.com. */
      message = g_strdup_printf (_("Feuillet will not send the password to %s over an unencrypted connection: use the site’s https:// address"),
                                 uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : self->url);
      show_error (self->address_error_banner, message);
      return;
    }

  g_clear_object (&self->client);
  self->client = feuillet_wp_client_new (self->url);
  self->discovering = TRUE;
  set_busy (self, TRUE);
  feuillet_wp_client_discover_async (self->client, self->cancellable, on_discovered_cb, g_object_ref (self));
}

static void
on_address_changed_cb (FeuilletSiteDialog *self)
{
  show_error (self->address_error_banner, NULL);
  update_address_step (self);
}

/* -- step 2: signing in -- */

static void
on_credentials_changed_cb (FeuilletSiteDialog *self)
{
  update_sign_in_step (self);
}

static void
on_connect_clicked_cb (FeuilletSiteDialog *self)
{
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  /* WordPress shows application passwords in groups of four; it accepts them with or
   * without the spaces, so they are kept as pasted. */
  char *password = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row))));

  if (self->busy || user[0] == '\0' || password[0] == '\0')
    {
      g_free (password);
      return;
    }

  check_credentials (self, user, password);
}

static void
on_profile_launched_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(FeuilletSiteDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why, from the system */
      message = g_strdup_printf (_("The browser could not be opened: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

/* Where to make an application password by hand, in the browser. */
static void
on_profile_activated_cb (FeuilletSiteDialog *self)
{
  g_autoptr(GtkUriLauncher) launcher = NULL;
  g_autofree char *uri = profile_url (self);

  launcher = gtk_uri_launcher_new (uri);
  gtk_uri_launcher_launch (launcher, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL,
                           on_profile_launched_cb, g_object_ref (self));
}

static void
on_browser_launched_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(FeuilletSiteDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error) &&
      self->state != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why, from the system */
      message = g_strdup_printf (_("The browser could not be opened: %s"), error->message);
      show_sign_in_error (self, message);
    }
}

static void
on_browser_activated_cb (FeuilletSiteDialog *self)
{
  g_autoptr(GtkUriLauncher) launcher = NULL;
  g_autofree char *uri = NULL;
  GApplication *application = g_application_get_default ();
  const char *authorization = feuillet_wp_client_get_authorization_url (self->client);

  if (self->busy || authorization == NULL)
    return;

  show_error (self->sign_in_error_banner, NULL);
  g_free (self->state);
  self->state = feuillet_site_authorization_new_state ();
  if (FEUILLET_IS_APPLICATION (application))
    feuillet_application_set_authorization_waiter (FEUILLET_APPLICATION (application), self);

  adw_navigation_view_push (self->navigation_view, self->browser_page);

  uri = feuillet_site_authorization_url (authorization, self->state);
  launcher = gtk_uri_launcher_new (uri);
  gtk_uri_launcher_launch (launcher, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                           self->cancellable, on_browser_launched_cb, g_object_ref (self));
}

static void
on_cancel_browser_clicked_cb (FeuilletSiteDialog *self)
{
  stop_waiting_for_browser (self);
  set_busy (self, FALSE);
  adw_navigation_view_pop_to_page (self->navigation_view, self->sign_in_page);
}

/* -- overrides -- */

static void
feuillet_site_dialog_closed (AdwDialog *dialog)
{
  FeuilletSiteDialog *self = FEUILLET_SITE_DIALOG (dialog);

  /* A discovery or a check still running has no one left to answer. */
  g_cancellable_cancel (self->cancellable);
  stop_waiting_for_browser (self);

  if (ADW_DIALOG_CLASS (feuillet_site_dialog_parent_class)->closed)
    ADW_DIALOG_CLASS (feuillet_site_dialog_parent_class)->closed (dialog);
}

static void
feuillet_site_dialog_dispose (GObject *object)
{
  FeuilletSiteDialog *self = (FeuilletSiteDialog *)object;

  g_cancellable_cancel (self->cancellable);
  stop_waiting_for_browser (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FEUILLET_TYPE_SITE_DIALOG);

  G_OBJECT_CLASS (feuillet_site_dialog_parent_class)->dispose (object);
}

static void
feuillet_site_dialog_finalize (GObject *object)
{
  FeuilletSiteDialog *self = (FeuilletSiteDialog *)object;

  wipe_password (self);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->wp_user, feuillet_wp_user_free);

  G_OBJECT_CLASS (feuillet_site_dialog_parent_class)->finalize (object);
}

static void
feuillet_site_dialog_class_init (FeuilletSiteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwDialogClass *dialog_class = ADW_DIALOG_CLASS (klass);

  object_class->dispose = feuillet_site_dialog_dispose;
  object_class->finalize = feuillet_site_dialog_finalize;
  dialog_class->closed = feuillet_site_dialog_closed;

  /**
   * FeuilletSiteDialog::site-added:
   * @site: the site as the library saved it
   *
   * The site accepted the password, the keyring keeps it and the library has the site.
   */
  signals[SITE_ADDED] = g_signal_new ("site-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, FEUILLET_TYPE_SITE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/feuillet-site-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, navigation_view);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, address_error_banner);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, address_spinner);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, continue_button);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, browser_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, sign_in_error_banner);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, sign_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteDialog, browser_page);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_credentials_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_browser_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_browser_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_activated_cb);
}

static void
feuillet_site_dialog_init (FeuilletSiteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* -- public API -- */

/**
 * feuillet_site_dialog_new:
 * @store: the library the site is added to
 *
 * Returns: (transfer floating): a new #FeuilletSiteDialog
 */
AdwDialog *
feuillet_site_dialog_new (FeuilletStore *store)
{
  FeuilletSiteDialog *self;

  g_return_val_if_fail (FEUILLET_IS_STORE (store), NULL);

  self = g_object_new (FEUILLET_TYPE_SITE_DIALOG, NULL);
  self->store = g_object_ref (store);
  return ADW_DIALOG (self);
}

/**
 * feuillet_site_dialog_receive_authorization:
 * @callback_uri: a feuillet:// address, from the browser through the desktop
 *
 * Takes the answer to the browser sign-in this dialog waits for. An answer that is not
 * this attempt's is refused, and said so; the dialog keeps waiting.
 *
 * Returns: %TRUE when the dialog was waiting for an answer
 */
gboolean
feuillet_site_dialog_receive_authorization (FeuilletSiteDialog *self,
                                            const char         *callback_uri)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;
  char *password = NULL;

  g_return_val_if_fail (FEUILLET_IS_SITE_DIALOG (self), FALSE);
  g_return_val_if_fail (callback_uri != NULL, FALSE);

  if (self->state == NULL)
    return FALSE;

  if (!feuillet_site_authorization_parse (callback_uri, self->state, &user, &password, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        show_sign_in_error (self, error->message);
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return TRUE;
    }

  /* One answer per attempt. */
  stop_waiting_for_browser (self);
  check_credentials (self, user, password);
  return TRUE;
}
