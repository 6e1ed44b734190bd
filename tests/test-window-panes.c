/* test-window-panes.c: the chart panes' borders dragged, panes hidden, both
 * remembered, under Xvfb
 *
 * The drag and the double-click go through xdotool when it is there (the
 * real path: X, GTK, the stack's gesture); without it they are skipped and
 * the test says so. Hiding goes through the window's action, as the menu's
 * check item does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "ps-chart-pane.h"
#include "ps-pane-kinds.h"
#include "ps-test-window.h"

static gboolean have_xdotool;

/* What the first window left for the second to check. */
static int price_h, oi_h, liq_h;

static gboolean
demo_shown (gpointer data)
{
  PsMarket *market = ps_window_get_market (data);

  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         !ps_market_get_loading (market) && ps_market_get_is_demo (market);
}

static PsWindow *
settled_window (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));

  g_assert_true (PS_IS_WINDOW (window));
  g_assert_true (wait_for (demo_shown, window, 30));
  ps_test_spin (500);
  return window;
}

static int
pane_height (PsWindow        *window,
             PsChartPaneKind  kind)
{
  GtkWidget *pane = ps_window_get_pane (window, kind);

  return gtk_widget_get_mapped (pane) ? gtk_widget_get_height (pane) : 0;
}

static void
xdotool (const char *args)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");
  g_autofree char *argv_text = g_strdup_printf ("%s search --sync --name Perpscope %s", path, args);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_shell_parse_argv (argv_text, NULL, &argv, NULL));
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The middle of the border under the i-th shown pane, in the window. */
static graphene_point_t
handle_point (PsWindow *window,
              guint     i)
{
  GtkWidget *handle = ps_pane_stack_get_handle (ps_window_get_pane_stack (window), i);
  graphene_point_t point;
  double sx, sy;

  g_assert_nonnull (handle);
  g_assert_true (gtk_widget_get_mapped (handle));
  g_assert_true (gtk_widget_compute_point (handle, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (handle) / 2.,
                                                                 gtk_widget_get_height (handle) / 2.),
                                           &point));
  /* In the X window: past the client-side decorations' shadow. */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  point.x += sx;
  point.y += sy;
  return point;
}

/* Drags the border under the i-th shown pane by dy px, in steps. */
static void
drag_handle (PsWindow *window,
             guint     i,
             int       dy)
{
  graphene_point_t p = handle_point (window, i);
  g_autofree char *args = NULL;

  args = g_strdup_printf ("mousemove --window %%1 %d %d sleep 0.1 mousedown 1 sleep 0.1 "
                          "mousemove --window %%1 %d %d sleep 0.1 "
                          "mousemove --window %%1 %d %d sleep 0.1 mouseup 1",
                          (int) p.x, (int) p.y, (int) p.x, (int) p.y + dy / 2,
                          (int) p.x, (int) p.y + dy);
  xdotool (args);
  ps_test_spin (500);
}

static double
saved_size (const char *id)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) sizes = g_settings_get_value (settings, "pane-heights");
  double size = 0;

  g_variant_lookup (sizes, id, "d", &size);
  return size;
}

/* The actions the main menu's items name, section by section. */
static void
collect_menu_actions (GMenuModel *menu,
                      GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      char *action = NULL;

      if (section != NULL)
        collect_menu_actions (section, actions);
      else if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, action);
    }
}

static GtkWidget *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The main menu has a check item for each pane that can be hidden, and
 * the reset, each naming an action the window has. */
static void
check_menu (PsWindow *window)
{
  GtkWidget *button = find_primary_menu_button (GTK_WIDGET (window));
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  const PsPaneKind *kinds;
  guint n_kinds, n_checks = 0;

  g_assert_nonnull (button);
  collect_menu_actions (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), actions);
  kinds = ps_pane_kinds_get (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      g_autofree char *name = g_strconcat ("win.show-pane-", kinds[i].id, NULL);

      g_assert_cmpint (g_ptr_array_find_with_equal_func (actions, name, g_str_equal, NULL),
                       ==, kinds[i].can_hide);
      n_checks += kinds[i].can_hide;
      if (kinds[i].can_hide)
        g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), name + 4));
    }
  g_assert_cmpuint (n_checks, >=, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (actions, "win.reset-pane-sizes", g_str_equal,
                                                   NULL));
}

