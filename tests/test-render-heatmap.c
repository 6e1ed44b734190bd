/* test-render-heatmap.c: the heatmap under the candles, its cache, its
 * legend and hot zones, pixel by pixel (the ribbon and predicted
 * liquidations: test-render-model.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-render.h"
#include "ps-render-heatmap.h"
#include "ps-test-pixels.h"
#include "ps-test-util.h"

/* Hand-made inputs ------------------------------------------------------------ */

static PsHeatmapGrid *
grid_new (guint  n_columns,
          guint  n_bins,
          double price_lo,
          double price_hi,
          gint64 step_ms)
{
  PsHeatmapGrid *g = g_new0 (PsHeatmapGrid, 1);

  g->n_columns = n_columns;
  g->n_bins = n_bins;
  g->price_lo = price_lo;
  g->price_hi = price_hi;
  g->t_ms = g_new (gint64, n_columns);
  for (guint c = 0; c < n_columns; c++)
    g->t_ms[c] = T0 + (gint64) c * step_ms;
  g->end_ms = T0 + (gint64) n_columns * step_ms;
  g->long_usd = g_new0 (float, (gsize) n_columns * n_bins);
  g->short_usd = g_new0 (float, (gsize) n_columns * n_bins);
  return g;
}

static void
grid_free (PsHeatmapGrid *g)
{
  g_free (g->t_ms);
  g_free (g->long_usd);
  g_free (g->short_usd);
  g_free (g);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsHeatmapGrid, grid_free)

static guint
grid_bin (const PsHeatmapGrid *g,
          double               price)
{
  return (guint) floor ((price - g->price_lo) / (g->price_hi - g->price_lo) * g->n_bins);
}

/* The middle of the bin holding price. */
static double
grid_bin_mid (const PsHeatmapGrid *g,
              double               price)
{
  double w = (g->price_hi - g->price_lo) / g->n_bins;

  return g->price_lo + (grid_bin (g, price) + 0.5) * w;
}

static void
grid_set (PsHeatmapGrid *g,
          guint          column,
          double         price,
          PsLiqSide      side,
          float          usd)
{
  gsize i = (gsize) column * g->n_bins + grid_bin (g, price);

  if (side == PS_LIQ_LONG)
    g->long_usd[i] = usd;
  else
    g->short_usd[i] = usd;
  g->max_usd = MAX (g->max_usd, usd);
}

/* Hourly candles from T0 between 100 and 110, bodies 104–106. */
static PsCandles *
flat_candles (guint n)
{
  PsCandles *c = ps_candles_new (n);

  for (guint i = 0; i < n; i++)
    ps_candles_append (c, T0 + i * HOUR_MS, 104, 110, 100, 106, 1, 0.5);
  return c;
}

/* Heatmap ------------------------------------------------------------------- */

