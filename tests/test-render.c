/* test-render.c: the chart drawing, checked pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-render.h"
#include "ps-test-pixels.h"
#include "ps-test-util.h"

/* Numbers ------------------------------------------------------------------ */

static void
test_format (void)
{
  struct { char *got; const char *want; } cases[] = {
    { ps_format_price (101516.5), "101,516.5" },
    { ps_format_price (98000), "98,000.0" },
    { ps_format_price (3456.789), "3,456.79" },
    { ps_format_price (0.5123), "0.5123" },
    { ps_format_price (-1234.5), "\xe2\x88\x92" "1,234.50" },
    { ps_format_usd_compact (8.34e9), "$8.34B" },
    { ps_format_usd_compact (83.44e9), "$83.4B" },
    { ps_format_usd_compact (834e9), "$834B" },
    { ps_format_usd_compact (999.8e6), "$1.00B" },
    { ps_format_usd_compact (1.5e12), "$1.50T" },
    { ps_format_usd_compact (12345), "$12.3K" },
    { ps_format_usd_compact (512), "$512" },
    { ps_format_usd_compact (-2.5e6), "\xe2\x88\x92" "$2.50M" },
    { ps_format_percent (0.0001, 4), "0.0100%" },
    { ps_format_percent (0.0001, 3), "0.010%" },
    { ps_format_percent (-0.000075, 4), "\xe2\x88\x92" "0.0075%" },
    { ps_format_percent (-0.0000001, 3), "0.000%" },
    { ps_format_percent (0.375, 1), "37.5%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (cases[i].got, ==, cases[i].want);
      g_free (cases[i].got);
    }
}

static void
test_styles (void)
{
  PsChartStyle light, dark;

  ps_chart_style_init_light (&light);
  ps_chart_style_init_dark (&dark);

  g_assert_cmpfloat (light.background.red, >, 0.9);
  g_assert_cmpfloat (dark.background.red, <, 0.2);
  g_assert_cmpfloat (dark.background.alpha, ==, 1);
  g_assert_cmpstr (light.font_family, ==, "Cantarell");
  g_assert_cmpfloat (light.gutter, >=, 60);
  /* Up is green and down is red in both. */
  g_assert_cmpfloat (light.up.green, >, light.up.red);
  g_assert_cmpfloat (light.down.red, >, light.down.green);
  g_assert_cmpfloat (dark.up.green, >, dark.up.red);
  g_assert_cmpfloat (dark.down.red, >, dark.down.green);
  g_assert_cmpfloat (light.grid.alpha, <, 0.15);
}

/* Price ----------------------------------------------------------------------- */

/* Twelve hourly candles, the fifth missing: even rows up, odd rows down. */
static PsCandles *
make_hourly_candles (void)
{
  PsCandles *candles = ps_candles_new (12);

  for (guint i = 0; i < 12; i++)
    {
      double base = 100000 + 500 * i;

      if (i == 4)
        continue;
      if (i % 2 == 0)
        ps_candles_append (candles, T0 + i * HOUR_MS, base, base + 600, base - 300, base + 400,
                           10, NAN);
      else
        ps_candles_append (candles, T0 + i * HOUR_MS, base + 400, base + 500, base - 600, base,
                           10, NAN);
    }

  return candles;
}

static void
test_price_candles (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PsCandles) candles = make_hourly_candles ();
  PsValueScale scale;

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_price (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, "BTCUSDT", &f->style);

  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H,
                                        &f->style, &scale));
  /* Autoscaled to the visible lows and highs, with some padding. */
  g_assert_cmpfloat (scale.min, <, 100000 - 600);
  g_assert_cmpfloat (scale.min, >, 100000 - 600 - 0.1 * 6100);
  g_assert_cmpfloat (scale.max, >, 105500 + 600);
  g_assert_cmpfloat (scale.max, <, 105500 + 600 + 0.1 * 6100);
  g_assert_cmpfloat (scale.y_top, >=, f->plot.y);
  g_assert_cmpfloat (scale.y_bottom, <=, f->plot.y + f->plot.height);
  g_assert_cmpfloat_with_epsilon (ps_value_scale_from_y (&scale,
                                                         ps_value_scale_to_y (&scale, 101234)),
                                  101234, 1e-6);

  for (guint i = 0; i < candles->n; i++)
    {
      double x = f->plot.x + ps_time_axis_to_x (f->axis, candles->t_ms[i] + HOUR_MS / 2,
                                                f->plot.width);
      double mid = (ps_candles_open_at (candles, i) + ps_candles_close_at (candles, i)) / 2;
      const PsColor *color = ps_candles_close_at (candles, i) >= ps_candles_open_at (candles, i)
                             ? &f->style.up : &f->style.down;
      double y_high = ps_value_scale_to_y (&scale, ps_candles_high_at (candles, i)) + 1.5;

      assert_rgb (f->surface, x, ps_value_scale_to_y (&scale, mid), color);
      /* The wick reaches the high, one pixel wide at the body's middle. */
      assert_rgb (f->surface, x, y_high, color);
      g_assert_false (same_rgb (pixel_at (f->surface, x + 3, y_high), rgb_of (color)));
    }

  /* The missing hour stays empty, top to bottom. */
  for (double y = scale.y_top; y < scale.y_bottom; y++)
    {
      double x = f->plot.x + ps_time_axis_to_x (f->axis, T0 + 4 * HOUR_MS + HOUR_MS / 2,
                                                f->plot.width);
      guint32 px = pixel_at (f->surface, x, y);

      g_assert_false (same_rgb (px, rgb_of (&f->style.up)));
      g_assert_false (same_rgb (px, rgb_of (&f->style.down)));
    }

  /* The gutter holds labels: dark pixels right of the plot. */
  {
    guint dark = 0;

    for (double y = 0; y < 400; y++)
      for (double x = f->plot.x + f->plot.width + 2; x < 800; x++)
        if ((pixel_at (f->surface, x, y) & 0xff) < 0x90)
          dark++;
    g_assert_cmpuint (dark, >, 100);
  }
}

