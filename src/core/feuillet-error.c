/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "feuillet-error.h"

G_DEFINE_QUARK (feuillet-article-error-quark, feuillet_article_error)
G_DEFINE_QUARK (feuillet-store-error-quark, feuillet_store_error)
G_DEFINE_QUARK (feuillet-markdown-file-error-quark, feuillet_markdown_file_error)
