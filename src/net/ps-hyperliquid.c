/* ps-hyperliquid.c: Hyperliquid perpetuals, public market data (POST /info)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ps-hyperliquid.h"
#include "ps-hyperliquid-parse.h"
#include "ps-net-error.h"
#include "ps-rest-symbols.h"

#define PS_HYPERLIQUID_VENUE        "hyperliquid"
#define PS_HYPERLIQUID_DISPLAY_NAME "Hyperliquid"
#define PS_HYPERLIQUID_ENV_REST     "PERPSCOPE_HYPERLIQUID_REST"

/* "Only the most recent 5000 candles are available", 5000 a call at most;
 * fundingHistory: 500 a call (a vendor's figure, unverified). */
#define PS_HYPERLIQUID_CANDLES_LIMIT 5000
#define PS_HYPERLIQUID_FUNDING_LIMIT 500
/* Info requests weigh 20, plus (unverified) 1 per 60 candles or 20 rows
 * returned. */
#define PS_HYPERLIQUID_WEIGHT        20.0
#define PS_HYPERLIQUID_HOUR_MS       (G_GINT64_CONSTANT (3600) * 1000)

/* The weight of a page: 20, and one more per per_weight rows the range can
 * hold (one every step_ms, at most limit). Charging the whole page's
 * limit instead made the window's refresh of the last hour cost 103 and
 * wait ten seconds a request for a bucket refilling at 10 a second. */
static double
ps_hyperliquid_page_weight (const PsPageRequest *request,
                            gint64               step_ms,
                            gint64               limit,
                            gint64               per_weight)
{
  gint64 span = request->to_ms - request->from_ms;
  gint64 rows = step_ms > 0 && span > 0 ? (span + step_ms - 1) / step_ms : 1;

  rows = CLAMP (rows, 1, limit);
  return PS_HYPERLIQUID_WEIGHT + (double) ((rows + per_weight - 1) / per_weight);
}

/* The venue's clock, read off its newest candles, is trusted this long. */
#define PS_HYPERLIQUID_CLOCK_TTL_US  (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)
#define PS_HYPERLIQUID_DAY_MS        (PS_HYPERLIQUID_HOUR_MS * 24)
/* Always listed: the coin whose candles tell the venue's time. */
#define PS_HYPERLIQUID_CLOCK_COIN    "BTC"

struct _PsHyperliquid
{
  PsRestProvider  parent_instance;

  GHashTable     *known;        /* coins metaAndAssetCtxs listed */
  gint64          clock_offset_ms;  /* venue's now minus the local clock */
  gint64          clock_read_us;    /* when (monotonic); 0: never */
};

static void ps_hyperliquid_provider_iface_init (PsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsHyperliquid, ps_hyperliquid, PS_TYPE_REST_PROVIDER,
                               G_IMPLEMENT_INTERFACE (PS_TYPE_PROVIDER,
                                                      ps_hyperliquid_provider_iface_init))

static char *
ps_hyperliquid_page_uri (gpointer              provider,
                         const PsPageRequest  *request,
                         double               *weight,
                         GError              **error)
{
  const char *rest_base = ps_rest_provider_get_rest_base (PS_REST_PROVIDER (provider));
  gboolean has_interval = request->interval > PS_INTERVAL_NONE &&
                          request->interval < PS_N_INTERVALS;

  switch (request->kind)
    {
    case PS_SERIES_CANDLES:
      if (!has_interval)
        break;
      *weight = ps_hyperliquid_page_weight (request, ps_interval_to_ms (request->interval),
                                            PS_HYPERLIQUID_CANDLES_LIMIT, 60);
      return g_strconcat (rest_base, "/info", NULL);

    case PS_SERIES_FUNDING:
      /* Hourly settlements (8-hourly in its first days: fewer rows). */
      *weight = ps_hyperliquid_page_weight (request, PS_HYPERLIQUID_HOUR_MS,
                                            PS_HYPERLIQUID_FUNDING_LIMIT, 20);
      return g_strconcat (rest_base, "/info", NULL);

    case PS_SERIES_OPEN_INTEREST:
      *weight = PS_HYPERLIQUID_WEIGHT;
      return g_strconcat (rest_base, "/info", NULL);

    default:
      break;
    }

  g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED,
               _("Hyperliquid has no %s at interval “%s”"),
               ps_series_kind_to_string (request->kind),
               ps_interval_to_string (has_interval ? request->interval : PS_INTERVAL_NONE));
  return NULL;
}

