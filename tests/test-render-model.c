/* test-render-model.c: what the chart draws of the analysis besides the
 * heatmap (the phases ribbon, predicted beside recorded liquidations), and
 * the panes stacked over the stand-in and over the real model on the
 * late-2025 data, kept under PS_TEST_PNG_DIR to look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-heatmap.h"
#include "ps-render.h"
#include "ps-render-heatmap.h"
#include "ps-test-heatmap.h"
#include "ps-test-pixels.h"
#include "ps-test-real-data.h"
#include "ps-test-util.h"
#include "ps-time.h"
#include "ps-treadmill.h"

/* Phases ribbon --------------------------------------------------------------- */

static void
test_ribbon (Fixture       *f,
             gconstpointer  data)
{
  PsPhasePeriod periods[] = {
    { T0 + 1 * HOUR_MS, T0 + 3 * HOUR_MS, PS_PHASE_BUILDING, (char *) "price +4.1 %" },
    { T0 + 3 * HOUR_MS, T0 + 5 * HOUR_MS, PS_PHASE_CROWDED, (char *) "funding 0.05 %" },
    /* Ten seconds: under a pixel, drawn and hit all the same. */
    { T0 + 5 * HOUR_MS, T0 + 5 * HOUR_MS + 10000, PS_PHASE_FLUSH, (char *) "$2B liquidated" },
    { T0 + 5 * HOUR_MS + 10000, T0 + 7 * HOUR_MS, PS_PHASE_NONE, NULL },
    { T0 + 7 * HOUR_MS, T0 + 9 * HOUR_MS, PS_PHASE_RESET, (char *) "OI −8 %" },
  };
  PsRect ribbon = { 0, 100, 800, ps_render_phase_ribbon_height (&f->style) };
  double y = ribbon.y + ribbon.height / 2;
  const PsPhase phases[] = { PS_PHASE_BUILDING, PS_PHASE_CROWDED, PS_PHASE_RESET };
  const guint at[] = { 2, 4, 8 };   /* hours: inside periods 0, 1, 4 */
  const guint index[] = { 0, 1, 4 };
  const PsColor magenta = { 1, 0, 1, 1 };   /* paint_magenta () */
  double x_flush;

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  paint_magenta (f);
  ps_render_phase_ribbon (f->cr, &ribbon, f->axis, periods, G_N_ELEMENTS (periods), &f->style);
  save_if_asked (f->surface, "ribbon");

  g_assert_cmpfloat (ribbon.height, >=, 6);
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      double x = f->plot.x + ps_time_axis_to_x (f->axis, T0 + at[i] * HOUR_MS, f->plot.width);

      assert_rgb (f->surface, x, y, ps_render_phase_color (&f->style, phases[i]));
      g_assert_true (ps_render_phase_ribbon_hit (&ribbon, f->axis, periods, G_N_ELEMENTS (periods),
                                                 &f->style, x) == &periods[index[i]]);
    }
  /* All four colours differ. */
  g_assert_false (same_rgb (rgb_of (&f->style.phase_building), rgb_of (&f->style.phase_flush)));
  g_assert_false (same_rgb (rgb_of (&f->style.phase_crowded), rgb_of (&f->style.phase_flush)));
  g_assert_false (same_rgb (rgb_of (&f->style.phase_reset), rgb_of (&f->style.phase_crowded)));
  g_assert_null (ps_render_phase_color (&f->style, PS_PHASE_NONE));

  /* The brief flush: a pixel of its colour, and the tooltip's period there. */
  x_flush = f->plot.x + round (ps_time_axis_to_x (f->axis, T0 + 5 * HOUR_MS, f->plot.width));
  assert_rgb (f->surface, x_flush, y, &f->style.phase_flush);
  g_assert_true (ps_render_phase_ribbon_hit (&ribbon, f->axis, periods, G_N_ELEMENTS (periods),
                                             &f->style, x_flush + 0.5) == &periods[2]);
  /* No phase, before the first period, and the gutter: background, no hit. */
  for (guint h = 0; h < 12; h += 6)
    {
      double x = f->plot.x + ps_time_axis_to_x (f->axis, T0 + h * HOUR_MS + HOUR_MS / 2,
                                                f->plot.width);

      assert_rgb (f->surface, x, y, &f->style.background);
      g_assert_null (ps_render_phase_ribbon_hit (&ribbon, f->axis, periods,
                                                 G_N_ELEMENTS (periods), &f->style, x));
    }
  assert_rgb (f->surface, f->plot.x + f->plot.width + 20, y, &f->style.background);
  g_assert_null (ps_render_phase_ribbon_hit (&ribbon, f->axis, periods, G_N_ELEMENTS (periods),
                                             &f->style, f->plot.x + f->plot.width + 20));
  g_assert_null (ps_render_phase_ribbon_hit (&ribbon, f->axis, NULL, 0, &f->style, 100));
  /* Nothing outside the strip. */
  assert_rgb (f->surface, f->plot.x + 300, ribbon.y - 1, &magenta);
  assert_rgb (f->surface, f->plot.x + 300, ribbon.y + ribbon.height, &magenta);

  /* The tooltip: phase, times, reasons. */
  {
    g_autofree char *tip = ps_render_phase_tooltip (&periods[2], TRUE);
    g_autofree char *none = ps_render_phase_tooltip (&periods[3], TRUE);

    g_assert_cmpstr (tip, ==, "Flush · 2025-11-03 05:00 UTC → 2025-11-03 05:00 UTC\n"
                              "$2B liquidated");
    g_assert_cmpstr (none, ==, "No phase · 2025-11-03 05:00 UTC → 2025-11-03 07:00 UTC");
  }

  /* The key: a swatch of each colour. */
  paint_magenta (f);
  g_assert_cmpfloat (ps_render_phase_legend (f->cr, &(PsRect) { 10, 200, 600, 20 }, &f->style),
                     >, 100);
  for (guint i = 0; i < PS_N_PHASES; i++)
    if (i != PS_PHASE_NONE)
      g_assert_cmpuint (count_colour (f, &(PsRect) { 10, 200, 600, 20 },
                                      ps_render_phase_color (&f->style, i)), >=, 25);
}

