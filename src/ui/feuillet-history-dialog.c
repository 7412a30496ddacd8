/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-history-dialog"

#include "config.h"

#include "feuillet-history-dialog.h"
