/* test-render-liquidations.c: the liquidations pane, the price markers and
 * the stretches not recorded, checked pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-render.h"
#include "ps-render-private.h"
#include "ps-test-pixels.h"
#include "ps-test-util.h"

static void
add (PsLiquidations *liq,
     gint64          t_ms,
     PsLiqSide       side,
     double          price,
     double          usd)
{
  ps_liquidations_append (liq, t_ms, side, PS_LIQ_SOURCE_LIVE, price * 0.995, price,
                          usd / price, usd);
}

static gboolean
is_bar (guint32        px,
        const PsColor *color)
{
  return same_rgb (px, rgb_of (color));
}

/* The pane -------------------------------------------------------------------- */

static void
test_bars (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  static const PsTimeSpan gap[] = { { T0 + 8 * HOUR_MS, T0 + 10 * HOUR_MS } };
  PsRecordedLiquidations rec = { liq, gap, G_N_ELEMENTS (gap) };
  PsValueScale scale;
  double zero_y, x2, x3, x5, x6, x9, y;
  guint legend_long = 0, legend_short = 0;

  add (liq, T0 + 2 * HOUR_MS + 5 * MINUTE_MS, PS_LIQ_LONG, 100000, 1e6);
  add (liq, T0 + 2 * HOUR_MS + 40 * MINUTE_MS, PS_LIQ_LONG, 100000, 2e6);
  add (liq, T0 + 3 * HOUR_MS + 1, PS_LIQ_SHORT, 101000, 1.5e6);
  add (liq, T0 + 5 * HOUR_MS, PS_LIQ_LONG, 101000, 0.5e6);
  add (liq, T0 + 5 * HOUR_MS + 59 * MINUTE_MS, PS_LIQ_SHORT, 101000, 0.8e6);

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_liquidations (f->cr, &f->rect, f->axis, &rec, PS_INTERVAL_1H,
                          "Liquidations · Binance (recorded, a lower bound)", &f->style);
  g_assert_true (ps_render_liquidations_scale (&f->rect, f->axis, &rec, PS_INTERVAL_1H,
                                               &f->style, &scale));
  /* Shorts up to their largest candle, longs down to theirs, as negatives. */
  g_assert_cmpfloat (scale.max, >, 1.5e6);
  g_assert_cmpfloat (scale.max, <, 1.5e6 * 1.2);
  g_assert_cmpfloat (scale.min, <, -3e6);
  g_assert_cmpfloat (scale.min, >, -3e6 * 1.2);

  zero_y = floor (ps_value_scale_to_y (&scale, 0));
#define CANDLE_X(i) (f->plot.x + ps_time_axis_to_x (f->axis, T0 + (i) * HOUR_MS + HOUR_MS / 2, \
                                                    f->plot.width))
  x2 = CANDLE_X (2), x3 = CANDLE_X (3), x5 = CANDLE_X (5), x6 = CANDLE_X (6), x9 = CANDLE_X (9);

  /* Candle 2: the two longs summed, downwards, in the long colour. */
  y = ps_value_scale_to_y (&scale, -3e6);
  assert_rgb (f->surface, x2, zero_y + 3, &f->style.liq_long);
  assert_rgb (f->surface, x2, y - 2, &f->style.liq_long);
  g_assert_false (is_bar (pixel_at (f->surface, x2, y + 3), &f->style.liq_long));
  g_assert_false (is_bar (pixel_at (f->surface, x2, zero_y - 3), &f->style.liq_short));
  /* Candle 3: a short, upwards, in the short colour; no long below. */
  y = ps_value_scale_to_y (&scale, 1.5e6);
  assert_rgb (f->surface, x3, zero_y - 2, &f->style.liq_short);
  assert_rgb (f->surface, x3, y + 2, &f->style.liq_short);
  g_assert_false (is_bar (pixel_at (f->surface, x3, y - 3), &f->style.liq_short));
  g_assert_false (is_bar (pixel_at (f->surface, x3, zero_y + 3), &f->style.liq_long));
  /* Candle 5: both, each the right height. */
  assert_rgb (f->surface, x5, ps_value_scale_to_y (&scale, 0.8e6) + 2, &f->style.liq_short);
  assert_rgb (f->surface, x5, ps_value_scale_to_y (&scale, -0.5e6) - 2, &f->style.liq_long);
  /* Between two bars, nothing. */
  g_assert_false (is_bar (pixel_at (f->surface, (x2 + x3) / 2, zero_y + 3), &f->style.liq_long));

  /* Candle 6 was recorded and quiet: background around the zero line.
   * Candle 9 was not recorded: shaded, hatched, no zero line, no bar. */
  assert_rgb (f->surface, x6, zero_y + 6, &f->style.background);
  assert_rgb (f->surface, x6, zero_y - 6, &f->style.background);
  {
    g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
    guint shaded = 0;

    for (double yy = scale.y_top; yy < f->plot.y + f->plot.height; yy++)
      for (double xx = x9 - 10; xx < x9 + 10; xx++)
        {
          guint32 px = pixel_at (f->surface, xx, yy);

          g_assert_false (is_bar (px, &f->style.liq_long));
          g_assert_false (is_bar (px, &f->style.liq_short));
          g_hash_table_add (colours, GUINT_TO_POINTER (px));
          shaded += !same_rgb (px, rgb_of (&f->style.background));
        }
    /* The zero line does not run through it: its row is shaded like the rest. */
    g_assert_false (same_rgb (pixel_at (f->surface, x9 + 0.5, zero_y),
                              pixel_at (f->surface, x6, zero_y)));
    g_assert_cmpuint (shaded, >, 20 * (f->plot.y + f->plot.height - scale.y_top) / 2);
    g_assert_cmpuint (g_hash_table_size (colours), >=, 2);   /* hatched */
  }

  /* The legend: swatches of both colours in the title row, above any bar. */
  for (double yy = f->plot.y; yy < scale.y_top - 1; yy++)
    for (double xx = f->plot.x; xx < f->plot.x + f->plot.width; xx++)
      {
        guint32 px = pixel_at (f->surface, xx, yy);

        legend_long += is_bar (px, &f->style.liq_long);
        legend_short += is_bar (px, &f->style.liq_short);
      }
  g_assert_cmpuint (legend_long, >=, 25);
  g_assert_cmpuint (legend_short, >=, 25);

  /* Value labels in the gutter on both sides of zero. */
  {
    PsRect up = { f->plot.x + f->plot.width + 2, scale.y_top, 60, zero_y - 8 - scale.y_top };
    PsRect down = { f->plot.x + f->plot.width + 2, zero_y + 8, 60,
                    scale.y_bottom - zero_y - 8 };

    g_assert_cmpuint (count_ink (f->surface, &up, &f->style.background), >, 20);
    g_assert_cmpuint (count_ink (f->surface, &down, &f->style.background), >, 20);
  }
