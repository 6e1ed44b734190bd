/* test-render-selection.c: the selection drawn over every pane, a price band
 * across the price pane, the liquidations of a band standing out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-test-pixels.h"
#include "ps-test-util.h"

static PsCandles *
make_candles (void)
{
  PsCandles *candles = ps_candles_new (24);

  for (guint i = 0; i < 24; i++)
    {
      double base = 100000 + 300 * (i % 5);

      ps_candles_append (candles, T0 + i * HOUR_MS, base, base + 600, base - 300,
                         base + (i % 2 ? -200 : 400), 10, NAN);
    }
  return candles;
}

static guint8
channel (guint32 rgb,
         int     shift)
{
  return (rgb >> shift) & 0xff;
}

/* A pixel of the selection's edge: the accent's blue well over its red,
 * whatever was under it. */
static gboolean
is_edge (guint32 rgb)
{
  return channel (rgb, 0) > channel (rgb, 16) + 80;
}

/* Draws one pane, then the selection [6 h, 14 h) over it, and checks the
 * band and its edges at both ends, and nothing beyond. */
static void
check_band_over (Fixture *f,
                 void   (*draw) (Fixture *f))
{
  gint64 from = T0 + 6 * HOUR_MS, to = T0 + 14 * HOUR_MS;
  double x0, x1, xm;
  double ys[] = { f->plot.y + 30, f->plot.y + f->plot.height / 2, f->plot.y + f->plot.height - 8 };
  guint32 before_mid[3], before_out[3];

  draw (f);
  x0 = f->plot.x + round (ps_time_axis_to_x (f->axis, from, f->plot.width));
  x1 = f->plot.x + round (ps_time_axis_to_x (f->axis, to, f->plot.width));
  xm = round ((x0 + x1) / 2);
  for (guint k = 0; k < G_N_ELEMENTS (ys); k++)
    {
      before_mid[k] = pixel_at (f->surface, xm, ys[k]);
      before_out[k] = pixel_at (f->surface, x1 + 8, ys[k]);
    }

  ps_render_selection (f->cr, &f->rect, f->axis, from, to, &f->style);

  for (guint k = 0; k < G_N_ELEMENTS (ys); k++)
    {
      guint32 mid = pixel_at (f->surface, xm, ys[k]);

      /* Tinted toward the accent, top to bottom of the plot. */
      g_assert_cmpuint (mid, !=, before_mid[k]);
      g_assert_cmpint (channel (mid, 0) - channel (mid, 16), >,
                       channel (before_mid[k], 0) - channel (before_mid[k], 16));
      /* Edge lines at both ends of the period: the 8 h band whole. */
      g_assert_true (is_edge (pixel_at (f->surface, x0 - 1, ys[k])));
      g_assert_true (is_edge (pixel_at (f->surface, x1, ys[k])));
      g_assert_cmpuint (pixel_at (f->surface, x1 + 8, ys[k]), ==, before_out[k]);
    }
}

static void
draw_price (Fixture *f)
{
  g_autoptr(PsCandles) candles = make_candles ();

  ps_render_price (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, "BTCUSDT", &f->style);
}

static void
draw_open_interest (Fixture *f)
{
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (24);

  for (guint i = 0; i < 24; i++)
    ps_open_interest_append (oi, T0 + i * HOUR_MS, NAN, 8e9 + 1e7 * (i % 7));
  ps_render_open_interest (f->cr, &f->rect, f->axis, oi, "Open interest", &f->style);
}

static void
draw_funding (Fixture *f)
{
  g_autoptr(PsFunding) funding = ps_funding_new (4);

  for (guint i = 0; i < 4; i++)
    ps_funding_append (funding, T0 + i * 8 * HOUR_MS, i % 2 ? -0.0001 : 0.0002, NAN);
  ps_render_funding (f->cr, &f->rect, f->axis, funding, "Funding", &f->style);
}

static void
draw_liquidations (Fixture *f)
{
  g_autoptr(PsLiquidations) events = ps_liquidations_new (4);
  PsRecordedLiquidations liq = { events, NULL, 0 };

  for (guint i = 0; i < 24; i += 3)
    ps_liquidations_append (events, T0 + i * HOUR_MS + 60000, i % 2 ? PS_LIQ_LONG : PS_LIQ_SHORT,
                            PS_LIQ_SOURCE_LIVE, 100000, NAN, 1, 1e6);
  ps_render_liquidations (f->cr, &f->rect, f->axis, &liq, PS_INTERVAL_1H, "Liquidations",
                          &f->style);
}

static void
test_band_every_pane (Fixture       *f,
                      gconstpointer  data)
{
  void (*draws[]) (Fixture *) = { draw_price, draw_open_interest, draw_funding,
                                  draw_liquidations };

  ps_time_axis_set_range (f->axis, T0, T0 + 24 * HOUR_MS);
  for (guint dark = 0; dark < 2; dark++)
    {
      if (dark)
        ps_chart_style_init_dark (&f->style);
      for (guint i = 0; i < G_N_ELEMENTS (draws); i++)
        check_band_over (f, draws[i]);
    }
}

