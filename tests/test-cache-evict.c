/* test-cache-evict.c: the cache's size limit: markets used longest ago go,
 * whole and with their coverage; the one used last and the recordings stay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ps-cache.h"
#include "ps-recordings.h"
#include "ps-test-cache.h"
#include "ps-test-util.h"

#define N_CANDLES 3000   /* 4h candles: ~1.4 years, a few hundred KB a market */
#define END_MS    (T0 + N_CANDLES * STEP_MS)

typedef struct
{
  const char *venue;
  const char *symbol;
} Market;

/* Used in this order: a first, c last. */
static const Market markets[] = {
  { "binance", "BTCUSDT" },
  { "okx", "ETH-USDT-SWAP" },
  { "bybit", "SOLUSDT" },
};

/* Candles of two intervals, funding and open interest, all covered. */
static void
fill_market (PsCache      *cache,
             const Market *market,
             double        base)
{
  g_autoptr(PsCandles) candles = make_candles (T0, N_CANDLES, base);
  g_autoptr(PsCandles) daily = make_candles (T0, N_CANDLES / 6, base);
  g_autoptr(PsFunding) funding = ps_funding_new (N_CANDLES / 2);
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (N_CANDLES);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_CANDLES; i++)
    {
      ps_open_interest_append (oi, T0 + i * STEP_MS, 1000 + i, (1000 + i) * base);
      if (i % 2 == 0)
        ps_funding_append (funding, T0 + i * STEP_MS, 0.0001, base + i);
    }

  g_assert_true (ps_cache_write_candles (cache, market->venue, market->symbol, PS_INTERVAL_4H,
                                         candles, T0, END_MS, &error));
  g_assert_true (ps_cache_write_candles (cache, market->venue, market->symbol, PS_INTERVAL_1D,
                                         daily, T0, T0 + (N_CANDLES / 6) * STEP_MS, &error));
  g_assert_true (ps_cache_write_funding (cache, market->venue, market->symbol, funding, T0,
                                         END_MS, &error));
  g_assert_true (ps_cache_write_open_interest (cache, market->venue, market->symbol,
                                               PS_INTERVAL_4H, oi, T0, END_MS, &error));
  g_assert_no_error (error);
}

/* Every write marks its market used now; the test's own clock, an hour
 * ahead and step seconds on, orders them after any write. */
static void
use_market (PsCache      *cache,
            const Market *market,
            guint         step)
{
  gint64 later = g_get_real_time () / 1000 + HOUR_MS + step * 1000;
  g_autoptr(GError) error = NULL;

  g_assert_true (ps_cache_touch_market (cache, market->venue, market->symbol, later, &error));
  g_assert_no_error (error);
}

static void
fill_markets (PsCache *cache)
{
  for (guint i = 0; i < G_N_ELEMENTS (markets); i++)
    fill_market (cache, &markets[i], 100 + 1000 * i);
  for (guint i = 0; i < G_N_ELEMENTS (markets); i++)
    use_market (cache, &markets[i], i);
}

/* Writes the log back into the file, as the last connection's close would:
 * the file's own size is then the cache's. */
static gint64
checkpointed_size (const char *path)
{
  sqlite3 *db = raw_open (path);
  GStatBuf st;

  raw_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (db);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static guint
n_candles (PsCache      *cache,
           const Market *market,
           PsInterval    interval)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = ps_cache_read_candles (cache, market->venue, market->symbol,
                                                        interval, T0, END_MS, &error);

  g_assert_no_error (error);
  return candles->n;
}

/* A market kept: all its rows, and no gap in any kind. */
static void
assert_market_kept (PsCache      *cache,
                    const Market *market)
{
  const PsSeriesKind kinds[] = { PS_SERIES_CANDLES, PS_SERIES_FUNDING, PS_SERIES_OPEN_INTEREST };
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n_candles (cache, market, PS_INTERVAL_4H), ==, N_CANDLES);
  g_assert_cmpuint (n_candles (cache, market, PS_INTERVAL_1D), ==, N_CANDLES / 6);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GArray) gaps = ps_cache_get_gaps (cache, market->venue, market->symbol, kinds[k],
                                                  PS_INTERVAL_4H, T0, END_MS, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (gaps->len, ==, 0);
    }
}

/* A market evicted: no row, and its whole range a gap to fetch again, so
 * that no coverage claims rows that are gone. */
