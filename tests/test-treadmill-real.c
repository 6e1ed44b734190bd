/* test-treadmill-real.c: the treadmill phases on the real late-2025 data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * shared/data files 1–4 (copied into tests/data: 4h perp candles, 8h funding,
 * daily open interest, spot 5m cut to 11-19 → 11-29) must read flush on
 * 10 Oct and 21 Nov 2025 and reset after 21 Nov. Run with --verbose to see
 * every period with its reasons.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-series.h"
#include "ps-test-real-data.h"
#include "ps-test-treadmill.h"
#include "ps-test-util.h"
#include "ps-time.h"
#include "ps-treadmill.h"

#define HOUR_MS (G_GINT64_CONSTANT (3600000))

static gint64
utc (const char *text)
{
  gint64 t_ms = 0;

  g_assert_true (ps_time_parse (text, &t_ms));
  return t_ms;
}

static void
dump_periods (PsTreadmill *tm)
{
  const GArray *periods = ps_treadmill_get_periods (tm);

  for (guint k = 0; k < periods->len; k++)
    {
      const PsPhasePeriod *p = &g_array_index (periods, PsPhasePeriod, k);
      g_autofree char *from = ps_time_format_utc (p->from_ms);
      g_autofree char *to = ps_time_format_utc (p->to_ms);

      if (p->phase != PS_PHASE_NONE)
        g_test_message ("%s → %s %s\n%s", from, to, ps_phase_to_string (p->phase), p->reasons);
    }
  for (const char * const *note = ps_treadmill_get_notes (tm); *note; note++)
    g_test_message ("note: %s", *note);
}

static PsTreadmill *
compute_real (gboolean with_spot)
{
  g_autoptr(PsCandles) candles = load_candles ("binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv");
  g_autoptr(PsFunding) funding = load_funding ();
  g_autoptr(PsOpenInterest) oi = load_open_interest ();
  g_autoptr(PsCandles) spot = with_spot ? load_candles ("btcusdt_spot_5m_2025-11-19_29.csv") : NULL;
  PsTreadmillParams params;
  PsTreadmillInput input = { candles, oi, funding, NULL, NULL, spot };
  g_autoptr(GError) error = NULL;
  PsTreadmill *tm;

  g_assert_cmpuint (candles->n, ==, 641);
  ps_treadmill_params_init (&params);
  tm = ps_treadmill_compute (&params, &input, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tm);
  g_assert_cmpuint (ps_treadmill_get_n_candles (tm), ==, 641);
  return tm;
}

static void
test_real_dump (void)
{
  g_autoptr(PsTreadmill) tm = compute_real (TRUE);

  dump_periods (tm);
}

/* 10 Oct 2025: no open interest and no liquidations then, so the stand-in
 * speaks, and says so. */
static void
test_real_crash_oct10 (void)
{
  g_autoptr(PsTreadmill) tm = compute_real (FALSE);
  const PsPhasePeriod *period = ps_treadmill_lookup (tm, utc ("2025-10-10T20:00:00Z"));
  guint i = (utc ("2025-10-10T20:00:00Z") - utc ("2025-09-27T00:00:00Z")) / (4 * HOUR_MS);

  g_assert_nonnull (period);
  g_assert_cmpint (period->phase, ==, PS_PHASE_FLUSH);
  g_assert_cmpint (period->from_ms, <=, utc ("2025-10-10T20:00:00Z"));
  g_assert_cmpint (period->to_ms, ==, utc ("2025-10-11T00:00:00Z"));
  g_assert_cmpint (ps_treadmill_get_phases (tm)[i], ==, PS_PHASE_FLUSH);
  /* The period speaks with its strongest candle: 20:00, 217k BTC. */
  g_assert_nonnull (strstr (period->reasons, "Candle of 2025-10-10 20:00 UTC"));
  g_assert_nonnull (strstr (ps_treadmill_get_reasons (tm, i),
                            "Liquidations not recorded here; stand-in: volume 13× and range 16×"));
  g_assert_nonnull (strstr (ps_treadmill_get_reasons (tm, i), "Open interest not available"));
  g_assert_true (notes_have (tm, "No funding before 2025-10-06"));
  g_assert_true (notes_have (tm, "Liquidations not recorded"));
}

/* 21 Nov 2025: daily open interest (USD) fell 7.9 % into 22 Nov. By hand,
 * interpolating the daily values: the high of the 24 h before the 04:00
 * candle's end is $9.184 B (20 Nov 08:00), the low of the 12 h after
 * $8.494 B (21 Nov 20:00): −7.5 %. */
