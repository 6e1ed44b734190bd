/* ps-binance.h: Binance USDⓈ-M futures, public market data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-binance-parse.h"
#include "ps-http.h"
#include "ps-provider.h"
#include "ps-rest.h"

G_BEGIN_DECLS

#define PS_BINANCE_DEFAULT_REST "https://fapi.binance.com"
#define PS_BINANCE_DEFAULT_WS   "wss://fstream.binance.com"

#define PS_TYPE_BINANCE (ps_binance_get_type ())
G_DECLARE_FINAL_TYPE (PsBinance, ps_binance, PS, BINANCE, PsRestProvider)

/* rest_base NULL: $PERPSCOPE_BINANCE_REST, else PS_BINANCE_DEFAULT_REST.
 * The venue's paths (/fapi/v1/klines …) are appended to the base. */
PsBinance  *ps_binance_new           (PsHttp     *http,
                                      const char *rest_base);
const char *ps_binance_get_rest_base (PsBinance  *self);
/* The "ws-base" property, else $PERPSCOPE_BINANCE_WS, else PS_BINANCE_DEFAULT_WS;
 * stream paths are appended. */
const char *ps_binance_get_ws_base   (PsBinance  *self);
PsHttp     *ps_binance_get_http      (PsBinance  *self);

/* A non-2xx answer of any Binance host in words, naming venue: its error
 * envelope where it sent one (-1121: an unknown symbol). A 5xx stays
 * PS_NET_ERROR_HTTP_STATUS (later may work); a 4xx envelope is
 * PS_NET_ERROR_VENUE. The status_error of the Binance PsRestVenues. */
/* GET /fapi/v1/premiumIndex?symbol=: the mark price and the next
 * settlement's predicted rate (ps-binance-premium.c). */
void        ps_binance_get_premium_index_async  (PsBinance              *self,
                                                 const char             *symbol,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
gboolean    ps_binance_get_premium_index_finish (PsBinance              *self,
                                                 GAsyncResult           *result,
                                                 PsBinancePremiumIndex  *premium_index,
                                                 GError                **error);

GError     *ps_binance_status_error  (const PsRestVenue *venue,
                                      GBytes            *body,
                                      guint              status,
                                      const char        *symbol);

G_END_DECLS
