/* ps-analysis.h: the heatmap, its baselines, their scores and the phases of one market, together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pure function of series and parameters, shared by the window (on a
 * worker thread, over a market snapshot) and by `perpscope analyze`, so the
 * two never disagree. The result is immutable once returned.
 */
#pragma once

#include "ps-heatmap.h"
#include "ps-score.h"
#include "ps-treadmill.h"

G_BEGIN_DECLS

typedef struct
{
  PsHeatmapParams   heatmap;     /* mode is ignored: the model and both baselines run */
  PsTreadmillParams treadmill;
} PsAnalysisParams;

void     ps_analysis_params_init     (PsAnalysisParams       *params);
gboolean ps_analysis_params_equal    (const PsAnalysisParams *a,
                                      const PsAnalysisParams *b);

/* What the analysis runs on; any pointer but candles may be NULL. */
typedef struct
{
  const PsCandles      *candles;
  const PsCandles      *spot_candles;
  const PsOpenInterest *open_interest;
  const PsFunding      *funding;
  const PsLiquidations *liquidations;
  const GArray         *not_recorded;   /* {gint64 from_ms, to_ms} */
} PsAnalysisInput;

typedef struct _PsAnalysis PsAnalysis;

/* NULL with an error when there are no candles (or on cancellation). A
 * heatmap that cannot be modelled (no open interest) is no failure: the
 * phases still come, and ps_analysis_get_heatmap_error() says why there is
 * no heatmap. With previous (computed with equal params from a prefix of the
 * same candles), the heatmaps are extended instead of computed anew where
 * they can be, and shared with previous when its candles and open interest
 * were these very series. */
PsAnalysis   *ps_analysis_run              (const PsAnalysisParams *params,
                                            const PsAnalysisInput  *input,
                                            PsAnalysis             *previous,
                                            GCancellable           *cancellable,
                                            GError                **error);
PsAnalysis   *ps_analysis_ref              (PsAnalysis    *self);
void          ps_analysis_unref            (PsAnalysis    *self);

const PsAnalysisParams *ps_analysis_get_params (PsAnalysis *self);
/* NULL when it could not be modelled. */
PsHeatmap    *ps_analysis_get_heatmap      (PsAnalysis    *self,
                                            PsHeatmapMode  mode);
const GError *ps_analysis_get_heatmap_error (PsAnalysis   *self);
PsTreadmill  *ps_analysis_get_treadmill    (PsAnalysis    *self);
/* The score of the model or a baseline against the recorded liquidations;
 * NULL without a heatmap. */
const PsScore *ps_analysis_get_score       (PsAnalysis    *self,
                                            PsHeatmapMode  mode);
/* ps_score_verdict() of the three, or why there is none. */
const char   *ps_analysis_get_verdict      (PsAnalysis    *self);
/* Whether the heatmaps were extended from previous (or are previous's)
 * rather than computed. */
gboolean      ps_analysis_get_incremental  (PsAnalysis    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsAnalysis, ps_analysis_unref)

G_END_DECLS
