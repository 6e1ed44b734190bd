/* test-series.c: columnar series, intervals and user times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-series.h"
#include "ps-test-util.h"
#include "ps-time.h"

static void
test_candles_append_and_slice (void)
{
  g_autoptr(PsCandles) candles = ps_candles_new (1);
  g_autoptr(PsCandles) slice = NULL;

  /* Growth past the reserve keeps every column in step. */
  for (guint i = 0; i < 100; i++)
    ps_candles_append (candles, 1000 * i, i, i + 2, i - 1, i + 1, 10 * i, i % 2 ? NAN : 1.0);

  g_assert_cmpuint (candles->n, ==, 100);
  g_assert_cmpint (candles->t_ms[57], ==, 57000);
  g_assert_cmpfloat (ps_candles_high_at (candles, 57), ==, 59);
  g_assert_true (isnan (ps_candles_taker_buy_at (candles, 57)));

  slice = ps_candles_slice (candles, 10000, 20000);
  g_assert_cmpuint (slice->n, ==, 10);
  g_assert_cmpint (slice->t_ms[0], ==, 10000);
  g_assert_cmpint (slice->t_ms[9], ==, 19000);
  g_assert_cmpfloat (ps_candles_close_at (slice, 9), ==, 20);
}

static void
test_liquidations_append_slice_bucket (void)
{
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  g_autoptr(PsLiquidations) slice = NULL;
  double long_usd[3], short_usd[3];

  /* Growth keeps the byte columns in step with the double ones. */
  for (guint i = 0; i < 40; i++)
    ps_liquidations_append (liq, 1000 * i, i % 2 ? PS_LIQ_SHORT : PS_LIQ_LONG,
                            PS_LIQ_SOURCE_LIVE, 100 + i, NAN, 0.5, 50 + i / 2.0);
  g_assert_cmpuint (liq->n, ==, 40);
  g_assert_cmpint (liq->side[39], ==, PS_LIQ_SHORT);
  g_assert_cmpint (liq->side[38], ==, PS_LIQ_LONG);
  g_assert_cmpfloat (liq->price[39], ==, 139);
  g_assert_true (isnan (liq->avg_price[7]));

  slice = ps_liquidations_slice (liq, 10000, 13000);
  g_assert_cmpuint (slice->n, ==, 3);
  g_assert_cmpint (slice->t_ms[0], ==, 10000);
  g_assert_cmpint (slice->side[1], ==, PS_LIQ_SHORT);

  /* Buckets of 2 s from t = 2 s: rows 2,3 | 4,5 | 6,7; before and after ignored. */
  ps_liquidations_bucket (liq, 2000, 2000, 3, long_usd, short_usd);
  g_assert_cmpfloat (long_usd[0], ==, 51);
  g_assert_cmpfloat (short_usd[0], ==, 51.5);
  g_assert_cmpfloat (long_usd[2], ==, 53);
  g_assert_cmpfloat (short_usd[2], ==, 53.5);
}

/* Searched near from: the same as bisecting rows [from, n), with repeated
 * times, every start and every target. */
static void
test_lower_bound_from (void)
{
  gint64 t[300];

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    t[i] = 10 * (i / 3);
  for (guint from = 0; from <= G_N_ELEMENTS (t); from++)
    for (gint64 want = -5; want <= 1005; want += 5)
      {
        guint n = G_N_ELEMENTS (t);

        g_assert_cmpuint (ps_series_lower_bound_from (t, from, n, want), ==,
                          from + ps_series_lower_bound (t + from, n - from, want));
      }
  g_assert_cmpuint (ps_series_lower_bound_from (t, 0, 0, 7), ==, 0);
}

/* Evenly spaced rows, where the first probe is the answer, with gaps and
 * repeated times that make it miss either way, and the extremes of time. */