/* Predicted beside recorded ------------------------------------------------------ */

static guint
count_in_column (Fixture       *f,
                 double         x0,
                 double         x1,
                 double         y0,
                 double         y1,
                 const PsColor *color)
{
  return count_colour (f, &(PsRect) { round (x0), round (y0), round (x1) - round (x0),
                                      round (y1) - round (y0) }, color);
}

/* Nothing recorded, the model's longs deep under the middle: "Not recorded"
 * goes in the room above zero, not over the predicted bars (it sat in the
 * pane's middle, among them). */
static void
test_not_recorded_label_room (Fixture       *f,
                              gconstpointer  data)
{
  static const PsTimeSpan all[] = { { T0 - HOUR_MS, T0 + 24 * HOUR_MS } };
  PsRecordedLiquidations rec = { NULL, all, G_N_ELEMENTS (all) };
  gint64 t[12];
  double pl[12] = { 0 }, ps[12] = { 0 };
  PsPredictedLiquidations pred = { t, pl, ps, 12 };
  PsValueScale scale;
  double cx = f->plot.x + f->plot.width / 2, zero_y;
  PsRect up, down;

  for (guint i = 0; i < 12; i++)
    t[i] = T0 + i * HOUR_MS, pl[i] = i >= 4 && i < 8 ? 4e6 : 0.5e6;
  ps[1] = 1.5e6;
  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_liquidations_with_predicted (f->cr, &f->rect, f->axis, &rec, &pred, PS_INTERVAL_1H,
                                         "Liquidations", &f->style);
  save_if_asked (f->surface, "not-recorded-label-room");
  g_assert_true (ps_render_liquidations_with_predicted_scale (&f->rect, f->axis, &rec, &pred,
                                                              PS_INTERVAL_1H, &f->style, &scale));
  zero_y = floor (ps_value_scale_to_y (&scale, 0));
  up = (PsRect) { cx - 30, scale.y_top, 60, zero_y - 2 - scale.y_top };
  down = (PsRect) { cx - 30, zero_y + 2, 60, f->plot.y + f->plot.height - zero_y - 2 };
  /* The label's plain patch above zero; below, only hatching and bars. */
  g_assert_cmpuint (count_colour (f, &up, &f->style.background), >, 300);
  g_assert_cmpuint (count_colour (f, &down, &f->style.background), <, 20);
}

