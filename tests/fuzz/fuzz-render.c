/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer harness for the Markdown renderer with the typography pass. The first byte picks
 * the format and the typography; the rest is the article's body. Beyond "no crash, no leak,
 * no undefined behaviour" it checks what must always hold: block markup is balanced, and the
 * typography pass is idempotent on any valid text.
 */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "feuillet-render.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p++)
    n++;
  return n;
}

/* Blocks opened and not closed at once (`<!-- wp:name /-->` is whole by itself). */
static guint
count_openers (const char *haystack)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, "<!-- wp:")) != NULL; p++)
    {
      const char *end = strstr (p, "-->");

      if (end == NULL || end[-1] != '/')
        n++;
    }
  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FeuilletRenderOptions options = { FEUILLET_TYPOGRAPHY_NONE, NULL, NULL };
  FeuilletRenderFormat format;
  const char *text = (const char *) data + 1;
  gsize length;
  g_autofree char *out = NULL;

  if (size < 1)
    return 0;
  options.typography = data[0] % 3;
  format = (data[0] / 3) % 3;
  length = size - 1;

  out = feuillet_render_markdown (text, length, format, &options);
  g_assert_nonnull (out);
  if (format == FEUILLET_RENDER_BLOCKS)
    g_assert_cmpuint (count_openers (out), ==, count (out, "<!-- /wp:"));

  if (g_utf8_validate (text, length, NULL) && memchr (text, '\0', length) == NULL)
    {
      g_autofree char *copy = g_strndup (text, length);
      g_autofree char *once = feuillet_typography_apply (options.typography, copy);
      g_autofree char *twice = feuillet_typography_apply (options.typography, once);

      g_assert_cmpstr (once, ==, twice);
    }
  return 0;
}
