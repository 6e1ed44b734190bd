/* test-render-content.c: the panes' options checked pixel by pixel: the log
 * price scale and its ticks, OHLC and line styles, volume, open interest in
 * coins and as ΔOI bars, annualised funding and the next rate's countdown
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

/* Inputs ---------------------------------------------------------------------- */

/* Hourly candles from T0 rising tenfold, each 4 % up from its open, the
 * taker buying 3/4 of the volume. */
static PsCandles *
rising_candles (guint n)
{
  PsCandles *c = ps_candles_new (n);

  for (guint i = 0; i < n; i++)
    {
      double o = 1000 * pow (10, (double) i / (n - 1)), cl = o * 1.04;

      ps_candles_append (c, T0 + i * HOUR_MS, o, cl * 1.01, o * 0.99, cl, 100 + 10 * i,
                         0.75 * (100 + 10 * i));
    }
  return c;
}

/* Hourly candles from T0 alternating up (100 → 104) and down (104 → 100). */
static PsCandles *
zigzag_candles (guint n)
{
  PsCandles *c = ps_candles_new (n);

  for (guint i = 0; i < n; i++)
    {
      gboolean up = i % 2 == 0;

      ps_candles_append (c, T0 + i * HOUR_MS, up ? 100 : 104, 106, 98, up ? 104 : 100, 10, NAN);
    }
  return c;
}

/* Log scale --------------------------------------------------------------------- */

static void
test_log_mapping (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PsCandles) candles = rising_candles (12);
  PsPriceLayers layers = { .log_scale = TRUE };
  PsValueScale lin, scale;
  double d1, d2, d3;

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H, &f->style,
                                        &lin));
  g_assert_false (lin.log);
  g_assert_true (ps_render_price_layers_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H,
                                               &layers, &f->style, &scale));
  g_assert_true (scale.log);
  g_assert_cmpfloat (scale.min, <, 1000 * 0.99);
  g_assert_cmpfloat (scale.min, >, 800);   /* 6 % of the log range */
  g_assert_cmpfloat (scale.max, >, 10400 * 1.01);
  g_assert_cmpfloat (scale.y_top, ==, lin.y_top);
  g_assert_cmpfloat (scale.y_bottom, ==, lin.y_bottom);

  /* Equal ratios, equal heights; each price where from_y finds it. */
  d1 = ps_value_scale_to_y (&scale, 1000) - ps_value_scale_to_y (&scale, 2000);
  d2 = ps_value_scale_to_y (&scale, 2000) - ps_value_scale_to_y (&scale, 4000);
  d3 = ps_value_scale_to_y (&scale, 5000) - ps_value_scale_to_y (&scale, 10000);
  g_assert_cmpfloat (d1, >, 20);
  g_assert_cmpfloat_with_epsilon (d1, d2, 1e-9);
  g_assert_cmpfloat_with_epsilon (d1, d3, 1e-9);
  /* On the linear scale the same doubling takes five times the height up high. */
  g_assert_cmpfloat ((ps_value_scale_to_y (&lin, 5000) - ps_value_scale_to_y (&lin, 10000)) /
                     (ps_value_scale_to_y (&lin, 1000) - ps_value_scale_to_y (&lin, 2000)),
                     >, 4.9);
  for (double v = 1000; v < 11000; v *= 1.7)
    g_assert_cmpfloat (fabs (ps_value_scale_from_y (&scale, ps_value_scale_to_y (&scale, v)) - v),
                       <, v * 1e-9);
  g_assert_cmpfloat_with_epsilon (ps_value_scale_to_y (&scale, scale.min), scale.y_bottom, 1e-9);
  g_assert_cmpfloat_with_epsilon (ps_value_scale_to_y (&scale, scale.max), scale.y_top, 1e-9);
  /* No log of zero: far under the plot, a number all the same. */
  g_assert_true (isfinite (ps_value_scale_to_y (&scale, 0)));
  g_assert_cmpfloat (ps_value_scale_to_y (&scale, 0), >, scale.y_bottom);

  /* Values reaching zero keep a pane linear. */
  lin = (PsValueScale) { -1.06, 11.06, 10, 300, FALSE };
  _ps_render_value_scale_make_log (&lin, 0.06);
  g_assert_false (lin.log);
}

