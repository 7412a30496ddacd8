/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-spell-checker"

#include "config.h"

#include <glib/gi18n.h>
#include <libspelling.h>

#include "feuillet-spell-checker.h"

/*
 * Spell-check for the body, on libspelling's checker and dictionaries: words the dictionary
 * does not know are underlined as the journalist types, and corrections are looked up only
 * when the context menu opens.
 *
 * libspelling's own SpellingTextBufferAdapter looks corrections up 100 ms after every move
 * of the cursor, on the main loop; for a word hunspell does not know (a place, a person's
 * name: the stuff of local news) that takes it 50–70 ms, the one stall measured while
 * typing (tests/bench/bench-typing.sh). Checking words is cheap: it runs in idle slices of a
 * few milliseconds, over ranges a tag marks as not checked yet, so that the marks move with
 * the text as it is edited. The word being typed is left until the cursor leaves it.
 */

/* How long one idle slice may check words. */
#define SLICE_USEC 3000
#define MAX_CORRECTIONS 6

/* GtkSourceView's mark for text not to check: code, addresses. */
#define NO_SPELL_CHECK_TAG "gtksourceview:context-classes:no-spell-check"

struct _FeuilletSpellChecker
{
  GObject parent_instance;

  /* borrowed: the view holds us */
  GtkTextView *view;
  GtkTextBuffer *buffer;

  /* owned */
  SpellingChecker *checker;
  GtkTextTag *misspelled;
  GtkTextTag *unchecked;
  GSimpleActionGroup *actions;
  GMenu *menu;
  /* the word the context menu is about */
  char *menu_word;
  GtkTextMark *menu_start;
  GtkTextMark *menu_end;
  guint idle_source;
  gboolean enabled;
};

G_DEFINE_FINAL_TYPE (FeuilletSpellChecker, feuillet_spell_checker, G_TYPE_OBJECT)

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Apostrophes and hyphens inside a word are part of it: "l’ambassadeur", "PME-PMI". */
static gboolean
joins_word (FeuilletSpellChecker *self,
            gunichar              c)
{
  const char *extra = spelling_checker_get_extra_word_chars (self->checker);

  return c == '\'' || c == 0x2019 || c == '-' || (extra != NULL && g_utf8_strchr (extra, -1, c) != NULL);
}

/* The word around @iter, if there is one. */
static gboolean
word_bounds (FeuilletSpellChecker *self,
             const GtkTextIter    *iter,
             GtkTextIter          *start,
             GtkTextIter          *end)
{
  GtkTextIter probe;

  *start = *iter;
  *end = *iter;

  while (!gtk_text_iter_is_start (start))
    {
      probe = *start;
      gtk_text_iter_backward_char (&probe);
      if (is_word_char (gtk_text_iter_get_char (&probe)))
        *start = probe;
      else if (joins_word (self, gtk_text_iter_get_char (&probe)) && !gtk_text_iter_is_start (&probe))
        {
          GtkTextIter before = probe;

          gtk_text_iter_backward_char (&before);
          if (!is_word_char (gtk_text_iter_get_char (&before)))
            break;
          *start = before;
        }
      else
        break;
    }

  while (!gtk_text_iter_is_end (end))
    {
      gunichar c = gtk_text_iter_get_char (end);

      if (is_word_char (c))
        gtk_text_iter_forward_char (end);
      else if (joins_word (self, c))
        {
          probe = *end;
          gtk_text_iter_forward_char (&probe);
          if (gtk_text_iter_is_end (&probe) || !is_word_char (gtk_text_iter_get_char (&probe)))
            break;
          *end = probe;
        }
      else
        break;
    }

  return !gtk_text_iter_equal (start, end);
}

static gboolean check_slice_cb (gpointer data);

static void
schedule_check (FeuilletSpellChecker *self)
{
  if (self->idle_source == 0 && self->enabled && self->checker != NULL)
    self->idle_source = g_idle_add_full (G_PRIORITY_LOW, check_slice_cb, self, NULL);
}