/* The JSON of one /info request; endTime is inclusive. */
static char *
ps_hyperliquid_page_body (gpointer              provider,
                          const PsPageRequest  *request,
                          GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gint64 shift_ms = request->kind == PS_SERIES_FUNDING ? PS_HYPERLIQUID_HOUR_MS / 2 : 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  switch (request->kind)
    {
    case PS_SERIES_CANDLES:
      json_builder_add_string_value (builder, "candleSnapshot");
      json_builder_set_member_name (builder, "req");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "coin");
      json_builder_add_string_value (builder, request->symbol);
      json_builder_set_member_name (builder, "interval");
      /* Hyperliquid's names for our intervals are ours. */
      json_builder_add_string_value (builder, ps_interval_to_string (request->interval));
      break;

    case PS_SERIES_FUNDING:
      json_builder_add_string_value (builder, "fundingHistory");
      json_builder_set_member_name (builder, "coin");
      json_builder_add_string_value (builder, request->symbol);
      break;

    case PS_SERIES_OPEN_INTEREST:
    default:
      json_builder_add_string_value (builder, "metaAndAssetCtxs");
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      return json_to_string (root, FALSE);
    }

  /* Settlements are stamped off the hour by some ms and read as the nearest
   * hour (ps_hyperliquid_parse_funding ()): the rows of [from, to) are those
   * stamped from half an hour before. */
  json_builder_set_member_name (builder, "startTime");
  json_builder_add_int_value (builder, MAX (request->from_ms - shift_ms, 0));
  json_builder_set_member_name (builder, "endTime");
  json_builder_add_int_value (builder, MAX (request->to_ms - shift_ms - 1, 0));
  if (request->kind == PS_SERIES_CANDLES)
    json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
ps_hyperliquid_page_context (const PsPageRequest *request)
{
  if (request->kind == PS_SERIES_CANDLES)
    return g_strdup_printf ("%s %s", request->symbol, ps_interval_to_string (request->interval));
  return g_strdup (request->symbol);
}

/* Worker thread. The contexts carry no time: the snapshot is stamped when
 * it is read. */
