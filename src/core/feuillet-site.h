/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * A WordPress site the library publishes to, as saved in the library: never its password,
 * which lives in the Secret Service (feuillet-site-secret.h).
 */
typedef struct
{
  /* what the user calls it: unique in the library, case aside */
  char      *name;
  char      *url;
  /* as discovery found it, so that later calls skip discovery */
  char      *rest_root;
  /* the login the application password belongs to, and the name WordPress shows for it */
  char      *user;
  char      *user_name;
  /* the article's byline goes on the site as a signature paragraph, at the end of the post */
  gboolean   signature;
  /* set by the store: when the site's categories and tags were last fetched (NULL: never) */
  GDateTime *terms_fetched;
  /* set by the store */
  GDateTime *created;
} FeuilletSite;

#define FEUILLET_TYPE_SITE (feuillet_site_get_type ())
GType         feuillet_site_get_type (void) G_GNUC_CONST;
FeuilletSite *feuillet_site_new      (const char         *name,
                                      const char         *url,
                                      const char         *rest_root,
                                      const char         *user,
                                      const char         *user_name);
FeuilletSite *feuillet_site_copy     (const FeuilletSite *site);
void          feuillet_site_free     (FeuilletSite       *site);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletSite, feuillet_site_free)

G_END_DECLS
