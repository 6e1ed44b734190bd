/* ps-render.h: the chart drawing, plain cairo, shared by the window and reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ps-series.h"
#include "ps-time-axis.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} PsColor;

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
  PsColor     cursor;
  PsColor     selection;
  const char *font_family;   /* "Cantarell" */
  double      font_size;     /* px */
  double      gutter;        /* px on the right of every pane for value labels */
} PsChartStyle;

void   ps_chart_style_init_light     (PsChartStyle *style);
void   ps_chart_style_init_dark      (PsChartStyle *style);

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
/* Overlays for the shared cursor and selected period, drawn over a pane. */
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
 * y_bottom, max at y_top (px, padding included). */
typedef struct
{
  double min, max;
  double y_top, y_bottom;
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
/* The min_spacing the panes and the time strip ask ticks for, so the
 * vertical grid and the labels agree. */
double ps_render_tick_spacing        (const PsChartStyle   *style);

/* Human numbers for labels: "$8.34B", "101,516.5", "0.0100%"; a negative
 * number takes a real minus sign (U+2212), as wide as a digit. */
char  *ps_format_usd_compact         (double                usd);
char  *ps_format_price               (double                price);
char  *ps_format_percent             (double                fraction,
                                      int                   decimals);

G_END_DECLS
