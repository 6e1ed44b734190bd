/* ps-series.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#include "ps-series.h"
#include "ps-levels.h"

static const struct {
  const char *name;
  gint64      ms;
} intervals[PS_N_INTERVALS] = {
  [PS_INTERVAL_NONE] = { "",    0 },
  [PS_INTERVAL_1M]   = { "1m",  60 * 1000 },
  [PS_INTERVAL_5M]   = { "5m",  5 * 60 * 1000 },
  [PS_INTERVAL_15M]  = { "15m", 15 * 60 * 1000 },
  [PS_INTERVAL_1H]   = { "1h",  60 * 60 * 1000 },
  [PS_INTERVAL_4H]   = { "4h",  4 * 60 * 60 * 1000 },
  [PS_INTERVAL_1D]   = { "1d",  24 * 60 * 60 * 1000 },
};

gint64
ps_interval_to_ms (PsInterval interval)
{
  g_return_val_if_fail (interval < PS_N_INTERVALS, 0);

  return intervals[interval].ms;
}

const char *
ps_interval_to_string (PsInterval interval)
{
  g_return_val_if_fail (interval < PS_N_INTERVALS, "");

  return intervals[interval].name;
}

gboolean
ps_interval_from_string (const char *str,
                         PsInterval *interval)
{
  g_return_val_if_fail (interval != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = PS_INTERVAL_1M; i < PS_N_INTERVALS; i++)
    {
      if (strcmp (str, intervals[i].name) == 0)
        {
          *interval = i;
          return TRUE;
        }
    }

  return FALSE;
}

gint64
ps_interval_floor (PsInterval interval,
                   gint64     t_ms)
{
  gint64 step = ps_interval_to_ms (interval);
  gint64 rem;

  if (step <= 0)
    return t_ms;

  /* Floor towards −∞ so times before 1970 stay aligned too. */
  rem = t_ms % step;
  if (rem < 0)
    rem += step;
  return t_ms - rem;
}

const char *
ps_series_kind_to_string (PsSeriesKind kind)
{
  switch (kind)
    {
    case PS_SERIES_CANDLES:       return "candles";
    case PS_SERIES_FUNDING:       return "funding";
    case PS_SERIES_OPEN_INTEREST: return "open-interest";
    case PS_SERIES_LIQUIDATIONS:  return "liquidations";
    default:                      return "unknown";
    }
}

const char *
ps_series_kind_get_label (PsSeriesKind kind)
{
  switch (kind)
    {
    case PS_SERIES_CANDLES:       return _("candles");
    case PS_SERIES_FUNDING:       return _("funding");
    case PS_SERIES_OPEN_INTEREST: return _("open interest");
    case PS_SERIES_LIQUIDATIONS:  return _("liquidations");
    default:                      return _("unknown");
    }
}

guint
ps_series_lower_bound (const gint64 *t_ms,
                       guint         n,
                       gint64        t_ms_wanted)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (t_ms[mid] < t_ms_wanted)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

guint
ps_series_lower_bound_from (const gint64 *t_ms,
                            guint         from,
                            guint         n,
                            gint64        t_ms_wanted)
{
  guint guess = from;

  /* Evenly spaced rows (candles, a model's) are where the step at from
   * says: that row is tried first, and is the answer in two probes when
   * the rows are even. Else the gallop goes on from there, or from from
   * where that row is already late. */
  if (from + 1 < n && t_ms[from] < t_ms_wanted && t_ms[from + 1] > t_ms[from])
    {
      /* Differences of ordered times, in unsigned arithmetic: no overflow. */
      guint64 d = (guint64) t_ms[from + 1] - (guint64) t_ms[from];
      guint64 diff = (guint64) t_ms_wanted - (guint64) t_ms[from];
      guint64 ahead = diff / d + (diff % d != 0);
      guint g = ahead < n - from ? from + (guint) ahead : n;

      if (t_ms[g - 1] < t_ms_wanted)
        guess = g;
    }
  return ps_series_lower_bound_near (t_ms, from, n, guess, t_ms_wanted);
}

