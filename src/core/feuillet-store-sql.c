/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-store-sql"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "feuillet-error.h"
#include "feuillet-store-private.h"
#include "feuillet-tags.h"
#include "feuillet-text.h"

/*
 * Every statement the store runs, on its database thread. The functions here do not open
 * transactions: the job that calls them does, around everything one user action writes.
 */

#define ARTICLE_COLUMNS \
  "a.id, a.uuid, a.title, a.chapeau, a.body, a.category, a.byline, a.status, a.slug, " \
  "a.language, a.target, a.featured_image, a.schedule_date, a.created, a.updated, a.trashed, " \
  "a.remote_site, a.remote_id, a.remote_link, a.remote_status, a.remote_modified, a.remote_base, " \
  "a.typography"


GDateTime *
feuillet_store_sql_date_time_from_column (sqlite3_stmt *stmt,
                                          int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_date_time_new_from_unix_utc_usec (sqlite3_column_int64 (stmt, column));
}

static void
bind_date_time (sqlite3_stmt *stmt,
                const char   *name,
                GDateTime    *value)
{
  if (value == NULL)
    feuillet_sqlite_bind_null (stmt, name);
  else
    feuillet_sqlite_bind_int64 (stmt, name, g_date_time_to_unix_usec (value));
}

static void
bind_optional_int64 (sqlite3_stmt *stmt,
                     const char   *name,
                     gint64        value)
{
  if (value == 0)
    feuillet_sqlite_bind_null (stmt, name);
  else
    feuillet_sqlite_bind_int64 (stmt, name, value);
}

FeuilletArticleStatus
feuillet_store_sql_status_from_column (sqlite3_stmt *stmt,
                                       int           column)
{
  FeuilletArticleStatus status = FEUILLET_ARTICLE_STATUS_DRAFT;

  /* The schema's CHECK constraint keeps anything else out. */
  feuillet_article_status_from_string (feuillet_sqlite_column_text (stmt, column), &status);
  return status;
}

static gboolean
not_found (gint64   id,
           GError **error)
{
  g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_FOUND,
               _("There is no article %lld in the library"), (long long) id);
  return FALSE;
}

/* Creates a new library under a temporary name and moves it into place once complete, so
 * that a library file either does not exist or holds the whole schema. */
static gboolean
create_library (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *temp_path = g_strdup_printf ("%s.new-%08x", path, g_random_int ());
  g_autoptr(FeuilletSqlite) db = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  db = feuillet_sqlite_open (temp_path, TRUE, error);
  if (db == NULL || !feuillet_store_schema_migrate (db, error))
    {
      g_clear_pointer (&db, feuillet_sqlite_close);
      g_unlink (temp_path);
      return FALSE;
    }
  g_clear_pointer (&db, feuillet_sqlite_close);

  /* link() fails if another program created the library meanwhile: theirs is kept. */
  if (link (temp_path, path) != 0 && errno != EEXIST)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (temp_path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create the library “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  g_unlink (temp_path);

  return TRUE;
}

/**
 * feuillet_store_sql_open:
 *
 * Opens the library at @path, creating it when there is no file there. An existing file is
 * never overwritten or repaired: one that is not a Feuillet library, is damaged, or comes
 * from a newer Feuillet is refused with a message that says so.
 */
FeuilletSqlite *
feuillet_store_sql_open (const char  *path,
                         GError     **error)
{
  g_autoptr(FeuilletSqlite) db = NULL;
  g_autofree char *display = g_filename_display_name (path);
  GStatBuf info;
  gint64 application_id;
  gint64 version;

  if (g_stat (path, &info) != 0)
    {
      if (errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Cannot open the library “%s”: %s"), display, g_strerror (saved_errno));
          return NULL;
        }
      if (!create_library (path, error))
        return NULL;
    }
  else if (!S_ISREG (info.st_mode))
    {
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is not a Feuillet library: it is not a file"), display);
      return NULL;
    }
  else if (info.st_size == 0)
    {
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_CORRUPT,
                   _("The library “%s” is empty (0 bytes): it was truncated. It was left as it is; "
                     "restore it from a backup"), display);
      return NULL;
    }

  db = feuillet_sqlite_open (path, FALSE, error);
  if (db == NULL)
    return NULL;

  /* The first read checks the header: SQLite refuses a file that is not a database and one
   * shorter than its header says (truncated). Nothing is written before these checks. */
  if (!feuillet_sqlite_query_int (db, "PRAGMA application_id", &application_id, error) ||
      !feuillet_sqlite_query_int (db, "PRAGMA user_version", &version, error))
    return NULL;

  if (application_id != FEUILLET_STORE_APPLICATION_ID)
    {
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is an SQLite database but not a Feuillet library; it was left as it is"),
                   display);
      return NULL;
    }

  /* Before anything is written, even the journal mode. */
  if (version > FEUILLET_STORE_SCHEMA_VERSION)
    {
      feuillet_store_schema_too_new (db, version, error);
      return NULL;
    }

  if (!feuillet_sqlite_exec (db,
                             "PRAGMA journal_mode = WAL;"
                             /* Commits reach the disk before a save is acknowledged. */
                             "PRAGMA synchronous = FULL;"
                             "PRAGMA foreign_keys = ON;",
                             error))
    return NULL;

  if (!feuillet_store_schema_migrate (db, error))
    return NULL;

  return g_steal_pointer (&db);
}

