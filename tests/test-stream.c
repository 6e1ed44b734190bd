/* test-stream.c: PsBinanceStream against a loopback WebSocket playing samples and faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "ps-binance-stream.h"
#include "ps-net-error.h"
#include "ps-venues.h"
#include "ps-test-server.h"
#include "ps-test-util.h"

/* One "liquidations" emission. */
typedef struct
{
  PsLiquidations *rows;
  gint64          from_ms;
  gint64          to_ms;
} Batch;

typedef struct
{
  PsTestServer   *server;
  PsHttp         *http;
  PsBinance      *binance;
  PsStream       *stream;

  GArray         *batches;        /* Batch */
  PsOpenInterest *open_interest;  /* the last snapshot */
  guint           n_open_interest;
  guint           n_states[4];    /* notifications per state entered */

  char           *doc_event;      /* tests/data/binance-ws-forceOrder.json */
  char           *observed_event; /* …-observed.json, in the combined-stream envelope */
  gint64          doc_t_ms;       /* their trade times, moved to the test's start */
  gint64          observed_t_ms;
  gboolean        replay;         /* events on a venue clock far from ours */
} Fixture;

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->rows, ps_liquidations_unref);
}

static void
liquidations_cb (PsStream       *stream,
                 PsLiquidations *rows,
                 gint64          from_ms,
                 gint64          to_ms,
                 Fixture        *f)
{
  Batch batch = { ps_liquidations_ref (rows), from_ms, to_ms };

  gint64 now_ms = g_get_real_time () / 1000;

  /* A live venue's clock is ours: spans end about now. */
  g_assert_cmpint (from_ms, <=, to_ms);
  if (!f->replay)
    {
      g_assert_cmpint (to_ms, <=, now_ms);
      g_assert_cmpint (to_ms, >, now_ms - 60 * 1000);
    }
  g_array_append_val (f->batches, batch);
}

static void
open_interest_cb (PsStream       *stream,
                  PsOpenInterest *row,
                  Fixture        *f)
{
  g_clear_pointer (&f->open_interest, ps_open_interest_unref);
  f->open_interest = ps_open_interest_ref (row);
  f->n_open_interest++;
}

static void
state_cb (PsStream   *stream,
          GParamSpec *pspec,
          Fixture    *f)
{
  f->n_states[ps_stream_get_state (stream)]++;
  g_test_message ("state %d: %s", ps_stream_get_state (stream),
                  ps_stream_get_message (stream) ? ps_stream_get_message (stream) : "");
}

/* A stream of BTCUSDT on the test server under ws_prefix ("" or "/mute"). */
static void
fixture_make_stream (Fixture    *f,
                     const char *ws_prefix)
{
  g_autofree char *ws_base = NULL;

  g_clear_object (&f->stream);
  g_clear_object (&f->binance);
  /* "http://…" → "ws://…" */
  ws_base = g_strconcat ("ws", ps_test_server_get_uri (f->server) + strlen ("http"), ws_prefix,
                         NULL);
  f->binance = g_object_new (PS_TYPE_BINANCE,
                             "http", f->http,
                             "rest-base", ps_test_server_get_uri (f->server),
                             "ws-base", ws_base,
                             NULL);
  f->stream = PS_STREAM (ps_binance_stream_new (f->binance, "btcusdt"));
  ps_stream_set_batch_interval (f->stream, 100);
  ps_stream_set_backoff (f->stream, 100, 400);
  ps_stream_set_open_interest_interval (f->stream, 0);
  g_signal_connect (f->stream, "liquidations", G_CALLBACK (liquidations_cb), f);
  g_signal_connect (f->stream, "open-interest", G_CALLBACK (open_interest_cb), f);
  g_signal_connect (f->stream, "notify::state", G_CALLBACK (state_cb), f);
}

