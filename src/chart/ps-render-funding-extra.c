/* ps-render-funding-extra.c: the funding pane with its options: per
 * settlement or annualised, the venue's predicted next rate with a
 * countdown, and what its colours mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-render.h"
#include "ps-render-private.h"

/* A prediction this long past its settlement is stale, not "now". */
#define NEXT_STALE_MS (10 * 60 * 1000)

/* The settlement period in whole hours by a majority vote over the first
 * steps (settlements are regular, a missing one is not a new period); 0
 * when too few. */
static gint64
ps_funding_period_hours (const PsFunding *funding)
{
  gint64 best = 0;
  guint votes = 0;

  for (guint i = 1; funding != NULL && funding->n >= 3 && i < MIN (funding->n, 33); i++)
    {
      gint64 hours = (funding->t_ms[i] - funding->t_ms[i - 1] + 1800 * 1000) / (3600 * 1000);

      if (hours == best)
        votes++;
      else if (votes == 0)
        best = hours, votes = 1;
      else
        votes--;
    }
  return MAX (best, 0);
}

char *
ps_render_funding_title (const PsFunding *funding)
{
  g_autofree char *period = NULL;
  gint64 hours = ps_funding_period_hours (funding);

  if (hours <= 0)
    return g_strdup (_("Funding rate"));
  period = g_strdup_printf ("%" G_GINT64_FORMAT "h", hours);
  return g_strdup_printf (_("Funding rate · %s"), period);
}

double
ps_funding_settlements_per_year (const PsFunding *funding)
{
  gint64 hours = ps_funding_period_hours (funding);

  return hours > 0 ? 365.0 * 24 / hours : 0;
}

char *
ps_format_countdown (gint64 ms)
{
  gint64 minutes = ms / 60000, hours = minutes / 60, days = hours / 24;

  if (minutes <= 0)
    return g_strdup (C_("countdown", "now"));
  /* As unsigned ints: G_GINT64_FORMAT would hide the message from xgettext
   * (a countdown never nears 2^32 minutes). */
  if (days > 0)
    /* Translators: time to the next funding, days and hours: "2d 5h" */
    return g_strdup_printf (C_("countdown", "%ud %uh"), (guint) days, (guint) (hours % 24));
  if (hours > 0)
    /* Translators: time to the next funding, hours and minutes: "5h 12m" */
    return g_strdup_printf (C_("countdown", "%uh %um"), (guint) hours, (guint) (minutes % 60));
  /* Translators: time to the next funding, minutes: "12m" */
  return g_strdup_printf (C_("countdown", "%um"), (guint) minutes);
}

char *
ps_render_funding_next_text (const PsFundingNext *next,
                             gboolean             annualised,
                             double               per_year,
                             gint64               now_ms)
{
  g_autofree char *rate = NULL;
  g_autofree char *left = NULL;

  if (next == NULL || !isfinite (next->rate) || next->next_ms <= 0 ||
      now_ms - next->next_ms > NEXT_STALE_MS)
    return NULL;

  if (annualised && per_year > 0)
    rate = ps_format_percent (next->rate * per_year, 2);
  else
    rate = ps_format_percent (next->rate, 4);
  if (next->next_ms - now_ms < 60 * 1000)
    return g_strdup_printf (_("Next %s now"), rate);
  left = ps_format_countdown (next->next_ms - now_ms);
  /* TRANSLATORS: the predicted funding rate, then the time left: "Next 0.0100% in 3h 12m" */
  return g_strdup_printf (_("Next %s in %s"), rate, left);
}

/* The rates annualised into rates (n of them), as a PsFunding over them. */
static const PsFunding *
ps_funding_view (const PsFunding        *funding,
                 const PsFundingOptions *options,
                 PsFunding              *view,
                 double                **rates)
{
  double per_year;

  *rates = NULL;
  if (funding == NULL || !options->annualised)
    return funding;
  per_year = ps_funding_settlements_per_year (funding);
  if (per_year <= 0)
    return funding;

  *view = *funding;
  *rates = g_new (double, MAX (funding->n, 1));
  for (guint i = 0; i < funding->n; i++)
    (*rates)[i] = funding->rate[i] * per_year;
  view->rate = *rates;
  return view;
}

