/* ps-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ps-pane-kinds.h"
#include "ps-render-heatmap.h"
#include "ps-render.h"
#include "ps-report-private.h"
#include "ps-time.h"

#define DAY_MS ((gint64) 24 * 3600 * 1000)

G_DEFINE_QUARK (ps-export-error-quark, ps_export_error)

/* Layout --------------------------------------------------------------- */

PangoLayout *
_ps_report_layout (cairo_t            *cr,
                  const PsChartStyle *style,
                  double              size,
                  PangoWeight         weight)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();
  PangoLayout *layout = pango_cairo_create_layout (cr);

  pango_font_description_set_family (desc, style->font_family);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

void
_ps_report_set_color (cairo_t       *cr,
                     const PsColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* The Perpscope mark: three small candles and the name, right-aligned at x. */
static void
ps_report_draw_mark (cairo_t            *cr,
                     const PsChartStyle *style,
                     double              right,
                     double              center_y,
                     double              size)
{
  g_autoptr(PangoLayout) layout = NULL;
  static const double bars[3][2] = { { .35, .85 }, { .10, .70 }, { .25, 1.0 } };
  double u = round (size * 0.30), h = round (size * 1.15), x;
  int w, lh;

  layout = _ps_report_layout (cr, style, size, PANGO_WEIGHT_SEMIBOLD);
  pango_layout_set_text (layout, "Perpscope", -1);
  pango_layout_get_pixel_size (layout, &w, &lh);
  x = round (right - w);
  cairo_move_to (cr, x, round (center_y - lh / 2.));
  _ps_report_set_color (cr, &style->text_dim);
  pango_cairo_show_layout (cr, layout);

  x -= round (size * 0.5) + 3 * u + 2 * round (u * 0.6);
  for (int i = 0; i < 3; i++)
    {
      double top = round (center_y - h / 2 + bars[i][0] * h);
      double bottom = round (center_y - h / 2 + bars[i][1] * h);

      _ps_report_set_color (cr, i == 1 ? &style->down : &style->up);
      cairo_rectangle (cr, x, top, u, bottom - top);
      cairo_rectangle (cr, x + floor ((u - 1) / 2), round (center_y - h / 2 - 1), 1, h + 2);
      cairo_fill (cr);
      x += u + round (u * 0.6);
    }
}

char *
ps_report_title_text (const PsReport *report)
{
  g_autofree char *title = NULL;
  const char *interval;

  g_return_val_if_fail (report != NULL, NULL);

  interval = ps_interval_to_string (report->interval);
  title = g_strdup_printf ("%s %s%s%s", report->venue_name ? report->venue_name : "",
                           report->symbol ? report->symbol : "", *interval ? " · " : "",
                           interval);
  return g_strdup (g_strstrip (title));
}

/* The range as the user chose it: "--from 2025-11-20 --to 2025-12-17" is
 * those days, whatever the candles' times; a range that is not whole days
 * says both ends to the minute, alike. */
char *
ps_report_range_text (const PsReport *report)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean days;

  g_return_val_if_fail (report != NULL, NULL);

  days = report->from_ms % DAY_MS == 0 && report->to_ms % DAY_MS == 0;
  from = days ? ps_time_format_utc (report->from_ms) : ps_time_format_utc_minutes (report->from_ms);
  to = days ? ps_time_format_utc (report->to_ms) : ps_time_format_utc_minutes (report->to_ms);
  return g_strdup_printf ("%s → %s UTC", from, to);
}

/* The phases' key, drawn nowhere: its width. */
static double
ps_report_legend_width (cairo_t            *cr,
                        const PsChartStyle *style)
{
  PsRect rect = { 0, 0, 10000, style->font_size * 1.5 };
  double w;

  cairo_push_group (cr);
  w = ps_render_phase_legend (cr, &rect, style);
  cairo_pattern_destroy (cairo_pop_group (cr));
  return w;
}

