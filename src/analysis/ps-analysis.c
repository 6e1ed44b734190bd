/* ps-analysis.c: the heatmap, its baselines, their scores and the phases of one market, together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-analysis.h"

#define N_MODES 3   /* PS_HEATMAP_MODEL, _UNIFORM, _ROUND */
/* Past this the zones' coverage of each candle is not kept between runs
 * (16 B a candle and model): a million candles are analysed every ~15 s. */
#define COVERAGE_MAX_CANDLES (1u << 18)

struct _PsAnalysis
{
  gint              ref_count;
  PsAnalysisParams  params;
  PsHeatmap        *heatmaps[N_MODES];
  /* What the heatmaps were computed from, held so that the pointers name
   * these very series as long as this result lives. */
  PsCandles        *heatmap_candles;
  PsOpenInterest   *heatmap_open_interest;
  PsScore           scores[N_MODES];
  /* Each heatmap's zones' coverage of its candles (ps_score_coverage_new ()),
   * handed on with the heatmap to a run that shares it. */
  GBytes           *coverage[N_MODES];
  GError           *heatmap_error;
  PsTreadmill      *treadmill;
  char             *verdict;
  guint             incremental : 1;
};

void
ps_analysis_params_init (PsAnalysisParams *params)
{
  ps_heatmap_params_init (&params->heatmap);
  ps_treadmill_params_init (&params->treadmill);
}

static gboolean
double_equal (double a,
              double b)
{
  return a == b || (isnan (a) && isnan (b));
}

gboolean
ps_analysis_params_equal (const PsAnalysisParams *a,
                          const PsAnalysisParams *b)
{
  const PsHeatmapParams *ha = &a->heatmap;
  const PsHeatmapParams *hb = &b->heatmap;

  /* Field by field: padding and NAN make memcmp() wrong both ways. */
  if (ha->n_tiers != hb->n_tiers || ha->n_bins != hb->n_bins ||
      ha->max_columns != hb->max_columns || ha->zones_per_side != hb->zones_per_side ||
      !double_equal (ha->maint_rate, hb->maint_rate) ||
      !double_equal (ha->position_usd, hb->position_usd) ||
      !double_equal (ha->round_step, hb->round_step) ||
      !double_equal (ha->zone_threshold, hb->zone_threshold) ||
      !double_equal (ha->zone_max_width_pct, hb->zone_max_width_pct))
    return FALSE;
  for (guint i = 0; i < ha->n_tiers && i < PS_HEATMAP_MAX_TIERS; i++)
    if (!double_equal (ha->leverage[i], hb->leverage[i]) ||
        !double_equal (ha->weight[i], hb->weight[i]))
      return FALSE;

  /* Every field of the treadmill's is 8 bytes wide: no padding to differ. */
  G_STATIC_ASSERT (sizeof (PsTreadmillParams) % 8 == 0);
  return memcmp (&a->treadmill, &b->treadmill, sizeof (PsTreadmillParams)) == 0;
}

/* The heatmap of mode over input: previous's extended where it continues,
 * computed anew otherwise. */
static PsHeatmap *
run_heatmap (const PsAnalysisParams *params,
             PsHeatmapMode           mode,
             const PsHeatmapInput   *input,
             PsHeatmap              *previous,
             gboolean               *extended,
             GCancellable           *cancellable,
             GError                **error)
{
  PsHeatmapParams heatmap_params = params->heatmap;

  if (previous != NULL)
    {
      /* Readers (the chart) keep the previous result: extend a copy. */
      g_autoptr(PsHeatmap) copy = ps_heatmap_copy (previous);

      if (ps_heatmap_extend (copy, input))
        {
          *extended = TRUE;
          return g_steal_pointer (&copy);
        }
    }

  *extended = FALSE;
  heatmap_params.mode = mode;
  return ps_heatmap_compute (&heatmap_params, input, cancellable, error);
}

