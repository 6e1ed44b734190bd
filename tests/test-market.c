/* test-market.c: PsMarket over the cache, a loopback Binance and the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ps-demo.h"
#include "ps-market-private.h"
#include "ps-net-error.h"
#include "ps-test-market.h"
#include "ps-test-server.h"
#include "ps-test-util.h"

#define NOV_1 1761955200000   /* 2025-11-01 UTC */
#define DEC_1 1764547200000   /* 2025-12-01 UTC */
#define HOUR  ((gint64) 3600 * 1000)
#define DAY   (24 * HOUR)

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
  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", f->spot_rest ? f->spot_rest : "http://127.0.0.1:9",
            TRUE);
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

/* Offline with a recent range the cache holds nothing of (the last fetch
 * was weeks ago): the latest cached span of the range's length is shown,
 * and where it ends, not the demo. */
static void
test_offline_shows_cached (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PsMarket) fetcher = market_new (f, NULL);
  g_autoptr(PsMarket) market = NULL;
  PsCandles *candles;

  ps_market_load (fetcher, NOV_1, DEC_1);
  wait_idle (fetcher);
  g_assert_no_error ((GError *) ps_market_get_error (fetcher));
  g_assert_cmpint (ps_market_get_offline_to_ms (fetcher), ==, 0);

  /* The venue fails from now on; its recent ten days (to the 18th) hold
   * nothing cached. */
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_500, 100000);
  market = market_new (f, NULL);
  ps_market_load_recent (market, 10 * DAY);
  wait_idle (market);

  g_assert_nonnull (ps_market_get_error (market));
  g_assert_false (ps_market_get_is_demo (market));
  g_assert_cmpint (ps_market_get_offline_to_ms (market), ==, DEC_1);
  g_assert_cmpint (ps_market_get_shown_to_ms (market), ==, DEC_1);
  g_assert_cmpint (ps_market_get_shown_from_ms (market), ==, DEC_1 - 10 * DAY);
  /* The range asked for is still the recent one: a refresh fetches it. */
  g_assert_cmpint (ps_market_get_to_ms (market), >, DEC_1 + 10 * DAY);
  candles = ps_market_get_candles (market);
  g_assert_cmpuint (candles->n, ==, 60);
  g_assert_cmpint (candles->t_ms[candles->n - 1], ==, DEC_1 - 4 * HOUR);
  g_assert_cmpuint (ps_market_get_funding (market)->n, ==, 30);
  /* The read built the candles' pyramid on its thread: no frame asked yet. */
  g_assert_nonnull (g_atomic_pointer_get (&candles->levels));

  /* Back online: the recent range replaces it. */
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_NONE, 0);
  ps_market_refresh (market);
  wait_idle (market);
  g_assert_no_error ((GError *) ps_market_get_error (market));
  g_assert_cmpint (ps_market_get_offline_to_ms (market), ==, 0);
}

static const PsEmptySpan *
find_span (PsMarket      *market,
           PsSeriesKind   kind,
           PsEmptyReason  reason)
{
  GArray *spans = ps_market_get_empty_spans (market);

  for (guint i = 0; i < spans->len; i++)
    {
      const PsEmptySpan *span = &g_array_index (spans, PsEmptySpan, i);

      g_test_message ("span kind %d reason %d %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
                      " detail %" G_GINT64_FORMAT, span->kind, span->reason, span->from_ms,
                      span->to_ms, span->detail_ms);
    }
  for (guint i = 0; i < spans->len; i++)
    {
      const PsEmptySpan *span = &g_array_index (spans, PsEmptySpan, i);

      if (span->kind == kind && span->reason == reason)
        return span;
    }
  return NULL;
}

