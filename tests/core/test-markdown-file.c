/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "feuillet-error.h"
#include "feuillet-markdown-file.h"
#include "test-util.h"

/* Markdown files with YAML front matter, both ways. */

static FeuilletArticle *
parse (const char  *text,
       GError     **error)
{
  return feuillet_markdown_file_parse (text, strlen (text), "article.md", NULL, error);
}

static void
test_sample (void)
{
  g_autofree char *path = test_data_path ("samples/kazakhstan-vosges.md");
  g_autofree char *contents = NULL;
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char * const expected_tags[] = { "Kazakhstan", "Vosges", "industrie", "coopération", "éco-matériaux", NULL };
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  article = feuillet_markdown_file_parse (contents, length, "kazakhstan-vosges.md", warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);

  g_assert_cmpstr (feuillet_article_get_title (article), ==, "Le Kazakhstan s’intéresse à l’industrie vosgienne");
  g_assert_true (g_str_has_prefix (feuillet_article_get_chapeau (article), "Vendredi, l’ambassadeur du Kazakhstan"));
  g_assert_cmpstr (feuillet_article_get_category (article), ==, "Economie");
  g_assert_cmpstrv (feuillet_article_get_tags (article), expected_tags);
  g_assert_cmpstr (feuillet_article_get_byline (article), ==, "B.Boulay");
  g_assert_cmpstr (feuillet_article_get_language (article), ==, "fr");
  g_assert_cmpint (feuillet_article_get_status (article), ==, FEUILLET_ARTICLE_STATUS_PUBLISHED);
  g_assert_true (g_str_has_prefix (feuillet_article_get_body (article), "Une réunion de travail"));
  g_assert_nonnull (strstr (feuillet_article_get_body (article), "\n## De la Chine à l’Europe"));
}

static void
assert_round_trip (FeuilletArticle *article)
{
  g_autofree char *text = feuillet_markdown_file_serialize (article);
  g_autoptr(FeuilletArticle) back = NULL;
  g_autoptr(GError) error = NULL;

  back = parse (text, &error);
  g_assert_no_error (error);
  if (!feuillet_article_equal_content (article, back))
    g_error ("Round trip changed the article; the file was:\n%s", text);
}

static void
test_round_trip (void)
{
  g_autoptr(FeuilletArticle) article = feuillet_article_new ();
  g_autoptr(GDateTime) schedule = g_date_time_new_utc (2026, 12, 1, 7, 30, 0);
  const char * const tags[] = { "Gérardmer", "fête: foraine", "#hashtag", "- tiret", "yes", "123", NULL };
  const char * const tricky[] = {
    "Note : « oui » ou \"non\"", "- commence par un tiret", "# dièse", "yes", "123", "null", "~",
    "a: b", "  espaces  ", "ligne\nsur deux", "'apostrophe", "{accolade}", "[crochet]", "",
  };

  g_object_set (article,
                "title", "Le Kazakhstan s’intéresse à l’industrie vosgienne",
                "chapeau", "Vendredi, l’ambassadeur « Nourlan Danenov » : 10 % !",
                "body", "Un paragraphe.\n\n## Intertitre\n\n> « Une citation »\n\n- un\n- deux\n",
                "category", "Économie",
                "tags", tags,
                "byline", "B.Boulay",
                "status", FEUILLET_ARTICLE_STATUS_SCHEDULED,
                "slug", "kazakhstan-vosges",
                "language", "fr-FR",
                "target", 4000,
                "featured-image", "/home/reporter/Images/astana.jpg",
                "schedule-date", schedule,
                NULL);
  assert_round_trip (article);

  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      feuillet_article_set_title (article, tricky[i]);
      feuillet_article_set_chapeau (article, tricky[i]);
      feuillet_article_set_category (article, tricky[i]);
      assert_round_trip (article);
    }

  /* The body is kept byte for byte, blank lines and all. */
  feuillet_article_set_body (article, "\n\nCommence par des lignes vides\n---\nfin sans retour");
  assert_round_trip (article);
  feuillet_article_set_body (article, "");
  assert_round_trip (article);
}

