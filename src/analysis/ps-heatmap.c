/* ps-heatmap.c: where leveraged positions would be liquidated — the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the candles, amortised O(1) each (plus O(bins) per grid
 * column): bins hold USD / scale so falling open interest scales the whole
 * book by changing one number, and each side keeps the bin beyond which it is
 * empty, so a candle consumes only the bins its range crossed.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-analysis"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-heatmap-private.h"

#define CANCEL_EVERY   4096
#define FALLBACK_DT_MS 60000          /* one candle alone does not say its length */
#define MAX_CELLS      (1u << 26)     /* per side: 256 MiB of floats */
#define TINY_SCALE     1e-150         /* renormalise the bins before the scale underflows */

/* Candles */

static gboolean
ps_heatmap_candle_ok (const PsCandles *c,
                      guint            i)
{
  double high = ps_candles_high_at (c, i), low = ps_candles_low_at (c, i);
  double close = ps_candles_close_at (c, i);

  return isfinite (high) && isfinite (low) && isfinite (close) &&
         low > 0 && high >= low && close > 0;
}

static double
ps_heatmap_typical (const PsCandles *c,
                    guint            i)
{
  return (ps_candles_high_at (c, i) + ps_candles_low_at (c, i) + ps_candles_close_at (c, i)) / 3;
}

/* The taker-buy share of volume, or where the venue gives none, the close's
 * place in the candle's range: a close near the high says buyers pressed. */
static double
ps_heatmap_long_share (const PsCandles *c,
                       guint            i,
                       gboolean        *standin)
{
  double v = ps_candles_volume_at (c, i), tb = ps_candles_taker_buy_at (c, i);

  *standin = !(isfinite (v) && isfinite (tb) && v > 0);
  if (!*standin)
    return CLAMP (tb / v, 0, 1);
  if (ps_candles_high_at (c, i) == ps_candles_low_at (c, i))
    return 0.5;
  return CLAMP ((ps_candles_close_at (c, i) - ps_candles_low_at (c, i)) /
                (ps_candles_high_at (c, i) - ps_candles_low_at (c, i)), 0.2, 0.8);
}

static void
ps_heatmap_candle_values (const PsCandles *c,
                          guint            i,
                          double           values[7])
{
  values[0] = (double) c->t_ms[i];
  values[1] = ps_candles_open_at (c, i);
  values[2] = ps_candles_high_at (c, i);
  values[3] = ps_candles_low_at (c, i);
  values[4] = ps_candles_close_at (c, i);
  values[5] = ps_candles_volume_at (c, i);
  values[6] = ps_candles_taker_buy_at (c, i);
}

static gboolean
ps_heatmap_candle_same (const PsCandles *c,
                        guint            i,
                        const double     values[7])
{
  double now[7];

  ps_heatmap_candle_values (c, i, now);
  for (guint k = 0; k < 7; k++)
    if (!(now[k] == values[k] || (isnan (now[k]) && isnan (values[k]))))
      return FALSE;
  return TRUE;
}

/* The book */

static inline int
ps_heatmap_bin (const PsHeatmap *self,
                double           price)
{
  double x = floor ((price - self->grid.price_lo) * self->inv_w);

  return (int) CLAMP (x, 0, (double) self->grid.n_bins - 1);
}

static inline void
ps_heatmap_add (const PsHeatmap *self,
                PsHeatState     *st,
                PsLiqSide        side,
                double           price,
                double           stored)
{
  int b = ps_heatmap_bin (self, price);

  if (side == PS_LIQ_LONG)
    {
      st->long_bins[b] += stored;
      st->top_long = MAX (st->top_long, b);
    }
  else
    {
      st->short_bins[b] += stored;
      st->bottom_short = MIN (st->bottom_short, b);
    }
}

