/* test-window-a11y.c: every pane and control of the window and of the
 * Preferences has a name a screen reader can say, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ps-chart-pane.h"
#include "ps-preferences-window.h"
#include "ps-test-window.h"

static gboolean
window_settled (gpointer data)
{
  return gtk_widget_get_mapped (data) &&
         !ps_market_get_loading (ps_window_get_market (data));
}

/* What the user can press, type in, drag or focus. A scrolled window or a
 * list may take the focus too, but it is a container, read out by what it
 * holds: its rows are checked. */
static gboolean
is_interactive (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_EDITABLE (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_RANGE (widget) || PS_IS_CHART_PANE (widget) ||
         (gtk_widget_get_focusable (widget) && !GTK_IS_SCROLLED_WINDOW (widget) &&
          !GTK_IS_VIEWPORT (widget) && !GTK_IS_LIST_BOX (widget));
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

static gboolean
is_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* A name a screen reader can say: an accessible label, a labelling widget,
 * a mnemonic label pointing at it, its own label text. A tooltip alone is
 * not one on GTK 4.8. */
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
  if (GTK_IS_BUTTON (widget) && is_text (gtk_button_get_label (GTK_BUTTON (widget))))
    return TRUE;
  if (GTK_IS_CHECK_BUTTON (widget) &&
      is_text (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget))))
    return TRUE;
  return GTK_IS_LABEL (widget) && is_text (gtk_label_get_text (GTK_LABEL (widget)));
}

/* Every interactive widget under root, and in the popovers of its menu
 * buttons, with no name: their type names and tooltips, to say which. */
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
      /* Its own parts (an entry's text, a drop-down's button) are named by
       * it (a combo or an entry row's are libadwaita's); a popover of
       * widgets is not, nor an action row's switch or spin button. */
      if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (root)) &&
          gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)) == NULL)
        collect_unnamed (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (root))),
                         unnamed);
      if (!ADW_IS_ACTION_ROW (root) || ADW_IS_COMBO_ROW (root))
        return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

/* The controls under root that show no text of their own (an icon, a
 * drop-down's choice, an entry) and have no tooltip to say what they are. */
