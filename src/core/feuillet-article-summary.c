/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-article-summary"

#include "config.h"

#include "feuillet-article-summary.h"

struct _FeuilletArticleSummary
{
  GObject parent_instance;

  gint64 id;
  char *title;
  FeuilletArticleStatus status;
  char *category;
  GStrv tags;
  guint signes;
  guint words;
  GDateTime *updated;
  GDateTime *trashed;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_STATUS,
  PROP_CATEGORY,
  PROP_TAGS,
  PROP_SIGNES,
  PROP_WORDS,
  PROP_UPDATED,
  PROP_TRASHED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FeuilletArticleSummary, feuillet_article_summary, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
feuillet_article_summary_finalize (GObject *object)
{
  FeuilletArticleSummary *self = (FeuilletArticleSummary *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_clear_pointer (&self->trashed, g_date_time_unref);

  G_OBJECT_CLASS (feuillet_article_summary_parent_class)->finalize (object);
}

static void
feuillet_article_summary_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FeuilletArticleSummary *self = FEUILLET_ARTICLE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_CATEGORY: g_value_set_string (value, self->category); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_SIGNES: g_value_set_uint (value, self->signes); break;
    case PROP_WORDS: g_value_set_uint (value, self->words); break;
    case PROP_UPDATED: g_value_set_boxed (value, self->updated); break;
    case PROP_TRASHED: g_value_set_boxed (value, self->trashed); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_article_summary_class_init (FeuilletArticleSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = feuillet_article_summary_finalize;
  object_class->get_property = feuillet_article_summary_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, FEUILLET_TYPE_ARTICLE_STATUS,
                                               FEUILLET_ARTICLE_STATUS_DRAFT, flags);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SIGNES] = g_param_spec_uint ("signes", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_WORDS] = g_param_spec_uint ("words", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_UPDATED] = g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_TRASHED] = g_param_spec_boxed ("trashed", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
feuillet_article_summary_init (FeuilletArticleSummary *self)
{
}

FeuilletArticleSummary *
feuillet_article_summary_new (gint64                 id,
                              const char            *title,
                              FeuilletArticleStatus  status,
                              const char            *category,
                              const char * const    *tags,
                              guint                  signes,
                              guint                  words,
                              GDateTime             *updated,
                              GDateTime             *trashed)
{
  FeuilletArticleSummary *self = g_object_new (FEUILLET_TYPE_ARTICLE_SUMMARY, NULL);

  self->id = id;
  self->title = g_strdup (title);
  self->status = status;
  self->category = g_strdup (category);
  self->tags = g_strdupv ((char **)tags);
  self->signes = signes;
  self->words = words;
  self->updated = updated ? g_date_time_ref (updated) : NULL;
  self->trashed = trashed ? g_date_time_ref (trashed) : NULL;

  return self;
}

gint64
feuillet_article_summary_get_id (FeuilletArticleSummary *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE_SUMMARY (self), 0);
  return self->id;
}

const char *
feuillet_article_summary_get_title (FeuilletArticleSummary *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE_SUMMARY (self), NULL);
  return self->title;
}

FeuilletArticleStatus
feuillet_article_summary_get_status (FeuilletArticleSummary *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE_SUMMARY (self), FEUILLET_ARTICLE_STATUS_DRAFT);
  return self->status;
}

const char *
feuillet_article_summary_get_category (FeuilletArticleSummary *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE_SUMMARY (self), NULL);
  return self->category;
}

const char * const *
feuillet_article_summary_get_tags (FeuilletArticleSummary *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE_SUMMARY (self), NULL);
  return (const char * const *)self->tags;
}

guint
feuillet_article_summary_get_signes (FeuilletArticleSummary *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE_SUMMARY (self), 0);
  return self->signes;
}

guint
feuillet_article_summary_get_words (FeuilletArticleSummary *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE_SUMMARY (self), 0);
  return self->words;
}

GDateTime *
feuillet_article_summary_get_updated (FeuilletArticleSummary *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE_SUMMARY (self), NULL);
  return self->updated;
}

GDateTime *
feuillet_article_summary_get_trashed (FeuilletArticleSummary *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE_SUMMARY (self), NULL);
  return self->trashed;
}
