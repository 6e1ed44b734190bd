/* ps-bitmex-parse.h: BitMEX bodies → columnar series (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-series.h"

G_BEGIN_DECLS

/* Each parser validates every field it reads and returns NULL with a
 * PS_PARSE_ERROR naming "BitMEX", the kind, the field and the row (rows count
 * from 0). A body that is BitMEX's error envelope ({"error":{"message":…,
 * "name":…}}) gives PS_NET_ERROR_VENUE with its message. Numbers are JSON
 * numbers, times ISO-8601 strings ("2015-09-25T13:38:00.000Z").
 *
 * Contract sizes: XBTUSD is inverse, 1 contract = 1 USD (settled in XBt,
 * satoshis); XBTUSDT is linear, 1 contract = 0.000001 XBT
 * (underlyingToPositionMultiplier 1,000,000), settled in USDt (1e-6 USDT). */

/* GET /api/v1/trade/bucketed: [{"timestamp", "open", "high", "low", "close",
 * "homeNotional", …}, …], oldest first. BitMEX stamps the END of a bucket:
 * every row moves back by bin_ms to its open time. Volume is homeNotional,
 * the base coin (XBT) for both the inverse and the linear contract, not the
 * contract count ("volume"); taker-buy volume is not given (NAN). */
PsCandles      *ps_bitmex_parse_trade_bucketed (const char  *data,
                                                gsize        length,
                                                gint64       bin_ms,
                                                GError     **error);
/* GET /api/v1/funding: [{"timestamp", "fundingRate", …}, …], oldest first;
 * fundingRate per interval (not the daily restatement); mark price NAN. */
PsFunding      *ps_bitmex_parse_funding        (const char  *data,
                                                gsize        length,
                                                GError     **error);
/* GET /api/v1/instrument?symbol=…: the one instrument's open interest as one
 * row at its "timestamp": contracts in the base coin (XBT), usd the notional
 * at markPrice (see the contract sizes above). BitMEX keeps no open-interest
 * history: this snapshot is all there is. [] (no such instrument) gives
 * PS_NET_ERROR_UNKNOWN_SYMBOL. */
PsOpenInterest *ps_bitmex_parse_instrument     (const char  *data,
                                                gsize        length,
                                                GError     **error);
/* The "timestamp" of the first instrument of the same answer: BitMEX has no
 * clock endpoint; XBTUSD's instrument is updated every few seconds. */
gboolean        ps_bitmex_parse_server_time    (const char  *data,
                                                gsize        length,
                                                gint64      *server_time_ms,
                                                GError     **error);
/* TRUE and fills name/message when data is an error envelope. */
gboolean        ps_bitmex_parse_error_envelope (const char  *data,
                                                gsize        length,
                                                char       **name,
                                                char       **message);

G_END_DECLS
