/* ps-test-server.c: a loopback Binance USDⓈ-M that replays real rows and faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "ps-test-server.h"
#include "ps-test-server-private.h"
#include "ps-test-util.h"

#define PS_TEST_DAY_MS          (G_GINT64_CONSTANT (24) * 3600 * 1000)
#define PS_TEST_DEFAULT_NOW_MS  G_GINT64_CONSTANT (1766016000000)   /* 2025-12-18T00:00:00Z */
#define PS_TEST_SYMBOL          "BTCUSDT"

struct _PsTestServer
{
  SoupServer  *server;
  char        *uri;
  gint64       now_ms;

  PsTestFault  fault;
  guint        n_faults;
  guint        retry_after;       /* 0: no Retry-After header at all */
  gboolean     fault_skip_time;
  guint        used_weight;       /* X-MBX-USED-WEIGHT-1M of every answer; 0: none */

  guint        n_requests;
  GHashTable  *requests_by_path;  /* char * → GUINT_TO_POINTER (count) */

  PsTestTable  klines;            /* 4h */
  PsTestTable  klines_5m;         /* Dec 2024: enough rows to need several pages */
  PsTestTable  funding;
  PsTestTable  open_interest;     /* daily */
  PsTestTable  spot_klines;       /* Binance spot 4h */
  PsTestTable  empty;             /* klines of the other intervals */

  PsTestWs    *ws;

  char        *synthetic_interval;  /* NULL: none */
  gint64       synthetic_step_ms;
  gint64       synthetic_first_ms;
  guint        synthetic_n;
};

/* An answer before any fault is applied to it. */
typedef struct
{
  guint  status;
  char  *body;
} PsTestAnswer;

static PsTestAnswer
ps_test_error (guint       status,
               int         code,
               const char *msg)
{
  PsTestAnswer answer = { status, g_strdup_printf ("{\"code\":%d,\"msg\":\"%s\"}", code, msg) };

  return answer;
}

static PsTestAnswer
ps_test_bad_param (const char *name)
{
  g_autofree char *msg = g_strdup_printf ("Data sent for parameter '%s' is not valid.", name);

  return ps_test_error (400, -1130, msg);
}

/* Empty means absent, as Binance treats "limit=". */
static const char *
ps_test_query (GHashTable *query,
               const char *name)
{
  const char *value = query ? g_hash_table_lookup (query, name) : NULL;

  return value && *value ? value : NULL;
}

static gboolean
ps_test_query_int (GHashTable *query,
                   const char *name,
                   gint64     *value,
                   gboolean   *present)
{
  const char *str = ps_test_query (query, name);

  *present = str != NULL;
  if (str == NULL)
    return TRUE;
  return g_ascii_string_to_signed (str, 10, G_MININT64, G_MAXINT64, value, NULL);
}

/* Binance's paging: with startTime the first `limit` rows from it (up to
 * endTime); with endTime only the last `limit` rows up to it; else the newest.
 * Rows outside [oldest_ms, now] do not exist for the client. */
static PsTestAnswer
ps_test_server_page (PsTestServer      *self,
                     const PsTestTable *table,
                     GHashTable        *query,
                     gint64             oldest_ms,
                     gint64             default_limit,
                     gint64             max_limit)
{
  gint64 start = 0, end = 0, limit = default_limit;
  gboolean has_start, has_end, has_limit;
  guint lo, hi, first, last;
  PsTestAnswer answer = { 200, NULL };
  GString *body;

  if (!ps_test_query_int (query, "limit", &limit, &has_limit) || limit < 1 || limit > max_limit)
    return ps_test_bad_param ("limit");
  if (!ps_test_query_int (query, "startTime", &start, &has_start))
    return ps_test_bad_param ("startTime");
  if (!ps_test_query_int (query, "endTime", &end, &has_end))
    return ps_test_bad_param ("endTime");
  if (has_start && has_end && start > end)
    return ps_test_error (400, -1023, "Start time is greater than end time.");

  lo = _ps_test_table_bound (table, oldest_ms, FALSE);
  hi = _ps_test_table_bound (table, self->now_ms, TRUE);
  if (has_end)
    hi = MIN (hi, _ps_test_table_bound (table, end, TRUE));
  if (has_start)
    {
      first = MAX (lo, _ps_test_table_bound (table, start, FALSE));
      last = MAX (first, MIN (hi, first + limit));
    }
  else
    {
      last = MAX (lo, hi);
      first = last - MIN ((gint64) (last - lo), limit);
    }

  body = g_string_new ("[");
  for (guint i = first; i < last; i++)
    {
      if (i > first)
        g_string_append_c (body, ',');
      g_string_append (body, g_ptr_array_index (table->json, i));
    }
  g_string_append_c (body, ']');
  answer.body = g_string_free (body, FALSE);
  return answer;
}

