/* ps-render-funding-compare.c: the funding pane of an aggregate, each
 * venue's rate per 8 h (or annualised) as a line of its colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-render.h"
#include "ps-render-private.h"

/* Per 8 h, three settlements a day. */
#define PER_8H_A_YEAR (3.0 * 365)

static double
ps_compare_rate (const PsFunding *funding,
                 guint            i,
                 gboolean         annualised)
{
  return funding->rate[i] * (annualised ? PER_8H_A_YEAR : 1);
}

gboolean
ps_render_funding_compare_scale (const PsRect        *rect,
                                 PsTimeAxis          *axis,
                                 const PsVenueSeries *venues,
                                 guint                n_venues,
                                 gboolean             annualised,
                                 const PsChartStyle  *style,
                                 PsValueScale        *scale)
{
  double lo = 0, hi = 0, m;
  gboolean any = FALSE;
  PsRect plot;

  g_return_val_if_fail (rect != NULL && style != NULL && scale != NULL, FALSE);
  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), FALSE);

  for (guint v = 0; v < n_venues; v++)
    {
      const PsFunding *funding = venues[v].funding;
      guint first, last;
      gint64 spacing;

      if (!_ps_render_funding_visible (funding, axis, &first, &last, &spacing))
        continue;
      for (guint i = first; i < last; i++)
        if (isfinite (funding->rate[i]))
          {
            lo = fmin (lo, ps_compare_rate (funding, i, annualised));
            hi = fmax (hi, ps_compare_rate (funding, i, annualised));
            any = TRUE;
          }
    }
  if (!any)
    return FALSE;

  /* As the bars': zero in view, never on an edge. */
  m = fmax (-lo, hi);
  if (m == 0)
    m = annualised ? 0.01 : 0.0001;
  ps_render_get_plot_area (rect, style, &plot);
  _ps_render_value_scale_fit_low (scale, rect, &plot, style, fmin (lo, -m / 3), fmax (hi, m / 3),
                                  0.08);
  return TRUE;
}

/* One venue's step line: each settlement's rate holds until the next (a
 * gap over 1.5 spacings breaks it); settlements sharing a pixel column
 * draw their range there, first to last. */
static void
ps_paint_compare_line (PsPaint            *p,
                       PsTimeAxis         *axis,
                       const PsFunding    *funding,
                       gboolean            annualised,
                       const PsValueScale *scale,
                       const PsColor      *color)
{
  guint first, last;
  gint64 spacing;
  double column = NAN, prev_y = NAN;
  gboolean open = FALSE;

  if (!_ps_render_funding_visible (funding, axis, &first, &last, &spacing))
    return;
  for (guint i = first; i < last; i++)
    {
      double x, y;
      gboolean gap = i > first &&
                     (double) (funding->t_ms[i] - funding->t_ms[i - 1]) > 1.5 * (double) spacing;

      if (!isfinite (funding->rate[i]) || gap)
        {
          if (open)
            cairo_line_to (p->cr, column + 1, prev_y);
          open = FALSE;
          if (!isfinite (funding->rate[i]))
            continue;
        }
      x = p->plot.x + floor (ps_time_axis_to_x (axis, funding->t_ms[i], p->plot.width)) + 0.5;
      y = ps_value_scale_to_y (scale, ps_compare_rate (funding, i, annualised));
      if (!open)
        cairo_move_to (p->cr, x, y);
      else if (x != column)
        cairo_line_to (p->cr, x, prev_y);   /* the rate before held until now */
      cairo_line_to (p->cr, x, y);
      column = x;
      prev_y = y;
      open = TRUE;
    }
  /* The last settlement holds for a period, as a bar's width would. */
  if (open)
    cairo_line_to (p->cr, p->plot.x + 0.5 +
                   floor (ps_time_axis_to_x (axis, funding->t_ms[last - 1] + spacing,
                                             p->plot.width)), prev_y);
  cairo_set_line_width (p->cr, 1.5);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_MITER);
  _ps_render_set_color (p->cr, color);
  cairo_stroke (p->cr);
}

