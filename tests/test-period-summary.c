/* test-period-summary.c: the numbers of a period, range and price band, by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-period-summary.h"
#include "ps-test-util.h"

#define H  ((gint64) 3600 * 1000)
#define T0 G_GINT64_CONSTANT (1764547200000)   /* 2025-12-01 00:00 UTC */

/* 24 hourly candles: open 100 + i, high 102 + i, low 99 + i, close 101 + i,
 * volume 10 + i; funding every 8 h from T0; OI hourly, 1000 + 10·i USD, to
 * T0 + 24 h; a few liquidations; nothing recorded over [12 h, 18 h). */
static PsMarketSnapshot *
make_snapshot (void)
{
  g_autoptr(PsCandles) c = ps_candles_new (24);
  g_autoptr(PsFunding) f = ps_funding_new (4);
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (25);
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (5);
  g_autoptr(GArray) nr = g_array_new (FALSE, FALSE, sizeof (PsRange));
  PsRange gap = { T0 + 12 * H, T0 + 18 * H };

  for (int i = 0; i < 24; i++)
    ps_candles_append (c, T0 + i * H, 100 + i, 102 + i, 99 + i, 101 + i, 10 + i, NAN);
  ps_funding_append (f, T0, 0.0002, NAN);
  ps_funding_append (f, T0 + 8 * H, 0.0001, NAN);
  ps_funding_append (f, T0 + 16 * H, 0.0003, NAN);
  ps_funding_append (f, T0 + 24 * H, -0.0002, NAN);
  for (int i = 0; i <= 24; i++)
    ps_open_interest_append (oi, T0 + i * H, 10 + i, 1000 + 10 * i);
  ps_liquidations_append (liq, T0 + 2 * H + 1000, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          101, NAN, 50, 5000);
  ps_liquidations_append (liq, T0 + 2 * H + 300000, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE,
                          103, 103.5, 20, 2000);
  ps_liquidations_append (liq, T0 + 9 * H, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE, 108, 107.9, 9, 1000);
  ps_liquidations_append (liq, T0 + 9 * H + 60000, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          108, 108, 1, NAN);   /* no USD: counts nowhere */
  ps_liquidations_append (liq, T0 + 20 * H, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE, 121, NAN, 6, 700);
  g_array_append_val (nr, gap);

  return ps_market_snapshot_new ("binance", "BTCUSDT", PS_INTERVAL_1H, T0, T0 + 24 * H,
                                 c, NULL, f, oi, liq, nr);
}

/* A candle: its own numbers, the settlement whose period holds it. */
static void
test_candle (void)
{
  g_autoptr(PsMarketSnapshot) snap = make_snapshot ();
  PsPeriodSummary s;

  ps_period_summary_init (&s, snap, NULL, T0 + 2 * H, T0 + 3 * H);
  g_assert_cmpuint (s.n_candles, ==, 1);
  g_assert_cmpfloat (s.open, ==, 102);
  g_assert_cmpfloat (s.high, ==, 104);
  g_assert_cmpfloat (s.low, ==, 101);
  g_assert_cmpfloat (s.close, ==, 103);
  g_assert_cmpfloat_with_epsilon (s.change_pct, (103.0 / 102.0 - 1) * 100, 1e-9);
  g_assert_cmpfloat (s.volume, ==, 12);

  g_assert_cmpfloat (s.oi_start_usd, ==, 1020);
  g_assert_cmpfloat (s.oi_end_usd, ==, 1030);
  g_assert_cmpfloat (s.oi_delta_usd, ==, 10);
  g_assert_cmpfloat_with_epsilon (s.oi_delta_pct, 10.0 / 1020 * 100, 1e-9);

  /* 02:00–03:00 is inside the period 00:00–08:00, settled at 08:00. */
  g_assert_cmpuint (s.n_funding, ==, 1);
  g_assert_cmpint (s.funding_spacing_ms, ==, 8 * H);
  g_assert_cmpfloat (s.funding_sum, ==, 0.0001);
  g_assert_cmpfloat (s.funding_mean, ==, 0.0001);
  g_assert_cmpfloat_with_epsilon (s.funding_annual, 0.0001 * 3 * 365, 1e-12);

  g_assert_cmpint (s.recorded.recording, ==, PS_RECORDING_FULL);
  g_assert_cmpfloat (s.recorded.long_usd, ==, 5000);
  g_assert_cmpuint (s.recorded.n_long, ==, 1);
  g_assert_cmpfloat (s.recorded.short_usd, ==, 2000);
  g_assert_cmpuint (s.recorded.n_short, ==, 1);

  /* No analysis: unknown, not zero. */
  g_assert_true (isnan (s.predicted_long_usd));
  g_assert_cmpint (s.phase, ==, PS_PHASE_NONE);
  g_assert_null (s.phase_reasons);
  ps_period_summary_clear (&s);
}

