/* test-render-crosshair.c: the crosshair's lookups, headers and drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-levels.h"
#include "ps-render.h"
#include "ps-test-pixels.h"
#include "ps-test-util.h"

/* Lookups --------------------------------------------------------------------- */

/* Hourly candles at T0 + i h for i in 0..5 but 3. */
static PsCandles *
make_candles (void)
{
  PsCandles *candles = ps_candles_new (6);

  for (guint i = 0; i < 6; i++)
    if (i != 3)
      ps_candles_append (candles, T0 + i * HOUR_MS, 100 + i, 110 + i, 90 + i,
                         i % 2 ? 95 + i : 105 + i, 1, NAN);
  return candles;
}

static void
test_candle_at (void)
{
  g_autoptr(PsCandles) candles = make_candles ();

  g_assert_cmpint (ps_render_candle_at (candles, PS_INTERVAL_1H, T0), ==, 0);
  g_assert_cmpint (ps_render_candle_at (candles, PS_INTERVAL_1H, T0 + HOUR_MS - 1), ==, 0);
  g_assert_cmpint (ps_render_candle_at (candles, PS_INTERVAL_1H, T0 + 2 * HOUR_MS + 5), ==, 2);
  /* The missing candle stays missing: its neighbour does not stand in. */
  g_assert_cmpint (ps_render_candle_at (candles, PS_INTERVAL_1H, T0 + 3 * HOUR_MS + 5), ==, -1);
  g_assert_cmpint (ps_render_candle_at (candles, PS_INTERVAL_1H, T0 + 4 * HOUR_MS), ==, 3);
  g_assert_cmpint (ps_render_candle_at (candles, PS_INTERVAL_1H, T0 - 1), ==, -1);
  g_assert_cmpint (ps_render_candle_at (candles, PS_INTERVAL_1H, T0 + 6 * HOUR_MS), ==, -1);
  g_assert_cmpint (ps_render_candle_at (candles, PS_INTERVAL_1H, G_MININT64), ==, -1);
  g_assert_cmpint (ps_render_candle_at (NULL, PS_INTERVAL_1H, T0), ==, -1);
}

static void
test_open_interest_at (void)
{
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);

  /* Every 5 min for an hour, then nothing for 3 h (a gap), then one hour more. */
  for (guint i = 0; i < 12; i++)
    ps_open_interest_append (oi, T0 + i * 5 * MINUTE_MS, NAN, 8e9 + i);
  for (guint i = 0; i < 12; i++)
    ps_open_interest_append (oi, T0 + 4 * HOUR_MS + i * 5 * MINUTE_MS, NAN, 9e9 + i);

  g_assert_cmpint (ps_render_open_interest_at (oi, T0 - 1), ==, -1);
  g_assert_cmpint (ps_render_open_interest_at (oi, T0), ==, 0);
  g_assert_cmpint (ps_render_open_interest_at (oi, T0 + 7 * MINUTE_MS), ==, 1);
  g_assert_cmpint (ps_render_open_interest_at (oi, T0 + 55 * MINUTE_MS + 6 * MINUTE_MS), ==, 11);
  /* Inside the gap the line breaks: no value, not the last before it. */
  g_assert_cmpint (ps_render_open_interest_at (oi, T0 + 2 * HOUR_MS), ==, -1);
  g_assert_cmpint (ps_render_open_interest_at (oi, T0 + 4 * HOUR_MS + 1), ==, 12);
  /* Past the end (the rest still loading): no value, not a stale one. */
  g_assert_cmpint (ps_render_open_interest_at (oi, T0 + 5 * HOUR_MS - 1), ==, 23);
  g_assert_cmpint (ps_render_open_interest_at (oi, T0 + 6 * HOUR_MS), ==, -1);
  g_assert_cmpint (ps_render_open_interest_at (NULL, T0), ==, -1);
}

