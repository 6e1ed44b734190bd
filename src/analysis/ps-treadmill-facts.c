/* ps-treadmill-facts.c: the numbers each candle's rules look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every series is read at the candle's end. Open interest is interpolated
 * linearly between its samples (daily OI under 4h candles moves a sixth of
 * the day's change per candle, as the heatmap spreads it) and held for one
 * sample step after the last; funding is the last settlement at or before the
 * end, normalised to 8 h; spot is the last spot candle that closed by then.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-treadmill-private.h"

#define HOUR_MS  (G_GINT64_CONSTANT (3600000))
#define EIGHT_H  (8 * HOUR_MS)
/* Binance stamps settlements a few ms after the hour: a settlement up to a
 * minute after a candle's end still belongs to it. */
#define FUNDING_SLACK_MS (G_GINT64_CONSTANT (60000))
/* The median of the positive steps of a sorted time column (0 with < 2 rows). */
static gint64
ps_treadmill_median_step (const gint64 *t,
                          guint         n)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (double));
  double step;

  for (guint k = 1; k < n; k++)
    if (t[k] > t[k - 1])
      {
        step = (double) (t[k] - t[k - 1]);
        g_array_append_val (steps, step);
      }
  if (steps->len == 0)
    return 0;
  _ps_treadmill_sort ((double *) (gpointer) steps->data, steps->len);
  return (gint64) g_array_index (steps, double, steps->len / 2);
}

/* Usable samples of a series: sorted, finite, positive where it must be. */
typedef struct
{
  GArray *t;      /* gint64 */
  GArray *v;      /* double */
  GArray *usd;    /* double, OI only */
  gint64  step_ms;
  gboolean contracts;   /* v is OI in contracts (else in USD) */
} PsTreadmillSamples;

static void
ps_treadmill_samples_init (PsTreadmillSamples *s)
{
  s->t = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->v = g_array_new (FALSE, FALSE, sizeof (double));
  s->usd = g_array_new (FALSE, FALSE, sizeof (double));
  s->step_ms = 0;
  s->contracts = FALSE;
}

static void
ps_treadmill_samples_clear (PsTreadmillSamples *s)
{
  g_clear_pointer (&s->t, g_array_unref);
  g_clear_pointer (&s->v, g_array_unref);
  g_clear_pointer (&s->usd, g_array_unref);
}

static gboolean
ps_treadmill_samples_add (PsTreadmillSamples *s,
                          gint64              t_ms,
                          double              v,
                          double              usd)
{
  if (!isfinite (v) || (s->t->len > 0 && t_ms <= g_array_index (s->t, gint64, s->t->len - 1)))
    return FALSE;
  g_array_append_val (s->t, t_ms);
  g_array_append_val (s->v, v);
  g_array_append_val (s->usd, usd);
  return TRUE;
}

static void
ps_treadmill_samples_done (PsTreadmillSamples *s)
{
  s->step_ms = ps_treadmill_median_step ((const gint64 *) s->t->data, s->t->len);
}

/* ps_series_lower_bound () of t_ms in t[0, n). hint: the answer for an
 * earlier time (the search gallops on from there: a candle's end, start and
 * lookback each move forward with the candles), updated. The same answer. */
static inline guint
ps_treadmill_find (const gint64 *t,
                   guint         n,
                   gint64        t_ms,
                   guint        *hint)
{
  guint k;

  if (*hint <= n && (*hint == 0 || t[*hint - 1] < t_ms))
    k = ps_series_lower_bound_from (t, *hint, n, t_ms);
  else
    k = ps_series_lower_bound (t, n, t_ms);
  *hint = k;
  return k;
}

/* The first sample at or after t_ms. */
static guint
ps_treadmill_samples_find (const PsTreadmillSamples *s,
                           gint64                    t_ms,
                           guint                    *hint)
{
  return ps_treadmill_find ((const gint64 *) s->t->data, s->t->len, t_ms, hint);
}

/* Open interest at t, k its ps_treadmill_samples_find (): interpolated
 * between samples at most two steps apart, held for one step after a
 * sample otherwise. */
