/* test-render-venues.c: an aggregate's venues drawn side by side: open
 * interest stacked by venue, funding compared by venue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-market-snapshot.h"
#include "ps-test-pixels.h"
#include "ps-test-util.h"

#define N_STEPS 24
#define GAP_STEP 12   /* OKX has no value there: the sum, and the stack, a gap */

/* A venue's constant part of the sum, missing at missing (G_MAXUINT: never). */
static PsOpenInterest *
part_of (double usd,
         guint  missing)
{
  PsOpenInterest *oi = ps_open_interest_new (N_STEPS);

  for (guint k = 0; k < N_STEPS; k++)
    ps_open_interest_append (oi, T0 + k * HOUR_MS, NAN, k == missing ? NAN : usd);
  return oi;
}

static double
step_x (Fixture *f,
        double   k)
{
  return f->plot.x + floor (ps_time_axis_to_x (f->axis, T0 + (gint64) (k * HOUR_MS),
                                               f->plot.width));
}

/* Binance $10B at the bottom, Bybit $5B over it, OKX $2B on top; BitMEX
 * with no value takes no part. Each band in its venue's colour at its
 * heights, nothing above the total, a gap where OKX is missing. */
static void
test_oi_stack (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PsOpenInterest) binance = part_of (10e9, G_MAXUINT);
  g_autoptr(PsOpenInterest) bybit = part_of (5e9, G_MAXUINT);
  g_autoptr(PsOpenInterest) okx = part_of (2e9, GAP_STEP);
  g_autoptr(PsOpenInterest) bitmex = part_of (NAN, G_MAXUINT);
  const PsVenueSeries venues[] = {
    { "binance", "Binance", binance, NULL },
    { "bybit", "Bybit", bybit, NULL },
    { "okx", "OKX", okx, NULL },
    { "bitmex", "BitMEX", bitmex, NULL },
  };
  const struct { const char *venue; double usd; } bands[] = {
    { "binance", 4.3e9 }, { "bybit", 12.7e9 }, { "okx", 15.7e9 },
  };
  g_autofree char *title = ps_render_open_interest_stack_title ();
  PsValueScale scale;

  ps_time_axis_set_range (f->axis, T0, T0 + N_STEPS * HOUR_MS);
  g_assert_true (ps_render_open_interest_stack_scale (&f->rect, f->axis, venues, 4, &f->style,
                                                      &scale));
  /* From zero to the total, $17B, and a little room. */
  g_assert_cmpfloat (scale.min, ==, 0);
  g_assert_cmpfloat (scale.max, >=, 17e9);
  g_assert_cmpfloat (scale.max, <, 19e9);

  ps_render_open_interest_stack (f->cr, &f->rect, f->axis, venues, 4, title, &f->style);
  save_if_asked (f->surface, "venues-oi-stack");

  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    {
      PsColor fill = { 0 };
      const PsColor *color = ps_chart_style_venue_color (&f->style, bands[b].venue);

      fill = *color;
      fill.alpha = 0.72;
      fill = over (&fill, &f->style.background);
      for (double k = 3.5; k < 10; k += 2)
        assert_rgb (f->surface, step_x (f, k), ps_value_scale_to_y (&scale, bands[b].usd), &fill);
    }
  /* Above the total: the background (grid lines aside). */
  g_assert_false (same_rgb (pixel_at (f->surface, step_x (f, 5.5),
                                      ps_value_scale_to_y (&scale, 17.6e9)),
                            rgb_of (ps_chart_style_venue_color (&f->style, "okx"))));
  /* The step OKX misses: no band at all around it, not a stack without OKX. */
  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    {
      PsColor fill = *ps_chart_style_venue_color (&f->style, bands[b].venue);

      fill.alpha = 0.72;
      fill = over (&fill, &f->style.background);
      g_assert_false (same_rgb (pixel_at (f->surface, step_x (f, GAP_STEP) + 0.5,
                                          ps_value_scale_to_y (&scale, bands[b].usd)),
                                rgb_of (&fill)));
    }
  /* BitMEX, not in the sum, has no colour in the plot. */
  g_assert_cmpuint (count_colour (f, &f->plot, ps_chart_style_venue_color (&f->style, "bitmex")),
                    ==, 0);
}