static void
test_lower_bound_from_even (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  guint n = 2000;
  g_autofree gint64 *t = g_new (gint64, n);
  const gint64 extremes[] = { G_MININT64, G_MININT64 + 1, -1, G_MAXINT64 - 1, G_MAXINT64 };

  for (int shape = 0; shape < 3; shape++)
    {
      gint64 at = 1700000000000;

      for (guint i = 0; i < n; i++)
        {
          t[i] = at;
          at += 60000;
          if (shape >= 1 && g_rand_int_range (rand, 0, 50) == 0)
            at += g_rand_int_range (rand, 1, 500) * 60000;   /* a gap */
          if (shape == 2 && g_rand_int_range (rand, 0, 20) == 0)
            at -= 60000;   /* the same time again */
        }
      for (guint k = 0; k < 20000; k++)
        {
          guint from = g_rand_int_range (rand, 0, n + 1);
          gint64 want = t[0] - 120000 + (gint64) g_rand_int_range (rand, 0, n + 2000) * 30000
                        + g_rand_int_range (rand, -2, 3);

          g_assert_cmpuint (ps_series_lower_bound_from (t, from, n, want), ==,
                            from + ps_series_lower_bound (t + from, n - from, want));
        }
      for (guint k = 0; k < G_N_ELEMENTS (extremes); k++)
        for (guint from = 0; from <= n; from += 199)
          g_assert_cmpuint (ps_series_lower_bound_from (t, from, n, extremes[k]), ==,
                            from + ps_series_lower_bound (t + from, n - from, extremes[k]));
    }
}

/* Searched near a guess: the same as bisecting rows [from, n), with
 * repeated times and clustered ones, every start, guesses before from, on
 * the answer, either side of it and past n, every target. */
static void
test_lower_bound_near (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  gint64 t[300], at = 0;
  guint n = G_N_ELEMENTS (t);

  for (int shape = 0; shape < 2; shape++)
    {
      for (guint i = 0; i < n; i++)
        {
          /* Threes of a time, then bursts and lulls. */
          t[i] = shape == 0 ? 10 * (gint64) (i / 3) : at;
          at += g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1, 60) : 0;
        }
      for (guint from = 0; from <= n; from++)
        for (guint guess = 0; guess <= n + 3; guess += from % 5 == 0 ? 1 : 13)
          for (gint64 want = -5; want <= t[n - 1] + 5; want += shape == 0 ? 5 : 3)
            g_assert_cmpuint (ps_series_lower_bound_near (t, from, n, guess, want), ==,
                              from + ps_series_lower_bound (t + from, n - from, want));
    }
  g_assert_cmpuint (ps_series_lower_bound_near (t, 0, 0, 5, 7), ==, 0);
  g_assert_cmpuint (ps_series_lower_bound_near (t, 3, 1, 0, 7), ==, 3);
  g_assert_cmpuint (ps_series_lower_bound_near (t, 0, n, 0, G_MININT64), ==, 0);
  g_assert_cmpuint (ps_series_lower_bound_near (t, 0, n, n, G_MAXINT64), ==, n);
}

static void
test_lower_bound (void)
{
  const gint64 t[] = { 10, 20, 20, 30 };

  g_assert_cmpuint (ps_series_lower_bound (t, 4, 5), ==, 0);
  g_assert_cmpuint (ps_series_lower_bound (t, 4, 10), ==, 0);
  g_assert_cmpuint (ps_series_lower_bound (t, 4, 11), ==, 1);
  g_assert_cmpuint (ps_series_lower_bound (t, 4, 20), ==, 1);
  g_assert_cmpuint (ps_series_lower_bound (t, 4, 30), ==, 3);
  g_assert_cmpuint (ps_series_lower_bound (t, 4, 31), ==, 4);
  g_assert_cmpuint (ps_series_lower_bound (t, 0, 31), ==, 0);
}

static void
test_funding_and_open_interest (void)
{
  g_autoptr(PsFunding) funding = ps_funding_new (0);
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  g_autoptr(PsOpenInterest) oi_slice = NULL;

  ps_funding_append (funding, 1, 0.0001, NAN);
  ps_funding_append (funding, 2, -0.0002, 100.5);
  g_assert_cmpuint (funding->n, ==, 2);
  g_assert_cmpfloat (funding->rate[1], ==, -0.0002);
  g_assert_true (isnan (funding->mark_price[0]));

  ps_open_interest_append (oi, 5, 10.0, 1e9);
  ps_open_interest_append (oi, 6, 11.0, 1.1e9);
  oi_slice = ps_open_interest_slice (oi, 6, 7);
  g_assert_cmpuint (oi_slice->n, ==, 1);
  g_assert_cmpfloat (oi_slice->usd[0], ==, 1.1e9);
}

