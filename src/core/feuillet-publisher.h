/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "feuillet-article.h"
#include "feuillet-push.h"
#include "feuillet-site.h"
#include "feuillet-store.h"
#include "feuillet-wp-client.h"

G_BEGIN_DECLS

/*
 * Publishing as a user asks for it, from the window or feuillet-cli alike: the site chosen,
 * its password looked up, the push made, and kept in the outbox when the site cannot be
 * reached. Every call is asynchronous.
 */

#define FEUILLET_PUBLISHER_ERROR (feuillet_publisher_error_quark ())
typedef enum
{
  FEUILLET_PUBLISHER_ERROR_NO_SITE,        /* the library has no site at all */
  FEUILLET_PUBLISHER_ERROR_SEVERAL_SITES,  /* no site named, and more than one to choose from */
  FEUILLET_PUBLISHER_ERROR_UNKNOWN_SITE,   /* no site of that name */
} FeuilletPublisherError;

GQuark            feuillet_publisher_error_quark        (void);

/* TRUE for the errors that mean the site could not be reached (unreachable, timed out):
 * the ones a push is kept in the outbox for. */
gboolean          feuillet_publisher_is_unreachable     (const GError         *error);

/* The site of @store named @name (case aside), or its only site when @name is NULL. */
void              feuillet_publisher_find_site_async    (FeuilletStore        *store,
                                                         const char           *name,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FeuilletSite     *feuillet_publisher_find_site_finish   (GAsyncResult         *result,
                                                         GError              **error);

/* A client for @site: its password looked up (feuillet-site-secret.h), its REST root the
 * one saved with the site, or discovered. No password is FEUILLET_WP_ERROR_AUTHENTICATION. */
void              feuillet_publisher_connect_async      (const FeuilletSite   *site,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FeuilletWpClient *feuillet_publisher_connect_finish     (GAsyncResult         *result,
                                                         GError              **error);

/*
 * Publishes article @id to the site @site_name (NULL: the library's only site) as
 * feuillet_push_async() does. When the site cannot be reached, the push is kept in the
 * outbox (feuillet_push_queue_async()) and the finish function returns NULL with the
 * reason (FEUILLET_WP_ERROR_UNREACHABLE or _TIMEOUT) and *@queued set to TRUE; on any other
 * error *@queued is FALSE. On success: the article as pushed, its remote side recorded.
 */
void              feuillet_publisher_publish_async      (FeuilletStore        *store,
                                                         const char           *site_name,
                                                         gint64                id,
                                                         FeuilletPushStatus    status,
                                                         GDateTime            *date,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FeuilletArticle  *feuillet_publisher_publish_finish     (GAsyncResult         *result,
                                                         gboolean             *queued,
                                                         GError              **error);

/* What became of one row of the outbox. */
typedef struct
{
  gint64           article_id;
  char            *site;
  /* the article as pushed (its row removed), or NULL and why it stays in the outbox */
  FeuilletArticle *pushed;
  GError          *error;
} FeuilletFlushResult;

void              feuillet_flush_result_free            (FeuilletFlushResult  *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletFlushResult, feuillet_flush_result_free)

/*
 * Sends the pushes kept in the outbox, oldest first: every row, or only those to the site
 * @site_name (case aside; the site is not checked, see feuillet_publisher_find_site_async()).
 * One client per site; a site that could not be reached or refused the password is not
 * tried again in the same run, its rows kept. A row whose site is still away is queued
 * again. Returns a GPtrArray of FeuilletFlushResult in the order tried, empty when there
 * was nothing to send; an error only when the outbox could not be read.
 */
void              feuillet_publisher_flush_async        (FeuilletStore        *store,
                                                         const char           *site_name,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray        *feuillet_publisher_flush_finish       (GAsyncResult         *result,
                                                         GError              **error);

/* Several articles at once, their writes to the site batched (feuillet-publisher.c). */
void              feuillet_publisher_publish_many_async  (FeuilletStore        *store,
                                                          const char           *site_name,
                                                          const gint64         *ids,
                                                          guint                 n_ids,
                                                          FeuilletPushStatus    status,
                                                          GDateTime            *date,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GPtrArray        *feuillet_publisher_publish_many_finish (GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
