/* ps-market-analysis.h: a market's heatmap, scores and phases, kept up to date off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-analysis.h"
#include "ps-market-source.h"

G_BEGIN_DECLS

#define PS_TYPE_MARKET_ANALYSIS (ps_market_analysis_get_type ())
G_DECLARE_FINAL_TYPE (PsMarketAnalysis, ps_market_analysis, PS, MARKET_ANALYSIS, GObject)

/* Follows a market: each time its series change the analysis runs again on
 * a worker thread over them (immutable once handed out), cancelled when a
 * newer change or another market makes it moot. It never runs twice at once,
 * and starts at most once per PS_MARKET_ANALYSIS_MIN_GAP_MS — once per
 * PS_MARKET_ANALYSIS_LOADING_GAP_MS while pages stream in, whose history
 * changes make each run a whole one; new candles at the end extend the
 * previous result instead of computing it anew. A long run spaces the next
 * ones out so that the analysis takes at most PS_MARKET_ANALYSIS_MAX_SHARE_PCT
 * of a processor while liquidations stream in (a million candles: a run of
 * about a second, then one every five). "changed" is emitted on the main
 * thread with each result. */
#define PS_MARKET_ANALYSIS_MIN_GAP_MS     250
#define PS_MARKET_ANALYSIS_LOADING_GAP_MS 1000
#define PS_MARKET_ANALYSIS_MAX_SHARE_PCT  20

/* The least time from one run's start to the next's after a run that took
 * last_run_us (0: none yet), while loading or not. */
gint64            ps_market_analysis_min_gap_us   (gboolean                loading,
                                                   gint64                  last_run_us);

PsMarketAnalysis *ps_market_analysis_new          (void);
void              ps_market_analysis_set_source   (PsMarketAnalysis       *self,
                                                   PsMarketSource         *source);
void              ps_market_analysis_set_params   (PsMarketAnalysis       *self,
                                                   const PsAnalysisParams *params);
const PsAnalysisParams *ps_market_analysis_get_params (PsMarketAnalysis   *self);
/* The latest result for the market's current series, or NULL while none has
 * come (or there are no candles: see get_error). */
PsAnalysis       *ps_market_analysis_get_result   (PsMarketAnalysis       *self);
const GError     *ps_market_analysis_get_error    (PsMarketAnalysis       *self);
/* Whether a run is in flight or waiting (for tests: wait on "changed"). */
gboolean          ps_market_analysis_get_busy     (PsMarketAnalysis       *self);
/* Runs started and how many extended the previous result (tests, bench). */
guint             ps_market_analysis_get_n_runs   (PsMarketAnalysis       *self);
guint             ps_market_analysis_get_n_incremental (PsMarketAnalysis  *self);
/* Snapshots not run on: they held the series the result was made from. */
guint             ps_market_analysis_get_n_skipped     (PsMarketAnalysis  *self);

G_END_DECLS
