/* ps-chart-pane-private.h: what ps-chart-pane*.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-chart-pane.h"

G_BEGIN_DECLS

PsTimeAxis *_ps_chart_pane_get_axis      (PsChartPane     *self);
/* What a screen reader says for a pane: "Price chart"… */
const char *_ps_chart_pane_kind_to_label (PsChartPaneKind  kind);
/* ← → pan, Home fits (ps-chart-pane-keys.c). */
void        _ps_chart_pane_add_keys      (PsChartPane     *self);
/* Kinetic drag, pinch zoom, double-click fit (ps-chart-pane-gestures.c). */
void        _ps_chart_pane_add_gestures  (PsChartPane     *self);
gboolean    _ps_chart_pane_is_gliding    (PsChartPane     *self);
/* The pane's width less the value gutter, at least 1 px. */
double      _ps_chart_pane_get_plot_width (PsChartPane    *self);

G_END_DECLS
