/* test-window-prefs.c: the preferences, the shortcuts window, the main menu
 * and the window's accessible names, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "ps-chart-pane.h"
#include "ps-preferences-window.h"
#include "ps-render.h"
#include "ps-test-window.h"

static gboolean
demo_shown (gpointer data)
{
  PsMarket *market = ps_window_get_market (data);

  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         !ps_market_get_loading (market) && ps_market_get_is_demo (market);
}

/* The isolated test dirs hide the system's MIME database, without which
 * gdk-pixbuf cannot tell GTK's own SVG icons (AdwPreferencesWindow's search
 * page) from any file and warns; the user's desktop has it. Before GTK starts. */
static void
use_system_data_dirs (void)
{
  g_setenv ("XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
}

static PsWindow *
open_window (GApplication *app)
{
  PsWindow *window = ps_window_new (PS_APPLICATION (app),
                                    ps_application_get_core (PS_APPLICATION (app)));

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (demo_shown, window, 20));
  ps_test_spin (300);
  return window;
}

/* Whether the widget's accessible label, as a screen reader reads it, is label. */
static gboolean
has_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                  label);

  return mismatch == NULL;
}

/* The first widget under root, depth first, of type (G_TYPE_NONE: any) and,
 * unless NULL, with the accessible label. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  if ((type == G_TYPE_NONE || G_TYPE_CHECK_INSTANCE_TYPE (root, type)) &&
      (label == NULL || has_accessible_label (root, label)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static PsPreferencesWindow *
find_preferences (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (PS_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
cache_measured (gpointer data)
{
  const char *text = ps_preferences_window_get_cache_text (data);

  return text != NULL && strstr (text, "in use") != NULL;
}

/* Pixels of exactly rgb (0xRRGGBB, within rounding) in a screenshot. */
static guint
count_rgb (GdkTexture *texture,
           guint32     rgb)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  guint n = 0;

  gdk_texture_download (texture, data, width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      /* B G R A in memory. */
      const guchar *p = data + i * 4;

      n += ABS ((int) p[2] - (int) ((rgb >> 16) & 0xff)) <= 2 &&
           ABS ((int) p[1] - (int) ((rgb >> 8) & 0xff)) <= 2 &&
           ABS ((int) p[0] - (int) (rgb & 0xff)) <= 2;
    }
  return n;
}

static guint32
rgb_of (const PsColor *color)
{
  return ((guint32) (color->red * 255 + 0.5) << 16) |
         ((guint32) (color->green * 255 + 0.5) << 8) |
         (guint32) (color->blue * 255 + 0.5);
}

/* The palette switch turns the price pane's candles from green to blue. */
static void
check_palette (PsWindow            *window,
               PsPreferencesWindow *prefs,
               GSettings           *settings)
{
  GtkWidget *pane = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  GtkWidget *toggle = find_widget (GTK_WIDGET (prefs), GTK_TYPE_SWITCH,
                                   "Colour-blind-safe palette");
  PsChartStyle standard, safe;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autofree char *palette = NULL;
  PsPalette property;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  g_assert_nonnull (toggle);
  ps_chart_style_init (&standard, dark, PS_PALETTE_STANDARD);
  ps_chart_style_init (&safe, dark, PS_PALETTE_COLOUR_BLIND);
  before = screenshot (pane);

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  ps_test_spin (300);
  palette = g_settings_get_string (settings, "palette");
  g_assert_cmpstr (palette, ==, "colour-blind");
  g_object_get (pane, "palette", &property, NULL);
  g_assert_cmpint (property, ==, PS_PALETTE_COLOUR_BLIND);

  after = screenshot (pane);
  g_test_message ("up candles: %u green then %u; %u blue then %u",
                  count_rgb (before, rgb_of (&standard.up)),
                  count_rgb (after, rgb_of (&standard.up)),
                  count_rgb (before, rgb_of (&safe.up)), count_rgb (after, rgb_of (&safe.up)));
  g_assert_cmpuint (count_rgb (before, rgb_of (&standard.up)), >, 200);
  g_assert_cmpuint (count_rgb (after, rgb_of (&standard.up)), <, 20);
  g_assert_cmpuint (count_rgb (after, rgb_of (&safe.up)), >, 200);
  g_assert_cmpuint (count_rgb (after, rgb_of (&safe.down)), >, 200);

  /* And back from the settings: the switch follows. */
  g_settings_reset (settings, "palette");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
}

static void
check_style (PsPreferencesWindow *prefs,
             GSettings           *settings)
{
  GtkWidget *row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, NULL);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *scheme = NULL;

  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));

  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  g_assert_false (adw_style_manager_get_dark (manager));
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

