/* ps-rest.c: what every REST venue's provider shares: base URL, page fetch, clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ps-net-error.h"
#include "ps-rest.h"

char *
ps_rest_resolve_base (const char *base,
                      const char *env_var,
                      const char *default_base)
{
  const char *env = g_getenv (env_var);
  char *resolved;
  gsize length;

  /* Tests and mirrors point the whole venue elsewhere. */
  if (base != NULL && *base != '\0')
    resolved = g_strdup (base);
  else
    resolved = g_strdup (env != NULL && *env != '\0' ? env : default_base);

  length = strlen (resolved);
  while (length > 0 && resolved[length - 1] == '/')
    resolved[--length] = '\0';
  return resolved;
}

GError *
ps_rest_unknown_symbol (const PsRestVenue *venue,
                        const char        *symbol)
{
  return g_error_new (PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL,
                      _("%s does not list the symbol “%s”"), venue->display_name, symbol);
}

/* One ps_rest_fetch_page_async () call. */
typedef struct
{
  const PsRestVenue *venue;
  PsSeriesKind       kind;
  char              *symbol;
  PsInterval         interval;
  gint64             from_ms;
  gint64             to_ms;
  char              *context;   /* "BTCUSDT 4h": prefixes parse errors */
  GBytes            *body;      /* the answer, parsed on a worker thread */
  PsHttp            *http;
  gint64             window_end_ms;   /* of the window asked for; with page_window_end */
  gint64             window_from_ms;  /* of the window asked for */
  guint              n_windows;       /* empty windows walked through so far */
  gboolean           confirmed;       /* the window was asked twice */
} PsRestFetch;

static void
ps_rest_fetch_free (PsRestFetch *fetch)
{
  g_clear_pointer (&fetch->body, g_bytes_unref);
  g_clear_object (&fetch->http);
  g_free (fetch->symbol);
  g_free (fetch->context);
  g_free (fetch);
}

static PsPage *
ps_rest_empty_page (PsSeriesKind kind)
{
  PsPage *page = ps_page_new (kind);

  if (kind == PS_SERIES_CANDLES)
    page->candles = ps_candles_new (0);
  else if (kind == PS_SERIES_FUNDING)
    page->funding = ps_funding_new (0);
  else
    page->open_interest = ps_open_interest_new (0);
  return page;
}

/* Venues page by inclusive times or round the edges; the provider promises [from, to). */
static PsPage *
ps_rest_slice_page (const PsPage *rows,
                    gint64        from_ms,
                    gint64        to_ms)
{
  PsPage *page = ps_page_new (rows->kind);

  if (rows->candles != NULL)
    page->candles = ps_candles_slice (rows->candles, from_ms, to_ms);
  if (rows->funding != NULL)
    page->funding = ps_funding_slice (rows->funding, from_ms, to_ms);
  if (rows->open_interest != NULL)
    page->open_interest = ps_open_interest_slice (rows->open_interest, from_ms, to_ms);
  return page;
}

/* The rows of a 2xx body as the venue sent them, by the venue's parser of
 * kind; NULL and error when it refuses them. */
