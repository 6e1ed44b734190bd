/* test-http.c: PsHttp against a loopback server playing faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ps-http.h"
#include "ps-http-private.h"
#include "ps-net-error.h"
#include "ps-test-server.h"
#include "ps-test-util.h"

#define KLINES "/fapi/v1/klines?symbol=BTCUSDT&interval=4h&limit=10"

typedef struct
{
  PsTestServer *server;
  PsHttp       *http;
  GMainLoop    *loop;

  /* The last ps_http_get_async () */
  GBytes       *body;
  guint         status;
  GError       *error;
  gint64        elapsed_us;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = ps_test_server_new ();
  f->http = ps_http_new ();
  f->loop = g_main_loop_new (NULL, FALSE);
  /* Small waits keep the suite fast; the tests that measure waits set their own. */
  ps_http_set_backoff (f->http, 10);
}

static void
fixture_clear_result (Fixture *f)
{
  g_clear_pointer (&f->body, g_bytes_unref);
  g_clear_error (&f->error);
  f->status = 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  fixture_clear_result (f);
  g_assert_finalize_object (f->http);
  ps_test_server_free (f->server);
  g_main_loop_unref (f->loop);
}

static void
get_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Fixture *f = user_data;

  f->body = ps_http_get_finish (PS_HTTP (object), result, &f->status, &f->error);
  g_main_loop_quit (f->loop);
}

/* A URI (or a path on the test server) to completion. */
static void
fixture_get (Fixture      *f,
             const char   *path_or_uri,
             GCancellable *cancellable)
{
  g_autofree char *uri = NULL;
  gint64 start;

  fixture_clear_result (f);
  if (path_or_uri[0] == '/')
    uri = g_strconcat (ps_test_server_get_uri (f->server), path_or_uri, NULL);
  else
    uri = g_strdup (path_or_uri);

  start = g_get_monotonic_time ();
  ps_http_get_async (f->http, "Binance", uri, 1, cancellable, get_cb, f);
  g_main_loop_run (f->loop);
  f->elapsed_us = g_get_monotonic_time () - start;
  if (f->error != NULL)
    g_test_message ("%s: %s", uri, f->error->message);
}

static void
assert_klines_body (Fixture *f)
{
  gsize length;
  const char *data;

  g_assert_no_error (f->error);
  g_assert_cmpuint (f->status, ==, 200);
  data = g_bytes_get_data (f->body, &length);
  g_assert_cmpuint (length, >, 100);
  g_assert_true (data[0] == '[' && data[length - 1] == ']');
}

static void
test_new (void)
{
  PsHttp *http = ps_http_new ();

  g_assert_true (PS_IS_HTTP (http));
  g_assert_cmpuint (ps_http_get_n_requests (http), ==, 0);
  g_assert_finalize_object (http);
}

static void
test_ok (Fixture       *f,
         gconstpointer  data)
{
  fixture_get (f, KLINES, NULL);
  assert_klines_body (f);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 1);
}

/* 4xx is the venue's to explain: returned as is, not retried. */
static void
test_client_error (Fixture       *f,
                   gconstpointer  data)
{
  fixture_get (f, "/fapi/v1/klines?symbol=FOO&interval=4h", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->status, ==, 400);
  g_assert_nonnull (strstr (g_bytes_get_data (f->body, NULL), "-1121"));
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 1);
}

static void
test_429_retry_after (Fixture       *f,
                      gconstpointer  data)
{
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_429, 1);
  ps_test_server_set_retry_after (f->server, 1);
  fixture_get (f, KLINES, NULL);
  assert_klines_body (f);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 2);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 2);
  g_assert_cmpint (f->elapsed_us, >=, 950 * 1000);
}

static void
test_429_too_long (Fixture       *f,
                   gconstpointer  data)
{
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_429, 1);
  ps_test_server_set_retry_after (f->server, 600);
  fixture_get (f, KLINES, NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
  g_assert_cmpstr (f->error->message, ==,
                   "Binance is rate-limiting Perpscope: it asks to wait 600 s");
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 1);
  g_assert_cmpint (f->elapsed_us, <, 500 * 1000);
}

static gboolean cancel_cb (gpointer user_data);

