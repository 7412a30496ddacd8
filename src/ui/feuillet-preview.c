/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "feuillet-preview.h"
#include "feuillet-preview-blocks.h"
#include "feuillet-preview-trace.h"
#include "feuillet-render.h"

/*
 * The article as the site will show it, in a WebKit view. The page the core renders is
 * loaded once per article with an empty body; after that each change patches it in place
 * (feuillet-preview.js): only the blocks that changed are replaced, so nothing flickers and
 * the reader's scroll position stays, and the part being edited is brought into view.
 *
 * Updates are coalesced: one at a time on its way to the web process; what is typed
 * meanwhile goes in the next one, sent as soon as the previous is done.
 *
 * Isolation (DESIGN.md invariant 6): the article's own scripts never run (WebKit drops
 * JavaScript markup; the page's Content-Security-Policy forbids scripts as well, and our own
 * code runs in a script world of its own); nothing is fetched from the network (a content
 * filter blocks every http, https, ws and ftp load, the CSP too); the session is ephemeral;
 * a link opens in the user's browser, never in the preview.
 */

#define SCRIPT_RESOURCE RESOURCE_PREFIX "/feuillet-preview.js"
#define SCRIPT_WORLD "feuillet-preview"
/* The preview's base address: relative links and images resolve to nothing on the network. */
#define BASE_URI "file:///"
#define FILTER_ID "feuillet-offline"
/* A web process that ends again within this time is not started once more. */
#define RESTART_INTERVAL_US (10 * G_USEC_PER_SEC)

/* WebKit's content blocker rules: the preview never reaches the network. Its regular
 * expressions have no alternation, hence one rule per scheme. */
static const char offline_rules[] =
  "["
  "{\"trigger\":{\"url-filter\":\"^https?:\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^wss?:\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^ftps?:\"},\"action\":{\"type\":\"block\"}}"
  "]";

struct _FeuilletPreview
{
  AdwBin parent_instance;

  /* owned */
  WebKitWebView *view;
  FeuilletArticle *article;
  /* the text being written, ahead of the article's until it is saved */
  GtkTextBuffer *title_buffer;
  GtkTextBuffer *chapeau_buffer;
  GtkTextBuffer *body_buffer;
  GBytes *script;
  GCancellable *cancellable;
  /* the body's HTML as the page has it, and its blocks (NULL when it cannot be split) */
  char *body_html;
  GArray *body_blocks;
  /* how many blocks the update on its way leaves the body with */
  guint sent_blocks;
  /* the page's body has exactly body_blocks: a keystroke's update can be a splice */
  gboolean blocks_in_sync;
  /* the element to bring into view with the next update, or NULL */
  const char *follow;
  /* the scroll position to restore once a page loaded again for the same article, or -1 */
  double restore_scroll;
  guint update_source;
  /* when the web process last ended unexpectedly */
  gint64 terminated_at;
  /* when the oldest change not sent yet was made, and the same for the update under way,
   * for the trace; 0 when the change was not the text's */
  gint64 pending_since;
  gint64 sent_since;
  gboolean filter_ready;
  gboolean body_changed;
  gboolean shell_changed;
  gboolean follow_caret;
  /* the first update of a page jumps to the part being edited, the others glide */
  gboolean jump;
  gboolean loaded;
  /* the next navigation is the page we load: every other one is refused */
  gboolean expect_load;
  gboolean in_flight;
  gboolean print_pending;
};