/* A funding bar's settlement period: the 8 h before it. */
static void
test_settlement_period (void)
{
  g_autoptr(PsMarketSnapshot) snap = make_snapshot ();
  PsPeriodSummary s;
  gint64 from, to;

  ps_funding_settlement_period (snap->funding, 2, &from, &to);
  g_assert_cmpint (from, ==, T0 + 8 * H);
  g_assert_cmpint (to, ==, T0 + 16 * H);

  ps_period_summary_init (&s, snap, NULL, from, to);
  g_assert_cmpuint (s.n_candles, ==, 8);
  g_assert_cmpfloat (s.open, ==, 108);
  g_assert_cmpfloat (s.close, ==, 116);
  g_assert_cmpfloat (s.high, ==, 117);
  g_assert_cmpfloat (s.low, ==, 107);
  g_assert_cmpfloat (s.volume, ==, 18 + 19 + 20 + 21 + 22 + 23 + 24 + 25);
  g_assert_cmpfloat (s.oi_start_usd, ==, 1080);
  g_assert_cmpfloat (s.oi_end_usd, ==, 1160);
  g_assert_cmpfloat (s.oi_delta_usd, ==, 80);
  /* Its own settlement, not the neighbours. */
  g_assert_cmpuint (s.n_funding, ==, 1);
  g_assert_cmpfloat (s.funding_sum, ==, 0.0003);
  /* 12:00–16:00 was not recorded: what was seen is a lower bound. */
  g_assert_cmpint (s.recorded.recording, ==, PS_RECORDING_PARTIAL);
  g_assert_cmpfloat (s.recorded.long_usd, ==, 1000);
  g_assert_cmpuint (s.recorded.n_long, ==, 1);
  g_assert_cmpuint (s.recorded.n_short, ==, 0);
  ps_period_summary_clear (&s);
}

static void
test_range (void)
{
  g_autoptr(PsMarketSnapshot) snap = make_snapshot ();
  PsPeriodSummary s;

  /* 10:00–20:00 meets the periods settled at 16:00 and 24:00. */
  ps_period_summary_init (&s, snap, NULL, T0 + 10 * H, T0 + 20 * H);
  g_assert_cmpuint (s.n_candles, ==, 10);
  g_assert_cmpuint (s.n_funding, ==, 2);
  g_assert_cmpfloat_with_epsilon (s.funding_sum, 0.0001, 1e-15);
  g_assert_cmpfloat_with_epsilon (s.funding_mean, 0.00005, 1e-15);
  g_assert_cmpfloat_with_epsilon (s.funding_annual, 0.00005 * 3 * 365, 1e-12);
  ps_period_summary_clear (&s);

  /* Inside the stretch not recorded, nothing seen: not recorded, not zero. */
  ps_period_summary_init (&s, snap, NULL, T0 + 12 * H, T0 + 18 * H);
  g_assert_cmpint (s.recorded.recording, ==, PS_RECORDING_NONE);
  ps_period_summary_clear (&s);

  /* Past the candles, one OI sample for both ends: no change measured. */
  ps_period_summary_init (&s, snap, NULL, T0 + 24 * H, T0 + 25 * H);
  g_assert_cmpuint (s.n_candles, ==, 0);
  g_assert_true (isnan (s.open));
  g_assert_cmpfloat (s.oi_start_usd, ==, 1240);
  g_assert_cmpfloat (s.oi_end_usd, ==, 1240);
  g_assert_true (isnan (s.oi_delta_usd));
  ps_period_summary_clear (&s);
}

/* Liquidations by price, at the fill price where there is one. */
static void
test_band (void)
{
  g_autoptr(PsMarketSnapshot) snap = make_snapshot ();
  PsBandSummary b;

  ps_band_summary_init (&b, snap, 100, 104, T0, T0 + 2 * H);
  g_assert_cmpuint (b.in_view.n_long + b.in_view.n_short, ==, 0);
  g_assert_cmpint (b.in_view.recording, ==, PS_RECORDING_FULL);
  g_assert_cmpuint (b.in_range.n_long, ==, 1);
  g_assert_cmpfloat (b.in_range.long_usd, ==, 5000);
  g_assert_cmpuint (b.in_range.n_short, ==, 1);
  g_assert_cmpfloat (b.in_range.short_usd, ==, 2000);
  g_assert_cmpint (b.in_range.recording, ==, PS_RECORDING_PARTIAL);

  /* [103.5, 108): the short filled at 103.5 and the long at 107.9, not
   * the long ordered at 108. */
  ps_band_summary_init (&b, snap, 103.5, 108, T0, T0 + 24 * H);
  g_assert_cmpuint (b.in_view.n_short, ==, 1);
  g_assert_cmpuint (b.in_view.n_long, ==, 1);
  g_assert_cmpfloat (b.in_view.long_usd, ==, 1000);
}

/* With an analysis: the model's predictions summed over the span's candles,
 * the phase of its last candle. */
