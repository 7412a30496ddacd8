/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-sqlite"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "feuillet-error.h"
#include "feuillet-sqlite.h"

/* How long a write waits for another program (the window, feuillet-cli) to finish its own. */
#define BUSY_TIMEOUT_MS 10000

struct _FeuilletSqlite
{
  sqlite3    *handle;
  char       *path;
  /* SQL text → prepared statement */
  GHashTable *statements;
};

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

FeuilletSqlite *
feuillet_sqlite_open (const char  *path,
                      gboolean     create,
                      GError     **error)
{
  g_autoptr(FeuilletSqlite) self = g_new0 (FeuilletSqlite, 1);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (create)
    flags |= SQLITE_OPEN_CREATE;

  self->path = g_strdup (path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);

  rc = sqlite3_open_v2 (path, &self->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      feuillet_sqlite_set_error (self, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->handle, TRUE);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);

  return g_steal_pointer (&self);
}

void
feuillet_sqlite_close (FeuilletSqlite *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close (self->handle);
  g_free (self->path);
  g_free (self);
}

sqlite3 *
feuillet_sqlite_get_handle (FeuilletSqlite *self)
{
  return self->handle;
}

const char *
feuillet_sqlite_get_path (FeuilletSqlite *self)
{
  return self->path;
}

/**
 * feuillet_sqlite_set_error:
 *
 * Turns an SQLite return code into a message a journalist can act on.
 *
 * Returns: %FALSE, so that callers can `return feuillet_sqlite_set_error (…)`
 */
gboolean
feuillet_sqlite_set_error (FeuilletSqlite  *self,
                           int              rc,
                           GError         **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  const char *detail = self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is not a Feuillet library: it is not an SQLite database"), display);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_CORRUPT,
                   _("The library “%s” is damaged (truncated or overwritten); it was left as it is. "
                     "Restore it from a backup (%s)"), display, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_BUSY,
                   _("The library “%s” is busy in another program; try again"), display);
      break;
    case SQLITE_FULL:
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_FAILED,
                   _("Cannot write to the library “%s”: the disk is full"), display);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_FAILED,
                   _("Cannot write to the library “%s”: permission denied"), display);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_FAILED,
                   _("Cannot open the library “%s” (%s)"), display, detail);
      break;
    default:
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_FAILED,
                   _("The library “%s” could not be read or written (%s)"), display, detail);
      break;
    }

  return FALSE;
}

/**
 * feuillet_sqlite_prepare:
 *
 * Returns: (transfer none): the statement for @sql, reset and with no bindings
 */
sqlite3_stmt *
feuillet_sqlite_prepare (FeuilletSqlite  *self,
                         const char      *sql,
                         GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      feuillet_sqlite_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
feuillet_sqlite_exec (FeuilletSqlite  *self,
                      const char      *sql,
                      GError         **error)
{
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return feuillet_sqlite_set_error (self, rc, error);

  return TRUE;
}

/**
 * feuillet_sqlite_step:
 * @has_row: (out): whether a row is ready to read
 */
gboolean
feuillet_sqlite_step (FeuilletSqlite  *self,
                      sqlite3_stmt    *stmt,
                      gboolean        *has_row,
                      GError         **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;

  sqlite3_reset (stmt);
  return feuillet_sqlite_set_error (self, rc, error);
}

gboolean
feuillet_sqlite_step_done (FeuilletSqlite  *self,
                           sqlite3_stmt    *stmt,
                           GError         **error)
{
  gboolean has_row;

  if (!feuillet_sqlite_step (self, stmt, &has_row, error))
    return FALSE;
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * feuillet_sqlite_collect_text:
 * @stmt: a statement, bound, whose first column is text
 *
 * Returns: (transfer full) (nullable): the first column of every row, %NULL on error
 */
GStrv
feuillet_sqlite_collect_text (FeuilletSqlite  *self,
                              sqlite3_stmt    *stmt,
                              GError         **error)
{
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  gboolean has_row;

  for (;;)
    {
      if (!feuillet_sqlite_step (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_strv_builder_add (values, feuillet_sqlite_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);

  return g_strv_builder_end (values);
}

gboolean
feuillet_sqlite_query_int (FeuilletSqlite  *self,
                           const char      *sql,
                           gint64          *value,
                           GError         **error)
{
  sqlite3_stmt *stmt = feuillet_sqlite_prepare (self, sql, error);
  gboolean has_row;

  if (stmt == NULL || !feuillet_sqlite_step (self, stmt, &has_row, error))
    return FALSE;

  *value = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  return TRUE;
}

/* IMMEDIATE takes the write lock up front: a reader that later wants to write would
 * otherwise get SQLITE_BUSY at once, without the busy timeout, when another program
 * writes at the same time. */
gboolean
feuillet_sqlite_begin (FeuilletSqlite  *self,
                       GError         **error)
{
  return feuillet_sqlite_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
feuillet_sqlite_commit (FeuilletSqlite  *self,
                        GError         **error)
{
  if (!feuillet_sqlite_exec (self, "COMMIT", error))
    {
      feuillet_sqlite_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
feuillet_sqlite_rollback (FeuilletSqlite *self)
{
  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

static int
parameter_index (sqlite3_stmt *stmt,
                 const char   *name)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  /* A name the statement does not have is a programming error. */
  g_assert (index > 0);
  return index;
}

void
feuillet_sqlite_bind_text (sqlite3_stmt *stmt,
                           const char   *name,
                           const char   *value)
{
  int index = parameter_index (stmt, name);

  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

void
feuillet_sqlite_bind_int64 (sqlite3_stmt *stmt,
                            const char   *name,
                            gint64        value)
{
  sqlite3_bind_int64 (stmt, parameter_index (stmt, name), value);
}

void
feuillet_sqlite_bind_null (sqlite3_stmt *stmt,
                           const char   *name)
{
  sqlite3_bind_null (stmt, parameter_index (stmt, name));
}

/* Never NULL: an SQL NULL reads as "". */
const char *
feuillet_sqlite_column_text (sqlite3_stmt *stmt,
                             int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? text : "";
}
