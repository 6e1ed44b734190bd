/* test-heatmap.c: the liquidation heatmap model against hand-computed cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-test-heatmap-model.h"

/* One 10× long, all of the candle's new notional (every taker a buyer):
 * 500 USD at exactly 100 · (1 − 1/10 + 0.004) = 90.4, nothing else. */
static void
test_one_long (void)
{
  g_autoptr(PsCandles) c = ps_candles_new (0);
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  g_autoptr(PsHeatmap) heatmap = NULL;
  const PsHeatmapGrid *grid;
  PsHeatmapParams params;
  double w;
  guint b;

  one_tier (&params, 10);
  add_candle (c, 0, 101, 99, 100, 10, 10);
  add_candle (c, MIN_MS, 100.5, 99.5, 100, 10, 10);
  ps_open_interest_append (oi, 0, NAN, 1000);
  ps_open_interest_append (oi, MIN_MS, NAN, 1500);
  ps_open_interest_append (oi, 2 * MIN_MS, NAN, 1500);
  heatmap = compute_ok (&params, c, oi);
  grid = ps_heatmap_get_grid (heatmap);

  /* The grid spans the lowest low at the level factor to the highest high at the short one. */
  g_assert_cmpfloat_with_epsilon (grid->price_lo, 99 * (1 - 0.1 + M), 1e-9);
  g_assert_cmpfloat_with_epsilon (grid->price_hi, 101 * (1 + 0.1 - M), 1e-9);
  g_assert_cmpuint (grid->n_columns, ==, 2);
  g_assert_cmpint (grid->t_ms[1], ==, MIN_MS);
  g_assert_cmpint (grid->end_ms, ==, 2 * MIN_MS);

  b = bin_of (grid, 90.4);
  w = (grid->price_hi - grid->price_lo) / grid->n_bins;
  g_assert_cmpfloat (grid->price_lo + b * w, <=, 90.4);
  g_assert_cmpfloat (grid->price_lo + (b + 1) * w, >, 90.4);
  for (guint col = 0; col < 2; col++)
    for (guint k = 0; k < grid->n_bins; k++)
      {
        g_assert_cmpfloat (grid->long_usd[col * grid->n_bins + k], ==, k == b ? 500 : 0);
        g_assert_cmpfloat (grid->short_usd[col * grid->n_bins + k], ==, 0);
      }
  g_assert_cmpfloat (grid->max_usd, ==, 500);
  g_assert_cmpfloat (ps_heatmap_get_predicted (heatmap, PS_LIQ_LONG)[1], ==, 0);
}

/* The level's bin is consumed by the candle whose range reaches it, not by
 * the one before that stops just short of the bin; what it consumes is the
 * candle's predicted liquidation. Longs below, and shorts above, price. */
static void
test_consumed_when_reached (void)
{
  for (int side = PS_LIQ_LONG; side <= PS_LIQ_SHORT; side++)
    {
      double level = side == PS_LIQ_LONG ? 100 * (1 - 0.1 + M) : 100 * (1 + 0.1 - M);
      /* The grid from the extremes: the third candle reaches the level. */
      double lo = (side == PS_LIQ_LONG ? level : 99) * (1 - 0.1 + M);
      double hi = (side == PS_LIQ_LONG ? 101 : level) * (1 + 0.1 - M);
      double w = (hi - lo) / 1000;
      double edge = side == PS_LIQ_LONG ? lo + (floor ((level - lo) / w) + 1) * w
                                        : lo + floor ((level - lo) / w) * w;
      double near = side == PS_LIQ_LONG ? edge + w / 2 : edge - w / 2;
      g_autoptr(PsCandles) c = ps_candles_new (0);
      g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
      g_autoptr(PsHeatmap) heatmap = NULL;
      const PsHeatmapGrid *grid;
      const double *predicted, *other;
      const float *values;
      PsHeatmapParams params;

      one_tier (&params, 10);
      add_candle (c, 0, 101, 99, 100, 10, side == PS_LIQ_LONG ? 10 : 0);
      if (side == PS_LIQ_LONG)
        {
          add_candle (c, MIN_MS, 100, near, 99, 10, 5);
          add_candle (c, 2 * MIN_MS, 100, level, 99, 10, 5);
        }
      else
        {
          add_candle (c, MIN_MS, near, 100, 101, 10, 5);
          add_candle (c, 2 * MIN_MS, level, 100, 101, 10, 5);
        }
      ps_open_interest_append (oi, 0, NAN, 1000);
      ps_open_interest_append (oi, MIN_MS, NAN, 1500);
      heatmap = compute_ok (&params, c, oi);
      grid = ps_heatmap_get_grid (heatmap);
      g_assert_cmpfloat_with_epsilon (grid->price_lo, lo, 1e-9);
      g_assert_cmpfloat_with_epsilon (grid->price_hi, hi, 1e-9);

      predicted = ps_heatmap_get_predicted (heatmap, side);
      other = ps_heatmap_get_predicted (heatmap, 1 - side);
      values = side == PS_LIQ_LONG ? grid->long_usd : grid->short_usd;
      g_assert_cmpfloat (predicted[0], ==, 0);
      g_assert_cmpfloat (predicted[1], ==, 0);
      g_assert_cmpfloat (column_sum (grid, values, 1), ==, 500);
      g_assert_cmpfloat (predicted[2], ==, 500);
      g_assert_cmpfloat (column_sum (grid, values, 2), ==, 0);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpfloat (other[i], ==, 0);
    }
}

