/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The typography pass: what a French or English desk expects of the copy, and that a second
 * pass changes nothing. */
#include <glib.h>

#include "feuillet-typography.h"

#define NBSP  "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

typedef struct
{
  const char *typed;
  const char *set;
} Case;

static const Case french_cases[] = {
  { "Il a dit \"bonjour\".", "Il a dit «" NBSP "bonjour" NBSP "»." },
  { "\" espaces \" tapés", "«" NBSP "espaces" NBSP "» tapés" },
  { "l'eau d'ici", "l’eau d’ici" },
  { "Quoi ? Vraiment !", "Quoi" NNBSP "? Vraiment" NNBSP "!" },
  { "Quoi? Vraiment!", "Quoi" NNBSP "? Vraiment" NNBSP "!" },
  { "Il vient ; elle part", "Il vient" NNBSP "; elle part" },
  { "Note : trois points", "Note" NBSP ": trois points" },
  { "Note: collé", "Note" NBSP ": collé" },
  { "Et puis...", "Et puis…" },
  { "de 9 -- 12 h", "de 9 – 12 h" },
  { "un tiret --- long", "un tiret — long" },
  { "1 500 euros", "1" NNBSP "500 euros" },
  { "12 000 000 habitants", "12" NNBSP "000" NNBSP "000 habitants" },
  { "2 000" NBSP "000", "2" NNBSP "000" NNBSP "000" },
  /* A year and a count are not one number; nor are four digits a group. */
  { "en 2024 150 personnes", "en 2024 150 personnes" },
  { "le 3 1234", "le 3 1234" },
  /* What must not move: times, URLs written out, ?! pairs, a ratio without space. */
  { "à 10:30", "à 10:30" },
  { "voir page.php?id=3", "voir page.php?id=3" },
  { "Hein?!", "Hein" NNBSP "?!" },
  /* Guillemets typed by hand get their spaces too. */
  { "«Bonjour»", "«" NBSP "Bonjour" NBSP "»" },
  { "« Bonjour »", "«" NBSP "Bonjour" NBSP "»" },
  { "", "" },
};

static const Case english_cases[] = {
  { "She said \"yes\".", "She said “yes”." },
  { "it's", "it’s" },
  { "Wait... what?", "Wait… what?" },
  { "2020--2024", "2020–2024" },
  { "Note: no space added", "Note: no space added" },
  { "1 500", "1 500" },
};

static void
check_cases (FeuilletTypography typography,
             const Case        *cases,
             gsize              n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *set = feuillet_typography_apply (typography, cases[i].typed);
      g_autofree char *again = feuillet_typography_apply (typography, set);

      g_test_message ("typed: %s", cases[i].typed);
      g_assert_cmpstr (set, ==, cases[i].set);
      /* Idempotent: its own output passes through unchanged. */
      g_assert_cmpstr (again, ==, set);
    }
}

static void
test_french (void)
{
  check_cases (FEUILLET_TYPOGRAPHY_FRENCH, french_cases, G_N_ELEMENTS (french_cases));
}

static void
test_english (void)
{
  check_cases (FEUILLET_TYPOGRAPHY_ENGLISH, english_cases, G_N_ELEMENTS (english_cases));
}

static void
test_none (void)
{
  g_autofree char *set = feuillet_typography_apply (FEUILLET_TYPOGRAPHY_NONE, "\"a\" b'c ... -- 1 500 !");

  g_assert_cmpstr (set, ==, "\"a\" b'c ... -- 1 500 !");
}

/* The renderer hands over text in pieces around markup: "*Bonjour*" in quotes still opens
 * and closes them. */
static void
test_pieces (void)
{
  FeuilletTypographer typographer;
  g_autoptr(GString) out = g_string_new (NULL);

  feuillet_typographer_init (&typographer, FEUILLET_TYPOGRAPHY_FRENCH);
  feuillet_typographer_feed (&typographer, "\"", 1, out);
  feuillet_typographer_feed (&typographer, "Bonjour", 7, out);
  feuillet_typographer_feed (&typographer, "\" dit-il", 8, out);
  g_assert_cmpstr (out->str, ==, "«" NBSP "Bonjour" NBSP "» dit-il");

  /* Code in between is skipped but still decides: after `x` a quote closes. */
  g_string_truncate (out, 0);
  feuillet_typographer_reset (&typographer);
  feuillet_typographer_skip (&typographer, "x", 1);
  feuillet_typographer_feed (&typographer, "\" et 1", 6, out);
  feuillet_typographer_skip (&typographer, "", 0);
  g_assert_cmpstr (out->str, ==, NBSP "» et 1");
}

static void
test_language (void)
{
  g_assert_cmpint (feuillet_typography_for_language ("fr"), ==, FEUILLET_TYPOGRAPHY_FRENCH);
  g_assert_cmpint (feuillet_typography_for_language ("fr-CA"), ==, FEUILLET_TYPOGRAPHY_FRENCH);
  g_assert_cmpint (feuillet_typography_for_language ("en-GB"), ==, FEUILLET_TYPOGRAPHY_ENGLISH);
  g_assert_cmpint (feuillet_typography_for_language ("fro"), ==, FEUILLET_TYPOGRAPHY_NONE);
  g_assert_cmpint (feuillet_typography_for_language ("de"), ==, FEUILLET_TYPOGRAPHY_NONE);
  g_assert_cmpint (feuillet_typography_for_language (NULL), ==, FEUILLET_TYPOGRAPHY_NONE);
}

/* Broken UTF-8 passes through without a crash or a read past the end. */
static void
test_invalid_utf8 (void)
{
  static const char broken[] = "\"\xc3\" \xe2\x80 ! \xc2";
  g_autofree char *set = feuillet_typography_apply (FEUILLET_TYPOGRAPHY_FRENCH, broken);

  g_assert_nonnull (set);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/typography/french", test_french);
  g_test_add_func ("/typography/english", test_english);
  g_test_add_func ("/typography/none", test_none);
  g_test_add_func ("/typography/pieces", test_pieces);
  g_test_add_func ("/typography/language", test_language);
  g_test_add_func ("/typography/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
