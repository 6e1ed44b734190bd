/* ps-bench-heatmap.c: the heatmap image in a 1920×1080 price pane, built
 * once and placed per frame, beside a straightforward reference that colours
 * every pixel of the plot from the grid each frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-bench-private.h"
#include "ps-render.h"
#include "ps-render-heatmap.h"
#include "ps-test-heatmap.h"

#define HOUR ((gint64) 60 * MINUTE)

/* The reference: each frame, each pixel of the plot looks up its column and
 * bin and takes the cell's colour; then the image is painted. What the
 * cached image saves is this, per pan step. */
static void
bench_reference_frame (cairo_t             *cr,
                       const PsRect        *plot,
                       PsTimeAxis          *axis,
                       const PsHeatmapGrid *grid,
                       const PsValueScale  *scale,
                       const PsChartStyle  *style)
{
  int w = (int) plot->width, h = (int) plot->height;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  guint32 *data = (guint32 *) (gpointer) cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image) / 4;
  g_autofree int *col = g_new (int, w);
  g_autofree int *bin = g_new (int, h);
  double bin_w = (grid->price_hi - grid->price_lo) / grid->n_bins;

  for (int x = 0; x < w; x++)
    {
      gint64 t = ps_time_axis_from_x (axis, x + 0.5, plot->width);
      guint c = ps_series_lower_bound (grid->t_ms, grid->n_columns, t + 1);

      col[x] = c > 0 && t < grid->end_ms ? (int) c - 1 : -1;
    }
  for (int y = 0; y < h; y++)
    {
      double price = ps_value_scale_from_y (scale, plot->y + y + 0.5);
      double b = floor ((price - grid->price_lo) / bin_w);

      bin[y] = b >= 0 && b < grid->n_bins ? (int) b : -1;
    }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i;
        PsColor c;

        if (col[x] < 0 || bin[y] < 0)
          {
            data[(gsize) y * stride + x] = 0;
            continue;
          }
        i = (gsize) col[x] * grid->n_bins + bin[y];
        c = ps_heatmap_color (style, grid->long_usd[i] + grid->short_usd[i], grid->max_usd);
        data[(gsize) y * stride + x] = ((guint32) (c.alpha * 255) << 24) |
                                       ((guint32) (c.red * c.alpha * 255) << 16) |
                                       ((guint32) (c.green * c.alpha * 255) << 8) |
                                       (guint32) (c.blue * c.alpha * 255);
      }
  cairo_surface_mark_dirty (image);
  cairo_set_source_surface (cr, image, plot->x, plot->y);
  cairo_paint_with_alpha (cr, 0.85);
  cairo_surface_destroy (image);
}