/* The title, under it the range, the note and when the report was made,
 * the mark at the right and under it the phases' key (with an analysis,
 * where the subtitle leaves room). */
static void
ps_report_draw_header (const PsReport     *report,
                       cairo_t            *cr,
                       const PsChartStyle *style,
                       double              margin,
                       double              width,
                       double              height)
{
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) sub_layout = NULL;
  g_autofree char *title = ps_report_title_text (report);
  g_autofree char *range = ps_report_range_text (report);
  g_autofree char *generated = NULL;
  g_autofree char *made = NULL;
  g_autofree char *subtitle = NULL;
  double mark_w = style->font_size * 10;
  double legend_w = report->analysis != NULL ? ps_report_legend_width (cr, style) : 0;
  double sub_w = width - 2 * margin - (legend_w > 0 ? legend_w + style->font_size * 2 : 0);
  int tw, th, sw, sh;
  double y;

  /* To the minute: a report made at midnight is not "made on a day". */
  generated = ps_time_format_utc_minutes (report->generated_ms != 0
                                          ? report->generated_ms
                                          : g_get_real_time () / 1000);
  /* TRANSLATORS: "Generated 2026-12-03 05:20 UTC", after the range */
  made = g_strdup_printf (_("Generated %s UTC"), generated);
  if (report->note != NULL && *report->note != '\0')
    subtitle = g_strdup_printf ("%s  ·  %s  ·  %s", range, report->note, made);
  else
    subtitle = g_strdup_printf ("%s  ·  %s", range, made);

  title_layout = _ps_report_layout (cr, style, round (style->font_size * 1.55),
                                    PANGO_WEIGHT_BOLD);
  sub_layout = _ps_report_layout (cr, style, style->font_size, PANGO_WEIGHT_NORMAL);
  pango_layout_set_width (title_layout, (int) MAX (width - 2 * margin - mark_w, 1) * PANGO_SCALE);
  pango_layout_set_text (title_layout, title, -1);
  pango_layout_set_text (sub_layout, subtitle, -1);
  pango_layout_get_pixel_size (sub_layout, &sw, &sh);
  /* The key only where the whole subtitle fits beside it. */
  if (legend_w > 0 && sw > sub_w)
    {
      legend_w = 0;
      sub_w = width - 2 * margin;
    }
  pango_layout_set_width (sub_layout, (int) MAX (sub_w, 1) * PANGO_SCALE);
  pango_layout_get_pixel_size (title_layout, &tw, &th);
  pango_layout_get_pixel_size (sub_layout, &sw, &sh);

  y = round ((height - th - sh - 2) / 2);
  _ps_report_set_color (cr, &style->text);
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, title_layout);
  _ps_report_set_color (cr, &style->text_dim);
  cairo_move_to (cr, margin, y + th + 2);
  pango_cairo_show_layout (cr, sub_layout);

  ps_report_draw_mark (cr, style, width - margin, y + th / 2., style->font_size);
  if (legend_w > 0)
    {
      PsRect key = { width - margin - legend_w, y + th + 2, legend_w + 1, sh };

      ps_render_phase_legend (cr, &key, style);
    }
}

/* What the analysis adds to the panes, made for one draw. */
typedef struct
{
  PsHeatmapImage          *image;       /* NULL: no heatmap drawn */
  GArray                  *zones;
  PsPredictedLiquidations  predicted;
  gboolean                 with_predicted;
  const GArray            *periods;     /* PsPhasePeriod, or NULL */
  PsReportSummary          summary;
} PsReportAnalysis;

