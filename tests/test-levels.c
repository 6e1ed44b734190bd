/* test-levels.c: the min/max pyramids against every row, and frames drawn
 * with them against frames drawn row by row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-levels.h"
#include "ps-render.h"
#include "ps-render-levels.h"
#include "ps-test-pixels.h"
#include "ps-test-real-data.h"
#include "ps-test-util.h"

/* Random 1m candles from T0; holes (NAN open or close, NAN high/low) where
 * holes, a missing stretch of time now and then where gaps. */
static PsCandles *
random_candles (guint    n,
                guint32  seed,
                gboolean holes,
                gboolean gaps)
{
  PsCandles *c = ps_candles_new (n);
  GRand *rand = g_rand_new_with_seed (seed);
  double price = 90000;
  gint64 t = T0;

  for (guint i = 0; i < n; i++)
    {
      double o = price, k = o * (1 + g_rand_double_range (rand, -0.003, 0.003));
      double h = MAX (o, k) * (1 + g_rand_double_range (rand, 0, 0.002));
      double l = MIN (o, k) * (1 - g_rand_double_range (rand, 0, 0.002));
      double v, b;

      /* A rare spike: one row's wick far out, the row a frame must not lose. */
      if (g_rand_int_range (rand, 0, 5000) == 0)
        h *= 1.05;
      if (holes && g_rand_int_range (rand, 0, 50) == 0)
        o = NAN;
      if (holes && g_rand_int_range (rand, 0, 50) == 0)
        k = NAN;
      if (holes && g_rand_int_range (rand, 0, 40) == 0)
        h = NAN;
      if (holes && g_rand_int_range (rand, 0, 40) == 0)
        l = NAN;
      v = g_rand_double_range (rand, 0, 100);
      /* Taker buys: mostly a part of the volume, now and then none, more
       * than it (by a rounding's worth, or plainly wrong); a volume of 0. */
      switch (g_rand_int_range (rand, 0, 40))
        {
        case 0: b = NAN; break;
        case 1: b = v * (1 + 1e-10); break;
        case 2: b = v * 1.5; break;
        case 3: b = -1; break;
        case 4: v = 0, b = 0; break;
        default: b = v * g_rand_double (rand);
        }
      if (holes && g_rand_int_range (rand, 0, 40) == 0)
        v = NAN;
      ps_candles_append (c, t, o, h, l, k, v, b);
      if (isfinite (k))
        price = k;
      t += MINUTE_MS;
      if (gaps && g_rand_int_range (rand, 0, 3000) == 0)
        t += g_rand_int_range (rand, 2, 600) * MINUTE_MS;
    }
  g_rand_free (rand);
  return c;
}

/* 5m open interest from T0, with holes and gaps as above. */
static PsOpenInterest *
random_open_interest (guint   n,
                      guint32 seed)
{
  PsOpenInterest *oi = ps_open_interest_new (n);
  GRand *rand = g_rand_new_with_seed (seed);
  double v = 8e9;
  gint64 t = T0;

  for (guint i = 0; i < n; i++)
    {
      v *= 1 + g_rand_double_range (rand, -0.004, 0.004);
      ps_open_interest_append (oi, t, NAN,
                               g_rand_int_range (rand, 0, 400) == 0 ? NAN : v);
      t += 5 * MINUTE_MS;
      if (g_rand_int_range (rand, 0, 800) == 0)
        t += g_rand_int_range (rand, 2, 300) * 5 * MINUTE_MS;
    }
  g_rand_free (rand);
  return oi;
}

/* Brute force, written out again here rather than shared with the code
 * under test: what the price pane takes of rows [a, b). */
static void
brute_candles (const PsCandles *c,
               guint            a,
               guint            b,
               PsCandleSpan    *s)
{
  *s = (PsCandleSpan) { NAN, -INFINITY, INFINITY, NAN, INFINITY, -INFINITY, 0, 0 };
  for (guint i = a; i < b; i++)
    {
      double o = ps_candles_open_at (c, i), k = ps_candles_close_at (c, i);
      double h = ps_candles_high_at (c, i), l = ps_candles_low_at (c, i);
      double v = ps_candles_volume_at (c, i), tb = ps_candles_taker_buy_at (c, i);
      double sh = isfinite (h) ? h : (isfinite (o) && isfinite (k) ? MAX (o, k) : isfinite (o) ? o : k);
      double sl = isfinite (l) ? l : (isfinite (o) && isfinite (k) ? MIN (o, k) : isfinite (o) ? o : k);

      if (!isnan (sh))
        s->scale_hi = MAX (s->scale_hi, sh);
      if (!isnan (sl))
        s->scale_lo = MIN (s->scale_lo, sl);
      /* The volume by the taker's side; by the candle's direction where the
       * split is missing or does not fit. */
      if (isfinite (v) && v > 0)
        {
          if (isfinite (tb) && tb >= 0 && tb <= v * (1 + 1e-9))
            s->buy += tb, s->sell += MAX (v - tb, 0);
          else if (isfinite (o) && isfinite (k) && k < o)
            s->sell += v;
          else
            s->buy += v;
        }
      if (!isfinite (o) || !isfinite (k))
        continue;
      if (isnan (s->open))
        s->open = o;
      s->close = k;
      s->high = MAX (s->high, MAX (isnan (h) ? -INFINITY : h, MAX (o, k)));
      s->low = MIN (s->low, MIN (isnan (l) ? INFINITY : l, MIN (o, k)));
    }
  if (isnan (s->open))
    s->high = s->low = NAN;
  if (isinf (s->scale_hi))
    s->scale_hi = NAN;
  if (isinf (s->scale_lo))
    s->scale_lo = NAN;
}

