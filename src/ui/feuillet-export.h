/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "feuillet-article.h"

G_BEGIN_DECLS

typedef enum
{
  /* One HTML file that shows the article as the preview does, its stylesheet inlined. */
  FEUILLET_EXPORT_HTML,
  /* Markdown with YAML front matter, as feuillet-cli imports it. */
  FEUILLET_EXPORT_MARKDOWN,
} FeuilletExportFormat;

void   feuillet_export_async  (GtkWindow             *parent,
                               FeuilletArticle       *article,
                               FeuilletExportFormat   format,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data);
GFile *feuillet_export_finish (GAsyncResult          *result,
                               GError               **error);

G_END_DECLS
