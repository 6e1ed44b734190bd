/* ps-levels-carry.c: what the panes kept of a series' columns, carried over
 * to the series read again in its place
 *
 * A live update reads the market again: a new series, the same rows but
 * the last few. The panes' column caches (PsColumnCache, kept with the
 * levels) hold each column's rows [i, j) and what they reduce to; every
 * column that ends before the first row that differs is the same in the new
 * series, so those entries move over and the rest are emptied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ps-levels.h"

#define BLOCK 4096

/* The first row where any of the columns differ, byte for byte (n when
 * none): a block of rows at a time, then row by row in the first block
 * that differs. */
static guint
ps_first_difference (guint              n,
                     const gconstpointer a[],
                     const gconstpointer b[],
                     const gsize        sizes[],
                     guint              n_columns)
{
  guint lo;

  for (lo = 0; lo < n; lo += BLOCK)
    {
      guint len = MIN (BLOCK, n - lo);
      gboolean same = TRUE;

      for (guint c = 0; c < n_columns && same; c++)
        same = memcmp ((const guint8 *) a[c] + (gsize) lo * sizes[c],
                       (const guint8 *) b[c] + (gsize) lo * sizes[c], len * sizes[c]) == 0;
      if (!same)
        break;
    }
  for (guint i = lo; i < MIN (lo + BLOCK, n); i++)
    for (guint c = 0; c < n_columns; c++)
      if (memcmp ((const guint8 *) a[c] + (gsize) i * sizes[c],
                  (const guint8 *) b[c] + (gsize) i * sizes[c], sizes[c]) != 0)
        return i;
  return n;
}

/* The cache in earlier_slot into slot, for a series of n rows whose first
 * n_same are earlier's from row skip on: each entry's rows move by skip. */
static void
ps_levels_carry (gpointer *slot,
                 gpointer *earlier_slot,
                 guint     skip,
                 guint     n_same,
                 guint     n)
{
  PsColumnCache *cache;

  if (slot == NULL || earlier_slot == NULL || slot == earlier_slot || n_same == 0 ||
      (cache = g_atomic_pointer_exchange (earlier_slot, NULL)) == NULL)
    return;

  for (guint k = 0; k < cache->size; k++)
    {
      PsColumnHead *head = (PsColumnHead *) (gpointer) (cache->entries
                                                        + (gsize) k * cache->entry_size);

      if (head->col == G_MININT64)
        continue;
      /* Rows before the new series' first are gone; row j, where the
       * column ends, must be the same too. */
      if (head->i < skip || head->j - skip >= n_same)
        head->col = G_MININT64;
      else
        head->i -= skip, head->j -= skip;
    }
  cache->key[0] = n;
  if (!g_atomic_pointer_compare_and_exchange (slot, NULL, cache))
    g_free (cache);
}

/* Where the new series' first row is in earlier (a read of a range that
 * moved on starts later), and how many rows from there are the same in
 * both: the columns a, b of rows of sizes, a[0] and b[0] the times. */
static guint
ps_levels_same_rows (const gint64       *t_ms,
                     guint               n,
                     const gint64       *earlier_t_ms,
                     guint               earlier_n,
                     const gconstpointer a[],
                     gconstpointer       b[],
                     const gsize         sizes[],
                     guint               n_columns,
                     guint              *skip)
{
  if (n == 0 || earlier_n == 0)
    return 0;
  *skip = ps_series_lower_bound (earlier_t_ms, earlier_n, t_ms[0]);
  if (*skip >= earlier_n || earlier_t_ms[*skip] != t_ms[0])
    return 0;
  for (guint c = 0; c < n_columns; c++)
    b[c] = (const guint8 *) b[c] + (gsize) *skip * sizes[c];
  return ps_first_difference (MIN (n, earlier_n - *skip), a, b, sizes, n_columns);
}

