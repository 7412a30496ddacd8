/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "feuillet-markdown-file.h"
#include "feuillet-store.h"
#include "feuillet-store-private.h"
#include "../core/test-util.h"

/*
 * The library's figures (issue 2): a library of 100,000 articles of about 3,000 signes,
 * words drawn with a Zipf-like frequency from Debian's French word list, then
 *   - open the library and list the 50 most recent (target ≤ 50 ms),
 *   - 20 searches of 1–3 words, newest first, 50 results (p95 ≤ 30 ms), beside the same
 *     SQL in the sqlite3 shell on the same file (ratio ≤ 1.3),
 *   - saving a 10,000-word article (median ≤ 5 ms),
 *   - importing 1,000 Markdown files with feuillet-cli (≤ 2 s).
 * It measures and prints; it asserts nothing.
 *
 * Usage: bench-library [--articles N] [--library PATH] [--cli PATH-TO-FEUILLET-CLI]
 */

static GPtrArray *words;
static double *zipf_cumulative;
static GRand *rng;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *samples,
            double  p)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, MIN (samples->len - 1, (guint) ceil (p * samples->len) - 1));
}

static void
load_words (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  double total = 0;

  if (!g_file_get_contents ("/usr/share/dict/french", &contents, NULL, NULL))
    g_error ("Needs Debian's wfrench (/usr/share/dict/french)");

  /* The list is in alphabetical order: shuffle it so that frequent words are any words. */
  words = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && g_utf8_validate (lines[i], -1, NULL))
      g_ptr_array_add (words, g_strdup (lines[i]));
  for (guint i = words->len - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rng, 0, i + 1);
      gpointer tmp = words->pdata[i];

      words->pdata[i] = words->pdata[j];
      words->pdata[j] = tmp;
    }

  /* Zipf: the word of rank r comes with a frequency in 1/r. */
  zipf_cumulative = g_new (double, words->len);
  for (guint r = 0; r < words->len; r++)
    {
      total += 1.0 / (r + 1);
      zipf_cumulative[r] = total;
    }
  for (guint r = 0; r < words->len; r++)
    zipf_cumulative[r] /= total;
}

static const char *
zipf_word (void)
{
  double x = g_rand_double (rng);
  guint low = 0, high = words->len - 1;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (zipf_cumulative[mid] < x)
        low = mid + 1;
      else
        high = mid;
    }

  return words->pdata[low];
}

static void
append_sentence (GString *out,
                 guint    n_words)
{
  for (guint i = 0; i < n_words; i++)
    {
      const char *word = zipf_word ();

      if (i == 0)
        {
          gunichar first = g_unichar_toupper (g_utf8_get_char (word));

          g_string_append_unichar (out, first);
          g_string_append (out, g_utf8_next_char (word));
        }
      else
        {
          g_string_append_c (out, ' ');
          g_string_append (out, word);
        }
    }
  g_string_append (out, ". ");
}

/* About 3,000 signes: a title, a chapeau, paragraphs under two intertitres. */
static FeuilletArticle *
generate_article (guint target_signes)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) chapeau = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  FeuilletArticle *article = feuillet_article_new ();
  const char *tags[4] = { zipf_word (), zipf_word (), zipf_word (), NULL };

  append_sentence (title, g_rand_int_range (rng, 5, 10));
  g_string_truncate (title, title->len - 2);
  append_sentence (chapeau, g_rand_int_range (rng, 25, 40));

  for (guint paragraph = 0; body->len < target_signes; paragraph++)
    {
      if (paragraph == 2 || paragraph == 5)
        {
          g_string_append (body, "## ");
          append_sentence (body, g_rand_int_range (rng, 4, 8));
          g_string_append (body, "\n\n");
        }
      for (guint s = g_rand_int_range (rng, 2, 5); s > 0; s--)
        append_sentence (body, g_rand_int_range (rng, 8, 20));
      g_string_append (body, "\n\n");
    }

  g_object_set (article,
                "title", title->str, "chapeau", chapeau->str, "body", body->str,
                "category", "Vosges", "tags", tags, "byline", "B.Boulay",
                "status", (FeuilletArticleStatus) g_rand_int_range (rng, 0, 6),
                NULL);
  return article;
}