static double
ps_treadmill_oi_value (const PsTreadmillSamples *s,
                       GArray                   *values,
                       guint                     k,
                       gint64                    t_ms)
{
  const gint64 *t = (const gint64 *) s->t->data;
  const double *v = (const double *) values->data;
  guint n = s->t->len;
  gint64 hold = MAX (s->step_ms, 1);

  if (n == 0)
    return NAN;
  if (k < n && t[k] == t_ms)
    return v[k];
  if (k == 0)
    return NAN;
  if (k < n && t[k] - t[k - 1] <= 2 * hold)
    {
      double f = (double) (t_ms - t[k - 1]) / (double) (t[k] - t[k - 1]);

      return v[k - 1] + f * (v[k] - v[k - 1]);
    }
  return t_ms - t[k - 1] <= hold ? v[k - 1] : NAN;
}

static double
ps_treadmill_oi_at (const PsTreadmillSamples *s,
                    GArray                   *values,
                    gint64                    t_ms,
                    guint                    *hint)
{
  guint k = ps_treadmill_samples_find (s, t_ms, hint);

  return ps_treadmill_oi_value (s, values, k, t_ms);
}

/* The last settlement at or before t, if the next one was not due long ago. */
static double
ps_treadmill_funding_at (const PsTreadmillSamples *s,
                         gint64                    t_ms,
                         guint                    *hint)
{
  const gint64 *t = (const gint64 *) s->t->data;
  guint n = s->t->len, k;
  gint64 period = s->step_ms > 0 ? s->step_ms : EIGHT_H;

  k = ps_treadmill_find (t, n, t_ms + FUNDING_SLACK_MS + 1, hint);
  if (k == 0 || t_ms - t[k - 1] > 2 * period)
    return NAN;
  return g_array_index (s->v, double, k - 1);
}

/* The close of the last spot candle that ended by t (not older than tolerance). */
static double
ps_treadmill_spot_at (const PsCandles *spot,
                      gint64           spot_step,
                      gint64           tolerance,
                      gint64           t_ms,
                      guint           *hint)
{
  guint k;

  if (spot == NULL || spot->n == 0)
    return NAN;
  k = ps_treadmill_find (spot->t_ms, spot->n, t_ms - spot_step + 1, hint);
  if (k == 0 || t_ms - (spot->t_ms[k - 1] + spot_step) > tolerance)
    return NAN;
  return ps_candles_close_at (spot, k - 1);
}

static char *
ps_treadmill_range_note (const char               *what,
                         const PsTreadmillSamples *s)
{
  g_autofree char *from = _ps_treadmill_format_day (g_array_index (s->t, gint64, 0));
  g_autofree char *to = _ps_treadmill_format_day (g_array_index (s->t, gint64, s->t->len - 1));
  g_autofree char *step = _ps_treadmill_format_duration (s->step_ms);

  if (s->step_ms == 24 * HOUR_MS)
    /* TRANSLATORS: "Open interest: daily, 2025-11-07 to 2025-12-17" */
    return g_strdup_printf (_("%s: daily, %s to %s"), what, from, to);
  /* TRANSLATORS: "Open interest: every 5 min, 2025-11-07 to 2025-12-17" */
  return g_strdup_printf (_("%s: every %s, %s to %s"), what, step, from, to);
}

static void
ps_treadmill_gather_oi (const PsTreadmillInput *input,
                        PsTreadmillSamples     *oi,
                        PsTreadmillData        *data)
{
  const PsOpenInterest *src = input->open_interest;
  guint n_contracts = 0, n_usd = 0, n_bad = 0;
  gboolean contracts;

  if (src == NULL || src->n == 0)
    {
      g_ptr_array_add (data->notes, g_strdup (_("No open interest: the rules that need it do not fire")));
      return;
    }
  for (guint k = 0; k < src->n; k++)
    {
      n_contracts += isfinite (src->contracts[k]) && src->contracts[k] > 0;
      n_usd += isfinite (src->usd[k]) && src->usd[k] > 0;
    }
  /* Contracts measure positions; USD also moves with price. */
  contracts = n_contracts > 0 && n_contracts >= n_usd;
  oi->contracts = contracts;
  for (guint k = 0; k < src->n; k++)
    {
      double v = contracts ? src->contracts[k] : src->usd[k];
      double usd = isfinite (src->usd[k]) && src->usd[k] > 0 ? src->usd[k] : NAN;

      if (!(v > 0) || !ps_treadmill_samples_add (oi, src->t_ms[k], v, usd))
        n_bad++;
    }
  ps_treadmill_samples_done (oi);
  if (n_bad > 0)
    g_ptr_array_add (data->notes,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u open interest row was zero, negative, NaN or out of order and was ignored",
                                                   "%u open interest rows were zero, negative, NaN or out of order and were ignored",
                                                   n_bad), n_bad));
  if (oi->t->len == 0)
    g_ptr_array_add (data->notes, g_strdup (_("No usable open interest: the rules that need it do not fire")));
  else if (oi->step_ms > data->step_ms && data->step_ms > 0)
    {
      g_autofree char *range = ps_treadmill_range_note (_("Open interest"), oi);

      g_ptr_array_add (data->notes,
                       g_strdup_printf (_("%s (coarser than the candles: interpolated between samples)"), range));
    }
  else
    g_ptr_array_add (data->notes, ps_treadmill_range_note (_("Open interest"), oi));
}

