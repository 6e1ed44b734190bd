/* ps-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ps-aggregate-market.h"
#include "ps-chart-pane.h"
#include "ps-net-error.h"
#include "ps-render.h"
#include "ps-time.h"
#include "ps-window-private.h"

#define DAY_MS ((gint64) 24 * 3600 * 1000)
#define REFRESH_S         60
#define PROGRESS_DELAY_MS 700

static const PsInterval dropdown_intervals[] = {
  PS_INTERVAL_1M, PS_INTERVAL_5M, PS_INTERVAL_15M, PS_INTERVAL_1H, PS_INTERVAL_4H, PS_INTERVAL_1D,
};


G_DEFINE_FINAL_TYPE (PsWindow, ps_window, ADW_TYPE_APPLICATION_WINDOW)

/* The panes, top to bottom; valid while the window lives. */
static PsChartPane **
ps_window_panes (PsWindow *self,
                 guint    *n_panes)
{
  *n_panes = _ps_window_list_panes (self, self->panes, G_N_ELEMENTS (self->panes));
  return self->panes;
}

static PsInterval
ps_window_get_interval (PsWindow *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "interval");
  PsInterval interval = PS_INTERVAL_4H;

  ps_interval_from_string (text, &interval);
  return interval;
}

static void ps_window_update_status (PsWindow *self);

static gboolean
ps_window_progress_delay_cb (gpointer user_data)
{
  PsWindow *self = user_data;

  self->progress_source = 0;
  self->show_progress = TRUE;
  ps_window_update_status (self);
  return G_SOURCE_REMOVE;
}

/* Every REFRESH_S the recent range is fetched again: new candles, the open
 * one's latest values, and a way back after being offline. */
static gboolean
ps_window_refresh_cb (gpointer user_data)
{
  PsWindow *self = user_data;
  const GError *error = ps_market_source_get_error (self->source);

  if (!ps_market_source_get_loading (self->source) &&
      !g_error_matches (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL))
    ps_market_source_refresh (self->source);
  return G_SOURCE_CONTINUE;
}

/* Title, banner and progress follow the market's state. */
static void
ps_window_update_status (PsWindow *self)
{
  PsMarketSource *source = self->source;
  const GError *error = ps_market_source_get_error (source);
  gboolean loading = ps_market_source_get_loading (source);
  gboolean demo = ps_market_source_get_is_demo (source);
  const char *venue_name = ps_market_source_get_venue_name (source);
  const char *symbol = ps_market_source_get_symbol (source);
  const char *interval = ps_interval_to_string (ps_market_source_get_interval (source));
  PsInterval shown = ps_market_source_get_shown_interval (source);
  const char *progress = ps_market_source_get_progress_text (source);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *banner = NULL;

  title = g_strdup_printf ("%s · %s", venue_name, symbol);
  if (demo)
    subtitle = g_strdup_printf (_("Demo data · %s %s %s · Oct–Dec 2025"),
                                ps_market_source_get_shown_venue_name (source),
                                ps_market_source_get_shown_symbol (source),
                                ps_interval_to_string (shown));
  else if (_ps_window_history_is_custom (self))
    {
      g_autofree char *range = _ps_window_history_dup_range_text (self);

      subtitle = g_strdup_printf ("%s · %s", interval, range);
    }
  else
    {
      guint days = g_settings_get_uint (self->settings, "range-days");

      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · last %u day", "%s · last %u days", days),
                                  interval, days);
    }
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* The title ellipsizes in a narrow header; the whole of it on hover. */
  tooltip = g_strdup_printf ("%s\n%s", title, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), tooltip);

  /* A load that ends within PROGRESS_DELAY_MS (a refresh, a cached range)
   * shows nothing: no banner flashing every minute. */
  if (loading && !self->was_loading)
    {
      self->show_progress = FALSE;
      g_clear_handle_id (&self->progress_source, g_source_remove);
      self->progress_source = g_timeout_add (PROGRESS_DELAY_MS, ps_window_progress_delay_cb, self);
    }
  else if (!loading)
    {
      self->show_progress = FALSE;
      g_clear_handle_id (&self->progress_source, g_source_remove);
      g_clear_pointer (&self->retry_text, g_free);
    }
  self->was_loading = loading;
  loading = loading && (self->show_progress || demo);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), loading);
  gtk_progress_bar_set_fraction (self->progress_bar, ps_market_source_get_progress (source));

  if (loading && demo)
    banner = g_strdup_printf (_("Showing demo data while fetching %s from %s… %s"),
                              symbol, venue_name, progress ?: "");
  else if (loading && self->retry_text != NULL)
    banner = g_strdup_printf ("%s — %s", progress ?: "", self->retry_text);
  else if (loading)
    banner = g_strdup (progress);
  else if (error != NULL && demo)
    banner = g_strdup_printf (_("Demo data: nothing is cached for %s and it could not be fetched. %s"),
                              symbol, error->message);
  else if (error != NULL && ps_market_source_get_offline_to_ms (source) != 0)
    {
      g_autofree char *until = ps_time_format (ps_market_source_get_offline_to_ms (source),
                                               ps_time_axis_get_utc (self->axis));

      banner = g_strdup_printf (_("Offline: showing cached data up to %s. %s"), until,
                                error->message);
    }
  else if (error != NULL && ps_market_source_get_candles (source)->n == 0)
    banner = g_strdup (error->message);
  else if (error != NULL)
    banner = g_strdup_printf (_("Showing cached data only. %s"), error->message);
  else
    {
      /* What the series shown leave out (all venues: a venue that failed,
       * one left out of the sum, one whose liquidations nobody records). */
      g_auto(GStrv) notes = ps_market_source_dup_notes (source);

      if (notes[0] != NULL)
        banner = g_strjoinv ("\n", notes);
    }

  gtk_label_set_text (self->banner_label, banner ? banner : "");
  /* Asking again cannot make a venue list a symbol. */
  gtk_widget_set_visible (self->banner_button,
                          !loading && error != NULL &&
                          !g_error_matches (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL));
  if (error != NULL && !loading)
    gtk_widget_add_css_class (self->banner_box, "error");
  else
    gtk_widget_remove_css_class (self->banner_box, "error");
  gtk_revealer_set_reveal_child (self->banner_revealer, banner != NULL && *banner != '\0');
}

