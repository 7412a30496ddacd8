/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "feuillet-editor.h"

G_BEGIN_DECLS

GtkTextView *feuillet_editor_get_title_view            (FeuilletEditor *self);
GtkTextView *feuillet_editor_get_chapeau_view          (FeuilletEditor *self);
GtkTextView *feuillet_editor_get_body_view             (FeuilletEditor *self);

/* feuillet-editor-format.c */
void         feuillet_editor_class_add_format_actions (GtkWidgetClass *widget_class);

G_END_DECLS
