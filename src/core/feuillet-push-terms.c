/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-push-terms"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "feuillet-push-terms.h"
#include "feuillet-site-terms.h"
#include "feuillet-store-terms.h"
#include "feuillet-tags.h"
#include "feuillet-wp-error.h"

/*
 * A push's category and tags, as ids of the site's terms. The library keeps a copy of each
 * site's terms, so a push asks the site nothing about terms it already knows: listing every
 * tag of a newsroom's site takes a request per hundred tags, at every push otherwise.
 *
 *   cached categories → (not there: list the site's) → cached tags → create the missing ones
 */

/**
 * feuillet_push_find_term:
 * @terms: (element-type FeuilletWpTerm): a site's terms
 * @name: a category or a tag as the article has it
 * @match_slug: whether @name may also be the term's slug
 *
 * Returns: (transfer none) (nullable): the term @name means
 */
const FeuilletWpTerm *
feuillet_push_find_term (GPtrArray  *terms,
                         const char *name,
                         gboolean    match_slug)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (terms != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = feuillet_tag_key (name);
  if (key == NULL)
    return NULL;

  for (guint i = 0; i < terms->len; i++)
    {
      const FeuilletWpTerm *term = terms->pdata[i];
      g_autofree char *unescaped = feuillet_tag_from_wordpress (term->name);
      g_autofree char *term_key = feuillet_tag_key (unescaped);

      if (g_strcmp0 (key, term_key) == 0)
        return term;
    }

  if (match_slug)
    {
      for (guint i = 0; i < terms->len; i++)
        {
          const FeuilletWpTerm *term = terms->pdata[i];
          g_autofree char *slug_key = feuillet_tag_key (term->slug);

          if (g_strcmp0 (key, slug_key) == 0)
            return term;
        }
    }

  return NULL;
}

typedef struct
{
  FeuilletStore    *store;
  FeuilletWpClient *client;
  char             *site_name;
  FeuilletArticle  *article;
  gboolean          refresh;

  gint64            category_id;
  GArray           *tag_ids;       /* gint64 */
  GPtrArray        *missing_tags;  /* char *, to create */
  guint             creating;      /* how many creates are on their way */
  GError           *error;         /* the first of them that failed */
} ResolveData;

static void
resolve_data_free (ResolveData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->client);
  g_free (data->site_name);
  g_clear_object (&data->article);
  g_clear_pointer (&data->tag_ids, g_array_unref);
  g_clear_pointer (&data->missing_tags, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

/* One missing tag being created. */
typedef struct
{
  GTask          *task;
  const char     *name;     /* in the task's missing_tags */
  FeuilletWpTerm *created;
} TagCreate;

static void
tag_done (TagCreate *create,
          GError    *error)
{
  GTask *task = create->task;
  ResolveData *data = g_task_get_task_data (task);

  if (error != NULL && data->error == NULL)
    data->error = error;
  else
    g_clear_error (&error);
  g_clear_pointer (&create->created, feuillet_wp_term_free);
  g_free (create);

  if (--data->creating > 0)
    {
      g_object_unref (task);
      return;
    }
  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
on_created_tag_kept_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  TagCreate *create = user_data;
  ResolveData *data = g_task_get_task_data (create->task);
  g_autoptr(GError) error = NULL;

  /* The tag is on the site either way: a copy that missed it only costs a term_exists next time. */
  if (!feuillet_store_add_site_term_finish (FEUILLET_STORE (source), result, &error))
    g_warning ("The tag “%s” was not added to the library’s copy of %s: %s",
               create->created->name, data->site_name, error->message);

  tag_done (create, NULL);
}

static void
on_tag_created_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TagCreate *create = user_data;
  ResolveData *data = g_task_get_task_data (create->task);
  GError *error = NULL;
  gint64 id;

  id = feuillet_wp_client_create_tag_finish (FEUILLET_WP_CLIENT (source), result, &error);
  if (id <= 0)
    {
      tag_done (create, error);
      return;
    }

  g_array_append_val (data->tag_ids, id);
  create->created = g_new0 (FeuilletWpTerm, 1);
  create->created->id = id;
  create->created->name = g_markup_escape_text (create->name, -1);
  create->created->slug = g_strdup ("");
  feuillet_store_add_site_term_async (data->store, data->site_name, FEUILLET_TAXONOMY_TAG, create->created,
                                      g_task_get_cancellable (create->task), on_created_tag_kept_cb, create);
}

/* The missing tags, all at once: their names differ, so they cannot race each other on the
 * site, and a client that batches sends them in one request. */