static void
test_analysis (void)
{
  g_autoptr(PsMarketSnapshot) snap = make_snapshot ();
  g_autoptr(PsAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  PsAnalysisParams params;
  PsAnalysisInput input = { snap->candles, NULL, snap->open_interest, snap->funding,
                            snap->liquidations, snap->not_recorded };
  PsHeatmap *heatmap;
  const PsPhasePeriod *period;
  PsPeriodSummary s;
  double want_long = 0, want_short = 0;

  ps_analysis_params_init (&params);
  analysis = ps_analysis_run (&params, &input, NULL, NULL, &error);
  g_assert_no_error (error);
  heatmap = ps_analysis_get_heatmap (analysis, PS_HEATMAP_MODEL);
  g_assert_nonnull (heatmap);
  g_assert_cmpuint (ps_heatmap_get_n_candles (heatmap), ==, 24);
  for (guint i = 4; i < 12; i++)
    {
      want_long += ps_heatmap_get_predicted (heatmap, PS_LIQ_LONG)[i];
      want_short += ps_heatmap_get_predicted (heatmap, PS_LIQ_SHORT)[i];
    }

  ps_period_summary_init (&s, snap, analysis, T0 + 4 * H, T0 + 12 * H);
  g_assert_cmpfloat_with_epsilon (s.predicted_long_usd, want_long, 1e-6);
  g_assert_cmpfloat_with_epsilon (s.predicted_short_usd, want_short, 1e-6);
  period = ps_treadmill_lookup (ps_analysis_get_treadmill (analysis), T0 + 11 * H);
  g_assert_cmpint (s.phase, ==, period ? period->phase : PS_PHASE_NONE);
  g_assert_true ((s.phase == PS_PHASE_NONE) == (s.phase_reasons == NULL));
  ps_period_summary_clear (&s);
}

/* Binance stamps settlements a few ms late: a settlement period still
 * holds its own settlement alone, a candle the one whose period holds it. */
static void
test_late_settlements (void)
{
  g_autoptr(PsFunding) f = ps_funding_new (5);
  g_autoptr(PsMarketSnapshot) snap = NULL;
  PsPeriodSummary s;
  gint64 from, to;

  ps_funding_append (f, T0 + 4, 0.0001, NAN);
  ps_funding_append (f, T0 + 8 * H + 2, 0.0002, NAN);
  ps_funding_append (f, T0 + 16 * H, 0.0003, NAN);
  ps_funding_append (f, T0 + 24 * H + 7, 0.0004, NAN);
  ps_funding_append (f, T0 + 32 * H + 1, 0.0005, NAN);
  snap = ps_market_snapshot_new ("binance", "BTCUSDT", PS_INTERVAL_1H, T0, T0 + 32 * H,
                                 NULL, NULL, f, NULL, NULL, NULL);

  for (guint i = 1; i < f->n; i++)
    {
      ps_funding_settlement_period (f, i, &from, &to);
      g_assert_cmpint (to - from, ==, 8 * H);
      ps_period_summary_init (&s, snap, NULL, from, to);
      g_assert_cmpuint (s.n_funding, ==, 1);
      g_assert_cmpfloat (s.funding_sum, ==, f->rate[i]);
      ps_period_summary_clear (&s);
    }

  /* The last hour before 16:00 is in the period settled at 16:00. */
  ps_period_summary_init (&s, snap, NULL, T0 + 15 * H, T0 + 16 * H);
  g_assert_cmpuint (s.n_funding, ==, 1);
  g_assert_cmpfloat (s.funding_sum, ==, 0.0003);
  ps_period_summary_clear (&s);
  /* The first hour after it, in the next. */
  ps_period_summary_init (&s, snap, NULL, T0 + 16 * H, T0 + 17 * H);
  g_assert_cmpuint (s.n_funding, ==, 1);
  g_assert_cmpfloat (s.funding_sum, ==, 0.0004);
  ps_period_summary_clear (&s);
}

static void
test_spacing (void)
{
  /* One gap of a day among 8-hourly rows: the median ignores it. */
  gint64 t[] = { 0, 8 * H, 16 * H, 40 * H, 48 * H, 56 * H };

  g_assert_cmpint (ps_series_spacing_near (t, G_N_ELEMENTS (t), 20 * H, 1), ==, 8 * H);
  g_assert_cmpint (ps_series_spacing_near (t, 1, 0, 12345), ==, 12345);
  g_assert_cmpint (ps_series_spacing_near (NULL, 0, 0, 12345), ==, 12345);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/model/period-summary/candle", test_candle);
  g_test_add_func ("/perpscope/model/period-summary/settlement-period", test_settlement_period);
  g_test_add_func ("/perpscope/model/period-summary/range", test_range);
  g_test_add_func ("/perpscope/model/period-summary/band", test_band);
  g_test_add_func ("/perpscope/model/period-summary/analysis", test_analysis);
  g_test_add_func ("/perpscope/model/period-summary/late-settlements", test_late_settlements);
  g_test_add_func ("/perpscope/model/period-summary/spacing", test_spacing);

  return g_test_run ();
}
