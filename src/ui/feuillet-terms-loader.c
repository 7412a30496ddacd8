/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-terms-loader"

#include "config.h"

#include "feuillet-publisher.h"
#include "feuillet-site-terms.h"
#include "feuillet-store-terms.h"
#include "feuillet-terms-loader.h"

struct _FeuilletTermsLoader
{
  GObject parent_instance;

  FeuilletStore *store;
  /* weak: the panel belongs to the window, which owns this loader */
  FeuilletMetadataPanel *panel;

  /* the site the shown article goes to (NULL: none), and its terms when listed */
  FeuilletSite *site;
  GPtrArray *categories;
  char *remote_site;
  /* each load cancels the previous one; a refresh runs alone */
  GCancellable *load_cancellable;
  GCancellable *refresh_cancellable;
  /* sites fetched in this run (lower case): the background refresh happens once per site */
  GHashTable *refreshed;
};

G_DEFINE_FINAL_TYPE (FeuilletTermsLoader, feuillet_terms_loader, G_TYPE_OBJECT)

static void load (FeuilletTermsLoader *self);

static void
on_tags_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FeuilletTermsLoader) self = user_data;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  tags = feuillet_store_list_site_terms_finish (FEUILLET_STORE (source), result, &error);
  if (tags == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the site’s tags: %s", error->message);
      return;
    }

  if (self->panel != NULL)
    feuillet_metadata_panel_set_site_terms (self->panel, self->site->name, self->categories, tags);
}

static void
on_categories_listed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(FeuilletTermsLoader) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *categories;

  categories = feuillet_store_list_site_terms_finish (FEUILLET_STORE (source), result, &error);
  if (categories == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the site’s categories: %s", error->message);
      return;
    }

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  self->categories = categories;
  feuillet_store_list_site_terms_async (self->store, self->site->name, FEUILLET_TAXONOMY_TAG, self->load_cancellable,
                                        on_tags_listed_cb, g_object_ref (self));
}

static gboolean
is_stale (const FeuilletSite *site)
{
  g_autoptr(GDateTime) now = NULL;

  if (site->terms_fetched == NULL)
    return TRUE;
  now = g_date_time_new_now_utc ();
  return g_date_time_difference (now, site->terms_fetched) > FEUILLET_SITE_TERMS_MAX_AGE;
}

static void
on_refreshed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FeuilletTermsLoader) self = user_data;
  g_autoptr(GError) error = NULL;

  /* In the background: a site that cannot be reached now keeps the copy it has. */
  if (!feuillet_site_terms_refresh_finish (result, NULL, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("The site’s terms were not fetched: %s", error->message);
      g_clear_object (&self->refresh_cancellable);
      return;
    }

  g_clear_object (&self->refresh_cancellable);
  load (self);
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FeuilletTermsLoader) self = user_data;
  g_autoptr(FeuilletWpClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = feuillet_publisher_connect_finish (result, &error);
  if (client == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("The site could not be reached for its terms: %s", error->message);
      g_clear_object (&self->refresh_cancellable);
      return;
    }

  feuillet_site_terms_refresh_async (self->store, client, self->site->name, self->refresh_cancellable,
                                     on_refreshed_cb, g_object_ref (self));
}

static void
start_refresh (FeuilletTermsLoader *self)
{
  if (self->site == NULL || self->refresh_cancellable != NULL)
    return;

  g_hash_table_add (self->refreshed, g_ascii_strdown (self->site->name, -1));
  self->refresh_cancellable = g_cancellable_new ();
  feuillet_publisher_connect_async (self->site, self->refresh_cancellable, on_connected_cb, g_object_ref (self));
}

static void
on_site_found_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FeuilletTermsLoader) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_clear_pointer (&self->site, feuillet_site_free);
  self->site = feuillet_publisher_find_site_finish (result, &error);
  if (self->site == NULL)
    {
      /* No site, or several and the article went to none: nothing to offer. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->panel != NULL)
        feuillet_metadata_panel_set_site_terms (self->panel, NULL, NULL, NULL);
      return;
    }

  feuillet_store_list_site_terms_async (self->store, self->site->name, FEUILLET_TAXONOMY_CATEGORY,
                                        self->load_cancellable, on_categories_listed_cb, g_object_ref (self));

  key = g_ascii_strdown (self->site->name, -1);
  if (is_stale (self->site) && !g_hash_table_contains (self->refreshed, key))
    start_refresh (self);
}

static void
load (FeuilletTermsLoader *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  feuillet_publisher_find_site_async (self->store, self->remote_site, self->load_cancellable, on_site_found_cb,
                                      g_object_ref (self));
}

static void
feuillet_terms_loader_dispose (GObject *object)
{
  FeuilletTermsLoader *self = FEUILLET_TERMS_LOADER (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_weak_pointer (&self->panel);

  G_OBJECT_CLASS (feuillet_terms_loader_parent_class)->dispose (object);
}

static void
feuillet_terms_loader_finalize (GObject *object)
{
  FeuilletTermsLoader *self = FEUILLET_TERMS_LOADER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->refresh_cancellable);
  g_clear_pointer (&self->site, feuillet_site_free);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->remote_site, g_free);
  g_clear_pointer (&self->refreshed, g_hash_table_unref);

  G_OBJECT_CLASS (feuillet_terms_loader_parent_class)->finalize (object);
}

static void
feuillet_terms_loader_class_init (FeuilletTermsLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = feuillet_terms_loader_dispose;
  object_class->finalize = feuillet_terms_loader_finalize;
}

static void
feuillet_terms_loader_init (FeuilletTermsLoader *self)
{
  self->refreshed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

FeuilletTermsLoader *
feuillet_terms_loader_new (FeuilletStore         *store,
                           FeuilletMetadataPanel *panel)
{
  FeuilletTermsLoader *self;

  g_return_val_if_fail (FEUILLET_IS_STORE (store), NULL);
  g_return_val_if_fail (FEUILLET_IS_METADATA_PANEL (panel), NULL);

  self = g_object_new (FEUILLET_TYPE_TERMS_LOADER, NULL);
  self->store = g_object_ref (store);
  g_set_weak_pointer (&self->panel, panel);
  return self;
}

/**
 * feuillet_terms_loader_set_article:
 * @article: (nullable): the article shown
 */
void
feuillet_terms_loader_set_article (FeuilletTermsLoader *self,
                                   FeuilletArticle     *article)
{
  const char *remote_site;

  g_return_if_fail (FEUILLET_IS_TERMS_LOADER (self));

  remote_site = article != NULL ? feuillet_article_get_remote_site (article) : NULL;
  /* Same site as before: its terms are on the panel already. */
  if (self->site != NULL && g_strcmp0 (remote_site, self->remote_site) == 0)
    return;

  g_set_str (&self->remote_site, remote_site);
  load (self);
}

void
feuillet_terms_loader_refresh (FeuilletTermsLoader *self)
{
  g_return_if_fail (FEUILLET_IS_TERMS_LOADER (self));

  start_refresh (self);
}
