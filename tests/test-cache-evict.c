/* test-cache-evict.c: the cache under a size cap: whole markets dropped,
 * the one opened longest ago first, the pages given back to the file
 * system, the recordings never touched
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

/* n candles of venue:symbol 1m from T0, their coverage marked. */
static void
fill_market (PsCache    *cache,
             const char *venue,
             const char *symbol,
             guint       n)
{
  g_autoptr(PsCandles) candles = ps_candles_new (n);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    ps_candles_append (candles, T0 + i * 60000, 100 + i, 101 + i, 99 + i, 100.5 + i, 7, 3);
  g_assert_true (ps_cache_write_candles (cache, venue, symbol, PS_INTERVAL_1M, candles, T0,
                                         T0 + n * 60000, &error));
  g_assert_no_error (error);
}

static guint
count_market (PsCache    *cache,
              const char *venue,
              const char *symbol,
              guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = ps_cache_read_candles (cache, venue, symbol, PS_INTERVAL_1M, T0,
                                                        T0 + n * 60000, &error);
  g_autoptr(GArray) missing = NULL;

  g_assert_no_error (error);
  /* Rows and coverage go together: a dropped market is a gap to fetch. */
  missing = ps_cache_get_gaps (cache, venue, symbol, PS_SERIES_CANDLES, PS_INTERVAL_1M, T0,
                               T0 + n * 60000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candles->n == 0 ? 1 : 0, ==, missing->len);
  return candles->n;
}

/* Over the cap, whole markets go, the one opened longest ago first (never
 * opened: before all), never the one kept; under it, nothing goes. */