static void
ps_treadmill_gather_funding (const PsTreadmillInput *input,
                             PsTreadmillSamples     *funding,
                             PsTreadmillData        *data)
{
  const PsFunding *src = input->funding;
  gint64 period;

  if (src != NULL)
    for (guint k = 0; k < src->n; k++)
      ps_treadmill_samples_add (funding, src->t_ms[k], src->rate[k], NAN);
  ps_treadmill_samples_done (funding);
  if (funding->t->len == 0)
    {
      g_ptr_array_add (data->notes, g_strdup (_("No funding: the rules that need it do not fire")));
      return;
    }
  period = funding->step_ms > 0 ? funding->step_ms : EIGHT_H;
  if (period != EIGHT_H)
    {
      g_autofree char *every = _ps_treadmill_format_duration (period);

      for (guint k = 0; k < funding->v->len; k++)
        g_array_index (funding->v, double, k) *= (double) EIGHT_H / period;
      g_ptr_array_add (data->notes,
                       g_strdup_printf (_("Funding settles every %s: rates are shown per 8 h"), every));
    }
}

static void
ps_treadmill_note_funding_span (const PsTreadmillSamples *funding,
                                const PsCandles          *candles,
                                gint64                    step_ms,
                                PsTreadmillData          *data)
{
  gint64 first, last;

  if (funding->t->len == 0)
    return;
  first = g_array_index (funding->t, gint64, 0);
  last = g_array_index (funding->t, gint64, funding->t->len - 1);
  if (candles->t_ms[0] + step_ms < first)
    {
      g_autofree char *day = _ps_treadmill_format_day (first);

      g_ptr_array_add (data->notes, g_strdup_printf (_("No funding before %s"), day));
    }
  if (candles->t_ms[candles->n - 1] + step_ms > last + 2 * MAX (funding->step_ms, EIGHT_H))
    {
      g_autofree char *day = _ps_treadmill_format_day (last);

      g_ptr_array_add (data->notes, g_strdup_printf (_("No funding after %s"), day));
    }
}

/* Merged not-recorded spans, sorted. */
static GArray *
ps_treadmill_merge_spans (const GArray *spans)
{
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (PsTreadmillSpan));
  g_autoptr(GArray) sorted = NULL;

  if (spans == NULL || spans->len == 0)
    return merged;
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (PsTreadmillSpan), spans->len);
  g_array_append_vals (sorted, spans->data, spans->len);
  for (guint k = 0; k < sorted->len; k++)
    {
      PsTreadmillSpan s = g_array_index (sorted, PsTreadmillSpan, k);
      guint j = k;

      /* insertion sort by from_ms: spans arrive nearly sorted */
      while (j > 0 && g_array_index (sorted, PsTreadmillSpan, j - 1).from_ms > s.from_ms)
        {
          g_array_index (sorted, PsTreadmillSpan, j) = g_array_index (sorted, PsTreadmillSpan, j - 1);
          j--;
        }
      g_array_index (sorted, PsTreadmillSpan, j) = s;
    }
  for (guint k = 0; k < sorted->len; k++)
    {
      PsTreadmillSpan s = g_array_index (sorted, PsTreadmillSpan, k);
      PsTreadmillSpan *last = merged->len ? &g_array_index (merged, PsTreadmillSpan, merged->len - 1) : NULL;

      if (s.to_ms <= s.from_ms)
        continue;
      if (last != NULL && s.from_ms <= last->to_ms)
        last->to_ms = MAX (last->to_ms, s.to_ms);
      else
        g_array_append_val (merged, s);
    }
  return merged;
}

