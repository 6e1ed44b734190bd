/* ps-levels-liq.c: what a frame asks of liquidation events, kept with them
 *
 * The liquidations pane sums each side's USD per pixel column and the price
 * pane picks the largest events in view; at 200,000 events in view both
 * walked every one each frame. Running sums make a column's sum two
 * subtractions, and a tournament tree (for each aligned run of 2^k rows, the
 * row of its largest usd) gives the k largest of any run in O(k log n).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-levels.h"

#include <math.h>
#include <string.h>

#define MAX_LEVELS 32

struct _PsLiqLevels
{
  guint   n;
  double *sums;                   /* n + 1 running sums per side, interleaved:
                                   * sums[2 i + side] (a slot's end, both sides,
                                   * is one cache line) */
  int     n_levels;               /* level k ≥ 1: one row per aligned run of 2^k */
  guint   n_runs[MAX_LEVELS];
  guint  *best[MAX_LEVELS];       /* best[k - 1][j]: the row of run j's largest */
  gpointer cache;                 /* the panes', g_free'd with these */
  gpointer picks;                 /* the last largest asked (PsLiqPicks) */
};

/* What ps_liq_levels_largest () gave last: a frame's view moves little
 * from the one before, and most of what was picked there is picked again. */
typedef struct
{
  guint first, last, max, n;
  guint rows[];
} PsLiqPicks;

double *
ps_levels_running_sums (const double *values,
                        guint         n)
{
  double *sums = ps_series_realloc_column (NULL, ((gsize) n + 1) * sizeof (double));
  double s = 0;

  sums[0] = 0;
  for (guint i = 0; i < n; i++)
    {
      double v = values[i];

      /* Adding a non-negative term never lowers a rounded sum: no run of
       * them comes out below zero. */
      if (isfinite (v) && v > 0)
        s += v;
      sums[i + 1] = s;
    }
  return sums;
}

/* A row the markers may show, and its usd as their order's key. */
static inline double
ps_liq_key (const PsLiquidations *liq,
            guint                 i)
{
  double usd = liq->usd[i];

  return isfinite (usd) && usd > 0 && isfinite (liq->price[i]) ? usd : -1;
}

/* Whether row a comes before row b: more usd, or as much and earlier. */
static inline gboolean
ps_liq_before (const PsLiquidations *liq,
               guint                 a,
               guint                 b)
{
  double ka = ps_liq_key (liq, a), kb = ps_liq_key (liq, b);

  return ka > kb || (ka == kb && a < b);
}

PsLiqLevels *
ps_liq_levels_new (const PsLiquidations *liq)
{
  PsLiqLevels *self = g_new0 (PsLiqLevels, 1);
  gsize n_best = 0;
  guint *best_at;

  g_return_val_if_fail (liq != NULL, self);

  /* The sums and every level's bests in one block, written once: at
   * 200,000 events ~4 MB, which as five blocks of small pages was ~1,000
   * page faults (20 of the 24 ms this took on a VM whose faults cost ~10
   * µs), and on huge pages is two. */
  self->n = liq->n;
  while (self->n_levels < MAX_LEVELS - 1 && (liq->n >> (self->n_levels + 1)) > 0)
    n_best += liq->n >> ++self->n_levels;
  self->sums = ps_series_realloc_column (NULL, 2 * ((gsize) liq->n + 1) * sizeof (double) +
                                               n_best * sizeof (guint));
  best_at = (guint *) (gpointer) (self->sums + 2 * ((gsize) liq->n + 1));

  /* Each side's running sums as ps_levels_running_sums () makes them of
   * the side's usd (the other side's rows 0). */
  for (int side = 0; side < 2; side++)
    {
      double *sums = self->sums + side, s = 0;

      sums[0] = 0;
      for (guint i = 0; i < liq->n; i++)
        {
          double v = liq->side[i] == side ? liq->usd[i] : 0;

          if (isfinite (v) && v > 0)
            s += v;
          sums[2 * ((gsize) i + 1)] = s;
        }
    }

  for (int k = 1; k <= self->n_levels; k++)
    {
      guint nr = liq->n >> k;
      guint *best = best_at;

      best_at += nr;
      for (guint j = 0; j < nr; j++)
        {
          guint a = k == 1 ? 2 * j : self->best[k - 2][2 * j];
          guint b = k == 1 ? 2 * j + 1 : self->best[k - 2][2 * j + 1];

          best[j] = ps_liq_before (liq, b, a) ? b : a;
        }
      self->best[k - 1] = best;
      self->n_runs[k - 1] = nr;
    }
  return self;
}

void
ps_liq_levels_free (PsLiqLevels *self)
{
  if (self == NULL)
    return;
  g_free (self->sums);   /* the block of the sums and the bests */
  g_free (self->cache);
  g_free (self->picks);
  g_free (self);
}

