/* ps-heatmap-predicted.c: the model's predicted liquidations per candle, and
 * their running sums for the liquidations pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-analysis"

#include "ps-heatmap-private.h"
#include "ps-levels.h"

guint
ps_heatmap_get_n_candles (const PsHeatmap *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n;
}

const gint64 *
ps_heatmap_get_candle_t (const PsHeatmap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->candles != NULL ? self->candles->t_ms : NULL;
}

const double *
ps_heatmap_get_predicted (const PsHeatmap *self,
                          PsLiqSide        side)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (side == PS_LIQ_LONG || side == PS_LIQ_SHORT, NULL);

  return self->predicted[side];
}

const double *
ps_heatmap_get_predicted_sums (const PsHeatmap *self,
                               PsLiqSide        side)
{
  PsHeatmap *mutable = (PsHeatmap *) self;
  double *sums;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (side == PS_LIQ_LONG || side == PS_LIQ_SHORT, NULL);

  sums = g_atomic_pointer_get (&mutable->predicted_sums[side]);
  if (sums != NULL)
    return sums;

  /* Readers on two threads may both build; the first to publish wins. A
   * heatmap is extended only while nobody else reads it (a copy). */
  sums = ps_levels_running_sums (self->predicted[side], self->n);
  if (!g_atomic_pointer_compare_and_exchange (&mutable->predicted_sums[side], NULL, sums))
    {
      g_free (sums);
      sums = g_atomic_pointer_get (&mutable->predicted_sums[side]);
    }
  return sums;
}

/* What readers built from the predictions and the grid: stale once they change. */
void
_ps_heatmap_clear_derived (PsHeatmap *self)
{
  g_clear_pointer (&self->predicted_sums[PS_LIQ_LONG], g_free);
  g_clear_pointer (&self->predicted_sums[PS_LIQ_SHORT], g_free);
  g_clear_pointer ((GArray **) &self->zone_track, g_array_unref);
}
