/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <math.h>

#include "feuillet-editor-private.h"
#include "feuillet-cursor-follower.h"
#include "feuillet-markdown-language.h"
#include "feuillet-metadata-panel.h"
#include "feuillet-terms-loader.h"
#include "feuillet-spell-checker.h"
#include "feuillet-text.h"

/*
 * Autosave: the first change after a save starts a short timer that further keystrokes do
 * not push back, so every keystroke reaches the library within a second even when typing
 * never pauses. The store copies the article and writes it on its own thread; changes made
 * while a save is under way are saved right after it.
 */
#define SAVE_DELAY_MS 600
#define COUNTS_DELAY_MS 200
#define RETRY_DELAY_MS 5000

/* The ordered length is met within 10 %, either way. */
#define TARGET_TOLERANCE 0.10

struct _FeuilletEditor
{
  AdwBin parent_instance;

  /* template widgets */
  AdwOverlaySplitView *metadata_split;
  FeuilletMetadataPanel *metadata_panel;
  GtkScrolledWindow *scroller;
  GtkTextView *title_view;
  GtkTextView *chapeau_view;
  GtkSourceView *body_view;
  GtkLabel *counts_label;
  GtkLevelBar *target_bar;
  GtkLabel *target_label;
  GtkLabel *save_label;

  /* owned */
  GSettings *settings;
  GtkCssProvider *font_css;
  FeuilletStore *store;
  FeuilletArticle *article;
  FeuilletSpellChecker *spelling;
  /* the categories and tags of the site the article goes to, for the metadata panel */
  FeuilletTermsLoader *terms_loader;
  /* GTask*: flushes waiting for the article to be saved */
  GPtrArray *flushes;
  guint save_source;
  guint settle_source;
  guint counts_source;
  guint counts_generation;
  GCancellable *cancellable;
  guint saves_in_flight;
  gboolean dirty;
  gboolean loading;
  gboolean disposed;
};

enum {
  PROP_0,
  PROP_SHOW_METADATA,
  PROP_NARROW,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (FeuilletEditor, feuillet_editor, ADW_TYPE_BIN)

static guint signals [N_SIGNALS];

static void save_now (FeuilletEditor *self);

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The title is one line: a newline pasted into it becomes a space. */
static char *
title_text (FeuilletEditor *self)
{
  char *text = buffer_text (self->title_view);

  g_strdelimit (text, "\n\r", ' ');
  return text;
}

static void
set_save_state (FeuilletEditor *self,
                const char     *state)
{
  gtk_label_set_label (self->save_label, state);
}

static void
show_counts (FeuilletEditor       *self,
             const FeuilletCounts *counts)
{
  g_autofree char *counts_text = NULL;
  guint target = self->article ? feuillet_article_get_target (self->article) : 0;

  counts_text = feuillet_text_format_counts (counts);
  gtk_label_set_label (self->counts_label, counts_text);

  gtk_widget_set_visible (GTK_WIDGET (self->target_bar), target > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->target_label), target > 0);
  if (target > 0)
    {
      double ratio = (double) counts->signes / target;
      gboolean off = ratio < 1.0 - TARGET_TOLERANCE || ratio > 1.0 + TARGET_TOLERANCE;
      g_autofree char *target_text = NULL;

      gtk_level_bar_set_value (self->target_bar, MIN (ratio, 1.1));
      /* Translators: written signes against the ordered length, and the difference in percent */
      target_text = g_strdup_printf (_("%'u / %'u (%+d %%)"), counts->signes, target,
                                     (int) lround ((ratio - 1.0) * 100));
      gtk_label_set_label (self->target_label, target_text);
      if (off)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->target_label), "warning");
          /* xgettext:no-c-format */
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->target_label),
                                       _("More than 10 % away from the ordered length"));
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->target_label), "warning");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->target_label), _("Within the ordered length"));
        }
    }
}

/* What is counted: the text as it is now. */
typedef struct
{
  char *title;
  char *chapeau;
  char *body;
  guint generation;
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_free (job->title);
  g_free (job->chapeau);
  g_free (job->body);
  g_free (job);
}

