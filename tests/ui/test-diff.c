/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "feuillet-diff.h"

/* Chunks written as "=kept", "-removed", "+added", joined with "|". */
static char *
describe (GPtrArray *chunks)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      FeuilletDiffChunk *chunk = chunks->pdata[i];
      const char *sign = "=";

      if (chunk->op == FEUILLET_DIFF_DELETE)
        sign = "-";
      else if (chunk->op == FEUILLET_DIFF_INSERT)
        sign = "+";
      g_string_append_printf (out, "%s%s%s", i > 0 ? "|" : "", sign, chunk->text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The chunks spell both texts, are never empty, and a change lists the removed first. */
static void
check_chunks (const char *old_text,
              const char *new_text,
              GPtrArray  *chunks)
{
  g_autoptr(GString) old_out = g_string_new (NULL);
  g_autoptr(GString) new_out = g_string_new (NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      FeuilletDiffChunk *chunk = chunks->pdata[i];

      g_assert_cmpstr (chunk->text, !=, "");
      if (i > 0)
        {
          FeuilletDiffChunk *previous = chunks->pdata[i - 1];

          g_assert_cmpint (previous->op, !=, chunk->op);
          g_assert_false (previous->op == FEUILLET_DIFF_INSERT && chunk->op == FEUILLET_DIFF_DELETE);
        }
      if (chunk->op != FEUILLET_DIFF_INSERT)
        g_string_append (old_out, chunk->text);
      if (chunk->op != FEUILLET_DIFF_DELETE)
        g_string_append (new_out, chunk->text);
    }

  g_assert_cmpstr (old_out->str, ==, old_text);
  g_assert_cmpstr (new_out->str, ==, new_text);
}

static void
assert_diff (const char *old_text,
             const char *new_text,
             const char *expected)
{
  g_autoptr(GPtrArray) chunks = feuillet_diff_words (old_text, new_text);
  g_autofree char *described = describe (chunks);

  check_chunks (old_text, new_text, chunks);
  g_assert_cmpstr (described, ==, expected);
}

static void
test_diff_same (void)
{
  assert_diff ("", "", "");
  assert_diff ("Le froid est là.", "Le froid est là.", "=Le froid est là.");
}

static void
test_diff_from_nothing (void)
{
  assert_diff ("", "Gérardmer sous la neige", "+Gérardmer sous la neige");
  assert_diff ("Gérardmer sous la neige", "", "-Gérardmer sous la neige");
}

static void
test_diff_word (void)
{
  assert_diff ("Le chat dort.", "Le chien dort.", "=Le |-chat|+chien|= dort.");
  assert_diff ("La station ouvre samedi.", "La station ouvre dès samedi.",
               "=La station ouvre |+dès |=samedi.");
  assert_diff ("Premières chutes sur les Hautes-Vosges.", "Premières chutes sur les Vosges.",
               "=Premières chutes sur les |-Hautes-|=Vosges.");
}

/* The space between replaced words does not cut a replaced phrase in pieces. */
static void
test_diff_phrase (void)
{
  assert_diff ("le chat noir dort", "un chien blanc dort", "-le chat noir|+un chien blanc|= dort");
  /* A longer kept word stays kept. */
  assert_diff ("le ambassadeur a", "un ambassadeur b", "-le|+un|= ambassadeur |-a|+b");
}

/* Words are Unicode: accents, « » with their no-break spaces, apostrophes. */
static void
test_diff_unicode (void)
{
  assert_diff ("Il a dit\u00a0: «\u00a0non\u00a0».", "Il a dit\u00a0: «\u00a0oui\u00a0».",
               "=Il a dit\u00a0: «\u00a0|-non|+oui|=\u00a0».");
  assert_diff ("l’ambassadeur arrive", "l’ambassadrice arrive",
               "=l’|-ambassadeur|+ambassadrice|= arrive");
  assert_diff ("Élysée", "Elysée", "-Élysée|+Elysée");
}

static void
test_diff_paragraphs (void)
{
  assert_diff ("Un.\n\nDeux.", "Un.\n\nTrois.\n\nDeux.", "=Un.\n\n|+Trois.\n\n|=Deux.");
}

static char *
random_text (GRand *rand,
             guint  words)
{
  static const char * const vocabulary[] = {
    "le", "la", "froid", "neige", "Vosges", "é", "station", ",", ".", "«\u00a0", "\u00a0»", "\n\n",
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < words; i++)
    {
      g_string_append (text, vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))]);
      if (g_rand_boolean (rand))
        g_string_append_c (text, ' ');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Whatever the texts, the chunks spell both. */
static void
test_diff_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1500);

  for (guint round = 0; round < 500; round++)
    {
      g_autofree char *old_text = random_text (rand, g_rand_int_range (rand, 0, 60));
      g_autofree char *new_text = NULL;
      g_autoptr(GPtrArray) chunks = NULL;

      /* Half the time an edit of the old text, half the time another text. */
      if (g_rand_boolean (rand) && old_text[0] != '\0')
        {
          g_autofree char *insert = random_text (rand, g_rand_int_range (rand, 0, 5));
          gsize cut = g_rand_int_range (rand, 0, strlen (old_text));

          while (cut > 0 && (old_text[cut] & 0xc0) == 0x80)
            cut--;
          new_text = g_strdup_printf ("%.*s%s%s", (int) cut, old_text, insert, old_text + cut);
        }
      else
        {
          new_text = random_text (rand, g_rand_int_range (rand, 0, 60));
        }

      chunks = feuillet_diff_words (old_text, new_text);
      check_chunks (old_text, new_text, chunks);
    }
}

/* Two long unrelated texts compare in bounded time (the search gives up on being minimal). */
static void
test_diff_long (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *old_text = random_text (rand, 40000);
  g_autofree char *new_text = random_text (rand, 40000);
  g_autoptr(GPtrArray) chunks = NULL;
  gint64 start = g_get_monotonic_time ();

  chunks = feuillet_diff_words (old_text, new_text);
  check_chunks (old_text, new_text, chunks);
  g_test_message ("40,000 words against 40,000: %.2f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/same", test_diff_same);
  g_test_add_func ("/diff/from-nothing", test_diff_from_nothing);
  g_test_add_func ("/diff/word", test_diff_word);
  g_test_add_func ("/diff/phrase", test_diff_phrase);
  g_test_add_func ("/diff/unicode", test_diff_unicode);
  g_test_add_func ("/diff/paragraphs", test_diff_paragraphs);
  g_test_add_func ("/diff/random", test_diff_random);
  g_test_add_func ("/diff/long", test_diff_long);

  return g_test_run ();
}