enum {
  FAILED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (FeuilletPreview, feuillet_preview, ADW_TYPE_BIN)

static void load_page    (FeuilletPreview *self);
static void queue_update (FeuilletPreview *self);

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The article with the text as it is in the editor: what the page shows. */
static FeuilletArticle *
live_article (FeuilletPreview *self)
{
  FeuilletArticle *article = feuillet_article_copy (self->article);

  if (self->title_buffer != NULL)
    {
      g_autofree char *title = buffer_text (self->title_buffer);

      /* As the editor saves it: one line. */
      g_strdelimit (title, "\n\r", ' ');
      feuillet_article_set_title (article, title);
    }
  if (self->chapeau_buffer != NULL)
    {
      g_autofree char *chapeau = buffer_text (self->chapeau_buffer);

      feuillet_article_set_chapeau (article, chapeau);
    }

  return article;
}

static char *
body_markdown (FeuilletPreview *self,
               gssize          *caret)
{
  GtkTextIter iter;
  char *markdown;

  if (self->body_buffer == NULL)
    {
      *caret = -1;
      return g_strdup (feuillet_article_get_body (self->article));
    }

  markdown = buffer_text (self->body_buffer);
  gtk_text_buffer_get_iter_at_mark (self->body_buffer, &iter,
                                    gtk_text_buffer_get_insert (self->body_buffer));
  /* The renderer counts in bytes, the buffer in characters. */
  *caret = g_utf8_offset_to_pointer (markdown, gtk_text_iter_get_offset (&iter)) - markdown;
  return markdown;
}

static void
on_link_launched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FeuilletPreview) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The link could not be opened: %s"),
                                                  error->message);

      g_signal_emit (self, signals[FAILED], 0, message);
    }
}

/* Links go to the user's browser: the preview shows the article and nothing else. */
static void
open_in_browser (FeuilletPreview *self,
                 const char      *uri)
{
  g_autoptr(GtkUriLauncher) launcher = NULL;
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  /* A relative link resolves to a file: that nobody meant; javascript: and data: are not
   * pages to open. */
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0 &&
       g_ascii_strcasecmp (scheme, "mailto") != 0))
    return;

  launcher = gtk_uri_launcher_new (uri);
  gtk_uri_launcher_launch (launcher, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                           self->cancellable, on_link_launched_cb, g_object_ref (self));
}

static gboolean
on_decide_policy_cb (WebKitWebView            *view,
                     WebKitPolicyDecision     *decision,
                     WebKitPolicyDecisionType  type,
                     FeuilletPreview          *self)
{
  WebKitNavigationPolicyDecision *navigation_decision;
  WebKitNavigationAction *action;
  WebKitNavigationType navigation;
  gboolean gesture;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  navigation_decision = WEBKIT_NAVIGATION_POLICY_DECISION (decision);
  action = webkit_navigation_policy_decision_get_navigation_action (navigation_decision);
  navigation = webkit_navigation_action_get_navigation_type (action);
  gesture = webkit_navigation_action_is_user_gesture (action);
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  /* Our own load_html(), and only it. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && self->expect_load &&
      navigation == WEBKIT_NAVIGATION_TYPE_OTHER && !gesture &&
      g_strcmp0 (uri, BASE_URI) == 0)
    {
      self->expect_load = FALSE;
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);
  if (navigation == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED && gesture)
    open_in_browser (self, uri);

  return TRUE;
}

/* Copying is all the menu offers: no reload, no inspector, no opening links in here. */
static gboolean
on_context_menu_cb (WebKitWebView       *view,
                    WebKitContextMenu   *menu,
                    WebKitHitTestResult *hit_test_result,
                    FeuilletPreview     *self)
{
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      switch (webkit_context_menu_item_get_stock_action (item))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_COPY:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
          break;
        default:
          webkit_context_menu_remove (menu, item);
        }
    }
  g_list_free (items);

  /* Nothing left: no menu at all. */
  return webkit_context_menu_get_n_items (menu) == 0;
}

