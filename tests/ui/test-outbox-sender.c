/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "feuillet-outbox-sender.h"
#include "feuillet-publisher.h"
#include "feuillet-push.h"
#include "feuillet-store.h"
#include "../core/test-util.h"

/*
 * The outbox goes out by itself when the network comes back (feuillet-outbox-sender.c),
 * against a real WordPress on 127.0.0.1: tests/wordpress/with-sandbox.py starts one and
 * exports FEUILLET_TEST_WP_URL, FEUILLET_TEST_WP_USER and FEUILLET_TEST_WP_PASSWORD; without
 * them every test is skipped.
 *
 * Each test starts the sender as the application does and lets its first run (at start)
 * finish on an empty outbox; only then is a push queued, as if the site had been away. From
 * there on nothing but the network monitor's "network-changed" can make it go out.
 */

/* How long the sender waits for the network to settle (NETWORK_SETTLE_SECONDS), and a margin
 * for a run that should not happen to show itself. */
#define SETTLE_SECONDS 3
#define QUIET_SECONDS (SETTLE_SECONDS + 3)
/* Enough for the settle time and a push to WordPress on a busy machine. */
#define SEND_TIMEOUT_SECONDS 20

#define SITE_NAME "vosges"

/* A stand-in for the system's GNetworkMonitor. The test cannot unplug the machine's network
 * and plug it back on demand, so it uses one whose "network-available" it switches and whose
 * "network-changed" it emits itself, as GNetworkMonitorBase does when a link comes back.
 * Everything else (the library, the push, WordPress) is real. */
#define TEST_TYPE_NETWORK_MONITOR (test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestNetworkMonitor, test_network_monitor, TEST, NETWORK_MONITOR, GObject)

struct _TestNetworkMonitor
{
  GObject parent_instance;

  gboolean available;
};

enum {
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static void test_network_monitor_initable_iface_init (GInitableIface *iface);
static void test_network_monitor_iface_init          (GNetworkMonitorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNetworkMonitor, test_network_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_network_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_network_monitor_iface_init))

static gboolean
test_network_monitor_initable_init (GInitable     *initable,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  return TRUE;
}

static void
test_network_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_network_monitor_initable_init;
}

static gboolean
test_network_monitor_can_reach (GNetworkMonitor     *monitor,
                                GSocketConnectable  *connectable,
                                GCancellable        *cancellable,
                                GError             **error)
{
  if (TEST_NETWORK_MONITOR (monitor)->available)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "Network unreachable");
  return FALSE;
}

static void
test_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_network_monitor_can_reach;
}

static void
test_network_monitor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TestNetworkMonitor *self = TEST_NETWORK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;

    case PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;

    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_network_monitor_class_init (TestNetworkMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_network_monitor_get_property;

  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
test_network_monitor_init (TestNetworkMonitor *self)
{
}

static TestNetworkMonitor *
test_network_monitor_new (gboolean available)
{
  TestNetworkMonitor *self = g_initable_new (TEST_TYPE_NETWORK_MONITOR, NULL, NULL, NULL);

  self->available = available;
  return self;
}

/* What the monitor says from now on; "network-changed" is emitted apart, by the test. */
static void
test_network_monitor_set_available (TestNetworkMonitor *self,
                                    gboolean            available)
{
  if (self->available == available)
    return;
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
}

static void
network_changed (TestNetworkMonitor *monitor)
{
  g_signal_emit_by_name (monitor, "network-changed", monitor->available);
}

/* The WordPress sandbox, seen from the test. */

static const char *
sandbox (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    g_test_skip ("no WordPress sandbox: run through tests/wordpress/with-sandbox.py");
  return value;
}

/* GET on the site's REST API as its user, the route put in rest_route (which works whatever
 * the permalinks, WORDPRESS.md "Discovery"); the answer's JSON. */
static JsonNode *
rest_get (const char *route,
          const char *query,
          guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *escaped_route = g_uri_escape_string (route, "/", TRUE);
  g_autofree char *site = g_strdup (g_getenv ("FEUILLET_TEST_WP_URL"));
  g_autofree char *uri = NULL;

  while (g_str_has_suffix (site, "/"))
    site[strlen (site) - 1] = '\0';
  uri = g_strdup_printf ("%s/?rest_route=%s%s%s", site, escaped_route, query ? "&" : "", query ? query : "");
  message = soup_message_new (SOUP_METHOD_GET, uri);
  g_assert_nonnull (message);
  credentials = g_strdup_printf ("%s:%s", g_getenv ("FEUILLET_TEST_WP_USER"), g_getenv ("FEUILLET_TEST_WP_PASSWORD"));
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  authorization = g_strdup_printf ("Basic %s", encoded);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);

  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

/* The site's posts (every status) whose raw title is @title. */
static guint
count_posts_titled (const char *title)
{
  g_autofree char *escaped = g_uri_escape_string (title, NULL, TRUE);
  g_autofree char *query = g_strdup_printf ("context=edit&per_page=100&status=draft,pending,future,publish,private"
                                            "&search=%s", escaped);
  g_autoptr(JsonNode) posts = NULL;
  JsonArray *array;
  guint status = 0;
  guint count = 0;

  posts = rest_get ("/wp/v2/posts", query, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (posts));
  array = json_node_get_array (posts);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *post = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (json_object_get_object_member (post, "title"), "raw"), title) == 0)
        count++;
    }
  return count;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@done or @seconds have passed; says whether *@done. */