/* The history loaded before the range shown, so that the phases have their
 * baseline and the heatmap its positions from the first candle in view (as
 * `perpscope analyze` does): the treadmill's baseline and lookback. */
static gint64
ps_window_warmup_ms (PsWindow *self)
{
  const PsAnalysisParams *params = ps_market_analysis_get_params (self->analysis);

  return params->treadmill.baseline_ms + params->treadmill.lookback_ms;
}

/* The axis spans the market's range (its warm-up too: panning back shows
 * it), or the demo's while the demo stands in; the view starts on the days
 * asked for. When a refresh moves the range on, a view that showed those
 * days keeps showing the latest of them, a view at its right edge follows
 * the new candles, and any other view stays where the user put it. */
static void
ps_window_update_axis (PsWindow *self)
{
  gboolean demo = ps_market_source_get_is_demo (self->source);
  gint64 from = ps_market_source_get_shown_from_ms (self->source);
  gint64 to = ps_market_source_get_shown_to_ms (self->source);
  gint64 limit = demo ? from : _ps_window_history_limit_from (self, from, to);
  gint64 view_from, view_to, start;
  gboolean same_kind;

  if (self->shown_from_ms == from && self->shown_to_ms == to && self->shown_demo == demo)
    {
      gint64 limit_now;

      /* Only what is known of the data's start may have changed (a read
       * learnt it): the view and the selection stay, kept inside the
       * new limits. */
      if (from < to && ps_time_axis_get_limits (self->axis, &limit_now, NULL) && limit_now != limit)
        ps_time_axis_set_limits (self->axis, limit, to);
      return;
    }

  view_from = ps_time_axis_get_from_ms (self->axis);
  view_to = ps_time_axis_get_to_ms (self->axis);
  same_kind = self->shown_to_ms != 0 && self->shown_demo == demo;
  start = demo ? from : MAX (_ps_window_history_view_start (self, from, to), limit);

  ps_time_axis_set_limits (self->axis, limit, to);
  if (!same_kind || (view_from == self->shown_start_ms && view_to == self->shown_to_ms))
    {
      ps_time_axis_set_range (self->axis, start, to);
      ps_selection_clear (self->selection);
    }
  else if (view_to >= self->shown_to_ms)
    ps_time_axis_set_range (self->axis, view_from + (to - self->shown_to_ms),
                            view_to + (to - self->shown_to_ms));

  self->shown_from_ms = from;
  self->shown_to_ms = to;
  self->shown_start_ms = start;
  self->shown_demo = demo;
}

static void
ps_window_market_notify_cb (PsWindow       *self,
                            GParamSpec     *pspec,
                            PsMarketSource *source)
{
  g_assert (PS_IS_WINDOW (self));

  if (source != self->source)
    return;

  ps_window_update_axis (self);
  ps_window_update_status (self);
  _ps_window_history_market_notify (self);
}

