/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "feuillet-application.h"

G_BEGIN_DECLS

#define FEUILLET_TYPE_WINDOW (feuillet_window_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletWindow, feuillet_window, FEUILLET, WINDOW, AdwApplicationWindow)

FeuilletWindow *feuillet_window_new        (FeuilletApplication *application);
void            feuillet_window_show_toast (FeuilletWindow      *self,
                                            const char          *message);

G_END_DECLS
