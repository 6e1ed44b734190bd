/* ps-render.c
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

#define MINUS_SIGN "\xe2\x88\x92"   /* U+2212 */

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
  style->cursor = ps_color_from_hex (0x000000, .45);
  style->selection = ps_color_from_hex (0x3584e4, .14);
  style->font_family = "Cantarell";
  style->font_size = 12;
  style->gutter = 72;
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
  style->cursor = ps_color_from_hex (0xffffff, .50);
  style->selection = ps_color_from_hex (0x62a0ea, .18);
}

/* Numbers -------------------------------------------------------------- */

/* "−101,516.5": grouped by commas whatever the locale, like exchanges. */
static char *
ps_format_grouped (double value,
                   int    decimals)
{
  g_autofree char *digits = NULL;
  GString *str;
  const char *dot;
  gsize int_len;

  if (!isfinite (value))
    return g_strdup ("\xe2\x80\x94");   /* — */

  digits = g_strdup_printf ("%.*f", CLAMP (decimals, 0, 12), fabs (value));
  dot = strchr (digits, '.');
  int_len = dot ? (gsize) (dot - digits) : strlen (digits);

  str = g_string_new (NULL);
  /* −0.000 is just 0.000 */
  if (value < 0 && strspn (digits, "0.") != strlen (digits))
    g_string_append (str, MINUS_SIGN);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, digits[i]);
    }
  if (dot != NULL)
    g_string_append (str, dot);

  return g_string_free (str, FALSE);
}

/* Decimals that show a 1-2-5 step exactly: 0.5 → 1, 0.05 → 2, 500 → 0. */
static int
ps_decimals_for_step (double step)
{
  if (!(step > 0))
    return 0;
  return MAX (0, (int) -floor (log10 (step) + 1e-9));
}

char *
ps_format_price (double price)
{
  double mag = fabs (price);

  if (mag >= 10000)
    return ps_format_grouped (price, 1);
  if (mag >= 1)
    return ps_format_grouped (price, 2);
  if (mag >= 0.01 || mag == 0)
    return ps_format_grouped (price, 4);
  return ps_format_grouped (price, 8);
}

static const struct {
  double      scale;
  const char *suffix;
} usd_units[] = {
  { 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "K" }, { 1, "" },
};

static char *
ps_format_usd_unit (double value,
                    guint  unit,
                    int    decimals)
{
  g_autofree char *num = NULL;

  num = ps_format_grouped (fabs (value) / usd_units[unit].scale, decimals);
  return g_strdup_printf ("%s$%s%s",
                          value < 0 && strspn (num, "0.") != strlen (num) ? MINUS_SIGN : "",
                          num, usd_units[unit].suffix);
}

static guint
ps_usd_unit_for (double magnitude)
{
  guint unit = 0;

  while (unit + 1 < G_N_ELEMENTS (usd_units) && magnitude < usd_units[unit].scale)
    unit++;
  return unit;
}

char *
ps_format_usd_compact (double usd)
{
  double mag = fabs (usd), v;
  guint unit;

  if (!isfinite (usd))
    return g_strdup ("\xe2\x80\x94");

  unit = ps_usd_unit_for (mag);
  v = mag / usd_units[unit].scale;
  /* $999.7M would print as $1000M: that is $1.00B. */
  if (unit > 0 && v >= 999.5)
    {
      unit--;
      v /= 1000;
    }
  if (usd_units[unit].scale == 1)
    return ps_format_usd_unit (usd, unit, 0);
  /* Three significant figures: $8.34B, $83.4B, $834B. */
  return ps_format_usd_unit (usd, unit, v < 9.995 ? 2 : v < 99.95 ? 1 : 0);
}

char *
ps_format_percent (double fraction,
                   int    decimals)
{
  g_autofree char *num = NULL;

  if (!isfinite (fraction))
    return g_strdup ("\xe2\x80\x94");

  num = ps_format_grouped (fraction * 100, decimals);
  return g_strconcat (num, "%", NULL);
}

/* Painting ------------------------------------------------------------- */

typedef struct
{
  cairo_t            *cr;
  const PsChartStyle *style;
  PangoLayout        *layout;   /* axis labels */
  PsRect              rect;     /* the pane, on whole pixels */
  PsRect              plot;     /* rect less the gutter */
} PsPaint;

typedef enum
{
  PS_LABEL_PRICE,
  PS_LABEL_USD,
  PS_LABEL_PERCENT,
} PsLabelKind;

