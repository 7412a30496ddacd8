/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The typography pass: the marks a careful desk would set, applied when an article is rendered
 * (preview, export, push) and never to the stored text, so a journalist types straight quotes
 * and gets « » with their no-break spaces.
 *
 * French: " → « » with no-break spaces inside, ' → ’, a no-break space before « : », a narrow
 * no-break space before ; ! ?, ... → …, -- → –, --- → —, digit groups ("1 500") joined by a
 * narrow no-break space. English: " → “ ”, ' → ’, ... → …, -- → –, --- → —.
 *
 * It is idempotent (its own output passes through unchanged) and streams: the renderer hands
 * it the text between pieces of markup, and it remembers the character before each piece so
 * that `"*Bonjour*"` still opens and closes its quotes.
 */
#define G_LOG_DOMAIN "feuillet-typography"

#include "config.h"

#include <string.h>

#include "feuillet-typography.h"

#define NBSP   "\xc2\xa0"     /* U+00A0 NO-BREAK SPACE */
#define NNBSP  "\xe2\x80\xaf" /* U+202F NARROW NO-BREAK SPACE */

/* Bytes that may start something to change; every other byte is copied as is, which keeps
 * the pass close to memcpy speed on ordinary prose. */
static const gboolean special_byte[256] = {
  [' '] = TRUE, ['"'] = TRUE, ['\''] = TRUE, ['.'] = TRUE, ['-'] = TRUE,
  [':'] = TRUE, [';'] = TRUE, ['!'] = TRUE, ['?'] = TRUE,
  [0xc2] = TRUE, /* NBSP, « and » */
};

FeuilletTypography
feuillet_typography_for_language (const char *language)
{
  if (language == NULL)
    return FEUILLET_TYPOGRAPHY_NONE;
  if (g_ascii_strncasecmp (language, "fr", 2) == 0 && (language[2] == '\0' || language[2] == '-' || language[2] == '_'))
    return FEUILLET_TYPOGRAPHY_FRENCH;
  if (g_ascii_strncasecmp (language, "en", 2) == 0 && (language[2] == '\0' || language[2] == '-' || language[2] == '_'))
    return FEUILLET_TYPOGRAPHY_ENGLISH;
  return FEUILLET_TYPOGRAPHY_NONE;
}

void
feuillet_typographer_init (FeuilletTypographer *self,
                           FeuilletTypography   typography)
{
  self->typography = typography;
  feuillet_typographer_reset (self);
}

void
feuillet_typographer_reset (FeuilletTypographer *self)
{
  self->previous = 0;
  self->digit_run = 0;
  self->after_opening_quote = FALSE;
  self->quote_open = FALSE;
}

/* strchr() on a gunichar would compare only its low byte. */
static gboolean
is_one_of (gunichar    c,
           const char *ascii_set)
{
  return c != 0 && c < 0x80 && strchr (ascii_set, (int) c) != NULL;
}

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == 0xA0 || c == 0x202F;
}

/* Where a straight quote opens: at the start, after a space, or after an opening mark. */
static gboolean
opens_after (gunichar previous)
{
  return previous == 0 || is_space (previous) || is_one_of (previous, "([{/-") ||
         previous == 0xAB || previous == 0x201C || previous == 0x2018 ||
         previous == 0x2013 || previous == 0x2014;
}

static gunichar
last_char (const GString *out,
           gsize          start,
           gunichar       before_start)
{
  const char *p;

  if (out->len <= start)
    return before_start;
  p = g_utf8_find_prev_char (out->str + start, out->str + out->len);
  if (p == NULL)
    return before_start;
  return g_utf8_get_char_validated (p, out->str + out->len - p);
}