/* Half long, half short over the default tiers; then open interest falls by
 * a quarter: every level keeps three quarters. */
static void
test_oi_drop_proportional (void)
{
  g_autoptr(PsCandles) c = ps_candles_new (0);
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  g_autoptr(PsHeatmap) heatmap = NULL;
  const PsHeatmapGrid *grid;
  PsHeatmapParams params;
  guint n_levels = 0;

  ps_heatmap_params_init (&params);
  add_candle (c, 0, 100.5, 99.5, 100, 10, 5);
  add_candle (c, MIN_MS, 100.5, 99.5, 100, 10, 5);
  ps_open_interest_append (oi, 0, NAN, 1000);
  ps_open_interest_append (oi, MIN_MS, NAN, 1400);
  ps_open_interest_append (oi, 2 * MIN_MS, NAN, 1050);
  heatmap = compute_ok (&params, c, oi);
  grid = ps_heatmap_get_grid (heatmap);

  for (guint b = 0; b < grid->n_bins; b++)
    {
      const float *l = grid->long_usd, *s = grid->short_usd;
      guint n = grid->n_bins;

      g_assert_cmpfloat_with_epsilon (l[n + b], 0.75 * l[b], 1e-4);
      g_assert_cmpfloat_with_epsilon (s[n + b], 0.75 * s[b], 1e-4);
      n_levels += (l[b] > 0) + (s[b] > 0);
    }
  g_assert_cmpuint (n_levels, ==, 10);
  g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->long_usd, 1), 150, 1e-3);
  g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->short_usd, 1), 150, 1e-3);
  /* Nothing consumed: closing is not liquidating. */
  g_assert_cmpfloat (ps_heatmap_get_predicted (heatmap, PS_LIQ_LONG)[1], ==, 0);
}

/* Each tier gets its weight (normalised) of the side's notional at its own
 * level; together they hold the whole rise of open interest. */
static void
test_tiers_and_weights_sum (void)
{
  static const double weights[][5] = {
    { 0.30, 0.30, 0.20, 0.12, 0.08 },
    { 3, 3, 2, 1.2, 0.8 },           /* need not sum to 1 */
  };

  for (guint k = 0; k < G_N_ELEMENTS (weights); k++)
    {
      g_autoptr(PsCandles) c = ps_candles_new (0);
      g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
      g_autoptr(PsHeatmap) heatmap = NULL;
      const PsHeatmapGrid *grid;
      PsHeatmapParams params;

      ps_heatmap_params_init (&params);
      for (guint t = 0; t < 5; t++)
        params.weight[t] = weights[k][t];
      /* Taker buys 30 of 40: a long share of 0.75. */
      add_candle (c, 0, 100.5, 99.5, 100, 40, 30);
      add_candle (c, MIN_MS, 100.5, 99.5, 100, 40, 30);
      ps_open_interest_append (oi, 0, NAN, 5000);
      ps_open_interest_append (oi, MIN_MS, NAN, 6000);
      ps_open_interest_append (oi, 2 * MIN_MS, NAN, 6000);
      heatmap = compute_ok (&params, c, oi);
      grid = ps_heatmap_get_grid (heatmap);

      g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->long_usd, 0), 750, 1e-3);
      g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->short_usd, 0), 250, 1e-3);
      for (guint t = 0; t < 5; t++)
        {
          double lev = params.leverage[t];
          double share = weights[0][t];

          g_assert_cmpfloat_with_epsilon (grid->long_usd[bin_of (grid, 100 * (1 - 1 / lev + M))],
                                          750 * share, 1e-3);
          g_assert_cmpfloat_with_epsilon (grid->short_usd[bin_of (grid, 100 * (1 + 1 / lev - M))],
                                          250 * share, 1e-3);
        }
    }
}

