/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * feuillet_html_to_markdown:
 * @html: HTML as WordPress stores a post's content (block comments included), UTF-8
 * @length: its length in bytes, or -1 when it is nul-terminated
 * @media_ids: (nullable): filled with the media library ids of the images it shows: each
 *   `<img class="wp-image-42" src="URL">` adds URL → 42. Create it with
 *   `g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL)`: keys are newly allocated
 *   addresses, values are ids stored with GSIZE_TO_POINTER() (read them with GPOINTER_TO_SIZE()).
 *
 * Turns the HTML into the Markdown of doc/markdown.md. What Markdown cannot express is kept as
 * raw HTML, never dropped; broken markup is repaired as a browser would.
 *
 * Returns: (transfer full): the Markdown, blocks separated by a blank line and ending with a
 *   newline; "" when there is nothing to show
 */
char *feuillet_html_to_markdown (const char  *html,
                                 gssize       length,
                                 GHashTable  *media_ids);

G_END_DECLS