/* A band of one candle, zoomed out to under a pixel, still shows. */
static void
test_band_narrow (Fixture       *f,
                  gconstpointer  data)
{
  double x;

  ps_time_axis_set_range (f->axis, T0, T0 + 90 * 24 * HOUR_MS);
  draw_price (f);
  ps_render_selection (f->cr, &f->rect, f->axis, T0 + 2 * HOUR_MS, T0 + 3 * HOUR_MS, &f->style);
  x = f->plot.x + round (ps_time_axis_to_x (f->axis, T0 + 2 * HOUR_MS, f->plot.width));
  g_assert_true (is_edge (pixel_at (f->surface, x - 1, 200)));
  g_assert_true (is_edge (pixel_at (f->surface, x + 1, 200)));
}

static void
test_price_band (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PsCandles) candles = make_candles ();
  PsValueScale scale;
  double y_hi, y_lo, y_mid, y_out;
  double xs[] = { f->plot.x + f->plot.width * 0.4, f->plot.x + f->plot.width * 0.7,
                  f->plot.x + f->plot.width - 3 };
  guint32 before[3], before_out;

  ps_time_axis_set_range (f->axis, T0, T0 + 24 * HOUR_MS);
  ps_render_price (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, "BTCUSDT", &f->style);
  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H, &f->style,
                                        &scale));
  y_hi = round (ps_value_scale_to_y (&scale, 100600));
  y_lo = round (ps_value_scale_to_y (&scale, 100200));
  y_mid = round ((y_hi + y_lo) / 2);
  y_out = round (ps_value_scale_to_y (&scale, 99900));
  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    before[i] = pixel_at (f->surface, xs[i], y_mid);
  before_out = pixel_at (f->surface, xs[1], y_out);

  ps_render_price_band (f->cr, &f->rect, &scale, 100200, 100600, &f->style);

  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "render-price-band.png", NULL);

      cairo_surface_write_to_png (f->surface, path);
    }
  /* Across the whole pane, from one side to the other. */
  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    {
      guint32 now = pixel_at (f->surface, xs[i], y_mid);

      g_assert_cmpuint (now, !=, before[i]);
      g_assert_true (is_edge (pixel_at (f->surface, xs[i], y_hi - 1)));
      g_assert_true (is_edge (pixel_at (f->surface, xs[i], y_lo)));
    }
  g_assert_cmpuint (pixel_at (f->surface, xs[1], y_out), ==, before_out);
  /* Never into the gutter. */
  g_assert_cmpuint (pixel_at (f->surface, f->plot.x + f->plot.width + 3, y_mid), ==,
                    rgb_of (&f->style.background));
}

/* The liquidations priced inside a band stay in their colour; the others
 * recede under the veil. */
static void
test_liquidations_band (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PsLiquidations) events = ps_liquidations_new (2);
  PsRecordedLiquidations liq = { events, NULL, 0 };
  PsValueScale scale;
  double x_in, x_out, y;
  guint32 out_before, out_after, bg = rgb_of (&f->style.background);

  ps_liquidations_append (events, T0 + 2 * HOUR_MS + 1000, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          100100, NAN, 10, 1e6);
  ps_liquidations_append (events, T0 + 6 * HOUR_MS + 1000, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          103000, NAN, 10, 1e6);
  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_liquidations (f->cr, &f->rect, f->axis, &liq, PS_INTERVAL_1H, "Liquidations",
                          &f->style);
  g_assert_true (ps_render_liquidations_with_predicted_scale (&f->rect, f->axis, &liq, NULL,
                                                              PS_INTERVAL_1H, &f->style, &scale));
  x_in = f->plot.x + round (ps_time_axis_to_x (f->axis, T0 + 2 * HOUR_MS + HOUR_MS / 2,
                                               f->plot.width));
  x_out = f->plot.x + round (ps_time_axis_to_x (f->axis, T0 + 6 * HOUR_MS + HOUR_MS / 2,
                                                f->plot.width));
  y = round (ps_value_scale_to_y (&scale, -5e5));
  out_before = pixel_at (f->surface, x_out, y);
  g_assert_cmpuint (out_before, ==, rgb_of (&f->style.liq_long));

  ps_render_liquidations_band (f->cr, &f->rect, f->axis, &liq, NULL, PS_INTERVAL_1H,
                               100000, 100500, &f->style);

  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "render-liquidations-band.png", NULL);

      cairo_surface_write_to_png (f->surface, path);
    }
  g_assert_cmpuint (pixel_at (f->surface, x_in, y), ==, rgb_of (&f->style.liq_long));
  out_after = pixel_at (f->surface, x_out, y);
  /* Most of the way to the background. */
  for (int shift = 0; shift < 24; shift += 8)
    g_assert_cmpint (abs ((int) channel (out_after, shift) - (int) channel (bg, shift)), <,
                     abs ((int) channel (out_before, shift) - (int) channel (bg, shift)) / 2 + 1);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/chart/render-selection/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("band-every-pane", test_band_every_pane);
  ADD ("band-narrow", test_band_narrow);
  ADD ("price-band", test_price_band);
  ADD ("liquidations-band", test_liquidations_band);
#undef ADD

  return g_test_run ();
}