/* No taker volume: the close's place in the range stands in (held within
 * 0.2–0.8, a half when the range is nil), and the notes say so. */
static void
test_standin (void)
{
  static const struct { double high, low, close, share; } cases[] = {
    { 101, 99, 100.5, 0.75 },
    { 101, 99, 99, 0.2 },
    { 101, 99, 101, 0.8 },
    { 100, 100, 100, 0.5 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(PsCandles) c = ps_candles_new (0);
      g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
      g_autoptr(PsHeatmap) heatmap = NULL;
      const PsHeatmapGrid *grid;
      PsHeatmapParams params;

      ps_heatmap_params_init (&params);
      add_candle (c, 0, cases[k].high, cases[k].low, cases[k].close, NAN, NAN);
      add_candle (c, MIN_MS, 100, 100, 100, 10, 5);
      ps_open_interest_append (oi, 0, NAN, 1000);
      ps_open_interest_append (oi, MIN_MS, NAN, 2000);
      ps_open_interest_append (oi, 2 * MIN_MS, NAN, 2000);
      heatmap = compute_ok (&params, c, oi);
      grid = ps_heatmap_get_grid (heatmap);

      g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->long_usd, 0),
                                      1000 * cases[k].share, 1e-3);
      g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->short_usd, 0),
                                      1000 * (1 - cases[k].share), 1e-3);
      g_assert_true (notes_mention (heatmap, "stand-in"));
    }
}

/* Both baselines put the same notional on the book as the model: flat over
 * the band the tiers span, or in equal shares on its round numbers. */
static void
test_baselines_conserve (void)
{
  for (PsHeatmapMode mode = PS_HEATMAP_UNIFORM; mode <= PS_HEATMAP_ROUND; mode++)
    for (guint auto_step = 0; auto_step < 2; auto_step++)
      {
        g_autoptr(PsCandles) c = ps_candles_new (0);
        g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
        g_autoptr(PsHeatmap) heatmap = NULL;
        const PsHeatmapGrid *grid;
        PsHeatmapParams params;
        double step = auto_step ? 1 : 2.5, w;
        guint n_long = 0, first = G_MAXUINT, last = 0;

        ps_heatmap_params_init (&params);
        params.mode = mode;
        params.round_step = auto_step ? 0 : step;   /* 0: 1-2-5 near 100 / 100 = 1 */
        add_candle (c, 0, 100.5, 99.5, 100, 40, 30);
        add_candle (c, MIN_MS, 100.5, 99.5, 100, 40, 30);
        ps_open_interest_append (oi, 0, NAN, 5000);
        ps_open_interest_append (oi, MIN_MS, NAN, 6000);
        heatmap = compute_ok (&params, c, oi);
        grid = ps_heatmap_get_grid (heatmap);
        w = (grid->price_hi - grid->price_lo) / grid->n_bins;

        g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->long_usd, 0), 750, 1e-3);
        g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->short_usd, 0), 250, 1e-3);
        for (guint b = 0; b < grid->n_bins; b++)
          if (grid->long_usd[b] > 0)
            {
              n_long++;
              first = MIN (first, b);
              last = MAX (last, b);
              if (mode == PS_HEATMAP_ROUND)
                {
                  /* A multiple of the step lies in the bin. */
                  double k = ceil ((grid->price_lo + b * w) / step);

                  g_assert_cmpfloat (k * step, <, grid->price_lo + (b + 1) * w);
                }
            }
        if (mode == PS_HEATMAP_UNIFORM)
          {
            /* Every bin from the 5× level to the 100× one, none beyond. */
            g_assert_cmpuint (first, ==, bin_of (grid, 100 * (1 - 0.2 + M)));
            g_assert_cmpuint (last, ==, bin_of (grid, 100 * (1 - 0.01 + M)));
            g_assert_cmpuint (n_long, ==, last - first + 1);
          }
        else
          /* 80.4 … 99.4: 81 … 99 by 1, 82.5 … 97.5 by 2.5. */
          g_assert_cmpuint (n_long, ==, auto_step ? 19 : 7);
      }
}

