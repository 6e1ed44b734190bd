/* ps-binance.c: Binance USDⓈ-M futures, public market data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ps-binance.h"
#include "ps-binance-parse.h"
#include "ps-net-error.h"

#define PS_BINANCE_VENUE          "binance"
#define PS_BINANCE_DISPLAY_NAME   "Binance"
#define PS_BINANCE_ENV_REST       "PERPSCOPE_BINANCE_REST"
#define PS_BINANCE_ENV_WS         "PERPSCOPE_BINANCE_WS"
#define PS_BINANCE_INVALID_SYMBOL (-1121)

/* Rows per request, the most each endpoint allows. */
#define PS_BINANCE_CANDLES_LIMIT       1500
#define PS_BINANCE_FUNDING_LIMIT       1000
#define PS_BINANCE_OPEN_INTEREST_LIMIT 500

/* openInterestHist serves the latest month only ("latest 30 days"). */
#define PS_BINANCE_OPEN_INTEREST_HORIZON_MS (G_GINT64_CONSTANT (30) * 24 * 3600 * 1000)

struct _PsBinance
{
  PsRestProvider  parent_instance;

  char           *ws_base;   /* no trailing '/'; the liquidation streams use it */
};

enum
{
  PROP_0,
  PROP_WS_BASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void ps_binance_provider_iface_init (PsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsBinance, ps_binance, PS_TYPE_REST_PROVIDER,
                               G_IMPLEMENT_INTERFACE (PS_TYPE_PROVIDER,
                                                      ps_binance_provider_iface_init))

/* Binance's names for our intervals happen to be ours. */
static const char *
ps_binance_interval (PsInterval interval)
{
  return interval > PS_INTERVAL_NONE && interval < PS_N_INTERVALS
         ? ps_interval_to_string (interval)
         : NULL;
}

/* openInterestHist has no 1m period: 5m is the finest. */
static PsInterval
ps_binance_open_interest_interval (PsInterval interval)
{
  return interval == PS_INTERVAL_1M ? PS_INTERVAL_5M : interval;
}

/* A non-2xx answer in words: the venue's envelope where it sent one. A 5xx
 * stays HTTP_STATUS (Binance's side failed, later may work) and carries the
 * envelope's message; a 4xx envelope is the venue's verdict on the request. */
GError *
ps_binance_status_error (const PsRestVenue *venue,
                         GBytes            *body,
                         guint              status,
                         const char        *symbol)
{
  g_autofree char *message = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  gint code;

  if (!ps_binance_parse_error_envelope (data, length, &code, &message))
    return g_error_new (PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS,
                        _("%s answered HTTP %u (%s)"),
                        venue->display_name, status, soup_status_get_phrase (status));

  if (code == PS_BINANCE_INVALID_SYMBOL)
    return ps_rest_unknown_symbol (venue, symbol);

  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    return g_error_new (PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS,
                        _("%s answered HTTP %u (%s): %s (code %d)"),
                        venue->display_name, status, soup_status_get_phrase (status),
                        message, code);

  return g_error_new (PS_NET_ERROR, PS_NET_ERROR_VENUE,
                      _("%s: %s (code %d)"), venue->display_name, message, code);
}

/* The request's URI and weight, or an error for what Binance cannot serve. */
static char *
ps_binance_page_uri (gpointer              provider,
                     const PsPageRequest  *request,
                     double               *weight,
                     GError              **error)
{
  const char *rest_base = ps_rest_provider_get_rest_base (PS_REST_PROVIDER (provider));
  g_autofree char *symbol = g_uri_escape_string (request->symbol, NULL, FALSE);
  const char *interval = ps_binance_interval (request->interval);
  gint64 end_ms = request->to_ms - 1;   /* Binance's endTime is inclusive */

  *weight = 1;
  switch (request->kind)
    {
    case PS_SERIES_CANDLES:
      if (interval == NULL)
        break;
      /* limit 1000 would cost 5, 1500 costs 10: fewer, fuller pages win. */
      *weight = 10;
      return g_strdup_printf ("%s/fapi/v1/klines?symbol=%s&interval=%s"
                              "&startTime=%" G_GINT64_FORMAT "&endTime=%" G_GINT64_FORMAT
                              "&limit=%d",
                              rest_base, symbol, interval, request->from_ms, end_ms,
                              PS_BINANCE_CANDLES_LIMIT);

    case PS_SERIES_FUNDING:
      return g_strdup_printf ("%s/fapi/v1/fundingRate?symbol=%s"
                              "&startTime=%" G_GINT64_FORMAT "&endTime=%" G_GINT64_FORMAT
                              "&limit=%d",
                              rest_base, symbol, request->from_ms, end_ms,
                              PS_BINANCE_FUNDING_LIMIT);

    case PS_SERIES_OPEN_INTEREST:
      interval = ps_binance_interval (ps_binance_open_interest_interval (request->interval));
      if (interval == NULL)
        break;
      return g_strdup_printf ("%s/futures/data/openInterestHist?symbol=%s&period=%s"
                              "&startTime=%" G_GINT64_FORMAT "&endTime=%" G_GINT64_FORMAT
                              "&limit=%d",
                              rest_base, symbol, interval, request->from_ms, end_ms,
                              PS_BINANCE_OPEN_INTEREST_LIMIT);

    default:
      break;
    }

  g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED,
               _("Binance has no %s at interval “%s”"),
               ps_series_kind_to_string (request->kind),
               ps_interval_to_string (request->interval < PS_N_INTERVALS ? request->interval
                                                                         : PS_INTERVAL_NONE));
  return NULL;
}

