/* test-market-snapshot.c: PsMarketSnapshot, what a market shows at one moment,
 * unchanged while the market loads on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "ps-demo.h"
#include "ps-market.h"
#include "ps-test-market.h"
#include "ps-test-server.h"
#include "ps-test-util.h"

#define NOV_1      G_GINT64_CONSTANT (1761955200000)   /* 2025-11-01 UTC */
#define DEC_1      G_GINT64_CONSTANT (1764547200000)   /* 2025-12-01 UTC */
#define DEC_1_2024 G_GINT64_CONSTANT (1733011200000)   /* 2024-12-01 UTC */
#define JAN_1_2025 G_GINT64_CONSTANT (1735689600000)   /* 2025-01-01 UTC */
#define HOUR       ((gint64) 3600 * 1000)
#define DAY        (24 * HOUR)

static PsMarket *
market_new (Fixture    *f,
            const char *rest,
            PsInterval  interval)
{
  g_autoptr(GError) error = NULL;
  PsMarket *market;

  g_setenv ("PERPSCOPE_BINANCE_REST", rest ? rest : ps_test_server_get_uri (f->server), TRUE);
  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", ps_test_server_get_uri (f->server), TRUE);
  market = ps_market_new (f->core, "binance", "BTCUSDT", interval, &error);
  g_assert_no_error (error);
  return market;
}

/* Every value of the candles, folded: any change to a row changes it. */
static double
candles_checksum (const PsCandles *c)
{
  double sum = c->n;

  for (guint i = 0; i < c->n; i++)
    sum += (double) (c->t_ms[i] % 1000003) + ps_candles_open_at (c, i) +
           2 * ps_candles_high_at (c, i) + 3 * ps_candles_low_at (c, i) +
           5 * ps_candles_close_at (c, i) + 7 * ps_candles_volume_at (c, i);
  return sum;
}