/* Nothing to stack: the pane says so with its title, no scale. */
static void
test_oi_stack_empty (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PsOpenInterest) none = part_of (NAN, G_MAXUINT);
  const PsVenueSeries venues[] = { { "binance", "Binance", none, NULL } };
  PsValueScale scale;

  ps_time_axis_set_range (f->axis, T0, T0 + N_STEPS * HOUR_MS);
  g_assert_false (ps_render_open_interest_stack_scale (&f->rect, f->axis, venues, 1, &f->style,
                                                       &scale));
  g_assert_false (ps_render_open_interest_stack_scale (&f->rect, f->axis, NULL, 0, &f->style,
                                                       &scale));
  ps_render_open_interest_stack (f->cr, &f->rect, f->axis, venues, 1, "OI", &f->style);
  ps_render_open_interest_stack (f->cr, &f->rect, f->axis, NULL, 0, "OI", &f->style);
  g_assert_cmpuint (count_colour (f, &f->plot, ps_chart_style_venue_color (&f->style, "binance")),
                    ==, 0);
}

static PsFunding *
funding_at (gint64 step_ms,
            guint  n,
            double rate)
{
  PsFunding *funding = ps_funding_new (n);

  for (guint i = 0; i < n; i++)
    ps_funding_append (funding, T0 + i * step_ms, rate, NAN);
  return funding;
}

/* Whether the pixels around (x, y) hold colour, a line's antialiased edge
 * blending it with the background. */
static gboolean
line_near (Fixture       *f,
           double         x,
           double         y,
           const PsColor *color)
{
  guint32 want = rgb_of (color);

  for (double dy = -1; dy <= 1; dy++)
    {
      guint32 px = pixel_at (f->surface, x, y + dy);
      gboolean close = TRUE;

      for (int shift = 0; shift < 24; shift += 8)
        close &= abs ((int) ((px >> shift) & 0xff) - (int) ((want >> shift) & 0xff)) <= 70;
      if (close)
        return TRUE;
    }
  return FALSE;
}

/* Binance at 0.01 % per 8 h, Hyperliquid hourly at 0.03 % per 8 h, Bybit
 * negative: each venue's line at its own rate, in its colour; annualised,
 * the same lines on a scale 1,095 times larger. */
static void
test_funding_compare (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PsFunding) binance = funding_at (8 * HOUR_MS, 12, 0.0001);
  g_autoptr(PsFunding) hyperliquid = funding_at (HOUR_MS, 96, 0.0003);
  g_autoptr(PsFunding) bybit = funding_at (8 * HOUR_MS, 12, -0.0002);
  const PsVenueSeries venues[] = {
    { "binance", "Binance", NULL, binance },
    { "bybit", "Bybit", NULL, bybit },
    { "hyperliquid", "Hyperliquid", NULL, hyperliquid },
    { "okx", "OKX", NULL, NULL },
  };
  const struct { const char *venue; double rate; } lines[] = {
    { "binance", 0.0001 }, { "bybit", -0.0002 }, { "hyperliquid", 0.0003 },
  };
  g_autofree char *title = ps_render_funding_compare_title (FALSE);
  g_autofree char *annual_title = ps_render_funding_compare_title (TRUE);
  PsValueScale scale, annual;

  g_assert_cmpstr (title, ==, "Funding by venue · per 8h");
  ps_time_axis_set_range (f->axis, T0, T0 + 96 * HOUR_MS);
  g_assert_true (ps_render_funding_compare_scale (&f->rect, f->axis, venues, 4, FALSE, &f->style,
                                                  &scale));
  g_assert_cmpfloat (scale.min, <, -0.0002);
  g_assert_cmpfloat (scale.max, >, 0.0003);

  ps_render_funding_compare (f->cr, &f->rect, f->axis, venues, 4, FALSE, title, &f->style);
  save_if_asked (f->surface, "venues-funding-compare");
  for (guint l = 0; l < G_N_ELEMENTS (lines); l++)
    for (double h = 12; h < 90; h += 9)
      g_assert_true (line_near (f, step_x (f, h), ps_value_scale_to_y (&scale, lines[l].rate),
                                ps_chart_style_venue_color (&f->style, lines[l].venue)));
  /* Not at another venue's rate. */
  g_assert_false (line_near (f, step_x (f, 30), ps_value_scale_to_y (&scale, 0.0001),
                             ps_chart_style_venue_color (&f->style, "hyperliquid")));

  g_assert_true (ps_render_funding_compare_scale (&f->rect, f->axis, venues, 4, TRUE, &f->style,
                                                  &annual));
  g_assert_cmpfloat_with_epsilon (annual.max, scale.max * 1095, 1e-9);
  g_assert_cmpfloat_with_epsilon (annual.min, scale.min * 1095, 1e-9);
  ps_render_funding_compare (f->cr, &f->rect, f->axis, venues, 4, TRUE, annual_title, &f->style);
  g_assert_true (line_near (f, step_x (f, 50), ps_value_scale_to_y (&annual, 0.0003 * 1095),
                            ps_chart_style_venue_color (&f->style, "hyperliquid")));
}

