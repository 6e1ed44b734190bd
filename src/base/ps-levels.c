/* ps-levels.c: min/max pyramids of an immutable series
 *
 * A pyramid level k holds one bucket per aligned run of 2^k rows. A frame
 * walks its visible rows and, wherever a bucket starting at the current row
 * lies wholly inside one pixel column, takes the bucket instead of its rows;
 * where a bucket straddles a column boundary it tries the next smaller one,
 * down to single rows. Reductions (first, last, min, max) merge exactly, so
 * a frame drawn this way is the same, pixel for pixel, as one that reduced
 * every row: nothing is sampled, a wick's high always shows. A column costs
 * at most the 2·15 rows at its ends plus two buckets per level.
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

struct _PsCandleLevels
{
  guint         n;                       /* rows of the series */
  int           n_levels;
  guint         n_buckets[MAX_LEVELS];
  PsCandleSpan *level[MAX_LEVELS];       /* level[k - PS_LEVELS_K0] */
  gpointer      cache;                   /* the panes', g_free'd with these */
};

static gint ps_levels_disabled;

void
ps_levels_set_enabled (gboolean enabled)
{
  g_atomic_int_set (&ps_levels_disabled, !enabled);
}

gboolean
ps_levels_get_enabled (void)
{
  return !g_atomic_int_get (&ps_levels_disabled);
}

/* Room for every level of a pyramid over n rows in one block (level[0]
 * first: freed with it), on huge pages where it is large enough, as a
 * series' columns are (ps_series_realloc_column ()). */
void
_ps_levels_alloc (guint     n,
                  int       n_levels,
                  gsize     bucket_size,
                  gpointer  level[])
{
  gsize total = 0;
  char *p;

  if (n_levels == 0)
    return;
  for (int l = 0; l < n_levels; l++)
    total += n >> (PS_LEVELS_K0 + l);
  p = ps_series_realloc_column (NULL, total * bucket_size);
  for (int l = 0; l < n_levels; l++)
    {
      level[l] = p;
      p += (gsize) (n >> (PS_LEVELS_K0 + l)) * bucket_size;
    }
}

/* Candles ------------------------------------------------------------------ */

/* The row and merge steps inlined into the loops below (the library is
 * built position-independent: its exported functions are calls). */
static inline void
ps_candle_span_row (PsCandleSpan    *span,
                    const PsCandles *c,
                    guint            i)
{
  double o = ps_candles_open_at (c, i), k = ps_candles_close_at (c, i);
  double h = ps_candles_high_at (c, i), l = ps_candles_low_at (c, i);

  /* The same expressions as the per-row loops they stand for. */
  if (isfinite (o) && isfinite (k))
    {
      span->open = o;
      span->close = k;
      span->high = _ps_levels_max (h, _ps_levels_max (o, k));
      span->low = _ps_levels_min (l, _ps_levels_min (o, k));
    }
  else
    span->open = span->close = span->high = span->low = NAN;
  span->scale_hi = isfinite (h) ? h : _ps_levels_max (o, k);
  span->scale_lo = isfinite (l) ? l : _ps_levels_min (o, k);
  ps_candles_volume_split (c, i, &span->buy, &span->sell);
}

static inline void
ps_candle_span_add (PsCandleSpan       *a,
                    const PsCandleSpan *b)
{
  if (isnan (a->open))
    a->open = b->open;
  if (!isnan (b->close))
    a->close = b->close;
  /* NANs skipped */
  a->high = _ps_levels_max (a->high, b->high);
  a->low = _ps_levels_min (a->low, b->low);
  a->scale_hi = _ps_levels_max (a->scale_hi, b->scale_hi);
  a->scale_lo = _ps_levels_min (a->scale_lo, b->scale_lo);
  a->buy += b->buy;
  a->sell += b->sell;
}

void
ps_candle_span_init_row (PsCandleSpan    *span,
                         const PsCandles *c,
                         guint            i)
{
  ps_candle_span_row (span, c, i);
}

void
ps_candle_span_merge (PsCandleSpan       *a,
                      const PsCandleSpan *b)
{
  ps_candle_span_add (a, b);
}

static void
ps_candle_span_init_empty (PsCandleSpan *span)
{
  *span = (PsCandleSpan) { NAN, NAN, NAN, NAN, NAN, NAN, 0, 0 };
}