static void
test_new_destroy (void)
{
  g_autoptr(PsCandles) candles = ps_candles_new (2);
  g_autoptr(GArray) not_recorded = g_array_new (FALSE, FALSE, sizeof (PsRange));
  PsRange gap = { NOV_1, NOV_1 + HOUR };
  PsMarketSnapshot *first, *second, *copy;

  ps_candles_append (candles, NOV_1, 1, 2, 0.5, 1.5, 10, 5);
  g_array_append_val (not_recorded, gap);
  first = ps_market_snapshot_new ("binance", "BTCUSDT", PS_INTERVAL_1H, NOV_1, DEC_1, candles,
                                  NULL, NULL, NULL, NULL, not_recorded);
  g_assert_true (first->candles == candles);
  g_assert_cmpstr (first->venue, ==, "binance");
  g_assert_cmpstr (first->shown_symbol, ==, "BTCUSDT");
  g_assert_cmpint (first->shown_from_ms, ==, NOV_1);
  g_assert_false (first->is_demo);
  g_assert_false (first->loading);
  g_assert_null (first->spot_error);
  /* Missing series are empty, never NULL. */
  g_assert_cmpuint (first->spot_candles->n, ==, 0);
  g_assert_cmpuint (first->funding->n, ==, 0);
  g_assert_cmpuint (first->open_interest->n, ==, 0);
  g_assert_cmpuint (first->liquidations->n, ==, 0);

  /* not_recorded is a copy: the caller's array may go on changing. */
  g_array_set_size (not_recorded, 0);
  g_assert_cmpuint (first->not_recorded->len, ==, 1);
  g_assert_cmpint (g_array_index (first->not_recorded, PsRange, 0).to_ms, ==, NOV_1 + HOUR);

  second = ps_market_snapshot_new ("binance", "BTCUSDT", PS_INTERVAL_1H, NOV_1, DEC_1, NULL,
                                   NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (second->serial, >, first->serial);
  g_assert_cmpuint (second->not_recorded->len, ==, 0);

  /* A boxed type: a copy is another reference. */
  copy = g_boxed_copy (PS_TYPE_MARKET_SNAPSHOT, first);
  g_assert_true (copy == first);
  g_boxed_free (PS_TYPE_MARKET_SNAPSHOT, copy);
  ps_market_snapshot_unref (first);
  ps_market_snapshot_unref (second);
}

/* The same snapshot while nothing changes; a new one with a larger serial
 * when something does, sharing the series that did not change. */
static void
test_same_until_changed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, NULL, PS_INTERVAL_4H);
  g_autoptr(PsMarketSnapshot) before = ps_market_get_snapshot (market);
  g_autoptr(PsMarketSnapshot) loaded = NULL;
  g_autoptr(PsMarketSnapshot) again = NULL;
  g_autoptr(PsMarketSnapshot) recorded = NULL;
  g_autofree char *path = ps_recordings_dup_default_path ();
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(PsLiquidations) events = ps_liquidations_new (1);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (before->candles->n, ==, 0);
  ps_market_load (market, NOV_1, DEC_1);
  wait_idle (market);
  loaded = ps_market_get_snapshot (market);
  again = ps_market_get_snapshot (market);
  g_assert_true (loaded == again);
  g_assert_true (loaded != before);
  g_assert_cmpuint (loaded->serial, >, before->serial);
  g_assert_cmpuint (before->candles->n, ==, 0);   /* the old one stays as it was */

  g_assert_false (loaded->loading);
  g_assert_false (loaded->is_demo);
  g_assert_cmpstr (loaded->venue, ==, "binance");
  g_assert_cmpstr (loaded->venue_name, ==, "Binance");
  g_assert_cmpstr (loaded->shown_venue, ==, "binance");
  g_assert_cmpint (loaded->interval, ==, PS_INTERVAL_4H);
  g_assert_cmpint (loaded->from_ms, ==, NOV_1);
  g_assert_cmpint (loaded->to_ms, ==, DEC_1);
  g_assert_true (loaded->candles == ps_market_get_candles (market));
  g_assert_true (loaded->spot_candles == ps_market_get_spot_candles (market));
  g_assert_cmpuint (loaded->candles->n, ==, 180);
  g_assert_cmpuint (loaded->spot_candles->n, ==, 172);
  g_assert_cmpuint (loaded->funding->n, ==, 90);
  g_assert_cmpuint (loaded->not_recorded->len, ==, 1);

  /* A recorder's batch: new liquidations, the cache's series shared. */
  recordings = ps_recordings_new (path, &error);
  g_assert_no_error (error);
  ps_liquidations_append (events, NOV_1 + 7 * DAY, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE,
                          100000, 100000, 1, 100000);
  g_assert_true (ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", events,
                                                   NOV_1 + 6 * DAY, NOV_1 + 8 * DAY, NULL,
                                                   &error));
  g_assert_no_error (error);
  ps_core_emit_recorded (f->core, "binance", "BTCUSDT", PS_SERIES_LIQUIDATIONS,
                         NOV_1 + 6 * DAY, NOV_1 + 8 * DAY);
  ps_test_spin (600);

  recorded = ps_market_get_snapshot (market);
  g_assert_true (recorded != loaded);
  g_assert_cmpuint (recorded->serial, >, loaded->serial);
  g_assert_cmpuint (recorded->liquidations->n, ==, 1);
  g_assert_cmpuint (loaded->liquidations->n, ==, 0);
  g_assert_true (recorded->candles == loaded->candles);
  g_assert_true (recorded->spot_candles == loaded->spot_candles);
}

/* The demo standing in is said, and has no spot beside it. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, "http://127.0.0.1:9", PS_INTERVAL_4H);
  g_autoptr(PsMarketSnapshot) snapshot = NULL;

  ps_market_load (market, NOV_1, DEC_1);
  wait_idle (market);
  snapshot = ps_market_get_snapshot (market);
  g_assert_true (snapshot->is_demo);
  g_assert_true (snapshot->candles == ps_demo_get ()->candles);
  g_assert_cmpstr (snapshot->venue, ==, "binance");
  g_assert_cmpstr (snapshot->shown_venue, ==, PS_DEMO_VENUE);
  g_assert_cmpint (snapshot->shown_from_ms, ==, ps_demo_get ()->from_ms);
  g_assert_cmpuint (snapshot->spot_candles->n, ==, 0);
}

typedef struct
{
  PsMarketSnapshot *snapshot;
  gint              stop;
  double            checksum;   /* what the reader saw, every time the same */
  guint             n_reads;
  gboolean          differed;
} Reader;

