/* ps-heatmap-oi.c: the open interest under the heatmap's candles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-analysis"

#include <math.h>
#include <string.h>

#include "ps-heatmap-private.h"

/* The close of the candle under t_ms (the first candle's before it). */
static double
ps_heatmap_close_at (const PsCandles *candles,
                     gint64           t_ms)
{
  guint i = ps_series_lower_bound (candles->t_ms, candles->n, t_ms + 1);

  return ps_candles_close_at (candles, i > 0 ? i - 1 : 0);
}

/* Row r in USD, NAN when unusable (missing, zero, negative). */
static double
ps_heatmap_oi_usd (const PsOpenInterest *oi,
                   const PsCandles      *candles,
                   guint                 r)
{
  double usd = oi->usd[r];

  if (isnan (usd) && isfinite (oi->contracts[r]) && candles->n > 0)
    usd = oi->contracts[r] * ps_heatmap_close_at (candles, oi->t_ms[r]);
  return isfinite (usd) && usd > 0 ? usd : NAN;
}

void
_ps_oi_stats_init (PsOiStats *stats)
{
  memset (stats, 0, sizeof *stats);
  stats->min_step = G_MAXINT64;
}

/* Continues stats over the rows it has not seen; before_last gets them as
 * they stood before the last row, which a live reading may still change. */
void
_ps_oi_stats_scan (PsOiStats            *stats,
                  PsOiStats            *before_last,
                  const PsOpenInterest *oi,
                  const PsCandles      *candles)
{
  *before_last = *stats;
  for (guint r = stats->n_rows; r < oi->n; r++)
    {
      double usd = ps_heatmap_oi_usd (oi, candles, r);

      if (r + 1 == oi->n)
        *before_last = *stats;
      if (isnan (usd))
        stats->n_invalid++;
      else
        {
          if (stats->n_valid == 0)
            stats->first_t = oi->t_ms[r];
          else if (oi->t_ms[r] > stats->last_t)
            stats->min_step = MIN (stats->min_step, oi->t_ms[r] - stats->last_t);
          stats->last_t = oi->t_ms[r];
          stats->n_valid++;
        }
      stats->n_rows = r + 1;
    }
}


static guint
ps_oi_cursor_next (PsOiCursor *self,
                   guint       r,
                   double     *usd)
{
  for (; r < self->oi->n; r++)
    if (!isnan (*usd = ps_heatmap_oi_usd (self->oi, self->candles, r)))
      return r;
  return G_MAXUINT;
}

void
_ps_oi_cursor_seek (PsOiCursor *self,
                   gint64      x)
{
  guint r = ps_series_lower_bound (self->oi->t_ms, self->oi->n, x + 1);

  self->a = G_MAXUINT;
  for (guint k = r; k > 0; k--)
    if (!isnan (self->va = ps_heatmap_oi_usd (self->oi, self->candles, k - 1)))
      {
        self->a = k - 1;
        break;
      }
  self->b = ps_oi_cursor_next (self, r, &self->vb);
}

double
_ps_oi_cursor_at (PsOiCursor *self,
                 gint64      x)
{
  const gint64 *t = self->oi->t_ms;

  while (self->b != G_MAXUINT && t[self->b] <= x)
    {
      self->a = self->b;
      self->va = self->vb;
      self->b = ps_oi_cursor_next (self, self->b + 1, &self->vb);
    }
  if (self->a == G_MAXUINT)
    return self->b == G_MAXUINT ? NAN : self->vb;
  if (self->b == G_MAXUINT)
    return self->va;
  return self->va + (self->vb - self->va) * (double) (x - t[self->a]) /
                    (double) (t[self->b] - t[self->a]);
}
