/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-window"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-editor-private.h"
#include "feuillet-export.h"
#include "feuillet-window-private.h"

/*
 * The window's preview, print and export. The preview sits beside the text when the article
 * has room for both, and takes turns with it otherwise (a Text / Preview switcher in the
 * header). It is made the first time it is shown, not at start-up: a web view starts
 * processes of its own. While it is hidden it follows no article, so typing costs it nothing.
 */

/* Half the narrowest width the two are side by side at (preview_breakpoint, 900 sp), less
 * the handle. */
#define PANE_MIN_WIDTH 300

static gboolean
previewing (FeuilletWindow *self)
{
  const char *view = adw_toggle_group_get_active_name (self->view_switcher);

  return self->show_preview && self->editor != NULL &&
         feuillet_editor_get_article (self->editor) != NULL &&
         (!self->preview_narrow || g_str_equal (view, "preview"));
}

static void
on_preview_failed_cb (FeuilletWindow *self,
                      const char     *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static gboolean
ensure_preview (FeuilletWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->preview != NULL)
    return TRUE;
  if (self->preview_unavailable)
    return FALSE;

  self->preview = feuillet_preview_module_new_preview (&error);
  if (self->preview == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The preview could not start: %s"), error->message);

      self->preview_unavailable = TRUE;
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return FALSE;
    }
  /* A paned shares its width in proportion to its children's minimum widths, until the
   * handle is dragged: the same minimum for both makes them even. */
  gtk_widget_set_size_request (GTK_WIDGET (self->preview), PANE_MIN_WIDTH, -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->editor), PANE_MIN_WIDTH, -1);
  /* Shown by feuillet_window_update_preview(), if it is to be. */
  gtk_widget_set_visible (GTK_WIDGET (self->preview), FALSE);
  gtk_paned_set_end_child (self->editor_paned, GTK_WIDGET (self->preview));
  g_signal_connect_object (self->preview, "failed", G_CALLBACK (on_preview_failed_cb), self,
                           G_CONNECT_SWAPPED);
  return TRUE;
}

/* The preview follows the article being written, from the editor's own buffers. */
static void
follow_article (FeuilletWindow *self)
{
  FeuilletArticle *article = feuillet_editor_get_article (self->editor);
  GtkTextView *title, *chapeau, *body;

  if (article == NULL)
    {
      feuillet_preview_module_set_article (self->preview, NULL, NULL, NULL, NULL);
      return;
    }

  title = feuillet_editor_get_title_view (self->editor);
  chapeau = feuillet_editor_get_chapeau_view (self->editor);
  body = feuillet_editor_get_body_view (self->editor);
  feuillet_preview_module_set_article (self->preview, article,
                                gtk_text_view_get_buffer (title),
                                gtk_text_view_get_buffer (chapeau),
                                gtk_text_view_get_buffer (body));
}

/* Narrow, the text gives way to the preview and comes back with the focus where it was, and
 * its scroll position: a text view taking the focus would scroll the editor to its end. */
static void
show_editor (FeuilletWindow *self,
             gboolean        shown)
{
  GtkWidget *editor = GTK_WIDGET (self->editor);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkAdjustment *vadjustment;
  GtkWidget *scroller;
  double scroll;

  if (shown == gtk_widget_get_visible (editor))
    return;

  if (!shown)
    {
      g_set_weak_pointer (&self->editor_focus,
                          focus != NULL && gtk_widget_is_ancestor (focus, editor) ? focus : NULL);
      gtk_widget_set_visible (editor, FALSE);
      return;
    }

  gtk_widget_set_visible (editor, TRUE);
  if (self->editor_focus == NULL)
    return;
  scroller = gtk_widget_get_ancestor (self->editor_focus, GTK_TYPE_SCROLLED_WINDOW);
  vadjustment = NULL;
  if (scroller != NULL)
    vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  scroll = vadjustment != NULL ? gtk_adjustment_get_value (vadjustment) : 0;
  gtk_widget_grab_focus (self->editor_focus);
  if (vadjustment != NULL)
    gtk_adjustment_set_value (vadjustment, scroll);
  g_clear_weak_pointer (&self->editor_focus);
}

static gboolean
make_preview_idle_cb (gpointer data)
{
  FeuilletWindow *self = data;

  self->preview_idle = 0;
  if (previewing (self) && ensure_preview (self))
    feuillet_window_update_preview (self);
  return G_SOURCE_REMOVE;
}

/**
 * feuillet_window_update_preview:
 *
 * Shows or hides the preview and the switcher for what is open, the room there is and
 * whether the preview is on.
 */
