/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "feuillet-store.h"

G_BEGIN_DECLS

#define FEUILLET_TYPE_APPLICATION (feuillet_application_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletApplication, feuillet_application, FEUILLET, APPLICATION, AdwApplication)

FeuilletApplication *feuillet_application_new       (void);
FeuilletStore       *feuillet_application_get_store (FeuilletApplication *self);

/* The add-a-site dialog waiting for the browser's feuillet:// answer (one at a time). */
void                 feuillet_application_set_authorization_waiter   (FeuilletApplication *self,
                                                                      gpointer             site_dialog);
void                 feuillet_application_clear_authorization_waiter (FeuilletApplication *self,
                                                                      gpointer             site_dialog);

G_END_DECLS
