/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which typographic conventions an article's text is set in, at render time only: the stored
 * text stays as the journalist typed it. */
typedef enum
{
  FEUILLET_TYPOGRAPHY_NONE,
  FEUILLET_TYPOGRAPHY_FRENCH,
  FEUILLET_TYPOGRAPHY_ENGLISH,
} FeuilletTypography;

FeuilletTypography feuillet_typography_for_language (const char *language);

/* A pass over a run of text split in pieces (the renderer hands it the text between markup):
 * it remembers the character before each piece, so quotes open and close right across
 * emphasis and links. Reset it at each block. */
typedef struct
{
  FeuilletTypography typography;
  gunichar           previous;            /* the last character of the text so far */
  guint              digit_run;           /* how many digits it ends with */
  gboolean           after_opening_quote; /* « set: spaces typed after it are dropped */
  gboolean           quote_open;          /* a straight quote opened and not yet closed */
} FeuilletTypographer;

void  feuillet_typographer_init  (FeuilletTypographer *self,
                                  FeuilletTypography   typography);
void  feuillet_typographer_reset (FeuilletTypographer *self);
void  feuillet_typographer_feed  (FeuilletTypographer *self,
                                  const char          *text,
                                  gsize                length,
                                  GString             *out);
void  feuillet_typographer_skip  (FeuilletTypographer *self,
                                  const char          *text,
                                  gsize                length);

char *feuillet_typography_apply  (FeuilletTypography   typography,
                                  const char          *text);

G_END_DECLS
