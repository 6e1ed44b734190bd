/* test-window-select.c: selecting in the window as a user does, under Xvfb
 *
 * A click on a funding bar selects its whole 8 h settlement period in every
 * pane (the price pane's pixels at both ends say so) and the side panel
 * shows its numbers; Escape clears; a click on a candle shows its close; a
 * Shift+drag selects a range of whole candles; a click on a hot zone's
 * label selects that band of prices. Pointer and keys go through xdotool.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "ps-chart-pane.h"
#include "ps-side-panel.h"
#include "ps-test-select.h"
#include "ps-test-window.h"

static gboolean
demo_settled (gpointer data)
{
  PsWindow *window = data;
  PsMarket *market = ps_window_get_market (window);

  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         !ps_market_get_loading (market) && ps_market_get_is_demo (market) &&
         ps_market_analysis_get_result (ps_window_get_analysis (window)) != NULL &&
         !ps_market_analysis_get_busy (ps_window_get_analysis (window));
}

static gboolean
xdotool (const char *args)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");
  g_autofree char *argv_text = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (path);
  argv_text = g_strdup_printf ("%s %s", path, args);
  g_assert_true (g_shell_parse_argv (argv_text, NULL, &argv, NULL));
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

/* The screen point of (x, y) px in widget. */
static void
screen_point (GtkWidget *widget,
              double     x,
              double     y,
              int       *sx,
              int       *sy)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_point_t point;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, root, &GRAPHENE_POINT_INIT (x, y), &point));
  /* The X window holds the client-side shadow too. */
  gtk_native_get_surface_transform (GTK_NATIVE (root), &dx, &dy);
  *sx = (int) floor (point.x + dx);
  *sy = (int) floor (point.y + dy);
}

static void
click_at (GtkWidget *widget,
          double     x,
          double     y)
{
  g_autofree char *args = NULL;
  int sx, sy;

  screen_point (widget, x, y, &sx, &sy);
  args = g_strdup_printf ("search --sync --onlyvisible --name Perpscope "
                          "mousemove --window %%1 %d %d click 1", sx, sy);
  g_assert_true (xdotool (args));
  ps_test_spin (300);
}

static void
shift_drag (GtkWidget *widget,
            double     x0,
            double     x1,
            double     y)
{
  g_autofree char *args = NULL;
  int sx0, sx1, sy;

  screen_point (widget, x0, y, &sx0, &sy);
  screen_point (widget, x1, y, &sx1, &sy);
  args = g_strdup_printf ("search --sync --onlyvisible --name Perpscope "
                          "mousemove --window %%1 %d %d keydown shift mousedown 1 "
                          "mousemove --window %%1 %d %d mousemove --window %%1 %d %d "
                          "mousemove --window %%1 %d %d mouseup 1 keyup shift",
                          sx0, sy, sx0 + 10, sy, (sx0 + sx1) / 2, sy, sx1, sy);
  g_assert_true (xdotool (args));
  ps_test_spin (300);
}

static double
plot_width (GtkWidget *pane)
{
  PsChartStyle style;

  ps_chart_style_init_light (&style);
  return gtk_widget_get_width (pane) - style.gutter;
}

/* A pixel as 0xRRGGBB from a texture (B G R A in memory). */
static guint32
texture_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  int width = gdk_texture_get_width (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);
  const guchar *p;

  gdk_texture_download (texture, data, width * 4);
  p = data + ((gsize) y * width + x) * 4;
  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

/* A pixel of the selection's edge line: the accent, blue well over red. */
static gboolean
is_edge (guint32 rgb)
{
  return (int) (rgb & 0xff) > (int) ((rgb >> 16) & 0xff) + 80;
}

