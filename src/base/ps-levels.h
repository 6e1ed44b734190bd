/* ps-levels.h: min/max pyramids of an immutable series, so that a zoomed-out
 * frame reduces O(pixel width) buckets instead of every visible row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-series.h"

G_BEGIN_DECLS

/* Level k (PS_LEVELS_K0 ≤ k < K0 + n_levels) holds one bucket per aligned run
 * of 2^k rows: bucket j covers rows [j·2^k, (j+1)·2^k), full runs only (the
 * tail goes row by row). No level below 16 rows: the levels then cost 1/8 of
 * a bucket per row, and a pixel column's two ends cost at most 15 rows each. */
#define PS_LEVELS_K0 4

/* The reductions of a run of candles. open, high, low and close are those a
 * pixel column draws: of the rows with a finite open and close only (first
 * open, max of high/open/close, min of low/open/close, last close; NAN when no
 * such row). scale_lo and scale_hi are those the value scale takes: of every
 * row, its low (high) or else min (max) of open and close, NANs skipped.
 * buy and sell are the sums of the rows' volumes split by taker side
 * (ps_candles_volume_split ()): the volume bars under the price. */
typedef struct
{
  double open;
  double high;
  double low;
  double close;
  double scale_lo;
  double scale_hi;
  double buy;
  double sell;
} PsCandleSpan;

/* A row's volume v split by the taker's side (b the taker buys, o and k
 * its open and close): the taker buys and the rest.
 * Where the venue gives no split, or one that does not fit the volume, all
 * of it goes to one side by the candle's direction; a volume that is not a
 * positive number is none. */
static inline void
ps_volume_split (double  v,
                 double  b,
                 double  o,
                 double  k,
                 double *buy,
                 double *sell)
{
  *buy = *sell = 0;
  if (!(v > 0) || !isfinite (v))
    return;
  if (b >= 0 && b <= v * (1 + 1e-9))
    {
      *buy = b;
      *sell = v - b > 0 ? v - b : 0;
    }
  else if (isfinite (o) && isfinite (k) && k < o)
    *sell = v;
  else
    *buy = v;
}

static inline void
ps_candles_volume_split (const PsCandles *c,
                         guint            i,
                         double          *buy,
                         double          *sell)
{
  ps_volume_split (ps_candles_volume_at (c, i), ps_candles_taker_buy_at (c, i),
                   ps_candles_open_at (c, i), ps_candles_close_at (c, i), buy, sell);
}

/* The reductions of a run of open interest (usd): first, last, min and max
 * (NANs skipped), and the largest step between neighbouring rows inside the
 * run, G_MAXINT64 when a row is not finite: a run is drawn in one piece only
 * when nothing in it breaks the line. */
typedef struct
{
  double first;
  double last;
  double min;
  double max;
  gint64 max_step;
} PsOiSpan;

typedef struct _PsCandleLevels PsCandleLevels;
typedef struct _PsOiLevels     PsOiLevels;

/* For benchmarks and tests: with levels disabled the getters return NULL and
 * every reduction goes row by row, as before the levels. Enabled by default. */
void                  ps_levels_set_enabled          (gboolean               enabled);
gboolean              ps_levels_get_enabled          (void);

/* The series' pyramid, built on first use and kept with the series (which
 * must no longer change); safe from any thread. NULL when disabled or when
 * the series is too short to need one. Lent: valid as long as the series. */
const PsCandleLevels *ps_candles_get_levels          (const PsCandles       *candles);
const PsOiLevels     *ps_open_interest_get_levels    (const PsOpenInterest  *oi);

/* Built directly (tests, benchmark); ps_*_get_levels caches these. */
PsCandleLevels       *ps_candle_levels_new           (const PsCandles       *candles);
void                  ps_candle_levels_free          (PsCandleLevels        *levels);
PsOiLevels           *ps_oi_levels_new               (const PsOpenInterest  *oi);
/* oi with its contracts in the usd column, and the levels of that column: a
 * lent view (valid while oi lives and is not appended to) that the line and
 * its reduction draw like any series. Never build levels on a view: they
 * would leak with the stack copy. */
