/* test-stream-venues.c: PsBybitStream, PsOkxStream and PsBitmexStream against a loopback
 * WebSocket: the subscription sent, the text heartbeat on time, events recorded, a bad frame
 * counted and skipped, a close mid-stream reconnected and resubscribed, a refusal reconnected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ps-bitmex-stream.h"
#include "ps-bybit-stream.h"
#include "ps-net-error.h"
#include "ps-okx-stream.h"
#include "ps-test-server.h"
#include "ps-test-util.h"
#include "ps-venues.h"

typedef struct
{
  const char *venue;
  const char *display_name;
  const char *path;        /* the WebSocket path asked */
  const char *subscribe;   /* the first text frame sent; NULL: the query subscribes */
  const char *query;
  const char *heartbeat;
  const char *ack;         /* the venue's answers that carry no event */
  const char *pong;
  const char *refusal;
  PsStream *(*create)  (const char *ws_base);
  /* One liquidation of a long, 0.5 BTC at 60,000, at t_ms (BitMEX: an order n). */
  char     *(*event)   (gint64      t_ms,
                        guint       n);
} Venue;

static PsStream *
create_bybit (const char *ws_base)
{
  return PS_STREAM (ps_bybit_stream_new (ws_base, "btcusdt"));
}

static PsStream *
create_okx (const char *ws_base)
{
  return PS_STREAM (ps_okx_stream_new (ws_base, "BTC-USDT-SWAP", NULL));
}

static PsStream *
create_bitmex (const char *ws_base)
{
  return PS_STREAM (ps_bitmex_stream_new (ws_base, "XBTUSD", NULL));
}

static char *
event_bybit (gint64 t_ms,
             guint  n)
{
  return g_strdup_printf ("{\"topic\":\"allLiquidation.BTCUSDT\",\"type\":\"snapshot\",\"ts\":%"
                          G_GINT64_FORMAT ",\"data\":[{\"T\":%" G_GINT64_FORMAT ",\"s\":\"BTCUSDT\","
                          "\"S\":\"Buy\",\"v\":\"0.5\",\"p\":\"60000\"}]}", t_ms, t_ms);
}

/* With another swap's event beside: the channel carries them all. */
static char *
event_okx (gint64 t_ms,
           guint  n)
{
  return g_strdup_printf ("{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},"
                          "\"data\":[{\"instId\":\"ETH-USDT-SWAP\",\"details\":[{\"side\":\"buy\","
                          "\"posSide\":\"short\",\"bkPx\":\"3000\",\"sz\":\"7\",\"ts\":\"%"
                          G_GINT64_FORMAT "\"}]},{\"instId\":\"BTC-USDT-SWAP\",\"details\":[{"
                          "\"side\":\"sell\",\"posSide\":\"long\",\"bkPx\":\"60000\",\"sz\":\"50\","
                          "\"ts\":\"%" G_GINT64_FORMAT "\"}]}]}", t_ms, t_ms);
}

static char *
event_bitmex (gint64 t_ms,
              guint  n)
{
  return g_strdup_printf ("{\"table\":\"liquidation\",\"action\":\"insert\",\"data\":[{\"orderID\":"
                          "\"order-%u\",\"symbol\":\"XBTUSD\",\"side\":\"Sell\",\"price\":60000,"
                          "\"leavesQty\":30000}]}", n);
}

static const Venue venues[] = {
  { "bybit", "Bybit", "/v5/public/linear",
    "{\"op\":\"subscribe\",\"args\":[\"allLiquidation.BTCUSDT\"]}", NULL, "{\"op\":\"ping\"}",
    "{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"c\",\"req_id\":\"\",\"op\":\"subscribe\"}",
    "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"c\",\"req_id\":\"\",\"op\":\"ping\"}",
    "{\"success\":false,\"ret_msg\":\"error:handler not found\",\"op\":\"subscribe\"}",
    create_bybit, event_bybit },
  { "okx", "OKX", "/ws/v5/public",
    "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"}]}",
    NULL, "ping",
    "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"}}",
    "pong",
    "{\"event\":\"error\",\"code\":\"60018\",\"msg\":\"Wrong URL or channel\"}",
    create_okx, event_okx },
  { "bitmex", "BitMEX", "/realtime", NULL, "subscribe=liquidation:XBTUSD", "ping",
    "{\"info\":\"Welcome to the BitMEX Realtime API.\",\"version\":\"2.0.0\"}", "pong",
    "{\"status\":400,\"error\":\"Unknown or expired symbol: XBTUSD\"}",
    create_bitmex, event_bitmex },
};