/* The parsers name the venue and the kind already; this adds the market. */
static char *
ps_binance_context (const PsPageRequest *request)
{
  switch (request->kind)
    {
    case PS_SERIES_CANDLES:
      return g_strdup_printf ("%s %s", request->symbol, ps_binance_interval (request->interval));
    case PS_SERIES_FUNDING:
      return g_strdup (request->symbol);
    case PS_SERIES_OPEN_INTEREST:
    default:
      return g_strdup_printf ("%s %s", request->symbol,
                              ps_binance_interval (ps_binance_open_interest_interval (request->interval)));
    }
}

/* The usual IP budget is 2400 weight a minute; 20 a second is half of it,
 * and a burst of 600 keeps the worst minute (600 + 60 × 20) at three
 * quarters: room for another Perpscope or a browser on the same address. A
 * burst of 1200 would have let one minute reach the whole budget.
 * X-MBX-USED-WEIGHT-1M is the weight the address used in the current minute,
 * by Binance's count: our bucket drains to capacity minus it. */
static const PsRestVenue ps_binance_venue = {
  .venue = PS_BINANCE_VENUE,
  .display_name = PS_BINANCE_DISPLAY_NAME,
  .env_rest = PS_BINANCE_ENV_REST,
  .default_rest = PS_BINANCE_DEFAULT_REST,
  .rate_capacity = 600.0,
  .rate_per_second = 20.0,
  .usage_header = "X-MBX-USED-WEIGHT-1M",
  .time_path = "/fapi/v1/time",
  .time_weight = 1,
  .page_uri = ps_binance_page_uri,
  .page_context = ps_binance_context,
  .status_error = ps_binance_status_error,
  .parse_candles = ps_binance_parse_klines,
  .parse_funding = ps_binance_parse_funding_rate,
  .parse_open_interest = ps_binance_parse_open_interest_hist,
  .parse_time = ps_binance_parse_server_time,
};

static guint
ps_binance_get_page_limit (PsProvider   *provider,
                           PsSeriesKind  kind)
{
  switch (kind)
    {
    case PS_SERIES_CANDLES:       return PS_BINANCE_CANDLES_LIMIT;
    case PS_SERIES_FUNDING:       return PS_BINANCE_FUNDING_LIMIT;
    case PS_SERIES_OPEN_INTEREST: return PS_BINANCE_OPEN_INTEREST_LIMIT;
    default:                      return 0;
    }
}

