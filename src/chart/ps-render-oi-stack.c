/* ps-render-oi-stack.c: the open interest pane of an aggregate, each
 * venue's part stacked in its colour, the total at the top
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-render.h"
#include "ps-render-private.h"

/* Every venue's part has the sum's steps: the first venue with a series
 * gives them. */
static const PsOpenInterest *
ps_stack_steps (const PsVenueSeries *venues,
                guint                n_venues)
{
  for (guint v = 0; v < n_venues; v++)
    if (venues[v].open_interest != NULL && venues[v].open_interest->n > 0)
      return venues[v].open_interest;
  return NULL;
}

/* Whether venue v takes part: it has a value somewhere in its series. */
static gboolean
ps_stack_takes_part (const PsVenueSeries *venue,
                     guint                n_steps)
{
  const PsOpenInterest *oi = venue->open_interest;

  for (guint k = 0; oi != NULL && k < MIN (oi->n, n_steps); k++)
    if (isfinite (oi->usd[k]))
      return TRUE;
  return FALSE;
}

/* The stacked total at step k, NAN when a venue taking part has none there
 * (the sum's gap). cum (n_venues) gets the running sums, bottom to top. */
static double
ps_stack_at (const PsVenueSeries *venues,
             guint                n_venues,
             const gboolean      *part,
             guint                k,
             double              *cum)
{
  double total = 0;

  for (guint v = 0; v < n_venues; v++)
    {
      if (part[v])
        {
          double usd = venues[v].open_interest->usd[k];

          if (!isfinite (usd))
            return NAN;
          total += usd;
        }
      if (cum != NULL)
        cum[v] = total;
    }
  return total;
}

typedef struct
{
  const PsOpenInterest *steps;
  gboolean             *part;      /* per venue: takes part */
  guint                 n_part;
  guint                 first, last;   /* the steps in view */
} PsStack;

static gboolean
ps_stack_init (PsStack             *stack,
               PsTimeAxis          *axis,
               const PsVenueSeries *venues,
               guint                n_venues)
{
  *stack = (PsStack) { ps_stack_steps (venues, n_venues), NULL, 0, 0, 0 };
  if (stack->steps == NULL || !_ps_render_oi_visible (stack->steps, axis, &stack->first,
                                                      &stack->last))
    return FALSE;
  stack->part = g_new0 (gboolean, MAX (n_venues, 1));
  for (guint v = 0; v < n_venues; v++)
    if ((stack->part[v] = ps_stack_takes_part (&venues[v], stack->steps->n)))
      stack->n_part++;
  return stack->n_part > 0;
}

static void
ps_stack_clear (PsStack *stack)
{
  g_clear_pointer (&stack->part, g_free);
}

gboolean
ps_render_open_interest_stack_scale (const PsRect        *rect,
                                     PsTimeAxis          *axis,
                                     const PsVenueSeries *venues,
                                     guint                n_venues,
                                     const PsChartStyle  *style,
                                     PsValueScale        *scale)
{
  PsStack stack;
  double hi = 0;
  PsRect plot;

  g_return_val_if_fail (rect != NULL && style != NULL && scale != NULL, FALSE);
  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), FALSE);

  if (!ps_stack_init (&stack, axis, venues, n_venues))
    {
      ps_stack_clear (&stack);
      return FALSE;
    }
  for (guint k = stack.first; k < stack.last; k++)
    {
      double total = ps_stack_at (venues, n_venues, stack.part, k, NULL);

      if (isfinite (total))
        hi = fmax (hi, total);
    }
  ps_stack_clear (&stack);
  if (!(hi > 0))
    return FALSE;

  /* From zero: a band's height is the venue's open interest. */
  ps_render_get_plot_area (rect, style, &plot);
  _ps_render_value_scale_fit_low (scale, rect, &plot, style, 0, hi, 0.08);
  scale->min = 0;
  return TRUE;
}

/* The stack's columns, one per pixel at most (the last step in it): x and
 * each venue's running sum, NAN x for a gap. */
static GArray *
ps_stack_columns (const PsStack       *stack,
                  PsTimeAxis          *axis,
                  const PsVenueSeries *venues,
                  guint                n_venues,
                  double               plot_width)
{
  guint stride = n_venues + 1;
  GArray *columns = g_array_new (FALSE, TRUE, sizeof (double));
  g_autofree double *cum = g_new (double, MAX (n_venues, 1));
  double last_x = NAN;

  for (guint k = stack->first; k < stack->last; k++)
    {
      double x = floor (ps_time_axis_to_x (axis, stack->steps->t_ms[k], plot_width));
      double total = ps_stack_at (venues, n_venues, stack->part, k, cum);
      double gap = NAN;

      if (!isfinite (total))
        {
          /* One gap mark ends a run; another in a row adds nothing. */
          if (columns->len > 0 && !isnan (g_array_index (columns, double, columns->len - stride)))
            {
              g_array_append_val (columns, gap);
              g_array_set_size (columns, columns->len + n_venues);
            }
          last_x = NAN;
          continue;
        }
      if (x == last_x)
        g_array_set_size (columns, columns->len - stride);   /* the column's last step */
      g_array_append_val (columns, x);
      g_array_append_vals (columns, cum, n_venues);
      last_x = x;
    }
  return columns;
}

/* The path along the top of venue v's band over columns [start, end), a
 * lone column widened to a pixel. */
static void
ps_stack_top_path (PsPaint            *p,
                   const double       *c,
                   guint               stride,
                   guint               v,
                   guint               start,
                   guint               end,
                   const PsValueScale *scale)
{
  for (guint i = start; i < end; i++)
    {
      double x = p->plot.x + c[i * stride] + 0.5;
      double y = ps_value_scale_to_y (scale, c[i * stride + 1 + v]);

      if (i == start)
        cairo_move_to (p->cr, x, y);
      else
        cairo_line_to (p->cr, x, y);
    }
  if (end == start + 1)
    cairo_rel_line_to (p->cr, 1, 0);
}

