/* ps-render.h: the chart drawing, plain cairo, shared by the window and reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ps-heatmap.h"
#include "ps-series.h"
#include "ps-time-axis.h"
#include "ps-treadmill.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} PsColor;

#define PS_HEAT_STOPS 4

typedef struct
{
  PsColor     background;
  PsColor     text;          /* labels and titles */
  PsColor     text_dim;      /* axis labels */
  PsColor     grid;
  PsColor     up;            /* candle close >= open */
  PsColor     down;
  PsColor     oi_line;
  PsColor     oi_fill;
  PsColor     funding_positive;  /* longs pay shorts */
  PsColor     funding_negative;
  PsColor     zero_line;
  PsColor     liq_long;      /* a long position liquidated (a forced sell) */
  PsColor     liq_short;     /* a short position liquidated (a forced buy) */
  PsColor     not_recorded;  /* the hatching of stretches when nothing was recorded */
  PsColor     cursor;
  PsColor     selection;
  /* The heatmap's sequential scale, little to much: stops at even steps,
   * alpha included, so an almost empty cell barely tints the background. */
  PsColor     heat[PS_HEAT_STOPS];
  /* The treadmill's phases: told apart by hue and lightness both, so with
   * any common colour vision deficiency too. */
  PsColor     phase_building;
  PsColor     phase_crowded;
  PsColor     phase_flush;
  PsColor     phase_reset;
  /* The venues of an aggregate, stacked and compared (ps-render-venues.c):
   * Okabe and Ito's colours, told apart with any common colour vision
   * deficiency; the last for a venue not named there. */
  PsColor     venue[6];
  const char *font_family;   /* "Cantarell" */
  double      font_size;     /* px */
  double      gutter;        /* px on the right of every pane for value labels */
} PsChartStyle;

void   ps_chart_style_init_light     (PsChartStyle *style);
void   ps_chart_style_init_dark      (PsChartStyle *style);
/* Rises blue and falls orange in every style made from now on (the
 * colour-blind-safe palette), or green and red. */
void     ps_chart_style_set_colorblind (gboolean      enabled);
gboolean ps_chart_style_get_colorblind (void);

typedef struct
{
  double x, y, width, height;
} PsRect;

/* Each pane draws its background, grid, value labels in the right gutter of
 * style->gutter px, its series clipped to the plot area, and its title at the
 * top left. The plot area is the rect less the gutter; its x maps through axis.
 * Rows outside the axis' view cost nothing: the first visible row is found by
 * bisection and dense rows are reduced per pixel column (first/max/min/last). */
void   ps_render_price               (cairo_t              *cr,
                                      const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      const PsCandles      *candles,
                                      PsInterval            interval,
                                      const char           *title,
                                      const PsChartStyle   *style);
/* OI in USD as a line over a soft fill; a gap in time breaks the line. */
void   ps_render_open_interest       (cairo_t              *cr,
                                      const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      const PsOpenInterest *open_interest,
                                      const char           *title,
                                      const PsChartStyle   *style);
/* One bar per settlement from a zero line: up and positive colour when longs
 * pay, down and negative colour when shorts pay. Labels in % per settlement. */
void   ps_render_funding             (cairo_t              *cr,
                                      const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      const PsFunding      *funding,
                                      const char           *title,
                                      const PsChartStyle   *style);
/* "Funding rate · 8h", the period read from the settlements' spacing
 * ("Funding rate" when there are too few). */
char  *ps_render_funding_title       (const PsFunding      *funding);

/* A half-open time range [from_ms, to_ms), UTC ms: the layout of the store's
 * PsRange, which the render layer does not include (a caller may pass a
 * GArray of PsRange's data as these). */
typedef struct
{
  gint64 from_ms;
  gint64 to_ms;
} PsTimeSpan;

/* The parts of [from_ms, to_ms) outside spans (sorted, may overlap), as a
 * new GArray of PsTimeSpan: the stretches not recorded, for a store that
 * keeps the sessions it did record. */
GArray *ps_time_spans_complement     (const PsTimeSpan             *spans,
                                      guint                         n_spans,
                                      gint64                        from_ms,
                                      gint64                        to_ms);

/* Recorded liquidations as the chart draws them: the events, and the
 * stretches during which nothing was recorded (the app closed, the stream
 * disconnected), sorted and disjoint. Whatever lies outside those stretches
 * counts as recorded: a time with no event there drew no liquidation. */
