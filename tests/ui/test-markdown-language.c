/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "feuillet-markdown-language.h"

/*
 * The body's highlighting, as a reader of the editor sees it with GNOME's Adwaita scheme:
 * what the renderer will set in bold, italic or struck through looks so while typing, and
 * addresses, code and HTML tags are kept from the spell-checker (their class).
 */

#define NO_SPELL_CHECK "gtksourceview:context-classes:no-spell-check"

typedef enum {
  MARK_BOLD = 1 << 0,
  MARK_ITALIC = 1 << 1,
  MARK_UNDERLINE = 1 << 2,
  MARK_STRIKETHROUGH = 1 << 3,
  MARK_COLOURED = 1 << 4,
  MARK_NO_SPELL_CHECK = 1 << 5,
} Mark;

static GtkSourceBuffer *
highlighted (const char *text)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceBuffer *buffer = gtk_source_buffer_new_with_language (feuillet_markdown_language_get ());
  GtkTextIter start, end;

  gtk_source_buffer_set_style_scheme (buffer, gtk_source_style_scheme_manager_get_scheme (schemes, "Adwaita"));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), text, -1);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  gtk_source_buffer_ensure_highlight (buffer, &start, &end);

  return buffer;
}

static Mark
marks_of_char (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);
  Mark marks = 0;

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      g_autofree char *name = NULL;
      gboolean weight_set, style_set, underline_set, strikethrough_set, foreground_set;
      int weight;
      PangoStyle style;
      gboolean strikethrough;

      g_object_get (l->data, "name", &name, "weight-set", &weight_set, "weight", &weight,
                    "style-set", &style_set, "style", &style, "underline-set", &underline_set,
                    "strikethrough-set", &strikethrough_set, "strikethrough", &strikethrough,
                    "foreground-set", &foreground_set, NULL);
      if (g_strcmp0 (name, NO_SPELL_CHECK) == 0)
        marks |= MARK_NO_SPELL_CHECK;
      if (weight_set && weight >= PANGO_WEIGHT_BOLD)
        marks |= MARK_BOLD;
      if (style_set && style == PANGO_STYLE_ITALIC)
        marks |= MARK_ITALIC;
      if (underline_set)
        marks |= MARK_UNDERLINE;
      if (strikethrough_set && strikethrough)
        marks |= MARK_STRIKETHROUGH;
      if (foreground_set)
        marks |= MARK_COLOURED;
    }

  return marks;
}

/* The marks that every character of @fragment (its first place in the buffer) has, and
 * those that any of them has. */
static void
marks_of (GtkSourceBuffer *buffer,
          const char      *fragment,
          Mark            *every,
          Mark            *any)
{
  GtkTextIter iter, end;

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (buffer), &iter);
  if (!gtk_text_iter_forward_search (&iter, fragment, 0, &iter, &end, NULL))
    g_error ("“%s” is not in the buffer", fragment);
  *every = ~0;
  *any = 0;
  for (; !gtk_text_iter_equal (&iter, &end); gtk_text_iter_forward_char (&iter))
    {
      Mark marks = marks_of_char (&iter);

      *every &= marks;
      *any |= marks;
    }
}

#define assert_marked(buffer, fragment, mark) G_STMT_START { \
    Mark every_, any_; \
    marks_of (buffer, fragment, &every_, &any_); \
    g_assert_cmphex (every_ & (mark), ==, (mark)); \
  } G_STMT_END
#define assert_not_marked(buffer, fragment, mark) G_STMT_START { \
    Mark every_, any_; \
    marks_of (buffer, fragment, &every_, &any_); \
    g_assert_cmphex (any_ & (mark), ==, 0); \
  } G_STMT_END