/* text with its trade time "T":old replaced by t_ms (takes text). */
static char *
retime (char       *text,
        const char *old,
        gint64      t_ms)
{
  g_autofree char *key = g_strdup_printf ("\"T\": %s", old);
  g_autofree char *key_tight = g_strdup_printf ("\"T\":%s", old);
  g_autofree char *value = g_strdup_printf ("\"T\": %" G_GINT64_FORMAT, t_ms);
  g_autoptr(GString) out = g_string_new (text);

  g_assert_true (g_string_replace (out, key, value, 0) + g_string_replace (out, key_tight, value, 0)
                 == 1);
  g_free (text);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *observed = NULL;

  f->server = ps_test_server_new ();
  f->http = ps_http_new ();
  ps_http_set_backoff (f->http, 10);
  f->batches = g_array_new (FALSE, TRUE, sizeof (Batch));
  g_array_set_clear_func (f->batches, (GDestroyNotify) batch_clear);
  /* The samples' trades (2019, 2022) happen now, as on a live venue. */
  f->doc_t_ms = g_get_real_time () / 1000 - 500;
  f->observed_t_ms = f->doc_t_ms + 1;
  f->doc_event = retime (ps_test_load_data ("binance-ws-forceOrder.json", NULL),
                         "1568014460893", f->doc_t_ms);
  observed = retime (ps_test_load_data ("binance-ws-forceOrder-observed.json", NULL),
                     "1650898329196", f->observed_t_ms);
  f->observed_event = g_strdup_printf ("{\"stream\":\"btcusdt@forceOrder\",\"data\":%s}",
                                       g_strstrip (observed));
  fixture_make_stream (f, "");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ps_stream_stop (f->stream);
  g_assert_finalize_object (f->stream);
  g_assert_finalize_object (f->binance);
  /* Let closing connections finish, then the rest. */
  ps_test_server_free (f->server);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (f->http);
  g_array_unref (f->batches);
  g_clear_pointer (&f->open_interest, ps_open_interest_unref);
  g_free (f->doc_event);
  g_free (f->observed_event);
}

typedef gboolean (*Condition) (Fixture *f);

/* Runs the main loop until condition holds; fails after timeout_ms. */
static void
wait_for (Fixture    *f,
          Condition   condition,
          guint       timeout_ms,
          const char *what)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_GINT64_CONSTANT (1000);

  while (!condition (f))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for %s (state %d, message %s)", what,
                 ps_stream_get_state (f->stream), ps_stream_get_message (f->stream));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs the main loop for ms. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_GINT64_CONSTANT (1000);

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_connected (Fixture *f)
{
  return ps_stream_get_state (f->stream) == PS_STREAM_CONNECTED &&
         ps_test_server_ws_get_n_open (f->server) > 0;
}

static gboolean
is_waiting (Fixture *f)
{
  return ps_stream_get_state (f->stream) == PS_STREAM_WAITING;
}

static gboolean
has_two_connections (Fixture *f)
{
  return ps_stream_get_n_connections (f->stream) >= 2 && is_connected (f);
}

static gboolean
has_two_events (Fixture *f)
{
  return ps_stream_get_n_events (f->stream) >= 2;
}

static gboolean
has_one_event (Fixture *f)
{
  return ps_stream_get_n_events (f->stream) >= 1;
}

static gboolean
has_bad_frame (Fixture *f)
{
  return ps_stream_get_n_bad_frames (f->stream) >= 1;
}

static gboolean
has_open_interest (Fixture *f)
{
  return f->n_open_interest >= 2;
}

/* Every event of every batch, in order. */
static guint
count_rows (Fixture *f)
{
  guint n = 0;

  for (guint i = 0; i < f->batches->len; i++)
    n += g_array_index (f->batches, Batch, i).rows->n;
  return n;
}

static gboolean
has_two_rows_and_a_batch_more (Fixture *f)
{
  guint n = 0;

  for (guint i = 0; i < f->batches->len; i++)
    {
      n += g_array_index (f->batches, Batch, i).rows->n;
      if (n >= 2 && i + 1 < f->batches->len)
        return TRUE;
    }
  return FALSE;
}

/* The spans of one connection follow each other without a gap; returns how
 * many separate stretches the batches cover. */