/* Candles and the heatmap both sit where the log scale puts them. */
static void
test_log_layers (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PsCandles) candles = rising_candles (12);
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  PsHeatmapGrid grid = { 0 };
  PsPriceLayers layers = { .heatmap = image, .heatmap_opacity = 1, .log_scale = TRUE };
  PsValueScale scale, lin;
  g_autofree float *long_usd = NULL;
  g_autofree float *short_usd = NULL;
  g_autofree gint64 *t_ms = NULL;
  PsColor hot;
  double y;

  /* A grid of 2000 bins from 0 to 20000 (10 a bin), one hot cell at
   * 2700–2710 in hour 1 (off the grid lines). */
  grid.n_columns = 12;
  grid.n_bins = 2000;
  grid.price_lo = 0;
  grid.price_hi = 20000;
  t_ms = g_new (gint64, 12);
  for (guint c = 0; c < 12; c++)
    t_ms[c] = T0 + c * HOUR_MS;
  grid.t_ms = t_ms;
  grid.end_ms = T0 + 12 * HOUR_MS;
  long_usd = g_new0 (float, 12 * 2000);
  short_usd = g_new0 (float, 12 * 2000);
  long_usd[1 * 2000 + 270] = 1e8;
  grid.long_usd = long_usd;
  grid.short_usd = short_usd;
  grid.max_usd = 1e8;
  ps_heatmap_image_set_grid (image, &grid);

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, "LOG",
                          &f->style);
  save_if_asked (f->surface, "content-log-layers");
  g_assert_true (ps_render_price_layers_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H,
                                               &layers, &f->style, &scale));
  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H, &f->style,
                                        &lin));

  /* The cell: at 2705 on the log scale, where the linear one has none. */
  hot = ps_heatmap_color (&f->style, 1e8, 1e8);
  hot = over (&hot, &f->style.background);
  y = ps_value_scale_to_y (&scale, 2705);
  g_assert_cmpfloat (fabs (y - ps_value_scale_to_y (&lin, 2705)), >, 20);
  assert_rgb (f->surface, hour_x (f, 1, 7), y, &hot);
  assert_rgb (f->surface, hour_x (f, 1, 7), ps_value_scale_to_y (&lin, 2705), &f->style.background);

  /* Each body's middle, in the candle's colour. */
  for (guint i = 0; i < candles->n; i++)
    {
      double mid = sqrt (ps_candles_open_at (candles, i) * ps_candles_close_at (candles, i));

      assert_rgb (f->surface, hour_x (f, i, 0), ps_value_scale_to_y (&scale, mid), &f->style.up);
    }
}

static gboolean
is_nice_log_value (double v)
{
  double mag = pow (10, floor (log10 (v) + 1e-9)), m = v / mag;

  return fabs (m - 1) < 1e-6 || fabs (m - 2) < 1e-6 || fabs (m - 5) < 1e-6;
}

