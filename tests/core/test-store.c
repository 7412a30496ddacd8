/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "feuillet-error.h"
#include "feuillet-store.h"
#include "test-util.h"

/* The library: saving, revisions, trash, search, formats and files it must refuse. */

typedef struct
{
  char          *dir;
  char          *path;
  FeuilletStore *store;
} Fixture;

static FeuilletStore *
open_store (const char  *path,
            GError     **error)
{
  g_autoptr(FeuilletStore) store = feuillet_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;

  feuillet_store_open_async (store, NULL, store_result_cb, &result);
  if (!feuillet_store_open_finish (store, wait_for (&result), error))
    return NULL;
  return g_steal_pointer (&store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = make_test_dir ();
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = open_store (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static FeuilletArticle *
create (FeuilletStore *store,
        const char    *title,
        const char    *body)
{
  g_autoptr(FeuilletArticle) article = feuillet_article_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FeuilletArticle *created;

  feuillet_article_set_title (article, title);
  feuillet_article_set_body (article, body);
  feuillet_store_create_async (store, article, NULL, store_result_cb, &result);
  created = feuillet_store_create_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return created;
}

static FeuilletArticle *
save (FeuilletStore   *store,
      FeuilletArticle *article)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FeuilletArticle *saved;

  feuillet_store_save_async (store, article, NULL, store_result_cb, &result);
  saved = feuillet_store_save_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return saved;
}

static FeuilletArticle *
load (FeuilletStore  *store,
      gint64          id,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  feuillet_store_load_async (store, id, NULL, store_result_cb, &result);
  return feuillet_store_load_finish (store, wait_for (&result), error);
}

static GPtrArray *
list (FeuilletStore       *store,
      const FeuilletQuery *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *summaries;

  feuillet_store_list_async (store, query, NULL, store_result_cb, &result);
  summaries = feuillet_store_list_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return summaries;
}

static GPtrArray *
search (FeuilletStore *store,
        const char    *text)
{
  g_autoptr(FeuilletQuery) query = feuillet_query_new ();

  query->text = g_strdup (text);
  return list (store, query);
}

static GPtrArray *
revisions (FeuilletStore *store,
           gint64         id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *array;

  feuillet_store_list_revisions_async (store, id, NULL, store_result_cb, &result);
  array = feuillet_store_list_revisions_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return array;
}

static gint64
summary_id (GPtrArray *summaries,
            guint      index)
{
  g_assert_cmpuint (index, <, summaries->len);
  return feuillet_article_summary_get_id (summaries->pdata[index]);
}

/* Runs SQL on the library through a connection of its own, as another program would. */
static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
test_create_load (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(FeuilletArticle) article = feuillet_article_new ();
  g_autoptr(FeuilletArticle) created = NULL;
  g_autoptr(FeuilletArticle) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) schedule = g_date_time_new_utc (2026, 12, 24, 18, 0, 0);
  g_autoptr(GError) error = NULL;
  const char * const tags[] = { "Gérardmer", "GÉRARDMER", "Ge\u0301rardmer", " fête   foraine ", NULL };
  const char * const expected_tags[] = { "Gérardmer", "fête foraine", NULL };

  g_object_set (article,
                "title", "Gérardmer sous la neige", "chapeau", "Premières chutes.", "body", "Le **froid**.",
                "category", "Météo", "tags", tags, "byline", "B.Boulay",
                "status", FEUILLET_ARTICLE_STATUS_READY, "slug", "gerardmer-neige", "language", "fr",
                "target", 2500, "featured-image", "/tmp/neige.jpg", "schedule-date", schedule,
                "remote-site", "Vosges Matin", "remote-id", (gint64) 42, NULL);

  feuillet_store_create_async (fixture->store, article, NULL, store_result_cb, &result);
  created = feuillet_store_create_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (feuillet_article_get_id (created), >, 0);
  g_assert_nonnull (feuillet_article_get_created (created));

  loaded = load (fixture->store, feuillet_article_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_true (feuillet_article_equal_content (article, loaded));
  /* Tags: one per key, as first written. */
  g_assert_cmpstrv (feuillet_article_get_tags (loaded), expected_tags);
  g_assert_cmpstr (feuillet_article_get_uuid (loaded), ==, feuillet_article_get_uuid (article));
  g_assert_cmpstr (feuillet_article_get_remote_site (loaded), ==, "Vosges Matin");
  g_assert_cmpint (feuillet_article_get_remote_id (loaded), ==, 42);
  g_assert_null (feuillet_article_get_trashed (loaded));

  g_clear_object (&loaded);
  loaded = load (fixture->store, 9999, &error);
  g_assert_null (loaded);
  g_assert_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_FOUND);
}

static void
test_revisions_coalesce (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(FeuilletArticle) article = create (fixture->store, "Titre", "v0");
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GDateTime) before = NULL;
  gint64 id = feuillet_article_get_id (article);
  g_autofree char *sql = NULL;

  /* Keystroke saves within five minutes make one revision after the first. */
  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *body = g_strdup_printf ("v%u", i);
      g_autoptr(FeuilletArticle) saved = NULL;

      feuillet_article_set_body (article, body);
      saved = save (fixture->store, article);
    }
  history = revisions (fixture->store, id);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpint (feuillet_revision_get_reason (history->pdata[0]), ==, FEUILLET_REVISION_CREATED);
  g_assert_cmpstr (feuillet_article_get_body (feuillet_revision_get_article (history->pdata[0])), ==, "v0");
  g_assert_cmpint (feuillet_revision_get_reason (history->pdata[1]), ==, FEUILLET_REVISION_EDIT);
  g_assert_cmpstr (feuillet_article_get_body (feuillet_revision_get_article (history->pdata[1])), ==, "v20");
  g_clear_pointer (&history, g_ptr_array_unref);

  /* A save that changes nothing writes nothing. */
  before = g_date_time_ref (feuillet_article_get_updated (load (fixture->store, id, NULL)));
  {
    g_autoptr(FeuilletArticle) same = save (fixture->store, article);

    g_assert_true (g_date_time_equal (feuillet_article_get_updated (same), before));
  }

  /* Five minutes of editing later, the next save starts a new revision. */
  sql = g_strdup_printf ("UPDATE revisions SET created = created - 301000000 "
                         "WHERE article_id = %" G_GINT64_FORMAT " AND number = 2", id);
  run_sql (fixture->path, sql);
  feuillet_article_set_body (article, "v21");
  g_object_unref (save (fixture->store, article));
  feuillet_article_set_body (article, "v22");
  g_object_unref (save (fixture->store, article));
  history = revisions (fixture->store, id);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (feuillet_article_get_body (feuillet_revision_get_article (history->pdata[1])), ==, "v20");
  g_assert_cmpstr (feuillet_article_get_body (feuillet_revision_get_article (history->pdata[2])), ==, "v22");
  g_clear_pointer (&history, g_ptr_array_unref);

  /* A status change always keeps a revision of its own. */
  feuillet_article_set_status (article, FEUILLET_ARTICLE_STATUS_READY);
  g_object_unref (save (fixture->store, article));
  feuillet_article_set_body (article, "v23");
  g_object_unref (save (fixture->store, article));
  history = revisions (fixture->store, id);
  g_assert_cmpuint (history->len, ==, 5);
  g_assert_cmpint (feuillet_revision_get_reason (history->pdata[3]), ==, FEUILLET_REVISION_STATUS);
  g_assert_cmpstr (feuillet_article_get_body (feuillet_revision_get_article (history->pdata[3])), ==, "v22");
  g_assert_cmpint (feuillet_revision_get_reason (history->pdata[4]), ==, FEUILLET_REVISION_EDIT);
}

