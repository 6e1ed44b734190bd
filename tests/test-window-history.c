/* test-window-history.c: more history when the chart is pushed back, and a custom range
 *
 * Against the loopback Binance (4h candles from 2025-09-27, the server's
 * now 2025-12-18): the window opens on a week and its warm-up; panned to
 * the start of what is loaded, it loads older candles in the background,
 * keeps the view where it was, and stops at the first candle the venue
 * has. A custom range of days loads and shows just those days.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "ps-test-server.h"
#include "ps-test-window.h"
#include "ps-window-private.h"

#define FIRST_CANDLE 1758931200000   /* 2025-09-27 00:00 UTC: the sample's first row */
#define OCT_1        1759276800000   /* 2025-10-01 UTC */

static PsTestServer *server;

static gboolean
market_loaded (gpointer data)
{
  PsMarket *market = ps_window_get_market (data);

  return gtk_widget_get_mapped (data) && !ps_market_get_loading (market) &&
         !ps_market_get_is_demo (market);
}

static gboolean
market_loading (gpointer data)
{
  return ps_market_get_loading (ps_window_get_market (data));
}

static gint64
first_candle (PsWindow *window)
{
  PsCandles *candles = ps_market_get_candles (ps_window_get_market (window));

  g_assert_cmpuint (candles->n, >, 0);
  return candles->t_ms[0];
}

/* The view against the start of what is loaded: older candles come, the
 * view does not move, and the axis may then go further back. */
static void
push_back (PsWindow *window,
           gint64   *first,
           gint64   *view_from)
{
  PsTimeAxis *axis = ps_window_get_axis (window);
  gint64 limit_from, limit_to, span;

  g_assert_true (ps_time_axis_get_limits (axis, &limit_from, &limit_to));
  span = ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis);
  ps_time_axis_set_range (axis, limit_from, limit_from + span);
  *view_from = ps_time_axis_get_from_ms (axis);
  *first = first_candle (window);
  wait_for (market_loading, window, 2);
  g_assert_true (wait_for (market_loaded, window, 30));
}

static void
check_history (PsWindow *window)
{
  PsTimeAxis *axis = ps_window_get_axis (window);
  gint64 first, view_from, limit_from, limit_to, before;
  guint requests;

  /* A week and its 31-day warm-up: from about 2025-11-10. */
  before = first_candle (window);
  g_assert_cmpint (before, >, OCT_1);

  push_back (window, &first, &view_from);
  g_assert_cmpint (first_candle (window), <, first);
  /* The view stayed; the axis can go back to the new start. */
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, view_from);
  g_assert_true (ps_time_axis_get_limits (axis, &limit_from, &limit_to));
  g_assert_cmpint (limit_from, <, view_from);

  /* Again, until the venue's first candle. */
  for (guint i = 0; i < 10 && first_candle (window) > FIRST_CANDLE; i++)
    push_back (window, &first, &view_from);
  g_assert_cmpint (first_candle (window), ==, FIRST_CANDLE);

  /* There the venue has nothing older: one more push asks once (and
   * learns that), then no more. */
  push_back (window, &first, &view_from);
  requests = ps_test_server_get_n_requests_for (server, "/fapi/v1/klines");
  push_back (window, &first, &view_from);
  push_back (window, &first, &view_from);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (server, "/fapi/v1/klines"), ==, requests);
  g_assert_cmpint (first_candle (window), ==, FIRST_CANDLE);

  /* Nothing before the first candle in any series: the axis goes back to
   * it, not over the empty months loaded before it, and Home fits from it. */
  g_assert_true (ps_time_axis_get_limits (axis, &limit_from, &limit_to));
  g_test_message ("loaded from %" G_GINT64_FORMAT ", axis from %" G_GINT64_FORMAT,
                  ps_market_get_shown_from_ms (ps_window_get_market (window)), limit_from);
  g_assert_cmpint (ps_market_get_shown_from_ms (ps_window_get_market (window)), <, FIRST_CANDLE);
  g_assert_cmpint (limit_from, ==, FIRST_CANDLE);
  ps_time_axis_fit (axis);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, FIRST_CANDLE);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* lent */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
select_day (GtkWidget *calendar,
            int        year,
            int        month,
            int        day)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, 12, 0, 0);

  gtk_calendar_select_day (GTK_CALENDAR (calendar), date);
}

/* The calendars of the dialog, first day then last day. */
static void
find_calendars (GtkWidget  *widget,
                GtkWidget **calendars,
                guint      *n)
{
  if (GTK_IS_CALENDAR (widget) && *n < 2)
    calendars[(*n)++] = widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_calendars (child, calendars, n);
}

/* "Custom…" opens the dialog; Oct 1–7 shows those days, in the title too;
 * a preset goes back to the recent days. */
