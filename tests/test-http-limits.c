/* test-http-limits.c: PsHttp's bans, rate-limit bodies, and a soak of 429s
 *
 * Against a loopback SoupServer of the test's own, which stamps every
 * request it gets: the checks are made on what arrived, not on what PsHttp
 * believes it did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ps-http.h"
#include "ps-http-private.h"
#include "ps-net-error.h"

typedef enum
{
  MODE_OK,          /* 200 {"i":N} */
  MODE_BAN,         /* every request: ban_status, Retry-After retry_after_s (0: none) */
  MODE_LIMITED_200, /* the first n_faults: 200 with OKX's 50011 envelope */
  MODE_SOAK,        /* every fifth arrival: 429, Retry-After 1 or 2 */
} Mode;

/* What the server saw of one request. */
typedef struct
{
  gint64 sent_us;     /* X-Sent-Us: when the client's bucket let it go */
  gint64 arrived_us;
  guint  status;
} Arrival;

/* What the client saw of a 429: when its headers came, and the wait asked. */
typedef struct
{
  gint64 received_us;
  guint  wait_s;
} Refusal;

typedef struct
{
  SoupServer *server;
  char       *base;
  PsHttp     *http;
  Mode        mode;
  guint       ban_status;
  guint       retry_after_s;
  guint       n_faults;
  GArray     *arrivals;   /* Arrival */
  GArray     *refusals;   /* Refusal */
  guint       n_done;
  guint       n_errors;
  GError     *error;      /* the first */
  GBytes    **bodies;     /* by request index, in the soak */
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  const char *sent = soup_message_headers_get_one (request, "X-Sent-Us");
  Arrival arrival = { sent ? g_ascii_strtoll (sent, NULL, 10) : 0, g_get_monotonic_time (), 200 };
  guint n = f->arrivals->len + 1;
  g_autofree char *ok = g_strdup_printf ("{\"i\":\"%s\"}", path);

  if (f->mode == MODE_BAN)
    {
      arrival.status = f->ban_status;
      if (f->retry_after_s > 0)
        {
          g_autofree char *value = g_strdup_printf ("%u", f->retry_after_s);

          soup_message_headers_replace (response, "Retry-After", value);
        }
      soup_server_message_set_status (message, f->ban_status, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>access too frequent</html>", 32);
    }
  else if (f->mode == MODE_LIMITED_200 && n <= f->n_faults)
    {
      static const char limited[] = "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        limited, strlen (limited));
    }
  else if (f->mode == MODE_SOAK && n % 5 == 0)
    {
      arrival.status = 429;
      soup_message_headers_replace (response, "Retry-After", n % 2 ? "1" : "2");
      soup_server_message_set_status (message, 429, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"code\":-1003}", 14);
    }
  else
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                        ok, strlen (ok));
    }
  g_array_append_val (f->arrivals, arrival);
}

/* The client's side of the wire, from libsoup's own signals. */
static void
got_headers_cb (SoupMessage *message,
                gpointer     user_data)
{
  Fixture *f = user_data;
  const char *after;
  Refusal refusal;

  if (soup_message_get_status (message) != 429)
    return;
  after = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                        "Retry-After");
  refusal.received_us = g_get_monotonic_time ();
  refusal.wait_s = after ? (guint) g_ascii_strtoull (after, NULL, 10) : 0;
  g_array_append_val (f->refusals, refusal);
}

static void
request_queued_cb (SoupSession *session,
                   SoupMessage *message,
                   gpointer     user_data)
{
  g_signal_connect (message, "got-headers", G_CALLBACK (got_headers_cb), user_data);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_uri_to_string (uris->data);
  if (g_str_has_suffix (f->base, "/"))
    f->base[strlen (f->base) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->http = ps_http_new ();
  ps_http_set_backoff (f->http, 10);
  g_signal_connect (f->http->session, "request-queued", G_CALLBACK (request_queued_cb), f);
  f->arrivals = g_array_new (FALSE, FALSE, sizeof (Arrival));
  f->refusals = g_array_new (FALSE, FALSE, sizeof (Refusal));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->http);
  g_object_unref (f->server);
  g_free (f->base);
  g_array_unref (f->arrivals);
  g_array_unref (f->refusals);
  g_clear_error (&f->error);
}

typedef struct
{
  Fixture *f;
  guint    index;
} Call;

static void
get_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Call *call = user_data;
  Fixture *f = call->f;
  GError *error = NULL;
  GBytes *body = ps_http_get_finish (PS_HTTP (object), result, NULL, &error);

  f->n_done++;
  if (error != NULL)
    {
      f->n_errors++;
      if (f->error == NULL)
        f->error = error;
      else
        g_error_free (error);
    }
  if (f->bodies != NULL)
    f->bodies[call->index] = body;
  else
    g_clear_pointer (&body, g_bytes_unref);
  g_free (call);
}

