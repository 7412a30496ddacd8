/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-render"

#include "config.h"

#include <md4c-html.h>

#include "feuillet-render.h"

/* CommonMark with tables and strikethrough, as the editor highlights it. */
#define MARKDOWN_FLAGS (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS)

static void
append_output (const MD_CHAR *text,
               MD_SIZE        size,
               void          *user_data)
{
  g_string_append_len (user_data, text, size);
}

/**
 * feuillet_render_body_html:
 * @markdown: an article body
 *
 * Returns: (transfer full): the body as HTML
 */
char *
feuillet_render_body_html (const char *markdown)
{
  GString *html = g_string_new (NULL);

  g_return_val_if_fail (markdown != NULL, NULL);

  md_html (markdown, strlen (markdown), append_output, html, MARKDOWN_FLAGS, MD_HTML_FLAG_SKIP_UTF8_BOM);
  return g_string_free (html, FALSE);
}

static void
append_escaped_element (GString    *out,
                        const char *element,
                        const char *class_name,
                        const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL || text[0] == '\0')
    return;

  escaped = g_markup_escape_text (text, -1);
  if (class_name != NULL)
    g_string_append_printf (out, "<%s class=\"%s\">%s</%s>\n", element, class_name, escaped, element);
  else
    g_string_append_printf (out, "<%s>%s</%s>\n", element, escaped, element);
}

/**
 * feuillet_render_html_document:
 *
 * Returns: (transfer full): the article as a standalone HTML page: kicker, title, chapeau,
 *   byline and body
 */
char *
feuillet_render_html_document (FeuilletArticle *article)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *language = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (FEUILLET_IS_ARTICLE (article), NULL);

  language = g_markup_escape_text (feuillet_article_get_language (article), -1);
  title = g_markup_escape_text (feuillet_article_get_title (article), -1);
  body = feuillet_render_body_html (feuillet_article_get_body (article));

  g_string_append_printf (out,
                          "<!DOCTYPE html>\n"
                          "<html lang=\"%s\">\n"
                          "<head>\n"
                          "<meta charset=\"utf-8\">\n"
                          "<meta name=\"generator\" content=\"Feuillet " PACKAGE_VERSION "\">\n"
                          "<title>%s</title>\n"
                          "</head>\n"
                          "<body>\n"
                          "<article>\n",
                          language, title);
  append_escaped_element (out, "p", "kicker", feuillet_article_get_category (article));
  append_escaped_element (out, "h1", NULL, feuillet_article_get_title (article));
  append_escaped_element (out, "p", "chapeau", feuillet_article_get_chapeau (article));
  append_escaped_element (out, "p", "byline", feuillet_article_get_byline (article));
  g_string_append (out, body);
  g_string_append (out, "</article>\n</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
