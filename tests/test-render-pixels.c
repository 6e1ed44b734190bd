/* test-render-pixels.c: boxes written straight into an image surface are the
 * pixels cairo would have drawn, and the panes drawn that way are the panes
 * drawn through cairo, byte for byte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-render.h"
#include "ps-render-heatmap.h"
#include "ps-render-private.h"
#include "ps-test-pixels.h"
#include "ps-test-util.h"

static gboolean
same_surfaces (cairo_surface_t *a,
               cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) h * stride) == 0;
}

/* A background that is not one colour: translucent boxes blend over it. */
static void
paint_backdrop (cairo_t *cr)
{
  cairo_pattern_t *g = cairo_pattern_create_linear (0, 0, 300, 200);

  cairo_pattern_add_color_stop_rgba (g, 0, 0.9, 0.2, 0.1, 1);
  cairo_pattern_add_color_stop_rgba (g, 1, 0.1, 0.5, 0.8, 0.6);
  cairo_set_source (cr, g);
  cairo_paint (cr);
  cairo_pattern_destroy (g);
}

/* Random boxes in random colours, opaque and not, a vertical gradient, at
 * a translation, under a clip; some boxes half outside, some fractional. */
static void
draw_boxes (cairo_t  *cr,
            guint32   seed)
{
  GRand *rand = g_rand_new_with_seed (seed);
  cairo_pattern_t *fade = cairo_pattern_create_linear (0, 20, 0, 180);
  PsPixels px;

  cairo_pattern_add_color_stop_rgba (fade, 0, 0.3, 0.5, 0.9, 0.24);
  cairo_pattern_add_color_stop_rgba (fade, 1, 0.3, 0.5, 0.9, 0.03);
  paint_backdrop (cr);
  cairo_save (cr);
  cairo_translate (cr, 7, -3);
  cairo_rectangle (cr, 10, 12, 260, 170);
  cairo_clip (cr);
  _ps_pixels_begin (&px, cr);
  for (guint source = 0; source < 12; source++)
    {
      PsColor color = { g_rand_double (rand), g_rand_double (rand), g_rand_double (rand),
                        source % 3 == 0 ? 1 : g_rand_double (rand) };

      if (source == 5)
        _ps_pixels_set_vertical (&px, fade);
      else
        _ps_pixels_set_color (&px, &color, source % 4 == 1 ? 0.5 : 1, FALSE);
      /* Disjoint: a box from a column on, columns apart per source; mostly
       * a pixel wide (bars zoomed out), some wider (grid lines, wide
       * bars): blended four pixels at a time across, or down, and the
       * rest one by one. */
      for (int x = (int) source; x < 290; x += 12)
        {
          static const int widths[] = { 1, 1, 1, 2, 5, 11 };
          double y = g_rand_int_range (rand, -10, 190), h = g_rand_int_range (rand, 1, 60);

          if (g_rand_int_range (rand, 0, 40) == 0)
            y += 0.5;   /* off the pixel grid: through cairo */
          _ps_pixels_box (&px, x, y, widths[g_rand_int_range (rand, 0, G_N_ELEMENTS (widths))],
                          h);
        }
    }
  _ps_pixels_end (&px);
  cairo_restore (cr);
  cairo_pattern_destroy (fade);
  g_rand_free (rand);
}

/* At 1:1, and from seed 11 at a device scale of 2 (HiDPI). */
static void
test_boxes (void)
{
  for (guint32 seed = 1; seed <= 20; seed++)
    {
      int scale = seed > 10 ? 2 : 1;
      cairo_surface_t *direct = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300 * scale,
                                                            200 * scale);
      cairo_surface_t *plain = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300 * scale,
                                                           200 * scale);
      cairo_t *cr;

      cairo_surface_set_device_scale (direct, scale, scale);
      cairo_surface_set_device_scale (plain, scale, scale);
      cr = cairo_create (direct);

      draw_boxes (cr, seed);
      cairo_destroy (cr);
      _ps_pixels_set_enabled (FALSE);
      cr = cairo_create (plain);
      draw_boxes (cr, seed);
      cairo_destroy (cr);
      _ps_pixels_set_enabled (TRUE);
      if (!same_surfaces (direct, plain))
        {
          save_if_asked (direct, "pixels-direct");
          save_if_asked (plain, "pixels-cairo");
          g_error ("boxes written straight differ from cairo's (seed %u)", seed);
        }
      cairo_surface_destroy (direct);
      cairo_surface_destroy (plain);
    }
}

