/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "feuillet-store.h"

G_BEGIN_DECLS

/* One article being written: title, chapeau, body, counters, and autosave. */
#define FEUILLET_TYPE_EDITOR (feuillet_editor_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletEditor, feuillet_editor, FEUILLET, EDITOR, AdwBin)

FeuilletEditor  *feuillet_editor_new          (FeuilletStore       *store);
FeuilletArticle *feuillet_editor_get_article  (FeuilletEditor      *self);
void             feuillet_editor_set_article  (FeuilletEditor      *self,
                                               FeuilletArticle     *article);
void             feuillet_editor_reload       (FeuilletEditor      *self,
                                               FeuilletArticle     *article);
gboolean         feuillet_editor_get_busy     (FeuilletEditor      *self);
void             feuillet_editor_flush_async  (FeuilletEditor      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean         feuillet_editor_flush_finish (FeuilletEditor      *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void             feuillet_editor_focus_title  (FeuilletEditor      *self);

G_END_DECLS
