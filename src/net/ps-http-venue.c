/* ps-http-venue.c: what PsHttp knows of each venue: bucket, usage, pause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <libsoup/soup.h>
#include <math.h>

#include "ps-http-private.h"

/* What PsHttp knows of one venue, shared by every request and provider of the
 * process: its token bucket, in the venue's own request weights, and a pause
 * after a 429/418 that holds every request of the venue, not only the one
 * that was refused (the venue counts the address, not the request). */
typedef struct
{
  gboolean limited;        /* a bucket is set */
  double   capacity;
  double   per_second;
  double   tokens;         /* below 0 while requests wait for slots already promised */
  gint64   last_us;        /* monotonic */
  /* The same bucket kept by what actually went out: a loop that stalls
   * would otherwise send every slot promised during the stall at once. */
  double   sent_tokens;
  gint64   sent_last_us;
  char    *usage_header;   /* the venue's own count of weight used, or NULL */
  char    *remaining_header; /* the venue's own count of what remains, or NULL */
  gint64   paused_until_us; /* monotonic; no request goes out before it */
  /* A ban: the pause above, and its end on the wall clock for messages. */
  gint64   banned_until_real_us;
  guint    banned_status;   /* the HTTP status that said so */
  guint    ban_status;      /* besides 418, the venue's status for a block (Bybit 403), or 0 */
  guint    ban_default_s;   /* how long a ban lasts when the answer does not say */
  PsHttpLimitedFunc limited_body; /* the venue's rate-limit error in a body, or NULL */
} PsHttpVenue;

static void
ps_http_venue_free (PsHttpVenue *venue)
{
  g_free (venue->usage_header);
  g_free (venue->remaining_header);
  g_free (venue);
}

static PsHttpVenue *
ps_http_ensure_venue (GHashTable *venues,
                      const char *name)
{
  PsHttpVenue *venue = g_hash_table_lookup (venues, name);

  if (venue == NULL)
    {
      venue = g_new0 (PsHttpVenue, 1);
      g_hash_table_insert (venues, g_strdup (name), venue);
    }
  return venue;
}

/* Adds what the bucket regained since it was last looked at. */
static void
ps_http_venue_refill (PsHttpVenue *venue)
{
  gint64 now = g_get_monotonic_time ();

  venue->tokens = MIN (venue->capacity,
                       venue->tokens + (now - venue->last_us) / 1e6 * venue->per_second);
  venue->last_us = now;
}

/* Takes weight from the venue's bucket; the ms to wait before sending. */
guint
_ps_http_reserve (GHashTable *venues,
                  const char *name,
                  double      weight)
{
  PsHttpVenue *venue = g_hash_table_lookup (venues, name);

  if (venue == NULL || !venue->limited)
    return 0;

  ps_http_venue_refill (venue);
  /* A request heavier than the bucket could never go: let it drain it whole. */
  venue->tokens -= MIN (weight, venue->capacity);
  if (venue->tokens >= 0)
    return 0;
  return (guint) ceil (-venue->tokens / venue->per_second * 1000);
}

/* Slots are promised ahead (_ps_http_reserve ()), and a wait ends when its
 * slot comes; but when the loop stalls, the requests of every slot that came
 * during the stall would go out together, more than the bucket allows at
 * once. This checks the send itself against the bucket: 0 and the weight
 * taken, or the ms until it may go. */
guint
_ps_http_pace (GHashTable *venues,
               const char *name,
               double      weight)
{
  PsHttpVenue *venue = g_hash_table_lookup (venues, name);
  gint64 now = g_get_monotonic_time ();

  if (venue == NULL || !venue->limited)
    return 0;

  weight = MIN (weight, venue->capacity);
  venue->sent_tokens = MIN (venue->capacity, venue->sent_tokens +
                            (now - venue->sent_last_us) / 1e6 * venue->per_second);
  venue->sent_last_us = now;
  if (venue->sent_tokens >= weight)
    {
      venue->sent_tokens -= weight;
      return 0;
    }
  return MAX (1, (guint) ceil ((weight - venue->sent_tokens) / venue->per_second * 1000));
}