#undef CANDLE_X
}

/* Where several candles share a pixel column, the column sums them: every
 * event counts, none is sampled away. */
static void
test_dense (Fixture       *f,
            gconstpointer  data)
{
  const guint n_candles = 100000;
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (n_candles);
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 300);
  cairo_t *cr = cairo_create (surface);
  PsRect rect = { 0, 0, 500, 300 }, plot;
  PsRecordedLiquidations rec = { liq, NULL, 0 };
  g_autofree double *sums = NULL;
  PsValueScale scale;
  double zero_y, max_long = 0, max_short = 0;
  gint64 start;
  guint checked = 0;

  /* A day of quiet, then a cascade of longs in one hour, over 100,000
   * minutes; events at random seconds, several per minute at times. */
  for (guint i = 0; i < n_candles; i++)
    {
      guint k = g_rand_int_range (rand, 0, 3);

      for (guint j = 0; j < k; j++)
        add (liq, T0 + i * MINUTE_MS + j * 20000 + g_rand_int_range (rand, 0, 19000),
             g_rand_boolean (rand) ? PS_LIQ_LONG : PS_LIQ_SHORT, 100000,
             (i > 50000 && i < 50060 ? 1e6 : 1e3) * g_rand_double_range (rand, 0.5, 2));
    }

  ps_time_axis_set_range (f->axis, T0, T0 + n_candles * MINUTE_MS);
  ps_render_get_plot_area (&rect, &f->style, &plot);

  start = g_get_monotonic_time ();
  ps_render_liquidations (cr, &rect, f->axis, &rec, PS_INTERVAL_1M, "Liquidations", &f->style);
  g_test_message ("%u events over %u candles in %g px: %.1f ms", liq->n, n_candles,
                  plot.width, (g_get_monotonic_time () - start) / 1000.);
  g_assert_true (ps_render_liquidations_scale (&rect, f->axis, &rec, PS_INTERVAL_1M,
                                               &f->style, &scale));

  /* The raw sums per column, a candle going to the column of its middle. */
  sums = g_new0 (double, 2 * (gsize) plot.width);
  for (guint i = 0; i < liq->n; i++)
    {
      gint64 mid = liq->t_ms[i] - (liq->t_ms[i] - T0) % MINUTE_MS + MINUTE_MS / 2;
      int c = (int) floor (ps_time_axis_to_x (f->axis, mid, plot.width));

      g_assert_cmpint (c, >=, 0);
      g_assert_cmpint (c, <, (int) plot.width);
      sums[2 * c + liq->side[i]] += liq->usd[i];
    }
  for (int c = 0; c < (int) plot.width; c++)
    {
      max_long = fmax (max_long, sums[2 * c + PS_LIQ_LONG]);
      max_short = fmax (max_short, sums[2 * c + PS_LIQ_SHORT]);
    }
  /* The scale is made for the column sums, not for single candles. */
  g_assert_cmpfloat (-scale.min, >=, max_long);
  g_assert_cmpfloat (-scale.min, <, max_long * 1.2);
  g_assert_cmpfloat (scale.max, >=, max_short);

  /* Each column's bars end where its raw sums say, to the pixel. */
  zero_y = floor (ps_value_scale_to_y (&scale, 0));
  for (int c = 0; c < (int) plot.width; c++)
    {
      double s = sums[2 * c + PS_LIQ_SHORT], l = sums[2 * c + PS_LIQ_LONG];
      double x = plot.x + c;

      if (s > 0)
        {
          double top = MIN (round (ps_value_scale_to_y (&scale, s)), zero_y - 1);

          assert_rgb (surface, x, top, &f->style.liq_short);
          g_assert_false (is_bar (pixel_at (surface, x, top - 1), &f->style.liq_short));
          checked++;
        }
      if (l > 0)
        {
          double bottom = MAX (round (ps_value_scale_to_y (&scale, -l)), zero_y + 2);

          assert_rgb (surface, x, bottom - 1, &f->style.liq_long);
          g_assert_false (is_bar (pixel_at (surface, x, bottom), &f->style.liq_long));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 2 * (guint) plot.width - 4);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_not_recorded (Fixture       *f,
                   gconstpointer  data)
{
  static const PsTimeSpan all[] = { { T0 - HOUR_MS, T0 + 24 * HOUR_MS } };
  PsRecordedLiquidations rec = { NULL, all, G_N_ELEMENTS (all) };
  PsRect centre = { f->plot.x + f->plot.width / 2 - 40, f->plot.y + 40, 80,
                    f->plot.height - 60 };
  PsValueScale scale;

  /* No events at all, nothing recorded in view: hatched, and said. */
  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_liquidations (f->cr, &f->rect, f->axis, &rec, PS_INTERVAL_1H, "L", &f->style);
  g_assert_true (ps_render_liquidations_scale (&f->rect, f->axis, &rec, PS_INTERVAL_1H,
                                               &f->style, &scale));
  /* The label on a background patch, the hatching around it: the centre
   * strip holds background, hatching and text. */
  {
    guint bg = 0, other = 0;

    for (double y = centre.y; y < centre.y + centre.height; y++)
      for (double x = centre.x; x < centre.x + centre.width; x++)
        if (same_rgb (pixel_at (f->surface, x, y), rgb_of (&f->style.background)))
          bg++;
        else
          other++;
    g_assert_cmpuint (bg, >, 200);
    g_assert_cmpuint (other, >, centre.width * centre.height / 2);
  }
  /* Far from the label, hardly any pixel is plain background. */
  {
    PsRect left = { f->plot.x + 5, scale.y_top, 40, 40 };

    g_assert_cmpuint (count_ink (f->surface, &left, &f->style.background), >, 1600 - 100);
  }
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PsLiquidations) elsewhere = ps_liquidations_new (0);
  PsRecordedLiquidations none = { NULL, NULL, 0 }, before = { elsewhere, NULL, 0 };
  PsRect centre = { f->plot.x + f->plot.width / 2 - 60, f->plot.y + f->plot.height / 2 - 10,
                    120, 20 };
  PsValueScale scale;

  add (elsewhere, T0 - 48 * HOUR_MS, PS_LIQ_LONG, 100000, 1e6);
  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);

  for (guint i = 0; i < 3; i++)
    {
      cairo_set_source_rgb (f->cr, 1, 0, 1);
      cairo_paint (f->cr);
      ps_render_liquidations (f->cr, &f->rect, f->axis, i == 0 ? NULL : i == 1 ? &none : &before,
                              PS_INTERVAL_1H, "L", &f->style);
      assert_rgb (f->surface, f->plot.x + 3, f->plot.height - 3, &f->style.background);
      g_assert_cmpuint (count_ink (f->surface, &centre, &f->style.background), >, 40);
      g_assert_false (ps_render_liquidations_scale (&f->rect, f->axis,
                                                    i == 0 ? NULL : i == 1 ? &none : &before,
                                                    PS_INTERVAL_1H, &f->style, &scale));
    }
}

