/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-store-outbox"

#include "config.h"

#include "feuillet-store-private.h"

/*
 * The outbox table, on the store's database thread: one row per article with a push that
 * has not been answered yet (feuillet-push.c says why). The job that calls these opens the
 * transaction.
 */

/**
 * feuillet_outbox_entry_free:
 */
void
feuillet_outbox_entry_free (FeuilletOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->site);
  g_free (entry->action);
  g_free (entry->status);
  g_clear_pointer (&entry->date, g_date_time_unref);
  g_free (entry->state);
  g_clear_pointer (&entry->sent, g_date_time_unref);
  g_free (entry->marker);
  g_free (entry->fingerprint);
  g_free (entry);
}

/**
 * feuillet_outbox_entry_copy:
 *
 * Returns: (transfer full): a copy of @entry
 */
FeuilletOutboxEntry *
feuillet_outbox_entry_copy (const FeuilletOutboxEntry *entry)
{
  FeuilletOutboxEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (FeuilletOutboxEntry, 1);
  copy->article_id = entry->article_id;
  copy->site = g_strdup (entry->site);
  copy->action = g_strdup (entry->action);
  copy->status = g_strdup (entry->status);
  copy->date = entry->date != NULL ? g_date_time_ref (entry->date) : NULL;
  copy->state = g_strdup (entry->state);
  copy->sent = entry->sent != NULL ? g_date_time_ref (entry->sent) : NULL;
  copy->attempts = entry->attempts;
  copy->marker = g_strdup (entry->marker);
  copy->fingerprint = g_strdup (entry->fingerprint);
  return copy;
}

#define OUTBOX_COLUMNS "article_id, site, action, status, date, state, sent, attempts, marker, fingerprint"

static FeuilletOutboxEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  FeuilletOutboxEntry *entry = g_new0 (FeuilletOutboxEntry, 1);

  entry->article_id = sqlite3_column_int64 (stmt, 0);
  entry->site = g_strdup (feuillet_sqlite_column_text (stmt, 1));
  entry->action = g_strdup (feuillet_sqlite_column_text (stmt, 2));
  entry->status = g_strdup (feuillet_sqlite_column_text (stmt, 3));
  entry->date = feuillet_store_sql_date_time_from_column (stmt, 4);
  entry->state = g_strdup (feuillet_sqlite_column_text (stmt, 5));
  entry->sent = feuillet_store_sql_date_time_from_column (stmt, 6);
  entry->attempts = (guint) sqlite3_column_int64 (stmt, 7);
  entry->marker = g_strdup (feuillet_sqlite_column_text (stmt, 8));
  entry->fingerprint = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  return entry;
}

/* Returns: (transfer full) (element-type FeuilletOutboxEntry): the rows, oldest first; only
 * those of article @article_id when it is not 0 */
GPtrArray *
feuillet_store_sql_list_outbox (FeuilletSqlite  *db,
                                gint64           article_id,
                                GError         **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_outbox_entry_free);
  sqlite3_stmt *stmt;
  gboolean has_row;

  stmt = feuillet_sqlite_prepare (db,
                                  "SELECT " OUTBOX_COLUMNS " FROM outbox "
                                  "WHERE :article_id = 0 OR article_id = :article_id ORDER BY rowid",
                                  error);
  if (stmt == NULL)
    return NULL;
  feuillet_sqlite_bind_int64 (stmt, ":article_id", article_id);

  for (;;)
    {
      if (!feuillet_sqlite_step (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (entries, entry_from_row (stmt));
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&entries);
}

static void
bind_optional_date (sqlite3_stmt *stmt,
                    const char   *name,
                    GDateTime    *value)
{
  if (value != NULL)
    feuillet_sqlite_bind_int64 (stmt, name, g_date_time_to_unix_usec (value));
  else
    feuillet_sqlite_bind_null (stmt, name);
}

/* Adds or replaces the row of @entry's article. The marker of an existing row is kept, and
 * its attempts are counted on; @entry's marker is used for a new row (a random one when
 * NULL). */
gboolean
feuillet_store_sql_put_outbox (FeuilletSqlite             *db,
                               const FeuilletOutboxEntry  *entry,
                               GError                    **error)
{
  g_autofree char *marker = entry->marker != NULL ? g_strdup (entry->marker) : g_uuid_string_random ();
  sqlite3_stmt *stmt;

  stmt = feuillet_sqlite_prepare (db,
                                  "INSERT INTO outbox (" OUTBOX_COLUMNS ") "
                                  "VALUES (:article_id, :site, :action, :status, :date, :state, :sent, "
                                  "        :attempts, :marker, :fingerprint) "
                                  "ON CONFLICT (article_id) DO UPDATE SET "
                                  "  site = excluded.site, action = excluded.action, status = excluded.status, "
                                  "  date = excluded.date, state = excluded.state, sent = excluded.sent, "
                                  "  attempts = outbox.attempts + excluded.attempts, "
                                  "  fingerprint = excluded.fingerprint",
                                  error);
  if (stmt == NULL)
    return FALSE;

  feuillet_sqlite_bind_int64 (stmt, ":article_id", entry->article_id);
  feuillet_sqlite_bind_text (stmt, ":site", entry->site);
  feuillet_sqlite_bind_text (stmt, ":action", entry->action);
  feuillet_sqlite_bind_text (stmt, ":status", entry->status);
  bind_optional_date (stmt, ":date", entry->date);
  feuillet_sqlite_bind_text (stmt, ":state", entry->state);
  bind_optional_date (stmt, ":sent", entry->sent);
  feuillet_sqlite_bind_int64 (stmt, ":attempts", entry->attempts);
  feuillet_sqlite_bind_text (stmt, ":marker", marker);
  if (entry->fingerprint != NULL)
    feuillet_sqlite_bind_text (stmt, ":fingerprint", entry->fingerprint);
  else
    feuillet_sqlite_bind_null (stmt, ":fingerprint");

  return feuillet_sqlite_step_done (db, stmt, error);
}

gboolean
feuillet_store_sql_remove_outbox (FeuilletSqlite  *db,
                                  gint64           article_id,
                                  GError         **error)
{
  sqlite3_stmt *stmt = feuillet_sqlite_prepare (db, "DELETE FROM outbox WHERE article_id = :article_id", error);

  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_int64 (stmt, ":article_id", article_id);
  return feuillet_sqlite_step_done (db, stmt, error);
}
