/* test-binance-spot.c: Binance spot klines — the parser against real samples and
 * broken bodies, PsBinanceSpot and its sync against the loopback server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ps-binance-parse.h"
#include "ps-binance-spot.h"
#include "ps-core.h"
#include "ps-net-error.h"
#include "ps-test-provider.h"
#include "ps-test-server.h"
#include "ps-test-util.h"
#include "ps-venues.h"

#define HOUR_MS  (G_GINT64_CONSTANT (3600) * 1000)
#define DAY_MS   (24 * HOUR_MS)
#define NOV_1_MS G_GINT64_CONSTANT (1761955200000)   /* 2025-11-01T00:00:00Z */
#define SPOT_CSV "binance_btcusdt_spot_4h_2025-11-01_29.csv"

/* Parser */

/* The Spot docs' own example (the futures docs copied it, "ignore" and all). */
static void
test_parse_doc_sample (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = ps_test_load_data ("binance-klines.json", &length);
  g_autoptr(PsCandles) c = ps_binance_parse_spot_klines (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 1);
  g_assert_cmpint (c->t_ms[0], ==, 1499040000000);
  g_assert_cmpfloat (ps_candles_open_at (c, 0), ==, 0.01634790);
  g_assert_cmpfloat (ps_candles_high_at (c, 0), ==, 0.80000000);
  g_assert_cmpfloat (ps_candles_low_at (c, 0), ==, 0.01575800);
  g_assert_cmpfloat (ps_candles_close_at (c, 0), ==, 0.01577100);
  g_assert_cmpfloat (ps_candles_volume_at (c, 0), ==, 148976.11427815);
  g_assert_cmpfloat (ps_candles_taker_buy_at (c, 0), ==, 1756.87402397);
}

/* An answer of fake_exchange's /api/v3/klines (real spot prices of 2 June
 * 2026, no volume in any source: 0). */
static void
test_parse_fake_exchange_sample (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = ps_test_load_data ("binance-spot-klines-btcusdt-1h.json", &length);
  g_autoptr(PsCandles) c = ps_binance_parse_spot_klines (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 4);
  g_assert_cmpint (c->t_ms[0], ==, 1780358400000);
  for (guint i = 1; i < c->n; i++)
    g_assert_cmpint (c->t_ms[i] - c->t_ms[i - 1], ==, HOUR_MS);
  g_assert_cmpfloat (ps_candles_open_at (c, 1), ==, 71289.24);
  g_assert_cmpfloat (ps_candles_low_at (c, 2), ==, 70111.00);
  g_assert_cmpfloat (ps_candles_close_at (c, 3), ==, 70953.69);
  g_assert_cmpfloat (ps_candles_volume_at (c, 3), ==, 0);
  g_assert_cmpfloat (ps_candles_taker_buy_at (c, 3), ==, 0);
}

/* An envelope is the venue's word, not a parse error. */
static void
test_parse_envelope (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = ps_test_load_data ("binance-error-invalid-symbol.json", &length);
  g_autoptr(PsCandles) c = ps_binance_parse_spot_klines (data, length, &error);

  g_assert_null (c);
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
}

static void
test_parse_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) c = ps_binance_parse_spot_klines ("[]", 2, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 0);
}

typedef struct
{
  const char *body;
  int         code;      /* PS_PARSE_ERROR_… */
  const char *words[3];  /* each in the message */
} BadCase;

#define ROW(t, o, h, l, c, v) "[" t ",\"" o "\",\"" h "\",\"" l "\",\"" c "\",\"" v "\"," \
                              "1761969599999,\"0\",0,\"1\",\"0\",\"0\"]"

