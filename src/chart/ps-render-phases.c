/* ps-render-phases.c: the treadmill's phases as a ribbon on the time axis,
 * what the pointer is over, and the key of their colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-render.h"
#include "ps-render-private.h"
#include "ps-time.h"

/* Drawn in this order, the later over the earlier where they share a pixel. */
static const PsPhase ps_phase_order[] = {
  PS_PHASE_BUILDING, PS_PHASE_CROWDED, PS_PHASE_RESET, PS_PHASE_FLUSH,
};

static guint
ps_phase_priority (PsPhase phase)
{
  for (guint i = 0; i < G_N_ELEMENTS (ps_phase_order); i++)
    if (ps_phase_order[i] == phase)
      return i + 1;
  return 0;
}

const PsColor *
ps_render_phase_color (const PsChartStyle *style,
                       PsPhase             phase)
{
  g_return_val_if_fail (style != NULL, NULL);

  switch (phase)
    {
    case PS_PHASE_BUILDING:
      return &style->phase_building;
    case PS_PHASE_CROWDED:
      return &style->phase_crowded;
    case PS_PHASE_FLUSH:
      return &style->phase_flush;
    case PS_PHASE_RESET:
      return &style->phase_reset;
    case PS_PHASE_NONE:
    case PS_N_PHASES:
    default:
      return NULL;
    }
}

/* The render layer's own names: it links without the analysis code. */
const char *
ps_render_phase_label (PsPhase phase)
{
  switch (phase)
    {
    case PS_PHASE_BUILDING:
      /* TRANSLATORS: a phase of the leverage cycle: positions building up */
      return _("Building");
    case PS_PHASE_CROWDED:
      /* TRANSLATORS: a phase: funding and open interest high */
      return _("Crowded");
    case PS_PHASE_FLUSH:
      /* TRANSLATORS: a phase: a liquidation cascade */
      return _("Flush");
    case PS_PHASE_RESET:
      /* TRANSLATORS: a phase: leverage reset after a flush */
      return _("Reset");
    case PS_PHASE_NONE:
    case PS_N_PHASES:
    default:
      return _("No phase");
    }
}

double
ps_render_phase_ribbon_height (const PsChartStyle *style)
{
  g_return_val_if_fail (style != NULL, 10);

  return MAX (6, ps_round (style->font_size * 0.8));
}

/* The first period that ends after t_ms: they are sorted and disjoint. */
static guint
ps_periods_lower_bound (const PsPhasePeriod *periods,
                        guint                n,
                        gint64               t_ms)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (periods[mid].to_ms <= t_ms)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Periods [a, b) meet the view. */
static void
ps_periods_visible (const PsPhasePeriod *periods,
                    guint                n,
                    gint64               from_ms,
                    gint64               to_ms,
                    guint               *a,
                    guint               *b)
{
  *a = ps_periods_lower_bound (periods, n, from_ms);
  for (*b = *a; *b < n && periods[*b].from_ms < to_ms; (*b)++)
    ;
}

void
ps_render_phase_ribbon (cairo_t             *cr,
                        const PsRect        *rect,
                        PsTimeAxis          *axis,
                        const PsPhasePeriod *periods,
                        guint                n_periods,
                        const PsChartStyle  *style)
{
  gint64 from_ms, to_ms;
  PsPaint p;
  guint a, b;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (periods != NULL || n_periods == 0);
  g_return_if_fail (style != NULL);

  _ps_render_paint_begin (&p, cr, rect, style);
  _ps_render_paint_background (&p);
  from_ms = ps_time_axis_get_from_ms (axis);
  to_ms = ps_time_axis_get_to_ms (axis);
  ps_periods_visible (periods, n_periods, from_ms, to_ms, &a, &b);

  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);
  /* One fill per phase, whatever the number of periods. */
  for (guint k = 0; k < G_N_ELEMENTS (ps_phase_order); k++)
    {
      for (guint i = a; i < b; i++)
        {
          double x0, x1;

          if (periods[i].phase != ps_phase_order[k] || periods[i].to_ms <= periods[i].from_ms)
            continue;
          x0 = ps_round (ps_time_axis_to_x (axis, periods[i].from_ms, p.plot.width));
          x1 = ps_round (ps_time_axis_to_x (axis, periods[i].to_ms, p.plot.width));
          if (x1 - x0 < 1)
            x1 = x0 + 1;
          cairo_rectangle (cr, p.plot.x + x0, p.plot.y, x1 - x0, p.plot.height);
        }
      _ps_render_set_color (cr, ps_render_phase_color (style, ps_phase_order[k]));
      cairo_fill (cr);
    }
  _ps_render_paint_end (&p);
}

