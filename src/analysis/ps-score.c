/* ps-score.c: how good a liquidation estimate was against what happened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A candle is scored when it lies wholly in recorded time and the prediction
 * for it is a number. A zone counts for a candle when the candle opens inside
 * the zone's [from_ms, to_ms): the zone track says what the model knew before
 * those candles.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-score.h"
#include "ps-sort.h"
#include "ps-treadmill.h"

/* A value and where it stood, sorted by value (ps-sort.h): a million of
 * them per correlation, where an index sort calling back per compare was
 * two fifths of a live analysis run. */
typedef struct
{
  double v;
  guint  i;
} PsScoreRanked;

#define PS_SCORE_RANKED_LESS(a, b) ((a).v < (b).v)
PS_DEFINE_SORT (ps_score_sort_ranked, PsScoreRanked, PS_SCORE_RANKED_LESS)

/* The sorted positions [a, b) of order into rank, ties sharing the mean of
 * the ranks they span (so the order the sort leaves equal values in does
 * not show). */
static void
ps_score_rank_run (const PsScoreRanked *order,
                   guint                a,
                   guint                b,
                   double              *rank)
{
  for (guint i = a; i < b;)
    {
      guint j = i + 1;
      double mean;

      while (j < b && order[j].v == order[i].v)
        j++;
      mean = (i + 1 + j) / 2.0;   /* ranks i+1 … j */
      for (guint k = i; k < j; k++)
        rank[order[k].i] = mean;
      i = j;
    }
}

/* Ranks 1..n, ties sharing their mean rank; v finite. Most candles hold no
 * liquidation, recorded or predicted (95 % in the acceptance data): the
 * zeros are one tie, counted, not sorted; the values below and above them
 * are sorted apart. The same ranks as sorting all. */
static double *
ps_score_ranks (const double *v,
                guint         n)
{
  g_autofree PsScoreRanked *order = g_new (PsScoreRanked, MAX (n, 1));
  double *rank = g_new (double, MAX (n, 1));
  guint n_below = 0, n_above = 0, n_zero;
  double zero_rank;

  /* Below zero from the front, above it from the back. */
  for (guint i = 0; i < n; i++)
    if (v[i] < 0)
      order[n_below++] = (PsScoreRanked) { v[i], i };
    else if (v[i] > 0)
      order[n - 1 - n_above++] = (PsScoreRanked) { v[i], i };
  n_zero = n - n_below - n_above;
  ps_score_sort_ranked (order, n_below);
  ps_score_sort_ranked (order + n - n_above, n_above);

  ps_score_rank_run (order, 0, n_below, rank);
  zero_rank = (n_below + 1 + (n_below + n_zero)) / 2.0;   /* ranks n_below+1 … n_below+n_zero */
  for (guint i = 0; n_zero > 0 && i < n; i++)
    if (v[i] == 0)
      rank[i] = zero_rank;
  ps_score_rank_run (order, n - n_above, n, rank);
  return rank;
}

