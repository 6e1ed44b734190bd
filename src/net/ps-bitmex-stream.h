/* ps-bitmex-stream.h: BitMEX live liquidations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-stream.h"

G_BEGIN_DECLS

#define PS_TYPE_BITMEX_STREAM (ps_bitmex_stream_get_type ())
G_DECLARE_FINAL_TYPE (PsBitmexStream, ps_bitmex_stream, PS, BITMEX_STREAM, PsStream)

/* symbol's liquidations ("XBTUSD" inverse, 1 contract = 1 USD; "XBTUSDT"
 * linear, 1 contract = 0.000001 XBT; any other: NULL and
 * PS_NET_ERROR_UNKNOWN_SYMBOL) from <ws-base>/realtime?subscribe=liquidation:
 * <symbol>. BitMEX streams liquidation ORDERS: each is recorded once, at its
 * insert, with its whole size, stamped when it arrived (BitMEX sends no time);
 * updates and deletes add nothing, and an orderID inserted again (the last
 * 4096 remembered, across reconnects) is dropped. The text "ping" every 20 s.
 * ws_base NULL: $PERPSCOPE_BITMEX_WS, else wss://ws.bitmex.com. */
PsBitmexStream *ps_bitmex_stream_new (const char  *ws_base,
                                      const char  *symbol,
                                      GError     **error);

G_END_DECLS