static void
test_funding_at (void)
{
  g_autoptr(PsFunding) funding = ps_funding_new (0);

  for (guint i = 0; i < 6; i++)
    ps_funding_append (funding, T0 + i * 8 * HOUR_MS, 0.0001 * (i + 1), NAN);

  /* The settlement whose bar is under the pointer: the nearest. */
  g_assert_cmpint (ps_render_funding_at (funding, T0 + 8 * HOUR_MS), ==, 1);
  g_assert_cmpint (ps_render_funding_at (funding, T0 + 8 * HOUR_MS + 3 * HOUR_MS), ==, 1);
  g_assert_cmpint (ps_render_funding_at (funding, T0 + 8 * HOUR_MS - 3 * HOUR_MS), ==, 1);
  g_assert_cmpint (ps_render_funding_at (funding, T0 + 8 * HOUR_MS + 5 * HOUR_MS), ==, 2);
  g_assert_cmpint (ps_render_funding_at (funding, T0 - 3 * HOUR_MS), ==, 0);
  /* Beyond half a period from any: none. */
  g_assert_cmpint (ps_render_funding_at (funding, T0 - 5 * HOUR_MS), ==, -1);
  g_assert_cmpint (ps_render_funding_at (funding, T0 + 45 * HOUR_MS), ==, -1);
}

static char *
header_text (const PsCrosshairHeader *header)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < header->n_parts; i++)
    g_string_append (s, header->parts[i].text);
  return g_string_free (s, FALSE);
}

static void
test_headers (void)
{
  g_autoptr(PsCandles) candles = make_candles ();
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  g_autoptr(PsFunding) funding = ps_funding_new (0);
  g_autoptr(PsLiquidations) events = ps_liquidations_new (0);
  PsRecordedLiquidations liq = { events, NULL, 0 };
  PsRecordedLiquidations demo = { NULL, NULL, 0 };
  PsTimeSpan off = { T0 + 2 * HOUR_MS, T0 + 3 * HOUR_MS };
  PsRecordedLiquidations gap = { events, &off, 1 };
  PsCrosshairHeader header;
  PsChartStyle style;
  char *text;

  ps_chart_style_init_light (&style);

  g_assert_true (ps_crosshair_header_price (&header, candles, PS_INTERVAL_1H,
                                            T0 + HOUR_MS + 10, &style));
  text = header_text (&header);
  /* Candle 1: 101, 111, 91, 96: down, -4.95%. */
  g_assert_cmpstr (text, ==, "O 101.00  H 111.00  L 91.00  C 96.00  \xe2\x88\x92" "4.95%");
  g_free (text);
  g_assert_true (header.parts[1].color.red == style.down.red && !header.parts[1].dim);
  g_assert_true (header.parts[0].dim);
  /* The missing candle: a dash, not another candle's values. */
  g_assert_true (ps_crosshair_header_price (&header, candles, PS_INTERVAL_1H,
                                            T0 + 3 * HOUR_MS + 10, &style));
  text = header_text (&header);
  g_assert_cmpstr (text, ==, "\xe2\x80\x94");
  g_free (text);
  g_assert_false (ps_crosshair_header_price (&header, NULL, PS_INTERVAL_1H, T0, &style));

  ps_open_interest_append (oi, T0, NAN, 8.34e9);
  ps_open_interest_append (oi, T0 + HOUR_MS, NAN, 8.5e9);
  g_assert_true (ps_crosshair_header_open_interest (&header, oi, T0 + 10, &style));
  text = header_text (&header);
  g_assert_cmpstr (text, ==, "$8.34B");
  g_free (text);
  /* Hours after the last row: a dash, never the stale value. */
  g_assert_true (ps_crosshair_header_open_interest (&header, oi, T0 + 9 * HOUR_MS, &style));
  text = header_text (&header);
  g_assert_cmpstr (text, ==, "\xe2\x80\x94");
  g_free (text);

  ps_funding_append (funding, T0, -0.000075, NAN);
  ps_funding_append (funding, T0 + 8 * HOUR_MS, 0.0001, NAN);
  g_assert_true (ps_crosshair_header_funding (&header, funding, T0 + HOUR_MS, &style));
  text = header_text (&header);
  g_assert_cmpstr (text, ==, "\xe2\x88\x92" "0.0075%");
  g_free (text);
  g_assert_true (header.parts[0].color.red == style.funding_negative.red);
  /* Annualised (the pane's option): the settlement's rate, then a year's
   * (3 × 365 settlements, read from the spacing). */
  ps_funding_append (funding, T0 + 16 * HOUR_MS, 0.0001, NAN);
  ps_funding_append (funding, T0 + 24 * HOUR_MS, 0.0001, NAN);
  g_assert_true (ps_crosshair_header_funding_in (&header, funding, TRUE, T0 + 8 * HOUR_MS + 10,
                                                 &style));
  text = header_text (&header);
  g_assert_cmpstr (text, ==, "0.0100% (10.95% a year)");
  g_free (text);

  /* In coins, the contracts column: never the USD one beside a coin axis. */
  {
    PsOpenInterest coins;

    ps_open_interest_append (oi, T0 + 2 * HOUR_MS, 84200, 8.6e9);
    ps_open_interest_get_contracts_view (oi, &coins);
    g_assert_true (ps_crosshair_header_open_interest_in (&header, &coins, PS_CROSSHAIR_QUANTITY,
                                                         T0 + 2 * HOUR_MS + 10, &style));
    text = header_text (&header);
    g_assert_cmpstr (text, ==, "84.2K");
    g_free (text);
  }

  ps_liquidations_append (events, T0 + HOUR_MS + 5, PS_LIQ_LONG, 0, 100, 100, 1, 1.2e6);
  ps_liquidations_append (events, T0 + HOUR_MS + 9, PS_LIQ_SHORT, 0, 100, 100, 1, 310e3);
  g_assert_true (ps_crosshair_header_liquidations (&header, &liq, PS_INTERVAL_1H,
                                                   T0 + HOUR_MS + 30, &style));
  text = header_text (&header);
  g_assert_cmpstr (text, ==, "Longs $1.20M  Shorts $310K");
  g_free (text);
  g_assert_true (ps_crosshair_header_liquidations (&header, &gap, PS_INTERVAL_1H,
                                                   T0 + 2 * HOUR_MS + 30, &style));
  text = header_text (&header);
  g_assert_cmpstr (text, ==, "not recorded");
  g_free (text);
  /* Nothing recorded, nothing known as not recorded (the demo): no claim. */
  g_assert_false (ps_crosshair_header_liquidations (&header, &demo, PS_INTERVAL_1H,
                                                    T0 + HOUR_MS, &style));
}

