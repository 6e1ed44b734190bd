/* ps-heatmap-private.h: what the heatmap's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-heatmap.h"

G_BEGIN_DECLS

/* The book between candles. Bins hold USD / scale, so that falling open
 * interest scales every level at once (O(1)) instead of touching each bin. */
typedef struct
{
  double *long_bins;
  double *short_bins;
  double  scale;
  int     top_long;       /* no long notional above this bin (−1: none at all) */
  int     bottom_short;   /* no short notional below this bin (n_bins: none) */
  double  oi_prev;        /* open interest (USD) at the previous candle's end */
  guint   n_standin;      /* candles whose long share was the stand-in */
  guint   n_skipped;      /* candles without usable prices */
  guint   n_gaps;         /* candles after a gap */
} PsHeatState;

/* What the open interest rows scanned so far say (for the notes). */
typedef struct
{
  guint  n_rows;
  guint  n_invalid;
  guint  n_valid;
  gint64 first_t;
  gint64 last_t;
  gint64 min_step;        /* G_MAXINT64: fewer than two readings */
} PsOiStats;

struct _PsHeatmap
{
  gint             ref_count;
  PsHeatmapParams  params;
  double           weight[PS_HEATMAP_MAX_TIERS];   /* normalised to sum 1 */
  double           long_f[PS_HEATMAP_MAX_TIERS];   /* level / entry price, per tier */
  double           short_f[PS_HEATMAP_MAX_TIERS];
  double           long_band[2];                   /* the band the tiers span, / entry */
  double           short_band[2];
  double           f_min, f_max;                   /* every level lies in p·[f_min, f_max] */
  double           maint;
  double           inv_w;                          /* bins per USD of price */
  guint            per_column;                     /* candles per grid column */
  gint64           dt_ms;                          /* candle length */
  gboolean         dt_inferred;                    /* from two candles or more */
  gint64           t0_ms;

  /* Per candle. Their times are the candles' own (the series the rows came
   * from, held): three models at a million candles kept 24 MB of copies. */
  guint            n;
  guint            alloc;
  PsCandles       *candles;
  double          *predicted[2];
  gpointer         predicted_sums[2];   /* running sums, built on first use */
  gpointer         zone_track;          /* GArray of PsHeatZone, built on first use */

  PsHeatmapGrid    grid;
  guint            cols_alloc;
  float           *col_max;

  /* The book while running, and as it stood before candle check_i: extend
   * starts again from there (the live candle, or candles after the last
   * open interest reading, may still change). */
  PsHeatState      state;
  PsHeatState      check;
  guint            check_i;
  double           check_candle[7];                /* candle check_i − 1: t, o, h, l, c, v, tbv */

  PsOiStats        oi;
  PsOiStats        oi_before_last;                 /* over all rows but the last */
  char           **notes;
};

/* Open interest at rising times, linear between the usable rows around
 * them and held flat before the first and after the last. */
typedef struct
{
  const PsOpenInterest *oi;
  const PsCandles      *candles;
  guint                 a, b;     /* the usable rows at or before x and after it; G_MAXUINT: none */
  double                va, vb;
} PsOiCursor;

/* ps-heatmap-oi.c */
void   _ps_oi_stats_init         (PsOiStats            *stats);
void   _ps_oi_stats_scan         (PsOiStats            *stats,
                                  PsOiStats            *before_last,
                                  const PsOpenInterest *oi,
                                  const PsCandles      *candles);
void   _ps_oi_cursor_seek        (PsOiCursor           *self,
                                  gint64                x);
double _ps_oi_cursor_at          (PsOiCursor           *self,
                                  gint64                x);

/* ps-heatmap-zones.c */
void   _ps_heatmap_column_zones  (const PsHeatmap *self,
                                  guint            column,
                                  double           ref_price,
                                  gint64           from_ms,
                                  gint64           to_ms,
                                  GArray          *zones);
void   _ps_heatmap_update_notes  (PsHeatmap       *self);
/* ps-heatmap-predicted.c: the running sums are dropped before the
 * predictions change (a run, an extend) and with the heatmap. */
void   _ps_heatmap_clear_derived        (PsHeatmap *self);

G_END_DECLS
