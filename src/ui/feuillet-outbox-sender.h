/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "feuillet-store.h"

G_BEGIN_DECLS

/*
 * Sends what waits in the outbox (feuillet-publisher.h): once after start, when the window
 * has drawn, and whenever the network comes back, a few seconds later (it often flaps on the
 * way). Never two at once. Emits "flushed" after each run that had something to send.
 * It listens to the system's GNetworkMonitor, or to the one it was given ("network-monitor").
 */
#define FEUILLET_TYPE_OUTBOX_SENDER (feuillet_outbox_sender_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletOutboxSender, feuillet_outbox_sender, FEUILLET, OUTBOX_SENDER, GObject)

FeuilletOutboxSender *feuillet_outbox_sender_new              (FeuilletStore        *store);
FeuilletOutboxSender *feuillet_outbox_sender_new_with_monitor (FeuilletStore        *store,
                                                               GNetworkMonitor      *monitor);
void                  feuillet_outbox_sender_start            (FeuilletOutboxSender *self);
void                  feuillet_outbox_sender_flush            (FeuilletOutboxSender *self);
gboolean              feuillet_outbox_sender_get_flushing     (FeuilletOutboxSender *self);

G_END_DECLS
