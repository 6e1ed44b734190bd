/* ps-series.h: columnar market series, the data every layer passes around
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <math.h>

G_BEGIN_DECLS

/* Times are UTC milliseconds since the epoch everywhere inside Perpscope. */

typedef enum
{
  PS_INTERVAL_NONE = 0,  /* series without an interval (funding settlements) */
  PS_INTERVAL_1M,
  PS_INTERVAL_5M,
  PS_INTERVAL_15M,
  PS_INTERVAL_1H,
  PS_INTERVAL_4H,
  PS_INTERVAL_1D,
  PS_N_INTERVALS
} PsInterval;

typedef enum
{
  PS_SERIES_CANDLES       = 1 << 0,
  PS_SERIES_FUNDING       = 1 << 1,
  PS_SERIES_OPEN_INTEREST = 1 << 2,
  PS_SERIES_LIQUIDATIONS  = 1 << 3,   /* recorded or imported, never fetched by a sync */
} PsSeriesKind;

/* The kinds a sync fetches from a venue's REST history. */
#define PS_SERIES_ALL (PS_SERIES_CANDLES | PS_SERIES_FUNDING | PS_SERIES_OPEN_INTEREST)

gint64       ps_interval_to_ms         (PsInterval   interval);
const char  *ps_interval_to_string     (PsInterval   interval);
gboolean     ps_interval_from_string   (const char  *str,
                                        PsInterval  *interval);
gint64       ps_interval_floor         (PsInterval   interval,
                                        gint64       t_ms);
const char  *ps_series_kind_to_string  (PsSeriesKind kind);
const char  *ps_series_kind_get_label  (PsSeriesKind kind);

/* Index of the first row with t >= t_ms in a sorted time column (n when none). */
guint        ps_series_lower_bound     (const gint64 *t_ms,
                                        guint         n,
                                        gint64        t_ms_wanted);
/* The same among rows [from, n), looked for near from first (galloping):
 * for walks that step through a column a slot at a time. */
guint        ps_series_lower_bound_from (const gint64 *t_ms,
                                         guint         from,
                                         guint         n,
                                         gint64        t_ms_wanted);
/* The same, looked for near row guess first (from ≤ guess ≤ n, else
 * clamped): for rows spaced unevenly, where the last slot's count of rows
 * foretells the next one's better than the spacing at from. */
guint        ps_series_lower_bound_near (const gint64 *t_ms,
                                         guint         from,
                                         guint         n,
                                         guint         guess,
                                         gint64        t_ms_wanted);

/* g_realloc () for a large block written once right after it is made (mem
 * NULL: a new one): a series' columns, a pyramid's levels, running sums, a
 * heatmap image's pixels. A new block of 2 MiB or more is put on huge
 * pages where the kernel allows (fewer page faults as it is first
 * written), its tail too when that costs at most an eighth more. Free with
 * g_free (). */
gpointer     ps_series_realloc_column   (gpointer      mem,
                                         gsize         bytes);

/* A column of numbers: doubles, or (a packed column) int32 decimal
 * mantissas read back as mantissa / scale, scale 10^k. That division is
 * correctly rounded, so it gives the very double that the decimal
 * mantissa·10^-k parses to: a column of prices or volumes a venue sends
 * with k decimals packs without changing a bit (ps_candles_pack ()).
 * G_MININT32 is NAN. */
typedef struct
{
  union
  {
    double *doubles;     /* where scale is 0 */
    gint32 *mantissas;   /* in a packed column */
  };
  double    scale;       /* 10^k of a packed column; 0: doubles */
} PsValueColumn;

static inline double
ps_value_column_get (const PsValueColumn *column,
                     guint                i)
{
  gint32 q;

  if (column->scale == 0)
    return column->doubles[i];
  q = column->mantissas[i];
  return G_UNLIKELY (q == G_MININT32) ? NAN : q / column->scale;
}

typedef enum
{
  PS_CANDLE_OPEN,
  PS_CANDLE_HIGH,
  PS_CANDLE_LOW,
  PS_CANDLE_CLOSE,
  PS_CANDLE_VOLUME,
  PS_CANDLE_TAKER_BUY_VOLUME,
  PS_CANDLE_N_COLUMNS
} PsCandleField;

/* Candles: one row per interval, sorted by open time, gaps stay gaps.
 * taker_buy_volume is NAN where the source does not give it. The values
 * are read with ps_candles_open_at () and its kin: a series read from the
 * cache holds them packed. */
typedef struct _PsCandles
{
  guint          n;
  gint64        *t_ms;
  PsValueColumn  columns[PS_CANDLE_N_COLUMNS];
  /*< private >*/
  guint          alloc;
  gint           ref_count;
  gpointer       levels;   /* PsCandleLevels, built on first use (ps-levels.h) */
  gpointer       packing;  /* while read packed: the doubles its parts go on in */
} PsCandles;