static CountJob *
count_job_new (FeuilletEditor *self)
{
  CountJob *job = g_new0 (CountJob, 1);

  job->title = title_text (self);
  job->chapeau = buffer_text (self->chapeau_view);
  job->body = buffer_text (GTK_TEXT_VIEW (self->body_view));
  /* A count still under way was of older text. */
  job->generation = ++self->counts_generation;
  return job;
}

/* Counted at once: an article just opened, a target just changed. */
static void
update_counts (FeuilletEditor *self)
{
  CountJob *job = count_job_new (self);
  FeuilletCounts counts;

  feuillet_text_count (job->title, job->chapeau, job->body, &counts);
  show_counts (self, &counts);
  count_job_free (job);
}

static void
count_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CountJob *job = task_data;
  FeuilletCounts *counts = g_new0 (FeuilletCounts, 1);

  feuillet_text_count (job->title, job->chapeau, job->body, counts);
  g_task_return_pointer (task, counts, g_free);
}

static void
on_counted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  FeuilletEditor *self = FEUILLET_EDITOR (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree FeuilletCounts *counts = g_task_propagate_pointer (G_TASK (result), NULL);

  if (counts != NULL && job->generation == self->counts_generation)
    show_counts (self, counts);
}

/* While typing: the text is taken here, and counted (its Markdown parsed, every word and
 * signe: 2-3 ms for 10,000 words) on a worker thread. */
static void
count_in_background (FeuilletEditor *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_counted_cb, NULL);

  g_task_set_task_data (task, count_job_new (self), count_job_free);
  g_task_set_source_tag (task, count_in_background);
  g_task_run_in_thread (task, count_in_thread);
}

static void
finish_flushes (FeuilletEditor *self,
                const GError   *error)
{
  g_autoptr(GPtrArray) flushes = g_steal_pointer (&self->flushes);

  self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < flushes->len; i++)
    {
      if (error != NULL)
        g_task_return_error (flushes->pdata[i], g_error_copy (error));
      else
        g_task_return_boolean (flushes->pdata[i], TRUE);
    }
}

static gboolean
on_save_timeout_cb (gpointer user_data)
{
  FeuilletEditor *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (FeuilletEditor *self,
               guint           delay_ms)
{
  if (self->save_source == 0)
    self->save_source = g_timeout_add (delay_ms, on_save_timeout_cb, self);
}

/* A save on its way to the library: the article it is for may no longer be the one shown. */
typedef struct
{
  FeuilletEditor  *self;
  FeuilletArticle *article;
} SaveCall;

static void save_article (FeuilletEditor  *self,
                          FeuilletArticle *article);

static void
save_call_free (SaveCall *call)
{
  g_clear_object (&call->self);
  g_clear_object (&call->article);
  g_free (call);
}

static gboolean
on_retry_cb (gpointer data)
{
  SaveCall *call = data;

  save_article (call->self, call->article);
  return G_SOURCE_REMOVE;
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SaveCall *call = user_data;
  FeuilletEditor *self = call->self;
  gboolean shown = call->article == self->article;
  g_autoptr(FeuilletArticle) saved = NULL;
  g_autoptr(GError) error = NULL;

  self->saves_in_flight--;
  saved = feuillet_store_save_finish (FEUILLET_STORE (source), result, &error);

  if (saved == NULL)
    {
      g_autofree char *state = g_strdup_printf (_("Not saved: %s"), error->message);

      if (!self->disposed)
        set_save_state (self, state);

      /* The words are kept and saved again shortly: from the window when the article is
       * still shown, else from the copy this call holds. */
      if (shown)
        {
          self->dirty = TRUE;
          if (!self->disposed)
            schedule_save (self, RETRY_DELAY_MS);
        }
      else
        {
          g_timeout_add_full (G_PRIORITY_DEFAULT, RETRY_DELAY_MS, on_retry_cb,
                              g_steal_pointer (&call), (GDestroyNotify) save_call_free);
        }
      finish_flushes (self, error);
      g_clear_pointer (&call, save_call_free);
      return;
    }

  if (shown)
    feuillet_article_set_updated (self->article, feuillet_article_get_updated (saved));
  if (!self->disposed)
    g_signal_emit (self, signals[SAVED], 0, saved);

  if (self->dirty && shown)
    save_now (self);
  else if (!feuillet_editor_get_busy (self))
    {
      if (!self->disposed)
        /* Translators: the article is safely in the library */
        set_save_state (self, _("Saved"));
      finish_flushes (self, NULL);
    }

  save_call_free (call);
}

/* The store copies @article and runs saves in order: a later one carries the newer text. */
static void
save_article (FeuilletEditor  *self,
              FeuilletArticle *article)
{
  SaveCall *call = g_new0 (SaveCall, 1);

  call->self = g_object_ref (self);
  call->article = g_object_ref (article);
  self->saves_in_flight++;
  feuillet_store_save_async (self->store, article, NULL, on_saved_cb, call);
}

static void
save_now (FeuilletEditor *self)
{
  g_autofree char *title = NULL;
  g_autofree char *chapeau = NULL;
  g_autofree char *body = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->article == NULL || !self->dirty)
    return;

  title = title_text (self);
  chapeau = buffer_text (self->chapeau_view);
  body = buffer_text (GTK_TEXT_VIEW (self->body_view));
  g_object_set (self->article, "title", title, "chapeau", chapeau, "body", body, NULL);

  self->dirty = FALSE;
  if (!self->disposed)
    set_save_state (self, _("Saving…"));
  save_article (self, self->article);
}

