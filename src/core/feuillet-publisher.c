/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Publishing as a user asks for it: the window and feuillet-cli share this, so that the
 * choice of the site, the password, the push and the outbox work the same in both. */
#define G_LOG_DOMAIN "feuillet-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "feuillet-error.h"
#include "feuillet-publisher.h"
#include "feuillet-site-terms.h"
#include "feuillet-site-secret.h"

G_DEFINE_QUARK (feuillet-publisher-error-quark, feuillet_publisher_error)

gboolean
feuillet_publisher_is_unreachable (const GError *error)
{
  return g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_UNREACHABLE) ||
         g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TIMEOUT);
}

static const FeuilletSite *
site_named (GPtrArray  *sites,
            const char *name)
{
  for (guint i = 0; i < sites->len; i++)
    {
      const FeuilletSite *site = sites->pdata[i];

      if (g_ascii_strcasecmp (site->name, name) == 0)
        return site;
    }
  return NULL;
}

/* -- finding the site -- */

static void
on_sites_listed_for_find_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *name = g_task_get_task_data (task);
  g_autoptr(GPtrArray) sites = NULL;
  GError *error = NULL;
  const FeuilletSite *site;

  sites = feuillet_store_list_sites_finish (FEUILLET_STORE (source), result, &error);
  if (sites == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (name == NULL)
    {
      if (sites->len == 1)
        g_task_return_pointer (task, feuillet_site_copy (sites->pdata[0]), (GDestroyNotify) feuillet_site_free);
      else if (sites->len == 0)
        g_task_return_new_error_literal (task, FEUILLET_PUBLISHER_ERROR, FEUILLET_PUBLISHER_ERROR_NO_SITE,
                                         _("The library has no site to publish to"));
      else
        g_task_return_new_error_literal (task, FEUILLET_PUBLISHER_ERROR, FEUILLET_PUBLISHER_ERROR_SEVERAL_SITES,
                                         _("The library has several sites: say which one to publish to"));
      return;
    }

  site = site_named (sites, name);
  if (site == NULL)
    g_task_return_new_error (task, FEUILLET_PUBLISHER_ERROR, FEUILLET_PUBLISHER_ERROR_UNKNOWN_SITE,
                             _("There is no site “%s” in the library"), name);
  else
    g_task_return_pointer (task, feuillet_site_copy (site), (GDestroyNotify) feuillet_site_free);
}

void
feuillet_publisher_find_site_async (FeuilletStore       *store,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FEUILLET_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_publisher_find_site_async);
  g_task_set_task_data (task, g_strdup (name), g_free);
  feuillet_store_list_sites_async (store, cancellable, on_sites_listed_for_find_cb, g_steal_pointer (&task));
}

FeuilletSite *
feuillet_publisher_find_site_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_publisher_find_site_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- connecting -- */

static void
on_discovered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!feuillet_wp_client_discover_finish (FEUILLET_WP_CLIENT (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (source), g_object_unref);
}

static void
on_password_found_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const FeuilletSite *site = g_task_get_task_data (task);
  g_autoptr(FeuilletWpClient) client = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  char *password;

  password = feuillet_site_secret_lookup_finish (result, &error);
  if (password == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_new_error (task, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION,
                                 _("No application password for the site “%s”: add the site again, or set $FEUILLET_APP_PASSWORD"),
                                 site->name);
      return;
    }

  client = feuillet_wp_client_new (site->url);
  feuillet_wp_client_set_credentials (client, site->user, password);
  secret_password_free (password);

  /* Discovery is one more round trip: the root found when the site was added is kept. */
  if (site->rest_root != NULL)
    {
      feuillet_wp_client_set_rest_root (client, site->rest_root);
      g_task_return_pointer (task, g_steal_pointer (&client), g_object_unref);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  feuillet_wp_client_discover_async (client, cancellable, on_discovered_cb, g_steal_pointer (&task));
}

void
feuillet_publisher_connect_async (const FeuilletSite  *site,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (site != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_publisher_connect_async);
  g_task_set_task_data (task, feuillet_site_copy (site), (GDestroyNotify) feuillet_site_free);
  feuillet_site_secret_lookup_async (site->url, site->user, cancellable, on_password_found_cb, g_steal_pointer (&task));
}

FeuilletWpClient *
feuillet_publisher_connect_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_publisher_connect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- publishing one article -- */

