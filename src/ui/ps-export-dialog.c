/* ps-export-dialog.c: the Export Report dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-export-dialog.h"
#include "ps-report.h"
#include "ps-window-private.h"

/* The size presets, in the order of the size row: pixels, or points for a
 * PDF (an A4 PNG or SVG is A4 at 144 dpi). */
enum { SIZE_SOCIAL, SIZE_HD, SIZE_A4, SIZE_WINDOW };
enum { THEME_APP, THEME_LIGHT, THEME_DARK };
enum { RANGE_VIEW, RANGE_ALL };

struct _PsExportDialog
{
  AdwWindow      parent_instance;

  PsWindow      *window;        /* weak: the dialog dies with it */
  GSettings     *settings;
  GCancellable  *cancellable;
#if GTK_CHECK_VERSION (4, 10, 0)
  GCancellable  *choosing;      /* the GtkFileDialog asked, until it answers */
#else
  GtkNativeDialog *chooser;
#endif
  gboolean       writing;
  gboolean       name_edited;   /* the user typed a name: keep it */
  gboolean       setting_name;

  AdwComboRow   *format_row;
  AdwComboRow   *size_row;
  AdwComboRow   *theme_row;
  AdwComboRow   *range_row;
  AdwEntryRow   *name_row;
  GtkWidget     *export_button;
  GtkWidget     *spinner;
};

G_DEFINE_FINAL_TYPE (PsExportDialog, ps_export_dialog, ADW_TYPE_WINDOW)

static PsReportFormat
ps_export_dialog_get_format (PsExportDialog *self)
{
  switch (adw_combo_row_get_selected (self->format_row))
    {
    case 1:
      return PS_REPORT_FORMAT_SVG;
    case 2:
      return PS_REPORT_FORMAT_PDF;
    default:
      return PS_REPORT_FORMAT_PNG;
    }
}

static void
ps_export_dialog_get_size (PsExportDialog *self,
                           int            *width,
                           int            *height)
{
  PsReportFormat format = ps_export_dialog_get_format (self);

  switch (adw_combo_row_get_selected (self->size_row))
    {
    case SIZE_HD:
      *width = 1920, *height = 1080;
      break;
    case SIZE_A4:
      /* Points for a PDF; a PNG or SVG of it at twice that, a print's 144 dpi. */
      *width = format == PS_REPORT_FORMAT_PDF ? 842 : 1684;
      *height = format == PS_REPORT_FORMAT_PDF ? 595 : 1190;
      break;
    case SIZE_WINDOW:
      *width = CLAMP (gtk_widget_get_width (GTK_WIDGET (self->window)),
                      PS_REPORT_MIN_WIDTH, PS_REPORT_MAX_SIDE);
      *height = CLAMP (gtk_widget_get_height (GTK_WIDGET (self->window)),
                       PS_REPORT_MIN_HEIGHT, PS_REPORT_MAX_SIDE);
      break;
    case SIZE_SOCIAL:
    default:
      *width = 1200, *height = 675;
      break;
    }
}

/* The proposed name follows format and range until the user types one. */
static void
ps_export_dialog_update_name (PsExportDialog *self)
{
  const char *extension = ps_report_format_extension (ps_export_dialog_get_format (self));
  g_autofree char *name = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  if (self->name_edited && *text != '\0')
    {
      /* Only the extension follows the format. */
      const char *dot = strrchr (text, '.');
      g_autofree char *stem = dot ? g_strndup (text, dot - text) : g_strdup (text);

      name = g_strconcat (stem, ".", extension, NULL);
    }
  else
    name = _ps_window_report_name (self->window,
                                   adw_combo_row_get_selected (self->range_row) == RANGE_ALL,
                                   extension);
  self->setting_name = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  self->setting_name = FALSE;
}

static void
ps_export_dialog_name_changed_cb (PsExportDialog *self)
{
  if (!self->setting_name)
    self->name_edited = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save",
                                 !self->writing &&
                                 *gtk_editable_get_text (GTK_EDITABLE (self->name_row)) != '\0');
}

static void
ps_export_dialog_format_changed_cb (PsExportDialog *self)
{
  /* A PDF is a page: A4 unless another size was asked for. */
  if (ps_export_dialog_get_format (self) == PS_REPORT_FORMAT_PDF &&
      adw_combo_row_get_selected (self->size_row) == SIZE_SOCIAL)
    adw_combo_row_set_selected (self->size_row, SIZE_A4);
  ps_export_dialog_update_name (self);
}

static void
ps_export_dialog_set_writing (PsExportDialog *self,
                              gboolean        writing)
{
  self->writing = writing;
  gtk_widget_set_visible (self->spinner, writing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !writing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->size_row), !writing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->theme_row), !writing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->range_row), !writing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !writing);
  ps_export_dialog_name_changed_cb (self);
}

static void
ps_export_dialog_written_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  PsExportDialog *self;

  ps_report_write_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the dialog went away */
  self = g_object_get_data (G_OBJECT (file), "ps-export-dialog");
  g_assert (PS_IS_EXPORT_DIALOG (self));

  ps_export_dialog_set_writing (self, FALSE);
  if (self->window != NULL)
    _ps_window_report_written (self->window, file, error);
  if (error == NULL)
    gtk_window_destroy (GTK_WINDOW (self));
}

