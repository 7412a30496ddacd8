/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-markdown-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <yaml.h>

#include "feuillet-error.h"
#include "feuillet-markdown-file.h"
#include "feuillet-text.h"

/*
 * Reading and writing articles as Markdown files. The front matter is YAML, parsed and
 * written with libyaml: quoting, escapes and flow sequences are its business, not ours.
 * Errors name the file and the line, counted in the whole file.
 */

typedef struct
{
  const char *display_name;
  /* the file's line where the YAML text starts */
  guint       first_line;
  yaml_document_t *document;
} FrontMatter;

static gboolean
field_error (FrontMatter  *front_matter,
             yaml_node_t  *node,
             GError      **error,
             const char   *format,
             ...) G_GNUC_PRINTF (4, 5);

static gboolean
field_error (FrontMatter  *front_matter,
             yaml_node_t  *node,
             GError      **error,
             const char   *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, FEUILLET_MARKDOWN_FILE_ERROR, FEUILLET_MARKDOWN_FILE_ERROR_FIELD,
               "%s:%u: %s", front_matter->display_name,
               front_matter->first_line + (guint) node->start_mark.line, message);
  return FALSE;
}

static const char *
scalar_value (yaml_node_t *node)
{
  const char *value = (const char *)node->data.scalar.value;

  /* A plain ~ or null is YAML's "nothing". */
  if (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
      (g_str_equal (value, "~") || g_str_equal (value, "null") || g_str_equal (value, "Null") ||
       g_str_equal (value, "NULL")))
    return "";

  return value;
}

static gboolean
read_text (FrontMatter  *front_matter,
           const char   *key,
           yaml_node_t  *node,
           const char  **value,
           GError      **error)
{
  if (node->type != YAML_SCALAR_NODE)
    return field_error (front_matter, node, error, _("“%s” must be text"), key);

  *value = scalar_value (node);
  return TRUE;
}

static gboolean
read_tags (FrontMatter      *front_matter,
           yaml_node_t      *node,
           FeuilletArticle  *article,
           GError          **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tags = NULL;

  if (node->type == YAML_SCALAR_NODE)
    {
      /* tags: "Vosges, industrie" */
      g_auto(GStrv) parts = g_strsplit (scalar_value (node), ",", -1);

      g_strv_builder_addv (builder, (const char **)parts);
    }
  else if (node->type == YAML_SEQUENCE_NODE)
    {
      for (yaml_node_item_t *item = node->data.sequence.items.start;
           item < node->data.sequence.items.top;
           item++)
        {
          yaml_node_t *tag = yaml_document_get_node (front_matter->document, *item);

          if (tag->type != YAML_SCALAR_NODE)
            return field_error (front_matter, tag, error, _("each tag must be text"));
          g_strv_builder_add (builder, scalar_value (tag));
        }
    }
  else
    {
      return field_error (front_matter, node, error, _("“tags” must be a list, such as [Vosges, industrie]"));
    }

  tags = g_strv_builder_end (builder);
  feuillet_article_set_tags (article, (const char * const *)tags);
  return TRUE;
}

