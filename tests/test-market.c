/* test-market.c: PsMarket over the cache, a loopback Binance and the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ps-demo.h"
#include "ps-market.h"
#include "ps-net-error.h"
#include "ps-test-server.h"
#include "ps-test-util.h"

#define NOV_1 1761955200000   /* 2025-11-01 UTC */
#define DEC_1 1764547200000   /* 2025-12-01 UTC */

typedef struct
{
  PsTestServer *server;
  PsCore       *core;
  char         *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->server = ps_test_server_new ();
  f->dir = g_dir_make_tmp ("perpscope-market-XXXXXX", NULL);
  path = g_build_filename (f->dir, "cache.db", NULL);
  f->core = ps_core_new (path, PS_CORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ps_http_set_backoff (ps_core_get_http (f->core), 10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_strdup (ps_cache_get_path (ps_core_get_cache (f->core)));
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_assert_finalize_object (f->core);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  ps_test_server_free (f->server);
}

static void
note_changed_cb (PsMarket *market)
{
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (market), "n-changed"));

  g_object_set_data (G_OBJECT (market), "n-changed", GUINT_TO_POINTER (n + 1));
}

/* The core makes its Binance on first use, from the environment. */
static PsMarket *
market_new_for (Fixture    *f,
                const char *rest,
                const char *symbol,
                PsInterval  interval)
{
  g_autoptr(GError) error = NULL;
  PsMarket *market;

  g_setenv ("PERPSCOPE_BINANCE_REST", rest ? rest : ps_test_server_get_uri (f->server), TRUE);
  market = ps_market_new (f->core, "binance", symbol, interval, &error);
  g_assert_no_error (error);
  g_signal_connect (market, "changed", G_CALLBACK (note_changed_cb), NULL);
  return market;
}

static PsMarket *
market_new (Fixture    *f,
            const char *rest)
{
  return market_new_for (f, rest, "BTCUSDT", PS_INTERVAL_4H);
}

static void
wait_idle (PsMarket *market)
{
  while (ps_market_get_loading (market))
    g_main_context_iteration (NULL, TRUE);
}

/* The first "changed" after a load: what the cache held, read off the main thread. */
static void
wait_changed (PsMarket *market)
{
  guint before = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (market), "n-changed"));

  while (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (market), "n-changed")) == before)
    g_main_context_iteration (NULL, TRUE);
}


static void
count_changed_cb (PsMarket *market,
                  gint64    from_ms,
                  gint64    to_ms,
                  guint    *count)
{
  (*count)++;
}

static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  PsMarket *market = market_new (f, NULL);

  g_assert_cmpstr (ps_market_get_venue (market), ==, "binance");
  g_assert_cmpstr (ps_market_get_symbol (market), ==, "BTCUSDT");
  g_assert_cmpuint (ps_market_get_candles (market)->n, ==, 0);
  g_assert_finalize_object (market);
}

/* What the command line does: no demo, ever; --offline reads the cache only. */
static void
test_cached_only_no_demo (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PsMarket) fetcher = market_new (f, NULL);
  g_autoptr(PsMarket) offline = NULL;
  g_autoptr(PsMarket) unreachable = NULL;
  guint requests;

  ps_market_load (fetcher, NOV_1, DEC_1);
  wait_idle (fetcher);
  g_assert_no_error ((GError *) ps_market_get_error (fetcher));
  requests = ps_test_server_get_n_requests (f->server);

  /* The same core: its Binance already points at the server. */
  offline = market_new (f, NULL);
  ps_market_set_demo_allowed (offline, FALSE);
  ps_market_load_cached (offline, NOV_1, DEC_1);
  g_assert_true (ps_market_get_loading (offline));
  wait_idle (offline);
  g_assert_no_error ((GError *) ps_market_get_error (offline));
  g_assert_false (ps_market_get_is_demo (offline));
  g_assert_cmpuint (ps_market_get_candles (offline)->n, ==, 180);
  g_assert_cmpuint (ps_market_get_funding (offline)->n, ==, 90);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, requests);

  /* Nothing cached there: empty, not the demo. */
  ps_market_load_cached (offline, NOV_1 - (gint64) 10 * 24 * 3600 * 1000, NOV_1);
  wait_idle (offline);
  g_assert_false (ps_market_get_is_demo (offline));
  g_assert_cmpuint (ps_market_get_candles (offline)->n, ==, 0);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, requests);

  /* A failed fetch with nothing cached keeps the error and no demo. */
  unreachable = market_new_for (f, NULL, "ETHUSDT", PS_INTERVAL_4H);
  ps_market_set_demo_allowed (unreachable, FALSE);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_500, 1000);
  ps_market_load (unreachable, NOV_1, DEC_1);
  wait_idle (unreachable);
  g_assert_nonnull (ps_market_get_error (unreachable));
  g_assert_false (ps_market_get_is_demo (unreachable));
  g_assert_cmpuint (ps_market_get_candles (unreachable)->n, ==, 0);
}

