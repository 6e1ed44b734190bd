/* ps-window-private.h: what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-market-analysis.h"
#include "ps-recorder.h"
#include "ps-side-panel.h"
#include "ps-render.h"
#include "ps-window.h"

G_BEGIN_DECLS

struct _PsWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  PsCore               *core;           /* the application's: providers, syncs, cache */
  PsMarket             *market;
  PsRecorder           *recorder;       /* records market while record-live is on */
  PsMarketAnalysis     *analysis;       /* the heatmap, scores and phases of market */
  PsTimeAxis           *axis;
  PsSelection          *selection;
  GtkFileChooserNative *export_chooser;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkDropDown          *venue_dropdown;
  GtkEntry             *symbol_entry;
  GtkDropDown          *interval_dropdown;
  GtkDropDown          *range_dropdown;
  GtkProgressBar       *progress_bar;
  GtkRevealer          *banner_revealer;
  GtkWidget            *banner_box;
  GtkLabel             *banner_label;
  GtkWidget            *banner_button;
  PsChartPane          *price_pane;
  PsChartPane          *open_interest_pane;
  PsChartPane          *funding_pane;
  PsChartPane          *liquidations_pane;
  PsChartPane          *time_pane;
  GtkLabel             *readout_label;
  GtkLabel             *record_label;
  GtkMenuButton        *heatmap_button;
  GtkWidget            *export_button;
  GtkWidget            *refresh_button;
  GtkScale             *heatmap_opacity_scale;
  GtkLabel             *analysis_label;
  AdwFlap              *side_flap;
  PsSidePanel          *side_panel;

  PsChartPane          *panes[5];

  gint64                shown_from_ms;   /* the range the axis was last given */
  gint64                shown_to_ms;
  gint64                shown_start_ms;  /* where the view started: the days asked for */
  gboolean              shown_demo;
  guint                 refresh_source;
  guint                 progress_source;
  gboolean              show_progress;   /* the load has lasted long enough to show */
  gboolean              was_loading;
  char                 *retry_text;      /* the venue's last retry during this load, in words */
};

/* What the market recorded, as the chart and reports draw it (lent). */
void _ps_window_get_recorded_liquidations (PsWindow               *self,
                                           PsRecordedLiquidations *liq);

/* ps-window-record.c: the recorder of the shown market. */
void _ps_window_update_recorder (PsWindow *self);
void _ps_window_stop_recorder   (PsWindow *self);

/* ps-window-analysis.c: the market's analysis, its popover and read-out. */
void        _ps_window_init_analysis       (PsWindow *self);
void        _ps_window_set_analysis_market (PsWindow *self);
void        _ps_window_append_analysis     (PsWindow   *self,
                                            GString    *text,
                                            PsInterval  interval,
                                            gint64      t);
const char *_ps_window_get_phase_reasons   (PsWindow *self,
                                            gint64    t);
/* ps-window.c */
void        _ps_window_update_readout      (PsWindow *self);

/* ps-window-actions.c: market.* and chart.* actions and their keys. */
void _ps_window_class_add_actions (GtkWidgetClass *widget_class);

/* ps-window-side-panel.c: the side panel, win.side-panel and its key. */
void _ps_window_init_side_panel (PsWindow *self);

/* ps-window-layout.c: the header at narrow widths. */
void _ps_window_class_init_layout (GtkWidgetClass *widget_class);

G_END_DECLS
