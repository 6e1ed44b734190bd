/* ps-hyperliquid.h: Hyperliquid perpetuals, public market data (POST /info)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-http.h"
#include "ps-provider.h"
#include "ps-rest.h"

G_BEGIN_DECLS

#define PS_HYPERLIQUID_DEFAULT_REST "https://api.hyperliquid.xyz"

#define PS_TYPE_HYPERLIQUID (ps_hyperliquid_get_type ())
G_DECLARE_FINAL_TYPE (PsHyperliquid, ps_hyperliquid, PS, HYPERLIQUID, PsRestProvider)

/* rest_base NULL: $PERPSCOPE_HYPERLIQUID_REST, else PS_HYPERLIQUID_DEFAULT_REST;
 * every read is POST rest_base/info. Symbols are coin names ("BTC"). Open
 * interest is the current snapshot (no history), stored at 1h; the clock is
 * the local one (Hyperliquid has no time endpoint). Hyperliquid publishes no
 * liquidation feed: the UI must say so rather than show none. */
PsHyperliquid *ps_hyperliquid_new           (PsHttp        *http,
                                             const char    *rest_base);
const char    *ps_hyperliquid_get_rest_base (PsHyperliquid *self);

G_END_DECLS
