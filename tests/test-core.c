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
trimmed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* ps_core_trim_cache_async () to limit_bytes, waited for. */
static PsCacheEviction
trim (PsCore  *core,
      guint64  limit_bytes)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PsCacheEviction eviction = { 0 };

  ps_core_trim_cache_async (core, limit_bytes, NULL, trimmed_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ps_core_trim_cache_finish (core, result, &eviction, &error));
  g_assert_no_error (error);
  return eviction;
}

/* The cache's upkeep runs on the writer, after the writes queued before:
 * a market shown is marked used there, and the trim keeps it. */
static void
test_trim_cache (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const symbols[] = { "BTCUSDT", "ETHUSDT", "SOLUSDT" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCore) core = ps_core_new (f->path, PS_CORE_FLAGS_NONE, &error);
  g_autoptr(PsCandles) candles = ps_candles_new (2000);
  PsCache *cache;
  PsCacheEviction eviction;

  g_assert_no_error (error);
  cache = ps_core_get_cache (core);
  for (guint i = 0; i < 2000; i++)
    ps_candles_append (candles, (gint64) i * 3600 * 1000, 100 + i, 101 + i, 99 + i, 100.5 + i,
                       10, 5);
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    g_assert_true (ps_cache_write_candles (cache, "binance", symbols[i], PS_INTERVAL_1H, candles,
                                           0, (gint64) 2000 * 3600 * 1000, &error));
  g_assert_no_error (error);

  /* Measured only: nothing goes. */
  eviction = trim (core, 0);
  g_assert_cmpuint (eviction.n_evicted, ==, 0);
  g_assert_cmpuint (eviction.size_before, >, 3 * 50 * 1000);
  g_assert_cmpuint (eviction.size_after, ==, eviction.size_before);

  /* The first market written is shown again: it is the one kept. */
  ps_core_touch_market (core, "binance", symbols[0]);
  eviction = trim (core, 1);
  g_assert_cmpuint (eviction.n_evicted, ==, 2);
  g_assert_cmpuint (eviction.size_after, <, eviction.size_before / 2);
  {
    g_autoptr(PsCandles) kept = ps_cache_read_candles (cache, "binance", symbols[0],
                                                       PS_INTERVAL_1H, 0, G_MAXINT64, &error);
    g_autoptr(PsCandles) gone = ps_cache_read_candles (cache, "binance", symbols[2],
                                                       PS_INTERVAL_1H, 0, G_MAXINT64, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (kept->n, ==, 2000);
    g_assert_cmpuint (gone->n, ==, 0);
  }
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
  ADD ("trim-cache", test_trim_cache);
#undef ADD

  return g_test_run ();
}
