/* test-score.c: scores of a liquidation estimate, hand-computed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-score.h"
#include "ps-test-util.h"
#include "ps-treadmill.h"

#define H (60 * 60 * 1000)
#define M (60 * 1000)

static void
test_rank_perfect_and_inverse (void)
{
  const double x[] = { 1, 2, 3, 4 };
  const double up[] = { 10, 20, 35, 400 };    /* monotone, not linear: still 1 */
  const double down[] = { 9, 7, 3, -1 };

  g_assert_cmpfloat_with_epsilon (ps_rank_correlation (x, up, 4), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ps_rank_correlation (x, down, 4), -1.0, 1e-12);
}

static void
test_rank_ties (void)
{
  const double x[] = { 1, 2, 2, 3 };
  const double y[] = { 1, 2, 3, 4 };
  const double a[] = { 3, 1, 2, 1, 5 };
  const double b[] = { 5, 4, 3, 2, 1 };

  /* Ranks 1, 2.5, 2.5, 4 against 1..4: Σdxdy 4.5, Σdx² 4.5, Σdy² 5 → √0.9. */
  g_assert_cmpfloat_with_epsilon (ps_rank_correlation (x, y, 4), sqrt (0.9), 1e-12);
  /* Unsorted with a tie: ranks 4, 1.5, 3, 1.5, 5 against 5..1: −2 / √95. */
  g_assert_cmpfloat_with_epsilon (ps_rank_correlation (a, b, 5), -2 / sqrt (95), 1e-12);
}

/* Ranks by their definition: how many lie below, plus the mean place among
 * the equal ones. */
static double
reference_rank_correlation (const double *x,
                            const double *y,
                            guint         n)
{
  g_autofree double *rx = g_new (double, n);
  g_autofree double *ry = g_new (double, n);
  double mean = (n + 1) / 2.0, sxy = 0, sxx = 0, syy = 0;

  for (guint i = 0; i < n; i++)
    {
      guint bx = 0, ex = 0, by = 0, ey = 0;

      for (guint k = 0; k < n; k++)
        {
          bx += x[k] < x[i], ex += x[k] == x[i];
          by += y[k] < y[i], ey += y[k] == y[i];
        }
      rx[i] = (bx + 1 + (bx + ex)) / 2.0;
      ry[i] = (by + 1 + (by + ey)) / 2.0;
    }
  for (guint i = 0; i < n; i++)
    {
      sxy += (rx[i] - mean) * (ry[i] - mean);
      sxx += (rx[i] - mean) * (rx[i] - mean);
      syy += (ry[i] - mean) * (ry[i] - mean);
    }
  return sxy / sqrt (sxx * syy);
}

/* Mostly zeros, as candles' liquidations are, with −0, ties above and
 * values below zero among them (the zeros are ranked as one tie without a
 * sort): what the definition gives. */
static void
test_rank_zeros (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint round = 0; round < 40; round++)
    {
      guint n = 3 + g_rand_int_range (rand, 0, 300);
      g_autofree double *x = g_new (double, n);
      g_autofree double *y = g_new (double, n);

      for (guint i = 0; i < n; i++)
        {
          int kx = g_rand_int_range (rand, 0, 20), ky = g_rand_int_range (rand, 0, 20);

          /* 0 and −0, a few repeated values, negatives now and then. */
          x[i] = kx < 14 ? (kx % 2 ? -0.0 : 0.0) : kx < 17 ? kx - 15 : g_rand_double (rand);
          y[i] = ky < 15 ? 0.0 : ky == 15 ? -3 : ky - 14 + (round % 2 ? g_rand_double (rand) : 0);
        }
      x[0] = 1, y[0] = 2;   /* never all alike */
      x[1] = 0, y[1] = 0;
      g_assert_cmpfloat_with_epsilon (ps_rank_correlation (x, y, n),
                                      reference_rank_correlation (x, y, n), 1e-12);
    }
}

