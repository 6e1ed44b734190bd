/* ps-render-levels.h: the panes' per-column reductions over the series'
 * pyramids (ps-levels.h), for the loops in ps-render-price.c and
 * ps-render-series.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-levels.h"
#include "ps-time-axis.h"

G_BEGIN_DECLS

/* The largest pyramid bucket of candles that starts at row i, ends by last
 * and lies wholly in pixel column col, a row's column being
 * floor (x0 + ps_time_axis_to_x (axis, t + dt, width)) as in the caller's
 * loop. Returns its number of rows and sets *span; 0 when there is none
 * (levels NULL, i not aligned, or every bucket straddles): go row by row. */
guint  _ps_render_candle_bucket        (const PsCandleLevels *levels,
                                        const PsCandles      *candles,
                                        PsTimeAxis           *axis,
                                        double                x0,
                                        double                width,
                                        gint64                dt,
                                        guint                 i,
                                        guint                 last,
                                        int                   col,
                                        const PsCandleSpan  **span);
/* The end of row i's pixel column: the first row in (i, last] whose column
 * floor (x0 + ps_time_axis_to_x (axis, t + dt, width)) is past row i's,
 * found by bisection (columns only grow with time). The panes then reduce
 * a column's rows with one ps_*_levels_reduce (): O(log n) a column. */
guint  _ps_render_column_end           (const gint64         *t_ms,
                                        PsTimeAxis           *axis,
                                        double                x0,
                                        double                width,
                                        gint64                dt,
                                        guint                 i,
                                        guint                 last);
/* A column's first open, max high, min low and last close, with a span's. */
void   _ps_render_candle_column_merge  (const PsCandleSpan   *span,
                                        double               *open,
                                        double               *high,
                                        double               *low,
                                        double               *close);

/* The same for open interest, keeping only buckets in which the line does
 * not break: every row finite, and no step between neighbours above
 * 1.5 × spacing (ps_paint_oi_line's gap). */
guint  _ps_render_oi_bucket            (const PsOiLevels     *levels,
                                        const PsOpenInterest *oi,
                                        PsTimeAxis           *axis,
                                        double                x0,
                                        double                width,
                                        gint64                spacing,
                                        guint                 i,
                                        guint                 last,
                                        int                   col,
                                        const PsOiSpan      **span);

G_END_DECLS
