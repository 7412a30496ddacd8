/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-welcome"

#include "config.h"

#include "feuillet-welcome.h"