/* The read-out never pairs its time with open interest of another: while
 * the market loads, the series may end days before the latest candle. */
static void
test_open_interest_readout (void)
{
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  char *text;

  g_assert_null (ps_render_open_interest_readout (oi, T0));
  for (guint i = 0; i < 24; i++)
    ps_open_interest_append (oi, T0 + i * HOUR_MS, NAN, 8e9 + i * 1e7);

  text = ps_render_open_interest_readout (oi, T0 + 5 * HOUR_MS + 10 * MINUTE_MS);
  g_assert_cmpstr (text, ==, "Open interest $8.05B");
  g_free (text);
  /* Two days on (the latest candle, OI still loading): a dash. */
  text = ps_render_open_interest_readout (oi, T0 + 48 * HOUR_MS);
  g_assert_cmpstr (text, ==, "Open interest \xe2\x80\x94");
  g_free (text);
}

/* Drawing ---------------------------------------------------------------------- */

/* The chips are the text's colour, made opaque. */
static PsColor
opaque (const PsColor *color)
{
  return (PsColor) { color->red, color->green, color->blue, 1 };
}

static guint
count_light (Fixture      *f,
             const PsRect *area)
{
  guint n = 0;

  for (double y = area->y; y < area->y + area->height; y++)
    for (double x = area->x; x < area->x + area->width; x++)
      n += ((pixel_at (f->surface, x, y) >> 8) & 0xff) > 0x80;
  return n;
}

/* Pixels of the OI line's blue, antialiased text included. */
static guint
count_bluish (Fixture      *f,
              const PsRect *area)
{
  guint n = 0;

  for (double y = area->y; y < area->y + area->height; y++)
    for (double x = area->x; x < area->x + area->width; x++)
      {
        guint32 px = pixel_at (f->surface, x, y);

        n += (int) (px & 0xff) - (int) (px >> 16) > 0x40;
      }
  return n;
}

static void
fill_white (Fixture *f)
{
  cairo_set_source_rgb (f->cr, 1, 1, 1);
  cairo_paint (f->cr);
}

