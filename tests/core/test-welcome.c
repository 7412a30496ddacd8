/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "feuillet-text.h"
#include "feuillet-welcome.h"

/* The first-run article: valid, teaching what it should, 1,500 to 2,500 signes long, and in
 * the language it was written in. */

#define MIN_SIGNES 1500
#define MAX_SIGNES 2500

static guint
count_intertitres (const char *body)
{
  g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "## ") && lines[i][3] != '\0')
      n++;

  return n;
}

static void
test_welcome_article (void)
{
  g_autoptr(FeuilletArticle) article = feuillet_welcome_article_new ();
  g_autoptr(GError) error = NULL;
  const char * const *tags;

  g_assert_true (feuillet_article_validate (article, &error));
  g_assert_no_error (error);

  /* The tests run in the C locale: the source text, in English. */
  g_assert_cmpstr (feuillet_article_get_title (article), ==, "Welcome to Feuillet");
  g_assert_cmpstr (feuillet_article_get_language (article), ==, "en");
  g_assert_cmpuint (strlen (feuillet_article_get_chapeau (article)), >, 0);
  g_assert_cmpuint (count_intertitres (feuillet_article_get_body (article)), >=, 2);

  g_assert_cmpstr (feuillet_article_get_category (article), ==, "Feuillet");
  g_assert_cmpint (feuillet_article_get_status (article), ==, FEUILLET_ARTICLE_STATUS_IDEA);
  tags = feuillet_article_get_tags (article);
  g_assert_nonnull (tags);
  g_assert_cmpuint (g_strv_length ((GStrv) tags), >=, 1);
  g_assert_true (g_strv_contains (tags, "Feuillet"));

  /* A new article, not one of the library's yet. */
  g_assert_cmpint (feuillet_article_get_id (article), ==, 0);
}

static void
test_welcome_teaches (void)
{
  g_autoptr(FeuilletArticle) article = feuillet_welcome_article_new ();
  const char *body = feuillet_article_get_body (article);
  const char *taught[] = {
    "**bold**", "*italic*", "`## `", "\n> «", "Ctrl+N", "Ctrl+F", "Ctrl+H", "trash",
    "feuillet-cli", "WordPress", "signes", "feuillets", "chapeau",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (taught); i++)
    if (strstr (body, taught[i]) == NULL)
      g_error ("the welcome article does not mention “%s”", taught[i]);

  /* Markdown that reads as meant: the body starts with an intertitre and ends as the editor
   * keeps a body, without a final newline. */
  g_assert_true (g_str_has_prefix (body, "## "));
  g_assert_true (g_str_has_suffix (body, "."));
  g_assert_null (strstr (body, "\n\n\n"));
}

static void
test_welcome_length (void)
{
  g_autoptr(FeuilletArticle) article = feuillet_welcome_article_new ();
  FeuilletCounts counts;

  feuillet_text_count (feuillet_article_get_title (article),
                       feuillet_article_get_chapeau (article),
                       feuillet_article_get_body (article),
                       &counts);
  g_test_message ("welcome article: %u signes, %u words", counts.signes, counts.words);

  g_assert_cmpuint (counts.signes, >=, MIN_SIGNES);
  g_assert_cmpuint (counts.signes, <=, MAX_SIGNES);
  /* The text says it was ordered at its target: it must not miss it by much. */
  g_assert_cmpuint (feuillet_article_get_target (article), ==, 2000);
  g_assert_cmpuint (counts.signes, >=, 2000 * 9 / 10);
  g_assert_cmpuint (counts.signes, <=, 2000 * 11 / 10);
}