static void
fixture_start (Fixture    *f,
               const char *venue,
               guint       index)
{
  g_autofree char *uri = g_strdup_printf ("%s/item/%u", f->base, index);
  Call *call = g_new (Call, 1);

  call->f = f;
  call->index = index;
  ps_http_get_async (f->http, venue, uri, 1, NULL, get_cb, call);
}

static void
fixture_wait (Fixture *f,
              guint    n)
{
  while (f->n_done < n)
    g_main_context_iteration (NULL, TRUE);
}

/* A 418 with a long Retry-After: the request fails saying until when, the
 * requests waiting for the bucket fail at once with it, and so does a new
 * one; the venue hears nothing more. */
static void
test_ban_fails_waiting (Fixture       *f,
                        gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  f->mode = MODE_BAN;
  f->ban_status = 418;
  f->retry_after_s = 600;
  /* One a second: the other four wait for the bucket when the ban comes. */
  ps_http_set_rate_limit (f->http, "Binance", 1, 1);
  for (guint i = 0; i < 5; i++)
    fixture_start (f, "Binance", i);
  fixture_wait (f, 5);

  g_assert_cmpuint (f->n_errors, ==, 5);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
  g_test_message ("%s", f->error->message);
  g_assert_nonnull (strstr (f->error->message, "Binance has banned this IP address until "));
  g_assert_nonnull (strstr (f->error->message, "UTC: too many requests"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 500 * 1000);
  g_assert_cmpuint (f->arrivals->len, ==, 1);

  /* Another venue is not banned with it. */
  f->mode = MODE_OK;
  fixture_start (f, "Bybit", 9);
  fixture_wait (f, 6);
  g_assert_cmpuint (f->n_errors, ==, 5);

  g_clear_error (&f->error);
  fixture_start (f, "Binance", 10);
  fixture_wait (f, 7);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (f->error->message, "until"));
  g_assert_cmpuint (f->arrivals->len, ==, 2);
}

/* Bybit's 403 without Retry-After blocks for its documented 10 minutes: one
 * request, not a retry every half second (which would extend the block). */
static void
test_bybit_403_block (Fixture       *f,
                      gconstpointer  data)
{
  f->mode = MODE_BAN;
  f->ban_status = 403;
  f->retry_after_s = 0;
  ps_http_set_ban (f->http, "Bybit", 403, 600);
  fixture_start (f, "Bybit", 0);
  fixture_wait (f, 1);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
  g_test_message ("%s", f->error->message);
  g_assert_nonnull (strstr (f->error->message, "Bybit has blocked this IP address until"));
  g_assert_cmpuint (f->arrivals->len, ==, 1);

  /* A 403 of a venue that does not block with it is the caller's to explain. */
  fixture_start (f, "OKX", 1);
  fixture_wait (f, 2);
  g_assert_cmpuint (f->n_errors, ==, 1);
  g_assert_cmpuint (f->arrivals->len, ==, 2);
}

/* A 418 that says to wait less than the max retry wait is a pause. */
static void
test_short_ban_is_a_pause (Fixture       *f,
                           gconstpointer  data)
{
  f->mode = MODE_BAN;
  f->ban_status = 418;
  f->retry_after_s = 1;
  _ps_http_set_second_ms (f->http, 20);
  ps_http_set_max_retries (f->http, 2);
  fixture_start (f, "Binance", 0);
  fixture_wait (f, 1);
  /* Asked three times, each after the wait: then "still rate-limiting". */
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (f->error->message, "still rate-limiting"));
  g_assert_cmpuint (f->arrivals->len, ==, 3);
  for (guint i = 1; i < f->arrivals->len; i++)
    g_assert_cmpint (g_array_index (f->arrivals, Arrival, i).arrived_us -
                     g_array_index (f->arrivals, Arrival, i - 1).arrived_us, >=, 20 * 1000);
}

static gboolean
okx_limited (const guint8 *data,
             gsize         length)
{
  return g_strstr_len ((const char *) data, length, "\"50011\"") != NULL;
}

/* OKX's 50011 in an HTTP 200 is waited out and asked again. */
static void
test_limited_body (Fixture       *f,
                   gconstpointer  data)
{
  f->mode = MODE_LIMITED_200;
  f->n_faults = 2;
  f->bodies = g_new0 (GBytes *, 1);
  ps_http_set_limited_body (f->http, "OKX", okx_limited);
  fixture_start (f, "OKX", 0);
  fixture_wait (f, 1);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->arrivals->len, ==, 3);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (f->bodies[0], NULL),
                                  g_bytes_get_size (f->bodies[0]), "/item/0"));
  g_bytes_unref (f->bodies[0]);

  /* Without the check, the body is the caller's. */
  f->bodies[0] = NULL;
  f->arrivals->len = 0;
  fixture_start (f, "Bybit", 0);
  fixture_wait (f, 2);
  g_assert_cmpuint (f->arrivals->len, ==, 1);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (f->bodies[0], NULL),
                                  g_bytes_get_size (f->bodies[0]), "50011"));
  g_bytes_unref (f->bodies[0]);
  g_free (f->bodies);
}