/* Where writing the pixels would not give cairo's, cairo draws: a device
 * scale that is no whole number, a fractional translation, a clip that is
 * no rectangle, another operator, a surface that is no image. */
static void
test_fallbacks (void)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 40);
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (image);
  PsPixels px;

  cairo_rectangle (cr, 0, 0, 30, 30);
  cairo_clip (cr);
  _ps_pixels_begin (&px, cr);
  g_assert_nonnull (px.data);
  _ps_pixels_end (&px);

  cairo_save (cr);
  cairo_translate (cr, 0.5, 0);
  _ps_pixels_begin (&px, cr);
  g_assert_null (px.data);
  _ps_pixels_end (&px);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_ADD);
  _ps_pixels_begin (&px, cr);
  g_assert_null (px.data);
  _ps_pixels_end (&px);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_arc (cr, 15, 15, 10, 0, 2 * G_PI);
  cairo_clip (cr);
  _ps_pixels_begin (&px, cr);
  g_assert_null (px.data);
  _ps_pixels_end (&px);
  cairo_restore (cr);

  cairo_surface_set_device_scale (image, 1.5, 1.5);
  cairo_destroy (cr);
  cr = cairo_create (image);
  cairo_rectangle (cr, 0, 0, 10, 10);
  cairo_clip (cr);
  _ps_pixels_begin (&px, cr);
  g_assert_null (px.data);
  _ps_pixels_end (&px);
  cairo_destroy (cr);

  cr = cairo_create (recording);
  cairo_rectangle (cr, 0, 0, 10, 10);
  cairo_clip (cr);
  _ps_pixels_begin (&px, cr);
  g_assert_null (px.data);
  _ps_pixels_set_color (&px, &(PsColor) { 1, 0, 0, 1 }, 1, FALSE);
  _ps_pixels_box (&px, 1, 1, 3, 3);
  _ps_pixels_end (&px);
  cairo_destroy (cr);
  {
    double x, y, w, h;

    /* The box reached cairo. */
    cairo_recording_surface_ink_extents (recording, &x, &y, &w, &h);
    g_assert_cmpfloat (w, ==, 3);
    g_assert_cmpfloat (h, ==, 3);
  }
  cairo_surface_destroy (recording);
  cairo_surface_destroy (image);
}

/* Whole panes, zoomed out (1 px candle columns, the open interest band and
 * its fill, bars a pixel column each, the step line) and in: the same
 * bytes written straight or through cairo. */
typedef struct
{
  PsCandles       *candles;
  PsOpenInterest  *oi;
  PsFunding       *funding;
  PsLiquidations  *liq;
  double          *predicted[2];
} Series;

static void
series_init (Series *s,
             guint   n)
{
  GRand *rand = g_rand_new_with_seed (9);
  double price = 90000, oi = 7e9;

  s->candles = ps_candles_new (n);
  s->oi = ps_open_interest_new (n / 5);
  s->funding = ps_funding_new (0);
  s->liq = ps_liquidations_new (n / 5);
  s->predicted[0] = g_new0 (double, n);
  s->predicted[1] = g_new0 (double, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 t = T0 + (gint64) i * MINUTE_MS;
      double open = price, close = open * (1 + g_rand_double_range (rand, -0.002, 0.002));

      ps_candles_append (s->candles, t, open, MAX (open, close) * 1.0007,
                         MIN (open, close) * 0.9993, close, g_rand_double_range (rand, 1, 500),
                         NAN);
      price = close + (90000 - close) * 0.001;
      if (i % 5 == 0)
        {
          oi *= 1 + g_rand_double_range (rand, -0.003, 0.003);
          ps_open_interest_append (s->oi, t, oi / price, oi);
        }
      if (i % 480 == 0)
        ps_funding_append (s->funding, t, g_rand_double_range (rand, -0.0002, 0.0004), NAN);
      if (i % 5 == 2)
        ps_liquidations_append (s->liq, t + 1000, g_rand_boolean (rand) ? PS_LIQ_LONG
                                                                       : PS_LIQ_SHORT,
                                PS_LIQ_SOURCE_LIVE, close, close, 1,
                                g_rand_double_range (rand, 1e3, 1e6));
      if (i % 7 == 0)
        s->predicted[i % 2][i] = g_rand_double_range (rand, 1e3, 1e6);
    }
  g_rand_free (rand);
}