static void
test_dark_and_selection (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  PsRecordedLiquidations rec = { liq, NULL, 0 };
  PsValueScale scale;
  double x, zero_y;
  guint32 before, after;

  add (liq, T0 + 3 * HOUR_MS, PS_LIQ_SHORT, 100000, 1e6);
  add (liq, T0 + 3 * HOUR_MS, PS_LIQ_LONG, 100000, 2e6);
  ps_chart_style_init_dark (&f->style);
  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_liquidations (f->cr, &f->rect, f->axis, &rec, PS_INTERVAL_1H, "L", &f->style);
  g_assert_true (ps_render_liquidations_scale (&f->rect, f->axis, &rec, PS_INTERVAL_1H,
                                               &f->style, &scale));
  zero_y = floor (ps_value_scale_to_y (&scale, 0));
  x = f->plot.x + ps_time_axis_to_x (f->axis, T0 + 3 * HOUR_MS + HOUR_MS / 2, f->plot.width);

  assert_rgb (f->surface, f->plot.x + 3, f->plot.height - 3, &f->style.background);
  assert_rgb (f->surface, x, zero_y - 3, &f->style.liq_short);
  assert_rgb (f->surface, x, zero_y + 3, &f->style.liq_long);
  /* The two sides differ in lightness too, not only in hue. */
  g_assert_cmpfloat (fabs ((f->style.liq_long.red + f->style.liq_long.green)
                           - (f->style.liq_short.red + f->style.liq_short.green)), >, 0.2);

  /* The pane's selected period is drawn over it as over the others. */
  before = pixel_at (f->surface, x + 30, zero_y + 20);
  ps_render_selection (f->cr, &f->rect, f->axis, T0 + 3 * HOUR_MS, T0 + 5 * HOUR_MS, &f->style);
  after = pixel_at (f->surface, x + 30, zero_y + 20);
  g_assert_cmpuint (before, !=, after);
  g_assert_cmpuint (pixel_at (f->surface, x - 40, zero_y + 20), ==,
                    rgb_of (&f->style.background));
}