static gboolean
read_field (FrontMatter      *front_matter,
            const char       *key,
            yaml_node_t      *node,
            FeuilletArticle  *article,
            GPtrArray        *warnings,
            GError          **error)
{
  static const char * const text_fields[] = {
    "title", "chapeau", "category", "byline", "slug", "lang", "featured_image",
  };
  const char *value = NULL;

  if (g_str_equal (key, "tags"))
    return read_tags (front_matter, node, article, error);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      if (!g_str_equal (key, text_fields[i]))
        continue;
      if (!read_text (front_matter, key, node, &value, error))
        return FALSE;
      g_object_set (article, g_str_equal (key, "lang") ? "language" :
                             g_str_equal (key, "featured_image") ? "featured-image" : key,
                    value, NULL);
      return TRUE;
    }

  if (g_str_equal (key, "status"))
    {
      FeuilletArticleStatus status;

      if (!read_text (front_matter, key, node, &value, error))
        return FALSE;
      if (!feuillet_article_status_from_string (value, &status))
        {
          g_autofree char *choices = feuillet_article_status_choices ();

          return field_error (front_matter, node, error, _("unknown status “%s”; use one of: %s"), value, choices);
        }
      feuillet_article_set_status (article, status);
      return TRUE;
    }

  if (g_str_equal (key, "target"))
    {
      guint64 target;

      if (!read_text (front_matter, key, node, &value, error))
        return FALSE;
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &target, NULL))
        return field_error (front_matter, node, error,
                            _("“target” must be a length in signes, such as 4000, not “%s”"), value);
      feuillet_article_set_target (article, target);
      return TRUE;
    }

  if (g_str_equal (key, "typography"))
    {
      if (!read_text (front_matter, key, node, &value, error))
        return FALSE;
      if (g_strcmp0 (value, "true") == 0 || g_strcmp0 (value, "on") == 0)
        feuillet_article_set_typography (article, TRUE);
      else if (g_strcmp0 (value, "false") == 0 || g_strcmp0 (value, "off") == 0)
        feuillet_article_set_typography (article, FALSE);
      else
        return field_error (front_matter, node, error,
                            _("“typography” must be true or false, not “%s”"), value);
      return TRUE;
    }

  if (g_str_equal (key, "schedule"))
    {
      g_autoptr(GDateTime) date = NULL;

      if (!read_text (front_matter, key, node, &value, error))
        return FALSE;
      if (value[0] != '\0')
        {
          date = g_date_time_new_from_iso8601 (value, NULL);
          if (date == NULL)
            return field_error (front_matter, node, error,
                                _("“schedule” must be a date and time such as 2026-12-01T08:00:00+01:00, not “%s”"),
                                value);
        }
      feuillet_article_set_schedule_date (article, date);
      return TRUE;
    }

  /* Other tools' fields (layout, permalink…) are not an error, but nothing keeps them. */
  if (warnings != NULL)
    g_ptr_array_add (warnings,
                     g_strdup_printf (_("%s:%u: unknown field “%s” ignored"), front_matter->display_name,
                                      front_matter->first_line + (guint) node->start_mark.line, key));
  return TRUE;
}

static gboolean
read_front_matter (const char       *yaml_text,
                   gsize             yaml_length,
                   FrontMatter      *front_matter,
                   FeuilletArticle  *article,
                   GPtrArray        *warnings,
                   GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  yaml_parser_t parser;
  yaml_document_t document;
  yaml_node_t *root;
  gboolean ok = TRUE;

  if (!yaml_parser_initialize (&parser))
    g_error ("Out of memory");
  yaml_parser_set_input_string (&parser, (const unsigned char *)yaml_text, yaml_length);

  if (!yaml_parser_load (&parser, &document))
    {
      g_set_error (error, FEUILLET_MARKDOWN_FILE_ERROR, FEUILLET_MARKDOWN_FILE_ERROR_FRONT_MATTER,
                   _("%s:%u: invalid front matter: %s%s%s"),
                   front_matter->display_name,
                   front_matter->first_line + (guint) parser.problem_mark.line,
                   parser.problem ? parser.problem : _("not YAML"),
                   parser.context ? " " : "",
                   parser.context ? parser.context : "");
      yaml_parser_delete (&parser);
      return FALSE;
    }
  yaml_parser_delete (&parser);

  front_matter->document = &document;
  root = yaml_document_get_root_node (&document);

  if (root == NULL)
    {
      /* An empty front matter. */
    }
  else if (root->type != YAML_MAPPING_NODE)
    {
      ok = field_error (front_matter, root, error,
                        _("the front matter must be fields such as “title: …”, one per line"));
    }
  else
    {
      for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
           ok && pair < root->data.mapping.pairs.top;
           pair++)
        {
          yaml_node_t *key = yaml_document_get_node (&document, pair->key);
          yaml_node_t *value = yaml_document_get_node (&document, pair->value);
          const char *name;

          if (key->type != YAML_SCALAR_NODE)
            {
              ok = field_error (front_matter, key, error, _("a field name must be text"));
              break;
            }
          name = (const char *)key->data.scalar.value;
          if (!g_hash_table_add (seen, (gpointer) name))
            {
              ok = field_error (front_matter, key, error, _("the field “%s” is given twice"), name);
              break;
            }
          ok = read_field (front_matter, name, value, article, warnings, error);
        }
    }

  front_matter->document = NULL;
  yaml_document_delete (&document);
  return ok;
}

