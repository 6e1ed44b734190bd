/* ps-render.c: what every pane shares: styles, grids, value scales, empty
 * panes and the time strip, cursor and selection (numbers: ps-render-format.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "ps-render.h"
#include "ps-render-private.h"

/* Styles --------------------------------------------------------------- */

static PsColor
ps_color_from_hex (guint32 rgb,
                   double  alpha)
{
  return (PsColor) { ((rgb >> 16) & 0xff) / 255.,
                     ((rgb >> 8) & 0xff) / 255.,
                     (rgb & 0xff) / 255.,
                     alpha };
}

/* The process's choice (the Preferences' colour-blind-safe palette): every
 * style made from now on takes it, the window's panes and its reports. */
static gint colorblind;

void
ps_chart_style_set_colorblind (gboolean enabled)
{
  g_atomic_int_set (&colorblind, enabled ? 1 : 0);
}

gboolean
ps_chart_style_get_colorblind (void)
{
  return g_atomic_int_get (&colorblind) != 0;
}

/* Adwaita's palette (GNOME HIG): green 5 and red 3 on light, the lighter
 * green 4 and red 1 on dark, where deep tones would sink into the background. */
void
ps_chart_style_init_light (PsChartStyle *style)
{
  g_return_if_fail (style != NULL);

  style->background = ps_color_from_hex (0xffffff, 1);
  style->text = ps_color_from_hex (0x000000, .80);
  style->text_dim = ps_color_from_hex (0x000000, .55);
  style->grid = ps_color_from_hex (0x000000, .07);
  style->up = ps_color_from_hex (0x26a269, 1);
  style->down = ps_color_from_hex (0xe01b24, 1);
  style->oi_line = ps_color_from_hex (0x3584e4, 1);
  style->oi_fill = ps_color_from_hex (0x3584e4, .22);
  style->funding_positive = style->up;
  style->funding_negative = style->down;
  style->zero_line = ps_color_from_hex (0x000000, .30);
  /* Orange and blue, not red and green: told apart with every common colour
   * vision deficiency, and not the candles' colours, so a marker over a
   * candle never reads as part of it. */
  style->liq_long = ps_color_from_hex (0xe66100, 1);
  style->liq_short = ps_color_from_hex (0x1a5fb4, 1);
  style->not_recorded = ps_color_from_hex (0x000000, .16);
  style->cursor = ps_color_from_hex (0x000000, .45);
  style->selection = ps_color_from_hex (0x3584e4, .14);
  /* After magma: purple to orange to amber, lightness rising with value so
   * it reads in grey too; the top stays amber, not magma's pale yellow,
   * which white would swallow. */
  style->heat[0] = ps_color_from_hex (0x6a3d9a, .08);
  style->heat[1] = ps_color_from_hex (0x8c2981, .26);
  style->heat[2] = ps_color_from_hex (0xe4572e, .50);
  style->heat[3] = ps_color_from_hex (0xf5a300, .78);
  /* Amber, red-violet, deep red, teal: light to dark and warm to cool. */
  style->phase_building = ps_color_from_hex (0xe5a50a, 1);
  style->phase_crowded = ps_color_from_hex (0xa03fb5, 1);
  style->phase_flush = ps_color_from_hex (0xa51d2d, 1);
  style->phase_reset = ps_color_from_hex (0x1c9c92, 1);
  style->venue[0] = ps_color_from_hex (0xe69f00, 1);   /* orange */
  style->venue[1] = ps_color_from_hex (0x0072b2, 1);   /* blue */
  style->venue[2] = ps_color_from_hex (0x009e73, 1);   /* bluish green */
  style->venue[3] = ps_color_from_hex (0xcc79a7, 1);   /* reddish purple */
  style->venue[4] = ps_color_from_hex (0x56b4e9, 1);   /* sky blue */
  style->venue[5] = ps_color_from_hex (0x8a8a8a, 1);
  style->font_family = "Cantarell";
  style->font_size = 12;
  style->gutter = 72;
  /* Blue 4 and orange 5: rises and falls told apart with protanopia and
   * deuteranopia too, where green and red are not. */
  if (ps_chart_style_get_colorblind ())
    {
      style->up = ps_color_from_hex (0x1c71d8, 1);
      style->down = ps_color_from_hex (0xc64600, 1);
      style->funding_positive = style->up;
      style->funding_negative = style->down;
    }
}

