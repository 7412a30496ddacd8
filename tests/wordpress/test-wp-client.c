/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "feuillet-wp-client.h"
#include "feuillet-wp-error.h"
#include "../core/test-util.h"

/*
 * The WordPress client against a real WordPress on 127.0.0.1. with-sandbox.py starts one
 * and exports FEUILLET_TEST_WP_URL, FEUILLET_TEST_WP_USER, FEUILLET_TEST_WP_PASSWORD and
 * FEUILLET_TEST_WP_MARIADB_SOCKET; without them every test is skipped. Hostile answers,
 * which a real WordPress cannot be made to send, are in tests/core/test-wp-client-errors.c.
 */

static const char *
sandbox (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    g_test_skip ("no WordPress sandbox: run through tests/wordpress/with-sandbox.py");
  return value;
}

static FeuilletWpClient *
sandbox_client (void)
{
  const char *url = sandbox ("FEUILLET_TEST_WP_URL");
  FeuilletWpClient *client;

  if (url == NULL)
    return NULL;
  client = feuillet_wp_client_new (url);
  feuillet_wp_client_set_credentials (client, g_getenv ("FEUILLET_TEST_WP_USER"),
                                      g_getenv ("FEUILLET_TEST_WP_PASSWORD"));
  return client;
}

static gboolean
discover (FeuilletWpClient  *client,
          GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  feuillet_wp_client_discover_async (client, NULL, store_result_cb, &result);
  return feuillet_wp_client_discover_finish (client, wait_for (&result), error);
}

static FeuilletWpUser *
check_credentials (FeuilletWpClient  *client,
                   GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  feuillet_wp_client_check_credentials_async (client, NULL, store_result_cb, &result);
  return feuillet_wp_client_check_credentials_finish (client, wait_for (&result), error);
}

/* Runs SQL on the sandbox's database, as the site's administrator would change a setting. */
static void
sandbox_sql (const char *statement)
{
  g_autofree char *socket_option = g_strdup_printf ("--socket=%s", g_getenv ("FEUILLET_TEST_WP_MARIADB_SOCKET"));
  const char *argv[] = { "mariadb", "--no-defaults", socket_option, "-uroot", "wordpress", "-e", statement, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static void
test_discover (void)
{
  g_autoptr(FeuilletWpClient) client = sandbox_client ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_root = NULL;

  if (client == NULL)
    return;

  discover (client, &error);
  g_assert_no_error (error);
  expected_root = g_strdup_printf ("%s/wp-json/", g_getenv ("FEUILLET_TEST_WP_URL"));
  g_assert_cmpstr (feuillet_wp_client_get_rest_root (client), ==, expected_root);
  g_assert_cmpstr (feuillet_wp_client_get_site_name (client), ==, "Vosges Matin (sandbox)");
  g_assert_true (g_str_has_suffix (feuillet_wp_client_get_authorization_url (client),
                                   "/wp-admin/authorize-application.php"));
}

static void
test_credentials_accepted (void)
{
  g_autoptr(FeuilletWpClient) client = sandbox_client ();
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  if (client == NULL)
    return;

  /* Discovers on the way: no REST root is known yet. */
  user = check_credentials (client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpstr (user->slug, ==, g_getenv ("FEUILLET_TEST_WP_USER"));
  g_assert_cmpint (user->id, >, 0);
  g_assert_nonnull (user->name);

  /* The same client again, on the connection it keeps. */
  g_clear_pointer (&user, feuillet_wp_user_free);
  user = check_credentials (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->slug, ==, g_getenv ("FEUILLET_TEST_WP_USER"));
}

static void
test_wrong_password (void)
{
  g_autoptr(FeuilletWpClient) client = sandbox_client ();
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  if (client == NULL)
    return;

  feuillet_wp_client_set_credentials (client, g_getenv ("FEUILLET_TEST_WP_USER"), "abcd efgh ijkl mnop qrst uvwx");
  user = check_credentials (client, &error);
  g_assert_null (user);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION);
  g_test_message ("%s", error->message);
  /* The server's own code is quoted (WORDPRESS.md: the password may also be ignored). */
  g_assert_true (strstr (error->message, "(incorrect_password: “") != NULL ||
                 strstr (error->message, "(rest_not_logged_in: “") != NULL);
  g_assert_null (strstr (error->message, "abcd"));
}

static void
test_unreachable (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(FeuilletWpClient) client = NULL;
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = feuillet_wp_client_new (url);
  feuillet_wp_client_set_credentials (client, "redaction", "abcd efgh ijkl mnop qrst uvwx");
  user = check_credentials (client, &error);
  g_assert_null (user);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_UNREACHABLE);
}

static void
test_insecure (void)
{
  g_autoptr(FeuilletWpClient) client = feuillet_wp_client_new ("http://example.invalid");
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  /* Had a request gone out, example.invalid would not resolve: UNREACHABLE. */
  feuillet_wp_client_set_credentials (client, "redaction", "abcd efgh ijkl mnop qrst uvwx");
  user = check_credentials (client, &error);
  g_assert_null (user);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INSECURE);
  g_clear_error (&error);

  feuillet_wp_client_set_rest_root (client, "http://example.invalid/wp-json/");
  user = check_credentials (client, &error);
  g_assert_null (user);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INSECURE);
}

static void
test_plain_permalinks (void)
{
  g_autoptr(FeuilletWpClient) client = sandbox_client ();
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gboolean discovered;

  if (client == NULL)
    return;

  /* Settings › Permalinks › Plain: the Link header announces …?rest_route=/ . */
  sandbox_sql ("UPDATE wp_options SET option_value='' WHERE option_name='permalink_structure'");
  discovered = discover (client, &error);
  if (discovered)
    user = check_credentials (client, &error);
  sandbox_sql ("UPDATE wp_options SET option_value='/%postname%/' WHERE option_name='permalink_structure'");

  g_assert_no_error (error);
  g_test_message ("REST root: %s", feuillet_wp_client_get_rest_root (client));
  g_assert_nonnull (strstr (feuillet_wp_client_get_rest_root (client), "?rest_route=/"));
  g_assert_nonnull (user);
  g_assert_cmpstr (user->slug, ==, g_getenv ("FEUILLET_TEST_WP_USER"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wp-client/discover", test_discover);
  g_test_add_func ("/wp-client/credentials-accepted", test_credentials_accepted);
  g_test_add_func ("/wp-client/wrong-password", test_wrong_password);
  g_test_add_func ("/wp-client/unreachable", test_unreachable);
  g_test_add_func ("/wp-client/insecure", test_insecure);
  g_test_add_func ("/wp-client/plain-permalinks", test_plain_permalinks);

  return g_test_run ();
}
