/* ps-market.h: one venue's market at one interval, as columnar series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-core.h"
#include "ps-market-empty.h"
#include "ps-market-snapshot.h"
#include "ps-market-source.h"
#include "ps-series.h"

G_BEGIN_DECLS

#define PS_TYPE_MARKET (ps_market_get_type ())
G_DECLARE_FINAL_TYPE (PsMarket, ps_market, PS, MARKET, GObject)

/* The market of venue and symbol at interval, fetched and read through the
 * core's services (its sync for venue, a reader connection of its cache).
 * NULL with a PS_NET_ERROR when the core serves no such venue. */
PsMarket       *ps_market_new                (PsCore      *core,
                                              const char  *venue,
                                              const char  *symbol,
                                              PsInterval   interval,
                                              GError     **error);
const char     *ps_market_get_venue          (PsMarket    *self);
const char     *ps_market_get_venue_name     (PsMarket    *self);
const char     *ps_market_get_symbol         (PsMarket    *self);
PsInterval      ps_market_get_interval       (PsMarket    *self);

/* Shows [from_ms, to_ms): what the cache holds at once, then fetches the gaps
 * and shows pages as they land. A load in flight is cancelled. While nothing
 * is cached for the range — first run, or offline — the series are the demo
 * market's and is-demo is TRUE. */
void            ps_market_load               (PsMarket    *self,
                                              gint64       from_ms,
                                              gint64       to_ms);
/* Shows the last span_ms up to the candle open now, by the venue's clock
 * (asked first; the local clock stands in while offline). */
void            ps_market_load_recent        (PsMarket    *self,
                                              gint64       span_ms);
/* Shows [from_ms, to_ms) as the cache holds it, asking the venue nothing
 * (export --offline); loading until it is shown. */
void            ps_market_load_cached        (PsMarket    *self,
                                              gint64       from_ms,
                                              gint64       to_ms);
/* Whether the demo may stand in while nothing is cached (default TRUE): a
 * window shows something to look at, a command never draws made-up data. */
void            ps_market_set_demo_allowed   (PsMarket    *self,
                                              gboolean     allowed);
/* Fetches the gaps of the current range again (after an error). */
void            ps_market_refresh            (PsMarket    *self);
void            ps_market_cancel             (PsMarket    *self);
gint64          ps_market_get_from_ms        (PsMarket    *self);
gint64          ps_market_get_to_ms          (PsMarket    *self);

/* Never NULL: empty series when there is nothing. */
PsCandles      *ps_market_get_candles        (PsMarket    *self);
PsFunding      *ps_market_get_funding        (PsMarket    *self);
/* Fetched history, and recorded snapshots where the venue keeps none (older
 * than its horizon, newer than its last row). */
PsOpenInterest *ps_market_get_open_interest  (PsMarket    *self);
/* Recorded (live or imported) liquidations of the range, sorted. */
PsLiquidations *ps_market_get_liquidations   (PsMarket    *self);
/* The stretches of the range when no recorder was listening (the rest of the
 * range too, unless one listens now): a sorted GArray of PsRange (the layout
 * of the chart's PsTimeSpan); all of it while the demo stands in, or when
 * nothing was ever recorded. Both are
 * replaced, not changed, when a recorder commits a batch ("changed"). */
GArray         *ps_market_get_not_recorded   (PsMarket    *self);

/* The spot market's candles of the same symbol, interval and range (Binance
 * spot beside Binance's perpetuals), cached first, then fetched with the
 * load. Empty when the venue has no spot market here, the spot market lists
 * no such symbol or serves nothing at the interval, or while the demo stands
 * in. Never NULL. */
PsCandles      *ps_market_get_spot_candles   (PsMarket    *self);
/* Why the spot fetch failed, in words, or NULL: a note; the perpetual's
 * series and ps_market_get_error () are not affected by it. */
const GError   *ps_market_get_spot_error     (PsMarket    *self);

gboolean        ps_market_get_is_demo        (PsMarket    *self);
/* What the series shown are of: the market itself, or the demo market while
 * it stands in. Panes, readouts and reports label and frame with these. */
const char     *ps_market_get_shown_venue    (PsMarket    *self);
const char     *ps_market_get_shown_venue_name (PsMarket  *self);
const char     *ps_market_get_shown_symbol   (PsMarket    *self);
PsInterval      ps_market_get_shown_interval (PsMarket    *self);
gint64          ps_market_get_shown_from_ms  (PsMarket    *self);
gint64          ps_market_get_shown_to_ms    (PsMarket    *self);
/* Why the series shown have nothing in stretches of their range, where the
 * cache proves it (a GArray of PsEmptySpan, by kind, then time; empty for
 * the demo and where nothing is proven). Replaced, not changed, at each read. */
GArray         *ps_market_get_empty_spans    (PsMarket    *self);
/* 0, or where the cached data shown ends: a recent range could not be
 * fetched and the cache held nothing of it, so the latest cached span of
 * its length is shown (shown_from_ms, shown_to_ms) rather than the demo. */
gint64          ps_market_get_offline_to_ms  (PsMarket    *self);
gboolean        ps_market_get_loading        (PsMarket    *self);
double          ps_market_get_progress       (PsMarket    *self);
const char     *ps_market_get_progress_text  (PsMarket    *self);
/* The last load's failure, in words; NULL after a success. */
const GError   *ps_market_get_error          (PsMarket    *self);
/* What the last completed fetch did. */
const PsSyncStats *ps_market_get_stats       (PsMarket    *self);

/* Follows the venue's predicted rate of the next funding settlement:
 * fetched now and each minute (Binance only; off by default, so the command
 * line asks nothing more). "next-funding-changed" tells of a new one. */
void            ps_market_set_follow_next_funding (PsMarket *self,
                                                   gboolean  follow);
/* The predicted rate (per settlement) and the settlement's time (UTC ms on
 * our clock: the venue's less its offset from ours, as its answer told);
 * FALSE when none is known, or the demo is shown. */
gboolean        ps_market_get_next_funding   (PsMarket    *self,
                                              double      *rate,
                                              gint64      *next_ms);

/* Everything above at once, immutable, for readers on any thread (a new
 * reference). The same snapshot until the market's series, range, loading
 * or demo state change; a new one (larger serial) after, while snapshots
 * handed out before stay as they were. Main thread only, as the market. */
PsMarketSnapshot *ps_market_get_snapshot     (PsMarket    *self);

G_END_DECLS
