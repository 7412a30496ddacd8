/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's Publish menu: the open article to a WordPress site as a draft, for review,
 * scheduled or published, through the core's publisher (feuillet-publisher.h). */
#define G_LOG_DOMAIN "feuillet-window-publish"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-conflict-dialog.h"
#include "feuillet-outbox-sender.h"
#include "feuillet-publish-schedule-dialog.h"
#include "feuillet-publisher.h"
#include "feuillet-window-private.h"

static const char * const publish_actions[] = {
  "win.publish-draft", "win.publish-pending", "win.publish-schedule", "win.publish-now",
};

/* One push asked for from the window, on its way. */
typedef struct
{
  FeuilletWindow     *window;
  gint64              id;
  char               *site;
  FeuilletPushStatus  status;
  GDateTime          *date;
  /* a copy of the article made from the conflict dialog, not the open one */
  gboolean            is_copy;
} PublishJob;

static void
publish_job_free (PublishJob *job)
{
  g_clear_object (&job->window);
  g_free (job->site);
  g_clear_pointer (&job->date, g_date_time_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PublishJob, publish_job_free)

static void start_publish (FeuilletWindow     *self,
                           gint64              id,
                           const char         *site,
                           FeuilletPushStatus  status,
                           GDateTime          *date,
                           gboolean            is_copy);

static const FeuilletSite *
find_site (FeuilletWindow *self,
           const char     *name)
{
  for (guint i = 0; name != NULL && self->sites != NULL && i < self->sites->len; i++)
    {
      const FeuilletSite *site = self->sites->pdata[i];

      if (g_ascii_strcasecmp (site->name, name) == 0)
        return site;
    }
  return NULL;
}

static gboolean
is_busy (FeuilletWindow *self)
{
  return self->publish_cancellable != NULL;
}

/* What the site holds of the article, for the header's subtitle: "Draft on vosges". */
static char *
remote_description (FeuilletArticle *article)
{
  const char *site = feuillet_article_get_remote_site (article);
  const char *status = feuillet_article_get_remote_status (article);

  if (site == NULL || status == NULL)
    return NULL;
  /* Translators: %s is a site's name; the article is a draft there. */
  if (g_str_equal (status, "draft"))
    return g_strdup_printf (_("Draft on %s"), site);
  /* Translators: %s is a site's name; an editor is to review the article there. */
  if (g_str_equal (status, "pending"))
    return g_strdup_printf (_("Awaiting review on %s"), site);
  /* Translators: %s is a site's name. */
  if (g_str_equal (status, "future"))
    return g_strdup_printf (_("Scheduled on %s"), site);
  /* Translators: %s is a site's name. */
  if (g_str_equal (status, "publish"))
    return g_strdup_printf (_("Published on %s"), site);
  /* Translators: the first %s is a site's name, the second a WordPress post status. */
  return g_strdup_printf (_("On %s (%s)"), site, status);
}

/**
 * feuillet_window_update_publish:
 *
 * The open article changed (opened, closed, pushed): the menu, the site it goes to and the
 * subtitle follow it.
 */
void
feuillet_window_update_publish (FeuilletWindow *self)
{
  FeuilletArticle *article = self->editor != NULL ? feuillet_editor_get_article (self->editor) : NULL;
  g_autofree char *subtitle = NULL;
  const FeuilletSite *site = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (publish_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), publish_actions[i], article != NULL && !is_busy (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->publish_button), article != NULL);

  /* For an article just opened, the site it went to last time; else the one chosen in the
   * menu, else the first. */
  if (article != NULL && self->sites != NULL && feuillet_article_get_id (article) != self->publish_site_article)
    {
      self->publish_site_article = feuillet_article_get_id (article);
      site = find_site (self, feuillet_article_get_remote_site (article));
    }
  if (site == NULL)
    site = find_site (self, self->publish_site);
  if (site == NULL && self->sites != NULL && self->sites->len > 0)
    site = self->sites->pdata[0];
  g_set_str (&self->publish_site, site != NULL ? site->name : NULL);
  if (site != NULL && self->site_action != NULL)
    g_simple_action_set_state (self->site_action, g_variant_new_string (site->name));

  subtitle = article != NULL ? remote_description (article) : NULL;
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  /* The title may give way to the Text/Preview switcher: the button says it too. */
  if (subtitle != NULL)
    {
      /* Translators: the Publish button's tooltip; %s says where the article is, such as “Draft on vosges”. */
      g_autofree char *tooltip = g_strdup_printf (_("Send the Article to the Site (now: %s)"), subtitle);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->publish_button), tooltip);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->publish_button), _("Send the Article to the Site"));
}