static const BadCase bad_cases[] = {
  { "", PS_PARSE_ERROR_INVALID, { "Binance spot klines", "an empty body" } },
  { "[[1761955200000,\"1\"", PS_PARSE_ERROR_INVALID, { "Binance spot klines", "not JSON" } },
  { "<html>502 Bad Gateway</html>", PS_PARSE_ERROR_INVALID, { "Binance spot klines" } },
  { "{\"rows\":[]}", PS_PARSE_ERROR_INVALID, { "Binance spot klines", "an object" } },
  { "[{\"t\":1}]", PS_PARSE_ERROR_FIELD, { "Binance spot klines: row 0", "an object" } },
  { "[[1761955200000,\"1\",\"2\"]]", PS_PARSE_ERROR_FIELD, { "row 0", "at least 7 fields" } },
  /* Wrong types: a time as a string, a price as a number, a negative volume. */
  { "[" ROW ("\"1761955200000\"", "1", "2", "1", "1", "1") "]", PS_PARSE_ERROR_FIELD,
    { "row 0", "open time", "non-negative integer" } },
  { "[[1761955200000,1.5,\"2\",\"1\",\"1\",\"1\",1761969599999]]", PS_PARSE_ERROR_FIELD,
    { "row 0", "“open”", "a decimal string" } },
  { "[" ROW ("1761955200000", "1", "2", "1", "1", "-3") "]", PS_PARSE_ERROR_FIELD,
    { "“volume”", "0 or more" } },
  { "[" ROW ("1761955200000", "1", "2", "1", "1", "nan") "]", PS_PARSE_ERROR_FIELD,
    { "“volume”", "a decimal string" } },
  { "[" ROW ("1761955200000", "1", "0.5", "1", "1", "1") "]", PS_PARSE_ERROR_FIELD,
    { "“high”", "at or above the low" } },
  { "[" ROW ("1761955200000", "1", "2", "1", "1", "1") ","
        ROW ("1761955200000", "1", "2", "1", "1", "1") "]", PS_PARSE_ERROR_FIELD,
    { "row 1", "after the previous row" } },
  { "[" ROW ("1761955200000", "1", "2", "1", "1", "1") ",null]", PS_PARSE_ERROR_FIELD,
    { "row 1", "null" } },
};

static void
test_parse_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) c = ps_binance_parse_spot_klines (bad->body, strlen (bad->body), &error);

  g_assert_null (c);
  g_assert_error (error, PS_PARSE_ERROR, bad->code);
  for (guint i = 0; i < G_N_ELEMENTS (bad->words) && bad->words[i] != NULL; i++)
    if (strstr (error->message, bad->words[i]) == NULL)
      g_error ("“%s” lacks “%s”", error->message, bad->words[i]);
}

/* Every prefix of a real answer fails in words or parses: never a crash. */
static void
test_parse_truncated (void)
{
  gsize length;
  g_autofree char *data = ps_test_load_data ("binance-spot-klines-btcusdt-1h.json", &length);

  for (gsize n = 0; n < length; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsCandles) c = ps_binance_parse_spot_klines (data, n, &error);

      g_assert_true ((c == NULL) != (error == NULL));
      if (error != NULL)
        g_assert_true (error->domain == PS_PARSE_ERROR);
    }
}

/* Provider */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_http (f);
  f->provider = PS_PROVIDER (ps_binance_spot_new (f->http, ps_test_server_get_uri (f->server)));
}

static void
test_provider_describes_itself (Fixture       *f,
                                gconstpointer  data)
{
  g_assert_cmpstr (ps_provider_get_venue (f->provider), ==, "binance-spot");
  g_assert_cmpstr (ps_provider_get_display_name (f->provider), ==, "Binance spot");
  g_assert_cmpuint (ps_provider_get_page_limit (f->provider, PS_SERIES_CANDLES), ==, 1000);
  g_assert_cmpuint (ps_provider_get_page_limit (f->provider, PS_SERIES_FUNDING), ==, 0);
  g_assert_cmpint (ps_provider_get_storage_interval (f->provider, PS_SERIES_CANDLES,
                                                     PS_INTERVAL_1H), ==, PS_INTERVAL_1H);
  g_assert_cmpstr (ps_binance_spot_get_rest_base (PS_BINANCE_SPOT (f->provider)), ==,
                   ps_test_server_get_uri (f->server));
}