static void
test_heatmap_colour (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PsCandles) candles = flat_candles (10);
  g_autoptr(PsHeatmapGrid) grid = grid_new (10, 100, 90, 120, HOUR_MS);
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  PsPriceLayers layers = { .heatmap = image, .heatmap_opacity = 1 };
  PsValueScale scale;
  double price = 101.15, x3, x6, y;
  PsColor hot, mid, hot_half;

  grid_set (grid, 3, price, PS_LIQ_LONG, 4e8);
  grid_set (grid, 4, price, PS_LIQ_SHORT, 4e7);    /* a tenth: a quarter up the scale */
  grid_set (grid, 5, price, PS_LIQ_LONG, 1e6);     /* under max / 100: not drawn */
  ps_heatmap_image_set_grid (image, grid);
  g_assert_false (ps_heatmap_image_is_empty (image));
  g_assert_cmpfloat (ps_heatmap_image_get_max_usd (image), ==, 4e8);

  ps_time_axis_set_range (f->axis, T0, T0 + 10 * HOUR_MS);
  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H, &f->style,
                                        &scale));
  y = ps_value_scale_to_y (&scale, grid_bin_mid (grid, price));
  x3 = hour_x (f, 3, 30), x6 = hour_x (f, 6, 30);

  /* Without the layer: background where the cells will be. */
  ps_render_price (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, "BTCUSDT", &f->style);
  assert_rgb (f->surface, x3, y, &f->style.background);
  assert_rgb (f->surface, x6, y, &f->style.background);

  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers,
                          "BTCUSDT", &f->style);
  hot = ps_heatmap_color (&f->style, 4e8, 4e8);
  mid = ps_heatmap_color (&f->style, 4e7, 4e8);
  hot = over (&hot, &f->style.background);
  mid = over (&mid, &f->style.background);
  /* The fullest cell in the scale's top colour, the tenth lower down,
   * both across their whole column; dust and empty cells are background. */
  assert_rgb (f->surface, x3, y, &hot);
  assert_rgb (f->surface, hour_x (f, 3, -30), y, &hot);
  assert_rgb (f->surface, hour_x (f, 4, 30), y, &mid);
  assert_rgb (f->surface, hour_x (f, 5, 30), y, &f->style.background);
  assert_rgb (f->surface, x6, y, &f->style.background);
  assert_rgb (f->surface, x3, ps_value_scale_to_y (&scale, price + 0.8), &f->style.background);
  g_assert_false (same_rgb (rgb_of (&hot), rgb_of (&mid)));
  /* The candles stay on top, and the scale stays theirs. */
  assert_rgb (f->surface, hour_x (f, 3, 0), ps_value_scale_to_y (&scale, 105), &f->style.up);

  /* Half the opacity: half the colour over the background. */
  layers.heatmap_opacity = 0.5;
  paint_magenta (f);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers,
                          "BTCUSDT", &f->style);
  hot_half = ps_heatmap_color (&f->style, 4e8, 4e8);
  hot_half.alpha *= 0.5;
  hot_half = over (&hot_half, &f->style.background);
  assert_rgb (f->surface, x3, y, &hot_half);
  /* The images hold the opacity: back to full, full colour again. */
  layers.heatmap_opacity = 1;
  paint_magenta (f);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers,
                          "BTCUSDT", &f->style);
  assert_rgb (f->surface, x3, y, &hot);
  /* Opacity 0: nothing. */
  layers.heatmap_opacity = 0;
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers,
                          "BTCUSDT", &f->style);
  assert_rgb (f->surface, x3, y, &f->style.background);
}

/* The grid's lines are drawn over the layer: readable across a band that
 * covers the whole plot. The layer's images hold their colours blended
 * over the background already; a new background (light to dark) blends
 * them again. */
static void
test_heatmap_grid_over (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PsCandles) candles = ps_candles_new (5);
  g_autoptr(PsHeatmapGrid) grid = grid_new (10, 100, 90, 120, HOUR_MS);
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  PsPriceLayers layers = { .heatmap = image, .heatmap_opacity = 0.7 };
  double x_heat, x_bare;
  guint n_lines = 0;
  PsColor heat;

  /* Candles in the last hours only, clear of the band. */
  for (guint i = 5; i < 10; i++)
    ps_candles_append (candles, T0 + i * HOUR_MS, 104, 110, 100, 106, 1, 0.5);
  /* Columns 1-3 full, every bin at a tenth of the top. */
  for (guint b = 0; b < grid->n_bins; b++)
    for (guint c = 1; c < 4; c++)
      grid_set (grid, c, grid_bin_mid (grid, 90 + (b + 0.5) * 0.3), PS_LIQ_LONG, 4e7);
  grid_set (grid, 0, 91, PS_LIQ_LONG, 4e8);
  ps_heatmap_image_set_grid (image, grid);
  ps_time_axis_set_range (f->axis, T0, T0 + 10 * HOUR_MS);
  x_heat = hour_x (f, 2, 0);
  x_bare = hour_x (f, 4, 30);

  for (int dark = 0; dark < 2; dark++)
    {
      if (dark)
        ps_chart_style_init_dark (&f->style);
      heat = ps_heatmap_color (&f->style, 4e7, 4e8);
      heat.alpha *= 0.7;
      heat = over (&heat, &f->style.background);
      paint_magenta (f);
      ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers,
                              "BTCUSDT", &f->style);

      /* Each row where the bare column shows a grid line shows it across
       * the band too, and the rows between are the band's colour. */
      for (double y = f->plot.y + 30; y < f->plot.y + f->plot.height - 10; y++)
        {
          gboolean line = pixel_at (f->surface, x_bare, y) != rgb_of (&f->style.background);

          if (pixel_at (f->surface, x_bare, y) == pixel_at (f->surface, x_bare - 1, y) &&
              line)
            {
              n_lines++;
              g_assert_false (same_rgb (pixel_at (f->surface, x_heat, y), rgb_of (&heat)));
            }
          else if (!line)
            assert_rgb (f->surface, x_heat, y, &heat);
        }
    }
  /* Both styles drew value lines through the band. */
  g_assert_cmpuint (n_lines, >=, 8);
}

