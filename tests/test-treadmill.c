/* test-treadmill.c: the treadmill phases, their reasons and notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Synthetic series build each phase and flip each circuit breaker with the
 * others at their margin; bad input gives errors in words or defined labels.
 * The real data is test-treadmill-real.c's.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-series.h"
#include "ps-test-treadmill.h"
#include "ps-test-util.h"
#include "ps-treadmill.h"
#include "ps-treadmill-private.h"

#define HOUR_MS (G_GINT64_CONSTANT (3600000))
#define DAY_MS  (24 * HOUR_MS)
#define T0      (G_GINT64_CONSTANT (1760000000000) / DAY_MS * DAY_MS)   /* 2025-10-09 00:00 */

/* ---- synthetic series ---------------------------------------------------- */

/* Hourly candles from T0; every column per candle. oi has n + 1 samples (at
 * each candle's start and the last one's end), oi_per_candle samples per
 * candle (interpolated inside it) when OI is to be finer than the candles. */
typedef struct
{
  guint   n;
  double *close;         /* open = the previous close */
  double *volume;
  double *range;         /* high − low beyond the body */
  double *oi;            /* contracts */
  double *liq;           /* USD in the candle; 0: none */
  double *funding;       /* the settlement at the candle's start, every 8th */
  double *premium;       /* spot over perp, %; NAN: no spot candle */
  guint   oi_per_candle;
  gboolean no_oi, no_funding, no_liq;
  GArray *not_recorded;
} Synth;

typedef struct
{
  PsCandles      *candles;
  PsOpenInterest *oi;
  PsFunding      *funding;
  PsLiquidations *liq;
  PsCandles      *spot;
} Built;

static Synth *
synth_new (guint n)
{
  Synth *s = g_new0 (Synth, 1);
  double *columns = g_new (double, 7 * n + 1);   /* one block: synth_free frees close */

  s->n = n;
  s->close = columns;
  s->volume = columns + n;
  s->range = columns + 2 * n;
  s->liq = columns + 3 * n;
  s->funding = columns + 4 * n;
  s->premium = columns + 5 * n;
  s->oi = columns + 6 * n;   /* n + 1 */
  s->oi_per_candle = 1;
  s->not_recorded = g_array_new (FALSE, FALSE, sizeof (PsTreadmillSpan));
  for (guint i = 0; i <= n; i++)
    s->oi[i] = 10000;
  for (guint i = 0; i < n; i++)
    {
      s->close[i] = 50000;
      s->volume[i] = 100;
      s->range[i] = 100;
      s->liq[i] = 200000;
      s->funding[i] = 0.00005;
      s->premium[i] = NAN;
    }
  return s;
}

static void
synth_free (Synth *s)
{
  g_free (s->close);
  g_array_unref (s->not_recorded);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Synth, synth_free)

