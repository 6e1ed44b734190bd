/* test-window-export.c: the Export dialog and Copy Chart, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ps-export-dialog.h"
#include "ps-test-util.h"
#include "ps-test-window.h"
#include "ps-time.h"

static gboolean
market_idle (gpointer data)
{
  return gtk_widget_get_mapped (data) &&
         !ps_market_get_loading (ps_window_get_market (data)) &&
         !ps_market_analysis_get_busy (ps_window_get_analysis (data));
}

static gboolean
dialog_mapped (gpointer data)
{
  GtkWindow *dialog = ps_window_get_export_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return ps_window_get_export_dialog (data) == NULL;
}

static gboolean
dialog_idle (gpointer data)
{
  return !ps_export_dialog_get_busy (data);
}

typedef struct
{
  PsWindow   *window;
  const char *text;
} Toast;

static gboolean
toast_is (gpointer data)
{
  Toast *toast = data;

  return g_str_equal (ps_window_get_toast_text (toast->window), toast->text);
}

static PsExportDialog *
open_dialog (PsWindow *window)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "market.export", NULL));
  g_assert_true (wait_for (dialog_mapped, window, 10));
  dialog = ps_window_get_export_dialog (window);
  g_assert_true (PS_IS_EXPORT_DIALOG (dialog));
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  /* A second Ctrl+E brings the same dialog forward. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "market.export", NULL));
  g_assert_true (ps_window_get_export_dialog (window) == dialog);
  return PS_EXPORT_DIALOG (dialog);
}

static AdwComboRow *
row (PsExportDialog *dialog,
     const char     *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), PS_TYPE_EXPORT_DIALOG,
                                                  name);

  g_assert_true (ADW_IS_COMBO_ROW (child));
  return ADW_COMBO_ROW (child);
}

/* The dialog's Export past the file chooser, to path; waits for the dialog
 * to close and the window to toast it; returns the file's contents. */
static char *
export_to (PsWindow       *window,
           PsExportDialog *dialog,
           const char     *path,
           gsize          *length)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *saved = g_strdup_printf ("Report saved as “%s”", base);
  Toast toast = { window, saved };
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  GtkWindow *weak = GTK_WINDOW (dialog);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak);
  ps_export_dialog_export_to (dialog, file);
  /* Off the main loop: the dialog waits, busy, with its button insensitive. */
  g_assert_true (ps_export_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gtk_window_get_default_widget (GTK_WINDOW (dialog)))));
  /* Closing it now does not: the write tells how it went. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ps_window_get_export_dialog (window) == GTK_WINDOW (dialog));

  g_assert_true (wait_for (dialog_gone, window, 60));
  g_assert_true (wait_for (toast_is, &toast, 5));
  /* Closed and gone: nothing kept it. */
  ps_test_spin (50);
  g_assert_null (weak);
  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static void