typedef struct
{
  const Venue    *venue;
  PsTestServer   *server;
  PsStream       *stream;
  PsLiquidations *received;    /* every batch's rows */
  guint           n_batches;
  gboolean        said_refused;
  gboolean        said_silent;     /* "… sent nothing for 3 s, not even a pong" */
  guint           n_order;
} Fixture;

static void
liquidations_cb (PsStream       *stream,
                 PsLiquidations *rows,
                 gint64          from_ms,
                 gint64          to_ms,
                 Fixture        *f)
{
  g_assert_cmpint (from_ms, <=, to_ms);
  for (guint i = 0; i < rows->n; i++)
    {
      /* Live venues: the span holds its events. */
      g_assert_cmpint (rows->t_ms[i], <, to_ms);
      ps_liquidations_append (f->received, rows->t_ms[i], rows->side[i], rows->source[i],
                              rows->price[i], rows->avg_price[i], rows->qty[i], rows->usd[i]);
    }
  f->n_batches++;
}

static void
message_cb (PsStream   *stream,
            GParamSpec *pspec,
            Fixture    *f)
{
  const char *message = ps_stream_get_message (stream);

  if (message != NULL)
    g_test_message ("%s", message);
  if (message != NULL && strstr (message, "refused") != NULL)
    f->said_refused = TRUE;
  if (message != NULL && strstr (message, "sent nothing") != NULL)
    f->said_silent = TRUE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *ws_base = NULL;

  f->venue = data;
  f->server = ps_test_server_new ();
  ws_base = g_strconcat ("ws", ps_test_server_get_uri (f->server) + strlen ("http"), NULL);
  f->stream = f->venue->create (ws_base);
  g_assert_nonnull (f->stream);
  f->received = ps_liquidations_new (4);
  ps_stream_set_batch_interval (f->stream, 100);
  ps_stream_set_backoff (f->stream, 100, 400);
  g_signal_connect (f->stream, "liquidations", G_CALLBACK (liquidations_cb), f);
  g_signal_connect (f->stream, "notify::message", G_CALLBACK (message_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ps_stream_stop (f->stream);
  g_signal_handlers_disconnect_by_data (f->stream, f);
  g_assert_finalize_object (f->stream);
  ps_liquidations_unref (f->received);
  ps_test_server_free (f->server);
}

/* Spins until cond holds, at most 5 s. */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 end_ = g_get_monotonic_time () + 5 * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < end_) \
      ps_test_spin (10); \
    g_assert_true (cond); \
  } G_STMT_END

static guint
n_subscribed (Fixture *f)
{
  return f->venue->subscribe ? ps_test_server_ws_count_received (f->server, f->venue->subscribe)
                             : ps_test_server_ws_get_n_connections (f->server);
}

/* Started, connected and subscribed (n connections so far). */
static void
connect_stream (Fixture *f,
                guint    n)
{
  if (ps_stream_get_state (f->stream) == PS_STREAM_STOPPED)
    ps_stream_start (f->stream);
  WAIT_FOR (ps_stream_get_state (f->stream) == PS_STREAM_CONNECTED &&
            ps_test_server_ws_get_n_open (f->server) == 1 && n_subscribed (f) == n);
  g_assert_cmpuint (ps_stream_get_n_connections (f->stream), ==, n);
  ps_test_server_ws_send (f->server, f->venue->ack);
}

static void
send_event (Fixture *f)
{
  g_autofree char *text = f->venue->event (g_get_real_time () / 1000, f->n_order++);

  ps_test_server_ws_send (f->server, text);
}

static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  gint64 start_ms = g_get_real_time () / 1000;

  connect_stream (f, 1);
  g_assert_cmpstr (ps_test_server_ws_get_last_path (f->server), ==, f->venue->path);
  if (f->venue->query != NULL)
    g_assert_cmpstr (ps_test_server_ws_get_last_query (f->server), ==, f->venue->query);
  g_assert_cmpstr (ps_stream_get_venue (f->stream), ==, f->venue->venue);
  g_assert_cmpstr (ps_stream_get_display_name (f->stream), ==, f->venue->display_name);

  send_event (f);
  ps_test_server_ws_send (f->server, f->venue->pong);
  send_event (f);
  WAIT_FOR (ps_stream_get_n_events (f->stream) == 2);
  ps_stream_stop (f->stream);

  g_assert_cmpuint (ps_stream_get_n_bad_frames (f->stream), ==, 0);
  g_assert_cmpuint (f->received->n, ==, 2);
  for (guint i = 0; i < f->received->n; i++)
    {
      g_assert_cmpint (f->received->side[i], ==, PS_LIQ_LONG);
      g_assert_cmpfloat_with_epsilon (f->received->qty[i], 0.5, 1e-9);
      g_assert_cmpfloat_with_epsilon (f->received->usd[i], 30000, 1e-6);
      g_assert_cmpint (f->received->t_ms[i], >=, start_ms);
      g_assert_cmpint (f->received->source[i], ==, PS_LIQ_SOURCE_LIVE);
    }
  g_assert_cmpint (ps_stream_get_state (f->stream), ==, PS_STREAM_STOPPED);
}