/* The metadata panel changed the article itself. */
static void
on_metadata_changed_cb (FeuilletEditor *self)
{
  if (self->article == NULL)
    return;

  self->dirty = TRUE;
  update_counts (self);
  schedule_save (self, SAVE_DELAY_MS);
}

static void
on_library_tags_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FeuilletEditor) self = user_data;
  g_auto(GStrv) tags = feuillet_store_list_tags_finish (FEUILLET_STORE (source), result, NULL);

  if (tags != NULL)
    feuillet_metadata_panel_set_tags (self->metadata_panel, (const char * const *)tags);
}

static void
on_counts_timeout_cb (gpointer user_data)
{
  FeuilletEditor *self = user_data;

  self->counts_source = 0;
  count_in_background (self);
}

/*
 * Counting a long article at each keystroke made the frame of that keystroke late: on a
 * 10,000-word article, the only frames over 16 ms while typing. The counters follow the text
 * at most five times a second, counted off the main thread, and the last count always comes
 * after the last keystroke.
 */
static void
schedule_counts (FeuilletEditor *self)
{
  if (self->counts_source == 0)
    self->counts_source = g_timeout_add_once (COUNTS_DELAY_MS, on_counts_timeout_cb, self);
}

static void
on_buffer_changed_cb (FeuilletEditor *self,
                      GtkTextBuffer  *buffer)
{
  if (self->loading || self->article == NULL)
    return;

  self->dirty = TRUE;
  schedule_counts (self);
  schedule_save (self, SAVE_DELAY_MS);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   FeuilletEditor        *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  /* Enter in the title goes on to the chapeau, Enter in the chapeau to the body. */
  if (view == GTK_WIDGET (self->title_view))
    gtk_widget_grab_focus (GTK_WIDGET (self->chapeau_view));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->body_view));

  return GDK_EVENT_STOP;
}

static void
add_enter_moves_on (FeuilletEditor *self,
                    GtkTextView    *view)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (view), controller);
}

