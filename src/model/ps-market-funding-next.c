/* ps-market-funding-next.c: the venue's predicted rate of the next funding
 * settlement and its time, fetched when the market is followed and every
 * minute after (Binance's premiumIndex)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-model"

#include "ps-binance.h"
#include "ps-market-private.h"
#include "ps-sync.h"
#include "ps-time.h"

/* Binance recomputes the prediction continuously; a minute keeps the header
 * honest at weight 1 a minute. */
#define NEXT_FUNDING_PERIOD_S 60

static void
ps_market_next_funding_set (PsMarket *self,
                            double    rate,
                            gint64    next_ms)
{
  if (self->next_funding_rate == rate && self->next_funding_ms == next_ms)
    return;
  self->next_funding_rate = rate;
  self->next_funding_ms = next_ms;
  _ps_market_emit_next_funding_changed (self);
}

static void
ps_market_next_funding_done_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(PsMarket) self = user_data;
  g_autoptr(GError) error = NULL;
  PsBinancePremiumIndex premium;

  if (!ps_binance_get_premium_index_finish (PS_BINANCE (object), result, &premium, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->next_funding_cancellable);
      /* A header without the prediction says enough: no dialog, no toast. */
      g_debug ("Next funding of %s not fetched: %s", self->symbol, error->message);
      ps_market_next_funding_set (self, 0, 0);
      return;
    }
  g_clear_object (&self->next_funding_cancellable);
  /* On our clock: the countdown ticks by it, and a mirror or a replay may
   * run on another (the answer's time is the venue's now). */
  ps_market_next_funding_set (self, premium.funding_rate,
                              premium.next_funding_time_ms - (premium.time_ms - ps_time_now_ms ()));
}

static gboolean
ps_market_next_funding_poll_cb (gpointer user_data)
{
  PsMarket *self = user_data;
  PsProvider *provider = ps_sync_get_provider (self->sync);

  g_assert (PS_IS_MARKET (self));

  /* One request at a time: a slow answer is not stacked on. */
  if (self->next_funding_cancellable != NULL || !PS_IS_BINANCE (provider))
    return G_SOURCE_CONTINUE;
  self->next_funding_cancellable = g_cancellable_new ();
  ps_binance_get_premium_index_async (PS_BINANCE (provider), self->symbol,
                                      self->next_funding_cancellable,
                                      ps_market_next_funding_done_cb, g_object_ref (self));
  return G_SOURCE_CONTINUE;
}

void
ps_market_set_follow_next_funding (PsMarket *self,
                                   gboolean  follow)
{
  g_return_if_fail (PS_IS_MARKET (self));

  follow = !!follow;
  if (self->follow_next_funding == (guint) follow)
    return;
  self->follow_next_funding = follow;
  if (!follow)
    {
      _ps_market_stop_next_funding (self);
      return;
    }
  self->next_funding_source = g_timeout_add_seconds (NEXT_FUNDING_PERIOD_S,
                                                     ps_market_next_funding_poll_cb, self);
  ps_market_next_funding_poll_cb (self);
}

void
_ps_market_stop_next_funding (PsMarket *self)
{
  g_clear_handle_id (&self->next_funding_source, g_source_remove);
  g_cancellable_cancel (self->next_funding_cancellable);
  g_clear_object (&self->next_funding_cancellable);
  self->follow_next_funding = FALSE;
}

gboolean
ps_market_get_next_funding (PsMarket *self,
                            double   *rate,
                            gint64   *next_ms)
{
  g_return_val_if_fail (PS_IS_MARKET (self), FALSE);

  /* The demo's series are not the venue's: its prediction would mislead. */
  if (self->is_demo || self->next_funding_ms <= 0)
    return FALSE;
  if (rate != NULL)
    *rate = self->next_funding_rate;
  if (next_ms != NULL)
    *next_ms = self->next_funding_ms;
  return TRUE;
}
