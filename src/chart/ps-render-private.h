/* ps-render-private.h: what ps-render.c shares with the panes in
 * ps-render-format.c, ps-render-price.c and ps-render-series.c; not for use
 * outside them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "ps-math.h"
#include "ps-render.h"

G_BEGIN_DECLS

typedef struct
{
  cairo_t            *cr;
  const PsChartStyle *style;
  PangoLayout        *layout;   /* axis labels */
  PsRect              rect;     /* the pane, on whole pixels */
  PsRect              plot;     /* rect less the gutter */
} PsPaint;

typedef enum
{
  PS_LABEL_PRICE,
  PS_LABEL_USD,
  PS_LABEL_USD_MAGNITUDE,   /* both sides of zero counted up: liquidations */
  PS_LABEL_PERCENT,
  PS_LABEL_QUANTITY,          /* "12.3K": open interest in coins */
  PS_LABEL_PERCENT_ANNUAL,    /* "10.95%": funding a year */
} PsLabelKind;

/* "−101,516.5": commas whatever the locale. */
char   *_ps_render_format_grouped    (double              value,
                                      int                 decimals);
/* "−$1.5K" → "−1.5K": a USD figure as a plain quantity. */
char   *_ps_render_strip_dollar      (const char         *usd);
/* A value axis label at value, on a grid of step; magnitude picks the USD
 * unit, compact writes prices as "98k". */
char   *_ps_render_format_axis_label (PsLabelKind         kind,
                                      double              value,
                                      double              step,
                                      double              magnitude,
                                      gboolean            compact);

void    _ps_render_set_color         (cairo_t            *cr,
                                      const PsColor      *color);
void    _ps_render_set_color_alpha   (cairo_t            *cr,
                                      const PsColor      *color,
                                      double              alpha);
PangoLayout *_ps_render_create_layout (cairo_t          *cr,
                                      const PsChartStyle *style,
                                      double              scale,
                                      PangoWeight         weight);
void    _ps_render_show_text         (cairo_t            *cr,
                                      PangoLayout        *layout,
                                      const char         *text,
                                      double              x,
                                      double              y,
                                      const PsColor      *color);
void    _ps_render_text_size         (PangoLayout        *layout,
                                      const char         *text,
                                      int                *width,
                                      int                *height);

/* Boxes on whole pixels in one source at a time (ps-render-pixels.c):
 * written straight into an image surface's pixels where that gives what a
 * cairo fill would, else rectangles in cr's path, filled when the source
 * changes and at the end. Fractional boxes go to cairo. */
typedef struct
{
  cairo_t         *cr;
  cairo_surface_t *target;
  guint32         *data;       /* NULL: everything through cairo */
  int              stride;     /* in pixels */
  int              scale;      /* device pixels a user pixel */
  int              dx, dy;     /* user space to device pixels: scale · user + d */
  int              x0, y0, x1, y1;   /* the clip, device pixels */
  cairo_pattern_t *pattern;    /* the source */
  guint32         *rows;       /* its pixels: one, or one a device row from rows_y0 */
  int              rows_y0;
  int              n_rows;
  int             *boxes;      /* to write: device x0, y0, x1, y1 each */
  guint            n_boxes;
  guint            boxes_size; /* room, in boxes */
  gboolean         pending;    /* rectangles in cr's path */
  gboolean         dirty;
} PsPixels;

void    _ps_pixels_begin             (PsPixels           *px,
                                      cairo_t            *cr);
/* overlap: the boxes may overlap, so a translucent colour goes to cairo,
 * which blends their union once. */
void    _ps_pixels_set_color         (PsPixels           *px,
                                      const PsColor      *color,
                                      double              alpha,
                                      gboolean            overlap);
/* A source that varies with y only (a vertical gradient); the boxes must
 * not overlap. */
void    _ps_pixels_set_vertical      (PsPixels           *px,
                                      cairo_pattern_t    *pattern);
void    _ps_pixels_box               (PsPixels           *px,
                                      double              x,
                                      double              y,
                                      double              width,
                                      double              height);
/* The ring between radii r0 and r1 (0: a disc) round (x, y) in the current
 * colour, written straight, each pixel covered as far as its centre lies
 * inside (antialiasing a pixel wide, not cairo's); FALSE, and nothing
 * drawn, where the pixels cannot be written: draw it with cairo. */
gboolean _ps_pixels_ring             (PsPixels           *px,
                                      double              x,
                                      double              y,
                                      double              r0,
                                      double              r1);