typedef struct
{
  const PsLiquidations *events;          /* may be NULL */
  const PsTimeSpan     *not_recorded;    /* n_not_recorded of them; may be NULL */
  guint                 n_not_recorded;
} PsRecordedLiquidations;

/* Long and short USD liquidated per candle of interval (1h for
 * PS_INTERVAL_NONE), mirrored about a zero line: shorts liquidated up,
 * longs liquidated down, in liq_short and liq_long. Zoomed out so far that a
 * candle is under 3 px, each pixel column sums the candles whose middle is in
 * it. Stretches not recorded are hatched and say so; the title row carries a
 * legend with each side's total in view. */
void   ps_render_liquidations        (cairo_t                      *cr,
                                      const PsRect                 *rect,
                                      PsTimeAxis                   *axis,
                                      const PsRecordedLiquidations *liquidations,
                                      PsInterval                    interval,
                                      const char                   *title,
                                      const PsChartStyle           *style);
/* The model's predicted liquidations, USD per side for each candle from
 * t_ms (sorted): the arrays of ps_heatmap_get_candle_t () and
 * ps_heatmap_get_predicted (). */
typedef struct
{
  const gint64 *t_ms;
  const double *long_usd;
  const double *short_usd;
  guint         n;
  /* Optional (NULL: each candle is summed): their running sums, n + 1 each
   * (ps_levels_running_sums ()), so a slot costs two subtractions. */
  const double *long_sums;
  const double *short_sums;
} PsPredictedLiquidations;

/* The model's predictions of heatmap, with their running sums (lent: valid
 * while heatmap lives). */
PsPredictedLiquidations ps_predicted_liquidations_from_heatmap (const PsHeatmap *heatmap);

/* ps_render_liquidations() with the model's prediction beside what was
 * recorded, on one scale so the two compare: where a bar is 5 px or wider,
 * each candle's slot holds the recorded bar (solid) and the predicted one
 * (outlined) side by side; narrower, the prediction is a step line over the
 * bars, in a shade of the side's colour. The legend says which is which.
 * Either may be NULL; with neither, it is the empty pane. */
void   ps_render_liquidations_with_predicted (cairo_t                       *cr,
                                              const PsRect                  *rect,
                                              PsTimeAxis                    *axis,
                                              const PsRecordedLiquidations  *recorded,
                                              const PsPredictedLiquidations *predicted,
                                              PsInterval                     interval,
                                              const char                    *title,
                                              const PsChartStyle            *style);
/* "Predicted (model): longs $1.20M · shorts $310K" for the candle of
 * interval that holds t_ms (summed when the model's candles are finer). */
char  *ps_render_predicted_readout   (const PsPredictedLiquidations *predicted,
                                      PsInterval                     interval,
                                      gint64                         t_ms);
/* "Liquidations · Binance (recorded, a lower bound)": Binance streams at most
 * one liquidation per symbol per second, so recorded totals are a lower
 * bound. venue_name may be NULL. */
char  *ps_render_liquidations_title  (const char                   *venue_name);
/* The price pane with the largest liquidations in view over the candles:
 * circles at (time, fill price) whose area grows with USD up to a cap,
 * coloured by side, and a faint strip under stretches not recorded. Without
 * a fill price, the order price is brought into its candle's range.
 * liquidations may be NULL: then it is ps_render_price(). */
void   ps_render_price_with_liquidations (cairo_t                      *cr,
                                          const PsRect                 *rect,
                                          PsTimeAxis                   *axis,
                                          const PsCandles              *candles,
                                          PsInterval                    interval,
                                          const PsRecordedLiquidations *liquidations,
                                          const char                   *title,
                                          const PsChartStyle           *style);
/* What the price pane draws with its candles, all optional (zero: none).
 * The price scale is always the candles': no layer stretches it. */
typedef struct _PsHeatmapImage PsHeatmapImage;   /* ps-render-heatmap.h */

/* How the price is drawn: candles, OHLC bars (a tick left at the open,
 * right at the close) or a line through the closes. */
typedef enum
{
  PS_PRICE_CANDLES,
  PS_PRICE_OHLC,
  PS_PRICE_LINE,
} PsPriceStyle;

