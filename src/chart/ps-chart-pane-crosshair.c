/* ps-chart-pane-crosshair.c: what a pane draws over its cached node: the
 * crosshair, its chips, the hovered values, and why stretches are empty
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ps-chart-pane-private.h"
#include "ps-levels.h"
#include "ps-time.h"

/* The pane's value scale as its data layer drew it, and the unit of its
 * axis labels; FALSE when the pane draws none. */
static gboolean
ps_pane_crosshair_scale (const PsPaneCrosshair *c,
                         const PsRect          *rect,
                         const PsChartStyle    *style,
                         PsValueScale          *scale,
                         PsCrosshairUnit       *unit)
{
  PsMarketSource *source = c->source;
  PsInterval interval = ps_market_source_get_shown_interval (source);
  PsRecordedLiquidations none = { NULL, NULL, 0 };
  const PsChartPaneOptions *o = c->options;
  /* The options the data layer drew with: the same scale, to the pixel. */
  PsPriceLayers layers = {
    .log_scale = o != NULL && o->log_scale,
    .show_volume = o != NULL && o->show_volume,
  };
  PsOpenInterestOptions oi = { o != NULL ? o->oi_unit : PS_OI_UNIT_USD, o != NULL && o->oi_delta,
                               NULL };
  PsFundingOptions funding = { o != NULL && o->funding_annualised, NULL, 0 };
  g_autoptr(GArray) venues = NULL;

  switch (c->kind)
    {
    case PS_CHART_PANE_PRICE:
      *unit = PS_CROSSHAIR_PRICE;
      return ps_render_price_layers_scale (rect, c->axis, ps_market_source_get_candles (source),
                                           interval, &layers, style, scale);
    case PS_CHART_PANE_OPEN_INTEREST:
      *unit = oi.unit == PS_OI_UNIT_COIN ? PS_CROSSHAIR_QUANTITY : PS_CROSSHAIR_USD;
      if (o != NULL && _ps_chart_pane_oi_by_venue (o, source, &venues))
        return ps_render_open_interest_stack_scale (rect, c->axis,
                                                    _PS_VENUE_SERIES (venues), venues->len,
                                                    style, scale);
      return ps_render_open_interest_options_scale (rect, c->axis,
                                                    ps_market_source_get_open_interest (source),
                                                    &oi, style, scale);
    case PS_CHART_PANE_FUNDING:
      *unit = funding.annualised ? PS_CROSSHAIR_PERCENT_ANNUAL : PS_CROSSHAIR_PERCENT;
      if (o != NULL && _ps_chart_pane_funding_by_venue (o, source, &venues))
        return ps_render_funding_compare_scale (rect, c->axis,
                                                _PS_VENUE_SERIES (venues), venues->len,
                                                funding.annualised, style, scale);
      return ps_render_funding_options_scale (rect, c->axis, ps_market_source_get_funding (source),
                                              &funding, style, scale);
    case PS_CHART_PANE_LIQUIDATIONS:
      *unit = PS_CROSSHAIR_USD_MAGNITUDE;
      return ps_render_liquidations_with_predicted_scale (rect, c->axis,
                                                          c->liquidations ? c->liquidations
                                                                          : &none,
                                                          c->predicted, interval, style, scale);
    case PS_CHART_PANE_TIME_LABELS:
    default:
      return FALSE;
    }
}

