/* ps-chart-pane.h: one pane of the chart window, drawn by ps_render_*()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-analysis.h"
#include "ps-market-source.h"
#include "ps-selection.h"
#include "ps-time-axis.h"

G_BEGIN_DECLS

typedef enum
{
  PS_CHART_PANE_PRICE,
  PS_CHART_PANE_OPEN_INTEREST,
  PS_CHART_PANE_FUNDING,
  PS_CHART_PANE_TIME_LABELS,
  PS_CHART_PANE_LIQUIDATIONS,
} PsChartPaneKind;

#define PS_TYPE_CHART_PANE_KIND (ps_chart_pane_kind_get_type ())
GType ps_chart_pane_kind_get_type (void) G_GNUC_CONST;

/* The enums of the panes' options ("price-style", "oi-unit"), their nicks
 * the settings' values: "candles" "ohlc" "line", "usd" "coin". */
#define PS_TYPE_PRICE_STYLE (ps_price_style_get_type ())
GType ps_price_style_get_type (void) G_GNUC_CONST;
#define PS_TYPE_OI_UNIT (ps_oi_unit_get_type ())
GType ps_oi_unit_get_type (void) G_GNUC_CONST;

#define PS_TYPE_CHART_PANE (ps_chart_pane_get_type ())
G_DECLARE_FINAL_TYPE (PsChartPane, ps_chart_pane, PS, CHART_PANE, GtkWidget)

GtkWidget       *ps_chart_pane_new            (PsChartPaneKind  kind);
PsChartPaneKind  ps_chart_pane_get_kind       (PsChartPane     *self);
void             ps_chart_pane_set_source     (PsChartPane     *self,
                                               PsMarketSource  *source);
void             ps_chart_pane_set_axis       (PsChartPane     *self,
                                               PsTimeAxis      *axis);
void             ps_chart_pane_set_selection  (PsChartPane     *self,
                                               PsSelection     *selection);
/* Recorded liquidations for the liquidations pane and the price pane's
 * markers: events (may be NULL) and the stretches when nothing was recorded,
 * a sorted GArray of PsTimeSpan or of the store's PsRange (same layout; may
 * be NULL). Both are kept by reference: after appending to either, set them
 * again (the same pointers will do) to redraw. */
void             ps_chart_pane_set_liquidations (PsChartPane    *self,
                                                 PsLiquidations *events,
                                                 GArray         *not_recorded);
/* The market's analysis: the price pane draws its heatmap (at opacity,
 * when show_heatmap) and hot zones, the liquidations pane the predicted
 * liquidations beside the recorded ones, the time pane the phases. analysis
 * may be NULL (none yet); a reference is kept. */
void             ps_chart_pane_set_analysis   (PsChartPane     *self,
                                               PsAnalysis      *analysis,
                                               gboolean         show_heatmap,
                                               double           heatmap_opacity);
/* Times of the panes' data are drawn once into a cached node; this drops it. */
void             ps_chart_pane_invalidate     (PsChartPane     *self);
/* Draws the data layers of those panes whose cached node is stale, at once:
 * the largest on the calling (main) thread, the others on worker threads,
 * where there is more than one processor. A container calls it in its
 * snapshot before its children's, which then only show what was drawn;
 * each pane alone draws its own in its snapshot. */
void             ps_chart_pane_render_all     (PsChartPane * const *panes,
                                               guint                n_panes);
/* How many times the cached node was rebuilt (for tests and the benchmark). */
guint            ps_chart_pane_get_n_renders  (PsChartPane     *self);
/* For tests and the benchmark: FALSE draws every pane on the calling thread. */
void             _ps_chart_pane_set_parallel  (gboolean         parallel);
/* For tests: FALSE hands the drawing to GSK as a texture under the cairo
 * renderer too (as under the others). */
void             _ps_chart_pane_set_cairo_nodes (gboolean       cairo_nodes);

G_END_DECLS
