/* ps-render-liquidations.c: the liquidations pane (long and short USD per
 * candle, mirrored about zero), the hatching of stretches not recorded, the
 * legend row, and the read-out of one candle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-period-summary.h"
#include "ps-render.h"
#include "ps-render-private.h"

static gint64
ps_floor_to (gint64 t_ms,
             gint64 step)
{
  gint64 rem = t_ms % step;

  return t_ms - (rem < 0 ? rem + step : rem);
}

/* The first stretch that ends after t_ms: they are sorted and disjoint, so
 * their ends are sorted too. */
static guint
ps_spans_lower_bound (const PsRecordedLiquidations *liq,
                      gint64                        t_ms)
{
  guint lo = 0, hi = liq->n_not_recorded;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (liq->not_recorded[mid].to_ms <= t_ms)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* How much of [from_ms, to_ms) lies in stretches not recorded, in ms. */
gint64
_ps_render_not_recorded_within (const PsRecordedLiquidations *liq,
                                gint64                        from_ms,
                                gint64                        to_ms)
{
  gint64 covered = 0;

  if (liq == NULL || liq->not_recorded == NULL)
    return 0;

  for (guint i = ps_spans_lower_bound (liq, from_ms); i < liq->n_not_recorded; i++)
    {
      const PsTimeSpan *s = &liq->not_recorded[i];

      if (s->from_ms >= to_ms)
        break;
      covered += MIN (s->to_ms, to_ms) - MAX (s->from_ms, from_ms);
    }
  return covered;
}

GArray *
ps_time_spans_complement (const PsTimeSpan *spans,
                          guint             n_spans,
                          gint64            from_ms,
                          gint64            to_ms)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (PsTimeSpan));
  gint64 t = from_ms;

  g_return_val_if_fail (spans != NULL || n_spans == 0, out);

  for (guint i = 0; i < n_spans && t < to_ms; i++)
    {
      if (spans[i].to_ms <= t)
        continue;
      if (spans[i].from_ms > t)
        {
          PsTimeSpan gap = { t, MIN (spans[i].from_ms, to_ms) };

          g_array_append_val (out, gap);
        }
      t = MAX (t, spans[i].to_ms);
    }
  if (t < to_ms)
    {
      PsTimeSpan gap = { t, to_ms };

      g_array_append_val (out, gap);
    }
  return out;
}

static gboolean
ps_liquidations_any_in_view (const PsRecordedLiquidations *liq,
                             PsTimeAxis                   *axis)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis);
  gint64 to_ms = ps_time_axis_get_to_ms (axis);
  const PsLiquidations *ev = liq != NULL ? liq->events : NULL;

  if (liq == NULL)
    return FALSE;
  if (_ps_render_not_recorded_within (liq, from_ms, to_ms) > 0)
    return TRUE;
  return ev != NULL &&
         ps_series_lower_bound (ev->t_ms, ev->n, from_ms) <
         ps_series_lower_bound (ev->t_ms, ev->n, to_ms);
}

/* predicted may be NULL; with it, one scale for both, so they compare. */
static void
ps_liquidations_scale_from_bars (PsValueScale       *scale,
                                 const PsLiqBars    *bars,
                                 const PsLiqBars    *predicted,
                                 const PsRect       *rect,
                                 const PsRect       *plot,
                                 const PsChartStyle *style)
{
  double max_long = bars->max_long, max_short = bars->max_short, m;

  if (predicted != NULL)
    {
      max_long = fmax (max_long, predicted->max_long);
      max_short = fmax (max_short, predicted->max_short);
    }
  m = fmax (max_long, max_short);
  /* Nothing liquidated in view still gets a sensible axis. */
  if (!(m > 0))
    m = 1000;
  /* Each side keeps at least a quarter of the other's room, so the zero
   * line never sits on an edge and a quiet side still reads as quiet. */
  _ps_render_value_scale_fit_low (scale, rect, plot, style, -fmax (max_long, m / 4),
                                  fmax (max_short, m / 4), 0.06);
}