double
ps_rank_correlation (const double *x,
                     const double *y,
                     guint         n)
{
  g_autofree double *rx = NULL;
  g_autofree double *ry = NULL;
  double mean = (n + 1) / 2.0;
  double sxy = 0, sxx = 0, syy = 0;

  if (n < 3 || x == NULL || y == NULL)
    return NAN;
  for (guint i = 0; i < n; i++)
    if (!isfinite (x[i]) || !isfinite (y[i]))
      return NAN;   /* a NaN has no rank */

  rx = ps_score_ranks (x, n);
  ry = ps_score_ranks (y, n);
  /* Pearson over the ranks: with ties the short 1 − 6Σd²/… formula is off. */
  for (guint i = 0; i < n; i++)
    {
      double dx = rx[i] - mean;
      double dy = ry[i] - mean;

      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
  if (sxx == 0 || syy == 0)
    return NAN;
  return sxy / sqrt (sxx * syy);
}

/* Which candles lie wholly in recorded time, with a prediction to score. */
static gboolean *
ps_score_mask (const PsScoreInput *input)
{
  gboolean *scored = g_new (gboolean, input->n);

  for (guint i = 0; i < input->n; i++)
    scored[i] = isfinite (input->predicted_long[i]) && isfinite (input->predicted_short[i]);

  for (guint s = 0; input->not_recorded != NULL && s < input->not_recorded->len; s++)
    {
      const PsTreadmillSpan *span = &g_array_index (input->not_recorded, PsTreadmillSpan, s);
      guint first, last;

      if (span->to_ms <= span->from_ms)
        continue;
      /* [t, t + interval) meets [from, to) when from − interval < t < to. */
      first = ps_series_lower_bound (input->t_ms, input->n,
                                     span->from_ms - input->interval_ms + 1);
      last = ps_series_lower_bound (input->t_ms, input->n, span->to_ms);
      for (guint i = first; i < last; i++)
        scored[i] = FALSE;
    }
  return scored;
}

static inline double
ps_score_event_price (const PsLiquidations *liq,
                      guint                 e)
{
  return isfinite (liq->avg_price[e]) ? liq->avg_price[e] : liq->price[e];
}

/* The events of candle i: [*first, *last). */
/* Each candle's events [first, last): events[2 i], events[2 i + 1]. One
 * walk of both sorted series, where a bisection per candle and caller was a
 * tenth of a live run at a million candles; the same bounds. */
static guint *
ps_score_events_new (const PsScoreInput *input)
{
  const PsLiquidations *liq = input->liquidations;
  guint *events = g_new0 (guint, 2 * (gsize) MAX (input->n, 1));
  guint first = 0, last = 0;

  for (guint i = 0; liq != NULL && i < input->n; i++)
    {
      /* Candles rise in time; a step back (not expected) starts the walk again. */
      if (i > 0 && input->t_ms[i] < input->t_ms[i - 1])
        first = last = 0;
      while (first < liq->n && liq->t_ms[first] < input->t_ms[i])
        first++;
      if (last < first)
        last = first;
      while (last < liq->n && liq->t_ms[last] < input->t_ms[i] + input->interval_ms)
        last++;
      events[2 * i] = first;
      events[2 * i + 1] = last;
    }
  return events;
}

static inline void
ps_score_candle_events (const guint *events,
                        guint        i,
                        guint       *first,
                        guint       *last)
{
  *first = events[2 * i];
  *last = events[2 * i + 1];
}

static gboolean
ps_score_zone_usable (const PsHeatZone *z)
{
  return isfinite (z->price_lo) && isfinite (z->price_hi) && z->price_lo <= z->price_hi &&
         z->from_ms < z->to_ms;
}

static gboolean
ps_score_event_in_zone (const PsLiquidations *liq,
                        guint                 e,
                        const PsHeatZone     *z)
{
  double p = ps_score_event_price (liq, e);

  return liq->side[e] == z->side && p >= z->price_lo && p <= z->price_hi;
}

/* Of the zones price traded through in scored candles, which held recorded
 * liquidations of their side in such a candle. */
static void
ps_score_zones_crossed (const PsScoreInput *input,
                        const gboolean     *scored,
                        const guint        *events,
                        PsScore            *score)
{
  for (guint z = 0; input->zones != NULL && z < input->zones->len; z++)
    {
      const PsHeatZone *zone = &g_array_index (input->zones, PsHeatZone, z);
      gboolean crossed = FALSE, hit = FALSE;
      guint c0, c1;

      if (!ps_score_zone_usable (zone))
        continue;
      c0 = ps_series_lower_bound (input->t_ms, input->n, zone->from_ms);
      c1 = ps_series_lower_bound (input->t_ms, input->n, zone->to_ms);
      for (guint c = c0; c < c1 && !hit; c++)
        {
          guint e0, e1;

          if (!scored[c] || !(input->low[c] <= zone->price_hi && input->high[c] >= zone->price_lo))
            continue;
          crossed = TRUE;
          ps_score_candle_events (events, c, &e0, &e1);
          for (guint e = e0; e < e1 && !hit; e++)
            hit = ps_score_event_in_zone (input->liquidations, e, zone);
        }
      score->zones_crossed += crossed;
      score->zones_hit += hit;
    }
}

typedef struct
{
  const GArray *zones;
  guint        *by_from;    /* usable zones, by from_ms */
  gint64       *from_ms;    /* their from_ms, for the bisection */
  guint         n;
  guint64       max_span;   /* the longest to − from: how far back to look */
} PsZoneIndex;

static int
ps_score_zone_from_compare (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data)
{
  const GArray *zones = user_data;
  gint64 x = g_array_index (zones, PsHeatZone, *(const guint *) a).from_ms;
  gint64 y = g_array_index (zones, PsHeatZone, *(const guint *) b).from_ms;

  return (x > y) - (x < y);
}

static void
ps_zone_index_init (PsZoneIndex  *index,
                    const GArray *zones)
{
  guint len = zones != NULL ? zones->len : 0;

  memset (index, 0, sizeof *index);
  index->zones = zones;
  index->by_from = g_new (guint, len);
  index->from_ms = g_new (gint64, len);
  for (guint z = 0; z < len; z++)
    {
      const PsHeatZone *zone = &g_array_index (zones, PsHeatZone, z);

      if (!ps_score_zone_usable (zone))
        continue;
      index->by_from[index->n++] = z;
      index->max_span = MAX (index->max_span, (guint64) zone->to_ms - (guint64) zone->from_ms);
    }
  g_qsort_with_data (index->by_from, index->n, sizeof (guint), ps_score_zone_from_compare,
                     (gpointer) zones);
  for (guint k = 0; k < index->n; k++)
    index->from_ms[k] = g_array_index (zones, PsHeatZone, index->by_from[k]).from_ms;
}

static void
ps_zone_index_clear (PsZoneIndex *index)
{
  g_clear_pointer (&index->by_from, g_free);
  g_clear_pointer (&index->from_ms, g_free);
}

/* The zones that may hold at t: [*lo, *hi) of by_from (check to_ms > t). */
static void
ps_zone_index_around (const PsZoneIndex *index,
                      gint64             t,
                      guint             *lo,
                      guint             *hi)
{
  gint64 oldest = (guint64) t - G_MININT64 <= index->max_span
                  ? G_MININT64 : (gint64) ((guint64) t - index->max_span);

  *hi = ps_series_lower_bound (index->from_ms, index->n, t == G_MAXINT64 ? t : t + 1);
  *lo = ps_series_lower_bound (index->from_ms, index->n, oldest);
}

/* Whether event e lay in a zone of its side that was known at its time. */
static gboolean
ps_zone_index_holds (const PsZoneIndex    *index,
                     const PsLiquidations *liq,
                     guint                 e)
{
  gint64 t = liq->t_ms[e];
  guint lo, hi;

  ps_zone_index_around (index, t, &lo, &hi);
  for (guint k = lo; k < hi; k++)
    {
      const PsHeatZone *zone = &g_array_index (index->zones, PsHeatZone, index->by_from[k]);

      if (t < zone->to_ms && ps_score_event_in_zone (liq, e, zone))
        return TRUE;
    }
  return FALSE;
}

static int
ps_score_span_compare (gconstpointer a,
                       gconstpointer b)
{
  double x = ((const double *) a)[0], y = ((const double *) b)[0];

  return (x > y) - (x < y);
}

/* The share of [low, high] that the zones of side known at t cover, overlaps
 * counted once; of a candle without range, 1 when a zone holds its price.
 * spans: scratch, pairs of doubles. */
static double
ps_zone_index_coverage (const PsZoneIndex *index,
                        gint64             t,
                        PsLiqSide          side,
                        double             low,
                        double             high,
                        GArray            *spans)
{
  double covered = 0, end = -INFINITY;
  guint lo, hi;

  g_array_set_size (spans, 0);
  if (!(isfinite (low) && isfinite (high) && low <= high))
    return 0;
  ps_zone_index_around (index, t, &lo, &hi);
  for (guint k = lo; k < hi; k++)
    {
      const PsHeatZone *zone = &g_array_index (index->zones, PsHeatZone, index->by_from[k]);
      double span[2] = { MAX (zone->price_lo, low), MIN (zone->price_hi, high) };

      if (zone->side != side || t >= zone->to_ms || span[0] > span[1])
        continue;
      if (low == high)
        return 1;
      g_array_append_val (spans, span);
    }
  if (low == high)
    return 0;
  g_array_sort (spans, ps_score_span_compare);
  for (guint k = 0; k < spans->len; k++)
    {
      const double *span = &g_array_index (spans, double, 2 * k);

      if (span[1] > end)
        {
          covered += span[1] - MAX (span[0], end);
          end = span[1];
        }
    }
  return covered / (high - low);
}

/* The recorded USD inside zones, and what their width would give by chance:
 * were each candle's events anywhere in its traded range alike, the zones
 * would hold the share of that range they cover. */
static void
ps_score_share (const PsScoreInput *input,
                const gboolean     *scored,
                const guint        *events,
                PsScore            *score)
{
  const PsLiquidations *liq = input->liquidations;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, 2 * sizeof (double));
  double coverage_sum = 0;
  guint n_scored = 0;
  PsZoneIndex index;

  ps_zone_index_init (&index, input->zones);
  for (guint c = 0; c < input->n; c++)
    {
      double cover[2];
      guint e0, e1;

      if (!scored[c])
        continue;
      if (input->coverage != NULL)
        cover[0] = input->coverage[2 * c], cover[1] = input->coverage[2 * c + 1];
      else
        for (int side = PS_LIQ_LONG; side <= PS_LIQ_SHORT; side++)
          cover[side == PS_LIQ_SHORT] = ps_zone_index_coverage (&index, input->t_ms[c], side,
                                                                input->low[c], input->high[c],
                                                                spans);
      coverage_sum += (cover[0] + cover[1]) / 2;
      n_scored++;
      ps_score_candle_events (events, c, &e0, &e1);
      for (guint e = e0; e < e1; e++)
        {
          if (!isfinite (liq->usd[e]) || liq->usd[e] <= 0)
            continue;
          score->recorded_usd += liq->usd[e];
          score->expected_usd_in_zones += liq->usd[e] * cover[liq->side[e] == PS_LIQ_SHORT];
          if (ps_zone_index_holds (&index, liq, e))
            score->recorded_usd_in_zones += liq->usd[e];
        }
    }
  ps_zone_index_clear (&index);
  score->zone_price_share = n_scored > 0 ? coverage_sum / n_scored : NAN;
}