/* Daily-style open interest under finer candles: a rise over six candles
 * opens a sixth of it in each; candles before the first reading open
 * nothing, and the notes say both. */
static void
test_oi_alignment (void)
{
  g_autoptr(PsCandles) c = ps_candles_new (0);
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  g_autoptr(PsHeatmap) heatmap = NULL;
  const PsHeatmapGrid *grid;
  PsHeatmapParams params;
  const double *predicted;

  one_tier (&params, 10);
  for (guint i = 0; i < 9; i++)
    add_candle (c, (gint64) i * MIN_MS, 100.5, 99.5, 100, 10, 10);
  /* Starts at the end of candle 1, then 6 minutes apart. */
  ps_open_interest_append (oi, 2 * MIN_MS, NAN, 1000);
  ps_open_interest_append (oi, 8 * MIN_MS, NAN, 1600);
  ps_open_interest_append (oi, 14 * MIN_MS, NAN, 1600);
  heatmap = compute_ok (&params, c, oi);
  grid = ps_heatmap_get_grid (heatmap);

  for (guint col = 0; col < 9; col++)
    {
      double expected = col < 2 ? 0 : MIN (col - 1, 6) * 100.0;

      g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->long_usd, col), expected, 1e-3);
    }
  g_assert_true (notes_mention (heatmap, "starts"));
  g_assert_true (notes_mention (heatmap, "coarser"));
  g_assert_true (notes_mention (heatmap, "spread evenly"));
  predicted = ps_heatmap_get_predicted (heatmap, PS_LIQ_LONG);
  for (guint i = 0; i < 9; i++)
    g_assert_cmpfloat (predicted[i], ==, 0);

  /* Finer open interest: each candle takes the reading at its end. */
  {
    g_autoptr(PsCandles) hours = ps_candles_new (0);
    g_autoptr(PsOpenInterest) fine = ps_open_interest_new (0);
    g_autoptr(PsHeatmap) h = NULL;

    add_candle (hours, 0, 100.5, 99.5, 100, 10, 10);
    add_candle (hours, 60 * MIN_MS, 100.5, 99.5, 100, 10, 10);
    for (guint k = 0; k <= 24; k++)
      ps_open_interest_append (fine, (gint64) k * 5 * MIN_MS, NAN, 1000 + (k % 2 ? 500 : 10 * k));
    h = compute_ok (&params, hours, fine);
    grid = ps_heatmap_get_grid (h);
    /* 1000 → 1120 at the first hour's end, → 1240 at the second's. */
    g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->long_usd, 0), 120, 1e-3);
    g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->long_usd, 1), 240, 1e-3);
    g_assert_true (notes_mention (h, "finer"));
  }
}

/* Bad readings of open interest are skipped (and said), leaving what the
 * good ones give; gaps and candles without prices are defined too. */
static void
test_bad_rows (void)
{
  g_autoptr(PsCandles) c = ps_candles_new (0);
  g_autoptr(PsOpenInterest) good = ps_open_interest_new (0);
  g_autoptr(PsOpenInterest) bad = ps_open_interest_new (0);
  g_autoptr(PsHeatmap) a = NULL;
  g_autoptr(PsHeatmap) b = NULL;
  PsHeatmapParams params;
  const PsHeatmapGrid *grid;

  ps_heatmap_params_init (&params);
  add_candle (c, 0, 100.5, 99.5, 100, 10, 5);
  add_candle (c, MIN_MS, NAN, 99.5, 100, 10, 5);           /* no usable price */
  add_candle (c, 2 * MIN_MS, 100.5, 99.5, 100, 10, 5);
  add_candle (c, 5 * MIN_MS, 100.5, 99.5, 100, 10, 5);     /* after a gap */
  for (guint k = 0; k <= 6; k++)
    {
      ps_open_interest_append (good, (gint64) k * MIN_MS, NAN, 1000 + 100 * k);
      ps_open_interest_append (bad, (gint64) k * MIN_MS, NAN, 1000 + 100 * k);
      ps_open_interest_append (bad, (gint64) k * MIN_MS + 1000, NAN,
                               k % 3 == 0 ? NAN : k % 3 == 1 ? 0 : -5);
    }
  a = compute_ok (&params, c, good);
  b = compute_ok (&params, c, bad);
  grid = ps_heatmap_get_grid (b);
  g_assert_true (notes_mention (b, "7 open-interest readings were skipped"));
  g_assert_true (notes_mention (b, "1 candle without usable prices was skipped"));
  g_assert_true (notes_mention (b, "1 gap in the candles"));
  g_assert_false (notes_mention (a, "skipped (missing"));
  /* Candle 1 opens nothing (no price); the gap's 300 USD land on candle 3. */
  g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->long_usd, 0) +
                                  column_sum (grid, grid->short_usd, 0), 100, 1e-3);
  g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->long_usd, 1) +
                                  column_sum (grid, grid->short_usd, 1), 100, 1e-3);
  g_assert_cmpfloat_with_epsilon (column_sum (grid, grid->long_usd, 3) +
                                  column_sum (grid, grid->short_usd, 3), 500, 1e-3);
  for (gsize k = 0; k < (gsize) grid->n_columns * grid->n_bins; k++)
    g_assert_cmpfloat (grid->long_usd[k], ==, ps_heatmap_get_grid (a)->long_usd[k]);
}