static void
built_clear (Built *b)
{
  g_clear_pointer (&b->candles, ps_candles_unref);
  g_clear_pointer (&b->oi, ps_open_interest_unref);
  g_clear_pointer (&b->funding, ps_funding_unref);
  g_clear_pointer (&b->liq, ps_liquidations_unref);
  g_clear_pointer (&b->spot, ps_candles_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Built, built_clear)

static void
synth_build (const Synth *s,
             Built       *b)
{
  b->candles = ps_candles_new (s->n);
  b->oi = s->no_oi ? NULL : ps_open_interest_new (s->n + 1);
  b->funding = s->no_funding ? NULL : ps_funding_new (s->n / 8 + 1);
  b->liq = s->no_liq ? NULL : ps_liquidations_new (s->n);
  b->spot = ps_candles_new (s->n);
  for (guint i = 0; i < s->n; i++)
    {
      gint64 t = T0 + i * HOUR_MS;
      double open = i > 0 ? s->close[i - 1] : s->close[0];
      double high = MAX (open, s->close[i]) + s->range[i] / 2;
      double low = MIN (open, s->close[i]) - s->range[i] / 2;

      ps_candles_append (b->candles, t, open, high, low, s->close[i], s->volume[i], NAN);
      if (b->funding && i % 8 == 0)
        ps_funding_append (b->funding, t, s->funding[i], NAN);
      if (b->liq && s->liq[i] > 0)
        ps_liquidations_append (b->liq, t + HOUR_MS / 2, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                                low, NAN, s->liq[i] / low, s->liq[i]);
      if (isfinite (s->premium[i]))
        ps_candles_append (b->spot, t, open * (1 + s->premium[i] / 100),
                           high * (1 + s->premium[i] / 100), low * (1 + s->premium[i] / 100),
                           s->close[i] * (1 + s->premium[i] / 100), s->volume[i] / 6, NAN);
      for (guint k = 0; b->oi && k < s->oi_per_candle; k++)
        ps_open_interest_append (b->oi, t + k * HOUR_MS / s->oi_per_candle,
                                 s->oi[i] + (s->oi[i + 1] - s->oi[i]) * k / s->oi_per_candle, NAN);
    }
  if (b->oi)
    ps_open_interest_append (b->oi, T0 + s->n * HOUR_MS, s->oi[s->n], NAN);
  if (b->spot->n == 0)
    g_clear_pointer (&b->spot, ps_candles_unref);
}

static PsTreadmill *
synth_compute (const Synth             *s,
               const PsTreadmillParams *params)
{
  g_auto(Built) b = { 0, };
  PsTreadmillParams defaults;
  PsTreadmillInput input;
  g_autoptr(GError) error = NULL;
  PsTreadmill *tm;

  if (params == NULL)
    {
      ps_treadmill_params_init (&defaults);
      params = &defaults;
    }
  synth_build (s, &b);
  input = (PsTreadmillInput) { b.candles, b.oi, b.funding, b.liq,
                               s->not_recorded->len ? s->not_recorded : NULL, b.spot };
  tm = ps_treadmill_compute (params, &input, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tm);
  g_assert_cmpuint (ps_treadmill_get_n_candles (tm), ==, s->n);
  return tm;
}

static PsPhase
phase_at (PsTreadmill *tm,
          guint        i)
{
  return ps_treadmill_get_phases (tm)[i];
}

static void
assert_reasons (PsTreadmill *tm,
                guint        i,
                const char  *text)
{
  const char *reasons = ps_treadmill_get_reasons (tm, i);

  if (reasons == NULL || strstr (reasons, text) == NULL)
    g_error ("candle %u: “%s” not in its reasons:\n%s", i, text, reasons ? reasons : "(none)");
}

/* 12 quiet days, then 48 h of price +3 % and OI +5 % a day. */
#define HISTORY 288

static Synth *
synth_building (double funding)
{
  Synth *s = synth_new (HISTORY + 48);

  for (guint i = HISTORY; i < s->n; i++)
    {
      s->close[i] = 50000 * pow (1.03, (i - HISTORY + 1) / 24.0);
      s->oi[i + 1] = 10000 * pow (1.05, (i - HISTORY + 1) / 24.0);
      s->funding[i] = funding;
    }
  return s;
}

static void
test_building (void)
{
  g_autoptr(Synth) s = synth_building (0.0001);
  g_autoptr(Synth) flat_funding = synth_building (0.00001);
  g_autoptr(PsTreadmill) tm = synth_compute (s, NULL);
  g_autoptr(PsTreadmill) no = synth_compute (flat_funding, NULL);
  guint last = s->n - 1;

  g_assert_cmpint (phase_at (tm, last), ==, PS_PHASE_BUILDING);
  assert_reasons (tm, last, "Price +3 % over 24 h (≥ +1 %)");
  assert_reasons (tm, last, "Open interest +5 % over 24 h (≥ +2.5 %)");
  assert_reasons (tm, last, "Funding +0.01 % per 8 h (≥ +0.005 %)");
  g_assert_cmpint (phase_at (tm, HISTORY - 1), ==, PS_PHASE_NONE);
  g_assert_null (ps_treadmill_get_reasons (tm, HISTORY - 1));
  /* Funding neither positive enough nor rising: not building. */
  g_assert_cmpint (phase_at (no, last), ==, PS_PHASE_NONE);
}

/* Funding rising from −0.01 % to +0.003 % counts as turning positive. */
static void
test_building_funding_rising (void)
{
  g_autoptr(Synth) s = synth_building (0.00003);
  g_autoptr(PsTreadmill) tm = NULL;

  for (guint i = s->n - 40; i < s->n - 16; i++)
    s->funding[i] = -0.0001;
  tm = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (tm, s->n - 1), ==, PS_PHASE_BUILDING);
  assert_reasons (tm, s->n - 1, "Funding rising from −0.01 % to +0.003 % per 8 h over 24 h (a rise ≥ +0.005 %)");
}

/* Flat price, open interest creeping up to the top of its range, funding high. */
static Synth *
synth_crowded (double funding)
{
  Synth *s = synth_new (HISTORY + 24);

  for (guint i = 0; i <= s->n; i++)
    s->oi[i] = 10000 * (1 + 0.0004 * i);   /* +1 % a day: not building */
  for (guint i = HISTORY; i < s->n; i++)
    s->funding[i] = funding;
  return s;
}

static void
test_crowded (void)
{
  g_autoptr(Synth) s = synth_crowded (0.0002);
  g_autoptr(Synth) low = synth_crowded (0.0001);
  g_autoptr(PsTreadmill) tm = synth_compute (s, NULL);
  g_autoptr(PsTreadmill) no = synth_compute (low, NULL);
  guint last = s->n - 1;

  g_assert_cmpint (phase_at (tm, last), ==, PS_PHASE_CROWDED);
  assert_reasons (tm, last, "Funding +0.02 % per 8 h (≥ +0.015 %)");
  assert_reasons (tm, last, "Open interest at percentile 100 of its");
  assert_reasons (tm, last, "samples of the past 30 days (≥ 80)");
  g_assert_cmpint (phase_at (no, last), ==, PS_PHASE_NONE);
}