gboolean
ps_render_liquidations_scale (const PsRect                 *rect,
                              PsTimeAxis                   *axis,
                              const PsRecordedLiquidations *liquidations,
                              PsInterval                    interval,
                              const PsChartStyle           *style,
                              PsValueScale                 *scale)
{
  return ps_render_liquidations_with_predicted_scale (rect, axis, liquidations, NULL, interval,
                                                      style, scale);
}

gboolean
ps_render_liquidations_with_predicted_scale (const PsRect                  *rect,
                                             PsTimeAxis                    *axis,
                                             const PsRecordedLiquidations  *recorded,
                                             const PsPredictedLiquidations *predicted,
                                             PsInterval                     interval,
                                             const PsChartStyle            *style,
                                             PsValueScale                  *scale)
{
  PsLiqBars bars, pred;
  PsRect plot;

  g_return_val_if_fail (rect != NULL, FALSE);
  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (scale != NULL, FALSE);

  if (!_ps_render_predicted_in_view (predicted, axis))
    predicted = NULL;
  if (!ps_liquidations_any_in_view (recorded, axis) && predicted == NULL)
    return FALSE;

  ps_render_get_plot_area (rect, style, &plot);
  _ps_render_liq_bars_init (&bars, axis, recorded != NULL ? recorded->events : NULL, interval,
                            plot.width);
  if (predicted != NULL)
    _ps_render_liq_bars_predicted (&pred, &bars, axis, predicted, plot.width);
  ps_liquidations_scale_from_bars (scale, &bars, predicted != NULL ? &pred : NULL, rect, &plot,
                                   style);
  _ps_render_liq_bars_clear (&bars);
  if (predicted != NULL)
    _ps_render_liq_bars_clear (&pred);
  return TRUE;
}

/* Beside predicted bars (split), each bar takes the left half of its slot. */
static void
ps_paint_liq_bars (PsPaint            *p,
                   PsTimeAxis         *axis,
                   const PsLiqBars    *bars,
                   const PsValueScale *scale,
                   double              zero_y,
                   gboolean            split)
{
  double bw = MAX (1, floor (bars->candle_px - MAX (1, bars->candle_px * 0.25))), full;
  PsPixels px;

  if (bw >= 4 && fmod (bw, 2) == 0)
    bw--;
  full = bw;
  if (split)
    bw = floor ((full - 1) / 2);

  /* Whole pixels: straight into them where cairo would put the same. */
  _ps_pixels_begin (&px, p->cr);
  for (int side = 0; side < 2; side++)
    {
      const double *usd = side == PS_LIQ_LONG ? bars->long_usd : bars->short_usd;

      _ps_pixels_set_color (&px, side == PS_LIQ_LONG ? &p->style->liq_long
                                                     : &p->style->liq_short, 1, TRUE);
      for (guint k = 0; k < bars->n; k++)
        {
          double left, width, y;

          if (!(usd[k] > 0))
            continue;

          if (bars->per_column)
            left = p->plot.x + k, width = 1;
          else
            {
              gint64 mid = bars->t0_ms + (gint64) k * bars->step_ms + bars->step_ms / 2;

              left = ps_round (p->plot.x + ps_time_axis_to_x (axis, mid, p->plot.width) - full / 2);
              width = bw;
            }

          /* At least a pixel: a small liquidation is not none. */
          if (side == PS_LIQ_SHORT)
            {
              y = MIN (ps_round (_ps_value_scale_to_y (scale, usd[k])), zero_y - 1);
              _ps_pixels_box (&px, left, y, width, zero_y - y);
            }
          else
            {
              y = MAX (ps_round (_ps_value_scale_to_y (scale, -usd[k])), zero_y + 2);
              _ps_pixels_box (&px, left, zero_y + 1, width, y - zero_y - 1);
            }
        }
    }
  _ps_pixels_end (&px);
}

/* Stretches not recorded ------------------------------------------------------ */

