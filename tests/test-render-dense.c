/* test-render-dense.c: the zoomed-out shortcuts of the panes draw what the
 * plain way would: the open interest line as a band of column extremes, the
 * model's predicted liquidations summed a slot at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-levels.h"
#include "ps-render.h"
#include "ps-render-private.h"
#include "ps-test-pixels.h"
#include "ps-test-util.h"

/* Open interest as a band ------------------------------------------------------- */

/* A zigzag between two values, many rows a pixel column: each column of the
 * line is covered from one value's row to the other's, and not beyond half
 * the line's width past them. */
static void
test_oi_band (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  PsValueScale scale;
  guint n = 20000, lines = 0;
  double y_hi, y_lo;

  for (guint i = 0; i < n; i++)
    ps_open_interest_append (oi, T0 + (gint64) i * MINUTE_MS, 1, i % 2 ? 7.2e9 : 7.0e9);
  ps_time_axis_set_range (f->axis, T0, T0 + (gint64) n * MINUTE_MS);
  ps_render_open_interest (f->cr, &f->rect, f->axis, oi, "Open interest", &f->style);
  save_if_asked (f->surface, "oi-band");

  g_assert_true (ps_render_open_interest_scale (&f->rect, f->axis, oi, &f->style, &scale));
  y_hi = ps_value_scale_to_y (&scale, 7.2e9);
  y_lo = ps_value_scale_to_y (&scale, 7.0e9);
  g_assert_cmpfloat (y_lo - y_hi, >, 20);
  for (double x = f->plot.x + 100; x < f->plot.x + f->plot.width - 100; x += 37)
    {
      /* Solid from just under the top row to just over the bottom one. */
      for (double y = ceil (y_hi); y <= floor (y_lo); y += 1)
        assert_rgb (f->surface, x, y, &f->style.oi_line);
      /* Nothing of the line two rows beyond either end. */
      g_assert_false (same_rgb (pixel_at (f->surface, x, floor (y_hi) - 2),
                                rgb_of (&f->style.oi_line)));
      g_assert_false (same_rgb (pixel_at (f->surface, x, floor (y_lo) + 3),
                                rgb_of (&f->style.oi_line)));
      lines++;
    }
  g_assert_cmpuint (lines, >, 10);
}

/* A gentle slope, many rows a column: the band is the line's width thick
 * (one to three solid rows a column), not a smear. */
static void
test_oi_band_thin (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  guint n = 20000;

  for (guint i = 0; i < n; i++)
    ps_open_interest_append (oi, T0 + (gint64) i * MINUTE_MS, 1, 7e9 + 1e5 * i);
  ps_time_axis_set_range (f->axis, T0, T0 + (gint64) n * MINUTE_MS);
  ps_render_open_interest (f->cr, &f->rect, f->axis, oi, "Open interest", &f->style);
  save_if_asked (f->surface, "oi-band-thin");

  for (double x = f->plot.x + 100; x < f->plot.x + f->plot.width - 100; x += 53)
    {
      guint solid = 0;

      for (double y = f->plot.y; y < f->plot.y + f->plot.height; y++)
        solid += same_rgb (pixel_at (f->surface, x, y), rgb_of (&f->style.oi_line));
      g_assert_cmpuint (solid, >=, 1);
      g_assert_cmpuint (solid, <=, 3);
    }
}


/* The fill under a dense line, boxed as few boxes as its region parts into:
 * in every column, what it changes (drawn against the same pane without
 * it) runs from just under the line down to the plot's bottom without a
 * hole, and nothing above the line; a column in a hole of the series has
 * none. */
static void
test_oi_fill (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  cairo_surface_t *bare = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 400);
  PsChartStyle no_fill;
  cairo_t *cr = f->cr;
  double v = 7e9, bottom = f->plot.y + f->plot.height;
  guint n = 30000, filled = 0, empty = 0;

  for (guint i = 0; i < n; i++)
    {
      v *= 1 + g_rand_double_range (rand, -0.01, 0.01);
      ps_open_interest_append (oi, T0 + (gint64) i * MINUTE_MS, 1,
                               i >= 12000 && i < 13500 ? NAN : v);
    }
  ps_chart_style_init_dark (&f->style);
  f->style.oi_fill = (PsColor) { 1, 1, 1, 1 };
  no_fill = f->style;
  no_fill.oi_fill.alpha = 0;
  ps_time_axis_set_range (f->axis, T0, T0 + (gint64) n * MINUTE_MS);
  ps_render_open_interest (f->cr, &f->rect, f->axis, oi, "Open interest", &f->style);
  f->cr = cairo_create (bare);
  ps_render_open_interest (f->cr, &f->rect, f->axis, oi, "Open interest", &no_fill);
  cairo_destroy (f->cr);
  f->cr = cr;
  save_if_asked (f->surface, "oi-fill");

  for (double x = f->plot.x + 2; x < f->plot.x + f->plot.width - 2; x++)
    {
      double y = bottom - 1, top;

      /* Up from the bottom through the fill, then the line's solid rows. */
      while (y >= f->plot.y && pixel_at (f->surface, x, y) != pixel_at (bare, x, y))
        y--;
      top = y + 1;
      while (y >= f->plot.y && top < bottom &&
             same_rgb (pixel_at (f->surface, x, y), rgb_of (&f->style.oi_line)))
        y--;
      if (top >= bottom)
        empty++;
      else
        filled++;
      /* Above the run only the line's partly covered rows may differ. */
      for (y -= 2; y >= f->plot.y; y--)
        g_assert_cmphex (pixel_at (f->surface, x, y), ==, pixel_at (bare, x, y));
    }
  g_assert_cmpuint (filled, >, f->plot.width * 0.8);
  g_assert_cmpuint (empty, >, 10);   /* the hole */
  cairo_surface_destroy (bare);
}

