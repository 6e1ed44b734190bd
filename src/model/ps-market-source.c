/* ps-market-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-market-source.h"

G_DEFINE_INTERFACE (PsMarketSource, ps_market_source, G_TYPE_OBJECT)

enum {
  CHANGED,
  NEXT_FUNDING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ps_market_source_default_init (PsMarketSourceInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));
  g_object_interface_install_property (iface,
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));
  g_object_interface_install_property (iface,
    g_param_spec_string ("progress-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));
  g_object_interface_install_property (iface,
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));

  /* The range [from_ms, to_ms) whose series changed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /* A new prediction of the next funding settlement (or none any more). */
  signals[NEXT_FUNDING_CHANGED] =
    g_signal_new ("next-funding-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
ps_market_source_emit_changed (PsMarketSource *self,
                               gint64          from_ms,
                               gint64          to_ms)
{
  g_return_if_fail (PS_IS_MARKET_SOURCE (self));

  g_signal_emit (self, signals[CHANGED], 0, from_ms, to_ms);
}

void
ps_market_source_emit_next_funding_changed (PsMarketSource *self)
{
  g_return_if_fail (PS_IS_MARKET_SOURCE (self));

  g_signal_emit (self, signals[NEXT_FUNDING_CHANGED], 0);
}

static PsMarketSnapshot *
ps_market_source_peek (PsMarketSource *self)
{
  return PS_MARKET_SOURCE_GET_IFACE (self)->peek_snapshot (self);
}

PsMarketSnapshot *
ps_market_source_get_snapshot (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return ps_market_snapshot_ref (ps_market_source_peek (self));
}

const char *
ps_market_source_get_venue (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return PS_MARKET_SOURCE_GET_IFACE (self)->get_venue (self);
}

const char *
ps_market_source_get_venue_name (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return PS_MARKET_SOURCE_GET_IFACE (self)->get_venue_name (self);
}

const char *
ps_market_source_get_symbol (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return PS_MARKET_SOURCE_GET_IFACE (self)->get_symbol (self);
}

GStrv
ps_market_source_dup_markets (PsMarketSource *self)
{
  PsMarketSourceInterface *iface;
  char **markets;

  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  iface = PS_MARKET_SOURCE_GET_IFACE (self);
  if (iface->dup_markets != NULL)
    return iface->dup_markets (self);
  markets = g_new0 (char *, 3);
  markets[0] = g_strdup (iface->get_venue (self));
  markets[1] = g_strdup (iface->get_symbol (self));
  return markets;
}

PsInterval
ps_market_source_get_interval (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), PS_INTERVAL_NONE);

  return PS_MARKET_SOURCE_GET_IFACE (self)->get_interval (self);
}

void
ps_market_source_load (PsMarketSource *self,
                       gint64          from_ms,
                       gint64          to_ms)
{
  g_return_if_fail (PS_IS_MARKET_SOURCE (self));
  g_return_if_fail (from_ms < to_ms);

  PS_MARKET_SOURCE_GET_IFACE (self)->load (self, from_ms, to_ms);
}

void
ps_market_source_load_recent (PsMarketSource *self,
                              gint64          span_ms)
{
  g_return_if_fail (PS_IS_MARKET_SOURCE (self));
  g_return_if_fail (span_ms > 0);

  PS_MARKET_SOURCE_GET_IFACE (self)->load_recent (self, span_ms);
}

void
ps_market_source_load_cached (PsMarketSource *self,
                              gint64          from_ms,
                              gint64          to_ms)
{
  g_return_if_fail (PS_IS_MARKET_SOURCE (self));
  g_return_if_fail (from_ms < to_ms);

  PS_MARKET_SOURCE_GET_IFACE (self)->load_cached (self, from_ms, to_ms);
}

void
ps_market_source_refresh (PsMarketSource *self)
{
  g_return_if_fail (PS_IS_MARKET_SOURCE (self));

  PS_MARKET_SOURCE_GET_IFACE (self)->refresh (self);
}

void
ps_market_source_cancel (PsMarketSource *self)
{
  g_return_if_fail (PS_IS_MARKET_SOURCE (self));

  PS_MARKET_SOURCE_GET_IFACE (self)->cancel (self);
}

gboolean
ps_market_source_get_loading (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), FALSE);

  return PS_MARKET_SOURCE_GET_IFACE (self)->get_loading (self);
}

double
ps_market_source_get_progress (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), 0.0);

  return PS_MARKET_SOURCE_GET_IFACE (self)->get_progress (self);
}

const char *
ps_market_source_get_progress_text (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return PS_MARKET_SOURCE_GET_IFACE (self)->get_progress_text (self);
}

const GError *
ps_market_source_get_error (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return PS_MARKET_SOURCE_GET_IFACE (self)->get_error (self);
}

gint64
ps_market_source_get_offline_to_ms (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), 0);

  return PS_MARKET_SOURCE_GET_IFACE (self)->get_offline_to_ms (self);
}

GArray *
ps_market_source_get_empty_spans (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return PS_MARKET_SOURCE_GET_IFACE (self)->get_empty_spans (self);
}

GStrv
ps_market_source_dup_notes (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return PS_MARKET_SOURCE_GET_IFACE (self)->dup_notes (self);
}

void
ps_market_source_set_follow_next_funding (PsMarketSource *self,
                                          gboolean        follow)
{
  g_return_if_fail (PS_IS_MARKET_SOURCE (self));

  PS_MARKET_SOURCE_GET_IFACE (self)->set_follow_next_funding (self, follow);
}

gboolean
ps_market_source_get_next_funding (PsMarketSource *self,
                                   double         *rate,
                                   gint64         *next_ms)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), FALSE);

  return PS_MARKET_SOURCE_GET_IFACE (self)->get_next_funding (self, rate, next_ms);
}

/* The snapshot's fields ------------------------------------------------------ */

gboolean
ps_market_source_get_is_demo (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), FALSE);

  return ps_market_source_peek (self)->is_demo;
}

const char *
ps_market_source_get_shown_venue (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return ps_market_source_peek (self)->shown_venue;
}

const char *
ps_market_source_get_shown_venue_name (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return ps_market_source_peek (self)->shown_venue_name;
}

const char *
ps_market_source_get_shown_symbol (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return ps_market_source_peek (self)->shown_symbol;
}

PsInterval
ps_market_source_get_shown_interval (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), PS_INTERVAL_NONE);

  return ps_market_source_peek (self)->shown_interval;
}

gint64
ps_market_source_get_shown_from_ms (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), 0);

  return ps_market_source_peek (self)->shown_from_ms;
}

gint64
ps_market_source_get_shown_to_ms (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), 0);

  return ps_market_source_peek (self)->shown_to_ms;
}

PsCandles *
ps_market_source_get_candles (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return ps_market_source_peek (self)->candles;
}

PsFunding *
ps_market_source_get_funding (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return ps_market_source_peek (self)->funding;
}

PsOpenInterest *
ps_market_source_get_open_interest (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return ps_market_source_peek (self)->open_interest;
}

PsLiquidations *
ps_market_source_get_liquidations (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return ps_market_source_peek (self)->liquidations;
}

GArray *
ps_market_source_get_not_recorded (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return ps_market_source_peek (self)->not_recorded;
}

GPtrArray *
ps_market_source_get_parts (PsMarketSource *self)
{
  g_return_val_if_fail (PS_IS_MARKET_SOURCE (self), NULL);

  return ps_market_source_peek (self)->parts;
}
