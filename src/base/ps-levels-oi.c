/* ps-levels-oi.c: the min/max pyramid of open interest (ps-levels.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-levels.h"
#include "ps-levels-private.h"

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct _PsOiLevels
{
  guint     n;
  int       n_levels;
  guint     n_buckets[MAX_LEVELS];
  PsOiSpan *level[MAX_LEVELS];
  gpointer  cache;
};

static inline void
ps_oi_span_row (PsOiSpan             *span,
                const PsOpenInterest *oi,
                guint                 i)
{
  double v = oi->usd[i];

  span->first = span->last = span->min = span->max = v;
  span->max_step = isfinite (v) ? 0 : G_MAXINT64;
}

static inline void
ps_oi_span_add (PsOiSpan       *a,
                const PsOiSpan *b,
                gint64          step)
{
  a->last = b->last;
  a->min = _ps_levels_min (a->min, b->min);
  a->max = _ps_levels_max (a->max, b->max);
  a->max_step = MAX (MAX (a->max_step, b->max_step), step);
}

void
ps_oi_span_init_row (PsOiSpan             *span,
                     const PsOpenInterest *oi,
                     guint                 i)
{
  ps_oi_span_row (span, oi, i);
}

void
ps_oi_span_merge (PsOiSpan       *a,
                  const PsOiSpan *b,
                  gint64          step)
{
  ps_oi_span_add (a, b, step);
}

PsOiLevels *
ps_oi_levels_new (const PsOpenInterest *oi)
{
  PsOiLevels *self = g_new0 (PsOiLevels, 1);

  g_return_val_if_fail (oi != NULL, self);

  self->n = oi->n;
  self->n_levels = _ps_levels_count (oi->n);
  _ps_levels_alloc (oi->n, self->n_levels, sizeof (PsOiSpan), (gpointer *) self->level);
  for (int l = 0; l < self->n_levels; l++)
    {
      guint nb = oi->n >> (PS_LEVELS_K0 + l);
      guint half = 1u << (PS_LEVELS_K0 + l - 1);
      PsOiSpan *level = self->level[l];

      for (guint j = 0; j < nb; j++)
        {
          if (l == 0)
            {
              guint i0 = j << PS_LEVELS_K0;

              ps_oi_span_row (&level[j], oi, i0);
              for (guint i = i0 + 1; i < i0 + (1u << PS_LEVELS_K0); i++)
                {
                  PsOiSpan row;

                  ps_oi_span_row (&row, oi, i);
                  ps_oi_span_add (&level[j], &row, oi->t_ms[i] - oi->t_ms[i - 1]);
                }
            }
          else
            {
              guint mid = (2 * j + 1) * half;

              level[j] = self->level[l - 1][2 * j];
              ps_oi_span_add (&level[j], &self->level[l - 1][2 * j + 1],
                              oi->t_ms[mid] - oi->t_ms[mid - 1]);
            }
        }
      self->level[l] = level;
      self->n_buckets[l] = nb;
    }
  return self;
}

void
ps_oi_levels_free (PsOiLevels *self)
{
  if (self == NULL)
    return;
  if (self->n_levels > 0)
    g_free (self->level[0]);   /* the block of every level */
  g_free (self->cache);
  g_free (self);
}

gpointer *
ps_oi_levels_get_cache (const PsOiLevels *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &((PsOiLevels *) self)->cache;
}

gsize
ps_oi_levels_get_size (const PsOiLevels *self)
{
  gsize size = sizeof *self;

  for (int l = 0; self != NULL && l < self->n_levels; l++)
    size += self->n_buckets[l] * sizeof (PsOiSpan);
  return self != NULL ? size : 0;
}

