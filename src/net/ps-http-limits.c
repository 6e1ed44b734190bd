/* ps-http-limits.c: a venue's 429s, 418s and bans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ps-http-private.h"
#include "ps-net-error.h"

/* A wait longer than we may wait: the ban's end when it is one. */
GError *
_ps_http_too_long_wait (PsHttp        *self,
                        PsHttpRequest *request,
                        guint64        wait_s)
{
  guint status = 0;
  gint64 until_us = _ps_http_banned_until (self->venues, request->venue, &status);

  if (until_us != 0)
    return _ps_http_banned_error (request->venue, until_us, status);
  return g_error_new (PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED,
                      _("%s is rate-limiting Perpscope: it asks to wait %u s"),
                      request->venue, (guint) MIN (wait_s, G_MAXUINT));
}

/* A ban fails the requests of the venue waiting for the bucket or a pause
 * now, not when their wait ends: the user learns of it at once. Those in
 * flight learn when their answer comes. */
static void
ps_http_fail_waiting (PsHttp     *self,
                      const char *venue)
{
  g_autoptr(GPtrArray) waiting = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->live->len; i++)
    {
      GTask *task = g_ptr_array_index (self->live, i);
      PsHttpRequest *request = g_task_get_task_data (task);

      if (request->wait_source != NULL && g_str_equal (request->venue, venue))
        g_ptr_array_add (waiting, g_object_ref (task));
    }

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);
      PsHttpRequest *request = g_task_get_task_data (task);

      _ps_http_clear_source (&request->wait_source);
      _ps_http_next (task);   /* sees the ban and fails */
    }
}

/* The venue counts the address, not the request: the wait it asks for holds
 * every request of the venue, those queued and those to come, not only this one. */
void
_ps_http_rate_limited (GTask    *task,
                       gboolean  ban,
                       guint     ban_default_s)
{
  PsHttp *self = g_task_get_source_object (task);
  PsHttpRequest *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  g_autofree char *why = NULL;
  guint wait_s = 0;
  gboolean known = _ps_http_parse_retry_after (request->message, request->body, &wait_s);
  guint64 delay_ms;

  /* A ban that does not say how long lasts what the venue documents: never
   * a backoff of half a second, which would only extend it. */
  if (ban && !known)
    {
      wait_s = ban_default_s;
      known = TRUE;
    }
  /* In 64 bits: past 49 days the ms no longer fit a guint, and the wrapped
   * product would be a short wait. */
  delay_ms = known ? wait_s * (guint64) self->second_ms
                   : _ps_http_backoff_ms (self, request->attempt);

  if (ban && wait_s > self->max_retry_wait_s)
    {
      g_autofree char *venue = g_strdup (request->venue);   /* request ends with task */

      _ps_http_ban (self->venues, venue, status, delay_ms);
      _ps_http_return (task, NULL, _ps_http_too_long_wait (self, request, wait_s));
      ps_http_fail_waiting (self, venue);
      return;
    }

  _ps_http_pause (self->venues, request->venue, delay_ms);

  if (known && wait_s > self->max_retry_wait_s)
    {
      _ps_http_return (task, NULL, _ps_http_too_long_wait (self, request, wait_s));
      return;
    }

  if (request->attempt > self->max_retries)
    {
      /* A 200 carrying the venue's code: "HTTP 200" would read as success. */
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        _ps_http_return (task, NULL,
                        g_error_new (PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED,
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "%s is still rate-limiting Perpscope after "
                                                  "%u attempt",
                                                  "%s is still rate-limiting Perpscope after "
                                                  "%u attempts", request->attempt),
                                     request->venue, request->attempt));
      else
        _ps_http_return (task, NULL,
                        g_error_new (PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED,
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "%s is still rate-limiting Perpscope after "
                                                  "%u attempt (HTTP %u)",
                                                  "%s is still rate-limiting Perpscope after "
                                                  "%u attempts (HTTP %u)", request->attempt),
                                     request->venue, request->attempt, status));
      return;
    }

  if (known)
    why = g_strdup_printf (_("rate-limited (HTTP %u), the venue asks to wait %u s"),
                           status, wait_s);
  else if (SOUP_STATUS_IS_SUCCESSFUL (status))
    why = g_strdup (_("rate-limited (the venue's code in its answer)"));
  else
    why = g_strdup_printf (_("rate-limited (HTTP %u)"), status);
  _ps_http_retry (task, (guint) MIN (delay_ms, G_MAXUINT), why);
}

/* A 429 or ban pauses the venue as soon as its headers arrive, for the
 * Retry-After in seconds when there is one: requests whose turn comes while
 * the body is read do not go out into the wait. The body may then say more
 * (_ps_http_rate_limited ()). */
void
_ps_http_pause_on_headers (GTask *task)
{
  PsHttp *self = g_task_get_source_object (task);
  PsHttpRequest *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  guint ban_default_s;
  gboolean ban = _ps_http_is_ban (self->venues, request->venue, status, &ban_default_s);
  const char *value;
  guint64 wait_s;

  if (status != 429 && !ban)
    return;
  value = soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                        "Retry-After");
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &wait_s, NULL))
    return;
  /* A ban is one from now on: a request that finds the pause before the
   * body is read says until when too. */
  if (ban && wait_s > self->max_retry_wait_s)
    _ps_http_ban (self->venues, request->venue, status, wait_s * self->second_ms);
  else
    _ps_http_pause (self->venues, request->venue, wait_s * self->second_ms);
}