/* Each stretch not recorded in view as a pixel range of the plot, clamped. */
static GArray *
ps_not_recorded_columns (const PsRecordedLiquidations *liq,
                         PsTimeAxis                   *axis,
                         double                        plot_width)
{
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 from_ms = ps_time_axis_get_from_ms (axis);
  gint64 to_ms = ps_time_axis_get_to_ms (axis);

  if (liq == NULL || liq->not_recorded == NULL)
    return cols;

  for (guint i = ps_spans_lower_bound (liq, from_ms); i < liq->n_not_recorded; i++)
    {
      const PsTimeSpan *s = &liq->not_recorded[i];
      double x[2];

      if (s->from_ms >= to_ms)
        break;
      if (s->to_ms <= s->from_ms)
        continue;
      x[0] = CLAMP (ps_round (ps_time_axis_to_x (axis, s->from_ms, plot_width)), 0, plot_width);
      x[1] = CLAMP (ps_round (ps_time_axis_to_x (axis, s->to_ms, plot_width)), 0, plot_width);
      /* However short, a stretch takes a pixel: a gap is never hidden. */
      if (x[1] - x[0] < 1)
        x[1] = MIN (x[0] + 1, plot_width), x[0] = x[1] - 1;
      g_array_append_vals (cols, x, 2);
    }
  return cols;
}

/* A tile of the hatching: one diagonal across it, corners included, so
 * tiles meet in unbroken lines. */
