/* test-window-shortcuts.c: the shortcuts window lists every accelerator
 * the application sets, the panes' keys and the pointer's gestures, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ps-test-window.h"

static gboolean
window_settled (gpointer data)
{
  return gtk_widget_get_mapped (data) &&
         !ps_market_get_loading (ps_window_get_market (data));
}

typedef struct
{
  GPtrArray *actions;        /* action-name of each shortcut with one */
  GPtrArray *accelerators;   /* each accelerator of the others, one by one */
  guint      n_gestures;     /* with a subtitle saying how */
} Listed;

static void
collect_shortcuts (GtkWidget *root,
                   Listed    *listed)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;
      g_autofree char *subtitle = NULL;
      GtkShortcutType type;

      g_object_get (root, "action-name", &action, "accelerator", &accelerator,
                    "subtitle", &subtitle, "shortcut-type", &type, NULL);
      if (action != NULL)
        g_ptr_array_add (listed->actions, g_steal_pointer (&action));
      if (accelerator != NULL)
        {
          g_auto(GStrv) each = g_strsplit (accelerator, " ", -1);

          for (guint i = 0; each[i] != NULL; i++)
            g_ptr_array_add (listed->accelerators, g_strdup (each[i]));
        }
      if (type != GTK_SHORTCUT_ACCELERATOR && subtitle != NULL && *subtitle != '\0')
        listed->n_gestures++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, listed);
}

/* The section itself, not the search's copies of its shortcuts. */
static GtkWidget *
find_section (GtkWidget *root)
{
  if (GTK_IS_SHORTCUTS_SECTION (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_section (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
contains (GPtrArray  *strings,
          const char *string)
{
  return g_ptr_array_find_with_equal_func (strings, string, g_str_equal, NULL);
}

static void
check_shortcuts (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) accelerators = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) described = gtk_application_list_action_descriptions (app);
  /* The panes' keys (ps-chart-pane-keys.c, ps-chart-pane-select.c) and the
   * window's bindings (ps-window-actions.c): no application accelerators. */
  static const char * const keys[] = {
    "Left", "Right", "<Shift>Left", "<Shift>Right", "Home", "Escape", "Tab",
  };
  Listed listed = { actions, accelerators, 0 };
  GtkShortcutsWindow *overlay;

  g_assert_true (wait_for (window_settled, window, 30));

  /* Ctrl+? opens it, built when first asked for: none before. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, "win.show-help-overlay");

    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  }
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  ps_test_spin (300);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  /* Every action the application gives an accelerator is listed … */
  g_assert_nonnull (find_section (GTK_WIDGET (overlay)));
  collect_shortcuts (find_section (GTK_WIDGET (overlay)), &listed);
  g_assert_cmpuint (g_strv_length (described), >=, 10);
  for (guint i = 0; described[i] != NULL; i++)
    if (!contains (actions, described[i]))
      g_error ("%s has an accelerator but is not in the shortcuts window", described[i]);
  /* … and the checks can fail: an action never listed is seen missing. */
  g_assert_false (contains (actions, "market.open-report"));

  /* The keys of the panes and of the window. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!contains (accelerators, keys[i]))
      g_error ("%s works on the chart but is not in the shortcuts window", keys[i]);

  /* The pointer's and the touchpad's gestures, each saying how. */
  g_test_message ("%u actions, %u keys, %u gestures", actions->len, accelerators->len,
                  listed.n_gestures);
  g_assert_cmpuint (listed.n_gestures, >=, 9);

  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = screenshot (GTK_WIDGET (overlay));
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "shortcuts.png", NULL);

      gdk_texture_save_to_png (shot, path);
    }
  gtk_window_close (GTK_WINDOW (overlay));
  g_application_quit (G_APPLICATION (app));
}

static void
test_shortcuts (void)
{
  run_app (NULL, G_CALLBACK (check_shortcuts));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);
  /* The isolated test dirs hide the system's MIME database, without which
   * gdk-pixbuf cannot tell GTK's own SVG icons (the search button of the
   * shortcuts window, the gestures') from any file and warns; a desktop
   * has it. Before GTK starts. */
  g_setenv ("XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
  g_test_add_func ("/perpscope/ui/window/shortcuts", test_shortcuts);
  return g_test_run ();
}