static void
ps_set_color (cairo_t       *cr,
              const PsColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
ps_set_color_alpha (cairo_t       *cr,
                    const PsColor *color,
                    double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static PangoLayout *
ps_create_layout (cairo_t            *cr,
                  const PsChartStyle *style,
                  double              scale,
                  PangoWeight         weight)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_family (desc, style->font_family ? style->font_family : "Cantarell");
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_absolute_size (desc, MAX (style->font_size * scale, 1) * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  /* Tabular figures: the numbers of a column of labels line up. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
ps_text_size (PangoLayout *layout,
              const char  *text,
              int         *width,
              int         *height)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, width, height);
}

static void
ps_show_text (cairo_t       *cr,
              PangoLayout   *layout,
              const char    *text,
              double         x,
              double         y,
              const PsColor *color)
{
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, round (x), round (y));
  ps_set_color (cr, color);
  pango_cairo_show_layout (cr, layout);
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
  x = round (rect->x);
  y = round (rect->y);
  right = round (rect->x + rect->width - style->gutter);
  bottom = round (rect->y + rect->height);
  *plot = (PsRect) { x, y, MAX (right - x, 0), MAX (bottom - y, 0) };
}

double
ps_render_tick_spacing (const PsChartStyle *style)
{
  g_return_val_if_fail (style != NULL, 80);

  /* "Nov 30" or "12:00" and room to breathe. */
  return style->font_size * 5.5;
}

static void
ps_paint_begin (PsPaint            *p,
                cairo_t            *cr,
                const PsRect       *rect,
                const PsChartStyle *style)
{
  p->cr = cr;
  p->style = style;
  ps_render_get_plot_area (rect, style, &p->plot);
  p->rect = (PsRect) { p->plot.x, p->plot.y,
                       MAX (round (rect->x + rect->width) - p->plot.x, 0), p->plot.height };

  cairo_save (cr);
  cairo_rectangle (cr, p->rect.x, p->rect.y, p->rect.width, p->rect.height);
  cairo_clip (cr);
  cairo_set_line_width (cr, 1);
  p->layout = ps_create_layout (cr, style, 1, PANGO_WEIGHT_NORMAL);
}

static void
ps_paint_end (PsPaint *p)
{
  g_clear_object (&p->layout);
  cairo_restore (p->cr);
}

static void
ps_paint_background (PsPaint *p)
{
  ps_set_color (p->cr, &p->style->background);
  cairo_rectangle (p->cr, p->rect.x, p->rect.y, p->rect.width, p->rect.height);
  cairo_fill (p->cr);

  /* The edge between plot and value labels. */
  ps_set_color_alpha (p->cr, &p->style->grid, 1.8);
  cairo_rectangle (p->cr, p->plot.x + p->plot.width, p->rect.y, 1, p->rect.height);
  cairo_fill (p->cr);
}

static void
ps_paint_time_grid (PsPaint    *p,
                    PsTimeAxis *axis)
{
  g_autoptr(GArray) ticks = NULL;

  ticks = ps_time_axis_get_ticks (axis, p->plot.width, ps_render_tick_spacing (p->style));
  for (guint i = 0; i < ticks->len; i++)
    {
      const PsTimeTick *tick = &g_array_index (ticks, PsTimeTick, i);
      double x = floor (ps_time_axis_to_x (axis, tick->t_ms, p->plot.width));

      ps_set_color_alpha (p->cr, &p->style->grid, tick->major ? 1.7 : 1);
      cairo_rectangle (p->cr, p->plot.x + x, p->plot.y, 1, p->plot.height);
      cairo_fill (p->cr);
    }
}

/* Title and, after it, the latest value in its series' colour. */
static void
ps_paint_title (PsPaint       *p,
                const char    *title,
                const char    *value,
                const PsColor *value_color)
{
  g_autoptr(PangoLayout) bold = NULL;
  double pad = round (p->style->font_size * 0.5);
  double x = p->plot.x + pad + 4, y = p->rect.y + round (pad * 0.8) + 2;
  int tw = 0, th = 0, vw = 0, vh = 0, gap = 0;

  if ((title == NULL || *title == '\0') && value == NULL)
    return;

  bold = ps_create_layout (p->cr, p->style, 1.0, PANGO_WEIGHT_SEMIBOLD);
  ps_text_size (bold, title ? title : "", &tw, &th);
  if (value != NULL)
    {
      ps_text_size (p->layout, value, &vw, &vh);
      gap = tw > 0 ? (int) pad : 0;
    }

  /* A faint backing: a candle or line passing by never hides the title. */
  ps_set_color_alpha (p->cr, &p->style->background, 0.82);
  cairo_rectangle (p->cr, x - 4, y - 2, tw + gap + vw + 8, MAX (th, vh) + 4);
  cairo_fill (p->cr);

  ps_show_text (p->cr, bold, title ? title : "", x, y, &p->style->text);
  if (value != NULL)
    ps_show_text (p->cr, p->layout, value, x + tw + gap, y + (th - vh) / 2, value_color);
}

/* Value scales ---------------------------------------------------------- */

double
ps_value_scale_to_y (const PsValueScale *scale,
                     double              value)
{
  g_return_val_if_fail (scale != NULL, 0);

  return scale->y_bottom - (value - scale->min) / (scale->max - scale->min)
                           * (scale->y_bottom - scale->y_top);
}

double
ps_value_scale_from_y (const PsValueScale *scale,
                       double              y)
{
  g_return_val_if_fail (scale != NULL, 0);

  return scale->min + (scale->y_bottom - y) / (scale->y_bottom - scale->y_top)
                      * (scale->max - scale->min);
}

/* [lo, hi] padded by pad of the range, over the plot less a band on top
 * for the title. */
static void
ps_value_scale_init (PsValueScale       *scale,
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
  scale->y_top = plot->y + round (style->font_size * 2);
  scale->y_bottom = plot->y + plot->height - round (style->font_size * 0.5);
  if (scale->y_bottom - scale->y_top < style->font_size * 2)
    {
      scale->y_top = plot->y;
      scale->y_bottom = plot->y + plot->height;
    }
}

static double
ps_nice_step (double range,
              double count)
{
  double raw = range / MAX (count, 1);
  double mag = pow (10, floor (log10 (raw)));
  double m = raw / mag;

  /* The nearest of 1, 2, 5, 10 (geometrically), not the next up: a pane
   * gets about the number of lines it asked for. */
  return (m < 1.42 ? 1 : m < 3.16 ? 2 : m < 7.07 ? 5 : 10) * mag;
}

static char *
ps_format_axis_label (PsLabelKind kind,
                      double      value,
                      double      step,
                      double      magnitude,
                      gboolean    compact)
{
  guint unit;

  if (fabs (value) < step * 1e-6)
    value = 0;

  switch (kind)
    {
    case PS_LABEL_PRICE:
      if (compact && step >= 100)
        {
          g_autofree char *num = ps_format_grouped (value / 1000,
                                                    ps_decimals_for_step (step / 1000));
          return g_strconcat (num, "k", NULL);
        }
      return ps_format_grouped (value, ps_decimals_for_step (step));

    case PS_LABEL_USD:
      unit = ps_usd_unit_for (magnitude);
      return ps_format_usd_unit (value, unit,
                                 ps_decimals_for_step (step / usd_units[unit].scale));

    case PS_LABEL_PERCENT:
      /* Funding is read to the thousandth of a percent: "0.010%". */
      return ps_format_percent (value, MAX (3, ps_decimals_for_step (step * 100)));

    default:
      g_assert_not_reached ();
    }
}

/* Lines at round values and their labels in the gutter; labels are left
 * out around skip_y (a marker's place) and where they would be cut. */
static void
ps_paint_value_grid (PsPaint            *p,
                     const PsValueScale *scale,
                     PsLabelKind         kind,
                     double              skip_y0,
                     double              skip_y1)
{
  double count = MAX (2, (scale->y_bottom - scale->y_top) / (p->style->font_size * 4));
  double step = ps_nice_step (scale->max - scale->min, count);
  double px_per_unit = (scale->y_bottom - scale->y_top) / (scale->max - scale->min);
  double magnitude = MAX (fabs (scale->min), fabs (scale->max));
  double pad = round (p->style->font_size * 0.6);
  double k0, k1;
  gboolean compact = FALSE;

  /* A short pane gets fewer labels, never labels touching each other. */
  for (int i = 0; i < 6 && step * px_per_unit < p->style->font_size * 2.5; i++)
    step = ps_nice_step (step * 2.2, 1);   /* the next rung: 1 → 2 → 5 → 10 */
  k0 = ceil (scale->min / step);
  k1 = floor (scale->max / step);

  /* "98k" for prices only when "101,500.5" would not fit the gutter. */
  if (kind == PS_LABEL_PRICE)
    {
      g_autofree char *lo = ps_format_axis_label (kind, k0 * step, step, magnitude, FALSE);
      g_autofree char *hi = ps_format_axis_label (kind, k1 * step, step, magnitude, FALSE);
      int w0, w1, h;

      ps_text_size (p->layout, lo, &w0, &h);
      ps_text_size (p->layout, hi, &w1, &h);
      compact = MAX (w0, w1) > p->rect.width - p->plot.width - 1.5 * pad;
    }

  for (double k = k0; k <= k1 && k - k0 < 1000; k++)
    {
      double v = k * step, y = round (ps_value_scale_to_y (scale, v));
      g_autofree char *label = NULL;
      int w, h;

      if (y < p->plot.y || y >= p->plot.y + p->plot.height)
        continue;

      ps_set_color (p->cr, &p->style->grid);
      cairo_rectangle (p->cr, p->plot.x, y, p->plot.width, 1);
      cairo_fill (p->cr);

      label = ps_format_axis_label (kind, v, step, magnitude, compact);
      ps_text_size (p->layout, label, &w, &h);
      if (y - h / 2. < p->rect.y + 2 || y + h / 2. > p->rect.y + p->rect.height - 1)
        continue;
      if (y + h / 2. > skip_y0 && y - h / 2. < skip_y1)
        continue;
      ps_show_text (p->cr, p->layout, label, p->plot.x + p->plot.width + pad,
                    y + 0.5 - h / 2., &p->style->text_dim);
    }
}

/* A value in a box of its colour in the gutter, with a dotted line across. */
static void
ps_paint_marker (PsPaint       *p,
                 double         y,
                 const char    *label,
                 const PsColor *color,
                 double        *y0,
                 double        *y1)
{
  static const double dash[] = { 2, 3 };
  double pad = round (p->style->font_size * 0.6);
  int w, h;

  y = round (y);
  ps_text_size (p->layout, label, &w, &h);
  *y0 = y - h / 2. - 3;
  *y1 = y + h / 2. + 3;

  cairo_save (p->cr);
  cairo_rectangle (p->cr, p->plot.x, p->plot.y, p->plot.width, p->plot.height);
  cairo_clip (p->cr);
  cairo_set_dash (p->cr, dash, G_N_ELEMENTS (dash), 0);
  ps_set_color_alpha (p->cr, color, 0.7);
  cairo_move_to (p->cr, p->plot.x, y + 0.5);
  cairo_line_to (p->cr, p->plot.x + p->plot.width, y + 0.5);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);

  ps_set_color (p->cr, color);
  cairo_rectangle (p->cr, p->plot.x + p->plot.width + 1, *y0 + 1,
                   p->rect.width - p->plot.width - 1, *y1 - *y0 - 1);
  cairo_fill (p->cr);
  ps_show_text (p->cr, p->layout, label, p->plot.x + p->plot.width + pad,
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
static gint64
ps_spacing_near (const gint64 *t_ms,
                 guint         n,
                 gint64        t0,
                 gint64        fallback)
{
  guint a = ps_series_lower_bound (t_ms, n, t0);

  a = a > 16 ? a - 16 : 0;
  return ps_typical_spacing (t_ms, a, MIN (n, a + 64), fallback);
}

/* Empty panes ----------------------------------------------------------- */

static void
ps_paint_message (PsPaint    *p,
                  const char *message)
{
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;
  double x, y, pad = round (p->style->font_size * 0.8);

  layout = ps_create_layout (p->cr, p->style, 1.1, PANGO_WEIGHT_NORMAL);
  ps_text_size (layout, message ? message : _("No data in this range"), &w, &h);
  x = round (p->plot.x + (p->plot.width - w) / 2);
  y = round (p->plot.y + (p->plot.height - h) / 2);

  /* Grid lines stop short of the words. */
  ps_set_color (p->cr, &p->style->background);
  cairo_rectangle (p->cr, x - pad, y - pad / 2, w + 2 * pad, h + pad);
  cairo_fill (p->cr);
  ps_show_text (p->cr, layout, pango_layout_get_text (layout), x, y, &p->style->text_dim);
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

  ps_paint_begin (&p, cr, rect, style);
  ps_paint_message (&p, message);
  ps_paint_end (&p);
}

/* A pane with nothing to show keeps its frame and time grid, so it still
 * lines up with its neighbours. */
static void
ps_paint_empty_pane (PsPaint    *p,
                     PsTimeAxis *axis,
                     const char *title)
{
  ps_paint_time_grid (p, axis);
  ps_paint_message (p, NULL);
  ps_paint_title (p, title, NULL, NULL);
}

/* Price ------------------------------------------------------------------ */

/* Visible candles [first, last): those whose interval meets the view. */
static gboolean
ps_candles_visible (const PsCandles *candles,
                    PsTimeAxis      *axis,
                    PsInterval       interval,
                    guint           *first,
                    guint           *last,
                    gint64          *interval_ms)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis);
  gint64 to_ms = ps_time_axis_get_to_ms (axis);

  if (candles == NULL || candles->n == 0)
    return FALSE;

  *interval_ms = ps_interval_to_ms (interval);
  if (*interval_ms <= 0)
    *interval_ms = ps_spacing_near (candles->t_ms, candles->n, from_ms, 60 * 1000);

  *first = ps_series_lower_bound (candles->t_ms, candles->n, from_ms - *interval_ms + 1);
  *last = ps_series_lower_bound (candles->t_ms, candles->n, to_ms);
  return *first < *last;
}

gboolean
ps_render_price_scale (const PsRect       *rect,
                       PsTimeAxis         *axis,
                       const PsCandles    *candles,
                       PsInterval          interval,
                       const PsChartStyle *style,
                       PsValueScale       *scale)
{
  double lo = INFINITY, hi = -INFINITY;
  guint first, last;
  gint64 interval_ms;
  PsRect plot;

  g_return_val_if_fail (rect != NULL, FALSE);
  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (scale != NULL, FALSE);

  if (!ps_candles_visible (candles, axis, interval, &first, &last, &interval_ms))
    return FALSE;

  for (guint i = first; i < last; i++)
    {
      double o = candles->open[i], c = candles->close[i];
      double h = isfinite (candles->high[i]) ? candles->high[i] : fmax (o, c);
      double l = isfinite (candles->low[i]) ? candles->low[i] : fmin (o, c);

      /* fmin/fmax skip a NAN */
      lo = fmin (lo, l);
      hi = fmax (hi, h);
    }
  if (!isfinite (lo) || !isfinite (hi))
    return FALSE;

  ps_render_get_plot_area (rect, style, &plot);
  ps_value_scale_init (scale, &plot, style, lo, hi, 0.06);
  return TRUE;
}

/* Wide candles: a body and a 1 px wick, on whole pixels. */
static void
ps_paint_candle_bodies (PsPaint            *p,
                        PsTimeAxis         *axis,
                        const PsCandles    *c,
                        guint               first,
                        guint               last,
                        gint64              interval_ms,
                        double              candle_px,
                        const PsValueScale *scale,
                        gboolean            up)
{
  double bw = MAX (1, floor (candle_px - MAX (1, candle_px * 0.25)));

  /* Odd bodies from 5 px keep the wick in the middle. */
  if (bw >= 4 && fmod (bw, 2) == 0)
    bw--;

  for (guint i = first; i < last; i++)
    {
      double o = c->open[i], cl = c->close[i], h, l, cx, left, yh, yl, yt, yb;

      if (!isfinite (o) || !isfinite (cl) || (cl >= o) != up)
        continue;

      h = isfinite (c->high[i]) ? c->high[i] : fmax (o, cl);
      l = isfinite (c->low[i]) ? c->low[i] : fmin (o, cl);
      cx = p->plot.x + ps_time_axis_to_x (axis, c->t_ms[i] + interval_ms / 2, p->plot.width);
      left = round (cx - bw / 2);
      yh = round (ps_value_scale_to_y (scale, h));
      yl = round (ps_value_scale_to_y (scale, l));
      yt = round (ps_value_scale_to_y (scale, fmax (o, cl)));
      yb = round (ps_value_scale_to_y (scale, fmin (o, cl)));

      cairo_rectangle (p->cr, left + floor ((bw - 1) / 2), yh, 1, MAX (1, yl - yh));
      cairo_rectangle (p->cr, left, yt, bw, MAX (1, yb - yt));
    }

  ps_set_color (p->cr, up ? &p->style->up : &p->style->down);
  cairo_fill (p->cr);
}

/* Narrow candles: each pixel column gets first open, max high, min low and
 * last close of its candles, drawn as a 1 px high–low bar coloured by the
 * column's own open and close. Every candle counts: no sampling. */
static void
ps_paint_candle_columns (PsPaint            *p,
                         PsTimeAxis         *axis,
                         const PsCandles    *c,
                         guint               first,
                         guint               last,
                         gint64              interval_ms,
                         const PsValueScale *scale)
{
  int ncols = (int) p->plot.width;
  g_autofree double *cols = NULL;
  double *co, *ch, *cl, *cc;

  if (ncols <= 0)
    return;

  cols = g_new (double, 4 * (gsize) ncols);
  co = cols, ch = cols + ncols, cl = cols + 2 * ncols, cc = cols + 3 * ncols;
  for (int x = 0; x < ncols; x++)
    co[x] = ch[x] = cl[x] = cc[x] = NAN;

  for (guint i = first; i < last; i++)
    {
      double o = c->open[i], k = c->close[i];
      double x = ps_time_axis_to_x (axis, c->t_ms[i] + interval_ms / 2, p->plot.width);
      int col = (int) floor (x);

      if (col < 0 || col >= ncols || !isfinite (o) || !isfinite (k))
        continue;
      if (isnan (co[col]))
        co[col] = o;
      ch[col] = fmax (ch[col], fmax (c->high[i], fmax (o, k)));
      cl[col] = fmin (cl[col], fmin (c->low[i], fmin (o, k)));
      cc[col] = k;
    }

  for (int pass = 0; pass < 2; pass++)
    {
      gboolean up = pass == 0;

      for (int x = 0; x < ncols; x++)
        {
          double yh, yl;

          if (isnan (co[x]) || (cc[x] >= co[x]) != up)
            continue;
          yh = round (ps_value_scale_to_y (scale, ch[x]));
          yl = round (ps_value_scale_to_y (scale, cl[x]));
          cairo_rectangle (p->cr, p->plot.x + x, yh, 1, MAX (1, yl - yh));
        }
      ps_set_color (p->cr, up ? &p->style->up : &p->style->down);
      cairo_fill (p->cr);
    }
}

void
ps_render_price (cairo_t            *cr,
                 const PsRect       *rect,
                 PsTimeAxis         *axis,
                 const PsCandles    *candles,
                 PsInterval          interval,
                 const char         *title,
                 const PsChartStyle *style)
{
  g_autofree char *last_label = NULL;
  PsValueScale scale;
  PsPaint p;
  const PsColor *last_color;
  guint first, last, row;
  gint64 interval_ms;
  double candle_px, skip0 = 0, skip1 = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  ps_paint_begin (&p, cr, rect, style);
  ps_paint_background (&p);

  if (!ps_render_price_scale (rect, axis, candles, interval, style, &scale) ||
      !ps_candles_visible (candles, axis, interval, &first, &last, &interval_ms))
    {
      ps_paint_empty_pane (&p, axis, title);
      ps_paint_end (&p);
      return;
    }

  /* The last close, TradingView-like: a marker whose labels the grid skips. */
  for (row = last; row > first && !isfinite (candles->close[row - 1]); row--)
    ;
  row = row > first ? row - 1 : first;
  last_label = ps_format_price (candles->close[row]);
  last_color = candles->close[row] >= candles->open[row] ? &style->up : &style->down;
  if (isfinite (candles->close[row]))
    {
      int w, h;

      ps_text_size (p.layout, last_label, &w, &h);
      /* A narrow gutter gets the whole number rather than a cut one. */
      if (w > p.rect.width - p.plot.width - style->font_size)
        {
          g_free (last_label);
          last_label = ps_format_grouped (candles->close[row], 0);
        }
      skip0 = round (ps_value_scale_to_y (&scale, candles->close[row])) - h / 2. - 3;
      skip1 = skip0 + h + 6;
    }

  ps_paint_time_grid (&p, axis);
  ps_paint_value_grid (&p, &scale, PS_LABEL_PRICE, skip0, skip1);

  cairo_save (cr);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);
  candle_px = (double) interval_ms * p.plot.width
              / (double) (ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis));
  if (candle_px >= 3)
    {
      for (int up = 1; up >= 0; up--)
        ps_paint_candle_bodies (&p, axis, candles, first, last, interval_ms, candle_px,
                                &scale, up);
    }
  else
    ps_paint_candle_columns (&p, axis, candles, first, last, interval_ms, &scale);
  cairo_restore (cr);

  if (isfinite (candles->close[row]))
    ps_paint_marker (&p, ps_value_scale_to_y (&scale, candles->close[row]), last_label,
                     last_color, &skip0, &skip1);
  ps_paint_title (&p, title, isfinite (candles->close[row]) ? last_label : NULL, last_color);
  ps_paint_end (&p);
}

