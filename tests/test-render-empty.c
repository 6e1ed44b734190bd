/* test-render-empty.c: stretches without data say why, in bands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-chart-pane-private.h"
#include "ps-render.h"
#include "ps-test-pixels.h"
#include "ps-test-util.h"

#define DAY_MS (24 * HOUR_MS)

static void
test_labels (void)
{
  PsEmptySpan horizon = { T0, T0 + DAY_MS, PS_SERIES_OPEN_INTEREST, PS_EMPTY_PAST_HORIZON,
                          30 * DAY_MS };
  PsEmptySpan start = { T0, T0 + DAY_MS, PS_SERIES_CANDLES, PS_EMPTY_BEFORE_START,
                        T0 + DAY_MS };
  PsEmptySpan gap = { T0, T0 + DAY_MS, PS_SERIES_FUNDING, PS_EMPTY_NOT_FETCHED, 0 };
  char *text;

  text = _ps_chart_pane_empty_label (&horizon, "Binance", FALSE, TRUE);
  g_assert_cmpstr (text, ==, "Binance keeps 30 days of open-interest history");
  g_free (text);
  text = _ps_chart_pane_empty_label (&start, "Binance", FALSE, TRUE);
  g_assert_cmpstr (text, ==, "No data before 2025-11-04 00:00 UTC: the market’s history starts here");
  g_free (text);
  text = _ps_chart_pane_empty_label (&gap, "Binance", TRUE, TRUE);
  g_assert_cmpstr (text, ==, "Loading…");
  g_free (text);
  /* Not loading, a gap has no reason the pane could give: nothing. */
  g_assert_null (_ps_chart_pane_empty_label (&gap, "Binance", FALSE, TRUE));

  /* For a narrow band, the same in a few words. */
  text = _ps_chart_pane_empty_short_label (&start, FALSE, TRUE);
  g_assert_cmpstr (text, ==, "No data before Nov 4");
  g_free (text);
  text = _ps_chart_pane_empty_short_label (&horizon, FALSE, TRUE);
  g_assert_cmpstr (text, ==, "Kept 30 days");
  g_free (text);
  g_assert_null (_ps_chart_pane_empty_short_label (&gap, FALSE, TRUE));
}

/* A band too narrow for its reason says the short one; with none, the
 * band alone. */
static void
test_narrow_band (Fixture       *f,
                  gconstpointer  data)
{
  PsEmptyBand band = { T0, T0 + 2 * HOUR_MS,
                       "No data before 2025-11-04 00:00 UTC: the market’s history starts here",
                       "No data before Nov 4" };
  PsColor tint = over (&(PsColor) { f->style.grid.red, f->style.grid.green, f->style.grid.blue,
                                    f->style.grid.alpha * 0.6 }, &f->style.background);
  double x0, x1;
  guint with_short, without;
  PsRect inside;

  /* 12 h in the plot: two hours is a narrow band. */
  ps_time_axis_set_range (f->axis, T0 - HOUR_MS, T0 + 11 * HOUR_MS);
  x0 = f->plot.x + ps_time_axis_to_x (f->axis, band.from_ms, f->plot.width);
  x1 = f->plot.x + ps_time_axis_to_x (f->axis, band.to_ms, f->plot.width);
  inside = (PsRect) { x0 + 3, 40, x1 - x0 - 6, 360 };
  paint_magenta (f);
  ps_render_empty_bands (f->cr, &f->rect, f->axis, &band, 1, &f->style);
  save_if_asked (f->surface, "empty-narrow");
  with_short = count_ink (f->surface, &inside, &tint);

  band.short_label = NULL;
  paint_magenta (f);
  ps_render_empty_bands (f->cr, &f->rect, f->axis, &band, 1, &f->style);
  without = count_ink (f->surface, &inside, &tint);
  g_assert_cmpuint (without, ==, 0);
  g_assert_cmpuint (with_short, >, 50);
}

/* A band covers its stretch under the header, in a tint, with its words;
 * the header and the rest of the plot stay as drawn. */
static void
test_bands (Fixture       *f,
            gconstpointer  data)
{
  PsEmptyBand band = { T0 - 5 * HOUR_MS, T0 + 6 * HOUR_MS,
                       "Binance keeps 30 days of open-interest history" };
  PsColor tint = over (&(PsColor) { f->style.grid.red, f->style.grid.green, f->style.grid.blue,
                                    f->style.grid.alpha * 0.6 }, &f->style.background);
  double x_mid;

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  paint_magenta (f);
  ps_render_empty_bands (f->cr, &f->rect, f->axis, &band, 1, &f->style);
  save_if_asked (f->surface, "empty-bands");

  x_mid = f->plot.x + ps_time_axis_to_x (f->axis, T0 + 6 * HOUR_MS, f->plot.width);
  /* The tint from the plot's left to the band's end, under the header. */
  assert_rgb (f->surface, 3, 60, &tint);
  assert_rgb (f->surface, x_mid - 5, 390, &tint);
  /* Its words, in the middle of it. */
  g_assert_cmpuint (count_ink (f->surface, &(PsRect) { 10, 170, x_mid - 20, 60 }, &tint), >, 50);
  /* The header, the rest of the plot and the gutter: untouched. */
  g_assert_cmpuint (pixel_at (f->surface, 100, 5), ==, 0xff00ff);
  g_assert_cmpuint (pixel_at (f->surface, x_mid + 5, 200), ==, 0xff00ff);
  g_assert_cmpuint (pixel_at (f->surface, f->plot.x + f->plot.width + 5, 200), ==, 0xff00ff);

  /* Out of view: nothing. */
  paint_magenta (f);
  band.from_ms = T0 - 9 * HOUR_MS;
  band.to_ms = T0 - HOUR_MS;
  ps_render_empty_bands (f->cr, &f->rect, f->axis, &band, 1, &f->style);
  g_assert_cmpuint (count_ink (f->surface, &f->rect, &(PsColor) { 1, 0, 1, 1 }), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/chart/empty/labels", test_labels);
  g_test_add ("/perpscope/chart/empty/bands", Fixture, NULL, fixture_set_up, test_bands,
              fixture_tear_down);
  g_test_add ("/perpscope/chart/empty/narrow-band", Fixture, NULL, fixture_set_up,
              test_narrow_band, fixture_tear_down);

  return g_test_run ();
}