/* The venue's latest rate in view, or NAN. */
static double
ps_compare_latest (const PsFunding *funding,
                   PsTimeAxis      *axis,
                   gboolean         annualised)
{
  guint first, last;
  gint64 spacing;

  if (!_ps_render_funding_visible (funding, axis, &first, &last, &spacing))
    return NAN;
  for (guint i = last; i-- > first;)
    if (isfinite (funding->rate[i]) && funding->t_ms[i] < ps_time_axis_get_to_ms (axis))
      return ps_compare_rate (funding, i, annualised);
  return NAN;
}

/* "▮ Binance 0.0100% ▮ Bybit 0.0081% …", the names alone when the values do
 * not fit; then the venues with no funding in view. */
static void
ps_paint_compare_header (PsPaint             *p,
                         PsTimeAxis          *axis,
                         const PsVenueSeries *venues,
                         guint                n_venues,
                         gboolean             annualised,
                         const char          *title)
{
  g_autofree PsLegendItem *items = g_new0 (PsLegendItem, MAX (n_venues, 1));
  g_autofree PsLegendItem *short_items = g_new0 (PsLegendItem, MAX (n_venues, 1));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) absent = g_ptr_array_new ();
  guint n_items = 0;
  PsRect row;

  _ps_render_paint_title_row (p, title, NULL, NULL, &row);
  for (guint v = 0; v < n_venues; v++)
    {
      double rate = ps_compare_latest (venues[v].funding, axis, annualised);
      g_autofree char *pct = NULL;

      if (!isfinite (rate))
        {
          g_ptr_array_add (absent, (gpointer) venues[v].name);
          continue;
        }
      pct = ps_format_percent (rate, annualised ? 2 : 4);
      items[n_items].color = short_items[n_items].color =
        ps_chart_style_venue_color (p->style, venues[v].venue);
      short_items[n_items].label = venues[v].name;
      items[n_items].label = g_strdup_printf ("%s %s", venues[v].name, pct);
      g_ptr_array_add (labels, (gpointer) items[n_items++].label);
    }
  if (!_ps_render_paint_legend_after (p, &row, items, n_items))
    _ps_render_paint_legend_after (p, &row, short_items, n_items);
  /* TRANSLATORS: venues with no funding rate in the view */
  _ps_render_paint_absent_venues (p, &row, absent, _("%s: none in view"));
}

char *
ps_render_funding_compare_title (gboolean annualised)
{
  return annualised ? g_strdup (_("Funding by venue, annualised"))
                    : g_strdup (_("Funding by venue · per 8h"));
}

void
ps_render_funding_compare (cairo_t             *cr,
                           const PsRect        *rect,
                           PsTimeAxis          *axis,
                           const PsVenueSeries *venues,
                           guint                n_venues,
                           gboolean             annualised,
                           const char          *title,
                           const PsChartStyle  *style)
{
  PsValueScale scale;
  PsPaint p;
  double zero_y;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);
  g_return_if_fail (venues != NULL || n_venues == 0);

  _ps_render_paint_begin (&p, cr, rect, style);
  _ps_render_paint_background (&p);

  if (!ps_render_funding_compare_scale (rect, axis, venues, n_venues, annualised, style, &scale))
    {
      _ps_render_paint_empty_pane (&p, axis, title);
      _ps_render_paint_end (&p);
      return;
    }

  _ps_render_paint_time_grid (&p, axis);
  _ps_render_paint_value_grid (&p, &scale, annualised ? PS_LABEL_PERCENT_ANNUAL
                                                      : PS_LABEL_PERCENT, 0, 0);

  zero_y = floor (ps_value_scale_to_y (&scale, 0));
  cairo_save (cr);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);
  _ps_render_set_color (cr, &style->zero_line);
  cairo_rectangle (cr, p.plot.x, zero_y, p.plot.width, 1);
  cairo_fill (cr);
  for (guint v = 0; v < n_venues; v++)
    ps_paint_compare_line (&p, axis, venues[v].funding, annualised, &scale,
                           ps_chart_style_venue_color (style, venues[v].venue));
  cairo_restore (cr);

  ps_paint_compare_header (&p, axis, venues, n_venues, annualised, title);
  _ps_render_paint_end (&p);
}