/* The horizontal line runs across the plot at y, its value sits in a chip
 * on the value axis there; without a y (the pointer in another pane) only
 * the vertical line is drawn. */
static void
test_lines_and_chip (Fixture       *f,
                     gconstpointer  data)
{
  PsValueScale scale = { 100, 200, 50, 350 };
  PsCrosshair crosshair = { T0 + 3 * HOUR_MS, 200.3, &scale, PS_CROSSHAIR_PRICE, NULL, NULL };
  PsColor chip = opaque (&f->style.text);
  double x, gutter_x = f->plot.x + f->plot.width + 4;
  guint chip_px;

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  fill_white (f);
  ps_render_crosshair (f->cr, &f->rect, f->axis, &crosshair, &f->style);
  save_if_asked (f->surface, "crosshair");

  x = f->plot.x + floor (ps_time_axis_to_x (f->axis, T0 + 3 * HOUR_MS, f->plot.width));
  g_assert_cmpuint (pixel_at (f->surface, x, 100), !=, 0xffffff);
  /* The horizontal line at y, one pixel high, across the plot only. */
  g_assert_cmpuint (pixel_at (f->surface, 20, 200), !=, 0xffffff);
  g_assert_cmpuint (pixel_at (f->surface, 600, 200), !=, 0xffffff);
  g_assert_cmpuint (pixel_at (f->surface, 20, 199), ==, 0xffffff);
  g_assert_cmpuint (pixel_at (f->surface, 20, 201), ==, 0xffffff);
  /* The chip on the axis, centred on y, none elsewhere in the gutter. */
  assert_rgb (f->surface, gutter_x, 200 - 8, &chip);
  assert_rgb (f->surface, gutter_x, 200 + 8, &chip);
  g_assert_cmpuint (pixel_at (f->surface, gutter_x, 120), ==, 0xffffff);
  g_assert_cmpuint (pixel_at (f->surface, gutter_x, 300), ==, 0xffffff);
  chip_px = count_colour (f, &(PsRect) { f->plot.x + f->plot.width, 0, f->style.gutter, 400 },
                          &chip);
  g_assert_cmpuint (chip_px, >, 200);
  /* Its words, light on the dark chip, inside it. */
  g_assert_cmpuint (count_light (f, &(PsRect) { f->plot.x + f->plot.width + 2, 194,
                                                f->style.gutter - 3, 12 }), >, 10);

  /* The pointer on the title row: no line through the title, no chip. */
  fill_white (f);
  crosshair.y = 8;
  ps_render_crosshair (f->cr, &f->rect, f->axis, &crosshair, &f->style);
  g_assert_cmpuint (pixel_at (f->surface, 20, 8), ==, 0xffffff);
  g_assert_cmpuint (count_ink (f->surface, &(PsRect) { f->plot.x + f->plot.width, 0,
                                                       f->style.gutter, 400 },
                               &f->style.background), ==, 0);

  /* Another pane's pointer: the vertical line alone. */
  fill_white (f);
  crosshair.y = NAN;
  ps_render_crosshair (f->cr, &f->rect, f->axis, &crosshair, &f->style);
  g_assert_cmpuint (pixel_at (f->surface, x, 100), !=, 0xffffff);
  g_assert_cmpuint (count_ink (f->surface, &(PsRect) { 0, 0, x, 400 }, &f->style.background),
                    ==, 0);
  g_assert_cmpuint (count_ink (f->surface, &(PsRect) { f->plot.x + f->plot.width, 0,
                                                       f->style.gutter, 400 },
                               &f->style.background), ==, 0);
}

