/* ps-render-format.c: the numbers of labels and read-outs: prices, USD,
 * percentages, and the round steps of value axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-render.h"
#include "ps-render-private.h"

#define MINUS_SIGN "\xe2\x88\x92"   /* U+2212 */

/* Numbers -------------------------------------------------------------- */

/* "−101,516.5": grouped by commas whatever the locale, like exchanges. */
char *
_ps_render_format_grouped (double value,
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

  num = _ps_render_format_grouped (fraction * 100, decimals);
  return g_strconcat (num, "%", NULL);
}

/* Axis labels ------------------------------------------------------------ */

double
_ps_render_nice_step (double range,
                      double count)
{
  double raw = range / MAX (count, 1);
  double mag = pow (10, floor (log10 (raw)));
  double m = raw / mag;

  /* The nearest of 1, 2, 5, 10 (geometrically), not the next up: a pane
   * gets about the number of lines it asked for. */
  return (m < 1.42 ? 1 : m < 3.16 ? 2 : m < 7.07 ? 5 : 10) * mag;
}

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

    default:
      g_assert_not_reached ();
    }
}
