/* ps-render-levels.c: the panes' per-column reductions over the pyramids
 *
 * The panes find each pixel column's rows by a search (columns only grow
 * with time) and reduce them at once with ps_*_levels_reduce (), which takes
 * the largest aligned buckets inside the run: O(log n) a column, and the
 * same result, to the bit, as reducing every row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-render-levels.h"

#include <math.h>

guint
_ps_render_column_end (const gint64 *t_ms,
                       PsTimeAxis   *axis,
                       double        width,
                       gint64        dt,
                       guint         i,
                       guint         last)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis), to_ms = ps_time_axis_get_to_ms (axis);
  double span = (double) (to_ms - from_ms);
  guint lo = i + 1, hi = i + 1, step = 1;
  double col;

  /* _ps_render_column_abs ()'s arithmetic, to the bit. */
#define COLUMN(r) floor ((double) (t_ms[r] + dt) * width / span)
  col = COLUMN (i);
  /* Galloping from i first: the column's end is near, and bisecting the
   * rest of a million rows walks cold memory for each column. */
  while (hi < last && COLUMN (hi) <= col)
    {
      lo = hi + 1;
      hi = last - hi > step ? hi + step : last;
      step *= 2;
    }
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
