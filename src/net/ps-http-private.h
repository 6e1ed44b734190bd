/* ps-http-private.h: PsHttp's internals shared between its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "ps-http.h"

G_BEGIN_DECLS

/* Each ps_http_get_async () call keeps its own state in ps-http.c. */
struct _PsHttp
{
  GObject      parent_instance;

  SoupSession *session;
  GHashTable  *venues;           /* venue → PsHttpVenue */
  gsize        max_body_size;
  guint        timeout_s;
  guint        max_retries;
  guint        backoff_ms;
  guint        max_retry_wait_s;
  guint        deadline_s;
  guint        n_requests;
  guint        second_ms;        /* 1000 but in tests (_ps_http_set_second_ms ()) */
  gboolean     stamp_sends;      /* tests: _ps_http_set_stamp_sends () */
  GPtrArray   *live;             /* GTask of every request not yet returned (unowned) */
};

/* Seconds to wait from Retry-After (seconds or an HTTP date), else from a
 * Binance ban message in the body; FALSE when the answer says nothing. */
gboolean _ps_http_parse_retry_after (SoupMessage *message,
                                     GByteArray  *body,
                                     guint       *seconds);
/* Whether the first non-blank character can open a JSON value; the body
 * is checked to be UTF-8 apart (as it arrives: _ps_http_validate_more ()). */
gboolean _ps_http_looks_like_json   (const guint8 *data,
                                     gsize         length);
/* Checks body[*validated..] as UTF-8 and moves *validated past what is valid;
 * a character cut at the end of what arrived so far is left for the next
 * call. FALSE when the body cannot be UTF-8 whatever follows. At the end of
 * the body, it was UTF-8 if *validated == body->len. */
gboolean _ps_http_validate_more     (GByteArray   *body,
                                     gsize        *validated);

/* "850 ms", "45 s", "2 min 40 s", "1 h 5 min": what an error says was waited. */
char    *_ps_http_format_duration   (gint64       ms);

/* The connect error without GSocketClient's "Could not connect to HOST: "
 * (we name the host ourselves). */
char       *_ps_http_reason             (const char   *host,
                                         const GError *error);
GError     *_ps_http_too_large          (const char   *venue,
                                         gsize         max_body_size);
/* Content-Length of the wire body when it arrives as sent, else -1. */
goffset     _ps_http_expected_length    (SoupMessage  *message);

/* ps-http.c: one ps_http_get_async () call across its attempts. Everything runs on the
 * task's main context; the sources below are attached there. */
typedef struct
{
  char         *venue;
  char         *uri;
  char         *host;
  double        weight;
  GBytes       *post_body;         /* NULL: a GET */
  char         *content_type;

  guint         attempt;           /* attempts sent so far */
  gint64        first_send_us;     /* monotonic, when the first attempt went out */
  gint64        passed_us;         /* monotonic, when the bucket let this attempt go */
  gboolean      reserved;          /* bucket slot taken for the next attempt */
  gint64        slot_us;           /* monotonic, when that slot comes: given back only before */
  GSource      *wait_source;       /* bucket or backoff wait */
  GSource      *cancel_source;     /* the caller's cancellable */

  /* The attempt in flight */
  GCancellable *attempt_cancellable;
  GSource      *timeout_source;
  gboolean      timed_out;
  guint         attempt_timeout_ms;
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;
  gsize         body_validated;    /* bytes of body checked as UTF-8 */
  gboolean      body_not_utf8;
  gsize         chunk;             /* asked of the read in flight, past body->len */
  goffset       expected_length;   /* Content-Length of the wire body, -1 unknown */

  guint         status;            /* of the final answer, for ps_http_get_finish () */
} PsHttpRequest;

/* ps-http.c: the request's life, shared with ps-http-limits.c */
/* Completes task with body or error (taken); refunds a slot never used. */
void        _ps_http_return             (GTask       *task,
                                         GBytes      *body,
                                         GError      *error);
/* Ends the attempt and tries again after delay_ms, saying why ("retrying"). */
void        _ps_http_retry              (GTask       *task,
                                         guint        delay_ms,
                                         const char  *why);
/* Before each attempt: cancelled, paused or banned, the bucket, the wire. */
void        _ps_http_next               (GTask       *task);
guint       _ps_http_backoff_ms         (PsHttp      *self,
                                         guint        attempt);
void        _ps_http_clear_source       (GSource    **source);