/* Markers ---------------------------------------------------------------------- */

static gboolean
is_orange (guint32 px)
{
  int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

  return r - b > 80 && r > g;
}

static gboolean
is_blue (guint32 px)
{
  int r = (px >> 16) & 0xff, b = px & 0xff;

  return b - r > 60;
}

/* A liquidation dot of either side, never white nor a candle's green/red. */
static gboolean
is_markerish (guint32 px)
{
  return is_orange (px) || is_blue (px);
}

/* Pixels from (x, y) rightwards in a marker's colour. */
static int
marker_extent (cairo_surface_t *surface,
               double           x,
               double           y)
{
  int n = 0;

  while (n < 60 && is_markerish (pixel_at (surface, x + n, y)))
    n++;
  return n;
}

static void
test_markers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  g_autoptr(PsCandles) candles = ps_candles_new (12);
  PsRecordedLiquidations rec = { liq, NULL, 0 };
  guint max = ps_render_liquidation_markers_max (f->plot.width);
  gint64 big_t = T0 + 2 * HOUR_MS + 55 * MINUTE_MS, small_t = T0 + 4 * HOUR_MS + 55 * MINUTE_MS;
  PsValueScale scale;
  double bx, by, sx, sy;
  int big, small;
  guint drawn = 0;

  /* Twelve hourly candles rising from 100,000 to 105,500. */
  for (guint i = 0; i < 12; i++)
    {
      double base = 100000 + 500 * i;

      ps_candles_append (candles, T0 + i * HOUR_MS, base, base + 450, base - 50, base + 400,
                         1, NAN);
    }

  /* Out of view and huge: it sizes nothing. */
  add (liq, T0 - 5 * HOUR_MS, PS_LIQ_LONG, 100000, 50e6);
  /* Both well above their candles, off any grid line. */
  add (liq, big_t, PS_LIQ_LONG, 104370, 5e6);
  add (liq, small_t, PS_LIQ_SHORT, 105130, 0.5e6);
  /* Order prices beyond the candle and no fill price, as Binance sends
   * them: drawn at the high and the low their candle traded. */
  ps_liquidations_append (liq, T0 + 8 * HOUR_MS + 58 * MINUTE_MS, PS_LIQ_SHORT,
                          PS_LIQ_SOURCE_LIVE, 120000, NAN, 5, 0.6e6);
  ps_liquidations_append (liq, T0 + 1 * HOUR_MS + 58 * MINUTE_MS, PS_LIQ_LONG,
                          PS_LIQ_SOURCE_LIVE, 90000, NAN, 5, 0.55e6);
  /* A crowd below the candles of the last hours, every 10 minutes, more than
   * can be shown: only the largest make it. */
  for (guint k = 0; k < 30; k++)
    add (liq, T0 + 6 * HOUR_MS + k * 10 * MINUTE_MS, PS_LIQ_SHORT, 101000, 10e3 * (k + 1));

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_price_with_liquidations (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &rec,
                                     "BTCUSDT", &f->style);
  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H, &f->style,
                                        &scale));

  /* Each marker at its (time, fill price), in its side's colour. */
  bx = f->plot.x + ps_time_axis_to_x (f->axis, big_t, f->plot.width);
  by = ps_value_scale_to_y (&scale, 104370);
  sx = f->plot.x + ps_time_axis_to_x (f->axis, small_t, f->plot.width);
  sy = ps_value_scale_to_y (&scale, 105130);
  {
    guint32 b = pixel_at (f->surface, bx, by), s = pixel_at (f->surface, sx, sy);

    g_assert_true (is_orange (b));
    g_assert_true (is_blue (s));
  }
  /* The larger liquidation has the larger dot: area by USD, capped. */
  big = marker_extent (f->surface, bx, by);
  small = marker_extent (f->surface, sx, sy);
  g_test_message ("marker radii: %d px for $5M, %d px for $0.5M", big, small);
  g_assert_cmpint (big, >, small + 4);
  g_assert_cmpint (big, <=, (int) f->style.font_size + 1);
  g_assert_cmpint (small, >=, 2);

  {
    gint64 t_hi = T0 + 8 * HOUR_MS + 58 * MINUTE_MS, t_lo = T0 + 1 * HOUR_MS + 58 * MINUTE_MS;
    guint32 hi = pixel_at (f->surface, f->plot.x + ps_time_axis_to_x (f->axis, t_hi, f->plot.width),
                           ps_value_scale_to_y (&scale, ps_candles_high_at (candles, 8)));
    guint32 lo = pixel_at (f->surface, f->plot.x + ps_time_axis_to_x (f->axis, t_lo, f->plot.width),
                           ps_value_scale_to_y (&scale, ps_candles_low_at (candles, 1)));

    g_assert_true (is_blue (hi));
    g_assert_true (is_orange (lo));
  }

  /* Of the crowd, the largest max − 4 are drawn, the others not at all. */
  for (guint k = 0; k < 30; k++)
    {
      double x = f->plot.x + ps_time_axis_to_x (f->axis, T0 + 6 * HOUR_MS + k * 10 * MINUTE_MS,
                                                f->plot.width);
      double y = ps_value_scale_to_y (&scale, 101000);
      gboolean shown = is_markerish (pixel_at (f->surface, x, y));

      g_assert_cmpint (shown, ==, k >= 30 - (max - 4));
      drawn += shown;
    }
  g_assert_cmpuint (drawn, ==, max - 4);
  g_assert_cmpuint (max, >=, 6);
  g_assert_cmpuint (max, <=, 40);
}