/* stored spread flat over the bins of [lo, hi]. */
static void
ps_heatmap_spread (const PsHeatmap *self,
                   PsHeatState     *st,
                   PsLiqSide        side,
                   double           lo,
                   double           hi,
                   double           stored)
{
  int a = ps_heatmap_bin (self, lo), b = ps_heatmap_bin (self, hi);
  double *bins = side == PS_LIQ_LONG ? st->long_bins : st->short_bins;
  double each;

  if (a > b)
    {
      int swap = a;

      a = b;
      b = swap;
    }
  each = stored / (b - a + 1);
  for (int k = a; k <= b; k++)
    bins[k] += each;
  if (side == PS_LIQ_LONG)
    st->top_long = MAX (st->top_long, b);
  else
    st->bottom_short = MIN (st->bottom_short, a);
}

/* 1, 2 or 5 × 10^k, nearest to x on a log scale. */
static double
ps_heatmap_nice_step (double x)
{
  double base = pow (10, floor (log10 (x)));
  double best = base;

  for (guint k = 1; k < 4; k++)
    {
      double step = base * (k == 1 ? 2 : k == 2 ? 5 : 10);

      if (fabs (log (step / x)) < fabs (log (best / x)))
        best = step;
    }
  return best;
}

/* stored in equal shares on the round numbers inside [lo, hi]; the nearest
 * round number when none is inside, the flat spread when they would be
 * finer than the bins. */
static void
ps_heatmap_round (const PsHeatmap *self,
                  PsHeatState     *st,
                  PsLiqSide        side,
                  double           p,
                  double           lo,
                  double           hi,
                  double           stored)
{
  double step = self->params.round_step > 0 ? self->params.round_step
                                            : ps_heatmap_nice_step (p / 100);
  double k0 = ceil (lo / step), k1 = floor (hi / step);

  if (k1 < k0)
    ps_heatmap_add (self, st, side, round ((lo + hi) / 2 / step) * step, stored);
  else if (k1 - k0 + 1 > self->grid.n_bins)
    ps_heatmap_spread (self, st, side, lo, hi, stored);
  else
    for (double k = k0; k <= k1; k++)
      ps_heatmap_add (self, st, side, k * step, stored / (k1 - k0 + 1));
}

/* New positions of long_usd and short_usd entered at p. */
static void
ps_heatmap_place (const PsHeatmap *self,
                  PsHeatState     *st,
                  double           p,
                  double           long_usd,
                  double           short_usd)
{
  long_usd /= st->scale;
  short_usd /= st->scale;

  switch (self->params.mode)
    {
    case PS_HEATMAP_MODEL:
      for (guint t = 0; t < self->params.n_tiers; t++)
        {
          ps_heatmap_add (self, st, PS_LIQ_LONG, p * self->long_f[t], long_usd * self->weight[t]);
          ps_heatmap_add (self, st, PS_LIQ_SHORT, p * self->short_f[t],
                          short_usd * self->weight[t]);
        }
      break;
    case PS_HEATMAP_UNIFORM:
      ps_heatmap_spread (self, st, PS_LIQ_LONG, p * self->long_band[0], p * self->long_band[1],
                         long_usd);
      ps_heatmap_spread (self, st, PS_LIQ_SHORT, p * self->short_band[0], p * self->short_band[1],
                         short_usd);
      break;
    case PS_HEATMAP_ROUND:
    default:
      ps_heatmap_round (self, st, PS_LIQ_LONG, p, p * self->long_band[0], p * self->long_band[1],
                        long_usd);
      ps_heatmap_round (self, st, PS_LIQ_SHORT, p, p * self->short_band[0],
                        p * self->short_band[1], short_usd);
      break;
    }
}

/* Longs at or above the bin of low and shorts at or below the bin of high:
 * the bins the candle's range reached. */
