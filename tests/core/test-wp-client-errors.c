/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "feuillet-wp-client.h"
#include "feuillet-wp-error.h"
#include "test-util.h"

/*
 * The WordPress client against hostile or broken servers. A real WordPress cannot be made
 * to send these answers on demand (invalid JSON, an HTML page without a REST API, a 500, a
 * 403, an answer that never comes), so an in-process SoupServer on 127.0.0.1 plays the site.
 * Each fake site lives under its own path: /NAME/ is its front page.
 * tests/wordpress/test-wp-client.c runs the same client against a real WordPress.
 */

#define INDEX_JSON \
  "{\"name\":\"Fake site\",\"namespaces\":[\"oembed/1.0\",\"wp/v2\"]," \
  "\"authentication\":{\"application-passwords\":{\"endpoints\":" \
  "{\"authorization\":\"http://127.0.0.1/wp-admin/authorize-application.php\"}}}}"
#define ME_JSON "{\"id\":7,\"name\":\"Marie Dupont\",\"slug\":\"mdupont\",\"roles\":[\"author\"]}"

typedef struct
{
  SoupServer *server;
  char       *base;   /* http://127.0.0.1:PORT */
  guint       requests;
  char       *last_authorization;
} Fixture;

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
announce_root (Fixture           *fixture,
               SoupServerMessage *message,
               const char        *site)
{
  g_autofree char *link = g_strdup_printf ("<%s/%s/wp-json/>; rel=\"https://api.w.org/\"", fixture->base, site);

  soup_message_headers_append (soup_server_message_get_response_headers (message), "Link", link);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", 2);
  const char *site = parts[0] != NULL ? parts[0] : "";
  const char *rest = parts[0] != NULL && parts[1] != NULL ? parts[1] : "";
  const char *rest_route = query != NULL ? g_hash_table_lookup (query, "rest_route") : NULL;
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                            "Authorization");

  fixture->requests++;
  g_set_str (&fixture->last_authorization, authorization);

  if (g_str_equal (site, "invalid-json"))
    {
      if (rest[0] == '\0')
        {
          announce_root (fixture, message, site);
          respond (message, 200, "text/html", "<html><body>Home</body></html>");
        }
      else
        respond (message, 200, "application/json", "{\"name\": \"Fake\", \"namespaces\": [");
    }
  else if (g_str_equal (site, "html"))
    /* Any path, ?rest_route=/ included: a site that is not WordPress. */
    respond (message, 200, "text/html", "<!DOCTYPE html><html><body><p>Welcome</p></body></html>");
  else if (g_str_equal (site, "fallback"))
    {
      /* Plain permalinks behind a proxy that drops the Link header. */
      if (g_strcmp0 (rest_route, "/") == 0)
        respond (message, 200, "application/json", INDEX_JSON);
      else if (g_strcmp0 (rest_route, "/wp/v2/users/me") == 0 &&
               g_strcmp0 (g_hash_table_lookup (query, "context"), "edit") == 0 && authorization != NULL)
        respond (message, 200, "application/json", ME_JSON);
      else
        respond (message, 200, "text/html", "<html><body>Home</body></html>");
    }
  else if (g_str_equal (site, "broken"))
    {
      if (rest[0] == '\0')
        {
          announce_root (fixture, message, site);
          respond (message, 200, "text/html", "<html><body>Home</body></html>");
        }
      else
        respond (message, 500, "application/json",
                 "{\"code\":\"internal_server_error\",\"message\":\"<p>There has been a critical error on this website.</p>\","
                 "\"data\":{\"status\":500}}");
    }
  else if (g_str_equal (site, "forbidden") || g_str_equal (site, "no-app-passwords") ||
           g_str_equal (site, "wrong-shape") || g_str_equal (site, "redirect") || g_str_equal (site, "slow"))
    {
      if (rest[0] == '\0')
        {
          announce_root (fixture, message, site);
          respond (message, 200, "text/html", "<html><body>Home</body></html>");
        }
      else if (g_str_equal (rest, "wp-json/"))
        {
          if (g_str_equal (site, "no-app-passwords"))
            respond (message, 200, "application/json",
                     "{\"name\":\"Old site\",\"namespaces\":[\"wp/v2\"],\"authentication\":[]}");
          else
            respond (message, 200, "application/json", INDEX_JSON);
        }
      else if (g_str_equal (site, "forbidden"))
        respond (message, 403, "application/json",
                 "{\"code\":\"rest_forbidden\",\"message\":\"Sorry, you are not allowed to do that.\","
                 "\"data\":{\"status\":403}}");
      else if (g_str_equal (site, "wrong-shape"))
        respond (message, 200, "application/json", "[{\"id\":\"seven\"}]");
      else if (g_str_equal (site, "redirect"))
        {
          soup_server_message_set_redirect (message, 302, "https://elsewhere.invalid/wp-json/wp/v2/users/me");
        }
      else
        /* slow: the answer never comes. */
        soup_server_message_pause (message);
    }
  else
    respond (message, 404, "text/html", "<html><body>Not found</body></html>");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_request_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  fixture->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->base, g_free);
  g_clear_pointer (&fixture->last_authorization, g_free);
}

