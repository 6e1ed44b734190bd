/* ps-report-task.h: a report written or drawn on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-report.h"

G_BEGIN_DECLS

/* ps_report_write () in a GTask thread. The task keeps what it draws: it
 * copies the strings, the not-recorded spans and the scores, and takes a
 * reference on the series, the analysis and pane_sizes (series handed to a
 * report must no longer change, as everywhere). The caller may free its
 * own the moment this returns. Cancelled before the worker starts, nothing
 * is written; once it draws, the file is finished (a reader never sees half
 * of one) and the result still says cancelled. */
void             ps_report_write_async       (const PsReport      *report,
                                              PsReportFormat       format,
                                              int                  width,
                                              int                  height,
                                              const char          *path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean         ps_report_write_finish      (GAsyncResult        *result,
                                              GError             **error);

/* ps_report_draw_image () in a GTask thread, the report kept as above.
 * finish gives the image (free with cairo_surface_destroy) or NULL. */
void             ps_report_draw_image_async  (const PsReport      *report,
                                              int                  width,
                                              int                  height,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
cairo_surface_t *ps_report_draw_image_finish (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
