/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-article"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "feuillet-article.h"
#include "feuillet-error.h"
#include "feuillet-tags.h"

struct _FeuilletArticle
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *title;
  char *chapeau;
  char *body;
  char *category;
  GStrv tags;
  char *byline;
  FeuilletArticleStatus status;
  char *slug;
  char *language;
  guint target;
  gboolean typography;
  char *featured_image;
  GDateTime *schedule_date;
  GDateTime *created;
  GDateTime *updated;
  GDateTime *trashed;

  char *remote_site;
  gint64 remote_id;
  char *remote_link;
  char *remote_status;
  char *remote_modified;
  char *remote_base;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_CHAPEAU,
  PROP_BODY,
  PROP_CATEGORY,
  PROP_TAGS,
  PROP_BYLINE,
  PROP_STATUS,
  PROP_SLUG,
  PROP_LANGUAGE,
  PROP_TARGET,
  PROP_TYPOGRAPHY,
  PROP_FEATURED_IMAGE,
  PROP_SCHEDULE_DATE,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_TRASHED,
  PROP_REMOTE_SITE,
  PROP_REMOTE_ID,
  PROP_REMOTE_LINK,
  PROP_REMOTE_STATUS,
  PROP_REMOTE_MODIFIED,
  PROP_REMOTE_BASE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FeuilletArticle, feuillet_article, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static const GEnumValue status_values[] = {
  { FEUILLET_ARTICLE_STATUS_IDEA, "FEUILLET_ARTICLE_STATUS_IDEA", "idea" },
  { FEUILLET_ARTICLE_STATUS_DRAFT, "FEUILLET_ARTICLE_STATUS_DRAFT", "draft" },
  { FEUILLET_ARTICLE_STATUS_READY, "FEUILLET_ARTICLE_STATUS_READY", "ready" },
  { FEUILLET_ARTICLE_STATUS_SUBMITTED, "FEUILLET_ARTICLE_STATUS_SUBMITTED", "submitted" },
  { FEUILLET_ARTICLE_STATUS_SCHEDULED, "FEUILLET_ARTICLE_STATUS_SCHEDULED", "scheduled" },
  { FEUILLET_ARTICLE_STATUS_PUBLISHED, "FEUILLET_ARTICLE_STATUS_PUBLISHED", "published" },
  { 0, NULL, NULL }
};

GType
feuillet_article_status_get_type (void)
{
  static GType type;

  if (g_once_init_enter_pointer (&type))
    g_once_init_leave_pointer (&type, g_enum_register_static ("FeuilletArticleStatus", status_values));

  return type;
}

const char *
feuillet_article_status_to_string (FeuilletArticleStatus status)
{
  g_return_val_if_fail (status <= FEUILLET_ARTICLE_STATUS_PUBLISHED, NULL);

  return status_values[status].value_nick;
}