static GStrv
read_tags (FeuilletSqlite  *db,
           gint64           id,
           GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = feuillet_sqlite_prepare (db,
                                  "SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id "
                                  "WHERE at.article_id = :id ORDER BY at.position",
                                  error);
  if (stmt == NULL)
    return NULL;

  feuillet_sqlite_bind_int64 (stmt, ":id", id);
  return feuillet_sqlite_collect_text (db, stmt, error);
}

FeuilletArticle *
feuillet_store_sql_load (FeuilletSqlite  *db,
                         gint64           id,
                         GError         **error)
{
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GDateTime) schedule_date = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(GDateTime) trashed = NULL;
  g_auto(GStrv) tags = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;

  stmt = feuillet_sqlite_prepare (db, "SELECT " ARTICLE_COLUMNS " FROM articles a WHERE a.id = :id", error);
  if (stmt == NULL)
    return NULL;

  feuillet_sqlite_bind_int64 (stmt, ":id", id);
  if (!feuillet_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      not_found (id, error);
      return NULL;
    }

  schedule_date = feuillet_store_sql_date_time_from_column (stmt, 12);
  created = feuillet_store_sql_date_time_from_column (stmt, 13);
  updated = feuillet_store_sql_date_time_from_column (stmt, 14);
  trashed = feuillet_store_sql_date_time_from_column (stmt, 15);

  article = g_object_new (FEUILLET_TYPE_ARTICLE,
                          "id", sqlite3_column_int64 (stmt, 0),
                          "uuid", feuillet_sqlite_column_text (stmt, 1),
                          "title", feuillet_sqlite_column_text (stmt, 2),
                          "chapeau", feuillet_sqlite_column_text (stmt, 3),
                          "body", feuillet_sqlite_column_text (stmt, 4),
                          "category", feuillet_sqlite_column_text (stmt, 5),
                          "byline", feuillet_sqlite_column_text (stmt, 6),
                          "status", feuillet_store_sql_status_from_column (stmt, 7),
                          "slug", feuillet_sqlite_column_text (stmt, 8),
                          "language", feuillet_sqlite_column_text (stmt, 9),
                          "target", (guint) sqlite3_column_int64 (stmt, 10),
                          "featured-image", sqlite3_column_text (stmt, 11),
                          "schedule-date", schedule_date,
                          "created", created,
                          "updated", updated,
                          "trashed", trashed,
                          "remote-site", sqlite3_column_text (stmt, 16),
                          "remote-id", sqlite3_column_int64 (stmt, 17),
                          "remote-link", sqlite3_column_text (stmt, 18),
                          "remote-status", sqlite3_column_text (stmt, 19),
                          "remote-modified", sqlite3_column_text (stmt, 20),
                          "remote-base", sqlite3_column_text (stmt, 21),
                          "typography", sqlite3_column_int64 (stmt, 22) != 0,
                          NULL);
  sqlite3_reset (stmt);

  tags = read_tags (db, id, error);
  if (tags == NULL)
    return NULL;
  feuillet_article_set_tags (article, (const char * const *)tags);

  return g_steal_pointer (&article);
}

