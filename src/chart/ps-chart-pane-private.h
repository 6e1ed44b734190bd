/* ps-chart-pane-private.h: what ps-chart-pane*.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-chart-pane.h"
#include "ps-render.h"
#include "ps-render-heatmap.h"

G_BEGIN_DECLS

/* The options a pane draws with (ps-chart-pane-options.c). */
typedef struct
{
  PsPriceStyle price_style;
  int          log_scale;
  int          show_volume;
  PsOiUnit     oi_unit;
  int          oi_delta;
  int          funding_annualised;
  int          oi_by_venue;         /* an aggregate's OI stacked by venue */
  int          funding_by_venue;    /* an aggregate's funding compared by venue */
  guint        minute_source;   /* the countdown's next tick */
} PsChartPaneOptions;

PsChartPaneOptions *_ps_chart_pane_get_options (PsChartPane *self);
/* Properties first_id… of the options; get/set FALSE for another id. */
void     _ps_chart_pane_install_options    (GObjectClass       *object_class,
                                            guint               first_id);
gboolean _ps_chart_pane_get_option         (PsChartPane        *self,
                                            guint               prop_id,
                                            GValue             *value);
gboolean _ps_chart_pane_set_option         (PsChartPane        *self,
                                            guint               prop_id,
                                            const GValue       *value);
void     _ps_chart_pane_fill_price_layers  (PsChartPane        *self,
                                            PsPriceLayers      *layers);
/* Each returns the title it drew (the crosshair's header starts after it). */
char    *_ps_chart_pane_draw_open_interest (PsChartPane        *self,
                                            PsMarketSource     *source,
                                            cairo_t            *cr,
                                            const PsRect       *rect,
                                            const PsChartStyle *style);
/* Whether the pane stacks or compares source's venues as o says: an
 * aggregate's, OI in USD as a line (not in coins, not its change). venues
 * gets them (a new GArray of PsVenueSeries) when not NULL. */
#define _PS_VENUE_SERIES(array) ((const PsVenueSeries *) (gconstpointer) (array)->data)
gboolean _ps_chart_pane_oi_by_venue        (const PsChartPaneOptions *o,
                                            PsMarketSource           *source,
                                            GArray                  **venues);
gboolean _ps_chart_pane_funding_by_venue   (const PsChartPaneOptions *o,
                                            PsMarketSource           *source,
                                            GArray                  **venues);
/* With the market's next funding, which ticks the pane each minute. */
char    *_ps_chart_pane_draw_funding       (PsChartPane        *self,
                                            PsMarketSource     *source,
                                            cairo_t            *cr,
                                            const PsRect       *rect,
                                            const PsChartStyle *style);
void     _ps_chart_pane_clear_options      (PsChartPane        *self);

PsTimeAxis *_ps_chart_pane_get_axis      (PsChartPane     *self);
/* What a screen reader says for a pane: "Price chart"… */
const char *_ps_chart_pane_kind_to_label (PsChartPaneKind  kind);
/* ← → pan, Home fits (ps-chart-pane-keys.c). */
void        _ps_chart_pane_add_keys      (PsChartPane     *self);
/* Kinetic drag, pinch zoom, double-click fit (ps-chart-pane-gestures.c). */
void        _ps_chart_pane_add_gestures  (PsChartPane     *self);
gboolean    _ps_chart_pane_is_gliding    (PsChartPane     *self);

/* The pane's state, shared by its files (ps-chart-pane*.c). */
struct _PsChartPane
{
  GtkWidget        parent_instance;

  PsChartPaneKind  kind;
  PsMarketSource  *source;
  PsTimeAxis      *axis;
  PsSelection     *selection;
  PsLiquidations  *liquidations;
  GArray          *not_recorded;    /* PsTimeSpan */
  PsAnalysis      *analysis;
  double           heatmap_opacity;
  gboolean         show_heatmap;
  PsHeatmapImage  *heat_image;      /* the price pane's: the model's grid in colour */
  GArray          *zones;           /* PsHeatZone at the end of the range */
  PsChartPaneOptions options;       /* ps-chart-pane-options.c */

  char            *title;           /* the header's title in the cached node */
  /* The data layer drawn once; cursor and selection are drawn over it. */
  GskRenderNode   *node;
  int              node_width;
  int              node_height;
  int              node_scale;
  guint            n_renders;

  double           pointer_x;
  double           pointer_y;       /* NAN: the pointer is not in this pane */
  double           drag_last_x;
  gboolean         dragging;
  gboolean         range_drag;       /* Shift held at the press: selects, never pans */
};

/* The pointer's controllers (ps-chart-pane-input.c). */
void        _ps_chart_pane_add_pointer   (PsChartPane     *self);

/* What the crosshair overlay needs of a pane (ps-chart-pane-crosshair.c). */
typedef struct
{
  PsChartPaneKind                kind;
  PsMarketSource                *source;         /* may be NULL */
  PsTimeAxis                    *axis;
  const PsRecordedLiquidations  *liquidations;   /* may be NULL */
  const PsPredictedLiquidations *predicted;      /* may be NULL */
  gint64                         cursor_ms;
  double                         pointer_y;      /* NAN: the pointer is in another pane */
  const char                    *title;          /* the header's title as drawn; may be NULL */
  const PsChartPaneOptions      *options;        /* the scales' options, as drawn */
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
char       *_ps_chart_pane_empty_short_label (const PsEmptySpan *span,
                                               gboolean           loading,
                                               gboolean           utc);
/* The market's empty stretches of the pane's series as labelled bands. */
void        _ps_chart_pane_draw_empty     (cairo_t               *cr,
                                           const PsRect          *rect,
                                           const PsChartStyle    *style,
                                           PsChartPaneKind        kind,
                                           PsMarketSource        *source,
                                           PsTimeAxis            *axis);

/* What ps-chart-pane-select.c reads of the pane (lent). */
PsMarketSource *_ps_chart_pane_get_source  (PsChartPane             *self);
PsSelection *_ps_chart_pane_get_selection    (PsChartPane             *self);
/* The model's heatmap and hot zones while the heatmap is shown, else NULL. */
PsHeatmap   *_ps_chart_pane_get_heatmap      (PsChartPane             *self);
const GArray *_ps_chart_pane_get_zones       (PsChartPane             *self);
void         _ps_chart_pane_get_recorded_liq (PsChartPane             *self,
                                              PsRecordedLiquidations  *liq);
gboolean     _ps_chart_pane_get_predicted_liq (PsChartPane            *self,
                                               PsPredictedLiquidations *predicted);
/* The pane's data layer (series, axes, legends; not the overlays) into cr
 * over rect; safe on a worker while the main thread waits
 * (ps-chart-pane-render.c). */
void         _ps_chart_pane_draw_data        (PsChartPane             *self,
                                              cairo_t                 *cr,
                                              const PsRect            *rect,
                                              const PsChartStyle      *style);
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
