/* ps-market-as-source.c: one venue's market as a PsMarketSource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-market-private.h"

static PsMarketSnapshot *
ps_market_iface_peek_snapshot (PsMarketSource *source)
{
  return _ps_market_peek_snapshot (PS_MARKET (source));
}

static const char *
ps_market_iface_venue (PsMarketSource *source)
{
  return ps_market_get_venue (PS_MARKET (source));
}

static const char *
ps_market_iface_venue_name (PsMarketSource *source)
{
  return ps_market_get_venue_name (PS_MARKET (source));
}

static const char *
ps_market_iface_symbol (PsMarketSource *source)
{
  return ps_market_get_symbol (PS_MARKET (source));
}

static PsInterval
ps_market_iface_interval (PsMarketSource *source)
{
  return ps_market_get_interval (PS_MARKET (source));
}

static void
ps_market_iface_load (PsMarketSource *source,
                          gint64          from_ms,
                          gint64          to_ms)
{
  ps_market_load (PS_MARKET (source), from_ms, to_ms);
}

static void
ps_market_iface_load_recent (PsMarketSource *source,
                                 gint64          span_ms)
{
  ps_market_load_recent (PS_MARKET (source), span_ms);
}

static void
ps_market_iface_load_cached (PsMarketSource *source,
                                 gint64          from_ms,
                                 gint64          to_ms)
{
  ps_market_load_cached (PS_MARKET (source), from_ms, to_ms);
}

static void
ps_market_iface_refresh (PsMarketSource *source)
{
  ps_market_refresh (PS_MARKET (source));
}

static void
ps_market_iface_cancel (PsMarketSource *source)
{
  ps_market_cancel (PS_MARKET (source));
}

static gboolean
ps_market_iface_loading (PsMarketSource *source)
{
  return ps_market_get_loading (PS_MARKET (source));
}

static double
ps_market_iface_progress (PsMarketSource *source)
{
  return ps_market_get_progress (PS_MARKET (source));
}

static const char *
ps_market_iface_progress_text (PsMarketSource *source)
{
  return ps_market_get_progress_text (PS_MARKET (source));
}

static const GError *
ps_market_iface_error (PsMarketSource *source)
{
  return ps_market_get_error (PS_MARKET (source));
}

static gint64
ps_market_iface_offline_to_ms (PsMarketSource *source)
{
  return ps_market_get_offline_to_ms (PS_MARKET (source));
}

static GArray *
ps_market_iface_empty_spans (PsMarketSource *source)
{
  return ps_market_get_empty_spans (PS_MARKET (source));
}

/* The banner says what failed: nothing is left out of what is shown. */
static GStrv
ps_market_iface_notes (PsMarketSource *source)
{
  return g_new0 (char *, 1);
}

static void
ps_market_iface_follow_next_funding (PsMarketSource *source,
                                      gboolean        follow)
{
  ps_market_set_follow_next_funding (PS_MARKET (source), follow);
}

static gboolean
ps_market_iface_next_funding (PsMarketSource *source,
                               double         *rate,
                               gint64         *next_ms)
{
  return ps_market_get_next_funding (PS_MARKET (source), rate, next_ms);
}

void
_ps_market_source_iface_init (PsMarketSourceInterface *iface)
{
  iface->peek_snapshot = ps_market_iface_peek_snapshot;
  iface->get_venue = ps_market_iface_venue;
  iface->get_venue_name = ps_market_iface_venue_name;
  iface->get_symbol = ps_market_iface_symbol;
  iface->get_interval = ps_market_iface_interval;
  iface->load = ps_market_iface_load;
  iface->load_recent = ps_market_iface_load_recent;
  iface->load_cached = ps_market_iface_load_cached;
  iface->refresh = ps_market_iface_refresh;
  iface->cancel = ps_market_iface_cancel;
  iface->get_loading = ps_market_iface_loading;
  iface->get_progress = ps_market_iface_progress;
  iface->get_progress_text = ps_market_iface_progress_text;
  iface->get_error = ps_market_iface_error;
  iface->get_offline_to_ms = ps_market_iface_offline_to_ms;
  iface->get_empty_spans = ps_market_iface_empty_spans;
  iface->dup_notes = ps_market_iface_notes;
  iface->set_follow_next_funding = ps_market_iface_follow_next_funding;
  iface->get_next_funding = ps_market_iface_next_funding;
}