/* Open interest ------------------------------------------------------------ */

/* Rows drawn: the visible ones and one on each side, so the line runs to
 * the edges. FALSE when no line can cross the view. */
static gboolean
ps_open_interest_visible (const PsOpenInterest *oi,
                          PsTimeAxis           *axis,
                          guint                *first,
                          guint                *last)
{
  guint a, b;

  if (oi == NULL || oi->n == 0)
    return FALSE;

  a = ps_series_lower_bound (oi->t_ms, oi->n, ps_time_axis_get_from_ms (axis));
  b = ps_series_lower_bound (oi->t_ms, oi->n, ps_time_axis_get_to_ms (axis));
  *first = a > 0 ? a - 1 : 0;
  *last = b < oi->n ? b + 1 : oi->n;
  return a < b || (a > 0 && a < oi->n);
}

gboolean
ps_render_open_interest_scale (const PsRect         *rect,
                               PsTimeAxis           *axis,
                               const PsOpenInterest *open_interest,
                               const PsChartStyle   *style,
                               PsValueScale         *scale)
{
  double lo = INFINITY, hi = -INFINITY;
  guint first, last;
  PsRect plot;

  g_return_val_if_fail (rect != NULL, FALSE);
  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (scale != NULL, FALSE);

  if (!ps_open_interest_visible (open_interest, axis, &first, &last))
    return FALSE;

  for (guint i = first; i < last; i++)
    {
      lo = fmin (lo, open_interest->usd[i]);
      hi = fmax (hi, open_interest->usd[i]);
    }
  if (!isfinite (lo) || !isfinite (hi))
    return FALSE;

  ps_render_get_plot_area (rect, style, &plot);
  ps_value_scale_init (scale, &plot, style, lo, hi, 0.08);
  return TRUE;
}

