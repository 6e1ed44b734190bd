/* test-cache.c: PsCache against round trips, coverage, locks, full disks and kills
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ps-cache.h"
#include "ps-database.h"
#include "ps-test-cache.h"
#include "ps-test-util.h"

static void
assert_ranges (GArray       *ranges,
               const gint64 *expected,   /* from, to pairs */
               guint         n_expected)
{
  g_assert_nonnull (ranges);
  g_assert_cmpuint (ranges->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_assert_cmpint (g_array_index (ranges, PsRange, i).from_ms, ==, expected[2 * i]);
      g_assert_cmpint (g_array_index (ranges, PsRange, i).to_ms, ==, expected[2 * i + 1]);
    }
}

static GArray *
fetched (PsCache *cache,
         gint64   from_ms,
         gint64   to_ms)
{
  g_autoptr(GError) error = NULL;
  GArray *ranges = ps_cache_get_coverage (cache, "binance", "BTCUSDT", PS_SERIES_CANDLES,
                                          PS_INTERVAL_4H, from_ms, to_ms,
                                          PS_COVERAGE_FETCHED, &error);

  g_assert_no_error (error);
  return ranges;
}

static GArray *
gaps (PsCache *cache,
      gint64   from_ms,
      gint64   to_ms)
{
  g_autoptr(GError) error = NULL;
  GArray *ranges = ps_cache_get_gaps (cache, "binance", "BTCUSDT", PS_SERIES_CANDLES,
                                      PS_INTERVAL_4H, from_ms, to_ms, &error);

  g_assert_no_error (error);
  return ranges;
}

static void
mark (PsCache         *cache,
      gint64           from_ms,
      gint64           to_ms,
      PsCoverageState  state)
{
  g_autoptr(GError) error = NULL;

  ps_cache_mark_coverage (cache, "binance", "BTCUSDT", PS_SERIES_CANDLES, PS_INTERVAL_4H,
                          from_ms, to_ms, state, &error);
  g_assert_no_error (error);
}

static guint
count_candles (PsCache *cache,
               gint64   from_ms,
               gint64   to_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = NULL;

  candles = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                   from_ms, to_ms, &error);
  g_assert_no_error (error);
  return candles->n;
}

static void
write_candles (PsCache   *cache,
               PsCandles *candles,
               gint64     cover_from_ms,
               gint64     cover_to_ms)
{
  g_autoptr(GError) error = NULL;

  ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H, candles,
                          cover_from_ms, cover_to_ms, &error);
  g_assert_no_error (error);
}

/* Tests */

/* A cache of the first schema opens into the second: its rows kept, the
 * table of markets' use added. */
static void
test_cache_migrate_market_use (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCandles) candles = ps_candles_new (4);
  sqlite3 *db;

  {
    g_autoptr(PsCache) cache = open_cache (path);

    for (guint i = 0; i < 4; i++)
      ps_candles_append (candles, T0 + i * 4 * HOUR_MS, 1, 2, 0.5, 1.5, 10, 5);
    write_candles (cache, candles, T0, T0 + 16 * HOUR_MS);
  }
  db = raw_open (path);
  raw_exec (db, "DROP TABLE market_use; PRAGMA user_version = 1");
  sqlite3_close (db);
  {
    g_autoptr(PsCache) cache = open_cache (path);
    g_autoptr(GError) error = NULL;
    g_autofree char *version = NULL;

    g_assert_cmpuint (count_candles (cache, T0, T0 + 16 * HOUR_MS), ==, 4);
    g_assert_true (ps_cache_touch_market (cache, "binance", "BTCUSDT", 5, &error));
    g_assert_no_error (error);
    db = raw_open (path);
    version = raw_query_text (db, "PRAGMA user_version");
    g_assert_cmpstr (version, ==, "2");
    sqlite3_close (db);
  }
}