const PsOiLevels *
ps_open_interest_get_levels (const PsOpenInterest *oi)
{
  PsOpenInterest *self = (PsOpenInterest *) oi;
  PsOiLevels *levels;

  if (oi == NULL || oi->n < (2u << PS_LEVELS_K0) || !ps_levels_get_enabled ())
    return NULL;

  levels = g_atomic_pointer_get (&self->levels);
  if (levels != NULL)
    return levels;

  levels = ps_oi_levels_new (oi);
  if (!g_atomic_pointer_compare_and_exchange (&self->levels, NULL, levels))
    {
      ps_oi_levels_free (levels);
      levels = g_atomic_pointer_get (&self->levels);
    }
  return levels;
}

void
ps_open_interest_get_contracts_view (const PsOpenInterest *oi,
                                     PsOpenInterest       *view)
{
  PsOpenInterest *self = (PsOpenInterest *) oi;
  PsOiLevels *levels = NULL;

  g_return_if_fail (oi != NULL && view != NULL);

  /* The view's own pyramid, over the contracts it reads as usd: the
   * series' usd levels would give another column's extremes. */
  *view = *oi;
  view->usd = oi->contracts;
  view->levels = NULL;
  view->contracts_levels = NULL;
  if (oi->n >= (2u << PS_LEVELS_K0) && ps_levels_get_enabled ())
    {
      levels = g_atomic_pointer_get (&self->contracts_levels);
      if (levels == NULL)
        {
          levels = ps_oi_levels_new (view);
          if (!g_atomic_pointer_compare_and_exchange (&self->contracts_levels, NULL, levels))
            {
              ps_oi_levels_free (levels);
              levels = g_atomic_pointer_get (&self->contracts_levels);
            }
        }
    }
  view->levels = levels;
}

gboolean
ps_oi_levels_next_bucket (const PsOiLevels *self,
                          guint             i,
                          guint             last,
                          int              *k)
{
  if (self == NULL)
    return FALSE;
  return _ps_levels_next (self->n_levels, i, MIN (last, self->n), k);
}

const PsOiSpan *
ps_oi_levels_get_bucket (const PsOiLevels *self,
                         int               k,
                         guint             i)
{
  return &self->level[k - PS_LEVELS_K0][i >> k];
}

void
ps_oi_levels_range (const PsOiLevels     *self,
                    const PsOpenInterest *oi,
                    guint                 first,
                    guint                 last,
                    double               *lo,
                    double               *hi)
{
  guint i = first;

  *lo = *hi = NAN;
  while (i < last)
    {
      int k = G_MAXINT;

      if (ps_oi_levels_next_bucket (self, i, last, &k))
        {
          const PsOiSpan *span = ps_oi_levels_get_bucket (self, k, i);

          *lo = _ps_levels_min (*lo, span->min);
          *hi = _ps_levels_max (*hi, span->max);
          i += 1u << k;
        }
      else
        {
          *lo = _ps_levels_min (*lo, oi->usd[i]);
          *hi = _ps_levels_max (*hi, oi->usd[i]);
          i++;
        }
    }
}

/* Rows [a, b) onto span, each after the row before it (the span starts at
 * row a when a is first): the same min, max, last and largest step as a
 * row at a time. Where every value is finite and not zero, the extremes
 * two lanes at a time (SSE2's min and max pick as _ps_levels_min () and
 * _ps_levels_max () do for such values, and order no longer matters), else
 * a row at a time. */
