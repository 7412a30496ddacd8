/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "feuillet-wp-error.h"

G_BEGIN_DECLS

/* The signed-in user, as WordPress describes it (GET /wp/v2/users/me?context=edit). */
typedef struct
{
  gint64  id;
  char   *slug;
  char   *name;
} FeuilletWpUser;

#define FEUILLET_TYPE_WP_USER (feuillet_wp_user_get_type ())
GType           feuillet_wp_user_get_type                   (void) G_GNUC_CONST;
FeuilletWpUser *feuillet_wp_user_copy                       (const FeuilletWpUser *user);
void            feuillet_wp_user_free                       (FeuilletWpUser       *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletWpUser, feuillet_wp_user_free)

/* A term of one of the site's taxonomies (a category or a tag), as GET /wp/v2/tags gives it:
 * the name as WordPress stores it (HTML special characters escaped). */
typedef struct
{
  gint64  id;
  char   *name;
  char   *slug;
} FeuilletWpTerm;

#define FEUILLET_TYPE_WP_TERM (feuillet_wp_term_get_type ())
GType           feuillet_wp_term_get_type                   (void) G_GNUC_CONST;
FeuilletWpTerm *feuillet_wp_term_copy                       (const FeuilletWpTerm *term);
void            feuillet_wp_term_free                       (FeuilletWpTerm       *term);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletWpTerm, feuillet_wp_term_free)

/*
 * One WordPress site: one SoupSession (connections are reused), its REST root and the
 * credentials to use. Every call is asynchronous; results come back on the main context
 * of the thread that made the call. The application password is sent only over https, or
 * plain http to a loopback host, and never logged.
 */
#define FEUILLET_TYPE_WP_CLIENT (feuillet_wp_client_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletWpClient, feuillet_wp_client, FEUILLET, WP_CLIENT, GObject)

FeuilletWpClient *feuillet_wp_client_new                     (const char           *site_url);
const char       *feuillet_wp_client_get_site_url            (FeuilletWpClient     *self);
void              feuillet_wp_client_set_credentials         (FeuilletWpClient     *self,
                                                              const char           *user,
                                                              const char           *application_password);
void              feuillet_wp_client_set_timeout             (FeuilletWpClient     *self,
                                                              guint                 seconds);

/* The REST root, such as https://site/wp-json/ or https://site/index.php?rest_route=/;
 * known after discovery, or set from what an earlier discovery found. */
const char       *feuillet_wp_client_get_rest_root           (FeuilletWpClient     *self);
void              feuillet_wp_client_set_rest_root           (FeuilletWpClient     *self,
                                                              const char           *rest_root);
/* From the REST index, after discovery: the site's name and the page where a user
 * authorizes a new application password (NULL when unknown). */
const char       *feuillet_wp_client_get_site_name           (FeuilletWpClient     *self);
const char       *feuillet_wp_client_get_authorization_url   (FeuilletWpClient     *self);

void              feuillet_wp_client_discover_async          (FeuilletWpClient     *self,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean          feuillet_wp_client_discover_finish         (FeuilletWpClient     *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* Discovers first when the REST root is not known yet. */
void              feuillet_wp_client_check_credentials_async (FeuilletWpClient     *self,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
FeuilletWpUser   *feuillet_wp_client_check_credentials_finish (FeuilletWpClient    *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* One authenticated REST request (discovery done or the REST root set): @query already
 * escaped, @body (nullable) sent as JSON; the answer is the JSON of a 2xx answer. */
void              feuillet_wp_client_request_async           (FeuilletWpClient     *self,
                                                              const char           *method,
                                                              const char           *route,
                                                              const char           *query,
                                                              JsonNode             *body,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
JsonNode         *feuillet_wp_client_request_finish          (FeuilletWpClient     *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

void              feuillet_wp_client_set_batching            (FeuilletWpClient     *self,
                                                              gboolean              batching);

/* Every term of @taxonomy ("categories" or "tags"), all pages (WORDPRESS.md, "Terms"):
 * a GPtrArray of FeuilletWpTerm. */
void              feuillet_wp_client_list_terms_async        (FeuilletWpClient     *self,
                                                              const char           *taxonomy,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GPtrArray        *feuillet_wp_client_list_terms_finish       (FeuilletWpClient     *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* Creates the tag @name; when the site already has it (the answer term_exists, such as when
 * another client created it meanwhile), the existing tag. Returns its id, 0 on error. */
void              feuillet_wp_client_create_tag_async        (FeuilletWpClient     *self,
                                                              const char           *name,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gint64            feuillet_wp_client_create_tag_finish       (FeuilletWpClient     *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* A file in the site's media library: the attachment's id and its address (source_url). */
typedef struct
{
  gint64  id;
  char   *source_url;
} FeuilletWpMedium;

#define FEUILLET_TYPE_WP_MEDIUM (feuillet_wp_medium_get_type ())
GType             feuillet_wp_medium_get_type                (void) G_GNUC_CONST;
FeuilletWpMedium *feuillet_wp_medium_copy                    (const FeuilletWpMedium *medium);
void              feuillet_wp_medium_free                    (FeuilletWpMedium       *medium);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletWpMedium, feuillet_wp_medium_free)

/* Uploads @contents, the bytes of the file @file_name (a name or path: its base name is
 * sent, made ASCII), to the site's media library (WORDPRESS.md, "Media"), with its
 * @content_type (nullable: guessed from the name and bytes), @alt_text and @caption
 * (nullable). Errors name the file (feuillet_wp_error_new_from_upload). */
void              feuillet_wp_client_upload_media_async      (FeuilletWpClient     *self,
                                                              GBytes               *contents,
                                                              const char           *file_name,
                                                              const char           *content_type,
                                                              const char           *alt_text,
                                                              const char           *caption,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
FeuilletWpMedium *feuillet_wp_client_upload_media_finish     (FeuilletWpClient     *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* @file_name's base name as the ASCII file name of a Content-Disposition header: accents
 * transliterated, runs of anything but letters, digits and "_" made one "-", the extension
 * kept ("image" when nothing is left of the name). */
char             *feuillet_wp_media_file_name                (const char           *file_name);

/* The URL of @route (such as "wp/v2/posts/12") under @rest_root, with @query (already
 * escaped, such as "context=edit&per_page=100", or NULL) — for pretty roots (…/wp-json/)
 * and ?rest_route= roots alike (WORDPRESS.md, "Discovery"). */
char             *feuillet_wp_rest_url                       (const char           *rest_root,
                                                              const char           *route,
                                                              const char           *query);

/* TRUE when @url may carry a password: https, or http to 127.0.0.0/8, ::1 or localhost. */
gboolean          feuillet_wp_url_is_safe_for_credentials    (const char           *url);

G_END_DECLS
