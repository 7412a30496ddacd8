/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Markdown to what the reader sees: article HTML, WordPress block markup, and the preview's
 * HTML. One walk over md4c's parse events writes all three, so the site and the preview
 * cannot drift apart; the conventions are in doc/markdown.md.
 *
 * The typography pass runs on prose only: never on code, raw HTML, a URL or an attribute.
 */
#define G_LOG_DOMAIN "feuillet-render"

#include "config.h"

#include <md4c.h>
#include <string.h>

#include "feuillet-render.h"

/* CommonMark with tables and strikethrough, as the editor highlights it. */
#define MARKDOWN_FLAGS (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS)

/* In the preview, where each top-level block starts in the Markdown; written as a fixed-width
 * number so it can be filled in once the block's first text is seen. */
#define SOURCE_DIGITS 10

typedef struct
{
  MD_BLOCKTYPE type;
  /* Where the block's output starts, to rewrite it (an image alone in a paragraph, a quote's
   * closing "— Author" paragraph). */
  gsize        start;
  /* For a paragraph: it has held only an image so far. */
  gboolean     image_only;
  gboolean     has_image;
  guint        children;
} Block;

typedef struct
{
  GString                     *out;
  FeuilletRenderFormat         format;
  const FeuilletRenderOptions *options;
  const char                  *source;
  gsize                        source_length;

  FeuilletTypographer          typographer;
  GString                     *scratch;
  GArray                      *blocks; /* of Block, the open ones, innermost last */

  /* The image being read: its alt text is collected rather than written. */
  guint                        image_depth;
  GString                     *image_alt;
  char                        *image_src;
  char                        *image_title;

  guint                        autolink_depth;

  /* A raw HTML block being written as is, to be judged at its end: WordPress's own block
   * markup passes through, anything else goes into an HTML block. A WordPress block may
   * span several raw HTML blocks (its comment ends one): where the first began, or
   * G_MAXSIZE. */
  gboolean                     raw_block_deferred;
  gsize                        raw_pending_start;

  /* The preview's pending data-source: where its digits are in out, or 0 when filled. */
  gsize                        source_digits_at;

  /* A quote's last paragraph when it reads "— Author": its output range and the name. */
  gsize                        cite_start;
  char                        *cite;
} Renderer;

static gboolean
writes_blocks (Renderer *self)
{
  return self->format == FEUILLET_RENDER_BLOCKS;
}

static Block *
current_block (Renderer *self)
{
  return self->blocks->len > 0 ? &g_array_index (self->blocks, Block, self->blocks->len - 1) : NULL;
}

static gboolean
inside (Renderer     *self,
        MD_BLOCKTYPE  type)
{
  for (guint i = 0; i < self->blocks->len; i++)
    if (g_array_index (self->blocks, Block, i).type == type)
      return TRUE;
  return FALSE;
}

static void
append_escaped (GString    *out,
                const char *text,
                gsize       length,
                gboolean    attribute)
{
  const char *end = text + length;
  const char *run = text;

  for (const char *p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = attribute ? "&quot;" : NULL; break;
        /* md4c passes NUL bytes through in code and raw HTML; the page gets U+FFFD. */
        case '\0': entity = "\xef\xbf\xbd"; break;
        default: entity = NULL; break;
        }
      if (entity == NULL)
        continue;
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append_len (out, run, end - run);
}

static void
append_raw (GString    *out,
            const char *text,
            gsize       length)
{
  if (memchr (text, '\0', length) == NULL)
    g_string_append_len (out, text, length);
  else
    for (gsize i = 0; i < length; i++)
      {
        if (text[i] == '\0')
          g_string_append (out, "\xef\xbf\xbd");
        else
          g_string_append_c (out, text[i]);
      }
}

static gboolean
starts_block_delimiter (const char *p,
                        const char *end)
{
  const char *name = p;

  while (name < end && g_ascii_isspace (*name))
    name++;
  /* The whitespace may go on in the next piece of raw HTML: assume the worst. */
  if (name == end)
    return TRUE;
  if (name == p)
    return FALSE;
  if (*name == '/')
    name++;
  return end - name >= 3 && memcmp (name, "wp:", 3) == 0;
}

/* Raw HTML in block markup must not hold what WordPress's parser reads as a block delimiter
 * (`<!-- wp:… -->`, even in an attribute): one more dash keeps it a comment, not a block. */
static void
append_raw_html (GString    *out,
                 const char *text,
                 gsize       length,
                 gboolean    in_block_markup)
{
  const char *end = text + length;
  const char *run = text;

  if (!in_block_markup)
    {
      append_raw (out, text, length);
      return;
    }
  for (const char *p = text; (p = memchr (p, '<', end - p)) != NULL; p++)
    {
      if (end - p < 4 || memcmp (p, "<!--", 4) != 0)
        continue;
      if (!starts_block_delimiter (p + 4, end))
        continue;
      append_raw (out, run, p + 4 - run);
      g_string_append_c (out, '-');
      run = p + 4;
      p += 3;
    }
  append_raw (out, run, end - run);
}

