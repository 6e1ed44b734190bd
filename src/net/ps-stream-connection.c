/* ps-stream-connection.c: PsStream's WebSocket: connect, keepalive, drop, reconnect
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

#define PS_STREAM_CONNECT_TIMEOUT_S 20
/* A connection that lived this long was a good one, events or not (a quiet
 * market): the next reconnect starts from the first backoff again. */
#define PS_STREAM_STABLE_US         (60 * G_USEC_PER_SEC)

static void
ps_stream_closing_done_cb (SoupWebsocketConnection *connection,
                           PsStream                *self)
{
  PsStreamPrivate *priv = _ps_stream_get_private (self);

  g_signal_handlers_disconnect_by_data (connection, self);
  g_ptr_array_remove (priv->closing, connection);
}

static gboolean
ps_stream_unref_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* Lets go of the connection: closed politely when it is still open (libsoup
 * gives up on a silent peer by itself), kept until then. */
void
_ps_stream_drop_connection (PsStream *self,
                            gushort   code)
{
  PsStreamPrivate *priv = _ps_stream_get_private (self);
  g_autoptr(SoupWebsocketConnection) connection = g_steal_pointer (&priv->connection);

  g_clear_handle_id (&priv->batch_id, g_source_remove);
  g_clear_handle_id (&priv->watchdog_id, g_source_remove);
  g_clear_handle_id (&priv->heartbeat_id, g_source_remove);
  g_clear_error (&priv->drop_error);
  if (connection == NULL)
    return;

  g_signal_handlers_disconnect_by_data (connection, self);
  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
    {
      g_ptr_array_add (priv->closing, g_object_ref (connection));
      g_signal_connect (connection, "closed", G_CALLBACK (ps_stream_closing_done_cb), self);
      soup_websocket_connection_close (connection, code, NULL);
    }
  else
    {
      /* We may be inside its "closed": let go once that is over. */
      g_idle_add_full (G_PRIORITY_DEFAULT, ps_stream_unref_cb, g_steal_pointer (&connection), NULL);
    }
}

static gboolean
ps_stream_reconnect_cb (gpointer user_data)
{
  PsStream *self = user_data;
  PsStreamPrivate *priv = _ps_stream_get_private (self);

  priv->reconnect_id = 0;
  _ps_stream_connect (self);
  return G_SOURCE_REMOVE;
}

/* The connection ended or never came: the span ends, a reconnect is due. */
static void
ps_stream_lost (PsStream   *self,
                const char *reason)
{
  PsStreamPrivate *priv = _ps_stream_get_private (self);
  g_autofree char *message = NULL;
  double delay = priv->backoff_ms;
  guint delay_ms;

  if (priv->connection != NULL &&
      g_get_monotonic_time () - priv->connected_us >= PS_STREAM_STABLE_US)
    priv->n_failures = 0;
  _ps_stream_flush (self, TRUE);
  /* A handler of that last batch may have stopped us. */
  if (priv->cancellable == NULL)
    return;
  _ps_stream_drop_connection (self, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);

  for (guint i = 0; i < priv->n_failures && delay < priv->max_backoff_ms; i++)
    delay *= 2;
  delay_ms = (guint) (MIN (delay, priv->max_backoff_ms) * g_random_double_range (0.5, 1.5));
  priv->n_failures++;

  message = g_strdup_printf (_("%s; reconnecting in %.1f s"), reason, delay_ms / 1000.0);
  g_debug ("%s %s: %s", priv->display_name, priv->symbol, message);
  _ps_stream_set_state (self, PS_STREAM_WAITING, message);
  priv->reconnect_id = g_timeout_add (delay_ms, ps_stream_reconnect_cb, self);
}

static void
ps_stream_message_cb (SoupWebsocketConnection *connection,
                      gint                     type,
                      GBytes                  *message,
                      PsStream                *self)
{
  PsStreamPrivate *priv = _ps_stream_get_private (self);
  g_autoptr(PsLiquidations) rows = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (message, &length);

  priv->last_rx_us = g_get_monotonic_time ();

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    g_set_error_literal (&error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                         _("a binary message where text was expected"));
  else
    rows = PS_STREAM_GET_CLASS (self)->parse_frame (self, data, length, &error);

  if (rows == NULL && PS_STREAM_GET_CLASS (self)->venue_error_ends_connection &&
      g_error_matches (error, PS_NET_ERROR, PS_NET_ERROR_VENUE))
    {
      g_autofree char *reason = g_strdup_printf (_("%s refused: %s"), priv->display_name,
                                                 error->message);

      ps_stream_lost (self, reason);
      return;
    }

  if (rows == NULL)
    {
      g_autofree char *text = NULL;

      priv->n_bad_frames++;
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u unreadable message from %s (the last: %s)",
                                           "%u unreadable messages from %s (the last: %s)",
                                           priv->n_bad_frames),
                              priv->n_bad_frames, priv->display_name, error->message);
      _ps_stream_set_message (self, text);
      _ps_stream_notify_counts (self);
      return;
    }

  _ps_stream_follow_clock (self, rows);
  for (guint i = 0; i < rows->n; i++)
    ps_liquidations_append (priv->pending, rows->t_ms[i], rows->side[i], rows->source[i],
                            rows->price[i], rows->avg_price[i], rows->qty[i], rows->usd[i]);
  if (rows->n > 0)
    {
      priv->n_events += rows->n;
      priv->n_failures = 0;
      _ps_stream_notify_counts (self);
    }
}

