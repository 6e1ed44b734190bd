/* ps-bybit-stream.h: Bybit v5 linear live liquidations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-stream.h"

G_BEGIN_DECLS

#define PS_TYPE_BYBIT_STREAM (ps_bybit_stream_get_type ())
G_DECLARE_FINAL_TYPE (PsBybitStream, ps_bybit_stream, PS, BYBIT_STREAM, PsStream)

/* symbol's liquidations ("BTCUSDT") from <ws-base>/v5/public/linear, topic
 * allLiquidation.<symbol> (every liquidation, pushed every 500 ms), asked by
 * {"op":"subscribe"} once connected; {"op":"ping"} every 20 s, as Bybit asks
 * (it cuts a public connection after 10 minutes without one). ws_base NULL:
 * $PERPSCOPE_BYBIT_WS, else wss://stream.bybit.com. No open-interest polls. */
PsBybitStream *ps_bybit_stream_new (const char *ws_base,
                                    const char *symbol);

G_END_DECLS
