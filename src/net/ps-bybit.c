/* ps-bybit.c: Bybit v5 linear perpetuals, public market data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ps-bybit.h"
#include "ps-bybit-parse.h"
#include "ps-net-error.h"

#define PS_BYBIT_DISPLAY_NAME "Bybit"
#define PS_BYBIT_ENV_REST     "PERPSCOPE_BYBIT_REST"

/* Rows per request, the most each endpoint allows. */
#define PS_BYBIT_CANDLES_LIMIT       1000
#define PS_BYBIT_FUNDING_LIMIT       200
#define PS_BYBIT_OPEN_INTEREST_LIMIT 200

/* Some symbols settle every hour: a window of 200 hours never holds more
 * than a page of settlements, whatever the symbol's funding interval. */
#define PS_BYBIT_FUNDING_STEP_MS (G_GINT64_CONSTANT (3600) * 1000)

struct _PsBybit
{
  PsRestProvider parent_instance;
};

static void ps_bybit_provider_iface_init (PsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsBybit, ps_bybit, PS_TYPE_REST_PROVIDER,
                               G_IMPLEMENT_INTERFACE (PS_TYPE_PROVIDER,
                                                      ps_bybit_provider_iface_init))

static const char *
ps_bybit_kline_interval (PsInterval interval)
{
  switch (interval)
    {
    case PS_INTERVAL_1M:  return "1";
    case PS_INTERVAL_5M:  return "5";
    case PS_INTERVAL_15M: return "15";
    case PS_INTERVAL_1H:  return "60";
    case PS_INTERVAL_4H:  return "240";
    case PS_INTERVAL_1D:  return "D";
    default:              return NULL;
    }
}

/* Open interest has no 1-minute period: 5min is the finest. */
static PsInterval
ps_bybit_open_interest_interval (PsInterval interval)
{
  return interval == PS_INTERVAL_1M ? PS_INTERVAL_5M : interval;
}

static const char *
ps_bybit_open_interest_period (PsInterval interval)
{
  switch (ps_bybit_open_interest_interval (interval))
    {
    case PS_INTERVAL_5M:  return "5min";
    case PS_INTERVAL_15M: return "15min";
    case PS_INTERVAL_1H:  return "1h";
    case PS_INTERVAL_4H:  return "4h";
    case PS_INTERVAL_1D:  return "1d";
    default:              return NULL;
    }
}

GError *
ps_bybit_status_error (const PsRestVenue *venue,
                       GBytes            *body,
                       guint              status,
                       const char        *symbol)
{
  g_autoptr(GError) envelope = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (ps_bybit_parse_error_envelope (data, length, &envelope))
    {
      if (g_error_matches (envelope, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL))
        return ps_rest_unknown_symbol (venue, symbol);
      if (SOUP_STATUS_IS_SERVER_ERROR (status))
        return g_error_new (PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS,
                            _("%s answered HTTP %u (%s): %s"), venue->display_name, status,
                            soup_status_get_phrase (status), envelope->message);
      return g_steal_pointer (&envelope);
    }

  /* "access too frequent": the address is blocked for ten minutes or more
   * (or Bybit does not serve the region). Retrying sooner only extends it. */
  if (status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED,
                        _("%s refused this address (HTTP 403): too many requests, wait at "
                          "least 10 minutes; or Bybit does not serve this region"),
                        venue->display_name);

  return g_error_new (PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS,
                      _("%s answered HTTP %u (%s)"),
                      venue->display_name, status, soup_status_get_phrase (status));
}

