/* test-treadmill-resume.c: a treadmill run that takes the medians and rank
 * of unchanged candles from the run before gives what a run from nothing
 * gives, for every way a live window's next input differs from its last
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-treadmill.h"
#include "ps-treadmill-private.h"

#define MINUTE_MS (G_GINT64_CONSTANT (60000))
#define T0        (G_GINT64_CONSTANT (1767225600000))   /* 2026-01-01 */
/* Two baselines of 1m candles and more (the test's baseline is two days). */
#define N         6000

typedef struct
{
  PsCandles      *candles;
  PsOpenInterest *oi;
  PsFunding      *funding;
  PsLiquidations *liq;
  GArray         *not_recorded;   /* PsTreadmillSpan */
} Series;

/* A random walk with bursts: a few candles of wide ranges, heavy volume and
 * liquidations, open interest building and dropping, so that every phase
 * and every window is exercised. */
static void
series_init (Series *s,
             guint   n,
             guint32 seed)
{
  GRand *rand = g_rand_new_with_seed (seed);
  double price = 90000, oi = 8e9;

  s->candles = ps_candles_new (n);
  s->oi = ps_open_interest_new (n);
  s->funding = ps_funding_new (0);
  s->liq = ps_liquidations_new (0);
  s->not_recorded = g_array_new (FALSE, FALSE, sizeof (PsTreadmillSpan));
  for (guint i = 0; i < n; i++)
    {
      gint64 t = T0 + (gint64) i * MINUTE_MS;
      gboolean burst = g_rand_int_range (rand, 0, 300) == 0;
      double move = g_rand_double_range (rand, -0.0015, 0.0015) * (burst ? 8 : 1);
      double open = price, close = open * (1 + move);
      double high = MAX (open, close) * (1 + g_rand_double_range (rand, 0, burst ? 0.006 : 0.001));
      double low = MIN (open, close) * (1 - g_rand_double_range (rand, 0, burst ? 0.006 : 0.001));
      double volume = g_rand_double_range (rand, 50, 150) * (burst ? 6 : 1);

      ps_candles_append (s->candles, t, open, high, low, close, volume, volume / 2);
      oi *= 1 + g_rand_double_range (rand, -0.001, 0.0012) - (burst ? 0.02 : 0);
      ps_open_interest_append (s->oi, t + MINUTE_MS, oi / close, oi);
      if (i % 480 == 0)
        ps_funding_append (s->funding, t, g_rand_double_range (rand, -0.00005, 0.0003), NAN);
      if (burst || g_rand_int_range (rand, 0, 20) == 0)
        ps_liquidations_append (s->liq, t + 30000, move < 0 ? PS_LIQ_LONG : PS_LIQ_SHORT,
                                PS_LIQ_SOURCE_LIVE, close, close, 1,
                                g_rand_double_range (rand, 1e4, 1e6) * (burst ? 200 : 1));
      price = close;
    }
  /* The recorder was off for a while. */
  g_array_append_val (s->not_recorded, ((PsTreadmillSpan) { T0 + 1000 * MINUTE_MS,
                                                            T0 + 1300 * MINUTE_MS }));
  g_rand_free (rand);
}

static void
series_clear (Series *s)
{
  g_clear_pointer (&s->candles, ps_candles_unref);
  g_clear_pointer (&s->oi, ps_open_interest_unref);
  g_clear_pointer (&s->funding, ps_funding_unref);
  g_clear_pointer (&s->liq, ps_liquidations_unref);
  g_clear_pointer (&s->not_recorded, g_array_unref);
}

/* The first n candles of all, and every other series up to their end. */
static void
series_head (Series       *s,
             const Series *all,
             guint         n)
{
  gint64 end = all->candles->t_ms[n - 1] + MINUTE_MS;

  s->candles = ps_candles_slice (all->candles, G_MININT64, end);
  s->oi = ps_open_interest_slice (all->oi, G_MININT64, end);
  s->funding = ps_funding_slice (all->funding, G_MININT64, end);
  s->liq = ps_liquidations_slice (all->liq, G_MININT64, end);
  s->not_recorded = g_array_copy (all->not_recorded);
}

/* src with one event more at t, in time order. */
static PsLiquidations *
liquidations_with (const PsLiquidations *src,
                   gint64                t,
                   PsLiqSide             side,
                   double                price,
                   double                usd)
{
  PsLiquidations *liq = ps_liquidations_new (src->n + 1);
  gboolean added = FALSE;

  for (guint k = 0; k <= src->n; k++)
    {
      if (!added && (k == src->n || src->t_ms[k] > t))
        {
          ps_liquidations_append (liq, t, side, PS_LIQ_SOURCE_LIVE, price, price, 1, usd);
          added = TRUE;
        }
      if (k < src->n)
        ps_liquidations_append (liq, src->t_ms[k], (PsLiqSide) src->side[k],
                                (PsLiqSource) src->source[k], src->price[k], src->avg_price[k],
                                src->qty[k], src->usd[k]);
    }
  return liq;
}

