/* ps-treadmill-private.h: what the phase detector's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "ps-treadmill.h"

G_BEGIN_DECLS

/* What one candle's rules look at, all at the candle's end; NAN: unknown. */
typedef struct
{
  gboolean valid;          /* the candle's own numbers are finite */
  double   close;
  double   price_pct;      /* close change over the lookback, % */
  double   oi_pct;         /* open interest change over the lookback, % */
  double   oi_candle_pct;  /* across the candle, where OI is finer than candles */
  double   oi_drop_pct;    /* USD OI: the low of the half lookback after the
                            * candle against the high of the lookback before */
  double   oi_rank;        /* 0–1 among the baseline's samples */
  guint    oi_rank_n;      /* how many samples that rank is among */
  double   oi_usd;
  double   funding;        /* per 8 h, the last settlement at or before the end */
  double   funding_before; /* the same one lookback earlier */
  gboolean recorded;       /* a recorder listened over the whole candle */
  double   liq_usd;        /* both sides; NAN where not recorded */
  double   liq_median;     /* of the baseline's recorded candles */
  double   volume_ratio;   /* to the baseline's median volume */
  double   range_ratio;    /* (high − low) to the baseline's median range */
  double   body_ratio;     /* |close − open| to the baseline's median range */
  double   spot_premium;   /* (spot − perp) / perp, % */
  double   spot_lead;      /* spot change − perp change over the lookback, % */
} PsTreadmillFacts;

/* What a run keeps for the next over the same candles and more
 * (ps-treadmill-facts.c): the windows' inputs, and the medians and rank
 * each candle took from them. */
typedef struct _PsTreadmillMemo PsTreadmillMemo;
struct _PsTreadmillMemo
{
  PsTreadmillParams params;
  guint             n;             /* candles */
  gint64            step_ms;
  guint             min_candles;
  gint64           *t;             /* the candles' starts */
  double           *volume;        /* the windows' inputs, per candle */
  double           *range;
  double           *liq;
  guint             n_oi;          /* open interest samples */
  gint64            oi_step_ms;
  guint             min_oi;
  gboolean          oi_contracts;
  gint64           *oi_t;
  double           *oi_v;
  double           *med_volume;    /* what each candle took */
  double           *med_range;
  double           *liq_median;
  double           *oi_rank;
  guint            *oi_rank_n;
  guint             reused_c;      /* candles whose medians came from the run before */
  guint             reused_oi;     /* and whose rank did */
};

/* The memo of a run (inputs copied, outputs to fill), or NULL past
 * MEMO_MAX_CANDLES; then what of previous it may take: the medians of
 * candles [0, *reuse_c) and the ranks of [0, *reuse_oi). */
PsTreadmillMemo *_ps_treadmill_memo_new (const PsTreadmillParams *params,
                                         const PsCandles         *candles,
                                         gint64                   step_ms,
                                         guint                    min_candles,
                                         const double            *volume,
                                         const double            *range,
                                         const double            *liq,
                                         const gint64            *oi_t,
                                         const double            *oi_v,
                                         guint                    n_oi,
                                         gint64                   oi_step_ms,
                                         guint                    min_oi,
                                         gboolean                 oi_contracts);
void     _ps_treadmill_memo_match    (const PsTreadmillMemo   *previous,
                                      PsTreadmillMemo         *memo,
                                      guint                   *reuse_c,
                                      guint                   *reuse_oi);
void     _ps_treadmill_memo_free     (PsTreadmillMemo         *memo);
/* A result's memo (NULL: none kept), for tests. */
const PsTreadmillMemo *_ps_treadmill_get_memo (const PsTreadmill *self);

/* What the candles' facts are made from, a few bytes a candle: the facts
 * themselves are made one candle at a time and handed on (152 bytes a
 * candle all at once was 152 MB at a million 1m candles). */
typedef struct
{
  guint             n;
  gint64            step_ms;      /* the candles' interval; 0 with one candle */
  guint8           *flags;        /* per candle: PS_TREADMILL_VALID, _RECORDED */
  double           *liq;          /* per candle: both sides, USD; NAN where not recorded */
  double           *oi_drop;      /* per candle: PsTreadmillFacts.oi_drop_pct */
  GPtrArray        *notes;        /* char *: caveats in words */
  PsTreadmillMemo  *memo;         /* for the next run; NULL past MEMO_MAX_CANDLES */
} PsTreadmillData;