typedef struct
{
  const PsRecordedLiquidations *liquidations;   /* markers over the candles */
  PsHeatmapImage               *heatmap;        /* the model's book under them */
  double                        heatmap_opacity;  /* 0–1: 0 hides it */
  const PsHeatZone             *zones;          /* labelled at the right edge */
  guint                         n_zones;
  PsPriceStyle                  price_style;
  gboolean                      log_scale;      /* every layer above maps through it */
  gboolean                      show_volume;    /* bars in the bottom band, own scale */
} PsPriceLayers;

/* ps_render_price() with layers (may be NULL: the candles alone). */
void   ps_render_price_layers        (cairo_t                      *cr,
                                      const PsRect                 *rect,
                                      PsTimeAxis                   *axis,
                                      const PsCandles              *candles,
                                      PsInterval                    interval,
                                      const PsPriceLayers          *layers,
                                      const char                   *title,
                                      const PsChartStyle           *style);
/* How many markers a price plot plot_width px wide shows at most. */
guint  ps_render_liquidation_markers_max (double                        plot_width);

typedef enum
{
  PS_LIQ_RECORDED,         /* the whole candle was recorded */
  PS_LIQ_PARTLY_RECORDED,  /* a stretch not recorded cuts into it */
  PS_LIQ_NOT_RECORDED,     /* nothing of it was recorded */
} PsLiqRecording;

/* For the read-out and crosshair: the USD liquidated on each side in the
 * candle of interval that holds t_ms, and how much of it was recorded. */
PsLiqRecording ps_render_liquidations_at (const PsRecordedLiquidations *liquidations,
                                          PsInterval                    interval,
                                          gint64                        t_ms,
                                          double                       *long_usd,
                                          double                       *short_usd);
/* The same in words: "Liquidated: longs $1.20M · shorts $310K (at least)",
 * "Liquidations: partly recorded, longs … · shorts …", "Liquidations: not recorded". */
char  *ps_render_liquidations_readout (const PsRecordedLiquidations *liquidations,
                                       PsInterval                    interval,
                                       gint64                        t_ms);

/* The treadmill's phases as a thin strip (ps_render_phase_ribbon_height()
 * px suits it) on the panes' time axis: each period in its phase's colour,
 * PS_PHASE_NONE left as background. periods: sorted, disjoint (the layout of
 * ps_treadmill_get_periods ()'s array). A period narrower than a pixel still
 * takes one; where periods share a pixel, flush wins, then reset, crowded,
 * building: the rare, telling phases are never hidden. */
void   ps_render_phase_ribbon        (cairo_t              *cr,
                                      const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      const PsPhasePeriod  *periods,
                                      guint                 n_periods,
                                      const PsChartStyle   *style);
/* The period drawn at x (px from rect's left, as the pointer gives it), for
 * the tooltip with its reasons: NULL in the gutter, off the periods or on
 * PS_PHASE_NONE. */
const PsPhasePeriod *ps_render_phase_ribbon_hit (const PsRect         *rect,
                                                 PsTimeAxis           *axis,
                                                 const PsPhasePeriod  *periods,
                                                 guint                 n_periods,
                                                 const PsChartStyle   *style,
                                                 double                x);
/* The tooltip of a period: "Flush · 2026-06-02 04:00 UTC → 2026-06-02
 * 09:00 UTC", then its reasons on the next line (in the local zone unless
 * utc). */
char  *ps_render_phase_tooltip       (const PsPhasePeriod  *period,
                                      gboolean              utc);
double ps_render_phase_ribbon_height (const PsChartStyle   *style);
/* The colour of phase (NULL for PS_PHASE_NONE) and its name, translated. */
const PsColor *ps_render_phase_color (const PsChartStyle   *style,
                                      PsPhase               phase);
const char *ps_render_phase_label    (PsPhase               phase);
/* A key of the four phases, swatch and name, from the left of rect, on one
 * line centred in it; items that do not fit are left out whole. The width
 * used. */
double ps_render_phase_legend        (cairo_t              *cr,
                                      const PsRect         *rect,
                                      const PsChartStyle   *style);

/* The time labels strip under the last pane. */
void   ps_render_time_labels         (cairo_t              *cr,
                                      const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      const PsChartStyle   *style);
/* A "no data" note centred in a pane (message may be NULL for the default). */
void   ps_render_empty               (cairo_t              *cr,
                                      const PsRect         *rect,
                                      const char           *message,
                                      const PsChartStyle   *style);
/* Overlays for the shared cursor and selected period, drawn over a pane:
 * the selection as a tinted band with edge lines just outside it. */