/* Another thread reads the snapshot over and over while the market loads on. */
static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;

  while (!g_atomic_int_get (&reader->stop) || reader->n_reads == 0)
    {
      double sum = candles_checksum (reader->snapshot->candles);

      if (reader->n_reads++ == 0)
        reader->checksum = sum;
      else if (sum != reader->checksum)
        reader->differed = TRUE;
      g_thread_yield ();
    }
  return NULL;
}

static void
take_mid_load_cb (PsMarket          *market,
                  gint64             from_ms,
                  gint64             to_ms,
                  PsMarketSnapshot **mid)
{
  PsCandles *candles = ps_market_get_candles (market);

  if (*mid == NULL && ps_market_get_loading (market) && !ps_market_get_is_demo (market) &&
      candles->n > 0 && candles->n < 8928)
    *mid = ps_market_get_snapshot (market);
}

/* A snapshot taken while pages land holds what was shown then: the pages
 * after it go into new series, never into the snapshot's. */
static void
test_mid_load_unchanged (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, NULL, PS_INTERVAL_5M);
  g_autoptr(PsMarketSnapshot) mid = NULL;
  g_autoptr(PsMarketSnapshot) done = NULL;
  Reader reader = { 0 };
  GThread *thread;
  double checksum;
  guint n;
  gint64 last_t;

  /* One page of 1500 klines (weight 10) every 250 ms: a month of 5m candles
   * (6 pages) lands over more than a second, shown as it comes. */
  ps_http_set_rate_limit (ps_core_get_http (f->core), "Binance", 10, 40);
  g_signal_connect (market, "changed", G_CALLBACK (take_mid_load_cb), &mid);
  ps_market_load (market, DEC_1_2024, JAN_1_2025);
  while (mid == NULL && ps_market_get_loading (market))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (mid);
  g_assert_true (mid->loading);
  g_assert_false (mid->is_demo);

  n = mid->candles->n;
  last_t = mid->candles->t_ms[n - 1];
  checksum = candles_checksum (mid->candles);
  g_test_message ("mid-load snapshot: %u of 8928 candles", n);

  reader.snapshot = mid;
  thread = g_thread_new ("snapshot-reader", reader_thread, &reader);
  wait_idle (market);
  g_atomic_int_set (&reader.stop, 1);
  g_thread_join (thread);

  done = ps_market_get_snapshot (market);
  g_assert_true (done != mid);
  g_assert_cmpuint (done->serial, >, mid->serial);
  g_assert_false (done->loading);
  g_assert_cmpuint (done->candles->n, ==, 8928);
  g_assert_true (done->candles != mid->candles);

  /* The snapshot is as it was taken, here and on the other thread. */
  g_assert_true (mid->loading);
  g_assert_cmpuint (mid->candles->n, ==, n);
  g_assert_cmpint (mid->candles->t_ms[n - 1], ==, last_t);
  g_assert_cmpfloat (candles_checksum (mid->candles), ==, checksum);
  g_assert_cmpuint (reader.n_reads, >, 0);
  g_assert_false (reader.differed);
  g_assert_cmpfloat (reader.checksum, ==, checksum);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/model/market-snapshot/new-destroy", test_new_destroy);
#define ADD(path, func) \
  g_test_add ("/perpscope/model/market-snapshot/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("same-until-changed", test_same_until_changed);
  ADD ("demo", test_demo);
  ADD ("mid-load-unchanged", test_mid_load_unchanged);
#undef ADD

  return g_test_run ();
}