void
feuillet_window_update_preview (FeuilletWindow *self)
{
  gboolean open = self->editor != NULL && feuillet_editor_get_article (self->editor) != NULL;
  gboolean shown = previewing (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-html", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-markdown", open);

  gtk_stack_set_visible_child_name (self->title_stack,
                                    self->show_preview && self->preview_narrow && open
                                                       ? "switcher" : "title");
  if (self->editor == NULL)
    return;

  if (shown && self->preview == NULL)
    {
      /* Made once the window has drawn: loading WebKit takes a moment the text should not
       * wait for. */
      if (self->preview_idle == 0 && !self->preview_unavailable)
        self->preview_idle = g_idle_add_full (G_PRIORITY_LOW, make_preview_idle_cb, self, NULL);
    }
  else if (self->preview != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->preview), shown);
      if (shown)
        follow_article (self);
      else
        feuillet_preview_module_set_article (self->preview, NULL, NULL, NULL, NULL);
    }
  show_editor (self, !(shown && self->preview_narrow));
}

gboolean
feuillet_window_get_show_preview (FeuilletWindow *self)
{
  return self->show_preview;
}

void
feuillet_window_set_show_preview (FeuilletWindow *self,
                                  gboolean        show_preview)
{
  self->show_preview = show_preview;

  /* Narrow, turning the preview on is to look at it; off, back to the text. */
  adw_toggle_group_set_active_name (self->view_switcher,
                                    show_preview && self->editor != NULL ? "preview" : "text");
  feuillet_window_update_preview (self);
}

static void
on_view_switched_cb (FeuilletWindow *self)
{
  feuillet_window_update_preview (self);
}

static void
on_preview_narrow_cb (FeuilletWindow *self)
{
  self->preview_narrow = TRUE;
  /* The text keeps the screen: the preview is a switch away. */
  adw_toggle_group_set_active_name (self->view_switcher, "text");
  feuillet_window_update_preview (self);
}

static void
on_preview_wide_cb (FeuilletWindow *self)
{
  self->preview_narrow = FALSE;
  feuillet_window_update_preview (self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FeuilletWindow *self = FEUILLET_WINDOW (widget);

  if (feuillet_editor_get_article (self->editor) == NULL)
    return;

  /* The preview prints even when hidden: it then follows the article until it is hidden
   * again. */
  if (!ensure_preview (self))
    return;
  follow_article (self);
  feuillet_preview_module_print (self->preview);
}

/* The article as it is written now, saved or not. */
static FeuilletArticle *
current_article (FeuilletWindow *self)
{
  FeuilletArticle *open = feuillet_editor_get_article (self->editor);
  GtkTextView *views[] = {
    feuillet_editor_get_title_view (self->editor),
    feuillet_editor_get_chapeau_view (self->editor),
    feuillet_editor_get_body_view (self->editor),
  };
  const char *properties[] = { "title", "chapeau", "body" };
  FeuilletArticle *article;

  if (open == NULL)
    return NULL;

  article = feuillet_article_copy (open);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (views[i]);
      g_autofree char *text = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      /* The title is one line, as the editor saves it. */
      if (i == 0)
        g_strdelimit (text, "\n\r", ' ');
      g_object_set (article, properties[i], text, NULL);
    }

  return article;
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  file = feuillet_export_finish (result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is the name of the file the article was written to */
  message = g_strdup_printf (_("Exported to “%s”"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FeuilletWindow *self = FEUILLET_WINDOW (widget);
  g_autoptr(FeuilletArticle) article = current_article (self);
  FeuilletExportFormat format = FEUILLET_EXPORT_MARKDOWN;

  if (g_str_equal (action_name, "win.export-html"))
    format = FEUILLET_EXPORT_HTML;
  if (article != NULL)
    feuillet_export_async (GTK_WINDOW (self), article, format, self->cancellable, on_exported_cb,
                           g_object_ref (self));
}

void
feuillet_window_class_add_preview_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "win.preview", "show-preview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.preview", NULL);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "win.export-html", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-markdown", NULL, export_action);
}

void
feuillet_window_init_preview (FeuilletWindow *self)
{
  /* Narrow until the first allocation says otherwise: the web view is not made for a window
   * that turns out to have no room for it. */
  self->preview_narrow = TRUE;
  g_signal_connect_object (self->preview_breakpoint, "apply", G_CALLBACK (on_preview_wide_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview_breakpoint, "unapply",
                           G_CALLBACK (on_preview_narrow_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_switcher, "notify::active-name",
                           G_CALLBACK (on_view_switched_cb), self, G_CONNECT_SWAPPED);
  feuillet_window_update_preview (self);
  /* Kept from one run to the next. */
  g_settings_bind (self->settings, "preview-visible", self, "show-preview",
                   G_SETTINGS_BIND_DEFAULT);
}