/* With no cap on the wait, a Retry-After past 49 days (in ms, past G_MAXUINT)
 * is still a long wait, not whatever is left of it modulo 2^32 (704 ms here). */
static void
test_429_huge_retry_after (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  ps_http_set_max_retry_wait (f->http, G_MAXUINT);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_429, 1);
  ps_test_server_set_retry_after (f->server, 4294968);
  g_timeout_add (1500, cancel_cb, cancellable);
  fixture_get (f, KLINES, cancellable);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 1);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 1);
}

/* Without Retry-After the backoff paces the retries; they run out. */
static void
test_429_exhausted (Fixture       *f,
                    gconstpointer  data)
{
  ps_http_set_max_retries (f->http, 2);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_429, 100);
  ps_test_server_set_retry_after (f->server, 0);
  fixture_get (f, KLINES, NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (f->error->message, "Binance"));
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 3);
}

/* A 418 without Retry-After: the ban's end is read from the body. */
static void
test_418_banned_until (Fixture       *f,
                       gconstpointer  data)
{
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_418, 1);
  ps_test_server_set_retry_after (f->server, 0);
  fixture_get (f, KLINES, NULL);
  assert_klines_body (f);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 2);
}

static void
test_503_then_ok (Fixture       *f,
                  gconstpointer  data)
{
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_503, 2);
  fixture_get (f, KLINES, NULL);
  assert_klines_body (f);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 3);
}

/* Retries run out: the last 5xx answer is the result, for the venue to word. */
static void
test_500_forever (Fixture       *f,
                  gconstpointer  data)
{
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_500, 100);
  fixture_get (f, KLINES, NULL);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->status, ==, 500);
  g_assert_nonnull (strstr (g_bytes_get_data (f->body, NULL), "-1000"));
  /* The default of 4 retries. */
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 5);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 5);
}

static void
test_stall_timeout (Fixture       *f,
                    gconstpointer  data)
{
  ps_http_set_timeout (f->http, 1);
  ps_http_set_max_retries (f->http, 0);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_STALL, 1);
  fixture_get (f, KLINES, NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_TIMEOUT);
  g_assert_cmpstr (f->error->message, ==, "Binance did not answer within 1 s");
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 1);
  g_assert_cmpint (f->elapsed_us, >=, 900 * 1000);
  g_assert_cmpint (f->elapsed_us, <, 3 * G_USEC_PER_SEC);
}

/* A stall is transient: the next attempt gets the answer. */
static void
test_stall_retried (Fixture       *f,
                    gconstpointer  data)
{
  ps_http_set_timeout (f->http, 1);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_STALL, 1);
  fixture_get (f, KLINES, NULL);
  assert_klines_body (f);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 2);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_TRUNCATE, 1);
  fixture_get (f, KLINES, NULL);
  assert_klines_body (f);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 2);
}

static void
test_truncated_exhausted (Fixture       *f,
                          gconstpointer  data)
{
  ps_http_set_max_retries (f->http, 1);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_TRUNCATE, 100);
  fixture_get (f, KLINES, NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (f->error->message, "Binance sent an incomplete answer"));
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 2);
}

/* A port nobody listens on: offline is known at once, without retries. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  uri = g_strdup_printf ("http://127.0.0.1:%u/fapi/v1/time", port);
  fixture_get (f, uri, NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_UNREACHABLE);
  g_assert_true (g_str_has_prefix (f->error->message, "Could not reach Binance at 127.0.0.1: "));
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 1);
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  ps_http_set_max_body_size (f->http, 100);
  fixture_get (f, KLINES, NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (f->error->message, "Binance"));
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 1);

  /* Exactly at the cap is fine. */
  ps_http_set_max_body_size (f->http, 28);
  fixture_get (f, "/fapi/v1/time", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpuint (g_bytes_get_size (f->body), ==, 28);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_backoff (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  ps_http_set_backoff (f->http, 10000);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_503, 100);
  g_timeout_add (300, cancel_cb, cancellable);
  fixture_get (f, KLINES, cancellable);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (f->body);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 1);
  g_assert_cmpint (f->elapsed_us, <, G_USEC_PER_SEC);
}