/* A non-negative number in header of the answer, or -1. */
static double
ps_http_header_number (SoupMessage *message,
                       const char  *header)
{
  const char *value = header == NULL ? NULL :
    soup_message_headers_get_one (soup_message_get_response_headers (message), header);
  char *end = NULL;
  double number;

  if (value == NULL)
    return -1;
  number = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !(number >= 0) || !isfinite (number))
    return -1;
  return number;
}

/* The venue's count of the weight we (and whoever shares our address) used in
 * its window, or of what remains of it (BitMEX). When the bucket believes it
 * holds more, it drains to match: another program on the address, or an
 * earlier run of ours, spent from the same budget. It never refills the
 * bucket: requests still in flight are not in the count yet. */
void
_ps_http_apply_usage (GHashTable  *venues,
                      const char  *name,
                      SoupMessage *message)
{
  PsHttpVenue *venue = g_hash_table_lookup (venues, name);
  double used, remaining;

  if (venue == NULL || !venue->limited)
    return;

  used = ps_http_header_number (message, venue->usage_header);
  remaining = ps_http_header_number (message, venue->remaining_header);
  if (used < 0 && remaining < 0)
    return;

  ps_http_venue_refill (venue);
  if (used >= 0 && venue->capacity - used < venue->tokens)
    {
      g_debug ("%s: the venue counts %.0f weight used; the bucket goes from %.0f to %.0f",
               name, used, venue->tokens, venue->capacity - used);
      venue->tokens = venue->capacity - used;
    }
  if (remaining >= 0 && remaining < venue->tokens)
    {
      g_debug ("%s: the venue counts %.0f left; the bucket goes from %.0f", name, remaining,
               venue->tokens);
      venue->tokens = remaining;
    }
}

/* ms until the venue's pause ends, 0 when it is not paused. */
guint
_ps_http_paused_ms (GHashTable *venues,
                    const char *name)
{
  PsHttpVenue *venue = g_hash_table_lookup (venues, name);
  gint64 left_us;

  if (venue == NULL)
    return 0;
  left_us = venue->paused_until_us - g_get_monotonic_time ();
  if (left_us <= 0)
    return 0;
  return (guint) MIN ((left_us + 999) / 1000, (gint64) G_MAXUINT);
}

void
_ps_http_pause (GHashTable *venues,
                const char *name,
                guint64     delay_ms)
{
  PsHttpVenue *venue = ps_http_ensure_venue (venues, name);
  gint64 until = g_get_monotonic_time () + (gint64) MIN (delay_ms, G_MAXINT64 / 2000) * 1000;

  venue->paused_until_us = MAX (venue->paused_until_us, until);
}

GHashTable *
_ps_http_venues_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) ps_http_venue_free);
}

/* A slot taken for an attempt that will not be sent goes back. */
void
_ps_http_refund (GHashTable *venues,
                 const char *name,
                 double      weight)
{
  PsHttpVenue *venue = g_hash_table_lookup (venues, name);

  if (venue != NULL && venue->limited)
    venue->tokens = MIN (venue->capacity, venue->tokens + MIN (weight, venue->capacity));
}

/* capacity or per_second <= 0 removes the venue's limit. A new bucket starts
 * full; setting a venue's limit again (each provider of the venue does) keeps
 * what is left in its bucket, so a new window cannot refill it. */