typedef struct
{
  int    col;      /* pixel column, G_MININT: none yet */
  guint  n;
  double x, first, lo, hi, last;
} PsColumn;

/* A run of points: a soft fill down to the bottom, the line over it. */
static void
ps_paint_oi_run (PsPaint            *p,
                 GArray             *pts,
                 const PsValueScale *scale)
{
  const double *xy = (const double *) (gpointer) pts->data;
  double bottom = p->plot.y + p->plot.height;
  cairo_pattern_t *fill;
  guint n = pts->len / 2;

  if (n == 0)
    return;

  if (n == 1)
    {
      cairo_arc (p->cr, xy[0], xy[1], 2.5, 0, 2 * G_PI);
      ps_set_color (p->cr, &p->style->oi_line);
      cairo_fill (p->cr);
      g_array_set_size (pts, 0);
      return;
    }

  cairo_move_to (p->cr, xy[0], bottom);
  for (guint i = 0; i < n; i++)
    cairo_line_to (p->cr, xy[2 * i], xy[2 * i + 1]);
  cairo_line_to (p->cr, xy[2 * (n - 1)], bottom);
  cairo_close_path (p->cr);
  fill = cairo_pattern_create_linear (0, scale->y_top, 0, bottom);
  cairo_pattern_add_color_stop_rgba (fill, 0, p->style->oi_fill.red, p->style->oi_fill.green,
                                     p->style->oi_fill.blue, p->style->oi_fill.alpha);
  cairo_pattern_add_color_stop_rgba (fill, 1, p->style->oi_fill.red, p->style->oi_fill.green,
                                     p->style->oi_fill.blue, p->style->oi_fill.alpha * 0.15);
  cairo_set_source (p->cr, fill);
  cairo_fill (p->cr);
  cairo_pattern_destroy (fill);

  cairo_move_to (p->cr, xy[0], xy[1]);
  for (guint i = 1; i < n; i++)
    cairo_line_to (p->cr, xy[2 * i], xy[2 * i + 1]);
  cairo_set_line_width (p->cr, 1.5);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  ps_set_color (p->cr, &p->style->oi_line);
  cairo_stroke (p->cr);
  cairo_set_line_width (p->cr, 1);

  g_array_set_size (pts, 0);
}