static void
assert_same_double (double a,
                    double b)
{
  if (isnan (a) && isnan (b))
    return;
  g_assert_cmpfloat (a, ==, b);
}

static void
check_candles (const PsCandles *c,
               guint            rounds,
               guint32          seed)
{
  PsCandleLevels *levels = ps_candle_levels_new (c);
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint r = 0; r < rounds; r++)
    {
      guint a = c->n > 0 ? g_rand_int_range (rand, 0, c->n + 1) : 0;
      guint b = c->n > 0 ? g_rand_int_range (rand, a, c->n + 1) : 0;
      PsCandleSpan got, rows, want;

      if (r == 0)
        a = 0, b = c->n;   /* all of it, once */
      ps_candle_levels_reduce (levels, c, a, b, &got);
      ps_candle_levels_reduce (NULL, c, a, b, &rows);
      brute_candles (c, a, b, &want);
      assert_same_double (got.open, want.open);
      assert_same_double (got.high, want.high);
      assert_same_double (got.low, want.low);
      assert_same_double (got.close, want.close);
      assert_same_double (got.scale_lo, want.scale_lo);
      assert_same_double (got.scale_hi, want.scale_hi);
      assert_same_double (rows.high, want.high);
      assert_same_double (rows.scale_hi, want.scale_hi);
      for (int with = 0; with < 2; with++)
        {
          double lo, hi;

          ps_candle_levels_scale (with ? levels : NULL, c, a, b, &lo, &hi);
          assert_same_double (lo, want.scale_lo);
          assert_same_double (hi, want.scale_hi);
        }
      /* Sums in another order: equal but for rounding. */
      g_assert_cmpfloat_with_epsilon (got.buy, want.buy, 1e-9 * MAX (1, want.buy));
      g_assert_cmpfloat_with_epsilon (got.sell, want.sell, 1e-9 * MAX (1, want.sell));
      g_assert_cmpfloat_with_epsilon (rows.buy, want.buy, 1e-9 * MAX (1, want.buy));
      g_assert_cmpfloat_with_epsilon (rows.sell, want.sell, 1e-9 * MAX (1, want.sell));
    }
  g_rand_free (rand);
  ps_candle_levels_free (levels);
}

/* A copy of c with prices to a tenth and volumes to a thousandth, packed:
 * the pyramid's rows reduced in integers, the volume split in mantissas;
 * without takers, no taker buys at all (a venue without the split). */
static PsCandles *
packed_copy (const PsCandles *c,
             gboolean         takers)
{
  PsCandles *p = ps_candles_new (c->n);

  for (guint i = 0; i < c->n; i++)
    {
      double v = ps_candles_volume_at (c, i), b = ps_candles_taker_buy_at (c, i);

      /* Over the volume by less than a rounding does not pack (nor come in
         decimals): over by a thousandth instead. */
      b = takers ? round ((b > v ? v + 0.001 : b) * 1000) / 1000 : NAN;
      ps_candles_append (p, c->t_ms[i], round (ps_candles_open_at (c, i) * 10) / 10,
                         round (ps_candles_high_at (c, i) * 10) / 10,
                         round (ps_candles_low_at (c, i) * 10) / 10,
                         round (ps_candles_close_at (c, i) * 10) / 10, round (v * 1000) / 1000, b);
    }
  ps_candles_pack (p);
  return p;
}

static void
test_candles_random (void)
{
  guint sizes[] = { 0, 1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000, 4097, 100003 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int holes = 0; holes < 2; holes++)
      {
        g_autoptr(PsCandles) c = random_candles (sizes[s], 7 + s, holes, holes);

        g_autoptr(PsCandles) packed = packed_copy (c, TRUE);
        g_autoptr(PsCandles) no_takers = packed_copy (c, FALSE);

        check_candles (c, sizes[s] > 10000 ? 300 : 100, 11 + s);
        if (sizes[s] > 0)
          {
            g_assert_cmpfloat (packed->columns[PS_CANDLE_OPEN].scale, !=, 0);
            g_assert_cmpfloat (packed->columns[PS_CANDLE_TAKER_BUY_VOLUME].scale, ==,
                               packed->columns[PS_CANDLE_VOLUME].scale);
            /* None: the volume's split by direction only, still in mantissas. */
            g_assert_cmpfloat (no_takers->columns[PS_CANDLE_VOLUME].scale, !=, 0);
            g_assert_cmpfloat (no_takers->columns[PS_CANDLE_TAKER_BUY_VOLUME].scale, !=,
                               no_takers->columns[PS_CANDLE_VOLUME].scale);
          }
        check_candles (packed, sizes[s] > 10000 ? 300 : 100, 11 + s);
        check_candles (no_takers, sizes[s] > 10000 ? 300 : 100, 11 + s);
      }
}

static void
test_candles_real (void)
{
  const char *files[] = { "binance_btcusdt_perp_5m_2024-12-01_2024-12-31.csv",
                          "binance_btcusdt_perp_4h_2022-01-02_2024-09-20.csv",
                          "btcusdt_spot_5m_2025-11-19_29.csv" };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(PsCandles) c = load_candles (files[f]);

      g_assert_cmpuint (c->n, >, 1000);
      check_candles (c, 200, 3 + f);
      /* Packed as the cache's read packs: the buckets reduced in integers. */
      ps_candles_pack (c);
      g_assert_true (c->columns[PS_CANDLE_OPEN].scale != 0 &&
                     c->columns[PS_CANDLE_VOLUME].scale != 0);
      check_candles (c, 200, 3 + f);
    }
}