void                  ps_open_interest_get_contracts_view (const PsOpenInterest *oi,
                                                           PsOpenInterest       *view);
void                  ps_oi_levels_free              (PsOiLevels            *levels);

/* Where the panes keep what they computed over these levels from one frame
 * to the next (per-column reductions, src/chart/ps-render-columns.c): kept
 * with the pyramid, so it goes when the series changes, and freed with it
 * by g_free (). Lent and shared between threads: read and write it only
 * with g_atomic_pointer_* (). */
gpointer             *ps_candle_levels_get_cache     (const PsCandleLevels  *levels);
gpointer             *ps_oi_levels_get_cache         (const PsOiLevels      *levels);

/* What the panes keep there: a ring of entries, each for a pixel column
 * and the rows [i, j) it reduced, for one key whose first element is the
 * series' length (the rest is the panes'). */
#define PS_COLUMN_KEY_SIZE 6

typedef struct
{
  gint64 col;   /* absolute column, G_MININT64: empty */
  guint  i, j;  /* the rows [i, j) it holds */
} PsColumnHead;

typedef struct
{
  gint64 key[PS_COLUMN_KEY_SIZE];
  guint  size;         /* a power of two */
  gsize  entry_size;
  guint8 entries[];    /* each starts with a PsColumnHead */
} PsColumnCache;

/* A series read again in place of earlier (a new candle or event at the
 * end, say) takes over what the panes kept of earlier's columns for the
 * rows the two share from the start, every column ending before the first
 * row that differs: so a frame after a live update reduces only the last
 * columns again. Compares the columns the panes reduce (on the read's
 * worker: ~5 ms at a million candles). Both series need levels; nothing
 * happens otherwise or when they are the same. */
void                  ps_candles_carry_cache         (const PsCandles       *candles,
                                                      const PsCandles       *earlier);
void                  ps_open_interest_carry_cache   (const PsOpenInterest  *oi,
                                                      const PsOpenInterest  *earlier);

/* Bytes the pyramid holds (headers included). */
gsize                 ps_candle_levels_get_size      (const PsCandleLevels  *levels);
gsize                 ps_oi_levels_get_size          (const PsOiLevels      *levels);

/* One row as a span; spans merged left then right (a then b). */
void                  ps_candle_span_init_row        (PsCandleSpan          *span,
                                                      const PsCandles       *candles,
                                                      guint                  i);
void                  ps_candle_span_merge           (PsCandleSpan          *a,
                                                      const PsCandleSpan    *b);
void                  ps_oi_span_init_row            (PsOiSpan              *span,
                                                      const PsOpenInterest  *oi,
                                                      guint                  i);
void                  ps_oi_span_merge               (PsOiSpan              *a,
                                                      const PsOiSpan        *b,
                                                      gint64                 step);

/* Rows [first, last) reduced, with the pyramid where one is given (levels may
 * be NULL); the result is the same either way but for the volume's rounding. */
void                  ps_candle_levels_reduce        (const PsCandleLevels  *levels,
                                                      const PsCandles       *candles,
                                                      guint                  first,
                                                      guint                  last,
                                                      PsCandleSpan          *span);
/* Asks the memory for what ps_candle_levels_reduce () of the same rows will
 * read, without waiting for it: for a loop over columns, a few ahead. */
void                  ps_candle_levels_prefetch      (const PsCandleLevels  *levels,
                                                      const PsCandles       *candles,
                                                      guint                  first,
                                                      guint                  last);
void                  ps_oi_levels_reduce            (const PsOiLevels      *levels,
                                                      const PsOpenInterest  *oi,
                                                      guint                  first,
                                                      guint                  last,
                                                      PsOiSpan              *span);
/* Asks the memory for what ps_oi_levels_reduce () of the same rows will
 * read (rows past the series are not asked for): a few columns ahead. */
void                  ps_oi_levels_prefetch          (const PsOiLevels      *levels,
                                                      const PsOpenInterest  *oi,
                                                      guint                  first,
                                                      guint                  last);