static void
test_cache_new_destroy (void)
{
  g_autofree char *path = cache_path ();
  PsCache *cache = open_cache (path);

  g_assert_cmpstr (ps_cache_get_path (cache), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_finalize_object (cache);
}

static void
test_cache_default_path (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_cache_dir (), "perpscope",
                                                "cache.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_cache_schema (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  sqlite3 *db = raw_open (path);
  g_autofree char *mode = raw_query_text (db, "PRAGMA journal_mode");
  g_autofree char *version = raw_query_text (db, "PRAGMA user_version");
  g_autofree char *n_tables = raw_query_text (db,
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID'");

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpstr (version, ==, "2");
  g_assert_cmpstr (n_tables, ==, "5");
  sqlite3_close (db);
}

static void
test_cache_candles_round_trip (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCandles) written = make_candles (T0, 50, 60000.0);
  g_autoptr(PsCandles) read = NULL;
  g_autoptr(PsCandles) middle = NULL;
  g_autoptr(PsCandles) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *n_null = NULL;
  sqlite3 *db;

  ps_candles_edit_column (written, PS_CANDLE_OPEN)[7] = NAN;
  write_candles (cache, written, T0, T0 + 50 * STEP_MS);

  read = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  assert_candles_equal (read, written);

  /* [from, to) is half-open. */
  middle = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                  T0 + 10 * STEP_MS, T0 + 20 * STEP_MS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (middle->n, ==, 10);
  g_assert_cmpint (middle->t_ms[0], ==, T0 + 10 * STEP_MS);

  /* Interval, symbol and venue are all part of the key. */
  other = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_1H,
                                 G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other->n, ==, 0);
  g_clear_pointer (&other, ps_candles_unref);
  other = ps_cache_read_candles (cache, "okx", "BTCUSDT", PS_INTERVAL_4H,
                                 G_MININT64, G_MAXINT64, &error);
  g_assert_cmpuint (other->n, ==, 0);

  /* NAN is NULL in the file, not a number another reader would misread. */
  db = raw_open (path);
  n_null = raw_query_text (db, "SELECT count(*) FROM candles WHERE taker_buy_volume IS NULL");
  g_assert_cmpstr (n_null, ==, "17");
  sqlite3_close (db);
}

/* A read reserves one row per interval step between its first and last row;
 * rows off that grid (imported, or a venue's odd times) are read all the same. */
static void
test_cache_candles_off_grid (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCandles) written = ps_candles_new (0);
  g_autoptr(PsCandles) read = NULL;
  g_autoptr(GError) error = NULL;

  /* 40 rows an hour apart under 4h: 4 times the rows of the grid. */
  for (guint i = 0; i < 40; i++)
    ps_candles_append (written, T0 + (gint64) i * HOUR_MS, 100.0 + i, 101.0 + i, 99.0 + i,
                       100.5 + i, i % 5 == 0 ? NAN : 10.0 + i, 5.0);
  ps_candles_edit_column (written, PS_CANDLE_OPEN)[39] = NAN;
  write_candles (cache, written, T0, T0 + 40 * HOUR_MS);

  read = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  assert_candles_equal (read, written);
}

/* The kB of path's mappings in this process that are resident. */
static guint64
mapped_resident_kb (const char *path)
{
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean in_path = FALSE;
  guint64 kb = 0;

  g_assert_true (g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL));
  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *name = strchr (lines[i], '/');

      /* A mapping's first line: "start-end perms offset dev inode   path". */
      if (g_ascii_isxdigit (lines[i][0]) && strchr (lines[i], '-') != NULL &&
          !g_str_has_suffix (lines[i], ":"))
        in_path = name != NULL && g_str_equal (name, path);
      else if (in_path && g_str_has_prefix (lines[i], "Rss:"))
        kb += g_ascii_strtoull (lines[i] + 4, NULL, 10);
    }
  return kb;
}

/* A long range is read in two halves at once, on two connections: the rows
 * come back whole and in order across the split, with gaps and with rows off
 * the grid, also from a read-only cache and for a kind of two columns. */
#define LONG_N 150000
#define MINUTE_MS (G_GINT64_CONSTANT (60) * 1000)