/* Packed rows with holes: a bucket with a NAN goes the way of doubles. */
static void
test_candles_real_packed_holes (void)
{
  g_autoptr(PsCandles) c = load_candles ("binance_btcusdt_perp_5m_2024-12-01_2024-12-31.csv");

  for (guint i = 5; i < c->n; i += 97)
    ps_candles_edit_column (c, (PsCandleField) (i % (PS_CANDLE_VOLUME + 1)))[i] = NAN;
  ps_candles_pack (c);
  g_assert_true (c->columns[PS_CANDLE_HIGH].scale != 0);
  check_candles (c, 300, 29);
}

/* Open interest: the extremes with NANs skipped, and the largest step with a
 * hole counted as infinite. */
/* Rows [a, b) of oi reduced by levels, against a row at a time. */
static void
check_open_interest_range (const PsOiLevels     *levels,
                           const PsOpenInterest *oi,
                           guint                 a,
                           guint                 b)
{
  double lo = INFINITY, hi = -INFINITY;
  gint64 step = 0;
  PsOiSpan got;

  for (guint i = a; i < b; i++)
    {
      if (isfinite (oi->usd[i]))
        lo = MIN (lo, oi->usd[i]), hi = MAX (hi, oi->usd[i]);
      else
        step = G_MAXINT64;
      if (i > a)
        step = MAX (step, oi->t_ms[i] - oi->t_ms[i - 1]);
    }
  ps_oi_levels_reduce (levels, oi, a, b, &got);
  if (a == b)
    return;
  assert_same_double (got.min, isinf (lo) ? NAN : lo);
  assert_same_double (got.max, isinf (hi) ? NAN : hi);
  assert_same_double (got.first, oi->usd[a]);
  assert_same_double (got.last, oi->usd[b - 1]);
  g_assert_cmpint (got.max_step, ==, step);
  for (int with = 0; with < 2; with++)
    {
      double min, max;

      ps_oi_levels_range (with ? levels : NULL, oi, a, b, &min, &max);
      assert_same_double (min, isinf (lo) ? NAN : lo);
      assert_same_double (max, isinf (hi) ? NAN : hi);
    }
}

static void
check_open_interest (const PsOpenInterest *oi,
                     guint                 rounds,
                     guint32               seed)
{
  PsOiLevels *levels = ps_oi_levels_new (oi);
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint r = 0; r < rounds; r++)
    {
      guint a = oi->n > 0 ? g_rand_int_range (rand, 0, oi->n) : 0;
      guint b = oi->n > 0 ? g_rand_int_range (rand, a + 1, oi->n + 1) : 0;

      if (r == 0)
        a = 0, b = oi->n;
      check_open_interest_range (levels, oi, a, b);
    }
  g_rand_free (rand);
  ps_oi_levels_free (levels);
}

/* One odd row g in evenly spaced rows, at every place a range's rows,
 * buckets and ends can put it: a gap before it (the largest step must be
 * found where a run of rows meets the buckets or starts the range), a
 * hole, a zero, a value far above and far below the rest. */
static void
test_open_interest_odd_row (void)
{
  const guint n = 72;

  for (guint kind = 0; kind < 5; kind++)
    for (guint g = 1; g < n; g++)
      {
        g_autoptr(PsOpenInterest) oi = ps_open_interest_new (n);
        PsOiLevels *levels;
        gint64 t = T0;

        for (guint i = 0; i < n; i++)
          {
            double v = 8e9 + (double) ((i * 37) % 11) * 1e6;

            if (i == g)
              v = kind == 1 ? NAN : kind == 2 ? 0 : kind == 3 ? 9e9 : kind == 4 ? 7e9 : v;
            t += kind == 0 && i == g ? 3 * 5 * MINUTE_MS : 5 * MINUTE_MS;
            ps_open_interest_append (oi, t, NAN, v);
          }
        levels = ps_oi_levels_new (oi);
        for (guint a = 0; a <= g; a++)
          for (guint b = g + 1; b <= n; b += b < g + 20 ? 1 : 7)
            check_open_interest_range (levels, oi, a, b);
        ps_oi_levels_free (levels);
      }
}

static void
test_open_interest (void)
{
  guint sizes[] = { 0, 1, 16, 33, 1000, 50001 };
  g_autoptr(PsOpenInterest) real = load_open_interest ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(PsOpenInterest) oi = random_open_interest (sizes[s], 5 + s);

      check_open_interest (oi, 200, 9 + s);
    }
  check_open_interest (real, 100, 1);
}

/* Built once, kept with the series, dropped when the series grows; none for a
 * short series or when disabled. */
static void
test_cache (void)
{
  g_autoptr(PsCandles) small = random_candles (31, 1, FALSE, FALSE);
  g_autoptr(PsCandles) c = random_candles (1000, 2, FALSE, FALSE);
  const PsCandleLevels *levels;
  PsCandleSpan span;

  g_assert_null (ps_candles_get_levels (NULL));
  g_assert_null (ps_candles_get_levels (small));
  levels = ps_candles_get_levels (c);
  g_assert_nonnull (levels);
  g_assert_true (ps_candles_get_levels (c) == levels);
  g_assert_cmpuint (ps_candle_levels_get_size (levels), <, 1000 * sizeof (PsCandleSpan) / 4);

  ps_candles_append (c, T0 + 1000 * MINUTE_MS, 1, 1e6, 1, 1, 1, NAN);
  levels = ps_candles_get_levels (c);
  ps_candle_levels_reduce (levels, c, 0, c->n, &span);
  g_assert_cmpfloat (span.high, ==, 1e6);

  ps_levels_set_enabled (FALSE);
  g_assert_null (ps_candles_get_levels (c));
  ps_levels_set_enabled (TRUE);
}

static gpointer
get_levels_thread (gpointer data)
{
  return (gpointer) ps_candles_get_levels (data);
}

