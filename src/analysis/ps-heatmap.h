/* ps-heatmap.h: where leveraged positions would be liquidated — the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pure function of columnar series and parameters (no GTK, no I/O): safe to
 * run on a worker thread over an immutable snapshot. See DESIGN.md, Analysis.
 *
 * For each candle with rising open interest the new notional ΔOI (USD) is
 * opened at the candle's typical price (high + low + close) / 3, split long /
 * short by the taker-buy share of volume (stand-in where the venue gives no
 * taker volume: the close's place in the candle's range, said in the notes),
 * and spread over leverage tiers. An isolated long at entry p, leverage L,
 * maintenance rate m is liquidated near p·(1 − 1/L + m), a short near
 * p·(1 + 1/L − m). Levels accumulate in price bins; a candle whose range
 * reaches a level consumes it (the candle's *predicted liquidations*); new
 * positions are placed after the candle's own consumption. Falling open
 * interest closes every outstanding level in proportion.
 */
#pragma once

#include <gio/gio.h>

#include "ps-series.h"

G_BEGIN_DECLS

#define PS_HEATMAP_MAX_TIERS 8

typedef enum
{
  PS_HEATMAP_MODEL = 0,  /* leverage tiers, as above */
  PS_HEATMAP_UNIFORM,    /* baseline: the same new notional spread flat over the
                          * band the tiers span around the typical price */
  PS_HEATMAP_ROUND,      /* baseline: the same new notional placed on the round
                          * numbers (multiples of round_step) inside that band */
} PsHeatmapMode;

typedef struct
{
  PsHeatmapMode mode;
  guint   n_tiers;
  double  leverage[PS_HEATMAP_MAX_TIERS];  /* default 5 10 25 50 100 */
  double  weight[PS_HEATMAP_MAX_TIERS];    /* share of new notional per tier;
                                            * normalised to sum 1 when used */
  double  maint_rate;     /* NAN (default): from Binance's tier table for a
                           * position of position_usd */
  double  position_usd;   /* notional that picks the maintenance tier: 10 000 */
  guint   n_bins;         /* price bins of the grid: 1 000 */
  guint   max_columns;    /* time columns kept of the grid (0: one per candle);
                           * default 2 048, candles grouped evenly */
  double  round_step;     /* PS_HEATMAP_ROUND: 0 (default) picks 1-2-5 × 10^k
                           * near price / 100 */
  guint   zones_per_side; /* hot zones reported per side: 3 */
  double  zone_threshold; /* a bin belongs to a zone when it holds at least this
                           * share of its side's largest bin: 0.25 */
  double  zone_max_width_pct; /* a zone spans at most this % of its peak price
                               * (at least one bin): 0.5, so that every method,
                               * baselines too, names levels of one width */
} PsHeatmapParams;

void     ps_heatmap_params_init          (PsHeatmapParams       *params);
/* "5:0.3,10:0.3,25:0.2,50:0.12,100:0.08" (leverage:weight, weights need not
 * sum to 1) into params; FALSE with a message in error otherwise. */
gboolean ps_heatmap_params_parse_tiers   (PsHeatmapParams       *params,
                                          const char            *text,
                                          GError               **error);
/* FALSE with a message naming the parameter when params cannot be used. */
gboolean ps_heatmap_params_validate      (const PsHeatmapParams *params,
                                          GError               **error);
/* Binance USDⓈ-M BTCUSDT maintenance margin rate for a position of
 * notional_usd (shared/data/SOURCES.md: 0 → 0.4 %, 50k → 0.5 %, …). */
double   ps_binance_maint_rate           (double                 notional_usd);

/* A price band where much notional would be liquidated, and when it held. */
typedef struct
{
  PsLiqSide side;        /* whose positions: longs sit below price, shorts above */
  double    price_lo;
  double    price_hi;
  double    price_peak;  /* the fullest bin's middle */
  double    usd;         /* notional in the band */
  gint64    from_ms;     /* the band held over [from_ms, to_ms) */
  gint64    to_ms;
} PsHeatZone;

