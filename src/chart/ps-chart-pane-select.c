/* ps-chart-pane-select.c: what a click or a Shift+drag on a pane selects,
 * Escape, and the selection drawn over the pane
 *
 * A click selects the element under the pointer, by its own period: a
 * candle, a funding bar's settlement period (the spacing before it), an OI
 * sample's (until the next), a liquidations bar's candle. On the price pane
 * with the heatmap shown, a click off the candles on a hot zone or a bright
 * band of the heatmap selects that band of prices. A second click on the
 * selected element, or Escape, clears.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-chart-pane-private.h"
#include "ps-period-summary.h"
#include "ps-render.h"
#include "ps-time.h"

/* A pointer this many px off a candle, a zone or a band still hits it. */
#define HIT_SLOP_PX   4.0
/* A heatmap cell is a band's when it holds this share of the grid's largest
 * (on the colour scale's square root: about a quarter of the way up)… */
#define HEAT_BAND_MIN 0.08
/* …and the band runs on while its cells hold this share of the one hit. */
#define HEAT_BAND_RUN 0.25
#define HEAT_BAND_MAX_BINS 100

static PsInterval
ps_chart_pane_interval (PsChartPane *self)
{
  PsMarketSource *source = _ps_chart_pane_get_source (self);

  return source != NULL ? ps_market_source_get_shown_interval (source) : PS_INTERVAL_1H;
}

static gint64
ps_chart_pane_candle_ms (PsChartPane *self)
{
  gint64 step = ps_interval_to_ms (ps_chart_pane_interval (self));

  return step > 0 ? step : 3600 * 1000;
}

/* The candle holding t, as a period. */
static void
ps_chart_pane_candle_period (PsChartPane *self,
                             gint64       t,
                             gint64      *from,
                             gint64      *to)
{
  gint64 step = ps_chart_pane_candle_ms (self);

  *from = t - (((t % step) + step) % step);
  *to = *from + step;
}

/* The settlement drawn nearest t, its bar at most half a spacing away. */
static gboolean
ps_chart_pane_funding_period (PsFunding *f,
                              gint64     t,
                              gint64    *from,
                              gint64    *to)
{
  guint i;
  gint64 spacing;

  if (f == NULL || f->n == 0)
    return FALSE;
  i = ps_series_lower_bound (f->t_ms, f->n, t);
  if (i == f->n || (i > 0 && t - f->t_ms[i - 1] < f->t_ms[i] - t))
    i = i > 0 ? i - 1 : 0;
  spacing = ps_series_spacing_near (f->t_ms, f->n, f->t_ms[i], 8 * 3600 * 1000);
  if (llabs (f->t_ms[i] - t) > spacing / 2)
    return FALSE;
  ps_funding_settlement_period (f, i, from, to);
  return TRUE;
}

/* The sample holding t: from it to the next (a typical spacing at most). */
static gboolean
ps_chart_pane_oi_period (PsOpenInterest *oi,
                         gint64          t,
                         gint64         *from,
                         gint64         *to)
{
  guint i;
  gint64 spacing;

  if (oi == NULL || oi->n == 0)
    return FALSE;
  i = ps_series_lower_bound (oi->t_ms, oi->n, t + 1);
  if (i == 0)
    return FALSE;
  i--;
  spacing = ps_series_spacing_near (oi->t_ms, oi->n, oi->t_ms[i], 3600 * 1000);
  *from = oi->t_ms[i];
  *to = i + 1 < oi->n ? MIN (oi->t_ms[i + 1], *from + spacing) : *from + spacing;
  return t < *to;
}

static gboolean
ps_chart_pane_price_scale (PsChartPane  *self,
                           PsValueScale *scale)
{
  PsMarketSource *source = _ps_chart_pane_get_source (self);
  PsChartStyle style;
  PsRect rect = { 0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)) };

  if (source == NULL)
    return FALSE;
  _ps_chart_pane_get_style (self, &style);
  return ps_render_price_scale (&rect, _ps_chart_pane_get_axis (self),
                                ps_market_source_get_candles (source),
                                ps_market_source_get_shown_interval (source), &style, scale);
}

/* Whether y is on the candle at t (its wick, give or take the slop). */
static gboolean
ps_chart_pane_on_candle (PsChartPane        *self,
                         const PsValueScale *scale,
                         gint64              from,
                         double              y)
{
  PsCandles *c = ps_market_source_get_candles (_ps_chart_pane_get_source (self));
  guint i = ps_series_lower_bound (c->t_ms, c->n, from);

  if (i >= c->n || c->t_ms[i] != from)
    return FALSE;
  return y >= ps_value_scale_to_y (scale, ps_candles_high_at (c, i)) - HIT_SLOP_PX &&
         y <= ps_value_scale_to_y (scale, ps_candles_low_at (c, i)) + HIT_SLOP_PX;
}

static double
ps_heat_cell (const PsHeatmapGrid *g,
              guint                c,
              guint                b)
{
  gsize k = (gsize) c * g->n_bins + b;

  return (double) g->long_usd[k] + (double) g->short_usd[k];
}

