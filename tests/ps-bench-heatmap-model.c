/* ps-bench-heatmap-model.c: the liquidation heatmap over a year of 1m candles,
 * beside a straightforward reference that touches every bin per candle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "ps-bench-private.h"
#include "ps-heatmap.h"

/* Single-candle extends timed for the median: few enough that the first
 * heatmap groups candles into columns as the whole year does (257 a column). */
#define N_EXTEND 1000

static double
mono_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* n 1m candles from T0 on a walk kept within 60k–110k, ranges of a few
 * hundredths of a percent with an occasional wide candle; open interest
 * rising and falling by a few hundredths of a percent a minute around 8
 * billion USD (also ps-bench-analysis.c). */
void
bench_make_walk (guint            n,
                 PsCandles      **candles,
                 PsOpenInterest **oi)
{
  GRand *rand = g_rand_new_with_seed (2025);
  double price = 85000, value = 8e9, drift = 0;

  *candles = ps_candles_new (n);
  *oi = ps_open_interest_new (n + 1);
  for (guint i = 0; i < n; i++)
    {
      double wide = g_rand_int_range (rand, 0, 500) == 0 ? 8 : 1;
      double close = price * (1 + wide * g_rand_double_range (rand, -0.0012, 0.0012));
      double high = MAX (price, close) * (1 + wide * g_rand_double_range (rand, 0, 0.0006));
      double low = MIN (price, close) * (1 - wide * g_rand_double_range (rand, 0, 0.0006));
      double volume = g_rand_double_range (rand, 5, 400);

      if (close > 110000 || close < 60000)
        close = price;
      high = MAX (high, close);
      low = MIN (low, close);
      ps_candles_append (*candles, T0 + (gint64) i * MINUTE, price, high, low, close, volume,
                         volume * g_rand_double_range (rand, 0.3, 0.7));
      price = close;

      if (i % 1440 == 0)
        drift = g_rand_double_range (rand, -0.0001, 0.0001);
      ps_open_interest_append (*oi, T0 + (gint64) i * MINUTE, NAN, value);
      value *= 1 + drift + g_rand_double_range (rand, -0.0006, 0.0006);
    }
  ps_open_interest_append (*oi, T0 + (gint64) n * MINUTE, NAN, value);
  g_rand_free (rand);
}

/* The model as written first: plain USD bins, every bin scaled when open
 * interest falls and every bin looked at for consumption. Same grid, same
 * columns, same open interest at each candle's end. */