guint
ps_series_lower_bound_near (const gint64 *t_ms,
                            guint         from,
                            guint         n,
                            guint         guess,
                            gint64        t_ms_wanted)
{
  guint lo, hi, step = 1;

  if (from >= n)
    return from;
  guess = CLAMP (guess, from, n);

  /* The row before the guess is already late: back from it, doubling the
   * stride, until a row before the wanted time (or from); the answer lies
   * after that row and by hi, whose time is late. */
  if (guess > from && t_ms[guess - 1] >= t_ms_wanted)
    {
      hi = guess - 1;
      lo = from;
      while (hi > from)
        {
          guint probe = hi - from > step ? hi - step : from;

          if (t_ms[probe] < t_ms_wanted)
            {
              lo = probe + 1;
              break;
            }
          hi = probe;
          step *= 2;
        }
      return lo + ps_series_lower_bound (t_ms + lo, hi - lo, t_ms_wanted);
    }

  /* Else forward from the guess, rows before lo all early. */
  lo = hi = guess;
  while (hi < n && t_ms[hi] < t_ms_wanted)
    {
      lo = hi + 1;
      hi = n - hi > step ? hi + step : n;
      step *= 2;
    }
  return lo + ps_series_lower_bound (t_ms + lo, hi - lo, t_ms_wanted);
}

/* Blocks from this size on are made on huge pages where the kernel gives
 * them on request (transparent huge pages in "madvise" mode): a column of
 * a million candles is written in four 2 MiB faults, not 2,000 of 4 KiB. */
#define HUGE_PAGE (2u << 20)

gpointer
ps_series_realloc_column (gpointer mem,
                          gsize    bytes)
{
#if defined (G_OS_UNIX) && defined (MADV_HUGEPAGE)
  gpointer huge = NULL;

  /* A column that grows keeps its pages (realloc moves them, advice and
   * all); a new one starts on huge pages. */
  if (mem == NULL && bytes >= HUGE_PAGE)
    {
      gsize whole = (bytes + HUGE_PAGE - 1) & ~((gsize) HUGE_PAGE - 1);

      /* The tail on a huge page too when that costs at most an eighth
       * more (a 7.8 MB heatmap image: 450 faults fewer); else it stays
       * on small pages. */
      if (whole - bytes > bytes / 8)
        whole = bytes;
      if (posix_memalign (&huge, HUGE_PAGE, whole) == 0)
        {
          /* Only advice: where refused, the pages are small as before. */
          (void) madvise (huge, whole & ~((gsize) HUGE_PAGE - 1), MADV_HUGEPAGE);
          return huge;
        }
    }
#endif
  return g_realloc (mem, bytes);
}

/* A series keeps its columns in one block: t_ms first (the block is freed
 * with it), the doubles after it, the byte columns last, each with room for
 * alloc rows. One block, not a column each, so that a series read whole is
 * written into one run of huge pages (ps_series_realloc_column ()): the
 * liquidations' seven columns of 200,000 rows were seven blocks under the
 * huge-page size, each faulted in 4 KiB at a time. Growing copies the rows
 * into a block twice the size, as g_realloc () of each column did when it
 * could not grow in place. */
static void
ps_series_grow (guint     *alloc,
                guint      n,
                guint      needed,
                gint64   **t_ms,
                double   **columns[],
                guint      n_columns,
                guint8   **bytes[],
                guint      n_bytes)
{
  guint new_alloc;
  gint64 *block;
  char *p;

  if (needed <= *alloc)
    return;

  new_alloc = MAX (needed, MAX (16, *alloc * 2));
  block = ps_series_realloc_column (NULL, (gsize) new_alloc *
                                          (sizeof (gint64) + n_columns * sizeof (double) + n_bytes));
  if (n > 0)
    memcpy (block, *t_ms, (gsize) n * sizeof (gint64));
  p = (char *) (block + new_alloc);
  for (guint i = 0; i < n_columns; i++)
    {
      if (n > 0)
        memcpy (p, *columns[i], (gsize) n * sizeof (double));
      *columns[i] = (double *) p;
      p += (gsize) new_alloc * sizeof (double);
    }
  for (guint i = 0; i < n_bytes; i++)
    {
      if (n > 0)
        memcpy (p, *bytes[i], n);
      *bytes[i] = (guint8 *) p;
      p += new_alloc;
    }
  g_free (*t_ms);
  *t_ms = block;
  *alloc = new_alloc;
}

/* Candles */

G_DEFINE_BOXED_TYPE (PsCandles, ps_candles, ps_candles_ref, ps_candles_unref)

#define CANDLE_COLUMNS(s) { &(s)->columns[0].doubles, &(s)->columns[1].doubles, \
                            &(s)->columns[2].doubles, &(s)->columns[3].doubles, \
                            &(s)->columns[4].doubles, &(s)->columns[5].doubles }

PsCandles *
ps_candles_new (guint reserve)
{
  PsCandles *self = g_new0 (PsCandles, 1);
  double **columns[] = CANDLE_COLUMNS (self);

  self->ref_count = 1;
  ps_series_grow (&self->alloc, 0, MAX (reserve, 1), &self->t_ms, columns, G_N_ELEMENTS (columns),
                  NULL, 0);
  return self;
}