/* retCode 10006 "Too many visits!": waited out and asked again, like a 429. */
static gboolean
ps_bybit_limited_body (const guint8 *data,
                       gsize         length)
{
  g_autoptr(GError) envelope = NULL;

  return ps_bybit_parse_error_envelope ((const char *) data, length, &envelope) &&
         g_error_matches (envelope, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
}

/* Bybit answers the newest rows of a range, while a page must hold the oldest
 * rows from the cursor on (the sync trusts what a page's rows prove): the
 * range is cut to a window of one page of rows from from_ms (exclusive end;
 * PsRestVenue.page_window_end). */
static gint64
ps_bybit_page_window_end (gpointer             provider,
                          const PsPageRequest *request)
{
  gint64 step_ms;
  guint limit;

  if (request->interval >= PS_N_INTERVALS)
    return request->to_ms;   /* page_uri () refuses it */

  switch (request->kind)
    {
    case PS_SERIES_CANDLES:
      step_ms = ps_interval_to_ms (request->interval);
      limit = PS_BYBIT_CANDLES_LIMIT;
      break;
    case PS_SERIES_FUNDING:
      step_ms = PS_BYBIT_FUNDING_STEP_MS;
      limit = PS_BYBIT_FUNDING_LIMIT;
      break;
    case PS_SERIES_OPEN_INTEREST:
    default:
      step_ms = ps_interval_to_ms (ps_bybit_open_interest_interval (request->interval));
      limit = PS_BYBIT_OPEN_INTEREST_LIMIT;
      break;
    }

  /* A request past G_MAXINT64 / 2 (an open end) must not overflow. */
  if (request->to_ms - request->from_ms <= MAX (step_ms, 1) * limit)
    return request->to_ms;
  return request->from_ms + MAX (step_ms, 1) * limit;
}

static char *
ps_bybit_page_uri (gpointer              provider,
                   const PsPageRequest  *request,
                   double               *weight,
                   GError              **error)
{
  const char *rest_base = ps_rest_provider_get_rest_base (PS_REST_PROVIDER (provider));
  g_autofree char *symbol = g_uri_escape_string (request->symbol, NULL, FALSE);
  const char *interval;
  /* Bybit's end is inclusive. */
  gint64 end_ms = ps_bybit_page_window_end (provider, request) - 1;

  *weight = 1;
  switch (request->kind)
    {
    case PS_SERIES_CANDLES:
      if ((interval = ps_bybit_kline_interval (request->interval)) == NULL)
        break;
      return g_strdup_printf ("%s/v5/market/kline?category=linear&symbol=%s&interval=%s"
                              "&start=%" G_GINT64_FORMAT "&end=%" G_GINT64_FORMAT "&limit=%d",
                              rest_base, symbol, interval, request->from_ms, end_ms,
                              PS_BYBIT_CANDLES_LIMIT);

    case PS_SERIES_FUNDING:
      return g_strdup_printf ("%s/v5/market/funding/history?category=linear&symbol=%s"
                              "&startTime=%" G_GINT64_FORMAT "&endTime=%" G_GINT64_FORMAT
                              "&limit=%d",
                              rest_base, symbol, request->from_ms, end_ms,
                              PS_BYBIT_FUNDING_LIMIT);

    case PS_SERIES_OPEN_INTEREST:
      if ((interval = ps_bybit_open_interest_period (request->interval)) == NULL)
        break;
      return g_strdup_printf ("%s/v5/market/open-interest?category=linear&symbol=%s"
                              "&intervalTime=%s&startTime=%" G_GINT64_FORMAT
                              "&endTime=%" G_GINT64_FORMAT "&limit=%d",
                              rest_base, symbol, interval, request->from_ms, end_ms,
                              PS_BYBIT_OPEN_INTEREST_LIMIT);

    default:
      break;
    }

  g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED,
               _("Bybit has no %s at interval “%s”"),
               ps_series_kind_to_string (request->kind),
               ps_interval_to_string (request->interval < PS_N_INTERVALS ? request->interval
                                                                         : PS_INTERVAL_NONE));
  return NULL;
}

