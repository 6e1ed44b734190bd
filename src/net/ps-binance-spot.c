/* ps-binance-spot.c: Binance spot candles, the companion of the USDⓈ-M perpetuals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ps-binance-parse.h"
#include "ps-binance-spot.h"
#include "ps-binance.h"
#include "ps-net-error.h"

#define PS_BINANCE_SPOT_DISPLAY_NAME   "Binance spot"
#define PS_BINANCE_SPOT_ENV_REST       "PERPSCOPE_BINANCE_SPOT_REST"

/* /api/v3/klines serves at most 1000 rows and costs 2 whatever the limit. */
#define PS_BINANCE_SPOT_CANDLES_LIMIT  1000
#define PS_BINANCE_SPOT_KLINES_WEIGHT  2

struct _PsBinanceSpot
{
  PsRestProvider parent_instance;
};

static void ps_binance_spot_provider_iface_init (PsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsBinanceSpot, ps_binance_spot, PS_TYPE_REST_PROVIDER,
                               G_IMPLEMENT_INTERFACE (PS_TYPE_PROVIDER,
                                                      ps_binance_spot_provider_iface_init))

/* Candles only: funding and open interest are a perpetual's. */
static char *
ps_binance_spot_page_uri (gpointer              provider,
                          const PsPageRequest  *request,
                          double               *weight,
                          GError              **error)
{
  const char *rest_base = ps_rest_provider_get_rest_base (PS_REST_PROVIDER (provider));
  g_autofree char *symbol = NULL;
  gboolean has_interval;

  /* Binance's names for our intervals happen to be ours. */
  has_interval = request->interval > PS_INTERVAL_NONE && request->interval < PS_N_INTERVALS;
  if (request->kind != PS_SERIES_CANDLES || !has_interval)
    {
      g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED,
                   _("Binance spot has no %s at interval “%s”"),
                   ps_series_kind_to_string (request->kind),
                   ps_interval_to_string (has_interval ? request->interval : PS_INTERVAL_NONE));
      return NULL;
    }

  symbol = g_uri_escape_string (request->symbol, NULL, FALSE);
  *weight = PS_BINANCE_SPOT_KLINES_WEIGHT;
  /* endTime is inclusive at Binance. */
  return g_strdup_printf ("%s/api/v3/klines?symbol=%s&interval=%s"
                          "&startTime=%" G_GINT64_FORMAT "&endTime=%" G_GINT64_FORMAT "&limit=%d",
                          rest_base, symbol, ps_interval_to_string (request->interval),
                          request->from_ms, request->to_ms - 1, PS_BINANCE_SPOT_CANDLES_LIMIT);
}

static char *
ps_binance_spot_page_context (const PsPageRequest *request)
{
  return g_strdup_printf ("%s %s", request->symbol, ps_interval_to_string (request->interval));
}

/* Spot's IP budget is 6000 weight a minute, counted apart from the futures'
 * (another host, another count); half of it, as for the futures, leaves room
 * for a browser or another program on the address. The spot host's own clock:
 * /api/v3/time answers as /fapi/v1/time does. */
static const PsRestVenue ps_binance_spot_venue = {
  .venue = PS_BINANCE_SPOT_VENUE,
  .display_name = PS_BINANCE_SPOT_DISPLAY_NAME,
  .env_rest = PS_BINANCE_SPOT_ENV_REST,
  .default_rest = PS_BINANCE_SPOT_DEFAULT_REST,
  .rate_capacity = 3000.0,
  .rate_per_second = 50.0,
  .usage_header = "X-MBX-USED-WEIGHT-1M",
  .time_path = "/api/v3/time",
  .time_weight = 1,
  .page_uri = ps_binance_spot_page_uri,
  .page_context = ps_binance_spot_page_context,
  .status_error = ps_binance_status_error,
  .parse_candles = ps_binance_parse_spot_klines,
  .parse_time = ps_binance_parse_server_time,
};

static guint
ps_binance_spot_get_page_limit (PsProvider   *provider,
                                PsSeriesKind  kind)
{
  return kind == PS_SERIES_CANDLES ? PS_BINANCE_SPOT_CANDLES_LIMIT : 0;
}

/* The rest is PsRestProvider's. */
static void
ps_binance_spot_provider_iface_init (PsProviderInterface *iface)
{
  iface->get_page_limit = ps_binance_spot_get_page_limit;
}

static void
ps_binance_spot_class_init (PsBinanceSpotClass *klass)
{
  PS_REST_PROVIDER_CLASS (klass)->venue = &ps_binance_spot_venue;
}

static void
ps_binance_spot_init (PsBinanceSpot *self)
{
}

PsBinanceSpot *
ps_binance_spot_new (PsHttp     *http,
                     const char *rest_base)
{
  g_return_val_if_fail (http == NULL || PS_IS_HTTP (http), NULL);

  return g_object_new (PS_TYPE_BINANCE_SPOT,
                       "http", http,
                       "rest-base", rest_base,
                       NULL);
}

const char *
ps_binance_spot_get_rest_base (PsBinanceSpot *self)
{
  g_return_val_if_fail (PS_IS_BINANCE_SPOT (self), NULL);

  return ps_rest_provider_get_rest_base (PS_REST_PROVIDER (self));
}
