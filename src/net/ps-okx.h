/* ps-okx.h: OKX v5 perpetual swaps, public market data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-http.h"
#include "ps-provider.h"
#include "ps-rest.h"

G_BEGIN_DECLS

#define PS_OKX_VENUE        "okx"
#define PS_OKX_DEFAULT_REST "https://www.okx.com"

#define PS_TYPE_OKX (ps_okx_get_type ())
G_DECLARE_FINAL_TYPE (PsOkx, ps_okx, PS, OKX, PsRestProvider)

/* Symbols are OKX's instrument ids (BTC-USDT-SWAP). rest_base NULL:
 * $PERPSCOPE_OKX_REST, else PS_OKX_DEFAULT_REST; the venue's paths
 * (/api/v5/market/candles …) are appended. */
PsOkx  *ps_okx_new          (PsHttp            *http,
                             const char        *rest_base);

/* A non-2xx answer of OKX in words: its envelope where it sent one (51001:
 * an unknown symbol, 50011: rate-limited), a 5xx as PS_NET_ERROR_HTTP_STATUS. */
GError *ps_okx_status_error (const PsRestVenue *venue,
                             GBytes            *body,
                             guint              status,
                             const char        *symbol);

G_END_DECLS
