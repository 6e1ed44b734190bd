/* test-window-gestures.c: flick, double-click and pinch on the chart, under Xvfb
 *
 * A drag let go while moving glides on and stops by itself; a double-click
 * fits all the data; a pinch zooms around the fingers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "ps-chart-pane-private.h"
#include "ps-test-window.h"

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

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer data)
{
  *(int *) data = status;
  g_spawn_close_pid (pid);
}

static gboolean
child_done (gpointer data)
{
  return *(int *) data != -1;
}

/* xdotool while the main loop runs, as a user's hand: a blocked loop would
 * get the whole motion at once, merged into one event. */
static void
xdotool_live (const char *args)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");
  g_autofree char *argv_text = g_strdup_printf ("%s %s", path, args);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  GPid pid;

  g_assert_true (g_shell_parse_argv (argv_text, NULL, &argv, NULL));
  g_assert_true (g_spawn_async (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited_cb, &status);
  g_assert_true (wait_for (child_done, &status, 20));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
window_point (GtkWidget *pane,
              double     fx,
              double     fy,
              int       *x,
              int       *y)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (pane, GTK_WIDGET (gtk_widget_get_root (pane)),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (pane) * fx,
                                                                 gtk_widget_get_height (pane) * fy),
                                           &point));
  *x = (int) point.x;
  *y = (int) point.y;
}

static gboolean
gliding (gpointer data)
{
  return _ps_chart_pane_is_gliding (data);
}

static gboolean
not_gliding (gpointer data)
{
  return !_ps_chart_pane_is_gliding (data);
}

/* A fast drag to the left, let go while moving: the view goes on forward
 * in time after the button is up, then stops. */
static void
check_flick (PsWindow *window)
{
  GtkWidget *pane = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  PsTimeAxis *axis = ps_window_get_axis (window);
  g_autoptr(GString) args = g_string_new ("search --sync --name Perpscope ");
  gint64 limit_from, limit_to, from_up, span;
  int x, y;

  g_assert_true (ps_time_axis_get_limits (axis, &limit_from, &limit_to));
  span = (limit_to - limit_from) / 6;
  ps_time_axis_set_range (axis, limit_from + span, limit_from + 2 * span);

  window_point (pane, 0.8, 0.5, &x, &y);
  g_string_append_printf (args, "mousemove --window %%1 %d %d mousedown 1 ", x, y);
  for (guint i = 1; i <= 16; i++)
    g_string_append_printf (args, "sleep 0.02 mousemove --window %%1 %d %d ", x - (int) i * 20, y);
  g_string_append (args, "mouseup 1");
  xdotool_live (args->str);

  /* The drag alone moved the view by what the pointer crossed... */
  ps_test_spin (50);
  from_up = ps_time_axis_get_from_ms (axis);
  g_assert_cmpint (from_up, >, limit_from + span);
  /* ...and the glide carries it on, to a stop. */
  g_assert_true (wait_for (not_gliding, pane, 10));
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), >, from_up);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis), ==, span);

  /* A drag that rests before the release does not glide. */
  ps_time_axis_set_range (axis, limit_from + span, limit_from + 2 * span);
  g_string_assign (args, "search --sync --name Perpscope ");
  g_string_append_printf (args, "mousemove --window %%1 %d %d mousedown 1 ", x, y);
  g_string_append_printf (args, "mousemove --window %%1 %d %d sleep 0.4 mouseup 1", x - 40, y);
  xdotool_live (args->str);
  ps_test_spin (100);
  g_assert_false (_ps_chart_pane_is_gliding (PS_CHART_PANE (pane)));

  /* A press catches a gliding chart: a fast flick, so that the glide
   * outlasts a loaded machine's delays (ASan) before the press. */
  g_string_assign (args, "search --sync --name Perpscope ");
  g_string_append_printf (args, "mousemove --window %%1 %d %d mousedown 1 ", x, y);
  for (guint i = 1; i <= 12; i++)
    g_string_append_printf (args, "sleep 0.01 mousemove --window %%1 %d %d ", x - (int) i * 40, y);
  g_string_append (args, "mouseup 1");
  xdotool_live (args->str);
  g_assert_true (wait_for (gliding, pane, 2));
  xdotool_live ("mousedown 1");
  g_assert_false (_ps_chart_pane_is_gliding (PS_CHART_PANE (pane)));
  xdotool_live ("mouseup 1");
}