static PsPage *
ps_hyperliquid_parse_request (const PsPageRequest  *request,
                              const char           *data,
                              gsize                 length,
                              GError              **error)
{
  g_autoptr(PsPage) page = ps_page_new (request->kind);

  switch (request->kind)
    {
    case PS_SERIES_CANDLES:
      page->candles = ps_hyperliquid_parse_candles (data, length, error);
      break;
    case PS_SERIES_FUNDING:
      /* Rows outside [from, to) once rounded go in ps_rest_slice_page (). */
      page->funding = ps_hyperliquid_parse_funding (data, length, error);
      break;
    case PS_SERIES_OPEN_INTEREST:
      /* Stamped now, or at the end asked for when that is earlier: the sync
       * asks up to its clock + 1 ms, read a moment before. */
      page->open_interest = ps_hyperliquid_parse_asset_ctx (data, length, request->symbol,
                                                             MIN (g_get_real_time () / 1000,
                                                                  request->to_ms - 1),
                                                             error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (page->candles == NULL && page->funding == NULL && page->open_interest == NULL)
    return NULL;
  return g_steal_pointer (&page);
}

/* Hyperliquid's errors are plain text ("Failed to deserialize the JSON body
 * into the target type: …", HTTP 422): its first line goes into the message. */
static GError *
ps_hyperliquid_status_error (const PsRestVenue *venue,
                             GBytes            *body,
                             guint              status,
                             const char        *symbol)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  g_autofree char *text = g_utf8_make_valid (data ? data : "", (gssize) MIN (length, 200));

  g_strdelimit (text, "\r\n", ' ');
  g_strstrip (text);
  if (*text == '\0' || SOUP_STATUS_IS_SERVER_ERROR (status))
    return g_error_new (PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS, _("%s answered HTTP %u (%s)"),
                        venue->display_name, status, soup_status_get_phrase (status));
  return g_error_new (PS_NET_ERROR, PS_NET_ERROR_VENUE, _("%s: %s (HTTP %u)"),
                      venue->display_name, text, status);
}

/* 1200 weight a minute per address; half of it, and a burst of 300 keeps
 * the worst minute at three quarters, as for Binance. No usage header is
 * documented. */
static const PsRestVenue ps_hyperliquid_venue = {
  .venue = PS_HYPERLIQUID_VENUE,
  .display_name = PS_HYPERLIQUID_DISPLAY_NAME,
  .env_rest = PS_HYPERLIQUID_ENV_REST,
  .default_rest = PS_HYPERLIQUID_DEFAULT_REST,
  .rate_capacity = 300.0,
  .rate_per_second = 10.0,
  .usage_header = NULL,
  .time_path = NULL,
  .time_weight = PS_HYPERLIQUID_WEIGHT,
  .page_uri = ps_hyperliquid_page_uri,
  .page_context = ps_hyperliquid_page_context,
  .status_error = ps_hyperliquid_status_error,
  .page_body = ps_hyperliquid_page_body,
  .parse_request = ps_hyperliquid_parse_request,
};

static gboolean
ps_hyperliquid_check_coin (const char  *data,
                           gsize        length,
                           const char  *symbol,
                           GError     **error)
{
  g_autoptr(PsOpenInterest) row = ps_hyperliquid_parse_asset_ctx (data, length, symbol, 0, error);

  return row != NULL;
}

static void
ps_hyperliquid_fetch_page_async (PsProvider          *provider,
                                 const PsPageRequest *request,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  PsHyperliquid *self = PS_HYPERLIQUID (provider);
  PsRestProvider *rest = PS_REST_PROVIDER (self);
  g_autofree char *uri = g_strconcat (ps_rest_provider_get_rest_base (rest), "/info", NULL);

  ps_rest_fetch_checked_async (&ps_hyperliquid_venue, self, ps_rest_provider_get_http (rest),
                               self->known, request, uri, "{\"type\":\"metaAndAssetCtxs\"}",
                               ps_hyperliquid_check_coin, cancellable, callback, user_data);
}

static PsPage *
ps_hyperliquid_fetch_page_finish (PsProvider    *provider,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return ps_rest_fetch_checked_finish (provider, result, error);
}

/* No time endpoint. The venue's clock is where its candles end: the newest
 * daily candle of the last 400 days either covers the local "now" (the
 * usual case: the local clock, one light request) or ends before it (a
 * mirror or a replay serving an earlier "now"), and then the newest minute
 * of that day (or hour, where it serves no minutes) is the venue's now. Read once every ten minutes; a venue that
 * cannot say (an error, no candles) gets the local clock, as before, since
 * the time only bounds what is asked. */
typedef struct
{
  gint64     local_ms;
  gint64     day_ms;       /* the newest daily candle's open */
  PsInterval interval;     /* the finer candles asked within that day */
} PsHyperliquidClock;

static void ps_hyperliquid_clock_ask_within_day (PsHyperliquid *self,
                                                 GTask         *task);

static void
ps_hyperliquid_clock_done (GTask  *task,
                           gint64  venue_ms)
{
  PsHyperliquid *self = g_task_get_source_object (task);
  PsHyperliquidClock *clock = g_task_get_task_data (task);

  self->clock_offset_ms = venue_ms - clock->local_ms;
  self->clock_read_us = g_get_monotonic_time ();
  if (self->clock_offset_ms != 0)
    g_debug ("Hyperliquid: its candles end %.1f h before the local clock",
             -self->clock_offset_ms / 3600000.0);
  g_task_return_int (task, venue_ms);
}

static void
ps_hyperliquid_clock_minutes_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsHyperliquidClock *clock = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  PsPage *page = ps_provider_fetch_page_finish (PS_PROVIDER (object), result, &error);
  gint64 venue_ms = clock->day_ms + PS_HYPERLIQUID_DAY_MS - 1;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (page != NULL && page->candles != NULL && page->candles->n > 0)
    venue_ms = page->candles->t_ms[page->candles->n - 1] + ps_interval_to_ms (clock->interval) - 1;
  else if (error != NULL)
    g_debug ("Hyperliquid: no %s candles for its clock: %s",
             ps_interval_to_string (clock->interval), error->message);
  g_clear_pointer (&page, ps_page_free);
  /* No minutes (a mirror serving hours only): the newest hour's end. */
  if (venue_ms == clock->day_ms + PS_HYPERLIQUID_DAY_MS - 1 && clock->interval == PS_INTERVAL_1M)
    {
      clock->interval = PS_INTERVAL_1H;
      ps_hyperliquid_clock_ask_within_day (PS_HYPERLIQUID (object), g_steal_pointer (&task));
      return;
    }
  ps_hyperliquid_clock_done (task, MIN (venue_ms, clock->local_ms));
}

