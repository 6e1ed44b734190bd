/* ps-report-private.h: what the report's files share
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

/* The summary's cells, in the order the grid shows them: the market over
 * the range first, then the analysis (absent without one). */
typedef enum
{
  PS_REPORT_CELL_PRICE,
  PS_REPORT_CELL_OPEN_INTEREST,
  PS_REPORT_CELL_FUNDING,
  PS_REPORT_CELL_LIQUIDATIONS,
  PS_REPORT_CELL_PHASE,
  PS_REPORT_CELL_ZONES_ABOVE,
  PS_REPORT_CELL_ZONES_BELOW,
  PS_REPORT_CELL_SCORES,
  PS_REPORT_N_CELLS
} PsReportCell;

/* The summary: a grid of cells under the title, each a label over a few
 * lines (the most telling first: a small image shows fewer), the verdict
 * in a row under the grid, and the sources with their caveats at the
 * bottom of the image. The text (ps_report_summary_text) holds all of it. */
typedef struct
{
  char    *labels[PS_REPORT_N_CELLS];   /* NULL: no such cell */
  GStrv    lines[PS_REPORT_N_CELLS];
  char    *verdict;                     /* NULL without an analysis */
  char    *sources;
  /* How the image shows it (_ps_report_summary_fit): */
  guint    n_columns;
  guint    max_lines;                   /* lines a cell shows */
  guint    verdict_lines;               /* lines the verdict may wrap to; 0: none */
  guint    sources_lines;               /* and the sources */
  guint32  hidden;                      /* a bit per cell left out */
} PsReportSummary;

void         _ps_report_summary_init   (PsReportSummary    *summary,
                                        const PsReport     *report);
void         _ps_report_summary_clear  (PsReportSummary    *summary);
/* The sources of report's data and what they cannot tell (ps-report-sources.c). */
char        *_ps_report_sources_text   (const PsReport     *report);

/* The grid and the verdict under it fitted into width × at most budget:
 * fewer lines per cell, then fewer cells, as needed. Their height. */
double       _ps_report_summary_fit    (PsReportSummary    *summary,
                                        cairo_t            *cr,
                                        double              width,
                                        double              budget,
                                        const PsChartStyle *style);
double       _ps_report_summary_measure (const PsReportSummary *summary,
                                         cairo_t               *cr,
                                         double                 width,
                                         const PsChartStyle    *style);
void         _ps_report_summary_draw   (const PsReportSummary *summary,
                                        cairo_t               *cr,
                                        const PsRect          *rect,
                                        const PsChartStyle    *style);
/* The sources' row, wrapped to summary->sources_lines at most. */
double       _ps_report_sources_measure (const PsReportSummary *summary,
                                         cairo_t               *cr,
                                         double                 width,
                                         const PsChartStyle    *style);
void         _ps_report_sources_draw   (const PsReportSummary *summary,
                                        cairo_t               *cr,
                                        const PsRect          *rect,
                                        const PsChartStyle    *style);

/* Where ps_report_draw () puts what, for tests that read its pixels back. */
typedef struct
{
  PsChartStyle style;        /* as scaled for the image */
  double       margin;
  double       header_h;
  PsRect       summary;      /* the grid and the verdict under the title */
  PsRect       price;        /* the panes, each with its gutter */
  PsRect       open_interest;
  PsRect       funding;
  PsRect       liquidations; /* height 0: none */
  PsRect       ribbon;       /* height 0: no analysis */
  PsRect       labels;
  PsRect       note;         /* the sources under the time labels */
} PsReportGeometry;

void         _ps_report_get_geometry   (const PsReport     *report,
                                        cairo_t            *cr,
                                        int                 width,
                                        int                 height,
                                        PsReportGeometry   *geometry);

G_END_DECLS