static cairo_pattern_t *
ps_hatch_pattern (const PsColor *color,
                  double         x0,
                  double         y0)
{
  const int s = 7;
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, s, s);
  cairo_t *cr = cairo_create (tile);
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;

  cairo_set_line_width (cr, 1);
  _ps_render_set_color (cr, color);
  for (int d = -1; d <= 1; d++)
    {
      cairo_move_to (cr, d * s - 1, s + 1);
      cairo_line_to (cr, d * s + s + 1, -1);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_surface_destroy (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  /* Anchored to the plot: neighbouring bands line up. */
  cairo_matrix_init_translate (&matrix, -x0, -y0);
  cairo_pattern_set_matrix (pattern, &matrix);
  return pattern;
}

/* A neutral band, hatched or plain, over [y0, y1) of each stretch: filled
 * with repeating tiles, not stroked through a clip, so a thousand
 * disconnections cost three fills. */
void
_ps_render_paint_not_recorded (PsPaint                      *p,
                               PsTimeAxis                   *axis,
                               const PsRecordedLiquidations *liq,
                               double                        y0,
                               double                        y1,
                               gboolean                      hatch)
{
  g_autoptr(GArray) cols = ps_not_recorded_columns (liq, axis, p->plot.width);
  const double *x = (const double *) (gpointer) cols->data;
  cairo_pattern_t *pattern;

  if (cols->len == 0 || y1 <= y0)
    return;

  cairo_save (p->cr);
  cairo_new_path (p->cr);
  for (guint i = 0; i < cols->len; i += 2)
    cairo_rectangle (p->cr, p->plot.x + x[i], y0, x[i + 1] - x[i], y1 - y0);
  /* Over the background, not over the grid: the band is no zero. */
  _ps_render_set_color (p->cr, &p->style->background);
  cairo_fill_preserve (p->cr);
  _ps_render_set_color_alpha (p->cr, &p->style->not_recorded, hatch ? 0.35 : 1);
  cairo_fill_preserve (p->cr);
  if (hatch)
    {
      pattern = ps_hatch_pattern (&p->style->not_recorded, p->plot.x, p->plot.y);
      cairo_set_source (p->cr, pattern);
      cairo_fill_preserve (p->cr);
      cairo_pattern_destroy (pattern);
    }
  cairo_new_path (p->cr);
  cairo_restore (p->cr);
}

/* The largest bars, recorded or predicted, of either side within plot
 * pixels [x0, x1): shorts' USD (drawn up) in *up, longs' (down) in *down. */
static void
ps_liq_bars_extent (const PsLiqBars *bars,
                    PsTimeAxis      *axis,
                    double           width,
                    double           x0,
                    double           x1,
                    double          *up,
                    double          *down)
{
  if (bars == NULL)
    return;
  for (guint k = 0; k < bars->n; k++)
    {
      double x = bars->per_column
                 ? k + 0.5
                 : ps_time_axis_to_x (axis, bars->t0_ms + (gint64) k * bars->step_ms +
                                            bars->step_ms / 2, width);

      if (x + bars->candle_px / 2 < x0 || x - bars->candle_px / 2 >= x1)
        continue;
      *up = MAX (*up, bars->short_usd[k]);
      *down = MAX (*down, bars->long_usd[k]);
    }
}

/* "Not recorded" in each band wide enough for it, in the middle of the
 * taller of the spaces the bars there leave above and below (the model's
 * predictions run in those bands too), or in the middle of the pane when
 * neither holds the label. */
static void
ps_paint_not_recorded_labels (PsPaint                      *p,
                              PsTimeAxis                   *axis,
                              const PsRecordedLiquidations *liq,
                              const PsLiqBars              *bars,
                              const PsLiqBars              *predicted,
                              const PsValueScale           *scale,
                              double                        zero_y)
{
  g_autoptr(GArray) cols = ps_not_recorded_columns (liq, axis, p->plot.width);
  const double *x = (const double *) (gpointer) cols->data;
  const char *label = _("Not recorded");
  double pad = ps_round (p->style->font_size * 0.5);
  double bottom = p->plot.y + p->plot.height;
  int w, h;

  _ps_render_text_size (p->layout, label, &w, &h);
  for (guint i = 0; i < cols->len; i += 2)
    {
      double cx = p->plot.x + (x[i] + x[i + 1]) / 2;
      double up = 0, down = 0, above, below, y_mid;

      if (x[i + 1] - x[i] < w + 3 * pad)
        continue;
      ps_liq_bars_extent (bars, axis, p->plot.width, cx - p->plot.x - w / 2. - pad,
                          cx - p->plot.x + w / 2. + pad, &up, &down);
      ps_liq_bars_extent (predicted, axis, p->plot.width, cx - p->plot.x - w / 2. - pad,
                          cx - p->plot.x + w / 2. + pad, &up, &down);
      /* The free heights over the tallest short and under the deepest long. */
      above = (up > 0 ? MIN (ps_value_scale_to_y (scale, up), zero_y) : zero_y) - scale->y_top;
      below = bottom - (down > 0 ? MAX (ps_value_scale_to_y (scale, -down), zero_y + 1)
                                 : zero_y + 1);
      if (MAX (above, below) >= h + 8)
        y_mid = above >= below ? scale->y_top + above / 2 : bottom - below / 2;
      else
        y_mid = (scale->y_top + bottom) / 2;
      y_mid = ps_round (y_mid);
      _ps_render_set_color (p->cr, &p->style->background);
      cairo_rectangle (p->cr, ps_round (cx - w / 2. - pad), ps_round (y_mid - h / 2. - 2),
                       w + 2 * pad, h + 4);
      cairo_fill (p->cr);
      _ps_render_show_text (p->cr, p->layout, label, cx - w / 2., y_mid - h / 2.,
                            &p->style->text_dim);
    }
}

/* Legend ----------------------------------------------------------------------- */

static double
ps_legend_width (PsPaint            *p,
                 const PsLegendItem *items,
                 guint               n_items,
                 double             *swatch)
{
  double gap = ps_round (p->style->font_size * 1.2), w = 0;

  *swatch = ps_round (p->style->font_size * 0.75);
  for (guint i = 0; i < n_items; i++)
    {
      int tw, th;

      _ps_render_text_size (p->layout, items[i].label, &tw, &th);
      w += (i > 0 ? gap : 0) + (items[i].color != NULL ? *swatch + 4 : 0) + tw;
    }
  return w;
}

/* Items after the title row, when they fit before the plot's right edge;
 * FALSE and nothing drawn when they do not. */
gboolean
_ps_render_paint_legend (PsPaint            *p,
                         const PsRect       *row,
                         const PsLegendItem *items,
                         guint               n_items)
{
  double gap = ps_round (p->style->font_size * 1.2), swatch;
  double x = row->x + row->width + (row->width > 0 ? gap : 0);
  double w = ps_legend_width (p, items, n_items, &swatch);
  double cy = row->y + row->height / 2.;

  if (x + w > p->plot.x + p->plot.width - 8)
    return FALSE;

  _ps_render_set_color_alpha (p->cr, &p->style->background, 0.82);
  cairo_rectangle (p->cr, x - 4, row->y - 2, w + 8, row->height + 4);
  cairo_fill (p->cr);

  for (guint i = 0; i < n_items; i++)
    {
      int tw, th;

      if (i > 0)
        x += gap;
      if (items[i].color != NULL)
        {
          if (items[i].round)
            cairo_arc (p->cr, x + swatch / 2, cy, swatch / 2, 0, 2 * G_PI);
          else if (items[i].hollow)
            cairo_rectangle (p->cr, x + 0.5, ps_round (cy - swatch / 2) + 0.5, swatch - 1,
                             swatch - 1);
          else
            cairo_rectangle (p->cr, x, ps_round (cy - swatch / 2), swatch, swatch);
          _ps_render_set_color (p->cr, items[i].color);
          if (items[i].hollow)
            cairo_stroke (p->cr);
          else
            cairo_fill (p->cr);
          x += swatch + 4;
        }
      _ps_render_text_size (p->layout, items[i].label, &tw, &th);
      _ps_render_show_text (p->cr, p->layout, items[i].label, x, cy - th / 2.,
                            items[i].color != NULL ? &p->style->text : &p->style->text_dim);
      x += tw;
    }
  return TRUE;
}

/* What one bar sums, as said: "bars per hour", "bars per 4 hours", "bars per
 * 3.5 hours", "bars per 40 minutes", "bars per day". A span within 5 % of a
 * whole number of its unit is said as that number. */
char *
_ps_render_liq_bars_per (gint64 bar_ms)
{
  double minutes = MAX (1, ps_round (bar_ms / 60000.));
  double hours = bar_ms / 3600000.;
  double days = hours / 24;
  double n;

  if (hours < 1 - 0.05)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "bars per minute",
                                         "bars per %u minutes", (gulong) minutes),
                            (guint) minutes);

  if (hours < 24 - 0.05 * 24)
    {
      n = ps_round (hours);
      if (fabs (hours - n) <= 0.05 * n)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "bars per hour",
                                             "bars per %u hours", (gulong) n), (guint) n);
      return g_strdup_printf (_("bars per %.1f hours"), hours);
    }

  n = ps_round (days);
  if (fabs (days - n) <= 0.05 * n)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "bars per day", "bars per %u days",
                                         (gulong) n), (guint) n);
  return g_strdup_printf (_("bars per %.1f days"), days);
}