static FeuilletArticle *
restore (FeuilletStore *store,
         gint64         id,
         guint          number)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FeuilletArticle *restored;

  feuillet_store_restore_async (store, id, number, NULL, store_result_cb, &result);
  restored = feuillet_store_restore_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return restored;
}

static void
test_restore_is_undoable (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(FeuilletArticle) article = create (fixture->store, "Premier titre", "Premier jet.");
  g_autoptr(FeuilletArticle) restored = NULL;
  g_autoptr(FeuilletArticle) undone = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = feuillet_article_get_id (article);

  feuillet_article_set_title (article, "Titre revu");
  feuillet_article_set_body (article, "Version relue par le desk.");
  g_object_unref (save (fixture->store, article));

  restored = restore (fixture->store, id, 1);
  g_assert_cmpstr (feuillet_article_get_body (restored), ==, "Premier jet.");
  g_assert_cmpstr (feuillet_article_get_title (load (fixture->store, id, NULL)), ==, "Premier titre");

  history = revisions (fixture->store, id);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpint (feuillet_revision_get_reason (history->pdata[2]), ==, FEUILLET_REVISION_RESTORE);

  /* Undo: the text the restore replaced is revision 2. */
  undone = restore (fixture->store, id, 2);
  g_assert_cmpstr (feuillet_article_get_body (undone), ==, "Version relue par le desk.");

  feuillet_store_restore_async (fixture->store, id, 99, NULL, store_result_cb, &result);
  g_assert_null (feuillet_store_restore_finish (fixture->store, wait_for (&result), &error));
  g_assert_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_FOUND);
}