static void
test_cache_evict (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(GError) error = NULL;
  const guint n = 20000;
  guint64 full = 0, after = 0;
  guint dropped = 99;

  fill_market (cache, "binance", "BTCUSDT", n);
  fill_market (cache, "bybit", "BTCUSDT", n);
  fill_market (cache, "okx", "BTC-USDT-SWAP", n);
  g_assert_true (ps_cache_touch_market (cache, "binance", "BTCUSDT", 3000, &error));
  g_assert_true (ps_cache_touch_market (cache, "bybit", "BTCUSDT", 1000, &error));
  /* An earlier time never moves a market back. */
  g_assert_true (ps_cache_touch_market (cache, "binance", "BTCUSDT", 10, &error));
  g_assert_no_error (error);
  g_assert_true (ps_cache_get_used_bytes (cache, &full, &error));
  g_test_message ("3 markets of %u 1m candles: %" G_GUINT64_FORMAT " bytes", n, full);

  g_assert_true (ps_cache_evict (cache, full, G_MAXINT64, &dropped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dropped, ==, 0);

  /* A little under: OKX (never opened) goes, the others stay. */
  g_assert_true (ps_cache_evict (cache, full - full / 10, G_MAXINT64, &dropped, &error));
  g_assert_cmpuint (dropped, ==, 1);
  g_assert_cmpuint (count_market (cache, "okx", "BTC-USDT-SWAP", n), ==, 0);
  g_assert_cmpuint (count_market (cache, "bybit", "BTCUSDT", n), ==, n);
  g_assert_cmpuint (count_market (cache, "binance", "BTCUSDT", n), ==, n);
  g_assert_true (ps_cache_get_used_bytes (cache, &after, &error));
  g_assert_cmpuint (after, <=, full - full / 10);

  /* Nothing allowed: all but the one opened now go, and it stays over the
   * cap. */
  g_assert_true (ps_cache_touch_market (cache, "bybit", "BTCUSDT", 5000, &error));
  g_assert_true (ps_cache_evict (cache, 0, 5000, &dropped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dropped, ==, 1);
  g_assert_cmpuint (count_market (cache, "binance", "BTCUSDT", n), ==, 0);
  g_assert_cmpuint (count_market (cache, "bybit", "BTCUSDT", n), ==, n);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : 0;
}

static gint64
raw_query_int (const char *path,
               const char *sql)
{
  sqlite3 *db = raw_open (path);
  g_autofree char *text = raw_query_text (db, sql);

  sqlite3_close (db);
  return g_ascii_strtoll (text, NULL, 10);
}

/* The WAL moved into the file, so that its size is what the rows take. */
static void
checkpoint (const char *path)
{
  sqlite3 *db = raw_open (path);

  raw_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (db);
}

/* Liquidations of the market about to be dropped, recorded beside the
 * cache; the file's bytes, closed. */
static GBytes *
write_recordings (const char *path)
{
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(PsLiquidations) events = ps_liquidations_new (2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = NULL;

  recordings = ps_recordings_new (path, &error);
  g_assert_no_error (error);
  ps_liquidations_append (events, T0 + 60000, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE, 100, 100, 2, 200);
  ps_liquidations_append (events, T0 + 120000, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE, 101, 101, 1,
                          101);
  g_assert_true (ps_recordings_write_liquidations (recordings, "okx", "BTC-USDT-SWAP", events,
                                                   T0, T0 + 3600000, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&recordings);
  file = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  return g_mapped_file_get_bytes (file);
}

static void
assert_recordings_kept (const char *path,
                        GBytes     *before)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(PsLiquidations) events = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (file);
  after = g_mapped_file_get_bytes (file);
  g_assert_true (g_bytes_equal (before, after));
  recordings = ps_recordings_new_read_only (path, &error);
  g_assert_no_error (error);
  events = ps_recordings_read_liquidations (recordings, "okx", "BTC-USDT-SWAP", T0,
                                            T0 + 3600000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->n, ==, 2);
}

/* A new cache gives the pages of a dropped market back at once: the file
 * shrinks to what the rows left take; the recordings of that market, in
 * their own file, are not touched. */
static void
test_cache_evict_shrinks (void)
{
  g_autofree char *path = cache_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *recordings_path = g_build_filename (dir, "recordings.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(GBytes) recorded = write_recordings (recordings_path);
  g_autoptr(GError) error = NULL;
  const guint n = 20000;
  guint64 full = 0, after = 0;
  goffset size_full, size_after;
  guint dropped = 0;

  /* Made so: an older cache has to be rewritten first (below). */
  g_assert_cmpint (raw_query_int (path, "PRAGMA auto_vacuum"), ==, 2);

  fill_market (cache, "binance", "BTCUSDT", n);
  fill_market (cache, "okx", "BTC-USDT-SWAP", n);
  g_assert_true (ps_cache_touch_market (cache, "binance", "BTCUSDT", 3000, &error));
  g_assert_true (ps_cache_get_used_bytes (cache, &full, &error));
  checkpoint (path);
  size_full = file_size (path);
  g_test_message ("2 markets: %" G_GUINT64_FORMAT " bytes in use, file %" G_GOFFSET_FORMAT,
                  full, size_full);
  g_assert_cmpint (size_full, >=, (goffset) full);

  g_assert_true (ps_cache_evict (cache, full - full / 4, G_MAXINT64, &dropped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dropped, ==, 1);
  g_assert_true (ps_cache_get_used_bytes (cache, &after, &error));
  size_after = file_size (path);
  g_test_message ("1 market: %" G_GUINT64_FORMAT " bytes in use, file %" G_GOFFSET_FORMAT
                  " and WAL %" G_GOFFSET_FORMAT, after, size_after, file_size (wal));
  /* The file is what the rows take (and its empty pages), no more; the
   * deletes' WAL is truncated. */
  g_assert_cmpint (size_after, <, size_full * 2 / 3);
  g_assert_cmpint (size_after, <=, (goffset) after + 16 * 4096);
  g_assert_cmpint (file_size (wal), ==, 0);
  g_assert_cmpuint (count_market (cache, "binance", "BTCUSDT", n), ==, n);
  g_assert_cmpuint (count_market (cache, "okx", "BTC-USDT-SWAP", n), ==, 0);

  assert_recordings_kept (recordings_path, recorded);
}

/* A cache made before (auto_vacuum off) is rewritten once into the mode,
 * at its first eviction, and shrinks as a new one does. */
static void
test_cache_evict_converts (void)
{
  g_autofree char *path = cache_path ();
  const guint n = 20000;
  guint64 full = 0;
  goffset size_full;
  guint dropped = 0;

  {
    g_autoptr(PsCache) cache = open_cache (path);

    fill_market (cache, "binance", "BTCUSDT", n);
    fill_market (cache, "okx", "BTC-USDT-SWAP", n);
  }
  {
    sqlite3 *db = raw_open (path);

    raw_exec (db, "PRAGMA auto_vacuum = NONE; VACUUM");
    sqlite3_close (db);
  }
  g_assert_cmpint (raw_query_int (path, "PRAGMA auto_vacuum"), ==, 0);
  {
    g_autoptr(PsCache) cache = open_cache (path);
    g_autoptr(GError) error = NULL;

    g_assert_true (ps_cache_touch_market (cache, "binance", "BTCUSDT", 3000, &error));
    g_assert_true (ps_cache_get_used_bytes (cache, &full, &error));
    checkpoint (path);
    size_full = file_size (path);
    g_assert_true (ps_cache_evict (cache, full - full / 4, G_MAXINT64, &dropped, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (dropped, ==, 1);
    g_assert_cmpint (raw_query_int (path, "PRAGMA auto_vacuum"), ==, 2);
    g_assert_cmpint (file_size (path), <, size_full * 2 / 3);
    g_assert_cmpuint (count_market (cache, "binance", "BTCUSDT", n), ==, n);
  }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/store/cache/evict", test_cache_evict);
  g_test_add_func ("/perpscope/store/cache/evict/shrinks", test_cache_evict_shrinks);
  g_test_add_func ("/perpscope/store/cache/evict/converts", test_cache_evict_converts);

  return g_test_run ();
}
