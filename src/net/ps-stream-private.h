/* ps-stream-private.h: PsStream's internals shared between its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "ps-stream.h"

G_BEGIN_DECLS

typedef struct
{
  char                    *venue;
  char                    *display_name;
  char                    *symbol;

  PsStreamState            state;
  char                    *message;
  guint                    n_events;
  guint                    n_bad_frames;
  guint                    n_connections;

  SoupSession             *session;
  GCancellable            *cancellable;      /* polls; NULL when stopped */
  GCancellable            *connect_cancellable;
  gboolean                 connect_timed_out;
  SoupWebsocketConnection *connection;
  GPtrArray               *closing;          /* connections we closed, until "closed" */
  GError                  *drop_error;       /* what libsoup said before "closed" */

  guint                    connect_timeout_id;
  guint                    reconnect_id;
  guint                    batch_id;
  guint                    watchdog_id;
  guint                    heartbeat_id;     /* the class's text heartbeat */
  guint                    poll_id;
  gboolean                 poll_failed;      /* "message" tells the last poll's failure */
  guint                    n_failures;       /* failures in a row: no event, not a minute up */
  gint64                   last_rx_us;       /* monotonic: last frame or pong */
  gint64                   connected_us;     /* monotonic: when the connection opened */

  /* The batch and its span */
  PsLiquidations          *pending;
  gboolean                 span_open;
  gint64                   span_from_ms;     /* end of the last batch, venue UTC ms */
  gint64                   last_span_to_ms;
  /* The venue's clock minus ours, as its events show it; 0 until it is more
   * than PS_STREAM_CLOCK_SLACK_MS off (a replay, a clock set wrong). */
  gint64                   clock_offset_ms;
  gboolean                 seen_event;       /* in this connection */

  guint                    batch_ms;
  guint                    ping_s;
  guint                    silence_ms;
  guint                    backoff_ms;
  guint                    max_backoff_ms;
  guint                    oi_interval_ms;
} PsStreamPrivate;

PsStreamPrivate *_ps_stream_get_private     (PsStream      *self);
/* "n-events" and "n-bad-frames" changed. */
void             _ps_stream_notify_counts   (PsStream      *self);
void             _ps_stream_set_message     (PsStream      *self,
                                             const char    *message);
void             _ps_stream_set_state       (PsStream      *self,
                                             PsStreamState  state,
                                             const char    *message);
/* Local UTC ms. */
gint64           _ps_stream_now_ms          (void);
/* The venue's UTC ms, as far as its events tell: the clock of the spans. */
gint64           _ps_stream_venue_now_ms    (PsStream      *self);
/* Events of rows arrived now: follows the venue's clock when it is far from ours. */
void             _ps_stream_follow_clock    (PsStream      *self,
                                             const PsLiquidations *rows);
/* Hands out the pending batch and extends the span; end: the span ends. */
void             _ps_stream_flush           (PsStream      *self,
                                             gboolean       end);
gboolean         _ps_stream_batch_cb        (gpointer       user_data);

/* ps-stream-connection.c */
void             _ps_stream_connect         (PsStream      *self);
/* Lets go of the connection (closing it with code when still open). */
void             _ps_stream_drop_connection (PsStream      *self,
                                             gushort        code);

G_END_DECLS
