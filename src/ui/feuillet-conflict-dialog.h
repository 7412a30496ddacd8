/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "feuillet-site.h"
#include "feuillet-store.h"

G_BEGIN_DECLS

/*
 * The post changed on the site since the last push: the site's version beside the
 * journalist's, and what to do. "Overwrite anyway" records the site's version just shown as
 * the article's base (the user has seen it), then emits "overwrite" (the remote modified
 * time and base recorded) for the caller to push again; "Save mine as a new draft" makes a
 * copy of the article without its link to the post and emits "save-copy" with it.
 */
#define FEUILLET_TYPE_CONFLICT_DIALOG (feuillet_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletConflictDialog, feuillet_conflict_dialog, FEUILLET, CONFLICT_DIALOG, AdwDialog)

FeuilletConflictDialog *feuillet_conflict_dialog_new         (FeuilletStore          *store,
                                                              const FeuilletSite     *site,
                                                              FeuilletArticle        *article,
                                                              const char             *message);
FeuilletArticle        *feuillet_conflict_dialog_get_article (FeuilletConflictDialog *self);
const char             *feuillet_conflict_dialog_get_site    (FeuilletConflictDialog *self);

G_END_DECLS