void
ps_chart_style_init_dark (PsChartStyle *style)
{
  g_return_if_fail (style != NULL);

  ps_chart_style_init_light (style);
  style->background = ps_color_from_hex (0x1e1e1e, 1);
  style->text = ps_color_from_hex (0xffffff, .87);
  style->text_dim = ps_color_from_hex (0xffffff, .55);
  style->grid = ps_color_from_hex (0xffffff, .07);
  style->up = ps_color_from_hex (0x2ec27e, 1);
  style->down = ps_color_from_hex (0xf66151, 1);
  style->oi_line = ps_color_from_hex (0x62a0ea, 1);
  style->oi_fill = ps_color_from_hex (0x62a0ea, .24);
  style->funding_positive = style->up;
  style->funding_negative = style->down;
  style->zero_line = ps_color_from_hex (0xffffff, .32);
  style->liq_long = ps_color_from_hex (0xffa348, 1);
  style->liq_short = ps_color_from_hex (0x78aeed, 1);
  style->not_recorded = ps_color_from_hex (0xffffff, .16);
  style->cursor = ps_color_from_hex (0xffffff, .50);
  style->selection = ps_color_from_hex (0x62a0ea, .18);
  /* On dark the low end sinks into the background and the top may be
   * magma's yellow. */
  style->heat[0] = ps_color_from_hex (0x51127c, .25);
  style->heat[1] = ps_color_from_hex (0xb73779, .50);
  style->heat[2] = ps_color_from_hex (0xf1605d, .75);
  style->heat[3] = ps_color_from_hex (0xfeca57, .90);
  style->phase_building = ps_color_from_hex (0xf5c211, 1);
  style->phase_crowded = ps_color_from_hex (0xc061cb, 1);
  style->phase_flush = ps_color_from_hex (0xe62d42, 1);
  style->phase_reset = ps_color_from_hex (0x33c0b0, 1);
  if (ps_chart_style_get_colorblind ())
    {
      style->up = ps_color_from_hex (0x62a0ea, 1);
      style->down = ps_color_from_hex (0xff7800, 1);
      style->funding_positive = style->up;
      style->funding_negative = style->down;
    }
  /* Blue lighter on dark, where Okabe and Ito's sinks. */
  style->venue[1] = ps_color_from_hex (0x3a8fd6, 1);
}

/* Painting ------------------------------------------------------------- */

