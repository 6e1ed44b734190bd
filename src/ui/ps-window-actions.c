/* ps-window-actions.c: the window's market.* and chart.* actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-time.h"
#include "ps-window-private.h"

static void
ps_window_refresh_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);

  ps_market_refresh (self->market);
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

  /* Settings that are panes' properties of the same name. */
  {
    const struct { const char *key; PsChartPane *pane; } binds[] = {
      { "price-style", self->price_pane },
      { "log-scale", self->price_pane },
      { "show-volume", self->price_pane },
      { "oi-unit", self->open_interest_pane },
      { "oi-delta", self->open_interest_pane },
      { "funding-annualised", self->funding_pane },
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
  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, ps_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, ps_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-reset", NULL, ps_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.pan-left", NULL, ps_window_pan_action);
  gtk_widget_class_install_action (widget_class, "chart.pan-right", NULL, ps_window_pan_action);
  gtk_widget_class_install_action (widget_class, "chart.clear-selection", NULL,
                                   ps_window_clear_selection_action);
  _ps_window_class_add_export_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.pan-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chart.clear-selection", NULL);
}