static void
series_clear (Series *s)
{
  ps_candles_unref (s->candles);
  ps_open_interest_unref (s->oi);
  ps_funding_unref (s->funding);
  ps_liquidations_unref (s->liq);
  g_free (s->predicted[0]);
  g_free (s->predicted[1]);
}

/* The liquidation markers are antialiased by distance when written
 * straight, not as cairo does: test_markers compares those. */
static void
draw_panes (cairo_t      *cr,
            PsTimeAxis   *axis,
            const Series *s,
            PsPriceStyle  price_style)
{
  PsChartStyle style;
  PsRecordedLiquidations recorded = { .events = s->liq };
  PsPredictedLiquidations predicted = { s->candles->t_ms, s->predicted[0], s->predicted[1],
                                        s->candles->n };
  PsPriceLayers layers = { .price_style = price_style, .show_volume = TRUE };

  ps_chart_style_init_dark (&style);
  ps_render_price_layers (cr, &(PsRect) { 0, 0, 700, 300 }, axis, s->candles, PS_INTERVAL_1M,
                          &layers, "BTCUSDT", &style);
  ps_render_open_interest (cr, &(PsRect) { 0, 300, 700, 120 }, axis, s->oi, "Open interest",
                           &style);
  ps_render_funding (cr, &(PsRect) { 0, 420, 700, 100 }, axis, s->funding, "Funding", &style);
  ps_render_liquidations_with_predicted (cr, &(PsRect) { 0, 520, 700, 160 }, axis, &recorded,
                                         &predicted, PS_INTERVAL_1M, "Liquidations", &style);
}

static void
test_panes (void)
{
  Series s;
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  gint64 end = T0 + 200000 * MINUTE_MS;
  const gint64 views[][2] = {
    { T0, end },                                               /* 1 px columns, bands */
    { T0 + 12345 * MINUTE_MS, T0 + 99999 * MINUTE_MS + 17 },
    { T0 + 50000 * MINUTE_MS, T0 + 50300 * MINUTE_MS },        /* wide candles, slots */
    { T0 + 50000 * MINUTE_MS + 30000, T0 + 50090 * MINUTE_MS },
  };

  series_init (&s, 200000);
  for (guint v = 0; v < 2 * G_N_ELEMENTS (views); v++)
    for (PsPriceStyle price_style = PS_PRICE_CANDLES; price_style <= PS_PRICE_OHLC; price_style++)
      {
        /* The second round at a device scale of 2, as on a HiDPI screen. */
        int scale = v < G_N_ELEMENTS (views) ? 1 : 2;
        cairo_surface_t *direct = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700 * scale,
                                                              680 * scale);
        cairo_surface_t *plain = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700 * scale,
                                                             680 * scale);
        cairo_t *cr;

        cairo_surface_set_device_scale (direct, scale, scale);
        cairo_surface_set_device_scale (plain, scale, scale);
        ps_time_axis_set_range (axis, views[v % G_N_ELEMENTS (views)][0],
                                views[v % G_N_ELEMENTS (views)][1]);
        cr = cairo_create (direct);
        draw_panes (cr, axis, &s, price_style);
        cairo_destroy (cr);
        _ps_pixels_set_enabled (FALSE);
        cr = cairo_create (plain);
        draw_panes (cr, axis, &s, price_style);
        cairo_destroy (cr);
        _ps_pixels_set_enabled (TRUE);
        if (!same_surfaces (direct, plain))
          {
            save_if_asked (direct, "panes-direct");
            save_if_asked (plain, "panes-cairo");
            g_error ("panes drawn straight into the pixels differ from cairo's (view %u)", v);
          }
        cairo_surface_destroy (direct);
        cairo_surface_destroy (plain);
      }
  series_clear (&s);
}

/* The dense step line of predicted liquidations counted in whole rows (its
 * steps at rows' middles) covers each pixel as measuring its edges does:
 * the same bytes, written straight and through cairo, at device scales 1
 * and 2, with steps rising, falling and level, to zero and back, and with
 * a clip that cuts through the line's columns (their runs begin and end
 * outside it). */