static FeuilletWpClient *
client_for (Fixture    *fixture,
            const char *site)
{
  g_autofree char *url = g_strdup_printf ("%s/%s/", fixture->base, site);
  FeuilletWpClient *client = feuillet_wp_client_new (url);

  feuillet_wp_client_set_credentials (client, "mdupont", "abcd efgh ijkl mnop qrst uvwx");
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

static void
test_invalid_json (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FeuilletWpClient) client = client_for (fixture, "invalid-json");
  g_autoptr(GError) error = NULL;

  g_assert_false (discover (client, &error));
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER);
  g_assert_null (feuillet_wp_client_get_rest_root (client));
}

static void
test_html_without_link (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FeuilletWpClient) client = client_for (fixture, "html");
  g_autoptr(GError) error = NULL;

  g_assert_false (discover (client, &error));
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_NO_REST_API);
  /* The front page, then the ?rest_route=/ guess. */
  g_assert_cmpuint (fixture->requests, ==, 2);
}

static void
test_fallback_rest_route (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(FeuilletWpClient) client = client_for (fixture, "fallback");
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_root = g_strdup_printf ("%s/fallback/?rest_route=/", fixture->base);

  g_assert_true (discover (client, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (feuillet_wp_client_get_rest_root (client), ==, expected_root);
  g_assert_cmpstr (feuillet_wp_client_get_site_name (client), ==, "Fake site");
  g_assert_cmpstr (feuillet_wp_client_get_authorization_url (client), ==,
                   "http://127.0.0.1/wp-admin/authorize-application.php");

  user = check_credentials (client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user->id, ==, 7);
  g_assert_cmpstr (user->slug, ==, "mdupont");
  g_assert_cmpstr (user->name, ==, "Marie Dupont");
  /* Sent up front (WordPress never asks), Basic base64(user:password). */
  g_assert_cmpstr (fixture->last_authorization, ==, "Basic bWR1cG9udDphYmNkIGVmZ2ggaWprbCBtbm9wIHFyc3QgdXZ3eA==");
}

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FeuilletWpClient) client = client_for (fixture, "broken");
  g_autoptr(GError) error = NULL;

  g_assert_false (discover (client, &error));
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_SERVER);
  /* The server's code and message are quoted, its markup removed. */
  g_assert_nonnull (strstr (error->message, "internal_server_error"));
  g_assert_nonnull (strstr (error->message, "“There has been a critical error on this website.”"));
}

static void
test_forbidden (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FeuilletWpClient) client = client_for (fixture, "forbidden");
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  /* check_credentials discovers first when it has no REST root. */
  user = check_credentials (client, &error);
  g_assert_null (user);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "rest_forbidden: “Sorry, you are not allowed to do that.”"));
}

static void
test_no_application_passwords (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(FeuilletWpClient) client = client_for (fixture, "no-app-passwords");
  g_autoptr(GError) error = NULL;

  g_assert_false (discover (client, &error));
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_NO_APPLICATION_PASSWORDS);
}

static void
test_wrong_shape (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(FeuilletWpClient) client = client_for (fixture, "wrong-shape");
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = check_credentials (client, &error);
  g_assert_null (user);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER);
}

static void
test_redirect_not_followed (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(FeuilletWpClient) client = client_for (fixture, "redirect");
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  /* The password would go wherever the redirect points: it is not followed. */
  user = check_credentials (client, &error);
  g_assert_null (user);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "https://elsewhere.invalid/"));
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(FeuilletWpClient) client = client_for (fixture, "slow");
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  feuillet_wp_client_set_timeout (client, 1);
  user = check_credentials (client, &error);
  g_assert_null (user);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TIMEOUT);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FeuilletWpClient) client = client_for (fixture, "slow");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  feuillet_wp_client_check_credentials_async (client, cancellable, store_result_cb, &result);
  while (fixture->requests < 3)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  user = feuillet_wp_client_check_credentials_finish (client, wait_for (&result), &error);
  g_assert_null (user);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_unreachable (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(FeuilletWpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = feuillet_wp_client_new (url);
  g_assert_false (discover (client, &error));
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_UNREACHABLE);
}

