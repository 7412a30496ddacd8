/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * What went wrong talking to a WordPress site. Messages are for the user, already
 * translated, and quote the server's own code and message when it sent one
 * (WORDPRESS.md, "Errors"). A cancelled call keeps G_IO_ERROR_CANCELLED.
 */
#define FEUILLET_WP_ERROR (feuillet_wp_error_quark ())
typedef enum
{
  FEUILLET_WP_ERROR_FAILED,                    /* anything else */
  FEUILLET_WP_ERROR_AUTHENTICATION,            /* 401 */
  FEUILLET_WP_ERROR_PERMISSION,                /* 403 */
  FEUILLET_WP_ERROR_NO_REST_API,               /* 404, or no REST root found */
  FEUILLET_WP_ERROR_NOT_FOUND,                 /* 404 with a WordPress error body */
  FEUILLET_WP_ERROR_NO_APPLICATION_PASSWORDS,  /* the REST index does not offer them */
  FEUILLET_WP_ERROR_TOO_LARGE,                 /* 413 */
  FEUILLET_WP_ERROR_SERVER,                    /* 5xx */
  FEUILLET_WP_ERROR_TIMEOUT,
  FEUILLET_WP_ERROR_UNREACHABLE,               /* DNS, connection refused or reset */
  FEUILLET_WP_ERROR_INVALID_ANSWER,            /* not JSON, or not the expected shape */
  FEUILLET_WP_ERROR_TLS,                       /* certificate or TLS handshake */
  FEUILLET_WP_ERROR_INSECURE,                  /* a password over plain http to another host */
  FEUILLET_WP_ERROR_CONFLICT,                  /* the post changed on the server since the last push */
  FEUILLET_WP_ERROR_UNSUPPORTED_MEDIA,         /* a file type the site does not take */
} FeuilletWpError;

GQuark  feuillet_wp_error_quark             (void);

GError *feuillet_wp_error_new_from_response (guint          status,
                                             GBytes        *body);
/* A refused upload of the file @file_name: too large for the site (413, or the body that
 * PHP dropped, rest_upload_no_data), a type it does not take, or anything else. */
GError *feuillet_wp_error_new_from_upload   (guint          status,
                                             GBytes        *body,
                                             const char    *file_name);
GError *feuillet_wp_error_new_from_transport (const GError *error,
                                              const char   *host);

G_END_DECLS
