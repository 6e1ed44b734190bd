/* test-window-about.c: the About window shows the app's icon, its links and
 * the translators' credits, under Xvfb
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

static AdwAboutWindow *
find_about (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* lent */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        return ADW_ABOUT_WINDOW (window);
    }
  return NULL;
}

static void
check_about (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (display);
  AdwAboutWindow *about;

  g_assert_true (wait_for (window_settled, window, 30));

  /* Not installed here: the icon comes from the resources' icons/. */
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID "-symbolic"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ps_test_spin (300);
  about = find_about ();
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_website (about), ==,
                   "https://github.com/perpscope/perpscope");
  g_assert_cmpstr (adw_about_window_get_issue_url (about), ==,
                   "https://github.com/perpscope/perpscope/issues");
  /* Untranslated, the message id itself, which the window leaves out. */
  g_assert_cmpstr (adw_about_window_get_translator_credits (about), ==, "translator-credits");
  /* Troubleshooting: the libraries as running, how the window is drawn (the
   * tests set GSK_RENDERER=cairo), where the data is. */
  {
    const char *info = adw_about_window_get_debug_info (about);
    g_autofree char *gtk = g_strdup_printf ("GTK %u.%u.%u,", gtk_get_major_version (),
                                            gtk_get_minor_version (), gtk_get_micro_version ());
    g_autofree char *cache = g_strdup_printf ("Cache: %s\n",
                                              ps_cache_get_path (ps_core_get_cache (
                                                ps_application_get_core (PS_APPLICATION (app)))));

    g_assert_nonnull (info);
    g_assert_true (g_str_has_prefix (info, "Perpscope " PACKAGE_VERSION "\n"));
    g_assert_nonnull (strstr (info, gtk));
    g_assert_nonnull (strstr (info, "Display: GdkX11Display\n"));
    g_assert_nonnull (strstr (info, "Renderer: GskCairoRenderer (GSK_RENDERER=cairo)\n"));
    g_assert_nonnull (strstr (info, cache));
    g_assert_cmpstr (adw_about_window_get_debug_info_filename (about), ==,
                     "perpscope-debug-info.txt");
  }

  gtk_window_destroy (GTK_WINDOW (about));
  g_application_quit (G_APPLICATION (app));
}

static void
test_about (void)
{
  run_app (NULL, G_CALLBACK (check_about));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);
  /* The isolated test dirs hide the system's MIME database, without which
   * gdk-pixbuf cannot tell the About window's SVG icons from any file and
   * warns; a desktop has it. No icon theme there has ours. Before GTK starts. */
  g_setenv ("XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
  g_test_add_func ("/perpscope/ui/window/about", test_about);
  return g_test_run ();
}
