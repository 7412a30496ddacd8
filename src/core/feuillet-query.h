/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "feuillet-article.h"

G_BEGIN_DECLS

/* Which articles a list shows, and which page of them. */
typedef struct
{
  /* full-text search, or NULL for all articles, most recently changed first */
  char                  *text;
  /* take the last word of @text as the start of a word, for search as you type */
  gboolean               prefix;
  gboolean               has_status;
  FeuilletArticleStatus  status;
  char                  *tag;
  /* list the trash instead of the library */
  gboolean               trash;
  guint                  offset;
  /* 0 for no limit */
  guint                  limit;
} FeuilletQuery;

#define FEUILLET_TYPE_QUERY (feuillet_query_get_type ())
GType          feuillet_query_get_type (void) G_GNUC_CONST;
FeuilletQuery *feuillet_query_new      (void);
FeuilletQuery *feuillet_query_copy     (const FeuilletQuery *self);
void           feuillet_query_free     (FeuilletQuery       *self);
char          *feuillet_query_to_fts   (const char          *text,
                                        gboolean             prefix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletQuery, feuillet_query_free)

G_END_DECLS