static void
test_insecure (void)
{
  g_autoptr(FeuilletWpClient) client = feuillet_wp_client_new ("http://example.invalid/");
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GError) error = NULL;

  /* Were a request sent, the name would not resolve: UNREACHABLE, not INSECURE. */
  g_assert_false (discover (client, &error));
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INSECURE);
  g_clear_error (&error);

  feuillet_wp_client_set_rest_root (client, "http://example.invalid/wp-json/");
  feuillet_wp_client_set_credentials (client, "mdupont", "abcd efgh ijkl mnop qrst uvwx");
  user = check_credentials (client, &error);
  g_assert_null (user);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INSECURE);
  g_assert_null (strstr (error->message, "abcd"));
}

static void
test_invalid_address (void)
{
  g_autoptr(FeuilletWpClient) client = feuillet_wp_client_new ("ftp://example.com/");
  g_autoptr(GError) error = NULL;

  g_assert_false (discover (client, &error));
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_FAILED);
}

static void
test_safe_for_credentials (void)
{
  g_assert_true (feuillet_wp_url_is_safe_for_credentials ("https://example.com/wp-json/"));
  g_assert_true (feuillet_wp_url_is_safe_for_credentials ("HTTPS://example.com/"));
  g_assert_true (feuillet_wp_url_is_safe_for_credentials ("http://127.0.0.1:8080/wp-json/"));
  g_assert_true (feuillet_wp_url_is_safe_for_credentials ("http://127.1.2.3/"));
  g_assert_true (feuillet_wp_url_is_safe_for_credentials ("http://[::1]:8080/"));
  g_assert_true (feuillet_wp_url_is_safe_for_credentials ("http://localhost/"));
  g_assert_false (feuillet_wp_url_is_safe_for_credentials ("http://example.com/"));
  g_assert_false (feuillet_wp_url_is_safe_for_credentials ("http://128.0.0.1/"));
  g_assert_false (feuillet_wp_url_is_safe_for_credentials ("http://localhost.example.com/"));
  g_assert_false (feuillet_wp_url_is_safe_for_credentials ("http://127.0.0.1.example.com/"));
  g_assert_false (feuillet_wp_url_is_safe_for_credentials ("ftp://127.0.0.1/"));
  g_assert_false (feuillet_wp_url_is_safe_for_credentials ("not a url"));
}