/* A venue the core does not serve is an error in words, not a market. */
static void
test_unknown_venue (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PsMarket *market = ps_market_new (f->core, "mtgox", "BTCUSDT", PS_INTERVAL_4H, &error);

  g_assert_null (market);
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "mtgox"));
}

static void
test_offline_shows_demo (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, "http://127.0.0.1:9");
  const PsDemo *demo = ps_demo_get ();
  guint changed = 0;

  g_signal_connect (market, "changed", G_CALLBACK (count_changed_cb), &changed);
  ps_market_load (market, NOV_1, DEC_1);
  g_assert_true (ps_market_get_loading (market));
  wait_changed (market);
  g_assert_true (ps_market_get_is_demo (market));   /* nothing cached */
  wait_idle (market);

  g_assert_true (ps_market_get_is_demo (market));
  g_assert_error ((GError *) ps_market_get_error (market), PS_NET_ERROR, PS_NET_ERROR_UNREACHABLE);
  g_assert_true (ps_market_get_candles (market) == demo->candles);
  g_assert_cmpuint (demo->candles->n, ==, 552);   /* Oct–Dec 2025, 4h */
  g_assert_cmpuint (demo->funding->n, >, 250);
  g_assert_cmpuint (demo->open_interest->n, ==, 41);
  /* Labels and frames come from what is shown: the demo market. */
  g_assert_cmpstr (ps_market_get_shown_venue_name (market), ==, "Binance");
  g_assert_cmpstr (ps_market_get_shown_symbol (market), ==, "BTCUSDT");
  g_assert_cmpint (ps_market_get_shown_interval (market), ==, PS_INTERVAL_4H);
  g_assert_cmpint (ps_market_get_shown_from_ms (market), ==, demo->from_ms);
  g_assert_cmpint (ps_market_get_shown_to_ms (market), ==, demo->to_ms);
  g_assert_cmpuint (changed, >=, 1);
}

static void
test_fetch_replaces_demo (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, NULL);
  g_autoptr(PsMarket) second = NULL;
  PsCandles *candles;
  guint requests;

  ps_market_load (market, NOV_1, DEC_1);
  wait_changed (market);
  g_assert_true (ps_market_get_is_demo (market));   /* nothing cached yet */
  wait_idle (market);

  g_assert_no_error ((GError *) ps_market_get_error (market));
  g_assert_false (ps_market_get_is_demo (market));
  candles = ps_market_get_candles (market);
  g_assert_cmpuint (candles->n, ==, 30 * 6);
  g_assert_cmpint (candles->t_ms[0], ==, NOV_1);
  g_assert_cmpuint (ps_market_get_funding (market)->n, ==, 30 * 3);
  /* The server's now is 2025-12-18: open interest exists from 30 days before. */
  g_assert_cmpuint (ps_market_get_open_interest (market)->n, >, 5);
  g_assert_cmpuint (ps_market_get_stats (market)->n_candles, ==, 180);

  /* The cache answers at once, with no request, for a market opened later. */
  requests = ps_test_server_get_n_requests (f->server);
  second = market_new (f, NULL);
  ps_market_load (second, NOV_1, DEC_1);
  wait_changed (second);
  g_assert_false (ps_market_get_is_demo (second));
  g_assert_cmpuint (ps_market_get_candles (second)->n, ==, 180);
  wait_idle (second);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, requests);
}

