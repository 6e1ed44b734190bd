/* ps-http.c: the app's one HTTP client: rate limits, retries, size cap, cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "ps-http.h"
#include "ps-http-private.h"
#include "ps-net-error.h"

#define PS_HTTP_DEFAULT_TIMEOUT_S        30
#define PS_HTTP_DEFAULT_MAX_RETRIES      4
#define PS_HTTP_DEFAULT_BACKOFF_MS       500
#define PS_HTTP_DEFAULT_MAX_RETRY_WAIT_S 60
/* From the first attempt: a venue that accepts and never answers fails in
 * 90 s (3 attempts of 30 s), not after 5 × 30 s and the backoffs between. */
#define PS_HTTP_DEFAULT_DEADLINE_S       90
#define PS_HTTP_DEFAULT_MAX_BODY_SIZE    (32 * 1024 * 1024)
#define PS_HTTP_MAX_BACKOFF_MS           (60 * 1000)
#define PS_HTTP_READ_CHUNK               (64 * 1024)

/* Not in libsoup 3.2's SoupStatus. */
#define PS_HTTP_STATUS_TOO_MANY_REQUESTS 429

G_DEFINE_FINAL_TYPE (PsHttp, ps_http, G_TYPE_OBJECT)


enum
{
  RETRYING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


void
_ps_http_clear_source (GSource **source)
{
  if (*source != NULL)
    g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
ps_http_request_end_attempt (PsHttpRequest *request)
{
  _ps_http_clear_source (&request->timeout_source);
  g_clear_object (&request->attempt_cancellable);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  request->timed_out = FALSE;
  request->expected_length = -1;
}

static void
ps_http_request_free (PsHttpRequest *request)
{
  ps_http_request_end_attempt (request);
  _ps_http_clear_source (&request->wait_source);
  _ps_http_clear_source (&request->cancel_source);
  g_free (request->venue);
  g_free (request->uri);
  g_free (request->host);
  g_clear_pointer (&request->post_body, g_bytes_unref);
  g_free (request->content_type);
  g_free (request);
}

/* Completion */

/* body (taken) or error (taken) */
void
_ps_http_return (GTask  *task,
                GBytes *body,
                GError *error)
{
  PsHttp *self = g_task_get_source_object (task);
  PsHttpRequest *request = g_task_get_task_data (task);

  g_ptr_array_remove_fast (self->live, task);
  ps_http_request_end_attempt (request);
  _ps_http_clear_source (&request->wait_source);
  _ps_http_clear_source (&request->cancel_source);

  /* A slot taken for an attempt that will not be sent goes back, if its
   * time has not come (see ps_http_next ()). */
  if (request->reserved && g_get_monotonic_time () < request->slot_us)
    _ps_http_refund (self->venues, request->venue, request->weight);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);

  /* The reference ps_http_get_async () took for the whole request. */
  g_object_unref (task);
}

static void
ps_http_return_cancelled (GTask *task)
{
  _ps_http_return (task, NULL,
                  g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("The request was cancelled")));
}

/* Waiting */

static gboolean
ps_http_wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  PsHttpRequest *request = g_task_get_task_data (task);

  g_clear_pointer (&request->wait_source, g_source_unref);
  _ps_http_next (task);
  return G_SOURCE_REMOVE;
}

static void
ps_http_wait (GTask *task,
              guint  delay_ms)
{
  PsHttpRequest *request = g_task_get_task_data (task);

  g_assert (request->wait_source == NULL);

  request->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_name (request->wait_source, "[perpscope] http wait");
  g_source_set_callback (request->wait_source, ps_http_wait_done_cb, task, NULL);
  g_source_attach (request->wait_source, g_task_get_context (task));
}

/* Dispatched from the main loop, never inside g_cancellable_cancel (), so
 * that finishing here cannot re-enter the caller or the cancellable. */