/* A column of several points becomes first, extremes, last at its centre. */
static void
ps_column_flush (PsColumn *col,
                 GArray   *pts)
{
  double xy[8];
  guint k = 0;

  if (col->n == 0)
    return;

  if (col->n == 1)
    {
      xy[k++] = col->x, xy[k++] = col->first;
    }
  else
    {
      double x = col->col + 0.5;
      gboolean rising = col->last < col->first;   /* y grows downwards */

      xy[k++] = x, xy[k++] = col->first;
      xy[k++] = x, xy[k++] = rising ? col->hi : col->lo;
      xy[k++] = x, xy[k++] = rising ? col->lo : col->hi;
      xy[k++] = x, xy[k++] = col->last;
    }
  g_array_append_vals (pts, xy, k);
  col->n = 0;
}

static void
ps_paint_oi_line (PsPaint              *p,
                  PsTimeAxis           *axis,
                  const PsOpenInterest *oi,
                  guint                 first,
                  guint                 last,
                  const PsValueScale   *scale)
{
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 spacing, prev_t = G_MININT64;
  PsColumn col = { G_MININT, 0 };

  /* A gap is a step well over the usual one: the line breaks there. */
  spacing = ps_spacing_near (oi->t_ms, oi->n, ps_time_axis_get_from_ms (axis), G_MAXINT64 / 4);

  for (guint i = first; i < last; i++)
    {
      double v = oi->usd[i], x, y;
      int c;

      if (!isfinite (v) ||
          (prev_t != G_MININT64 && (double) (oi->t_ms[i] - prev_t) > 1.5 * (double) spacing))
        {
          ps_column_flush (&col, pts);
          ps_paint_oi_run (p, pts, scale);
          prev_t = G_MININT64;
          if (!isfinite (v))
            continue;
        }

      x = p->plot.x + ps_time_axis_to_x (axis, oi->t_ms[i], p->plot.width);
      y = ps_value_scale_to_y (scale, v);
      c = (int) floor (x);
      if (col.n > 0 && c == col.col)
        {
          col.lo = fmax (col.lo, y);
          col.hi = fmin (col.hi, y);
          col.last = y;
          col.n++;
        }
      else
        {
          ps_column_flush (&col, pts);
          col = (PsColumn) { c, 1, x, y, y, y, y };
        }
      prev_t = oi->t_ms[i];
    }

  ps_column_flush (&col, pts);
  ps_paint_oi_run (p, pts, scale);
}

