/* ps-report-grid.c: the summary's grid under a report's title, the verdict
 * under it and the sources at the bottom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cell is a label over its lines, each cut with "…" at the column's
 * width; the cells flow into two to four columns as the width allows. A
 * small image shows fewer lines per cell, then fewer cells (the chart says
 * the rest: zones are labelled on it, phases on the ribbon), so the panes
 * keep their room.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-report-private.h"

typedef struct
{
  double label_h;   /* a cell's label line */
  double line_h;    /* each of its lines */
  double gap_x;     /* between columns, a rule in its middle */
  double gap_y;     /* between rows of cells, and above the verdict */
  double col_w;
} PsReportGrid;

static void
ps_report_grid_init (PsReportGrid          *grid,
                     const PsReportSummary *summary,
                     double                 width,
                     const PsChartStyle    *style)
{
  guint n = MAX (summary->n_columns, 1);

  grid->label_h = round (style->font_size * 1.3);
  grid->line_h = round (style->font_size * 1.35);
  grid->gap_x = round (style->font_size * 1.6);
  grid->gap_y = round (style->font_size * 0.6);
  grid->col_w = floor ((width - (n - 1) * grid->gap_x) / n);
}

static gboolean
ps_report_cell_shown (const PsReportSummary *summary,
                      guint                  cell)
{
  return summary->labels[cell] != NULL && !(summary->hidden & (1u << cell));
}

static double
ps_report_cell_height (const PsReportSummary *summary,
                       const PsReportGrid    *grid,
                       guint                  cell)
{
  guint n = MIN (g_strv_length (summary->lines[cell]), summary->max_lines);

  return grid->label_h + n * grid->line_h;
}

/* The cells shown, in grid order, into cells; how many. */
static guint
ps_report_grid_cells (const PsReportSummary *summary,
                      guint                  cells[PS_REPORT_N_CELLS])
{
  guint n = 0;

  for (guint i = 0; i < PS_REPORT_N_CELLS; i++)
    if (ps_report_cell_shown (summary, i))
      cells[n++] = i;
  return n;
}

/* A row of text: the label in bold, the body from body_x on, wrapped to
 * max_lines where it must, hanging under the body, then cut with "…". */
static PangoLayout *
ps_report_row_layout (const char         *label,
                      const char         *body,
                      guint               max_lines,
                      cairo_t            *cr,
                      const PsChartStyle *style,
                      double              width)
{
  PangoLayout *layout = _ps_report_layout (cr, style, style->font_size, PANGO_WEIGHT_NORMAL);
  g_autoptr(GString) text = g_string_new (body);
  g_autofree char *label_xml = g_markup_escape_text (label, -1);
  g_autofree char *label_markup = g_strdup_printf ("<b>%s</b>", label_xml);
  g_autofree char *body_xml = NULL;
  g_autofree char *markup = NULL;
  PangoTabArray *tabs;
  int body_x;

  pango_layout_set_markup (layout, label_markup, -1);
  pango_layout_get_pixel_size (layout, &body_x, NULL);
  body_x += (int) round (style->font_size * 0.8);
  tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, body_x);

  /* A wrap never parts "≥ 0.1 %" or "4 ×". */
  g_string_replace (text, " %", "\u00a0%", 0);
  g_string_replace (text, " ×", "\u00a0×", 0);
  g_string_replace (text, "≥ ", "≥\u00a0", 0);
  g_string_replace (text, "≤ ", "≤\u00a0", 0);
  body_xml = g_markup_escape_text (text->str, -1);
  markup = g_strdup_printf ("<b>%s</b>\t%s", label_xml, body_xml);

  pango_layout_set_tabs (layout, tabs);
  pango_tab_array_free (tabs);
  pango_layout_set_indent (layout, -body_x * PANGO_SCALE);
  pango_layout_set_width (layout, (int) MAX (width, 1) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -(int) MAX (max_lines, 1));
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
ps_report_row_height (PangoLayout        *layout,
                      const PsChartStyle *style)
{
  int n = pango_layout_get_line_count (layout);

  return round (style->font_size * 1.5) + (n > 1 ? (n - 1) * round (style->font_size * 1.25) : 0);
}