static guint
count_stretches (Fixture *f)
{
  guint n = f->batches->len > 0 ? 1 : 0;

  for (guint i = 1; i < f->batches->len; i++)
    {
      const Batch *a = &g_array_index (f->batches, Batch, i - 1);
      const Batch *b = &g_array_index (f->batches, Batch, i);

      g_assert_cmpint (b->from_ms, >=, a->to_ms);
      if (b->from_ms > a->to_ms)
        n++;
    }
  return n;
}

/* Events arrive in batches about every batch interval, with the span. */
static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  const Batch *last;
  gint64 now_ms = g_get_real_time () / 1000;
  g_autofree char *other = NULL;

  g_assert_cmpint (ps_stream_get_state (f->stream), ==, PS_STREAM_STOPPED);
  g_assert_cmpstr (ps_stream_get_venue (f->stream), ==, "binance");
  g_assert_cmpstr (ps_stream_get_symbol (f->stream), ==, "BTCUSDT");

  ps_stream_start (f->stream);
  g_assert_cmpint (ps_stream_get_state (f->stream), ==, PS_STREAM_CONNECTING);
  wait_for (f, is_connected, 5000, "the connection");
  g_assert_cmpstr (ps_test_server_ws_get_last_query (f->server), ==,
                   "streams=btcusdt@forceOrder");

  ps_test_server_ws_send (f->server, f->doc_event);
  ps_test_server_ws_send (f->server, f->observed_event);
  /* Another symbol's event is not ours: ignored, not an error. */
  other = g_strdup (f->observed_event);
  memcpy (strstr (other, "BTCUSDT"), "ETHUSDT", 7);
  ps_test_server_ws_send (f->server, other);
  wait_for (f, has_two_events, 5000, "two events");
  wait_for (f, has_two_rows_and_a_batch_more, 5000, "the batches");

  g_assert_cmpuint (ps_stream_get_n_events (f->stream), ==, 2);
  g_assert_cmpuint (ps_stream_get_n_bad_frames (f->stream), ==, 0);
  g_assert_cmpuint (count_rows (f), ==, 2);
  /* Batches keep coming while connected, empty or not, one stretch. */
  g_assert_cmpuint (f->batches->len, >=, 2);
  g_assert_cmpuint (count_stretches (f), ==, 1);

  /* A live venue's events, half a second old, leave the spans on our clock. */
  last = &g_array_index (f->batches, Batch, f->batches->len - 1);
  g_assert_cmpint (g_array_index (f->batches, Batch, 0).from_ms, >=, now_ms);
  g_assert_cmpint (last->to_ms, >=, now_ms + 100);
  for (guint i = 0; i < f->batches->len; i++)
    {
      const Batch *b = &g_array_index (f->batches, Batch, i);

      for (guint k = 0; k < b->rows->n; k++)
        {
          g_assert_cmpuint (b->rows->source[k], ==, PS_LIQ_SOURCE_LIVE);
          g_assert_cmpuint (b->rows->side[k], ==, PS_LIQ_LONG);
          g_assert_true (b->rows->t_ms[k] == f->doc_t_ms || b->rows->t_ms[k] == f->observed_t_ms);
        }
    }
  g_assert_null (ps_stream_get_message (f->stream));
}

static gboolean
has_five_events (Fixture *f)
{
  return ps_stream_get_n_events (f->stream) >= 5;
}

/* A replay (fake_exchange) serves last June at 3600×: the spans follow the
 * venue's clock, from the connection's start to the latest event, in one
 * stretch, so the events recorded are never shown as "not recorded". */