/* The liquidations pane and the price pane's markers: the market's
 * recordings, replaced at each read. The demo's price pane carries no
 * "not recorded" strip: its liquidations pane says it all. */
static void
ps_window_update_liquidations (PsWindow *self)
{
  PsLiquidations *events = ps_market_source_get_liquidations (self->source);
  GArray *not_recorded = ps_market_source_get_not_recorded (self->source);

  ps_chart_pane_set_liquidations (self->liquidations_pane, events, not_recorded);
  if (ps_market_source_get_is_demo (self->source))
    ps_chart_pane_set_liquidations (self->price_pane, NULL, NULL);
  else
    ps_chart_pane_set_liquidations (self->price_pane, events, not_recorded);
}

static void
ps_window_market_changed_cb (PsWindow *self)
{
  g_assert (PS_IS_WINDOW (self));

  /* An aggregate's notes follow its venues' series. */
  if (!ps_market_source_get_loading (self->source))
    ps_window_update_status (self);
  ps_window_update_liquidations (self);
  ps_window_update_axis (self);
  _ps_window_update_readout (self);
}

void
_ps_window_load_market (PsWindow *self)
{
  g_autofree char *venue = _ps_window_dup_venue (self);
  g_autofree char *symbol = g_settings_get_string (self->settings, "symbol");
  PsInterval interval = ps_window_get_interval (self);
  guint n_panes;
  PsChartPane **panes = ps_window_panes (self, &n_panes);

  if (self->source != NULL)
    {
      ps_market_source_cancel (self->source);
      g_signal_handlers_disconnect_by_data (self->source, self);
    }
  g_clear_object (&self->source);

  self->source = _ps_window_new_source (self, venue, symbol, interval);
  _ps_window_enable_by_venue (self, PS_IS_AGGREGATE_MARKET (self->source));
  /* The funding pane's "Next 0.0100% in 3h 12m". */
  ps_market_source_set_follow_next_funding (self->source, TRUE);
  self->shown_from_ms = self->shown_to_ms = 0;
  g_signal_connect_object (self->source, "notify", G_CALLBACK (ps_window_market_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source, "changed", G_CALLBACK (ps_window_market_changed_cb),
                           self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < n_panes; i++)
    ps_chart_pane_set_source (panes[i], self->source);
  ps_window_update_liquidations (self);
  _ps_window_set_analysis_source (self);
  ps_side_panel_set_market (self->side_panel, self->source);

  _ps_window_history_load (self, ps_window_warmup_ms (self));
  _ps_window_update_recorder (self);
  _ps_window_trim_cache (self);

  ps_window_update_axis (self);
  ps_window_update_status (self);
  _ps_window_update_readout (self);
}

static void
ps_window_symbol_activate_cb (PsWindow *self,
                              GtkEntry *entry)
{
  g_autofree char *symbol = NULL;
  g_autofree char *current = NULL;

  g_assert (PS_IS_WINDOW (self));

  symbol = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  g_strstrip (symbol);
  if (*symbol == '\0')
    {
      current = g_settings_get_string (self->settings, "symbol");
      gtk_editable_set_text (GTK_EDITABLE (entry), current);
      return;
    }

  current = g_settings_get_string (self->settings, "symbol");
  gtk_editable_set_text (GTK_EDITABLE (entry), symbol);
  if (g_strcmp0 (symbol, current) != 0)
    g_settings_set_string (self->settings, "symbol", symbol);
}

static void
ps_window_interval_selected_cb (PsWindow    *self,
                                GParamSpec  *pspec,
                                GtkDropDown *dropdown)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  g_assert (PS_IS_WINDOW (self));

  if (i < G_N_ELEMENTS (dropdown_intervals) && dropdown_intervals[i] != ps_window_get_interval (self))
    g_settings_set_string (self->settings, "interval", ps_interval_to_string (dropdown_intervals[i]));
}

/* Shows [from_ms, to_ms) as a fixed range (the custom range dialog's). */
void
_ps_window_show_custom_range (PsWindow *self,
                              gint64    from_ms,
                              gint64    to_ms)
{
  g_return_if_fail (PS_IS_WINDOW (self));

  _ps_window_history_set_custom (self, from_ms, to_ms);
  _ps_window_sync_range_dropdown (self);
  _ps_window_load_market (self);
}

static void ps_window_sync_widgets_from_settings (PsWindow *self);