static void
ps_report_row_draw (PangoLayout        *layout,
                    cairo_t            *cr,
                    double              x,
                    double              y,
                    const PsChartStyle *style)
{
  PangoRectangle logical;
  double line_h = round (style->font_size * 1.5);

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  /* The first line's middle on the row's. */
  cairo_move_to (cr, x, round (y + (line_h - logical.height / pango_layout_get_line_count (layout))
                                   / 2));
  pango_cairo_show_layout (cr, layout);
}

static double
ps_report_verdict_height (const PsReportSummary *summary,
                          cairo_t               *cr,
                          double                 width,
                          const PsChartStyle    *style)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (summary->verdict == NULL || summary->verdict_lines == 0)
    return 0;
  layout = ps_report_row_layout (_("Verdict"), summary->verdict, summary->verdict_lines, cr,
                                 style, width);
  return ps_report_row_height (layout, style);
}

double
_ps_report_summary_measure (const PsReportSummary *summary,
                            cairo_t               *cr,
                            double                 width,
                            const PsChartStyle    *style)
{
  guint cells[PS_REPORT_N_CELLS];
  guint n = ps_report_grid_cells (summary, cells);
  double height = 0, verdict;
  PsReportGrid grid;

  ps_report_grid_init (&grid, summary, width, style);
  for (guint first = 0; first < n; first += summary->n_columns)
    {
      double row_h = 0;

      for (guint k = first; k < MIN (first + summary->n_columns, n); k++)
        row_h = MAX (row_h, ps_report_cell_height (summary, &grid, cells[k]));
      height += (first > 0 ? grid.gap_y : 0) + row_h;
    }
  verdict = ps_report_verdict_height (summary, cr, width, style);
  return height + (verdict > 0 ? grid.gap_y + verdict : 0);
}

/* The steps a small image takes, each from the full summary, until it fits:
 * fewer lines a cell and in the verdict; no scores (the verdict gives their
 * gist); no zones (labelled on the chart); no phase (the ribbon); last, no
 * verdict, which a line would only begin. */
static const struct
{
  guint   max_lines;
  guint32 hidden;
  guint   verdict_lines;
} ps_report_fit_steps[] = {
  { 4, 0, 3 },
  { 3, 0, 3 },
  { 2, 0, 3 },
  { 2, 0, 2 },
  { 2, 1u << PS_REPORT_CELL_SCORES, 2 },
  { 1, 1u << PS_REPORT_CELL_SCORES, 2 },
  { 1, 1u << PS_REPORT_CELL_SCORES | 1u << PS_REPORT_CELL_ZONES_ABOVE |
       1u << PS_REPORT_CELL_ZONES_BELOW, 2 },
  { 1, 1u << PS_REPORT_CELL_SCORES | 1u << PS_REPORT_CELL_ZONES_ABOVE |
       1u << PS_REPORT_CELL_ZONES_BELOW | 1u << PS_REPORT_CELL_PHASE, 1 },
  { 1, 1u << PS_REPORT_CELL_SCORES | 1u << PS_REPORT_CELL_ZONES_ABOVE |
       1u << PS_REPORT_CELL_ZONES_BELOW | 1u << PS_REPORT_CELL_PHASE, 0 },
};

double
_ps_report_summary_fit (PsReportSummary    *summary,
                        cairo_t            *cr,
                        double              width,
                        double              budget,
                        const PsChartStyle *style)
{
  double gap_x = round (style->font_size * 1.6);
  double min_w = style->font_size * 17;
  double h = 0;

  /* Two to four columns, each wide enough for "$33.0M at 98,837.5 – …". */
  summary->n_columns = CLAMP ((guint) ((width + gap_x) / (min_w + gap_x)), 2, 4);
  for (guint s = 0; s < G_N_ELEMENTS (ps_report_fit_steps); s++)
    {
      summary->max_lines = ps_report_fit_steps[s].max_lines;
      summary->hidden = ps_report_fit_steps[s].hidden;
      summary->verdict_lines = ps_report_fit_steps[s].verdict_lines;
      h = _ps_report_summary_measure (summary, cr, width, style);
      if (h <= budget)
        break;
    }
  return h;
}

