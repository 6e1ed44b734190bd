/* ps-render-crosshair.c: the crosshair over a pane's cached drawing: the
 * lines, the value and time chips on the axes, the hovered values in the
 * header, and the lookups that find those values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-render.h"
#include "ps-render-private.h"
#include "ps-time.h"

/* Lookups ----------------------------------------------------------------- */

int
ps_render_candle_at (const PsCandles *candles,
                     PsInterval       interval,
                     gint64           t_ms)
{
  gint64 step;
  guint i;

  if (candles == NULL || candles->n == 0 || t_ms == G_MININT64)
    return -1;

  step = ps_interval_to_ms (interval);
  if (step <= 0)
    step = _ps_render_spacing_near (candles->t_ms, candles->n, t_ms, 60 * 1000);

  /* The last candle opened at or before t, if t is inside it: a missing
   * candle stays missing, its neighbour does not stand in. */
  i = ps_series_lower_bound (candles->t_ms, candles->n, t_ms + 1);
  if (i == 0 || t_ms >= candles->t_ms[i - 1] + step)
    return -1;
  return (int) i - 1;
}

int
ps_render_open_interest_at (const PsOpenInterest *open_interest,
                            gint64                t_ms)
{
  gint64 spacing;
  guint i;

  if (open_interest == NULL || open_interest->n == 0 || t_ms == G_MININT64)
    return -1;

  i = ps_series_lower_bound (open_interest->t_ms, open_interest->n, t_ms + 1);
  if (i == 0 || !isfinite (open_interest->usd[i - 1]))
    return -1;

  /* The chart breaks its line over a step well over the usual one: the
   * value before such a gap (or before the series' end, while the rest is
   * loading) is not the value at t. */
  spacing = _ps_render_spacing_near (open_interest->t_ms, open_interest->n, t_ms,
                                     G_MAXINT64 / 4);
  if ((double) (t_ms - open_interest->t_ms[i - 1]) > 1.5 * (double) spacing)
    return -1;
  if (open_interest->n == 1 && t_ms != open_interest->t_ms[0])
    return -1;
  return (int) i - 1;
}

int
ps_render_funding_at (const PsFunding *funding,
                      gint64           t_ms)
{
  gint64 spacing;
  guint i;
  int best = -1;

  if (funding == NULL || funding->n == 0 || t_ms == G_MININT64)
    return -1;

  /* Each settlement's bar is centred on its time: the one under the
   * pointer is the nearest within half a period. */
  spacing = _ps_render_spacing_near (funding->t_ms, funding->n, t_ms, 8 * 3600 * 1000);
  i = ps_series_lower_bound (funding->t_ms, funding->n, t_ms);
  if (i < funding->n && funding->t_ms[i] - t_ms <= spacing / 2)
    best = (int) i;
  if (i > 0 && t_ms - funding->t_ms[i - 1] <= spacing / 2 &&
      (best < 0 || t_ms - funding->t_ms[i - 1] < funding->t_ms[best] - t_ms))
    best = (int) i - 1;
  if (best >= 0 && !isfinite (funding->rate[best]))
    return -1;
  return best;
}

/* Headers ----------------------------------------------------------------- */

void
ps_crosshair_header_add (PsCrosshairHeader *header,
                         const char        *text,
                         const PsColor     *color)
{
  g_return_if_fail (header != NULL && text != NULL);

  if (header->n_parts >= G_N_ELEMENTS (header->parts))
    return;
  g_strlcpy (header->parts[header->n_parts].text, text, sizeof header->parts[0].text);
  header->parts[header->n_parts].color = color != NULL ? *color : (PsColor) { 0, 0, 0, 0 };
  header->parts[header->n_parts].dim = color == NULL;
  header->n_parts++;
}

