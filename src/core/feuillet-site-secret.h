/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/*
 * A site's application password, in the Secret Service (the user's keyring), found by the
 * site's URL and user: never in the library, logs or output.
 *
 * FEUILLET_APP_PASSWORD, when set, is the password for this run (headless use, CI): lookups
 * return it, and the keyring is neither read, written nor cleared.
 */
#define FEUILLET_SITE_SECRET_SCHEMA (feuillet_site_secret_get_schema ())
const SecretSchema *feuillet_site_secret_get_schema   (void) G_GNUC_CONST;
const char         *feuillet_site_secret_get_override (void);

void                feuillet_site_secret_store_async  (const char           *url,
                                                       const char           *user,
                                                       const char           *password,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean            feuillet_site_secret_store_finish (GAsyncResult         *result,
                                                       GError              **error);

void                feuillet_site_secret_lookup_async (const char           *url,
                                                       const char           *user,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
char               *feuillet_site_secret_lookup_finish (GAsyncResult        *result,
                                                        GError             **error);

void                feuillet_site_secret_clear_async  (const char           *url,
                                                       const char           *user,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean            feuillet_site_secret_clear_finish (GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
