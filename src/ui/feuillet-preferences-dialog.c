/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-preferences-dialog"

#include "config.h"

#include "feuillet-preferences-dialog.h"