/* In a file without front matter, a first line "# Title" is the title. */
static char *
take_heading_as_title (const char *body,
                       char      **title)
{
  const char *start = body;
  const char *end;

  while (*body == '\n')
    body++;
  if (!g_str_has_prefix (body, "# "))
    return g_strdup (start);

  end = strchr (body, '\n');
  if (end == NULL)
    end = body + strlen (body);
  *title = g_strstrip (g_strndup (body + 2, end - body - 2));

  while (*end == '\n')
    end++;
  return g_strdup (end);
}

/**
 * feuillet_markdown_file_parse:
 * @contents: the file's bytes
 * @display_name: the file's name, for messages
 * @warnings: (nullable) (element-type utf8): where to add what was ignored
 *
 * Returns: (transfer full): a new article (not yet in the library)
 */
FeuilletArticle *
feuillet_markdown_file_parse (const char  *contents,
                              gsize        length,
                              const char  *display_name,
                              GPtrArray   *warnings,
                              GError     **error)
{
  g_autoptr(FeuilletArticle) article = feuillet_article_new ();
  g_autoptr(GString) text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  FrontMatter front_matter = { display_name, 2, NULL };
  gboolean has_front_matter;
  const char *rest;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  if (!feuillet_text_check_utf8 (contents, length, display_name, error))
    return NULL;

  /* One form for everything below: no byte order mark, \n line ends. */
  if (length >= 3 && memcmp (contents, "\xEF\xBB\xBF", 3) == 0)
    {
      contents += 3;
      length -= 3;
    }
  text = g_string_new_len (contents, length);
  g_string_replace (text, "\r\n", "\n", 0);

  rest = text->str;
  has_front_matter = g_str_has_prefix (rest, "---\n");
  if (has_front_matter)
    {
      const char *yaml_start = rest + 4;
      const char *line = yaml_start;
      const char *close = NULL;

      while (*line != '\0')
        {
          const char *next = strchr (line, '\n');
          gsize line_length = next ? (gsize) (next - line) : strlen (line);

          if ((line_length == 3 && (strncmp (line, "---", 3) == 0 || strncmp (line, "...", 3) == 0)))
            {
              close = line;
              break;
            }
          if (next == NULL)
            break;
          line = next + 1;
        }

      if (close == NULL)
        {
          g_set_error (error, FEUILLET_MARKDOWN_FILE_ERROR, FEUILLET_MARKDOWN_FILE_ERROR_FRONT_MATTER,
                       _("%s:1: the front matter opened by “---” is never closed by a “---” line"),
                       display_name);
          return NULL;
        }

      if (!read_front_matter (yaml_start, close - yaml_start, &front_matter, article, warnings, error))
        return NULL;

      rest = close + 3;
      if (*rest == '\n')
        rest++;
      /* The blank line that sets the body apart is not part of it. */
      if (*rest == '\n')
        rest++;
    }

  if (!has_front_matter)
    {
      body = take_heading_as_title (rest, &title);
      if (title != NULL)
        feuillet_article_set_title (article, title);
    }
  else
    {
      body = g_strdup (rest);
    }
  feuillet_article_set_body (article, body);

  return g_steal_pointer (&article);
}

static int
append_output (void          *data,
               unsigned char *buffer,
               size_t         size)
{
  g_string_append_len (data, (const char *)buffer, size);
  return 1;
}

static void
emit (yaml_emitter_t *emitter,
      yaml_event_t   *event)
{
  /* Events built from valid UTF-8 strings cannot fail but for memory. */
  if (!yaml_emitter_emit (emitter, event))
    g_error ("Cannot write YAML: %s", emitter->problem ? emitter->problem : "out of memory");
}

