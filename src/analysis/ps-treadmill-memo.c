/* ps-treadmill-memo.c: what a treadmill run keeps for the next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A live window runs the analysis again for every batch of liquidations
 * over the same candles, and the trailing windows' medians and open
 * interest rank (a copy, a selection or a sort of up to ~4,000 values at
 * each rebuild) were half of such a run. A candle's medians read only the
 * rows before it and its rank the open interest up to its end, at rebuilds
 * decided by the candles' times alone; so where those are the same bytes as
 * the run before's, so are the candle's medians and rank, and they are
 * taken from it. The windows still decide their rebuilds (a pair of
 * bisections) so that the first candle computed afresh finds them where a
 * run from nothing would; their values are only taken from there on.
 */
#include "config.h"

#include <string.h>

#include "ps-treadmill-private.h"

/* Past this a memo is not kept (~80 bytes a candle): a million 1m candles
 * are analysed every ~15 s at most anyway (ps-market-analysis.c). */
#define MEMO_MAX_CANDLES (1u << 18)

PsTreadmillMemo *
_ps_treadmill_memo_new (const PsTreadmillParams *params,
                        const PsCandles         *candles,
                        gint64                   step_ms,
                        guint                    min_candles,
                        const double            *volume,
                        const double            *range,
                        const double            *liq,
                        const gint64            *oi_t,
                        const double            *oi_v,
                        guint                    n_oi,
                        gint64                   oi_step_ms,
                        guint                    min_oi,
                        gboolean                 oi_contracts)
{
  PsTreadmillMemo *memo;
  guint n = candles->n;

  if (n > MEMO_MAX_CANDLES || n_oi > 4 * MEMO_MAX_CANDLES)
    return NULL;
  memo = g_new0 (PsTreadmillMemo, 1);
  memo->params = *params;
  memo->n = n;
  memo->step_ms = step_ms;
  memo->min_candles = min_candles;
  memo->t = g_memdup2 (candles->t_ms, n * sizeof (gint64));
  memo->volume = g_memdup2 (volume, n * sizeof (double));
  memo->range = g_memdup2 (range, n * sizeof (double));
  memo->liq = g_memdup2 (liq, n * sizeof (double));
  memo->n_oi = n_oi;
  memo->oi_step_ms = oi_step_ms;
  memo->min_oi = min_oi;
  memo->oi_contracts = oi_contracts;
  memo->oi_t = g_memdup2 (oi_t, n_oi * sizeof (gint64));
  memo->oi_v = g_memdup2 (oi_v, n_oi * sizeof (double));
  memo->med_volume = g_new (double, MAX (n, 1));
  memo->med_range = g_new (double, MAX (n, 1));
  memo->liq_median = g_new (double, MAX (n, 1));
  memo->oi_rank = g_new (double, MAX (n, 1));
  memo->oi_rank_n = g_new (guint, MAX (n, 1));
  return memo;
}

void
_ps_treadmill_memo_free (PsTreadmillMemo *memo)
{
  if (memo == NULL)
    return;
  g_free (memo->t);
  g_free (memo->volume);
  g_free (memo->range);
  g_free (memo->liq);
  g_free (memo->oi_t);
  g_free (memo->oi_v);
  g_free (memo->med_volume);
  g_free (memo->med_range);
  g_free (memo->liq_median);
  g_free (memo->oi_rank);
  g_free (memo->oi_rank_n);
  g_free (memo);
}

/* The same bits (a NAN's too). */
static inline gboolean
ps_same_double (double a,
                double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

void
_ps_treadmill_memo_match (const PsTreadmillMemo *previous,
                          PsTreadmillMemo       *memo,
                          guint                 *reuse_c,
                          guint                 *reuse_oi)
{
  guint n, rc = 0, q = 0, r = 0;
  gint64 last_same_oi;

  *reuse_c = *reuse_oi = 0;
  if (previous == NULL || memo == NULL ||
      memcmp (&previous->params, &memo->params, sizeof memo->params) != 0 ||
      previous->step_ms != memo->step_ms || previous->min_candles != memo->min_candles ||
      previous->oi_step_ms != memo->oi_step_ms || previous->min_oi != memo->min_oi ||
      previous->oi_contracts != memo->oi_contracts)
    return;

  /* The candles' medians: the first candle whose start, or whose volume,
   * range or liquidations (read by the candles after it) differ. */
  n = MIN (previous->n, memo->n);
  while (rc < n && previous->t[rc] == memo->t[rc] &&
         ps_same_double (previous->volume[rc], memo->volume[rc]) &&
         ps_same_double (previous->range[rc], memo->range[rc]) &&
         ps_same_double (previous->liq[rc], memo->liq[rc]))
    rc++;
  *reuse_c = rc;

  /* The rank: open interest at a candle's end is read between the samples
   * either side of it, and the window takes the samples up to it; so a
   * candle ending by the last sample before the first that differs (none
   * when the first differs) reads the same ones. */
  while (q < MIN (previous->n_oi, memo->n_oi) && previous->oi_t[q] == memo->oi_t[q] &&
         ps_same_double (previous->oi_v[q], memo->oi_v[q]))
    q++;
  if (q == previous->n_oi && q == memo->n_oi)
    last_same_oi = G_MAXINT64;
  else
    last_same_oi = q > 0 ? memo->oi_t[q - 1] : G_MININT64;
  while (r < rc && last_same_oi != G_MININT64 &&
         (last_same_oi == G_MAXINT64 || memo->t[r] + memo->step_ms <= last_same_oi))
    r++;
  *reuse_oi = r;
}
