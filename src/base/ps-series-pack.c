/* ps-series-pack.c: candle columns as int32 decimal mantissas, bit for bit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Venues send prices and volumes as decimals with a few places ("67012.40",
 * "153.291"), and a double parsed from one is the correctly rounded value of
 * the decimal. IEEE division is correctly rounded too, so with q the decimal's
 * digits as an integer and k its places, q / 10^k is that very double: the
 * column can hold q in 4 bytes instead of the double's 8 and lose nothing.
 * A million 1m candles: 56 MB of columns become 32.
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "ps-series.h"

/* 10^k for the places a packed column may have; every one is exact. */
static const double ps_pow10[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
};

#define PS_PACK_MAX_PLACES ((int) G_N_ELEMENTS (ps_pow10) - 1)

/* x rounded to the nearest int32 (ties away from zero), for |x| ≤ 2^31 − 1:
 * a conversion inlined where nearbyint () is a call into libm that saves
 * and restores the floating-point state (x86-64 has no SSE4.1 rounding by
 * default): ~17 ns a value here, the whole pack 213 ms a million candles. */
static inline gint32
ps_pack_round (double x)
{
  return (gint32) (x + (x >= 0 ? 0.5 : -0.5));
}

/* Whether v is q / 10^k for an int32 q other than the NAN mark. */
static inline gboolean
ps_pack_fits (double v,
              int    k)
{
  double x = v * ps_pow10[k], back;

  if (!(fabs (x) <= G_MAXINT32))
    return FALSE;
  back = ps_pack_round (x) / ps_pow10[k];
  /* Bits, not ==: -0.0 comes back as 0.0 and does not pack. */
  return memcmp (&back, &v, sizeof v) == 0;
}

/* The fewest places with which every value of the column packs, or -1. A
 * value that packs with k places packs with more as long as its mantissa
 * fits: q·10^j / 10^(k+j) is the same quotient, so the same double. */
static int
ps_pack_find_places (const double *v,
                     guint         n)
{
  double max_abs = 0;
  int k = 0;

  for (guint i = 0; i < n; i++)
    {
      if (isnan (v[i]))
        continue;
      if (G_UNLIKELY (!ps_pack_fits (v[i], k)))
        {
          do
            {
              if (++k > PS_PACK_MAX_PLACES)
                return -1;
            }
          while (!ps_pack_fits (v[i], k));
          /* The rows before, with k places now. */
          if (!(max_abs * ps_pow10[k] <= G_MAXINT32))
            return -1;
        }
      max_abs = MAX (max_abs, fabs (v[i]));
    }
  return k;
}

/* The mantissas of a column every value of which packs with k places. The
 * product's rounding error is far below a half for |q| < 2^31, so it
 * rounds to the q that ps_pack_fits () checked. */
static void
ps_pack_write (gint32       *q,
               const double *v,
               guint         n,
               int           k)
{
  double p = ps_pow10[k];

  for (guint i = 0; i < n; i++)
    q[i] = isnan (v[i]) ? G_MININT32 : ps_pack_round (v[i] * p);
}

/* The whole pages of [from, to), a block's tail no longer used, handed back
 * to the kernel: the block keeps its size and its place (what lies in the
 * pages is never read again), the process its memory. Not realloc (): that
 * shrank the block by mremap () in 5 ms, for the same release. */
static void
ps_pack_release_tail (char *from,
                      char *to)
{
#if defined (G_OS_UNIX) && defined (MADV_DONTNEED)
  gsize page = sysconf (_SC_PAGESIZE);
  guintptr a = ((guintptr) from + page - 1) & ~(guintptr) (page - 1);
  guintptr b = (guintptr) to & ~(guintptr) (page - 1);

  if (b > a)
    (void) madvise ((gpointer) a, b - a, MADV_DONTNEED);
#endif
}

gboolean
ps_candles_is_packed (const PsCandles *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
    if (self->columns[c].scale != 0)
      return TRUE;
  return FALSE;
}