/* The sites as just read: the menu's choice of site follows. */
static void
set_sites (FeuilletWindow *self,
           GPtrArray      *sites)
{
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  self->sites = g_ptr_array_ref (sites);

  /* A choice only when there is one to make. */
  g_menu_remove_all (self->publish_sites);
  for (guint i = 0; self->sites->len > 1 && i < self->sites->len; i++)
    {
      const FeuilletSite *site = self->sites->pdata[i];
      g_autoptr(GMenuItem) item = g_menu_item_new (site->name, NULL);

      g_menu_item_set_action_and_target_value (item, "publish.site", g_variant_new_string (site->name));
      g_menu_append_item (self->publish_sites, item);
    }

  feuillet_window_update_publish (self);
}

static void
on_sites_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(GPtrArray) sites = NULL;

  /* On an error the menu keeps what it had: publishing reads the sites again, and says why
   * it cannot. */
  sites = feuillet_store_list_sites_finish (FEUILLET_STORE (source), result, NULL);
  if (sites != NULL)
    set_sites (self, sites);
}

/* The library's sites are read again: at start, and whenever another program changes the
 * library (feuillet-cli site add). Each publishing action reads them too, for a site added
 * in the preferences meanwhile. */
void
feuillet_window_refresh_sites (FeuilletWindow *self)
{
  feuillet_store_list_sites_async (self->store, self->cancellable, on_sites_listed_cb, g_object_ref (self));
}

static void
set_busy (FeuilletWindow *self,
          gboolean        busy)
{
  if (busy)
    {
      g_assert (self->publish_cancellable == NULL);
      self->publish_cancellable = g_cancellable_new ();
    }
  else
    g_clear_object (&self->publish_cancellable);
  gtk_stack_set_visible_child_name (self->publish_stack, busy ? "busy" : "menu");
  feuillet_window_update_publish (self);
}

static void
on_no_site_response_cb (AdwAlertDialog *dialog,
                        const char     *response,
                        FeuilletWindow *self)
{
  if (g_str_equal (response, "preferences"))
    gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
}

static void
show_no_site (FeuilletWindow *self)
{
  AdwDialog *dialog = adw_alert_dialog_new (_("No Site to Publish To"),
                                            _("Add your newsroom’s WordPress site in Preferences first: "
                                              "articles are sent to the sites listed there."));

  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "preferences", _("Open _Preferences"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "preferences", ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "preferences");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_no_site_response_cb), self, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