/* The legend saying which colour is which side, each side's total in view,
 * and what one bar sums; shortened until it fits. */
static void
ps_paint_liq_legend (PsPaint         *p,
                     PsTimeAxis      *axis,
                     const PsRect    *row,
                     const PsLiqBars *bars,
                     PsInterval       interval)
{
  g_autofree char *long_total = ps_format_usd_compact (bars->total_long);
  g_autofree char *short_total = ps_format_usd_compact (bars->total_short);
  g_autofree char *long_full = g_strdup_printf (_("Longs liquidated %s"), long_total);
  g_autofree char *short_full = g_strdup_printf (_("Shorts liquidated %s"), short_total);
  g_autofree char *long_short = g_strdup_printf (_("Longs %s"), long_total);
  g_autofree char *short_short = g_strdup_printf (_("Shorts %s"), short_total);
  g_autofree char *per = NULL;
  const PsColor *lc = &p->style->liq_long, *sc = &p->style->liq_short;

  if (bars->per_column)
    {
      gint64 view = ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis);

      per = _ps_render_liq_bars_per ((gint64) (view / MAX (p->plot.width, 1)));
    }
  else
    per = _ps_render_liq_bars_per (ps_interval_to_ms (interval) > 0
                                   ? ps_interval_to_ms (interval) : 3600000);

  {
    const PsLegendItem variants[][3] = {
      { { lc, FALSE, long_full }, { sc, FALSE, short_full }, { NULL, FALSE, per } },
      { { lc, FALSE, long_short }, { sc, FALSE, short_short }, { NULL, FALSE, per } },
      { { lc, FALSE, long_short }, { sc, FALSE, short_short } },
      { { lc, FALSE, _("Longs") }, { sc, FALSE, _("Shorts") } },
    };
    static const guint n_items[] = { 3, 3, 2, 2 };
    /* Nothing in view (often: nothing recorded there): the colour key
     * alone, no "$0" that reads as a quiet market. */
    guint first = bars->total_long > 0 || bars->total_short > 0 ? 0 : 3;

    for (guint v = first; v < G_N_ELEMENTS (variants); v++)
      if (_ps_render_paint_legend (p, row, variants[v], n_items[v]))
        return;
  }
}