static void
ps_heatmap_consume (const PsHeatmap *self,
                    PsHeatState     *st,
                    double           low,
                    double           high,
                    double          *long_usd,
                    double          *short_usd)
{
  int n = self->grid.n_bins;
  double kl = floor ((low - self->grid.price_lo) * self->inv_w);
  double kh = floor ((high - self->grid.price_lo) * self->inv_w);
  int first = (int) CLAMP (kl, 0, n), last = (int) CLAMP (kh, -1, n - 1);
  double sum = 0;

  for (; st->top_long >= first; st->top_long--)
    {
      sum += st->long_bins[st->top_long];
      st->long_bins[st->top_long] = 0;
    }
  *long_usd = sum * st->scale;

  sum = 0;
  for (; st->bottom_short <= last; st->bottom_short++)
    {
      sum += st->short_bins[st->bottom_short];
      st->short_bins[st->bottom_short] = 0;
    }
  *short_usd = sum * st->scale;
}

static void
ps_heatmap_rescale (const PsHeatmap *self,
                    PsHeatState     *st,
                    double           factor)
{
  st->scale *= factor;
  if (st->scale >= TINY_SCALE)
    return;
  for (guint b = 0; b < self->grid.n_bins; b++)
    {
      st->long_bins[b] *= st->scale;
      st->short_bins[b] *= st->scale;
    }
  st->scale = 1;
}

/* Candle i: first what its range consumed, then its change of open
 * interest (oi_now at its end): new positions after the candle's own
 * consumption, or every level closed in proportion. */
static void
ps_heatmap_step (PsHeatmap       *self,
                 PsHeatState     *st,
                 const PsCandles *c,
                 guint            i,
                 double           oi_now)
{
  gboolean ok = ps_heatmap_candle_ok (c, i);
  double long_usd = 0, short_usd = 0;

  if (i > 0 && c->t_ms[i] - c->t_ms[i - 1] > self->dt_ms)
    st->n_gaps++;
  if (ok)
    ps_heatmap_consume (self, st, ps_candles_low_at (c, i), ps_candles_high_at (c, i),
                        &long_usd, &short_usd);
  else
    st->n_skipped++;
  self->predicted[PS_LIQ_LONG][i] = long_usd;
  self->predicted[PS_LIQ_SHORT][i] = short_usd;

  if (oi_now < st->oi_prev)
    {
      /* The share of all open interest that closed, from the book as
       * modelled: a trader who closes is as likely one from before the
       * candles as one the model saw open. */
      ps_heatmap_rescale (self, st, oi_now / st->oi_prev);
    }
  else if (oi_now > st->oi_prev && ok)
    {
      gboolean standin;
      double share = ps_heatmap_long_share (c, i, &standin);
      double delta = oi_now - st->oi_prev;

      st->n_standin += standin;
      ps_heatmap_place (self, st, ps_heatmap_typical (c, i), delta * share, delta * (1 - share));
    }
  st->oi_prev = oi_now;
}

static void
ps_heatmap_state_copy (const PsHeatmap   *self,
                       PsHeatState       *to,
                       const PsHeatState *from)
{
  double *long_bins = to->long_bins, *short_bins = to->short_bins;

  *to = *from;
  to->long_bins = long_bins;
  to->short_bins = short_bins;
  memcpy (to->long_bins, from->long_bins, self->grid.n_bins * sizeof (double));
  memcpy (to->short_bins, from->short_bins, self->grid.n_bins * sizeof (double));
}

static void
ps_heatmap_state_alloc (const PsHeatmap *self,
                        PsHeatState     *st)
{
  st->long_bins = g_new0 (double, self->grid.n_bins);
  st->short_bins = g_new0 (double, self->grid.n_bins);
  st->scale = 1;
  st->top_long = -1;
  st->bottom_short = (int) self->grid.n_bins;
}

/* The grid */