/* Nothing to model is an error in words; one candle is a result. */
static void
test_no_data (void)
{
  g_autoptr(PsCandles) empty = ps_candles_new (0);
  g_autoptr(PsCandles) one = ps_candles_new (0);
  g_autoptr(PsCandles) nan_only = ps_candles_new (0);
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  g_autoptr(PsOpenInterest) no_oi = ps_open_interest_new (0);
  g_autoptr(PsOpenInterest) bad_oi = ps_open_interest_new (0);
  g_autoptr(PsHeatmap) heatmap = NULL;
  PsHeatmapParams params;
  struct { PsCandles *c; PsOpenInterest *oi; const char *words; } cases[] = {
    { empty, oi, "No candles" },
    { NULL, oi, "No candles" },
    { one, NULL, "No open interest" },
    { one, no_oi, "No open interest" },
    { one, bad_oi, "No open interest" },
    { nan_only, oi, "usable prices" },
  };

  ps_heatmap_params_init (&params);
  add_candle (one, 0, 100.5, 99.5, 100, 10, 5);
  add_candle (nan_only, 0, NAN, NAN, NAN, NAN, NAN);
  ps_open_interest_append (oi, 0, NAN, 1000);
  ps_open_interest_append (oi, MIN_MS, NAN, 2000);
  ps_open_interest_append (bad_oi, 0, NAN, 0);
  ps_open_interest_append (bad_oi, MIN_MS, -1, NAN);

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GError) error = NULL;
      PsHeatmapInput input = { cases[k].c, cases[k].oi };

      g_assert_null (ps_heatmap_compute (&params, &input, NULL, &error));
      g_assert_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_NO_DATA);
      g_assert_nonnull (strstr (error->message, cases[k].words));
    }

  /* One candle: a minute assumed, its minute of open interest opened. */
  heatmap = compute_ok (&params, one, oi);
  g_assert_cmpuint (ps_heatmap_get_n_candles (heatmap), ==, 1);
  g_assert_cmpuint (ps_heatmap_get_grid (heatmap)->n_columns, ==, 1);
  g_assert_cmpfloat (ps_heatmap_get_grid (heatmap)->max_usd, >, 0);
}

