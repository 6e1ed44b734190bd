/* ps-render-heat-labels.c: what the price pane says about the heatmap: the
 * colour scale's legend in USD and the hot zones at the right edge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-render-heatmap.h"
#include "ps-render-private.h"

/* Legend ------------------------------------------------------------------- */

/* The 1-2-5 value under usd (down) or nearest it on a log scale. */
static double
ps_heat_nice (double   usd,
              gboolean down)
{
  static const double rungs[] = { 1, 2, 5, 10 };
  double p = pow (10, floor (log10 (usd))), best = p;

  for (guint i = 0; i < G_N_ELEMENTS (rungs); i++)
    {
      double v = rungs[i] * p;

      if (down ? v <= usd * 1.001 : fabs (log (v / usd)) < fabs (log (best / usd)))
        best = v;
    }
  return best;
}

/* "$5M" rather than "$5.00M": the legend's values are round. */
static char *
ps_heat_format (double usd)
{
  char *text = ps_format_usd_compact (usd);
  const char *mark = ps_format_decimal_mark ();
  char *dot = strstr (text, mark);

  if (dot != NULL)
    {
      char *digits = dot + strlen (mark);
      char *end = digits;

      while (g_ascii_isdigit (*end))
        end++;
      if (strspn (digits, "0") == (gsize) (end - digits))
        memmove (dot, end, strlen (end) + 1);
    }
  return text;
}

/* A gradient bar over three round USD values, right-aligned in the title
 * band; the plot x where it starts, for the legends left of it. */
double
_ps_render_paint_heat_legend (PsPaint              *p,
                              const PsHeatmapImage *image,
                              double                opacity)
{
  g_autoptr(PangoLayout) small = NULL;
  g_auto(GStrv) labels = g_new0 (char *, 4);
  const char *caption = _("Liquidation levels (model)");
  double max = ps_heatmap_image_get_max_usd (image), values[3];
  double bar_w = ps_round (p->style->font_size * 11), bar_h = ps_round (p->style->font_size * 0.5);
  double right = p->plot.x + p->plot.width - ps_round (p->style->font_size * 0.6);
  double top = p->plot.y + 4, bar_x, left, gap = ps_round (p->style->font_size * 0.6);
  int w[3], lh = 0, cw, ch;
  cairo_pattern_t *gradient;

  if (ps_heatmap_image_is_empty (image) || !(opacity > 0))
    return p->plot.x + p->plot.width;

  /* Round values near a quarter, 60 % and the top of the bar. */
  values[2] = ps_heat_nice (max, TRUE);
  values[0] = ps_heat_nice (max * pow (_ps_render_heat_floor () + 0.2 * (1 - _ps_render_heat_floor ()), 2), FALSE);
  values[1] = ps_heat_nice (max * pow (_ps_render_heat_floor () + 0.6 * (1 - _ps_render_heat_floor ()), 2), FALSE);
  small = _ps_render_create_layout (p->cr, p->style, 0.85, PANGO_WEIGHT_NORMAL);
  for (guint i = 0; i < 3; i++)
    {
      labels[i] = ps_heat_format (values[i]);
      _ps_render_text_size (small, labels[i], &w[i], &lh);
    }
  bar_x = right - bar_w - MAX (0, w[2] / 2. - bar_w * (1 - _ps_render_heat_position (values[2], max)));
  bar_x = ps_round (bar_x);
  left = bar_x - w[0] / 2.;
  _ps_render_text_size (small, caption, &cw, &ch);
  if (left - gap - cw > p->plot.x + p->plot.width * 0.55)
    left -= gap + cw;
  else
    caption = NULL;
  if (left < p->plot.x + p->plot.width * 0.3)
    return p->plot.x + p->plot.width;   /* too narrow: the title goes first */

  _ps_render_set_color_alpha (p->cr, &p->style->background, 0.82);
  cairo_rectangle (p->cr, ps_round (left) - 4, top - 2, right - ps_round (left) + 8,
                   bar_h + lh + 5);
  cairo_fill (p->cr);

  /* The bar as a cell looks at this opacity, over the background. */
  gradient = cairo_pattern_create_linear (bar_x, 0, bar_x + bar_w, 0);
  for (guint s = 0; s < PS_HEAT_STOPS; s++)
    {
      const PsColor *c = &p->style->heat[s];

      cairo_pattern_add_color_stop_rgba (gradient, s / (PS_HEAT_STOPS - 1.), c->red, c->green,
                                         c->blue, c->alpha * opacity);
    }
  cairo_rectangle (p->cr, bar_x, top, bar_w, bar_h);
  cairo_set_source (p->cr, gradient);
  cairo_fill (p->cr);
  cairo_pattern_destroy (gradient);

  for (guint i = 0, drawn = 0; i < 3; i++)
    {
      double x = ps_round (bar_x + bar_w * _ps_render_heat_position (values[i], max));
      double prev = drawn > 0
                    ? ps_round (bar_x + bar_w * _ps_render_heat_position (values[drawn - 1], max))
                    : -G_MAXDOUBLE;

      /* A label too close to the one before it (or the same value) is left
       * out, never written over it; the top one wins. */
      if (i == 1 && x - w[1] / 2. < prev + w[0] / 2. + 4)
        continue;
      if (i == 1 && ps_round (bar_x + bar_w * _ps_render_heat_position (values[2], max)) - w[2] / 2.
                    < x + w[1] / 2. + 4)
        continue;
      drawn = i + 1;
      _ps_render_set_color (p->cr, &p->style->text_dim);
      cairo_rectangle (p->cr, x, top + bar_h, 1, 2);
      cairo_fill (p->cr);
      _ps_render_show_text (p->cr, small, labels[i], x - w[i] / 2., top + bar_h + 2,
                            &p->style->text_dim);
    }
  if (caption != NULL)
    _ps_render_show_text (p->cr, small, caption, left, top + (bar_h + lh + 2 - ch) / 2.,
                          &p->style->text_dim);
  return ps_round (left) - 4;
}

