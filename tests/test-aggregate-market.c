/* test-aggregate-market.c: PsAggregateMarket against the loopback Binance,
 * the other venues refusing connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-aggregate-market.h"
#include "ps-net-error.h"
#include "ps-test-market.h"

#define NOV_10 G_GINT64_CONSTANT (1762732800000)  /* 2025-11-10 UTC */
#define NOV_17 G_GINT64_CONSTANT (1763337600000)  /* 2025-11-17 UTC: daily OI from 11-07 */

static PsAggregateMarket *
aggregate_new (Fixture    *f,
               const char *rest)
{
  g_setenv ("PERPSCOPE_BINANCE_REST", rest ? rest : ps_test_server_get_uri (f->server), TRUE);
  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", ps_test_server_get_uri (f->server), TRUE);
  return ps_aggregate_market_new (f->core, "btc", PS_INTERVAL_4H);
}

static void
wait_aggregate (PsAggregateMarket *aggregate)
{
  while (ps_aggregate_market_get_loading (aggregate))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  PsAggregateMarket *aggregate = aggregate_new (f, NULL);
  g_autoptr(PsMarketSnapshot) snapshot = NULL;
  static const char * const symbols[] = {
    "BTCUSDT", "BTCUSDT", "BTC-USDT-SWAP", "XBTUSD", "BTC",
  };

  g_assert_cmpstr (ps_aggregate_market_get_asset (aggregate), ==, "BTC");
  g_assert_cmpuint (ps_aggregate_market_get_n_venues (aggregate), ==, G_N_ELEMENTS (symbols));
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    g_assert_cmpstr (ps_market_get_symbol (ps_aggregate_market_get_market (aggregate, i)), ==,
                     symbols[i]);
  g_assert_false (ps_aggregate_market_get_loading (aggregate));
  snapshot = ps_aggregate_market_get_snapshot (aggregate);
  g_assert_cmpstr (snapshot->venue, ==, PS_AGGREGATE_VENUE);
  g_assert_cmpstr (snapshot->symbol, ==, "BTC");
  g_assert_cmpuint (snapshot->parts->len, ==, G_N_ELEMENTS (symbols));
  g_assert_cmpuint (snapshot->candles->n, ==, 0);
  g_assert_finalize_object (aggregate);
}

/* Binance answers, four venues fail: the aggregate is Binance's, each
 * failure a note naming its venue, no error. */
static void
test_one_venue (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PsAggregateMarket) aggregate = aggregate_new (f, NULL);
  g_autoptr(PsMarketSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) notes = NULL;
  PsMarket *binance = ps_aggregate_market_get_market (aggregate, 0);
  const PsAggregate *aggregate_result;
  PsFunding *funding;

  ps_aggregate_market_load (aggregate, NOV_10, NOV_17);
  g_assert_true (ps_aggregate_market_get_loading (aggregate));
  wait_aggregate (aggregate);

  g_assert_null ((error = ps_aggregate_market_dup_error (aggregate)));
  snapshot = ps_aggregate_market_get_snapshot (aggregate);
  g_assert_false (snapshot->loading);
  g_assert_cmpuint (snapshot->candles->n, ==, 42);
  g_assert_true (snapshot->candles == ps_market_get_candles (binance));
  g_assert_true (((PsMarketSnapshot *) snapshot->parts->pdata[0])->candles == snapshot->candles);

  /* Funding: Binance's alone, per 8 h already, at its own (late-stamped)
   * settlements' hours; no OI to weigh by here (Binance serves 30 days). */
  funding = ps_market_get_funding (binance);
  aggregate_result = ps_aggregate_market_get_aggregate (aggregate);
  g_assert_cmpuint (funding->n, ==, 21);
  g_assert_cmpuint (snapshot->funding->n, ==, funding->n);
  for (guint i = 0; i < funding->n; i++)
    {
      g_assert_cmpint (snapshot->funding->t_ms[i], ==, funding->t_ms[i] / 1000 * 1000);
      g_assert_cmpfloat_with_epsilon (snapshot->funding->rate[i], funding->rate[i], 1e-15);
      g_assert_cmpuint (aggregate_result->funding_state[i], ==, PS_AGGREGATE_STEP_UNWEIGHTED);
    }

  notes = ps_aggregate_market_dup_notes (aggregate);
  /* The four failures, and Binance's OI left out of the sum (older than
   * the 30 days Binance serves). */
  g_assert_cmpuint (g_strv_length (notes), ==, 5);
  g_assert_cmpstr (notes[0], ==, "Binance BTCUSDT: no open interest in USD in this range: not in "
                                 "the sum");
  g_assert_true (g_str_has_prefix (notes[1], "Bybit BTCUSDT: "));
  g_assert_true (g_str_has_prefix (notes[4], "Hyperliquid BTC: "));
}

static void
test_all_fail (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PsAggregateMarket) aggregate = aggregate_new (f, "http://127.0.0.1:9");
  g_autoptr(GError) error = NULL;

  ps_aggregate_market_load (aggregate, NOV_10, NOV_17);
  wait_aggregate (aggregate);
  error = ps_aggregate_market_dup_error (aggregate);
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "No venue has BTC 4h: Binance BTCUSDT: "));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add ("/perpscope/model/aggregate-market/new-destroy", Fixture, NULL, fixture_setup,
              test_new_destroy, fixture_teardown);
  g_test_add ("/perpscope/model/aggregate-market/one-venue", Fixture, NULL, fixture_setup,
              test_one_venue, fixture_teardown);
  g_test_add ("/perpscope/model/aggregate-market/all-fail", Fixture, NULL, fixture_setup,
              test_all_fail, fixture_teardown);

  return g_test_run ();
}