/* Rows [a, b) one by one onto span. */
static inline void
ps_candle_span_add_rows (PsCandleSpan    *span,
                         const PsCandles *c,
                         guint            a,
                         guint            b)
{
  for (guint i = a; i < b; i++)
    {
      PsCandleSpan row;

      ps_candle_span_row (&row, c, i);
      ps_candle_span_add (span, &row);
    }
}

/* A bucket of rows from i0 whose prices are all finite (the common case),
 * reduced without the NAN tests: the same row and merge steps as above,
 * in the same order, so the same bits. FALSE, span untouched, when any
 * price is not finite. */
static inline gboolean
ps_candle_span_finite_rows (PsCandleSpan    *span,
                            const PsCandles *c,
                            guint            i0)
{
  double o[1u << PS_LEVELS_K0], k[1u << PS_LEVELS_K0], h[1u << PS_LEVELS_K0];
  double l[1u << PS_LEVELS_K0];
  double hi = 0, lo = 0, shi = 0, slo = 0, buy = 0, sell = 0;
  gboolean finite = TRUE;

  /* The values as doubles first, packed or not (one branch a column). */
  for (guint r = 0; r < (1u << PS_LEVELS_K0); r++)
    {
      o[r] = ps_candles_open_at (c, i0 + r);
      k[r] = ps_candles_close_at (c, i0 + r);
      h[r] = ps_candles_high_at (c, i0 + r);
      l[r] = ps_candles_low_at (c, i0 + r);
    }
  for (guint r = 0; r < (1u << PS_LEVELS_K0); r++)
    finite &= isfinite (o[r]) & isfinite (k[r]) & isfinite (h[r]) & isfinite (l[r]);
  if (!finite)
    return FALSE;

  for (guint r = 0; r < (1u << PS_LEVELS_K0); r++)
    {
      /* _ps_levels_max (h, _ps_levels_max (o, k)) and its kin, NANs ruled out. */
      double mx = k[r] > o[r] ? k[r] : o[r], mn = k[r] < o[r] ? k[r] : o[r];
      double rh = mx > h[r] ? mx : h[r], rl = mn < l[r] ? mn : l[r];
      double rb, rs;

      ps_volume_split (ps_candles_volume_at (c, i0 + r), ps_candles_taker_buy_at (c, i0 + r),
                       o[r], k[r], &rb, &rs);
      buy += rb, sell += rs;
      if (r == 0)
        {
          hi = rh, lo = rl, shi = h[0], slo = l[0];
          continue;
        }
      hi = rh > hi ? rh : hi;
      lo = rl < lo ? rl : lo;
      shi = h[r] > shi ? h[r] : shi;
      slo = l[r] < slo ? l[r] : slo;
    }
  *span = (PsCandleSpan) { o[0], hi, lo, k[(1u << PS_LEVELS_K0) - 1], slo, shi, buy, sell };
  return TRUE;
}

/* A run of packed rows (mantissas from its first row, sv the volume's
 * scale), and what ps_candle_span_packed_rows () keeps of it so far: the
 * extremes, the volume's sides, and whether a price was NAN. */
typedef struct
{
  const gint32 *o, *h, *l, *k, *v, *b;
  double        sv;
} PsPackedRows;

typedef struct
{
  gint32 hi, lo, shi, slo, nan;
  gint64 buy, sell;
} PsPackedSpan;

/* ps_volume_split () of packed row r, in mantissas (NAN's is G_MININT32,
 * negative), added to the sums. */
static inline G_ALWAYS_INLINE void
ps_volume_split_packed (const PsPackedRows *rows,
                        guint               r,
                        PsPackedSpan       *acc)
{
  gint32 v = rows->v[r], b = rows->b[r];

  if (v <= 0)
    return;
  if (b >= 0 && (b <= v || b / rows->sv <= v / rows->sv * (1 + 1e-9)))
    acc->buy += b, acc->sell += MAX (v - b, 0);
  else if (rows->k[r] < rows->o[r])
    acc->sell += v;
  else
    acc->buy += v;
}