static gint
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

#define SOAK_N        2000
#define SOAK_CAPACITY 10.0
#define SOAK_RATE     500.0   /* per second */
#define SOAK_SECOND   4       /* ms a second of Retry-After lasts */

/* 2,000 requests, started at once, to a server that refuses every fifth it
 * gets with a 429: every one arrives, no request goes out while a
 * Retry-After runs, and the bucket's rate is never exceeded. */
static void
test_soak (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GArray) sent = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_429 = 0, n_in_pause = 0;
  double worst = 0;
  gint64 start = g_get_monotonic_time ();

  f->mode = MODE_SOAK;
  f->bodies = g_new0 (GBytes *, SOAK_N);
  _ps_http_set_second_ms (f->http, SOAK_SECOND);
  _ps_http_set_stamp_sends (f->http, TRUE);
  ps_http_set_max_retries (f->http, 30);
  ps_http_set_deadline (f->http, 0);
  ps_http_set_rate_limit (f->http, "Soak", SOAK_CAPACITY, SOAK_RATE);
  for (guint i = 0; i < SOAK_N; i++)
    fixture_start (f, "Soak", i);
  fixture_wait (f, SOAK_N);
  g_test_message ("%u requests, %u answers in %.1f s", SOAK_N, f->arrivals->len,
                  (g_get_monotonic_time () - start) / 1e6);

  /* All data arrives, each body its own request's. */
  g_assert_no_error (f->error);
  for (guint i = 0; i < SOAK_N; i++)
    {
      g_autofree char *want = g_strdup_printf ("\"/item/%u\"", i);

      g_assert_nonnull (f->bodies[i]);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (f->bodies[i], NULL),
                                      g_bytes_get_size (f->bodies[i]), want));
      g_bytes_unref (f->bodies[i]);
    }
  g_free (f->bodies);
  f->bodies = NULL;

  for (guint i = 0; i < f->arrivals->len; i++)
    {
      Arrival *a = &g_array_index (f->arrivals, Arrival, i);

      g_assert_cmpint (a->sent_us, >, 0);
      g_array_append_val (sent, a->sent_us);
      n_429 += a->status == 429;
    }
  g_assert_cmpuint (n_429, ==, f->arrivals->len / 5);
  g_assert_cmpuint (f->arrivals->len, ==, SOAK_N + n_429);
  g_assert_cmpuint (f->refusals->len, ==, n_429);

  /* Nothing sent between the moment a 429 arrived and the end of its wait
   * (requests sent before it arrived may land after it: they are not the
   * client's fault). */
  for (guint r = 0; r < f->refusals->len; r++)
    {
      Refusal *refusal = &g_array_index (f->refusals, Refusal, r);
      gint64 end = refusal->received_us + refusal->wait_s * SOAK_SECOND * 1000;

      g_assert_cmpuint (refusal->wait_s, >=, 1);
      for (guint i = 0; i < sent->len; i++)
        {
          gint64 s = g_array_index (sent, gint64, i);

          n_in_pause += s > refusal->received_us && s < end;
        }
    }
  g_assert_cmpuint (n_in_pause, ==, 0);

  /* The bucket: any k consecutive sends span at least (k − capacity) / rate. */
  g_array_sort (sent, compare_gint64);
  for (guint i = 0; i < sent->len; i++)
    for (guint j = i + (guint) SOAK_CAPACITY; j < sent->len && j < i + 200; j++)
      {
        double span_s = (g_array_index (sent, gint64, j) - g_array_index (sent, gint64, i)) / 1e6;
        double allowed = SOAK_CAPACITY + SOAK_RATE * span_s;
        double count = j - i + 1;

        worst = MAX (worst, count - allowed);
      }
  g_test_message ("%u 429s; worst excess over the bucket: %.2f requests", n_429, worst);
  /* One request too many is an excess of 1; the stamps are read a moment
   * after the bucket's own clock read, a few µs: far under 0.1 request. */
  g_assert_cmpfloat (worst, <, 0.1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/http-limits/ban-fails-waiting", Fixture, NULL,
              fixture_setup, test_ban_fails_waiting, fixture_teardown);
  g_test_add ("/http-limits/bybit-403-block", Fixture, NULL,
              fixture_setup, test_bybit_403_block, fixture_teardown);
  g_test_add ("/http-limits/short-ban-is-a-pause", Fixture, NULL,
              fixture_setup, test_short_ban_is_a_pause, fixture_teardown);
  g_test_add ("/http-limits/limited-body", Fixture, NULL,
              fixture_setup, test_limited_body, fixture_teardown);
  g_test_add ("/http-limits/soak", Fixture, NULL,
              fixture_setup, test_soak, fixture_teardown);

  return g_test_run ();
}
