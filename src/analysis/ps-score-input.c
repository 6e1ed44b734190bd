/* ps-score-input.c: a heatmap's predictions and zone track as a score's input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Apart from ps-score.c so that the scoring itself links without the model.
 */
#include "config.h"

#include <string.h>

#include "ps-score.h"

/* The candle length the heatmap took: its grid ends one candle after the
 * last one opened. Else the candles' smallest step (a gap only widens one). */
static gint64
ps_score_guess_interval (const PsHeatmap *heatmap,
                         const PsCandles *candles)
{
  const PsHeatmapGrid *grid = ps_heatmap_get_grid (heatmap);
  gint64 step = G_MAXINT64;

  if (candles->n > 0 && grid != NULL && grid->end_ms > candles->t_ms[candles->n - 1])
    return grid->end_ms - candles->t_ms[candles->n - 1];
  for (guint i = 1; i < candles->n; i++)
    if (candles->t_ms[i] > candles->t_ms[i - 1])
      step = MIN (step, candles->t_ms[i] - candles->t_ms[i - 1]);
  return step == G_MAXINT64 ? 60 * 1000 : step;   /* one candle: a minute, the least */
}

void
ps_score_input_init (PsScoreInput         *input,
                     const PsHeatmap      *heatmap,
                     const PsCandles      *candles,
                     const PsLiquidations *liquidations,
                     const GArray         *not_recorded)
{
  g_return_if_fail (input != NULL);
  g_return_if_fail (heatmap != NULL);
  g_return_if_fail (candles != NULL);
  g_return_if_fail (ps_heatmap_get_n_candles (heatmap) == candles->n);

  memset (input, 0, sizeof *input);
  input->n = candles->n;
  input->t_ms = ps_heatmap_get_candle_t (heatmap);
  input->interval_ms = ps_score_guess_interval (heatmap, candles);
  /* Doubles of their own: the candles may be packed. */
  input->owned_high = g_new (double, MAX (candles->n, 1));
  input->owned_low = g_new (double, MAX (candles->n, 1));
  for (guint i = 0; i < candles->n; i++)
    {
      input->owned_high[i] = ps_candles_high_at (candles, i);
      input->owned_low[i] = ps_candles_low_at (candles, i);
    }
  input->high = input->owned_high;
  input->low = input->owned_low;
  input->predicted_long = ps_heatmap_get_predicted (heatmap, PS_LIQ_LONG);
  input->predicted_short = ps_heatmap_get_predicted (heatmap, PS_LIQ_SHORT);
  input->zones = ps_heatmap_get_zone_track (heatmap);   /* the heatmap's, lent */
  input->liquidations = liquidations;
  input->not_recorded = not_recorded;
}