static void
test_log_ticks (void)
{
  PsChartStyle style;
  PsRect rect = { 0, 0, 600, 300 }, plot;
  PsValueScale scale;
  g_autoptr(GArray) wide = NULL;
  g_autoptr(GArray) narrow = NULL;
  g_autoptr(GArray) small = NULL;
  double step = 0;

  ps_chart_style_init_light (&style);
  ps_render_get_plot_area (&rect, &style, &plot);

  /* Three decades: 1-2-5 in each, at least four labelled, a line apart. */
  _ps_render_value_scale_init (&scale, &plot, &style, 100, 100000, 0.06);
  _ps_render_value_scale_make_log (&scale, 0.06);
  g_assert_true (scale.log);
  wide = ps_value_scale_ticks (&scale, &rect, PS_LABEL_PRICE, &style);
  g_assert_cmpuint (wide->len, >=, 4);
  for (guint i = 0; i < wide->len; i++)
    {
      const PsValueTick *t = &g_array_index (wide, PsValueTick, i);

      g_assert_true (is_nice_log_value (t->value));
      g_assert_nonnull (t->label);
      g_assert_cmpfloat (fabs (t->y - round (ps_value_scale_to_y (&scale, t->value))), <, 0.5);
      if (i > 0)
        {
          g_assert_cmpfloat (t->value, <, g_array_index (wide, PsValueTick, i - 1).value);
          g_assert_cmpfloat (t->y - g_array_index (wide, PsValueTick, i - 1).y, >=,
                             style.font_size);
        }
    }

  /* Within a decade (BTC between 95k and 110k): even steps, four or more. */
  _ps_render_value_scale_init (&scale, &plot, &style, 95000, 110000, 0.06);
  _ps_render_value_scale_make_log (&scale, 0.06);
  narrow = ps_value_scale_ticks (&scale, &rect, PS_LABEL_PRICE, &style);
  g_assert_cmpuint (narrow->len, >=, 4);
  for (guint i = 1; i < narrow->len; i++)
    {
      double d = g_array_index (narrow, PsValueTick, i - 1).value -
                 g_array_index (narrow, PsValueTick, i).value;

      if (step == 0)
        step = d;
      g_assert_cmpfloat (fabs (d - step), <, 1e-6);
      g_assert_true (is_nice_log_value (step));
      /* Lower down a log scale spreads the same step wider. */
      g_assert_cmpfloat (g_array_index (narrow, PsValueTick, i).y -
                         g_array_index (narrow, PsValueTick, i - 1).y, >, style.font_size);
    }

  /* A short pane over a 5.5× range: 20k, 50k, 100k at least, apart. */
  rect.height = 120;
  ps_render_get_plot_area (&rect, &style, &plot);
  _ps_render_value_scale_init (&scale, &plot, &style, 20000, 110000, 0.06);
  _ps_render_value_scale_make_log (&scale, 0.06);
  small = ps_value_scale_ticks (&scale, &rect, PS_LABEL_PRICE, &style);
  g_assert_cmpuint (small->len, >=, 3);
  for (guint i = 1; i < small->len; i++)
    g_assert_cmpfloat (g_array_index (small, PsValueTick, i).y -
                       g_array_index (small, PsValueTick, i - 1).y, >=, style.font_size);
}

/* Price styles -------------------------------------------------------------------- */

static void
test_ohlc (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PsCandles) candles = zigzag_candles (12);
  PsPriceLayers layers = { .price_style = PS_PRICE_OHLC };
  PsValueScale scale;

  /* The last close (its marker's dotted line) off the others' rows. */
  ps_candles_append (candles, T0 + 12 * HOUR_MS, 101, 102, 101, 101.5, 1, NAN);
  ps_time_axis_set_range (f->axis, T0, T0 + 13 * HOUR_MS);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, "OHLC",
                          &f->style);
  save_if_asked (f->surface, "content-ohlc");
  g_assert_true (ps_render_price_layers_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H,
                                               &layers, &f->style, &scale));

  for (guint i = 1; i < 11; i++)
    {
      const PsColor *color = i % 2 == 0 ? &f->style.up : &f->style.down;
      double yo = ps_value_scale_to_y (&scale, ps_candles_open_at (candles, i));
      double yc = ps_value_scale_to_y (&scale, ps_candles_close_at (candles, i));
      double x = floor (hour_x (f, i, 0));
      double mid = x, y;

      /* The high–low line: find its column near the middle. */
      y = ps_value_scale_to_y (&scale, 102);
      for (double dx = -2; dx <= 2; dx++)
        if (same_rgb (pixel_at (f->surface, x + dx, y), rgb_of (color)))
          mid = x + dx;
      assert_rgb (f->surface, mid, ps_value_scale_to_y (&scale, 105.5), color);
      /* Open to the left, close to the right, not the other way round. */
      assert_rgb (f->surface, mid - 4, yo, color);
      assert_rgb (f->surface, mid + 4, yc, color);
      g_assert_false (same_rgb (pixel_at (f->surface, mid - 4, yc), rgb_of (color)));
      g_assert_false (same_rgb (pixel_at (f->surface, mid + 4, yo), rgb_of (color)));
      /* No body: between open and close, off the middle, nothing. */
      g_assert_false (same_rgb (pixel_at (f->surface, mid - 4, (yo + yc) / 2), rgb_of (color)));
    }
}