/* The reasons for empty stretches, as far as the cache proves them. */
static void
test_empty_spans (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, NULL);
  const gint64 sep_30 = 1759190400000, oct_20 = 1760918400000;
  const PsEmptySpan *span;

  /* Binance serves OI for 30 days before its now (2025-12-18). */
  ps_market_load (market, NOV_1, DEC_1);
  wait_idle (market);
  g_assert_no_error ((GError *) ps_market_get_error (market));
  span = find_span (market, PS_SERIES_OPEN_INTEREST, PS_EMPTY_PAST_HORIZON);
  g_assert_nonnull (span);
  g_assert_cmpint (span->from_ms, ==, NOV_1);
  g_assert_cmpint (span->to_ms, >, NOV_1 + 15 * DAY);
  g_assert_cmpint (span->to_ms, <, NOV_1 + 19 * DAY);
  g_assert_cmpint (span->detail_ms, ==, 30 * DAY);
  g_assert_null (find_span (market, PS_SERIES_CANDLES, PS_EMPTY_NOT_FETCHED));
  g_assert_null (find_span (market, PS_SERIES_CANDLES, PS_EMPTY_BEFORE_START));
  /* Its first settlement is 1 ms past the range's start: that proves nothing. */
  g_assert_null (find_span (market, PS_SERIES_FUNDING, PS_EMPTY_BEFORE_START));

  /* A stretch not fetched (the venue failing now) is said to be so. */
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_500, 100000);
  ps_market_load (market, NOV_1 - 5 * DAY, DEC_1);
  wait_idle (market);
  g_assert_nonnull (ps_market_get_error (market));
  span = find_span (market, PS_SERIES_CANDLES, PS_EMPTY_NOT_FETCHED);
  g_assert_nonnull (span);
  g_assert_cmpint (span->from_ms, ==, NOV_1 - 5 * DAY);
  g_assert_cmpint (span->to_ms, ==, NOV_1);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_NONE, 0);

  /* The funding history the server has starts on 6 October. */
  ps_market_load (market, sep_30, oct_20);
  wait_idle (market);
  span = find_span (market, PS_SERIES_FUNDING, PS_EMPTY_BEFORE_START);
  g_assert_nonnull (span);
  g_assert_cmpint (span->from_ms, ==, sep_30);
  g_assert_cmpint (span->to_ms, ==, ps_market_get_funding (market)->t_ms[0]);
  g_assert_cmpint (span->detail_ms, ==, span->to_ms);
  g_assert_null (find_span (market, PS_SERIES_CANDLES, PS_EMPTY_BEFORE_START));
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

/* What a recorder would have stored: three liquidations in a span that
 * leaves the range's first 6 hours and last days unrecorded, and open
 * interest snapshots inside and outside the venue's 30 days of history. */
static void
write_recordings (void)
{
  g_autofree char *path = ps_recordings_dup_default_path ();
  g_autoptr(PsRecordings) recordings = ps_recordings_new (path, NULL);
  g_autoptr(PsLiquidations) events = ps_liquidations_new (3);
  g_autoptr(PsOpenInterest) snapshots = ps_open_interest_new (5);
  g_autoptr(GError) error = NULL;
  const gint64 nov_20 = NOV_1 + 19 * DAY;
  guint n_new = 0;

  g_assert_nonnull (recordings);
  ps_liquidations_append (events, NOV_1 + 10 * HOUR, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          109000, 108900, 10, 1089000);
  ps_liquidations_append (events, NOV_1 + 10 * HOUR + 1000, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE,
                          110000, 110100, 2, 220200);
  ps_liquidations_append (events, NOV_1 + 5 * DAY, PS_LIQ_LONG, PS_LIQ_SOURCE_IMPORT,
                          105000, NAN, 0.5, 52500);
  g_assert_true (ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", events,
                                                   NOV_1 + 6 * HOUR, NOV_1 + 6 * DAY, &n_new,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 3);

  /* Before the venue's horizon: two in one 4h period (the first stands), one
   * in the next; on 20 November the fetched daily row covers 00:00–04:00. */
  ps_open_interest_append (snapshots, NOV_1 + 1 * HOUR, 90000, 9.0e9);
  ps_open_interest_append (snapshots, NOV_1 + 1 * HOUR + 300000, 90100, 9.1e9);
  ps_open_interest_append (snapshots, NOV_1 + 5 * HOUR, 91000, 9.2e9);
  ps_open_interest_append (snapshots, nov_20 + 1 * HOUR, 1, 1.0);
  g_assert_true (ps_recordings_write_open_interest (recordings, "binance", "BTCUSDT", snapshots,
                                                    NOV_1, nov_20 + 2 * HOUR, &error));
  g_assert_no_error (error);
}

static gboolean
oi_has (PsOpenInterest *oi,
        gint64          t_ms,
        double          usd)
{
  guint i = ps_series_lower_bound (oi->t_ms, oi->n, t_ms);

  return i < oi->n && oi->t_ms[i] == t_ms && oi->usd[i] == usd;
}

