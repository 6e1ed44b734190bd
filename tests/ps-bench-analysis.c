/* ps-bench-analysis.c: the analysis as a live window runs it, beside a run
 * from nothing over the same series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A live window runs the analysis again for each batch of liquidations (at
 * most every 250 ms), for each new candle (a minute) and for new open
 * interest (five minutes), each time with the previous result at hand
 * (PsMarketAnalysis). Timed here, thread CPU, medians of a few: a run over
 * new liquidations only, over one candle more, and the baseline, the same
 * series analysed from nothing (what every run cost before results were
 * carried forward). A month of 1m candles and a million.
 */
#include "config.h"

#include <math.h>

#include "ps-analysis.h"
#include "ps-bench-private.h"
#include "ps-market-analysis.h"

#define ROUNDS 5

/* Liquidations as a wide candle makes them: the side its move went against,
 * a few a day, sized by its volume. */
static PsLiquidations *
make_liquidations (const PsCandles *c,
                   guint            n)
{
  PsLiquidations *liq = ps_liquidations_new (0);

  for (guint i = 0; i < n; i++)
    {
      double o = ps_candles_open_at (c, i), k = ps_candles_close_at (c, i);
      double h = ps_candles_high_at (c, i), l = ps_candles_low_at (c, i);

      if ((h - l) / o > 0.002 || i % 97 == 0)
        {
          PsLiqSide side = k < o ? PS_LIQ_LONG : PS_LIQ_SHORT;
          double price = side == PS_LIQ_LONG ? l : h;
          double usd = ps_candles_volume_at (c, i) * price / 50;

          ps_liquidations_append (liq, c->t_ms[i] + MINUTE / 2, side, PS_LIQ_SOURCE_LIVE, price,
                                  price, usd / price, usd);
        }
    }
  return liq;
}

static PsAnalysis *
run (const PsAnalysisParams *params,
     const PsAnalysisInput  *input,
     PsAnalysis             *previous,
     double                 *cpu)
{
  g_autoptr(GError) error = NULL;
  double t = cpu_s ();
  PsAnalysis *analysis = ps_analysis_run (params, input, previous, NULL, &error);

  *cpu = cpu_s () - t;
  g_assert_no_error (error);
  return analysis;
}

static void
bench_analysis_at (guint n)
{
  g_autoptr(PsCandles) all = NULL;
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(PsLiquidations) liq = NULL;
  double full[ROUNDS], liq_only[ROUNDS], candle[ROUNDS], full_s, liq_s, candle_s;
  PsAnalysisParams params;
  PsAnalysisInput input = { 0 };

  bench_make_walk (n + ROUNDS, &all, &oi);
  candles = ps_candles_slice (all, G_MININT64, all->t_ms[n]);
  liq = make_liquidations (all, n);
  ps_analysis_params_init (&params);
  input.candles = candles;
  input.open_interest = oi;
  input.liquidations = liq;

  /* PS_BENCH_ANALYSIS_PROFILE=k: k runs over new liquidations and nothing
   * else, for perf record. */
  if (g_getenv ("PS_BENCH_ANALYSIS_PROFILE") != NULL)
    {
      guint k = (guint) g_ascii_strtoull (g_getenv ("PS_BENCH_ANALYSIS_PROFILE"), NULL, 10);
      g_autoptr(PsAnalysis) first = run (&params, &input, NULL, &full[0]);
      g_autoptr(PsLiquidations) more = ps_liquidations_slice (liq, G_MININT64, G_MAXINT64);
      PsAnalysisInput live_input = input;
      double price = ps_candles_close_at (candles, n - 1), sum = 0, one;

      live_input.liquidations = more;
      for (guint r = 0; r < k; r++)
        {
          ps_liquidations_append (more, candles->t_ms[n - 1] + 1000 * (r + 1), PS_LIQ_LONG,
                                  PS_LIQ_SOURCE_LIVE, price, price, 0.5, 0.5 * price);
          PsAnalysis *next = run (&params, &live_input, first, &one);

          ps_analysis_unref (first);
          first = next;
          sum += one;
        }
      g_print ("%u live runs: %.1f ms each\n", k, sum / MAX (k, 1) * 1e3);
      return;
    }

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(PsAnalysis) first = run (&params, &input, NULL, &full[r]);
      g_autoptr(PsAnalysis) live = NULL;
      g_autoptr(PsAnalysis) longer = NULL;
      g_autoptr(PsLiquidations) more = ps_liquidations_slice (liq, G_MININT64, G_MAXINT64);
      g_autoptr(PsCandles) next = ps_candles_slice (all, G_MININT64, all->t_ms[n + 1]);
      PsAnalysisInput live_input = input, next_input = input;
      double price = ps_candles_close_at (candles, n - 1);

      /* A batch of three events in the last candle: the same candles and
       * open interest. */
      for (guint k = 0; k < 3; k++)
        ps_liquidations_append (more, candles->t_ms[n - 1] + 1000 * (k + 1), PS_LIQ_LONG,
                                PS_LIQ_SOURCE_LIVE, price, price, 0.5, 0.5 * price);
      live_input.liquidations = more;
      live = run (&params, &live_input, first, &liq_only[r]);
      g_assert_true (ps_analysis_get_heatmap (live, PS_HEATMAP_MODEL) ==
                     ps_analysis_get_heatmap (first, PS_HEATMAP_MODEL));

      /* The next minute's candle. */
      next_input.candles = next;
      longer = run (&params, &next_input, first, &candle[r]);
      g_assert_true (ps_analysis_get_incremental (longer));
    }
  full_s = bench_percentile (full, ROUNDS, 50);
  liq_s = bench_percentile (liq_only, ROUNDS, 50);
  candle_s = bench_percentile (candle, ROUNDS, 50);

  g_print ("analysis: %u 1m candles, %u liquidations, open interest a minute (thread CPU, "
           "median of %u)\n", n, liq->n, ROUNDS);
  g_print ("%-34s %9.1f ms   baseline (from nothing) %9.1f ms   ratio %5.2fx\n",
           "  new liquidations, live", liq_s * 1e3, full_s * 1e3, liq_s / full_s);
  g_print ("%-34s %9.1f ms   baseline (from nothing) %9.1f ms   ratio %5.2fx\n",
           "  one candle more", candle_s * 1e3, full_s * 1e3, candle_s / full_s);
  g_print ("%-34s %9.2f s from one start to the next while liquidations stream (at most "
           "%d %% of a processor; floor %d ms)\n", "  live: runs spaced",
           ps_market_analysis_min_gap_us (FALSE, (gint64) (liq_s * 1e6)) / 1e6,
           PS_MARKET_ANALYSIS_MAX_SHARE_PCT, PS_MARKET_ANALYSIS_MIN_GAP_MS);
}

/* PS_BENCH_ANALYSIS_N=n: only n candles (for perf record). */
void
bench_analysis (void)
{
  const char *only = g_getenv ("PS_BENCH_ANALYSIS_N");

  if (only != NULL)
    {
      bench_analysis_at ((guint) g_ascii_strtoull (only, NULL, 10));
      return;
    }
  bench_analysis_at (30 * 1440);
  bench_analysis_at (1000000);
}