/* Threads racing to build: one pyramid wins, every caller gets it. */
static void
test_cache_threads (void)
{
  g_autoptr(PsCandles) c = random_candles (200000, 3, FALSE, FALSE);
  GThread *threads[4];
  gpointer got[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("levels", get_levels_thread, c);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    got[i] = g_thread_join (threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (got[i] == ps_candles_get_levels (c));
}

/* Liquidations ---------------------------------------------------------------- */

/* Random events, one to a few a minute; usd in whole thousands (ties), now
 * and then NAN, zero or negative, or a NAN price. */
static PsLiquidations *
random_liquidations (guint   n,
                     guint32 seed)
{
  PsLiquidations *liq = ps_liquidations_new (n);
  GRand *rand = g_rand_new_with_seed (seed);
  gint64 t = T0;

  for (guint i = 0; i < n; i++)
    {
      double usd = 1000.0 * g_rand_int_range (rand, 1, 400);
      double price = g_rand_double_range (rand, 80000, 100000);

      switch (g_rand_int_range (rand, 0, 60))
        {
        case 0: usd = NAN; break;
        case 1: usd = 0; break;
        case 2: usd = -usd; break;
        case 3: price = NAN; break;
        default: break;
        }
      t += g_rand_int_range (rand, 0, 3) * MINUTE_MS / 2;
      ps_liquidations_append (liq, t, g_rand_boolean (rand) ? PS_LIQ_LONG : PS_LIQ_SHORT,
                              PS_LIQ_SOURCE_LIVE, price, NAN, 1, usd);
    }
  g_rand_free (rand);
  return liq;
}

static gboolean
liq_counts (const PsLiquidations *liq,
            guint                 i)
{
  return isfinite (liq->usd[i]) && liq->usd[i] > 0 && isfinite (liq->price[i]);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const PsLiquidations *liq = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (liq->usd[x] != liq->usd[y])
    return liq->usd[x] > liq->usd[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* Each side's sum over runs, against the rows summed one by one. */
static void
test_liquidations_sums (void)
{
  g_autoptr(PsLiquidations) liq = random_liquidations (100000, 51);
  const PsLiqLevels *levels = ps_liquidations_get_levels (liq);
  GRand *rand = g_rand_new_with_seed (52);

  g_assert_nonnull (levels);
  for (guint r = 0; r < 300; r++)
    {
      guint a = g_rand_int_range (rand, 0, liq->n), b = g_rand_int_range (rand, a, liq->n + 1);
      double want[2] = { 0, 0 };

      if (r == 0)
        a = 0, b = liq->n;
      for (guint i = a; i < b; i++)
        if (isfinite (liq->usd[i]) && liq->usd[i] > 0)
          want[liq->side[i]] += liq->usd[i];
      for (int side = 0; side < 2; side++)
        g_assert_cmpfloat_with_epsilon (ps_liq_levels_sum (levels, side, a, b), want[side],
                                        1e-12 * 4e5 * liq->n);
    }
  g_assert_cmpfloat (ps_liq_levels_sum (levels, PS_LIQ_LONG, 10, 10), ==, 0);
  g_assert_cmpfloat (ps_liq_levels_sum (levels, PS_LIQ_LONG, 10, 5), ==, 0);
  g_rand_free (rand);
}

/* The rows of [a, b) that count into ref, sorted as the largest are
 * (usd down, then row); how many. */
static guint
largest_reference (const PsLiquidations *liq,
                   guint                 a,
                   guint                 b,
                   guint                *ref)
{
  guint n_ref = 0;

  for (guint i = a; i < b; i++)
    if (liq_counts (liq, i))
      ref[n_ref++] = i;
  g_qsort_with_data (ref, n_ref, sizeof *ref, compare_rows, (gpointer) liq);
  return n_ref;
}

/* The largest of any run: the same rows, in the same order, as sorting the
 * run (usd down, then row), with and without the tree. */
static void
test_liquidations_largest (void)
{
  g_autoptr(PsLiquidations) liq = random_liquidations (50000, 61);
  const PsLiqLevels *levels = ps_liquidations_get_levels (liq);
  GRand *rand = g_rand_new_with_seed (62);
  guint got[64], walked[64];

  g_assert_nonnull (levels);
  for (guint r = 0; r < 200; r++)
    {
      guint a = g_rand_int_range (rand, 0, liq->n), b = g_rand_int_range (rand, a, liq->n + 1);
      guint max = g_rand_int_range (rand, 1, 65), n_ref, n;
      g_autofree guint *ref = NULL;

      if (r == 0)
        a = 0, b = liq->n, max = 40;
      if (r == 1)
        b = MIN (a + 3, liq->n);   /* fewer rows than asked for */
      ref = g_new (guint, b - a + 1);
      n_ref = largest_reference (liq, a, b, ref);

      n = ps_liq_levels_largest (levels, liq, a, b, got, max);
      g_assert_cmpuint (n, ==, MIN (max, n_ref));
      g_assert_cmpuint (ps_liq_levels_largest (NULL, liq, a, b, walked, max), ==, n);
      for (guint k = 0; k < n; k++)
        {
          g_assert_cmpuint (got[k], ==, ref[k]);
          g_assert_cmpuint (walked[k], ==, ref[k]);
        }
    }
  g_rand_free (rand);
}

/* Asked again and again as a frame asks while the view moves: zoomed in
 * and out by a little or a lot, panned, jumped elsewhere, with as many or
 * fewer asked; each answer the run's own (sorted), whatever the answer
 * before it was. */
static void
test_liquidations_largest_moving (void)
{
  g_autoptr(PsLiquidations) liq = random_liquidations (60000, 63);
  const PsLiqLevels *levels = ps_liquidations_get_levels (liq);
  GRand *rand = g_rand_new_with_seed (64);
  g_autofree guint *ref = g_new (guint, liq->n);
  guint a = 1000, b = 50000, got[48];

  g_assert_nonnull (levels);
  for (guint r = 0; r < 3000; r++)
    {
      guint max = r % 97 == 0 ? g_rand_int_range (rand, 1, 48) : 40, n_ref, n;
      gint64 span = (gint64) b - a, d = MAX (span / 1000, 1);

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:   /* zoomed in at both ends */
          a += (guint) MIN (d, span / 3), b -= (guint) MIN (d, span / 3);
          break;
        case 1:   /* zoomed out */
          a = (guint) MAX ((gint64) a - 20 * d, 0), b = (guint) MIN ((gint64) b + 20 * d, liq->n);
          break;
        case 2:   /* panned right */
          a = (guint) MIN ((gint64) a + 5 * d, liq->n - 1);
          b = (guint) MIN ((gint64) b + 5 * d, liq->n);
          break;
        case 3:   /* panned left */
          a = (guint) MAX ((gint64) a - 5 * d, 0), b = (guint) MAX ((gint64) b - 5 * d, a + 1);
          break;
        case 4:   /* the same view */
          break;
        default:  /* elsewhere, wider or narrower */
          if (g_rand_int_range (rand, 0, 8) == 0)
            {
              a = g_rand_int_range (rand, 0, liq->n);
              b = g_rand_int_range (rand, a + 1, MIN (a + 30000, liq->n) + 1);
            }
          break;
        }
      n_ref = largest_reference (liq, a, b, ref);
      n = ps_liq_levels_largest (levels, liq, a, b, got, max);
      g_assert_cmpuint (n, ==, MIN (max, n_ref));
      for (guint k = 0; k < n; k++)
        if (got[k] != ref[k])
          g_error ("view %u [%u, %u), %u asked: pick %u is row %u, not %u", r, a, b, max, k,
                   got[k], ref[k]);
    }
  g_rand_free (rand);
}

/* Kept with the events, dropped when they grow: the largest after an
 * append is the new row. None for a few events or when disabled. */
static void
test_liquidations_cache (void)
{
  g_autoptr(PsLiquidations) small = random_liquidations (20, 71);
  g_autoptr(PsLiquidations) liq = random_liquidations (5000, 72);
  const PsLiqLevels *levels;
  guint row;

  g_assert_null (ps_liquidations_get_levels (NULL));
  g_assert_null (ps_liquidations_get_levels (small));
  levels = ps_liquidations_get_levels (liq);
  g_assert_nonnull (levels);
  g_assert_true (ps_liquidations_get_levels (liq) == levels);
  g_assert_cmpuint (ps_liq_levels_get_size (levels), <, 5000 * 24);

  ps_liquidations_append (liq, liq->t_ms[liq->n - 1], PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE,
                          90000, NAN, 100, 9e9);
  levels = ps_liquidations_get_levels (liq);
  g_assert_cmpuint (ps_liq_levels_largest (levels, liq, 0, liq->n, &row, 1), ==, 1);
  g_assert_cmpuint (row, ==, liq->n - 1);
  g_assert_cmpfloat (ps_liq_levels_sum (levels, PS_LIQ_SHORT, liq->n - 1, liq->n), ==, 9e9);

  ps_levels_set_enabled (FALSE);
  g_assert_null (ps_liquidations_get_levels (liq));
  ps_levels_set_enabled (TRUE);
}

/* Frames -------------------------------------------------------------------- */

static gboolean
same_surfaces (cairo_surface_t *a,
               cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) h * stride) == 0;
}

typedef void (*DrawFunc) (Fixture *f, gconstpointer series);

static void
draw_price (Fixture       *f,
            gconstpointer  series)
{
  ps_render_price (f->cr, &f->rect, f->axis, series, PS_INTERVAL_1M, "BTCUSDT", &f->style);
}

static void
draw_price_volume (Fixture       *f,
                   gconstpointer  series)
{
  PsPriceLayers layers = { .show_volume = TRUE };

  ps_render_price_layers (f->cr, &f->rect, f->axis, series, PS_INTERVAL_1M, &layers, "BTCUSDT",
                          &f->style);
}

static void
draw_open_interest (Fixture       *f,
                    gconstpointer  series)
{
  ps_render_open_interest (f->cr, &f->rect, f->axis, series, "Open interest", &f->style);
}

/* The frame drawn with the pyramid and without it: the same bytes. The
 * series' own levels stay built; disabling only hides them. */
static void
assert_same_frame (Fixture       *f,
                   DrawFunc       draw,
                   gconstpointer  series)
{
  cairo_surface_t *rows = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 400);
  cairo_t *cr = f->cr;

  ps_levels_set_enabled (TRUE);
  draw (f, series);
  ps_levels_set_enabled (FALSE);
  f->cr = cairo_create (rows);
  draw (f, series);
  cairo_destroy (f->cr);
  f->cr = cr;
  ps_levels_set_enabled (TRUE);
  if (!same_surfaces (f->surface, rows))
    {
      save_if_asked (f->surface, "levels-with");
      save_if_asked (rows, "levels-rows");
      g_error ("a frame drawn with levels differs from the one drawn row by row (%"
               G_GINT64_FORMAT " – %" G_GINT64_FORMAT ")",
               ps_time_axis_get_from_ms (f->axis), ps_time_axis_get_to_ms (f->axis));
    }
  cairo_surface_destroy (rows);
}