static void
test_line (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PsCandles) candles = zigzag_candles (24);
  PsPriceLayers layers = { .price_style = PS_PRICE_LINE };
  PsValueScale scale;
  double x0, x1;

  ps_time_axis_set_range (f->axis, T0, T0 + 24 * HOUR_MS);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, "LINE",
                          &f->style);
  save_if_asked (f->surface, "content-line");
  g_assert_true (ps_render_price_layers_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H,
                                               &layers, &f->style, &scale));

  /* Continuous: every column between the first and last close has ink
   * between the closes' rows, and nothing reaches the highs and lows. */
  x0 = ceil (hour_x (f, 0, 0)) + 1;
  x1 = floor (hour_x (f, 23, 0)) - 1;
  for (double x = x0; x <= x1; x++)
    {
      PsRect column = { x, ps_value_scale_to_y (&scale, 104) - 2, 1,
                        ps_value_scale_to_y (&scale, 100) - ps_value_scale_to_y (&scale, 104) + 4 };

      g_assert_cmpuint (count_ink (f->surface, &column, &f->style.background), >, 0);
      g_assert_false (same_rgb (pixel_at (f->surface, x, ps_value_scale_to_y (&scale, 105.5)),
                                rgb_of (&f->style.oi_line)));
      g_assert_false (same_rgb (pixel_at (f->surface, x, ps_value_scale_to_y (&scale, 98.5)),
                                rgb_of (&f->style.oi_line)));
    }
  /* The line's colour on the way between two closes. */
  {
    PsRect box = { floor (hour_x (f, 2, 0)), ps_value_scale_to_y (&scale, 104),
                   ceil (hour_x (f, 3, 0)) - floor (hour_x (f, 2, 0)),
                   ps_value_scale_to_y (&scale, 100) - ps_value_scale_to_y (&scale, 104) };

    g_assert_cmpuint (count_colour (f, &box, &f->style.oi_line), >, 10);
  }
}

static void
test_volume (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PsCandles) candles = rising_candles (12);
  PsPriceLayers layers = { .show_volume = TRUE };
  PsValueScale scale, without;
  PsColor buy = f->style.up, sell = f->style.down;
  double y0, y1;

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, "VOL",
                          &f->style);
  save_if_asked (f->surface, "content-volume");
  g_assert_true (ps_render_price_layers_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H,
                                               &layers, &f->style, &scale));
  g_assert_true (ps_render_price_scale (&f->rect, f->axis, candles, PS_INTERVAL_1H, &f->style,
                                        &without));
  g_assert_true (_ps_render_volume_band (&f->plot, &f->style, &y0, &y1));
  /* The band is the bottom ~18 %, and the price stops above it. */
  g_assert_cmpfloat (y1, ==, f->plot.y + f->plot.height);
  g_assert_cmpfloat (fabs ((y1 - y0) / f->plot.height - 0.18), <, 0.01);
  g_assert_cmpfloat (scale.y_bottom, <, y0);
  g_assert_cmpfloat (scale.y_bottom, <, without.y_bottom);

  buy.alpha = sell.alpha = 0.45;
  buy = over (&buy, &f->style.background);
  sell = over (&sell, &f->style.background);
  /* The last (largest) bar fills the band; 3/4 taker buy at the bottom. */
  assert_rgb (f->surface, hour_x (f, 11, 0), y1 - 2, &buy);
  assert_rgb (f->surface, hour_x (f, 11, 0), y1 - 0.6 * (y1 - y0), &buy);
  assert_rgb (f->surface, hour_x (f, 11, 0), y1 - 0.9 * (y1 - y0), &sell);
  /* The first is 100/210 of it: background above. */
  assert_rgb (f->surface, hour_x (f, 0, 0), y1 - 0.7 * (y1 - y0), &f->style.background);
  /* No volume there without the option. */
  layers.show_volume = FALSE;
  ps_render_price_layers (f->cr, &f->rect, f->axis, candles, PS_INTERVAL_1H, &layers, "VOL",
                          &f->style);
  assert_rgb (f->surface, hour_x (f, 11, 0), y1 - 2, &f->style.background);
}

/* Candles whose venue reports no volume: no bars, and the band says so in
 * words (a longer line than the legend of bars) instead of looking empty. */
