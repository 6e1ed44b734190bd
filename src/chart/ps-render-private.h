/* ps-render-private.h: what ps-render.c shares with the panes in
 * ps-render-format.c, ps-render-price.c and ps-render-series.c; not for use
 * outside them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

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
  PS_LABEL_PERCENT,
} PsLabelKind;

/* "−101,516.5": commas whatever the locale. */
char   *_ps_render_format_grouped    (double              value,
                                      int                 decimals);
/* A 1-2-5 step near range / count. */
double  _ps_render_nice_step         (double              range,
                                      double              count);
/* A value axis label at value, on a grid of step; magnitude picks the USD
 * unit, compact writes prices as "98k". */
char   *_ps_render_format_axis_label (PsLabelKind         kind,
                                      double              value,
                                      double              step,
                                      double              magnitude,
                                      gboolean            compact);

void    _ps_render_set_color         (cairo_t            *cr,
                                      const PsColor      *color);
void    _ps_render_text_size         (PangoLayout        *layout,
                                      const char         *text,
                                      int                *width,
                                      int                *height);

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

void    _ps_render_value_scale_init  (PsValueScale       *scale,
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

G_END_DECLS
