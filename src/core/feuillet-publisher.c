/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Publishing as a user asks for it: the window and feuillet-cli share this, so that the
 * choice of the site, the password, the push and the outbox work the same in both. */
#define G_LOG_DOMAIN "feuillet-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "feuillet-publisher.h"
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

typedef struct
{
  FeuilletStore *store;
  char          *site_name;
  GPtrArray     *sites;
  GPtrArray     *outbox;
  guint          next;
  /* lower-cased site name → FlushSite */
  GHashTable    *flush_sites;
  GPtrArray     *results;
  /* the row being sent and its status */
  FeuilletFlushResult *current;
  FeuilletPushStatus   status;
} FlushData;

static void
flush_data_free (FlushData *data)
{
  g_clear_object (&data->store);
  g_free (data->site_name);
  g_clear_pointer (&data->sites, g_ptr_array_unref);
  g_clear_pointer (&data->outbox, g_ptr_array_unref);
  g_clear_pointer (&data->flush_sites, g_hash_table_unref);
  g_clear_pointer (&data->results, g_ptr_array_unref);
  g_clear_pointer (&data->current, feuillet_flush_result_free);
  g_free (data);
}

static void flush_next (GTask *task);

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

static const FeuilletOutboxEntry *
current_entry (FlushData *data)
{
  return data->outbox->pdata[data->next - 1];
}

/* The current row is done: its result kept, on to the next. */
static void
finish_row (GTask *task)
{
  FlushData *data = g_task_get_task_data (task);

  g_ptr_array_add (data->results, g_steal_pointer (&data->current));
  flush_next (task);
}

static void
on_requeued_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  FlushData *data = g_task_get_task_data (task);
  GError *queue_error = NULL;

  if (!feuillet_push_queue_finish (result, &queue_error))
    {
      g_prefix_error (&queue_error, _("%s. It could not be kept in the outbox: "), data->current->error->message);
      g_clear_error (&data->current->error);
      data->current->error = queue_error;
    }
  finish_row (task);
}

static void
on_flush_pushed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  FlushData *data = g_task_get_task_data (task);
  FeuilletFlushResult *row = data->current;
  const FeuilletOutboxEntry *entry = current_entry (data);
  FlushSite *flush_site = flush_site_lookup (data, entry->site);

  row->pushed = feuillet_push_finish (result, &row->error);
  if (row->pushed != NULL)
    {
      finish_row (task);
      return;
    }

  /* The site's other rows wait too. */
  if (feuillet_publisher_is_unreachable (row->error) ||
      g_error_matches (row->error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION))
    flush_site->error = g_error_copy (row->error);

  /* Queued again: the push may have marked it as sending. */
  if (feuillet_publisher_is_unreachable (row->error))
    {
      feuillet_push_queue_async (data->store, entry->site, entry->article_id, data->status, entry->date,
                                 g_task_get_cancellable (task), on_requeued_cb, task);
      return;
    }
  finish_row (task);
}

/* The current row's site is connected (or failed to): send the row. */
static void
send_row (GTask *task)
{
  FlushData *data = g_task_get_task_data (task);
  const FeuilletOutboxEntry *entry = current_entry (data);
  FlushSite *flush_site = flush_site_lookup (data, entry->site);

  if (flush_site->error != NULL)
    {
      data->current->error = g_error_copy (flush_site->error);
      finish_row (task);
      return;
    }
  if (!feuillet_push_status_from_string (entry->status, &data->status))
    {
      data->current->error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                          /* Translators: %s is what a post is to become, such as “draft”. */
                                          _("“%s” is not a post status"), entry->status);
      finish_row (task);
      return;
    }

  feuillet_push_async (data->store, flush_site->client, entry->site, entry->article_id, data->status, entry->date,
                       g_task_get_cancellable (task), on_flush_pushed_cb, task);
}

static void
on_flush_connected_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  FlushData *data = g_task_get_task_data (task);
  FlushSite *flush_site = g_new0 (FlushSite, 1);

  flush_site->client = feuillet_publisher_connect_finish (result, &flush_site->error);
  flush_site_insert (data, current_entry (data)->site, flush_site);
  send_row (task);
}

static void
flush_next (GTask *task)
{
  FlushData *data = g_task_get_task_data (task);
  const FeuilletOutboxEntry *entry;
  const FeuilletSite *site;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  /* Oldest first; the rows of other sites are left alone. */
  do
    {
      if (data->next >= data->outbox->len)
        {
          g_task_return_pointer (task, g_steal_pointer (&data->results), (GDestroyNotify) g_ptr_array_unref);
          g_object_unref (task);
          return;
        }
      entry = data->outbox->pdata[data->next++];
    }
  while (data->site_name != NULL && g_ascii_strcasecmp (entry->site, data->site_name) != 0);

  data->current = g_new0 (FeuilletFlushResult, 1);
  data->current->article_id = entry->article_id;
  data->current->site = g_strdup (entry->site);

  if (flush_site_lookup (data, entry->site) != NULL)
    {
      send_row (task);
      return;
    }

  site = site_named (data->sites, entry->site);
  if (site == NULL)
    {
      FlushSite *flush_site = g_new0 (FlushSite, 1);

      g_set_error (&flush_site->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no site “%s” in the library"), entry->site);
      flush_site_insert (data, entry->site, flush_site);
      send_row (task);
      return;
    }

  feuillet_publisher_connect_async (site, g_task_get_cancellable (task), on_flush_connected_cb, task);
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
  flush_next (task);
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
