/* ps-aggregate.c: one asset across venues (the rules are in ps-aggregate.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "ps-aggregate.h"

#define HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)
#define STAMP_SLACK_MS 60000

void
ps_aggregate_free (PsAggregate *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->candles, ps_candles_unref);
  g_clear_pointer (&self->open_interest, ps_open_interest_unref);
  g_clear_pointer (&self->funding, ps_funding_unref);
  g_clear_pointer (&self->liquidations, ps_liquidations_unref);
  g_free (self->oi_partial_usd);
  g_free (self->oi_state);
  g_free (self->oi_used);
  g_free (self->oi_missing_steps);
  g_free (self->oi_missing_last_ms);
  g_free (self->oi_first_ms);
  g_free (self->oi_venue_usd);
  g_free (self->funding_state);
  g_free (self->liquidation_venue);
  g_free (self);
}

static gint64
ps_aggregate_floor (gint64 t_ms,
                    gint64 step_ms)
{
  gint64 r = t_ms % step_ms;

  return r < 0 ? t_ms - r - step_ms : t_ms - r;
}

/* Candles */

static void
ps_aggregate_candles (PsAggregate            *self,
                      const PsAggregateInput *inputs,
                      const char             *reference_venue)
{
  self->reference = G_MAXUINT;
  for (guint v = 0; v < self->n_venues; v++)
    {
      if (inputs[v].candles == NULL || inputs[v].candles->n == 0)
        continue;
      if (g_strcmp0 (inputs[v].venue, reference_venue) == 0)
        {
          self->reference = v;
          break;
        }
      if (self->reference == G_MAXUINT)
        self->reference = v;
    }
  self->candles = self->reference != G_MAXUINT ? ps_candles_ref (inputs[self->reference].candles)
                                               : ps_candles_new (0);
}

/* Open interest */

static void
ps_aggregate_oi_unref (gpointer oi)
{
  if (oi != NULL)
    ps_open_interest_unref (oi);
}

