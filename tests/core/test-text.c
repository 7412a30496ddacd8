/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "feuillet-error.h"
#include "feuillet-text.h"

/* Signes, words and feuillets as DESIGN.md defines them, on text that trips counters. */

static guint
signes (const char *title,
        const char *chapeau,
        const char *body)
{
  FeuilletCounts counts;

  feuillet_text_count (title, chapeau, body, &counts);
  return counts.signes;
}

static void
test_signes_spaces (void)
{
  g_assert_cmpuint (feuillet_text_count_signes ("Bonjour"), ==, 7);
  /* A run of white space is one signe, wherever it is inside the text. */
  g_assert_cmpuint (feuillet_text_count_signes ("a  b"), ==, 3);
  g_assert_cmpuint (feuillet_text_count_signes ("a \t\n b"), ==, 3);
  /* Leading and trailing white space is not copy. */
  g_assert_cmpuint (feuillet_text_count_signes ("  a  "), ==, 1);
  /* No-break spaces are spaces: « Oui » with French spacing is 7 signes. */
  g_assert_cmpuint (feuillet_text_count_signes ("«\u00a0Oui\u00a0»"), ==, 7);
  g_assert_cmpuint (feuillet_text_count_signes ("Quoi\u202f?"), ==, 6);
  g_assert_cmpuint (feuillet_text_count_signes ("a\u00a0 b"), ==, 3);
}

static void
test_signes_paragraphs (void)
{
  /* Title, chapeau and body are paragraphs; each break is one signe. */
  g_assert_cmpuint (signes ("Ab", "", "Cd"), ==, 5);
  g_assert_cmpuint (signes ("Ab", "Cd", "Ef\n\nGh"), ==, 11);
  g_assert_cmpuint (signes ("", "", "Ef\n\n\n\nGh"), ==, 5);
  g_assert_cmpuint (signes ("", "", ""), ==, 0);
}

static void
test_signes_markdown (void)
{
  /* Markup is not copy. */
  g_assert_cmpuint (signes ("", "", "**gras** et _italique_"), ==, 16);
  g_assert_cmpuint (signes ("", "", "## Intertitre\n\nTexte"), ==, 16);
  g_assert_cmpuint (signes ("", "", "[le site](https://example.com/une-longue-adresse)"), ==, 7);
  g_assert_cmpuint (signes ("", "", "![une photo](photo.jpg)"), ==, 0);
  g_assert_cmpuint (signes ("", "", "> « Citation »"), ==, 12);
  g_assert_cmpuint (signes ("", "", "- un\n- deux"), ==, 7);
  g_assert_cmpuint (signes ("", "", "du `code`"), ==, 7);
  g_assert_cmpuint (signes ("", "", "a<br>b"), ==, 2);
  /* Entities are the character they name. */
  g_assert_cmpuint (signes ("", "", "a&nbsp;b"), ==, 3);
  g_assert_cmpuint (signes ("", "", "R&amp;D"), ==, 3);
  g_assert_cmpuint (signes ("", "", "&#8217;"), ==, 1);
}

static void
test_signes_characters (void)
{
  /* A combining accent belongs to its letter: é typed as e + U+0301 is one signe. */
  g_assert_cmpuint (feuillet_text_count_signes ("e\u0301te\u0301"), ==, 3);
  g_assert_cmpuint (feuillet_text_count_signes ("été"), ==, 3);
  /* Emoji: a skin tone, a joined family and a flag are one character each. */
  g_assert_cmpuint (feuillet_text_count_signes ("👍"), ==, 1);
  g_assert_cmpuint (feuillet_text_count_signes ("👍🏽"), ==, 1);
  g_assert_cmpuint (feuillet_text_count_signes ("👨\u200d👩\u200d👧"), ==, 1);
  g_assert_cmpuint (feuillet_text_count_signes ("🇫🇷"), ==, 1);
  g_assert_cmpuint (feuillet_text_count_signes ("🇫🇷🇧🇪"), ==, 2);
  g_assert_cmpuint (feuillet_text_count_signes ("❤\ufe0f ok"), ==, 4);
  /* Apostrophes and hyphens are characters like any other. */
  g_assert_cmpuint (feuillet_text_count_signes ("l’ambassadeur"), ==, 13);
}

static void
test_words (void)
{
  g_assert_cmpuint (feuillet_text_count_words (""), ==, 0);
  g_assert_cmpuint (feuillet_text_count_words ("Bonjour, le monde."), ==, 3);
  /* Joined by an apostrophe or a hyphen: one word. */
  g_assert_cmpuint (feuillet_text_count_words ("l’ambassadeur"), ==, 1);
  g_assert_cmpuint (feuillet_text_count_words ("l'ambassadeur"), ==, 1);
  g_assert_cmpuint (feuillet_text_count_words ("aujourd’hui"), ==, 1);
  g_assert_cmpuint (feuillet_text_count_words ("PME-PMI"), ==, 1);
  g_assert_cmpuint (feuillet_text_count_words ("éco-matériaux"), ==, 1);
  g_assert_cmpuint (feuillet_text_count_words ("Saint\u2011Dié"), ==, 1);
  /* A hyphen or apostrophe with nothing after it joins nothing. */
  g_assert_cmpuint (feuillet_text_count_words ("a - b"), ==, 2);
  g_assert_cmpuint (feuillet_text_count_words ("les élèves’ "), ==, 2);
  g_assert_cmpuint (feuillet_text_count_words ("— tiret"), ==, 1);
  /* Digits are words; symbols are not. */
  g_assert_cmpuint (feuillet_text_count_words ("24% de 10%/an"), ==, 4);
  g_assert_cmpuint (feuillet_text_count_words ("20\u202f000 personnes"), ==, 3);
  g_assert_cmpuint (feuillet_text_count_words ("👍 🇫🇷"), ==, 0);
  /* Combining accents stay inside the word. */
  g_assert_cmpuint (feuillet_text_count_words ("e\u0301te\u0301 chaud"), ==, 2);
}