static void
ps_report_analysis_init (PsReportAnalysis *ra,
                         const PsReport   *report)
{
  PsHeatmap *heatmap;
  const PsCandles *c = report->candles;

  *ra = (PsReportAnalysis) { 0 };
  _ps_report_summary_init (&ra->summary, report);
  if (report->analysis == NULL)
    return;

  ra->periods = ps_treadmill_get_periods (ps_analysis_get_treadmill (report->analysis));
  heatmap = ps_analysis_get_heatmap (report->analysis, PS_HEATMAP_MODEL);
  /* As the window: without the heatmap, none of the model's estimates. */
  if (heatmap == NULL || !(report->heatmap_opacity > 0))
    return;

  ra->image = ps_heatmap_image_new ();
  ps_heatmap_image_set_grid (ra->image, ps_heatmap_get_grid (heatmap));
  if (c != NULL && c->n > 0)
    {
      /* The zones around the last price drawn, not the last price loaded. */
      guint end = ps_series_lower_bound (c->t_ms, c->n, report->to_ms);

      ra->zones = ps_heatmap_get_zones (heatmap, ps_candles_close_at (c, end > 0 ? end - 1 : 0));
    }
  ra->predicted = ps_predicted_liquidations_from_heatmap (heatmap);
  ra->with_predicted = TRUE;
}

static void
ps_report_analysis_clear (PsReportAnalysis *ra)
{
  g_clear_pointer (&ra->image, ps_heatmap_image_free);
  g_clear_pointer (&ra->zones, g_array_unref);
  _ps_report_summary_clear (&ra->summary);
}

/* A liquidations pane with recordings, stretches not recorded or predictions. */
static gboolean
ps_report_with_liquidations (const PsReport         *report,
                             const PsReportAnalysis *ra)
{
  return report->liquidations != NULL ||
         (report->not_recorded != NULL && report->n_not_recorded > 0) || ra->with_predicted;
}

static void
ps_report_draw_price (const PsReport               *report,
                      const PsReportAnalysis       *ra,
                      cairo_t                      *cr,
                      const PsRect                 *rect,
                      PsTimeAxis                   *axis,
                      const PsRecordedLiquidations *liq,
                      const PsChartStyle           *style)
{
  PsPriceLayers layers = { liq, ra->image, report->heatmap_opacity, NULL, 0 };

  layers.price_style = report->price_style;
  layers.log_scale = report->log_scale;
  layers.show_volume = report->show_volume;
  if (report->analysis == NULL)
    {
      layers.heatmap = NULL;
      ps_render_price_layers (cr, rect, axis, report->candles, report->interval, &layers,
                              report->symbol, style);
      return;
    }
  if (ra->zones != NULL)
    {
      layers.zones = (const PsHeatZone *) (gconstpointer) ra->zones->data;
      layers.n_zones = ra->zones->len;
    }
  layers.heatmap_opacity = CLAMP (report->heatmap_opacity, 0, 1);
  ps_render_price_layers (cr, rect, axis, report->candles, report->interval, &layers,
                          report->symbol, style);
}

/* An aggregate's venues stacked and compared where the report asks: which
 * panes it drew. */
static void
ps_report_draw_venues (const PsReport     *report,
                       cairo_t            *cr,
                       const PsRect       *open_interest_rect,
                       const PsRect       *funding_rect,
                       PsTimeAxis         *axis,
                       const PsChartStyle *style,
                       gboolean           *drew_oi,
                       gboolean           *drew_funding)
{
  g_autofree char *oi_title = ps_render_open_interest_stack_title ();
  g_autofree char *funding_title = ps_render_funding_compare_title (report->funding_annualised);

  *drew_oi = report->venues != NULL && report->oi_by_venue &&
             report->oi_unit == PS_OI_UNIT_USD && !report->oi_delta;
  *drew_funding = report->venues != NULL && report->funding_by_venue;
  if (*drew_oi && open_interest_rect->height > 0)
    ps_render_open_interest_stack (cr, open_interest_rect, axis, report->venues,
                                   report->n_venues, oi_title, style);
  if (*drew_funding && funding_rect->height > 0)
    ps_render_funding_compare (cr, funding_rect, axis, report->venues, report->n_venues,
                               report->funding_annualised, funding_title, style);
}

/* Open interest and funding with the report's options, titled as the
 * window titles them. */