static gboolean
run_id_call (FeuilletStore *store,
             gint64         id,
             void         (*call) (FeuilletStore *, gint64, GCancellable *, GAsyncReadyCallback, gpointer),
             gboolean     (*finish) (FeuilletStore *, GAsyncResult *, GError **),
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  call (store, id, NULL, store_result_cb, &result);
  return finish (store, wait_for (&result), error);
}

static void
test_trash (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(FeuilletArticle) kept = create (fixture->store, "Conservé", "Le marché de Noël ouvre.");
  g_autoptr(FeuilletArticle) doomed = create (fixture->store, "À jeter", "Le marché de Noël ferme.");
  g_autoptr(FeuilletQuery) trash = feuillet_query_new ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = feuillet_article_get_id (doomed);

  g_assert_true (run_id_call (fixture->store, id, feuillet_store_trash_async, feuillet_store_trash_finish, &error));
  g_assert_no_error (error);

  listed = list (fixture->store, NULL);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (summary_id (listed, 0), ==, feuillet_article_get_id (kept));
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = search (fixture->store, "marche");
  g_assert_cmpuint (listed->len, ==, 1);
  g_clear_pointer (&listed, g_ptr_array_unref);

  trash->trash = TRUE;
  listed = list (fixture->store, trash);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (summary_id (listed, 0), ==, id);
  g_assert_nonnull (feuillet_article_summary_get_trashed (listed->pdata[0]));
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* An article in the trash is not edited by mistake. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    feuillet_article_set_body (doomed, "modifié");
    feuillet_store_save_async (fixture->store, doomed, NULL, store_result_cb, &result);
    g_assert_null (feuillet_store_save_finish (fixture->store, wait_for (&result), &error));
    g_assert_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_IN_TRASH);
    g_clear_error (&error);
  }

  g_assert_true (run_id_call (fixture->store, id, feuillet_store_untrash_async, feuillet_store_untrash_finish, &error));
  listed = search (fixture->store, "marche");
  g_assert_cmpuint (listed->len, ==, 2);
  /* Back from the trash is the latest change. */
  g_assert_cmpint (summary_id (listed, 0), ==, id);
  g_clear_pointer (&listed, g_ptr_array_unref);

  g_assert_true (run_id_call (fixture->store, id, feuillet_store_purge_async, feuillet_store_purge_finish, &error));
  g_assert_null (load (fixture->store, id, &error));
  g_assert_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  listed = search (fixture->store, "marche");
  g_assert_cmpuint (listed->len, ==, 1);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = list (fixture->store, trash);
  g_assert_cmpuint (listed->len, ==, 0);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FeuilletArticle) a = create (fixture->store, "Coopération économique", "Le Kazakhstan et les Vosges.");
  g_autoptr(FeuilletArticle) b = create (fixture->store, "Gérardmer sous la neige", "Une coopération des stations.");
  g_autoptr(FeuilletArticle) c = create (fixture->store, "Fête à Épinal", "Rien à voir. \"Guillemets\" AND NEAR*");
  g_autoptr(FeuilletQuery) query = feuillet_query_new ();
  g_autoptr(GPtrArray) found = NULL;

  /* Accents and case do not matter. */
  found = search (fixture->store, "cooperation");
  g_assert_cmpuint (found->len, ==, 2);
  /* The title match comes first though it is older. */
  g_assert_cmpint (summary_id (found, 0), ==, feuillet_article_get_id (a));
  g_assert_cmpint (summary_id (found, 1), ==, feuillet_article_get_id (b));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search (fixture->store, "GERARDMER");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (summary_id (found, 0), ==, feuillet_article_get_id (b));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search (fixture->store, "epinal fete");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Newest first: editing a makes it the newest body match. */
  found = search (fixture->store, "vosges OR stations");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* What people type is words, never FTS5 syntax. */
  found = search (fixture->store, "\"guillemets\" AND NEAR*");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (fixture->store, "« »");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Search as you type: the last word is a prefix. */
  query->text = g_strdup ("coop");
  query->prefix = TRUE;
  found = list (fixture->store, query);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Filters. */
  feuillet_article_set_status (b, FEUILLET_ARTICLE_STATUS_READY);
  feuillet_article_add_tag (b, "Hautes-Vosges");
  g_object_unref (save (fixture->store, b));
  g_clear_pointer (&query->text, g_free);
  query->text = g_strdup ("cooperation");
  query->prefix = FALSE;
  query->has_status = TRUE;
  query->status = FEUILLET_ARTICLE_STATUS_READY;
  found = list (fixture->store, query);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (summary_id (found, 0), ==, feuillet_article_get_id (b));
  g_clear_pointer (&found, g_ptr_array_unref);

  query->has_status = FALSE;
  query->tag = g_strdup ("HAUTES-VOSGES");
  found = list (fixture->store, query);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&query->text, g_free);
  found = list (fixture->store, query);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Without text: every article, the latest change first, one page at a time. */
  g_clear_pointer (&query->tag, g_free);
  query->limit = 2;
  found = list (fixture->store, query);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpint (summary_id (found, 0), ==, feuillet_article_get_id (b));
  g_assert_cmpint (summary_id (found, 1), ==, feuillet_article_get_id (c));
  g_clear_pointer (&found, g_ptr_array_unref);
  query->offset = 2;
  found = list (fixture->store, query);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (summary_id (found, 0), ==, feuillet_article_get_id (a));
  g_assert_cmpuint (feuillet_article_summary_get_signes (found->pdata[0]), ==, 51);
}