static void
test_intervals (void)
{
  PsInterval interval = PS_INTERVAL_NONE;

  g_assert_true (ps_interval_from_string ("4h", &interval));
  g_assert_cmpint (interval, ==, PS_INTERVAL_4H);
  g_assert_cmpint (ps_interval_to_ms (interval), ==, 4 * 3600 * 1000);
  g_assert_cmpstr (ps_interval_to_string (PS_INTERVAL_15M), ==, "15m");
  g_assert_false (ps_interval_from_string ("3h", &interval));
  g_assert_false (ps_interval_from_string ("", &interval));
  g_assert_false (ps_interval_from_string (NULL, &interval));

  /* 2025-10-10 21:37 UTC floors to the 20:00 4h candle. */
  g_assert_cmpint (ps_interval_floor (PS_INTERVAL_4H, 1760132220000), ==, 1760126400000);
  g_assert_cmpint (ps_interval_floor (PS_INTERVAL_1D, -1), ==, -86400000);
}

static void
test_time_parse (void)
{
  gint64 t = 0;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;

  g_assert_true (ps_time_parse ("2025-10-01", &t));
  g_assert_cmpint (t, ==, 1759276800000);
  g_assert_true (ps_time_parse ("2025-10-01T12:30:00Z", &t));
  g_assert_cmpint (t, ==, 1759276800000 + 45000000);
  g_assert_true (ps_time_parse ("2025-10-01T14:30:00+02:00", &t));
  g_assert_cmpint (t, ==, 1759276800000 + 45000000);
  g_assert_true (ps_time_parse ("2025-10-01T12:30:00", &t));   /* no zone: UTC */
  g_assert_cmpint (t, ==, 1759276800000 + 45000000);

  g_assert_false (ps_time_parse ("2025-13-01", &t));
  g_assert_false (ps_time_parse ("2025-02-30", &t));
  g_assert_false (ps_time_parse ("yesterday", &t));
  g_assert_false (ps_time_parse ("2025-10-01x", &t));
  g_assert_false (ps_time_parse ("", &t));

  text = ps_time_format_utc (1759276800000);
  g_assert_cmpstr (text, ==, "2025-10-01");
  text2 = ps_time_format_utc (1759276800000 + 45000000);
  g_assert_cmpstr (text2, ==, "2025-10-01 12:30");

  {
    g_autofree char *utc = ps_time_format (1759276800000 + 45000000, TRUE);
    g_autofree char *local = NULL;

    g_assert_cmpstr (utc, ==, "2025-10-01 12:30 UTC");
    g_setenv ("TZ", "Europe/Berlin", TRUE);
    local = ps_time_format (1759276800000 + 45000000, FALSE);
    g_assert_cmpstr (local, ==, "2025-10-01 14:30 CEST");
    g_unsetenv ("TZ");
  }
}

/* Columns of a million rows (made on huge pages where the kernel allows):
 * written as the cache's read writes them, then grown past their room by
 * appends, every row kept; a large column alone grows and is freed the
 * same way. */
static void
test_large_columns (void)
{
  g_autoptr(PsCandles) candles = ps_candles_new (1000000);
  guint n = 1000000;
  double *column;

  g_assert_cmpuint (candles->alloc, ==, n);
  for (guint i = 0; i < n; i++)
    {
      candles->t_ms[i] = (gint64) i * 60000;
      for (int k = PS_CANDLE_OPEN; k <= PS_CANDLE_CLOSE; k++)
        ps_candles_edit_column (candles, k)[i] = i;
      ps_candles_edit_column (candles, PS_CANDLE_VOLUME)[i] = 0.5 * i;
      ps_candles_edit_column (candles, PS_CANDLE_TAKER_BUY_VOLUME)[i] = 0.5 * i;
    }
  candles->n = n;
  ps_candles_append (candles, (gint64) n * 60000, 1, 2, 0.5, 1.5, 7, NAN);
  g_assert_cmpuint (candles->n, ==, n + 1);
  g_assert_cmpuint (candles->alloc, >, n);
  for (guint i = 0; i < n; i += 997)
    {
      g_assert_cmpint (candles->t_ms[i], ==, (gint64) i * 60000);
      g_assert_cmpfloat (ps_candles_low_at (candles, i), ==, i);
      g_assert_cmpfloat (ps_candles_taker_buy_at (candles, i), ==, 0.5 * i);
    }
  g_assert_cmpfloat (ps_candles_high_at (candles, n), ==, 2);
  g_assert_true (isnan (ps_candles_taker_buy_at (candles, n)));

  column = ps_series_realloc_column (NULL, 8u << 20);
  column[(1u << 20) - 1] = 3;
  column = ps_series_realloc_column (column, 16u << 20);
  g_assert_cmpfloat (column[(1u << 20) - 1], ==, 3);
  column[(2u << 20) - 1] = 4;
  g_free (column);
}

