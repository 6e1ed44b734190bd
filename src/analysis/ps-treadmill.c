/* ps-treadmill.c: which phase of the liquidation treadmill a market is in, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each candle is judged at its end by the rules of ps-treadmill-rules.c on the
 * numbers of ps-treadmill-facts.c; the defaults below are justified from
 * shared/data in src/analysis/README.md ("Treadmill").
 *
 * The stand-in: where no recorder listened (input->liquidations NULL, or the
 * candle overlaps a not_recorded span) a liquidation spike is read from the
 * candle itself, a forced-flow candle: volume and high − low both ≥ 3.5× their
 * medians of the baseline and |close − open| ≥ 1× the median range. The
 * reasons name it every time it is used.
 *
 * Smoothing: a flush may be one candle; a building, crowded or reset run of
 * one candle is dropped to none (its changes are measured over the lookback
 * already, so one candle alone is mostly a threshold flicker). A live last
 * candle therefore shows those phases once a second candle agrees.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-treadmill-private.h"

#define HOUR_MS (G_GINT64_CONSTANT (3600000))
#define DAY_MS  (24 * HOUR_MS)

struct _PsTreadmill
{
  gatomicrefcount ref_count;
  guint           n;
  guint8         *phases;
  char          **reasons;   /* per candle, NULL for none */
  GArray         *periods;   /* PsPhasePeriod */
  GStrv           notes;
  PsTreadmillMemo *memo;     /* for the next run (ps-treadmill-memo.c) */
};

G_DEFINE_QUARK (ps-treadmill-error-quark, ps_treadmill_error)

const char *
ps_phase_to_string (PsPhase phase)
{
  static const char * const names[] = { "none", "building", "crowded", "flush", "reset" };

  g_return_val_if_fail (phase < PS_N_PHASES, NULL);

  return names[phase];
}

const char *
ps_phase_get_label (PsPhase phase)
{
  g_return_val_if_fail (phase < PS_N_PHASES, NULL);

  switch (phase)
    {
    case PS_PHASE_BUILDING: return C_("treadmill phase", "Building");
    case PS_PHASE_CROWDED:  return C_("treadmill phase", "Crowded");
    case PS_PHASE_FLUSH:    return C_("treadmill phase", "Flush");
    case PS_PHASE_RESET:    return C_("treadmill phase", "Reset");
    case PS_PHASE_NONE:
    case PS_N_PHASES:
    default:                return C_("treadmill phase", "None");
    }
}

void
ps_treadmill_params_init (PsTreadmillParams *params)
{
  g_return_if_fail (params != NULL);

  *params = (PsTreadmillParams) {
    .lookback_ms = DAY_MS,
    .baseline_ms = 30 * DAY_MS,
    .build_price_pct = 1.0,
    .build_oi_pct = 2.5,
    .funding_positive = 0.00005,
    .funding_high = 0.00015,
    .oi_high_rank = 0.8,
    .flush_liq_multiple = 4.0,
    .flush_liq_oi_share = 0.1,
    .flush_oi_pct = 3.0,
    .neutral_funding = 0.0001,
    .fade_liq_multiple = 1.5,
    .reset_window_ms = 7 * DAY_MS,
    .spot_bid_pct = 0.05,
    .standin_volume_multiple = 3.5,
    .standin_range_multiple = 3.5,
    .standin_body_multiple = 1.0,
  };
}

static gboolean
ps_treadmill_param_bad (GError    **error,
                        const char *name,
                        const char *expected)
{
  g_set_error (error, PS_TREADMILL_ERROR, PS_TREADMILL_ERROR_PARAMS,
               /* TRANSLATORS: "Treadmill parameter “lookback” must be positive" */
               _("Treadmill parameter “%s” must be %s"), name, expected);
  return FALSE;
}

static gboolean
ps_treadmill_params_check_numbers (const PsTreadmillParams *params,
                                   GError                 **error)
{
  const struct { const char *name; double value; double min; } numbers[] = {
    { "flush-liq-multiple", params->flush_liq_multiple, G_MINDOUBLE },
    { "fade-liq-multiple", params->fade_liq_multiple, G_MINDOUBLE },
    { "standin-volume-multiple", params->standin_volume_multiple, G_MINDOUBLE },
    { "standin-range-multiple", params->standin_range_multiple, G_MINDOUBLE },
    { "standin-body-multiple", params->standin_body_multiple, 0 },
    { "flush-liq-oi-share", params->flush_liq_oi_share, 0 },
    { "flush-oi-pct", params->flush_oi_pct, 0 },
    { "neutral-funding", params->neutral_funding, 0 },
    { "build-price-pct", params->build_price_pct, -G_MAXDOUBLE },
    { "build-oi-pct", params->build_oi_pct, -G_MAXDOUBLE },
    { "funding-positive", params->funding_positive, -G_MAXDOUBLE },
    { "funding-high", params->funding_high, -G_MAXDOUBLE },
    { "spot-bid-pct", params->spot_bid_pct, -G_MAXDOUBLE },
  };

  for (guint k = 0; k < G_N_ELEMENTS (numbers); k++)
    if (!(isfinite (numbers[k].value) && numbers[k].value >= numbers[k].min))
      return ps_treadmill_param_bad (error, numbers[k].name,
                                     numbers[k].min > 0 ? _("a positive number")
                                     : numbers[k].min == 0 ? _("zero or positive")
                                     : _("a number"));
  return TRUE;
}

