/* ps-test-cache.h: what the cache tests share: a cache in a test folder, raw
 * SQLite beside it, candles made up and compared
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "ps-cache.h"
#include "ps-test-util.h"
#define HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)
#define STEP_MS (4 * HOUR_MS)
#define T0      G_GINT64_CONSTANT (1759276800000)   /* 2025-10-01T00:00:00Z */

/* Helpers */

static inline char *
cache_path (void)
{
  /* ISOLATE_DIRS: a fresh $XDG_CACHE_HOME per test, and the default path exercised. */
  return ps_cache_dup_default_path ();
}

static inline PsCache *
open_cache (const char *path)
{
  g_autoptr(GError) error = NULL;
  PsCache *cache = ps_cache_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cache);
  return cache;
}

static inline sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static inline void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static inline char *
raw_query_text (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static inline PsCandles *
make_candles (gint64 from_ms,
              guint  n,
              double base)
{
  PsCandles *candles = ps_candles_new (n);

  for (guint i = 0; i < n; i++)
    {
      double o = base + i;

      /* Every third row lacks taker volume, as some sources do. */
      ps_candles_append (candles, from_ms + i * STEP_MS, o, o + 2.5, o - 1.25, o + 0.5,
                         1000.0 + i, i % 3 == 0 ? NAN : 400.0 + i);
    }
  return candles;
}

static inline void
assert_candles_equal (const PsCandles *a,
                      const PsCandles *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  for (guint i = 0; i < a->n; i++)
    {
      g_assert_cmpint (a->t_ms[i], ==, b->t_ms[i]);
      assert_same_value (ps_candles_open_at (a, i), ps_candles_open_at (b, i));
      assert_same_value (ps_candles_high_at (a, i), ps_candles_high_at (b, i));
      assert_same_value (ps_candles_low_at (a, i), ps_candles_low_at (b, i));
      assert_same_value (ps_candles_close_at (a, i), ps_candles_close_at (b, i));
      assert_same_value (ps_candles_volume_at (a, i), ps_candles_volume_at (b, i));
      assert_same_value (ps_candles_taker_buy_at (a, i), ps_candles_taker_buy_at (b, i));
    }
}