static inline double
ps_candles_get_value (const PsCandles *self,
                      PsCandleField    field,
                      guint            i)
{
  return ps_value_column_get (&self->columns[field], i);
}

#define ps_candles_open_at(c, i)      ps_candles_get_value ((c), PS_CANDLE_OPEN, (i))
#define ps_candles_high_at(c, i)      ps_candles_get_value ((c), PS_CANDLE_HIGH, (i))
#define ps_candles_low_at(c, i)       ps_candles_get_value ((c), PS_CANDLE_LOW, (i))
#define ps_candles_close_at(c, i)     ps_candles_get_value ((c), PS_CANDLE_CLOSE, (i))
#define ps_candles_volume_at(c, i)    ps_candles_get_value ((c), PS_CANDLE_VOLUME, (i))
#define ps_candles_taker_buy_at(c, i) ps_candles_get_value ((c), PS_CANDLE_TAKER_BUY_VOLUME, (i))

/* Funding settlements: rate is the fraction paid per settlement (0.0001 = 0.01 %),
 * positive when longs pay shorts; mark_price is NAN where unknown. */
typedef struct _PsFunding
{
  guint   n;
  gint64 *t_ms;
  double *rate;
  double *mark_price;
  /*< private >*/
  guint   alloc;
  gint    ref_count;
} PsFunding;

/* Open interest: contracts in the venue's base unit (BTC for Binance USDⓈ-M),
 * usd the notional in quote currency; either may be NAN where unknown. */
typedef struct _PsOpenInterest
{
  guint   n;
  gint64 *t_ms;
  double *contracts;
  double *usd;
  /*< private >*/
  guint   alloc;
  gint    ref_count;
  gpointer levels;   /* PsOiLevels, built on first use (ps-levels.h) */
  gpointer contracts_levels;   /* the same of the contracts column */
} PsOpenInterest;

/* Which side's position was liquidated. Binance reports the forced order: a SELL
 * order closes a long (PS_LIQ_LONG), a BUY order closes a short. */
typedef enum
{
  PS_LIQ_LONG = 0,
  PS_LIQ_SHORT = 1,
} PsLiqSide;

/* Where a liquidation event came from. */
typedef enum
{
  PS_LIQ_SOURCE_LIVE = 0,     /* recorded from the venue's stream */
  PS_LIQ_SOURCE_IMPORT = 1,   /* imported from the venue's public archives */
} PsLiqSource;

/* Liquidation events, sorted by time: price is the order price, avg_price the
 * average fill price (NAN where unknown), qty in the venue's base unit, usd the
 * filled notional in quote currency. Binance streams at most one event per
 * symbol per second, so totals of recorded events are a lower bound. */
typedef struct _PsLiquidations
{
  guint   n;
  gint64 *t_ms;
  guint8 *side;      /* PsLiqSide */
  guint8 *source;    /* PsLiqSource */
  double *price;
  double *avg_price;
  double *qty;
  double *usd;
  /*< private >*/
  guint   alloc;
  gint    ref_count;
  gpointer levels;   /* PsLiqLevels, built on first use (ps-levels.h) */
} PsLiquidations;

#define PS_TYPE_CANDLES       (ps_candles_get_type ())
#define PS_TYPE_FUNDING       (ps_funding_get_type ())
#define PS_TYPE_OPEN_INTEREST (ps_open_interest_get_type ())
#define PS_TYPE_LIQUIDATIONS  (ps_liquidations_get_type ())

GType           ps_candles_get_type        (void) G_GNUC_CONST;
PsCandles      *ps_candles_new             (guint            reserve);
PsCandles      *ps_candles_ref             (PsCandles       *self);
void            ps_candles_unref           (PsCandles       *self);
void            ps_candles_append          (PsCandles       *self,
                                            gint64           t_ms,
                                            double           open,
                                            double           high,
                                            double           low,
                                            double           close,
                                            double           volume,
                                            double           taker_buy_volume);
PsCandles      *ps_candles_slice           (const PsCandles *self,
                                            gint64           from_ms,
                                            gint64           to_ms);
/* Stores each column whose every value is a decimal of at most nine places
 * with an int32 mantissa as that mantissa (the rest stay doubles): what the
 * accessors read is the same, bit for bit, in about half the memory. For a
 * series made whole (a read), before it is shared; it takes no appends
 * after. */
void            ps_candles_pack            (PsCandles       *self);
gboolean        ps_candles_is_packed       (const PsCandles *self);
/* Rows written straight into packed columns as they are read, so that a
 * read never holds the doubles (56 B a candle) it packs into 32: a series
 * made by ps_candles_new_packing () for reserve rows, filled by one packer
 * per run of rows [at, at + room) (the halves of a split read, each on its
 * own thread), then ps_candles_finish_packing (). Each packer packs with
 * the fewest places its own rows need; a part with a value that does not
 * pack (a decimal of more than nine places, a mantissa past int32, -0.0)
 * goes on in doubles of its own. The result is what ps_candles_pack ()
 * makes of the same rows, bit for bit. */
