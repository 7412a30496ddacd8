/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "feuillet-article.h"
#include "feuillet-render.h"
#include "feuillet-store.h"
#include "feuillet-wp-client.h"

G_BEGIN_DECLS

/*
 * The media step of a push (DESIGN.md, data flow "push"): the article's images, its
 * featured image and those of its body, each local file read, its checksum taken, found in
 * the library's record of the site's media or uploaded there once.
 */
typedef struct _FeuilletPushMedia FeuilletPushMedia;

FeuilletPushMedia *feuillet_push_media_ref     (FeuilletPushMedia *self);
void               feuillet_push_media_unref   (FeuilletPushMedia *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletPushMedia, feuillet_push_media_unref)

/* Reads the local images of @article (absolute paths and file:// addresses; http(s) ones
 * are left as they are) and finds those the library knows @site_name has. A relative path
 * or a file that cannot be read is an error naming it; nothing is sent to the site here. */
void               feuillet_push_media_prepare_async  (FeuilletStore       *store,
                                                       const char          *site_name,
                                                       FeuilletArticle     *article,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
FeuilletPushMedia *feuillet_push_media_prepare_finish (GAsyncResult        *result,
                                                       GError             **error);

/* Checks that the media the library knows are still on the site, then uploads the others,
 * one at a time, each recorded in the library as soon as the site has it. */
void               feuillet_push_media_upload_async   (FeuilletPushMedia   *self,
                                                       FeuilletWpClient    *client,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           feuillet_push_media_upload_finish  (GAsyncResult        *result,
                                                       GError             **error);

/* A FeuilletMediaLookup: the site's copy of a body image, when it has one. */
gboolean           feuillet_push_media_lookup         (const FeuilletRenderImage  *image,
                                                       guint64                    *id,
                                                       const char                **url,
                                                       gpointer                    self);

/* The attachment id of the featured image on the site: 0 when the article has none, or
 * when it is an address on the web (not uploaded), or not uploaded yet. */
gint64             feuillet_push_media_get_featured_id (FeuilletPushMedia *self);

G_END_DECLS
