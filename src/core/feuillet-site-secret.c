/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-site-secret"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "feuillet-site-secret.h"

/*
 * Thin GTask wrappers over libsecret's password calls, so that FEUILLET_APP_PASSWORD can
 * stand in for the keyring and errors say what Feuillet was doing. Passwords are wiped from
 * memory when freed (secret_password_free()).
 */

const SecretSchema *
feuillet_site_secret_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.feuillet.Feuillet.Site", SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

/**
 * feuillet_site_secret_get_override:
 *
 * Returns: (nullable): FEUILLET_APP_PASSWORD when it is set and not empty
 */
const char *
feuillet_site_secret_get_override (void)
{
  const char *password = g_getenv ("FEUILLET_APP_PASSWORD");

  return password != NULL && password[0] != '\0' ? password : NULL;
}

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_prefix_error (&error, _("Cannot save the password in the keyring: "));
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * feuillet_site_secret_store_async:
 *
 * Saves the application password for @user on @url in the default keyring, replacing the
 * one it had. Does nothing when FEUILLET_APP_PASSWORD is set.
 */
void
feuillet_site_secret_store_async (const char          *url,
                                  const char          *user,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (url != NULL);
  g_return_if_fail (user != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_site_secret_store_async);

  if (feuillet_site_secret_get_override () != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Translators: the name of a password in the keyring; %s are a login and a site's address */
  label = g_strdup_printf (_("Feuillet: %s on %s"), user, url);
  secret_password_store (FEUILLET_SITE_SECRET_SCHEMA, SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, on_password_stored_cb, g_steal_pointer (&task),
                         "url", url, "user", user, NULL);
}

gboolean
feuillet_site_secret_store_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_site_secret_store_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_password_looked_up_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_prefix_error (&error, _("Cannot read the password from the keyring: "));
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
feuillet_site_secret_lookup_async (const char          *url,
                                   const char          *user,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (url != NULL);
  g_return_if_fail (user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_site_secret_lookup_async);

  if (feuillet_site_secret_get_override () != NULL)
    {
      g_task_return_pointer (task, g_strdup (feuillet_site_secret_get_override ()),
                             (GDestroyNotify) secret_password_free);
      return;
    }

  secret_password_lookup (FEUILLET_SITE_SECRET_SCHEMA, cancellable,
                          on_password_looked_up_cb, g_steal_pointer (&task),
                          "url", url, "user", user, NULL);
}

/**
 * feuillet_site_secret_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the password, to free with secret_password_free();
 *   NULL without an error when the keyring has none
 */
char *
feuillet_site_secret_lookup_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_site_secret_lookup_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_password_cleared_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to clear. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_prefix_error (&error, _("Cannot remove the password from the keyring: "));
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * feuillet_site_secret_clear_async:
 *
 * Removes the password for @user on @url from the keyring, if it has one. Does nothing when
 * FEUILLET_APP_PASSWORD is set.
 */
void
feuillet_site_secret_clear_async (const char          *url,
                                  const char          *user,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (url != NULL);
  g_return_if_fail (user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_site_secret_clear_async);

  if (feuillet_site_secret_get_override () != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret_password_clear (FEUILLET_SITE_SECRET_SCHEMA, cancellable,
                         on_password_cleared_cb, g_steal_pointer (&task),
                         "url", url, "user", user, NULL);
}

gboolean
feuillet_site_secret_clear_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_site_secret_clear_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
