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
#include "ps-render-private.h"

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
  double span = (double) (to_ms - from_ms), col, edge;
  guint j;

  /* _ps_render_column_abs ()'s arithmetic, to the bit. */
#define COLUMN(r) floor ((double) (t_ms[r] + dt) * width / span)
  col = COLUMN (i);
  if (i + 1 >= last)
    return last;
  /* The column's right edge as a time, then the first row at or after it:
   * found near i (evenly spaced rows in two probes, else by galloping:
   * bisecting the rest of a million rows walks cold memory for each
   * column). The edge is rounded, so the answer is then checked, and
   * moved, against the column of the rows themselves. */
  edge = ceil ((col + 1) * span / width) - (double) dt;
  if (edge <= (double) t_ms[i])
    j = i + 1;
  else if (edge >= (double) t_ms[last - 1])
    j = last;
  else
    j = ps_series_lower_bound_from (t_ms, i + 1, last, (gint64) edge);
  while (j > i + 1 && COLUMN (j - 1) > col)
    j--;
  while (j < last && COLUMN (j) <= col)
    j++;
#undef COLUMN
  return j;
}

void
_ps_render_candle_column_merge (const PsCandleSpan *span,
                                PsCandleColumns    *cols,
                                int                 x)
{
  if (isnan (cols->open[x]))
    cols->open[x] = span->open;
  if (!isnan (span->close))
    cols->close[x] = span->close;
  cols->high[x] = fmax (cols->high[x], span->high);
  cols->low[x] = fmin (cols->low[x], span->low);
  cols->buy[x] += span->buy;
  cols->sell[x] += span->sell;
}