gboolean
feuillet_article_status_from_string (const char            *string,
                                     FeuilletArticleStatus *status)
{
  g_return_val_if_fail (string != NULL, FALSE);

  for (guint i = 0; status_values[i].value_nick != NULL; i++)
    {
      if (g_ascii_strcasecmp (string, status_values[i].value_nick) == 0)
        {
          if (status != NULL)
            *status = status_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * feuillet_article_status_choices:
 *
 * Returns: (transfer full): the statuses as typed in files and commands, for messages:
 *   "idea, draft, ready, submitted, scheduled, published"
 */
char *
feuillet_article_status_choices (void)
{
  g_autoptr(GString) choices = g_string_new (NULL);

  for (guint i = 0; status_values[i].value_nick != NULL; i++)
    g_string_append_printf (choices, "%s%s", i > 0 ? ", " : "", status_values[i].value_nick);

  return g_string_free (g_steal_pointer (&choices), FALSE);
}

const char *
feuillet_article_status_get_label (FeuilletArticleStatus status)
{
  switch (status)
    {
    /* Translators: an article status: only an idea so far */
    case FEUILLET_ARTICLE_STATUS_IDEA: return C_("status", "Idea");
    case FEUILLET_ARTICLE_STATUS_DRAFT: return C_("status", "Draft");
    /* Translators: an article status: finished, ready to be sent to the desk */
    case FEUILLET_ARTICLE_STATUS_READY: return C_("status", "Ready");
    /* Translators: an article status: sent to the desk for review */
    case FEUILLET_ARTICLE_STATUS_SUBMITTED: return C_("status", "Submitted");
    case FEUILLET_ARTICLE_STATUS_SCHEDULED: return C_("status", "Scheduled");
    case FEUILLET_ARTICLE_STATUS_PUBLISHED: return C_("status", "Published");
    default: g_return_val_if_reached (NULL);
    }
}

static void
set_string (FeuilletArticle  *self,
            char            **field,
            const char       *value,
            guint             prop_id)
{
  if (g_set_str (field, value ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_nullable_string (FeuilletArticle  *self,
                     char            **field,
                     const char       *value,
                     guint             prop_id)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static gboolean
date_time_equal (GDateTime *a,
                 GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static void
set_date_time (FeuilletArticle  *self,
               GDateTime       **field,
               GDateTime        *value,
               guint             prop_id)
{
  if (date_time_equal (*field, value))
    return;

  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
feuillet_article_finalize (GObject *object)
{
  FeuilletArticle *self = (FeuilletArticle *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->chapeau, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->byline, g_free);
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->featured_image, g_free);
  g_clear_pointer (&self->schedule_date, g_date_time_unref);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_clear_pointer (&self->trashed, g_date_time_unref);
  g_clear_pointer (&self->remote_site, g_free);
  g_clear_pointer (&self->remote_link, g_free);
  g_clear_pointer (&self->remote_status, g_free);
  g_clear_pointer (&self->remote_modified, g_free);
  g_clear_pointer (&self->remote_base, g_free);

  G_OBJECT_CLASS (feuillet_article_parent_class)->finalize (object);
}

static void
feuillet_article_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FeuilletArticle *self = FEUILLET_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_UUID: g_value_set_string (value, self->uuid); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_CHAPEAU: g_value_set_string (value, self->chapeau); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_CATEGORY: g_value_set_string (value, self->category); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_BYLINE: g_value_set_string (value, self->byline); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_SLUG: g_value_set_string (value, self->slug); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    case PROP_TARGET: g_value_set_uint (value, self->target); break;
    case PROP_TYPOGRAPHY: g_value_set_boolean (value, self->typography); break;
    case PROP_FEATURED_IMAGE: g_value_set_string (value, self->featured_image); break;
    case PROP_SCHEDULE_DATE: g_value_set_boxed (value, self->schedule_date); break;
    case PROP_CREATED: g_value_set_boxed (value, self->created); break;
    case PROP_UPDATED: g_value_set_boxed (value, self->updated); break;
    case PROP_TRASHED: g_value_set_boxed (value, self->trashed); break;
    case PROP_REMOTE_SITE: g_value_set_string (value, self->remote_site); break;
    case PROP_REMOTE_ID: g_value_set_int64 (value, self->remote_id); break;
    case PROP_REMOTE_LINK: g_value_set_string (value, self->remote_link); break;
    case PROP_REMOTE_STATUS: g_value_set_string (value, self->remote_status); break;
    case PROP_REMOTE_MODIFIED: g_value_set_string (value, self->remote_modified); break;
    case PROP_REMOTE_BASE: g_value_set_string (value, self->remote_base); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_article_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FeuilletArticle *self = FEUILLET_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID: feuillet_article_set_id (self, g_value_get_int64 (value)); break;
    case PROP_UUID: feuillet_article_set_uuid (self, g_value_get_string (value)); break;
    case PROP_TITLE: feuillet_article_set_title (self, g_value_get_string (value)); break;
    case PROP_CHAPEAU: feuillet_article_set_chapeau (self, g_value_get_string (value)); break;
    case PROP_BODY: feuillet_article_set_body (self, g_value_get_string (value)); break;
    case PROP_CATEGORY: feuillet_article_set_category (self, g_value_get_string (value)); break;
    case PROP_TAGS: feuillet_article_set_tags (self, g_value_get_boxed (value)); break;
    case PROP_BYLINE: feuillet_article_set_byline (self, g_value_get_string (value)); break;
    case PROP_STATUS: feuillet_article_set_status (self, g_value_get_enum (value)); break;
    case PROP_SLUG: feuillet_article_set_slug (self, g_value_get_string (value)); break;
    case PROP_LANGUAGE: feuillet_article_set_language (self, g_value_get_string (value)); break;
    case PROP_TARGET: feuillet_article_set_target (self, g_value_get_uint (value)); break;
    case PROP_TYPOGRAPHY: feuillet_article_set_typography (self, g_value_get_boolean (value)); break;
    case PROP_FEATURED_IMAGE: feuillet_article_set_featured_image (self, g_value_get_string (value)); break;
    case PROP_SCHEDULE_DATE: feuillet_article_set_schedule_date (self, g_value_get_boxed (value)); break;
    case PROP_CREATED: feuillet_article_set_created (self, g_value_get_boxed (value)); break;
    case PROP_UPDATED: feuillet_article_set_updated (self, g_value_get_boxed (value)); break;
    case PROP_TRASHED: feuillet_article_set_trashed (self, g_value_get_boxed (value)); break;
    case PROP_REMOTE_SITE: feuillet_article_set_remote_site (self, g_value_get_string (value)); break;
    case PROP_REMOTE_ID: feuillet_article_set_remote_id (self, g_value_get_int64 (value)); break;
    case PROP_REMOTE_LINK: feuillet_article_set_remote_link (self, g_value_get_string (value)); break;
    case PROP_REMOTE_STATUS: feuillet_article_set_remote_status (self, g_value_get_string (value)); break;
    case PROP_REMOTE_MODIFIED: feuillet_article_set_remote_modified (self, g_value_get_string (value)); break;
    case PROP_REMOTE_BASE: feuillet_article_set_remote_base (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boxed_param (const char *name,
             GType       type)
{
  return g_param_spec_boxed (name, NULL, NULL, type,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int64_param (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
feuillet_article_class_init (FeuilletArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = feuillet_article_finalize;
  object_class->get_property = feuillet_article_get_property;
  object_class->set_property = feuillet_article_set_property;

  /* The library's id; 0 until the article is first saved. */
  properties[PROP_ID] = int64_param ("id");
  /* A stable identity that survives export and import, and marks pushes to a site. */
  properties[PROP_UUID] = string_param ("uuid");
  properties[PROP_TITLE] = string_param ("title");
  /* The lede paragraph, set apart under the title. */
  properties[PROP_CHAPEAU] = string_param ("chapeau");
  /* Markdown. */
  properties[PROP_BODY] = string_param ("body");
  /* The surtitre (kicker) and the site's category. */
  properties[PROP_CATEGORY] = string_param ("category");
  properties[PROP_TAGS] = boxed_param ("tags", G_TYPE_STRV);
  properties[PROP_BYLINE] = string_param ("byline");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       FEUILLET_TYPE_ARTICLE_STATUS, FEUILLET_ARTICLE_STATUS_DRAFT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLUG] = string_param ("slug");
  /* A BCP 47 tag such as "fr" or "en-GB": spell-check and typography follow it. */
  properties[PROP_LANGUAGE] = string_param ("language");
  /* The length the desk ordered, in signes; 0 for none. */
  properties[PROP_TARGET] =
    g_param_spec_uint ("target", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether rendering sets the language's typography (« », no-break spaces…); the stored
   * text never changes either way. */
  properties[PROP_TYPOGRAPHY] =
    g_param_spec_boolean ("typography", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FEATURED_IMAGE] = string_param ("featured-image");
  properties[PROP_SCHEDULE_DATE] = boxed_param ("schedule-date", G_TYPE_DATE_TIME);
  properties[PROP_CREATED] = boxed_param ("created", G_TYPE_DATE_TIME);
  properties[PROP_UPDATED] = boxed_param ("updated", G_TYPE_DATE_TIME);
  /* When it went to the trash; %NULL when it is not there. */
  properties[PROP_TRASHED] = boxed_param ("trashed", G_TYPE_DATE_TIME);
  properties[PROP_REMOTE_SITE] = string_param ("remote-site");
  properties[PROP_REMOTE_ID] = int64_param ("remote-id");
  properties[PROP_REMOTE_LINK] = string_param ("remote-link");
  properties[PROP_REMOTE_STATUS] = string_param ("remote-status");
  /* The server's modified_gmt when it was last pushed or pulled. */
  properties[PROP_REMOTE_MODIFIED] = string_param ("remote-modified");
  /* What the server stored then, the base for three-way merges. */
  properties[PROP_REMOTE_BASE] = string_param ("remote-base");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
feuillet_article_init (FeuilletArticle *self)
{
  self->uuid = g_uuid_string_random ();
  self->title = g_strdup ("");
  self->chapeau = g_strdup ("");
  self->body = g_strdup ("");
  self->typography = TRUE;
  self->category = g_strdup ("");
  self->tags = g_new0 (char *, 1);
  self->byline = g_strdup ("");
  self->status = FEUILLET_ARTICLE_STATUS_DRAFT;
  self->slug = g_strdup ("");
  self->language = g_strdup ("fr");
}

FeuilletArticle *
feuillet_article_new (void)
{
  return g_object_new (FEUILLET_TYPE_ARTICLE, NULL);
}

/**
 * feuillet_article_copy:
 *
 * Returns: (transfer full): an independent copy, the same article in every field
 */
FeuilletArticle *
feuillet_article_copy (FeuilletArticle *self)
{
  FeuilletArticle *copy;

  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), NULL);

  copy = feuillet_article_new ();
  copy->id = self->id;
  g_set_str (&copy->uuid, self->uuid);
  g_set_str (&copy->title, self->title);
  g_set_str (&copy->chapeau, self->chapeau);
  g_set_str (&copy->body, self->body);
  g_set_str (&copy->category, self->category);
  g_strfreev (copy->tags);
  copy->tags = g_strdupv (self->tags);
  g_set_str (&copy->byline, self->byline);
  copy->status = self->status;
  g_set_str (&copy->slug, self->slug);
  g_set_str (&copy->language, self->language);
  copy->target = self->target;
  copy->typography = self->typography;
  g_set_str (&copy->featured_image, self->featured_image);
  copy->schedule_date = self->schedule_date ? g_date_time_ref (self->schedule_date) : NULL;
  copy->created = self->created ? g_date_time_ref (self->created) : NULL;
  copy->updated = self->updated ? g_date_time_ref (self->updated) : NULL;
  copy->trashed = self->trashed ? g_date_time_ref (self->trashed) : NULL;
  g_set_str (&copy->remote_site, self->remote_site);
  copy->remote_id = self->remote_id;
  g_set_str (&copy->remote_link, self->remote_link);
  g_set_str (&copy->remote_status, self->remote_status);
  g_set_str (&copy->remote_modified, self->remote_modified);
  g_set_str (&copy->remote_base, self->remote_base);

  return copy;
}

/**
 * feuillet_article_equal_content:
 *
 * Whether two articles hold the same copy and metadata: what a writer or an export would
 * see. Identity, dates and the remote side are not compared.
 */
gboolean
feuillet_article_equal_content (FeuilletArticle *self,
                                FeuilletArticle *other)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (other), FALSE);

  return g_str_equal (self->title, other->title) &&
         g_str_equal (self->chapeau, other->chapeau) &&
         g_str_equal (self->body, other->body) &&
         g_str_equal (self->category, other->category) &&
         g_strv_equal ((const char * const *)self->tags, (const char * const *)other->tags) &&
         g_str_equal (self->byline, other->byline) &&
         self->status == other->status &&
         g_str_equal (self->slug, other->slug) &&
         g_str_equal (self->language, other->language) &&
         self->target == other->target &&
         self->typography == other->typography &&
         g_strcmp0 (self->featured_image, other->featured_image) == 0 &&
         date_time_equal (self->schedule_date, other->schedule_date);
}

gint64
feuillet_article_get_id (FeuilletArticle *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), 0);
  return self->id;
}

void
feuillet_article_set_id (FeuilletArticle *self,
                         gint64           id)
{
  g_return_if_fail (FEUILLET_IS_ARTICLE (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
feuillet_article_get_uuid (FeuilletArticle *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), NULL);
  return self->uuid;
}

void
feuillet_article_set_uuid (FeuilletArticle *self,
                           const char      *uuid)
{
  g_return_if_fail (FEUILLET_IS_ARTICLE (self));
  g_return_if_fail (uuid != NULL && g_uuid_string_is_valid (uuid));
  set_string (self, &self->uuid, uuid, PROP_UUID);
}

#define STRING_ACCESSORS(field, PROP)                                   \
  const char *                                                          \
  feuillet_article_get_##field (FeuilletArticle *self)                  \
  {                                                                     \
    g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), NULL);            \
    return self->field;                                                 \
  }                                                                     \
                                                                        \
  void                                                                  \
  feuillet_article_set_##field (FeuilletArticle *self,                  \
                                const char      *value)                 \
  {                                                                     \
    g_return_if_fail (FEUILLET_IS_ARTICLE (self));                      \
    set_string (self, &self->field, value, PROP);                       \
  }

#define NULLABLE_STRING_ACCESSORS(field, PROP)                          \
  const char *                                                          \
  feuillet_article_get_##field (FeuilletArticle *self)                  \
  {                                                                     \
    g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), NULL);            \
    return self->field;                                                 \
  }                                                                     \
                                                                        \
  void                                                                  \
  feuillet_article_set_##field (FeuilletArticle *self,                  \
                                const char      *value)                 \
  {                                                                     \
    g_return_if_fail (FEUILLET_IS_ARTICLE (self));                      \
    set_nullable_string (self, &self->field, value, PROP);              \
  }

#define DATE_TIME_ACCESSORS(field, PROP)                                \
  GDateTime *                                                           \
  feuillet_article_get_##field (FeuilletArticle *self)                  \
  {                                                                     \
    g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), NULL);            \
    return self->field;                                                 \
  }                                                                     \
                                                                        \
  void                                                                  \
  feuillet_article_set_##field (FeuilletArticle *self,                  \
                                GDateTime       *value)                 \
  {                                                                     \
    g_return_if_fail (FEUILLET_IS_ARTICLE (self));                      \
    set_date_time (self, &self->field, value, PROP);                    \
  }