double *
ps_score_coverage_new (const PsScoreInput *input)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, 2 * sizeof (double));
  double *coverage;
  PsZoneIndex index;

  g_return_val_if_fail (input != NULL, NULL);

  coverage = g_new (double, 2 * (gsize) MAX (input->n, 1));
  ps_zone_index_init (&index, input->zones);
  for (guint c = 0; c < input->n; c++)
    for (int side = PS_LIQ_LONG; side <= PS_LIQ_SHORT; side++)
      coverage[2 * c + (side == PS_LIQ_SHORT)] =
        ps_zone_index_coverage (&index, input->t_ms[c], side, input->low[c], input->high[c],
                                spans);
  ps_zone_index_clear (&index);
  return coverage;
}

/* Rank correlations per side and pooled, over the scored candles. */
static void
ps_score_ranks_per_side (const PsScoreInput *input,
                         const gboolean     *scored,
                         const guint        *events,
                         PsScore            *score)
{
  g_autofree double *pred = g_new (double, 2 * (gsize) input->n);
  g_autofree double *rec = g_new (double, 2 * (gsize) input->n);
  guint m = 0;

  for (guint c = 0; c < input->n; c++)
    {
      guint e0, e1;

      if (!scored[c])
        continue;
      pred[m] = input->predicted_long[c];
      pred[input->n + m] = input->predicted_short[c];
      rec[m] = rec[input->n + m] = 0;
      ps_score_candle_events (events, c, &e0, &e1);
      for (guint e = e0; e < e1; e++)
        if (isfinite (input->liquidations->usd[e]))
          rec[(input->liquidations->side[e] == PS_LIQ_LONG ? 0 : input->n) + m] +=
            input->liquidations->usd[e];
      m++;
    }
  score->n_scored = m;
  score->rank_corr_long = ps_rank_correlation (pred, rec, m);
  score->rank_corr_short = ps_rank_correlation (pred + input->n, rec + input->n, m);
  /* Pooled: the short half moved up against the long one. */
  memmove (pred + m, pred + input->n, m * sizeof (double));
  memmove (rec + m, rec + input->n, m * sizeof (double));
  score->rank_corr = ps_rank_correlation (pred, rec, 2 * m);
}

