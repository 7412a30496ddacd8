/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-wp-client"

#include "config.h"

#include "feuillet-wp-client.h"
#include "feuillet-wp-client-private.h"
#include "feuillet-json.h"
#include "feuillet-wp-batch.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

/*
 * The WordPress REST client (WORDPRESS.md, "Authentication" and "Discovery"). One
 * SoupSession per site, so that connections are kept and reused; a request that carries the
 * application password goes only to https or a loopback host, and follows no redirect (the
 * header would go wherever the redirect points). libsoup 3 reports an HTTP error status as a
 * success: every status is checked here and the WordPress error body becomes the GError.
 */

#define DEFAULT_TIMEOUT_SECONDS 30
#define REST_LINK_RELATION "https://api.w.org/"

struct _FeuilletWpClient
{
  GObject      parent_instance;

  /* owned */
  SoupSession *session;
  char        *site_url;
  char        *rest_root;
  char        *site_name;
  char        *authorization_url;
  char        *user;
  char        *password;
  /* writes gathered into batches (feuillet_wp_client_set_batching()), or NULL */
  FeuilletWpBatch *batch;
  gboolean     batching;
};

enum {
  PROP_0,
  PROP_SITE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FeuilletWpClient, feuillet_wp_client, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (FeuilletWpUser, feuillet_wp_user, feuillet_wp_user_copy, feuillet_wp_user_free)
G_DEFINE_BOXED_TYPE (FeuilletWpTerm, feuillet_wp_term, feuillet_wp_term_copy, feuillet_wp_term_free)

/* Wipes a secret before freeing it, so that it does not linger in freed memory. */
static void
free_secret (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static gboolean
uri_is_safe_for_credentials (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") != 0 || host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* A site on this computer is never reached through a proxy (as no_proxy says by custom),
 * and not looking for one spares loading the system's proxy modules: a third of what a
 * short feuillet-cli run costs. */
static void
skip_proxy_for_loopback (FeuilletWpClient *self)
{
  g_autoptr(GUri) uri = self->site_url != NULL ? g_uri_parse (self->site_url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return;
  address = g_inet_address_new_from_string (host);
  if (g_ascii_strcasecmp (host, "localhost") == 0 || (address != NULL && g_inet_address_get_is_loopback (address)))
    g_object_set (self->session, "proxy-resolver", NULL, NULL);
}

/* "host" or "host:port", for messages. */
static char *
uri_host_for_display (GUri *uri)
{
  const char *host = g_uri_get_host (uri);

  if (host == NULL)
    host = "?";
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf (strchr (host, ':') != NULL ? "[%s]:%d" : "%s:%d", host, g_uri_get_port (uri));
  return g_strdup (host);
}

static GError *
insecure_error (GUri *uri)
{
  g_autofree char *host = uri_host_for_display (uri);

  /* Translators: %s is a host name such as redaction.example.com. */
  return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INSECURE,
                      _("Feuillet will not send the password to %s over an unencrypted connection: use the site’s https:// address"),
                      host);
}

/* @message is NULL for a request that went in a batch: the batch's own answer was whole. */
static GError *
invalid_answer_error (SoupMessage *message,
                      const char  *detail)
{
  g_autofree char *host = NULL;

  if (message == NULL)
    return g_error_new_literal (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER,
                                _("The site’s answer to a batch of requests is not what WordPress sends"));

  host = uri_host_for_display (soup_message_get_uri (message));
  if (detail != NULL)
    /* Translators: the first %s is a host name, the second what is wrong with its answer. */
    return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER,
                        _("The answer of %s is not what WordPress sends (%s)"), host, detail);
  /* Translators: %s is a host name. */
  return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER,
                      _("The answer of %s is not what WordPress sends"), host);
}

static GError *
no_rest_api_error (const char *site_url)
{
  /* Translators: %s is the site's address. */
  return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_NO_REST_API,
                      _("No WordPress REST API was found at %s"), site_url);
}

/* The site address as typed, made whole: https:// when no scheme was given. */
static GUri *
parse_site_url (const char  *site_url,
                GError     **error)
{
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (strstr (site_url, "://") == NULL)
    site_url = with_scheme = g_strconcat ("https://", site_url, NULL);

  uri = g_uri_parse (site_url, G_URI_FLAGS_ENCODED, NULL);
  if (uri != NULL)
    scheme = g_uri_get_scheme (uri);
  if (uri == NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      /* Translators: %s is what the user typed as the site's address. */
      g_set_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_FAILED,
                   _("“%s” is not a web address"), site_url);
      return NULL;
    }

  /* http://host is http://host/ (libsoup would send an empty request path). */
  if (g_uri_get_path (uri)[0] == '\0')
    {
      GUri *with_path = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                                     g_uri_get_host (uri), g_uri_get_port (uri), "/",
                                     g_uri_get_query (uri), g_uri_get_fragment (uri));

      g_uri_unref (uri);
      uri = with_path;
    }

  return g_steal_pointer (&uri);
}

