/* ps-report-task.c: a report written or drawn on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PsReport lends everything it names; the window's market may replace
 * those while the worker draws. The task draws from its own copy instead.
 */
#include "config.h"

#include "ps-report-task.h"

/* The scores a report may give: one per PsHeatmapMode. */
#define N_SCORES (PS_HEATMAP_ROUND + 1)

typedef struct
{
  PsReport        report;   /* every pointer in it owned by the task */
  PsReportFormat  format;
  int             width;
  int             height;
  char           *path;     /* NULL: an image */
} PsReportTask;

static void
ps_report_task_free (PsReportTask *task)
{
  PsReport *r = &task->report;

  g_free ((char *) r->venue_name);
  g_free ((char *) r->symbol);
  g_free ((char *) r->note);
  g_free ((char *) r->verdict);
  g_clear_pointer (&r->candles, ps_candles_unref);
  g_clear_pointer (&r->funding, ps_funding_unref);
  g_clear_pointer (&r->open_interest, ps_open_interest_unref);
  g_clear_pointer (&r->liquidations, ps_liquidations_unref);
  g_free ((PsTimeSpan *) r->not_recorded);
  g_free ((PsScore *) r->scores);
  g_clear_pointer (&r->analysis, ps_analysis_unref);
  g_clear_pointer (&r->pane_sizes, g_variant_unref);
  g_free (task->path);
  g_free (task);
}

static PsReportTask *
ps_report_task_new (const PsReport *report,
                    int             width,
                    int             height)
{
  PsReportTask *task = g_new0 (PsReportTask, 1);
  PsReport *r = &task->report;

  /* Plain values first, then each pointer replaced by one of our own. */
  *r = *report;
  r->venue_name = g_strdup (report->venue_name);
  r->symbol = g_strdup (report->symbol);
  r->note = g_strdup (report->note);
  r->verdict = g_strdup (report->verdict);
  r->candles = report->candles ? ps_candles_ref (report->candles) : NULL;
  r->funding = report->funding ? ps_funding_ref (report->funding) : NULL;
  r->open_interest = report->open_interest ? ps_open_interest_ref (report->open_interest) : NULL;
  r->liquidations = report->liquidations ? ps_liquidations_ref (report->liquidations) : NULL;
  r->not_recorded = report->n_not_recorded > 0
                    ? g_memdup2 (report->not_recorded, report->n_not_recorded * sizeof (PsTimeSpan))
                    : NULL;
  r->n_not_recorded = r->not_recorded != NULL ? report->n_not_recorded : 0;
  r->scores = report->scores ? g_memdup2 (report->scores, N_SCORES * sizeof (PsScore)) : NULL;
  r->analysis = report->analysis ? ps_analysis_ref (report->analysis) : NULL;
  /* A floating one stays the caller's to sink: a plain reference. */
  r->pane_sizes = report->pane_sizes ? g_variant_ref (report->pane_sizes) : NULL;
  task->width = width;
  task->height = height;

  return task;
}

static void
ps_report_write_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  PsReportTask *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Worker thread: the task's copy and cairo only. */
  if (!ps_report_write (&data->report, data->format, data->width, data->height, data->path,
                        &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
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
  PsReportTask *data;

  g_return_if_fail (report != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = ps_report_task_new (report, width, height);
  data->format = format;
  data->path = g_strdup (path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_report_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) ps_report_task_free);
  g_task_run_in_thread (task, ps_report_write_worker);
}

gboolean
ps_report_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ps_report_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ps_report_draw_image_worker (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable)
{
  PsReportTask *data = task_data;
  GError *error = NULL;
  cairo_surface_t *surface;

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = ps_report_draw_image (&data->report, data->width, data->height, &error);
  if (surface == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

void
ps_report_draw_image_async (const PsReport      *report,
                            int                  width,
                            int                  height,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (report != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_report_draw_image_async);
  g_task_set_task_data (task, ps_report_task_new (report, width, height),
                        (GDestroyNotify) ps_report_task_free);
  g_task_run_in_thread (task, ps_report_draw_image_worker);
}

cairo_surface_t *
ps_report_draw_image_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ps_report_draw_image_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