static void
ps_report_draw_series (const PsReport     *report,
                       cairo_t            *cr,
                       const PsRect       *open_interest_rect,
                       const PsRect       *funding_rect,
                       PsTimeAxis         *axis,
                       const PsChartStyle *style)
{
  g_autofree char *coin = NULL;
  g_autofree char *oi_title = NULL;
  g_autofree char *period = ps_render_funding_title (report->funding);
  g_autofree char *funding_title = NULL;
  PsOpenInterestOptions oi = { report->oi_unit, report->oi_delta, NULL };
  PsFundingOptions funding = { report->funding_annualised, NULL, 0 };
  gboolean drew_oi, drew_funding;

  ps_report_draw_venues (report, cr, open_interest_rect, funding_rect, axis, style, &drew_oi,
                         &drew_funding);
  /* "BTC" of "BTCUSDT": the unit contracts are counted in. */
  if (report->symbol != NULL && g_str_has_suffix (report->symbol, "USDT"))
    oi.coin = coin = g_strndup (report->symbol, strlen (report->symbol) - 4);
  oi_title = ps_render_open_interest_title (&oi);
  if (open_interest_rect->height > 0 && !drew_oi)
    ps_render_open_interest_with_options (cr, open_interest_rect, axis, report->open_interest, &oi,
                                          oi_title, style);
  funding_title = report->funding_annualised ? g_strdup_printf (_("%s, annualised"), period)
                                             : g_steal_pointer (&period);
  if (funding_rect->height > 0 && !drew_funding)
    ps_render_funding_with_options (cr, funding_rect, axis, report->funding, &funding,
                                    funding_title, style);
}

static void
ps_report_draw_liquidations (const PsReport               *report,
                             const PsReportAnalysis       *ra,
                             cairo_t                      *cr,
                             const PsRect                 *rect,
                             PsTimeAxis                   *axis,
                             const PsRecordedLiquidations *liq,
                             const PsChartStyle           *style)
{
  g_autofree char *title = ps_render_liquidations_title (report->venue_name);

  if (report->analysis == NULL)
    ps_render_liquidations (cr, rect, axis, liq, report->interval, title, style);
  else
    ps_render_liquidations_with_predicted (cr, rect, axis, liq,
                                           ra->with_predicted ? &ra->predicted : NULL,
                                           report->interval, title, style);
}

/* The pane of g that draws kind, or NULL: one the report does not draw. */
static PsRect *
ps_report_pane_rect (PsReportGeometry *g,
                     const PsPaneKind *kind)
{
  if (g_str_equal (kind->id, "price"))
    return &g->price;
  if (g_str_equal (kind->id, "open-interest"))
    return &g->open_interest;
  if (g_str_equal (kind->id, "funding"))
    return &g->funding;
  if (g_str_equal (kind->id, "liquidations"))
    return &g->liquidations;
  return NULL;
}

/* A pane's part of the height: the window's (report->pane_sizes) when
 * given, else the table's; 0 for a pane not drawn. */
static double
ps_report_pane_share (const PsReport   *report,
                      const PsPaneKind *kind,
                      gboolean          with_liq)
{
  double share = kind->share;

  if (!with_liq && g_str_equal (kind->id, "liquidations"))
    return 0;
  /* Price always: the other panes hang off its time axis. */
  if (report->pane_sizes != NULL && kind->can_hide &&
      !g_variant_lookup (report->pane_sizes, kind->id, "d", &share))
    return 0;
  return isfinite (share) && share > 0 ? share : kind->share;
}

/* The panes in the window's order and proportions (ps-pane-kinds.c, and
 * the user's sizes when report->pane_sizes says them), the last one taking
 * what rounding left; a pane not drawn gets no height and the others share
 * its room. */