static void
test_rank_undefined (void)
{
  const double x[] = { 1, 2, 3 };
  const double flat[] = { 7, 7, 7 };
  const double nan[] = { 1, NAN, 3 };

  g_assert_true (isnan (ps_rank_correlation (x, x, 2)));
  g_assert_true (isnan (ps_rank_correlation (x, flat, 3)));
  g_assert_true (isnan (ps_rank_correlation (flat, x, 3)));
  g_assert_true (isnan (ps_rank_correlation (x, nan, 3)));
  g_assert_true (isnan (ps_rank_correlation (NULL, NULL, 0)));
}

/* Six hourly candles around 100; candle 2 half and candle 5 wholly in time
 * no recorder listened to, so both are left out. */
typedef struct
{
  gint64 t[6];
  double high[6];
  double low[6];
  double pred_long[6];
  double pred_short[6];
  PsLiquidations *liq;
  GArray *zones;
  GArray *not_recorded;
  PsScoreInput input;
} Fixture;

static void
add_zone (GArray   *zones,
          PsLiqSide side,
          double    lo,
          double    hi,
          gint64    from_ms,
          gint64    to_ms)
{
  PsHeatZone z = { side, lo, hi, (lo + hi) / 2, 1000, from_ms, to_ms };

  g_array_append_val (zones, z);
}

static void
add_span (GArray *spans,
          gint64  from_ms,
          gint64  to_ms)
{
  PsTreadmillSpan s = { from_ms, to_ms };

  g_array_append_val (spans, s);
}

static void
add_liq (PsLiquidations *liq,
         guint           candle,
         PsLiqSide       side,
         double          price,
         double          avg_price,
         double          usd)
{
  ps_liquidations_append (liq, candle * H + 10 * M, side, PS_LIQ_SOURCE_LIVE,
                          price, avg_price, usd / price, usd);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const double high[] = { 105, 100, 120, 110, 102, 150 };
  const double low[] = { 95, 90, 80, 100, 98, 50 };
  const double pl[] = { 1, 2, 100, 3, 4, 100 };
  const double ps[] = { 4, 3, 0, 2, 1, 0 };

  for (guint i = 0; i < 6; i++)
    {
      f->t[i] = i * H;
      f->high[i] = high[i];
      f->low[i] = low[i];
      f->pred_long[i] = pl[i];
      f->pred_short[i] = ps[i];
    }

  /* Events sorted by time, ten minutes into their candle. */
  f->liq = ps_liquidations_new (0);
  add_liq (f->liq, 0, PS_LIQ_LONG, 100, NAN, 10);
  add_liq (f->liq, 0, PS_LIQ_SHORT, 100, NAN, 1);
  add_liq (f->liq, 1, PS_LIQ_LONG, 91, NAN, 20);
  add_liq (f->liq, 1, PS_LIQ_SHORT, 110, NAN, 2);
  add_liq (f->liq, 2, PS_LIQ_LONG, 91, NAN, 5);      /* in Z1, but not recorded time */
  add_liq (f->liq, 3, PS_LIQ_LONG, 105, NAN, 30);
  add_liq (f->liq, 3, PS_LIQ_SHORT, 109, 115, 3);    /* filled at 115: outside Z2 */
  add_liq (f->liq, 4, PS_LIQ_LONG, 102, NAN, 40);    /* in Z4's band, wrong side */
  add_liq (f->liq, 4, PS_LIQ_SHORT, 101.5, NAN, 4);
  add_liq (f->liq, 5, PS_LIQ_LONG, 60, NAN, 1);      /* in Z3, not recorded time */

  f->zones = g_array_new (FALSE, FALSE, sizeof (PsHeatZone));
  add_zone (f->zones, PS_LIQ_LONG, 88, 92, 0, 3 * H);       /* Z1: crossed by 1, hit */
  add_zone (f->zones, PS_LIQ_SHORT, 108, 112, 1 * H, 4 * H);/* Z2: crossed by 3, no hit */
  add_zone (f->zones, PS_LIQ_LONG, 60, 70, 0, 6 * H);       /* Z3: only candle 5 crosses */
  add_zone (f->zones, PS_LIQ_SHORT, 101, 103, 4 * H, 5 * H);/* Z4: crossed by 4, hit */

  f->not_recorded = g_array_new (FALSE, FALSE, sizeof (PsTreadmillSpan));
  add_span (f->not_recorded, -H, 0);                 /* ends where candle 0 opens */
  add_span (f->not_recorded, 2 * H + 30 * M, 3 * H); /* half of candle 2 */
  add_span (f->not_recorded, 5 * H, 6 * H);

  f->input = (PsScoreInput) {
    .n = 6, .t_ms = f->t, .interval_ms = H, .high = f->high, .low = f->low,
    .predicted_long = f->pred_long, .predicted_short = f->pred_short,
    .zones = f->zones, .liquidations = f->liq, .not_recorded = f->not_recorded,
  };
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->liq, ps_liquidations_unref);
  g_clear_pointer (&f->zones, g_array_unref);
  g_clear_pointer (&f->not_recorded, g_array_unref);
}

