/* ps-window-actions.c: the window's market.* and chart.* actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-export-dialog.h"
#include "ps-report.h"
#include "ps-time.h"
#include "ps-window-private.h"

#define REPORT_WIDTH  1600
#define REPORT_HEIGHT 1000

static void
ps_window_refresh_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);

  ps_market_source_refresh (self->source);
}

/* What a report of the window holds: the market as the panes show it, over
 * the visible range or (whole) everything loaded. The report borrows from
 * the window and from hold, which the caller clears. */
void
_ps_window_fill_report (PsWindow     *self,
                        gboolean      whole,
                        PsReport     *report,
                        PsReportHold *hold)
{
  PsRecordedLiquidations liq;

  _ps_window_get_recorded_liquidations (self, &liq);
  memset (report, 0, sizeof *report);

  report->venue_name = ps_market_source_get_shown_venue_name (self->source);
  report->symbol = ps_market_source_get_shown_symbol (self->source);
  report->interval = ps_market_source_get_shown_interval (self->source);
  if (whole)
    {
      report->from_ms = ps_market_source_get_shown_from_ms (self->source);
      report->to_ms = ps_market_source_get_shown_to_ms (self->source);
    }
  else
    {
      report->from_ms = ps_time_axis_get_from_ms (self->axis);
      report->to_ms = ps_time_axis_get_to_ms (self->axis);
    }
  report->note = ps_market_source_get_is_demo (self->source) ? _("Demo data") : NULL;
  /* The sources then say what the demo's data is, not a venue's API. */
  report->demo = ps_market_source_get_is_demo (self->source);
  report->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  report->candles = ps_market_source_get_candles (self->source);
  report->funding = ps_market_source_get_funding (self->source);
  report->open_interest = ps_market_source_get_open_interest (self->source);
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
  hold->pane_sizes = _ps_window_dup_shown_pane_sizes (self);
  report->pane_sizes = hold->pane_sizes;
  /* The panes' options as the Chart menu set them: window and report agree. */
  report->price_style = g_settings_get_enum (self->settings, "price-style");
  report->log_scale = g_settings_get_boolean (self->settings, "log-scale");
  report->show_volume = g_settings_get_boolean (self->settings, "show-volume");
  report->oi_unit = g_settings_get_enum (self->settings, "oi-unit");
  report->oi_delta = g_settings_get_boolean (self->settings, "oi-delta");
  report->funding_annualised = g_settings_get_boolean (self->settings, "funding-annualised");
  /* All venues: stacked and compared as the panes show them. */
  hold->snapshot = ps_market_source_get_snapshot (self->source);
  if ((hold->venues = ps_venue_series_from_snapshot (hold->snapshot)) != NULL)
    {
      report->venues = (const PsVenueSeries *) (gconstpointer) hold->venues->data;
      report->n_venues = hold->venues->len;
      report->oi_by_venue = g_settings_get_boolean (self->settings, "oi-by-venue");
      report->funding_by_venue = g_settings_get_boolean (self->settings, "funding-by-venue");
    }
}

void
_ps_report_hold_clear (PsReportHold *hold)
{
  g_clear_pointer (&hold->pane_sizes, g_variant_unref);
  g_clear_pointer (&hold->venues, g_array_unref);
  g_clear_pointer (&hold->snapshot, ps_market_snapshot_unref);
}

/* The visible range as a 1600 × 1000 PNG, light, at once (tests). */
gboolean
ps_window_export_png (PsWindow    *self,
                      const char  *path,
                      GError     **error)
{
  g_auto(PsReportHold) hold = { 0 };
  PsReport report;

  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  _ps_window_fill_report (self, FALSE, &report, &hold);
  report.dark = FALSE;
  return ps_report_write_png (&report, REPORT_WIDTH, REPORT_HEIGHT, path, error);
}

/* "binance-btcusdt-4h-2025-11-20_2025-12-17.png": market, interval and the
 * days the report covers, "-demo" when it is the demo. */