static gboolean
axis_fits (gpointer data)
{
  gint64 limit_from, limit_to;

  return ps_time_axis_get_limits (data, &limit_from, &limit_to) &&
         ps_time_axis_get_from_ms (data) == limit_from && ps_time_axis_get_to_ms (data) == limit_to;
}

/* A double-click shows all the data, as Home does. */
static void
check_double_click (PsWindow *window)
{
  GtkWidget *pane = ps_window_get_pane (window, PS_CHART_PANE_OPEN_INTEREST);
  PsTimeAxis *axis = ps_window_get_axis (window);
  g_autofree char *args = NULL;
  gint64 limit_from, limit_to;
  int x, y;

  g_assert_true (ps_time_axis_get_limits (axis, &limit_from, &limit_to));
  ps_time_axis_set_range (axis, limit_from + DAY, limit_from + 2 * DAY);
  window_point (pane, 0.5, 0.5, &x, &y);
  args = g_strdup_printf ("search --sync --name Perpscope mousemove --window %%1 %d %d "
                          "click --repeat 2 --delay 80 1", x, y);
  g_assert_true (xdotool (args));
  /* A slow run (ASan) takes a while to get through the clicks. */
  wait_for (axis_fits, axis, 5);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, limit_from);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis), ==, limit_to);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

/* X has no pinch: the zoom gesture's scale-changed stands in for the
 * touchpad (begin and end need a real event).
 * Fingers twice as far apart halve the view, around its middle. */
static void
check_pinch (PsWindow *window)
{
  GtkWidget *pane = ps_window_get_pane (window, PS_CHART_PANE_FUNDING);
  PsTimeAxis *axis = ps_window_get_axis (window);
  GtkEventController *zoom = find_controller (pane, GTK_TYPE_GESTURE_ZOOM);
  gint64 limit_from, limit_to, from, to, mid;

  g_assert_nonnull (zoom);
  g_assert_true (ps_time_axis_get_limits (axis, &limit_from, &limit_to));
  from = limit_from + 2 * DAY;
  to = from + 2 * DAY;
  ps_time_axis_set_range (axis, from, to);
  mid = ps_time_axis_from_x (axis, _ps_chart_pane_get_plot_width (PS_CHART_PANE (pane)) / 2,
                             _ps_chart_pane_get_plot_width (PS_CHART_PANE (pane)));

  g_signal_emit_by_name (zoom, "scale-changed", 1.5);
  g_signal_emit_by_name (zoom, "scale-changed", 2.0);
  g_assert_cmpint (llabs ((ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis)) - DAY),
                   <=, 2);
  g_assert_cmpint (llabs ((ps_time_axis_get_from_ms (axis) + ps_time_axis_get_to_ms (axis)) / 2 - mid),
                   <=, 60 * 1000);
  /* ...and back together, back out. */
  g_signal_emit_by_name (zoom, "scale-changed", 1.0);
  g_assert_cmpint (llabs ((ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis)) - 2 * DAY),
                   <=, 4);
}

static void
activate_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

  g_assert_true (PS_IS_WINDOW (window));
  g_assert_true (wait_for (demo_shown, window, 30));
  ps_test_spin (500);

  check_pinch (window);
  if (xdotool_path != NULL)
    {
      check_flick (window);
      check_double_click (window);
    }
  else
    g_test_message ("xdotool is missing: flick and double-click are not tested");
  g_application_quit (G_APPLICATION (app));
}

static void
test_window_gestures (void)
{
  /* Nothing listens there: the demo stands in at once. */
  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:9", TRUE);
  run_app (NULL, G_CALLBACK (activate_cb));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window/gestures", test_window_gestures);

  return g_test_run ();
}
