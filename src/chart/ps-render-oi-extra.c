/* ps-render-oi-extra.c: the open interest pane with its options: in USD or
 * in coins, as a line or as the change per sample (ΔOI bars), with the
 * change over the view in its header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-levels.h"
#include "ps-render.h"
#include "ps-render-private.h"

char *
ps_format_quantity_compact (double quantity)
{
  g_autofree char *usd = ps_format_usd_compact (quantity);

  return _ps_render_strip_dollar (usd);
}

/* The series in unit as a PsOpenInterest whose usd column holds it: the
 * line and its reduction need not know which column they draw. */
static const PsOpenInterest *
ps_oi_view (const PsOpenInterest *oi,
            PsOiUnit              unit,
            PsOpenInterest       *view)
{
  if (oi == NULL || unit != PS_OI_UNIT_COIN)
    return oi;
  ps_open_interest_get_contracts_view (oi, view);
  return view;
}

double
ps_render_open_interest_change (const PsOpenInterest *open_interest,
                                PsTimeAxis           *axis,
                                PsOiUnit              unit)
{
  PsOpenInterest view;
  const PsOpenInterest *oi = ps_oi_view (open_interest, unit, &view);
  guint a, b, i, j;

  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), NAN);

  if (oi == NULL || oi->n == 0)
    return NAN;
  a = ps_series_lower_bound (oi->t_ms, oi->n, ps_time_axis_get_from_ms (axis));
  b = ps_series_lower_bound (oi->t_ms, oi->n, ps_time_axis_get_to_ms (axis));
  for (i = a; i < b && !isfinite (oi->usd[i]); i++)
    ;
  for (j = b; j > i && !isfinite (oi->usd[j - 1]); j--)
    ;
  if (j < i + 2 || !(oi->usd[i] > 0))
    return NAN;
  return oi->usd[j - 1] / oi->usd[i] - 1;
}

char *
ps_render_open_interest_title (const PsOpenInterestOptions *options)
{
  /* Translators: the unit of open interest counted in the base coin when the coin has no name */
  const char *coin = options && options->coin ? options->coin : _("coins");

  if (options != NULL && options->delta)
    return options->unit == PS_OI_UNIT_COIN
           ? g_strdup_printf (_("Open interest change (%s)"), coin)
           : g_strdup (_("Open interest change (USD)"));
  return options != NULL && options->unit == PS_OI_UNIT_COIN
         ? g_strdup_printf (_("Open interest (%s)"), coin)
         : g_strdup (_("Open interest (USD)"));
}

/* ΔOI ------------------------------------------------------------------------- */

typedef struct
{
  double x, width;   /* px from the plot's left */
  double delta;
} PsDeltaBar;

/* The change of each sample from the one before (none across a gap), one
 * bar each; under 2 px a sample, one bar per pixel column with their sum:
 * the column's net change, which is what it spans. */
static GArray *
ps_oi_delta_bars (const PsOpenInterest *oi,
                  PsTimeAxis           *axis,
                  double                plot_width)
{
  GArray *bars = g_array_new (FALSE, FALSE, sizeof (PsDeltaBar));
  gint64 from_ms = ps_time_axis_get_from_ms (axis), to_ms = ps_time_axis_get_to_ms (axis);
  gint64 spacing;
  double spacing_px, bw;
  guint first, last;

  if (!_ps_render_oi_visible (oi, axis, &first, &last))
    return bars;
  spacing = _ps_render_spacing_near (oi->t_ms, oi->n, from_ms, 3600 * 1000);
  spacing_px = (double) spacing * plot_width / (double) (to_ms - from_ms);
  bw = MAX (1, ps_round (spacing_px * 0.7));

  for (guint i = MAX (first, 1); i < last; i++)
    {
      double d = oi->usd[i] - oi->usd[i - 1], x;
      PsDeltaBar *prev = bars->len > 0 ? &g_array_index (bars, PsDeltaBar, bars->len - 1) : NULL;

      if (!isfinite (d) || (double) (oi->t_ms[i] - oi->t_ms[i - 1]) > 1.5 * (double) spacing)
        continue;
      x = ps_time_axis_to_x (axis, oi->t_ms[i], plot_width);
      if (spacing_px < 2)
        {
          if (prev != NULL && prev->x == floor (x))
            prev->delta += d;
          else
            g_array_append_val (bars, ((PsDeltaBar) { floor (x), 1, d }));
        }
      else
        g_array_append_val (bars, ((PsDeltaBar) { ps_round (x - bw / 2), bw, d }));
    }
  return bars;
}

gboolean
ps_render_open_interest_options_scale (const PsRect                *rect,
                                       PsTimeAxis                  *axis,
                                       const PsOpenInterest        *open_interest,
                                       const PsOpenInterestOptions *options,
                                       const PsChartStyle          *style,
                                       PsValueScale                *scale)
{
  PsOpenInterest view;
  const PsOpenInterest *oi;
  g_autoptr(GArray) bars = NULL;
  double lo = 0, hi = 0, m;
  PsRect plot;

  g_return_val_if_fail (rect != NULL && style != NULL && scale != NULL, FALSE);
  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), FALSE);

  oi = ps_oi_view (open_interest, options ? options->unit : PS_OI_UNIT_USD, &view);
  if (options == NULL || !options->delta)
    return ps_render_open_interest_scale (rect, axis, oi, style, scale);

  ps_render_get_plot_area (rect, style, &plot);
  bars = ps_oi_delta_bars (oi, axis, plot.width);
  if (bars->len == 0)
    return FALSE;
  for (guint i = 0; i < bars->len; i++)
    {
      lo = fmin (lo, g_array_index (bars, PsDeltaBar, i).delta);
      hi = fmax (hi, g_array_index (bars, PsDeltaBar, i).delta);
    }
  /* Zero in view, never on an edge (as funding's). */
  m = fmax (-lo, hi);
  if (m == 0)
    m = 1;
  _ps_render_value_scale_fit_low (scale, rect, &plot, style, fmin (lo, -m / 3), fmax (hi, m / 3),
                                  0.08);
  return TRUE;
}

