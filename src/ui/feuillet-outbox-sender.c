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
  PROP_0,
  PROP_STORE,
  PROP_NETWORK_MONITOR,
  PROP_FLUSHING,
  N_PROPS
};

enum {
  FLUSHED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (FeuilletOutboxSender, feuillet_outbox_sender, G_TYPE_OBJECT)

static void
set_flushing (FeuilletOutboxSender *self,
              gboolean              flushing)
{
  if (self->flushing == flushing)
    return;
  self->flushing = flushing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLUSHING]);
}

static void
on_flushed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FeuilletOutboxSender) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint sent = 0;

  results = feuillet_publisher_flush_finish (result, &error);
  set_flushing (self, FALSE);
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
  set_flushing (self, TRUE);
  feuillet_publisher_flush_async (self->store, NULL, self->cancellable, on_flushed_cb, g_object_ref (self));
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

static gboolean
on_start_idle_cb (gpointer user_data)
{
  FeuilletOutboxSender *self = user_data;

  self->start_idle = 0;
  /* The system's monitor, unless the creator gave one (a test cannot unplug the machine):
   * asked for here, not before the first frame, as it may ask NetworkManager or the portal
   * over D-Bus and wait for the answer. */
  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_handler = g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self);
  feuillet_outbox_sender_flush (self);
  return G_SOURCE_REMOVE;
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

  if (self->start_idle != 0 || self->network_handler != 0)
    return;
  self->start_idle = g_idle_add_full (G_PRIORITY_LOW, on_start_idle_cb, self, NULL);
}

/**
 * feuillet_outbox_sender_get_flushing:
 *
 * Returns: whether a run is on its way
 */
gboolean
feuillet_outbox_sender_get_flushing (FeuilletOutboxSender *self)
{
  g_return_val_if_fail (FEUILLET_IS_OUTBOX_SENDER (self), FALSE);

  return self->flushing;
}

static void
feuillet_outbox_sender_constructed (GObject *object)
{
  FeuilletOutboxSender *self = FEUILLET_OUTBOX_SENDER (object);

  G_OBJECT_CLASS (feuillet_outbox_sender_parent_class)->constructed (object);

  g_assert (FEUILLET_IS_STORE (self->store));
}

static void
feuillet_outbox_sender_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FeuilletOutboxSender *self = FEUILLET_OUTBOX_SENDER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    case PROP_FLUSHING:
      g_value_set_boolean (value, self->flushing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_outbox_sender_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  FeuilletOutboxSender *self = FEUILLET_OUTBOX_SENDER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

  object_class->constructed = feuillet_outbox_sender_constructed;
  object_class->get_property = feuillet_outbox_sender_get_property;
  object_class->set_property = feuillet_outbox_sender_set_property;
  object_class->dispose = feuillet_outbox_sender_dispose;
  object_class->finalize = feuillet_outbox_sender_finalize;

  /**
   * FeuilletOutboxSender:store:
   *
   * The library whose outbox is sent.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FEUILLET_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FeuilletOutboxSender:network-monitor:
   *
   * Says when the network comes back; the system's (g_network_monitor_get_default()) when
   * none is given.
   */
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FeuilletOutboxSender:flushing:
   *
   * Whether a run is on its way.
   */
  properties[PROP_FLUSHING] =
    g_param_spec_boolean ("flushing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

/**
 * feuillet_outbox_sender_new:
 *
 * Returns: (transfer full): a sender for @store's outbox, told by the system's network
 * monitor when the network comes back
 */
FeuilletOutboxSender *
feuillet_outbox_sender_new (FeuilletStore *store)
{
  g_return_val_if_fail (FEUILLET_IS_STORE (store), NULL);

  return g_object_new (FEUILLET_TYPE_OUTBOX_SENDER, "store", store, NULL);
}

/**
 * feuillet_outbox_sender_new_with_monitor:
 * @monitor: says when the network comes back
 *
 * Returns: (transfer full): a sender for @store's outbox that listens to @monitor
 */
FeuilletOutboxSender *
feuillet_outbox_sender_new_with_monitor (FeuilletStore   *store,
                                         GNetworkMonitor *monitor)
{
  g_return_val_if_fail (FEUILLET_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_NETWORK_MONITOR (monitor), NULL);

  return g_object_new (FEUILLET_TYPE_OUTBOX_SENDER, "store", store, "network-monitor", monitor, NULL);
}