static void
ps_window_settings_changed_cb (PsWindow   *self,
                               const char *key,
                               GSettings  *settings)
{
  g_assert (PS_IS_WINDOW (self));

  if (g_str_equal (key, "venue") || g_str_equal (key, "symbol") ||
      g_str_equal (key, "interval") || g_str_equal (key, "range-days"))
    {
      ps_window_sync_widgets_from_settings (self);
      _ps_window_load_market (self);
    }
  else if (g_str_equal (key, "aggregate-venues") || g_str_equal (key, "aggregate-reference"))
    {
      g_autofree char *venue = _ps_window_dup_venue (self);

      _ps_window_sync_venues (self);
      if (g_str_equal (venue, PS_AGGREGATE_VENUE))
        _ps_window_load_market (self);
    }
  else if (g_str_equal (key, "record-live"))
    _ps_window_update_recorder (self);
}

static void
ps_window_sync_widgets_from_settings (PsWindow *self)
{
  g_autofree char *symbol = g_settings_get_string (self->settings, "symbol");
  PsInterval interval = ps_window_get_interval (self);
  guint days = g_settings_get_uint (self->settings, "range-days");

  _ps_window_sync_venues (self);
  gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), symbol);

  for (guint i = 0; i < G_N_ELEMENTS (dropdown_intervals); i++)
    if (dropdown_intervals[i] == interval)
      gtk_drop_down_set_selected (self->interval_dropdown, i);

  _ps_window_sync_range_list (self, days);
}

/* The range list shows the preset or "Custom…" in use. */
void
_ps_window_sync_range_dropdown (PsWindow *self)
{
  ps_window_sync_widgets_from_settings (self);
}

static gboolean
ps_window_close_request (GtkWindow *window)
{
  PsWindow *self = PS_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (ps_window_parent_class)->close_request (window);
}

static void
ps_window_dispose (GObject *object)
{
  PsWindow *self = PS_WINDOW (object);

  g_auto(GStrv) actions = g_action_group_list_actions (G_ACTION_GROUP (self));

  /* Out of the window's group before it goes: an action made by
   * g_settings_create_action () that outlives the group (anything may hold
   * one) would otherwise tell the freed group of each settings change. */
  for (guint i = 0; actions[i] != NULL; i++)
    g_action_map_remove_action (G_ACTION_MAP (self), actions[i]);

  if (self->source != NULL)
    ps_market_source_cancel (self->source);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  _ps_window_stop_recorder (self);
  g_cancellable_cancel (self->cache_trim);
  g_clear_object (&self->cache_trim);
  if (self->analysis != NULL)
    ps_market_analysis_set_source (self->analysis, NULL);
  g_clear_object (&self->analysis);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_WINDOW);
  g_clear_object (&self->source);
  g_clear_object (&self->core);
  g_clear_object (&self->axis);
  g_clear_object (&self->selection);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->retry_text, g_free);
  g_clear_pointer (&self->venue_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (ps_window_parent_class)->dispose (object);
}

static void
ps_window_class_init (PsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ps_window_dispose;
  window_class->close_request = ps_window_close_request;

  g_type_ensure (PS_TYPE_CHART_PANE);
  g_type_ensure (PS_TYPE_PANE_STACK);
  g_type_ensure (PS_TYPE_SIDE_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/perpscope/Perpscope/ui/ps-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, venue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, venues_button);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, venues_popover);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, symbol_entry);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, interval_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, pane_stack);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, readout_label);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, record_label);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, heatmap_button);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, heatmap_opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, analysis_label);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, side_flap);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, side_panel);
  gtk_widget_class_bind_template_callback (widget_class, ps_window_symbol_activate_cb);

  _ps_window_class_add_actions (widget_class);
  _ps_window_class_init_layout (widget_class);
}

