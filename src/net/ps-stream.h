/* ps-stream.h: one venue's live feed of one symbol: liquidations, OI snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ps-series.h"

G_BEGIN_DECLS

/* Where the connection is. Each change notifies "state" (and "message"). */
typedef enum
{
  PS_STREAM_STOPPED,      /* not started, or stopped */
  PS_STREAM_CONNECTING,   /* the WebSocket handshake is under way */
  PS_STREAM_CONNECTED,    /* events flow (or the market is quiet) */
  PS_STREAM_WAITING,      /* dropped or refused: reconnecting after a backoff;
                           * "message" says why and when */
} PsStreamState;

#define PS_TYPE_STREAM_STATE (ps_stream_state_get_type ())
GType ps_stream_state_get_type (void) G_GNUC_CONST;

#define PS_TYPE_STREAM (ps_stream_get_type ())
G_DECLARE_DERIVABLE_TYPE (PsStream, ps_stream, PS, STREAM, GObject)

/* A base class rather than an interface: the connection, keepalive, reconnect,
 * batching and span bookkeeping are the same for every venue (and must behave
 * the same); a venue only says where to connect, how to read a frame and how
 * to poll open interest. */
struct _PsStreamClass
{
  GObjectClass parent_class;

  /* The WebSocket address of the next connection (ws:// or wss://). */
  char           *(*dup_url)                   (PsStream             *self);
  /* One text frame → its events (0 rows: nothing for us, e.g. another
   * symbol), or NULL and an error in words for a frame that is no event. */
  PsLiquidations *(*parse_frame)               (PsStream             *self,
                                                const char           *data,
                                                gsize                 length,
                                                GError              **error);
  /* One open-interest snapshot (one row, usd filled). NULL: the venue has none. */
  void            (*poll_open_interest_async)  (PsStream             *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  PsOpenInterest *(*poll_open_interest_finish) (PsStream             *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  /* The text frames to send, in order, as soon as a connection opens (the
   * venue's subscribe request). NULL (the method or its answer): none, the
   * URL says what to stream (Binance, BitMEX). */
  char          **(*dup_subscribe)             (PsStream             *self);

  /* Sent every ping interval instead of WebSocket ping frames: the venues
   * that close a connection whose client stays silent count only their own
   * text heartbeat (Bybit's {"op":"ping"}, OKX's and BitMEX's "ping"). Their
   * answer is a text frame like any other: parse_frame gives it no rows, and
   * it proves the peer alive. NULL: WebSocket pings (Binance). */
  const char      *heartbeat;
  /* parse_frame's PS_NET_ERROR_VENUE (the venue refused the subscription or
   * the request) ends the connection and reconnects after a backoff, saying
   * why: a connection that will carry no events must not be recorded as a
   * quiet market. FALSE: counted as an unreadable frame (Binance). */
  gboolean         venue_error_ends_connection;

  /*< private >*/
  gpointer padding[5];
};

/* Connects, and reconnects after every drop until ps_stream_stop ().
 *
 * Signals:
 *   liquidations (PsLiquidations *batch, gint64 span_from_ms, gint64 span_to_ms)
 *     About once a batch interval (1 s) while connected, and once more when a
 *     connection ends (drop or stop): the events received since the last batch
 *     (sorted by time; maybe none), and the span [from, to] (UTC ms on the
 *     venue's clock: ours, unless its events are more than a minute off, as a
 *     replay's are) during which the connection was up and every event received is
 *     in this batch or an earlier one. The spans of one connection follow each
 *     other without a gap (from = the previous to); a drop ends a span, and
 *     the next connection starts a new one later: what lies between was not
 *     recorded. A recorder stores the batch and extends its recorded span in
 *     one transaction. Events carry the venue's times (the trade's), which may
 *     precede the span by the venue's latency.
 *   open-interest (PsOpenInterest *row)
 *     A snapshot of the venue's current open interest (one row; contracts and
 *     usd), every open-interest interval (5 min) while started, whether the
 *     WebSocket is up or not.
 * A frame that is no event (not JSON, a broken event) is counted in
 * "n-bad-frames", said in "message", and the connection goes on. */
void            ps_stream_start                      (PsStream   *self);
/* Emits the pending batch and the end of the span, closes the connection. */
void            ps_stream_stop                       (PsStream   *self);

/* "binance": the key in recordings. */
const char     *ps_stream_get_venue                  (PsStream   *self);
/* "Binance": what the user reads. */
const char     *ps_stream_get_display_name           (PsStream   *self);
/* "BTCUSDT" */
const char     *ps_stream_get_symbol                 (PsStream   *self);
PsStreamState   ps_stream_get_state                  (PsStream   *self);
/* In words: why it waits and for how long, or the last frame or poll that
 * failed; NULL when all is well. */
const char     *ps_stream_get_message                (PsStream   *self);
/* Events received, frames that were no event, connections made (since creation). */
guint           ps_stream_get_n_events               (PsStream   *self);
guint           ps_stream_get_n_bad_frames           (PsStream   *self);
guint           ps_stream_get_n_connections          (PsStream   *self);

/* Tuning (tests use short ones). Batches every interval_ms (default 1000). */
void            ps_stream_set_batch_interval         (PsStream   *self,
                                                      guint       interval_ms);
/* A ping every ping_interval_s (default 30; libsoup sends it and answers the
 * venue's pings itself; or the class's text heartbeat, 0: none); no frame nor pong for silence_ms (default 75,000;
 * at least two pings and a second) counts as a dead connection. */
void            ps_stream_set_keepalive              (PsStream   *self,
                                                      guint       ping_interval_s,
                                                      guint       silence_ms);
/* Reconnect waits: first_ms doubling to max_ms, each × a random 0.5–1.5
 * (defaults 1 s and 60 s); back to first_ms once a connection delivered an
 * event or stayed up a minute. */
void            ps_stream_set_backoff                (PsStream   *self,
                                                      guint       first_ms,
                                                      guint       max_ms);
/* Open-interest snapshots every interval_ms (default 5 min; 0: none). */
void            ps_stream_set_open_interest_interval (PsStream   *self,
                                                      guint       interval_ms);

G_END_DECLS
