/* test-funding-next.c: the next funding settlement's predicted rate, from
 * Binance's premiumIndex through the provider and the market, against the
 * loopback server (its sample, its faults)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-binance.h"
#include "ps-net-error.h"
#include "ps-test-market.h"
#include "ps-time.h"

#define PREMIUM_PATH "/fapi/v1/premiumIndex"

typedef struct
{
  gboolean               done;
  gboolean               ok;
  PsBinancePremiumIndex  premium;
  GError                *error;
} Result;

static void
premium_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *r = user_data;

  r->ok = ps_binance_get_premium_index_finish (PS_BINANCE (object), result, &r->premium,
                                               &r->error);
  r->done = TRUE;
}

static void
fetch_premium (Fixture *f,
               Result  *r)
{
  g_autoptr(PsHttp) http = ps_http_new ();
  g_autoptr(PsBinance) binance = NULL;

  ps_http_set_backoff (http, 10);
  binance = ps_binance_new (http, ps_test_server_get_uri (f->server));
  ps_binance_get_premium_index_async (binance, "BTCUSDT", NULL, premium_cb, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_provider (Fixture       *f,
               gconstpointer  data)
{
  Result r = { 0 };

  fetch_premium (f, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpfloat (r.premium.funding_rate, ==, 0.00038246);
  g_assert_cmpint (r.premium.next_funding_time_ms, ==, 1597392000000);
  g_assert_cmpfloat (r.premium.mark_price, ==, 11793.63104562);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, PREMIUM_PATH), ==, 1);
}

/* Binance failing stays an error of the call, in words, never a crash. */
static void
test_provider_5xx (Fixture       *f,
                   gconstpointer  data)
{
  Result r = { 0 };

  ps_test_server_set_fault (f->server, PS_TEST_FAULT_500, 100);
  fetch_premium (f, &r);
  g_assert_false (r.ok);
  g_assert_nonnull (r.error);
  g_assert_true (r.error->domain == PS_NET_ERROR);
  g_assert_nonnull (strstr (r.error->message, "Binance"));
  g_clear_error (&r.error);
}

static void
test_provider_garbage (Fixture       *f,
                       gconstpointer  data)
{
  Result r = { 0 };

  ps_test_server_set_fault (f->server, PS_TEST_FAULT_GARBAGE, 100);
  fetch_premium (f, &r);
  g_assert_false (r.ok);
  g_assert_nonnull (r.error);
  g_clear_error (&r.error);
}

/* The market ------------------------------------------------------------------ */

static PsMarket *
new_market (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PsMarket *market;

  g_setenv ("PERPSCOPE_BINANCE_REST", ps_test_server_get_uri (f->server), TRUE);
  market = ps_market_new (f->core, "binance", "BTCUSDT", PS_INTERVAL_4H, &error);
  g_assert_no_error (error);
  return market;
}

static void
count_cb (PsMarket *market,
          guint    *n)
{
  (*n)++;
}

static void
test_market (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PsMarket) market = new_market (f);
  double rate = 0;
  gint64 next_ms = 0;
  guint n = 0;

  g_signal_connect (market, "next-funding-changed", G_CALLBACK (count_cb), &n);
  /* Not asked for: nothing fetched (the command line's markets). */
  g_assert_false (ps_market_get_next_funding (market, &rate, &next_ms));
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, PREMIUM_PATH), ==, 0);

  ps_market_set_follow_next_funding (market, TRUE);
  while (n == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ps_market_get_next_funding (market, &rate, &next_ms));
  g_assert_cmpfloat (rate, ==, 0.00038246);
  /* The sample's settlement is 21,504,998 ms after its own now: as far
   * after ours, within the test's run. */
  g_assert_cmpint (next_ms - ps_time_now_ms (), <=, 1597392000000 - 1597370495002);
  g_assert_cmpint (next_ms - ps_time_now_ms (), >, 1597392000000 - 1597370495002 - 60000);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, PREMIUM_PATH), ==, 1);

  /* Unfollowed: what is known stays, nothing more is asked. */
  ps_market_set_follow_next_funding (market, FALSE);
  g_assert_true (ps_market_get_next_funding (market, NULL, NULL));
  g_assert_finalize_object (g_steal_pointer (&market));
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A failing venue: no prediction, no signal, no crash, and disposing the
 * market with a request in flight is safe. */
static void
test_market_5xx (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PsMarket) market = new_market (f);
  gboolean timed_out = FALSE;
  guint n = 0;

  ps_test_server_set_fault (f->server, PS_TEST_FAULT_503, 1000);
  g_signal_connect (market, "next-funding-changed", G_CALLBACK (count_cb), &n);
  ps_market_set_follow_next_funding (market, TRUE);
  g_timeout_add (500, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, PREMIUM_PATH), >=, 1);
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (ps_market_get_next_funding (market, NULL, NULL));
  g_assert_finalize_object (g_steal_pointer (&market));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/model/funding-next/" path, Fixture, NULL, \
              fixture_setup, func, fixture_teardown)
  ADD ("provider", test_provider);
  ADD ("provider-5xx", test_provider_5xx);
  ADD ("provider-garbage", test_provider_garbage);
  ADD ("market", test_market);
  ADD ("market-5xx", test_market_5xx);
#undef ADD

  return g_test_run ();
}