STRING_ACCESSORS (title, PROP_TITLE)
STRING_ACCESSORS (chapeau, PROP_CHAPEAU)
STRING_ACCESSORS (body, PROP_BODY)
STRING_ACCESSORS (category, PROP_CATEGORY)
STRING_ACCESSORS (byline, PROP_BYLINE)
STRING_ACCESSORS (slug, PROP_SLUG)
NULLABLE_STRING_ACCESSORS (featured_image, PROP_FEATURED_IMAGE)
NULLABLE_STRING_ACCESSORS (remote_site, PROP_REMOTE_SITE)
NULLABLE_STRING_ACCESSORS (remote_link, PROP_REMOTE_LINK)
NULLABLE_STRING_ACCESSORS (remote_status, PROP_REMOTE_STATUS)
NULLABLE_STRING_ACCESSORS (remote_modified, PROP_REMOTE_MODIFIED)
NULLABLE_STRING_ACCESSORS (remote_base, PROP_REMOTE_BASE)
DATE_TIME_ACCESSORS (schedule_date, PROP_SCHEDULE_DATE)
DATE_TIME_ACCESSORS (created, PROP_CREATED)
DATE_TIME_ACCESSORS (updated, PROP_UPDATED)
DATE_TIME_ACCESSORS (trashed, PROP_TRASHED)

