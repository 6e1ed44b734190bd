/* test-bybit.c: PsBybit against a loopback replay of Bybit's answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-bybit.h"
#include "ps-net-error.h"
#include "ps-test-replay-provider.h"
#include "ps-test-util.h"

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define KLINE   "/v5/market/kline"
#define FUNDING "/v5/market/funding/history"
#define OI      "/v5/market/open-interest"

/* bybit-kline.json: 1h rows at these three times, sent newest first. */
#define T0 G_GINT64_CONSTANT (1670601600000)
#define T1 (T0 + HOUR_MS)
#define T2 (T0 + 2 * HOUR_MS)

/* Bybit's 5xx pages are HTML (as the fake exchange serves them). */
#define BYBIT_502 "<html><head><title>502 Bad Gateway</title></head></html>"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_http (f);
  f->provider = PS_PROVIDER (ps_bybit_new (f->http, ps_test_replay_server_get_uri (f->server)));
  ps_test_replay_server_set_route_file (f->server, KLINE, 200, "bybit-kline.json");
  ps_test_replay_server_set_route_file (f->server, FUNDING, 200, "bybit-funding-history.json");
  ps_test_replay_server_set_route_file (f->server, OI, 200, "bybit-open-interest.json");
}

static void
test_new (void)
{
  PsHttp *http = ps_http_new ();
  PsBybit *bybit;

  bybit = ps_bybit_new (http, "http://127.0.0.1:1234//");
  g_assert_cmpstr (ps_rest_provider_get_rest_base (PS_REST_PROVIDER (bybit)), ==,
                   "http://127.0.0.1:1234");
  g_assert_finalize_object (bybit);

  g_setenv ("PERPSCOPE_BYBIT_REST", "http://mirror.example/", TRUE);
  bybit = ps_bybit_new (http, NULL);
  g_assert_cmpstr (ps_rest_provider_get_rest_base (PS_REST_PROVIDER (bybit)), ==,
                   "http://mirror.example");
  g_assert_finalize_object (bybit);

  g_unsetenv ("PERPSCOPE_BYBIT_REST");
  bybit = ps_bybit_new (NULL, NULL);
  g_assert_cmpstr (ps_rest_provider_get_rest_base (PS_REST_PROVIDER (bybit)), ==,
                   PS_BYBIT_DEFAULT_REST);
  g_assert_finalize_object (bybit);
  g_assert_finalize_object (http);
}

static void
test_properties (void)
{
  PsProvider *provider = PS_PROVIDER (ps_bybit_new (NULL, "http://127.0.0.1:9"));

  g_assert_cmpstr (ps_provider_get_venue (provider), ==, "bybit");
  g_assert_cmpstr (ps_provider_get_display_name (provider), ==, "Bybit");
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_CANDLES), ==, 1000);
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_FUNDING), ==, 200);
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_OPEN_INTEREST), ==, 200);
  g_assert_cmpint (ps_provider_get_history_horizon (provider, PS_SERIES_CANDLES), ==, 0);
  g_assert_cmpint (ps_provider_get_history_horizon (provider, PS_SERIES_OPEN_INTEREST), ==, 0);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_FUNDING,
                                                     PS_INTERVAL_1H), ==, PS_INTERVAL_NONE);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_OPEN_INTEREST,
                                                     PS_INTERVAL_1M), ==, PS_INTERVAL_5M);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_OPEN_INTEREST,
                                                     PS_INTERVAL_4H), ==, PS_INTERVAL_4H);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_CANDLES,
                                                     PS_INTERVAL_15M), ==, PS_INTERVAL_15M);
  g_assert_finalize_object (provider);
}

