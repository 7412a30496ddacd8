/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-html-import"

#include "config.h"

#include "feuillet-html-import.h"
#include "feuillet-html-import-private.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <string.h>

/*
 * WordPress HTML back to the Markdown of doc/markdown.md, for articles pulled from the site.
 * libxml2's HTML parser builds the tree and repairs broken markup as a browser would; a walk
 * over it writes Markdown block by block. What Markdown cannot say is kept as raw HTML, so
 * nothing the site shows is lost. Text is escaped so that it reads back as the same text.
 *
 * This file walks the document and writes its blocks; feuillet-html-import-inline.c writes the
 * text inside them, and feuillet-html-import-nodes.c holds the node helpers both use.
 */

typedef enum
{
  BLOCK_PARAGRAPH,
  BLOCK_BULLET_LIST,
  BLOCK_ORDERED_LIST,
  BLOCK_OTHER,
} BlockKind;

typedef struct
{
  BlockKind kind;
  /* A list that may follow a list item's text on the next line without a blank line. */
  gboolean  interrupts;
  char     *text;
} Block;

/* The blocks of a document, a quote or a list item. */
typedef struct
{
  GPtrArray                *blocks; /* of Block */
  gboolean                  classic;
  /* text and inline elements outside any block, becoming a paragraph */
  FeuilletHtmlImportInline *run;
  GString                  *raw;    /* inside <!-- wp:html -->: its HTML, kept as is */
  /* Inside a block Markdown has no form for (an embed, a gallery, a group): its markup,
   * delimiters included, so that it goes back to the site as it came. */
  GString                  *verbatim;
  char                     *verbatim_name;
  guint                     verbatim_depth;
  gboolean                  last_alternate;
} Container;

/* The blocks this importer turns into Markdown; the renderer writes them back. */
static const char * const converted_blocks[] = {
  "paragraph", "heading", "list", "list-item", "quote", "image", "separator", "table", "code",
  "html", "freeform", NULL,
};

/* HTML blocks CommonMark ends at a blank line once they start with one of these tags (its kind 6);
 * any other element has to be alone on its first line (kind 7). */
static const char * const commonmark_block_tags[] = {
  "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
  "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
  "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
  "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "section", "summary",
  "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul", NULL,
};

static void container_add (Container *self, xmlNode *node);

static gboolean
has_class (xmlNode    *node,
           const char *name)
{
  g_autofree char *classes = feuillet_html_import_get_attribute (node, "class");
  g_auto(GStrv) list = g_strsplit_set (classes != NULL ? classes : "", " \t\n", -1);

  return g_strv_contains ((const char * const *) list, name);
}

static gboolean
is_blank_text (xmlNode *node)
{
  return node->type == XML_TEXT_NODE &&
         (node->content == NULL || feuillet_html_import_is_blank ((const char *) node->content));
}

static char *
remove_blank_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out;

  out = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));

      if (stripped[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[i]);
    }
  return g_string_free (out, FALSE);
}

/* Raw HTML as a Markdown block: CommonMark ends most HTML blocks at a blank line, so blank lines
 * go, except in the kinds that end at their closing tag. */
static char *
finish_raw (GString *html)
{
  g_autofree char *text = g_strstrip (g_string_free (html, FALSE));

  if (g_str_has_prefix (text, "<!--") || g_str_has_prefix (text, "<pre") ||
      g_str_has_prefix (text, "<script") || g_str_has_prefix (text, "<style") ||
      g_str_has_prefix (text, "<textarea"))
    return g_steal_pointer (&text);
  return remove_blank_lines (text);
}

/* The name of the WordPress block a delimiter opens, when it is one this importer does not
 * convert; %NULL otherwise. */
static char *
unconverted_block_name (xmlNode *node)
{
  g_autofree char *text = NULL;
  const char *name;
  gsize length;

  if (!feuillet_html_import_is_block_delimiter (node, NULL))
    return NULL;
  text = g_strstrip (g_strdup ((const char *) node->content));
  if (!g_str_has_prefix (text, "wp:"))
    return NULL;
  name = text + 3;
  length = strcspn (name, " \t\n");
  if (g_strv_contains (converted_blocks, (const char *) (name = g_strndup (name, length))))
    {
      g_free ((char *) name);
      return NULL;
    }
  return (char *) name;
}

