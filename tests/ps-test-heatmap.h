/* ps-test-heatmap.h: a small stand-in for the heatmap model, so the render
 * tests, the demo image and the benchmark have a grid that looks like one
 * (levels at leverage distances, consumed when price trades through them)
 * before src/analysis computes the real thing. Not the model: no tiers
 * table, no taker split, a fixed decay for closing positions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <math.h>

#include "ps-heatmap.h"
#include "ps-series.h"

typedef struct
{
  PsCandles     *candles;
  PsHeatmapGrid  grid;          /* arrays owned here */
  double        *predicted[2];  /* per candle, PS_LIQ_LONG and PS_LIQ_SHORT */
  PsHeatZone     zones[4];      /* two per side at the end, largest first */
  guint          n_zones;
} DemoModel;

/* Longs below the entry, shorts above; 0.5 % maintenance. */
static const double demo_leverage[] = { 10, 25, 50, 100 };
static const double demo_weight[] = { 0.35, 0.30, 0.20, 0.15 };

static inline void
demo_add (float  *book,
          guint   n_bins,
          double  lo,
          double  hi,
          double  price,
          double  usd)
{
  double pos = (price - lo) / (hi - lo) * n_bins;
  int b = (int) floor (pos);

  /* A little spread: entries within a candle are not one price. */
  for (int d = -2; d <= 2; d++)
    if (b + d >= 0 && b + d < (int) n_bins)
      book[b + d] += (float) (usd * (d == 0 ? 0.4 : fabs ((double) d) == 1 ? 0.2 : 0.1));
}

/* The largest two bands per side in the last column, as the model's zones. */
static inline void
demo_zones (DemoModel *m)
{
  const PsHeatmapGrid *g = &m->grid;
  double w = (g->price_hi - g->price_lo) / g->n_bins;
  double close = ps_candles_close_at (m->candles, m->candles->n - 1);
  guint last = g->n_columns - 1;

  for (int side = 0; side < 2; side++)
    {
      const float *v = (side == PS_LIQ_LONG ? g->long_usd : g->short_usd) + (gsize) last * g->n_bins;
      gboolean *taken = g_new0 (gboolean, g->n_bins);

      for (guint k = 0; k < 2; k++)
        {
          int peak = -1, a, b;
          double usd = 0;

          for (guint i = 0; i < g->n_bins; i++)
            {
              double p = g->price_lo + (i + 0.5) * w;

              if (!taken[i] && ((side == PS_LIQ_LONG) == (p < close)) &&
                  (peak < 0 || v[i] > v[peak]))
                peak = (int) i;
            }
          if (peak < 0 || !(v[peak] > 0))
            break;
          for (a = peak; a > 0 && !taken[a - 1] && v[a - 1] >= 0.25 * v[peak]; a--)
            ;
          for (b = peak; b + 1 < (int) g->n_bins && !taken[b + 1] && v[b + 1] >= 0.25 * v[peak]; b++)
            ;
          for (int i = MAX (a - 3, 0); i <= MIN (b + 3, (int) g->n_bins - 1); i++)
            {
              if (i >= a && i <= b)
                usd += v[i];
              taken[i] = TRUE;
            }
          m->zones[m->n_zones++] = (PsHeatZone) {
            side, g->price_lo + a * w, g->price_lo + (b + 1) * w,
            g->price_lo + (peak + 0.5) * w, usd, g->t_ms[last], g->end_ms };
        }
      g_free (taken);
    }
}