static PsPage *
ps_rest_parse_page (const PsRestVenue  *venue,
                    PsSeriesKind        kind,
                    const char         *data,
                    gsize               length,
                    GError            **error)
{
  g_autoptr(PsPage) page = ps_page_new (kind);

  switch (kind)
    {
    case PS_SERIES_CANDLES:
      g_assert (venue->parse_candles != NULL);
      page->candles = venue->parse_candles (data, length, error);
      break;

    case PS_SERIES_FUNDING:
      g_assert (venue->parse_funding != NULL);
      page->funding = venue->parse_funding (data, length, error);
      break;

    case PS_SERIES_OPEN_INTEREST:
      g_assert (venue->parse_open_interest != NULL);
      page->open_interest = venue->parse_open_interest (data, length, error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (page->candles == NULL && page->funding == NULL && page->open_interest == NULL)
    return NULL;
  return g_steal_pointer (&page);
}

/* A page of 1,500 klines takes ~10 ms to parse: the main loop would stall
 * that long per page of a long fetch. The parsers are pure functions of the
 * bytes, so a worker thread parses. It runs a task of its own, with no source
 * object: the worker drops its reference to that task only after the result
 * is on its way, and the provider must not live on in it. The caller's task
 * is returned from the parse task's callback, on the caller's context. */
static void
ps_rest_parse_thread (GTask        *parse,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  PsRestFetch *fetch = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_steal_pointer (&fetch->body);
  g_autoptr(PsPage) rows = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (fetch->venue->parse_request != NULL)
    {
      PsPageRequest request = { fetch->kind, fetch->symbol, fetch->interval,
                                fetch->from_ms, fetch->to_ms };

      rows = fetch->venue->parse_request (&request, data, length, &error);
    }
  else
    rows = ps_rest_parse_page (fetch->venue, fetch->kind, data, length, &error);
  if (rows == NULL)
    {
      /* An unknown-symbol code in a body the parser met: the same words as
       * for a 400 answer. */
      if (g_error_matches (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL))
        {
          g_clear_error (&error);
          error = ps_rest_unknown_symbol (fetch->venue, fetch->symbol);
        }
      else if (error->domain == PS_PARSE_ERROR)
        g_prefix_error (&error, "%s: ", fetch->context);
      g_task_return_error (parse, g_steal_pointer (&error));
      return;
    }

  /* A window's page holds the window's rows (the earlier windows were empty). */
  g_task_return_pointer (parse, ps_rest_slice_page (rows, fetch->from_ms,
                                                    fetch->window_end_ms > 0
                                                      ? MIN (fetch->window_end_ms, fetch->to_ms)
                                                      : fetch->to_ms),
                         (GDestroyNotify) ps_page_free);
}

static void ps_rest_fetch_page_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data);

/* A venue that answers the newest rows of a range was asked one window: an
 * empty one is followed by the next (see PsRestVenue.page_window_end). TRUE
 * when the next window was asked for, with task. */
static gboolean
ps_rest_next_window (GTask *task)
{
  PsRestFetch *fetch = g_task_get_task_data (task);
  const PsRestVenue *venue = fetch->venue;
  gpointer provider = g_task_get_source_object (task);
  PsPageRequest next = { fetch->kind, fetch->symbol, fetch->interval,
                         fetch->window_end_ms, fetch->to_ms };
  g_autofree char *uri = NULL;
  double weight = 1;
  gint64 window_end_ms;

  /* The last window's silence is the sync's to judge, as any empty page. */
  if (venue->page_window_end == NULL ||
      fetch->window_end_ms >= fetch->to_ms ||
      g_task_return_error_if_cancelled (task))
    return FALSE;

  /* An empty answer may be the venue's hiccup, and once walked past, the
   * rows of the next window would claim the silence: the same window is
   * asked once more before it counts as empty. */
  fetch->confirmed = !fetch->confirmed;
  if (fetch->confirmed)
    next.from_ms = fetch->window_from_ms;
  else if (++fetch->n_windows > PS_REST_MAX_EMPTY_WINDOWS)
    return FALSE;

  window_end_ms = venue->page_window_end (provider, &next);
  /* A window that does not move on would be asked forever. */
  if (window_end_ms <= next.from_ms ||
      (uri = venue->page_uri (provider, &next, &weight, NULL)) == NULL)
    return FALSE;

  fetch->window_from_ms = next.from_ms;
  fetch->window_end_ms = window_end_ms;
  ps_http_get_async (fetch->http, venue->display_name, uri, weight,
                     g_task_get_cancellable (task), ps_rest_fetch_page_cb, task);
  return TRUE;
}

static void
ps_rest_parsed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  PsPage *page;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    g_task_return_error (task, error);
  else if (ps_page_get_n_rows (page) == 0 && !g_task_had_error (task) &&
           ps_rest_next_window (task))
    {
      ps_page_free (page);
      g_steal_pointer (&task);   /* with the next window's request */
    }
  else if (!g_task_had_error (task))
    g_task_return_pointer (task, page, (GDestroyNotify) ps_page_free);
  else
    ps_page_free (page);
}

static void
ps_rest_fetch_page_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsRestFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) parse = NULL;
  guint status;

  body = ps_http_get_finish (PS_HTTP (object), result, &status, &error);
  if (body != NULL && !SOUP_STATUS_IS_SUCCESSFUL (status))
    error = fetch->venue->status_error (fetch->venue, body, status, fetch->symbol);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* fetch outlives the parse: task is released only in ps_rest_parsed_cb. */
  fetch->body = g_steal_pointer (&body);
  parse = g_task_new (NULL, NULL, ps_rest_parsed_cb, g_steal_pointer (&task));
  g_task_set_source_tag (parse, ps_rest_parse_thread);
  g_task_set_task_data (parse, fetch, NULL);
  g_task_run_in_thread (parse, ps_rest_parse_thread);
}