/* Open interest at the bottom of its range: high funding alone is not crowded. */
static void
test_crowded_needs_high_oi (void)
{
  g_autoptr(Synth) s = synth_crowded (0.0002);
  g_autoptr(PsTreadmill) tm = NULL;

  for (guint i = 0; i <= s->n; i++)
    s->oi[i] = 10000 * (1 - 0.0004 * i);
  tm = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (tm, s->n - 1), ==, PS_PHASE_NONE);
}

/* Candle F: $5 M of liquidations (25× the $200 k median), open interest
 * 10,000 → 9,000 BTC across it, price −5 %, 10× volume. After it: flat at
 * 47,500, OI 9,000, and the breakers as each test sets them. */
#define F (HISTORY)

static Synth *
synth_flush (guint n_after)
{
  Synth *s = synth_new (F + 1 + n_after);

  s->close[F] = 47500;
  s->volume[F] = 1000;
  s->liq[F] = 5e6;
  for (guint i = F + 1; i <= s->n; i++)
    s->oi[i] = 9000;
  for (guint i = F + 1; i < s->n; i++)
    {
      s->close[i] = 47500;
      s->liq[i] = 300000;       /* 1.5× the median: fading, at the margin */
      s->funding[i] = 0.0001;   /* neutral, at the margin */
    }
  return s;
}

static void
test_flush (void)
{
  g_autoptr(Synth) s = synth_flush (4);
  g_autoptr(PsTreadmill) tm = synth_compute (s, NULL);
  const PsPhasePeriod *period = ps_treadmill_lookup (tm, T0 + F * HOUR_MS + 1);

  g_assert_cmpint (phase_at (tm, F), ==, PS_PHASE_FLUSH);
  g_assert_cmpint (phase_at (tm, F - 1), ==, PS_PHASE_NONE);
  assert_reasons (tm, F, "Liquidations $5.0 M in this candle, 25× the median of the past 30 days ($200 k) (≥ 4×), "
                         "1.17 % of open interest (≥ 0.1 %)");
  assert_reasons (tm, F, "Open interest −10 % from its high of the past 24 h to its low in the 12 h after (≤ −3 %)");
  /* A flush may be one candle; its period is that candle. */
  g_assert_nonnull (period);
  g_assert_cmpint (period->phase, ==, PS_PHASE_FLUSH);
  g_assert_cmpint (period->from_ms, ==, T0 + F * HOUR_MS);
  g_assert_cmpint (period->to_ms, ==, T0 + (F + 1) * HOUR_MS);
  g_assert_cmpstr (period->reasons, ==, ps_treadmill_get_reasons (tm, F));
}

static void
test_flush_needs_spike_and_oi_drop (void)
{
  g_autoptr(Synth) small = synth_flush (4);
  g_autoptr(Synth) oi_flat = synth_flush (4);
  g_autoptr(PsTreadmill) tm_small = NULL, tm_flat = NULL;

  small->liq[F] = 600000;   /* 3×: no spike */
  tm_small = synth_compute (small, NULL);
  g_assert_cmpint (phase_at (tm_small, F), !=, PS_PHASE_FLUSH);

  for (guint i = F + 1; i <= oi_flat->n; i++)   /* OI −2 %: not falling enough */
    oi_flat->oi[i] = 9800;
  tm_flat = synth_compute (oi_flat, NULL);
  g_assert_cmpint (phase_at (tm_flat, F), !=, PS_PHASE_FLUSH);
}

/* Positions forced out show in open interest in the hours after the spike:
 * a drop within half the lookback after the candle counts, a later one not. */
static void
test_flush_oi_drop_after (void)
{
  g_autoptr(Synth) soon = synth_flush (20);
  g_autoptr(Synth) late = synth_flush (20);
  g_autoptr(PsTreadmill) tm_soon = NULL, tm_late = NULL;

  /* Flat across the spike, then −5 % from 6 h after it (soon) or 14 h (late). */
  for (guint i = F + 1; i <= soon->n; i++)
    {
      soon->oi[i] = i >= F + 6 ? 9500 : 10000;
      late->oi[i] = i >= F + 14 ? 9500 : 10000;
    }
  tm_soon = synth_compute (soon, NULL);
  g_assert_cmpint (phase_at (tm_soon, F), ==, PS_PHASE_FLUSH);
  assert_reasons (tm_soon, F, "Open interest −5 % from its high of the past 24 h to its low in the 12 h after (≤ −3 %)");

  tm_late = synth_compute (late, NULL);
  g_assert_cmpint (phase_at (tm_late, F), !=, PS_PHASE_FLUSH);
}

