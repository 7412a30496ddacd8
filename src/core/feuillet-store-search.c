/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-store-search"

#include "config.h"

#include "feuillet-store-private.h"
#include "feuillet-tags.h"
#include "feuillet-text.h"

/*
 * The statements that list, search and count articles, and keep the full-text index up to
 * date with them; on the database thread, like those of feuillet-store-sql.c.
 */

#define SUMMARY_COLUMNS \
  "a.id, a.title, a.status, a.category, a.signes, a.words, a.updated, a.trashed, " \
  "(SELECT group_concat (t.name, char(31) ORDER BY at.position) " \
  "   FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id)"

static FeuilletArticleSummary *
summary_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) updated = feuillet_store_sql_date_time_from_column (stmt, 6);
  g_autoptr(GDateTime) trashed = feuillet_store_sql_date_time_from_column (stmt, 7);
  g_auto(GStrv) tags = NULL;
  const char *joined = (const char *)sqlite3_column_text (stmt, 8);

  tags = joined ? g_strsplit (joined, "\x1f", -1) : g_new0 (char *, 1);

  return feuillet_article_summary_new (sqlite3_column_int64 (stmt, 0),
                                       feuillet_sqlite_column_text (stmt, 1),
                                       feuillet_store_sql_status_from_column (stmt, 2),
                                       feuillet_sqlite_column_text (stmt, 3),
                                       (const char * const *)tags,
                                       sqlite3_column_int64 (stmt, 4),
                                       sqlite3_column_int64 (stmt, 5),
                                       updated,
                                       trashed);
}

static char *
filters_sql (const FeuilletQuery *query)
{
  GString *sql = g_string_new (NULL);

  if (query->has_status)
    g_string_append (sql, " AND a.status = :status");
  if (query->tag != NULL)
    g_string_append (sql, " AND a.id IN (SELECT at.article_id FROM article_tags at "
                          "JOIN tags t ON t.id = at.tag_id WHERE t.key = :tag)");

  return g_string_free (sql, FALSE);
}

/*
 * A search lists the articles whose title matches first, then the others, each group most
 * recently changed first. Both groups come from FTS5 in descending rowid (change_seq)
 * order, so each stops after one page instead of sorting every match.
 */
static char *
search_sql (const FeuilletQuery *query)
{
  g_autofree char *filters = filters_sql (query);

  return g_strdup_printf (
    "SELECT " SUMMARY_COLUMNS " FROM ("
    "  SELECT seq, min (grp) AS grp FROM ("
    "    SELECT * FROM (SELECT f.rowid AS seq, 0 AS grp FROM article_fts (:title_match) AS f"
    "                   CROSS JOIN articles a ON a.change_seq = f.rowid WHERE 1%s"
    "                   ORDER BY f.rowid DESC LIMIT :window)"
    "    UNION ALL"
    "    SELECT * FROM (SELECT f.rowid AS seq, 1 AS grp FROM article_fts (:match) AS f"
    "                   CROSS JOIN articles a ON a.change_seq = f.rowid WHERE 1%s"
    "                   ORDER BY f.rowid DESC LIMIT :window * 2)"
    "  ) GROUP BY seq"
    ") m JOIN articles a ON a.change_seq = m.seq "
    "ORDER BY m.grp, m.seq DESC LIMIT :limit OFFSET :offset",
    filters, filters);
}

static char *
list_sql (const FeuilletQuery *query)
{
  g_autofree char *filters = filters_sql (query);

  if (query->trash)
    return g_strdup_printf ("SELECT " SUMMARY_COLUMNS " FROM articles a "
                            "WHERE a.trashed IS NOT NULL%s ORDER BY a.trashed DESC "
                            "LIMIT :limit OFFSET :offset",
                            filters);

  return g_strdup_printf ("SELECT " SUMMARY_COLUMNS " FROM articles a "
                          "WHERE a.change_seq IS NOT NULL%s ORDER BY a.change_seq DESC "
                          "LIMIT :limit OFFSET :offset",
                          filters);
}

/**
 * feuillet_store_sql_list_statement:
 *
 * Returns: (transfer full): the SQL that lists or searches for @query; its parameters are
 *   :match and :title_match (FTS5 queries), :window, :status, :tag, :limit and :offset.
 *   The benchmark runs it in the sqlite3 shell to compare.
 */
char *
feuillet_store_sql_list_statement (const FeuilletQuery *query)
{
  if (query->text != NULL && !query->trash)
    return search_sql (query);
  return list_sql (query);
}