static void
assert_parse_error (const char *text,
                    int         code,
                    const char *location)
{
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = parse (text, &error);
  g_assert_null (article);
  g_assert_error (error, FEUILLET_MARKDOWN_FILE_ERROR, code);
  if (!g_str_has_prefix (error->message, location))
    g_error ("“%s” does not start with “%s”", error->message, location);
}

static void
test_errors (void)
{
  assert_parse_error ("---\ntitle: Sans fin\n\nLe corps.\n", FEUILLET_MARKDOWN_FILE_ERROR_FRONT_MATTER, "article.md:1:");
  assert_parse_error ("---\ntitle: ok\nchapeau: \"pas fermé\ntags: [a]\n---\n", FEUILLET_MARKDOWN_FILE_ERROR_FRONT_MATTER,
                      "article.md:");
  assert_parse_error ("---\ntitle: ok\nstatus: publish\n---\n", FEUILLET_MARKDOWN_FILE_ERROR_FIELD, "article.md:3:");
  assert_parse_error ("---\ntitle: ok\n\ntarget: beaucoup\n---\n", FEUILLET_MARKDOWN_FILE_ERROR_FIELD, "article.md:4:");
  assert_parse_error ("---\ntitle: ok\ntags:\n  a: b\n---\n", FEUILLET_MARKDOWN_FILE_ERROR_FIELD, "article.md:4:");
  assert_parse_error ("---\ntitle: [une, liste]\n---\n", FEUILLET_MARKDOWN_FILE_ERROR_FIELD, "article.md:2:");
  assert_parse_error ("---\ntitle: a\ntitle: b\n---\n", FEUILLET_MARKDOWN_FILE_ERROR_FIELD, "article.md:3:");
  assert_parse_error ("---\n- une\n- liste\n---\n", FEUILLET_MARKDOWN_FILE_ERROR_FIELD, "article.md:2:");
  assert_parse_error ("---\ntitle: ok\nschedule: demain\n---\n", FEUILLET_MARKDOWN_FILE_ERROR_FIELD, "article.md:3:");
  assert_parse_error ("---\ntitle: G\xe9rardmer\n---\n", FEUILLET_MARKDOWN_FILE_ERROR_ENCODING, "article.md:2:");
}

static void
test_unknown_fields_warn (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "---\ntitle: Titre\nlayout: post\n---\nCorps\n";

  article = feuillet_markdown_file_parse (text, strlen (text), "jekyll.md", warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feuillet_article_get_title (article), ==, "Titre");
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (g_str_has_prefix (warnings->pdata[0], "jekyll.md:3:"));
  g_assert_nonnull (strstr (warnings->pdata[0], "layout"));
}

static void
test_plain_markdown (void)
{
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  /* No front matter: a first "# Title" line is the title; Windows line ends are read too. */
  article = parse ("\xEF\xBB\xBF# Gérardmer sous la neige\r\n\r\nPremières chutes.\r\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feuillet_article_get_title (article), ==, "Gérardmer sous la neige");
  g_assert_cmpstr (feuillet_article_get_body (article), ==, "Premières chutes.\n");
  g_clear_object (&article);

  article = parse ("Juste un texte.\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feuillet_article_get_title (article), ==, "");
  g_assert_cmpstr (feuillet_article_get_body (article), ==, "Juste un texte.\n");
  g_clear_object (&article);

  /* Tags as one comma-separated line, YAML's null for nothing. */
  article = parse ("---\ntitle: T\ntags: Vosges, industrie\nchapeau: ~\n---\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feuillet_article_get_tags (article)[1], ==, "industrie");
  g_assert_cmpstr (feuillet_article_get_chapeau (article), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown-file/sample", test_sample);
  g_test_add_func ("/markdown-file/round-trip", test_round_trip);
  g_test_add_func ("/markdown-file/errors", test_errors);
  g_test_add_func ("/markdown-file/unknown-fields-warn", test_unknown_fields_warn);
  g_test_add_func ("/markdown-file/plain-markdown", test_plain_markdown);

  return g_test_run ();
}