static gboolean
ps_http_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  GTask *task = user_data;
  PsHttpRequest *request = g_task_get_task_data (task);

  g_clear_pointer (&request->cancel_source, g_source_unref);

  if (request->attempt_cancellable != NULL)
    {
      /* The send or read callback sees the cancellation and returns. */
      g_cancellable_cancel (request->attempt_cancellable);
      return G_SOURCE_REMOVE;
    }

  ps_http_return_cancelled (task);
  return G_SOURCE_REMOVE;
}

/* Jittered exponential backoff: attempts from many windows do not line up. */
guint
_ps_http_backoff_ms (PsHttp *self,
                    guint   attempt)
{
  double delay = self->backoff_ms;

  for (guint i = 1; i < attempt && delay < PS_HTTP_MAX_BACKOFF_MS; i++)
    delay *= 2;
  delay = MIN (delay, PS_HTTP_MAX_BACKOFF_MS);
  return (guint) (delay * g_random_double_range (0.5, 1.5));
}

/* Outcomes */

/* Retries are left and the next attempt would start before the deadline. */
static gboolean
ps_http_may_retry (PsHttp        *self,
                   PsHttpRequest *request,
                   guint          delay_ms)
{
  gint64 end_us;

  if (request->attempt > self->max_retries)
    return FALSE;
  if (self->deadline_s == 0)
    return TRUE;
  end_us = request->first_send_us + self->deadline_s * G_GINT64_CONSTANT (1000000);
  /* Less than a second left: a retry could only time out. */
  return g_get_monotonic_time () + delay_ms * G_GINT64_CONSTANT (1000) + G_USEC_PER_SEC < end_us;
}

void
_ps_http_retry (GTask      *task,
               guint       delay_ms,
               const char *why)
{
  PsHttp *self = g_task_get_source_object (task);
  PsHttpRequest *request = g_task_get_task_data (task);

  g_debug ("%s: %s; attempt %u of %u in %u ms",
           request->venue, why, request->attempt + 1, self->max_retries + 1, delay_ms);
  ps_http_request_end_attempt (request);
  ps_http_wait (task, delay_ms);
  /* After the wait is set up: a handler may cancel the request. */
  g_signal_emit (self, signals[RETRYING], 0, request->venue, request->uri,
                 request->attempt + 1, self->max_retries + 1, why, delay_ms);
}

/* A complete answer: final, or worth another attempt. */
static void
ps_http_answered (GTask *task)
{
  PsHttp *self = g_task_get_source_object (task);
  PsHttpRequest *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  guint ban_default_s = 0;
  gboolean ban = _ps_http_is_ban (self->venues, request->venue, status, &ban_default_s);

  /* The venue's own rate-limit error may come in an HTTP 200 (OKX 50011). */
  if (status == PS_HTTP_STATUS_TOO_MANY_REQUESTS || ban ||
      (!request->body_not_utf8 &&
       _ps_http_body_is_limited (self->venues, request->venue, request->body->data,
                                 request->body->len)))
    {
      _ps_http_rate_limited (task, ban, ban_default_s);
      return;
    }

  /* After the last retry the caller gets the 5xx itself: the venue's body
   * may explain it better than we can. */
  if (status >= 500 || status == SOUP_STATUS_REQUEST_TIMEOUT)
    {
      guint delay_ms = _ps_http_backoff_ms (self, request->attempt);

      if (ps_http_may_retry (self, request, delay_ms))
        {
          g_autofree char *why = g_strdup_printf (_("HTTP %u %s"), status,
                                                  soup_status_get_phrase (status));

          _ps_http_retry (task, delay_ms, why);
          return;
        }
    }

  /* Every venue answers JSON. A success that is an HTML page (a gateway or
   * captive portal in the way, a CDN hiccup) is transient like a 502. */
  if (SOUP_STATUS_IS_SUCCESSFUL (status) &&
      (request->body_not_utf8 || request->body_validated != request->body->len ||
       !_ps_http_looks_like_json (request->body->data, request->body->len)))
    {
      guint delay_ms = _ps_http_backoff_ms (self, request->attempt);

      if (ps_http_may_retry (self, request, delay_ms))
        {
          _ps_http_retry (task, delay_ms, _("a web page instead of market data"));
          return;
        }
      _ps_http_return (task, NULL,
                      g_error_new (PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "%s answered with a web page instead of "
                                                "market data (a proxy or gateway in the way?)",
                                                "%s answered with a web page instead of "
                                                "market data %u times (a proxy or gateway in "
                                                "the way?)",
                                                request->attempt),
                                   request->venue, request->attempt));
      return;
    }

  request->status = status;
  _ps_http_return (task, g_byte_array_free_to_bytes (g_steal_pointer (&request->body)), NULL);
}