static FeuilletStore *
open_store (const char *path)
{
  g_autoptr(FeuilletStore) store = feuillet_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  feuillet_store_open_async (store, NULL, store_result_cb, &result);
  if (!feuillet_store_open_finish (store, wait_for (&result), &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&store);
}

static guint
count_articles (FeuilletStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(FeuilletQuery) query = feuillet_query_new ();

  feuillet_store_list_async (store, query, NULL, store_result_cb, &result);
  all = feuillet_store_list_finish (store, wait_for (&result), NULL);
  return all ? all->len : 0;
}

static void
generate_library (const char *path,
                  guint       n_articles)
{
  g_autoptr(FeuilletStore) store = open_store (path);
  guint have = count_articles (store);
  double start = now_ms ();

  if (have >= n_articles)
    {
      g_print ("Library: %s, %u articles (reused)\n", path, have);
      return;
    }

  g_print ("Generating %u articles in %s…\n", n_articles - have, path);
  for (guint done = have; done < n_articles; )
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) imported = NULL;

      for (guint i = 0; i < 1000 && done + i < n_articles; i++)
        g_ptr_array_add (batch, generate_article (2700));
      feuillet_store_import_async (store, batch, NULL, store_result_cb, &result);
      imported = feuillet_store_import_finish (store, wait_for (&result), &error);
      if (imported == NULL)
        g_error ("%s", error->message);
      done += batch->len;
      if (done % 10000 == 0)
        g_print ("  %u articles, %.0f s\n", done, (now_ms () - start) / 1000);
    }
}

static void
bench_open_and_list (const char *path)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(FeuilletStore) store = NULL;
      g_autoptr(FeuilletQuery) query = feuillet_query_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) recent = NULL;
      double start = now_ms ();
      double elapsed;

      store = open_store (path);
      query->limit = 50;
      feuillet_store_list_async (store, query, NULL, store_result_cb, &result);
      recent = feuillet_store_list_finish (store, wait_for (&result), NULL);
      elapsed = now_ms () - start;
      g_assert (recent != NULL && recent->len == 50);
      g_array_append_val (samples, elapsed);
    }

  g_print ("open + list 50 most recent (20 runs): median %.2f ms, p95 %.2f ms, max %.2f ms\n",
           percentile (samples, 0.5), percentile (samples, 0.95), percentile (samples, 1.0));
}

static char *
sql_literal (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, "'", -1);
  g_autofree char *joined = g_strjoinv ("''", parts);

  return g_strdup_printf ("'%s'", joined);
}

static double
run_shell_ms (const char *path,
              const char *script)
{
  g_autoptr(GSubprocess) shell = NULL;
  g_autoptr(GError) error = NULL;
  double start = now_ms ();

  shell = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                            "sqlite3", path, NULL);
  if (shell == NULL || !g_subprocess_communicate_utf8 (shell, script, NULL, NULL, NULL, &error))
    g_error ("sqlite3: %s", error->message);

  return now_ms () - start;
}

