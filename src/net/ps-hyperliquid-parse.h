/* ps-hyperliquid-parse.h: Hyperliquid POST /info bodies → columnar series (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-series.h"

G_BEGIN_DECLS

/* Each parser validates every field it reads and returns NULL with a
 * PS_PARSE_ERROR naming "Hyperliquid", the kind, the field and the row (rows
 * count from 0). Prices, sizes and rates are decimal strings; times and
 * counts JSON integers (ms, UTC). Hyperliquid has no JSON error envelope:
 * its errors are HTTP 4xx with a text body. Symbols are coin names ("BTC").
 * Hyperliquid publishes no liquidation feed. */

/* {"type":"candleSnapshot"}: [{"t": open ms, "T": close ms, "s", "i", "o",
 * "c", "h", "l", "v": base volume, "n": trades}, …], oldest first; taker-buy
 * volume is not given (NAN). */
PsCandles      *ps_hyperliquid_parse_candles   (const char  *data,
                                                gsize        length,
                                                GError     **error);
/* {"type":"fundingHistory"}: [{"coin", "fundingRate", "premium", "time"}, …],
 * oldest first. fundingRate is per period (hourly since mid-2023); time
 * carries ms of jitter (1683849600048) and is rounded to the nearest hour.
 * Mark price NAN. */
PsFunding      *ps_hyperliquid_parse_funding   (const char  *data,
                                                gsize        length,
                                                GError     **error);
/* {"type":"metaAndAssetCtxs"}: [{"universe": [{"name"}, …]}, [ctx, …]], the
 * contexts index-aligned with the universe. coin's open interest as one row
 * at time_ms (the answer carries no time): contracts in coin units, usd at
 * markPx (oraclePx when markPx is null). A coin not in the universe gives
 * PS_NET_ERROR_UNKNOWN_SYMBOL. Snapshot only: there is no history. */
PsOpenInterest *ps_hyperliquid_parse_asset_ctx (const char  *data,
                                                gsize        length,
                                                const char  *coin,
                                                gint64       time_ms,
                                                GError     **error);

G_END_DECLS