static void
test_replay_clock (Fixture       *f,
                   gconstpointer  data)
{
  gint64 day_ago_ms = g_get_real_time () / 1000 - 24 * 3600 * 1000;
  const Batch *first, *last;

  f->replay = TRUE;
  ps_stream_start (f->stream);
  wait_for (f, is_connected, 5000, "the connection");
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *old = g_strdup_printf ("%" G_GINT64_FORMAT, f->doc_t_ms);
      g_autofree char *event = retime (g_strdup (f->doc_event), old,
                                       day_ago_ms + i * 30 * 60 * 1000);

      ps_test_server_ws_send (f->server, event);
      run_for (30);
    }
  wait_for (f, has_five_events, 5000, "five events");
  wait_for (f, has_two_rows_and_a_batch_more, 5000, "the batches");
  ps_stream_stop (f->stream);

  /* From the connection's start on the venue's clock through the last event,
   * in one stretch (the batch on our clock before the first event aside). */
  first = NULL;
  for (guint i = 0; i < f->batches->len && first == NULL; i++)
    if (g_array_index (f->batches, Batch, i).rows->n > 0)
      first = &g_array_index (f->batches, Batch, i);
  last = &g_array_index (f->batches, Batch, f->batches->len - 1);
  g_assert_nonnull (first);
  g_assert_cmpint (first->from_ms, <=, day_ago_ms);
  g_assert_cmpint (first->from_ms, >, day_ago_ms - 60 * 1000);
  g_assert_cmpint (last->to_ms, >=, day_ago_ms + 4 * 30 * 60 * 1000);
  g_assert_cmpint (last->to_ms, <, day_ago_ms + 5 * 30 * 60 * 1000);
  for (const Batch *b = first + 1; b <= last; b++)
    g_assert_cmpint (b->from_ms, ==, (b - 1)->to_ms);
  g_assert_cmpuint (count_rows (f), ==, 5);
}

/* An event stamped 2 s ahead of our clock (a venue clock a little fast) lies
 * inside the span of its batch, which is half-open. */
static void
test_span_holds_events (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *old = g_strdup_printf ("%" G_GINT64_FORMAT, f->doc_t_ms);
  gint64 ahead_ms = g_get_real_time () / 1000 + 2000;
  g_autofree char *event = retime (g_strdup (f->doc_event), old, ahead_ms);
  gboolean found = FALSE;

  f->replay = TRUE;
  ps_stream_start (f->stream);
  wait_for (f, is_connected, 5000, "the connection");
  ps_test_server_ws_send (f->server, event);
  wait_for (f, has_one_event, 5000, "the event");
  ps_stream_stop (f->stream);

  for (guint i = 0; i < f->batches->len; i++)
    {
      const Batch *b = &g_array_index (f->batches, Batch, i);

      if (b->rows->n == 0)
        continue;
      g_assert_cmpint (b->rows->t_ms[0], ==, ahead_ms);
      g_assert_cmpint (b->from_ms, <=, ahead_ms);
      g_assert_cmpint (b->to_ms, >, ahead_ms);
      found = TRUE;
    }
  g_assert_true (found);
}

/* The server closes mid-stream: the span ends, a new connection after a
 * backoff starts a new one; nothing received is lost. */
static void
test_server_closes (Fixture       *f,
                    gconstpointer  data)
{
  ps_stream_start (f->stream);
  wait_for (f, is_connected, 5000, "the connection");
  ps_test_server_ws_send (f->server, f->doc_event);
  wait_for (f, has_one_event, 5000, "an event");

  ps_test_server_ws_close (f->server, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  wait_for (f, is_waiting, 5000, "the drop");
  g_assert_nonnull (strstr (ps_stream_get_message (f->stream), "Binance closed the connection"));
  g_assert_nonnull (strstr (ps_stream_get_message (f->stream), "reconnecting in"));
  /* The event received before the drop is handed out with the drop. */
  g_assert_cmpuint (count_rows (f), ==, 1);

  wait_for (f, has_two_connections, 5000, "the reconnection");
  ps_test_server_ws_send (f->server, f->observed_event);
  wait_for (f, has_two_events, 5000, "an event after the reconnection");
  wait_for (f, has_two_rows_and_a_batch_more, 5000, "the batches");
  g_assert_cmpuint (count_rows (f), ==, 2);
  /* The gap between the two connections is not covered. */
  g_assert_cmpuint (count_stretches (f), ==, 2);
  g_assert_cmpuint (f->n_states[PS_STREAM_WAITING], ==, 1);
  g_assert_cmpuint (ps_test_server_ws_get_n_connections (f->server), ==, 2);
}

/* The backoff grows while connections fail, and is jittered. */
static void
test_refused_backoff (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PsBinance) nowhere = g_object_new (PS_TYPE_BINANCE, "http", f->http,
                                               "ws-base", "ws://127.0.0.1:9", NULL);
  g_autoptr(PsStream) stream = PS_STREAM (ps_binance_stream_new (nowhere, "BTCUSDT"));
  gint64 start = g_get_monotonic_time ();
  guint n_waits = 0;

  ps_stream_set_backoff (stream, 50, 200);
  ps_stream_set_open_interest_interval (stream, 0);
  ps_stream_start (stream);
  /* 50, 100, 200, 200 ms, each × 0.5–1.5: at least 275 ms for four. */
  while (n_waits < 5)
    {
      PsStreamState state = ps_stream_get_state (stream);

      g_main_context_iteration (NULL, TRUE);
      if (state != PS_STREAM_WAITING && ps_stream_get_state (stream) == PS_STREAM_WAITING)
        n_waits++;
    }
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 275 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (ps_stream_get_message (stream), "Could not connect to Binance"));
  g_assert_cmpuint (ps_stream_get_n_connections (stream), ==, 0);
  ps_stream_stop (stream);
  g_assert_cmpint (ps_stream_get_state (stream), ==, PS_STREAM_STOPPED);
  g_assert_null (ps_stream_get_message (stream));
}