#ifdef __SSE2__
static inline __m128i
ps_max_epi32 (__m128i a,
              __m128i b)
{
  __m128i m = _mm_cmpgt_epi32 (a, b);

  return _mm_or_si128 (_mm_and_si128 (m, a), _mm_andnot_si128 (m, b));
}

static inline __m128i
ps_min_epi32 (__m128i a,
              __m128i b)
{
  __m128i m = _mm_cmpgt_epi32 (a, b);

  return _mm_or_si128 (_mm_and_si128 (m, b), _mm_andnot_si128 (m, a));
}

static inline gint32
ps_hmax_epi32 (__m128i a)
{
  a = ps_max_epi32 (a, _mm_shuffle_epi32 (a, _MM_SHUFFLE (1, 0, 3, 2)));
  a = ps_max_epi32 (a, _mm_shuffle_epi32 (a, _MM_SHUFFLE (2, 3, 0, 1)));
  return _mm_cvtsi128_si32 (a);
}

static inline gint32
ps_hmin_epi32 (__m128i a)
{
  a = ps_min_epi32 (a, _mm_shuffle_epi32 (a, _MM_SHUFFLE (1, 0, 3, 2)));
  a = ps_min_epi32 (a, _mm_shuffle_epi32 (a, _MM_SHUFFLE (2, 3, 0, 1)));
  return _mm_cvtsi128_si32 (a);
}

/* Four lanes of non-negative int32 added to two int64 sums. */
static inline __m128i
ps_add_wide (__m128i sum,
             __m128i x)
{
  const __m128i zero = _mm_setzero_si128 ();

  return _mm_add_epi64 (sum, _mm_add_epi64 (_mm_unpacklo_epi32 (x, zero),
                                            _mm_unpackhi_epi32 (x, zero)));
}
#endif

/* The loop of ps_candle_span_packed_rows () four rows at a time, as far as
 * whole fours go: the same extremes and exact sums (integers: any order
 * gives the same) onto acc, a NAN price flagged in acc->nan. The rows
 * taken. */
static inline G_ALWAYS_INLINE guint
ps_candle_rows_sse2 (const PsPackedRows *rows,
                     guint               n,
                     PsPackedSpan       *acc)
{
  guint r = 0;

#ifdef __SSE2__
#define LOAD(p) _mm_loadu_si128 ((const __m128i *) (gconstpointer) (rows->p + r))
  const __m128i none = _mm_set1_epi32 (G_MININT32), zero = _mm_setzero_si128 ();
  const __m128i minus_one = _mm_set1_epi32 (-1);
  __m128i vhi = _mm_set1_epi32 (acc->hi), vlo = _mm_set1_epi32 (acc->lo);
  __m128i vshi = _mm_set1_epi32 (acc->shi), vslo = _mm_set1_epi32 (acc->slo);
  __m128i vnan = zero, vbuy = zero, vsell = zero;
  gint64 wide[2];

  for (; r + 4 <= n; r += 4)
    {
      __m128i O = LOAD (o), H = LOAD (h), L = LOAD (l), K = LOAD (k), V = LOAD (v), B = LOAD (b);
      __m128i pos, split, side, down;

      vnan = _mm_or_si128 (vnan, _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi32 (O, none),
                                                             _mm_cmpeq_epi32 (H, none)),
                                               _mm_or_si128 (_mm_cmpeq_epi32 (L, none),
                                                             _mm_cmpeq_epi32 (K, none))));
      vhi = ps_max_epi32 (vhi, ps_max_epi32 (H, ps_max_epi32 (O, K)));
      vlo = ps_min_epi32 (vlo, ps_min_epi32 (L, ps_min_epi32 (O, K)));
      vshi = ps_max_epi32 (vshi, H);
      vslo = ps_min_epi32 (vslo, L);

      /* The volume: split where 0 <= b <= v, else by the direction; a b
       * over v (a tolerance in doubles) a row at a time. */
      pos = _mm_cmpgt_epi32 (V, zero);
      split = _mm_and_si128 (pos, _mm_cmpgt_epi32 (B, minus_one));
      if (_mm_movemask_epi8 (_mm_and_si128 (split, _mm_cmpgt_epi32 (B, V))) != 0)
        {
          for (guint q = r; q < r + 4; q++)
            ps_volume_split_packed (rows, q, acc);
          continue;
        }
      side = _mm_andnot_si128 (split, pos);
      down = _mm_and_si128 (side, _mm_cmpgt_epi32 (O, K));
      vbuy = ps_add_wide (vbuy, _mm_or_si128 (_mm_and_si128 (split, B),
                                              _mm_and_si128 (_mm_andnot_si128 (down, side), V)));
      vsell = ps_add_wide (vsell, _mm_or_si128 (_mm_and_si128 (split, _mm_sub_epi32 (V, B)),
                                                _mm_and_si128 (down, V)));
    }
