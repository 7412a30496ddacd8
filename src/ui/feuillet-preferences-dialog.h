/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The preferences: what new articles start with, and how the editor looks. */
#define FEUILLET_TYPE_PREFERENCES_DIALOG (feuillet_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletPreferencesDialog, feuillet_preferences_dialog, FEUILLET, PREFERENCES_DIALOG, AdwPreferencesDialog)

AdwDialog *feuillet_preferences_dialog_new (void);

G_END_DECLS