void   ps_render_cursor              (cairo_t              *cr,
                                      const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      gint64                cursor_ms,
                                      const PsChartStyle   *style);
void   ps_render_selection           (cairo_t              *cr,
                                      const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      gint64                from_ms,
                                      gint64                to_ms,
                                      const PsChartStyle   *style);
/* The area series are drawn in: rect less the gutter, on whole pixels. */
void   ps_render_get_plot_area       (const PsRect         *rect,
                                      const PsChartStyle   *style,
                                      PsRect               *plot);

/* A pane's vertical mapping, autoscaled to the visible rows: min at
 * y_bottom, max at y_top (px, padding included). Linear, or with log (only
 * when min > 0) equal ratios take equal heights: every layer of a pane maps
 * through its one scale, so candles, heatmap and markers stay aligned. */
typedef struct
{
  double   min, max;
  double   y_top, y_bottom;
  gboolean log;
} PsValueScale;

double ps_value_scale_to_y           (const PsValueScale   *scale,
                                      double                value);
double ps_value_scale_from_y         (const PsValueScale   *scale,
                                      double                y);
/* The scales the panes above draw with, for crosshair read-outs and tests.
 * FALSE (and an empty pane) when nothing is visible. */
gboolean ps_render_price_scale       (const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      const PsCandles      *candles,
                                      PsInterval            interval,
                                      const PsChartStyle   *style,
                                      PsValueScale         *scale);
gboolean ps_render_open_interest_scale (const PsRect         *rect,
                                        PsTimeAxis           *axis,
                                        const PsOpenInterest *open_interest,
                                        const PsChartStyle   *style,
                                        PsValueScale         *scale);
gboolean ps_render_funding_scale     (const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      const PsFunding      *funding,
                                      const PsChartStyle   *style,
                                      PsValueScale         *scale);
/* The price pane's scale with its layers' options: log, and the band a
 * volume takes under the price (layers may be NULL: ps_render_price_scale). */
gboolean ps_render_price_layers_scale (const PsRect        *rect,
                                       PsTimeAxis          *axis,
                                       const PsCandles     *candles,
                                       PsInterval           interval,
                                       const PsPriceLayers *layers,
                                       const PsChartStyle  *style,
                                       PsValueScale        *scale);
/* Shorts liquidated above zero, longs below (as negative values). */
gboolean ps_render_liquidations_scale (const PsRect                 *rect,
                                       PsTimeAxis                   *axis,
                                       const PsRecordedLiquidations *liquidations,
                                       PsInterval                    interval,
                                       const PsChartStyle           *style,
                                       PsValueScale                 *scale);
/* The same with the model's prediction: the scale both are drawn on. */
gboolean ps_render_liquidations_with_predicted_scale (const PsRect                  *rect,
                                                      PsTimeAxis                    *axis,
                                                      const PsRecordedLiquidations  *recorded,
                                                      const PsPredictedLiquidations *predicted,
                                                      PsInterval                     interval,
                                                      const PsChartStyle            *style,
                                                      PsValueScale                  *scale);
/* A stretch of a pane with no data and why (ps-render-empty.c): "Binance
 * keeps 30 days of open-interest history", "Loading…". */
typedef struct
{
  gint64      from_ms;
  gint64      to_ms;
  const char *label;   /* may be NULL: the band alone */
  const char *short_label;   /* where label does not fit; may be NULL */
} PsEmptyBand;

/* Over a pane drawn by ps_render_*(): each band's stretch, under the
 * header, in the background with a faint tint and its label centred where
 * it fits whole. */
void   ps_render_empty_bands         (cairo_t              *cr,
                                      const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      const PsEmptyBand    *bands,
                                      guint                 n_bands,
                                      const PsChartStyle   *style);

/* The crosshair (ps-render-crosshair.c) ------------------------------------ */

/* What the pointer is on, for the crosshair's header and chips; G_MININT64
 * as t_ms: nothing. Each returns a row index or -1:
 * the candle of interval holding t_ms (-1 in a gap: no neighbour stands in); */
int    ps_render_candle_at           (const PsCandles      *candles,
                                      PsInterval            interval,
                                      gint64                t_ms);
/* the open interest at t_ms: the last row at or before it, unless a step well
 * over the usual one (a gap the line breaks at, or the rows still loading)
 * lies between; */
int    ps_render_open_interest_at    (const PsOpenInterest *open_interest,
                                      gint64                t_ms);
