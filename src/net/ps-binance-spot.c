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
#define PS_BINANCE_SPOT_TIME_WEIGHT    1

/* Spot's IP budget is 6000 weight a minute, counted apart from the futures'
 * (another host, another count); half of it, as for the futures, leaves room
 * for a browser or another program on the address. */
#define PS_BINANCE_SPOT_RATE_CAPACITY   3000.0
#define PS_BINANCE_SPOT_RATE_PER_SECOND 50.0
#define PS_BINANCE_SPOT_USAGE_HEADER    "X-MBX-USED-WEIGHT-1M"

struct _PsBinanceSpot
{
  GObject  parent_instance;

  PsHttp  *http;
  char    *rest_base;   /* no trailing '/' */
};

enum { PROP_0, PROP_HTTP, PROP_REST_BASE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void ps_binance_spot_provider_iface_init (PsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsBinanceSpot, ps_binance_spot, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PS_TYPE_PROVIDER,
                                                      ps_binance_spot_provider_iface_init))

/* Candles only: funding and open interest are a perpetual's. */
static char *
ps_binance_spot_page_uri (gpointer              provider,
                          const PsPageRequest  *request,
                          double               *weight,
                          GError              **error)
{
  PsBinanceSpot *self = PS_BINANCE_SPOT (provider);
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
                          self->rest_base, symbol, ps_interval_to_string (request->interval),
                          request->from_ms, request->to_ms - 1, PS_BINANCE_SPOT_CANDLES_LIMIT);
}

static char *
ps_binance_spot_page_context (const PsPageRequest *request)
{
  return g_strdup_printf ("%s %s", request->symbol, ps_interval_to_string (request->interval));
}

/* Worker thread: a page of 1000 klines is several ms of parsing. */
static PsPage *
ps_binance_spot_parse_page (PsSeriesKind   kind,
                            const char    *data,
                            gsize          length,
                            GError       **error)
{
  g_autoptr(PsCandles) candles = ps_binance_parse_spot_klines (data, length, error);
  PsPage *page;

  if (candles == NULL)
    return NULL;
  page = ps_page_new (PS_SERIES_CANDLES);
  page->candles = g_steal_pointer (&candles);
  return page;
}

static const PsRestVenue ps_binance_spot_venue = {
  .display_name = PS_BINANCE_SPOT_DISPLAY_NAME,
  .page_uri = ps_binance_spot_page_uri,
  .page_context = ps_binance_spot_page_context,
  .status_error = ps_binance_status_error,
  .parse_page = ps_binance_spot_parse_page,
  .parse_time = ps_binance_parse_server_time,
};

static void
ps_binance_spot_fetch_page_async (PsProvider          *provider,
                                  const PsPageRequest *request,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  PsBinanceSpot *self = PS_BINANCE_SPOT (provider);

  ps_rest_fetch_page_async (&ps_binance_spot_venue, self, self->http, request,
                            cancellable, callback, user_data);
}

static PsPage *
ps_binance_spot_fetch_page_finish (PsProvider    *provider,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return ps_rest_fetch_page_finish (provider, result, error);
}

/* The spot host's own clock: /api/v3/time answers as /fapi/v1/time does. */
static void
ps_binance_spot_get_server_time_async (PsProvider          *provider,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  PsBinanceSpot *self = PS_BINANCE_SPOT (provider);
  g_autofree char *uri = g_strconcat (self->rest_base, "/api/v3/time", NULL);

  ps_rest_get_server_time_async (&ps_binance_spot_venue, self, self->http, uri,
                                 PS_BINANCE_SPOT_TIME_WEIGHT, cancellable, callback, user_data);
}

static gint64
ps_binance_spot_get_server_time_finish (PsProvider    *provider,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return ps_rest_get_server_time_finish (provider, result, error);
}

static const char *
ps_binance_spot_get_venue (PsProvider *provider)
{
  return PS_BINANCE_SPOT_VENUE;
}

