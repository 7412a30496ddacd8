/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "feuillet-article.h"

G_BEGIN_DECLS

/*
 * An article as a Markdown file with YAML front matter (title, chapeau, category, tags,
 * byline, status, slug, lang, target, typography, featured_image, schedule), the body below it.
 */
FeuilletArticle *feuillet_markdown_file_parse     (const char       *contents,
                                                   gsize             length,
                                                   const char       *display_name,
                                                   GPtrArray        *warnings,
                                                   GError          **error);
char            *feuillet_markdown_file_serialize (FeuilletArticle  *article);

G_END_DECLS