static void
test_step_rows (void)
{
  Series s;
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  PsChartStyle style;
  GRand *rand = g_rand_new_with_seed (23);
  const gint64 views[][2] = {
    { T0, T0 + 200000 * MINUTE_MS },
    { T0 + 777 * MINUTE_MS, T0 + 90000 * MINUTE_MS + 13 },
  };

  series_init (&s, 200000);
  /* Runs of equal values and of zeros beside jumps of any size. */
  for (guint i = 0; i < s.candles->n; i++)
    for (int side = 0; side < 2; side++)
      if (g_rand_int_range (rand, 0, 4) == 0)
        s.predicted[side][i] = i > 0 && g_rand_boolean (rand) ? s.predicted[side][i - 1]
                               : g_rand_int_range (rand, 0, 3) == 0 ? 0
                               : g_rand_double_range (rand, 1e2, 2e6);
  ps_chart_style_init_light (&style);
  for (guint v = 0; v < 8 * G_N_ELEMENTS (views); v++)
    {
      int scale = v % 2 + 1;
      gboolean direct = v / 2 % 2 == 0, clipped = v >= 4 * G_N_ELEMENTS (views);
      PsRecordedLiquidations recorded = { .events = s.liq };
      PsPredictedLiquidations predicted = { s.candles->t_ms, s.predicted[0], s.predicted[1],
                                            s.candles->n };
      cairo_surface_t *surface[2];

      ps_time_axis_set_range (axis, views[v / 4 % G_N_ELEMENTS (views)][0],
                              views[v / 4 % G_N_ELEMENTS (views)][1]);
      _ps_pixels_set_enabled (direct);
      for (int rows = 0; rows < 2; rows++)
        {
          cairo_t *cr;

          surface[rows] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640 * scale,
                                                      200 * scale);
          cairo_surface_set_device_scale (surface[rows], scale, scale);
          _ps_render_set_step_rows_enabled (rows);
          cr = cairo_create (surface[rows]);
          if (clipped)
            {
              /* Bands across both sides' lines, a few rows from zero. */
              cairo_rectangle (cr, 0, 57, 640, 31);
              cairo_clip (cr);
            }
          ps_render_liquidations_with_predicted (cr, &(PsRect) { 0, 0, 640, 200 }, axis,
                                                 v % 4 == 3 ? NULL : &recorded, &predicted,
                                                 PS_INTERVAL_1M, "Liquidations", &style);
          cairo_destroy (cr);
        }
      _ps_render_set_step_rows_enabled (TRUE);
      _ps_pixels_set_enabled (TRUE);
      if (!same_surfaces (surface[0], surface[1]))
        {
          save_if_asked (surface[0], "steps-edges");
          save_if_asked (surface[1], "steps-rows");
          g_error ("the step line counted in rows differs from its edges' (case %u)", v);
        }
      cairo_surface_destroy (surface[0]);
      cairo_surface_destroy (surface[1]);
    }
  g_rand_free (rand);
  series_clear (&s);
}

/* The largest liquidations as dots, written straight: where cairo's
 * antialiasing and the distance's differ, by little; everywhere else the
 * same. The dots are there in both. */
static void
test_markers (void)
{
  Series s;
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  PsRecordedLiquidations recorded;
  PsPriceLayers layers = { .liquidations = &recorded };
  PsChartStyle style;
  const gint64 views[][2] = {
    { T0, T0 + 200000 * MINUTE_MS },
    { T0 + 50000 * MINUTE_MS, T0 + 50300 * MINUTE_MS },
  };

  series_init (&s, 200000);
  recorded = (PsRecordedLiquidations) { .events = s.liq };
  ps_chart_style_init_dark (&style);
  for (guint v = 0; v < 2 * G_N_ELEMENTS (views); v++)
    {
      int scale = v < G_N_ELEMENTS (views) ? 1 : 2;
      cairo_surface_t *out[2];
      guint n_differ = 0, n_dots = 0, max_differ = 0;
      guint32 dot = 0xff000000 | rgb_of (&style.liq_long);
      const guint32 *a, *b;

      ps_time_axis_set_range (axis, views[v % 2][0], views[v % 2][1]);
      for (int k = 0; k < 2; k++)
        {
          cairo_t *cr;

          out[k] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700 * scale, 300 * scale);
          cairo_surface_set_device_scale (out[k], scale, scale);
          _ps_pixels_set_enabled (k == 0);
          cr = cairo_create (out[k]);
          ps_render_price_layers (cr, &(PsRect) { 0, 0, 700, 300 }, axis, s.candles,
                                  PS_INTERVAL_1M, &layers, "BTCUSDT", &style);
          cairo_destroy (cr);
          cairo_surface_flush (out[k]);
        }
      _ps_pixels_set_enabled (TRUE);
      a = (const guint32 *) (gconstpointer) cairo_image_surface_get_data (out[0]);
      b = (const guint32 *) (gconstpointer) cairo_image_surface_get_data (out[1]);
      for (int i = 0; i < 700 * 300 * scale * scale; i++)
        {
          n_dots += a[i] == dot;
          if (a[i] == b[i])
            continue;
          n_differ++;
          for (int shift = 0; shift < 32; shift += 8)
            max_differ = MAX (max_differ, (guint) abs ((int) ((a[i] >> shift) & 0xff) -
                                                       (int) ((b[i] >> shift) & 0xff)));
        }
      save_if_asked (out[0], "markers-direct");
      save_if_asked (out[1], "markers-cairo");
      /* Rings' edges only: a few thousandths of the pane, a tenth of a
       * channel at most. */
      g_assert_cmpuint (n_dots, >, 40 * scale * scale);
      g_assert_cmpuint (n_differ, >, 0);
      g_assert_cmpuint (n_differ, <, 700 * 300 * scale * scale / 50);
      g_assert_cmpuint (max_differ, <=, 40);
      cairo_surface_destroy (out[0]);
      cairo_surface_destroy (out[1]);
    }
  series_clear (&s);
}


