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
#include "ps-selection.h"
#include "ps-time-axis.h"

G_BEGIN_DECLS

#define PS_TYPE_WINDOW (ps_window_get_type ())
G_DECLARE_FINAL_TYPE (PsWindow, ps_window, PS, WINDOW, AdwApplicationWindow)

/* The window shows markets through core's services and builds none itself. */
PsWindow    *ps_window_new            (PsApplication *application,
                                       PsCore        *core);
/* What the window shows: one venue's market or every venue's at once. */
PsMarketSource *ps_window_get_source  (PsWindow      *self);
/* The same when it is one venue's market, NULL for an aggregate (tests). */
PsMarket    *ps_window_get_market     (PsWindow      *self);
PsTimeAxis  *ps_window_get_axis       (PsWindow      *self);
PsSelection *ps_window_get_selection  (PsWindow      *self);
/* What the banner says now ("" when hidden), for tests. */
const char  *ps_window_get_banner_text (PsWindow     *self);
const char  *ps_window_get_readout_text (PsWindow    *self);
/* A PNG report of the visible range, as the export dialog writes it. */
gboolean     ps_window_export_png      (PsWindow      *self,
                                        const char    *path,
                                        GError       **error);
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
/* The application shuts down: what the window still has running on a
 * worker that writes the cache (its upkeep) is cancelled. Windows outlive
 * g_application_run (); their files may not (a test's, a sandbox's). */
void         ps_window_shutdown        (PsWindow      *self);
/* The PsSidePanel beside the panes (for tests). */
GtkWidget   *ps_window_get_side_panel  (PsWindow      *self);
/* Whether the header, too narrow for all, left export and refresh to the
 * main menu (for tests). */
gboolean     ps_window_get_header_compact (PsWindow   *self);

G_END_DECLS
