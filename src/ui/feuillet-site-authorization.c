/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-site-authorization"

#include "config.h"

#include "feuillet-site-authorization.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <sys/random.h>

/* Ours for good: WordPress shows it beside the passwords it made for Feuillet, so the user
 * can tell them apart from other applications'. */
#define APP_ID "02db8ec2-7bc6-4e37-849e-4446a6dc8eef"
#define SUCCESS_URL FEUILLET_SITE_AUTHORIZATION_SCHEME "://authorized"
#define REJECT_URL FEUILLET_SITE_AUTHORIZATION_SCHEME "://rejected"

/**
 * feuillet_site_authorization_new_state:
 *
 * Returns: (transfer full): 32 hexadecimal digits from the kernel's random source, which a
 *   web page cannot guess
 */
char *
feuillet_site_authorization_new_state (void)
{
  guint8 bytes[16];
  GString *state = g_string_sized_new (2 * sizeof bytes);
  gsize filled = 0;

  while (filled < sizeof bytes)
    {
      gssize got = getrandom (bytes + filled, sizeof bytes - filled, 0);

      /* Only an interrupted call fails here (the buffer is small): try again. */
      if (got > 0)
        filled += got;
    }

  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (state, "%02x", bytes[i]);
  return g_string_free (state, FALSE);
}

/**
 * feuillet_site_authorization_url:
 * @authorize_url: the site's authorize-application.php, as discovery found it
 * @state: this attempt's state, from feuillet_site_authorization_new_state()
 *
 * Returns: (transfer full): the page to open in the browser
 */
char *
feuillet_site_authorization_url (const char *authorize_url,
                                 const char *state)
{
  g_autofree char *success_url = NULL;
  g_autofree char *reject_url = NULL;
  g_autofree char *escaped_success = NULL;
  g_autofree char *escaped_reject = NULL;

  g_return_val_if_fail (authorize_url != NULL, NULL);
  g_return_val_if_fail (state != NULL, NULL);

  /* The refusal carries the state too: a page cannot cancel the attempt either. */
  success_url = g_strconcat (SUCCESS_URL "?state=", state, NULL);
  reject_url = g_strconcat (REJECT_URL "?state=", state, NULL);
  escaped_success = g_uri_escape_string (success_url, NULL, FALSE);
  escaped_reject = g_uri_escape_string (reject_url, NULL, FALSE);

  return g_strconcat (authorize_url, strchr (authorize_url, '?') ? "&" : "?",
                      "app_name=Feuillet&app_id=" APP_ID,
                      "&success_url=", escaped_success,
                      "&reject_url=", escaped_reject,
                      NULL);
}

/* Compares every character, so that the time taken tells nothing about the state. */
static gboolean
same_state (const char *a,
            const char *b)
{
  gsize length = strlen (a);
  guint8 difference = 0;

  if (length != strlen (b))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    difference |= (guint8) a[i] ^ (guint8) b[i];
  return difference == 0;
}

/**
 * feuillet_site_authorization_parse:
 * @callback_uri: the feuillet:// address the desktop handed over
 * @state: the waiting attempt's state
 * @user: (out): the WordPress login the password belongs to
 * @password: (out): the new application password
 *
 * Returns: %TRUE when @callback_uri is this attempt's approval; otherwise the error says
 *   whether the user declined (%G_IO_ERROR_PERMISSION_DENIED) or the answer is not this
 *   attempt's (%G_IO_ERROR_INVALID_DATA)
 */
gboolean
feuillet_site_authorization_parse (const char  *callback_uri,
                                   const char  *state,
                                   char       **user,
                                   char       **password,
                                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query;
  const char *host;
  const char *given_state;
  const char *given_user;
  const char *given_password;

  g_return_val_if_fail (callback_uri != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (user != NULL && password != NULL, FALSE);

  uri = g_uri_parse (callback_uri, G_URI_FLAGS_ENCODED, NULL);
  host = uri ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), FEUILLET_SITE_AUTHORIZATION_SCHEME) != 0 || host == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The address handed to Feuillet is not a sign-in answer"));
      return FALSE;
    }

  /* WordPress's script encodes with encodeURIComponent, its form fallback with urlencode
   * (spaces as "+"): the web form rules read both. */
  query = g_uri_get_query (uri);
  params = query ? g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, NULL) : NULL;
  given_state = params ? g_hash_table_lookup (params, "state") : NULL;
  if ((!g_str_equal (host, "authorized") && !g_str_equal (host, "rejected")) ||
      given_state == NULL || !same_state (given_state, state))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Ignored a sign-in answer from another attempt"));
      return FALSE;
    }

  if (g_str_equal (host, "rejected"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("The connection was declined in the browser"));
      return FALSE;
    }

  given_user = g_hash_table_lookup (params, "user_login");
  given_password = g_hash_table_lookup (params, "password");
  if (given_user == NULL || given_user[0] == '\0' || given_password == NULL || given_password[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The site’s answer has no user or no application password"));
      return FALSE;
    }

  *user = g_strdup (given_user);
  *password = g_strdup (given_password);
  return TRUE;
}