static void
test_emphasis (void)
{
  g_autoptr(GtkSourceBuffer) buffer =
    highlighted ("Un *texte* et **gras**, __fort__ et _penché_ puis ~~barré~~.\n"
                 "Un nom_de_fichier, 3 * 4 * 5, un \\*astérisque\\* et **pas fini.\n");

  assert_marked (buffer, "*texte*", MARK_ITALIC);
  assert_marked (buffer, "**gras**", MARK_BOLD);
  assert_not_marked (buffer, "**gras**", MARK_ITALIC);
  assert_marked (buffer, "__fort__", MARK_BOLD);
  assert_marked (buffer, "_penché_", MARK_ITALIC);
  assert_marked (buffer, "~~barré~~", MARK_STRIKETHROUGH);
  assert_not_marked (buffer, "Un ", MARK_BOLD | MARK_ITALIC | MARK_COLOURED);

  /* What the renderer leaves as text stays plain. */
  assert_not_marked (buffer, "nom_de_fichier", MARK_ITALIC);
  assert_not_marked (buffer, "3 * 4 * 5", MARK_ITALIC);
  assert_not_marked (buffer, "astérisque", MARK_ITALIC);
  assert_not_marked (buffer, "**pas fini.", MARK_BOLD);
}

static void
test_blocks (void)
{
  g_autoptr(GtkSourceBuffer) buffer =
    highlighted ("## Un intertitre\n\n"
                 "> Une citation\n\n"
                 "- une liste\n"
                 "12. numérotée\n\n"
                 "| a | b |\n|---|:-:|\n\n"
                 "```\ncode sans fote\n```\n\n"
                 "Un texte # sans titre.\n");

  assert_marked (buffer, "## Un intertitre", MARK_BOLD);
  assert_marked (buffer, ">", MARK_COLOURED);
  assert_not_marked (buffer, "Une citation", MARK_COLOURED);
  assert_marked (buffer, "-", MARK_COLOURED);
  assert_marked (buffer, "12.", MARK_COLOURED);
  assert_not_marked (buffer, "numérotée", MARK_COLOURED);
  assert_marked (buffer, "|---|:-:|", MARK_COLOURED);
  assert_marked (buffer, "code sans fote", MARK_NO_SPELL_CHECK);
  assert_not_marked (buffer, "Un texte # sans titre.", MARK_BOLD | MARK_COLOURED);
}

/* Addresses, code and tags are not words of the article: the spell-checker skips them, not
 * the text a reader reads. */
static void
test_not_spell_checked (void)
{
  g_autoptr(GtkSourceBuffer) buffer =
    highlighted ("Voir [le site](https://exemple.fr/une-page \"Titre\"), https://www.vosgesmatin.fr/a. "
                 "Et ![une photo](photos/lac.jpg), `du code`, <span class=\"x\">mot</span> <!-- note -->.\n"
                 "[défini]: https://exemple.fr/def\n");

  assert_marked (buffer, "https://exemple.fr/une-page", MARK_NO_SPELL_CHECK | MARK_UNDERLINE);
  assert_not_marked (buffer, "le site", MARK_NO_SPELL_CHECK);
  assert_marked (buffer, "le site", MARK_COLOURED);
  assert_marked (buffer, "https://www.vosgesmatin.fr/a", MARK_NO_SPELL_CHECK | MARK_UNDERLINE);
  /* The full stop after a bare address ends the sentence, not the address. */
  assert_not_marked (buffer, ". Et", MARK_NO_SPELL_CHECK);
  assert_marked (buffer, "photos/lac.jpg", MARK_NO_SPELL_CHECK);
  assert_not_marked (buffer, "une photo", MARK_NO_SPELL_CHECK);
  assert_marked (buffer, "`du code`", MARK_NO_SPELL_CHECK);
  assert_marked (buffer, "<span class=\"x\">", MARK_NO_SPELL_CHECK);
  assert_not_marked (buffer, "mot", MARK_NO_SPELL_CHECK);
  assert_marked (buffer, "<!-- note -->", MARK_NO_SPELL_CHECK);
  assert_marked (buffer, "https://exemple.fr/def", MARK_NO_SPELL_CHECK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_source_init ();

  g_test_add_func ("/markdown-language/emphasis", test_emphasis);
  g_test_add_func ("/markdown-language/blocks", test_blocks);
  g_test_add_func ("/markdown-language/not-spell-checked", test_not_spell_checked);

  return g_test_run ();
}