/* The image is placed per frame; it is built once per grid, style and
 * pooling level, not per pan step or price range. */
static void
test_heatmap_cache (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PsCandles) candles = ps_candles_new (0);
  g_autoptr(PsHeatmapGrid) grid = grid_new (200, 2000, 80, 130, HOUR_MS);
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  PsPriceLayers layers = { .heatmap = image, .heatmap_opacity = 0.8 };
  PsChartStyle dark;
  PsValueScale scale;
  double y;

  /* One wild candle far right: zoomed out, the price range widens. */
  for (guint i = 0; i < 200; i++)
    ps_candles_append (candles, T0 + i * HOUR_MS, 104 + (i % 7), i == 150 ? 128 : 112 + (i % 5),
                       i == 150 ? 82 : 100 - (i % 3), 105, 1, 0.5);
  for (guint c = 0; c < 200; c++)
    grid_set (grid, c, 95, PS_LIQ_LONG, 1e8);
  ps_heatmap_image_set_grid (image, grid);
  g_assert_cmpuint (ps_heatmap_image_get_n_builds (image), ==, 0);

  ps_time_axis_set_range (f->axis, T0, T0 + 20 * HOUR_MS);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, NULL,
                          &f->style);
  g_assert_cmpuint (ps_heatmap_image_get_n_builds (image), ==, 1);

  /* Pan step by step: the price range changes with the candles in view, the
   * image does not. Each frame still draws the cells at their price. */
  for (guint k = 1; k <= 12; k++)
    {
      ps_time_axis_set_range (f->axis, T0 + k * HOUR_MS / 3, T0 + 20 * HOUR_MS + k * HOUR_MS / 3);
      paint_magenta (f);
      ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, NULL,
                              &f->style);
      g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H,
                                            &f->style, &scale));
      y = ps_value_scale_to_y (&scale, grid_bin_mid (grid, 95));
      if (y < f->plot.y + f->plot.height - 2)
        g_assert_false (same_rgb (pixel_at (f->surface, f->plot.x + 17 * k, y),
                                  rgb_of (&f->style.background)));
    }
  g_assert_cmpuint (ps_heatmap_image_get_n_builds (image), ==, 1);

  /* Zoomed out to all 200 columns and 2000 bins in ~330 px: one pooled
   * level, built once, kept when zooming back and forth. */
  ps_time_axis_set_range (f->axis, T0, T0 + 200 * HOUR_MS);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, NULL,
                          &f->style);
  g_assert_cmpuint (ps_heatmap_image_get_n_builds (image), ==, 2);
  ps_time_axis_set_range (f->axis, T0, T0 + 20 * HOUR_MS);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, NULL,
                          &f->style);
  ps_time_axis_set_range (f->axis, T0, T0 + 200 * HOUR_MS);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, NULL,
                          &f->style);
  g_assert_cmpuint (ps_heatmap_image_get_n_builds (image), ==, 2);

  /* A new style or a new grid builds anew. */
  ps_chart_style_init_dark (&dark);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, NULL,
                          &dark);
  g_assert_cmpuint (ps_heatmap_image_get_n_builds (image), ==, 3);
  ps_heatmap_image_set_grid (image, grid);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, NULL,
                          &dark);
  g_assert_cmpuint (ps_heatmap_image_get_n_builds (image), ==, 4);

  /* A grid of the same shape is drawn into the same memory: what shows is
   * the new grid's, nothing of the old. */
  memset (grid->long_usd, 0, sizeof (float) * grid->n_columns * grid->n_bins);
  grid_set (grid, 10, 103, PS_LIQ_SHORT, 1e8);
  ps_heatmap_image_set_grid (image, grid);
  ps_time_axis_set_range (f->axis, T0, T0 + 20 * HOUR_MS);
  paint_magenta (f);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, NULL,
                          &f->style);
  g_assert_cmpuint (ps_heatmap_image_get_n_builds (image), ==, 5);
  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H, &f->style,
                                        &scale));
  {
    PsColor hot = ps_heatmap_color (&f->style, 1e8, 1e8);

    hot.alpha *= layers.heatmap_opacity;
    hot = over (&hot, &f->style.background);
    guint hits = 0;

    /* 36 px a candle here: 10 px off the wick, inside the candle's slot;
     * the bin is pooled by four into a pixel or two near its price. */
    y = ps_value_scale_to_y (&scale, grid_bin_mid (grid, 103));
    for (double yy = floor (y) - 2; yy <= floor (y) + 2; yy++)
      {
        hits += same_rgb (pixel_at (f->surface, hour_x (f, 10, 10), yy), rgb_of (&hot));
        assert_rgb (f->surface, hour_x (f, 9, 10), yy, &f->style.background);
      }
    g_assert_cmpuint (hits, >=, 1);
    y = ps_value_scale_to_y (&scale, grid_bin_mid (grid, 95));
    if (y < f->plot.y + f->plot.height - 2)
      assert_rgb (f->surface, hour_x (f, 10, 10), y, &f->style.background);
  }
}

