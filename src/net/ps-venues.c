/* ps-venues.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-binance.h"
#include "ps-binance-spot.h"
#include "ps-binance-stream.h"
#include "ps-bitmex.h"
#include "ps-bitmex-stream.h"
#include "ps-bybit.h"
#include "ps-bybit-stream.h"
#include "ps-hyperliquid.h"
#include "ps-net-error.h"
#include "ps-okx.h"
#include "ps-okx-stream.h"
#include "ps-venues.h"

static const char * const venues[] = {
  "binance", PS_BYBIT_VENUE, PS_OKX_VENUE, "bitmex", "hyperliquid", NULL
};

/* Each perpetual venue beside its spot market, where Perpscope knows one. */
static const struct
{
  const char *venue;
  const char *spot_venue;
} spot_venues[] = {
  { "binance", PS_BINANCE_SPOT_VENUE },
};

const char * const *
ps_venues_list (void)
{
  return venues;
}

const char *
ps_venues_get_spot_venue (const char *venue)
{
  for (guint i = 0; i < G_N_ELEMENTS (spot_venues); i++)
    if (g_strcmp0 (venue, spot_venues[i].venue) == 0)
      return spot_venues[i].spot_venue;
  return NULL;
}

gboolean
ps_venues_is_spot (const char *venue)
{
  for (guint i = 0; i < G_N_ELEMENTS (spot_venues); i++)
    if (g_strcmp0 (venue, spot_venues[i].spot_venue) == 0)
      return TRUE;
  return FALSE;
}

static void
ps_venues_unknown (const char  *venue,
                   GError     **error)
{
  g_autofree char *known = g_strjoinv (", ", (char **) venues);

  g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED,
               _("Unknown venue “%s” (known: %s)"), venue ? venue : "", known);
}

PsStream *
ps_venues_create_stream (const char  *venue,
                         PsHttp      *http,
                         const char  *symbol,
                         GError     **error)
{
  g_return_val_if_fail (PS_IS_HTTP (http), NULL);
  g_return_val_if_fail (symbol != NULL && *symbol != '\0', NULL);

  if (g_strcmp0 (venue, "binance") == 0)
    {
      g_autoptr(PsBinance) binance = ps_binance_new (http, NULL);

      return PS_STREAM (ps_binance_stream_new (binance, symbol));
    }
  if (g_strcmp0 (venue, PS_BYBIT_VENUE) == 0)
    return PS_STREAM (ps_bybit_stream_new (NULL, symbol));
  if (g_strcmp0 (venue, PS_OKX_VENUE) == 0)
    return PS_STREAM (ps_okx_stream_new (NULL, symbol, error));
  if (g_strcmp0 (venue, "bitmex") == 0)
    return PS_STREAM (ps_bitmex_stream_new (NULL, symbol, error));
  if (g_strcmp0 (venue, "hyperliquid") == 0)
    {
      /* Its WebSocket streams trades, books and candles; liquidations only
       * as part of a user's own fills. */
      g_set_error_literal (error, PS_NET_ERROR, PS_NET_ERROR_FAILED,
                           _("Hyperliquid publishes no liquidation feed"));
      return NULL;
    }

  ps_venues_unknown (venue, error);
  return NULL;
}

PsProvider *
ps_venues_create (const char  *venue,
                  PsHttp      *http,
                  GError     **error)
{
  g_return_val_if_fail (PS_IS_HTTP (http), NULL);

  if (g_strcmp0 (venue, "binance") == 0)
    return PS_PROVIDER (ps_binance_new (http, NULL));
  if (g_strcmp0 (venue, PS_BINANCE_SPOT_VENUE) == 0)
    return PS_PROVIDER (ps_binance_spot_new (http, NULL));
  if (g_strcmp0 (venue, "bitmex") == 0)
    return PS_PROVIDER (ps_bitmex_new (http, NULL));
  if (g_strcmp0 (venue, "hyperliquid") == 0)
    return PS_PROVIDER (ps_hyperliquid_new (http, NULL));
  if (g_strcmp0 (venue, PS_BYBIT_VENUE) == 0)
    return PS_PROVIDER (ps_bybit_new (http, NULL));
  if (g_strcmp0 (venue, PS_OKX_VENUE) == 0)
    return PS_PROVIDER (ps_okx_new (http, NULL));

  ps_venues_unknown (venue, error);
  return NULL;
}

/* The perpetual of a coin on each venue: USDT-margined where there is one,
 * BitMEX's inverse XBTUSD (its BTC market of record, "XBT" for bitcoin). */
static const struct
{
  const char *venue;
  const char *suffix;    /* after the coin */
} ps_venues_coin_formats[] = {
  { "binance", "USDT" },
  { PS_BYBIT_VENUE, "USDT" },
  { PS_OKX_VENUE, "-USDT-SWAP" },
  { "bitmex", "USD" },
  { "hyperliquid", "" },
};

static const char * const ps_venues_coins[] = { "BTC", "XBT", "ETH", "SOL", NULL };

char *
ps_venues_resolve_symbol (const char *venue,
                          const char *symbol)
{
  g_autofree char *coin = NULL;

  g_return_val_if_fail (symbol != NULL, NULL);

  coin = g_ascii_strup (symbol, -1);
  if (!g_strv_contains (ps_venues_coins, coin))
    return g_strdup (symbol);

  for (guint i = 0; i < G_N_ELEMENTS (ps_venues_coin_formats); i++)
    {
      const char *name;

      if (g_strcmp0 (venue, ps_venues_coin_formats[i].venue) != 0)
        continue;
      /* Bitcoin is XBT on BitMEX, BTC everywhere else. */
      if (g_str_equal (venue, "bitmex"))
        name = g_str_equal (coin, "BTC") ? "XBT" : coin;
      else
        name = g_str_equal (coin, "XBT") ? "BTC" : coin;
      return g_strconcat (name, ps_venues_coin_formats[i].suffix, NULL);
    }
  return g_strdup (symbol);
}