static void
test_cancel_in_flight (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  ps_test_server_set_fault (f->server, PS_TEST_FAULT_STALL, 1);
  g_timeout_add (200, cancel_cb, cancellable);
  fixture_get (f, KLINES, cancellable);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 1);
  g_assert_cmpint (f->elapsed_us, <, G_USEC_PER_SEC);
}

static void
test_cancel_before (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  fixture_get (f, KLINES, cancellable);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 0);
}

/* Capacity 1, one per 200 ms: the third request goes out ≥ 400 ms after the first. */
static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  ps_http_set_rate_limit (f->http, "Binance", 1, 5);
  for (guint i = 0; i < 3; i++)
    {
      fixture_get (f, "/fapi/v1/time", NULL);
      g_assert_no_error (f->error);
    }
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 380 * 1000);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 3);

  /* The bucket is empty: the next one waits its 200 ms too. */
  fixture_get (f, "/fapi/v1/time", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->elapsed_us, >=, 150 * 1000);
}

/* Cancelled while waiting for the bucket: the slot goes back, so the next
 * request waits for one slot, not two. */
static void
test_rate_limit_cancel (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  ps_http_set_rate_limit (f->http, "Binance", 1, 1);
  fixture_get (f, "/fapi/v1/time", NULL);
  g_assert_no_error (f->error);

  g_timeout_add (100, cancel_cb, cancellable);
  fixture_get (f, "/fapi/v1/time", cancellable);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (f->elapsed_us, <, 500 * 1000);

  fixture_get (f, "/fapi/v1/time", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->elapsed_us, >=, 700 * 1000);
  g_assert_cmpint (f->elapsed_us, <, 1500 * 1000);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 2);
}

static void
test_bad_uri (Fixture       *f,
              gconstpointer  data)
{
  fixture_get (f, "ftp://example.com/x", NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_FAILED);
  fixture_get (f, "not a uri", NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_FAILED);
  g_assert_cmpuint (ps_http_get_n_requests (f->http), ==, 0);
}

/* Setting a venue's limit again (each new provider does) keeps the bucket as
 * it is: a new window must not refill it. */
static void
test_rate_limit_shared (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (ps_test_server_get_uri (f->server), "/fapi/v1/time", NULL);
  gint64 start;

  ps_http_set_rate_limit (f->http, "Binance", 2, 2);
  for (guint i = 0; i < 2; i++)
    {
      fixture_get (f, "/fapi/v1/time", NULL);
      g_assert_no_error (f->error);
      g_assert_cmpint (f->elapsed_us, <, 300 * 1000);
    }

  ps_http_set_rate_limit (f->http, "Binance", 2, 2);
  fixture_get (f, "/fapi/v1/time", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->elapsed_us, >=, 350 * 1000);

  /* Another venue has a bucket of its own. */
  ps_http_set_rate_limit (f->http, "Other", 2, 2);
  start = g_get_monotonic_time ();
  ps_http_get_async (f->http, "Other", uri, 1, NULL, get_cb, f);
  g_main_loop_run (f->loop);
  g_assert_no_error (f->error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);
}

/* A second request of the venue, started while the first one is on its way. */
typedef struct
{
  Fixture *f;
  GBytes  *body;
  GError  *error;
  gint64   start_us;
  gint64   done_us;
} Concurrent;

static void
concurrent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Concurrent *c = user_data;

  c->body = ps_http_get_finish (PS_HTTP (object), result, NULL, &c->error);
  c->done_us = g_get_monotonic_time ();
}

static gboolean
concurrent_start_cb (gpointer user_data)
{
  Concurrent *c = user_data;
  g_autofree char *uri = g_strconcat (ps_test_server_get_uri (c->f->server), KLINES, NULL);

  c->start_us = g_get_monotonic_time ();
  ps_http_get_async (c->f->http, "Binance", uri, 1, NULL, concurrent_cb, c);
  return G_SOURCE_REMOVE;
}

/* A 429 pauses the venue: a request started after it waits for the
 * Retry-After too, instead of going out and adding to the ban. */
