/* ps-sync.c: fetch what the cache lacks for a wanted range, page by page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The library's one domain is set by meson; the store logs under its layer's. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include <glib/gi18n-lib.h>

#include "ps-net-error.h"
#include "ps-sync-private.h"
#include "ps-time.h"
#include "ps-writer.h"

/* A clock asked for with ps_sync_get_server_time_async () serves a fetch
 * started this soon after, instead of asking the venue twice. */
#define PS_SYNC_CLOCK_REUSE_US (5 * G_USEC_PER_SEC)

G_DEFINE_QUARK (ps-sync-error-quark, ps_sync_error)

G_DEFINE_FINAL_TYPE (PsSync, ps_sync, G_TYPE_OBJECT)

enum { PROP_0, PROP_CACHE, PROP_WRITER, PROP_PROVIDER, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { PROGRESS, N_SIGNALS };
static guint signals[N_SIGNALS];

static void ps_sync_request_next (GTask *task);

static void
ps_sync_fetch_free (PsSyncFetch *fetch)
{
  for (guint i = 0; i < fetch->n_jobs; i++)
    {
      g_clear_pointer (&fetch->jobs[i].ranges, g_array_unref);
      g_clear_pointer (&fetch->jobs[i].lost, g_array_unref);
    }
  g_clear_pointer (&fetch->missing, g_array_unref);
  g_free (fetch->symbol);
  g_free (fetch->venue);
  g_free (fetch);
}

char *
_ps_sync_format_day (gint64 t_ms)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (t_ms / 1000);

  return date ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("?");
}

static char *
ps_sync_progress_message (PsSeriesKind kind,
                          gint64       reached_ms)
{
  g_autofree char *day = _ps_sync_format_day (reached_ms);

  /* One whole sentence per kind, for languages that inflect the noun. */
  switch (kind)
    {
    case PS_SERIES_CANDLES:
      /* Translators: %s is a date, 2025-10-14 */
      return g_strdup_printf (_("Fetching candles: %s"), day);
    case PS_SERIES_FUNDING:
      /* Translators: %s is a date, 2025-10-14 */
      return g_strdup_printf (_("Fetching funding: %s"), day);
    case PS_SERIES_OPEN_INTEREST:
    default:
      /* Translators: %s is a date, 2025-10-14 */
      return g_strdup_printf (_("Fetching open interest: %s"), day);
    }
}

/* Planning */

/* The gaps of every wanted kind, in the order fetched; *any when one has some. */
static gboolean
ps_sync_find_gaps (PsSync       *self,
                   PsSyncFetch  *fetch,
                   gboolean     *any,
                   GError      **error)
{
  static const PsSeriesKind order[] = {
    PS_SERIES_CANDLES, PS_SERIES_FUNDING, PS_SERIES_OPEN_INTEREST,
  };

  *any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      PsSyncJob *job;

      if (!(fetch->kinds & order[i]))
        continue;

      job = &fetch->jobs[fetch->n_jobs++];
      job->kind = order[i];
      job->interval = ps_provider_get_storage_interval (self->provider, order[i],
                                                        fetch->interval);
      job->step_ms = MAX (1, ps_interval_to_ms (job->interval));
      job->lost = g_array_new (FALSE, FALSE, sizeof (PsRange));
      job->ranges = ps_cache_get_gaps (self->cache, fetch->venue, fetch->symbol, job->kind,
                                       job->interval, fetch->from_ms, fetch->to_ms, error);
      if (job->ranges == NULL)
        return FALSE;
      *any |= job->ranges->len > 0;
    }

  return TRUE;
}

/* Once the venue's clock is known: what lies past its history horizon is
 * to be recorded as unavailable (job->lost) and never asked for, what lies
 * past now is not asked for yet. The ranges left are what the pages will cover. */
