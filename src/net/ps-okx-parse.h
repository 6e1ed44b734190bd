/* ps-okx-parse.h: OKX v5 (SWAP) bodies → columnar series (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-series.h"

G_BEGIN_DECLS

/* Every OKX answer is an envelope {"code":"0","msg":"","data":[…]} — code is a
 * string — and many errors come inside HTTP 200. Each parser checks it first:
 * code ≠ "0" gives PS_NET_ERROR_UNKNOWN_SYMBOL for 51001 ("Instrument ID does
 * not exist"), PS_NET_ERROR_RATE_LIMITED for 50011, else PS_NET_ERROR_VENUE
 * with OKX's message and code. Then every field read is validated; errors are
 * PS_PARSE_ERROR naming the venue, the field and the row as sent. OKX sends
 * rows newest first; the series come back oldest first.
 *
 * Contract size: a SWAP contract is ctVal of the coin (GET
 * /api/v5/public/instruments): 0.01 BTC on BTC-USDT-SWAP, 0.1 ETH on
 * ETH-USDT-SWAP; 100 USD on the inverse BTC-USD-SWAP. The parsers never need
 * it: OKX sends the coin amount (oiCcy, volCcy) beside the contracts. */

/* GET /api/v5/market/candles and /history-candles: data = [["ts","o","h","l",
 * "c","vol","volCcy","volCcyQuote","confirm"], …]. volume is volCcy, the coin
 * (BTC for BTC-USDT-SWAP; vol counts contracts); taker-buy volume NAN.
 * confirm "0" (still forming) is kept: the sync knows an open candle. */
PsCandles      *ps_okx_parse_candles         (const char  *data,
                                              gsize        length,
                                              GError     **error);
/* GET /api/v5/public/funding-rate-history: data = [{"fundingTime",
 * "realizedRate", "fundingRate", …}, …]. rate is realizedRate (what was paid)
 * where sent and not empty, else fundingRate; mark price NAN. */
PsFunding      *ps_okx_parse_funding_history (const char  *data,
                                              gsize        length,
                                              GError     **error);
/* GET /api/v5/rubik/stat/contracts/open-interest-history: data = [["ts",
 * "oi","oiCcy","oiUsd"], …]: contracts is oiCcy (coin), usd oiUsd. */
PsOpenInterest *ps_okx_parse_open_interest_history (const char  *data,
                                                    gsize        length,
                                                    GError     **error);
/* GET /api/v5/public/open-interest?instId=…: the current open interest as one
 * row, contracts oiCcy, usd oiUsd (NAN where not sent: older answers). */
PsOpenInterest *ps_okx_parse_open_interest   (const char  *data,
                                              gsize        length,
                                              GError     **error);
/* GET /api/v5/public/time: data = [{"ts":"…"}]. */
gboolean        ps_okx_parse_server_time     (const char  *data,
                                              gsize        length,
                                              gint64      *server_time_ms,
                                              GError     **error);
/* TRUE, with error set as above, when data is an envelope with code ≠ "0". */
gboolean        ps_okx_parse_error_envelope  (const char  *data,
                                              gsize        length,
                                              GError     **error);

G_END_DECLS