static char *
replace_all (const char *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

/*
 * The same statement feuillet-cli search runs, in the sqlite3 shell on the same file, with
 * its parameters written in as literals (the shell's .parameter set splits values at spaces).
 * The shell's .timer counts whole milliseconds, too coarse here, so the shell runs the
 * statement @repeats times and once not at all: the difference, divided, is one query.
 * @rows is what the shell found, to check it ran the same search.
 */
static double
shell_mean_ms (const char          *path,
               const FeuilletQuery *query,
               guint                repeats,
               guint               *rows)
{
  g_autofree char *statement = feuillet_store_sql_list_statement (query);
  g_autofree char *match = feuillet_query_to_fts (query->text, FALSE);
  g_autofree char *title_match = g_strdup_printf ("{title} : (%s)", match);
  g_autofree char *match_literal = sql_literal (match);
  g_autofree char *title_literal = sql_literal (title_match);
  g_autofree char *limit = g_strdup_printf ("%u", query->limit);
  g_autofree char *sql = NULL;
  g_autoptr(GString) script = g_string_new (NULL);
  g_autoptr(GSubprocess) shell = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count_script = NULL;
  g_autofree char *output = NULL;
  double with_queries = G_MAXDOUBLE, without = G_MAXDOUBLE;

  sql = replace_all (statement, ":title_match", title_literal);
  g_free (g_steal_pointer (&statement));
  statement = replace_all (sql, ":match", match_literal);
  g_free (g_steal_pointer (&sql));
  sql = replace_all (statement, ":window", limit);
  g_free (g_steal_pointer (&statement));
  statement = replace_all (sql, ":limit", limit);
  g_free (g_steal_pointer (&sql));
  sql = replace_all (statement, ":offset", "0");

  count_script = g_strdup_printf ("SELECT count (*) FROM (%s);\n", sql);
  shell = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            "sqlite3", path, NULL);
  if (shell == NULL || !g_subprocess_communicate_utf8 (shell, count_script, NULL, &output, NULL, &error))
    g_error ("sqlite3: %s", error->message);
  *rows = (guint) g_ascii_strtoull (output ? output : "", NULL, 10);

  for (guint i = 0; i < repeats; i++)
    g_string_append_printf (script, "%s;\n", sql);

  /* The best of three of each, to keep start-up noise out. */
  for (guint i = 0; i < 3; i++)
    {
      with_queries = MIN (with_queries, run_shell_ms (path, script->str));
      without = MIN (without, run_shell_ms (path, "SELECT count (*) FROM sqlite_schema;\n"));
    }

  return MAX (with_queries - without, 0) / repeats;
}

static void
bench_search (const char *path)
{
  g_autoptr(FeuilletStore) store = open_store (path);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shells = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));

  g_print ("search, 20 queries of 1–3 words, 50 results newest first (mean of 20 runs each):\n");
  g_print ("  %-40s %8s %10s %10s %6s\n", "query", "results", "feuillet", "sqlite3", "ratio");

  for (guint q = 0; q < 20; q++)
    {
      g_autoptr(FeuilletQuery) query = feuillet_query_new ();
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
      guint n_results = 0;
      guint shell_rows = 0;
      double mean, shell, ratio;

      /* Words from across the distribution: frequent ones and rarer ones. */
      for (guint w = g_rand_int_range (rng, 1, 4); w > 0; w--)
        {
          if (text->len > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, zipf_word ());
        }
      query->text = g_strdup (text->str);
      query->limit = 50;

      for (guint run = 0; run < 20; run++)
        {
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(GPtrArray) found = NULL;
          double start = now_ms ();
          double elapsed;

          feuillet_store_list_async (store, query, NULL, store_result_cb, &result);
          found = feuillet_store_list_finish (store, wait_for (&result), NULL);
          elapsed = now_ms () - start;
          n_results = found->len;
          g_array_append_val (runs, elapsed);
        }
      mean = 0;
      for (guint run = 0; run < runs->len; run++)
        mean += g_array_index (runs, double, run) / runs->len;
      shell = shell_mean_ms (path, query, 20, &shell_rows);
      if (shell_rows != n_results)
        g_error ("The sqlite3 shell found %u articles for “%s”, feuillet %u", shell_rows, text->str, n_results);
      ratio = mean / MAX (shell, 0.001);
      g_array_append_val (ours, mean);
      g_array_append_val (shells, shell);
      g_array_append_val (ratios, ratio);
      g_print ("  %-40s %8u %8.2f ms %7.2f ms %6.2f\n", text->str, n_results, mean, shell, ratio);
    }

  g_print ("  feuillet: p95 %.2f ms, median %.2f ms; sqlite3 shell: p95 %.2f ms; "
           "ratio of the p95s %.2f, median ratio %.2f\n",
           percentile (ours, 0.95), percentile (ours, 0.5), percentile (shells, 0.95),
           percentile (ours, 0.95) / MAX (percentile (shells, 0.95), 0.001), percentile (ratios, 0.5));
}