static void
test_score_skips_not_recorded (Fixture       *f,
                               gconstpointer  data)
{
  PsScore score;

  /* Scored: 0, 1, 3, 4. Longs 1,2,3,4 vs 10,20,30,40: 1; shorts 4,3,2,1 vs
   * 1,2,3,4: −1. With candle 2 (100 vs 5) the long side would not be 1. */
  ps_score_compute (&f->input, &score);
  g_assert_cmpuint (score.n_scored, ==, 4);
  g_assert_cmpfloat_with_epsilon (score.rank_corr_long, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (score.rank_corr_short, -1.0, 1e-12);
  /* Pooled ranks 1.5 3.5 5.5 7.5 7.5 5.5 3.5 1.5 vs 5 6 7 8 1 2 3 4: Σ = 0. */
  g_assert_cmpfloat_with_epsilon (score.rank_corr, 0.0, 1e-12);
  g_assert_cmpfloat (score.recorded_usd, ==, 110);

  /* Everything recorded: candle 2 and 5 come back. */
  f->input.not_recorded = NULL;
  ps_score_compute (&f->input, &score);
  g_assert_cmpuint (score.n_scored, ==, 6);
  g_assert_cmpfloat (score.recorded_usd, ==, 116);
  g_assert_cmpfloat (score.rank_corr_long, <, 1.0);
}

static void
test_score_zones (Fixture       *f,
                  gconstpointer  data)
{
  PsScore score;

  ps_score_compute (&f->input, &score);
  /* Z1 (long event at 91 in candle 1), Z2 (crossed by candle 3, whose short
   * filled at 115), Z4 (short event at 101.5; the long one at 102 is the
   * wrong side). Z3 is crossed only by the unrecorded candle 5. */
  g_assert_cmpuint (score.zones_crossed, ==, 3);
  g_assert_cmpuint (score.zones_hit, ==, 2);
  g_assert_cmpfloat_with_epsilon (score.hit_rate, 2.0 / 3.0, 1e-12);
  /* In a zone of its side known then: 20 (Z1) + 2 (Z2) + 4 (Z4) of 110. */
  g_assert_cmpfloat (score.recorded_usd_in_zones, ==, 26);
  g_assert_cmpfloat_with_epsilon (score.share_in_zones, 26.0 / 110.0, 1e-12);
  /* Of the scored candles' ranges, zones of the side known then cover:
   * candle 0 (95–105) none; 1 (90–100) longs 90–92 of Z1, 0.2; 3 (100–110)
   * shorts 108–110 of Z2, 0.2 (Z1 ended at 3 h); 4 (98–102) shorts 101–102
   * of Z4, 0.25. Mean over candles and sides (0 + 0.1 + 0.1 + 0.125) / 4. */
  g_assert_cmpfloat_with_epsilon (score.zone_price_share, 0.325 / 4, 1e-12);
  /* By chance: 20 · 0.2 + 3 · 0.2 + 4 · 0.25 = 5.6 (candle 1's short at 110
   * lay outside its candle's range, so in Z2 beyond what chance gives). */
  g_assert_cmpfloat_with_epsilon (score.expected_usd_in_zones, 5.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (score.lift, 26 / 5.6, 1e-12);

  /* Z2 from 2 h: candle 1's short at 110 is no longer inside it in time. */
  g_array_index (f->zones, PsHeatZone, 1).from_ms = 2 * H;
  ps_score_compute (&f->input, &score);
  g_assert_cmpfloat (score.recorded_usd_in_zones, ==, 24);
  g_assert_cmpuint (score.zones_crossed, ==, 3);

  /* No zones: nothing crossed, nothing inside, nothing to expect. */
  f->input.zones = NULL;
  ps_score_compute (&f->input, &score);
  g_assert_cmpuint (score.zones_crossed, ==, 0);
  g_assert_true (isnan (score.hit_rate));
  g_assert_cmpfloat (score.share_in_zones, ==, 0);
  g_assert_cmpfloat (score.zone_price_share, ==, 0);
  g_assert_true (isnan (score.lift));
}

/* Overlapping zones count their common band once; a candle without range
 * is covered when a zone holds its price. */
static void
test_score_coverage (Fixture       *f,
                     gconstpointer  data)
{
  PsScore score;

  g_array_set_size (f->zones, 0);
  add_zone (f->zones, PS_LIQ_LONG, 90, 94, 1 * H, 2 * H);
  add_zone (f->zones, PS_LIQ_LONG, 92, 96, 1 * H, 2 * H);   /* 90–96 together: 0.6 */
  add_zone (f->zones, PS_LIQ_SHORT, 99, 101, 4 * H, 5 * H);
  f->high[4] = f->low[4] = 100;                               /* candle 4: no range */
  ps_score_compute (&f->input, &score);
  /* Candles 0, 1, 3, 4: (0 + 0.6 / 2 + 0 + 1 / 2) / 4. */
  g_assert_cmpfloat_with_epsilon (score.zone_price_share, 0.8 / 4, 1e-12);
  /* 20 · 0.6 + 4 · 1; the long at 91 and the short at 101.5 (outside 99–101). */
  g_assert_cmpfloat_with_epsilon (score.expected_usd_in_zones, 16, 1e-12);
  g_assert_cmpfloat (score.recorded_usd_in_zones, ==, 20);
  g_assert_cmpfloat_with_epsilon (score.lift, 20.0 / 16, 1e-12);
}

/* A zone as wide as every candle's range holds every liquidation (share
 * 100 %) but only what its width gives by chance (lift 1): the fixture's
 * narrow zones, with less share, win on lift and in the verdict. */
static void
test_score_wide_zone_loses (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GArray) wide = g_array_new (FALSE, FALSE, sizeof (PsHeatZone));
  g_autofree char *text = NULL;
  PsScore narrow, flat, none;

  add_zone (wide, PS_LIQ_LONG, 0, 1000, 0, 6 * H);
  add_zone (wide, PS_LIQ_SHORT, 0, 1000, 0, 6 * H);
  ps_score_compute (&f->input, &narrow);
  f->input.zones = wide;
  ps_score_compute (&f->input, &flat);

  g_assert_cmpfloat (flat.share_in_zones, ==, 1);
  g_assert_cmpfloat (flat.zone_price_share, ==, 1);
  g_assert_cmpfloat (flat.lift, ==, 1);
  g_assert_cmpfloat (narrow.share_in_zones, <, flat.share_in_zones);
  g_assert_cmpfloat (narrow.lift, >, 4);

  none = (PsScore) { .rank_corr = NAN, .hit_rate = NAN, .lift = NAN };
  narrow.rank_corr = flat.rank_corr = NAN;   /* the same predictions: lift and hits only */
  text = ps_score_verdict (&narrow, &flat, &none);
  /* The wide zone still wins the hit rate (2 of 2 against 2 of 3). */
  g_assert_nonnull (strstr (text, "The model does not beat the baselines on zone hits "
                                  "(67 % vs 100 % uniform, n/a round numbers)."));
  g_assert_nonnull (strstr (text, "The model beats only the uniform baseline on lift of "
                                  "recorded USD in zones (4.64× vs 1.00× uniform, "
                                  "n/a round numbers)."));
  /* Two zones hit: the lift is said to be thin. */
  g_assert_true (g_str_has_suffix (text, " The model’s lift rests on 2 zone hits: thin "
                                         "evidence."));
}

static void
test_score_nothing_recorded (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PsLiquidations) empty = ps_liquidations_new (0);
  PsScore score;

  f->input.liquidations = empty;
  ps_score_compute (&f->input, &score);
  g_assert_cmpuint (score.n_scored, ==, 4);
  g_assert_true (isnan (score.rank_corr_long));   /* recorded all 0: no variation */
  g_assert_true (isnan (score.rank_corr));
  g_assert_cmpuint (score.zones_crossed, ==, 3);
  g_assert_cmpuint (score.zones_hit, ==, 0);
  g_assert_cmpfloat (score.hit_rate, ==, 0);
  g_assert_true (isnan (score.share_in_zones));

  f->input.liquidations = NULL;
  ps_score_compute (&f->input, &score);
  g_assert_cmpuint (score.n_scored, ==, 4);
  g_assert_true (isnan (score.rank_corr_short));
  g_assert_true (isnan (score.share_in_zones));

  f->input.n = 0;
  ps_score_compute (&f->input, &score);
  g_assert_cmpuint (score.n_scored, ==, 0);
  g_assert_true (isnan (score.hit_rate));
}