/* The heatmap's rows reach the window's analysis as its parameters. */
static void
check_heatmap (PsWindow            *window,
               PsPreferencesWindow *prefs,
               GSettings           *settings)
{
  PsMarketAnalysis *analysis = ps_window_get_analysis (window);
  GtkWidget *bins = find_widget (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, "Price bins");
  GtkWidget *maint = find_widget (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON,
                                  "Maintenance rate in percent, 0 for Binance’s tier");
  GtkWidget *tiers = find_widget (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, NULL);
  const PsHeatmapParams *params;
  g_autofree char *text = NULL;

  g_assert_nonnull (bins);
  g_assert_nonnull (maint);
  g_assert_nonnull (tiers);

  /* The defaults are the model's. */
  params = &ps_market_analysis_get_params (analysis)->heatmap;
  g_assert_cmpuint (params->n_bins, ==, 1000);
  g_assert_cmpuint (params->n_tiers, ==, 5);
  g_assert_true (isnan (params->maint_rate));
  g_assert_cmpfloat (params->zone_threshold, ==, 0.25);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (bins), 600);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (maint), 0.5);
  g_assert_cmpuint (g_settings_get_uint (settings, "heatmap-bins"), ==, 600);
  params = &ps_market_analysis_get_params (analysis)->heatmap;
  g_assert_cmpuint (params->n_bins, ==, 600);
  g_assert_cmpfloat_with_epsilon (params->maint_rate, 0.005, 1e-12);

  /* Tiers: saved on Apply, and only when they parse. */
  gtk_editable_set_text (GTK_EDITABLE (tiers), "10:1, 20:1");
  g_signal_emit_by_name (tiers, "apply");
  text = g_settings_get_string (settings, "heatmap-tiers");
  g_assert_cmpstr (text, ==, "10:1, 20:1");
  params = &ps_market_analysis_get_params (analysis)->heatmap;
  g_assert_cmpuint (params->n_tiers, ==, 2);
  g_assert_cmpfloat (params->leverage[1], ==, 20);

  gtk_editable_set_text (GTK_EDITABLE (tiers), "ten:1");
  g_assert_true (gtk_widget_has_css_class (tiers, "error"));
  g_signal_emit_by_name (tiers, "apply");
  g_clear_pointer (&text, g_free);
  text = g_settings_get_string (settings, "heatmap-tiers");
  g_assert_cmpstr (text, ==, "10:1, 20:1");

  /* Reset: the model's defaults again, in the rows too. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (prefs), "_Reset"), "clicked");
  params = &ps_market_analysis_get_params (analysis)->heatmap;
  g_assert_cmpuint (params->n_bins, ==, 1000);
  g_assert_cmpuint (params->n_tiers, ==, 5);
  g_assert_true (isnan (params->maint_rate));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (bins)), ==, 1000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tiers)), ==,
                   "5:0.3,10:0.3,25:0.2,50:0.12,100:0.08");
}

static void
check_data (PsWindow            *window,
            PsPreferencesWindow *prefs,
            GSettings           *settings)
{
  GtkWidget *cache = find_widget (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON,
                                  "Cache size limit in MB, 0 for none");
  GtkWidget *utc = find_widget (GTK_WIDGET (prefs), GTK_TYPE_SWITCH, "Times in UTC");
  GtkWidget *record = find_widget (GTK_WIDGET (prefs), GTK_TYPE_SWITCH,
                                   "Record live liquidations");

  g_assert_nonnull (cache);
  g_assert_nonnull (utc);
  g_assert_nonnull (record);

  /* The size in use, measured when the window opened. */
  g_assert_true (wait_for (cache_measured, prefs, 20));
  g_test_message ("cache: %s", ps_preferences_window_get_cache_text (prefs));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cache), 500);
  g_assert_cmpuint (g_settings_get_uint (settings, "cache-size-limit-mb"), ==, 500);

  g_assert_true (ps_time_axis_get_utc (ps_window_get_axis (window)));
  gtk_switch_set_active (GTK_SWITCH (utc), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "utc"));
  g_assert_false (ps_time_axis_get_utc (ps_window_get_axis (window)));

  gtk_switch_set_active (GTK_SWITCH (record), !gtk_switch_get_active (GTK_SWITCH (record)));
  g_assert_cmpint (g_settings_get_boolean (settings, "record-live"), ==,
                   gtk_switch_get_active (GTK_SWITCH (record)));
}