void
_ps_render_set_color (cairo_t       *cr,
                      const PsColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
_ps_render_set_color_alpha (cairo_t       *cr,
                            const PsColor *color,
                            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

void
ps_render_get_plot_area (const PsRect       *rect,
                         const PsChartStyle *style,
                         PsRect             *plot)
{
  double x, y, right, bottom;

  g_return_if_fail (rect != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (plot != NULL);

  /* Whole pixels, so 1 px lines at n + 0.5 land on one pixel row. */
  x = ps_round (rect->x);
  y = ps_round (rect->y);
  right = ps_round (rect->x + rect->width - style->gutter);
  bottom = ps_round (rect->y + rect->height);
  *plot = (PsRect) { x, y, MAX (right - x, 0), MAX (bottom - y, 0) };
}

double
ps_render_tick_spacing (const PsChartStyle *style)
{
  g_return_val_if_fail (style != NULL, 80);

  /* "Nov 30" or "12:00" and room to breathe. */
  return style->font_size * 5.5;
}

void
_ps_render_paint_begin (PsPaint            *p,
                        cairo_t            *cr,
                        const PsRect       *rect,
                        const PsChartStyle *style)
{
  p->cr = cr;
  p->style = style;
  ps_render_get_plot_area (rect, style, &p->plot);
  p->rect = (PsRect) { p->plot.x, p->plot.y,
                       MAX (ps_round (rect->x + rect->width) - p->plot.x, 0), p->plot.height };

  cairo_save (cr);
  cairo_rectangle (cr, p->rect.x, p->rect.y, p->rect.width, p->rect.height);
  cairo_clip (cr);
  cairo_set_line_width (cr, 1);
  p->layout = _ps_render_create_layout (cr, style, 1, PANGO_WEIGHT_NORMAL);
}

void
_ps_render_paint_end (PsPaint *p)
{
  g_clear_object (&p->layout);
  cairo_restore (p->cr);
}

void
_ps_render_paint_background (PsPaint *p)
{
  _ps_render_set_color (p->cr, &p->style->background);
  cairo_rectangle (p->cr, p->rect.x, p->rect.y, p->rect.width, p->rect.height);
  cairo_fill (p->cr);

  /* The edge between plot and value labels. */
  _ps_render_set_color_alpha (p->cr, &p->style->grid, 1.8);
  cairo_rectangle (p->cr, p->plot.x + p->plot.width, p->rect.y, 1, p->rect.height);
  cairo_fill (p->cr);
}

void
_ps_render_paint_time_grid (PsPaint    *p,
                            PsTimeAxis *axis)
{
  g_autoptr(GArray) ticks = NULL;
  PsPixels px;

  ticks = ps_time_axis_get_ticks (axis, p->plot.width, ps_render_tick_spacing (p->style));
  _ps_pixels_begin (&px, p->cr);
  for (int major = 0; major < 2; major++)
    {
      _ps_pixels_set_color (&px, &p->style->grid, major ? 1.7 : 1, FALSE);
      for (guint i = 0; i < ticks->len; i++)
        {
          const PsTimeTick *tick = &g_array_index (ticks, PsTimeTick, i);
          double x = floor (ps_time_axis_to_x (axis, tick->t_ms, p->plot.width));

          if (tick->major == major)
            _ps_pixels_box (&px, p->plot.x + x, p->plot.y, 1, p->plot.height);
        }
    }
  _ps_pixels_end (&px);
}

/* Title and, after it, the latest value in its series' colour; row (may be
 * NULL) gets the box they take, where a legend may follow. */
void
_ps_render_paint_title_row (PsPaint       *p,
                            const char    *title,
                            const char    *value,
                            const PsColor *value_color,
                            PsRect        *row)
{
  g_autoptr(PangoLayout) bold = NULL;
  double pad = ps_round (p->style->font_size * 0.5);
  double x = p->plot.x + pad + 4, y = p->rect.y + ps_round (pad * 0.8) + 2;
  int tw = 0, th = 0, vw = 0, vh = 0, gap = 0;

  bold = _ps_render_create_layout (p->cr, p->style, 1.0, PANGO_WEIGHT_SEMIBOLD);
  if (row != NULL)
    {
      _ps_render_text_size (bold, "Xg", &tw, &th);
      *row = (PsRect) { x, y, 0, th };
      tw = 0;
    }
  if ((title == NULL || *title == '\0') && value == NULL)
    return;

  _ps_render_text_size (bold, title ? title : "", &tw, &th);
  if (value != NULL)
    {
      _ps_render_text_size (p->layout, value, &vw, &vh);
      gap = tw > 0 ? (int) pad : 0;
    }

  /* A faint backing: a candle or line passing by never hides the title. */
  _ps_render_set_color_alpha (p->cr, &p->style->background, 0.82);
  cairo_rectangle (p->cr, x - 4, y - 2, tw + gap + vw + 8, MAX (th, vh) + 4);
  cairo_fill (p->cr);

  _ps_render_show_text (p->cr, bold, title ? title : "", x, y, &p->style->text);
  if (value != NULL)
    _ps_render_show_text (p->cr, p->layout, value, x + tw + gap, y + (th - vh) / 2,
                          value_color);
  if (row != NULL)
    *row = (PsRect) { x, y, tw + gap + vw, MAX (th, vh) };
}

void
_ps_render_paint_title (PsPaint       *p,
                        const char    *title,
                        const char    *value,
                        const PsColor *value_color)
{
  _ps_render_paint_title_row (p, title, value, value_color, NULL);
}

/* Value scales ---------------------------------------------------------- */

/* What the panes' text measures in a font, measured once per font: the
 * title row's height (its text is set at ps_round (pad * 0.8) + 2 from the top,
 * on a chip 2 px taller (_ps_render_paint_title_row); 2 px more keep a 1.5 px
 * line's antialiasing off it) and the value labels' digits. */
typedef struct
{
  double header;
  double digits_ink;
  double digits_logical;
} PsFontMetrics;

static void
ps_font_metrics_get (const PsChartStyle *style,
                     PsFontMetrics      *out)
{
  static GMutex lock;
  static char *family;
  static double size;
  static PsFontMetrics metrics;
  const char *want = style->font_family ? style->font_family : "Cantarell";

  g_mutex_lock (&lock);
  if (family == NULL || size != style->font_size || strcmp (family, want) != 0)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *cr = cairo_create (surface);
      PangoLayout *bold = _ps_render_create_layout (cr, style, 1, PANGO_WEIGHT_SEMIBOLD);
      PangoLayout *normal = _ps_render_create_layout (cr, style, 1, PANGO_WEIGHT_NORMAL);
      PangoRectangle ink, logical;
      double pad = ps_round (style->font_size * 0.5);
      int w, th, vh;

      _ps_render_text_size (bold, "Xg", &w, &th);
      _ps_render_text_size (normal, "Xg", &w, &vh);
      /* As _ps_render_value_ticks () measures them, with the same layout. */
      pango_layout_set_text (normal, "0123456789", -1);
      pango_layout_get_pixel_extents (normal, &ink, &logical);
      g_free (family);
      family = g_strdup (want);
      size = style->font_size;
      metrics.header = ps_round (pad * 0.8) + 2 + MAX (th, vh) + 2 + 2;
      metrics.digits_ink = ink.height;
      metrics.digits_logical = logical.height;
      g_object_unref (bold);
      g_object_unref (normal);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  *out = metrics;
  g_mutex_unlock (&lock);
}

double
_ps_render_header_height (const PsChartStyle *style)
{
  PsFontMetrics metrics;

  ps_font_metrics_get (style, &metrics);
  return metrics.header;
}

void
_ps_render_label_digits (const PsChartStyle *style,
                         double             *ink_height,
                         double             *line_height)
{
  PsFontMetrics metrics;

  ps_font_metrics_get (style, &metrics);
  *ink_height = metrics.digits_ink;
  *line_height = metrics.digits_logical;
}

double
ps_value_scale_to_y (const PsValueScale *scale,
                     double              value)
{
  double fraction;

  g_return_val_if_fail (scale != NULL, 0);

  /* Linear: the private header's inline, which the per-column loops take. */
  if (!scale->log)
    return _ps_value_scale_to_y (scale, value);
  /* No log of zero or less: far under the plot, never a NAN in a path. */
  fraction = value > 0 ? log (value / scale->min) / log (scale->max / scale->min) : -16;
  return scale->y_bottom - fraction * (scale->y_bottom - scale->y_top);
}

double
ps_value_scale_from_y (const PsValueScale *scale,
                       double              y)
{
  double f;

  g_return_val_if_fail (scale != NULL, 0);

  f = (scale->y_bottom - y) / (scale->y_bottom - scale->y_top);
  if (scale->log)
    return scale->min * pow (scale->max / scale->min, f);
  return scale->min + f * (scale->max - scale->min);
}

/* [lo, hi] padded by pad of the range, over the plot less a band on top
 * for the title. */
void
_ps_render_value_scale_init (PsValueScale       *scale,
                             const PsRect       *plot,
                             const PsChartStyle *style,
                             double              lo,
                             double              hi,
                             double              pad)
{
  double range = hi - lo;

  if (!(range > 0))
    {
      double d = fabs (hi) > 0 ? fabs (hi) * 0.01 : 1;

      lo -= d;
      hi += d;
      range = hi - lo;
    }

  scale->min = lo - range * pad;
  scale->max = hi + range * pad;
  scale->log = FALSE;
  /* Under the title row: a line at the top of its range never crosses it.
   * Only a pane too low for a line of text under its title gives the band
   * up: data squeezed reads better than data under the title's words. */
  scale->y_top = plot->y + _ps_render_header_height (style);
  scale->y_bottom = plot->y + plot->height - ps_round (style->font_size * 0.5);
  if (scale->y_bottom - scale->y_top < style->font_size)
    {
      scale->y_top = plot->y;
      scale->y_bottom = plot->y + plot->height;
    }
}

/* Lines at round values and their labels in the gutter; labels are left
 * out around skip_y (a marker's place). */
void
_ps_render_paint_value_grid (PsPaint            *p,
                             const PsValueScale *scale,
                             PsLabelKind         kind,
                             double              skip_y0,
                             double              skip_y1)
{
  g_autoptr(GArray) ticks = NULL;
  double pad = ps_round (p->style->font_size * 0.6);
  PsPixels px;

  ticks = _ps_render_value_ticks (p->layout, p->style, &p->rect, &p->plot, scale, kind,
                                  skip_y0, skip_y1);
  /* The lines, then the labels in the gutter beside them. */
  _ps_pixels_begin (&px, p->cr);
  _ps_pixels_set_color (&px, &p->style->grid, 1, FALSE);
  for (guint i = 0; i < ticks->len; i++)
    _ps_pixels_box (&px, p->plot.x, g_array_index (ticks, PsValueTick, i).y, p->plot.width, 1);
  _ps_pixels_end (&px);
  for (guint i = 0; i < ticks->len; i++)
    {
      const PsValueTick *tick = &g_array_index (ticks, PsValueTick, i);
      int w, h;

      if (tick->label == NULL)
        continue;
      _ps_render_text_size (p->layout, tick->label, &w, &h);
      _ps_render_show_text (p->cr, p->layout, tick->label, p->plot.x + p->plot.width + pad,
                            tick->y + 0.5 - h / 2., &p->style->text_dim);
    }
}

/* A value in a box of its colour in the gutter, with a dotted line across. */
void
_ps_render_paint_marker (PsPaint       *p,
                         double         y,
                         const char    *label,
                         const PsColor *color,
                         double        *y0,
                         double        *y1)
{
  static const double dash[] = { 2, 3 };
  double pad = ps_round (p->style->font_size * 0.6);
  int w, h;

  y = ps_round (y);
  _ps_render_text_size (p->layout, label, &w, &h);
  *y0 = y - h / 2. - 3;
  *y1 = y + h / 2. + 3;

  cairo_save (p->cr);
  cairo_rectangle (p->cr, p->plot.x, p->plot.y, p->plot.width, p->plot.height);
  cairo_clip (p->cr);
  cairo_set_dash (p->cr, dash, G_N_ELEMENTS (dash), 0);
  _ps_render_set_color_alpha (p->cr, color, 0.7);
  cairo_move_to (p->cr, p->plot.x, y + 0.5);
  cairo_line_to (p->cr, p->plot.x + p->plot.width, y + 0.5);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);

  _ps_render_set_color (p->cr, color);
  cairo_rectangle (p->cr, p->plot.x + p->plot.width + 1, *y0 + 1,
                   p->rect.width - p->plot.width - 1, *y1 - *y0 - 1);
  cairo_fill (p->cr);
  _ps_render_show_text (p->cr, p->layout, label, p->plot.x + p->plot.width + pad,
                        y + 0.5 - h / 2., &(PsColor) { 1, 1, 1, 1 });
}

static int
ps_compare_gint64 (const void *a,
                   const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The median step between rows [first, last), from at most 1024 of them. */
static gint64
ps_typical_spacing (const gint64 *t_ms,
                    guint         first,
                    guint         last,
                    gint64        fallback)
{
  g_autofree gint64 *d = NULL;
  guint n;
  gint64 median;

  if (last <= first + 1)
    return fallback;

  n = MIN (last - first - 1, 1024);
  d = g_new (gint64, n);
  for (guint i = 0; i < n; i++)
    d[i] = t_ms[first + i + 1] - t_ms[first + i];
  qsort (d, n, sizeof *d, ps_compare_gint64);
  median = d[n / 2];

  return median > 0 ? median : fallback;
}

/* Spacing of rows around the view, however few are inside it. */
gint64
_ps_render_spacing_near (const gint64 *t_ms,
                         guint         n,
                         gint64        t0,
                         gint64        fallback)
{
  guint a = ps_series_lower_bound (t_ms, n, t0);

  a = a > 16 ? a - 16 : 0;
  return ps_typical_spacing (t_ms, a, MIN (n, a + 64), fallback);
}

/* Empty panes ----------------------------------------------------------- */

void
_ps_render_paint_empty_message (PsPaint    *p,
                                const char *message)
{
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;
  double x, y, pad = ps_round (p->style->font_size * 0.8);

  layout = _ps_render_create_layout (p->cr, p->style, 1.1, PANGO_WEIGHT_NORMAL);
  if (message == NULL)
    message = _("No data in this range");
  _ps_render_text_size (layout, message, &w, &h);
  x = ps_round (p->plot.x + (p->plot.width - w) / 2);
  y = ps_round (p->plot.y + (p->plot.height - h) / 2);

  /* Grid lines stop short of the words. */
  _ps_render_set_color (p->cr, &p->style->background);
  cairo_rectangle (p->cr, x - pad, y - pad / 2, w + 2 * pad, h + pad);
  cairo_fill (p->cr);
  _ps_render_show_text (p->cr, layout, message, x, y, &p->style->text_dim);
}

void
ps_render_empty (cairo_t            *cr,
                 const PsRect       *rect,
                 const char         *message,
                 const PsChartStyle *style)
{
  PsPaint p;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (style != NULL);

  _ps_render_paint_begin (&p, cr, rect, style);
  _ps_render_paint_empty_message (&p, message);
  _ps_render_paint_end (&p);
}

/* A pane with nothing to show keeps its frame and time grid, so it still
 * lines up with its neighbours. */
void
_ps_render_paint_empty_pane (PsPaint    *p,
                             PsTimeAxis *axis,
                             const char *title)
{
  _ps_render_paint_time_grid (p, axis);
  _ps_render_paint_empty_message (p, NULL);
  _ps_render_paint_title (p, title, NULL, NULL);
}

/* Time labels, cursor (the selection: ps-render-selection.c) ---------------------------------------------- */

void
ps_render_time_labels (cairo_t            *cr,
                       const PsRect       *rect,
                       PsTimeAxis         *axis,
                       const PsChartStyle *style)
{
  g_autoptr(PangoLayout) bold = NULL;
  g_autoptr(GArray) ticks = NULL;
  PsPaint p;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  _ps_render_paint_begin (&p, cr, rect, style);
  _ps_render_paint_background (&p);
  _ps_render_set_color_alpha (cr, &style->grid, 1.8);
  cairo_rectangle (cr, p.rect.x, p.rect.y, p.rect.width, 1);
  cairo_fill (cr);

  bold = _ps_render_create_layout (cr, style, 1, PANGO_WEIGHT_SEMIBOLD);
  ticks = ps_time_axis_get_ticks (axis, p.plot.width, ps_render_tick_spacing (style));
  for (guint i = 0; i < ticks->len; i++)
    {
      const PsTimeTick *tick = &g_array_index (ticks, PsTimeTick, i);
      PangoLayout *layout = tick->major ? bold : p.layout;
      double x = p.plot.x + floor (ps_time_axis_to_x (axis, tick->t_ms, p.plot.width));
      int w, h;

      _ps_render_set_color_alpha (cr, &style->grid, 3);
      cairo_rectangle (cr, x, p.rect.y + 1, 1, 4);
      cairo_fill (cr);

      /* A label is whole or absent: half a date reads as a wrong one. */
      _ps_render_text_size (layout, tick->label, &w, &h);
      if (x + 0.5 - w / 2. < p.rect.x || x + 0.5 + w / 2. > p.rect.x + p.rect.width)
        continue;
      _ps_render_show_text (cr, layout, tick->label, x + 0.5 - w / 2.,
                            p.rect.y + 5 + MAX (0, (p.rect.height - 5 - h) / 2),
                            tick->major ? &style->text : &style->text_dim);
    }

  _ps_render_paint_end (&p);
}

void
ps_render_cursor (cairo_t            *cr,
                  const PsRect       *rect,
                  PsTimeAxis         *axis,
                  gint64              cursor_ms,
                  const PsChartStyle *style)
{
  PsPaint p;
  double x;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  if (cursor_ms < ps_time_axis_get_from_ms (axis) || cursor_ms >= ps_time_axis_get_to_ms (axis))
    return;

  _ps_render_paint_begin (&p, cr, rect, style);
  x = floor (ps_time_axis_to_x (axis, cursor_ms, p.plot.width));
  _ps_render_set_color (cr, &style->cursor);
  cairo_rectangle (cr, p.plot.x + x, p.plot.y, 1, p.plot.height);
  cairo_fill (cr);
  _ps_render_paint_end (&p);
}
