/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer harness for the importer of WordPress HTML: any bytes a server may send must give
 * Markdown (or nothing) without a crash, and that Markdown must render back.
 */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "feuillet-html-import.h"
#include "feuillet-render.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GHashTable) media_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *markdown = feuillet_html_to_markdown ((const char *) data, size, media_ids);
  g_autofree char *blocks = NULL;

  if (markdown == NULL)
    return 0;
  blocks = feuillet_render_markdown (markdown, strlen (markdown), FEUILLET_RENDER_BLOCKS, NULL);
  g_assert_nonnull (blocks);
  return 0;
}
