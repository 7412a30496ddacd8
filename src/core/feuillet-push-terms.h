/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "feuillet-article.h"
#include "feuillet-store.h"
#include "feuillet-wp-client.h"

G_BEGIN_DECLS

/* The term of @terms (FeuilletWpTerm) that @name means: same name once NFC and case-folded,
 * HTML entities of the stored name decoded (feuillet-tags.c), or, with @match_slug, same
 * slug. NULL when there is none. */
const FeuilletWpTerm *feuillet_push_find_term (GPtrArray  *terms,
                                               const char *name,
                                               gboolean    match_slug);

/*
 * The ids on the site @site_name (that @client talks to) of @article's category and tags,
 * found in the library's copy of the site's terms (feuillet-store-terms.h) rather than by
 * listing them on the site at every push: a category the copy lacks is looked for on the
 * site (the copy refreshed), and is an error naming it when the site lacks it too
 * (FEUILLET_WP_ERROR_NOT_FOUND); a tag the copy lacks is created on the site (an existing
 * one answers term_exists with its id) and added to the copy. With @refresh, the copy is
 * fetched again first (the site dropped a term it had).
 */
void     feuillet_push_terms_resolve_async  (FeuilletStore        *store,
                                             FeuilletWpClient     *client,
                                             const char           *site_name,
                                             FeuilletArticle      *article,
                                             gboolean              refresh,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
/* @category_id: 0 when the article has no category; @tag_ids (transfer full): gint64s. */
gboolean feuillet_push_terms_resolve_finish (GAsyncResult         *result,
                                             gint64               *category_id,
                                             GArray              **tag_ids,
                                             GError              **error);

G_END_DECLS
