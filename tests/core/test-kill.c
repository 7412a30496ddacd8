/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "feuillet-store.h"
#include "test-util.h"

/*
 * Invariant 1: a kill -9 at any moment leaves a library that passes PRAGMA integrity_check
 * and holds every save acknowledged before it. kill-saver saves without pause; we kill it
 * at random moments, from its start-up to the middle of a save, at least 200 times.
 */

static const char *saver_path;

static guint
rounds (void)
{
  const char *value = g_getenv ("FEUILLET_KILL_ROUNDS");

  return value ? (guint) g_ascii_strtoull (value, NULL, 10) : 200;
}

static gint64
create_article (const char *path)
{
  g_autoptr(FeuilletStore) store = feuillet_store_new (path);
  g_autoptr(FeuilletArticle) article = feuillet_article_new ();
  g_autoptr(FeuilletArticle) created = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  feuillet_store_open_async (store, NULL, store_result_cb, &result);
  g_assert_true (feuillet_store_open_finish (store, wait_for (&result), &error));
  feuillet_article_set_title (article, "0");
  feuillet_store_create_async (store, article, NULL, store_result_cb, &result);
  created = feuillet_store_create_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);

  return feuillet_article_get_id (created);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

/* The last number the saver printed on a complete line. */
static guint64
last_acknowledged (const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output ? output : "", "\n", -1);
  guint count = g_strv_length (lines);
  guint64 last = 0;

  /* The final piece has no newline yet: it was not acknowledged. */
  for (guint i = 0; i + 1 < count; i++)
    last = g_ascii_strtoull (lines[i], NULL, 10);

  return last;
}

static void
test_kill_while_saving (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *id_text = NULL;
  guint64 acknowledged_total = 0;
  guint64 last_seen = 0;
  guint n_rounds = rounds ();

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, create_article (path));

  for (guint round = 0; round < n_rounds; round++)
    {
      g_autoptr(GSubprocess) saver = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *output = NULL;
      g_autofree char *integrity = NULL;
      g_autofree char *title = NULL;
      g_autofree char *newest_revision = NULL;
      g_autofree char *body = NULL;
      guint64 acknowledged;
      guint64 saved;
      sqlite3 *db;

      saver = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, saver_path, path, id_text, NULL);
      g_assert_no_error (error);

      /* From before the library is open to well into the saving. */
      g_usleep (g_test_rand_int_range (0, 60000));
      g_subprocess_send_signal (saver, SIGKILL);
      g_subprocess_communicate_utf8 (saver, NULL, NULL, &output, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (saver));

      acknowledged = last_acknowledged (output);

      g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
      sqlite3_busy_timeout (db, 5000);
      integrity = query_text (db, "PRAGMA integrity_check");
      title = query_text (db, "SELECT title FROM articles WHERE id = 1");
      body = query_text (db, "SELECT body FROM articles WHERE id = 1");
      newest_revision = query_text (db, "SELECT body FROM revisions WHERE article_id = 1 "
                                        "ORDER BY number DESC LIMIT 1");
      sqlite3_close (db);

      g_assert_cmpstr (integrity, ==, "ok");
      saved = g_ascii_strtoull (title, NULL, 10);
      /* Every acknowledged save is there; at most one more, committed but not yet printed. */
      if (acknowledged > 0)
        g_assert_cmpuint (saved, >=, acknowledged);
      g_assert_cmpuint (saved, <=, MAX (acknowledged, last_seen) + 1);
      g_assert_cmpuint (saved, >=, last_seen);
      /* The article and its newest revision were written in one transaction. */
      g_assert_cmpstr (body, ==, newest_revision);

      acknowledged_total += acknowledged > last_seen ? acknowledged - last_seen : 0;
      last_seen = saved;
    }

  g_test_message ("%u kills, %" G_GUINT64_FORMAT " acknowledged saves, all found", n_rounds, acknowledged_total);
  /* The kills must have landed while saves were going on, not only at start-up. */
  g_assert_cmpuint (acknowledged_total, >, n_rounds);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("Usage: test-kill PATH-TO-KILL-SAVER");
  saver_path = argv[1];

  g_test_add_func ("/reliability/kill-while-saving", test_kill_while_saving);

  return g_test_run ();
}
