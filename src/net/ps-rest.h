/* ps-rest.h: what every REST venue's provider shares: base URL, page fetch, clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-http.h"
#include "ps-provider.h"

G_BEGIN_DECLS

typedef struct _PsRestVenue PsRestVenue;

/* Empty windows one page request may walk through (see page_window_end). */
#define PS_REST_MAX_EMPTY_WINDOWS 100

/* One venue's side of the fetch, a static table in its provider's file: the
 * fetch itself (HTTP, worker-thread parse, [from, to) slice, error wording) is
 * the same for all. */
struct _PsRestVenue
{
  /* "binance": PsProvider's venue, the cache's key. */
  const char *venue;
  /* "Binance": the PsHttp rate-limit bucket, and the venue named in errors. */
  const char *display_name;
  /* PsRestProvider's "rest-base" when unset: $env_rest, else default_rest. */
  const char *env_rest;
  const char *default_rest;
  /* The bucket (see ps_http_set_rate_limit ()); usage_header may be NULL,
   * and remaining_header (see ps_http_set_remaining_header ()), at the
   * table's end, too. */
  double      rate_capacity;
  double      rate_per_second;
  const char *usage_header;
  /* The venue's clock: GET rest-base + time_path, of time_weight. */
  const char *time_path;
  double      time_weight;

  /* The URI and weight of request, or an error for what the venue cannot
   * serve. provider is the object passed to ps_rest_fetch_page_async (). */
  char     *(*page_uri)     (gpointer              provider,
                             const PsPageRequest  *request,
                             double               *weight,
                             GError              **error);
  /* NULL for a venue that answers the oldest rows from the request's from_ms
   * on (Binance). A venue that answers the newest rows of a range (Bybit,
   * OKX) is asked one window of at most a page of rows at a time, and this
   * says where the window page_uri asked for ends (exclusive). A window that
   * answers empty twice is followed by the next one, up to the request's
   * to_ms (at most PS_REST_MAX_EMPTY_WINDOWS of them), so that a page still
   * holds the oldest rows from from_ms on: a market listed after from_ms
   * answers its first rows, as Binance does. */
  gint64    (*page_window_end) (gpointer             provider,
                                const PsPageRequest *request);
  /* "BTCUSDT 4h": the market, prefixed to the parser's errors (which name the
   * venue and the kind already). */
  char     *(*page_context) (const PsPageRequest  *request);
  /* A non-2xx answer in words; symbol is "" for the clock. */
  GError   *(*status_error) (const PsRestVenue    *venue,
                             GBytes               *body,
                             guint                 status,
                             const char           *symbol);
  /* Called on a worker thread: the rows of a 2xx body as the venue sent them
   * (sliced to [from, to) afterwards), one parser a kind; NULL for a kind
   * page_uri refuses. Pure functions of the bytes. Unused when parse_request
   * is set. */
  PsCandles      *(*parse_candles)       (const char  *data,
                                          gsize        length,
                                          GError     **error);
  PsFunding      *(*parse_funding)       (const char  *data,
                                          gsize        length,
                                          GError     **error);
  PsOpenInterest *(*parse_open_interest) (const char  *data,
                                          gsize        length,
                                          GError     **error);
  gboolean  (*parse_time)   (const char           *data,
                             gsize                 length,
                             gint64               *time_ms,
                             GError              **error);
  /* Optional: the JSON body of request, POSTed to page_uri's URI instead of
   * a GET (Hyperliquid reads everything by POST /info); NULL and error for
   * what the venue cannot serve. NULL callback: pages are GET. */
  char     *(*page_body)    (gpointer              provider,
                             const PsPageRequest  *request,
                             GError              **error);
  /* Optional, in place of parse_candles … when the rows depend on the request
   * (BitMEX stamps a bucket's end: the interval shifts it; Hyperliquid's
   * contexts are found by coin). Worker thread, pure but for the clock. */
  PsPage   *(*parse_request) (const PsPageRequest *request,
                              const char          *data,
                              gsize                length,
                              GError             **error);
  const char *remaining_header;
  /* Besides 418, the status by which the venue blocks the address (Bybit
   * 403), 0 for none, and how long a ban lasts when the answer does not say
   * (0: 120 s); see ps_http_set_ban (). */
  guint       ban_status;
  guint       ban_default_s;
  /* The venue's rate-limit error in a small body of any status (OKX 50011
   * in an HTTP 200), or NULL; see ps_http_set_limited_body (). */
  PsHttpLimitedFunc limited_body;
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
 * empty page without a request; else GET (POST of venue->page_body, when
 * set) on http (bucket display_name), the
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

/* The base of a venue's provider: the construct-only properties "http" (NULL:
 * a PsHttp of its own) and "rest-base" (see PsRestVenue), the venue's rate
 * limit set on the PsHttp (the same bucket for every provider of the venue on
 * that PsHttp: setting it again does not refill it), and PsProvider's venue,
 * display name, page fetch and clock from the class's venue table. A subclass
 * sets venue in its class_init and implements PsProvider again for the page
 * limits, horizons and storage intervals (the rest is inherited). */
#define PS_TYPE_REST_PROVIDER (ps_rest_provider_get_type ())
G_DECLARE_DERIVABLE_TYPE (PsRestProvider, ps_rest_provider, PS, REST_PROVIDER, GObject)

struct _PsRestProviderClass
{
  GObjectClass        parent_class;

  const PsRestVenue  *venue;
};

PsHttp     *ps_rest_provider_get_http      (PsRestProvider *self);
/* No trailing '/': the venue's paths are appended. */
const char *ps_rest_provider_get_rest_base (PsRestProvider *self);

G_END_DECLS
