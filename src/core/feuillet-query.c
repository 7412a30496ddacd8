/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-query"

#include "config.h"

#include "feuillet-query.h"

G_DEFINE_BOXED_TYPE (FeuilletQuery, feuillet_query, feuillet_query_copy, feuillet_query_free)

FeuilletQuery *
feuillet_query_new (void)
{
  return g_new0 (FeuilletQuery, 1);
}

FeuilletQuery *
feuillet_query_copy (const FeuilletQuery *self)
{
  FeuilletQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);
  copy->tag = g_strdup (self->tag);

  return copy;
}

void
feuillet_query_free (FeuilletQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->tag);
  g_free (self);
}

static gboolean
has_word_char (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Splits on any Unicode white space, the no-break spaces of French copy included. */
static GStrv
split_on_spaces (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *start = NULL;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gboolean end = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (end && start != NULL)
        {
          g_strv_builder_take (builder, g_strndup (start, p - start));
          start = NULL;
        }
      else if (!end && start == NULL)
        {
          start = p;
        }
      if (*p == '\0')
        break;
    }

  return g_strv_builder_end (builder);
}

/**
 * feuillet_query_to_fts:
 * @text: what the journalist typed
 * @prefix: whether the last word may be the start of a longer one
 *
 * Turns typed words into an FTS5 query that finds the articles holding all of them. Each
 * word is quoted, so that nothing typed is read as FTS5 syntax (AND, NEAR, ", *, :).
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when @text has no word
 */
char *
feuillet_query_to_fts (const char *text,
                       gboolean    prefix)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  guint kept = 0;

  g_return_val_if_fail (text != NULL, NULL);

  words = split_on_spaces (text);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *quoted = NULL;
      g_auto(GStrv) parts = NULL;

      if (!has_word_char (words[i]))
        continue;

      parts = g_strsplit (words[i], "\"", -1);
      quoted = g_strjoinv ("\"\"", parts);
      if (kept++ > 0)
        g_string_append (query, " AND ");
      g_string_append_printf (query, "\"%s\"", quoted);
    }

  if (kept == 0)
    return NULL;
  if (prefix)
    g_string_append_c (query, '*');

  return g_string_free (g_steal_pointer (&query), FALSE);
}