/* A block's markup as written, its inner blocks' delimiters included. */
static void
append_verbatim (GString *out,
                 xmlNode *node)
{
  if (node->type == XML_COMMENT_NODE)
    g_string_append_printf (out, "<!--%s-->", node->content != NULL ? (const char *) node->content : "");
  else
    feuillet_html_import_dump_node (out, node);
}

/* Blank lines go, so that Markdown reads the block as one run of raw HTML. */
static char *
finish_verbatim (GString *html)
{
  g_autofree char *text = g_strstrip (g_string_free (html, FALSE));

  return remove_blank_lines (text);
}

static char *
raw_block (xmlNode *node)
{
  GString *html = g_string_new (NULL);
  const char *name = (const char *) node->name;

  if (node->type != XML_ELEMENT_NODE || g_strv_contains (commonmark_block_tags, name) ||
      g_strv_contains (feuillet_html_import_raw_text_tags, name))
    {
      feuillet_html_import_append_html (html, node);
      return finish_raw (html);
    }

  /* <video …> alone on its line, or CommonMark would read a paragraph. */
  feuillet_html_import_append_start_tag (html, node);
  if (g_strv_contains (feuillet_html_import_void_tags, name))
    return finish_raw (html);
  g_string_append_c (html, '\n');
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    feuillet_html_import_append_html (html, child);
  g_string_append_printf (html, "</%s>", name);
  return finish_raw (html);
}

/* Blocks */

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block);
}

static void
container_init (Container *self,
                gboolean   classic)
{
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->classic = classic;
}

static Block *
container_add_block (Container *self,
                     BlockKind  kind,
                     gboolean   interrupts,
                     char      *text)
{
  Block *block;

  if (text[0] == '\0')
    {
      g_free (text);
      return NULL;
    }
  block = g_new0 (Block, 1);
  block->kind = kind;
  block->interrupts = interrupts;
  block->text = text;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
container_flush (Container *self)
{
  /* Spaces and breaks still waiting end the text: they are dropped. */
  if (self->run != NULL)
    container_add_block (self, BLOCK_PARAGRAPH, FALSE, g_strdup (self->run->out->str));
  g_clear_pointer (&self->run, feuillet_html_import_inline_free);
  if (self->raw != NULL)
    container_add_block (self, BLOCK_OTHER, FALSE, finish_raw (g_steal_pointer (&self->raw)));
  if (self->verbatim != NULL)
    container_add_block (self, BLOCK_OTHER, FALSE, finish_verbatim (g_steal_pointer (&self->verbatim)));
  g_clear_pointer (&self->verbatim_name, g_free);
}

static GPtrArray *
container_finish (Container *self)
{
  container_flush (self);
  return self->blocks;
}

/* A blank line between blocks, except before a list following a list item's text on the next
 * line, which keeps the list tight; *loose tells whether a blank line was written. */
static char *
join_blocks (GPtrArray *blocks,
             gboolean   in_list_item,
             gboolean  *loose)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (i > 0)
        {
          Block *previous = g_ptr_array_index (blocks, i - 1);
          gboolean tight = in_list_item && previous->kind == BLOCK_PARAGRAPH && block->interrupts;

          g_string_append (out, tight ? "\n" : "\n\n");
          if (!tight && loose != NULL)
            *loose = TRUE;
        }
      g_string_append (out, block->text);
    }
  return g_string_free (out, FALSE);
}

