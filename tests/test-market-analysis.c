/* test-market-analysis.c: PsMarketAnalysis over a market fed by a loopback Binance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "ps-market-analysis.h"
#include "ps-test-market.h"
#include "ps-test-server.h"
#include "ps-test-util.h"

#define HOUR   ((gint64) 3600 * 1000)
#define DAY    (24 * HOUR)
#define NOV_15 1763164800000   /* 2025-11-15 UTC */
#define DEC_18 1766016000000   /* 2025-12-18 UTC, the server's default now */

/* The core closed before it goes; the market is a loopback Binance. */
static void
analysis_setup (Fixture       *f,
                gconstpointer  data)
{
  fixture_setup (f, data);
  g_setenv ("PERPSCOPE_BINANCE_REST", ps_test_server_get_uri (f->server), TRUE);
}

static void
analysis_teardown (Fixture       *f,
                   gconstpointer  data)
{
  ps_core_close (f->core);
  fixture_teardown (f, data);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
count_market_cb (PsMarket *market,
                 gint64    from_ms,
                 gint64    to_ms,
                 guint    *count)
{
  (*count)++;
}

static PsMarket *
market_new (Fixture    *f,
            const char *symbol)
{
  g_autoptr(GError) error = NULL;
  PsMarket *market = ps_market_new (f->core, "binance", symbol, PS_INTERVAL_4H, &error);

  g_assert_no_error (error);
  ps_market_set_demo_allowed (market, FALSE);
  return market;
}

/* Until the market is idle and the analysis has answered for it. */
static void
wait_settled (PsMarket         *market,
              PsMarketAnalysis *analysis)
{
  while (ps_market_get_loading (market) || ps_market_analysis_get_busy (analysis))
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_same_predictions (PsHeatmap *a,
                         PsHeatmap *b)
{
  guint n = ps_heatmap_get_n_candles (a);

  g_assert_cmpuint (n, ==, ps_heatmap_get_n_candles (b));
  for (int side = PS_LIQ_LONG; side <= PS_LIQ_SHORT; side++)
    {
      const double *pa = ps_heatmap_get_predicted (a, side);
      const double *pb = ps_heatmap_get_predicted (b, side);

      for (guint i = 0; i < n; i++)
        g_assert_cmpfloat_with_epsilon (pa[i], pb[i], 1e-6 * MAX (1.0, fabs (pb[i])));
    }
  g_assert_cmpfloat_with_epsilon (ps_heatmap_get_grid (a)->max_usd,
                                  ps_heatmap_get_grid (b)->max_usd,
                                  1e-4 * MAX (1.0f, ps_heatmap_get_grid (b)->max_usd));
}

/* A month of 4h candles with daily open interest: every part comes, runs
 * are coalesced while pages land, and new candles extend the result to what
 * a full run gives. */
static void
test_follows_market (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, "BTCUSDT");
  g_autoptr(PsMarketAnalysis) analysis = ps_market_analysis_new ();
  g_autoptr(PsAnalysis) full = NULL;
  g_autoptr(GError) error = NULL;
  guint n_market_changed = 0, n_analysis_changed = 0;
  PsAnalysis *result;
  PsCandles *candles;
  guint n_before;

  g_signal_connect (market, "changed", G_CALLBACK (count_market_cb), &n_market_changed);
  g_signal_connect (analysis, "changed", G_CALLBACK (count_cb), &n_analysis_changed);
  ps_market_analysis_set_source (analysis, PS_MARKET_SOURCE (market));
  g_assert_null (ps_market_analysis_get_result (analysis));

  ps_market_load (market, NOV_15, DEC_18 + DAY);
  wait_settled (market, analysis);
  g_assert_no_error ((GError *) ps_market_get_error (market));

  result = ps_market_analysis_get_result (analysis);
  g_assert_nonnull (result);
  candles = ps_market_get_candles (market);
  g_assert_cmpuint (candles->n, >, 150);
  g_assert_nonnull (ps_analysis_get_heatmap (result, PS_HEATMAP_MODEL));
  g_assert_nonnull (ps_analysis_get_heatmap (result, PS_HEATMAP_UNIFORM));
  g_assert_nonnull (ps_analysis_get_heatmap (result, PS_HEATMAP_ROUND));
  g_assert_cmpuint (ps_heatmap_get_n_candles (ps_analysis_get_heatmap (result, PS_HEATMAP_MODEL)),
                    ==, candles->n);
  g_assert_cmpuint (ps_treadmill_get_n_candles (ps_analysis_get_treadmill (result)), ==, candles->n);
  g_assert_nonnull (ps_analysis_get_score (result, PS_HEATMAP_MODEL));
  g_assert_nonnull (ps_analysis_get_verdict (result));
  g_assert_cmpfloat (ps_heatmap_get_grid (ps_analysis_get_heatmap (result, PS_HEATMAP_MODEL))->max_usd, >, 0);
  /* Never more runs than changes, one at a time. */
  g_assert_cmpuint (ps_market_analysis_get_n_runs (analysis), <=, n_market_changed + 1);
  g_assert_cmpuint (n_analysis_changed, >=, 1);

  /* Eight hours later, two new candles at the end: extended, not recomputed. */
  n_before = candles->n;
  ps_test_server_set_now (f->server, DEC_18 + 8 * HOUR + 1);
  ps_market_refresh (market);
  wait_settled (market, analysis);
  candles = ps_market_get_candles (market);
  g_assert_cmpuint (candles->n, ==, n_before + 2);
  result = ps_market_analysis_get_result (analysis);
  g_assert_true (ps_analysis_get_incremental (result));
  g_assert_cmpuint (ps_market_analysis_get_n_incremental (analysis), >=, 1);

  {
    PsAnalysisInput input = {
      candles, NULL, ps_market_get_open_interest (market), ps_market_get_funding (market),
      ps_market_get_liquidations (market), ps_market_get_not_recorded (market),
    };

    full = ps_analysis_run (ps_market_analysis_get_params (analysis), &input, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (ps_analysis_get_incremental (full));
  }
  for (PsHeatmapMode mode = PS_HEATMAP_MODEL; mode <= PS_HEATMAP_ROUND; mode++)
    assert_same_predictions (ps_analysis_get_heatmap (result, mode),
                             ps_analysis_get_heatmap (full, mode));

  /* A refresh that finds nothing new (the venue's clock has not moved):
   * the market shows the very same series and the analysis does not run
   * again; its result stands. */
  {
    guint n_runs = ps_market_analysis_get_n_runs (analysis);

    ps_market_refresh (market);
    wait_settled (market, analysis);
    g_assert_true (ps_market_get_candles (market) == candles);
    g_assert_true (ps_market_analysis_get_result (analysis) == result);
    g_assert_cmpuint (ps_market_analysis_get_n_runs (analysis), ==, n_runs);
    g_assert_cmpuint (ps_market_analysis_get_n_skipped (analysis), >=, 1);
  }
}

/* Another market drops the result at once, and the old market's run never
 * lands on the new one; a market without candles is an error, not a crash. */
static void
test_switch_and_empty (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, "BTCUSDT");
  g_autoptr(PsMarket) empty = market_new (f, "BTCUSDT");
  g_autoptr(PsMarketAnalysis) analysis = ps_market_analysis_new ();

  ps_market_analysis_set_source (analysis, PS_MARKET_SOURCE (market));
  ps_market_load (market, NOV_15, DEC_18);
  wait_settled (market, analysis);
  g_assert_nonnull (ps_market_analysis_get_result (analysis));

  /* A range before the venue's first candle of the fixture: nothing. */
  ps_market_load (empty, NOV_15 - 200 * DAY, NOV_15 - 190 * DAY);
  ps_market_refresh (market);
  ps_market_analysis_set_source (analysis, PS_MARKET_SOURCE (empty));
  g_assert_null (ps_market_analysis_get_result (analysis));
  wait_settled (market, analysis);
  wait_settled (empty, analysis);
  g_assert_cmpuint (ps_market_get_candles (empty)->n, ==, 0);
  g_assert_null (ps_market_analysis_get_result (analysis));
  g_assert_nonnull (ps_market_analysis_get_error (analysis));

  /* And back: results again. */
  ps_market_analysis_set_source (analysis, PS_MARKET_SOURCE (market));
  wait_settled (market, analysis);
  g_assert_nonnull (ps_market_analysis_get_result (analysis));
  ps_market_analysis_set_source (analysis, NULL);
  g_assert_null (ps_market_analysis_get_result (analysis));
}

/* Runs are spaced by the floor, or by what keeps them to a fifth of a
 * processor after a long one (a million candles while liquidations stream:
 * a run of a second, then one every five). */
static void
test_min_gap (void)
{
  const gint64 ms = 1000;

  g_assert_cmpint (PS_MARKET_ANALYSIS_MAX_SHARE_PCT, ==, 20);
  g_assert_cmpint (ps_market_analysis_min_gap_us (FALSE, 0), ==, 250 * ms);
  g_assert_cmpint (ps_market_analysis_min_gap_us (TRUE, 0), ==, 1000 * ms);
  g_assert_cmpint (ps_market_analysis_min_gap_us (FALSE, 40 * ms), ==, 250 * ms);
  g_assert_cmpint (ps_market_analysis_min_gap_us (FALSE, 60 * ms), ==, 300 * ms);
  g_assert_cmpint (ps_market_analysis_min_gap_us (FALSE, 1000 * ms), ==, 5000 * ms);
  g_assert_cmpint (ps_market_analysis_min_gap_us (TRUE, 150 * ms), ==, 1000 * ms);
  g_assert_cmpint (ps_market_analysis_min_gap_us (TRUE, 400 * ms), ==, 2000 * ms);
  g_assert_cmpint (ps_market_analysis_min_gap_us (FALSE, -5 * ms), ==, 250 * ms);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/model/market-analysis/" path, Fixture, NULL, analysis_setup, func, analysis_teardown)
  ADD ("follows-market", test_follows_market);
  ADD ("switch-and-empty", test_switch_and_empty);
#undef ADD
  g_test_add_func ("/perpscope/model/market-analysis/min-gap", test_min_gap);

  return g_test_run ();
}
