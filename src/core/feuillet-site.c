/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-site"

#include "config.h"

#include "feuillet-site.h"

G_DEFINE_BOXED_TYPE (FeuilletSite, feuillet_site, feuillet_site_copy, feuillet_site_free)

/**
 * feuillet_site_new:
 * @rest_root: (nullable): the REST root, when discovery found it
 * @user_name: (nullable): the name WordPress shows for @user
 */
FeuilletSite *
feuillet_site_new (const char *name,
                   const char *url,
                   const char *rest_root,
                   const char *user,
                   const char *user_name)
{
  FeuilletSite *site;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);

  site = g_new0 (FeuilletSite, 1);
  site->name = g_strdup (name);
  site->url = g_strdup (url);
  site->rest_root = g_strdup (rest_root);
  site->user = g_strdup (user);
  site->user_name = g_strdup (user_name);
  return site;
}

FeuilletSite *
feuillet_site_copy (const FeuilletSite *site)
{
  FeuilletSite *copy;

  g_return_val_if_fail (site != NULL, NULL);

  copy = feuillet_site_new (site->name, site->url, site->rest_root, site->user, site->user_name);
  copy->signature = site->signature;
  copy->terms_fetched = site->terms_fetched ? g_date_time_ref (site->terms_fetched) : NULL;
  copy->created = site->created ? g_date_time_ref (site->created) : NULL;
  return copy;
}

void
feuillet_site_free (FeuilletSite *site)
{
  if (site == NULL)
    return;

  g_free (site->name);
  g_free (site->url);
  g_free (site->rest_root);
  g_free (site->user);
  g_free (site->user_name);
  g_clear_pointer (&site->terms_fetched, g_date_time_unref);
  g_clear_pointer (&site->created, g_date_time_unref);
  g_free (site);
}