/* Read-out --------------------------------------------------------------------- */

static void
test_readout (void)
{
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  static const PsTimeSpan gaps[] = {
    { T0 + 4 * HOUR_MS + 30 * MINUTE_MS, T0 + 6 * HOUR_MS },
    { T0 + 9 * HOUR_MS, T0 + 9 * HOUR_MS + 1 },
  };
  PsRecordedLiquidations rec = { liq, gaps, G_N_ELEMENTS (gaps) };
  g_autofree char *recorded = NULL;
  g_autofree char *partly = NULL;
  g_autofree char *none = NULL;
  double l = -1, s = -1;

  add (liq, T0 + 2 * HOUR_MS, PS_LIQ_LONG, 100000, 1.2e6);
  add (liq, T0 + 2 * HOUR_MS + 59 * MINUTE_MS, PS_LIQ_SHORT, 100000, 310e3);
  add (liq, T0 + 3 * HOUR_MS, PS_LIQ_SHORT, 100000, 7e3);   /* the next candle */
  add (liq, T0 + 4 * HOUR_MS + 10 * MINUTE_MS, PS_LIQ_LONG, 100000, 2e3);

  g_assert_cmpint (ps_render_liquidations_at (&rec, PS_INTERVAL_1H, T0 + 2 * HOUR_MS + 1234,
                                              &l, &s), ==, PS_LIQ_RECORDED);
  g_assert_cmpfloat (l, ==, 1.2e6);
  g_assert_cmpfloat (s, ==, 310e3);
  g_assert_cmpint (ps_render_liquidations_at (&rec, PS_INTERVAL_4H, T0 + 2 * HOUR_MS,
                                              &l, &s), ==, PS_LIQ_RECORDED);
  g_assert_cmpfloat (s, ==, 317e3);
  g_assert_cmpint (ps_render_liquidations_at (&rec, PS_INTERVAL_1H,
                                              T0 + 4 * HOUR_MS + 59 * MINUTE_MS, &l, &s),
                   ==, PS_LIQ_PARTLY_RECORDED);
  g_assert_cmpfloat (l, ==, 2e3);
  g_assert_cmpint (ps_render_liquidations_at (&rec, PS_INTERVAL_1H, T0 + 5 * HOUR_MS, &l, &s),
                   ==, PS_LIQ_NOT_RECORDED);
  g_assert_cmpfloat (l + s, ==, 0);
  /* A millisecond not recorded still counts. */
  g_assert_cmpint (ps_render_liquidations_at (&rec, PS_INTERVAL_1H, T0 + 9 * HOUR_MS, NULL, NULL),
                   ==, PS_LIQ_PARTLY_RECORDED);

  recorded = ps_render_liquidations_readout (&rec, PS_INTERVAL_1H, T0 + 2 * HOUR_MS);
  partly = ps_render_liquidations_readout (&rec, PS_INTERVAL_1H, T0 + 4 * HOUR_MS);
  none = ps_render_liquidations_readout (&rec, PS_INTERVAL_1H, T0 + 5 * HOUR_MS);
  g_assert_cmpstr (recorded, ==, "Liquidated: longs $1.20M · shorts $310K (at least)");
  g_assert_cmpstr (partly, ==, "Liquidated: longs $2.00K · shorts $0 (partly recorded)");
  g_assert_cmpstr (none, ==, "Liquidations not recorded");
}

