/* ps-export-dialog.c: the Export Report dialog — format, size, theme and
 * range, then a file chooser, then the report written off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-export-dialog.h"
#include "ps-report-task.h"
#include "ps-time.h"

struct _PsExportDialog
{
  AdwWindow             parent_instance;

  PsWindow             *window;        /* weak: the dialog dies with it */
  GSettings            *settings;
  GCancellable         *cancellable;   /* the write in flight */
  GFile                *file;          /* … and where it goes */
#if GTK_CHECK_VERSION (4, 10, 0)
  GtkFileDialog        *chooser;
#else
  GtkFileChooserNative *chooser;
#endif
  gboolean              busy;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwPreferencesGroup  *group;
  AdwComboRow          *format_row;
  AdwComboRow          *size_row;
  AdwComboRow          *theme_row;
  AdwComboRow          *range_row;
  GtkWidget            *content_box;
  GtkWidget            *cancel_button;
  GtkWidget            *export_button;
  GtkSpinner           *spinner;
};

G_DEFINE_FINAL_TYPE (PsExportDialog, ps_export_dialog, ADW_TYPE_WINDOW)

/* The sizes of PsExportSize but the window's: pixels, or points for a PDF. */
static const int export_sizes[][2] = {
  [PS_EXPORT_SIZE_SOCIAL] = { 1200, 675 },
  [PS_EXPORT_SIZE_HD] = { 1920, 1080 },
  [PS_EXPORT_SIZE_A4] = { 842, 595 },
};

gboolean
ps_export_theme_get_dark (PsExportTheme theme)
{
  if (theme == PS_EXPORT_THEME_APP)
    return adw_style_manager_get_dark (adw_style_manager_get_default ());
  return theme == PS_EXPORT_THEME_DARK;
}

static PsReportFormat
ps_export_dialog_get_format (PsExportDialog *self)
{
  return (PsReportFormat) MIN (adw_combo_row_get_selected (self->format_row),
                               PS_REPORT_FORMAT_PDF);
}

static gboolean
ps_export_dialog_get_whole_range (PsExportDialog *self)
{
  return adw_combo_row_get_selected (self->range_row) == PS_EXPORT_RANGE_LOADED;
}

void
ps_export_dialog_get_size (PsExportDialog *self,
                           int            *width,
                           int            *height)
{
  guint size;

  g_return_if_fail (PS_IS_EXPORT_DIALOG (self));

  size = adw_combo_row_get_selected (self->size_row);
  if (size >= G_N_ELEMENTS (export_sizes))
    {
      if (self->window != NULL)
        ps_window_get_chart_size (self->window, width, height);
      else
        *width = export_sizes[0][0], *height = export_sizes[0][1];
      return;
    }

  /* A4 is a page of points: an image of it twice that, sharp when printed
   * (as `perpscope export --size a4` makes it). */
  *width = export_sizes[size][0];
  *height = export_sizes[size][1];
  if (size == PS_EXPORT_SIZE_A4 && ps_export_dialog_get_format (self) == PS_REPORT_FORMAT_PNG)
    *width *= 2, *height *= 2;
}

/* The day of t (UTC ms) as YYYY-MM-DD. */
static char *
ps_export_dialog_dup_day (gint64 t_ms)
{
  char *text = ps_time_format_utc (t_ms);

  text[MIN (strlen (text), 10)] = '\0';
  return text;
}

char *
ps_export_dialog_dup_file_name (PsExportDialog *self)
{
  PsMarket *market;
  PsReport report = { 0 };
  g_autofree char *symbol = NULL;
  g_autofree char *from = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), NULL);
  g_return_val_if_fail (self->window != NULL, NULL);

  market = ps_window_get_market (self->window);
  ps_window_fill_report (self->window, &report, ps_export_dialog_get_whole_range (self), FALSE);
  /* A symbol may hold what a file name should not (BTC/USD). */
  symbol = g_ascii_strdown (report.symbol, -1);
  g_strcanon (symbol, "abcdefghijklmnopqrstuvwxyz0123456789-_.", '-');
  from = ps_export_dialog_dup_day (report.from_ms);
  /* The range ends before to_ms: its last day is the one before. */
  last = ps_export_dialog_dup_day (MAX (report.from_ms, report.to_ms - 1));

  return g_strdup_printf ("%s-%s-%s-%s_%s%s.%s", ps_market_get_shown_venue (market), symbol,
                          ps_interval_to_string (report.interval), from, last,
                          ps_market_get_is_demo (market) ? "-demo" : "",
                          ps_report_format_extension (ps_export_dialog_get_format (self)));
}