static void
ps_sync_plan (PsSync       *self,
              PsSyncFetch  *fetch,
              PsSyncJob    *job)
{
  gint64 horizon = ps_provider_get_history_horizon (self->provider, job->kind);
  gint64 served_from = G_MININT64;
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (PsRange));

  /* One step inside the horizon, on a row boundary, so the first row asked
   * for is still strictly within what the venue serves. */
  if (horizon > 0)
    served_from = ps_interval_floor (job->interval, fetch->now_ms - horizon + job->step_ms);

  for (guint i = 0; i < job->ranges->len; i++)
    {
      PsRange gap = g_array_index (job->ranges, PsRange, i);
      PsRange lost = { gap.from_ms, MIN (gap.to_ms, served_from) };
      /* now + 1: a row stamped exactly now (the candle that just opened) exists. */
      PsRange fetchable = { MAX (gap.from_ms, served_from), MIN (gap.to_ms, fetch->now_ms + 1) };

      if (lost.to_ms > lost.from_ms)
        g_array_append_val (job->lost, lost);

      if (fetchable.to_ms > fetchable.from_ms)
        {
          g_array_append_val (wanted, fetchable);
          fetch->total_ms += fetchable.to_ms - fetchable.from_ms;
        }
    }

  g_array_unref (job->ranges);
  job->ranges = g_steal_pointer (&wanted);
}

/* Completion */

/* Succeeds, or says which stretch the venue kept answering empty although it
 * serves rows after it: the rest is stored, the next fetch asks again. */