static PsScore
make_score (double rank,
            double hit,
            double lift)
{
  return (PsScore) { .rank_corr = rank, .hit_rate = hit, .lift = lift, .zones_hit = 10 };
}

static void
test_verdict_wins (void)
{
  PsScore model = make_score (0.41, 0.6, 2.5);
  PsScore uniform = make_score (0.12, 0.3, 1.2);
  PsScore round = make_score (0.08, 0.2, 0.9);
  g_autofree char *text = ps_score_verdict (&model, &uniform, &round);

  g_assert_cmpstr (text, ==,
                   "The model beats both baselines on rank correlation (0.41 vs 0.12 uniform, "
                   "0.08 round numbers), zone hits (60 % vs 30 % uniform, 20 % round numbers) "
                   "and lift of recorded USD in zones (2.50× vs 1.20× uniform, "
                   "0.90× round numbers).");
}

static void
test_verdict_mixed (void)
{
  PsScore model = make_score (0.41, 0.4, 1.3);
  PsScore uniform = make_score (0.12, 0.55, 1.2);
  PsScore round = make_score (0.08, 0.45, 1.4);
  g_autofree char *text = ps_score_verdict (&model, &uniform, &round);

  g_assert_cmpstr (text, ==,
                   "The model beats both baselines on rank correlation (0.41 vs 0.12 uniform, "
                   "0.08 round numbers) but not on zone hits (40 % vs 55 % uniform, "
                   "45 % round numbers). The model beats only the uniform baseline on lift of "
                   "recorded USD in zones (1.30× vs 1.20× uniform, 1.40× round numbers).");
}

