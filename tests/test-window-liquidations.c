/* test-window-liquidations.c: the window's liquidations pane, its recorder
 * and its export, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ps-application.h"
#include "ps-chart-pane.h"
#include "ps-recordings.h"
#include "ps-test-server.h"
#include "ps-test-util.h"
#include "ps-test-window.h"
#include "ps-window.h"

#define DEC_10 1765324800000   /* 2025-12-10 UTC */

static PsTestServer *server;

static gboolean
recorder_connected (gpointer data)
{
  PsRecorder *recorder = ps_window_get_recorder (data);

  return recorder != NULL && ps_recorder_get_state (recorder) == PS_STREAM_CONNECTED;
}

static gboolean
fourth_event_shown (gpointer data)
{
  return ps_market_get_liquidations (ps_window_get_market (data))->n == 4;
}

/* Pixels close to the light style's long (#e66100) and short (#1a5fb4)
 * colours, in a texture as GDK downloads it (B G R A in memory). */
static void
count_liq_pixels (GdkTexture *texture,
                  guint      *n_long,
                  guint      *n_short)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);

  gdk_texture_download (texture, data, width * 4);
  *n_long = *n_short = 0;
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      const guchar *p = data + i * 4;

      if (abs (p[2] - 0xe6) < 24 && abs (p[1] - 0x61) < 24 && p[0] < 40)
        (*n_long)++;
      if (abs (p[2] - 0x1a) < 24 && abs (p[1] - 0x5f) < 24 && abs (p[0] - 0xb4) < 24)
        (*n_short)++;
    }
}

static void
check_pane_and_readout (PsWindow *window)
{
  GtkWidget *pane = ps_window_get_pane (window, PS_CHART_PANE_LIQUIDATIONS);
  g_autoptr(GdkTexture) shot = NULL;
  guint n_long, n_short;
  const char *readout;

  g_assert_nonnull (pane);
  g_assert_cmpint (ps_chart_pane_get_kind (PS_CHART_PANE (pane)), ==, PS_CHART_PANE_LIQUIDATIONS);
  g_assert_cmpint (gtk_widget_get_height (pane), >=, 100);
  g_assert_cmpuint (ps_market_get_liquidations (ps_window_get_market (window))->n, ==, 3);

  /* The bars of both sides, in their two colours. */
  shot = screenshot (pane);
  count_liq_pixels (shot, &n_long, &n_short);
  g_test_message ("liquidations pane: %u long and %u short pixels", n_long, n_short);
  g_assert_cmpuint (n_long, >, 20);
  g_assert_cmpuint (n_short, >, 10);
  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) all = screenshot (GTK_WIDGET (window));
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "window-liquidations.png", NULL);
      gdk_texture_save_to_png (all, path);
    }

  /* The read-out of the hovered candle says what was liquidated in it, and
   * where nothing was recorded, that. */
  ps_selection_set_cursor_ms (ps_window_get_selection (window), DEC_1 + 13 * HOUR);
  readout = ps_window_get_readout_text (window);
  g_test_message ("read-out: %s", readout);
  g_assert_nonnull (strstr (readout, "$5.10M"));
  g_assert_nonnull (strstr (readout, "$1.03M"));
  ps_selection_set_cursor_ms (ps_window_get_selection (window), NOV_25 - 3 * DAY);
  g_assert_nonnull (strstr (ps_window_get_readout_text (window), "not recorded"));
  ps_selection_set_cursor_ms (ps_window_get_selection (window), PS_TIME_NONE);
}

/* An event from the live feed is stored by the window's recorder and shown
 * while the window is open. */
static void
check_live_event (PsWindow *window)
{
  g_autofree char *frame = NULL;

  g_assert_nonnull (ps_window_get_recorder (window));
  g_assert_true (wait_for (recorder_connected, window, 20));
  g_assert_nonnull (strstr (ps_window_get_record_status (window), "Recording"));
  g_assert_cmpstr (ps_test_server_ws_get_last_query (server), ==, "streams=btcusdt@forceOrder");

  frame = g_strdup_printf ("{\"stream\":\"btcusdt@forceOrder\",\"data\":{\"e\":\"forceOrder\","
                           "\"E\":%" G_GINT64_FORMAT ",\"o\":{\"s\":\"BTCUSDT\",\"S\":\"BUY\","
                           "\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"2\",\"p\":\"90000\","
                           "\"ap\":\"90000\",\"X\":\"FILLED\",\"l\":\"2\",\"z\":\"2\",\"T\":%"
                           G_GINT64_FORMAT "}}}", DEC_10, DEC_10);
  ps_test_server_ws_send (server, frame);
  g_assert_true (wait_for (fourth_event_shown, window, 20));
  g_assert_cmpint (ps_market_get_liquidations (ps_window_get_market (window))->t_ms[3], ==, DEC_10);
  g_assert_cmpint (ps_recorder_get_n_stored (ps_window_get_recorder (window)), ==, 1);
}

