/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-html-import"

#include "config.h"

#include "feuillet-html-import-private.h"

#include <string.h>

/*
 * The text inside a block (a paragraph, a heading, a table cell) as Markdown: the Inline writer
 * below writes emphasis, links, code spans, images and the elements Markdown has no syntax for,
 * and text is escaped so that it reads back as the same text.
 */

/* &name; and &#123; are entities in Markdown too: such text needs its & escaped. */
static gboolean
looks_like_entity (const char *p)
{
  const char *q = p + 1;

  if (*q == '#')
    q++;
  while (g_ascii_isalnum (*q))
    q++;
  return q > p + 1 && *q == ';';
}

/* Writes the character at p so that Markdown reads it as text; returns what follows it. */
static const char *
append_escaped_char (GString    *out,
                     const char *p,
                     gboolean    line_start,
                     gboolean    in_table)
{
  const char *next = g_utf8_next_char (p);
  gboolean escape = FALSE;

  switch (*p)
    {
    case '\\': case '*': case '_': case '[': case ']': case '`': case '<': case '~':
      escape = TRUE;
      break;
    case '|':
      escape = in_table;
      break;
    case '&':
      escape = looks_like_entity (p);
      break;
    case ':':
      /* md4c makes links of bare URLs; the site showed this one as text. */
      escape = g_str_has_prefix (next, "//");
      break;
    case '#': case '>':
      escape = line_start;
      break;
    case '-': case '+': case '=':
      /* a list item, a thematic break or a heading's underline */
      escape = line_start &&
               (*next == '\0' || feuillet_html_import_is_html_space (*next) || *next == *p);
      break;
    default:
      if (line_start && g_ascii_isdigit (*p))
        {
          const char *q = p;

          while (g_ascii_isdigit (*q))
            q++;
          if ((*q == '.' || *q == ')') &&
              (q[1] == '\0' || feuillet_html_import_is_html_space (q[1])))
            {
              g_string_append_len (out, p, q - p);
              g_string_append_c (out, '\\');
              g_string_append_c (out, *q);
              return q + 1;
            }
        }
      break;
    }
  if (escape)
    g_string_append_c (out, '\\');
  g_string_append_len (out, p, next - p);
  return next;
}