/* the settlement whose bar is under t_ms: the nearest within half a period. */
int    ps_render_funding_at          (const PsFunding      *funding,
                                      gint64                t_ms);

/* The read-out's "Open interest $8.34B" at t_ms, "Open interest —" when
 * the series has no value then (never one of another time); NULL with no
 * series at all. */
char  *ps_render_open_interest_readout (const PsOpenInterest *open_interest,
                                        gint64                t_ms);

/* A pane header's text at the crosshair, in coloured parts. */
typedef struct
{
  guint n_parts;
  struct
  {
    char     text[64];
    PsColor  color;
    gboolean dim;    /* style->text_dim rather than color */
  } parts[12];
} PsCrosshairHeader;

/* Appends a part (color NULL: style->text_dim); past the last part, none. */
void     ps_crosshair_header_add     (PsCrosshairHeader    *header,
                                      const char           *text,
                                      const PsColor        *color);
/* Each fills header for t_ms (FALSE: the header keeps its own text): price
 * "O … H … L … C … +0.42%" of the hovered candle, open interest at the time,
 * the rate of the settlement under the pointer, the hovered candle's
 * liquidations per side. A time with no value writes "—". */
gboolean ps_crosshair_header_price   (PsCrosshairHeader    *header,
                                      const PsCandles      *candles,
                                      PsInterval            interval,
                                      gint64                t_ms,
                                      const PsChartStyle   *style);
gboolean ps_crosshair_header_open_interest (PsCrosshairHeader    *header,
                                            const PsOpenInterest *open_interest,
                                            gint64                t_ms,
                                            const PsChartStyle   *style);
gboolean ps_crosshair_header_funding (PsCrosshairHeader    *header,
                                      const PsFunding      *funding,
                                      gint64                t_ms,
                                      const PsChartStyle   *style);
gboolean ps_crosshair_header_liquidations (PsCrosshairHeader            *header,
                                           const PsRecordedLiquidations *liquidations,
                                           PsInterval                    interval,
                                           gint64                        t_ms,
                                           const PsChartStyle           *style);

typedef enum
{
  PS_CROSSHAIR_PRICE,
  PS_CROSSHAIR_USD,
  PS_CROSSHAIR_USD_MAGNITUDE,   /* liquidations: both sides of zero count up */
  PS_CROSSHAIR_PERCENT,
  PS_CROSSHAIR_PERCENT_ANNUAL,  /* funding annualised: "10.95%" */
  PS_CROSSHAIR_QUANTITY,        /* open interest in coins: "84.2K" */
} PsCrosshairUnit;

/* The same in a unit: open interest in coins (PS_CROSSHAIR_QUANTITY: its
 * usd column holds them, see ps_open_interest_get_contracts_view ()), or
 * USD; funding per settlement or annualised beside it. */
gboolean ps_crosshair_header_open_interest_in (PsCrosshairHeader    *header,
                                               const PsOpenInterest *open_interest,
                                               PsCrosshairUnit       unit,
                                               gint64                t_ms,
                                               const PsChartStyle   *style);
gboolean ps_crosshair_header_funding_in (PsCrosshairHeader  *header,
                                         const PsFunding    *funding,
                                         gboolean            annualised,
                                         gint64              t_ms,
                                         const PsChartStyle *style);

/* The value chip's text: "101,234.5", "$8.34B", "0.0100%". */
char  *ps_render_crosshair_value     (PsCrosshairUnit       unit,
                                      double                value);

typedef struct
{
  gint64                   t_ms;    /* the vertical line; G_MININT64: none */
  double                   y;       /* px: the horizontal line; NAN: the pointer is elsewhere */
  const PsValueScale      *scale;   /* the pane's, for the value at y (NULL: no chip) */
  PsCrosshairUnit          unit;
  const char              *title;   /* the header's title, as the pane drew it */
  const PsCrosshairHeader *header;  /* NULL: the header stays as drawn */
} PsCrosshair;

/* Over a pane drawn by ps_render_*(): the vertical line at t_ms, the
 * horizontal one at y with its value in a chip on the value axis, and the
 * header's value text covered and rewritten with header's. Cheap: no
 * series is drawn again. */
void   ps_render_crosshair           (cairo_t              *cr,
                                      const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      const PsCrosshair    *crosshair,
                                      const PsChartStyle   *style);
/* The time at t_ms, to the minute, in a chip over the time labels of rect
 * (local time or UTC as the axis' labels are). */