static void
ps_paint_oi_delta (PsPaint              *p,
                   PsTimeAxis           *axis,
                   const PsOpenInterest *oi,
                   const PsValueScale   *scale,
                   double                zero_y)
{
  g_autoptr(GArray) bars = ps_oi_delta_bars (oi, axis, p->plot.width);

  for (int pass = 0; pass < 2; pass++)
    {
      gboolean up = pass == 0;

      for (guint i = 0; i < bars->len; i++)
        {
          const PsDeltaBar *b = &g_array_index (bars, PsDeltaBar, i);
          double y = ps_round (ps_value_scale_to_y (scale, b->delta));

          if (b->delta == 0 || (b->delta > 0) != up)
            continue;
          if (y < zero_y)
            cairo_rectangle (p->cr, p->plot.x + b->x, y, b->width, zero_y - y);
          else if (y > zero_y)
            cairo_rectangle (p->cr, p->plot.x + b->x, zero_y + 1, b->width, y - zero_y);
        }
      _ps_render_set_color (p->cr, up ? &p->style->up : &p->style->down);
      cairo_fill (p->cr);
    }
  _ps_render_set_color (p->cr, &p->style->zero_line);
  cairo_rectangle (p->cr, p->plot.x, zero_y, p->plot.width, 1);
  cairo_fill (p->cr);
}

/* The pane ---------------------------------------------------------------------- */

static char *
ps_oi_format (double   value,
              PsOiUnit unit)
{
  return unit == PS_OI_UNIT_COIN ? ps_format_quantity_compact (value)
                                 : ps_format_usd_compact (value);
}

static void
ps_paint_oi_header (PsPaint                     *p,
                    PsTimeAxis                  *axis,
                    const PsOpenInterest        *open_interest,
                    const PsOpenInterest        *oi,
                    const PsOpenInterestOptions *options,
                    guint                        first,
                    const char                  *title)
{
  g_autofree char *value = NULL;
  g_autofree char *change = NULL;
  double fraction;
  PsRect row;
  guint r;

  /* The latest value inside the view. */
  r = ps_series_lower_bound (oi->t_ms, oi->n, ps_time_axis_get_to_ms (axis));
  while (r > first && !isfinite (oi->usd[r - 1]))
    r--;
  if (r > 0 && isfinite (oi->usd[r - 1]))
    value = ps_oi_format (oi->usd[r - 1], options->unit);
  _ps_render_paint_title_row (p, title, value, &p->style->oi_line, &row);

  fraction = ps_render_open_interest_change (open_interest, axis, options->unit);
  if (isfinite (fraction))
    {
      g_autofree char *pct = ps_format_percent (fraction, 1);
      PsLegendItem item = { NULL, FALSE, NULL };

      /* "+3.2%": a rise says so, as a fall's minus does. */
      change = g_strdup_printf (_("%s%s in view"), fraction >= 0.0005 ? "+" : "", pct);
      item.label = change;
      _ps_render_paint_legend_after (p, &row, &item, 1);
    }
  if (options->delta)
    {
      const PsLegendItem items[] = {
        /* Translators: legend of the open-interest change bars; OI abbreviates open interest */
        { &p->style->up, FALSE, _("OI up") },
        { &p->style->down, FALSE, _("OI down") },
      };

      _ps_render_paint_legend_after (p, &row, items, G_N_ELEMENTS (items));
    }
}

void
ps_render_open_interest_with_options (cairo_t                     *cr,
                                      const PsRect                *rect,
                                      PsTimeAxis                  *axis,
                                      const PsOpenInterest        *open_interest,
                                      const PsOpenInterestOptions *options,
                                      const char                  *title,
                                      const PsChartStyle          *style)
{
  const PsOpenInterestOptions defaults = { PS_OI_UNIT_USD, FALSE, NULL };
  const PsOpenInterest *oi;
  PsOpenInterest view;
  PsValueScale scale;
  PsPaint p;
  guint first, last;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  if (options == NULL)
    options = &defaults;
  oi = ps_oi_view (open_interest, options->unit, &view);

  _ps_render_paint_begin (&p, cr, rect, style);
  _ps_render_paint_background (&p);

  if (!ps_render_open_interest_options_scale (rect, axis, open_interest, options, style, &scale) ||
      !_ps_render_oi_visible (oi, axis, &first, &last))
    {
      _ps_render_paint_empty_pane (&p, axis, title);
      _ps_render_paint_end (&p);
      return;
    }

  _ps_render_paint_time_grid (&p, axis);
  _ps_render_paint_value_grid (&p, &scale, options->unit == PS_OI_UNIT_COIN ? PS_LABEL_QUANTITY
                                                                            : PS_LABEL_USD, 0, 0);

  cairo_save (cr);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);
  if (options->delta)
    ps_paint_oi_delta (&p, axis, oi, &scale, floor (ps_value_scale_to_y (&scale, 0)));
  else
    _ps_render_paint_oi_line (&p, axis, oi, first, last, &scale);
  cairo_restore (cr);

  ps_paint_oi_header (&p, axis, open_interest, oi, options, first, title);
  _ps_render_paint_end (&p);
}
