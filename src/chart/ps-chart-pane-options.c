/* ps-chart-pane-options.c: what a pane draws besides its data, as
 * properties the window binds to its settings: the price style, log scale
 * and volume; open interest in USD or coins, as a line or ΔOI bars;
 * funding per settlement or annualised, with the venue's next rate and a
 * countdown that ticks each minute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-chart-pane-private.h"
#include "ps-time.h"

G_DEFINE_ENUM_TYPE (PsPriceStyle, ps_price_style,
  G_DEFINE_ENUM_VALUE (PS_PRICE_CANDLES, "candles"),
  G_DEFINE_ENUM_VALUE (PS_PRICE_OHLC, "ohlc"),
  G_DEFINE_ENUM_VALUE (PS_PRICE_LINE, "line"))

G_DEFINE_ENUM_TYPE (PsOiUnit, ps_oi_unit,
  G_DEFINE_ENUM_VALUE (PS_OI_UNIT_USD, "usd"),
  G_DEFINE_ENUM_VALUE (PS_OI_UNIT_COIN, "coin"))

enum {
  OPT_PRICE_STYLE,
  OPT_LOG_SCALE,
  OPT_SHOW_VOLUME,
  OPT_OI_UNIT,
  OPT_OI_DELTA,
  OPT_FUNDING_ANNUALISED,
  OPT_OI_BY_VENUE,
  OPT_FUNDING_BY_VENUE,
  N_OPTS
};

static GParamSpec *options[N_OPTS];
static guint first_prop_id;

void
_ps_chart_pane_install_options (GObjectClass *object_class,
                                guint         first_id)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  first_prop_id = first_id;
  options[OPT_PRICE_STYLE] =
    g_param_spec_enum ("price-style", NULL, NULL, PS_TYPE_PRICE_STYLE, PS_PRICE_CANDLES, flags);
  options[OPT_LOG_SCALE] = g_param_spec_boolean ("log-scale", NULL, NULL, FALSE, flags);
  options[OPT_SHOW_VOLUME] = g_param_spec_boolean ("show-volume", NULL, NULL, FALSE, flags);
  options[OPT_OI_UNIT] =
    g_param_spec_enum ("oi-unit", NULL, NULL, PS_TYPE_OI_UNIT, PS_OI_UNIT_USD, flags);
  options[OPT_OI_DELTA] = g_param_spec_boolean ("oi-delta", NULL, NULL, FALSE, flags);
  options[OPT_FUNDING_ANNUALISED] =
    g_param_spec_boolean ("funding-annualised", NULL, NULL, FALSE, flags);
  options[OPT_OI_BY_VENUE] = g_param_spec_boolean ("oi-by-venue", NULL, NULL, FALSE, flags);
  options[OPT_FUNDING_BY_VENUE] =
    g_param_spec_boolean ("funding-by-venue", NULL, NULL, FALSE, flags);
  for (guint i = 0; i < N_OPTS; i++)
    g_object_class_install_property (object_class, first_id + i, options[i]);
}

/* Whether option i changes what a pane of kind draws. */
static gboolean
ps_option_draws_in (guint           i,
                    PsChartPaneKind kind)
{
  switch (i)
    {
    case OPT_PRICE_STYLE:
    case OPT_LOG_SCALE:
    case OPT_SHOW_VOLUME:
      return kind == PS_CHART_PANE_PRICE;
    case OPT_OI_UNIT:
    case OPT_OI_DELTA:
    case OPT_OI_BY_VENUE:
      return kind == PS_CHART_PANE_OPEN_INTEREST;
    case OPT_FUNDING_ANNUALISED:
    case OPT_FUNDING_BY_VENUE:
      return kind == PS_CHART_PANE_FUNDING;
    default:
      return FALSE;
    }
}

