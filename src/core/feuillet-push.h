/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "feuillet-store.h"
#include "feuillet-wp-client.h"

G_BEGIN_DECLS

/* What the post becomes on the site (WORDPRESS.md, "Posts"). */
typedef enum
{
  FEUILLET_PUSH_DRAFT,
  FEUILLET_PUSH_PENDING,
  FEUILLET_PUSH_PUBLISH,
  FEUILLET_PUSH_FUTURE,
} FeuilletPushStatus;

const char *feuillet_push_status_to_string   (FeuilletPushStatus  status);
gboolean    feuillet_push_status_from_string (const char         *string,
                                              FeuilletPushStatus *status);

/* The JSON body of the post for @article (title, excerpt, content, status, slug, date_gmt),
 * its images as the article writes them and without a signature: a push adds the site's
 * copies of the images and its signature setting (feuillet-push.c). */
JsonNode   *feuillet_push_build_post         (FeuilletArticle    *article,
                                              FeuilletPushStatus  status,
                                              GDateTime          *date);

/*
 * Pushes article @id of @store to the site @site_name that @client talks to (credentials and
 * REST root set): creates the post the first time, updates it afterwards, but only when the
 * server's copy has not changed since the last push (FEUILLET_WP_ERROR_CONFLICT otherwise,
 * and nothing is sent). On success the remote side is recorded in the library, without
 * counting as an edit of the article. The article's category must exist on the site
 * (FEUILLET_WP_ERROR_NOT_FOUND otherwise, and nothing is sent); its tags are the site's,
 * created when missing. @date (nullable) is the publication date, needed for
 * FEUILLET_PUSH_FUTURE. A create is recorded in the library's outbox before it is sent; when
 * its answer was lost, the next push finds the post on the site and updates it instead of
 * creating a second one (feuillet-push.c). The article's local images are read before
 * anything is sent (a missing or relative one is an error naming it) and uploaded to the
 * site's media library once (feuillet-push-media.h); the featured image becomes the post's
 * featured_media. When the site's signature setting is on, the post ends with the byline.
 * An article without tags clears those of the post.
 */
void             feuillet_push_async  (FeuilletStore       *store,
                                       FeuilletWpClient    *client,
                                       const char          *site_name,
                                       gint64               id,
                                       FeuilletPushStatus   status,
                                       GDateTime           *date,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
FeuilletArticle *feuillet_push_finish (GAsyncResult        *result,
                                       GError             **error);

/*
 * Keeps a push of article @id to @site_name in the library's outbox, state "queued", for
 * when the site cannot be reached: replaces the article's row (one per article). A create
 * that went out and whose answer was not recorded keeps its time and fingerprint, so that
 * the push that sends it later looks for the post first. The row is removed by the push
 * that succeeds (feuillet_push_async), whoever makes it.
 */
void             feuillet_push_queue_async  (FeuilletStore       *store,
                                             const char          *site_name,
                                             gint64               id,
                                             FeuilletPushStatus   status,
                                             GDateTime           *date,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean         feuillet_push_queue_finish (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
