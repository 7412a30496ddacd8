/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One error domain per core module; messages are for the user, already translated. */

#define FEUILLET_ARTICLE_ERROR (feuillet_article_error_quark ())
typedef enum
{
  FEUILLET_ARTICLE_ERROR_EMPTY,
  FEUILLET_ARTICLE_ERROR_INVALID,
} FeuilletArticleError;

#define FEUILLET_STORE_ERROR (feuillet_store_error_quark ())
typedef enum
{
  FEUILLET_STORE_ERROR_FAILED,
  FEUILLET_STORE_ERROR_NOT_A_LIBRARY,
  FEUILLET_STORE_ERROR_CORRUPT,
  FEUILLET_STORE_ERROR_TOO_NEW,
  FEUILLET_STORE_ERROR_NOT_FOUND,
  FEUILLET_STORE_ERROR_IN_TRASH,
  FEUILLET_STORE_ERROR_BUSY,
  FEUILLET_STORE_ERROR_CLOSED,
  FEUILLET_STORE_ERROR_EXISTS,
} FeuilletStoreError;

#define FEUILLET_MARKDOWN_FILE_ERROR (feuillet_markdown_file_error_quark ())
typedef enum
{
  FEUILLET_MARKDOWN_FILE_ERROR_ENCODING,
  FEUILLET_MARKDOWN_FILE_ERROR_FRONT_MATTER,
  FEUILLET_MARKDOWN_FILE_ERROR_FIELD,
} FeuilletMarkdownFileError;

GQuark feuillet_article_error_quark       (void);
GQuark feuillet_store_error_quark         (void);
GQuark feuillet_markdown_file_error_quark (void);

G_END_DECLS
