/* ps-render-log-scale.c: a value scale where equal ratios take equal
 * heights (the price pane's log mode), and its round ticks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-render.h"
#include "ps-render-private.h"

void
_ps_render_value_scale_make_log (PsValueScale *scale,
                                 double        pad)
{
  double range = (scale->max - scale->min) / (1 + 2 * pad);
  double lo = scale->min + pad * range, hi = scale->max - pad * range, span;

  /* Zero or less has no place on a log scale: such a pane stays linear. */
  if (!(lo > 0) || !(hi >= lo) || !isfinite (hi))
    return;

  /* The same padding, as a share of the log range. */
  span = log (hi / lo);
  scale->min = lo * exp (-span * pad);
  scale->max = hi * exp (span * pad);
  scale->log = TRUE;
}

/* Pixels per unit of value at value: the scale is densest at its top. */
static double
ps_log_px_per_unit (const PsValueScale *scale,
                    double              value)
{
  return (scale->y_bottom - scale->y_top) / (log (scale->max / scale->min) * value);
}

static void
ps_value_tick_clear (gpointer data)
{
  PsValueTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

/* Candidates, top to bottom: the mantissas of set in each decade, or with
 * set NULL the multiples of step. Each value's own step, for its decimals. */
typedef struct
{
  double value;
  double step;
} PsLogCandidate;

static GArray *
ps_log_candidates (const double *set,
                   guint         n_set,
                   double        step,
                   double        v_bottom,
                   double        v_top)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (PsLogCandidate));

  if (set == NULL)
    {
      double k0 = ceil (v_bottom / step - 1e-9), k1 = floor (v_top / step + 1e-9);

      for (double k = k1; k >= k0 && k1 - k < 200; k--)
        g_array_append_val (out, ((PsLogCandidate) { k * step, step }));
      return out;
    }

  for (int e = (int) ceil (log10 (v_top)); e >= (int) floor (log10 (v_bottom)) - 1; e--)
    {
      double decade = pow (10, e);

      for (guint i = n_set; i-- > 0;)
        {
          double v = set[i] * decade;

          if (v >= v_bottom * (1 - 1e-9) && v <= v_top * (1 + 1e-9) && out->len < 200)
            g_array_append_val (out, ((PsLogCandidate) { v, decade }));
        }
    }
  return out;
}

/* The closest two neighbours come, px (G_MAXDOUBLE for fewer than two). */
static double
ps_log_min_gap (const PsValueScale *scale,
                GArray             *candidates)
{
  double gap = G_MAXDOUBLE;

  for (guint i = 1; i < candidates->len; i++)
    {
      double a = g_array_index (candidates, PsLogCandidate, i - 1).value;
      double b = g_array_index (candidates, PsLogCandidate, i).value;

      gap = MIN (gap, ps_value_scale_to_y (scale, b) - ps_value_scale_to_y (scale, a));
    }
  return gap;
}

/* The smallest 1-2-5 step of at least raw. */
static double
ps_log_step_at_least (double raw)
{
  double mag = pow (10, floor (log10 (raw)));
  double m = raw / mag;

  return (m <= 1 + 1e-9 ? 1 : m <= 2 + 1e-9 ? 2 : m <= 5 + 1e-9 ? 5 : 10) * mag;
}

static double
ps_log_step_below (double step)
{
  double mag = pow (10, floor (log10 (step) + 1e-9));
  double m = step / mag;

  return (m > 4.5 ? 2 : m > 1.5 ? 1 : 0.5) * mag;
}

