/* ps-http-settings.c: PsHttp's knobs: timeouts, retries, limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-http.h"
#include "ps-http-private.h"

void
ps_http_set_timeout (PsHttp *self,
                     guint   seconds)
{
  g_return_if_fail (PS_IS_HTTP (self));
  g_return_if_fail (seconds > 0);

  self->timeout_s = seconds;
}

void
ps_http_set_max_retries (PsHttp *self,
                         guint   max_retries)
{
  g_return_if_fail (PS_IS_HTTP (self));

  self->max_retries = max_retries;
}

void
ps_http_set_backoff (PsHttp *self,
                     guint   first_ms)
{
  g_return_if_fail (PS_IS_HTTP (self));

  self->backoff_ms = first_ms;
}

void
ps_http_set_deadline (PsHttp *self,
                      guint   seconds)
{
  g_return_if_fail (PS_IS_HTTP (self));

  self->deadline_s = seconds;
}

void
ps_http_set_max_retry_wait (PsHttp *self,
                            guint   seconds)
{
  g_return_if_fail (PS_IS_HTTP (self));

  self->max_retry_wait_s = seconds;
}

void
ps_http_set_rate_limit (PsHttp     *self,
                        const char *venue,
                        double      capacity,
                        double      per_second)
{
  g_return_if_fail (PS_IS_HTTP (self));
  g_return_if_fail (venue != NULL);

  _ps_http_set_rate_limit (self->venues, venue, capacity, per_second);
}

void
ps_http_set_usage_header (PsHttp     *self,
                          const char *venue,
                          const char *header)
{
  g_return_if_fail (PS_IS_HTTP (self));
  g_return_if_fail (venue != NULL);

  _ps_http_set_usage_header (self->venues, venue, header);
}

void
ps_http_set_remaining_header (PsHttp     *self,
                              const char *venue,
                              const char *header)
{
  g_return_if_fail (PS_IS_HTTP (self));
  g_return_if_fail (venue != NULL);

  _ps_http_set_remaining_header (self->venues, venue, header);
}

void
ps_http_set_max_body_size (PsHttp *self,
                           gsize   max_bytes)
{
  g_return_if_fail (PS_IS_HTTP (self));

  self->max_body_size = max_bytes;
}

guint
ps_http_get_n_requests (PsHttp *self)
{
  g_return_val_if_fail (PS_IS_HTTP (self), 0);

  return self->n_requests;
}

void
ps_http_set_ban (PsHttp     *self,
                 const char *venue,
                 guint       status,
                 guint       default_seconds)
{
  g_return_if_fail (PS_IS_HTTP (self));
  g_return_if_fail (venue != NULL);

  _ps_http_set_ban (self->venues, venue, status, default_seconds);
}

void
ps_http_set_limited_body (PsHttp            *self,
                          const char        *venue,
                          PsHttpLimitedFunc  func)
{
  g_return_if_fail (PS_IS_HTTP (self));
  g_return_if_fail (venue != NULL);

  _ps_http_set_limited_body (self->venues, venue, func);
}

void
_ps_http_set_second_ms (PsHttp *self,
                        guint   ms)
{
  g_return_if_fail (PS_IS_HTTP (self));
  g_return_if_fail (ms > 0);

  self->second_ms = ms;
}

void
_ps_http_set_stamp_sends (PsHttp   *self,
                          gboolean  stamp)
{
  g_return_if_fail (PS_IS_HTTP (self));

  self->stamp_sends = !!stamp;
}