static void
test_chip_values (void)
{
  struct { char *got; const char *want; } cases[] = {
    { ps_render_crosshair_value (PS_CROSSHAIR_PRICE, 101234.56), "101,234.6" },
    { ps_render_crosshair_value (PS_CROSSHAIR_USD, 8.34e9), "$8.34B" },
    { ps_render_crosshair_value (PS_CROSSHAIR_USD_MAGNITUDE, -2.5e6), "$2.50M" },
    { ps_render_crosshair_value (PS_CROSSHAIR_PERCENT, 0.0001), "0.0100%" },
    { ps_render_crosshair_value (PS_CROSSHAIR_PERCENT_ANNUAL, 0.1095), "10.95%" },
    { ps_render_crosshair_value (PS_CROSSHAIR_QUANTITY, 84200), "84.2K" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (cases[i].got, ==, cases[i].want);
      g_free (cases[i].got);
    }
}

/* The header's value is covered and the hovered text drawn in its place,
 * after the title, in the parts' colours. */
static void
test_header_overlay (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  PsCrosshairHeader header;
  PsCrosshair crosshair = { T0 + 2 * HOUR_MS, NAN, NULL, PS_CROSSHAIR_USD,
                            "Open interest (USD)", &header };
  double header_h = 24;
  PsRect after_title = { 120, 0, 240, header_h };
  guint after;

  for (guint i = 0; i < 12; i++)
    ps_open_interest_append (oi, T0 + i * HOUR_MS, NAN, 8e9 + i * 1e8);
  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_render_open_interest (f->cr, &f->rect, f->axis, oi, "Open interest (USD)", &f->style);
  g_assert_true (ps_crosshair_header_open_interest (&header, oi, T0 + 2 * HOUR_MS, &f->style));
  ps_render_crosshair (f->cr, &f->rect, f->axis, &crosshair, &f->style);
  save_if_asked (f->surface, "crosshair-header");
  after = count_bluish (f, &after_title);
  /* "$8.20B" is still written in the line's colour, where "$9.10B" was. */
  g_assert_cmpuint (after, >, 5);

  /* An empty header covers the value text with the background. */
  header.n_parts = 0;
  ps_render_open_interest (f->cr, &f->rect, f->axis, oi, "Open interest (USD)", &f->style);
  ps_render_crosshair (f->cr, &f->rect, f->axis, &crosshair, &f->style);
  g_assert_cmpuint (count_bluish (f, &after_title), ==, 0);
}

/* The time under the pointer in a chip over the time labels. */
static void
test_time_chip (Fixture       *f,
                gconstpointer  data)
{
  PsRect strip = { 0, 370, 800, 30 };
  PsColor chip = opaque (&f->style.text);
  double x;

  ps_time_axis_set_range (f->axis, T0, T0 + 12 * HOUR_MS);
  ps_time_axis_set_utc (f->axis, TRUE);
  fill_white (f);
  ps_render_time_labels (f->cr, &strip, f->axis, &f->style);
  ps_render_time_chip (f->cr, &strip, f->axis, T0 + 6 * HOUR_MS + 30 * MINUTE_MS, &f->style);
  save_if_asked (f->surface, "crosshair-time");

  x = f->plot.x + floor (ps_time_axis_to_x (f->axis, T0 + 6 * HOUR_MS + 30 * MINUTE_MS,
                                            f->plot.width));
  assert_rgb (f->surface, x, 374, &chip);
  assert_rgb (f->surface, x - 60, 374, &chip);
  assert_rgb (f->surface, x + 60, 374, &chip);
  g_assert_false (same_rgb (pixel_at (f->surface, x - 150, 374), rgb_of (&chip)));
  /* Above the strip: untouched. */
  g_assert_cmpuint (pixel_at (f->surface, x, 360), ==, 0xffffff);

  /* At the left edge the chip stays whole inside the strip. */
  ps_render_time_chip (f->cr, &strip, f->axis, T0 + MINUTE_MS, &f->style);
  assert_rgb (f->surface, 0, 374, &chip);
  assert_rgb (f->surface, 100, 374, &chip);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/chart/crosshair/candle-at", test_candle_at);
  g_test_add_func ("/perpscope/chart/crosshair/open-interest-at", test_open_interest_at);
  g_test_add_func ("/perpscope/chart/crosshair/funding-at", test_funding_at);
  g_test_add_func ("/perpscope/chart/crosshair/headers", test_headers);
  g_test_add_func ("/perpscope/chart/crosshair/chip-values", test_chip_values);
  g_test_add_func ("/perpscope/chart/crosshair/open-interest-readout",
                   test_open_interest_readout);
#define ADD(path, func) \
  g_test_add ("/perpscope/chart/crosshair/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("lines-and-chip", test_lines_and_chip);
  ADD ("header-overlay", test_header_overlay);
  ADD ("time-chip", test_time_chip);
#undef ADD

  return g_test_run ();
}