/* Rings drawn one after the other in one pass over their pixels (one
 * distance a pixel): the same pixels as a _ps_pixels_ring () for each, in
 * order, with its colour s (a premultiplied pixel: _ps_pixels_pixel ()).
 * At most four; FALSE, and nothing drawn, where the pixels cannot be
 * written. */
typedef struct
{
  double  r0, r1;
  guint32 s;
} PsPixelsRing;

gboolean _ps_pixels_rings            (PsPixels           *px,
                                      double              x,
                                      double              y,
                                      const PsPixelsRing *rings,
                                      guint               n);
/* The pixel px writes for color at alpha (cairo's, asked once). */
guint32 _ps_pixels_pixel             (const PsColor      *color,
                                      double              alpha);
/* Writing pixels one column run at a time, at once (no boxes kept): the
 * pixels of color at coverage k/8 in shades[k] (shades[0] is 0), or FALSE,
 * and nothing to write with, where px does not write straight. */
gboolean _ps_pixels_shades           (PsPixels           *px,
                                      const PsColor      *color,
                                      guint32             shades[9]);
/* Rows [y, y + rows) of pixel column x in the premultiplied pixel s (one of
 * the shades), clipped: only where _ps_pixels_shades () said TRUE. */
void    _ps_pixels_column            (PsPixels           *px,
                                      int                 x,
                                      int                 y,
                                      int                 rows,
                                      guint32             s);
/* Rows [y, y + rows) of pixel column x, row i in shades[k[i]] (k[i] ≤ 8),
 * clipped: only where _ps_pixels_shades () said TRUE. */
void    _ps_pixels_column_shaded     (PsPixels           *px,
                                      int                 x,
                                      int                 y,
                                      int                 rows,
                                      const guint8       *k,
                                      const guint32       shades[9]);
/* The user rows [lo, hi) the clip reaches into (px writes straight). */
void    _ps_pixels_user_rows         (const PsPixels     *px,
                                      int                *lo,
                                      int                *hi);
/* An image whose pixels are all opaque, as cairo paints it with the nearest
 * filter and no extend under matrix (user space to image pixels, scales
 * only, both positive) into the user box (x, y, width, height) on whole
 * pixels, clipped: each device pixel is the image pixel under its centre,
 * written at once (before any box). FALSE, nothing written, where px does
 * not write straight or the box is not on whole pixels: paint with cairo. */
gboolean _ps_pixels_copy_nearest     (PsPixels             *px,
                                      cairo_surface_t      *image,
                                      const cairo_matrix_t *matrix,
                                      double                x,
                                      double                y,
                                      double                width,
                                      double                height);
/* The boxes so far in cairo's path, filled. */
void    _ps_pixels_fill              (PsPixels           *px);
void    _ps_pixels_end               (PsPixels           *px);
/* s over d, premultiplied ARGB32, rounded as pixman's OVER rounds. */
guint32 _ps_pixels_blend             (guint32             s,
                                      guint32             d);
/* color as cairo turns it into a pixel of an ARGB32 image (premultiplied). */
guint32 _ps_pixels_of_color          (const PsColor      *color);
/* For tests and the benchmark: FALSE sends every box to cairo. */
void    _ps_pixels_set_enabled       (gboolean            enabled);

/* A pane is painted between begin (clip to the pane, axis label layout)
 * and end. */
void    _ps_render_paint_begin       (PsPaint            *p,
                                      cairo_t            *cr,
                                      const PsRect       *rect,
                                      const PsChartStyle *style);
void    _ps_render_paint_end         (PsPaint            *p);
void    _ps_render_paint_background  (PsPaint            *p);
void    _ps_render_paint_time_grid   (PsPaint            *p,
                                      PsTimeAxis         *axis);
void    _ps_render_paint_title       (PsPaint            *p,
                                      const char         *title,
                                      const char         *value,
                                      const PsColor      *value_color);
void    _ps_render_paint_title_row   (PsPaint            *p,
                                      const char         *title,
                                      const char         *value,
                                      const PsColor      *value_color,
                                      PsRect             *row);
/* A round value of a value axis: where its grid line goes and its text
 * (NULL: a line whose label a marker hides). */
typedef struct
{
  double  value;
  double  y;
  char   *label;
} PsValueTick;

/* The ticks a value axis draws, top to bottom: the smallest 1-2-5 step
 * whose labels keep a line apart, closer (down to their ink touching, never
 * overlapping) when that leaves fewer than four labels or none on one side
 * of a zero in view; labels may stand in the gutter beside the header band.
 * No label between skip_y0 and skip_y1. An array of PsValueTick. */