show_failure (FeuilletWindow *self,
              const GError   *error)
{
  AdwDialog *dialog = adw_alert_dialog_new (_("The Article Was Not Sent"), error->message);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
on_launched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FeuilletWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
on_open_link_clicked_cb (AdwToast       *toast,
                         FeuilletWindow *self)
{
  const char *link = g_object_get_data (G_OBJECT (toast), "feuillet-link");
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (link);

  gtk_uri_launcher_launch (launcher, GTK_WINDOW (self), NULL, on_launched_cb, g_object_ref (self));
}

static char *
sent_message (PublishJob      *job,
              FeuilletArticle *pushed)
{
  const char *site = feuillet_article_get_remote_site (pushed);

  switch (job->status)
    {
    case FEUILLET_PUSH_DRAFT:
      /* Translators: %s is a site's name. */
      return g_strdup_printf (_("Sent to %s as a draft"), site);
    case FEUILLET_PUSH_PENDING:
      /* Translators: %s is a site's name. */
      return g_strdup_printf (_("Submitted to %s for review"), site);
    case FEUILLET_PUSH_FUTURE:
      {
        g_autoptr(GDateTime) local = g_date_time_to_local (job->date);
        g_autofree char *when = g_date_time_format (local, "%x %H:%M");

        /* Translators: %s is a site's name, then a date and time. */
        return g_strdup_printf (_("Scheduled on %s for %s"), site, when);
      }
    case FEUILLET_PUSH_PUBLISH:
    default:
      /* Translators: %s is a site's name. */
      return g_strdup_printf (_("Published on %s"), site);
    }
}

static gboolean
record_remote (FeuilletArticle  *article,
               gpointer          user_data,
               GError          **error)
{
  FeuilletArticle *pushed = user_data;

  feuillet_article_set_remote_site (article, feuillet_article_get_remote_site (pushed));
  feuillet_article_set_remote_id (article, feuillet_article_get_remote_id (pushed));
  feuillet_article_set_remote_link (article, feuillet_article_get_remote_link (pushed));
  feuillet_article_set_remote_status (article, feuillet_article_get_remote_status (pushed));
  feuillet_article_set_remote_modified (article, feuillet_article_get_remote_modified (pushed));
  feuillet_article_set_remote_base (article, feuillet_article_get_remote_base (pushed));
  return TRUE;
}

/* The open copy learns what the push recorded: its subtitle, and the base a conflict
 * dialog starts from. The library has it already, and a save of the copy keeps the
 * library's remote side (feuillet_store_sql_update()). */
static void
adopt_remote (FeuilletWindow  *self,
              FeuilletArticle *pushed)
{
  FeuilletArticle *open = feuillet_editor_get_article (self->editor);

  if (open == NULL || feuillet_article_get_id (open) != feuillet_article_get_id (pushed))
    return;

  record_remote (open, pushed, NULL);
}

static void
show_sent (FeuilletWindow  *self,
           PublishJob      *job,
           FeuilletArticle *pushed)
{
  g_autofree char *message = sent_message (job, pushed);
  const char *link = feuillet_article_get_remote_link (pushed);
  AdwToast *toast = adw_toast_new (message);

  if (link != NULL && link[0] != '\0')
    {
      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "feuillet-link", g_strdup (link), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_link_clicked_cb), self, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* -- conflicts -- */

typedef struct
{
  FeuilletWindow     *window;
  FeuilletPushStatus  status;
  GDateTime          *date;
} ConflictChoice;

static void
conflict_choice_free (ConflictChoice *choice)
{
  g_clear_object (&choice->window);
  g_clear_pointer (&choice->date, g_date_time_unref);
  g_free (choice);
}

static void
on_conflict_overwrite_cb (FeuilletConflictDialog *dialog,
                          const char             *modified,
                          const char             *base,
                          ConflictChoice         *choice)
{
  FeuilletWindow *self = choice->window;
  FeuilletArticle *article = feuillet_conflict_dialog_get_article (dialog);
  FeuilletArticle *open = feuillet_editor_get_article (self->editor);

  /* The base is the server's copy the user has seen: the open copy too, or its next save
   * would put the old one back. */
  if (open != NULL && feuillet_article_get_id (open) == feuillet_article_get_id (article))
    {
      feuillet_article_set_remote_modified (open, modified);
      feuillet_article_set_remote_base (open, base);
    }
  start_publish (self, feuillet_article_get_id (article), feuillet_conflict_dialog_get_site (dialog),
                 choice->status, choice->date, FALSE);
}

static void
on_conflict_copy_cb (FeuilletConflictDialog *dialog,
                     FeuilletArticle        *copy,
                     ConflictChoice         *choice)
{
  feuillet_window_reload_list (choice->window);
  start_publish (choice->window, feuillet_article_get_id (copy), feuillet_conflict_dialog_get_site (dialog),
                 FEUILLET_PUSH_DRAFT, NULL, TRUE);
}

static void
show_conflict (FeuilletWindow *self,
               PublishJob     *job,
               const GError   *error)
{
  const FeuilletSite *site = find_site (self, job->site);
  FeuilletArticle *open = feuillet_editor_get_article (self->editor);
  FeuilletConflictDialog *dialog;
  ConflictChoice *choice;

  if (site == NULL || open == NULL || feuillet_article_get_id (open) != job->id)
    {
      show_failure (self, error);
      return;
    }

  choice = g_new0 (ConflictChoice, 1);
  choice->window = g_object_ref (self);
  choice->status = job->status;
  choice->date = job->date != NULL ? g_date_time_ref (job->date) : NULL;

  dialog = feuillet_conflict_dialog_new (self->store, site, open, error->message);
  g_signal_connect_data (dialog, "overwrite", G_CALLBACK (on_conflict_overwrite_cb), choice,
                         (GClosureNotify) (void (*) (void)) conflict_choice_free, 0);
  g_signal_connect (dialog, "save-copy", G_CALLBACK (on_conflict_copy_cb), choice);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

/* -- publishing -- */

static void
on_published_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PublishJob) job = user_data;
  FeuilletWindow *self = job->window;
  g_autoptr(FeuilletArticle) pushed = NULL;
  g_autoptr(GError) error = NULL;
  gboolean queued = FALSE;

  pushed = feuillet_publisher_publish_finish (result, &queued, &error);
  if (self->editor == NULL)
    return; /* the window is gone */
  set_busy (self, FALSE);

  if (pushed != NULL)
    {
      adopt_remote (self, pushed);
      feuillet_window_update_publish (self);
      show_sent (self, job, pushed);
    }
  else if (queued)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a site's name; the article goes out by itself once the site answers. */
      message = g_strdup_printf (_("Kept in the outbox until %s can be reached"), job->site);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Sending stopped")));
  else if (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_CONFLICT) && !job->is_copy)
    show_conflict (self, job, error);
  else if (g_error_matches (error, FEUILLET_PUBLISHER_ERROR, FEUILLET_PUBLISHER_ERROR_NO_SITE))
    show_no_site (self);
  else
    show_failure (self, error);
}