void
ps_render_open_interest (cairo_t              *cr,
                         const PsRect         *rect,
                         PsTimeAxis           *axis,
                         const PsOpenInterest *open_interest,
                         const char           *title,
                         const PsChartStyle   *style)
{
  g_autofree char *value = NULL;
  PsValueScale scale;
  PsPaint p;
  guint first, last, row;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  ps_paint_begin (&p, cr, rect, style);
  ps_paint_background (&p);

  if (!ps_render_open_interest_scale (rect, axis, open_interest, style, &scale) ||
      !ps_open_interest_visible (open_interest, axis, &first, &last))
    {
      ps_paint_empty_pane (&p, axis, title);
      ps_paint_end (&p);
      return;
    }

  ps_paint_time_grid (&p, axis);
  ps_paint_value_grid (&p, &scale, PS_LABEL_USD, 0, 0);

  cairo_save (cr);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);
  ps_paint_oi_line (&p, axis, open_interest, first, last, &scale);
  cairo_restore (cr);

  /* The latest value inside the view. */
  row = ps_series_lower_bound (open_interest->t_ms, open_interest->n,
                               ps_time_axis_get_to_ms (axis));
  while (row > first && !isfinite (open_interest->usd[row - 1]))
    row--;
  if (row > 0 && isfinite (open_interest->usd[row - 1]))
    value = ps_format_usd_compact (open_interest->usd[row - 1]);
  ps_paint_title (&p, title, value, &style->oi_line);
  ps_paint_end (&p);
}

