/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "feuillet-markdown-language.h"

/*
 * The highlighting of the body: Feuillet's own Markdown language (language-specs/
 * feuillet-markdown.lang, in the program's resources), which marks what the renderer reads
 * and nothing more. GtkSourceView's "markdown" brings HTML, CSS and JavaScript with it, a
 * tenth of a second of compiling before the first window.
 */

#define LANGUAGE_SPECS "resource://" RESOURCE_PREFIX "/language-specs/"

GtkSourceLanguage *
feuillet_markdown_language_get (void)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  static gsize searched = 0;

  /* Before the manager first reads its search path, or it would not be read again. */
  if (g_once_init_enter (&searched))
    {
      gtk_source_language_manager_prepend_search_path (languages, LANGUAGE_SPECS);
      g_once_init_leave (&searched, 1);
    }

  return gtk_source_language_manager_get_language (languages, "feuillet-markdown");
}