/* The market reads the recordings with the cache: events, the stretches
 * not recorded, snapshots merged under the fetched open interest. */
static void
test_recordings_shown (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, NULL);
  PsLiquidations *liq;
  PsOpenInterest *oi;
  GArray *not_recorded;
  const gint64 nov_20 = NOV_1 + 19 * DAY;

  write_recordings ();
  ps_market_load (market, NOV_1, DEC_1);
  wait_idle (market);
  g_assert_no_error ((GError *) ps_market_get_error (market));
  g_assert_false (ps_market_get_is_demo (market));

  liq = ps_market_get_liquidations (market);
  g_assert_cmpuint (liq->n, ==, 3);
  g_assert_cmpint (liq->t_ms[0], ==, NOV_1 + 10 * HOUR);
  g_assert_cmpint (liq->side[0], ==, PS_LIQ_LONG);
  g_assert_cmpfloat (liq->usd[1], ==, 220200);

  not_recorded = ps_market_get_not_recorded (market);
  g_assert_cmpuint (not_recorded->len, ==, 2);
  g_assert_cmpint (g_array_index (not_recorded, PsRange, 0).from_ms, ==, NOV_1);
  g_assert_cmpint (g_array_index (not_recorded, PsRange, 0).to_ms, ==, NOV_1 + 6 * HOUR);
  g_assert_cmpint (g_array_index (not_recorded, PsRange, 1).from_ms, ==, NOV_1 + 6 * DAY);
  g_assert_cmpint (g_array_index (not_recorded, PsRange, 1).to_ms, ==, DEC_1);

  oi = ps_market_get_open_interest (market);
  /* Snapshots where the venue keeps no history, one per period. */
  g_assert_true (oi_has (oi, NOV_1 + 1 * HOUR, 9.0e9));
  g_assert_false (oi_has (oi, NOV_1 + 1 * HOUR + 300000, 9.1e9));
  g_assert_true (oi_has (oi, NOV_1 + 5 * HOUR, 9.2e9));
  /* Fetched history wins where it has a row. */
  g_assert_cmpuint (ps_series_lower_bound (oi->t_ms, oi->n, nov_20 + 1 * HOUR), ==,
                    ps_series_lower_bound (oi->t_ms, oi->n, nov_20 + 1));
  g_assert_cmpint (oi->t_ms[ps_series_lower_bound (oi->t_ms, oi->n, nov_20)], ==, nov_20);
  g_assert_cmpfloat (oi->usd[ps_series_lower_bound (oi->t_ms, oi->n, nov_20)], >, 1e9);
  for (guint i = 1; i < oi->n; i++)
    g_assert_cmpint (oi->t_ms[i - 1], <, oi->t_ms[i]);
}

static void
test_merge_open_interest (void)
{
  g_autoptr(PsOpenInterest) fetched = ps_open_interest_new (2);
  g_autoptr(PsOpenInterest) snapshots = ps_open_interest_new (4);
  g_autoptr(PsCandles) candles = ps_candles_new (2);
  g_autoptr(PsOpenInterest) merged = NULL;

  ps_candles_append (candles, NOV_1, 100, 110, 90, 105, 1, NAN);
  ps_candles_append (candles, NOV_1 + HOUR, 105, 120, 100, 120, 1, NAN);
  ps_open_interest_append (fetched, NOV_1, 10, 1000);
  ps_open_interest_append (fetched, NOV_1 + HOUR, 11, 1100);
  /* Covered by a fetched hour; then two after the venue's last row, the
   * latest kept though it shares a period with the first; no USD: valued at
   * its candle's close. */
  ps_open_interest_append (snapshots, NOV_1 + 30 * 60000, 99, 9999);
  ps_open_interest_append (snapshots, NOV_1 + 2 * HOUR + 60000, 12, NAN);
  ps_open_interest_append (snapshots, NOV_1 + 2 * HOUR + 5 * 60000, 13, 1300);
  ps_open_interest_append (snapshots, NOV_1 + 2 * HOUR + 10 * 60000, 14, 1400);

  merged = _ps_market_merge_open_interest (fetched, snapshots, PS_INTERVAL_1H, candles);
  g_assert_cmpuint (merged->n, ==, 4);
  g_assert_cmpfloat (merged->usd[0], ==, 1000);
  g_assert_cmpfloat (merged->usd[1], ==, 1100);
  g_assert_cmpint (merged->t_ms[2], ==, NOV_1 + 2 * HOUR + 60000);
  g_assert_cmpfloat (merged->usd[2], ==, 12 * 120);
  g_assert_cmpint (merged->t_ms[3], ==, NOV_1 + 2 * HOUR + 10 * 60000);
  g_assert_cmpfloat (merged->usd[3], ==, 1400);

  g_clear_pointer (&merged, ps_open_interest_unref);
  merged = _ps_market_merge_open_interest (NULL, NULL, PS_INTERVAL_1H, NULL);
  g_assert_cmpuint (merged->n, ==, 0);
}

