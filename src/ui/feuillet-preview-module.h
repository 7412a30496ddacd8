/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "feuillet-article.h"

G_BEGIN_DECLS

/* The preview lives in a module of its own, loaded the first time it is shown: WebKitGTK and
 * the two hundred libraries it brings would otherwise be loaded at every start. */

GtkWidget *feuillet_preview_module_new_preview (GError          **error);
void       feuillet_preview_module_set_article (GtkWidget        *preview,
                                                FeuilletArticle  *article,
                                                GtkTextBuffer    *title,
                                                GtkTextBuffer    *chapeau,
                                                GtkTextBuffer    *body);
void       feuillet_preview_module_print       (GtkWidget        *preview);

G_END_DECLS
