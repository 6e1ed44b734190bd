/* ps-market-snapshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-market-snapshot.h"

G_DEFINE_BOXED_TYPE (PsMarketSnapshot, ps_market_snapshot,
                     ps_market_snapshot_ref, ps_market_snapshot_unref)

/* Snapshots are made on any thread (a market's on the main one, analysis
 * tests anywhere): one lock keeps serials unique and increasing. */
G_LOCK_DEFINE_STATIC (serial);
static guint64 last_serial;

static guint64
ps_market_snapshot_next_serial (void)
{
  guint64 serial;

  G_LOCK (serial);
  serial = ++last_serial;
  G_UNLOCK (serial);
  return serial;
}

PsMarketSnapshot *
ps_market_snapshot_new (const char     *venue,
                        const char     *symbol,
                        PsInterval      interval,
                        gint64          from_ms,
                        gint64          to_ms,
                        PsCandles      *candles,
                        PsCandles      *spot_candles,
                        PsFunding      *funding,
                        PsOpenInterest *open_interest,
                        PsLiquidations *liquidations,
                        const GArray   *not_recorded)
{
  PsMarketSnapshot *self;

  g_return_val_if_fail (venue != NULL, NULL);
  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (interval < PS_N_INTERVALS, NULL);
  g_return_val_if_fail (not_recorded == NULL ||
                        g_array_get_element_size ((GArray *) not_recorded) == sizeof (PsRange),
                        NULL);

  self = g_new0 (PsMarketSnapshot, 1);
  self->ref_count = 1;
  self->serial = ps_market_snapshot_next_serial ();
  self->venue = g_strdup (venue);
  self->venue_name = g_strdup (venue);
  self->symbol = g_strdup (symbol);
  self->interval = interval;
  self->from_ms = from_ms;
  self->to_ms = to_ms;

  self->shown_venue = g_strdup (venue);
  self->shown_venue_name = g_strdup (venue);
  self->shown_symbol = g_strdup (symbol);
  self->shown_interval = interval;
  self->shown_from_ms = from_ms;
  self->shown_to_ms = to_ms;

  self->candles = candles ? ps_candles_ref (candles) : ps_candles_new (0);
  self->spot_candles = spot_candles ? ps_candles_ref (spot_candles) : ps_candles_new (0);
  self->funding = funding ? ps_funding_ref (funding) : ps_funding_new (0);
  self->open_interest = open_interest ? ps_open_interest_ref (open_interest)
                                      : ps_open_interest_new (0);
  self->liquidations = liquidations ? ps_liquidations_ref (liquidations)
                                    : ps_liquidations_new (0);

  /* A copy: the caller's array is a plain GArray anyone holding it may grow. */
  self->not_recorded = g_array_sized_new (FALSE, FALSE, sizeof (PsRange),
                                          not_recorded ? not_recorded->len : 0);
  if (not_recorded != NULL)
    g_array_append_vals (self->not_recorded, not_recorded->data, not_recorded->len);

  return self;
}

PsMarketSnapshot *
ps_market_snapshot_ref (PsMarketSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->ref_count > 0, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ps_market_snapshot_unref (PsMarketSnapshot *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->ref_count > 0);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->venue);
  g_free (self->venue_name);
  g_free (self->symbol);
  g_free (self->shown_venue);
  g_free (self->shown_venue_name);
  g_free (self->shown_symbol);
  ps_candles_unref (self->candles);
  ps_candles_unref (self->spot_candles);
  ps_funding_unref (self->funding);
  ps_open_interest_unref (self->open_interest);
  ps_liquidations_unref (self->liquidations);
  g_array_unref (self->not_recorded);
  g_clear_error (&self->spot_error);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->parts_open_interest, g_ptr_array_unref);
  g_clear_pointer (&self->parts_funding, g_ptr_array_unref);
  g_free (self);
}