const PsPhasePeriod *
ps_render_phase_ribbon_hit (const PsRect        *rect,
                            PsTimeAxis          *axis,
                            const PsPhasePeriod *periods,
                            guint                n_periods,
                            const PsChartStyle  *style,
                            double               x)
{
  const PsPhasePeriod *best = NULL;
  PsRect plot;
  double px;
  guint a, b;

  g_return_val_if_fail (rect != NULL, NULL);
  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), NULL);
  g_return_val_if_fail (periods != NULL || n_periods == 0, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  ps_render_get_plot_area (rect, style, &plot);
  px = floor (x - (plot.x - rect->x));
  if (px < 0 || px >= plot.width)
    return NULL;

  /* The pixel's own time span, and there the period drawn on top: what the
   * pointer sees is what the tooltip explains. */
  ps_periods_visible (periods, n_periods, ps_time_axis_from_x (axis, px, plot.width),
                      ps_time_axis_from_x (axis, px + 1, plot.width), &a, &b);
  /* A period under a pixel wide drawn at its start's pixel counts there too. */
  if (a > 0 && periods[a - 1].to_ms > periods[a - 1].from_ms &&
      ps_round (ps_time_axis_to_x (axis, periods[a - 1].from_ms, plot.width)) == px)
    a--;
  for (guint i = a; i < b; i++)
    if (ps_phase_priority (periods[i].phase) > (best ? ps_phase_priority (best->phase) : 0))
      best = &periods[i];
  return best;
}

char *
ps_render_phase_tooltip (const PsPhasePeriod *period,
                         gboolean             utc)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (period != NULL, NULL);

  from = ps_time_format (period->from_ms, utc);
  to = ps_time_format (period->to_ms, utc);
  if (period->reasons == NULL || *period->reasons == '\0')
    return g_strdup_printf ("%s · %s → %s", ps_render_phase_label (period->phase), from, to);
  return g_strdup_printf ("%s · %s → %s\n%s", ps_render_phase_label (period->phase), from, to,
                          period->reasons);
}

double
ps_render_phase_legend (cairo_t            *cr,
                        const PsRect       *rect,
                        const PsChartStyle *style)
{
  static const PsPhase phases[] = {
    PS_PHASE_BUILDING, PS_PHASE_CROWDED, PS_PHASE_FLUSH, PS_PHASE_RESET,
  };
  g_autoptr(PangoLayout) layout = NULL;
  double x, swatch, gap, cy;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (rect != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);

  layout = _ps_render_create_layout (cr, style, 0.9, PANGO_WEIGHT_NORMAL);
  swatch = ps_round (style->font_size * 0.75);
  gap = ps_round (style->font_size * 1.0);
  cy = rect->y + rect->height / 2;
  x = rect->x;
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      const char *label = ps_render_phase_label (phases[i]);
      int w, h;

      _ps_render_text_size (layout, label, &w, &h);
      if (x + swatch + 4 + w > rect->x + rect->width)
        break;
      cairo_rectangle (cr, ps_round (x), ps_round (cy - swatch / 2), swatch, swatch);
      _ps_render_set_color (cr, ps_render_phase_color (style, phases[i]));
      cairo_fill (cr);
      _ps_render_show_text (cr, layout, label, x + swatch + 4, cy - h / 2., &style->text_dim);
      x += swatch + 4 + w + gap;
    }
  return MAX (0, x - gap - rect->x);
}
