/* ps-window-export.c: the window's reports — the Export dialog, the chart
 * copied as an image, a saved report opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ps-export-dialog.h"
#include "ps-report-task.h"
#include "ps-window-private.h"

#define REPORT_WIDTH  1600
#define REPORT_HEIGHT 1000

void
ps_window_fill_report (PsWindow *self,
                       PsReport *report,
                       gboolean  whole_range,
                       gboolean  dark)
{
  PsRecordedLiquidations liq;

  g_return_if_fail (PS_IS_WINDOW (self));
  g_return_if_fail (report != NULL);

  _ps_window_get_recorded_liquidations (self, &liq);

  *report = (PsReport) { 0 };
  report->venue_name = ps_market_get_shown_venue_name (self->market);
  report->symbol = ps_market_get_shown_symbol (self->market);
  report->interval = ps_market_get_shown_interval (self->market);
  /* What the window shows, or all the market holds. */
  report->from_ms = whole_range ? ps_market_get_shown_from_ms (self->market)
                                : ps_time_axis_get_from_ms (self->axis);
  report->to_ms = whole_range ? ps_market_get_shown_to_ms (self->market)
                              : ps_time_axis_get_to_ms (self->axis);
  report->note = ps_market_get_is_demo (self->market) ? _("Demo data") : NULL;
  report->dark = dark;
  report->candles = ps_market_get_candles (self->market);
  report->funding = ps_market_get_funding (self->market);
  report->open_interest = ps_market_get_open_interest (self->market);
  /* The liquidations pane always, as in the window: the demo's says that
   * nothing of it was recorded. */
  report->liquidations = (PsLiquidations *) liq.events;
  report->not_recorded = liq.not_recorded;
  report->n_not_recorded = liq.n_not_recorded;
  /* The analysis as the panes draw it (none yet while the first run is
   * under way), with the heatmap as the window shows it. */
  report->analysis = ps_market_analysis_get_result (self->analysis);
  report->heatmap_opacity = g_settings_get_boolean (self->settings, "show-heatmap")
                            ? g_settings_get_double (self->settings, "heatmap-opacity") : 0;
  /* The panes shown, in their proportions (ps-window-panes.c). */
  g_clear_pointer (&self->report_pane_sizes, g_variant_unref);
  self->report_pane_sizes = _ps_window_dup_shown_pane_sizes (self);
  report->pane_sizes = self->report_pane_sizes;
  /* The panes' options as the Chart menu set them: window and report agree. */
  report->price_style = g_settings_get_enum (self->settings, "price-style");
  report->log_scale = g_settings_get_boolean (self->settings, "log-scale");
  report->show_volume = g_settings_get_boolean (self->settings, "show-volume");
  report->oi_unit = g_settings_get_enum (self->settings, "oi-unit");
  report->oi_delta = g_settings_get_boolean (self->settings, "oi-delta");
  report->funding_annualised = g_settings_get_boolean (self->settings, "funding-annualised");
}

void
ps_window_get_chart_size (PsWindow *self,
                          int      *width,
                          int      *height)
{
  g_return_if_fail (PS_IS_WINDOW (self));

  *width = CLAMP (gtk_widget_get_width (GTK_WIDGET (self->pane_stack)),
                  PS_REPORT_MIN_WIDTH, PS_REPORT_MAX_SIDE);
  *height = CLAMP (gtk_widget_get_height (GTK_WIDGET (self->pane_stack)),
                   PS_REPORT_MIN_HEIGHT, PS_REPORT_MAX_SIDE);
}

gboolean
ps_window_export_png (PsWindow    *self,
                      const char  *path,
                      GError     **error)
{
  PsReport report;

  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ps_window_fill_report (self, &report, FALSE, FALSE);
  return ps_report_write_png (&report, REPORT_WIDTH, REPORT_HEIGHT, path, error);
}

void
ps_window_add_toast (PsWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (PS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_free (self->toast_text);
  self->toast_text = g_strdup (adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
ps_window_get_toast_text (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->toast_text ? self->toast_text : "";
}

GtkWindow *
ps_window_get_export_dialog (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->export_dialog ? GTK_WINDOW (self->export_dialog) : NULL;
}

static void
ps_window_export_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);

  if (self->export_dialog == NULL)
    g_set_weak_pointer (&self->export_dialog, ps_export_dialog_new (self, self->settings));
  gtk_window_present (GTK_WINDOW (self->export_dialog));
}

/* Copy chart ---------------------------------------------------------------- */

static void
ps_window_copy_image_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(PsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  AdwToast *toast;

  surface = ps_report_draw_image_finish (result, &error);
  if (surface == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast = adw_toast_new_format (_("Could not copy the chart: %s"), error->message);
      adw_toast_set_timeout (toast, 6);
      ps_window_add_toast (self, toast);
      return;
    }
  g_clear_object (&self->copy_cancellable);

  /* GDK_MEMORY_DEFAULT is cairo's ARGB32: the texture takes the pixels as
   * they are, and frees the surface with the bytes. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) *
                                      cairo_image_surface_get_height (surface),
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                    cairo_image_surface_get_height (surface),
                                    GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);

  toast = adw_toast_new (_("Chart copied"));
  adw_toast_set_timeout (toast, 3);
  ps_window_add_toast (self, toast);
}

/* The report of the visible range at the chart's size, drawn off the main
 * loop, in the colours the last export chose. */
static void
ps_window_copy_image_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);
  PsExportTheme theme = g_settings_get_enum (self->settings, "export-theme");
  PsReport report;
  int width, height;

  /* A second press draws anew: the view may have moved. */
  g_cancellable_cancel (self->copy_cancellable);
  g_clear_object (&self->copy_cancellable);
  self->copy_cancellable = g_cancellable_new ();

  ps_window_get_chart_size (self, &width, &height);
  ps_window_fill_report (self, &report, FALSE, ps_export_theme_get_dark (theme));
  ps_report_draw_image_async (&report, width, height, self->copy_cancellable,
                              ps_window_copy_image_cb, g_object_ref (self));
}

/* Open a saved report ------------------------------------------------------- */

#if GTK_CHECK_VERSION (4, 10, 0)
static void
ps_window_launch_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    {
      AdwToast *toast = adw_toast_new_format (_("Could not open the report: %s"),
                                              error->message);

      ps_window_add_toast (self, toast);
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}
#endif

static void
ps_window_open_report_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);
  const char *uri = g_variant_get_string (param, NULL);

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GFile) file = g_file_new_for_uri (uri);
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

    gtk_file_launcher_launch (launcher, GTK_WINDOW (self), NULL, ps_window_launch_cb,
                              g_object_ref (self));
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
#endif
}

void
_ps_window_dispose_export (PsWindow *self)
{
  g_cancellable_cancel (self->copy_cancellable);
  g_clear_object (&self->copy_cancellable);
  if (self->export_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->export_dialog));
  g_clear_weak_pointer (&self->export_dialog);
  g_clear_pointer (&self->report_pane_sizes, g_variant_unref);
  g_clear_pointer (&self->toast_text, g_free);
}

void
_ps_window_class_add_export_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "market.export", NULL, ps_window_export_action);
  gtk_widget_class_install_action (widget_class, "market.copy-image", NULL,
                                   ps_window_copy_image_action);
  gtk_widget_class_install_action (widget_class, "market.open-report", "s",
                                   ps_window_open_report_action);
}
