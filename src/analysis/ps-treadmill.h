/* ps-treadmill.h: which phase of the liquidation treadmill a market is in, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pure function of columnar series and parameters (no GTK, no I/O). Every
 * candle gets a phase; runs of one phase are merged into periods, each with
 * its reasons in words: which input crossed which threshold, with the numbers.
 *
 *  building  price and open interest rising over the lookback, funding turning
 *            positive
 *  crowded   funding high and open interest high against its recent range
 *  flush     a liquidation spike with open interest falling
 *  reset     after a flush, the circuit breakers: open interest declining,
 *            funding back to neutral, liquidations fading, a spot bid
 *
 * Missing inputs are said, never guessed silently: where liquidations were not
 * recorded a stand-in (documented in ps-treadmill.c) may be used and the
 * reasons say so; where open interest or funding is missing, the rules that
 * need it do not fire and the reasons say which input was missing.
 */
#pragma once

#include <gio/gio.h>

#include "ps-series.h"

G_BEGIN_DECLS

typedef enum
{
  PS_PHASE_NONE = 0,   /* no rule holds (or too little data) */
  PS_PHASE_BUILDING,
  PS_PHASE_CROWDED,
  PS_PHASE_FLUSH,
  PS_PHASE_RESET,
  PS_N_PHASES
} PsPhase;

const char *ps_phase_to_string   (PsPhase phase);   /* "building", … (CLI, CSV) */
const char *ps_phase_get_label   (PsPhase phase);   /* translated, capitalised */

/* Thresholds: every one named here, defaults justified from shared/data in
 * ps-treadmill.c and src/analysis/README.md. Rates are per 8 h settlement. */
typedef struct
{
  gint64 lookback_ms;           /* changes are measured over this: 24 h */
  gint64 baseline_ms;           /* "recent range" for OI rank and liquidation
                                 * medians: 30 days */
  double build_price_pct;       /* price change over lookback ≥ this (%) */
  double build_oi_pct;          /* OI change over lookback ≥ this (%) */
  double funding_positive;      /* rate ≥ this is "turning positive" */
  double funding_high;          /* rate ≥ this is "high" (crowded) */
  double oi_high_rank;          /* OI at or above this percentile of the
                                 * baseline is "high" (0–1) */
  double flush_liq_multiple;    /* liquidations in the candle ≥ this × their
                                 * baseline median … */
  double flush_liq_oi_share;    /* … and ≥ this share of open interest (%) */
  double flush_oi_pct;          /* OI change over lookback ≤ −this (%) */
  double neutral_funding;       /* |rate| ≤ this is neutral */
  double fade_liq_multiple;     /* liquidations ≤ this × median: fading */
  gint64 reset_window_ms;       /* how long after a flush reset can hold */
  double spot_bid_pct;          /* spot premium over perp ≥ this (%), or spot
                                 * rising this much more than the perp over
                                 * the lookback: a spot bid */
  /* The stand-in for a liquidation spike where none were recorded: a
   * forced-flow candle, volume and range both ≥ these × their baseline
   * medians and |close − open| ≥ standin_body_multiple × the median range. */
  double standin_volume_multiple;
  double standin_range_multiple;
  double standin_body_multiple;
} PsTreadmillParams;

#define PS_TREADMILL_ERROR (ps_treadmill_error_quark ())
typedef enum
{
  PS_TREADMILL_ERROR_NO_DATA,    /* no candles, or candles out of order */
  PS_TREADMILL_ERROR_PARAMS,     /* parameters out of range */
} PsTreadmillError;
GQuark   ps_treadmill_error_quark      (void);

void     ps_treadmill_params_init      (PsTreadmillParams       *params);
gboolean ps_treadmill_params_validate  (const PsTreadmillParams *params,
                                        GError                 **error);

/* What the detector runs on; any pointer but candles may be NULL. */
typedef struct
{
  const PsCandles      *candles;        /* the perpetual's */
  const PsOpenInterest *open_interest;
  const PsFunding      *funding;
  const PsLiquidations *liquidations;   /* recorded or imported */
  const GArray         *not_recorded;   /* PsTreadmillSpan: no recorder listened */
  const PsCandles      *spot_candles;   /* the spot market's, any interval */
} PsTreadmillInput;

/* The layout of the chart's PsTimeSpan and the market's PsRange. */
typedef struct
{
  gint64 from_ms;
  gint64 to_ms;
} PsTreadmillSpan;

typedef struct
{
  gint64  from_ms;
  gint64  to_ms;
  PsPhase phase;
  char   *reasons;   /* one sentence per rule that held, with numbers */
} PsPhasePeriod;

typedef struct _PsTreadmill PsTreadmill;

PsTreadmill *ps_treadmill_compute      (const PsTreadmillParams *params,
                                        const PsTreadmillInput  *input,
                                        GCancellable            *cancellable,
                                        GError                 **error);
/* The same as ps_treadmill_compute (), taking what it can from previous,
 * a run over the same candles before (a live window's last result): the
 * medians and open interest rank of every candle whose windows read the
 * same bytes. The result is that of a run from nothing. */
PsTreadmill *ps_treadmill_compute_after (const PsTreadmillParams *params,
                                         const PsTreadmillInput  *input,
                                         const PsTreadmill       *previous,
                                         GCancellable            *cancellable,
                                         GError                 **error);
PsTreadmill *ps_treadmill_ref          (PsTreadmill *self);
void         ps_treadmill_unref        (PsTreadmill *self);

/* One phase per input candle. */
guint          ps_treadmill_get_n_candles (const PsTreadmill *self);
const guint8  *ps_treadmill_get_phases    (const PsTreadmill *self);
/* The reasons of candle i's phase (NULL for PS_PHASE_NONE). */
const char    *ps_treadmill_get_reasons   (const PsTreadmill *self,
                                           guint              i);
/* Runs of one phase: a GArray of PsPhasePeriod, sorted, owned by self. */
const GArray  *ps_treadmill_get_periods   (const PsTreadmill *self);
/* The period holding t_ms, or NULL. */
const PsPhasePeriod *ps_treadmill_lookup  (const PsTreadmill *self,
                                           gint64             t_ms);
/* Caveats in words (inputs missing, stand-ins used): NULL-terminated. */
const char * const *ps_treadmill_get_notes (const PsTreadmill *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsTreadmill, ps_treadmill_unref)

G_END_DECLS
