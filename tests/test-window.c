/* test-window.c: the app's window under Xvfb, as a user meets it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ps-application.h"
#include "ps-binance.h"
#include "ps-chart-pane.h"
#include "ps-report.h"
#include "ps-test-select.h"
#include "ps-test-mirror.h"
#include "ps-test-server.h"
#include "ps-test-util.h"
#include "ps-test-window.h"
#include "ps-venues.h"
#include "ps-window.h"

static gboolean
market_idle (gpointer data)
{
  PsWindow *window = data;

  return !ps_market_get_loading (ps_window_get_market (window));
}

static gboolean
window_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* Distinct colours among a grid of samples: a blank window has one or two. */
static guint
count_colours (GdkTexture *texture,
               guint      *n_green,
               guint      *n_red)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, data, width * 4);
  *n_green = *n_red = 0;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        /* Cairo-style ARGB32 in memory as B G R A on little endian. */
        const guchar *p = data + ((gsize) y * width + x) * 4;
        guint key = p[0] | (p[1] << 8) | (p[2] << 16);

        g_hash_table_add (seen, GUINT_TO_POINTER (key));
        if (p[1] > 120 && p[1] > p[2] + 50 && p[1] > p[0] + 30)
          (*n_green)++;
        if (p[2] > 150 && p[2] > p[1] + 80 && p[2] > p[0] + 60)
          (*n_red)++;
      }

  return g_hash_table_size (seen);
}

static PsWindow *
find_window (GtkApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (app);

  g_assert_true (PS_IS_WINDOW (window));
  return PS_WINDOW (window);
}

static gboolean
xdotool_click (GtkWidget *pane,
               double     fx,
               double     fy)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *argv_text = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  graphene_point_t point;
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (pane));
  int status = -1;

  if (xdotool == NULL)
    return FALSE;

  g_assert_true (gtk_widget_compute_point (pane, root,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (pane) * fx,
                                                                 gtk_widget_get_height (pane) * fy),
                                           &point));
  argv_text = g_strdup_printf ("%s search --sync --name Perpscope mousemove --window %%1 %d %d click 1",
                               xdotool, (int) point.x, (int) point.y);
  g_assert_true (g_shell_parse_argv (argv_text, NULL, &argv, NULL));
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static gboolean
selection_set (gpointer data)
{
  return ps_selection_has_period (data);
}