/* A frame that is no event is counted and said; the connection goes on. */
static void
test_garbage_frame (Fixture       *f,
                    gconstpointer  data)
{
  ps_stream_start (f->stream);
  wait_for (f, is_connected, 5000, "the connection");
  ps_test_server_ws_send (f->server, "<html>502 Bad Gateway</html>");
  wait_for (f, has_bad_frame, 5000, "the bad frame");
  g_assert_nonnull (strstr (ps_stream_get_message (f->stream),
                            "1 unreadable message from Binance (the last: Binance liquidation"));
  ps_test_server_ws_send (f->server, "{\"e\":\"forceOrder\",\"o\":{\"s\":\"BTCUSDT\"}}");
  ps_test_server_ws_send (f->server, f->doc_event);
  wait_for (f, has_one_event, 5000, "the event after the bad frames");
  g_assert_cmpuint (ps_stream_get_n_bad_frames (f->stream), ==, 2);
  g_assert_nonnull (strstr (ps_stream_get_message (f->stream), "2 unreadable messages"));
  g_assert_cmpint (ps_stream_get_state (f->stream), ==, PS_STREAM_CONNECTED);
  g_assert_cmpuint (ps_stream_get_n_connections (f->stream), ==, 1);
}

/* An invalid WebSocket frame: libsoup fails the connection, we reconnect. */
static void
test_bad_frame (Fixture       *f,
                gconstpointer  data)
{
  ps_stream_start (f->stream);
  wait_for (f, is_connected, 5000, "the connection");
  ps_test_server_ws_send_bad_frame (f->server);
  wait_for (f, is_waiting, 5000, "the drop");
  g_assert_nonnull (strstr (ps_stream_get_message (f->stream),
                            "Binance sent an invalid WebSocket frame; reconnecting in"));
  wait_for (f, has_two_connections, 5000, "the reconnection");
  ps_test_server_ws_send (f->server, f->doc_event);
  wait_for (f, has_one_event, 5000, "an event after the reconnection");
}

/* A text frame that is not UTF-8: libsoup fails the connection (as the
 * RFC asks), we say so and reconnect. */
static void
test_invalid_utf8 (Fixture       *f,
                   gconstpointer  data)
{
  ps_stream_start (f->stream);
  wait_for (f, is_connected, 5000, "the connection");
  ps_test_server_ws_send (f->server, f->doc_event);
  wait_for (f, has_one_event, 5000, "an event");
  ps_test_server_ws_send_invalid_utf8 (f->server);
  wait_for (f, is_waiting, 5000, "the drop");
  g_assert_nonnull (strstr (ps_stream_get_message (f->stream),
                            "Binance sent a text message that is not valid UTF-8"));
  /* The event before it was handed out with the drop. */
  g_assert_cmpuint (count_rows (f), ==, 1);
  wait_for (f, has_two_connections, 5000, "the reconnection");
}