static void
ps_report_cell_draw (const PsReportSummary *summary,
                     guint                  cell,
                     cairo_t               *cr,
                     double                 x,
                     double                 y,
                     const PsReportGrid    *grid,
                     const PsChartStyle    *style)
{
  g_autoptr(PangoLayout) label = _ps_report_layout (cr, style, round (style->font_size * 0.85),
                                                    PANGO_WEIGHT_SEMIBOLD);
  const char * const *lines = (const char * const *) summary->lines[cell];
  int lw, lh;

  pango_layout_set_width (label, (int) MAX (grid->col_w, 1) * PANGO_SCALE);
  pango_layout_set_text (label, summary->labels[cell], -1);
  pango_layout_get_pixel_size (label, &lw, &lh);
  _ps_report_set_color (cr, &style->text_dim);
  cairo_move_to (cr, x, round (y + (grid->label_h - lh) / 2));
  pango_cairo_show_layout (cr, label);
  y += grid->label_h;

  for (guint i = 0; lines[i] != NULL && i < summary->max_lines; i++)
    {
      /* The first line, the cell's main number, a little heavier. */
      g_autoptr(PangoLayout) layout = _ps_report_layout (cr, style, style->font_size,
                                                         i == 0 ? PANGO_WEIGHT_SEMIBOLD
                                                                : PANGO_WEIGHT_NORMAL);
      int w, h;

      pango_layout_set_width (layout, (int) MAX (grid->col_w, 1) * PANGO_SCALE);
      pango_layout_set_text (layout, lines[i], -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      _ps_report_set_color (cr, &style->text);
      cairo_move_to (cr, x, round (y + (grid->line_h - h) / 2));
      pango_cairo_show_layout (cr, layout);
      y += grid->line_h;
    }
}

void
_ps_report_summary_draw (const PsReportSummary *summary,
                         cairo_t               *cr,
                         const PsRect          *rect,
                         const PsChartStyle    *style)
{
  guint cells[PS_REPORT_N_CELLS];
  guint n = ps_report_grid_cells (summary, cells);
  const PsColor *rule = &style->grid;
  PsReportGrid grid;
  double y = rect->y;

  ps_report_grid_init (&grid, summary, rect->width, style);
  for (guint first = 0; first < n; first += summary->n_columns)
    {
      double row_h = 0;

      if (first > 0)
        y += grid.gap_y;
      for (guint k = first; k < MIN (first + summary->n_columns, n); k++)
        row_h = MAX (row_h, ps_report_cell_height (summary, &grid, cells[k]));
      for (guint k = first; k < MIN (first + summary->n_columns, n); k++)
        {
          double x = rect->x + (k - first) * (grid.col_w + grid.gap_x);

          ps_report_cell_draw (summary, cells[k], cr, x, y, &grid, style);
          /* A rule between columns, as in a table. */
          if (k > first)
            {
              cairo_set_source_rgba (cr, rule->red, rule->green, rule->blue, rule->alpha * 1.8);
              cairo_rectangle (cr, round (x - grid.gap_x / 2), y + 2, 1, row_h - 4);
              cairo_fill (cr);
            }
        }
      y += row_h;
    }

  if (summary->verdict != NULL && summary->verdict_lines > 0)
    {
      g_autoptr(PangoLayout) layout = ps_report_row_layout (_("Verdict"), summary->verdict,
                                                            summary->verdict_lines, cr, style,
                                                            rect->width);

      _ps_report_set_color (cr, &style->text);
      ps_report_row_draw (layout, cr, rect->x, y + (n > 0 ? grid.gap_y : 0), style);
    }
}

double
_ps_report_sources_measure (const PsReportSummary *summary,
                            cairo_t               *cr,
                            double                 width,
                            const PsChartStyle    *style)
{
  g_autoptr(PangoLayout) layout = ps_report_row_layout (_("Sources"), summary->sources,
                                                        summary->sources_lines, cr, style,
                                                        width);

  return ps_report_row_height (layout, style);
}

void
_ps_report_sources_draw (const PsReportSummary *summary,
                         cairo_t               *cr,
                         const PsRect          *rect,
                         const PsChartStyle    *style)
{
  g_autoptr(PangoLayout) layout = ps_report_row_layout (_("Sources"), summary->sources,
                                                        summary->sources_lines, cr, style,
                                                        rect->width);

  _ps_report_set_color (cr, &style->text_dim);
  ps_report_row_draw (layout, cr, rect->x, rect->y, style);
}
