/* ps-window-private.h: what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-market-analysis.h"
#include "ps-recorder.h"
#include "ps-report.h"
#include "ps-side-panel.h"
#include "ps-render.h"
#include "ps-window.h"

G_BEGIN_DECLS

#define PS_WINDOW_MAX_PANES 8

struct _PsWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  PsCore               *core;           /* the application's: providers, syncs, cache */
  PsMarketSource       *source;         /* one venue's market, or all venues' */
  PsRecorder           *recorder;       /* records source while record-live is on */
  PsMarketAnalysis     *analysis;       /* the heatmap, scores and phases of source */
  PsTimeAxis           *axis;
  PsSelection          *selection;
  GCancellable         *cache_trim;     /* the cache's upkeep under way, cancelled at dispose */

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkDropDown          *venue_dropdown;
  GtkMenuButton        *venues_button;
  GtkPopover           *venues_popover;
  GtkEntry             *symbol_entry;
  GtkDropDown          *interval_dropdown;
  GtkDropDown          *range_dropdown;
  GtkProgressBar       *progress_bar;
  GtkRevealer          *banner_revealer;
  GtkWidget            *banner_box;
  GtkLabel             *banner_label;
  GtkWidget            *banner_button;
  GMenu                *primary_menu;
  PsPaneStack          *pane_stack;
  /* Made by ps-window-panes.c from ps-pane-kinds.c. */
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

  PsChartPane          *panes[PS_WINDOW_MAX_PANES];

  gint64                shown_from_ms;   /* the range the axis was last given */
  gint64                shown_to_ms;
  gint64                shown_start_ms;  /* where the view started: the days asked for */
  gboolean              shown_demo;
  guint                 refresh_source;
  guint                 progress_source;
  gboolean              show_progress;   /* the load has lasted long enough to show */
  gboolean              was_loading;
  char                 *retry_text;      /* the venue's last retry during this load, in words */

  /* ps-window-history.c */
  gint64                custom_from_ms;  /* a custom range, UTC ms; custom_to_ms 0: the preset's days */
  gint64                custom_to_ms;
  gint64                history_span_ms; /* the recent span asked of the market */
  gint64                history_from_ms; /* a custom range's loaded start */
  gint64                history_first_ms; /* the first candle before the last extension */
  gboolean              history_extending;
  gboolean              history_loading_seen; /* the extension's load has begun */
  gboolean              history_exhausted;
  gboolean              syncing_range;   /* the range list set from code, not by the user */
  guint                 range_other_days; /* range-days off the presets: the list's extra item, or 0 */

  /* ps-window-venues.c */
  GPtrArray            *venue_checks;    /* GtkCheckButton per venue the core serves */
  GtkDropDown          *reference_dropdown;
  gboolean              syncing_venues;  /* the venue widgets set from code */
};

/* What the market recorded, as the chart and reports draw it (lent). */
void _ps_window_get_recorded_liquidations (PsWindow               *self,
                                           PsRecordedLiquidations *liq);

/* ps-window-cache.c: the shown market marked as opened, the cache trimmed
 * under the Preferences' size limit. */
void _ps_window_trim_cache (PsWindow *self);

/* ps-window-record.c: the recorder of the shown market. */
void _ps_window_update_recorder (PsWindow *self);
void _ps_window_stop_recorder   (PsWindow *self);

/* ps-window-analysis.c: the market's analysis, its popover and read-out. */
void        _ps_window_init_analysis       (PsWindow *self);
void        _ps_window_set_analysis_source (PsWindow *self);
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
void _ps_window_init_help_overlay (PsWindow       *self);

/* The market of the settings' venue, symbol, interval and range, loaded. */
void _ps_window_load_market       (PsWindow       *self);

/* ps-window-range.c: the range list (presets, days off them, "Custom…"). */
void _ps_window_range_selected_cb (PsWindow       *self,
                                   GParamSpec     *pspec,
                                   GtkDropDown    *dropdown);
void _ps_window_sync_range_list   (PsWindow       *self,
                                   guint           days);
/* What a report borrows that the window does not keep: the caller clears
 * it once the report is drawn or handed to ps_report_write_async (). */