typedef struct
{
  FeuilletStore      *store;
  char               *site_name;
  gint64              id;
  FeuilletPushStatus  status;
  GDateTime          *date;
  FeuilletSite       *site;
  /* why the site could not be reached, while the push is queued */
  GError             *unreachable;
  gboolean            queued;
} PublishData;

static void
publish_data_free (PublishData *data)
{
  g_clear_object (&data->store);
  g_free (data->site_name);
  g_clear_pointer (&data->date, g_date_time_unref);
  g_clear_pointer (&data->site, feuillet_site_free);
  g_clear_error (&data->unreachable);
  g_free (data);
}

static void
on_queued_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishData *data = g_task_get_task_data (task);
  GError *queue_error = NULL;

  if (!feuillet_push_queue_finish (result, &queue_error))
    {
      /* Neither sent nor kept: the user must know both. */
      g_prefix_error (&queue_error, _("%s. The article was not sent, nor kept in the outbox: "),
                      data->unreachable->message);
      g_task_return_error (task, queue_error);
      return;
    }

  data->queued = TRUE;
  g_task_return_error (task, g_steal_pointer (&data->unreachable));
}

/* The site could not be reached (@error, taken): the push waits in the outbox. */
static void
queue_push (GTask  *task,
            GError *error)
{
  PublishData *data = g_task_get_task_data (task);

  data->unreachable = error;
  feuillet_push_queue_async (data->store, data->site->name, data->id, data->status, data->date,
                             g_task_get_cancellable (task), on_queued_cb, task);
}

static void
on_pushed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FeuilletArticle *pushed;
  GError *error = NULL;

  pushed = feuillet_push_finish (result, &error);
  if (pushed == NULL)
    {
      if (feuillet_publisher_is_unreachable (error))
        queue_push (g_steal_pointer (&task), error);
      else
        g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, pushed, g_object_unref);
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishData *data = g_task_get_task_data (task);
  g_autoptr(FeuilletWpClient) client = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  client = feuillet_publisher_connect_finish (result, &error);
  if (client == NULL)
    {
      /* Discovery itself may find the site away. */
      if (feuillet_publisher_is_unreachable (error))
        queue_push (g_steal_pointer (&task), error);
      else
        g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  feuillet_push_async (data->store, client, data->site->name, data->id, data->status, data->date,
                       cancellable, on_pushed_cb, g_steal_pointer (&task));
}

static void
on_site_found_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  data->site = feuillet_publisher_find_site_finish (result, &error);
  if (data->site == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  feuillet_publisher_connect_async (data->site, cancellable, on_connected_cb, g_steal_pointer (&task));
}

void
feuillet_publisher_publish_async (FeuilletStore       *store,
                                  const char          *site_name,
                                  gint64               id,
                                  FeuilletPushStatus   status,
                                  GDateTime           *date,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PublishData *data;

  g_return_if_fail (FEUILLET_IS_STORE (store));
  g_return_if_fail (id > 0);
  g_return_if_fail (status != FEUILLET_PUSH_FUTURE || date != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_publisher_publish_async);
  data = g_new0 (PublishData, 1);
  data->store = g_object_ref (store);
  data->site_name = g_strdup (site_name);
  data->id = id;
  data->status = status;
  data->date = date != NULL ? g_date_time_ref (date) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) publish_data_free);

  feuillet_publisher_find_site_async (store, site_name, cancellable, on_site_found_cb, g_steal_pointer (&task));
}

