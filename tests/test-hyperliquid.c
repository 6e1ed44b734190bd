/* test-hyperliquid.c: PsHyperliquid against a loopback /info replaying the samples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ps-hyperliquid.h"
#include "ps-net-error.h"
#include "ps-test-util.h"
#include "ps-test-replay-provider.h"

#define HOUR_MS     G_GINT64_CONSTANT (3600000)
#define CANDLE0_MS  G_GINT64_CONSTANT (1684699200000)   /* the sample's first candle */
#define FUNDING0_MS G_GINT64_CONSTANT (1683849600000)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_http (f);
  f->provider = PS_PROVIDER (ps_hyperliquid_new (f->http,
                                                 ps_test_replay_server_get_uri (f->server)));
  ps_test_replay_server_route_file (f->server, "/info", "\"metaAndAssetCtxs\"", 200,
                                   "hyperliquid-metaAndAssetCtxs.json");
  ps_test_replay_server_route_file (f->server, "/info", "\"candleSnapshot\"", 200,
                                   "hyperliquid-candleSnapshot.json");
  ps_test_replay_server_route_file (f->server, "/info", "\"fundingHistory\"", 200,
                                   "hyperliquid-fundingHistory.json");
}

static void
test_new (void)
{
  PsHyperliquid *hl = ps_hyperliquid_new (NULL, "http://127.0.0.1:1234/");

  g_assert_cmpstr (ps_hyperliquid_get_rest_base (hl), ==, "http://127.0.0.1:1234");
  g_assert_finalize_object (hl);

  g_setenv ("PERPSCOPE_HYPERLIQUID_REST", "http://mirror.example", TRUE);
  hl = ps_hyperliquid_new (NULL, NULL);
  g_assert_cmpstr (ps_hyperliquid_get_rest_base (hl), ==, "http://mirror.example");
  g_assert_finalize_object (hl);
  g_unsetenv ("PERPSCOPE_HYPERLIQUID_REST");
  hl = ps_hyperliquid_new (NULL, NULL);
  g_assert_cmpstr (ps_hyperliquid_get_rest_base (hl), ==, PS_HYPERLIQUID_DEFAULT_REST);
  g_assert_finalize_object (hl);
}

static void
test_properties (void)
{
  PsProvider *provider = PS_PROVIDER (ps_hyperliquid_new (NULL, "http://127.0.0.1:9"));

  g_assert_cmpstr (ps_provider_get_venue (provider), ==, "hyperliquid");
  g_assert_cmpstr (ps_provider_get_display_name (provider), ==, "Hyperliquid");
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_CANDLES), ==, 5000);
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_FUNDING), ==, 500);
  g_assert_cmpint (ps_provider_get_history_horizon (provider, PS_SERIES_OPEN_INTEREST), ==,
                   HOUR_MS);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_OPEN_INTEREST,
                                                     PS_INTERVAL_4H), ==, PS_INTERVAL_1H);
  g_assert_finalize_object (provider);
}

/* The coin is checked against the listing once, then the page: both POSTed
 * as JSON, the second exactly as Hyperliquid documents it. */
