/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FEUILLET_TYPE_SPELL_CHECKER (feuillet_spell_checker_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletSpellChecker, feuillet_spell_checker, FEUILLET, SPELL_CHECKER, GObject)

FeuilletSpellChecker *feuillet_spell_checker_new          (GtkTextView          *view);
void                  feuillet_spell_checker_set_language (FeuilletSpellChecker *self,
                                                           const char           *code);
void                  feuillet_spell_checker_set_enabled  (FeuilletSpellChecker *self,
                                                           gboolean              enabled);
void                  feuillet_spell_checker_recheck      (FeuilletSpellChecker *self);

G_END_DECLS