static gboolean
next_change_seq (FeuilletSqlite  *db,
                 gint64          *seq,
                 GError         **error)
{
  if (!feuillet_sqlite_query_int (db, "SELECT coalesce (max (change_seq), 0) + 1 FROM articles", seq, error))
    return FALSE;
  return TRUE;
}

gboolean
feuillet_store_sql_index_article (FeuilletSqlite   *db,
                                  gint64            seq,
                                  FeuilletArticle  *article,
                                  const char       *visible_body,
                                  GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = feuillet_sqlite_prepare (db,
                                  "INSERT INTO article_fts (rowid, title, chapeau, body) "
                                  "VALUES (:seq, :title, :chapeau, :body)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  feuillet_sqlite_bind_int64 (stmt, ":seq", seq);
  feuillet_sqlite_bind_text (stmt, ":title", feuillet_article_get_title (article));
  feuillet_sqlite_bind_text (stmt, ":chapeau", feuillet_article_get_chapeau (article));
  feuillet_sqlite_bind_text (stmt, ":body", visible_body);

  return feuillet_sqlite_step_done (db, stmt, error);
}

gboolean
feuillet_store_sql_unindex_article (FeuilletSqlite  *db,
                                    gint64           seq,
                                    GError         **error)
{
  sqlite3_stmt *stmt = feuillet_sqlite_prepare (db, "DELETE FROM article_fts WHERE rowid = :seq", error);

  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_int64 (stmt, ":seq", seq);
  return feuillet_sqlite_step_done (db, stmt, error);
}

static gboolean
write_tags (FeuilletSqlite   *db,
            FeuilletArticle  *article,
            GError          **error)
{
  const char * const *tags = feuillet_article_get_tags (article);
  gint64 id = feuillet_article_get_id (article);
  sqlite3_stmt *clear;
  sqlite3_stmt *add_tag;
  sqlite3_stmt *link_tag;

  clear = feuillet_sqlite_prepare (db, "DELETE FROM article_tags WHERE article_id = :id", error);
  if (clear == NULL)
    return FALSE;
  feuillet_sqlite_bind_int64 (clear, ":id", id);
  if (!feuillet_sqlite_step_done (db, clear, error))
    return FALSE;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *key = feuillet_tag_key (tags[i]);

      /* The first spelling of a tag names it; later spellings find it by its key. */
      add_tag = feuillet_sqlite_prepare (db,
                                         "INSERT INTO tags (name, key) VALUES (:name, :key) "
                                         "ON CONFLICT (key) DO NOTHING",
                                         error);
      if (add_tag == NULL)
        return FALSE;
      feuillet_sqlite_bind_text (add_tag, ":name", tags[i]);
      feuillet_sqlite_bind_text (add_tag, ":key", key);
      if (!feuillet_sqlite_step_done (db, add_tag, error))
        return FALSE;

      link_tag = feuillet_sqlite_prepare (db,
                                          "INSERT OR IGNORE INTO article_tags (article_id, tag_id, position) "
                                          "SELECT :id, id, :position FROM tags WHERE key = :key",
                                          error);
      if (link_tag == NULL)
        return FALSE;
      feuillet_sqlite_bind_int64 (link_tag, ":id", id);
      feuillet_sqlite_bind_int64 (link_tag, ":position", i);
      feuillet_sqlite_bind_text (link_tag, ":key", key);
      if (!feuillet_sqlite_step_done (db, link_tag, error))
        return FALSE;
    }

  return TRUE;
}

