/* ps-render-liq-markers.c: the largest liquidations as dots on the price pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-levels.h"
#include "ps-render.h"
#include "ps-render-private.h"

guint
ps_render_liquidation_markers_max (double plot_width)
{
  /* About one per 32 px: a cascade still reads as a cluster, the candles
   * stay visible between clusters. */
  return (guint) CLAMP (plot_width / 32, 6, 40);
}

/* The fill price where known. Otherwise the order price, which for Binance
 * is the bankruptcy price, beyond anything traded (shorts above the high,
 * longs below the low): it is brought into the candle's range, where the
 * order filled, so the dot sits on the wick that liquidated it. */
static double
ps_marker_price (const PsLiquidations *ev,
                 guint                 i,
                 const PsCandles      *candles,
                 gint64                interval_ms)
{
  guint k;

  if (isfinite (ev->avg_price[i]) && ev->avg_price[i] > 0)
    return ev->avg_price[i];
  if (candles == NULL || candles->n == 0 || interval_ms <= 0)
    return ev->price[i];

  k = ps_series_lower_bound (candles->t_ms, candles->n, ev->t_ms[i] + 1);
  if (k == 0 || ev->t_ms[i] >= candles->t_ms[k - 1] + interval_ms ||
      !isfinite (ps_candles_low_at (candles, k - 1)) ||
      !isfinite (ps_candles_high_at (candles, k - 1)))
    return ev->price[i];
  return CLAMP (ev->price[i], ps_candles_low_at (candles, k - 1),
                ps_candles_high_at (candles, k - 1));
}

guint
_ps_render_paint_liq_markers (PsPaint              *p,
                              PsTimeAxis           *axis,
                              const PsLiquidations *events,
                              const PsCandles      *candles,
                              gint64                interval_ms,
                              const PsValueScale   *scale)
{
  g_autofree guint *picks = NULL;
  double r_max = ps_round (p->style->font_size * 0.95), r_min = 2.5;
  PsPixels px;
  guint32 halo = 0, fill[2] = { 0, 0 }, edge[2] = { 0, 0 };
  guint max = ps_render_liquidation_markers_max (p->plot.width), n, a, b;

  if (events == NULL || events->n == 0 || max == 0)
    return 0;

  a = ps_series_lower_bound (events->t_ms, events->n, ps_time_axis_get_from_ms (axis));
  b = ps_series_lower_bound (events->t_ms, events->n, ps_time_axis_get_to_ms (axis));
  picks = g_new (guint, max);
  /* The largest first; without walking the events in view (ps-levels.h). */
  n = ps_liq_levels_largest (ps_liquidations_get_levels (events), events, a, b, picks, max);

  cairo_save (p->cr);
  cairo_rectangle (p->cr, p->plot.x, p->plot.y, p->plot.width, p->plot.height);
  cairo_clip (p->cr);
  _ps_pixels_begin (&px, p->cr);
  /* The halo's pixel, and each side's disc and edge (looked up once). */
  if (px.data != NULL)
    {
      halo = _ps_pixels_pixel (&p->style->background, 0.9);
      for (int side = 0; side < 2; side++)
        {
          const PsColor *c = side == PS_LIQ_LONG ? &p->style->liq_long : &p->style->liq_short;

          fill[side] = _ps_pixels_pixel (c, 0.7), edge[side] = _ps_pixels_pixel (c, 1);
        }
    }
  /* Largest first, so a smaller one on top of it stays visible. Area grows
   * with USD, relative to the largest in view, which gets r_max. */
  for (guint k = 0; k < n; k++)
    {
      guint i = picks[k];
      int side = events->side[i] == PS_LIQ_LONG ? PS_LIQ_LONG : PS_LIQ_SHORT;
      const PsColor *color = side == PS_LIQ_LONG ? &p->style->liq_long : &p->style->liq_short;
      double r = MAX (r_min, r_max * sqrt (events->usd[i] / events->usd[picks[0]]));
      double x = p->plot.x + ps_time_axis_to_x (axis, events->t_ms[i], p->plot.width);
      double y = ps_value_scale_to_y (scale, ps_marker_price (events, i, candles, interval_ms));

      /* Cairo takes ~25 us a dot to stroke and fill; written straight,
       * antialiased by distance, a fraction of that: the halo, the disc and
       * its edge in one pass. */
      if (px.data != NULL)
        {
          const PsPixelsRing rings[] = {
            { r - 1.5, r + 1.5, halo },
            { 0, r, fill[side] },
            { r - 0.625, r + 0.625, edge[side] },
          };

          if (_ps_pixels_rings (&px, x, y, rings, G_N_ELEMENTS (rings)))
            continue;
        }

      cairo_new_path (p->cr);
      cairo_arc (p->cr, x, y, r, 0, 2 * G_PI);
      /* A ring of background lifts the dot off the candles under it. */
      cairo_set_line_width (p->cr, 3);
      _ps_render_set_color_alpha (p->cr, &p->style->background, 0.9);
      cairo_stroke_preserve (p->cr);
      _ps_render_set_color_alpha (p->cr, color, 0.7);
      cairo_fill_preserve (p->cr);
      cairo_set_line_width (p->cr, 1.25);
      _ps_render_set_color (p->cr, color);
      cairo_stroke (p->cr);
    }
  _ps_pixels_end (&px);
  cairo_restore (p->cr);

  return n;
}

void
_ps_render_paint_liq_marker_legend (PsPaint      *p,
                                    const PsRect *row,
                                    guint         n_markers)
{
  g_autofree char *note = NULL;
  const PsColor *lc = &p->style->liq_long, *sc = &p->style->liq_short;

  if (n_markers == 0)
    return;

  note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the largest liquidation, size by USD",
                                       "the %u largest liquidations, size by USD", n_markers),
                          n_markers);
  {
    const PsLegendItem variants[][3] = {
      { { lc, TRUE, _("Long liquidated") }, { sc, TRUE, _("Short liquidated") },
        { NULL, FALSE, note } },
      { { lc, TRUE, _("Long liquidated") }, { sc, TRUE, _("Short liquidated") } },
      /* Translators: the shortest legend of the liquidation markers: "Long liquidated",
       * abbreviated */
      { { lc, TRUE, _("Long liq.") }, { sc, TRUE, _("Short liq.") } },
    };
    static const guint n_items[] = { 3, 2, 2 };

    for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
      if (_ps_render_paint_legend (p, row, variants[v], n_items[v]))
        return;
  }
}
