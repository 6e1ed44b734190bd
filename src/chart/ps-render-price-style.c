/* ps-render-price-style.c: the price drawn as OHLC bars or a line through
 * the closes, the price pane's scale with its options, and its legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-render.h"
#include "ps-render-private.h"

/* The price pane's value scale leaves this much of the plot's bottom to
 * volume: enough to read bars, not enough to squeeze the price. */
#define VOLUME_SHARE 0.18

gboolean
ps_render_price_layers_scale (const PsRect        *rect,
                              PsTimeAxis          *axis,
                              const PsCandles     *candles,
                              PsInterval           interval,
                              const PsPriceLayers *layers,
                              const PsChartStyle  *style,
                              PsValueScale        *scale)
{
  PsRect plot;
  double y0, y1;

  if (!ps_render_price_scale (rect, axis, candles, interval, style, scale))
    return FALSE;
  if (layers == NULL)
    return TRUE;

  if (layers->log_scale)
    _ps_render_value_scale_make_log (scale, PS_RENDER_PRICE_PAD);
  ps_render_get_plot_area (rect, style, &plot);
  if (layers->show_volume && _ps_render_volume_band (&plot, style, &y0, &y1))
    scale->y_bottom = MIN (scale->y_bottom, y0 - ps_round (style->font_size * 0.5));
  return TRUE;
}

gboolean
_ps_render_volume_band (const PsRect       *plot,
                        const PsChartStyle *style,
                        double             *y0,
                        double             *y1)
{
  double h = ps_round (plot->height * VOLUME_SHARE);

  /* Under three lines of text the price needs every pixel. */
  if (plot->height < style->font_size * 10 || h < 12)
    return FALSE;
  *y1 = plot->y + plot->height;
  *y0 = *y1 - h;
  return TRUE;
}

/* OHLC -------------------------------------------------------------------- */

/* A 1 px high–low line at the candle's middle, the open a tick to its
 * left, the close a tick to its right; ticks two rows thick from 9 px a
 * candle, so they read at a glance. */
void
_ps_render_paint_ohlc_bars (PsPaint            *p,
                            PsTimeAxis         *axis,
                            const PsCandles    *c,
                            guint               first,
                            guint               last,
                            gint64              interval_ms,
                            double              candle_px,
                            const PsValueScale *scale)
{
  double bw = MAX (3, floor (candle_px - MAX (1, candle_px * 0.25)));
  double tick, thick = candle_px >= 9 ? 2 : 1;

  if (fmod (bw, 2) == 0)
    bw--;
  tick = (bw - 1) / 2;

  for (int pass = 0; pass < 2; pass++)
    {
      gboolean up = pass == 0;

      for (guint i = first; i < last; i++)
        {
          double o = ps_candles_open_at (c, i), cl = ps_candles_close_at (c, i);
          double h, l, cx, mid, yh, yl, yo, yc;

          if (!isfinite (o) || !isfinite (cl) || (cl >= o) != up)
            continue;

          h = isfinite (ps_candles_high_at (c, i)) ? ps_candles_high_at (c, i) : fmax (o, cl);
          l = isfinite (ps_candles_low_at (c, i)) ? ps_candles_low_at (c, i) : fmin (o, cl);
          cx = p->plot.x + ps_time_axis_to_x (axis, c->t_ms[i] + interval_ms / 2, p->plot.width);
          mid = ps_round (cx - bw / 2) + tick;
          yh = ps_round (ps_value_scale_to_y (scale, h));
          yl = ps_round (ps_value_scale_to_y (scale, l));
          yo = ps_round (ps_value_scale_to_y (scale, o) - thick / 2);
          yc = ps_round (ps_value_scale_to_y (scale, cl) - thick / 2);

          cairo_rectangle (p->cr, mid, yh, 1, MAX (1, yl - yh));
          cairo_rectangle (p->cr, mid - tick, yo, tick, thick);
          cairo_rectangle (p->cr, mid + 1, yc, tick, thick);
        }
      _ps_render_set_color (p->cr, up ? &p->style->up : &p->style->down);
      cairo_fill (p->cr);
    }
}

/* Line ---------------------------------------------------------------------- */

typedef struct
{
  int    col;
  guint  n;
  double x, first, lo, hi, last;   /* y, px */
} PsLineColumn;

static void
ps_line_column_flush (cairo_t      *cr,
                      PsLineColumn *col,
                      gboolean     *started)
{
  double ys[4];
  guint k = 0;

  if (col->n == 0)
    return;

  /* Several closes in one pixel column: first, extremes, last, so a spike
   * between two pixels is drawn, not sampled away. */
  ys[k++] = col->first;
  if (col->n > 1)
    {
      gboolean rising = col->last < col->first;

      ys[k++] = rising ? col->lo : col->hi;
      ys[k++] = rising ? col->hi : col->lo;
      ys[k++] = col->last;
    }
  for (guint i = 0; i < k; i++)
    {
      if (!*started)
        cairo_move_to (cr, col->x, ys[i]);
      else
        cairo_line_to (cr, col->x, ys[i]);
      *started = TRUE;
    }
  col->n = 0;
}

/* The closes at the candles' middles, broken where a candle is missing. */
void
_ps_render_paint_close_line (PsPaint            *p,
                             PsTimeAxis         *axis,
                             const PsCandles    *c,
                             guint               first,
                             guint               last,
                             gint64              interval_ms,
                             const PsValueScale *scale)
{
  PsLineColumn col = { G_MININT, 0 };
  gboolean started = FALSE;
  gint64 prev_t = G_MININT64;

  /* One row before the view and one after: the line runs to the edges. */
  first = first > 0 ? first - 1 : 0;
  last = last < c->n ? last + 1 : c->n;

  for (guint i = first; i < last; i++)
    {
      double v = ps_candles_close_at (c, i), x, y;
      int cx;

      if (!isfinite (v) || (prev_t != G_MININT64 && c->t_ms[i] - prev_t > interval_ms * 3 / 2))
        {
          ps_line_column_flush (p->cr, &col, &started);
          started = FALSE;
          prev_t = G_MININT64;
          if (!isfinite (v))
            continue;
        }
      x = p->plot.x + ps_time_axis_to_x (axis, c->t_ms[i] + interval_ms / 2, p->plot.width);
      y = ps_value_scale_to_y (scale, v);
      cx = (int) floor (x);
      if (col.n > 0 && cx == col.col)
        {
          col.lo = fmax (col.lo, y);
          col.hi = fmin (col.hi, y);
          col.last = y;
          col.n++;
        }
      else
        {
          ps_line_column_flush (p->cr, &col, &started);
          col = (PsLineColumn) { cx, 1, x, y, y, y, y };
        }
      prev_t = c->t_ms[i];
    }
  ps_line_column_flush (p->cr, &col, &started);

  cairo_set_line_width (p->cr, 1.5);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  _ps_render_set_color (p->cr, &p->style->oi_line);
  cairo_stroke (p->cr);
  cairo_set_line_width (p->cr, 1);
}

/* Legend ---------------------------------------------------------------------- */

void
_ps_render_paint_price_legend (PsPaint      *p,
                               PsRect       *row,
                               PsPriceStyle  price_style)
{
  const PsLegendItem items[] = {
    { &p->style->up, FALSE, C_("candle", "Up") },
    { &p->style->down, FALSE, C_("candle", "Down") },
  };

  /* One colour for a line: nothing to tell apart. */
  if (price_style == PS_PRICE_LINE)
    return;
  _ps_render_paint_legend_after (p, row, items, G_N_ELEMENTS (items));
}