void
ps_candles_carry_cache (const PsCandles *candles,
                        const PsCandles *earlier)
{
  const PsCandleLevels *levels, *earlier_levels;
  guint n_same, skip = 0;

  if (candles == NULL || earlier == NULL || candles == earlier ||
      (earlier_levels = g_atomic_pointer_get (&((PsCandles *) earlier)->levels)) == NULL ||
      (levels = ps_candles_get_levels (candles)) == NULL)
    return;

  {
    const PsCandleField drawn[] = { PS_CANDLE_OPEN, PS_CANDLE_HIGH, PS_CANDLE_LOW,
                                     PS_CANDLE_CLOSE, PS_CANDLE_VOLUME,
                                     PS_CANDLE_TAKER_BUY_VOLUME };
    gconstpointer a[G_N_ELEMENTS (drawn) + 1] = { candles->t_ms };
    gconstpointer b[G_N_ELEMENTS (drawn) + 1] = { earlier->t_ms };
    gsize sizes[G_N_ELEMENTS (drawn) + 1] = { sizeof (gint64) };

    /* Rows compare as bytes where both hold a column alike (packed to the
     * same power of ten, or doubles); else nothing is carried. */
    for (guint d = 0; d < G_N_ELEMENTS (drawn); d++)
      {
        const PsValueColumn *x = &candles->columns[drawn[d]], *y = &earlier->columns[drawn[d]];

        if (x->scale != y->scale)
          return;
        a[d + 1] = x->scale == 0 ? (gconstpointer) x->doubles : (gconstpointer) x->mantissas;
        b[d + 1] = y->scale == 0 ? (gconstpointer) y->doubles : (gconstpointer) y->mantissas;
        sizes[d + 1] = x->scale == 0 ? sizeof (double) : sizeof (gint32);
      }
    n_same = ps_levels_same_rows (candles->t_ms, candles->n, earlier->t_ms, earlier->n, a, b,
                                  sizes, G_N_ELEMENTS (a), &skip);
  }
  ps_levels_carry (ps_candle_levels_get_cache (levels),
                   ps_candle_levels_get_cache (earlier_levels), skip, n_same, candles->n);
}

void
ps_open_interest_carry_cache (const PsOpenInterest *oi,
                              const PsOpenInterest *earlier)
{
  const PsOiLevels *levels, *earlier_levels;
  const gsize sizes[] = { sizeof (gint64), sizeof (double) };
  guint n_same, skip = 0;

  if (oi == NULL || earlier == NULL || oi == earlier ||
      (earlier_levels = g_atomic_pointer_get (&((PsOpenInterest *) earlier)->levels)) == NULL ||
      (levels = ps_open_interest_get_levels (oi)) == NULL)
    return;

  {
    const gconstpointer a[] = { oi->t_ms, oi->usd };
    gconstpointer b[] = { earlier->t_ms, earlier->usd };

    n_same = ps_levels_same_rows (oi->t_ms, oi->n, earlier->t_ms, earlier->n, a, b, sizes, 2,
                                  &skip);
  }
  ps_levels_carry (ps_oi_levels_get_cache (levels), ps_oi_levels_get_cache (earlier_levels),
                   skip, n_same, oi->n);
}

void
ps_liquidations_carry_cache (const PsLiquidations *liquidations,
                             const PsLiquidations *earlier)
{
  const PsLiqLevels *levels, *earlier_levels;
  const gsize sizes[] = { sizeof (gint64), sizeof (guint8), sizeof (double) };
  guint n_same, skip = 0;

  if (liquidations == NULL || earlier == NULL || liquidations == earlier ||
      (earlier_levels = g_atomic_pointer_get (&((PsLiquidations *) earlier)->levels)) == NULL ||
      (levels = ps_liquidations_get_levels (liquidations)) == NULL)
    return;

  {
    const gconstpointer a[] = { liquidations->t_ms, liquidations->side, liquidations->usd };
    gconstpointer b[] = { earlier->t_ms, earlier->side, earlier->usd };

    n_same = ps_levels_same_rows (liquidations->t_ms, liquidations->n, earlier->t_ms,
                                  earlier->n, a, b, sizes, 3, &skip);
  }
  ps_levels_carry (ps_liq_levels_get_cache (levels), ps_liq_levels_get_cache (earlier_levels),
                   skip, n_same, liquidations->n);
}