static void
test_live_edge (void)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (PsRange));
  const gint64 now = DEC_1 + 5 * 60000, to = DEC_1 + 4 * HOUR;
  PsRange gap = { NOV_1, NOV_1 + HOUR }, lag = { now - 1500, to }, idle = { now - HOUR, to };

  /* A recorder committed 1.5 s ago: the open candle is being recorded. */
  g_array_append_val (ranges, gap);
  g_array_append_val (ranges, lag);
  _ps_market_trim_live_edge (ranges, to, now);
  g_assert_cmpuint (ranges->len, ==, 1);
  g_assert_cmpint (g_array_index (ranges, PsRange, 0).to_ms, ==, NOV_1 + HOUR);

  /* Nobody since an hour ago: the rest of the range, future included, not recorded. */
  g_array_append_val (ranges, idle);
  _ps_market_trim_live_edge (ranges, to, now);
  g_assert_cmpuint (ranges->len, ==, 2);
  g_assert_cmpint (g_array_index (ranges, PsRange, 1).to_ms, ==, to);

  /* A stretch that ends before the range does is a gap, however recent. */
  g_array_set_size (ranges, 0);
  lag.to_ms = to - 1;
  g_array_append_val (ranges, lag);
  _ps_market_trim_live_edge (ranges, to, now);
  g_assert_cmpuint (ranges->len, ==, 1);
}

/* A recorder's commits reach the market through the core's "recorded": it
 * reads again, at most a few times a second, only for its own market. */
static void
test_recorded_rereads (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, NULL);
  g_autofree char *path = ps_recordings_dup_default_path ();
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(PsLiquidations) events = ps_liquidations_new (1);
  g_autoptr(GError) error = NULL;
  GArray *not_recorded;
  guint changed = 0;

  write_recordings ();
  ps_market_load (market, NOV_1, DEC_1);
  wait_idle (market);
  ps_test_spin (300);
  g_signal_connect (market, "changed", G_CALLBACK (count_changed_cb), &changed);

  recordings = ps_recordings_new (path, &error);
  g_assert_no_error (error);
  ps_liquidations_append (events, NOV_1 + 7 * DAY, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE,
                          100000, 100000, 1, 100000);
  g_assert_true (ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", events,
                                                   NOV_1 + 6 * DAY, NOV_1 + 8 * DAY, NULL,
                                                   &error));
  g_assert_no_error (error);

  /* Another symbol, another venue, a range not shown: nothing to read. */
  ps_core_emit_recorded (f->core, "binance", "ETHUSDT", PS_SERIES_LIQUIDATIONS,
                         NOV_1 + 6 * DAY, NOV_1 + 8 * DAY);
  ps_core_emit_recorded (f->core, "bybit", "BTCUSDT", PS_SERIES_LIQUIDATIONS,
                         NOV_1 + 6 * DAY, NOV_1 + 8 * DAY);
  ps_core_emit_recorded (f->core, "binance", "BTCUSDT", PS_SERIES_LIQUIDATIONS,
                         DEC_1 + DAY, DEC_1 + 2 * DAY);
  ps_test_spin (600);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (ps_market_get_liquidations (market)->n, ==, 3);

  /* Ten batches at once: one read. */
  for (guint i = 0; i < 10; i++)
    ps_core_emit_recorded (f->core, "binance", "BTCUSDT", PS_SERIES_LIQUIDATIONS,
                           NOV_1 + 6 * DAY, NOV_1 + 8 * DAY);
  g_assert_cmpuint (changed, ==, 0);   /* never on the emitting stack */
  ps_test_spin (600);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (ps_market_get_liquidations (market)->n, ==, 4);
  g_assert_cmpint (ps_market_get_liquidations (market)->t_ms[3], ==, NOV_1 + 7 * DAY);
  not_recorded = ps_market_get_not_recorded (market);
  g_assert_cmpuint (not_recorded->len, ==, 2);
  g_assert_cmpint (g_array_index (not_recorded, PsRange, 1).from_ms, ==, NOV_1 + 8 * DAY);
  /* The cache's series stay as they were. */
  g_assert_cmpuint (ps_market_get_candles (market)->n, ==, 180);
  g_assert_true (oi_has (ps_market_get_open_interest (market), NOV_1 + 5 * HOUR, 9.2e9));
}