/* An md4c attribute (a URL, a title) as plain text; entities are kept as written. */
static char *
attribute_text (const MD_ATTRIBUTE *attribute)
{
  GString *text = g_string_new (NULL);

  if (attribute->text == NULL)
    return g_string_free (text, FALSE);

  for (guint i = 0; attribute->substr_offsets[i] < attribute->size; i++)
    {
      MD_OFFSET from = attribute->substr_offsets[i];
      MD_OFFSET to = attribute->substr_offsets[i + 1];

      if (attribute->substr_types[i] == MD_TEXT_NULLCHAR)
        g_string_append (text, "\xef\xbf\xbd");
      else
        append_raw (text, attribute->text + from, to - from);
    }
  return g_string_free (text, FALSE);
}

/* A link that would run code when followed is written without its target. */
static gboolean
is_safe_url (const char *url)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);

  if (scheme == NULL)
    return TRUE;
  return g_ascii_strcasecmp (scheme, "javascript") != 0 &&
         g_ascii_strcasecmp (scheme, "vbscript") != 0 &&
         g_ascii_strcasecmp (scheme, "data") != 0;
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, strlen (value), TRUE);
  g_string_append_c (out, '"');
}

static void
open_block_comment (Renderer   *self,
                    const char *name,
                    const char *attributes)
{
  if (!writes_blocks (self))
    return;
  g_string_append_printf (self->out, "<!-- wp:%s%s%s -->\n", name,
                          attributes != NULL ? " " : "", attributes != NULL ? attributes : "");
}

static void
close_block_comment (Renderer   *self,
                     const char *name)
{
  if (!writes_blocks (self))
    return;
  g_string_append_printf (self->out, "\n<!-- /wp:%s -->", name);
}

/* Blocks are separated by a blank line at every level, as WordPress's serializer does. */
static void
separate_from_previous_sibling (Renderer *self)
{
  Block *parent = current_block (self);

  if (parent == NULL || parent->children++ == 0)
    return;
  /* A table's rows and cells are written together, as WordPress's table block does. */
  if (inside (self, MD_BLOCK_TABLE))
    return;
  /* A list item's text and its nested list follow each other as WordPress writes them. */
  if (parent->type == MD_BLOCK_LI && writes_blocks (self))
    return;
  g_string_append (self->out, writes_blocks (self) ? "\n\n" : "\n");
}

/* Whether a block is a WordPress block of its own (with comments) or plain HTML inside one:
 * a list item holds only text and nested lists, a table cell only text. */
static gboolean
is_block_level (Renderer *self)
{
  if (inside (self, MD_BLOCK_TABLE))
    return FALSE;
  for (guint i = 0; i < self->blocks->len; i++)
    {
      MD_BLOCKTYPE type = g_array_index (self->blocks, Block, i).type;

      if (type == MD_BLOCK_LI)
        return FALSE;
    }
  return TRUE;
}

static void
open_tag_with_source (Renderer   *self,
                      const char *tag)
{
  g_string_append_printf (self->out, "<%s", tag);
  if (self->format == FEUILLET_RENDER_PREVIEW && self->blocks->len == 2)
    {
      g_string_append (self->out, " data-source=\"");
      self->source_digits_at = self->out->len;
      g_string_append (self->out, "0000000000\"");
    }
}

static void
note_source_position (Renderer   *self,
                      const char *text)
{
  char digits[SOURCE_DIGITS + 1];

  if (self->source_digits_at == 0 || text < self->source || text > self->source + self->source_length)
    return;
  g_snprintf (digits, sizeof digits, "%010" G_GSIZE_FORMAT, (gsize) (text - self->source));
  memcpy (self->out->str + self->source_digits_at, digits, SOURCE_DIGITS);
  self->source_digits_at = 0;
}

static void
enter_list (Renderer     *self,
            MD_BLOCKTYPE  type,
            void         *detail)
{
  const MD_BLOCK_OL_DETAIL *ol = type == MD_BLOCK_OL ? detail : NULL;

  if (ol != NULL && ol->start != 1)
    {
      g_autofree char *attributes = g_strdup_printf ("{\"ordered\":true,\"start\":%u}", ol->start);

      open_block_comment (self, "list", attributes);
      open_tag_with_source (self, "ol");
      g_string_append_printf (self->out, " start=\"%u\">", ol->start);
    }
  else
    {
      open_block_comment (self, "list", ol != NULL ? "{\"ordered\":true}" : NULL);
      open_tag_with_source (self, ol != NULL ? "ol" : "ul");
      g_string_append_c (self->out, '>');
    }
}

static void
append_table_cell_tag (Renderer         *self,
                       const char       *tag,
                       const MD_BLOCK_TD_DETAIL *detail)
{
  static const char *const alignments[] = {
    [MD_ALIGN_LEFT] = "left", [MD_ALIGN_CENTER] = "center", [MD_ALIGN_RIGHT] = "right",
  };

  g_string_append_printf (self->out, "<%s", tag);
  if (detail->align != MD_ALIGN_DEFAULT)
    g_string_append_printf (self->out, " class=\"has-text-align-%s\" data-align=\"%s\"",
                            alignments[detail->align], alignments[detail->align]);
  g_string_append_c (self->out, '>');
}

typedef enum
{
  NOT_BLOCK_MARKUP,
  BLOCK_MARKUP_OPEN,  /* so far WordPress blocks, one still open */
  BLOCK_MARKUP_WHOLE,
} BlockMarkup;

/* Whether raw HTML is nothing but WordPress blocks, balanced: a block the site has and
 * Feuillet does not write (an embed, a gallery, latest posts) pulled with an article. The
 * pattern is the one WordPress's parser reads delimiters with (class-wp-block-parser.php). */