static void
update_style_scheme (FeuilletEditor *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)));
  const char *id = adw_style_manager_get_dark (style_manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (buffer, gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

/* "fr" → "fr_FR", "en-GB" → "en_GB": the dictionaries' names. */
static char *
dictionary_for_language (const char *language)
{
  g_auto(GStrv) parts = g_strsplit_set (language, "-_", 2);
  g_autofree char *primary = g_ascii_strdown (parts[0], -1);
  g_autofree char *region = NULL;

  if (parts[1] != NULL)
    region = g_ascii_strup (parts[1], -1);
  else if (g_str_equal (primary, "en"))
    region = g_strdup ("US");
  else
    region = g_ascii_strup (primary, -1);

  return g_strdup_printf ("%s_%s", primary, region);
}

/* Spell-check starts with the first article: loading dictionaries is no work for start-up. */
static void
ensure_spelling (FeuilletEditor *self)
{
  if (self->spelling != NULL)
    return;

  self->spelling = feuillet_spell_checker_new (GTK_TEXT_VIEW (self->body_view));
  feuillet_spell_checker_set_enabled (self->spelling, g_settings_get_boolean (self->settings, "spell-check"));
}

static void
on_spell_check_changed_cb (FeuilletEditor *self)
{
  if (self->spelling != NULL)
    feuillet_spell_checker_set_enabled (self->spelling, g_settings_get_boolean (self->settings, "spell-check"));
}

/* The body in the font chosen in Preferences. */
static void
on_editor_font_changed_cb (FeuilletEditor *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "editor-font");
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  g_autoptr(GString) css = g_string_new ("textview.feuillet-body {");
  const char *family = pango_font_description_get_family (description);
  int size = pango_font_description_get_size (description);

  if (family != NULL)
    g_string_append_printf (css, " font-family: \"%s\";", family);
  if (size > 0)
    g_string_append_printf (css, " font-size: %dpt;", size / PANGO_SCALE);
  g_string_append_printf (css, " font-weight: %d; }", (int) pango_font_description_get_weight (description));
  gtk_css_provider_load_from_string (self->font_css, css->str);
}

/*
 * A text view measures itself by the lines it has laid out, and lays out lines as they come
 * on screen: one that was 0 px tall when its text arrived (a short article opened at
 * start-up, GTK 4.18) stays 0 px tall. Once idle, each line is laid out (asking where the
 * text ends does it) and the views measured again.
 */
static gboolean
settle_layout_cb (gpointer data)
{
  FeuilletEditor *self = data;
  GtkTextView *views[] = { self->title_view, self->chapeau_view };

  self->settle_source = 0;
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GdkRectangle location;
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (views[i]), &end);
      gtk_text_view_get_iter_location (views[i], &end, &location);
      gtk_widget_queue_resize (GTK_WIDGET (views[i]));
    }

  return G_SOURCE_REMOVE;
}

static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;

  /* Another article: its text is not something to undo. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);

}

static void
on_show_sidebar_cb (FeuilletEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_METADATA]);
}

static void
feuillet_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FeuilletEditor *self = FEUILLET_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SHOW_METADATA:
      g_value_set_boolean (value, adw_overlay_split_view_get_show_sidebar (self->metadata_split));
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, adw_overlay_split_view_get_collapsed (self->metadata_split));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FeuilletEditor *self = FEUILLET_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SHOW_METADATA:
      adw_overlay_split_view_set_show_sidebar (self->metadata_split, g_value_get_boolean (value));
      break;
    case PROP_NARROW:
      if (g_value_get_boolean (value) != adw_overlay_split_view_get_collapsed (self->metadata_split))
        {
          adw_overlay_split_view_set_collapsed (self->metadata_split, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_editor_dispose (GObject *object)
{
  FeuilletEditor *self = (FeuilletEditor *)object;

  /* Whatever is still unsaved goes to the store, which outlives us and writes it; what
   * comes back later finds no widget to update. */
  save_now (self);
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_clear_handle_id (&self->counts_source, g_source_remove);
  g_clear_object (&self->terms_loader);
  gtk_widget_dispose_template (GTK_WIDGET (self), FEUILLET_TYPE_EDITOR);

  G_OBJECT_CLASS (feuillet_editor_parent_class)->dispose (object);
}

static void
feuillet_editor_finalize (GObject *object)
{
  FeuilletEditor *self = (FeuilletEditor *)object;

  g_clear_object (&self->spelling);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  if (self->font_css != NULL)
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (self->font_css));
  g_clear_object (&self->font_css);
  g_clear_object (&self->article);
  g_clear_object (&self->store);
  g_clear_pointer (&self->flushes, g_ptr_array_unref);

  G_OBJECT_CLASS (feuillet_editor_parent_class)->finalize (object);
}

/* Room under the end of the body, half the window high, in the body itself (a click there
 * puts the cursor at the end): the line being written at the end of an article can come up
 * to the middle of the window (see feuillet-cursor-follower.c). */
