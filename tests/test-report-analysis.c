/* test-report-analysis.c: the analysis in a report — heatmap, ribbon and
 * summary — over the real late-2025 BTCUSDT data (4h candles, Binance's
 * daily open interest, 8h funding) with liquidations made up here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "ps-analysis.h"
#include "ps-render.h"
#include "ps-report-private.h"
#include "ps-report.h"
#include "ps-test-real-data.h"
#include "ps-test-util.h"
#include "ps-time.h"

#define HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)

typedef struct
{
  PsCandles      *candles;
  PsOpenInterest *open_interest;
  PsFunding      *funding;
  PsLiquidations *liquidations;
  GArray         *not_recorded;   /* PsTimeSpan */
  PsAnalysis     *analysis;
  PsReport        report;
} Fixture;

/* The range drawn: the open interest's, 7 Nov – 18 Dec 2025. Recorded:
 * 15 Nov – 10 Dec, a long liquidated at each candle's low and a short at
 * its high, more where the candle fell hard. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PsCandles) all = load_candles ("binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv");
  g_autoptr(GError) error = NULL;
  PsAnalysisParams params;
  PsAnalysisInput input = { 0 };
  gint64 from_ms, to_ms, rec_from, rec_to;
  PsTimeSpan spans[2];

  f->open_interest = load_open_interest ();
  f->funding = load_funding ();
  from_ms = f->open_interest->t_ms[0];
  to_ms = f->open_interest->t_ms[f->open_interest->n - 1] + 24 * HOUR_MS;
  f->candles = ps_candles_slice (all, from_ms, to_ms);
  g_assert_cmpuint (f->candles->n, >, 200);

  rec_from = from_ms + 8 * 24 * HOUR_MS;
  rec_to = rec_from + 25 * 24 * HOUR_MS;
  f->liquidations = ps_liquidations_new (0);
  for (guint i = 0; i < f->candles->n; i++)
    {
      const PsCandles *c = f->candles;
      double drop = MAX (0, ps_candles_open_at (c, i) - ps_candles_close_at (c, i)) /
                    ps_candles_open_at (c, i);

      if (c->t_ms[i] < rec_from || c->t_ms[i] >= rec_to)
        continue;
      ps_liquidations_append (f->liquidations, c->t_ms[i] + HOUR_MS, PS_LIQ_LONG,
                              PS_LIQ_SOURCE_LIVE, ps_candles_low_at (c, i),
                              ps_candles_low_at (c, i), 1, 2e5 + 2e10 * drop * drop);
      ps_liquidations_append (f->liquidations, c->t_ms[i] + 2 * HOUR_MS, PS_LIQ_SHORT,
                              PS_LIQ_SOURCE_LIVE, ps_candles_high_at (c, i),
                              ps_candles_high_at (c, i), 1, 1e5);
    }
  spans[0] = (PsTimeSpan) { from_ms, rec_from };
  spans[1] = (PsTimeSpan) { rec_to, to_ms };
  f->not_recorded = g_array_new (FALSE, FALSE, sizeof (PsTimeSpan));
  g_array_append_vals (f->not_recorded, spans, 2);

  ps_analysis_params_init (&params);
  /* A week's baseline: the recordings are three weeks long. */
  params.treadmill.baseline_ms = 7 * 24 * HOUR_MS;
  input.candles = f->candles;
  input.open_interest = f->open_interest;
  input.funding = f->funding;
  input.liquidations = f->liquidations;
  input.not_recorded = f->not_recorded;
  f->analysis = ps_analysis_run (&params, &input, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ps_analysis_get_heatmap (f->analysis, PS_HEATMAP_MODEL));

  f->report = (PsReport) {
    .venue_name = "Binance",
    .symbol = "BTCUSDT",
    .interval = PS_INTERVAL_4H,
    .from_ms = from_ms,
    .to_ms = to_ms,
    .candles = f->candles,
    .funding = f->funding,
    .open_interest = f->open_interest,
    .liquidations = f->liquidations,
    .not_recorded = (const PsTimeSpan *) (gconstpointer) f->not_recorded->data,
    .n_not_recorded = f->not_recorded->len,
    .analysis = f->analysis,
    .heatmap_opacity = PS_REPORT_HEATMAP_OPACITY,
  };
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->analysis, ps_analysis_unref);
  g_clear_pointer (&f->candles, ps_candles_unref);
  g_clear_pointer (&f->open_interest, ps_open_interest_unref);
  g_clear_pointer (&f->funding, ps_funding_unref);
  g_clear_pointer (&f->liquidations, ps_liquidations_unref);
  g_clear_pointer (&f->not_recorded, g_array_unref);
}