/* A parameter of a Link header: rel="a b" holds @relation among its space-separated values. */
static gboolean
link_params_have_relation (const char *params,
                           const char *relation)
{
  g_auto(GStrv) parts = g_strsplit (params, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *param = g_strstrip (parts[i]);
      g_auto(GStrv) values = NULL;

      if (g_ascii_strncasecmp (param, "rel", 3) != 0)
        continue;
      param = g_strchug (param + 3);
      if (*param != '=')
        continue;
      param = g_strchug (param + 1);
      if (*param == '"')
        {
          char *end = strchr (param + 1, '"');

          param++;
          if (end != NULL)
            *end = '\0';
        }
      values = g_strsplit_set (param, " \t", -1);
      for (guint j = 0; values[j] != NULL; j++)
        if (g_ascii_strcasecmp (values[j], relation) == 0)
          return TRUE;
    }

  return FALSE;
}

/*
 * The REST root announced by `Link: <ROOT>; rel="https://api.w.org/"`, among the other links
 * of the header (several headers arrive joined with commas), resolved against @base.
 */
static char *
find_rest_root_link (SoupMessage *message)
{
  const char *header = soup_message_headers_get_list (soup_message_get_response_headers (message), "Link");
  g_autofree char *base = g_uri_to_string (soup_message_get_uri (message));
  const char *p = header;

  while (p != NULL && *p != '\0')
    {
      const char *url_start;
      const char *url_end;
      const char *params_end;
      gboolean quoted = FALSE;
      g_autofree char *params = NULL;

      p = strchr (p, '<');
      if (p == NULL)
        break;
      url_start = p + 1;
      url_end = strchr (url_start, '>');
      if (url_end == NULL)
        break;
      for (params_end = url_end + 1; *params_end != '\0'; params_end++)
        {
          if (*params_end == '"')
            quoted = !quoted;
          else if (*params_end == ',' && !quoted)
            break;
        }

      params = g_strndup (url_end + 1, params_end - (url_end + 1));
      if (link_params_have_relation (params, REST_LINK_RELATION))
        {
          g_autofree char *url = g_strndup (url_start, url_end - url_start);

          return g_uri_resolve_relative (base, g_strstrip (url), G_URI_FLAGS_ENCODED, NULL);
        }
      p = params_end;
    }

  return NULL;
}

/* Where the REST API is with plain permalinks: the site address with ?rest_route=/ . */
static char *
fallback_rest_root (GUri *site)
{
  const char *path = g_uri_get_path (site);

  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (site), NULL, g_uri_get_host (site),
                     g_uri_get_port (site), path[0] != '\0' ? path : "/", "rest_route=/", NULL);
}

/* -- sending -- */

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SoupMessage *message = g_task_get_task_data (task);
  GBytes *body;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_autofree char *host = uri_host_for_display (soup_message_get_uri (message));

      g_task_return_error (task, feuillet_wp_error_new_from_transport (error, host));
      return;
    }

  g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
}

/*
 * Sends @message and reads the whole answer; transport failures become FEUILLET_WP_ERROR,
 * the HTTP status is left for the caller to check. With @with_credentials, the message gets
 * the Authorization header up front (WordPress never asks for it) after the address is
 * checked, and follows no redirect.
 */
static void
send_async (FeuilletWpClient    *self,
            SoupMessage         *message,
            gboolean             with_credentials,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, send_async);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);

  if (with_credentials)
    {
      g_autofree char *pair = NULL;
      g_autofree char *encoded = NULL;
      g_autofree char *header = NULL;

      g_assert (self->user != NULL && self->password != NULL);

      if (!uri_is_safe_for_credentials (soup_message_get_uri (message)))
        {
          g_task_return_error (task, insecure_error (soup_message_get_uri (message)));
          return;
        }

      pair = g_strconcat (self->user, ":", self->password, NULL);
      encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      header = g_strconcat ("Basic ", encoded, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", header);
      soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
      explicit_bzero (pair, strlen (pair));
      explicit_bzero (encoded, strlen (encoded));
      explicit_bzero (header, strlen (header));
    }

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    on_sent_cb, g_steal_pointer (&task));
}

static GBytes *
send_finish (FeuilletWpClient  *self,
             GAsyncResult      *result,
             GError           **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == send_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static SoupMessage *
new_rest_message (const char *method,
                  const char *url)
{
  SoupMessage *message = soup_message_new (method, url);

  if (message != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  return message;
}

static GError *
status_error (SoupMessage *message,
              GBytes      *body)
{
  guint status = soup_message_get_status (message);

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      g_autofree char *host = uri_host_for_display (soup_message_get_uri (message));
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                           "Location");

      /* Translators: the first %s is a host name, the second an address. */
      return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_FAILED,
                          _("%s sent the request on to another address (%s): check the site address"),
                          host, location != NULL ? location : "?");
    }

  return feuillet_wp_error_new_from_response (status, body);
}

