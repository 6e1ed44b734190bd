/* test-bitmex.c: PsBitmex against a loopback BitMEX replaying the samples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-bitmex.h"
#include "ps-net-error.h"
#include "ps-test-util.h"
#include "ps-test-replay-provider.h"

#define MINUTE_MS  G_GINT64_CONSTANT (60000)
#define HOUR_MS    (60 * MINUTE_MS)
#define T1337_MS   G_GINT64_CONSTANT (1443188220000)   /* 2015-09-25T13:37:00Z */
#define JUNE_1_MS  G_GINT64_CONSTANT (1780272000000)   /* 2026-06-01T00:00:00Z */
#define BUCKETED   "/api/v1/trade/bucketed"
#define INSTRUMENT "/api/v1/instrument"
/* The sample instrument is LTCUSDT: the symbol the listing check knows. */
#define SYMBOL     "LTCUSDT"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_http (f);
  f->provider = PS_PROVIDER (ps_bitmex_new (f->http, ps_test_replay_server_get_uri (f->server)));
  ps_test_replay_server_route (f->server, INSTRUMENT, "", 200, "[]");
  ps_test_replay_server_route_file (f->server, INSTRUMENT, "symbol=" SYMBOL, 200,
                                   "bitmex-instrument.json");
  ps_test_replay_server_route_file (f->server, "/api/v1/funding", "", 200, "bitmex-funding.json");
}

static void
test_new (void)
{
  PsBitmex *bitmex = ps_bitmex_new (NULL, "http://127.0.0.1:1234/");

  g_assert_cmpstr (ps_bitmex_get_rest_base (bitmex), ==, "http://127.0.0.1:1234");
  g_assert_finalize_object (bitmex);

  g_setenv ("PERPSCOPE_BITMEX_REST", "http://mirror.example", TRUE);
  bitmex = ps_bitmex_new (NULL, NULL);
  g_assert_cmpstr (ps_bitmex_get_rest_base (bitmex), ==, "http://mirror.example");
  g_assert_finalize_object (bitmex);
  g_unsetenv ("PERPSCOPE_BITMEX_REST");
  bitmex = ps_bitmex_new (NULL, NULL);
  g_assert_cmpstr (ps_bitmex_get_rest_base (bitmex), ==, PS_BITMEX_DEFAULT_REST);
  g_assert_finalize_object (bitmex);
}

static void
test_properties (void)
{
  PsProvider *provider = PS_PROVIDER (ps_bitmex_new (NULL, "http://127.0.0.1:9"));

  g_assert_cmpstr (ps_provider_get_venue (provider), ==, "bitmex");
  g_assert_cmpstr (ps_provider_get_display_name (provider), ==, "BitMEX");
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_CANDLES), ==, 200);
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_FUNDING), ==, 500);
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_OPEN_INTEREST), ==, 1);
  g_assert_cmpint (ps_provider_get_history_horizon (provider, PS_SERIES_CANDLES), ==, 0);
  g_assert_cmpint (ps_provider_get_history_horizon (provider, PS_SERIES_OPEN_INTEREST), ==,
                   HOUR_MS);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_FUNDING,
                                                     PS_INTERVAL_4H), ==, PS_INTERVAL_NONE);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_OPEN_INTEREST,
                                                     PS_INTERVAL_5M), ==, PS_INTERVAL_1H);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_CANDLES,
                                                     PS_INTERVAL_15M), ==, PS_INTERVAL_15M);
  g_assert_finalize_object (provider);
}

/* Buckets ending 13:38–13:40 open 13:37–13:39; [13:37, 13:39) keeps two. */
static void
test_candles (Fixture       *f,
              gconstpointer  data)
{
  const char *query;

  ps_test_replay_server_route_file (f->server, BUCKETED, "", 200, "bitmex-trade-bucketed.json");
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + 2 * MINUTE_MS);

  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 2);
  g_assert_cmpint (f->page->candles->t_ms[0], ==, T1337_MS);
  g_assert_cmpint (f->page->candles->t_ms[1], ==, T1337_MS + MINUTE_MS);
  g_assert_cmpfloat (ps_candles_close_at (f->page->candles, 1), ==, 237.45);

  /* The request asks for the buckets ending one bucket after the open times. */
  query = ps_test_replay_server_get_query (f->server, BUCKETED);
  g_assert_nonnull (strstr (query, "binSize=1m"));
  g_assert_nonnull (strstr (query, "symbol=" SYMBOL));
  g_assert_nonnull (strstr (query, "startTime=2015-09-25T13:38:00.000Z"));
  g_assert_nonnull (strstr (query, "endTime=2015-09-25T13:39:59.999Z"));
  g_assert_nonnull (strstr (query, "count=1000"));
  g_assert_nonnull (strstr (query, "reverse=false"));
  g_assert_cmpstr (ps_test_replay_server_get_method (f->server, BUCKETED), ==, "GET");

  /* The listing is asked once per symbol. */
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 2);
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 1);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 3);
}