static void
prefs_activate_cb (GApplication *app)
{
  PsWindow *window = open_window (app);
  GSettings *settings = ps_application_get_settings (PS_APPLICATION (app));
  PsPreferencesWindow *prefs;

  /* Ctrl+comma and the main menu's Preferences. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "app.preferences");

    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>comma"));
  }
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = find_preferences (GTK_APPLICATION (app));
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (window));
  ps_test_spin (300);

  check_palette (window, prefs, settings);
  check_style (prefs, settings);
  check_heatmap (window, prefs, settings);
  check_data (window, prefs, settings);

  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = screenshot (GTK_WIDGET (prefs));
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "preferences.png", NULL);

      gdk_texture_save_to_png (shot, path);
    }
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_application_quit (app);
}

static void
test_window_preferences (void)
{
  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:9", TRUE);
  use_system_data_dirs ();
  run_app (NULL, G_CALLBACK (prefs_activate_cb));
}

/* Accessible names --------------------------------------------------------- */

/* What the user can press, type in, drag or focus. A scrolled window may
 * take the focus too, but it is a container, read out by what it holds. */
static gboolean
is_interactive (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_EDITABLE (widget) || GTK_IS_SWITCH (widget) || GTK_IS_RANGE (widget) ||
         PS_IS_CHART_PANE (widget) ||
         (gtk_widget_get_focusable (widget) && !GTK_IS_SCROLLED_WINDOW (widget) &&
          !GTK_IS_VIEWPORT (widget));
}

static gboolean has_name (GtkWidget *widget);

/* A button is labelled by its child: a label says something, an icon not. */
static gboolean
labelled_by_child (GtkWidget *widget)
{
  GtkWidget *child = GTK_IS_BUTTON (widget) ? gtk_button_get_child (GTK_BUTTON (widget)) : NULL;
  g_autofree char *mismatch = NULL;

  if (child == NULL)
    return FALSE;
  mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY, child, NULL);
  return mismatch == NULL;
}

/* A name a screen reader can say: an accessible label, a labelling widget
 * that has one, a mnemonic label pointing at it, its own label text. A
 * tooltip alone is not one on GTK 4.8. */
static gboolean
has_name (GtkWidget *widget)
{
  g_autoptr(GList) mnemonic_labels = gtk_widget_list_mnemonic_labels (widget);

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      mnemonic_labels != NULL)
    return TRUE;
  if (labelled_by_child (widget))
    return has_name (gtk_button_get_child (GTK_BUTTON (widget)));
  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      *gtk_button_get_label (GTK_BUTTON (widget)) != '\0')
    return TRUE;
  return GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0';
}

/* Every interactive widget under root, and in the popovers of its menu
 * buttons, with no name: their type names, to say which. */
static void
collect_unnamed (GtkWidget *root,
                 GPtrArray *unnamed)
{
  /* A scrolled window's, which GTK describes. */
  if (GTK_IS_SCROLLBAR (root))
    return;
  if (is_interactive (root))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (root);

      if (!has_name (root))
        g_ptr_array_add (unnamed, g_strdup_printf ("%s (%s)", G_OBJECT_TYPE_NAME (root),
                                                   tooltip ? tooltip : "no tooltip"));
      /* Its own parts (an entry's text, a drop-down's button) are named by it. */
      if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (root)) &&
          gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)) == NULL)
        collect_unnamed (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (root))),
                         unnamed);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