static void
create_missing_tags (GTask *task)
{
  ResolveData *data = g_task_get_task_data (task);

  if (data->missing_tags->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  data->creating = data->missing_tags->len;
  for (guint i = 0; i < data->missing_tags->len; i++)
    {
      TagCreate *create = g_new0 (TagCreate, 1);

      create->task = g_object_ref (task);
      create->name = data->missing_tags->pdata[i];
      feuillet_wp_client_create_tag_async (data->client, data->missing_tags->pdata[i],
                                           g_task_get_cancellable (task), on_tag_created_cb, create);
    }
  g_object_unref (task);
}

static void
on_cached_tags_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResolveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) site_tags = NULL;
  g_autoptr(GHashTable) seen = NULL;
  const char * const *tags = feuillet_article_get_tags (data->article);

  site_tags = feuillet_store_list_site_terms_finish (FEUILLET_STORE (source), result, &error);
  if (site_tags == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->missing_tags = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *key = feuillet_tag_key (tags[i]);
      const FeuilletWpTerm *term;

      /* Two spellings of one tag are one tag. */
      if (key == NULL || !g_hash_table_add (seen, g_steal_pointer (&key)))
        continue;

      term = feuillet_push_find_term (site_tags, tags[i], FALSE);
      if (term != NULL)
        g_array_append_val (data->tag_ids, term->id);
      else
        g_ptr_array_add (data->missing_tags, feuillet_tag_normalize (tags[i]));
    }

  create_missing_tags (g_steal_pointer (&task));
}

static void
resolve_tags (GTask *task)
{
  ResolveData *data = g_task_get_task_data (task);
  const char * const *tags = feuillet_article_get_tags (data->article);

  if (tags == NULL || tags[0] == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  feuillet_store_list_site_terms_async (data->store, data->site_name, FEUILLET_TAXONOMY_TAG,
                                        g_task_get_cancellable (task), on_cached_tags_cb, task);
}

static GError *
missing_category_error (ResolveData *data)
{
  return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_NOT_FOUND,
                      /* Translators: the first %s is a category, the second a site's name. */
                      _("There is no category “%s” on the site “%s”: nothing was sent; "
                        "create it on the site or change the article’s category"),
                      feuillet_article_get_category (data->article), data->site_name);
}

static void
on_categories_kept_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_store_replace_site_terms_finish (FEUILLET_STORE (source), result, &error))
    g_warning ("The site’s categories were not kept in the library: %s", error->message);

  resolve_tags (g_steal_pointer (&task));
}

static void
on_site_categories_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResolveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  const FeuilletWpTerm *term;
  GCancellable *cancellable;

  categories = feuillet_wp_client_list_terms_finish (FEUILLET_WP_CLIENT (source), result, &error);
  if (categories == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  term = feuillet_push_find_term (categories, feuillet_article_get_category (data->article), TRUE);
  if (term == NULL)
    {
      g_task_return_error (task, missing_category_error (data));
      return;
    }

  data->category_id = term->id;
  cancellable = g_task_get_cancellable (task);
  feuillet_store_replace_site_terms_async (data->store, data->site_name, categories, NULL,
                                           cancellable, on_categories_kept_cb, g_steal_pointer (&task));
}

static void
on_cached_categories_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResolveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  const FeuilletWpTerm *term;
  GCancellable *cancellable;

  categories = feuillet_store_list_site_terms_finish (FEUILLET_STORE (source), result, &error);
  if (categories == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  term = feuillet_push_find_term (categories, feuillet_article_get_category (data->article), TRUE);
  if (term != NULL)
    {
      data->category_id = term->id;
      resolve_tags (g_steal_pointer (&task));
      return;
    }

  /* The desk may have made it since the copy was taken. */
  cancellable = g_task_get_cancellable (task);
  feuillet_wp_client_list_terms_async (data->client, "categories", cancellable,
                                       on_site_categories_cb, g_steal_pointer (&task));
}

static void
resolve_category (GTask *task)
{
  ResolveData *data = g_task_get_task_data (task);
  const char *category = feuillet_article_get_category (data->article);
  g_autofree char *key = category != NULL ? feuillet_tag_key (category) : NULL;

  if (key == NULL)
    {
      resolve_tags (task);
      return;
    }

  feuillet_store_list_site_terms_async (data->store, data->site_name, FEUILLET_TAXONOMY_CATEGORY,
                                        g_task_get_cancellable (task), on_cached_categories_cb, task);
}

static void
on_refreshed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_site_terms_refresh_finish (result, NULL, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  resolve_category (g_steal_pointer (&task));
}

void
feuillet_push_terms_resolve_async (FeuilletStore       *store,
                                   FeuilletWpClient    *client,
                                   const char          *site_name,
                                   FeuilletArticle     *article,
                                   gboolean             refresh,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  ResolveData *data;

  g_return_if_fail (FEUILLET_IS_STORE (store));
  g_return_if_fail (FEUILLET_IS_WP_CLIENT (client));
  g_return_if_fail (site_name != NULL);
  g_return_if_fail (FEUILLET_IS_ARTICLE (article));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_push_terms_resolve_async);
  data = g_new0 (ResolveData, 1);
  data->store = g_object_ref (store);
  data->client = g_object_ref (client);
  data->site_name = g_strdup (site_name);
  data->article = g_object_ref (article);
  data->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);

  if (refresh)
    feuillet_site_terms_refresh_async (store, client, site_name, cancellable, on_refreshed_cb, task);
  else
    resolve_category (task);
}

gboolean
feuillet_push_terms_resolve_finish (GAsyncResult  *result,
                                    gint64        *category_id,
                                    GArray       **tag_ids,
                                    GError       **error)
{
  ResolveData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_push_terms_resolve_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  *category_id = data->category_id;
  *tag_ids = g_array_ref (data->tag_ids);
  return TRUE;
}
