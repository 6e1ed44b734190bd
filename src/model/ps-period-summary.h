/* ps-period-summary.h: the numbers of a selected period, range or price band
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions of a market snapshot and its analysis (no GTK): what the
 * side panel shows, what a report may print, what the chart's read-out says
 * about recorded liquidations. Numbers that cannot be known are NAN (and
 * counts 0), never a zero that looks measured.
 */
#pragma once

#include "ps-analysis.h"
#include "ps-cache.h"
#include "ps-market-snapshot.h"

G_BEGIN_DECLS

/* How much of a span the recorder listened to. */
typedef enum
{
  PS_RECORDING_FULL,     /* all of it: no event means none happened */
  PS_RECORDING_PARTIAL,  /* a stretch not recorded cuts into it */
  PS_RECORDING_NONE,     /* none of it, and nothing was seen */
} PsRecording;

/* Recorded liquidations in a span, per side. */
typedef struct
{
  double      long_usd;    /* long positions liquidated (forced sells) */
  double      short_usd;
  guint       n_long;
  guint       n_short;
  PsRecording recording;
} PsLiqSums;

/* The events of [from_ms, to_ms) summed (events may be NULL), and how much
 * of the span not_recorded (sorted, disjoint PsRange; may be NULL) covers:
 * PS_RECORDING_NONE only when it covers all of it and no event is there.
 * With a price band (low < high, else NAN NAN: any price) only the events
 * whose price lies in [low, high) count: the fill price, else the order's. */
PsRecording ps_liquidations_sum_recorded (const PsLiquidations *events,
                                          const PsRange        *not_recorded,
                                          guint                 n_not_recorded,
                                          gint64                from_ms,
                                          gint64                to_ms,
                                          double                low,
                                          double                high,
                                          PsLiqSums            *sums);
/* The price an event is drawn and banded at: its fill, else the order's. */
double      ps_liquidation_price         (const PsLiquidations *events,
                                          guint                 i);
/* The median step between rows near t_ms (fallback when too few): how far
 * apart funding settlements or OI samples are there. */
gint64      ps_series_spacing_near       (const gint64         *t_ms,
                                          guint                 n,
                                          gint64                t_ms_near,
                                          gint64                fallback);

/* The settlement period of funding row i: the spacing before its time, over
 * which the premium that set the rate was averaged and positions paid. */
void        ps_funding_settlement_period (const PsFunding      *funding,
                                          guint                 i,
                                          gint64               *from_ms,
                                          gint64               *to_ms);

typedef struct
{
  gint64      from_ms;         /* the span summed: [from_ms, to_ms), UTC */
  gint64      to_ms;

  /* Candles starting inside the span; NAN without any. */
  guint       n_candles;
  double      open, high, low, close;
  double      change_pct;      /* close against open, % */
  double      volume;          /* base asset */

  /* Open interest (USD): the last sample at or before from_ms and at or
   * before to_ms; the change needs both, and two distinct samples. */
  double      oi_start_usd;
  double      oi_end_usd;
  double      oi_delta_usd;
  double      oi_delta_pct;

  /* The settlements whose period meets the span: one for a candle or a
   * settlement period, all of them for a range (a fraction per rate). */
  guint       n_funding;
  gint64      funding_spacing_ms;   /* between settlements: 8 h on Binance */
  double      funding_sum;          /* the rates added: what a position paid */
  double      funding_mean;         /* per settlement */
  double      funding_annual;       /* the mean at settlements per year */

  PsLiqSums   recorded;             /* liquidations recorded in the span */

  /* The model's predicted liquidations over the candles of the span; both
   * NAN without a heatmap. */
  double      predicted_long_usd;
  double      predicted_short_usd;

  /* The treadmill at the span's last candle, with its reasons (NULL when
   * no phase holds or no analysis came yet). */
  PsPhase     phase;
  char       *phase_reasons;
} PsPeriodSummary;

/* The numbers of [from_ms, to_ms) in snapshot; analysis may be NULL (none
 * yet). Free with ps_period_summary_clear(). */
void        ps_period_summary_init       (PsPeriodSummary        *summary,
                                          const PsMarketSnapshot *snapshot,
                                          PsAnalysis             *analysis,
                                          gint64                  from_ms,
                                          gint64                  to_ms);
void        ps_period_summary_clear      (PsPeriodSummary        *summary);

/* A price band's numbers: the recorded liquidations whose price lies in
 * [low, high) over the view [view_from_ms, view_to_ms) and over the whole
 * snapshot. */
typedef struct
{
  double      low;
  double      high;
  gint64      view_from_ms;
  gint64      view_to_ms;
  PsLiqSums   in_view;
  PsLiqSums   in_range;
} PsBandSummary;

void        ps_band_summary_init         (PsBandSummary          *summary,
                                          const PsMarketSnapshot *snapshot,
                                          double                  low,
                                          double                  high,
                                          gint64                  view_from_ms,
                                          gint64                  view_to_ms);

G_END_DECLS
