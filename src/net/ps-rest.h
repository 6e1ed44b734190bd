/* ps-rest.h: what every REST venue's provider shares: base URL, page fetch, clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-http.h"
#include "ps-provider.h"

G_BEGIN_DECLS

typedef struct _PsRestVenue PsRestVenue;

/* One venue's side of the fetch, a static table in its provider's file: the
 * fetch itself (HTTP, worker-thread parse, [from, to) slice, error wording) is
 * the same for all. */
struct _PsRestVenue
{
  /* "Binance": the PsHttp rate-limit bucket, and the venue named in errors. */
  const char *display_name;

  /* The URI and weight of request, or an error for what the venue cannot
   * serve. provider is the object passed to ps_rest_fetch_page_async (). */
  char     *(*page_uri)     (gpointer              provider,
                             const PsPageRequest  *request,
                             double               *weight,
                             GError              **error);
  /* "BTCUSDT 4h": the market, prefixed to the parser's errors (which name the
   * venue and the kind already). */
  char     *(*page_context) (const PsPageRequest  *request);
  /* A non-2xx answer in words; symbol is "" for the clock. */
  GError   *(*status_error) (const PsRestVenue    *venue,
                             GBytes               *body,
                             guint                 status,
                             const char           *symbol);
  /* Called on a worker thread: the rows of a 2xx body as the venue sent them
   * (sliced to [from, to) afterwards). Must be a pure function of the bytes. */
  PsPage   *(*parse_page)   (PsSeriesKind          kind,
                             const char           *data,
                             gsize                 length,
                             GError              **error);
  gboolean  (*parse_time)   (const char           *data,
                             gsize                 length,
                             gint64               *time_ms,
                             GError              **error);
};

/* base when set and not "", else $env_var when set and not "", else
 * default_base; trailing '/' removed (the venue's paths are appended). */
char   *ps_rest_resolve_base            (const char           *base,
                                         const char           *env_var,
                                         const char           *default_base);

/* PS_NET_ERROR_UNKNOWN_SYMBOL: "<venue> does not list the symbol “<symbol>”". */
GError *ps_rest_unknown_symbol          (const PsRestVenue    *venue,
                                         const char           *symbol);

/* PsProvider.fetch_page_async for venue: an empty symbol is an unknown one,
 * venue->page_uri's error is returned as is, an empty [from, to) gives an
 * empty page without a request; else GET on http (bucket display_name), the
 * body parsed on a worker thread and sliced to [from, to). provider is the
 * task's source object. */
void    ps_rest_fetch_page_async        (const PsRestVenue    *venue,
                                         gpointer              provider,
                                         PsHttp               *http,
                                         const PsPageRequest  *request,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
PsPage *ps_rest_fetch_page_finish       (gpointer              provider,
                                         GAsyncResult         *result,
                                         GError              **error);

/* PsProvider.get_server_time_async: GET uri, read by venue->parse_time. */
void    ps_rest_get_server_time_async   (const PsRestVenue    *venue,
                                         gpointer              provider,
                                         PsHttp               *http,
                                         const char           *uri,
                                         double                weight,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* 0 on error: no venue's clock reads 1970. */
gint64  ps_rest_get_server_time_finish  (gpointer              provider,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
