/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-text"

#include "config.h"

#include <libxml/HTMLparser.h>
#include <md4c.h>

#include <glib/gi18n-lib.h>

#include "feuillet-error.h"
#include "feuillet-text.h"

/*
 * Counting follows DESIGN.md ("Signes, words, feuillets"): on the visible text (title,
 * chapeau, body with its Markdown markup removed), signes are characters with spaces, each
 * run of white space counting as one and each paragraph break as one.
 *
 * "Characters" means what a reader sees as one: a combining accent, an emoji skin tone or a
 * sequence joined by U+200D ZERO WIDTH JOINER belongs to the character before it, so é counts
 * once whether typed composed or not. GLib has no grapheme segmentation and ICU is not among
 * the platform's dependencies, so the few rules that matter for copy are applied here. (Not
 * normalizing to NFC first is also what keeps counting a 10,000-word article under a
 * millisecond: g_utf8_normalize() alone takes several.)
 */

/* A reader's pace for news copy, in words a minute. */
#define WORDS_PER_MINUTE 230

/* The markdown flavour Feuillet writes: CommonMark with tables and strikethrough. */
#define MARKDOWN_FLAGS (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS)

static gboolean
is_space (gunichar c)
{
  /* g_unichar_isspace() covers the no-break spaces (U+00A0, U+202F): they are Zs. */
  return g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF;
}

/* Whether @c extends the character before it rather than starting one of its own. */
static gboolean
extends_previous (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      break;
    }

  return c == 0x200D ||                       /* zero width joiner */
         (c >= 0xFE00 && c <= 0xFE0F) ||      /* variation selectors */
         (c >= 0xE0100 && c <= 0xE01EF) ||
         (c >= 0x1F3FB && c <= 0x1F3FF) ||    /* emoji skin tones */
         (c >= 0xE0020 && c <= 0xE007F);      /* emoji tag sequences */
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_word_joiner (gunichar c)
{
  switch (c)
    {
    case '\'':
    case 0x2019:  /* ’ right single quotation mark: the French apostrophe */
    case 0x02BC:  /* ʼ modifier letter apostrophe */
    case '-':
    case 0x2010:  /* ‐ hyphen */
    case 0x2011:  /* ‑ non-breaking hyphen */
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * feuillet_text_count_signes:
 * @text: plain text; blank lines separate paragraphs
 *
 * Returns: the signes of @text
 */
guint
feuillet_text_count_signes (const char *text)
{
  guint signes = 0;
  gboolean pending_space = FALSE;
  gboolean after_joiner = FALSE;
  gboolean open_regional_pair = FALSE;
  gboolean started = FALSE;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c;

      /* Most of the copy is ASCII: a letter or a space, never part of another character. */
      if ((guchar) *p < 0x80 && !after_joiner)
        {
          if (g_ascii_isspace (*p))
            {
              pending_space = TRUE;
              continue;
            }
          if (started && pending_space)
            signes++;
          pending_space = FALSE;
          open_regional_pair = FALSE;
          started = TRUE;
          signes++;
          continue;
        }

      c = g_utf8_get_char (p);

      /* A paragraph break and a run of white space both count as one signe. */
      if (is_space (c))
        {
          pending_space = TRUE;
          continue;
        }

      if (started && (extends_previous (c) || after_joiner) && !pending_space)
        {
          after_joiner = c == 0x200D;
          continue;
        }
      if (started && is_regional_indicator (c) && open_regional_pair && !pending_space)
        {
          open_regional_pair = FALSE;
          continue;
        }

      if (started && pending_space)
        signes++;
      pending_space = FALSE;
      after_joiner = FALSE;
      open_regional_pair = is_regional_indicator (c);
      started = TRUE;
      signes++;
    }

  return signes;
}

/**
 * feuillet_text_count_words:
 * @text: plain text
 *
 * Returns: the runs of letters and digits in @text, those joined by an apostrophe or a
 *   hyphen counting as one ("l’ambassadeur", "PME-PMI")
 */
guint
feuillet_text_count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_char (c))
        {
          if (!in_word)
            words++;
          in_word = TRUE;
        }
      else if (in_word && is_word_joiner (c))
        {
          const char *next = g_utf8_next_char (p);

          in_word = *next != '\0' && is_word_char (g_utf8_get_char (next));
        }
      else
        {
          in_word = FALSE;
        }
    }

  return words;
}