FeuilletArticle *
feuillet_publisher_publish_finish (GAsyncResult  *result,
                                   gboolean      *queued,
                                   GError       **error)
{
  PublishData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_publisher_publish_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (queued != NULL)
    *queued = data->queued;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- the outbox -- */

void
feuillet_flush_result_free (FeuilletFlushResult *result)
{
  if (result == NULL)
    return;
  g_free (result->site);
  g_clear_object (&result->pushed);
  g_clear_error (&result->error);
  g_free (result);
}

/* A site of the outbox, connected once per run; once it failed (unreachable, password
 * refused), its other rows are kept without being tried. */
typedef struct
{
  FeuilletWpClient *client;
  GError           *error;
} FlushSite;

static void
flush_site_free (FlushSite *flush_site)
{
  g_clear_object (&flush_site->client);
  g_clear_error (&flush_site->error);
  g_free (flush_site);
}

/* How many rows are pushed at once: their writes reach the site together, in batches
 * (feuillet-wp-batch.h), and their work in the library overlaps the site's. */
#define FLUSH_CONCURRENCY 25

typedef struct
{
  FeuilletStore *store;
  char          *site_name;
  GPtrArray     *sites;
  GPtrArray     *outbox;
  /* lower-cased site name → FlushSite */
  GHashTable    *flush_sites;
  /* the sites still to connect, then the next row to send, and how many are on their way */
  GPtrArray     *to_connect;
  guint          next;
  guint          in_flight;
  /* send_rows() is on the stack: a row done at once leaves the rest to it */
  gboolean       sending;
  /* one per row of the outbox, in its order; NULL for the rows of other sites */
  GPtrArray     *results;
} FlushData;

/* One row on its way. */
typedef struct
{
  GTask               *task;
  guint                index;
  FeuilletFlushResult *result;
  FeuilletPushStatus   status;
} FlushRow;

static void
flush_data_free (FlushData *data)
{
  g_clear_object (&data->store);
  g_free (data->site_name);
  g_clear_pointer (&data->sites, g_ptr_array_unref);
  g_clear_pointer (&data->outbox, g_ptr_array_unref);
  g_clear_pointer (&data->flush_sites, g_hash_table_unref);
  g_clear_pointer (&data->to_connect, g_ptr_array_unref);
  g_clear_pointer (&data->results, g_ptr_array_unref);
  g_free (data);
}

static void send_rows (GTask *task);

static FlushSite *
flush_site_lookup (FlushData  *data,
                   const char *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (data->flush_sites, key);
}

static void
flush_site_insert (FlushData  *data,
                   const char *name,
                   FlushSite  *flush_site)
{
  g_hash_table_insert (data->flush_sites, g_ascii_strdown (name, -1), flush_site);
}

static gboolean
is_flushed (FlushData                 *data,
            const FeuilletOutboxEntry *entry)
{
  return data->site_name == NULL || g_ascii_strcasecmp (entry->site, data->site_name) == 0;
}

/* A row is done: its result kept in its place, and the next rows sent. */
static void
finish_row (FlushRow *row)
{
  GTask *task = row->task;
  FlushData *data = g_task_get_task_data (task);

  g_ptr_array_index (data->results, row->index) = row->result;
  g_free (row);
  data->in_flight--;
  send_rows (task);
}

static void
on_requeued_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  FlushRow *row = user_data;
  GError *queue_error = NULL;

  if (!feuillet_push_queue_finish (result, &queue_error))
    {
      g_prefix_error (&queue_error, _("%s. It could not be kept in the outbox: "), row->result->error->message);
      g_clear_error (&row->result->error);
      row->result->error = queue_error;
    }
  finish_row (row);
}

static void
on_trashed_row_removed_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  FlushRow *row = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_store_remove_outbox_finish (FEUILLET_STORE (source), result, &error))
    g_warning ("A queued push of an article in the trash stays in the outbox: %s", error->message);
  finish_row (row);
}

static void
on_flush_pushed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  FlushRow *row = user_data;
  FlushData *data = g_task_get_task_data (row->task);
  const FeuilletOutboxEntry *entry = data->outbox->pdata[row->index];
  FlushSite *flush_site = flush_site_lookup (data, entry->site);

  row->result->pushed = feuillet_push_finish (result, &row->result->error);
  if (row->result->pushed != NULL)
    {
      finish_row (row);
      return;
    }

  /* Sent to the trash since it was queued: it is not to go out, now or at the next sync. */
  if (g_error_matches (row->result->error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_IN_TRASH))
    {
      feuillet_store_remove_outbox_async (data->store, entry->article_id, g_task_get_cancellable (row->task),
                                          on_trashed_row_removed_cb, row);
      return;
    }

  /* The site's rows not sent yet wait too. */
  if ((feuillet_publisher_is_unreachable (row->result->error) ||
       g_error_matches (row->result->error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION)) &&
      flush_site->error == NULL)
    flush_site->error = g_error_copy (row->result->error);

  /* Queued again: the push may have marked it as sending. */
  if (feuillet_publisher_is_unreachable (row->result->error))
    {
      feuillet_push_queue_async (data->store, entry->site, entry->article_id, row->status, entry->date,
                                 g_task_get_cancellable (row->task), on_requeued_cb, row);
      return;
    }
  finish_row (row);
}