PsCandles *
ps_candles_ref (PsCandles *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ps_candles_unref (PsCandles *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->t_ms);   /* the block of every column */
  ps_candle_levels_free (self->levels);
  g_clear_pointer ((PsCandles **) &self->packing, ps_candles_unref);
  g_free (self);
}

void
ps_candles_append (PsCandles *self,
                   gint64     t_ms,
                   double     open,
                   double     high,
                   double     low,
                   double     close,
                   double     volume,
                   double     taker_buy_volume)
{
  double **columns[] = CANDLE_COLUMNS (self);
  guint i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!ps_candles_is_packed (self));

  /* Appends come before the series is shared; a pyramid built earlier is stale. */
  g_clear_pointer ((PsCandleLevels **) &self->levels, ps_candle_levels_free);
  ps_series_grow (&self->alloc, self->n, self->n + 1, &self->t_ms, columns,
                  G_N_ELEMENTS (columns), NULL, 0);
  i = self->n++;
  self->t_ms[i] = t_ms;
  self->columns[PS_CANDLE_OPEN].doubles[i] = open;
  self->columns[PS_CANDLE_HIGH].doubles[i] = high;
  self->columns[PS_CANDLE_LOW].doubles[i] = low;
  self->columns[PS_CANDLE_CLOSE].doubles[i] = close;
  self->columns[PS_CANDLE_VOLUME].doubles[i] = volume;
  self->columns[PS_CANDLE_TAKER_BUY_VOLUME].doubles[i] = taker_buy_volume;
}

double *
ps_candles_edit_column (PsCandles     *self,
                        PsCandleField  field)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field < PS_CANDLE_N_COLUMNS, NULL);
  g_return_val_if_fail (self->columns[field].scale == 0, NULL);

  g_clear_pointer ((PsCandleLevels **) &self->levels, ps_candle_levels_free);
  return self->columns[field].doubles;
}

PsCandles *
ps_candles_slice (const PsCandles *self,
                  gint64           from_ms,
                  gint64           to_ms)
{
  PsCandles *slice;
  guint first, last;

  g_return_val_if_fail (self != NULL, NULL);

  first = ps_series_lower_bound (self->t_ms, self->n, from_ms);
  last = ps_series_lower_bound (self->t_ms, self->n, to_ms);
  slice = ps_candles_new (last > first ? last - first : 1);
  for (guint i = first; i < last; i++)
    ps_candles_append (slice, self->t_ms[i], ps_candles_open_at (self, i),
                       ps_candles_high_at (self, i), ps_candles_low_at (self, i),
                       ps_candles_close_at (self, i), ps_candles_volume_at (self, i),
                       ps_candles_taker_buy_at (self, i));
  return slice;
}

/* Funding */

G_DEFINE_BOXED_TYPE (PsFunding, ps_funding, ps_funding_ref, ps_funding_unref)

PsFunding *
ps_funding_new (guint reserve)
{
  PsFunding *self = g_new0 (PsFunding, 1);
  double **columns[] = { &self->rate, &self->mark_price };

  self->ref_count = 1;
  ps_series_grow (&self->alloc, 0, MAX (reserve, 1), &self->t_ms, columns, G_N_ELEMENTS (columns),
                  NULL, 0);
  return self;
}

PsFunding *
ps_funding_ref (PsFunding *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ps_funding_unref (PsFunding *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->t_ms);   /* the block of every column */
  g_free (self);
}

void
ps_funding_append (PsFunding *self,
                   gint64     t_ms,
                   double     rate,
                   double     mark_price)
{
  double **columns[] = { &self->rate, &self->mark_price };
  guint i;

  g_return_if_fail (self != NULL);

  ps_series_grow (&self->alloc, self->n, self->n + 1, &self->t_ms, columns,
                  G_N_ELEMENTS (columns), NULL, 0);
  i = self->n++;
  self->t_ms[i] = t_ms;
  self->rate[i] = rate;
  self->mark_price[i] = mark_price;
}

PsFunding *
ps_funding_slice (const PsFunding *self,
                  gint64           from_ms,
                  gint64           to_ms)
{
  PsFunding *slice;
  guint first, last;

  g_return_val_if_fail (self != NULL, NULL);

  first = ps_series_lower_bound (self->t_ms, self->n, from_ms);
  last = ps_series_lower_bound (self->t_ms, self->n, to_ms);
  slice = ps_funding_new (last > first ? last - first : 1);
  for (guint i = first; i < last; i++)
    ps_funding_append (slice, self->t_ms[i], self->rate[i], self->mark_price[i]);
  return slice;
}