static inline void
ps_oi_span_add_run (PsOiSpan             *span,
                    const PsOpenInterest *oi,
                    guint                 first,
                    guint                 a,
                    guint                 b)
{
  const double *v = oi->usd;
  const gint64 *t = oi->t_ms;

  if (a >= b)
    return;
#ifdef __SSE2__
  if (b - a >= 4)
    {
      const __m128d inf = _mm_set1_pd (INFINITY), zero = _mm_setzero_pd ();
      const __m128d abs_mask = _mm_castsi128_pd (_mm_set1_epi64x (G_MAXINT64));
      __m128d lo = _mm_set1_pd (v[a]), hi = lo, ok = _mm_castsi128_pd (_mm_set1_epi32 (-1));
      PsOiSpan run = { v[a], v[b - 1], 0, 0, 0 };
      double lanes[2];
      guint i = a;

      /* Two rows a step, an odd last one in both lanes. */
      for (; i < b; i += 2)
        {
          __m128d x = i + 2 <= b ? _mm_loadu_pd (v + i) : _mm_set1_pd (v[i]);

          /* |x| < ∞ is false for NAN and ∞; x ≠ 0 */
          ok = _mm_and_pd (ok, _mm_and_pd (_mm_cmplt_pd (_mm_and_pd (x, abs_mask), inf),
                                           _mm_cmpneq_pd (x, zero)));
          lo = _mm_min_pd (x, lo), hi = _mm_max_pd (x, hi);
        }
      if (_mm_movemask_pd (ok) == 3)
        {
          _mm_storeu_pd (lanes, lo);
          run.min = MIN (lanes[0], lanes[1]);
          _mm_storeu_pd (lanes, hi);
          run.max = MAX (lanes[0], lanes[1]);
          for (i = a + 1; i < b; i++)
            run.max_step = MAX (run.max_step, t[i] - t[i - 1]);
          if (a == first)
            *span = run;
          else
            ps_oi_span_add (span, &run, t[a] - t[a - 1]);
          return;
        }
    }
#endif
  for (guint i = a; i < b; i++)
    {
      PsOiSpan row;

      ps_oi_span_row (&row, oi, i);
      if (i == first)
        *span = row;
      else
        ps_oi_span_add (span, &row, t[i] - t[i - 1]);
    }
}

void
ps_oi_levels_reduce (const PsOiLevels     *self,
                     const PsOpenInterest *oi,
                     guint                 first,
                     guint                 last,
                     PsOiSpan             *span)
{
  guint step = 1u << PS_LEVELS_K0, n = self != NULL ? MIN (last, self->n) : 0, i, end;

  *span = (PsOiSpan) { NAN, NAN, NAN, NAN, 0 };
  if (n == 0 || last - MIN (first, last) < step)
    {
      ps_oi_span_add_run (span, oi, first, first, last);
      return;
    }

  /* Rows up to the first bucket's start, buckets as large as fit (a
   * bucket starts only on its size's multiple), rows after the last one. */
  i = MIN ((first + step - 1) & ~(step - 1), last);
  ps_oi_span_add_run (span, oi, first, first, i);
  end = n & ~(step - 1);
  while (i < end)
    {
      const PsOiSpan *bucket;
      int k = G_MAXINT;

      if (!_ps_levels_next (self->n_levels, i, n, &k))
        break;
      bucket = &self->level[k - PS_LEVELS_K0][i >> k];
      if (i == first)
        *span = *bucket;
      else
        ps_oi_span_add (span, bucket, oi->t_ms[i] - oi->t_ms[i - 1]);
      i += 1u << k;
    }
  ps_oi_span_add_run (span, oi, first, i, last);
}

/* The rows' values and times, eight a cache line. */
static inline void
ps_oi_prefetch_rows (const PsOpenInterest *oi,
                     guint                 a,
                     guint                 b)
{
  for (guint i = a & ~7u; i < b; i += 8)
    {
      __builtin_prefetch (oi->usd + i);
      __builtin_prefetch (oi->t_ms + i);
    }
}

/* The walk of ps_oi_levels_reduce (), each load a prefetch. */
void
ps_oi_levels_prefetch (const PsOiLevels     *self,
                       const PsOpenInterest *oi,
                       guint                 first,
                       guint                 last)
{
  guint head, tail;

  last = MIN (last, oi->n);
  first = first > 0 ? first - 1 : 0;   /* the time before the first's */
  if (self == NULL || last - MIN (first, last) < (1u << PS_LEVELS_K0))
    {
      ps_oi_prefetch_rows (oi, first, last);
      return;
    }
  _ps_levels_prefetch_buckets (self->n_levels, (gpointer const *) self->level, sizeof (PsOiSpan),
                               self->n, first, last, oi->t_ms, &head, &tail);
  ps_oi_prefetch_rows (oi, first, head);
  ps_oi_prefetch_rows (oi, tail, last);
}