static void
send_row (GTask *task,
          guint  index)
{
  FlushData *data = g_task_get_task_data (task);
  const FeuilletOutboxEntry *entry = data->outbox->pdata[index];
  FlushSite *flush_site = flush_site_lookup (data, entry->site);
  FlushRow *row = g_new0 (FlushRow, 1);

  row->task = task;
  row->index = index;
  row->result = g_new0 (FeuilletFlushResult, 1);
  row->result->article_id = entry->article_id;
  row->result->site = g_strdup (entry->site);
  data->in_flight++;

  if (flush_site->error != NULL)
    {
      row->result->error = g_error_copy (flush_site->error);
      finish_row (row);
      return;
    }
  if (!feuillet_push_status_from_string (entry->status, &row->status))
    {
      row->result->error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                        /* Translators: %s is what a post is to become, such as “draft”. */
                                        _("“%s” is not a post status"), entry->status);
      finish_row (row);
      return;
    }

  feuillet_push_async (data->store, flush_site->client, entry->site, entry->article_id, row->status, entry->date,
                       g_task_get_cancellable (task), on_flush_pushed_cb, row);
}

/* Oldest first, up to FLUSH_CONCURRENCY at once; the rows of other sites are left alone.
 * Returns once every row sent is done. */
static void
send_rows (GTask *task)
{
  FlushData *data = g_task_get_task_data (task);

  if (data->sending)
    return;

  data->sending = TRUE;
  while (data->in_flight < FLUSH_CONCURRENCY && data->next < data->outbox->len &&
         !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      guint index = data->next++;

      if (is_flushed (data, data->outbox->pdata[index]))
        send_row (task, index);
    }
  data->sending = FALSE;

  if (data->in_flight > 0)
    return;
  if (data->next < data->outbox->len && g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  /* Every row sent is done: their results, in the outbox's order. */
  {
    GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_flush_result_free);

    for (guint i = 0; i < data->results->len; i++)
      if (data->results->pdata[i] != NULL)
        g_ptr_array_add (results, g_steal_pointer (&data->results->pdata[i]));
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
    g_object_unref (task);
  }
}

static void connect_next_site (GTask *task);

static void
on_flush_terms_fetched_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  /* Not fatal: each push then finds its terms on its own. */
  if (!feuillet_site_terms_refresh_finish (result, NULL, NULL, &error))
    g_debug ("The site’s terms were not fetched before sending: %s", error->message);
  connect_next_site (task);
}

static void
on_flush_connected_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  FlushData *data = g_task_get_task_data (task);
  FlushSite *flush_site = g_new0 (FlushSite, 1);
  const FeuilletSite *site = g_ptr_array_steal_index (data->to_connect, 0);

  flush_site->client = feuillet_publisher_connect_finish (result, &flush_site->error);
  flush_site_insert (data, site->name, flush_site);
  if (flush_site->client == NULL)
    {
      connect_next_site (task);
      return;
    }

  feuillet_wp_client_set_batching (flush_site->client, TRUE);
  /* Never fetched: once now, rather than by each of the rows sent at once. */
  if (site->terms_fetched == NULL)
    {
      feuillet_site_terms_refresh_async (data->store, flush_site->client, site->name, g_task_get_cancellable (task),
                                         on_flush_terms_fetched_cb, task);
      return;
    }
  connect_next_site (task);
}

/* Each site of the rows to send, once, before any row goes. */
static void
connect_next_site (GTask *task)
{
  FlushData *data = g_task_get_task_data (task);

  if (data->to_connect->len == 0)
    {
      send_rows (task);
      return;
    }

  feuillet_publisher_connect_async (data->to_connect->pdata[0], g_task_get_cancellable (task),
                                    on_flush_connected_cb, task);
}

static void
connect_sites (GTask *task)
{
  FlushData *data = g_task_get_task_data (task);

  data->to_connect = g_ptr_array_new ();
  g_ptr_array_set_size (data->results, data->outbox->len);
  for (guint i = 0; i < data->outbox->len; i++)
    {
      const FeuilletOutboxEntry *entry = data->outbox->pdata[i];
      const FeuilletSite *site;

      if (!is_flushed (data, entry) || flush_site_lookup (data, entry->site) != NULL)
        continue;

      site = site_named (data->sites, entry->site);
      if (site == NULL)
        {
          FlushSite *flush_site = g_new0 (FlushSite, 1);

          g_set_error (&flush_site->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("There is no site “%s” in the library"), entry->site);
          flush_site_insert (data, entry->site, flush_site);
          continue;
        }

      /* Marked, so that the site is connected once; replaced once it is. */
      flush_site_insert (data, entry->site, g_new0 (FlushSite, 1));
      g_ptr_array_add (data->to_connect, (gpointer) site);
    }

  connect_next_site (task);
}

static void
on_outbox_listed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  FlushData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->outbox = feuillet_store_list_outbox_finish (FEUILLET_STORE (source), result, &error);
  if (data->outbox == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  connect_sites (task);
}