static void
ps_heatmap_write_column (PsHeatmap         *self,
                         guint              column,
                         const PsHeatState *st)
{
  guint n_bins = self->grid.n_bins;
  float *l = self->grid.long_usd + (gsize) column * n_bins;
  float *s = self->grid.short_usd + (gsize) column * n_bins;
  float max = 0;

  for (guint b = 0; b < n_bins; b++)
    {
      l[b] = (float) (st->long_bins[b] * st->scale);
      s[b] = (float) (st->short_bins[b] * st->scale);
      max = MAX (max, MAX (l[b], s[b]));
    }
  self->col_max[column] = max;
  self->grid.t_ms[column] = self->candles->t_ms[column * self->per_column];
}

static void
ps_heatmap_reserve (PsHeatmap *self,
                    guint      n,
                    guint      n_columns)
{
  if (n > self->alloc)
    {
      self->alloc = MAX (n, self->alloc * 2);
      for (int side = 0; side < 2; side++)
        self->predicted[side] = g_renew (double, self->predicted[side], self->alloc);
    }
  if (n_columns > self->cols_alloc)
    {
      gsize n_bins = self->grid.n_bins;

      self->cols_alloc = MAX (n_columns, self->cols_alloc * 2);
      if (self->params.max_columns > 0)
        self->cols_alloc = MIN (self->cols_alloc, MAX (n_columns, self->params.max_columns));
      self->grid.t_ms = g_renew (gint64, self->grid.t_ms, self->cols_alloc);
      self->col_max = g_renew (float, self->col_max, self->cols_alloc);
      self->grid.long_usd = g_renew (float, self->grid.long_usd, self->cols_alloc * n_bins);
      self->grid.short_usd = g_renew (float, self->grid.short_usd, self->cols_alloc * n_bins);
    }
}

/* The first candle whose result may still change: the last one (live), or
 * the first to end after the last open interest reading (a later reading
 * changes its change of open interest). */
static guint
ps_heatmap_first_unsettled (const PsHeatmap *self,
                            const PsCandles *c,
                            guint            from,
                            gint64           oi_last_t)
{
  guint i = from;

  while (i + 1 < c->n && c->t_ms[i] + self->dt_ms <= oi_last_t)
    i++;
  return i;
}

/* Candles [from, n) onto self->state, which holds the book before from;
 * the book before check_i is kept for the next extend. */