static void
test_cache_long_read_in_halves (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCache) read_only = NULL;
  g_autoptr(PsCandles) written = ps_candles_new (LONG_N);
  g_autoptr(PsCandles) off_grid = ps_candles_new (0);
  g_autoptr(PsCandles) expected = NULL;
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (LONG_N);
  g_autoptr(GError) error = NULL;
  const gint64 mid = T0 + LONG_N / 2 * MINUTE_MS;
  const gint64 gap = T0 + 20000 * MINUTE_MS;

  /* One row a minute, but for a gap of 1,000 minutes in the earlier half. */
  for (guint i = 0; i < LONG_N; i++)
    {
      gint64 t = T0 + (gint64) i * MINUTE_MS;

      if (t >= gap && t < gap + 1000 * MINUTE_MS)
        continue;
      ps_candles_append (written, t, 100.0 + i, 101.0 + i, 99.0 + i, 100.5 + i,
                         i % 7 == 0 ? NAN : 10.0 + i, i);
      ps_open_interest_append (oi, t, 1000.0 + i, 5e6 + i);
    }
  g_assert_true (ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_1M, written,
                                         T0, T0 + LONG_N * MINUTE_MS, &error));
  g_assert_no_error (error);
  g_assert_true (ps_cache_write_open_interest (cache, "binance", "BTCUSDT", PS_INTERVAL_1M, oi,
                                               T0, T0 + LONG_N * MINUTE_MS, &error));
  g_assert_no_error (error);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(PsCandles) all = ps_cache_read_candles (cache, "binance", "BTCUSDT",
                                                        PS_INTERVAL_1M, G_MININT64, G_MAXINT64,
                                                        &error);
      g_autoptr(PsCandles) part = NULL;
      g_autoptr(PsCandles) slice = NULL;
      g_autoptr(PsCandles) no_gap = NULL;
      g_autoptr(PsCandles) no_gap_slice = NULL;

      g_assert_no_error (error);
      assert_candles_equal (all, written);

      /* [from, to) stays half-open on both sides of the split. */
      part = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_1M,
                                    T0 + 12345 * MINUTE_MS, T0 + 140001 * MINUTE_MS, &error);
      g_assert_no_error (error);
      slice = ps_candles_slice (written, T0 + 12345 * MINUTE_MS, T0 + 140001 * MINUTE_MS);
      assert_candles_equal (part, slice);

      /* No gap: both halves read in place, nothing moved. */
      no_gap = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_1M,
                                      T0 + 25000 * MINUTE_MS, G_MAXINT64, &error);
      g_assert_no_error (error);
      no_gap_slice = ps_candles_slice (written, T0 + 25000 * MINUTE_MS, G_MAXINT64);
      g_assert_cmpuint (no_gap_slice->n, ==, LONG_N - 25000);
      assert_candles_equal (no_gap, no_gap_slice);
    }

  {
    g_autoptr(PsOpenInterest) oi_read = ps_cache_read_open_interest (cache, "binance", "BTCUSDT",
                                                                      PS_INTERVAL_1M, G_MININT64,
                                                                      G_MAXINT64, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (oi_read->n, ==, oi->n);
    for (guint i = 0; i < oi->n; i++)
      {
        g_assert_cmpint (oi_read->t_ms[i], ==, oi->t_ms[i]);
        g_assert_cmpfloat (oi_read->contracts[i], ==, oi->contracts[i]);
        g_assert_cmpfloat (oi_read->usd[i], ==, oi->usd[i]);
      }
  }

  /* Rows between the minutes, on both sides of the split: more rows than
   * the grid holds, read all the same. */
  for (guint i = 0; i < 40; i++)
    {
      gint64 t = (i < 20 ? T0 + 1000 * MINUTE_MS : mid + 2000 * MINUTE_MS) + i * MINUTE_MS +
                 30000;

      ps_candles_append (off_grid, t, 1.0 + i, 2.0, 0.5, 1.5, 3.0, 1.0);
    }
  g_assert_true (ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_1M, off_grid,
                                         0, 0, &error));
  g_assert_no_error (error);
  expected = ps_candles_new (written->n + off_grid->n);
  for (guint i = 0, j = 0; i < written->n || j < off_grid->n;)
    {
      const PsCandles *from = j >= off_grid->n ||
                              (i < written->n && written->t_ms[i] < off_grid->t_ms[j])
                              ? written : off_grid;
      guint k = from == written ? i++ : j++;

      ps_candles_append (expected, from->t_ms[k], ps_candles_open_at (from, k),
                         ps_candles_high_at (from, k), ps_candles_low_at (from, k),
                         ps_candles_close_at (from, k), ps_candles_volume_at (from, k),
                         ps_candles_taker_buy_at (from, k));
    }

  read_only = ps_cache_new_read_only (path, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < 2; c++)
    {
      g_autoptr(PsCandles) all = ps_cache_read_candles (c == 0 ? cache : read_only, "binance",
                                                        "BTCUSDT", PS_INTERVAL_1M, G_MININT64,
                                                        G_MAXINT64, &error);

      g_autoptr(PsCandles) no_gap = NULL;
      g_autoptr(PsCandles) no_gap_slice = NULL;

      g_assert_no_error (error);
      assert_candles_equal (all, expected);

      /* A half with no gap to hold them: its rows off the grid overflow. */
      no_gap = ps_cache_read_candles (c == 0 ? cache : read_only, "binance", "BTCUSDT",
                                      PS_INTERVAL_1M, T0 + 25000 * MINUTE_MS, G_MAXINT64,
                                      &error);
      g_assert_no_error (error);
      no_gap_slice = ps_candles_slice (expected, T0 + 25000 * MINUTE_MS, G_MAXINT64);
      assert_candles_equal (no_gap, no_gap_slice);
    }

  /* A short read keeps the file's pages it mapped; a long one hands every
   * connection's back (the rows are in the columns), and the next read maps
   * the file again. */
  if (!g_file_test ("/proc/self/smaps", G_FILE_TEST_EXISTS))
    return;
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(PsCandles) some = ps_cache_read_candles (cache, "binance", "BTCUSDT",
                                                         PS_INTERVAL_1M, T0,
                                                         T0 + 30000 * MINUTE_MS, &error);
      g_autoptr(PsCandles) some_slice = ps_candles_slice (expected, T0, T0 + 30000 * MINUTE_MS);
      g_autoptr(PsCandles) all = NULL;

      g_assert_no_error (error);
      assert_candles_equal (some, some_slice);
      g_assert_cmpuint (mapped_resident_kb (path), >, 64);
      all = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_1M, G_MININT64,
                                   G_MAXINT64, &error);
      g_assert_no_error (error);
      assert_candles_equal (all, expected);
      g_assert_cmpuint (mapped_resident_kb (path), ==, 0);
    }
}

