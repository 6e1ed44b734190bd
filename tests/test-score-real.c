/* test-score-real.c: the model and both baselines scored against liquidations
 * that really happened (the scoring windows of ../shared/data/SOURCES.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixtures, cut from ../shared/data with nothing changed but the columns kept:
 * - binance_btcusdt_perp_4h_2022-01-02_2024-09-20.csv: file 14 (Binance
 *   BTCUSDT perp 4h), columns open_time, open, high, low, close, volume,
 *   taker_buy_volume; the 1d candles are these summed per UTC day (SOURCES.md
 *   checked that the sums equal its 1d file on every day);
 * - coinalyze_btcusdt_binance_daily_2022-01-02_2024-09-20.csv: files 6 and 7,
 *   the "BTC/USDT - Binance" open interest (USD) and "_long"/"_short"
 *   liquidated USD per day;
 * - binance_btcusdt_oi_snapshots_2024-12-16.csv: file 10 (polled open
 *   interest, contracts, IST) from 2024-12-16 20:45 to 21:30 IST;
 * - binance_btcusdt_liquidations_2024-12-16.csv: file 18's 51 forceOrder
 *   events of the 2024-12-16 session (IST);
 * - binance_btcusdt_perp_5m_2024-12-01_2024-12-31.csv (already here): file 15.
 *
 * The numbers are scoring data: they are printed, never asserted, and no
 * default is tuned on them. What is asserted holds whatever the model does:
 * the number of scored candles, the correlations finite where there are
 * enough of them, and a verdict.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-analysis.h"
#include "ps-test-util.h"
#include "ps-time.h"

#define MIN_MS  (G_GINT64_CONSTANT (60) * 1000)
#define HOUR_MS (60 * MIN_MS)
#define DAY_MS  (24 * HOUR_MS)
#define IST_MS  (330 * MIN_MS)    /* +05:30 */
#define N_DAYS  993               /* 2022-01-02 → 2024-09-20 */

static const char * const mode_names[] = { "model", "uniform", "round" };

static GStrv
read_csv_rows (const char *name)
{
  g_autofree char *text = ps_test_load_data (name, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 1; lines[i] != NULL; i++)   /* skip the header */
    if (*g_strstrip (lines[i]) != '\0')
      g_ptr_array_add (rows, g_strdup (lines[i]));
  g_ptr_array_add (rows, NULL);
  return (GStrv) g_ptr_array_free (rows, FALSE);
}

/* open_time (ms),open,high,low,close,volume[,taker_buy_volume] */
static PsCandles *
load_candles (const char *name)
{
  g_auto(GStrv) rows = read_csv_rows (name);
  PsCandles *candles = ps_candles_new (g_strv_length (rows));

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);

      g_assert_cmpuint (g_strv_length (f), >=, 6);
      ps_candles_append (candles, g_ascii_strtoll (f[0], NULL, 10), g_ascii_strtod (f[1], NULL),
                         g_ascii_strtod (f[2], NULL), g_ascii_strtod (f[3], NULL),
                         g_ascii_strtod (f[4], NULL), g_ascii_strtod (f[5], NULL),
                         f[6] != NULL ? g_ascii_strtod (f[6], NULL) : NAN);
    }
  return candles;
}

/* The candles summed per UTC day. */
static PsCandles *
candles_per_day (const PsCandles *c)
{
  PsCandles *days = ps_candles_new (c->n / 6 + 1);

  for (guint i = 0; i < c->n;)
    {
      gint64 day = c->t_ms[i] - c->t_ms[i] % DAY_MS;
      double high = ps_candles_high_at (c, i), low = ps_candles_low_at (c, i);
      double volume = 0, taker = 0;
      guint j = i;

      for (; j < c->n && c->t_ms[j] < day + DAY_MS; j++)
        {
          high = MAX (high, ps_candles_high_at (c, j));
          low = MIN (low, ps_candles_low_at (c, j));
          volume += ps_candles_volume_at (c, j);
          taker += ps_candles_taker_buy_at (c, j);
        }
      g_assert_cmpuint (j - i, ==, 6);   /* no gaps in the fixture */
      ps_candles_append (days, day, ps_candles_open_at (c, i), high, low,
                         ps_candles_close_at (c, j - 1), volume, taker);
      i = j;
    }
  return days;
}

/* Window B's daily Coinalyze file: the open interest, stamped at the end of
 * its day (a daily value from an API of day buckets is the bucket's last),
 * and the liquidated USD of each side per day as one event at the day's last
 * millisecond and its close: Coinalyze gives no prices, so the close stands in
 * and the zone measures mean nothing here. */
