/* ps-binance-parse.h: Binance USDⓈ-M bodies → columnar series (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-series.h"

G_BEGIN_DECLS

/* Each parser validates every field it reads and returns NULL with a
 * PS_PARSE_ERROR naming the venue, the field and the row. A body that is a
 * Binance error envelope ({"code":…,"msg":…}) gives PS_NET_ERROR_VENUE with the
 * venue's message, or PS_NET_ERROR_UNKNOWN_SYMBOL for code -1121. */

/* GET /fapi/v1/klines: [[openTime, "o", "h", "l", "c", "v", closeTime, …, "takerBuyBase", …], …] */
PsCandles      *ps_binance_parse_klines          (const char  *data,
                                                  gsize        length,
                                                  GError     **error);
/* GET /api/v3/klines (Binance spot, api.binance.com): the same 12 fields as
 * the futures' klines, taker-buy base volume at index 9; errors name "Binance
 * spot klines". Spot volume may be 0 (an idle market, a mirror without volume). */
PsCandles      *ps_binance_parse_spot_klines     (const char  *data,
                                                  gsize        length,
                                                  GError     **error);
/* GET /fapi/v1/fundingRate: [{"fundingTime":…, "fundingRate":"…", "markPrice":"…"}, …] */
PsFunding      *ps_binance_parse_funding_rate    (const char  *data,
                                                  gsize        length,
                                                  GError     **error);
/* GET /futures/data/openInterestHist: [{"timestamp":…, "sumOpenInterest":"…",
 * "sumOpenInterestValue":"…"}, …]; timestamp as number or string. */
PsOpenInterest *ps_binance_parse_open_interest_hist (const char  *data,
                                                     gsize        length,
                                                     GError     **error);
/* GET /fapi/v1/time: {"serverTime":…} */
gboolean        ps_binance_parse_server_time     (const char  *data,
                                                  gsize        length,
                                                  gint64      *server_time_ms,
                                                  GError     **error);
/* GET /fapi/v1/openInterest: {"openInterest":"…", "symbol":…, "time":…}, the
 * current open interest as one row (contracts in the base asset; usd NAN). */
PsOpenInterest *ps_binance_parse_open_interest   (const char  *data,
                                                  gsize        length,
                                                  GError     **error);

/* GET /fapi/v1/premiumIndex?symbol=…: the mark price and the next settlement. */
typedef struct
{
  gint64 time_ms;
  double mark_price;
  double index_price;
  double funding_rate;          /* lastFundingRate: the rate of the next settlement */
  gint64 next_funding_time_ms;
} PsBinancePremiumIndex;

gboolean        ps_binance_parse_premium_index   (const char             *data,
                                                  gsize                   length,
                                                  PsBinancePremiumIndex  *premium_index,
                                                  GError                **error);

/* One <symbol>@forceOrder WebSocket event, bare or in the combined-stream
 * envelope {"stream":…,"data":{…}}, as one row: side PS_LIQ_LONG for a SELL
 * order (a long was liquidated), time o.T, price o.p, avg_price o.ap, and the
 * filled part: qty o.z, usd o.ap × o.z; an order with nothing filled (z or ap
 * 0) counts at o.p × o.q, avg_price NAN. Source PS_LIQ_SOURCE_LIVE. An event
 * of another symbol than symbol (case-insensitive; NULL: any) gives 0 rows. */
PsLiquidations *ps_binance_parse_force_order     (const char  *data,
                                                  gsize        length,
                                                  const char  *symbol,
                                                  GError     **error);

/* TRUE and fills code/message when data is an error envelope. */
gboolean        ps_binance_parse_error_envelope  (const char  *data,
                                                  gsize        length,
                                                  gint        *code,
                                                  char       **message);

G_END_DECLS