static void
test_verdict_loses (void)
{
  PsScore model = make_score (0.05, 0.2, 0.8);
  PsScore uniform = make_score (0.12, 0.2, 1.1);   /* a tie is no win */
  PsScore round = make_score (0.08, 0.3, 0.8);
  g_autofree char *text = ps_score_verdict (&model, &uniform, &round);

  g_assert_true (g_str_has_prefix (text, "The model does not beat the baselines on this window."));
  g_assert_nonnull (strstr (text, "rank correlation (0.05 vs 0.12 uniform, 0.08 round numbers)"));
  g_assert_null (strstr (text, "beats both"));
  /* A lift of 1 or less is said whatever the baselines did. */
  g_assert_true (g_str_has_suffix (text, " The model’s zones held no more recorded USD than "
                                         "their width gives by chance (lift 0.80×)."));
}

static void
test_verdict_one_baseline (void)
{
  PsScore model = make_score (0.62, 0.4, 1.5);
  PsScore uniform = make_score (0.64, 1.0, 1.6);
  PsScore round = make_score (0.46, 0.17, 1.1);
  g_autofree char *text = ps_score_verdict (&model, &uniform, &round);

  /* One sentence for the measures that beat the same baseline. */
  g_assert_cmpstr (text, ==,
                   "The model beats only the round-number baseline on rank correlation "
                   "(0.62 vs 0.64 uniform, 0.46 round numbers), zone hits (40 % vs 100 % "
                   "uniform, 17 % round numbers) and lift of recorded USD in zones (1.50× vs "
                   "1.60× uniform, 1.10× round numbers).");
}

