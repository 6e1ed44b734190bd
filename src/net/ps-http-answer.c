/* ps-http-answer.c: reading what a venue's answer says about itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ps-http-private.h"
#include "ps-net-error.h"

/* Binance puts the end of an IP ban in the 418 body when it sends no
 * Retry-After: "… banned until 1766016001000. …" (UTC ms). */
static gboolean
ps_http_parse_banned_until (GByteArray *body,
                            guint      *seconds)
{
  g_autofree char *text = g_strndup ((const char *) body->data, MIN (body->len, 4096));
  const char *p = strstr (text, "banned until ");
  gint64 until_ms, now_ms;

  if (p == NULL)
    return FALSE;

  until_ms = g_ascii_strtoll (p + strlen ("banned until "), NULL, 10);
  now_ms = g_get_real_time () / 1000;
  if (until_ms <= 0)
    return FALSE;
  *seconds = until_ms > now_ms ? (guint) MIN ((until_ms - now_ms + 999) / 1000, G_MAXUINT) : 0;
  return TRUE;
}

/* Retry-After in seconds or as an HTTP date. */
gboolean
_ps_http_parse_retry_after (SoupMessage *message,
                            GByteArray  *body,
                            guint       *seconds)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *copy = NULL;
  guint64 n;

  if (value == NULL)
    return ps_http_parse_banned_until (body, seconds);

  copy = g_strstrip (g_strdup (value));
  if (g_ascii_string_to_unsigned (copy, 10, 0, G_MAXUINT, &n, NULL))
    {
      *seconds = (guint) n;
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return FALSE;
  n = MAX (0, g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC);
  *seconds = (guint) MIN (n, G_MAXUINT);
  return TRUE;
}

gboolean
_ps_http_looks_like_json (const guint8 *data,
                          gsize         length)
{
  const char *p = (const char *) data;
  const char *end = p + length;

  while (p < end && g_ascii_isspace (*p))
    p++;
  return p < end && strchr ("{[\"-0123456789tfn", *p) != NULL;
}

gboolean
_ps_http_validate_more (GByteArray *body,
                        gsize      *validated)
{
  const char *start = (const char *) body->data + *validated;
  const char *end;

  if (g_utf8_validate_len (start, body->len - *validated, &end))
    {
      *validated = body->len;
      return TRUE;
    }

  *validated = (const guint8 *) end - body->data;
  /* No UTF-8 character is longer than 4 bytes: a longer invalid tail is no
   * character cut short. */
  return body->len - *validated < 4;
}

char *
_ps_http_format_duration (gint64 ms)
{
  gint64 s;

  if (ms < 1000)
    /* Translators: a wait or a timeout, "250 ms", "3 min 20 s", "1 h 5 min": ms, s, min, h
     * abbreviate millisecond, second, minute, hour */
    return g_strdup_printf (_("%u ms"), (guint) MAX (ms, 0));

  s = (ms + 500) / 1000;
  if (s < 60)
    return g_strdup_printf (_("%u s"), (guint) s);
  if (s < 3600)
    return s % 60 == 0 ? g_strdup_printf (_("%u min"), (guint) (s / 60))
                       : g_strdup_printf (_("%u min %u s"), (guint) (s / 60), (guint) (s % 60));
  return g_strdup_printf (_("%u h %u min"), (guint) MIN (s / 3600, G_MAXUINT),
                          (guint) (s % 3600 / 60));
}

/* GSocketClient says "Could not connect to HOST: …" and we name the host already. */
char *
_ps_http_reason (const char   *host,
                 const GError *error)
{
  g_autofree char *prefix = g_strdup_printf ("Could not connect to %s: ", host);

  if (g_str_has_prefix (error->message, prefix))
    return g_strdup (error->message + strlen (prefix));
  return g_strdup (error->message);
}

GError *
_ps_http_too_large (const char *venue,
                    gsize       max_body_size)
{
  g_autofree char *limit = g_format_size (max_body_size);

  return g_error_new (PS_NET_ERROR, PS_NET_ERROR_TOO_LARGE,
                      _("%s sent an answer larger than %s"), venue, limit);
}

/* The wire length, when the body arrives as sent (decoded bodies differ). */
goffset
_ps_http_expected_length (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *coding = soup_message_headers_get_one (headers, "Content-Encoding");

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return -1;
  if (coding != NULL && g_ascii_strcasecmp (coding, "identity") != 0)
    return -1;
  return soup_message_headers_get_content_length (headers);
}

/* "Binance has banned this IP address until 14:05 UTC: too many requests".
 * The day too when the ban ends on another one (they last up to 3 days). */
GError *
_ps_http_banned_error (const char *venue,
                       gint64      until_us,
                       guint       status)
{
  g_autoptr(GDateTime) until = g_date_time_new_from_unix_utc (until_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = NULL;

  if (until == NULL)
    when = g_strdup ("?");
  else if (g_date_time_get_day_of_year (until) == g_date_time_get_day_of_year (now) &&
           g_date_time_get_year (until) == g_date_time_get_year (now))
    /* TRANSLATORS: the time a ban ends, e.g. "14:05 UTC" */
    when = g_date_time_format (until, _("%H:%M UTC"));
  else
    /* TRANSLATORS: the day and time a ban ends, e.g. "3 Jun 14:05 UTC" */
    when = g_date_time_format (until, _("%-d %b %H:%M UTC"));

  /* 403 is also how Bybit turns away regions it does not serve. */
  if (status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED,
                        _("%s has blocked this IP address until %s: too many requests (HTTP "
                          "403; or %s does not serve this region)"), venue, when, venue);
  return g_error_new (PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED,
                      _("%s has banned this IP address until %s: too many requests"),
                      venue, when);
}