/* Only what a value scale takes of rows [first, last): the candles'
 * scale_lo/scale_hi, the open interest's min/max (NAN when none). With
 * levels NULL these are the per-row loops the panes had before. */
void                  ps_candle_levels_scale         (const PsCandleLevels  *levels,
                                                      const PsCandles       *candles,
                                                      guint                  first,
                                                      guint                  last,
                                                      double                *lo,
                                                      double                *hi);
void                  ps_oi_levels_range             (const PsOiLevels      *levels,
                                                      const PsOpenInterest  *oi,
                                                      guint                  first,
                                                      guint                  last,
                                                      double                *lo,
                                                      double                *hi);

/* The buckets that start at row i, largest first: the level k of the next
 * bucket to try, below *k, whose run [i, i + 2^k) ends at or before last.
 * Start with *k = G_MAXINT; FALSE when none is left. Callers keep the first
 * bucket that lies wholly in one pixel column (whose last row is in the same
 * column as row i: columns grow with time). */
gboolean              ps_candle_levels_next_bucket   (const PsCandleLevels  *levels,
                                                      guint                  i,
                                                      guint                  last,
                                                      int                   *k);
const PsCandleSpan   *ps_candle_levels_get_bucket    (const PsCandleLevels  *levels,
                                                      int                    k,
                                                      guint                  i);
gboolean              ps_oi_levels_next_bucket       (const PsOiLevels      *levels,
                                                      guint                  i,
                                                      guint                  last,
                                                      int                   *k);
const PsOiSpan       *ps_oi_levels_get_bucket        (const PsOiLevels      *levels,
                                                      int                    k,
                                                      guint                  i);

/* Liquidations ------------------------------------------------------------ */

/* What a frame asks of liquidation events, without walking them: the USD of
 * each side over any run of rows (running sums: two subtractions), and the
 * largest events of a run (a tournament tree of aligned runs: O(k log n)). */
typedef struct _PsLiqLevels PsLiqLevels;

const PsLiqLevels    *ps_liquidations_get_levels     (const PsLiquidations  *liquidations);
PsLiqLevels          *ps_liq_levels_new              (const PsLiquidations  *liquidations);
void                  ps_liq_levels_free             (PsLiqLevels           *levels);
gsize                 ps_liq_levels_get_size         (const PsLiqLevels     *levels);
/* As ps_candle_levels_get_cache () and ps_candles_carry_cache (). */
gpointer             *ps_liq_levels_get_cache        (const PsLiqLevels     *levels);
void                  ps_liquidations_carry_cache    (const PsLiquidations  *liquidations,
                                                      const PsLiquidations  *earlier);

/* The USD liquidated on side in rows [first, last): the finite, positive
 * usd values only, as the panes count them. A difference of running sums, so
 * it may differ from a sum in row order in the last bits. */
double                ps_liq_levels_sum              (const PsLiqLevels     *levels,
                                                      PsLiqSide              side,
                                                      guint                  first,
                                                      guint                  last);
/* Asks the memory for what ps_liq_levels_sum () to or from row will read:
 * a few columns ahead of a walk. */
void                  ps_liq_levels_prefetch_sum     (const PsLiqLevels     *levels,
                                                      guint                  row);

/* The rows of [first, last) with the largest usd, at most max of them into
 * rows, largest first; of equal usd the earlier row first, and one only
 * with a finite, positive usd and a finite price counts. With levels NULL,
 * one pass over the rows. Returns how many. */
guint                 ps_liq_levels_largest          (const PsLiqLevels     *levels,
                                                      const PsLiquidations  *liquidations,
                                                      guint                  first,
                                                      guint                  last,
                                                      guint                 *rows,
                                                      guint                  max);

/* Running sums of values' finite, positive entries: n + 1 of them, the
 * first 0 (a run [i, j) sums to sums[j] − sums[i]). Free with g_free (). */
double               *ps_levels_running_sums         (const double          *values,
                                                      guint                  n);

G_END_DECLS