static guint32
raw_pixel (cairo_surface_t *surface,
           int              x,
           int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (gconstpointer)
    (data + (gsize) y * cairo_image_surface_get_stride (surface) + 4 * x);
}

/* The heatmap's cells copied straight are cairo's nearest-filter paint,
 * but for centres within cairo's 16.16 rounding of a cell's edge: there the
 * two may take neighbouring cells, a column or row of pixels now and then
 * (a pixel's centre off by half a pixel differs in a third of them). Linear
 * and log scales, a view from before the grid to inside it and one inside,
 * at device scales 1 and 2; and views of a few more cells than pixels (the
 * cells copied sixteen bytes at a time), where nothing may land outside the
 * plot. */
static void
test_heatmap (void)
{
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  g_autofree float *long_usd = g_new0 (float, 1500 * 400);
  g_autofree float *short_usd = g_new0 (float, 1500 * 400);
  g_autofree gint64 *t_ms = g_new (gint64, 1500);
  PsHeatmapGrid grid = { 0 };
  PsRect rect = { 0, 0, 700, 300 }, plot;
  GRand *rand = g_rand_new_with_seed (5);
  PsChartStyle style;

  ps_chart_style_init_dark (&style);
  for (guint c = 0; c < 1500; c++)
    {
      t_ms[c] = T0 + c * 5 * MINUTE_MS;
      for (guint b = 0; b < 400; b++)
        if (g_rand_int_range (rand, 0, 3) == 0)
          long_usd[c * 400 + b] = (float) g_rand_double_range (rand, 1e3, 1e7);
    }
  grid = (PsHeatmapGrid) { .n_columns = 1500, .n_bins = 400, .price_lo = 80000,
                           .price_hi = 100000, .t_ms = t_ms, .end_ms = T0 + 7500 * MINUTE_MS,
                           .long_usd = long_usd, .short_usd = short_usd, .max_usd = 1e7 };
  ps_heatmap_image_set_grid (image, &grid);
  ps_render_get_plot_area (&rect, &style, &plot);

  for (guint v = 0; v < 12; v++)
    {
      int scale = v < 4 || v >= 8 ? 1 : 2;
      gboolean log = v % 2 == 1;
      PsValueScale values = { log ? 70000 : 85000, log ? 105000 : 95500, plot.y,
                              plot.y + plot.height, FALSE };
      cairo_surface_t *out[2];
      guint n_differ = 0, n = 0;

      if (log)
        _ps_render_value_scale_make_log (&values, 0);
      /* Before the grid's start to inside it, or wholly inside. */
      ps_time_axis_set_range (axis, T0 - (v % 4 < 2 ? 600 : -1234) * MINUTE_MS,
                              T0 + (v % 4 < 2 ? 4000 : 7000) * MINUTE_MS + 17);
      /* 1.03–1.15 cells a pixel, ending inside the grid or past its end. */
      if (v >= 8)
        {
          double per_px = 1.03 + (v - 8) * 0.04;
          gint64 from = v % 2 == 0 ? v * 37 : (gint64) (1500 - 0.7 * plot.width * per_px);

          ps_time_axis_set_range (axis, T0 + from * 5 * MINUTE_MS,
                                  T0 + (from + (gint64) (plot.width * per_px)) * 5 * MINUTE_MS);
        }
      for (int direct = 0; direct < 2; direct++)
        {
          cairo_t *cr;

          out[direct] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700 * scale,
                                                    300 * scale);
          cairo_surface_set_device_scale (out[direct], scale, scale);
          cr = cairo_create (out[direct]);
          _ps_render_set_color (cr, &style.background);
          cairo_paint (cr);
          cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
          cairo_clip (cr);
          _ps_pixels_set_enabled (direct);
          ps_render_heatmap (cr, &rect, axis, image, &values, 1, &style);
          _ps_pixels_set_enabled (TRUE);
          cairo_destroy (cr);
          cairo_surface_flush (out[direct]);
        }

      for (int y = 0; y < 300 * scale; y++)
        for (int x = 0; x < 700 * scale; x++)
          {
            gboolean inside = x >= plot.x * scale && x < (plot.x + plot.width) * scale &&
                              y >= plot.y * scale && y < (plot.y + plot.height) * scale;

            if (!inside)
              g_assert_cmphex (raw_pixel (out[1], x, y), ==, raw_pixel (out[0], x, y));
            n_differ += raw_pixel (out[1], x, y) != raw_pixel (out[0], x, y);
          }
      n = 700 * 300 * scale * scale;
      g_test_message ("view %u: %u of %u pixels differ from cairo's", v, n_differ, n);
      /* Near a cell a pixel, an edge within cairo's rounding is a column. */
      g_assert_cmpuint (n_differ, <=, v < 8 ? n / 1000 : 2 * (guint) plot.height);
      cairo_surface_destroy (out[0]);
      cairo_surface_destroy (out[1]);
    }
  g_rand_free (rand);
}