static void
test_candles (Fixture       *f,
              gconstpointer  data)
{
  GPtrArray *bodies;

  fixture_fetch (f, PS_SERIES_CANDLES, "BTC", PS_INTERVAL_1H, CANDLE0_MS + HOUR_MS,
                 CANDLE0_MS + 4 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 3);
  g_assert_cmpint (f->page->candles->t_ms[0], ==, CANDLE0_MS + HOUR_MS);
  g_assert_cmpfloat (ps_candles_open_at (f->page->candles, 0), ==, 0.001603);

  g_assert_cmpstr (ps_test_replay_server_get_method (f->server, "/info"), ==, "POST");
  g_assert_cmpstr (ps_test_replay_server_get_content_type (f->server), ==, "application/json");
  bodies = ps_test_replay_server_get_bodies (f->server);
  g_assert_cmpuint (bodies->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (bodies, 0), ==, "{\"type\":\"metaAndAssetCtxs\"}");
  g_assert_cmpstr (g_ptr_array_index (bodies, 1), ==,
                   "{\"type\":\"candleSnapshot\",\"req\":{\"coin\":\"BTC\",\"interval\":\"1h\","
                   "\"startTime\":1684702800000,\"endTime\":1684713599999}}");

  /* Known now: the next page goes straight out. */
  fixture_fetch (f, PS_SERIES_CANDLES, "BTC", PS_INTERVAL_1H, CANDLE0_MS, CANDLE0_MS + HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (bodies->len, ==, 3);
}

static void
test_funding (Fixture       *f,
              gconstpointer  data)
{
  GPtrArray *bodies = ps_test_replay_server_get_bodies (f->server);

  fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, FUNDING0_MS,
                 FUNDING0_MS + 24 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->funding->n, ==, 3);   /* 8-hourly then */
  g_assert_cmpint (f->page->funding->t_ms[0], ==, FUNDING0_MS);
  /* Half an hour early: settlements are stamped a little past the hour. */
  g_assert_cmpstr (g_ptr_array_index (bodies, bodies->len - 1), ==,
                   "{\"type\":\"fundingHistory\",\"coin\":\"BTC\","
                   "\"startTime\":1683847800000,\"endTime\":1683934199999}");
}

/* Settlements stamped off the hour are read as the hour: a page gets only
 * the hours asked, whatever rows the venue answers (this mirror answers
 * every row): the one before the range, stamped 48 ms past its hour, is not
 * the range's, nor, asked from past it, the one 421 ms past the next. */
static void
test_funding_jitter (Fixture       *f,
                     gconstpointer  data)
{
  const gint64 hour_ms = G_GINT64_CONSTANT (1782115200000);   /* 2026-06-22 08:00 */
  g_autofree char *body = g_strdup_printf (
    "[{\"coin\":\"BTC\",\"fundingRate\":\"0.0000125\",\"premium\":\"0.0001\","
    "\"time\":%" G_GINT64_FORMAT "},"
    "{\"coin\":\"BTC\",\"fundingRate\":\"0.0000189\",\"premium\":\"0.0001\","
    "\"time\":%" G_GINT64_FORMAT "}]", hour_ms - HOUR_MS + 48, hour_ms + 421);

  ps_test_replay_server_route (f->server, "/info", "\"fundingHistory\"", 200, body);
  fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, hour_ms - HOUR_MS + 1,
                 hour_ms + 12 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->funding->n, ==, 1);
  g_assert_cmpint (f->page->funding->t_ms[0], ==, hour_ms);
  g_assert_cmpfloat (f->page->funding->rate[0], ==, 0.0000189);

  fixture_clear_result (f);
  fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, hour_ms + 1,
                 hour_ms + 12 * HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->funding->n, ==, 0);
}

/* The snapshot is stamped when read: inside [floor to the hour, now + 1). */
static void
test_open_interest (Fixture       *f,
                    gconstpointer  data)
{
  gint64 now_ms = g_get_real_time () / 1000;

  fixture_fetch (f, PS_SERIES_OPEN_INTEREST, "BTC", PS_INTERVAL_1H, now_ms - now_ms % HOUR_MS,
                 now_ms + HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->open_interest->n, ==, 1);
  g_assert_cmpint (f->page->open_interest->t_ms[0], >=, now_ms);
  g_assert_cmpfloat (f->page->open_interest->contracts[0], ==, 688.11);
  g_assert_cmpfloat_with_epsilon (f->page->open_interest->usd[0], 688.11 * 14.3161, 1e-9);

  /* Asked up to a clock read a moment ago: stamped at the end asked for. */
  fixture_fetch (f, PS_SERIES_OPEN_INTEREST, "BTC", PS_INTERVAL_1H, now_ms - now_ms % HOUR_MS,
                 now_ms + 1);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->open_interest->n, ==, 1);
  g_assert_cmpint (f->page->open_interest->t_ms[0], ==, now_ms);
}