/* A link or image title, between double quotes. */
static void
append_title (GString    *out,
              const char *title)
{
  g_string_append (out, " \"");
  for (const char *p = title; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\' || (*p == '&' && looks_like_entity (p)))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_destination (GString    *out,
                    const char *url)
{
  for (const char *p = url; *p != '\0'; p++)
    {
      if (*p == ' ' || (guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "%%%02X", (guchar) *p);
      else if (strchr ("()<>\\", *p) != NULL || (*p == '&' && looks_like_entity (p)))
        g_string_append_printf (out, "\\%c", *p);
      else
        g_string_append_c (out, *p);
    }
}

void
feuillet_html_import_append_image (GString    *out,
                                   xmlNode    *img,
                                   const char *title)
{
  g_autofree char *alt = feuillet_html_import_get_attribute (img, "alt");
  g_autofree char *src = feuillet_html_import_get_attribute (img, "src");
  g_autofree char *alt_text = feuillet_html_import_collapse_spaces (alt != NULL ? alt : "", TRUE);

  g_string_append (out, "![");
  for (const char *p = alt_text; *p != '\0';)
    p = append_escaped_char (out, p, FALSE, FALSE);
  g_string_append (out, "](");
  append_destination (out, src != NULL ? src : "");
  if (title != NULL && title[0] != '\0')
    append_title (out, title);
  g_string_append_c (out, ')');
}

/* Inline content */

/* Markup around inline content: emphasis, a link, a raw HTML element. */
typedef struct
{
  char  *open;
  char  *close;
  /* Where open starts in pending_open while it waits for visible text, or -1 once written. */
  gssize pending_at;
} Span;

static void
span_clear (gpointer data)
{
  Span *span = data;

  g_free (span->open);
  g_free (span->close);
}

FeuilletHtmlImportInline *
feuillet_html_import_inline_new (gboolean autop,
                                 gboolean in_table)
{
  FeuilletHtmlImportInline *self = g_new0 (FeuilletHtmlImportInline, 1);

  self->out = g_string_new (NULL);
  self->pending_open = g_string_new (NULL);
  self->spans = g_array_new (FALSE, TRUE, sizeof (Span));
  g_array_set_clear_func (self->spans, span_clear);
  self->autop = autop;
  self->in_table = in_table;
  return self;
}

void
feuillet_html_import_inline_free (FeuilletHtmlImportInline *self)
{
  g_string_free (self->out, TRUE);
  g_string_free (self->pending_open, TRUE);
  g_array_unref (self->spans);
  g_free (self);
}

/* Writes what waits for visible text. Returns whether that text starts a line, where it
 * must not read as block syntax. */
static gboolean
inline_flush (FeuilletHtmlImportInline *self)
{
  GString *out = self->out;
  gboolean line_start;

  if (out->len == 0)
    ; /* white space and breaks at a block's start are not text */
  else if (self->pending_paragraph)
    {
      /* A new paragraph: what is open closes, and opens again after it. */
      for (guint i = self->spans->len; i > 0; i--)
        {
          Span *span = &g_array_index (self->spans, Span, i - 1);

          if (span->pending_at < 0)
            g_string_append (out, span->close);
        }
      g_string_append (out, "\n\n");
      g_string_truncate (self->pending_open, 0);
      for (guint i = 0; i < self->spans->len; i++)
        {
          Span *span = &g_array_index (self->spans, Span, i);

          span->pending_at = self->pending_open->len;
          g_string_append (self->pending_open, span->open);
        }
    }
  else if (self->pending_breaks > 0)
    {
      /* spaces around a line break are not text */
      for (guint i = 0; i < self->pending_breaks; i++)
        g_string_append (out, self->in_table ? "<br>" : "\\\n");
    }
  else if (self->pending_space && out->str[out->len - 1] != '\n')
    {
      g_string_append_c (out, ' ');
    }
  self->pending_space = self->pending_paragraph = FALSE;
  self->pending_breaks = 0;

  line_start = out->len == 0 || out->str[out->len - 1] == '\n';
  if (self->pending_open->len > 0)
    {
      g_string_append_len (out, self->pending_open->str, self->pending_open->len);
      g_string_truncate (self->pending_open, 0);
      for (guint i = 0; i < self->spans->len; i++)
        g_array_index (self->spans, Span, i).pending_at = -1;
      line_start = FALSE;
    }
  return line_start;
}

static void
inline_open (FeuilletHtmlImportInline *self,
             char                     *open,
             char                     *close,
             gboolean                  eager)
{
  Span span = { open, close, self->pending_open->len };

  g_string_append (self->pending_open, open);
  g_array_append_val (self->spans, span);
  if (eager)
    inline_flush (self);
}

static void
inline_close (FeuilletHtmlImportInline *self)
{
  Span *span = &g_array_index (self->spans, Span, self->spans->len - 1);

  /* Nothing visible inside: the span is not written at all. */
  if (span->pending_at >= 0)
    g_string_truncate (self->pending_open, span->pending_at);
  else
    g_string_append (self->out, span->close);
  g_array_remove_index (self->spans, self->spans->len - 1);
}

static void
inline_text (FeuilletHtmlImportInline *self,
             const char               *text)
{
  for (const char *p = text; *p != '\0';)
    {
      if (feuillet_html_import_is_html_space (*p))
        {
          guint newlines = 0;

          for (; feuillet_html_import_is_html_space (*p); p++)
            newlines += *p == '\n';
          if (self->autop && newlines >= 2)
            self->pending_paragraph = TRUE;
          else if (self->autop && newlines == 1 && self->pending_breaks == 0)
            self->pending_breaks = 1;
          else
            self->pending_space = TRUE;
          continue;
        }
      p = append_escaped_char (self->out, p, inline_flush (self), self->in_table);
    }
}

void
feuillet_html_import_inline_children (FeuilletHtmlImportInline *self,
                                      xmlNode                  *element)
{
  for (xmlNode *child = element->children; child != NULL; child = child->next)
    feuillet_html_import_inline_node (self, child);
}

/* The first (or last) character Markdown writes for node, past white space and line breaks
 * (they go outside emphasis; *space tells they were there): its text's, or that of the syntax
 * written for it. 0 when it shows nothing. */
static gunichar
edge_char (xmlNode  *node,
           gboolean  last,
           gboolean *space)
{
  static const char * const emphasis_tags[] = { "b", "del", "em", "i", "s", "strike", "strong", NULL };
  gunichar syntax = 0;

  if (node->type == XML_TEXT_NODE && node->content != NULL)
    {
      const char *text = (const char *) node->content;
      const char *end = text + strlen (text);
      const char *p = last ? end : text;

      while (last ? p > text && feuillet_html_import_is_html_space (p[-1])
                  : feuillet_html_import_is_html_space (*p))
        p += last ? -1 : 1;
      *space = *space || p != (last ? end : text);
      if (last ? p == text : *p == '\0')
        return 0;
      return g_utf8_get_char (last ? g_utf8_prev_char (p) : p);
    }
  if (node->type != XML_ELEMENT_NODE)
    return 0;
  if (feuillet_html_import_is_element (node, "br"))
    {
      *space = TRUE;
      return 0;
    }
  if (feuillet_html_import_is_element (node, "img"))
    return last ? ')' : '!';
  if (feuillet_html_import_is_element (node, "code"))
    return '`';
  /* A link's brackets, or the tags of an element kept as HTML, are what shows at its edges;
   * spaces inside them still move out, except after an HTML start tag, written at once. */
  if (feuillet_html_import_is_element (node, "a"))
    syntax = last ? ')' : '[';
  else if (!g_strv_contains (emphasis_tags, (const char *) node->name))
    syntax = last ? '>' : '<';
  if (syntax == '<')
    return syntax;
  for (xmlNode *child = last ? node->last : node->children; child != NULL;
       child = last ? child->prev : child->next)
    {
      gunichar c = edge_char (child, last, space);

      if (c != 0)
        return syntax != 0 ? syntax : c;
    }
  return syntax == '>' ? syntax : 0; /* an empty link or emphasis is not written */
}

static gunichar
char_after (xmlNode *node)
{
  for (; node != NULL && feuillet_html_import_is_inline (node); node = node->parent)
    for (xmlNode *next = node->next; next != NULL; next = next->next)
      {
        gboolean space = FALSE;
        gunichar c = edge_char (next, FALSE, &space);

        if (space)
          return ' ';
        if (c != 0)
          return c;
      }
  return ' ';
}

static gunichar
char_before (FeuilletHtmlImportInline *self)
{
  GString *out = self->pending_open->len > 0 ? self->pending_open : self->out;

  if (out == self->out && (self->pending_space || self->pending_breaks > 0 || self->pending_paragraph))
    return ' ';
  if (out->len == 0 || out->str[out->len - 1] == '\n')
    return ' ';
  return g_utf8_get_char (g_utf8_prev_char (out->str + out->len));
}

/* Whether *, ** or ~~ around the element would read as emphasis (CommonMark's flanking rules):
 * they must touch visible text, and next to punctuation inside not touch a letter outside. */
static gboolean
delimiters_fit (FeuilletHtmlImportInline *self,
                xmlNode                  *element)
{
  gboolean space_before = FALSE, space_after = FALSE;
  gunichar first = edge_char (element, FALSE, &space_before);
  gunichar last = edge_char (element, TRUE, &space_after);
  gunichar before = space_before ? ' ' : char_before (self);
  gunichar after = space_after ? ' ' : char_after (element);

  if (first == 0)
    return TRUE; /* nothing shown: nothing written */
  if (g_unichar_isspace (first) || g_unichar_isspace (last))
    return FALSE; /* a no-break space */
  if (g_unichar_ispunct (first) && !g_unichar_isspace (before) && !g_unichar_ispunct (before))
    return FALSE;
  return !g_unichar_ispunct (last) || g_unichar_isspace (after) || g_unichar_ispunct (after);
}

static void
inline_emphasis (FeuilletHtmlImportInline *self,
                 xmlNode                  *element,
                 const char               *marker,
                 const char               *tag)
{
  g_autofree char *open_tag = g_strdup_printf ("<%s>", tag);

  /* <em> inside <em> changes nothing, and Markdown cannot write it. */
  for (guint i = 0; i < self->spans->len; i++)
    {
      const char *open = g_array_index (self->spans, Span, i).open;

      if (g_str_equal (open, marker) || g_str_equal (open, open_tag))
        {
          feuillet_html_import_inline_children (self, element);
          return;
        }
    }

  if (delimiters_fit (self, element))
    inline_open (self, g_strdup (marker), g_strdup (marker), FALSE);
  else
    inline_open (self, g_steal_pointer (&open_tag), g_strdup_printf ("</%s>", tag), FALSE);
  feuillet_html_import_inline_children (self, element);
  inline_close (self);
}

static void
inline_code (FeuilletHtmlImportInline *self,
             xmlNode                  *code)
{
  g_autofree char *content = feuillet_html_import_get_text (code);
  g_autofree char *text = feuillet_html_import_collapse_spaces (content, FALSE);
  gsize length = strlen (text);
  guint run = 0, longest = 0;
  g_autofree char *fence = NULL;
  gboolean pad;

  if (feuillet_html_import_is_blank (text))
    {
      self->pending_space = self->pending_space || length > 0;
      return;
    }
  for (const char *p = text; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  if (self->in_table && strchr (text, '|') != NULL)
    self->failed = TRUE;

  fence = g_strnfill (longest + 1, '`');
  /* CommonMark takes one space off each end when both have one. */
  pad = text[0] == '`' || text[length - 1] == '`' || (text[0] == ' ' && text[length - 1] == ' ');
  inline_flush (self);
  g_string_append_printf (self->out, "%s%s%s%s%s", fence, pad ? " " : "", text, pad ? " " : "", fence);
}

static void
inline_link (FeuilletHtmlImportInline *self,
             xmlNode                  *a)
{
  g_autofree char *href = feuillet_html_import_get_attribute (a, "href");
  g_autofree char *title = feuillet_html_import_get_attribute (a, "title");
  g_autofree char *text = feuillet_html_import_get_text (a);
  GString *close;

  /* https://example.com shown as itself */
  if ((g_str_has_prefix (href, "https://") || g_str_has_prefix (href, "http://")) &&
      g_str_equal (text, href) && title == NULL && strpbrk (href, " <>\t\n") == NULL &&
      a->children != NULL && a->children->next == NULL && a->children->type == XML_TEXT_NODE)
    {
      inline_flush (self);
      g_string_append_printf (self->out, "<%s>", href);
      return;
    }

  close = g_string_new ("](");
  append_destination (close, href);
  if (title != NULL && title[0] != '\0')
    append_title (close, title);
  g_string_append_c (close, ')');
  inline_open (self, g_strdup ("["), g_string_free (close, FALSE), FALSE);
  feuillet_html_import_inline_children (self, a);
  inline_close (self);
}

/* An element Markdown has no syntax for: kept as inline HTML, its content still Markdown. */
static void
inline_raw_element (FeuilletHtmlImportInline *self,
                    xmlNode                  *element)
{
  const char *name = (const char *) element->name;
  GString *open = g_string_new (NULL);

  if (g_strv_contains (feuillet_html_import_raw_text_tags, name))
    {
      /* Markdown would read its content as text, escaping a script's && and reading its *:
       * the whole block stays HTML. */
      feuillet_html_import_append_html (open, element);
      self->failed = self->failed || element->children != NULL;
      inline_flush (self);
      g_string_append (self->out, open->str);
      g_string_free (open, TRUE);
      return;
    }

  feuillet_html_import_append_start_tag (open, element);
  if (g_strv_contains (feuillet_html_import_void_tags, name))
    {
      inline_flush (self);
      g_string_append (self->out, open->str);
      g_string_free (open, TRUE);
      return;
    }
  inline_open (self, g_string_free (open, FALSE), g_strdup_printf ("</%s>", name), TRUE);
  feuillet_html_import_inline_children (self, element);
  inline_close (self);
}

void
feuillet_html_import_inline_node (FeuilletHtmlImportInline *self,
                                  xmlNode                  *node)
{
  switch (node->type)
    {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      inline_text (self, (const char *) node->content);
      return;
    case XML_COMMENT_NODE:
      if (feuillet_html_import_is_block_delimiter (node, NULL))
        return;
      self->failed = self->failed || strchr ((const char *) node->content, '\n') != NULL;
      inline_flush (self);
      g_string_append_printf (self->out, "<!--%s-->", (const char *) node->content);
      return;
    case XML_ELEMENT_NODE:
      break;
    default:
      return;
    }

  if (self->in_table && !feuillet_html_import_is_inline (node))
    self->failed = TRUE;

  if (feuillet_html_import_is_element (node, "strong") ||
      feuillet_html_import_is_element (node, "b"))
    inline_emphasis (self, node, "**", "strong");
  else if (feuillet_html_import_is_element (node, "em") ||
           feuillet_html_import_is_element (node, "i"))
    inline_emphasis (self, node, "*", "em");
  else if (feuillet_html_import_is_element (node, "s") ||
           feuillet_html_import_is_element (node, "del") ||
           feuillet_html_import_is_element (node, "strike"))
    inline_emphasis (self, node, "~~", "s");
  else if (feuillet_html_import_is_element (node, "code"))
    inline_code (self, node);
  else if (feuillet_html_import_is_element (node, "br"))
    self->pending_breaks++;
  else if (feuillet_html_import_is_element (node, "a") &&
           xmlHasProp (node, (const xmlChar *) "href") != NULL)
    inline_link (self, node);
  else if (feuillet_html_import_is_element (node, "img"))
    {
      g_autofree char *title = feuillet_html_import_get_attribute (node, "title");

      inline_flush (self);
      feuillet_html_import_append_image (self->out, node, title);
    }
  else
    inline_raw_element (self, node);
}