static BlockMarkup
classify_block_markup (const char *html,
                       gsize       length)
{
  static GRegex *delimiter;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GPtrArray) open_names = g_ptr_array_new_with_free_func (g_free);
  gsize after_previous = 0;
  guint blocks = 0;

  if (g_once_init_enter_pointer (&delimiter))
    g_once_init_leave_pointer (&delimiter,
                               g_regex_new ("<!--\\s+(\\/)?wp:((?:[a-z][a-z0-9_-]*\\/)?[a-z][a-z0-9_-]*)\\s+"
                                            "({(?:(?:[^}]+|}+(?=})|(?!}\\s+\\/?-->).)*+)?}\\s+)?(\\/)?-->",
                                            G_REGEX_DOTALL | G_REGEX_RAW, 0, NULL));

  if (memchr (html, '\0', length) != NULL)
    return NOT_BLOCK_MARKUP;
  g_regex_match_full (delimiter, html, length, 0, 0, &match, NULL);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end;
      g_autofree char *closer = g_match_info_fetch (match, 1);
      g_autofree char *name = g_match_info_fetch (match, 2);
      g_autofree char *void_mark = g_match_info_fetch (match, 4);

      g_match_info_fetch_pos (match, 0, &start, &end);
      /* Between top-level blocks, only white space. */
      if (open_names->len == 0)
        for (gsize i = after_previous; i < (gsize) start; i++)
          if (!g_ascii_isspace (html[i]))
            return NOT_BLOCK_MARKUP;
      after_previous = end;

      if (closer != NULL && closer[0] != '\0')
        {
          if (open_names->len == 0 || !g_str_equal (open_names->pdata[open_names->len - 1], name))
            return NOT_BLOCK_MARKUP;
          g_ptr_array_set_size (open_names, open_names->len - 1);
          blocks += open_names->len == 0;
        }
      else if (void_mark != NULL && void_mark[0] != '\0')
        blocks += open_names->len == 0;
      else
        g_ptr_array_add (open_names, g_steal_pointer (&name));
    }
  if (open_names->len > 0)
    return BLOCK_MARKUP_OPEN;
  for (gsize i = after_previous; i < length; i++)
    if (!g_ascii_isspace (html[i]))
      return NOT_BLOCK_MARKUP;
  return blocks > 0 ? BLOCK_MARKUP_WHOLE : NOT_BLOCK_MARKUP;
}

/* Raw HTML that is not WordPress's block markup: into an HTML block, its delimiters disarmed. */
static void
wrap_pending_raw_html (Renderer *self)
{
  gsize start = self->raw_pending_start;
  gsize length;
  g_autofree char *html = NULL;

  if (start == G_MAXSIZE)
    return;
  self->raw_pending_start = G_MAXSIZE;
  length = self->out->len - start;
  /* Copied whole: raw HTML may hold NUL bytes. */
  html = g_memdup2 (self->out->str + start, length);
  g_string_truncate (self->out, start);
  open_block_comment (self, "html", NULL);
  append_raw_html (self->out, html, length, TRUE);
  close_block_comment (self, "html");
}

static void
leave_raw_block (Renderer *self,
                 gsize     start)
{
  self->raw_block_deferred = FALSE;
  if (self->raw_pending_start == G_MAXSIZE)
    self->raw_pending_start = start;

  switch (classify_block_markup (self->out->str + self->raw_pending_start,
                                 self->out->len - self->raw_pending_start))
    {
    case BLOCK_MARKUP_WHOLE:
      self->raw_pending_start = G_MAXSIZE;
      break;
    case BLOCK_MARKUP_OPEN:
      /* Its end may be in the next raw HTML block. */
      break;
    case NOT_BLOCK_MARKUP:
    default:
      wrap_pending_raw_html (self);
      break;
    }
}

