/* test-window-translated.c: the window in German (LANGUAGE=de), under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ps-test-window.h"

static gboolean
window_settled (gpointer data)
{
  return gtk_widget_get_mapped (data) &&
         !ps_market_get_loading (ps_window_get_market (data));
}

/* Whether a label under widget reads text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
check_german (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  GtkWidget *price = ps_window_get_pane (window, PS_CHART_PANE_PRICE);

  g_assert_true (wait_for (window_settled, window, 30));
  /* The side panel's empty state, the range list and a pane's tooltip: from
   * the .ui templates and from C. */
  g_assert_true (has_label (GTK_WIDGET (window), "Nichts ausgewählt"));
  g_assert_false (has_label (GTK_WIDGET (window), "Nothing Selected"));
  g_assert_true (has_label (GTK_WIDGET (window), "1 Jahr") ||
                 has_label (GTK_WIDGET (window), "3 Monate") ||
                 has_label (GTK_WIDGET (window), "1 Monat") ||
                 has_label (GTK_WIDGET (window), "1 Woche") ||
                 has_label (GTK_WIDGET (window), "1 Tag"));
  g_assert_cmpstr (_("Price chart"), !=, "Price chart");
  g_test_message ("price pane: %s", gtk_widget_get_tooltip_text (price));

  g_application_quit (G_APPLICATION (app));
}

static void
test_german (void)
{
  run_app (NULL, G_CALLBACK (check_german));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("PERPSCOPE_LOCALEDIR");
  g_autofree char *mo = NULL;

  /* As main.c does, in German: LANGUAGE picks the catalogue whatever the
   * locale, C.UTF-8 included. */
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  ps_test_init (&argc, &argv);
  if (localedir == NULL)
    localedir = LOCALEDIR;
  mo = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_autofree char *why = g_strdup_printf ("no German catalogue at %s", mo);

      g_test_add_data_func ("/perpscope/ui/german", why, (GTestDataFunc) g_test_skip);
      return g_test_run ();
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_add_func ("/perpscope/ui/german", test_german);
  return g_test_run ();
}