static void
test_predicted (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  PsRecordedLiquidations rec = { liq, NULL, 0 };
  gint64 t[12];
  double pl[12] = { 0 }, ps[12] = { 0 };
  PsPredictedLiquidations pred = { t, pl, ps, 12 };
  PsValueScale scale;
  double zero_y, half = 0, x2, x4, x6;
  PsColor faint, line;
  g_autofree char *readout = NULL;

  for (guint i = 0; i < 12; i++)
    t[i] = T0 + i * HOUR_MS;
  pl[2] = 2e6;    /* beside a recorded 3e6 */
  ps[4] = 5e6;    /* predicted only: the scale's top */
  pl[7] = 1e6;
  ps_liquidations_append (liq, T0 + 2 * HOUR_MS + 60000, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          99000, 99500, 30, 3e6);

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_liquidations_with_predicted (f->cr, &f->rect, f->axis, &rec, &pred, PS_INTERVAL_1H,
                                         "Liquidations", &f->style);
  save_if_asked (f->surface, "predicted");
  g_assert_true (ps_render_liquidations_with_predicted_scale (&f->rect, f->axis, &rec, &pred,
                                                              PS_INTERVAL_1H, &f->style, &scale));
  g_assert_cmpfloat (scale.max, >=, 5e6);
  g_assert_cmpfloat (scale.min, <=, -3e6);
  zero_y = floor (ps_value_scale_to_y (&scale, 0));
  half = f->plot.width / 12 / 2 * 0.7;
  x2 = hour_x (f, 2, 0), x4 = hour_x (f, 4, 0), x6 = hour_x (f, 6, 0);
  faint = over (&(PsColor) { f->style.liq_long.red, f->style.liq_long.green,
                             f->style.liq_long.blue, 0.18 }, &f->style.background);

  /* Candle 2: the recorded bar solid on the left, the predicted one outlined
   * on the right, shorter (2e6 < 3e6), a faint fill inside. */
  assert_rgb (f->surface, x2 - half / 2, ps_value_scale_to_y (&scale, -2.9e6), &f->style.liq_long);
  /* Between grid lines, which show through the fill. */
  assert_rgb (f->surface, x2 + half / 2, ps_value_scale_to_y (&scale, -1.25e6), &faint);
  g_assert_false (same_rgb (pixel_at (f->surface, x2 + half / 2,
                                      ps_value_scale_to_y (&scale, -2.6e6)),
                            rgb_of (&f->style.liq_long)));
  g_assert_cmpuint (count_in_column (f, x2, x2 + half + 2, zero_y + 2,
                                     ps_value_scale_to_y (&scale, -2e6) - 2, &f->style.liq_long),
                    >=, 2 * (ps_value_scale_to_y (&scale, -2e6) - zero_y - 6));
  /* Candle 4: predicted only, up, outlined in the short colour on the right;
   * nothing on the left. */
  g_assert_cmpuint (count_in_column (f, x4, x4 + half + 2, ps_value_scale_to_y (&scale, 5e6) + 2,
                                     zero_y - 2, &f->style.liq_short),
                    >=, 2 * (zero_y - ps_value_scale_to_y (&scale, 5e6) - 6));
  g_assert_cmpuint (count_in_column (f, x4 - half - 2, x4 - 1, ps_value_scale_to_y (&scale, 5e6),
                                     zero_y - 2, &f->style.liq_short), ==, 0);
  /* Candle 6: neither. */
  g_assert_cmpuint (count_in_column (f, x6 - half, x6 + half, scale.y_top, zero_y - 1,
                                     &f->style.liq_short), ==, 0);
  g_assert_cmpuint (count_in_column (f, x6 - half, x6 + half, zero_y + 2, scale.y_bottom,
                                     &f->style.liq_long), ==, 0);

  /* Zoomed out (3.6 px a candle): a step line of the shaded side colour at
   * the predicted height over candle 4. */
  ps_time_axis_set_range (f->axis, T0 - 100 * HOUR_MS, T0 + 100 * HOUR_MS);
  ps_render_liquidations_with_predicted (f->cr, &f->rect, f->axis, &rec, &pred, PS_INTERVAL_1H,
                                         "Liquidations", &f->style);
  g_assert_true (ps_render_liquidations_with_predicted_scale (&f->rect, f->axis, &rec, &pred,
                                                              PS_INTERVAL_1H, &f->style, &scale));
  line = (PsColor) { (f->style.liq_short.red + f->style.text.red) / 2,
                     (f->style.liq_short.green + f->style.text.green) / 2,
                     (f->style.liq_short.blue + f->style.text.blue) / 2, 1 };
  x4 = hour_x (f, 4, 0);
  g_assert_cmpuint (count_in_column (f, x4 - 3, x4 + 3, ps_value_scale_to_y (&scale, 5e6) - 2,
                                     ps_value_scale_to_y (&scale, 5e6) + 2, &line), >=, 2);

  /* The model alone (nothing recorded): drawn, not the empty pane. */
  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  paint_magenta (f);
  ps_render_liquidations_with_predicted (f->cr, &f->rect, f->axis, NULL, &pred, PS_INTERVAL_1H,
                                         "Liquidations", &f->style);
  g_assert_true (ps_render_liquidations_with_predicted_scale (&f->rect, f->axis, NULL, &pred,
                                                              PS_INTERVAL_1H, &f->style, &scale));
  x4 = hour_x (f, 4, 0);
  zero_y = floor (ps_value_scale_to_y (&scale, 0));
  g_assert_cmpuint (count_in_column (f, x4, x4 + half + 2, ps_value_scale_to_y (&scale, 5e6) + 2,
                                     zero_y - 2, &f->style.liq_short), >, 20);
  /* Neither: no scale. */
  g_assert_false (ps_render_liquidations_with_predicted_scale (&f->rect, f->axis, NULL, NULL,
                                                               PS_INTERVAL_1H, &f->style, &scale));

  readout = ps_render_predicted_readout (&pred, PS_INTERVAL_1H, T0 + 2 * HOUR_MS + 5);
  g_assert_cmpstr (readout, ==, "Predicted (model): longs $2.00M · shorts $0");
}

