/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "feuillet-preview-blocks.h"
#include "feuillet-render.h"

static char *
render (const char *markdown)
{
  return feuillet_render_markdown (markdown, strlen (markdown), FEUILLET_RENDER_PREVIEW, NULL);
}

/* Each block is one of the renderer's top-level blocks, from its tag to its end. */
static void
test_blocks_split (void)
{
  g_autofree char *html = render ("Un.\n\n## Deux\n\n> Trois\n\n- quatre\n- cinq\n\n"
                                  "<div>six</div>\n");
  g_autoptr(GArray) blocks = feuillet_preview_blocks_split (html);
  const char *tags[] = { "<p ", "<h2 ", "<blockquote ", "<ul ", "<div " };
  /* Where the renderer says each starts: a heading, a quote, a list at their text. */
  guint64 sources[] = { 0, 8, 16, 25, 40 };

  g_assert_nonnull (blocks);
  g_assert_cmpuint (blocks->len, ==, G_N_ELEMENTS (tags));
  for (guint i = 0; i < blocks->len; i++)
    {
      FeuilletPreviewBlock *block = &g_array_index (blocks, FeuilletPreviewBlock, i);

      g_assert_true (g_str_has_prefix (html + block->start, tags[i]));
      g_assert_cmpuint (block->source, ==, sources[i]);
      g_assert_false (g_ascii_isspace (html[block->end - 1]));
      g_assert_cmpint (html[block->end - 1], ==, '>');
    }
}

/* HTML that is not only marked blocks is not split: the page then gets the whole body. */
static void
test_blocks_split_refuses (void)
{
  g_autoptr(GArray) empty = feuillet_preview_blocks_split ("\n");
  g_autoptr(GArray) text =
    feuillet_preview_blocks_split ("texte <p data-source=\"0000000000\">x</p>");
  g_autoptr(GArray) short_digits = feuillet_preview_blocks_split ("<p data-source=\"12\">x</p>");
  g_autoptr(GArray) unmarked = feuillet_preview_blocks_split ("<p>x</p>");
  g_autofree char *quoted = render ("Un texte qui cite data-source=\"0000000001\" tel quel.\n");
  g_autoptr(GArray) in_text = feuillet_preview_blocks_split (quoted);

  g_assert_nonnull (empty);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_null (text);
  g_assert_null (short_digits);
  g_assert_null (unmarked);
  /* The attribute's text inside a paragraph is not a block of its own. */
  g_assert_true (in_text == NULL || in_text->len == 1);
}

/* A keystroke in the middle of a long text: only its paragraph differs, though every later
 * block moved in the Markdown. */
static void
test_blocks_diff_keystroke (void)
{
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = NULL;
  g_autofree char *old_html = NULL;
  g_autofree char *new_html = NULL;
  g_autoptr(GArray) old_blocks = NULL;
  g_autoptr(GArray) new_blocks = NULL;
  g_autofree char *middle = NULL;
  guint start, old_end, new_end;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (before, "Paragraphe %u, qui dit une chose.\n\n", i);
  after = g_string_new (before->str);
  g_string_replace (after, "Paragraphe 100,", "Paragraphe 100 modifié,", 1);

  old_html = render (before->str);
  new_html = render (after->str);
  old_blocks = feuillet_preview_blocks_split (old_html);
  new_blocks = feuillet_preview_blocks_split (new_html);
  feuillet_preview_blocks_diff (old_html, old_blocks, new_html, new_blocks, &start, &old_end,
                                &new_end);

  g_assert_cmpuint (start, ==, 100);
  g_assert_cmpuint (old_end, ==, 101);
  g_assert_cmpuint (new_end, ==, 101);
  middle = feuillet_preview_blocks_join (new_html, new_blocks, start, new_end);
  g_assert_nonnull (strstr (middle, "Paragraphe 100 modifié,"));
  g_assert_null (strchr (middle, '\n'));
  /* The later blocks moved: same HTML, another offset. */
  g_assert_cmpuint (g_array_index (new_blocks, FeuilletPreviewBlock, 150).source, >,
                    g_array_index (old_blocks, FeuilletPreviewBlock, 150).source);
}

/* A paragraph split in two, and the two joined again. */
static void
test_blocks_diff_split_join (void)
{
  const char *one = "Avant.\n\nUne phrase. Une autre.\n\nApres.\n";
  const char *two = "Avant.\n\nUne phrase.\n\nUne autre.\n\nApres.\n";
  g_autofree char *one_html = render (one);
  g_autofree char *two_html = render (two);
  g_autoptr(GArray) one_blocks = feuillet_preview_blocks_split (one_html);
  g_autoptr(GArray) two_blocks = feuillet_preview_blocks_split (two_html);
  guint start, old_end, new_end;

  feuillet_preview_blocks_diff (one_html, one_blocks, two_html, two_blocks, &start, &old_end,
                                &new_end);
  g_assert_cmpuint (start, ==, 1);
  g_assert_cmpuint (old_end, ==, 2);
  g_assert_cmpuint (new_end, ==, 3);

  feuillet_preview_blocks_diff (two_html, two_blocks, one_html, one_blocks, &start, &old_end,
                                &new_end);
  g_assert_cmpuint (start, ==, 1);
  g_assert_cmpuint (old_end, ==, 3);
  g_assert_cmpuint (new_end, ==, 2);

  /* Nothing changed: nothing to replace. */
  feuillet_preview_blocks_diff (one_html, one_blocks, one_html, one_blocks, &start, &old_end,
                                &new_end);
  g_assert_cmpuint (start, ==, one_blocks->len);
  g_assert_cmpuint (old_end, ==, one_blocks->len);
  g_assert_cmpuint (new_end, ==, one_blocks->len);
}

/* The caret's block: the last one starting at or before it, and how far into it. */
static void
test_blocks_find (void)
{
  const char *markdown = "Un.\n\nDeux deux.\n\nTrois.";
  g_autofree char *html = render (markdown);
  g_autoptr(GArray) blocks = feuillet_preview_blocks_split (html);
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (FeuilletPreviewBlock));
  double fraction;

  g_assert_cmpint (feuillet_preview_blocks_find (blocks, 0, strlen (markdown), &fraction), ==, 0);
  g_assert_cmpfloat (fraction, ==, 0.0);
  g_assert_cmpint (feuillet_preview_blocks_find (blocks, 4, strlen (markdown), &fraction), ==, 0);
  g_assert_cmpint (feuillet_preview_blocks_find (blocks, 5, strlen (markdown), &fraction), ==, 1);
  g_assert_cmpint (feuillet_preview_blocks_find (blocks, 10, strlen (markdown), &fraction), ==, 1);
  g_assert_cmpfloat (fraction, >, 0.3);
  g_assert_cmpfloat (fraction, <, 0.6);
  g_assert_cmpint (feuillet_preview_blocks_find (blocks, strlen (markdown), strlen (markdown),
                                                 &fraction), ==, 2);
  g_assert_cmpfloat (fraction, ==, 1.0);
  g_assert_cmpint (feuillet_preview_blocks_find (none, 3, 10, &fraction), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/preview-blocks/split", test_blocks_split);
  g_test_add_func ("/preview-blocks/split-refuses", test_blocks_split_refuses);
  g_test_add_func ("/preview-blocks/diff-keystroke", test_blocks_diff_keystroke);
  g_test_add_func ("/preview-blocks/diff-split-join", test_blocks_diff_split_join);
  g_test_add_func ("/preview-blocks/find", test_blocks_find);

  return g_test_run ();
}