static int
enter_block (MD_BLOCKTYPE  type,
             void         *detail,
             void         *user_data)
{
  Renderer *self = user_data;
  Block *parent;
  Block block = { .type = type };
  gboolean block_level;

  /* Raw HTML waiting for the end of a WordPress block it opened does not get it. */
  if (type != MD_BLOCK_HTML && self->blocks->len == 1)
    wrap_pending_raw_html (self);
  if (type != MD_BLOCK_DOC)
    separate_from_previous_sibling (self);

  block_level = is_block_level (self);
  block.start = self->out->len;
  g_array_append_val (self->blocks, block);
  feuillet_typographer_reset (&self->typographer);
  /* Taken after the append, which may move the array. */
  parent = self->blocks->len > 1 ? &g_array_index (self->blocks, Block, self->blocks->len - 2) : NULL;

  /* A block after a quote's "— Author" paragraph means that one was not its citation. */
  if (parent != NULL && parent->type == MD_BLOCK_QUOTE)
    g_clear_pointer (&self->cite, g_free);

  switch (type)
    {
    case MD_BLOCK_DOC:
      break;

    case MD_BLOCK_QUOTE:
      if (block_level)
        open_block_comment (self, "quote", NULL);
      open_tag_with_source (self, "blockquote");
      g_string_append (self->out, writes_blocks (self) ? " class=\"wp-block-quote\">" : ">");
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      /* Nested too: a list is the one block a list item may hold. */
      enter_list (self, type, detail);
      break;

    case MD_BLOCK_LI:
      open_block_comment (self, "list-item", NULL);
      g_string_append (self->out, "<li>");
      break;

    case MD_BLOCK_HR:
      if (block_level)
        open_block_comment (self, "separator", NULL);
      open_tag_with_source (self, "hr");
      g_string_append (self->out, writes_blocks (self) ? " class=\"wp-block-separator has-alpha-channel-opacity\"/>" : ">");
      break;

    case MD_BLOCK_H:
      {
        const MD_BLOCK_H_DETAIL *h = detail;
        char tag[3] = { 'h', (char) ('0' + h->level), '\0' };

        if (block_level)
          {
            g_autofree char *attributes = h->level != 2 ? g_strdup_printf ("{\"level\":%u}", h->level) : NULL;

            open_block_comment (self, "heading", attributes);
          }
        open_tag_with_source (self, tag);
        g_string_append_c (self->out, '>');
      }
      break;

    case MD_BLOCK_CODE:
      if (block_level)
        open_block_comment (self, "code", NULL);
      open_tag_with_source (self, "pre");
      g_string_append (self->out, writes_blocks (self) ? " class=\"wp-block-code\"><code>" : "><code>");
      break;

    case MD_BLOCK_HTML:
      self->raw_block_deferred = block_level && writes_blocks (self);
      if (self->format == FEUILLET_RENDER_PREVIEW && self->blocks->len == 2)
        {
          open_tag_with_source (self, "div");
          g_string_append (self->out, " class=\"feuillet-raw-html\">");
        }
      break;

    case MD_BLOCK_P:
      {
        Block *p = current_block (self);

        p->image_only = TRUE;
        /* In a list item, paragraphs are the item's text, not blocks of their own. */
        if (parent != NULL && parent->type == MD_BLOCK_LI && writes_blocks (self))
          {
            if (parent->children > 1)
              g_string_append (self->out, "<br>");
            break;
          }
        if (block_level)
          open_block_comment (self, "paragraph", NULL);
        open_tag_with_source (self, "p");
        g_string_append_c (self->out, '>');
      }
      break;

    case MD_BLOCK_TABLE:
      if (block_level)
        open_block_comment (self, "table", NULL);
      if (writes_blocks (self))
        g_string_append (self->out, "<figure class=\"wp-block-table\">");
      open_tag_with_source (self, "table");
      g_string_append_c (self->out, '>');
      break;

    case MD_BLOCK_THEAD: g_string_append (self->out, "<thead>"); break;
    case MD_BLOCK_TBODY: g_string_append (self->out, "<tbody>"); break;
    case MD_BLOCK_TR: g_string_append (self->out, "<tr>"); break;
    case MD_BLOCK_TH: append_table_cell_tag (self, "th", detail); break;
    case MD_BLOCK_TD: append_table_cell_tag (self, "td", detail); break;

    default:
      break;
    }
  return 0;
}

void
feuillet_render_image_free (FeuilletRenderImage *image)
{
  if (image == NULL)
    return;
  g_free (image->source);
  g_free (image->alt);
  g_free (image->caption);
  g_free (image->credit);
  g_free (image);
}

/* An image as the Markdown gives it: its title split into the caption and, from the ©
 * on, the credit, both set with the article's typography as the figure shows them. */
static void
image_init (Renderer            *self,
            FeuilletRenderImage *image,
            const char          *src,
            const char          *alt,
            const char          *title,
            gboolean             figure)
{
  const char *credit = title != NULL ? g_utf8_strrchr (title, -1, 0xA9 /* © */) : NULL;
  g_autofree char *caption = NULL;

  caption = g_strndup (title != NULL ? title : "",
                       credit != NULL ? (gsize) (credit - title) : (title != NULL ? strlen (title) : 0));
  g_strchomp (caption);
  image->source = (char *) src;
  image->alt = (char *) alt;
  image->caption = feuillet_typography_apply (self->options->typography, caption);
  image->credit = credit != NULL ? feuillet_typography_apply (self->options->typography, credit) : NULL;
  image->figure = figure;
}

static void
image_clear (FeuilletRenderImage *image)
{
  g_clear_pointer (&image->caption, g_free);
  g_clear_pointer (&image->credit, g_free);
}

/* Asks the lookup for the site's copy of @image: its id (0 when none) and address. */
static guint64
look_up_media (Renderer                   *self,
               const FeuilletRenderImage  *image,
               const char                **url)
{
  guint64 media_id = 0;

  *url = image->source;
  if (self->options->media_lookup == NULL)
    return 0;
  if (!self->options->media_lookup (image, &media_id, url, self->options->media_lookup_data) ||
      media_id == 0 || *url == NULL)
    {
      *url = image->source;
      return 0;
    }
  return media_id;
}