void
ps_candles_pack (PsCandles *self)
{
  int places[PS_CANDLE_N_COLUMNS];
  gsize at[PS_CANDLE_N_COLUMNS + 1];   /* byte offsets of the new columns */
  gsize block_bytes;
  guint n;

  g_return_if_fail (self != NULL);

  if (ps_candles_is_packed (self) || self->n == 0)
    return;

  n = self->n;
  block_bytes = (gsize) self->alloc * (sizeof (gint64) + PS_CANDLE_N_COLUMNS * sizeof (double));
  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
    places[c] = ps_pack_find_places (self->columns[c].doubles, n);

  /* In place, the columns one after the other right after the times: a
   * column's new rows start at or before its old ones (n ≤ alloc, each
   * column before it now at most as long), so row i is written at or before
   * where it is read, and only over rows already read. No new block: the
   * pages are there already, and the tail is handed back below. */
  at[0] = (gsize) n * sizeof (gint64);
  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
    {
      PsValueColumn *column = &self->columns[c];
      char *to = (char *) self->t_ms + at[c];

      if (places[c] >= 0)
        {
          ps_pack_write ((gint32 *) to, column->doubles, n, places[c]);
          at[c + 1] = at[c] + (gsize) n * sizeof (gint32);
          column->scale = ps_pow10[places[c]];
        }
      else
        {
          memmove (to, column->doubles, (gsize) n * sizeof (double));
          at[c + 1] = at[c] + (gsize) n * sizeof (double);
        }
    }

  ps_pack_release_tail ((char *) self->t_ms + at[PS_CANDLE_N_COLUMNS],
                        (char *) self->t_ms + block_bytes);
  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
    self->columns[c].doubles = (double *) ((char *) self->t_ms + at[c]);
  self->alloc = n;
  /* Levels built before stay: they were made from the same values. */
}

/* Packing as the rows come */

/* A block of t_ms and six mantissa columns, each with room for alloc rows. */
static void
ps_packing_place_columns (PsCandles *self,
                          guint      alloc)
{
  char *p = (char *) (self->t_ms + alloc);

  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++, p += (gsize) alloc * sizeof (gint32))
    self->columns[c].mantissas = (gint32 *) (gpointer) p;
  self->alloc = alloc;
}

PsCandles *
ps_candles_new_packing (guint reserve)
{
  PsCandles *self = g_new0 (PsCandles, 1);
  guint alloc = MAX (reserve, 1);

  self->ref_count = 1;
  self->t_ms = ps_series_realloc_column (NULL, (gsize) alloc * (sizeof (gint64) +
                                                             PS_CANDLE_N_COLUMNS * sizeof (gint32)));
  ps_packing_place_columns (self, alloc);
  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
    self->columns[c].scale = 1;   /* no places yet; a packed series to every reader */
  return self;
}

void
ps_candle_packer_init (PsCandlePacker *self,
                       PsCandles      *series,
                       guint           at,
                       guint           room)
{
  g_return_if_fail (self != NULL && series != NULL);
  g_return_if_fail ((guint64) at + room <= series->alloc);

  *self = (PsCandlePacker) { .series = series, .at = at, .room = room };
}

/* Rows [at, at + n) of column c, written with `from` places, now with `to`. */
static void
ps_packer_rescale (PsCandlePacker *self,
                   int             c,
                   int             from,
                   int             to)
{
  gint32 *q = self->series->columns[c].mantissas + self->at;
  gint32 f = (gint32) (ps_pow10[to - from] + 0.5);

  /* Exact: |q|·10^(to − from) ≤ max_abs·10^to ≤ G_MAXINT32 was checked. */
  for (guint i = 0; i < self->n; i++)
    if (q[i] != G_MININT32)
      q[i] *= f;
}

/* Row i of the part, column c, as the double it was. */
static inline double
ps_packer_value (const PsCandlePacker *self,
                 int                   c,
                 guint                 i)
{
  gint32 q = self->series->columns[c].mantissas[i];

  return q == G_MININT32 ? NAN : q / ps_pow10[self->places[c]];
}

/* The part's packed rows as doubles into dest's rows of the same index. */
static void
ps_packer_unpack_into (const PsCandlePacker *self,
                       PsCandles            *dest)
{
  for (guint i = self->at; i < self->at + self->n; i++)
    {
      dest->t_ms[i] = self->series->t_ms[i];
      for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
        dest->columns[c].doubles[i] = ps_packer_value (self, c, i);
    }
}

/* Whether row values packs with the part's places or more: the places each
 * column then needs, decided as ps_pack_find_places () decides them. */