gpointer *
ps_liq_levels_get_cache (const PsLiqLevels *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &((PsLiqLevels *) self)->cache;
}

gsize
ps_liq_levels_get_size (const PsLiqLevels *self)
{
  gsize size;

  if (self == NULL)
    return 0;
  size = sizeof *self + 2 * ((gsize) self->n + 1) * sizeof (double);
  for (int k = 0; k < self->n_levels; k++)
    size += self->n_runs[k] * sizeof (guint);
  return size;
}

const PsLiqLevels *
ps_liquidations_get_levels (const PsLiquidations *liquidations)
{
  PsLiquidations *self = (PsLiquidations *) liquidations;
  PsLiqLevels *levels;

  /* A few dozen events are walked as fast as looked up. */
  if (liquidations == NULL || liquidations->n < 64 || !ps_levels_get_enabled ())
    return NULL;

  levels = g_atomic_pointer_get (&self->levels);
  if (levels != NULL)
    return levels;

  levels = ps_liq_levels_new (liquidations);
  if (!g_atomic_pointer_compare_and_exchange (&self->levels, NULL, levels))
    {
      ps_liq_levels_free (levels);
      levels = g_atomic_pointer_get (&self->levels);
    }
  return levels;
}

double
ps_liq_levels_sum (const PsLiqLevels *self,
                   PsLiqSide          side,
                   guint              first,
                   guint              last)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (side == PS_LIQ_LONG || side == PS_LIQ_SHORT, 0);

  last = MIN (last, self->n);
  if (first >= last)
    return 0;
  return self->sums[2 * (gsize) last + side] - self->sums[2 * (gsize) first + side];
}

void
ps_liq_levels_prefetch_sum (const PsLiqLevels *self,
                            guint              row)
{
  if (self != NULL)
    __builtin_prefetch (self->sums + 2 * (gsize) MIN (row, self->n));
}

/* A run of the tree: rows [i, i + 2^k), its best row. */
typedef struct
{
  guint row;
  guint i;
  int   k;
} PsLiqRun;

/* The heap keeps its best run on top. */
static void
ps_liq_heap_push (const PsLiquidations *liq,
                  PsLiqRun             *heap,
                  guint                *n,
                  PsLiqRun              run)
{
  guint c = (*n)++;

  heap[c] = run;
  while (c > 0 && ps_liq_before (liq, heap[c].row, heap[(c - 1) / 2].row))
    {
      PsLiqRun tmp = heap[c];

      heap[c] = heap[(c - 1) / 2];
      heap[(c - 1) / 2] = tmp;
      c = (c - 1) / 2;
    }
}

static PsLiqRun
ps_liq_heap_pop (const PsLiquidations *liq,
                 PsLiqRun             *heap,
                 guint                *n)
{
  PsLiqRun top = heap[0];
  guint k = 0;

  heap[0] = heap[--(*n)];
  for (;;)
    {
      guint c = 2 * k + 1;
      PsLiqRun tmp;

      if (c >= *n)
        break;
      if (c + 1 < *n && ps_liq_before (liq, heap[c + 1].row, heap[c].row))
        c++;
      if (!ps_liq_before (liq, heap[c].row, heap[k].row))
        break;
      tmp = heap[k], heap[k] = heap[c], heap[c] = tmp;
      k = c;
    }
  return top;
}

static PsLiqRun
ps_liq_run (const PsLiqLevels *self,
            guint              i,
            int                k)
{
  return (PsLiqRun) { k == 0 ? i : self->best[k - 1][i >> k], i, k };
}

/* One pass: a heap of the max best rows so far, its worst on top. */
static guint
ps_liq_largest_walk (const PsLiquidations *liq,
                     guint                 first,
                     guint                 last,
                     guint                *rows,
                     guint                 max)
{
  guint n = 0;

  for (guint i = first; i < last; i++)
    {
      guint k = 0;

      if (ps_liq_key (liq, i) < 0)
        continue;
      if (n < max)
        {
          /* sift up: a worse row goes to the top */
          for (k = n++; k > 0 && ps_liq_before (liq, rows[(k - 1) / 2], i); k = (k - 1) / 2)
            rows[k] = rows[(k - 1) / 2];
          rows[k] = i;
          continue;
        }
      if (!ps_liq_before (liq, i, rows[0]))
        continue;
      for (;;)
        {
          guint c = 2 * k + 1;

          if (c >= n)
            break;
          if (c + 1 < n && ps_liq_before (liq, rows[c], rows[c + 1]))
            c++;
          if (!ps_liq_before (liq, i, rows[c]))
            break;
          rows[k] = rows[c];
          k = c;
        }
      rows[k] = i;
    }

  /* Best first: insertion sort, max is a few dozen. */
  for (guint a = 1; a < n; a++)
    {
      guint row = rows[a], b = a;

      for (; b > 0 && ps_liq_before (liq, row, rows[b - 1]); b--)
        rows[b] = rows[b - 1];
      rows[b] = row;
    }
  return n;
}