gboolean
ps_treadmill_params_validate (const PsTreadmillParams *params,
                              GError                 **error)
{
  g_return_val_if_fail (params != NULL, FALSE);

  if (params->lookback_ms <= 0)
    return ps_treadmill_param_bad (error, "lookback", _("positive"));
  if (params->baseline_ms < params->lookback_ms)
    return ps_treadmill_param_bad (error, "baseline", _("at least the lookback"));
  if (params->reset_window_ms < 0)
    return ps_treadmill_param_bad (error, "reset-window", _("zero or positive"));
  if (!(params->oi_high_rank >= 0 && params->oi_high_rank <= 1))
    return ps_treadmill_param_bad (error, "oi-high-rank", _("between 0 and 1"));
  return ps_treadmill_params_check_numbers (params, error);
}

static void
ps_treadmill_period_clear (gpointer data)
{
  PsPhasePeriod *period = data;

  g_clear_pointer (&period->reasons, g_free);
}

static void
ps_treadmill_free (PsTreadmill *self)
{
  for (guint i = 0; i < self->n; i++)
    g_free (self->reasons[i]);
  g_free (self->reasons);
  g_free (self->phases);
  g_clear_pointer (&self->periods, g_array_unref);
  g_clear_pointer (&self->notes, g_strfreev);
  g_clear_pointer (&self->memo, _ps_treadmill_memo_free);
  g_free (self);
}

