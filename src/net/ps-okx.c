/* ps-okx.c: OKX v5 perpetual swaps, public market data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ps-net-error.h"
#include "ps-okx.h"
#include "ps-okx-parse.h"

#define PS_OKX_DISPLAY_NAME "OKX"
#define PS_OKX_ENV_REST     "PERPSCOPE_OKX_REST"

#define PS_OKX_HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)
#define PS_OKX_DAY_MS  (24 * PS_OKX_HOUR_MS)

/* Rows per request. history-candles allowed 100 until 2025 and 300 since;
 * asking 300 of a host that still caps at 100 would leave holes the sync
 * cannot see (a window answers its newest rows), so 100 for both. */
#define PS_OKX_CANDLES_LIMIT       100
#define PS_OKX_FUNDING_LIMIT       100
#define PS_OKX_OPEN_INTEREST_LIMIT 100

/* /market/candles serves the latest 1,440 bars only (history-candles all,
 * at half the rate): recent pages, with a margin for a clock that is off or
 * a request that waits, go to the cheaper one. */
#define PS_OKX_RECENT_BARS (1440 - 40)

/* Funding history "can return data up to three months": 89 days is within
 * any three calendar months. */
#define PS_OKX_FUNDING_HORIZON_MS (89 * PS_OKX_DAY_MS)
/* Rubik keeps the latest 1,440 periods of open interest; at the finest
 * period stored (1H) that is 60 days, and the horizon is one for all. */
#define PS_OKX_OPEN_INTEREST_HORIZON_MS (1440 * PS_OKX_HOUR_MS)
/* Some swaps settle every hour: 100 hours never hold more than a page. */
#define PS_OKX_FUNDING_STEP_MS PS_OKX_HOUR_MS

/* OKX limits each public endpoint per address, counted per 2 s: candles 40,
 * history-candles 20, open-interest history 10, funding history 10 (per
 * instrument). One bucket of 5 a second with each endpoint's weight keeps
 * every one of them at half its limit, and its burst of 5 keeps any 2 s
 * (5 + 2 × 5 weight) at three quarters: no path needs a bucket of its own.
 * (A burst of 10 let a 2 s window reach each path's whole limit.) */
#define PS_OKX_WEIGHT_CANDLES         0.5
#define PS_OKX_WEIGHT_HISTORY_CANDLES 1.0
#define PS_OKX_WEIGHT_FUNDING         2.0
#define PS_OKX_WEIGHT_OPEN_INTEREST   2.0

struct _PsOkx
{
  PsRestProvider parent_instance;

  gint64         clock_offset_ms;   /* OKX's clock minus ours, from the last reading */
};

static void ps_okx_provider_iface_init (PsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsOkx, ps_okx, PS_TYPE_REST_PROVIDER,
                               G_IMPLEMENT_INTERFACE (PS_TYPE_PROVIDER,
                                                      ps_okx_provider_iface_init))

/* Daily bars in UTC ("1D" opens at 00:00 UTC+8, unlike every other venue). */
static const char *
ps_okx_bar (PsInterval interval)
{
  switch (interval)
    {
    case PS_INTERVAL_1M:  return "1m";
    case PS_INTERVAL_5M:  return "5m";
    case PS_INTERVAL_15M: return "15m";
    case PS_INTERVAL_1H:  return "1H";
    case PS_INTERVAL_4H:  return "4H";
    case PS_INTERVAL_1D:  return "1Dutc";
    default:              return NULL;
    }
}

/* Open interest is stored hourly at the finest, so that 60 days of it are
 * there for every chart (Rubik's 1,440 periods of 5m are only 5 days). */
static PsInterval
ps_okx_open_interest_interval (PsInterval interval)
{
  return interval == PS_INTERVAL_4H || interval == PS_INTERVAL_1D ? interval : PS_INTERVAL_1H;
}

GError *
ps_okx_status_error (const PsRestVenue *venue,
                     GBytes            *body,
                     guint              status,
                     const char        *symbol)
{
  g_autoptr(GError) envelope = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (ps_okx_parse_error_envelope (data, length, &envelope))
    {
      if (g_error_matches (envelope, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL))
        return ps_rest_unknown_symbol (venue, symbol);
      if (SOUP_STATUS_IS_SERVER_ERROR (status))
        return g_error_new (PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS,
                            _("%s answered HTTP %u (%s): %s"), venue->display_name, status,
                            soup_status_get_phrase (status), envelope->message);
      return g_steal_pointer (&envelope);
    }

  return g_error_new (PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS,
                      _("%s answered HTTP %u (%s)"),
                      venue->display_name, status, soup_status_get_phrase (status));
}

/* 50011 "Too Many Requests" may come in an HTTP 200: waited out and asked
 * again, like a 429. */