/* x / 255 rounded, as pixman divides: (t + (t >> 8)) >> 8 of t = x + 128. */
static guint32
div255 (guint32 x)
{
  guint32 t = x + 128;

  return (t + (t >> 8)) >> 8;
}

/* The pixel a ring leaves on d, channel by channel, from the definition:
 * a pixel is covered as far as its centre lies inside r1 and outside r0 (a
 * pixel wide), the colour scaled by that coverage in 1/255s and laid over d. */
static guint32
ring_oracle (guint32 s,
             guint32 d,
             double   dist,
             double   r0,
             double   r1)
{
  double cover = CLAMP (r1 - dist + 0.5, 0, 1) - (r0 > 0 ? CLAMP (r0 - dist + 0.5, 0, 1) : 0);
  guint32 m = (guint32) lround (cover * 255), out = 0, sa;

  if (m == 0)
    return d;
  for (int k = 0; k < 32; k += 8)
    out |= (m == 255 ? (s >> k) & 0xff : div255 (((s >> k) & 0xff) * m)) << k;
  sa = out >> 24;
  s = out, out = 0;
  for (int k = 0; k < 32; k += 8)
    out |= MIN (((s >> k) & 0xff) + div255 (((d >> k) & 0xff) * (255 - sa)), 255) << k;
  return out;
}

/* Discs and rings written straight are, pixel for pixel, the definition's:
 * random centres off the pixel grid, radii from a pixel to twenty, discs
 * and the markers' halo and edge rings, opaque and translucent, over a
 * gradient, under a clip that cuts some. */
