/* ps-render-selection.c: the selection drawn over a pane: a period or range
 * as a tinted band with edge lines, a price band across the price pane, and
 * the liquidations pane's bars of the events priced inside a band
 *
 * Overlays, drawn each frame over a pane's cached data, and in reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-period-summary.h"
#include "ps-render.h"
#include "ps-render-private.h"

/* The band's tint, as a multiple of the style's faint selection colour, and
 * its edges: strong enough to read over candles, light or dark. */
#define BAND_ALPHA_SCALE 1.7
#define EDGE_ALPHA       0.9
#define EDGE_PX          2.0
/* Over the rest of a pane while a price band is selected. */
#define VEIL_ALPHA       0.72

static void
ps_render_edge_color (cairo_t            *cr,
                      const PsChartStyle *style)
{
  PsColor edge = style->selection;

  edge.alpha = EDGE_ALPHA;
  _ps_render_set_color (cr, &edge);
}

void
ps_render_selection (cairo_t            *cr,
                     const PsRect       *rect,
                     PsTimeAxis         *axis,
                     gint64              from_ms,
                     gint64              to_ms,
                     const PsChartStyle *style)
{
  PsPaint p;
  double x0, x1;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  if (to_ms < from_ms)
    {
      gint64 tmp = from_ms;

      from_ms = to_ms;
      to_ms = tmp;
    }

  _ps_render_paint_begin (&p, cr, rect, style);
  x0 = CLAMP (ps_round (ps_time_axis_to_x (axis, from_ms, p.plot.width)), -EDGE_PX - 1,
              p.plot.width + EDGE_PX + 1);
  x1 = CLAMP (ps_round (ps_time_axis_to_x (axis, to_ms, p.plot.width)), -EDGE_PX - 1,
              p.plot.width + EDGE_PX + 1);
  x1 = MAX (x1, x0 + 1);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);

  _ps_render_set_color_alpha (cr, &style->selection, BAND_ALPHA_SCALE);
  cairo_rectangle (cr, p.plot.x + x0, p.plot.y, x1 - x0, p.plot.height);
  cairo_fill (cr);
  /* Edge lines just outside the band, so the period's own first and last
   * candles stay uncovered by them and a one-candle band still shows. */
  ps_render_edge_color (cr, style);
  cairo_rectangle (cr, p.plot.x + x0 - EDGE_PX, p.plot.y, EDGE_PX, p.plot.height);
  cairo_rectangle (cr, p.plot.x + x1, p.plot.y, EDGE_PX, p.plot.height);
  cairo_fill (cr);
  _ps_render_paint_end (&p);
}

void
ps_render_price_band (cairo_t            *cr,
                      const PsRect       *rect,
                      const PsValueScale *scale,
                      double              low,
                      double              high,
                      const PsChartStyle *style)
{
  g_autofree char *lo_text = NULL;
  g_autofree char *hi_text = NULL;
  g_autofree char *text = NULL;
  PsPaint p;
  double y0, y1, top, bottom;
  int w, h;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (scale != NULL);
  g_return_if_fail (style != NULL);

  if (!(high > low))
    return;

  _ps_render_paint_begin (&p, cr, rect, style);
  top = p.plot.y;
  bottom = p.plot.y + p.plot.height;
  y0 = ps_round (ps_value_scale_to_y (scale, high));
  y1 = ps_round (ps_value_scale_to_y (scale, low));
  if (!isfinite (y0) || !isfinite (y1) || y1 < top || y0 > bottom)
    {
      _ps_render_paint_end (&p);
      return;   /* off the candles' range: the side panel still says it */
    }
  /* At least a few pixels: a one-bin band is still a band. */
  if (y1 - y0 < 3)
    {
      y0 = ps_round ((y0 + y1) / 2 - 1.5);
      y1 = y0 + 3;
    }

  cairo_rectangle (cr, p.plot.x, top, p.plot.width, p.plot.height);
  cairo_clip (cr);
  _ps_render_set_color_alpha (cr, &style->selection, BAND_ALPHA_SCALE);
  cairo_rectangle (cr, p.plot.x, y0, p.plot.width, y1 - y0);
  cairo_fill (cr);
  ps_render_edge_color (cr, style);
  cairo_rectangle (cr, p.plot.x, y0 - 1, p.plot.width, 1);
  cairo_rectangle (cr, p.plot.x, y1, p.plot.width, 1);
  cairo_fill (cr);

  /* Its prices at the left, on a plate over the candles. */
  lo_text = ps_format_price (low);
  hi_text = ps_format_price (high);
  /* TRANSLATORS: a selected band of prices, low to high */
  text = g_strdup_printf (_("%s – %s"), lo_text, hi_text);
  _ps_render_text_size (p.layout, text, &w, &h);
  {
    double x = p.plot.x + 6, y = MAX (top + 2, y0 - h - 4);

    _ps_render_set_color_alpha (cr, &style->background, 0.85);
    cairo_rectangle (cr, x - 3, y - 1, w + 6, h + 2);
    cairo_fill (cr);
    ps_render_edge_color (cr, style);
    cairo_rectangle (cr, x - 3, y - 1, 2, h + 2);
    cairo_fill (cr);
    _ps_render_show_text (cr, p.layout, text, x + 1, y, &style->text);
  }
  _ps_render_paint_end (&p);
}

