/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Signing in with the browser (WORDPRESS.md, "Authentication"): WordPress's
 * authorize-application.php page creates an application password once the user approves,
 * then sends the browser to feuillet://authorized?state=…&site_url=…&user_login=…&password=…,
 * which the desktop hands to the running application.
 *
 * Each attempt has a random state, in the address WordPress returns to: an answer without
 * it (an old attempt's, or one forged by a web page) is refused.
 */
#define FEUILLET_SITE_AUTHORIZATION_SCHEME "feuillet"

char     *feuillet_site_authorization_new_state (void);
char     *feuillet_site_authorization_url       (const char  *authorize_url,
                                                 const char  *state);
gboolean  feuillet_site_authorization_parse     (const char  *callback_uri,
                                                 const char  *state,
                                                 char       **user,
                                                 char       **password,
                                                 GError     **error);

G_END_DECLS