enum
{
  PS_TREADMILL_VALID    = 1 << 0,
  PS_TREADMILL_RECORDED = 1 << 1,
};

/* Candle i's facts, in the candles' order. */
typedef void (*PsTreadmillFactsFunc) (const PsTreadmillFacts *facts,
                                      guint                   i,
                                      gpointer                user_data);

/* previous: the memo of a run before (or NULL), whose medians and ranks
 * are taken for the candles before the first whose windows read something
 * else; the same facts either way. */
gboolean _ps_treadmill_gather        (const PsTreadmillParams *params,
                                      const PsTreadmillInput  *input,
                                      const PsTreadmillMemo   *previous,
                                      PsTreadmillData         *data,
                                      PsTreadmillFactsFunc     func,
                                      gpointer                 user_data,
                                      GCancellable            *cancellable,
                                      GError                 **error);
void     _ps_treadmill_data_clear    (PsTreadmillData         *data);

/* The phase a candle's facts give under the rules before smoothing, its
 * reasons appended to reasons; last_flush_end_ms is the end of the latest
 * flush candle before it (G_MININT64: none). strength orders a period's
 * candles (the strongest candle's reasons speak for a flush period). */
PsPhase  _ps_treadmill_classify      (const PsTreadmillParams *params,
                                      const PsTreadmillFacts  *facts,
                                      gint64                   end_ms,
                                      gint64                   last_flush_end_ms,
                                      GString                 *reasons,
                                      double                  *strength);

/* ps-treadmill-drop.c: for each of the sorted ends, the lowest of v over
 * [end, end + after_ms] against its highest over [end − before_ms, end], %. */
void     _ps_treadmill_oi_drops      (const gint64 *t,
                                      const double *v,
                                      guint         n,
                                      const gint64 *ends,
                                      guint         n_ends,
                                      gint64        before_ms,
                                      gint64        after_ms,
                                      double       *drop_pct);

/* ps-treadmill-window.c: a trailing window's values: sorted (for ranks) or only their median; rebuilt
 * when the window has moved by refresh_ms (or always while it is small, so
 * that short series are exact). */
typedef struct
{
  const gint64 *t;
  const double *v;          /* NAN: skipped */
  guint         n;
  gint64        window_ms;
  gboolean      include_end;
  gboolean      ranks;      /* keep the values sorted; else the median only */
  gint64        refresh_ms;
  gint64        cached_at;
  guint         n_rows;     /* in the window, NAN or not */
  guint         lo, hi;     /* its rows at the last rebuild */
  gboolean      stale;      /* values not yet taken from them */
  double        median;
  GArray       *values;
} PsTreadmillWindow;

void     _ps_treadmill_window_init   (PsTreadmillWindow *w,
                                      const gint64      *t,
                                      const double      *v,
                                      guint              n,
                                      gint64             window_ms,
                                      gboolean           include_end,
                                      gboolean           ranks);
/* The window ending at t_ms (a later one than the last call's). */
void     _ps_treadmill_window_update (PsTreadmillWindow *w,
                                      gint64             t_ms);
void     _ps_treadmill_window_clear  (PsTreadmillWindow *w);

/* The median of the window's values; NAN under min_count of them. */
double   _ps_treadmill_window_median (PsTreadmillWindow *w,
                                      guint              min_count);
/* The share of the window's values at or below x. */
double   _ps_treadmill_window_rank   (PsTreadmillWindow *w,
                                      double             x,
                                      guint              min_count);
/* How many values the window holds. */
guint    _ps_treadmill_window_count  (PsTreadmillWindow *w);

/* v[0 … n) sorted ascending in place; no NAN among them. */
void     _ps_treadmill_sort          (double       *v,
                                      guint         n);

/* Formatting shared with the notes. */
char    *_ps_treadmill_format_duration (gint64 ms);
char    *_ps_treadmill_format_day      (gint64 t_ms);
char    *_ps_treadmill_format_time     (gint64 t_ms);   /* "2025-10-10 20:00 UTC" */

G_END_DECLS