/* Per-candle liquidations (NAN where not recorded), volume and range. */
static guint
ps_treadmill_gather_candle_values (const PsTreadmillInput *input,
                                   gint64                  step_ms,
                                   double                 *volume,
                                   double                 *range,
                                   PsTreadmillData        *data)
{
  const PsCandles *c = input->candles;
  const PsLiquidations *l = input->liquidations;
  g_autoptr(GArray) spans = ps_treadmill_merge_spans (input->not_recorded);
  guint s = 0, n_not_recorded = 0, hint = 0;

  for (guint i = 0; i < c->n; i++)
    {
      gint64 from = c->t_ms[i], to = from + step_ms;
      double open = ps_candles_open_at (c, i), high = ps_candles_high_at (c, i);
      double low = ps_candles_low_at (c, i), close = ps_candles_close_at (c, i);
      double candle_volume = ps_candles_volume_at (c, i);
      gboolean valid, recorded;

      valid = isfinite (open) && isfinite (high) && isfinite (low)
              && isfinite (close) && close > 0 && high >= low
              && isfinite (candle_volume) && candle_volume >= 0;
      volume[i] = valid ? candle_volume : NAN;
      range[i] = valid ? high - low : NAN;

      while (s < spans->len && g_array_index (spans, PsTreadmillSpan, s).to_ms <= from)
        s++;
      recorded = l != NULL && valid
                 && !(s < spans->len && g_array_index (spans, PsTreadmillSpan, s).from_ms < to);
      data->flags[i] = (valid ? PS_TREADMILL_VALID : 0) | (recorded ? PS_TREADMILL_RECORDED : 0);
      data->liq[i] = NAN;
      if (recorded)
        {
          double sum = 0;

          for (guint k = ps_treadmill_find (l->t_ms, l->n, from, &hint); k < l->n && l->t_ms[k] < to; k++)
            if (isfinite (l->usd[k]) && l->usd[k] > 0)
              sum += l->usd[k];
          data->liq[i] = sum;
        }
      else
        n_not_recorded++;
    }
  return n_not_recorded;
}

static void
ps_treadmill_note_not_recorded (const PsTreadmillInput *input,
                                guint                   n_not_recorded,
                                PsTreadmillData        *data)
{
  if (input->liquidations == NULL)
    g_ptr_array_add (data->notes,
                     g_strdup (_("Liquidations not recorded: flushes are judged on the forced-flow stand-in (volume, range and move against their medians)")));
  else if (n_not_recorded > 0)
    g_ptr_array_add (data->notes,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Liquidations not recorded in %u candle: the forced-flow stand-in is used there",
                                                   "Liquidations not recorded in %u candles: the forced-flow stand-in is used there",
                                                   n_not_recorded), n_not_recorded));
  if (input->spot_candles == NULL || input->spot_candles->n == 0)
    g_ptr_array_add (data->notes,
                     g_strdup (_("No spot candles: the spot-bid breaker is not known, a reset needs the other three")));
  else
    {
      const PsCandles *spot = input->spot_candles;
      g_autofree char *from = _ps_treadmill_format_day (spot->t_ms[0]);
      g_autofree char *to = _ps_treadmill_format_day (spot->t_ms[spot->n - 1]);

      /* TRANSLATORS: outside these days the spot-bid breaker is not known */
      g_ptr_array_add (data->notes, g_strdup_printf (_("Spot candles: %s to %s"), from, to));
    }
}

/* The candle that closed one lookback before candle i, or -1. */
static int
ps_treadmill_lookback_index (const PsCandles *c,
                             guint            i,
                             gint64           lookback_ms,
                             gint64           step_ms,
                             guint           *hint)
{
  guint k = ps_treadmill_find (c->t_ms, i + 1, c->t_ms[i] - lookback_ms + 1, hint);

  if (k == 0 || c->t_ms[i] - c->t_ms[k - 1] > lookback_ms + step_ms)
    return -1;
  return (int) k - 1;
}

static double
ps_treadmill_change_pct (double now,
                         double before)
{
  return isfinite (now) && isfinite (before) && before > 0 ? (now / before - 1) * 100 : NAN;
}

