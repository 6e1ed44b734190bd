/* ps-aggregate-market.h: one asset across all venues, as one market
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-aggregate.h"
#include "ps-core.h"
#include "ps-market.h"

G_BEGIN_DECLS

/* The venue key and display name of an aggregate's snapshots. */
#define PS_AGGREGATE_VENUE "all"

#define PS_TYPE_AGGREGATE_MARKET (ps_aggregate_market_get_type ())
G_DECLARE_FINAL_TYPE (PsAggregateMarket, ps_aggregate_market, PS, AGGREGATE_MARKET, GObject)

/* asset ("BTC", or any venue's symbol of it) at interval on every venue the
 * core lists, each a PsMarket of its own (its sync, its cache reads) under
 * that venue's symbol (ps_venues_resolve_symbol ()). The demo never stands
 * in for a venue: summed, it would be made-up money. A PsMarketSource: the
 * window shows it as it shows one venue ("All venues", the asset). */
PsAggregateMarket *ps_aggregate_market_new        (PsCore             *core,
                                                   const char         *asset,
                                                   PsInterval          interval);
/* The same over the venues named (NULL: all; in the core's order, those it
 * does not list left out), the candles reference's (NULL: "binance"; the
 * first venue with candles when it has none). */
PsAggregateMarket *ps_aggregate_market_new_with_venues (PsCore             *core,
                                                        const char         *asset,
                                                        PsInterval          interval,
                                                        const char * const *venues,
                                                        const char         *reference);
const char        *ps_aggregate_market_get_asset  (PsAggregateMarket  *self);
const char        *ps_aggregate_market_get_reference (PsAggregateMarket *self);
PsInterval         ps_aggregate_market_get_interval (PsAggregateMarket *self);
guint              ps_aggregate_market_get_n_venues (PsAggregateMarket *self);
/* Venue i's market (borrowed). */
PsMarket          *ps_aggregate_market_get_market (PsAggregateMarket  *self,
                                                   guint               i);

/* As ps_market_load () and _load_cached (), on every venue at once; loading
 * until the last venue is done. */
void               ps_aggregate_market_load       (PsAggregateMarket  *self,
                                                   gint64              from_ms,
                                                   gint64              to_ms);
void               ps_aggregate_market_load_cached (PsAggregateMarket *self,
                                                    gint64             from_ms,
                                                    gint64             to_ms);
/* As ps_market_load_recent () on every venue, each by its own clock; the
 * range shown is the reference venue's. */
void               ps_aggregate_market_load_recent (PsAggregateMarket *self,
                                                    gint64             span_ms);
/* The last load again: what is missing is fetched. */
void               ps_aggregate_market_refresh    (PsAggregateMarket  *self);
void               ps_aggregate_market_cancel     (PsAggregateMarket  *self);
gboolean           ps_aggregate_market_get_loading (PsAggregateMarket *self);

/* NULL while any venue has something to show; else why not, naming each
 * venue and its failure (a new error). */
GError            *ps_aggregate_market_dup_error  (PsAggregateMarket  *self);
/* One line per venue that failed, showed nothing, or is left out of the
 * sum of open interest somewhere ("OKX BTC-USDT-SWAP: …"), a new
 * NULL-terminated array (empty when every venue is in everywhere). */
GStrv              ps_aggregate_market_dup_notes  (PsAggregateMarket  *self);
/* What the sum of open interest leaves out of venue i (no history kept, no
 * USD in the range, or steps it is missing from: gaps in the sum), in words,
 * or NULL. A venue serving its current open interest only (BitMEX,
 * Hyperliquid) takes no part in the sum: it would make every step before
 * now a gap. */
char              *ps_aggregate_market_dup_sum_note (PsAggregateMarket *self,
                                                     guint              i);
/* Why none of venue i's liquidations are recorded (it publishes no feed),
 * in words, or NULL. */
char              *ps_aggregate_market_dup_feed_note (PsAggregateMarket *self,
                                                      guint              i);

/* The aggregate of the venues' current series (see ps-aggregate.h), or NULL
 * before the first load; borrowed, replaced when a venue changes. */
const PsAggregate *ps_aggregate_market_get_aggregate (PsAggregateMarket *self);
/* The aggregate as a market snapshot (venue PS_AGGREGATE_VENUE, symbol the
 * asset; parts: each venue's own snapshot). A new reference. */
PsMarketSnapshot  *ps_aggregate_market_get_snapshot (PsAggregateMarket *self);

G_END_DECLS
