/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Render throughput (issue 4): a 10,000-word article made of the newsroom's sample, rendered
 * to HTML with the French typography pass and to WordPress block markup, measured in the same
 * run as bare md4c on the same text (md4c-html's own renderer, and md4c's parser alone).
 * Target: Feuillet at least a quarter of md4c's throughput. Measures and prints; asserts
 * nothing.
 *
 * Usage: bench-render SAMPLE.md [ROUNDS]
 */
#include "config.h"

#include <md4c-html.h>
#include <string.h>

#include "feuillet-markdown-file.h"
#include "feuillet-render.h"
#include "feuillet-text.h"

#define MARKDOWN_FLAGS (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS)

typedef enum { MD4C_PARSE, MD4C_HTML, FEUILLET_HTML_FRENCH, FEUILLET_BLOCKS_FRENCH, N_RENDERERS } Renderer;

static const char *const renderer_names[] = {
  "md4c parser alone (no output)",
  "md4c-html (bare md4c renderer)",
  "Feuillet HTML + French typography",
  "Feuillet block markup + French typography",
};

static int on_block (MD_BLOCKTYPE type, void *detail, void *data) { return 0; }
static int on_span (MD_SPANTYPE type, void *detail, void *data) { return 0; }
static int on_text (MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *data) { return 0; }

static void
append_output (const MD_CHAR *text,
               MD_SIZE        size,
               void          *user_data)
{
  g_string_append_len (user_data, text, size);
}

static gsize
render_once (Renderer    renderer,
             const char *text,
             gsize       length)
{
  static const FeuilletRenderOptions french = { FEUILLET_TYPOGRAPHY_FRENCH, NULL, NULL };
  MD_PARSER parser = { 0, MARKDOWN_FLAGS, on_block, on_block, on_span, on_span, on_text, NULL, NULL };
  g_autoptr(GString) out = NULL;
  g_autofree char *rendered = NULL;

  switch (renderer)
    {
    case MD4C_PARSE:
      md_parse (text, length, &parser, NULL);
      return 0;
    case MD4C_HTML:
      out = g_string_sized_new (length + length / 4);
      md_html (text, length, append_output, out, MARKDOWN_FLAGS, 0);
      return out->len;
    case FEUILLET_HTML_FRENCH:
      rendered = feuillet_render_markdown (text, length, FEUILLET_RENDER_HTML, &french);
      return strlen (rendered);
    case FEUILLET_BLOCKS_FRENCH:
      rendered = feuillet_render_markdown (text, length, FEUILLET_RENDER_BLOCKS, &french);
      return strlen (rendered);
    default:
      g_assert_not_reached ();
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(FeuilletArticle) sample = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GArray *times[N_RENDERERS];
  FeuilletCounts counts;
  guint rounds = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 300;

  if (argc < 2)
    g_error ("usage: bench-render SAMPLE.md [ROUNDS]");
  if (g_file_get_contents (argv[1], &contents, &length, &error))
    sample = feuillet_markdown_file_parse (contents, length, argv[1], NULL, &error);
  if (sample == NULL)
    g_error ("%s", error->message);

  /* The sample's copy, again and again, to 10,000 words. */
  do
    {
      g_string_append (body, feuillet_article_get_body (sample));
      g_string_append (body, "\n\n");
      feuillet_text_count ("", "", body->str, &counts);
    }
  while (counts.words < 10000);
  g_print ("article: %u words, %" G_GSIZE_FORMAT " bytes; %u rounds, interleaved\n",
           counts.words, body->len, rounds);

  for (guint r = 0; r < N_RENDERERS; r++)
    times[r] = g_array_new (FALSE, FALSE, sizeof (double));

  /* Warm up, then take turns so that the machine's noise falls on every renderer alike. */
  for (guint r = 0; r < N_RENDERERS; r++)
    render_once (r, body->str, body->len);
  for (guint i = 0; i < rounds; i++)
    for (guint r = 0; r < N_RENDERERS; r++)
      {
        gint64 start = g_get_monotonic_time ();
        double ms;

        render_once (r, body->str, body->len);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (times[r], ms);
      }

  for (guint r = 0; r < N_RENDERERS; r++)
    {
      double median, mb_per_s;

      g_array_sort (times[r], compare_doubles);
      median = g_array_index (times[r], double, times[r]->len / 2);
      mb_per_s = body->len / (median / 1000.0) / 1e6;
      g_print ("%-45s median %7.3f ms  %7.1f MB/s\n", renderer_names[r], median, mb_per_s);
    }
  {
    double md4c = g_array_index (times[MD4C_HTML], double, rounds / 2);
    double ours = g_array_index (times[FEUILLET_HTML_FRENCH], double, rounds / 2);
    double blocks = g_array_index (times[FEUILLET_BLOCKS_FRENCH], double, rounds / 2);

    g_print ("Feuillet HTML + typography: %.0f %% of md4c-html's throughput; block markup: %.0f %% "
             "(target >= 25 %%)\n", 100.0 * md4c / ours, 100.0 * md4c / blocks);
  }
  for (guint r = 0; r < N_RENDERERS; r++)
    g_array_unref (times[r]);
  return 0;
}