typedef struct
{
  cairo_surface_t *surface;
  PsReportGeometry geometry;
} Drawn;

static void
drawn_clear (Drawn *d)
{
  g_clear_pointer (&d->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Drawn, drawn_clear)

/* PS_TEST_PNG_DIR=/tmp keeps what a case drew, to look at. */
static void
draw (const PsReport *report,
      int             width,
      int             height,
      const char     *name,
      Drawn          *d)
{
  cairo_t *cr;

  d->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (d->surface);
  ps_report_draw (report, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  _ps_report_get_geometry (report, cr, width, height, &d->geometry);
  cairo_destroy (cr);
  cairo_surface_flush (d->surface);
  if (g_getenv ("PS_TEST_PNG_DIR") != NULL)
    {
      g_autofree char *file = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (g_getenv ("PS_TEST_PNG_DIR"), file, NULL);

      cairo_surface_write_to_png (d->surface, path);
    }
}

static guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_true (x >= 0 && x < cairo_image_surface_get_width (surface));
  g_assert_true (y >= 0 && y < cairo_image_surface_get_height (surface));
  return *(const guint32 *) (gconstpointer) (data + (int) y * stride + 4 * (int) x) & 0xffffff;
}

static gboolean
same_rgb (guint32        px,
          const PsColor *color)
{
  int c[3] = { lround (color->red * 255), lround (color->green * 255),
               lround (color->blue * 255) };

  for (int k = 0; k < 3; k++)
    if (abs ((int) ((px >> (16 - 8 * k)) & 0xff) - c[k]) > 2)
      return FALSE;
  return TRUE;
}

/* Every heat stop has less green than red (purple to amber): over the
 * light background, a heat pixel is a warm tint of it. */
static gboolean
is_heat (guint32 px,
         guint32 bare)
{
  int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff;

  return px != bare && g < r - 3;
}

/* Where the model's grid holds much notional away from the candles, the
 * report's price plot has heat, and not without the heatmap. */
static void
test_heat (Fixture       *f,
           gconstpointer  data)
{
  const PsHeatmapGrid *grid = ps_heatmap_get_grid (ps_analysis_get_heatmap (f->analysis,
                                                                            PS_HEATMAP_MODEL));
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  g_auto(Drawn) heat = { 0 };
  g_auto(Drawn) bare = { 0 };
  PsReport report = f->report;
  PsValueScale scale;
  PsRect plot;
  double bin_w = (grid->price_hi - grid->price_lo) / grid->n_bins;
  guint checked = 0, hot = 0;

  draw (&f->report, 1600, 1000, "report-heat", &heat);
  report.heatmap_opacity = 0;
  draw (&report, 1600, 1000, "report-no-heat", &bare);

  ps_time_axis_set_range (axis, report.from_ms, report.to_ms);
  ps_render_get_plot_area (&heat.geometry.price, &heat.geometry.style, &plot);
  g_assert_true (ps_render_price_scale (&heat.geometry.price, axis, f->candles, PS_INTERVAL_4H,
                                        &heat.geometry.style, &scale));

  /* Cells of a quarter of the fullest or more, 3 % or more from the
   * column's close, clear of the pane's title row and the zone labels. */
  for (guint c = 0; c + 1 < grid->n_columns; c++)
    {
      gint64 mid = (grid->t_ms[c] + grid->t_ms[c + 1]) / 2;
      guint i = ps_series_lower_bound (f->candles->t_ms, f->candles->n, grid->t_ms[c]);
      double x = plot.x + ps_time_axis_to_x (axis, mid, plot.width);

      if (i >= f->candles->n || x > plot.x + plot.width * 0.8)
        continue;
      for (guint b = 0; b < grid->n_bins; b++)
        {
          gsize k = (gsize) c * grid->n_bins + b;
          double price = grid->price_lo + (b + 0.5) * bin_w, y;

          if (grid->long_usd[k] + grid->short_usd[k] < grid->max_usd / 4 ||
              fabs (price / ps_candles_close_at (f->candles, i) - 1) < 0.03)
            continue;
          y = ps_value_scale_to_y (&scale, price);
          if (y < plot.y + 40 || y > plot.y + plot.height - 2)
            continue;
          /* A bin under a pixel high shows only where it holds the pixel's
           * centre; elsewhere that pixel is its neighbour's. */
          if (fabs (floor (y) + 0.5 - y) > (ps_value_scale_to_y (&scale, price - bin_w / 2) -
                                            ps_value_scale_to_y (&scale, price + bin_w / 2)) / 2)
            continue;
          checked++;
          hot += is_heat (pixel (heat.surface, x, y), pixel (bare.surface, x, y));
        }
    }
  g_test_message ("%u of %u full cells drawn hot", hot, checked);
  g_assert_cmpuint (checked, >, 20);
  g_assert_cmpuint (hot, >=, checked * 9 / 10);
}

/* The ribbon over the time labels takes each phase's colour in its period. */
static void
test_ribbon (Fixture       *f,
             gconstpointer  data)
{
  const GArray *periods = ps_treadmill_get_periods (ps_analysis_get_treadmill (f->analysis));
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  g_auto(Drawn) d = { 0 };
  gboolean seen[PS_N_PHASES] = { FALSE };
  guint n_seen = 0;
  PsRect plot;

  draw (&f->report, 1600, 1000, "report-ribbon", &d);
  g_assert_cmpfloat (d.geometry.ribbon.height, >=, 4);
  g_assert_cmpfloat (d.geometry.ribbon.y, >=, d.geometry.liquidations.y
                                             + d.geometry.liquidations.height - 1);
  g_assert_cmpfloat (d.geometry.labels.y, ==, d.geometry.ribbon.y + d.geometry.ribbon.height);

  ps_time_axis_set_range (axis, f->report.from_ms, f->report.to_ms);
  ps_render_get_plot_area (&d.geometry.ribbon, &d.geometry.style, &plot);
  for (guint i = 0; i < periods->len; i++)
    {
      const PsPhasePeriod *p = &g_array_index (periods, PsPhasePeriod, i);
      double x0 = plot.x + ps_time_axis_to_x (axis, p->from_ms, plot.width);
      double x1 = plot.x + ps_time_axis_to_x (axis, p->to_ms, plot.width);
      double y = d.geometry.ribbon.y + d.geometry.ribbon.height / 2;

      if (p->phase == PS_PHASE_NONE || x1 - x0 < 5 || x0 < plot.x || x1 > plot.x + plot.width)
        continue;
      if (same_rgb (pixel (d.surface, (x0 + x1) / 2, y),
                    ps_render_phase_color (&d.geometry.style, p->phase)))
        n_seen += !seen[p->phase];
      else
        g_error ("%s at %g is #%06x", ps_phase_to_string (p->phase), (x0 + x1) / 2,
                 pixel (d.surface, (x0 + x1) / 2, y));
      seen[p->phase] = TRUE;
    }
  g_test_message ("%u phases seen on the ribbon", n_seen);
  g_assert_cmpuint (n_seen, >=, 2);
}

static const char *
line_of (const char *text,
         const char *label)
{
  g_autofree char *head = g_strconcat ("\n", label, ": ", NULL);
  const char *at = g_str_has_prefix (text, head + 1) ? text : strstr (text, head);

  g_assert_nonnull (at);
  return at + (at == text ? 0 : 1);
}

/* The summary names the market's numbers, the phase at the end (or the last
 * one), a hot zone in USD, the scores of all three and the verdict, and the
 * caveat. */
static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *text = ps_report_summary_text (&f->report);
  PsTreadmill *treadmill = ps_analysis_get_treadmill (f->analysis);
  const PsPhasePeriod *end = ps_treadmill_lookup (treadmill,
                                                  f->candles->t_ms[f->candles->n - 1]);
  const GArray *periods = ps_treadmill_get_periods (treadmill);
  PsPhase phase = end != NULL ? end->phase : PS_PHASE_NONE;
  const char *zones;
  PsReport report = f->report;
  g_autofree char *other = NULL;
  PsScore scores[3] = { { 0 } };

  g_test_message ("%s", text);
  g_assert_nonnull (text);
  for (guint i = periods->len; phase == PS_PHASE_NONE && i > 0; i--)
    phase = g_array_index (periods, PsPhasePeriod, i - 1).phase;
  g_assert_cmpint (phase, !=, PS_PHASE_NONE);
  /* The market first: last price and change, open interest, funding,
   * liquidations as recorded (the fixture's recordings have gaps). */
  g_assert_true (g_str_has_prefix (text, "Price: last "));
  g_assert_nonnull (strstr (line_of (text, "Price"), "over the range"));
  g_assert_nonnull (strstr (line_of (text, "Open interest"), "over the range"));
  g_assert_nonnull (strstr (line_of (text, "Funding per 8 h"), "mean "));
  g_assert_nonnull (strstr (line_of (text, "Liquidations, partly recorded"), "longs $"));
  g_assert_nonnull (strstr (line_of (text, "Phase"), ps_render_phase_label (phase)));

  /* Two zones a side, each in USD, ordered as the model ranks them. */
  for (guint side = 0; side < 2; side++)
    {
      zones = line_of (text, side == 0 ? "Hot zones above (shorts)" : "Hot zones below (longs)");
      g_assert_true (g_str_has_prefix (strchr (zones, ':'), ": $"));
      g_assert_true (strstr (zones, " · $") != NULL &&
                     strstr (zones, " · $") < strchr (zones, '\n'));
    }

  g_assert_nonnull (strstr (line_of (text, "Scores: model / uniform / round numbers"),
                            "rank correlation "));
  g_assert_nonnull (strstr (line_of (text, "Verdict"), ps_analysis_get_verdict (f->analysis)));
  g_assert_nonnull (strstr (line_of (text, "Sources"), "lower bound"));
  g_assert_nonnull (strstr (line_of (text, "Sources"), "model’s estimate"));

  /* The caller's scores and verdict win over the analysis' own. */
  scores[0].rank_corr = 0.875;
  scores[1].rank_corr = scores[2].rank_corr = NAN;
  scores[0].zones_hit = 3;
  scores[0].zones_crossed = 7;
  scores[0].share_in_zones = 0.25;
  scores[0].lift = 2.5;
  scores[0].n_scored = 40;
  scores[1].lift = scores[2].lift = NAN;
  report.scores = scores;
  report.verdict = "A verdict of the caller.";
  other = ps_report_summary_text (&report);
  g_assert_nonnull (strstr (other, "rank correlation 0.88 / — / —"));
  g_assert_nonnull (strstr (other, "zones hit 3 of 7 / 0 of 0 / 0 of 0"));
  g_assert_nonnull (strstr (other, "lift 2.5× / — / —, recorded USD in zones "
                                   "25 % / 0 % / 0 %"));
  g_assert_nonnull (strstr (other, "40 candles scored"));
  g_assert_nonnull (strstr (other, "Verdict: A verdict of the caller.\n"));
}