static void
test_429_pauses_venue (Fixture       *f,
                       gconstpointer  data)
{
  Concurrent c = { f, NULL, NULL, 0, 0 };

  ps_test_server_set_fault (f->server, PS_TEST_FAULT_429, 1);
  ps_test_server_set_retry_after (f->server, 1);
  g_timeout_add (300, concurrent_start_cb, &c);
  fixture_get (f, KLINES, NULL);
  assert_klines_body (f);
  g_assert_cmpint (f->elapsed_us, >=, 950 * 1000);

  while (c.done_us == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (c.error);
  g_assert_nonnull (c.body);
  /* Started at 300 ms, held until the pause ended near 1 s. */
  g_assert_cmpint (c.done_us - c.start_us, >=, 550 * 1000);
  /* The 429, the retry and the held request: nothing went out during the pause. */
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 3);
  g_clear_pointer (&c.body, g_bytes_unref);
}

/* A ban longer than we may wait fails the queued requests at once too. */
static void
test_418_pause_too_long (Fixture       *f,
                         gconstpointer  data)
{
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_418, 1);
  ps_test_server_set_retry_after (f->server, 600);
  fixture_get (f, KLINES, NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);

  fixture_get (f, KLINES, NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (f->error->message, "Binance"));
  g_assert_cmpint (f->elapsed_us, <, 300 * 1000);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 1);
}

/* The venue's count of used weight drains the bucket when it says more was
 * spent than we know of (another program on the address). */
static void
test_used_weight_header (Fixture       *f,
                         gconstpointer  data)
{
  ps_http_set_rate_limit (f->http, "Binance", 10, 10);
  ps_http_set_usage_header (f->http, "Binance", "X-MBX-USED-WEIGHT-1M");

  /* Consistent with our own count: no wait. */
  ps_test_server_set_used_weight (f->server, 1);
  fixture_get (f, "/fapi/v1/time", NULL);
  g_assert_no_error (f->error);
  fixture_get (f, "/fapi/v1/time", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->elapsed_us, <, 300 * 1000);

  /* 15 used of 10: the bucket goes to -5, the next request waits ~600 ms. */
  ps_test_server_set_used_weight (f->server, 15);
  fixture_get (f, "/fapi/v1/time", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->elapsed_us, <, 300 * 1000);
  ps_test_server_set_used_weight (f->server, 0);
  fixture_get (f, "/fapi/v1/time", NULL);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->elapsed_us, >=, 450 * 1000);

  /* A header that is not a number is ignored. */
  ps_http_set_usage_header (f->http, "Binance", "Content-Type");
  fixture_get (f, "/fapi/v1/time", NULL);
  g_assert_no_error (f->error);
}

/* What "retrying" said, in order. */
typedef struct
{
  guint     n;
  guint     attempt[8];
  guint     max_attempts;
  char     *reason;
  guint     delay_ms;
} Retries;

static void
retrying_cb (PsHttp     *http,
             const char *venue,
             const char *uri,
             guint       attempt,
             guint       max_attempts,
             const char *reason,
             guint       delay_ms,
             Retries    *retries)
{
  g_assert_cmpstr (venue, ==, "Binance");
  g_assert_nonnull (strstr (uri, "/fapi/v1/klines"));
  if (retries->n < G_N_ELEMENTS (retries->attempt))
    retries->attempt[retries->n] = attempt;
  retries->n++;
  retries->max_attempts = max_attempts;
  g_free (retries->reason);
  retries->reason = g_strdup (reason);
  retries->delay_ms = delay_ms;
}

/* A venue that accepts and never answers: every attempt times out, the
 * retries are announced, and the error says the truth about the wait. */
static void
test_stall_forever (Fixture       *f,
                    gconstpointer  data)
{
  Retries retries = { 0, };

  g_signal_connect (f->http, "retrying", G_CALLBACK (retrying_cb), &retries);
  ps_http_set_timeout (f->http, 1);
  ps_http_set_max_retries (f->http, 2);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_STALL, 100);
  fixture_get (f, KLINES, NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_TIMEOUT);
  g_assert_cmpstr (f->error->message, ==, "Binance did not answer: 3 attempts over 3 s");
  g_assert_cmpint (f->elapsed_us, >=, 2900 * 1000);
  g_assert_cmpint (f->elapsed_us, <, 5 * G_USEC_PER_SEC);

  g_assert_cmpuint (retries.n, ==, 2);
  g_assert_cmpuint (retries.attempt[0], ==, 2);
  g_assert_cmpuint (retries.attempt[1], ==, 3);
  g_assert_cmpuint (retries.max_attempts, ==, 3);
  g_assert_cmpstr (retries.reason, ==, "no answer within 1 s");
  g_assert_cmpuint (retries.delay_ms, <, 100);
  g_free (retries.reason);
}

