/* test-binance.c: PsBinance against the loopback Binance of ps-test-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ps-binance.h"
#include "ps-net-error.h"
#include "ps-test-provider.h"
#include "ps-test-server.h"
#include "ps-test-util.h"

#define HOUR_MS  (G_GINT64_CONSTANT (3600) * 1000)
#define DAY_MS   (24 * HOUR_MS)
#define NOW_MS   G_GINT64_CONSTANT (1766016000000)   /* the server's default, 2025-12-18 */
#define OCT_1_MS G_GINT64_CONSTANT (1759276800000)   /* 2025-10-01T00:00:00Z */
#define NOV_1_MS G_GINT64_CONSTANT (1761955200000)   /* 2025-11-01T00:00:00Z */

#define CANDLES_CSV "binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv"
#define FUNDING_CSV "binance_btcusdt_funding_8h_2025-10-06_2026-01-31.csv"
#define OI_CSV      "binance_btcusdt_oi_daily_2025-11-07_2025-12-17.csv"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_http (f);
  f->provider = PS_PROVIDER (ps_binance_new (f->http, ps_test_server_get_uri (f->server)));
}

/* fixture_fetch(), saying why it failed or checking the page is of the kind asked. */
static void
fetch_page (Fixture      *f,
            PsSeriesKind  kind,
            const char   *symbol,
            PsInterval    interval,
            gint64        from_ms,
            gint64        to_ms)
{
  fixture_fetch (f, kind, symbol, interval, from_ms, to_ms);
  if (f->error != NULL)
    g_test_message ("%s", f->error->message);
  else
    g_assert_cmpuint (f->page->kind, ==, kind);
}

/* The CSV rows (header dropped) whose first column, as a time, is in [from, to]. */
static GPtrArray *
csv_rows (const char *name,
          gint64      from_ms,
          gint64      to_ms)
{
  g_autofree char *contents = ps_test_load_data (name, NULL);
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      char **fields = g_strsplit (g_strstrip (lines[i]), ",", -1);
      gint64 t_ms = fields[0] ? g_ascii_strtoll (fields[0], NULL, 10) : -1;

      if (t_ms >= from_ms && t_ms <= to_ms)
        g_ptr_array_add (rows, fields);
      else
        g_strfreev (fields);
    }
  return rows;
}

static void
assert_candle (const PsCandles *c,
               guint            i,
               char           **csv)
{
  g_assert_cmpint (c->t_ms[i], ==, g_ascii_strtoll (csv[0], NULL, 10));
  g_assert_cmpfloat (ps_candles_open_at (c, i), ==, g_ascii_strtod (csv[1], NULL));
  g_assert_cmpfloat (ps_candles_high_at (c, i), ==, g_ascii_strtod (csv[2], NULL));
  g_assert_cmpfloat (ps_candles_low_at (c, i), ==, g_ascii_strtod (csv[3], NULL));
  g_assert_cmpfloat (ps_candles_close_at (c, i), ==, g_ascii_strtod (csv[4], NULL));
  g_assert_cmpfloat (ps_candles_volume_at (c, i), ==, g_ascii_strtod (csv[5], NULL));
}

static void
test_new (void)
{
  PsBinance *binance;
  PsHttp *http = ps_http_new ();

  /* Trailing slashes go: the venue's paths start with one. */
  binance = ps_binance_new (http, "http://127.0.0.1:1234//");
  g_assert_cmpstr (ps_binance_get_rest_base (binance), ==, "http://127.0.0.1:1234");
  g_assert_finalize_object (binance);

  g_setenv ("PERPSCOPE_BINANCE_REST", "http://mirror.example/", TRUE);
  binance = ps_binance_new (http, NULL);
  g_assert_cmpstr (ps_binance_get_rest_base (binance), ==, "http://mirror.example");
  g_assert_finalize_object (binance);

  g_unsetenv ("PERPSCOPE_BINANCE_REST");
  binance = ps_binance_new (NULL, NULL);
  g_assert_cmpstr (ps_binance_get_rest_base (binance), ==, PS_BINANCE_DEFAULT_REST);
  g_assert_finalize_object (binance);

  g_assert_finalize_object (http);
}

