/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "feuillet-wp-client.h"

G_BEGIN_DECLS

/* What feuillet-wp-batch.c and feuillet-wp-media.c use of the client: a REST request built under the REST root,
 * and sent with the credentials (https or loopback only). */
SoupMessage *feuillet_wp_client_build_message       (FeuilletWpClient     *self,
                                                     const char           *method,
                                                     const char           *route,
                                                     const char           *query,
                                                     JsonNode             *body);
void         feuillet_wp_client_send_message_async  (FeuilletWpClient     *self,
                                                     SoupMessage          *message,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GBytes      *feuillet_wp_client_send_message_finish (FeuilletWpClient     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* What feuillet-wp-media.c uses of the client's reading of answers. */
JsonObject  *feuillet_wp_client_answer_object       (SoupMessage          *message,
                                                     GBytes               *body,
                                                     GError              **error);
GError      *feuillet_wp_client_invalid_answer_error (SoupMessage         *message);
GError      *feuillet_wp_client_no_rest_api_error   (FeuilletWpClient     *self);
gboolean     feuillet_wp_client_has_credentials     (FeuilletWpClient     *self);

G_END_DECLS