/* A zero median must not make every liquidation a spike: the share of open
 * interest is the floor. */
static void
test_flush_zero_median (void)
{
  g_autoptr(Synth) s = synth_flush (4);
  g_autoptr(PsTreadmill) tm = NULL;

  for (guint i = 0; i < s->n; i++)
    s->liq[i] = 0;
  s->liq[F] = 1000;   /* infinitely many times a zero median, 0.0002 % of OI */
  tm = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (tm, F), !=, PS_PHASE_FLUSH);

  s->liq[F] = 5e6;    /* above the floor: a spike, said as such */
  g_clear_pointer (&tm, ps_treadmill_unref);
  tm = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (tm, F), ==, PS_PHASE_FLUSH);
  assert_reasons (tm, F, "Liquidations $5.0 M in this candle, ∞× the median of the past 30 days ($0) (≥ 4×)");
}

/* OI every 15 min under hourly candles: falling across the candle is enough
 * where the 24 h change (−1 %) is not. */
static void
test_flush_oi_finer (void)
{
  g_autoptr(Synth) s = synth_flush (4);
  g_autoptr(PsTreadmill) fine = NULL, coarse = NULL;

  for (guint i = F + 1; i <= s->n; i++)
    s->oi[i] = 9900;
  coarse = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (coarse, F), !=, PS_PHASE_FLUSH);
  s->oi_per_candle = 4;
  fine = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (fine, F), ==, PS_PHASE_FLUSH);
  assert_reasons (fine, F, "Open interest −1 % across the candle (falling)");
}

/* No liquidations input: the forced-flow stand-in, named in the reasons. */
static void
test_flush_standin (void)
{
  g_autoptr(Synth) s = synth_flush (4);
  g_autoptr(Synth) calm = synth_flush (4);
  g_autoptr(PsTreadmill) tm = NULL, no = NULL;

  s->no_liq = TRUE;
  tm = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (tm, F), ==, PS_PHASE_FLUSH);
  /* range: 50,050 − 47,450 = 2,600 = 26× the median 100; body 2,500 = 25× */
  assert_reasons (tm, F, "Liquidations not recorded here; stand-in: volume 10× and range 26× their medians "
                         "of the past 30 days (≥ 3.5× and ≥ 3.5×), move 25× the median range (≥ 1×)");
  assert_reasons (tm, F, "Open interest −10 % from its high of the past 24 h to its low in the 12 h after (≤ −3 %)");
  g_assert_true (notes_have (tm, "Liquidations not recorded"));

  calm->no_liq = TRUE;
  calm->volume[F] = 200;   /* 2× volume: a big candle, not forced flow */
  no = synth_compute (calm, NULL);
  g_assert_cmpint (phase_at (no, F), !=, PS_PHASE_FLUSH);
}

/* The recorder was off over F: zero recorded there means nothing; the
 * stand-in speaks. Without the span, zero recorded is no spike. */
static void
test_flush_not_recorded_span (void)
{
  g_autoptr(Synth) s = synth_flush (4);
  g_autoptr(PsTreadmill) off = NULL, on = NULL;
  PsTreadmillSpan span = { T0 + (F - 2) * HOUR_MS, T0 + F * HOUR_MS + 60000 };

  s->liq[F] = 0;
  on = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (on, F), !=, PS_PHASE_FLUSH);
  g_array_append_val (s->not_recorded, span);
  off = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (off, F), ==, PS_PHASE_FLUSH);
  assert_reasons (off, F, "Liquidations not recorded here; stand-in: volume 10×");
  g_assert_true (notes_have (off, "Liquidations not recorded in 3 candles"));
}

/* No open interest: a spike alone is a flush, and the reasons say why. */
static void
test_flush_without_oi (void)
{
  g_autoptr(Synth) s = synth_flush (4);
  g_autoptr(PsTreadmill) tm = NULL;

  s->no_oi = TRUE;
  tm = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (tm, F), ==, PS_PHASE_FLUSH);
  assert_reasons (tm, F, "25× the median of the past 30 days ($200 k) (≥ 4×); their share of open interest is not known");
  assert_reasons (tm, F, "Open interest not available: the spike alone decides");
  g_assert_true (notes_have (tm, "No open interest"));
}

/* ---- reset and its four circuit breakers ------------------------------------
 * R is 30 h after the flush: OI has been flat for 24 h (Δ 0 %, declining at
 * the margin), funding 0.01 % (neutral at the margin), liquidations 1.5× the
 * median (fading at the margin). Without spot candles all three must hold. */
#define R (F + 30)