static void
test_rings (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 200);
  cairo_surface_t *before = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 200);
  GRand *rand = g_rand_new_with_seed (17);

  for (guint k = 0; k < 300; k++)
    {
      double x = g_rand_double_range (rand, -10, 310), y = g_rand_double_range (rand, -10, 210);
      double r = g_rand_double_range (rand, 1, 20);
      double r0 = k % 3 == 0 ? 0 : k % 3 == 1 ? r - 1.5 : r - 0.625;
      double r1 = k % 3 == 0 ? r : k % 3 == 1 ? r + 1.5 : r + 0.625;
      PsColor color = { g_rand_double (rand), g_rand_double (rand), g_rand_double (rand),
                        k % 4 == 0 ? 1 : g_rand_double_range (rand, 0.1, 0.9) };
      cairo_t *cr;
      PsPixels px;
      guint32 s;

      cr = cairo_create (before);
      paint_backdrop (cr);
      cairo_destroy (cr);
      cr = cairo_create (surface);
      cairo_set_source_surface (cr, before, 0, 0);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      cairo_rectangle (cr, 5, 5, 290, 190);
      cairo_clip (cr);
      _ps_pixels_begin (&px, cr);
      _ps_pixels_set_color (&px, &color, 1, FALSE);
      g_assert_nonnull (px.rows);
      s = px.rows[0];
      g_assert_true (_ps_pixels_ring (&px, x, y, r0, r1));
      _ps_pixels_end (&px);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      cairo_surface_flush (before);

      for (int py = 0; py < 200; py++)
        for (int pxl = 0; pxl < 300; pxl++)
          {
            gboolean inside = pxl >= 5 && pxl < 295 && py >= 5 && py < 195;
            guint32 d = raw_pixel (before, pxl, py);
            guint32 want = inside ? ring_oracle (s, d, hypot (pxl + 0.5 - x, py + 0.5 - y), r0,
                                                 r1)
                                  : d;

            if (raw_pixel (surface, pxl, py) != want)
              g_error ("ring %u (%.3f, %.3f, %.3f–%.3f): pixel %d,%d is %08x, not %08x", k, x, y,
                       r0, r1, pxl, py, raw_pixel (surface, pxl, py), want);
          }
    }
  g_rand_free (rand);
  cairo_surface_destroy (before);
  cairo_surface_destroy (surface);
}

/* A marker's three rings in one pass are, byte for byte, the three drawn
 * one after the other: random centres, radii from under a pixel (no
 * middle, no hole) to twenty, translucent and opaque colours, over a
 * gradient, under a clip that cuts some, at device scales 1 and 2. */
static void
test_rings_at_once (void)
{
  GRand *rand = g_rand_new_with_seed (23);

  for (guint k = 0; k < 400; k++)
    {
      int scale = k % 2 + 1;
      double x = g_rand_double_range (rand, -10, 310), y = g_rand_double_range (rand, -10, 210);
      double r = k % 5 == 0 ? g_rand_double_range (rand, 0.1, 2) : g_rand_double_range (rand, 1, 20);
      PsColor colors[3];
      double alphas[3] = { 0.9, 0.7, 1 };
      cairo_surface_t *out[2];

      for (int c = 0; c < 3; c++)
        colors[c] = (PsColor) { g_rand_double (rand), g_rand_double (rand), g_rand_double (rand),
                                k % 4 == (guint) c ? 1 : g_rand_double_range (rand, 0.1, 1) };
      for (int once = 0; once < 2; once++)
        {
          const double r0[3] = { r - 1.5, 0, r - 0.625 }, r1[3] = { r + 1.5, r, r + 0.625 };
          cairo_t *cr;
          PsPixels px;

          out[once] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300 * scale, 200 * scale);
          cairo_surface_set_device_scale (out[once], scale, scale);
          cr = cairo_create (out[once]);
          paint_backdrop (cr);
          cairo_rectangle (cr, 5, 5, 290, 190);
          cairo_clip (cr);
          _ps_pixels_begin (&px, cr);
          if (once)
            {
              PsPixelsRing rings[3];

              for (int c = 0; c < 3; c++)
                rings[c] = (PsPixelsRing) { r0[c], r1[c], _ps_pixels_pixel (&colors[c],
                                                                             alphas[c]) };
              g_assert_true (_ps_pixels_rings (&px, x, y, rings, 3));
            }
          else
            for (int c = 0; c < 3; c++)
              {
                _ps_pixels_set_color (&px, &colors[c], alphas[c], FALSE);
                g_assert_true (_ps_pixels_ring (&px, x, y, r0[c], r1[c]));
              }
          _ps_pixels_end (&px);
          cairo_destroy (cr);
          cairo_surface_flush (out[once]);
        }
      for (int py = 0; py < 200 * scale; py++)
        for (int pxl = 0; pxl < 300 * scale; pxl++)
          if (raw_pixel (out[0], pxl, py) != raw_pixel (out[1], pxl, py))
            g_error ("marker %u (%.3f, %.3f, r %.3f, scale %d): pixel %d,%d is %08x, "
                     "ring by ring %08x", k, x, y, r, scale, pxl, py, raw_pixel (out[1], pxl, py),
                     raw_pixel (out[0], pxl, py));
      cairo_surface_destroy (out[0]);
      cairo_surface_destroy (out[1]);
    }
  g_rand_free (rand);
}

