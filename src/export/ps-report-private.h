/* ps-report-private.h: what ps-report.c and ps-report-summary.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "ps-report.h"

G_BEGIN_DECLS

PangoLayout *_ps_report_layout       (cairo_t            *cr,
                                      const PsChartStyle *style,
                                      double              size,
                                      PangoWeight         weight);
void         _ps_report_set_color    (cairo_t            *cr,
                                      const PsColor      *color);

typedef enum
{
  PS_REPORT_LINE_MARKET,
  PS_REPORT_LINE_PHASE,
  PS_REPORT_LINE_ZONES,
  PS_REPORT_LINE_SCORES,
  PS_REPORT_LINE_VERDICT,
  PS_REPORT_LINE_NOTE,
} PsReportLine;

/* The summary's lines: label and body, each a row of the image. */
typedef struct
{
  GPtrArray *labels;
  GPtrArray *bodies;
  guint8     kinds[8];   /* PsReportLine of each */
  guint      n_top;      /* the rows under the title; the rest (the caveat) at the bottom */
  guint32    hidden;     /* a bit per row left out, the image being small */
  int        max_lines;  /* lines a row may wrap to: 2, or 1 on a small image
                          * (the verdict's: 2 always) */
} PsReportSummary;

void         _ps_report_summary_init   (PsReportSummary    *summary,
                                        const PsReport     *report);
void         _ps_report_summary_clear  (PsReportSummary    *summary);
/* The height of one summary line for style. */
double       _ps_report_summary_line_height (const PsChartStyle *style);
/* Lines [first, first + n) of summary from rect's top, each wrapped once
 * where it must and cut with "…" at its width; with legend, the phases' key
 * right of the first. measure gives the height draw takes. */
double       _ps_report_summary_measure (const PsReportSummary *summary,
                                         guint                  first,
                                         guint                  n,
                                         gboolean               legend,
                                         cairo_t               *cr,
                                         double                 width,
                                         const PsChartStyle    *style);
void         _ps_report_summary_draw   (const PsReportSummary *summary,
                                        guint                  first,
                                        guint                  n,
                                        gboolean               legend,
                                        cairo_t               *cr,
                                        const PsRect          *rect,
                                        const PsChartStyle    *style);

/* Where ps_report_draw () puts what, for tests that read its pixels back. */
typedef struct
{
  PsChartStyle style;        /* as scaled for the image */
  double       margin;
  double       header_h;
  PsRect       summary;      /* the lines under the title */
  PsRect       price;        /* the panes, each with its gutter */
  PsRect       open_interest;
  PsRect       funding;
  PsRect       liquidations; /* height 0: none */
  PsRect       ribbon;       /* height 0: no analysis */
  PsRect       labels;
  PsRect       note;         /* the caveat under the time labels */
} PsReportGeometry;

void         _ps_report_get_geometry   (const PsReport     *report,
                                        cairo_t            *cr,
                                        int                 width,
                                        int                 height,
                                        PsReportGeometry   *geometry);

G_END_DECLS