gboolean
ps_render_funding_options_scale (const PsRect           *rect,
                                 PsTimeAxis             *axis,
                                 const PsFunding        *funding,
                                 const PsFundingOptions *options,
                                 const PsChartStyle     *style,
                                 PsValueScale           *scale)
{
  const PsFundingOptions defaults = { FALSE, NULL, 0 };
  g_autofree double *rates = NULL;
  PsFunding view;

  if (options == NULL)
    options = &defaults;
  return ps_render_funding_scale (rect, axis, ps_funding_view (funding, options, &view, &rates),
                                  style, scale);
}

static void
ps_paint_funding_header (PsPaint                *p,
                         PsTimeAxis             *axis,
                         const PsFunding        *funding,
                         const PsFunding        *shown,
                         const PsFundingOptions *options,
                         guint                   first,
                         const char             *title)
{
  g_autofree char *value = NULL;
  g_autofree char *next = NULL;
  const PsColor *value_color = &p->style->text;
  PsRect row;
  guint r;

  r = ps_series_lower_bound (shown->t_ms, shown->n, ps_time_axis_get_to_ms (axis));
  while (r > first && !isfinite (shown->rate[r - 1]))
    r--;
  if (r > 0 && isfinite (shown->rate[r - 1]))
    {
      value = ps_format_percent (shown->rate[r - 1], shown != funding ? 2 : 4);
      value_color = shown->rate[r - 1] >= 0 ? &p->style->funding_positive
                                            : &p->style->funding_negative;
    }
  _ps_render_paint_title_row (p, title, value, value_color, &row);

  next = ps_render_funding_next_text (options->next, options->annualised,
                                      ps_funding_settlements_per_year (funding), options->now_ms);
  if (next != NULL)
    {
      const PsLegendItem item = { NULL, FALSE, next };

      _ps_render_paint_legend_after (p, &row, &item, 1);
    }
  {
    const PsLegendItem items[] = {
      { &p->style->funding_positive, FALSE, _("Longs pay") },
      { &p->style->funding_negative, FALSE, _("Shorts pay") },
    };

    _ps_render_paint_legend_after (p, &row, items, G_N_ELEMENTS (items));
  }
}

void
ps_render_funding_with_options (cairo_t                *cr,
                                const PsRect           *rect,
                                PsTimeAxis             *axis,
                                const PsFunding        *funding,
                                const PsFundingOptions *options,
                                const char             *title,
                                const PsChartStyle     *style)
{
  const PsFundingOptions defaults = { FALSE, NULL, 0 };
  g_autofree double *rates = NULL;
  const PsFunding *shown;
  PsFunding view;
  PsValueScale scale;
  PsPaint p;
  guint first, last;
  gint64 spacing;
  double zero_y;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  if (options == NULL)
    options = &defaults;
  shown = ps_funding_view (funding, options, &view, &rates);

  _ps_render_paint_begin (&p, cr, rect, style);
  _ps_render_paint_background (&p);

  if (!ps_render_funding_scale (rect, axis, shown, style, &scale) ||
      !_ps_render_funding_visible (shown, axis, &first, &last, &spacing))
    {
      _ps_render_paint_empty_pane (&p, axis, title);
      _ps_render_paint_end (&p);
      return;
    }

  _ps_render_paint_time_grid (&p, axis);
  _ps_render_paint_value_grid (&p, &scale, shown != funding ? PS_LABEL_PERCENT_ANNUAL
                                                            : PS_LABEL_PERCENT, 0, 0);

  zero_y = floor (ps_value_scale_to_y (&scale, 0));
  cairo_save (cr);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);
  _ps_render_paint_funding_bars (&p, axis, shown, first, last, spacing, &scale, zero_y);
  _ps_render_set_color (cr, &style->zero_line);
  cairo_rectangle (cr, p.plot.x, zero_y, p.plot.width, 1);
  cairo_fill (cr);
  cairo_restore (cr);

  ps_paint_funding_header (&p, axis, funding, shown, options, first, title);
  _ps_render_paint_end (&p);
}
