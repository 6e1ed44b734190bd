/* test-core.c: PsCore, the services the window and the command line share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ps-core.h"
#include "ps-net-error.h"
#include "ps-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("perpscope-core-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "cache.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ps_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PsCore *core = ps_core_new (f->path, PS_CORE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_true (PS_IS_HTTP (ps_core_get_http (core)));
  g_assert_cmpstr (ps_cache_get_path (ps_core_get_cache (core)), ==, f->path);
  g_assert_null (ps_core_take_cache_notice (core));
  g_assert_true (g_strv_contains (ps_core_list_venues (core), "binance"));
  g_assert_finalize_object (core);
}

/* One provider per venue for the whole process: every window and fetch
 * shares its rate-limit bucket. One sync per venue, into the one cache. */
static void
test_one_provider_per_venue (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCore) core = ps_core_new (f->path, PS_CORE_FLAGS_NONE, &error);
  PsProvider *provider;
  PsSync *sync;

  g_assert_no_error (error);
  provider = ps_core_get_provider (core, "binance", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ps_provider_get_venue (provider), ==, "binance");
  g_assert_true (ps_core_get_provider (core, "binance", NULL) == provider);

  sync = ps_core_get_sync (core, "binance", &error);
  g_assert_no_error (error);
  g_assert_true (ps_core_get_sync (core, "binance", NULL) == sync);
  g_assert_true (ps_sync_get_provider (sync) == provider);
  g_assert_true (ps_sync_get_cache (sync) == ps_core_get_cache (core));

  g_assert_null (ps_core_get_provider (core, "mtgox", &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "mtgox"));
  g_clear_error (&error);
  g_assert_null (ps_core_get_sync (core, "mtgox", &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED);
}

/* Each worker gets its own connection to the same file. */
static void
test_reader (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCore) core = ps_core_new (f->path, PS_CORE_FLAGS_NONE, &error);
  g_autoptr(PsCache) reader = NULL;

  g_assert_no_error (error);
  reader = ps_core_open_reader (core, &error);
  g_assert_no_error (error);
  g_assert_true (reader != ps_core_get_cache (core));
  g_assert_cmpstr (ps_cache_get_path (reader), ==, f->path);
}

/* A damaged cache is kept aside, the core starts a new one and says so once. */
static void
test_damaged_cache (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCore) core = NULL;
  g_autofree char *notice = NULL;

  g_file_set_contents (f->path, "<html>not a database</html>", -1, &error);
  g_assert_no_error (error);

  core = ps_core_new (f->path, PS_CORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  notice = ps_core_take_cache_notice (core);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "damaged"));
  g_assert_null (ps_core_take_cache_notice (core));
}

/* A cache that cannot be opened at all: the command line fails in words;
 * the window goes on with a temporary cache, removed with the core. */
static void
test_temporary_fallback (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *temp_dir = NULL;
  PsCore *core;

  g_assert_cmpint (g_mkdir (f->path, 0700), ==, 0);

  g_assert_null (ps_core_new (f->path, PS_CORE_FLAGS_NONE, &error));
  g_assert_true (error != NULL && error->domain == PS_CACHE_ERROR);
  g_clear_error (&error);

  core = ps_core_new (f->path, PS_CORE_FLAGS_TEMPORARY_FALLBACK, &error);
  g_assert_no_error (error);
  temp_dir = g_path_get_dirname (ps_cache_get_path (ps_core_get_cache (core)));
  g_assert_cmpstr (temp_dir, !=, f->dir);
  g_assert_true (g_file_test (temp_dir, G_FILE_TEST_IS_DIR));
  notice = ps_core_take_cache_notice (core);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "kept only until Perpscope closes"));

  g_assert_finalize_object (core);
  g_assert_false (g_file_test (temp_dir, G_FILE_TEST_EXISTS));
  /* The folder in the way was left alone. */
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_DIR));
}

/* For commands that only read: nothing is created, and what is there is read. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCore) writer = NULL;
  g_autoptr(PsCore) reader = NULL;

  g_assert_null (ps_core_new (f->path, PS_CORE_FLAGS_READ_ONLY, &error));
  g_assert_true (error != NULL && error->domain == PS_CACHE_ERROR);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  writer = ps_core_new (f->path, PS_CORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_clear_object (&writer);

  reader = ps_core_new (f->path, PS_CORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ps_cache_get_path (ps_core_get_cache (reader)), ==, f->path);
  g_assert_null (ps_core_take_cache_notice (reader));
}

static void
trim_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *n_dropped = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ps_core_trim_cache_finish (PS_CORE (object), result, n_dropped, NULL, &error));
  g_assert_no_error (error);
}

static gsize
count_candles (PsCache    *cache,
               const char *venue,
               const char *symbol)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = ps_cache_read_candles (cache, venue, symbol, PS_INTERVAL_1M, 0,
                                                        G_MAXINT64 / 2, &error);

  g_assert_no_error (error);
  return candles->n;
}

/* Trimming to nothing keeps every market shown (all of an aggregate's
 * venues) and drops the others, on a worker thread. */
static void
test_trim_keeps_shown (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const markets[][2] = {
    { "binance", "BTCUSDT" }, { "okx", "BTC-USDT-SWAP" }, { "bybit", "BTCUSDT" },
    { "bybit", "ETHUSDT" },
  };
  static const char * const shown[] = {
    "binance", "BTCUSDT", "okx", "BTC-USDT-SWAP", "bybit", "BTCUSDT", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCore) core = ps_core_new (f->path, PS_CORE_FLAGS_NONE, &error);
  g_autoptr(PsCandles) candles = ps_candles_new (500);
  PsCache *cache;
  guint n_dropped = G_MAXUINT;

  g_assert_no_error (error);
  cache = ps_core_get_cache (core);
  for (guint i = 0; i < 500; i++)
    ps_candles_append (candles, 1700000000000 + i * 60000, 100, 101, 99, 100, 7, 3);
  for (guint i = 0; i < G_N_ELEMENTS (markets); i++)
    {
      g_assert_true (ps_cache_write_candles (cache, markets[i][0], markets[i][1], PS_INTERVAL_1M,
                                             candles, 1700000000000,
                                             1700000000000 + 500 * 60000, &error));
      g_assert_no_error (error);
    }

  ps_core_trim_cache_async (core, shown, 1, NULL, trim_done_cb, &n_dropped);
  while (n_dropped == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (n_dropped, ==, 1);
  g_assert_cmpuint (count_candles (cache, "bybit", "ETHUSDT"), ==, 0);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (count_candles (cache, markets[i][0], markets[i][1]), ==, 500);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/model/core/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("new-destroy", test_new_destroy);
  ADD ("one-provider-per-venue", test_one_provider_per_venue);
  ADD ("reader", test_reader);
  ADD ("damaged-cache", test_damaged_cache);
  ADD ("temporary-fallback", test_temporary_fallback);
  ADD ("read-only", test_read_only);
  ADD ("trim-keeps-shown", test_trim_keeps_shown);
#undef ADD

  return g_test_run ();
}