/* A long read packs its candles as it stores them, each half with the
 * places its own rows need: prices of one place before the split and of
 * two after come back packed with two, the same values; a value in the
 * later half that packs with no places (then in both halves) leaves that
 * column doubles, the others packed, and the values the same. */
static void
test_cache_long_read_packed (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCandles) written = ps_candles_new (LONG_N);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < LONG_N; i++)
    {
      double close = i < LONG_N / 2 ? 60000.5 + i % 1000 : 60000.25 + i % 1000;

      ps_candles_append (written, T0 + (gint64) i * MINUTE_MS, 60000.5, 61000.5, 59000.5, close,
                         12.345, i % 5 == 0 ? NAN : 6.5);
    }
  g_assert_true (ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_1M, written,
                                         T0, T0 + LONG_N * MINUTE_MS, &error));
  g_assert_no_error (error);

  for (guint pass = 0; pass < 3; pass++)
    {
      g_autoptr(PsCandles) read = ps_cache_read_candles (cache, "binance", "BTCUSDT",
                                                         PS_INTERVAL_1M, G_MININT64, G_MAXINT64,
                                                         &error);
      g_autoptr(PsCandles) one = ps_candles_new (1);
      guint i = pass == 0 ? LONG_N - 7 : 1234;

      g_assert_no_error (error);
      assert_candles_equal (read, written);
      g_assert_cmpfloat (read->columns[PS_CANDLE_OPEN].scale, ==, 10);
      g_assert_cmpfloat (read->columns[PS_CANDLE_CLOSE].scale, ==, pass == 0 ? 100 : 0);
      g_assert_cmpfloat (read->columns[PS_CANDLE_VOLUME].scale, ==, 1000);
      g_assert_cmpfloat (read->columns[PS_CANDLE_TAKER_BUY_VOLUME].scale, ==, 10);
      g_assert_cmpuint (ps_candles_get_size (read), ==,
                        (gsize) LONG_N * (pass == 0 ? 32 : 36));

      /* Then a third in a close of the later half, then of the earlier
       * one too (both halves go on in the same doubles). */
      ps_candles_edit_column (written, PS_CANDLE_CLOSE)[i] = 1.0 / 3;
      ps_candles_append (one, written->t_ms[i], 60000.5, 61000.5, 59000.5, 1.0 / 3, 12.345,
                         i % 5 == 0 ? NAN : 6.5);
      g_assert_true (ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_1M, one,
                                             0, 0, &error));
      g_assert_no_error (error);
    }
}