GArray *_ps_render_value_ticks       (PangoLayout        *layout,
                                      const PsChartStyle *style,
                                      const PsRect       *rect,
                                      const PsRect       *plot,
                                      const PsValueScale *scale,
                                      PsLabelKind         kind,
                                      double              skip_y0,
                                      double              skip_y1);
/* The ticks of a log scale (ps-render-log-scale.c): powers of ten, 1-2-5
 * in each decade, or even steps when the range is too narrow for four. */
GArray *_ps_render_log_ticks         (PangoLayout        *layout,
                                      const PsChartStyle *style,
                                      const PsRect       *rect,
                                      const PsRect       *plot,
                                      const PsValueScale *scale,
                                      PsLabelKind         kind,
                                      double              skip_y0,
                                      double              skip_y1);
/* The share of the candles' range the price scale adds above and below. */
#define PS_RENDER_PRICE_PAD 0.06

/* Turns a scale just made by _ps_render_value_scale_init() with pad into a
 * log one over the same values and padding; left linear when they reach
 * zero or below. */
void    _ps_render_value_scale_make_log (PsValueScale    *scale,
                                         double           pad);
/* The same for a pane of rect, measured on a scratch surface: for tests. */
GArray *ps_value_scale_ticks         (const PsValueScale *scale,
                                      const PsRect       *rect,
                                      PsLabelKind         kind,
                                      const PsChartStyle *style);
/* The height of a pane's title row from the pane's top, chip and a margin
 * included: value scales start under it so no series crosses the title. */
double  _ps_render_header_height     (const PsChartStyle *style);
void    _ps_render_label_digits      (const PsChartStyle *style,
                                      double             *ink_height,
                                      double             *line_height);
void    _ps_render_paint_value_grid  (PsPaint            *p,
                                      const PsValueScale *scale,
                                      PsLabelKind         kind,
                                      double              skip_y0,
                                      double              skip_y1);
void    _ps_render_paint_marker      (PsPaint            *p,
                                      double              y,
                                      const char         *label,
                                      const PsColor      *color,
                                      double             *y0,
                                      double             *y1);
void    _ps_render_paint_empty_pane  (PsPaint            *p,
                                      PsTimeAxis         *axis,
                                      const char         *title);

void    _ps_render_paint_empty_message (PsPaint          *p,
                                        const char       *message);

void    _ps_render_value_scale_init  (PsValueScale       *scale,
                                      const PsRect       *plot,
                                      const PsChartStyle *style,
                                      double              lo,
                                      double              hi,
                                      double              pad);
/* The scale _ps_render_value_scale_init () makes with pad or, where that
 * leaves a low pane fewer than four labels (or none on one side of zero when
 * lo < 0 < hi), one on round bounds whose labels stand a digit's height
 * apart from under the title to the pane's foot: TRUE then. */
gboolean _ps_render_value_scale_fit_low (PsValueScale       *scale,
                                         const PsRect       *rect,
                                         const PsRect       *plot,
                                         const PsChartStyle *style,
                                         double              lo,
                                         double              hi,
                                         double              pad);
/* The typical step between rows near t0 (UTC ms), fallback when unknown. */
gint64  _ps_render_spacing_near      (const gint64       *t_ms,
                                      guint               n,
                                      gint64              t0,
                                      gint64              fallback);

/* Liquidations (ps-render-liquidations.c) -------------------------------------- */

/* The bars of the liquidations pane: one per candle from t0_ms, or, when a
 * candle is under 3 px, one per pixel column; totals over the view. */
typedef struct
{
  guint    n;
  gboolean per_column;
  gint64   t0_ms;
  gint64   step_ms;
  gint64   origin;    /* per column: the view's first column (ps-render-levels.h) */
  double   candle_px;
  double  *long_usd;
  double  *short_usd;
  double   max_long, max_short;
  double   total_long, total_short;
} PsLiqBars;

typedef struct
{
  const PsColor *color;   /* the swatch; NULL: a dim note without one */
  gboolean       round;   /* a dot (a marker) rather than a square (a bar) */
  const char    *label;
  gboolean       hollow;  /* an outlined square: a predicted bar */
} PsLegendItem;

gint64   _ps_render_liq_step_ms        (PsInterval                    interval);
/* The rows of sorted t_ms from i (< last) in row i's slot of bars (ps-render-
 * liq-bars.c): returns the first row past it, and the slot in *slot. *rows
 * is the slot before's count of rows, looked near first (0 at the start),
 * and is set to this one's. */
