/* ps-binance-stream.h: Binance USDⓈ-M live liquidations and open-interest snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-binance.h"
#include "ps-stream.h"

G_BEGIN_DECLS

#define PS_TYPE_BINANCE_STREAM (ps_binance_stream_get_type ())
G_DECLARE_FINAL_TYPE (PsBinanceStream, ps_binance_stream, PS, BINANCE_STREAM, PsStream)

/* symbol's liquidations from <ws-base>/market/stream?streams=<symbol>@forceOrder
 * (the /market route: since 2026-04-23 the legacy /ws and /stream routes
 * accept the subscription and stay silent), and its open interest from
 * <rest-base>/fapi/v1/openInterest through binance's PsHttp (the venue's one
 * rate-limit bucket). The snapshot's usd is contracts × the mark price of
 * /fapi/v1/premiumIndex fetched right after it, as Binance values open
 * interest itself (sumOpenInterestValue). */
PsBinanceStream *ps_binance_stream_new (PsBinance  *binance,
                                        const char *symbol);

G_END_DECLS
