/* test-window-offline.c: offline, the window shows what is cached, not the
 * demo, and says up to when
 *
 * The first run fetches from the loopback Binance (its clock on 2025-12-18)
 * into the cache; the second finds it failing: our clock's recent days hold
 * nothing cached, so the latest cached span stands in, with a banner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ps-test-server.h"
#include "ps-test-window.h"

static PsTestServer *server;

static void
fill_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));

  g_assert_true (wait_for (market_shows, window, 60));
  g_assert_no_error ((GError *) ps_market_get_error (ps_window_get_market (window)));
  g_application_quit (G_APPLICATION (app));
}

static gboolean
load_ended (gpointer data)
{
  PsMarket *market = ps_window_get_market (data);

  return gtk_widget_get_mapped (data) && !ps_market_get_loading (market) &&
         ps_market_get_error (market) != NULL;
}

static void
offline_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  PsMarket *market = ps_window_get_market (window);
  PsCandles *candles;
  const char *banner;

  g_assert_true (wait_for (load_ended, window, 60));
  ps_test_spin (300);

  candles = ps_market_get_candles (market);
  banner = ps_window_get_banner_text (window);
  g_test_message ("banner: %s", banner);
  g_assert_false (ps_market_get_is_demo (market));
  g_assert_cmpuint (candles->n, >, 0);
  g_assert_cmpint (ps_market_get_offline_to_ms (market), ==,
                   candles->t_ms[candles->n - 1] + ps_interval_to_ms (ps_market_get_interval (market)));
  /* The server's now was 2025-12-18 00:00: its open 4h candle ends at 04:00. */
  g_assert_nonnull (strstr (banner, "Offline: showing cached data up to 2025-12-18 04:00"));
  g_assert_null (strstr (banner, "Demo"));
  g_application_quit (G_APPLICATION (app));
}

/* Asked for more days than the cache holds, still offline: the older days
 * are not fetched yet — nothing says the venue has none — so the axis still
 * goes back over them (a push there asks for them once the venue answers). */
static void
offline_longer_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  PsMarket *market = ps_window_get_market (window);
  gint64 limit_from, limit_to;
  PsCandles *candles;

  g_assert_true (wait_for (load_ended, window, 60));
  ps_test_spin (300);

  candles = ps_market_get_candles (market);
  g_assert_false (ps_market_get_is_demo (market));
  g_assert_cmpuint (candles->n, >, 0);
  g_assert_cmpint (candles->t_ms[0], >, ps_market_get_shown_from_ms (market) + 7 * 24 * HOUR);
  g_assert_true (ps_time_axis_get_limits (ps_window_get_axis (window), &limit_from, &limit_to));
  g_assert_cmpint (limit_from, ==, ps_market_get_shown_from_ms (market));
  g_application_quit (G_APPLICATION (app));
}

static void
test_window_offline (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  server = ps_test_server_new ();
  g_setenv ("PERPSCOPE_BINANCE_REST", ps_test_server_get_uri (server), TRUE);
  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", "http://127.0.0.1:9", TRUE);
  g_setenv ("PERPSCOPE_BINANCE_WS", "ws://127.0.0.1:9", TRUE);
  run_app (NULL, G_CALLBACK (fill_cb));

  /* Its clock fails too: "recent" is ours then, months past the cache. */
  ps_test_server_set_fault_skip_time (server, FALSE);
  ps_test_server_set_fault (server, PS_TEST_FAULT_500, 1000000);
  run_app (NULL, G_CALLBACK (offline_cb));
  g_settings_set_uint (settings, "range-days", g_settings_get_uint (settings, "range-days") + 60);
  run_app (NULL, G_CALLBACK (offline_longer_cb));

  g_clear_pointer (&server, ps_test_server_free);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window/offline", test_window_offline);

  return g_test_run ();
}
