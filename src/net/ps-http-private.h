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

/* ps-http-venue.c: per venue (by display name), one table per PsHttp */
GHashTable *_ps_http_venues_new         (void);
/* Takes weight from the venue's bucket; the ms to wait before sending. */
guint       _ps_http_reserve            (GHashTable  *venues,
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

G_END_DECLS
