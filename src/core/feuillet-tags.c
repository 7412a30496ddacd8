/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-tags"

#include "config.h"

#include <string.h>

#include "feuillet-tags.h"

/*
 * A tag is written the way the journalist first wrote it ("Gérardmer"), but two spellings
 * that differ only by case or by Unicode composition ("gérardmer", "Ge\u0301rardmer") are
 * the same tag: the key is what the library compares.
 */

/**
 * feuillet_tag_normalize:
 * @name: a tag as typed
 *
 * Returns: (transfer full) (nullable): @name in NFC with its white space trimmed and
 *   collapsed, or %NULL if nothing is left
 */
char *
feuillet_tag_normalize (const char *name)
{
  g_autofree char *composed = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  composed = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  if (composed == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = composed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F)
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/**
 * feuillet_tag_key:
 * @name: a tag as typed
 *
 * Returns: (transfer full) (nullable): the key two spellings of one tag share
 */
char *
feuillet_tag_key (const char *name)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  normalized = feuillet_tag_normalize (name);
  if (normalized == NULL)
    return NULL;

  folded = g_utf8_casefold (normalized, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

/**
 * feuillet_tag_from_wordpress:
 * @name: a term's name as WordPress stores and gives it
 *
 * WordPress stores a term's name with &, <, >, " and ' escaped (sanitize_term_field):
 * "Sports &amp; loisirs". This is the name as a person wrote it.
 *
 * Returns: (transfer full): @name with those five escapes decoded
 */
char *
feuillet_tag_from_wordpress (const char *name)
{
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#039;", '\'' }, { "&#39;", '\'' },
  };
  GString *out;

  g_return_val_if_fail (name != NULL, NULL);

  out = g_string_sized_new (strlen (name));
  for (const char *p = name; *p != '\0';)
    {
      gboolean replaced = FALSE;

      if (*p == '&')
        {
          for (guint i = 0; i < G_N_ELEMENTS (entities) && !replaced; i++)
            {
              if (g_str_has_prefix (p, entities[i].entity))
                {
                  g_string_append_c (out, entities[i].c);
                  p += strlen (entities[i].entity);
                  replaced = TRUE;
                }
            }
        }
      if (!replaced)
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}