static void
check_funding_click (PsWindow *window)
{
  PsSelection *selection = ps_window_get_selection (window);
  PsTimeAxis *axis = ps_window_get_axis (window);
  PsFunding *funding = ps_market_get_funding (ps_window_get_market (window));
  GtkWidget *funding_pane = ps_window_get_pane (window, PS_CHART_PANE_FUNDING);
  GtkWidget *price_pane = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  PsSidePanel *panel = PS_SIDE_PANEL (ps_window_get_side_panel (window));
  double width = plot_width (funding_pane), x0, x1;
  g_autoptr(GdkTexture) before = screenshot (price_pane);
  g_autoptr(GdkTexture) after = NULL;
  gint64 mid = ps_time_axis_get_from_ms (axis) + (ps_time_axis_get_to_ms (axis) -
                                                  ps_time_axis_get_from_ms (axis)) * 6 / 10;
  guint i = ps_series_lower_bound (funding->t_ms, funding->n, mid);
  int h = gtk_widget_get_height (price_pane);

  g_assert_cmpuint (i, <, funding->n);
  g_assert_false (ps_side_panel_get_showing_summary (panel));

  /* On the bar of settlement i. */
  click_at (funding_pane, ps_time_axis_to_x (axis, funding->t_ms[i], width),
            gtk_widget_get_height (funding_pane) * 0.6);
  g_assert_cmpint (ps_selection_get_kind (selection), ==, PS_SELECTION_PERIOD);
  g_assert_cmpint (ps_selection_get_element (selection), ==, PS_SELECTION_ELEMENT_FUNDING);
  /* Its settlement period: the 8 h before it (stamped a few ms late). */
  g_assert_cmpint (ps_selection_get_to_ms (selection) - ps_selection_get_from_ms (selection), ==,
                   8 * HOUR);
  g_assert_cmpint (llabs (ps_selection_get_to_ms (selection) - funding->t_ms[i]), <, 1000);

  /* The price pane shows the whole period: edges at both ends, tinted
   * between, top to bottom. */
  ps_test_spin (300);
  after = screenshot (price_pane);
  x0 = round (ps_time_axis_to_x (axis, ps_selection_get_from_ms (selection), width));
  x1 = round (ps_time_axis_to_x (axis, ps_selection_get_to_ms (selection), width));
  g_assert_cmpfloat (x1 - x0, >=, 2);
  for (int k = 1; k < 4; k++)
    {
      int y = h * k / 4;
      int xm = (int) ((x0 + x1) / 2);

      g_assert_true (is_edge (texture_pixel (after, (int) x0 - 1, y)));
      g_assert_true (is_edge (texture_pixel (after, (int) x1, y)));
      g_assert_false (is_edge (texture_pixel (before, (int) x0 - 1, y)) &&
                      is_edge (texture_pixel (before, (int) x1, y)));
      if (x1 - x0 >= 3)
        g_assert_cmpuint (texture_pixel (after, xm, y), !=, texture_pixel (before, xm, y));
    }

  g_assert_true (ps_side_panel_get_showing_summary (panel));
  g_assert_cmpstr (ps_side_panel_get_value (panel, "title"), ==, "Funding Settlement Period");
  {
    g_autofree char *rate = ps_format_percent (funding->rate[i], 4);

    /* One settlement: its own rate. */
    g_assert_nonnull (strstr (ps_side_panel_get_value (panel, "funding-rate"), rate));
  }

  /* Escape, on the pane that took the focus with the click, clears. */
  g_assert_true (xdotool ("key --clearmodifiers Escape"));
  ps_test_spin (300);
  g_assert_cmpint (ps_selection_get_kind (selection), ==, PS_SELECTION_NONE);
  g_assert_false (ps_side_panel_get_showing_summary (panel));
}

static void
check_candle_click (PsWindow *window)
{
  PsSelection *selection = ps_window_get_selection (window);
  GtkWidget *price_pane = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  PsSidePanel *panel = PS_SIDE_PANEL (ps_window_get_side_panel (window));
  PsCandles *candles = ps_market_get_candles (ps_window_get_market (window));
  g_autofree char *close = NULL;
  guint i;

  click_at (price_pane, gtk_widget_get_width (price_pane) * 0.3,
            gtk_widget_get_height (price_pane) * price_pane_candle_fy (window, price_pane, 0.3));
  g_assert_cmpint (ps_selection_get_kind (selection), ==, PS_SELECTION_PERIOD);
  g_assert_cmpint (ps_selection_get_element (selection), ==, PS_SELECTION_ELEMENT_CANDLE);
  g_assert_cmpint (ps_selection_get_to_ms (selection) - ps_selection_get_from_ms (selection), ==,
                   4 * HOUR);
  i = ps_series_lower_bound (candles->t_ms, candles->n, ps_selection_get_from_ms (selection));
  g_assert_cmpint (candles->t_ms[i], ==, ps_selection_get_from_ms (selection));
  close = ps_format_price (ps_candles_close_at (candles, i));
  g_assert_cmpstr (ps_side_panel_get_value (panel, "close"), ==, close);
  g_assert_cmpstr (ps_side_panel_get_value (panel, "title"), ==, "Candle");

  /* The window's own action clears too (Escape with the focus elsewhere). */
  gtk_widget_activate_action (GTK_WIDGET (window), "chart.clear-selection", NULL);
  g_assert_cmpint (ps_selection_get_kind (selection), ==, PS_SELECTION_NONE);
}