/* Hot zones ---------------------------------------------------------------- */

typedef struct
{
  const PsHeatZone *zone;
  double            want;   /* the y of its peak */
  double            y;      /* its label's middle, nudged */
  char             *text;
  int               w;
} PsZoneLabel;

static int
ps_zone_label_compare (const void *a,
                       const void *b)
{
  double x = ((const PsZoneLabel *) a)->zone->usd, y = ((const PsZoneLabel *) b)->zone->usd;

  return (x < y) - (x > y);
}

static gboolean
ps_zone_label_fits (const PsZoneLabel *placed,
                    guint              n_placed,
                    double             y,
                    double             h,
                    double             y0,
                    double             y1)
{
  if (y - h / 2 < y0 || y + h / 2 > y1)
    return FALSE;
  for (guint i = 0; i < n_placed; i++)
    if (fabs (placed[i].y - y) < h - 0.01)
      return FALSE;
  return TRUE;
}

/* Largest first, each label at its peak or, when taken, at the nearest
 * free place just above or below a label already placed, inside [y0, y1];
 * FALSE for one that finds none (left out rather than drawn over another). */
static gboolean
ps_zone_label_place (PsZoneLabel *labels,
                     guint        k,
                     double       h,
                     double       y0,
                     double       y1)
{
  double best = NAN, want = CLAMP (labels[k].want, y0 + h / 2, y1 - h / 2);

  if (ps_zone_label_fits (labels, k, want, h, y0, y1))
    {
      labels[k].y = want;
      return TRUE;
    }
  for (guint i = 0; i < k; i++)
    for (int dir = -1; dir <= 1; dir += 2)
      {
        double y = labels[i].y + dir * h;

        if (ps_zone_label_fits (labels, k, y, h, y0, y1) &&
            (isnan (best) || fabs (y - labels[k].want) < fabs (best - labels[k].want)))
          best = y;
      }
  if (isnan (best))
    return FALSE;
  labels[k].y = best;
  return TRUE;
}

/* Where the labels of the zones in view go: largest first, each at its
 * peak or nudged off a larger one's, the ones that find no room left out.
 * A new array of n_placed labels (texts owned); h: a label's height. */
static PsZoneLabel *
ps_zone_labels_layout (PsPaint            *p,
                       const PsValueScale *scale,
                       const PsHeatZone   *zones,
                       guint               n_zones,
                       guint              *n_placed,
                       int                *h)
{
  PsZoneLabel *labels = g_new0 (PsZoneLabel, MAX (n_zones, 1));
  double top = scale->y_top, bottom = p->plot.y + p->plot.height;
  guint n = 0;

  *h = 0;
  for (guint i = 0; i < n_zones; i++)
    {
      const PsHeatZone *z = &zones[i];
      double y = ps_value_scale_to_y (scale, z->price_peak);
      const char *arrow = z->side == PS_LIQ_LONG ? "\xe2\x96\xbc" : "\xe2\x96\xb2";
      g_autofree char *usd = NULL;
      char *text;

      if (!isfinite (y) || !(z->usd > 0))
        continue;
      usd = ps_format_usd_compact (z->usd);
      if (y < top || y > bottom)
        {
          g_autofree char *price = ps_format_price (z->price_peak);

          /* Off the candles' range, often so zoomed in: pinned to the
           * edge it lies beyond, with its price. TRANSLATORS: "▲ $412M at
           * 104,200", a hot zone's side, size and price */
          text = g_strdup_printf (_("%s %s at %s"), arrow, usd, price);
          y = y < top ? top : bottom;
        }
      else
        text = g_strdup_printf ("%s %s", arrow, usd);
      labels[n] = (PsZoneLabel) { z, y, y, text, 0 };
      _ps_render_text_size (p->layout, labels[n].text, &labels[n].w, h);
      n++;
    }

  qsort (labels, n, sizeof *labels, ps_zone_label_compare);
  for (guint i = 0; i < n; i++)
    if (!ps_zone_label_place (labels, i, *h + 3, top, bottom))
      {
        /* No room: the smaller zones go. */
        for (guint k = i; k < n; k++)
          g_clear_pointer (&labels[k].text, g_free);
        n = i;
        break;
      }
  *n_placed = n;
  return labels;
}