/* Zoomed out so far that many bins share a pixel, a one-bin band is kept
 * (pooled by the maximum), and columns of uneven widths land at their times. */
static void
test_heatmap_pooled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PsCandles) candles = flat_candles (10);
  g_autoptr(PsHeatmapGrid) grid = grid_new (10, 4000, 0, 1000, HOUR_MS);
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  PsPriceLayers layers = { .heatmap = image, .heatmap_opacity = 1 };
  PsValueScale scale;
  PsColor hot;
  double y;
  guint hits = 0;

  /* Candles span 100–110 but the scale is forced wide by a far candle. */
  ps_candles_append (candles, T0 + 10 * HOUR_MS, 500, 900, 20, 600, 1, 0.5);
  /* Columns 0–4 then, 3 h later, 5–9. */
  for (guint c = 5; c < 10; c++)
    grid->t_ms[c] += 3 * HOUR_MS;
  grid->end_ms += 3 * HOUR_MS;
  for (guint c = 0; c < 10; c++)
    if (c != 4)   /* column 4 spans hours 4–8, up to the next column */
      grid_set (grid, c, 333.3, PS_LIQ_SHORT, 5e7);
  ps_heatmap_image_set_grid (image, grid);

  ps_time_axis_set_range (f->axis, T0, T0 + 14 * HOUR_MS);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, NULL,
                          &f->style);
  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H, &f->style,
                                        &scale));
  /* ~10 bins a pixel here: pooled, not sampled. */
  g_assert_cmpfloat ((scale.y_bottom - scale.y_top) / (scale.max - scale.min) * 0.25, <, 0.2);
  hot = ps_heatmap_color (&f->style, 5e7, 5e7);
  hot = over (&hot, &f->style.background);
  y = ps_value_scale_to_y (&scale, 333.3);
  for (double yy = floor (y) - 1; yy <= floor (y) + 1; yy++)
    hits += same_rgb (pixel_at (f->surface, hour_x (f, 2, 20), yy), rgb_of (&hot));
  g_assert_cmpuint (hits, >=, 1);
  /* In column 4's long span (hours 4–8): nothing; after it (hour 9 = column
   * 6): the band again. */
  for (double yy = floor (y) - 1; yy <= floor (y) + 1; yy++)
    assert_rgb (f->surface, hour_x (f, 6, 0), yy, &f->style.background);
  hits = 0;
  for (double yy = floor (y) - 1; yy <= floor (y) + 1; yy++)
    hits += same_rgb (pixel_at (f->surface, hour_x (f, 9, 0), yy), rgb_of (&hot));
  g_assert_cmpuint (hits, >=, 1);
}

/* More columns than an image may have (5,000 > 4,096): pooled by two in
 * time, and a hot column still lands at its own time. */