static void
test_feuillets (void)
{
  FeuilletCounts counts;
  g_autoptr(GString) text = g_string_new (NULL);

  feuillet_text_count ("", "", "", &counts);
  g_assert_cmpfloat (counts.feuillets, ==, 0.0);
  g_assert_cmpuint (counts.reading_minutes, ==, 0);

  /* 1,500 signes are one feuillet; one decimal, rounded half up. */
  g_string_append (text, "a");
  for (guint i = 1; i < 1500; i++)
    g_string_append_c (text, 'b');
  feuillet_text_count ("", "", text->str, &counts);
  g_assert_cmpuint (counts.signes, ==, 1500);
  g_assert_cmpfloat_with_epsilon (counts.feuillets, 1.0, 1e-9);

  for (guint i = 0; i < 74; i++)
    g_string_append_c (text, 'c');
  feuillet_text_count ("", "", text->str, &counts);
  g_assert_cmpuint (counts.signes, ==, 1574);
  g_assert_cmpfloat_with_epsilon (counts.feuillets, 1.0, 1e-9);

  g_string_append_c (text, 'd');
  feuillet_text_count ("", "", text->str, &counts);
  g_assert_cmpfloat_with_epsilon (counts.feuillets, 1.1, 1e-9);
  g_assert_cmpuint (counts.reading_minutes, ==, 1);
}

static void
test_sample_article (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "samples", "kazakhstan-vosges.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *visible = NULL;
  const char *body;
  FeuilletCounts counts;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  body = strstr (contents + 4, "---\n") + 5;

  /* Counted independently (the copy with markup and front matter removed, white space runs
   * as one): 3,222 signes and 479 words with the title and the chapeau. */
  feuillet_text_count ("Le Kazakhstan s’intéresse à l’industrie vosgienne",
                       "Vendredi, l’ambassadeur du Kazakhstan, Nourlan Danenov, et son conseiller économique, "
                       "Anuarbek Akhmetov, étaient dans les Vosges pour étudier les possibilités de coopération "
                       "économique et commerciale. Ils étaient particulièrement intéressés par les secteurs de "
                       "l’automobile et des éco-matériaux.",
                       body, &counts);
  g_assert_cmpuint (counts.signes, ==, 3222);
  g_assert_cmpuint (counts.words, ==, 479);
  g_assert_cmpfloat_with_epsilon (counts.feuillets, 2.1, 1e-9);

  visible = feuillet_text_visible_markdown (body);
  g_assert_null (strstr (visible, "##"));
  g_assert_nonnull (strstr (visible, "Développer la coopération avec les PME-PMI innovantes"));
}

static void
test_format_counts (void)
{
  FeuilletCounts counts = { 1950, 320, 1.3, 1 };
  g_autofree char *text = NULL;

  /* English plurals for a decimal: anything but exactly 1 is plural. */
  text = feuillet_text_format_counts (&counts);
  g_assert_cmpstr (text, ==, "1950 signes · 320 words · 1.3 feuillets · 1 min read");
  g_clear_pointer (&text, g_free);

  counts = (FeuilletCounts) { 1500, 1, 1.0, 1 };
  text = feuillet_text_format_counts (&counts);
  g_assert_cmpstr (text, ==, "1500 signes · 1 word · 1.0 feuillet · 1 min read");
}

static void
test_check_utf8 (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (feuillet_text_check_utf8 ("Gérardmer", strlen ("Gérardmer"), "ok.md", &error));
  g_assert_no_error (error);

  g_assert_false (feuillet_text_check_utf8 ("ligne 1\nG\xe9rardmer\n", 19, "latin1.md", &error));
  g_assert_error (error, FEUILLET_MARKDOWN_FILE_ERROR, FEUILLET_MARKDOWN_FILE_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "latin1.md:2:"));
  g_assert_nonnull (strstr (error->message, "0xE9"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/signes/spaces", test_signes_spaces);
  g_test_add_func ("/text/signes/paragraphs", test_signes_paragraphs);
  g_test_add_func ("/text/signes/markdown", test_signes_markdown);
  g_test_add_func ("/text/signes/characters", test_signes_characters);
  g_test_add_func ("/text/words", test_words);
  g_test_add_func ("/text/feuillets", test_feuillets);
  g_test_add_func ("/text/sample-article", test_sample_article);
  g_test_add_func ("/text/check-utf8", test_check_utf8);
  g_test_add_func ("/text/format-counts", test_format_counts);

  return g_test_run ();
}
