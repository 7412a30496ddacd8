/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "feuillet-store.h"

G_BEGIN_DECLS

/*
 * The library's articles, most recently changed first, as a GListModel that reads them a
 * page at a time, as they scroll into view: a list of 100,000 articles costs the pages on
 * screen, not the library.
 */
#define FEUILLET_TYPE_ARTICLE_LIST_MODEL (feuillet_article_list_model_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletArticleListModel, feuillet_article_list_model, FEUILLET, ARTICLE_LIST_MODEL, GObject)

FeuilletArticleListModel *feuillet_article_list_model_new    (FeuilletStore            *store);
void                      feuillet_article_list_model_reload (FeuilletArticleListModel *self);
void                      feuillet_article_list_model_set_filters (FeuilletArticleListModel *self,
                                                                   const FeuilletQuery      *filters);

G_END_DECLS