typedef struct
{
  GString *out;
  /* inside an image: its alt text is not read on the page */
  guint    image_depth;
} VisibleText;

static void
start_paragraph (VisibleText *visible)
{
  GString *out = visible->out;

  if (out->len > 0 && !(out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n'))
    g_string_append (out, "\n\n");
}

static int
on_enter_block (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  VisibleText *visible = user_data;

  switch (type)
    {
    case MD_BLOCK_P:
    case MD_BLOCK_H:
    case MD_BLOCK_CODE:
    case MD_BLOCK_LI:
    case MD_BLOCK_TR:
      start_paragraph (visible);
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      g_string_append_c (visible->out, ' ');
      break;
    default:
      break;
    }

  return 0;
}

static int
on_leave_block (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  return 0;
}

static int
on_enter_span (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  VisibleText *visible = user_data;

  if (type == MD_SPAN_IMG)
    visible->image_depth++;

  return 0;
}

static int
on_leave_span (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  VisibleText *visible = user_data;

  if (type == MD_SPAN_IMG)
    visible->image_depth--;

  return 0;
}

static void
append_entity (GString    *out,
               const char *entity,
               gsize       size)
{
  g_autofree char *name = g_strndup (entity, size);
  gsize len = strlen (name);

  if (len < 3 || name[0] != '&' || name[len - 1] != ';')
    {
      g_string_append (out, name);
      return;
    }
  name[len - 1] = '\0';

  if (name[1] == '#')
    {
      gboolean hex = name[2] == 'x' || name[2] == 'X';
      guint64 value = g_ascii_strtoull (name + (hex ? 3 : 2), NULL, hex ? 16 : 10);

      g_string_append_unichar (out, g_unichar_validate (value) && value != 0 ? (gunichar) value : 0xFFFD);
    }
  else
    {
      const htmlEntityDesc *desc = htmlEntityLookup ((const xmlChar *)name + 1);

      if (desc != NULL)
        g_string_append_unichar (out, desc->value);
      else
        g_string_append_len (out, entity, size);
    }
}

static int
on_text (MD_TEXTTYPE   type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *user_data)
{
  VisibleText *visible = user_data;

  if (visible->image_depth > 0)
    return 0;

  switch (type)
    {
    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_LATEXMATH:
      g_string_append_len (visible->out, text, size);
      break;
    case MD_TEXT_ENTITY:
      append_entity (visible->out, text, size);
      break;
    case MD_TEXT_NULLCHAR:
      g_string_append_unichar (visible->out, 0xFFFD);
      break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      g_string_append_c (visible->out, ' ');
      break;
    case MD_TEXT_HTML:
    default:
      /* Raw HTML is markup, not copy. */
      break;
    }

  return 0;
}

/**
 * feuillet_text_visible_markdown:
 * @markdown: an article body
 *
 * Returns: (transfer full): the text a reader sees, paragraphs separated by a blank line
 */
char *
feuillet_text_visible_markdown (const char *markdown)
{
  VisibleText visible = { g_string_new (NULL), 0 };
  MD_PARSER parser = {
    .abi_version = 0,
    .flags = MARKDOWN_FLAGS,
    .enter_block = on_enter_block,
    .leave_block = on_leave_block,
    .enter_span = on_enter_span,
    .leave_span = on_leave_span,
    .text = on_text,
  };

  g_return_val_if_fail (markdown != NULL, NULL);

  md_parse (markdown, strlen (markdown), &parser, &visible);

  return g_string_free (visible.out, FALSE);
}

/**
 * feuillet_text_count:
 * @title: the title, plain text
 * @chapeau: the chapeau, plain text
 * @body: the body, Markdown
 * @counts: (out): where to put the counts
 *
 * Counts an article as DESIGN.md defines it.
 */
void
feuillet_text_count (const char     *title,
                     const char     *chapeau,
                     const char     *body,
                     FeuilletCounts *counts)
{
  g_autofree char *visible_body = NULL;

  g_return_if_fail (counts != NULL);

  visible_body = feuillet_text_visible_markdown (body ? body : "");
  feuillet_text_count_visible (title, chapeau, visible_body, counts);
}

/**
 * feuillet_text_count_visible:
 * @visible_body: the body as feuillet_text_visible_markdown() returns it
 *
 * feuillet_text_count() for a caller that has the visible body already.
 */
void
feuillet_text_count_visible (const char     *title,
                             const char     *chapeau,
                             const char     *visible_body,
                             FeuilletCounts *counts)
{
  g_autoptr(GString) all = g_string_new (NULL);

  g_return_if_fail (counts != NULL);

  /* Title, chapeau and body are paragraphs of their own. */
  g_string_append (all, title ? title : "");
  g_string_append (all, "\n\n");
  g_string_append (all, chapeau ? chapeau : "");
  g_string_append (all, "\n\n");
  g_string_append (all, visible_body ? visible_body : "");

  counts->signes = feuillet_text_count_signes (all->str);
  counts->words = feuillet_text_count_words (all->str);
  counts->feuillets = (double) ((counts->signes * 10 + FEUILLET_SIGNES_PER_FEUILLET / 2)
                                / FEUILLET_SIGNES_PER_FEUILLET) / 10.0;
  counts->reading_minutes = counts->words == 0 ? 0
                          : MAX (1, (counts->words + WORDS_PER_MINUTE / 2) / WORDS_PER_MINUTE);
}

/**
 * feuillet_text_check_utf8:
 * @display_name: where the text comes from, for the message
 *
 * Returns: whether @text is valid UTF-8; if not, @error names the line of the first bad byte
 */
gboolean
feuillet_text_check_utf8 (const char  *text,
                          gsize        length,
                          const char  *display_name,
                          GError     **error)
{
  const char *end;
  guint line = 1;

  g_return_val_if_fail (text != NULL, FALSE);

  if (g_utf8_validate_len (text, length, &end))
    return TRUE;

  for (const char *p = text; p < end; p++)
    if (*p == '\n')
      line++;

  g_set_error (error, FEUILLET_MARKDOWN_FILE_ERROR, FEUILLET_MARKDOWN_FILE_ERROR_ENCODING,
               _("%s:%u: the text is not valid UTF-8 (byte 0x%02X); save it as UTF-8"),
               display_name, line, (guchar) *end);
  return FALSE;
}

/**
 * feuillet_text_format_counts:
 *
 * Returns: (transfer full): the counts as a line for people, in their language:
 *   "3,222 signes · 479 words · 2.1 feuillets · 2 min read"
 */
char *
feuillet_text_format_counts (const FeuilletCounts *counts)
{
  g_autofree char *signes = NULL;
  g_autofree char *words = NULL;
  g_autofree char *feuillets = NULL;
  g_autofree char *reading = NULL;
  gulong feuillets_n;

  g_return_val_if_fail (counts != NULL, NULL);

  /* Translators: characters with spaces, the press's unit of length */
  signes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u signe", "%'u signes", counts->signes),
                            counts->signes);
  words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u word", "%'u words", counts->words), counts->words);
  /* Plural forms count whole numbers; for 1.3, French says "1,3 feuillet" and English
   * "1.3 feuillets": 0 asks for exactly that in both (and in languages like them). */
  feuillets_n = counts->feuillets == 1.0 ? 1 : counts->feuillets < 2.0 ? 0 : (gulong) counts->feuillets;
  /* Translators: a feuillet is 1,500 signes; the number has one decimal */
  feuillets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.1f feuillet", "%.1f feuillets", feuillets_n),
                               counts->feuillets);
  /* Translators: reading time */
  reading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min read", "%u min read", counts->reading_minutes),
                             counts->reading_minutes);

  /* Translators: signes, words, feuillets and reading time, in this order */
  return g_strdup_printf (_("%s · %s · %s · %s"), signes, words, feuillets, reading);
}