static char *
prefix_lines (const char *text,
              const char *first,
              const char *rest)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  /* An empty item is its marker alone. */
  if (lines[0] == NULL)
    g_string_append (out, first);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s%s", i == 0 ? first : rest, lines[i]);
      /* no trailing spaces on blank lines */
      while (lines[i][0] == '\0' && out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* A list item's blocks: the nodes from first up to stop. */
static char *
convert_item (xmlNode  *first,
              xmlNode  *stop,
              gboolean  classic,
              gboolean *loose)
{
  Container container = { 0 };
  g_autoptr(GPtrArray) blocks = NULL;

  container_init (&container, classic);
  for (xmlNode *node = first; node != stop; node = node->next)
    container_add (&container, node);
  blocks = container_finish (&container);
  return join_blocks (blocks, TRUE, loose);
}

/* The element's content as Markdown text, or NULL when it holds what Markdown text cannot. */
static char *
convert_inline (xmlNode  *element,
                gboolean  autop)
{
  g_autoptr(FeuilletHtmlImportInline) inline_ = feuillet_html_import_inline_new (autop, FALSE);

  feuillet_html_import_inline_children (inline_, element);
  return inline_->failed ? NULL : g_strdup (inline_->out->str);
}

static char *
convert_heading (xmlNode *heading)
{
  g_autofree char *text = convert_inline (heading, FALSE);
  guint level = heading->name[1] - '0';
  GString *out;

  if (text == NULL || strchr (text, '\n') != NULL)
    return NULL; /* a line break: an ATX heading is one line */
  out = g_string_new (NULL);
  g_string_append_printf (out, "%.*s", (int) level, "######");
  if (text[0] != '\0')
    g_string_append_printf (out, " %s", text);
  /* A closing run of # would be dropped as the heading's optional closing sequence. */
  if (text[0] != '\0' && g_str_has_suffix (text, "#"))
    {
      gsize run = out->len;

      while (out->str[run - 1] == '#')
        run--;
      if (out->str[run - 1] == ' ')
        g_string_insert_c (out, run, '\\');
    }
  return g_string_free (out, FALSE);
}

/* The renderer reads a quote's last paragraph starting with a dash ("— ", "-- ") as its author:
 * one that is not writes its dash as an entity, which the renderer does not read so. */
static void
protect_from_cite (Block *paragraph)
{
  const char *dash = paragraph->text + (paragraph->text[0] == '\\'); /* \-- at a line start */
  const char *after = NULL;
  char *text;

  if (g_str_has_prefix (dash, "\u2014") || g_str_has_prefix (dash, "\u2013") || g_str_has_prefix (dash, "---"))
    after = dash + 3;
  else if (g_str_has_prefix (dash, "--"))
    after = dash + 2;
  if (after == NULL ||
      (*after != ' ' && !g_str_has_prefix (after, "\u00a0") && !g_str_has_prefix (after, "\u202f")))
    return;
  text = g_strdup_printf ("&#%u;%s", g_utf8_get_char (dash), g_utf8_next_char (dash));
  g_free (paragraph->text);
  paragraph->text = text;
}

static char *
convert_quote (xmlNode  *quote,
               gboolean  classic)
{
  Container container = { 0 };
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *text = NULL;
  Block *cite = NULL;
  Block *last;

  container_init (&container, classic);
  for (xmlNode *child = quote->children; child != NULL; child = child->next)
    {
      g_autofree char *who = NULL;

      if (!feuillet_html_import_is_element (child, "cite"))
        {
          container_add (&container, child);
          continue;
        }
      /* The quote's author: its last paragraph, "— Who". */
      container_flush (&container);
      who = convert_inline (child, FALSE);
      if (who == NULL)
        container_add_block (&container, BLOCK_OTHER, FALSE, raw_block (child));
      else if (who[0] != '\0')
        cite = container_add_block (&container, BLOCK_PARAGRAPH, FALSE, g_strconcat ("\u2014 ", who, NULL));
    }
  blocks = container_finish (&container);
  last = blocks->len > 0 ? g_ptr_array_index (blocks, blocks->len - 1) : NULL;
  if (last != NULL && last != cite && last->kind == BLOCK_PARAGRAPH)
    protect_from_cite (last);
  text = join_blocks (blocks, FALSE, NULL);
  return prefix_lines (text, "> ", "> ");
}

static char *
convert_list (xmlNode  *list,
              gboolean  classic,
              gboolean  alternate,
              gboolean *interrupts)
{
  gboolean ordered = feuillet_html_import_is_element (list, "ol");
  g_autofree char *start = feuillet_html_import_get_attribute (list, "start");
  g_autofree char *reversed = feuillet_html_import_get_attribute (list, "reversed");
  g_autofree char *type = feuillet_html_import_get_attribute (list, "type");
  gint64 number = 1;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  gboolean loose = FALSE;
  GString *out;

  /* Numbers counting down or lettered: Markdown has no such list. */
  if (ordered && (reversed != NULL || type != NULL))
    return NULL;
  if (ordered && start != NULL && !g_ascii_string_to_signed (start, 10, 0, 999999999, &number, NULL))
    return NULL;
  *interrupts = !ordered || number == 1;

  for (xmlNode *child = list->children; child != NULL; child = child->next)
    {
      g_autofree char *marker = NULL;
      g_autofree char *indent = NULL;
      g_autofree char *text = NULL;

      if (child->type != XML_ELEMENT_NODE && child->type != XML_TEXT_NODE)
        continue;
      /* Something else than an item in a list is shown anyway: kept as an item. */
      if (feuillet_html_import_is_element (child, "li"))
        text = convert_item (child->children, NULL, classic, &loose);
      else if (!is_blank_text (child))
        text = convert_item (child, child->next, classic, &loose);
      else
        continue;

      if (ordered)
        marker = g_strdup_printf ("%" G_GINT64_FORMAT "%c ", number++, alternate ? ')' : '.');
      else
        marker = g_strdup (alternate ? "* " : "- ");
      indent = g_strnfill (strlen (marker), ' ');
      if (items->len == 0 && text[0] == '\0')
        *interrupts = FALSE;
      /* "- ---" would be a thematic break, not an item holding one. */
      if (g_str_has_prefix (text, "---") && (text[3] == '\0' || text[3] == '\n'))
        memcpy (text, "___", 3);
      g_ptr_array_add (items, prefix_lines (text, marker, indent));
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? (loose ? "\n\n" : "\n") : "",
                            (const char *) g_ptr_array_index (items, i));
  return g_string_free (out, FALSE);
}

static char *
convert_code (xmlNode *pre)
{
  xmlNode *code = NULL;
  g_autofree char *class = NULL;
  g_autofree char *content = NULL;
  const char *language = "";
  char *text;
  gsize length;
  guint run = 0, longest = 2;
  g_autofree char *fence = NULL;

  for (xmlNode *child = pre->children; child != NULL; child = child->next)
    {
      if (feuillet_html_import_is_element (child, "code") && code == NULL)
        code = child;
      else if (child->type != XML_TEXT_NODE)
        return NULL; /* a preformatted text with markup */
    }
  if (code != NULL)
    {
      for (xmlNode *child = pre->children; child != NULL; child = child->next)
        if (child != code && !is_blank_text (child))
          return NULL;
      for (xmlNode *child = code->children; child != NULL; child = child->next)
        if (child->type != XML_TEXT_NODE)
          return NULL;
      class = feuillet_html_import_get_attribute (code, "class");
      if (class != NULL && g_str_has_prefix (class, "language-") && strpbrk (class, " `") == NULL)
        language = class + strlen ("language-");
    }

  content = feuillet_html_import_get_text (code != NULL ? code : pre);
  text = content;
  /* As in a browser, a newline right after <pre> is not content; the last one ends the block. */
  if (code == NULL && text[0] == '\n')
    text++;
  length = strlen (text);
  if (length > 0 && text[length - 1] == '\n')
    text[--length] = '\0';

  for (const char *p = text; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  fence = g_strnfill (longest + 1, '`');
  return g_strdup_printf ("%s%s\n%s%s%s", fence, language, text, length > 0 ? "\n" : "", fence);
}

static char *
table_alignment (xmlNode *cell)
{
  static const char * const alignments[] = { "left", "center", "right" };
  static const char * const delimiters[] = { ":---", ":---:", "---:" };
  g_autofree char *align = feuillet_html_import_get_attribute (cell, "align");
  g_autofree char *data_align = feuillet_html_import_get_attribute (cell, "data-align");

  for (guint i = 0; i < G_N_ELEMENTS (alignments); i++)
    {
      g_autofree char *class = g_strconcat ("has-text-align-", alignments[i], NULL);

      if (g_strcmp0 (align, alignments[i]) == 0 || g_strcmp0 (data_align, alignments[i]) == 0 ||
          has_class (cell, class))
        return g_strdup (delimiters[i]);
    }
  return g_strdup ("---");
}

/* A row's cells as Markdown; FALSE when one cannot be written in a GFM table. */
static gboolean
convert_row (xmlNode   *row,
             gboolean   header,
             GPtrArray *cells,
             GPtrArray *alignments)
{
  for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
    {
      g_autofree char *rowspan = NULL;
      g_autofree char *colspan = NULL;
      g_autoptr(FeuilletHtmlImportInline) inline_ = NULL;

      if (is_blank_text (cell))
        continue;
      if (!feuillet_html_import_is_element (cell, header ? "th" : "td"))
        return FALSE;
      rowspan = feuillet_html_import_get_attribute (cell, "rowspan");
      colspan = feuillet_html_import_get_attribute (cell, "colspan");
      if ((rowspan != NULL && !g_str_equal (rowspan, "1")) || (colspan != NULL && !g_str_equal (colspan, "1")))
        return FALSE;

      inline_ = feuillet_html_import_inline_new (FALSE, TRUE);
      feuillet_html_import_inline_children (inline_, cell);
      if (inline_->failed)
        return FALSE;
      g_ptr_array_add (cells, g_strdup (inline_->out->str));
      if (header)
        g_ptr_array_add (alignments, table_alignment (cell));
    }
  return cells->len > 0;
}

static char *
convert_table (xmlNode *table)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) alignments = g_ptr_array_new_with_free_func (g_free);
  GString *out;

  for (xmlNode *section = table->children; section != NULL; section = section->next)
    {
      gboolean header = feuillet_html_import_is_element (section, "thead");

      if (is_blank_text (section))
        continue;
      /* GFM tables have one header row, no footer, no caption. */
      if (header != (rows->len == 0) ||
          (!header && !feuillet_html_import_is_element (section, "tbody")))
        return NULL;
      for (xmlNode *row = section->children; row != NULL; row = row->next)
        {
          GPtrArray *cells;

          if (is_blank_text (row))
            continue;
          if (!feuillet_html_import_is_element (row, "tr") || (header && rows->len > 0))
            return NULL;
          cells = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (rows, cells);
          if (!convert_row (row, header, cells, alignments) ||
              cells->len != ((GPtrArray *) g_ptr_array_index (rows, 0))->len)
            return NULL;
        }
    }
  if (rows->len == 0)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, i);

      for (guint j = 0; j < cells->len; j++)
        g_string_append_printf (out, "| %s ", (const char *) g_ptr_array_index (cells, j));
      g_string_append (out, "|\n");
      if (i > 0)
        continue;
      for (guint j = 0; j < alignments->len; j++)
        g_string_append_printf (out, "| %s ", (const char *) g_ptr_array_index (alignments, j));
      g_string_append (out, "|\n");
    }
  g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* A figure of one image, with or without caption, becomes an image alone in its paragraph,
 * the caption its title; a figure of one table, that table. */