static void
test_price_dense (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PsCandles) candles = ps_candles_new (10000);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t *cr = cairo_create (surface);
  PsRect rect = { 0, 0, 400, 300 }, plot;
  PsValueScale scale;
  double spike_x;
  guint columns = 0, drawn = 0;
  gint64 start;
  int spike_col;

  /* Ten thousand minutes of a random walk, one tall spike in the middle. */
  for (guint i = 0; i < 10000; i++)
    {
      double o = 100000 + 300 * sin (i / 500.0), c = o + (i % 3 == 0 ? -20 : 25);

      ps_candles_append (candles, T0 + i * MINUTE_MS, o, fmax (o, c) + 10,
                         fmin (o, c) - 10, c, 1, NAN);
    }
  ps_candles_edit_column (candles, PS_CANDLE_HIGH)[5003] = 101500;

  ps_time_axis_set_range (f->axis, T0, T0 + 10000 * MINUTE_MS);
  ps_render_get_plot_area (&rect, &f->style, &plot);

  start = g_get_monotonic_time ();
  ps_render_price (cr, &rect, f->axis, candles, PS_INTERVAL_1M, "BTCUSDT · 1m", &f->style);
  g_test_message ("10,000 candles in %g px: %.1f ms", plot.width,
                  (g_get_monotonic_time () - start) / 1000.);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  g_assert_true (ps_render_price_scale (&rect, f->axis, candles, PS_INTERVAL_1M,
                                        &f->style, &scale));
  g_assert_cmpfloat (scale.max, >, 101500);

  /* One bar per pixel column, almost every column drawn. */
  for (int x = 0; x < (int) plot.width; x++)
    {
      columns++;
      for (double y = scale.y_top; y < scale.y_bottom; y++)
        {
          guint32 px = pixel_at (surface, plot.x + x, y);

          if (same_rgb (px, rgb_of (&f->style.up)) || same_rgb (px, rgb_of (&f->style.down)))
            {
              drawn++;
              break;
            }
        }
    }
  g_assert_cmpuint (drawn, >=, columns - 2);

  /* Reduced, not sampled: the one-minute spike reaches the top. */
  spike_x = ps_time_axis_to_x (f->axis, candles->t_ms[5003] + MINUTE_MS / 2, plot.width);
  spike_col = (int) floor (spike_x);
  {
    double y = round (ps_value_scale_to_y (&scale, 101500)) + 1;
    guint32 px = pixel_at (surface, plot.x + spike_col, y);

    g_assert_true (same_rgb (px, rgb_of (&f->style.up)) || same_rgb (px, rgb_of (&f->style.down)));
    /* and is one pixel wide */
    px = pixel_at (surface, plot.x + spike_col + 2, y);
    g_assert_false (same_rgb (px, rgb_of (&f->style.up)) || same_rgb (px, rgb_of (&f->style.down)));
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Funding and open interest ------------------------------------------------------ */

static void
test_funding (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PsFunding) funding = ps_funding_new (0);
  PsValueScale scale;
  double zero_y, spacing_px;

  for (guint i = 0; i < 9; i++)
    ps_funding_append (funding, T0 + i * 8 * HOUR_MS, i % 3 == 2 ? -0.00005 : 0.0001, NAN);

  ps_time_axis_set_range (f->axis, T0 - 4 * HOUR_MS, T0 + 9 * 8 * HOUR_MS - 4 * HOUR_MS);
  ps_render_funding (f->cr, &f->rect, f->axis, funding, "Funding rate", &f->style);
  g_assert_true (ps_render_funding_scale (&f->rect, f->axis, funding, &f->style, &scale));
  g_assert_cmpfloat (scale.min, <, -0.00005);
  g_assert_cmpfloat (scale.max, >, 0.0001);

  zero_y = floor (ps_value_scale_to_y (&scale, 0));
  spacing_px = ps_time_axis_to_x (f->axis, T0 + 8 * HOUR_MS, f->plot.width)
               - ps_time_axis_to_x (f->axis, T0, f->plot.width);
  /* The zero line: grey, well darker than a grid line. */
  {
    PsColor grid = over (&f->style.grid, &f->style.background);
    guint32 px = pixel_at (f->surface, f->plot.x + 5, zero_y);

    g_assert_cmpint ((int) (px & 0xff), <, (int) (rgb_of (&grid) & 0xff) - 40);
    g_assert_cmpint ((int) (px & 0xff), ==, (int) ((px >> 16) & 0xff));
  }

  for (guint i = 0; i < funding->n; i++)
    {
      double x = f->plot.x + ps_time_axis_to_x (f->axis, funding->t_ms[i], f->plot.width);
      double y = ps_value_scale_to_y (&scale, funding->rate[i]);
      guint32 between;

      if (funding->rate[i] > 0)
        {
          assert_rgb (f->surface, x, zero_y - 2, &f->style.funding_positive);
          assert_rgb (f->surface, x, y + 2, &f->style.funding_positive);
          g_assert_false (same_rgb (pixel_at (f->surface, x, zero_y + 3),
                                    rgb_of (&f->style.funding_positive)));
          g_assert_false (same_rgb (pixel_at (f->surface, x, y - 3),
                                    rgb_of (&f->style.funding_positive)));
        }
      else
        {
          assert_rgb (f->surface, x, zero_y + 3, &f->style.funding_negative);
          assert_rgb (f->surface, x, y - 2, &f->style.funding_negative);
          g_assert_false (same_rgb (pixel_at (f->surface, x, zero_y - 3),
                                    rgb_of (&f->style.funding_negative)));
        }

      /* About 70 % of the spacing wide: the middle between two is clear. */
      between = pixel_at (f->surface, x + spacing_px / 2, zero_y - 2);
      g_assert_false (same_rgb (between, rgb_of (&f->style.funding_positive)));
      assert_rgb (f->surface, x + spacing_px * 0.3, funding->rate[i] > 0 ? zero_y - 2 : zero_y + 3,
                  funding->rate[i] > 0 ? &f->style.funding_positive : &f->style.funding_negative);
    }
}

