/* ps-market-snapshot.h: what a market shows at one moment, immutable, for
 * readers on any thread (analysis tasks, reports)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-cache.h"
#include "ps-series.h"

G_BEGIN_DECLS

/* Every field is set before the snapshot is handed out and never changes
 * after: a reader on any thread may read it while the market loads on. The
 * series are shared by reference, never copied, and nothing appends to them
 * once they are in a snapshot (the market replaces its series, it does not
 * grow them): two snapshots of one market hold the same pointer for a series
 * that did not change in between, so a consumer may skip work on it. */
typedef struct _PsMarketSnapshot
{
  /* Increases with every snapshot made in the process: of two snapshots of
   * one market, the later has the larger serial. */
  guint64          serial;

  /* The market: venue key ("binance"), its display name, the venue's symbol. */
  char            *venue;
  char            *venue_name;
  char            *symbol;
  PsInterval       interval;
  gint64           from_ms;          /* the range asked for, UTC ms */
  gint64           to_ms;

  /* What the series are of: the market, or the demo market while it stands
   * in (is_demo). Labels and frames come from these. */
  char            *shown_venue;
  char            *shown_venue_name;
  char            *shown_symbol;
  PsInterval       shown_interval;
  gint64           shown_from_ms;
  gint64           shown_to_ms;
  gboolean         is_demo;
  gboolean         loading;          /* a load was under way: more may come */

  /* Never NULL (empty series when there is nothing). */
  PsCandles       *candles;          /* the perpetual's */
  PsCandles       *spot_candles;     /* the spot market's, same symbol and interval */
  PsFunding       *funding;
  PsOpenInterest  *open_interest;
  PsLiquidations  *liquidations;     /* recorded or imported */
  GArray          *not_recorded;     /* PsRange (the layout of PsTimeSpan), sorted; a copy */
  GError          *spot_error;       /* why spot_candles may be missing; NULL: no failure */

  /* An aggregate's (venue "all"): each venue's own snapshot, in the order of
   * the venue list, for panes that stack or compare them (OI by venue,
   * funding side by side); NULL for one venue's market. */
  GPtrArray       *parts;            /* PsMarketSnapshot */
  /* The same venues' series on one scale, to stack and compare: each one's
   * open interest in USD at the aggregate's steps (its part of
   * open_interest; NAN where it has none or takes no part in the sum), and
   * its funding re-expressed per 8 h. NULL for one venue's market. */
  GPtrArray       *parts_open_interest;   /* PsOpenInterest */
  GPtrArray       *parts_funding;         /* PsFunding */

  /*< private >*/
  gint             ref_count;
} PsMarketSnapshot;

#define PS_TYPE_MARKET_SNAPSHOT (ps_market_snapshot_get_type ())

GType             ps_market_snapshot_get_type (void) G_GNUC_CONST;

/* A snapshot of venue's symbol at interval over [from_ms, to_ms) holding the
 * series given (referenced; NULL: an empty one) and a copy of not_recorded
 * (NULL: empty); shown as itself, not the demo, not loading. What analysis
 * and its tests build without a market. The series must not be changed
 * afterwards by whoever holds them. */
PsMarketSnapshot *ps_market_snapshot_new      (const char           *venue,
                                               const char           *symbol,
                                               PsInterval            interval,
                                               gint64                from_ms,
                                               gint64                to_ms,
                                               PsCandles            *candles,
                                               PsCandles            *spot_candles,
                                               PsFunding            *funding,
                                               PsOpenInterest       *open_interest,
                                               PsLiquidations       *liquidations,
                                               const GArray         *not_recorded);
/* Atomic: any thread may ref and unref. */
PsMarketSnapshot *ps_market_snapshot_ref      (PsMarketSnapshot     *self);
void              ps_market_snapshot_unref    (PsMarketSnapshot     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsMarketSnapshot, ps_market_snapshot_unref)

G_END_DECLS