/* Newest first on the wire, oldest first in the page, cut to [from, to). */
static void
test_kline_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT, T2 - 1);
  g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, T0);

  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, T0, T2);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->page->kind, ==, PS_SERIES_CANDLES);
  g_assert_cmpuint (f->page->candles->n, ==, 2);
  g_assert_cmpint (f->page->candles->t_ms[0], ==, T0);
  g_assert_cmpint (f->page->candles->t_ms[1], ==, T1);
  g_assert_cmpfloat (ps_candles_open_at (f->page->candles, 0), ==, 17086.5);

  assert_param (f, KLINE, "category", "linear");
  assert_param (f, KLINE, "symbol", "BTCUSDT");
  assert_param (f, KLINE, "interval", "60");
  assert_param (f, KLINE, "start", start);
  assert_param (f, KLINE, "end", end);
  assert_param (f, KLINE, "limit", "1000");
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 1);
}

/* Bybit answers a range's newest rows: a long range is asked one page of
 * rows from its start (the oldest first, as the sync needs), whatever the kind. */
static void
test_paging_window (Fixture       *f,
                    gconstpointer  data)
{
  gint64 from_ms = T0;
  gint64 to_ms = T0 + 5000 * HOUR_MS;
  g_autofree char *kline_end = g_strdup_printf ("%" G_GINT64_FORMAT, from_ms + 1000 * HOUR_MS - 1);
  g_autofree char *day_end = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              from_ms + 1000 * 24 * HOUR_MS - 1);
  g_autofree char *funding_end = g_strdup_printf ("%" G_GINT64_FORMAT, from_ms + 200 * HOUR_MS - 1);
  g_autofree char *oi_end = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             from_ms + 200 * 5 * 60000 - 1);

  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, from_ms, to_ms);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 3);
  assert_param (f, KLINE, "end", kline_end);

  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1D, from_ms, G_MAXINT64 / 2);
  assert_param (f, KLINE, "interval", "D");
  assert_param (f, KLINE, "end", day_end);

  /* The sample's settlement is 400 h in: the third window's. */
  fixture_fetch (f, PS_SERIES_FUNDING, "BTCUSDT", PS_INTERVAL_NONE, from_ms, to_ms);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->funding->n, ==, 1);
  g_assert_nonnull (strstr (ps_test_replay_server_get_queries (f->server, FUNDING)->pdata[0],
                            funding_end));
  g_assert_cmpuint (ps_test_replay_server_get_n_requests_for (f->server, FUNDING), ==, 5);
  assert_param (f, FUNDING, "limit", "200");

  /* The sample's rows lie years later: every window is empty, and the walk
   * through them stops after PS_REST_MAX_EMPTY_WINDOWS more. */
  ps_test_replay_server_reset_counts (f->server);
  fixture_fetch (f, PS_SERIES_OPEN_INTEREST, "BTCUSDT", PS_INTERVAL_1M, from_ms, to_ms);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->open_interest->n, ==, 0);
  assert_param (f, OI, "intervalTime", "5min");
  g_assert_true (strstr (ps_test_replay_server_get_queries (f->server, OI)->pdata[0], oi_end));
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==,
                    2 * (1 + PS_REST_MAX_EMPTY_WINDOWS));
}

/* A window before the market's first rows is empty: the next windows are
 * asked until rows come, and the page holds the first of them, as Binance
 * answers a range that starts before a listing. */
static void
test_empty_windows (Fixture       *f,
                    gconstpointer  data)
{
  gint64 from_ms = T0 - 2500 * HOUR_MS;
  GPtrArray *queries;

  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, from_ms, T2);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 2);
  g_assert_cmpint (f->page->candles->t_ms[0], ==, T0);
  /* [from, +1000 h) and [+1000 h, +2000 h) were empty, each asked twice
   * (an empty answer may be a hiccup). */
  queries = ps_test_replay_server_get_queries (f->server, KLINE);
  g_assert_cmpuint (queries->len, ==, 5);
  g_assert_cmpstr (queries->pdata[0], ==, queries->pdata[1]);
  g_assert_nonnull (strstr (queries->pdata[2], "start=1665201600000&"));
  g_assert_cmpstr (queries->pdata[2], ==, queries->pdata[3]);
  g_assert_nonnull (strstr (queries->pdata[4], "start=1668801600000&end=1670608799999&"));

  /* One empty answer in a window that has rows (a hiccup) is asked again:
   * the rows come, no later window claims them missing. */
  ps_test_replay_server_reset_counts (f->server);
  ps_test_replay_server_set_fault (f->server, PS_TEST_REPLAY_EMPTY, 1,
                                   "{\"retCode\":0,\"result\":{\"list\":[]}}");
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, T0, T0 + 3000 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 3);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 2);
  g_assert_cmpstr (queries->pdata[0], ==, queries->pdata[1]);

  /* Empty to the end: the last window is the sync's to judge, asked once. */
  ps_test_replay_server_reset_counts (f->server);
  ps_test_replay_server_set_route (f->server, KLINE, 200,
                                   "{\"retCode\":0,\"result\":{\"list\":[]}}");
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, T0, T0 + 2500 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 0);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 5);
}

