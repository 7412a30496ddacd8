/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The largest picture fetched from the web: more is refused, not cut. */
#define FEUILLET_IMAGE_FETCH_MAX_BYTES (32 * 1024 * 1024)

void    feuillet_image_fetch_async  (const char           *uri,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GBytes *feuillet_image_fetch_finish (GAsyncResult         *result,
                                     char                **content_type,
                                     GError              **error);
char   *feuillet_image_fetch_file_name (const char        *uri,
                                        const char        *content_type);

G_END_DECLS
