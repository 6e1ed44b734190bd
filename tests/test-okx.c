/* test-okx.c: PsOkx against a loopback replay of OKX's answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-net-error.h"
#include "ps-okx.h"
#include "ps-test-replay-provider.h"
#include "ps-test-util.h"

#define HOUR_MS  G_GINT64_CONSTANT (3600000)
#define DAY_MS   (24 * HOUR_MS)
#define CANDLES  "/api/v5/market/candles"
#define HISTORY  "/api/v5/market/history-candles"
#define FUNDING  "/api/v5/public/funding-rate-history"
#define OI       "/api/v5/rubik/stat/contracts/open-interest-history"
#define TIME     "/api/v5/public/time"

/* OKX's clock in these tests: 2026-06-22T11:59:59.999Z. */
#define NOW_MS G_GINT64_CONSTANT (1782129599999)
/* Two 1H BTC-USDT-SWAP candles, 10:00 and 11:00 (still open), newest first. */
#define R0 G_GINT64_CONSTANT (1782122400000)
#define R1 (R0 + HOUR_MS)
#define CANDLES_BODY \
  "{\"code\":\"0\",\"msg\":\"\",\"data\":[" \
  "[\"1782126000000\",\"64120.1\",\"64188\",\"64050.5\",\"64101.2\",\"51234\",\"512.34\"," \
  "\"32843210.5\",\"0\"]," \
  "[\"1782122400000\",\"64000\",\"64150\",\"63900.1\",\"64120.1\",\"70000\",\"700\"," \
  "\"44800000\",\"1\"]]}"
#define OI_BODY \
  "{\"code\":\"0\",\"msg\":\"\",\"data\":[" \
  "[\"1782126000000\",\"2712345.5\",\"27123.455\",\"1739123456.7\"]," \
  "[\"1782122400000\",\"2700000\",\"27000\",\"1728000000\"]]}"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_http (f);
  f->provider = PS_PROVIDER (ps_okx_new (f->http, ps_test_replay_server_get_uri (f->server)));
  ps_test_replay_server_set_route (f->server, CANDLES, 200, CANDLES_BODY);
  ps_test_replay_server_set_route (f->server, HISTORY, 200, CANDLES_BODY);
  ps_test_replay_server_set_route (f->server, OI, 200, OI_BODY);
  ps_test_replay_server_set_route_file (f->server, FUNDING, 200, "okx-funding-rate-history.json");
  ps_test_replay_server_set_route (f->server, TIME, 200,
                                   "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"ts\":\"1782129599999\"}]}");
}

static void
test_new (void)
{
  PsHttp *http = ps_http_new ();
  PsOkx *okx;

  g_setenv ("PERPSCOPE_OKX_REST", "http://mirror.example/okx/", TRUE);
  okx = ps_okx_new (http, NULL);
  g_assert_cmpstr (ps_rest_provider_get_rest_base (PS_REST_PROVIDER (okx)), ==,
                   "http://mirror.example/okx");
  g_assert_finalize_object (okx);

  g_unsetenv ("PERPSCOPE_OKX_REST");
  okx = ps_okx_new (http, NULL);
  g_assert_cmpstr (ps_rest_provider_get_rest_base (PS_REST_PROVIDER (okx)), ==,
                   PS_OKX_DEFAULT_REST);
  g_assert_finalize_object (okx);
  g_assert_finalize_object (http);
}

static void
test_properties (void)
{
  PsProvider *provider = PS_PROVIDER (ps_okx_new (NULL, "http://127.0.0.1:9"));

  g_assert_cmpstr (ps_provider_get_venue (provider), ==, "okx");
  g_assert_cmpstr (ps_provider_get_display_name (provider), ==, "OKX");
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_CANDLES), ==, 100);
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_FUNDING), ==, 100);
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_OPEN_INTEREST), ==, 100);
  /* Three months of funding, 1,440 hours of open interest. */
  g_assert_cmpint (ps_provider_get_history_horizon (provider, PS_SERIES_CANDLES), ==, 0);
  g_assert_cmpint (ps_provider_get_history_horizon (provider, PS_SERIES_FUNDING), ==, 89 * DAY_MS);
  g_assert_cmpint (ps_provider_get_history_horizon (provider, PS_SERIES_OPEN_INTEREST), ==,
                   1440 * HOUR_MS);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_FUNDING,
                                                     PS_INTERVAL_4H), ==, PS_INTERVAL_NONE);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_OPEN_INTEREST,
                                                     PS_INTERVAL_5M), ==, PS_INTERVAL_1H);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_OPEN_INTEREST,
                                                     PS_INTERVAL_1D), ==, PS_INTERVAL_1D);
  g_assert_finalize_object (provider);
}