/* The pane ------------------------------------------------------------------- */

char *
ps_render_liquidations_title (const char *venue_name)
{
  if (venue_name == NULL || *venue_name == '\0')
    return g_strdup (_("Liquidations (recorded, a lower bound)"));
  return g_strdup_printf (_("Liquidations · %s (recorded, a lower bound)"), venue_name);
}

void
ps_render_liquidations (cairo_t                      *cr,
                        const PsRect                 *rect,
                        PsTimeAxis                   *axis,
                        const PsRecordedLiquidations *liquidations,
                        PsInterval                    interval,
                        const char                   *title,
                        const PsChartStyle           *style)
{
  ps_render_liquidations_with_predicted (cr, rect, axis, liquidations, NULL, interval, title,
                                         style);
}

void
ps_render_liquidations_with_predicted (cairo_t                       *cr,
                                       const PsRect                  *rect,
                                       PsTimeAxis                    *axis,
                                       const PsRecordedLiquidations  *liquidations,
                                       const PsPredictedLiquidations *predicted,
                                       PsInterval                     interval,
                                       const char                    *title,
                                       const PsChartStyle            *style)
{
  PsValueScale scale;
  PsLiqBars bars, pred = { 0 };
  PsPaint p;
  PsRect row;
  double zero_y;
  gboolean split, with_recorded;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  _ps_render_paint_begin (&p, cr, rect, style);
  _ps_render_paint_background (&p);

  if (!_ps_render_predicted_in_view (predicted, axis))
    predicted = NULL;
  if (!ps_liquidations_any_in_view (liquidations, axis) && predicted == NULL)
    {
      _ps_render_paint_time_grid (&p, axis);
      _ps_render_paint_empty_message (&p, liquidations != NULL && liquidations->events != NULL
                                          ? _("No liquidations recorded in this range")
                                          : _("No liquidations recorded"));
      _ps_render_paint_title (&p, title, NULL, NULL);
      _ps_render_paint_end (&p);
      return;
    }

  _ps_render_liq_bars_init (&bars, axis, liquidations != NULL ? liquidations->events : NULL,
                            interval, p.plot.width);
  if (predicted != NULL)
    _ps_render_liq_bars_predicted (&pred, &bars, axis, predicted, p.plot.width);
  ps_liquidations_scale_from_bars (&scale, &bars, predicted != NULL ? &pred : NULL, &p.rect,
                                   &p.plot, style);
  split = predicted != NULL && _ps_render_liq_bars_split (&bars);
  with_recorded = liquidations != NULL &&
                  (liquidations->events != NULL || liquidations->n_not_recorded > 0);

  _ps_render_paint_time_grid (&p, axis);
  /* Only stretches not recorded in view: no made-up "$200" scale. */
  if (bars.max_long > 0 || bars.max_short > 0 || pred.max_long > 0 || pred.max_short > 0)
    _ps_render_paint_value_grid (&p, &scale, PS_LABEL_USD_MAGNITUDE, 0, 0);

  zero_y = floor (ps_value_scale_to_y (&scale, 0));
  cairo_save (cr);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);
  _ps_render_set_color (cr, &style->zero_line);
  cairo_rectangle (cr, p.plot.x, zero_y, p.plot.width, 1);
  cairo_fill (cr);
  /* Bars over the bands: a candle half recorded shows what was recorded. */
  _ps_render_paint_not_recorded (&p, axis, liquidations, p.plot.y, p.plot.y + p.plot.height,
                                 TRUE);
  ps_paint_liq_bars (&p, axis, &bars, &scale, zero_y, split);
  ps_paint_not_recorded_labels (&p, axis, liquidations, &bars, predicted != NULL ? &pred : NULL,
                                &scale, zero_y);
  /* Over the "Not recorded" labels: the model runs there all the same. */
  if (predicted != NULL)
    _ps_render_paint_liq_predicted (&p, axis, &pred, &scale, zero_y, with_recorded);
  cairo_restore (cr);

  _ps_render_paint_title_row (&p, title, NULL, NULL, &row);
  if (predicted != NULL)
    _ps_render_paint_liq_compared_legend (&p, &row, with_recorded ? &bars : NULL, &pred);
  else
    ps_paint_liq_legend (&p, axis, &row, &bars, interval);
  _ps_render_liq_bars_clear (&bars);
  _ps_render_liq_bars_clear (&pred);
  _ps_render_paint_end (&p);
}