gboolean
ps_export_dialog_get_busy (PsExportDialog *self)
{
  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), FALSE);

  return self->busy;
}

/* The rows' subtitles say what the choices come to. */
static void
ps_export_dialog_update (PsExportDialog *self)
{
  PsReport report = { 0 };
  g_autofree char *size = NULL;
  g_autofree char *range = NULL;
  g_autofree char *title = NULL;
  g_autofree char *from = NULL;
  g_autofree char *last = NULL;
  int width, height;

  g_assert (PS_IS_EXPORT_DIALOG (self));

  if (self->window == NULL)
    return;

  ps_export_dialog_get_size (self, &width, &height);
  if (ps_export_dialog_get_format (self) == PS_REPORT_FORMAT_PDF)
    size = g_strdup_printf (_("A page of %d × %d points"), width, height);
  else
    size = g_strdup_printf (_("%d × %d pixels"), width, height);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->size_row), size);

  ps_window_fill_report (self->window, &report, ps_export_dialog_get_whole_range (self), FALSE);
  from = ps_export_dialog_dup_day (report.from_ms);
  last = ps_export_dialog_dup_day (MAX (report.from_ms, report.to_ms - 1));
  range = g_strdup_printf (_("%s to %s, UTC"), from, last);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->range_row), range);

  title = g_strdup_printf ("%s %s · %s", report.venue_name, report.symbol,
                           ps_interval_to_string (report.interval));
  adw_preferences_group_set_title (self->group, title);
  adw_preferences_group_set_description (self->group, report.note);
}

static void
ps_export_dialog_set_busy (PsExportDialog *self,
                           gboolean        busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->export_button, !busy);
  gtk_widget_set_sensitive (self->cancel_button, !busy);
  gtk_widget_set_sensitive (self->content_box, !busy);
}

