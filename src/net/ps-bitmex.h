/* ps-bitmex.h: BitMEX perpetuals (XBTUSD inverse, XBTUSDT linear), public market data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-http.h"
#include "ps-provider.h"
#include "ps-rest.h"

G_BEGIN_DECLS

#define PS_BITMEX_DEFAULT_REST "https://www.bitmex.com"

#define PS_TYPE_BITMEX (ps_bitmex_get_type ())
G_DECLARE_FINAL_TYPE (PsBitmex, ps_bitmex, PS, BITMEX, PsRestProvider)

/* rest_base NULL: $PERPSCOPE_BITMEX_REST, else PS_BITMEX_DEFAULT_REST; the
 * venue's paths (/api/v1/trade/bucketed …) are appended. Candles of 15m and
 * 4h are built from 5m and 1h buckets (BitMEX buckets 1m 5m 1h 1d only);
 * open interest is the instrument's snapshot (no history), stored at 1h. */
PsBitmex   *ps_bitmex_new           (PsHttp     *http,
                                     const char *rest_base);
const char *ps_bitmex_get_rest_base (PsBitmex   *self);

G_END_DECLS