void   ps_render_time_chip           (cairo_t              *cr,
                                      const PsRect         *rect,
                                      PsTimeAxis           *axis,
                                      gint64                t_ms,
                                      const PsChartStyle   *style);
/* The hot zone whose label the price pane (drawn with zones on scale) has
 * at (x, y), px from rect's origin, or NULL: labels are nudged off their
 * peaks, so only the layout knows (ps-render-heat-labels.c). */
const PsHeatZone *ps_render_heat_zone_at (const PsRect       *rect,
                                          const PsValueScale *scale,
                                          const PsHeatZone   *zones,
                                          guint               n_zones,
                                          const PsChartStyle *style,
                                          double              x,
                                          double              y);
/* A selected price band [low, high) across the price pane on its scale
 * (ps_render_price_scale ()), with its prices at the left; at least 3 px
 * high, nothing when off the scale (ps-render-selection.c). */
void   ps_render_price_band          (cairo_t              *cr,
                                      const PsRect         *rect,
                                      const PsValueScale   *scale,
                                      double                low,
                                      double                high,
                                      const PsChartStyle   *style);
/* Over the liquidations pane drawn with the same recorded and predicted:
 * a veil over the bars, and over it, on the pane's scale, the recorded
 * liquidations priced inside [low, high) (ps_liquidation_price ()), per
 * candle or pixel column, with their totals in view in words. */
void   ps_render_liquidations_band   (cairo_t                       *cr,
                                      const PsRect                  *rect,
                                      PsTimeAxis                    *axis,
                                      const PsRecordedLiquidations  *recorded,
                                      const PsPredictedLiquidations *predicted,
                                      PsInterval                     interval,
                                      double                         low,
                                      double                         high,
                                      const PsChartStyle            *style);

/* The min_spacing the panes and the time strip ask ticks for, so the
 * vertical grid and the labels agree. */
double ps_render_tick_spacing        (const PsChartStyle   *style);

/* Open interest and funding options -------------------------------------- */

typedef enum
{
  PS_OI_UNIT_USD,
  PS_OI_UNIT_COIN,   /* contracts in the venue's base unit (BTC) */
} PsOiUnit;

typedef struct
{
  PsOiUnit    unit;
  gboolean    delta;   /* the change per sample as bars about zero */
  const char *coin;    /* the base unit's name ("BTC"); NULL: "coins" */
} PsOpenInterestOptions;

/* ps_render_open_interest() with options (NULL: USD, a line); the title row
 * says the change over the view ("+3.2% in view"), and in delta mode which
 * colour is which. */
void   ps_render_open_interest_with_options (cairo_t                     *cr,
                                             const PsRect                *rect,
                                             PsTimeAxis                  *axis,
                                             const PsOpenInterest        *open_interest,
                                             const PsOpenInterestOptions *options,
                                             const char                  *title,
                                             const PsChartStyle          *style);
gboolean ps_render_open_interest_options_scale (const PsRect                *rect,
                                                PsTimeAxis                  *axis,
                                                const PsOpenInterest        *open_interest,
                                                const PsOpenInterestOptions *options,
                                                const PsChartStyle          *style,
                                                PsValueScale                *scale);
/* The change from the first to the last value in view of unit, a fraction
 * (NAN when there are not two). */
double ps_render_open_interest_change (const PsOpenInterest        *open_interest,
                                       PsTimeAxis                  *axis,
                                       PsOiUnit                     unit);
/* "Open interest (USD)", "Open interest (BTC)", "Open interest change (USD)". */
char  *ps_render_open_interest_title  (const PsOpenInterestOptions *options);

/* The venue's next settlement: the predicted rate and when (UTC ms). */
typedef struct
{
  double rate;
  gint64 next_ms;
} PsFundingNext;

typedef struct
{
  gboolean             annualised;   /* rate × settlements a year */
  const PsFundingNext *next;         /* may be NULL: not shown */
  gint64               now_ms;       /* the countdown's now, UTC ms */
} PsFundingOptions;

void   ps_render_funding_with_options (cairo_t                *cr,
                                       const PsRect           *rect,
                                       PsTimeAxis             *axis,
                                       const PsFunding        *funding,
                                       const PsFundingOptions *options,
                                       const char             *title,
                                       const PsChartStyle     *style);
gboolean ps_render_funding_options_scale (const PsRect           *rect,
                                          PsTimeAxis             *axis,
                                          const PsFunding        *funding,
                                          const PsFundingOptions *options,
                                          const PsChartStyle     *style,
                                          PsValueScale           *scale);
