/* ps-heatmap-zones.c: the heatmap's hot zones and its notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-analysis"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-heatmap-private.h"
#include "ps-time.h"

static int
ps_heat_zone_compare_usd (gconstpointer a,
                          gconstpointer b)
{
  const PsHeatZone *za = a, *zb = b;

  return za->usd < zb->usd ? 1 : za->usd > zb->usd ? -1 : 0;
}

/* The runs of bins of [first, last) holding at least the threshold share of
 * the fullest of them, largest first, at most zones_per_side. */
static void
ps_heatmap_side_zones (const PsHeatmap *self,
                       const float     *bins,
                       PsLiqSide        side,
                       int              first,
                       int              last,
                       gint64           from_ms,
                       gint64           to_ms,
                       GArray          *zones)
{
  double w = (self->grid.price_hi - self->grid.price_lo) / self->grid.n_bins;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (PsHeatZone));
  float max = 0, threshold;
  PsHeatZone *zone = NULL;
  float peak = 0;

  for (int b = first; b < last; b++)
    max = MAX (max, bins[b]);
  if (!(max > 0))
    return;
  threshold = max * (float) self->params.zone_threshold;

  for (int b = first; b < last; b++)
    {
      if (!(bins[b] >= threshold))
        {
          zone = NULL;
          continue;
        }
      if (zone == NULL)
        {
          PsHeatZone start = { side, self->grid.price_lo + b * w, 0, 0, 0, from_ms, to_ms };

          g_array_append_val (found, start);
          zone = &g_array_index (found, PsHeatZone, found->len - 1);
          peak = -1;
        }
      zone->price_hi = self->grid.price_lo + (b + 1) * w;
      zone->usd += bins[b];
      if (bins[b] > peak)
        {
          peak = bins[b];
          zone->price_peak = self->grid.price_lo + (b + 0.5) * w;
        }
    }
  g_array_sort (found, ps_heat_zone_compare_usd);
  g_array_append_vals (zones, found->data, MIN (found->len, self->params.zones_per_side));
}

/* Longs below ref_price and shorts above it (each side whole when NAN). */
void
_ps_heatmap_column_zones (const PsHeatmap *self,
                          guint            column,
                          double           ref_price,
                          gint64           from_ms,
                          gint64           to_ms,
                          GArray          *zones)
{
  int n = self->grid.n_bins;
  gsize offset = (gsize) column * n;
  int long_end = n, short_start = 0;
  guint before = zones->len;

  if (!isnan (ref_price))
    {
      /* Bins wholly below, and wholly above, the price. */
      double x = (ref_price - self->grid.price_lo) * self->inv_w;

      long_end = (int) CLAMP (floor (x), 0, n);
      short_start = (int) CLAMP (ceil (x), 0, n);
    }
  ps_heatmap_side_zones (self, self->grid.long_usd + offset, PS_LIQ_LONG, 0, long_end,
                         from_ms, to_ms, zones);
  ps_heatmap_side_zones (self, self->grid.short_usd + offset, PS_LIQ_SHORT, short_start, n,
                         from_ms, to_ms, zones);
  if (zones->len > before + 1)
    qsort (&g_array_index (zones, PsHeatZone, before), zones->len - before, sizeof (PsHeatZone),
           ps_heat_zone_compare_usd);
}

GArray *
ps_heatmap_get_zones (const PsHeatmap *self,
                      double           ref_price)
{
  GArray *zones;
  guint last;

  g_return_val_if_fail (self != NULL, NULL);

  zones = g_array_new (FALSE, FALSE, sizeof (PsHeatZone));
  if (self->grid.n_columns == 0)
    return zones;
  last = self->grid.n_columns - 1;
  _ps_heatmap_column_zones (self, last, ref_price, self->grid.t_ms[last], self->grid.end_ms, zones);
  return zones;
}

