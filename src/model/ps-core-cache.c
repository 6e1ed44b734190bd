/* ps-core-cache.c: the cache's upkeep through the core's writer: markets
 * marked used, the cache measured and kept under its size limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-core.h"

typedef struct
{
  char            *venue;
  char            *symbol;
  gint64           used_ms;
} PsTouchJob;

static void
ps_touch_job_free (gpointer data)
{
  PsTouchJob *job = data;

  g_free (job->venue);
  g_free (job->symbol);
  g_free (job);
}

/* Writer thread. */
static gboolean
ps_core_touch_job (PsWriterDbs  *dbs,
                   gpointer      data,
                   GError      **error)
{
  PsTouchJob *job = data;
  PsCache *cache;

  if (!(cache = ps_writer_dbs_get_cache (dbs, error)))
    return FALSE;
  return ps_cache_touch_market (cache, job->venue, job->symbol, job->used_ms, error);
}

static void
ps_core_touch_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A cache that cannot be written says so at the next fetch, in the window. */
  if (!ps_writer_submit_finish (PS_WRITER (object), result, &error))
    g_debug ("Could not mark a market used: %s", error->message);
}

void
ps_core_touch_market (PsCore     *self,
                      const char *venue,
                      const char *symbol)
{
  PsTouchJob *job;

  g_return_if_fail (PS_IS_CORE (self));
  g_return_if_fail (venue != NULL && symbol != NULL);

  job = g_new0 (PsTouchJob, 1);
  job->venue = g_strdup (venue);
  job->symbol = g_strdup (symbol);
  job->used_ms = g_get_real_time () / 1000;
  ps_writer_submit_async (ps_core_get_writer (self), ps_core_touch_job, job, ps_touch_job_free,
                          NULL, ps_core_touch_done_cb, NULL);
}

typedef struct
{
  guint64          limit_bytes;
  PsCacheEviction  result;
} PsTrimJob;

/* Writer thread: job is the task's data, which outlives the job. */
static gboolean
ps_core_trim_job (PsWriterDbs  *dbs,
                  gpointer      data,
                  GError      **error)
{
  PsTrimJob *job = data;
  PsCache *cache;

  if (!(cache = ps_writer_dbs_get_cache (dbs, error)))
    return FALSE;
  return ps_cache_evict (cache, job->limit_bytes, &job->result, error);
}

static void
ps_core_trim_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!ps_writer_submit_finish (PS_WRITER (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
ps_core_trim_cache_async (PsCore              *self,
                          guint64              limit_bytes,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PsTrimJob *job;

  g_return_if_fail (PS_IS_CORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_core_trim_cache_async);
  job = g_new0 (PsTrimJob, 1);
  job->limit_bytes = limit_bytes;
  g_task_set_task_data (task, job, g_free);
  ps_writer_submit_async (ps_core_get_writer (self), ps_core_trim_job, job, NULL, cancellable,
                          ps_core_trim_done_cb, g_object_ref (task));
}

gboolean
ps_core_trim_cache_finish (PsCore           *self,
                           GAsyncResult     *result,
                           PsCacheEviction  *eviction,
                           GError          **error)
{
  g_return_val_if_fail (PS_IS_CORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (eviction != NULL)
    *eviction = ((PsTrimJob *) g_task_get_task_data (G_TASK (result)))->result;
  return TRUE;
}
