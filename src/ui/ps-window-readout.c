/* ps-window-readout.c: the line under the panes, the values at one time
 *
 * Each value is of the time the line starts with, or a dash: never the
 * latest of a series beside the time of another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ps-cache.h"
#include "ps-time.h"
#include "ps-window-private.h"

void
_ps_window_get_recorded_liquidations (PsWindow               *self,
                                      PsRecordedLiquidations *liq)
{
  GArray *not_recorded = ps_market_source_get_not_recorded (self->source);

  /* The store's PsRange and the chart's PsTimeSpan share their layout. */
  G_STATIC_ASSERT (sizeof (PsRange) == sizeof (PsTimeSpan));
  *liq = (PsRecordedLiquidations) {
    ps_market_source_get_liquidations (self->source),
    (const PsTimeSpan *) (gconstpointer) not_recorded->data,
    not_recorded->len,
  };
}

/* The readout under the panes: values at the pointer, else at the selected
 * period, else the latest candle. */
void
_ps_window_update_readout (PsWindow *self)
{
  PsCandles *candles = ps_market_source_get_candles (self->source);
  PsFunding *funding = ps_market_source_get_funding (self->source);
  PsOpenInterest *oi = ps_market_source_get_open_interest (self->source);
  PsInterval interval = ps_market_source_get_shown_interval (self->source);
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 t = ps_selection_get_cursor_ms (self->selection);
  guint i;

  if (t == PS_TIME_NONE)
    t = ps_selection_get_from_ms (self->selection);
  if (t == PS_TIME_NONE && candles->n > 0)
    t = candles->t_ms[candles->n - 1];
  if (t == PS_TIME_NONE)
    {
      gtk_label_set_text (self->readout_label, _("No data in this range"));
      return;
    }


  /* The candle holding t, if there is one (gaps stay gaps). */
  i = ps_series_lower_bound (candles->t_ms, candles->n, ps_interval_floor (interval, t));
  {
    g_autofree char *when = ps_time_format (ps_interval_floor (interval, t),
                                            ps_time_axis_get_utc (self->axis));

    g_string_append (text, when);
  }
  if (i < candles->n && candles->t_ms[i] == ps_interval_floor (interval, t))
    {
      g_autofree char *o = ps_format_price (ps_candles_open_at (candles, i));
      g_autofree char *h = ps_format_price (ps_candles_high_at (candles, i));
      g_autofree char *l = ps_format_price (ps_candles_low_at (candles, i));
      g_autofree char *c = ps_format_price (ps_candles_close_at (candles, i));
      double change = (ps_candles_close_at (candles, i) /
                       ps_candles_open_at (candles, i) - 1.0) * 100.0;

      /* Translators: the read-out under the chart: the candle's open, high, low and close
       * prices, abbreviated O H L C as trading charts do, then its change in percent; keep the
       * leading spaces */
      g_string_append_printf (text, _("   O %s  H %s  L %s  C %s  (%+.2f%%)"), o, h, l, c, change);
    }

  /* Open interest at t, or a dash: while the market loads, the last value
   * known may be days older than the candles. */
  {
    g_autofree char *oi_text = ps_render_open_interest_readout (oi, t);

    if (oi_text != NULL)
      g_string_append_printf (text, "   ·   %s", oi_text);
  }

  /* Funding: the last settlement at or before t, while its period lasts
   * (half a period more for a late row); past that, a dash rather than the
   * rate of another day (the market still loading, or a gap). */
  {
    double per_year = ps_funding_settlements_per_year (funding);
    gint64 period_ms = per_year > 0 ? (gint64) (365.0 * 24 * 3600 * 1000 / per_year)
                                    : 8 * 3600 * (gint64) 1000;

    i = ps_series_lower_bound (funding->t_ms, funding->n, t + 1);
    if (i > 0 && t - funding->t_ms[i - 1] <= period_ms + period_ms / 2)
      {
        g_autofree char *rate = ps_format_percent (funding->rate[i - 1], 4);

        g_string_append_printf (text, _("   ·   Funding %s"), rate);
      }
    else if (funding->n > 0)
      g_string_append (text, _("   ·   Funding —"));
  }

  /* Liquidations of the candle (the demo has none recorded: it says so). */
  {
    PsRecordedLiquidations liq;
    g_autofree char *liq_text = NULL;

    _ps_window_get_recorded_liquidations (self, &liq);
    liq_text = ps_render_liquidations_readout (&liq, interval, t);
    g_string_append_printf (text, "   ·   %s", liq_text);
  }
  _ps_window_append_analysis (self, text, interval, t);

  gtk_label_set_text (self->readout_label, text->str);
  /* A narrow window ellipsizes the line: the whole of it on hover. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->readout_label), text->str);
}