static void
test_volume_none (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PsCandles) with = rising_candles (12);
  g_autoptr(PsCandles) none = ps_candles_new (12);
  PsPriceLayers layers = { .show_volume = TRUE };
  double y0, y1;
  PsRect legend, bars;
  guint ink_legend, ink_none, ink_bars;

  for (guint i = 0; i < with->n; i++)
    ps_candles_append (none, with->t_ms[i], ps_candles_open_at (with, i),
                       ps_candles_high_at (with, i), ps_candles_low_at (with, i),
                       ps_candles_close_at (with, i), 0, 0);
  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  g_assert_true (_ps_render_volume_band (&f->plot, &f->style, &y0, &y1));
  /* Right of the legend's first word, where the words go on. */
  legend = (PsRect) { f->plot.x + f->style.font_size * 6, y0 + 2, f->plot.width / 3,
                      f->style.font_size * 1.5 };
  bars = (PsRect) { f->plot.x + f->plot.width / 2, y1 - 4, f->plot.width / 2, 3 };

  ps_render_price_layers (f->cr, &f->rect, f->axis, with, PS_INTERVAL_1H, &layers, "VOL",
                          &f->style);
  ink_legend = count_ink (f->surface, &legend, &f->style.background);
  ink_bars = count_ink (f->surface, &bars, &f->style.background);

  ps_render_price_layers (f->cr, &f->rect, f->axis, none, PS_INTERVAL_1H, &layers, "VOL",
                          &f->style);
  save_if_asked (f->surface, "content-volume-none");
  ink_none = count_ink (f->surface, &legend, &f->style.background);
  /* Only the time grid's lines cross the bottom of the band now. */
  g_assert_cmpuint (count_ink (f->surface, &bars, &f->style.background), <, ink_bars / 10);
  /* Words there, about as much ink as the legend of the bars (the time
   * grid alone leaves a tenth of it). */
  g_assert_cmpuint (ink_none, >, ink_legend / 3);
}

/* Open interest ------------------------------------------------------------------- */

/* Hourly OI from T0: 1000 BTC rising by 10 then falling by 20 a sample, at $100k a BTC. */
static PsOpenInterest *
zigzag_oi (guint n)
{
  PsOpenInterest *oi = ps_open_interest_new (n);
  double c = 1000;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        c += (i / 4) % 2 == 0 ? 10 : -20;
      ps_open_interest_append (oi, T0 + i * HOUR_MS, c, c * 100000);
    }
  return oi;
}

static void
test_oi_units (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PsOpenInterest) oi = zigzag_oi (24);
  PsOpenInterestOptions coin = { PS_OI_UNIT_COIN, FALSE, "BTC" };
  g_autoptr(GArray) coin_ticks = NULL;
  g_autoptr(GArray) usd_ticks = NULL;
  g_autofree char *title = NULL;
  g_autofree char *qty = NULL;
  PsValueScale scale;
  double change;

  ps_time_axis_set_range (f->axis, T0, T0 + 24 * HOUR_MS);
  g_assert_true (ps_render_open_interest_options_scale (&f->rect, f->axis, oi, &coin, &f->style,
                                                        &scale));
  /* In coins: the contracts' range, labels without a dollar. */
  g_assert_cmpfloat (scale.min, >, 800);
  g_assert_cmpfloat (scale.max, <, 1100);
  coin_ticks = ps_value_scale_ticks (&scale, &f->rect, PS_LABEL_QUANTITY, &f->style);
  g_assert_cmpuint (coin_ticks->len, >=, 4);
  for (guint i = 0; i < coin_ticks->len; i++)
    if (g_array_index (coin_ticks, PsValueTick, i).label != NULL)
      g_assert_null (strchr (g_array_index (coin_ticks, PsValueTick, i).label, '$'));

  g_assert_true (ps_render_open_interest_options_scale (&f->rect, f->axis, oi, NULL, &f->style,
                                                        &scale));
  g_assert_cmpfloat (scale.min, >, 8e7);
  usd_ticks = ps_value_scale_ticks (&scale, &f->rect, PS_LABEL_USD, &f->style);
  for (guint i = 0; i < usd_ticks->len; i++)
    if (g_array_index (usd_ticks, PsValueTick, i).label != NULL)
      g_assert_nonnull (strchr (g_array_index (usd_ticks, PsValueTick, i).label, '$'));

  title = ps_render_open_interest_title (&coin);
  g_assert_cmpstr (title, ==, "Open interest (BTC)");
  qty = ps_format_quantity_compact (12345);
  g_assert_cmpstr (qty, ==, "12.3K");

  /* The change over the view, the same in either unit here. */
  change = ps_render_open_interest_change (oi, f->axis, PS_OI_UNIT_COIN);
  g_assert_cmpfloat_with_epsilon (change, oi->contracts[23] / oi->contracts[0] - 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (ps_render_open_interest_change (oi, f->axis, PS_OI_UNIT_USD),
                                  change, 1e-12);

  /* The pane draws in either: its line's colour somewhere in the plot. */
  ps_render_open_interest_with_options (f->cr, &f->rect, f->axis, oi, &coin, title, &f->style);
  g_assert_cmpuint (count_colour (f, &f->plot, &f->style.oi_line), >, 100);
}

