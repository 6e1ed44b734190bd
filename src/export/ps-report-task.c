/* ps-report-task.c: a report written off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A large PNG or a PDF takes a few hundred milliseconds to draw and
 * compress: the window hands it to a worker thread. The PsReport the
 * caller passes borrows everything; the job takes its own copy of the
 * strings and references to the series (immutable once made), the
 * analysis, the pane sizes and an aggregate's venues, so the caller may let
 * go of its own at once.
 */
#include "config.h"

#include <string.h>

#include "ps-report.h"

typedef struct
{
  PsReport        report;
  PsReportFormat  format;
  int             width;
  int             height;
  char           *path;
  PsScore         scores[3];
  PsVenueSeries  *venues;
} PsReportJob;

static void
ps_report_job_free (PsReportJob *job)
{
  g_free ((char *) job->report.venue_name);
  g_free ((char *) job->report.symbol);
  g_free ((char *) job->report.note);
  g_free ((char *) job->report.verdict);
  g_free ((PsTimeSpan *) job->report.not_recorded);
  g_clear_pointer (&job->report.candles, ps_candles_unref);
  g_clear_pointer (&job->report.funding, ps_funding_unref);
  g_clear_pointer (&job->report.open_interest, ps_open_interest_unref);
  g_clear_pointer (&job->report.liquidations, ps_liquidations_unref);
  g_clear_pointer (&job->report.analysis, ps_analysis_unref);
  g_clear_pointer (&job->report.pane_sizes, g_variant_unref);
  for (guint i = 0; i < job->report.n_venues; i++)
    {
      g_free ((char *) job->venues[i].venue);
      g_free ((char *) job->venues[i].name);
      g_clear_pointer ((PsOpenInterest **) &job->venues[i].open_interest, ps_open_interest_unref);
      g_clear_pointer ((PsFunding **) &job->venues[i].funding, ps_funding_unref);
    }
  g_free (job->venues);
  g_free (job->path);
  g_free (job);
}

static PsReportJob *
ps_report_job_new (const PsReport *report)
{
  PsReportJob *job = g_new0 (PsReportJob, 1);

  job->report = *report;
  job->report.venue_name = g_strdup (report->venue_name);
  job->report.symbol = g_strdup (report->symbol);
  job->report.note = g_strdup (report->note);
  job->report.verdict = g_strdup (report->verdict);
  job->report.not_recorded = g_memdup2 (report->not_recorded,
                                        report->n_not_recorded * sizeof (PsTimeSpan));
  job->report.candles = report->candles ? ps_candles_ref (report->candles) : NULL;
  job->report.funding = report->funding ? ps_funding_ref (report->funding) : NULL;
  job->report.open_interest = report->open_interest
                              ? ps_open_interest_ref (report->open_interest) : NULL;
  job->report.liquidations = report->liquidations
                             ? ps_liquidations_ref (report->liquidations) : NULL;
  job->report.analysis = report->analysis ? ps_analysis_ref (report->analysis) : NULL;
  job->report.pane_sizes = report->pane_sizes ? g_variant_ref (report->pane_sizes) : NULL;
  if (report->n_venues > 0)
    {
      job->venues = g_new0 (PsVenueSeries, report->n_venues);
      for (guint i = 0; i < report->n_venues; i++)
        {
          const PsVenueSeries *v = &report->venues[i];

          job->venues[i].venue = g_strdup (v->venue);
          job->venues[i].name = g_strdup (v->name);
          job->venues[i].open_interest = v->open_interest
                                         ? ps_open_interest_ref ((PsOpenInterest *) v->open_interest)
                                         : NULL;
          job->venues[i].funding = v->funding ? ps_funding_ref ((PsFunding *) v->funding) : NULL;
        }
      job->report.venues = job->venues;
    }
  else
    job->report.venues = NULL;
  if (report->scores != NULL)
    {
      memcpy (job->scores, report->scores, sizeof job->scores);
      job->report.scores = job->scores;
    }
  /* The time it was asked for, not when a busy worker got to it. */
  if (job->report.generated_ms == 0)
    job->report.generated_ms = g_get_real_time () / 1000;
  return job;
}

static void
ps_report_write_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  PsReportJob *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (ps_report_write (&job->report, job->format, job->width, job->height, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ps_report_write_async (const PsReport      *report,
                       PsReportFormat       format,
                       int                  width,
                       int                  height,
                       const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PsReportJob *job;

  g_return_if_fail (report != NULL);
  g_return_if_fail (path != NULL);

  job = ps_report_job_new (report);
  job->format = format;
  job->width = width;
  job->height = height;
  job->path = g_strdup (path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_report_write_async);
  g_task_set_task_data (task, job, (GDestroyNotify) ps_report_job_free);
  g_task_run_in_thread (task, ps_report_write_thread);
}

gboolean
ps_report_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