static void
collect_untipped (GtkWidget *root,
                  GPtrArray *untipped)
{
  gboolean bare;

  /* The window's own, GTK's. */
  if (GTK_IS_WINDOW_CONTROLS (root))
    return;
  bare = (GTK_IS_MENU_BUTTON (root) &&
          gtk_menu_button_get_label (GTK_MENU_BUTTON (root)) == NULL) ||
         (GTK_IS_BUTTON (root) && !is_text (gtk_button_get_label (GTK_BUTTON (root)))) ||
         GTK_IS_DROP_DOWN (root) || GTK_IS_ENTRY (root);

  if (bare)
    {
      if (!is_text (gtk_widget_get_tooltip_text (root)))
        {
          GtkWidget *parent = gtk_widget_get_parent (root);

          g_ptr_array_add (untipped,
                           g_strdup_printf ("%s in %s", G_OBJECT_TYPE_NAME (root),
                                            parent ? G_OBJECT_TYPE_NAME (parent) : "nothing"));
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_untipped (child, untipped);
}

/* The unnamed of every page of a preferences window; the pages seen. */
static guint
collect_pages (GtkWidget *root,
               GPtrArray *unnamed)
{
  guint n = 0;

  if (ADW_IS_PREFERENCES_PAGE (root))
    {
      collect_unnamed (root, unnamed);
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += collect_pages (child, unnamed);
  return n;
}

static const char *
joined (GPtrArray *strings)
{
  static char *text;

  g_ptr_array_add (strings, NULL);
  g_free (text);
  text = g_strjoinv (", ", (char **) strings->pdata);
  g_ptr_array_remove_index (strings, strings->len - 1);
  return text;
}

static void
check_names (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) untipped = g_ptr_array_new_with_free_func (g_free);
  static const struct { PsChartPaneKind kind; const char *label; } panes[] = {
    { PS_CHART_PANE_PRICE, "Price chart" },
    { PS_CHART_PANE_OPEN_INTEREST, "Open interest chart" },
    { PS_CHART_PANE_FUNDING, "Funding rate chart" },
    { PS_CHART_PANE_LIQUIDATIONS, "Liquidations chart" },
  };
  static const struct { GType (*type) (void); const char *label; } header[] = {
    { gtk_drop_down_get_type, "Exchange" },
    { gtk_menu_button_get_type, "Venues summed" },
    { gtk_entry_get_type, "Symbol" },
    { gtk_drop_down_get_type, "Candle interval" },
    { gtk_drop_down_get_type, "History shown" },
    { gtk_menu_button_get_type, "Main menu" },
    { gtk_menu_button_get_type, "Liquidation heatmap" },
    { gtk_button_get_type, "Export report" },
    { gtk_button_get_type, "Fetch what is missing" },
  };
  GtkWidget *header_bar;
  GtkWidget *side_panel;
  PsPreferencesWindow *prefs;

  g_assert_true (wait_for (window_settled, window, 30));

  /* The panes say what they show. */
  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    g_assert_nonnull (find_labelled (ps_window_get_pane (window, panes[i].kind),
                                     PS_TYPE_CHART_PANE, panes[i].label));
  /* The header's controls without a visible label, by name. */
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    if (find_labelled (GTK_WIDGET (window), header[i].type (), header[i].label) == NULL)
      g_error ("No %s named “%s” in the window", g_type_name (header[i].type ()),
               header[i].label);

  /* And every interactive widget, whatever it is: the header's (those
   * hidden for one venue too), the popovers', the side panel's, the panes'. */
  collect_unnamed (GTK_WIDGET (window), unnamed);
  g_assert_cmpstr (joined (unnamed), ==, "");

  /* The header's and the side panel's controls without text have a tooltip. */
  header_bar = GTK_WIDGET (gtk_widget_get_ancestor (find_labelled (GTK_WIDGET (window),
                                                                 GTK_TYPE_MENU_BUTTON,
                                                                 "Main menu"),
                                                    ADW_TYPE_HEADER_BAR));
  g_assert_nonnull (header_bar);
  collect_untipped (header_bar, untipped);
  side_panel = gtk_widget_get_ancestor (ps_window_get_pane (window, PS_CHART_PANE_PRICE),
                                        ADW_TYPE_FLAP);
  g_assert_nonnull (side_panel);
  collect_untipped (adw_flap_get_flap (ADW_FLAP (side_panel)), untipped);
  g_assert_cmpstr (joined (untipped), ==, "");

  /* The Preferences' rows (its own search and header are libadwaita's). */
  prefs = g_object_ref_sink (ps_preferences_window_new (GTK_WINDOW (window), settings, NULL));
  g_assert_cmpuint (collect_pages (GTK_WIDGET (prefs), unnamed), >=, 1);
  g_assert_cmpstr (joined (unnamed), ==, "");

  /* The checks can fail: a bare icon button has neither a name nor a tooltip. */
  {
    GtkWidget *bare = g_object_ref_sink (gtk_button_new_from_icon_name ("edit-clear-symbolic"));

    collect_unnamed (bare, unnamed);
    collect_untipped (bare, untipped);
    g_assert_cmpuint (unnamed->len, ==, 1);
    g_assert_cmpuint (untipped->len, ==, 1);
    g_object_unref (bare);
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_object_unref (prefs);
  g_application_quit (G_APPLICATION (app));
}

static void
test_names (void)
{
  run_app (NULL, G_CALLBACK (check_names));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);
  /* Accessible properties kept where the test reads them (GTK's test
   * context), instead of nowhere (GTK_A11Y=none, the suite's). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_add_func ("/perpscope/ui/window/accessible-names", test_names);
  return g_test_run ();
}
