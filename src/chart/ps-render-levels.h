/* ps-render-levels.h: the panes' per-column reductions over the series'
 * pyramids (ps-levels.h), for the loops in ps-render-price.c and
 * ps-render-series.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-levels.h"
#include "ps-time-axis.h"

#include <math.h>

G_BEGIN_DECLS

/* Pixel columns anchored to absolute time (ps-render-columns.c): time t of
 * a view of span ms over width pixels is in column floor (t · width / span)
 * counted from the epoch, the same in every view of that span and width,
 * so that a pan keeps each column's rows (and what was computed of them).
 * A view draws column c at c − its origin, the column of its start: against
 * ps_time_axis_to_x () the columns sit up to a pixel left, as if the view
 * started at a whole column. */
static inline gint64
_ps_render_column_abs (gint64 t_ms,
                       double width,
                       double span)
{
  return (gint64) floor ((double) t_ms * width / span);
}

gint64 _ps_render_column_origin        (PsTimeAxis           *axis,
                                        double                width);

/* The end of row i's pixel column: the first row in (i, last] whose column
 * _ps_render_column_abs (t + dt) is past row i's, found by galloping from i
 * (columns only grow with time). The panes reduce a column's rows with one
 * ps_*_levels_reduce (): O(log n) a column. */
guint  _ps_render_column_end           (const gint64         *t_ms,
                                        PsTimeAxis           *axis,
                                        double                width,
                                        gint64                dt,
                                        guint                 i,
                                        guint                 last);

/* What a pane computed of each column, kept with the series' levels
 * (ps_*_levels_get_cache ()) for the next frame: a ring of entries indexed
 * by absolute column, each starting with a PsColumnHead, for one key (the
 * series' length first, then the view's width and span and what else the
 * entries depend on). Taken for a frame and put back after it. */
/* PsColumnCache and PsColumnHead: ps-levels.h (a re-read series carries
 * them over, ps_candles_carry_cache ()). */

/* The ring kept in slot, if it was made for key and holds n_columns
 * entries of entry_size; else an empty one. NULL when slot is NULL or the
 * cache is disabled: callers compute every column. */
PsColumnCache *_ps_column_cache_take   (gpointer             *slot,
                                        const gint64          key[PS_COLUMN_KEY_SIZE],
                                        guint                 n_columns,
                                        gsize                 entry_size);
/* Back into slot for the next frame (freed when another took its place). */
void   _ps_column_cache_put            (gpointer             *slot,
                                        PsColumnCache        *cache);
/* For tests and the benchmark: FALSE computes every column every frame. */
void   _ps_render_columns_set_enabled  (gboolean              enabled);

/* Column col's entry if it holds the rows from i (NULL else, and when
 * cache is NULL). */
static inline gpointer
_ps_column_cache_find (PsColumnCache *cache,
                       gint64         col,
                       guint          i)
{
  PsColumnHead *head;

  if (cache == NULL)
    return NULL;
  head = (PsColumnHead *) (gpointer) (cache->entries
                                      + (gsize) ((guint64) col & (cache->size - 1))
                                        * cache->entry_size);
  return head->col == col && head->i == i ? head : NULL;
}

/* Column col's entry, for rows [i, j), to fill (NULL when cache is). */
static inline gpointer
_ps_column_cache_add (PsColumnCache *cache,
                      gint64         col,
                      guint          i,
                      guint          j)
{
  PsColumnHead *head;

  if (cache == NULL)
    return NULL;
  head = (PsColumnHead *) (gpointer) (cache->entries
                                      + (gsize) ((guint64) col & (cache->size - 1))
                                        * cache->entry_size);
  head->col = col, head->i = i, head->j = j;
  return head;
}
typedef struct _PsCandleColumns PsCandleColumns;

/* Column x with a span's candles, which follow its own. */
void   _ps_render_candle_column_merge  (const PsCandleSpan   *span,
                                        PsCandleColumns      *cols,
                                        int                   x);

G_END_DECLS
