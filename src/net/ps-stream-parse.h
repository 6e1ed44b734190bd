/* ps-stream-parse.h: the liquidation WebSocket frames of Bybit, OKX and BitMEX → rows (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-series.h"

G_BEGIN_DECLS

/* Each parser reads one text frame and returns:
 *  - the liquidations of the market it was given (n ≥ 1), PS_LIQ_SOURCE_LIVE,
 *    side = the side of the position liquidated, qty in the coin, usd the
 *    notional at the frame's price, avg_price NAN (no venue sends a fill);
 *  - no rows (n = 0) for a frame that is no liquidation of that market: a
 *    pong, a subscription's acknowledgement, a welcome, another market's event;
 *  - NULL and PS_NET_ERROR_VENUE with the venue's words when the venue says
 *    no (a refused subscription, an unknown symbol);
 *  - NULL and PS_PARSE_ERROR naming the venue, the field and the row (from 0)
 *    for anything else: not JSON, a wrong type, an unknown operation.
 *
 * A venue's contract: size in the coin, or in USD for an inverse contract. */
typedef struct
{
  double   size;
  gboolean inverse;
} PsContractSize;

/* Bybit v5 linear, topic allLiquidation.<symbol>: {"topic", "type", "ts",
 * "data": [{"T": ms, "s": symbol, "S": "Buy"|"Sell", "v": size, "p": price}]}.
 * S is the side of the POSITION: "Buy" = a long was liquidated (Bybit's
 * docs, the opposite of Binance's order side). v is in the coin (linear
 * USDT contracts: 1 contract = 1 coin), p the bankruptcy price. Control
 * frames: {"op": "ping"|"pong"|"subscribe"|"unsubscribe", "success", "ret_msg"}. */
PsLiquidations *ps_bybit_parse_ws_frame  (const char           *data,
                                          gsize                 length,
                                          const char           *symbol,
                                          GError              **error);

/* OKX v5 /ws/v5/public, channel liquidation-orders (instType SWAP: every
 * swap of the venue): {"arg": {"channel"}, "data": [{"instId", "details":
 * [{"side", "posSide", "bkPx", "sz", "ts"}]}]}. Only inst_id's details are
 * read; the rest are skipped. posSide "long"/"short" is the position
 * liquidated; with "net" (one-way mode) the order side tells: "sell" closes a
 * long. sz counts contracts: × contract (0.01 BTC on BTC-USDT-SWAP; 100 USD on
 * the inverse BTC-USD-SWAP). bkPx is the bankruptcy price, ts ms as a string.
 * Control frames: "pong", {"event": "subscribe"|"unsubscribe"|"notice"|
 * "channel-conn-count"}; {"event": "error", "code", "msg"} is the venue's no. */
PsLiquidations *ps_okx_parse_ws_frame    (const char           *data,
                                          gsize                 length,
                                          const char           *inst_id,
                                          const PsContractSize *contract,
                                          GError              **error);

/* BitMEX /realtime, table liquidation: {"table", "action", "data": [{"orderID",
 * "symbol", "side", "price", "leavesQty"}]}. A liquidation ORDER is inserted,
 * then updated (leavesQty shrinks as it fills) and deleted: only "insert"
 * gives rows, at its leavesQty (the whole order), so each is counted once;
 * "partial" (orders working before we connected, of unknown start) gives
 * none. side is the order's: "Sell" closes a long. BitMEX sends no time: each
 * row is stamped now_ms, the arrival. XBTUSD is inverse, 1 contract = 1 USD;
 * XBTUSDT linear, 1 contract = 0.000001 XBT. order_ids (optional) receives
 * each row's orderID when there are rows (else NULL), for the caller to drop
 * an order seen before. Control
 * frames: "pong", the welcome {"info"}, {"success", "subscribe"}; {"status",
 * "error"} and {"error"} are the venue's no. */
PsLiquidations *ps_bitmex_parse_ws_frame (const char           *data,
                                          gsize                 length,
                                          const char           *symbol,
                                          const PsContractSize *contract,
                                          gint64                now_ms,
                                          GPtrArray           **order_ids,
                                          GError              **error);

G_END_DECLS