/* Binance's paging rules, as ps_test_server_page (), over rows made up as asked. */
static PsTestAnswer
ps_test_server_synthetic_page (PsTestServer *self,
                               GHashTable   *query)
{
  gint64 start = 0, end = G_MAXINT64, limit = 500;
  gint64 step = self->synthetic_step_ms, lo, hi, first, last;
  gboolean has_start, has_end, has_limit;
  PsTestAnswer answer = { 200, NULL };
  GString *body;

  if (!ps_test_query_int (query, "limit", &limit, &has_limit) || limit < 1 || limit > 1500)
    return ps_test_bad_param ("limit");
  if (!ps_test_query_int (query, "startTime", &start, &has_start))
    return ps_test_bad_param ("startTime");
  if (!ps_test_query_int (query, "endTime", &end, &has_end))
    return ps_test_bad_param ("endTime");
  if (!has_end)
    end = G_MAXINT64;

  /* Row indices: [lo, hi) exist for the client, from first for limit rows. */
  lo = 0;
  hi = MIN (end, self->now_ms) < self->synthetic_first_ms ? 0 :
       MIN ((gint64) self->synthetic_n,
            (MIN (end, self->now_ms) - self->synthetic_first_ms) / step + 1);
  if (has_start)
    first = MAX (lo, (start - self->synthetic_first_ms + step - 1) / step);
  else
    first = MAX (lo, hi - limit);
  last = MIN (hi, first + limit);

  body = g_string_sized_new (160 * MAX (0, last - first) + 2);
  g_string_append_c (body, '[');
  for (gint64 i = first; i < last; i++)
    {
      gint64 t = self->synthetic_first_ms + i * step;
      double open = 90000 + 1000 * sin (i / 500.0);
      double close = 90000 + 1000 * sin ((i + 1) / 500.0);

      g_string_append_printf (body,
                              "%s[%" G_GINT64_FORMAT ",\"%.1f\",\"%.1f\",\"%.1f\",\"%.1f\","
                              "\"%.3f\",%" G_GINT64_FORMAT ",\"%.5f\",%" G_GINT64_FORMAT ","
                              "\"%.3f\",\"%.5f\",\"0\"]",
                              i > first ? "," : "", t, open, MAX (open, close) + 5,
                              MIN (open, close) - 5, close, 12.5 + i % 7, t + step - 1,
                              (12.5 + i % 7) * close, 1000 + i, 6.25, 6.25 * close);
    }
  g_string_append_c (body, ']');
  answer.body = g_string_free (body, FALSE);
  return answer;
}

static gboolean
ps_test_symbol_ok (GHashTable *query)
{
  return g_strcmp0 (ps_test_query (query, "symbol"), PS_TEST_SYMBOL) == 0;
}

static PsTestAnswer
ps_test_server_klines (PsTestServer *self,
                       GHashTable   *query)
{
  static const char * const intervals[] = {
    "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M",
    NULL
  };
  const char *interval = ps_test_query (query, "interval");

  if (!ps_test_symbol_ok (query))
    return ps_test_error (400, -1121, "Invalid symbol.");
  if (interval == NULL)
    return ps_test_error (400, -1102,
                          "Mandatory parameter 'interval' was not sent, was empty/null, "
                          "or malformed.");
  if (!g_strv_contains (intervals, interval))
    return ps_test_error (400, -1120, "Invalid interval.");

  if (self->synthetic_interval != NULL && g_str_equal (interval, self->synthetic_interval))
    return ps_test_server_synthetic_page (self, query);

  /* Only 4h and 5m rows exist; other intervals page through an empty table. */
  return ps_test_server_page (self,
                              g_str_equal (interval, "4h") ? &self->klines :
                              g_str_equal (interval, "5m") ? &self->klines_5m : &self->empty,
                              query, G_MININT64, 500, 1500);
}