/* Phases from the stand-in's candles: a day's rise is building, a rise
 * with the book full is crowded, a candle falling 3 % a flush, the day
 * after it a reset. Only for looking at; no thresholds of the real model. */
static GArray *
demo_periods (const DemoModel *m)
{
  GArray *periods = g_array_new (FALSE, TRUE, sizeof (PsPhasePeriod));
  const PsCandles *c = m->candles;
  g_autofree guint8 *phase = g_new0 (guint8, c->n);

  for (guint i = 24; i < c->n; i++)
    {
      double day = ps_candles_close_at (c, i) / ps_candles_close_at (c, i - 24) - 1;

      if (ps_candles_close_at (c, i) / ps_candles_open_at (c, i) - 1 < -0.03)
        for (guint k = i; k < MIN (i + 24, c->n); k++)
          phase[k] = k == i ? PS_PHASE_FLUSH : PS_PHASE_RESET;
      else if (phase[i] == PS_PHASE_NONE)
        phase[i] = day > 0.04 ? PS_PHASE_CROWDED : day > 0.015 ? PS_PHASE_BUILDING : PS_PHASE_NONE;
    }
  for (guint i = 0; i < c->n;)
    {
      guint k = i;
      PsPhasePeriod p;

      while (k < c->n && phase[k] == phase[i])
        k++;
      p = (PsPhasePeriod) { c->t_ms[i], k < c->n ? c->t_ms[k] : c->t_ms[i] + (k - i) * HOUR_MS,
                            phase[i], NULL };
      g_array_append_val (periods, p);
      i = k;
    }
  return periods;
}

/* Under the stacked panes of a 1400×930 image: the time labels, then the
 * phases' legend on a strip of background. */