static void
ps_sync_return (GTask *task)
{
  PsSync *self = g_task_get_source_object (task);
  PsSyncFetch *fetch = g_task_get_task_data (task);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const PsSyncMissing *missing;

  if (fetch->missing->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  missing = &g_array_index (fetch->missing, PsSyncMissing, 0);
  from = ps_time_format_utc (missing->range.from_ms);
  to = ps_time_format_utc (missing->range.to_ms);
  g_task_return_new_error (task, PS_SYNC_ERROR, PS_SYNC_ERROR_INCOMPLETE,
                           /* Translators: "Binance sent no candles for BTCUSDT between
                            * 2026-05-28 and 2026-06-01 12:00 UTC although asked 8 times…" */
                           _("%s sent no %s for %s between %s and %s UTC although asked %d "
                             "times; the rest was stored, and that part will be asked for "
                             "again next time"),
                           ps_provider_get_display_name (self->provider),
                           ps_series_kind_get_label (missing->job->kind), fetch->symbol,
                           from, to, PS_SYNC_MAX_TRIES);
}

static void
ps_sync_complete (GTask *task)
{
  PsSync *self = g_task_get_source_object (task);
  PsSyncFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GArray) unavailable = NULL;
  g_autoptr(GError) error = NULL;
  const PsSyncJob *job = NULL;

  /* Open interest, when wanted, is the last kind fetched. */
  if (fetch->n_jobs > 0)
    job = &fetch->jobs[fetch->n_jobs - 1];

  if (job == NULL || job->kind != PS_SERIES_OPEN_INTEREST)
    {
      ps_sync_return (task);
      return;
    }

  /* Read back rather than remembered: a range marked by an earlier fetch is
   * just as unavailable, and that fetch may have made no request at all. */
  unavailable = ps_cache_get_coverage (self->cache, fetch->venue, fetch->symbol,
                                       PS_SERIES_OPEN_INTEREST, job->interval,
                                       fetch->from_ms, fetch->to_ms,
                                       PS_COVERAGE_UNAVAILABLE, &error);
  if (unavailable == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (unavailable->len > 0)
    {
      fetch->stats.oi_unavailable_from_ms = g_array_index (unavailable, PsRange, 0).from_ms;
      fetch->stats.oi_unavailable_to_ms =
        g_array_index (unavailable, PsRange, unavailable->len - 1).to_ms;
    }

  ps_sync_return (task);
}

/* Pages */

/* After a page is dealt with (and written): progress, then the next request.
 * Takes the task's reference. */
void
_ps_sync_page_done (GTask *task)
{
  PsSync *self = g_task_get_source_object (task);
  PsSyncFetch *fetch = g_task_get_task_data (task);
  g_autofree char *message = NULL;
  PsSeriesKind kind;
  double fraction;

  kind = fetch->jobs[MIN (fetch->job, fetch->n_jobs - 1)].kind;
  fraction = fetch->total_ms > 0 ? (double) fetch->done_ms / fetch->total_ms : 1.0;
  message = ps_sync_progress_message (kind, fetch->cursor_ms - 1);
  g_signal_emit (self, signals[PROGRESS], 0, CLAMP (fraction, 0.0, 1.0), message);

  ps_sync_request_next (task);
}

void
_ps_sync_write_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!ps_writer_submit_finish (PS_WRITER (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _ps_sync_page_done (g_steal_pointer (&task));
}

static void
ps_sync_page_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsSync *self = g_task_get_source_object (task);
  g_autoptr(PsPage) page = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (PS_IS_SYNC (self));

  page = ps_provider_fetch_page_finish (PS_PROVIDER (object), result, &error);
  if (page == NULL || !_ps_sync_take_page (task, page, &error))
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Skips finished ranges and kinds; FALSE when nothing is left to request. */
static gboolean
ps_sync_advance (PsSyncFetch *fetch)
{
  while (fetch->job < fetch->n_jobs)
    {
      GArray *ranges = fetch->jobs[fetch->job].ranges;

      if (fetch->range < ranges->len)
        {
          const PsRange *range = &g_array_index (ranges, PsRange, fetch->range);

          fetch->cursor_ms = MAX (fetch->cursor_ms, range->from_ms);
          if (fetch->cursor_ms < range->to_ms)
            return TRUE;
          fetch->range++;
        }
      else
        {
          fetch->job++;
          fetch->range = 0;
        }
      fetch->cursor_ms = G_MININT64;
    }

  return FALSE;
}

/* Asks for the next page, or completes when every range is covered. One
 * request at a time: the venue's rate limit is shared with the rest of the app. */
static void
ps_sync_request_next (GTask *task)
{
  PsSync *self = g_task_get_source_object (task);
  PsSyncFetch *fetch = g_task_get_task_data (task);
  PsPageRequest request;
  const PsSyncJob *job;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (!ps_sync_advance (fetch))
    {
      ps_sync_complete (task);
      g_object_unref (task);
      return;
    }

  job = &fetch->jobs[fetch->job];
  request.kind = job->kind;
  request.symbol = fetch->symbol;
  request.interval = job->interval;
  request.from_ms = fetch->cursor_ms;
  request.to_ms = g_array_index (job->ranges, PsRange, fetch->range).to_ms;
  /* Proof that the venue has nothing up to the range's end lies past it. */
  if (fetch->probing)
    request.to_ms = MAX (request.to_ms, fetch->now_ms + 1);

  fetch->stats.n_requests++;
  ps_provider_fetch_page_async (self->provider, &request, g_task_get_cancellable (task),
                                ps_sync_page_cb, task);
}

static void ps_sync_plan_all (GTask *task_ref);

/* A clock answer that does not parse (a venue's empty "[]" for its time, as
 * for its pages) is asked for again, as often as an empty page. */
static gboolean
ps_sync_retry_clock (const GError *error,
                     guint        *tries)
{
  return error->domain == PS_PARSE_ERROR && ++*tries < PS_SYNC_MAX_TRIES;
}

static void
ps_sync_server_time_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsSync *self = g_task_get_source_object (task);
  PsSyncFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_assert (PS_IS_SYNC (self));

  fetch->now_ms = ps_provider_get_server_time_finish (PS_PROVIDER (object), result, &error);
  if (error != NULL && ps_sync_retry_clock (error, &fetch->tries))
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      fetch->stats.n_requests++;
      ps_provider_get_server_time_async (self->provider, cancellable, ps_sync_server_time_cb,
                                         g_steal_pointer (&task));
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  fetch->tries = 0;
  ps_sync_plan_all (g_steal_pointer (&task));
}

static void ps_sync_mark_lost (GTask *task_ref);

static void
ps_sync_mark_lost_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsSyncFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!ps_writer_mark_coverage_finish (PS_WRITER (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_array_set_size (fetch->jobs[fetch->job].lost, 0);
  ps_sync_mark_lost (g_steal_pointer (&task));
}

/* Records, kind after kind, what lies past the venue's horizon, then asks for
 * page after page. Takes the task's reference. */
static void
ps_sync_mark_lost (GTask *task)
{
  PsSync *self = g_task_get_source_object (task);
  PsSyncFetch *fetch = g_task_get_task_data (task);

  for (; fetch->job < fetch->n_jobs; fetch->job++)
    {
      PsSyncJob *job = &fetch->jobs[fetch->job];

      if (job->lost->len > 0)
        {
          ps_writer_mark_coverage_async (self->writer, fetch->venue, fetch->symbol, job->kind,
                                         job->interval, job->lost, PS_COVERAGE_UNAVAILABLE, NULL,
                                         ps_sync_mark_lost_cb, task);
          return;
        }
    }

  fetch->job = 0;
  ps_sync_request_next (task);
}

/* Once now is known: plan every kind, then request page after page. Takes
 * the task's reference. */
static void
ps_sync_plan_all (GTask *task_ref)
{
  PsSync *self = g_task_get_source_object (task_ref);
  PsSyncFetch *fetch = g_task_get_task_data (task_ref);

  for (guint i = 0; i < fetch->n_jobs; i++)
    ps_sync_plan (self, fetch, &fetch->jobs[i]);

  fetch->job = 0;
  ps_sync_mark_lost (task_ref);
}

void
ps_sync_fetch_async (PsSync              *self,
                     const char          *symbol,
                     PsInterval           interval,
                     PsSeriesKind         kinds,
                     gint64               from_ms,
                     gint64               to_ms,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PsSyncFetch *fetch;
  gboolean any = FALSE;

  g_return_if_fail (PS_IS_SYNC (self));
  g_return_if_fail (symbol != NULL);
  g_return_if_fail (interval < PS_N_INTERVALS);
  g_return_if_fail ((kinds & ~PS_SERIES_ALL) == 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_sync_fetch_async);

  fetch = g_new0 (PsSyncFetch, 1);
  fetch->symbol = g_strdup (symbol);
  fetch->venue = g_strdup (ps_provider_get_venue (self->provider));
  fetch->interval = interval;
  fetch->kinds = kinds;
  fetch->from_ms = from_ms;
  fetch->cursor_ms = G_MININT64;
  fetch->to_ms = to_ms;
  fetch->missing = g_array_new (FALSE, FALSE, sizeof (PsSyncMissing));
  g_task_set_task_data (task, fetch, (GDestroyNotify) ps_sync_fetch_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!ps_sync_find_gaps (self, fetch, &any, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* All cached: no request at all, not even the clock. */
  if (!any)
    {
      ps_sync_complete (task);
      return;
    }

  /* The clock the caller just asked for serves; else ask for it. */
  if (self->clock_at_us != 0 && g_get_monotonic_time () - self->clock_at_us < PS_SYNC_CLOCK_REUSE_US)
    {
      fetch->now_ms = self->clock_now_ms + (g_get_monotonic_time () - self->clock_at_us) / 1000;
      ps_sync_plan_all (g_steal_pointer (&task));
      return;
    }

  fetch->stats.n_requests++;
  ps_provider_get_server_time_async (self->provider, cancellable, ps_sync_server_time_cb,
                                     g_steal_pointer (&task));
}

static void
ps_sync_clock_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsSync *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gint64 now_ms;

  now_ms = ps_provider_get_server_time_finish (PS_PROVIDER (object), result, &error);
  if (error != NULL && ps_sync_retry_clock (error, g_task_get_task_data (task)))
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      ps_provider_get_server_time_async (self->provider, cancellable, ps_sync_clock_cb,
                                         g_steal_pointer (&task));
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->clock_now_ms = now_ms;
  self->clock_at_us = g_get_monotonic_time ();
  g_task_return_int (task, now_ms);
}

void
ps_sync_get_server_time_async (PsSync              *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PS_IS_SYNC (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_sync_get_server_time_async);
  g_task_set_task_data (task, g_new0 (guint, 1), g_free);   /* tries */
  ps_provider_get_server_time_async (self->provider, cancellable, ps_sync_clock_cb,
                                     g_steal_pointer (&task));
}

gint64
ps_sync_get_server_time_finish (PsSync        *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (PS_IS_SYNC (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

gboolean
ps_sync_fetch_finish (PsSync        *self,
                      GAsyncResult  *result,
                      PsSyncStats   *stats,
                      GError       **error)
{
  PsSyncFetch *fetch;

  g_return_val_if_fail (PS_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ps_sync_fetch_async, FALSE);

  /* What was done before a failure is kept in the cache: report it too. */
  fetch = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    *stats = fetch->stats;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject */

PsSync *
ps_sync_new (PsCache    *cache,
             PsProvider *provider)
{
  g_return_val_if_fail (PS_IS_CACHE (cache), NULL);
  g_return_val_if_fail (PS_IS_PROVIDER (provider), NULL);

  return g_object_new (PS_TYPE_SYNC, "cache", cache, "provider", provider, NULL);
}

PsSync *
ps_sync_new_with_writer (PsCache    *cache,
                         PsWriter   *writer,
                         PsProvider *provider)
{
  g_return_val_if_fail (PS_IS_CACHE (cache), NULL);
  g_return_val_if_fail (PS_IS_WRITER (writer), NULL);
  g_return_val_if_fail (PS_IS_PROVIDER (provider), NULL);

  return g_object_new (PS_TYPE_SYNC,
                       "cache", cache,
                       "writer", writer,
                       "provider", provider,
                       NULL);
}

PsWriter *
ps_sync_get_writer (PsSync *self)
{
  g_return_val_if_fail (PS_IS_SYNC (self), NULL);

  return self->writer;
}

PsCache *
ps_sync_get_cache (PsSync *self)
{
  g_return_val_if_fail (PS_IS_SYNC (self), NULL);

  return self->cache;
}

PsProvider *
ps_sync_get_provider (PsSync *self)
{
  g_return_val_if_fail (PS_IS_SYNC (self), NULL);

  return self->provider;
}

static void
ps_sync_constructed (GObject *object)
{
  PsSync *self = PS_SYNC (object);

  G_OBJECT_CLASS (ps_sync_parent_class)->constructed (object);

  /* ps_sync_new (): a writer of its own, its connection on the same file. */
  if (self->writer == NULL && self->cache != NULL)
    self->writer = ps_writer_new (ps_cache_get_path (self->cache));
}

static void
ps_sync_dispose (GObject *object)
{
  PsSync *self = PS_SYNC (object);

  g_clear_object (&self->cache);
  g_clear_object (&self->writer);
  g_clear_object (&self->provider);

  G_OBJECT_CLASS (ps_sync_parent_class)->dispose (object);
}

static void
ps_sync_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PsSync *self = PS_SYNC (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;

    case PROP_WRITER:
      g_value_set_object (value, self->writer);
      break;

    case PROP_PROVIDER:
      g_value_set_object (value, self->provider);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_sync_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  PsSync *self = PS_SYNC (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      self->cache = g_value_dup_object (value);
      break;

    case PROP_WRITER:
      self->writer = g_value_dup_object (value);
      break;

    case PROP_PROVIDER:
      self->provider = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_sync_class_init (PsSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ps_sync_constructed;
  object_class->dispose = ps_sync_dispose;
  object_class->get_property = ps_sync_get_property;
  object_class->set_property = ps_sync_set_property;

  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, PS_TYPE_CACHE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  /* Without one, the sync starts its own on the cache's file. */
  properties[PROP_WRITER] =
    g_param_spec_object ("writer", NULL, NULL, PS_TYPE_WRITER,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL, PS_TYPE_PROVIDER,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After each stored page: the fraction of the missing time now fetched, and
   * a translated line for a status bar or a terminal. */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_STRING);
}

static void
ps_sync_init (PsSync *self)
{
}