static void
test_cache_funding_round_trip (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsFunding) written = ps_funding_new (0);
  g_autoptr(PsFunding) read = NULL;
  g_autoptr(GArray) holes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 30; i++)
    ps_funding_append (written, T0 + i * 8 * HOUR_MS, (i % 5 - 2) * 0.0001,
                       i % 4 == 0 ? NAN : 60000.0 + i);

  ps_cache_write_funding (cache, "binance", "BTCUSDT", written, T0, T0 + 240 * HOUR_MS,
                          &error);
  g_assert_no_error (error);

  read = ps_cache_read_funding (cache, "binance", "BTCUSDT", T0, T0 + 240 * HOUR_MS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->n, ==, written->n);
  for (guint i = 0; i < read->n; i++)
    {
      g_assert_cmpint (read->t_ms[i], ==, written->t_ms[i]);
      assert_same_value (read->rate[i], written->rate[i]);
      assert_same_value (read->mark_price[i], written->mark_price[i]);
    }

  /* Funding has no interval: its coverage is found whatever interval is asked. */
  holes = ps_cache_get_gaps (cache, "binance", "BTCUSDT", PS_SERIES_FUNDING, PS_INTERVAL_4H,
                             T0, T0 + 240 * HOUR_MS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (holes->len, ==, 0);
}

static void
test_cache_open_interest_round_trip (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsOpenInterest) written = ps_open_interest_new (0);
  g_autoptr(PsOpenInterest) read = NULL;
  g_autoptr(PsOpenInterest) other = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 24; i++)
    ps_open_interest_append (written, T0 + i * HOUR_MS, 80000.0 + i,
                             i == 5 ? NAN : (80000.0 + i) * 61000.0);

  ps_cache_write_open_interest (cache, "binance", "BTCUSDT", PS_INTERVAL_1H, written,
                                T0, T0 + 24 * HOUR_MS, &error);
  g_assert_no_error (error);

  read = ps_cache_read_open_interest (cache, "binance", "BTCUSDT", PS_INTERVAL_1H,
                                      T0, T0 + 24 * HOUR_MS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->n, ==, 24);
  for (guint i = 0; i < read->n; i++)
    {
      g_assert_cmpint (read->t_ms[i], ==, written->t_ms[i]);
      assert_same_value (read->contracts[i], written->contracts[i]);
      assert_same_value (read->usd[i], written->usd[i]);
    }

  other = ps_cache_read_open_interest (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                       T0, T0 + 24 * HOUR_MS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other->n, ==, 0);
}

static void
test_cache_upsert_replaces (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCandles) first = make_candles (T0, 10, 100.0);
  g_autoptr(PsCandles) second = make_candles (T0 + 5 * STEP_MS, 10, 500.0);
  g_autoptr(PsCandles) read = NULL;
  g_autoptr(GError) error = NULL;

  write_candles (cache, first, T0, T0 + 10 * STEP_MS);
  write_candles (cache, second, T0 + 5 * STEP_MS, T0 + 15 * STEP_MS);

  read = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->n, ==, 15);
  g_assert_cmpfloat (ps_candles_open_at (read, 4), ==, 104.0);
  g_assert_cmpfloat (ps_candles_open_at (read, 5), ==, 500.0);   /* the newer row won */
  g_assert_cmpfloat (ps_candles_open_at (read, 14), ==, 509.0);
  g_assert_true (isnan (ps_candles_taker_buy_at (read, 5)));
}

static void
test_cache_coverage_merge (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autofree char *n_rows = NULL;
  sqlite3 *db;

  /* Separate */
  mark (cache, 100, 200, PS_COVERAGE_FETCHED);
  mark (cache, 300, 400, PS_COVERAGE_FETCHED);
  { g_autoptr(GArray) r = fetched (cache, 0, 1000);
    assert_ranges (r, (gint64[]) { 100, 200, 300, 400 }, 2); }

  /* Adjacent on both sides: one range */
  mark (cache, 200, 300, PS_COVERAGE_FETCHED);
  { g_autoptr(GArray) r = fetched (cache, 0, 1000);
    assert_ranges (r, (gint64[]) { 100, 400 }, 1); }

  /* Contained: nothing changes */
  mark (cache, 150, 250, PS_COVERAGE_FETCHED);
  { g_autoptr(GArray) r = fetched (cache, 0, 1000);
    assert_ranges (r, (gint64[]) { 100, 400 }, 1); }

  /* Overlapping the end, and spanning two ranges at once */
  mark (cache, 600, 700, PS_COVERAGE_FETCHED);
  mark (cache, 350, 450, PS_COVERAGE_FETCHED);
  mark (cache, 440, 650, PS_COVERAGE_FETCHED);
  { g_autoptr(GArray) r = fetched (cache, 0, 1000);
    assert_ranges (r, (gint64[]) { 100, 700 }, 1); }

  /* Overlapping the start; an empty range records nothing */
  mark (cache, 50, 120, PS_COVERAGE_FETCHED);
  mark (cache, 900, 900, PS_COVERAGE_FETCHED);
  { g_autoptr(GArray) r = fetched (cache, 0, 1000);
    assert_ranges (r, (gint64[]) { 50, 700 }, 1); }

  /* Clipped to what is asked */
  { g_autoptr(GArray) r = fetched (cache, 60, 80);
    assert_ranges (r, (gint64[]) { 60, 80 }, 1); }

  /* The table itself stays one row: merged, not piled up. */
  db = raw_open (path);
  n_rows = raw_query_text (db, "SELECT count(*) FROM coverage");
  g_assert_cmpstr (n_rows, ==, "1");
  sqlite3_close (db);
}

