/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "feuillet-store.h"
#include "feuillet-wp-client.h"

G_BEGIN_DECLS

/* The article's metadata: category, tags, byline, status, language, ordered length,
 * featured image. */
#define FEUILLET_TYPE_METADATA_PANEL (feuillet_metadata_panel_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletMetadataPanel, feuillet_metadata_panel, FEUILLET, METADATA_PANEL, AdwBin)

FeuilletMetadataPanel *feuillet_metadata_panel_new         (void);
void                   feuillet_metadata_panel_set_article (FeuilletMetadataPanel *self,
                                                            FeuilletArticle       *article);
void                   feuillet_metadata_panel_set_tags    (FeuilletMetadataPanel *self,
                                                            const char * const    *library_tags);
void                   feuillet_metadata_panel_set_site_terms (FeuilletMetadataPanel *self,
                                                               const char            *site_name,
                                                               GPtrArray             *categories,
                                                               GPtrArray             *tags);

G_END_DECLS