static void
test_complement (void)
{
  static const PsTimeSpan sessions[] = {
    { 100, 200 }, { 150, 250 }, { 300, 400 }, { 500, 600 },
  };
  static const PsTimeSpan want[] = { { 50, 100 }, { 250, 300 }, { 400, 500 } };
  g_autoptr(GArray) gaps = ps_time_spans_complement (sessions, G_N_ELEMENTS (sessions), 50, 550);
  g_autoptr(GArray) all = ps_time_spans_complement (NULL, 0, 10, 20);
  g_autoptr(GArray) none = ps_time_spans_complement (sessions, 2, 120, 240);

  g_assert_cmpuint (gaps->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < gaps->len; i++)
    {
      g_assert_cmpint (g_array_index (gaps, PsTimeSpan, i).from_ms, ==, want[i].from_ms);
      g_assert_cmpint (g_array_index (gaps, PsTimeSpan, i).to_ms, ==, want[i].to_ms);
    }
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpint (g_array_index (all, PsTimeSpan, 0).from_ms, ==, 10);
  g_assert_cmpint (g_array_index (all, PsTimeSpan, 0).to_ms, ==, 20);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_title (void)
{
  g_autofree char *binance = ps_render_liquidations_title ("Binance");
  g_autofree char *any = ps_render_liquidations_title (NULL);

  g_assert_cmpstr (binance, ==, "Liquidations · Binance (recorded, a lower bound)");
  g_assert_nonnull (strstr (any, "lower bound"));
}

static void
test_tiny (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  g_autoptr(PsCandles) candles = ps_candles_new (0);
  static const PsTimeSpan gap[] = { { T0 + HOUR_MS, T0 + 2 * HOUR_MS } };
  PsRecordedLiquidations rec = { liq, gap, 1 };
  static const PsRect rects[] = {
    { 0, 0, 0, 0 }, { 10, 10, 5, 5 }, { 0, 0, 60, 400 }, { 0, 0, 800, 12 },
    { 3.3, 7.7, 150.4, 40.2 }, { 0, 0, -20, -20 },
  };

  add (liq, T0 + 30 * MINUTE_MS, PS_LIQ_LONG, 100000, 1e6);
  ps_candles_append (candles, T0, 100000, 100100, 99900, 100050, 1, NAN);
  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);

  for (guint i = 0; i < G_N_ELEMENTS (rects); i++)
    {
      ps_render_liquidations (f->cr, &rects[i], f->axis, &rec, PS_INTERVAL_NONE, "L", &f->style);
      ps_render_price_with_liquidations (f->cr, &rects[i], f->axis, candles, PS_INTERVAL_1H,
                                         &rec, "P", &f->style);
      g_assert_cmpint (cairo_status (f->cr), ==, CAIRO_STATUS_SUCCESS);
    }
}

