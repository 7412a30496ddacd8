/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "feuillet-store.h"

G_BEGIN_DECLS

#define FEUILLET_TYPE_SITE_DIALOG (feuillet_site_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletSiteDialog, feuillet_site_dialog, FEUILLET, SITE_DIALOG, AdwDialog)

AdwDialog *feuillet_site_dialog_new                    (FeuilletStore      *store);
gboolean   feuillet_site_dialog_receive_authorization  (FeuilletSiteDialog *self,
                                                        const char         *callback_uri);

G_END_DECLS