static void
bind_content (sqlite3_stmt    *stmt,
              FeuilletArticle *article)
{
  feuillet_sqlite_bind_text (stmt, ":title", feuillet_article_get_title (article));
  feuillet_sqlite_bind_text (stmt, ":chapeau", feuillet_article_get_chapeau (article));
  feuillet_sqlite_bind_text (stmt, ":body", feuillet_article_get_body (article));
  feuillet_sqlite_bind_text (stmt, ":category", feuillet_article_get_category (article));
  feuillet_sqlite_bind_text (stmt, ":byline", feuillet_article_get_byline (article));
  feuillet_sqlite_bind_text (stmt, ":status",
                             feuillet_article_status_to_string (feuillet_article_get_status (article)));
  feuillet_sqlite_bind_text (stmt, ":slug", feuillet_article_get_slug (article));
  feuillet_sqlite_bind_text (stmt, ":language", feuillet_article_get_language (article));
  feuillet_sqlite_bind_int64 (stmt, ":target", feuillet_article_get_target (article));
  feuillet_sqlite_bind_int64 (stmt, ":typography", feuillet_article_get_typography (article));
  feuillet_sqlite_bind_text (stmt, ":featured_image", feuillet_article_get_featured_image (article));
  bind_date_time (stmt, ":schedule_date", feuillet_article_get_schedule_date (article));
}

static void
bind_remote (sqlite3_stmt    *stmt,
             FeuilletArticle *article)
{
  feuillet_sqlite_bind_text (stmt, ":remote_site", feuillet_article_get_remote_site (article));
  bind_optional_int64 (stmt, ":remote_id", feuillet_article_get_remote_id (article));
  feuillet_sqlite_bind_text (stmt, ":remote_link", feuillet_article_get_remote_link (article));
  feuillet_sqlite_bind_text (stmt, ":remote_status", feuillet_article_get_remote_status (article));
  feuillet_sqlite_bind_text (stmt, ":remote_modified", feuillet_article_get_remote_modified (article));
  feuillet_sqlite_bind_text (stmt, ":remote_base", feuillet_article_get_remote_base (article));
}