static void
draw_footer (cairo_t            *cr,
             PsTimeAxis         *axis,
             const PsChartStyle *style)
{
  PsRect rect = { 0, 860, 1400, 40 };

  ps_render_time_labels (cr, &rect, axis, style);
  cairo_rectangle (cr, 0, 900, 1400, 30);
  cairo_set_source_rgb (cr, style->background.red, style->background.green,
                        style->background.blue);
  cairo_fill (cr);
  rect = (PsRect) { 10, 903, 600, 24 };
  ps_render_phase_legend (cr, &rect, style);
}

/* Two weeks of hourly candles over the stand-in model, 1400×930, light and
 * dark, the panes the window stacks (price with heatmap and zones, the
 * phases ribbon, predicted beside recorded liquidations, time labels): kept
 * under PS_TEST_PNG_DIR to look at. */
static void
test_demo (void)
{
  g_autoptr(DemoModel) m = demo_model_new (24 * 14, T0, HOUR_MS, 1, 1000, 7);
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  g_autoptr(GArray) periods = demo_periods (m);
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1400, 930);
  cairo_t *cr = cairo_create (surface);
  PsPriceLayers layers = { .heatmap = image, .heatmap_opacity = 0.85,
                           .zones = m->zones, .n_zones = m->n_zones };
  PsRecordedLiquidations rec = { liq, NULL, 0 };
  PsPredictedLiquidations pred = { m->candles->t_ms, m->predicted[PS_LIQ_LONG],
                                   m->predicted[PS_LIQ_SHORT], m->candles->n };

  /* "Recorded": a noisy share of what the stand-in predicted. */
  for (guint i = 0; i < m->candles->n; i++)
    for (int side = 0; side < 2; side++)
      if (m->predicted[side][i] > 0 && (i * 7 + side) % 3 != 0)
        ps_liquidations_append (liq, m->candles->t_ms[i] + 60000 * side, side,
                                PS_LIQ_SOURCE_LIVE, 95000, 95000, 1,
                                m->predicted[side][i] * (0.3 + (i % 5) * 0.2));
  g_assert_cmpuint (m->n_zones, >=, 2);
  ps_heatmap_image_set_grid (image, &m->grid);
  ps_time_axis_set_range (axis, T0, T0 + 24 * 14 * HOUR_MS);
  for (int dark = 0; dark < 2; dark++)
    {
      PsChartStyle style;
      PsRect rect = { 0, 0, 1400, 560 };
      double ribbon_h;

      if (dark)
        ps_chart_style_init_dark (&style);
      else
        ps_chart_style_init_light (&style);
      ribbon_h = ps_render_phase_ribbon_height (&style);
      ps_render_price_layers (cr, &rect, axis, m->candles, PS_INTERVAL_1H, &layers,
                              "BTCUSDT · 1h · stand-in model", &style);
      rect = (PsRect) { 0, 560, 1400, ribbon_h };
      ps_render_phase_ribbon (cr, &rect, axis, (const PsPhasePeriod *) (gpointer) periods->data,
                              periods->len, &style);
      rect = (PsRect) { 0, 560 + ribbon_h, 1400, 300 - ribbon_h };
      ps_render_liquidations_with_predicted (cr, &rect, axis, &rec, &pred, PS_INTERVAL_1H,
                                             "Liquidations (stand-in)", &style);
      draw_footer (cr, axis, &style);
      save_if_asked (surface, dark ? "heatmap-demo-dark" : "heatmap-demo-light");
    }
  g_assert_cmpuint (ps_heatmap_image_get_n_builds (image), >=, 2);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The real model on real data ------------------------------------------------------ */

/* BTCUSDT 4h, 7 Nov – 17 Dec 2025, through ps_heatmap_compute () and
 * ps_treadmill_compute () with their defaults, drawn as the window stacks
 * its panes: the heatmap shows where the model holds notional, the ribbon
 * the phases it found, the liquidations pane the model's predictions. */