static char *
convert_figure (xmlNode *figure)
{
  xmlNode *img = NULL, *caption = NULL, *table = NULL;
  g_autofree char *caption_text = NULL;
  GString *out;

  for (xmlNode *child = figure->children; child != NULL; child = child->next)
    {
      xmlNode **slot = feuillet_html_import_is_element (child, "img") ? &img :
                       feuillet_html_import_is_element (child, "figcaption") ? &caption :
                       feuillet_html_import_is_element (child, "table") ? &table : NULL;

      if (is_blank_text (child))
        continue;
      if (slot == NULL || *slot != NULL)
        return NULL;
      else
        *slot = child;
    }

  if (table != NULL)
    return img == NULL && caption == NULL ? convert_table (table) : NULL;
  if (img == NULL)
    return NULL;

  if (caption != NULL)
    {
      g_autofree char *text = feuillet_html_import_get_text (caption);

      caption_text = feuillet_html_import_collapse_spaces (text, TRUE);
    }
  out = g_string_new (NULL);
  feuillet_html_import_append_image (out, img, caption_text);
  return g_string_free (out, FALSE);
}

static char *
convert_block (Container *self,
               xmlNode   *element,
               BlockKind *kind,
               gboolean  *interrupts)
{
  const char *name = (const char *) element->name;

  if (feuillet_html_import_is_element (element, "p"))
    {
      *kind = BLOCK_PARAGRAPH;
      return convert_inline (element, self->classic);
    }
  if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    return convert_heading (element);
  if (feuillet_html_import_is_element (element, "ul") ||
      feuillet_html_import_is_element (element, "ol"))
    {
      BlockKind list_kind =
        feuillet_html_import_is_element (element, "ol") ? BLOCK_ORDERED_LIST : BLOCK_BULLET_LIST;
      Block *previous = self->blocks->len > 0 ? g_ptr_array_index (self->blocks, self->blocks->len - 1) : NULL;
      /* Two lists in a row would read as one unless their markers differ. */
      gboolean alternate = previous != NULL && previous->kind == list_kind && !self->last_alternate;
      char *text = convert_list (element, self->classic, alternate, interrupts);

      if (text == NULL)
        return NULL;
      *kind = list_kind;
      self->last_alternate = alternate;
      return text;
    }
  if (feuillet_html_import_is_element (element, "blockquote"))
    return convert_quote (element, self->classic);
  if (feuillet_html_import_is_element (element, "pre"))
    return convert_code (element);
  if (feuillet_html_import_is_element (element, "hr"))
    return g_strdup ("---");
  if (feuillet_html_import_is_element (element, "table"))
    return convert_table (element);
  if (feuillet_html_import_is_element (element, "figure"))
    return convert_figure (element);
  if (feuillet_html_import_is_element (element, "div") && has_class (element, "wp-block-image"))
    {
      /* Older WordPress puts an aligned image's figure in a div. */
      xmlNode *figure = NULL;

      for (xmlNode *child = element->children; child != NULL; child = child->next)
        {
          if (is_blank_text (child))
            continue;
          if (figure != NULL || !feuillet_html_import_is_element (child, "figure"))
            return NULL;
          figure = child;
        }
      return figure != NULL ? convert_figure (figure) : NULL;
    }
  return NULL;
}

