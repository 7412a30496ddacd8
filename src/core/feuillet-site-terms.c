/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-site-terms"

#include "config.h"

#include "feuillet-site-terms.h"
#include "feuillet-store-terms.h"

/* Categories, then tags, then one write: the cache is replaced only once both lists came
 * in whole, so a failure halfway leaves the previous copy as it was. */

typedef struct
{
  FeuilletStore    *store;
  FeuilletWpClient *client;
  char             *site_name;
  GPtrArray        *categories;
  GPtrArray        *tags;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->client);
  g_free (data->site_name);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_clear_pointer (&data->tags, g_ptr_array_unref);
  g_free (data);
}

static void
on_replaced_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_store_replace_site_terms_finish (FEUILLET_STORE (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_tags_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->tags = feuillet_wp_client_list_terms_finish (data->client, result, &error);
  if (data->tags == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  feuillet_store_replace_site_terms_async (data->store, data->site_name, data->categories, data->tags,
                                           g_task_get_cancellable (task), on_replaced_cb, g_object_ref (task));
}

static void
on_categories_listed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->categories = feuillet_wp_client_list_terms_finish (data->client, result, &error);
  if (data->categories == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  feuillet_wp_client_list_terms_async (data->client, "tags", g_task_get_cancellable (task),
                                       on_tags_listed_cb, g_object_ref (task));
}

void
feuillet_site_terms_refresh_async (FeuilletStore       *store,
                                   FeuilletWpClient    *client,
                                   const char          *site_name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RefreshData *data;

  g_return_if_fail (FEUILLET_IS_STORE (store));
  g_return_if_fail (FEUILLET_IS_WP_CLIENT (client));
  g_return_if_fail (site_name != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_site_terms_refresh_async);
  data = g_new0 (RefreshData, 1);
  data->store = g_object_ref (store);
  data->client = g_object_ref (client);
  data->site_name = g_strdup (site_name);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  feuillet_wp_client_list_terms_async (client, "categories", cancellable, on_categories_listed_cb,
                                       g_steal_pointer (&task));
}

gboolean
feuillet_site_terms_refresh_finish (GAsyncResult  *result,
                                    guint         *n_categories,
                                    guint         *n_tags,
                                    GError       **error)
{
  RefreshData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_site_terms_refresh_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (n_categories != NULL)
    *n_categories = data->categories->len;
  if (n_tags != NULL)
    *n_tags = data->tags->len;
  return TRUE;
}
