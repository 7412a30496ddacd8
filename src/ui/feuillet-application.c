/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-application"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-application.h"
#include "feuillet-outbox-sender.h"
#include "feuillet-preferences-dialog.h"
#include "feuillet-site-authorization.h"
#include "feuillet-site-dialog.h"
#include "feuillet-stall-probe.h"
#include "feuillet-window.h"

struct _FeuilletApplication
{
  AdwApplication parent_instance;

  /* borrowed: weak pointer */
  FeuilletSiteDialog *authorization_waiter;

  /* owned */
  char          *library;
  FeuilletStore *store;
  /* sends what waits in the outbox: after start, and when the network comes back */
  FeuilletOutboxSender *outbox_sender;
};

G_DEFINE_FINAL_TYPE (FeuilletApplication, feuillet_application, ADW_TYPE_APPLICATION)

static int
feuillet_application_handle_local_options (GApplication *application,
                                           GVariantDict *options)
{
  FeuilletApplication *self = FEUILLET_APPLICATION (application);
  const char *library = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("feuillet %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* The same option and variable as feuillet-cli (DESIGN.md). */
  if (g_variant_dict_lookup (options, "library", "^&ay", &library))
    self->library = g_strdup (library);

  return G_APPLICATION_CLASS (feuillet_application_parent_class)->handle_local_options (application, options);
}

static void
feuillet_application_startup (GApplication *application)
{
  FeuilletApplication *self = FEUILLET_APPLICATION (application);
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (feuillet_application_parent_class)->startup (application);

  path = self->library ? g_strdup (self->library) : feuillet_store_default_path ();
  self->store = feuillet_store_new (path);

  feuillet_stall_probe_start_from_environment ();
}

static void
feuillet_application_activate (GApplication *application)
{
  FeuilletApplication *self = FEUILLET_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      window = GTK_WINDOW (feuillet_window_new (self));

      if (self->outbox_sender == NULL)
        {
          self->outbox_sender = feuillet_outbox_sender_new (self->store);
          feuillet_outbox_sender_start (self->outbox_sender);
        }
      g_object_set (window, "outbox-sender", self->outbox_sender, NULL);
    }

  gtk_window_present (window);
}

/*
 * The desktop hands feuillet:// addresses to the application (the desktop file registers
 * the scheme): the browser's answer to a sign-in. Only the dialog waiting for it may take
 * it; any other is ignored, and nothing is saved.
 */
static void
feuillet_application_open (GApplication  *application,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  FeuilletApplication *self = FEUILLET_APPLICATION (application);

  g_application_activate (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autofree char *scheme = g_file_get_uri_scheme (files[i]);

      if (g_strcmp0 (scheme, FEUILLET_SITE_AUTHORIZATION_SCHEME) != 0)
        {
          /* The URI may carry a password: never logged. */
          g_message ("Ignored a file or address given to open: Feuillet opens only sign-in answers");
          continue;
        }

      if (self->authorization_waiter == NULL ||
          !feuillet_site_dialog_receive_authorization (self->authorization_waiter, uri))
        {
          GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

          /* An old browser tab, or an answer not made for this sign-in: said, not taken. */
          if (FEUILLET_IS_WINDOW (window))
            feuillet_window_show_toast (FEUILLET_WINDOW (window),
                                        _("A sign-in answer from the browser was ignored: no site was waiting for it"));
        }
    }
}

static void
on_store_closed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  feuillet_store_close_finish (FEUILLET_STORE (source), result, NULL);
  *(gboolean *)user_data = TRUE;
}

static void
feuillet_application_shutdown (GApplication *application)
{
  FeuilletApplication *self = FEUILLET_APPLICATION (application);

  feuillet_stall_probe_stop ();
  g_clear_object (&self->outbox_sender);

  /* Calls still queued (a last save) are written before the program ends: closing the
   * store comes after them. Quitting is the one time the main loop waits on the disk. */
  if (self->store != NULL)
    {
      gboolean closed = FALSE;

      feuillet_store_close_async (self->store, NULL, on_store_closed_cb, &closed);
      while (!closed)
        g_main_context_iteration (NULL, TRUE);
    }
  g_clear_object (&self->store);

  G_APPLICATION_CLASS (feuillet_application_parent_class)->shutdown (application);
}