void
ps_score_compute (const PsScoreInput *input,
                  PsScore            *score)
{
  g_autofree gboolean *scored = NULL;
  g_autofree guint *events = NULL;

  g_return_if_fail (input != NULL);
  g_return_if_fail (score != NULL);
  g_return_if_fail (input->n == 0 || (input->t_ms != NULL && input->high != NULL &&
                                      input->low != NULL && input->predicted_long != NULL &&
                                      input->predicted_short != NULL));

  memset (score, 0, sizeof *score);
  if (input->interval_ms <= 0)
    {
      g_critical ("%s: interval_ms must be positive", G_STRFUNC);
      score->rank_corr_long = score->rank_corr_short = score->rank_corr = NAN;
      score->hit_rate = score->share_in_zones = NAN;
      score->zone_price_share = score->lift = NAN;
      return;
    }

  scored = ps_score_mask (input);
  events = ps_score_events_new (input);
  if (input->liquidations != NULL)
    {
      ps_score_ranks_per_side (input, scored, events, score);
      ps_score_zones_crossed (input, scored, events, score);
    }
  else
    {
      /* Nothing recorded at all: nothing to score against. */
      score->rank_corr_long = score->rank_corr_short = score->rank_corr = NAN;
      for (guint c = 0; c < input->n; c++)
        score->n_scored += scored[c];
    }
  ps_score_share (input, scored, events, score);
  score->hit_rate = score->zones_crossed > 0
                    ? (double) score->zones_hit / score->zones_crossed : NAN;
  score->share_in_zones = score->recorded_usd > 0
                          ? score->recorded_usd_in_zones / score->recorded_usd : NAN;
  score->lift = score->expected_usd_in_zones > 0
                ? score->recorded_usd_in_zones / score->expected_usd_in_zones : NAN;
}