static void
test_tags (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FeuilletArticle) a = create (fixture->store, "Un", "un");
  g_autoptr(FeuilletArticle) b = create (fixture->store, "Deux", "deux");
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) tags = NULL;
  const char * const expected[] = { "Vosges", "Épinal", NULL };

  feuillet_article_add_tag (a, "Vosges");
  feuillet_article_add_tag (a, "Épinal");
  g_object_unref (save (fixture->store, a));
  feuillet_article_add_tag (b, "VOSGES");
  g_object_unref (save (fixture->store, b));

  feuillet_store_list_tags_async (fixture->store, NULL, store_result_cb, &result);
  tags = feuillet_store_list_tags_finish (fixture->store, wait_for (&result), NULL);
  /* One tag for both spellings, the most used first. */
  g_assert_cmpstrv (tags, expected);
}

static void
test_concurrent_writers (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletStore) other = open_store (fixture->path, &error);
  g_autoptr(FeuilletArticle) mine = create (fixture->store, "Fenêtre", "0");
  g_autoptr(FeuilletArticle) theirs = create (other, "Ligne de commande", "0");
  GAsyncResult *slots[200] = { NULL };

  g_assert_no_error (error);

  /* Two programs on one library (the window and feuillet-cli), writing at once: the busy
   * timeout and short transactions mean no "database is locked" reaches anyone. */
  for (guint i = 0; i < G_N_ELEMENTS (slots); i += 2)
    {
      g_autofree char *body = g_strdup_printf ("%u", i);

      feuillet_article_set_body (mine, body);
      feuillet_article_set_body (theirs, body);
      feuillet_store_save_async (fixture->store, mine, NULL, store_result_cb, &slots[i]);
      feuillet_store_save_async (other, theirs, NULL, store_result_cb, &slots[i + 1]);
    }
  /* Results arrive in any order: wait for each slot without emptying the others. */
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      FeuilletStore *store = i % 2 == 0 ? fixture->store : other;
      g_autoptr(FeuilletArticle) saved = NULL;

      while (slots[i] == NULL)
        g_main_context_iteration (NULL, TRUE);
      saved = feuillet_store_save_finish (store, slots[i], &error);
      g_assert_no_error (error);
      g_clear_object (&slots[i]);
    }

  g_assert_cmpstr (feuillet_article_get_body (load (other, feuillet_article_get_id (mine), NULL)), ==, "198");
  g_assert_cmpstr (feuillet_article_get_body (load (fixture->store, feuillet_article_get_id (theirs), NULL)), ==, "198");
}