static void
test_real_selloff_nov21 (void)
{
  g_autoptr(PsTreadmill) tm = compute_real (FALSE);
  const PsPhasePeriod *period = ps_treadmill_lookup (tm, utc ("2025-11-21T04:00:00Z"));

  g_assert_nonnull (period);
  g_assert_cmpint (period->phase, ==, PS_PHASE_FLUSH);
  g_assert_nonnull (strstr (period->reasons, "Open interest −7.5 % from its high of the past 24 h to its low in the 12 h after (≤ −3 %)"));
  g_assert_nonnull (strstr (period->reasons, "stand-in: volume 3.8× and range 4.1×"));
  g_assert_true (notes_have (tm, "Open interest: daily, 2025-11-07 to 2025-12-17 (coarser than the candles: interpolated between samples)"));
}

/* After 21 Nov: open interest down, funding near zero, volume back to normal
 * and spot above the perp: all four breakers on 25 Nov 16:00. */
static void
test_real_reset_nov25 (void)
{
  g_autoptr(PsTreadmill) tm = compute_real (TRUE);
  const PsPhasePeriod *period = ps_treadmill_lookup (tm, utc ("2025-11-25T16:00:00Z"));

  g_assert_nonnull (period);
  g_assert_cmpint (period->phase, ==, PS_PHASE_RESET);
  g_assert_cmpint (period->from_ms, ==, utc ("2025-11-25T16:00:00Z"));
  g_assert_nonnull (strstr (period->reasons, "after a flush ending 2025-11-21 08:00 UTC (within 7 days); "
                                             "4 of 4 circuit breakers held"));
  g_assert_nonnull (strstr (period->reasons, "Open interest declining: −4 % over 24 h (≤ 0 %): held"));
  g_assert_nonnull (strstr (period->reasons, "Funding back to neutral: −0.003 % per 8 h (|rate| ≤ 0.01 %): held"));
  g_assert_nonnull (strstr (period->reasons, "Liquidations fading: not recorded here; stand-in: volume 1.3×"));
  g_assert_nonnull (strstr (period->reasons, "Spot bid: spot +0.055 % against the perp"));
  g_assert_true (notes_have (tm, "Spot candles: 2025-11-19 to 2025-11-29"));
}

/* Without spot candles the bid is not known: 22 Nov reads reset on the three
 * others, and says so. */
static void
test_real_reset_without_spot (void)
{
  g_autoptr(PsTreadmill) tm = compute_real (FALSE);
  const PsPhasePeriod *period = ps_treadmill_lookup (tm, utc ("2025-11-22T00:00:00Z"));

  g_assert_nonnull (period);
  g_assert_cmpint (period->phase, ==, PS_PHASE_RESET);
  g_assert_nonnull (strstr (period->reasons, "3 of 4 circuit breakers held (3 known, 3 needed)"));
  g_assert_nonnull (strstr (period->reasons, "Spot bid: not known"));
  g_assert_true (notes_have (tm, "No spot candles"));
}

/* Quiet stretches are not flush: 6 flush candles in 641 (10-07 12:00, 10-10
 * 12:00–24:00, 10-21 12:00, 11-21 04:00), none from 22 Nov to 11 Jan. */
static void
test_real_quiet (void)
{
  g_autoptr(PsTreadmill) tm = compute_real (TRUE);
  const GArray *periods = ps_treadmill_get_periods (tm);

  g_assert_cmpuint (count_phase (tm, PS_PHASE_FLUSH), ==, 6);
  for (guint k = 0; k < periods->len; k++)
    {
      const PsPhasePeriod *p = &g_array_index (periods, PsPhasePeriod, k);

      if (p->from_ms >= utc ("2025-11-22T00:00:00Z"))
        g_assert_cmpint (p->phase, !=, PS_PHASE_FLUSH);
      if (p->phase == PS_PHASE_NONE)
        g_assert_null (p->reasons);
      else
        g_assert_nonnull (p->reasons);
      if (k > 0)   /* sorted, no overlap */
        g_assert_cmpint (p->from_ms, >=, g_array_index (periods, PsPhasePeriod, k - 1).to_ms);
    }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/analysis/treadmill/real/dump", test_real_dump);
  g_test_add_func ("/perpscope/analysis/treadmill/real/crash-oct10", test_real_crash_oct10);
  g_test_add_func ("/perpscope/analysis/treadmill/real/selloff-nov21", test_real_selloff_nov21);
  g_test_add_func ("/perpscope/analysis/treadmill/real/reset-nov25", test_real_reset_nov25);
  g_test_add_func ("/perpscope/analysis/treadmill/real/reset-without-spot", test_real_reset_without_spot);
  g_test_add_func ("/perpscope/analysis/treadmill/real/quiet", test_real_quiet);

  return g_test_run ();
}
