/* ps-bybit-parse.h: Bybit v5 (linear) bodies → columnar series (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-series.h"

G_BEGIN_DECLS

/* Every Bybit answer is an envelope {"retCode":0,"retMsg":"OK","result":{…},
 * "time":…}, and errors mostly come inside HTTP 200. Each parser checks the
 * envelope first: retCode ≠ 0 gives PS_NET_ERROR_UNKNOWN_SYMBOL for
 * 10001 "Not supported symbols", PS_NET_ERROR_RATE_LIMITED for 10006, else
 * PS_NET_ERROR_VENUE with Bybit's message and code. Then it validates every
 * field it reads and returns NULL with a PS_PARSE_ERROR naming the venue,
 * the field and the row (counted as sent). Bybit sends rows newest first;
 * the series come back oldest first, and a row out of that order is an error. */

/* GET /v5/market/kline: result.list = [["startTime","o","h","l","c","volume",
 * "turnover"], …]. Linear volume is in the base coin (BTC), turnover (quote,
 * USDT) is not kept; taker-buy volume is not given (NAN). */
PsCandles      *ps_bybit_parse_kline           (const char  *data,
                                                gsize        length,
                                                GError     **error);
/* GET /v5/market/funding/history: result.list = [{"symbol","fundingRate",
 * "fundingRateTimestamp"}, …]; mark price not given (NAN). */
PsFunding      *ps_bybit_parse_funding_history (const char  *data,
                                                gsize        length,
                                                GError     **error);
/* GET /v5/market/open-interest: result.list = [{"openInterest",
 * "singleOpenInterest", "timestamp"}, …]. Linear contracts are in the base
 * coin (1 contract = 1 BTC on BTCUSDT). Since 2026-06-11 openInterest counts
 * both sides and singleOpenInterest one side, the usual meaning (Binance's):
 * contracts is singleOpenInterest where sent, else openInterest. usd: NAN (the
 * history gives no value). */
PsOpenInterest *ps_bybit_parse_open_interest   (const char  *data,
                                                gsize        length,
                                                GError     **error);
/* GET /v5/market/time: result.timeNano (else timeSecond) in ms. */
gboolean        ps_bybit_parse_server_time     (const char  *data,
                                                gsize        length,
                                                gint64      *server_time_ms,
                                                GError     **error);
/* TRUE, with error set as above, when data is an envelope with retCode ≠ 0. */
gboolean        ps_bybit_parse_error_envelope  (const char  *data,
                                                gsize        length,
                                                GError     **error);

G_END_DECLS
