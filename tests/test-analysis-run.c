/* test-analysis-run.c: ps_analysis_run () carrying a previous result forward
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A live window runs the analysis again for every batch of liquidations;
 * candles come once a minute and open interest every five. These cases
 * hold what a run takes from the run before to what a run from nothing
 * gives: the real late-2025 4h candles and daily open interest of
 * tests/data, and liquidations made from the candles (deterministic).
 */
#include "config.h"

#include "ps-test-analysis.h"
#include "ps-test-real-data.h"

/* Everything a reader sees of the scores, phases and verdict: the same. */
static void
assert_same_results (PsAnalysis *a,
                     PsAnalysis *b)
{
  PsTreadmill *ta = ps_analysis_get_treadmill (a), *tb = ps_analysis_get_treadmill (b);
  guint n = ps_treadmill_get_n_candles (ta);

  for (PsHeatmapMode mode = PS_HEATMAP_MODEL; mode <= PS_HEATMAP_ROUND; mode++)
    {
      const PsScore *sa = ps_analysis_get_score (a, mode), *sb = ps_analysis_get_score (b, mode);

      g_assert_cmpuint (sa->n_scored, ==, sb->n_scored);
      g_assert_cmpuint (sa->zones_crossed, ==, sb->zones_crossed);
      g_assert_cmpuint (sa->zones_hit, ==, sb->zones_hit);
      assert_same_value (sa->rank_corr, sb->rank_corr);
      assert_same_value (sa->rank_corr_long, sb->rank_corr_long);
      assert_same_value (sa->rank_corr_short, sb->rank_corr_short);
      assert_same_value (sa->recorded_usd, sb->recorded_usd);
      assert_same_value (sa->recorded_usd_in_zones, sb->recorded_usd_in_zones);
      assert_same_value (sa->zone_price_share, sb->zone_price_share);
      assert_same_value (sa->expected_usd_in_zones, sb->expected_usd_in_zones);
      assert_same_value (sa->lift, sb->lift);
    }
  g_assert_cmpstr (ps_analysis_get_verdict (a), ==, ps_analysis_get_verdict (b));
  g_assert_cmpuint (n, ==, ps_treadmill_get_n_candles (tb));
  g_assert_cmpmem (ps_treadmill_get_phases (ta), n, ps_treadmill_get_phases (tb), n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (ps_treadmill_get_reasons (ta, i), ==, ps_treadmill_get_reasons (tb, i));
}

/* New liquidations, the same candles and open interest: the heatmaps are
 * the previous run's own (no copy), while the scores and phases take the
 * new events, equal to a run from nothing over the same input. */
static void
test_liquidations_share_heatmaps (void)
{
  g_autoptr(PsCandles) candles = load_candles ("binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv");
  g_autoptr(PsOpenInterest) oi = load_open_interest ();
  g_autoptr(PsFunding) funding = load_funding ();
  g_autoptr(PsLiquidations) before = ps_liquidations_new (0);
  g_autoptr(PsLiquidations) after = NULL;
  g_autoptr(PsAnalysis) first = NULL;
  g_autoptr(PsAnalysis) next = NULL;
  g_autoptr(PsAnalysis) fresh = NULL;
  PsAnalysisInput input = { candles, NULL, oi, funding, before, NULL };

  add_liquidations (before, candles, 0, 5);
  first = run_ok (&input, NULL);
  g_assert_false (ps_analysis_get_incremental (first));

  after = ps_liquidations_slice (before, G_MININT64, G_MAXINT64);
  add_liquidations (after, candles, 2, 3);
  input.liquidations = after;
  next = run_ok (&input, first);
  fresh = run_ok (&input, NULL);

  g_assert_true (ps_analysis_get_incremental (next));
  for (PsHeatmapMode mode = PS_HEATMAP_MODEL; mode <= PS_HEATMAP_ROUND; mode++)
    {
      g_assert_true (ps_analysis_get_heatmap (next, mode) == ps_analysis_get_heatmap (first, mode));
      g_assert_true (ps_analysis_get_heatmap (fresh, mode) != ps_analysis_get_heatmap (first, mode));
    }
  /* The new events count: the scores moved from the first run's. */
  g_assert_cmpfloat (ps_analysis_get_score (next, PS_HEATMAP_MODEL)->recorded_usd, >,
                     ps_analysis_get_score (first, PS_HEATMAP_MODEL)->recorded_usd);
  assert_same_results (next, fresh);

  /* The first result is untouched by the second run, and still whole once
   * the second is gone. */
  g_clear_pointer (&next, ps_analysis_unref);
  input.liquidations = before;
  g_clear_pointer (&fresh, ps_analysis_unref);
  fresh = run_ok (&input, NULL);
  assert_same_results (first, fresh);
}

/* Another series, even of the same values (a new read), or more candles:
 * the heatmaps are extended copies, never the previous run's. */
static void
test_new_series_extend (void)
{
  g_autoptr(PsCandles) all = load_candles ("binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv");
  g_autoptr(PsCandles) head = ps_candles_slice (all, G_MININT64, all->t_ms[all->n - 1]);
  g_autoptr(PsOpenInterest) oi = load_open_interest ();
  g_autoptr(PsOpenInterest) oi_again = ps_open_interest_slice (oi, G_MININT64, G_MAXINT64);
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  g_autoptr(PsAnalysis) first = NULL;
  g_autoptr(PsAnalysis) reread = NULL;
  g_autoptr(PsAnalysis) longer = NULL;
  g_autoptr(PsAnalysis) fresh = NULL;
  PsAnalysisInput input = { head, NULL, oi, NULL, liq, NULL };

  add_liquidations (liq, all, 0, 4);
  g_assert_cmpuint (head->n + 1, ==, all->n);
  first = run_ok (&input, NULL);

  input.open_interest = oi_again;
  reread = run_ok (&input, first);
  g_assert_true (ps_analysis_get_incremental (reread));
  for (PsHeatmapMode mode = PS_HEATMAP_MODEL; mode <= PS_HEATMAP_ROUND; mode++)
    g_assert_true (ps_analysis_get_heatmap (reread, mode) != ps_analysis_get_heatmap (first, mode));
  assert_same_results (reread, first);

  input.candles = all;
  longer = run_ok (&input, reread);
  fresh = run_ok (&input, NULL);
  g_assert_true (ps_analysis_get_incremental (longer));
  for (PsHeatmapMode mode = PS_HEATMAP_MODEL; mode <= PS_HEATMAP_ROUND; mode++)
    {
      g_assert_true (ps_analysis_get_heatmap (longer, mode) != ps_analysis_get_heatmap (reread, mode));
      g_assert_cmpuint (ps_heatmap_get_n_candles (ps_analysis_get_heatmap (longer, mode)), ==,
                        all->n);
    }
  g_assert_cmpuint (ps_treadmill_get_n_candles (ps_analysis_get_treadmill (longer)), ==, all->n);
  /* An extended heatmap may differ from a computed one in the last bits of
   * its sums (test-heatmap-extend); the phases read none of them. */
  g_assert_cmpmem (ps_treadmill_get_phases (ps_analysis_get_treadmill (longer)), all->n,
                   ps_treadmill_get_phases (ps_analysis_get_treadmill (fresh)), all->n);
}

/* Without open interest there is no heatmap to share: a run with the last
 * one at hand says why again, and its phases still come. */
static void
test_no_open_interest (void)
{
  g_autoptr(PsCandles) candles = load_candles ("binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv");
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  g_autoptr(PsLiquidations) more = NULL;
  g_autoptr(PsAnalysis) first = NULL;
  g_autoptr(PsAnalysis) next = NULL;
  g_autoptr(GError) error = NULL;
  PsAnalysisParams params;
  PsAnalysisInput input = { candles, NULL, NULL, NULL, liq, NULL };

  ps_analysis_params_init (&params);
  add_liquidations (liq, candles, 0, 5);
  first = ps_analysis_run (&params, &input, NULL, NULL, &error);
  g_assert_no_error (error);
  more = ps_liquidations_slice (liq, G_MININT64, G_MAXINT64);
  add_liquidations (more, candles, 1, 7);
  input.liquidations = more;
  next = ps_analysis_run (&params, &input, first, NULL, &error);
  g_assert_no_error (error);
  for (PsHeatmapMode mode = PS_HEATMAP_MODEL; mode <= PS_HEATMAP_ROUND; mode++)
    {
      g_assert_null (ps_analysis_get_heatmap (first, mode));
      g_assert_null (ps_analysis_get_heatmap (next, mode));
    }
  g_assert_nonnull (ps_analysis_get_heatmap_error (next));
  g_assert_false (ps_analysis_get_incremental (next));
  g_assert_cmpuint (ps_treadmill_get_n_candles (ps_analysis_get_treadmill (next)), ==, candles->n);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/analysis/run/liquidations-share-heatmaps",
                   test_liquidations_share_heatmaps);
  g_test_add_func ("/perpscope/analysis/run/new-series-extend", test_new_series_extend);
  g_test_add_func ("/perpscope/analysis/run/no-open-interest", test_no_open_interest);

  return g_test_run ();
}