/* The demo stands in: no liquidations, and none of it recorded. */
static void
test_demo_not_recorded (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, "http://127.0.0.1:9");
  const PsDemo *demo = ps_demo_get ();
  GArray *not_recorded;

  write_recordings ();
  ps_market_load (market, NOV_1, DEC_1);
  wait_idle (market);
  g_assert_true (ps_market_get_is_demo (market));
  g_assert_cmpuint (ps_market_get_liquidations (market)->n, ==, 0);
  not_recorded = ps_market_get_not_recorded (market);
  g_assert_cmpuint (not_recorded->len, ==, 1);
  g_assert_cmpint (g_array_index (not_recorded, PsRange, 0).from_ms, ==, demo->from_ms);
  g_assert_cmpint (g_array_index (not_recorded, PsRange, 0).to_ms, ==, demo->to_ms);

  /* A recorder's batch does not replace the demo's (empty) liquidations. */
  ps_core_emit_recorded (f->core, "binance", "BTCUSDT", PS_SERIES_LIQUIDATIONS, NOV_1, DEC_1);
  ps_test_spin (400);
  g_assert_cmpuint (ps_market_get_liquidations (market)->n, ==, 0);
}

/* Nothing ever recorded, or recordings that cannot be opened (here a path
 * under a file): no events, all of the range up to now not recorded, and the
 * cache's series shown all the same. */
static void
test_nothing_recorded (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, NULL);
  g_autoptr(PsMarket) offline = NULL;
  g_autoptr(PsCore) core = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (ps_cache_get_path (ps_core_get_cache (f->core)),
                                              "recordings.db", NULL);
  GArray *not_recorded;

  ps_market_load (market, NOV_1, DEC_1);
  wait_idle (market);

  core = ps_core_new (ps_cache_get_path (ps_core_get_cache (f->core)), PS_CORE_FLAGS_READ_ONLY,
                      &error);
  g_assert_no_error (error);
  ps_core_set_recordings_path (core, missing);
  offline = ps_market_new (core, "binance", "BTCUSDT", PS_INTERVAL_4H, &error);
  g_assert_no_error (error);
  ps_market_set_demo_allowed (offline, FALSE);
  ps_market_load_cached (offline, NOV_1, DEC_1);
  wait_idle (offline);
  g_assert_no_error ((GError *) ps_market_get_error (offline));
  g_assert_cmpuint (ps_market_get_candles (offline)->n, ==, 180);
  g_assert_cmpuint (ps_market_get_liquidations (offline)->n, ==, 0);
  not_recorded = ps_market_get_not_recorded (offline);
  g_assert_cmpuint (not_recorded->len, ==, 1);
  g_assert_cmpint (g_array_index (not_recorded, PsRange, 0).from_ms, ==, NOV_1);
  g_assert_cmpint (g_array_index (not_recorded, PsRange, 0).to_ms, ==, DEC_1);
  g_clear_object (&offline);
}

/* The spot market's candles of the same symbol, interval and range come with
 * the perpetual's, into the cache under binance-spot, and from it next time. */