/* ps-http-limits.c: a 429, 418 or the venue's ban status, or its rate-limit
 * error in a body; ban_default_s how long a ban lasts when not said. */
void        _ps_http_rate_limited       (GTask       *task,
                                         gboolean     ban,
                                         guint        ban_default_s);

/* PS_NET_ERROR_RATE_LIMITED for a wait over the max: the ban's end if one. */
GError     *_ps_http_too_long_wait      (PsHttp        *self,
                                         PsHttpRequest *request,
                                         guint64        wait_s);

/* Pauses the venue when the headers of a 429 or ban say how long. */
void        _ps_http_pause_on_headers   (GTask       *task);

/* ps-http-venue.c: per venue (by display name), one table per PsHttp */
GHashTable *_ps_http_venues_new         (void);
/* Takes weight from the venue's bucket; the ms to wait before sending. */
guint       _ps_http_reserve            (GHashTable  *venues,
                                         const char  *name,
                                         double       weight);
/* 0 when an attempt may go out now by what went out before (and takes its
 * weight), else the ms to wait: see ps-http-venue.c. */
guint       _ps_http_pace               (GHashTable  *venues,
                                         const char  *name,
                                         double       weight);
/* Gives back what _ps_http_reserve () took for an attempt never sent. */
void        _ps_http_refund             (GHashTable  *venues,
                                         const char  *name,
                                         double       weight);
/* Drains the bucket to the venue's own count of used weight, when higher. */
void        _ps_http_apply_usage        (GHashTable  *venues,
                                         const char  *name,
                                         SoupMessage *message);
/* ms until the venue's pause ends, 0 when it is not paused. */
guint       _ps_http_paused_ms          (GHashTable  *venues,
                                         const char  *name);
/* Holds every request of the venue for delay_ms (a 429/418). */
void        _ps_http_pause              (GHashTable  *venues,
                                         const char  *name,
                                         guint64      delay_ms);
void        _ps_http_set_rate_limit     (GHashTable  *venues,
                                         const char  *name,
                                         double       capacity,
                                         double       per_second);
void        _ps_http_set_remaining_header (GHashTable  *venues,
                                           const char  *venue,
                                           const char  *header);
void        _ps_http_set_usage_header   (GHashTable  *venues,
                                         const char  *name,
                                         const char  *header);

/* Bans: 418 anywhere, and the venue's own status for a block (Bybit 403). */
void        _ps_http_set_ban            (GHashTable  *venues,
                                         const char  *name,
                                         guint        status,
                                         guint        default_seconds);
gboolean    _ps_http_is_ban             (GHashTable  *venues,
                                         const char  *name,
                                         guint        status,
                                         guint       *default_s);
/* Pauses the venue for delay_ms as a ban (see _ps_http_banned_until ()). */
void        _ps_http_ban                (GHashTable  *venues,
                                         const char  *name,
                                         guint        status,
                                         guint64      delay_ms);
gint64      _ps_http_banned_until       (GHashTable  *venues,
                                         const char  *name,
                                         guint       *status);
void        _ps_http_set_limited_body   (GHashTable        *venues,
                                         const char        *name,
                                         PsHttpLimitedFunc  func);
gboolean    _ps_http_body_is_limited    (GHashTable   *venues,
                                         const char   *name,
                                         const guint8 *data,
                                         gsize         length);

/* PS_NET_ERROR_RATE_LIMITED saying until when (wall clock, µs) the venue
 * bans the address; status the HTTP status that said so. */
GError     *_ps_http_banned_error       (const char  *venue,
                                         gint64       until_us,
                                         guint        status);

/* Tests only: how many ms a second of Retry-After (or of a ban) lasts, so
 * that a soak of thousands of requests and hundreds of waits runs in
 * seconds. Every wait the venue asks for is scaled alike; nothing else is. */
void        _ps_http_set_second_ms      (PsHttp      *self,
                                         guint        ms);
/* Tests only: each request carries X-Sent-Us, the monotonic µs at which the
 * venue's bucket let it go. A stamp taken later (when libsoup queues it)
 * lags by however long the send path takes, which on a loaded machine or
 * under ASan differs from one request to the next by milliseconds: a rate
 * check over such stamps would see bursts the bucket never allowed. */
void        _ps_http_set_stamp_sends    (PsHttp      *self,
                                         gboolean     stamp);

G_END_DECLS