/* The summary as an image of width × height shows it. */
static void
fit_summary (const PsReport  *report,
             int              width,
             int              height,
             PsReportSummary *summary)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  PsReportGeometry g;

  _ps_report_get_geometry (report, cr, width, height, &g);
  _ps_report_summary_init (summary, report);
  _ps_report_summary_fit (summary, cr, g.summary.width,
                          round (height * (height >= 540 ? 0.25 : 0.2)), &g.style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Rows [y0, y1) of d hold nothing but the background: no text ran there. */
static void
assert_blank_rows (const Drawn *d,
                   double       y0,
                   double       y1)
{
  guint32 bg = pixel (d->surface, 0, 0);

  for (int y = (int) y0; y < (int) y1; y++)
    for (int x = 0; x < cairo_image_surface_get_width (d->surface); x++)
      if (pixel (d->surface, x, y) != bg)
        g_error ("#%06x at %d, %d, where only the background should be", pixel (d->surface, x, y),
                 x, y);
}

/* At each size a report is made at, light and dark: the summary under the
 * title takes a quarter of the height at most and no text runs out of it,
 * the price pane keeps a quarter of the height, the sources end on the
 * image; the social and A4 sizes show every cell, two lines each at least;
 * the smallest image keeps the market's four. */
static void
test_layout (Fixture       *f,
             gconstpointer  data)
{
  static const struct { int width, height; guint min_lines; guint cells; } sizes[] = {
    { 1200, 675, 2, 8 },
    { 1920, 1080, 3, 8 },
    { 842, 595, 2, 8 },
    { 1600, 1000, 3, 8 },
    { PS_REPORT_MIN_WIDTH, PS_REPORT_MIN_HEIGHT, 1, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes) * 2; i++)
    {
      int width = sizes[i / 2].width, height = sizes[i / 2].height;
      g_autofree char *name = g_strdup_printf ("report-%dx%d-%s", width, height,
                                               i % 2 ? "dark" : "light");
      PsReport report = f->report;
      PsReportSummary summary;
      g_auto(Drawn) d = { 0 };
      const PsReportGeometry *g;
      guint cells = 0;

      report.dark = i % 2;
      draw (&report, width, height, name, &d);
      g = &d.geometry;
      g_test_message ("%s: summary %g, price %g", name, g->summary.height, g->price.height);
      g_assert_cmpfloat (g->summary.y, ==, g->header_h);
      g_assert_cmpfloat (g->summary.height, <=, round (height * (height >= 540 ? 0.25 : 0.2)) +
                                                round (g->style.font_size * 0.8));
      g_assert_cmpfloat (g->price.y, ==, g->summary.y + g->summary.height);
      g_assert_cmpfloat (g->price.height, >=, height / (height > 400 ? 4. : 5.));
      g_assert_cmpfloat (g->note.y, >=, g->labels.y + g->labels.height);
      g_assert_cmpfloat (g->note.y + g->note.height, <=, height);
      assert_blank_rows (&d, g->price.y - round (g->style.font_size * 0.8) + 3, g->price.y - 1);

      fit_summary (&report, width, height, &summary);
      for (guint c = 0; c < PS_REPORT_N_CELLS; c++)
        cells += summary.labels[c] != NULL && !(summary.hidden & (1u << c));
      g_assert_cmpuint (cells, >=, sizes[i / 2].cells);
      g_assert_cmpuint (summary.max_lines, >=, sizes[i / 2].min_lines);
      g_assert_cmpuint (summary.n_columns, ==, width >= 800 ? 4 : 2);
      _ps_report_summary_clear (&summary);
    }
}

/* Without an analysis, nothing of it: the summary has the market's numbers
 * and the caveat only, no ribbon, and the opacity alone changes nothing. */
static void
test_without (Fixture       *f,
              gconstpointer  data)
{
  PsReport report = f->report;
  g_auto(Drawn) a = { 0 };
  g_auto(Drawn) b = { 0 };
  g_auto(Drawn) with = { 0 };
  g_autofree char *text = NULL;

  report.analysis = NULL;
  text = ps_report_summary_text (&report);
  g_assert_true (g_str_has_prefix (text, "Price: last "));
  g_assert_nonnull (strstr (text, "\nSources: "));
  g_assert_null (strstr (text, "model’s estimate"));
  g_assert_null (strstr (text, "Phase: "));
  g_assert_null (strstr (text, "Verdict: "));
  draw (&report, 1200, 800, "report-without", &a);
  report.heatmap_opacity = 0;
  draw (&report, 1200, 800, "report-without-0", &b);
  g_assert_cmpfloat (a.geometry.ribbon.height, ==, 0);
  g_assert_cmpfloat (a.geometry.note.height, >, 0);
  g_assert_cmpfloat (a.geometry.summary.height, >, 0);
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (a.surface),
                           cairo_image_surface_get_data (b.surface),
                           (gsize) cairo_image_surface_get_stride (a.surface) * 800), ==, 0);
  /* With it, the panes make room for the summary. */
  draw (&f->report, 1200, 800, "report-with", &with);
  g_assert_cmpfloat (with.geometry.price.y, >, a.geometry.price.y);
  g_assert_cmpfloat (with.geometry.ribbon.height, >, 0);
}

