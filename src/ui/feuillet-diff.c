/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-diff"

#include "config.h"

#include "feuillet-diff.h"

#include <string.h>

/*
 * A word-level comparison of two texts, for people reading what changed between two
 * versions of an article.
 *
 * Both texts are cut into tokens: words (runs of letters, digits and combining marks), runs of
 * white space, and single punctuation characters. Tokens are interned as integers, and the
 * shortest edit script between the two sequences is found with Myers's O(ND) algorithm in
 * linear space ("An O(ND) Difference Algorithm and Its Variations", 1986), written after GNU
 * diff's diffseq.h: find the middle snake, recurse on both halves. As in GNU diff, a search
 * that grows too long settles for the furthest-reaching diagonal, so two unrelated texts of
 * any length still compare in bounded time (the script is then valid, only not minimal).
 *
 * The result is then made readable, as diff-match-patch's semantic cleanup does: a short run
 * of kept text between two changes (the space between two replaced words) joins them, so
 * "le chat noir" → "un chien blanc" reads as one replaced phrase rather than three.
 */

/* A search that has gone this many edits deep takes the best split found so far. */
#define MIN_TOO_EXPENSIVE 4096

typedef struct
{
  const char *start;
  gsize       length;
} Token;

typedef struct
{
  const guint *a;
  const guint *b;
  guint8      *a_changed;
  guint8      *b_changed;
  /* furthest x reached on each diagonal k = x - y, forward and backward */
  int         *fd;
  int         *bd;
  int          too_expensive;
} Compare;

/* A run of the comparison before cleanup: kept text, or a change (old text → new text). */
typedef struct
{
  gboolean  equal;
  GString  *old_text;
  GString  *new_text;
  /* their lengths in characters */
  gsize     old_chars;
  gsize     new_chars;
} Segment;

