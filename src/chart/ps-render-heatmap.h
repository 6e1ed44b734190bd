/* ps-render-heatmap.h: the liquidation heatmap as an image kept across frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid is turned into colour levels once (ps_heatmap_image_set_grid) and
 * into an image at the grid's own resolution on first paint; a frame only
 * places that image under the time axis and the price scale with a pattern
 * matrix, so panning and the autoscaled price range cost no rebuild. Zoomed
 * out past two cells a pixel, a level pooled by the maximum (a thin hot band
 * never drops between pixels) is built once and kept beside the others.
 *
 * Use: a price pane owns one PsHeatmapImage (plain data, no GObject) and
 * calls ps_heatmap_image_set_grid (image, ps_heatmap_get_grid (heatmap))
 * when a new model result arrives, then redraws as usual with
 *   PsPriceLayers layers = { .liquidations = …, .heatmap = image,
 *                            .heatmap_opacity = 0.8, .zones = …, .n_zones = … };
 *   ps_render_price_layers (cr, &rect, axis, candles, interval, &layers, title, style);
 * zones from ps_heatmap_get_zones (heatmap, last close) (a GArray of
 * PsHeatZone: its data and len). Pans, zooms, a new price range, the
 * opacity: no rebuild. A report makes one, sets the grid, draws, frees it.
 */
#pragma once

#include "ps-render.h"

G_BEGIN_DECLS

PsHeatmapImage *ps_heatmap_image_new          (void);
void            ps_heatmap_image_free         (PsHeatmapImage       *self);
/* Copies what it draws from grid (NULL: nothing), which need not outlive the
 * call: one pass over the grid, for each new model result, not each frame.
 * Long and short notional of a cell are summed: what price would liquidate
 * there. */
void            ps_heatmap_image_set_grid     (PsHeatmapImage       *self,
                                               const PsHeatmapGrid  *grid);
gboolean        ps_heatmap_image_is_empty     (const PsHeatmapImage *self);
/* The top of the colour scale: the fullest cell, USD. */
double          ps_heatmap_image_get_max_usd  (const PsHeatmapImage *self);
/* Images built so far (a new grid, style or pooling level builds one): for
 * tests and the benchmark. */
guint           ps_heatmap_image_get_n_builds (const PsHeatmapImage *self);
/* Grids set so far (each a pass over every cell): for tests. */
guint           ps_heatmap_image_get_n_grids  (const PsHeatmapImage *self);

/* The colour a cell of usd gets on a scale topping at max_usd, before the
 * opacity: along the square root of usd / max_usd, transparent below
 * max_usd / 100. */
PsColor         ps_heatmap_color              (const PsChartStyle   *style,
                                               double                usd,
                                               double                max_usd);

/* The image alone over the plot area of rect, prices placed by scale (the
 * candles', from ps_render_price_scale()), at opacity 0–1. The price pane
 * draws it through PsPriceLayers; this is for callers stacking their own. */
void            ps_render_heatmap             (cairo_t              *cr,
                                               const PsRect         *rect,
                                               PsTimeAxis           *axis,
                                               PsHeatmapImage       *image,
                                               const PsValueScale   *scale,
                                               double                opacity,
                                               const PsChartStyle   *style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsHeatmapImage, ps_heatmap_image_free)

G_END_DECLS