static gboolean
ps_heatmap_run (PsHeatmap             *self,
                const PsHeatmapInput  *input,
                guint                  from,
                guint                  check_i,
                GCancellable          *cancellable,
                GError               **error)
{
  const PsCandles *c = input->candles;
  PsOiCursor cursor = { input->open_interest, c, 0, 0, 0, 0 };
  guint k = self->per_column;
  float max = 0;

  _ps_heatmap_clear_derived (self);
  /* The rows before from are the same in c (extend checked it). */
  if (self->candles != c)
    {
      g_clear_pointer (&self->candles, ps_candles_unref);
      self->candles = ps_candles_ref ((PsCandles *) c);
    }
  _ps_oi_cursor_seek (&cursor, from == 0 ? self->t0_ms : c->t_ms[from - 1] + self->dt_ms);
  if (from == 0)
    self->state.oi_prev = _ps_oi_cursor_at (&cursor, self->t0_ms);

  for (guint i = from; i < c->n; i++)
    {
      if ((i - from) % CANCEL_EVERY == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (i == check_i)
        {
          ps_heatmap_state_copy (self, &self->check, &self->state);
          if (i > 0)
            ps_heatmap_candle_values (c, i - 1, self->check_candle);
        }
      ps_heatmap_step (self, &self->state, c, i,
                       _ps_oi_cursor_at (&cursor, c->t_ms[i] + self->dt_ms));
      if ((i + 1) % k == 0 || i + 1 == c->n)
        ps_heatmap_write_column (self, i / k, &self->state);
    }

  self->n = c->n;
  self->check_i = check_i;
  self->grid.n_columns = (c->n + k - 1) / k;
  self->grid.end_ms = c->t_ms[c->n - 1] + self->dt_ms;
  for (guint col = 0; col < self->grid.n_columns; col++)
    max = MAX (max, self->col_max[col]);
  self->grid.max_usd = max;
  _ps_heatmap_update_notes (self);
  return TRUE;
}

/* The levels of every tier relative to the entry price, and the grid's
 * price range, which holds every level of every candle. */
static void
ps_heatmap_setup (PsHeatmap *self,
                  double     min_low,
                  double     max_high)
{
  const PsHeatmapParams *params = &self->params;
  double sum = 0, lo, hi;

  self->maint = isnan (params->maint_rate) ? ps_binance_maint_rate (params->position_usd)
                                           : params->maint_rate;
  for (guint t = 0; t < params->n_tiers; t++)
    sum += params->weight[t];
  self->long_band[0] = self->short_band[0] = INFINITY;
  self->long_band[1] = self->short_band[1] = -INFINITY;
  for (guint t = 0; t < params->n_tiers; t++)
    {
      self->weight[t] = params->weight[t] / sum;
      self->long_f[t] = 1 - 1 / params->leverage[t] + self->maint;
      self->short_f[t] = 1 + 1 / params->leverage[t] - self->maint;
      self->long_band[0] = MIN (self->long_band[0], self->long_f[t]);
      self->long_band[1] = MAX (self->long_band[1], self->long_f[t]);
      self->short_band[0] = MIN (self->short_band[0], self->short_f[t]);
      self->short_band[1] = MAX (self->short_band[1], self->short_f[t]);
    }
  self->f_min = MIN (self->long_band[0], self->short_band[0]);
  self->f_max = MAX (self->long_band[1], self->short_band[1]);

  lo = min_low * MIN (self->f_min, 1);
  hi = max_high * MAX (self->f_max, 1);
  if (!(hi > lo * (1 + 1e-9)))
    {
      /* One price and levels right at it: still a range to draw. */
      lo *= 0.99;
      hi *= 1.01;
    }
  self->grid.price_lo = lo;
  self->grid.price_hi = hi;
  self->inv_w = params->n_bins / (hi - lo);
}

static gboolean
ps_heatmap_scan_candles (const PsCandles  *c,
                         double           *min_low,
                         double           *max_high,
                         gint64           *dt_ms,
                         GError          **error)
{
  guint n_ok = 0;

  *min_low = INFINITY;
  *max_high = -INFINITY;
  *dt_ms = G_MAXINT64;
  for (guint i = 0; i < c->n; i++)
    {
      if (i > 0 && c->t_ms[i] > c->t_ms[i - 1])
        *dt_ms = MIN (*dt_ms, c->t_ms[i] - c->t_ms[i - 1]);
      if (!ps_heatmap_candle_ok (c, i))
        continue;
      *min_low = MIN (*min_low, ps_candles_low_at (c, i));
      *max_high = MAX (*max_high, ps_candles_high_at (c, i));
      n_ok++;
    }
  if (n_ok == 0)
    {
      g_set_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_NO_DATA,
                   g_dngettext (GETTEXT_PACKAGE, "The %u candle has no usable prices to model",
                                "None of the %u candles has usable prices to model", c->n),
                   c->n);
      return FALSE;
    }
  return TRUE;
}

