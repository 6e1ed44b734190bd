/* ps-jobs.c: a handful of jobs run at once, by the caller and a shared pool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window's panes are drawn with (ps-chart-pane-render.c), and the
 * benchmark's frame with them, so that it measures the same scheme.
 */
#include "config.h"

#include "ps-jobs.h"

/* The jobs, taken one at a time by whoever is free: the caller and the
 * pool's threads alike. The caller waits only for jobs a thread took, so a
 * job no thread got to (none started yet, or none could be made:
 * g_thread_pool_push () then leaves the task queued) is run by the caller
 * itself, never twice. Referenced by each queued task: a task that runs
 * after the batch finds nothing left to take. */
typedef struct
{
  gint       ref_count;
  GMutex     mutex;
  GCond      cond;
  char      *jobs;      /* valid while jobs are left or taken */
  guint      n_jobs;
  gsize      job_size;
  PsJobFunc  func;
  gpointer   user_data;
  guint      next;      /* the first job nobody took */
  guint      running;   /* taken by a pool thread, not done */
} PsJobBatch;

static PsJobBatch *
ps_job_batch_ref (PsJobBatch *batch)
{
  g_atomic_int_inc (&batch->ref_count);
  return batch;
}

static void
ps_job_batch_unref (PsJobBatch *batch)
{
  if (!g_atomic_int_dec_and_test (&batch->ref_count))
    return;
  g_mutex_clear (&batch->mutex);
  g_cond_clear (&batch->cond);
  g_free (batch);
}

/* Runs jobs until none is left; a pool thread's are counted as running. */
static void
ps_job_batch_drain (PsJobBatch *batch,
                    gboolean    pool_thread)
{
  g_mutex_lock (&batch->mutex);
  while (batch->next < batch->n_jobs)
    {
      gpointer job = batch->jobs + batch->next++ * batch->job_size;

      batch->running += pool_thread;
      g_mutex_unlock (&batch->mutex);
      batch->func (job, batch->user_data);
      g_mutex_lock (&batch->mutex);
      batch->running -= pool_thread;
    }
  if (batch->running == 0)
    g_cond_broadcast (&batch->cond);
  g_mutex_unlock (&batch->mutex);
}

static void
ps_jobs_thread (gpointer data,
                gpointer user_data)
{
  PsJobBatch *batch = data;

  ps_job_batch_drain (batch, TRUE);
  ps_job_batch_unref (batch);
}

/* Asked for only where there are two processors or more. */
static GThreadPool *
ps_jobs_get_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      guint n = CLAMP (g_get_num_processors (), 2u, 4u) - 1;

      /* Shared, not exclusive: made without fail, threads started as needed. */
      g_once_init_leave (&pool, g_thread_pool_new (ps_jobs_thread, NULL, (int) n, FALSE, NULL));
    }
  return pool;
}

void
ps_jobs_run (gpointer  jobs,
             guint     n_jobs,
             gsize     job_size,
             PsJobFunc func,
             gpointer  user_data,
             gboolean  parallel)
{
  PsJobBatch *batch;

  g_return_if_fail (jobs != NULL || n_jobs == 0);
  g_return_if_fail (func != NULL);

  if (n_jobs == 0)
    return;

  batch = g_new0 (PsJobBatch, 1);
  batch->ref_count = 1;
  g_mutex_init (&batch->mutex);
  g_cond_init (&batch->cond);
  batch->jobs = jobs;
  batch->n_jobs = n_jobs;
  batch->job_size = job_size;
  batch->func = func;
  batch->user_data = user_data;
  if (parallel && n_jobs > 1 && g_get_num_processors () > 1)
    {
      /* Job 0 is taken here before a thread can take it. */
      batch->next = 1;
      for (guint i = 1; i < n_jobs; i++)
        g_thread_pool_push (ps_jobs_get_pool (), ps_job_batch_ref (batch), NULL);
      func (jobs, user_data);
    }
  ps_job_batch_drain (batch, FALSE);

  g_mutex_lock (&batch->mutex);
  while (batch->running > 0)
    g_cond_wait (&batch->cond, &batch->mutex);
  g_mutex_unlock (&batch->mutex);
  ps_job_batch_unref (batch);
}