/* The deadline ends the retries early and cuts the last attempt short. */
static void
test_stall_deadline (Fixture       *f,
                     gconstpointer  data)
{
  Retries retries = { 0, };

  g_signal_connect (f->http, "retrying", G_CALLBACK (retrying_cb), &retries);
  ps_http_set_timeout (f->http, 2);
  ps_http_set_max_retries (f->http, 10);
  ps_http_set_deadline (f->http, 4);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_STALL, 100);
  fixture_get (f, KLINES, NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_TIMEOUT);
  /* 2 s, then the 2 s left of the deadline; a third could not start. */
  g_assert_cmpstr (f->error->message, ==, "Binance did not answer: 2 attempts over 4 s");
  g_assert_cmpint (f->elapsed_us, >=, 3900 * 1000);
  g_assert_cmpint (f->elapsed_us, <, 4500 * 1000);
  g_assert_cmpuint (retries.n, ==, 1);
  g_assert_cmpuint (retries.max_attempts, ==, 11);
  g_assert_cmpstr (retries.reason, ==, "no answer within 2 s");
  g_free (retries.reason);
}

/* 5xx and 429 retries are announced too, with their reasons. */
static void
test_retrying_reasons (Fixture       *f,
                       gconstpointer  data)
{
  Retries retries = { 0, };

  g_signal_connect (f->http, "retrying", G_CALLBACK (retrying_cb), &retries);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_503, 1);
  fixture_get (f, KLINES, NULL);
  assert_klines_body (f);
  g_assert_cmpuint (retries.n, ==, 1);
  g_assert_cmpstr (retries.reason, ==, "HTTP 503 Service Unavailable");

  ps_test_server_set_fault (f->server, PS_TEST_FAULT_429, 1);
  ps_test_server_set_retry_after (f->server, 1);
  fixture_get (f, KLINES, NULL);
  assert_klines_body (f);
  g_assert_cmpuint (retries.n, ==, 2);
  g_assert_cmpstr (retries.reason, ==, "rate-limited (HTTP 429), the venue asks to wait 1 s");
  g_assert_cmpuint (retries.delay_ms, ==, 1000);
  g_free (retries.reason);
}

/* A server of its own, for what the Binance fake does not do. */