static void
test_cache_gaps (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);

  { g_autoptr(GArray) r = gaps (cache, 0, 1000);
    assert_ranges (r, (gint64[]) { 0, 1000 }, 1); }

  mark (cache, 100, 200, PS_COVERAGE_FETCHED);
  mark (cache, 300, 400, PS_COVERAGE_FETCHED);
  { g_autoptr(GArray) r = gaps (cache, 0, 1000);
    assert_ranges (r, (gint64[]) { 0, 100, 200, 300, 400, 1000 }, 3); }
  { g_autoptr(GArray) r = gaps (cache, 150, 350);
    assert_ranges (r, (gint64[]) { 200, 300 }, 1); }
  { g_autoptr(GArray) r = gaps (cache, 100, 200);
    assert_ranges (r, NULL, 0); }
  { g_autoptr(GArray) r = gaps (cache, 120, 320);
    assert_ranges (r, (gint64[]) { 200, 300 }, 1); }

  /* Another kind of the same market is not covered by candles. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) r = ps_cache_get_gaps (cache, "binance", "BTCUSDT",
                                             PS_SERIES_OPEN_INTEREST, PS_INTERVAL_4H,
                                             100, 200, &error);
    g_assert_no_error (error);
    assert_ranges (r, (gint64[]) { 100, 200 }, 1);
  }
}

static void
test_cache_unavailable (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(GError) error = NULL;

  mark (cache, 0, 100, PS_COVERAGE_UNAVAILABLE);
  mark (cache, 100, 200, PS_COVERAGE_FETCHED);

  /* Both states are covered: nothing to request. */
  { g_autoptr(GArray) r = gaps (cache, 0, 200);
    assert_ranges (r, NULL, 0); }
  { g_autoptr(GArray) r = gaps (cache, 0, 300);
    assert_ranges (r, (gint64[]) { 200, 300 }, 1); }

  /* Adjacent ranges of different states stay apart. */
  { g_autoptr(GArray) r = fetched (cache, 0, 300);
    assert_ranges (r, (gint64[]) { 100, 200 }, 1); }
  {
    g_autoptr(GArray) r = ps_cache_get_coverage (cache, "binance", "BTCUSDT",
                                                 PS_SERIES_CANDLES, PS_INTERVAL_4H, 0, 300,
                                                 PS_COVERAGE_UNAVAILABLE, &error);
    g_assert_no_error (error);
    assert_ranges (r, (gint64[]) { 0, 100 }, 1);
  }

  /* A newer record of another state takes over the part it overlaps. */
  mark (cache, 50, 150, PS_COVERAGE_FETCHED);
  { g_autoptr(GArray) r = fetched (cache, 0, 300);
    assert_ranges (r, (gint64[]) { 50, 200 }, 1); }
  {
    g_autoptr(GArray) r = ps_cache_get_coverage (cache, "binance", "BTCUSDT",
                                                 PS_SERIES_CANDLES, PS_INTERVAL_4H, 0, 300,
                                                 PS_COVERAGE_UNAVAILABLE, &error);
    g_assert_no_error (error);
    assert_ranges (r, (gint64[]) { 0, 50 }, 1);
  }
  mark (cache, 120, 130, PS_COVERAGE_UNAVAILABLE);
  { g_autoptr(GArray) r = fetched (cache, 0, 300);
    assert_ranges (r, (gint64[]) { 50, 120, 130, 200 }, 2); }
  { g_autoptr(GArray) r = gaps (cache, 0, 200);
    assert_ranges (r, NULL, 0); }
}