/* Bit-for-bit sameness: what lets a read hand on the shown series. */
static void
test_same (void)
{
  g_autoptr(PsCandles) a = ps_candles_new (4);
  g_autoptr(PsCandles) b = ps_candles_new (4);
  g_autoptr(PsLiquidations) la = ps_liquidations_new (1);
  g_autoptr(PsLiquidations) lb = ps_liquidations_new (1);
  g_autoptr(PsOpenInterest) oa = ps_open_interest_new (1);
  g_autoptr(PsOpenInterest) ob = ps_open_interest_new (1);
  g_autoptr(PsFunding) fa = ps_funding_new (1);
  g_autoptr(PsFunding) fb = ps_funding_new (1);

  g_assert_true (ps_candles_same (a, b));
  g_assert_false (ps_candles_same (a, NULL));
  g_assert_true (ps_candles_same (NULL, NULL));
  for (int i = 0; i < 3; i++)
    {
      ps_candles_append (a, i * 60000, 1, 2, 0.5, 1.5, 10, NAN);
      ps_candles_append (b, i * 60000, 1, 2, 0.5, 1.5, 10, NAN);
    }
  g_assert_true (ps_candles_same (a, b));
  /* One column of one row differs: not the same. */
  ps_candles_edit_column (b, PS_CANDLE_TAKER_BUY_VOLUME)[1] = 3;
  g_assert_false (ps_candles_same (a, b));
  ps_candles_edit_column (b, PS_CANDLE_TAKER_BUY_VOLUME)[1] = NAN;
  g_assert_true (ps_candles_same (a, b));
  ps_candles_append (b, 180000, 1, 2, 0.5, 1.5, 10, NAN);
  g_assert_false (ps_candles_same (a, b));

  ps_liquidations_append (la, 1000, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE, 100, 100, 1, 100);
  ps_liquidations_append (lb, 1000, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE, 100, 100, 1, 100);
  g_assert_false (ps_liquidations_same (la, lb));
  lb->side[0] = PS_LIQ_LONG;
  g_assert_true (ps_liquidations_same (la, lb));

  ps_open_interest_append (oa, 1000, 5, NAN);
  ps_open_interest_append (ob, 1000, 5, 7);
  g_assert_false (ps_open_interest_same (oa, ob));
  ps_funding_append (fa, 1000, 0.0001, 100);
  ps_funding_append (fb, 1000, 0.0001, 100);
  g_assert_true (ps_funding_same (fa, fb));
  fb->rate[0] = -0.0001;
  g_assert_false (ps_funding_same (fa, fb));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/base/series/candles", test_candles_append_and_slice);
  g_test_add_func ("/perpscope/base/series/large-columns", test_large_columns);
  g_test_add_func ("/perpscope/base/series/lower-bound", test_lower_bound);
  g_test_add_func ("/perpscope/base/series/lower-bound-from", test_lower_bound_from);
  g_test_add_func ("/perpscope/base/series/lower-bound-from-even", test_lower_bound_from_even);
  g_test_add_func ("/perpscope/base/series/lower-bound-near", test_lower_bound_near);
  g_test_add_func ("/perpscope/base/series/liquidations", test_liquidations_append_slice_bucket);
  g_test_add_func ("/perpscope/base/series/funding-open-interest", test_funding_and_open_interest);
  g_test_add_func ("/perpscope/base/series/intervals", test_intervals);
  g_test_add_func ("/perpscope/base/series/same", test_same);
  g_test_add_func ("/perpscope/base/time/parse", test_time_parse);

  return g_test_run ();
}
