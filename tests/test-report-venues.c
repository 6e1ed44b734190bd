/* test-report-venues.c: a report of all venues draws them as the window
 * does: open interest stacked by venue, funding compared by venue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "ps-render.h"
#include "ps-report.h"
#include "ps-test-util.h"

#define T0     G_GINT64_CONSTANT (1762128000000)   /* 2025-11-03 UTC */
#define HOUR   ((gint64) 3600 * 1000)
#define N      (7 * 24)

typedef struct
{
  PsCandles      *candles;
  PsOpenInterest *sum;
  PsOpenInterest *parts[2];
  PsFunding      *funding[2];
  PsVenueSeries   venues[2];
  PsReport        report;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char * const keys[] = { "binance", "okx" };
  static const char * const names[] = { "Binance", "OKX" };
  static const double usd[] = { 6e9, 3e9 };
  static const double rates[] = { 0.0001, -0.0002 };

  f->candles = ps_candles_new (N / 4);
  for (guint i = 0; i < N / 4; i++)
    ps_candles_append (f->candles, T0 + i * 4 * HOUR, 100000, 100500, 99500, 100000, 10, NAN);
  f->sum = ps_open_interest_new (N);
  for (guint k = 0; k < N; k++)
    ps_open_interest_append (f->sum, T0 + k * HOUR, NAN, usd[0] + usd[1]);
  for (guint v = 0; v < 2; v++)
    {
      f->parts[v] = ps_open_interest_new (N);
      f->funding[v] = ps_funding_new (N / 8);
      for (guint k = 0; k < N; k++)
        ps_open_interest_append (f->parts[v], T0 + k * HOUR, NAN, usd[v]);
      for (guint k = 0; k < N / 8; k++)
        ps_funding_append (f->funding[v], T0 + k * 8 * HOUR, rates[v], NAN);
      f->venues[v] = (PsVenueSeries) { keys[v], names[v], f->parts[v], f->funding[v] };
    }
  f->report = (PsReport) {
    .venue_name = "All venues",
    .symbol = "BTC",
    .interval = PS_INTERVAL_1H,
    .from_ms = T0,
    .to_ms = T0 + N * HOUR,
    .candles = f->candles,
    .funding = f->funding[0],
    .open_interest = f->sum,
    .venues = f->venues,
    .n_venues = 2,
    .oi_by_venue = TRUE,
    .funding_by_venue = TRUE,
  };
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->candles, ps_candles_unref);
  g_clear_pointer (&f->sum, ps_open_interest_unref);
  for (guint v = 0; v < 2; v++)
    {
      g_clear_pointer (&f->parts[v], ps_open_interest_unref);
      g_clear_pointer (&f->funding[v], ps_funding_unref);
    }
}

/* Pixels within tolerance of colour. */
static guint
count_near (cairo_surface_t *surface,
            const PsColor   *color,
            int              tolerance)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int rgb[3] = { lround (color->red * 255), lround (color->green * 255),
                 lround (color->blue * 255) };
  const guchar *data;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 px = *(const guint32 *) (gconstpointer) (data + y * stride + 4 * x);

        n += abs ((int) ((px >> 16) & 0xff) - rgb[0]) <= tolerance &&
             abs ((int) ((px >> 8) & 0xff) - rgb[1]) <= tolerance &&
             abs ((int) (px & 0xff) - rgb[2]) <= tolerance;
      }
  return n;
}

static cairo_surface_t *
draw (const PsReport *report)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1000, 700);
  cairo_t *cr = cairo_create (surface);

  ps_report_draw (report, cr, 1000, 700);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

/* A venue's band: its colour at the band's opacity over the background. */
static PsColor
band_of (const PsChartStyle *style,
         const char         *venue)
{
  const PsColor *color = ps_chart_style_venue_color (style, venue);
  double a = 0.72;

  return (PsColor) { color->red * a + style->background.red * (1 - a),
                     color->green * a + style->background.green * (1 - a),
                     color->blue * a + style->background.blue * (1 - a), 1 };
}

static void
test_stacked (Fixture       *f,
              gconstpointer  data)
{
  PsChartStyle style;
  PsColor binance, okx;
  cairo_surface_t *surface;
  guint okx_lines, green;

  ps_chart_style_init_light (&style);
  binance = band_of (&style, "binance");
  okx = band_of (&style, "okx");

  /* Stacked and compared: both bands fill the OI pane, both lines cross
   * the funding pane. */
  surface = draw (&f->report);
  if (g_getenv ("PS_TEST_PNG_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("PS_TEST_PNG_DIR"), "report-venues.png",
                                                NULL);
      cairo_surface_write_to_png (surface, path);
    }
  g_assert_cmpuint (count_near (surface, &binance, 2), >, 10000);
  g_assert_cmpuint (count_near (surface, &okx, 2), >, 5000);
  okx_lines = count_near (surface, ps_chart_style_venue_color (&style, "okx"), 2);
  green = count_near (surface, &style.funding_positive, 2);   /* the candles' */
  cairo_surface_destroy (surface);

  /* Funding not compared: OKX's line goes, its band's top edge stays. */
  f->report.funding_by_venue = FALSE;
  surface = draw (&f->report);
  g_assert_cmpuint (count_near (surface, &okx, 2), >, 5000);
  g_assert_cmpuint (count_near (surface, ps_chart_style_venue_color (&style, "okx"), 2) + 500, <,
                    okx_lines);
  cairo_surface_destroy (surface);

  /* Asked for neither: the sum's line and the mean's bars, no venue's band. */
  f->report.oi_by_venue = f->report.funding_by_venue = FALSE;
  surface = draw (&f->report);

  g_assert_cmpuint (count_near (surface, &binance, 2), ==, 0);
  g_assert_cmpuint (count_near (surface, &okx, 2), ==, 0);
  g_assert_cmpuint (count_near (surface, &style.funding_positive, 2), >, green + 1000);
  cairo_surface_destroy (surface);

  /* In coins, venues count in units of their own: the sum's line again. */
  f->report.oi_by_venue = TRUE;
  f->report.oi_unit = PS_OI_UNIT_COIN;
  surface = draw (&f->report);
  g_assert_cmpuint (count_near (surface, &binance, 2), ==, 0);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add ("/perpscope/export/report-venues/stacked", Fixture, NULL, fixture_set_up,
              test_stacked, fixture_tear_down);

  return g_test_run ();
}
