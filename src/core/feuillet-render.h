/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "feuillet-article.h"

G_BEGIN_DECLS

char *feuillet_render_body_html     (const char      *markdown);
char *feuillet_render_html_document (FeuilletArticle *article);

G_END_DECLS