static void
mark_unchecked (FeuilletSpellChecker *self,
                GtkTextIter          *start,
                GtkTextIter          *end)
{
  GtkTextIter word_start, word_end;

  /* Whole words: the change may have joined or split some. */
  if (word_bounds (self, start, &word_start, &word_end))
    *start = word_start;
  if (word_bounds (self, end, &word_start, &word_end))
    *end = word_end;

  gtk_text_buffer_apply_tag (self->buffer, self->unchecked, start, end);
  schedule_check (self);
}

static void
check_word (FeuilletSpellChecker *self,
            GtkTextIter          *start,
            GtkTextIter          *end)
{
  GtkTextTag *no_check = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (self->buffer),
                                                     NO_SPELL_CHECK_TAG);
  g_autofree char *word = gtk_text_iter_get_slice (start, end);
  gboolean known;

  known = (no_check != NULL && gtk_text_iter_has_tag (start, no_check)) ||
          g_unichar_isdigit (g_utf8_get_char (word)) ||
          spelling_checker_check_word (self->checker, word, -1);

  if (known)
    gtk_text_buffer_remove_tag (self->buffer, self->misspelled, start, end);
  else
    gtk_text_buffer_apply_tag (self->buffer, self->misspelled, start, end);
}

static gboolean
check_slice_cb (gpointer data)
{
  FeuilletSpellChecker *self = data;
  gint64 deadline = g_get_monotonic_time () + SLICE_USEC;
  GtkTextIter iter, cursor;
  gboolean done = FALSE;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  gtk_text_buffer_get_start_iter (self->buffer, &iter);

  while (g_get_monotonic_time () < deadline)
    {
      GtkTextIter region_end, word_start, word_end;

      /* The next stretch not checked yet. */
      if (!gtk_text_iter_has_tag (&iter, self->unchecked) &&
          !gtk_text_iter_forward_to_tag_toggle (&iter, self->unchecked))
        {
          done = TRUE;
          break;
        }
      if (!gtk_text_iter_has_tag (&iter, self->unchecked))
        continue;
      region_end = iter;
      gtk_text_iter_forward_to_tag_toggle (&region_end, self->unchecked);

      /* Its next word. */
      word_start = iter;
      while (gtk_text_iter_compare (&word_start, &region_end) < 0 && !is_word_char (gtk_text_iter_get_char (&word_start)))
        gtk_text_iter_forward_char (&word_start);
      if (gtk_text_iter_compare (&word_start, &region_end) >= 0)
        {
          gtk_text_buffer_remove_tag (self->buffer, self->unchecked, &iter, &region_end);
          iter = region_end;
          continue;
        }
      word_bounds (self, &word_start, &word_start, &word_end);

      /* The word being typed waits for the cursor to leave it. */
      if (gtk_text_iter_in_range (&cursor, &word_start, &word_end) || gtk_text_iter_equal (&cursor, &word_end))
        {
          gtk_text_buffer_remove_tag (self->buffer, self->unchecked, &iter, &word_start);
          gtk_text_buffer_remove_tag (self->buffer, self->misspelled, &word_start, &word_end);
          iter = word_end;
          continue;
        }

      check_word (self, &word_start, &word_end);
      gtk_text_buffer_remove_tag (self->buffer, self->unchecked, &iter, &word_end);
      iter = word_end;
    }

  /* Done, but for the word being typed: a move of the cursor brings us back for it. */
  if (done)
    {
      self->idle_source = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
on_insert_text_after_cb (FeuilletSpellChecker *self,
                         GtkTextIter          *location,
                         const char           *text,
                         int                   length,
                         GtkTextBuffer        *buffer)
{
  GtkTextIter start = *location, end = *location;

  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  mark_unchecked (self, &start, &end);
}

static void
on_delete_range_after_cb (FeuilletSpellChecker *self,
                          GtkTextIter          *start,
                          GtkTextIter          *end,
                          GtkTextBuffer        *buffer)
{
  GtkTextIter from = *start, to = *start;

  mark_unchecked (self, &from, &to);
}

static void
on_cursor_moved_cb (FeuilletSpellChecker *self)
{
  /* A word skipped while it was being typed can be checked now. */
  schedule_check (self);
}

/* The context menu: corrections for the misspelled word under the pointer or cursor. */
static void
update_menu_at (FeuilletSpellChecker *self,
                const GtkTextIter    *iter)
{
  g_auto(GStrv) corrections = NULL;
  g_autoptr(GMenu) suggestions = NULL;
  g_autoptr(GMenu) choices = NULL;
  GtkTextIter start, end;

  g_menu_remove_all (self->menu);
  g_clear_pointer (&self->menu_word, g_free);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "add")), FALSE);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "ignore")), FALSE);

  if (!self->enabled || self->checker == NULL || !word_bounds (self, iter, &start, &end) ||
      !gtk_text_iter_has_tag (&start, self->misspelled))
    return;

  self->menu_word = gtk_text_iter_get_slice (&start, &end);
  gtk_text_buffer_move_mark (self->buffer, self->menu_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->menu_end, &end);

  /* The one slow call, when the journalist asks for it. */
  corrections = spelling_checker_list_corrections (self->checker, self->menu_word);
  suggestions = g_menu_new ();
  for (guint i = 0; corrections != NULL && corrections[i] != NULL && i < MAX_CORRECTIONS; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (corrections[i], NULL);

      g_menu_item_set_action_and_target (item, "spelling.correct", "s", corrections[i]);
      g_menu_append_item (suggestions, item);
    }
  if (corrections == NULL || corrections[0] == NULL)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Suggestions"), "spelling.none");

      g_menu_append_item (suggestions, item);
    }
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (suggestions));

  choices = g_menu_new ();
  g_menu_append (choices, _("_Add to Dictionary"), "spelling.add");
  g_menu_append (choices, _("_Ignore"), "spelling.ignore");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (choices));

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "add")), TRUE);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "ignore")), TRUE);
}