static void
test_spot_candles (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PsMarket) market = NULL;
  g_autoptr(PsMarket) second = NULL;
  PsCandles *spot;
  guint requests;

  f->spot_rest = ps_test_server_get_uri (f->server);
  market = market_new (f, NULL);
  g_assert_cmpuint (ps_market_get_spot_candles (market)->n, ==, 0);
  ps_market_load (market, NOV_1, DEC_1);
  wait_idle (market);
  g_assert_no_error ((GError *) ps_market_get_error (market));
  g_assert_no_error ((GError *) ps_market_get_spot_error (market));
  g_assert_cmpuint (ps_market_get_candles (market)->n, ==, 180);

  /* The fixture's spot rows end on 29 November, 16:00. */
  spot = ps_market_get_spot_candles (market);
  g_assert_cmpuint (spot->n, ==, 28 * 6 + 4);
  g_assert_cmpint (spot->t_ms[0], ==, NOV_1);
  g_assert_cmpfloat (ps_candles_open_at (spot, 0), ==, 109608.01);
  g_assert_cmpint (spot->t_ms[spot->n - 1], ==, NOV_1 + 28 * DAY + 12 * HOUR);
  g_assert_true (isfinite (ps_candles_taker_buy_at (spot, 0)));
  /* Spot and perpetual are different markets: never the same rows. */
  g_assert_cmpfloat (ps_candles_open_at (spot, 0), !=,
                     ps_candles_open_at (ps_market_get_candles (market), 0));
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/api/v3/klines"), >=, 1);

  /* Cached: a market opened later shows it with no request. */
  requests = ps_test_server_get_n_requests (f->server);
  second = market_new (f, NULL);
  ps_market_load (second, NOV_1, DEC_1);
  wait_idle (second);
  g_assert_cmpuint (ps_market_get_spot_candles (second)->n, ==, 28 * 6 + 4);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, requests);
}

/* The spot market answering 500 every time is a note: the perpetual's load
 * succeeds and shows all its series. */
static void
test_spot_failure_keeps_perp (Fixture       *f,
                              gconstpointer  data)
{
  PsTestServer *spot_server = ps_test_server_new ();
  g_autoptr(PsMarket) market = NULL;
  const GError *spot_error;

  ps_test_server_set_fault (spot_server, PS_TEST_FAULT_500, 1000);
  f->spot_rest = ps_test_server_get_uri (spot_server);
  market = market_new (f, NULL);
  ps_market_load (market, NOV_1, DEC_1);
  wait_idle (market);

  g_assert_no_error ((GError *) ps_market_get_error (market));
  g_assert_false (ps_market_get_is_demo (market));
  g_assert_cmpuint (ps_market_get_candles (market)->n, ==, 180);
  g_assert_cmpuint (ps_market_get_funding (market)->n, ==, 90);
  g_assert_cmpuint (ps_market_get_open_interest (market)->n, >, 5);
  g_assert_cmpuint (ps_market_get_spot_candles (market)->n, ==, 0);
  spot_error = ps_market_get_spot_error (market);
  g_assert_error ((GError *) spot_error, PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (spot_error->message, "Binance spot"));
  g_assert_cmpuint (ps_test_server_get_n_requests_for (spot_server, "/api/v3/klines"), >=, 1);

  g_clear_object (&market);
  ps_test_server_free (spot_server);
}

/* An interval the spot market serves nothing at: empty, no error. */
static void
test_spot_interval_not_served (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PsMarket) market = NULL;
  const gint64 dec_1_2024 = 1733011200000;

  f->spot_rest = ps_test_server_get_uri (f->server);
  market = market_new_for (f, NULL, "BTCUSDT", PS_INTERVAL_5M);
  ps_market_load (market, dec_1_2024, dec_1_2024 + DAY);
  wait_idle (market);
  g_assert_cmpuint (ps_market_get_candles (market)->n, ==, 288);
  g_assert_cmpuint (ps_market_get_spot_candles (market)->n, ==, 0);
  g_assert_no_error ((GError *) ps_market_get_spot_error (market));
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
  ADD ("recordings-shown", test_recordings_shown);
  ADD ("recorded-rereads", test_recorded_rereads);
  ADD ("demo-not-recorded", test_demo_not_recorded);
  ADD ("nothing-recorded", test_nothing_recorded);
  ADD ("spot-candles", test_spot_candles);
  ADD ("spot-failure-keeps-perp", test_spot_failure_keeps_perp);
  ADD ("spot-interval-not-served", test_spot_interval_not_served);
  ADD ("offline-shows-cached", test_offline_shows_cached);
  ADD ("empty-spans", test_empty_spans);
#undef ADD
  g_test_add_func ("/perpscope/model/market/merge-open-interest", test_merge_open_interest);
  g_test_add_func ("/perpscope/model/market/live-edge", test_live_edge);

  return g_test_run ();
}