static void
on_page_size_changed_cb (FeuilletEditor *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkTextView *body = GTK_TEXT_VIEW (self->body_view);
  int room = (int) (gtk_adjustment_get_page_size (adjustment) / 2);

  if (gtk_text_view_get_bottom_margin (body) != room)
    gtk_text_view_set_bottom_margin (body, room);
}

static void
feuillet_editor_class_init (FeuilletEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = feuillet_editor_dispose;
  object_class->finalize = feuillet_editor_finalize;
  object_class->get_property = feuillet_editor_get_property;
  object_class->set_property = feuillet_editor_set_property;

  /* Whether the article's details (category, tags, status…) are shown beside the text. */
  properties[PROP_SHOW_METADATA] =
    g_param_spec_boolean ("show-metadata", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* In a narrow window: the details then cover the text rather than share the width. */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FeuilletEditor::saved:
   * @article: the article as the library now has it
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, FEUILLET_TYPE_ARTICLE);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (FEUILLET_TYPE_METADATA_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/feuillet-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FeuilletEditor, metadata_split);
  gtk_widget_class_bind_template_child (widget_class, FeuilletEditor, metadata_panel);
  gtk_widget_class_bind_template_child (widget_class, FeuilletEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, FeuilletEditor, title_view);
  gtk_widget_class_bind_template_child (widget_class, FeuilletEditor, chapeau_view);
  gtk_widget_class_bind_template_child (widget_class, FeuilletEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, FeuilletEditor, counts_label);
  gtk_widget_class_bind_template_child (widget_class, FeuilletEditor, target_bar);
  gtk_widget_class_bind_template_child (widget_class, FeuilletEditor, target_label);
  gtk_widget_class_bind_template_child (widget_class, FeuilletEditor, save_label);

  feuillet_editor_class_add_format_actions (widget_class);
}