static void
test_properties (void)
{
  PsProvider *provider = PS_PROVIDER (ps_binance_new (NULL, "http://127.0.0.1:9"));

  g_assert_cmpstr (ps_provider_get_venue (provider), ==, "binance");
  g_assert_cmpstr (ps_provider_get_display_name (provider), ==, "Binance");
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_CANDLES), ==, 1500);
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_FUNDING), ==, 1000);
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_OPEN_INTEREST), ==, 500);
  g_assert_cmpint (ps_provider_get_history_horizon (provider, PS_SERIES_OPEN_INTEREST), ==,
                   30 * DAY_MS);
  g_assert_cmpint (ps_provider_get_history_horizon (provider, PS_SERIES_CANDLES), ==, 0);
  g_assert_cmpint (ps_provider_get_history_horizon (provider, PS_SERIES_FUNDING), ==, 0);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_FUNDING, PS_INTERVAL_4H),
                   ==, PS_INTERVAL_NONE);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_OPEN_INTEREST,
                                                     PS_INTERVAL_1M), ==, PS_INTERVAL_5M);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_OPEN_INTEREST,
                                                     PS_INTERVAL_1H), ==, PS_INTERVAL_1H);
  g_assert_cmpint (ps_provider_get_storage_interval (provider, PS_SERIES_CANDLES,
                                                     PS_INTERVAL_15M), ==, PS_INTERVAL_15M);
  g_assert_finalize_object (provider);
}

/* Ten 4h candles from 1 October: the CSV's rows exactly, `to` excluded. */
/* Every venue URL is overridable by environment; the venue's paths are appended. */
static void
test_base_urls (void)
{
  PsBinance *binance;

  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:4321/binance/", TRUE);
  g_setenv ("PERPSCOPE_BINANCE_WS", "ws://127.0.0.1:4321/", TRUE);
  binance = ps_binance_new (NULL, NULL);
  g_assert_cmpstr (ps_binance_get_rest_base (binance), ==, "http://127.0.0.1:4321/binance");
  g_assert_cmpstr (ps_binance_get_ws_base (binance), ==, "ws://127.0.0.1:4321");
  g_assert_finalize_object (binance);

  g_unsetenv ("PERPSCOPE_BINANCE_REST");
  g_unsetenv ("PERPSCOPE_BINANCE_WS");
  binance = ps_binance_new (NULL, NULL);
  g_assert_cmpstr (ps_binance_get_rest_base (binance), ==, "https://fapi.binance.com");
  g_assert_cmpstr (ps_binance_get_ws_base (binance), ==, "wss://fstream.binance.com");
  g_assert_finalize_object (binance);

  /* An explicit base wins over the environment. */
  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:4321", TRUE);
  binance = ps_binance_new (NULL, "http://127.0.0.1:9");
  g_assert_cmpstr (ps_binance_get_rest_base (binance), ==, "http://127.0.0.1:9");
  g_assert_finalize_object (binance);
  g_unsetenv ("PERPSCOPE_BINANCE_REST");
}

static void
test_klines (Fixture       *f,
             gconstpointer  data)
{
  gint64 to_ms = OCT_1_MS + 10 * 4 * HOUR_MS;
  g_autoptr(GPtrArray) rows = csv_rows (CANDLES_CSV, OCT_1_MS, to_ms - 1);
  const PsCandles *c;

  fetch_page (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H, OCT_1_MS, to_ms);
  g_assert_no_error (f->error);
  c = f->page->candles;
  g_assert_nonnull (c);
  g_assert_null (f->page->funding);
  g_assert_cmpuint (rows->len, ==, 10);
  g_assert_cmpuint (c->n, ==, 10);
  assert_candle (c, 0, g_ptr_array_index (rows, 0));
  assert_candle (c, 9, g_ptr_array_index (rows, 9));
  g_assert_cmpint (c->t_ms[0], ==, OCT_1_MS);
  g_assert_cmpint (c->t_ms[9], ==, to_ms - 4 * HOUR_MS);
  /* The fake's taker-buy column is half the volume. */
  g_assert_cmpfloat_with_epsilon (ps_candles_taker_buy_at (c, 0),
                                  ps_candles_volume_at (c, 0) / 2, 0.001);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/fapi/v1/klines"), ==, 1);
}