static void
on_flushed_for_publish_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  PublishJob *job = user_data;
  FeuilletWindow *self = job->window;
  g_autoptr(GError) error = NULL;

  /* What the site gets is what the library holds: the last words first. */
  if (!feuillet_editor_flush_finish (FEUILLET_EDITOR (source), result, &error))
    {
      set_busy (self, FALSE);
      show_failure (self, error);
      publish_job_free (job);
      return;
    }

  feuillet_publisher_publish_async (self->store, job->site, job->id, job->status, job->date,
                                    self->publish_cancellable, on_published_cb, job);
}

static void
start_publish (FeuilletWindow     *self,
               gint64              id,
               const char         *site,
               FeuilletPushStatus  status,
               GDateTime          *date,
               gboolean            is_copy)
{
  PublishJob *job;

  if (is_busy (self))
    return;
  if (self->sites == NULL || self->sites->len == 0 || site == NULL)
    {
      show_no_site (self);
      return;
    }

  job = g_new0 (PublishJob, 1);
  job->window = g_object_ref (self);
  job->id = id;
  job->site = g_strdup (site);
  job->status = status;
  job->date = date != NULL ? g_date_time_ref (date) : NULL;
  job->is_copy = is_copy;

  set_busy (self, TRUE);
  feuillet_editor_flush_async (self->editor, NULL, on_flushed_for_publish_cb, job);
}

static void
publish_open_article (FeuilletWindow     *self,
                      FeuilletPushStatus  status,
                      GDateTime          *date)
{
  FeuilletArticle *article = feuillet_editor_get_article (self->editor);

  if (article != NULL)
    start_publish (self, feuillet_article_get_id (article), self->publish_site, status, date, FALSE);
}

static const char *
open_title (FeuilletWindow *self)
{
  FeuilletArticle *article = feuillet_editor_get_article (self->editor);
  const char *title = article != NULL ? feuillet_article_get_title (article) : "";

  return title[0] != '\0' ? title : _("Untitled");
}

