/* ps-render-empty.c: stretches of a pane with no data, and why, drawn as
 * labelled bands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-render.h"
#include "ps-render-private.h"

/* The reason in the band, wrapped to its width, centred; FALSE (nothing
 * drawn) where it would not fit whole. */
static gboolean
ps_paint_band_label (PsPaint    *p,
                     const char *label,
                     double      x0,
                     double      x1,
                     double      y0,
                     double      y1)
{
  g_autoptr(PangoLayout) layout = NULL;
  double pad = ps_round (p->style->font_size * 0.6);
  PangoRectangle ink, logical;
  double x, y;

  if (label == NULL || x1 - x0 < 2 * pad + p->style->font_size * 3)
    return FALSE;

  layout = _ps_render_create_layout (p->cr, p->style, 1.0, PANGO_WEIGHT_NORMAL);
  pango_layout_set_text (layout, label, -1);
  pango_layout_set_width (layout, (int) ((x1 - x0 - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_extents (layout, &ink, &logical);
  if (logical.height > y1 - y0 - pad || pango_layout_get_line_count (layout) > 3 ||
      ink.width > x1 - x0 - 2 * pad)
    return FALSE;

  x = ps_round (x0 + pad);
  y = ps_round ((y0 + y1 - logical.height) / 2);
  cairo_move_to (p->cr, x, y);
  _ps_render_set_color (p->cr, &p->style->text_dim);
  pango_cairo_show_layout (p->cr, layout);
  return TRUE;
}

void
ps_render_empty_bands (cairo_t            *cr,
                       const PsRect       *rect,
                       PsTimeAxis         *axis,
                       const PsEmptyBand  *bands,
                       guint               n_bands,
                       const PsChartStyle *style)
{
  PsPaint p;
  double top, bottom;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (bands != NULL || n_bands == 0);
  g_return_if_fail (style != NULL);

  if (n_bands == 0)
    return;

  _ps_render_paint_begin (&p, cr, rect, style);
  /* Under the header, which keeps its title. */
  top = p.plot.y + _ps_render_header_height (style);
  bottom = p.plot.y + p.plot.height;
  if (bottom - top < style->font_size)
    {
      _ps_render_paint_end (&p);
      return;
    }
  cairo_rectangle (cr, p.plot.x, top, p.plot.width, bottom - top);
  cairo_clip (cr);

  for (guint i = 0; i < n_bands; i++)
    {
      double x0 = p.plot.x + ps_round (ps_time_axis_to_x (axis, bands[i].from_ms, p.plot.width));
      double x1 = p.plot.x + ps_round (ps_time_axis_to_x (axis, bands[i].to_ms, p.plot.width));

      x0 = MAX (x0, p.plot.x);
      x1 = MIN (x1, p.plot.x + p.plot.width);
      if (x1 <= x0)
        continue;

      /* The background hides the pane's own "no data" note and grid: the
       * band says more. A faint tint tells it from a calm stretch. */
      _ps_render_set_color (cr, &style->background);
      cairo_rectangle (cr, x0, top, x1 - x0, bottom - top);
      cairo_fill (cr);
      _ps_render_set_color_alpha (cr, &style->grid, 0.6);
      cairo_rectangle (cr, x0, top, x1 - x0, bottom - top);
      cairo_fill (cr);
      /* Its edges inside the plot, where the data begins or ends. */
      _ps_render_set_color_alpha (cr, &style->grid, 2.5);
      if (x0 > p.plot.x)
        cairo_rectangle (cr, x0, top, 1, bottom - top);
      if (x1 < p.plot.x + p.plot.width)
        cairo_rectangle (cr, x1 - 1, top, 1, bottom - top);
      cairo_fill (cr);

      /* A narrow band says it shorter rather than not at all. */
      if (!ps_paint_band_label (&p, bands[i].label, x0, x1, top, bottom))
        ps_paint_band_label (&p, bands[i].short_label, x0, x1, top, bottom);
    }
  _ps_render_paint_end (&p);
}
