/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *feuillet_html_to_markdown (const char  *html,
                                 gssize       length,
                                 GHashTable  *media_ids);

G_END_DECLS