/* No HTTP answer at all, or a broken one. */
static void
ps_http_attempt_failed (GTask  *task,
                        GError *error)
{
  PsHttp *self = g_task_get_source_object (task);
  PsHttpRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) owned = error;
  g_autofree char *why = NULL;
  g_autofree char *total = NULL;
  gboolean unreachable;
  guint delay_ms;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      ps_http_return_cancelled (task);
      return;
    }

  /* Offline: the app should know at once, not after a minute of retries. */
  unreachable = error->domain == G_RESOLVER_ERROR ||
                error->domain == G_TLS_ERROR ||
                g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
                g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
                g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
                g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE);
  if (request->timed_out)
    {
      g_autofree char *limit = _ps_http_format_duration (request->attempt_timeout_ms);

      why = g_strdup_printf (_("no answer within %s"), limit);
    }
  else
    why = _ps_http_reason (request->host, error);

  delay_ms = _ps_http_backoff_ms (self, request->attempt);
  if (!unreachable && ps_http_may_retry (self, request, delay_ms))
    {
      _ps_http_retry (task, delay_ms, why);
      return;
    }

  /* The truth of the whole wait: how many attempts, over how long. */
  total = _ps_http_format_duration ((g_get_monotonic_time () - request->first_send_us) / 1000);
  if (request->timed_out && request->attempt == 1)
    {
      /* One wait: its limit, which a busy machine's late timer does not
       * change ("within 2 s" for a 1 s limit read as a different setting). */
      g_autofree char *limit = _ps_http_format_duration (request->attempt_timeout_ms);

      _ps_http_return (task, NULL,
                       g_error_new (PS_NET_ERROR, PS_NET_ERROR_TIMEOUT,
                                    _("%s did not answer within %s"), request->venue, limit));
    }
  else if (request->timed_out)
    _ps_http_return (task, NULL,
                    g_error_new (PS_NET_ERROR, PS_NET_ERROR_TIMEOUT,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "%s did not answer: %u attempt over %s",
                                              "%s did not answer: %u attempts over %s",
                                              request->attempt),
                                 request->venue, request->attempt, total));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    _ps_http_return (task, NULL,
                    g_error_new (PS_NET_ERROR, PS_NET_ERROR_TIMEOUT,
                                 _("%s sent an incomplete answer: %s"), request->venue, why));
  else
    _ps_http_return (task, NULL,
                    g_error_new (PS_NET_ERROR, PS_NET_ERROR_UNREACHABLE,
                                 _("Could not reach %s at %s: %s"),
                                 request->venue, request->host, why));
}

/* Reading */

static void ps_http_read_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

/* The body is read straight into its array, as much as is due at once (the
 * Content-Length, when the venue gives one), and checked as UTF-8 as it
 * arrives: no copy per chunk, and no pass over the whole body at its end. */
static void
ps_http_read_more (GTask *task)
{
  PsHttp *self = g_task_get_source_object (task);
  PsHttpRequest *request = g_task_get_task_data (task);
  gsize len = request->body->len;
  gsize due = PS_HTTP_READ_CHUNK;

  if (request->expected_length > (goffset) len)
    due = MAX (due, (gsize) (request->expected_length - len));
  /* One byte past the cap, to tell a body at the cap from one over it. */
  request->chunk = MIN (due, self->max_body_size + 1 - len);
  g_byte_array_set_size (request->body, len + request->chunk);
  request->body->len = len;
  g_input_stream_read_async (request->stream, request->body->data + len, request->chunk,
                             G_PRIORITY_DEFAULT, request->attempt_cancellable,
                             ps_http_read_cb, task);
}