GArray *
ps_heatmap_get_zone_track (const PsHeatmap *self)
{
  const PsHeatmapGrid *grid;
  GArray *zones;

  g_return_val_if_fail (self != NULL, NULL);

  grid = &self->grid;
  zones = g_array_new (FALSE, FALSE, sizeof (PsHeatZone));
  for (guint c = 0; c + 1 < grid->n_columns; c++)
    _ps_heatmap_column_zones (self, c, NAN, grid->t_ms[c + 1],
                              c + 2 < grid->n_columns ? grid->t_ms[c + 2] : grid->end_ms, zones);
  return zones;
}

/* Notes */

static char *
ps_heatmap_format_step (gint64 ms)
{
  const gint64 minute = 60000, hour = 60 * minute, day = 24 * hour;

  if (ms % day == 0)
    return g_strdup_printf (_("%d d"), (int) (ms / day));
  if (ms % hour == 0)
    return g_strdup_printf (_("%d h"), (int) (ms / hour));
  if (ms % minute == 0)
    return g_strdup_printf (_("%d min"), (int) (ms / minute));
  return g_strdup_printf (_("%.3g s"), ms / 1000.0);
}

static void
ps_heatmap_note_oi_step (PsHeatmap *self,
                         GPtrArray *notes)
{
  g_autofree char *oi_step = NULL;
  g_autofree char *candle_step = NULL;

  if (self->oi.n_valid == 1)
    {
      g_ptr_array_add (notes, g_strdup (_("A single open-interest reading: no change of open "
                                          "interest, so no positions are modelled")));
      return;
    }
  if (self->oi.min_step == G_MAXINT64 || self->oi.min_step == self->dt_ms)
    return;
  oi_step = ps_heatmap_format_step (self->oi.min_step);
  candle_step = ps_heatmap_format_step (self->dt_ms);
  if (self->oi.min_step > self->dt_ms)
    g_ptr_array_add (notes, g_strdup_printf (_("Open interest comes every %s, coarser than the "
                                               "%s candles: each change is spread evenly over "
                                               "the candles between two readings"),
                                             oi_step, candle_step));
  else
    g_ptr_array_add (notes, g_strdup_printf (_("Open interest comes every %s, finer than the %s "
                                               "candles: each candle takes the reading at its "
                                               "end"), oi_step, candle_step));
}

void
_ps_heatmap_update_notes (PsHeatmap *self)
{
  const PsHeatState *st = &self->state;
  GPtrArray *notes = g_ptr_array_new ();

  if (st->n_standin > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
      "%u candle opened positions without taker-buy volume: its long/short split is a "
      "stand-in, the close's place in the candle's range (held within 20–80 %%)",
      "%u candles opened positions without taker-buy volume: their long/short split is a "
      "stand-in, the close's place in the candle's range (held within 20–80 %%)",
      st->n_standin), st->n_standin));
  ps_heatmap_note_oi_step (self, notes);
  if (self->oi.first_t > self->t0_ms)
    {
      g_autofree char *date = ps_time_format_utc (self->oi.first_t);

      g_ptr_array_add (notes, g_strdup_printf (_("Open interest starts %s: the candles before "
                                                 "it open no positions"), date));
    }
  if (self->oi.last_t < self->grid.end_ms)
    {
      g_autofree char *date = ps_time_format_utc (self->oi.last_t);

      g_ptr_array_add (notes, g_strdup_printf (_("Open interest ends %s: the candles after it "
                                                 "open or close no positions"), date));
    }
  if (self->oi.n_invalid > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
      "%u open-interest reading was skipped (missing, zero or negative)",
      "%u open-interest readings were skipped (missing, zero or negative)",
      self->oi.n_invalid), self->oi.n_invalid));
  if (st->n_skipped > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
      "%u candle without usable prices was skipped",
      "%u candles without usable prices were skipped", st->n_skipped), st->n_skipped));
  if (st->n_gaps > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
      "%u gap in the candles: the change of open interest across it falls on the candle after it",
      "%u gaps in the candles: the change of open interest across each falls on the candle "
      "after it", st->n_gaps), st->n_gaps));
  g_ptr_array_add (notes, NULL);
  g_strfreev (self->notes);
  self->notes = (char **) g_ptr_array_free (notes, FALSE);
}
