/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "feuillet-store.h"

G_BEGIN_DECLS

/* The revisions of one article, what changed since each, and going back to one of them. */
#define FEUILLET_TYPE_HISTORY_DIALOG (feuillet_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletHistoryDialog, feuillet_history_dialog, FEUILLET, HISTORY_DIALOG, AdwDialog)

FeuilletHistoryDialog *feuillet_history_dialog_new (FeuilletStore   *store,
                                                    FeuilletArticle *article);

G_END_DECLS