static void
load_daily (const PsCandles  *days,
            PsOpenInterest  **oi,
            PsLiquidations  **liquidations,
            double          **recorded_long,
            double          **recorded_short)
{
  g_auto(GStrv) rows = read_csv_rows ("coinalyze_btcusdt_binance_daily_2022-01-02_2024-09-20.csv");
  guint n = g_strv_length (rows);

  g_assert_cmpuint (n, ==, N_DAYS);
  g_assert_cmpuint (days->n, ==, N_DAYS);
  *oi = ps_open_interest_new (n);
  *liquidations = ps_liquidations_new (2 * n);
  *recorded_long = g_new0 (double, n);
  *recorded_short = g_new0 (double, n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);
      gint64 day = 0;
      double close = ps_candles_close_at (days, i);

      g_assert_cmpuint (g_strv_length (f), ==, 4);
      g_assert_true (ps_time_parse (f[0], &day));
      g_assert_cmpint (day, ==, days->t_ms[i]);
      ps_open_interest_append (*oi, day + DAY_MS, NAN, g_ascii_strtod (f[1], NULL));
      (*recorded_long)[i] = g_ascii_strtod (f[2], NULL);
      (*recorded_short)[i] = g_ascii_strtod (f[3], NULL);
      ps_liquidations_append (*liquidations, day + DAY_MS - 1, PS_LIQ_LONG, PS_LIQ_SOURCE_IMPORT,
                              close, close, (*recorded_long)[i] / close, (*recorded_long)[i]);
      ps_liquidations_append (*liquidations, day + DAY_MS - 1, PS_LIQ_SHORT, PS_LIQ_SOURCE_IMPORT,
                              close, close, (*recorded_short)[i] / close, (*recorded_short)[i]);
    }
}