PsTreadmill *
ps_treadmill_ref (PsTreadmill *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ps_treadmill_unref (PsTreadmill *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    ps_treadmill_free (self);
}

static gboolean
ps_treadmill_check_candles (const PsCandles *candles,
                            GError         **error)
{
  if (candles == NULL || candles->n == 0)
    {
      g_set_error (error, PS_TREADMILL_ERROR, PS_TREADMILL_ERROR_NO_DATA,
                   _("No candles to label with treadmill phases"));
      return FALSE;
    }
  for (guint i = 1; i < candles->n; i++)
    if (candles->t_ms[i] <= candles->t_ms[i - 1])
      {
        g_set_error (error, PS_TREADMILL_ERROR, PS_TREADMILL_ERROR_NO_DATA,
                     _("Candles are not in time order at row %u: treadmill phases need sorted candles"),
                     i + 1);
        return FALSE;
      }
  return TRUE;
}

static gboolean
ps_treadmill_adjacent (const PsCandles *c,
                       gint64           step_ms,
                       guint            i)
{
  return i > 0 && c->t_ms[i] - c->t_ms[i - 1] == step_ms;
}

/* A building, crowded or reset run of one candle becomes none. */
static void
ps_treadmill_smooth (PsTreadmill     *self,
                     const PsCandles *c,
                     gint64           step_ms)
{
  for (guint i = 0; i < self->n; i++)
    {
      PsPhase phase = self->phases[i];
      gboolean same_before = ps_treadmill_adjacent (c, step_ms, i) && self->phases[i - 1] == phase;
      gboolean same_after = i + 1 < self->n && ps_treadmill_adjacent (c, step_ms, i + 1)
                            && self->phases[i + 1] == phase;

      if (phase == PS_PHASE_NONE || phase == PS_PHASE_FLUSH || same_before || same_after)
        continue;
      self->phases[i] = PS_PHASE_NONE;
      g_clear_pointer (&self->reasons[i], g_free);
    }
}

static void
ps_treadmill_add_period (PsTreadmill     *self,
                         const PsCandles *c,
                         gint64           step_ms,
                         guint            first,
                         guint            last,
                         guint            strongest)
{
  PsPhasePeriod period = {
    .from_ms = c->t_ms[first],
    .to_ms = c->t_ms[last] + step_ms,
    .phase = self->phases[first],
    .reasons = NULL,
  };

  if (self->reasons[strongest] != NULL && last > first)
    {
      g_autofree char *at = _ps_treadmill_format_time (c->t_ms[strongest]);

      /* TRANSLATORS: heads a period's reasons: "Candle of 2025-10-10 20:00 UTC, 3 of 3:" */
      period.reasons = g_strdup_printf (_("Candle of %s, %u of %u:\n%s"), at,
                                        strongest - first + 1, last - first + 1,
                                        self->reasons[strongest]);
    }
  else
    period.reasons = g_strdup (self->reasons[strongest]);
  g_array_append_val (self->periods, period);
}

/* Runs of one phase; a gap in the candles ends a run. */
static void
ps_treadmill_build_periods (PsTreadmill     *self,
                            const PsCandles *c,
                            gint64           step_ms,
                            const double    *strength)
{
  guint first = 0, strongest = 0;

  for (guint i = 1; i <= self->n; i++)
    {
      if (i < self->n && self->phases[i] == self->phases[first]
          && ps_treadmill_adjacent (c, step_ms, i))
        {
          if (strength[i] > strength[strongest])
            strongest = i;
          continue;
        }
      ps_treadmill_add_period (self, c, step_ms, first, i - 1, strongest);
      first = strongest = i;
    }
}

/* Labels candles as the gatherer hands their facts over, in order. */
typedef struct
{
  PsTreadmill             *self;
  const PsTreadmillParams *params;
  const PsTreadmillData   *data;
  const PsCandles         *candles;
  double                  *strength;
  GString                 *reasons;
  gint64                   last_flush_end;
} PsTreadmillLabel;

static void
ps_treadmill_label (const PsTreadmillFacts *facts,
                    guint                   i,
                    gpointer                user_data)
{
  PsTreadmillLabel *l = user_data;
  gint64 end = l->candles->t_ms[i] + l->data->step_ms;
  PsPhase phase = _ps_treadmill_classify (l->params, facts, end, l->last_flush_end,
                                          l->reasons, &l->strength[i]);

  l->self->phases[i] = phase;
  l->self->reasons[i] = phase != PS_PHASE_NONE ? g_strdup (l->reasons->str) : NULL;
  if (phase == PS_PHASE_FLUSH)
    l->last_flush_end = end;
}

PsTreadmill *
ps_treadmill_compute (const PsTreadmillParams *params,
                      const PsTreadmillInput  *input,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  return ps_treadmill_compute_after (params, input, NULL, cancellable, error);
}

PsTreadmill *
ps_treadmill_compute_after (const PsTreadmillParams *params,
                            const PsTreadmillInput  *input,
                            const PsTreadmill       *previous,
                            GCancellable            *cancellable,
                            GError                 **error)
{
  g_autoptr(PsTreadmill) self = NULL;
  g_autofree double *strength = NULL;
  g_autoptr(GString) reasons = NULL;
  PsTreadmillData data = { 0, };
  PsTreadmillLabel label;
  const PsCandles *c;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ps_treadmill_params_validate (params, error) || !ps_treadmill_check_candles (input->candles, error))
    return NULL;
  c = input->candles;

  self = g_new0 (PsTreadmill, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n = c->n;
  self->phases = g_new0 (guint8, c->n);
  self->reasons = g_new0 (char *, c->n);
  self->periods = g_array_new (FALSE, FALSE, sizeof (PsPhasePeriod));
  g_array_set_clear_func (self->periods, ps_treadmill_period_clear);
  strength = g_new0 (double, c->n);
  reasons = g_string_new (NULL);

  label = (PsTreadmillLabel) {
    .self = self,
    .params = params,
    .data = &data,
    .candles = c,
    .strength = strength,
    .reasons = reasons,
    .last_flush_end = G_MININT64,
  };
  if (!_ps_treadmill_gather (params, input, previous != NULL ? previous->memo : NULL, &data,
                             ps_treadmill_label, &label, cancellable, error))
    {
      _ps_treadmill_data_clear (&data);
      return NULL;
    }
  /* The facts are handed over and labelled: what they were made from goes
   * before the periods are built. */
  if (c->n == 1)
    g_ptr_array_add (data.notes, g_strdup (_("One candle: too little data for any rule")));
  g_ptr_array_add (data.notes, NULL);
  self->notes = (GStrv) g_ptr_array_steal (data.notes, NULL);
  self->memo = g_steal_pointer (&data.memo);
  _ps_treadmill_data_clear (&data);

  ps_treadmill_smooth (self, c, data.step_ms);
  ps_treadmill_build_periods (self, c, data.step_ms, strength);
  return g_steal_pointer (&self);
}

const PsTreadmillMemo *
_ps_treadmill_get_memo (const PsTreadmill *self)
{
  return self->memo;
}

guint
ps_treadmill_get_n_candles (const PsTreadmill *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n;
}

const guint8 *
ps_treadmill_get_phases (const PsTreadmill *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->phases;
}

const char *
ps_treadmill_get_reasons (const PsTreadmill *self,
                          guint              i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->n, NULL);

  return self->reasons[i];
}

const GArray *
ps_treadmill_get_periods (const PsTreadmill *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->periods;
}

const PsPhasePeriod *
ps_treadmill_lookup (const PsTreadmill *self,
                     gint64             t_ms)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, NULL);

  hi = self->periods->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->periods, PsPhasePeriod, mid).from_ms <= t_ms)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return NULL;
  {
    const PsPhasePeriod *period = &g_array_index (self->periods, PsPhasePeriod, lo - 1);

    return t_ms < period->to_ms ? period : NULL;
  }
}

const char * const *
ps_treadmill_get_notes (const PsTreadmill *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->notes;
}
