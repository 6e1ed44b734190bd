/* ps-binance-spot.c: Binance spot candles, the companion of the USDⓈ-M perpetuals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ps-binance-parse.h"
#include "ps-binance-spot.h"
#include "ps-net-error.h"

#define PS_BINANCE_SPOT_DISPLAY_NAME   "Binance spot"
#define PS_BINANCE_SPOT_ENV_REST       "PERPSCOPE_BINANCE_SPOT_REST"
#define PS_BINANCE_SPOT_INVALID_SYMBOL (-1121)

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

/* One fetch_page_async () call. */
typedef struct
{
  char   *symbol;
  char   *context;   /* "BTCUSDT 1h": prefixes parse errors */
  gint64  from_ms;
  gint64  to_ms;
  GBytes *body;      /* parsed on a worker thread */
} PsBinanceSpotFetch;

static void
ps_binance_spot_fetch_free (PsBinanceSpotFetch *fetch)
{
  g_clear_pointer (&fetch->body, g_bytes_unref);
  g_free (fetch->symbol);
  g_free (fetch->context);
  g_free (fetch);
}

static GError *
ps_binance_spot_unknown_symbol (const char *symbol)
{
  return g_error_new (PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL,
                      _("Binance spot does not list the symbol “%s”"), symbol);
}

/* As for the futures: a 5xx stays HTTP_STATUS (later may work), a 4xx
 * envelope is the venue's verdict on the request. */
static GError *
ps_binance_spot_status_error (GBytes     *body,
                              guint       status,
                              const char *symbol)
{
  g_autofree char *message = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  gint code;

  if (!ps_binance_parse_error_envelope (data, length, &code, &message))
    return g_error_new (PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS,
                        _("Binance spot answered HTTP %u (%s)"),
                        status, soup_status_get_phrase (status));

  if (code == PS_BINANCE_SPOT_INVALID_SYMBOL)
    return ps_binance_spot_unknown_symbol (symbol);

  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    return g_error_new (PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS,
                        _("Binance spot answered HTTP %u (%s): %s (code %d)"),
                        status, soup_status_get_phrase (status), message, code);

  return g_error_new (PS_NET_ERROR, PS_NET_ERROR_VENUE,
                      _("Binance spot: %s (code %d)"), message, code);
}

/* Worker thread: a page of 1000 klines is several ms of parsing. No source
 * object, as in ps-binance.c: the provider must not live on in the worker. */
static void
ps_binance_spot_parse_thread (GTask        *parse,
                              gpointer      source_object,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  PsBinanceSpotFetch *fetch = task_data;
  g_autoptr(GBytes) body = g_steal_pointer (&fetch->body);
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;
  PsPage *page;

  candles = ps_binance_parse_spot_klines (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                          &error);
  if (candles == NULL)
    {
      if (g_error_matches (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL))
        {
          g_clear_error (&error);
          error = ps_binance_spot_unknown_symbol (fetch->symbol);
        }
      else if (error->domain == PS_PARSE_ERROR)
        g_prefix_error (&error, "%s: ", fetch->context);
      g_task_return_error (parse, g_steal_pointer (&error));
      return;
    }

  /* Binance pages by inclusive times; the provider promises [from, to). */
  page = ps_page_new (PS_SERIES_CANDLES);
  page->candles = ps_candles_slice (candles, fetch->from_ms, fetch->to_ms);
  g_task_return_pointer (parse, page, (GDestroyNotify) ps_page_free);
}

static void
ps_binance_spot_parsed_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  PsPage *page;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) ps_page_free);
}

static void
ps_binance_spot_fetch_page_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsBinanceSpotFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) parse = NULL;
  guint status;

  body = ps_http_get_finish (PS_HTTP (object), result, &status, &error);
  if (body != NULL && !SOUP_STATUS_IS_SUCCESSFUL (status))
    error = ps_binance_spot_status_error (body, status, fetch->symbol);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* fetch outlives the parse: task is released only in the parsed callback. */
  fetch->body = g_steal_pointer (&body);
  parse = g_task_new (NULL, NULL, ps_binance_spot_parsed_cb, g_steal_pointer (&task));
  g_task_set_source_tag (parse, ps_binance_spot_parse_thread);
  g_task_set_task_data (parse, fetch, NULL);
  g_task_run_in_thread (parse, ps_binance_spot_parse_thread);
}

