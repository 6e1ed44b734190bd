/* ps-period-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "ps-period-summary.h"

#define YEAR_MS ((gint64) 365 * 24 * 3600 * 1000)
#define FUNDING_FALLBACK_MS ((gint64) 8 * 3600 * 1000)   /* Binance's, most venues' */

double
ps_liquidation_price (const PsLiquidations *events,
                      guint                 i)
{
  g_return_val_if_fail (events != NULL && i < events->n, NAN);

  if (isfinite (events->avg_price[i]) && events->avg_price[i] > 0)
    return events->avg_price[i];
  return events->price[i];
}

/* How many ms of [from_ms, to_ms) the stretches cover. */
static gint64
ps_not_recorded_within (const PsRange *spans,
                        guint          n_spans,
                        gint64         from_ms,
                        gint64         to_ms)
{
  gint64 covered = 0;
  guint lo = 0, hi = n_spans;

  if (spans == NULL)
    return 0;

  /* The first stretch ending after from_ms. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (spans[mid].to_ms <= from_ms)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < n_spans && spans[i].from_ms < to_ms; i++)
    covered += MIN (spans[i].to_ms, to_ms) - MAX (spans[i].from_ms, from_ms);
  return covered;
}

PsRecording
ps_liquidations_sum_recorded (const PsLiquidations *events,
                              const PsRange        *not_recorded,
                              guint                 n_not_recorded,
                              gint64                from_ms,
                              gint64                to_ms,
                              double                low,
                              double                high,
                              PsLiqSums            *sums)
{
  gboolean banded = isfinite (low) && isfinite (high) && low < high;
  gint64 covered;

  g_return_val_if_fail (sums != NULL, PS_RECORDING_NONE);

  *sums = (PsLiqSums) { 0 };
  if (events != NULL && to_ms > from_ms)
    {
      guint a = ps_series_lower_bound (events->t_ms, events->n, from_ms);
      guint b = ps_series_lower_bound (events->t_ms, events->n, to_ms);

      for (guint i = a; i < b; i++)
        {
          double price;

          if (!isfinite (events->usd[i]) || events->usd[i] <= 0)
            continue;
          price = ps_liquidation_price (events, i);
          if (banded && !(price >= low && price < high))
            continue;
          if (events->side[i] == PS_LIQ_LONG)
            {
              sums->long_usd += events->usd[i];
              sums->n_long++;
            }
          else
            {
              sums->short_usd += events->usd[i];
              sums->n_short++;
            }
        }
    }

  covered = ps_not_recorded_within (not_recorded, n_not_recorded, from_ms, to_ms);
  if (covered >= to_ms - from_ms && sums->n_long == 0 && sums->n_short == 0)
    sums->recording = PS_RECORDING_NONE;
  else
    sums->recording = covered > 0 ? PS_RECORDING_PARTIAL : PS_RECORDING_FULL;
  return sums->recording;
}

static int
ps_compare_gint64 (const void *a,
                   const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

gint64
ps_series_spacing_near (const gint64 *t_ms,
                        guint         n,
                        gint64        t_ms_near,
                        gint64        fallback)
{
  guint a = ps_series_lower_bound (t_ms, n, t_ms_near);
  guint last, m;
  gint64 d[64];

  /* A median, not the mean: one gap in the data must not stretch it. */
  a = a > 16 ? a - 16 : 0;
  last = MIN (n, a + 64);
  if (t_ms == NULL || last <= a + 1)
    return fallback;
  m = last - a - 1;
  for (guint i = 0; i < m; i++)
    d[i] = t_ms[a + i + 1] - t_ms[a + i];
  qsort (d, m, sizeof *d, ps_compare_gint64);
  /* Whole seconds: venues stamp settlements a few ms late (Binance's at
   * 08:00:00.004), and "8 h" is what they mean. */
  if (d[m / 2] >= 1000)
    return (d[m / 2] + 500) / 1000 * 1000;
  return d[m / 2] > 0 ? d[m / 2] : fallback;
}