static gboolean
ps_okx_limited_body (const guint8 *data,
                     gsize         length)
{
  g_autoptr(GError) envelope = NULL;

  return ps_okx_parse_error_envelope ((const char *) data, length, &envelope) &&
         g_error_matches (envelope, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
}

/* OKX answers the newest rows before "after", while a page must hold the
 * oldest rows from the cursor on (the sync trusts what a page's rows prove):
 * the range is cut to one page of rows from from_ms (exclusive end;
 * PsRestVenue.page_window_end). */
static gint64
ps_okx_page_window_end (gpointer             provider,
                        const PsPageRequest *request)
{
  gint64 step_ms;

  if (request->interval >= PS_N_INTERVALS)
    return request->to_ms;   /* page_uri () refuses it */

  switch (request->kind)
    {
    case PS_SERIES_CANDLES:
      step_ms = ps_interval_to_ms (request->interval);
      break;
    case PS_SERIES_FUNDING:
      step_ms = PS_OKX_FUNDING_STEP_MS;
      break;
    case PS_SERIES_OPEN_INTEREST:
    default:
      step_ms = ps_interval_to_ms (ps_okx_open_interest_interval (request->interval));
      break;
    }

  /* All three limits are 100. A request past G_MAXINT64 / 2 (an open end)
   * must not overflow. */
  step_ms = MAX (step_ms, 1) * PS_OKX_CANDLES_LIMIT;
  if (request->to_ms - request->from_ms <= step_ms)
    return request->to_ms;
  return request->from_ms + step_ms;
}

/* OKX's now, as well as it is known (our clock until it was read). */
static gint64
ps_okx_now_ms (PsOkx *self)
{
  return g_get_real_time () / 1000 + self->clock_offset_ms;
}

static char *
ps_okx_candles_uri (PsOkx               *self,
                    const char          *rest_base,
                    const char          *inst_id,
                    const PsPageRequest *request,
                    double              *weight)
{
  gint64 step_ms = ps_interval_to_ms (request->interval);
  gint64 end_ms = ps_okx_page_window_end (self, request);
  gboolean recent = request->from_ms >= ps_okx_now_ms (self) - PS_OKX_RECENT_BARS * step_ms;

  *weight = recent ? PS_OKX_WEIGHT_CANDLES : PS_OKX_WEIGHT_HISTORY_CANDLES;
  /* after: rows older than it; before: rows newer than it. */
  return g_strdup_printf ("%s/api/v5/market/%s?instId=%s&bar=%s"
                          "&after=%" G_GINT64_FORMAT "&before=%" G_GINT64_FORMAT "&limit=%d",
                          rest_base, recent ? "candles" : "history-candles", inst_id,
                          ps_okx_bar (request->interval), end_ms, request->from_ms - 1,
                          PS_OKX_CANDLES_LIMIT);
}

static char *
ps_okx_page_uri (gpointer              provider,
                 const PsPageRequest  *request,
                 double               *weight,
                 GError              **error)
{
  PsOkx *self = PS_OKX (provider);
  const char *rest_base = ps_rest_provider_get_rest_base (PS_REST_PROVIDER (provider));
  g_autofree char *inst_id = g_uri_escape_string (request->symbol, NULL, FALSE);
  PsInterval period;
  gint64 end_ms;

  *weight = 1;
  switch (request->kind)
    {
    case PS_SERIES_CANDLES:
      if (ps_okx_bar (request->interval) == NULL)
        break;
      return ps_okx_candles_uri (self, rest_base, inst_id, request, weight);

    case PS_SERIES_FUNDING:
      *weight = PS_OKX_WEIGHT_FUNDING;
      end_ms = ps_okx_page_window_end (provider, request);
      return g_strdup_printf ("%s/api/v5/public/funding-rate-history?instId=%s"
                              "&after=%" G_GINT64_FORMAT "&before=%" G_GINT64_FORMAT
                              "&limit=%d",
                              rest_base, inst_id, end_ms, request->from_ms - 1,
                              PS_OKX_FUNDING_LIMIT);

    case PS_SERIES_OPEN_INTEREST:
      if (ps_okx_bar (request->interval) == NULL)
        break;
      period = ps_okx_open_interest_interval (request->interval);
      *weight = PS_OKX_WEIGHT_OPEN_INTEREST;
      end_ms = ps_okx_page_window_end (provider, request);
      /* end: rows older than it; begin: from it on (one ms early either way). */
      return g_strdup_printf ("%s/api/v5/rubik/stat/contracts/open-interest-history?instId=%s"
                              "&period=%s&begin=%" G_GINT64_FORMAT "&end=%" G_GINT64_FORMAT
                              "&limit=%d",
                              rest_base, inst_id, ps_okx_bar (period), request->from_ms - 1,
                              end_ms, PS_OKX_OPEN_INTEREST_LIMIT);

    default:
      break;
    }

  g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED,
               _("OKX has no %s at interval “%s”"),
               ps_series_kind_to_string (request->kind),
               ps_interval_to_string (request->interval < PS_N_INTERVALS ? request->interval
                                                                         : PS_INTERVAL_NONE));
  return NULL;
}