static void
run_window_checks (GtkApplication *app)
{
  PsWindow *window = find_window (app);
  PsMarket *market;
  PsSelection *selection;
  g_autoptr(GdkTexture) shot = NULL;
  GtkWidget *price_pane;
  guint n_colours, n_green, n_red;
  const char *out_dir = g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR");

  g_assert_true (wait_for (window_drawn, window, 20));
  /* Nothing answers at the test's venue URL: the fetch fails fast. */
  g_assert_true (wait_for (market_idle, window, 30));
  ps_test_spin (500);

  market = ps_window_get_market (window);
  g_assert_true (ps_market_get_is_demo (market));
  g_assert_nonnull (ps_market_get_error (market));
  g_assert_cmpuint (ps_market_get_candles (market)->n, >, 500);
  /* The user is told, in words, what they see and why. */
  g_assert_nonnull (strstr (ps_window_get_banner_text (window), "Demo data"));
  g_assert_nonnull (strstr (ps_window_get_banner_text (window), "Could not reach"));

  shot = screenshot (GTK_WIDGET (window));
  if (out_dir != NULL)
    {
      g_autofree char *path = g_build_filename (out_dir, "window-demo.png", NULL);
      gdk_texture_save_to_png (shot, path);
    }
  n_colours = count_colours (shot, &n_green, &n_red);
  g_test_message ("window %dx%d: %u colours, %u green and %u red pixels",
                  gdk_texture_get_width (shot), gdk_texture_get_height (shot),
                  n_colours, n_green, n_red);
  g_assert_cmpuint (n_colours, >, 200);
  g_assert_cmpuint (n_green, >, 500);   /* up candles and positive funding */
  g_assert_cmpuint (n_red, >, 500);     /* down candles */

  /* Hovering redraws only the crosshair: the panes' data stay in their cached
   * render nodes. Moving the time axis rebuilds them. */
  {
    PsChartPane *pane = PS_CHART_PANE (ps_window_get_pane (window, PS_CHART_PANE_PRICE));
    PsTimeAxis *axis = ps_window_get_axis (window);
    guint renders;

    /* A result of the analysis redraws the panes: let it land first. */
    while (ps_market_analysis_get_busy (ps_window_get_analysis (window)))
      g_main_context_iteration (NULL, TRUE);
    ps_test_spin (100);
    renders = ps_chart_pane_get_n_renders (pane);
    g_assert_cmpuint (renders, >, 0);
    for (guint i = 0; i < 5; i++)
      {
        ps_selection_set_cursor_ms (ps_window_get_selection (window),
                                    ps_time_axis_get_from_ms (axis) + (i + 1) * 24 * 3600 * 1000);
        ps_test_spin (40);
      }
    g_assert_cmpuint (ps_chart_pane_get_n_renders (pane), ==, renders);

    ps_time_axis_zoom (axis, ps_time_axis_get_from_ms (axis), 0.5);
    ps_test_spin (100);
    g_assert_cmpuint (ps_chart_pane_get_n_renders (pane), >, renders);
    ps_time_axis_zoom (axis, ps_time_axis_get_from_ms (axis), 2.0);
    ps_selection_set_cursor_ms (ps_window_get_selection (window), PS_TIME_NONE);
    ps_test_spin (100);
  }

  /* A click in the price pane selects that candle's period in every pane. */
  selection = ps_window_get_selection (window);
  price_pane = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  g_assert_nonnull (price_pane);

  /* On a candle: around it, with the heatmap shown, is a band of prices. */
  if (!xdotool_click (price_pane, 0.5, price_pane_candle_fy (window, price_pane, 0.5)))
    {
      g_test_message ("xdotool is missing: the click is not tested");
      return;
    }

  g_assert_true (wait_for (selection_set, selection, 10));
  g_assert_cmpint (ps_selection_get_to_ms (selection) - ps_selection_get_from_ms (selection),
                   ==, 4 * 3600 * 1000);
  ps_test_spin (300);
  g_assert_nonnull (strstr (ps_window_get_readout_text (window), "UTC"));
  g_assert_nonnull (strstr (ps_window_get_readout_text (window), "Open interest")
                    ?: strstr (ps_window_get_readout_text (window), "Funding"));

  if (out_dir != NULL)
    {
      g_autoptr(GdkTexture) shot2 = screenshot (GTK_WIDGET (window));
      g_autofree char *path = g_build_filename (out_dir, "window-selected.png", NULL);
      gdk_texture_save_to_png (shot2, path);
    }
}

/* What Export writes: the visible range as a 1600×1000 PNG. */
static void
check_export (PsWindow *window)
{
  g_autofree char *dir = g_dir_make_tmp ("perpscope-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-folder", "report.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_true (ps_window_export_png (window, path, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1600);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1000);

  g_assert_false (ps_window_export_png (window, bad, &error));
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_WRITE);

  g_remove (path);
  g_rmdir (dir);
}

static void
demo_activate_cb (GtkApplication *app)
{
  run_window_checks (app);
  check_export (find_window (app));
  g_application_quit (G_APPLICATION (app));
}

static PsTestServer *live_server;

/* Before the window: the core serves the mirror too. */
static void
add_mirror_cb (GApplication *app)
{
  PsCore *core = ps_application_get_core (PS_APPLICATION (app));
  g_autoptr(PsProvider) binance = PS_PROVIDER (ps_binance_new (ps_core_get_http (core),
                                                              ps_test_server_get_uri (live_server)));
  /* A second venue for the drop-down: Binance's answers under another name. */
  g_autoptr(PsProvider) mirror = ps_test_mirror_new (binance, NULL, 1);

  ps_core_add_provider (core, mirror);
}

/* Unlike ps-test-window.h's market_shows(), mapped or not. */
static gboolean
market_loaded (gpointer data)
{
  PsWindow *window = data;
  PsMarket *market = ps_window_get_market (window);

  return !ps_market_get_loading (market) && !ps_market_get_is_demo (market);
}

