/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "feuillet-store.h"
#include "feuillet-wp-client.h"

G_BEGIN_DECLS

/* The two taxonomies of a post that Feuillet fills. */
typedef enum
{
  FEUILLET_TAXONOMY_CATEGORY,
  FEUILLET_TAXONOMY_TAG,
} FeuilletTaxonomy;

/*
 * The categories and tags of each site as last fetched (feuillet-site-terms.c): the category
 * chooser and tag completion offer them, and a push finds its terms' ids here instead of
 * listing them on the site each time.
 */

/* Replaces the cached terms of site @site with @categories and @tags (FeuilletWpTerm, as
 * the site gave them), and notes the time when both are given; a NULL list keeps what the
 * library has of that taxonomy. */
void       feuillet_store_replace_site_terms_async  (FeuilletStore        *self,
                                                     const char           *site,
                                                     GPtrArray            *categories,
                                                     GPtrArray            *tags,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean   feuillet_store_replace_site_terms_finish (FeuilletStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* Adds (or renames) one term of @site, such as a tag a push just created. */
void       feuillet_store_add_site_term_async       (FeuilletStore        *self,
                                                     const char           *site,
                                                     FeuilletTaxonomy      taxonomy,
                                                     const FeuilletWpTerm *term,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean   feuillet_store_add_site_term_finish      (FeuilletStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* The cached terms of @site in @taxonomy (FeuilletWpTerm), by name; empty when they were
 * never fetched (FeuilletSite.terms_fetched says whether they were). */
void       feuillet_store_list_site_terms_async     (FeuilletStore        *self,
                                                     const char           *site,
                                                     FeuilletTaxonomy      taxonomy,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray *feuillet_store_list_site_terms_finish    (FeuilletStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
