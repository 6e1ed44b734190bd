/* ps-render-levels.c: the panes' per-column reductions over the pyramids
 *
 * The panes' loops walk their visible rows and ask here, at each row, for the
 * largest bucket that starts there and stays in the row's pixel column; a
 * bucket that straddles a column boundary is never taken (the next smaller
 * one is tried), so the columns come out exactly as from every row. Columns
 * only grow with time, so a run lies in one column when its first and last
 * rows do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-render-levels.h"

#include <math.h>

guint
_ps_render_candle_bucket (const PsCandleLevels  *levels,
                          const PsCandles       *candles,
                          PsTimeAxis            *axis,
                          double                 x0,
                          double                 width,
                          gint64                 dt,
                          guint                  i,
                          guint                  last,
                          int                    col,
                          const PsCandleSpan   **span)
{
  int k = G_MAXINT;

  while (ps_candle_levels_next_bucket (levels, i, last, &k))
    {
      guint end = i + (1u << k) - 1;

      if ((int) floor (x0 + ps_time_axis_to_x (axis, candles->t_ms[end] + dt, width)) == col)
        {
          *span = ps_candle_levels_get_bucket (levels, k, i);
          return 1u << k;
        }
    }
  return 0;
}

guint
_ps_render_column_end (const gint64 *t_ms,
                       PsTimeAxis   *axis,
                       double        x0,
                       double        width,
                       gint64        dt,
                       guint         i,
                       guint         last)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis), to_ms = ps_time_axis_get_to_ms (axis);
  double span = (double) (to_ms - from_ms);
  guint lo = i + 1, hi = last;
  double col;

  /* ps_time_axis_to_x ()'s arithmetic, to the bit, without its type check
   * on every probe. */
#define COLUMN(r) floor (x0 + (double) (t_ms[r] + dt - from_ms) * width / span)
  col = COLUMN (i);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (COLUMN (mid) > col)
        hi = mid;
      else
        lo = mid + 1;
    }
#undef COLUMN
  return lo;
}

void
_ps_render_candle_column_merge (const PsCandleSpan *span,
                                double             *open,
                                double             *high,
                                double             *low,
                                double             *close)
{
  if (isnan (*open))
    *open = span->open;
  if (!isnan (span->close))
    *close = span->close;
  *high = fmax (*high, span->high);
  *low = fmin (*low, span->low);
}

guint
_ps_render_oi_bucket (const PsOiLevels      *levels,
                      const PsOpenInterest  *oi,
                      PsTimeAxis            *axis,
                      double                 x0,
                      double                 width,
                      gint64                 spacing,
                      guint                  i,
                      guint                  last,
                      int                    col,
                      const PsOiSpan       **span)
{
  int k = G_MAXINT;

  while (ps_oi_levels_next_bucket (levels, i, last, &k))
    {
      const PsOiSpan *s = ps_oi_levels_get_bucket (levels, k, i);
      guint end = i + (1u << k) - 1;

      /* The same test as the loop's gap, on the run's largest step. */
      if ((double) s->max_step > 1.5 * (double) spacing)
        continue;
      if ((int) floor (x0 + ps_time_axis_to_x (axis, oi->t_ms[end], width)) == col)
        {
          *span = s;
          return 1u << k;
        }
    }
  return 0;
}