/* A range wider than the data up to the server's now: every row, nothing later. */
static void
test_klines_to_now (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = csv_rows (CANDLES_CSV, 0, NOW_MS);
  const PsCandles *c;

  fetch_page (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H,
              NOW_MS - 1400 * 4 * HOUR_MS, NOW_MS + 100 * 4 * HOUR_MS);
  g_assert_no_error (f->error);
  c = f->page->candles;
  g_assert_cmpuint (c->n, ==, rows->len);
  assert_candle (c, 0, g_ptr_array_index (rows, 0));
  assert_candle (c, c->n - 1, g_ptr_array_index (rows, rows->len - 1));
  g_assert_cmpint (c->t_ms[c->n - 1], <=, NOW_MS);
}

/* The fake has 4h rows only: other intervals are empty pages, not errors. */
static void
test_klines_empty (Fixture       *f,
                   gconstpointer  data)
{
  fetch_page (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, OCT_1_MS, OCT_1_MS + DAY_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (ps_page_get_n_rows (f->page), ==, 0);
}

static void
test_funding (Fixture       *f,
              gconstpointer  data)
{
  gint64 to_ms = NOV_1_MS + 10 * DAY_MS;
  g_autoptr(GPtrArray) rows = csv_rows (FUNDING_CSV, NOV_1_MS, to_ms - 1);
  const PsFunding *funding;
  char **first, **last;

  fetch_page (f, PS_SERIES_FUNDING, "BTCUSDT", PS_INTERVAL_NONE, NOV_1_MS, to_ms);
  g_assert_no_error (f->error);
  funding = f->page->funding;
  g_assert_nonnull (funding);
  g_assert_cmpuint (rows->len, ==, 30);
  g_assert_cmpuint (funding->n, ==, rows->len);
  first = g_ptr_array_index (rows, 0);
  last = g_ptr_array_index (rows, rows->len - 1);
  g_assert_cmpint (funding->t_ms[0], ==, g_ascii_strtoll (first[0], NULL, 10));
  g_assert_cmpfloat (funding->rate[0], ==, g_ascii_strtod (first[1], NULL));
  g_assert_cmpfloat (funding->mark_price[0], ==, g_ascii_strtod (first[2], NULL));
  g_assert_cmpint (funding->t_ms[funding->n - 1], ==, g_ascii_strtoll (last[0], NULL, 10));
  g_assert_cmpfloat (funding->rate[funding->n - 1], ==, g_ascii_strtod (last[1], NULL));
}

/* Binance keeps a month of OI history: older rows are left out, relative to
 * the server's now and not to the request. */
static void
test_open_interest_horizon (Fixture       *f,
                            gconstpointer  data)
{
  gint64 now_ms = NOW_MS - 8 * DAY_MS;   /* 2025-12-10 */
  const PsOpenInterest *oi;
  g_auto(GStrv) csv_first = NULL;
  g_autofree char *contents = NULL;

  ps_test_server_set_now (f->server, now_ms);
  fetch_page (f, PS_SERIES_OPEN_INTEREST, "BTCUSDT", PS_INTERVAL_1D,
              NOV_1_MS, NOW_MS + 2 * DAY_MS);
  g_assert_no_error (f->error);
  oi = f->page->open_interest;
  g_assert_nonnull (oi);
  g_assert_cmpuint (oi->n, ==, 31);
  g_assert_cmpint (oi->t_ms[0], ==, now_ms - 30 * DAY_MS);
  g_assert_cmpint (oi->t_ms[oi->n - 1], ==, now_ms);
  for (guint i = 0; i < oi->n; i++)
    {
      g_assert_cmpfloat (oi->usd[i], >, 1e9);
      g_assert_cmpfloat (oi->contracts[i], >, 1e4);
      g_assert_cmpfloat (oi->contracts[i], <, oi->usd[i]);
    }

  /* 2025-11-10's value, as the CSV has it. */
  contents = ps_test_load_data (OI_CSV, NULL);
  csv_first = g_strsplit (strstr (contents, "2025-11-10,"), ",", 3);
  g_assert_cmpfloat (oi->usd[0], ==, g_ascii_strtod (csv_first[1], NULL));
}

/* 1m charts get the 5m period, the finest openInterestHist has. */
static void
test_open_interest_1m (Fixture       *f,
                       gconstpointer  data)
{
  fetch_page (f, PS_SERIES_OPEN_INTEREST, "BTCUSDT", PS_INTERVAL_1M,
              NOW_MS - 5 * DAY_MS, NOW_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (ps_page_get_n_rows (f->page), ==, 5);
  g_assert_cmpint (ps_page_get_time (f->page, 0), ==, NOW_MS - 5 * DAY_MS);
}

static void
test_unknown_symbol (Fixture       *f,
                     gconstpointer  data)
{
  static const PsSeriesKind kinds[] = {
    PS_SERIES_CANDLES, PS_SERIES_FUNDING, PS_SERIES_OPEN_INTEREST
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      fetch_page (f, kinds[i], "FOO", PS_INTERVAL_4H, OCT_1_MS, OCT_1_MS + DAY_MS);
      g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
      g_assert_cmpstr (f->error->message, ==, "Binance does not list the symbol “FOO”");
    }
  /* A 400 is final: no retries. */
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 3);
}

/* Requests Binance cannot serve are answered without asking it. */
static void
test_odd_requests (Fixture       *f,
                   gconstpointer  data)
{
  fetch_page (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H, OCT_1_MS, OCT_1_MS);
  g_assert_no_error (f->error);
  g_assert_nonnull (f->page->candles);
  g_assert_cmpuint (ps_page_get_n_rows (f->page), ==, 0);

  fetch_page (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_NONE, OCT_1_MS, OCT_1_MS + DAY_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_FAILED);

  fetch_page (f, PS_SERIES_FUNDING, "", PS_INTERVAL_NONE, OCT_1_MS, OCT_1_MS + DAY_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);

  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 0);
}