/* n_candles from t0, step_ms apart, one column per group of them. */
static inline DemoModel *
demo_model_new (guint   n_candles,
                gint64  t0,
                gint64  step_ms,
                guint   group,
                guint   n_bins,
                guint32 seed)
{
  DemoModel *m = g_new0 (DemoModel, 1);
  GRand *rand = g_rand_new_with_seed (seed);
  PsHeatmapGrid *g = &m->grid;
  float *book[2];
  double price = 100000, drift = 0;

  m->candles = ps_candles_new (n_candles);
  g->n_columns = (n_candles + group - 1) / group;
  g->n_bins = n_bins;
  g->price_lo = price * 0.6;
  g->price_hi = price * 1.4;
  g->t_ms = g_new (gint64, g->n_columns);
  g->end_ms = t0 + (gint64) n_candles * step_ms;
  g->long_usd = g_new0 (float, (gsize) g->n_columns * n_bins);
  g->short_usd = g_new0 (float, (gsize) g->n_columns * n_bins);
  m->predicted[0] = g_new0 (double, n_candles);
  m->predicted[1] = g_new0 (double, n_candles);
  book[0] = g_new0 (float, n_bins);
  book[1] = g_new0 (float, n_bins);

  for (guint i = 0; i < n_candles; i++)
    {
      double open = price, close, high, low, typical, oi_new;
      int b0, b1;

      /* A walk with momentum: trends, then a flush or two. */
      drift = 0.97 * drift + g_rand_double_range (rand, -0.0012, 0.0012);
      close = open * (1 + drift + g_rand_double_range (rand, -0.006, 0.006));
      if (g_rand_int_range (rand, 0, 150) == 0)
        close *= g_rand_boolean (rand) ? 0.95 : 1.04;
      high = MAX (open, close) * (1 + g_rand_double_range (rand, 0, 0.004));
      low = MIN (open, close) * (1 - g_rand_double_range (rand, 0, 0.004));
      close = CLAMP (close, g->price_lo * 1.2, g->price_hi / 1.2);
      high = MAX (high, close), low = MIN (low, close);
      ps_candles_append (m->candles, t0 + (gint64) i * step_ms, open, high, low, close,
                         100, 50);
      price = close;

      /* Levels the candle traded through are liquidated. */
      b0 = MAX (0, (int) floor ((low - g->price_lo) / (g->price_hi - g->price_lo) * n_bins));
      b1 = MIN ((int) n_bins - 1,
                (int) floor ((high - g->price_lo) / (g->price_hi - g->price_lo) * n_bins));
      for (int s = 0; s < 2; s++)
        for (int b = b0; b <= b1; b++)
          {
            m->predicted[s][i] += book[s][b];
            book[s][b] = 0;
          }

      typical = (high + low + close) / 3;
      oi_new = g_rand_double_range (rand, 0, 6e7) * (1 + 3 * fabs (drift) * 100);
      for (guint t = 0; t < G_N_ELEMENTS (demo_leverage); t++)
        {
          double L = demo_leverage[t];

          demo_add (book[PS_LIQ_LONG], n_bins, g->price_lo, g->price_hi,
                    typical * (1 - 1 / L + 0.005), oi_new * 0.5 * demo_weight[t]);
          demo_add (book[PS_LIQ_SHORT], n_bins, g->price_lo, g->price_hi,
                    typical * (1 + 1 / L - 0.005), oi_new * 0.5 * demo_weight[t]);
        }
      for (int s = 0; s < 2; s++)
        for (guint b = 0; b < n_bins; b++)
          book[s][b] *= 0.995f;   /* positions closed as OI turns over */

      if ((i + 1) % group == 0 || i + 1 == n_candles)
        {
          guint c = i / group;

          g->t_ms[c] = t0 + (gint64) c * group * step_ms;
          for (guint b = 0; b < n_bins; b++)
            {
              g->long_usd[(gsize) c * n_bins + b] = book[0][b];
              g->short_usd[(gsize) c * n_bins + b] = book[1][b];
              g->max_usd = MAX (g->max_usd, MAX (book[0][b], book[1][b]));
            }
        }
    }

  g_free (book[0]);
  g_free (book[1]);
  g_rand_free (rand);
  demo_zones (m);
  return m;
}

static inline void
demo_model_free (DemoModel *m)
{
  ps_candles_unref (m->candles);
  g_free (m->grid.t_ms);
  g_free (m->grid.long_usd);
  g_free (m->grid.short_usd);
  g_free (m->predicted[0]);
  g_free (m->predicted[1]);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DemoModel, demo_model_free)
