/* ps-aggregate.h: one asset across venues, from each venue's series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions: no GTK, no I/O. The rules, so that a chart never shows a
 * cliff that is only a venue missing:
 *
 * - Candles are one venue's (the reference: binance unless it has none, then
 *   the first venue that has some). Prices differ a little between venues;
 *   averaging them would draw candles nobody traded.
 * - Open interest is summed in USD per step of the interval. A venue's value
 *   at step [T, T + step) is its last row with a USD value before T + step
 *   and within its hold: the step, or its own spacing where coarser (the most
 *   common gap between its rows: a 4-hourly venue's row holds for 4 hourly
 *   steps). A venue without one carries its value one step further
 *   (PS_AGGREGATE_STEP_CARRIED), never a stale one beyond. A venue still missing makes the step PARTIAL:
 *   usd is NAN there (the chart draws a gap, not a drop) and partial_usd keeps
 *   what the venues present sum to, a lower bound. A venue with no USD at
 *   all in the range takes no part and is named (oi_used FALSE). A row
 *   without USD but with contracts is valued at the venue's own close (the
 *   venues that leave USD out, Bybit, count coins); without either it counts
 *   as missing. Coins are the USD sum over the reference's
 *   close (venues count contracts in different units: BitMEX's XBTUSD is 1 USD).
 * - Funding: each settlement's rate is re-expressed per 8 h by the period it
 *   paid for (the smaller gap to its neighbours, so a settlement missing from
 *   the history does not halve its neighbour): Hyperliquid's hourly rate × 8,
 *   Binance's 8-hourly as it is. Per 8-hour window (T − 8 h, T], T at 00, 08
 *   and 16 UTC, a venue's rate is the mean of its per-8h rates settled in the
 *   window (BitMEX's 04:00 settlement counts for the window ending 08:00; a
 *   settlement stamped up to a minute late, as Binance's are, for its hour).
 *   The aggregate at T is the mean over venues weighted by each venue's OI in
 *   USD at T (its last row at or before T, at most 8 h old). A venue with
 *   funding in the range but none in the window, or no OI to weigh it by, is
 *   left out and the row is PARTIAL; no weight for any venue: a plain mean,
 *   UNWEIGHTED.
 * - Liquidations are merged by time; liquidation_venue names each event's
 *   venue (an index into the inputs).
 */
#pragma once

#include "ps-series.h"

G_BEGIN_DECLS

#define PS_AGGREGATE_FUNDING_PERIOD_MS (G_GINT64_CONSTANT (8) * 3600 * 1000)

/* One venue's series of the same asset, interval and range (borrowed; any
 * may be NULL or empty). */
typedef struct
{
  const char     *venue;
  PsCandles      *candles;
  PsFunding      *funding;
  PsOpenInterest *open_interest;
  PsLiquidations *liquidations;
} PsAggregateInput;

typedef enum
{
  PS_AGGREGATE_STEP_COMPLETE = 0,   /* every venue taking part had its own value */
  PS_AGGREGATE_STEP_CARRIED,        /* … some carried from the step before */
  PS_AGGREGATE_STEP_PARTIAL,        /* some venue had none: the sum is a lower bound */
  PS_AGGREGATE_STEP_UNWEIGHTED,     /* funding: no venue's OI known, a plain mean */
} PsAggregateStep;

typedef struct
{
  guint            n_venues;
  guint            reference;          /* the input whose candles these are; G_MAXUINT: none */
  gint64           oi_step_ms;         /* the open interest's step: the interval */
  PsCandles       *candles;            /* never NULL */
  PsOpenInterest  *open_interest;      /* a row per step with any venue present */
  double          *oi_partial_usd;     /* per OI row: the venues present, summed */
  guint8          *oi_state;           /* per OI row: PsAggregateStep */
  gboolean        *oi_used;            /* per venue: has OI in USD in the range */
  guint           *oi_missing_steps;   /* per venue: OI rows it was missing from */
  gint64          *oi_missing_last_ms; /* per venue: the last of those rows (UTC) */
  gint64          *oi_first_ms;        /* per venue: its first OI in USD in the range (UTC);
                                        * G_MAXINT64: none */
  /* Per OI row, per venue (row × n_venues + venue): the venue's part of the
   * sum, its own or carried value in USD; NAN where it had none or takes no
   * part. What a chart stacks. */
  double          *oi_venue_usd;
  PsFunding       *funding;            /* per 8 h, at 00/08/16 UTC; mark_price NAN */
  guint8          *funding_state;      /* per funding row: PsAggregateStep */
  PsLiquidations  *liquidations;       /* all venues', by time */
  guint8          *liquidation_venue;  /* per event: index of its input */
} PsAggregate;

/* The aggregate of n_inputs venues over [from_ms, to_ms) at interval;
 * reference_venue picks the candles (NULL: "binance"). */
PsAggregate *ps_aggregate_new      (const PsAggregateInput *inputs,
                                    guint                   n_inputs,
                                    PsInterval              interval,
                                    gint64                  from_ms,
                                    gint64                  to_ms,
                                    const char             *reference_venue);
void         ps_aggregate_free     (PsAggregate            *self);

/* funding with each rate re-expressed per 8 h by its settlement period (see
 * above): venues compared on one scale. A new series. */
PsFunding   *ps_aggregate_funding_per_8h (const PsFunding  *funding);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsAggregate, ps_aggregate_free)

G_END_DECLS
