/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "feuillet-store.h"

G_BEGIN_DECLS

#define FEUILLET_TYPE_SITE_ROW (feuillet_site_row_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletSiteRow, feuillet_site_row, FEUILLET, SITE_ROW, AdwExpanderRow)

GtkWidget          *feuillet_site_row_new      (FeuilletStore      *store,
                                                const FeuilletSite *site);
const FeuilletSite *feuillet_site_row_get_site (FeuilletSiteRow    *self);

G_END_DECLS