static gboolean
is_blue (guint32 px)
{
  int r = (px >> 16) & 0xff, b = px & 0xff;

  return b - r > 60;
}

static void
test_open_interest (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  PsValueScale scale;
  double x0, x1, y0, y1, gap_x;

  /* Hourly for a day, then nothing for six hours, then hourly again. */
  for (guint i = 0; i < 36; i++)
    if (i < 12 || i >= 18)
      ps_open_interest_append (oi, T0 + i * HOUR_MS, NAN, 8e9 + 1e8 * (i % 5));

  ps_time_axis_set_range (f->axis, T0, T0 + 36 * HOUR_MS);
  ps_render_open_interest (f->cr, &f->rect, f->axis, oi, "Open interest", &f->style);
  g_assert_true (ps_render_open_interest_scale (&f->rect, f->axis, oi, &f->style, &scale));
  g_assert_cmpfloat (scale.min, <, 8e9);
  g_assert_cmpfloat (scale.max, >, 8.4e9);

  /* On the line between two points. */
  x0 = f->plot.x + ps_time_axis_to_x (f->axis, oi->t_ms[2], f->plot.width);
  x1 = f->plot.x + ps_time_axis_to_x (f->axis, oi->t_ms[3], f->plot.width);
  y0 = ps_value_scale_to_y (&scale, oi->usd[2]);
  y1 = ps_value_scale_to_y (&scale, oi->usd[3]);
  g_assert_true (is_blue (pixel_at (f->surface, (x0 + x1) / 2, (y0 + y1) / 2)));
  /* Filled below it, faintly: lighter than the line, bluer than white. */
  {
    guint32 px = pixel_at (f->surface, (x0 + x1) / 2, (y0 + y1) / 2 + 20);

    g_assert_cmpint ((int) (px & 0xff) - (int) ((px >> 16) & 0xff), >, 5);
    g_assert_false (is_blue (px));
  }

  /* No line across the six missing hours, and no fill. */
  gap_x = f->plot.x + ps_time_axis_to_x (f->axis, T0 + 15 * HOUR_MS, f->plot.width);
  for (double y = scale.y_top; y < f->plot.y + f->plot.height; y++)
    {
      guint32 px = pixel_at (f->surface, gap_x, y);

      g_assert_false (is_blue (px));
      g_assert_cmpint ((int) (px & 0xff) - (int) ((px >> 16) & 0xff), <, 3);
    }
}

