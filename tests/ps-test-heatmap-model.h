/* ps-test-heatmap-model.h: what the heatmap tests share: candles and open
 * interest made up, by hand or as a walk, and heatmaps compared
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>

#include "ps-heatmap.h"
#include "ps-test-util.h"

#define MIN_MS  60000
#define M       0.004      /* Binance's maintenance rate for 10 000 USD */

/* Candle and OI builders */

static inline void
add_candle (PsCandles *c,
            gint64     t_ms,
            double     high,
            double     low,
            double     close,
            double     volume,
            double     taker_buy)
{
  ps_candles_append (c, t_ms, close, high, low, close, volume, taker_buy);
}

static inline void
one_tier (PsHeatmapParams *params,
          double           leverage)
{
  ps_heatmap_params_init (params);
  params->n_tiers = 1;
  params->leverage[0] = leverage;
  params->weight[0] = 1;
  params->max_columns = 0;
}

static inline PsHeatmap *
compute_ok (const PsHeatmapParams *params,
            PsCandles             *candles,
            PsOpenInterest        *oi)
{
  PsHeatmapInput input = { candles, oi };
  g_autoptr(GError) error = NULL;
  PsHeatmap *heatmap = ps_heatmap_compute (params, &input, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (heatmap);
  return heatmap;
}

/* The bin the model files price under, computed here by hand. */
static inline guint
bin_of (const PsHeatmapGrid *grid,
        double               price)
{
  double inv_w = grid->n_bins / (grid->price_hi - grid->price_lo);

  return (guint) floor ((price - grid->price_lo) * inv_w);
}

static inline double
column_sum (const PsHeatmapGrid *grid,
            const float         *values,
            guint                column)
{
  double sum = 0;

  for (guint b = 0; b < grid->n_bins; b++)
    sum += values[column * grid->n_bins + b];
  return sum;
}

static inline gboolean
notes_mention (const PsHeatmap *heatmap,
               const char      *words)
{
  const char * const *notes = ps_heatmap_get_notes (heatmap);

  for (guint i = 0; notes[i] != NULL; i++)
    if (strstr (notes[i], words) != NULL)
      return TRUE;
  return FALSE;
}

/* Synthetic minutes: a walk around 100 inside the first candle's range, open
 * interest rising and falling, taker volume on most candles. */
static inline void
make_walk (guint            n,
           guint            oi_every,
           PsCandles      **candles,
           PsOpenInterest **oi)
{
  GRand *rand = g_rand_new_with_seed (11);
  double price = 100, value = 1e6;

  *candles = ps_candles_new (n);
  *oi = ps_open_interest_new (n);
  for (guint i = 0; i < n; i++)
    {
      double close = price * (1 + g_rand_double_range (rand, -0.004, 0.004));
      double high = MAX (price, close) * (1 + g_rand_double_range (rand, 0, 0.002));
      double low = MIN (price, close) * (1 - g_rand_double_range (rand, 0, 0.002));
      double volume = g_rand_double_range (rand, 1, 100);

      close = CLAMP (close, 90, 110);
      high = CLAMP (high, close, 110);
      low = CLAMP (low, 90, close);
      if (i == 0)
        {
          high = 111;
          low = 89;
        }
      ps_candles_append (*candles, (gint64) i * MIN_MS, price, high, low, close, volume,
                         i % 7 == 3 ? NAN : volume * g_rand_double (rand));
      price = close;
    }
  for (guint i = 0; i <= n; i += oi_every)
    {
      ps_open_interest_append (*oi, (gint64) i * MIN_MS, NAN, value);
      value *= 1 + g_rand_double_range (rand, -0.01, 0.012);
    }
  g_rand_free (rand);
}

static inline void
assert_same (const PsHeatmap *a,
             const PsHeatmap *b)
{
  const PsHeatmapGrid *ga = ps_heatmap_get_grid (a), *gb = ps_heatmap_get_grid (b);
  const char * const *na = ps_heatmap_get_notes (a), * const *nb = ps_heatmap_get_notes (b);
  guint n = ps_heatmap_get_n_candles (a);

  g_assert_cmpuint (n, ==, ps_heatmap_get_n_candles (b));
  for (int side = PS_LIQ_LONG; side <= PS_LIQ_SHORT; side++)
    for (guint i = 0; i < n; i++)
      g_assert_cmpfloat_with_epsilon (ps_heatmap_get_predicted (a, side)[i],
                                      ps_heatmap_get_predicted (b, side)[i],
                                      1e-6 * MAX (1, fabs (ps_heatmap_get_predicted (b, side)[i])));
  g_assert_cmpuint (ga->n_columns, ==, gb->n_columns);
  g_assert_cmpuint (ga->n_bins, ==, gb->n_bins);
  g_assert_cmpfloat (ga->price_lo, ==, gb->price_lo);
  g_assert_cmpint (ga->end_ms, ==, gb->end_ms);
  g_assert_cmpfloat_with_epsilon (ga->max_usd, gb->max_usd, 1e-6 * gb->max_usd);
  for (guint col = 0; col < ga->n_columns; col++)
    g_assert_cmpint (ga->t_ms[col], ==, gb->t_ms[col]);
  for (gsize k = 0; k < (gsize) ga->n_columns * ga->n_bins; k++)
    {
      g_assert_cmpfloat_with_epsilon (ga->long_usd[k], gb->long_usd[k],
                                      1e-6 * MAX (1, gb->long_usd[k]));
      g_assert_cmpfloat_with_epsilon (ga->short_usd[k], gb->short_usd[k],
                                      1e-6 * MAX (1, gb->short_usd[k]));
    }
  g_assert_cmpuint (g_strv_length ((char **) na), ==, g_strv_length ((char **) nb));
  for (guint i = 0; na[i] != NULL; i++)
    g_assert_cmpstr (na[i], ==, nb[i]);
}

/* Two zones field by field (the struct has padding): the same. */
static inline void
assert_same_zone (const PsHeatZone *a,
                  const PsHeatZone *b)
{
  g_assert_cmpint (a->side, ==, b->side);
  g_assert_cmpfloat (a->price_lo, ==, b->price_lo);
  g_assert_cmpfloat (a->price_hi, ==, b->price_hi);
  g_assert_cmpfloat (a->price_peak, ==, b->price_peak);
  g_assert_cmpfloat (a->usd, ==, b->usd);
  g_assert_cmpint (a->from_ms, ==, b->from_ms);
  g_assert_cmpint (a->to_ms, ==, b->to_ms);
}
