/* ps-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ps-application.h"
#include "ps-chart-pane.h"
#include "ps-market.h"
#include "ps-market-analysis.h"
#include "ps-pane-stack.h"
#include "ps-recorder.h"
#include "ps-report.h"
#include "ps-selection.h"
#include "ps-time-axis.h"

G_BEGIN_DECLS

#define PS_TYPE_WINDOW (ps_window_get_type ())
G_DECLARE_FINAL_TYPE (PsWindow, ps_window, PS, WINDOW, AdwApplicationWindow)

/* The window shows markets through core's services and builds none itself. */
PsWindow    *ps_window_new            (PsApplication *application,
                                       PsCore        *core);
PsMarket    *ps_window_get_market     (PsWindow      *self);
PsTimeAxis  *ps_window_get_axis       (PsWindow      *self);
PsSelection *ps_window_get_selection  (PsWindow      *self);
/* What the banner says now ("" when hidden), for tests. */
const char  *ps_window_get_banner_text (PsWindow     *self);
const char  *ps_window_get_readout_text (PsWindow    *self);
/* The report of what the window shows: the visible range or everything
 * loaded, the panes, their options and the analysis as shown, light or
 * dark. Everything in it is lent by the window: valid until the main loop
 * runs again (ps_report_write_async () copies what it needs). */
void         ps_window_fill_report     (PsWindow      *self,
                                        PsReport      *report,
                                        gboolean       whole_range,
                                        gboolean       dark);
/* The chart's size in the window, as a report takes it (no smaller than
 * the smallest report). */
void         ps_window_get_chart_size  (PsWindow      *self,
                                        int           *width,
                                        int           *height);
/* A 1600 × 1000 PNG of the visible range, light, written at once. */
gboolean     ps_window_export_png      (PsWindow      *self,
                                        const char    *path,
                                        GError       **error);
/* Shows toast (taking it) over the window's content. */
void         ps_window_add_toast       (PsWindow      *self,
                                        AdwToast      *toast);
/* The title of the last toast shown ("" before any), and the Export
 * dialog while it is open (NULL else), for tests. */
const char  *ps_window_get_toast_text  (PsWindow      *self);
GtkWindow   *ps_window_get_export_dialog (PsWindow    *self);
/* The recorder of the shown market (NULL while record-live is off, or for a
 * venue with no live feed), and its status as the window words it ("" when
 * none is shown), for tests. */
PsRecorder  *ps_window_get_recorder    (PsWindow      *self);
/* The shown market's heatmap, scores and phases, and the heatmap popover's
 * words about them (for tests). */
PsMarketAnalysis *ps_window_get_analysis      (PsWindow *self);
const char       *ps_window_get_analysis_text (PsWindow *self);
const char  *ps_window_get_record_status (PsWindow    *self);
GtkWidget   *ps_window_get_pane        (PsWindow      *self,
                                       PsChartPaneKind kind);
/* The chart panes and their borders (for tests). */
PsPaneStack *ps_window_get_pane_stack  (PsWindow      *self);
/* The PsSidePanel beside the panes (for tests). */
GtkWidget   *ps_window_get_side_panel  (PsWindow      *self);
/* Whether the header, too narrow for all, left export and refresh to the
 * main menu (for tests). */
gboolean     ps_window_get_header_compact (PsWindow   *self);

G_END_DECLS