static void
ps_http_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  PsHttp *self = g_task_get_source_object (task);
  PsHttpRequest *request = g_task_get_task_data (task);
  GError *error = NULL;
  gssize size;

  size = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (size < 0)
    {
      ps_http_attempt_failed (task, error);
      return;
    }

  if (size == 0)
    {
      /* libsoup ends a body quietly when the peer closes before
       * Content-Length is reached: a cut answer, not a short one. */
      if (request->expected_length >= 0 && (goffset) request->body->len < request->expected_length)
        ps_http_attempt_failed (task,
                                g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                             _("%u of %u bytes"), request->body->len,
                                             (guint) MIN (request->expected_length, G_MAXUINT)));
      else
        ps_http_answered (task);
      return;
    }

  /* The array holds the chunk asked for: the bytes read are its start. */
  request->body->len += (guint) size;
  if (request->body->len > self->max_body_size)
    {
      _ps_http_return (task, NULL, _ps_http_too_large (request->venue, self->max_body_size));
      return;
    }

  if (!request->body_not_utf8 &&
      !_ps_http_validate_more (request->body, &request->body_validated))
    request->body_not_utf8 = TRUE;
  ps_http_read_more (task);
}

static void
ps_http_send_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  PsHttp *self = g_task_get_source_object (task);
  PsHttpRequest *request = g_task_get_task_data (task);
  GError *error = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      ps_http_attempt_failed (task, error);
      return;
    }

  _ps_http_apply_usage (self->venues, request->venue, request->message);
  _ps_http_pause_on_headers (task);
  request->expected_length = _ps_http_expected_length (request->message);
  if (request->expected_length > (goffset) self->max_body_size)
    {
      _ps_http_return (task, NULL, _ps_http_too_large (request->venue, self->max_body_size));
      return;
    }

  request->body = g_byte_array_sized_new (request->expected_length > 0
                                          ? (guint) request->expected_length + 1
                                          : PS_HTTP_READ_CHUNK);
  request->body_validated = 0;
  request->body_not_utf8 = FALSE;
  ps_http_read_more (task);
}

/* Sending */

static gboolean
ps_http_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  PsHttpRequest *request = g_task_get_task_data (task);

  g_clear_pointer (&request->timeout_source, g_source_unref);
  request->timed_out = TRUE;
  g_cancellable_cancel (request->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

/* The timeout, or what is left of the deadline when that is shorter (at
 * least a second: ps_http_may_retry () keeps that much). */
static guint
ps_http_attempt_timeout_ms (PsHttp        *self,
                            PsHttpRequest *request)
{
  guint64 timeout_ms = self->timeout_s * G_GUINT64_CONSTANT (1000);

  if (self->deadline_s > 0)
    {
      gint64 left_ms = (request->first_send_us + self->deadline_s * G_GINT64_CONSTANT (1000000) -
                        g_get_monotonic_time ()) / 1000;

      timeout_ms = MIN (timeout_ms, (guint64) MAX (left_ms, 1000));
    }
  return (guint) MIN (timeout_ms, G_MAXUINT);
}

static void
ps_http_send (GTask *task)
{
  PsHttp *self = g_task_get_source_object (task);
  PsHttpRequest *request = g_task_get_task_data (task);

  self->n_requests++;
  request->attempt++;
  if (request->attempt == 1)
    request->first_send_us = g_get_monotonic_time ();
  request->attempt_timeout_ms = ps_http_attempt_timeout_ms (self, request);
  request->message = soup_message_new (request->post_body ? "POST" : "GET", request->uri);
  if (request->post_body != NULL)   /* a new message per attempt, each with the body */
    soup_message_set_request_body_from_bytes (request->message, request->content_type,
                                              request->post_body);
  soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                "Accept", "application/json");
  if (self->stamp_sends)
    {
      g_autofree char *stamp = g_strdup_printf ("%" G_GINT64_FORMAT, request->passed_us);

      soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                    "X-Sent-Us", stamp);
    }
  request->attempt_cancellable = g_cancellable_new ();

  /* One clock for connect, headers and body: a slow drip is a stall too. */
  request->timeout_source = g_timeout_source_new (request->attempt_timeout_ms);
  g_source_set_name (request->timeout_source, "[perpscope] http timeout");
  g_source_set_callback (request->timeout_source, ps_http_timeout_cb, task, NULL);
  g_source_attach (request->timeout_source, g_task_get_context (task));

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->attempt_cancellable, ps_http_send_cb, task);
}

