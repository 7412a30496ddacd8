/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "feuillet-store.h"

G_BEGIN_DECLS

#define FEUILLET_TYPE_SITE_LIST_PAGE (feuillet_site_list_page_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletSiteListPage, feuillet_site_list_page, FEUILLET, SITE_LIST_PAGE, AdwPreferencesPage)

void feuillet_site_list_page_set_store (FeuilletSiteListPage *self,
                                        FeuilletStore        *store);

G_END_DECLS