void
ps_funding_settlement_period (const PsFunding *funding,
                              guint            i,
                              gint64          *from_ms,
                              gint64          *to_ms)
{
  gint64 spacing;

  g_return_if_fail (funding != NULL && i < funding->n);

  spacing = ps_series_spacing_near (funding->t_ms, funding->n, funding->t_ms[i],
                                    FUNDING_FALLBACK_MS);
  *from_ms = funding->t_ms[i] - spacing;
  *to_ms = funding->t_ms[i];
}

static void
ps_period_summary_candles (PsPeriodSummary *s,
                           const PsCandles *c)
{
  guint a = ps_series_lower_bound (c->t_ms, c->n, s->from_ms);
  guint b = ps_series_lower_bound (c->t_ms, c->n, s->to_ms);

  s->n_candles = b - a;
  if (a >= b)
    return;
  s->open = ps_candles_open_at (c, a);
  s->close = ps_candles_close_at (c, b - 1);
  s->high = -INFINITY;
  s->low = INFINITY;
  s->volume = 0;
  for (guint i = a; i < b; i++)
    {
      s->high = fmax (s->high, ps_candles_high_at (c, i));
      s->low = fmin (s->low, ps_candles_low_at (c, i));
      if (isfinite (ps_candles_volume_at (c, i)))
        s->volume += ps_candles_volume_at (c, i);
    }
  if (s->open != 0)
    s->change_pct = (s->close / s->open - 1.0) * 100.0;
}

/* The last finite sample at or before t_ms: its index, or -1. */
static int
ps_oi_at (const PsOpenInterest *oi,
          gint64                t_ms)
{
  for (guint i = ps_series_lower_bound (oi->t_ms, oi->n, t_ms + 1); i > 0; i--)
    if (isfinite (oi->usd[i - 1]))
      return (int) i - 1;
  return -1;
}

static void
ps_period_summary_open_interest (PsPeriodSummary      *s,
                                 const PsOpenInterest *oi)
{
  int a = ps_oi_at (oi, s->from_ms);
  int b = ps_oi_at (oi, s->to_ms);

  if (a >= 0)
    s->oi_start_usd = oi->usd[a];
  if (b >= 0)
    s->oi_end_usd = oi->usd[b];
  /* One sample for both ends is no change measured, not "no change". */
  if (a >= 0 && b > a)
    {
      s->oi_delta_usd = s->oi_end_usd - s->oi_start_usd;
      if (s->oi_start_usd != 0)
        s->oi_delta_pct = s->oi_delta_usd / s->oi_start_usd * 100.0;
    }
}

static void
ps_period_summary_funding (PsPeriodSummary *s,
                           const PsFunding *f)
{
  gint64 spacing, tol;
  guint a, b, n = 0;
  double sum = 0;

  if (f->n == 0)
    return;

  spacing = ps_series_spacing_near (f->t_ms, f->n, s->from_ms, FUNDING_FALLBACK_MS);
  s->funding_spacing_ms = spacing;
  /* A settlement at T is for [T − spacing, T): it meets [from, to) when
   * from < T < to + spacing, give or take a tolerance, as settlements come
   * a few ms late, and less than half the span, so a candle still finds
   * the one period it lies in. */
  tol = MIN (spacing / 4, (s->to_ms - s->from_ms) / 2);
  a = ps_series_lower_bound (f->t_ms, f->n, s->from_ms + tol + 1);
  b = ps_series_lower_bound (f->t_ms, f->n, s->to_ms + spacing - tol);
  for (guint i = a; i < b; i++)
    if (isfinite (f->rate[i]))
      {
        sum += f->rate[i];
        n++;
      }
  s->n_funding = n;
  if (n == 0)
    return;
  s->funding_sum = sum;
  s->funding_mean = sum / n;
  s->funding_annual = s->funding_mean * ((double) YEAR_MS / (double) spacing);
}

