/* test-window-i18n.c: the window in German, whole at 1366×768
 *
 * LANGUAGE=de with the catalogues of this build (PERPSCOPE_LOCALEDIR), in
 * de_DE.UTF-8 where the system has it (build-aux/dev generates it), else in
 * C.UTF-8: the words are German either way, the numbers only in the German
 * locale. German words are long: the header, its title, the read-out, the
 * recorder's status and the side panel's headings must still fit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ps-test-window.h"

static gboolean german_numbers;

static gboolean
window_settled (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         !ps_market_get_loading (ps_window_get_market (data)) &&
         *ps_window_get_banner_text (data) != '\0';
}

/* The first descendant of widget of type for which match holds. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             gboolean  (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (match == NULL || match (widget, data)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_reads (GtkWidget     *widget,
             gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
tooltip_reads (GtkWidget     *widget,
               gconstpointer  text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
has_menu (GtkWidget     *widget,
          gconstpointer  data)
{
  return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL;
}

/* Drawn, all of it inside the window (across only, when it may be
 * scrolled out of view), and not cut with an ellipsis. */
static void
assert_whole_in (GtkWidget  *widget,
                 GtkWidget  *window,
                 const char *what,
                 gboolean    scrolled)
{
  graphene_rect_t bounds;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_is_drawable (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  g_test_message ("%s: %.0f,%.0f %.0f×%.0f", what, bounds.origin.x, bounds.origin.y,
                  bounds.size.width, bounds.size.height);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window));
  if (!scrolled)
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (window));
  if (GTK_IS_LABEL (widget))
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))));
}

static void
assert_whole (GtkWidget  *widget,
              GtkWidget  *window,
              const char *what)
{
  assert_whole_in (widget, window, what, FALSE);
}

static void
check_header (PsWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  AdwWindowTitle *title = ADW_WINDOW_TITLE (find_widget (widget, ADW_TYPE_WINDOW_TITLE,
                                                         NULL, NULL));
  GtkWidget *range = find_widget (widget, GTK_TYPE_DROP_DOWN, tooltip_reads,
                                  "Wie viel Historie angezeigt wird");
  GtkWidget *menu_button = find_widget (widget, GTK_TYPE_MENU_BUTTON, has_menu, NULL);
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_autofree char *first_item = NULL;
  GListModel *ranges;

  /* 1366 px: the whole header, export and refresh buttons too. */
  g_assert_false (ps_window_get_header_compact (window));
  assert_whole (GTK_WIDGET (title), widget, "title");
  assert_whole (find_widget (GTK_WIDGET (title), GTK_TYPE_LABEL, label_reads,
                             adw_window_title_get_title (title)), widget, "title label");
  g_test_message ("subtitle: %s", adw_window_title_get_subtitle (title));

  g_assert_nonnull (range);
  assert_whole (range, widget, "range");
  ranges = G_LIST_MODEL (gtk_drop_down_get_model (GTK_DROP_DOWN (range)));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (ranges), 0), ==, "1 Tag");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (ranges), 5), ==, "Benutzerdefiniert…");
  assert_whole (find_widget (widget, GTK_TYPE_DROP_DOWN, tooltip_reads, "Börse"), widget,
                "venue");
  assert_whole (find_widget (widget, GTK_TYPE_BUTTON, tooltip_reads,
                             "Fehlende Daten abrufen (Strg+R)"), widget, "refresh");

  g_assert_nonnull (section);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                  &first_item));
  g_assert_cmpstr (first_item, ==, "Bericht _exportieren…");
}

static void
check_bottom (PsWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  const char *readout = ps_window_get_readout_text (window);
  const char *record = ps_window_get_record_status (window);

  g_test_message ("banner: %s", ps_window_get_banner_text (window));
  g_test_message ("read-out: %s", readout);
  g_test_message ("recorder: %s", record);
  /* The venue is unreachable here: the demo stands in, and says so. */
  g_assert_true (g_str_has_prefix (ps_window_get_banner_text (window), "Demodaten: "));
  /* The candle under the read-out: Eröffnung, Hoch, Tief, Schluss. */
  g_assert_nonnull (strstr (readout, "   E "));
  g_assert_nonnull (strstr (readout, "  T "));
  if (german_numbers)
    g_assert_true (g_regex_match_simple ("  S [0-9]{2}\\.[0-9]{3},[0-9]  ", readout, 0, 0));

  g_assert_cmpstr (record, !=, "");
  g_assert_null (strstr (record, "Recording"));
  assert_whole (find_widget (widget, GTK_TYPE_LABEL, label_reads, record), widget,
                "recorder status");
}

/* A candle selected: the side panel's German headings and rows, whole. */
static void
check_side_panel (PsWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  GtkWidget *panel = ps_window_get_side_panel (window);
  PsCandles *candles = ps_market_get_candles (ps_window_get_market (window));
  gint64 t = candles->t_ms[candles->n - 2];
  AdwStatusPage *empty = ADW_STATUS_PAGE (find_widget (panel, ADW_TYPE_STATUS_PAGE,
                                                       NULL, NULL));
  static const char * const headings[] = {
    "Kerze", "Preis", "Eröffnung", "Schluss", "Open Interest", "Funding-Rate",
    "Liquidationen",
  };

  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "Nichts ausgewählt");
  ps_selection_select_period (ps_window_get_selection (window), PS_SELECTION_ELEMENT_CANDLE,
                              t, candles->t_ms[candles->n - 1]);
  ps_test_spin (500);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    assert_whole_in (find_widget (panel, GTK_TYPE_LABEL, label_reads, headings[i]), widget,
                     headings[i], TRUE);
  ps_selection_clear (ps_window_get_selection (window));
}

static void
check_window (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));

  g_assert_true (PS_IS_WINDOW (window));
  g_assert_true (wait_for (window_settled, window, 30));
  /* The banner slides in; then the layout is the one the user sees. */
  ps_test_spin (800);
  g_test_message ("window %d×%d", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_height (GTK_WIDGET (window)));

  check_header (window);
  check_bottom (window);
  check_side_panel (window);
  g_application_quit (G_APPLICATION (app));
}

static void
test_window_german (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "window-width", 1366);
  g_settings_set_int (settings, "window-height", 768);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_boolean (settings, "side-panel", TRUE);
  g_settings_set_boolean (settings, "record-live", TRUE);
  run_app (NULL, G_CALLBACK (check_window));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "side-panel");
  g_settings_reset (settings, "record-live");
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  /* GTK's own setlocale (LC_ALL, "") at startup takes these. */
  german_numbers = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;
  g_setenv ("LC_ALL", german_numbers ? "de_DE.UTF-8" : "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  g_assert_nonnull (g_getenv ("PERPSCOPE_LOCALEDIR"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PERPSCOPE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (!german_numbers)
    g_test_message ("de_DE.UTF-8 is not installed: German words, C numbers");

  g_test_add_func ("/perpscope/ui/i18n/german-1366x768", test_window_german);

  return g_test_run ();
}