gboolean
ps_crosshair_header_price (PsCrosshairHeader  *header,
                           const PsCandles    *candles,
                           PsInterval          interval,
                           gint64              t_ms,
                           const PsChartStyle *style)
{
  /* Translators: the price pane's header under the pointer: the candle's
   * open, high, low and close, abbreviated as in the read-out ("O H L C") */
  const char *names[4] = { C_("price header", "O"), C_("price header", "H"),
                           C_("price header", "L"), C_("price header", "C") };
  g_autofree char *change = NULL;
  const PsColor *color;
  double values[4];
  int i;

  g_return_val_if_fail (header != NULL && style != NULL, FALSE);

  header->n_parts = 0;
  if (candles == NULL || candles->n == 0)
    return FALSE;
  i = ps_render_candle_at (candles, interval, t_ms);
  if (i < 0 || !isfinite (ps_candles_open_at (candles, i)) ||
      !isfinite (ps_candles_close_at (candles, i)))
    {
      /* No candle there: a dash, not the last close as if it were. */
      ps_crosshair_header_add (header, "\xe2\x80\x94", NULL);
      return TRUE;
    }

  values[0] = ps_candles_open_at (candles, i);
  values[1] = ps_candles_high_at (candles, i);
  values[2] = ps_candles_low_at (candles, i);
  values[3] = ps_candles_close_at (candles, i);
  color = values[3] >= values[0] ? &style->up : &style->down;
  for (guint k = 0; k < 4; k++)
    {
      g_autofree char *v = ps_format_price (values[k]);
      g_autofree char *name = g_strdup_printf (k == 0 ? "%s " : "  %s ", names[k]);

      ps_crosshair_header_add (header, name, NULL);
      ps_crosshair_header_add (header, v, color);
    }
  if (values[0] != 0)
    {
      change = ps_format_percent (values[3] / values[0] - 1, 2);
      if (values[3] >= values[0])
        {
          g_autofree char *plus = g_strconcat ("+", change, NULL);

          g_free (change);
          change = g_steal_pointer (&plus);
        }
      ps_crosshair_header_add (header, "  ", NULL);
      ps_crosshair_header_add (header, change, color);
    }
  return TRUE;
}

gboolean
ps_crosshair_header_open_interest (PsCrosshairHeader    *header,
                                   const PsOpenInterest *open_interest,
                                   gint64                t_ms,
                                   const PsChartStyle   *style)
{
  return ps_crosshair_header_open_interest_in (header, open_interest, PS_CROSSHAIR_USD, t_ms,
                                               style);
}

gboolean
ps_crosshair_header_open_interest_in (PsCrosshairHeader    *header,
                                      const PsOpenInterest *open_interest,
                                      PsCrosshairUnit       unit,
                                      gint64                t_ms,
                                      const PsChartStyle   *style)
{
  g_autofree char *usd = NULL;
  int i;

  g_return_val_if_fail (header != NULL && style != NULL, FALSE);

  header->n_parts = 0;
  i = ps_render_open_interest_at (open_interest, t_ms);
  if (i < 0)
    {
      /* Better a dash than the last value standing for a time it is not. */
      if (open_interest != NULL && open_interest->n > 0)
        ps_crosshair_header_add (header, "\xe2\x80\x94", NULL);
      return open_interest != NULL && open_interest->n > 0;
    }
  usd = ps_render_crosshair_value (unit, open_interest->usd[i]);
  ps_crosshair_header_add (header, usd, &style->oi_line);
  return TRUE;
}

gboolean
ps_crosshair_header_funding (PsCrosshairHeader  *header,
                             const PsFunding    *funding,
                             gint64              t_ms,
                             const PsChartStyle *style)
{
  return ps_crosshair_header_funding_in (header, funding, FALSE, t_ms, style);
}

gboolean
ps_crosshair_header_funding_in (PsCrosshairHeader  *header,
                                const PsFunding    *funding,
                                gboolean            annualised,
                                gint64              t_ms,
                                const PsChartStyle *style)
{
  g_autofree char *rate = NULL;
  double per_year;
  int i;

  g_return_val_if_fail (header != NULL && style != NULL, FALSE);

  header->n_parts = 0;
  i = ps_render_funding_at (funding, t_ms);
  if (i < 0)
    {
      if (funding != NULL && funding->n > 0)
        ps_crosshair_header_add (header, "\xe2\x80\x94", NULL);
      return funding != NULL && funding->n > 0;
    }
  rate = ps_format_percent (funding->rate[i], 4);
  ps_crosshair_header_add (header, rate, funding->rate[i] >= 0 ? &style->funding_positive
                                                     : &style->funding_negative);
  /* The settlement's own rate first, what the axis shows beside it. */
  per_year = ps_funding_settlements_per_year (funding);
  if (annualised && per_year > 0)
    {
      g_autofree char *year = ps_format_percent (funding->rate[i] * per_year, 2);
      g_autofree char *text = g_strdup_printf (_("(%s a year)"), year);

      ps_crosshair_header_add (header, " ", NULL);
      ps_crosshair_header_add (header, text, NULL);
    }
  return TRUE;
}