/* Empty panes, time labels, overlays --------------------------------------------- */

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PsCandles) candles = ps_candles_new (0);
  g_autoptr(PsFunding) funding = ps_funding_new (0);
  g_autoptr(PsCandles) elsewhere = make_hourly_candles ();
  PsRect centre = { f->plot.x + f->plot.width / 2 - 60, f->plot.y + f->plot.height / 2 - 10,
                    120, 20 };
  guint area = (guint) (centre.width * centre.height);
  PsValueScale scale;

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);

  for (guint i = 0; i < 6; i++)
    {
      PsTimeAxis *axis = f->axis;

      cairo_save (f->cr);
      cairo_set_source_rgb (f->cr, 1, 0, 1);
      cairo_paint (f->cr);
      cairo_restore (f->cr);

      switch (i)
        {
        case 0:
          ps_render_price (f->cr, &f->rect, axis, NULL, PS_INTERVAL_1H, "P", &f->style);
          break;
        case 1:
          ps_render_price (f->cr, &f->rect, axis, candles, PS_INTERVAL_1H, "P", &f->style);
          break;
        case 2:
          ps_render_funding (f->cr, &f->rect, axis, funding, "F", &f->style);
          break;
        case 3:
          ps_render_open_interest (f->cr, &f->rect, axis, NULL, "OI", &f->style);
          break;
        case 4:
          /* Data, but all of it before the view. */
          ps_time_axis_set_range (f->axis, T0 + 48 * HOUR_MS, T0 + 60 * HOUR_MS);
          ps_render_price (f->cr, &f->rect, axis, elsewhere, PS_INTERVAL_1H, "P", &f->style);
          g_assert_false (ps_render_price_scale (&f->rect, axis, elsewhere, PS_INTERVAL_1H,
                                                 &f->style, &scale));
          break;
        case 5:
          ps_render_empty (f->cr, &f->rect, "Loading…", &f->style);
          break;
        default:
          g_assert_not_reached ();
        }

      /* The pane painted its background; the message is in the middle. */
      if (i != 5)
        assert_rgb (f->surface, f->plot.x + 3, f->plot.height - 3, &f->style.background);
      g_assert_cmpuint (count_ink (f->surface, &centre, &f->style.background), >, 40);
      /* and no candle or bar anywhere near it */
      g_assert_cmpuint (count_ink (f->surface, &centre, &f->style.up), ==, area);
      g_assert_cmpuint (count_ink (f->surface, &centre, &f->style.down), ==, area);
    }

  g_assert_false (ps_render_price_scale (&f->rect, f->axis, NULL, PS_INTERVAL_1H,
                                         &f->style, &scale));
  g_assert_false (ps_render_funding_scale (&f->rect, f->axis, funding, &f->style, &scale));
  g_assert_false (ps_render_open_interest_scale (&f->rect, f->axis, NULL, &f->style, &scale));
}