static void
test_garbage (Fixture       *f,
              gconstpointer  data)
{
  /* A gateway's HTML page with HTTP 200 passes like a 502: asked again. */
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_GARBAGE, 1);
  fetch_page (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H, OCT_1_MS, OCT_1_MS + DAY_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (ps_page_get_n_rows (f->page), ==, 6);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/fapi/v1/klines"), ==, 2);

  /* Only web pages, whatever the retries: said in words, nothing parsed. */
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_GARBAGE, 1000);
  fetch_page (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H, OCT_1_MS, OCT_1_MS + DAY_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (f->error->message, "web page"));
}

/* Retries are PsHttp's; the provider just gets the good page. */
static void
test_faults_retried (Fixture       *f,
                     gconstpointer  data)
{
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_503, 1);
  fetch_page (f, PS_SERIES_FUNDING, "BTCUSDT", PS_INTERVAL_NONE, NOV_1_MS, NOV_1_MS + DAY_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (ps_page_get_n_rows (f->page), ==, 3);

  ps_test_server_set_fault (f->server, PS_TEST_FAULT_TRUNCATE, 1);
  fetch_page (f, PS_SERIES_FUNDING, "BTCUSDT", PS_INTERVAL_NONE, NOV_1_MS, NOV_1_MS + DAY_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (ps_page_get_n_rows (f->page), ==, 3);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 4);
}

/* After the retries, the 5xx in words, with Binance's own envelope. */
static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  ps_http_set_max_retries (f->http, 1);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_503, 10);
  fetch_page (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H, OCT_1_MS, OCT_1_MS + DAY_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS);
  g_assert_true (g_str_has_prefix (f->error->message,
                                   "Binance answered HTTP 503 (Service Unavailable): "
                                   "Server is currently overloaded"));
  g_assert_nonnull (strstr (f->error->message, "(code -1008)"));
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 2);
}

/* A canned answer from a server of its own, for what the fake never says. */
typedef struct
{
  guint       status;
  const char *content_type;
  const char *body;
} Canned;

static void
canned_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  const Canned *canned = user_data;

  soup_server_message_set_status (msg, canned->status, NULL);
  soup_server_message_set_response (msg, canned->content_type, SOUP_MEMORY_STATIC,
                                    canned->body, strlen (canned->body));
}

static GError *
fetch_canned (const Canned *canned)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  PsHttp *http = ps_http_new ();
  Fixture f = { .loop = loop, .http = http };
  GSList *uris;

  soup_server_add_handler (server, NULL, canned_handler, (gpointer) canned, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  uri = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  ps_http_set_max_retries (http, 0);
  f.provider = PS_PROVIDER (ps_binance_new (http, uri));
  fetch_page (&f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H, OCT_1_MS, OCT_1_MS + DAY_MS);
  g_assert_null (f.page);

  g_assert_finalize_object (f.provider);
  g_assert_finalize_object (http);
  soup_server_disconnect (server);
  return g_steal_pointer (&f.error);
}