static void
on_sites_listed_for_flush_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  GTask *task = user_data;
  FlushData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->sites = feuillet_store_list_sites_finish (FEUILLET_STORE (source), result, &error);
  if (data->sites == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  feuillet_store_list_outbox_async (data->store, 0, g_task_get_cancellable (task), on_outbox_listed_cb, task);
}

void
feuillet_publisher_flush_async (FeuilletStore       *store,
                                const char          *site_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  FlushData *data;

  g_return_if_fail (FEUILLET_IS_STORE (store));

  /* One reference, passed from step to step and dropped once the task has returned. */
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_publisher_flush_async);
  data = g_new0 (FlushData, 1);
  data->store = g_object_ref (store);
  data->site_name = g_strdup (site_name);
  data->flush_sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) flush_site_free);
  data->results = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_flush_result_free);
  g_task_set_task_data (task, data, (GDestroyNotify) flush_data_free);

  feuillet_store_list_sites_async (store, cancellable, on_sites_listed_for_flush_cb, task);
}

GPtrArray *
feuillet_publisher_flush_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_publisher_flush_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- several articles at once -- */

typedef struct
{
  GArray             *ids;
  FeuilletPushStatus  status;
  GDateTime          *date;
} ManyRequest;

static void
many_request_free (ManyRequest *request)
{
  g_array_unref (request->ids);
  g_clear_pointer (&request->date, g_date_time_unref);
  g_free (request);
}

static void
on_site_found_for_many_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GTask *task = user_data;
  FlushData *data = g_task_get_task_data (task);
  ManyRequest *request = g_object_get_data (G_OBJECT (task), "feuillet-many-request");
  g_autoptr(FeuilletSite) site = NULL;
  GError *error = NULL;

  site = feuillet_publisher_find_site_finish (result, &error);
  if (site == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* The same rows as the outbox's, made for the articles asked for; a site that cannot be
   * reached keeps them in the outbox, as a push of one does. */
  data->outbox = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_outbox_entry_free);
  for (guint i = 0; i < request->ids->len; i++)
    {
      FeuilletOutboxEntry *entry = g_new0 (FeuilletOutboxEntry, 1);

      entry->article_id = g_array_index (request->ids, gint64, i);
      entry->site = g_strdup (site->name);
      entry->action = g_strdup ("push");
      entry->status = g_strdup (feuillet_push_status_to_string (request->status));
      entry->date = request->date != NULL ? g_date_time_ref (request->date) : NULL;
      entry->state = g_strdup ("asked");
      g_ptr_array_add (data->outbox, entry);
    }
  data->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_site_free);
  g_ptr_array_add (data->sites, g_steal_pointer (&site));
  connect_sites (task);
}

/**
 * feuillet_publisher_publish_many_async:
 * @ids: (array length=n_ids): the articles
 *
 * Publishes several articles to the site @site_name (NULL: the library's only site) at
 * once, as feuillet_publisher_flush_async() sends the outbox: their writes go to the site
 * together, in batches. Each article's result comes back as a FeuilletFlushResult, in the
 * order of @ids; one that could not reach the site is kept in the outbox.
 */
void
feuillet_publisher_publish_many_async (FeuilletStore       *store,
                                       const char          *site_name,
                                       const gint64        *ids,
                                       guint                n_ids,
                                       FeuilletPushStatus   status,
                                       GDateTime           *date,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  FlushData *data;
  ManyRequest *request;

  g_return_if_fail (FEUILLET_IS_STORE (store));
  g_return_if_fail (ids != NULL || n_ids == 0);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_publisher_publish_many_async);
  data = g_new0 (FlushData, 1);
  data->store = g_object_ref (store);
  data->flush_sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) flush_site_free);
  data->results = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_flush_result_free);
  g_task_set_task_data (task, data, (GDestroyNotify) flush_data_free);

  request = g_new0 (ManyRequest, 1);
  request->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (request->ids, ids, n_ids);
  request->status = status;
  request->date = date != NULL ? g_date_time_ref (date) : NULL;
  g_object_set_data_full (G_OBJECT (task), "feuillet-many-request", request, (GDestroyNotify) many_request_free);

  feuillet_publisher_find_site_async (store, site_name, cancellable, on_site_found_for_many_cb, task);
}

/* Returns: (transfer full) (element-type FeuilletFlushResult): one result per article */
GPtrArray *
feuillet_publisher_publish_many_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_publisher_publish_many_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