/* Views zoomed out, at odd offsets and widths, and one zoomed in. */
static void
for_views (Fixture       *f,
           gint64         t0,
           gint64         t1,
           DrawFunc       draw,
           gconstpointer  series)
{
  gint64 span = t1 - t0;
  gint64 views[][2] = {
    { t0, t1 },
    { t0 - span / 7, t1 + span / 5 },
    { t0 + span / 3 + 12345, t0 + span / 3 + span / 2 + 777 },
    { t0 + span / 10 + 1, t0 + span / 10 + span / 97 },
    { t0 + 17 * MINUTE_MS + 5, t0 + 17 * MINUTE_MS + 5 + 3000 * MINUTE_MS },
    { t0 + span / 2, t0 + span / 2 + 300 * MINUTE_MS },
  };

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      ps_time_axis_set_range (f->axis, views[v][0], views[v][1]);
      assert_same_frame (f, draw, series);
    }
}

static void
test_frame_price (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PsCandles) c = random_candles (300000, 21, TRUE, TRUE);
  g_autoptr(PsCandles) clean = random_candles (100000, 22, FALSE, FALSE);
  g_autoptr(PsCandles) real = load_candles ("binance_btcusdt_perp_5m_2024-12-01_2024-12-31.csv");

  for_views (f, c->t_ms[0], c->t_ms[c->n - 1], draw_price, c);
  for_views (f, clean->t_ms[0], clean->t_ms[clean->n - 1], draw_price, clean);
  for_views (f, real->t_ms[0], real->t_ms[real->n - 1], draw_price, real);
}

