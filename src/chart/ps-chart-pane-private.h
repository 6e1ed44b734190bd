/* ps-chart-pane-private.h: what ps-chart-pane*.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-chart-pane.h"
#include "ps-render.h"

G_BEGIN_DECLS

PsTimeAxis *_ps_chart_pane_get_axis      (PsChartPane     *self);
/* What a screen reader says for a pane: "Price chart"… */
const char *_ps_chart_pane_kind_to_label (PsChartPaneKind  kind);
/* ← → pan, Home fits (ps-chart-pane-keys.c). */
void        _ps_chart_pane_add_keys      (PsChartPane     *self);

/* What ps-chart-pane-select.c reads of the pane (lent). */
PsMarket    *_ps_chart_pane_get_market       (PsChartPane             *self);
PsSelection *_ps_chart_pane_get_selection    (PsChartPane             *self);
/* The model's heatmap and hot zones while the heatmap is shown, else NULL. */
PsHeatmap   *_ps_chart_pane_get_heatmap      (PsChartPane             *self);
const GArray *_ps_chart_pane_get_zones       (PsChartPane             *self);
void         _ps_chart_pane_get_recorded_liq (PsChartPane             *self,
                                              PsRecordedLiquidations  *liq);
gboolean     _ps_chart_pane_get_predicted_liq (PsChartPane            *self,
                                               PsPredictedLiquidations *predicted);
void         _ps_chart_pane_get_style        (PsChartPane             *self,
                                              PsChartStyle            *style);
double       _ps_chart_pane_get_plot_width   (PsChartPane             *self);

/* ps-chart-pane-select.c: click, Shift+drag and Escape select; the
 * selection drawn over the pane. */
void     _ps_chart_pane_add_select         (PsChartPane        *self);
void     _ps_chart_pane_select_click       (PsChartPane        *self,
                                            double              x,
                                            double              y);
gboolean _ps_chart_pane_select_drag_wanted (PsChartPane        *self,
                                            GtkGestureDrag     *drag);
void     _ps_chart_pane_select_range       (PsChartPane        *self,
                                            double              x0,
                                            double              x1);
void     _ps_chart_pane_draw_selection     (PsChartPane        *self,
                                            cairo_t            *cr,
                                            const PsRect       *rect,
                                            const PsChartStyle *style);

G_END_DECLS