static void
append_figure (Renderer   *self,
               const char *src,
               const char *alt,
               const char *title,
               gsize       source_offset)
{
  guint64 media_id;
  FeuilletRenderImage image = { 0, };
  const char *url;
  gboolean block_level = is_block_level (self);

  image_init (self, &image, src, alt, title, TRUE);
  media_id = look_up_media (self, &image, &url);

  if (writes_blocks (self))
    {
      g_autofree char *attributes = NULL;

      if (media_id != 0)
        attributes = g_strdup_printf ("{\"id\":%" G_GUINT64_FORMAT ",\"sizeSlug\":\"large\",\"linkDestination\":\"none\"}", media_id);
      else
        attributes = g_strdup ("{\"sizeSlug\":\"large\",\"linkDestination\":\"none\"}");
      if (block_level)
        open_block_comment (self, "image", attributes);
      g_string_append (self->out, "<figure class=\"wp-block-image size-large\">");
    }
  else
    {
      g_string_append (self->out, "<figure class=\"feuillet-image\"");
      if (self->format == FEUILLET_RENDER_PREVIEW && source_offset != G_MAXSIZE)
        g_string_append_printf (self->out, " data-source=\"%010" G_GSIZE_FORMAT "\"", source_offset);
      g_string_append_c (self->out, '>');
    }

  g_string_append (self->out, "<img");
  append_attribute (self->out, "src", url);
  append_attribute (self->out, "alt", alt);
  if (media_id != 0)
    g_string_append_printf (self->out, " class=\"wp-image-%" G_GUINT64_FORMAT "\"", media_id);
  g_string_append (self->out, writes_blocks (self) ? "/>" : ">");

  if (image.caption[0] != '\0' || image.credit != NULL)
    {
      g_string_append (self->out, writes_blocks (self) ? "<figcaption class=\"wp-element-caption\">" : "<figcaption>");
      append_escaped (self->out, image.caption, strlen (image.caption), FALSE);
      if (image.credit != NULL)
        {
          g_string_append (self->out, image.caption[0] != '\0' ? " <span class=\"feuillet-credit\">" : "<span class=\"feuillet-credit\">");
          append_escaped (self->out, image.credit, strlen (image.credit), FALSE);
          g_string_append (self->out, "</span>");
        }
      g_string_append (self->out, "</figcaption>");
    }
  g_string_append (self->out, "</figure>");
  if (block_level)
    close_block_comment (self, "image");
  image_clear (&image);
}

static gsize
read_source_digits (Renderer *self,
                    gsize     block_start)
{
  const char *found;

  if (self->format != FEUILLET_RENDER_PREVIEW)
    return G_MAXSIZE;
  found = strstr (self->out->str + block_start, "data-source=\"");
  if (found == NULL)
    return G_MAXSIZE;
  return g_ascii_strtoull (found + strlen ("data-source=\""), NULL, 10);
}

static void
leave_paragraph (Renderer *self,
                 Block    *block,
                 Block    *parent)
{
  gboolean in_list_item = parent != NULL && parent->type == MD_BLOCK_LI && writes_blocks (self);

  /* A paragraph that is only an image is a figure, with its caption and credit. */
  if (block->image_only && block->has_image && self->image_src != NULL && !in_list_item)
    {
      gsize source_offset = read_source_digits (self, block->start);

      g_string_truncate (self->out, block->start);
      append_figure (self, self->image_src, self->image_alt->str, self->image_title, source_offset);
      return;
    }

  if (in_list_item)
    return;
  g_string_append (self->out, "</p>");
  if (is_block_level (self))
    close_block_comment (self, "paragraph");

  /* "— Author" as a quote's paragraph: its citation, if nothing follows it in the quote. */
  if (parent != NULL && parent->type == MD_BLOCK_QUOTE)
    {
      static const char *const dashes[] = { "\xe2\x80\x94", "\xe2\x80\x93", "---", "--" };
      const char *text = strchr (self->out->str + block->start, '>');
      const char *close;

      /* Past the paragraph comment, at the text after <p>. */
      if (writes_blocks (self) && text != NULL)
        text = strstr (text + 1, "<p");
      text = text != NULL ? strchr (text, '>') : NULL;
      for (guint i = 0; text != NULL && i < G_N_ELEMENTS (dashes); i++)
        {
          const char *after = text + 1;

          if (!g_str_has_prefix (after, dashes[i]))
            continue;
          after += strlen (dashes[i]);
          if (*after != ' ' && !g_str_has_prefix (after, "\xc2\xa0") && !g_str_has_prefix (after, "\xe2\x80\xaf"))
            continue;
          after = g_utf8_next_char (after);
          close = g_strrstr (after, "</p>");
          if (close == NULL)
            break;
          g_clear_pointer (&self->cite, g_free);
          self->cite = g_strndup (after, close - after);
          self->cite_start = block->start;
          break;
        }
    }
}