char *
_ps_window_report_name (PsWindow   *self,
                        gboolean    whole,
                        const char *extension)
{
  gint64 from = whole ? ps_market_source_get_shown_from_ms (self->source)
                      : ps_time_axis_get_from_ms (self->axis);
  gint64 to = whole ? ps_market_source_get_shown_to_ms (self->source)
                    : ps_time_axis_get_to_ms (self->axis);
  g_autofree char *first = ps_time_format_utc (from);
  g_autofree char *last = ps_time_format_utc (MAX (to - 1, from));
  g_autofree char *lower = g_ascii_strdown (ps_market_source_get_shown_symbol (self->source), -1);

  first[MIN (strlen (first), 10)] = '\0';
  last[MIN (strlen (last), 10)] = '\0';
  return g_strdup_printf ("%s-%s-%s-%s%s%s%s.%s", ps_market_source_get_shown_venue (self->source), lower,
                          ps_interval_to_string (ps_market_source_get_shown_interval (self->source)),
                          first, g_str_equal (first, last) ? "" : "_",
                          g_str_equal (first, last) ? "" : last,
                          ps_market_source_get_is_demo (self->source) ? "-demo" : "", extension);
}

void
_ps_window_report_written (PsWindow     *self,
                           GFile        *file,
                           const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  AdwToast *toast;

  if (error != NULL)
    toast = adw_toast_new_format (_("Could not export the report: %s"), error->message);
  else
    {
      g_autofree char *uri = g_file_get_uri (file);

      toast = adw_toast_new_format (_("Report saved as “%s”"), name);
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "market.open-report");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* past GDK_VERSION_MAX_ALLOWED on purpose */
static void
ps_window_open_report_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open the report: %s", error->message);
}
G_GNUC_END_IGNORE_DEPRECATIONS
#endif

static void
ps_window_open_report_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  /* The default viewer of the file's type, through the portal in a sandbox:
   * GtkFileLauncher on GTK 4.10 and later, gtk_show_uri () before. */
#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  gtk_file_launcher_launch (launcher, GTK_WINDOW (widget), NULL, ps_window_open_report_cb, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
#endif
}

static void
ps_window_export_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);
  PsExportDialog *dialog = ps_export_dialog_new (self);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* The chart as a report the size of the window, light or dark as the app,
 * on the clipboard as an image: to paste into a chat or a post. */
static void
ps_window_copy_image_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);
  g_auto(PsReportHold) hold = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  PsReport report;
  AdwToast *toast;
  int width = CLAMP (gtk_widget_get_width (widget), PS_REPORT_MIN_WIDTH, 4096);
  int height = CLAMP (gtk_widget_get_height (widget), PS_REPORT_MIN_HEIGHT, 4096);

  _ps_window_fill_report (self, FALSE, &report, &hold);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  ps_report_draw (&report, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  toast = adw_toast_new (_("Chart copied to the clipboard"));
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
ps_window_zoom_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);
  gint64 from = ps_time_axis_get_from_ms (self->axis);
  gint64 to = ps_time_axis_get_to_ms (self->axis);
  gint64 center = from + (to - from) / 2;

  if (ps_selection_get_cursor_ms (self->selection) != PS_TIME_NONE)
    center = ps_selection_get_cursor_ms (self->selection);

  if (g_str_equal (action_name, "chart.zoom-in"))
    ps_time_axis_zoom (self->axis, center, 1 / 1.5);
  else if (g_str_equal (action_name, "chart.zoom-out"))
    ps_time_axis_zoom (self->axis, center, 1.5);
  else if (self->shown_to_ms != 0)
    /* Back to the view the market opened on: the days asked for. */
    ps_time_axis_set_range (self->axis, self->shown_start_ms, self->shown_to_ms);
}

static void
ps_window_pan_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);
  gint64 span = ps_time_axis_get_to_ms (self->axis) - ps_time_axis_get_from_ms (self->axis);

  ps_time_axis_pan (self->axis, (g_str_equal (action_name, "chart.pan-left") ? -1 : 1) * span / 10);
}

static void
ps_window_clear_selection_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  ps_selection_clear (PS_WINDOW (widget)->selection);
}

/* Chart options ------------------------------------------------------------- */

/* win.oi-coin: a check item over "oi-unit", which has two values. */
static void
ps_window_oi_coin_change_state_cb (GSimpleAction *action,
                                   GVariant      *state,
                                   gpointer       user_data)
{
  PsWindow *self = user_data;

  g_settings_set_string (self->settings, "oi-unit",
                         g_variant_get_boolean (state) ? "coin" : "usd");
}

static void
ps_window_oi_unit_changed_cb (PsWindow   *self,
                              const char *key,
                              GSettings  *settings)
{
  g_autofree char *unit = g_settings_get_string (settings, "oi-unit");
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "oi-coin");

  g_assert (PS_IS_WINDOW (self));

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (g_str_equal (unit, "coin")));
}

/* win.oi-by-venue, win.funding-by-venue: check items over their keys,
 * enabled (and so shown) only while all venues are. */
