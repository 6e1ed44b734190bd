/* test-window-small.c: the window in a small screen's room, and a large one's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ps-chart-pane.h"
#include "ps-test-window.h"

static int want_width, want_height;

static gboolean
window_settled (gpointer data)
{
  GtkWidget *window = data;

  return gtk_widget_get_mapped (window) && gtk_widget_get_width (window) > 0 &&
         !ps_market_get_loading (ps_window_get_market (data)) &&
         *ps_window_get_banner_text (data) != '\0';
}

static gboolean
header_compact (gpointer data)
{
  return ps_window_get_header_compact (data);
}

static gboolean
header_full (gpointer data)
{
  return !ps_window_get_header_compact (data);
}

/* The first descendant of widget of type, or whose label reads text. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (text == NULL || g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* widget is drawn, and all of it inside the window. */
static void
assert_inside (GtkWidget  *widget,
               GtkWidget  *window,
               const char *what)
{
  graphene_rect_t bounds;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_is_drawable (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  g_test_message ("%s: %.0f,%.0f %.0f×%.0f in %d×%d", what, bounds.origin.x, bounds.origin.y,
                  bounds.size.width, bounds.size.height,
                  gtk_widget_get_width (window), gtk_widget_get_height (window));
  g_assert_cmpfloat (bounds.size.width, >, 0);
  g_assert_cmpfloat (bounds.size.height, >, 0);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (window));
}

static void
check_window (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  GtkWidget *widget = GTK_WIDGET (window);
  static const PsChartPaneKind kinds[] = {
    PS_CHART_PANE_PRICE, PS_CHART_PANE_OPEN_INTEREST, PS_CHART_PANE_FUNDING,
    PS_CHART_PANE_LIQUIDATIONS, PS_CHART_PANE_TIME_LABELS,
  };
  AdwWindowTitle *title;
  GtkWidget *title_label, *readout, *record;
  const char *record_text;
  int min_width, min_height;

  g_assert_true (PS_IS_WINDOW (window));
  g_assert_true (wait_for (window_settled, window, 30));
  /* The banner slides in; then the layout is the one the user sees. */
  ps_test_spin (800);

  g_test_message ("window %d×%d for %d×%d", gtk_widget_get_width (widget),
                  gtk_widget_get_height (widget), want_width, want_height);
  /* The least the window can be, banner shown: 640×480 but for the header's
   * controls, ~660 px wide with minimize, maximize and close buttons. */
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
  g_test_message ("minimum %d×%d", min_width, min_height);
  if (ps_window_get_header_compact (window))
    g_assert_cmpint (min_width, <=, 700);
  g_assert_cmpint (min_height, <=, 480);
  /* Fits the room asked for (below its minimum width, GTK allots more). */
  if (want_width >= 800)
    g_assert_cmpint (gtk_widget_get_width (widget), <=, want_width);
  g_assert_cmpint (gtk_widget_get_height (widget), <=, want_height);
  g_assert_cmpint (gtk_widget_get_height (widget), >=, want_height - 24);
  /* Narrow, export and refresh give way to the title (both are in the menu). */
  g_assert_cmpint (ps_window_get_header_compact (window), ==, want_width < 1000);

  /* The title is whole, not an ellipsis (at 800 px and more). */
  title = ADW_WINDOW_TITLE (find_widget (widget, ADW_TYPE_WINDOW_TITLE, NULL));
  assert_inside (GTK_WIDGET (title), widget, "title");
  title_label = find_widget (GTK_WIDGET (title), GTK_TYPE_LABEL, adw_window_title_get_title (title));
  assert_inside (title_label, widget, "title label");
  if (want_width >= 800)
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (title_label))));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title)),
                            adw_window_title_get_subtitle (title)));
  /* The read-out may ellipsize, its whole text is its tooltip. */
  g_assert_cmpstr (ps_window_get_readout_text (window), !=, "");
  readout = find_widget (widget, GTK_TYPE_LABEL, ps_window_get_readout_text (window));
  assert_inside (readout, widget, "read-out");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (readout), ==, ps_window_get_readout_text (window));
  g_assert_cmpint (gtk_widget_get_width (readout), >=, want_width / 2);

  /* The recorder's status (the feed is unreachable here) stays readable. */
  record_text = ps_window_get_record_status (window);
  g_assert_cmpstr (record_text, !=, "");
  record = find_widget (widget, GTK_TYPE_LABEL, record_text);
  assert_inside (record, widget, "recorder status");
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (record))));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *pane = ps_window_get_pane (window, kinds[i]);
      int request;

      gtk_widget_get_size_request (pane, NULL, &request);
      assert_inside (pane, widget, "pane");
      g_assert_cmpint (request, >=, 36);
      g_assert_cmpint (gtk_widget_get_height (pane), >=, request);
      /* Every chart keeps room for its header and a few value labels. */
      if (kinds[i] != PS_CHART_PANE_TIME_LABELS)
        g_assert_cmpint (gtk_widget_get_height (pane), >=, 60);
    }

  /* Made narrow while shown, the header gives way at once, and back. */
  if (want_width >= 1000)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
      g_assert_true (wait_for (header_compact, window, 5));
      g_assert_cmpint (gtk_widget_get_width (widget), <, 1000);
      gtk_window_set_default_size (GTK_WINDOW (window), want_width, want_height);
      g_assert_true (wait_for (header_full, window, 5));
    }

  g_application_quit (G_APPLICATION (app));
}

static void
run_at (int width,
        int height)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  want_width = width;
  want_height = height;
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_boolean (settings, "record-live", TRUE);
  run_app (NULL, G_CALLBACK (check_window));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "record-live");
}

static void
test_window_800x600 (void)
{
  run_at (800, 600);
}

/* The declared minimum: all of it still inside, the panes at their least. */
static void
test_window_minimum (void)
{
  run_at (640, 480);
}

static void
test_window_1366x768 (void)
{
  run_at (1366, 768);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window-small/800x600", test_window_800x600);
  g_test_add_func ("/perpscope/ui/window-small/minimum", test_window_minimum);
  g_test_add_func ("/perpscope/ui/window-small/1366x768", test_window_1366x768);

  return g_test_run ();
}