static int
leave_block (MD_BLOCKTYPE  type,
             void         *detail,
             void         *user_data)
{
  Renderer *self = user_data;
  Block block = *current_block (self);
  Block *parent;

  g_array_set_size (self->blocks, self->blocks->len - 1);
  parent = current_block (self);

  switch (type)
    {
    case MD_BLOCK_DOC:
      wrap_pending_raw_html (self);
      if (self->out->len > 0)
        g_string_append_c (self->out, '\n');
      break;

    case MD_BLOCK_QUOTE:
      if (self->cite != NULL)
        {
          g_autofree char *cite = g_steal_pointer (&self->cite);

          g_string_truncate (self->out, self->cite_start);
          /* The separator written before the citation's paragraph goes too. */
          while (self->out->len > 0 && self->out->str[self->out->len - 1] == '\n')
            g_string_truncate (self->out, self->out->len - 1);
          g_string_append_printf (self->out, "<cite>%s</cite>", cite);
        }
      g_string_append (self->out, "</blockquote>");
      if (is_block_level (self))
        close_block_comment (self, "quote");
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      g_string_append (self->out, type == MD_BLOCK_OL ? "</ol>" : "</ul>");
      close_block_comment (self, "list");
      break;

    case MD_BLOCK_LI:
      g_string_append (self->out, "</li>");
      close_block_comment (self, "list-item");
      break;

    case MD_BLOCK_HR:
      if (is_block_level (self))
        close_block_comment (self, "separator");
      break;

    case MD_BLOCK_H:
      g_string_append_printf (self->out, "</h%u>", ((MD_BLOCK_H_DETAIL *) detail)->level);
      if (is_block_level (self))
        close_block_comment (self, "heading");
      break;

    case MD_BLOCK_CODE:
      g_string_append (self->out, "</code></pre>");
      if (is_block_level (self))
        close_block_comment (self, "code");
      break;

    case MD_BLOCK_HTML:
      /* md4c ends raw HTML with its line's newline; the block's own end replaces it. */
      if (self->out->len > block.start && self->out->str[self->out->len - 1] == '\n')
        g_string_truncate (self->out, self->out->len - 1);
      if (self->format == FEUILLET_RENDER_PREVIEW && self->blocks->len == 1)
        g_string_append (self->out, "</div>");
      if (self->raw_block_deferred)
        leave_raw_block (self, block.start);
      break;

    case MD_BLOCK_P:
      leave_paragraph (self, &block, parent);
      break;

    case MD_BLOCK_TABLE:
      g_string_append (self->out, writes_blocks (self) ? "</table></figure>" : "</table>");
      if (is_block_level (self))
        close_block_comment (self, "table");
      break;

    case MD_BLOCK_THEAD: g_string_append (self->out, "</thead>"); break;
    case MD_BLOCK_TBODY: g_string_append (self->out, "</tbody>"); break;
    case MD_BLOCK_TR: g_string_append (self->out, "</tr>"); break;
    case MD_BLOCK_TH: g_string_append (self->out, "</th>"); break;
    case MD_BLOCK_TD: g_string_append (self->out, "</td>"); break;

    default:
      break;
    }

  if (type == MD_BLOCK_P || type == MD_BLOCK_H || type == MD_BLOCK_TD || type == MD_BLOCK_TH)
    g_clear_pointer (&self->image_src, g_free);
  return 0;
}

/* Any span or text outside an image means the paragraph is more than an image. */
static void
note_paragraph_content (Renderer *self,
                        gboolean  is_image)
{
  Block *block = current_block (self);

  if (block == NULL || block->type != MD_BLOCK_P || self->image_depth > 0)
    return;
  if (!is_image || block->has_image)
    block->image_only = FALSE;
  if (is_image)
    block->has_image = TRUE;
}

static int
enter_span (MD_SPANTYPE  type,
            void        *detail,
            void        *user_data)
{
  Renderer *self = user_data;

  if (self->image_depth > 0)
    {
      /* Inside an image's alt text only the text counts. */
      if (type == MD_SPAN_IMG)
        self->image_depth++;
      return 0;
    }

  note_paragraph_content (self, type == MD_SPAN_IMG);

  switch (type)
    {
    case MD_SPAN_EM: g_string_append (self->out, "<em>"); break;
    case MD_SPAN_STRONG: g_string_append (self->out, "<strong>"); break;
    case MD_SPAN_DEL: g_string_append (self->out, "<s>"); break;
    case MD_SPAN_CODE: g_string_append (self->out, "<code>"); break;

    case MD_SPAN_A:
      {
        const MD_SPAN_A_DETAIL *a = detail;
        g_autofree char *href = attribute_text (&a->href);
        g_autofree char *title = attribute_text (&a->title);

        g_string_append (self->out, "<a");
        if (is_safe_url (href))
          append_attribute (self->out, "href", href);
        if (title[0] != '\0')
          append_attribute (self->out, "title", title);
        g_string_append_c (self->out, '>');
        if (a->is_autolink)
          self->autolink_depth++;
      }
      break;

    case MD_SPAN_IMG:
      {
        const MD_SPAN_IMG_DETAIL *img = detail;
        g_autofree char *src = attribute_text (&img->src);

        self->image_depth = 1;
        g_string_truncate (self->image_alt, 0);
        g_free (self->image_src);
        g_free (self->image_title);
        self->image_src = is_safe_url (src) ? g_steal_pointer (&src) : g_strdup ("");
        self->image_title = attribute_text (&img->title);
      }
      break;

    default:
      break;
    }
  return 0;
}

static int
leave_span (MD_SPANTYPE  type,
            void        *detail,
            void        *user_data)
{
  Renderer *self = user_data;

  if (self->image_depth > 0)
    {
      if (type != MD_SPAN_IMG || --self->image_depth > 0)
        return 0;

      /* Written inline now; a paragraph holding only this image rewrites it as a figure. */
      {
        FeuilletRenderImage image = { 0, };
        const char *url;
        guint64 media_id;

        image_init (self, &image, self->image_src, self->image_alt->str, self->image_title, FALSE);
        media_id = look_up_media (self, &image, &url);
        g_string_append (self->out, "<img");
        append_attribute (self->out, "src", url);
        append_attribute (self->out, "alt", self->image_alt->str);
        if (self->image_title[0] != '\0')
          append_attribute (self->out, "title", self->image_title);
        if (media_id != 0)
          g_string_append_printf (self->out, " class=\"wp-image-%" G_GUINT64_FORMAT "\"", media_id);
        g_string_append (self->out, writes_blocks (self) ? "/>" : ">");
        image_clear (&image);
      }
      return 0;
    }

  switch (type)
    {
    case MD_SPAN_EM: g_string_append (self->out, "</em>"); break;
    case MD_SPAN_STRONG: g_string_append (self->out, "</strong>"); break;
    case MD_SPAN_DEL: g_string_append (self->out, "</s>"); break;
    case MD_SPAN_CODE: g_string_append (self->out, "</code>"); break;
    case MD_SPAN_A:
      g_string_append (self->out, "</a>");
      if (((MD_SPAN_A_DETAIL *) detail)->is_autolink && self->autolink_depth > 0)
        self->autolink_depth--;
      break;
    default:
      break;
    }
  return 0;
}