static PsTreadmill *
run (const PsTreadmillParams *params,
     const Series            *s,
     const PsTreadmill       *previous)
{
  PsTreadmillInput input = { s->candles, s->oi, s->funding, s->liq, s->not_recorded, NULL };
  g_autoptr(GError) error = NULL;
  PsTreadmill *tm = ps_treadmill_compute_after (params, &input, previous, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tm);
  return tm;
}

static void
assert_same_treadmill (PsTreadmill *a,
                       PsTreadmill *b)
{
  guint n = ps_treadmill_get_n_candles (a);
  const GArray *pa = ps_treadmill_get_periods (a), *pb = ps_treadmill_get_periods (b);
  const char * const *na = ps_treadmill_get_notes (a), * const *nb = ps_treadmill_get_notes (b);

  g_assert_cmpuint (n, ==, ps_treadmill_get_n_candles (b));
  g_assert_cmpmem (ps_treadmill_get_phases (a), n, ps_treadmill_get_phases (b), n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (ps_treadmill_get_reasons (a, i), ==, ps_treadmill_get_reasons (b, i));
  g_assert_cmpuint (pa->len, ==, pb->len);
  for (guint k = 0; k < pa->len; k++)
    {
      const PsPhasePeriod *x = &g_array_index (pa, PsPhasePeriod, k);
      const PsPhasePeriod *y = &g_array_index (pb, PsPhasePeriod, k);

      g_assert_cmpint (x->from_ms, ==, y->from_ms);
      g_assert_cmpint (x->to_ms, ==, y->to_ms);
      g_assert_cmpint (x->phase, ==, y->phase);
      g_assert_cmpstr (x->reasons, ==, y->reasons);
    }
  g_assert_cmpstrv (na, nb);
}

/* Next from previous and from nothing: the same answer; the candles taken
 * from previous, medians and rank. */
static void
check_next (const PsTreadmillParams *params,
            const Series            *next,
            PsTreadmill             *previous,
            guint                   *reused_c,
            guint                   *reused_oi)
{
  g_autoptr(PsTreadmill) fresh = run (params, next, NULL);
  g_autoptr(PsTreadmill) after = run (params, next, previous);
  const PsTreadmillMemo *memo = _ps_treadmill_get_memo (after);

  const PsTreadmillMemo *fresh_memo = _ps_treadmill_get_memo (fresh);
  guint n = ps_treadmill_get_n_candles (fresh);

  assert_same_treadmill (fresh, after);
  g_assert_nonnull (memo);
  /* And every candle's medians and rank, the numbers the rules read (a
   * median of mostly quiet candles may hide a wrong one in the phases). */
  g_assert_cmpmem (fresh_memo->med_volume, n * sizeof (double), memo->med_volume,
                   n * sizeof (double));
  g_assert_cmpmem (fresh_memo->med_range, n * sizeof (double), memo->med_range,
                   n * sizeof (double));
  g_assert_cmpmem (fresh_memo->liq_median, n * sizeof (double), memo->liq_median,
                   n * sizeof (double));
  g_assert_cmpmem (fresh_memo->oi_rank, n * sizeof (double), memo->oi_rank, n * sizeof (double));
  g_assert_cmpmem (fresh_memo->oi_rank_n, n * sizeof (guint), memo->oi_rank_n,
                   n * sizeof (guint));
  g_assert_cmpuint (_ps_treadmill_get_memo (fresh)->reused_c, ==, 0);
  *reused_c = memo->reused_c;
  *reused_oi = memo->reused_oi;
}

static void
test_resume_live (void)
{
  Series all, shown;
  PsTreadmillParams params;
  g_autoptr(PsTreadmill) first = NULL;
  guint n = N - 10, rc, roi, phases_seen = 0;

  /* A baseline of two days (2,880 candles, a median from 720): the windows
   * fill, then rebuild by their refresh. */
  ps_treadmill_params_init (&params);
  params.baseline_ms = 2 * 24 * 60 * MINUTE_MS;
  params.lookback_ms = 4 * 60 * MINUTE_MS;
  series_init (&all, N, 7);
  series_head (&shown, &all, n);
  first = run (&params, &shown, NULL);
  for (PsPhase p = PS_PHASE_BUILDING; p < PS_N_PHASES; p++)
    for (guint i = 0; i < n; i++)
      if (ps_treadmill_get_phases (first)[i] == p)
        {
          phases_seen++;
          break;
        }
  /* The data is not a dull one: rules fire. */
  g_assert_cmpuint (phases_seen, >=, 2);

  /* Liquidations in the last candle (most runs of a live window). */
  {
    Series next;
    double close = ps_candles_close_at (shown.candles, n - 1);

    series_head (&next, &all, n);
    for (guint k = 0; k < 3; k++)
      ps_liquidations_append (next.liq, shown.candles->t_ms[n - 1] + 1000 * (k + 1), PS_LIQ_LONG,
                              PS_LIQ_SOURCE_LIVE, close, close, 1, 5e6);
    check_next (&params, &next, first, &rc, &roi);
    g_assert_cmpuint (rc, ==, n - 1);
    g_assert_cmpuint (roi, >, n - 5);
    series_clear (&next);
  }

  /* A candle more, with its open interest and liquidations. */
  {
    Series next;

    series_head (&next, &all, n + 1);
    check_next (&params, &next, first, &rc, &roi);
    g_assert_cmpuint (rc, >=, n - 1);
    g_assert_cmpuint (roi, >, n - 5);
    series_clear (&next);
  }

  /* The live candle's close and volume moved. */
  {
    Series next;

    series_head (&next, &all, n);
    ps_candles_edit_column (next.candles, PS_CANDLE_CLOSE)[n - 1] *= 1.01;
    ps_candles_edit_column (next.candles, PS_CANDLE_VOLUME)[n - 1] *= 3;
    check_next (&params, &next, first, &rc, &roi);
    g_assert_cmpuint (rc, ==, n - 1);
    series_clear (&next);
  }

  /* A liquidation far back (a recorder's late batch): every candle from
   * there on computed afresh, and some of their phases may change. */
  {
    Series next;
    guint at = n / 2;
    double close = ps_candles_close_at (shown.candles, at);

    series_head (&next, &all, n);
    {
      PsLiquidations *more = liquidations_with (next.liq, shown.candles->t_ms[at] + 5000,
                                                PS_LIQ_SHORT, close, 5e9);

      ps_liquidations_unref (next.liq);
      next.liq = more;
    }
    check_next (&params, &next, first, &rc, &roi);
    g_assert_cmpuint (rc, ==, at);
    series_clear (&next);
  }

  /* Volumes corrected over a stretch (a venue's history read again): the
   * medians from there on move. */
  {
    Series next;
    guint at = n / 4;

    series_head (&next, &all, n);
    for (guint i = at; i < at + 2000; i++)
      ps_candles_edit_column (next.candles, PS_CANDLE_VOLUME)[i] *= 3;
    check_next (&params, &next, first, &rc, &roi);
    g_assert_cmpuint (rc, ==, at);
    series_clear (&next);
  }

  /* An open interest sample corrected in the middle: the rank from there. */
  {
    Series next;
    guint at = n / 3;

    series_head (&next, &all, n);
    next.oi->usd[at] *= 1.5;
    next.oi->contracts[at] *= 1.5;
    check_next (&params, &next, first, &rc, &roi);
    g_assert_cmpuint (rc, ==, n - 1 + 1);
    g_assert_cmpuint (roi, <=, at);
    g_assert_cmpuint (roi, >, at - 5);
    series_clear (&next);
  }

  /* The recorder was off for another while: those candles' liquidations
   * become unknown. */
  {
    Series next;
    guint at = 2 * n / 3;

    series_head (&next, &all, n);
    g_array_append_val (next.not_recorded,
                        ((PsTreadmillSpan) { shown.candles->t_ms[at],
                                             shown.candles->t_ms[at] + 90 * MINUTE_MS }));
    check_next (&params, &next, first, &rc, &roi);
    g_assert_cmpuint (rc, ==, at);
    series_clear (&next);
  }

  /* The range moved on: the candles start later, nothing is taken. */
  {
    Series next;

    next.candles = ps_candles_slice (all.candles, all.candles->t_ms[100], G_MAXINT64);
    next.oi = ps_open_interest_slice (all.oi, all.candles->t_ms[100], G_MAXINT64);
    next.funding = ps_funding_slice (all.funding, G_MININT64, G_MAXINT64);
    next.liq = ps_liquidations_slice (all.liq, G_MININT64, G_MAXINT64);
    next.not_recorded = g_array_copy (all.not_recorded);
    check_next (&params, &next, first, &rc, &roi);
    g_assert_cmpuint (rc, ==, 0);
    g_assert_cmpuint (roi, ==, 0);
    series_clear (&next);
  }

  /* Other parameters: nothing is taken. */
  {
    PsTreadmillParams other = params;
    Series next;

    other.lookback_ms /= 2;
    series_head (&next, &all, n);
    check_next (&other, &next, first, &rc, &roi);
    g_assert_cmpuint (rc, ==, 0);
    g_assert_cmpuint (roi, ==, 0);
    series_clear (&next);
  }

  /* A chain, as a window makes one: each run after the last, a candle and
   * a liquidation more each time; the last of them against a fresh run. */
  {
    g_autoptr(PsTreadmill) last = ps_treadmill_ref (first);

    for (guint k = 1; k <= 5; k++)
      {
        Series next;
        PsTreadmill *after;

        series_head (&next, &all, n + k);
        after = run (&params, &next, last);
        g_assert_cmpuint (_ps_treadmill_get_memo (after)->reused_c, >=, n + k - 2);
        ps_treadmill_unref (last);
        last = after;
        if (k == 5)
          {
            g_autoptr(PsTreadmill) fresh = run (&params, &next, NULL);

            assert_same_treadmill (fresh, last);
          }
        series_clear (&next);
      }
  }

  series_clear (&shown);
  series_clear (&all);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/treadmill/resume/live", test_resume_live);
  return g_test_run ();
}
