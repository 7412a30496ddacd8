/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "feuillet-article.h"

G_BEGIN_DECLS

/* Why a revision was kept. */
typedef enum
{
  FEUILLET_REVISION_CREATED,
  FEUILLET_REVISION_EDIT,
  FEUILLET_REVISION_STATUS,
  FEUILLET_REVISION_RESTORE,
  FEUILLET_REVISION_IMPORTED,
} FeuilletRevisionReason;

const char *feuillet_revision_reason_to_string   (FeuilletRevisionReason  reason);
gboolean    feuillet_revision_reason_from_string (const char             *string,
                                                  FeuilletRevisionReason *reason);
const char *feuillet_revision_reason_get_label   (FeuilletRevisionReason  reason);

#define FEUILLET_TYPE_REVISION (feuillet_revision_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletRevision, feuillet_revision, FEUILLET, REVISION, GObject)

FeuilletRevision       *feuillet_revision_new         (guint                   number,
                                                       FeuilletRevisionReason  reason,
                                                       GDateTime              *created,
                                                       GDateTime              *updated,
                                                       FeuilletArticle        *article);
guint                   feuillet_revision_get_number  (FeuilletRevision       *self);
FeuilletRevisionReason  feuillet_revision_get_reason  (FeuilletRevision       *self);
GDateTime              *feuillet_revision_get_created (FeuilletRevision       *self);
GDateTime              *feuillet_revision_get_updated (FeuilletRevision       *self);
FeuilletArticle        *feuillet_revision_get_article (FeuilletRevision       *self);

G_END_DECLS