void
_ps_export_dialog_export_to (PsExportDialog *self,
                             GFile          *file)
{
  g_auto(PsReportHold) hold = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(GFile) folder = NULL;
  guint theme = adw_combo_row_get_selected (self->theme_row);
  PsReport report;
  int width, height;

  g_return_if_fail (PS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->window == NULL || self->writing)
    return;
  if ((path = g_file_get_path (file)) == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("choose a file on this computer"));

      _ps_window_report_written (self->window, file, error);
      return;
    }

  _ps_window_fill_report (self->window,
                          adw_combo_row_get_selected (self->range_row) == RANGE_ALL,
                          &report, &hold);
  if (theme != THEME_APP)
    report.dark = theme == THEME_DARK;
  ps_export_dialog_get_size (self, &width, &height);

  if ((folder = g_file_get_parent (file)) != NULL)
    {
      g_autofree char *dir = g_file_get_path (folder);

      g_settings_set_string (self->settings, "export-folder", dir ? dir : "");
    }

  ps_export_dialog_set_writing (self, TRUE);
  g_object_set_data (G_OBJECT (file), "ps-export-dialog", self);
  ps_report_write_async (&report, ps_export_dialog_get_format (self), width, height, path,
                         self->cancellable, ps_export_dialog_written_cb, g_object_ref (file));
}

/* The last folder used, or Pictures; NULL when neither is there. */
static GFile *
ps_export_dialog_dup_folder (PsExportDialog *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "export-folder");

  if (*folder == '\0' || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_free (folder);
      folder = g_strdup (g_get_user_special_dir (G_USER_DIRECTORY_PICTURES));
    }
  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_file_new_for_path (folder);
}

/* Where the file goes: the file chooser, in the last folder used (or
 * Pictures), with the proposed name; through the portal in a sandbox.
 * GtkFileDialog on GTK 4.10 and later, GtkFileChooserNative before (4.8,
 * Debian 12). The newer calls are past GDK_VERSION_MAX_ALLOWED on purpose:
 * their "not available before" warnings are silenced where they are
 * checked for. */
#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
ps_export_dialog_saved_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(PsExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);

  g_clear_object (&self->choosing);
  if (file != NULL)
    _ps_export_dialog_export_to (self, file);
  else if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
           !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    g_warning ("The file chooser failed: %s", error->message);
}

static void
ps_export_dialog_save_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  PsExportDialog *self = PS_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->choosing != NULL || self->writing)
    return;

  dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, _("Export Report"));
  gtk_file_dialog_set_modal (dialog, TRUE);
  if ((folder = ps_export_dialog_dup_folder (self)) != NULL)
    gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_set_initial_name (dialog, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  self->choosing = g_cancellable_new ();
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), self->choosing, ps_export_dialog_saved_cb,
                        g_object_ref (self));
}

G_GNUC_END_IGNORE_DEPRECATIONS
#else

static void
ps_export_dialog_chooser_response_cb (PsExportDialog *self,
                                      int             response,
                                      GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    _ps_export_dialog_export_to (self, file);
}

static void
ps_export_dialog_save_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  PsExportDialog *self = PS_EXPORT_DIALOG (widget);
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL || self->writing)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  if ((folder = ps_export_dialog_dup_folder (self)) != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (ps_export_dialog_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

#endif

static void
ps_export_dialog_dispose (GObject *object)
{
  PsExportDialog *self = PS_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
#if GTK_CHECK_VERSION (4, 10, 0)
  g_cancellable_cancel (self->choosing);
  g_clear_object (&self->choosing);
#else
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
#endif
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (ps_export_dialog_parent_class)->dispose (object);
}

static void
ps_export_dialog_finalize (GObject *object)
{
  PsExportDialog *self = PS_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ps_export_dialog_parent_class)->finalize (object);
}

static void
ps_export_dialog_class_init (PsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_export_dialog_dispose;
  object_class->finalize = ps_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/perpscope/Perpscope/ui/ps-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, spinner);
  gtk_widget_class_install_action (widget_class, "export.save", NULL,
                                   ps_export_dialog_save_action);
}

static void
ps_export_dialog_init (PsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* A combo row's choice stored as the setting's enum (the rows list the
 * enums' values in order). */
static gboolean
ps_export_get_enum (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *nicks = user_data;

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], g_variant_get_string (variant, NULL)))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
ps_export_set_enum (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint i = g_value_get_uint (value);

  return i < g_strv_length ((char **) nicks) ? g_variant_new_string (nicks[i]) : NULL;
}

static void
ps_export_dialog_bind (PsExportDialog *self,
                       const char     *key,
                       AdwComboRow    *row,
                       const char * const *nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                ps_export_get_enum, ps_export_set_enum, (gpointer) nicks, NULL);
}

PsExportDialog *
ps_export_dialog_new (PsWindow *window)
{
  static const char * const formats[] = { "png", "svg", "pdf", NULL };
  static const char * const sizes[] = { "social", "hd", "a4", "window", NULL };
  static const char * const themes[] = { "app", "light", "dark", NULL };
  static const char * const ranges[] = { "view", "all", NULL };
  PsExportDialog *self;

  g_return_val_if_fail (PS_IS_WINDOW (window), NULL);

  self = g_object_new (PS_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->settings = g_object_ref (window->settings);
  ps_export_dialog_bind (self, "export-format", self->format_row, formats);
  ps_export_dialog_bind (self, "export-size", self->size_row, sizes);
  ps_export_dialog_bind (self, "export-theme", self->theme_row, themes);
  ps_export_dialog_bind (self, "export-range", self->range_row, ranges);

  g_signal_connect_object (self->format_row, "notify::selected",
                           G_CALLBACK (ps_export_dialog_format_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->range_row, "notify::selected",
                           G_CALLBACK (ps_export_dialog_update_name), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "changed",
                           G_CALLBACK (ps_export_dialog_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  ps_export_dialog_update_name (self);
  ps_export_dialog_set_writing (self, FALSE);
  return self;
}