/* Funding -------------------------------------------------------------------- */

static gboolean
ps_funding_visible (const PsFunding *funding,
                    PsTimeAxis      *axis,
                    guint           *first,
                    guint           *last,
                    gint64          *spacing)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis);
  gint64 to_ms = ps_time_axis_get_to_ms (axis);

  if (funding == NULL || funding->n == 0)
    return FALSE;

  /* Settlements every 8 h on most venues, 1 h or 4 h on some. */
  *spacing = ps_spacing_near (funding->t_ms, funding->n, from_ms, 8 * 3600 * 1000);
  *first = ps_series_lower_bound (funding->t_ms, funding->n, from_ms - *spacing / 2);
  *last = ps_series_lower_bound (funding->t_ms, funding->n, to_ms + *spacing / 2);
  return *first < *last;
}

gboolean
ps_render_funding_scale (const PsRect       *rect,
                         PsTimeAxis         *axis,
                         const PsFunding    *funding,
                         const PsChartStyle *style,
                         PsValueScale       *scale)
{
  double lo = 0, hi = 0, m;
  gboolean any = FALSE;
  guint first, last;
  gint64 spacing;
  PsRect plot;

  g_return_val_if_fail (rect != NULL, FALSE);
  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (scale != NULL, FALSE);

  if (!ps_funding_visible (funding, axis, &first, &last, &spacing))
    return FALSE;

  for (guint i = first; i < last; i++)
    {
      if (!isfinite (funding->rate[i]))
        continue;
      lo = fmin (lo, funding->rate[i]);
      hi = fmax (hi, funding->rate[i]);
      any = TRUE;
    }
  if (!any)
    return FALSE;

  /* Zero always in view, and each side at least a third of the other so
   * the zero line never sits on an edge. */
  m = fmax (-lo, hi);
  if (m == 0)
    m = 0.0001;
  lo = fmin (lo, -m / 3);
  hi = fmax (hi, m / 3);

  ps_render_get_plot_area (rect, style, &plot);
  ps_value_scale_init (scale, &plot, style, lo, hi, 0.08);
  return TRUE;
}

/* A bar from the zero row (zero_y) to the rate, on whole pixels. */
static void
ps_funding_bar (cairo_t *cr,
                double   left,
                double   width,
                double   zero_y,
                double   y)
{
  if (y < zero_y)
    cairo_rectangle (cr, left, y, width, zero_y - y);
  else if (y > zero_y)
    cairo_rectangle (cr, left, zero_y + 1, width, y - zero_y);
}

static void
ps_paint_funding_bars (PsPaint            *p,
                       PsTimeAxis         *axis,
                       const PsFunding    *f,
                       guint               first,
                       guint               last,
                       gint64              spacing,
                       const PsValueScale *scale,
                       double              zero_y)
{
  double spacing_px = (double) spacing * p->plot.width
                      / (double) (ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis));
  double bw = MAX (1, round (spacing_px * 0.7));

  for (int pass = 0; pass < 2; pass++)
    {
      gboolean positive = pass == 0;
      int col_done = G_MININT;
      double col_extreme = 0;

      for (guint i = first; i < last; i++)
        {
          double r = f->rate[i], x, y;

          if (!isfinite (r) || r == 0 || (r > 0) != positive)
            continue;
          x = p->plot.x + ps_time_axis_to_x (axis, f->t_ms[i], p->plot.width);
          y = ps_value_scale_to_y (scale, r);

          /* Zoomed out, a column keeps its largest rate of each sign. */
          if (spacing_px < 2)
            {
              int c = (int) floor (x);

              if (c == col_done && fabs (y - zero_y) <= col_extreme)
                continue;
              col_done = c;
              col_extreme = fabs (y - zero_y);
              ps_funding_bar (p->cr, c, 1, zero_y, round (y));
              continue;
            }
          ps_funding_bar (p->cr, round (x - bw / 2), bw, zero_y, round (y));
        }
      ps_set_color (p->cr, positive ? &p->style->funding_positive : &p->style->funding_negative);
      cairo_fill (p->cr);
    }
}

