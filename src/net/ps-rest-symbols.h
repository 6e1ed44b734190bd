/* ps-rest-symbols.h: a symbol checked against the venue's listing before its first page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-rest.h"

G_BEGIN_DECLS

/* Whether body (a 2xx answer to the check) lists symbol: FALSE with
 * PS_NET_ERROR_UNKNOWN_SYMBOL when it does not, another error when the answer
 * cannot tell. */
typedef gboolean (*PsRestSymbolCheck) (const char  *data,
                                       gsize        length,
                                       const char  *symbol,
                                       GError     **error);

/* BitMEX and Hyperliquid answer an unknown symbol's pages with [] — the
 * same as a stretch without data, which the sync would ask for again and
 * again. So before the first page of a symbol, ask check_uri (GET, or POST of
 * check_body when not NULL; of venue->time_weight, in the venue's bucket) once
 * and read it with check; a listed symbol goes
 * into known (owned by the provider, main thread), later pages go straight to
 * ps_rest_fetch_page_async (). */
void    ps_rest_fetch_checked_async  (const PsRestVenue    *venue,
                                      gpointer              provider,
                                      PsHttp               *http,
                                      GHashTable           *known,
                                      const PsPageRequest  *request,
                                      const char           *check_uri,
                                      const char           *check_body,
                                      PsRestSymbolCheck     check,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
PsPage *ps_rest_fetch_checked_finish (gpointer              provider,
                                      GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
