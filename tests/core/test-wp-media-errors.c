/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "feuillet-wp-client.h"
#include "feuillet-wp-error.h"
#include "test-util.h"

/*
 * Uploads the sandbox WordPress cannot refuse on demand (tests/wordpress/test-push-media.py
 * covers the real ones): a file too large for the site, as a web server in front of
 * WordPress says it (413, an HTML page) and as WordPress says it when PHP dropped the body
 * (rest_upload_no_data). An in-process SoupServer on 127.0.0.1 plays the site, and records
 * what the client sent.
 */

typedef struct
{
  SoupServer *server;
  char       *rest_root;
  guint       status;
  const char *answer;
  const char *answer_type;
  /* what the last request carried */
  char       *disposition;
  char       *content_type;
  char       *alt_text;
  char       *caption;
  gsize       body_size;
} Fixture;

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  g_set_str (&fixture->disposition, soup_message_headers_get_one (headers, "Content-Disposition"));
  g_set_str (&fixture->content_type, soup_message_headers_get_content_type (headers, NULL));
  g_set_str (&fixture->alt_text, query != NULL ? g_hash_table_lookup (query, "alt_text") : NULL);
  g_set_str (&fixture->caption, query != NULL ? g_hash_table_lookup (query, "caption") : NULL);
  fixture->body_size = soup_server_message_get_request_body (message)->length;

  soup_server_message_set_status (message, fixture->status, NULL);
  soup_server_message_set_response (message, fixture->answer_type, SOUP_MEMORY_STATIC, fixture->answer,
                                    strlen (fixture->answer));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_request_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->rest_root = g_strdup_printf ("http://127.0.0.1:%d/wp-json/", g_uri_get_port (uris->data));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->server);
  g_free (fixture->rest_root);
  g_free (fixture->disposition);
  g_free (fixture->content_type);
  g_free (fixture->alt_text);
  g_free (fixture->caption);
}

static FeuilletWpMedium *
upload (Fixture     *fixture,
        const char  *file_name,
        GError     **error)
{
  g_autoptr(FeuilletWpClient) client = feuillet_wp_client_new ("http://127.0.0.1/");
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autoptr(GAsyncResult) result = NULL;

  feuillet_wp_client_set_rest_root (client, fixture->rest_root);
  feuillet_wp_client_set_credentials (client, "mdupont", "abcd efgh ijkl mnop qrst uvwx");
  feuillet_wp_client_upload_media_async (client, png, file_name, NULL, "La cathédrale", "Le parvis © Claire Martin",
                                         NULL, store_result_cb, &result);
  return feuillet_wp_client_upload_media_finish (client, wait_for (&result), error);
}

static void
test_uploaded (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletWpMedium) medium = NULL;

  fixture->status = 201;
  fixture->answer_type = "application/json";
  fixture->answer = "{\"id\":31,\"source_url\":\"http://127.0.0.1/wp-content/uploads/cathedrale.png\"}";
  medium = upload (fixture, "/home/claire/Photos/Cathédrale d’Épinal.png", &error);
  g_assert_no_error (error);
  g_assert_cmpint (medium->id, ==, 31);
  g_assert_cmpstr (medium->source_url, ==, "http://127.0.0.1/wp-content/uploads/cathedrale.png");

  /* What WordPress needs to make the attachment: the type, an ASCII name, the texts. */
  g_assert_cmpstr (fixture->content_type, ==, "image/png");
  g_assert_cmpstr (fixture->disposition, ==, "attachment; filename=\"Cathedrale-d-Epinal.png\"");
  g_assert_cmpstr (fixture->alt_text, ==, "La cathédrale");
  g_assert_cmpstr (fixture->caption, ==, "Le parvis © Claire Martin");
  g_assert_cmpuint (fixture->body_size, ==, 16);
}

/* A web server in front of WordPress refuses the body: its own page, not WordPress's JSON. */
static void
test_413 (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletWpMedium) medium = NULL;

  fixture->status = 413;
  fixture->answer_type = "text/html";
  fixture->answer = "<html><body><h1>413 Request Entity Too Large</h1></body></html>";
  medium = upload (fixture, "/home/claire/Photos/énorme.png", &error);
  g_assert_null (medium);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "The file “énorme.png” is too large for the site (HTTP error 413)");
}

/* PHP dropped the body (over post_max_size, on the PHP versions that do). */
static void
test_no_data (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletWpMedium) medium = NULL;

  fixture->status = 400;
  fixture->answer_type = "application/json";
  fixture->answer = "{\"code\":\"rest_upload_no_data\",\"message\":\"No data supplied.\",\"data\":{\"status\":400}}";
  medium = upload (fixture, "/home/claire/Photos/énorme.png", &error);
  g_assert_null (medium);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "The file “énorme.png” is too large for the site (rest_upload_no_data: “No data supplied.”)");
}

/* Any other refusal still names the file and quotes the server. */
static void
test_other_refusal (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletWpMedium) medium = NULL;

  fixture->status = 403;
  fixture->answer_type = "application/json";
  fixture->answer = "{\"code\":\"rest_cannot_create\",\"message\":\"Sorry, you are not allowed to upload files.\","
                    "\"data\":{\"status\":403}}";
  medium = upload (fixture, "photo.png", &error);
  g_assert_null (medium);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "“photo.png”"));
  g_assert_nonnull (strstr (error->message, "rest_cannot_create: “Sorry, you are not allowed to upload files.”"));
}

/* A 201 without an id or address is not an attachment. */
static void
test_invalid_answer (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletWpMedium) medium = NULL;

  fixture->status = 201;
  fixture->answer_type = "application/json";
  fixture->answer = "{\"id\":31}";
  medium = upload (fixture, "photo.png", &error);
  g_assert_null (medium);
  g_assert_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER);
}

static void
test_file_names (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "/home/claire/Photos/Cathédrale d’Épinal.png", "Cathedrale-d-Epinal.png" },
    { "photo.JPG", "photo.JPG" },
    { "/tmp/Ελλάδα.jpg", "image.jpg" },
    { "/tmp/.cache.png", "cache.png" },
    { "/tmp/sans extension", "sans-extension" },
    { "/tmp/a\"b;c.png", "a-b-c.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = feuillet_wp_media_file_name (cases[i].in);

      g_assert_cmpstr (name, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/wp-media/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("uploaded", test_uploaded);
  ADD ("413", test_413);
  ADD ("no-data", test_no_data);
  ADD ("other-refusal", test_other_refusal);
  ADD ("invalid-answer", test_invalid_answer);
#undef ADD
  g_test_add_func ("/wp-media/file-names", test_file_names);

  return g_test_run ();
}
