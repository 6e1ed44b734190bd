/* test-window-keys.c: the chart under the keyboard and the wheel, under Xvfb
 *
 * A click on a pane gives it the focus; then ← → pan, Home fits all the
 * data, Ctrl+minus and Ctrl+0 zoom out and back. Keys go through xdotool
 * when it is there (the real path: X, GTK, the focused pane), else through
 * the pane's key controller.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "ps-chart-pane.h"
#include "ps-test-window.h"

static gboolean have_xdotool;

static gboolean
demo_shown (gpointer data)
{
  PsMarket *market = ps_window_get_market (data);

  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         !ps_market_get_loading (market) && ps_market_get_is_demo (market);
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

/* The pointer onto the pane at (fx, fy) of its size; with a click, or
 * with button 4/5 for a wheel notch. */
static void
pointer_on (GtkWidget  *pane,
            double      fx,
            double      fy,
            const char *action)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (pane));
  g_autofree char *args = NULL;
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (pane, root,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (pane) * fx,
                                                                 gtk_widget_get_height (pane) * fy),
                                           &point));
  args = g_strdup_printf ("search --sync --name Perpscope mousemove --window %%1 %d %d %s",
                          (int) point.x, (int) point.y, action);
  g_assert_true (xdotool (args));
  ps_test_spin (300);
}

static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;
    }
  return NULL;
}

/* keysym is xdotool's name for the key; keyval and state GTK's. */
static void
press (GtkWidget       *pane,
       const char      *keysym,
       guint            keyval,
       GdkModifierType  state)
{
  if (have_xdotool)
    {
      g_autofree char *args = g_strdup_printf ("key --clearmodifiers %s", keysym);

      g_assert_true (xdotool (args));
      ps_test_spin (200);
    }
  else
    {
      GtkEventController *key = find_key_controller (pane);
      gboolean handled = FALSE;

      g_assert_nonnull (key);
      g_signal_emit_by_name (key, "key-pressed", keyval, 0, state, &handled);
      g_assert_true (handled);
    }
}

static void
check_keys (PsWindow *window)
{
  GtkWidget *pane = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  PsTimeAxis *axis = ps_window_get_axis (window);
  gint64 from0, to0, span, limit_from, limit_to;

  /* A pane is a focusable, named part of the window. */
  g_assert_true (gtk_widget_get_focusable (pane));
  g_assert_true (gtk_widget_get_focusable (ps_window_get_pane (window, PS_CHART_PANE_FUNDING)));

  /* Start from a zoomed-in view in the middle of the data. */
  g_assert_true (ps_time_axis_get_limits (axis, &limit_from, &limit_to));
  ps_time_axis_set_range (axis, limit_from + (limit_to - limit_from) / 3,
                          limit_from + (limit_to - limit_from) / 2);
  from0 = ps_time_axis_get_from_ms (axis);
  to0 = ps_time_axis_get_to_ms (axis);
  span = to0 - from0;

  /* The click takes the focus from the header. */
  if (have_xdotool)
    pointer_on (pane, 0.5, 0.5, "click 1");
  else
    gtk_widget_grab_focus (pane);
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (pane)) == pane);

  press (pane, "Left", GDK_KEY_Left, 0);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, from0 - span / 10);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis), ==, span);
  press (pane, "Right", GDK_KEY_Right, 0);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, from0);
  press (pane, "shift+Right", GDK_KEY_Right, GDK_SHIFT_MASK);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, from0 + span / 2);
  /* Still focused: the arrows did not move the focus on. */
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (pane)) == pane);
  /* ...and the ring shows which pane has the keys. */
  g_assert_true (gtk_widget_get_state_flags (pane) & GTK_STATE_FLAG_FOCUS_VISIBLE);

  /* Home: all the data. */
  press (pane, "Home", GDK_KEY_Home, 0);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, limit_from);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis), ==, limit_to);

  /* Ctrl+minus (the window's accelerator) zooms out no wider than the
   * data and its margins; Ctrl+0 goes back to the view the market opened on. */
  if (have_xdotool)
    {
      g_assert_true (xdotool ("key --clearmodifiers ctrl+minus"));
      ps_test_spin (200);
    }
  else
    gtk_widget_activate_action (pane, "chart.zoom-out", NULL);
  span = ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis);
  g_assert_cmpint (span, <=, (limit_to - limit_from) / 0.9 + 1);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), >=, limit_from - span / 20);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis), <=, limit_to + span / 20);

  ps_time_axis_set_range (axis, from0, to0);
  if (have_xdotool)
    {
      g_assert_true (xdotool ("key --clearmodifiers ctrl+0"));
      ps_test_spin (200);
    }
  else
    gtk_widget_activate_action (pane, "chart.zoom-reset", NULL);
  /* The demo opens on all its days. */
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, limit_from);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis), ==, limit_to);
}

/* A wheel notch out near the data's end: the limits hold the view, and the
 * crosshair is where the pointer is, not on the time it was on before. */
static void
check_wheel (PsWindow *window)
{
  GtkWidget *pane = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  PsTimeAxis *axis = ps_window_get_axis (window);
  PsSelection *selection = ps_window_get_selection (window);
  gint64 limit_from, limit_to, span;
  double width, x_before;

  if (!have_xdotool)
    {
      g_test_message ("xdotool is missing: the wheel is not tested");
      return;
    }

  g_assert_true (ps_time_axis_get_limits (axis, &limit_from, &limit_to));
  span = (limit_to - limit_from) / 4;
  ps_time_axis_set_range (axis, limit_to - span, limit_to);
  pointer_on (pane, 0.4, 0.5, "");
  width = 1000;   /* any plot width: only positions in it are compared */
  g_assert_cmpint (ps_selection_get_cursor_ms (selection), !=, PS_TIME_NONE);
  x_before = ps_time_axis_to_x (axis, ps_selection_get_cursor_ms (selection), width);
  for (guint i = 0; i < 4; i++)
    pointer_on (pane, 0.4, 0.5, "click 5");

  /* Zoomed out, against the end of the data: the view moved under the
   * pointer, so the time there is another, and the crosshair shows it. */
  g_assert_cmpint (ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis), >, span);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis), <=,
                   limit_to + (ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis)) / 20);
  g_assert_cmpfloat (fabs (ps_time_axis_to_x (axis, ps_selection_get_cursor_ms (selection), width)
                           - x_before), <, 1.0);
}

static void
activate_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));

  g_assert_true (PS_IS_WINDOW (window));
  g_assert_true (wait_for (demo_shown, window, 30));
  ps_test_spin (500);

  check_keys (window);
  check_wheel (window);

  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = screenshot (GTK_WIDGET (window));
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "window-keys.png", NULL);

      gdk_texture_save_to_png (shot, path);
    }
  g_application_quit (G_APPLICATION (app));
}

static void
test_window_keys (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  have_xdotool = path != NULL && g_getenv ("PERPSCOPE_TEST_NO_XDOTOOL") == NULL;
  /* Nothing listens there: the demo stands in at once. */
  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:9", TRUE);
  run_app (NULL, G_CALLBACK (activate_cb));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window/keys", test_window_keys);

  return g_test_run ();
}