#undef LOAD
  if (r == 0)
    return 0;
  acc->nan |= _mm_movemask_epi8 (vnan);
  acc->hi = ps_hmax_epi32 (vhi), acc->lo = ps_hmin_epi32 (vlo);
  acc->shi = ps_hmax_epi32 (vshi), acc->slo = ps_hmin_epi32 (vslo);
  _mm_storeu_si128 ((__m128i *) (gpointer) wide, vbuy);
  acc->buy += wide[0] + wide[1];
  _mm_storeu_si128 ((__m128i *) (gpointer) wide, vsell);
  acc->sell += wide[0] + wide[1];
#endif
  return r;
}

/* The same for n (> 0) packed rows from i0, a bucket or a column's end,
 * with open, high, low and close to one power of ten, volume and taker buys
 * to another: mantissas order as their values do (a correctly rounded
 * division by a positive scale keeps order), so the rows are reduced in
 * integers and only the results divided, into the same bits; the volume's
 * sides are summed exactly and rounded once, where doubles round at each
 * row. FALSE, span untouched, when the columns are not packed so or a price
 * is NAN. */
static inline gboolean
ps_candle_span_packed_rows (PsCandleSpan    *span,
                            const PsCandles *c,
                            guint            i0,
                            guint            n)
{
  const PsValueColumn *col = c->columns;
  double s = col[PS_CANDLE_OPEN].scale, sv = col[PS_CANDLE_VOLUME].scale;
  PsPackedRows rows;
  PsPackedSpan acc = { 0 };
  const gint32 *o, *h, *l, *k;
  guint r, r0;

  if (s == 0 || col[PS_CANDLE_HIGH].scale != s || col[PS_CANDLE_LOW].scale != s ||
      col[PS_CANDLE_CLOSE].scale != s || sv == 0)
    return FALSE;
  o = col[PS_CANDLE_OPEN].mantissas + i0, h = col[PS_CANDLE_HIGH].mantissas + i0;
  l = col[PS_CANDLE_LOW].mantissas + i0, k = col[PS_CANDLE_CLOSE].mantissas + i0;
  rows = (PsPackedRows) { o, h, l, k, col[PS_CANDLE_VOLUME].mantissas + i0, NULL, sv };

  /* Taker buys to the volume's power of ten, or none at all in these rows
   * (a venue without the split): then their mantissas stand in as NAN's. */
  if (col[PS_CANDLE_TAKER_BUY_VOLUME].scale == sv)
    rows.b = col[PS_CANDLE_TAKER_BUY_VOLUME].mantissas + i0;
  else
    {
      static const gint32 none[1u << PS_LEVELS_K0] = {
        G_MININT32, G_MININT32, G_MININT32, G_MININT32, G_MININT32, G_MININT32, G_MININT32,
        G_MININT32, G_MININT32, G_MININT32, G_MININT32, G_MININT32, G_MININT32, G_MININT32,
        G_MININT32, G_MININT32,
      };

      G_STATIC_ASSERT (PS_LEVELS_K0 == 4);
      for (r = 0; r < n; r++)
        if (!isnan (ps_candles_taker_buy_at (c, i0 + r)))
          return FALSE;
      rows.b = none;
    }

  acc.hi = acc.lo = o[0], acc.shi = h[0], acc.slo = l[0];
  r0 = r = ps_candle_rows_sse2 (&rows, n, &acc);
  for (; r < n; r++)
    acc.nan |= (o[r] == G_MININT32) | (h[r] == G_MININT32) | (l[r] == G_MININT32) |
               (k[r] == G_MININT32);
  if (acc.nan)
    return FALSE;

  for (r = r0; r < n; r++)
    {
      acc.hi = MAX (acc.hi, MAX (h[r], MAX (o[r], k[r])));
      acc.lo = MIN (acc.lo, MIN (l[r], MIN (o[r], k[r])));
      acc.shi = MAX (acc.shi, h[r]);
      acc.slo = MIN (acc.slo, l[r]);
      ps_volume_split_packed (&rows, r, &acc);
    }
  *span = (PsCandleSpan) { o[0] / s, acc.hi / s, acc.lo / s, k[n - 1] / s, acc.slo / s,
                           acc.shi / s, acc.buy / sv, acc.sell / sv };
  return TRUE;
}