/* "Recent" follows the venue's clock, not ours: the test server lives on
 * 2025-12-18, a replay or a mirror may too. */
static void
test_recent_follows_venue_clock (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, NULL);
  const gint64 server_now = 1766016000000;   /* 2025-12-18 00:00 UTC */
  PsCandles *candles;

  ps_market_load_recent (market, (gint64) 10 * 24 * 3600 * 1000);
  wait_idle (market);

  g_assert_no_error ((GError *) ps_market_get_error (market));
  g_assert_false (ps_market_get_is_demo (market));
  g_assert_cmpint (ps_market_get_to_ms (market), ==, server_now + 4 * 3600 * 1000);
  candles = ps_market_get_candles (market);
  /* Ten days of 4h candles up to and including the one open at the server's now. */
  g_assert_cmpuint (candles->n, ==, 60);
  g_assert_cmpint (candles->t_ms[candles->n - 1], ==, server_now);
}

static void
test_unknown_symbol (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new_for (f, NULL, "NOSUCHCOIN", PS_INTERVAL_1H);

  ps_market_load (market, NOV_1, DEC_1);
  wait_idle (market);
  g_assert_error ((GError *) ps_market_get_error (market), PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  /* No BTC demo under another name: the panes stay empty and say why. */
  g_assert_false (ps_market_get_is_demo (market));
  g_assert_cmpuint (ps_market_get_candles (market)->n, ==, 0);
  g_assert_cmpstr (ps_market_get_shown_symbol (market), ==, "NOSUCHCOIN");
  g_assert_cmpint (ps_market_get_shown_interval (market), ==, PS_INTERVAL_1H);
  g_assert_cmpint (ps_market_get_shown_from_ms (market), ==, NOV_1);
}

static gboolean
open_writer_cache_job (PsWriterDbs  *dbs,
                       gpointer      data,
                       GError      **error)
{
  return ps_writer_dbs_get_cache (dbs, error) != NULL;
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (ps_writer_submit_finish (PS_WRITER (object), result, NULL));
  *done = TRUE;
}

/* The read worker's own connection cannot be opened (here the cache file
 * was replaced by a folder after the app opened it): the load still ends,
 * saying why, so that the window's refresh keeps running. */
static void
test_reader_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, NULL);
  const char *path = ps_cache_get_path (ps_core_get_cache (f->core));
  const GError *error;
  gboolean done = FALSE;

  /* The writer thread has its connection open, as in a running app. */
  ps_writer_submit_async (ps_core_get_writer (f->core), open_writer_cache_job, NULL, NULL, NULL,
                          job_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  ps_market_load (market, NOV_1, DEC_1);
  g_assert_true (ps_market_get_loading (market));
  wait_idle (market);

  error = ps_market_get_error (market);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PS_CACHE_ERROR);
  g_assert_cmpfloat (ps_market_get_progress (market), ==, 1.0);
  /* The fetch itself went through the writer's connection. */
  g_assert_cmpuint (ps_market_get_stats (market)->n_candles, ==, 180);

  /* A refresh starts and ends again. */
  ps_market_refresh (market);
  g_assert_true (ps_market_get_loading (market));
  wait_idle (market);
  g_assert_nonnull (ps_market_get_error (market));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/model/market/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("new-destroy", test_new_destroy);
  ADD ("unknown-venue", test_unknown_venue);
  ADD ("cached-only-no-demo", test_cached_only_no_demo);
  ADD ("offline-shows-demo", test_offline_shows_demo);
  ADD ("fetch-replaces-demo", test_fetch_replaces_demo);
  ADD ("recent-follows-venue-clock", test_recent_follows_venue_clock);
  ADD ("unknown-symbol", test_unknown_symbol);
  ADD ("reader-fails", test_reader_fails);
#undef ADD

  return g_test_run ();
}
