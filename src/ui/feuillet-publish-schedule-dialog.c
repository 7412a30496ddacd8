/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-publish-schedule-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-publish-schedule-dialog.h"

struct _FeuilletPublishScheduleDialog
{
  AdwDialog parent_instance;

  /* template widgets */
  GtkLabel *summary_label;
  GtkCalendar *calendar;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
  GtkLabel *problem_label;
  GtkButton *schedule_button;
};

enum {
  SCHEDULED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (FeuilletPublishScheduleDialog, feuillet_publish_schedule_dialog, ADW_TYPE_DIALOG)

/* What the calendar and the spin buttons say, in local time. */
static GDateTime *
chosen_date (FeuilletPublishScheduleDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  return g_date_time_new (local, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin), 0);
}

/* WordPress schedules only what lies ahead (a date in the past publishes at once). */
static void
update_validity (FeuilletPublishScheduleDialog *self)
{
  g_autoptr(GDateTime) date = chosen_date (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean future = date != NULL && g_date_time_compare (date, now) > 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_button), future);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), !future);
}

/* Two digits, as a clock shows them. */
static gboolean
on_spin_output_cb (GtkSpinButton *spin,
                   gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
on_schedule_clicked_cb (FeuilletPublishScheduleDialog *self)
{
  g_autoptr(GDateTime) date = chosen_date (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* The minute may have passed while the dialog was open. */
  if (date == NULL || g_date_time_compare (date, now) <= 0)
    {
      update_validity (self);
      return;
    }

  g_signal_emit (self, signals[SCHEDULED], 0, date);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
feuillet_publish_schedule_dialog_class_init (FeuilletPublishScheduleDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * FeuilletPublishScheduleDialog::scheduled:
   * @date: when the article is to go public
   */
  signals[SCHEDULED] = g_signal_new ("scheduled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DATE_TIME);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/feuillet-publish-schedule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FeuilletPublishScheduleDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FeuilletPublishScheduleDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, FeuilletPublishScheduleDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, FeuilletPublishScheduleDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, FeuilletPublishScheduleDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, FeuilletPublishScheduleDialog, schedule_button);
  gtk_widget_class_bind_template_callback (widget_class, update_validity);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, adw_dialog_close);
}

static void
feuillet_publish_schedule_dialog_init (FeuilletPublishScheduleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FeuilletPublishScheduleDialog *
feuillet_publish_schedule_dialog_new (const char *title,
                                      const char *site,
                                      GDateTime  *initial)
{
  FeuilletPublishScheduleDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);

  self = g_object_new (FEUILLET_TYPE_PUBLISH_SCHEDULE_DIALOG, NULL);

  /* Translators: the first %s is an article's title, the second a site's name. */
  summary = g_strdup_printf (_("“%s” will be sent to %s now, and go public at this time (local time)."), title, site);
  gtk_label_set_label (self->summary_label, summary);

  /* The article's own schedule when it lies ahead; else tomorrow at eight, a morning edition. */
  if (initial != NULL && g_date_time_compare (initial, now) > 0)
    start = g_date_time_to_local (initial);
  else
    {
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

      start = g_date_time_new_local (g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                                     g_date_time_get_day_of_month (tomorrow), 8, 0, 0);
    }
  gtk_calendar_select_day (self->calendar, start);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (start));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (start));
  update_validity (self);

  return self;
}
