/* ps-jobs.h: a handful of jobs run at once, by the caller and a shared pool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*PsJobFunc) (gpointer job,
                           gpointer user_data);

/* Runs func on each of n_jobs jobs (job i at jobs + i·job_size) and returns
 * when all are done. In parallel, job 0 (put the largest there) runs on the
 * calling thread, and the others are taken one at a time by whoever is free:
 * the caller and a pool shared by every caller, one thread fewer than the
 * processors, at most three. Otherwise, or on one processor, all run on the
 * calling thread. */
void ps_jobs_run (gpointer  jobs,
                  guint     n_jobs,
                  gsize     job_size,
                  PsJobFunc func,
                  gpointer  user_data,
                  gboolean  parallel);

G_END_DECLS