static void
own_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/ua"))
    {
      g_autofree char *ua = g_strdup_printf ("\"%s\"", soup_message_headers_get_one (request_headers,
                                                                                     "User-Agent"));

      /* Venues answer JSON: a JSON string here, else PsHttp takes it for a gateway page. */
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, ua, strlen (ua));
    }
  else if (g_str_equal (path, "/chunked"))
    {
      /* No Content-Length: the cap must hold while streaming. */
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (msg, 200, NULL);
      for (guint i = 0; i < 64; i++)
        soup_message_body_append (body, SOUP_MEMORY_TAKE, g_strnfill (1024, '1'), 1024);
      soup_message_body_complete (body);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static char *
own_server_uri (SoupServer *server,
                const char *path)
{
  GSList *uris = soup_server_get_uris (server);
  char *uri = g_strdup_printf ("http://127.0.0.1:%d%s", g_uri_get_port (uris->data), path);

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return uri;
}

static void
test_user_agent_and_chunked (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *ua_uri = NULL;
  g_autofree char *chunked_uri = NULL;

  soup_server_add_handler (server, NULL, own_handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  ua_uri = own_server_uri (server, "/ua");
  chunked_uri = own_server_uri (server, "/chunked");

  fixture_get (f, ua_uri, NULL);
  g_assert_no_error (f->error);
  g_assert_cmpmem (g_bytes_get_data (f->body, NULL), g_bytes_get_size (f->body),
                   "\"Perpscope/" PACKAGE_VERSION "\"", strlen ("\"Perpscope/" PACKAGE_VERSION "\""));

  fixture_get (f, chunked_uri, NULL);
  g_assert_no_error (f->error);
  g_assert_cmpuint (g_bytes_get_size (f->body), ==, 64 * 1024);

  ps_http_set_max_body_size (f->http, 10 * 1024);
  fixture_get (f, chunked_uri, NULL);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_TOO_LARGE);

  soup_server_disconnect (server);
}

/* The body is checked as UTF-8 chunk by chunk as it arrives: a character
 * cut between two chunks is whole, a bad byte anywhere is found, and a
 * character cut by the end of the body is not valid. */
static void
test_validate_in_chunks (void)
{
  const char *chunks[] = { "[\"caf\xc3", "\xa9 \xe2\x82", "\xac\"]" };
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GByteArray) bad = g_byte_array_new ();
  g_autoptr(GByteArray) cut = g_byte_array_new ();
  gsize validated = 0;

  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      g_byte_array_append (body, (const guint8 *) chunks[i], strlen (chunks[i]));
      g_assert_true (_ps_http_validate_more (body, &validated));
      g_assert_cmpuint (validated, <=, body->len);
    }
  g_assert_cmpuint (validated, ==, body->len);
  g_assert_true (_ps_http_looks_like_json (body->data, body->len));

  validated = 0;
  g_byte_array_append (bad, (const guint8 *) "[1, 2", strlen ("[1, 2"));
  g_assert_true (_ps_http_validate_more (bad, &validated));
  g_byte_array_append (bad, (const guint8 *) "\xff, 3, 4, 5]", strlen ("\xff, 3, 4, 5]"));
  g_assert_false (_ps_http_validate_more (bad, &validated));

  validated = 0;
  g_byte_array_append (cut, (const guint8 *) "[\"\xe2\x82", strlen ("[\"\xe2\x82"));
  g_assert_true (_ps_http_validate_more (cut, &validated));
  g_assert_cmpuint (validated, <, cut->len);

  g_assert_false (_ps_http_looks_like_json ((const guint8 *) " <html>", 7));
}

int
main (int    argc,
      char **argv)
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/http/new", test_new);
  g_test_add_func ("/perpscope/net/http/validate-in-chunks", test_validate_in_chunks);
#define ADD(name, func) \
  g_test_add ("/perpscope/net/http/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("ok", test_ok);
  ADD ("client-error", test_client_error);
  ADD ("429-retry-after", test_429_retry_after);
  ADD ("429-too-long", test_429_too_long);
  ADD ("429-huge-retry-after", test_429_huge_retry_after);
  ADD ("429-exhausted", test_429_exhausted);
  ADD ("418-banned-until", test_418_banned_until);
  ADD ("503-then-ok", test_503_then_ok);
  ADD ("500-forever", test_500_forever);
  ADD ("stall-timeout", test_stall_timeout);
  ADD ("stall-retried", test_stall_retried);
  ADD ("stall-forever", test_stall_forever);
  ADD ("stall-deadline", test_stall_deadline);
  ADD ("retrying-reasons", test_retrying_reasons);
  ADD ("truncated", test_truncated);
  ADD ("truncated-exhausted", test_truncated_exhausted);
  ADD ("refused", test_refused);
  ADD ("too-large", test_too_large);
  ADD ("cancel-backoff", test_cancel_backoff);
  ADD ("cancel-in-flight", test_cancel_in_flight);
  ADD ("cancel-before", test_cancel_before);
  ADD ("rate-limit", test_rate_limit);
  ADD ("rate-limit-cancel", test_rate_limit_cancel);
  ADD ("rate-limit-shared", test_rate_limit_shared);
  ADD ("429-pauses-venue", test_429_pauses_venue);
  ADD ("418-pause-too-long", test_418_pause_too_long);
  ADD ("used-weight-header", test_used_weight_header);
  ADD ("bad-uri", test_bad_uri);
  ADD ("user-agent-and-chunked", test_user_agent_and_chunked);
#undef ADD

  return g_test_run ();
}