static void
test_reset_margins (void)
{
  g_autoptr(Synth) s = synth_flush (40);
  g_autoptr(PsTreadmill) tm = synth_compute (s, NULL);

  g_assert_cmpint (phase_at (tm, R), ==, PS_PHASE_RESET);
  assert_reasons (tm, R, "30 h after a flush ending");
  assert_reasons (tm, R, "(within 7 days); 3 of 4 circuit breakers held (3 known, 3 needed):");
  assert_reasons (tm, R, "Open interest declining: 0 % over 24 h (≤ 0 %): held");
  assert_reasons (tm, R, "Funding back to neutral: +0.01 % per 8 h (|rate| ≤ 0.01 %): held");
  assert_reasons (tm, R, "Liquidations fading: $300 k, 1.5× the median of the past 30 days (≤ 1.5×): held");
  assert_reasons (tm, R, "Spot bid: not known (no spot candles here)");
}

static void
test_reset_breaker_oi (void)
{
  g_autoptr(Synth) s = synth_flush (40);
  g_autoptr(PsTreadmill) tm = NULL;

  for (guint i = R - 10; i <= s->n; i++)
    s->oi[i] = 9100;   /* OI rising again */
  tm = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (tm, R), !=, PS_PHASE_RESET);
}

static void
test_reset_breaker_funding (void)
{
  g_autoptr(Synth) s = synth_flush (40);
  g_autoptr(PsTreadmill) tm = NULL;

  for (guint i = F + 1; i < s->n; i++)
    s->funding[i] = 0.00011;
  tm = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (tm, R), !=, PS_PHASE_RESET);
}

static void
test_reset_breaker_fade (void)
{
  g_autoptr(Synth) s = synth_flush (40);
  g_autoptr(PsTreadmill) tm = NULL;

  for (guint i = F + 1; i < s->n; i++)
    s->liq[i] = 320000;   /* 1.6× */
  tm = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (tm, R), !=, PS_PHASE_RESET);
}

/* Funding not neutral: with spot candles the bid decides between 2 and 3 of 4. */
static void
test_reset_breaker_spot (void)
{
  g_autoptr(Synth) s = synth_flush (40);
  g_autoptr(PsTreadmill) bid = NULL, none = NULL;

  for (guint i = F + 1; i < s->n; i++)
    s->funding[i] = 0.00012;
  for (guint i = 0; i < s->n; i++)
    s->premium[i] = 0.052;
  bid = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (bid, R), ==, PS_PHASE_RESET);
  assert_reasons (bid, R, "3 of 4 circuit breakers held (4 known, 3 needed)");
  assert_reasons (bid, R, "Funding back to neutral: +0.012 % per 8 h (|rate| ≤ 0.01 %): not held");
  assert_reasons (bid, R, "Spot bid: spot +0.052 % against the perp, 0 % against it over 24 h (either ≥ 0.05 %): held");

  for (guint i = 0; i < s->n; i++)
    s->premium[i] = 0.04;
  none = synth_compute (s, NULL);
  g_assert_cmpint (phase_at (none, R), !=, PS_PHASE_RESET);
}

/* A reset is only a reset within the window after a flush. */
static void
test_reset_window (void)
{
  g_autoptr(Synth) s = synth_flush (40);
  g_autoptr(PsTreadmill) tm = NULL;
  PsTreadmillParams params;

  ps_treadmill_params_init (&params);
  params.reset_window_ms = 24 * HOUR_MS;
  tm = synth_compute (s, &params);
  g_assert_cmpint (phase_at (tm, R), ==, PS_PHASE_NONE);
  g_assert_cmpint (phase_at (tm, F), ==, PS_PHASE_FLUSH);
}

/* ---- bad input ----------------------------------------------------------- */

static void
test_empty (void)
{
  g_autoptr(PsCandles) none = ps_candles_new (0);
  g_autoptr(PsCandles) unsorted = ps_candles_new (2);
  PsTreadmillParams params;
  PsTreadmillInput input = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  PsTreadmill *tm;

  ps_treadmill_params_init (&params);
  tm = ps_treadmill_compute (&params, &input, NULL, &error);
  g_assert_null (tm);
  g_assert_error (error, PS_TREADMILL_ERROR, PS_TREADMILL_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, "No candles"));

  input.candles = none;
  tm = ps_treadmill_compute (&params, &input, NULL, &error2);
  g_assert_null (tm);
  g_assert_error (error2, PS_TREADMILL_ERROR, PS_TREADMILL_ERROR_NO_DATA);

  ps_candles_append (unsorted, T0 + HOUR_MS, 1, 1, 1, 1, 1, NAN);
  ps_candles_append (unsorted, T0, 1, 1, 1, 1, 1, NAN);
  input.candles = unsorted;
  tm = ps_treadmill_compute (&params, &input, NULL, &error3);
  g_assert_null (tm);
  g_assert_error (error3, PS_TREADMILL_ERROR, PS_TREADMILL_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error3->message, "row 2"));
}