static gint64
ps_binance_get_history_horizon (PsProvider   *provider,
                                PsSeriesKind  kind)
{
  return kind == PS_SERIES_OPEN_INTEREST ? PS_BINANCE_OPEN_INTEREST_HORIZON_MS : 0;
}

static PsInterval
ps_binance_get_storage_interval (PsProvider   *provider,
                                 PsSeriesKind  kind,
                                 PsInterval    interval)
{
  switch (kind)
    {
    case PS_SERIES_FUNDING:       return PS_INTERVAL_NONE;   /* settlements */
    case PS_SERIES_OPEN_INTEREST: return ps_binance_open_interest_interval (interval);
    case PS_SERIES_CANDLES:
    default:                      return interval;
    }
}

/* The rest is PsRestProvider's. */
static void
ps_binance_provider_iface_init (PsProviderInterface *iface)
{
  iface->get_page_limit = ps_binance_get_page_limit;
  iface->get_history_horizon = ps_binance_get_history_horizon;
  iface->get_storage_interval = ps_binance_get_storage_interval;
}

/* GObject */

static void
ps_binance_constructed (GObject *object)
{
  PsBinance *self = PS_BINANCE (object);
  char *ws_base;

  G_OBJECT_CLASS (ps_binance_parent_class)->constructed (object);

  ws_base = ps_rest_resolve_base (self->ws_base, PS_BINANCE_ENV_WS, PS_BINANCE_DEFAULT_WS);
  g_free (self->ws_base);
  self->ws_base = ws_base;
}

static void
ps_binance_finalize (GObject *object)
{
  PsBinance *self = PS_BINANCE (object);

  g_clear_pointer (&self->ws_base, g_free);

  G_OBJECT_CLASS (ps_binance_parent_class)->finalize (object);
}

static void
ps_binance_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PsBinance *self = PS_BINANCE (object);

  switch (prop_id)
    {
    case PROP_WS_BASE:
      g_value_set_string (value, self->ws_base);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_binance_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PsBinance *self = PS_BINANCE (object);

  switch (prop_id)
    {
    case PROP_WS_BASE:
      self->ws_base = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_binance_class_init (PsBinanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  PS_REST_PROVIDER_CLASS (klass)->venue = &ps_binance_venue;

  object_class->constructed = ps_binance_constructed;
  object_class->finalize = ps_binance_finalize;
  object_class->get_property = ps_binance_get_property;
  object_class->set_property = ps_binance_set_property;

  /* NULL: $PERPSCOPE_BINANCE_WS, else PS_BINANCE_DEFAULT_WS. */
  properties[PROP_WS_BASE] =
    g_param_spec_string ("ws-base", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_binance_init (PsBinance *self)
{
}

PsBinance *
ps_binance_new (PsHttp     *http,
                const char *rest_base)
{
  g_return_val_if_fail (http == NULL || PS_IS_HTTP (http), NULL);

  return g_object_new (PS_TYPE_BINANCE,
                       "http", http,
                       "rest-base", rest_base,
                       NULL);
}

const char *
ps_binance_get_rest_base (PsBinance *self)
{
  g_return_val_if_fail (PS_IS_BINANCE (self), NULL);

  return ps_rest_provider_get_rest_base (PS_REST_PROVIDER (self));
}

const char *
ps_binance_get_ws_base (PsBinance *self)
{
  g_return_val_if_fail (PS_IS_BINANCE (self), NULL);

  return self->ws_base;
}

PsHttp *
ps_binance_get_http (PsBinance *self)
{
  g_return_val_if_fail (PS_IS_BINANCE (self), NULL);

  return ps_rest_provider_get_http (PS_REST_PROVIDER (self));
}