/* The bright band of the heatmap at (t, price): the fullest bin within
 * slop of price, grown while its neighbours hold a good share of it. */
static gboolean
ps_chart_pane_heat_band_at (const PsHeatmapGrid *g,
                            gint64               t,
                            double               price,
                            double               slop,
                            double              *lo,
                            double              *hi)
{
  double w, v = 0;
  guint c, b = 0, b0, b1;
  int first, last;

  if (g == NULL || g->n_columns == 0 || g->n_bins == 0 || !(g->max_usd > 0) ||
      t < g->t_ms[0] || t >= g->end_ms || price < g->price_lo || price >= g->price_hi)
    return FALSE;

  c = ps_series_lower_bound (g->t_ms, g->n_columns, t + 1) - 1;
  w = (g->price_hi - g->price_lo) / g->n_bins;
  first = MAX (0, (int) floor ((price - slop - g->price_lo) / w));
  last = MIN ((int) g->n_bins - 1, (int) floor ((price + slop - g->price_lo) / w));
  for (int k = first; k <= last; k++)
    if (ps_heat_cell (g, c, k) > v)
      {
        v = ps_heat_cell (g, c, k);
        b = k;
      }
  if (v < HEAT_BAND_MIN * g->max_usd)
    return FALSE;

  b0 = b1 = b;
  while (b0 > 0 && b - b0 < HEAT_BAND_MAX_BINS && ps_heat_cell (g, c, b0 - 1) >= HEAT_BAND_RUN * v)
    b0--;
  while (b1 + 1 < g->n_bins && b1 - b < HEAT_BAND_MAX_BINS &&
         ps_heat_cell (g, c, b1 + 1) >= HEAT_BAND_RUN * v)
    b1++;
  *lo = g->price_lo + b0 * w;
  *hi = g->price_lo + (b1 + 1) * w;
  return TRUE;
}

/* A hot zone or a heatmap band under (x, y), while the heatmap is shown. */
static gboolean
ps_chart_pane_click_price_band (PsChartPane        *self,
                                const PsValueScale *scale,
                                gint64              t,
                                double              x,
                                double              y)
{
  PsSelection *selection = _ps_chart_pane_get_selection (self);
  const GArray *zones = _ps_chart_pane_get_zones (self);
  PsHeatmap *heatmap = _ps_chart_pane_get_heatmap (self);
  double price = ps_value_scale_from_y (scale, y);
  double slop = fabs (ps_value_scale_from_y (scale, y - HIT_SLOP_PX) - price);
  const PsHeatZone *label = NULL;
  double lo, hi;

  /* A zone's label first: what the user sees of it. */
  if (zones != NULL)
    {
      PsChartStyle style;
      PsRect rect = { 0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                      gtk_widget_get_height (GTK_WIDGET (self)) };

      _ps_chart_pane_get_style (self, &style);
      label = ps_render_heat_zone_at (&rect, scale, (const PsHeatZone *) (gconstpointer) zones->data,
                                      zones->len, &style, x, y);
    }
  if (label != NULL)
    {
      ps_selection_toggle_price_band (selection, PS_SELECTION_ELEMENT_HOT_ZONE,
                                      label->price_lo, label->price_hi);
      return TRUE;
    }

  for (guint i = 0; zones != NULL && i < zones->len; i++)
    {
      const PsHeatZone *z = &g_array_index (zones, PsHeatZone, i);

      if (price >= z->price_lo - slop && price <= z->price_hi + slop)
        {
          ps_selection_toggle_price_band (selection, PS_SELECTION_ELEMENT_HOT_ZONE,
                                          z->price_lo, z->price_hi);
          return TRUE;
        }
    }
  if (heatmap != NULL &&
      ps_chart_pane_heat_band_at (ps_heatmap_get_grid (heatmap), t, price, slop, &lo, &hi))
    {
      ps_selection_toggle_price_band (selection, PS_SELECTION_ELEMENT_HEATMAP, lo, hi);
      return TRUE;
    }
  return FALSE;
}