/* The answer as JSON, when @status is 2xx and @body is JSON. @message is the request sent,
 * or NULL for one that went in a batch (feuillet-wp-batch.c): errors then name no host. */
static JsonNode *
answer_node (guint         status,
             GBytes       *body,
             SoupMessage  *message,
             GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  const char *data;
  gsize size;
  JsonNode *root;

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_propagate_error (error, message != NULL ? status_error (message, body)
                                                : feuillet_wp_error_new_from_response (status, body));
      return NULL;
    }

  data = g_bytes_get_data (body, &size);
  if (!json_parser_load_from_data (parser, data, size, &parse_error))
    {
      g_propagate_error (error, invalid_answer_error (message, parse_error->message));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_propagate_error (error, invalid_answer_error (message, NULL));
      return NULL;
    }

  return json_node_copy (root);
}

static JsonNode *
answer_get_node (SoupMessage  *message,
                 GBytes       *body,
                 GError      **error)
{
  return answer_node (soup_message_get_status (message), body, message, error);
}

/* The answer as a JSON object, when the status is 2xx and the body is one. */
static JsonObject *
answer_object (guint         status,
               GBytes       *body,
               SoupMessage  *message,
               GError      **error)
{
  g_autoptr(JsonNode) root = answer_node (status, body, message, error);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, invalid_answer_error (message, NULL));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static JsonObject *
answer_get_object (SoupMessage  *message,
                   GBytes       *body,
                   GError      **error)
{
  return answer_object (soup_message_get_status (message), body, message, error);
}

/* -- discovery -- */

typedef struct
{
  SoupMessage *message;
  char        *site_url;
  char        *rest_root;
  gboolean     announced;
} DiscoverData;

static void
discover_data_free (DiscoverData *data)
{
  g_clear_object (&data->message);
  g_clear_pointer (&data->site_url, g_free);
  g_clear_pointer (&data->rest_root, g_free);
  g_free (data);
}

static gboolean
index_has_wp_v2 (JsonObject *index)
{
  JsonNode *namespaces = json_object_get_member (index, "namespaces");
  JsonArray *array;

  if (namespaces == NULL || !JSON_NODE_HOLDS_ARRAY (namespaces))
    return FALSE;
  array = json_node_get_array (namespaces);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (element), "wp/v2") == 0)
        return TRUE;
    }
  return FALSE;
}

static void
on_index_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  DiscoverData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) index = NULL;
  JsonObject *application_passwords;
  const char *name;
  const char *authorization = NULL;

  body = send_finish (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  index = answer_get_object (data->message, body, &error);
  if (index == NULL)
    {
      /* Without an announced root, the guess only tells that no REST API answers there. */
      if (!data->announced &&
          (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER) ||
           g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_NOT_FOUND) ||
           g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_FAILED)))
        g_task_return_error (task, no_rest_api_error (data->site_url));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!index_has_wp_v2 (index))
    {
      g_task_return_error (task, no_rest_api_error (data->site_url));
      return;
    }

  /* An empty PHP array is [] in JSON: "authentication": [] when nothing is offered. */
  application_passwords = feuillet_json_get_object (feuillet_json_get_object (index, "authentication"),
                                                    "application-passwords");
  if (application_passwords == NULL)
    {
      /* Translators: %s is the site's address. */
      g_task_return_new_error (task, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_NO_APPLICATION_PASSWORDS,
                               _("%s does not accept application passwords (they need WordPress 5.6 or later and a site served over https)"),
                               data->site_url);
      return;
    }

  authorization = feuillet_json_get_string (feuillet_json_get_object (application_passwords, "endpoints"),
                                            "authorization");
  name = feuillet_json_get_string (index, "name");

  g_set_str (&self->rest_root, data->rest_root);
  g_set_str (&self->site_name, name);
  g_set_str (&self->authorization_url, authorization);

  g_task_return_boolean (task, TRUE);
}

static void
on_front_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  DiscoverData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GUri) root_uri = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  body = send_finish (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* WordPress announces its root on every front-end page, error pages included. */
  data->rest_root = find_rest_root_link (data->message);
  data->announced = data->rest_root != NULL;
  if (data->rest_root == NULL)
    {
      g_autoptr(GUri) site = parse_site_url (data->site_url, NULL);

      g_assert (site != NULL);
      data->rest_root = fallback_rest_root (site);
    }

  root_uri = g_uri_parse (data->rest_root, G_URI_FLAGS_ENCODED, NULL);
  if (root_uri == NULL)
    {
      g_task_return_error (task, invalid_answer_error (data->message, NULL));
      return;
    }
  if (!uri_is_safe_for_credentials (root_uri))
    {
      g_task_return_error (task, insecure_error (root_uri));
      return;
    }

  g_clear_object (&data->message);
  data->message = new_rest_message (SOUP_METHOD_GET, data->rest_root);
  if (data->message == NULL)
    {
      g_task_return_error (task, no_rest_api_error (data->site_url));
      return;
    }
  send_async (self, data->message, FALSE, cancellable, on_index_cb, g_steal_pointer (&task));
}

