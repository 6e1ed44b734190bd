/* ps-binance-spot.h: Binance spot candles, the companion of the USDⓈ-M perpetuals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-http.h"
#include "ps-provider.h"
#include "ps-rest.h"

G_BEGIN_DECLS

/* The cache's and the registry's key: spot candles are stored under it, beside
 * the perpetuals' "binance", with no table of their own. */
#define PS_BINANCE_SPOT_VENUE        "binance-spot"
#define PS_BINANCE_SPOT_DEFAULT_REST "https://api.binance.com"

#define PS_TYPE_BINANCE_SPOT (ps_binance_spot_get_type ())
G_DECLARE_FINAL_TYPE (PsBinanceSpot, ps_binance_spot, PS, BINANCE_SPOT, PsRestProvider)

/* Candles only (GET /api/v3/klines): funding and open interest are a
 * perpetual's, asking for them fails with PS_NET_ERROR_FAILED. rest_base NULL:
 * $PERPSCOPE_BINANCE_SPOT_REST, else PS_BINANCE_SPOT_DEFAULT_REST. Its own
 * rate-limit bucket ("Binance spot"): spot weights are counted apart from the
 * futures' by Binance. */
PsBinanceSpot *ps_binance_spot_new           (PsHttp        *http,
                                              const char    *rest_base);
const char    *ps_binance_spot_get_rest_base (PsBinanceSpot *self);

G_END_DECLS