/* A day's candle in Hyperliquid's answer: {"t":…,"T":…,"i":"1d",…}. */
static char *
candle_json (gint64      t_ms,
             gint64      span_ms,
             const char *interval)
{
  return g_strdup_printf ("{\"t\":%" G_GINT64_FORMAT ",\"T\":%" G_GINT64_FORMAT ",\"s\":\"BTC\","
                          "\"i\":\"%s\",\"o\":\"64000\",\"c\":\"64100\",\"h\":\"64200\","
                          "\"l\":\"63900\",\"v\":\"12.5\",\"n\":7}",
                          t_ms, t_ms + span_ms - 1, interval);
}

/* The venue's clock is where its candles end: today's daily candle says
 * the local clock is right (one listing and one page), and it is trusted
 * for ten minutes without asking again. */
static void
test_server_time (Fixture       *f,
                  gconstpointer  data)
{
  gint64 before_ms = g_get_real_time () / 1000;
  gint64 today_ms = before_ms - before_ms % (24 * HOUR_MS);
  g_autofree char *yesterday = candle_json (today_ms - 24 * HOUR_MS, 24 * HOUR_MS, "1d");
  g_autofree char *today = candle_json (today_ms, 24 * HOUR_MS, "1d");
  g_autofree char *body = g_strdup_printf ("[%s,%s]", yesterday, today);

  ps_test_replay_server_route (f->server, "/info", "\"interval\":\"1d\"", 200, body);
  fixture_server_time (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->server_time_ms, >=, before_ms);
  g_assert_cmpint (f->server_time_ms, <=, g_get_real_time () / 1000);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 2);
  g_assert_nonnull (strstr (ps_test_replay_server_get_body (f->server, "/info"),
                            "\"coin\":\"BTC\",\"interval\":\"1d\""));

  fixture_clear_result (f);
  fixture_server_time (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->server_time_ms, >=, before_ms);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 2);
}

/* A mirror or replay serving an earlier "now" (fake_exchange's June): the
 * daily candles end months ago, and the newest minute of that last day is
 * the venue's now; later reads keep that offset. */
static void
test_server_time_behind (Fixture       *f,
                         gconstpointer  data)
{
  const gint64 day_ms = G_GINT64_CONSTANT (1782086400000);     /* 2026-06-22 */
  const gint64 minute_ms = day_ms + 11 * HOUR_MS + 59 * 60000;  /* 11:59 */
  g_autofree char *day = candle_json (day_ms, 24 * HOUR_MS, "1d");
  g_autofree char *minute = candle_json (minute_ms, 60000, "1m");
  g_autofree char *days = g_strdup_printf ("[%s]", day);
  g_autofree char *minutes = g_strdup_printf ("[%s]", minute);
  gint64 offset_ms;

  if (g_get_real_time () / 1000 < day_ms + 2 * 24 * HOUR_MS)
    {
      g_test_skip ("the local clock is not past 2026-06-24");
      return;
    }
  ps_test_replay_server_route (f->server, "/info", "\"interval\":\"1d\"", 200, days);
  ps_test_replay_server_route (f->server, "/info", "\"interval\":\"1m\"", 200, minutes);
  fixture_server_time (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->server_time_ms, ==, minute_ms + 60000 - 1);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 3);
  offset_ms = f->server_time_ms - g_get_real_time () / 1000;

  fixture_clear_result (f);
  fixture_server_time (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (ABS (f->server_time_ms - g_get_real_time () / 1000 - offset_ms), <, 5000);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 3);
}

/* A mirror serving hours but no minutes (fake_exchange.py): the newest
 * hour's end is its now, not the day's. */