static void
feuillet_application_finalize (GObject *object)
{
  FeuilletApplication *self = (FeuilletApplication *)object;

  g_clear_weak_pointer (&self->authorization_waiter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->library, g_free);

  G_OBJECT_CLASS (feuillet_application_parent_class)->finalize (object);
}

static void
on_about_activate_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { "The Feuillet developers", NULL };
  AdwDialog *about;

  about = adw_about_dialog_new ();
  g_object_set (about,
                "application-name", "Feuillet",
                "application-icon", APPLICATION_ID,
                "version", PACKAGE_VERSION,
                "developers", developers,
                "license-type", GTK_LICENSE_GPL_3_0,
                /* Translators: put your names here, one per line */
                "translator-credits", _("translator-credits"),
                NULL);
  adw_dialog_present (about, GTK_WIDGET (gtk_application_get_active_window (application)));
}

static void
on_preferences_activate_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GtkApplication *application = user_data;

  adw_dialog_present (feuillet_preferences_dialog_new (),
                      GTK_WIDGET (gtk_application_get_active_window (application)));
}

static void
on_quit_activate_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing each window saves its last words; the application ends with the last one. */
  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (l->data);
}

static void
feuillet_application_class_init (FeuilletApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = feuillet_application_finalize;
  application_class->handle_local_options = feuillet_application_handle_local_options;
  application_class->startup = feuillet_application_startup;
  application_class->activate = feuillet_application_activate;
  application_class->open = feuillet_application_open;
  application_class->shutdown = feuillet_application_shutdown;
}

static void
feuillet_application_init (FeuilletApplication *self)
{
  const GActionEntry actions[] = {
    { "about", on_about_activate_cb },
    { "preferences", on_preferences_activate_cb },
    { "quit", on_quit_activate_cb },
  };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *quit_accels[] = { "<Control>q", NULL };
  const GOptionEntry options[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("The library file (default: $FEUILLET_LIBRARY or ~/.local/share/feuillet/library.db)"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

FeuilletApplication *
feuillet_application_new (void)
{
  return g_object_new (FEUILLET_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * feuillet_application_get_store:
 *
 * Returns: (transfer none): the library the windows show
 */
FeuilletStore *
feuillet_application_get_store (FeuilletApplication *self)
{
  g_return_val_if_fail (FEUILLET_IS_APPLICATION (self), NULL);
  return self->store;
}

/**
 * feuillet_application_set_authorization_waiter:
 * @site_dialog: (type FeuilletSiteDialog): the dialog waiting for a browser sign-in
 *
 * feuillet:// answers go to @site_dialog from now on; a dialog waiting before it no longer
 * gets them.
 */
void
feuillet_application_set_authorization_waiter (FeuilletApplication *self,
                                               gpointer             site_dialog)
{
  g_return_if_fail (FEUILLET_IS_APPLICATION (self));
  g_return_if_fail (FEUILLET_IS_SITE_DIALOG (site_dialog));

  g_set_weak_pointer (&self->authorization_waiter, site_dialog);
}

/**
 * feuillet_application_clear_authorization_waiter:
 * @site_dialog: (type FeuilletSiteDialog): a dialog that no longer waits
 *
 * Forgets @site_dialog if it is the one waiting.
 */
void
feuillet_application_clear_authorization_waiter (FeuilletApplication *self,
                                                 gpointer             site_dialog)
{
  g_return_if_fail (FEUILLET_IS_APPLICATION (self));

  if (self->authorization_waiter == site_dialog)
    g_clear_weak_pointer (&self->authorization_waiter);
}