/* No heatmap (no open interest): the report still draws the phases, and
 * the summary says why there are no zones. */
static void
test_no_heatmap (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PsAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PsAnalysisParams params;
  PsAnalysisInput input = { f->candles, NULL, NULL, f->funding, NULL, NULL };
  PsReport report = f->report;
  g_auto(Drawn) d = { 0 };

  ps_analysis_params_init (&params);
  analysis = ps_analysis_run (&params, &input, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (ps_analysis_get_heatmap (analysis, PS_HEATMAP_MODEL));
  report.analysis = analysis;
  text = ps_report_summary_text (&report);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "\nHot zones: none: no heatmap · "));
  g_assert_null (strstr (text, "\nScores: "));
  g_assert_nonnull (strstr (text, "\nVerdict: "));
  draw (&report, 1200, 800, "report-no-heatmap", &d);
  g_assert_cmpfloat (d.geometry.ribbon.height, >, 0);
}

/* The line of text that starts with label, a copy. */
static char *
copy_line (const char *text,
           const char *label)
{
  const char *at = line_of (text, label);

  return g_strndup (at, strcspn (at, "\n"));
}

/* In a German locale the zones' bounds keep their digits: the decimal
 * mark the summary cuts off is the locale's ("98.723,0" → "98.723"), and
 * the line is the C locale's with the marks swapped. */
static void
test_zones_locale (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const labels[] = { "Hot zones above (shorts)", "Hot zones below (longs)" };
  g_autofree char *c_text = ps_report_summary_text (&f->report);
  g_autofree char *de_text = NULL;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }
  de_text = ps_report_summary_text (&f->report);
  setlocale (LC_NUMERIC, "C.UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *c_line = copy_line (c_text, labels[i]);
      g_autofree char *de_line = copy_line (de_text, labels[i]);

      g_test_message ("%s\n%s", c_line, de_line);
      for (char *p = c_line; *p != '\0'; p++)
        *p = *p == ',' ? '.' : *p == '.' ? ',' : *p;
      g_assert_cmpstr (de_line, ==, c_line);
    }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/export/report-analysis/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("heat", test_heat);
  ADD ("ribbon", test_ribbon);
  ADD ("summary", test_summary);
  ADD ("layout", test_layout);
  ADD ("without", test_without);
  ADD ("no-heatmap", test_no_heatmap);
  ADD ("zones-locale", test_zones_locale);
#undef ADD

  return g_test_run ();
}