/* Binance spot (api.binance.com): the same klines, at most 1000 a page. */
static PsTestAnswer
ps_test_server_spot_klines (PsTestServer *self,
                            GHashTable   *query)
{
  const char *interval = ps_test_query (query, "interval");

  if (!ps_test_symbol_ok (query))
    return ps_test_error (400, -1121, "Invalid symbol.");
  if (interval == NULL)
    return ps_test_error (400, -1102,
                          "Mandatory parameter 'interval' was not sent, was empty/null, "
                          "or malformed.");
  return ps_test_server_page (self, g_str_equal (interval, "4h") ? &self->spot_klines
                                                                 : &self->empty,
                              query, G_MININT64, 500, 1000);
}

/* Without times Binance returns the newest 200 rows unless a limit is given. */
static PsTestAnswer
ps_test_server_funding (PsTestServer *self,
                        GHashTable   *query)
{
  gboolean only_limit = ps_test_query (query, "startTime") == NULL &&
                        ps_test_query (query, "endTime") == NULL &&
                        ps_test_query (query, "limit") == NULL;

  if (!ps_test_symbol_ok (query))
    return ps_test_error (400, -1121, "Invalid symbol.");
  return ps_test_server_page (self, &self->funding, query, G_MININT64,
                              only_limit ? 200 : 100, only_limit ? 200 : 1000);
}

/* Binance serves a month of history; older rows are silently left out. */
static PsTestAnswer
ps_test_server_open_interest (PsTestServer *self,
                              GHashTable   *query)
{
  static const char * const periods[] = {
    "5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d", NULL
  };
  const char *period = ps_test_query (query, "period");

  if (!ps_test_symbol_ok (query))
    return ps_test_error (400, -1121, "Invalid symbol.");
  if (period == NULL)
    return ps_test_error (400, -1102,
                          "Mandatory parameter 'period' was not sent, was empty/null, "
                          "or malformed.");
  if (!g_strv_contains (periods, period))
    return ps_test_bad_param ("period");

  return ps_test_server_page (self, &self->open_interest, query,
                              self->now_ms - 30 * PS_TEST_DAY_MS, 30, 500);
}

static PsTestAnswer
ps_test_server_answer (PsTestServer *self,
                       const char   *path,
                       GHashTable   *query)
{
  PsTestAnswer answer = { 200, NULL };

  if (g_str_equal (path, "/fapi/v1/klines"))
    return ps_test_server_klines (self, query);
  if (g_str_equal (path, "/fapi/v1/fundingRate"))
    return ps_test_server_funding (self, query);
  if (g_str_equal (path, "/futures/data/openInterestHist"))
    return ps_test_server_open_interest (self, query);
  /* Snapshots: the samples as they are. */
  if (g_str_equal (path, "/fapi/v1/openInterest") || g_str_equal (path, "/fapi/v1/premiumIndex"))
    {
      answer.body = ps_test_load_data (g_str_equal (path, "/fapi/v1/openInterest")
                                         ? "binance-openInterest.json"
                                         : "binance-premiumIndex.json", NULL);
      return answer;
    }
  if (g_str_equal (path, "/api/v3/klines"))
    return ps_test_server_spot_klines (self, query);
  if (g_str_equal (path, "/fapi/v1/time") || g_str_equal (path, "/api/v3/time"))
    {
      answer.body = g_strdup_printf ("{\"serverTime\":%" G_GINT64_FORMAT "}", self->now_ms);
      return answer;
    }

  answer = ps_test_error (404, -5000, "Path is invalid");
  return answer;
}

static void
ps_test_reply (SoupServerMessage *msg,
               guint              status,
               const char        *content_type,
               char              *body,
               gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, length);
}

/* Headers promising the whole body, half of it, then the connection closes:
 * written by hand because SoupServer would never send a short body. */