static void
ps_period_summary_predicted (PsPeriodSummary *s,
                             PsHeatmap       *heatmap)
{
  const gint64 *t = ps_heatmap_get_candle_t (heatmap);
  const double *l = ps_heatmap_get_predicted (heatmap, PS_LIQ_LONG);
  const double *sh = ps_heatmap_get_predicted (heatmap, PS_LIQ_SHORT);
  guint n = ps_heatmap_get_n_candles (heatmap);
  guint a = ps_series_lower_bound (t, n, s->from_ms);
  guint b = ps_series_lower_bound (t, n, s->to_ms);

  s->predicted_long_usd = 0;
  s->predicted_short_usd = 0;
  for (guint i = a; i < b; i++)
    {
      s->predicted_long_usd += isfinite (l[i]) ? l[i] : 0;
      s->predicted_short_usd += isfinite (sh[i]) ? sh[i] : 0;
    }
}

static void
ps_period_summary_phase (PsPeriodSummary *s,
                         const PsCandles *c,
                         PsTreadmill     *treadmill)
{
  guint b = ps_series_lower_bound (c->t_ms, c->n, s->to_ms);
  const PsPhasePeriod *period;

  if (b == 0 || c->t_ms[b - 1] < s->from_ms)
    return;
  period = ps_treadmill_lookup (treadmill, c->t_ms[b - 1]);
  if (period == NULL || period->phase == PS_PHASE_NONE)
    return;
  s->phase = period->phase;
  s->phase_reasons = g_strdup (period->reasons);
}

void
ps_period_summary_init (PsPeriodSummary        *summary,
                        const PsMarketSnapshot *snapshot,
                        PsAnalysis             *analysis,
                        gint64                  from_ms,
                        gint64                  to_ms)
{
  const GArray *nr;

  g_return_if_fail (summary != NULL);
  g_return_if_fail (snapshot != NULL);

  *summary = (PsPeriodSummary) {
    .from_ms = from_ms, .to_ms = to_ms,
    .open = NAN, .high = NAN, .low = NAN, .close = NAN, .change_pct = NAN, .volume = NAN,
    .oi_start_usd = NAN, .oi_end_usd = NAN, .oi_delta_usd = NAN, .oi_delta_pct = NAN,
    .funding_sum = NAN, .funding_mean = NAN, .funding_annual = NAN,
    .predicted_long_usd = NAN, .predicted_short_usd = NAN,
    .phase = PS_PHASE_NONE,
  };
  if (to_ms <= from_ms)
    return;

  ps_period_summary_candles (summary, snapshot->candles);
  ps_period_summary_open_interest (summary, snapshot->open_interest);
  ps_period_summary_funding (summary, snapshot->funding);
  nr = snapshot->not_recorded;
  ps_liquidations_sum_recorded (snapshot->liquidations,
                                nr != NULL ? (const PsRange *) (gconstpointer) nr->data : NULL,
                                nr != NULL ? nr->len : 0, from_ms, to_ms, NAN, NAN,
                                &summary->recorded);
  if (analysis != NULL)
    {
      PsHeatmap *heatmap = ps_analysis_get_heatmap (analysis, PS_HEATMAP_MODEL);

      if (heatmap != NULL)
        ps_period_summary_predicted (summary, heatmap);
      ps_period_summary_phase (summary, snapshot->candles, ps_analysis_get_treadmill (analysis));
    }
}

void
ps_period_summary_clear (PsPeriodSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->phase_reasons, g_free);
}

void
ps_band_summary_init (PsBandSummary          *summary,
                      const PsMarketSnapshot *snapshot,
                      double                  low,
                      double                  high,
                      gint64                  view_from_ms,
                      gint64                  view_to_ms)
{
  const GArray *nr;
  const PsRange *spans;
  guint n_spans;

  g_return_if_fail (summary != NULL);
  g_return_if_fail (snapshot != NULL);

  nr = snapshot->not_recorded;
  spans = nr != NULL ? (const PsRange *) (gconstpointer) nr->data : NULL;
  n_spans = nr != NULL ? nr->len : 0;
  *summary = (PsBandSummary) { low, high, view_from_ms, view_to_ms };
  ps_liquidations_sum_recorded (snapshot->liquidations, spans, n_spans, view_from_ms, view_to_ms,
                                low, high, &summary->in_view);
  ps_liquidations_sum_recorded (snapshot->liquidations, spans, n_spans, snapshot->shown_from_ms,
                                snapshot->shown_to_ms, low, high, &summary->in_range);
}