/* Newest first on the wire, oldest first in the page; after/before bound
 * one page of rows from the cursor, exclusively. */
static void
test_candles_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, R0 + 100 * HOUR_MS);
  g_autofree char *before = g_strdup_printf ("%" G_GINT64_FORMAT, R0 - 1);

  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAP", PS_INTERVAL_1H, R0, R0 + 1000 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 2);
  g_assert_cmpint (f->page->candles->t_ms[0], ==, R0);
  g_assert_cmpint (f->page->candles->t_ms[1], ==, R1);
  /* BTC, not contracts */
  g_assert_cmpfloat (ps_candles_volume_at (f->page->candles, 0), ==, 700);

  assert_param (f, HISTORY, "instId", "BTC-USDT-SWAP");
  assert_param (f, HISTORY, "bar", "1H");
  assert_param (f, HISTORY, "after", after);
  assert_param (f, HISTORY, "before", before);
  assert_param (f, HISTORY, "limit", "100");

  /* Sliced to [from, to). */
  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAP", PS_INTERVAL_1H, R0, R1);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 1);

  /* Within the latest 1,440 days: the recent endpoint. */
  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAP", PS_INTERVAL_1D, R0, R1);
  assert_param (f, CANDLES, "bar", "1Dutc");
}

/* /market/candles serves the latest 1,440 bars only, by OKX's clock: until it
 * is read ours says today, and June 2026 is history. */
static void
test_recent_candles (Fixture       *f,
                     gconstpointer  data)
{
  if (g_get_real_time () / 1000 < NOW_MS + 1500 * HOUR_MS)
    {
      g_test_skip ("the machine's clock is too close to the test's");
      return;
    }

  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAP", PS_INTERVAL_1H, R0, R0 + 2 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests_for (f->server, HISTORY), ==, 1);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests_for (f->server, CANDLES), ==, 0);

  fixture_server_time (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->server_time_ms, ==, NOW_MS);

  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAP", PS_INTERVAL_1H, R0, R0 + 2 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 2);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests_for (f->server, CANDLES), ==, 1);

  /* 1,500 hours back is beyond the latest 1,440 bars: the windows up to
   * 1,400 bars back go to history-candles, the later ones (empty until R0,
   * as the rows of each are only R0 and R1) to candles. */
  ps_test_replay_server_reset_counts (f->server);
  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAP", PS_INTERVAL_1H, R0 - 1500 * HOUR_MS, R1);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 1);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests_for (f->server, HISTORY), ==, 4);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests_for (f->server, CANDLES), ==, 27);
  ps_test_replay_server_reset_counts (f->server);
  /* 1,440 days back at 1d is, 1,000 days is not. */
  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAP", PS_INTERVAL_1D, R0 - 1000 * DAY_MS, R1);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests_for (f->server, HISTORY), ==, 0);
}

static void
test_funding_page (Fixture       *f,
                   gconstpointer  data)
{
  gint64 from_ms = G_GINT64_CONSTANT (1703030400000);
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, from_ms + 100 * HOUR_MS);

  fixture_fetch (f, PS_SERIES_FUNDING, "BTC-USD-SWAP", PS_INTERVAL_NONE, from_ms,
                 from_ms + 1000 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->funding->n, ==, 2);
  g_assert_cmpint (f->page->funding->t_ms[0], ==, from_ms);
  g_assert_cmpfloat (f->page->funding->rate[0], ==, 0.0002279755647389);
  assert_param (f, FUNDING, "instId", "BTC-USD-SWAP");
  assert_param (f, FUNDING, "after", after);
  assert_param (f, FUNDING, "limit", "100");
}

/* Rubik's per-contract history: coin and USD both; hourly at the finest. */
static void
test_open_interest_page (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT, R0 + 100 * HOUR_MS);

  fixture_fetch (f, PS_SERIES_OPEN_INTEREST, "BTC-USDT-SWAP", PS_INTERVAL_5M, R0,
                 R0 + 1000 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->open_interest->n, ==, 2);
  g_assert_cmpint (f->page->open_interest->t_ms[0], ==, R0);
  g_assert_cmpfloat (f->page->open_interest->contracts[0], ==, 27000);
  g_assert_cmpfloat (f->page->open_interest->usd[0], ==, 1728000000);
  assert_param (f, OI, "period", "1H");
  assert_param (f, OI, "end", end);
  assert_param (f, OI, "limit", "100");

  fixture_fetch (f, PS_SERIES_OPEN_INTEREST, "BTC-USDT-SWAP", PS_INTERVAL_1D, R0, R1);
  assert_param (f, OI, "period", "1Dutc");
}