static void
test_oi_delta (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PsOpenInterest) oi = zigzag_oi (24);
  PsOpenInterestOptions delta = { PS_OI_UNIT_USD, TRUE, NULL };
  PsValueScale scale;
  double zero_y;

  ps_time_axis_set_range (f->axis, T0, T0 + 24 * HOUR_MS);
  ps_render_open_interest_with_options (f->cr, &f->rect, f->axis, oi, &delta, "ΔOI", &f->style);
  save_if_asked (f->surface, "content-oi-delta");
  g_assert_true (ps_render_open_interest_options_scale (&f->rect, f->axis, oi, &delta, &f->style,
                                                        &scale));
  /* +$1M and −$2M a sample: zero inside, both in range. */
  g_assert_cmpfloat (scale.min, <, -2e6);
  g_assert_cmpfloat (scale.max, >, 1e6);
  zero_y = floor (ps_value_scale_to_y (&scale, 0));

  for (guint i = 1; i < 23; i++)
    {
      double x = f->plot.x + ps_time_axis_to_x (f->axis, T0 + i * HOUR_MS, f->plot.width);
      gboolean up = (i / 4) % 2 == 0;
      double y = ps_value_scale_to_y (&scale, up ? 0.5e6 : -1e6);

      /* Rises up and green, falls down and red, about the zero line. */
      assert_rgb (f->surface, x, y, up ? &f->style.up : &f->style.down);
      g_assert_false (same_rgb (pixel_at (f->surface, x, up ? zero_y + 3 : zero_y - 3),
                                rgb_of (up ? &f->style.up : &f->style.down)));
    }
}

/* Funding -------------------------------------------------------------------------- */

static PsFunding *
funding_every (gint64 step_ms,
               guint  n)
{
  PsFunding *funding = ps_funding_new (n);

  for (guint i = 0; i < n; i++)
    ps_funding_append (funding, T0 + i * step_ms, i % 3 == 2 ? -0.00005 : 0.0001, 100000);
  return funding;
}

static void
test_funding_annualised (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PsFunding) eight = funding_every (8 * HOUR_MS, 30);
  g_autoptr(PsFunding) one = funding_every (HOUR_MS, 30);
  PsFundingOptions annual = { TRUE, NULL, 0 };
  PsValueScale scale, per;
  double zero_y, x;

  g_assert_cmpfloat (ps_funding_settlements_per_year (eight), ==, 3 * 365);
  g_assert_cmpfloat (ps_funding_settlements_per_year (one), ==, 24 * 365);
  g_assert_cmpfloat (ps_funding_settlements_per_year (NULL), ==, 0);

  ps_time_axis_set_range (f->axis, T0, T0 + 30 * 8 * HOUR_MS);
  g_assert_true (ps_render_funding_options_scale (&f->rect, f->axis, eight, &annual, &f->style,
                                                  &scale));
  g_assert_true (ps_render_funding_scale (&f->rect, f->axis, eight, &f->style, &per));
  /* The same bars, the scale × 1095: 0.01 % every 8 h is 10.95 % a year. */
  g_assert_cmpfloat_with_epsilon (scale.max, per.max * 1095, 1e-9);
  g_assert_cmpfloat_with_epsilon (scale.min, per.min * 1095, 1e-9);

  ps_render_funding_with_options (f->cr, &f->rect, f->axis, eight, &annual, "F", &f->style);
  save_if_asked (f->surface, "content-funding-annual");
  zero_y = floor (ps_value_scale_to_y (&scale, 0));
  x = f->plot.x + ps_time_axis_to_x (f->axis, T0 + 4 * 8 * HOUR_MS, f->plot.width);
  assert_rgb (f->surface, x, ps_value_scale_to_y (&scale, 0.1095 / 2), &f->style.funding_positive);
  g_assert_false (same_rgb (pixel_at (f->surface, x, ps_value_scale_to_y (&scale, 0.1095) - 3),
                            rgb_of (&f->style.funding_positive)));
  g_assert_cmpfloat (ps_value_scale_to_y (&scale, 0.1095), <, zero_y - 20);
}