static void
first_window (GtkApplication *app)
{
  PsWindow *window = settled_window (app);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) hidden = NULL;
  int price0 = pane_height (window, PS_CHART_PANE_PRICE);
  int oi0 = pane_height (window, PS_CHART_PANE_OPEN_INTEREST);
  int funding0 = pane_height (window, PS_CHART_PANE_FUNDING);
  int liq0 = pane_height (window, PS_CHART_PANE_LIQUIDATIONS);
  int time0 = pane_height (window, PS_CHART_PANE_TIME_LABELS);
  int all0 = price0 + oi0 + funding0 + liq0;
  const PsPaneKind *price_kind = ps_pane_kinds_lookup ("price");
  GtkWidget *handle;

  g_test_message ("panes %d %d %d %d, time %d", price0, oi0, funding0, liq0, time0);
  check_menu (window);
  /* The defaults: the table's shares of the room. */
  g_assert_cmpfloat (fabs (price0 - (all0 + 3) * price_kind->share), <=, 3);
  g_assert_cmpint (oi0, >=, 64);
  g_assert_cmpint (funding0, >=, 64);

  /* A border: a thin line, a taller hit area, the resize cursor. */
  handle = ps_pane_stack_get_handle (ps_window_get_pane_stack (window), 0);
  g_assert_nonnull (handle);
  g_assert_cmpint (gtk_widget_get_height (handle), >=, 5);
  g_assert_nonnull (gtk_widget_get_cursor (handle));
  g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (handle)), ==, "row-resize");
  g_assert_null (ps_pane_stack_get_handle (ps_window_get_pane_stack (window), 3));

  if (have_xdotool)
    {
      /* Price down by 40 px: open interest gives them, the rest stays. */
      drag_handle (window, 0, 40);
      g_test_message ("after the drag %d %d %d %d", pane_height (window, PS_CHART_PANE_PRICE),
                      pane_height (window, PS_CHART_PANE_OPEN_INTEREST),
                      pane_height (window, PS_CHART_PANE_FUNDING),
                      pane_height (window, PS_CHART_PANE_LIQUIDATIONS));
      g_assert_cmpint (abs (pane_height (window, PS_CHART_PANE_PRICE) - (price0 + 40)), <=, 1);
      g_assert_cmpint (abs (pane_height (window, PS_CHART_PANE_OPEN_INTEREST) - (oi0 - 40)), <=, 1);
      g_assert_cmpint (abs (pane_height (window, PS_CHART_PANE_FUNDING) - funding0), <=, 1);
      g_assert_cmpint (abs (pane_height (window, PS_CHART_PANE_LIQUIDATIONS) - liq0), <=, 1);
      g_assert_cmpint (pane_height (window, PS_CHART_PANE_TIME_LABELS), ==, time0);
      g_assert_cmpfloat (saved_size ("price"), >, price_kind->share + 0.03);

      /* Not below a minimum: open interest stops at its 64 px. */
      drag_handle (window, 0, 400);
      g_assert_cmpint (pane_height (window, PS_CHART_PANE_OPEN_INTEREST), ==, 64);
      g_assert_cmpint (abs (pane_height (window, PS_CHART_PANE_PRICE) - (price0 + oi0 - 64)), <=, 1);

      /* A double-click puts every border back. */
      {
        graphene_point_t p = handle_point (window, 0);
        g_autofree char *args = g_strdup_printf ("mousemove --window %%1 %d %d click --repeat 2 --delay 80 1",
                                                 (int) p.x, (int) p.y);

        xdotool (args);
        ps_test_spin (500);
      }
      g_assert_cmpint (abs (pane_height (window, PS_CHART_PANE_PRICE) - price0), <=, 1);
      g_assert_cmpint (abs (pane_height (window, PS_CHART_PANE_OPEN_INTEREST) - oi0), <=, 1);
      g_assert_cmpfloat_with_epsilon (saved_size ("price"), price_kind->share, 1e-6);

      drag_handle (window, 0, 30);
    }
  else
    {
      g_autoptr(GVariant) sizes = NULL;

      g_test_message ("xdotool is missing: the drag is not tested");
      sizes = g_variant_ref_sink (g_variant_new_parsed ("{'price': 0.55, 'open-interest': 0.09, "
                                                        "'funding': 0.14, 'liquidations': 0.22}"));
      g_settings_set_value (settings, "pane-heights", sizes);
      ps_pane_stack_set_sizes (ps_window_get_pane_stack (window), sizes);
      ps_test_spin (300);
    }

  /* Funding hidden as the menu's check item hides it: its room goes to the
   * others, the border under it too; the settings say so. */
  oi0 = pane_height (window, PS_CHART_PANE_OPEN_INTEREST);
  price0 = pane_height (window, PS_CHART_PANE_PRICE);
  funding0 = pane_height (window, PS_CHART_PANE_FUNDING);
  liq0 = pane_height (window, PS_CHART_PANE_LIQUIDATIONS);
  g_assert_true (g_variant_get_boolean (g_action_group_get_action_state (G_ACTION_GROUP (window),
                                                                         "show-pane-funding")));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-pane-funding",
                                      g_variant_new_boolean (FALSE));
  ps_test_spin (300);
  g_assert_false (gtk_widget_get_visible (ps_window_get_pane (window, PS_CHART_PANE_FUNDING)));
  g_assert_null (ps_pane_stack_get_handle (ps_window_get_pane_stack (window), 2));
  g_test_message ("funding hidden: %d %d %d", pane_height (window, PS_CHART_PANE_PRICE),
                  pane_height (window, PS_CHART_PANE_OPEN_INTEREST),
                  pane_height (window, PS_CHART_PANE_LIQUIDATIONS));
  g_assert_cmpint (pane_height (window, PS_CHART_PANE_PRICE) +
                   pane_height (window, PS_CHART_PANE_OPEN_INTEREST) +
                   pane_height (window, PS_CHART_PANE_LIQUIDATIONS),
                   ==, price0 + oi0 + funding0 + liq0 + 1);
  g_assert_cmpint (pane_height (window, PS_CHART_PANE_PRICE), >, price0);
  g_assert_cmpint (pane_height (window, PS_CHART_PANE_LIQUIDATIONS), >, liq0);
  g_assert_cmpint (pane_height (window, PS_CHART_PANE_TIME_LABELS), ==, time0);
  hidden = g_settings_get_strv (settings, "hidden-panes");
  g_assert_true (g_strv_contains ((const char * const *) hidden, "funding"));
  /* The report leaves it out too (test-pane-kinds checks its layout). */
  {
    /* PS_TEST_PNG_DIR=/tmp keeps it, to look at. */
    const char *dir = g_getenv ("PS_TEST_PNG_DIR");
    g_autofree char *path = g_build_filename (dir ? dir : g_get_user_cache_dir (),
                                              "window-panes-report.png", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (ps_window_export_png (window, path, &error));
    g_assert_no_error (error);
  }
  /* Price has no check item: it cannot be hidden. */
  g_assert_false (g_action_group_has_action (G_ACTION_GROUP (window), "show-pane-price"));

  price_h = pane_height (window, PS_CHART_PANE_PRICE);
  oi_h = pane_height (window, PS_CHART_PANE_OPEN_INTEREST);
  liq_h = pane_height (window, PS_CHART_PANE_LIQUIDATIONS);
  g_application_quit (G_APPLICATION (app));
}

