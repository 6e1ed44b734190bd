/* ps-venues.h: the venues Perpscope knows, by their command-line names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-http.h"
#include "ps-provider.h"
#include "ps-stream.h"

G_BEGIN_DECLS

/* NULL-terminated: "binance", … — the perpetuals' venues a user picks from
 * (the window's drop-down, --venue). Spot venues are not among them. */
const char * const *ps_venues_list     (void);
/* The venue of the spot market beside venue's perpetuals ("binance" →
 * "binance-spot"), whose candles a market shows with the perpetual's; NULL
 * when Perpscope knows none. */
const char         *ps_venues_get_spot_venue (const char *venue);
/* Whether venue is a spot companion (candles only, never offered as a venue
 * of its own). */
gboolean            ps_venues_is_spot  (const char  *venue);
/* A provider for venue, listed or spot (its base URLs from the environment),
 * or NULL with a PS_NET_ERROR_FAILED naming the known venues. */
PsProvider         *ps_venues_create   (const char  *venue,
                                        PsHttp      *http,
                                        GError     **error);

/* venue's live feed of symbol (not started), its REST calls through http
 * (the venue's one bucket); NULL and the same error for an unknown venue,
 * PS_NET_ERROR_FAILED "Hyperliquid publishes no liquidation feed" for
 * Hyperliquid, PS_NET_ERROR_UNKNOWN_SYMBOL for a contract Perpscope cannot
 * size (OKX, BitMEX). */
PsStream           *ps_venues_create_stream (const char  *venue,
                                             PsHttp      *http,
                                             const char  *symbol,
                                             GError     **error);

/* The asset a symbol trades, in capitals: "BTC" of "BTCUSDT", "BTC-USDT-SWAP",
 * "XBTUSD" (BitMEX calls bitcoin XBT), "BTC" and "btc"; the quote
 * (USDT, USD, -SWAP) stripped. Newly allocated; NULL for an empty string. */
char               *ps_venues_get_asset      (const char *asset_or_symbol);
/* venue's own symbol of the perpetual of an asset ("BTC" → binance and bybit
 * BTCUSDT, okx BTC-USDT-SWAP, bitmex XBTUSD, hyperliquid BTC), or, given a
 * symbol rather than a bare asset, that symbol unchanged (a venue's own
 * symbol passes through; a venue unknown here too). Newly allocated. */
char               *ps_venues_resolve_symbol (const char *venue,
                                              const char *asset_or_symbol);

G_END_DECLS