/* The parsers name the venue and the kind already; this adds the market. */
static char *
ps_okx_context (const PsPageRequest *request)
{
  switch (request->kind)
    {
    case PS_SERIES_CANDLES:
      return g_strdup_printf ("%s %s", request->symbol,
                              ps_interval_to_string (request->interval));
    case PS_SERIES_OPEN_INTEREST:
      return g_strdup_printf ("%s %s", request->symbol,
                              ps_interval_to_string (ps_okx_open_interest_interval (request->interval)));
    case PS_SERIES_FUNDING:
    default:
      return g_strdup (request->symbol);
    }
}

/* See the weights above. OKX documents no usage header. */
static const PsRestVenue ps_okx_venue = {
  .venue = PS_OKX_VENUE,
  .display_name = PS_OKX_DISPLAY_NAME,
  .env_rest = PS_OKX_ENV_REST,
  .default_rest = PS_OKX_DEFAULT_REST,
  .rate_capacity = 5.0,
  .rate_per_second = 5.0,
  .usage_header = NULL,
  .time_path = "/api/v5/public/time",
  .time_weight = 1,
  .page_uri = ps_okx_page_uri,
  .page_window_end = ps_okx_page_window_end,
  .page_context = ps_okx_context,
  .status_error = ps_okx_status_error,
  .parse_candles = ps_okx_parse_candles,
  .parse_funding = ps_okx_parse_funding_history,
  .parse_open_interest = ps_okx_parse_open_interest_history,
  .parse_time = ps_okx_parse_server_time,
  .limited_body = ps_okx_limited_body,
};

static guint
ps_okx_get_page_limit (PsProvider   *provider,
                       PsSeriesKind  kind)
{
  switch (kind)
    {
    case PS_SERIES_CANDLES:       return PS_OKX_CANDLES_LIMIT;
    case PS_SERIES_FUNDING:       return PS_OKX_FUNDING_LIMIT;
    case PS_SERIES_OPEN_INTEREST: return PS_OKX_OPEN_INTEREST_LIMIT;
    default:                      return 0;
    }
}

static gint64
ps_okx_get_history_horizon (PsProvider   *provider,
                            PsSeriesKind  kind)
{
  switch (kind)
    {
    case PS_SERIES_FUNDING:       return PS_OKX_FUNDING_HORIZON_MS;
    case PS_SERIES_OPEN_INTEREST: return PS_OKX_OPEN_INTEREST_HORIZON_MS;
    case PS_SERIES_CANDLES:
    default:                      return 0;
    }
}

static PsInterval
ps_okx_get_storage_interval (PsProvider   *provider,
                             PsSeriesKind  kind,
                             PsInterval    interval)
{
  switch (kind)
    {
    case PS_SERIES_FUNDING:       return PS_INTERVAL_NONE;   /* settlements */
    case PS_SERIES_OPEN_INTEREST: return ps_okx_open_interest_interval (interval);
    case PS_SERIES_CANDLES:
    default:                      return interval;
    }
}

/* PsRestProvider reads the clock; its reading also picks the candles
 * endpoint (see ps_okx_candles_uri ()). */
static gint64
ps_okx_get_server_time_finish (PsProvider    *provider,
                               GAsyncResult  *result,
                               GError       **error)
{
  PsOkx *self = PS_OKX (provider);
  gint64 now_ms = ps_rest_get_server_time_finish (provider, result, error);

  if (now_ms > 0)
    self->clock_offset_ms = now_ms - g_get_real_time () / 1000;
  return now_ms;
}

/* The rest is PsRestProvider's. */
static void
ps_okx_provider_iface_init (PsProviderInterface *iface)
{
  iface->get_page_limit = ps_okx_get_page_limit;
  iface->get_history_horizon = ps_okx_get_history_horizon;
  iface->get_storage_interval = ps_okx_get_storage_interval;
  iface->get_server_time_finish = ps_okx_get_server_time_finish;
}

static void
ps_okx_class_init (PsOkxClass *klass)
{
  PS_REST_PROVIDER_CLASS (klass)->venue = &ps_okx_venue;
}

static void
ps_okx_init (PsOkx *self)
{
}

PsOkx *
ps_okx_new (PsHttp     *http,
            const char *rest_base)
{
  g_return_val_if_fail (http == NULL || PS_IS_HTTP (http), NULL);

  return g_object_new (PS_TYPE_OKX,
                       "http", http,
                       "rest-base", rest_base,
                       NULL);
}
