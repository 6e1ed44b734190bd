/* test-heatmap-extend.c: the heatmap extended candle by candle equals one
 * computed at once; what does not continue it is refused; real data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-levels.h"
#include "ps-test-heatmap-model.h"
#include "ps-test-real-data.h"
#include "ps-time.h"

#define CANDLES_CSV "binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv"

/* The first n candles, the last of them live: its values as they stood
 * before it closed. */
static PsCandles *
prefix (const PsCandles *all,
        guint            n,
        gboolean         live)
{
  PsCandles *c = ps_candles_slice (all, all->t_ms[0], all->t_ms[n - 1] + 1);

  if (live)
    {
      ps_candles_edit_column (c, PS_CANDLE_CLOSE)[n - 1] =
        (ps_candles_close_at (c, n - 1) + ps_candles_open_at (c, n - 1)) / 2;
      ps_candles_edit_column (c, PS_CANDLE_HIGH)[n - 1] =
        MAX (ps_candles_open_at (c, n - 1), ps_candles_close_at (c, n - 1));
      ps_candles_edit_column (c, PS_CANDLE_LOW)[n - 1] =
        MIN (ps_candles_open_at (c, n - 1), ps_candles_close_at (c, n - 1));
      ps_candles_edit_column (c, PS_CANDLE_VOLUME)[n - 1] /= 3;
      ps_candles_edit_column (c, PS_CANDLE_TAKER_BUY_VOLUME)[n - 1] /= 2;
    }
  return c;
}

/* Extending candle by candle, through live versions of each new candle,
 * gives what one computation over all of them gives; with open interest
 * every minute, and every six minutes arriving with the candles (so the
 * candles after its last reading are redone as it comes). */
static void
test_extend_equals_compute (gconstpointer data)
{
  guint oi_every = GPOINTER_TO_UINT (data);
  const guint n0 = 200, n = 250;
  g_autoptr(PsCandles) all = NULL;
  g_autoptr(PsOpenInterest) all_oi = NULL;
  guint max_columns[] = { 0, 64 };

  make_walk (n, oi_every, &all, &all_oi);
  for (guint k = 0; k < G_N_ELEMENTS (max_columns); k++)
    {
      g_autoptr(PsCandles) first = prefix (all, n0, FALSE);
      g_autoptr(PsOpenInterest) first_oi = ps_open_interest_slice (all_oi, 0,
                                                                   (gint64) n0 * MIN_MS + 1);
      g_autoptr(PsHeatmap) heatmap = NULL;
      g_autoptr(PsHeatmap) full = NULL;
      PsHeatmapParams params;

      ps_heatmap_params_init (&params);
      params.n_bins = 300;
      params.max_columns = max_columns[k];
      heatmap = compute_ok (&params, first, first_oi);
      for (guint m = n0 + 1; m <= n; m++)
        for (int live = 1; live >= 0; live--)
          {
            g_autoptr(PsCandles) c = prefix (all, m, live);
            g_autoptr(PsOpenInterest) oi = ps_open_interest_slice (all_oi, 0,
                                                                   (gint64) m * MIN_MS + 1);
            PsHeatmapInput input = { c, oi };
            PsHeatmap *copy = ps_heatmap_copy (heatmap);

            /* As PsAnalysis does: a copy extended, the previous one dropped. */
            ps_heatmap_unref (heatmap);
            heatmap = copy;
            g_assert_true (ps_heatmap_extend (heatmap, &input));
            g_assert_cmpuint (ps_heatmap_get_n_candles (heatmap), ==, m);
          }
      full = compute_ok (&params, all, all_oi);
      assert_same (heatmap, full);
      g_assert_cmpuint (ps_heatmap_get_grid (full)->n_columns, ==, max_columns[k] ? 63 : n);
    }
}

/* The predictions' running sums as heatmap holds them: the same as summing
 * its predictions now (a stale copy would hold fewer or other sums). */
static void
assert_sums_current (const PsHeatmap *heatmap)
{
  guint n = ps_heatmap_get_n_candles (heatmap);

  for (int side = 0; side < 2; side++)
    {
      const double *kept = ps_heatmap_get_predicted_sums (heatmap, side);
      g_autofree double *want = ps_levels_running_sums (ps_heatmap_get_predicted (heatmap, side),
                                                        n);

      g_assert_true (kept == ps_heatmap_get_predicted_sums (heatmap, side));
      for (guint i = 0; i <= n; i++)
        g_assert_cmpfloat (kept[i], ==, want[i]);
    }
}