/* The venue's text ping every interval, and no WebSocket pings: what keeps
 * Bybit and OKX from closing the connection. */
static void
test_heartbeat (Fixture       *f,
                gconstpointer  data)
{
  gint64 start;

  ps_stream_set_keepalive (f->stream, 1, 10000);
  connect_stream (f, 1);
  start = g_get_monotonic_time ();
  g_assert_cmpuint (ps_test_server_ws_count_received (f->server, f->venue->heartbeat), ==, 0);
  WAIT_FOR (ps_test_server_ws_count_received (f->server, f->venue->heartbeat) == 2);
  /* One a second: the second one after about two. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1500 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3500 * 1000);
  ps_test_server_ws_send (f->server, f->venue->pong);
  ps_test_spin (100);
  g_assert_cmpint (ps_stream_get_state (f->stream), ==, PS_STREAM_CONNECTED);
  g_assert_cmpuint (ps_stream_get_n_bad_frames (f->stream), ==, 0);
}

/* The venue answers each heartbeat and sends nothing else (a quiet market):
 * alive past the silence limit (two pings and a second: 3 s). */
static void
test_quiet (Fixture       *f,
            gconstpointer  data)
{
  guint answered = 0;

  ps_stream_set_keepalive (f->stream, 1, 500);
  connect_stream (f, 1);
  for (guint i = 0; i < 45; i++)
    {
      ps_test_spin (100);
      if (ps_test_server_ws_count_received (f->server, f->venue->heartbeat) > answered)
        {
          ps_test_server_ws_send (f->server, f->venue->pong);
          answered++;
        }
    }
  g_assert_cmpuint (answered, >=, 3);
  g_assert_cmpuint (ps_stream_get_n_connections (f->stream), ==, 1);
  g_assert_cmpint (ps_stream_get_state (f->stream), ==, PS_STREAM_CONNECTED);
}

/* Heartbeats unanswered: the peer is dead, the stream reconnects. */
static void
test_silent (Fixture       *f,
             gconstpointer  data)
{
  ps_stream_set_keepalive (f->stream, 1, 500);
  connect_stream (f, 1);
  WAIT_FOR (ps_stream_get_n_connections (f->stream) == 2);
  g_assert_true (f->said_silent);
}

static void
test_bad_frame (Fixture       *f,
                gconstpointer  data)
{
  connect_stream (f, 1);
  ps_test_server_ws_send (f->server, "<html>502 Bad Gateway</html>");
  WAIT_FOR (ps_stream_get_n_bad_frames (f->stream) == 1);
  g_assert_nonnull (strstr (ps_stream_get_message (f->stream), f->venue->display_name));
  send_event (f);
  WAIT_FOR (ps_stream_get_n_events (f->stream) == 1);
  g_assert_cmpint (ps_stream_get_state (f->stream), ==, PS_STREAM_CONNECTED);
  g_assert_cmpuint (ps_stream_get_n_connections (f->stream), ==, 1);
}

/* Closed mid-stream: reconnected after the backoff and subscribed again. */
static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  connect_stream (f, 1);
  send_event (f);
  WAIT_FOR (ps_stream_get_n_events (f->stream) == 1);
  ps_test_server_ws_close (f->server, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  WAIT_FOR (ps_stream_get_state (f->stream) == PS_STREAM_WAITING);
  connect_stream (f, 2);
  send_event (f);
  WAIT_FOR (ps_stream_get_n_events (f->stream) == 2);
  ps_stream_stop (f->stream);
  g_assert_cmpuint (f->received->n, ==, 2);
}

/* The venue says no: the connection ends, said in words, and is made again
 * later; nothing counted as an unreadable frame, no quiet market recorded. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  connect_stream (f, 1);
  ps_test_server_ws_send (f->server, f->venue->refusal);
  WAIT_FOR (f->said_refused);
  g_assert_cmpint (ps_stream_get_state (f->stream), !=, PS_STREAM_CONNECTED);
  g_assert_cmpuint (ps_stream_get_n_bad_frames (f->stream), ==, 0);
  connect_stream (f, 2);
}

/* BitMEX: an order inserted, updated, deleted, and inserted again (a replay):
 * one event. */
static void
test_bitmex_once (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *insert = event_bitmex (0, 7);

  connect_stream (f, 1);
  ps_test_server_ws_send (f->server, "{\"table\":\"liquidation\",\"action\":\"partial\","
                          "\"keys\":[\"orderID\"],\"data\":[]}");
  ps_test_server_ws_send (f->server, insert);
  ps_test_server_ws_send (f->server, "{\"table\":\"liquidation\",\"action\":\"update\",\"data\":"
                          "[{\"orderID\":\"order-7\",\"leavesQty\":100,\"symbol\":\"XBTUSD\"}]}");
  ps_test_server_ws_send (f->server, "{\"table\":\"liquidation\",\"action\":\"delete\",\"data\":"
                          "[{\"orderID\":\"order-7\",\"symbol\":\"XBTUSD\"}]}");
  ps_test_server_ws_send (f->server, insert);
  f->n_order = 8;
  send_event (f);
  WAIT_FOR (ps_stream_get_n_events (f->stream) == 2);
  ps_test_spin (200);
  g_assert_cmpuint (ps_stream_get_n_events (f->stream), ==, 2);
  g_assert_cmpuint (ps_stream_get_n_bad_frames (f->stream), ==, 0);
}

static void
test_registry (void)
{
  g_autoptr(PsHttp) http = ps_http_new ();
  g_autoptr(GError) error = NULL;
  PsStream *stream;

  for (guint i = 0; i < G_N_ELEMENTS (venues); i++)
    {
      g_autofree char *symbol = ps_venues_resolve_symbol (venues[i].venue, "BTC");

      stream = ps_venues_create_stream (venues[i].venue, http, symbol, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ps_stream_get_venue (stream), ==, venues[i].venue);
      g_assert_finalize_object (stream);
    }

  stream = ps_venues_create_stream ("hyperliquid", http, "BTC", &error);
  g_assert_null (stream);
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "Hyperliquid publishes no liquidation feed");
  g_clear_error (&error);

  /* A contract whose size Perpscope does not know is not recorded wrong. */
  stream = ps_venues_create_stream ("okx", http, "DOGE-USDT-SWAP", &error);
  g_assert_null (stream);
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_clear_error (&error);
  stream = ps_venues_create_stream ("bitmex", http, "ETHUSD", &error);
  g_assert_null (stream);
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
}

