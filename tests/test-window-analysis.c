/* test-window-analysis.c: the heatmap, its scores and the phases in the window, under Xvfb
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
#include "ps-render.h"
#include "ps-test-server.h"
#include "ps-test-util.h"
#include "ps-test-window.h"
#include "ps-window.h"


static PsTestServer *server;

static gboolean
analysis_ready (gpointer data)
{
  PsMarketAnalysis *analysis = ps_window_get_analysis (data);

  return market_shows (data) && !ps_market_analysis_get_busy (analysis) &&
         ps_market_analysis_get_result (analysis) != NULL;
}

/* Pixels of a pane that differ between two shots of it. */
static guint
count_changed (GdkTexture *a,
               GdkTexture *b)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  g_autofree guchar *pa = g_malloc ((gsize) width * height * 4);
  g_autofree guchar *pb = g_malloc ((gsize) width * height * 4);
  guint n = 0;

  g_assert_cmpint (width, ==, gdk_texture_get_width (b));
  g_assert_cmpint (height, ==, gdk_texture_get_height (b));
  gdk_texture_download (a, pa, width * 4);
  gdk_texture_download (b, pb, width * 4);
  for (gsize i = 0; i < (gsize) width * height * 4; i += 4)
    n += abs (pa[i] - pb[i]) + abs (pa[i + 1] - pb[i + 1]) + abs (pa[i + 2] - pb[i + 2]) > 30;
  return n;
}

/* Pixels within a few levels of color, in a texture as GDK downloads it. */
static guint
count_color (GdkTexture    *texture,
             const PsColor *color)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  int r = (int) round (color->red * 255), g = (int) round (color->green * 255);
  int b = (int) round (color->blue * 255);
  guint n = 0;

  gdk_texture_download (texture, data, width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      const guchar *p = data + i * 4;

      n += abs (p[2] - r) < 12 && abs (p[1] - g) < 12 && abs (p[0] - b) < 12;
    }
  return n;
}

/* The heatmap is drawn under the candles and goes with its switch; the
 * phases colour the time axis; the read-out and the popover say what the
 * model predicted, how it scored and which phase a candle is in. */
static void
check_analysis (PsWindow *window)
{
  GSettings *settings = ps_application_get_settings (
    PS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
  PsAnalysis *result = ps_market_analysis_get_result (ps_window_get_analysis (window));
  GtkWidget *price = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  GtkWidget *time = ps_window_get_pane (window, PS_CHART_PANE_TIME_LABELS);
  const GArray *periods = ps_treadmill_get_periods (ps_analysis_get_treadmill (result));
  g_autoptr(GdkTexture) with = NULL;
  g_autoptr(GdkTexture) without = NULL;
  g_autoptr(GdkTexture) ribbon = NULL;
  const PsPhasePeriod *shown = NULL;
  PsChartStyle style;
  const char *text;
  guint changed;

  g_assert_nonnull (ps_analysis_get_heatmap (result, PS_HEATMAP_MODEL));
  g_assert_cmpfloat (ps_heatmap_get_grid (ps_analysis_get_heatmap (result, PS_HEATMAP_MODEL))->max_usd, >, 0);

  /* On (the default) and off: the heatmap is a large part of the price pane. */
  g_assert_true (g_settings_get_boolean (settings, "show-heatmap"));
  with = screenshot (price);
  g_action_activate (g_action_map_lookup_action (G_ACTION_MAP (window), "show-heatmap"), NULL);
  g_assert_false (g_settings_get_boolean (settings, "show-heatmap"));
  ps_test_spin (100);
  without = screenshot (price);
  changed = count_changed (with, without);
  g_test_message ("heatmap: %u pixels of the price pane change with it", changed);
  g_assert_cmpuint (changed, >, (guint) (gdk_texture_get_width (with) * gdk_texture_get_height (with) / 20));
  g_settings_set_boolean (settings, "show-heatmap", TRUE);
  ps_test_spin (100);

  /* The ribbon: some period has a phase, and its colour is on the time axis. */
  for (guint i = 0; i < periods->len && shown == NULL; i++)
    if (g_array_index (periods, PsPhasePeriod, i).phase != PS_PHASE_NONE)
      shown = &g_array_index (periods, PsPhasePeriod, i);
  g_assert_nonnull (shown);
  ps_chart_style_init_light (&style);
  ribbon = screenshot (time);
  g_test_message ("ribbon: %s from %" G_GINT64_FORMAT ", %u pixels of its colour",
                  ps_phase_to_string (shown->phase), shown->from_ms,
                  count_color (ribbon, ps_render_phase_color (&style, shown->phase)));
  g_assert_cmpuint (count_color (ribbon, ps_render_phase_color (&style, shown->phase)), >, 3);

  /* The read-out at that period: the prediction and the phase. */
  ps_selection_set_cursor_ms (ps_window_get_selection (window), shown->from_ms);
  text = ps_window_get_readout_text (window);
  g_test_message ("read-out: %s", text);
  g_assert_nonnull (strstr (text, "Predicted (model)"));
  g_assert_nonnull (strstr (text, ps_phase_get_label (shown->phase)));
  ps_selection_set_cursor_ms (ps_window_get_selection (window), PS_TIME_NONE);

  /* The popover: the scores beside both baselines, and the verdict. */
  text = ps_window_get_analysis_text (window);
  g_test_message ("popover: %s", text);
  g_assert_nonnull (strstr (text, "Model: correlation"));
  g_assert_nonnull (strstr (text, "Uniform: correlation"));
  g_assert_nonnull (strstr (text, "Round numbers: correlation"));
  g_assert_nonnull (strstr (text, ps_analysis_get_verdict (result)));

  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) all = screenshot (GTK_WIDGET (window));
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "window-analysis.png", NULL);
      gdk_texture_save_to_png (all, path);
    }
}

static void
activate_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));

  g_assert_true (wait_for (analysis_ready, window, 60));
  ps_test_spin (300);
  check_analysis (window);
  g_application_quit (G_APPLICATION (app));
}

static void
test_window_analysis (void)
{
  server = ps_test_server_new ();
  g_setenv ("PERPSCOPE_BINANCE_REST", ps_test_server_get_uri (server), TRUE);
  g_setenv ("PERPSCOPE_BINANCE_WS", "ws://127.0.0.1:9", TRUE);
  write_recordings ();

  run_app (NULL, G_CALLBACK (activate_cb));

  g_clear_pointer (&server, ps_test_server_free);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window/analysis", test_window_analysis);

  return g_test_run ();
}