/* Rows [a, b) onto span: the rows at a column's ends, up to 2^K0 − 1 of
 * them, reduced in integers as a bucket is where they are packed (one
 * division a value, not one a row and value), else one by one. */
static inline void
ps_candle_span_add_run (PsCandleSpan    *span,
                        const PsCandles *c,
                        guint            a,
                        guint            b)
{
  PsCandleSpan run;

  if (a >= b)
    return;
  if (ps_candle_span_packed_rows (&run, c, a, b - a))
    ps_candle_span_add (span, &run);
  else
    ps_candle_span_add_rows (span, c, a, b);
}

PsCandleLevels *
ps_candle_levels_new (const PsCandles *candles)
{
  PsCandleLevels *self = g_new0 (PsCandleLevels, 1);

  g_return_val_if_fail (candles != NULL, self);

  self->n = candles->n;
  self->n_levels = _ps_levels_count (candles->n);
  _ps_levels_alloc (candles->n, self->n_levels, sizeof (PsCandleSpan), (gpointer *) self->level);
  for (int l = 0; l < self->n_levels; l++)
    {
      guint nb = candles->n >> (PS_LEVELS_K0 + l);
      PsCandleSpan *level = self->level[l];

      for (guint j = 0; j < nb; j++)
        {
          if (l == 0)
            {
              guint i0 = j << PS_LEVELS_K0;

              if (!ps_candle_span_packed_rows (&level[j], candles, i0, 1u << PS_LEVELS_K0) &&
                  !ps_candle_span_finite_rows (&level[j], candles, i0))
                {
                  ps_candle_span_row (&level[j], candles, i0);
                  ps_candle_span_add_rows (&level[j], candles, i0 + 1,
                                           i0 + (1u << PS_LEVELS_K0));
                }
            }
          else
            {
              level[j] = self->level[l - 1][2 * j];
              ps_candle_span_add (&level[j], &self->level[l - 1][2 * j + 1]);
            }
        }
      self->level[l] = level;
      self->n_buckets[l] = nb;
    }
  return self;
}

void
ps_candle_levels_free (PsCandleLevels *self)
{
  if (self == NULL)
    return;
  if (self->n_levels > 0)
    g_free (self->level[0]);   /* the block of every level */
  g_free (self->cache);
  g_free (self);
}

gpointer *
ps_candle_levels_get_cache (const PsCandleLevels *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &((PsCandleLevels *) self)->cache;
}

gsize
ps_candle_levels_get_size (const PsCandleLevels *self)
{
  gsize size = sizeof *self;

  for (int l = 0; self != NULL && l < self->n_levels; l++)
    size += self->n_buckets[l] * sizeof (PsCandleSpan);
  return self != NULL ? size : 0;
}

const PsCandleLevels *
ps_candles_get_levels (const PsCandles *candles)
{
  PsCandles *self = (PsCandles *) candles;
  PsCandleLevels *levels;

  /* Below two buckets a pyramid saves nothing. */
  if (candles == NULL || candles->n < (2u << PS_LEVELS_K0) || !ps_levels_get_enabled ())
    return NULL;

  levels = g_atomic_pointer_get (&self->levels);
  if (levels != NULL)
    return levels;

  /* Two threads may both build; the first to publish wins. */
  levels = ps_candle_levels_new (candles);
  if (!g_atomic_pointer_compare_and_exchange (&self->levels, NULL, levels))
    {
      ps_candle_levels_free (levels);
      levels = g_atomic_pointer_get (&self->levels);
    }
  return levels;
}