static void
reference_heatmap (const PsHeatmap      *ours,
                   const PsCandles      *c,
                   const PsOpenInterest *oi,
                   double               *total_long,
                   double               *total_short)
{
  const PsHeatmapParams *params = ps_heatmap_get_params (ours);
  const PsHeatmapGrid *grid = ps_heatmap_get_grid (ours);
  guint n_bins = grid->n_bins;
  double inv_w = n_bins / (grid->price_hi - grid->price_lo);
  double m = ps_binance_maint_rate (params->position_usd), sum = 0;
  double *lb = g_new0 (double, n_bins), *sb = g_new0 (double, n_bins);
  guint k = (c->n + grid->n_columns - 1) / grid->n_columns;
  float *cols = g_new (float, (gsize) 2 * n_bins * grid->n_columns);
  double weight[PS_HEATMAP_MAX_TIERS];
  gint64 dt = c->t_ms[1] - c->t_ms[0];
  double prev = oi->usd[0];
  guint j = 0;

  for (guint t = 0; t < params->n_tiers; t++)
    sum += params->weight[t];
  for (guint t = 0; t < params->n_tiers; t++)
    weight[t] = params->weight[t] / sum;
  *total_long = *total_short = 0;

  for (guint i = 0; i < c->n; i++)
    {
      gint64 end = c->t_ms[i] + dt;
      int kl = (int) floor ((ps_candles_low_at (c, i) - grid->price_lo) * inv_w);
      int kh = (int) floor ((ps_candles_high_at (c, i) - grid->price_lo) * inv_w);
      double now;

      while (j + 1 < oi->n && oi->t_ms[j + 1] <= end)
        j++;
      now = j + 1 < oi->n ? oi->usd[j] + (oi->usd[j + 1] - oi->usd[j]) *
                            (double) (end - oi->t_ms[j]) / (double) (oi->t_ms[j + 1] - oi->t_ms[j])
                          : oi->usd[j];
      for (guint b = 0; b < n_bins; b++)
        {
          if ((int) b >= kl)
            {
              *total_long += lb[b];
              lb[b] = 0;
            }
          if ((int) b <= kh)
            {
              *total_short += sb[b];
              sb[b] = 0;
            }
        }
      if (now < prev)
        for (guint b = 0; b < n_bins; b++)
          {
            lb[b] *= now / prev;
            sb[b] *= now / prev;
          }
      else if (now > prev)
        {
          double p = (ps_candles_high_at (c, i) + ps_candles_low_at (c, i) +
                      ps_candles_close_at (c, i)) / 3;
          double share = ps_candles_taker_buy_at (c, i) / ps_candles_volume_at (c, i);

          for (guint t = 0; t < params->n_tiers; t++)
            {
              double l = p * (1 - 1 / params->leverage[t] + m);
              double s = p * (1 + 1 / params->leverage[t] - m);
              int bl = (int) CLAMP (floor ((l - grid->price_lo) * inv_w), 0, n_bins - 1);
              int bs = (int) CLAMP (floor ((s - grid->price_lo) * inv_w), 0, n_bins - 1);

              lb[bl] += (now - prev) * share * weight[t];
              sb[bs] += (now - prev) * (1 - share) * weight[t];
            }
        }
      prev = now;
      if ((i + 1) % k == 0 || i + 1 == c->n)
        {
          float *col = cols + (gsize) 2 * n_bins * (i / k);

          for (guint b = 0; b < n_bins; b++)
            {
              col[b] = (float) lb[b];
              col[n_bins + b] = (float) sb[b];
            }
        }
    }
  g_free (lb);
  g_free (sb);
  g_free (cols);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
total (const PsHeatmap *heatmap,
       PsLiqSide        side)
{
  const double *predicted = ps_heatmap_get_predicted (heatmap, side);
  double sum = 0;

  for (guint i = 0; i < ps_heatmap_get_n_candles (heatmap); i++)
    sum += predicted[i];
  return sum;
}

/* The last N_EXTEND candles one at a time onto a heatmap of the ones
 * before, as new candles arrive; median per extend. */
static void
bench_extend (const PsHeatmapParams *params,
              const PsCandles       *all,
              const PsOpenInterest  *all_oi,
              const PsHeatmap       *full)
{
  PsCandles view = *all;
  PsOpenInterest oi_view = *all_oi;
  PsHeatmapInput input = { &view, &oi_view };
  g_autoptr(PsHeatmap) heatmap = NULL;
  g_autoptr(GError) error = NULL;
  double *times = g_new (double, N_EXTEND);
  double t, cpu, copy_s;
  guint n_ok = 0;

  view.n = all->n - N_EXTEND;
  oi_view.n = view.n + 1;
  heatmap = ps_heatmap_compute (params, &input, NULL, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < N_EXTEND; k++)
    {
      view.n++;
      oi_view.n++;
      t = mono_s ();
      n_ok += ps_heatmap_extend (heatmap, &input);
      times[k] = mono_s () - t;
    }
  qsort (times, N_EXTEND, sizeof (double), compare_double);
  g_print ("%-34s %9.1f us median, %.1f us 90th percentile, %.1f us max over %u  "
           "(target < 1 ms: %s); %u of %u extended\n",
           "heatmap: extend by one candle", times[N_EXTEND / 2] * 1e6,
           times[N_EXTEND * 9 / 10] * 1e6, times[N_EXTEND - 1] * 1e6, N_EXTEND,
           times[N_EXTEND / 2] < 1e-3 ? "met" : "MISSED", n_ok, N_EXTEND);
  g_print ("%-34s predicted long %.6g vs %.6g USD, short %.6g vs %.6g USD\n",
           "  extended vs computed at once", total (heatmap, PS_LIQ_LONG),
           total (full, PS_LIQ_LONG), total (heatmap, PS_LIQ_SHORT), total (full, PS_LIQ_SHORT));

  /* What PsAnalysis does around each extend: a copy, so readers keep theirs. */
  t = mono_s ();
  cpu = cpu_s ();
  for (guint k = 0; k < 20; k++)
    ps_heatmap_unref (ps_heatmap_copy (heatmap));
  copy_s = (mono_s () - t) / 20;
  cpu = (cpu_s () - cpu) / 20;
  g_print ("%-34s %9.2f ms, thread CPU %.2f ms (the grid: %u x %u floats per side)\n",
           "  ps_heatmap_copy", copy_s * 1e3, cpu * 1e3, ps_heatmap_get_grid (heatmap)->n_columns,
           ps_heatmap_get_grid (heatmap)->n_bins);
  g_free (times);
}

void
bench_heatmap (void)
{
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(PsHeatmap) heatmap = NULL;
  g_autoptr(GError) error = NULL;
  PsHeatmapInput input;
  PsHeatmapParams params;
  double runs[5], cpu[5], ref_s, ref_long, ref_short, ours_long, ours_short;

  bench_make_walk (N_YEAR, &candles, &oi);
  input = (PsHeatmapInput) { candles, oi };
  ps_heatmap_params_init (&params);

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      double t = mono_s (), c = cpu_s ();

      g_clear_pointer (&heatmap, ps_heatmap_unref);
      heatmap = ps_heatmap_compute (&params, &input, NULL, &error);
      g_assert_no_error (error);
      runs[r] = mono_s () - t;
      cpu[r] = cpu_s () - c;
    }
  qsort (runs, G_N_ELEMENTS (runs), sizeof (double), compare_double);
  qsort (cpu, G_N_ELEMENTS (cpu), sizeof (double), compare_double);

  {
    double t = mono_s ();

    reference_heatmap (heatmap, candles, oi, &ref_long, &ref_short);
    ref_s = mono_s () - t;
  }
  ours_long = total (heatmap, PS_LIQ_LONG);
  ours_short = total (heatmap, PS_LIQ_SHORT);

  report_limit ("heatmap: 525,600 1m x 1000 bins", runs[2], ref_s, candles->n, 0.2);
  g_print ("%-34s median of %u, fastest %.1f ms; thread CPU %.1f ms; %u columns\n", "",
           (guint) G_N_ELEMENTS (runs), runs[0] * 1e3, cpu[2] * 1e3,
           ps_heatmap_get_grid (heatmap)->n_columns);
  g_print ("%-34s predicted long %.9g vs reference %.9g USD (rel. diff %.1e), short %.9g vs %.9g "
           "(%.1e): %s\n", "  agreement", ours_long, ref_long,
           fabs (ours_long - ref_long) / ref_long, ours_short, ref_short,
           fabs (ours_short - ref_short) / ref_short,
           fabs (ours_long - ref_long) <= 1e-9 * ref_long &&
           fabs (ours_short - ref_short) <= 1e-9 * ref_short ? "agree" : "DIFFER");

  for (PsHeatmapMode mode = PS_HEATMAP_UNIFORM; mode <= PS_HEATMAP_ROUND; mode++)
    {
      g_autoptr(PsHeatmap) baseline = NULL;
      double t = mono_s (), c = cpu_s ();

      params.mode = mode;
      baseline = ps_heatmap_compute (&params, &input, NULL, &error);
      g_assert_no_error (error);
      g_print ("%-34s %9.1f ms, thread CPU %.1f ms\n",
               mode == PS_HEATMAP_UNIFORM ? "  baseline uniform, the same"
                                          : "  baseline round numbers",
               (mono_s () - t) * 1e3, (cpu_s () - c) * 1e3);
    }
  params.mode = PS_HEATMAP_MODEL;
  bench_extend (&params, candles, oi, heatmap);
}