static void
test_real_model (void)
{
  g_autoptr(PsCandles) all = load_candles ("binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv");
  g_autoptr(PsOpenInterest) oi = load_open_interest ();
  gint64 from_ms = oi->t_ms[0], to_ms = oi->t_ms[oi->n - 1] + 24 * HOUR_MS;
  g_autoptr(PsCandles) candles = ps_candles_slice (all, from_ms, to_ms);
  PsHeatmapInput hin = { candles, oi };
  g_autoptr(PsFunding) funding = load_funding ();
  PsTreadmillInput tin = { candles, oi, funding, NULL, NULL, NULL };
  PsHeatmapParams hp;
  PsTreadmillParams tp;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsHeatmap) heatmap = NULL;
  g_autoptr(PsTreadmill) treadmill = NULL;
  g_autoptr(PsHeatmapImage) image = ps_heatmap_image_new ();
  g_autoptr(GArray) zones = NULL;
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  const GArray *periods;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1400, 930);
  cairo_t *cr = cairo_create (surface);
  PsPredictedLiquidations pred;

  ps_heatmap_params_init (&hp);
  heatmap = ps_heatmap_compute (&hp, &hin, NULL, &error);
  g_assert_no_error (error);
  ps_treadmill_params_init (&tp);
  treadmill = ps_treadmill_compute (&tp, &tin, NULL, &error);
  g_assert_no_error (error);
  ps_heatmap_image_set_grid (image, ps_heatmap_get_grid (heatmap));
  g_assert_false (ps_heatmap_image_is_empty (image));
  zones = ps_heatmap_get_zones (heatmap, ps_candles_close_at (candles, candles->n - 1));
  periods = ps_treadmill_get_periods (treadmill);
  pred = (PsPredictedLiquidations) { ps_heatmap_get_candle_t (heatmap),
                                     ps_heatmap_get_predicted (heatmap, PS_LIQ_LONG),
                                     ps_heatmap_get_predicted (heatmap, PS_LIQ_SHORT),
                                     ps_heatmap_get_n_candles (heatmap) };
  ps_time_axis_set_range (axis, from_ms, to_ms);

  for (int dark = 0; dark < 2; dark++)
    {
      PsChartStyle style;
      PsPriceLayers layers = { .heatmap = image, .heatmap_opacity = 0.85,
                               .zones = (const PsHeatZone *) (gconstpointer) zones->data,
                               .n_zones = zones->len };
      PsRect rect = { 0, 0, 1400, 540 }, plot;
      double ribbon_h;
      guint heat = 0;

      if (dark)
        ps_chart_style_init_dark (&style);
      else
        ps_chart_style_init_light (&style);
      ribbon_h = ps_render_phase_ribbon_height (&style);
      ps_render_price_layers (cr, &rect, axis, candles, PS_INTERVAL_4H, &layers,
                              "BTCUSDT · 4h · model over Binance's daily OI", &style);
      /* Heat somewhere off the candles: pixels neither background nor grid. */
      ps_render_get_plot_area (&rect, &style, &plot);
      for (double y = plot.y + 40; y < plot.y + plot.height; y += 7)
        for (double x = plot.x + plot.width / 2; x < plot.x + plot.width - 100; x += 5)
          heat += !same_rgb (pixel_at (surface, x, y), rgb_of (&style.background));
      g_assert_cmpuint (heat, >, 100);

      rect = (PsRect) { 0, 540, 1400, ribbon_h };
      ps_render_phase_ribbon (cr, &rect, axis, (const PsPhasePeriod *) (gconstpointer) periods->data,
                              periods->len, &style);
      rect = (PsRect) { 0, 540 + ribbon_h, 1400, 320 - ribbon_h };
      ps_render_liquidations_with_predicted (cr, &rect, axis, NULL, &pred, PS_INTERVAL_4H,
                                             "Liquidations · predicted by the model", &style);
      draw_footer (cr, axis, &style);
      save_if_asked (surface, dark ? "real-model-dark" : "real-model-light");
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/chart/render-model/demo", test_demo);
  g_test_add_func ("/perpscope/chart/render-model/real-model", test_real_model);
#define ADD(path, func) \
  g_test_add ("/perpscope/chart/render-model/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("ribbon", test_ribbon);
  ADD ("predicted", test_predicted);
  ADD ("not-recorded-label-room", test_not_recorded_label_room);
#undef ADD

  return g_test_run ();
}