/* The largest of [first, last) (non-empty) down the tree. */
static guint
ps_liq_largest_tree (const PsLiqLevels    *self,
                     const PsLiquidations *liq,
                     guint                 first,
                     guint                 last,
                     guint                *rows,
                     guint                 max)
{
  g_autofree PsLiqRun *heap = NULL;
  guint n_heap = 0, n = 0, i;

  if (first >= last)
    return 0;

  /* [first, last) as aligned runs, each as large as fits; each row taken
   * splits one run into two, at most once per level. */
  heap = g_new (PsLiqRun, 2 * (MAX_LEVELS + 1) + (gsize) max * (self->n_levels + 1));
  for (i = first; i < last;)
    {
      int k = i == 0 ? self->n_levels : MIN (__builtin_ctz (i), self->n_levels);

      while (k > 0 && (guint64) i + ((guint64) 1 << k) > last)
        k--;
      ps_liq_heap_push (liq, heap, &n_heap, ps_liq_run (self, i, k));
      i += 1u << k;
    }

  while (n < max && n_heap > 0)
    {
      PsLiqRun run = ps_liq_heap_pop (liq, heap, &n_heap);

      if (ps_liq_key (liq, run.row) < 0)
        break;   /* nothing left that counts */
      if (run.k == 0)
        {
          rows[n++] = run.row;
          continue;
        }
      ps_liq_heap_push (liq, heap, &n_heap, ps_liq_run (self, run.i, run.k - 1));
      ps_liq_heap_push (liq, heap, &n_heap,
                        ps_liq_run (self, run.i + (1u << (run.k - 1)), run.k - 1));
    }
  return n;
}

/* The largest of [first, last) from those of an earlier run that all lie
 * in it: every other row the two share comes after each of them (they were
 * the earlier run's largest, or all it had), so the largest here are among
 * them and the rows of [first, last) outside the earlier run, at most two
 * runs at the ends, taken down the tree. The three lists merged, best
 * first. */
static guint
ps_liq_largest_from (const PsLiqLevels    *self,
                     const PsLiquidations *liq,
                     const PsLiqPicks     *earlier,
                     guint                 first,
                     guint                 last,
                     guint                *rows,
                     guint                 max)
{
  g_autofree guint *ends = g_new (guint, 2 * (gsize) max);
  const guint *list[3] = { earlier->rows, ends, ends + max };
  guint len[3], at[3] = { 0, 0, 0 }, n = 0;

  len[0] = earlier->n;
  len[1] = ps_liq_largest_tree (self, liq, first, MIN (last, earlier->first), ends, max);
  len[2] = ps_liq_largest_tree (self, liq, MAX (first, earlier->last), last, ends + max, max);
  while (n < max)
    {
      int best = -1;

      for (int l = 0; l < 3; l++)
        if (at[l] < len[l] &&
            (best < 0 || ps_liq_before (liq, list[l][at[l]], list[best][at[best]])))
          best = l;
      if (best < 0)
        break;
      rows[n++] = list[best][at[best]++];
    }
  return n;
}

guint
ps_liq_levels_largest (const PsLiqLevels    *self,
                       const PsLiquidations *liq,
                       guint                 first,
                       guint                 last,
                       guint                *rows,
                       guint                 max)
{
  PsLiqPicks *picks;
  gboolean inside;
  guint n;

  g_return_val_if_fail (liq != NULL, 0);
  g_return_val_if_fail (rows != NULL || max == 0, 0);

  last = MIN (last, liq->n);
  if (first >= last || max == 0)
    return 0;
  if (self == NULL || self->n != liq->n)
    return ps_liq_largest_walk (liq, first, last, rows, max);

  /* The last answer, taken (another thread drawing meanwhile finds none
   * and goes down the tree), of as many as asked now, all still inside. */
  picks = g_atomic_pointer_exchange (&((PsLiqLevels *) self)->picks, NULL);
  inside = picks != NULL && picks->max == max;
  for (guint k = 0; inside && k < picks->n; k++)
    inside = picks->rows[k] >= first && picks->rows[k] < last;
  if (inside)
    n = ps_liq_largest_from (self, liq, picks, first, last, rows, max);
  else
    n = ps_liq_largest_tree (self, liq, first, last, rows, max);

  if (picks == NULL || picks->max != max)
    {
      g_free (picks);
      picks = g_malloc (sizeof (PsLiqPicks) + (gsize) max * sizeof (guint));
    }
  *picks = (PsLiqPicks) { first, last, max, n };
  memcpy (picks->rows, rows, (gsize) n * sizeof (guint));
  if (!g_atomic_pointer_compare_and_exchange (&((PsLiqLevels *) self)->picks, NULL, picks))
    g_free (picks);
  return n;
}