/* A page is the CSV's rows of [from, to), from the spot path, never the futures'. */
static void
test_provider_page (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *csv = ps_test_load_data (SPOT_CSV, NULL);
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto(GStrv) first = g_strsplit (lines[1], ",", -1);
  PsCandles *c;

  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H, NOV_1_MS, NOV_1_MS + DAY_MS);
  g_assert_no_error (f->error);
  c = f->page->candles;
  g_assert_cmpuint (c->n, ==, 6);
  g_assert_cmpint (c->t_ms[0], ==, g_ascii_strtoll (first[0], NULL, 10));
  g_assert_cmpfloat (ps_candles_open_at (c, 0), ==, g_ascii_strtod (first[1], NULL));
  g_assert_cmpfloat (ps_candles_high_at (c, 0), ==, g_ascii_strtod (first[2], NULL));
  g_assert_cmpfloat (ps_candles_low_at (c, 0), ==, g_ascii_strtod (first[3], NULL));
  g_assert_cmpfloat (ps_candles_close_at (c, 0), ==, g_ascii_strtod (first[4], NULL));
  g_assert_cmpfloat (ps_candles_volume_at (c, 0), ==, g_ascii_strtod (first[5], NULL));
  g_assert_cmpfloat (ps_candles_taker_buy_at (c, 0), ==,
                     round (ps_candles_volume_at (c, 0) / 2 * 1e8) / 1e8);
  g_assert_cmpint (c->t_ms[5], ==, NOV_1_MS + 20 * HOUR_MS);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/api/v3/klines"), ==, 1);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/fapi/v1/klines"), ==, 0);

  /* A page holds 1000 rows at most: the month's 172 fit in one. */
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H, NOV_1_MS, NOV_1_MS + 40 * DAY_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 172);

  /* An interval the spot market has no rows at: an empty page. */
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1H, NOV_1_MS, NOV_1_MS + DAY_MS);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->page->candles->n, ==, 0);
}

static void
test_provider_errors (Fixture       *f,
                      gconstpointer  data)
{
  fixture_fetch (f, PS_SERIES_CANDLES, "NOSUCHCOIN", PS_INTERVAL_4H, NOV_1_MS, NOV_1_MS + DAY_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_assert_nonnull (strstr (f->error->message, "Binance spot"));
  g_assert_nonnull (strstr (f->error->message, "NOSUCHCOIN"));

  /* Funding and open interest are a perpetual's: no request at all. */
  ps_test_server_reset_counts (f->server);
  fixture_fetch (f, PS_SERIES_FUNDING, "BTCUSDT", PS_INTERVAL_NONE, NOV_1_MS, NOV_1_MS + DAY_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_FAILED);
  fixture_fetch (f, PS_SERIES_OPEN_INTEREST, "BTCUSDT", PS_INTERVAL_4H, NOV_1_MS,
                 NOV_1_MS + DAY_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_FAILED);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 0);

  /* 500 after every retry: the status in words. */
  ps_http_set_max_retries (f->http, 1);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_500, 10);
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H, NOV_1_MS, NOV_1_MS + DAY_MS);
  g_assert_error (f->error, PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (f->error->message, "Binance spot"));

  /* A gateway's HTML page with a 200: a parse error naming the market. */
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_NONE, 0);
  ps_http_set_max_retries (f->http, 0);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_GARBAGE, 1);
  fixture_fetch (f, PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_4H, NOV_1_MS, NOV_1_MS + DAY_MS);
  g_assert_nonnull (f->error);
}

static void
test_provider_server_time (Fixture       *f,
                           gconstpointer  data)
{
  ps_test_server_set_now (f->server, NOV_1_MS + 5 * DAY_MS);
  ps_provider_get_server_time_async (f->provider, NULL, server_time_cb, f);
  g_main_loop_run (f->loop);
  g_assert_no_error (f->error);
  g_assert_cmpint (f->server_time_ms, ==, NOV_1_MS + 5 * DAY_MS);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/api/v3/time"), ==, 1);
}

static void
test_env_base (void)
{
  g_autoptr(PsHttp) http = ps_http_new ();
  g_autoptr(PsBinanceSpot) spot = NULL;

  g_unsetenv ("PERPSCOPE_BINANCE_SPOT_REST");
  spot = ps_binance_spot_new (http, NULL);
  g_assert_cmpstr (ps_binance_spot_get_rest_base (spot), ==, "https://api.binance.com");
  g_clear_object (&spot);

  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", "http://mirror.example/spot//", TRUE);
  spot = ps_binance_spot_new (http, NULL);
  g_assert_cmpstr (ps_binance_spot_get_rest_base (spot), ==, "http://mirror.example/spot");
  g_unsetenv ("PERPSCOPE_BINANCE_SPOT_REST");
}

/* Registry and core */

static void
test_venues (void)
{
  g_assert_cmpstr (ps_venues_get_spot_venue ("binance"), ==, "binance-spot");
  g_assert_null (ps_venues_get_spot_venue ("binance-spot"));
  g_assert_null (ps_venues_get_spot_venue ("mtgox"));
  g_assert_null (ps_venues_get_spot_venue (NULL));
  g_assert_true (ps_venues_is_spot ("binance-spot"));
  g_assert_false (ps_venues_is_spot ("binance"));
  /* Never offered as a venue of its own (drop-down, --venue). */
  g_assert_false (g_strv_contains (ps_venues_list (), "binance-spot"));
}

