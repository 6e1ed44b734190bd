/* ps-bybit.h: Bybit v5 linear perpetuals, public market data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-http.h"
#include "ps-provider.h"
#include "ps-rest.h"

G_BEGIN_DECLS

#define PS_BYBIT_VENUE        "bybit"
#define PS_BYBIT_DEFAULT_REST "https://api.bybit.com"

#define PS_TYPE_BYBIT (ps_bybit_get_type ())
G_DECLARE_FINAL_TYPE (PsBybit, ps_bybit, PS, BYBIT, PsRestProvider)

/* Symbols are Bybit's own (BTCUSDT), category linear. rest_base NULL:
 * $PERPSCOPE_BYBIT_REST, else PS_BYBIT_DEFAULT_REST; the venue's paths
 * (/v5/market/kline …) are appended. */
PsBybit *ps_bybit_new             (PsHttp     *http,
                                   const char *rest_base);

/* A non-2xx answer of Bybit in words: its envelope where it sent one
 * (10001 "Not supported symbols": an unknown symbol), a 403 as Bybit's
 * ten-minute block of the address (PS_NET_ERROR_RATE_LIMITED), a 5xx as
 * PS_NET_ERROR_HTTP_STATUS. */
GError  *ps_bybit_status_error    (const PsRestVenue *venue,
                                   GBytes            *body,
                                   guint              status,
                                   const char        *symbol);

G_END_DECLS