static void
check_custom_range (PsWindow *window)
{
  GtkDropDown *range = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                      PS_TYPE_WINDOW, "range_dropdown"));
  PsTimeAxis *axis = ps_window_get_axis (window);
  AdwMessageDialog *dialog;
  GtkWidget *calendars[2];
  guint n = 0;
  guint custom = g_list_model_get_n_items (gtk_drop_down_get_model (range)) - 1;

  g_assert_true (ps_time_axis_get_utc (axis));
  gtk_drop_down_set_selected (range, custom);
  ps_test_spin (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  find_calendars (adw_message_dialog_get_extra_child (dialog), calendars, &n);
  g_assert_cmpuint (n, ==, 2);

  /* A last day before the first: no way to show it. */
  select_day (calendars[0], 2025, 10, 7);
  select_day (calendars[1], 2025, 10, 1);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "show"));
  select_day (calendars[0], 2025, 10, 1);
  select_day (calendars[1], 2025, 10, 7);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "show"));
  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = NULL;
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "window-custom-range.png", NULL);

      ps_test_spin (300);
      shot = screenshot (GTK_WIDGET (dialog));
      gdk_texture_save_to_png (shot, path);
    }
  adw_message_dialog_response (dialog, "show");

  g_assert_true (wait_for (market_loaded, window, 30));
  ps_test_spin (200);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, OCT_1);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis), ==, OCT_1 + 7 * DAY);
  g_assert_cmpint (ps_market_get_shown_to_ms (ps_window_get_market (window)), ==, OCT_1 + 7 * DAY);
  g_assert_cmpuint (gtk_drop_down_get_selected (range), ==, custom);
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (
                              ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                               PS_TYPE_WINDOW,
                                                                               "window_title"))),
                            "2025-10-01 – 2025-10-07"));

  /* Cancelled, the list goes back to what is shown. */
  gtk_drop_down_set_selected (range, custom);
  ps_test_spin (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpuint (gtk_drop_down_get_selected (range), ==, custom);

  /* The week preset again: the recent week, though range-days never changed. */
  gtk_drop_down_set_selected (range, 1);
  g_assert_true (wait_for (market_loaded, window, 30));
  ps_test_spin (200);
  g_assert_cmpint (ps_market_get_shown_to_ms (ps_window_get_market (window)), >, DEC_15);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis), ==, 7 * DAY);
}

/* A range-days off the presets has an item of its own, named by its days
 * (not the nearest preset's "1 month"); a preset takes it away again. */
static void
check_other_range (PsWindow *window)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkDropDown *range = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                      PS_TYPE_WINDOW, "range_dropdown"));
  GListModel *model = gtk_drop_down_get_model (range);
  guint n = g_list_model_get_n_items (model);
  guint selected;

  g_settings_set_uint (settings, "range-days", 45);
  g_assert_true (wait_for (market_loaded, window, 30));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  selected = gtk_drop_down_get_selected (range);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), selected), ==, "45 days");
  /* In its place among the presets: after a month, before three months. */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), selected - 1), ==,
                   "1 month");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), selected + 1), ==,
                   "3 months");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), n), ==, "Custom…");
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (
                              ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                               PS_TYPE_WINDOW,
                                                                               "window_title"))),
                            "last 45 days"));

  /* Another off-preset value replaces the item, not adds one. */
  g_settings_set_uint (settings, "range-days", 20);
  g_assert_true (wait_for (market_loaded, window, 30));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model),
                                               gtk_drop_down_get_selected (range)), ==, "20 days");
  g_assert_cmpuint (gtk_drop_down_get_selected (range), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 3), ==, "1 month");

  /* The month preset beside it picks a month, not the item's 20 days. */
  gtk_drop_down_set_selected (range, 3);
  g_assert_true (wait_for (market_loaded, window, 30));
  g_assert_cmpuint (g_settings_get_uint (settings, "range-days"), ==, 30);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_settings_set_uint (settings, "range-days", 20);
  g_assert_true (wait_for (market_loaded, window, 30));
  g_assert_cmpint (ps_time_axis_get_to_ms (ps_window_get_axis (window)) -
                   ps_time_axis_get_from_ms (ps_window_get_axis (window)),
                   ==, 20 * DAY);

  /* The week preset: the item goes, the week is shown. */
  gtk_drop_down_set_selected (range, 1);
  g_assert_true (wait_for (market_loaded, window, 30));
  g_assert_cmpuint (g_settings_get_uint (settings, "range-days"), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpuint (gtk_drop_down_get_selected (range), ==, 1);
}

static void
activate_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));

  g_assert_true (wait_for (market_loaded, window, 30));
  ps_test_spin (300);
  check_history (window);
  check_custom_range (window);
  check_other_range (window);
  g_application_quit (G_APPLICATION (app));
}

static void
test_window_history (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  server = ps_test_server_new ();
  g_setenv ("PERPSCOPE_BINANCE_REST", ps_test_server_get_uri (server), TRUE);
  g_settings_set_string (settings, "interval", "4h");
  g_settings_set_uint (settings, "range-days", 7);
  g_settings_set_boolean (settings, "utc", TRUE);
  run_app (NULL, G_CALLBACK (activate_cb));
  ps_test_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window/history", test_window_history);

  return g_test_run ();
}