static void
ps_export_dialog_toast (PsExportDialog *self,
                        const char     *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
ps_export_dialog_write_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(PsExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (!ps_report_write_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      ps_export_dialog_set_busy (self, FALSE);
      text = g_strdup_printf (_("Could not export the report: %s"), error->message);
      ps_export_dialog_toast (self, text);
      return;
    }

  ps_export_dialog_set_busy (self, FALSE);
  if (self->window != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->file);
      g_autofree char *uri = g_file_get_uri (self->file);

      toast = adw_toast_new_format (_("Report saved as “%s”"), name);
      adw_toast_set_timeout (toast, 6);
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "market.open-report");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      ps_window_add_toast (self->window, toast);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The file named for the format when the name has no extension: a viewer
 * goes by it. */
static GFile *
ps_export_dialog_name_file (PsExportDialog *self,
                            GFile          *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *named = NULL;
  g_autoptr(GFile) parent = NULL;

  if (name == NULL || strchr (name, '.') != NULL)
    return g_object_ref (file);

  parent = g_file_get_parent (file);
  named = g_strconcat (name, ".", ps_report_format_extension (ps_export_dialog_get_format (self)),
                       NULL);
  return parent != NULL ? g_file_get_child (parent, named) : g_object_ref (file);
}

void
ps_export_dialog_export_to (PsExportDialog *self,
                            GFile          *file)
{
  g_autoptr(GFile) named = NULL;
  g_autofree char *path = NULL;
  PsReport report = { 0 };
  int width, height;

  g_return_if_fail (PS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy || self->window == NULL)
    return;

  named = ps_export_dialog_name_file (self, file);
  path = g_file_get_path (named);
  if (path == NULL)
    {
      ps_export_dialog_toast (self, _("Could not export the report: choose a local file"));
      return;
    }

  /* The choices of this export are the next one's. */
  g_settings_set_enum (self->settings, "export-format", ps_export_dialog_get_format (self));
  g_settings_set_enum (self->settings, "export-size", adw_combo_row_get_selected (self->size_row));
  g_settings_set_enum (self->settings, "export-theme",
                       adw_combo_row_get_selected (self->theme_row));

  ps_export_dialog_get_size (self, &width, &height);
  ps_window_fill_report (self->window, &report, ps_export_dialog_get_whole_range (self),
                         ps_export_theme_get_dark (adw_combo_row_get_selected (self->theme_row)));
  g_set_object (&self->file, named);
  /* The task copies what the report lends: the window may move on. */
  ps_report_write_async (&report, ps_export_dialog_get_format (self), width, height, path,
                         self->cancellable, ps_export_dialog_write_cb, g_object_ref (self));
  ps_export_dialog_set_busy (self, TRUE);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
ps_export_dialog_save_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(PsExportDialog) self = user_data;
  g_autoptr(GFile) file = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* NULL: dismissed, or the dialog went first. */
  if (file != NULL && self->window != NULL)
    ps_export_dialog_export_to (self, file);
}

static void
ps_export_dialog_choose (PsExportDialog *self,
                         const char     *name)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (self->chooser == NULL)
    {
      self->chooser = gtk_file_dialog_new ();
      gtk_file_dialog_set_title (self->chooser, _("Export Report"));
      gtk_file_dialog_set_accept_label (self->chooser, _("_Export"));
      gtk_file_dialog_set_modal (self->chooser, TRUE);
    }
  gtk_file_dialog_set_initial_name (self->chooser, name);
  gtk_file_dialog_save (self->chooser, GTK_WINDOW (self), self->cancellable,
                        ps_export_dialog_save_cb, g_object_ref (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
}
#else
static void
ps_export_dialog_response_cb (PsExportDialog       *self,
                              int                   response,
                              GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  g_assert (PS_IS_EXPORT_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    ps_export_dialog_export_to (self, file);
}

static void
ps_export_dialog_choose (PsExportDialog *self,
                         const char     *name)
{
  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (ps_export_dialog_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
#endif

static void
ps_export_dialog_export_clicked_cb (PsExportDialog *self)
{
  g_autofree char *name = NULL;

  g_assert (PS_IS_EXPORT_DIALOG (self));

  if (self->busy || self->window == NULL)
    return;

  name = ps_export_dialog_dup_file_name (self);
  ps_export_dialog_choose (self, name);
}

/* While the report is written the dialog stays: it tells how it went. */
static gboolean
ps_export_dialog_close_request (GtkWindow *window)
{
  PsExportDialog *self = PS_EXPORT_DIALOG (window);

  if (self->busy)
    return TRUE;
  return GTK_WINDOW_CLASS (ps_export_dialog_parent_class)->close_request (window);
}

static void
ps_export_dialog_dispose (GObject *object)
{
  PsExportDialog *self = PS_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
#endif
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_EXPORT_DIALOG);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ps_export_dialog_parent_class)->dispose (object);
}

static void
ps_export_dialog_finalize (GObject *object)
{
  PsExportDialog *self = PS_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (ps_export_dialog_parent_class)->finalize (object);
}

static void
ps_export_dialog_class_init (PsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ps_export_dialog_dispose;
  object_class->finalize = ps_export_dialog_finalize;
  window_class->close_request = ps_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/perpscope/Perpscope/ui/ps-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, group);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, ps_export_dialog_export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ps_export_dialog_init (PsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  /* Enter exports, as in any GNOME dialog: the first focus is not Cancel. */
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);
  gtk_window_set_focus (GTK_WINDOW (self), self->export_button);
}

PsExportDialog *
ps_export_dialog_new (PsWindow  *window,
                      GSettings *settings)
{
  PsExportDialog *self;
  AdwComboRow *rows[3];

  g_return_val_if_fail (PS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PS_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->settings = g_object_ref (settings);

  adw_combo_row_set_selected (self->format_row, g_settings_get_enum (settings, "export-format"));
  adw_combo_row_set_selected (self->size_row, g_settings_get_enum (settings, "export-size"));
  adw_combo_row_set_selected (self->theme_row, g_settings_get_enum (settings, "export-theme"));

  rows[0] = self->format_row, rows[1] = self->size_row, rows[2] = self->range_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "notify::selected", G_CALLBACK (ps_export_dialog_update),
                             self, G_CONNECT_SWAPPED);
  ps_export_dialog_update (self);

  return self;
}
