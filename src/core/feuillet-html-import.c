/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder: the importer is being written. */
#include "config.h"

#include "feuillet-html-import.h"

char *
feuillet_html_to_markdown (const char *html,
                           gssize      length,
                           GHashTable *media_ids)
{
  return g_strdup ("");
}