static gboolean
ps_packer_places_for (const PsCandlePacker *self,
                      const double         *values,
                      int                  *places)
{
  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
    {
      double v = values[c];
      int k = self->places[c];

      if (!isnan (v) && G_UNLIKELY (!ps_pack_fits (v, k)))
        {
          do
            {
              if (++k > PS_PACK_MAX_PLACES)
                return FALSE;
            }
          while (!ps_pack_fits (v, k));
          if (!(self->max_abs[c] * ps_pow10[k] <= G_MAXINT32))
            return FALSE;
        }
      places[c] = k;
    }
  return TRUE;
}

gboolean
ps_candle_packer_put (PsCandlePacker *self,
                      gint64          t_ms,
                      const double   *values)
{
  int places[PS_CANDLE_N_COLUMNS];
  guint i;

  g_return_val_if_fail (self != NULL && values != NULL, FALSE);

  if (self->n >= self->room)
    return FALSE;
  i = self->at + self->n;

  /* A value that does not pack: the part goes on in doubles (room for the
   * whole series, so that finishing can gather the parts there), its rows
   * so far unpacked into them. */
  if (self->doubles == NULL && !ps_packer_places_for (self, values, places))
    {
      PsCandles *doubles = g_atomic_pointer_get (&self->series->packing);

      /* One for every part (each writes its own rows), made by the first
       * that needs it. */
      if (doubles == NULL)
        {
          PsCandles *mine = ps_candles_new (self->series->alloc);

          if (g_atomic_pointer_compare_and_exchange (&self->series->packing, NULL, mine))
            doubles = mine;
          else
            {
              ps_candles_unref (mine);
              doubles = g_atomic_pointer_get (&self->series->packing);
            }
        }
      self->doubles = ps_candles_ref (doubles);
      ps_packer_unpack_into (self, self->doubles);
    }
  if (self->doubles != NULL)
    {
      self->doubles->t_ms[i] = t_ms;
      for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
        self->doubles->columns[c].doubles[i] = values[c];
      self->n++;
      return TRUE;
    }

  self->series->t_ms[i] = t_ms;
  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
    {
      double v = values[c];

      if (places[c] != self->places[c])
        {
          ps_packer_rescale (self, c, self->places[c], places[c]);   /* the rows before */
          self->places[c] = places[c];
        }
      if (isnan (v))
        self->series->columns[c].mantissas[i] = G_MININT32;
      else
        {
          self->max_abs[c] = MAX (self->max_abs[c], fabs (v));
          self->series->columns[c].mantissas[i] = ps_pack_round (v * ps_pow10[places[c]]);
        }
    }
  self->n++;
  return TRUE;
}

void
ps_candle_packer_clear (PsCandlePacker *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->doubles, ps_candles_unref);
}

/* Rows [from, from + n) of src (doubles) appended to dest. */
static void
ps_candles_append_rows (PsCandles       *dest,
                        const PsCandles *src,
                        guint            from,
                        guint            n)
{
  for (guint i = from; i < from + n; i++)
    ps_candles_append (dest, src->t_ms[i], src->columns[0].doubles[i],
                       src->columns[1].doubles[i], src->columns[2].doubles[i],
                       src->columns[3].doubles[i], src->columns[4].doubles[i],
                       src->columns[5].doubles[i]);
}

/* Some part in doubles, or rows past a part's room: every part's rows
 * gathered as doubles (into the doubles the parts went on in, if any, each
 * at its own rows), put in order with the overflows, then packed as a
 * whole, as a read did before it packed as it went. */
static PsCandles *
ps_packing_finish_doubles (PsCandles         *series,
                           PsCandlePacker    *parts,
                           PsCandles * const *overflows,
                           guint              n_parts,
                           guint              n)
{
  PsCandles *target = g_steal_pointer ((PsCandles **) &series->packing);
  gboolean overflowed = FALSE;

  for (guint p = 0; p < n_parts; p++)
    overflowed |= overflows != NULL && overflows[p] != NULL && overflows[p]->n > 0;
  if (target == NULL)
    target = ps_candles_new (series->alloc);
  for (guint p = 0; p < n_parts; p++)
    {
      PsCandlePacker *part = &parts[p];

      /* A part in doubles has its rows there already. */
      if (part->doubles == NULL)
        ps_packer_unpack_into (part, target);
      ps_candle_packer_clear (part);
    }
  ps_candles_unref (series);

  if (overflowed)
    {
      /* Rare (rows between the grid's steps): in order into a new series. */
      PsCandles *all = ps_candles_new (n);

      for (guint p = 0; p < n_parts; p++)
        {
          ps_candles_append_rows (all, target, parts[p].at, parts[p].n);
          if (overflows[p] != NULL)
            ps_candles_append_rows (all, overflows[p], 0, overflows[p]->n);
        }
      ps_candles_unref (target);
      target = all;
    }
  else
    {
      /* Each part's rows right after the one before's. */
      guint to = 0;

      for (guint p = 0; p < n_parts; p++)
        {
          if (parts[p].at != to && parts[p].n > 0)
            {
              memmove (target->t_ms + to, target->t_ms + parts[p].at,
                       (gsize) parts[p].n * sizeof (gint64));
              for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
                memmove (target->columns[c].doubles + to, target->columns[c].doubles + parts[p].at,
                         (gsize) parts[p].n * sizeof (double));
            }
          to += parts[p].n;
        }
      target->n = to;
    }
  ps_candles_pack (target);
  return target;
}