/* The zone track as heatmap holds it: the same as a copy builds from the
 * very same grid (a stale track would keep the zones of an earlier one). */
static void
assert_track_current (const PsHeatmap *heatmap)
{
  g_autoptr(PsHeatmap) copy = ps_heatmap_copy (heatmap);
  const GArray *kept = ps_heatmap_get_zone_track (heatmap);
  const GArray *want = ps_heatmap_get_zone_track (copy);

  g_assert_true (kept == ps_heatmap_get_zone_track (heatmap));
  g_assert_true (kept != want);
  g_assert_cmpuint (kept->len, ==, want->len);
  for (guint k = 0; k < want->len; k++)
    assert_same_zone (&g_array_index (kept, PsHeatZone, k), &g_array_index (want, PsHeatZone, k));
}

/* The running sums the liquidations pane reads follow the predictions:
 * asked before an extend, they are built again after it, through live
 * versions of a candle (which change its prediction) and new candles; a
 * copy builds its own. The zone track the scores read, the same. */
static void
test_extend_sums (void)
{
  g_autoptr(PsCandles) all = NULL;
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(PsCandles) first = NULL;
  g_autoptr(PsHeatmap) heatmap = NULL;
  PsHeatmapParams params;
  double before = 0, after = 0;

  make_walk (300, 1, &all, &oi);
  first = prefix (all, 200, FALSE);
  ps_heatmap_params_init (&params);
  params.n_bins = 300;
  heatmap = compute_ok (&params, first, oi);
  assert_sums_current (heatmap);
  for (guint m = 201; m <= 300; m++)
    for (int live = 1; live >= 0; live--)
      {
        g_autoptr(PsCandles) c = prefix (all, m, live);
        PsHeatmapInput input = { c, oi };

        before += ps_heatmap_get_predicted_sums (heatmap, PS_LIQ_LONG)[m - 1];
        ps_heatmap_get_zone_track (heatmap);
        g_assert_true (ps_heatmap_extend (heatmap, &input));
        assert_sums_current (heatmap);
        assert_track_current (heatmap);
        after += ps_heatmap_get_predicted_sums (heatmap, PS_LIQ_LONG)[m];
      }
  /* The walk liquidates now and then: the sums moved with it. */
  g_assert_cmpfloat (after, >, before);
  {
    g_autoptr(PsHeatmap) copy = ps_heatmap_copy (heatmap);

    g_assert_true (ps_heatmap_get_predicted_sums (copy, PS_LIQ_SHORT) !=
                   ps_heatmap_get_predicted_sums (heatmap, PS_LIQ_SHORT));
    assert_sums_current (copy);
  }
}

/* A heatmap's candle times are its candles' own array, not a copy (three
 * models at a million candles kept 24 MB of copies), held by the heatmap:
 * still there once the caller drops the candles; an extended copy reads
 * them from the longer candles, the original from its own. */
static void
test_times_shared (void)
{
  g_autoptr(PsCandles) all = NULL;
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(PsHeatmap) heatmap = NULL;
  g_autoptr(PsHeatmap) longer = NULL;
  PsCandles *first;
  PsCandles *next;
  PsHeatmapParams params;

  make_walk (120, 1, &all, &oi);
  first = prefix (all, 100, FALSE);
  ps_heatmap_params_init (&params);
  params.n_bins = 200;
  heatmap = compute_ok (&params, first, oi);
  g_assert_true (ps_heatmap_get_candle_t (heatmap) == first->t_ms);
  ps_candles_unref (first);

  next = prefix (all, 120, TRUE);
  longer = ps_heatmap_copy (heatmap);
  g_assert_true (ps_heatmap_get_candle_t (longer) == ps_heatmap_get_candle_t (heatmap));
  {
    PsHeatmapInput input = { next, oi };

    g_assert_true (ps_heatmap_extend (longer, &input));
  }
  g_assert_true (ps_heatmap_get_candle_t (longer) == next->t_ms);
  ps_candles_unref (next);

  g_assert_cmpuint (ps_heatmap_get_n_candles (heatmap), ==, 100);
  g_assert_cmpuint (ps_heatmap_get_n_candles (longer), ==, 120);
  for (guint i = 0; i < 120; i++)
    {
      if (i < 100)
        g_assert_cmpint (ps_heatmap_get_candle_t (heatmap)[i], ==, all->t_ms[i]);
      g_assert_cmpint (ps_heatmap_get_candle_t (longer)[i], ==, all->t_ms[i]);
    }
}