const char *
feuillet_article_get_language (FeuilletArticle *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), NULL);
  return self->language;
}

void
feuillet_article_set_language (FeuilletArticle *self,
                               const char      *language)
{
  g_return_if_fail (FEUILLET_IS_ARTICLE (self));
  set_string (self, &self->language, language && *language ? language : "fr", PROP_LANGUAGE);
}

/**
 * feuillet_article_get_tags:
 *
 * Returns: (transfer none): the tags, normalized, in the order they were added
 */
const char * const *
feuillet_article_get_tags (FeuilletArticle *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), NULL);
  return (const char * const *)self->tags;
}

static GStrv
normalize_tags (const char * const *tags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *name = feuillet_tag_normalize (tags[i]);
      g_autofree char *key = feuillet_tag_key (tags[i]);

      if (name == NULL || !g_hash_table_add (seen, g_steal_pointer (&key)))
        continue;
      g_strv_builder_take (builder, g_steal_pointer (&name));
    }

  return g_strv_builder_end (builder);
}

/**
 * feuillet_article_set_tags:
 *
 * Sets the tags; each is normalized and a tag repeated under another case or Unicode
 * form is kept once, as first written.
 */
void
feuillet_article_set_tags (FeuilletArticle    *self,
                           const char * const *tags)
{
  g_auto(GStrv) normalized = NULL;

  g_return_if_fail (FEUILLET_IS_ARTICLE (self));

  normalized = normalize_tags (tags);
  if (g_strv_equal ((const char * const *)normalized, (const char * const *)self->tags))
    return;

  g_strfreev (self->tags);
  self->tags = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

static int
find_tag (FeuilletArticle *self,
          const char      *tag)
{
  g_autofree char *key = feuillet_tag_key (tag);

  if (key == NULL)
    return -1;

  for (guint i = 0; self->tags[i] != NULL; i++)
    {
      g_autofree char *other = feuillet_tag_key (self->tags[i]);

      if (g_strcmp0 (key, other) == 0)
        return i;
    }

  return -1;
}

/**
 * feuillet_article_add_tag:
 *
 * Returns: %TRUE if the tag was not there yet
 */
gboolean
feuillet_article_add_tag (FeuilletArticle *self,
                          const char      *tag)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) tags = NULL;

  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  if (find_tag (self, tag) >= 0)
    return FALSE;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **)self->tags);
  g_strv_builder_add (builder, tag);
  tags = g_strv_builder_end (builder);
  feuillet_article_set_tags (self, (const char * const *)tags);

  return TRUE;
}