gboolean
ps_crosshair_header_liquidations (PsCrosshairHeader            *header,
                                  const PsRecordedLiquidations *liquidations,
                                  PsInterval                    interval,
                                  gint64                        t_ms,
                                  const PsChartStyle           *style)
{
  g_autofree char *l = NULL;
  g_autofree char *s = NULL;
  g_autofree char *longs = NULL;
  g_autofree char *shorts = NULL;
  double long_usd, short_usd;
  PsLiqRecording recording;

  g_return_val_if_fail (header != NULL && style != NULL, FALSE);

  header->n_parts = 0;
  /* Nothing recorded and no stretch known as not recorded (the demo): the
   * title says it; zeros would claim a calm market. */
  if (liquidations == NULL || t_ms == G_MININT64 ||
      (liquidations->events == NULL && liquidations->n_not_recorded == 0))
    return FALSE;

  recording = ps_render_liquidations_at (liquidations, interval, t_ms, &long_usd, &short_usd);
  if (recording == PS_LIQ_NOT_RECORDED)
    {
      ps_crosshair_header_add (header, _("not recorded"), NULL);
      return TRUE;
    }
  l = ps_format_usd_compact (long_usd);
  s = ps_format_usd_compact (short_usd);
  longs = g_strdup_printf (_("Longs %s"), l);
  shorts = g_strdup_printf (_("Shorts %s"), s);
  ps_crosshair_header_add (header, longs, &style->liq_long);
  ps_crosshair_header_add (header, "  ", NULL);
  ps_crosshair_header_add (header, shorts, &style->liq_short);
  if (recording == PS_LIQ_PARTLY_RECORDED)
    ps_crosshair_header_add (header, _("  (partly recorded)"), NULL);
  return TRUE;
}

char *
ps_render_open_interest_readout (const PsOpenInterest *open_interest,
                                 gint64                t_ms)
{
  g_autofree char *usd = NULL;
  int i;

  if (open_interest == NULL || open_interest->n == 0)
    return NULL;
  i = ps_render_open_interest_at (open_interest, t_ms);
  usd = i >= 0 ? ps_format_usd_compact (open_interest->usd[i]) : g_strdup ("\xe2\x80\x94");
  return g_strdup_printf (_("Open interest %s"), usd);
}

/* Drawing ----------------------------------------------------------------- */

char *
ps_render_crosshair_value (PsCrosshairUnit unit,
                           double          value)
{
  switch (unit)
    {
    case PS_CROSSHAIR_USD:
      return ps_format_usd_compact (value);
    case PS_CROSSHAIR_USD_MAGNITUDE:
      return ps_format_usd_compact (fabs (value));
    case PS_CROSSHAIR_PERCENT:
      return ps_format_percent (value, 4);
    case PS_CROSSHAIR_PERCENT_ANNUAL:
      return ps_format_percent (value, 2);
    case PS_CROSSHAIR_QUANTITY:
      return ps_format_quantity_compact (value);
    case PS_CROSSHAIR_PRICE:
    default:
      return ps_format_price (value);
    }
}

/* A chip in the text colour with the background's colour for its words:
 * dark on a light chart, light on a dark one, like the last price's. */
static void
ps_paint_chip (PsPaint    *p,
               const char *text,
               double      x,
               double      y,
               double      width,
               double      height,
               double      text_x,
               double      text_y)
{
  PsColor ink = p->style->background;

  ink.alpha = 1;
  _ps_render_set_color_alpha (p->cr, &p->style->text, 1 / MAX (p->style->text.alpha, 0.01));
  cairo_rectangle (p->cr, x, y, width, height);
  cairo_fill (p->cr);
  _ps_render_show_text (p->cr, p->layout, text, text_x, text_y, &ink);
}

static void
ps_paint_value_chip (PsPaint             *p,
                     double               y,
                     const PsValueScale  *scale,
                     PsCrosshairUnit      unit)
{
  g_autofree char *label = NULL;
  double pad = ps_round (p->style->font_size * 0.6), top;
  double gutter = p->rect.width - p->plot.width;
  int w, h;

  label = ps_render_crosshair_value (unit, ps_value_scale_from_y (scale, y + 0.5));
  _ps_render_text_size (p->layout, label, &w, &h);
  /* A narrow gutter gets the whole number rather than a cut one. */
  if (unit == PS_CROSSHAIR_PRICE && w > gutter - p->style->font_size)
    {
      g_free (label);
      label = _ps_render_format_grouped (ps_value_scale_from_y (scale, y + 0.5), 0);
      _ps_render_text_size (p->layout, label, &w, &h);
    }
  top = CLAMP (ps_round (y + 0.5 - h / 2. - 3), p->rect.y, p->rect.y + p->rect.height - h - 6);
  ps_paint_chip (p, label, p->plot.x + p->plot.width + 1, top, gutter - 1, h + 6,
                 p->plot.x + p->plot.width + pad, top + 3);
}