/* ps_round () is libm's round (), bit for bit: the halves either side of
 * zero, the last doubles below a half, the edges of the exact integers, the
 * specials, and many random doubles (any bits, and plain fractions). */
static void
round_check (double x)
{
  double a = round (x), b = ps_round (x);

  if (isnan (a) && isnan (b))
    return;
  if (memcmp (&a, &b, sizeof a) != 0)
    g_error ("ps_round (%a) = %a, round () says %a", x, b, a);
}

static void
test_round (void)
{
  const double cases[] = {
    0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
    0.5000000000000001, 2.4999999999999996, 4503599627370495.5, -4503599627370495.5,
    4503599627370496.0, 9007199254740993.0, 1e300, -1e300, 5e-324, -5e-324,
    INFINITY, -INFINITY, NAN,
  };
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    round_check (cases[i]);
  for (guint i = 0; i < 2000000; i++)
    {
      guint64 bits = (guint64) g_rand_int (rand) << 32 | g_rand_int (rand);
      double x;

      memcpy (&x, &bits, sizeof x);
      round_check (x);
      round_check (g_rand_double_range (rand, -5000, 5000));
      round_check ((double) g_rand_int_range (rand, -4000, 4000) / 8);
    }
  g_assert_cmpfloat (ps_round (-0.3), ==, 0);
  g_assert_true (signbit (ps_round (-0.3)));
  g_rand_free (rand);
}

/* The value-to-y of a scale, written out: min at y_bottom, max at y_top,
 * linearly or by equal ratios (a value not above zero far under the plot). */
static double
scale_y_oracle (const PsValueScale *scale,
                double              v)
{
  double f;

  if (scale->log)
    f = v > 0 ? log (v / scale->min) / log (scale->max / scale->min) : -16;
  else
    f = (v - scale->min) / (scale->max - scale->min);
  return scale->y_bottom - f * (scale->y_bottom - scale->y_top);
}

/* The inline value-to-y of the per-column loops and the library's are the
 * mapping, bit for bit: linear scales of every sign and height, a log one,
 * and values inside, outside, at the ends, zero, NAN and infinite. */
static void
test_value_scale_inline (void)
{
  GRand *rand = g_rand_new_with_seed (17);
  const double specials[] = { 0, -0.0, NAN, INFINITY, -INFINITY, 1e-300, -1e300 };

  for (guint s = 0; s < 40; s++)
    {
      double a = g_rand_double_range (rand, -1e6, 1e6);
      double b = a + g_rand_double_range (rand, 1e-3, 1e7);
      double top = g_rand_int_range (rand, 0, 200), bottom = top + g_rand_int_range (rand, 1, 900);
      PsValueScale scale = { a, b, top, bottom, FALSE };

      if (s % 4 == 3)
        {
          scale.min = fabs (a) + 1, scale.max = scale.min * g_rand_double_range (rand, 1.01, 50);
          _ps_render_value_scale_make_log (&scale, 0);
          g_assert_true (scale.log);
        }
      for (guint k = 0; k < 200 + G_N_ELEMENTS (specials) + 2; k++)
        {
          double v = k < 200 ? g_rand_double_range (rand, a - (b - a), b + (b - a))
                     : k < 200 + G_N_ELEMENTS (specials) ? specials[k - 200]
                     : k == 200 + G_N_ELEMENTS (specials) ? scale.min : scale.max;
          double want = scale_y_oracle (&scale, v);
          double got[2] = { ps_value_scale_to_y (&scale, v), _ps_value_scale_to_y (&scale, v) };

          for (guint i = 0; i < 2; i++)
            if (isnan (want))
              g_assert_true (isnan (got[i]));
            else
              g_assert_true (memcmp (&want, &got[i], sizeof want) == 0);
        }
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/render-pixels/boxes", test_boxes);
  g_test_add_func ("/render-pixels/fallbacks", test_fallbacks);
  g_test_add_func ("/render-pixels/panes", test_panes);
  g_test_add_func ("/render-pixels/markers", test_markers);
  g_test_add_func ("/render-pixels/heatmap", test_heatmap);
  g_test_add_func ("/render-pixels/rings", test_rings);
  g_test_add_func ("/render-pixels/rings-at-once", test_rings_at_once);
  g_test_add_func ("/render-pixels/round", test_round);
  g_test_add_func ("/render-pixels/step-rows", test_step_rows);
  g_test_add_func ("/render-pixels/value-scale-inline", test_value_scale_inline);
  return g_test_run ();
}