guint    _ps_render_liq_slot_rows      (const PsLiqBars              *bars,
                                        PsTimeAxis                   *axis,
                                        const gint64                 *t_ms,
                                        guint                         i,
                                        guint                         last,
                                        double                        plot_width,
                                        gint64                       *slot,
                                        guint                        *rows);
void     _ps_render_liq_bars_init      (PsLiqBars                    *bars,
                                        PsTimeAxis                   *axis,
                                        const PsLiquidations         *events,
                                        PsInterval                    interval,
                                        double                        plot_width);
void     _ps_render_liq_bars_clear     (PsLiqBars                    *bars);
gint64   _ps_render_not_recorded_within (const PsRecordedLiquidations *liq,
                                         gint64                        from_ms,
                                         gint64                        to_ms);
void     _ps_render_paint_not_recorded (PsPaint                      *p,
                                        PsTimeAxis                   *axis,
                                        const PsRecordedLiquidations *liq,
                                        double                        y0,
                                        double                        y1,
                                        gboolean                      hatch);
/* The legend's "bars per hour", "bars per 3.5 hours"… for a bar of bar_ms. */
char    *_ps_render_liq_bars_per       (gint64                        bar_ms);
gboolean _ps_render_paint_legend       (PsPaint                      *p,
                                        const PsRect                 *row,
                                        const PsLegendItem           *items,
                                        guint                         n_items);
/* Predicted liquidations (ps-render-liq-predicted.c): binned into bars of
 * the recorded bars' own geometry (like), so both share slots and scale. */
gboolean _ps_render_predicted_in_view  (const PsPredictedLiquidations *predicted,
                                        PsTimeAxis                    *axis);
void     _ps_render_liq_bars_predicted (PsLiqBars                     *bars,
                                        const PsLiqBars               *like,
                                        PsTimeAxis                    *axis,
                                        const PsPredictedLiquidations *predicted,
                                        double                         plot_width);
/* Whether the bars are wide enough to stand side by side with predicted. */
gboolean _ps_render_liq_bars_split     (const PsLiqBars               *bars);
/* over_recorded: recorded bars are drawn too (a step line then takes a
 * shade of the side's colour, to stand out from them). */
void     _ps_render_paint_liq_predicted (PsPaint                      *p,
                                         PsTimeAxis                   *axis,
                                         const PsLiqBars              *predicted,
                                         const PsValueScale           *scale,
                                         double                        zero_y,
                                         gboolean                      over_recorded);
/* For tests: FALSE measures every column of a dense step line by its edges
 * (the general way), as when a step is not at a row's middle. */
void     _ps_render_set_step_rows_enabled (gboolean                  enabled);
/* The legend of the pane with both: which colour is which side, solid is
 * recorded, outlined is predicted (model), with totals when they fit;
 * recorded NULL: nothing was recorded there, only the prediction is named. */
void     _ps_render_paint_liq_compared_legend (PsPaint               *p,
                                               const PsRect          *row,
                                               const PsLiqBars       *recorded,
                                               const PsLiqBars       *predicted);
/* The largest liquidations in view as dots over the price plot (how many
 * were drawn), and the legend saying what they are after the title row. */
guint    _ps_render_paint_liq_markers  (PsPaint                      *p,
                                        PsTimeAxis                   *axis,
                                        const PsLiquidations         *events,
                                        const PsCandles              *candles,
                                        gint64                        interval_ms,
                                        const PsValueScale           *scale);
void     _ps_render_paint_liq_marker_legend (PsPaint                 *p,
                                             const PsRect            *row,
                                             guint                    n_markers);

/* Items after row (as _ps_render_paint_legend), row then widened to end
 * after them, so the next legend follows (ps-render-volume.c). */
gboolean _ps_render_paint_legend_after (PsPaint                      *p,
                                        PsRect                       *row,
                                        const PsLegendItem           *items,
                                        guint                         n_items);

/* The venues a pane of an aggregate leaves out, named after row in one
 * note: format ("%s: none in view", translated) takes their names joined
 * with commas; nothing when absent is empty (ps-render-venues.c). */
void     _ps_render_paint_absent_venues (PsPaint                     *p,
                                         PsRect                      *row,
                                         GPtrArray                   *absent,
                                         const char                  *format);

/* Price styles and volume (ps-render-price-style.c, ps-render-volume.c) ------- */

void     _ps_render_paint_ohlc_bars    (PsPaint                      *p,
                                        PsTimeAxis                   *axis,
                                        const PsCandles              *candles,
                                        guint                         first,
                                        guint                         last,
                                        gint64                        interval_ms,
                                        double                        candle_px,
                                        const PsValueScale           *scale);