/**
 * feuillet_wp_client_discover_async:
 *
 * Finds the REST root (the Link header of the site's front page, or ?rest_route=/), then
 * checks in the REST index that the site offers wp/v2 and application passwords. Plain
 * http is refused unless the host is loopback: discovery prepares a sign-in.
 */
void
feuillet_wp_client_discover_async (FeuilletWpClient    *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) site = NULL;
  DiscoverData *data;

  g_return_if_fail (FEUILLET_IS_WP_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_wp_client_discover_async);

  site = parse_site_url (self->site_url, &error);
  if (site == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!uri_is_safe_for_credentials (site))
    {
      g_task_return_error (task, insecure_error (site));
      return;
    }

  data = g_new0 (DiscoverData, 1);
  data->site_url = g_uri_to_string (site);
  data->message = soup_message_new_from_uri (SOUP_METHOD_GET, site);
  g_task_set_task_data (task, data, (GDestroyNotify) discover_data_free);

  send_async (self, data->message, FALSE, cancellable, on_front_page_cb, g_steal_pointer (&task));
}

gboolean
feuillet_wp_client_discover_finish (FeuilletWpClient  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (FEUILLET_IS_WP_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_wp_client_discover_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* -- credentials -- */

static void
on_users_me_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(FeuilletWpUser) user = NULL;
  gint64 id;
  const char *slug;
  const char *name;

  body = send_finish (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  me = answer_get_object (message, body, &error);
  if (me == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  id = feuillet_json_get_id (me, "id");
  slug = feuillet_json_get_string (me, "slug");
  name = feuillet_json_get_string (me, "name");
  if (id == 0 || slug == NULL)
    {
      g_task_return_error (task, invalid_answer_error (message, NULL));
      return;
    }

  user = g_new0 (FeuilletWpUser, 1);
  user->id = id;
  user->slug = g_strdup (slug);
  user->name = g_strdup (name != NULL ? name : slug);
  g_task_return_pointer (task, g_steal_pointer (&user), (GDestroyNotify) feuillet_wp_user_free);
}

static void
check_credentials_send (FeuilletWpClient *self,
                        GTask            *task)
{
  g_autofree char *url = feuillet_wp_rest_url (self->rest_root, "wp/v2/users/me", "context=edit");
  g_autoptr(SoupMessage) message = url != NULL ? new_rest_message (SOUP_METHOD_GET, url) : NULL;

  if (message == NULL)
    {
      g_task_return_error (task, no_rest_api_error (self->site_url));
      g_object_unref (task);
      return;
    }

  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  send_async (self, message, TRUE, g_task_get_cancellable (task), on_users_me_cb, task);
}

static void
on_discovered_for_credentials_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_wp_client_discover_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  check_credentials_send (self, g_steal_pointer (&task));
}

/**
 * feuillet_wp_client_check_credentials_async:
 *
 * Asks WordPress who the credentials belong to (GET wp/v2/users/me?context=edit): a
 * FeuilletWpUser, or FEUILLET_WP_ERROR_AUTHENTICATION with the server's reason.
 */
void
feuillet_wp_client_check_credentials_async (FeuilletWpClient    *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FEUILLET_IS_WP_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->user != NULL && self->password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_wp_client_check_credentials_async);

  if (self->rest_root == NULL)
    feuillet_wp_client_discover_async (self, cancellable, on_discovered_for_credentials_cb,
                                       g_steal_pointer (&task));
  else
    check_credentials_send (self, g_steal_pointer (&task));
}

FeuilletWpUser *
feuillet_wp_client_check_credentials_finish (FeuilletWpClient  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  g_return_val_if_fail (FEUILLET_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_wp_client_check_credentials_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- any REST request -- */

/* The message for @route under the REST root, @body (nullable) as its JSON body; NULL when
 * the REST root is not known or the address is not one. */
static SoupMessage *
new_request_message (FeuilletWpClient *self,
                     const char       *method,
                     const char       *route,
                     const char       *query,
                     JsonNode         *body)
{
  g_autofree char *url = NULL;
  SoupMessage *message;

  if (self->rest_root == NULL)
    return NULL;
  url = feuillet_wp_rest_url (self->rest_root, route, query);
  message = url != NULL ? new_rest_message (method, url) : NULL;
  if (message == NULL)
    return NULL;

  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GBytes) bytes = NULL;
      char *data;
      gsize length;

      json_generator_set_root (generator, body);
      data = json_generator_to_data (generator, &length);
      bytes = g_bytes_new_take (data, length);
      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  return message;
}

static void
on_request_sent_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JsonNode *answer;

  body = send_finish (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  answer = answer_get_node (message, body, &error);
  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, answer, (GDestroyNotify) json_node_unref);
}

/* The answer to a request sent in a batch: as on_request_sent_cb() makes it. */
static void
on_request_batched (guint         status,
                    GBytes       *body,
                    const GError *error,
                    gpointer      user_data)
{
  GTask *task = user_data;
  GError *answer_error = NULL;
  JsonNode *answer;

  if (error != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  answer = answer_node (status, body, NULL, &answer_error);
  if (answer == NULL)
    g_task_return_error (task, answer_error);
  else
    g_task_return_pointer (task, answer, (GDestroyNotify) json_node_unref);
}

/**
 * feuillet_wp_client_request_async:
 * @method: an HTTP method, such as "GET" or "POST"
 * @route: the route under the REST root, such as "wp/v2/posts/12"
 * @query: (nullable): the query, already escaped, such as "context=edit"
 * @body: (nullable): sent as application/json
 *
 * Sends one authenticated REST request. The REST root must be known (set from the
 * library, or found by discovery) and the credentials set. The answer is the JSON the server
 * sent with a 2xx status; any other status is a FEUILLET_WP_ERROR with the server's message.
 */
void
feuillet_wp_client_request_async (FeuilletWpClient    *self,
                                  const char          *method,
                                  const char          *route,
                                  const char          *query,
                                  JsonNode            *body,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;

  g_return_if_fail (FEUILLET_IS_WP_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (route != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->user != NULL && self->password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_wp_client_request_async);

  if (self->batching && self->rest_root != NULL && feuillet_wp_batch_accepts (method, route))
    {
      feuillet_wp_batch_add (self->batch, method, route, query, body, on_request_batched,
                             g_steal_pointer (&task), g_object_unref);
      return;
    }

  message = new_request_message (self, method, route, query, body);
  if (message == NULL)
    {
      g_task_return_error (task, no_rest_api_error (self->site_url));
      return;
    }

  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  send_async (self, message, TRUE, cancellable, on_request_sent_cb, g_steal_pointer (&task));
}

/**
 * feuillet_wp_client_request_finish:
 *
 * Returns: (transfer full): the server's answer
 */
JsonNode *
feuillet_wp_client_request_finish (FeuilletWpClient  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (FEUILLET_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_wp_client_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- terms (WORDPRESS.md, "Terms") -- */

#define TERMS_PER_PAGE 100
/* A bound against a hostile X-WP-TotalPages: 100,000 terms. */
#define MAX_TERM_PAGES 1000

typedef struct
{
  char        *taxonomy;
  SoupMessage *message;
  GPtrArray   *terms;
  guint        page;
  guint        total_pages;
} ListTermsData;

static void
list_terms_data_free (ListTermsData *data)
{
  g_free (data->taxonomy);
  g_clear_object (&data->message);
  g_clear_pointer (&data->terms, g_ptr_array_unref);
  g_free (data);
}

static void list_terms_send_page (GTask *task);

/* Appends the terms of one page; FALSE when the page is not a list of terms. */
static gboolean
append_terms (GPtrArray *terms,
              JsonNode  *page)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (page))
    return FALSE;

  array = json_node_get_array (page);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      gint64 id;
      const char *name;
      const char *slug;
      FeuilletWpTerm *term;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return FALSE;
      object = json_node_get_object (element);
      id = feuillet_json_get_id (object, "id");
      name = feuillet_json_get_string (object, "name");
      slug = feuillet_json_get_string (object, "slug");
      if (id == 0 || name == NULL || slug == NULL)
        return FALSE;

      term = g_new0 (FeuilletWpTerm, 1);
      term->id = id;
      term->name = g_strdup (name);
      term->slug = g_strdup (slug);
      g_ptr_array_add (terms, term);
    }
  return TRUE;
}

static void
on_terms_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  ListTermsData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) page = NULL;
  guint before = data->terms->len;

  body = send_finish (self, result, &error);
  if (body != NULL)
    page = answer_get_node (data->message, body, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!append_terms (data->terms, page))
    {
      g_task_return_error (task, invalid_answer_error (data->message, NULL));
      return;
    }

  if (data->page == 1)
    {
      const char *header = soup_message_headers_get_one (soup_message_get_response_headers (data->message),
                                                         "X-WP-TotalPages");
      guint64 total = 1;

      if (header != NULL && !g_ascii_string_to_unsigned (header, 10, 0, G_MAXUINT, &total, NULL))
        total = 1;
      data->total_pages = (guint) MIN (total, MAX_TERM_PAGES);
    }

  /* An empty page ends the list too, whatever the header said. */
  if (data->page >= data->total_pages || data->terms->len == before)
    {
      g_task_return_pointer (task, g_steal_pointer (&data->terms), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  data->page++;
  list_terms_send_page (g_steal_pointer (&task));
}

static void
list_terms_send_page (GTask *task)
{
  FeuilletWpClient *self = g_task_get_source_object (task);
  ListTermsData *data = g_task_get_task_data (task);
  g_autofree char *route = g_strconcat ("wp/v2/", data->taxonomy, NULL);
  g_autofree char *query = g_strdup_printf ("per_page=%d&page=%u&orderby=id&order=asc&_fields=id,name,slug",
                                            TERMS_PER_PAGE, data->page);

  g_clear_object (&data->message);
  data->message = new_request_message (self, "GET", route, query, NULL);
  if (data->message == NULL)
    {
      g_task_return_error (task, no_rest_api_error (self->site_url));
      g_object_unref (task);
      return;
    }

  send_async (self, data->message, TRUE, g_task_get_cancellable (task), on_terms_page_cb, task);
}

/**
 * feuillet_wp_client_list_terms_async:
 * @taxonomy: "categories" or "tags"
 *
 * Reads every term of @taxonomy, 100 a page, following X-WP-TotalPages.
 */
void
feuillet_wp_client_list_terms_async (FeuilletWpClient    *self,
                                     const char          *taxonomy,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  ListTermsData *data;

  g_return_if_fail (FEUILLET_IS_WP_CLIENT (self));
  g_return_if_fail (g_strcmp0 (taxonomy, "categories") == 0 || g_strcmp0 (taxonomy, "tags") == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->user != NULL && self->password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_wp_client_list_terms_async);

  data = g_new0 (ListTermsData, 1);
  data->taxonomy = g_strdup (taxonomy);
  data->terms = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_wp_term_free);
  data->page = 1;
  data->total_pages = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) list_terms_data_free);

  list_terms_send_page (task);
}

