/* ps-market-source.h: what a window shows a market through: one venue's
 * (PsMarket), every venue's at once (PsAggregateMarket) or the demo standing
 * in for either
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-market-empty.h"
#include "ps-market-snapshot.h"
#include "ps-series.h"

G_BEGIN_DECLS

#define PS_TYPE_MARKET_SOURCE (ps_market_source_get_type ())
G_DECLARE_INTERFACE (PsMarketSource, ps_market_source, PS, MARKET_SOURCE, GObject)

/* Properties (read-only, notified on change): "loading", "is-demo",
 * "progress", "progress-text", "error". Signals: "changed" (from_ms, to_ms:
 * the series of that range were replaced) and "next-funding-changed". */
struct _PsMarketSourceInterface
{
  GTypeInterface parent_iface;

  /* Borrowed: the source keeps it until its series, range, loading or demo
   * state change. */
  PsMarketSnapshot *(*peek_snapshot)         (PsMarketSource *self);
  const char       *(*get_venue)             (PsMarketSource *self);
  const char       *(*get_venue_name)        (PsMarketSource *self);
  const char       *(*get_symbol)            (PsMarketSource *self);
  PsInterval        (*get_interval)          (PsMarketSource *self);
  /* NULL: the one venue:symbol (get_venue, get_symbol). */
  GStrv             (*dup_markets)           (PsMarketSource *self);

  void              (*load)                  (PsMarketSource *self,
                                              gint64          from_ms,
                                              gint64          to_ms);
  void              (*load_recent)           (PsMarketSource *self,
                                              gint64          span_ms);
  void              (*load_cached)           (PsMarketSource *self,
                                              gint64          from_ms,
                                              gint64          to_ms);
  void              (*refresh)               (PsMarketSource *self);
  void              (*cancel)                (PsMarketSource *self);

  gboolean          (*get_loading)           (PsMarketSource *self);
  double            (*get_progress)          (PsMarketSource *self);
  const char       *(*get_progress_text)     (PsMarketSource *self);
  const GError     *(*get_error)             (PsMarketSource *self);
  gint64            (*get_offline_to_ms)     (PsMarketSource *self);
  GArray           *(*get_empty_spans)       (PsMarketSource *self);
  GStrv             (*dup_notes)             (PsMarketSource *self);

  void              (*set_follow_next_funding) (PsMarketSource *self,
                                                gboolean        follow);
  gboolean          (*get_next_funding)      (PsMarketSource *self,
                                              double         *rate,
                                              gint64         *next_ms);
};

/* What is shown now, as one immutable snapshot (a new reference); an
 * aggregate's holds each venue's own in parts. */
PsMarketSnapshot *ps_market_source_get_snapshot    (PsMarketSource *self);
/* The market asked for: a venue key ("binance", "all"), its name in words,
 * the venue's symbol (an aggregate's: its asset, "BTC"), the interval. */
const char       *ps_market_source_get_venue       (PsMarketSource *self);
const char       *ps_market_source_get_venue_name  (PsMarketSource *self);
const char       *ps_market_source_get_symbol      (PsMarketSource *self);
PsInterval        ps_market_source_get_interval    (PsMarketSource *self);
/* The cached markets it shows, as venue, symbol, venue, symbol, …, NULL
 * (ps_core_trim_cache_async ()): one, or each of an aggregate's venues. */
GStrv             ps_market_source_dup_markets     (PsMarketSource *self);

/* As ps_market_load (), _load_recent (), _load_cached (), _refresh () and
 * _cancel (). */
void              ps_market_source_load            (PsMarketSource *self,
                                                    gint64          from_ms,
                                                    gint64          to_ms);
void              ps_market_source_load_recent     (PsMarketSource *self,
                                                    gint64          span_ms);
void              ps_market_source_load_cached     (PsMarketSource *self,
                                                    gint64          from_ms,
                                                    gint64          to_ms);
void              ps_market_source_refresh         (PsMarketSource *self);
void              ps_market_source_cancel          (PsMarketSource *self);

/* Loading until the last fetch of the load is shown (an aggregate: until
 * its last venue is done), with its progress (0–1) and what it does now. */
gboolean          ps_market_source_get_loading     (PsMarketSource *self);
double            ps_market_source_get_progress    (PsMarketSource *self);
const char       *ps_market_source_get_progress_text (PsMarketSource *self);
/* Why the load failed, in words; NULL after a success (an aggregate: while
 * any venue has something to show). */
const GError     *ps_market_source_get_error       (PsMarketSource *self);
/* As ps_market_get_offline_to_ms () (0 for an aggregate). */
gint64            ps_market_source_get_offline_to_ms (PsMarketSource *self);
/* As ps_market_get_empty_spans (): a GArray of PsEmptySpan, never NULL. */
GArray           *ps_market_source_get_empty_spans (PsMarketSource *self);
/* What the series shown leave out, one line each, in words ("BitMEX
 * XBTUSD: …"); a new NULL-terminated array, empty when there is nothing to
 * say (always for one venue's market, whose failure is its error). */
GStrv             ps_market_source_dup_notes       (PsMarketSource *self);

/* As ps_market_set_follow_next_funding () and _get_next_funding (): an
 * aggregate knows no next settlement. */
void              ps_market_source_set_follow_next_funding (PsMarketSource *self,
                                                            gboolean        follow);
gboolean          ps_market_source_get_next_funding (PsMarketSource *self,
                                                     double         *rate,
                                                     gint64         *next_ms);

/* The snapshot's fields, lent until the source changes ("changed", a
 * notify): what the series shown are of (the demo's while it stands in),
 * and the series. Never NULL. */
gboolean          ps_market_source_get_is_demo     (PsMarketSource *self);
const char       *ps_market_source_get_shown_venue (PsMarketSource *self);
const char       *ps_market_source_get_shown_venue_name (PsMarketSource *self);
const char       *ps_market_source_get_shown_symbol (PsMarketSource *self);
PsInterval        ps_market_source_get_shown_interval (PsMarketSource *self);
gint64            ps_market_source_get_shown_from_ms (PsMarketSource *self);
gint64            ps_market_source_get_shown_to_ms (PsMarketSource *self);
PsCandles        *ps_market_source_get_candles     (PsMarketSource *self);
PsFunding        *ps_market_source_get_funding     (PsMarketSource *self);
PsOpenInterest   *ps_market_source_get_open_interest (PsMarketSource *self);
PsLiquidations   *ps_market_source_get_liquidations (PsMarketSource *self);
/* A sorted GArray of PsRange (the snapshot's copy). */
GArray           *ps_market_source_get_not_recorded (PsMarketSource *self);
/* An aggregate's venues' own snapshots (PsMarketSnapshot), NULL for one
 * venue's market. */
GPtrArray        *ps_market_source_get_parts       (PsMarketSource *self);

/* For implementations, which override the interface's properties
 * (g_object_class_override_property ()): its signals. */
void              ps_market_source_emit_changed    (PsMarketSource *self,
                                                    gint64          from_ms,
                                                    gint64          to_ms);
void              ps_market_source_emit_next_funding_changed (PsMarketSource *self);

G_END_DECLS