/* The hovered values in place of the header's own: the header's value text
 * and what follows it on its row are covered, then the parts are written
 * from where the value began. The row's geometry is
 * _ps_render_paint_title_row ()'s. */
static void
ps_paint_header (PsPaint                 *p,
                 const char              *title,
                 const PsCrosshairHeader *header)
{
  g_autoptr(PangoLayout) bold = NULL;
  double pad = ps_round (p->style->font_size * 0.5);
  double x = p->plot.x + pad + 4, y = p->rect.y + ps_round (pad * 0.8) + 2, right, vx;
  int tw = 0, th = 0, vw, vh;

  bold = _ps_render_create_layout (p->cr, p->style, 1.0, PANGO_WEIGHT_SEMIBOLD);
  _ps_render_text_size (bold, title != NULL ? title : "", &tw, &th);
  _ps_render_text_size (bold, "Xg", &vw, &th);
  _ps_render_text_size (p->layout, "Xg", &vw, &vh);
  vx = x + tw + (tw > 0 ? pad : 0);
  right = p->plot.x + p->plot.width;
  if (vx >= right)
    return;

  _ps_render_set_color (p->cr, &p->style->background);
  cairo_rectangle (p->cr, vx, y - 2, right - vx, MAX (th, vh) + 4);
  cairo_fill (p->cr);

  for (guint i = 0; i < header->n_parts; i++)
    {
      const char *text = header->parts[i].text;

      _ps_render_text_size (p->layout, text, &vw, &vh);
      /* A part is whole or absent. */
      if (vx + vw > right - 2)
        break;
      _ps_render_show_text (p->cr, p->layout, text, vx, y + (th - vh) / 2,
                            header->parts[i].dim ? &p->style->text_dim
                                                 : &header->parts[i].color);
      vx += vw;
    }
}

void
ps_render_crosshair (cairo_t            *cr,
                     const PsRect       *rect,
                     PsTimeAxis         *axis,
                     const PsCrosshair  *crosshair,
                     const PsChartStyle *style)
{
  PsPaint p;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (crosshair != NULL);
  g_return_if_fail (style != NULL);

  if (crosshair->t_ms != G_MININT64)
    ps_render_cursor (cr, rect, axis, crosshair->t_ms, style);

  _ps_render_paint_begin (&p, cr, rect, style);
  /* Not over the title row: a line through the words reads as struck out,
   * and no value lies there (scales start under it). */
  if (isfinite (crosshair->y) && crosshair->y >= p.plot.y + _ps_render_header_height (style) &&
      crosshair->y < p.plot.y + p.plot.height)
    {
      double y = floor (crosshair->y);

      _ps_render_set_color (cr, &style->cursor);
      cairo_rectangle (cr, p.plot.x, y, p.plot.width, 1);
      cairo_fill (cr);
      if (crosshair->scale != NULL)
        ps_paint_value_chip (&p, y, crosshair->scale, crosshair->unit);
    }
  if (crosshair->header != NULL)
    ps_paint_header (&p, crosshair->title, crosshair->header);
  _ps_render_paint_end (&p);
}

void
ps_render_time_chip (cairo_t            *cr,
                     const PsRect       *rect,
                     PsTimeAxis         *axis,
                     gint64              t_ms,
                     const PsChartStyle *style)
{
  g_autofree char *label = NULL;
  double pad = ps_round (style->font_size * 0.6), x, left;
  PsPaint p;
  int w, h;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  if (t_ms < ps_time_axis_get_from_ms (axis) || t_ms >= ps_time_axis_get_to_ms (axis))
    return;

  _ps_render_paint_begin (&p, cr, rect, style);
  /* To the minute, in the zone the axis labels are in. */
  label = ps_time_format (t_ms - t_ms % 60000, ps_time_axis_get_utc (axis));
  _ps_render_text_size (p.layout, label, &w, &h);
  x = p.plot.x + floor (ps_time_axis_to_x (axis, t_ms, p.plot.width));
  left = CLAMP (ps_round (x + 0.5 - w / 2. - pad), p.rect.x, p.rect.x + p.rect.width - w - 2 * pad);
  ps_paint_chip (&p, label, left, p.rect.y + 1, w + 2 * pad, p.rect.height - 1,
                 left + pad, p.rect.y + 1 + MAX (0, (p.rect.height - 1 - h) / 2));
  _ps_render_paint_end (&p);
}