static void
emit_scalar (yaml_emitter_t *emitter,
             const char     *value)
{
  /* libyaml writes "null" or "~" plain, which reads back as nothing: quote them. */
  gboolean reads_as_null = g_str_equal (value, "~") || g_ascii_strcasecmp (value, "null") == 0;
  yaml_event_t event;

  yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *)value, strlen (value), 1, 1,
                                reads_as_null ? YAML_SINGLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE);
  emit (emitter, &event);
}

static void
emit_field (yaml_emitter_t *emitter,
            const char     *key,
            const char     *value)
{
  emit_scalar (emitter, key);
  emit_scalar (emitter, value);
}

/**
 * feuillet_markdown_file_serialize:
 *
 * Writes what feuillet_markdown_file_parse() reads back as the same article.
 *
 * Returns: (transfer full): the file's text
 */
char *
feuillet_markdown_file_serialize (FeuilletArticle *article)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *tags;
  yaml_emitter_t emitter;
  yaml_event_t event;

  g_return_val_if_fail (FEUILLET_IS_ARTICLE (article), NULL);

  if (!yaml_emitter_initialize (&emitter))
    g_error ("Out of memory");
  yaml_emitter_set_output (&emitter, append_output, out);
  yaml_emitter_set_unicode (&emitter, 1);
  yaml_emitter_set_width (&emitter, -1);

  yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING);
  emit (&emitter, &event);
  yaml_document_start_event_initialize (&event, NULL, NULL, NULL, 0);
  emit (&emitter, &event);
  yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
  emit (&emitter, &event);

  emit_field (&emitter, "title", feuillet_article_get_title (article));
  if (feuillet_article_get_chapeau (article)[0] != '\0')
    emit_field (&emitter, "chapeau", feuillet_article_get_chapeau (article));
  if (feuillet_article_get_category (article)[0] != '\0')
    emit_field (&emitter, "category", feuillet_article_get_category (article));

  tags = feuillet_article_get_tags (article);
  if (tags[0] != NULL)
    {
      emit_scalar (&emitter, "tags");
      yaml_sequence_start_event_initialize (&event, NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE);
      emit (&emitter, &event);
      for (guint i = 0; tags[i] != NULL; i++)
        emit_scalar (&emitter, tags[i]);
      yaml_sequence_end_event_initialize (&event);
      emit (&emitter, &event);
    }

  if (feuillet_article_get_byline (article)[0] != '\0')
    emit_field (&emitter, "byline", feuillet_article_get_byline (article));
  emit_field (&emitter, "lang", feuillet_article_get_language (article));
  emit_field (&emitter, "status", feuillet_article_status_to_string (feuillet_article_get_status (article)));
  if (feuillet_article_get_slug (article)[0] != '\0')
    emit_field (&emitter, "slug", feuillet_article_get_slug (article));
  if (feuillet_article_get_target (article) > 0)
    {
      g_autofree char *target = g_strdup_printf ("%u", feuillet_article_get_target (article));

      emit_field (&emitter, "target", target);
    }
  /* Written only when turned off, the exception. */
  if (!feuillet_article_get_typography (article))
    emit_field (&emitter, "typography", "false");
  if (feuillet_article_get_featured_image (article) != NULL)
    emit_field (&emitter, "featured_image", feuillet_article_get_featured_image (article));
  if (feuillet_article_get_schedule_date (article) != NULL)
    {
      g_autofree char *schedule = g_date_time_format_iso8601 (feuillet_article_get_schedule_date (article));

      emit_field (&emitter, "schedule", schedule);
    }

  yaml_mapping_end_event_initialize (&event);
  emit (&emitter, &event);
  yaml_document_end_event_initialize (&event, 1);
  emit (&emitter, &event);
  yaml_stream_end_event_initialize (&event);
  emit (&emitter, &event);
  yaml_emitter_delete (&emitter);

  /* libyaml opens the document with "---"; close the front matter the same way. */
  g_string_append (out, "---\n\n");
  g_string_append (out, feuillet_article_get_body (article));

  return g_string_free (g_steal_pointer (&out), FALSE);
}