void
ps_score_input_clear (PsScoreInput *input)
{
  g_return_if_fail (input != NULL);

  g_clear_pointer (&input->owned_high, g_free);
  g_clear_pointer (&input->owned_low, g_free);
  input->zones = NULL;
  input->high = input->low = NULL;
}

typedef enum
{
  PS_SCORE_PLAIN,     /* 0.41 */
  PS_SCORE_PERCENT,   /* 41 % */
  PS_SCORE_TIMES,     /* 2.50× */
} PsScoreFormat;

/* The verdict's measures, the larger the better for each. Not the share of
 * recorded USD in zones: it grows with the zones' width, which lift divides
 * out. */
static const struct {
  const char   *name;
  gsize         offset;
  PsScoreFormat format;
} ps_score_measures[] = {
  { N_("rank correlation"), G_STRUCT_OFFSET (PsScore, rank_corr), PS_SCORE_PLAIN },
  { N_("zone hits"), G_STRUCT_OFFSET (PsScore, hit_rate), PS_SCORE_PERCENT },
  { N_("lift of recorded USD in zones"), G_STRUCT_OFFSET (PsScore, lift), PS_SCORE_TIMES },
};
#define N_MEASURES G_N_ELEMENTS (ps_score_measures)

static double
ps_score_measure (const PsScore *score,
                  guint          m)
{
  return G_STRUCT_MEMBER (double, score, ps_score_measures[m].offset);
}

static char *
ps_score_format_value (double        v,
                       PsScoreFormat format)
{
  if (!isfinite (v))
    return g_strdup (_("n/a"));
  if (fabs (v) < 0.005)
    v = 0;   /* no "-0.00" */
  switch (format)
    {
    case PS_SCORE_PERCENT:
      return g_strdup_printf ("%.0f %%", 100 * v);
    case PS_SCORE_TIMES:
      /* Translators: a lift, "2.50×": so many times what chance gives */
      return g_strdup_printf (_("%.2f×"), v);
    case PS_SCORE_PLAIN:
    default:
      return g_strdup_printf ("%.2f", v);
    }
}

/* "rank correlation (0.41 vs 0.12 uniform, 0.08 round numbers)" */
static char *
ps_score_format_measure (const PsScore *model,
                         const PsScore *uniform,
                         const PsScore *round,
                         guint          m)
{
  PsScoreFormat f = ps_score_measures[m].format;
  g_autofree char *a = ps_score_format_value (ps_score_measure (model, m), f);
  g_autofree char *b = ps_score_format_value (ps_score_measure (uniform, m), f);
  g_autofree char *c = ps_score_format_value (ps_score_measure (round, m), f);

  /* Translators: a measure, then the model's value vs the two baselines' */
  return g_strdup_printf (_("%s (%s vs %s uniform, %s round numbers)"),
                          _(ps_score_measures[m].name), a, b, c);
}

/* "a", "a and b", "a, b and c" */
static char *
ps_score_join (GPtrArray *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == items->len ? _(" and ") : ", ");
      g_string_append (out, g_ptr_array_index (items, i));
    }
  return g_string_free (out, FALSE);
}

typedef enum
{
  PS_VERDICT_UNSCORED,       /* the model, or both baselines, without a value */
  PS_VERDICT_WINS,           /* beats both baselines */
  PS_VERDICT_UNIFORM_ONLY,   /* beats uniform; round wins, ties or has no value */
  PS_VERDICT_ROUND_ONLY,     /* beats round numbers; uniform wins, ties or has no value */
  PS_VERDICT_LOSES,          /* beats no baseline that has a value */
  PS_N_VERDICTS
} PsVerdictClass;