/* The finer candles of the newest day: where they end is the venue's now. */
static void
ps_hyperliquid_clock_ask_within_day (PsHyperliquid *self,
                                     GTask         *task)
{
  PsHyperliquidClock *clock = g_task_get_task_data (task);
  PsPageRequest request = {
    PS_SERIES_CANDLES, PS_HYPERLIQUID_CLOCK_COIN, clock->interval, clock->day_ms,
    clock->day_ms + PS_HYPERLIQUID_DAY_MS,
  };

  ps_provider_fetch_page_async (PS_PROVIDER (self), &request, g_task_get_cancellable (task),
                                ps_hyperliquid_clock_minutes_cb, task);
}

static void
ps_hyperliquid_clock_days_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsHyperliquidClock *clock = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  PsPage *page = ps_provider_fetch_page_finish (PS_PROVIDER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (page == NULL || page->candles == NULL || page->candles->n == 0)
    {
      if (error != NULL)
        g_debug ("Hyperliquid: no daily candles for its clock: %s", error->message);
      g_clear_pointer (&page, ps_page_free);
      ps_hyperliquid_clock_done (task, clock->local_ms);
      return;
    }
  clock->day_ms = page->candles->t_ms[page->candles->n - 1];
  ps_page_free (page);
  /* Today's candle (or yesterday's, just after midnight): the local clock. */
  if (clock->day_ms + PS_HYPERLIQUID_DAY_MS > clock->local_ms - PS_HYPERLIQUID_HOUR_MS)
    {
      ps_hyperliquid_clock_done (task, clock->local_ms);
      return;
    }
  clock->interval = PS_INTERVAL_1M;
  ps_hyperliquid_clock_ask_within_day (PS_HYPERLIQUID (object), g_steal_pointer (&task));
}

static void
ps_hyperliquid_get_server_time_async (PsProvider          *provider,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  PsHyperliquid *self = PS_HYPERLIQUID (provider);
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);
  PsHyperliquidClock *clock = g_new0 (PsHyperliquidClock, 1);
  PsPageRequest request = {
    PS_SERIES_CANDLES, PS_HYPERLIQUID_CLOCK_COIN, PS_INTERVAL_1D, 0, 0,
  };

  g_task_set_source_tag (task, ps_hyperliquid_get_server_time_async);
  clock->local_ms = g_get_real_time () / 1000;
  g_task_set_task_data (task, clock, g_free);
  if (self->clock_read_us != 0 &&
      g_get_monotonic_time () - self->clock_read_us < PS_HYPERLIQUID_CLOCK_TTL_US)
    {
      g_task_return_int (task, clock->local_ms + self->clock_offset_ms);
      return;
    }
  request.from_ms = clock->local_ms - 400 * PS_HYPERLIQUID_DAY_MS;
  request.to_ms = clock->local_ms + 1;
  ps_provider_fetch_page_async (provider, &request, cancellable, ps_hyperliquid_clock_days_cb,
                                g_steal_pointer (&task));
}