void
_ps_http_set_rate_limit (GHashTable *venues,
                         const char *venue,
                         double      capacity,
                         double      per_second)
{
  PsHttpVenue *state = ps_http_ensure_venue (venues, venue);

  if (!(capacity > 0) || !(per_second > 0))
    {
      state->limited = FALSE;
      return;
    }

  if (!state->limited)
    {
      state->tokens = capacity;
      state->last_us = g_get_monotonic_time ();
      state->sent_tokens = capacity;
      state->sent_last_us = state->last_us;
    }
  else
    ps_http_venue_refill (state);
  state->limited = TRUE;
  state->capacity = capacity;
  state->per_second = per_second;
  state->tokens = MIN (state->tokens, capacity);
}

void
_ps_http_set_usage_header (GHashTable *venues,
                           const char *venue,
                           const char *header)
{
  PsHttpVenue *state = ps_http_ensure_venue (venues, venue);

  g_free (state->usage_header);
  state->usage_header = g_strdup (header);
}

void
_ps_http_set_remaining_header (GHashTable *venues,
                               const char *venue,
                               const char *header)
{
  PsHttpVenue *state = ps_http_ensure_venue (venues, venue);

  g_free (state->remaining_header);
  state->remaining_header = g_strdup (header);
}

/* 418 is a ban at every venue; Binance's shortest lasts 2 minutes. */
#define PS_HTTP_DEFAULT_BAN_S 120

void
_ps_http_set_ban (GHashTable *venues,
                  const char *name,
                  guint       status,
                  guint       default_seconds)
{
  PsHttpVenue *state = ps_http_ensure_venue (venues, name);

  state->ban_status = status;
  state->ban_default_s = default_seconds;
}

/* Whether status says the venue blocks the address; *default_s how long
 * such a block lasts when the answer does not say. */
gboolean
_ps_http_is_ban (GHashTable *venues,
                 const char *name,
                 guint       status,
                 guint      *default_s)
{
  PsHttpVenue *venue = g_hash_table_lookup (venues, name);
  gboolean ban = status == 418 || (venue != NULL && venue->ban_status == status && status != 0);

  *default_s = venue != NULL && venue->ban_default_s > 0 ? venue->ban_default_s
                                                         : PS_HTTP_DEFAULT_BAN_S;
  return ban;
}

/* A pause that is a ban: its end is also kept on the wall clock, for the
 * message every request of the venue fails with until then. */
void
_ps_http_ban (GHashTable *venues,
              const char *name,
              guint       status,
              guint64     delay_ms)
{
  PsHttpVenue *venue = ps_http_ensure_venue (venues, name);
  gint64 until = g_get_real_time () + (gint64) MIN (delay_ms, G_MAXINT64 / 2000) * 1000;

  _ps_http_pause (venues, name, delay_ms);
  if (until > venue->banned_until_real_us)
    {
      venue->banned_until_real_us = until;
      venue->banned_status = status;
    }
}

/* The wall-clock end (µs) of the venue's ban and the status that said so, or 0
 * when it is not banned (or the ban is over). */
gint64
_ps_http_banned_until (GHashTable *venues,
                       const char *name,
                       guint      *status)
{
  PsHttpVenue *venue = g_hash_table_lookup (venues, name);

  if (venue == NULL || _ps_http_paused_ms (venues, name) == 0 ||
      venue->banned_until_real_us <= g_get_real_time ())
    return 0;
  if (status != NULL)
    *status = venue->banned_status;
  return venue->banned_until_real_us;
}

void
_ps_http_set_limited_body (GHashTable        *venues,
                           const char        *name,
                           PsHttpLimitedFunc  func)
{
  ps_http_ensure_venue (venues, name)->limited_body = func;
}

/* Whether the body is the venue's rate-limit error (OKX 50011 in an HTTP
 * 200). Such bodies are small: a page of data is not parsed for it. */
gboolean
_ps_http_body_is_limited (GHashTable   *venues,
                          const char   *name,
                          const guint8 *data,
                          gsize         length)
{
  PsHttpVenue *venue = g_hash_table_lookup (venues, name);

  return venue != NULL && venue->limited_body != NULL && length <= 4096 &&
         venue->limited_body (data, length);
}