static int
text (MD_TEXTTYPE    type,
      const MD_CHAR *text,
      MD_SIZE        size,
      void          *user_data)
{
  Renderer *self = user_data;

  note_source_position (self, text);

  if (self->image_depth > 0)
    {
      /* The alt text is an attribute: plain, no typography. */
      if (type == MD_TEXT_NULLCHAR)
        g_string_append (self->image_alt, "\xef\xbf\xbd");
      else if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR)
        g_string_append_c (self->image_alt, ' ');
      else
        append_raw (self->image_alt, text, size);
      return 0;
    }

  /* A line break next to an image alone still leaves it alone. */
  if (type != MD_TEXT_SOFTBR)
    note_paragraph_content (self, FALSE);

  switch (type)
    {
    case MD_TEXT_NORMAL:
      if (self->autolink_depth > 0 || self->typographer.typography == FEUILLET_TYPOGRAPHY_NONE)
        {
          feuillet_typographer_skip (&self->typographer, text, size);
          append_escaped (self->out, text, size, FALSE);
          break;
        }
      g_string_truncate (self->scratch, 0);
      feuillet_typographer_feed (&self->typographer, text, size, self->scratch);
      append_escaped (self->out, self->scratch->str, self->scratch->len, FALSE);
      break;

    case MD_TEXT_NULLCHAR:
      g_string_append (self->out, "\xef\xbf\xbd");
      break;

    case MD_TEXT_BR:
      g_string_append (self->out, writes_blocks (self) ? "<br>" : "<br>\n");
      feuillet_typographer_skip (&self->typographer, " ", 1);
      break;

    case MD_TEXT_SOFTBR:
      g_string_append_c (self->out, '\n');
      feuillet_typographer_skip (&self->typographer, " ", 1);
      break;

    case MD_TEXT_HTML:
      /* Raw HTML, written by hand: kept exactly (but for NUL bytes). */
      append_raw_html (self->out, text, size, writes_blocks (self) && !self->raw_block_deferred);
      feuillet_typographer_skip (&self->typographer, text, size);
      break;

    case MD_TEXT_ENTITY:
      append_raw (self->out, text, size);
      feuillet_typographer_skip (&self->typographer, "x", 1);
      break;

    case MD_TEXT_CODE:
    default:
      append_escaped (self->out, text, size, FALSE);
      feuillet_typographer_skip (&self->typographer, text, size);
      break;
    }
  return 0;
}

/**
 * feuillet_render_markdown:
 * @markdown: an article body
 * @length: its length in bytes
 * @format: what to write
 * @options: (nullable): typography and media; %NULL for none
 *
 * Returns: (transfer full): the body in @format; never %NULL, even for broken Markdown
 */
char *
feuillet_render_markdown (const char                  *markdown,
                          gsize                        length,
                          FeuilletRenderFormat         format,
                          const FeuilletRenderOptions *options)
{
  static const FeuilletRenderOptions no_options = { FEUILLET_TYPOGRAPHY_NONE, NULL, NULL };
  MD_PARSER parser = {
    .abi_version = 0,
    .flags = MARKDOWN_FLAGS,
    .enter_block = enter_block,
    .leave_block = leave_block,
    .enter_span = enter_span,
    .leave_span = leave_span,
    .text = text,
  };
  Renderer self = {
    .out = g_string_sized_new (length + length / 4 + 64),
    .format = format,
    .options = options != NULL ? options : &no_options,
    .source = markdown,
    .source_length = length,
    .scratch = g_string_sized_new (256),
    .blocks = g_array_sized_new (FALSE, TRUE, sizeof (Block), 16),
    .image_alt = g_string_new (NULL),
    .raw_pending_start = G_MAXSIZE,
  };

  g_return_val_if_fail (markdown != NULL || length == 0, NULL);

  feuillet_typographer_init (&self.typographer, self.options->typography);

  /* A byte-order mark is not text. */
  if (length >= 3 && memcmp (markdown, "\xef\xbb\xbf", 3) == 0)
    {
      self.source += 3;
      self.source_length -= 3;
    }

  if (md_parse (self.source, self.source_length, &parser, &self) != 0)
    g_string_truncate (self.out, 0);

  g_string_free (self.scratch, TRUE);
  g_string_free (self.image_alt, TRUE);
  g_array_unref (self.blocks);
  g_free (self.image_src);
  g_free (self.image_title);
  g_free (self.cite);
  return g_string_free (self.out, FALSE);
}

/**
 * feuillet_render_article_typography:
 *
 * Returns: the typography of @article's language, or none when the article turned it off
 */
