/* ps-market-get.c: what a market shows, for panes, read-outs and reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-demo.h"
#include "ps-market-private.h"

gint64
ps_market_get_from_ms (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), 0);

  return self->from_ms;
}

gint64
ps_market_get_to_ms (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), 0);

  return self->to_ms;
}

PsCandles *
ps_market_get_candles (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->candles;
}

PsFunding *
ps_market_get_funding (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->funding;
}

PsOpenInterest *
ps_market_get_open_interest (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->open_interest;
}

PsCandles *
ps_market_get_spot_candles (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->spot_candles;
}

const GError *
ps_market_get_spot_error (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->spot_error;
}

gboolean
ps_market_get_is_demo (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), FALSE);

  return self->is_demo;
}

const char *
ps_market_get_shown_venue (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->is_demo ? PS_DEMO_VENUE : ps_market_get_venue (self);
}

const char *
ps_market_get_shown_venue_name (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->is_demo ? PS_DEMO_VENUE_NAME : ps_market_get_venue_name (self);
}

const char *
ps_market_get_shown_symbol (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->is_demo ? PS_DEMO_SYMBOL : self->symbol;
}

PsInterval
ps_market_get_shown_interval (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), PS_INTERVAL_NONE);

  return self->is_demo ? PS_DEMO_INTERVAL : self->interval;
}

gint64
ps_market_get_shown_from_ms (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), 0);

  if (self->is_demo)
    return ps_demo_get ()->from_ms;
  return self->offline_to_ms != 0 ? self->offline_to_ms - (self->to_ms - self->from_ms)
                                  : self->from_ms;
}

gint64
ps_market_get_shown_to_ms (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), 0);

  if (self->is_demo)
    return ps_demo_get ()->to_ms;
  return self->offline_to_ms != 0 ? self->offline_to_ms : self->to_ms;
}

GArray *
ps_market_get_empty_spans (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->empty_spans;
}

gint64
ps_market_get_offline_to_ms (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), 0);

  return self->offline_to_ms;
}

gboolean
ps_market_get_loading (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), FALSE);

  return self->loading;
}

double
ps_market_get_progress (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), 0.0);

  return self->progress;
}

const char *
ps_market_get_progress_text (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->progress_text;
}

const GError *
ps_market_get_error (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->error;
}

const PsSyncStats *
ps_market_get_stats (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return &self->stats;
}

void
_ps_market_invalidate_snapshot (PsMarket *self)
{
  g_clear_pointer (&self->snapshot, ps_market_snapshot_unref);
}

/* The market's series are referenced, not copied: it replaces them, it never
 * changes them in place (ps-market.c, ps_market_show ()). */
static PsMarketSnapshot *
ps_market_make_snapshot (PsMarket *self)
{
  PsMarketSnapshot *snapshot;

  snapshot = ps_market_snapshot_new (ps_market_get_venue (self), self->symbol, self->interval,
                                     self->from_ms, self->to_ms, self->candles,
                                     self->spot_candles, self->funding, self->open_interest,
                                     self->liquidations, self->not_recorded);
  /* Not shared yet: the rest is filled before anyone else sees it. */
  g_free (snapshot->venue_name);
  snapshot->venue_name = g_strdup (ps_market_get_venue_name (self));
  g_free (snapshot->shown_venue);
  snapshot->shown_venue = g_strdup (ps_market_get_shown_venue (self));
  g_free (snapshot->shown_venue_name);
  snapshot->shown_venue_name = g_strdup (ps_market_get_shown_venue_name (self));
  g_free (snapshot->shown_symbol);
  snapshot->shown_symbol = g_strdup (ps_market_get_shown_symbol (self));
  snapshot->shown_interval = ps_market_get_shown_interval (self);
  snapshot->shown_from_ms = ps_market_get_shown_from_ms (self);
  snapshot->shown_to_ms = ps_market_get_shown_to_ms (self);
  snapshot->is_demo = self->is_demo;
  snapshot->loading = self->loading;
  snapshot->spot_error = self->spot_error ? g_error_copy (self->spot_error) : NULL;
  return snapshot;
}

PsMarketSnapshot *
_ps_market_peek_snapshot (PsMarket *self)
{
  if (self->snapshot == NULL)
    self->snapshot = ps_market_make_snapshot (self);
  return self->snapshot;
}

PsMarketSnapshot *
ps_market_get_snapshot (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return ps_market_snapshot_ref (_ps_market_peek_snapshot (self));
}