PsCandles *
ps_candles_finish_packing (PsCandles         *series,
                           PsCandlePacker    *parts,
                           PsCandles * const *overflows,
                           guint              n_parts)
{
  int places[PS_CANDLE_N_COLUMNS] = { 0, };
  gboolean all_packed = TRUE;
  guint n = 0, alloc;

  g_return_val_if_fail (series != NULL, NULL);
  g_return_val_if_fail (n_parts == 0 || parts != NULL, NULL);

  for (guint p = 0; p < n_parts; p++)
    {
      g_return_val_if_fail (parts[p].series == series, NULL);
      n += parts[p].n;
      if (overflows != NULL && overflows[p] != NULL)
        {
          n += overflows[p]->n;
          all_packed &= overflows[p]->n == 0;
        }
      all_packed &= parts[p].doubles == NULL;
      for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
        places[c] = MAX (places[c], parts[p].places[c]);
    }

  /* Nothing read: doubles, which take appends, as a read has always given. */
  if (n == 0)
    {
      for (guint p = 0; p < n_parts; p++)
        ps_candle_packer_clear (&parts[p]);
      ps_candles_unref (series);
      return ps_candles_new (0);
    }

  /* A column that packs in each part but not in all is left doubles, as
   * ps_candles_pack () leaves it. */
  for (guint p = 0; p < n_parts && all_packed; p++)
    for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
      if (!(parts[p].max_abs[c] * ps_pow10[places[c]] <= G_MAXINT32))
        all_packed = FALSE;
  if (!all_packed)
    return ps_packing_finish_doubles (series, parts, overflows, n_parts, n);

  /* One places per column; each part's rows after the one before. */
  n = 0;
  for (guint p = 0; p < n_parts; p++)
    {
      PsCandlePacker *part = &parts[p];

      for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
        if (part->places[c] != places[c])
          ps_packer_rescale (part, c, part->places[c], places[c]);
      if (part->at != n && part->n > 0)
        {
          memmove (series->t_ms + n, series->t_ms + part->at, (gsize) part->n * sizeof (gint64));
          for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
            memmove (series->columns[c].mantissas + n, series->columns[c].mantissas + part->at,
                     (gsize) part->n * sizeof (gint32));
        }
      n += part->n;
    }

  /* The columns moved down to n rows each (each only over rows already
   * moved or its own), the tail handed back, as ps_candles_pack () leaves a
   * series. */
  alloc = series->alloc;
  if (n < alloc)
    {
      char *to = (char *) (series->t_ms + n);

      for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++, to += (gsize) n * sizeof (gint32))
        memmove (to, series->columns[c].mantissas, (gsize) n * sizeof (gint32));
      ps_pack_release_tail (to, (char *) series->t_ms + (gsize) alloc *
                                (sizeof (gint64) + PS_CANDLE_N_COLUMNS * sizeof (gint32)));
      ps_packing_place_columns (series, n);
    }
  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
    series->columns[c].scale = ps_pow10[places[c]];
  series->n = n;
  return series;
}

gsize
ps_candles_get_size (const PsCandles *self)
{
  gsize bytes;

  g_return_val_if_fail (self != NULL, 0);

  bytes = (gsize) self->alloc * sizeof (gint64);
  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
    bytes += (gsize) self->alloc * (self->columns[c].scale != 0 ? sizeof (gint32)
                                                                : sizeof (double));
  return bytes;
}