void     _ps_render_paint_close_line   (PsPaint                      *p,
                                        PsTimeAxis                   *axis,
                                        const PsCandles              *candles,
                                        guint                         first,
                                        guint                         last,
                                        gint64                        interval_ms,
                                        const PsValueScale           *scale);
/* "▮ Up ▮ Down" after the title row (nothing for a line). */
void     _ps_render_paint_price_legend (PsPaint                      *p,
                                        PsRect                       *row,
                                        PsPriceStyle                  price_style);
/* The band [y0, y1) of plot volume takes; FALSE when the pane is too low. */
gboolean _ps_render_volume_band        (const PsRect                 *plot,
                                        const PsChartStyle           *style,
                                        double                       *y0,
                                        double                       *y1);
/* Each pixel column's candles (ps-render-price.c): first open, max high,
 * min low, last close (NAN: no candle with a finite open and close) and
 * the volume's taker buys and sells; n columns from the plot's left. */
typedef struct _PsCandleColumns PsCandleColumns;
struct _PsCandleColumns
{
  int     n;
  double *open, *high, *low, *close, *buy, *sell;
};

void     _ps_render_candle_columns     (PsPaint                      *p,
                                        PsTimeAxis                   *axis,
                                        const PsCandles              *candles,
                                        guint                         first,
                                        guint                         last,
                                        gint64                        interval_ms,
                                        PsCandleColumns              *columns);
void     _ps_render_candle_columns_clear (PsCandleColumns            *columns);
void     _ps_render_paint_volume       (PsPaint                      *p,
                                        PsTimeAxis                   *axis,
                                        const PsCandles              *candles,
                                        guint                         first,
                                        guint                         last,
                                        gint64                        interval_ms,
                                        double                        candle_px,
                                        const PsCandleColumns        *columns,
                                        double                        y0,
                                        double                        y1);

/* Open interest and funding (ps-render-series.c), for the panes with
 * options in ps-render-oi-extra.c and ps-render-funding-extra.c. */
gboolean _ps_render_oi_visible         (const PsOpenInterest         *oi,
                                        PsTimeAxis                   *axis,
                                        guint                        *first,
                                        guint                        *last);
void     _ps_render_paint_oi_line      (PsPaint                      *p,
                                        PsTimeAxis                   *axis,
                                        const PsOpenInterest         *oi,
                                        guint                         first,
                                        guint                         last,
                                        const PsValueScale           *scale);
gboolean _ps_render_funding_visible    (const PsFunding              *funding,
                                        PsTimeAxis                   *axis,
                                        guint                        *first,
                                        guint                        *last,
                                        gint64                       *spacing);
void     _ps_render_paint_funding_bars (PsPaint                      *p,
                                        PsTimeAxis                   *axis,
                                        const PsFunding              *funding,
                                        guint                         first,
                                        guint                         last,
                                        gint64                        spacing,
                                        const PsValueScale           *scale,
                                        double                        zero_y);

/* Heatmap (ps-render-heatmap.c) ------------------------------------------------- */

void     _ps_render_paint_heatmap      (PsPaint                      *p,
                                        PsTimeAxis                   *axis,
                                        PsHeatmapImage               *image,
                                        const PsValueScale           *scale,
                                        double                        opacity);
/* Where usd sits on the colour scale topping at max_usd, 0–1 (clamped),
 * and the square root of usd / max_usd under which nothing is drawn. */
double   _ps_render_heat_position      (double                        usd,
                                        double                        max_usd);
double   _ps_render_heat_floor         (void);
/* The colour legend, right-aligned in the title band: the x where it starts
 * (the plot's right edge when there is none). */
double   _ps_render_paint_heat_legend  (PsPaint                      *p,
                                        const PsHeatmapImage         *image,
                                        double                        opacity);
void     _ps_render_paint_heat_zones   (PsPaint                      *p,
                                        const PsValueScale           *scale,
                                        const PsHeatZone             *zones,
                                        guint                         n_zones);

/* ps_value_scale_to_y (), inline for the loops that map a value a pixel
 * column: a linear scale's arithmetic is here (the library's function takes
 * it from here too); a log scale takes the call. */
static inline double
_ps_value_scale_to_y (const PsValueScale *scale,
                      double              value)
{
  if (scale->log)
    return ps_value_scale_to_y (scale, value);
  return scale->y_bottom - (value - scale->min) / (scale->max - scale->min)
                           * (scale->y_bottom - scale->y_top);
}

G_END_DECLS