/* Open interest */

G_DEFINE_BOXED_TYPE (PsOpenInterest, ps_open_interest, ps_open_interest_ref, ps_open_interest_unref)

PsOpenInterest *
ps_open_interest_new (guint reserve)
{
  PsOpenInterest *self = g_new0 (PsOpenInterest, 1);
  double **columns[] = { &self->contracts, &self->usd };

  self->ref_count = 1;
  ps_series_grow (&self->alloc, 0, MAX (reserve, 1), &self->t_ms, columns, G_N_ELEMENTS (columns),
                  NULL, 0);
  return self;
}

PsOpenInterest *
ps_open_interest_ref (PsOpenInterest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ps_open_interest_unref (PsOpenInterest *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->t_ms);   /* the block of every column */
  ps_oi_levels_free (self->levels);
  ps_oi_levels_free (self->contracts_levels);
  g_free (self);
}

void
ps_open_interest_append (PsOpenInterest *self,
                         gint64          t_ms,
                         double          contracts,
                         double          usd)
{
  double **columns[] = { &self->contracts, &self->usd };
  guint i;

  g_return_if_fail (self != NULL);

  g_clear_pointer ((PsOiLevels **) &self->levels, ps_oi_levels_free);
  g_clear_pointer ((PsOiLevels **) &self->contracts_levels, ps_oi_levels_free);
  ps_series_grow (&self->alloc, self->n, self->n + 1, &self->t_ms, columns,
                  G_N_ELEMENTS (columns), NULL, 0);
  i = self->n++;
  self->t_ms[i] = t_ms;
  self->contracts[i] = contracts;
  self->usd[i] = usd;
}

PsOpenInterest *
ps_open_interest_slice (const PsOpenInterest *self,
                        gint64                from_ms,
                        gint64                to_ms)
{
  PsOpenInterest *slice;
  guint first, last;

  g_return_val_if_fail (self != NULL, NULL);

  first = ps_series_lower_bound (self->t_ms, self->n, from_ms);
  last = ps_series_lower_bound (self->t_ms, self->n, to_ms);
  slice = ps_open_interest_new (last > first ? last - first : 1);
  for (guint i = first; i < last; i++)
    ps_open_interest_append (slice, self->t_ms[i], self->contracts[i], self->usd[i]);
  return slice;
}

/* Liquidations */

G_DEFINE_BOXED_TYPE (PsLiquidations, ps_liquidations, ps_liquidations_ref, ps_liquidations_unref)

#define LIQUIDATION_COLUMNS(s) { &(s)->price, &(s)->avg_price, &(s)->qty, &(s)->usd }

static void
ps_liquidations_grow (PsLiquidations *self,
                      guint           needed)
{
  double **columns[] = LIQUIDATION_COLUMNS (self);
  guint8 **bytes[] = { &self->side, &self->source };

  ps_series_grow (&self->alloc, self->n, needed, &self->t_ms, columns, G_N_ELEMENTS (columns),
                  bytes, G_N_ELEMENTS (bytes));
}

PsLiquidations *
ps_liquidations_new (guint reserve)
{
  PsLiquidations *self = g_new0 (PsLiquidations, 1);

  self->ref_count = 1;
  ps_liquidations_grow (self, MAX (reserve, 1));
  return self;
}

PsLiquidations *
ps_liquidations_ref (PsLiquidations *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ps_liquidations_unref (PsLiquidations *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->t_ms);   /* the block of every column */
  ps_liq_levels_free (self->levels);
  g_free (self);
}

void
ps_liquidations_append (PsLiquidations *self,
                        gint64          t_ms,
                        PsLiqSide       side,
                        PsLiqSource     source,
                        double          price,
                        double          avg_price,
                        double          qty,
                        double          usd)
{
  guint i;

  g_return_if_fail (self != NULL);

  /* As for candles: appends come before the series is shared. */
  g_clear_pointer ((PsLiqLevels **) &self->levels, ps_liq_levels_free);
  ps_liquidations_grow (self, self->n + 1);
  i = self->n++;
  self->t_ms[i] = t_ms;
  self->side[i] = side;
  self->source[i] = source;
  self->price[i] = price;
  self->avg_price[i] = avg_price;
  self->qty[i] = qty;
  self->usd[i] = usd;
}