static void
collect_pages (GtkWidget *root,
               GPtrArray *pages)
{
  static const char * const ours[] = { "appearance", "data", "heatmap", NULL };

  if (ADW_IS_PREFERENCES_PAGE (root) &&
      g_strv_contains (ours, adw_preferences_page_get_name (ADW_PREFERENCES_PAGE (root)) ?: ""))
    {
      g_ptr_array_add (pages, root);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_pages (child, pages);
}

static const char *
unnamed_text (GPtrArray *unnamed)
{
  static char *text;

  g_ptr_array_add (unnamed, NULL);
  g_free (text);
  text = g_strjoinv (", ", (char **) unnamed->pdata);
  g_ptr_array_remove_index (unnamed, unnamed->len - 1);
  return text;
}

static void
a11y_activate_cb (GApplication *app)
{
  PsWindow *window = open_window (app);
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  static const struct { PsChartPaneKind kind; const char *label; } panes[] = {
    { PS_CHART_PANE_PRICE, "Price chart" },
    { PS_CHART_PANE_OPEN_INTEREST, "Open interest chart" },
    { PS_CHART_PANE_FUNDING, "Funding rate chart" },
    { PS_CHART_PANE_LIQUIDATIONS, "Liquidations chart" },
  };
  GtkWidget *entry;
  PsPreferencesWindow *prefs;

  /* The panes say what they show. */
  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    g_assert_true (has_accessible_label (ps_window_get_pane (window, panes[i].kind),
                                         panes[i].label));
  /* The header's controls without a visible label. */
  entry = find_widget (GTK_WIDGET (window), GTK_TYPE_ENTRY, NULL);
  g_assert_true (has_accessible_label (entry, "Symbol"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, "Exchange"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, "Candle interval"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, "History shown"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "Main menu"));

  /* And every interactive widget, whatever it is: the window (the header's
   * buttons hidden on a narrow window too, the heatmap popover's) … */
  collect_unnamed (GTK_WIDGET (window), unnamed);
  g_assert_cmpstr (unnamed_text (unnamed), ==, "");

  /* … and the preferences' pages (their search is libadwaita's). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = find_preferences (GTK_APPLICATION (app));
  collect_pages (GTK_WIDGET (prefs), pages);
  g_assert_cmpuint (pages->len, ==, 3);
  for (guint i = 0; i < pages->len; i++)
    collect_unnamed (g_ptr_array_index (pages, i), unnamed);
  g_assert_cmpstr (unnamed_text (unnamed), ==, "");

  /* The check can fail: a widget without a name is found. */
  {
    GtkWidget *bare = gtk_button_new_from_icon_name ("edit-clear-symbolic");

    g_object_ref_sink (bare);
    collect_unnamed (bare, unnamed);
    g_assert_cmpuint (unnamed->len, ==, 1);
    g_object_unref (bare);
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_application_quit (app);
}

static void
test_window_accessible_names (void)
{
  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:9", TRUE);
  use_system_data_dirs ();
  run_app (NULL, G_CALLBACK (a11y_activate_cb));
}

/* Shortcuts and the main menu -------------------------------------------------- */

static void
collect_shortcuts (GtkWidget  *root,
                   GPtrArray  *actions,
                   guint      *n_gestures)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *action = NULL;
      GtkShortcutType type;

      g_object_get (root, "action-name", &action, "shortcut-type", &type, NULL);
      if (action != NULL)
        g_ptr_array_add (actions, g_steal_pointer (&action));
      if (type != GTK_SHORTCUT_ACCELERATOR)
        (*n_gestures)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, actions, n_gestures);
}

static void
collect_menu_actions (GMenuModel *model,
                      GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      char *action = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, action);
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          collect_menu_actions (link, actions);
          g_object_unref (link);
        }
    }
}

static gboolean
contains (GPtrArray  *strings,
          const char *string)
{
  return g_ptr_array_find_with_equal_func (strings, string, g_str_equal, NULL);
}

static void
shortcuts_activate_cb (GApplication *app)
{
  PsWindow *window = open_window (app);
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) in_menu = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) described = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  static const char * const menu_actions[] = {
    "app.preferences", "win.show-help-overlay", "app.about", "market.export", "market.refresh",
    "win.side-panel",
  };
  GtkShortcutsWindow *overlay;
  GtkWidget *menu_button;
  guint n_gestures = 0;

  /* Ctrl+? opens it: GtkApplication's, from gtk/help-overlay.ui. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.show-help-overlay");

    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  }
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  ps_test_spin (300);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  /* Every action with an accelerator is listed, and the pointer's gestures. */
  collect_shortcuts (GTK_WIDGET (overlay), listed, &n_gestures);
  for (guint i = 0; described[i] != NULL; i++)
    if (!contains (listed, described[i]))
      g_error ("%s has an accelerator but is not in the shortcuts window", described[i]);
  g_assert_cmpuint (n_gestures, >=, 9);

  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = screenshot (GTK_WIDGET (overlay));
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "shortcuts.png", NULL);

      gdk_texture_save_to_png (shot, path);
    }
  gtk_window_close (GTK_WINDOW (overlay));

  /* The main menu: Preferences, Keyboard Shortcuts, About, each of its
   * commands with a key. */
  menu_button = find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "Main menu");
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu_button)));
  collect_menu_actions (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), in_menu);
  for (guint i = 0; i < G_N_ELEMENTS (menu_actions); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    menu_actions[i]);

      g_assert_true (contains (in_menu, menu_actions[i]));
      if (!g_str_equal (menu_actions[i], "app.about"))
        g_assert_cmpuint (g_strv_length (accels), >, 0);
    }

  g_application_quit (app);
}

static void
test_window_shortcuts (void)
{
  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:9", TRUE);
  use_system_data_dirs ();
  run_app (NULL, G_CALLBACK (shortcuts_activate_cb));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);
  /* Accessible properties kept where the tests read them (GTK's test
   * context), instead of nowhere (GTK_A11Y=none, the suite's). */
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_add_func ("/perpscope/ui/preferences/rows", test_window_preferences);
  g_test_add_func ("/perpscope/ui/window/accessible-names", test_window_accessible_names);
  g_test_add_func ("/perpscope/ui/window/shortcuts", test_window_shortcuts);

  return g_test_run ();
}