/* The outstanding notional as a time × price grid. Column c shows the book
 * after the candles of [t_ms[c], t_ms[c + 1]) (the last column ends at
 * end_ms); bin b covers [price_lo + b·w, price_lo + (b + 1)·w) with
 * w = (price_hi − price_lo) / n_bins. Values are column-major:
 * long_usd[c * n_bins + b]. */
typedef struct
{
  guint   n_columns;
  guint   n_bins;
  double  price_lo;
  double  price_hi;
  gint64 *t_ms;
  gint64  end_ms;
  float  *long_usd;
  float  *short_usd;
  float   max_usd;       /* the largest value of either side */
} PsHeatmapGrid;

typedef struct _PsHeatmap PsHeatmap;

/* What the model runs on. oi may be coarser or finer than the candles: its
 * changes are spread evenly over the candles of each OI step (said in the
 * notes). Funding and liquidations are not used by the model itself. */
typedef struct
{
  const PsCandles      *candles;
  const PsOpenInterest *open_interest;
} PsHeatmapInput;

#define PS_HEATMAP_ERROR (ps_heatmap_error_quark ())
typedef enum
{
  PS_HEATMAP_ERROR_NO_DATA,      /* no candles, or no usable open interest */
  PS_HEATMAP_ERROR_PARAMS,       /* parameters out of range */
} PsHeatmapError;
GQuark      ps_heatmap_error_quark       (void);

/* NULL with an error (in words) when there is nothing to model; cancellable
 * is checked every few thousand candles (G_IO_ERROR_CANCELLED). */
PsHeatmap  *ps_heatmap_compute           (const PsHeatmapParams *params,
                                          const PsHeatmapInput  *input,
                                          GCancellable          *cancellable,
                                          GError               **error);
/* Brings self up to input, whose candles start with the ones self was
 * computed from (the last of them may have changed: a live candle): costs the
 * new candles only. FALSE when input does not continue self (other start,
 * changed history, a level outside the grid): compute anew. */
gboolean    ps_heatmap_extend            (PsHeatmap             *self,
                                          const PsHeatmapInput  *input);

/* A deep copy, to extend while readers keep the original. */
PsHeatmap  *ps_heatmap_copy              (const PsHeatmap       *self);
PsHeatmap  *ps_heatmap_ref               (PsHeatmap             *self);
void        ps_heatmap_unref             (PsHeatmap             *self);

const PsHeatmapParams *ps_heatmap_get_params (const PsHeatmap *self);
const PsHeatmapGrid   *ps_heatmap_get_grid   (const PsHeatmap *self);
/* Per candle of the input (n = candles->n): the notional the model says was
 * liquidated in that candle, per side, USD. */
guint         ps_heatmap_get_n_candles   (const PsHeatmap *self);
const gint64 *ps_heatmap_get_candle_t    (const PsHeatmap *self);
const double *ps_heatmap_get_predicted   (const PsHeatmap *self,
                                          PsLiqSide        side);
/* Their running sums (n + 1, see ps_levels_running_sums ()), built on first
 * use and kept until the predictions change; lent. */
const double *ps_heatmap_get_predicted_sums (const PsHeatmap *self,
                                             PsLiqSide        side);
/* The hot zones after the last candle, largest first, longs below and shorts
 * above ref_price: a GArray of PsHeatZone (from/to: the last column). */
GArray       *ps_heatmap_get_zones       (const PsHeatmap *self,
                                          double           ref_price);
/* For scoring: the hot zones of every column, each valid over the next
 * column's time span (what the model knew before those candles). Built on
 * first use and kept until the grid changes; lent. */
const GArray *ps_heatmap_get_zone_track  (const PsHeatmap *self);
/* Caveats in words (stand-ins used, OI coarser than candles, gaps): a
 * NULL-terminated array owned by self. */
const char * const *ps_heatmap_get_notes (const PsHeatmap *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsHeatmap, ps_heatmap_unref)

G_END_DECLS