static gint64
count_unindexed (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 count;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM articles WHERE fts_seq IS NOT change_seq",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_search_index_follows_saves (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(FeuilletArticle) article = create (fixture->store, "Brouillon", "Rien encore.");
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletStore) other = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gboolean waited = FALSE;

  /* Keystroke saves leave the search index to the next pause… */
  feuillet_article_set_body (article, "Le marché de Noël de Gérardmer ouvre samedi.");
  g_object_unref (save (fixture->store, article));
  g_assert_cmpint (count_unindexed (fixture->path), ==, 1);

  /* …but a search, from this program or another, finds the saved text at once. */
  other = open_store (fixture->path, &error);
  g_assert_no_error (error);
  found = search (other, "gerardmer");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (count_unindexed (fixture->path), ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Once typing pauses, the index catches up by itself. */
  feuillet_article_set_body (article, "Le marché de Noël de Remiremont ouvre dimanche.");
  g_object_unref (save (fixture->store, article));
  g_assert_cmpint (count_unindexed (fixture->path), ==, 1);
  g_timeout_add (3000, timeout_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (count_unindexed (fixture->path), ==, 0);
  found = search (other, "gerardmer");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (other, "remiremont");
  g_assert_cmpuint (found->len, ==, 1);
}

static void
on_changed_cb (FeuilletStore *store,
               gint64        *when)
{
  *when = g_get_monotonic_time ();
}

static void
test_changes_by_others (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletStore) other = open_store (fixture->path, &error);
  g_autoptr(FeuilletArticle) article = NULL;
  gint64 changed_at = 0;
  gint64 saved_at;
  gboolean waited = FALSE;

  g_assert_no_error (error);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed_cb), &changed_at);

  /* Its own writes are not news to a store… */
  article = create (fixture->store, "Mon article", "");
  g_timeout_add (1200, timeout_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (changed_at, ==, 0);

  /* …another program's are, within a second (the window shows them within two). */
  saved_at = g_get_monotonic_time ();
  feuillet_article_set_body (article, "Modifié par feuillet-cli.");
  g_object_unref (save (other, article));
  while (changed_at == 0 && g_get_monotonic_time () - saved_at < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (changed_at, >, 0);
  g_assert_cmpint (changed_at - saved_at, <, G_USEC_PER_SEC);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static void
assert_refused (const char *path,
                int         code,
                const char *words)
{
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(FeuilletStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = open_store (path, &error);
  g_assert_null (store);
  g_assert_error (error, FEUILLET_STORE_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);

  /* Never overwritten, never repaired. */
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuses_bad_files (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (text, "Ceci n’est pas une bibliothèque, mais un texte assez long "
                                            "pour dépasser l’en-tête de cent octets d’une base SQLite, "
                                            "ce qui est le cas ici.\n", -1, NULL));
  assert_refused (text, FEUILLET_STORE_ERROR_NOT_A_LIBRARY, "not an SQLite database");

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_refused (empty, FEUILLET_STORE_ERROR_CORRUPT, "empty");

  run_sql (other, "CREATE TABLE recettes (nom TEXT); INSERT INTO recettes VALUES ('quiche')");
  assert_refused (other, FEUILLET_STORE_ERROR_NOT_A_LIBRARY, "not a Feuillet library");

  /* A library from a newer Feuillet. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FeuilletStore) store = open_store (newer, &error);

    g_assert_no_error (error);
    g_clear_object (&store);
    run_sql (newer, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE");
    assert_refused (newer, FEUILLET_STORE_ERROR_TOO_NEW, "newer version of Feuillet");
  }

  /* A library cut in half, as by a full disk or a bad copy. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FeuilletStore) store = open_store (truncated, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 50; i++)
      g_object_unref (create (store, "Un article assez long pour remplir des pages",
                              "Du texte, encore du texte, et toujours du texte pour grossir la base."));
    g_clear_object (&store);
    run_sql (truncated, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE");
    g_assert_true (g_file_get_contents (truncated, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 8192);
    g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));
    assert_refused (truncated, FEUILLET_STORE_ERROR_CORRUPT, "damaged");
  }
}

static void
test_migrates_first_schema (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *fixture = test_data_path ("library-v1.sql");
  g_autofree char *sql = NULL;
  g_autoptr(FeuilletStore) store = NULL;
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const char * const tags[] = { "Épinal", "Vosges", NULL };
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, NULL));
  run_sql (path, sql);

  store = open_store (path, &error);
  g_assert_no_error (error);

  article = load (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feuillet_article_get_title (article), ==, "Fête de la Saint-Nicolas à Épinal");
  g_assert_cmpstrv (feuillet_article_get_tags (article), tags);
  g_assert_cmpint (feuillet_article_get_status (article), ==, FEUILLET_ARTICLE_STATUS_PUBLISHED);

  /* Format 2 keeps the counts with the article: the upgrade computed them. */
  found = search (store, "gerardmer");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (feuillet_article_summary_get_signes (found->pdata[0]), ==, 72);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = list (store, NULL);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpuint (feuillet_article_summary_get_signes (found->pdata[1]), ==, 176);

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;

    sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 6);
    sqlite3_finalize (stmt);
    /* Format 4 added the sites, none yet. */
    sqlite3_prepare_v2 (db, "SELECT count(*) FROM sites", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    /* Format 6 added the sites' terms and media, and the signature setting. */
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT signature, terms_fetched FROM sites", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM site_terms, site_media", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_finalize (stmt);
    sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

static gboolean
record_push (FeuilletArticle  *article,
             gpointer          user_data,
             GError          **error)
{
  feuillet_article_set_remote_site (article, "Vosges Matin");
  feuillet_article_set_remote_id (article, 42);
  feuillet_article_set_remote_modified (article, "2026-11-28T08:00:00");
  return TRUE;
}

/* The window saves its own copy of the article every second while one types; a push
 * recorded meanwhile (by the window or by feuillet-cli) must survive it, or the next push
 * would create a second post. */
static void
test_save_keeps_recorded_push (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(FeuilletArticle) window_copy = create (fixture->store, "Conseil municipal", "Le vote.");
  g_autoptr(FeuilletArticle) recorded = NULL;
  g_autoptr(FeuilletArticle) saved = NULL;
  g_autoptr(FeuilletArticle) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = feuillet_article_get_id (window_copy);

  feuillet_store_edit_async (fixture->store, id, record_push, NULL, NULL, NULL, store_result_cb, &result);
  recorded = feuillet_store_edit_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (feuillet_article_get_remote_id (recorded), ==, 42);

  /* The window's copy predates the push. */
  g_assert_cmpint (feuillet_article_get_remote_id (window_copy), ==, 0);
  feuillet_article_set_body (window_copy, "Le vote a eu lieu mardi.");
  saved = save (fixture->store, window_copy);
  g_assert_cmpint (feuillet_article_get_remote_id (saved), ==, 42);

  loaded = load (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feuillet_article_get_body (loaded), ==, "Le vote a eu lieu mardi.");
  g_assert_cmpstr (feuillet_article_get_remote_site (loaded), ==, "Vosges Matin");
  g_assert_cmpint (feuillet_article_get_remote_id (loaded), ==, 42);
  g_assert_cmpstr (feuillet_article_get_remote_modified (loaded), ==, "2026-11-28T08:00:00");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/create-load", test_create_load);
  ADD ("/store/save-keeps-recorded-push", test_save_keeps_recorded_push);
  ADD ("/store/revisions/coalesce", test_revisions_coalesce);
  ADD ("/store/revisions/restore-is-undoable", test_restore_is_undoable);
  ADD ("/store/trash", test_trash);
  ADD ("/store/search", test_search);
  ADD ("/store/search-index-follows-saves", test_search_index_follows_saves);
  ADD ("/store/tags", test_tags);
  ADD ("/store/concurrent-writers", test_concurrent_writers);
  ADD ("/store/changes-by-others", test_changes_by_others);
#undef ADD
  g_test_add_func ("/store/refuses-bad-files", test_refuses_bad_files);
  g_test_add_func ("/store/migrates-first-schema", test_migrates_first_schema);

  return g_test_run ();
}