static gboolean
run_until (const gboolean *done,
           guint           seconds)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, on_timeout_cb, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  return *done;
}

/* The library, its site, an article queued for it, and the sender. */

typedef struct
{
  char                 *dir;
  FeuilletStore        *store;
  TestNetworkMonitor   *monitor;
  FeuilletOutboxSender *sender;
  gint64                article_id;
  char                 *title;

  /* what the sender did since the push was queued */
  guint                 runs;
  guint                 flushed;
  guint                 sent;
  guint                 kept;
  gint64                sent_article_id;
  gboolean              run_over;
  gboolean              has_flushed;
} Fixture;

static void
on_sender_flushing_cb (FeuilletOutboxSender *sender,
                       GParamSpec           *pspec,
                       Fixture              *fixture)
{
  if (feuillet_outbox_sender_get_flushing (sender))
    fixture->runs++;
  else
    fixture->run_over = TRUE;
}

static void
on_sender_flushed_cb (FeuilletOutboxSender *sender,
                      guint                 sent,
                      guint                 kept,
                      GPtrArray            *results,
                      Fixture              *fixture)
{
  fixture->flushed++;
  fixture->has_flushed = TRUE;
  fixture->sent = sent;
  fixture->kept = kept;
  if (results->len > 0)
    fixture->sent_article_id = ((FeuilletFlushResult *) results->pdata[0])->article_id;
}

static void
on_sender_failed_cb (FeuilletOutboxSender *sender,
                     const GError         *error,
                     Fixture              *fixture)
{
  g_error ("the outbox could not be read: %s", error->message);
}

static GPtrArray *
list_outbox (FeuilletStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *outbox;

  feuillet_store_list_outbox_async (store, 0, NULL, store_result_cb, &result);
  outbox = feuillet_store_list_outbox_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return outbox;
}

static FeuilletArticle *
load (FeuilletStore *store,
      gint64         id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FeuilletArticle *article;

  feuillet_store_load_async (store, id, NULL, store_result_cb, &result);
  article = feuillet_store_load_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return article;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *url = sandbox ("FEUILLET_TEST_WP_URL");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletSite) site = NULL;
  g_autoptr(FeuilletSite) added = NULL;
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(FeuilletArticle) created = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *path = NULL;

  if (url == NULL)
    return;

  /* The sandbox's application password stands in for the keyring (feuillet-site-secret.c). */
  g_setenv ("FEUILLET_APP_PASSWORD", g_getenv ("FEUILLET_TEST_WP_PASSWORD"), TRUE);

  fixture->dir = make_test_dir ();
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = feuillet_store_new (path);
  feuillet_store_open_async (fixture->store, NULL, store_result_cb, &result);
  g_assert_true (feuillet_store_open_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);

  /* No REST root: the first push discovers it, as for a site added by hand. */
  site = feuillet_site_new (SITE_NAME, url, NULL, g_getenv ("FEUILLET_TEST_WP_USER"), NULL);
  feuillet_store_add_site_async (fixture->store, site, NULL, store_result_cb, &result);
  added = feuillet_store_add_site_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);

  /* A title of its own, so that the site's posts can be told apart test by test. */
  fixture->title = g_strdup_printf ("Revenu avec le réseau %s", (const char *) data);
  article = feuillet_article_new ();
  feuillet_article_set_title (article, fixture->title);
  feuillet_article_set_chapeau (article, "Écrit dans le train, parti à l’arrivée.");
  feuillet_article_set_body (article, "Le réseau est revenu à Épinal.\n");
  feuillet_store_create_async (fixture->store, article, NULL, store_result_cb, &result);
  created = feuillet_store_create_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  fixture->article_id = feuillet_article_get_id (created);

  /* The sender as the application starts it, but told by the stand-in that the machine is
   * offline. Its first run, at start, finds the outbox empty and sends nothing. */
  fixture->monitor = test_network_monitor_new (FALSE);
  fixture->sender = feuillet_outbox_sender_new_with_monitor (fixture->store, G_NETWORK_MONITOR (fixture->monitor));
  g_signal_connect (fixture->sender, "notify::flushing", G_CALLBACK (on_sender_flushing_cb), fixture);
  g_signal_connect (fixture->sender, "flushed", G_CALLBACK (on_sender_flushed_cb), fixture);
  g_signal_connect (fixture->sender, "failed", G_CALLBACK (on_sender_failed_cb), fixture);
  feuillet_outbox_sender_start (fixture->sender);
  g_assert_true (run_until (&fixture->run_over, SEND_TIMEOUT_SECONDS));
  g_assert_cmpuint (fixture->runs, ==, 1);
  g_assert_cmpuint (fixture->flushed, ==, 0);

  /* Only now the push is queued, as publishing does when the site cannot be reached. */
  feuillet_push_queue_async (fixture->store, SITE_NAME, fixture->article_id, FEUILLET_PUSH_DRAFT, NULL, NULL,
                             store_result_cb, &result);
  g_assert_true (feuillet_push_queue_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  outbox = list_outbox (fixture->store);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpuint (count_posts_titled (fixture->title), ==, 0);

  fixture->runs = 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (fixture->dir == NULL)
    return;

  g_clear_object (&fixture->sender);
  g_clear_object (&fixture->monitor);
  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->title);
}

