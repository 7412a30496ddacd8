/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The top-level blocks of the body's preview HTML (FEUILLET_RENDER_PREVIEW), each of which
 * opens with a tag marked data-source="BYTE-OFFSET": where they are in the HTML and where
 * they come from in the Markdown.
 */
typedef struct
{
  /* the block's bytes in the HTML, without the white space after it */
  gsize   start;
  gsize   end;
  /* where the digits of its data-source attribute are, and their value */
  gsize   digits;
  guint64 source;
} FeuilletPreviewBlock;

GArray  *feuillet_preview_blocks_split (const char                 *html);
gboolean feuillet_preview_blocks_equal (const char                 *html,
                                        const FeuilletPreviewBlock *block,
                                        const char                 *other_html,
                                        const FeuilletPreviewBlock *other);
void     feuillet_preview_blocks_diff  (const char                 *old_html,
                                        GArray                     *old_blocks,
                                        const char                 *new_html,
                                        GArray                     *new_blocks,
                                        guint                      *start,
                                        guint                      *old_end,
                                        guint                      *new_end);
char    *feuillet_preview_blocks_join  (const char                 *html,
                                        GArray                     *blocks,
                                        guint                       from,
                                        guint                       to);
int      feuillet_preview_blocks_find  (GArray                     *blocks,
                                        guint64                     offset,
                                        gsize                       length,
                                        double                     *fraction);

G_END_DECLS