static void
ps_stream_pong_cb (SoupWebsocketConnection *connection,
                   GBytes                  *message,
                   PsStream                *self)
{
  PsStreamPrivate *priv = _ps_stream_get_private (self);

  priv->last_rx_us = g_get_monotonic_time ();
}

static void
ps_stream_error_cb (SoupWebsocketConnection *connection,
                    GError                  *error,
                    PsStream                *self)
{
  PsStreamPrivate *priv = _ps_stream_get_private (self);

  /* "closed" follows: it says why with this. */
  if (priv->drop_error == NULL)
    priv->drop_error = g_error_copy (error);
}

static void
ps_stream_closed_cb (SoupWebsocketConnection *connection,
                     PsStream                *self)
{
  PsStreamPrivate *priv = _ps_stream_get_private (self);
  gushort code = soup_websocket_connection_get_close_code (connection);
  const char *data = soup_websocket_connection_get_close_data (connection);
  g_autofree char *reason = NULL;

  /* libsoup words a bad frame as a bad "response", and gives the close code. */
  if (g_error_matches (priv->drop_error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR))
    reason = g_strdup_printf (_("%s sent an invalid WebSocket frame"), priv->display_name);
  else if (g_error_matches (priv->drop_error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_BAD_DATA))
    reason = g_strdup_printf (_("%s sent a text message that is not valid UTF-8"),
                              priv->display_name);
  else if (g_error_matches (priv->drop_error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_TOO_BIG))
    reason = g_strdup_printf (_("%s sent a message too large to read"), priv->display_name);
  else if (priv->drop_error != NULL)
    reason = g_strdup_printf (_("The connection to %s failed: %s"),
                              priv->display_name, priv->drop_error->message);
  else if (code == 0 || code == SOUP_WEBSOCKET_CLOSE_ABNORMAL)
    reason = g_strdup_printf (_("The connection to %s was cut"), priv->display_name);
  else if (data != NULL && *data != '\0')
    reason = g_strdup_printf (_("%s closed the connection (code %u: %s)"),
                              priv->display_name, code, data);
  else
    reason = g_strdup_printf (_("%s closed the connection (code %u)"), priv->display_name, code);
  ps_stream_lost (self, reason);
}

/* Binance's pings come every 3 minutes, events only when something is
 * liquidated: our pings and their pongs are what proves the peer alive. */
static gboolean
ps_stream_watchdog_cb (gpointer user_data)
{
  PsStream *self = user_data;
  PsStreamPrivate *priv = _ps_stream_get_private (self);
  gint64 silent_ms = (g_get_monotonic_time () - priv->last_rx_us) / 1000;
  g_autofree char *reason = NULL;

  /* libsoup pings on a whole-second timer, whose first tick may come up to
   * a second late: a silence shorter than two pings and a second would take
   * a quiet, healthy peer for a dead one. */
  if (silent_ms < MAX (priv->silence_ms, priv->ping_s * 2000 + 1000))
    return G_SOURCE_CONTINUE;

  priv->watchdog_id = 0;
  reason = g_strdup_printf (_("%s sent nothing for %.0f s, not even a pong"),
                            priv->display_name, silent_ms / 1000.0);
  ps_stream_lost (self, reason);
  return G_SOURCE_REMOVE;
}

/* The venue's own keepalive, on our schedule: it answers with a frame,
 * which the watchdog counts as life. */