static PsAnalysis *
run_analysis (const PsCandles       *candles,
              const PsOpenInterest  *oi,
              const PsLiquidations  *liquidations,
              const GArray          *not_recorded)
{
  g_autoptr(GError) error = NULL;
  PsAnalysisParams params;
  PsAnalysisInput input = { 0 };
  PsAnalysis *analysis;

  ps_analysis_params_init (&params);
  input.candles = candles;
  input.open_interest = oi;
  input.liquidations = liquidations;
  input.not_recorded = not_recorded;
  analysis = ps_analysis_run (&params, &input, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  g_assert_null (ps_analysis_get_heatmap_error (analysis));
  for (guint m = 0; m < 3; m++)
    {
      g_assert_nonnull (ps_analysis_get_heatmap (analysis, m));
      g_assert_nonnull (ps_analysis_get_score (analysis, m));
    }
  g_assert_nonnull (ps_analysis_get_verdict (analysis));
  g_assert_cmpstr (ps_analysis_get_verdict (analysis), !=, "");
  return analysis;
}

static void
print_scores (const char *window,
              PsAnalysis *analysis,
              gboolean    zones_apply)
{
  for (guint m = 0; m < 3; m++)
    {
      const PsScore *s = ps_analysis_get_score (analysis, m);

      g_test_message ("%s %-7s n=%u rank corr %.3f (long %.3f, short %.3f)", window, mode_names[m],
                      s->n_scored, s->rank_corr, s->rank_corr_long, s->rank_corr_short);
      if (zones_apply)
        g_test_message ("%s %-7s zones crossed %u hit %u, USD in zones %.3f, width %.3f, lift %.2f",
                        window, mode_names[m], s->zones_crossed, s->zones_hit, s->share_in_zones,
                        s->zone_price_share, s->lift);
    }
  if (!zones_apply)
    g_test_message ("%s zone hits, share in zones, lift: not applicable (daily totals at the "
                    "close as a stand-in price)", window);
  g_test_message ("%s verdict: %s", window, ps_analysis_get_verdict (analysis));
}

/* What the scores stand beside: the day's range (high − low) / open, no
 * model at all, ranked against the same recorded days. Printed only. */
static void
print_range_reference (const PsCandles *days,
                       const double    *rec_long,
                       const double    *rec_short)
{
  g_autofree double *range = g_new (double, 2 * N_DAYS);
  g_autofree double *rec = g_new (double, 2 * N_DAYS);

  for (guint i = 0; i < N_DAYS; i++)
    range[i] = range[N_DAYS + i] = (ps_candles_high_at (days, i) - ps_candles_low_at (days, i)) /
                                   ps_candles_open_at (days, i);
  memcpy (rec, rec_long, N_DAYS * sizeof (double));
  memcpy (rec + N_DAYS, rec_short, N_DAYS * sizeof (double));
  g_test_message ("B 1d reference, the day's range alone: rank corr %.3f (long %.3f, short %.3f)",
                  ps_rank_correlation (range, rec, 2 * N_DAYS),
                  ps_rank_correlation (range, rec, N_DAYS),
                  ps_rank_correlation (range + N_DAYS, rec + N_DAYS, N_DAYS));
}

/* Window B, daily: the score's own per-candle rank correlation applies. */
static void
test_window_b_daily (void)
{
  g_autoptr(PsCandles) c4h = load_candles ("binance_btcusdt_perp_4h_2022-01-02_2024-09-20.csv");
  g_autoptr(PsCandles) days = candles_per_day (c4h);
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(PsLiquidations) liquidations = NULL;
  g_autofree double *rec_long = NULL;
  g_autofree double *rec_short = NULL;
  g_autoptr(PsAnalysis) analysis = NULL;

  load_daily (days, &oi, &liquidations, &rec_long, &rec_short);
  analysis = run_analysis (days, oi, liquidations, NULL);
  for (guint m = 0; m < 3; m++)
    {
      const PsScore *s = ps_analysis_get_score (analysis, m);

      g_assert_cmpuint (s->n_scored, ==, N_DAYS);
      g_assert_true (isfinite (s->rank_corr));
      g_assert_true (isfinite (s->rank_corr_long));
      g_assert_true (isfinite (s->rank_corr_short));
      g_assert_cmpfloat (fabs (s->rank_corr), <=, 1);
    }
  print_scores ("B 1d", analysis, FALSE);
  print_range_reference (days, rec_long, rec_short);
}

/* Window B, 4h candles: the recorded side is per day, so each heatmap's
 * predictions are summed per day before they are ranked: long, short, and
 * both sides' days pooled. */
static void
day_correlations (PsHeatmap       *heatmap,
                  const PsCandles *candles,
                  const double    *rec_long,
                  const double    *rec_short,
                  double           corr[3])
{
  g_autofree double *pred = g_new0 (double, 2 * N_DAYS);
  g_autofree double *rec = g_new0 (double, 2 * N_DAYS);
  double pred_sum = 0;
  PsScoreInput input;

  ps_score_input_init (&input, heatmap, candles, NULL, NULL);
  g_assert_cmpuint (input.n, ==, candles->n);
  for (guint i = 0; i < input.n; i++)
    {
      guint d = (guint) ((input.t_ms[i] - candles->t_ms[0]) / DAY_MS);

      g_assert_cmpuint (d, <, N_DAYS);
      pred[d] += input.predicted_long[i];
      pred[N_DAYS + d] += input.predicted_short[i];
      pred_sum += input.predicted_long[i] + input.predicted_short[i];
    }
  ps_score_input_clear (&input);
  g_assert_cmpfloat (pred_sum, >, 0);
  memcpy (rec, rec_long, N_DAYS * sizeof (double));
  memcpy (rec + N_DAYS, rec_short, N_DAYS * sizeof (double));
  corr[0] = ps_rank_correlation (pred, rec, N_DAYS);
  corr[1] = ps_rank_correlation (pred + N_DAYS, rec + N_DAYS, N_DAYS);
  corr[2] = ps_rank_correlation (pred, rec, 2 * N_DAYS);
}

static void
test_window_b_4h (void)
{
  g_autoptr(PsCandles) c4h = load_candles ("binance_btcusdt_perp_4h_2022-01-02_2024-09-20.csv");
  g_autoptr(PsCandles) days = candles_per_day (c4h);
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(PsLiquidations) liquidations = NULL;
  g_autofree double *rec_long = NULL;
  g_autofree double *rec_short = NULL;
  g_autoptr(PsAnalysis) analysis = NULL;

  load_daily (days, &oi, &liquidations, &rec_long, &rec_short);
  analysis = run_analysis (c4h, oi, liquidations, NULL);
  for (guint m = 0; m < 3; m++)
    {
      double corr[3];

      day_correlations (ps_analysis_get_heatmap (analysis, m), c4h, rec_long, rec_short, corr);
      for (guint k = 0; k < 3; k++)
        {
          g_assert_true (isfinite (corr[k]));
          g_assert_cmpfloat (fabs (corr[k]), <=, 1);
        }
      g_test_message ("B 4h→day %-7s n=%u days rank corr %.3f (long %.3f, short %.3f)",
                      mode_names[m], N_DAYS, corr[2], corr[0], corr[1]);
    }
  /* The run's own score is per 4h candle, with each day's total in its last
   * candle: printed for completeness, not a measure. */
  print_scores ("B 4h per candle", analysis, FALSE);
}

/* "2024-12-16 20:57:21.198000+05:30" or "2024-12-16 20:57:30" (IST) */
static gint64
parse_ist (const char *text)
{
  g_autofree char *iso = g_strdup (text);
  char *plus = strchr (iso, '+');
  gint64 t_ms = 0;

  if (plus != NULL)
    *plus = '\0';
  iso[10] = 'T';
  g_assert_true (ps_time_parse (iso, &t_ms));   /* read as UTC … */
  return t_ms - IST_MS;                          /* … then moved back */
}

/* Window A: the only recorded session with open interest beside it. */
static void
test_window_a_session (void)
{
  g_autoptr(PsCandles) all = load_candles ("binance_btcusdt_perp_5m_2024-12-01_2024-12-31.csv");
  g_auto(GStrv) oi_rows = read_csv_rows ("binance_btcusdt_oi_snapshots_2024-12-16.csv");
  g_auto(GStrv) liq_rows = read_csv_rows ("binance_btcusdt_liquidations_2024-12-16.csv");
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (g_strv_length (oi_rows));
  g_autoptr(PsLiquidations) liquidations = ps_liquidations_new (g_strv_length (liq_rows));
  g_autoptr(GArray) not_recorded = g_array_new (FALSE, FALSE, sizeof (PsTreadmillSpan));
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(PsAnalysis) analysis = NULL;
  gint64 from_ms, to_ms, rec_from, rec_to;
  PsTreadmillSpan span;

  for (guint i = 0; oi_rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (oi_rows[i], ",", -1);

      ps_open_interest_append (oi, parse_ist (f[0]), g_ascii_strtod (f[1], NULL), NAN);
    }
  for (guint i = 0; liq_rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (liq_rows[i], ",", -1);
      double price = g_ascii_strtod (f[2], NULL), qty = g_ascii_strtod (f[3], NULL);

      /* "Short Trade": a BUY order, a short liquidated (SOURCES.md, file 9). */
      ps_liquidations_append (liquidations, parse_ist (f[0]),
                              strcmp (f[1], "Short Trade") == 0 ? PS_LIQ_SHORT : PS_LIQ_LONG,
                              PS_LIQ_SOURCE_LIVE, price, price, qty, price * qty);
    }
  g_assert_cmpuint (liquidations->n, ==, 51);
  g_assert_cmpuint (oi->n, ==, 127);

  /* The candles the snapshots cover; the recorder listened from the first
   * event to the last (an empty stretch outside is "not recorded"). */
  from_ms = oi->t_ms[0] - oi->t_ms[0] % (5 * MIN_MS);
  to_ms = oi->t_ms[oi->n - 1];
  candles = ps_candles_slice (all, from_ms, to_ms);
  rec_from = liquidations->t_ms[0];
  rec_to = liquidations->t_ms[liquidations->n - 1] + 1;
  {
    g_autofree char *t0 = ps_time_format_utc (from_ms);
    g_autofree char *t1 = ps_time_format_utc (rec_from);
    g_autofree char *t2 = ps_time_format_utc (rec_to);

    g_test_message ("A 12-16: %u 5m candles from %s, %u OI snapshots, %u events %s → %s UTC",
                    candles->n, t0, oi->n, liquidations->n, t1, t2);
  }
  span = (PsTreadmillSpan) { from_ms, rec_from };
  g_array_append_val (not_recorded, span);
  span = (PsTreadmillSpan) { rec_to, to_ms + HOUR_MS };
  g_array_append_val (not_recorded, span);

  analysis = run_analysis (candles, oi, liquidations, not_recorded);
  for (guint m = 0; m < 3; m++)
    {
      const PsScore *s = ps_analysis_get_score (analysis, m);

      /* 15:30 – 15:45: the 5m candles wholly inside the session. */
      g_assert_cmpuint (s->n_scored, ==, 4);
      g_assert_cmpfloat (s->recorded_usd, >, 0);
    }
  for (guint m = 0; m < 3; m++)
    {
      PsScoreInput input;
      double sum = 0;

      ps_score_input_init (&input, ps_analysis_get_heatmap (analysis, m), candles, NULL, NULL);
      for (guint i = 0; i < input.n; i++)
        sum += input.predicted_long[i] + input.predicted_short[i];
      ps_score_input_clear (&input);
      g_test_message ("A 12-16 %-7s predicted %.0f USD over the session's candles, recorded %.0f",
                      mode_names[m], sum, ps_analysis_get_score (analysis, m)->recorded_usd);
    }
  print_scores ("A 12-16", analysis, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/score-real/window-b/daily", test_window_b_daily);
  g_test_add_func ("/score-real/window-b/4h-per-day", test_window_b_4h);
  g_test_add_func ("/score-real/window-a/2024-12-16", test_window_a_session);

  return g_test_run ();
}
