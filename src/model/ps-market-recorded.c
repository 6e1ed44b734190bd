/* ps-market-recorded.c: a market's liquidations and OI snapshots, read again
 * whenever a recorder commits a batch of its venue and symbol
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-demo.h"
#include "ps-market-private.h"

/* A recorder commits about once a second, several recorders (the window's,
 * `perpscope record`) more often: re-read at most this often. */
#define RECORDED_INTERVAL_MS 250

static gboolean
ps_market_recorded_timeout_cb (gpointer user_data)
{
  PsMarket *self = user_data;

  self->recorded_source = 0;
  _ps_market_reload_recordings (self);
  return G_SOURCE_REMOVE;
}

static void
ps_market_recorded_cb (PsMarket   *self,
                       const char *venue,
                       const char *symbol,
                       guint       kind,
                       gint64      from_ms,
                       gint64      to_ms,
                       PsCore     *core)
{
  g_assert (PS_IS_MARKET (self));

  if (g_strcmp0 (venue, ps_market_get_venue (self)) != 0 ||
      g_strcmp0 (symbol, self->symbol) != 0 ||
      (kind & (PS_SERIES_LIQUIDATIONS | PS_SERIES_OPEN_INTEREST)) == 0)
    return;

  /* Events may precede their span by the venue's latency: a batch that ends
   * at the range's start may still hold some of it. */
  if (self->from_ms >= self->to_ms || to_ms < self->from_ms || from_ms >= self->to_ms)
    return;

  if (self->recorded_source == 0)
    self->recorded_source = g_timeout_add (RECORDED_INTERVAL_MS, ps_market_recorded_timeout_cb,
                                           self);
}

void
_ps_market_watch_recordings (PsMarket *self)
{
  g_signal_connect_object (self->core, "recorded", G_CALLBACK (ps_market_recorded_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_ps_market_clear_recordings (PsMarket *self)
{
  g_clear_handle_id (&self->recorded_source, g_source_remove);
}

/* Takes read's open interest, liquidations and stretches not recorded (and
 * its fetched open interest when it read the cache), or the demo's: no
 * liquidations, none of its range recorded. */
void
_ps_market_set_recordings (PsMarket     *self,
                           PsMarketRead *read,
                           gboolean      is_demo)
{
  _ps_market_invalidate_snapshot (self);
  g_clear_pointer (&self->open_interest, ps_open_interest_unref);
  g_clear_pointer (&self->liquidations, ps_liquidations_unref);
  g_clear_pointer (&self->not_recorded, g_array_unref);

  if (is_demo)
    {
      const PsDemo *demo = ps_demo_get ();
      PsRange all = { demo->from_ms, demo->to_ms };

      g_clear_pointer (&self->fetched_oi, ps_open_interest_unref);
      self->fetched_oi = ps_open_interest_ref (demo->open_interest);
      self->open_interest = ps_open_interest_ref (demo->open_interest);
      self->liquidations = ps_liquidations_new (1);
      self->not_recorded = g_array_new (FALSE, FALSE, sizeof (PsRange));
      g_array_append_val (self->not_recorded, all);
      return;
    }

  if (read->read_cache)
    {
      g_clear_pointer (&self->fetched_oi, ps_open_interest_unref);
      self->fetched_oi = g_steal_pointer (&read->fetched_oi);
    }
  self->open_interest = g_steal_pointer (&read->open_interest);
  self->liquidations = g_steal_pointer (&read->liquidations);
  self->not_recorded = g_steal_pointer (&read->not_recorded);
}

PsLiquidations *
ps_market_get_liquidations (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->liquidations;
}

GArray *
ps_market_get_not_recorded (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->not_recorded;
}
