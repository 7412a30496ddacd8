/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-wp-batch"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "feuillet-json.h"
#include "feuillet-wp-batch.h"
#include "feuillet-wp-client-private.h"
#include "feuillet-wp-error.h"

/* WordPress takes at most 25 requests in one batch. */
#define BATCH_MAX 25
/* Requests made within this long of each other go together: the pushes of a sync reach
 * their post a few milliseconds apart, after their own work in the library. */
#define BATCH_WAIT_MS 15

typedef struct
{
  char                *method;
  char                *route;
  char                *query;
  JsonNode            *body;
  FeuilletWpBatchDone  done;
  gpointer             user_data;
  GDestroyNotify       destroy;
} BatchItem;

struct _FeuilletWpBatch
{
  /* weak: the client owns the batch */
  FeuilletWpClient *client;
  /* BatchItem*, not sent yet */
  GPtrArray *pending;
  /* the batch on its way, or NULL: one at a time, so that writes never race on the site */
  GPtrArray *in_flight;
  guint timeout;
  /* the site has no /batch/v1 (WordPress before 5.6, or turned off): one request each */
  gboolean unavailable;
};

static void
batch_item_free (BatchItem *item)
{
  if (item == NULL)
    return;
  g_free (item->method);
  g_free (item->route);
  g_free (item->query);
  g_clear_pointer (&item->body, json_node_unref);
  if (item->destroy != NULL)
    item->destroy (item->user_data);
  g_free (item);
}

static void
finish_item (BatchItem    *item,
             guint         status,
             GBytes       *body,
             const GError *error)
{
  item->done (status, body, error, item->user_data);
}

gboolean
feuillet_wp_batch_accepts (const char *method,
                           const char *route)
{
  if (g_strcmp0 (method, "POST") != 0 && g_strcmp0 (method, "PUT") != 0 &&
      g_strcmp0 (method, "PATCH") != 0 && g_strcmp0 (method, "DELETE") != 0)
    return FALSE;
  return g_str_has_prefix (route, "wp/v2/posts") || g_str_has_prefix (route, "wp/v2/tags") ||
         g_str_has_prefix (route, "wp/v2/categories");
}

static void send_next (FeuilletWpBatch *self);

/* -- one request each, when the site has no batches -- */

typedef struct
{
  FeuilletWpBatch *batch;
  guint            index;
  SoupMessage     *message;
} AloneData;

static void send_alone_from (FeuilletWpBatch *self,
                             guint            index);

static void
on_alone_sent_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AloneData *data = user_data;
  FeuilletWpBatch *self = data->batch;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = feuillet_wp_client_send_message_finish (FEUILLET_WP_CLIENT (source), result, &error);
  finish_item (self->in_flight->pdata[data->index], soup_message_get_status (data->message), body, error);
  send_alone_from (self, data->index + 1);
  g_object_unref (data->message);
  g_free (data);
}

/* In order, one after the other, as a batch would run them. */
static void
send_alone_from (FeuilletWpBatch *self,
                 guint            index)
{
  BatchItem *item;
  AloneData *data;

  if (index >= self->in_flight->len)
    {
      g_clear_pointer (&self->in_flight, g_ptr_array_unref);
      send_next (self);
      return;
    }

  item = self->in_flight->pdata[index];
  data = g_new0 (AloneData, 1);
  data->batch = self;
  data->index = index;
  data->message = feuillet_wp_client_build_message (self->client, item->method, item->route, item->query,
                                                    item->body);
  feuillet_wp_client_send_message_async (self->client, data->message, NULL, on_alone_sent_cb, data);
}

static void
send_alone (FeuilletWpBatch *self)
{
  send_alone_from (self, 0);
}

/* -- batches -- */

static JsonNode *
batch_body (GPtrArray *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "requests");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      BatchItem *item = items->pdata[i];
      g_autofree char *path = item->query != NULL ? g_strdup_printf ("/%s?%s", item->route, item->query)
                                                  : g_strdup_printf ("/%s", item->route);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, item->method);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      if (item->body != NULL)
        {
          json_builder_set_member_name (builder, "body");
          json_builder_add_value (builder, json_node_copy (item->body));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The answers of a batch, one per request and in their order; NULL when the answer is not
 * that. */
static JsonArray *
batch_responses (GBytes *body,
                 guint   expected)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  gsize size;
  JsonNode *root;
  JsonNode *responses;

  data = g_bytes_get_data (body, &size);
  if (!json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  responses = json_object_get_member (json_node_get_object (root), "responses");
  if (responses == NULL || !JSON_NODE_HOLDS_ARRAY (responses) ||
      json_array_get_length (json_node_get_array (responses)) != expected)
    return NULL;
  return json_array_ref (json_node_get_array (responses));
}

/* The error code of a WordPress answer's body, or NULL. */
static char *
answer_code (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  gsize size;
  JsonNode *root;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &size);
  if (!json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (feuillet_json_get_string (json_node_get_object (root), "code"));
}

/* WordPress says it does not batch these requests: 5.7 has /batch/v1 but refuses posts and
 * terms in it (rest_batch_not_allowed); before 5.6 there was no /batch/v1 at all. */
static gboolean
is_batch_refused (guint   status,
                  GBytes *body)
{
  g_autofree char *code = NULL;

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    return TRUE;
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return FALSE;
  code = answer_code (body);
  return g_strcmp0 (code, "rest_batch_not_allowed") == 0 || g_strcmp0 (code, "rest_no_route") == 0;
}

/* A sub-answer's status and body, or FALSE when it is not what WordPress sends. */
static gboolean
response_parts (JsonNode  *response,
                guint     *status,
                GBytes   **body)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (response) ? json_node_get_object (response) : NULL;
  JsonNode *status_node = object != NULL ? json_object_get_member (object, "status") : NULL;
  JsonNode *body_node = object != NULL ? json_object_get_member (object, "body") : NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  gsize length;
  char *text;

  if (status_node == NULL || json_node_get_value_type (status_node) != G_TYPE_INT64 || body_node == NULL)
    return FALSE;

  generator = json_generator_new ();
  json_generator_set_root (generator, body_node);
  text = json_generator_to_data (generator, &length);
  *body = g_bytes_new_take (text, length);
  *status = (guint) json_node_get_int (status_node);
  return TRUE;
}