static void
ps_binance_spot_fetch_page_async (PsProvider          *provider,
                                  const PsPageRequest *request,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  PsBinanceSpot *self = PS_BINANCE_SPOT (provider);
  g_autoptr(GTask) task = NULL;
  g_autofree char *symbol = NULL;
  g_autofree char *uri = NULL;
  PsBinanceSpotFetch *fetch;
  gboolean has_interval;

  g_assert (PS_IS_BINANCE_SPOT (self));
  g_return_if_fail (request->symbol != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_binance_spot_fetch_page_async);

  if (*request->symbol == '\0')
    {
      g_task_return_error (task, ps_binance_spot_unknown_symbol (request->symbol));
      return;
    }

  /* Binance's names for our intervals happen to be ours. */
  has_interval = request->interval > PS_INTERVAL_NONE && request->interval < PS_N_INTERVALS;
  if (request->kind != PS_SERIES_CANDLES || !has_interval)
    {
      g_task_return_new_error (task, PS_NET_ERROR, PS_NET_ERROR_FAILED,
                               _("Binance spot has no %s at interval “%s”"),
                               ps_series_kind_to_string (request->kind),
                               ps_interval_to_string (has_interval ? request->interval
                                                                   : PS_INTERVAL_NONE));
      return;
    }

  if (request->from_ms >= request->to_ms)
    {
      PsPage *page = ps_page_new (PS_SERIES_CANDLES);

      page->candles = ps_candles_new (0);
      g_task_return_pointer (task, page, (GDestroyNotify) ps_page_free);
      return;
    }

  symbol = g_uri_escape_string (request->symbol, NULL, FALSE);
  /* endTime is inclusive at Binance. */
  uri = g_strdup_printf ("%s/api/v3/klines?symbol=%s&interval=%s"
                         "&startTime=%" G_GINT64_FORMAT "&endTime=%" G_GINT64_FORMAT "&limit=%d",
                         self->rest_base, symbol, ps_interval_to_string (request->interval),
                         request->from_ms, request->to_ms - 1, PS_BINANCE_SPOT_CANDLES_LIMIT);

  fetch = g_new0 (PsBinanceSpotFetch, 1);
  fetch->symbol = g_strdup (request->symbol);
  fetch->context = g_strdup_printf ("%s %s", request->symbol,
                                    ps_interval_to_string (request->interval));
  fetch->from_ms = request->from_ms;
  fetch->to_ms = request->to_ms;
  g_task_set_task_data (task, fetch, (GDestroyNotify) ps_binance_spot_fetch_free);

  ps_http_get_async (self->http, PS_BINANCE_SPOT_DISPLAY_NAME, uri, PS_BINANCE_SPOT_KLINES_WEIGHT,
                     cancellable, ps_binance_spot_fetch_page_cb, g_steal_pointer (&task));
}

static PsPage *
ps_binance_spot_fetch_page_finish (PsProvider    *provider,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ps_binance_spot_fetch_page_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ps_binance_spot_server_time_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 server_time_ms = 0;
  guint status;

  body = ps_http_get_finish (PS_HTTP (object), result, &status, &error);
  if (body != NULL && !SOUP_STATUS_IS_SUCCESSFUL (status))
    error = ps_binance_spot_status_error (body, status, "");
  else if (body != NULL)
    ps_binance_parse_server_time (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  &server_time_ms, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_memdup2 (&server_time_ms, sizeof server_time_ms), g_free);
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
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_binance_spot_get_server_time_async);
  ps_http_get_async (self->http, PS_BINANCE_SPOT_DISPLAY_NAME, uri, PS_BINANCE_SPOT_TIME_WEIGHT,
                     cancellable, ps_binance_spot_server_time_cb, task);
}

/* 0 on error: no venue's clock reads 1970. */
static gint64
ps_binance_spot_get_server_time_finish (PsProvider    *provider,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_autofree gint64 *server_time_ms = NULL;

  g_return_val_if_fail (g_task_is_valid (result, provider), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ps_binance_spot_get_server_time_async, 0);

  server_time_ms = g_task_propagate_pointer (G_TASK (result), error);
  return server_time_ms != NULL ? *server_time_ms : 0;
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
  gsize length;

  G_OBJECT_CLASS (ps_binance_spot_parent_class)->constructed (object);

  if (self->http == NULL)
    self->http = ps_http_new ();

  if (self->rest_base == NULL || *self->rest_base == '\0')
    {
      const char *env = g_getenv (PS_BINANCE_SPOT_ENV_REST);

      g_free (self->rest_base);
      self->rest_base = g_strdup (env != NULL && *env != '\0' ? env
                                                              : PS_BINANCE_SPOT_DEFAULT_REST);
    }

  length = strlen (self->rest_base);
  while (length > 0 && self->rest_base[length - 1] == '/')
    self->rest_base[--length] = '\0';

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