static void
test_heatmap_wide (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PsCandles) candles = ps_candles_new (0);
  g_autoptr(PsHeatmapGrid) grid = grid_new (5000, 20, 90, 120, MINUTE_MS);
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  PsPriceLayers layers = { .heatmap = image, .heatmap_opacity = 1 };
  PsValueScale scale;
  PsColor hot;
  double y, x;

  for (guint i = 0; i < 5000; i++)
    ps_candles_append (candles, T0 + i * MINUTE_MS, 104, 110, 100, 106, 1, 0.5);
  grid_set (grid, 2500, 101, PS_LIQ_LONG, 1e7);
  ps_heatmap_image_set_grid (image, grid);
  ps_time_axis_set_range (f->axis, T0 + 2490 * MINUTE_MS, T0 + 2510 * MINUTE_MS);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1M, &layers, NULL,
                          &f->style);
  g_assert_cmpuint (ps_heatmap_image_get_n_builds (image), ==, 1);
  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1M, &f->style,
                                        &scale));
  hot = ps_heatmap_color (&f->style, 1e7, 1e7);
  hot = over (&hot, &f->style.background);
  y = ps_value_scale_to_y (&scale, grid_bin_mid (grid, 101));
  /* 36 px a column: a third into column 2500 (off the wick), hot; three
   * columns either side, not. */
  x = f->plot.x + ps_time_axis_to_x (f->axis, T0 + 2500 * MINUTE_MS + 20000, f->plot.width);
  g_assert_cmpfloat (y, <, f->plot.y + f->plot.height - 1);
  assert_rgb (f->surface, x, y, &hot);
  assert_rgb (f->surface, x - 3 * 36, y, &f->style.background);
  assert_rgb (f->surface, x + 3 * 36, y, &f->style.background);
}

static void
test_heatmap_bad_grid (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PsCandles) candles = flat_candles (10);
  g_autoptr(PsHeatmapGrid) grid = grid_new (10, 100, 90, 120, HOUR_MS);
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  PsPriceLayers layers = { .heatmap = image, .heatmap_opacity = 1 };
  PsColor c;

  ps_time_axis_set_range (f->axis, T0, T0 + 10 * HOUR_MS);
  /* All zero, NaN and negative: nothing to draw. */
  grid->long_usd[5] = NAN;
  grid->short_usd[6] = -5;
  ps_heatmap_image_set_grid (image, grid);
  g_assert_true (ps_heatmap_image_is_empty (image));
  /* A price range that cannot be placed. */
  grid_set (grid, 3, 100, PS_LIQ_LONG, 1e6);
  grid->price_hi = grid->price_lo;
  ps_heatmap_image_set_grid (image, grid);
  g_assert_true (ps_heatmap_image_is_empty (image));
  ps_heatmap_image_set_grid (image, NULL);
  g_assert_true (ps_heatmap_image_is_empty (image));
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, NULL,
                          &f->style);
  g_assert_cmpuint (ps_heatmap_image_get_n_builds (image), ==, 0);

  c = ps_heatmap_color (&f->style, 0, 1e6);
  g_assert_cmpfloat (c.alpha, ==, 0);
  c = ps_heatmap_color (&f->style, NAN, 1e6);
  g_assert_cmpfloat (c.alpha, ==, 0);
  c = ps_heatmap_color (&f->style, 1e6, 1e6);
  g_assert_cmpfloat (c.alpha, >, 0.5);
}

/* Legend and hot zones ------------------------------------------------------------ */

