/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-html-import"

#include "config.h"

#include "feuillet-html-import-private.h"

#include <libxml/HTMLtree.h>
#include <string.h>

/*
 * The tags and node helpers that both the walk over blocks (feuillet-html-import.c) and the
 * writer of inline content (feuillet-html-import-inline.c) use.
 */

static const char * const inline_elements[] = {
  "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i",
  "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
  "time", "tt", "u", "var", "wbr", NULL,
};

/* Their content is not HTML: never Markdown either. CommonMark ends them at their closing tag. */
const char * const feuillet_html_import_raw_text_tags[] = {
  "pre", "script", "style", "textarea", NULL,
};

const char * const feuillet_html_import_void_tags[] = {
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
  "track", "wbr", NULL,
};

gboolean
feuillet_html_import_is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

gboolean
feuillet_html_import_is_element (xmlNode    *node,
                                 const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name);
}

gboolean
feuillet_html_import_is_inline (xmlNode *node)
{
  return node->type != XML_ELEMENT_NODE ||
         g_strv_contains (inline_elements, (const char *) node->name);
}

char *
feuillet_html_import_get_attribute (xmlNode    *node,
                                    const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

char *
feuillet_html_import_get_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy = g_strdup (content != NULL ? (const char *) content : "");

  xmlFree (content);
  return copy;
}

/* WordPress's block delimiters (<!-- wp:paragraph -->): structure the walk already sees. */
gboolean
feuillet_html_import_is_block_delimiter (xmlNode    *node,
                                         const char *name)
{
  g_autofree char *text = NULL;
  const char *after;

  if (node->type != XML_COMMENT_NODE || node->content == NULL)
    return FALSE;
  text = g_strstrip (g_strdup ((const char *) node->content));
  after = g_str_has_prefix (text, "/wp:") ? text + 4 : g_str_has_prefix (text, "wp:") ? text + 3 : NULL;
  if (after == NULL || g_str_has_suffix (text, "/"))
    return FALSE; /* a self-closing block has no HTML: keep it */
  if (name == NULL)
    return TRUE;
  return g_str_has_prefix (after, name) && (after[strlen (name)] == '\0' || after[strlen (name)] == ' ');
}

gboolean
feuillet_html_import_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!feuillet_html_import_is_html_space (*p))
      return FALSE;
  return TRUE;
}

/* Runs of white space as one space, as a browser shows them; trimmed at the ends or not. */
char *
feuillet_html_import_collapse_spaces (const char *text,
                                      gboolean    trim)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!feuillet_html_import_is_html_space (*p))
        g_string_append_c (out, *p);
      else if ((out->len > 0 || !trim) && (out->len == 0 || out->str[out->len - 1] != ' '))
        g_string_append_c (out, ' ');
    }
  if (trim && out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

void
feuillet_html_import_append_start_tag (GString *out,
                                       xmlNode *element)
{
  g_string_append_printf (out, "<%s", (const char *) element->name);
  for (xmlAttr *attribute = element->properties; attribute != NULL; attribute = attribute->next)
    {
      g_autofree char *value =
        feuillet_html_import_get_attribute (element, (const char *) attribute->name);

      g_string_append_printf (out, " %s", (const char *) attribute->name);
      if (attribute->children == NULL)
        continue; /* <video controls> */
      g_string_append (out, "=\"");
      for (const char *p = value; *p != '\0'; p++)
        {
          switch (*p)
            {
            case '&': g_string_append (out, "&amp;"); break;
            case '"': g_string_append (out, "&quot;"); break;
            case '<': g_string_append (out, "&lt;"); break;
            case '\n': g_string_append (out, "&#10;"); break;
            default: g_string_append_c (out, *p); break;
            }
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '>');
}

static void
remove_block_delimiters (xmlNode *node)
{
  xmlNode *next;

  for (xmlNode *child = node->children; child != NULL; child = next)
    {
      next = child->next;
      if (feuillet_html_import_is_block_delimiter (child, NULL))
        {
          xmlUnlinkNode (child);
          xmlFreeNode (child);
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          remove_block_delimiters (child);
        }
    }
}

/* The node as HTML, as libxml2 writes it. */
void
feuillet_html_import_dump_node (GString *out,
                                xmlNode *node)
{
  xmlOutputBuffer *buffer = xmlAllocOutputBuffer (NULL);

  htmlNodeDumpFormatOutput (buffer, node->doc, node, "UTF-8", 0);
  xmlOutputBufferFlush (buffer);
  g_string_append_len (out, (const char *) xmlOutputBufferGetContent (buffer),
                       xmlOutputBufferGetSize (buffer));
  xmlOutputBufferClose (buffer);
}

/* The node as HTML without the block delimiters it holds: in raw HTML they would only confuse
 * WordPress's parser. */
void
feuillet_html_import_append_html (GString *out,
                                  xmlNode *node)
{
  if (feuillet_html_import_is_block_delimiter (node, NULL))
    return;
  if (node->type == XML_ELEMENT_NODE)
    remove_block_delimiters (node);
  feuillet_html_import_dump_node (out, node);
}