static gboolean
is_html_block_end (xmlNode *node)
{
  return feuillet_html_import_is_block_delimiter (node, "html") &&
         strstr ((const char *) node->content, "/wp:") != NULL;
}

static gboolean
holds_html_block_end (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_html_block_end (child) || (child->type == XML_ELEMENT_NODE && holds_html_block_end (child)))
      return TRUE;
  return FALSE;
}

static void
container_add (Container *self,
               xmlNode   *node)
{
  BlockKind kind = BLOCK_OTHER;
  gboolean interrupts = FALSE;
  char *text;
  char *unconverted;

  /* A block Markdown has no form for, until its closing delimiter: kept as it came. */
  if (self->verbatim != NULL &&
      (feuillet_html_import_is_element (node, "html") ||
       feuillet_html_import_is_element (node, "body")))
    {
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        container_add (self, child);
      return;
    }
  if (self->verbatim != NULL)
    {
      append_verbatim (self->verbatim, node);
      if (feuillet_html_import_is_block_delimiter (node, self->verbatim_name))
        {
          gboolean closing = strstr ((const char *) node->content, "/wp:") != NULL;

          if (!closing)
            self->verbatim_depth++;
          else if (--self->verbatim_depth == 0)
            container_flush (self);
        }
      return;
    }
  if (self->raw == NULL && (unconverted = unconverted_block_name (node)) != NULL)
    {
      container_flush (self);
      self->verbatim = g_string_new (NULL);
      self->verbatim_name = unconverted;
      self->verbatim_depth = 1;
      append_verbatim (self->verbatim, node);
      return;
    }

  /* <!-- wp:html -->: WordPress's custom HTML block, kept exactly. */
  if (feuillet_html_import_is_block_delimiter (node, "html"))
    {
      container_flush (self);
      if (!is_html_block_end (node))
        self->raw = g_string_new (NULL);
      return;
    }
  /* The parser's implied <html> and <body> may hold what follows a comment before them. */
  if (feuillet_html_import_is_element (node, "html") ||
      feuillet_html_import_is_element (node, "head") ||
      feuillet_html_import_is_element (node, "body"))
    {
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        container_add (self, child);
      return;
    }
  /* CommonMark would not read HTML starting with text as HTML: such a block is converted. */
  if (self->raw != NULL && feuillet_html_import_is_blank (self->raw->str) &&
      node->type == XML_TEXT_NODE && !feuillet_html_import_is_blank ((const char *) node->content))
    g_string_free (g_steal_pointer (&self->raw), TRUE);
  if (self->raw != NULL && node->type == XML_ELEMENT_NODE && holds_html_block_end (node))
    {
      /* An element left open in the block: its start tag is what was written, the rest of it
       * the parser's doing. */
      feuillet_html_import_append_start_tag (self->raw, node);
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        container_add (self, child);
      return;
    }
  if (self->raw != NULL)
    {
      feuillet_html_import_append_html (self->raw, node);
      return;
    }

  if (node->type == XML_DTD_NODE || feuillet_html_import_is_block_delimiter (node, NULL))
    {
      container_flush (self); /* each block its paragraph, even loose text */
      return;
    }
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE ||
      (node->type == XML_ELEMENT_NODE && feuillet_html_import_is_inline (node)))
    {
      if (self->run == NULL)
        self->run = feuillet_html_import_inline_new (self->classic, FALSE);
      feuillet_html_import_inline_node (self->run, node);
      return;
    }

  container_flush (self);
  text = node->type == XML_ELEMENT_NODE ? convert_block (self, node, &kind, &interrupts) : NULL;
  if (text == NULL)
    {
      kind = BLOCK_OTHER;
      text = raw_block (node);
    }
  container_add_block (self, kind, interrupts, text);
}