check_export_dialog (PsWindow *window,
                     GSettings *settings,
                     const char *dir)
{
  PsMarket *market = ps_window_get_market (window);
  g_autofree char *svg = g_build_filename (dir, "report.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-folder", "report.png", NULL);
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *from = NULL;
  g_autofree char *last = NULL;
  g_autofree char *expected = NULL;
  PsExportDialog *dialog;
  gsize length;
  int width, height, chart_width, chart_height;

  /* Two weeks in view of the demo's three months. */
  ps_time_axis_set_range (ps_window_get_axis (window), DEC_1, DEC_15);

  /* PNG and the social size at first; a name of the visible range. */
  dialog = open_dialog (window);
  g_assert_cmpuint (adw_combo_row_get_selected (row (dialog, "format_row")), ==, 0);
  ps_export_dialog_get_size (dialog, &width, &height);
  g_assert_cmpint (width, ==, 1200);
  g_assert_cmpint (height, ==, 675);
  name = ps_export_dialog_dup_file_name (dialog);
  g_test_message ("proposed: %s", name);
  g_assert_cmpstr (name, ==, "binance-btcusdt-4h-2025-12-01_2025-12-14-demo.png");
  g_clear_pointer (&name, g_free);

  /* SVG, the window's size. */
  adw_combo_row_set_selected (row (dialog, "format_row"), PS_REPORT_FORMAT_SVG);
  adw_combo_row_set_selected (row (dialog, "size_row"), PS_EXPORT_SIZE_WINDOW);
  name = ps_export_dialog_dup_file_name (dialog);
  g_assert_true (g_str_has_suffix (name, "-demo.svg"));
  ps_export_dialog_get_size (dialog, &width, &height);
  ps_window_get_chart_size (window, &chart_width, &chart_height);
  g_assert_cmpint (width, ==, chart_width);
  g_assert_cmpint (height, ==, chart_height);
  g_assert_cmpint (chart_width, >, 600);

  contents = export_to (window, dialog, svg, &length);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  g_assert_nonnull (strstr (contents, "<title>Binance BTCUSDT 4h"));
  g_clear_pointer (&contents, g_free);
  /* Remembered for the next export. */
  g_assert_cmpint (g_settings_get_enum (settings, "export-format"), ==, PS_REPORT_FORMAT_SVG);
  g_assert_cmpint (g_settings_get_enum (settings, "export-size"), ==, PS_EXPORT_SIZE_WINDOW);

  /* Again: SVG chosen. PDF, A4, dark, everything loaded. */
  dialog = open_dialog (window);
  g_assert_cmpuint (adw_combo_row_get_selected (row (dialog, "format_row")), ==,
                    PS_REPORT_FORMAT_SVG);
  adw_combo_row_set_selected (row (dialog, "format_row"), PS_REPORT_FORMAT_PDF);
  adw_combo_row_set_selected (row (dialog, "size_row"), PS_EXPORT_SIZE_A4);
  adw_combo_row_set_selected (row (dialog, "theme_row"), PS_EXPORT_THEME_DARK);
  adw_combo_row_set_selected (row (dialog, "range_row"), PS_EXPORT_RANGE_LOADED);
  ps_export_dialog_get_size (dialog, &width, &height);
  g_assert_cmpint (width, ==, 842);
  g_assert_cmpint (height, ==, 595);
  g_clear_pointer (&name, g_free);
  name = ps_export_dialog_dup_file_name (dialog);
  g_clear_pointer (&from, g_free);
  from = ps_time_format_utc (ps_market_get_shown_from_ms (market));
  last = ps_time_format_utc (ps_market_get_shown_to_ms (market) - 1);
  from[10] = last[10] = '\0';
  expected = g_strdup_printf ("binance-btcusdt-4h-%s_%s-demo.pdf", from, last);
  g_test_message ("proposed: %s", name);
  g_assert_cmpstr (name, ==, expected);
  g_assert_cmpstr (from, ==, "2025-10-01");

  contents = export_to (window, dialog, pdf, &length);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);
  g_assert_cmpint (g_settings_get_enum (settings, "export-theme"), ==, PS_EXPORT_THEME_DARK);

  /* A folder that is not there: said in the dialog, which stays. */
  dialog = open_dialog (window);
  {
    g_autoptr(GFile) file = g_file_new_for_path (bad);

    ps_export_dialog_export_to (dialog, file);
  }
  g_assert_true (wait_for (dialog_idle, dialog, 30));
  ps_test_spin (100);
  g_assert_true (ps_window_get_export_dialog (window) == GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_sensitive (gtk_window_get_default_widget (GTK_WINDOW (dialog))));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (dialog_gone, window, 5));

  g_remove (svg);
  g_remove (pdf);
}

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} ReadTexture;

static void
read_texture_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadTexture *read = user_data;

  read->texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result,
                                                     &read->error);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ReadTexture *) data)->done;
}

/* Copy Chart: the report of the chart's size, as a texture on the clipboard. */
static void
check_copy_image (PsWindow *window)
{
  Toast toast = { window, "Chart copied" };
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  ReadTexture read = { 0 };
  int width, height;
  g_autofree guchar *pixels = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  gdk_clipboard_set_text (clipboard, "not yet");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "market.copy-image", NULL));
  g_assert_true (wait_for (toast_is, &toast, 60));

  gdk_clipboard_read_texture_async (clipboard, NULL, read_texture_cb, &read);
  g_assert_true (wait_for (read_done, &read, 10));
  g_assert_no_error (read.error);
  g_assert_nonnull (read.texture);

  ps_window_get_chart_size (window, &width, &height);
  g_test_message ("copied %d×%d", gdk_texture_get_width (read.texture),
                  gdk_texture_get_height (read.texture));
  g_assert_cmpint (gdk_texture_get_width (read.texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (read.texture), ==, height);

  /* A chart, not a blank: text, candles, fills. */
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (read.texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i += 7)
    g_hash_table_add (colours, GUINT_TO_POINTER (((guint32 *) (gpointer) pixels)[i]));
  g_assert_cmpuint (g_hash_table_size (colours), >, 100);

  g_object_unref (read.texture);
}

static void
activate_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  GSettings *settings = ps_application_get_settings (PS_APPLICATION (app));
  g_autofree char *dir = g_dir_make_tmp ("perpscope-export-XXXXXX", NULL);

  g_assert_true (PS_IS_WINDOW (window));
  /* Nothing answers at the test's venue URL: the demo stands in. */
  g_assert_true (wait_for (market_idle, window, 60));
  g_assert_true (ps_market_get_is_demo (ps_window_get_market (window)));

  check_export_dialog (window, settings, dir);
  check_copy_image (window);

  g_rmdir (dir);
  g_application_quit (G_APPLICATION (app));
}

static void
test_window_export (void)
{
  run_app (NULL, G_CALLBACK (activate_cb));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window-export/dialog-and-clipboard", test_window_export);

  return g_test_run ();
}