static void
test_funding_page (Fixture       *f,
                   gconstpointer  data)
{
  gint64 t_ms = G_GINT64_CONSTANT (1672041600000);

  fixture_fetch (f, PS_SERIES_FUNDING, "BTCUSDT", PS_INTERVAL_NONE, t_ms - HOUR_MS, t_ms + 1);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->funding->n, ==, 1);
  g_assert_cmpint (f->page->funding->t_ms[0], ==, t_ms);
  g_assert_cmpfloat (f->page->funding->rate[0], ==, 0.0001);
  assert_param (f, FUNDING, "category", "linear");
}

static void
test_open_interest_page (Fixture       *f,
                         gconstpointer  data)
{
  gint64 from_ms = G_GINT64_CONSTANT (1780617600000);

  fixture_fetch (f, PS_SERIES_OPEN_INTEREST, "BTCUSDT", PS_INTERVAL_1D, from_ms,
                 from_ms + 3 * 24 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->open_interest->n, ==, 3);
  g_assert_cmpint (f->page->open_interest->t_ms[0], ==, from_ms);
  g_assert_cmpfloat (f->page->open_interest->contracts[0], ==, 31971156);
  g_assert_true (isnan (f->page->open_interest->usd[0]));
  assert_param (f, OI, "intervalTime", "1d");
}

/* retCode 10001 "Not supported symbols" comes in HTTP 200. */
static void
test_unknown_symbol (Fixture       *f,
                     gconstpointer  data)
{
  ps_test_replay_server_set_route_file (f->server, KLINE, 200,
                                        "bybit-error-not-supported-symbols.json");
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDX", PS_INTERVAL_1H, T0, T2);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_assert_cmpstr (f->error->message, ==, "Bybit does not list the symbol “BTCUSDX”");
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 1);

  /* The same body with a 4xx. */
  ps_test_replay_server_set_route_file (f->server, KLINE, 400,
                                        "bybit-error-not-supported-symbols.json");
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDX", PS_INTERVAL_1H, T0, T2);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
}

static void
test_envelope_errors (Fixture       *f,
                      gconstpointer  data)
{
  ps_test_replay_server_set_route (f->server, KLINE, 200,
                                   "{\"retCode\":10006,\"retMsg\":\"Too many visits!\","
                                   "\"result\":{},\"retExtInfo\":{},\"time\":1}");
  ps_http_set_max_retries (f->http, 2);
  ps_test_replay_server_reset_counts (f->server);
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, T0, T2);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
  /* 10006 in a 200 is waited out and asked again, as a 429 is (added by
   * the limits helper). */
  g_assert_cmpuint (ps_test_replay_server_get_n_requests_for (f->server, KLINE), ==, 3);
  g_assert_cmpstr (f->error->message, ==, "Bybit is still rate-limiting Perpscope after 3 attempts");

  ps_test_replay_server_set_route (f->server, KLINE, 200,
                                   "{\"retCode\":10001,\"retMsg\":\"params error: interval is "
                                   "required\",\"result\":{}}");
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, T0, T2);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_VENUE);
  g_assert_nonnull (strstr (f->error->message, "interval is required"));

  /* A parse error names the market too. */
  ps_test_replay_server_set_route (f->server, KLINE, 200,
                                   "{\"retCode\":0,\"result\":{\"list\":[[1]]}}");
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, T0, T2);
  g_assert_error (f->error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD);
  g_assert_true (g_str_has_prefix (f->error->message, "BTCUSDT 1h: Bybit klines: row 0"));
}