static void
feuillet_editor_init (FeuilletEditor *self)
{
  GtkSourceBuffer *body;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  self->font_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->font_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  on_editor_font_changed_cb (self);
  g_signal_connect_object (self->settings, "changed::editor-font", G_CALLBACK (on_editor_font_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::spell-check", G_CALLBACK (on_spell_check_changed_cb), self,
                           G_CONNECT_SWAPPED);

  body = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)));
  gtk_source_buffer_set_language (body, feuillet_markdown_language_get ());
  gtk_source_buffer_set_highlight_matching_brackets (body, FALSE);
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "notify::page-size",
                           G_CALLBACK (on_page_size_changed_cb), self, G_CONNECT_SWAPPED);

  add_enter_moves_on (self, self->title_view);
  add_enter_moves_on (self, self->chapeau_view);
  feuillet_cursor_follower_attach (self->scroller, self->title_view);
  feuillet_cursor_follower_attach (self->scroller, self->chapeau_view);
  feuillet_cursor_follower_attach (self->scroller, GTK_TEXT_VIEW (self->body_view));

  g_signal_connect_object (gtk_text_view_get_buffer (self->title_view), "changed",
                           G_CALLBACK (on_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->chapeau_view), "changed",
                           G_CALLBACK (on_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (body, "changed", G_CALLBACK (on_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->metadata_panel, "changed", G_CALLBACK (on_metadata_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->metadata_split, "notify::show-sidebar", G_CALLBACK (on_show_sidebar_cb), self,
                           G_CONNECT_SWAPPED);
}

FeuilletEditor *
feuillet_editor_new (FeuilletStore *store)
{
  FeuilletEditor *self;

  g_return_val_if_fail (FEUILLET_IS_STORE (store), NULL);

  self = g_object_new (FEUILLET_TYPE_EDITOR, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * feuillet_editor_get_article:
 *
 * Returns: (transfer none) (nullable): the article being written
 */
FeuilletArticle *
feuillet_editor_get_article (FeuilletEditor *self)
{
  g_return_val_if_fail (FEUILLET_IS_EDITOR (self), NULL);
  return self->article;
}

/**
 * feuillet_editor_set_article:
 * @article: (nullable): an article loaded from the library
 *
 * Shows @article for writing; the one shown before is saved first if it changed.
 */
void
feuillet_editor_set_article (FeuilletEditor  *self,
                             FeuilletArticle *article)
{
  g_autofree char *dictionary = NULL;

  g_return_if_fail (FEUILLET_IS_EDITOR (self));
  g_return_if_fail (!article || FEUILLET_IS_ARTICLE (article));

  save_now (self);
  g_set_object (&self->article, article);

  self->loading = TRUE;
  set_buffer_text (self->title_view, article ? feuillet_article_get_title (article) : "");
  set_buffer_text (self->chapeau_view, article ? feuillet_article_get_chapeau (article) : "");
  set_buffer_text (GTK_TEXT_VIEW (self->body_view), article ? feuillet_article_get_body (article) : "");
  self->loading = FALSE;

  feuillet_metadata_panel_set_article (self->metadata_panel, article);
  if (article != NULL)
    {
      dictionary = dictionary_for_language (feuillet_article_get_language (article));
      ensure_spelling (self);
      feuillet_spell_checker_set_language (self->spelling, dictionary);
      feuillet_store_list_tags_async (self->store, self->cancellable, on_library_tags_cb, g_object_ref (self));
      if (self->terms_loader == NULL)
        self->terms_loader = feuillet_terms_loader_new (self->store, self->metadata_panel);
      feuillet_terms_loader_set_article (self->terms_loader, article);
    }

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  if (self->settle_source == 0)
    self->settle_source = g_idle_add_full (G_PRIORITY_LOW, settle_layout_cb, self, NULL);
  set_save_state (self, article ? _("Saved") : "");
  g_clear_handle_id (&self->counts_source, g_source_remove);
  update_counts (self);
}

static int
cursor_offset (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

static void
place_cursor (GtkTextView *view,
              int          offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

/**
 * feuillet_editor_reload:
 * @article: the same article as another program left it
 *
 * Shows the article's new text where the journalist was: the cursors and the scroll
 * position stay. Only for an editor with nothing unsaved.
 */
void
feuillet_editor_reload (FeuilletEditor  *self,
                        FeuilletArticle *article)
{
  GtkAdjustment *vadjustment;
  double scroll;
  int title_offset, chapeau_offset, body_offset;

  g_return_if_fail (FEUILLET_IS_EDITOR (self));
  g_return_if_fail (FEUILLET_IS_ARTICLE (article));
  g_return_if_fail (!feuillet_editor_get_busy (self));

  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  scroll = gtk_adjustment_get_value (vadjustment);
  title_offset = cursor_offset (self->title_view);
  chapeau_offset = cursor_offset (self->chapeau_view);
  body_offset = cursor_offset (GTK_TEXT_VIEW (self->body_view));

  feuillet_editor_set_article (self, article);

  place_cursor (self->title_view, title_offset);
  place_cursor (self->chapeau_view, chapeau_offset);
  place_cursor (GTK_TEXT_VIEW (self->body_view), body_offset);
  gtk_adjustment_set_value (vadjustment, scroll);
}

/**
 * feuillet_editor_get_busy:
 *
 * Returns: whether some text is not in the library yet
 */
gboolean
feuillet_editor_get_busy (FeuilletEditor *self)
{
  g_return_val_if_fail (FEUILLET_IS_EDITOR (self), FALSE);
  return self->dirty || self->saves_in_flight > 0;
}

/**
 * feuillet_editor_flush_async:
 *
 * Saves what was typed now, without waiting for the autosave; done when it is in the
 * library (before closing, quitting, or switching away).
 */
void
feuillet_editor_flush_async (FeuilletEditor      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FEUILLET_IS_EDITOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_editor_flush_async);

  if (!feuillet_editor_get_busy (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->flushes, g_steal_pointer (&task));
  save_now (self);
}

gboolean
feuillet_editor_flush_finish (FeuilletEditor  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

GtkTextView *
feuillet_editor_get_title_view (FeuilletEditor *self)
{
  return self->title_view;
}

GtkTextView *
feuillet_editor_get_chapeau_view (FeuilletEditor *self)
{
  return self->chapeau_view;
}

GtkTextView *
feuillet_editor_get_body_view (FeuilletEditor *self)
{
  return GTK_TEXT_VIEW (self->body_view);
}

void
feuillet_editor_focus_title (FeuilletEditor *self)
{
  g_return_if_fail (FEUILLET_IS_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_view));
}