PsLiquidations *
ps_liquidations_slice (const PsLiquidations *self,
                       gint64                from_ms,
                       gint64                to_ms)
{
  PsLiquidations *slice;
  guint first, last;

  g_return_val_if_fail (self != NULL, NULL);

  first = ps_series_lower_bound (self->t_ms, self->n, from_ms);
  last = ps_series_lower_bound (self->t_ms, self->n, to_ms);
  slice = ps_liquidations_new (last > first ? last - first : 1);
  for (guint i = first; i < last; i++)
    ps_liquidations_append (slice, self->t_ms[i], self->side[i], self->source[i],
                            self->price[i], self->avg_price[i], self->qty[i], self->usd[i]);
  return slice;
}

void
ps_liquidations_bucket (const PsLiquidations *self,
                        gint64                t0_ms,
                        gint64                step_ms,
                        guint                 n_buckets,
                        double               *long_usd,
                        double               *short_usd)
{
  guint first;

  g_return_if_fail (self != NULL);
  g_return_if_fail (step_ms > 0);
  g_return_if_fail (n_buckets == 0 || (long_usd != NULL && short_usd != NULL));

  memset (long_usd, 0, sizeof (double) * n_buckets);
  memset (short_usd, 0, sizeof (double) * n_buckets);

  first = ps_series_lower_bound (self->t_ms, self->n, t0_ms);
  for (guint i = first; i < self->n; i++)
    {
      gint64 b = (self->t_ms[i] - t0_ms) / step_ms;

      if (b >= (gint64) n_buckets)
        break;
      if (!isfinite (self->usd[i]))
        continue;
      if (self->side[i] == PS_LIQ_LONG)
        long_usd[b] += self->usd[i];
      else
        short_usd[b] += self->usd[i];
    }
}

/* Equal columns: n rows of size bytes each, compared as bytes. */
#define PS_SAME_COLUMN(a, b, column) \
  (memcmp ((a)->column, (b)->column, (gsize) (a)->n * sizeof *(a)->column) == 0)

/* Equal value columns of n rows: the same bits, packed or not. */
static gboolean
ps_value_column_same (const PsValueColumn *a,
                      const PsValueColumn *b,
                      guint                n)
{
  if (a->scale == b->scale)
    return a->scale == 0 ? memcmp (a->doubles, b->doubles, (gsize) n * sizeof (double)) == 0
                         : memcmp (a->mantissas, b->mantissas, (gsize) n * sizeof (gint32)) == 0;
  for (guint i = 0; i < n; i++)
    {
      double x = ps_value_column_get (a, i), y = ps_value_column_get (b, i);

      if (memcmp (&x, &y, sizeof x) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
ps_candles_same (const PsCandles *a,
                 const PsCandles *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->n != b->n)
    return FALSE;
  if (a->n == 0)
    return TRUE;
  /* The newest rows first: a live candle differs there. */
  if (a->t_ms[a->n - 1] != b->t_ms[b->n - 1] ||
      !ps_value_column_same (&a->columns[PS_CANDLE_CLOSE], &b->columns[PS_CANDLE_CLOSE], a->n) ||
      !PS_SAME_COLUMN (a, b, t_ms))
    return FALSE;
  for (int k = 0; k < PS_CANDLE_N_COLUMNS; k++)
    if (!ps_value_column_same (&a->columns[k], &b->columns[k], a->n))
      return FALSE;
  return TRUE;
}

gboolean
ps_funding_same (const PsFunding *a,
                 const PsFunding *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->n != b->n)
    return FALSE;
  return a->n == 0 || (PS_SAME_COLUMN (a, b, t_ms) && PS_SAME_COLUMN (a, b, rate) &&
                       PS_SAME_COLUMN (a, b, mark_price));
}

gboolean
ps_open_interest_same (const PsOpenInterest *a,
                       const PsOpenInterest *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->n != b->n)
    return FALSE;
  return a->n == 0 || (PS_SAME_COLUMN (a, b, t_ms) && PS_SAME_COLUMN (a, b, contracts) &&
                       PS_SAME_COLUMN (a, b, usd));
}

gboolean
ps_liquidations_same (const PsLiquidations *a,
                      const PsLiquidations *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->n != b->n)
    return FALSE;
  return a->n == 0 || (PS_SAME_COLUMN (a, b, t_ms) && PS_SAME_COLUMN (a, b, side) &&
                       PS_SAME_COLUMN (a, b, source) && PS_SAME_COLUMN (a, b, price) &&
                       PS_SAME_COLUMN (a, b, avg_price) && PS_SAME_COLUMN (a, b, qty) &&
                       PS_SAME_COLUMN (a, b, usd));
}