static int
ps_aggregate_compare_gint64 (const void *a,
                             const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A venue's own spacing: the most common gap between its rows, seen twice
 * at least (0: not known). Holes and the odd recorded snapshot leave it be. */
static gint64
ps_aggregate_oi_spacing (const PsOpenInterest *oi)
{
  g_autofree gint64 *gaps = NULL;
  gint64 best = 0;
  guint n = 0, best_run = 1;

  if (oi == NULL || oi->n < 3)
    return 0;
  gaps = g_new (gint64, oi->n - 1);
  for (guint i = 1; i < oi->n; i++)
    if (oi->t_ms[i] > oi->t_ms[i - 1])
      gaps[n++] = oi->t_ms[i] - oi->t_ms[i - 1];
  qsort (gaps, n, sizeof (gint64), ps_aggregate_compare_gint64);
  for (guint i = 0, run = 1; i < n; i++, run++)
    {
      if (i + 1 < n && gaps[i + 1] == gaps[i])
        continue;
      if (run > best_run)
        best = gaps[i], best_run = run;
      run = 0;
    }
  return best;
}

/* The venue's last row before end_ms at or after since_ms with a USD value, or NAN. */
static double
ps_aggregate_oi_since (const PsOpenInterest *oi,
                       gint64                since_ms,
                       gint64                end_ms)
{
  guint i;

  if (oi == NULL)
    return NAN;
  i = ps_series_lower_bound (oi->t_ms, oi->n, end_ms);
  for (; i > 0 && oi->t_ms[i - 1] >= since_ms; i--)
    if (isfinite (oi->usd[i - 1]))
      return oi->usd[i - 1];
  return NAN;
}

static double
ps_aggregate_close_at (const PsCandles *candles,
                       gint64           t_ms)
{
  guint i = ps_series_lower_bound (candles->t_ms, candles->n, t_ms + 1);

  return i > 0 ? ps_candles_close_at (candles, i - 1) : NAN;
}

/* Venue v's value at step [t, t + step): its own (a row within its hold,
 * the longer of the step and its spacing), or carried one step further. */
static double
ps_aggregate_oi_value (const PsOpenInterest *oi,
                       gint64                hold_ms,
                       gint64                t_ms,
                       gint64                step_ms,
                       PsAggregateStep      *state)
{
  double usd = ps_aggregate_oi_since (oi, t_ms + step_ms - hold_ms, t_ms + step_ms);

  if (isfinite (usd))
    return usd;
  usd = ps_aggregate_oi_since (oi, t_ms - hold_ms, t_ms + step_ms);
  if (isfinite (usd))
    *state = MAX (*state, PS_AGGREGATE_STEP_CARRIED);
  return usd;
}

/* oi, or a copy where rows without USD but with contracts are valued at the
 * venue's own close of the candle holding them: the venues that leave USD
 * out (Bybit) count contracts in coins. */
static PsOpenInterest *
ps_aggregate_value_oi (const PsAggregateInput *input)
{
  const PsOpenInterest *oi = input->open_interest;
  PsOpenInterest *valued;
  gboolean any = FALSE;

  if (oi == NULL)
    return NULL;
  for (guint i = 0; i < oi->n && !any; i++)
    any = !isfinite (oi->usd[i]) && isfinite (oi->contracts[i]);
  if (!any || input->candles == NULL || input->candles->n == 0)
    return ps_open_interest_ref ((PsOpenInterest *) oi);

  valued = ps_open_interest_new (oi->n);
  for (guint i = 0; i < oi->n; i++)
    ps_open_interest_append (valued, oi->t_ms[i], oi->contracts[i],
                             isfinite (oi->usd[i])
                             ? oi->usd[i]
                             : oi->contracts[i] * ps_aggregate_close_at (input->candles,
                                                                         oi->t_ms[i]));
  return valued;
}

static void
ps_aggregate_open_interest (PsAggregate            *self,
                            const PsAggregateInput *inputs,
                            PsInterval              interval,
                            gint64                  from_ms,
                            gint64                  to_ms)
{
  g_autofree gint64 *hold = g_new0 (gint64, self->n_venues);
  g_autoptr(GPtrArray) valued = g_ptr_array_new_full (self->n_venues, ps_aggregate_oi_unref);
  gint64 step = self->oi_step_ms = ps_interval_to_ms (interval);
  guint n_steps, n_rows = 0;

  for (guint v = 0; v < self->n_venues; v++)
    {
      const PsOpenInterest *oi = ps_aggregate_value_oi (&inputs[v]);
      guint first = oi ? ps_series_lower_bound (oi->t_ms, oi->n, from_ms) : 0;
      guint end = oi ? ps_series_lower_bound (oi->t_ms, oi->n, to_ms) : 0;

      self->oi_first_ms[v] = G_MAXINT64;
      for (guint i = first; i < end && !self->oi_used[v]; i++)
        if ((self->oi_used[v] = isfinite (oi->usd[i])))
          self->oi_first_ms[v] = oi->t_ms[i];
      hold[v] = MAX (step, ps_aggregate_oi_spacing (oi));
      g_ptr_array_add (valued, (gpointer) oi);
    }

  from_ms = ps_aggregate_floor (from_ms, step);
  n_steps = to_ms > from_ms ? (guint) ((to_ms - from_ms + step - 1) / step) : 0;
  self->open_interest = ps_open_interest_new (n_steps);
  self->oi_partial_usd = g_new (double, MAX (n_steps, 1));
  self->oi_state = g_new0 (guint8, MAX (n_steps, 1));
  self->oi_venue_usd = g_new (double, MAX (n_steps * self->n_venues, 1));

  for (guint k = 0; k < n_steps; k++)
    {
      gint64 t = from_ms + (gint64) k * step;
      PsAggregateStep state = PS_AGGREGATE_STEP_COMPLETE;
      double *parts = &self->oi_venue_usd[n_rows * self->n_venues];
      double sum = 0.0, usd;
      guint n_present = 0, n_used = 0;

      for (guint v = 0; v < self->n_venues; v++)
        {
          parts[v] = NAN;
          if (!self->oi_used[v])
            continue;
          n_used++;
          usd = ps_aggregate_oi_value (g_ptr_array_index (valued, v), hold[v], t, step, &state);
          if (isfinite (usd))
            sum += usd, n_present++;
          parts[v] = usd;
        }
      /* No venue at all: the step stays missing, as a missing candle does. */
      if (n_present == 0)
        continue;
      if (n_present < n_used)
        {
          state = PS_AGGREGATE_STEP_PARTIAL;
          for (guint v = 0; v < self->n_venues; v++)
            if (self->oi_used[v] &&
                !isfinite (ps_aggregate_oi_since (g_ptr_array_index (valued, v), t - hold[v],
                                                  t + step)))
              {
                self->oi_missing_steps[v]++;
                self->oi_missing_last_ms[v] = t;
              }
        }

      usd = state == PS_AGGREGATE_STEP_PARTIAL ? NAN : sum;
      ps_open_interest_append (self->open_interest, t,
                               usd / ps_aggregate_close_at (self->candles, t), usd);
      self->oi_partial_usd[n_rows] = sum;
      self->oi_state[n_rows++] = state;
    }
}

/* Funding */

/* The hours settlement i of funding paid for: the smaller gap to a
 * neighbour (8 h for a lone settlement). */
static gint64
ps_aggregate_funding_period (const PsFunding *funding,
                             guint            i)
{
  gint64 period = G_MAXINT64;

  if (i > 0 && funding->t_ms[i] > funding->t_ms[i - 1])
    period = funding->t_ms[i] - funding->t_ms[i - 1];
  if (i + 1 < funding->n && funding->t_ms[i + 1] > funding->t_ms[i])
    period = MIN (period, funding->t_ms[i + 1] - funding->t_ms[i]);
  if (period == G_MAXINT64)
    return PS_AGGREGATE_FUNDING_PERIOD_MS;
  /* Venues settle every 1 to 8 hours; a few ms of stamping jitter apart. */
  return CLAMP ((period + HOUR_MS / 2) / HOUR_MS * HOUR_MS, HOUR_MS, PS_AGGREGATE_FUNDING_PERIOD_MS);
}

PsFunding *
ps_aggregate_funding_per_8h (const PsFunding *funding)
{
  PsFunding *scaled;

  g_return_val_if_fail (funding != NULL, NULL);

  scaled = ps_funding_new (funding->n);
  for (guint i = 0; i < funding->n; i++)
    ps_funding_append (scaled, funding->t_ms[i],
                       funding->rate[i] * PS_AGGREGATE_FUNDING_PERIOD_MS /
                       ps_aggregate_funding_period (funding, i),
                       funding->mark_price[i]);
  return scaled;
}

/* The mean per-8h rate of the settlements in (t − 8 h, t], or NAN; each
 * stamped up to STAMP_SLACK_MS late counts for its own time (Binance's
 * 08:00 settlement says 08:00:00.003). */
static double
ps_aggregate_funding_window (const PsFunding *per_8h,
                             gint64           t_ms)
{
  guint first = ps_series_lower_bound (per_8h->t_ms, per_8h->n,
                                       t_ms - PS_AGGREGATE_FUNDING_PERIOD_MS + 1 + STAMP_SLACK_MS);
  guint end = ps_series_lower_bound (per_8h->t_ms, per_8h->n, t_ms + 1 + STAMP_SLACK_MS);
  double sum = 0.0;
  guint n = 0;

  for (guint i = first; i < end; i++)
    if (isfinite (per_8h->rate[i]))
      sum += per_8h->rate[i], n++;
  return n > 0 ? sum / n : NAN;
}

/* The venue's OI in USD at t: its last row at or before, at most 8 h old. */
static double
ps_aggregate_funding_weight (const PsOpenInterest *oi,
                             gint64                t_ms)
{
  guint i = oi != NULL ? ps_series_lower_bound (oi->t_ms, oi->n, t_ms + 1) : 0;

  for (; i > 0 && oi->t_ms[i - 1] > t_ms - PS_AGGREGATE_FUNDING_PERIOD_MS; i--)
    if (isfinite (oi->usd[i - 1]) && oi->usd[i - 1] > 0)
      return oi->usd[i - 1];
  return NAN;
}

static void
ps_aggregate_funding (PsAggregate            *self,
                      const PsAggregateInput *inputs,
                      gint64                  from_ms,
                      gint64                  to_ms)
{
  g_autoptr(GPtrArray) per_8h = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_funding_unref);
  gint64 period = PS_AGGREGATE_FUNDING_PERIOD_MS;
  gint64 first_t = ps_aggregate_floor (from_ms, period) + period;
  guint n_rows = 0;

  for (guint v = 0; v < self->n_venues; v++)
    g_ptr_array_add (per_8h, inputs[v].funding != NULL && inputs[v].funding->n > 0
                             ? ps_aggregate_funding_per_8h (inputs[v].funding)
                             : ps_funding_new (0));

  guint n_max;

  if (from_ms % period == 0)
    first_t = from_ms;
  n_max = to_ms > first_t ? (guint) ((to_ms - first_t) / period + 1) : 0;
  self->funding = ps_funding_new (n_max);
  self->funding_state = g_new0 (guint8, MAX (n_max, 1));

  for (gint64 t = first_t; t < to_ms; t += period)
    {
      double weighted = 0.0, weights = 0.0, plain = 0.0;
      guint n_rates = 0, n_venues = 0;
      PsAggregateStep state = PS_AGGREGATE_STEP_COMPLETE;

      for (guint v = 0; v < self->n_venues; v++)
        {
          PsFunding *f = g_ptr_array_index (per_8h, v);
          double rate, weight;

          if (f->n == 0)
            continue;   /* no funding in the range: not missing, absent */
          n_venues++;
          rate = ps_aggregate_funding_window (f, t);
          weight = ps_aggregate_funding_weight (inputs[v].open_interest, t);
          if (!isfinite (rate))
            {
              state = PS_AGGREGATE_STEP_PARTIAL;
              continue;
            }
          plain += rate, n_rates++;
          if (isfinite (weight))
            weighted += rate * weight, weights += weight;
          else
            state = PS_AGGREGATE_STEP_PARTIAL;
        }
      if (n_rates == 0)
        continue;
      if (weights > 0)
        ps_funding_append (self->funding, t, weighted / weights, NAN);
      else
        {
          ps_funding_append (self->funding, t, plain / n_rates, NAN);
          state = PS_AGGREGATE_STEP_UNWEIGHTED;
        }
      self->funding_state[n_rows++] = state;
    }
}