typedef struct
{
  PsTreadmillSamples oi;
  PsTreadmillSamples funding;
  PsTreadmillWindow  volume_w;
  PsTreadmillWindow  range_w;
  PsTreadmillWindow  liq_w;
  PsTreadmillWindow  oi_w;
  guint              min_candles;
  guint              min_oi;
  gint64             spot_step;
  gint64             spot_tolerance;
  guint              oi_end_hint;      /* ps_treadmill_samples_find () at the candles' */
  guint              oi_start_hint;    /* ends, starts and one lookback before the ends */
  guint              oi_before_hint;
  guint              lookback_hint;    /* and the same for the candles, funding, spot */
  guint              funding_end_hint;
  guint              funding_before_hint;
  guint              spot_end_hint;
  guint              spot_before_hint;
  const PsTreadmillMemo *previous;     /* the run before's, taken for candles */
  guint              reuse_c;          /* [0, reuse_c): medians */
  guint              reuse_oi;         /* [0, reuse_oi): open interest rank */
} PsTreadmillGather;

static void
ps_treadmill_gather_candle (const PsTreadmillParams *params,
                            const PsTreadmillInput  *input,
                            PsTreadmillGather       *g,
                            const PsTreadmillData   *data,
                            guint                    i,
                            PsTreadmillFacts        *f)
{
  const PsCandles *c = input->candles;
  gint64 start = c->t_ms[i], end = start + data->step_ms, before = end - params->lookback_ms;
  int j = ps_treadmill_lookback_index (c, i, params->lookback_ms, data->step_ms,
                                       &g->lookback_hint);
  double med_volume, med_range, oi_start, oi_end, spot_now;
  guint k_end;

  f->valid = (data->flags[i] & PS_TREADMILL_VALID) != 0;
  f->recorded = (data->flags[i] & PS_TREADMILL_RECORDED) != 0;
  f->close = ps_candles_close_at (c, i);
  f->liq_usd = data->liq[i];
  f->oi_drop_pct = data->oi_drop[i];
  f->price_pct = j >= 0 && (data->flags[j] & PS_TREADMILL_VALID) && f->valid
                 ? ps_treadmill_change_pct (ps_candles_close_at (c, i), ps_candles_close_at (c, j))
                 : NAN;
  k_end = ps_treadmill_samples_find (&g->oi, end, &g->oi_end_hint);
  oi_end = ps_treadmill_oi_value (&g->oi, g->oi.v, k_end, end);
  f->oi_pct = ps_treadmill_change_pct (oi_end, ps_treadmill_oi_value (&g->oi, g->oi.v,
                                                                      ps_treadmill_samples_find (&g->oi, before, &g->oi_before_hint),
                                                                      before));
  oi_start = ps_treadmill_oi_value (&g->oi, g->oi.v,
                                    ps_treadmill_samples_find (&g->oi, start, &g->oi_start_hint),
                                    start);
  f->oi_candle_pct = g->oi.step_ms > 0 && g->oi.step_ms < data->step_ms
                     ? ps_treadmill_change_pct (oi_end, oi_start)
                     : NAN;
  f->oi_usd = ps_treadmill_oi_value (&g->oi, g->oi.usd, k_end, end);
  if (!isfinite (f->oi_usd) && g->oi.contracts && f->valid)
    f->oi_usd = oi_end * ps_candles_close_at (c, i);
  _ps_treadmill_window_update (&g->oi_w, end);
  if (i < g->reuse_oi)
    {
      f->oi_rank = g->previous->oi_rank[i];
      f->oi_rank_n = g->previous->oi_rank_n[i];
    }
  else
    {
      f->oi_rank = _ps_treadmill_window_rank (&g->oi_w, oi_end, g->min_oi);
      f->oi_rank_n = _ps_treadmill_window_count (&g->oi_w);
    }

  f->funding = ps_treadmill_funding_at (&g->funding, end, &g->funding_end_hint);
  f->funding_before = ps_treadmill_funding_at (&g->funding, before, &g->funding_before_hint);

  _ps_treadmill_window_update (&g->volume_w, start);
  _ps_treadmill_window_update (&g->range_w, start);
  _ps_treadmill_window_update (&g->liq_w, start);
  if (i < g->reuse_c)
    {
      med_volume = g->previous->med_volume[i];
      med_range = g->previous->med_range[i];
      f->liq_median = g->previous->liq_median[i];
    }
  else
    {
      med_volume = _ps_treadmill_window_median (&g->volume_w, g->min_candles);
      med_range = _ps_treadmill_window_median (&g->range_w, g->min_candles);
      f->liq_median = _ps_treadmill_window_median (&g->liq_w, g->min_candles);
    }
  if (data->memo != NULL)
    {
      data->memo->med_volume[i] = med_volume;
      data->memo->med_range[i] = med_range;
      data->memo->liq_median[i] = f->liq_median;
      data->memo->oi_rank[i] = f->oi_rank;
      data->memo->oi_rank_n[i] = f->oi_rank_n;
    }
  f->volume_ratio = f->valid && med_volume > 0 ? ps_candles_volume_at (c, i) / med_volume : NAN;
  f->range_ratio = f->valid && med_range > 0
                   ? (ps_candles_high_at (c, i) - ps_candles_low_at (c, i)) / med_range
                   : NAN;
  f->body_ratio = f->valid && med_range > 0
                  ? fabs (ps_candles_close_at (c, i) - ps_candles_open_at (c, i)) / med_range
                  : NAN;

  spot_now = ps_treadmill_spot_at (input->spot_candles, g->spot_step, g->spot_tolerance, end,
                                   &g->spot_end_hint);
  f->spot_premium = f->valid ? ps_treadmill_change_pct (spot_now, ps_candles_close_at (c, i)) : NAN;
  f->spot_lead = ps_treadmill_change_pct (spot_now,
                                          ps_treadmill_spot_at (input->spot_candles, g->spot_step,
                                                                g->spot_tolerance, before,
                                                                &g->spot_before_hint))
                 - f->price_pct;
}