FeuilletTypography
feuillet_render_article_typography (FeuilletArticle *article)
{
  g_return_val_if_fail (FEUILLET_IS_ARTICLE (article), FEUILLET_TYPOGRAPHY_NONE);

  if (!feuillet_article_get_typography (article))
    return FEUILLET_TYPOGRAPHY_NONE;
  return feuillet_typography_for_language (feuillet_article_get_language (article));
}

/**
 * feuillet_render_article_body:
 *
 * Returns: (transfer full): @article's body in @format, with its typography
 */
char *
feuillet_render_article_body (FeuilletArticle      *article,
                              FeuilletRenderFormat  format)
{
  FeuilletRenderOptions options = { feuillet_render_article_typography (article), NULL, NULL };
  const char *body = feuillet_article_get_body (article);

  return feuillet_render_markdown (body, strlen (body), format, &options);
}

/* Collects the images, as the renderer asks for them, answering that the site has none. */
static gboolean
collect_image (const FeuilletRenderImage  *image,
               guint64                    *id,
               const char                **url,
               gpointer                    user_data)
{
  GPtrArray *images = user_data;
  FeuilletRenderImage *copy = g_new0 (FeuilletRenderImage, 1);

  copy->source = g_strdup (image->source);
  copy->alt = g_strdup (image->alt);
  copy->caption = g_strdup (image->caption);
  copy->credit = g_strdup (image->credit);
  copy->figure = image->figure;
  g_ptr_array_add (images, copy);
  return FALSE;
}

/**
 * feuillet_render_list_images:
 *
 * Returns: (transfer container) (element-type FeuilletRenderImage): the images of @markdown
 */
GPtrArray *
feuillet_render_list_images (const char         *markdown,
                             gsize               length,
                             FeuilletTypography  typography)
{
  GPtrArray *images = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_render_image_free);
  GPtrArray *figures = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_render_image_free);
  FeuilletRenderOptions options = { typography, collect_image, images };
  g_autofree char *out = NULL;

  g_return_val_if_fail (markdown != NULL || length == 0, NULL);

  /* The same walk as the post's, so that what is uploaded is what the blocks show. An image
   * alone in its paragraph is seen twice: inline first, then rewritten as a figure. */
  out = feuillet_render_markdown (markdown, length, FEUILLET_RENDER_BLOCKS, &options);
  for (guint i = 0; i < images->len; i++)
    {
      FeuilletRenderImage *image = images->pdata[i];
      FeuilletRenderImage *next = i + 1 < images->len ? images->pdata[i + 1] : NULL;

      if (!image->figure && next != NULL && next->figure && g_str_equal (image->source, next->source))
        continue;
      g_ptr_array_add (figures, g_steal_pointer (&images->pdata[i]));
    }
  g_ptr_array_unref (images);
  return figures;
}

/**
 * feuillet_render_signature:
 *
 * Returns: (transfer full): the signature paragraph, without a trailing newline
 */
char *
feuillet_render_signature (const char           *byline,
                           FeuilletRenderFormat  format,
                           FeuilletTypography    typography)
{
  g_autofree char *set = NULL;
  GString *out;

  g_return_val_if_fail (byline != NULL, NULL);

  set = feuillet_typography_apply (typography, byline);
  g_strstrip (set);
  out = g_string_new (NULL);
  /* What WordPress's editor saves for a paragraph given the extra class "signature". */
  if (format == FEUILLET_RENDER_BLOCKS)
    g_string_append (out, "<!-- wp:paragraph {\"className\":\"signature\"} -->\n");
  g_string_append (out, "<p class=\"signature\">");
  append_escaped (out, set, strlen (set), FALSE);
  g_string_append (out, "</p>");
  if (format == FEUILLET_RENDER_BLOCKS)
    g_string_append (out, "\n<!-- /wp:paragraph -->");
  return g_string_free (out, FALSE);
}

/**
 * feuillet_render_article_post_content:
 * @media_lookup: (nullable): the site's copies of the images
 * @signature: whether the site signs its posts with the byline
 *
 * Returns: (transfer full): the post's content, as block markup
 */
char *
feuillet_render_article_post_content (FeuilletArticle     *article,
                                      FeuilletMediaLookup  media_lookup,
                                      gpointer             media_lookup_data,
                                      gboolean             signature)
{
  FeuilletRenderOptions options = { feuillet_render_article_typography (article), media_lookup, media_lookup_data };
  const char *body;
  const char *byline;
  g_autofree char *signed_by = NULL;
  g_autofree char *content = NULL;

  g_return_val_if_fail (FEUILLET_IS_ARTICLE (article), NULL);

  body = feuillet_article_get_body (article);
  content = feuillet_render_markdown (body, strlen (body), FEUILLET_RENDER_BLOCKS, &options);
  byline = feuillet_article_get_byline (article);
  if (!signature || byline == NULL)
    return g_steal_pointer (&content);
  signed_by = g_strstrip (g_strdup (byline));
  if (signed_by[0] == '\0')
    return g_steal_pointer (&content);

  g_clear_pointer (&signed_by, g_free);
  signed_by = feuillet_render_signature (byline, FEUILLET_RENDER_BLOCKS, options.typography);
  /* Blocks are separated by a blank line; the content ends with a newline. */
  return g_strconcat (content, content[0] != '\0' ? "\n" : "", signed_by, "\n", NULL);
}