/**
 * feuillet_article_remove_tag:
 *
 * Returns: %TRUE if the tag was there
 */
gboolean
feuillet_article_remove_tag (FeuilletArticle *self,
                             const char      *tag)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) tags = NULL;
  int position;

  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  position = find_tag (self, tag);
  if (position < 0)
    return FALSE;

  builder = g_strv_builder_new ();
  for (int i = 0; self->tags[i] != NULL; i++)
    if (i != position)
      g_strv_builder_add (builder, self->tags[i]);
  tags = g_strv_builder_end (builder);
  feuillet_article_set_tags (self, (const char * const *)tags);

  return TRUE;
}

FeuilletArticleStatus
feuillet_article_get_status (FeuilletArticle *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), FEUILLET_ARTICLE_STATUS_DRAFT);
  return self->status;
}

void
feuillet_article_set_status (FeuilletArticle       *self,
                             FeuilletArticleStatus  status)
{
  g_return_if_fail (FEUILLET_IS_ARTICLE (self));
  g_return_if_fail (status <= FEUILLET_ARTICLE_STATUS_PUBLISHED);

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

guint
feuillet_article_get_target (FeuilletArticle *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), 0);
  return self->target;
}

void
feuillet_article_set_target (FeuilletArticle *self,
                             guint            target)
{
  g_return_if_fail (FEUILLET_IS_ARTICLE (self));

  if (self->target == target)
    return;
  self->target = target;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

gboolean
feuillet_article_get_typography (FeuilletArticle *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), TRUE);
  return self->typography;
}

