/* ps-aggregate-market-private.h: what ps-aggregate-market*.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-aggregate-market.h"

G_BEGIN_DECLS

/* What the aggregate knows of a venue besides its market. */
typedef struct
{
  PsMarket *market;
  char     *no_feed;      /* why none of its liquidations are recorded; NULL: a live feed */
  gboolean  oi_history;   /* it serves open-interest history, not only the current value */
  gint64    oi_horizon_ms; /* how far back it serves that history; 0: no limit */
} PsAggregateVenue;

struct _PsAggregateMarket
{
  GObject           parent_instance;

  char             *asset;
  char             *reference;       /* the venue whose candles are shown */
  PsInterval        interval;
  GArray           *venues;          /* PsAggregateVenue, in the core's order */
  gint64            from_ms;
  gint64            to_ms;
  gint64            recent_span_ms;  /* > 0: the range follows the reference venue's now */
  PsAggregate      *aggregate;       /* of the snapshot below; NULL: stale */
  PsMarketSnapshot *snapshot;
  GError           *error;           /* ps_aggregate_market_dup_error ()'s, as last told */
  char             *progress_text;
  GArray           *empty_spans;     /* always empty: nothing is proven of the sum */
  guint             loading : 1;
};

/* Property ids (ps-aggregate-market.c installs them). */
enum {
  PS_AGGREGATE_MARKET_PROP_0,
  PS_AGGREGATE_MARKET_PROP_LOADING,
  PS_AGGREGATE_MARKET_PROP_IS_DEMO,
  PS_AGGREGATE_MARKET_PROP_PROGRESS,
  PS_AGGREGATE_MARKET_PROP_PROGRESS_TEXT,
  PS_AGGREGATE_MARKET_PROP_ERROR,
  PS_AGGREGATE_MARKET_N_PROPS
};

PsMarket *_ps_aggregate_market_get (PsAggregateMarket *self,
                                    guint              i);
/* The snapshot, made when stale (borrowed). */
PsMarketSnapshot *_ps_aggregate_market_peek_snapshot (PsAggregateMarket *self);
double    _ps_aggregate_market_get_progress (PsAggregateMarket *self);

/* ps-aggregate-market-source.c */
void      _ps_aggregate_market_source_iface_init (PsMarketSourceInterface *iface);

G_END_DECLS