static void
test_cache_extent (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCandles) candles = make_candles (T0, 20, 1.0);
  g_autoptr(GError) error = NULL;
  gint64 first = 0, last = 0;

  g_assert_false (ps_cache_get_extent (cache, "binance", "BTCUSDT", PS_SERIES_CANDLES,
                                       PS_INTERVAL_4H, &first, &last, &error));
  g_assert_no_error (error);

  write_candles (cache, candles, 0, 0);
  g_assert_true (ps_cache_get_extent (cache, "binance", "BTCUSDT", PS_SERIES_CANDLES,
                                      PS_INTERVAL_4H, &first, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, T0);
  g_assert_cmpint (last, ==, T0 + 19 * STEP_MS);

  /* Rows without coverage (cover_to <= cover_from): nothing was claimed fetched. */
  { g_autoptr(GArray) r = fetched (cache, G_MININT64, G_MAXINT64);
    assert_ranges (r, NULL, 0); }

  g_assert_false (ps_cache_get_extent (cache, "binance", "BTCUSDT", PS_SERIES_FUNDING,
                                       PS_INTERVAL_NONE, &first, &last, &error));
  g_assert_no_error (error);
}

static void
test_cache_reopen (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCandles) candles = make_candles (T0, 30, 42.0);
  g_autoptr(PsCandles) read = NULL;
  g_autoptr(GError) error = NULL;
  PsCache *cache;

  cache = open_cache (path);
  write_candles (cache, candles, T0, T0 + 30 * STEP_MS);
  g_assert_finalize_object (cache);

  cache = open_cache (path);
  read = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  assert_candles_equal (read, candles);
  { g_autoptr(GArray) r = fetched (cache, G_MININT64, G_MAXINT64);
    assert_ranges (r, (gint64[]) { T0, T0 + 30 * STEP_MS }, 1); }
  g_assert_finalize_object (cache);
}

static void
test_cache_locked (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCandles) first = make_candles (T0, 5, 1.0);
  g_autoptr(PsCandles) candles = make_candles (T0 + 100 * STEP_MS, 100, 1.0);
  g_autoptr(GError) error = NULL;
  gint64 started;
  sqlite3 *db;

  write_candles (cache, first, T0, T0 + 5 * STEP_MS);
  ps_cache_set_busy_timeout (cache, 100);
  db = raw_open (path);
  raw_exec (db, "BEGIN EXCLUSIVE");

  started = g_get_monotonic_time ();
  g_assert_false (ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                          candles, T0 + 100 * STEP_MS, T0 + 200 * STEP_MS,
                                          &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 90 * 1000);

  /* WAL: reading goes on while another program writes. */
  g_assert_cmpuint (count_candles (cache, G_MININT64, G_MAXINT64), ==, 5);

  raw_exec (db, "ROLLBACK");
  sqlite3_close (db);

  /* Nothing partial: neither rows nor coverage of the failed write. */
  g_assert_cmpuint (count_candles (cache, G_MININT64, G_MAXINT64), ==, 5);
  { g_autoptr(GArray) r = fetched (cache, G_MININT64, G_MAXINT64);
    assert_ranges (r, (gint64[]) { T0, T0 + 5 * STEP_MS }, 1); }

  /* The lock gone, the same write goes through. */
  write_candles (cache, candles, T0 + 100 * STEP_MS, T0 + 200 * STEP_MS);
  g_assert_cmpuint (count_candles (cache, G_MININT64, G_MAXINT64), ==, 105);
}

static void
test_cache_full (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCandles) first = make_candles (T0, 10, 1.0);
  g_autoptr(PsCandles) many = make_candles (T0 + 1000 * STEP_MS, 20000, 1.0);
  g_autoptr(GError) error = NULL;

  write_candles (cache, first, T0, T0 + 10 * STEP_MS);
  g_assert_cmpuint (ps_cache_set_max_page_count_for_test (cache, 1), >, 1);

  g_assert_false (ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H, many,
                                          T0 + 1000 * STEP_MS, T0 + 21000 * STEP_MS,
                                          &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Earlier data intact, the failed page left no trace, and the cache still works. */
  g_assert_cmpuint (count_candles (cache, G_MININT64, G_MAXINT64), ==, 10);
  { g_autoptr(GArray) r = fetched (cache, G_MININT64, G_MAXINT64);
    assert_ranges (r, (gint64[]) { T0, T0 + 10 * STEP_MS }, 1); }
  ps_cache_set_max_page_count_for_test (cache, G_MAXINT32);
  write_candles (cache, many, T0 + 1000 * STEP_MS, T0 + 21000 * STEP_MS);
  g_assert_cmpuint (count_candles (cache, G_MININT64, G_MAXINT64), ==, 20010);
}

