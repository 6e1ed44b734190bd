/* ps-stream.c: one venue's live feed of one symbol: liquidations, OI snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ps-net-error.h"
#include "ps-stream.h"
#include "ps-stream-private.h"

#define PS_STREAM_DEFAULT_BATCH_MS        1000
#define PS_STREAM_DEFAULT_PING_S          30
#define PS_STREAM_DEFAULT_SILENCE_MS      75000
#define PS_STREAM_DEFAULT_BACKOFF_MS      1000
#define PS_STREAM_DEFAULT_MAX_BACKOFF_MS  60000
#define PS_STREAM_DEFAULT_OI_INTERVAL_MS  (5 * 60 * 1000)
/* Binance may send an event a second after its trade, and clocks drift by
 * seconds: within a minute the venue's clock is ours. */
#define PS_STREAM_CLOCK_SLACK_MS          (60 * 1000)


enum
{
  PROP_0,
  PROP_VENUE,
  PROP_DISPLAY_NAME,
  PROP_SYMBOL,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_N_EVENTS,
  PROP_N_BAD_FRAMES,
  N_PROPS
};

enum
{
  LIQUIDATIONS,
  OPEN_INTEREST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PsStream, ps_stream, G_TYPE_OBJECT)

PsStreamPrivate *
_ps_stream_get_private (PsStream *self)
{
  return ps_stream_get_instance_private (self);
}

void
_ps_stream_notify_counts (PsStream *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BAD_FRAMES]);
}

G_DEFINE_ENUM_TYPE (PsStreamState, ps_stream_state,
                    G_DEFINE_ENUM_VALUE (PS_STREAM_STOPPED, "stopped"),
                    G_DEFINE_ENUM_VALUE (PS_STREAM_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (PS_STREAM_CONNECTED, "connected"),
                    G_DEFINE_ENUM_VALUE (PS_STREAM_WAITING, "waiting"))


static void ps_stream_poll (PsStream *self);

gint64
_ps_stream_now_ms (void)
{
  return g_get_real_time () / 1000;
}

gint64
_ps_stream_venue_now_ms (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  return _ps_stream_now_ms () + priv->clock_offset_ms;
}

/* Spans are on the venue's clock, so that they cover the events they claim.
 * On a live venue that is ours. A replay (fake_exchange serves June 2026 at
 * 3600×) runs behind and faster: the first event of a connection sets the
 * clock, later events only move it forward (a connection that stayed up
 * received everything in between), and the span starts where the events do. */
void
_ps_stream_follow_clock (PsStream             *self,
                         const PsLiquidations *rows)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);
  gint64 now_ms = _ps_stream_now_ms ();
  gint64 offset_ms;

  if (rows->n == 0)
    return;

  offset_ms = rows->t_ms[rows->n - 1] - now_ms;
  if (ABS (offset_ms - priv->clock_offset_ms) <= PS_STREAM_CLOCK_SLACK_MS)
    goto out;

  if (priv->seen_event && offset_ms > priv->clock_offset_ms)
    {
      priv->clock_offset_ms = offset_ms;
      goto out;
    }

  /* A new clock: the span restarts at this connection's start as the venue
   * tells time. Events already pending (a clock stepping back mid-connection)
   * are handed out on the old one; before the first event there are none, and
   * the span so far, on a clock now known wrong, claims nothing. */
  if (priv->span_open && priv->seen_event)
    _ps_stream_flush (self, FALSE);
  priv->clock_offset_ms = offset_ms;
  priv->span_from_ms = now_ms + offset_ms - (g_get_monotonic_time () - priv->connected_us) / 1000;
  priv->span_from_ms = MIN (priv->span_from_ms, rows->t_ms[0]);
  priv->last_span_to_ms = priv->span_from_ms;

out:
  priv->seen_event = TRUE;
}

void
_ps_stream_set_message (PsStream   *self,
                        const char *message)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  if (g_strcmp0 (priv->message, message) == 0)
    return;
  g_free (priv->message);
  priv->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