/* Before each attempt: the venue's bucket, then the wire. */
void
_ps_http_next (GTask *task)
{
  PsHttp *self = g_task_get_source_object (task);
  PsHttpRequest *request = g_task_get_task_data (task);
  guint paused_ms, pace_ms;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      ps_http_return_cancelled (task);
      return;
    }

  /* Checked before and after the bucket's wait: a pause may begin during it. */
  paused_ms = _ps_http_paused_ms (self->venues, request->venue);
  if (paused_ms > 0)
    {
      guint64 paused_s = (paused_ms + 999) / 1000;

      if (paused_s > self->max_retry_wait_s)
        _ps_http_return (task, NULL, _ps_http_too_long_wait (self, request, paused_s));
      else
        {
          /* A slot promised inside the pause is lost, and a new one is
           * taken after it: otherwise every request promised a slot during
           * the pause would go out at its end at once, a burst over the
           * bucket's capacity. Lost, not given back: a slot whose time has
           * passed given back would be spent again at the end of the queue,
           * beside the slot promised there (a burst, later). */
          request->reserved = FALSE;
          ps_http_wait (task, paused_ms);
        }
      return;
    }

  if (!request->reserved)
    {
      guint delay_ms = _ps_http_reserve (self->venues, request->venue, request->weight);

      request->reserved = TRUE;
      request->slot_us = g_get_monotonic_time () + delay_ms * G_GINT64_CONSTANT (1000);
      if (delay_ms > 0)
        {
          ps_http_wait (task, delay_ms);
          return;
        }
    }
  else if (g_get_monotonic_time () < request->slot_us)
    {
      /* GLib times a wait from the loop's cached clock, a little in the
       * past on a busy loop: the wait may end before the slot comes. */
      ps_http_wait (task, (guint) ((request->slot_us - g_get_monotonic_time () + 999) / 1000));
      return;
    }

  pace_ms = _ps_http_pace (self->venues, request->venue, request->weight);
  if (pace_ms > 0)
    {
      ps_http_wait (task, pace_ms);
      return;
    }

  request->reserved = FALSE;
  request->passed_us = g_get_monotonic_time ();
  ps_http_send (task);
}

/* GObject */

static void
ps_http_dispose (GObject *object)
{
  PsHttp *self = PS_HTTP (object);

  /* Requests hold a reference: none is left to abort here. */
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ps_http_parent_class)->dispose (object);
}

static void
ps_http_finalize (GObject *object)
{
  PsHttp *self = PS_HTTP (object);

  g_clear_pointer (&self->venues, g_hash_table_unref);
  g_clear_pointer (&self->live, g_ptr_array_unref);

  G_OBJECT_CLASS (ps_http_parent_class)->finalize (object);
}

static void
ps_http_class_init (PsHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_http_dispose;
  object_class->finalize = ps_http_finalize;

  /* retrying (venue, uri, attempt, max_attempts, reason, delay_ms): see ps-http.h. */
  signals[RETRYING] =
    g_signal_new ("retrying",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 6,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT,
                  G_TYPE_STRING, G_TYPE_UINT);
}