static void
test_resolve (void)
{
  static const struct { const char *venue, *symbol, *resolved; } cases[] = {
    { "binance", "BTC", "BTCUSDT" },       { "bybit", "btc", "BTCUSDT" },
    { "okx", "BTC", "BTC-USDT-SWAP" },     { "bitmex", "BTC", "XBTUSD" },
    { "hyperliquid", "BTC", "BTC" },       { "bitmex", "XBT", "XBTUSD" },
    { "okx", "ETH", "ETH-USDT-SWAP" },     { "binance", "XBT", "BTCUSDT" },
    /* The venue's own symbols pass as they are. */
    { "okx", "BTC-USD-SWAP", "BTC-USD-SWAP" }, { "bitmex", "XBTUSDT", "XBTUSDT" },
    { "binance", "BTCUSDT", "BTCUSDT" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *resolved = ps_venues_resolve_symbol (cases[i].venue, cases[i].symbol);

      g_assert_cmpstr (resolved, ==, cases[i].resolved);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name; void (*func) (Fixture *, gconstpointer); } cases[] = {
    { "flow", test_flow }, { "heartbeat", test_heartbeat }, { "quiet", test_quiet },
    { "silent", test_silent },
    { "bad-frame", test_bad_frame }, { "reconnect", test_reconnect },
    { "refused", test_refused },
  };

  ps_test_init (&argc, &argv);

  for (guint v = 0; v < G_N_ELEMENTS (venues); v++)
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        g_autofree char *path = g_strdup_printf ("/perpscope/net/stream-venues/%s/%s",
                                                 venues[v].venue, cases[c].name);

        g_test_add (path, Fixture, &venues[v], fixture_setup, cases[c].func, fixture_teardown);
      }
  g_test_add ("/perpscope/net/stream-venues/bitmex/once", Fixture, &venues[2], fixture_setup,
              test_bitmex_once, fixture_teardown);
  g_test_add_func ("/perpscope/net/stream-venues/registry", test_registry);
  g_test_add_func ("/perpscope/net/stream-venues/resolve", test_resolve);

  return g_test_run ();
}
