/* ps-test-analysis.h: analysis runs over liquidations made from candles,
 * for the tests that carry a result forward
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-analysis.h"

#define PS_TEST_HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)

/* A long liquidation in every down candle and a short in every up candle
 * from candle first on, every step-th: USD a thousandth of the candle's
 * traded value, at its low or high. */
static inline void
add_liquidations (PsLiquidations  *liq,
                  const PsCandles *c,
                  guint            first,
                  guint            step)
{
  for (guint i = first; i < c->n; i += step)
    {
      double o = ps_candles_open_at (c, i), k = ps_candles_close_at (c, i);
      double usd = ps_candles_volume_at (c, i) * k / 1000;
      PsLiqSide side = k < o ? PS_LIQ_LONG : PS_LIQ_SHORT;
      double price = side == PS_LIQ_LONG ? ps_candles_low_at (c, i) : ps_candles_high_at (c, i);

      ps_liquidations_append (liq, c->t_ms[i] + PS_TEST_HOUR_MS, side, PS_LIQ_SOURCE_LIVE, price,
                              price, usd / price, usd);
    }
}

/* A run with the default parameters, previous (or NULL) at hand, every
 * heatmap made (input has open interest). */
static inline PsAnalysis *
run_ok (const PsAnalysisInput *input,
        PsAnalysis            *previous)
{
  g_autoptr(GError) error = NULL;
  PsAnalysisParams params;
  PsAnalysis *analysis;

  ps_analysis_params_init (&params);
  analysis = ps_analysis_run (&params, input, previous, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  for (PsHeatmapMode mode = PS_HEATMAP_MODEL; mode <= PS_HEATMAP_ROUND; mode++)
    g_assert_nonnull (ps_analysis_get_heatmap (analysis, mode));
  return analysis;
}