void
feuillet_diff_chunk_free (FeuilletDiffChunk *chunk)
{
  if (chunk == NULL)
    return;

  g_free (chunk->text);
  g_free (chunk);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *q = g_utf8_next_char (p);
      Token token;

      if (is_word_char (c))
        {
          while (*q != '\0' && is_word_char (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
        }
      else if (g_unichar_isspace (c))
        {
          while (*q != '\0' && g_unichar_isspace (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
        }

      token.start = p;
      token.length = q - p;
      g_array_append_val (tokens, token);
      p = q;
    }

  return tokens;
}

/* Equal tokens get equal numbers, so the comparison compares integers. */
static guint *
intern_tokens (GArray     *tokens,
               GHashTable *numbers)
{
  guint *ids = g_new (guint, MAX (tokens->len, 1));

  for (guint i = 0; i < tokens->len; i++)
    {
      const Token *token = &g_array_index (tokens, Token, i);
      g_autofree char *key = g_strndup (token->start, token->length);
      gpointer number;

      if (!g_hash_table_lookup_extended (numbers, key, NULL, &number))
        {
          number = GUINT_TO_POINTER (g_hash_table_size (numbers));
          g_hash_table_insert (numbers, g_steal_pointer (&key), number);
        }
      ids[i] = GPOINTER_TO_UINT (number);
    }

  return ids;
}

/*
 * Finds where a shortest edit script from a[xoff, xlim) to b[yoff, ylim) crosses its middle
 * (or, past too_expensive edits, a good place to cut), searching forward from the start and
 * backward from the end until the two searches meet. Both ranges are non-empty and differ in
 * their first and last tokens.
 */
static void
find_split (Compare *cmp,
            int      xoff,
            int      xlim,
            int      yoff,
            int      ylim,
            int     *xmid,
            int     *ymid)
{
  const guint *a = cmp->a;
  const guint *b = cmp->b;
  int *fd = cmp->fd;
  int *bd = cmp->bd;
  const int dmin = xoff - ylim;
  const int dmax = xlim - yoff;
  const int fmid = xoff - yoff;
  const int bmid = xlim - ylim;
  int fmin = fmid;
  int fmax = fmid;
  int bmin = bmid;
  int bmax = bmid;
  gboolean odd = ((fmid - bmid) & 1) != 0;

  fd[fmid] = xoff;
  bd[bmid] = xlim;

  for (int c = 1;; c++)
    {
      int fxybest, fxbest, bxybest, bxbest;

      /* One more edit forward, on every diagonal of the right parity. */
      if (fmin > dmin)
        fd[--fmin - 1] = -1;
      else
        fmin++;
      if (fmax < dmax)
        fd[++fmax + 1] = -1;
      else
        fmax--;
      for (int k = fmax; k >= fmin; k -= 2)
        {
          int tlo = fd[k - 1];
          int thi = fd[k + 1];
          int x = tlo < thi ? thi : tlo + 1;
          int y = x - k;

          while (x < xlim && y < ylim && a[x] == b[y])
            {
              x++;
              y++;
            }
          fd[k] = x;
          if (odd && bmin <= k && k <= bmax && bd[k] <= x)
            {
              *xmid = x;
              *ymid = y;
              return;
            }
        }

      /* And one more backward. */
      if (bmin > dmin)
        bd[--bmin - 1] = G_MAXINT;
      else
        bmin++;
      if (bmax < dmax)
        bd[++bmax + 1] = G_MAXINT;
      else
        bmax--;
      for (int k = bmax; k >= bmin; k -= 2)
        {
          int tlo = bd[k - 1];
          int thi = bd[k + 1];
          int x = tlo < thi ? tlo : thi - 1;
          int y = x - k;

          while (x > xoff && y > yoff && a[x - 1] == b[y - 1])
            {
              x--;
              y--;
            }
          bd[k] = x;
          if (!odd && fmin <= k && k <= fmax && x <= fd[k])
            {
              *xmid = x;
              *ymid = y;
              return;
            }
        }

      if (c < cmp->too_expensive)
        continue;

      /* Too long a search: cut where either search got furthest. */
      fxybest = -1;
      fxbest = xoff;
      for (int k = fmax; k >= fmin; k -= 2)
        {
          int x = MIN (fd[k], xlim);
          int y = x - k;

          if (ylim < y)
            {
              x = ylim + k;
              y = ylim;
            }
          if (fxybest < x + y)
            {
              fxybest = x + y;
              fxbest = x;
            }
        }
      bxybest = G_MAXINT;
      bxbest = xlim;
      for (int k = bmax; k >= bmin; k -= 2)
        {
          int x = MAX (xoff, bd[k]);
          int y = x - k;

          if (y < yoff)
            {
              x = yoff + k;
              y = yoff;
            }
          if (x + y < bxybest)
            {
              bxybest = x + y;
              bxbest = x;
            }
        }
      if ((xlim + ylim) - bxybest < fxybest - (xoff + yoff))
        {
          *xmid = fxbest;
          *ymid = fxybest - fxbest;
        }
      else
        {
          *xmid = bxbest;
          *ymid = bxybest - bxbest;
        }
      return;
    }
}

static void
compare_ranges (Compare *cmp,
                int      xoff,
                int      xlim,
                int      yoff,
                int      ylim)
{
  int xmid, ymid;

  /* What both ranges start and end with is kept. */
  while (xoff < xlim && yoff < ylim && cmp->a[xoff] == cmp->b[yoff])
    {
      xoff++;
      yoff++;
    }
  while (xoff < xlim && yoff < ylim && cmp->a[xlim - 1] == cmp->b[ylim - 1])
    {
      xlim--;
      ylim--;
    }

  if (xoff == xlim)
    {
      memset (cmp->b_changed + yoff, 1, ylim - yoff);
      return;
    }
  if (yoff == ylim)
    {
      memset (cmp->a_changed + xoff, 1, xlim - xoff);
      return;
    }

  find_split (cmp, xoff, xlim, yoff, ylim, &xmid, &ymid);

  /* Never recurse on the same range: that would not end. */
  if ((xmid == xoff && ymid == yoff) || (xmid == xlim && ymid == ylim))
    {
      memset (cmp->a_changed + xoff, 1, xlim - xoff);
      memset (cmp->b_changed + yoff, 1, ylim - yoff);
      return;
    }

  compare_ranges (cmp, xoff, xmid, yoff, ymid);
  compare_ranges (cmp, xmid, xlim, ymid, ylim);
}

static Segment *
segment_new (gboolean equal)
{
  Segment *segment = g_new0 (Segment, 1);

  segment->equal = equal;
  segment->old_text = g_string_new (NULL);
  segment->new_text = g_string_new (NULL);
  return segment;
}

static void
segment_free (Segment *segment)
{
  g_string_free (segment->old_text, TRUE);
  g_string_free (segment->new_text, TRUE);
  g_free (segment);
}

static void
segment_append (Segment     *segment,
                GString     *text,
                gsize       *chars,
                const Token *token)
{
  g_string_append_len (text, token->start, token->length);
  *chars += g_utf8_strlen (token->start, token->length);
}

/* Kept text between two changes joins them when it is no longer than either. */
static void
push_segment (GPtrArray *segments,
              Segment   *segment)
{
  g_ptr_array_add (segments, segment);

  while (segments->len >= 3)
    {
      Segment *before = segments->pdata[segments->len - 3];
      Segment *kept = segments->pdata[segments->len - 2];
      Segment *after = segments->pdata[segments->len - 1];

      if (before->equal || !kept->equal || after->equal)
        break;

      if (kept->old_chars > MAX (before->old_chars, before->new_chars) ||
          kept->old_chars > MAX (after->old_chars, after->new_chars))
        break;

      g_string_append_len (before->old_text, kept->old_text->str, kept->old_text->len);
      g_string_append_len (before->old_text, after->old_text->str, after->old_text->len);
      g_string_append_len (before->new_text, kept->old_text->str, kept->old_text->len);
      g_string_append_len (before->new_text, after->new_text->str, after->new_text->len);
      before->old_chars += kept->old_chars + after->old_chars;
      before->new_chars += kept->old_chars + after->new_chars;
      g_ptr_array_set_size (segments, segments->len - 2);
    }
}

static void
add_chunk (GPtrArray      *chunks,
           FeuilletDiffOp  op,
           GString        *text)
{
  FeuilletDiffChunk *chunk;

  if (text->len == 0)
    return;

  chunk = g_new0 (FeuilletDiffChunk, 1);
  chunk->op = op;
  chunk->text = g_strndup (text->str, text->len);
  g_ptr_array_add (chunks, chunk);
}

/**
 * feuillet_diff_words:
 * @old_text: valid UTF-8
 * @new_text: valid UTF-8
 *
 * Compares two texts word by word. Pure: safe to call on any thread.
 *
 * Returns: (transfer full) (element-type FeuilletDiffChunk): the runs of both texts in
 *   order: the EQUAL and DELETE chunks spell @old_text, the EQUAL and INSERT chunks spell
 *   @new_text; in a change, what was removed comes before what replaced it.
 */
GPtrArray *
feuillet_diff_words (const char *old_text,
                     const char *new_text)
{
  g_autoptr(GHashTable) numbers = NULL;
  g_autoptr(GArray) old_tokens = NULL;
  g_autoptr(GArray) new_tokens = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autofree guint *a = NULL;
  g_autofree guint *b = NULL;
  g_autofree guint8 *a_changed = NULL;
  g_autofree guint8 *b_changed = NULL;
  g_autofree int *fd = NULL;
  g_autofree int *bd = NULL;
  GPtrArray *chunks;
  Compare cmp;
  int n, m, diagonals;
  guint i = 0, j = 0;

  g_return_val_if_fail (old_text != NULL && g_utf8_validate (old_text, -1, NULL), NULL);
  g_return_val_if_fail (new_text != NULL && g_utf8_validate (new_text, -1, NULL), NULL);

  numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  old_tokens = tokenize (old_text);
  new_tokens = tokenize (new_text);
  a = intern_tokens (old_tokens, numbers);
  b = intern_tokens (new_tokens, numbers);
  n = old_tokens->len;
  m = new_tokens->len;

  a_changed = g_new0 (guint8, n + 1);
  b_changed = g_new0 (guint8, m + 1);
  fd = g_new (int, n + m + 3);
  bd = g_new (int, n + m + 3);

  cmp.a = a;
  cmp.b = b;
  cmp.a_changed = a_changed;
  cmp.b_changed = b_changed;
  /* Diagonals run from -(m + 1) to n + 1. */
  cmp.fd = fd + m + 1;
  cmp.bd = bd + m + 1;
  /* About twice the square root of the number of diagonals, as in GNU diff. */
  cmp.too_expensive = 1;
  for (diagonals = n + m + 3; diagonals != 0; diagonals >>= 2)
    cmp.too_expensive <<= 1;
  cmp.too_expensive = MAX (MIN_TOO_EXPENSIVE, cmp.too_expensive);

  compare_ranges (&cmp, 0, n, 0, m);

  /* Kept tokens pair up in order; between them, the removed then the added. */
  segments = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);
  while (i < (guint) n || j < (guint) m)
    {
      gboolean equal = i < (guint) n && j < (guint) m && !a_changed[i] && !b_changed[j];
      Segment *segment = segment_new (equal);

      if (equal)
        {
          while (i < (guint) n && j < (guint) m && !a_changed[i] && !b_changed[j])
            {
              segment_append (segment, segment->old_text, &segment->old_chars,
                              &g_array_index (old_tokens, Token, i));
              i++;
              j++;
            }
          g_string_append_len (segment->new_text, segment->old_text->str, segment->old_text->len);
          segment->new_chars = segment->old_chars;
        }
      else
        {
          for (; i < (guint) n && a_changed[i]; i++)
            segment_append (segment, segment->old_text, &segment->old_chars,
                            &g_array_index (old_tokens, Token, i));
          for (; j < (guint) m && b_changed[j]; j++)
            segment_append (segment, segment->new_text, &segment->new_chars,
                            &g_array_index (new_tokens, Token, j));
          g_assert (segment->old_text->len > 0 || segment->new_text->len > 0);
        }

      push_segment (segments, segment);
    }

  chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_diff_chunk_free);
  for (guint k = 0; k < segments->len; k++)
    {
      Segment *segment = segments->pdata[k];

      if (segment->equal)
        {
          add_chunk (chunks, FEUILLET_DIFF_EQUAL, segment->old_text);
        }
      else
        {
          add_chunk (chunks, FEUILLET_DIFF_DELETE, segment->old_text);
          add_chunk (chunks, FEUILLET_DIFF_INSERT, segment->new_text);
        }
    }

  return chunks;
}
