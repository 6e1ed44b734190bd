/* ps-writer.c: every write on one thread with its own connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* SCHED_BATCH */
#define _GNU_SOURCE

#include "config.h"

/* The library's one domain is set by meson; the store logs under its layer's. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include <glib/gi18n-lib.h>
#ifdef G_OS_UNIX
#include <pthread.h>
#include <sched.h>
#endif

#include "ps-writer.h"

/* What the thread uses, apart from the PsWriter: the last reference to the
 * writer may be dropped on the thread (a job's GTask holds one), and a thread
 * cannot join itself, so it must never need the writer to finish. */
typedef struct
{
  gatomicrefcount  ref_count;
  GAsyncQueue     *queue;        /* PsWriterJob; func NULL: stop */
  char            *cache_path;
  char            *recordings_path;   /* NULL: none */
} PsWriterShared;

typedef struct
{
  PsWriterFunc    func;
  gpointer        data;
  GDestroyNotify  destroy;
  GTask          *task;
} PsWriterJob;

struct _PsWriter
{
  GObject         parent_instance;
  PsWriterShared *shared;
  GThread        *thread;        /* NULL once closed */
};

G_DEFINE_FINAL_TYPE (PsWriter, ps_writer, G_TYPE_OBJECT)

static PsWriterShared *
ps_writer_shared_ref (PsWriterShared *shared)
{
  g_atomic_ref_count_inc (&shared->ref_count);
  return shared;
}

static void
ps_writer_shared_unref (PsWriterShared *shared)
{
  if (!g_atomic_ref_count_dec (&shared->ref_count))
    return;

  g_async_queue_unref (shared->queue);
  g_free (shared->cache_path);
  g_free (shared->recordings_path);
  g_free (shared);
}

static void
ps_writer_job_free (PsWriterJob *job)
{
  if (job->destroy != NULL)
    job->destroy (job->data);
  g_clear_object (&job->task);
  g_free (job);
}

/* The thread */

static void
ps_writer_run_job (PsWriterJob  *job,
                   PsWriterDbs  *dbs)
{
  g_autoptr(GError) error = NULL;

  if (job->func (dbs, job->data, &error))
    g_task_return_boolean (job->task, TRUE);
  else
    g_task_return_error (job->task, g_steal_pointer (&error));

  /* GTask dispatches the callback on the submitter's context, holding its own
   * reference: this one may be the last, hence the shared state. */
  ps_writer_job_free (job);
}

static gpointer
ps_writer_thread (gpointer user_data)
{
  PsWriterShared *shared = user_data;
  PsWriterDbs dbs = { shared };

#ifdef SCHED_BATCH
  {
    /* A job pushed by the main loop wakes this thread, which would preempt
     * the main loop at once on a busy machine and hold it for its time slice
     * (a page of 1,500 candles is ~10 ms of SQLite): a batch thread never
     * preempts on waking, and still gets every idle CPU. */
    struct sched_param param = { 0 };

    pthread_setschedparam (pthread_self (), SCHED_BATCH, &param);
  }
#endif

  for (;;)
    {
      PsWriterJob *job = g_async_queue_pop (shared->queue);

      if (job->func == NULL)
        {
          ps_writer_job_free (job);
          break;
        }
      ps_writer_run_job (job, &dbs);
    }

  g_clear_object (&dbs.cache);
  g_clear_object (&dbs.recordings);
  g_clear_error (&dbs.cache_error);
  g_clear_error (&dbs.recordings_error);
  ps_writer_shared_unref (shared);
  return NULL;
}

PsCache *
ps_writer_dbs_get_cache (PsWriterDbs  *dbs,
                         GError      **error)
{
  PsWriterShared *shared;

  g_return_val_if_fail (dbs != NULL, NULL);

  shared = dbs->shared;
  if (dbs->cache == NULL && dbs->cache_error == NULL &&
      !(dbs->cache = ps_cache_new (shared->cache_path, &dbs->cache_error)))
    g_prefix_error (&dbs->cache_error, _("Nothing can be written to the cache: "));

  if (dbs->cache == NULL)
    g_propagate_error (error, g_error_copy (dbs->cache_error));
  return dbs->cache;
}