/* The parsers name the venue and the kind already; this adds the market. */
static char *
ps_bybit_context (const PsPageRequest *request)
{
  switch (request->kind)
    {
    case PS_SERIES_CANDLES:
      return g_strdup_printf ("%s %s", request->symbol,
                              ps_interval_to_string (request->interval));
    case PS_SERIES_OPEN_INTEREST:
      return g_strdup_printf ("%s %s", request->symbol,
                              ps_interval_to_string (ps_bybit_open_interest_interval (request->interval)));
    case PS_SERIES_FUNDING:
    default:
      return g_strdup (request->symbol);
    }
}

/* Public market data is limited per address: 600 requests in any 5 s, and
 * past that HTTP 403 for 10 minutes or more. A sixth of it (20 a second)
 * leaves room for the live feeds, another Perpscope or a browser on the
 * address. The X-Bapi-Limit headers count per account, on private endpoints
 * only: there is no usage header to follow. */
static const PsRestVenue ps_bybit_venue = {
  .venue = PS_BYBIT_VENUE,
  .display_name = PS_BYBIT_DISPLAY_NAME,
  .env_rest = PS_BYBIT_ENV_REST,
  .default_rest = PS_BYBIT_DEFAULT_REST,
  .rate_capacity = 100.0,
  .rate_per_second = 20.0,
  .usage_header = NULL,
  .time_path = "/v5/market/time",
  .time_weight = 1,
  .page_uri = ps_bybit_page_uri,
  .page_window_end = ps_bybit_page_window_end,
  .page_context = ps_bybit_context,
  .status_error = ps_bybit_status_error,
  .parse_candles = ps_bybit_parse_kline,
  .parse_funding = ps_bybit_parse_funding_history,
  .parse_open_interest = ps_bybit_parse_open_interest,
  .parse_time = ps_bybit_parse_server_time,
  /* "access too frequent": all sessions must stop for at least 10 minutes. */
  .ban_status = SOUP_STATUS_FORBIDDEN,
  .ban_default_s = 600,
  .limited_body = ps_bybit_limited_body,
};

static guint
ps_bybit_get_page_limit (PsProvider   *provider,
                         PsSeriesKind  kind)
{
  switch (kind)
    {
    case PS_SERIES_CANDLES:       return PS_BYBIT_CANDLES_LIMIT;
    case PS_SERIES_FUNDING:       return PS_BYBIT_FUNDING_LIMIT;
    case PS_SERIES_OPEN_INTEREST: return PS_BYBIT_OPEN_INTEREST_LIMIT;
    default:                      return 0;
    }
}

/* Candles, funding and open interest all go back to the symbol's listing. */
static gint64
ps_bybit_get_history_horizon (PsProvider   *provider,
                              PsSeriesKind  kind)
{
  return 0;
}

static PsInterval
ps_bybit_get_storage_interval (PsProvider   *provider,
                               PsSeriesKind  kind,
                               PsInterval    interval)
{
  switch (kind)
    {
    case PS_SERIES_FUNDING:       return PS_INTERVAL_NONE;   /* settlements */
    case PS_SERIES_OPEN_INTEREST: return ps_bybit_open_interest_interval (interval);
    case PS_SERIES_CANDLES:
    default:                      return interval;
    }
}

/* The rest is PsRestProvider's. */
static void
ps_bybit_provider_iface_init (PsProviderInterface *iface)
{
  iface->get_page_limit = ps_bybit_get_page_limit;
  iface->get_history_horizon = ps_bybit_get_history_horizon;
  iface->get_storage_interval = ps_bybit_get_storage_interval;
}

static void
ps_bybit_class_init (PsBybitClass *klass)
{
  PS_REST_PROVIDER_CLASS (klass)->venue = &ps_bybit_venue;
}

static void
ps_bybit_init (PsBybit *self)
{
}

PsBybit *
ps_bybit_new (PsHttp     *http,
              const char *rest_base)
{
  g_return_val_if_fail (http == NULL || PS_IS_HTTP (http), NULL);

  return g_object_new (PS_TYPE_BYBIT,
                       "http", http,
                       "rest-base", rest_base,
                       NULL);
}