static void
test_countdown (void)
{
  const gint64 m = 60 * 1000, h = 60 * m;
  PsFundingNext next = { 0.0001, T0 + 3 * h + 12 * m + 30 * 1000 };
  struct { char *got; const char *want; } cases[] = {
    { ps_format_countdown (3 * h + 12 * m + 59 * 1000), "3h 12m" },
    { ps_format_countdown (12 * m + 5), "12m" },
    { ps_format_countdown (59 * 1000), "now" },
    { ps_format_countdown (-5 * m), "now" },
    { ps_format_countdown (28 * h), "1d 4h" },
    { ps_render_funding_next_text (&next, FALSE, 1095, T0), "Next 0.0100% in 3h 12m" },
    { ps_render_funding_next_text (&next, TRUE, 1095, T0), "Next 10.95% in 3h 12m" },
    { ps_render_funding_next_text (&next, FALSE, 1095, next.next_ms - 10 * 1000),
      "Next 0.0100% now" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (cases[i].got, ==, cases[i].want);
      g_free (cases[i].got);
    }
  /* None, or long past: nothing to say. */
  g_assert_null (ps_render_funding_next_text (NULL, FALSE, 1095, T0));
  g_assert_null (ps_render_funding_next_text (&next, FALSE, 1095, next.next_ms + h));
}

/* The funding pane shows the next rate in its header, and only with one. */
static void
test_funding_next_header (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PsFunding) eight = funding_every (8 * HOUR_MS, 30);
  PsFundingNext next = { 0.0001, T0 + 31 * 8 * HOUR_MS };
  PsFundingOptions with = { FALSE, &next, T0 + 30 * 8 * HOUR_MS };
  PsRect header;
  guint plain, more;

  ps_time_axis_set_range (f->axis, T0, T0 + 30 * 8 * HOUR_MS);
  header = (PsRect) { f->plot.x, f->plot.y, f->plot.width, _ps_render_header_height (&f->style) };
  ps_render_funding_with_options (f->cr, &f->rect, f->axis, eight, NULL, "Funding rate · 8h",
                                  &f->style);
  plain = count_ink (f->surface, &header, &f->style.background);
  ps_render_funding_with_options (f->cr, &f->rect, f->axis, eight, &with, "Funding rate · 8h",
                                  &f->style);
  save_if_asked (f->surface, "content-funding-next");
  more = count_ink (f->surface, &header, &f->style.background);
  g_assert_cmpuint (more, >, plain + 50);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/chart/render-content/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("log-mapping", test_log_mapping);
  ADD ("log-layers", test_log_layers);
  ADD ("ohlc", test_ohlc);
  ADD ("line", test_line);
  ADD ("volume", test_volume);
  ADD ("volume-none", test_volume_none);
  ADD ("oi-units", test_oi_units);
  ADD ("oi-delta", test_oi_delta);
  ADD ("funding-annualised", test_funding_annualised);
  ADD ("funding-next-header", test_funding_next_header);
#undef ADD
  g_test_add_func ("/perpscope/chart/render-content/log-ticks", test_log_ticks);
  g_test_add_func ("/perpscope/chart/render-content/countdown", test_countdown);

  return g_test_run ();
}
