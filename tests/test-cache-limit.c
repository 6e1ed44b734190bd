/* test-cache-limit.c: PsCacheLimit keeps the cache under cache-size-limit-mb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-cache-limit.h"
#include "ps-test-cache.h"
#include "ps-test-util.h"

#define N_CANDLES 6000   /* 4h candles: ~450 KB a market */

static const char * const symbols[] = { "BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT" };

static gboolean
measured (PsCacheLimit *limit)
{
  return ps_cache_limit_get_measured (limit);
}

static void
wait_for_trim (PsCacheLimit *limit,
               gboolean     (*done) (PsCacheLimit *))
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (limit))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
evicted (PsCacheLimit *limit)
{
  return ps_cache_limit_get_n_evicted (limit) > 0;
}

static void
size_changed_cb (PsCacheLimit *limit,
                 GParamSpec   *pspec,
                 guint        *n_notified)
{
  (*n_notified)++;
}

static void
test_cache_limit (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCore) core = ps_core_new (path, PS_CORE_FLAGS_NONE, &error);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PsCacheLimit) limit = NULL;
  g_autoptr(PsCandles) candles = make_candles (T0, N_CANDLES, 100);
  g_autoptr(PsCandles) kept = NULL;
  guint n_notified = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    g_assert_true (ps_cache_write_candles (ps_core_get_cache (core), "binance", symbols[i],
                                           PS_INTERVAL_4H, candles, T0,
                                           T0 + N_CANDLES * STEP_MS, &error));
  g_assert_no_error (error);

  limit = ps_cache_limit_new (core, settings);
  g_signal_connect (limit, "notify::size", G_CALLBACK (size_changed_cb), &n_notified);
  g_assert_false (ps_cache_limit_get_measured (limit));

  /* No limit (the default): measured, nothing evicted. */
  ps_cache_limit_trim (limit);
  wait_for_trim (limit, measured);
  g_test_message ("%" G_GUINT64_FORMAT " bytes in use", ps_cache_limit_get_size (limit));
  g_assert_cmpuint (ps_cache_limit_get_size (limit), >, 1000 * 1000);
  g_assert_cmpuint (ps_cache_limit_get_n_evicted (limit), ==, 0);
  g_assert_cmpuint (n_notified, ==, 1);

  /* The last market shown stays; a limit of 1 MB set trims soon after. */
  ps_core_touch_market (core, "binance", symbols[0]);
  g_settings_set_uint (settings, "cache-size-limit-mb", 1);
  wait_for_trim (limit, evicted);
  g_test_message ("%u evicted, %" G_GUINT64_FORMAT " bytes in use",
                  ps_cache_limit_get_n_evicted (limit), ps_cache_limit_get_size (limit));
  g_assert_cmpuint (ps_cache_limit_get_size (limit), <=, 1000 * 1000);
  g_assert_cmpuint (n_notified, ==, 2);
  kept = ps_cache_read_candles (ps_core_get_cache (core), "binance", symbols[0], PS_INTERVAL_4H,
                                T0, T0 + N_CANDLES * STEP_MS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->n, ==, N_CANDLES);

  g_clear_object (&limit);
  ps_core_close (core);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/cache-limit/trim", test_cache_limit);

  return g_test_run ();
}
