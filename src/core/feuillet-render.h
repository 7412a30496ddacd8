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

/* An image of an article's body, as the Markdown writes it: `![alt](source "caption © credit")`. */
typedef struct
{
  /* the address as written (a URL, a path) */
  char *source;
  char *alt;
  /* with the typography of the text around it, the credit apart; "" when none */
  char *caption;
  /* from the © on, with typography; NULL when none */
  char *credit;
  /* alone in its paragraph: an image block of its own, with its caption (not inline) */
  gboolean figure;
} FeuilletRenderImage;

void               feuillet_render_image_free       (FeuilletRenderImage         *image);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletRenderImage, feuillet_render_image_free)

/* Whether @image is in the site's media library: if so, TRUE, its attachment id in @id and
 * its address on the site in @url (owned by the lookup, valid during the render), which the
 * block writes in place of the source. */
typedef gboolean (*FeuilletMediaLookup) (const FeuilletRenderImage *image,
                                         guint64                   *id,
                                         const char               **url,
                                         gpointer                   user_data);

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

/* Every image of @markdown, inline or alone, in order, each as often as it appears: a
 * GPtrArray of FeuilletRenderImage, their caption and credit with @typography. */
GPtrArray         *feuillet_render_list_images      (const char                  *markdown,
                                                     gsize                        length,
                                                     FeuilletTypography           typography);

FeuilletTypography feuillet_render_article_typography (FeuilletArticle           *article);
char              *feuillet_render_article_body     (FeuilletArticle             *article,
                                                     FeuilletRenderFormat         format);

/* @byline as the post's last block, a paragraph of class "signature", with @typography:
 * block markup (FEUILLET_RENDER_BLOCKS) or HTML. */
char              *feuillet_render_signature        (const char                  *byline,
                                                     FeuilletRenderFormat         format,
                                                     FeuilletTypography           typography);

/* @article's body as WordPress block markup for a site: images found by @media_lookup
 * (nullable) point to the site's copy; with @signature, and when the article has a byline,
 * it ends with the signature paragraph. */
char              *feuillet_render_article_post_content (FeuilletArticle         *article,
                                                         FeuilletMediaLookup      media_lookup,
                                                         gpointer                 media_lookup_data,
                                                         gboolean                 signature);

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