static void
test_verdict_nan (void)
{
  PsScore none = make_score (NAN, NAN, NAN);
  PsScore model = make_score (0.3, NAN, 1.5);
  PsScore uniform = make_score (0.1, NAN, 1.2);
  PsScore round = make_score (0.2, 0.5, NAN);
  g_autofree char *nothing = ps_score_verdict (&none, &none, &none);
  g_autofree char *partly = ps_score_verdict (&model, &uniform, &round);

  g_assert_cmpstr (nothing, ==, "Not enough recorded liquidations to score.");
  /* Zone hits unscored for the model; the share has one baseline to beat. */
  g_assert_cmpstr (partly, ==,
                   "The model beats both baselines on rank correlation (0.30 vs 0.10 uniform, "
                   "0.20 round numbers). The model beats only the uniform baseline on lift of "
                   "recorded USD in zones (1.50× vs 1.20× uniform, n/a round numbers). "
                   "Not enough recorded liquidations to score zone hits.");
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/analysis/score/rank-perfect-inverse", test_rank_perfect_and_inverse);
  g_test_add_func ("/perpscope/analysis/score/rank-ties", test_rank_ties);
  g_test_add_func ("/perpscope/analysis/score/rank-zeros", test_rank_zeros);
  g_test_add_func ("/perpscope/analysis/score/rank-undefined", test_rank_undefined);
  g_test_add ("/perpscope/analysis/score/skips-not-recorded", Fixture, NULL,
              fixture_set_up, test_score_skips_not_recorded, fixture_tear_down);
  g_test_add ("/perpscope/analysis/score/zones", Fixture, NULL,
              fixture_set_up, test_score_zones, fixture_tear_down);
  g_test_add ("/perpscope/analysis/score/coverage", Fixture, NULL,
              fixture_set_up, test_score_coverage, fixture_tear_down);
  g_test_add ("/perpscope/analysis/score/wide-zone-loses", Fixture, NULL,
              fixture_set_up, test_score_wide_zone_loses, fixture_tear_down);
  g_test_add ("/perpscope/analysis/score/nothing-recorded", Fixture, NULL,
              fixture_set_up, test_score_nothing_recorded, fixture_tear_down);
  g_test_add_func ("/perpscope/analysis/score/verdict-wins", test_verdict_wins);
  g_test_add_func ("/perpscope/analysis/score/verdict-mixed", test_verdict_mixed);
  g_test_add_func ("/perpscope/analysis/score/verdict-loses", test_verdict_loses);
  g_test_add_func ("/perpscope/analysis/score/verdict-one-baseline", test_verdict_one_baseline);
  g_test_add_func ("/perpscope/analysis/score/verdict-nan", test_verdict_nan);

  return g_test_run ();
}
