/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-store-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "feuillet-error.h"
#include "feuillet-store-private.h"
#include "feuillet-text.h"

/*
 * Migrations, one a schema version: PRAGMA user_version says which the library has. Each
 * runs inside the transaction that sets the new version, so an interrupted upgrade leaves
 * the library as it was. A step is never edited once released: a library made by it must
 * upgrade the same way for ever (tests/data/library-v1.sql is one made by the first schema).
 */

typedef gboolean (*MigrationFunc) (FeuilletSqlite  *db,
                                   GError         **error);

/* Version 1, the first schema. Times are microseconds since 1970, UTC. */
static const char schema_v1[] =
  "CREATE TABLE articles ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  chapeau TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  category TEXT NOT NULL DEFAULT '',"
  "  byline TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'draft'"
  "    CHECK (status IN ('idea', 'draft', 'ready', 'submitted', 'scheduled', 'published')),"
  "  slug TEXT NOT NULL DEFAULT '',"
  "  language TEXT NOT NULL DEFAULT 'fr',"
  "  target INTEGER NOT NULL DEFAULT 0 CHECK (target >= 0),"
  "  featured_image TEXT,"
  "  schedule_date INTEGER,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  trashed INTEGER,"
  /* The order of the latest change, library-wide: also the article's rowid in article_fts,
   * whose rowid order is what makes "newest first" searches stop after one page. NULL for
   * an article in the trash, which search does not see. */
  "  change_seq INTEGER UNIQUE,"
  "  remote_site TEXT,"
  "  remote_id INTEGER,"
  "  remote_link TEXT,"
  "  remote_status TEXT,"
  "  remote_modified TEXT,"
  "  remote_base TEXT,"
  "  CHECK ((trashed IS NULL) = (change_seq IS NOT NULL))"
  ");"
  "CREATE INDEX articles_trashed ON articles (trashed) WHERE trashed IS NOT NULL;"
  "CREATE TABLE tags ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  key TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE article_tags ("
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (article_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_tags_by_tag ON article_tags (tag_id);"
  "CREATE TABLE revisions ("
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  number INTEGER NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  chapeau TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  category TEXT NOT NULL,"
  "  tags TEXT NOT NULL,"
  "  byline TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  slug TEXT NOT NULL,"
  "  language TEXT NOT NULL,"
  "  target INTEGER NOT NULL,"
  "  featured_image TEXT,"
  "  schedule_date INTEGER,"
  "  PRIMARY KEY (article_id, number)"
  ") WITHOUT ROWID;"
  /* Contentless: the copy lives in articles; contentless_delete lets a save replace a row
   * without reading back the old text. remove_diacritics 2: "cooperation" finds "coopération". */
  "CREATE VIRTUAL TABLE article_fts USING fts5 ("
  "  title, chapeau, body,"
  "  content = '', contentless_delete = 1,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");";

static gboolean
migrate_to_v1 (FeuilletSqlite  *db,
               GError         **error)
{
  return feuillet_sqlite_exec (db, schema_v1, error);
}

/* Version 2: signes and words kept with each article, so that a list of thousands shows
 * them without reading the copy; and the full-text index brought up to date when the
 * library is idle rather than at every keystroke save (fts_seq is the article's rowid in
 * article_fts, behind change_seq until then). */
static gboolean
migrate_to_v2 (FeuilletSqlite  *db,
               GError         **error)
{
  sqlite3_stmt *select;
  sqlite3_stmt *update;
  gboolean has_row;

  if (!feuillet_sqlite_exec (db,
                             "ALTER TABLE articles ADD COLUMN signes INTEGER NOT NULL DEFAULT 0;"
                             "ALTER TABLE articles ADD COLUMN words INTEGER NOT NULL DEFAULT 0;"
                             "ALTER TABLE articles ADD COLUMN fts_seq INTEGER;"
                             "UPDATE articles SET fts_seq = change_seq;"
                             "CREATE INDEX articles_unindexed ON articles (id) WHERE fts_seq IS NOT change_seq;",
                             error))
    return FALSE;

  select = feuillet_sqlite_prepare (db, "SELECT id, title, chapeau, body FROM articles", error);
  update = feuillet_sqlite_prepare (db, "UPDATE articles SET signes = :signes, words = :words WHERE id = :id", error);
  if (select == NULL || update == NULL)
    return FALSE;

  for (;;)
    {
      FeuilletCounts counts;

      if (!feuillet_sqlite_step (db, select, &has_row, error))
        return FALSE;
      if (!has_row)
        break;

      feuillet_text_count (feuillet_sqlite_column_text (select, 1),
                           feuillet_sqlite_column_text (select, 2),
                           feuillet_sqlite_column_text (select, 3),
                           &counts);
      sqlite3_reset (update);
      feuillet_sqlite_bind_int64 (update, ":signes", counts.signes);
      feuillet_sqlite_bind_int64 (update, ":words", counts.words);
      feuillet_sqlite_bind_int64 (update, ":id", sqlite3_column_int64 (select, 0));
      if (!feuillet_sqlite_step_done (db, update, error))
        {
          sqlite3_reset (select);
          return FALSE;
        }
    }
  sqlite3_reset (select);

  return TRUE;
}

/* Version 3: typography can be turned off per article (an article quoting code, a text the
 * desk sets by hand); on by default, as articles of earlier versions get it. */
static gboolean
migrate_to_v3 (FeuilletSqlite  *db,
               GError         **error)
{
  return feuillet_sqlite_exec (db,
                               "ALTER TABLE articles ADD COLUMN typography INTEGER NOT NULL DEFAULT 1;"
                               "ALTER TABLE revisions ADD COLUMN typography INTEGER NOT NULL DEFAULT 1;",
                               error);
}

