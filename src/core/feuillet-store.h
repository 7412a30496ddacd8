/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "feuillet-article.h"
#include "feuillet-article-summary.h"
#include "feuillet-query.h"
#include "feuillet-revision.h"
#include "feuillet-site.h"

G_BEGIN_DECLS

/*
 * A push not answered yet (feuillet-push.c): queued while the site cannot be reached, or
 * sent ("sending") and its answer not recorded.
 */
typedef struct
{
  gint64     article_id;
  char      *site;
  char      *action;       /* "create" or "update" */
  char      *status;       /* what the post is to become: draft, pending, publish, future */
  GDateTime *date;         /* the publication date asked for, or NULL */
  char      *state;        /* "queued" or "sending" */
  GDateTime *sent;         /* when it last went out, or NULL */
  guint      attempts;     /* added to the row's count when put */
  char      *marker;       /* unique to the row; NULL to put a new one */
  char      *fingerprint;  /* checksum of the title, excerpt and content sent, or NULL */
} FeuilletOutboxEntry;

FeuilletOutboxEntry *feuillet_outbox_entry_copy (const FeuilletOutboxEntry *entry);
void                 feuillet_outbox_entry_free (FeuilletOutboxEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletOutboxEntry, feuillet_outbox_entry_free)

/*
 * The library: one SQLite file, owned by one database thread. Every call is asynchronous
 * and its result comes back on the main context of the thread that made it.
 */
#define FEUILLET_TYPE_STORE (feuillet_store_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletStore, feuillet_store, FEUILLET, STORE, GObject)

char              *feuillet_store_default_path          (void);

FeuilletStore     *feuillet_store_new                   (const char           *path);
const char        *feuillet_store_get_path              (FeuilletStore        *self);

void               feuillet_store_open_async            (FeuilletStore        *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           feuillet_store_open_finish           (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void               feuillet_store_create_async          (FeuilletStore        *self,
                                                         FeuilletArticle      *article,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FeuilletArticle   *feuillet_store_create_finish         (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void               feuillet_store_import_async          (FeuilletStore        *self,
                                                         GPtrArray            *articles,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray         *feuillet_store_import_finish         (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void               feuillet_store_save_async            (FeuilletStore        *self,
                                                         FeuilletArticle      *article,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FeuilletArticle   *feuillet_store_save_finish           (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Runs on the store's database thread, inside the transaction that saves the result. */
typedef gboolean (*FeuilletArticleEditFunc) (FeuilletArticle  *article,
                                             gpointer          user_data,
                                             GError          **error);

void               feuillet_store_edit_async            (FeuilletStore           *self,
                                                         gint64                   id,
                                                         FeuilletArticleEditFunc  func,
                                                         gpointer                 func_data,
                                                         GDestroyNotify           func_data_free,
                                                         GCancellable            *cancellable,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
FeuilletArticle   *feuillet_store_edit_finish           (FeuilletStore           *self,
                                                         GAsyncResult            *result,
                                                         GError                 **error);

void               feuillet_store_load_async            (FeuilletStore        *self,
                                                         gint64                id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FeuilletArticle   *feuillet_store_load_finish           (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void               feuillet_store_list_async            (FeuilletStore        *self,
                                                         const FeuilletQuery  *query,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray         *feuillet_store_list_finish           (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void               feuillet_store_count_async           (FeuilletStore        *self,
                                                         const FeuilletQuery  *query,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           feuillet_store_count_finish          (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         guint                *count,
                                                         GError              **error);

void               feuillet_store_list_tags_async       (FeuilletStore        *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GStrv              feuillet_store_list_tags_finish      (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void               feuillet_store_trash_async           (FeuilletStore        *self,
                                                         gint64                id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           feuillet_store_trash_finish          (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void               feuillet_store_untrash_async         (FeuilletStore        *self,
                                                         gint64                id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           feuillet_store_untrash_finish        (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void               feuillet_store_purge_async           (FeuilletStore        *self,
                                                         gint64                id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           feuillet_store_purge_finish          (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void               feuillet_store_list_revisions_async  (FeuilletStore        *self,
                                                         gint64                id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray         *feuillet_store_list_revisions_finish (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void               feuillet_store_restore_async         (FeuilletStore        *self,
                                                         gint64                id,
                                                         guint                 revision,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FeuilletArticle   *feuillet_store_restore_finish        (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Sites: the WordPress sites the library publishes to (never their passwords). */
void               feuillet_store_list_sites_async      (FeuilletStore        *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray         *feuillet_store_list_sites_finish     (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void               feuillet_store_add_site_async        (FeuilletStore        *self,
                                                         const FeuilletSite   *site,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FeuilletSite      *feuillet_store_add_site_finish       (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void               feuillet_store_rename_site_async     (FeuilletStore        *self,
                                                         const char           *name,
                                                         const char           *new_name,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           feuillet_store_rename_site_finish    (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void               feuillet_store_remove_site_async     (FeuilletStore        *self,
                                                         const char           *name,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
FeuilletSite      *feuillet_store_remove_site_finish    (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void               feuillet_store_set_site_signature_async  (FeuilletStore       *self,
                                                             const char          *name,
                                                             gboolean             signature,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean           feuillet_store_set_site_signature_finish (FeuilletStore       *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* The outbox: @article_id 0 lists every row, oldest first. */
void               feuillet_store_list_outbox_async     (FeuilletStore              *self,
                                                         gint64                      article_id,
                                                         GCancellable               *cancellable,
                                                         GAsyncReadyCallback         callback,
                                                         gpointer                    user_data);
GPtrArray         *feuillet_store_list_outbox_finish    (FeuilletStore              *self,
                                                         GAsyncResult               *result,
                                                         GError                    **error);
void               feuillet_store_put_outbox_async      (FeuilletStore              *self,
                                                         const FeuilletOutboxEntry  *entry,
                                                         GCancellable               *cancellable,
                                                         GAsyncReadyCallback         callback,
                                                         gpointer                    user_data);
gboolean           feuillet_store_put_outbox_finish     (FeuilletStore              *self,
                                                         GAsyncResult               *result,
                                                         GError                    **error);
void               feuillet_store_remove_outbox_async   (FeuilletStore              *self,
                                                         gint64                      article_id,
                                                         GCancellable               *cancellable,
                                                         GAsyncReadyCallback         callback,
                                                         gpointer                    user_data);
gboolean           feuillet_store_remove_outbox_finish  (FeuilletStore              *self,
                                                         GAsyncResult               *result,
                                                         GError                    **error);

void               feuillet_store_close_async           (FeuilletStore        *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           feuillet_store_close_finish          (FeuilletStore        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