/* What does not continue the heatmap is refused, and the heatmap is left as
 * it was. */
static void
test_extend_refuses (void)
{
  g_autoptr(PsCandles) all = NULL;
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(PsCandles) first = NULL;
  g_autoptr(PsHeatmap) heatmap = NULL;
  g_autoptr(PsHeatmap) before = NULL;
  PsHeatmapParams params;
  const guint n0 = 100;

  make_walk (200, 1, &all, &oi);
  first = prefix (all, n0, FALSE);
  ps_heatmap_params_init (&params);
  params.max_columns = 110;
  heatmap = compute_ok (&params, first, oi);
  before = ps_heatmap_copy (heatmap);

  {
    /* The last-but-one candle changed. */
    g_autoptr(PsCandles) c = prefix (all, n0 + 1, FALSE);
    PsHeatmapInput input = { c, oi };

    ps_candles_edit_column (c, PS_CANDLE_LOW)[n0 - 2] *= 0.999;
    g_assert_false (ps_heatmap_extend (heatmap, &input));
  }
  {
    /* Fewer candles; another first candle. */
    g_autoptr(PsCandles) shorter = prefix (all, n0 - 1, FALSE);
    g_autoptr(PsCandles) later = ps_candles_slice (all, MIN_MS, (gint64) (n0 + 2) * MIN_MS);
    PsHeatmapInput input = { shorter, oi };

    g_assert_false (ps_heatmap_extend (heatmap, &input));
    input.candles = later;
    g_assert_false (ps_heatmap_extend (heatmap, &input));
  }
  {
    /* A new level below the grid. */
    g_autoptr(PsCandles) c = prefix (all, n0 + 1, FALSE);
    PsHeatmapInput input = { c, oi };

    ps_candles_edit_column (c, PS_CANDLE_HIGH)[n0] =
      ps_candles_edit_column (c, PS_CANDLE_LOW)[n0] =
      ps_candles_edit_column (c, PS_CANDLE_CLOSE)[n0] = 50;
    g_assert_false (ps_heatmap_extend (heatmap, &input));
  }
  {
    /* More columns than allowed: 100 candles, one a column, at most 110. */
    g_autoptr(PsCandles) c = prefix (all, 111, FALSE);
    PsHeatmapInput input = { c, oi };

    g_assert_false (ps_heatmap_extend (heatmap, &input));
  }
  {
    /* Open interest the settled candles saw changed. */
    g_autoptr(PsCandles) c = prefix (all, n0 + 1, FALSE);
    g_autoptr(PsOpenInterest) other = ps_open_interest_slice (oi, 0, G_MAXINT64);
    PsHeatmapInput input = { c, other };

    other->usd[n0 - 1] *= 1.01;
    g_assert_false (ps_heatmap_extend (heatmap, &input));
  }
  assert_same (heatmap, before);

  {
    /* And what continues it still extends. */
    g_autoptr(PsCandles) c = prefix (all, 110, FALSE);
    PsHeatmapInput input = { c, oi };

    g_assert_true (ps_heatmap_extend (heatmap, &input));
    g_assert_cmpuint (ps_heatmap_get_n_candles (heatmap), ==, 110);
    g_assert_cmpuint (ps_heatmap_get_n_candles (before), ==, n0);
  }
}