/* Settlements a year read from the spacing (3 × 365 for 8 h), 0 when too
 * few to tell. */
double ps_funding_settlements_per_year (const PsFunding      *funding);
/* "3h 12m", "12m", "1d 4h", "now": what is left until a settlement. */
char  *ps_format_countdown            (gint64                 ms);
/* "Next 0.0100% in 3h 12m" (annualised: the rate × per_year). NULL when
 * next is NULL or its time is long past. */
char  *ps_render_funding_next_text    (const PsFundingNext   *next,
                                       gboolean               annualised,
                                       double                 per_year,
                                       gint64                 now_ms);

/* Venues side by side (an aggregate's) -------------------------------------- */

/* One venue's series of an aggregate, for the panes that stack or compare
 * them (borrowed). */
typedef struct
{
  const char           *venue;           /* "binance": picks its colour */
  const char           *name;            /* "Binance" */
  /* Its part of the summed open interest, in USD at the sum's steps (every
   * venue's the same steps): NAN where it has none; never a finite value
   * when it takes no part in the sum. May be NULL. */
  const PsOpenInterest *open_interest;
  const PsFunding      *funding;         /* per 8 h (ps_aggregate_funding_per_8h ()); may be NULL */
} PsVenueSeries;

/* The colour of venue's band and line: the same in every pane and report. */
const PsColor *ps_chart_style_venue_color (const PsChartStyle   *style,
                                           const char           *venue);
/* An aggregate snapshot's venues (its parts with their parts_open_interest
 * and parts_funding), as a new GArray of PsVenueSeries borrowing from it;
 * NULL for one venue's snapshot. */
struct _PsMarketSnapshot;
GArray *ps_venue_series_from_snapshot (const struct _PsMarketSnapshot *snapshot);

/* The open interest pane with each venue's part stacked, in USD, from zero:
 * a band per venue in its colour, the total at the top; a step where a
 * venue taking part has no value is a gap, as in the sum. The title row
 * says the total in view and which colour is which venue (and those not in
 * the sum). */
void     ps_render_open_interest_stack (cairo_t             *cr,
                                        const PsRect        *rect,
                                        PsTimeAxis          *axis,
                                        const PsVenueSeries *venues,
                                        guint                n_venues,
                                        const char          *title,
                                        const PsChartStyle  *style);
gboolean ps_render_open_interest_stack_scale (const PsRect        *rect,
                                              PsTimeAxis          *axis,
                                              const PsVenueSeries *venues,
                                              guint                n_venues,
                                              const PsChartStyle  *style,
                                              PsValueScale        *scale);
/* The funding pane comparing venues: each venue's rate per 8 h (or
 * annualised) as a step line of its colour about zero, its latest value in
 * view in the legend. */
void     ps_render_funding_compare     (cairo_t             *cr,
                                        const PsRect        *rect,
                                        PsTimeAxis          *axis,
                                        const PsVenueSeries *venues,
                                        guint                n_venues,
                                        gboolean             annualised,
                                        const char          *title,
                                        const PsChartStyle  *style);
gboolean ps_render_funding_compare_scale (const PsRect        *rect,
                                          PsTimeAxis          *axis,
                                          const PsVenueSeries *venues,
                                          guint                n_venues,
                                          gboolean             annualised,
                                          const PsChartStyle  *style,
                                          PsValueScale        *scale);
/* "Open interest by venue (USD)", "Funding by venue · per 8h" (", annualised"). */
char    *ps_render_open_interest_stack_title (void);
char    *ps_render_funding_compare_title     (gboolean             annualised);

/* Human numbers for labels: "$8.34B", "101,516.5", "0.0100%"; a negative
 * number takes a real minus sign (U+2212), as wide as a digit. The decimal
 * mark and the digit groups are the locale's (LC_NUMERIC): "101.516,5" in
 * German; where it has no group separator (C), commas, like the exchanges.
 * Files and machine output (CSV, JSON) use C notation instead. */
const char *ps_format_decimal_mark   (void);
char  *ps_format_usd_compact         (double                usd);
char  *ps_format_price               (double                price);
char  *ps_format_percent             (double                fraction,
                                      int                   decimals);
/* "12.3K", "850.5", a count without a currency (ps-render-oi-extra.c). */
char  *ps_format_quantity_compact    (double                quantity);

G_END_DECLS
