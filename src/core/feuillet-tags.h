/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *feuillet_tag_normalize (const char *name);
char *feuillet_tag_key       (const char *name);
char *feuillet_tag_from_wordpress (const char *name);

G_END_DECLS