#define ZONE_BRACKET 3
#define ZONE_PAD     3

/* Each zone in view: a bracket over its price band on the plot's right edge
 * and "▼ $412M" (longs, liquidated by a fall) or "▲ $310M" (shorts) beside
 * it, in the side's colour; a zone beyond the price range, pinned to that
 * edge with its price. */
void
_ps_render_paint_heat_zones (PsPaint            *p,
                             const PsValueScale *scale,
                             const PsHeatZone   *zones,
                             guint               n_zones)
{
  double right = p->plot.x + p->plot.width, bracket = ZONE_BRACKET, pad = ZONE_PAD;
  double top = scale->y_top, bottom = p->plot.y + p->plot.height;
  g_autofree PsZoneLabel *labels = NULL;
  guint n;
  int h;

  labels = ps_zone_labels_layout (p, scale, zones, n_zones, &n, &h);
  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      const PsHeatZone *z = labels[i].zone;
      const PsColor *color = z->side == PS_LIQ_LONG ? &p->style->liq_long : &p->style->liq_short;
      double y0 = ps_round (ps_value_scale_to_y (scale, z->price_hi));
      double y1 = ps_round (ps_value_scale_to_y (scale, z->price_lo));
      double x = ps_round (right - bracket - 4 - labels[i].w - 2 * pad);
      double ly = ps_round (labels[i].y - h / 2.);
      double peak_y = ps_value_scale_to_y (scale, z->price_peak);

      _ps_render_set_color_alpha (p->cr, &p->style->background, 0.85);
      cairo_rectangle (p->cr, x, ly - 1, labels[i].w + 2 * pad, h + 2);
      cairo_fill (p->cr);
      _ps_render_show_text (p->cr, p->layout, labels[i].text, x + pad, ly, color);
      if (peak_y < top || peak_y > bottom)
        continue;   /* no band to bracket */

      /* At least the peak's pixels: a one-bin zone is still a zone. */
      y0 = CLAMP (MIN (y0, ps_round (labels[i].want) - 1), p->plot.y, bottom);
      y1 = CLAMP (MAX (y1, ps_round (labels[i].want) + 2), p->plot.y, bottom);
      _ps_render_set_color (p->cr, color);
      cairo_rectangle (p->cr, right - bracket - 1, y0, bracket, y1 - y0);
      cairo_fill (p->cr);
      /* A leader from a nudged label to its peak. */
      cairo_rectangle (p->cr, x + labels[i].w + 2 * pad, ps_round (labels[i].want),
                       right - bracket - 1 - (x + labels[i].w + 2 * pad), 1);
      cairo_fill (p->cr);
    }

  for (guint i = 0; i < n; i++)
    g_free (labels[i].text);
}

const PsHeatZone *
ps_render_heat_zone_at (const PsRect       *rect,
                        const PsValueScale *scale,
                        const PsHeatZone   *zones,
                        guint               n_zones,
                        const PsChartStyle *style,
                        double              x,
                        double              y)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autofree PsZoneLabel *labels = NULL;
  const PsHeatZone *hit = NULL;
  PsPaint p;
  guint n;
  int h;

  g_return_val_if_fail (rect != NULL && scale != NULL && style != NULL, NULL);

  if (zones == NULL || n_zones == 0)
    return NULL;

  /* The labels' sizes need a layout: measure on a scrap surface, as drawn. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  _ps_render_paint_begin (&p, cr, rect, style);
  labels = ps_zone_labels_layout (&p, scale, zones, n_zones, &n, &h);
  for (guint i = 0; i < n; i++)
    {
      double right = p.plot.x + p.plot.width;
      double left = ps_round (right - ZONE_BRACKET - 4 - labels[i].w - 2 * ZONE_PAD);

      if (hit == NULL && x >= left - 2 && x <= right && fabs (y - labels[i].y) <= h / 2. + 2)
        hit = labels[i].zone;
      g_free (labels[i].text);
    }
  _ps_render_paint_end (&p);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return hit;
}