static void
test_params (void)
{
  PsHeatmapParams params;
  g_autoptr(GError) error = NULL;
  static const struct { const char *text; const char *words; } bad_tiers[] = {
    { "", "No leverage tiers" },
    { "5:0.3,10", "“10”" },
    { "5:0.3,x:1", "“x:1”" },
    { "1:1", "above 1" },
    { "250:1", "at most 200" },
    { "5:-1", "negative" },
    { "5:0,10:0", "sum to zero" },
    { "2:1,3:1,4:1,5:1,6:1,7:1,8:1,9:1,10:1", "At most 8" },
  };

  ps_heatmap_params_init (&params);
  g_assert_true (ps_heatmap_params_validate (&params, NULL));
  g_assert_cmpuint (params.n_tiers, ==, 5);
  g_assert_cmpfloat (params.leverage[4], ==, 100);
  g_assert_cmpfloat (params.weight[1], ==, 0.30);
  g_assert_true (isnan (params.maint_rate));

  g_assert_true (ps_heatmap_params_parse_tiers (&params, " 20:1, 50 : 3 ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (params.n_tiers, ==, 2);
  g_assert_cmpfloat (params.leverage[1], ==, 50);
  g_assert_cmpfloat (params.weight[1], ==, 3);
  for (guint k = 0; k < G_N_ELEMENTS (bad_tiers); k++)
    {
      g_clear_error (&error);
      g_assert_false (ps_heatmap_params_parse_tiers (&params, bad_tiers[k].text, &error));
      g_assert_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_PARAMS);
      g_assert_nonnull (strstr (error->message, bad_tiers[k].words));
      g_assert_cmpuint (params.n_tiers, ==, 2);   /* untouched */
    }

  for (guint k = 0; k < 12; k++)
    {
      ps_heatmap_params_init (&params);
      switch (k)
        {
        case 0: params.n_tiers = 0; break;
        case 1: params.leverage[2] = 1; break;
        case 2: params.weight[0] = -0.1; break;
        case 3: params.n_bins = 9; break;
        case 4: params.n_bins = 20001; break;
        case 5: params.position_usd = 0; break;
        case 6: params.zone_threshold = 0; break;
        case 7: params.maint_rate = 0.5; break;
        case 8: params.zone_max_width_pct = 0; break;
        case 9: params.zone_max_width_pct = 50.01; break;
        case 10: params.zone_max_width_pct = NAN; break;
        default: params.leverage[0] = NAN; break;
        }
      g_clear_error (&error);
      g_assert_false (ps_heatmap_params_validate (&params, &error));
      g_assert_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_PARAMS);
      if (k >= 8 && k <= 10)
        g_assert_nonnull (strstr (error->message, "zone width"));
    }
  /* The range's ends: a tiny width is one bin, half the price is allowed. */
  ps_heatmap_params_init (&params);
  params.zone_max_width_pct = 50;
  g_assert_true (ps_heatmap_params_validate (&params, NULL));
  params.zone_max_width_pct = 1e-6;
  g_assert_true (ps_heatmap_params_validate (&params, NULL));

  {
    /* A column per candle for 4,000 candles of 20,000 bins: too big to hold. */
    g_autoptr(PsCandles) c = NULL;
    g_autoptr(PsOpenInterest) oi = NULL;
    PsHeatmapInput input;

    make_walk (4000, 1, &c, &oi);
    input = (PsHeatmapInput) { c, oi };
    ps_heatmap_params_init (&params);
    params.n_bins = 20000;
    params.max_columns = 0;
    g_clear_error (&error);
    g_assert_null (ps_heatmap_compute (&params, &input, NULL, &error));
    g_assert_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_PARAMS);
    g_assert_nonnull (strstr (error->message, "4000 columns of 20000 bins"));
  }

  g_assert_cmpfloat (ps_binance_maint_rate (0), ==, 0.004);
  g_assert_cmpfloat (ps_binance_maint_rate (49999), ==, 0.004);
  g_assert_cmpfloat (ps_binance_maint_rate (50000), ==, 0.005);
  g_assert_cmpfloat (ps_binance_maint_rate (3e6), ==, 0.025);
  g_assert_cmpfloat (ps_binance_maint_rate (1e12), ==, 0.5);
}

/* Two clusters of longs and one of shorts: zones below and above the price,
 * largest first, each bounded by its bins; the track gives each column's
 * zones over the next column's time. */