/* Liquidations */

typedef struct
{
  gint64 t_ms;
  guint  venue;
  guint  row;
} PsAggregateLiq;

static int
ps_aggregate_liq_compare (const void *a,
                          const void *b)
{
  const PsAggregateLiq *x = a, *y = b;

  if (x->t_ms != y->t_ms)
    return x->t_ms < y->t_ms ? -1 : 1;
  if (x->venue != y->venue)
    return x->venue < y->venue ? -1 : 1;
  return x->row < y->row ? -1 : x->row > y->row;
}

static void
ps_aggregate_liquidations (PsAggregate            *self,
                           const PsAggregateInput *inputs)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (PsAggregateLiq));

  for (guint v = 0; v < self->n_venues; v++)
    for (guint i = 0; inputs[v].liquidations != NULL && i < inputs[v].liquidations->n; i++)
      {
        PsAggregateLiq event = { inputs[v].liquidations->t_ms[i], v, i };

        g_array_append_val (events, event);
      }
  /* An empty GArray's data is NULL, which qsort may not be given. */
  if (events->len > 1)
    qsort (events->data, events->len, sizeof (PsAggregateLiq), ps_aggregate_liq_compare);

  self->liquidations = ps_liquidations_new (events->len);
  self->liquidation_venue = g_new (guint8, MAX (events->len, 1));
  for (guint e = 0; e < events->len; e++)
    {
      const PsAggregateLiq *event = &g_array_index (events, PsAggregateLiq, e);
      const PsLiquidations *l = inputs[event->venue].liquidations;
      guint i = event->row;

      ps_liquidations_append (self->liquidations, l->t_ms[i], l->side[i], l->source[i],
                              l->price[i], l->avg_price[i], l->qty[i], l->usd[i]);
      self->liquidation_venue[e] = (guint8) event->venue;
    }
}