/* A venue keeps its colour whichever others are shown; unknown venues
 * share the last. */
static void
test_colours (void)
{
  PsChartStyle style;

  ps_chart_style_init_light (&style);
  g_assert_true (ps_chart_style_venue_color (&style, "binance") == &style.venue[0]);
  g_assert_true (ps_chart_style_venue_color (&style, "hyperliquid") == &style.venue[4]);
  g_assert_true (ps_chart_style_venue_color (&style, "mirror") == &style.venue[5]);
  for (guint i = 0; i < G_N_ELEMENTS (style.venue); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (style.venue); j++)
      g_assert_false (same_rgb (rgb_of (&style.venue[i]), rgb_of (&style.venue[j])));
}

/* An aggregate snapshot's parts as the panes and reports take them. */
static void
test_from_snapshot (void)
{
  g_autoptr(PsMarketSnapshot) one = ps_market_snapshot_new ("binance", "BTCUSDT", PS_INTERVAL_1H,
                                                            T0, T0 + HOUR_MS, NULL, NULL, NULL,
                                                            NULL, NULL, NULL);
  g_autoptr(PsMarketSnapshot) all = ps_market_snapshot_new ("all", "BTC", PS_INTERVAL_1H, T0,
                                                            T0 + HOUR_MS, NULL, NULL, NULL, NULL,
                                                            NULL, NULL);
  g_autoptr(GArray) venues = NULL;
  const PsVenueSeries *okx;

  g_assert_null (ps_venue_series_from_snapshot (one));

  all->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_market_snapshot_unref);
  all->parts_open_interest =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ps_open_interest_unref);
  all->parts_funding = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_funding_unref);
  g_ptr_array_add (all->parts, ps_market_snapshot_ref (one));
  g_ptr_array_add (all->parts, ps_market_snapshot_new ("okx", "BTC-USDT-SWAP", PS_INTERVAL_1H, T0,
                                                       T0 + HOUR_MS, NULL, NULL, NULL, NULL, NULL,
                                                       NULL));
  for (guint i = 0; i < 2; i++)
    {
      g_ptr_array_add (all->parts_open_interest, ps_open_interest_new (0));
      g_ptr_array_add (all->parts_funding, ps_funding_new (0));
    }
  g_free (((PsMarketSnapshot *) all->parts->pdata[1])->venue_name);
  ((PsMarketSnapshot *) all->parts->pdata[1])->venue_name = g_strdup ("OKX");

  venues = ps_venue_series_from_snapshot (all);
  g_assert_cmpuint (venues->len, ==, 2);
  okx = &g_array_index (venues, PsVenueSeries, 1);
  g_assert_cmpstr (okx->venue, ==, "okx");
  g_assert_cmpstr (okx->name, ==, "OKX");
  g_assert_true (okx->open_interest == all->parts_open_interest->pdata[1]);
  g_assert_true (okx->funding == all->parts_funding->pdata[1]);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/chart/render-venues/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("oi-stack", test_oi_stack);
  ADD ("oi-stack-empty", test_oi_stack_empty);
  ADD ("funding-compare", test_funding_compare);
#undef ADD
  g_test_add_func ("/perpscope/chart/render-venues/colours", test_colours);
  g_test_add_func ("/perpscope/chart/render-venues/from-snapshot", test_from_snapshot);

  return g_test_run ();
}