static void
assert_market_evicted (PsCache      *cache,
                       const Market *market)
{
  const PsSeriesKind kinds[] = { PS_SERIES_CANDLES, PS_SERIES_FUNDING, PS_SERIES_OPEN_INTEREST };
  g_autoptr(GError) error = NULL;
  g_autoptr(PsFunding) funding = NULL;
  g_autoptr(PsOpenInterest) oi = NULL;
  gint64 first, last;

  g_assert_cmpuint (n_candles (cache, market, PS_INTERVAL_4H), ==, 0);
  g_assert_cmpuint (n_candles (cache, market, PS_INTERVAL_1D), ==, 0);
  funding = ps_cache_read_funding (cache, market->venue, market->symbol, T0, END_MS, &error);
  g_assert_cmpuint (funding->n, ==, 0);
  oi = ps_cache_read_open_interest (cache, market->venue, market->symbol, PS_INTERVAL_4H, T0,
                                    END_MS, &error);
  g_assert_cmpuint (oi->n, ==, 0);
  g_assert_false (ps_cache_get_extent (cache, market->venue, market->symbol, PS_SERIES_CANDLES,
                                       PS_INTERVAL_4H, &first, &last, &error));
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GArray) gaps = ps_cache_get_gaps (cache, market->venue, market->symbol, kinds[k],
                                                  PS_INTERVAL_4H, T0, END_MS, &error);
      g_autoptr(GArray) covered = ps_cache_get_coverage (cache, market->venue, market->symbol,
                                                         kinds[k], PS_INTERVAL_4H, T0, END_MS,
                                                         PS_COVERAGE_FETCHED, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (gaps->len, ==, 1);
      g_assert_cmpint (g_array_index (gaps, PsRange, 0).from_ms, ==, T0);
      g_assert_cmpint (g_array_index (gaps, PsRange, 0).to_ms, ==, END_MS);
      g_assert_cmpuint (covered->len, ==, 0);
    }
}

static guint64
cache_size (PsCache *cache)
{
  g_autoptr(GError) error = NULL;
  guint64 size = 0;

  g_assert_true (ps_cache_get_size (cache, &size, &error));
  g_assert_no_error (error);
  return size;
}

/* What was recorded live, in the other file: liquidations of the market
 * that is about to be evicted. */
static guint
write_recordings (const Market *market)
{
  g_autofree char *path = ps_recordings_dup_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsRecordings) recordings = ps_recordings_new (path, &error);
  g_autoptr(PsLiquidations) events = ps_liquidations_new (100);

  g_assert_no_error (error);
  for (guint i = 0; i < 100; i++)
    ps_liquidations_append (events, T0 + i * HOUR_MS, i % 2 ? PS_LIQ_LONG : PS_LIQ_SHORT,
                            PS_LIQ_SOURCE_LIVE, 90000 + i, 90000 + i, 0.5, 45000 + i);
  g_assert_true (ps_recordings_write_liquidations (recordings, market->venue, market->symbol,
                                                   events, T0, T0 + 100 * HOUR_MS, NULL, &error));
  g_assert_no_error (error);
  return events->n;
}

static guint
read_recordings (const Market *market)
{
  g_autofree char *path = ps_recordings_dup_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsRecordings) recordings = ps_recordings_new_read_only (path, &error);
  g_autoptr(PsLiquidations) events = NULL;

  g_assert_no_error (error);
  events = ps_recordings_read_liquidations (recordings, market->venue, market->symbol, T0,
                                            END_MS, &error);
  g_assert_no_error (error);
  return events->n;
}