PsRecordings *
ps_writer_dbs_get_recordings (PsWriterDbs  *dbs,
                              GError      **error)
{
  PsWriterShared *shared;

  g_return_val_if_fail (dbs != NULL, NULL);

  shared = dbs->shared;
  if (dbs->recordings == NULL && dbs->recordings_error == NULL)
    {
      if (shared->recordings_path == NULL)
        g_set_error_literal (&dbs->recordings_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("No recordings file was given to write to"));
      else if (!(dbs->recordings = ps_recordings_new (shared->recordings_path,
                                                      &dbs->recordings_error)))
        g_prefix_error (&dbs->recordings_error, _("Nothing can be recorded: "));
    }

  if (dbs->recordings == NULL)
    g_propagate_error (error, g_error_copy (dbs->recordings_error));
  return dbs->recordings;
}

/* Submitting */

void
ps_writer_submit_async (PsWriter            *self,
                        PsWriterFunc         func,
                        gpointer             data,
                        GDestroyNotify       destroy,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  PsWriterJob *job;

  g_return_if_fail (PS_IS_WRITER (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (PsWriterJob, 1);
  job->func = func;
  job->data = data;
  job->destroy = destroy;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, ps_writer_submit_async);

  if (self->thread == NULL)
    {
      g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               _("The cache %s is closed: nothing more can be written to it"),
                               self->shared->cache_path);
      ps_writer_job_free (job);
      return;
    }

  g_async_queue_push (self->shared->queue, job);
}