gboolean
_ps_chart_pane_get_option (PsChartPane *self,
                           guint        prop_id,
                           GValue      *value)
{
  const PsChartPaneOptions *o = _ps_chart_pane_get_options (self);

  switch (prop_id - first_prop_id)
    {
    case OPT_PRICE_STYLE: g_value_set_enum (value, o->price_style); return TRUE;
    case OPT_LOG_SCALE: g_value_set_boolean (value, o->log_scale); return TRUE;
    case OPT_SHOW_VOLUME: g_value_set_boolean (value, o->show_volume); return TRUE;
    case OPT_OI_UNIT: g_value_set_enum (value, o->oi_unit); return TRUE;
    case OPT_OI_DELTA: g_value_set_boolean (value, o->oi_delta); return TRUE;
    case OPT_FUNDING_ANNUALISED: g_value_set_boolean (value, o->funding_annualised); return TRUE;
    case OPT_OI_BY_VENUE: g_value_set_boolean (value, o->oi_by_venue); return TRUE;
    case OPT_FUNDING_BY_VENUE: g_value_set_boolean (value, o->funding_by_venue); return TRUE;
    default: return FALSE;
    }
}

gboolean
_ps_chart_pane_set_option (PsChartPane  *self,
                           guint         prop_id,
                           const GValue *value)
{
  PsChartPaneOptions *o = _ps_chart_pane_get_options (self);
  guint i = prop_id - first_prop_id;
  int *field;
  int v;

  switch (i)
    {
    case OPT_PRICE_STYLE: field = (int *) &o->price_style; v = g_value_get_enum (value); break;
    case OPT_LOG_SCALE: field = &o->log_scale; v = g_value_get_boolean (value); break;
    case OPT_SHOW_VOLUME: field = &o->show_volume; v = g_value_get_boolean (value); break;
    case OPT_OI_UNIT: field = (int *) &o->oi_unit; v = g_value_get_enum (value); break;
    case OPT_OI_DELTA: field = &o->oi_delta; v = g_value_get_boolean (value); break;
    case OPT_FUNDING_ANNUALISED:
      field = &o->funding_annualised; v = g_value_get_boolean (value); break;
    case OPT_OI_BY_VENUE: field = &o->oi_by_venue; v = g_value_get_boolean (value); break;
    case OPT_FUNDING_BY_VENUE:
      field = &o->funding_by_venue; v = g_value_get_boolean (value); break;
    default: return FALSE;
    }

  if (*field == v)
    return TRUE;
  *field = v;
  g_object_notify_by_pspec (G_OBJECT (self), options[i]);
  /* Every pane gets every option from the window: only its own redraw it. */
  if (ps_option_draws_in (i, ps_chart_pane_get_kind (self)))
    ps_chart_pane_invalidate (self);
  return TRUE;
}

void
_ps_chart_pane_fill_price_layers (PsChartPane   *self,
                                  PsPriceLayers *layers)
{
  const PsChartPaneOptions *o = _ps_chart_pane_get_options (self);

  layers->price_style = o->price_style;
  layers->log_scale = o->log_scale;
  layers->show_volume = o->show_volume;
}

/* "BTC" of "BTCUSDT", "BTC-USDT-SWAP", "BTCUSD_PERP": the base the venue
 * counts contracts in. */
static char *
ps_base_of_symbol (const char *symbol)
{
  static const char *quotes[] = { "USDT", "USDC", "BUSD", "USD" };
  gsize n = strcspn (symbol, "-_/:");

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      gsize q = strlen (quotes[i]);

      if (n > q && strncmp (symbol + n - q, quotes[i], q) == 0)
        return g_strndup (symbol, n - q);
    }
  return g_strndup (symbol, n);
}

static gboolean
ps_chart_pane_by_venue (gboolean         wanted,
                        PsMarketSource  *source,
                        GArray         **venues)
{
  g_autoptr(PsMarketSnapshot) snapshot = NULL;

  if (!wanted || source == NULL || ps_market_source_get_parts (source) == NULL)
    return FALSE;
  if (venues != NULL)
    {
      snapshot = ps_market_source_get_snapshot (source);
      *venues = ps_venue_series_from_snapshot (snapshot);
    }
  return TRUE;
}

gboolean
_ps_chart_pane_oi_by_venue (const PsChartPaneOptions  *o,
                            PsMarketSource            *source,
                            GArray                   **venues)
{
  /* Venues count contracts in units of their own: stacked in USD only. */
  return ps_chart_pane_by_venue (o->oi_by_venue && o->oi_unit == PS_OI_UNIT_USD && !o->oi_delta,
                                 source, venues);
}

