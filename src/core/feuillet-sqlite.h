/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/*
 * One SQLite connection, used from one thread: the store's database thread. Statements are
 * prepared once and cached; every return code becomes a GError in FEUILLET_STORE_ERROR.
 */
typedef struct _FeuilletSqlite FeuilletSqlite;

FeuilletSqlite *feuillet_sqlite_open        (const char      *path,
                                             gboolean         create,
                                             GError         **error);
void            feuillet_sqlite_close       (FeuilletSqlite  *self);
sqlite3        *feuillet_sqlite_get_handle  (FeuilletSqlite  *self);
const char     *feuillet_sqlite_get_path    (FeuilletSqlite  *self);

gboolean        feuillet_sqlite_set_error   (FeuilletSqlite  *self,
                                             int              rc,
                                             GError         **error);
sqlite3_stmt   *feuillet_sqlite_prepare     (FeuilletSqlite  *self,
                                             const char      *sql,
                                             GError         **error);
gboolean        feuillet_sqlite_exec        (FeuilletSqlite  *self,
                                             const char      *sql,
                                             GError         **error);
gboolean        feuillet_sqlite_step        (FeuilletSqlite  *self,
                                             sqlite3_stmt    *stmt,
                                             gboolean        *has_row,
                                             GError         **error);
gboolean        feuillet_sqlite_step_done   (FeuilletSqlite  *self,
                                             sqlite3_stmt    *stmt,
                                             GError         **error);
GStrv           feuillet_sqlite_collect_text (FeuilletSqlite  *self,
                                              sqlite3_stmt    *stmt,
                                              GError         **error);
gboolean        feuillet_sqlite_query_int   (FeuilletSqlite  *self,
                                             const char      *sql,
                                             gint64          *value,
                                             GError         **error);

gboolean        feuillet_sqlite_begin       (FeuilletSqlite  *self,
                                             GError         **error);
gboolean        feuillet_sqlite_commit      (FeuilletSqlite  *self,
                                             GError         **error);
void            feuillet_sqlite_rollback    (FeuilletSqlite  *self);

void            feuillet_sqlite_bind_text   (sqlite3_stmt    *stmt,
                                             const char      *name,
                                             const char      *value);
void            feuillet_sqlite_bind_int64  (sqlite3_stmt    *stmt,
                                             const char      *name,
                                             gint64           value);
void            feuillet_sqlite_bind_null   (sqlite3_stmt    *stmt,
                                             const char      *name);
const char     *feuillet_sqlite_column_text (sqlite3_stmt    *stmt,
                                             int              column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletSqlite, feuillet_sqlite_close)

G_END_DECLS