static void
on_scheduled_cb (FeuilletPublishScheduleDialog *dialog,
                 GDateTime                     *date,
                 FeuilletWindow                *self)
{
  publish_open_article (self, FEUILLET_PUSH_FUTURE, date);
}

static void
show_schedule_dialog (FeuilletWindow *self)
{
  FeuilletArticle *article = feuillet_editor_get_article (self->editor);
  FeuilletPublishScheduleDialog *dialog;

  dialog = feuillet_publish_schedule_dialog_new (open_title (self), self->publish_site,
                                                 feuillet_article_get_schedule_date (article));
  g_signal_connect_object (dialog, "scheduled", G_CALLBACK (on_scheduled_cb), self, 0);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

static void
on_publish_now_response_cb (AdwAlertDialog *dialog,
                            const char     *response,
                            FeuilletWindow *self)
{
  if (g_str_equal (response, "publish"))
    publish_open_article (self, FEUILLET_PUSH_PUBLISH, NULL);
}

static void
confirm_publish_now (FeuilletWindow *self)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwDialog *dialog;

  /* The title goes in the body: a long one in the heading does not wrap well. */
  heading = g_strdup (_("Publish Now?"));
  /* Translators: the first %s is the article's title, the second a site's name. */
  body = g_strdup_printf (_("“%s” will be public on %s at once, for every reader of the site."),
                          open_title (self), self->publish_site);
  dialog = adw_alert_dialog_new (heading, body);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "publish", _("_Publish"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "publish", ADW_RESPONSE_SUGGESTED);
  /* Enter does not publish by accident: the default is to think again. */
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "cancel");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_publish_now_response_cb), self, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

/* What the Publish menu offers. */
typedef enum
{
  CHOICE_DRAFT,
  CHOICE_PENDING,
  CHOICE_SCHEDULE,
  CHOICE_NOW,
} PublishChoice;

typedef struct
{
  FeuilletWindow *window;
  PublishChoice   choice;
} ChoiceData;

static void
run_choice (FeuilletWindow *self,
            PublishChoice   choice)
{
  if (feuillet_editor_get_article (self->editor) == NULL || is_busy (self))
    return;
  if (self->publish_site == NULL)
    {
      show_no_site (self);
      return;
    }

  switch (choice)
    {
    case CHOICE_DRAFT:
      publish_open_article (self, FEUILLET_PUSH_DRAFT, NULL);
      break;
    case CHOICE_PENDING:
      publish_open_article (self, FEUILLET_PUSH_PENDING, NULL);
      break;
    case CHOICE_SCHEDULE:
      show_schedule_dialog (self);
      break;
    case CHOICE_NOW:
    default:
      confirm_publish_now (self);
      break;
    }
}

static void
on_sites_for_choice_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autofree ChoiceData *data = user_data;
  g_autoptr(FeuilletWindow) self = data->window;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  sites = feuillet_store_list_sites_finish (FEUILLET_STORE (source), result, &error);
  if (sites == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure (self, error);
      return;
    }
  set_sites (self, sites);
  run_choice (self, data->choice);
}

/* The sites are read first: one may have been added in the preferences a moment ago. */
static void
ask_choice (FeuilletWindow *self,
            PublishChoice   choice)
{
  ChoiceData *data = g_new0 (ChoiceData, 1);

  data->window = g_object_ref (self);
  data->choice = choice;
  feuillet_store_list_sites_async (self->store, self->cancellable, on_sites_for_choice_cb, data);
}

static void
publish_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ask_choice (FEUILLET_WINDOW (widget), CHOICE_DRAFT);
}

static void
publish_pending_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ask_choice (FEUILLET_WINDOW (widget), CHOICE_PENDING);
}

static void
publish_schedule_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ask_choice (FEUILLET_WINDOW (widget), CHOICE_SCHEDULE);
}