/* The child writes pages (rows and their coverage in one transaction), leaving
 * a hole now and then, until it is killed. */
G_GNUC_NORETURN static void
crash_child (const char *path,
             int         ready_fd)
{
  PsCache *cache = ps_cache_new (path, NULL);
  gint64 t = T0;

  if (cache == NULL)
    _exit (1);
  if (write (ready_fd, "r", 1) != 1)
    _exit (2);

  for (guint page = 0; ; page++)
    {
      guint n = 1 + (page * 37) % 200;
      PsCandles *candles = make_candles (t, n, page);

      if (page % 5 != 4 &&
          !ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H, candles,
                                   t, t + n * STEP_MS, NULL))
        _exit (3);
      ps_candles_unref (candles);
      t += n * STEP_MS;
    }
}

static void
test_cache_crash_safety (void)
{
  g_autofree char *path = cache_path ();
  g_autofree char *integrity = NULL;
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(GArray) ranges = NULL;
  guint n_covered = 0;
  int status = 0;
  int fds[2];
  char ready;
  pid_t pid;
  sqlite3 *db;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    crash_child (path, fds[1]);

  close (fds[1]);
  g_assert_cmpint (read (fds[0], &ready, 1), ==, 1);
  close (fds[0]);
  g_usleep (200 * 1000);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));   /* killed mid-write, not failed */

  /* The kill is seen as an unclean close: the reopening checks every page. */
  g_assert_true (ps_database_closed_uncleanly (path));
  cache = open_cache (path);

  db = raw_open (path);
  integrity = raw_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  sqlite3_close (db);

  /* Coverage never claims rows that are not there, and no row outlives its page. */
  ranges = fetched (cache, G_MININT64, G_MAXINT64);
  g_assert_cmpuint (ranges->len, >, 0);
  for (guint i = 0; i < ranges->len; i++)
    {
      const PsRange *range = &g_array_index (ranges, PsRange, i);
      guint n = count_candles (cache, range->from_ms, range->to_ms);

      g_assert_cmpint (range->from_ms % STEP_MS, ==, T0 % STEP_MS);
      g_assert_cmpuint (n, ==, (range->to_ms - range->from_ms) / STEP_MS);
      n_covered += n;
    }
  g_assert_cmpuint (count_candles (cache, G_MININT64, G_MAXINT64), ==, n_covered);
  g_test_message ("%u rows in %u ranges survived the kill", n_covered, ranges->len);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/store/cache/new-destroy", test_cache_new_destroy);
  g_test_add_func ("/perpscope/store/cache/default-path", test_cache_default_path);
  g_test_add_func ("/perpscope/store/cache/schema", test_cache_schema);
  g_test_add_func ("/perpscope/store/cache/migrate-market-use", test_cache_migrate_market_use);
  g_test_add_func ("/perpscope/store/cache/candles-round-trip", test_cache_candles_round_trip);
  g_test_add_func ("/perpscope/store/cache/candles-off-grid", test_cache_candles_off_grid);
  g_test_add_func ("/perpscope/store/cache/long-read-in-halves", test_cache_long_read_in_halves);
  g_test_add_func ("/perpscope/store/cache/long-read-packed", test_cache_long_read_packed);
  g_test_add_func ("/perpscope/store/cache/funding-round-trip", test_cache_funding_round_trip);
  g_test_add_func ("/perpscope/store/cache/open-interest-round-trip",
                   test_cache_open_interest_round_trip);
  g_test_add_func ("/perpscope/store/cache/upsert-replaces", test_cache_upsert_replaces);
  g_test_add_func ("/perpscope/store/cache/coverage-merge", test_cache_coverage_merge);
  g_test_add_func ("/perpscope/store/cache/gaps", test_cache_gaps);
  g_test_add_func ("/perpscope/store/cache/unavailable", test_cache_unavailable);
  g_test_add_func ("/perpscope/store/cache/extent", test_cache_extent);
  g_test_add_func ("/perpscope/store/cache/reopen", test_cache_reopen);
  g_test_add_func ("/perpscope/store/cache/locked", test_cache_locked);
  g_test_add_func ("/perpscope/store/cache/full", test_cache_full);
  g_test_add_func ("/perpscope/store/cache/crash-safety", test_cache_crash_safety);

  return g_test_run ();
}