GPtrArray *
feuillet_store_sql_list (FeuilletSqlite       *db,
                         const FeuilletQuery  *query,
                         GError              **error)
{
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;
  gint64 limit = query->limit == 0 ? -1 : (gint64) query->limit;
  sqlite3_stmt *stmt;
  gboolean has_row;

  if (query->text != NULL && !query->trash)
    {
      match = feuillet_query_to_fts (query->text, query->prefix);
      if (match == NULL)
        return g_steal_pointer (&summaries);
    }
  sql = feuillet_store_sql_list_statement (query);

  stmt = feuillet_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    {
      g_autofree char *title_match = g_strdup_printf ("{title} : (%s)", match);

      feuillet_sqlite_bind_text (stmt, ":match", match);
      feuillet_sqlite_bind_text (stmt, ":title_match", title_match);
      feuillet_sqlite_bind_int64 (stmt, ":window", limit < 0 ? -1 : limit + query->offset);
    }
  if (query->has_status)
    feuillet_sqlite_bind_text (stmt, ":status", feuillet_article_status_to_string (query->status));
  if (query->tag != NULL)
    {
      g_autofree char *key = feuillet_tag_key (query->tag);

      feuillet_sqlite_bind_text (stmt, ":tag", key ? key : "");
    }
  feuillet_sqlite_bind_int64 (stmt, ":limit", limit);
  feuillet_sqlite_bind_int64 (stmt, ":offset", query->offset);

  for (;;)
    {
      if (!feuillet_sqlite_step (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (summaries, summary_from_row (stmt));
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&summaries);
}

/**
 * feuillet_store_sql_count:
 * @query: filters (status, tag, trash); no text
 *
 * How many articles a list without search shows, for a list that loads them page by page.
 */
gboolean
feuillet_store_sql_count (FeuilletSqlite       *db,
                          const FeuilletQuery  *query,
                          guint                *count,
                          GError              **error)
{
  g_autofree char *filters = filters_sql (query);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;

  sql = g_strdup_printf ("SELECT count (*) FROM articles a WHERE %s%s",
                         query->trash ? "a.trashed IS NOT NULL" : "a.change_seq IS NOT NULL", filters);
  stmt = feuillet_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  if (query->has_status)
    feuillet_sqlite_bind_text (stmt, ":status", feuillet_article_status_to_string (query->status));
  if (query->tag != NULL)
    {
      g_autofree char *key = feuillet_tag_key (query->tag);

      feuillet_sqlite_bind_text (stmt, ":tag", key ? key : "");
    }

  if (!feuillet_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  *count = has_row ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  return TRUE;
}

GStrv
feuillet_store_sql_list_tags (FeuilletSqlite  *db,
                              GError         **error)
{
  sqlite3_stmt *stmt;

  /* The tags in use, the most used first: what completion should offer. */
  stmt = feuillet_sqlite_prepare (db,
                                  "SELECT t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id "
                                  "GROUP BY t.id ORDER BY count (*) DESC, t.key",
                                  error);
  if (stmt == NULL)
    return NULL;

  return feuillet_sqlite_collect_text (db, stmt, error);
}

typedef struct
{
  gint64  id;
  gint64  fts_seq;
  gint64  change_seq;
  char   *title;
  char   *chapeau;
  char   *body;
} PendingRow;

static void
pending_row_clear (gpointer data)
{
  PendingRow *row = data;

  g_free (row->title);
  g_free (row->chapeau);
  g_free (row->body);
}

/**
 * feuillet_store_sql_index_pending:
 * @indexed: (out) (optional): how many articles were indexed
 *
 * Brings the full-text index up to date with the articles saved, trashed or restored since
 * it last was.
 */
/**
 * feuillet_store_sql_index_is_behind:
 * @behind: (out): whether some article is not indexed as it is now
 *
 * A cheap look, outside any transaction, so that a search need not take the write lock
 * when there is nothing to index.
 */
gboolean
feuillet_store_sql_index_is_behind (FeuilletSqlite  *db,
                                    gboolean        *behind,
                                    GError         **error)
{
  gint64 found;

  if (!feuillet_sqlite_query_int (db, "SELECT EXISTS (SELECT 1 FROM articles WHERE fts_seq IS NOT change_seq)",
                                  &found, error))
    return FALSE;

  *behind = found != 0;
  return TRUE;
}

gboolean
feuillet_store_sql_index_pending (FeuilletSqlite  *db,
                                  guint           *indexed,
                                  GError         **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (PendingRow));
  sqlite3_stmt *stmt;
  gboolean has_row;

  g_array_set_clear_func (rows, pending_row_clear);
  if (indexed != NULL)
    *indexed = 0;

  stmt = feuillet_sqlite_prepare (db,
                                  "SELECT id, fts_seq, change_seq, title, chapeau, body FROM articles "
                                  "WHERE fts_seq IS NOT change_seq",
                                  error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      PendingRow row;

      if (!feuillet_sqlite_step (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      row.id = sqlite3_column_int64 (stmt, 0);
      row.fts_seq = sqlite3_column_int64 (stmt, 1);
      row.change_seq = sqlite3_column_int64 (stmt, 2);
      row.title = g_strdup (feuillet_sqlite_column_text (stmt, 3));
      row.chapeau = g_strdup (feuillet_sqlite_column_text (stmt, 4));
      row.body = g_strdup (feuillet_sqlite_column_text (stmt, 5));
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < rows->len; i++)
    {
      PendingRow *row = &g_array_index (rows, PendingRow, i);

      if (row->fts_seq != 0 && !feuillet_store_sql_unindex_article (db, row->fts_seq, error))
        return FALSE;

      if (row->change_seq != 0)
        {
          g_autofree char *visible_body = feuillet_text_visible_markdown (row->body);
          g_autoptr(FeuilletArticle) article = g_object_new (FEUILLET_TYPE_ARTICLE,
                                                             "title", row->title,
                                                             "chapeau", row->chapeau,
                                                             NULL);

          if (!feuillet_store_sql_index_article (db, row->change_seq, article, visible_body, error))
            return FALSE;
        }

      stmt = feuillet_sqlite_prepare (db, "UPDATE articles SET fts_seq = change_seq WHERE id = :id", error);
      if (stmt == NULL)
        return FALSE;
      feuillet_sqlite_bind_int64 (stmt, ":id", row->id);
      if (!feuillet_sqlite_step_done (db, stmt, error))
        return FALSE;
    }

  if (indexed != NULL)
    *indexed = rows->len;
  return TRUE;
}