/* 429, 5xx (HTML, as Bybit's gateway sends), an HTML 200 and a cut body are
 * retried; the page arrives. */
static void
test_faults_retried (Fixture       *f,
                     gconstpointer  data)
{
  static const struct { PsTestReplayFault fault; guint n; const char *body; } faults[] = {
    { PS_TEST_REPLAY_429, 2, "{\"retCode\":10006,\"retMsg\":\"Too many visits!\"}" },
    { PS_TEST_REPLAY_503, 2, BYBIT_502 },
    { PS_TEST_REPLAY_HTML, 1, NULL },
    { PS_TEST_REPLAY_TRUNCATE, 1, NULL },
  };

  ps_test_replay_server_set_retry_after (f->server, 0);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      ps_test_replay_server_reset_counts (f->server);
      ps_test_replay_server_set_fault (f->server, faults[i].fault, faults[i].n, faults[i].body);
      fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, T0, T2);
      g_assert_no_error (f->error);
      g_assert_cmpuint (f->page->candles->n, ==, 2);
      g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, faults[i].n + 1);
    }
}

static void
test_faults_final (Fixture       *f,
                   gconstpointer  data)
{
  ps_http_set_max_retries (f->http, 1);
  ps_test_replay_server_set_fault (f->server, PS_TEST_REPLAY_500, 5, BYBIT_502);
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, T0, T2);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (f->error->message, "Bybit answered HTTP 500"));
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 2);

  /* 403: Bybit blocks the address for ten minutes; not retried, and the
   * error says until when. (Message changed by the limits helper.) */
  ps_test_replay_server_reset_counts (f->server);
  ps_test_replay_server_set_fault (f->server, PS_TEST_REPLAY_NONE, 0, NULL);
  ps_test_replay_server_set_route (f->server, KLINE, 403, "access too frequent");
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, T0, T2);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (f->error->message, "Bybit has blocked this IP address until "));
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 1);
}

static void
test_stall (Fixture       *f,
            gconstpointer  data)
{
  ps_http_set_timeout (f->http, 1);
  ps_http_set_max_retries (f->http, 0);
  ps_test_replay_server_set_fault (f->server, PS_TEST_REPLAY_STALL, 1, NULL);
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, T0, T2);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_TIMEOUT);
}

static void
test_server_time (Fixture       *f,
                  gconstpointer  data)
{
  ps_test_replay_server_set_route (f->server, "/v5/market/time", 200,
                                   "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"timeSecond\":"
                                   "\"1782129599\",\"timeNano\":\"1782129599999000000\"},"
                                   "\"retExtInfo\":{},\"time\":1782129599999}");
  fixture_server_time (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->server_time_ms, ==, G_GINT64_CONSTANT (1782129599999));
}

int
main (int    argc,
      char **argv)
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/bybit/new", test_new);
  g_test_add_func ("/perpscope/net/bybit/properties", test_properties);
#define ADD(name, func) \
  g_test_add ("/perpscope/net/bybit/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("kline-page", test_kline_page);
  ADD ("paging-window", test_paging_window);
  ADD ("empty-windows", test_empty_windows);
  ADD ("funding-page", test_funding_page);
  ADD ("open-interest-page", test_open_interest_page);
  ADD ("unknown-symbol", test_unknown_symbol);
  ADD ("envelope-errors", test_envelope_errors);
  ADD ("faults-retried", test_faults_retried);
  ADD ("faults-final", test_faults_final);
  ADD ("stall", test_stall);
  ADD ("server-time", test_server_time);
#undef ADD

  return g_test_run ();
}