gboolean
ps_writer_submit_finish (PsWriter      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (PS_IS_WRITER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Pages */

typedef struct
{
  char       *venue;
  char       *symbol;
  PsInterval  interval;
  PsPage     *page;      /* shares the submitter's series */
  gint64      cover_from_ms;
  gint64      cover_to_ms;
} PsWriterPage;

static void
ps_writer_page_free (PsWriterPage *job)
{
  g_free (job->venue);
  g_free (job->symbol);
  ps_page_free (job->page);
  g_free (job);
}

static gboolean
ps_writer_write_page_func (PsWriterDbs  *dbs,
                           gpointer      data,
                           GError      **error)
{
  PsWriterPage *job = data;
  const PsPage *page = job->page;
  PsCache *cache = ps_writer_dbs_get_cache (dbs, error);

  if (cache == NULL)
    return FALSE;

  switch (page->kind)
    {
    case PS_SERIES_CANDLES:
      return ps_cache_write_candles (cache, job->venue, job->symbol, job->interval,
                                     page->candles, job->cover_from_ms, job->cover_to_ms, error);
    case PS_SERIES_FUNDING:
      return ps_cache_write_funding (cache, job->venue, job->symbol, page->funding,
                                     job->cover_from_ms, job->cover_to_ms, error);
    case PS_SERIES_OPEN_INTEREST:
      return ps_cache_write_open_interest (cache, job->venue, job->symbol, job->interval,
                                           page->open_interest, job->cover_from_ms,
                                           job->cover_to_ms, error);
    default:
      g_assert_not_reached ();
    }
}

void
ps_writer_write_page_async (PsWriter            *self,
                            const char          *venue,
                            const char          *symbol,
                            PsInterval           interval,
                            const PsPage        *page,
                            gint64               cover_from_ms,
                            gint64               cover_to_ms,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  PsWriterPage *job;

  g_return_if_fail (PS_IS_WRITER (self));
  g_return_if_fail (venue != NULL && symbol != NULL);
  g_return_if_fail (page != NULL);
  g_return_if_fail (page->kind == PS_SERIES_CANDLES ? page->candles != NULL :
                    page->kind == PS_SERIES_FUNDING ? page->funding != NULL :
                    page->kind == PS_SERIES_OPEN_INTEREST && page->open_interest != NULL);

  job = g_new0 (PsWriterPage, 1);
  job->venue = g_strdup (venue);
  job->symbol = g_strdup (symbol);
  job->interval = interval;
  job->page = ps_page_new (page->kind);
  job->page->candles = page->candles ? ps_candles_ref (page->candles) : NULL;
  job->page->funding = page->funding ? ps_funding_ref (page->funding) : NULL;
  job->page->open_interest = page->open_interest ? ps_open_interest_ref (page->open_interest)
                                                 : NULL;
  job->cover_from_ms = cover_from_ms;
  job->cover_to_ms = cover_to_ms;

  ps_writer_submit_async (self, ps_writer_write_page_func, job,
                          (GDestroyNotify) ps_writer_page_free, cancellable, callback, user_data);
}

gboolean
ps_writer_write_page_finish (PsWriter      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return ps_writer_submit_finish (self, result, error);
}

/* Coverage */

typedef struct
{
  char            *venue;
  char            *symbol;
  PsSeriesKind     kind;
  PsInterval       interval;
  GArray          *ranges;
  PsCoverageState  state;
} PsWriterCoverage;

static void
ps_writer_coverage_free (PsWriterCoverage *job)
{
  g_free (job->venue);
  g_free (job->symbol);
  g_array_unref (job->ranges);
  g_free (job);
}

static gboolean
ps_writer_mark_coverage_func (PsWriterDbs  *dbs,
                              gpointer      data,
                              GError      **error)
{
  PsWriterCoverage *job = data;
  PsCache *cache = ps_writer_dbs_get_cache (dbs, error);

  if (cache == NULL)
    return FALSE;

  for (guint i = 0; i < job->ranges->len; i++)
    {
      const PsRange *range = &g_array_index (job->ranges, PsRange, i);

      if (!ps_cache_mark_coverage (cache, job->venue, job->symbol, job->kind, job->interval,
                                   range->from_ms, range->to_ms, job->state, error))
        return FALSE;
    }
  return TRUE;
}

void
ps_writer_mark_coverage_async (PsWriter            *self,
                               const char          *venue,
                               const char          *symbol,
                               PsSeriesKind         kind,
                               PsInterval           interval,
                               GArray              *ranges,
                               PsCoverageState      state,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  PsWriterCoverage *job;

  g_return_if_fail (PS_IS_WRITER (self));
  g_return_if_fail (venue != NULL && symbol != NULL);
  g_return_if_fail (ranges != NULL && g_array_get_element_size (ranges) == sizeof (PsRange));

  job = g_new0 (PsWriterCoverage, 1);
  job->venue = g_strdup (venue);
  job->symbol = g_strdup (symbol);
  job->kind = kind;
  job->interval = interval;
  /* A copy: the caller may go on changing its array. */
  job->ranges = g_array_copy (ranges);
  job->state = state;

  ps_writer_submit_async (self, ps_writer_mark_coverage_func, job,
                          (GDestroyNotify) ps_writer_coverage_free, cancellable, callback,
                          user_data);
}

gboolean
ps_writer_mark_coverage_finish (PsWriter      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return ps_writer_submit_finish (self, result, error);
}

/* Life */

void
ps_writer_close (PsWriter *self)
{
  PsWriterJob *stop;
  GThread *thread;

  g_return_if_fail (PS_IS_WRITER (self));

  if (self->thread == NULL)
    return;

  thread = g_steal_pointer (&self->thread);
  stop = g_new0 (PsWriterJob, 1);
  g_async_queue_push (self->shared->queue, stop);

  /* Dropped by the last job's GTask on the thread itself: it stops on its own. */
  if (thread == g_thread_self ())
    g_thread_unref (thread);
  else
    g_thread_join (thread);
}

PsWriter *
ps_writer_new (const char *cache_path)
{
  return ps_writer_new_full (cache_path, NULL);
}

PsWriter *
ps_writer_new_full (const char *cache_path,
                    const char *recordings_path)
{
  PsWriter *self;

  g_return_val_if_fail (cache_path != NULL, NULL);

  self = g_object_new (PS_TYPE_WRITER, NULL);
  self->shared->cache_path = g_strdup (cache_path);
  self->shared->recordings_path = g_strdup (recordings_path);
  self->thread = g_thread_new ("ps-writer", ps_writer_thread,
                               ps_writer_shared_ref (self->shared));
  return self;
}

const char *
ps_writer_get_cache_path (PsWriter *self)
{
  g_return_val_if_fail (PS_IS_WRITER (self), NULL);

  return self->shared->cache_path;
}

const char *
ps_writer_get_recordings_path (PsWriter *self)
{
  g_return_val_if_fail (PS_IS_WRITER (self), NULL);

  return self->shared->recordings_path;
}

static void
ps_writer_dispose (GObject *object)
{
  ps_writer_close (PS_WRITER (object));

  G_OBJECT_CLASS (ps_writer_parent_class)->dispose (object);
}

static void
ps_writer_finalize (GObject *object)
{
  PsWriter *self = PS_WRITER (object);

  g_clear_pointer (&self->shared, ps_writer_shared_unref);

  G_OBJECT_CLASS (ps_writer_parent_class)->finalize (object);
}

static void
ps_writer_class_init (PsWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_writer_dispose;
  object_class->finalize = ps_writer_finalize;
}

static void
ps_writer_init (PsWriter *self)
{
  self->shared = g_new0 (PsWriterShared, 1);
  g_atomic_ref_count_init (&self->shared->ref_count);
  self->shared->queue = g_async_queue_new ();
}