void
_ps_stream_set_state (PsStream      *self,
                      PsStreamState  state,
                      const char    *message)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_object_freeze_notify (G_OBJECT (self));
  _ps_stream_set_message (self, message);
  if (priv->state != state)
    {
      priv->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Batches */

static gint
ps_stream_compare_index (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  const PsLiquidations *rows = user_data;
  gint64 ta = rows->t_ms[*(const guint *) a];
  gint64 tb = rows->t_ms[*(const guint *) b];

  if (ta != tb)
    return ta < tb ? -1 : 1;
  return (gint) *(const guint *) a - (gint) *(const guint *) b;
}

/* Events arrive in order from one venue, but a batch is sorted whatever comes. */
static PsLiquidations *
ps_stream_sorted (PsLiquidations *rows)
{
  g_autofree guint *order = NULL;
  PsLiquidations *sorted;
  gboolean in_order = TRUE;

  for (guint i = 1; i < rows->n && in_order; i++)
    in_order = rows->t_ms[i] >= rows->t_ms[i - 1];
  if (in_order)
    return ps_liquidations_ref (rows);

  order = g_new (guint, rows->n);
  for (guint i = 0; i < rows->n; i++)
    order[i] = i;
  g_qsort_with_data (order, rows->n, sizeof (guint), ps_stream_compare_index, rows);
  sorted = ps_liquidations_new (rows->n);
  for (guint k = 0; k < rows->n; k++)
    {
      guint i = order[k];

      ps_liquidations_append (sorted, rows->t_ms[i], rows->side[i], rows->source[i],
                              rows->price[i], rows->avg_price[i], rows->qty[i], rows->usd[i]);
    }
  return sorted;
}

/* Hands out what was received and extends the span to now. end: the
 * connection is over, the next span starts with the next connection. */
void
_ps_stream_flush (PsStream *self,
                  gboolean  end)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);
  g_autoptr(PsLiquidations) batch = NULL;
  gint64 to_ms;

  if (!priv->span_open)
    return;

  /* The local clock may step back (NTP): spans never do. A span is
   * half-open and holds its events: an event stamped in the last millisecond,
   * or by a venue clock a little ahead of ours, ends it one past itself. */
  to_ms = MAX (_ps_stream_venue_now_ms (self), priv->span_from_ms);
  batch = ps_stream_sorted (priv->pending);
  if (batch->n > 0)
    to_ms = MAX (to_ms, batch->t_ms[batch->n - 1] + 1);
  g_clear_pointer (&priv->pending, ps_liquidations_unref);
  priv->pending = ps_liquidations_new (16);

  {
    gint64 from_ms = priv->span_from_ms;

    priv->span_from_ms = to_ms;
    priv->last_span_to_ms = to_ms;
    priv->span_open = !end;
    /* A handler may stop the stream: the state above is final first. */
    g_signal_emit (self, signals[LIQUIDATIONS], 0, batch, from_ms, to_ms);
  }
}

gboolean
_ps_stream_batch_cb (gpointer user_data)
{
  _ps_stream_flush (PS_STREAM (user_data), FALSE);
  return G_SOURCE_CONTINUE;
}

/* Open interest */

static gboolean
ps_stream_poll_cb (gpointer user_data)
{
  PsStream *self = user_data;
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  priv->poll_id = 0;
  ps_stream_poll (self);
  return G_SOURCE_REMOVE;
}

static void
ps_stream_poll_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  PsStream *self = PS_STREAM (object);
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(PsOpenInterest) row = NULL;
  g_autoptr(GError) error = NULL;

  row = PS_STREAM_GET_CLASS (self)->poll_open_interest_finish (self, result, &error);
  /* Stopped (and maybe started again, with a poll of its own) meanwhile. */
  if (cancellable != priv->cancellable)
    return;

  if (row == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Open interest of %s %s: %s"),
                                               priv->display_name, priv->symbol,
                                               error->message);

      priv->poll_failed = TRUE;
      _ps_stream_set_message (self, text);
    }
  else
    {
      /* What the failure said is over; a reconnect's reason is not ours to clear. */
      if (priv->poll_failed && priv->state == PS_STREAM_CONNECTED)
        _ps_stream_set_message (self, NULL);
      priv->poll_failed = FALSE;
      g_signal_emit (self, signals[OPEN_INTEREST], 0, row);
    }

  if (priv->cancellable != NULL && priv->poll_id == 0)
    priv->poll_id = g_timeout_add (priv->oi_interval_ms, ps_stream_poll_cb, self);
}