static void
test_server_time_hours (Fixture       *f,
                        gconstpointer  data)
{
  const gint64 day_ms = G_GINT64_CONSTANT (1782086400000);     /* 2026-06-22 */
  const gint64 hour_ms = day_ms + 11 * HOUR_MS;                /* 11:00 */
  g_autofree char *day = candle_json (day_ms, 24 * HOUR_MS, "1d");
  g_autofree char *hour = candle_json (hour_ms, HOUR_MS, "1h");
  g_autofree char *days = g_strdup_printf ("[%s]", day);
  g_autofree char *hours = g_strdup_printf ("[%s]", hour);

  if (g_get_real_time () / 1000 < day_ms + 2 * 24 * HOUR_MS)
    {
      g_test_skip ("the local clock is not past 2026-06-24");
      return;
    }
  ps_test_replay_server_route (f->server, "/info", "\"interval\":\"1d\"", 200, days);
  ps_test_replay_server_route (f->server, "/info", "\"interval\":\"1m\"", 200, "[]");
  ps_test_replay_server_route (f->server, "/info", "\"interval\":\"1h\"", 200, hours);
  fixture_server_time (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->server_time_ms, ==, hour_ms + HOUR_MS - 1);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 4);
}

/* A venue that cannot say (a 500 on its candles) gets the local clock: the
 * time only bounds what is asked. */
static void
test_server_time_unknown (Fixture       *f,
                          gconstpointer  data)
{
  gint64 before_ms = g_get_real_time () / 1000;

  ps_test_replay_server_route (f->server, "/info", "\"candleSnapshot\"", 500,
                               "internal error");
  fixture_server_time (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->server_time_ms, >=, before_ms);
  g_assert_cmpint (f->server_time_ms, <=, g_get_real_time () / 1000);
}

static void
test_unknown_symbol (Fixture       *f,
                     gconstpointer  data)
{
  fixture_fetch (f, PS_SERIES_CANDLES, "DOGE", PS_INTERVAL_1H, CANDLE0_MS, CANDLE0_MS + HOUR_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_assert_cmpstr (f->error->message, ==, "Hyperliquid does not list the symbol “DOGE”");
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 1);
}

/* Hyperliquid's errors are text: a 422 says what it could not read. */
static void
test_text_error (Fixture       *f,
                 gconstpointer  data)
{
  ps_test_replay_server_route (f->server, "/info", "\"candleSnapshot\"", 422,
                              "Failed to deserialize the JSON body into the target type: "
                              "unknown variant `2h`\n");
  fixture_fetch (f, PS_SERIES_CANDLES, "BTC", PS_INTERVAL_1H, CANDLE0_MS, CANDLE0_MS + HOUR_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_VENUE);
  g_assert_cmpstr (f->error->message, ==,
                   "Hyperliquid: Failed to deserialize the JSON body into the target type: "
                   "unknown variant `2h` (HTTP 422)");

  /* A 500 after every retry stays HTTP_STATUS. */
  ps_http_set_max_retries (f->http, 1);
  ps_test_replay_server_set_fault_status (f->server, 500, 2, "");
  fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, FUNDING0_MS,
                 FUNDING0_MS + HOUR_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS);
}

/* 429 and 5xx are retried with the same body. */
static void
test_retried (Fixture       *f,
              gconstpointer  data)
{
  GPtrArray *bodies = ps_test_replay_server_get_bodies (f->server);

  fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, FUNDING0_MS,
                 FUNDING0_MS + HOUR_MS);
  g_assert_no_error (f->error);

  ps_test_replay_server_set_fault_status (f->server, 429, 1, "too many requests");
  fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, FUNDING0_MS,
                 FUNDING0_MS + HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->funding->n, ==, 1);

  ps_test_replay_server_set_fault_status (f->server, 503, 2, "");
  fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, FUNDING0_MS,
                 FUNDING0_MS + HOUR_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (bodies->len, ==, 1 + 1 + 2 + 3);
  for (guint i = 2; i < bodies->len; i++)
    g_assert_cmpstr (g_ptr_array_index (bodies, i), ==, g_ptr_array_index (bodies, 1));
}