static void
test_welcome_language_untranslated (void)
{
  /* A French user whose French catalogue is not installed reads English: the article must
   * say "en", or the French dictionary would underline every word. (The process stays in
   * the C locale, where gettext translates nothing.) */
  g_autoptr(FeuilletArticle) article = NULL;

  g_setenv ("LANGUAGE", "fr_FR:fr", TRUE);
  g_setenv ("LC_MESSAGES", "fr_FR.UTF-8", TRUE);
  g_assert_cmpstr (g_get_language_names ()[0], ==, "fr_FR");

  article = feuillet_welcome_article_new ();
  g_assert_cmpstr (feuillet_article_get_title (article), ==, "Welcome to Feuillet");
  g_assert_cmpstr (feuillet_article_get_language (article), ==, "en");

  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_MESSAGES");
}

/* A GNU .mo catalogue of @n_pairs (msgid, msgstr) pairs, msgids in strcmp order. */
static GBytes *
make_catalogue (const char * const *pairs,
                guint32             n_pairs)
{
  GByteArray *mo = g_byte_array_new ();
  guint32 header[7] = { 0x950412de, 0, n_pairs, 28, 28 + 8 * n_pairs, 0, 28 + 16 * n_pairs };
  guint32 offset = 28 + 16 * n_pairs;

  g_byte_array_append (mo, (guint8 *) header, sizeof header);

  /* Two tables of (length, offset), the msgids' then the msgstrs', then the strings in the
   * same order, each ending with a NUL. */
  for (guint side = 0; side < 2; side++)
    for (guint32 i = 0; i < n_pairs; i++)
      {
        guint32 entry[2] = { (guint32) strlen (pairs[2 * i + side]), offset };

        g_byte_array_append (mo, (guint8 *) entry, sizeof entry);
        offset += entry[0] + 1;
      }
  for (guint side = 0; side < 2; side++)
    for (guint32 i = 0; i < n_pairs; i++)
      g_byte_array_append (mo, (guint8 *) pairs[2 * i + side], strlen (pairs[2 * i + side]) + 1);

  return g_byte_array_free_to_bytes (mo);
}

static void
test_welcome_language_translated (void)
{
  /* With a French catalogue and a French locale the article is French, and says so. The
   * catalogue holds the title alone: enough for the text to count as translated. */
  const char *pairs[] = {
    "", "Content-Type: text/plain; charset=UTF-8\n",
    "Welcome to Feuillet", "Bienvenue dans Feuillet",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GBytes) catalogue = make_catalogue (pairs, G_N_ELEMENTS (pairs) / 2);
  g_autofree char *dir = g_dir_make_tmp ("feuillet-welcome-XXXXXX", &error);
  g_autofree char *messages = NULL;
  g_autofree char *path = NULL;
  g_autofree char *old_dir = g_strdup (bindtextdomain (GETTEXT_PACKAGE, NULL));

  g_assert_no_error (error);
  messages = g_build_filename (dir, "fr", "LC_MESSAGES", NULL);
  path = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (catalogue, NULL),
                                      g_bytes_get_size (catalogue), &error));
  g_assert_no_error (error);

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("no fr_FR.UTF-8 locale here (build-aux/dev makes one)");
    }
  else
    {
      /* gettext follows setlocale(); g_get_language_names() the environment. */
      g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
      bindtextdomain (GETTEXT_PACKAGE, dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      article = feuillet_welcome_article_new ();
      g_assert_cmpstr (feuillet_article_get_title (article), ==, "Bienvenue dans Feuillet");
      g_assert_cmpstr (feuillet_article_get_language (article), ==, "fr");
      g_assert_true (feuillet_article_validate (article, &error));
      g_assert_no_error (error);

      bindtextdomain (GETTEXT_PACKAGE, old_dir);
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
    }

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (messages), ==, 0);
  g_clear_pointer (&messages, g_free);
  messages = g_build_filename (dir, "fr", NULL);
  g_assert_cmpint (g_rmdir (messages), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/welcome/article", test_welcome_article);
  g_test_add_func ("/welcome/teaches", test_welcome_teaches);
  g_test_add_func ("/welcome/length", test_welcome_length);
  g_test_add_func ("/welcome/language/untranslated", test_welcome_language_untranslated);
  g_test_add_func ("/welcome/language/translated", test_welcome_language_translated);

  return g_test_run ();
}