static void
test_cancelled (void)
{
  g_autoptr(PsCandles) c = NULL;
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  PsHeatmapParams params;
  PsHeatmapInput input;

  make_walk (10000, 1, &c, &oi);
  input = (PsHeatmapInput) { c, oi };
  ps_heatmap_params_init (&params);
  g_cancellable_cancel (cancellable);
  g_assert_null (ps_heatmap_compute (&params, &input, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The real late-2025 4h candles (no taker volume) under daily open
 * interest from 7 Nov to 17 Dec. */
static void
test_real_data (void)
{
  g_autoptr(PsCandles) c = load_candles (CANDLES_CSV);
  g_autoptr(PsOpenInterest) oi = load_open_interest ();
  g_autoptr(PsHeatmap) heatmap = NULL;
  g_autoptr(GArray) zones = NULL;
  PsHeatmapParams params;
  double last_close, predicted = 0;
  guint n_long = 0, n_short = 0;

  g_assert_cmpuint (c->n, >, 600);
  g_assert_cmpuint (oi->n, ==, 41);

  ps_heatmap_params_init (&params);
  heatmap = compute_ok (&params, c, oi);
  g_assert_cmpfloat (ps_heatmap_get_grid (heatmap)->max_usd, >, 0);
  for (const char * const *note = ps_heatmap_get_notes (heatmap); *note != NULL; note++)
    g_test_message ("note: %s", *note);
  g_assert_true (notes_mention (heatmap, "every 1 d, coarser than the 4 h candles"));
  g_assert_true (notes_mention (heatmap, "spread evenly"));
  g_assert_true (notes_mention (heatmap, "stand-in"));
  g_assert_true (notes_mention (heatmap, "Open interest starts 2025-11-07"));
  g_assert_true (notes_mention (heatmap, "Open interest ends 2025-12-17"));

  {
    /* Two candles later, extended from the candles since the last reading
     * of open interest: what computing at once gives. */
    g_autoptr(PsCandles) first = prefix (c, c->n - 2, FALSE);
    g_autoptr(PsHeatmap) extended = compute_ok (&params, first, oi);
    PsHeatmapInput input = { c, oi };

    g_assert_true (ps_heatmap_extend (extended, &input));
    assert_same (extended, heatmap);
  }

  /* The 21 Nov sell-off liquidated longs the model had seen open. */
  for (guint i = 0; i < c->n; i++)
    if (c->t_ms[i] >= parse_time ("2025-11-20") && c->t_ms[i] < parse_time ("2025-11-22"))
      predicted += ps_heatmap_get_predicted (heatmap, PS_LIQ_LONG)[i];
  g_assert_cmpfloat (predicted, >, 1e6);

  last_close = ps_candles_close_at (c, c->n - 1);
  zones = ps_heatmap_get_zones (heatmap, last_close);
  for (guint k = 0; k < zones->len; k++)
    {
      PsHeatZone *z = &g_array_index (zones, PsHeatZone, k);

      g_test_message ("%s zone %.0f–%.0f (peak %.0f): %.3g USD",
                      z->side == PS_LIQ_LONG ? "long" : "short",
                      z->price_lo, z->price_hi, z->price_peak, z->usd);
      g_assert_cmpfloat (z->usd, >, 0);
      if (z->side == PS_LIQ_LONG)
        g_assert_cmpfloat (z->price_hi, <=, last_close);
      else
        g_assert_cmpfloat (z->price_lo, >=, last_close);
      n_long += z->side == PS_LIQ_LONG;
      n_short += z->side == PS_LIQ_SHORT;
    }
  g_assert_cmpuint (n_long, >=, 1);
  g_assert_cmpuint (n_short, >=, 1);
  g_assert_cmpuint (n_long, <=, 3);
  g_assert_cmpuint (n_short, <=, 3);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_data_func ("/perpscope/analysis/heatmap/extend-equals-compute",
                        GUINT_TO_POINTER (1), test_extend_equals_compute);
  g_test_add_data_func ("/perpscope/analysis/heatmap/extend-equals-compute-coarse-oi",
                        GUINT_TO_POINTER (6), test_extend_equals_compute);
  g_test_add_func ("/perpscope/analysis/heatmap/extend-refuses", test_extend_refuses);
  g_test_add_func ("/perpscope/analysis/heatmap/extend-sums", test_extend_sums);
  g_test_add_func ("/perpscope/analysis/heatmap/times-shared", test_times_shared);
  g_test_add_func ("/perpscope/analysis/heatmap/cancelled", test_cancelled);
  g_test_add_func ("/perpscope/analysis/heatmap/real-data", test_real_data);

  return g_test_run ();
}