/* Predicted liquidations ---------------------------------------------------------- */

/* The loop the slots replaced: every model candle placed on its own. */
static void
reference_predicted (PsLiqBars                     *bars,
                     const PsLiqBars               *like,
                     PsTimeAxis                    *axis,
                     const PsPredictedLiquidations *p,
                     double                         width)
{
  gint64 from = ps_time_axis_get_from_ms (axis), to = ps_time_axis_get_to_ms (axis);
  gint64 step = like->step_ms;

  *bars = *like;
  bars->long_usd = g_new0 (double, MAX (bars->n, 1));
  bars->short_usd = g_new0 (double, MAX (bars->n, 1));
  bars->total_long = bars->total_short = 0;
  for (guint i = 0; i < p->n; i++)
    {
      double l = isfinite (p->long_usd[i]) && p->long_usd[i] > 0 ? p->long_usd[i] : 0;
      double s = isfinite (p->short_usd[i]) && p->short_usd[i] > 0 ? p->short_usd[i] : 0;
      gint64 t = p->t_ms[i], fl = t - ((t % step) + step) % step, k;

      if (t < bars->t0_ms)
        continue;
      if (t >= from && t < to)
        bars->total_long += l, bars->total_short += s;
      if (bars->per_column)
        /* Columns anchored to absolute time (ps-render-levels.h). */
        k = (gint64) floor ((double) (fl + step / 2) * width / (double) (to - from))
            - (gint64) floor ((double) from * width / (double) (to - from));
      else
        k = (t - bars->t0_ms) / step;
      if (k < 0 || k >= (gint64) bars->n)
        continue;
      bars->long_usd[k] += l;
      bars->short_usd[k] += s;
    }
}

static void
test_predicted_slots (void)
{
  guint n = 200000;
  g_autofree gint64 *t = g_new (gint64, n);
  g_autofree double *l = g_new (double, n);
  g_autofree double *s = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  PsPredictedLiquidations p = { t, l, s, n };
  const struct { gint64 from, span; double width; PsInterval interval; } views[] = {
    { 0, 200000, 1733, PS_INTERVAL_1M },      /* all, per column */
    { 12345, 99999, 811, PS_INTERVAL_1M },    /* odd edges */
    { 777, 9000, 1500, PS_INTERVAL_1M },      /* a few candles a column */
    { 5000, 300, 900, PS_INTERVAL_1M },       /* per candle */
    { 3000, 150000, 1234, PS_INTERVAL_1H },   /* hour slots */
    { 3000, 6000, 1234, PS_INTERVAL_15M },
  };

  g_autofree double *l_sums = NULL;
  g_autofree double *s_sums = NULL;

  for (guint i = 0; i < n; i++)
    {
      t[i] = T0 + (gint64) i * MINUTE_MS;
      l[i] = g_rand_int_range (rand, 0, 5) == 0 ? g_rand_double_range (rand, -10, 1e6) : 0;
      s[i] = g_rand_int_range (rand, 0, 50) == 0 ? NAN : g_rand_double_range (rand, 0, 1e5);
    }
  l_sums = ps_levels_running_sums (l, n);
  s_sums = ps_levels_running_sums (s, n);

  /* Row by row, then a slot at a time from the running sums, which differ
   * from a sum in row order by a rounding of the whole series' sum. */
  for (guint v = 0; v < 2 * G_N_ELEMENTS (views); v++)
    {
      guint w = v % G_N_ELEMENTS (views);
      gboolean sums = v >= G_N_ELEMENTS (views);
      double slack = sums ? 1e-14 * (l_sums[n] + s_sums[n]) : 0;
      PsLiqBars like, got, want;

      p.long_sums = sums ? l_sums : NULL;
      p.short_sums = sums ? s_sums : NULL;
      ps_time_axis_set_range (axis, T0 + views[w].from * MINUTE_MS,
                              T0 + (views[w].from + views[w].span) * MINUTE_MS);
      _ps_render_liq_bars_init (&like, axis, NULL, views[w].interval, views[w].width);
      _ps_render_liq_bars_predicted (&got, &like, axis, &p, views[w].width);
      reference_predicted (&want, &like, axis, &p, views[w].width);
      g_assert_cmpuint (got.n, ==, want.n);
      g_assert_cmpuint (got.n, >, 0);
      for (guint k = 0; k < got.n; k++)
        {
          g_assert_cmpfloat_with_epsilon (got.long_usd[k], want.long_usd[k],
                                          1e-9 * fmax (1, want.long_usd[k]) + slack);
          g_assert_cmpfloat_with_epsilon (got.short_usd[k], want.short_usd[k],
                                          1e-9 * fmax (1, want.short_usd[k]) + slack);
          /* A slot with nothing predicted stays empty: no bar of rounding. */
          g_assert_true ((got.long_usd[k] > 0) == (want.long_usd[k] > 0));
          g_assert_true ((got.short_usd[k] > 0) == (want.short_usd[k] > 0));
        }
      g_assert_cmpfloat_with_epsilon (got.total_long, want.total_long, 1e-6 * want.total_long);
      g_assert_cmpfloat_with_epsilon (got.total_short, want.total_short,
                                      1e-6 * want.total_short);
      _ps_render_liq_bars_clear (&like);
      _ps_render_liq_bars_clear (&got);
      _ps_render_liq_bars_clear (&want);
    }
}