/* The legend says what one bar sums in words, not "bars per ≈ 1.0h". */
static void
test_bars_per (void)
{
  const struct { gint64 ms; const char *words; } cases[] = {
    { 60000, "bars per minute" },
    { 5 * 60000, "bars per 5 minutes" },
    { 40 * 60000 + 12000, "bars per 40 minutes" },
    { 3600000, "bars per hour" },
    { 3600000 + 90000, "bars per hour" },     /* a column of a zoomed-out view */
    { 4 * 3600000, "bars per 4 hours" },
    { 3 * 3600000 + 1800000, "bars per 3.5 hours" },
    { 23 * 3600000, "bars per day" },
    { 24 * 3600000, "bars per day" },
    { 36 * 3600000, "bars per 1.5 days" },
    { 2 * 24 * 3600000, "bars per 2 days" },
    { 24 * 3600000 * 5 / 2, "bars per 2.5 days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = _ps_render_liq_bars_per (cases[i].ms);

      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/chart/liquidations/readout", test_readout);
  g_test_add_func ("/perpscope/chart/liquidations/title", test_title);
  g_test_add_func ("/perpscope/chart/liquidations/complement", test_complement);
  g_test_add_func ("/perpscope/chart/liquidations/bars-per", test_bars_per);
#define ADD(path, func) \
  g_test_add ("/perpscope/chart/liquidations/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("bars", test_bars);
  ADD ("dense", test_dense);
  ADD ("not-recorded", test_not_recorded);
  ADD ("empty", test_empty);
  ADD ("dark-and-selection", test_dark_and_selection);
  ADD ("markers", test_markers);
  ADD ("tiny", test_tiny);
#undef ADD

  return g_test_run ();
}
