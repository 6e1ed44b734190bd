/* ps-aggregate-market-source.c: every venue's market as one PsMarketSource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-aggregate-market-private.h"

static PsMarketSnapshot *
ps_aggregate_iface_peek_snapshot (PsMarketSource *source)
{
  return _ps_aggregate_market_peek_snapshot (PS_AGGREGATE_MARKET (source));
}

static const char *
ps_aggregate_iface_venue (PsMarketSource *source)
{
  return PS_AGGREGATE_VENUE;
}

static const char *
ps_aggregate_iface_venue_name (PsMarketSource *source)
{
  return _("All venues");
}

static const char *
ps_aggregate_iface_symbol (PsMarketSource *source)
{
  return ps_aggregate_market_get_asset (PS_AGGREGATE_MARKET (source));
}

static PsInterval
ps_aggregate_iface_interval (PsMarketSource *source)
{
  return ps_aggregate_market_get_interval (PS_AGGREGATE_MARKET (source));
}

/* Each venue's market: what the cache holds of the aggregate. */
static GStrv
ps_aggregate_iface_dup_markets (PsMarketSource *source)
{
  PsAggregateMarket *self = PS_AGGREGATE_MARKET (source);
  guint n = ps_aggregate_market_get_n_venues (self);
  char **markets = g_new0 (char *, 2 * n + 1);

  for (guint i = 0; i < n; i++)
    {
      PsMarket *market = ps_aggregate_market_get_market (self, i);

      markets[2 * i] = g_strdup (ps_market_get_venue (market));
      markets[2 * i + 1] = g_strdup (ps_market_get_symbol (market));
    }
  return markets;
}

static void
ps_aggregate_iface_load (PsMarketSource *source,
                         gint64          from_ms,
                         gint64          to_ms)
{
  ps_aggregate_market_load (PS_AGGREGATE_MARKET (source), from_ms, to_ms);
}

static void
ps_aggregate_iface_load_recent (PsMarketSource *source,
                                gint64          span_ms)
{
  ps_aggregate_market_load_recent (PS_AGGREGATE_MARKET (source), span_ms);
}

static void
ps_aggregate_iface_load_cached (PsMarketSource *source,
                                gint64          from_ms,
                                gint64          to_ms)
{
  ps_aggregate_market_load_cached (PS_AGGREGATE_MARKET (source), from_ms, to_ms);
}

static void
ps_aggregate_iface_refresh (PsMarketSource *source)
{
  ps_aggregate_market_refresh (PS_AGGREGATE_MARKET (source));
}

static void
ps_aggregate_iface_cancel (PsMarketSource *source)
{
  ps_aggregate_market_cancel (PS_AGGREGATE_MARKET (source));
}

static gboolean
ps_aggregate_iface_loading (PsMarketSource *source)
{
  return ps_aggregate_market_get_loading (PS_AGGREGATE_MARKET (source));
}

static double
ps_aggregate_iface_progress (PsMarketSource *source)
{
  return _ps_aggregate_market_get_progress (PS_AGGREGATE_MARKET (source));
}

static const char *
ps_aggregate_iface_progress_text (PsMarketSource *source)
{
  return PS_AGGREGATE_MARKET (source)->progress_text;
}

static const GError *
ps_aggregate_iface_error (PsMarketSource *source)
{
  return PS_AGGREGATE_MARKET (source)->error;
}

static gint64
ps_aggregate_iface_offline_to_ms (PsMarketSource *source)
{
  return 0;
}

static GArray *
ps_aggregate_iface_empty_spans (PsMarketSource *source)
{
  return PS_AGGREGATE_MARKET (source)->empty_spans;
}

/* The venues' failures and what the sum leaves out, then the venues whose
 * liquidations nobody can record. */
static GStrv
ps_aggregate_iface_notes (PsMarketSource *source)
{
  PsAggregateMarket *self = PS_AGGREGATE_MARKET (source);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) notes = ps_aggregate_market_dup_notes (self);

  g_strv_builder_addv (builder, (const char **) notes);
  for (guint i = 0; i < ps_aggregate_market_get_n_venues (self); i++)
    {
      g_autofree char *note = ps_aggregate_market_dup_feed_note (self, i);

      if (note != NULL)
        g_strv_builder_add (builder, note);
    }
  return g_strv_builder_end (builder);
}

/* Venues settle at different times: there is no one next settlement. */
static void
ps_aggregate_iface_follow_next_funding (PsMarketSource *source,
                                        gboolean        follow)
{
}

static gboolean
ps_aggregate_iface_next_funding (PsMarketSource *source,
                                 double         *rate,
                                 gint64         *next_ms)
{
  return FALSE;
}

void
_ps_aggregate_market_source_iface_init (PsMarketSourceInterface *iface)
{
  iface->peek_snapshot = ps_aggregate_iface_peek_snapshot;
  iface->get_venue = ps_aggregate_iface_venue;
  iface->get_venue_name = ps_aggregate_iface_venue_name;
  iface->get_symbol = ps_aggregate_iface_symbol;
  iface->dup_markets = ps_aggregate_iface_dup_markets;
  iface->get_interval = ps_aggregate_iface_interval;
  iface->load = ps_aggregate_iface_load;
  iface->load_recent = ps_aggregate_iface_load_recent;
  iface->load_cached = ps_aggregate_iface_load_cached;
  iface->refresh = ps_aggregate_iface_refresh;
  iface->cancel = ps_aggregate_iface_cancel;
  iface->get_loading = ps_aggregate_iface_loading;
  iface->get_progress = ps_aggregate_iface_progress;
  iface->get_progress_text = ps_aggregate_iface_progress_text;
  iface->get_error = ps_aggregate_iface_error;
  iface->get_offline_to_ms = ps_aggregate_iface_offline_to_ms;
  iface->get_empty_spans = ps_aggregate_iface_empty_spans;
  iface->dup_notes = ps_aggregate_iface_notes;
  iface->set_follow_next_funding = ps_aggregate_iface_follow_next_funding;
  iface->get_next_funding = ps_aggregate_iface_next_funding;
}
