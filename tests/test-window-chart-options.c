/* test-window-chart-options.c: the main menu's Chart section under Xvfb —
 * each action changes its setting, the setting reaches its pane as a
 * property, and only that pane draws again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "ps-chart-pane.h"
#include "ps-test-window.h"

static gboolean
demo_shown (gpointer data)
{
  PsMarket *market = ps_window_get_market (data);

  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         !ps_market_get_loading (market) && ps_market_get_is_demo (market);
}

typedef struct
{
  const char     *action;
  GVariant       *state;      /* the action's new state (floating) */
  const char     *property;
  PsChartPaneKind kind;       /* the pane that draws it */
} OptionCase;

static guint
n_renders (PsWindow        *window,
           PsChartPaneKind  kind)
{
  return ps_chart_pane_get_n_renders (PS_CHART_PANE (ps_window_get_pane (window, kind)));
}

static void
check_option (PsWindow         *window,
              const OptionCase *c)
{
  static const PsChartPaneKind kinds[] = {
    PS_CHART_PANE_PRICE, PS_CHART_PANE_OPEN_INTEREST, PS_CHART_PANE_FUNDING,
  };
  GtkWidget *pane = ps_window_get_pane (window, c->kind);
  guint before[G_N_ELEMENTS (kinds)];
  g_autoptr(GVariant) state = g_variant_ref_sink (c->state);
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), c->action));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    before[i] = n_renders (window, kinds[i]);
  g_action_group_change_action_state (G_ACTION_GROUP (window), c->action, state);
  ps_test_spin (300);

  g_object_get_property (G_OBJECT (pane), c->property, &value);
  if (G_VALUE_HOLDS_BOOLEAN (&value))
    g_assert_true (g_value_get_boolean (&value));
  else
    g_assert_cmpint (g_value_get_enum (&value), !=, 0);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == c->kind)
      g_assert_cmpuint (n_renders (window, kinds[i]), >, before[i]);
    else
      g_assert_cmpuint (n_renders (window, kinds[i]), ==, before[i]);
}

static void
activate_cb (GApplication *app)
{
  PsWindow *window = ps_window_new (PS_APPLICATION (app),
                                    ps_application_get_core (PS_APPLICATION (app)));
  GSettings *settings = ps_application_get_settings (PS_APPLICATION (app));
  const OptionCase cases[] = {
    { "price-style", g_variant_new_string ("ohlc"), "price-style", PS_CHART_PANE_PRICE },
    { "log-scale", g_variant_new_boolean (TRUE), "log-scale", PS_CHART_PANE_PRICE },
    { "show-volume", g_variant_new_boolean (TRUE), "show-volume", PS_CHART_PANE_PRICE },
    { "oi-coin", g_variant_new_boolean (TRUE), "oi-unit", PS_CHART_PANE_OPEN_INTEREST },
    { "oi-delta", g_variant_new_boolean (TRUE), "oi-delta", PS_CHART_PANE_OPEN_INTEREST },
    { "funding-annualised", g_variant_new_boolean (TRUE), "funding-annualised",
      PS_CHART_PANE_FUNDING },
  };
  g_autofree char *unit = NULL;
  g_autofree char *style = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (demo_shown, window, 20));
  ps_test_spin (500);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_option (window, &cases[i]);

  /* The settings hold what the menu chose, for the next start and reports. */
  unit = g_settings_get_string (settings, "oi-unit");
  style = g_settings_get_string (settings, "price-style");
  g_assert_cmpstr (unit, ==, "coin");
  g_assert_cmpstr (style, ==, "ohlc");
  g_assert_true (g_settings_get_boolean (settings, "log-scale"));

  /* A setting changed elsewhere moves the menu's check too. */
  g_settings_set_string (settings, "oi-unit", "usd");
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window),
                                                                 "oi-coin");

    g_assert_false (g_variant_get_boolean (state));
  }

  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = screenshot (GTK_WIDGET (window));
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "window-chart-options.png", NULL);

      gdk_texture_save_to_png (shot, path);
    }
  g_application_quit (app);
}

static void
test_window_chart_options (void)
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

  g_test_add_func ("/perpscope/ui/window/chart-options", test_window_chart_options);

  return g_test_run ();
}