static void
test_zones (void)
{
  g_autoptr(PsCandles) c = ps_candles_new (0);
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  g_autoptr(PsHeatmap) heatmap = NULL;
  g_autoptr(GArray) zones = NULL;
  const GArray *track;
  PsHeatmapParams params;
  double close = 100;

  ps_heatmap_params_init (&params);
  g_assert_true (ps_heatmap_params_parse_tiers (&params, "5:1,50:2", NULL));
  params.max_columns = 0;
  add_candle (c, 0, 100.5, 99.5, close, 10, 7.5);
  add_candle (c, MIN_MS, 100.5, 99.5, close, 10, 5);
  add_candle (c, 2 * MIN_MS, 100.5, 99.5, close, 10, 5);
  ps_open_interest_append (oi, 0, NAN, 1000);
  ps_open_interest_append (oi, MIN_MS, NAN, 1900);
  ps_open_interest_append (oi, 3 * MIN_MS, NAN, 1900);
  heatmap = compute_ok (&params, c, oi);

  zones = ps_heatmap_get_zones (heatmap, close);
  /* Longs 675 · (1/3 at 80.4, 2/3 at 98.4), shorts 225 · (1/3, 2/3). */
  g_assert_cmpuint (zones->len, ==, 4);
  {
    PsHeatZone *z = &g_array_index (zones, PsHeatZone, 0);

    g_assert_cmpint (z->side, ==, PS_LIQ_LONG);
    g_assert_cmpfloat_with_epsilon (z->usd, 450, 1e-3);
    g_assert_cmpfloat (z->price_lo, <=, 98.4);
    g_assert_cmpfloat (z->price_hi, >, 98.4);
    g_assert_cmpfloat_with_epsilon (z->price_peak, 98.4, z->price_hi - z->price_lo);
    g_assert_cmpint (z->from_ms, ==, 2 * MIN_MS);
    g_assert_cmpint (z->to_ms, ==, 3 * MIN_MS);
  }
  for (guint k = 0; k < zones->len; k++)
    {
      PsHeatZone *z = &g_array_index (zones, PsHeatZone, k);

      if (k > 0)
        g_assert_cmpfloat (z->usd, <=, g_array_index (zones, PsHeatZone, k - 1).usd);
      if (z->side == PS_LIQ_LONG)
        g_assert_cmpfloat (z->price_hi, <=, close);
      else
        g_assert_cmpfloat (z->price_lo, >=, close);
    }
  g_assert_cmpfloat_with_epsilon (g_array_index (zones, PsHeatZone, 3).usd, 75, 1e-3);

  /* Below every long level: shorts only. */
  g_clear_pointer (&zones, g_array_unref);
  zones = ps_heatmap_get_zones (heatmap, 80);
  g_assert_cmpuint (zones->len, ==, 2);
  g_assert_cmpint (g_array_index (zones, PsHeatZone, 0).side, ==, PS_LIQ_SHORT);

  track = ps_heatmap_get_zone_track (heatmap);
  /* Built once, kept with the heatmap. */
  g_assert_true (ps_heatmap_get_zone_track (heatmap) == track);
  g_assert_cmpuint (track->len, ==, 2 * 4);
  g_assert_cmpint (g_array_index (track, PsHeatZone, 0).from_ms, ==, MIN_MS);
  g_assert_cmpint (g_array_index (track, PsHeatZone, 0).to_ms, ==, 2 * MIN_MS);
  g_assert_cmpint (g_array_index (track, PsHeatZone, 7).from_ms, ==, 2 * MIN_MS);
  g_assert_cmpint (g_array_index (track, PsHeatZone, 7).to_ms, ==, 3 * MIN_MS);
}

/* The uniform baseline's flat book passes the threshold in every bin of its
 * band (80.4 … 99.4 for longs): cut to 0.5 % of its peak, the band nearest
 * the price, not the 19-wide band it was; at 50 % the whole run again. The
 * model's one-bin levels are the same zones under either budget. */