typedef struct
{
  GVariant         *pane_sizes;
  PsMarketSnapshot *snapshot;
  GArray           *venues;     /* of PsVenueSeries, borrowing from snapshot */
} PsReportHold;

void _ps_report_hold_clear        (PsReportHold    *hold);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PsReportHold, _ps_report_hold_clear)

/* A report of what the window shows, over the visible range or (whole)
 * everything loaded, light or dark as the app is; it borrows from the
 * window and from hold. */
void _ps_window_fill_report       (PsWindow        *self,
                                   gboolean         whole,
                                   PsReport        *report,
                                   PsReportHold    *hold);
/* "binance-btcusdt-4h-2025-11-20_2025-12-17.png": a report's file name. */
char *_ps_window_report_name      (PsWindow        *self,
                                   gboolean         whole,
                                   const char      *extension);
/* A toast saying where the report went, with Open; or the error in words. */
void _ps_window_report_written    (PsWindow        *self,
                                   GFile           *file,
                                   const GError    *error);
/* The main menu's Chart section: win.price-style, win.log-scale… made from
 * the settings, which reach every pane as properties. */
void _ps_window_init_chart_options (PsWindow *self);
/* win.oi-by-venue and win.funding-by-venue, shown while all venues are. */
void _ps_window_enable_by_venue    (PsWindow *self,
                                    gboolean  enabled);

/* ps-window-history.c: more history when the chart is pushed back; the
 * custom range. */
void        _ps_window_init_history         (PsWindow *self);
void        _ps_window_history_load         (PsWindow *self,
                                             gint64    warmup_ms);
void        _ps_window_history_market_notify (PsWindow *self);
gint64      _ps_window_history_view_start   (PsWindow *self,
                                             gint64    from_ms,
                                             gint64    to_ms);
gint64      _ps_window_history_limit_from   (PsWindow *self,
                                             gint64    from_ms,
                                             gint64    to_ms);
gboolean    _ps_window_history_is_custom    (PsWindow *self);
char       *_ps_window_history_dup_range_text (PsWindow *self);
void        _ps_window_history_set_custom   (PsWindow *self,
                                             gint64    from_ms,
                                             gint64    to_ms);
AdwMessageDialog *_ps_window_choose_custom_range (PsWindow *self);
/* ps-window.c */
void        _ps_window_show_custom_range    (PsWindow *self,
                                             gint64    from_ms,
                                             gint64    to_ms);
void        _ps_window_sync_range_dropdown  (PsWindow *self);
/* ps-window-panes.c: the chart panes, their sizes and the Panes menu. */
void  _ps_window_init_panes  (PsWindow     *self);
void  _ps_window_setup_panes (PsWindow     *self);
/* The shown panes' parts of the room, for a report (a{sd}, hidden ones
 * left out; a new reference). */
GVariant *_ps_window_dup_shown_pane_sizes (PsWindow *self);
/* The chart panes top to bottom, the time labels last: how many. */
guint _ps_window_list_panes  (PsWindow     *self,
                              PsChartPane **panes,
                              guint         max_panes);

/* ps-window-venues.c: the venue drop-down with "All venues" at its end,
 * and the aggregate's venues and reference venue in a popover beside it. */
void            _ps_window_init_venues (PsWindow   *self);
void            _ps_window_sync_venues (PsWindow   *self);
/* The venue of the settings: one the core serves, or PS_AGGREGATE_VENUE;
 * the first the core serves when they name another (a setting from
 * another version). */
char           *_ps_window_dup_venue   (PsWindow   *self);
/* The source of venue's symbol at interval: one venue's market, or the
 * symbol's asset across the venues the settings tick. */
PsMarketSource *_ps_window_new_source  (PsWindow   *self,
                                        const char *venue,
                                        const char *symbol,
                                        PsInterval  interval);

/* ps-window-side-panel.c: the side panel, win.side-panel and its key. */
void _ps_window_init_side_panel (PsWindow *self);

/* ps-window-layout.c: the header at narrow widths. */
void _ps_window_class_init_layout (GtkWidgetClass *widget_class);

G_END_DECLS