/* Stopped while connecting, started again: one clean connection. */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  ps_stream_start (f->stream);
  ps_stream_start (f->stream);   /* started already: nothing more */
  ps_stream_stop (f->stream);
  g_assert_cmpint (ps_stream_get_state (f->stream), ==, PS_STREAM_STOPPED);
  run_for (200);
  g_assert_cmpuint (ps_stream_get_n_connections (f->stream), ==, 0);
  /* Nothing was connected: no span to end. */
  g_assert_cmpuint (f->batches->len, ==, 0);

  ps_stream_start (f->stream);
  wait_for (f, is_connected, 5000, "the connection");
  run_for (200);
  g_assert_cmpuint (ps_stream_get_n_connections (f->stream), ==, 1);
  g_assert_cmpuint (ps_test_server_ws_get_n_open (f->server), ==, 1);
}

/* The last reference dropped while connected: the pending events are still
 * handed out (a window closing must not lose them). */
static void
test_dispose_flushes (Fixture       *f,
                      gconstpointer  data)
{
  ps_stream_set_batch_interval (f->stream, 60000);
  ps_stream_start (f->stream);
  wait_for (f, is_connected, 5000, "the connection");
  ps_test_server_ws_send (f->server, f->doc_event);
  wait_for (f, has_one_event, 5000, "an event");
  g_assert_cmpuint (f->batches->len, ==, 0);
  g_clear_object (&f->stream);
  g_assert_cmpuint (f->batches->len, ==, 1);
  g_assert_cmpuint (count_rows (f), ==, 1);
  fixture_make_stream (f, "");
}

static void
stop_on_end_cb (PsStream       *stream,
                PsLiquidations *rows,
                gint64          from_ms,
                gint64          to_ms,
                Fixture        *f)
{
  if (ps_stream_get_state (stream) == PS_STREAM_CONNECTED &&
      ps_test_server_ws_get_n_open (f->server) == 0)
    ps_stream_stop (stream);
}

/* Stopped by a handler of the batch that ends a dropped connection (a
 * recorder giving up): it stays stopped, no reconnect. */
static void
test_stop_in_handler (Fixture       *f,
                      gconstpointer  data)
{
  g_signal_connect (f->stream, "liquidations", G_CALLBACK (stop_on_end_cb), f);
  ps_stream_start (f->stream);
  wait_for (f, is_connected, 5000, "the connection");
  ps_test_server_ws_close (f->server, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  run_for (800);
  g_assert_cmpint (ps_stream_get_state (f->stream), ==, PS_STREAM_STOPPED);
  g_assert_cmpuint (ps_stream_get_n_connections (f->stream), ==, 1);
  g_assert_cmpuint (ps_test_server_ws_get_n_connections (f->server), ==, 1);
}

/* A peer that goes silent (no frames, no pongs) is dead after the silence. */
static void
test_silent_peer (Fixture       *f,
                  gconstpointer  data)
{
  gint64 start;

  fixture_make_stream (f, "/mute");
  ps_stream_set_keepalive (f->stream, 1, 2500);
  start = g_get_monotonic_time ();
  ps_stream_start (f->stream);
  wait_for (f, is_waiting, 6000, "the silence to be noticed");
  /* At least two pings and a second (libsoup's ping timer). */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2900 * 1000);
  g_assert_nonnull (strstr (ps_stream_get_message (f->stream), "not even a pong"));
  g_assert_cmpuint (ps_stream_get_n_connections (f->stream), ==, 1);
}

/* A live peer answers the pings: a quiet market is not a dead connection. */
static void
test_quiet_peer (Fixture       *f,
                 gconstpointer  data)
{
  ps_stream_set_keepalive (f->stream, 1, 1500);
  ps_stream_start (f->stream);
  wait_for (f, is_connected, 5000, "the connection");
  run_for (4500);
  g_assert_cmpint (ps_stream_get_state (f->stream), ==, PS_STREAM_CONNECTED);
  g_assert_cmpuint (ps_stream_get_n_connections (f->stream), ==, 1);
}