void
ps_rest_fetch_page_async (const PsRestVenue   *venue,
                          gpointer             provider,
                          PsHttp              *http,
                          const PsPageRequest *request,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *post = NULL;
  PsRestFetch *fetch;
  double weight = 1;

  g_return_if_fail (request->symbol != NULL);

  task = g_task_new (provider, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_rest_fetch_page_async);

  /* Answered at once rather than left hanging on a g_return_if_fail (). */
  if (*request->symbol == '\0')
    {
      g_task_return_error (task, ps_rest_unknown_symbol (venue, request->symbol));
      return;
    }

  uri = venue->page_uri (provider, request, &weight, &error);
  if (uri != NULL && venue->page_body != NULL)
    post = venue->page_body (provider, request, &error);
  if (uri == NULL || (venue->page_body != NULL && post == NULL))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* [from, to) is empty: nothing to ask the venue. */
  if (request->from_ms >= request->to_ms)
    {
      g_task_return_pointer (task, ps_rest_empty_page (request->kind),
                             (GDestroyNotify) ps_page_free);
      return;
    }

  fetch = g_new0 (PsRestFetch, 1);
  fetch->venue = venue;
  fetch->kind = request->kind;
  fetch->symbol = g_strdup (request->symbol);
  fetch->interval = request->interval;
  fetch->http = g_object_ref (http);
  fetch->window_from_ms = request->from_ms;
  if (venue->page_window_end != NULL)
    fetch->window_end_ms = venue->page_window_end (provider, request);
  fetch->from_ms = request->from_ms;
  fetch->to_ms = request->to_ms;
  fetch->context = venue->page_context (request);
  g_task_set_task_data (task, fetch, (GDestroyNotify) ps_rest_fetch_free);

  if (post != NULL)
    {
      gsize length = strlen (post);
      g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&post), length);

      ps_http_post_async (http, venue->display_name, uri, "application/json", body, weight,
                          cancellable, ps_rest_fetch_page_cb, g_steal_pointer (&task));
      return;
    }
  ps_http_get_async (http, venue->display_name, uri, weight, cancellable,
                     ps_rest_fetch_page_cb, g_steal_pointer (&task));
}

PsPage *
ps_rest_fetch_page_finish (gpointer       provider,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ps_rest_fetch_page_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ps_rest_server_time_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const PsRestVenue *venue = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 server_time_ms = 0;
  guint status;

  body = ps_http_get_finish (PS_HTTP (object), result, &status, &error);
  if (body != NULL && !SOUP_STATUS_IS_SUCCESSFUL (status))
    error = venue->status_error (venue, body, status, "");
  else if (body != NULL)
    venue->parse_time (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                       &server_time_ms, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_memdup2 (&server_time_ms, sizeof server_time_ms), g_free);
}

void
ps_rest_get_server_time_async (const PsRestVenue   *venue,
                               gpointer             provider,
                               PsHttp              *http,
                               const char          *uri,
                               double               weight,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  task = g_task_new (provider, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_rest_get_server_time_async);
  g_task_set_task_data (task, (gpointer) venue, NULL);
  ps_http_get_async (http, venue->display_name, uri, weight, cancellable,
                     ps_rest_server_time_cb, task);
}

gint64
ps_rest_get_server_time_finish (gpointer       provider,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_autofree gint64 *server_time_ms = NULL;

  g_return_val_if_fail (g_task_is_valid (result, provider), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ps_rest_get_server_time_async, 0);

  server_time_ms = g_task_propagate_pointer (G_TASK (result), error);
  return server_time_ms != NULL ? *server_time_ms : 0;
}

/* PsRestProvider */

typedef struct
{
  PsHttp *http;
  char   *rest_base;   /* no trailing '/' */
} PsRestProviderPrivate;