PsAnalysis *
ps_analysis_run (const PsAnalysisParams *params,
                 const PsAnalysisInput  *input,
                 PsAnalysis             *previous,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(PsAnalysis) self = NULL;
  PsTreadmillInput treadmill_input = { 0 };
  PsHeatmapInput heatmap_input = { 0 };
  gboolean all_extended = TRUE, same_heatmap_input;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (previous != NULL && !ps_analysis_params_equal (&previous->params, params))
    previous = NULL;
  /* Series are immutable and the market hands on one it read the same:
   * live liquidations (most runs of a live window) change neither. */
  same_heatmap_input = previous != NULL && input->candles == previous->heatmap_candles &&
                       input->open_interest == previous->heatmap_open_interest;

  self = g_new0 (PsAnalysis, 1);
  self->ref_count = 1;
  self->params = *params;
  if (input->candles != NULL)
    self->heatmap_candles = ps_candles_ref ((PsCandles *) input->candles);
  if (input->open_interest != NULL)
    self->heatmap_open_interest = ps_open_interest_ref ((PsOpenInterest *) input->open_interest);

  treadmill_input.candles = input->candles;
  treadmill_input.open_interest = input->open_interest;
  treadmill_input.funding = input->funding;
  treadmill_input.liquidations = input->liquidations;
  treadmill_input.not_recorded = input->not_recorded;
  treadmill_input.spot_candles = input->spot_candles;
  self->treadmill = ps_treadmill_compute_after (&params->treadmill, &treadmill_input,
                                                previous != NULL ? previous->treadmill : NULL,
                                                cancellable, error);
  if (self->treadmill == NULL)
    return NULL;

  heatmap_input.candles = input->candles;
  heatmap_input.open_interest = input->open_interest;
  for (guint mode = 0; mode < N_MODES; mode++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean extended = FALSE;

      /* The same input: the same heatmap, shared (immutable; what readers
       * build from it, such as its zone track, is built once). */
      if (same_heatmap_input && previous->heatmaps[mode] != NULL)
        {
          self->heatmaps[mode] = ps_heatmap_ref (previous->heatmaps[mode]);
          if (previous->coverage[mode] != NULL)
            self->coverage[mode] = g_bytes_ref (previous->coverage[mode]);
          extended = TRUE;
        }
      else
        self->heatmaps[mode] = run_heatmap (params, mode, &heatmap_input,
                                            previous ? previous->heatmaps[mode] : NULL,
                                            &extended, cancellable, &local_error);
      if (self->heatmaps[mode] == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          /* The model and the baselines need the same input: one reason. */
          if (self->heatmap_error == NULL)
            self->heatmap_error = g_steal_pointer (&local_error);
          all_extended = FALSE;
          continue;
        }
      all_extended &= extended;

      {
        PsScoreInput score_input;

        ps_score_input_init (&score_input, self->heatmaps[mode], input->candles,
                             input->liquidations, input->not_recorded);
        /* The zones' share of each candle's range is the heatmap's and the
         * candles' alone: a run over new liquidations takes the last one's. */
        if (self->coverage[mode] == NULL && score_input.n <= COVERAGE_MAX_CANDLES)
          self->coverage[mode] = g_bytes_new_take (ps_score_coverage_new (&score_input),
                                                   2 * sizeof (double) *
                                                   MAX (score_input.n, 1));
        if (self->coverage[mode] != NULL)
          score_input.coverage = g_bytes_get_data (self->coverage[mode], NULL);
        ps_score_compute (&score_input, &self->scores[mode]);
        ps_score_input_clear (&score_input);   /* the high and low it copied */
      }
    }
  self->incremental = previous != NULL && all_extended;

  if (self->heatmaps[PS_HEATMAP_MODEL] != NULL &&
      self->heatmaps[PS_HEATMAP_UNIFORM] != NULL &&
      self->heatmaps[PS_HEATMAP_ROUND] != NULL)
    self->verdict = ps_score_verdict (&self->scores[PS_HEATMAP_MODEL],
                                      &self->scores[PS_HEATMAP_UNIFORM],
                                      &self->scores[PS_HEATMAP_ROUND]);
  else
    self->verdict = g_strdup_printf (_("No scores: %s"),
                                     self->heatmap_error ? self->heatmap_error->message
                                                         : _("no heatmap"));

  return g_steal_pointer (&self);
}

PsAnalysis *
ps_analysis_ref (PsAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ps_analysis_unref (PsAnalysis *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;

  for (guint mode = 0; mode < N_MODES; mode++)
    {
      g_clear_pointer (&self->heatmaps[mode], ps_heatmap_unref);
      g_clear_pointer (&self->coverage[mode], g_bytes_unref);
    }
  g_clear_pointer (&self->heatmap_candles, ps_candles_unref);
  g_clear_pointer (&self->heatmap_open_interest, ps_open_interest_unref);
  g_clear_error (&self->heatmap_error);
  g_clear_pointer (&self->treadmill, ps_treadmill_unref);
  g_free (self->verdict);
  g_free (self);
}

const PsAnalysisParams *
ps_analysis_get_params (PsAnalysis *self)
{
  return &self->params;
}

PsHeatmap *
ps_analysis_get_heatmap (PsAnalysis    *self,
                         PsHeatmapMode  mode)
{
  g_return_val_if_fail (mode < N_MODES, NULL);

  return self->heatmaps[mode];
}

const GError *
ps_analysis_get_heatmap_error (PsAnalysis *self)
{
  return self->heatmap_error;
}

PsTreadmill *
ps_analysis_get_treadmill (PsAnalysis *self)
{
  return self->treadmill;
}

const PsScore *
ps_analysis_get_score (PsAnalysis    *self,
                       PsHeatmapMode  mode)
{
  g_return_val_if_fail (mode < N_MODES, NULL);

  return self->heatmaps[mode] != NULL ? &self->scores[mode] : NULL;
}

const char *
ps_analysis_get_verdict (PsAnalysis *self)
{
  return self->verdict;
}

gboolean
ps_analysis_get_incremental (PsAnalysis *self)
{
  return self->incremental;
}