static void
ps_report_layout_panes (const PsReport   *report,
                        PsReportGeometry *g,
                        gboolean          with_liq,
                        double            x,
                        double            top,
                        double            width,
                        double            panes_h)
{
  const PsPaneKind *kinds;
  PsRect *last = NULL;
  double y = top, sum = 0;
  guint n_kinds;

  kinds = ps_pane_kinds_get (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    if (ps_report_pane_rect (g, &kinds[i]) != NULL)
      sum += ps_report_pane_share (report, &kinds[i], with_liq);
  for (guint i = 0; i < n_kinds; i++)
    {
      PsRect *rect = ps_report_pane_rect (g, &kinds[i]);
      double share = ps_report_pane_share (report, &kinds[i], with_liq);

      if (rect == NULL)
        continue;
      *rect = (PsRect) { x, y, width, share > 0 ? round (panes_h * share / sum) : 0 };
      y += rect->height;
      if (share > 0)
        last = rect;
    }
  if (last != NULL)
    last->height = top + panes_h - last->y;
}

/* Where everything goes on a width × height image: the type grows with it. */
static void
ps_report_geometry (const PsReport         *report,
                    PsReportAnalysis       *ra,
                    cairo_t                *cr,
                    gboolean                with_liq,
                    int                     width,
                    int                     height,
                    PsReportGeometry       *g)
{
  double margin, top, panes_h, chart_w;

  if (report->dark)
    ps_chart_style_init_dark (&g->style);
  else
    ps_chart_style_init_light (&g->style);
  /* From the screen's 12 px up. */
  g->style.font_size = round (CLAMP (MIN (width / 130., height / 80.), 11, 20) * 2) / 2;
  g->style.gutter = round (g->style.font_size * 6.2);

  margin = round (CLAMP (width * 0.014, 10, 32));
  chart_w = width - margin - round (margin / 2);
  g->margin = margin;
  g->header_h = round (g->style.font_size * 4.4);
  /* The summary under the title takes a quarter of the height at most, a
   * fifth on a small image: the panes are what the report is for. */
  g->summary = (PsRect) { margin, g->header_h, chart_w, 0 };
  g->summary.height = _ps_report_summary_fit (&ra->summary, cr, chart_w,
                                              round (height * (height >= 540 ? 0.25 : 0.2)),
                                              &g->style)
                      + round (g->style.font_size * 0.8);
  top = g->header_h + g->summary.height;
  /* A little taller than the window's: a printed ribbon has no tooltip to
   * find it with. */
  g->ribbon.height = report->analysis != NULL
                     ? MAX (ps_render_phase_ribbon_height (&g->style),
                            round (g->style.font_size * 1.1))
                     : 0;
  g->labels.height = round (g->style.font_size * 2.3);
  /* The sources wrap to three lines where the image is tall enough, a
   * printed A4 page among them: what the data cannot tell matters most on
   * paper. */
  ra->summary.sources_lines = height >= 540 ? 3 : 2;
  g->note.height = _ps_report_sources_measure (&ra->summary, cr, chart_w, &g->style);
  panes_h = height - top - g->ribbon.height - g->labels.height - g->note.height
            - round (margin * 0.6);

  ps_report_layout_panes (report, g, with_liq, margin, top, chart_w, panes_h);
  g->ribbon = (PsRect) { margin, top + panes_h, chart_w, g->ribbon.height };
  g->labels = (PsRect) { margin, g->ribbon.y + g->ribbon.height, chart_w, g->labels.height };
  g->note = (PsRect) { margin, g->labels.y + g->labels.height, chart_w, g->note.height };
}

void
_ps_report_get_geometry (const PsReport   *report,
                         cairo_t          *cr,
                         int               width,
                         int               height,
                         PsReportGeometry *geometry)
{
  PsReportAnalysis ra;

  g_return_if_fail (report != NULL && geometry != NULL);

  ps_report_analysis_init (&ra, report);
  ps_report_geometry (report, &ra, cr, ps_report_with_liquidations (report, &ra), width, height,
                      geometry);
  ps_report_analysis_clear (&ra);
}

/* "Phases" in the gutter beside the ribbon: what the strip is. */
static void
ps_report_draw_ribbon_label (cairo_t                *cr,
                             const PsReportGeometry *g)
{
  g_autoptr(PangoLayout) layout = _ps_report_layout (cr, &g->style,
                                                     round (g->style.font_size * 0.85),
                                                     PANGO_WEIGHT_NORMAL);
  PsRect plot;
  int w, h;

  ps_render_get_plot_area (&g->ribbon, &g->style, &plot);
  pango_layout_set_width (layout, (int) MAX (g->style.gutter - 8, 1) * PANGO_SCALE);
  pango_layout_set_text (layout, _("Phases"), -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  _ps_report_set_color (cr, &g->style.text_dim);
  cairo_move_to (cr, plot.x + plot.width + 6, round (g->ribbon.y + (g->ribbon.height - h) / 2));
  pango_cairo_show_layout (cr, layout);
}

static void
ps_report_draw_rules (cairo_t                *cr,
                      const PsReportGeometry *g)
{
  const PsColor *grid = &g->style.grid;
  double bottom = g->labels.y + g->labels.height;

  cairo_set_source_rgba (cr, grid->red, grid->green, grid->blue, grid->alpha * 1.8);
  if (g->open_interest.height > 0)
    cairo_rectangle (cr, g->margin, g->open_interest.y, g->price.width, 1);
  if (g->funding.height > 0)
    cairo_rectangle (cr, g->margin, g->funding.y, g->price.width, 1);
  if (g->liquidations.height > 0)
    cairo_rectangle (cr, g->margin, g->liquidations.y, g->price.width, 1);
  if (g->ribbon.height > 0)
    cairo_rectangle (cr, g->margin, g->ribbon.y, g->price.width, 1);
  cairo_fill (cr);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, g->margin - 0.5, g->price.y - 0.5, g->price.width + 1,
                   bottom - g->price.y + 1);
  cairo_stroke (cr);
}

void
ps_report_draw (const PsReport *report,
                cairo_t        *cr,
                int             width,
                int             height)
{
  g_autoptr(PsTimeAxis) axis = NULL;
  PsRecordedLiquidations liq = { report->liquidations, report->not_recorded,
                                 report->not_recorded != NULL ? report->n_not_recorded : 0 };
  PsReportAnalysis ra;
  PsReportGeometry g;
  gboolean with_liq;

  g_return_if_fail (report != NULL);
  g_return_if_fail (cr != NULL);

  ps_report_analysis_init (&ra, report);
  with_liq = ps_report_with_liquidations (report, &ra);
  ps_report_geometry (report, &ra, cr, with_liq, width, height, &g);

  cairo_save (cr);
  _ps_report_set_color (cr, &g.style.background);
  cairo_paint (cr);
  ps_report_draw_header (report, cr, &g.style, g.margin, width, g.header_h);
  _ps_report_summary_draw (&ra.summary, cr, &g.summary, &g.style);

  axis = ps_time_axis_new ();
  ps_time_axis_set_range (axis, report->from_ms, report->to_ms);

  ps_report_draw_price (report, &ra, cr, &g.price, axis, with_liq ? &liq : NULL, &g.style);
  /* A pane the window hides, the report leaves out. */
  ps_report_draw_series (report, cr, &g.open_interest, &g.funding, axis, &g.style);
  if (g.liquidations.height > 0)
    ps_report_draw_liquidations (report, &ra, cr, &g.liquidations, axis, &liq, &g.style);
  /* The phases on the time axis, over its labels, as in the window. */
  if (ra.periods != NULL)
    {
      ps_render_phase_ribbon (cr, &g.ribbon, axis,
                              (const PsPhasePeriod *) (gconstpointer) ra.periods->data,
                              ra.periods->len, &g.style);
      ps_report_draw_ribbon_label (cr, &g);
    }
  ps_render_time_labels (cr, &g.labels, axis, &g.style);
  _ps_report_sources_draw (&ra.summary, cr, &g.note, &g.style);

  ps_report_draw_rules (cr, &g);
  cairo_restore (cr);
  ps_report_analysis_clear (&ra);
}