static void
on_pressed_cb (GtkGestureClick      *gesture,
               int                   n_press,
               double                x,
               double                y,
               FeuilletSpellChecker *self)
{
  GtkTextIter iter, sel_start, sel_end;
  int buffer_x, buffer_y;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y,
                                         &buffer_x, &buffer_y);
  gtk_text_view_get_iter_at_location (self->view, &iter, buffer_x, buffer_y);

  /* As in other editors, the click puts the cursor on the word, unless it is in the selection. */
  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end) ||
      !gtk_text_iter_in_range (&iter, &sel_start, &sel_end))
    gtk_text_buffer_place_cursor (self->buffer, &iter);

  update_menu_at (self, &iter);
}

static gboolean
on_menu_key_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                FeuilletSpellChecker  *self)
{
  GtkTextIter cursor;

  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
      update_menu_at (self, &cursor);
    }

  return GDK_EVENT_PROPAGATE;
}

static void
correct_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  FeuilletSpellChecker *self = user_data;
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->menu_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->menu_end);

  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, g_variant_get_string (parameter, NULL), -1);
  gtk_text_buffer_end_user_action (self->buffer);
}

static void
add_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  FeuilletSpellChecker *self = user_data;

  if (self->menu_word != NULL)
    spelling_checker_add_word (self->checker, self->menu_word);
  feuillet_spell_checker_recheck (self);
}

static void
ignore_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  FeuilletSpellChecker *self = user_data;

  if (self->menu_word != NULL)
    spelling_checker_ignore_word (self->checker, self->menu_word);
  feuillet_spell_checker_recheck (self);
}

static void
feuillet_spell_checker_dispose (GObject *object)
{
  FeuilletSpellChecker *self = (FeuilletSpellChecker *)object;

  g_clear_handle_id (&self->idle_source, g_source_remove);

  G_OBJECT_CLASS (feuillet_spell_checker_parent_class)->dispose (object);
}

static void
feuillet_spell_checker_finalize (GObject *object)
{
  FeuilletSpellChecker *self = (FeuilletSpellChecker *)object;

  g_clear_object (&self->checker);
  g_clear_object (&self->actions);
  g_clear_object (&self->menu);
  g_clear_pointer (&self->menu_word, g_free);

  G_OBJECT_CLASS (feuillet_spell_checker_parent_class)->finalize (object);
}