PsHeatmap *
ps_heatmap_compute (const PsHeatmapParams  *params,
                    const PsHeatmapInput   *input,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_autoptr(PsHeatmap) self = NULL;
  const PsCandles *c;
  PsOiStats oi, before_last;
  double min_low, max_high;
  gint64 dt_ms;
  guint per_column, n_columns;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ps_heatmap_params_validate (params, error))
    return NULL;
  c = input->candles;
  if (c == NULL || c->n == 0)
    {
      g_set_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_NO_DATA, _("No candles to model"));
      return NULL;
    }
  if (!ps_heatmap_scan_candles (c, &min_low, &max_high, &dt_ms, error))
    return NULL;
  _ps_oi_stats_init (&oi);
  if (input->open_interest != NULL)
    _ps_oi_stats_scan (&oi, &before_last, input->open_interest, c);
  if (oi.n_valid == 0)
    {
      g_set_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_NO_DATA,
                   _("No open interest in this range: the heatmap needs it"));
      return NULL;
    }
  per_column = params->max_columns == 0 ? 1
                                        : (c->n + params->max_columns - 1) / params->max_columns;
  n_columns = (c->n + per_column - 1) / per_column;
  if ((guint64) n_columns * params->n_bins > MAX_CELLS)
    {
      g_set_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_PARAMS,
                   _("The heatmap would have %u columns of %u bins, too many to hold: "
                     "ask for fewer columns or bins"), n_columns, params->n_bins);
      return NULL;
    }

  self = g_new0 (PsHeatmap, 1);
  self->ref_count = 1;
  self->params = *params;
  self->grid.n_bins = params->n_bins;
  self->per_column = per_column;
  self->dt_inferred = dt_ms != G_MAXINT64;
  self->dt_ms = self->dt_inferred ? dt_ms : FALLBACK_DT_MS;
  self->t0_ms = c->t_ms[0];
  self->oi = oi;
  self->oi_before_last = before_last;
  ps_heatmap_setup (self, min_low, max_high);
  ps_heatmap_state_alloc (self, &self->state);
  ps_heatmap_state_alloc (self, &self->check);
  /* Room for the candles of the next hours: a live extend then never waits
   * for a reallocation. */
  ps_heatmap_reserve (self, c->n + c->n / 16 + 64, n_columns + n_columns / 16 + 16);

  if (!ps_heatmap_run (self, input, 0, ps_heatmap_first_unsettled (self, c, 0, oi.last_t),
                       cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Whether candles [from, n) continue self: no shorter step than the one
 * self assumed, every level inside the grid. */
static gboolean
ps_heatmap_continues (const PsHeatmap *self,
                      const PsCandles *c,
                      guint            from)
{
  for (guint i = MAX (from, 1); i < c->n; i++)
    {
      gint64 step = c->t_ms[i] - c->t_ms[i - 1];

      if (step <= 0 || step < self->dt_ms || (!self->dt_inferred && step != self->dt_ms))
        return FALSE;
    }
  for (guint i = from; i < c->n; i++)
    {
      double p;

      if (!ps_heatmap_candle_ok (c, i))
        continue;
      p = ps_heatmap_typical (c, i);
      if (p * self->f_min < self->grid.price_lo || p * self->f_max > self->grid.price_hi)
        return FALSE;
    }
  return TRUE;
}

gboolean
ps_heatmap_extend (PsHeatmap            *self,
                   const PsHeatmapInput *input)
{
  const PsCandles *c;
  const PsOpenInterest *oi;
  PsOiStats stats, before_last;
  PsOiCursor cursor;
  guint check_i, n_columns;
  gint64 then_ms;
  double oi_then;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  c = input->candles;
  oi = input->open_interest;
  if (c == NULL || c->n == 0 || c->n < self->n || c->t_ms[0] != self->t0_ms ||
      oi == NULL || oi->n < self->oi.n_rows)
    return FALSE;
  if (self->check_i > 0 && !ps_heatmap_candle_same (c, self->check_i - 1, self->check_candle))
    return FALSE;
  if (!ps_heatmap_continues (self, c, self->check_i))
    return FALSE;

  /* The open interest the settled candles saw must be the same. */
  stats = self->oi_before_last;
  _ps_oi_stats_scan (&stats, &before_last, oi, c);
  if (stats.n_valid == 0 || stats.first_t != self->oi.first_t || stats.last_t < self->oi.last_t)
    return FALSE;
  then_ms = self->check_i == 0 ? self->t0_ms : c->t_ms[self->check_i - 1] + self->dt_ms;
  cursor = (PsOiCursor) { oi, c, 0, 0, 0, 0 };
  _ps_oi_cursor_seek (&cursor, then_ms);
  oi_then = _ps_oi_cursor_at (&cursor, then_ms);
  if (!(fabs (oi_then - self->check.oi_prev) <= 1e-12 * self->check.oi_prev))
    return FALSE;

  n_columns = (c->n + self->per_column - 1) / self->per_column;
  if (self->params.max_columns > 0 ? n_columns > self->params.max_columns
                                   : (guint64) n_columns * self->grid.n_bins > MAX_CELLS)
    return FALSE;

  check_i = ps_heatmap_first_unsettled (self, c, self->check_i, stats.last_t);
  ps_heatmap_reserve (self, c->n, n_columns);
  ps_heatmap_state_copy (self, &self->state, &self->check);
  self->oi = stats;
  self->oi_before_last = before_last;
  self->dt_inferred = c->n > 1;
  return ps_heatmap_run (self, input, self->check_i, check_i, NULL, NULL);
}

static gpointer
ps_heatmap_dup_used (gconstpointer data,
                     gsize         n_used,
                     gsize         n_alloc,
                     gsize         size)
{
  gpointer copy = g_malloc (n_alloc * size);

  memcpy (copy, data, n_used * size);
  return copy;
}

PsHeatmap *
ps_heatmap_copy (const PsHeatmap *self)
{
  PsHeatmap *copy;

  g_return_val_if_fail (self != NULL, NULL);

  /* As roomy as self, so its first extend does not reallocate either;
   * only what is in use is copied. */
  copy = g_memdup2 (self, sizeof *self);
  copy->ref_count = 1;
  copy->predicted_sums[0] = copy->predicted_sums[1] = copy->zone_track = NULL;
  if (self->candles != NULL)
    ps_candles_ref (copy->candles);
  for (int side = 0; side < 2; side++)
    copy->predicted[side] = ps_heatmap_dup_used (self->predicted[side], self->n, self->alloc,
                                                 sizeof (double));
  copy->grid.t_ms = ps_heatmap_dup_used (self->grid.t_ms, self->grid.n_columns,
                                         self->cols_alloc, sizeof (gint64));
  copy->col_max = ps_heatmap_dup_used (self->col_max, self->grid.n_columns, self->cols_alloc,
                                       sizeof (float));
  copy->grid.long_usd = ps_heatmap_dup_used (self->grid.long_usd, self->grid.n_columns,
                                             self->cols_alloc, self->grid.n_bins * sizeof (float));
  copy->grid.short_usd = ps_heatmap_dup_used (self->grid.short_usd, self->grid.n_columns,
                                              self->cols_alloc, self->grid.n_bins * sizeof (float));
  ps_heatmap_state_alloc (copy, &copy->state);
  ps_heatmap_state_alloc (copy, &copy->check);
  ps_heatmap_state_copy (copy, &copy->state, &self->state);
  ps_heatmap_state_copy (copy, &copy->check, &self->check);
  copy->notes = g_strdupv (self->notes);
  return copy;
}

PsHeatmap *
ps_heatmap_ref (PsHeatmap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ps_heatmap_unref (PsHeatmap *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_clear_pointer (&self->candles, ps_candles_unref);
  g_free (self->predicted[0]);
  g_free (self->predicted[1]);
  _ps_heatmap_clear_derived (self);
  g_free (self->grid.t_ms);
  g_free (self->grid.long_usd);
  g_free (self->grid.short_usd);
  g_free (self->col_max);
  g_free (self->state.long_bins);
  g_free (self->state.short_bins);
  g_free (self->check.long_bins);
  g_free (self->check.short_bins);
  g_strfreev (self->notes);
  g_free (self);
}

const PsHeatmapParams *
ps_heatmap_get_params (const PsHeatmap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->params;
}

const PsHeatmapGrid *
ps_heatmap_get_grid (const PsHeatmap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->grid;
}

const char * const *
ps_heatmap_get_notes (const PsHeatmap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->notes;
}