/* A gateway's HTML page, a body cut short, a reset connection: each asked
 * again and the page arrives; with no retries left, an error naming
 * Hyperliquid and no page. A stall ends in a timeout. */
static void
test_broken_answers (Fixture       *f,
                     gconstpointer  data)
{
  static const PsTestReplayFault faults[] = {
    PS_TEST_REPLAY_HTML, PS_TEST_REPLAY_TRUNCATE, PS_TEST_REPLAY_RESET,
  };

  /* The coin's context, looked up once, before the faults. */
  fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, FUNDING0_MS, FUNDING0_MS + HOUR_MS);
  g_assert_no_error (f->error);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      ps_http_set_max_retries (f->http, 3);
      ps_test_replay_server_reset_counts (f->server);
      ps_test_replay_server_set_fault (f->server, faults[i], 1, NULL);
      fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, FUNDING0_MS,
                     FUNDING0_MS + HOUR_MS);
      g_assert_no_error (f->error);
      g_assert_cmpuint (f->page->funding->n, ==, 1);
      g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 2);

      ps_http_set_max_retries (f->http, 0);
      ps_test_replay_server_set_fault (f->server, faults[i], 1, NULL);
      fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, FUNDING0_MS,
                     FUNDING0_MS + HOUR_MS);
      g_assert_nonnull (f->error);
      g_assert_null (f->page);
      g_assert_nonnull (strstr (f->error->message, "Hyperliquid"));
    }

  ps_http_set_timeout (f->http, 1);
  ps_test_replay_server_set_fault (f->server, PS_TEST_REPLAY_STALL, 1, NULL);
  fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, FUNDING0_MS,
                 FUNDING0_MS + HOUR_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (f->error->message, "Hyperliquid"));
}

/* A page weighs what its range can hold: the window's refresh of the last
 * hour, candles and funding, a dozen times, fits in the bucket (300, 10 a
 * second) at once. Weighed by the page limits (103 and 45) the same pages
 * waited a minute for the bucket to refill. */
static void
test_weight_by_range (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GTimer) timer = g_timer_new ();

  for (guint i = 0; i < 6; i++)
    {
      fixture_fetch (f, PS_SERIES_CANDLES, "BTC", PS_INTERVAL_1H, CANDLE0_MS + i * HOUR_MS,
                     CANDLE0_MS + (i + 1) * HOUR_MS);
      g_assert_no_error (f->error);
      g_assert_cmpuint (f->page->candles->n, ==, 1);
      fixture_fetch (f, PS_SERIES_FUNDING, "BTC", PS_INTERVAL_NONE, FUNDING0_MS + i * HOUR_MS,
                     FUNDING0_MS + (i + 1) * HOUR_MS);
      g_assert_no_error (f->error);
    }
  g_test_message ("12 pages in %.1f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/hyperliquid/new", test_new);
  g_test_add_func ("/perpscope/net/hyperliquid/properties", test_properties);
#define ADD(name, func) \
  g_test_add ("/perpscope/net/hyperliquid/" name, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("candles", test_candles);
  ADD ("funding", test_funding);
  ADD ("funding-jitter", test_funding_jitter);
  ADD ("open-interest", test_open_interest);
  ADD ("server-time", test_server_time);
  ADD ("server-time-behind", test_server_time_behind);
  ADD ("server-time-hours", test_server_time_hours);
  ADD ("server-time-unknown", test_server_time_unknown);
  ADD ("unknown-symbol", test_unknown_symbol);
  ADD ("text-error", test_text_error);
  ADD ("retried", test_retried);
  ADD ("broken-answers", test_broken_answers);
  ADD ("weight-by-range", test_weight_by_range);
#undef ADD

  return g_test_run ();
}