gboolean
_ps_chart_pane_funding_by_venue (const PsChartPaneOptions  *o,
                                 PsMarketSource            *source,
                                 GArray                   **venues)
{
  return ps_chart_pane_by_venue (o->funding_by_venue, source, venues);
}

char *
_ps_chart_pane_draw_open_interest (PsChartPane        *self,
                                   PsMarketSource     *source,
                                   cairo_t            *cr,
                                   const PsRect       *rect,
                                   const PsChartStyle *style)
{
  const PsChartPaneOptions *o = _ps_chart_pane_get_options (self);
  g_autofree char *coin = ps_base_of_symbol (ps_market_source_get_shown_symbol (source));
  PsOpenInterestOptions oi = { o->oi_unit, o->oi_delta, coin };
  g_autoptr(GArray) venues = NULL;
  char *title;

  /* The venues' series are the snapshot's, which the source keeps until
   * it changes: drawn before then. */
  if (_ps_chart_pane_oi_by_venue (o, source, &venues))
    {
      title = ps_render_open_interest_stack_title ();
      ps_render_open_interest_stack (cr, rect, _ps_chart_pane_get_axis (self),
                                     _PS_VENUE_SERIES (venues), venues->len, title, style);
      return title;
    }
  title = ps_render_open_interest_title (&oi);

  ps_render_open_interest_with_options (cr, rect, _ps_chart_pane_get_axis (self),
                                        ps_market_source_get_open_interest (source), &oi, title,
                                        style);
  return title;
}

static gboolean
ps_chart_pane_minute_cb (gpointer user_data)
{
  PsChartPane *self = user_data;

  g_assert (PS_IS_CHART_PANE (self));

  _ps_chart_pane_get_options (self)->minute_source = 0;
  ps_chart_pane_invalidate (self);
  return G_SOURCE_REMOVE;
}

/* The countdown says minutes: one redraw of this pane at the next minute,
 * not a frame clock. */
static void
ps_chart_pane_schedule_minute (PsChartPane *self,
                               gint64       now_ms)
{
  PsChartPaneOptions *o = _ps_chart_pane_get_options (self);
  gint64 wait_ms = 60 * 1000 - now_ms % (60 * 1000) + 50;

  if (o->minute_source != 0)
    return;
  o->minute_source = g_timeout_add_full (G_PRIORITY_LOW, (guint) wait_ms,
                                         ps_chart_pane_minute_cb, self, NULL);
}

char *
_ps_chart_pane_draw_funding (PsChartPane        *self,
                             PsMarketSource     *source,
                             cairo_t            *cr,
                             const PsRect       *rect,
                             const PsChartStyle *style)
{
  const PsChartPaneOptions *o = _ps_chart_pane_get_options (self);
  PsFunding *funding = ps_market_source_get_funding (source);
  PsFundingNext next;
  PsFundingOptions funding_options = { o->funding_annualised, NULL, ps_time_now_ms () };
  g_autofree char *period = ps_render_funding_title (funding);
  g_autoptr(GArray) venues = NULL;
  char *title = NULL;

  if (_ps_chart_pane_funding_by_venue (o, source, &venues))
    {
      title = ps_render_funding_compare_title (o->funding_annualised);
      ps_render_funding_compare (cr, rect, _ps_chart_pane_get_axis (self),
                                 _PS_VENUE_SERIES (venues), venues->len, o->funding_annualised,
                                 title, style);
      return title;
    }
  if (ps_market_source_get_next_funding (source, &next.rate, &next.next_ms))
    {
      funding_options.next = &next;
      ps_chart_pane_schedule_minute (self, funding_options.now_ms);
    }
  title = o->funding_annualised ? g_strdup_printf (_("%s, annualised"), period)
                                : g_steal_pointer (&period);
  ps_render_funding_with_options (cr, rect, _ps_chart_pane_get_axis (self), funding,
                                  &funding_options, title, style);
  return title;
}

void
_ps_chart_pane_clear_options (PsChartPane *self)
{
  g_clear_handle_id (&_ps_chart_pane_get_options (self)->minute_source, g_source_remove);
}