/* The venue drop-down lists the core's venues and switches the market. */
static void
check_venues (PsWindow *window)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                         PS_TYPE_WINDOW,
                                                                         "venue_dropdown"));
  GListModel *names = gtk_drop_down_get_model (dropdown);
  const char * const *venues = ps_venues_list ();
  guint n = g_strv_length ((char **) venues);
  g_autoptr(GSettings) settings = g_object_ref (ps_application_get_settings (
    PS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)))));
  PsMarket *before = ps_window_get_market (window);
  g_autofree char *venue = NULL;
  PsMarket *market;

  /* The registry's venues, then the mirror, then all of them at once. */
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, n + 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "Binance");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), n + 1), ==, "All venues");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);

  gtk_drop_down_set_selected (dropdown, n);
  venue = g_settings_get_string (settings, "venue");
  g_assert_cmpstr (venue, ==, "mirror");
  market = ps_window_get_market (window);
  g_assert_true (market != before);
  g_assert_cmpstr (ps_market_get_venue (market), ==, "mirror");
  g_assert_cmpstr (ps_market_get_symbol (market), ==, "BTCUSDT");
  g_assert_true (wait_for (market_loaded, window, 30));
  g_assert_cmpstr (ps_market_get_shown_venue_name (market), ==, "Mirror");
  g_assert_cmpuint (ps_market_get_candles (market)->n, ==, 82 * 6 + 2);
  g_assert_nonnull (strstr (adw_window_title_get_title (ADW_WINDOW_TITLE (
    gtk_widget_get_template_child (GTK_WIDGET (window), PS_TYPE_WINDOW, "window_title"))), "Mirror"));

  /* The settings name the venue: the drop-down follows them too. */
  g_settings_set_string (settings, "venue", "binance");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpstr (ps_market_get_venue (ps_window_get_market (window)), ==, "binance");
  g_assert_true (wait_for (market_loaded, window, 30));

  /* A venue no longer served (a setting from another version): the first one
   * stands in, and the drop-down says which. */
  gtk_drop_down_set_selected (dropdown, n);
  g_settings_set_string (settings, "venue", "mtgox");
  g_assert_cmpstr (ps_market_get_venue (ps_window_get_market (window)), ==, "binance");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_true (wait_for (market_loaded, window, 30));

  /* Another venue from the list: the same coin in its spelling, one market
   * for the pair; and back. */
  for (guint i = 0; i < n; i++)
    if (g_str_equal (venues[i], "okx"))
      {
        g_autofree char *symbol = NULL;

        before = ps_window_get_market (window);
        gtk_drop_down_set_selected (dropdown, i);
        symbol = g_settings_get_string (settings, "symbol");
        g_assert_cmpstr (symbol, ==, "BTC-USDT-SWAP");
        market = ps_window_get_market (window);
        g_assert_cmpstr (ps_market_get_venue (market), ==, "okx");
        g_assert_cmpstr (ps_market_get_symbol (market), ==, "BTC-USDT-SWAP");
        gtk_drop_down_set_selected (dropdown, 0);
        g_free (symbol);
        symbol = g_settings_get_string (settings, "symbol");
        g_assert_cmpstr (symbol, ==, "BTCUSDT");
        g_assert_true (wait_for (market_loaded, window, 30));
      }
  g_settings_reset (settings, "venue");
}

/* Four hours later a refresh brings the new candles; a view zoomed on the
 * latest candles follows them, keeping its span. */
static void
check_refresh (PsWindow *window)
{
  PsTimeAxis *axis = ps_window_get_axis (window);
  const gint64 hour = 3600 * 1000, old_now = 1766016000000;
  gint64 view_from, view_to;
  PsCandles *candles;

  ps_time_axis_set_range (axis, ps_time_axis_get_to_ms (axis) - 240 * hour,
                          ps_time_axis_get_to_ms (axis));
  view_from = ps_time_axis_get_from_ms (axis);
  view_to = ps_time_axis_get_to_ms (axis);

  ps_test_server_set_now (live_server, old_now + 4 * hour);
  gtk_widget_activate_action (GTK_WIDGET (window), "market.refresh", NULL);
  g_assert_true (ps_market_get_loading (ps_window_get_market (window)));
  g_assert_true (wait_for (market_idle, window, 30));

  candles = ps_market_get_candles (ps_window_get_market (window));
  g_assert_cmpint (candles->t_ms[candles->n - 1], ==, old_now + 4 * hour);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, view_from + 4 * hour);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis), ==, view_to + 4 * hour);
  /* A quick refresh shows no banner. */
  g_assert_cmpstr (ps_window_get_banner_text (window), ==, "");
}