static void
test_params (void)
{
  PsTreadmillParams params;
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;

  ps_treadmill_params_init (&params);
  g_assert_true (ps_treadmill_params_validate (&params, NULL));
  g_assert_cmpint (params.lookback_ms, ==, DAY_MS);
  g_assert_cmpint (params.baseline_ms, ==, 30 * DAY_MS);

  params.lookback_ms = 0;
  g_assert_false (ps_treadmill_params_validate (&params, &e1));
  g_assert_error (e1, PS_TREADMILL_ERROR, PS_TREADMILL_ERROR_PARAMS);
  g_assert_nonnull (strstr (e1->message, "lookback"));

  ps_treadmill_params_init (&params);
  params.flush_liq_multiple = NAN;
  g_assert_false (ps_treadmill_params_validate (&params, &e2));
  g_assert_nonnull (strstr (e2->message, "flush-liq-multiple"));

  ps_treadmill_params_init (&params);
  params.oi_high_rank = 1.5;
  g_assert_false (ps_treadmill_params_validate (&params, &e3));
  g_assert_nonnull (strstr (e3->message, "oi-high-rank"));
}

static void
test_one_candle (void)
{
  g_autoptr(Synth) s = synth_new (1);
  g_autoptr(PsTreadmill) tm = synth_compute (s, NULL);
  const GArray *periods = ps_treadmill_get_periods (tm);

  g_assert_cmpint (phase_at (tm, 0), ==, PS_PHASE_NONE);
  g_assert_null (ps_treadmill_get_reasons (tm, 0));
  g_assert_cmpuint (periods->len, ==, 1);
  g_assert_true (notes_have (tm, "One candle"));
}

/* A gap of 10 h inside a building run: no period spans it. */
static void
test_gaps (void)
{
  g_autoptr(Synth) s = synth_building (0.0001);
  g_auto(Built) b = { 0, };
  g_autoptr(PsCandles) gapped = ps_candles_new (s->n);
  g_autoptr(PsTreadmill) tm = NULL;
  g_autoptr(GError) error = NULL;
  PsTreadmillParams params;
  PsTreadmillInput input;
  const GArray *periods;
  gint64 gap_from = T0 + (s->n - 20) * HOUR_MS, gap_to = T0 + (s->n - 10) * HOUR_MS;

  synth_build (s, &b);
  for (guint i = 0; i < b.candles->n; i++)
    if (b.candles->t_ms[i] < gap_from || b.candles->t_ms[i] >= gap_to)
      ps_candles_append (gapped, b.candles->t_ms[i], ps_candles_open_at (b.candles, i),
                         ps_candles_high_at (b.candles, i), ps_candles_low_at (b.candles, i),
                         ps_candles_close_at (b.candles, i), ps_candles_volume_at (b.candles, i),
                         NAN);
  input = (PsTreadmillInput) { gapped, b.oi, b.funding, b.liq, NULL, NULL };
  ps_treadmill_params_init (&params);
  tm = ps_treadmill_compute (&params, &input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ps_treadmill_get_n_candles (tm), ==, s->n - 10);
  g_assert_null (ps_treadmill_lookup (tm, gap_from + HOUR_MS));
  periods = ps_treadmill_get_periods (tm);
  for (guint k = 0; k < periods->len; k++)
    {
      const PsPhasePeriod *p = &g_array_index (periods, PsPhasePeriod, k);

      g_assert_false (p->from_ms < gap_to && p->to_ms > gap_from);
    }
  /* Both sides of the gap still read building. */
  g_assert_cmpint (ps_treadmill_lookup (tm, gap_from - HOUR_MS)->phase, ==, PS_PHASE_BUILDING);
  g_assert_cmpint (ps_treadmill_get_phases (tm)[ps_treadmill_get_n_candles (tm) - 1], ==, PS_PHASE_BUILDING);
  g_assert_null (ps_treadmill_lookup (tm, T0 - 1));
  g_assert_null (ps_treadmill_lookup (tm, T0 + s->n * HOUR_MS));
}

