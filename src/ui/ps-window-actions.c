/* ps-window-actions.c: the window's market.* and chart.* actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

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

gboolean
ps_window_export_png (PsWindow    *self,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GVariant) pane_sizes = NULL;
  g_autoptr(PsMarketSnapshot) snapshot = NULL;
  g_autoptr(GArray) venues = NULL;
  PsReport report = { 0 };
  PsRecordedLiquidations liq;

  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  _ps_window_get_recorded_liquidations (self, &liq);

  /* The report shows what the window shows: the visible range. */
  report.venue_name = ps_market_source_get_shown_venue_name (self->source);
  report.symbol = ps_market_source_get_shown_symbol (self->source);
  report.interval = ps_market_source_get_shown_interval (self->source);
  report.from_ms = ps_time_axis_get_from_ms (self->axis);
  report.to_ms = ps_time_axis_get_to_ms (self->axis);
  report.note = ps_market_source_get_is_demo (self->source) ? _("Demo data") : NULL;
  report.candles = ps_market_source_get_candles (self->source);
  report.funding = ps_market_source_get_funding (self->source);
  report.open_interest = ps_market_source_get_open_interest (self->source);
  /* The liquidations pane always, as in the window: the demo's says that
   * nothing of it was recorded. */
  report.liquidations = (PsLiquidations *) liq.events;
  report.not_recorded = liq.not_recorded;
  report.n_not_recorded = liq.n_not_recorded;
  /* The analysis as the panes draw it (none yet while the first run is
   * under way), with the heatmap as the window shows it. */
  report.analysis = ps_market_analysis_get_result (self->analysis);
  report.heatmap_opacity = g_settings_get_boolean (self->settings, "show-heatmap")
                           ? g_settings_get_double (self->settings, "heatmap-opacity") : 0;
  /* The panes shown, in their proportions (ps-window-panes.c). */
  pane_sizes = _ps_window_dup_shown_pane_sizes (self);
  report.pane_sizes = pane_sizes;
  /* The panes' options as the Chart menu set them: window and report agree. */
  report.price_style = g_settings_get_enum (self->settings, "price-style");
  report.log_scale = g_settings_get_boolean (self->settings, "log-scale");
  report.show_volume = g_settings_get_boolean (self->settings, "show-volume");
  report.oi_unit = g_settings_get_enum (self->settings, "oi-unit");
  report.oi_delta = g_settings_get_boolean (self->settings, "oi-delta");
  report.funding_annualised = g_settings_get_boolean (self->settings, "funding-annualised");
  /* All venues: stacked and compared as the panes show them. */
  snapshot = ps_market_source_get_snapshot (self->source);
  if ((venues = ps_venue_series_from_snapshot (snapshot)) != NULL)
    {
      report.venues = (const PsVenueSeries *) (gconstpointer) venues->data;
      report.n_venues = venues->len;
      report.oi_by_venue = g_settings_get_boolean (self->settings, "oi-by-venue");
      report.funding_by_venue = g_settings_get_boolean (self->settings, "funding-by-venue");
    }

  return ps_report_write_png (&report, REPORT_WIDTH, REPORT_HEIGHT, path, error);
}

static void
ps_window_export_response_cb (PsWindow             *self,
                              int                   response,
                              GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_assert (PS_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);

      if (path == NULL)
        toast = adw_toast_new (_("Could not export the report: choose a local file"));
      else if (!ps_window_export_png (self, path, &error))
        toast = adw_toast_new_format (_("Could not export the report: %s"), error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);

          toast = adw_toast_new_format (_("Report saved as “%s”"), name);
        }
      adw_toast_set_timeout (toast, 6);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  g_clear_object (&self->export_chooser);
}

static void
ps_window_export_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);
  PsMarketSource *source;
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *lower = NULL;

  if (self->export_chooser != NULL)
    return;

  date = ps_time_format_utc (ps_time_axis_get_from_ms (self->axis));
  date[MIN (strlen (date), 10)] = '\0';
  source = self->source;
  lower = g_ascii_strdown (ps_market_source_get_shown_symbol (source), -1);
  name = g_strdup_printf ("%s-%s-%s-%s%s.png", ps_market_source_get_shown_venue (source), lower,
                          ps_interval_to_string (ps_market_source_get_shown_interval (source)),
                          date, ps_market_source_get_is_demo (source) ? "-demo" : "");

  self->export_chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  g_signal_connect_object (self->export_chooser, "response",
                           G_CALLBACK (ps_window_export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
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
