/* ps-score.h: how good a liquidation estimate was against what happened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over plain arrays (no GTK, no I/O). Only time that a recorder
 * listened to is scored: a candle that overlaps a not-recorded stretch is left
 * out, since an empty hour there means "not recorded", not "no liquidations".
 */
#pragma once

#include "ps-series.h"
#include "ps-heatmap.h"

G_BEGIN_DECLS

typedef struct
{
  /* The candles the prediction is per (n rows, interval_ms each). */
  guint          n;
  const gint64  *t_ms;
  gint64         interval_ms;
  const double  *high;
  const double  *low;
  /* Predicted liquidations per candle and side (USD). */
  const double  *predicted_long;
  const double  *predicted_short;
  /* Hot zones with the time each was known (PsHeatZone from/to); may be NULL. */
  const GArray  *zones;
  /* What happened: recorded or imported events, and the stretches no
   * recorder listened to (PsTreadmillSpan layout: from_ms, to_ms). */
  const PsLiquidations *liquidations;
  const GArray  *not_recorded;
  /* Per candle, long then short: the share of its range [low, high] the
   * zones of the side known then cover (ps_score_coverage_new ()), kept by
   * a caller that scores the same zones and candles again; NULL: computed. */
  const double  *coverage;
  /*< private >*/
  double        *owned_high;    /* the candles' high and low as doubles, from init */
  double        *owned_low;
} PsScoreInput;

typedef struct
{
  guint  n_scored;             /* candles inside recorded time */
  double rank_corr_long;       /* Spearman, predicted vs recorded per candle;
                                * NAN with fewer than 3 scored candles or no
                                * variation */
  double rank_corr_short;
  double rank_corr;            /* both sides' candles pooled */
  guint  zones_crossed;        /* zones price traded through in recorded time */
  guint  zones_hit;            /* … of which held recorded liquidations */
  double hit_rate;             /* zones_hit / zones_crossed, NAN when none */
  double recorded_usd;         /* recorded USD in scored time */
  double recorded_usd_in_zones;/* … whose price lay inside a zone known then */
  double share_in_zones;       /* the ratio, NAN when nothing recorded */
  /* Width: a zone as wide as the candles' ranges holds every liquidation. */
  double zone_price_share;     /* mean over scored candles and both sides of
                                * the share of the candle's traded range
                                * [low, high] that zones of the side known then
                                * cover; NAN with no scored candle */
  double expected_usd_in_zones;/* what the zones would hold by chance: each
                                * recorded event's USD × that share for its
                                * candle and side */
  double lift;                 /* recorded_usd_in_zones / expected_usd_in_zones:
                                * how many times more recorded USD fell in the
                                * zones than their width gives by chance (1: no
                                * better); NAN when nothing was expected */
} PsScore;

void      ps_score_compute      (const PsScoreInput *input,
                                 PsScore            *score);
/* The input for a heatmap's predictions and zone track over candles;
 * interval_ms is the candle length the heatmap took (set it when the
 * interval is known). Free what it holds with ps_score_input_clear. */
void      ps_score_input_init   (PsScoreInput         *input,
                                 const PsHeatmap      *heatmap,
                                 const PsCandles      *candles,
                                 const PsLiquidations *liquidations,
                                 const GArray         *not_recorded);
void      ps_score_input_clear  (PsScoreInput         *input);
/* input's coverage of every candle (2 × n, long then short per candle), to
 * hand to the next scoring of the same zones and candles. Free with g_free. */
double   *ps_score_coverage_new (const PsScoreInput   *input);
/* Spearman rank correlation of x and y (ties get their mean rank); NAN when
 * n < 3 or either has no variation. */
double    ps_rank_correlation   (const double *x,
                                 const double *y,
                                 guint         n);

/* The model beside its two baselines, in words: which it beats on which
 * measure, and plainly when it does not. Free with g_free. */
char     *ps_score_verdict      (const PsScore *model,
                                 const PsScore *uniform,
                                 const PsScore *round);

G_END_DECLS