/* 4h from 1h buckets: eight hours, two candles. */
static void
test_candles_4h (Fixture       *f,
                 gconstpointer  data)
{
  GString *json = g_string_new ("[");

  for (guint h = 1; h <= 8; h++)
    g_string_append_printf (json, "%s{\"timestamp\":\"2026-06-01T%02u:00:00.000Z\","
                            "\"open\":%u,\"high\":%u,\"low\":%u,\"close\":%u,\"homeNotional\":%u}",
                            h > 1 ? "," : "", h, 100 + h, 110 + h, 90 + h, 101 + h, h);
  g_string_append (json, "]");
  ps_test_replay_server_route (f->server, BUCKETED, "binSize=1h", 200, json->str);
  g_string_free (json, TRUE);

  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_4H, JUNE_1_MS, JUNE_1_MS + 8 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 2);
  g_assert_cmpint (f->page->candles->t_ms[0], ==, JUNE_1_MS);
  g_assert_cmpint (f->page->candles->t_ms[1], ==, JUNE_1_MS + 4 * HOUR_MS);
  g_assert_cmpfloat (ps_candles_open_at (f->page->candles, 0), ==, 101);
  g_assert_cmpfloat (ps_candles_high_at (f->page->candles, 0), ==, 114);
  g_assert_cmpfloat (ps_candles_low_at (f->page->candles, 0), ==, 91);
  g_assert_cmpfloat (ps_candles_close_at (f->page->candles, 0), ==, 105);
  g_assert_cmpfloat (ps_candles_volume_at (f->page->candles, 0), ==, 1 + 2 + 3 + 4);
  g_assert_cmpfloat (ps_candles_close_at (f->page->candles, 1), ==, 109);
  g_assert_nonnull (strstr (ps_test_replay_server_get_query (f->server, BUCKETED),
                            "startTime=2026-06-01T01:00:00.000Z"));
}

static void
test_funding (Fixture       *f,
              gconstpointer  data)
{
  gint64 t_ms = G_GINT64_CONSTANT (1462622400000);

  fixture_fetch (f, PS_SERIES_FUNDING, SYMBOL, PS_INTERVAL_NONE, t_ms, t_ms + 8 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->funding->n, ==, 1);
  g_assert_cmpint (f->page->funding->t_ms[0], ==, t_ms);
  g_assert_nonnull (strstr (ps_test_replay_server_get_query (f->server, "/api/v1/funding"),
                            "startTime=2016-05-07T12:00:00.000Z"));
}

static void
test_open_interest (Fixture       *f,
                    gconstpointer  data)
{
  gint64 t_ms = G_GINT64_CONSTANT (1642182595000);

  fixture_fetch (f, PS_SERIES_OPEN_INTEREST, SYMBOL, PS_INTERVAL_1H, t_ms - t_ms % HOUR_MS,
                 t_ms + 1);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->open_interest->n, ==, 1);
  g_assert_cmpint (f->page->open_interest->t_ms[0], ==, t_ms);
  g_assert_cmpfloat_with_epsilon (f->page->open_interest->contracts[0], 3810.3, 1e-9);

  /* Stamped a few ms after the clock the sync asked up to: the state then. */
  fixture_fetch (f, PS_SERIES_OPEN_INTEREST, SYMBOL, PS_INTERVAL_1H, t_ms - t_ms % HOUR_MS,
                 t_ms - 5);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->open_interest->n, ==, 1);
  g_assert_cmpint (f->page->open_interest->t_ms[0], ==, t_ms - 6);
}

static void
test_server_time (Fixture       *f,
                  gconstpointer  data)
{
  ps_test_replay_server_route (f->server, INSTRUMENT, "symbol=XBTUSD", 200,
                              "[{\"symbol\":\"XBTUSD\",\"timestamp\":\"2026-06-01T00:00:01.250Z\"}]");
  fixture_server_time (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->server_time_ms, ==, JUNE_1_MS + 1250);
}

/* BitMEX lists no such instrument: named, and no page is asked for. */
static void
test_unknown_symbol (Fixture       *f,
                     gconstpointer  data)
{
  ps_test_replay_server_route_file (f->server, BUCKETED, "", 200, "bitmex-trade-bucketed.json");
  fixture_fetch (f, PS_SERIES_CANDLES, "NOPEUSD", PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);

  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_assert_nonnull (strstr (f->error->message, "BitMEX"));
  g_assert_nonnull (strstr (f->error->message, "NOPEUSD"));
  g_assert_null (ps_test_replay_server_get_query (f->server, BUCKETED));
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 1);
}

