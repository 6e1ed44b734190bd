/* ps-http.h: the app's one HTTP client: rate limits, retries, size cap, cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PS_TYPE_HTTP (ps_http_get_type ())
G_DECLARE_FINAL_TYPE (PsHttp, ps_http, PS, HTTP, GObject)

PsHttp *ps_http_new                 (void);

/* Seconds without a complete answer before a request counts as timed out (default 30). */
void    ps_http_set_timeout         (PsHttp               *self,
                                     guint                 seconds);
/* Retries of 5xx, timeouts, resets and short 429/418 waits (default 4).
 * Each retry emits "retrying" (venue, uri, attempt, max_attempts, reason,
 * delay_ms): attempt is the one that comes next, reason says in words why
 * the last one failed ("no answer within 30 s", "HTTP 503 Service Unavailable"). */
void    ps_http_set_max_retries     (PsHttp               *self,
                                     guint                 max_retries);
/* No retry of a timeout, 5xx or reset starts later than this after the first
 * attempt went out, and an attempt's timeout is cut to what is left of it
 * (default 90 s; 0: none). Waits a 429/418 asks for are not cut. The error
 * then says how many attempts were made over how long. */
void    ps_http_set_deadline        (PsHttp               *self,
                                     guint                 seconds);
/* First backoff (doubles each retry, with jitter; default 500 ms). */
void    ps_http_set_backoff         (PsHttp               *self,
                                     guint                 first_ms);
/* A Retry-After longer than this fails at once with PS_NET_ERROR_RATE_LIMITED
 * instead of waiting (default 60 s). */
void    ps_http_set_max_retry_wait  (PsHttp               *self,
                                     guint                 seconds);
/* Per-venue token bucket: capacity weight units, refilled at per_second. One
 * bucket per venue for the whole PsHttp: setting the same venue again keeps
 * what is left in it (it is not refilled). A 429/418 of any request pauses
 * every request of the venue until the wait the venue asked for is over. */
void    ps_http_set_rate_limit      (PsHttp               *self,
                                     const char           *venue,
                                     double                capacity,
                                     double                per_second);
/* A response header holding the venue's count of the weight used in its
 * window (Binance: "X-MBX-USED-WEIGHT-1M"). When the venue counts more than
 * capacity minus what is left in the bucket, the bucket drains to match, so
 * the next requests wait. NULL: none. */
void    ps_http_set_usage_header    (PsHttp               *self,
                                     const char           *venue,
                                     const char           *header);
/* A response header holding what remains of the venue's budget in its window
 * (BitMEX: "x-ratelimit-remaining"): when it is less than the bucket holds,
 * the bucket drains to it. NULL: none. */
void    ps_http_set_remaining_header (PsHttp              *self,
                                      const char          *venue,
                                      const char          *header);
/* HTTP 418 means the venue banned the address, at every venue; status (if
 * not 0) does too at this one (Bybit: 403 "access too frequent"), and
 * default_seconds is how long a ban lasts when the answer does not say (in
 * Retry-After or Binance's "banned until"; default 120 s, Binance's
 * shortest). A ban no longer than the max retry wait pauses the venue like a
 * 429; a longer one fails every request of the venue, those waiting and those
 * to come, until it ends: PS_NET_ERROR_RATE_LIMITED, saying until when
 * ("Binance has banned this IP address until 14:05 UTC: too many requests").
 * Nothing is sent to the venue in the meantime. */
void    ps_http_set_ban             (PsHttp               *self,
                                     const char           *venue,
                                     guint                 status,
                                     guint                 default_seconds);
/* Whether a small body (of any status) is the venue's own rate-limit error:
 * OKX's 50011 and Bybit's 10006 come inside an HTTP 200. */
typedef gboolean (*PsHttpLimitedFunc) (const guint8 *data,
                                       gsize         length);
/* Such an answer is waited out and asked again like a 429 without
 * Retry-After. NULL: none. */
void    ps_http_set_limited_body    (PsHttp               *self,
                                     const char           *venue,
                                     PsHttpLimitedFunc     func);
/* Bodies larger than this fail with PS_NET_ERROR_TOO_LARGE (default 32 MiB). */
void    ps_http_set_max_body_size   (PsHttp               *self,
                                     gsize                 max_bytes);

/* GET uri. venue names the bucket and appears in error messages ("Binance").
 * The result is the body of the final HTTP answer, whatever its status: the
 * venue's parser explains 4xx bodies better than HTTP can. Transport failures,
 * timeouts and rate-limit waits that are too long are errors. */
void    ps_http_get_async           (PsHttp               *self,
                                     const char           *venue,
                                     const char           *uri,
                                     double                weight,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
/* POST body (of content_type, "application/json") to uri, as GET does
 * otherwise: the same bucket, retries (the body is sent again: for reads
 * only, such as Hyperliquid's /info) and checks. Finish with
 * ps_http_get_finish (). */
void    ps_http_post_async          (PsHttp               *self,
                                     const char           *venue,
                                     const char           *uri,
                                     const char           *content_type,
                                     GBytes               *body,
                                     double                weight,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
/* The answer of ps_http_get_async () or ps_http_post_async (). */
GBytes *ps_http_get_finish          (PsHttp               *self,
                                     GAsyncResult         *result,
                                     guint                *status,
                                     GError              **error);

/* Requests sent since creation (retries included): what tests and the CLI report. */
guint   ps_http_get_n_requests      (PsHttp               *self);

G_END_DECLS