gboolean
ps_candle_levels_next_bucket (const PsCandleLevels *self,
                              guint                 i,
                              guint                 last,
                              int                  *k)
{
  if (self == NULL)
    return FALSE;
  return _ps_levels_next (self->n_levels, i, MIN (last, self->n), k);
}

const PsCandleSpan *
ps_candle_levels_get_bucket (const PsCandleLevels *self,
                             int                   k,
                             guint                 i)
{
  return &self->level[k - PS_LEVELS_K0][i >> k];
}

void
ps_candle_levels_reduce (const PsCandleLevels *self,
                         const PsCandles      *candles,
                         guint                 first,
                         guint                 last,
                         PsCandleSpan         *span)
{
  guint step = 1u << PS_LEVELS_K0, i, n, end;

  ps_candle_span_init_empty (span);
  if (self == NULL || last - MIN (first, last) < step)
    {
      ps_candle_span_add_rows (span, candles, first, last);
      return;
    }

  /* Rows up to the first bucket's start, buckets as large as fit, rows
   * after the last one: the same merges, in the same order, as a row at a
   * time, with no bucket looked for where none can start. */
  n = MIN (last, self->n);
  i = MIN ((first + step - 1) & ~(step - 1), last);
  ps_candle_span_add_run (span, candles, first, i);
  end = n & ~(step - 1);
  while (i < end)
    {
      int k = G_MAXINT;

      if (!_ps_levels_next (self->n_levels, i, n, &k))
        break;
      ps_candle_span_add (span, &self->level[k - PS_LEVELS_K0][i >> k]);
      i += 1u << k;
    }
  ps_candle_span_add_run (span, candles, i, last);
}

/* The same walk as ps_candle_levels_reduce (), each load a prefetch: the
 * rows at the two ends and the bucket of each step. A zoomed-out frame
 * reduces ~2,000 columns whose ends and buckets are each a cache miss far
 * from the last; asked a few columns ahead, the misses overlap instead of
 * coming one after the other. */
static inline void
ps_candle_prefetch_rows (const PsCandles *c,
                         guint            a,
                         guint            b)
{
  /* Every column the reduction reads, the taker buys too (they split the
   * volume); a cache line is eight rows of doubles, sixteen packed. */
  for (int k = 0; k < PS_CANDLE_N_COLUMNS; k++)
    {
      const PsValueColumn *column = &c->columns[k];

      if (column->scale == 0 && column->doubles != NULL)
        for (guint i = a & ~7u; i < b; i += 8)
          __builtin_prefetch (column->doubles + i);
      else if (column->scale != 0 && column->mantissas != NULL)
        for (guint i = a & ~15u; i < b; i += 16)
          __builtin_prefetch (column->mantissas + i);
    }
}

void
ps_candle_levels_prefetch (const PsCandleLevels *self,
                           const PsCandles      *candles,
                           guint                 first,
                           guint                 last)
{
  guint head, tail;

  last = MIN (last, candles->n);
  if (self == NULL || last - MIN (first, last) < (1u << PS_LEVELS_K0))
    {
      ps_candle_prefetch_rows (candles, first, last);
      return;
    }
  _ps_levels_prefetch_buckets (self->n_levels, (gpointer const *) self->level,
                               sizeof (PsCandleSpan), self->n, first, last, NULL, &head, &tail);
  ps_candle_prefetch_rows (candles, first, head);
  ps_candle_prefetch_rows (candles, tail, last);
}

void
ps_candle_levels_scale (const PsCandleLevels *self,
                        const PsCandles      *candles,
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

      if (ps_candle_levels_next_bucket (self, i, last, &k))
        {
          const PsCandleSpan *span = ps_candle_levels_get_bucket (self, k, i);

          *lo = _ps_levels_min (*lo, span->scale_lo);
          *hi = _ps_levels_max (*hi, span->scale_hi);
          i += 1u << k;
        }
      else
        {
          double o = ps_candles_open_at (candles, i), c = ps_candles_close_at (candles, i);
          double h = ps_candles_high_at (candles, i), l = ps_candles_low_at (candles, i);

          *lo = _ps_levels_min (*lo, isfinite (l) ? l : _ps_levels_min (o, c));
          *hi = _ps_levels_max (*hi, isfinite (h) ? h : _ps_levels_max (o, c));
          i++;
        }
    }
}