/* NaN candles, NaN funding, zero and negative OI: skipped and said, no crash. */
static void
test_nan_and_bad_oi (void)
{
  g_autoptr(Synth) s = synth_flush (4);
  g_auto(Built) b = { 0, };
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  g_autoptr(PsFunding) funding = ps_funding_new (0);
  g_autoptr(PsTreadmill) tm = NULL;
  g_autoptr(GError) error = NULL;
  PsTreadmillParams params;
  PsTreadmillInput input;

  s->close[F - 5] = NAN;
  synth_build (s, &b);
  for (guint k = 0; k < b.oi->n; k++)
    ps_open_interest_append (oi, b.oi->t_ms[k],
                             k == 3 ? 0 : k == 4 ? -5 : k == 5 ? NAN : b.oi->contracts[k], NAN);
  for (guint k = 0; k < b.funding->n; k++)
    ps_funding_append (funding, b.funding->t_ms[k], k == 2 ? NAN : b.funding->rate[k], NAN);
  input = (PsTreadmillInput) { b.candles, oi, funding, b.liq, NULL, NULL };
  ps_treadmill_params_init (&params);
  tm = ps_treadmill_compute (&params, &input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (phase_at (tm, F - 5), ==, PS_PHASE_NONE);
  g_assert_cmpint (phase_at (tm, F), ==, PS_PHASE_FLUSH);
  g_assert_true (notes_have (tm, "3 open interest rows were zero, negative, NaN or out of order and were ignored"));
}

/* All open interest unusable, no funding: flush still speaks, building cannot. */
static void
test_no_funding_no_oi (void)
{
  g_autoptr(Synth) flush = synth_flush (4);
  g_autoptr(Synth) building = synth_building (0.0001);
  g_autoptr(PsTreadmill) tm_flush = NULL, tm_building = NULL;

  flush->no_funding = TRUE;
  for (guint i = 0; i <= flush->n; i++)
    flush->oi[i] = 0;
  tm_flush = synth_compute (flush, NULL);
  g_assert_cmpint (phase_at (tm_flush, F), ==, PS_PHASE_FLUSH);
  assert_reasons (tm_flush, F, "Open interest not available");
  g_assert_true (notes_have (tm_flush, "No funding: the rules that need it do not fire"));
  g_assert_true (notes_have (tm_flush, "No usable open interest"));

  building->no_funding = TRUE;
  tm_building = synth_compute (building, NULL);
  g_assert_cmpint (phase_at (tm_building, building->n - 1), ==, PS_PHASE_NONE);
}

/* Settlements every 4 h are read per 8 h: 0.01 % per 4 h is 0.02 % per 8 h. */
static void
test_funding_normalised (void)
{
  g_autoptr(Synth) s = synth_crowded (0.0001);
  g_auto(Built) b = { 0, };
  g_autoptr(PsFunding) funding = ps_funding_new (0);
  g_autoptr(PsTreadmill) tm = NULL;
  g_autoptr(GError) error = NULL;
  PsTreadmillParams params;
  PsTreadmillInput input;

  synth_build (s, &b);
  for (guint i = 0; i < s->n; i += 4)
    ps_funding_append (funding, T0 + i * HOUR_MS, s->funding[i - i % 8], NAN);
  input = (PsTreadmillInput) { b.candles, b.oi, funding, b.liq, NULL, NULL };
  ps_treadmill_params_init (&params);
  tm = ps_treadmill_compute (&params, &input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (phase_at (tm, s->n - 1), ==, PS_PHASE_CROWDED);
  assert_reasons (tm, s->n - 1, "Funding +0.02 % per 8 h (≥ +0.015 %)");
  g_assert_true (notes_have (tm, "Funding settles every 4 h: rates are shown per 8 h"));
}

static void
test_cancelled (void)
{
  g_autoptr(Synth) s = synth_new (10);
  g_auto(Built) b = { 0, };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  PsTreadmillParams params;
  PsTreadmillInput input;

  synth_build (s, &b);
  input = (PsTreadmillInput) { b.candles, NULL, NULL, NULL, NULL, NULL };
  ps_treadmill_params_init (&params);
  g_cancellable_cancel (cancellable);
  g_assert_null (ps_treadmill_compute (&params, &input, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_phase_names (void)
{
  g_assert_cmpstr (ps_phase_to_string (PS_PHASE_NONE), ==, "none");
  g_assert_cmpstr (ps_phase_to_string (PS_PHASE_BUILDING), ==, "building");
  g_assert_cmpstr (ps_phase_to_string (PS_PHASE_CROWDED), ==, "crowded");
  g_assert_cmpstr (ps_phase_to_string (PS_PHASE_FLUSH), ==, "flush");
  g_assert_cmpstr (ps_phase_to_string (PS_PHASE_RESET), ==, "reset");
  g_assert_cmpstr (ps_phase_get_label (PS_PHASE_FLUSH), ==, "Flush");
  g_assert_cmpstr (ps_phase_get_label (PS_PHASE_RESET), ==, "Reset");
}

/* Building for one candle only (an OI blip at its end) is smoothed away;
 * for two candles it stays. */
static Synth *
synth_blip (guint n_blips)
{
  Synth *s = synth_building (0.0001);

  for (guint i = HISTORY; i < s->n; i++)
    s->oi[i + 1] = 10000 * pow (1.02, (i - HISTORY + 1) / 24.0);   /* +2 % a day */
  for (guint k = 0; k < n_blips; k++)
    s->oi[s->n - 5 + k] *= 1.02;
  return s;
}

static void
test_smoothing (void)
{
  g_autoptr(Synth) one = synth_blip (1);
  g_autoptr(Synth) two = synth_blip (2);
  g_autoptr(PsTreadmill) tm_one = synth_compute (one, NULL);
  g_autoptr(PsTreadmill) tm_two = synth_compute (two, NULL);

  g_assert_cmpuint (count_phase (tm_one, PS_PHASE_BUILDING), ==, 0);
  g_assert_cmpuint (count_phase (tm_two, PS_PHASE_BUILDING), ==, 2);
  g_assert_cmpint (phase_at (tm_two, two->n - 6), ==, PS_PHASE_BUILDING);
  g_assert_cmpint (phase_at (tm_two, two->n - 5), ==, PS_PHASE_BUILDING);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The windows' sort (the open-interest rank reads it): what qsort gives, on
 * the inputs a quicksort gets wrong first: sorted either way, all equal,
 * two values, organ pipes, repeated runs, random, every length to 70 and
 * 4,096 (the windows' most). */
static void
test_sort (void)
{
  const guint lengths[] = { 0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 69, 70, 1000, 4096 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  for (guint li = 0; li < G_N_ELEMENTS (lengths); li++)
    for (guint shape = 0; shape < 7; shape++)
      {
        guint n = lengths[li];
        g_autofree double *v = g_new (double, MAX (n, 1));
        g_autofree double *want = NULL;

        for (guint i = 0; i < n; i++)
          switch (shape)
            {
            case 0: v[i] = i; break;
            case 1: v[i] = (double) n - i; break;
            case 2: v[i] = 42; break;
            case 3: v[i] = i % 2 ? -1.5 : 1e9; break;
            case 4: v[i] = i < n / 2 ? i : (double) n - i; break;
            case 5: v[i] = (double) (i / 7 % 5) - 2; break;
            default: v[i] = g_rand_double_range (rand, -1e6, 1e6); break;
            }
        want = g_memdup2 (v, MAX (n, 1) * sizeof (double));
        qsort (want, n, sizeof (double), (int (*) (const void *, const void *)) compare_double);
        _ps_treadmill_sort (v, n);
        g_assert_cmpmem (v, n * sizeof (double), want, n * sizeof (double));
      }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/analysis/treadmill/building", test_building);
  g_test_add_func ("/perpscope/analysis/treadmill/building-funding-rising", test_building_funding_rising);
  g_test_add_func ("/perpscope/analysis/treadmill/crowded", test_crowded);
  g_test_add_func ("/perpscope/analysis/treadmill/crowded-needs-high-oi", test_crowded_needs_high_oi);
  g_test_add_func ("/perpscope/analysis/treadmill/flush", test_flush);
  g_test_add_func ("/perpscope/analysis/treadmill/flush-needs-spike-and-oi-drop", test_flush_needs_spike_and_oi_drop);
  g_test_add_func ("/perpscope/analysis/treadmill/flush-zero-median", test_flush_zero_median);
  g_test_add_func ("/perpscope/analysis/treadmill/flush-oi-drop-after", test_flush_oi_drop_after);
  g_test_add_func ("/perpscope/analysis/treadmill/flush-oi-finer", test_flush_oi_finer);
  g_test_add_func ("/perpscope/analysis/treadmill/flush-standin", test_flush_standin);
  g_test_add_func ("/perpscope/analysis/treadmill/flush-not-recorded-span", test_flush_not_recorded_span);
  g_test_add_func ("/perpscope/analysis/treadmill/flush-without-oi", test_flush_without_oi);
  g_test_add_func ("/perpscope/analysis/treadmill/reset/margins", test_reset_margins);
  g_test_add_func ("/perpscope/analysis/treadmill/reset/breaker-oi", test_reset_breaker_oi);
  g_test_add_func ("/perpscope/analysis/treadmill/reset/breaker-funding", test_reset_breaker_funding);
  g_test_add_func ("/perpscope/analysis/treadmill/reset/breaker-fade", test_reset_breaker_fade);
  g_test_add_func ("/perpscope/analysis/treadmill/reset/breaker-spot", test_reset_breaker_spot);
  g_test_add_func ("/perpscope/analysis/treadmill/reset/window", test_reset_window);
  g_test_add_func ("/perpscope/analysis/treadmill/bad/empty", test_empty);
  g_test_add_func ("/perpscope/analysis/treadmill/bad/params", test_params);
  g_test_add_func ("/perpscope/analysis/treadmill/bad/one-candle", test_one_candle);
  g_test_add_func ("/perpscope/analysis/treadmill/bad/gaps", test_gaps);
  g_test_add_func ("/perpscope/analysis/treadmill/bad/nan-and-bad-oi", test_nan_and_bad_oi);
  g_test_add_func ("/perpscope/analysis/treadmill/bad/no-funding-no-oi", test_no_funding_no_oi);
  g_test_add_func ("/perpscope/analysis/treadmill/funding-normalised", test_funding_normalised);
  g_test_add_func ("/perpscope/analysis/treadmill/cancelled", test_cancelled);
  g_test_add_func ("/perpscope/analysis/treadmill/phase-names", test_phase_names);
  g_test_add_func ("/perpscope/analysis/treadmill/smoothing", test_smoothing);
  g_test_add_func ("/perpscope/analysis/treadmill/sort", test_sort);

  return g_test_run ();
}