/* 51001 comes in HTTP 200. */
static void
test_unknown_symbol (Fixture       *f,
                     gconstpointer  data)
{
  ps_test_replay_server_set_route_file (f->server, HISTORY, 200,
                                        "okx-error-instrument-not-exist.json");
  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAPX", PS_INTERVAL_1H, R0, R1);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_assert_cmpstr (f->error->message, ==, "OKX does not list the symbol “BTC-USDT-SWAPX”");

  ps_test_replay_server_set_route_file (f->server, FUNDING, 400,
                                        "okx-error-instrument-not-exist.json");
  fixture_fetch (f, PS_SERIES_FUNDING, "ETH-USDT-SWAPX", PS_INTERVAL_NONE, R0, R1);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_assert_nonnull (strstr (f->error->message, "ETH-USDT-SWAPX"));
}

/* 50011 in HTTP 200 is waited out and asked again, as a 429 is: rate-limited
 * only when it lasts. (Changed by the limits helper: it was reported at once.) */
static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *limited = ps_test_load_data ("okx-error-rate-limit.json", NULL);

  ps_http_set_max_retries (f->http, 2);
  ps_test_replay_server_reset_counts (f->server);
  ps_test_replay_server_set_route (f->server, OI, 200, limited);
  fixture_fetch (f, PS_SERIES_OPEN_INTEREST, "BTC-USDT-SWAP", PS_INTERVAL_1H, R0, R1);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
  g_assert_cmpstr (f->error->message, ==, "OKX is still rate-limiting Perpscope after 3 attempts");
  g_assert_cmpuint (ps_test_replay_server_get_n_requests_for (f->server, OI), ==, 3);

  ps_test_replay_server_reset_counts (f->server);
  ps_test_replay_server_set_retry_after (f->server, 0);
  ps_test_replay_server_set_fault (f->server, PS_TEST_REPLAY_429, 2, limited);
  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAP", PS_INTERVAL_1H, R0, R1 + HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 2);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 3);
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  static const char okx_500[] = "{\"code\":\"50001\",\"msg\":\"Service temporarily unavailable\"}";

  ps_test_replay_server_set_fault (f->server, PS_TEST_REPLAY_503, 2, okx_500);
  fixture_fetch (f, PS_SERIES_FUNDING, "BTC-USDT-SWAP", PS_INTERVAL_NONE, R0, R1);
  g_assert_no_error (f->error);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 3);

  ps_test_replay_server_set_fault (f->server, PS_TEST_REPLAY_TRUNCATE, 1, NULL);
  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAP", PS_INTERVAL_1H, R0, R1);
  g_assert_no_error (f->error);

  ps_test_replay_server_set_fault (f->server, PS_TEST_REPLAY_HTML, 1, NULL);
  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAP", PS_INTERVAL_1H, R0, R1);
  g_assert_no_error (f->error);

  /* Past the retries: the venue's words with the status. */
  ps_http_set_max_retries (f->http, 1);
  ps_test_replay_server_set_fault (f->server, PS_TEST_REPLAY_500, 2, okx_500);
  fixture_fetch (f, PS_SERIES_CANDLES, "BTC-USDT-SWAP", PS_INTERVAL_1H, R0, R1);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS);
  g_assert_cmpstr (f->error->message, ==, "OKX answered HTTP 500 (Internal Server Error): "
                   "OKX: Service temporarily unavailable (code 50001)");
}

int
main (int    argc,
      char **argv)
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/okx/new", test_new);
  g_test_add_func ("/perpscope/net/okx/properties", test_properties);
#define ADD(name, func) \
  g_test_add ("/perpscope/net/okx/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("candles-page", test_candles_page);
  ADD ("recent-candles", test_recent_candles);
  ADD ("funding-page", test_funding_page);
  ADD ("open-interest-page", test_open_interest_page);
  ADD ("unknown-symbol", test_unknown_symbol);
  ADD ("rate-limit", test_rate_limit);
  ADD ("faults", test_faults);
#undef ADD

  return g_test_run ();
}
