/* ps-test-server.h: a loopback Binance USDⓈ-M that replays real rows and faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PsTestServer PsTestServer;

typedef enum
{
  PS_TEST_FAULT_NONE,
  PS_TEST_FAULT_429,        /* HTTP 429, Binance -1003 body, Retry-After: retry_after */
  PS_TEST_FAULT_418,        /* HTTP 418, the ban body, Retry-After: retry_after */
  PS_TEST_FAULT_500,
  PS_TEST_FAULT_503,
  PS_TEST_FAULT_GARBAGE,    /* HTTP 200, an HTML gateway page */
  PS_TEST_FAULT_TRUNCATE,   /* correct Content-Length, half the body, then close */
  PS_TEST_FAULT_STALL,      /* never answers (until the client gives up) */
  PS_TEST_FAULT_EMPTY,      /* HTTP 200, a valid but empty page: [] */
} PsTestFault;

/* Listens on 127.0.0.1, a free port, serving on the thread-default main context:
 *  /fapi/v1/klines        4h BTCUSDT from tests/data/binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv,
 *                         5m from tests/data/binance_btcusdt_perp_5m_2024-12-01_2024-12-31.csv
 *                         (8,928 rows: several pages), other intervals: [], Binance paging rules
 *  /fapi/v1/fundingRate   from tests/data/binance_btcusdt_funding_8h_2025-10-06_2026-01-31.csv
 *  /futures/data/openInterestHist  the daily rows of
 *                         tests/data/binance_btcusdt_oi_daily_2025-11-07_2025-12-17.csv for any
 *                         period, only the last 30 days before the server's now
 *  /fapi/v1/time          {"serverTime": now}
 *  /api/v3/klines         Binance spot: 4h BTCUSDT from tests/data/binance_btcusdt_spot_4h_2025-11-01_29.csv
 *                         (2025-11-01 → 11-29 12:00), other intervals: [], at most 1000 a page
 *  /api/v3/time           as /fapi/v1/time
 * Rows after now are never served. Unknown symbols get HTTP 400 -1121. */
PsTestServer *ps_test_server_new              (void);
void          ps_test_server_free             (PsTestServer *self);
/* "http://127.0.0.1:PORT" (owned by the server). */
const char   *ps_test_server_get_uri          (PsTestServer *self);
/* The server's clock, UTC ms (default 2025-12-18T00:00:00Z). */
void          ps_test_server_set_now          (PsTestServer *self,
                                               gint64        now_ms);
/* The next n requests (to any path but the clocks, /fapi/v1/time and
 * /api/v3/time, when skip_time) get fault. */
void          ps_test_server_set_fault        (PsTestServer *self,
                                               PsTestFault   fault,
                                               guint         n);
/* Requests to /fapi/v1/time and /api/v3/time escape faults unless skip_time is FALSE (default TRUE). */
void          ps_test_server_set_fault_skip_time (PsTestServer *self,
                                                  gboolean      skip_time);
/* Retry-After of the 429/418 faults (default 1; 0: the header is left out). */
void          ps_test_server_set_retry_after  (PsTestServer *self,
                                               guint         seconds);
/* X-MBX-USED-WEIGHT-1M sent with every answer from now on (0, the default: none). */
void          ps_test_server_set_used_weight  (PsTestServer *self,
                                               guint         weight);
/* Requests answered so far, all paths; and those to one path. */
guint         ps_test_server_get_n_requests   (PsTestServer *self);
guint         ps_test_server_get_n_requests_for (PsTestServer *self,
                                                 const char   *path);
void          ps_test_server_reset_counts     (PsTestServer *self);
/* /fapi/v1/klines of interval ("1m") also serves n synthetic candles, one a
 * step from first_ms, made up as asked (no memory held): for the benchmark. */
void          ps_test_server_set_synthetic_klines (PsTestServer *self,
                                                   const char   *interval,
                                                   gint64        step_ms,
                                                   gint64        first_ms,
                                                   guint         n);

/* WebSocket, Binance's combined stream at /market/stream?streams=…: the
 * server sends only what a test tells it to. Under /mute/ (a ws base of
 * "ws://127.0.0.1:PORT/mute") the upgrade succeeds and the peer then goes
 * silent: no frames, no pongs. /fapi/v1/openInterest and /fapi/v1/premiumIndex
 * answer the samples tests/data/binance-openInterest.json and
 * binance-premiumIndex.json. */
guint         ps_test_server_ws_get_n_connections (PsTestServer *self);   /* accepted so far */
guint         ps_test_server_ws_get_n_open        (PsTestServer *self);
/* The query of the last WebSocket request ("streams=btcusdt@forceOrder"). */
const char   *ps_test_server_ws_get_last_query    (PsTestServer *self);
/* The path of the last WebSocket request: besides Binance's, the server
 * upgrades /v5/public/linear (Bybit), /ws/v5/public (OKX) and /realtime
 * (BitMEX), and sends only what a test tells it to. */
const char   *ps_test_server_ws_get_last_path     (PsTestServer *self);
/* How many text frames equal to text the clients sent (all connections). */
guint         ps_test_server_ws_count_received    (PsTestServer *self,
                                                   const char   *text);
/* A text frame to every open connection. */
void          ps_test_server_ws_send              (PsTestServer *self,
                                                   const char   *text);
/* A text frame to the open connections of path ("/ws/v5/public"): how many. */
guint         ps_test_server_ws_send_path         (PsTestServer *self,
                                                   const char   *path,
                                                   const char   *text);
/* Closes every open connection with code. */
void          ps_test_server_ws_close             (PsTestServer *self,
                                                   gushort       code);
/* A frame with the reserved bits set to every open connection. */
void          ps_test_server_ws_send_bad_frame    (PsTestServer *self);
/* A text frame that is not UTF-8 to every open connection. */
void          ps_test_server_ws_send_invalid_utf8 (PsTestServer *self);

G_END_DECLS
