/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-outbox-sender"

#include "config.h"

#include "feuillet-outbox-sender.h"
#include "feuillet-publisher.h"

/* How long the network must stay up before the outbox goes: a Wi-Fi that comes back often
 * drops again within seconds. */
#define NETWORK_SETTLE_SECONDS 3

struct _FeuilletOutboxSender
{
  GObject parent_instance;

  /* owned */
  FeuilletStore *store;
  GNetworkMonitor *monitor;
  GCancellable *cancellable;
  guint start_idle;
  guint network_timeout;
  gulong network_handler;
  /* a run is on its way; another was asked for meanwhile */
  gboolean flushing;
  gboolean again;
};

enum {
  FLUSHED,
  FAILED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (FeuilletOutboxSender, feuillet_outbox_sender, G_TYPE_OBJECT)

static void
on_flushed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FeuilletOutboxSender) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint sent = 0;

  self->flushing = FALSE;
  results = feuillet_publisher_flush_finish (result, &error);
  if (results == NULL)
    {
      /* Not read: the rows are still there for the next run. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    if (((FeuilletFlushResult *) results->pdata[i])->pushed != NULL)
      sent++;
  if (results->len > 0)
    g_signal_emit (self, signals[FLUSHED], 0, sent, results->len - sent, results);

  if (self->again)
    {
      self->again = FALSE;
      feuillet_outbox_sender_flush (self);
    }
}

/**
 * feuillet_outbox_sender_flush:
 *
 * Sends the outbox now; when a run is on its way, once more after it.
 */
void
feuillet_outbox_sender_flush (FeuilletOutboxSender *self)
{
  g_return_if_fail (FEUILLET_IS_OUTBOX_SENDER (self));

  if (self->flushing)
    {
      self->again = TRUE;
      return;
    }
  self->flushing = TRUE;
  feuillet_publisher_flush_async (self->store, NULL, self->cancellable, on_flushed_cb, g_object_ref (self));
}

static gboolean
on_start_idle_cb (gpointer user_data)
{
  FeuilletOutboxSender *self = user_data;

  self->start_idle = 0;
  feuillet_outbox_sender_flush (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_network_settled_cb (gpointer user_data)
{
  FeuilletOutboxSender *self = user_data;

  self->network_timeout = 0;
  if (g_network_monitor_get_network_available (self->monitor))
    feuillet_outbox_sender_flush (self);
  return G_SOURCE_REMOVE;
}

static void
on_network_changed_cb (GNetworkMonitor      *monitor,
                       gboolean              available,
                       FeuilletOutboxSender *self)
{
  /* Each change starts the wait again. */
  g_clear_handle_id (&self->network_timeout, g_source_remove);
  if (available)
    self->network_timeout = g_timeout_add_seconds (NETWORK_SETTLE_SECONDS, on_network_settled_cb, self);
}

/**
 * feuillet_outbox_sender_start:
 *
 * Sends the outbox once the main loop is idle (after the window's first frames), then
 * whenever the network comes back.
 */
void
feuillet_outbox_sender_start (FeuilletOutboxSender *self)
{
  g_return_if_fail (FEUILLET_IS_OUTBOX_SENDER (self));

  if (self->network_handler != 0)
    return;
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_handler = g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self);
  self->start_idle = g_idle_add_full (G_PRIORITY_LOW, on_start_idle_cb, self, NULL);
}

static void
feuillet_outbox_sender_dispose (GObject *object)
{
  FeuilletOutboxSender *self = FEUILLET_OUTBOX_SENDER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->start_idle, g_source_remove);
  g_clear_handle_id (&self->network_timeout, g_source_remove);
  g_clear_signal_handler (&self->network_handler, self->monitor);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (feuillet_outbox_sender_parent_class)->dispose (object);
}

static void
feuillet_outbox_sender_finalize (GObject *object)
{
  FeuilletOutboxSender *self = FEUILLET_OUTBOX_SENDER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (feuillet_outbox_sender_parent_class)->finalize (object);
}

static void
feuillet_outbox_sender_class_init (FeuilletOutboxSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = feuillet_outbox_sender_dispose;
  object_class->finalize = feuillet_outbox_sender_finalize;

  /**
   * FeuilletOutboxSender::flushed:
   * @sent: how many pushes went out
   * @kept: how many stay in the outbox
   * @results: (element-type FeuilletFlushResult): each row's outcome, in the order tried
   */
  signals[FLUSHED] = g_signal_new ("flushed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_PTR_ARRAY);
  /**
   * FeuilletOutboxSender::failed:
   * @error: why the outbox could not be read
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
feuillet_outbox_sender_init (FeuilletOutboxSender *self)
{
  self->cancellable = g_cancellable_new ();
}

FeuilletOutboxSender *
feuillet_outbox_sender_new (FeuilletStore *store)
{
  FeuilletOutboxSender *self;

  g_return_val_if_fail (FEUILLET_IS_STORE (store), NULL);

  self = g_object_new (FEUILLET_TYPE_OUTBOX_SENDER, NULL);
  self->store = g_object_ref (store);
  return self;
}