/* Each run of columns: a band per venue, between its running sum and the
 * one under it (zero for the first), then its top edge. */
static void
ps_paint_stack (PsPaint             *p,
                const PsStack       *stack,
                const GArray        *columns,
                const PsVenueSeries *venues,
                guint                n_venues,
                const PsValueScale  *scale)
{
  guint stride = n_venues + 1, n = columns->len / stride;
  const double *c = (const double *) (gconstpointer) columns->data;
  guint start = 0;

  while (start < n)
    {
      guint end = start;

      while (end < n && !isnan (c[end * stride]))
        end++;
      for (guint v = 0; v < n_venues && end > start; v++)
        {
          const PsColor *color = ps_chart_style_venue_color (p->style, venues[v].venue);

          if (!stack->part[v])
            continue;
          ps_stack_top_path (p, c, stride, v, start, end, scale);
          if (end == start + 1)
            cairo_line_to (p->cr, p->plot.x + c[start * stride] + 1.5,
                           ps_value_scale_to_y (scale, v > 0 ? c[start * stride + v] : 0));
          for (guint i = end; i-- > start;)
            cairo_line_to (p->cr, p->plot.x + c[i * stride] + 0.5,
                           ps_value_scale_to_y (scale, v > 0 ? c[i * stride + v] : 0));
          cairo_close_path (p->cr);
          _ps_render_set_color_alpha (p->cr, color, 0.72);
          cairo_fill (p->cr);

          ps_stack_top_path (p, c, stride, v, start, end, scale);
          cairo_set_line_width (p->cr, 1.5);
          _ps_render_set_color (p->cr, color);
          cairo_stroke (p->cr);
        }
      start = end + 1;
    }
}

/* The venue's latest part in view, or NAN. */
static double
ps_stack_latest (const PsStack       *stack,
                 const PsVenueSeries *venue)
{
  for (guint k = stack->last; k-- > stack->first;)
    if (isfinite (venue->open_interest->usd[k]))
      return venue->open_interest->usd[k];
  return NAN;
}

/* "Open interest by venue (USD) $19.2B", then "▮ Binance $8.1B ▮ Bybit …";
 * the names alone when the values do not fit; then those not in the sum. */
static void
ps_paint_stack_header (PsPaint             *p,
                       const PsStack       *stack,
                       const PsVenueSeries *venues,
                       guint                n_venues,
                       const char          *title)
{
  g_autofree PsLegendItem *items = g_new0 (PsLegendItem, MAX (n_venues, 1));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) absent = g_ptr_array_new ();
  g_autofree char *value = NULL;
  guint n_items = 0;
  PsRect row;

  for (guint k = stack->last; k-- > stack->first && value == NULL;)
    {
      double total = ps_stack_at (venues, n_venues, stack->part, k, NULL);

      if (isfinite (total))
        value = ps_format_usd_compact (total);
    }
  _ps_render_paint_title_row (p, title, value, &p->style->oi_line, &row);

  for (guint v = 0; v < n_venues; v++)
    {
      g_autofree char *usd = NULL;

      if (!stack->part[v])
        {
          g_ptr_array_add (absent, (gpointer) venues[v].name);
          continue;
        }
      usd = ps_format_usd_compact (ps_stack_latest (stack, &venues[v]));
      items[n_items].color = ps_chart_style_venue_color (p->style, venues[v].venue);
      items[n_items].label = g_strdup_printf ("%s %s", venues[v].name, usd);
      g_ptr_array_add (labels, (gpointer) items[n_items++].label);
    }
  if (!_ps_render_paint_legend_after (p, &row, items, n_items))
    {
      for (guint i = 0, v = 0; v < n_venues; v++)
        if (stack->part[v])
          items[i++].label = venues[v].name;
      _ps_render_paint_legend_after (p, &row, items, n_items);
    }
  /* TRANSLATORS: venues whose open interest the stack leaves out */
  _ps_render_paint_absent_venues (p, &row, absent, _("%s: not in the sum"));
}

char *
ps_render_open_interest_stack_title (void)
{
  return g_strdup (_("Open interest by venue (USD)"));
}

void
ps_render_open_interest_stack (cairo_t             *cr,
                               const PsRect        *rect,
                               PsTimeAxis          *axis,
                               const PsVenueSeries *venues,
                               guint                n_venues,
                               const char          *title,
                               const PsChartStyle  *style)
{
  g_autoptr(GArray) columns = NULL;
  PsValueScale scale;
  PsStack stack;
  PsPaint p;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);
  g_return_if_fail (venues != NULL || n_venues == 0);

  _ps_render_paint_begin (&p, cr, rect, style);
  _ps_render_paint_background (&p);

  if (!ps_render_open_interest_stack_scale (rect, axis, venues, n_venues, style, &scale) ||
      !ps_stack_init (&stack, axis, venues, n_venues))
    {
      _ps_render_paint_empty_pane (&p, axis, title);
      _ps_render_paint_end (&p);
      return;
    }

  _ps_render_paint_time_grid (&p, axis);
  _ps_render_paint_value_grid (&p, &scale, PS_LABEL_USD, 0, 0);

  columns = ps_stack_columns (&stack, axis, venues, n_venues, p.plot.width);
  cairo_save (cr);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);
  ps_paint_stack (&p, &stack, columns, venues, n_venues, &scale);
  cairo_restore (cr);

  ps_paint_stack_header (&p, &stack, venues, n_venues, title);
  ps_stack_clear (&stack);
  _ps_render_paint_end (&p);
}
