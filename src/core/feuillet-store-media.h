/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "feuillet-store.h"

G_BEGIN_DECLS

/*
 * A file uploaded to a site's media library, as the library remembers it: a picture is
 * uploaded once per site, found again by the checksum of its bytes (whatever its name or
 * folder), so that pushing again, or another article with the same picture, reuses it.
 */
typedef struct
{
  char      *site;
  /* SHA-256 of the file's bytes, in hexadecimal */
  char      *checksum;
  /* the attachment's id and source_url on the site */
  gint64     remote_id;
  char      *url;
  /* the file it was uploaded from, as the article named it (for the user, not for lookups) */
  char      *source;
  /* set by the store when recorded */
  GDateTime *uploaded;
} FeuilletSiteMedium;

#define FEUILLET_TYPE_SITE_MEDIUM (feuillet_site_medium_get_type ())
GType               feuillet_site_medium_get_type (void) G_GNUC_CONST;
FeuilletSiteMedium *feuillet_site_medium_new      (const char               *site,
                                                   const char               *checksum,
                                                   gint64                    remote_id,
                                                   const char               *url,
                                                   const char               *source);
FeuilletSiteMedium *feuillet_site_medium_copy     (const FeuilletSiteMedium *medium);
void                feuillet_site_medium_free     (FeuilletSiteMedium       *medium);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletSiteMedium, feuillet_site_medium_free)

/* The media of @site (name, case aside) among @checksums: a GPtrArray of FeuilletSiteMedium,
 * only those the library has, in no particular order. */
void       feuillet_store_find_media_async    (FeuilletStore             *self,
                                               const char                *site,
                                               const char * const        *checksums,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
GPtrArray *feuillet_store_find_media_finish   (FeuilletStore             *self,
                                               GAsyncResult              *result,
                                               GError                   **error);

/* Records @medium (its uploaded time set to now), replacing the row of the same site and
 * checksum. */
void       feuillet_store_record_medium_async  (FeuilletStore            *self,
                                                const FeuilletSiteMedium *medium,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean   feuillet_store_record_medium_finish (FeuilletStore            *self,
                                                GAsyncResult             *result,
                                                GError                  **error);

G_END_DECLS
