/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The French press counts copy in signes; a feuillet is 1,500 of them. */
#define FEUILLET_SIGNES_PER_FEUILLET 1500

typedef struct
{
  guint  signes;
  guint  words;
  /* signes / 1500, rounded to one decimal */
  double feuillets;
  /* whole minutes at a reader's pace, at least 1 for any text */
  guint  reading_minutes;
} FeuilletCounts;

char     *feuillet_text_visible_markdown (const char     *markdown);
void      feuillet_text_count            (const char     *title,
                                          const char     *chapeau,
                                          const char     *body,
                                          FeuilletCounts *counts);
void      feuillet_text_count_visible    (const char     *title,
                                          const char     *chapeau,
                                          const char     *visible_body,
                                          FeuilletCounts *counts);
guint     feuillet_text_count_signes     (const char     *text);
guint     feuillet_text_count_words      (const char     *text);
char     *feuillet_text_format_counts    (const FeuilletCounts *counts);
gboolean  feuillet_text_check_utf8       (const char     *text,
                                          gsize           length,
                                          const char     *display_name,
                                          GError        **error);

G_END_DECLS
