/* ps-levels-private.h: what the pyramids of ps-levels.c and
 * ps-levels-oi.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-levels.h"

#include <math.h>

G_BEGIN_DECLS

#define MAX_LEVELS 32

/* fmax/fmin (a NAN skipped) inlined: libm's are calls, and the build of a
 * pyramid makes ten of them a row. Only the sign of a zero may differ. */
static inline double
_ps_levels_max (double a,
                double b)
{
  return isnan (a) || b > a ? b : a;
}

static inline double
_ps_levels_min (double a,
                double b)
{
  return isnan (a) || b < a ? b : a;
}

/* How many levels n rows fill: each at least one full bucket. */
static inline int
_ps_levels_count (guint n)
{
  int count = 0;

  while (count < MAX_LEVELS && PS_LEVELS_K0 + count < 32 &&
         (n >> (PS_LEVELS_K0 + count)) > 0)
    count++;
  return count;
}

/* The largest level at most below *k whose aligned bucket at i ends by last. */
static inline gboolean
_ps_levels_next (int    n_levels,
                 guint  i,
                 guint  last,
                 int   *k)
{
  int top = PS_LEVELS_K0 + n_levels - 1;
  int kk = i == 0 ? top : MIN (__builtin_ctz (i), top);   /* its lowest set bit */

  if (*k != G_MAXINT)
    kk = MIN (kk, *k - 1);
  if (i >= last)
    return FALSE;
  /* No larger than the rows left: 2^kk ≤ last − i. */
  kk = MIN (kk, 31 - __builtin_clz (last - i));
  if (kk < PS_LEVELS_K0)
    return FALSE;
  *k = kk;
  return TRUE;
}

/* What a reduction of rows [first, last) reads of a pyramid over n rows
 * (level[l] holding buckets of bucket_size bytes), asked of the memory:
 * each bucket it takes and, where t_ms is given, the times at each bucket's
 * start and the row before (the step into it). The rows before the first
 * bucket, [first, *head), and after the last, [*tail, last), are the
 * caller's to ask for, its columns being its own. */
static inline void
_ps_levels_prefetch_buckets (int             n_levels,
                             gpointer const *level,
                             gsize           bucket_size,
                             guint           n,
                             guint           first,
                             guint           last,
                             const gint64   *t_ms,
                             guint          *head,
                             guint          *tail)
{
  guint step = 1u << PS_LEVELS_K0, i, end;

  n = MIN (last, n);
  i = MIN ((first + step - 1) & ~(step - 1), last);
  *head = i;
  end = n & ~(step - 1);
  while (i < end)
    {
      int k = G_MAXINT;

      if (!_ps_levels_next (n_levels, i, n, &k))
        break;
      __builtin_prefetch ((const char *) level[k - PS_LEVELS_K0] + (gsize) (i >> k) * bucket_size);
      if (t_ms != NULL)
        {
          __builtin_prefetch (t_ms + i);
          if (i > 0)
            __builtin_prefetch (t_ms + i - 1);
        }
      i += 1u << k;
    }
  *tail = i;
}

/* Room for every level of a pyramid over n rows in one block (level[0]
 * first: freed with it), on huge pages where it is large enough, as a
 * series' columns are (ps_series_realloc_column ()). */
void     _ps_levels_alloc            (guint     n,
                                      int       n_levels,
                                      gsize     bucket_size,
                                      gpointer  level[]);

G_END_DECLS