static void
test_time_labels (Fixture       *f,
                  gconstpointer  data)
{
  PsRect strip = { 0, 0, 800, 28 };
  PsRect left = { 0, 6, 400, 22 }, right = { 400, 6, 328, 22 };

  ps_time_axis_set_range (f->axis, T0, T0 + 24 * HOUR_MS);
  ps_render_time_labels (f->cr, &strip, f->axis, &f->style);

  g_assert_cmpuint (count_ink (f->surface, &left, &f->style.background), >, 50);
  g_assert_cmpuint (count_ink (f->surface, &right, &f->style.background), >, 50);
  /* Nothing drawn below the strip. */
  g_assert_cmpuint (pixel_at (f->surface, 400, 28), ==, 0);
}

static void
test_dark (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PsCandles) candles = make_hourly_candles ();
  PsValueScale scale;
  double x;

  ps_chart_style_init_dark (&f->style);
  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_price (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, "BTCUSDT", &f->style);
  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H,
                                        &f->style, &scale));

  assert_rgb (f->surface, f->plot.x + 3, f->plot.height - 3, &f->style.background);
  x = f->plot.x + ps_time_axis_to_x (f->axis, candles->t_ms[1] + HOUR_MS / 2, f->plot.width);
  assert_rgb (f->surface, x,
              ps_value_scale_to_y (&scale, (ps_candles_open_at (candles, 1) +
                                            ps_candles_close_at (candles, 1)) / 2),
              &f->style.down);
}

static void
test_overlays (Fixture       *f,
               gconstpointer  data)
{
  double x, x0, x1;
  guint32 inside, outside;

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  cairo_set_source_rgb (f->cr, 1, 1, 1);
  cairo_paint (f->cr);

  ps_render_cursor (f->cr, &f->rect, f->axis, T0 + 3 * HOUR_MS, &f->style);
  x = f->plot.x + floor (ps_time_axis_to_x (f->axis, T0 + 3 * HOUR_MS, f->plot.width));
  g_assert_cmpuint (pixel_at (f->surface, x, 200), !=, 0xffffff);
  g_assert_cmpuint (pixel_at (f->surface, x - 1, 200), ==, 0xffffff);
  g_assert_cmpuint (pixel_at (f->surface, x + 1, 200), ==, 0xffffff);
  /* A cursor outside the view draws nothing. */
  ps_render_cursor (f->cr, &f->rect, f->axis, T0 - HOUR_MS, &f->style);
  g_assert_cmpuint (pixel_at (f->surface, f->plot.x, 200), ==, 0xffffff);

  ps_render_selection (f->cr, &f->rect, f->axis, T0 + 6 * HOUR_MS, T0 + 9 * HOUR_MS, &f->style);
  x0 = f->plot.x + ps_time_axis_to_x (f->axis, T0 + 6 * HOUR_MS, f->plot.width);
  x1 = f->plot.x + ps_time_axis_to_x (f->axis, T0 + 9 * HOUR_MS, f->plot.width);
  inside = pixel_at (f->surface, (x0 + x1) / 2, 200);
  outside = pixel_at (f->surface, x1 + 5, 200);
  g_assert_cmpuint (inside, !=, 0xffffff);
  g_assert_cmpuint (outside, ==, 0xffffff);
  /* Translucent: still light. */
  g_assert_cmpuint ((inside >> 8) & 0xff, >, 0xc0);
  /* Never into the gutter. */
  ps_render_selection (f->cr, &f->rect, f->axis, T0 + 6 * HOUR_MS, T0 + 99 * HOUR_MS, &f->style);
  g_assert_cmpuint (pixel_at (f->surface, f->plot.x + f->plot.width + 3, 200), ==, 0xffffff);
}