PsAggregate *
ps_aggregate_new (const PsAggregateInput *inputs,
                  guint                   n_inputs,
                  PsInterval              interval,
                  gint64                  from_ms,
                  gint64                  to_ms,
                  const char             *reference_venue)
{
  PsAggregate *self;

  g_return_val_if_fail (inputs != NULL || n_inputs == 0, NULL);
  g_return_val_if_fail (n_inputs <= G_MAXUINT8, NULL);
  g_return_val_if_fail (interval > PS_INTERVAL_NONE && interval < PS_N_INTERVALS, NULL);

  self = g_new0 (PsAggregate, 1);
  self->n_venues = n_inputs;
  self->oi_used = g_new0 (gboolean, MAX (n_inputs, 1));
  self->oi_missing_steps = g_new0 (guint, MAX (n_inputs, 1));
  self->oi_missing_last_ms = g_new0 (gint64, MAX (n_inputs, 1));
  self->oi_first_ms = g_new0 (gint64, MAX (n_inputs, 1));

  ps_aggregate_candles (self, inputs, reference_venue ? reference_venue : "binance");
  ps_aggregate_open_interest (self, inputs, interval, from_ms, to_ms);
  ps_aggregate_funding (self, inputs, from_ms, to_ms);
  ps_aggregate_liquidations (self, inputs);
  return self;
}
