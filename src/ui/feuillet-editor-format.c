/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-editor-format"

#include "config.h"

#include "feuillet-editor-private.h"

/*
 * Formatting shortcuts in the body: they write Markdown, the article's format, and each is
 * one step to undo. Used again on formatted text, they take the formatting off.
 */

static GtkTextBuffer *
body_buffer (FeuilletEditor *self)
{
  GtkTextView *body = feuillet_editor_get_body_view (self);

  /* Formatting belongs to the body: the title and chapeau are plain text. */
  if (!gtk_widget_has_focus (GTK_WIDGET (body)))
    return NULL;
  return gtk_text_view_get_buffer (body);
}

static gboolean
text_before_is (GtkTextIter *iter,
                const char  *marker)
{
  GtkTextIter start = *iter;
  g_autofree char *text = NULL;

  if (!gtk_text_iter_backward_chars (&start, g_utf8_strlen (marker, -1)))
    return FALSE;
  text = gtk_text_iter_get_slice (&start, iter);
  return g_str_equal (text, marker);
}

static gboolean
text_after_is (GtkTextIter *iter,
               const char  *marker)
{
  GtkTextIter end = *iter;
  g_autofree char *text = NULL;
  int length = g_utf8_strlen (marker, -1);

  /* forward_chars() says FALSE on reaching the end of the text, which a marker may end. */
  gtk_text_iter_forward_chars (&end, length);
  if (gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (iter) != length)
    return FALSE;
  text = gtk_text_iter_get_slice (iter, &end);
  return g_str_equal (text, marker);
}

/* **bold**, *italic*: around the selection, or an empty pair with the cursor inside. */
static void
toggle_wrap (FeuilletEditor *self,
             const char     *marker)
{
  GtkTextBuffer *buffer = body_buffer (self);
  GtkTextIter start, end;
  int length = g_utf8_strlen (marker, -1);

  if (buffer == NULL)
    return;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);

  if (text_before_is (&start, marker) && text_after_is (&end, marker))
    {
      GtkTextMark *end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);
      GtkTextIter before = start, after;

      gtk_text_iter_backward_chars (&before, length);
      gtk_text_buffer_delete (buffer, &before, &start);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
      after = end;
      gtk_text_iter_forward_chars (&after, length);
      gtk_text_buffer_delete (buffer, &end, &after);
      gtk_text_buffer_delete_mark (buffer, end_mark);
    }
  else
    {
      GtkTextMark *start_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
      GtkTextMark *end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);
      GtkTextIter iter;

      gtk_text_buffer_insert (buffer, &end, marker, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, start_mark);
      gtk_text_buffer_insert (buffer, &iter, marker, -1);

      /* Keep the same words selected, now inside the markers. */
      gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
      gtk_text_iter_forward_chars (&start, length);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
      gtk_text_iter_backward_chars (&end, length);
      gtk_text_buffer_select_range (buffer, &start, &end);
      gtk_text_buffer_delete_mark (buffer, start_mark);
      gtk_text_buffer_delete_mark (buffer, end_mark);
    }

  gtk_text_buffer_end_user_action (buffer);
}

/* The prefix a line starts with: "## ", "> ", or nothing. */
static int
line_prefix_length (GtkTextIter *line_start,
                    gunichar     marker)
{
  GtkTextIter iter = *line_start;
  int length = 0;

  while (gtk_text_iter_get_char (&iter) == marker && !gtk_text_iter_ends_line (&iter))
    {
      length++;
      gtk_text_iter_forward_char (&iter);
    }
  if (length > 0 && gtk_text_iter_get_char (&iter) == ' ')
    length++;

  return length;
}

/* Sets the prefix of every line the selection touches; the same prefix again removes it. */
static void
toggle_line_prefix (FeuilletEditor *self,
                    gunichar        marker,
                    const char     *prefix)
{
  GtkTextBuffer *buffer = body_buffer (self);
  GtkTextIter start, end;
  int first_line, last_line;
  gboolean all_have_it = TRUE;

  if (buffer == NULL)
    return;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  first_line = gtk_text_iter_get_line (&start);
  last_line = gtk_text_iter_get_line (&end);

  for (int line = first_line; line <= last_line; line++)
    {
      GtkTextIter line_start, prefix_end;
      g_autofree char *current = NULL;

      gtk_text_buffer_get_iter_at_line (buffer, &line_start, line);
      prefix_end = line_start;
      gtk_text_iter_forward_chars (&prefix_end, line_prefix_length (&line_start, marker));
      current = gtk_text_iter_get_slice (&line_start, &prefix_end);
      if (!g_str_equal (current, prefix))
        all_have_it = FALSE;
    }

  gtk_text_buffer_begin_user_action (buffer);
  for (int line = first_line; line <= last_line; line++)
    {
      GtkTextIter line_start, prefix_end;

      gtk_text_buffer_get_iter_at_line (buffer, &line_start, line);
      prefix_end = line_start;
      gtk_text_iter_forward_chars (&prefix_end, line_prefix_length (&line_start, marker));
      gtk_text_buffer_delete (buffer, &line_start, &prefix_end);
      if (!all_have_it)
        gtk_text_buffer_insert (buffer, &line_start, prefix, -1);
    }
  gtk_text_buffer_end_user_action (buffer);
}

static void
bold_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  toggle_wrap (FEUILLET_EDITOR (widget), "**");
}

static void
italic_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  toggle_wrap (FEUILLET_EDITOR (widget), "*");
}

/* [words](https://) with the address selected, ready to be pasted over. */
static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkTextBuffer *buffer = body_buffer (FEUILLET_EDITOR (widget));
  GtkTextMark *start_mark, *end_mark;
  GtkTextIter start, end, url_end;

  if (buffer == NULL)
    return;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  start_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  gtk_text_buffer_insert (buffer, &end, "](https://)", -1);
  end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);
  gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
  gtk_text_buffer_insert (buffer, &start, "[", -1);

  gtk_text_buffer_get_iter_at_mark (buffer, &url_end, end_mark);
  gtk_text_iter_backward_char (&url_end);
  start = url_end;
  gtk_text_iter_backward_chars (&start, strlen ("https://"));
  gtk_text_buffer_select_range (buffer, &start, &url_end);
  gtk_text_buffer_delete_mark (buffer, start_mark);
  gtk_text_buffer_delete_mark (buffer, end_mark);
  gtk_text_buffer_end_user_action (buffer);
}

/* Intertitre levels: the title is the page's first level, so level 1 is "## ". */
static void
heading_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  int level = g_variant_get_int32 (parameter);
  g_autofree char *prefix = g_strdup_printf ("%.*s ", level + 1, "####");

  toggle_line_prefix (FEUILLET_EDITOR (widget), '#', prefix);
}

static void
quote_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  toggle_line_prefix (FEUILLET_EDITOR (widget), '>', "> ");
}

void
feuillet_editor_class_add_format_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "format.bold", NULL, bold_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "format.bold", NULL);
  gtk_widget_class_install_action (widget_class, "format.italic", NULL, italic_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "format.italic", NULL);
  gtk_widget_class_install_action (widget_class, "format.link", NULL, link_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "format.link", NULL);
  gtk_widget_class_install_action (widget_class, "format.heading", "i", heading_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "format.heading", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "format.heading", "i", 2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "format.heading", "i", 3);
  gtk_widget_class_install_action (widget_class, "format.quote", NULL, quote_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Q, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "format.quote", NULL);
}