static PsVerdictClass
ps_score_classify (double model,
                   double uniform,
                   double round)
{
  gboolean over_uniform = isfinite (uniform) && model > uniform;
  gboolean over_round = isfinite (round) && model > round;

  if (!isfinite (model) || (!isfinite (uniform) && !isfinite (round)))
    return PS_VERDICT_UNSCORED;
  if (over_uniform && over_round)
    return PS_VERDICT_WINS;
  if (over_uniform)
    return PS_VERDICT_UNIFORM_ONLY;
  return over_round ? PS_VERDICT_ROUND_ONLY : PS_VERDICT_LOSES;
}

/* The sentences, from the measures grouped by PsVerdictClass. */
static GString *
ps_score_verdict_text (GPtrArray **group)
{
  GPtrArray *unscored = group[PS_VERDICT_UNSCORED];
  g_autofree char *wins = ps_score_join (group[PS_VERDICT_WINS]);
  g_autofree char *loses = ps_score_join (group[PS_VERDICT_LOSES]);
  g_autofree char *over_uniform = ps_score_join (group[PS_VERDICT_UNIFORM_ONLY]);
  g_autofree char *over_round = ps_score_join (group[PS_VERDICT_ROUND_ONLY]);
  g_autofree char *nothing = ps_score_join (unscored);
  gboolean some = *over_uniform != '\0' || *over_round != '\0';
  GString *out = g_string_new (NULL);

  if (unscored->len == N_MEASURES)
    {
      g_string_append (out, _("Not enough recorded liquidations to score."));
      return out;
    }

  if (*wins == '\0' && !some)
    g_string_append_printf (out, _("The model does not beat the baselines on this window. "
                                   "Measured: %s."), loses);
  else if (*wins != '\0' && *loses != '\0')
    g_string_append_printf (out, _("The model beats both baselines on %s but not on %s."),
                            wins, loses);
  else if (*wins != '\0')
    g_string_append_printf (out, _("The model beats both baselines on %s."), wins);
  else if (*loses != '\0')
    g_string_append_printf (out, _("The model does not beat the baselines on %s."), loses);

  if (*over_uniform != '\0')
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, _("The model beats only the uniform baseline on %s."),
                              over_uniform);
    }
  if (*over_round != '\0')
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, _("The model beats only the round-number baseline on %s."),
                              over_round);
    }
  if (unscored->len > 0)
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out, _("Not enough recorded liquidations to score %s."), nothing);
    }
  return out;
}

char *
ps_score_verdict (const PsScore *model,
                  const PsScore *uniform,
                  const PsScore *round)
{
  GPtrArray *group[PS_N_VERDICTS];
  GString *out;

  g_return_val_if_fail (model != NULL && uniform != NULL && round != NULL, NULL);

  for (guint g = 0; g < G_N_ELEMENTS (group); g++)
    group[g] = g_ptr_array_new_with_free_func (g_free);
  for (guint m = 0; m < N_MEASURES; m++)
    {
      PsVerdictClass c = ps_score_classify (ps_score_measure (model, m),
                                            ps_score_measure (uniform, m),
                                            ps_score_measure (round, m));

      g_ptr_array_add (group[c], c == PS_VERDICT_UNSCORED
                                 ? g_strdup (_(ps_score_measures[m].name))
                                 : ps_score_format_measure (model, uniform, round, m));
    }

  out = ps_score_verdict_text (group);
  if (isfinite (model->lift) && model->lift > 1 && model->zones_hit < 3)
    {
      /* A lift is a ratio: over one or two zones it is one or two events. */
      g_string_append_c (out, ' ');
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "The model’s lift rests on %u zone hit: thin "
                                                "evidence.",
                                                "The model’s lift rests on %u zone hits: thin "
                                                "evidence.", model->zones_hit),
                              model->zones_hit);
    }
  if (isfinite (model->lift) && model->lift <= 1)
    {
      g_autofree char *lift = ps_score_format_value (model->lift, PS_SCORE_TIMES);

      /* Whatever the baselines did: said plainly. */
      g_string_append_c (out, ' ');
      g_string_append_printf (out, _("The model’s zones held no more recorded USD than their "
                                     "width gives by chance (lift %s)."), lift);
    }
  for (guint g = 0; g < G_N_ELEMENTS (group); g++)
    g_ptr_array_unref (group[g]);
  return g_string_free (out, FALSE);
}