/* A 5xx with no envelope, as a proxy in front of Binance sends it. */
static void
test_gateway_error (void)
{
  static const Canned canned = {
    502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"
  };
  g_autoptr(GError) error = fetch_canned (&canned);

  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS);
  g_assert_cmpstr (error->message, ==, "Binance answered HTTP 502 (Bad Gateway)");
}

/* A 4xx envelope other than -1121 is Binance's verdict, in its words. */
static void
test_venue_error (void)
{
  static const Canned canned = {
    400, "application/json",
    "{\"code\":-1130,\"msg\":\"Data sent for parameter 'limit' is not valid.\"}"
  };
  g_autoptr(GError) error = fetch_canned (&canned);

  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_VENUE);
  g_assert_cmpstr (error->message, ==,
                   "Binance: Data sent for parameter 'limit' is not valid. (code -1130)");
}

static void
test_server_time (Fixture       *f,
                  gconstpointer  data)
{
  ps_provider_get_server_time_async (f->provider, NULL, server_time_cb, f);
  g_main_loop_run (f->loop);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->server_time_ms, ==, NOW_MS);

  ps_test_server_set_now (f->server, NOW_MS + 1234);
  ps_provider_get_server_time_async (f->provider, NULL, server_time_cb, f);
  g_main_loop_run (f->loop);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->server_time_ms, ==, NOW_MS + 1234);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/fapi/v1/time"), ==, 2);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PsPageRequest request = { PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H,
                            OCT_1_MS, OCT_1_MS + DAY_MS };

  ps_test_server_set_fault (f->server, PS_TEST_FAULT_STALL, 1);
  ps_provider_fetch_page_async (f->provider, &request, cancellable, fetch_cb, f);
  g_timeout_add_once (100, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  g_main_loop_run (f->loop);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (f->page);
}

/* Binance's count of used weight (another program on the address used 620
 * of the minute) drains the bucket every PsBinance of this PsHttp shares: a
 * second provider, as a new window makes, neither refills it nor escapes it. */
static void
test_used_weight_shared (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PsBinance) second = NULL;
  gint64 start;

  ps_test_server_set_used_weight (f->server, 620);
  ps_provider_get_server_time_async (f->provider, NULL, server_time_cb, f);
  g_main_loop_run (f->loop);
  g_assert_no_error (f->error);

  ps_test_server_set_used_weight (f->server, 0);
  second = ps_binance_new (f->http, ps_test_server_get_uri (f->server));
  start = g_get_monotonic_time ();
  ps_provider_get_server_time_async (PS_PROVIDER (second), NULL, server_time_cb, f);
  g_main_loop_run (f->loop);
  g_assert_no_error (f->error);
  /* 600 of bucket, 620 used: 21 weight short at 20 a second. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
}

int
main (int    argc,
      char **argv)
{
  /* As ps-test-server does, for the test with a server of its own. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/binance/new", test_new);
  g_test_add_func ("/perpscope/net/binance/properties", test_properties);
  g_test_add_func ("/perpscope/net/binance/base-urls", test_base_urls);
  g_test_add_func ("/perpscope/net/binance/gateway-error", test_gateway_error);
  g_test_add_func ("/perpscope/net/binance/venue-error", test_venue_error);
#define ADD(name, func) \
  g_test_add ("/perpscope/net/binance/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("klines", test_klines);
  ADD ("klines-to-now", test_klines_to_now);
  ADD ("klines-empty", test_klines_empty);
  ADD ("funding", test_funding);
  ADD ("open-interest-horizon", test_open_interest_horizon);
  ADD ("open-interest-1m", test_open_interest_1m);
  ADD ("unknown-symbol", test_unknown_symbol);
  ADD ("odd-requests", test_odd_requests);
  ADD ("garbage", test_garbage);
  ADD ("faults-retried", test_faults_retried);
  ADD ("server-error", test_server_error);
  ADD ("server-time", test_server_time);
  ADD ("used-weight-shared", test_used_weight_shared);
  ADD ("cancel", test_cancel);
#undef ADD

  return g_test_run ();
}