static void
bench_save (const char *path)
{
  g_autoptr(FeuilletStore) store = open_store (path);
  g_autoptr(FeuilletArticle) article = feuillet_article_new ();
  g_autoptr(FeuilletArticle) created = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_words = 0;

  while (n_words < 10000)
    {
      guint n = g_rand_int_range (rng, 8, 20);

      append_sentence (body, n);
      n_words += n;
      if (g_rand_int_range (rng, 0, 5) == 0)
        g_string_append (body, "\n\n");
    }
  g_object_set (article, "title", "Dix mille mots", "body", body->str, NULL);
  feuillet_store_create_async (store, article, NULL, store_result_cb, &result);
  created = feuillet_store_create_finish (store, wait_for (&result), NULL);

  /* As autosave does: the same article, a few more words each time. */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(FeuilletArticle) saved = NULL;
      double start, elapsed;

      g_string_append (body, zipf_word ());
      g_string_append_c (body, ' ');
      feuillet_article_set_body (created, body->str);

      start = now_ms ();
      feuillet_store_save_async (store, created, NULL, store_result_cb, &result);
      saved = feuillet_store_save_finish (store, wait_for (&result), NULL);
      elapsed = now_ms () - start;
      g_assert (saved != NULL);
      g_array_append_val (samples, elapsed);
    }

  g_print ("save a %u-word article (50 saves): median %.2f ms, p95 %.2f ms, max %.2f ms\n",
           n_words, percentile (samples, 0.5), percentile (samples, 0.95), percentile (samples, 1.0));
}

static void
bench_import (const char *cli)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *library = g_build_filename (dir, "import.db", NULL);
  g_autoptr(GStrvBuilder) argv_builder = g_strv_builder_new ();
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add_many (argv_builder, cli, "--library", library, "import", NULL);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(FeuilletArticle) article = generate_article (2700);
      g_autofree char *text = feuillet_markdown_file_serialize (article);
      g_autofree char *name = g_strdup_printf ("%s/article-%04u.md", dir, i);

      g_file_set_contents (name, text, -1, NULL);
      g_strv_builder_add (argv_builder, name);
    }
  argv = g_strv_builder_end (argv_builder);

  for (guint run = 0; run < 3; run++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      double start = now_ms ();
      double elapsed;

      g_unlink (library);
      process = g_subprocess_newv ((const char * const *)argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
      if (process == NULL || !g_subprocess_wait_check (process, NULL, &error))
        g_error ("feuillet-cli import: %s", error->message);
      elapsed = now_ms () - start;
      g_array_append_val (samples, elapsed);
    }

  g_print ("feuillet-cli import of 1,000 Markdown files into a new library (3 runs): "
           "median %.0f ms, min %.0f ms, max %.0f ms\n",
           percentile (samples, 0.5), percentile (samples, 0.01), percentile (samples, 1.0));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *library = NULL;
  g_autofree char *cli = NULL;
  g_autofree char *only = NULL;
  int n_articles = 100000;
  const GOptionEntry entries[] = {
    { "articles", 0, 0, G_OPTION_ARG_INT, &n_articles, "How many articles", "N" },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, "The library to use or make", "PATH" },
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &cli, "feuillet-cli to time imports with", "PATH" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run one measure: list, search, save or import", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— Feuillet's library benchmark");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  setlocale (LC_ALL, "");
  rng = g_rand_new_with_seed (20261127);
  load_words ();

  if (library == NULL)
    library = g_strdup_printf ("%s/feuillet/bench/library-%d.db", g_get_user_cache_dir (), n_articles);
  g_mkdir_with_parents (g_path_get_dirname (library), 0755);

  generate_library (library, n_articles);
  if (only == NULL || g_str_equal (only, "list"))
    bench_open_and_list (library);
  if (only == NULL || g_str_equal (only, "search"))
    bench_search (library);
  if (only == NULL || g_str_equal (only, "save"))
    bench_save (library);
  if (cli != NULL && (only == NULL || g_str_equal (only, "import")))
    bench_import (cli);

  return 0;
}