static gboolean
insert_revision (FeuilletSqlite          *db,
                 FeuilletArticle         *article,
                 FeuilletRevisionReason   reason,
                 gint64                   now,
                 GError                 **error)
{
  g_autofree char *tags = g_strjoinv ("\n", (char **)feuillet_article_get_tags (article));
  sqlite3_stmt *stmt;

  stmt = feuillet_sqlite_prepare (db,
                                  "INSERT INTO revisions (article_id, number, reason, created, updated, "
                                  "  title, chapeau, body, category, tags, byline, status, slug, language, "
                                  "  target, typography, featured_image, schedule_date) "
                                  "VALUES (:id, (SELECT coalesce (max (number), 0) + 1 FROM revisions "
                                  "              WHERE article_id = :id), "
                                  "  :reason, :now, :now, :title, :chapeau, :body, :category, :tags, :byline, "
                                  "  :status, :slug, :language, :target, :typography, :featured_image, "
                                  "  :schedule_date)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  feuillet_sqlite_bind_int64 (stmt, ":id", feuillet_article_get_id (article));
  feuillet_sqlite_bind_text (stmt, ":reason", feuillet_revision_reason_to_string (reason));
  feuillet_sqlite_bind_int64 (stmt, ":now", now);
  feuillet_sqlite_bind_text (stmt, ":tags", tags);
  bind_content (stmt, article);

  return feuillet_sqlite_step_done (db, stmt, error);
}

static gboolean
coalesce_revision (FeuilletSqlite   *db,
                   FeuilletArticle  *article,
                   gint64            number,
                   gint64            now,
                   GError          **error)
{
  g_autofree char *tags = g_strjoinv ("\n", (char **)feuillet_article_get_tags (article));
  sqlite3_stmt *stmt;

  stmt = feuillet_sqlite_prepare (db,
                                  "UPDATE revisions SET updated = :now, title = :title, chapeau = :chapeau, "
                                  "  body = :body, category = :category, tags = :tags, byline = :byline, "
                                  "  status = :status, slug = :slug, language = :language, target = :target, "
                                  "  typography = :typography, featured_image = :featured_image, schedule_date = :schedule_date "
                                  "WHERE article_id = :id AND number = :number",
                                  error);
  if (stmt == NULL)
    return FALSE;

  feuillet_sqlite_bind_int64 (stmt, ":id", feuillet_article_get_id (article));
  feuillet_sqlite_bind_int64 (stmt, ":number", number);
  feuillet_sqlite_bind_int64 (stmt, ":now", now);
  feuillet_sqlite_bind_text (stmt, ":tags", tags);
  bind_content (stmt, article);

  return feuillet_sqlite_step_done (db, stmt, error);
}

/* Keeps the newest revision equal to the article; see feuillet-revision.c for the rules. */
static gboolean
record_revision (FeuilletSqlite   *db,
                 FeuilletArticle  *previous,
                 FeuilletArticle  *article,
                 gboolean          is_restore,
                 gint64            now,
                 GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 number = 0;
  gint64 started = 0;
  FeuilletRevisionReason reason = FEUILLET_REVISION_CREATED;

  if (is_restore)
    return insert_revision (db, article, FEUILLET_REVISION_RESTORE, now, error);
  if (feuillet_article_get_status (previous) != feuillet_article_get_status (article))
    return insert_revision (db, article, FEUILLET_REVISION_STATUS, now, error);

  stmt = feuillet_sqlite_prepare (db,
                                  "SELECT number, reason, created FROM revisions WHERE article_id = :id "
                                  "ORDER BY number DESC LIMIT 1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_int64 (stmt, ":id", feuillet_article_get_id (article));
  if (!feuillet_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      number = sqlite3_column_int64 (stmt, 0);
      feuillet_revision_reason_from_string (feuillet_sqlite_column_text (stmt, 1), &reason);
      started = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (has_row && reason == FEUILLET_REVISION_EDIT && now - started < FEUILLET_STORE_REVISION_SPAN)
    return coalesce_revision (db, article, number, now, error);

  return insert_revision (db, article, FEUILLET_REVISION_EDIT, now, error);
}

static gboolean
uuid_in_use (FeuilletSqlite  *db,
             const char      *uuid,
             gboolean        *in_use,
             GError         **error)
{
  sqlite3_stmt *stmt = feuillet_sqlite_prepare (db, "SELECT 1 FROM articles WHERE uuid = :uuid", error);

  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_text (stmt, ":uuid", uuid);
  if (!feuillet_sqlite_step (db, stmt, in_use, error))
    return FALSE;
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * feuillet_store_sql_insert:
 *
 * Adds @article to the library and gives it its id, dates and, when its own is taken, a
 * new uuid.
 */
gboolean
feuillet_store_sql_insert (FeuilletSqlite          *db,
                           FeuilletArticle         *article,
                           FeuilletRevisionReason   reason,
                           GError                 **error)
{
  g_autofree char *visible_body = feuillet_text_visible_markdown (feuillet_article_get_body (article));
  g_autoptr(GDateTime) now_date = NULL;
  gint64 now = g_get_real_time ();
  FeuilletCounts counts;
  sqlite3_stmt *stmt;
  gboolean in_use;
  gint64 seq;

  if (!uuid_in_use (db, feuillet_article_get_uuid (article), &in_use, error))
    return FALSE;
  if (in_use)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      feuillet_article_set_uuid (article, uuid);
    }

  if (!next_change_seq (db, &seq, error))
    return FALSE;

  feuillet_text_count_visible (feuillet_article_get_title (article), feuillet_article_get_chapeau (article),
                               visible_body, &counts);

  stmt = feuillet_sqlite_prepare (db,
                                  "INSERT INTO articles (uuid, title, chapeau, body, category, byline, status, "
                                  "  slug, language, target, typography, featured_image, schedule_date, created, updated, "
                                  "  change_seq, fts_seq, signes, words, remote_site, remote_id, remote_link, "
                                  "  remote_status, remote_modified, remote_base) "
                                  "VALUES (:uuid, :title, :chapeau, :body, :category, :byline, :status, :slug, "
                                  "  :language, :target, :typography, :featured_image, :schedule_date, :now, :now, :seq, :seq, "
                                  "  :signes, :words, :remote_site, :remote_id, :remote_link, :remote_status, "
                                  "  :remote_modified, :remote_base)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  feuillet_sqlite_bind_text (stmt, ":uuid", feuillet_article_get_uuid (article));
  bind_content (stmt, article);
  bind_remote (stmt, article);
  feuillet_sqlite_bind_int64 (stmt, ":now", now);
  feuillet_sqlite_bind_int64 (stmt, ":seq", seq);
  feuillet_sqlite_bind_int64 (stmt, ":signes", counts.signes);
  feuillet_sqlite_bind_int64 (stmt, ":words", counts.words);
  if (!feuillet_sqlite_step_done (db, stmt, error))
    return FALSE;

  feuillet_article_set_id (article, sqlite3_last_insert_rowid (feuillet_sqlite_get_handle (db)));
  now_date = g_date_time_new_from_unix_utc_usec (now);
  feuillet_article_set_created (article, now_date);
  feuillet_article_set_updated (article, now_date);
  feuillet_article_set_trashed (article, NULL);

  return feuillet_store_sql_index_article (db, seq, article, visible_body, error) &&
         write_tags (db, article, error) &&
         insert_revision (db, article, reason, now, error);
}

static gboolean
remote_equal (FeuilletArticle *a,
              FeuilletArticle *b)
{
  return g_strcmp0 (feuillet_article_get_remote_site (a), feuillet_article_get_remote_site (b)) == 0 &&
         feuillet_article_get_remote_id (a) == feuillet_article_get_remote_id (b) &&
         g_strcmp0 (feuillet_article_get_remote_link (a), feuillet_article_get_remote_link (b)) == 0 &&
         g_strcmp0 (feuillet_article_get_remote_status (a), feuillet_article_get_remote_status (b)) == 0 &&
         g_strcmp0 (feuillet_article_get_remote_modified (a), feuillet_article_get_remote_modified (b)) == 0 &&
         g_strcmp0 (feuillet_article_get_remote_base (a), feuillet_article_get_remote_base (b)) == 0;
}

static gboolean
update_remote (FeuilletSqlite   *db,
               FeuilletArticle  *article,
               GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = feuillet_sqlite_prepare (db,
                                  "UPDATE articles SET remote_site = :remote_site, remote_id = :remote_id, "
                                  "  remote_link = :remote_link, remote_status = :remote_status, "
                                  "  remote_modified = :remote_modified, remote_base = :remote_base "
                                  "WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return FALSE;

  feuillet_sqlite_bind_int64 (stmt, ":id", feuillet_article_get_id (article));
  bind_remote (stmt, article);

  return feuillet_sqlite_step_done (db, stmt, error);
}

/**
 * feuillet_store_sql_update:
 * @article: the article as it should now be; its dates are set from the library
 * @keep_remote: whether the article's remote side (the post it is on a site) is the
 *   library's, whatever @article says: TRUE for a save of the window's copy, which may
 *   predate a push just recorded (by the window or by feuillet-cli); FALSE for an edit
 *   made on the library's own copy, such as recording a push
 *
 * Saves @article. A save that changes nothing writes nothing.
 *
 * Indexing a 10,000-word article for search takes longer than saving it, and autosave saves
 * every second while someone types: the index is brought up to date when the library is
 * idle, and before any search (feuillet_store_sql_index_pending()).
 */
gboolean
feuillet_store_sql_update (FeuilletSqlite   *db,
                           FeuilletArticle  *article,
                           gboolean          is_restore,
                           gboolean          keep_remote,
                           GError          **error)
{
  g_autoptr(FeuilletArticle) previous = NULL;
  g_autofree char *visible_body = NULL;
  g_autoptr(GDateTime) now_date = NULL;
  gint64 id = feuillet_article_get_id (article);
  gint64 now = g_get_real_time ();
  FeuilletCounts counts;
  sqlite3_stmt *stmt;
  gint64 seq;

  previous = feuillet_store_sql_load (db, id, error);
  if (previous == NULL)
    return FALSE;

  if (feuillet_article_get_trashed (previous) != NULL)
    {
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_IN_TRASH,
                   _("Article %lld is in the trash; restore it before editing it"), (long long) id);
      return FALSE;
    }

  /* What the library decides is never taken from the caller. */
  feuillet_article_set_uuid (article, feuillet_article_get_uuid (previous));
  feuillet_article_set_created (article, feuillet_article_get_created (previous));
  feuillet_article_set_trashed (article, NULL);
  /* Losing a recorded push would make the next push create a second post. */
  if (keep_remote)
    {
      feuillet_article_set_remote_site (article, feuillet_article_get_remote_site (previous));
      feuillet_article_set_remote_id (article, feuillet_article_get_remote_id (previous));
      feuillet_article_set_remote_link (article, feuillet_article_get_remote_link (previous));
      feuillet_article_set_remote_status (article, feuillet_article_get_remote_status (previous));
      feuillet_article_set_remote_modified (article, feuillet_article_get_remote_modified (previous));
      feuillet_article_set_remote_base (article, feuillet_article_get_remote_base (previous));
    }

  if (feuillet_article_equal_content (previous, article))
    {
      feuillet_article_set_updated (article, feuillet_article_get_updated (previous));
      if (remote_equal (previous, article))
        return TRUE;
      return update_remote (db, article, error);
    }

  if (!next_change_seq (db, &seq, error))
    return FALSE;

  visible_body = feuillet_text_visible_markdown (feuillet_article_get_body (article));
  feuillet_text_count_visible (feuillet_article_get_title (article), feuillet_article_get_chapeau (article),
                               visible_body, &counts);

  stmt = feuillet_sqlite_prepare (db,
                                  "UPDATE articles SET title = :title, chapeau = :chapeau, body = :body, "
                                  "  category = :category, byline = :byline, status = :status, slug = :slug, "
                                  "  language = :language, target = :target, typography = :typography, "
                                  "  featured_image = :featured_image, "
                                  "  schedule_date = :schedule_date, updated = :now, change_seq = :seq, "
                                  "  signes = :signes, words = :words, remote_site = :remote_site, "
                                  "  remote_id = :remote_id, remote_link = :remote_link, "
                                  "  remote_status = :remote_status, remote_modified = :remote_modified, "
                                  "  remote_base = :remote_base "
                                  "WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return FALSE;

  feuillet_sqlite_bind_int64 (stmt, ":id", id);
  bind_content (stmt, article);
  bind_remote (stmt, article);
  feuillet_sqlite_bind_int64 (stmt, ":now", now);
  feuillet_sqlite_bind_int64 (stmt, ":seq", seq);
  feuillet_sqlite_bind_int64 (stmt, ":signes", counts.signes);
  feuillet_sqlite_bind_int64 (stmt, ":words", counts.words);
  if (!feuillet_sqlite_step_done (db, stmt, error))
    return FALSE;

  now_date = g_date_time_new_from_unix_utc_usec (now);
  feuillet_article_set_updated (article, now_date);

  /* The full-text index follows when the library is idle: feuillet_store_sql_index_pending(). */
  return write_tags (db, article, error) &&
         record_revision (db, previous, article, is_restore, now, error);
}









gboolean
feuillet_store_sql_trash (FeuilletSqlite  *db,
                          gint64           id,
                          GError         **error)
{
  g_autoptr(FeuilletArticle) article = feuillet_store_sql_load (db, id, error);
  sqlite3_stmt *stmt;

  if (article == NULL)
    return FALSE;
  if (feuillet_article_get_trashed (article) != NULL)
    return TRUE;

  /* Out of the list at once; out of the index with the next update of the index. */
  stmt = feuillet_sqlite_prepare (db,
                                  "UPDATE articles SET trashed = :now, change_seq = NULL WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_int64 (stmt, ":id", id);
  feuillet_sqlite_bind_int64 (stmt, ":now", g_get_real_time ());

  return feuillet_sqlite_step_done (db, stmt, error);
}

gboolean
feuillet_store_sql_untrash (FeuilletSqlite  *db,
                            gint64           id,
                            GError         **error)
{
  g_autoptr(FeuilletArticle) article = feuillet_store_sql_load (db, id, error);
  sqlite3_stmt *stmt;
  gint64 seq;

  if (article == NULL)
    return FALSE;
  if (feuillet_article_get_trashed (article) == NULL)
    return TRUE;

  if (!next_change_seq (db, &seq, error))
    return FALSE;

  stmt = feuillet_sqlite_prepare (db,
                                  "UPDATE articles SET trashed = NULL, change_seq = :seq, updated = :now "
                                  "WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_int64 (stmt, ":id", id);
  feuillet_sqlite_bind_int64 (stmt, ":seq", seq);
  feuillet_sqlite_bind_int64 (stmt, ":now", g_get_real_time ());
  return feuillet_sqlite_step_done (db, stmt, error);
}

gboolean
feuillet_store_sql_purge (FeuilletSqlite  *db,
                          gint64           id,
                          GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 seq;

  stmt = feuillet_sqlite_prepare (db, "SELECT fts_seq FROM articles WHERE id = :id", error);
  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_int64 (stmt, ":id", id);
  if (!feuillet_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  seq = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (!has_row)
    return not_found (id, error);

  if (seq != 0 && !feuillet_store_sql_unindex_article (db, seq, error))
    return FALSE;

  /* Tags and revisions go with it (ON DELETE CASCADE); tags no article uses any more too. */
  stmt = feuillet_sqlite_prepare (db, "DELETE FROM articles WHERE id = :id", error);
  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_int64 (stmt, ":id", id);
  if (!feuillet_sqlite_step_done (db, stmt, error))
    return FALSE;

  return feuillet_sqlite_exec (db,
                               "DELETE FROM tags WHERE NOT EXISTS "
                               "(SELECT 1 FROM article_tags at WHERE at.tag_id = tags.id)",
                               error);
}

static FeuilletRevision *
revision_from_row (sqlite3_stmt *stmt,
                   gint64        id)
{
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GDateTime) created = feuillet_store_sql_date_time_from_column (stmt, 2);
  g_autoptr(GDateTime) updated = feuillet_store_sql_date_time_from_column (stmt, 3);
  g_autoptr(GDateTime) schedule_date = feuillet_store_sql_date_time_from_column (stmt, 15);
  g_auto(GStrv) tags = NULL;
  FeuilletRevisionReason reason = FEUILLET_REVISION_EDIT;
  const char *joined = feuillet_sqlite_column_text (stmt, 8);

  feuillet_revision_reason_from_string (feuillet_sqlite_column_text (stmt, 1), &reason);
  tags = joined[0] ? g_strsplit (joined, "\n", -1) : g_new0 (char *, 1);

  article = g_object_new (FEUILLET_TYPE_ARTICLE,
                          "id", id,
                          "title", feuillet_sqlite_column_text (stmt, 4),
                          "chapeau", feuillet_sqlite_column_text (stmt, 5),
                          "body", feuillet_sqlite_column_text (stmt, 6),
                          "category", feuillet_sqlite_column_text (stmt, 7),
                          "tags", tags,
                          "byline", feuillet_sqlite_column_text (stmt, 9),
                          "status", feuillet_store_sql_status_from_column (stmt, 10),
                          "slug", feuillet_sqlite_column_text (stmt, 11),
                          "language", feuillet_sqlite_column_text (stmt, 12),
                          "target", (guint) sqlite3_column_int64 (stmt, 13),
                          "featured-image", sqlite3_column_text (stmt, 14),
                          "schedule-date", schedule_date,
                          "typography", sqlite3_column_int64 (stmt, 16) != 0,
                          NULL);

  return feuillet_revision_new (sqlite3_column_int64 (stmt, 0), reason, created, updated, article);
}

/**
 * feuillet_store_sql_revisions:
 * @only_number: a revision number, or 0 for all
 *
 * Returns: (transfer full): the article's revisions, oldest first
 */
GPtrArray *
feuillet_store_sql_revisions (FeuilletSqlite  *db,
                              gint64           id,
                              guint            only_number,
                              GError         **error)
{
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean has_row;

  stmt = feuillet_sqlite_prepare (db,
                                  "SELECT number, reason, created, updated, title, chapeau, body, category, "
                                  "  tags, byline, status, slug, language, target, featured_image, "
                                  "  schedule_date, typography "
                                  "FROM revisions WHERE article_id = :id AND (:number = 0 OR number = :number) "
                                  "ORDER BY number",
                                  error);
  if (stmt == NULL)
    return NULL;
  feuillet_sqlite_bind_int64 (stmt, ":id", id);
  feuillet_sqlite_bind_int64 (stmt, ":number", only_number);

  for (;;)
    {
      if (!feuillet_sqlite_step (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (revisions, revision_from_row (stmt, id));
    }
  sqlite3_reset (stmt);

  if (revisions->len == 0)
    {
      g_autoptr(FeuilletArticle) article = feuillet_store_sql_load (db, id, error);

      if (article == NULL)
        return NULL;
      if (only_number != 0)
        {
          g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_FOUND,
                       _("Article %lld has no revision %u"), (long long) id, only_number);
          return NULL;
        }
    }

  return g_steal_pointer (&revisions);
}




