/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-preview-blocks"

#include "config.h"

#include <string.h>

#include "feuillet-preview-blocks.h"

/*
 * What a keystroke changed in the preview's body, found on the HTML before it reaches the
 * page: the blocks that are the same at the start and at the end are kept, the ones between
 * replaced. The page then parses a paragraph or two instead of the whole article.
 *
 * Blocks are compared without their data-source offsets: a keystroke moves every later
 * block's offset, not its content. The renderer writes the offsets with a fixed width of ten
 * digits, so a block and the same block moved have the same length.
 */

#define SOURCE_ATTRIBUTE " data-source=\""
#define SOURCE_DIGITS 10

static inline FeuilletPreviewBlock *
block_at (GArray *blocks,
          guint   index)
{
  return &g_array_index (blocks, FeuilletPreviewBlock, index);
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * feuillet_preview_blocks_split:
 * @html: the body's HTML, as FEUILLET_RENDER_PREVIEW renders it
 *
 * Returns: (transfer full) (nullable): the #FeuilletPreviewBlock of @html, in order, or %NULL
 *   when @html is not only marked blocks and white space between them (text before the first
 *   block, an offset not as the renderer writes it)
 */
GArray *
feuillet_preview_blocks_split (const char *html)
{
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (FeuilletPreviewBlock));
  const char *cursor = html;
  const char *found;

  g_return_val_if_fail (html != NULL, NULL);

  while ((found = strstr (cursor, SOURCE_ATTRIBUTE)) != NULL)
    {
      FeuilletPreviewBlock block = { 0 };
      const char *open = found;
      const char *digits = found + strlen (SOURCE_ATTRIBUTE);
      char *digits_end;

      /* The attribute is the first of its tag: "<p data-source=…". */
      while (open > cursor && *open != '<')
        open--;
      if (*open != '<' || !g_ascii_isalpha (open[1]))
        return NULL;
      for (const char *c = open + 1; c < found; c++)
        if (!g_ascii_isalnum (*c))
          return NULL;

      block.start = open - html;
      block.digits = digits - html;
      block.source = g_ascii_strtoull (digits, &digits_end, 10);
      if (digits_end != digits + SOURCE_DIGITS || *digits_end != '"')
        return NULL;

      /* What lies between this block and the previous one is only white space. */
      if (blocks->len > 0)
        {
          FeuilletPreviewBlock *previous = block_at (blocks, blocks->len - 1);

          previous->end = block.start;
          while (previous->end > previous->start && g_ascii_isspace (html[previous->end - 1]))
            previous->end--;
        }
      else if (!is_blank (html, block.start))
        {
          return NULL;
        }

      g_array_append_val (blocks, block);
      cursor = digits_end;
    }

  if (blocks->len > 0)
    {
      FeuilletPreviewBlock *last = block_at (blocks, blocks->len - 1);

      last->end = strlen (html);
      while (last->end > last->start && g_ascii_isspace (html[last->end - 1]))
        last->end--;
    }
  else if (!is_blank (html, strlen (html)))
    {
      return NULL;
    }

  return g_steal_pointer (&blocks);
}

/* The same HTML, the offset aside. */
gboolean
feuillet_preview_blocks_equal (const char                 *html,
                               const FeuilletPreviewBlock *block,
                               const char                 *other_html,
                               const FeuilletPreviewBlock *other)
{
  gsize head = block->digits - block->start;
  gsize length = block->end - block->start;

  if (length != other->end - other->start || head != other->digits - other->start)
    return FALSE;

  return memcmp (html + block->start, other_html + other->start, head) == 0 &&
         memcmp (html + block->digits + SOURCE_DIGITS, other_html + other->digits + SOURCE_DIGITS,
                 length - head - SOURCE_DIGITS) == 0;
}

/**
 * feuillet_preview_blocks_diff:
 * @start: (out): how many blocks at the start are the same
 * @old_end: (out): where the old blocks that are the same at the end start
 * @new_end: (out): the same in the new blocks
 *
 * The old blocks from @start to @old_end are to be replaced by the new ones from @start to
 * @new_end.
 */
void
feuillet_preview_blocks_diff (const char *old_html,
                              GArray     *old_blocks,
                              const char *new_html,
                              GArray     *new_blocks,
                              guint      *start,
                              guint      *old_end,
                              guint      *new_end)
{
  guint same = 0;
  guint old_n = old_blocks->len;
  guint new_n = new_blocks->len;

  while (same < old_n && same < new_n &&
         feuillet_preview_blocks_equal (old_html, block_at (old_blocks, same),
                                        new_html, block_at (new_blocks, same)))
    same++;

  while (old_n > same && new_n > same &&
         feuillet_preview_blocks_equal (old_html, block_at (old_blocks, old_n - 1),
                                        new_html, block_at (new_blocks, new_n - 1)))
    {
      old_n--;
      new_n--;
    }

  *start = same;
  *old_end = old_n;
  *new_end = new_n;
}

/* The blocks from @from to @to, without the white space between them. */
char *
feuillet_preview_blocks_join (const char *html,
                              GArray     *blocks,
                              guint       from,
                              guint       to)
{
  GString *joined = g_string_new (NULL);

  g_return_val_if_fail (from <= to && to <= blocks->len, NULL);

  for (guint i = from; i < to; i++)
    {
      const FeuilletPreviewBlock *block = block_at (blocks, i);

      g_string_append_len (joined, html + block->start, block->end - block->start);
    }

  return g_string_free (joined, FALSE);
}

/**
 * feuillet_preview_blocks_find:
 * @offset: a byte offset in the Markdown
 * @length: the Markdown's length in bytes
 * @fraction: (out): how far into the block's Markdown @offset is, from 0 to 1
 *
 * Returns: the block @offset is in (the last one that starts at or before it), or -1
 */
int
feuillet_preview_blocks_find (GArray  *blocks,
                              guint64  offset,
                              gsize    length,
                              double  *fraction)
{
  guint low = 0, high = blocks->len;
  const FeuilletPreviewBlock *block;
  guint64 end;

  *fraction = 0;
  /* The first block whose source is after @offset. */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (block_at (blocks, middle)->source <= offset)
        low = middle + 1;
      else
        high = middle;
    }
  if (low == 0)
    return blocks->len > 0 ? 0 : -1;

  block = block_at (blocks, low - 1);
  end = low < blocks->len ? block_at (blocks, low)->source : length;
  if (end > block->source)
    *fraction = CLAMP ((double) (offset - block->source) / (double) (end - block->source),
                       0.0, 1.0);

  return low - 1;
}