typedef struct
{
  PsCandles *series;
  guint      at;
  guint      room;
  guint      n;                                  /* rows put */
  int        places[PS_CANDLE_N_COLUMNS];
  double     max_abs[PS_CANDLE_N_COLUMNS];
  PsCandles *doubles;   /* once a value did not pack: the part's rows, at their own rows */
} PsCandlePacker;

PsCandles      *ps_candles_new_packing     (guint            reserve);
void            ps_candle_packer_init      (PsCandlePacker  *self,
                                            PsCandles       *series,
                                            guint            at,
                                            guint            room);
/* Row self->n of the part; FALSE (nothing stored) when the part is full. */
gboolean        ps_candle_packer_put       (PsCandlePacker  *self,
                                            gint64           t_ms,
                                            const double    *values);
/* Frees what a part holds of its own, for a read given up. */
void            ps_candle_packer_clear     (PsCandlePacker  *self);
/* The parts' rows, in order, each followed by its overflow's (rows past its
 * room; overflows or any of them may be NULL), made one series packed as
 * far as ps_candles_pack () would pack it: series itself, or a new one;
 * series and the parts' own doubles are consumed. */
PsCandles      *ps_candles_finish_packing  (PsCandles            *series,
                                            PsCandlePacker       *parts,
                                            PsCandles * const    *overflows,
                                            guint                 n_parts);
/* The bytes the rows take, time and every column (a packed series' block
 * may be longer: the pages of its tail are handed back). */
gsize           ps_candles_get_size        (const PsCandles *self);
/* A column's doubles, to change rows while the series is built, before it
 * is packed or shared: drops what was built from the rows. */
double         *ps_candles_edit_column     (PsCandles       *self,
                                            PsCandleField    field);

GType           ps_funding_get_type        (void) G_GNUC_CONST;
PsFunding      *ps_funding_new             (guint            reserve);
PsFunding      *ps_funding_ref             (PsFunding       *self);
void            ps_funding_unref           (PsFunding       *self);
void            ps_funding_append          (PsFunding       *self,
                                            gint64           t_ms,
                                            double           rate,
                                            double           mark_price);
PsFunding      *ps_funding_slice           (const PsFunding *self,
                                            gint64           from_ms,
                                            gint64           to_ms);

GType           ps_open_interest_get_type  (void) G_GNUC_CONST;
PsOpenInterest *ps_open_interest_new       (guint                 reserve);
PsOpenInterest *ps_open_interest_ref       (PsOpenInterest       *self);
void            ps_open_interest_unref     (PsOpenInterest       *self);
void            ps_open_interest_append    (PsOpenInterest       *self,
                                            gint64                t_ms,
                                            double                contracts,
                                            double                usd);
PsOpenInterest *ps_open_interest_slice     (const PsOpenInterest *self,
                                            gint64                from_ms,
                                            gint64                to_ms);

GType           ps_liquidations_get_type   (void) G_GNUC_CONST;
PsLiquidations *ps_liquidations_new        (guint                 reserve);
PsLiquidations *ps_liquidations_ref        (PsLiquidations       *self);
void            ps_liquidations_unref      (PsLiquidations       *self);
void            ps_liquidations_append     (PsLiquidations       *self,
                                            gint64                t_ms,
                                            PsLiqSide             side,
                                            PsLiqSource           source,
                                            double                price,
                                            double                avg_price,
                                            double                qty,
                                            double                usd);
PsLiquidations *ps_liquidations_slice      (const PsLiquidations *self,
                                            gint64                from_ms,
                                            gint64                to_ms);
/* Sums long and short USD per bucket [t0 + i·step, t0 + (i+1)·step) for
 * i < n_buckets into long_usd and short_usd (zeroed first). */
void            ps_liquidations_bucket     (const PsLiquidations *self,
                                            gint64                t0_ms,
                                            gint64                step_ms,
                                            guint                 n_buckets,
                                            double               *long_usd,
                                            double               *short_usd);

/* Whether two series hold the same rows, bit for bit (NULL is the same as
 * NULL only): a read that found what is shown hands the shown series on, so
 * that everything kept for them (levels, pane caches, the analysis) stays. */
gboolean        ps_candles_same            (const PsCandles      *a,
                                            const PsCandles      *b);
gboolean        ps_funding_same            (const PsFunding      *a,
                                            const PsFunding      *b);
gboolean        ps_open_interest_same      (const PsOpenInterest *a,
                                            const PsOpenInterest *b);
gboolean        ps_liquidations_same       (const PsLiquidations *a,
                                            const PsLiquidations *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsCandles, ps_candles_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsFunding, ps_funding_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsOpenInterest, ps_open_interest_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsLiquidations, ps_liquidations_unref)

G_END_DECLS
