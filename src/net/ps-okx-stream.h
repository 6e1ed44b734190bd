/* ps-okx-stream.h: OKX v5 swap live liquidations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-stream.h"

G_BEGIN_DECLS

#define PS_TYPE_OKX_STREAM (ps_okx_stream_get_type ())
G_DECLARE_FINAL_TYPE (PsOkxStream, ps_okx_stream, PS, OKX_STREAM, PsStream)

/* inst_id's liquidations ("BTC-USDT-SWAP") from <ws-base>/ws/v5/public,
 * channel liquidation-orders of instType SWAP, asked by {"op":"subscribe"}
 * once connected. The channel carries every swap of OKX: only inst_id's
 * events are kept (the others count as frames, not events). The text "ping"
 * every 20 s: OKX closes a connection quiet for 30 s. Sizes come in
 * contracts, each a fixed amount Perpscope knows for the swaps below (OKX's
 * ctVal); any other instrument: NULL and PS_NET_ERROR_UNKNOWN_SYMBOL.
 *   BTC-USDT-SWAP 0.01 BTC   ETH-USDT-SWAP 0.1 ETH   SOL-USDT-SWAP 1 SOL
 *   BTC-USD-SWAP 100 USD     ETH-USD-SWAP 10 USD     (inverse)
 * ws_base NULL: $PERPSCOPE_OKX_WS, else wss://ws.okx.com:8443. */
PsOkxStream *ps_okx_stream_new (const char  *ws_base,
                                const char  *inst_id,
                                GError     **error);

G_END_DECLS