static void
check_range_drag (PsWindow *window)
{
  PsSelection *selection = ps_window_get_selection (window);
  PsTimeAxis *axis = ps_window_get_axis (window);
  GtkWidget *oi_pane = ps_window_get_pane (window, PS_CHART_PANE_OPEN_INTEREST);
  double width = plot_width (oi_pane);
  gint64 view_from = ps_time_axis_get_from_ms (axis);
  gint64 view_to = ps_time_axis_get_to_ms (axis);

  shift_drag (oi_pane, width * 0.2, width * 0.5, gtk_widget_get_height (oi_pane) / 2.0);
  g_assert_cmpint (ps_selection_get_kind (selection), ==, PS_SELECTION_RANGE);
  /* Whole candles, about the span dragged; the view did not pan. */
  g_assert_cmpint (ps_selection_get_from_ms (selection) % (4 * HOUR), ==, 0);
  g_assert_cmpint (ps_selection_get_to_ms (selection) % (4 * HOUR), ==, 0);
  g_assert_cmpfloat (fabs (ps_time_axis_to_x (axis, ps_selection_get_from_ms (selection), width)
                           - width * 0.2), <, 8);
  g_assert_cmpfloat (fabs (ps_time_axis_to_x (axis, ps_selection_get_to_ms (selection), width)
                           - width * 0.5), <, 8);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, view_from);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis), ==, view_to);
  g_assert_cmpstr (ps_side_panel_get_value (PS_SIDE_PANEL (ps_window_get_side_panel (window)),
                                            "title"), ==, "Selected Range");
  ps_selection_clear (selection);
}

/* The first hot zone whose label a scan down the price pane's right edge
 * meets, and where. */
static const PsHeatZone *
find_zone_label (PsWindow  *window,
                 GtkWidget *pane,
                 GArray    *zones,
                 double    *x,
                 double    *y)
{
  PsMarket *market = ps_window_get_market (window);
  PsRect rect = { 0, 0, gtk_widget_get_width (pane), gtk_widget_get_height (pane) };
  PsChartStyle style;
  PsValueScale scale;

  ps_chart_style_init_light (&style);
  g_assert_true (ps_render_price_scale (&rect, ps_window_get_axis (window),
                                        ps_market_get_candles (market),
                                        ps_market_get_shown_interval (market), &style, &scale));
  *x = plot_width (pane) - 14;
  for (*y = scale.y_top; *y < scale.y_bottom; *y += 2)
    {
      const PsHeatZone *zone = ps_render_heat_zone_at (&rect, &scale,
                                                       (const PsHeatZone *) (gconstpointer) zones->data,
                                                       zones->len, &style, *x, *y);
      if (zone != NULL)
        return zone;
    }
  return NULL;
}

static void
check_zone_click (PsWindow *window)
{
  PsSelection *selection = ps_window_get_selection (window);
  GtkWidget *price_pane = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  PsCandles *candles = ps_market_get_candles (ps_window_get_market (window));
  PsAnalysis *analysis = ps_market_analysis_get_result (ps_window_get_analysis (window));
  PsHeatmap *heatmap = ps_analysis_get_heatmap (analysis, PS_HEATMAP_MODEL);
  g_autoptr(GArray) zones = NULL;
  const PsHeatZone *zone;
  double x, y;

  g_assert_nonnull (heatmap);
  zones = ps_heatmap_get_zones (heatmap, ps_candles_close_at (candles, candles->n - 1));
  zone = find_zone_label (window, price_pane, zones, &x, &y);
  g_assert_nonnull (zone);

  click_at (price_pane, x, y);
  g_assert_cmpint (ps_selection_get_kind (selection), ==, PS_SELECTION_PRICE_BAND);
  g_assert_cmpint (ps_selection_get_element (selection), ==, PS_SELECTION_ELEMENT_HOT_ZONE);
  g_assert_cmpfloat (ps_selection_get_price_low (selection), ==, zone->price_lo);
  g_assert_cmpfloat (ps_selection_get_price_high (selection), ==, zone->price_hi);
  g_assert_cmpstr (ps_side_panel_get_value (PS_SIDE_PANEL (ps_window_get_side_panel (window)),
                                            "title"), ==, "Hot Zone");

  /* The same label again clears. */
  click_at (price_pane, x, y);
  g_assert_cmpint (ps_selection_get_kind (selection), ==, PS_SELECTION_NONE);
}

