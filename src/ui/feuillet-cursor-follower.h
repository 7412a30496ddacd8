/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void feuillet_cursor_follower_attach (GtkScrolledWindow *scroller,
                                      GtkTextView       *view);

G_END_DECLS