/* The flush's open-interest drop: measured in USD, the unit of the daily
 * open interest its threshold comes from (Coinalyze, shared/data file 6), and
 * from the high of the lookback before a candle to the low of half a lookback
 * after it. A day's change, which that threshold was measured on, holds the
 * hours after a spike in the same day; a window ending at the candle cannot
 * see positions closed in the hours that follow. */
static void
ps_treadmill_gather_oi_drops (const PsTreadmillParams  *params,
                              const PsCandles          *c,
                              const PsTreadmillSamples *oi,
                              PsTreadmillData          *data)
{
  g_autofree gint64 *ends = g_new (gint64, MAX (c->n, 1));
  g_autoptr(GArray) t = g_array_sized_new (FALSE, FALSE, sizeof (gint64), oi->t->len + c->n);
  g_autoptr(GArray) v = g_array_sized_new (FALSE, FALSE, sizeof (double), oi->t->len + c->n);
  const double *usd = (const double *) oi->usd->data;
  const gint64 *st = (const gint64 *) oi->t->data;
  GArray *values;
  guint n_usd = 0, k = 0, hint = 0;

  for (guint j = 0; j < oi->t->len; j++)
    n_usd += isfinite (usd[j]);
  /* Without USD, the series the other rules read stands in. */
  values = n_usd * 2 >= oi->t->len && n_usd > 0 ? oi->usd : oi->v;

  /* The samples and, between them, the value at every candle end: open
   * interest coarser than the candles (daily under 4 h) still has a low and
   * a high inside each window. */
  for (guint i = 0; i < c->n; i++)
    {
      double at;

      ends[i] = c->t_ms[i] + data->step_ms;
      for (; k < oi->t->len && st[k] <= ends[i]; k++)
        {
          g_array_append_val (t, st[k]);
          g_array_append_val (v, g_array_index (values, double, k));
        }
      at = ps_treadmill_oi_at (oi, values, ends[i], &hint);
      if (t->len == 0 || g_array_index (t, gint64, t->len - 1) < ends[i])
        {
          g_array_append_val (t, ends[i]);
          g_array_append_val (v, at);
        }
    }
  for (; k < oi->t->len; k++)
    {
      g_array_append_val (t, st[k]);
      g_array_append_val (v, g_array_index (values, double, k));
    }

  _ps_treadmill_oi_drops ((const gint64 *) t->data, (const double *) v->data, t->len,
                          ends, c->n, params->lookback_ms, params->lookback_ms / 2, data->oi_drop);
}