static void
run_print_dialog (FeuilletPreview *self)
{
  g_autoptr(WebKitPrintOperation) operation = webkit_print_operation_new (self->view);

  self->print_pending = FALSE;
  /* GTK's dialog offers "Print to File": the PDF proof. */
  webkit_print_operation_run_dialog (operation,
                                     GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
}

static void
on_load_changed_cb (WebKitWebView   *view,
                    WebKitLoadEvent  event,
                    FeuilletPreview *self)
{
  if (event != WEBKIT_LOAD_FINISHED)
    return;

  self->loaded = TRUE;
  queue_update (self);
}

static void
on_load_failed_cb (WebKitWebView   *view,
                   WebKitLoadEvent  event,
                   const char      *uri,
                   GError          *error,
                   FeuilletPreview *self)
{
  /* A navigation we refused reports itself as failed: that is not the page failing. */
  if (g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE) ||
      g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
    return;

  g_signal_emit (self, signals[FAILED], 0, error->message);
}

static void
on_web_process_terminated_cb (WebKitWebView                     *view,
                              WebKitWebProcessTerminationReason  reason,
                              FeuilletPreview                   *self)
{
  gint64 now = g_get_monotonic_time ();
  gboolean again = now - self->terminated_at < RESTART_INTERVAL_US;

  self->in_flight = FALSE;
  self->loaded = FALSE;
  self->terminated_at = now;

  /* Crashed or out of memory: start again rather than stay blank, but not in a loop. */
  if (again)
    g_signal_emit (self, signals[FAILED], 0, _("The preview stopped working"));
  else if (self->article != NULL)
    load_page (self);
}

/* The page's answer to an update. */
static void
on_updated_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FeuilletPreview) self = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(JSCValue) reload = NULL;
  g_autoptr(JSCValue) resync = NULL;
  g_autoptr(JSCValue) blocks = NULL;
  g_autoptr(JSCValue) text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sent_since = self->sent_since;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source), result,
                                                                 &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->in_flight = FALSE;
  self->sent_since = 0;

  if (value == NULL || !jsc_value_is_object (value))
    {
      /* Our script failed on the page: a bug. The next change sends the whole body. */
      g_warning ("The preview could not be updated: %s",
                 error != NULL ? error->message : "no answer");
      self->blocks_in_sync = FALSE;
      g_clear_pointer (&self->body_html, g_free);
      return;
    }

  if (sent_since != 0)
    feuillet_preview_trace_record (sent_since, g_get_monotonic_time ());

  reload = jsc_value_object_get_property (value, "reload");
  resync = jsc_value_object_get_property (value, "resync");
  blocks = jsc_value_object_get_property (value, "blocks");
  text = jsc_value_object_get_property (value, "text");

  if (jsc_value_is_string (text))
    {
      g_autofree char *dump = jsc_value_to_string (text);

      feuillet_preview_trace_dump (dump);
    }

  /* The page's frame changed (a kicker where there was none): the page is made again, and
   * scrolled back to where it was. */
  if (jsc_value_to_boolean (reload))
    {
      g_autoptr(JSCValue) scroll = jsc_value_object_get_property (value, "scroll");

      self->restore_scroll = jsc_value_to_double (scroll);
      load_page (self);
      return;
    }

  /* Raw HTML that parses into more or fewer elements than it has blocks, or a splice that
   * did not fit: the whole body goes next, and splices wait until the page matches again. */
  self->blocks_in_sync = self->body_blocks != NULL && !jsc_value_to_boolean (resync) &&
                         jsc_value_to_int32 (blocks) == (gint32) self->sent_blocks;
  if (jsc_value_to_boolean (resync))
    {
      g_clear_pointer (&self->body_html, g_free);
      self->body_changed = TRUE;
    }

  if (self->print_pending)
    run_print_dialog (self);

  queue_update (self);
}

typedef enum
{
  BODY_KEPT,
  BODY_SPLICED,
  BODY_REPLACED,
} BodyChange;

/* What the page's body is to become, in @args. */
static void
add_body_change (FeuilletPreview *self,
                 const char      *markdown,
                 GVariantBuilder *args)
{
  FeuilletRenderOptions options = {
    .typography = feuillet_render_article_typography (self->article),
  };
  g_autofree char *html = feuillet_render_markdown (markdown, strlen (markdown),
                                                    FEUILLET_RENDER_PREVIEW, &options);
  g_autoptr(GArray) blocks = feuillet_preview_blocks_split (html);
  g_autofree char *change = NULL;
  BodyChange mode;
  guint start = 0, old_end = 0, new_end = 0;
  /* how many blocks the page's body has now */
  guint shown = self->body_blocks != NULL ? self->body_blocks->len : 0;

  if (g_strcmp0 (html, self->body_html) == 0)
    {
      /* A keystroke that changes nothing on the page, a space at a paragraph's end. */
      mode = BODY_KEPT;
    }
  else if (blocks != NULL && self->body_blocks != NULL && self->body_html != NULL &&
           self->blocks_in_sync)
    {
      feuillet_preview_blocks_diff (self->body_html, self->body_blocks, html, blocks, &start,
                                    &old_end, &new_end);
      change = feuillet_preview_blocks_join (html, blocks, start, new_end);
      mode = BODY_SPLICED;
    }
  else
    {
      if (blocks != NULL)
        change = feuillet_preview_blocks_join (html, blocks, 0, blocks->len);
      else
        change = g_strdup (html);
      mode = BODY_REPLACED;
    }

  g_variant_builder_add (args, "{sv}", "mode", g_variant_new_double (mode));
  g_variant_builder_add (args, "{sv}", "start", g_variant_new_double (start));
  g_variant_builder_add (args, "{sv}", "removed", g_variant_new_double (old_end - start));
  g_variant_builder_add (args, "{sv}", "expected", g_variant_new_double (shown));
  g_variant_builder_add (args, "{sv}", "html", g_variant_new_string (change != NULL ? change : ""));

  if (mode != BODY_KEPT)
    {
      g_free (self->body_html);
      self->body_html = g_steal_pointer (&html);
      g_clear_pointer (&self->body_blocks, g_array_unref);
      self->body_blocks = g_steal_pointer (&blocks);
    }
}