/* The volume bars under the price: each column's taker buys and sells
 * summed over the pyramid, the same bars as row by row; packed, in
 * integers. */
static void
test_frame_volume (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PsCandles) c = random_candles (300000, 23, TRUE, TRUE);
  g_autoptr(PsCandles) packed = packed_copy (c, TRUE);
  g_autoptr(PsCandles) no_takers = packed_copy (c, FALSE);
  g_autoptr(PsCandles) real = load_candles ("binance_btcusdt_perp_5m_2024-12-01_2024-12-31.csv");

  for_views (f, c->t_ms[0], c->t_ms[c->n - 1], draw_price_volume, c);
  for_views (f, packed->t_ms[0], packed->t_ms[packed->n - 1], draw_price_volume, packed);
  for_views (f, no_takers->t_ms[0], no_takers->t_ms[no_takers->n - 1], draw_price_volume,
             no_takers);
  ps_candles_pack (real);
  for_views (f, real->t_ms[0], real->t_ms[real->n - 1], draw_price_volume, real);
}

static void
test_frame_open_interest (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PsOpenInterest) oi = random_open_interest (200000, 31);

  for_views (f, oi->t_ms[0], oi->t_ms[oi->n - 1], draw_open_interest, oi);
}

static void
draw_open_interest_coin (Fixture       *f,
                         gconstpointer  series)
{
  PsOpenInterestOptions options = { PS_OI_UNIT_COIN, FALSE, "BTC" };

  ps_render_open_interest_with_options (f->cr, &f->rect, f->axis, series, &options,
                                        "Open interest (BTC)", &f->style);
}

/* In coins the line reads the contracts column, and its pyramid is that
 * column's: the USD levels' extremes would draw another line. Contracts
 * move against USD here (a price that halves), so borrowing them shows. */
static void
test_frame_open_interest_coin (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  GRand *rand = g_rand_new_with_seed (41);
  double usd = 8e9;
  gint64 t = T0;

  for (guint i = 0; i < 120000; i++)
    {
      double price = 100000.0 * (1.0 - 0.5 * i / 120000.0);

      usd *= 1 + g_rand_double_range (rand, -0.004, 0.004);
      ps_open_interest_append (oi, t, usd / price * (1 + g_rand_double_range (rand, -0.01, 0.01)),
                               usd);
      t += 5 * MINUTE_MS;
    }
  g_rand_free (rand);
  for_views (f, oi->t_ms[0], oi->t_ms[oi->n - 1], draw_open_interest_coin, oi);
  /* The USD line after: each column keeps its own pyramid. */
  for_views (f, oi->t_ms[0], oi->t_ms[oi->n - 1], draw_open_interest, oi);
}

/* A gap in the open interest still breaks the line when its rows go in
 * buckets: no line over the gap, a line on each side. */
static void
test_frame_open_interest_gap (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  PsColor line = over (&f->style.oi_line, &f->style.background);
  PsRect left, middle, right;
  double x0, x1;
  gint64 t = T0;

  for (guint i = 0; i < 100000; i++)
    {
      ps_open_interest_append (oi, t, NAN, 8e9 + (i % 1000) * 1e6);
      t += 5 * MINUTE_MS;
      if (i == 50000)
        t += 40000 * 5 * MINUTE_MS;
    }
  ps_time_axis_set_range (f->axis, oi->t_ms[0], oi->t_ms[oi->n - 1]);
  assert_same_frame (f, draw_open_interest, oi);

  x0 = f->plot.x + ps_time_axis_to_x (f->axis, oi->t_ms[50000], f->plot.width);
  x1 = f->plot.x + ps_time_axis_to_x (f->axis, oi->t_ms[50001], f->plot.width);
  g_assert_cmpfloat (x1 - x0, >, 40);
  middle = (PsRect) { x0 + 8, f->plot.y, x1 - x0 - 16, f->plot.height };
  left = (PsRect) { f->plot.x + 10, f->plot.y, x0 - f->plot.x - 20, f->plot.height };
  right = (PsRect) { x1 + 10, f->plot.y, f->plot.x + f->plot.width - x1 - 20, f->plot.height };
  g_assert_cmpuint (count_colour (f, &middle, &line), ==, 0);
  g_assert_cmpuint (count_colour (f, &left, &line), >, 100);
  g_assert_cmpuint (count_colour (f, &right, &line), >, 100);
}