/**
 * feuillet_wp_client_list_terms_finish:
 *
 * Returns: (transfer container) (element-type FeuilletWpTerm): the terms, in id order
 */
GPtrArray *
feuillet_wp_client_list_terms_finish (FeuilletWpClient  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (FEUILLET_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_wp_client_list_terms_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* data.term_id of a 400 term_exists answer, or 0. */
static gint64
term_exists_id (guint   status,
                GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *bytes;
  gsize size;
  JsonNode *root;
  JsonObject *object;

  if (status != SOUP_STATUS_BAD_REQUEST || body == NULL)
    return 0;
  bytes = g_bytes_get_data (body, &size);
  if (size == 0 || !json_parser_load_from_data (parser, bytes, size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  object = json_node_get_object (root);
  if (g_strcmp0 (feuillet_json_get_string (object, "code"), "term_exists") != 0)
    return 0;
  return feuillet_json_get_id (feuillet_json_get_object (object, "data"), "term_id");
}

/* The id in the answer to a tag's create: the new tag's, or the existing one's when the
 * answer is term_exists; 0 with @error set otherwise. @message as answer_node() takes it. */
static gint64
created_tag_id (guint         status,
                GBytes       *body,
                SoupMessage  *message,
                GError      **error)
{
  g_autoptr(JsonObject) tag = NULL;
  gint64 existing;
  gint64 id;

  existing = term_exists_id (status, body);
  if (existing > 0)
    return existing;

  tag = answer_object (status, body, message, error);
  if (tag == NULL)
    return 0;
  id = feuillet_json_get_id (tag, "id");
  if (id == 0)
    g_propagate_error (error, invalid_answer_error (message, NULL));
  return id;
}

static void
on_tag_created_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 id;

  body = send_finish (self, result, &error);
  id = body != NULL ? created_tag_id (soup_message_get_status (message), body, message, &error) : 0;
  if (id <= 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, id);
}

/* The answer to a tag's create sent in a batch. */
static void
on_tag_batched (guint         status,
                GBytes       *body,
                const GError *error,
                gpointer      user_data)
{
  GTask *task = user_data;
  GError *answer_error = NULL;
  gint64 id;

  if (error != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  id = created_tag_id (status, body, NULL, &answer_error);
  if (id <= 0)
    g_task_return_error (task, answer_error);
  else
    g_task_return_int (task, id);
}

void
feuillet_wp_client_create_tag_async (FeuilletWpClient    *self,
                                     const char          *name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (FEUILLET_IS_WP_CLIENT (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->user != NULL && self->password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_wp_client_create_tag_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  if (self->batching && self->rest_root != NULL)
    {
      feuillet_wp_batch_add (self->batch, "POST", "wp/v2/tags", "_fields=id,name,slug", body, on_tag_batched,
                             g_steal_pointer (&task), g_object_unref);
      return;
    }

  message = new_request_message (self, "POST", "wp/v2/tags", "_fields=id,name,slug", body);
  if (message == NULL)
    {
      g_task_return_error (task, no_rest_api_error (self->site_url));
      return;
    }

  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  send_async (self, message, TRUE, cancellable, on_tag_created_cb, g_steal_pointer (&task));
}

gint64
feuillet_wp_client_create_tag_finish (FeuilletWpClient  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  gssize id;

  g_return_val_if_fail (FEUILLET_IS_WP_CLIENT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_wp_client_create_tag_async, 0);

  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? id : 0;
}

/* -- the object -- */

static void
feuillet_wp_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SITE_URL:
      g_value_set_string (value, self->site_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_wp_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SITE_URL:
      g_set_str (&self->site_url, g_value_get_string (value));
      skip_proxy_for_loopback (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_wp_client_dispose (GObject *object)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (feuillet_wp_client_parent_class)->dispose (object);
}

static void
feuillet_wp_client_finalize (GObject *object)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (object);

  g_clear_pointer (&self->site_url, g_free);
  g_clear_pointer (&self->rest_root, g_free);
  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->authorization_url, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->password, free_secret);
  g_clear_pointer (&self->batch, feuillet_wp_batch_free);

  G_OBJECT_CLASS (feuillet_wp_client_parent_class)->finalize (object);
}

static void
feuillet_wp_client_class_init (FeuilletWpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = feuillet_wp_client_get_property;
  object_class->set_property = feuillet_wp_client_set_property;
  object_class->dispose = feuillet_wp_client_dispose;
  object_class->finalize = feuillet_wp_client_finalize;

  properties[PROP_SITE_URL] =
    g_param_spec_string ("site-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
feuillet_wp_client_init (FeuilletWpClient *self)
{
  /* TLS certificates are checked by default and never accepted otherwise. */
  self->session = soup_session_new_with_options ("user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                                 "timeout", DEFAULT_TIMEOUT_SECONDS,
                                                 NULL);
}

/* -- public API -- */

FeuilletWpClient *
feuillet_wp_client_new (const char *site_url)
{
  g_return_val_if_fail (site_url != NULL, NULL);

  return g_object_new (FEUILLET_TYPE_WP_CLIENT, "site-url", site_url, NULL);
}

const char *
feuillet_wp_client_get_site_url (FeuilletWpClient *self)
{
  g_return_val_if_fail (FEUILLET_IS_WP_CLIENT (self), NULL);

  return self->site_url;
}

void
feuillet_wp_client_set_credentials (FeuilletWpClient *self,
                                    const char       *user,
                                    const char       *application_password)
{
  g_return_if_fail (FEUILLET_IS_WP_CLIENT (self));

  g_set_str (&self->user, user);
  g_clear_pointer (&self->password, free_secret);
  self->password = g_strdup (application_password);
}

void
feuillet_wp_client_set_timeout (FeuilletWpClient *self,
                                guint             seconds)
{
  g_return_if_fail (FEUILLET_IS_WP_CLIENT (self));

  g_object_set (self->session, "timeout", seconds, NULL);
}

const char *
feuillet_wp_client_get_rest_root (FeuilletWpClient *self)
{
  g_return_val_if_fail (FEUILLET_IS_WP_CLIENT (self), NULL);

  return self->rest_root;
}

void
feuillet_wp_client_set_rest_root (FeuilletWpClient *self,
                                  const char       *rest_root)
{
  g_return_if_fail (FEUILLET_IS_WP_CLIENT (self));

  g_set_str (&self->rest_root, rest_root);
}

const char *
feuillet_wp_client_get_site_name (FeuilletWpClient *self)
{
  g_return_val_if_fail (FEUILLET_IS_WP_CLIENT (self), NULL);

  return self->site_name;
}

const char *
feuillet_wp_client_get_authorization_url (FeuilletWpClient *self)
{
  g_return_val_if_fail (FEUILLET_IS_WP_CLIENT (self), NULL);

  return self->authorization_url;
}

FeuilletWpUser *
feuillet_wp_user_copy (const FeuilletWpUser *user)
{
  FeuilletWpUser *copy;

  g_return_val_if_fail (user != NULL, NULL);

  copy = g_new0 (FeuilletWpUser, 1);
  copy->id = user->id;
  copy->slug = g_strdup (user->slug);
  copy->name = g_strdup (user->name);
  return copy;
}

void
feuillet_wp_user_free (FeuilletWpUser *user)
{
  if (user == NULL)
    return;
  g_free (user->slug);
  g_free (user->name);
  g_free (user);
}

FeuilletWpTerm *
feuillet_wp_term_copy (const FeuilletWpTerm *term)
{
  FeuilletWpTerm *copy;

  g_return_val_if_fail (term != NULL, NULL);

  copy = g_new0 (FeuilletWpTerm, 1);
  copy->id = term->id;
  copy->name = g_strdup (term->name);
  copy->slug = g_strdup (term->slug);
  return copy;
}

void
feuillet_wp_term_free (FeuilletWpTerm *term)
{
  if (term == NULL)
    return;
  g_free (term->name);
  g_free (term->slug);
  g_free (term);
}

char *
feuillet_wp_rest_url (const char *rest_root,
                      const char *route,
                      const char *query)
{
  g_autofree char *base = NULL;
  const char *root_query;
  const char *fragment;
  g_autoptr(GString) url = NULL;

  g_return_val_if_fail (rest_root != NULL, NULL);
  g_return_val_if_fail (route != NULL, NULL);

  while (*route == '/')
    route++;
  if (query != NULL && *query == '\0')
    query = NULL;

  fragment = strchr (rest_root, '#');
  base = g_strndup (rest_root, fragment != NULL ? (gsize) (fragment - rest_root) : strlen (rest_root));
  root_query = strchr (base, '?');
  if (root_query != NULL)
    *(char *) root_query++ = '\0';

  url = g_string_new (base);

  if (root_query != NULL && *root_query != '\0')
    {
      g_auto(GStrv) params = g_strsplit (root_query, "&", -1);
      gboolean has_rest_route = FALSE;
      gboolean first = TRUE;

      for (guint i = 0; params[i] != NULL; i++)
        if (g_str_has_prefix (params[i], "rest_route="))
          has_rest_route = TRUE;

      if (has_rest_route)
        {
          /* …/index.php?rest_route=/ : the route goes inside rest_route. */
          for (guint i = 0; params[i] != NULL; i++)
            {
              if (params[i][0] == '\0')
                continue;
              g_string_append_c (url, first ? '?' : '&');
              first = FALSE;
              if (g_str_has_prefix (params[i], "rest_route="))
                {
                  g_autofree char *escaped = g_uri_escape_string (route, "/", FALSE);

                  g_string_append_printf (url, "rest_route=/%s", escaped);
                }
              else
                g_string_append (url, params[i]);
            }
          if (query != NULL)
            g_string_append_printf (url, "&%s", query);
          return g_string_free (g_steal_pointer (&url), FALSE);
        }
    }

  if (!g_str_has_suffix (url->str, "/"))
    g_string_append_c (url, '/');
  g_string_append (url, route);
  if (root_query != NULL && *root_query != '\0')
    g_string_append_printf (url, "?%s%s%s", root_query, query != NULL ? "&" : "", query != NULL ? query : "");
  else if (query != NULL)
    g_string_append_printf (url, "?%s", query);

  return g_string_free (g_steal_pointer (&url), FALSE);
}

gboolean
feuillet_wp_url_is_safe_for_credentials (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  return uri != NULL && uri_is_safe_for_credentials (uri);
}

/**
 * feuillet_wp_client_set_batching:
 *
 * Whether the posts and terms this client writes from now on go to the site together, in
 * batches (feuillet-wp-batch.h): for a sync or a push of many articles, where each write
 * would otherwise cost the site a start of WordPress. Reads and media never are.
 */
void
feuillet_wp_client_set_batching (FeuilletWpClient *self,
                                 gboolean          batching)
{
  g_return_if_fail (FEUILLET_IS_WP_CLIENT (self));

  self->batching = !!batching;
  if (self->batching && self->batch == NULL)
    self->batch = feuillet_wp_batch_new (self);
}

SoupMessage *
feuillet_wp_client_build_message (FeuilletWpClient *self,
                                  const char       *method,
                                  const char       *route,
                                  const char       *query,
                                  JsonNode         *body)
{
  return new_request_message (self, method, route, query, body);
}

void
feuillet_wp_client_send_message_async (FeuilletWpClient    *self,
                                       SoupMessage         *message,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  send_async (self, message, TRUE, cancellable, callback, user_data);
}

GBytes *
feuillet_wp_client_send_message_finish (FeuilletWpClient  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return send_finish (self, result, error);
}

JsonObject *
feuillet_wp_client_answer_object (SoupMessage  *message,
                                  GBytes       *body,
                                  GError      **error)
{
  return answer_get_object (message, body, error);
}

GError *
feuillet_wp_client_invalid_answer_error (SoupMessage *message)
{
  return invalid_answer_error (message, NULL);
}

GError *
feuillet_wp_client_no_rest_api_error (FeuilletWpClient *self)
{
  return no_rest_api_error (self->site_url);
}

gboolean
feuillet_wp_client_has_credentials (FeuilletWpClient *self)
{
  return self->user != NULL && self->password != NULL;
}