static gboolean
ps_pane_crosshair_header (const PsPaneCrosshair *c,
                          const PsChartStyle    *style,
                          PsCrosshairHeader     *header)
{
  PsMarketSource *source = c->source;
  PsInterval interval = ps_market_source_get_shown_interval (source);

  switch (c->kind)
    {
    case PS_CHART_PANE_PRICE:
      return ps_crosshair_header_price (header, ps_market_source_get_candles (source), interval,
                                        c->cursor_ms, style);
    case PS_CHART_PANE_OPEN_INTEREST:
      if (c->options != NULL && c->options->oi_unit == PS_OI_UNIT_COIN)
        {
          PsOpenInterest coins;

          ps_open_interest_get_contracts_view (ps_market_source_get_open_interest (source), &coins);
          return ps_crosshair_header_open_interest_in (header, &coins, PS_CROSSHAIR_QUANTITY,
                                                       c->cursor_ms, style);
        }
      return ps_crosshair_header_open_interest (header,
                                                ps_market_source_get_open_interest (source),
                                                c->cursor_ms, style);
    case PS_CHART_PANE_FUNDING:
      return ps_crosshair_header_funding_in (header, ps_market_source_get_funding (source),
                                             c->options != NULL && c->options->funding_annualised,
                                             c->cursor_ms, style);
    case PS_CHART_PANE_LIQUIDATIONS:
      {
        gboolean any = ps_crosshair_header_liquidations (header, c->liquidations, interval,
                                                         c->cursor_ms, style);
        g_autofree char *predicted = NULL;

        /* Outside the model's candles it predicted nothing: no "$0" claim. */
        if (c->predicted == NULL || c->predicted->n == 0 ||
            c->cursor_ms < c->predicted->t_ms[0] ||
            c->cursor_ms >= c->predicted->t_ms[c->predicted->n - 1] + ps_interval_to_ms (interval))
          return any;
        /* The bars drawn beside the recorded ones: their numbers too. */
        if (!any)
          header->n_parts = 0;
        predicted = ps_render_predicted_readout (c->predicted, interval, c->cursor_ms);
        ps_crosshair_header_add (header, any ? "  ·  " : "", NULL);
        ps_crosshair_header_add (header, predicted, NULL);
        return TRUE;
      }
    case PS_CHART_PANE_TIME_LABELS:
    default:
      return FALSE;
    }
}

void
_ps_chart_pane_draw_crosshair (cairo_t               *cr,
                               const PsRect          *rect,
                               const PsChartStyle    *style,
                               const PsPaneCrosshair *c)
{
  PsCrosshair crosshair = { c->cursor_ms, NAN, NULL, PS_CROSSHAIR_PRICE, NULL, NULL };
  PsCrosshairHeader header;
  PsValueScale scale;

  if (c->kind == PS_CHART_PANE_TIME_LABELS)
    {
      ps_render_time_chip (cr, rect, c->axis, c->cursor_ms, style);
      return;
    }
  if (c->source == NULL)
    {
      ps_render_cursor (cr, rect, c->axis, c->cursor_ms, style);
      return;
    }

  /* The horizontal line in the pane the pointer is in only: a y means
   * nothing on another pane's scale. */
  if (isfinite (c->pointer_y))
    {
      crosshair.y = c->pointer_y;
      if (ps_pane_crosshair_scale (c, rect, style, &scale, &crosshair.unit))
        crosshair.scale = &scale;
    }
  if (ps_pane_crosshair_header (c, style, &header))
    {
      crosshair.title = c->title;
      crosshair.header = &header;
    }
  ps_render_crosshair (cr, rect, c->axis, &crosshair, style);
}

/* Empty stretches ---------------------------------------------------------- */

static PsSeriesKind
ps_pane_kind_series (PsChartPaneKind kind)
{
  switch (kind)
    {
    case PS_CHART_PANE_PRICE:         return PS_SERIES_CANDLES;
    case PS_CHART_PANE_OPEN_INTEREST: return PS_SERIES_OPEN_INTEREST;
    case PS_CHART_PANE_FUNDING:       return PS_SERIES_FUNDING;
    case PS_CHART_PANE_LIQUIDATIONS:  /* its hatching says "not recorded" */
    case PS_CHART_PANE_TIME_LABELS:
    default:                          return 0;
    }
}