/* One slot's bars from the zero row: shorts up, longs down, each outlined in
 * the text colour so it stands out of the veil in either style. */
static void
ps_render_band_bars (PsPaint            *p,
                     const PsValueScale *scale,
                     double              left,
                     double              width,
                     const PsLiqSums    *sums)
{
  double zero_y = ps_round (ps_value_scale_to_y (scale, 0));

  for (int side = 0; side < 2; side++)
    {
      double usd = side == 0 ? sums->short_usd : sums->long_usd;
      double y, top, height;

      if (!(usd > 0))
        continue;
      y = ps_round (ps_value_scale_to_y (scale, side == 0 ? usd : -usd));
      top = MIN (y, zero_y);
      height = MAX (fabs (y - zero_y), 2);
      _ps_render_set_color (p->cr, side == 0 ? &p->style->liq_short : &p->style->liq_long);
      cairo_rectangle (p->cr, left, top, width, height);
      cairo_fill (p->cr);
      if (width >= 4)
        {
          _ps_render_set_color_alpha (p->cr, &p->style->text, 0.8);
          cairo_rectangle (p->cr, left + 0.5, top + 0.5, width - 1, height - 1);
          cairo_stroke (p->cr);
        }
    }
}

void
ps_render_liquidations_band (cairo_t                       *cr,
                             const PsRect                  *rect,
                             PsTimeAxis                    *axis,
                             const PsRecordedLiquidations  *recorded,
                             const PsPredictedLiquidations *predicted,
                             PsInterval                     interval,
                             double                         low,
                             double                         high,
                             const PsChartStyle            *style)
{
  g_autofree char *lo_text = NULL;
  g_autofree char *hi_text = NULL;
  g_autofree char *l_text = NULL;
  g_autofree char *s_text = NULL;
  g_autofree char *text = NULL;
  gint64 from_ms, to_ms, step;
  PsValueScale scale;
  PsLiqSums total = { 0 };
  double candle_px;
  PsPaint p;
  int w, h;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  if (recorded == NULL || !(high > low) ||
      !ps_render_liquidations_with_predicted_scale (rect, axis, recorded, predicted, interval,
                                                    style, &scale))
    return;

  _ps_render_paint_begin (&p, cr, rect, style);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);

  /* The rest recedes under a veil; the header stays readable above it. */
  _ps_render_set_color_alpha (cr, &style->background, VEIL_ALPHA);
  cairo_rectangle (cr, p.plot.x, scale.y_top - 2, p.plot.width,
                   p.plot.y + p.plot.height - scale.y_top + 2);
  cairo_fill (cr);

  from_ms = ps_time_axis_get_from_ms (axis);
  to_ms = ps_time_axis_get_to_ms (axis);
  step = _ps_render_liq_step_ms (interval);
  candle_px = (double) step * p.plot.width / (double) MAX (to_ms - from_ms, 1);
  if (candle_px >= 3)
    {
      double bw = MAX (1, floor (candle_px * 0.8));

      for (gint64 t = from_ms - (((from_ms % step) + step) % step); t < to_ms; t += step)
        {
          PsLiqSums sums;
          double x = p.plot.x + ps_time_axis_to_x (axis, t, p.plot.width);

          ps_liquidations_sum_recorded (recorded->events, NULL, 0, t, t + step, low, high, &sums);
          ps_render_band_bars (&p, &scale, ps_round (x + (candle_px - bw) / 2), bw, &sums);
        }
    }
  else
    {
      /* Zoomed out: a pixel column sums its time, as the pane's bars do. */
      for (int c = 0; c < (int) p.plot.width; c++)
        {
          PsLiqSums sums;
          gint64 a = ps_time_axis_from_x (axis, c, p.plot.width);
          gint64 b = ps_time_axis_from_x (axis, c + 1, p.plot.width);

          ps_liquidations_sum_recorded (recorded->events, NULL, 0, a, b, low, high, &sums);
          ps_render_band_bars (&p, &scale, p.plot.x + c, 1, &sums);
        }
    }

  /* What the bars are, in words, at the top of the plot. */
  ps_liquidations_sum_recorded (recorded->events, NULL, 0, from_ms, to_ms, low, high, &total);
  lo_text = ps_format_price (low);
  hi_text = ps_format_price (high);
  l_text = ps_format_usd_compact (total.long_usd);
  s_text = ps_format_usd_compact (total.short_usd);
  /* TRANSLATORS: the liquidations pane while a price band is selected */
  text = g_strdup_printf (_("Priced %s – %s: longs %s · shorts %s in view"),
                          lo_text, hi_text, l_text, s_text);
  _ps_render_text_size (p.layout, text, &w, &h);
  {
    double x = p.plot.x + 6, y = p.plot.y + _ps_render_header_height (style);

    _ps_render_set_color_alpha (cr, &style->background, 0.9);
    cairo_rectangle (cr, x - 3, y - 1, w + 6, h + 2);
    cairo_fill (cr);
    _ps_render_show_text (cr, p.layout, text, x, y, &style->text);
  }
  _ps_render_paint_end (&p);
}