void
_ps_chart_pane_select_click (PsChartPane *self,
                             double       x,
                             double       y)
{
  PsSelection *selection = _ps_chart_pane_get_selection (self);
  PsTimeAxis *axis = _ps_chart_pane_get_axis (self);
  PsMarketSource *source = _ps_chart_pane_get_source (self);
  PsSelectionElement element = PS_SELECTION_ELEMENT_CANDLE;
  double width = _ps_chart_pane_get_plot_width (self);
  gint64 t, from, to;

  g_return_if_fail (PS_IS_CHART_PANE (self));

  if (selection == NULL || axis == NULL || x >= width)
    return;

  t = ps_time_axis_from_x (axis, x, width);
  ps_chart_pane_candle_period (self, t, &from, &to);

  switch (source != NULL ? ps_chart_pane_get_kind (self) : PS_CHART_PANE_TIME_LABELS)
    {
    case PS_CHART_PANE_PRICE:
      {
        PsValueScale scale;

        if (ps_chart_pane_price_scale (self, &scale) &&
            !ps_chart_pane_on_candle (self, &scale, from, y) &&
            ps_chart_pane_click_price_band (self, &scale, t, x, y))
          return;
      }
      break;

    case PS_CHART_PANE_FUNDING:
      if (ps_chart_pane_funding_period (ps_market_source_get_funding (source), t, &from, &to))
        element = PS_SELECTION_ELEMENT_FUNDING;
      break;

    case PS_CHART_PANE_OPEN_INTEREST:
      if (ps_chart_pane_oi_period (ps_market_source_get_open_interest (source), t, &from, &to))
        element = PS_SELECTION_ELEMENT_OPEN_INTEREST;
      break;

    case PS_CHART_PANE_LIQUIDATIONS:
      element = PS_SELECTION_ELEMENT_LIQUIDATIONS;
      break;

    case PS_CHART_PANE_TIME_LABELS:
    default:
      break;
    }

  ps_selection_toggle_period (selection, element, from, to);
}

void
_ps_chart_pane_select_range (PsChartPane *self,
                             double       x0,
                             double       x1)
{
  PsSelection *selection = _ps_chart_pane_get_selection (self);
  PsTimeAxis *axis = _ps_chart_pane_get_axis (self);
  double width = _ps_chart_pane_get_plot_width (self);
  gint64 a, b, unused;

  g_return_if_fail (PS_IS_CHART_PANE (self));

  if (selection == NULL || axis == NULL)
    return;
  x0 = CLAMP (x0, 0, width);
  x1 = CLAMP (x1, 0, width);
  a = ps_time_axis_from_x (axis, MIN (x0, x1), width);
  b = ps_time_axis_from_x (axis, MAX (x0, x1), width);
  /* Whole candles: the numbers then are those of candles, not of a part
   * of the first and the last. */
  ps_chart_pane_candle_period (self, a, &a, &unused);
  ps_chart_pane_candle_period (self, b - 1, &unused, &b);
  ps_selection_select_range (selection, a, b);
}

gboolean
_ps_chart_pane_select_drag_wanted (PsChartPane    *self,
                                   GtkGestureDrag *drag)
{
  GdkModifierType state;

  g_return_val_if_fail (PS_IS_CHART_PANE (self), FALSE);

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (drag));
  return (state & GDK_SHIFT_MASK) != 0;
}

static gboolean
ps_chart_pane_escape_cb (GtkWidget *widget,
                         GVariant  *args,
                         gpointer   user_data)
{
  PsSelection *selection = _ps_chart_pane_get_selection (PS_CHART_PANE (widget));

  /* Nothing to clear: the window may want Escape. */
  if (selection == NULL || ps_selection_get_kind (selection) == PS_SELECTION_NONE)
    return FALSE;
  ps_selection_clear (selection);
  return TRUE;
}

void
_ps_chart_pane_add_select (PsChartPane *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  g_return_if_fail (PS_IS_CHART_PANE (self));

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (ps_chart_pane_escape_cb,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

void
_ps_chart_pane_draw_selection (PsChartPane        *self,
                               cairo_t            *cr,
                               const PsRect       *rect,
                               const PsChartStyle *style)
{
  PsSelection *selection = _ps_chart_pane_get_selection (self);
  PsTimeAxis *axis = _ps_chart_pane_get_axis (self);
  double low, high;

  g_return_if_fail (PS_IS_CHART_PANE (self));

  if (selection == NULL || axis == NULL)
    return;

  if (ps_selection_has_period (selection))
    {
      ps_render_selection (cr, rect, axis, ps_selection_get_from_ms (selection),
                           ps_selection_get_to_ms (selection), style);
      return;
    }
  if (ps_selection_get_kind (selection) != PS_SELECTION_PRICE_BAND)
    return;

  low = ps_selection_get_price_low (selection);
  high = ps_selection_get_price_high (selection);
  switch (ps_chart_pane_get_kind (self))
    {
    case PS_CHART_PANE_PRICE:
      {
        PsValueScale scale;

        if (ps_chart_pane_price_scale (self, &scale))
          ps_render_price_band (cr, rect, &scale, low, high, style);
      }
      break;

    case PS_CHART_PANE_LIQUIDATIONS:
      {
        PsRecordedLiquidations recorded;
        PsPredictedLiquidations predicted;
        gboolean with_predicted = _ps_chart_pane_get_predicted_liq (self, &predicted);

        _ps_chart_pane_get_recorded_liq (self, &recorded);
        ps_render_liquidations_band (cr, rect, axis, &recorded,
                                     with_predicted ? &predicted : NULL,
                                     ps_chart_pane_interval (self), low, high, style);
      }
      break;

    case PS_CHART_PANE_OPEN_INTEREST:
    case PS_CHART_PANE_FUNDING:
    case PS_CHART_PANE_TIME_LABELS:
    default:
      break;   /* a band of prices has no place on these */
    }
}