static const char * const by_venue_keys[] = { "oi-by-venue", "funding-by-venue" };

static void
ps_window_by_venue_change_state_cb (GSimpleAction *action,
                                    GVariant      *state,
                                    gpointer       user_data)
{
  PsWindow *self = user_data;

  g_settings_set_boolean (self->settings, g_action_get_name (G_ACTION (action)),
                          g_variant_get_boolean (state));
}

static void
ps_window_by_venue_changed_cb (PsWindow   *self,
                               const char *key,
                               GSettings  *settings)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), key);

  g_assert (PS_IS_WINDOW (self));

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (g_settings_get_boolean (settings, key)));
}

static void
ps_window_init_by_venue (PsWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (by_venue_keys); i++)
    {
      const char *key = by_venue_keys[i];
      g_autoptr(GSimpleAction) action = NULL;
      g_autofree char *signal = g_strconcat ("changed::", key, NULL);

      action = g_simple_action_new_stateful (key, NULL, g_variant_new_boolean (FALSE));
      g_simple_action_set_enabled (action, FALSE);
      g_signal_connect_object (action, "change-state",
                               G_CALLBACK (ps_window_by_venue_change_state_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
      g_signal_connect_object (self->settings, signal, G_CALLBACK (ps_window_by_venue_changed_cb),
                               self, G_CONNECT_SWAPPED);
      ps_window_by_venue_changed_cb (self, key, self->settings);
    }
}

void
_ps_window_enable_by_venue (PsWindow *self,
                            gboolean  enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (by_venue_keys); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), by_venue_keys[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
    }
}

/* The shortcuts window, built the first time it is asked for: GtkApplication
 * builds one from gtk/help-overlay.ui for every window as it opens (~11 ms
 * of a launch here), most never shown. Once set, GTK keeps this action. */
static void
ps_window_show_help_overlay_cb (GSimpleAction *action,
                                GVariant      *parameter,
                                PsWindow      *self)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (self);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/perpscope/Perpscope/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

void
_ps_window_init_help_overlay (PsWindow *self)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-help-overlay", NULL);

  g_signal_connect_object (action, "activate", G_CALLBACK (ps_window_show_help_overlay_cb), self,
                           0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

void
_ps_window_init_chart_options (PsWindow *self)
{
  static const char *actions[] = {
    "price-style", "log-scale", "show-volume", "oi-delta", "funding-annualised",
  };
  g_autoptr(GSimpleAction) oi_coin = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, actions[i]);

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
  oi_coin = g_simple_action_new_stateful ("oi-coin", NULL, g_variant_new_boolean (FALSE));
  g_signal_connect_object (oi_coin, "change-state",
                           G_CALLBACK (ps_window_oi_coin_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (oi_coin));
  g_signal_connect_object (self->settings, "changed::oi-unit",
                           G_CALLBACK (ps_window_oi_unit_changed_cb), self, G_CONNECT_SWAPPED);
  ps_window_oi_unit_changed_cb (self, "oi-unit", self->settings);
  ps_window_init_by_venue (self);

  /* Settings that are panes' properties of the same name. */
  {
    const struct { const char *key; PsChartPane *pane; } binds[] = {
      { "price-style", self->price_pane },
      { "log-scale", self->price_pane },
      { "show-volume", self->price_pane },
      { "oi-unit", self->open_interest_pane },
      { "oi-delta", self->open_interest_pane },
      { "funding-annualised", self->funding_pane },
      { "oi-by-venue", self->open_interest_pane },
      { "funding-by-venue", self->funding_pane },
    };

    for (guint i = 0; i < G_N_ELEMENTS (binds); i++)
      g_settings_bind (self->settings, binds[i].key, binds[i].pane, binds[i].key,
                       G_SETTINGS_BIND_GET);
  }
}

void
_ps_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "market.refresh", NULL, ps_window_refresh_action);
  gtk_widget_class_install_action (widget_class, "market.export", NULL, ps_window_export_action);
  gtk_widget_class_install_action (widget_class, "market.copy-image", NULL,
                                   ps_window_copy_image_action);
  gtk_widget_class_install_action (widget_class, "market.open-report", "s",
                                   ps_window_open_report_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, ps_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, ps_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-reset", NULL, ps_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.pan-left", NULL, ps_window_pan_action);
  gtk_widget_class_install_action (widget_class, "chart.pan-right", NULL, ps_window_pan_action);
  gtk_widget_class_install_action (widget_class, "chart.clear-selection", NULL,
                                   ps_window_clear_selection_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.pan-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chart.clear-selection", NULL);
}
