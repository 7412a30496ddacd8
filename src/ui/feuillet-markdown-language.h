/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

GtkSourceLanguage *feuillet_markdown_language_get (void);

G_END_DECLS
