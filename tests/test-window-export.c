/* test-window-export.c: the Export Report dialog and the chart on the
 * clipboard, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ps-export-dialog.h"
#include "ps-test-window.h"

static gboolean
window_settled (gpointer data)
{
  return gtk_widget_get_mapped (data) &&
         !ps_market_get_loading (ps_window_get_market (data));
}

/* The export dialog among the toplevels, once it is shown. */
static PsExportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PS_IS_EXPORT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return PS_EXPORT_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type,
           guint      nth)
{
  static guint seen;

  /* NULL starts a new count. */
  if (widget == NULL)
    {
      seen = 0;
      return NULL;
    }
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && seen++ == nth)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type, nth);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The dialog's nth combo row: format, size, theme, range. */
static AdwComboRow *
combo_row (PsExportDialog *dialog,
           guint           nth)
{
  GtkWidget *row;

  find_type (NULL, G_TYPE_NONE, 0);
  row = find_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, nth);
  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static GtkEditable *
name_row (PsExportDialog *dialog)
{
  GtkWidget *row;

  find_type (NULL, G_TYPE_NONE, 0);
  row = find_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0);
  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

/* Opens the dialog, sets format (0 PNG, 1 SVG, 2 PDF) and theme, and
 * exports to dir/<the name proposed>; the file's contents. */
static char *
export_through_dialog (PsWindow   *window,
                       const char *dir,
                       guint       format,
                       guint       theme,
                       gsize      *length,
                       char      **name)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  PsExportDialog *dialog;
  char *contents = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "market.export", NULL));
  g_assert_true (wait_for (dialog_shown, NULL, 5));
  dialog = find_dialog ();
  adw_combo_row_set_selected (combo_row (dialog, 0), format);
  adw_combo_row_set_selected (combo_row (dialog, 2), theme);
  *name = g_strdup (gtk_editable_get_text (name_row (dialog)));
  path = g_build_filename (dir, *name, NULL);
  file = g_file_new_for_path (path);
  _ps_export_dialog_export_to (dialog, file);
  /* Written off the main loop; the dialog closes when the file is there. */
  g_assert_true (wait_for (dialog_gone, NULL, 30));
  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
read_texture_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GdkTexture **texture = user_data;
  g_autoptr(GError) error = NULL;

  *texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
have_texture (gpointer data)
{
  return *(GdkTexture **) data != NULL;
}

static void
check_export (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  g_autofree char *dir = g_dir_make_tmp ("perpscope-export-XXXXXX", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gsize length;

  g_assert_true (wait_for (window_settled, window, 30));

  /* An SVG: its name from market, interval and days; title and summary as
   * text; the folder remembered; format and theme remembered. */
  contents = export_through_dialog (window, dir, 1, 2, &length, &name);
  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", name, length);
  g_assert_true (g_str_has_suffix (name, ".svg"));
  g_assert_true (g_str_has_prefix (name, "binance-btcusdt-"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "<title>"));
  g_assert_nonnull (strstr (contents, "BTCUSDT"));
  g_assert_nonnull (strstr (contents, "<desc>Price: "));
  /* The demo's report says its data is the demo's. */
  g_assert_nonnull (strstr (contents, "\nSources: Demo data: "));
  folder = g_settings_get_string (settings, "export-folder");
  g_assert_cmpstr (folder, ==, dir);
  g_assert_cmpint (g_settings_get_enum (settings, "export-format"), ==, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "export-theme"), ==, 2);
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&name, g_free);

  /* A PDF: an A4 page unless asked otherwise. */
  contents = export_through_dialog (window, dir, 2, 1, &length, &name);
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpint (g_settings_get_enum (settings, "export-size"), ==, 2);
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&name, g_free);

  /* A PNG of 1200 × 675 (the social preset). */
  g_settings_set_enum (settings, "export-size", 0);
  contents = export_through_dialog (window, dir, 0, 1, &length, &name);
  g_assert_true (g_str_has_suffix (name, ".png"));
  {
    g_autoptr(GBytes) bytes = g_bytes_new (contents, length);
    g_autoptr(GdkTexture) png = gdk_texture_new_from_bytes (bytes, NULL);

    g_assert_nonnull (png);
    g_assert_cmpint (gdk_texture_get_width (png), ==, 1200);
    g_assert_cmpint (gdk_texture_get_height (png), ==, 675);
  }

  /* Ctrl+Shift+C's action: the chart, the window's size, on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "market.copy-image", NULL));
  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                    read_texture_cb, &texture);
  g_assert_true (wait_for (have_texture, &texture, 10));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gdk_texture_get_height (texture), ==,
                   gtk_widget_get_height (GTK_WIDGET (window)));

  g_settings_reset (settings, "export-folder");
  g_settings_reset (settings, "export-format");
  g_settings_reset (settings, "export-size");
  g_settings_reset (settings, "export-theme");
  ps_test_remove_dir (dir);
  g_application_quit (G_APPLICATION (app));
}

static void
test_export_dialog (void)
{
  run_app (NULL, G_CALLBACK (check_export));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);
  g_test_add_func ("/perpscope/ui/export-dialog", test_export_dialog);
  return g_test_run ();
}