/* Removes the plain spaces that end the output (not those from an earlier piece). */
static void
trim_plain_spaces (GString *out,
                   gsize    start)
{
  while (out->len > start && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
}

static guint
trailing_digits (const GString *out,
                 gsize          start,
                 guint          before_start)
{
  guint count = 0;
  gsize i = out->len;

  while (i > start && g_ascii_isdigit (out->str[i - 1]))
    {
      count++;
      i--;
    }
  return i == start ? count + before_start : count;
}

/* "1 500" and "12 000 000": a group of one to three digits, a space, exactly three digits. */
static gboolean
joins_digit_groups (const GString *out,
                    gsize          start,
                    guint          digits_before_start,
                    const char    *next,
                    const char    *end)
{
  guint before = trailing_digits (out, start, digits_before_start);

  if (before == 0 || before > 3 || end - next < 3)
    return FALSE;
  if (!g_ascii_isdigit (next[0]) || !g_ascii_isdigit (next[1]) || !g_ascii_isdigit (next[2]))
    return FALSE;
  return end - next == 3 || !g_ascii_isdigit (next[3]);
}

/* What may follow ; ! ? for a space to be put before it: not the middle of a URL or a word. */
static gboolean
ends_clause (const char *next,
             const char *end)
{
  gunichar c;

  if (next >= end)
    return TRUE;
  c = g_utf8_get_char_validated (next, end - next);
  return is_space (c) || is_one_of (c, "!?;:.,)]\"'") || c == 0xBB || c == 0x201D || c == 0x2019 || c == 0x2026;
}

static void
feed_french_space_before (GString    *out,
                          gsize       start,
                          gunichar    previous,
                          const char *space,
                          const char *mark,
                          gboolean    insert)
{
  if (previous == ' ' && out->len > start)
    {
      trim_plain_spaces (out, start);
      g_string_append (out, space);
    }
  else if ((previous == 0xA0 || previous == 0x202F) && out->len > start)
    {
      /* Already set by hand or by an earlier pass: keep the kind this mark wants. */
      g_string_truncate (out, out->len - (previous == 0xA0 ? 2 : 3));
      g_string_append (out, space);
    }
  else if (insert && g_unichar_isalnum (previous))
    {
      g_string_append (out, space);
    }
  else if (insert && (previous == 0xBB || is_one_of (previous, ")") || previous == 0x2019 || previous == 0x2026))
    {
      g_string_append (out, space);
    }
  g_string_append (out, mark);
}

void
feuillet_typographer_feed (FeuilletTypographer *self,
                           const char          *text,
                           gsize                length,
                           GString             *out)
{
  const gboolean french = self->typography == FEUILLET_TYPOGRAPHY_FRENCH;
  const char *p = text;
  const char *end = text + length;
  const gsize start = out->len;

  if (self->typography == FEUILLET_TYPOGRAPHY_NONE)
    {
      g_string_append_len (out, text, length);
      feuillet_typographer_skip (self, text, length);
      return;
    }

  while (p < end)
    {
      const char *run = p;
      gunichar previous;

      /* Copy what needs nothing in one go: most bytes, and spaces not followed by a digit. */
      if (!(french && self->after_opening_quote))
        while (p < end && (!special_byte[(guchar) *p] ||
                           (*p == ' ' && !(french && p + 1 < end && g_ascii_isdigit (p[1])))))
          p++;
      if (p > run)
        {
          g_string_append_len (out, run, p - run);
          continue;
        }

      /* After « the text starts after its no-break space, whatever spaces were typed. */
      if (french && self->after_opening_quote)
        {
          gunichar c = g_utf8_get_char_validated (p, end - p);

          if (is_space (c) && c != (gunichar) -1 && c != (gunichar) -2)
            {
              p = g_utf8_next_char (p);
              continue;
            }
          self->after_opening_quote = FALSE;
          if (!special_byte[(guchar) *p])
            continue;
        }

      switch (*p)
        {
        case '"':
          p++;
          previous = last_char (out, start, self->previous);
          /* After a space a quote opens, unless one is open and this one ends a group of
           * words: in `" espaces "` the second closes. */
          if (opens_after (previous) && !(self->quote_open && ends_clause (p, end)))
            {
              self->quote_open = TRUE;
              if (french)
                {
                  g_string_append (out, "\xc2\xab" NBSP);
                  self->after_opening_quote = TRUE;
                }
              else
                g_string_append (out, "\xe2\x80\x9c");
              break;
            }
          self->quote_open = FALSE;
          if (french)
            {
              trim_plain_spaces (out, start);
              if (last_char (out, start, self->previous) != 0xA0)
                g_string_append (out, NBSP);
              g_string_append (out, "\xc2\xbb");
            }
          else
            g_string_append (out, "\xe2\x80\x9d");
          break;

        case '\'':
          p++;
          g_string_append (out, "\xe2\x80\x99");
          break;

        case '.':
          if (end - p >= 3 && p[1] == '.' && p[2] == '.')
            {
              g_string_append (out, "\xe2\x80\xa6");
              p += 3;
            }
          else
            g_string_append_c (out, *p++);
          break;

        case '-':
          if (end - p >= 3 && p[1] == '-' && p[2] == '-')
            {
              g_string_append (out, "\xe2\x80\x94");
              p += 3;
            }
          else if (end - p >= 2 && p[1] == '-')
            {
              g_string_append (out, "\xe2\x80\x93");
              p += 2;
            }
          else
            g_string_append_c (out, *p++);
          break;

        case ':':
          p++;
          previous = last_char (out, start, self->previous);
          if (french)
            feed_french_space_before (out, start, previous, NBSP, ":",
                                      g_unichar_isalpha (previous) && ends_clause (p, end));
          else
            g_string_append_c (out, ':');
          break;

        case ';':
        case '!':
        case '?':
          {
            char mark[2] = { *p, '\0' };

            p++;
            previous = last_char (out, start, self->previous);
            if (french)
              feed_french_space_before (out, start, previous, NNBSP, mark, ends_clause (p, end));
            else
              g_string_append (out, mark);
          }
          break;

        case ' ':
          p++;
          if (french && joins_digit_groups (out, start, self->digit_run, p, end))
            g_string_append (out, NNBSP);
          else
            g_string_append_c (out, ' ');
          break;

        default:
          /* 0xC2: a no-break space, « or », or another Latin-1 character. */
          if (end - p >= 2 && (guchar) p[1] == 0xAB && french)
            {
              g_string_append (out, "\xc2\xab" NBSP);
              self->after_opening_quote = TRUE;
              p += 2;
            }
          else if (end - p >= 2 && (guchar) p[1] == 0xBB && french)
            {
              trim_plain_spaces (out, start);
              previous = last_char (out, start, self->previous);
              if (previous != 0xA0 && previous != 0x202F)
                g_string_append (out, NBSP);
              g_string_append (out, "\xc2\xbb");
              p += 2;
            }
          else if (end - p >= 2 && (guchar) p[1] == 0xA0 && french &&
                   joins_digit_groups (out, start, self->digit_run, p + 2, end))
            {
              g_string_append (out, NNBSP);
              p += 2;
            }
          else
            g_string_append_c (out, *p++);
          break;
        }
    }

  if (out->len > start)
    {
      self->digit_run = trailing_digits (out, start, self->digit_run);
      self->previous = last_char (out, start, self->previous);
    }
}

/* Text the pass must not change (code, raw HTML, a URL) still decides what comes next. */
void
feuillet_typographer_skip (FeuilletTypographer *self,
                           const char          *text,
                           gsize                length)
{
  const char *last;
  guint digits = 0;
  gsize i = length;

  if (length == 0)
    return;
  while (i > 0 && g_ascii_isdigit (text[i - 1]))
    {
      digits++;
      i--;
    }
  self->digit_run = i == 0 ? self->digit_run + digits : digits;
  last = g_utf8_find_prev_char (text, text + length);
  self->previous = last != NULL ? g_utf8_get_char_validated (last, text + length - last) : 0;
  self->after_opening_quote = FALSE;
}

/**
 * feuillet_typography_apply:
 * @typography: the conventions to set
 * @text: plain text (a title, a chapeau)
 *
 * Returns: (transfer full): @text with its typography set
 */
char *
feuillet_typography_apply (FeuilletTypography typography,
                           const char        *text)
{
  FeuilletTypographer typographer;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 16);
  feuillet_typographer_init (&typographer, typography);
  feuillet_typographer_feed (&typographer, text, strlen (text), out);
  return g_string_free (out, FALSE);
}