/* <img class="wp-image-42">: the id of an image in the site's media library. */
static void
collect_media_ids (xmlNode    *node,
                   GHashTable *media_ids)
{
  for (; node != NULL; node = node->next)
    {
      g_autofree char *classes = NULL;
      g_auto(GStrv) list = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      collect_media_ids (node->children, media_ids);
      if (!feuillet_html_import_is_element (node, "img") ||
          (classes = feuillet_html_import_get_attribute (node, "class")) == NULL)
        continue;
      list = g_strsplit_set (classes, " \t\n", -1);
      for (guint i = 0; list[i] != NULL; i++)
        {
          guint64 id;
          g_autofree char *src = NULL;

          if (!g_str_has_prefix (list[i], "wp-image-") ||
              !g_ascii_string_to_unsigned (list[i] + strlen ("wp-image-"), 10, 1, G_MAXSIZE, &id, NULL) ||
              (src = feuillet_html_import_get_attribute (node, "src")) == NULL)
            continue;
          g_hash_table_replace (media_ids, g_steal_pointer (&src), GSIZE_TO_POINTER ((gsize) id));
        }
    }
}

char *
feuillet_html_to_markdown (const char *html,
                           gssize      length,
                           GHashTable *media_ids)
{
  g_autofree char *valid = NULL;
  Container container = { 0 };
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *text = NULL;
  htmlDocPtr doc;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  /* libxml2 would read bytes that are not UTF-8 as Latin-1, garbling the rest of the text. */
  valid = g_utf8_make_valid (html != NULL ? html : "", length);
  if (feuillet_html_import_is_blank (valid))
    return g_strdup ("");

  doc = htmlReadMemory (valid, (int) MIN (strlen (valid), G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET);
  if (doc == NULL)
    return g_strdup ("");

  if (media_ids != NULL)
    collect_media_ids (doc->children, media_ids);

  /* Without block comments, a post from the classic editor: WordPress adds its paragraphs. */
  container_init (&container, strstr (valid, "<!-- wp:") == NULL);
  for (xmlNode *node = doc->children; node != NULL; node = node->next)
    container_add (&container, node);
  blocks = container_finish (&container);
  text = join_blocks (blocks, FALSE, NULL);
  xmlFreeDoc (doc);

  return text[0] != '\0' ? g_strconcat (text, "\n", NULL) : g_strdup ("");
}
