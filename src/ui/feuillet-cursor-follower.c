/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Keeps the cursor in sight in text views that share one scrolled window. The editor's title,
 * chapeau and body scroll together (the title goes away as the text goes on), so no text view
 * has a scrolled window of its own to keep its cursor in: this does it, after the layout that
 * follows a keystroke or a move, with a line of room above and below.
 *
 * The viewport's own "scroll to the focused widget" is turned off: for a body taller than the
 * window it scrolled to the body's end, not to its cursor.
 *
 * Typing that reaches the foot of the window brings the line being written up to the middle
 * (the editor leaves room under the text for it), instead of a line at a time: the writer
 * keeps the text around the cursor in view, and the whole page is not redrawn at every line,
 * which cost a frame over 16 ms at each new line on software rendering. Moving the cursor
 * with the keys still scrolls a line at a time; a cursor gone out of sight (Ctrl+End, a
 * search) is brought to the middle.
 */
#define G_LOG_DOMAIN "feuillet-cursor-follower"

#include "config.h"

#include "feuillet-cursor-follower.h"

/* After a cursor move, how long a change of the content's size (the layout catching up with
 * the keystroke) still brings the cursor back into sight. */
#define FOLLOW_AFTER_MOVE_US (300 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  GtkScrolledWindow *scroller; /* weak: owns this */
  GtkAdjustment     *adjustment;
  GtkTextView       *view;     /* weak: the view whose cursor moved last */
  guint              idle_source;
  gint64             moved_at;
  gint64             typed_at;
} Follower;

static void
follower_free (gpointer data)
{
  Follower *self = data;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_signal_handlers_disconnect_by_data (self->adjustment, self);
  g_clear_object (&self->adjustment);
  g_clear_weak_pointer (&self->view);
  g_free (self);
}

static void
scroll_to_cursor (Follower *self)
{
  GtkTextView *view = self->view;
  GtkWidget *content;
  GtkTextBuffer *buffer;
  GtkAdjustment *adjustment;
  GtkTextIter cursor;
  GdkRectangle location;
  graphene_point_t point;
  double value, page, margin, top, bottom;
  gboolean typing;
  int x, y;

  if (view == NULL || !gtk_widget_has_focus (GTK_WIDGET (view)))
    return;

  /* Where the cursor is in the scrolled content (the viewport's child, not scrolled). */
  content = gtk_scrolled_window_get_child (self->scroller);
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (view, &cursor, &location);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, location.x, location.y, &x, &y);
  if (content == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (view), content, &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  margin = MIN (location.height * 1.5, page / 4);
  top = point.y - margin;
  bottom = point.y + location.height + margin;

  typing = g_get_monotonic_time () - self->typed_at < FOLLOW_AFTER_MOVE_US;
  /* Gone out of sight (Ctrl+End, a search): shown in the middle, with what surrounds it. */
  if (point.y + location.height < value || point.y > value + page)
    gtk_adjustment_set_value (adjustment, point.y - page / 2);
  else if (top < value)
    gtk_adjustment_set_value (adjustment, top);
  else if (bottom > value + page && typing)
    gtk_adjustment_set_value (adjustment, MAX (bottom - page, point.y - page / 2));
  else if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, bottom - page);
}

static gboolean
scroll_to_cursor_idle_cb (gpointer data)
{
  Follower *self = data;

  self->idle_source = 0;
  scroll_to_cursor (self);
  return G_SOURCE_REMOVE;
}

static void
follow (Follower    *self,
        GtkTextView *view)
{
  g_set_weak_pointer (&self->view, view);
  self->moved_at = g_get_monotonic_time ();
  /* Once the layout has taken the change in: after resizing, before drawing. */
  if (self->idle_source == 0)
    self->idle_source = g_idle_add_full (GTK_PRIORITY_RESIZE + 1, scroll_to_cursor_idle_cb, self, NULL);
}

static void
on_mark_set_cb (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                GtkTextMark   *mark,
                GtkTextView   *view)
{
  Follower *self;

  if (mark != gtk_text_buffer_get_insert (buffer) || !gtk_widget_has_focus (GTK_WIDGET (view)))
    return;
  self = g_object_get_data (G_OBJECT (gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW)),
                            "feuillet-cursor-follower");
  if (self != NULL)
    follow (self, view);
}

static void
on_changed_cb (GtkTextBuffer *buffer,
               GtkTextView   *view)
{
  Follower *self = g_object_get_data (G_OBJECT (gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW)),
                                      "feuillet-cursor-follower");

  if (self != NULL && gtk_widget_has_focus (GTK_WIDGET (view)))
    self->typed_at = g_get_monotonic_time ();
  on_mark_set_cb (buffer, NULL, gtk_text_buffer_get_insert (buffer), view);
}

static void
on_focus_enter_cb (GtkEventControllerFocus *controller,
                   Follower                *self)
{
  follow (self, GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

/* The content grew or the window changed size: a cursor that just moved stays in sight. */
static void
on_adjustment_changed_cb (GtkAdjustment *adjustment,
                          Follower      *self)
{
  if (g_get_monotonic_time () - self->moved_at < FOLLOW_AFTER_MOVE_US)
    scroll_to_cursor (self);
}

/**
 * feuillet_cursor_follower_attach:
 * @scroller: the scrolled window the text views are in
 * @view: one of them
 */
void
feuillet_cursor_follower_attach (GtkScrolledWindow *scroller,
                                 GtkTextView       *view)
{
  Follower *self = g_object_get_data (G_OBJECT (scroller), "feuillet-cursor-follower");
  GtkEventController *focus;
  GtkWidget *viewport;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  if (self == NULL)
    {
      self = g_new0 (Follower, 1);
      self->scroller = scroller;
      g_object_set_data_full (G_OBJECT (scroller), "feuillet-cursor-follower", self, follower_free);
      self->adjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (scroller));
      g_signal_connect (self->adjustment, "changed", G_CALLBACK (on_adjustment_changed_cb), self);
      viewport = gtk_scrolled_window_get_child (scroller);
      if (GTK_IS_VIEWPORT (viewport))
        gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), FALSE);
    }

  g_signal_connect_object (gtk_text_view_get_buffer (view), "mark-set", G_CALLBACK (on_mark_set_cb), view, 0);
  g_signal_connect_object (gtk_text_view_get_buffer (view), "changed", G_CALLBACK (on_changed_cb), view, 0);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_enter_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (view), focus);
}