/* A new window: the same sizes and funding still hidden; shown again, it
 * takes back its part. */
static void
second_window (GtkApplication *app)
{
  PsWindow *window = settled_window (app);
  int price1 = pane_height (window, PS_CHART_PANE_PRICE);

  g_test_message ("new window: %d %d %d", price1, pane_height (window, PS_CHART_PANE_OPEN_INTEREST),
                  pane_height (window, PS_CHART_PANE_LIQUIDATIONS));
  g_assert_false (gtk_widget_get_visible (ps_window_get_pane (window, PS_CHART_PANE_FUNDING)));
  g_assert_false (g_variant_get_boolean (g_action_group_get_action_state (G_ACTION_GROUP (window),
                                                                          "show-pane-funding")));
  g_assert_cmpint (abs (price1 - price_h), <=, 1);
  g_assert_cmpint (abs (pane_height (window, PS_CHART_PANE_OPEN_INTEREST) - oi_h), <=, 1);
  g_assert_cmpint (abs (pane_height (window, PS_CHART_PANE_LIQUIDATIONS) - liq_h), <=, 1);

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-pane-funding", NULL);
  ps_test_spin (300);
  g_assert_true (gtk_widget_get_mapped (ps_window_get_pane (window, PS_CHART_PANE_FUNDING)));
  g_assert_cmpint (pane_height (window, PS_CHART_PANE_FUNDING), >=, 64);
  g_assert_cmpint (pane_height (window, PS_CHART_PANE_PRICE), <, price1);

  /* The menu's reset: the table's shares again. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reset-pane-sizes", NULL);
  ps_test_spin (300);
  g_assert_cmpfloat_with_epsilon (saved_size ("price"), ps_pane_kinds_lookup ("price")->share, 1e-6);

  g_application_quit (G_APPLICATION (app));
}

static void
test_panes (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 860);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_boolean (settings, "record-live", FALSE);
  run_app (NULL, G_CALLBACK (first_window));
  run_app (NULL, G_CALLBACK (second_window));
  g_settings_reset (settings, "pane-heights");
  g_settings_reset (settings, "hidden-panes");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;

  ps_test_init (&argc, &argv);
  path = g_find_program_in_path ("xdotool");
  have_xdotool = path != NULL;

  g_test_add_func ("/perpscope/ui/window-panes/drag-hide-remember", test_panes);

  return g_test_run ();
}
