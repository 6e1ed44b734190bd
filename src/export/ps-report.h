/* ps-report.h: a report image drawn by the chart's render functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ps-analysis.h"
#include "ps-render.h"
#include "ps-series.h"

G_BEGIN_DECLS

#define PS_EXPORT_ERROR (ps_export_error_quark ())

typedef enum
{
  PS_EXPORT_ERROR_FAILED,
  PS_EXPORT_ERROR_NO_DATA,     /* nothing to draw in the range */
  PS_EXPORT_ERROR_SIZE,        /* width/height out of bounds */
  PS_EXPORT_ERROR_WRITE,       /* the file could not be written */
} PsExportError;

GQuark ps_export_error_quark (void);

typedef struct
{
  const char     *venue_name;     /* "Binance" */
  const char     *symbol;         /* "BTCUSDT" */
  PsInterval      interval;
  gint64          from_ms;        /* the range drawn, UTC ms, as the user chose it: */
  gint64          to_ms;          /* the title says these (whole days as dates) */
  const char     *note;           /* e.g. "Demo data"; may be NULL */
  gint64          generated_ms;   /* when it was made, UTC ms; 0: now */
  gboolean        demo;           /* the demo's bundled data: the sources say so */
  gboolean        dark;           /* the dark style, for screens set dark */
  PsCandles      *candles;        /* may be NULL or empty: that pane says so */
  PsFunding      *funding;
  PsOpenInterest *open_interest;
  /* Recorded liquidations and the stretches when nothing was recorded
   * (sorted, disjoint): with either, a liquidations pane under funding and
   * the largest liquidations on the price pane. */
  PsLiquidations   *liquidations;
  const PsTimeSpan *not_recorded;
  guint             n_not_recorded;
  /* The analysis of these series (NULL: none drawn): the model's heatmap
   * under the candles with its hot zones labelled, its predicted
   * liquidations beside the recorded ones, the phases ribbon over the time
   * labels, and a summary under the title. */
  PsAnalysis       *analysis;
  double            heatmap_opacity;   /* 0–1; 0: no heatmap, zones or prediction drawn */
  /* The scores (three, by PsHeatmapMode) and verdict the summary gives,
   * when the caller scored another span than the analysis did (the CLI
   * scores [--from, --to), not the warm-up before); NULL: the analysis'. */
  const PsScore    *scores;
  const char       *verdict;
  /* The panes and their parts of the height as the window shows them:
   * a{sd} by ps-pane-kinds.c id, a pane it does not name left out (price
   * is always drawn); NULL: every pane, at the table's shares. */
  GVariant         *pane_sizes;
  /* The panes' options, as the window's Chart menu sets them (zero: candles,
   * linear, no volume, OI in USD as a line, funding per settlement). */
  PsPriceStyle      price_style;
  gboolean          log_scale;
  gboolean          show_volume;
  PsOiUnit          oi_unit;
  gboolean          oi_delta;
  gboolean          funding_annualised;
  /* An aggregate's venues (ps_venue_series_from_snapshot ()), as the window
   * draws them: with oi_by_venue their open interest stacked (in USD, as a
   * line), with funding_by_venue their funding compared. NULL: one venue. */
  const PsVenueSeries *venues;
  guint             n_venues;
  gboolean          oi_by_venue;
  gboolean          funding_by_venue;
} PsReport;

typedef enum
{
  PS_REPORT_FORMAT_PNG,
  PS_REPORT_FORMAT_SVG,
  PS_REPORT_FORMAT_PDF,
} PsReportFormat;

/* The window's default heatmap-opacity, for reports drawn without one. */
#define PS_REPORT_HEATMAP_OPACITY 0.75

#define PS_REPORT_MIN_WIDTH   480
#define PS_REPORT_MIN_HEIGHT  360
#define PS_REPORT_MAX_SIDE  16384

/* Draws the whole report (title, the analysis summary, price, open interest,
 * funding, liquidations when given or predicted, the phases ribbon, time
 * labels, the caveat) into width × height units of cr. */
void     ps_report_draw       (const PsReport  *report,
                               cairo_t         *cr,
                               int              width,
                               int              height);
/* FALSE, with a PS_EXPORT_ERROR_WRITE error, where path is a database (the
 * cache, the recordings, or any other SQLite file or its -wal or -shm):
 * nothing is written over one. ps_report_write () asks it first. */
gboolean ps_report_check_path (const char      *path,
                               GError         **error);
/* Writes the report atomically (a temporary file renamed over path): a
 * PNG of width × height pixels, an SVG of as many units, a PDF page of as
 * many points. */
gboolean ps_report_write      (const PsReport  *report,
                               PsReportFormat   format,
                               int              width,
                               int              height,
                               const char      *path,
                               GError         **error);
/* ps_report_write () on a worker thread: report is copied (its strings) and
 * referenced (its series, analysis and pane sizes), so the caller may free
 * its own at once. callback runs on the thread-default main context. */
void     ps_report_write_async  (const PsReport      *report,
                                 PsReportFormat       format,
                                 int                  width,
                                 int                  height,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
gboolean ps_report_write_finish (GAsyncResult        *result,
                                 GError             **error);
gboolean ps_report_write_png  (const PsReport  *report,
                               int              width,
                               int              height,
                               const char      *path,
                               GError         **error);
/* "png", "svg", "pdf" */
const char *ps_report_format_extension   (PsReportFormat  format);
gboolean    ps_report_format_from_string (const char     *name,
                                          PsReportFormat *format);

/* "Binance BTCUSDT · 4h": what the report is of. */
char    *ps_report_title_text   (const PsReport *report);
/* "2025-11-20 → 2025-12-17 UTC": the range as chosen, as dates when both
 * ends are midnight UTC, else both to the minute. */
char    *ps_report_range_text   (const PsReport *report);
/* Everything the report's summary says, "Label: text" a line: the market
 * over the range (last price and its change, open interest and its change,
 * funding mean and last per settlement and a year, liquidations recorded
 * per side or "not recorded"), then with an analysis the phase at the end
 * of the range with its reasons, the two largest hot zones above and below
 * the last price, the scores beside both baselines and the verdict; last
 * the sources and their caveats. Free with g_free. */
char    *ps_report_summary_text (const PsReport *report);

G_END_DECLS
