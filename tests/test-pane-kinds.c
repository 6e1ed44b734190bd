/* test-pane-kinds.c: the one table of panes the window and the report share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-chart-pane.h"
#include "ps-pane-kinds.h"
#include "ps-report-private.h"
#include "ps-test-util.h"

/* Ids unique, shares positive, every line filled in, and each kind one the
 * window can make a PsChartPane of (its id is a PsChartPaneKind nick). */
static void
test_table (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (PS_TYPE_CHART_PANE_KIND);
  const PsPaneKind *kinds;
  guint n_kinds;
  double sum = 0;

  kinds = ps_pane_kinds_get (&n_kinds);
  g_assert_cmpuint (n_kinds, >=, 4);
  /* Price on top, and always there: the other panes share its time axis. */
  g_assert_cmpstr (kinds[0].id, ==, "price");
  g_assert_false (kinds[0].can_hide);
  for (guint i = 0; i < n_kinds; i++)
    {
      const PsPaneKind *kind = &kinds[i];
      GEnumValue *value = g_enum_get_value_by_nick (enum_class, kind->id);

      g_test_message ("%s: %.2f, at least %d px", kind->id, kind->share, kind->min_height);
      g_assert_true (g_hash_table_add (seen, (gpointer) kind->id));
      g_assert_nonnull (value);
      g_assert_cmpint (value->value, !=, PS_CHART_PANE_TIME_LABELS);
      g_assert_cmpfloat (kind->share, >, 0);
      g_assert_cmpint (kind->min_height, >=, 60);
      g_assert_cmpstr (kind->name, !=, "");
      g_assert_cmpstr (kind->description, !=, "");
      g_assert_true (ps_pane_kinds_lookup (kind->id) == kind);
      sum += kind->share;
    }
  g_assert_null (ps_pane_kinds_lookup ("time-labels"));
  g_assert_null (ps_pane_kinds_lookup ("nonsense"));
  g_assert_null (ps_pane_kinds_lookup (NULL));
  g_assert_cmpfloat_with_epsilon (ps_pane_kinds_sum_shares (NULL, NULL), sum, 1e-9);
}

static PsRect *
report_rect (PsReportGeometry *g,
             const char       *id)
{
  if (g_str_equal (id, "price"))
    return &g->price;
  if (g_str_equal (id, "open-interest"))
    return &g->open_interest;
  if (g_str_equal (id, "funding"))
    return &g->funding;
  if (g_str_equal (id, "liquidations"))
    return &g->liquidations;
  g_assert_not_reached ();
}

static gboolean
not_liquidations (const PsPaneKind *kind,
                  gpointer          data)
{
  return !g_str_equal (kind->id, "liquidations");
}

/* The report draws every kind, in the table's order, one under the other,
 * each with its share of the height (to a pixel of rounding); without
 * recorded liquidations the others share that pane's room. */
static void
check_report (gboolean with_liq)
{
  g_autoptr(PsCandles) candles = ps_candles_new (0);
  g_autoptr(PsLiquidations) liquidations = ps_liquidations_new (0);
  PsReport report = {
    .venue_name = "Binance", .symbol = "BTCUSDT", .interval = PS_INTERVAL_4H,
    .from_ms = 1764547200000, .to_ms = 1764547200000 + 86400000, .candles = candles,
    .liquidations = with_liq ? liquidations : NULL,
  };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1600, 1000);
  cairo_t *cr = cairo_create (surface);
  const PsPaneKind *kinds = NULL;
  PsReportGeometry g;
  double top, total = 0, sum;
  guint n_kinds;

  _ps_report_get_geometry (&report, cr, 1600, 1000, &g);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  sum = ps_pane_kinds_sum_shares (with_liq ? NULL : not_liquidations, NULL);
  kinds = ps_pane_kinds_get (&n_kinds);
  top = g.price.y;
  g_test_message ("panes %.0f %.0f %.0f %.0f, ribbon at %.0f", g.price.height,
                  g.open_interest.height, g.funding.height, g.liquidations.height, g.ribbon.y);
  for (guint i = 0; i < n_kinds; i++)
    if (with_liq || !g_str_equal (kinds[i].id, "liquidations"))
      total += report_rect (&g, kinds[i].id)->height;
  for (guint i = 0; i < n_kinds; i++)
    {
      PsRect *rect = report_rect (&g, kinds[i].id);

      if (!with_liq && g_str_equal (kinds[i].id, "liquidations"))
        {
          g_assert_cmpfloat (rect->height, ==, 0);
          continue;
        }
      g_test_message ("%s: y %.0f, %.0f px of %.0f", kinds[i].id, rect->y, rect->height, total);
      g_assert_cmpfloat (rect->y, ==, top);
      g_assert_cmpfloat (fabs (rect->height - total * kinds[i].share / sum), <=, 1);
      top += rect->height;
    }
  g_assert_cmpfloat (top, ==, g.ribbon.y);
}

static void
test_report_with_liquidations (void)
{
  check_report (TRUE);
}

static void
test_report_without_liquidations (void)
{
  check_report (FALSE);
}

/* The window's panes and sizes: the panes it hides left out, the others
 * in its proportions; price whatever it says. */
static void
test_report_window_sizes (void)
{
  g_autoptr(PsCandles) candles = ps_candles_new (0);
  g_autoptr(PsLiquidations) liquidations = ps_liquidations_new (0);
  g_autoptr(GVariant) sizes = g_variant_ref_sink (g_variant_new_parsed (
    "{'open-interest': 0.2, 'liquidations': 0.4, 'nonsense': 1.0}"));
  PsReport report = {
    .venue_name = "Binance", .symbol = "BTCUSDT", .interval = PS_INTERVAL_4H,
    .from_ms = 1764547200000, .to_ms = 1764547200000 + 86400000, .candles = candles,
    .liquidations = liquidations, .pane_sizes = sizes,
  };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1600, 1000);
  cairo_t *cr = cairo_create (surface);
  PsReportGeometry g;
  double total, price_share = ps_pane_kinds_lookup ("price")->share;

  _ps_report_get_geometry (&report, cr, 1600, 1000, &g);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_test_message ("panes %.0f %.0f %.0f %.0f", g.price.height, g.open_interest.height,
                  g.funding.height, g.liquidations.height);
  total = g.price.height + g.open_interest.height + g.liquidations.height;
  g_assert_cmpfloat (g.funding.height, ==, 0);
  g_assert_cmpfloat (g.open_interest.y, ==, g.price.y + g.price.height);
  g_assert_cmpfloat (g.liquidations.y, ==, g.open_interest.y + g.open_interest.height);
  g_assert_cmpfloat (g.ribbon.y, ==, g.liquidations.y + g.liquidations.height);
  g_assert_cmpfloat (fabs (g.price.height - total * price_share / (price_share + 0.6)), <=, 1);
  g_assert_cmpfloat (fabs (g.liquidations.height - 2 * g.open_interest.height), <=, 2);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/chart/pane-kinds/table", test_table);
  g_test_add_func ("/perpscope/chart/pane-kinds/report", test_report_with_liquidations);
  g_test_add_func ("/perpscope/chart/pane-kinds/report-without-liquidations",
                   test_report_without_liquidations);
  g_test_add_func ("/perpscope/chart/pane-kinds/report-window-sizes", test_report_window_sizes);

  return g_test_run ();
}
