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

#include <string.h>

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

/* Asset and symbols (ps_venues_resolve_symbol): the aggregate and `record`
 * name one asset across venues. Each venue's perpetual of an asset, as the
 * venue spells it: USDT-margined linear swaps where the venue lists them
 * (Binance, Bybit, OKX), BitMEX's inverse USD swap (its most traded, XBT for
 * bitcoin), Hyperliquid's bare coin. */
static const struct
{
  const char *venue;
  const char *suffix;
} symbol_forms[] = {
  { "binance",      "USDT" },
  { PS_BYBIT_VENUE, "USDT" },
  { PS_OKX_VENUE,   "-USDT-SWAP" },
  { "bitmex",       "USD" },
  { "hyperliquid",  "" },
};

/* Quotes a symbol may end with, longest first within a family, so that
 * "BTC-USDT-SWAP" loses all of its tail and "BTCUSDT" its USDT, not USD. */
static const char * const quote_suffixes[] = {
  "-USDT-SWAP", "-USD-SWAP", "-USDC-SWAP", "-USDT", "-USDC", "-USD", "USDT", "USDC", "USD",
};

/* The capitals of text less one quote suffix (TRUE: one was there). */
static gboolean
ps_venues_strip_quote (const char  *text,
                       char       **asset)
{
  char *upper = g_ascii_strup (text, -1);
  gsize len = strlen (upper);

  *asset = upper;
  for (guint i = 0; i < G_N_ELEMENTS (quote_suffixes); i++)
    /* "USDT" alone is an asset of its own, not an empty one. */
    if (g_str_has_suffix (upper, quote_suffixes[i]) && len > strlen (quote_suffixes[i]))
      {
        upper[len - strlen (quote_suffixes[i])] = '\0';
        return TRUE;
      }
  return FALSE;
}

char *
ps_venues_get_asset (const char *asset_or_symbol)
{
  char *asset = NULL;

  if (asset_or_symbol == NULL || *asset_or_symbol == '\0')
    return NULL;

  ps_venues_strip_quote (asset_or_symbol, &asset);
  if (g_str_equal (asset, "XBT"))
    {
      g_free (asset);
      return g_strdup ("BTC");
    }
  return asset;
}

char *
ps_venues_resolve_symbol (const char *venue,
                          const char *asset_or_symbol)
{
  g_autofree char *stripped = NULL;
  g_autofree char *asset = NULL;

  g_return_val_if_fail (asset_or_symbol != NULL, NULL);

  if (ps_venues_strip_quote (asset_or_symbol, &stripped) || *asset_or_symbol == '\0')
    return g_strdup (asset_or_symbol);   /* a symbol already: the venue's, we trust */

  asset = ps_venues_get_asset (asset_or_symbol);
  for (guint i = 0; i < G_N_ELEMENTS (symbol_forms); i++)
    if (g_strcmp0 (venue, symbol_forms[i].venue) == 0)
      return g_strconcat (g_str_equal (venue, "bitmex") && g_str_equal (asset, "BTC")
                          ? "XBT" : asset, symbol_forms[i].suffix, NULL);
  return g_strdup (asset_or_symbol);
}