/* Stop hands out what is pending at once, and the end of the span. */
static void
test_stop_flushes (Fixture       *f,
                   gconstpointer  data)
{
  const Batch *last;

  ps_stream_set_batch_interval (f->stream, 60000);
  ps_stream_start (f->stream);
  wait_for (f, is_connected, 5000, "the connection");
  ps_test_server_ws_send (f->server, f->doc_event);
  ps_test_server_ws_send (f->server, f->observed_event);
  wait_for (f, has_two_events, 5000, "two events");
  g_assert_cmpuint (f->batches->len, ==, 0);

  ps_stream_stop (f->stream);
  g_assert_cmpint (ps_stream_get_state (f->stream), ==, PS_STREAM_STOPPED);
  g_assert_cmpuint (f->batches->len, ==, 1);
  last = &g_array_index (f->batches, Batch, 0);
  g_assert_cmpuint (last->rows->n, ==, 2);
  /* Sorted by time. */
  g_assert_cmpint (last->rows->t_ms[0], ==, f->doc_t_ms);
  g_assert_cmpint (last->rows->t_ms[1], ==, f->observed_t_ms);

  /* Stopping again hands out nothing more. */
  ps_stream_stop (f->stream);
  g_assert_cmpuint (f->batches->len, ==, 1);
}

/* Open interest every interval, valued at the mark price. */
static void
test_open_interest (Fixture       *f,
                    gconstpointer  data)
{
  ps_stream_set_open_interest_interval (f->stream, 200);
  ps_stream_start (f->stream);
  wait_for (f, has_open_interest, 5000, "two snapshots");
  g_assert_cmpuint (f->open_interest->n, ==, 1);
  g_assert_cmpint (f->open_interest->t_ms[0], ==, 1589437530011);
  g_assert_cmpfloat (f->open_interest->contracts[0], ==, 10659.509);
  g_assert_cmpfloat_with_epsilon (f->open_interest->usd[0], 10659.509 * 11793.63104562, 1e-3);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/fapi/v1/openInterest"), >=, 2);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/fapi/v1/premiumIndex"), >=, 2);

  /* A failed poll is said, and the polls go on. */
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_500, 100);
  ps_http_set_max_retries (f->http, 0);
  f->n_open_interest = 0;
  run_for (600);
  g_assert_nonnull (ps_stream_get_message (f->stream));
  g_assert_nonnull (strstr (ps_stream_get_message (f->stream), "Open interest of Binance BTCUSDT"));
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_NONE, 0);
  wait_for (f, has_open_interest, 5000, "the snapshots after the faults");
  g_assert_null (ps_stream_get_message (f->stream));
}

static void
test_venues (void)
{
  g_autoptr(PsHttp) http = ps_http_new ();
  g_autoptr(PsStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = ps_venues_create_stream ("binance", http, "ethusdt", &error);
  g_assert_no_error (error);
  g_assert_true (PS_IS_BINANCE_STREAM (stream));
  g_assert_cmpstr (ps_stream_get_symbol (stream), ==, "ETHUSDT");
  g_assert_cmpstr (ps_stream_get_display_name (stream), ==, "Binance");

  g_assert_null (ps_venues_create_stream ("frobnicate", http, "BTCUSDT", &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "frobnicate"));
}

int
main (int    argc,
      char **argv)
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/stream/venues", test_venues);
#define ADD(name, func) \
  g_test_add ("/perpscope/net/stream/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("events", test_events);
  ADD ("server-closes", test_server_closes);
  ADD ("refused-backoff", test_refused_backoff);
  ADD ("garbage-frame", test_garbage_frame);
  ADD ("bad-frame", test_bad_frame);
  ADD ("invalid-utf8", test_invalid_utf8);
  ADD ("restart", test_restart);
  ADD ("dispose-flushes", test_dispose_flushes);
  ADD ("stop-in-handler", test_stop_in_handler);
  ADD ("silent-peer", test_silent_peer);
  ADD ("quiet-peer", test_quiet_peer);
  ADD ("stop-flushes", test_stop_flushes);
  ADD ("open-interest", test_open_interest);
  ADD ("replay-clock", test_replay_clock);
  ADD ("span-holds-events", test_span_holds_events);
#undef ADD

  return g_test_run ();
}