static GError *
invalid_batch_answer_error (void)
{
  return g_error_new_literal (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER,
                              _("The site’s answer to a batch of requests is not what WordPress sends"));
}

typedef struct
{
  FeuilletWpBatch *batch;
  SoupMessage     *message;
} SendData;

static void
on_batch_sent_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SendData *data = user_data;
  FeuilletWpBatch *self = data->batch;
  g_autoptr(SoupMessage) message = data->message;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonArray) responses = NULL;
  guint status;

  g_free (data);
  body = feuillet_wp_client_send_message_finish (FEUILLET_WP_CLIENT (source), result, &error);
  status = soup_message_get_status (message);

  /* No batches of these on this site: the same requests, one by one, from now on. */
  if (error == NULL && is_batch_refused (status, body))
    {
      g_debug ("The site does not batch these requests (%u): one request at a time", status);
      self->unavailable = TRUE;
      send_alone (self);
      return;
    }

  if (error == NULL && !SOUP_STATUS_IS_SUCCESSFUL (status))
    error = feuillet_wp_error_new_from_response (status, body);
  if (error == NULL)
    {
      responses = batch_responses (body, self->in_flight->len);
      if (responses == NULL)
        error = invalid_batch_answer_error ();
    }

  {
    /* Requests the batch refused one by one (rest_batch_not_allowed) go again alone. */
    g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_item_free);

    for (guint i = 0; i < self->in_flight->len; i++)
      {
        BatchItem *item = self->in_flight->pdata[i];
        g_autoptr(GBytes) item_body = NULL;
        guint item_status;

        if (error != NULL)
          finish_item (item, 0, NULL, error);
        else if (!response_parts (json_array_get_element (responses, i), &item_status, &item_body))
          {
            g_autoptr(GError) invalid = invalid_batch_answer_error ();

            finish_item (item, 0, NULL, invalid);
          }
        else if (is_batch_refused (item_status, item_body))
          g_ptr_array_add (refused, g_steal_pointer (&self->in_flight->pdata[i]));
        else
          finish_item (item, item_status, item_body, NULL);
      }

    g_clear_pointer (&self->in_flight, g_ptr_array_unref);
    if (refused->len > 0)
      {
        self->unavailable = TRUE;
        self->in_flight = g_steal_pointer (&refused);
        send_alone (self);
        return;
      }
  }
  send_next (self);
}

static void
send_next (FeuilletWpBatch *self)
{
  g_autoptr(JsonNode) body = NULL;
  SendData *data;
  guint count;

  if (self->in_flight != NULL || self->pending->len == 0)
    return;

  count = MIN (self->pending->len, BATCH_MAX);
  self->in_flight = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_item_free);
  for (guint i = 0; i < count; i++)
    g_ptr_array_add (self->in_flight, g_ptr_array_steal_index (self->pending, 0));

  if (self->unavailable || count == 1)
    {
      send_alone (self);
      return;
    }

  body = batch_body (self->in_flight);
  data = g_new0 (SendData, 1);
  data->batch = self;
  data->message = feuillet_wp_client_build_message (self->client, "POST", "batch/v1", NULL, body);
  feuillet_wp_client_send_message_async (self->client, data->message, NULL, on_batch_sent_cb, data);
}

static gboolean
on_wait_over_cb (gpointer user_data)
{
  FeuilletWpBatch *self = user_data;

  self->timeout = 0;
  send_next (self);
  return G_SOURCE_REMOVE;
}

FeuilletWpBatch *
feuillet_wp_batch_new (FeuilletWpClient *client)
{
  FeuilletWpBatch *self = g_new0 (FeuilletWpBatch, 1);

  self->client = client;
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_item_free);
  return self;
}

/* Never while a batch is on its way: each request's caller holds the client, which owns
 * the batch. */
void
feuillet_wp_batch_free (FeuilletWpBatch *self)
{
  if (self == NULL)
    return;

  g_assert (self->in_flight == NULL);
  g_clear_handle_id (&self->timeout, g_source_remove);
  g_ptr_array_unref (self->pending);
  g_free (self);
}

void
feuillet_wp_batch_add (FeuilletWpBatch     *self,
                       const char          *method,
                       const char          *route,
                       const char          *query,
                       JsonNode            *body,
                       FeuilletWpBatchDone  done,
                       gpointer             user_data,
                       GDestroyNotify       destroy)
{
  BatchItem *item;

  g_return_if_fail (self != NULL);
  g_return_if_fail (feuillet_wp_batch_accepts (method, route));
  g_return_if_fail (done != NULL);

  item = g_new0 (BatchItem, 1);
  item->method = g_strdup (method);
  item->route = g_strdup (route);
  item->query = g_strdup (query);
  item->body = body != NULL ? json_node_copy (body) : NULL;
  item->done = done;
  item->user_data = user_data;
  item->destroy = destroy;
  g_ptr_array_add (self->pending, item);

  if (self->pending->len >= BATCH_MAX)
    {
      g_clear_handle_id (&self->timeout, g_source_remove);
      send_next (self);
    }
  else if (self->timeout == 0)
    self->timeout = g_timeout_add (BATCH_WAIT_MS, on_wait_over_cb, self);
}