static void
send_update (FeuilletPreview *self)
{
  g_autofree char *markdown = NULL;
  g_autofree char *shell = NULL;
  GVariantBuilder args;
  gssize caret = -1;
  int block = -1;
  double fraction = 0;
  gsize script_length;
  const char *script;

  g_assert (self->loaded && !self->in_flight);

  g_variant_builder_init (&args, G_VARIANT_TYPE_VARDICT);

  if (self->body_changed || self->follow_caret)
    markdown = body_markdown (self, &caret);

  if (self->body_changed)
    {
      add_body_change (self, markdown, &args);
    }
  else
    {
      g_variant_builder_add (&args, "{sv}", "mode", g_variant_new_double (BODY_KEPT));
      g_variant_builder_add (&args, "{sv}", "start", g_variant_new_double (0));
      g_variant_builder_add (&args, "{sv}", "removed", g_variant_new_double (0));
      g_variant_builder_add (&args, "{sv}", "expected", g_variant_new_double (0));
      g_variant_builder_add (&args, "{sv}", "html", g_variant_new_string (""));
    }

  /* Everything around the body, as the core renders it; the page takes what differs. */
  if (self->shell_changed)
    {
      g_autoptr(FeuilletArticle) article = live_article (self);

      shell = feuillet_render_page (article, NULL, FEUILLET_PAGE_EMPTY_BODY);
    }

  if (self->follow_caret && caret >= 0 && self->body_blocks != NULL)
    block = feuillet_preview_blocks_find (self->body_blocks, caret, strlen (markdown), &fraction);

  g_variant_builder_add (&args, "{sv}", "shell", g_variant_new_string (shell ? shell : ""));
  g_variant_builder_add (&args, "{sv}", "follow",
                         g_variant_new_string (self->follow ? self->follow : ""));
  g_variant_builder_add (&args, "{sv}", "block", g_variant_new_double (block));
  g_variant_builder_add (&args, "{sv}", "fraction", g_variant_new_double (fraction));
  g_variant_builder_add (&args, "{sv}", "restore", g_variant_new_double (self->restore_scroll));
  g_variant_builder_add (&args, "{sv}", "smooth", g_variant_new_double (!self->jump));
  g_variant_builder_add (&args, "{sv}", "dump",
                         g_variant_new_double (feuillet_preview_trace_dumping ()));

  self->sent_blocks = self->body_blocks != NULL ? self->body_blocks->len : 0;
  self->body_changed = FALSE;
  self->shell_changed = FALSE;
  self->follow_caret = FALSE;
  self->follow = NULL;
  self->restore_scroll = -1;
  self->jump = FALSE;
  self->sent_since = self->pending_since;
  self->pending_since = 0;
  self->in_flight = TRUE;

  script = g_bytes_get_data (self->script, &script_length);
  webkit_web_view_call_async_javascript_function (self->view, script, script_length,
                                                  g_variant_builder_end (&args), SCRIPT_WORLD,
                                                  "resource://" SCRIPT_RESOURCE, self->cancellable,
                                                  on_updated_cb, g_object_ref (self));
}