static void
ps_test_server_truncate (SoupServerMessage *msg,
                         PsTestAnswer      *answer)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  gsize length = strlen (answer->body);
  g_autofree char *head = NULL;
  GOutputStream *out;

  g_assert_nonnull (stream);
  head = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n"
                          "\r\n",
                          answer->status, soup_status_get_phrase (answer->status), length);
  out = g_io_stream_get_output_stream (stream);
  /* Loopback and a few kB: the socket buffer takes it without blocking. */
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, answer->body, MAX (length / 2, 1), NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
ps_test_server_rate_limit (PsTestServer      *self,
                           SoupServerMessage *msg,
                           PsTestFault        fault)
{
  char *body;

  if (fault == PS_TEST_FAULT_429)
    body = g_strdup ("{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP(127.0.0.1) "
                     "is 2400 requests per minute. Please use the websocket for live updates to "
                     "avoid polling the API.\"}");
  else
    body = g_strdup_printf ("{\"code\":-1003,\"msg\":\"Way too many requests; IP(127.0.0.1) banned "
                            "until %" G_GINT64_FORMAT ". Please use the websocket for live updates "
                            "to avoid bans.\"}",
                            self->now_ms + self->retry_after * G_GINT64_CONSTANT (1000));
  ps_test_reply (msg, fault == PS_TEST_FAULT_429 ? 429 : 418, "application/json",
                 body, strlen (body));
  if (self->retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", self->retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", seconds);
    }
}

/* TRUE when fault took over the answer; TRUNCATE needs the normal answer first. */
static gboolean
ps_test_server_apply_fault (PsTestServer      *self,
                            SoupServerMessage *msg,
                            PsTestFault        fault)
{
  static const char garbage[] =
    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
    "</h1></center>\xff\xfe\x00garbage</body></html>";
  char *body;

  switch (fault)
    {
    case PS_TEST_FAULT_429:
    case PS_TEST_FAULT_418:
      ps_test_server_rate_limit (self, msg, fault);
      return TRUE;

    case PS_TEST_FAULT_500:
      body = g_strdup ("{\"code\":-1000,\"msg\":\"An unknown error occurred while processing the "
                       "request.\"}");
      ps_test_reply (msg, 500, "application/json", body, strlen (body));
      return TRUE;

    case PS_TEST_FAULT_503:
      body = g_strdup ("{\"code\":-1008,\"msg\":\"Server is currently overloaded with other "
                       "requests. Please try again in a few minutes.\"}");
      ps_test_reply (msg, 503, "application/json", body, strlen (body));
      return TRUE;

    case PS_TEST_FAULT_GARBAGE:
      /* Invalid UTF-8 and a NUL: what a broken gateway may send as "JSON". */
      ps_test_reply (msg, 200, "application/json",
                     g_memdup2 (garbage, sizeof garbage - 1), sizeof garbage - 1);
      return TRUE;

    case PS_TEST_FAULT_STALL:
      /* The connection stays with the server until the client or
       * soup_server_disconnect () closes it; nothing here owns the message. */
      soup_server_message_pause (msg);
      return TRUE;

    case PS_TEST_FAULT_EMPTY:
      ps_test_reply (msg, 200, "application/json", g_strdup ("[]"), 2);
      return TRUE;

    case PS_TEST_FAULT_NONE:
    case PS_TEST_FAULT_TRUNCATE:
    default:
      return FALSE;
    }
}

static void
ps_test_server_handler (SoupServer        *server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  PsTestServer *self = user_data;
  PsTestFault fault = PS_TEST_FAULT_NONE;
  PsTestAnswer answer;
  guint count;

  self->n_requests++;
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->requests_by_path, path));
  g_hash_table_insert (self->requests_by_path, g_strdup (path), GUINT_TO_POINTER (count + 1));

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
    {
      ps_test_reply (msg, 405, "application/json", g_strdup ("{}"), 2);
      return;
    }

  if (_ps_test_ws_mute (self->ws, msg, path))
    return;

  if (self->used_weight > 0)
    {
      g_autofree char *used = g_strdup_printf ("%u", self->used_weight);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "X-MBX-USED-WEIGHT-1M", used);
    }

  if (self->n_faults > 0 &&
      !(self->fault_skip_time &&
        (g_str_equal (path, "/fapi/v1/time") || g_str_equal (path, "/api/v3/time"))))
    {
      fault = self->fault;
      self->n_faults--;
    }
  if (ps_test_server_apply_fault (self, msg, fault))
    return;

  answer = ps_test_server_answer (self, path, query);
  if (fault == PS_TEST_FAULT_TRUNCATE)
    {
      ps_test_server_truncate (msg, &answer);
      g_free (answer.body);
    }
  else
    {
      gsize length = strlen (answer.body);

      ps_test_reply (msg, answer.status, "application/json", answer.body, length);
    }
}