static void
ps_stream_poll (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  /* The task holds the stream; the cancellable tells the poll's start. */
  PS_STREAM_GET_CLASS (self)->poll_open_interest_async (self, priv->cancellable,
                                                        ps_stream_poll_done_cb,
                                                        g_object_ref (priv->cancellable));
}

/* GObject */

static void
ps_stream_dispose (GObject *object)
{
  PsStream *self = PS_STREAM (object);
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  ps_stream_stop (self);
  if (priv->closing != NULL)
    {
      for (guint i = 0; i < priv->closing->len; i++)
        g_signal_handlers_disconnect_by_data (priv->closing->pdata[i], self);
      g_clear_pointer (&priv->closing, g_ptr_array_unref);
    }
  g_clear_object (&priv->session);

  G_OBJECT_CLASS (ps_stream_parent_class)->dispose (object);
}

static void
ps_stream_finalize (GObject *object)
{
  PsStream *self = PS_STREAM (object);
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_clear_pointer (&priv->pending, ps_liquidations_unref);
  g_clear_error (&priv->drop_error);
  g_free (priv->venue);
  g_free (priv->display_name);
  g_free (priv->symbol);
  g_free (priv->message);

  G_OBJECT_CLASS (ps_stream_parent_class)->finalize (object);
}

static void
ps_stream_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PsStream *self = PS_STREAM (object);
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_VENUE:
      g_value_set_string (value, priv->venue);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, priv->display_name);
      break;
    case PROP_SYMBOL:
      g_value_set_string (value, priv->symbol);
      break;
    case PROP_STATE:
      g_value_set_enum (value, priv->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, priv->message);
      break;
    case PROP_N_EVENTS:
      g_value_set_uint (value, priv->n_events);
      break;
    case PROP_N_BAD_FRAMES:
      g_value_set_uint (value, priv->n_bad_frames);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_stream_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PsStream *self = PS_STREAM (object);
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_VENUE:
      priv->venue = g_value_dup_string (value);
      break;
    case PROP_DISPLAY_NAME:
      priv->display_name = g_value_dup_string (value);
      break;
    case PROP_SYMBOL:
      priv->symbol = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_stream_class_init (PsStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ps_stream_dispose;
  object_class->finalize = ps_stream_finalize;
  object_class->get_property = ps_stream_get_property;
  object_class->set_property = ps_stream_set_property;

  properties[PROP_VENUE] = g_param_spec_string ("venue", NULL, NULL, NULL, construct);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL,
                                                       construct);
  properties[PROP_SYMBOL] = g_param_spec_string ("symbol", NULL, NULL, NULL, construct);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, PS_TYPE_STREAM_STATE,
                                              PS_STREAM_STOPPED, read_only);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, read_only);
  properties[PROP_N_EVENTS] = g_param_spec_uint ("n-events", NULL, NULL, 0, G_MAXUINT, 0,
                                                 read_only);
  properties[PROP_N_BAD_FRAMES] = g_param_spec_uint ("n-bad-frames", NULL, NULL, 0, G_MAXUINT,
                                                     0, read_only);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LIQUIDATIONS] =
    g_signal_new ("liquidations",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  PS_TYPE_LIQUIDATIONS | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_INT64, G_TYPE_INT64);

  signals[OPEN_INTEREST] =
    g_signal_new ("open-interest",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  PS_TYPE_OPEN_INTEREST | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
ps_stream_init (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  priv->session = soup_session_new_with_options ("user-agent", "Perpscope/" PACKAGE_VERSION,
                                                 NULL);
  priv->closing = g_ptr_array_new_with_free_func (g_object_unref);
  priv->pending = ps_liquidations_new (16);
  priv->batch_ms = PS_STREAM_DEFAULT_BATCH_MS;
  priv->ping_s = PS_STREAM_DEFAULT_PING_S;
  priv->silence_ms = PS_STREAM_DEFAULT_SILENCE_MS;
  priv->backoff_ms = PS_STREAM_DEFAULT_BACKOFF_MS;
  priv->max_backoff_ms = PS_STREAM_DEFAULT_MAX_BACKOFF_MS;
  priv->oi_interval_ms = PS_STREAM_DEFAULT_OI_INTERVAL_MS;
}

void
ps_stream_start (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_if_fail (PS_IS_STREAM (self));

  if (priv->cancellable != NULL)
    return;

  priv->cancellable = g_cancellable_new ();
  priv->n_failures = 0;
  _ps_stream_connect (self);
  if (PS_STREAM_GET_CLASS (self)->poll_open_interest_async != NULL && priv->oi_interval_ms > 0)
    ps_stream_poll (self);
}

void
ps_stream_stop (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_if_fail (PS_IS_STREAM (self));

  if (priv->cancellable == NULL)
    return;

  _ps_stream_flush (self, TRUE);
  _ps_stream_drop_connection (self, SOUP_WEBSOCKET_CLOSE_NORMAL);
  g_clear_handle_id (&priv->connect_timeout_id, g_source_remove);
  g_clear_handle_id (&priv->reconnect_id, g_source_remove);
  g_clear_handle_id (&priv->poll_id, g_source_remove);
  if (priv->connect_cancellable != NULL)
    g_cancellable_cancel (priv->connect_cancellable);
  g_clear_object (&priv->connect_cancellable);
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  _ps_stream_set_state (self, PS_STREAM_STOPPED, NULL);
}

const char *
ps_stream_get_venue (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_val_if_fail (PS_IS_STREAM (self), NULL);

  return priv->venue;
}

const char *
ps_stream_get_display_name (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_val_if_fail (PS_IS_STREAM (self), NULL);

  return priv->display_name;
}

const char *
ps_stream_get_symbol (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_val_if_fail (PS_IS_STREAM (self), NULL);

  return priv->symbol;
}

PsStreamState
ps_stream_get_state (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_val_if_fail (PS_IS_STREAM (self), PS_STREAM_STOPPED);

  return priv->state;
}

const char *
ps_stream_get_message (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_val_if_fail (PS_IS_STREAM (self), NULL);

  return priv->message;
}

guint
ps_stream_get_n_events (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_val_if_fail (PS_IS_STREAM (self), 0);

  return priv->n_events;
}

guint
ps_stream_get_n_bad_frames (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_val_if_fail (PS_IS_STREAM (self), 0);

  return priv->n_bad_frames;
}

guint
ps_stream_get_n_connections (PsStream *self)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_val_if_fail (PS_IS_STREAM (self), 0);

  return priv->n_connections;
}

/* Tuning applies from the next connection (batch, keepalive) or wait. */

void
ps_stream_set_batch_interval (PsStream *self,
                              guint     interval_ms)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_if_fail (PS_IS_STREAM (self));
  g_return_if_fail (interval_ms > 0);

  priv->batch_ms = interval_ms;
}

void
ps_stream_set_keepalive (PsStream *self,
                         guint     ping_interval_s,
                         guint     silence_ms)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_if_fail (PS_IS_STREAM (self));
  g_return_if_fail (silence_ms > 0);

  priv->ping_s = ping_interval_s;
  priv->silence_ms = silence_ms;
}

void
ps_stream_set_backoff (PsStream *self,
                       guint     first_ms,
                       guint     max_ms)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_if_fail (PS_IS_STREAM (self));

  priv->backoff_ms = MAX (first_ms, 1);
  priv->max_backoff_ms = MAX (max_ms, priv->backoff_ms);
}

void
ps_stream_set_open_interest_interval (PsStream *self,
                                      guint     interval_ms)
{
  PsStreamPrivate *priv = ps_stream_get_instance_private (self);

  g_return_if_fail (PS_IS_STREAM (self));

  priv->oi_interval_ms = interval_ms;
}