static gboolean
banner_says_attempt (gpointer data)
{
  return strstr (ps_window_get_banner_text (data), "attempt 2 of") != NULL;
}

/* A venue that answers 503: the banner says so while the load waits to try
 * again, and says nothing once the retry went through. */
static void
check_retry_shown (PsWindow *window)
{
  /* The candle open now is asked for again at every refresh: it meets the 503. */
  ps_test_server_set_fault (live_server, PS_TEST_FAULT_503, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "market.refresh", NULL);
  g_assert_true (wait_for (banner_says_attempt, window, 30));
  g_assert_nonnull (strstr (ps_window_get_banner_text (window), "503"));
  g_assert_true (wait_for (market_idle, window, 30));
  g_assert_no_error ((GError *) ps_market_get_error (ps_window_get_market (window)));
  g_assert_cmpstr (ps_window_get_banner_text (window), ==, "");
}

/* With a venue that answers, the window shows its data, not the demo. */
static void
live_activate_cb (GtkApplication *app)
{
  PsWindow *window = find_window (app);
  PsMarket *market;
  PsCandles *candles;
  g_autoptr(GdkTexture) shot = NULL;
  guint n_green, n_red;

  g_assert_true (wait_for (window_drawn, window, 20));
  g_assert_true (wait_for (market_idle, window, 30));
  ps_test_spin (300);

  market = ps_window_get_market (window);
  g_assert_no_error ((GError *) ps_market_get_error (market));
  g_assert_false (ps_market_get_is_demo (market));
  candles = ps_market_get_candles (market);
  /* The last 90 days end with the candle open at the server's now (2025-12-18
   * 00:00); the test data begins 2025-09-27 00:00: 82 days and one candle. */
  g_assert_cmpuint (candles->n, ==, 82 * 6 + 1);
  g_assert_cmpint (candles->t_ms[candles->n - 1], ==, 1766016000000);
  g_assert_cmpint (ps_time_axis_get_to_ms (ps_window_get_axis (window)), ==,
                   1766016000000 + 4 * 3600 * 1000);
  g_assert_cmpstr (ps_window_get_banner_text (window), ==, "");
  /* The clock that decided "recent" served the fetch too: asked once. */
  g_assert_cmpuint (ps_test_server_get_n_requests_for (live_server, "/fapi/v1/time"), ==, 1);

  shot = screenshot (GTK_WIDGET (window));
  g_assert_cmpuint (count_colours (shot, &n_green, &n_red), >, 200);
  g_assert_cmpuint (n_green, >, 500);
  g_assert_cmpuint (n_red, >, 500);
  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "window-live.png", NULL);
      gdk_texture_save_to_png (shot, path);
    }

  check_refresh (window);
  check_retry_shown (window);
  check_venues (window);
  g_application_quit (G_APPLICATION (app));
}

static void
test_window_demo (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* Nothing listens there: the first fetch fails at once. */
  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:9", TRUE);
  /* The demo shows 4h candles whatever interval is chosen: a click selects a
   * shown (4h) period, not a chosen (1h) one. */
  g_settings_set_string (settings, "interval", "1h");
  run_app (NULL, G_CALLBACK (demo_activate_cb));
  g_settings_reset (settings, "interval");
}

static void
test_window_live (void)
{
  PsTestServer *server = ps_test_server_new ();

  live_server = server;
  g_setenv ("PERPSCOPE_BINANCE_REST", ps_test_server_get_uri (server), TRUE);
  run_app (G_CALLBACK (add_mirror_cb), G_CALLBACK (live_activate_cb));
  live_server = NULL;
  g_assert_cmpuint (ps_test_server_get_n_requests_for (server, "/fapi/v1/klines"), >=, 1);
  ps_test_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window/demo-click-export", test_window_demo);
  g_test_add_func ("/perpscope/ui/window/live", test_window_live);

  return g_test_run ();
}