void
bench_heatmap_image (void)
{
  g_autoptr(DemoModel) m = demo_model_new (2048, T0, HOUR, 1, 1000, 11);
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  PsRect rect = { 0, 0, 1920, 1080 }, plot;
  PsPriceLayers layers = { .heatmap = image, .heatmap_opacity = 0.85,
                           .zones = m->zones, .n_zones = m->n_zones };
  PsChartStyle style;
  PsValueScale scale;
  const guint rounds = 60;
  gint64 span = 2048 * HOUR;
  double t, set_s, first_s, pan_s, again_s, opacity_s, ref_s, pane_s, bare_s;
  guint builds;

  ps_chart_style_init_dark (&style);
  ps_render_get_plot_area (&rect, &style, &plot);
  ps_time_axis_set_range (axis, T0, T0 + span);
  if (!ps_render_price_scale (&rect, axis, m->candles, PS_INTERVAL_1H, &style, &scale))
    g_error ("no price scale");

  /* The build: the grid into colour levels (once per model result), then
   * the image on the first paint. */
  t = cpu_s ();
  ps_heatmap_image_set_grid (image, &m->grid);
  set_s = cpu_s () - t;
  t = cpu_s ();
  ps_render_heatmap (cr, &rect, axis, image, &scale, 0.85, &style);
  first_s = cpu_s () - t;

  /* Pan steps of 1 % of the view: the scale follows the candles in view,
   * as the pane's does; the image is only placed. */
  t = cpu_s ();
  for (guint r = 0; r < rounds; r++)
    {
      ps_time_axis_set_range (axis, T0 - (gint64) (r + 1) * span / 100,
                              T0 + span - (gint64) (r + 1) * span / 100);
      ps_render_price_scale (&rect, axis, m->candles, PS_INTERVAL_1H, &style, &scale);
      ps_render_heatmap (cr, &rect, axis, image, &scale, 0.85, &style);
    }
  pan_s = (cpu_s () - t) / rounds;
  if (ps_heatmap_image_get_n_builds (image) != 1)
    g_error ("the image was rebuilt on a pan: %u builds", ps_heatmap_image_get_n_builds (image));

  /* A new result of the same shape (each new candle): drawn into the same
   * image, no fresh memory. */
  t = cpu_s ();
  ps_heatmap_image_set_grid (image, &m->grid);
  ps_render_heatmap (cr, &rect, axis, image, &scale, 0.85, &style);
  again_s = cpu_s () - t;

  /* A step of the opacity slider: the images hold the opacity, so each
   * new one draws them again (into the same memory). */
  builds = ps_heatmap_image_get_n_builds (image);
  t = cpu_s ();
  for (guint r = 0; r < rounds / 6; r++)
    ps_render_heatmap (cr, &rect, axis, image, &scale, 0.5 + 0.01 * r, &style);
  opacity_s = (cpu_s () - t) / (rounds / 6);
  if (ps_heatmap_image_get_n_builds (image) != builds + rounds / 6)
    g_error ("a new opacity did not draw the image again");

  t = cpu_s ();
  for (guint r = 0; r < rounds / 6; r++)
    {
      ps_time_axis_set_range (axis, T0 - (gint64) (r + 1) * span / 100,
                              T0 + span - (gint64) (r + 1) * span / 100);
      ps_render_price_scale (&rect, axis, m->candles, PS_INTERVAL_1H, &style, &scale);
      bench_reference_frame (cr, &plot, axis, &m->grid, &scale, &style);
    }
  ref_s = (cpu_s () - t) / (rounds / 6);

  /* The whole pane per pan step, with and without the layer. */
  t = cpu_s ();
  for (guint r = 0; r < rounds; r++)
    {
      ps_time_axis_set_range (axis, T0 + (gint64) r * span / 100, T0 + span + (gint64) r * span / 100);
      ps_render_price_layers (cr, &rect, axis, m->candles, PS_INTERVAL_1H, &layers, "BTCUSDT",
                              &style);
    }
  pane_s = (cpu_s () - t) / rounds;
  t = cpu_s ();
  for (guint r = 0; r < rounds; r++)
    {
      ps_time_axis_set_range (axis, T0 + (gint64) r * span / 100, T0 + span + (gint64) r * span / 100);
      ps_render_price (cr, &rect, axis, m->candles, PS_INTERVAL_1H, "BTCUSDT", &style);
    }
  bare_s = (cpu_s () - t) / rounds;

  g_print ("heatmap image, %u columns x %u bins, 1920x1080 pane\n",
           m->grid.n_columns, m->grid.n_bins);
  /* Once per model result, not per frame: no frame target. */
  report ("  build: grid to levels", set_s, ref_s, m->grid.n_columns);
  report ("  build: image, first paint", first_s, ref_s, m->grid.n_columns);
  report ("  new grid, same shape: levels+image", again_s, ref_s, m->grid.n_columns);
  report_limit ("  repaint after a pan step", pan_s, ref_s, m->grid.n_columns, 0.004);
  report_limit ("  repaint at a new opacity", opacity_s, ref_s, m->grid.n_columns, 0.016);
  report_limit ("  price pane with it, per pan", pane_s, bare_s, m->grid.n_columns,
                bare_s + 0.004);
  g_print ("%-34s   (thread CPU time; baselines: a per-pixel recolouring of the plot, "
           "which every frame would cost without the cache; the pane without the layer)\n", "");

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}
