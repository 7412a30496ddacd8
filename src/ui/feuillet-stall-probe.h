/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void feuillet_stall_probe_start_from_environment (void);
void feuillet_stall_probe_stop                   (void);

G_END_DECLS