static void
test_zones_width_budget (void)
{
  g_autoptr(PsCandles) c = ps_candles_new (0);
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (0);
  PsHeatmapParams params;

  add_candle (c, 0, 100.5, 99.5, 100, 40, 30);
  add_candle (c, MIN_MS, 100.5, 99.5, 100, 40, 30);
  ps_open_interest_append (oi, 0, NAN, 5000);
  ps_open_interest_append (oi, MIN_MS, NAN, 6000);

  for (guint wide = 0; wide < 2; wide++)
    {
      g_autoptr(PsHeatmap) heatmap = NULL;
      g_autoptr(GArray) zones = NULL;
      const PsHeatmapGrid *grid;
      guint top_long, bottom_short, n_long, n_short;
      double w;

      ps_heatmap_params_init (&params);
      g_assert_cmpfloat (params.zone_max_width_pct, ==, 0.5);
      params.mode = PS_HEATMAP_UNIFORM;
      params.zone_max_width_pct = wide ? 50 : 0.5;
      heatmap = compute_ok (&params, c, oi);
      grid = ps_heatmap_get_grid (heatmap);
      w = (grid->price_hi - grid->price_lo) / grid->n_bins;
      top_long = bin_of (grid, 100 * (1 - 0.01 + M));
      bottom_short = bin_of (grid, 100 * (1 + 0.01 - M));
      n_long = top_long - bin_of (grid, 100 * (1 - 0.2 + M)) + 1;
      n_short = bin_of (grid, 100 * (1 + 0.2 - M)) - bottom_short + 1;

      zones = ps_heatmap_get_zones (heatmap, 100);
      g_assert_cmpuint (zones->len, ==, 2);
      for (guint k = 0; k < zones->len; k++)
        {
          const PsHeatZone *z = &g_array_index (zones, PsHeatZone, k);
          gboolean is_long = z->side == PS_LIQ_LONG;
          double width = z->price_hi - z->price_lo;
          /* Bins in the band and in the zone; the budget's bins at the peak. */
          double n_band = is_long ? n_long : n_short;
          double n_zone = round (width / w);
          double budget = floor (z->price_peak * 0.005 / w);

          /* The zone ends at the band's edge nearest the price. */
          if (is_long)
            g_assert_cmpfloat_with_epsilon (z->price_hi, grid->price_lo + (top_long + 1) * w, 1e-9);
          else
            g_assert_cmpfloat_with_epsilon (z->price_lo, grid->price_lo + bottom_short * w, 1e-9);
          g_assert_cmpfloat_with_epsilon (z->usd, (is_long ? 750 : 250) * n_zone / n_band, 1e-3);
          if (wide)
            {
              g_assert_cmpfloat (n_zone, ==, n_band);
              continue;
            }
          /* Peak nearest the price; as many bins as fit in 0.5 % of it. */
          g_assert_cmpfloat_with_epsilon (z->price_peak, is_long ? z->price_hi - w / 2
                                                                 : z->price_lo + w / 2, 1e-9);
          g_assert_cmpfloat (budget, >, 5);
          g_assert_cmpfloat (n_zone, ==, budget);
          g_assert_cmpfloat (width, <=, 0.005 * z->price_peak);
          g_assert_cmpfloat (n_zone, <, n_band / 20);
        }
    }

  /* The model's levels (5× and 50×, one bin each) whatever the budget. */
  {
    g_autoptr(PsHeatmap) narrow = NULL;
    g_autoptr(PsHeatmap) wide = NULL;
    const GArray *a, *b;

    ps_heatmap_params_init (&params);
    g_assert_true (ps_heatmap_params_parse_tiers (&params, "5:1,50:2", NULL));
    narrow = compute_ok (&params, c, oi);
    params.zone_max_width_pct = 50;
    wide = compute_ok (&params, c, oi);
    a = ps_heatmap_get_zone_track (narrow);
    b = ps_heatmap_get_zone_track (wide);
    g_assert_cmpuint (a->len, ==, 4);
    g_assert_cmpuint (a->len, ==, b->len);
    for (guint k = 0; k < a->len; k++)
      {
        const PsHeatZone *za = &g_array_index (a, PsHeatZone, k);
        const PsHeatZone *zb = &g_array_index (b, PsHeatZone, k);

        assert_same_zone (za, zb);
        g_assert_cmpfloat (za->price_hi - za->price_lo, <, 0.005 * za->price_peak);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/analysis/heatmap/one-long", test_one_long);
  g_test_add_func ("/perpscope/analysis/heatmap/consumed-when-reached", test_consumed_when_reached);
  g_test_add_func ("/perpscope/analysis/heatmap/oi-drop-proportional", test_oi_drop_proportional);
  g_test_add_func ("/perpscope/analysis/heatmap/tiers-and-weights-sum", test_tiers_and_weights_sum);
  g_test_add_func ("/perpscope/analysis/heatmap/standin", test_standin);
  g_test_add_func ("/perpscope/analysis/heatmap/baselines-conserve", test_baselines_conserve);
  g_test_add_func ("/perpscope/analysis/heatmap/oi-alignment", test_oi_alignment);
  g_test_add_func ("/perpscope/analysis/heatmap/bad-rows", test_bad_rows);
  g_test_add_func ("/perpscope/analysis/heatmap/no-data", test_no_data);
  g_test_add_func ("/perpscope/analysis/heatmap/params", test_params);
  g_test_add_func ("/perpscope/analysis/heatmap/zones", test_zones);
  g_test_add_func ("/perpscope/analysis/heatmap/zones-width-budget", test_zones_width_budget);

  return g_test_run ();
}