static guint
ps_log_fill (GArray             *ticks,
             GArray             *candidates,
             PangoLayout        *layout,
             const PsChartStyle *style,
             const PsRect       *rect,
             const PsRect       *plot,
             const PsValueScale *scale,
             PsLabelKind         kind,
             double              skip_y0,
             double              skip_y1)
{
  double magnitude = MAX (fabs (scale->min), fabs (scale->max));
  gboolean compact = FALSE;
  guint n = 0;

  g_array_set_size (ticks, 0);
  /* "98k" for prices only when the widest label would not fit the gutter. */
  for (guint i = 0; kind == PS_LABEL_PRICE && i < candidates->len && !compact; i++)
    {
      const PsLogCandidate *c = &g_array_index (candidates, PsLogCandidate, i);
      g_autofree char *text = _ps_render_format_axis_label (kind, c->value, c->step, magnitude,
                                                            FALSE);
      int w, h;

      _ps_render_text_size (layout, text, &w, &h);
      compact = w > rect->width - plot->width - 1.5 * ps_round (style->font_size * 0.6);
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      const PsLogCandidate *c = &g_array_index (candidates, PsLogCandidate, i);
      PsValueTick tick = { c->value, ps_round (ps_value_scale_to_y (scale, c->value)), NULL };

      if (tick.y < plot->y || tick.y >= plot->y + plot->height)
        continue;
      if (!(tick.y + 1 > skip_y0 && tick.y - 1 < skip_y1))
        {
          tick.label = _ps_render_format_axis_label (kind, c->value, c->step, magnitude, compact);
          n++;
        }
      g_array_append_val (ticks, tick);
    }
  return n;
}

/* Powers of ten, then 1-2-5 in each decade while their labels keep apart;
 * a range too narrow for four of those (a price within a decade, nearly
 * straight on a log scale) takes even steps, spaced by the top of the
 * pane, where they come closest. */
GArray *
_ps_render_log_ticks (PangoLayout        *layout,
                      const PsChartStyle *style,
                      const PsRect       *rect,
                      const PsRect       *plot,
                      const PsValueScale *scale,
                      PsLabelKind         kind,
                      double              skip_y0,
                      double              skip_y1)
{
  static const double ones[] = { 1 }, one_two_five[] = { 1, 2, 5 };
  static const struct { const double *set; guint n; } sets[] = {
    { ones, G_N_ELEMENTS (ones) }, { one_two_five, G_N_ELEMENTS (one_two_five) },
  };
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (PsValueTick));
  g_autoptr(GArray) best = NULL;
  PangoRectangle ink, logical;
  double comfortable, tight, half, v_top, v_bottom, step, px_top;
  int marker = skip_y1 > skip_y0;
  guint n = 0;

  g_array_set_clear_func (ticks, ps_value_tick_clear);
  if (!scale->log || !(scale->min > 0) || !(scale->max > scale->min) ||
      !(scale->y_bottom > scale->y_top))
    return ticks;

  pango_layout_set_text (layout, "0123456789", -1);
  pango_layout_get_pixel_extents (layout, &ink, &logical);
  comfortable = 2 * logical.height;
  tight = MIN (comfortable, ink.height + 3);
  half = logical.height / 2. + 1;
  v_top = ps_value_scale_from_y (scale, rect->y + half);
  v_bottom = ps_value_scale_from_y (scale, rect->y + rect->height - half);

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      g_autoptr(GArray) c = ps_log_candidates (sets[s].set, sets[s].n, 0, v_bottom, v_top);
      double gap = ps_log_min_gap (scale, c);

      if (gap < (best == NULL ? tight : comfortable))
        break;
      g_clear_pointer (&best, g_array_unref);
      best = g_steal_pointer (&c);
      n = ps_log_fill (ticks, best, layout, style, rect, plot, scale, kind, skip_y0, skip_y1);
      if (n + marker >= 4)
        return ticks;
    }

  /* Even steps, closer as the linear axis allows until four labels. */
  px_top = ps_log_px_per_unit (scale, v_top);
  step = ps_log_step_at_least (comfortable / px_top);
  for (int i = 0; i < 12; i++)
    {
      g_autoptr(GArray) c = ps_log_candidates (NULL, 0, step, v_bottom, v_top);

      if (best == NULL || c->len > best->len)
        {
          g_clear_pointer (&best, g_array_unref);
          best = g_steal_pointer (&c);
        }
      if (best->len >= 4 + (guint) marker || ps_log_step_below (step) * px_top < tight)
        break;
      step = ps_log_step_below (step);
    }
  if (best != NULL)
    ps_log_fill (ticks, best, layout, style, rect, plot, scale, kind, skip_y0, skip_y1);
  return ticks;
}
