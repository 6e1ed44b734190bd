/* ps-treadmill-drop.c: how far open interest fell around each candle, for the flush rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-treadmill-private.h"

/* For each candle end e (sorted), the lowest sample in [e, e + after_ms]
 * against the highest in [e − before_ms, e], as a change in %: NAN when
 * either window holds no finite sample. Both windows slide forward with e,
 * so two monotonic queues do it in one pass over the samples. */
void
_ps_treadmill_oi_drops (const gint64 *t,
                        const double *v,
                        guint         n,
                        const gint64 *ends,
                        guint         n_ends,
                        gint64        before_ms,
                        gint64        after_ms,
                        double       *drop_pct)
{
  g_autofree guint *max_q = g_new (guint, MAX (n, 1));   /* falling values */
  g_autofree guint *min_q = g_new (guint, MAX (n, 1));   /* rising values */
  guint max_head = 0, max_tail = 0, min_head = 0, min_tail = 0;
  guint next_max = 0, next_min = 0;

  for (guint i = 0; i < n_ends; i++)
    {
      gint64 e = ends[i];

      for (; next_max < n && t[next_max] <= e; next_max++)
        {
          if (!isfinite (v[next_max]))
            continue;
          while (max_tail > max_head && v[max_q[max_tail - 1]] <= v[next_max])
            max_tail--;
          max_q[max_tail++] = next_max;
        }
      while (max_tail > max_head && t[max_q[max_head]] < e - before_ms)
        max_head++;

      for (; next_min < n && t[next_min] <= e + after_ms; next_min++)
        {
          if (!isfinite (v[next_min]))
            continue;
          while (min_tail > min_head && v[min_q[min_tail - 1]] >= v[next_min])
            min_tail--;
          min_q[min_tail++] = next_min;
        }
      while (min_tail > min_head && t[min_q[min_head]] < e)
        min_head++;

      if (max_tail > max_head && min_tail > min_head && v[max_q[max_head]] > 0)
        drop_pct[i] = (v[min_q[min_head]] / v[max_q[max_head]] - 1.0) * 100.0;
      else
        drop_pct[i] = NAN;
    }
}