static void
ps_window_init (PsWindow *self)
{
  guint n_panes;
  PsChartPane **panes;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->axis = ps_time_axis_new ();
  self->selection = ps_selection_new ();
  _ps_window_init_panes (self);

  panes = ps_window_panes (self, &n_panes);
  for (guint i = 0; i < n_panes; i++)
    {
      ps_chart_pane_set_axis (panes[i], self->axis);
      ps_chart_pane_set_selection (panes[i], self->selection);
    }

  g_signal_connect_object (self->selection, "notify", G_CALLBACK (_ps_window_update_readout),
                           self, G_CONNECT_SWAPPED);
  _ps_window_init_history (self);
  g_signal_connect_object (self->interval_dropdown, "notify::selected",
                           G_CALLBACK (ps_window_interval_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->range_dropdown, "notify::selected",
                           G_CALLBACK (_ps_window_range_selected_cb), self, G_CONNECT_SWAPPED);
}

static void
ps_window_utc_changed_cb (PsWindow   *self,
                          const char *key,
                          GSettings  *settings)
{
  ps_time_axis_set_utc (self->axis, g_settings_get_boolean (settings, "utc"));
  _ps_window_update_readout (self);
}

/* A venue slow to answer or refusing: the wait is said at once, in the banner,
 * instead of a progress bar that stands still. */
static void
ps_window_retrying_cb (PsWindow   *self,
                       const char *venue_name,
                       const char *uri,
                       guint       attempt,
                       guint       max_attempts,
                       const char *reason,
                       guint       delay_ms,
                       PsHttp     *http)
{
  g_assert (PS_IS_WINDOW (self));

  /* All venues: any of them may be the one the load waits for. */
  if (self->source == NULL || !ps_market_source_get_loading (self->source) ||
      (!PS_IS_AGGREGATE_MARKET (self->source) &&
       g_strcmp0 (venue_name, ps_market_source_get_venue_name (self->source)) != 0))
    return;

  g_free (self->retry_text);
  /* Translators: venue, why it failed, the next attempt, of how many, in
   * how many seconds: "Binance: timed out; attempt 2 of 5 in 2 s" */
  self->retry_text = g_strdup_printf (_("%s: %s; attempt %u of %u in %.0f s"), venue_name,
                                      reason, attempt, max_attempts, ceil (delay_ms / 1000.0));
  self->show_progress = TRUE;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  ps_window_update_status (self);
}

static void
ps_window_toast_notice (PsWindow *self,
                        char     *notice)
{
  g_autofree char *text = notice;
  AdwToast *toast;

  if (text == NULL)
    return;
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

PsWindow *
ps_window_new (PsApplication *application,
               PsCore        *core)
{
  g_autoptr(GAction) utc_action = NULL;
  g_autoptr(GAction) record_action = NULL;
  PsWindow *self;

  g_return_val_if_fail (PS_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PS_IS_CORE (core), NULL);

  self = g_object_new (PS_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (ps_application_get_settings (application));
  self->core = g_object_ref (core);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  utc_action = g_settings_create_action (self->settings, "utc");
  g_action_map_add_action (G_ACTION_MAP (self), utc_action);
  ps_time_axis_set_utc (self->axis, g_settings_get_boolean (self->settings, "utc"));
  record_action = g_settings_create_action (self->settings, "record-live");
  g_action_map_add_action (G_ACTION_MAP (self), record_action);
  g_signal_connect_object (self->settings, "changed::utc", G_CALLBACK (ps_window_utc_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::cache-size-limit-mb",
                           G_CALLBACK (_ps_window_trim_cache), self, G_CONNECT_SWAPPED);

  _ps_window_setup_panes (self);
  _ps_window_init_analysis (self);
  _ps_window_init_chart_options (self);
  _ps_window_init_help_overlay (self);
  _ps_window_init_side_panel (self);
  _ps_window_init_venues (self);
  ps_window_sync_widgets_from_settings (self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (ps_window_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  _ps_window_load_market (self);
  self->refresh_source = g_timeout_add_seconds (REFRESH_S, ps_window_refresh_cb, self);

  g_signal_connect_object (ps_core_get_http (self->core), "retrying",
                           G_CALLBACK (ps_window_retrying_cb), self, G_CONNECT_SWAPPED);

  /* Once per process: the first window tells. */
  ps_window_toast_notice (self, ps_core_take_cache_notice (self->core));
  ps_window_toast_notice (self, ps_core_take_recordings_notice (self->core));

  return self;
}

PsMarket *
ps_window_get_market (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return PS_IS_MARKET (self->source) ? PS_MARKET (self->source) : NULL;
}

PsMarketSource *
ps_window_get_source (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->source;
}

PsTimeAxis *
ps_window_get_axis (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->axis;
}

PsSelection *
ps_window_get_selection (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->selection;
}

const char *
ps_window_get_banner_text (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return "";
  return gtk_label_get_text (self->banner_label);
}

const char *
ps_window_get_readout_text (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return gtk_label_get_text (self->readout_label);
}

GtkWidget *
ps_window_get_pane (PsWindow        *self,
                    PsChartPaneKind  kind)
{
  guint n_panes;
  PsChartPane **panes;

  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  panes = ps_window_panes (self, &n_panes);
  for (guint i = 0; i < n_panes; i++)
    if (ps_chart_pane_get_kind (panes[i]) == kind)
      return GTK_WIDGET (panes[i]);
  return NULL;
}

GtkWidget *
ps_window_get_side_panel (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->side_panel);
}