/* Pan -------------------------------------------------------------------- */

typedef struct
{
  PsCandles      *candles;
  PsOpenInterest *oi;
  PsLiquidations *liq;
} PanSeries;

/* The three panes whose columns a pan keeps (ps-render-columns.c), one
 * under the other. */
static void
draw_panes (Fixture       *f,
            gconstpointer  data)
{
  const PanSeries *s = data;
  PsRecordedLiquidations recorded = { .events = s->liq };
  PsPriceLayers layers = { .liquidations = &recorded, .show_volume = TRUE };
  PsRect price = { 0, 0, f->rect.width, 200 }, oi = { 0, 200, f->rect.width, 100 };
  PsRect liq = { 0, 300, f->rect.width, 100 };

  cairo_set_source_rgb (f->cr, 1, 0, 1);
  cairo_paint (f->cr);
  ps_render_price_layers (f->cr, &price, f->axis, s->candles, PS_INTERVAL_1M, &layers,
                          "BTCUSDT", &f->style);
  ps_render_open_interest (f->cr, &oi, f->axis, s->oi, "Open interest", &f->style);
  ps_render_liquidations (f->cr, &liq, f->axis, &recorded, PS_INTERVAL_1M, "Liquidations",
                          &f->style);
}

/* The frame drawn with the columns the frames before kept, and with every
 * column computed afresh: the same bytes. */
static void
assert_same_as_fresh (Fixture         *f,
                      const PanSeries *s)
{
  cairo_surface_t *fresh = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 400);
  cairo_t *cr = f->cr;

  draw_panes (f, s);
  _ps_render_columns_set_enabled (FALSE);
  f->cr = cairo_create (fresh);
  draw_panes (f, s);
  cairo_destroy (f->cr);
  f->cr = cr;
  _ps_render_columns_set_enabled (TRUE);
  if (!same_surfaces (f->surface, fresh))
    {
      save_if_asked (f->surface, "pan-kept");
      save_if_asked (fresh, "pan-fresh");
      g_error ("a frame drawn with the kept columns differs from a fresh one (%" G_GINT64_FORMAT
               " – %" G_GINT64_FORMAT ", %g px)", ps_time_axis_get_from_ms (f->axis),
               ps_time_axis_get_to_ms (f->axis), f->rect.width);
    }
  cairo_surface_destroy (fresh);
}

/* Pans keep the columns: by whole columns and by fractions, both ways,
 * past the data's ends; a zoom, another width and a changed series each
 * leave none of them wrong. Columns are anchored to absolute time: a pan by
 * a whole column moves every column by one pixel, contents unchanged. */
static void
test_pan (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(PsCandles) candles = random_candles (200000, 81, TRUE, TRUE);
  g_autoptr(PsOpenInterest) oi = random_open_interest (40000, 82);
  g_autoptr(PsLiquidations) liq = random_liquidations (60000, 83);
  PanSeries s = { candles, oi, liq };
  gint64 t0 = candles->t_ms[0], span = (candles->t_ms[candles->n - 1] - t0) / 2;
  gint64 from = t0 + span / 4;
  const double pans[] = { 0, 1, 1, 5, 0.37, -3, -0.5, 40, 300, -900, 1200 };
  const PsCandleLevels *levels = ps_candles_get_levels (candles);
  guint32 before[160];
  guint n_candle = 0;
  double x;

  g_assert_nonnull (levels);
  for (guint k = 0; k < G_N_ELEMENTS (pans); k++)
    {
      from += (gint64) (pans[k] * (double) span / f->plot.width);
      ps_time_axis_set_range (f->axis, from, from + span);
      assert_same_as_fresh (f, &s);
      g_assert_nonnull (g_atomic_pointer_get (ps_candle_levels_get_cache (levels)));
    }

  /* A pan by exactly one column: the columns move a pixel right, as they
   * are (one a third in from the left, before and after). */
  span = (gint64) f->plot.width * 100000;
  from = t0 + 5000 * MINUTE_MS;
  ps_time_axis_set_range (f->axis, from, from + span);
  draw_panes (f, &s);
  x = f->plot.x + floor (f->plot.width / 3);
  for (guint y = 0; y < G_N_ELEMENTS (before); y++)
    {
      before[y] = pixel_at (f->surface, x, 30 + y);
      n_candle += before[y] == rgb_of (&f->style.up) || before[y] == rgb_of (&f->style.down);
    }
  g_assert_cmpuint (n_candle, >, 0);
  ps_time_axis_set_range (f->axis, from - 100000, from - 100000 + span);
  assert_same_as_fresh (f, &s);
  for (guint y = 0; y < G_N_ELEMENTS (before); y++)
    g_assert_cmphex (pixel_at (f->surface, x + 1, 30 + y), ==, before[y]);

  /* Zoomed, then another width: another key, nothing kept wrongly. */
  ps_time_axis_set_range (f->axis, from, from + span * 3 / 2);
  assert_same_as_fresh (f, &s);
  f->rect.width = 611;
  assert_same_as_fresh (f, &s);
  ps_time_axis_set_range (f->axis, from + 7 * span / 611, from + 7 * span / 611 + span * 3 / 2);
  assert_same_as_fresh (f, &s);
  f->rect.width = 800;

  /* The series changes: an appended candle with a wick far out in the last
   * column, appended open interest and liquidations; their pyramids and
   * what was kept with them go. */
  from = candles->t_ms[candles->n - 1] - span / 2;
  ps_time_axis_set_range (f->axis, from, from + span);
  assert_same_as_fresh (f, &s);
  ps_candles_append (candles, candles->t_ms[candles->n - 1] + MINUTE_MS, 90000, 200000, 1000,
                     90000, 10, NAN);
  ps_open_interest_append (oi, oi->t_ms[oi->n - 1] + 5 * MINUTE_MS, NAN, 1e12);
  ps_liquidations_append (liq, candles->t_ms[candles->n - 1], PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          90000, NAN, 1, 1e10);
  levels = ps_candles_get_levels (candles);
  g_assert_null (g_atomic_pointer_get (ps_candle_levels_get_cache (levels)));
  assert_same_as_fresh (f, &s);
}