gboolean
_ps_treadmill_gather (const PsTreadmillParams *params,
                      const PsTreadmillInput  *input,
                      const PsTreadmillMemo   *previous,
                      PsTreadmillData         *data,
                      PsTreadmillFactsFunc     func,
                      gpointer                 user_data,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  const PsCandles *c = input->candles;
  PsTreadmillGather g;
  PsTreadmillFacts facts;
  g_autofree double *volume = g_new (double, c->n);
  g_autofree double *range = g_new (double, c->n);
  gboolean ok = TRUE;
  guint n_not_recorded;

  data->n = c->n;
  data->flags = g_new0 (guint8, MAX (c->n, 1));
  data->liq = g_new (double, MAX (c->n, 1));
  data->oi_drop = g_new (double, MAX (c->n, 1));
  data->notes = g_ptr_array_new_with_free_func (g_free);
  /* The shortest step is the interval: gaps only make steps longer. */
  data->step_ms = 0;
  for (guint i = 1; i < c->n; i++)
    if (data->step_ms == 0 || c->t_ms[i] - c->t_ms[i - 1] < data->step_ms)
      data->step_ms = c->t_ms[i] - c->t_ms[i - 1];

  ps_treadmill_samples_init (&g.oi);
  ps_treadmill_samples_init (&g.funding);
  ps_treadmill_gather_oi (input, &g.oi, data);
  ps_treadmill_gather_funding (input, &g.funding, data);
  ps_treadmill_note_funding_span (&g.funding, c, data->step_ms, data);
  n_not_recorded = ps_treadmill_gather_candle_values (input, data->step_ms, volume, range, data);
  ps_treadmill_note_not_recorded (input, n_not_recorded, data);

  /* A median needs a quarter of the baseline's candles behind it. */
  g.min_candles = data->step_ms > 0 ? MAX (3, (guint) MIN (params->baseline_ms / data->step_ms / 4, G_MAXUINT / 2)) : 3;
  g.min_oi = g.oi.step_ms > 0 ? MAX (5, (guint) MIN (params->baseline_ms / g.oi.step_ms / 4, G_MAXUINT / 2)) : 5;
  g.spot_step = input->spot_candles && input->spot_candles->n > 0
                ? MAX (ps_treadmill_median_step (input->spot_candles->t_ms, input->spot_candles->n), 1)
                : 1;
  g.spot_tolerance = MAX (g.spot_step, data->step_ms);
  g.oi_end_hint = g.oi_start_hint = g.oi_before_hint = 0;
  g.lookback_hint = g.funding_end_hint = g.funding_before_hint = 0;
  g.spot_end_hint = g.spot_before_hint = 0;
  _ps_treadmill_window_init (&g.volume_w, c->t_ms, volume, c->n, params->baseline_ms, FALSE, FALSE);
  _ps_treadmill_window_init (&g.range_w, c->t_ms, range, c->n, params->baseline_ms, FALSE, FALSE);
  _ps_treadmill_window_init (&g.liq_w, c->t_ms, data->liq, c->n, params->baseline_ms, FALSE, FALSE);
  _ps_treadmill_window_init (&g.oi_w, (const gint64 *) g.oi.t->data, (const double *) g.oi.v->data,
                            g.oi.t->len, params->baseline_ms, TRUE, TRUE);
  /* A percentile moves slowly: its sort is redone less often than medians. */
  g.oi_w.refresh_ms = MAX (params->baseline_ms / 64, 1);

  ps_treadmill_gather_oi_drops (params, c, &g.oi, data);

  data->memo = _ps_treadmill_memo_new (params, c, data->step_ms, g.min_candles, volume, range,
                                       data->liq, (const gint64 *) g.oi.t->data,
                                       (const double *) g.oi.v->data, g.oi.t->len, g.oi.step_ms,
                                       g.min_oi, g.oi.contracts);
  g.previous = previous;
  _ps_treadmill_memo_match (previous, data->memo, &g.reuse_c, &g.reuse_oi);
  if (data->memo != NULL)
    data->memo->reused_c = g.reuse_c, data->memo->reused_oi = g.reuse_oi;

  for (guint i = 0; i < c->n; i++)
    {
      if (i % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      memset (&facts, 0, sizeof facts);
      ps_treadmill_gather_candle (params, input, &g, data, i, &facts);
      func (&facts, i, user_data);
    }

  _ps_treadmill_window_clear (&g.volume_w);
  _ps_treadmill_window_clear (&g.range_w);
  _ps_treadmill_window_clear (&g.liq_w);
  _ps_treadmill_window_clear (&g.oi_w);
  ps_treadmill_samples_clear (&g.oi);
  ps_treadmill_samples_clear (&g.funding);
  return ok;
}

void
_ps_treadmill_data_clear (PsTreadmillData *data)
{
  g_clear_pointer (&data->flags, g_free);
  g_clear_pointer (&data->liq, g_free);
  g_clear_pointer (&data->oi_drop, g_free);
  g_clear_pointer (&data->notes, g_ptr_array_unref);
  g_clear_pointer (&data->memo, _ps_treadmill_memo_free);
}