static void
publish_now_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ask_choice (FEUILLET_WINDOW (widget), CHOICE_NOW);
}

static void
cancel_publish_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FeuilletWindow *self = FEUILLET_WINDOW (widget);

  if (self->publish_cancellable != NULL)
    g_cancellable_cancel (self->publish_cancellable);
}

static void
on_site_change_state_cb (GSimpleAction  *action,
                         GVariant       *state,
                         FeuilletWindow *self)
{
  g_simple_action_set_state (action, state);
  g_set_str (&self->publish_site, g_variant_get_string (state, NULL));
}

/* -- the outbox, sent in the background -- */

static void
on_outbox_flushed_cb (FeuilletWindow       *self,
                      guint                 sent,
                      guint                 kept,
                      GPtrArray            *results,
                      FeuilletOutboxSender *sender)
{
  g_autofree char *message = NULL;
  const GError *reason = NULL;

  for (guint i = 0; i < results->len; i++)
    {
      const FeuilletFlushResult *row = results->pdata[i];

      if (row->pushed != NULL)
        adopt_remote (self, row->pushed);
      else if (reason == NULL)
        reason = row->error;
    }
  feuillet_window_update_publish (self);

  if (kept == 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article waiting in the outbox was sent",
                                            "%u articles waiting in the outbox were sent", sent), sent);
  else if (sent == 0)
    /* Translators: %u is a number of articles, %s why they could not be sent. */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article stays in the outbox: %s",
                                            "%u articles stay in the outbox: %s", kept), kept, reason->message);
  else
    /* Translators: the first %u is how many articles went out, the second how many wait; %s why. */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sent from the outbox; %u stays there: %s",
                                            "%u sent from the outbox; %u stay there: %s", kept),
                               sent, kept, reason->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_outbox_failed_cb (FeuilletWindow       *self,
                     const GError         *error,
                     FeuilletOutboxSender *sender)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* The application's sender (feuillet-outbox-sender.h): the window says what it sent. */
void
feuillet_window_set_outbox_sender (FeuilletWindow       *self,
                                   FeuilletOutboxSender *sender)
{
  if (self->outbox_sender != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox_sender, self);
  if (!g_set_object (&self->outbox_sender, sender) || sender == NULL)
    return;
  g_signal_connect_object (sender, "flushed", G_CALLBACK (on_outbox_flushed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sender, "failed", G_CALLBACK (on_outbox_failed_cb), self, G_CONNECT_SWAPPED);
}

void
feuillet_window_class_add_publish_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.publish-draft", NULL, publish_draft_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.publish-draft", NULL);
  gtk_widget_class_install_action (widget_class, "win.publish-pending", NULL, publish_pending_action);
  gtk_widget_class_install_action (widget_class, "win.publish-schedule", NULL, publish_schedule_action);
  gtk_widget_class_install_action (widget_class, "win.publish-now", NULL, publish_now_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.publish-now", NULL);
  gtk_widget_class_install_action (widget_class, "win.cancel-publish", NULL, cancel_publish_action);
}

void
feuillet_window_init_publish (FeuilletWindow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* The text views take Return and Ctrl+Shift+letters for themselves: the shortcuts are seen
   * before them (the class's bindings stay, for the menu to show them). */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.publish-draft")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.publish-now")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* The site, a radio choice in the menu: a stateful action, which widget actions are not. */
  self->site_action = g_simple_action_new_stateful ("site", G_VARIANT_TYPE_STRING, g_variant_new_string (""));
  g_signal_connect_object (self->site_action, "change-state", G_CALLBACK (on_site_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->site_action));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "publish", G_ACTION_GROUP (group));

  feuillet_window_update_publish (self);
}

void
feuillet_window_dispose_publish (FeuilletWindow *self)
{
  if (self->publish_cancellable != NULL)
    g_cancellable_cancel (self->publish_cancellable);
  g_clear_object (&self->publish_cancellable);
  g_clear_object (&self->site_action);
  feuillet_window_set_outbox_sender (self, NULL);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_pointer (&self->publish_site, g_free);
}