static gboolean
ps_stream_heartbeat_cb (gpointer user_data)
{
  PsStream *self = user_data;
  PsStreamPrivate *priv = _ps_stream_get_private (self);

  if (priv->connection != NULL &&
      soup_websocket_connection_get_state (priv->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (priv->connection,
                                         PS_STREAM_GET_CLASS (self)->heartbeat);
  return G_SOURCE_CONTINUE;
}

/* What the class sends once connected: its subscription, its heartbeat. */
static void
ps_stream_start_talking (PsStream *self)
{
  PsStreamPrivate *priv = _ps_stream_get_private (self);
  PsStreamClass *klass = PS_STREAM_GET_CLASS (self);
  g_auto(GStrv) subscribe = NULL;

  /* A handler of "state" may have stopped us. */
  if (priv->connection == NULL)
    return;

  if (klass->heartbeat != NULL)
    {
      soup_websocket_connection_set_keepalive_interval (priv->connection, 0);
      if (priv->ping_s > 0)
        priv->heartbeat_id = g_timeout_add (priv->ping_s * 1000, ps_stream_heartbeat_cb, self);
    }
  else
    {
      soup_websocket_connection_set_keepalive_interval (priv->connection, priv->ping_s);
    }

  if (klass->dup_subscribe != NULL && (subscribe = klass->dup_subscribe (self)) != NULL)
    for (guint i = 0; subscribe[i] != NULL; i++)
      soup_websocket_connection_send_text (priv->connection, subscribe[i]);
}

/* One connection attempt: its cancellable tells whether it is still ours. */
typedef struct
{
  PsStream     *self;
  GCancellable *cancellable;
} PsStreamAttempt;

static void
ps_stream_connect_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  PsStreamAttempt *attempt = user_data;
  g_autoptr(PsStream) self = attempt->self;
  g_autoptr(GCancellable) cancellable = attempt->cancellable;
  PsStreamPrivate *priv = _ps_stream_get_private (self);
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  g_free (attempt);
  connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  /* Stopped (and maybe started again) meanwhile: not ours any more. */
  if (cancellable != priv->connect_cancellable)
    return;
  g_clear_handle_id (&priv->connect_timeout_id, g_source_remove);
  g_clear_object (&priv->connect_cancellable);

  if (connection == NULL)
    {
      if (priv->connect_timed_out)
        reason = g_strdup_printf (_("%s did not complete the connection within %u s"),
                                  priv->display_name, PS_STREAM_CONNECT_TIMEOUT_S);
      else
        reason = g_strdup_printf (_("Could not connect to %s: %s"),
                                  priv->display_name, error->message);
      ps_stream_lost (self, reason);
      return;
    }

  priv->connection = g_steal_pointer (&connection);
  priv->n_connections++;
  priv->connected_us = priv->last_rx_us = g_get_monotonic_time ();
  g_signal_connect (priv->connection, "message", G_CALLBACK (ps_stream_message_cb), self);
  g_signal_connect (priv->connection, "pong", G_CALLBACK (ps_stream_pong_cb), self);
  g_signal_connect (priv->connection, "error", G_CALLBACK (ps_stream_error_cb), self);
  g_signal_connect (priv->connection, "closed", G_CALLBACK (ps_stream_closed_cb), self);

  /* The new span starts now, never before the end of the last one. */
  priv->span_open = TRUE;
  priv->seen_event = FALSE;
  priv->span_from_ms = MAX (_ps_stream_venue_now_ms (self), priv->last_span_to_ms);
  priv->batch_id = g_timeout_add (priv->batch_ms, _ps_stream_batch_cb, self);
  priv->watchdog_id = g_timeout_add (MAX (MIN (priv->silence_ms / 4, 1000), 10),
                                     ps_stream_watchdog_cb, self);
  _ps_stream_set_state (self, PS_STREAM_CONNECTED, NULL);
  ps_stream_start_talking (self);
}

static gboolean
ps_stream_connect_timeout_cb (gpointer user_data)
{
  PsStream *self = user_data;
  PsStreamPrivate *priv = _ps_stream_get_private (self);

  priv->connect_timeout_id = 0;
  priv->connect_timed_out = TRUE;
  g_cancellable_cancel (priv->connect_cancellable);
  return G_SOURCE_REMOVE;
}

void
_ps_stream_connect (PsStream *self)
{
  PsStreamPrivate *priv = _ps_stream_get_private (self);
  g_autofree char *url = PS_STREAM_GET_CLASS (self)->dup_url (self);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *reason = NULL;
  PsStreamAttempt *attempt;

  _ps_stream_set_state (self, PS_STREAM_CONNECTING, NULL);

  message = url != NULL ? soup_message_new (SOUP_METHOD_GET, url) : NULL;
  if (message == NULL)
    {
      reason = g_strdup_printf (_("The stream address of %s is not valid: “%s”"),
                                priv->display_name, url ? url : "");
      ps_stream_lost (self, reason);
      return;
    }

  attempt = g_new0 (PsStreamAttempt, 1);
  attempt->self = g_object_ref (self);
  attempt->cancellable = g_cancellable_new ();
  g_set_object (&priv->connect_cancellable, attempt->cancellable);
  priv->connect_timed_out = FALSE;
  priv->connect_timeout_id = g_timeout_add_seconds (PS_STREAM_CONNECT_TIMEOUT_S,
                                                    ps_stream_connect_timeout_cb, self);
  soup_session_websocket_connect_async (priv->session, message, NULL, NULL, G_PRIORITY_DEFAULT,
                                        attempt->cancellable, ps_stream_connect_cb, attempt);
}
