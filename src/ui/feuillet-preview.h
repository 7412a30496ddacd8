/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "feuillet-article.h"

G_BEGIN_DECLS

/* The article as the site will show it, updated as it is written. */
#define FEUILLET_TYPE_PREVIEW (feuillet_preview_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletPreview, feuillet_preview, FEUILLET, PREVIEW, AdwBin)

FeuilletPreview *feuillet_preview_new          (void);
void             feuillet_preview_set_article  (FeuilletPreview *self,
                                                FeuilletArticle *article,
                                                GtkTextBuffer   *title,
                                                GtkTextBuffer   *chapeau,
                                                GtkTextBuffer   *body);
void             feuillet_preview_print        (FeuilletPreview *self);

G_END_DECLS