char *
_ps_chart_pane_empty_label (const PsEmptySpan *span,
                            const char        *venue_name,
                            gboolean           loading,
                            gboolean           utc)
{
  g_autofree char *when = NULL;
  guint days;

  switch (span->reason)
    {
    case PS_EMPTY_BEFORE_START:
      when = ps_time_format (span->detail_ms, utc);
      return g_strdup_printf (_("No data before %s: the market’s history starts here"), when);

    case PS_EMPTY_PAST_HORIZON:
      days = (guint) MAX (1, (span->detail_ms + 12 * 3600 * 1000) / (24 * 3600 * 1000));
      if (span->kind == PS_SERIES_OPEN_INTEREST)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s keeps %u day of open-interest history",
                                             "%s keeps %u days of open-interest history", days),
                                venue_name, days);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s keeps %u day of history",
                                           "%s keeps %u days of history", days),
                              venue_name, days);

    case PS_EMPTY_NOT_FETCHED:
      /* Not loading: the banner says why the fetch failed; no guess here. */
      return loading ? g_strdup (_("Loading…")) : NULL;

    default:
      return NULL;
    }
}

/* The same in a few words, for a narrow band: "No data before May 25". */
char *
_ps_chart_pane_empty_short_label (const PsEmptySpan *span,
                                  gboolean           loading,
                                  gboolean           utc)
{
  g_autoptr(GDateTime) t = NULL;
  g_autofree char *day = NULL;
  guint days;

  switch (span->reason)
    {
    case PS_EMPTY_BEFORE_START:
      t = g_date_time_new_from_unix_utc (span->detail_ms / 1000);
      if (!utc)
        {
          GDateTime *local = g_date_time_to_local (t);

          g_date_time_unref (t);
          t = local;
        }
      /* Translators: a month and day, as in "No data before May 25" or under
       * the chart; strftime () notation: "%-d. %b" reads "25. Mai". */
      day = g_date_time_format (t, _("%b %-d"));
      return g_strdup_printf (_("No data before %s"), day);

    case PS_EMPTY_PAST_HORIZON:
      days = (guint) MAX (1, (span->detail_ms + 12 * 3600 * 1000) / (24 * 3600 * 1000));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Kept %u day", "Kept %u days", days),
                              days);

    case PS_EMPTY_NOT_FETCHED:
      return loading ? g_strdup (_("Loading…")) : NULL;

    default:
      return NULL;
    }
}

void
_ps_chart_pane_draw_empty (cairo_t            *cr,
                           const PsRect       *rect,
                           const PsChartStyle *style,
                           PsChartPaneKind     kind,
                           PsMarketSource     *source,
                           PsTimeAxis         *axis)
{
  PsSeriesKind series = ps_pane_kind_series (kind);
  gboolean loading;
  GArray *spans;
  g_autoptr(GArray) bands = NULL;
  g_autoptr(GPtrArray) labels = NULL;

  if (source == NULL || series == 0 || ps_market_source_get_is_demo (source))
    return;

  spans = ps_market_source_get_empty_spans (source);
  loading = ps_market_source_get_loading (source);
  bands = g_array_new (FALSE, FALSE, sizeof (PsEmptyBand));
  labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < spans->len; i++)
    {
      const PsEmptySpan *span = &g_array_index (spans, PsEmptySpan, i);
      PsEmptyBand band;
      char *label;

      if (span->kind != series)
        continue;
      label = _ps_chart_pane_empty_label (span, ps_market_source_get_shown_venue_name (source),
                                          loading, ps_time_axis_get_utc (axis));
      /* A stretch with nothing to say about it is left as the pane drew it. */
      if (label == NULL)
        continue;
      g_ptr_array_add (labels, label);
      band = (PsEmptyBand) { span->from_ms, span->to_ms, label, NULL };
      band.short_label = _ps_chart_pane_empty_short_label (span, loading,
                                                           ps_time_axis_get_utc (axis));
      if (band.short_label != NULL)
        g_ptr_array_add (labels, (char *) band.short_label);
      g_array_append_val (bands, band);
    }
  ps_render_empty_bands (cr, rect, axis, (const PsEmptyBand *) (gconstpointer) bands->data,
                         bands->len, style);
}