static gboolean
on_update_idle_cb (gpointer user_data)
{
  FeuilletPreview *self = user_data;

  self->update_source = 0;
  if (self->loaded && !self->in_flight && self->article != NULL)
    send_update (self);
  return G_SOURCE_REMOVE;
}

static gboolean
update_wanted (FeuilletPreview *self)
{
  return self->body_changed || self->shell_changed || self->follow_caret || self->follow != NULL ||
         self->restore_scroll >= 0 || self->print_pending;
}

/* After the keystrokes of this frame, and after the editor has drawn them. */
static void
queue_update (FeuilletPreview *self)
{
  if (!self->loaded || self->in_flight || self->update_source != 0 || !update_wanted (self))
    return;

  self->update_source = g_idle_add_full (G_PRIORITY_DEFAULT, on_update_idle_cb, self, NULL);
}

static void
note_typing (FeuilletPreview *self)
{
  if (self->pending_since == 0 && feuillet_preview_trace_enabled ())
    self->pending_since = g_get_monotonic_time ();
}

static void
on_title_changed_cb (FeuilletPreview *self)
{
  note_typing (self);
  self->shell_changed = TRUE;
  self->follow = "feuillet-title";
  queue_update (self);
}

static void
on_chapeau_changed_cb (FeuilletPreview *self)
{
  note_typing (self);
  self->shell_changed = TRUE;
  self->follow = "feuillet-chapeau";
  queue_update (self);
}

static void
on_body_changed_cb (FeuilletPreview *self)
{
  note_typing (self);
  self->body_changed = TRUE;
  self->follow_caret = TRUE;
  queue_update (self);
}

/* The caret moved in the body: the preview shows the same part. */
static void
on_body_cursor_cb (FeuilletPreview *self)
{
  self->follow_caret = TRUE;
  queue_update (self);
}

/* The details changed (category, tags, byline…), or a save gave the article its text. */
static void
on_article_notify_cb (FeuilletPreview *self,
                      GParamSpec      *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "body"))
    {
      if (self->body_buffer != NULL)
        return;
      self->body_changed = TRUE;
    }
  else if (g_str_equal (name, "language"))
    {
      /* Another typography for the whole text. */
      self->body_changed = TRUE;
      self->shell_changed = TRUE;
    }
  else if ((g_str_equal (name, "title") && self->title_buffer != NULL) ||
           (g_str_equal (name, "chapeau") && self->chapeau_buffer != NULL))
    {
      return;
    }
  else
    {
      self->shell_changed = TRUE;
    }
  queue_update (self);
}

static void
load_page (FeuilletPreview *self)
{
  g_autoptr(FeuilletArticle) article = NULL;
  g_autofree char *page = NULL;

  g_clear_handle_id (&self->update_source, g_source_remove);
  self->loaded = FALSE;
  if (self->article == NULL || !self->filter_ready)
    return;

  article = live_article (self);
  page = feuillet_render_page (article, NULL, FEUILLET_PAGE_EMPTY_BODY);
  /* The new page's body is empty: no block yet. */
  g_free (self->body_html);
  self->body_html = g_strdup ("");
  g_clear_pointer (&self->body_blocks, g_array_unref);
  self->body_blocks = g_array_new (FALSE, FALSE, sizeof (FeuilletPreviewBlock));
  self->blocks_in_sync = TRUE;
  self->body_changed = TRUE;
  self->shell_changed = FALSE;
  self->follow_caret = self->body_buffer != NULL;
  self->jump = TRUE;
  self->expect_load = TRUE;
  webkit_web_view_load_html (self->view, page, BASE_URI);
}

static void
on_filter_saved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FeuilletPreview) self = user_data;
  g_autoptr(WebKitUserContentFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  filter = webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (source),
                                                         result, &error);
  if (self->view == NULL)
    return;

  if (filter != NULL)
    {
      WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (self->view);

      webkit_user_content_manager_add_filter (manager, filter);
    }
  else
    {
      /* The page's Content-Security-Policy still keeps the network out. */
      g_warning ("The preview's network filter could not be made: %s", error->message);
    }

  self->filter_ready = TRUE;
  load_page (self);
}