static void
test_tiny (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PsCandles) candles = make_hourly_candles ();
  g_autoptr(PsFunding) funding = ps_funding_new (0);
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  static const PsRect rects[] = {
    { 0, 0, 0, 0 }, { 10, 10, 5, 5 }, { 0, 0, 60, 400 }, { 0, 0, 800, 12 },
    { 3.3, 7.7, 150.4, 40.2 }, { 0, 0, -20, -20 },
  };

  ps_funding_append (funding, T0, 0.0001, NAN);
  ps_open_interest_append (oi, T0, NAN, 8e9);
  ps_open_interest_append (oi, T0 + HOUR_MS, NAN, 8.1e9);
  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);

  /* Panes smaller than their gutter or their title: nothing to assert but
   * that they finish, draw within cairo's rules and leave cr as it was. */
  for (guint i = 0; i < G_N_ELEMENTS (rects); i++)
    {
      ps_render_price (f->cr, &rects[i], f->axis, candles, PS_INTERVAL_1H, "P", &f->style);
      ps_render_open_interest (f->cr, &rects[i], f->axis, oi, "OI", &f->style);
      ps_render_funding (f->cr, &rects[i], f->axis, funding, "F", &f->style);
      ps_render_time_labels (f->cr, &rects[i], f->axis, &f->style);
      ps_render_empty (f->cr, &rects[i], NULL, &f->style);
      ps_render_cursor (f->cr, &rects[i], f->axis, T0 + HOUR_MS, &f->style);
      ps_render_selection (f->cr, &rects[i], f->axis, T0, T0 + HOUR_MS, &f->style);
      g_assert_cmpint (cairo_status (f->cr), ==, CAIRO_STATUS_SUCCESS);
    }

  {
    double x1, y1, x2, y2;

    cairo_clip_extents (f->cr, &x1, &y1, &x2, &y2);
    g_assert_cmpfloat (x2 - x1, ==, 800);
    g_assert_cmpfloat (y2 - y1, ==, 400);
  }
}

/* The settlement period is read from the data, a missing settlement or two
 * do not change it. */
static void
test_funding_title (void)
{
  g_autoptr(PsFunding) funding = ps_funding_new (0);
  g_autofree char *few = NULL;
  g_autofree char *eight = NULL;
  const gint64 h = 3600 * 1000;

  few = ps_render_funding_title (NULL);
  g_assert_cmpstr (few, ==, "Funding rate");

  for (guint i = 0; i < 12; i++)
    if (i != 5)   /* one settlement missing: a 16h step */
      ps_funding_append (funding, 1759708800004 + i * 8 * h, 0.0001, NAN);
  eight = ps_render_funding_title (funding);
  g_assert_cmpstr (eight, ==, "Funding rate · 8h");
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/chart/render/format", test_format);
  g_test_add_func ("/perpscope/chart/render/styles", test_styles);
  g_test_add_func ("/perpscope/chart/render/funding-title", test_funding_title);
#define ADD(path, func) \
  g_test_add ("/perpscope/chart/render/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("price-candles", test_price_candles);
  ADD ("price-dense", test_price_dense);
  ADD ("funding", test_funding);
  ADD ("open-interest", test_open_interest);
  ADD ("empty", test_empty);
  ADD ("time-labels", test_time_labels);
  ADD ("dark", test_dark);
  ADD ("overlays", test_overlays);
  ADD ("tiny", test_tiny);
#undef ADD

  return g_test_run ();
}