/* A series read again in place of the one shown (a candle, open interest
 * and a liquidation more at the end; a row changed in the middle, a price
 * or only a volume; the
 * range moved on, so that it starts later too) takes
 * over what the panes kept of the columns before the first row that
 * differs, and a frame with it is the one drawn afresh. */
static void
test_carry (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PsCandles) candles = random_candles (200000, 91, TRUE, FALSE);
  g_autoptr(PsOpenInterest) oi = random_open_interest (40000, 92);
  g_autoptr(PsLiquidations) liq = random_liquidations (60000, 93);
  gint64 span = (candles->t_ms[candles->n - 1] - candles->t_ms[0]) / 2;
  gint64 from = candles->t_ms[candles->n - 1] + MINUTE_MS - span;
  PanSeries shown = { candles, oi, liq };

  for (int middle = 0; middle < 4; middle++)
    {
      gint64 start = middle == 2 ? candles->t_ms[5000] : G_MININT64;
      g_autoptr(PsCandles) again = ps_candles_slice (candles, start, G_MAXINT64);
      g_autoptr(PsOpenInterest) oi_again = ps_open_interest_slice (oi, start, G_MAXINT64);
      g_autoptr(PsLiquidations) liq_again = ps_liquidations_slice (liq, start, G_MAXINT64);
      PanSeries read = { again, oi_again, liq_again };
      const PsCandleLevels *levels = ps_candles_get_levels (candles);

      ps_time_axis_set_range (f->axis, from, from + span);
      assert_same_as_fresh (f, &shown);
      g_assert_nonnull (g_atomic_pointer_get (ps_candle_levels_get_cache (levels)));

      if (middle == 1)
        {
          /* A wick far out in a column the view shows. */
          guint i = candles->n - candles->n / 8;

          ps_candles_edit_column (again, PS_CANDLE_HIGH)[i] = ps_candles_high_at (candles, i) * 1.2;
          oi_again->usd[oi->n - oi->n / 8] *= 1.5;
          liq_again->usd[liq->n - liq->n / 8] = 5e9;
        }
      if (middle == 3)
        {
          /* Only a volume: the bar under the price grows. */
          guint i = candles->n - candles->n / 8;

          ps_candles_edit_column (again, PS_CANDLE_VOLUME)[i] = 1e6;
        }
      ps_candles_append (again, candles->t_ms[candles->n - 1] + MINUTE_MS, 90000, 99000, 80000,
                         95000, 1, NAN);
      ps_open_interest_append (oi_again, oi->t_ms[oi->n - 1] + 5 * MINUTE_MS, NAN, 2e10);
      ps_liquidations_append (liq_again, again->t_ms[again->n - 1], PS_LIQ_SHORT,
                              PS_LIQ_SOURCE_LIVE, 95000, NAN, 1, 3e9);

      ps_candles_carry_cache (again, candles);
      ps_open_interest_carry_cache (oi_again, oi);
      ps_liquidations_carry_cache (liq_again, liq);
      g_assert_null (g_atomic_pointer_get (ps_candle_levels_get_cache (levels)));
      g_assert_nonnull (g_atomic_pointer_get (
                          ps_candle_levels_get_cache (ps_candles_get_levels (again))));
      assert_same_as_fresh (f, &read);

      /* Nothing to carry from a series without levels or to itself. */
      ps_candles_carry_cache (again, again);
      ps_candles_carry_cache (candles, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/levels/candles/random", test_candles_random);
  g_test_add_func ("/levels/candles/real", test_candles_real);
  g_test_add_func ("/levels/candles/real-packed-holes", test_candles_real_packed_holes);
  g_test_add_func ("/levels/open-interest-odd-row", test_open_interest_odd_row);
  g_test_add_func ("/levels/open-interest", test_open_interest);
  g_test_add_func ("/levels/cache", test_cache);
  g_test_add_func ("/levels/cache/threads", test_cache_threads);
  g_test_add_func ("/levels/liquidations/sums", test_liquidations_sums);
  g_test_add_func ("/levels/liquidations/largest", test_liquidations_largest);
  g_test_add_func ("/levels/liquidations/largest-moving", test_liquidations_largest_moving);
  g_test_add_func ("/levels/liquidations/cache", test_liquidations_cache);
  g_test_add ("/levels/frame/price", Fixture, NULL, fixture_set_up, test_frame_price,
              fixture_tear_down);
  g_test_add ("/levels/frame/volume", Fixture, NULL, fixture_set_up, test_frame_volume,
              fixture_tear_down);
  g_test_add ("/levels/frame/open-interest", Fixture, NULL, fixture_set_up,
              test_frame_open_interest, fixture_tear_down);
  g_test_add ("/levels/frame/open-interest-coin", Fixture, NULL, fixture_set_up,
              test_frame_open_interest_coin, fixture_tear_down);
  g_test_add ("/levels/frame/open-interest-gap", Fixture, NULL, fixture_set_up,
              test_frame_open_interest_gap, fixture_tear_down);
  g_test_add ("/levels/frame/pan", Fixture, NULL, fixture_set_up, test_pan, fixture_tear_down);
  g_test_add ("/levels/frame/carry", Fixture, NULL, fixture_set_up, test_carry,
              fixture_tear_down);
  return g_test_run ();
}
