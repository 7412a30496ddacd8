/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "feuillet-metadata-panel.h"
#include "feuillet-store.h"

G_BEGIN_DECLS

/*
 * Gives a metadata panel the categories and tags of the site the shown article goes to
 * (the site it was pushed to, or the library's only site), from the library's copy; fetches
 * a site's terms again in the background when that copy is older than a day.
 */
#define FEUILLET_TYPE_TERMS_LOADER (feuillet_terms_loader_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletTermsLoader, feuillet_terms_loader, FEUILLET, TERMS_LOADER, GObject)

FeuilletTermsLoader *feuillet_terms_loader_new         (FeuilletStore         *store,
                                                        FeuilletMetadataPanel *panel);
void                 feuillet_terms_loader_set_article (FeuilletTermsLoader   *self,
                                                        FeuilletArticle       *article);
/* Fetches the terms of the shown article's site now (after a push, or when asked). */
void                 feuillet_terms_loader_refresh     (FeuilletTermsLoader   *self);

G_END_DECLS