static void
test_heatmap_zones (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PsCandles) candles = flat_candles (10);
  g_autoptr(PsHeatmapGrid) grid = grid_new (10, 100, 90, 120, HOUR_MS);
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  const PsHeatZone zones[] = {
    { PS_LIQ_LONG, 100.9, 101.8, 101.2, 4.12e8, T0, T0 + 10 * HOUR_MS },
    { PS_LIQ_SHORT, 108.5, 109.4, 109.0, 3.1e8, T0, T0 + 10 * HOUR_MS },
    /* Close under the first: its label is nudged, not drawn over it. */
    { PS_LIQ_LONG, 101.3, 101.6, 101.4, 2e8, T0, T0 + 10 * HOUR_MS },
    /* Beyond the candles' range: pinned to the top edge. */
    { PS_LIQ_SHORT, 118, 119, 118.5, 5e8, T0, T0 + 10 * HOUR_MS },
  };
  PsPriceLayers layers = { .heatmap = image, .heatmap_opacity = 1, .zones = zones,
                           .n_zones = G_N_ELEMENTS (zones) };
  PsValueScale scale;
  PsRect strip, band, legend;
  double y_long, y_short;
  PsColor top;

  grid_set (grid, 3, 101.2, PS_LIQ_LONG, 4e8);
  ps_heatmap_image_set_grid (image, grid);
  ps_time_axis_set_range (f->axis, T0, T0 + 10 * HOUR_MS);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers,
                          "BTCUSDT", &f->style);
  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H, &f->style,
                                        &scale));
  save_if_asked (f->surface, "heatmap-zones");
  y_long = ps_value_scale_to_y (&scale, 101.2);
  y_short = ps_value_scale_to_y (&scale, 109.0);

  /* Labels of the side's colour at the right edge, at their peak's height. */
  band = (PsRect) { f->plot.x + f->plot.width - 90, round (y_long) - 9, 90, 18 };
  g_assert_cmpuint (count_colour (f, &band, &f->style.liq_long), >=, 30);
  band = (PsRect) { f->plot.x + f->plot.width - 90, round (y_short) - 9, 90, 18 };
  g_assert_cmpuint (count_colour (f, &band, &f->style.liq_short), >=, 30);
  g_assert_cmpuint (count_colour (f, &band, &f->style.liq_long), ==, 0);
  /* The bracket: the side's colour on the plot's last pixels over the band. */
  assert_rgb (f->surface, f->plot.x + f->plot.width - 2, y_long, &f->style.liq_long);
  assert_rgb (f->surface, f->plot.x + f->plot.width - 2, y_short, &f->style.liq_short);
  /* Nowhere else in the strip (between the zones, nothing of either). */
  strip = (PsRect) { f->plot.x + f->plot.width - 90, round (y_short) + 30, 90,
                     round (y_long) - 50 - round (y_short) - 30 };
  g_assert_cmpuint (count_colour (f, &strip, &f->style.liq_long), ==, 0);
  g_assert_cmpuint (count_colour (f, &strip, &f->style.liq_short), ==, 0);
  /* The smaller long zone's label, whose peak is taken by the larger one's:
   * just above it, on its side of it. */
  band = (PsRect) { f->plot.x + f->plot.width - 90, round (y_long) - 26, 90, 16 };
  g_assert_cmpuint (count_colour (f, &band, &f->style.liq_long), >=, 30);

  /* The zone beyond the top: a label in the short colour just under the
   * top of the scale, wider (it carries its price), and no bracket. */
  band = (PsRect) { f->plot.x + f->plot.width - 160, round (scale.y_top), 150, 16 };
  g_assert_cmpuint (count_colour (f, &band, &f->style.liq_short), >=, 20);
  band = (PsRect) { f->plot.x + f->plot.width - 160, round (scale.y_top), 70, 16 };
  g_assert_cmpuint (count_colour (f, &band, &f->style.liq_short), >=, 3);
  for (double yy = scale.y_top + 20; yy < ps_value_scale_to_y (&scale, 109.4) - 1; yy++)
    g_assert_false (same_rgb (pixel_at (f->surface, f->plot.x + f->plot.width - 2, yy),
                              rgb_of (&f->style.liq_short)));

  /* The colour legend, top right in the title band: the scale's top colour. */
  top = ps_heatmap_color (&f->style, 1, 1);
  top = over (&top, &f->style.background);
  legend = (PsRect) { f->plot.x + f->plot.width * 0.5, f->plot.y, f->plot.width * 0.5,
                      scale.y_top - f->plot.y };
  {
    guint n = 0;

    for (double y = legend.y; y < legend.y + legend.height; y++)
      for (double x = legend.x; x < legend.x + legend.width; x++)
        {
          guint32 px = pixel_at (f->surface, x, y);
          guint32 want = rgb_of (&top);

          /* The gradient's last pixels: within a few steps of the top. */
          n += abs ((int) (px >> 16) - (int) (want >> 16)) < 12 &&
               abs ((int) ((px >> 8) & 0xff) - (int) ((want >> 8) & 0xff)) < 12 &&
               abs ((int) (px & 0xff) - (int) (want & 0xff)) < 12;
        }
    g_assert_cmpuint (n, >=, 4);
  }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);


#define ADD(path, func) \
  g_test_add ("/perpscope/chart/render-heatmap/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("colour", test_heatmap_colour);
  ADD ("grid-over", test_heatmap_grid_over);
  ADD ("cache", test_heatmap_cache);
  ADD ("pooled", test_heatmap_pooled);
  ADD ("wide", test_heatmap_wide);
  ADD ("bad-grid", test_heatmap_bad_grid);
  ADD ("zones", test_heatmap_zones);
#undef ADD

  return g_test_run ();
}