/* The filter is compiled into the user's cache once per run, before the first page loads. */
static void
make_filter (FeuilletPreview *self)
{
  g_autofree char *path = NULL;
  g_autoptr(WebKitUserContentFilterStore) store = NULL;
  g_autoptr(GBytes) rules = g_bytes_new_static (offline_rules, sizeof offline_rules - 1);

  path = g_build_filename (g_get_user_cache_dir (), "feuillet", "content-filters", NULL);
  store = webkit_user_content_filter_store_new (path);

  webkit_user_content_filter_store_save (store, FILTER_ID, rules, self->cancellable,
                                         on_filter_saved_cb, g_object_ref (self));
}

static WebKitNetworkSession *
ephemeral_session (void)
{
  static WebKitNetworkSession *session;

  /* One for every preview of the process: nothing it keeps (cookies, cache) reaches a disk. */
  if (session == NULL)
    session = webkit_network_session_new_ephemeral ();
  return session;
}

static void
disconnect_sources (FeuilletPreview *self)
{
  GtkTextBuffer **buffers[] = { &self->title_buffer, &self->chapeau_buffer, &self->body_buffer };

  for (guint i = 0; i < G_N_ELEMENTS (buffers); i++)
    {
      if (*buffers[i] != NULL)
        g_signal_handlers_disconnect_by_data (*buffers[i], self);
      g_clear_object (buffers[i]);
    }
  if (self->article != NULL)
    g_signal_handlers_disconnect_by_data (self->article, self);
  g_clear_object (&self->article);
}

static void
feuillet_preview_dispose (GObject *object)
{
  FeuilletPreview *self = (FeuilletPreview *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->update_source, g_source_remove);
  disconnect_sources (self);
  self->view = NULL;

  G_OBJECT_CLASS (feuillet_preview_parent_class)->dispose (object);
}

static void
feuillet_preview_finalize (GObject *object)
{
  FeuilletPreview *self = (FeuilletPreview *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->script, g_bytes_unref);
  g_clear_pointer (&self->body_html, g_free);
  g_clear_pointer (&self->body_blocks, g_array_unref);

  G_OBJECT_CLASS (feuillet_preview_parent_class)->finalize (object);
}

static void
feuillet_preview_class_init (FeuilletPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = feuillet_preview_dispose;
  object_class->finalize = feuillet_preview_finalize;

  /**
   * FeuilletPreview::failed:
   * @message: what went wrong, for the user
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
feuillet_preview_init (FeuilletPreview *self)
{
  g_autoptr(WebKitSettings) settings = NULL;
  g_autoptr(WebKitWebsitePolicies) policies = NULL;
  GdkRGBA transparent = { 0, 0, 0, 0 };

  self->cancellable = g_cancellable_new ();
  self->restore_scroll = -1;
  self->script = g_resources_lookup_data (SCRIPT_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (self->script != NULL);

  /* JavaScript stays on for our own calls; markup's scripts, event handlers and javascript:
   * links are dropped as the page is parsed. */
  settings = webkit_settings_new_with_settings ("enable-javascript-markup", FALSE,
                                                "enable-developer-extras", FALSE,
                                                "enable-webgl", FALSE,
                                                "enable-webaudio", FALSE,
                                                "enable-webrtc", FALSE,
                                                "enable-media-stream", FALSE,
                                                "enable-encrypted-media", FALSE,
                                                "enable-mediasource", FALSE,
                                                "enable-fullscreen", FALSE,
                                                "enable-html5-local-storage", FALSE,
                                                "enable-html5-database", FALSE,
                                                "enable-page-cache", FALSE,
                                                "enable-back-forward-navigation-gestures", FALSE,
                                                "javascript-can-open-windows-automatically", FALSE,
                                                "javascript-can-access-clipboard", FALSE,
                                                "allow-modal-dialogs", FALSE,
                                                "allow-file-access-from-file-urls", FALSE,
                                                "allow-universal-access-from-file-urls", FALSE,
                                                "allow-top-navigation-to-data-urls", FALSE,
                                                "media-playback-requires-user-gesture", TRUE,
                                                NULL);
  policies = webkit_website_policies_new_with_policies ("autoplay", WEBKIT_AUTOPLAY_DENY, NULL);

  self->view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                             "network-session", ephemeral_session (),
                             "settings", settings,
                             "website-policies", policies,
                             "vexpand", TRUE,
                             "hexpand", TRUE,
                             NULL);
  /* Until the page paints its own background, the window's shows: no white flash in dark. */
  webkit_web_view_set_background_color (self->view, &transparent);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view));

  g_signal_connect_object (self->view, "decide-policy", G_CALLBACK (on_decide_policy_cb), self, 0);
  g_signal_connect_object (self->view, "context-menu", G_CALLBACK (on_context_menu_cb), self, 0);
  g_signal_connect_object (self->view, "load-changed", G_CALLBACK (on_load_changed_cb), self, 0);
  g_signal_connect_object (self->view, "load-failed", G_CALLBACK (on_load_failed_cb), self, 0);
  g_signal_connect_object (self->view, "web-process-terminated",
                           G_CALLBACK (on_web_process_terminated_cb), self, 0);

  make_filter (self);
}