static void
sync_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  ps_sync_fetch_finish (PS_SYNC (object), result, NULL, &f->error);
  g_main_loop_quit (f->loop);
}

/* The core serves the spot venue without listing it; its sync stores the
 * candles in the cache under "binance-spot", next to no perpetual's rows. */
static void
test_core_sync (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("perpscope-spot-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cache.db", NULL);
  g_autoptr(PsCore) core = NULL;
  g_autoptr(PsCandles) spot = NULL;
  g_autoptr(PsCandles) perp = NULL;
  g_autoptr(GError) error = NULL;
  PsSync *sync;
  guint requests;

  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", ps_test_server_get_uri (f->server), TRUE);
  core = ps_core_new (path, PS_CORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (g_strv_contains (ps_core_list_venues (core), "binance-spot"));
  sync = ps_core_get_sync (core, "binance-spot", &error);
  g_assert_no_error (error);
  g_assert_false (g_strv_contains (ps_core_list_venues (core), "binance-spot"));

  ps_sync_fetch_async (sync, "BTCUSDT", PS_INTERVAL_4H, PS_SERIES_CANDLES, NOV_1_MS,
                       NOV_1_MS + 10 * DAY_MS, NULL, sync_cb, f);
  g_main_loop_run (f->loop);
  g_assert_no_error (f->error);

  spot = ps_cache_read_candles (ps_core_get_cache (core), "binance-spot", "BTCUSDT",
                                PS_INTERVAL_4H, NOV_1_MS, NOV_1_MS + 10 * DAY_MS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spot->n, ==, 60);
  g_assert_cmpfloat (ps_candles_open_at (spot, 0), ==, 109608.01);
  perp = ps_cache_read_candles (ps_core_get_cache (core), "binance", "BTCUSDT",
                                PS_INTERVAL_4H, NOV_1_MS, NOV_1_MS + 10 * DAY_MS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (perp->n, ==, 0);

  /* Cached: asked again, nothing goes out. */
  requests = ps_test_server_get_n_requests (f->server);
  ps_sync_fetch_async (sync, "BTCUSDT", PS_INTERVAL_4H, PS_SERIES_CANDLES, NOV_1_MS,
                       NOV_1_MS + 10 * DAY_MS, NULL, sync_cb, f);
  g_main_loop_run (f->loop);
  g_assert_no_error (f->error);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, requests);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/fapi/v1/klines"), ==, 0);

  /* A spot provider set up in code is served but not listed either. */
  ps_core_close (core);
  g_clear_object (&core);
  core = ps_core_new (path, PS_CORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ps_core_add_provider (core, f->provider);
  g_assert_true (ps_core_get_provider (core, "binance-spot", NULL) == f->provider);
  g_assert_false (g_strv_contains (ps_core_list_venues (core), "binance-spot"));
  g_clear_object (&core);

  g_unsetenv ("PERPSCOPE_BINANCE_SPOT_REST");
  for (const char *suffix = ""; suffix != NULL;
       suffix = *suffix == '\0' ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);
      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/binance-spot/parse/doc-sample", test_parse_doc_sample);
  g_test_add_func ("/perpscope/net/binance-spot/parse/fake-exchange-sample",
                   test_parse_fake_exchange_sample);
  g_test_add_func ("/perpscope/net/binance-spot/parse/envelope", test_parse_envelope);
  g_test_add_func ("/perpscope/net/binance-spot/parse/empty", test_parse_empty);
  g_test_add_func ("/perpscope/net/binance-spot/parse/truncated", test_parse_truncated);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/perpscope/net/binance-spot/parse/bad/%u", i);

      g_test_add_data_func (name, &bad_cases[i], test_parse_bad);
    }
  g_test_add_func ("/perpscope/net/binance-spot/env-base", test_env_base);
  g_test_add_func ("/perpscope/net/binance-spot/venues", test_venues);

#define ADD(path, func) \
  g_test_add ("/perpscope/net/binance-spot/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("provider/describes-itself", test_provider_describes_itself);
  ADD ("provider/page", test_provider_page);
  ADD ("provider/errors", test_provider_errors);
  ADD ("provider/server-time", test_provider_server_time);
  ADD ("core-sync", test_core_sync);
#undef ADD

  return g_test_run ();
}