static gboolean
action_state (PsWindow *window)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window),
                                                               "side-panel");

  return g_variant_get_boolean (state);
}

/* F9's action hides and shows the panel and, on a wide window, remembers. */
static void
check_toggle (PsWindow  *window,
              GSettings *settings)
{
  GtkWidget *price_pane = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  int beside = gtk_widget_get_width (price_pane);

  g_assert_true (action_state (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "side-panel", NULL);
  ps_test_spin (800);
  g_assert_false (action_state (window));
  g_assert_false (g_settings_get_boolean (settings, "side-panel"));
  /* The panes take the panel's room. */
  g_assert_cmpint (gtk_widget_get_width (price_pane), >, beside + 250);
  g_action_group_activate_action (G_ACTION_GROUP (window), "side-panel", NULL);
  ps_test_spin (800);
  g_assert_true (action_state (window));
  g_assert_true (g_settings_get_boolean (settings, "side-panel"));
  g_assert_cmpint (gtk_widget_get_width (price_pane), ==, beside);
}

static void
small_activate_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  GSettings *settings = ps_application_get_settings (PS_APPLICATION (app));
  GtkWidget *price_pane;

  g_assert_true (PS_IS_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  g_assert_true (wait_for (demo_settled, window, 60));
  ps_test_spin (500);
  price_pane = ps_window_get_pane (window, PS_CHART_PANE_PRICE);

  /* Too narrow for both: the chart keeps the width, the panel is closed,
   * and the key still says what the user chose. */
  g_assert_cmpint (gtk_widget_get_width (price_pane), >, 700);
  g_assert_false (action_state (window));
  g_assert_true (g_settings_get_boolean (settings, "side-panel"));

  /* F9 opens it over the chart, and a narrow window's state is not kept. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "side-panel", NULL);
  ps_test_spin (600);
  g_assert_true (action_state (window));
  g_assert_cmpint (gtk_widget_get_width (price_pane), >, 700);
  g_assert_true (gtk_widget_get_mapped (ps_window_get_side_panel (window)));
  g_action_group_activate_action (G_ACTION_GROUP (window), "side-panel", NULL);
  ps_test_spin (600);
  g_assert_false (action_state (window));
  g_assert_true (g_settings_get_boolean (settings, "side-panel"));

  g_application_quit (G_APPLICATION (app));
}

static void
activate_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));

  g_assert_true (PS_IS_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  g_assert_true (wait_for (demo_settled, window, 60));
  ps_test_spin (500);
  /* Wide: the panel stands beside the panes, shown by default. */
  g_assert_true (gtk_widget_get_mapped (ps_window_get_side_panel (window)));

  check_funding_click (window);
  check_candle_click (window);
  check_range_drag (window);
  check_zone_click (window);
  check_toggle (window, ps_application_get_settings (PS_APPLICATION (app)));

  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = screenshot (GTK_WIDGET (window));
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "window-select.png", NULL);

      gdk_texture_save_to_png (shot, path);
    }
  g_application_quit (G_APPLICATION (app));
}

static void
test_window_select (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL)
    {
      g_test_skip ("xdotool is missing");
      return;
    }
  /* Nothing listens there: the demo stands in at once. */
  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:9", TRUE);
  run_app (NULL, G_CALLBACK (activate_cb));
}

static void
test_window_small_panel (void)
{
  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:9", TRUE);
  run_app (NULL, G_CALLBACK (small_activate_cb));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window/select", test_window_select);
  g_test_add_func ("/perpscope/ui/window/side-panel-small", test_window_small_panel);

  return g_test_run ();
}
