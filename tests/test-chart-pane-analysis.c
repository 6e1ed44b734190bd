/* test-chart-pane-analysis.c: the price pane keeps its heatmap image across
 * results that share the model's heatmap
 *
 * A live window gets a new analysis result for every batch of liquidations
 * (several a second), and such a result shares the previous one's heatmaps
 * (ps_analysis_run ()). Turning a grid into the pane's colour levels is a
 * pass over every cell on the main thread, then an image built at the next
 * frame: done only when the heatmap is another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "ps-chart-pane-private.h"
#include "ps-render-heatmap.h"
#include "ps-test-analysis.h"
#include "ps-test-real-data.h"

static void
test_shared_heatmap_kept (void)
{
  g_autoptr(PsCandles) all = load_candles ("binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv");
  g_autoptr(PsCandles) head = ps_candles_slice (all, G_MININT64, all->t_ms[all->n - 1]);
  g_autoptr(PsOpenInterest) oi = load_open_interest ();
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  g_autoptr(PsLiquidations) more = NULL;
  g_autoptr(PsAnalysis) first = NULL;
  g_autoptr(PsAnalysis) live = NULL;
  g_autoptr(PsAnalysis) longer = NULL;
  PsAnalysisInput input = { head, NULL, oi, NULL, liq, NULL };
  PsChartPane *pane = g_object_ref_sink (PS_CHART_PANE (ps_chart_pane_new (PS_CHART_PANE_PRICE)));
  const PsHeatmapImage *image;
  const GArray *zones;

  add_liquidations (liq, all, 0, 5);
  first = run_ok (&input, NULL);
  more = ps_liquidations_slice (liq, G_MININT64, G_MAXINT64);
  add_liquidations (more, all, 2, 3);
  input.liquidations = more;
  live = run_ok (&input, first);
  input.candles = all;
  longer = run_ok (&input, live);
  g_assert_true (ps_analysis_get_heatmap (live, PS_HEATMAP_MODEL) ==
                 ps_analysis_get_heatmap (first, PS_HEATMAP_MODEL));
  g_assert_true (ps_analysis_get_heatmap (longer, PS_HEATMAP_MODEL) !=
                 ps_analysis_get_heatmap (live, PS_HEATMAP_MODEL));

  ps_chart_pane_set_analysis (pane, first, TRUE, 0.8);
  image = pane->heat_image;
  g_assert_nonnull (image);
  g_assert_false (ps_heatmap_image_is_empty (image));
  g_assert_cmpuint (ps_heatmap_image_get_n_grids (image), ==, 1);
  zones = pane->zones;

  /* New liquidations: the same heatmap, nothing redone, the result taken. */
  ps_chart_pane_set_analysis (pane, live, TRUE, 0.8);
  g_assert_true (pane->analysis == live);
  g_assert_cmpuint (ps_heatmap_image_get_n_grids (image), ==, 1);
  g_assert_true (pane->zones == zones);

  /* A candle more: another heatmap, its grid set. */
  ps_chart_pane_set_analysis (pane, longer, TRUE, 0.8);
  g_assert_cmpuint (ps_heatmap_image_get_n_grids (image), ==, 2);

  /* No result: the image emptied. */
  ps_chart_pane_set_analysis (pane, NULL, TRUE, 0.8);
  g_assert_cmpuint (ps_heatmap_image_get_n_grids (image), ==, 3);
  g_assert_true (ps_heatmap_image_is_empty (image));
  g_assert_null (pane->zones);

  g_assert_finalize_object (pane);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);
  gtk_init ();

  g_test_add_func ("/perpscope/chart/pane-analysis/shared-heatmap-kept", test_shared_heatmap_kept);

  return g_test_run ();
}
