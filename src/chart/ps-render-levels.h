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

/* The end of row i's pixel column: the first row in (i, last] whose column
 * floor (x0 + ps_time_axis_to_x (axis, t + dt, width)) is past row i's,
 * found by galloping from i (columns only grow with time). The panes reduce
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

G_END_DECLS