static void
test_rest_url (void)
{
  struct { const char *root, *route, *query, *expected; } cases[] = {
    { "https://s.fr/wp-json/", "wp/v2/users/me", "context=edit", "https://s.fr/wp-json/wp/v2/users/me?context=edit" },
    { "https://s.fr/wp-json/", "/wp/v2/posts/12", NULL, "https://s.fr/wp-json/wp/v2/posts/12" },
    { "https://s.fr/blog/wp-json", "wp/v2/posts", "", "https://s.fr/blog/wp-json/wp/v2/posts" },
    { "https://s.fr/index.php?rest_route=/", "wp/v2/users/me", "context=edit",
      "https://s.fr/index.php?rest_route=/wp/v2/users/me&context=edit" },
    { "https://s.fr/?rest_route=/", "/wp/v2/posts", NULL, "https://s.fr/?rest_route=/wp/v2/posts" },
    { "https://s.fr/?lang=fr&rest_route=/", "wp/v2/tags", "per_page=100",
      "https://s.fr/?lang=fr&rest_route=/wp/v2/tags&per_page=100" },
    { "https://s.fr/wp-json/?lang=fr", "wp/v2/tags", "per_page=100",
      "https://s.fr/wp-json/wp/v2/tags?lang=fr&per_page=100" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = feuillet_wp_rest_url (cases[i].root, cases[i].route, cases[i].query);

      g_assert_cmpstr (url, ==, cases[i].expected);
    }
}

static GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_error_from_response (void)
{
  g_autoptr(GBytes) wrong_password = bytes_from_string (
    "{\"code\":\"incorrect_password\",\"message\":\"The provided password is an invalid application password.\","
    "\"data\":{\"status\":401}}");
  g_autoptr(GBytes) html = bytes_from_string ("<html><body>Bad gateway</body></html>");
  g_autoptr(GBytes) no_route = bytes_from_string ("{\"code\":\"rest_no_route\",\"message\":\"No route.\",\"data\":{\"status\":404}}");
  g_autoptr(GBytes) no_post = bytes_from_string ("{\"code\":\"rest_post_invalid_id\",\"message\":\"Invalid post ID.\",\"data\":{\"status\":404}}");
  g_autoptr(GBytes) hostile = NULL;
  g_autoptr(GString) long_message = g_string_new ("{\"code\":\"x\\n<b>y\",\"message\":\"a\\u0007b\\n\\nc ");
  g_autoptr(GError) error = NULL;

  error = feuillet_wp_error_new_from_response (401, wrong_password);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION);
  g_assert_cmpstr (error->message, ==,
                   "WordPress refused the user name or application password "
                   "(incorrect_password: “The provided password is an invalid application password.”)");
  g_clear_error (&error);

  error = feuillet_wp_error_new_from_response (502, html);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "(HTTP error 502)"));
  g_clear_error (&error);

  error = feuillet_wp_error_new_from_response (404, no_route);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_NO_REST_API);
  g_clear_error (&error);
  error = feuillet_wp_error_new_from_response (404, html);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_NO_REST_API);
  g_clear_error (&error);
  error = feuillet_wp_error_new_from_response (404, no_post);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  error = feuillet_wp_error_new_from_response (413, NULL);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TOO_LARGE);
  g_clear_error (&error);
  error = feuillet_wp_error_new_from_response (403, NULL);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_PERMISSION);
  g_clear_error (&error);
  error = feuillet_wp_error_new_from_response (400, NULL);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_FAILED);
  g_clear_error (&error);

  /* A hostile message: control characters, markup, a code that is not an identifier, and
   * far too long; one short line comes out. */
  for (guint i = 0; i < 2000; i++)
    g_string_append (long_message, "blah ");
  g_string_append (long_message, "\",\"data\":{\"status\":401}}");
  hostile = bytes_from_string (long_message->str);
  error = feuillet_wp_error_new_from_response (401, hostile);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, "(xby: “a b c blah"));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strchr (error->message, '\a'));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 500);
}

static void
test_error_from_transport (void)
{
  struct { GQuark domain; int code; FeuilletWpError expected; } cases[] = {
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, FEUILLET_WP_ERROR_TIMEOUT },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, FEUILLET_WP_ERROR_UNREACHABLE },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, FEUILLET_WP_ERROR_UNREACHABLE },
    { G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE, FEUILLET_WP_ERROR_UNREACHABLE },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, FEUILLET_WP_ERROR_UNREACHABLE },
    { G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, FEUILLET_WP_ERROR_TLS },
    { SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING, FEUILLET_WP_ERROR_INVALID_ANSWER },
    { SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS, FEUILLET_WP_ERROR_FAILED },
  };
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_autoptr(GError) mapped = feuillet_wp_error_new_from_transport (cancelled, "s.fr");

  g_assert_error (mapped, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) original = g_error_new_literal (cases[i].domain, cases[i].code, "why");
      g_autoptr(GError) error = feuillet_wp_error_new_from_transport (original, "s.fr");

      g_assert_error (error, FEUILLET_WP_ERROR, (int) cases[i].expected);
      g_assert_nonnull (strstr (error->message, "s.fr"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wp-client/error-from-response", test_error_from_response);
  g_test_add_func ("/wp-client/error-from-transport", test_error_from_transport);
  g_test_add_func ("/wp-client/rest-url", test_rest_url);
  g_test_add_func ("/wp-client/safe-for-credentials", test_safe_for_credentials);
  g_test_add_func ("/wp-client/insecure", test_insecure);
  g_test_add_func ("/wp-client/invalid-address", test_invalid_address);
  g_test_add_func ("/wp-client/unreachable", test_unreachable);
#define ADD(path, func) \
  g_test_add ("/wp-client/hostile/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("invalid-json", test_invalid_json);
  ADD ("html-without-link", test_html_without_link);
  ADD ("fallback-rest-route", test_fallback_rest_route);
  ADD ("server-error", test_server_error);
  ADD ("forbidden", test_forbidden);
  ADD ("no-application-passwords", test_no_application_passwords);
  ADD ("wrong-shape", test_wrong_shape);
  ADD ("redirect-not-followed", test_redirect_not_followed);
  ADD ("timeout", test_timeout);
  ADD ("cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