void
feuillet_article_set_typography (FeuilletArticle *self,
                                 gboolean         typography)
{
  g_return_if_fail (FEUILLET_IS_ARTICLE (self));

  typography = !!typography;
  if (self->typography == typography)
    return;
  self->typography = typography;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPOGRAPHY]);
}

gint64
feuillet_article_get_remote_id (FeuilletArticle *self)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), 0);
  return self->remote_id;
}

void
feuillet_article_set_remote_id (FeuilletArticle *self,
                                gint64           remote_id)
{
  g_return_if_fail (FEUILLET_IS_ARTICLE (self));

  if (self->remote_id == remote_id)
    return;
  self->remote_id = remote_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ID]);
}

/* A language tag: a primary subtag of 2–3 letters, then subtags of 1–8 letters or digits. */
static gboolean
language_is_valid (const char *language)
{
  g_auto(GStrv) parts = g_strsplit_set (language, "-_", -1);
  gsize primary_len = strlen (parts[0]);

  if (primary_len < 2 || primary_len > 3)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize len = strlen (parts[i]);

      if (len == 0 || len > 8)
        return FALSE;
      for (gsize j = 0; j < len; j++)
        if (!g_ascii_isalnum (parts[i][j]) || (i == 0 && !g_ascii_isalpha (parts[i][j])))
          return FALSE;
    }

  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * feuillet_article_validate:
 *
 * Checks what a journalist's input must be before it is saved from a command or a file:
 * a title or a body, a well-formed language tag.
 */
gboolean
feuillet_article_validate (FeuilletArticle  *self,
                           GError          **error)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (self), FALSE);

  if (is_blank (self->title) && is_blank (self->body))
    {
      g_set_error_literal (error, FEUILLET_ARTICLE_ERROR, FEUILLET_ARTICLE_ERROR_EMPTY,
                           _("The article has neither a title nor a body"));
      return FALSE;
    }

  if (!language_is_valid (self->language))
    {
      g_set_error (error, FEUILLET_ARTICLE_ERROR, FEUILLET_ARTICLE_ERROR_INVALID,
                   _("“%s” is not a language tag (such as “fr” or “en-GB”)"), self->language);
      return FALSE;
    }

  return TRUE;
}
