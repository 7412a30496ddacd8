/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "feuillet-sqlite.h"
#include "feuillet-store.h"

G_BEGIN_DECLS

/* The schema this build writes; PRAGMA user_version of the library. */
#define FEUILLET_STORE_SCHEMA_VERSION 6
/* PRAGMA application_id: "FEUI", so that a Feuillet library can be told from other SQLite files. */
#define FEUILLET_STORE_APPLICATION_ID 0x46455549

/* How long saves made while typing update the same revision. */
#define FEUILLET_STORE_REVISION_SPAN (5 * G_TIME_SPAN_MINUTE)

/*
 * SQL run on the database thread, inside a transaction that commits when it returns TRUE
 * and rolls back when it returns FALSE with @error set. What it leaves in @result is what
 * feuillet_store_run_sql_finish() gives back. The store's newer parts (media, terms) call
 * their SQL this way instead of adding a job to feuillet-store.c each.
 */
typedef gboolean (*FeuilletStoreSqlFunc) (FeuilletSqlite  *db,
                                          gpointer         data,
                                          gpointer        *result,
                                          GError         **error);

void              feuillet_store_run_sql_async   (FeuilletStore           *self,
                                                  gpointer                 source_tag,
                                                  FeuilletStoreSqlFunc     func,
                                                  gpointer                 data,
                                                  GDestroyNotify           data_free,
                                                  GDestroyNotify           result_free,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
gpointer          feuillet_store_run_sql_finish  (FeuilletStore           *self,
                                                  GAsyncResult            *result,
                                                  gpointer                 source_tag,
                                                  GError                 **error);

/* feuillet-store-schema.c */
gboolean          feuillet_store_schema_migrate  (FeuilletSqlite          *db,
                                                  GError                 **error);
gboolean          feuillet_store_schema_too_new  (FeuilletSqlite          *db,
                                                  gint64                   version,
                                                  GError                 **error);

/* feuillet-store-sql.c and feuillet-store-search.c: the statements, run on the database thread only. */
FeuilletSqlite   *feuillet_store_sql_open        (const char              *path,
                                                  GError                 **error);
FeuilletArticle  *feuillet_store_sql_load        (FeuilletSqlite          *db,
                                                  gint64                   id,
                                                  GError                 **error);
gboolean          feuillet_store_sql_insert      (FeuilletSqlite          *db,
                                                  FeuilletArticle         *article,
                                                  FeuilletRevisionReason   reason,
                                                  GError                 **error);
gboolean          feuillet_store_sql_update      (FeuilletSqlite          *db,
                                                  FeuilletArticle         *article,
                                                  gboolean                 is_restore,
                                                  gboolean                 keep_remote,
                                                  GError                 **error);
char             *feuillet_store_sql_list_statement (const FeuilletQuery  *query);
GPtrArray        *feuillet_store_sql_list        (FeuilletSqlite          *db,
                                                  const FeuilletQuery     *query,
                                                  GError                 **error);
gboolean          feuillet_store_sql_count       (FeuilletSqlite          *db,
                                                  const FeuilletQuery     *query,
                                                  guint                   *count,
                                                  GError                 **error);
GStrv             feuillet_store_sql_list_tags   (FeuilletSqlite          *db,
                                                  GError                 **error);
gboolean          feuillet_store_sql_index_is_behind (FeuilletSqlite      *db,
                                                      gboolean            *behind,
                                                      GError             **error);
gboolean          feuillet_store_sql_index_pending (FeuilletSqlite        *db,
                                                    guint                 *indexed,
                                                    GError               **error);
gboolean          feuillet_store_sql_trash       (FeuilletSqlite          *db,
                                                  gint64                   id,
                                                  GError                 **error);
gboolean          feuillet_store_sql_untrash     (FeuilletSqlite          *db,
                                                  gint64                   id,
                                                  GError                 **error);
gboolean          feuillet_store_sql_purge       (FeuilletSqlite          *db,
                                                  gint64                   id,
                                                  GError                 **error);
GPtrArray        *feuillet_store_sql_revisions   (FeuilletSqlite          *db,
                                                  gint64                   id,
                                                  guint                    only_number,
                                                  GError                 **error);

/* feuillet-store-outbox.c: the outbox table, on the database thread only. */
GPtrArray        *feuillet_store_sql_list_outbox (FeuilletSqlite          *db,
                                                  gint64                   article_id,
                                                  GError                 **error);
gboolean          feuillet_store_sql_put_outbox  (FeuilletSqlite          *db,
                                                  const FeuilletOutboxEntry *entry,
                                                  GError                 **error);
gboolean          feuillet_store_sql_remove_outbox (FeuilletSqlite        *db,
                                                    gint64                 article_id,
                                                    GError               **error);

/* feuillet-store-sites.c: the sites table, on the database thread only. */
GPtrArray        *feuillet_store_sql_list_sites  (FeuilletSqlite          *db,
                                                  GError                 **error);
gboolean          feuillet_store_sql_add_site    (FeuilletSqlite          *db,
                                                  FeuilletSite            *site,
                                                  GError                 **error);
gboolean          feuillet_store_sql_rename_site (FeuilletSqlite          *db,
                                                  const char              *name,
                                                  const char              *new_name,
                                                  GError                 **error);
FeuilletSite     *feuillet_store_sql_remove_site (FeuilletSqlite          *db,
                                                  const char              *name,
                                                  GError                 **error);

/* Shared by feuillet-store-sql.c and feuillet-store-search.c. */
GDateTime        *feuillet_store_sql_date_time_from_column (sqlite3_stmt   *stmt,
                                                            int             column);
FeuilletArticleStatus feuillet_store_sql_status_from_column (sqlite3_stmt   *stmt,
                                                             int             column);
gboolean          feuillet_store_sql_index_article (FeuilletSqlite         *db,
                                                    gint64                  seq,
                                                    FeuilletArticle        *article,
                                                    const char             *visible_body,
                                                    GError                **error);
gboolean          feuillet_store_sql_unindex_article (FeuilletSqlite       *db,
                                                      gint64                seq,
                                                      GError              **error);

G_END_DECLS
