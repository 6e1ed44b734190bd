/* ps-test-select.h: where to click in the window's panes, for the window tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-chart-pane.h"
#include "ps-render.h"
#include "ps-window.h"

/* The fraction of the price pane's height at which the candle under the
 * fraction fx of its width is drawn (its close): a click there selects that
 * candle, not the heatmap band around it. */
static inline double
price_pane_candle_fy (PsWindow  *window,
                      GtkWidget *pane,
                      double     fx)
{
  PsMarket *market = ps_window_get_market (window);
  PsTimeAxis *axis = ps_window_get_axis (window);
  PsCandles *candles = ps_market_get_candles (market);
  PsInterval interval = ps_market_get_shown_interval (market);
  PsRect rect = { 0, 0, gtk_widget_get_width (pane), gtk_widget_get_height (pane) };
  PsChartStyle style;
  PsValueScale scale;
  gint64 t;
  guint i;

  ps_chart_style_init_light (&style);
  g_assert_true (ps_render_price_scale (&rect, axis, candles, interval, &style, &scale));
  t = ps_time_axis_from_x (axis, rect.width * fx, MAX (1.0, rect.width - style.gutter));
  i = ps_series_lower_bound (candles->t_ms, candles->n, ps_interval_floor (interval, t));
  g_assert_cmpuint (i, <, candles->n);
  return ps_value_scale_to_y (&scale, (ps_candles_high_at (candles, i) +
                                       ps_candles_low_at (candles, i)) / 2) / rect.height;
}
