/* test-report-palette.c: a report in the colour-blind-safe palette draws
 * up and down in blue and orange, as the window does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-render.h"
#include "ps-report.h"
#include "ps-test-pixels.h"
#include "ps-test-util.h"

#define N 60

/* Pixels of exactly color (within rounding) anywhere in the image. */
static guint
count_everywhere (cairo_surface_t *surface,
                  const PsColor   *color)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      n += same_rgb (pixel_at (surface, x, y), rgb_of (color));
  return n;
}

static cairo_surface_t *
draw_report (PsReport  *report,
             PsPalette  palette)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1200, 800);
  cairo_t *cr = cairo_create (surface);

  report->palette = palette;
  ps_report_draw (report, cr, 1200, 800);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  save_if_asked (surface, palette == PS_PALETTE_STANDARD ? "report-standard"
                                                         : "report-colour-blind");
  return surface;
}

static void
test_report_palette (void)
{
  g_autoptr(PsCandles) candles = ps_candles_new (N);
  g_autoptr(PsFunding) funding = ps_funding_new (N);
  PsReport report = { 0 };
  PsChartStyle standard, safe;
  cairo_surface_t *plain, *colour_blind;

  /* Hourly candles, up and down by turns; funding paid by longs, then shorts. */
  for (guint i = 0; i < N; i++)
    {
      double base = 100000 + 300 * sin (i / 5.0);

      if (i % 2 == 0)
        ps_candles_append (candles, T0 + i * HOUR_MS, base, base + 400, base - 100, base + 300,
                           10, 6);
      else
        ps_candles_append (candles, T0 + i * HOUR_MS, base + 300, base + 400, base - 100, base,
                           10, 4);
      if (i % 8 == 0)
        ps_funding_append (funding, T0 + i * HOUR_MS, i < N / 2 ? 0.0001 : -0.0001, base);
    }
  report.venue_name = "Binance";
  report.symbol = "BTCUSDT";
  report.interval = PS_INTERVAL_1H;
  report.from_ms = T0;
  report.to_ms = T0 + N * HOUR_MS;
  report.candles = candles;
  report.funding = funding;

  ps_chart_style_init (&standard, FALSE, PS_PALETTE_STANDARD);
  ps_chart_style_init (&safe, FALSE, PS_PALETTE_COLOUR_BLIND);
  plain = draw_report (&report, PS_PALETTE_STANDARD);
  colour_blind = draw_report (&report, PS_PALETTE_COLOUR_BLIND);

  g_test_message ("standard: %u up, %u down; colour-blind: %u up, %u down",
                  count_everywhere (plain, &standard.up), count_everywhere (plain, &standard.down),
                  count_everywhere (colour_blind, &safe.up),
                  count_everywhere (colour_blind, &safe.down));
  /* Green and red candles and funding bars, none blue or orange… */
  g_assert_cmpuint (count_everywhere (plain, &standard.up), >, 500);
  g_assert_cmpuint (count_everywhere (plain, &standard.down), >, 500);
  g_assert_cmpuint (count_everywhere (plain, &safe.up), <, 20);
  g_assert_cmpuint (count_everywhere (plain, &safe.down), <, 20);
  /* … and the other way round. */
  g_assert_cmpuint (count_everywhere (colour_blind, &safe.up), >, 500);
  g_assert_cmpuint (count_everywhere (colour_blind, &safe.down), >, 500);
  g_assert_cmpuint (count_everywhere (colour_blind, &standard.up), <, 20);
  g_assert_cmpuint (count_everywhere (colour_blind, &standard.down), <, 20);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (colour_blind);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/export/report/palette", test_report_palette);

  return g_test_run ();
}