static void
test_evict_under_limit (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(GError) error = NULL;
  PsCacheEviction eviction;
  guint64 size;

  fill_markets (cache);
  size = cache_size (cache);
  g_assert_cmpuint (size, >, 3 * 100 * 1000);

  /* No limit, or one above the size: only measured. */
  g_assert_true (ps_cache_evict (cache, 0, &eviction, &error));
  g_assert_cmpuint (eviction.n_evicted, ==, 0);
  g_assert_cmpuint (eviction.size_before, ==, size);
  g_assert_cmpuint (eviction.size_after, ==, size);
  g_assert_true (ps_cache_evict (cache, size, &eviction, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eviction.n_evicted, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (markets); i++)
    assert_market_kept (cache, &markets[i]);
}

/* Over the limit by less than a market: the one used longest ago goes,
 * the others and the recordings of the evicted one stay. */
static void
test_evict_least_recent (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(GError) error = NULL;
  PsCacheEviction eviction;
  guint64 size;
  gint64 file_before;
  guint n_recorded;

  n_recorded = write_recordings (&markets[0]);
  fill_markets (cache);
  size = cache_size (cache);
  file_before = checkpointed_size (path);

  g_assert_true (ps_cache_evict (cache, size * 8 / 10, &eviction, &error));
  g_assert_no_error (error);
  g_test_message ("%" G_GUINT64_FORMAT " → %" G_GUINT64_FORMAT " bytes in use",
                  eviction.size_before, eviction.size_after);
  g_assert_cmpuint (eviction.n_evicted, ==, 1);
  g_assert_cmpuint (eviction.size_before, ==, size);
  g_assert_cmpuint (eviction.size_after, <=, size * 8 / 10);
  g_assert_cmpuint (eviction.size_after, ==, cache_size (cache));

  assert_market_evicted (cache, &markets[0]);
  assert_market_kept (cache, &markets[1]);
  assert_market_kept (cache, &markets[2]);
  g_assert_cmpuint (read_recordings (&markets[0]), ==, n_recorded);

  /* The pages went back to the file system, not only to the free list. */
  g_test_message ("file %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT " bytes", file_before,
                  checkpointed_size (path));
  g_assert_cmpint (checkpointed_size (path), <, file_before * 9 / 10);

  /* Fetched again, it is back, and used last: no longer the first to go. */
  fill_market (cache, &markets[0], 100);
  use_market (cache, &markets[0], 10);
  assert_market_kept (cache, &markets[0]);
  g_assert_true (ps_cache_evict (cache, cache_size (cache) - 1, &eviction, &error));
  g_assert_cmpuint (eviction.n_evicted, ==, 1);
  assert_market_evicted (cache, &markets[1]);
  assert_market_kept (cache, &markets[0]);
}

/* A limit nothing fits in: everything but the market used last goes. */
static void
test_evict_keeps_most_recent (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(GError) error = NULL;
  PsCacheEviction eviction;

  fill_markets (cache);
  g_assert_true (ps_cache_evict (cache, 1, &eviction, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eviction.n_evicted, ==, 2);
  g_assert_cmpuint (eviction.size_after, >, 1);
  assert_market_evicted (cache, &markets[0]);
  assert_market_evicted (cache, &markets[1]);
  assert_market_kept (cache, &markets[2]);

  /* Alone over the limit, it stays. */
  g_assert_true (ps_cache_evict (cache, 1, &eviction, &error));
  g_assert_cmpuint (eviction.n_evicted, ==, 0);
  assert_market_kept (cache, &markets[2]);
}

/* A use is never moved back by an older one (a late write's clock). */
static void
test_evict_touch_order (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(GError) error = NULL;
  PsCacheEviction eviction;

  fill_markets (cache);
  /* The first market opened last; then an old time for it changes nothing. */
  use_market (cache, &markets[0], 10);
  g_assert_true (ps_cache_touch_market (cache, markets[0].venue, markets[0].symbol, 1, &error));
  g_assert_true (ps_cache_evict (cache, 1, &eviction, &error));
  g_assert_no_error (error);
  assert_market_kept (cache, &markets[0]);
  assert_market_evicted (cache, &markets[1]);
  assert_market_evicted (cache, &markets[2]);
}

/* A cache of the first schema: no markets table, no incremental vacuum.
 * Opened, its markets are listed as used longest ago; evicted, it is
 * rewritten once to give pages back from then on. */
static void
test_evict_old_cache (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(GError) error = NULL;
  PsCacheEviction eviction;
  sqlite3 *db;

  {
    g_autoptr(PsCache) cache = open_cache (path);

    fill_markets (cache);
  }
  /* Back to version 1, as an older Perpscope left it. */
  db = raw_open (path);
  raw_exec (db, "PRAGMA auto_vacuum = NONE; VACUUM; DROP TABLE markets; PRAGMA user_version = 1");
  {
    g_autofree char *auto_vacuum = raw_query_text (db, "PRAGMA auto_vacuum");

    g_assert_cmpstr (auto_vacuum, ==, "0");
  }
  sqlite3_close (db);

  {
    g_autoptr(PsCache) cache = open_cache (path);
    g_autofree char *auto_vacuum = NULL;

    /* Every market is listed, none used since: the one written now is the
     * one used last, and stays. */
    fill_market (cache, &markets[1], 1100);
    g_assert_true (ps_cache_evict (cache, 1, &eviction, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (eviction.n_evicted, ==, 2);
    assert_market_evicted (cache, &markets[0]);
    assert_market_kept (cache, &markets[1]);
    assert_market_evicted (cache, &markets[2]);

    db = raw_open (path);
    auto_vacuum = raw_query_text (db, "PRAGMA auto_vacuum");
    g_assert_cmpstr (auto_vacuum, ==, "2");
    sqlite3_close (db);
  }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/store/cache-evict/under-limit", test_evict_under_limit);
  g_test_add_func ("/perpscope/store/cache-evict/least-recent", test_evict_least_recent);
  g_test_add_func ("/perpscope/store/cache-evict/keeps-most-recent", test_evict_keeps_most_recent);
  g_test_add_func ("/perpscope/store/cache-evict/touch-order", test_evict_touch_order);
  g_test_add_func ("/perpscope/store/cache-evict/old-cache", test_evict_old_cache);

  return g_test_run ();
}
