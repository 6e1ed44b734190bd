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

/* How many bins a zone peaking at peak_price may span: at least one. */
static int
ps_heatmap_zone_max_bins (const PsHeatmap *self,
                          double           peak_price)
{
  double w = (self->grid.price_hi - self->grid.price_lo) / self->grid.n_bins;
  /* The tolerance keeps an exact fit (0.5 % of 1 000 in 1-wide bins) at 5. */
  double k = floor (peak_price * self->params.zone_max_width_pct / 100 / w + 1e-9);

  return (int) CLAMP (k, 1, (double) self->grid.n_bins);
}

/* The k adjacent bins of [r0, r1) holding the most: its first bin. Windows
 * are tried from the one nearest the price outward (longs sit below it: from
 * the top; shorts from the bottom), and a farther one wins only when it holds
 * clearly more, so that a flat book's zone is the band nearest the price
 * whatever the rounding of the running sum. */
static int
ps_heatmap_zone_window (const float *bins,
                        int          r0,
                        int          r1,
                        int          k,
                        PsLiqSide    side)
{
  gboolean down = side == PS_LIQ_LONG;
  int s = down ? r1 - k : r0;
  int step = down ? -1 : 1;
  int best = s;
  double sum = 0, best_sum;

  for (int b = s; b < s + k; b++)
    sum += bins[b];
  best_sum = sum;
  for (s += step; s >= r0 && s + k <= r1; s += step)
    {
      /* Slide by one bin: in one, out the other. */
      sum += down ? (double) bins[s] - bins[s + k] : (double) bins[s + k - 1] - bins[s - 1];
      if (sum > best_sum * (1 + 1e-9))
        {
          best_sum = sum;
          best = s;
        }
    }
  return best;
}

/* The zone of bins [b0, b1): its price span, USD and fullest bin (among
 * equal ones the nearest the price: the highest for longs). */
static PsHeatZone
ps_heatmap_zone_of_bins (const PsHeatmap *self,
                         const float     *bins,
                         PsLiqSide        side,
                         int              b0,
                         int              b1)
{
  double w = (self->grid.price_hi - self->grid.price_lo) / self->grid.n_bins;
  PsHeatZone zone = { side, self->grid.price_lo + b0 * w, self->grid.price_lo + b1 * w, 0, 0,
                      0, 0 };
  float peak = -1;

  for (int b = b0; b < b1; b++)
    {
      zone.usd += bins[b];
      if (bins[b] > peak || (side == PS_LIQ_LONG && bins[b] == peak))
        {
          peak = bins[b];
          zone.price_peak = self->grid.price_lo + (b + 0.5) * w;
        }
    }
  return zone;
}

/* A run of bins above the threshold as one zone, cut to zone_max_width_pct
 * of its peak: the fullest window of that width. The rest of a wide run is
 * no zone of its own (a run is one cluster), so a flat book, which is one
 * run, names one band per side however wide its notional spreads. */
static PsHeatZone
ps_heatmap_run_zone (const PsHeatmap *self,
                     const float     *bins,
                     PsLiqSide        side,
                     int              r0,
                     int              r1)
{
  PsHeatZone zone = ps_heatmap_zone_of_bins (self, bins, side, r0, r1);
  int k = ps_heatmap_zone_max_bins (self, zone.price_peak);

  /* The window's own peak may lie lower than the run's, allowing fewer bins:
   * k shrinks every round, so this ends. */
  while (k < r1 - r0)
    {
      int s = ps_heatmap_zone_window (bins, r0, r1, k, side);
      int fit;

      zone = ps_heatmap_zone_of_bins (self, bins, side, s, s + k);
      fit = ps_heatmap_zone_max_bins (self, zone.price_peak);
      if (fit >= k)
        break;
      k = fit;
    }
  return zone;
}

/* The runs of bins of [first, last) holding at least the threshold share of
 * the fullest of them, each cut to the width budget, largest first, at most
 * zones_per_side. */
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
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (PsHeatZone));
  float max = 0, threshold;

  for (int b = first; b < last; b++)
    max = MAX (max, bins[b]);
  if (!(max > 0))
    return;
  threshold = max * (float) self->params.zone_threshold;

  for (int b = first; b < last;)
    {
      PsHeatZone zone;
      int r0 = b;

      if (!(bins[b] >= threshold))
        {
          b++;
          continue;
        }
      while (b < last && bins[b] >= threshold)
        b++;
      zone = ps_heatmap_run_zone (self, bins, side, r0, b);
      zone.from_ms = from_ms;
      zone.to_ms = to_ms;
      g_array_append_val (found, zone);
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

const GArray *
ps_heatmap_get_zone_track (const PsHeatmap *self)
{
  PsHeatmap *mutable = (PsHeatmap *) self;
  const PsHeatmapGrid *grid;
  GArray *zones;

  g_return_val_if_fail (self != NULL, NULL);

  zones = g_atomic_pointer_get (&mutable->zone_track);
  if (zones != NULL)
    return zones;

  /* Each of the three scores of every analysis run reads it, and a run whose
   * candles and open interest did not change shares its heatmaps with the
   * run before (ps_analysis_run ()): built once, not per run. Two readers
   * may both build; the first to publish wins, as with the running sums. */
  grid = &self->grid;
  zones = g_array_new (FALSE, FALSE, sizeof (PsHeatZone));
  for (guint c = 0; c + 1 < grid->n_columns; c++)
    _ps_heatmap_column_zones (self, c, NAN, grid->t_ms[c + 1],
                              c + 2 < grid->n_columns ? grid->t_ms[c + 2] : grid->end_ms, zones);
  if (!g_atomic_pointer_compare_and_exchange (&mutable->zone_track, NULL, zones))
    {
      g_array_unref (zones);
      zones = g_atomic_pointer_get (&mutable->zone_track);
    }
  return zones;
}

/* Notes */

static char *
ps_heatmap_format_step (gint64 ms)
{
  const gint64 minute = 60000, hour = 60 * minute, day = 24 * hour;

  if (ms % day == 0)
    /* Translators: a step of open-interest samples: "1 d" is one day; d, h, min, s abbreviate
     * day, hour, minute, second */
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