static void
feuillet_spell_checker_class_init (FeuilletSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = feuillet_spell_checker_dispose;
  object_class->finalize = feuillet_spell_checker_finalize;
}

static void
feuillet_spell_checker_init (FeuilletSpellChecker *self)
{
  const GActionEntry entries[] = {
    { "correct", correct_action, "s" },
    { "add", add_action },
    { "ignore", ignore_action },
  };

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  self->menu = g_menu_new ();
  self->enabled = TRUE;
}

/**
 * feuillet_spell_checker_new:
 * @view: the text view to check; it keeps the checker alive
 */
FeuilletSpellChecker *
feuillet_spell_checker_new (GtkTextView *view)
{
  FeuilletSpellChecker *self;
  GtkGesture *click;
  GtkEventController *keys;
  GtkTextIter start;
  GdkRGBA red = { 0.878, 0.106, 0.141, 1.0 };

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (FEUILLET_TYPE_SPELL_CHECKER, NULL);
  self->view = view;
  self->buffer = gtk_text_view_get_buffer (view);
  self->misspelled = gtk_text_buffer_create_tag (self->buffer, NULL,
                                                 "underline", PANGO_UNDERLINE_ERROR_LINE,
                                                 "underline-rgba", &red,
                                                 NULL);
  self->unchecked = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->menu_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->menu_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);

  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (on_insert_text_after_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (on_delete_range_after_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "notify::cursor-position", G_CALLBACK (on_cursor_moved_cb), self,
                           G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_menu_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);

  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));
  gtk_widget_insert_action_group (GTK_WIDGET (view), "spelling", G_ACTION_GROUP (self->actions));

  return self;
}

/* The newsroom's words, which Feuillet itself uses in its welcome article and its counters:
 * not flagged in any language, an English dictionary knowing none of them. */
static const char * const newsroom_words[] = {
  "Feuillet", "feuillet", "feuillets", "signes", "chapeau", "chapeaux",
  "intertitre", "intertitres", "Ctrl",
};

static void
accept_newsroom_words (SpellingChecker *checker)
{
  for (guint i = 0; i < G_N_ELEMENTS (newsroom_words); i++)
    spelling_checker_ignore_word (checker, newsroom_words[i]);
}

/**
 * feuillet_spell_checker_set_language:
 * @code: a dictionary's name, such as fr_FR
 */
void
feuillet_spell_checker_set_language (FeuilletSpellChecker *self,
                                     const char           *code)
{
  g_return_if_fail (FEUILLET_IS_SPELL_CHECKER (self));

  if (self->checker == NULL)
    self->checker = spelling_checker_new (spelling_provider_get_default (), code);
  else if (g_strcmp0 (spelling_checker_get_language (self->checker), code) != 0)
    spelling_checker_set_language (self->checker, code);

  accept_newsroom_words (self->checker);
  feuillet_spell_checker_recheck (self);
}

void
feuillet_spell_checker_set_enabled (FeuilletSpellChecker *self,
                                    gboolean              enabled)
{
  GtkTextIter start, end;

  g_return_if_fail (FEUILLET_IS_SPELL_CHECKER (self));

  self->enabled = !!enabled;
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  if (!self->enabled)
    {
      g_clear_handle_id (&self->idle_source, g_source_remove);
      gtk_text_buffer_remove_tag (self->buffer, self->misspelled, &start, &end);
      return;
    }
  feuillet_spell_checker_recheck (self);
}

/**
 * feuillet_spell_checker_recheck:
 *
 * Checks the whole text again, a slice at a time (new text, language or dictionary).
 */
void
feuillet_spell_checker_recheck (FeuilletSpellChecker *self)
{
  GtkTextIter start, end;

  g_return_if_fail (FEUILLET_IS_SPELL_CHECKER (self));

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_apply_tag (self->buffer, self->unchecked, &start, &end);
  schedule_check (self);
}