static const char *
ps_binance_spot_get_display_name (PsProvider *provider)
{
  return PS_BINANCE_SPOT_DISPLAY_NAME;
}

static guint
ps_binance_spot_get_page_limit (PsProvider   *provider,
                                PsSeriesKind  kind)
{
  return kind == PS_SERIES_CANDLES ? PS_BINANCE_SPOT_CANDLES_LIMIT : 0;
}

static void
ps_binance_spot_provider_iface_init (PsProviderInterface *iface)
{
  iface->get_venue = ps_binance_spot_get_venue;
  iface->get_display_name = ps_binance_spot_get_display_name;
  iface->get_page_limit = ps_binance_spot_get_page_limit;
  iface->fetch_page_async = ps_binance_spot_fetch_page_async;
  iface->fetch_page_finish = ps_binance_spot_fetch_page_finish;
  iface->get_server_time_async = ps_binance_spot_get_server_time_async;
  iface->get_server_time_finish = ps_binance_spot_get_server_time_finish;
}

/* GObject */

static void
ps_binance_spot_constructed (GObject *object)
{
  PsBinanceSpot *self = PS_BINANCE_SPOT (object);
  g_autofree char *rest_base = NULL;

  G_OBJECT_CLASS (ps_binance_spot_parent_class)->constructed (object);

  if (self->http == NULL)
    self->http = ps_http_new ();

  rest_base = ps_rest_resolve_base (self->rest_base, PS_BINANCE_SPOT_ENV_REST,
                                    PS_BINANCE_SPOT_DEFAULT_REST);
  g_free (self->rest_base);
  self->rest_base = g_steal_pointer (&rest_base);

  /* Shared by every PsBinanceSpot of this PsHttp; setting it again does not refill it. */
  ps_http_set_rate_limit (self->http, PS_BINANCE_SPOT_DISPLAY_NAME,
                          PS_BINANCE_SPOT_RATE_CAPACITY, PS_BINANCE_SPOT_RATE_PER_SECOND);
  ps_http_set_usage_header (self->http, PS_BINANCE_SPOT_DISPLAY_NAME,
                            PS_BINANCE_SPOT_USAGE_HEADER);
}

static void
ps_binance_spot_dispose (GObject *object)
{
  PsBinanceSpot *self = PS_BINANCE_SPOT (object);

  g_clear_object (&self->http);

  G_OBJECT_CLASS (ps_binance_spot_parent_class)->dispose (object);
}

static void
ps_binance_spot_finalize (GObject *object)
{
  PsBinanceSpot *self = PS_BINANCE_SPOT (object);

  g_clear_pointer (&self->rest_base, g_free);

  G_OBJECT_CLASS (ps_binance_spot_parent_class)->finalize (object);
}

static void
ps_binance_spot_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PsBinanceSpot *self = PS_BINANCE_SPOT (object);

  switch (prop_id)
    {
    case PROP_HTTP:
      g_value_set_object (value, self->http);
      break;

    case PROP_REST_BASE:
      g_value_set_string (value, self->rest_base);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_binance_spot_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PsBinanceSpot *self = PS_BINANCE_SPOT (object);

  switch (prop_id)
    {
    case PROP_HTTP:
      self->http = g_value_dup_object (value);
      break;

    case PROP_REST_BASE:
      self->rest_base = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_binance_spot_class_init (PsBinanceSpotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ps_binance_spot_constructed;
  object_class->dispose = ps_binance_spot_dispose;
  object_class->finalize = ps_binance_spot_finalize;
  object_class->get_property = ps_binance_spot_get_property;
  object_class->set_property = ps_binance_spot_set_property;

  /* NULL: a PsHttp of its own. */
  properties[PROP_HTTP] =
    g_param_spec_object ("http", NULL, NULL,
                         PS_TYPE_HTTP,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /* NULL: $PERPSCOPE_BINANCE_SPOT_REST, else PS_BINANCE_SPOT_DEFAULT_REST. */
  properties[PROP_REST_BASE] =
    g_param_spec_string ("rest-base", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
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

  return self->rest_base;
}