FeuilletPreview *
feuillet_preview_new (void)
{
  return g_object_new (FEUILLET_TYPE_PREVIEW, NULL);
}

/**
 * feuillet_preview_set_article:
 * @article: (nullable): the article to show, for its details
 * @title: (nullable): the buffer its title is being written in, if any
 * @chapeau: (nullable): the same for its chapeau
 * @body: (nullable): the same for its body, whose caret the preview follows
 *
 * Shows @article, and follows its text as it is written in the buffers.
 */
void
feuillet_preview_set_article (FeuilletPreview *self,
                              FeuilletArticle *article,
                              GtkTextBuffer   *title,
                              GtkTextBuffer   *chapeau,
                              GtkTextBuffer   *body)
{
  gboolean same;

  g_return_if_fail (FEUILLET_IS_PREVIEW (self));
  g_return_if_fail (!article || FEUILLET_IS_ARTICLE (article));
  g_return_if_fail (!title || GTK_IS_TEXT_BUFFER (title));
  g_return_if_fail (!chapeau || GTK_IS_TEXT_BUFFER (chapeau));
  g_return_if_fail (!body || GTK_IS_TEXT_BUFFER (body));

  if (article == self->article && title == self->title_buffer && chapeau == self->chapeau_buffer &&
      body == self->body_buffer)
    return;

  /* The same article again, as the library has it now (another program changed it): the
   * page stays, with its scroll position, and takes the new text. */
  same = article != NULL && self->article != NULL &&
         feuillet_article_get_id (article) == feuillet_article_get_id (self->article);

  disconnect_sources (self);
  self->pending_since = 0;

  if (article == NULL)
    {
      g_clear_handle_id (&self->update_source, g_source_remove);
      self->restore_scroll = -1;
      self->body_changed = self->shell_changed = self->follow_caret = FALSE;
      self->follow = NULL;
      self->loaded = FALSE;
      self->expect_load = TRUE;
      webkit_web_view_load_html (self->view, "", BASE_URI);
      return;
    }

  self->article = g_object_ref (article);
  g_signal_connect_object (article, "notify", G_CALLBACK (on_article_notify_cb), self,
                           G_CONNECT_SWAPPED);
  if (title != NULL)
    {
      self->title_buffer = g_object_ref (title);
      g_signal_connect_object (title, "changed", G_CALLBACK (on_title_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  if (chapeau != NULL)
    {
      self->chapeau_buffer = g_object_ref (chapeau);
      g_signal_connect_object (chapeau, "changed", G_CALLBACK (on_chapeau_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  if (body != NULL)
    {
      self->body_buffer = g_object_ref (body);
      g_signal_connect_object (body, "changed", G_CALLBACK (on_body_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (body, "notify::cursor-position", G_CALLBACK (on_body_cursor_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (same)
    {
      self->body_changed = self->shell_changed = TRUE;
      queue_update (self);
      return;
    }

  self->restore_scroll = -1;
  self->follow = NULL;
  load_page (self);
}

/**
 * feuillet_preview_print:
 *
 * Prints the preview as it shows the article, after GTK's print dialog, which also prints to
 * a PDF file.
 */
void
feuillet_preview_print (FeuilletPreview *self)
{
  g_return_if_fail (FEUILLET_IS_PREVIEW (self));

  if (self->article == NULL)
    return;

  /* Once the page holds the article's text. */
  self->print_pending = TRUE;
  queue_update (self);
}
