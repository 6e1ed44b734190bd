/* ps-render-format.c: the numbers of labels and read-outs: prices, USD,
 * percentages, and the round steps of value axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <string.h>

#include "ps-render.h"
#include "ps-render-private.h"

#define MINUS_SIGN "\xe2\x88\x92"   /* U+2212 */
#define NARROW_NO_BREAK_SPACE "\xe2\x80\xaf"   /* U+202F */

/* Numbers -------------------------------------------------------------- */

/* The user's numbers (LC_NUMERIC): "101.516,5" in German, "101 516,5" in
 * French. nl_langinfo () lends the locale's own strings: no buffer shared
 * between the threads that draw. */
const char *
ps_format_decimal_mark (void)
{
  const char *mark = nl_langinfo (RADIXCHAR);

  return mark != NULL && *mark != '\0' ? mark : ".";
}

/* A locale that sets no separator (C, POSIX: tests, scripts) groups by
 * commas like the exchanges; one with a decimal comma by a thin space. */
static const char *
ps_format_group_mark (void)
{
  const char *mark = nl_langinfo (THOUSEP);

  if (mark != NULL && *mark != '\0')
    return mark;
  return strcmp (ps_format_decimal_mark (), ".") == 0 ? "," : NARROW_NO_BREAK_SPACE;
}

/* "0.00", "0,00" or "$0": no digit but zeros, whatever the marks. */
static gboolean
ps_format_is_zero (const char *text)
{
  return strpbrk (text, "123456789") == NULL;
}

/* "−101,516.5", or "−101.516,5" in German: grouped by threes. */
char *
_ps_render_format_grouped (double value,
                           int    decimals)
{
  /* %.12f of 1e308 is some 320 characters. */
  char digits[512];
  char format[16];
  GString *str;
  const char *dot;
  const char *group;
  gsize int_len;

  if (!isfinite (value))
    return g_strdup ("\xe2\x80\x94");   /* — */

  /* C digits whatever the locale, then the locale's marks put in. */
  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 12));
  g_ascii_formatd (digits, sizeof digits, format, fabs (value));
  dot = strchr (digits, '.');
  int_len = dot ? (gsize) (dot - digits) : strlen (digits);
  group = ps_format_group_mark ();

  str = g_string_new (NULL);
  /* −0.000 is just 0.000 */
  if (value < 0 && !ps_format_is_zero (digits))
    g_string_append (str, MINUS_SIGN);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (str, group);
      g_string_append_c (str, digits[i]);
    }
  if (dot != NULL)
    {
      g_string_append (str, ps_format_decimal_mark ());
      g_string_append (str, dot + 1);
    }

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
    return _ps_render_format_grouped (price, 1);
  if (mag >= 1)
    return _ps_render_format_grouped (price, 2);
  if (mag >= 0.01 || mag == 0)
    return _ps_render_format_grouped (price, 4);
  return _ps_render_format_grouped (price, 8);
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

  num = _ps_render_format_grouped (fabs (value) / usd_units[unit].scale, decimals);
  return g_strdup_printf ("%s$%s%s", value < 0 && !ps_format_is_zero (num) ? MINUS_SIGN : "",
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

  num = _ps_render_format_grouped (fraction * 100, decimals);
  return g_strconcat (num, "%", NULL);
}

/* "−$1.5K" → "−1.5K". */
char *
_ps_render_strip_dollar (const char *usd)
{
  const char *dollar = strchr (usd, '$');
  GString *out;

  if (dollar == NULL)
    return g_strdup (usd);
  out = g_string_new_len (usd, dollar - usd);

  g_string_append (out, dollar + 1);
  return g_string_free (out, FALSE);
}

/* Axis labels ------------------------------------------------------------ */

char *
_ps_render_format_axis_label (PsLabelKind kind,
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
          g_autofree char *num = _ps_render_format_grouped (value / 1000,
                                                            ps_decimals_for_step (step / 1000));
          return g_strconcat (num, "k", NULL);
        }
      return _ps_render_format_grouped (value, ps_decimals_for_step (step));

    case PS_LABEL_USD_MAGNITUDE:
      value = fabs (value);
      G_GNUC_FALLTHROUGH;
    case PS_LABEL_USD:
      /* "$0", not "$0M": zero has no unit. */
      if (value == 0)
        return g_strdup ("$0");
      unit = ps_usd_unit_for (magnitude);
      return ps_format_usd_unit (value, unit,
                                 ps_decimals_for_step (step / usd_units[unit].scale));

    case PS_LABEL_PERCENT:
      /* Funding is read to the thousandth of a percent: "0.010%". */
      return ps_format_percent (value, MAX (3, ps_decimals_for_step (step * 100)));

    case PS_LABEL_PERCENT_ANNUAL:
      return ps_format_percent (value, ps_decimals_for_step (step * 100));

    case PS_LABEL_QUANTITY:
      /* The USD units without the dollar: "12.5K". */
      {
        g_autofree char *usd = NULL;

        if (value == 0)
          return g_strdup ("0");
        unit = ps_usd_unit_for (magnitude);
        usd = ps_format_usd_unit (value, unit,
                                  ps_decimals_for_step (step / usd_units[unit].scale));
        return _ps_render_strip_dollar (usd);
      }

    default:
      g_assert_not_reached ();
    }
}