/* Version 4: the WordPress sites the library publishes to. Never their passwords, which
 * live in the Secret Service; the REST root and the user's display name as the site gave
 * them when the site was added. */
static gboolean
migrate_to_v4 (FeuilletSqlite  *db,
               GError         **error)
{
  return feuillet_sqlite_exec (db,
                               "CREATE TABLE sites ("
                               "  name TEXT PRIMARY KEY COLLATE NOCASE CHECK (name <> ''),"
                               "  url TEXT NOT NULL,"
                               "  rest_root TEXT,"
                               "  user TEXT NOT NULL,"
                               "  user_name TEXT,"
                               "  created INTEGER NOT NULL"
                               ");",
                               error);
}

/* Version 5: the outbox, pushes not answered yet (feuillet-push.c): one row per article, the
 * push asked for, whether it is queued or went out (and when, how many times), a marker
 * unique to the row, and a checksum of the title, excerpt and content sent, by which a
 * create whose answer was lost is found again on the site. */
static gboolean
migrate_to_v5 (FeuilletSqlite  *db,
               GError         **error)
{
  return feuillet_sqlite_exec (db,
                               "CREATE TABLE outbox ("
                               "  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
                               "  site TEXT NOT NULL,"
                               "  action TEXT NOT NULL CHECK (action IN ('create', 'update')),"
                               "  status TEXT NOT NULL,"
                               "  date INTEGER,"
                               "  state TEXT NOT NULL CHECK (state IN ('queued', 'sending')),"
                               "  sent INTEGER,"
                               "  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
                               "  marker TEXT NOT NULL UNIQUE,"
                               "  fingerprint TEXT"
                               ");",
                               error);
}

/* Version 6, for publishing: whether a site gets the byline as a signature paragraph; the
 * site's categories and tags as last fetched (the chooser offers them, a push resolves names
 * without asking the site); and the media uploaded to each site, by the checksum of the
 * file, so that an image goes up once and is then referred to by its id and address. */
static gboolean
migrate_to_v6 (FeuilletSqlite  *db,
               GError         **error)
{
  return feuillet_sqlite_exec (db,
                               "ALTER TABLE sites ADD COLUMN signature INTEGER NOT NULL DEFAULT 0;"
                               "ALTER TABLE sites ADD COLUMN terms_fetched INTEGER;"
                               "CREATE TABLE site_terms ("
                               "  site TEXT NOT NULL COLLATE NOCASE,"
                               "  taxonomy TEXT NOT NULL CHECK (taxonomy IN ('category', 'post_tag')),"
                               "  remote_id INTEGER NOT NULL CHECK (remote_id > 0),"
                               "  name TEXT NOT NULL,"
                               "  slug TEXT NOT NULL,"
                               "  PRIMARY KEY (site, taxonomy, remote_id)"
                               ");"
                               "CREATE TABLE site_media ("
                               "  site TEXT NOT NULL COLLATE NOCASE,"
                               "  checksum TEXT NOT NULL,"
                               "  remote_id INTEGER NOT NULL CHECK (remote_id > 0),"
                               "  url TEXT NOT NULL,"
                               "  source TEXT NOT NULL,"
                               "  uploaded INTEGER NOT NULL,"
                               "  PRIMARY KEY (site, checksum)"
                               ");",
                               error);
}

static const MigrationFunc migrations[] = {
  migrate_to_v1,
  migrate_to_v2,
  migrate_to_v3,
  migrate_to_v4,
  migrate_to_v5,
  migrate_to_v6,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == FEUILLET_STORE_SCHEMA_VERSION);

gboolean
feuillet_store_schema_too_new (FeuilletSqlite  *db,
                               gint64           version,
                               GError         **error)
{
  g_autofree char *display = g_filename_display_name (feuillet_sqlite_get_path (db));

  g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_TOO_NEW,
               _("The library “%s” was written by a newer version of Feuillet (format %d; "
                 "this version reads up to %d). Update Feuillet to open it; it was left as it is"),
               display, (int) version, FEUILLET_STORE_SCHEMA_VERSION);
  return FALSE;
}

/**
 * feuillet_store_schema_migrate:
 *
 * Brings the library to FEUILLET_STORE_SCHEMA_VERSION. The version is read again inside
 * the write transaction: another program may have upgraded the file meanwhile.
 */
gboolean
feuillet_store_schema_migrate (FeuilletSqlite  *db,
                               GError         **error)
{
  gint64 version;
  g_autofree char *set_version = NULL;

  if (!feuillet_sqlite_begin (db, error))
    return FALSE;

  if (!feuillet_sqlite_query_int (db, "PRAGMA user_version", &version, error))
    goto failed;

  if (version > FEUILLET_STORE_SCHEMA_VERSION)
    {
      feuillet_store_schema_too_new (db, version, error);
      goto failed;
    }

  if (version == FEUILLET_STORE_SCHEMA_VERSION)
    {
      feuillet_sqlite_rollback (db);
      return TRUE;
    }

  for (gint64 step = version; step < FEUILLET_STORE_SCHEMA_VERSION; step++)
    {
      g_debug ("Upgrading the library to format %d", (int) step + 1);
      if (!migrations[step] (db, error))
        goto failed;
    }

  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 FEUILLET_STORE_APPLICATION_ID, FEUILLET_STORE_SCHEMA_VERSION);
  if (!feuillet_sqlite_exec (db, set_version, error))
    goto failed;

  return feuillet_sqlite_commit (db, error);

failed:
  feuillet_sqlite_rollback (db);
  return FALSE;
}
