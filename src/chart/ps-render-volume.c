/* ps-render-volume.c: traded volume as bars in the bottom band of the price
 * pane, on their own scale, and the legends that follow a title row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-render.h"
#include "ps-render-private.h"
#include "ps-render-levels.h"

/* Bars are a backdrop to the price: light enough not to compete. */
#define VOLUME_ALPHA 0.45

typedef struct
{
  double x, width;
  double buy, sell;   /* taker buys and the rest (ps_volume_split ()) */
} PsVolumeBar;

/* One bar per candle, or, under 3 px a candle, per pixel column from the
 * candles' columns (summed there over the pyramid). */
static GArray *
ps_volume_bars (PsPaint               *p,
                PsTimeAxis            *axis,
                const PsCandles       *c,
                guint                  first,
                guint                  last,
                gint64                 interval_ms,
                double                 candle_px,
                const PsCandleColumns *cols)
{
  GArray *bars = g_array_new (FALSE, FALSE, sizeof (PsVolumeBar));
  double bw = MAX (1, floor (candle_px - MAX (1, candle_px * 0.25)));

  if (cols != NULL)
    {
      for (int x = 0; x < cols->n; x++)
        if (cols->buy[x] + cols->sell[x] > 0)
          g_array_append_val (bars, ((PsVolumeBar) { p->plot.x + x, 1, cols->buy[x],
                                                     cols->sell[x] }));
      return bars;
    }
  for (guint i = first; i < last; i++)
    {
      double x = p->plot.x + ps_time_axis_to_x (axis, c->t_ms[i] + interval_ms / 2,
                                                p->plot.width);
      double buy, sell;

      ps_candles_volume_split (c, i, &buy, &sell);
      if (buy + sell > 0)
        g_array_append_val (bars, ((PsVolumeBar) { ps_round (x - bw / 2), bw, buy, sell }));
    }
  return bars;
}

/* Taker buys from the bottom, taker sells over them: the bar's colours
 * say who was aggressive. Boxes on whole pixels, apart within a side:
 * written straight into the pixels where cairo would put the same
 * (ps-render-pixels.c). */
static void
ps_volume_paint_bars (PsPaint      *p,
                      const GArray *bars,
                      double        max,
                      double        h,
                      double        y1)
{
  PsPixels px;

  _ps_pixels_begin (&px, p->cr);
  for (int pass = 0; pass < 2; pass++)
    {
      _ps_pixels_set_color (&px, pass == 0 ? &p->style->up : &p->style->down, VOLUME_ALPHA,
                            FALSE);
      for (guint i = 0; i < bars->len; i++)
        {
          const PsVolumeBar *b = &g_array_index (bars, PsVolumeBar, i);
          double yb = ps_round (y1 - h * b->buy / max);
          double yt = ps_round (y1 - h * (b->buy + b->sell) / max);

          if (pass == 0 && yb < y1)
            _ps_pixels_box (&px, b->x, yb, b->width, y1 - yb);
          else if (pass == 1 && yt < yb)
            _ps_pixels_box (&px, b->x, yt, b->width, yb - yt);
        }
    }
  _ps_pixels_end (&px);
}

void
_ps_render_paint_volume (PsPaint         *p,
                         PsTimeAxis      *axis,
                         const PsCandles *candles,
                         guint            first,
                         guint            last,
                         gint64           interval_ms,
                         double           candle_px,
                         const PsCandleColumns *cols,
                         double           y0,
                         double           y1)
{
  g_autoptr(GArray) bars = NULL;
  double max = 0, h = y1 - y0 - 2;

  if (h < 4)
    return;

  bars = ps_volume_bars (p, axis, candles, first, last, interval_ms, candle_px, cols);
  for (guint i = 0; i < bars->len; i++)
    max = MAX (max, g_array_index (bars, PsVolumeBar, i).buy +
                    g_array_index (bars, PsVolumeBar, i).sell);
  /* No volume in view (a venue that reports none, or zeros): the band
   * stays, and says so rather than looking like a quiet market. */
  if (max > 0)
    ps_volume_paint_bars (p, bars, max, h, y1);

  /* What the band is, at its top left, dim: no number that could be read
   * as a price. */
  {
    const PsColor buy = { p->style->up.red, p->style->up.green, p->style->up.blue,
                          VOLUME_ALPHA };
    const PsColor sell = { p->style->down.red, p->style->down.green, p->style->down.blue,
                           VOLUME_ALPHA };
    const PsLegendItem items[] = {
      { NULL, FALSE, _("Volume") },
      /* Translators: the volume legend: volume bought and sold by takers (market orders) */
      { &buy, FALSE, _("taker buy") },
      { &sell, FALSE, _("taker sell") },
    };
    /* Translators: the volume band when the candles in view carry no volume */
    const PsLegendItem none[] = { { NULL, FALSE, _("Volume: none reported in view") } };
    int w, th;
    PsRect row;

    _ps_render_text_size (p->layout, "Xg", &w, &th);
    row = (PsRect) { p->plot.x + ps_round (p->style->font_size * 0.5) + 4, y0 + 2, 0, th };
    if (y1 - y0 >= th + 6)
      _ps_render_paint_legend (p, &row, max > 0 ? items : none,
                               max > 0 ? G_N_ELEMENTS (items) : G_N_ELEMENTS (none));
  }
}

/* Legends after a title row ---------------------------------------------------- */

static double
ps_legend_items_width (PsPaint            *p,
                       const PsLegendItem *items,
                       guint               n_items)
{
  double gap = ps_round (p->style->font_size * 1.2), swatch = ps_round (p->style->font_size * 0.75);
  double w = 0;

  for (guint i = 0; i < n_items; i++)
    {
      int tw, th;

      _ps_render_text_size (p->layout, items[i].label, &tw, &th);
      w += (i > 0 ? gap : 0) + (items[i].color != NULL ? swatch + 4 : 0) + tw;
    }
  return w;
}

gboolean
_ps_render_paint_legend_after (PsPaint            *p,
                               PsRect             *row,
                               const PsLegendItem *items,
                               guint               n_items)
{
  double gap = ps_round (p->style->font_size * 1.2);

  if (!_ps_render_paint_legend (p, row, items, n_items))
    return FALSE;
  /* What follows starts after it. */
  row->width += (row->width > 0 ? gap : 0) + ps_legend_items_width (p, items, n_items);
  return TRUE;
}
