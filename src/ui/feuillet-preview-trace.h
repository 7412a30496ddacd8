/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean feuillet_preview_trace_enabled (void);
void     feuillet_preview_trace_record  (gint64      changed_at,
                                         gint64      updated_at);
gboolean feuillet_preview_trace_dumping (void);
void     feuillet_preview_trace_dump    (const char *text);

G_END_DECLS