/* Reading the CSVs is most of a server's start-up (seconds under ASan, for
 * every test): they are read once a process and shared, read-only. */
static void
ps_test_server_share_tables (PsTestServer *self)
{
  const PsTestTables *loaded = _ps_test_tables_get ();

  _ps_test_table_share (&self->klines, &loaded->klines);
  _ps_test_table_share (&self->klines_5m, &loaded->klines_5m);
  _ps_test_table_share (&self->funding, &loaded->funding);
  _ps_test_table_share (&self->open_interest, &loaded->open_interest);
  _ps_test_table_share (&self->spot_klines, &loaded->spot_klines);
  _ps_test_table_init (&self->empty);
}

PsTestServer *
ps_test_server_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  PsTestServer *self = g_new0 (PsTestServer, 1);
  GSList *uris;

  /* Clients of a loopback server need no proxy, and with the isolated XDG
   * dirs of ps_test_init () the GNOME proxy module would abort on connect for
   * want of its GSettings schema. Must happen before the first connection. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  self->now_ms = PS_TEST_DEFAULT_NOW_MS;
  self->retry_after = 1;
  self->fault_skip_time = TRUE;
  self->requests_by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ps_test_server_share_tables (self);

  self->server = soup_server_new ("server-header", "", NULL);
  soup_server_add_handler (self->server, NULL, ps_test_server_handler, self, NULL);
  self->ws = _ps_test_ws_new (self->server);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->uri = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
ps_test_server_free (PsTestServer *self)
{
  if (self == NULL)
    return;

  /* Closes every client connection, stalled ones included. */
  g_clear_pointer (&self->ws, _ps_test_ws_free);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->requests_by_path, g_hash_table_unref);
  _ps_test_table_clear (&self->klines);
  _ps_test_table_clear (&self->klines_5m);
  _ps_test_table_clear (&self->funding);
  _ps_test_table_clear (&self->open_interest);
  _ps_test_table_clear (&self->spot_klines);
  _ps_test_table_clear (&self->empty);
  g_free (self->synthetic_interval);
  g_free (self->uri);
  g_free (self);
}

const char *
ps_test_server_get_uri (PsTestServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->uri;
}

void
ps_test_server_set_now (PsTestServer *self,
                        gint64        now_ms)
{
  g_return_if_fail (self != NULL);

  self->now_ms = now_ms;
}

void
ps_test_server_set_fault (PsTestServer *self,
                          PsTestFault   fault,
                          guint         n)
{
  g_return_if_fail (self != NULL);

  self->fault = fault;
  self->n_faults = fault == PS_TEST_FAULT_NONE ? 0 : n;
}

void
ps_test_server_set_fault_skip_time (PsTestServer *self,
                                    gboolean      skip_time)
{
  g_return_if_fail (self != NULL);

  self->fault_skip_time = !!skip_time;
}

void
ps_test_server_set_retry_after (PsTestServer *self,
                                guint         seconds)
{
  g_return_if_fail (self != NULL);

  self->retry_after = seconds;
}

void
ps_test_server_set_used_weight (PsTestServer *self,
                                guint         weight)
{
  g_return_if_fail (self != NULL);

  self->used_weight = weight;
}

guint
ps_test_server_get_n_requests (PsTestServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_requests;
}

guint
ps_test_server_get_n_requests_for (PsTestServer *self,
                                   const char   *path)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (path != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->requests_by_path, path));
}

void
ps_test_server_reset_counts (PsTestServer *self)
{
  g_return_if_fail (self != NULL);

  self->n_requests = 0;
  g_hash_table_remove_all (self->requests_by_path);
}

PsTestWs *
_ps_test_server_get_ws (PsTestServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->ws;
}

void
ps_test_server_set_synthetic_klines (PsTestServer *self,
                                     const char   *interval,
                                     gint64        step_ms,
                                     gint64        first_ms,
                                     guint         n)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (interval != NULL && step_ms > 0);

  g_free (self->synthetic_interval);
  self->synthetic_interval = g_strdup (interval);
  self->synthetic_step_ms = step_ms;
  self->synthetic_first_ms = first_ms;
  self->synthetic_n = n;
}