void
ps_render_funding (cairo_t            *cr,
                   const PsRect       *rect,
                   PsTimeAxis         *axis,
                   const PsFunding    *funding,
                   const char         *title,
                   const PsChartStyle *style)
{
  g_autofree char *value = NULL;
  const PsColor *value_color = &style->text;
  PsValueScale scale;
  PsPaint p;
  guint first, last, row;
  gint64 spacing;
  double zero_y;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  ps_paint_begin (&p, cr, rect, style);
  ps_paint_background (&p);

  if (!ps_render_funding_scale (rect, axis, funding, style, &scale) ||
      !ps_funding_visible (funding, axis, &first, &last, &spacing))
    {
      ps_paint_empty_pane (&p, axis, title);
      ps_paint_end (&p);
      return;
    }

  ps_paint_time_grid (&p, axis);
  ps_paint_value_grid (&p, &scale, PS_LABEL_PERCENT, 0, 0);

  zero_y = floor (ps_value_scale_to_y (&scale, 0));
  cairo_save (cr);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);
  ps_paint_funding_bars (&p, axis, funding, first, last, spacing, &scale, zero_y);
  ps_set_color (cr, &style->zero_line);
  cairo_rectangle (cr, p.plot.x, zero_y, p.plot.width, 1);
  cairo_fill (cr);
  cairo_restore (cr);

  row = ps_series_lower_bound (funding->t_ms, funding->n, ps_time_axis_get_to_ms (axis));
  while (row > first && !isfinite (funding->rate[row - 1]))
    row--;
  if (row > 0 && isfinite (funding->rate[row - 1]))
    {
      value = ps_format_percent (funding->rate[row - 1], 4);
      value_color = funding->rate[row - 1] >= 0 ? &style->funding_positive
                                                : &style->funding_negative;
    }
  ps_paint_title (&p, title, value, value_color);
  ps_paint_end (&p);
}

/* Time labels, cursor, selection ---------------------------------------------- */

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

  ps_paint_begin (&p, cr, rect, style);
  ps_paint_background (&p);
  ps_set_color_alpha (cr, &style->grid, 1.8);
  cairo_rectangle (cr, p.rect.x, p.rect.y, p.rect.width, 1);
  cairo_fill (cr);

  bold = ps_create_layout (cr, style, 1, PANGO_WEIGHT_SEMIBOLD);
  ticks = ps_time_axis_get_ticks (axis, p.plot.width, ps_render_tick_spacing (style));
  for (guint i = 0; i < ticks->len; i++)
    {
      const PsTimeTick *tick = &g_array_index (ticks, PsTimeTick, i);
      PangoLayout *layout = tick->major ? bold : p.layout;
      double x = p.plot.x + floor (ps_time_axis_to_x (axis, tick->t_ms, p.plot.width));
      int w, h;

      ps_set_color_alpha (cr, &style->grid, 3);
      cairo_rectangle (cr, x, p.rect.y + 1, 1, 4);
      cairo_fill (cr);

      /* A label is whole or absent: half a date reads as a wrong one. */
      ps_text_size (layout, tick->label, &w, &h);
      if (x + 0.5 - w / 2. < p.rect.x || x + 0.5 + w / 2. > p.rect.x + p.rect.width)
        continue;
      ps_show_text (cr, layout, tick->label, x + 0.5 - w / 2.,
                    p.rect.y + 5 + MAX (0, (p.rect.height - 5 - h) / 2),
                    tick->major ? &style->text : &style->text_dim);
    }

  ps_paint_end (&p);
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

  ps_paint_begin (&p, cr, rect, style);
  x = floor (ps_time_axis_to_x (axis, cursor_ms, p.plot.width));
  ps_set_color (cr, &style->cursor);
  cairo_rectangle (cr, p.plot.x + x, p.plot.y, 1, p.plot.height);
  cairo_fill (cr);
  ps_paint_end (&p);
}

void
ps_render_selection (cairo_t            *cr,
                     const PsRect       *rect,
                     PsTimeAxis         *axis,
                     gint64              from_ms,
                     gint64              to_ms,
                     const PsChartStyle *style)
{
  PsPaint p;
  double x0, x1;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  if (to_ms < from_ms)
    {
      gint64 tmp = from_ms;

      from_ms = to_ms;
      to_ms = tmp;
    }

  ps_paint_begin (&p, cr, rect, style);
  x0 = CLAMP (round (ps_time_axis_to_x (axis, from_ms, p.plot.width)), -1, p.plot.width + 1);
  x1 = CLAMP (round (ps_time_axis_to_x (axis, to_ms, p.plot.width)), -1, p.plot.width + 1);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);

  ps_set_color (cr, &style->selection);
  cairo_rectangle (cr, p.plot.x + x0, p.plot.y, MAX (1, x1 - x0), p.plot.height);
  cairo_fill (cr);
  /* Edges a little stronger, so a narrow band still reads as a range. */
  ps_set_color_alpha (cr, &style->selection, 2.5);
  cairo_rectangle (cr, p.plot.x + x0, p.plot.y, 1, p.plot.height);
  cairo_rectangle (cr, p.plot.x + MAX (x0, x1 - 1), p.plot.y, 1, p.plot.height);
  cairo_fill (cr);
  ps_paint_end (&p);
}
