/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The local workflow, in order. */
typedef enum
{
  FEUILLET_ARTICLE_STATUS_IDEA,
  FEUILLET_ARTICLE_STATUS_DRAFT,
  FEUILLET_ARTICLE_STATUS_READY,
  FEUILLET_ARTICLE_STATUS_SUBMITTED,
  FEUILLET_ARTICLE_STATUS_SCHEDULED,
  FEUILLET_ARTICLE_STATUS_PUBLISHED,
} FeuilletArticleStatus;

#define FEUILLET_TYPE_ARTICLE_STATUS (feuillet_article_status_get_type ())
GType        feuillet_article_status_get_type    (void) G_GNUC_CONST;
const char  *feuillet_article_status_to_string   (FeuilletArticleStatus  status);
gboolean     feuillet_article_status_from_string (const char            *string,
                                                  FeuilletArticleStatus *status);
const char  *feuillet_article_status_get_label   (FeuilletArticleStatus  status);
char        *feuillet_article_status_choices     (void);

#define FEUILLET_TYPE_ARTICLE (feuillet_article_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletArticle, feuillet_article, FEUILLET, ARTICLE, GObject)

FeuilletArticle       *feuillet_article_new                (void);
FeuilletArticle       *feuillet_article_copy               (FeuilletArticle       *self);
gboolean               feuillet_article_equal_content      (FeuilletArticle       *self,
                                                            FeuilletArticle       *other);

gint64                 feuillet_article_get_id             (FeuilletArticle       *self);
void                   feuillet_article_set_id             (FeuilletArticle       *self,
                                                            gint64                 id);
const char            *feuillet_article_get_uuid           (FeuilletArticle       *self);
void                   feuillet_article_set_uuid           (FeuilletArticle       *self,
                                                            const char            *uuid);
const char            *feuillet_article_get_title          (FeuilletArticle       *self);
void                   feuillet_article_set_title          (FeuilletArticle       *self,
                                                            const char            *title);
const char            *feuillet_article_get_chapeau        (FeuilletArticle       *self);
void                   feuillet_article_set_chapeau        (FeuilletArticle       *self,
                                                            const char            *chapeau);
const char            *feuillet_article_get_body           (FeuilletArticle       *self);
void                   feuillet_article_set_body           (FeuilletArticle       *self,
                                                            const char            *body);
const char            *feuillet_article_get_category       (FeuilletArticle       *self);
void                   feuillet_article_set_category       (FeuilletArticle       *self,
                                                            const char            *category);
const char * const    *feuillet_article_get_tags           (FeuilletArticle       *self);
void                   feuillet_article_set_tags           (FeuilletArticle       *self,
                                                            const char * const    *tags);
gboolean               feuillet_article_add_tag            (FeuilletArticle       *self,
                                                            const char            *tag);
gboolean               feuillet_article_remove_tag         (FeuilletArticle       *self,
                                                            const char            *tag);
const char            *feuillet_article_get_byline         (FeuilletArticle       *self);
void                   feuillet_article_set_byline         (FeuilletArticle       *self,
                                                            const char            *byline);
FeuilletArticleStatus  feuillet_article_get_status         (FeuilletArticle       *self);
void                   feuillet_article_set_status         (FeuilletArticle       *self,
                                                            FeuilletArticleStatus  status);
const char            *feuillet_article_get_slug           (FeuilletArticle       *self);
void                   feuillet_article_set_slug           (FeuilletArticle       *self,
                                                            const char            *slug);
const char            *feuillet_article_get_language       (FeuilletArticle       *self);
void                   feuillet_article_set_language       (FeuilletArticle       *self,
                                                            const char            *language);
guint                  feuillet_article_get_target         (FeuilletArticle       *self);
void                   feuillet_article_set_target         (FeuilletArticle       *self,
                                                            guint                  target);
gboolean               feuillet_article_get_typography     (FeuilletArticle       *self);
void                   feuillet_article_set_typography     (FeuilletArticle       *self,
                                                            gboolean               typography);
const char            *feuillet_article_get_featured_image (FeuilletArticle       *self);
void                   feuillet_article_set_featured_image (FeuilletArticle       *self,
                                                            const char            *featured_image);
GDateTime             *feuillet_article_get_schedule_date  (FeuilletArticle       *self);
void                   feuillet_article_set_schedule_date  (FeuilletArticle       *self,
                                                            GDateTime             *schedule_date);
GDateTime             *feuillet_article_get_created        (FeuilletArticle       *self);
void                   feuillet_article_set_created        (FeuilletArticle       *self,
                                                            GDateTime             *created);
GDateTime             *feuillet_article_get_updated        (FeuilletArticle       *self);
void                   feuillet_article_set_updated        (FeuilletArticle       *self,
                                                            GDateTime             *updated);
GDateTime             *feuillet_article_get_trashed        (FeuilletArticle       *self);
void                   feuillet_article_set_trashed        (FeuilletArticle       *self,
                                                            GDateTime             *trashed);

/* The remote side: where the article was pushed and what the server last stored. */
const char            *feuillet_article_get_remote_site     (FeuilletArticle      *self);
void                   feuillet_article_set_remote_site     (FeuilletArticle      *self,
                                                             const char           *site);
gint64                 feuillet_article_get_remote_id       (FeuilletArticle      *self);
void                   feuillet_article_set_remote_id       (FeuilletArticle      *self,
                                                             gint64                remote_id);
const char            *feuillet_article_get_remote_link     (FeuilletArticle      *self);
void                   feuillet_article_set_remote_link     (FeuilletArticle      *self,
                                                             const char           *link);
const char            *feuillet_article_get_remote_status   (FeuilletArticle      *self);
void                   feuillet_article_set_remote_status   (FeuilletArticle      *self,
                                                             const char           *status);
const char            *feuillet_article_get_remote_modified (FeuilletArticle      *self);
void                   feuillet_article_set_remote_modified (FeuilletArticle      *self,
                                                             const char           *modified);
const char            *feuillet_article_get_remote_base     (FeuilletArticle      *self);
void                   feuillet_article_set_remote_base     (FeuilletArticle      *self,
                                                             const char           *base);

gboolean               feuillet_article_validate           (FeuilletArticle       *self,
                                                            GError               **error);

G_END_DECLS