enum { PROP_0, PROP_HTTP, PROP_REST_BASE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void ps_rest_provider_iface_init (PsProviderInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (PsRestProvider, ps_rest_provider, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (PsRestProvider)
                                  G_IMPLEMENT_INTERFACE (PS_TYPE_PROVIDER,
                                                         ps_rest_provider_iface_init))

static const PsRestVenue *
ps_rest_provider_venue (gpointer self)
{
  return PS_REST_PROVIDER_GET_CLASS (self)->venue;
}

static const char *
ps_rest_provider_get_venue (PsProvider *provider)
{
  return ps_rest_provider_venue (provider)->venue;
}

static const char *
ps_rest_provider_get_display_name (PsProvider *provider)
{
  return ps_rest_provider_venue (provider)->display_name;
}

static void
ps_rest_provider_fetch_page_async (PsProvider          *provider,
                                   const PsPageRequest *request,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  PsRestProvider *self = PS_REST_PROVIDER (provider);
  PsRestProviderPrivate *priv = ps_rest_provider_get_instance_private (self);

  ps_rest_fetch_page_async (ps_rest_provider_venue (self), self, priv->http, request,
                            cancellable, callback, user_data);
}

static PsPage *
ps_rest_provider_fetch_page_finish (PsProvider    *provider,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return ps_rest_fetch_page_finish (provider, result, error);
}

static void
ps_rest_provider_get_server_time_async (PsProvider          *provider,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  PsRestProvider *self = PS_REST_PROVIDER (provider);
  PsRestProviderPrivate *priv = ps_rest_provider_get_instance_private (self);
  const PsRestVenue *venue = ps_rest_provider_venue (self);
  g_autofree char *uri = g_strconcat (priv->rest_base, venue->time_path, NULL);

  ps_rest_get_server_time_async (venue, self, priv->http, uri, venue->time_weight,
                                 cancellable, callback, user_data);
}

static gint64
ps_rest_provider_get_server_time_finish (PsProvider    *provider,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return ps_rest_get_server_time_finish (provider, result, error);
}

static void
ps_rest_provider_iface_init (PsProviderInterface *iface)
{
  iface->get_venue = ps_rest_provider_get_venue;
  iface->get_display_name = ps_rest_provider_get_display_name;
  iface->fetch_page_async = ps_rest_provider_fetch_page_async;
  iface->fetch_page_finish = ps_rest_provider_fetch_page_finish;
  iface->get_server_time_async = ps_rest_provider_get_server_time_async;
  iface->get_server_time_finish = ps_rest_provider_get_server_time_finish;
}

static void
ps_rest_provider_constructed (GObject *object)
{
  PsRestProvider *self = PS_REST_PROVIDER (object);
  PsRestProviderPrivate *priv = ps_rest_provider_get_instance_private (self);
  const PsRestVenue *venue = ps_rest_provider_venue (self);
  char *rest_base;

  G_OBJECT_CLASS (ps_rest_provider_parent_class)->constructed (object);

  if (priv->http == NULL)
    priv->http = ps_http_new ();

  rest_base = ps_rest_resolve_base (priv->rest_base, venue->env_rest, venue->default_rest);
  g_free (priv->rest_base);
  priv->rest_base = rest_base;

  ps_http_set_rate_limit (priv->http, venue->display_name,
                          venue->rate_capacity, venue->rate_per_second);
  if (venue->usage_header != NULL)
    ps_http_set_usage_header (priv->http, venue->display_name, venue->usage_header);
  if (venue->remaining_header != NULL)
    ps_http_set_remaining_header (priv->http, venue->display_name, venue->remaining_header);
  if (venue->ban_status != 0 || venue->ban_default_s != 0)
    ps_http_set_ban (priv->http, venue->display_name, venue->ban_status, venue->ban_default_s);
  if (venue->limited_body != NULL)
    ps_http_set_limited_body (priv->http, venue->display_name, venue->limited_body);
}

static void
ps_rest_provider_dispose (GObject *object)
{
  PsRestProvider *self = PS_REST_PROVIDER (object);
  PsRestProviderPrivate *priv = ps_rest_provider_get_instance_private (self);

  g_clear_object (&priv->http);

  G_OBJECT_CLASS (ps_rest_provider_parent_class)->dispose (object);
}

static void
ps_rest_provider_finalize (GObject *object)
{
  PsRestProvider *self = PS_REST_PROVIDER (object);
  PsRestProviderPrivate *priv = ps_rest_provider_get_instance_private (self);

  g_clear_pointer (&priv->rest_base, g_free);

  G_OBJECT_CLASS (ps_rest_provider_parent_class)->finalize (object);
}

static void
ps_rest_provider_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PsRestProvider *self = PS_REST_PROVIDER (object);
  PsRestProviderPrivate *priv = ps_rest_provider_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_HTTP:
      g_value_set_object (value, priv->http);
      break;

    case PROP_REST_BASE:
      g_value_set_string (value, priv->rest_base);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_rest_provider_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PsRestProvider *self = PS_REST_PROVIDER (object);
  PsRestProviderPrivate *priv = ps_rest_provider_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_HTTP:
      priv->http = g_value_dup_object (value);
      break;

    case PROP_REST_BASE:
      priv->rest_base = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_rest_provider_class_init (PsRestProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ps_rest_provider_constructed;
  object_class->dispose = ps_rest_provider_dispose;
  object_class->finalize = ps_rest_provider_finalize;
  object_class->get_property = ps_rest_provider_get_property;
  object_class->set_property = ps_rest_provider_set_property;

  /* NULL: a PsHttp of its own. */
  properties[PROP_HTTP] =
    g_param_spec_object ("http", NULL, NULL,
                         PS_TYPE_HTTP,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /* NULL: the venue's env_rest variable, else its default_rest. */
  properties[PROP_REST_BASE] =
    g_param_spec_string ("rest-base", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_rest_provider_init (PsRestProvider *self)
{
}

PsHttp *
ps_rest_provider_get_http (PsRestProvider *self)
{
  PsRestProviderPrivate *priv = ps_rest_provider_get_instance_private (self);

  g_return_val_if_fail (PS_IS_REST_PROVIDER (self), NULL);

  return priv->http;
}

const char *
ps_rest_provider_get_rest_base (PsRestProvider *self)
{
  PsRestProviderPrivate *priv = ps_rest_provider_get_instance_private (self);

  g_return_val_if_fail (PS_IS_REST_PROVIDER (self), NULL);

  return priv->rest_base;
}
