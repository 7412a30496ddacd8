/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "feuillet-store.h"
#include "feuillet-wp-client.h"

G_BEGIN_DECLS

/* How old a site's cached terms may be before the window fetches them again on its own. */
#define FEUILLET_SITE_TERMS_MAX_AGE (24 * G_TIME_SPAN_HOUR)

/*
 * Fetches every category and tag of the site @site_name that @client talks to (all pages)
 * and replaces the library's copy of them (feuillet-store-terms.h). Returns how many terms
 * the site has in all.
 */
void     feuillet_site_terms_refresh_async  (FeuilletStore        *store,
                                             FeuilletWpClient     *client,
                                             const char           *site_name,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean feuillet_site_terms_refresh_finish (GAsyncResult         *result,
                                             guint                *n_categories,
                                             guint                *n_tags,
                                             GError              **error);

G_END_DECLS