static void
ps_http_init (PsHttp *self)
{
  self->session = soup_session_new_with_options ("user-agent", "Perpscope/" PACKAGE_VERSION,
                                                 NULL);
  self->venues = _ps_http_venues_new ();
  self->timeout_s = PS_HTTP_DEFAULT_TIMEOUT_S;
  self->max_retries = PS_HTTP_DEFAULT_MAX_RETRIES;
  self->backoff_ms = PS_HTTP_DEFAULT_BACKOFF_MS;
  self->max_retry_wait_s = PS_HTTP_DEFAULT_MAX_RETRY_WAIT_S;
  self->deadline_s = PS_HTTP_DEFAULT_DEADLINE_S;
  self->max_body_size = PS_HTTP_DEFAULT_MAX_BODY_SIZE;
  self->second_ms = 1000;
  self->live = g_ptr_array_new ();
}

PsHttp *
ps_http_new (void)
{
  return g_object_new (PS_TYPE_HTTP, NULL);
}

/* GET, or POST of post_body: the same bucket, retries and checks. */
static void
ps_http_start (PsHttp              *self,
               const char          *venue,
               const char          *uri,
               const char          *content_type,
               GBytes              *post_body,
               double               weight,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GUri) parsed = NULL;
  PsHttpRequest *request;
  GTask *task;

  g_return_if_fail (PS_IS_HTTP (self));
  g_return_if_fail (venue != NULL);
  g_return_if_fail (uri != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* Held until _ps_http_return (). One tag: ps_http_get_finish () reads both. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_http_get_async);
  g_ptr_array_add (self->live, task);

  request = g_new0 (PsHttpRequest, 1);
  request->venue = g_strdup (venue);
  request->uri = g_strdup (uri);
  request->weight = MAX (weight, 0);
  request->expected_length = -1;
  request->post_body = post_body ? g_bytes_ref (post_body) : NULL;
  request->content_type = g_strdup (content_type);
  g_task_set_task_data (task, request, (GDestroyNotify) ps_http_request_free);

  parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  if (parsed == NULL ||
      g_uri_get_host (parsed) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (parsed), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (parsed), "https") != 0))
    {
      _ps_http_return (task, NULL,
                      g_error_new (PS_NET_ERROR, PS_NET_ERROR_FAILED,
                                   _("The address of %s is not a web address: “%s”"),
                                   venue, uri));
      return;
    }
  request->host = g_strdup (g_uri_get_host (parsed));

  if (cancellable != NULL)
    {
      request->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_name (request->cancel_source, "[perpscope] http cancel");
      g_source_set_callback (request->cancel_source, G_SOURCE_FUNC (ps_http_cancelled_cb),
                             task, NULL);
      g_source_attach (request->cancel_source, g_task_get_context (task));
    }

  _ps_http_next (task);
}

void
ps_http_get_async (PsHttp              *self,
                   const char          *venue,
                   const char          *uri,
                   double               weight,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  ps_http_start (self, venue, uri, NULL, NULL, weight, cancellable, callback, user_data);
}

void
ps_http_post_async (PsHttp              *self,
                    const char          *venue,
                    const char          *uri,
                    const char          *content_type,
                    GBytes              *body,
                    double               weight,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (content_type != NULL && body != NULL);

  ps_http_start (self, venue, uri, content_type, body, weight, cancellable, callback,
                 user_data);
}

GBytes *
ps_http_get_finish (PsHttp        *self,
                    GAsyncResult  *result,
                    guint         *status,
                    GError       **error)
{
  PsHttpRequest *request;
  GBytes *body;

  g_return_val_if_fail (PS_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ps_http_get_async, NULL);

  request = g_task_get_task_data (G_TASK (result));
  body = g_task_propagate_pointer (G_TASK (result), error);
  if (status != NULL)
    *status = body != NULL ? request->status : 0;
  return body;
}
