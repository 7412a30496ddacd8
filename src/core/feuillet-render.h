/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "feuillet-article.h"
#include "feuillet-typography.h"

G_BEGIN_DECLS

typedef enum
{
  /* The article's HTML, as a reader's browser gets it. */
  FEUILLET_RENDER_HTML,
  /* WordPress block markup, as WordPress 6.1's editor saves it. */
  FEUILLET_RENDER_BLOCKS,
  /* HTML whose top-level blocks carry data-source="BYTE-OFFSET" (where the block starts in the
   * Markdown), so the preview can follow the part being edited. */
  FEUILLET_RENDER_PREVIEW,
} FeuilletRenderFormat;

/* The id of an image already in the site's media library, 0 when it is not. */
typedef guint64 (*FeuilletMediaLookup) (const char *source,
                                        gpointer    user_data);

typedef struct
{
  FeuilletTypography  typography;
  FeuilletMediaLookup media_lookup;
  gpointer            media_lookup_data;
} FeuilletRenderOptions;

char              *feuillet_render_markdown         (const char                  *markdown,
                                                     gsize                        length,
                                                     FeuilletRenderFormat         format,
                                                     const FeuilletRenderOptions *options);

FeuilletTypography feuillet_render_article_typography (FeuilletArticle           *article);
char              *feuillet_render_article_body     (FeuilletArticle             *article,
                                                     FeuilletRenderFormat         format);

typedef enum
{
  FEUILLET_PAGE_NONE = 0,
  /* Exported: the stylesheet inlined, nothing refers outside the file. */
  FEUILLET_PAGE_STANDALONE = 1 << 0,
  /* The body is left empty inside <div id="feuillet-body">, for the preview to fill. */
  FEUILLET_PAGE_EMPTY_BODY = 1 << 1,
} FeuilletPageFlags;

char              *feuillet_render_page             (FeuilletArticle             *article,
                                                     const char                  *site_name,
                                                     FeuilletPageFlags            flags);

G_END_DECLS
