/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* When a scheduled article goes public: a day and a time, local, in the future. Emits
 * "scheduled" with the date chosen. */
#define FEUILLET_TYPE_PUBLISH_SCHEDULE_DIALOG (feuillet_publish_schedule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletPublishScheduleDialog, feuillet_publish_schedule_dialog,
                      FEUILLET, PUBLISH_SCHEDULE_DIALOG, AdwDialog)

FeuilletPublishScheduleDialog *feuillet_publish_schedule_dialog_new (const char *title,
                                                                     const char *site,
                                                                     GDateTime  *initial);

G_END_DECLS