static void
test_envelope (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *unavailable = ps_test_load_data ("bitmex-error.json", NULL);

  ps_test_replay_server_route (f->server, BUCKETED, "binSize=1m", 400,
                              "{\"error\":{\"message\":\"count must be less than or equal to "
                              "1000\",\"name\":\"ValidationError\"}}");
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_VENUE);
  g_assert_cmpstr (f->error->message, ==,
                   "BitMEX: count must be less than or equal to 1000 (ValidationError)");

  /* A 503 after every retry: HTTP_STATUS (later may work), the venue's words kept. */
  ps_http_set_max_retries (f->http, 1);
  ps_test_replay_server_set_fault_status (f->server, 503, 2, unavailable);
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (f->error->message, "Service unavailable"));

  /* The envelope in a 200 answer is the venue's error too. */
  g_clear_error (&f->error);
  ps_test_replay_server_route (f->server, BUCKETED, "binSize=5m", 200, unavailable);
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_5M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_VENUE);
}

/* A 429 (Retry-After: 1) and two 502s are retried; the page arrives. */
static void
test_retried (Fixture       *f,
              gconstpointer  data)
{
  ps_test_replay_server_route_file (f->server, BUCKETED, "", 200, "bitmex-trade-bucketed.json");
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_no_error (f->error);

  ps_test_replay_server_set_fault_status (f->server, 429, 1,
                                          "{\"error\":{\"message\":\"Rate limit exceeded\","
                                          "\"name\":\"RateLimitError\"}}");
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 1);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 4);

  ps_test_replay_server_set_fault_status (f->server, 502, 2, "");
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 7);
}

/* A gateway's HTML page, a body cut short, a reset connection: each asked
 * again and the page arrives; with no retries left, an error naming BitMEX
 * and no page. A stall ends in a timeout. */
static void
test_broken_answers (Fixture       *f,
                     gconstpointer  data)
{
  static const PsTestReplayFault faults[] = {
    PS_TEST_REPLAY_HTML, PS_TEST_REPLAY_TRUNCATE, PS_TEST_REPLAY_RESET,
  };

  ps_test_replay_server_route_file (f->server, BUCKETED, "", 200, "bitmex-trade-bucketed.json");
  /* The instrument, looked up once, before the faults. */
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_no_error (f->error);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      ps_http_set_max_retries (f->http, 3);
      ps_test_replay_server_reset_counts (f->server);
      ps_test_replay_server_set_fault (f->server, faults[i], 1, NULL);
      fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
      g_assert_no_error (f->error);
      g_assert_cmpuint (f->page->candles->n, ==, 1);
      g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 2);

      ps_http_set_max_retries (f->http, 0);
      ps_test_replay_server_set_fault (f->server, faults[i], 1, NULL);
      fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
      /* libsoup itself sends a GET again once when a kept-alive connection
       * turns out closed: a reset may still bring the whole page. */
      if (faults[i] == PS_TEST_REPLAY_RESET && f->error == NULL)
        {
          g_assert_cmpuint (f->page->candles->n, ==, 1);
          continue;
        }
      g_assert_nonnull (f->error);
      g_assert_null (f->page);
      g_assert_nonnull (strstr (f->error->message, "BitMEX"));
    }

  ps_http_set_timeout (f->http, 1);
  ps_test_replay_server_set_fault (f->server, PS_TEST_REPLAY_STALL, 1, NULL);
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (f->error->message, "BitMEX"));
}

/* BitMEX counts what remains of its budget: nothing left, and the next
 * request waits for the bucket to refill (24 a minute: 2.5 s), where it went
 * at once before. */
static void
test_remaining (Fixture       *f,
                gconstpointer  data)
{
  gint64 start_us;

  ps_test_replay_server_route_file (f->server, BUCKETED, "", 200, "bitmex-trade-bucketed.json");
  ps_test_replay_server_set_header (f->server, "x-ratelimit-remaining", "25");
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_no_error (f->error);
  start_us = g_get_monotonic_time ();
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_no_error (f->error);
  g_assert_cmpint (g_get_monotonic_time () - start_us, <, G_USEC_PER_SEC);

  ps_test_replay_server_set_header (f->server, "x-ratelimit-remaining", "0");
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_no_error (f->error);
  start_us = g_get_monotonic_time ();
  fixture_fetch (f, PS_SERIES_CANDLES, SYMBOL, PS_INTERVAL_1M, T1337_MS, T1337_MS + MINUTE_MS);
  g_assert_no_error (f->error);
  g_assert_cmpint (g_get_monotonic_time () - start_us, >=, 2 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/bitmex/new", test_new);
  g_test_add_func ("/perpscope/net/bitmex/properties", test_properties);
#define ADD(name, func) \
  g_test_add ("/perpscope/net/bitmex/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("candles", test_candles);
  ADD ("candles-4h", test_candles_4h);
  ADD ("funding", test_funding);
  ADD ("open-interest", test_open_interest);
  ADD ("server-time", test_server_time);
  ADD ("unknown-symbol", test_unknown_symbol);
  ADD ("envelope", test_envelope);
  ADD ("retried", test_retried);
  ADD ("remaining", test_remaining);
  ADD ("broken-answers", test_broken_answers);
#undef ADD

  return g_test_run ();
}