/* Value ticks -------------------------------------------------------------- */

static void
ps_value_tick_clear (gpointer data)
{
  PsValueTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

/* The smallest 1-2-5 step of at least raw. */
static double
ps_step_at_least (double raw)
{
  double mag = pow (10, floor (log10 (raw)));
  double m = raw / mag;

  return (m <= 1 + 1e-9 ? 1 : m <= 2 + 1e-9 ? 2 : m <= 5 + 1e-9 ? 5 : 10) * mag;
}

/* The next rung down: 5 → 2 → 1 → 0.5. */
static double
ps_step_below (double step)
{
  double mag = pow (10, floor (log10 (step) + 1e-9));
  double m = step / mag;

  return (m > 4.5 ? 2 : m > 1.5 ? 1 : 0.5) * mag;
}

/* Fills ticks on a grid of step between the values v_bottom and v_top;
 * how many got a label, and whether any of them is below or above zero. */
static guint
ps_fill_ticks (GArray             *ticks,
               PangoLayout        *layout,
               const PsChartStyle *style,
               const PsRect       *rect,
               const PsRect       *plot,
               const PsValueScale *scale,
               PsLabelKind         kind,
               double              step,
               double              v_bottom,
               double              v_top,
               double              skip_y0,
               double              skip_y1,
               gboolean           *negative,
               gboolean           *positive)
{
  double magnitude = MAX (fabs (scale->min), fabs (scale->max));
  double k0 = ceil (v_bottom / step - 1e-9), k1 = floor (v_top / step + 1e-9);
  gboolean compact = FALSE;
  guint n = 0;

  g_array_set_size (ticks, 0);
  *negative = *positive = FALSE;

  /* "98k" for prices only when "101,500.5" would not fit the gutter. */
  if (kind == PS_LABEL_PRICE)
    {
      g_autofree char *lo = _ps_render_format_axis_label (kind, k0 * step, step, magnitude,
                                                          FALSE);
      g_autofree char *hi = _ps_render_format_axis_label (kind, k1 * step, step, magnitude,
                                                          FALSE);
      int w0, w1, h;

      _ps_render_text_size (layout, lo, &w0, &h);
      _ps_render_text_size (layout, hi, &w1, &h);
      compact = MAX (w0, w1) > rect->width - plot->width - 1.5 * ps_round (style->font_size * 0.6);
    }

  /* Top to bottom. */
  for (double k = k1; k >= k0 && k1 - k < 200; k--)
    {
      PsValueTick tick = { k * step, ps_round (ps_value_scale_to_y (scale, k * step)), NULL };

      if (tick.y < plot->y || tick.y >= plot->y + plot->height)
        continue;
      if (fabs (tick.value) < step * 1e-6)
        tick.value = 0;
      if (!(tick.y + 1 > skip_y0 && tick.y - 1 < skip_y1))
        {
          tick.label = _ps_render_format_axis_label (kind, tick.value, step, magnitude, compact);
          n++;
          *negative |= tick.value < 0;
          *positive |= tick.value > 0;
        }
      g_array_append_val (ticks, tick);
    }
  return n;
}

/* How many grid values of step lie in [v_bottom, v_top], and whether one is
 * below and one above zero. */
static guint
ps_count_grid (double    step,
               double    v_bottom,
               double    v_top,
               gboolean *both_sides)
{
  double k0 = ceil (v_bottom / step - 1e-9), k1 = floor (v_top / step + 1e-9);

  *both_sides = k0 < 0 && k1 > 0;
  return k1 >= k0 ? (guint) (k1 - k0 + 1) : 0;
}

gboolean
_ps_render_value_scale_fit_low (PsValueScale       *scale,
                                const PsRect       *rect,
                                const PsRect       *plot,
                                const PsChartStyle *style,
                                double              lo,
                                double              hi,
                                double              pad)
{
  double ink, line, tight, comfortable, half, label_top, y_low, px, step, v_top, v_low;
  gboolean both_sides, want_both = lo < 0 && hi > 0;
  PsValueScale usual;

  _ps_render_value_scale_init (&usual, plot, style, lo, hi, pad);
  *scale = usual;
  if (!(hi > lo) || !isfinite (hi - lo) || usual.y_top == plot->y)
    return FALSE;

  /* The usual scale, counted as _ps_render_value_ticks () will place it. */
  _ps_render_label_digits (style, &ink, &line);
  comfortable = 2 * line;
  tight = MIN (comfortable, ink + 3);
  half = line / 2. + 1;
  v_top = ps_value_scale_from_y (&usual, rect->y + half);
  v_low = ps_value_scale_from_y (&usual, rect->y + rect->height - half);
  px = (usual.y_bottom - usual.y_top) / (usual.max - usual.min);
  /* The finest step the ticks may take has the most labels. */
  if (ps_count_grid (ps_step_at_least (tight / px), v_low, v_top, &both_sides) >= 4 &&
      (!want_both || both_sides))
    return FALSE;

  /* The lowest label's place holds a round value at or under lo; labels go
   * up from there a step apart, beside the title too, data under it. The
   * least step that leaves four labels (one over zero if lo < 0 < hi) tight
   * apart, the data as tall as that allows. */
  label_top = rect->y + half;
  y_low = MIN (rect->y + rect->height - half, usual.y_bottom);
  if (y_low - label_top < 3 * tight || !(y_low > usual.y_top))
    return FALSE;
  step = ps_step_at_least ((hi - lo) / 256);
  for (int rung = 0; rung < 30; rung++, step = ps_step_at_least (step * 1.01))
    {
      double k_lo = floor (lo / step + 1e-9);
      guint need = want_both ? MAX (4, (guint) (2 - k_lo)) : 4;

      /* As tall as the data may stand, or as close as need labels must. */
      px = fmin ((y_low - usual.y_top) / (hi - k_lo * step),
                 (y_low - label_top) / ((need - 1) * step));
      if (step * px < tight)
        continue;
      scale->max = k_lo * step + (y_low - usual.y_top) / px;
      scale->min = k_lo * step - (scale->y_bottom - y_low) / px;
      return TRUE;
    }
  return FALSE;
}
GArray *
_ps_render_value_ticks (PangoLayout        *layout,
                        const PsChartStyle *style,
                        const PsRect       *rect,
                        const PsRect       *plot,
                        const PsValueScale *scale,
                        PsLabelKind         kind,
                        double              skip_y0,
                        double              skip_y1)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (PsValueTick));
  PangoRectangle ink, logical;
  double px_per_unit, comfortable, tight, v_top, v_bottom, step, half;
  gboolean both_sides;

  if (scale->log)
    {
      g_array_unref (ticks);
      return _ps_render_log_ticks (layout, style, rect, plot, scale, kind, skip_y0, skip_y1);
    }
  g_array_set_clear_func (ticks, ps_value_tick_clear);
  if (!(scale->max > scale->min) || !(scale->y_bottom > scale->y_top) ||
      !isfinite (scale->max - scale->min))
    return ticks;

  pango_layout_set_text (layout, "0123456789", -1);
  pango_layout_get_pixel_extents (layout, &ink, &logical);
  px_per_unit = (scale->y_bottom - scale->y_top) / (scale->max - scale->min);
  /* Two lines' height apart reads at a glance; closer only as far as four
   * labels need; digits 3 px apart are the least that still read as two
   * numbers (a "$" reaches 1–2 px further, still clear of its neighbour).
   * With 1-2-5 steps only, a 120 px pane may need that. */
  comfortable = 2 * logical.height;
  tight = MIN (comfortable, ink.height + 3);
  /* Labels stand whole in the pane, beside the header band too: the gutter
   * is theirs from top to bottom. */
  half = logical.height / 2. + 1;
  v_top = ps_value_scale_from_y (scale, rect->y + half);
  v_bottom = ps_value_scale_from_y (scale, rect->y + rect->height - half);
  both_sides = scale->min < 0 && scale->max > 0;

  step = ps_step_at_least (comfortable / px_per_unit);
  for (int i = 0; i < 12; i++)
    {
      gboolean negative, positive;
      guint n = ps_fill_ticks (ticks, layout, style, rect, plot, scale, kind, step, v_bottom,
                               v_top, skip_y0, skip_y1, &negative, &positive);
      double next = ps_step_below (step);

      /* A marker in the gutter is a label too (the last price). */
      if (n + (skip_y1 > skip_y0) >= 4 && (!both_sides || (negative && positive)))
        break;
      if (next * px_per_unit < tight)
        break;
      step = next;
    }
  return ticks;
}

GArray *
ps_value_scale_ticks (const PsValueScale *scale,
                      const PsRect       *rect,
                      PsLabelKind         kind,
                      const PsChartStyle *style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  GArray *ticks;
  PsPaint p;

  g_return_val_if_fail (scale != NULL && rect != NULL && style != NULL, NULL);

  _ps_render_paint_begin (&p, cr, rect, style);
  ticks = _ps_render_value_ticks (p.layout, style, &p.rect, &p.plot, scale, kind, 0, 0);
  _ps_render_paint_end (&p);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ticks;
}
