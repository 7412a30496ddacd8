/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-revision"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "feuillet-revision.h"

/*
 * A revision is the article as it stood at one moment. Saves made while typing update the
 * newest revision in place for up to five minutes (they coalesce), so the history holds a
 * state at least every five minutes of work, plus one at every status change and restore.
 */
struct _FeuilletRevision
{
  GObject parent_instance;

  guint number;
  FeuilletRevisionReason reason;
  /* when this revision was started, and when it was last coalesced into */
  GDateTime *created;
  GDateTime *updated;
  FeuilletArticle *article;
};

G_DEFINE_FINAL_TYPE (FeuilletRevision, feuillet_revision, G_TYPE_OBJECT)

static const char * const reason_names[] = {
  [FEUILLET_REVISION_CREATED] = "created",
  [FEUILLET_REVISION_EDIT] = "edit",
  [FEUILLET_REVISION_STATUS] = "status",
  [FEUILLET_REVISION_RESTORE] = "restore",
  [FEUILLET_REVISION_IMPORTED] = "imported",
};

const char *
feuillet_revision_reason_to_string (FeuilletRevisionReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), NULL);
  return reason_names[reason];
}

gboolean
feuillet_revision_reason_from_string (const char             *string,
                                      FeuilletRevisionReason *reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (reason_names); i++)
    {
      if (g_strcmp0 (string, reason_names[i]) == 0)
        {
          *reason = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
feuillet_revision_reason_get_label (FeuilletRevisionReason reason)
{
  switch (reason)
    {
    /* Translators: why a revision of an article was kept */
    case FEUILLET_REVISION_CREATED: return C_("revision", "Created");
    case FEUILLET_REVISION_EDIT: return C_("revision", "Edited");
    case FEUILLET_REVISION_STATUS: return C_("revision", "Status changed");
    case FEUILLET_REVISION_RESTORE: return C_("revision", "Restored");
    case FEUILLET_REVISION_IMPORTED: return C_("revision", "Imported");
    default: g_return_val_if_reached (NULL);
    }
}

static void
feuillet_revision_finalize (GObject *object)
{
  FeuilletRevision *self = (FeuilletRevision *)object;

  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (feuillet_revision_parent_class)->finalize (object);
}

static void
feuillet_revision_class_init (FeuilletRevisionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = feuillet_revision_finalize;
}

static void
feuillet_revision_init (FeuilletRevision *self)
{
}

/**
 * feuillet_revision_new:
 * @article: (transfer none): the article as it stood; kept, not copied
 */
FeuilletRevision *
feuillet_revision_new (guint                   number,
                       FeuilletRevisionReason  reason,
                       GDateTime              *created,
                       GDateTime              *updated,
                       FeuilletArticle        *article)
{
  FeuilletRevision *self;

  g_return_val_if_fail (created != NULL && updated != NULL, NULL);
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (article), NULL);

  self = g_object_new (FEUILLET_TYPE_REVISION, NULL);
  self->number = number;
  self->reason = reason;
  self->created = g_date_time_ref (created);
  self->updated = g_date_time_ref (updated);
  self->article = g_object_ref (article);

  return self;
}

guint
feuillet_revision_get_number (FeuilletRevision *self)
{
  g_return_val_if_fail (FEUILLET_IS_REVISION (self), 0);
  return self->number;
}

FeuilletRevisionReason
feuillet_revision_get_reason (FeuilletRevision *self)
{
  g_return_val_if_fail (FEUILLET_IS_REVISION (self), FEUILLET_REVISION_EDIT);
  return self->reason;
}

GDateTime *
feuillet_revision_get_created (FeuilletRevision *self)
{
  g_return_val_if_fail (FEUILLET_IS_REVISION (self), NULL);
  return self->created;
}

GDateTime *
feuillet_revision_get_updated (FeuilletRevision *self)
{
  g_return_val_if_fail (FEUILLET_IS_REVISION (self), NULL);
  return self->updated;
}

/**
 * feuillet_revision_get_article:
 *
 * Returns: (transfer none): the article as it stood in this revision
 */
FeuilletArticle *
feuillet_revision_get_article (FeuilletRevision *self)
{
  g_return_val_if_fail (FEUILLET_IS_REVISION (self), NULL);
  return self->article;
}