/* The recorded bars summed a slot at a time from the events' running sums:
 * what adding every event in view gives, in the same views. */
static void
test_recorded_slots (void)
{
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  const struct { gint64 from, span; double width; PsInterval interval; } views[] = {
    { 0, 150000, 1733, PS_INTERVAL_1M },
    { 12345, 99999, 811, PS_INTERVAL_1M },
    { 777, 9000, 1500, PS_INTERVAL_1M },
    { 5000, 300, 900, PS_INTERVAL_1M },
    { 3000, 140000, 1234, PS_INTERVAL_1H },
    { -500, 4000, 1234, PS_INTERVAL_15M },
  };
  gint64 t = T0;

  for (guint i = 0; i < 200000; i++)
    {
      double usd = g_rand_int_range (rand, 0, 30) == 0 ? NAN : g_rand_double_range (rand, -50, 1e6);

      t += g_rand_int_range (rand, 0, 90) * 1000;
      ps_liquidations_append (liq, t, g_rand_boolean (rand) ? PS_LIQ_LONG : PS_LIQ_SHORT,
                              PS_LIQ_SOURCE_LIVE, 90000, NAN, 1, usd);
    }

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      double slack = 1e-13 * ps_liq_levels_sum (ps_liquidations_get_levels (liq), PS_LIQ_LONG,
                                                0, liq->n);
      PsLiqBars got, want;

      ps_time_axis_set_range (axis, T0 + views[v].from * MINUTE_MS,
                              T0 + (views[v].from + views[v].span) * MINUTE_MS);
      _ps_render_liq_bars_init (&got, axis, liq, views[v].interval, views[v].width);
      ps_levels_set_enabled (FALSE);
      _ps_render_liq_bars_init (&want, axis, liq, views[v].interval, views[v].width);
      ps_levels_set_enabled (TRUE);
      g_assert_cmpuint (got.n, ==, want.n);
      g_assert_cmpuint (got.n, >, 0);
      g_assert_cmpfloat (want.total_long + want.total_short, >, 0);
      for (guint k = 0; k < got.n; k++)
        {
          g_assert_cmpfloat_with_epsilon (got.long_usd[k], want.long_usd[k], slack);
          g_assert_cmpfloat_with_epsilon (got.short_usd[k], want.short_usd[k], slack);
          g_assert_true ((got.long_usd[k] > 0) == (want.long_usd[k] > 0));
          g_assert_true ((got.short_usd[k] > 0) == (want.short_usd[k] > 0));
        }
      g_assert_cmpfloat_with_epsilon (got.total_long, want.total_long, slack);
      g_assert_cmpfloat_with_epsilon (got.total_short, want.total_short, slack);
      g_assert_cmpfloat_with_epsilon (got.max_long, want.max_long, slack);
      _ps_render_liq_bars_clear (&got);
      _ps_render_liq_bars_clear (&want);
    }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add ("/render-dense/oi-band", Fixture, NULL, fixture_set_up, test_oi_band,
              fixture_tear_down);
  g_test_add ("/render-dense/oi-band-thin", Fixture, NULL, fixture_set_up, test_oi_band_thin,
              fixture_tear_down);
  g_test_add ("/render-dense/oi-fill", Fixture, NULL, fixture_set_up, test_oi_fill,
              fixture_tear_down);
  g_test_add_func ("/render-dense/predicted-slots", test_predicted_slots);
  g_test_add_func ("/render-dense/recorded-slots", test_recorded_slots);
  return g_test_run ();
}