/* Read-out --------------------------------------------------------------------- */

PsLiqRecording
ps_render_liquidations_at (const PsRecordedLiquidations *liquidations,
                           PsInterval                    interval,
                           gint64                        t_ms,
                           double                       *long_usd,
                           double                       *short_usd)
{
  gint64 step = _ps_render_liq_step_ms (interval);
  gint64 from_ms = ps_floor_to (t_ms, step);
  PsLiqSums sums;

  g_return_val_if_fail (liquidations != NULL, PS_LIQ_NOT_RECORDED);

  /* The model's sum, so the read-out and the side panel never disagree;
   * the store's PsRange and PsTimeSpan share their layout. */
  G_STATIC_ASSERT (sizeof (PsRange) == sizeof (PsTimeSpan));
  ps_liquidations_sum_recorded (liquidations->events,
                                (const PsRange *) (gconstpointer) liquidations->not_recorded,
                                liquidations->n_not_recorded, from_ms, from_ms + step, NAN, NAN,
                                &sums);
  if (long_usd != NULL)
    *long_usd = sums.long_usd;
  if (short_usd != NULL)
    *short_usd = sums.short_usd;

  switch (sums.recording)
    {
    case PS_RECORDING_NONE:
      return PS_LIQ_NOT_RECORDED;
    case PS_RECORDING_PARTIAL:
      return PS_LIQ_PARTLY_RECORDED;
    case PS_RECORDING_FULL:
    default:
      return PS_LIQ_RECORDED;
    }
}

char *
ps_render_liquidations_readout (const PsRecordedLiquidations *liquidations,
                                PsInterval                    interval,
                                gint64                        t_ms)
{
  g_autofree char *l = NULL;
  g_autofree char *s = NULL;
  double long_usd, short_usd;

  g_return_val_if_fail (liquidations != NULL, NULL);

  switch (ps_render_liquidations_at (liquidations, interval, t_ms, &long_usd, &short_usd))
    {
    case PS_LIQ_NOT_RECORDED:
      return g_strdup (_("Liquidations not recorded"));

    case PS_LIQ_PARTLY_RECORDED:
      l = ps_format_usd_compact (long_usd);
      s = ps_format_usd_compact (short_usd);
      /* TRANSLATORS: USD of long and short positions liquidated in a candle */
      return g_strdup_printf (_("Liquidated: longs %s · shorts %s (partly recorded)"), l, s);

    case PS_LIQ_RECORDED:
    default:
      l = ps_format_usd_compact (long_usd);
      s = ps_format_usd_compact (short_usd);
      return g_strdup_printf (_("Liquidated: longs %s · shorts %s (at least)"), l, s);
    }
}