static gint64
ps_hyperliquid_get_server_time_finish (PsProvider    *provider,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  gssize now_ms;

  g_return_val_if_fail (g_task_is_valid (result, provider), 0);

  now_ms = g_task_propagate_int (G_TASK (result), error);
  return now_ms < 0 ? 0 : now_ms;
}

static guint
ps_hyperliquid_get_page_limit (PsProvider   *provider,
                               PsSeriesKind  kind)
{
  switch (kind)
    {
    case PS_SERIES_CANDLES:       return PS_HYPERLIQUID_CANDLES_LIMIT;
    case PS_SERIES_FUNDING:       return PS_HYPERLIQUID_FUNDING_LIMIT;
    case PS_SERIES_OPEN_INTEREST: return 1;
    default:                      return 0;
    }
}

/* Open interest is a snapshot: only the current hour is served. The 5000
 * newest candles are a horizon of 5000 intervals, which PsProvider cannot say
 * per interval yet: older pages come back empty and the sync probes past them. */
static gint64
ps_hyperliquid_get_history_horizon (PsProvider   *provider,
                                    PsSeriesKind  kind)
{
  return kind == PS_SERIES_OPEN_INTEREST ? PS_HYPERLIQUID_HOUR_MS : 0;
}

static PsInterval
ps_hyperliquid_get_storage_interval (PsProvider   *provider,
                                     PsSeriesKind  kind,
                                     PsInterval    interval)
{
  switch (kind)
    {
    case PS_SERIES_FUNDING:       return PS_INTERVAL_NONE;   /* hourly settlements */
    case PS_SERIES_OPEN_INTEREST: return PS_INTERVAL_1H;     /* snapshots, one hour served */
    case PS_SERIES_CANDLES:
    default:                      return interval;
    }
}

static void
ps_hyperliquid_provider_iface_init (PsProviderInterface *iface)
{
  iface->get_page_limit = ps_hyperliquid_get_page_limit;
  iface->get_history_horizon = ps_hyperliquid_get_history_horizon;
  iface->get_storage_interval = ps_hyperliquid_get_storage_interval;
  iface->fetch_page_async = ps_hyperliquid_fetch_page_async;
  iface->fetch_page_finish = ps_hyperliquid_fetch_page_finish;
  iface->get_server_time_async = ps_hyperliquid_get_server_time_async;
  iface->get_server_time_finish = ps_hyperliquid_get_server_time_finish;
}

static void
ps_hyperliquid_finalize (GObject *object)
{
  PsHyperliquid *self = PS_HYPERLIQUID (object);

  g_clear_pointer (&self->known, g_hash_table_unref);

  G_OBJECT_CLASS (ps_hyperliquid_parent_class)->finalize (object);
}

static void
ps_hyperliquid_class_init (PsHyperliquidClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  PS_REST_PROVIDER_CLASS (klass)->venue = &ps_hyperliquid_venue;
  object_class->finalize = ps_hyperliquid_finalize;
}

static void
ps_hyperliquid_init (PsHyperliquid *self)
{
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

PsHyperliquid *
ps_hyperliquid_new (PsHttp     *http,
                    const char *rest_base)
{
  g_return_val_if_fail (http == NULL || PS_IS_HTTP (http), NULL);

  return g_object_new (PS_TYPE_HYPERLIQUID, "http", http, "rest-base", rest_base, NULL);
}

const char *
ps_hyperliquid_get_rest_base (PsHyperliquid *self)
{
  g_return_val_if_fail (PS_IS_HYPERLIQUID (self), NULL);

  return ps_rest_provider_get_rest_base (PS_REST_PROVIDER (self));
}
