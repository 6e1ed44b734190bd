/* ps-spot.c: spot beside the perpetual — the perpetual's share of volume
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-spot.h"

/* The candles' interval: the smallest step between two (gaps are longer);
 * one candle alone is taken as a point. */
static gint64
ps_spot_step (const PsCandles *c)
{
  gint64 step = G_MAXINT64;

  for (guint i = 1; i < c->n; i++)
    if (c->t_ms[i] > c->t_ms[i - 1])
      step = MIN (step, c->t_ms[i] - c->t_ms[i - 1]);
  return step == G_MAXINT64 ? 1 : step;
}

static double
ps_spot_sum_volume (const PsCandles *c,
                    gint64           from_ms,
                    gint64           to_ms)
{
  double sum = 0;

  for (guint i = ps_series_lower_bound (c->t_ms, c->n, from_ms); i < c->n && c->t_ms[i] < to_ms;
       i++)
    {
      double volume = ps_candles_volume_at (c, i);

      if (isfinite (volume) && volume >= 0)   /* a bad row is left out, not summed */
        sum += volume;
    }
  return sum;
}

double
ps_perp_volume_share (const PsCandles *perp,
                      const PsCandles *spot,
                      gint64           from_ms,
                      gint64           to_ms,
                      double          *perp_volume,
                      double          *spot_volume)
{
  double p = NAN, s = NAN;

  if (perp != NULL && spot != NULL && perp->n > 0 && spot->n > 0)
    {
      gint64 perp_step = ps_spot_step (perp), spot_step = ps_spot_step (spot);
      gint64 coarse = MAX (perp_step, spot_step);
      gint64 from = MAX (from_ms, MAX (perp->t_ms[0], spot->t_ms[0]));
      gint64 to = MIN (to_ms, MIN (perp->t_ms[perp->n - 1] + perp_step,
                                   spot->t_ms[spot->n - 1] + spot_step));

      /* Whole coarser candles only: a 4h perp candle cut by where the 5m spot
       * ends would count four hours of perp against less of spot. Candles
       * start at multiples of their interval (Binance's do, up to 1d). */
      from = (from + coarse - 1) / coarse * coarse;
      to = to / coarse * coarse;

      if (from < to)
        {
          p = ps_spot_sum_volume (perp, from, to);
          s = ps_spot_sum_volume (spot, from, to);
        }
    }
  if (perp_volume != NULL)
    *perp_volume = p;
  if (spot_volume != NULL)
    *spot_volume = s;
  if (!(s > 0) || !isfinite (p))
    return NAN;
  return p / (p + s);
}
