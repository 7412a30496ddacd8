/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a run of text in a comparison is: kept, only in the old text, only in the new. */
typedef enum
{
  FEUILLET_DIFF_EQUAL,
  FEUILLET_DIFF_DELETE,
  FEUILLET_DIFF_INSERT,
} FeuilletDiffOp;

typedef struct
{
  FeuilletDiffOp  op;
  char           *text;
} FeuilletDiffChunk;

void       feuillet_diff_chunk_free (FeuilletDiffChunk *chunk);
GPtrArray *feuillet_diff_words      (const char        *old_text,
                                     const char        *new_text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletDiffChunk, feuillet_diff_chunk_free)

G_END_DECLS
