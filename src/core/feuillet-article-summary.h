/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "feuillet-article.h"

G_BEGIN_DECLS

/* What a list shows of an article: no copy is loaded. */
#define FEUILLET_TYPE_ARTICLE_SUMMARY (feuillet_article_summary_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletArticleSummary, feuillet_article_summary, FEUILLET, ARTICLE_SUMMARY, GObject)

FeuilletArticleSummary *feuillet_article_summary_new          (gint64                  id,
                                                               const char             *title,
                                                               FeuilletArticleStatus   status,
                                                               const char             *category,
                                                               const char * const     *tags,
                                                               guint                   signes,
                                                               guint                   words,
                                                               GDateTime              *updated,
                                                               GDateTime              *trashed);
gint64                  feuillet_article_summary_get_id       (FeuilletArticleSummary *self);
const char             *feuillet_article_summary_get_title    (FeuilletArticleSummary *self);
FeuilletArticleStatus   feuillet_article_summary_get_status   (FeuilletArticleSummary *self);
const char             *feuillet_article_summary_get_category (FeuilletArticleSummary *self);
const char * const     *feuillet_article_summary_get_tags     (FeuilletArticleSummary *self);
guint                   feuillet_article_summary_get_signes   (FeuilletArticleSummary *self);
guint                   feuillet_article_summary_get_words    (FeuilletArticleSummary *self);
GDateTime              *feuillet_article_summary_get_updated  (FeuilletArticleSummary *self);
GDateTime              *feuillet_article_summary_get_trashed  (FeuilletArticleSummary *self);

G_END_DECLS
