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

  return self->is_demo ? ps_demo_get ()->from_ms : self->from_ms;
}

gint64
ps_market_get_shown_to_ms (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), 0);

  return self->is_demo ? ps_demo_get ()->to_ms : self->to_ms;
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
