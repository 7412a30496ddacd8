/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "feuillet-article.h"

G_BEGIN_DECLS

FeuilletArticle *feuillet_welcome_article_new (void);

G_END_DECLS
