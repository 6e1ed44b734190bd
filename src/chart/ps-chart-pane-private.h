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

/* What the crosshair overlay needs of a pane (ps-chart-pane-crosshair.c). */
typedef struct
{
  PsChartPaneKind                kind;
  PsMarket                      *market;         /* may be NULL */
  PsTimeAxis                    *axis;
  const PsRecordedLiquidations  *liquidations;   /* may be NULL */
  const PsPredictedLiquidations *predicted;      /* may be NULL */
  gint64                         cursor_ms;
  double                         pointer_y;      /* NAN: the pointer is in another pane */
} PsPaneCrosshair;

/* The crosshair at c->cursor_ms over a pane's cached node of rect; on the
 * time labels, rect is their strip (under the phase ribbon). */
void        _ps_chart_pane_draw_crosshair (cairo_t               *cr,
                                           const PsRect          *rect,
                                           const PsChartStyle    *style,
                                           const PsPaneCrosshair *c);

/* The reason for an empty stretch in words ("Binance keeps 30 days of
 * open-interest history"); NULL when there is nothing true to say. */
char       *_ps_chart_pane_empty_label    (const PsEmptySpan     *span,
                                           const char            *venue_name,
                                           gboolean               loading,
                                           gboolean               utc);
/* The market's empty stretches of the pane's series as labelled bands. */
void        _ps_chart_pane_draw_empty     (cairo_t               *cr,
                                           const PsRect          *rect,
                                           const PsChartStyle    *style,
                                           PsChartPaneKind        kind,
                                           PsMarket              *market,
                                           PsTimeAxis            *axis);

G_END_DECLS