/* The exported PNG carries the fifth pane and the price pane's markers. */
static void
check_export (PsWindow *window)
{
  g_autofree char *dir = g_dir_make_tmp ("perpscope-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint n_long, n_short;

  g_assert_true (ps_window_export_png (window, path, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  count_liq_pixels (texture, &n_long, &n_short);
  g_test_message ("export: %u long and %u short pixels", n_long, n_short);
  g_assert_cmpuint (n_long, >, 100);
  g_assert_cmpuint (n_short, >, 30);
  g_remove (path);
  g_rmdir (dir);
}

/* Warm pixels that differ between two exports, in the price pane's band
 * (a third of the height down to under a half). */
static guint
count_heat_change (GdkTexture *a,
                   GdkTexture *b)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  g_autofree guchar *da = g_malloc ((gsize) width * height * 4);
  g_autofree guchar *db = g_malloc ((gsize) width * height * 4);
  guint n = 0;

  gdk_texture_download (a, da, width * 4);
  gdk_texture_download (b, db, width * 4);
  for (int y = height / 3; y < height * 45 / 100; y++)
    for (int x = 40; x < width * 3 / 4; x++)
      {
        const guchar *p = da + ((gsize) y * width + x) * 4, *q = db + ((gsize) y * width + x) * 4;

        /* BGRA; every heat stop has less green than red. */
        n += memcmp (p, q, 3) != 0 && p[1] + 3 < p[2];
      }
  return n;
}

static GdkTexture *
export_texture (PsWindow   *window,
                const char *path)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  g_assert_true (ps_window_export_png (window, path, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_remove (path);
  return texture;
}

/* The export draws the window's analysis with its heatmap settings: once
 * the analysis is there, show-heatmap on tints the price pane, off not. */
static void
check_export_heatmap (PsWindow *window)
{
  GSettings *settings = ps_application_get_settings (
    PS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
  g_autofree char *dir = g_dir_make_tmp ("perpscope-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.png", NULL);
  guint n = 0;

  for (guint tries = 0; tries < 50 && n < 1000; tries++)
    {
      g_autoptr(GdkTexture) on = NULL;
      g_autoptr(GdkTexture) off = NULL;

      ps_test_spin (200);   /* the analysis runs on a worker */
      g_settings_set_boolean (settings, "show-heatmap", TRUE);
      on = export_texture (window, path);
      g_settings_set_boolean (settings, "show-heatmap", FALSE);
      off = export_texture (window, path);
      g_settings_reset (settings, "show-heatmap");
      n = count_heat_change (on, off);
    }
  g_test_message ("export: %u heat pixels", n);
  g_assert_cmpuint (n, >=, 1000);
  g_rmdir (dir);
}

/* The setting off: no recorder, no status; on again: recording. */
static void
check_record_setting (PsWindow *window)
{
  GSettings *settings = ps_application_get_settings (
    PS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (window), "record-live");

  g_assert_nonnull (action);
  g_assert_true (g_variant_get_boolean (g_action_get_state (action)));
  g_action_activate (action, NULL);
  g_assert_false (g_settings_get_boolean (settings, "record-live"));
  g_assert_null (ps_window_get_recorder (window));
  g_assert_cmpstr (ps_window_get_record_status (window), ==, "");

  /* Another market with the setting off: still none. */
  g_settings_set_string (settings, "interval", "1d");
  g_assert_null (ps_window_get_recorder (window));

  g_settings_set_boolean (settings, "record-live", TRUE);
  g_assert_nonnull (ps_window_get_recorder (window));
  g_assert_cmpstr (ps_recorder_get_symbol (ps_window_get_recorder (window)), ==, "BTCUSDT");
  g_settings_reset (settings, "interval");
}

static void
activate_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));

  g_assert_true (wait_for (market_shows, window, 30));
  ps_test_spin (300);
  check_pane_and_readout (window);
  check_live_event (window);
  ps_test_spin (300);
  check_export (window);
  check_export_heatmap (window);
  check_record_setting (window);
  g_application_quit (G_APPLICATION (app));
}

static void
test_window_liquidations (void)
{
  g_autofree char *ws = NULL;

  server = ps_test_server_new ();
  ws = g_strconcat ("ws", ps_test_server_get_uri (server) + strlen ("http"), NULL);
  g_setenv ("PERPSCOPE_BINANCE_REST", ps_test_server_get_uri (server), TRUE);
  g_setenv ("PERPSCOPE_BINANCE_WS", ws, TRUE);
  write_recordings ();

  run_app (NULL, G_CALLBACK (activate_cb));

  g_clear_pointer (&server, ps_test_server_free);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window/liquidations", test_window_liquidations);

  return g_test_run ();
}