/* The network comes back: a few seconds later the queued push is on the site, the outbox
 * is empty and the article knows its post. */
static void
test_network_back (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(JsonNode) post = NULL;
  g_autofree char *route = NULL;
  JsonObject *object;
  guint status = 0;

  if (fixture->dir == NULL)
    return;

  test_network_monitor_set_available (fixture->monitor, TRUE);
  network_changed (fixture->monitor);
  g_assert_true (run_until (&fixture->has_flushed, SEND_TIMEOUT_SECONDS));

  g_assert_cmpuint (fixture->runs, ==, 1);
  g_assert_cmpuint (fixture->flushed, ==, 1);
  g_assert_cmpuint (fixture->sent, ==, 1);
  g_assert_cmpuint (fixture->kept, ==, 0);
  g_assert_cmpint (fixture->sent_article_id, ==, fixture->article_id);

  outbox = list_outbox (fixture->store);
  g_assert_cmpuint (outbox->len, ==, 0);

  article = load (fixture->store, fixture->article_id);
  g_assert_cmpstr (feuillet_article_get_remote_site (article), ==, SITE_NAME);
  g_assert_cmpint (feuillet_article_get_remote_id (article), >, 0);

  /* WordPress has it: the post the library recorded, a draft with the article's title. */
  route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, feuillet_article_get_remote_id (article));
  post = rest_get (route, "context=edit", &status);
  g_assert_cmpuint (status, ==, 200);
  object = json_node_get_object (post);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "title"), "raw"), ==,
                   fixture->title);
  g_assert_cmpuint (count_posts_titled (fixture->title), ==, 1);
}

/* A change that leaves the machine offline sends nothing: the push stays queued. */
static void
test_network_still_down (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(FeuilletArticle) article = NULL;
  gboolean never = FALSE;

  if (fixture->dir == NULL)
    return;

  network_changed (fixture->monitor);
  g_assert_false (run_until (&never, QUIET_SECONDS));

  g_assert_cmpuint (fixture->runs, ==, 0);
  g_assert_cmpuint (fixture->flushed, ==, 0);
  outbox = list_outbox (fixture->store);
  g_assert_cmpuint (outbox->len, ==, 1);
  article = load (fixture->store, fixture->article_id);
  g_assert_cmpint (feuillet_article_get_remote_id (article), ==, 0);
  g_assert_cmpuint (count_posts_titled (fixture->title), ==, 0);
}

/* A network that comes back and drops again before it settled sends nothing either. */
static void
test_network_flaps (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) outbox = NULL;
  gboolean never = FALSE;

  if (fixture->dir == NULL)
    return;

  test_network_monitor_set_available (fixture->monitor, TRUE);
  network_changed (fixture->monitor);
  g_assert_false (run_until (&never, 1));
  test_network_monitor_set_available (fixture->monitor, FALSE);
  network_changed (fixture->monitor);
  g_assert_false (run_until (&never, QUIET_SECONDS));

  g_assert_cmpuint (fixture->runs, ==, 0);
  g_assert_cmpuint (fixture->flushed, ==, 0);
  outbox = list_outbox (fixture->store);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpuint (count_posts_titled (fixture->title), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/outbox-sender/network-back", Fixture, "au retour", fixture_set_up, test_network_back, fixture_tear_down);
  g_test_add ("/outbox-sender/network-still-down", Fixture, "toujours coupé", fixture_set_up,
              test_network_still_down, fixture_tear_down);
  g_test_add ("/outbox-sender/network-flaps", Fixture, "par à-coups", fixture_set_up, test_network_flaps,
              fixture_tear_down);

  return g_test_run ();
}
