/* ps-writer.h: every write on one thread with its own connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ps-cache.h"
#include "ps-provider.h"
#include "ps-recordings.h"

G_BEGIN_DECLS

/* The databases of the writer thread: its own connections, opened on it at
 * the first job that needs each (a writer that never writes creates nothing)
 * and used by nothing else. A job may use them only while it runs, through
 * ps_writer_dbs_get_cache () and ps_writer_dbs_get_recordings (), which give
 * the database or the reason it could not be opened, in words, so that a
 * broken cache never stops recordings, which cannot be fetched again. */
typedef struct
{
  /*< private >*/
  gpointer      shared;
  PsCache      *cache;
  PsRecordings *recordings;
  GError       *cache_error;
  GError       *recordings_error;
} PsWriterDbs;

/* A job, run on the writer thread: TRUE when done, else FALSE with error (in
 * words, naming what it wrote). Each job is its own transaction(s). */
typedef gboolean (*PsWriterFunc) (PsWriterDbs  *dbs,
                                  gpointer      data,
                                  GError      **error);

#define PS_TYPE_WRITER (ps_writer_get_type ())
G_DECLARE_FINAL_TYPE (PsWriter, ps_writer, PS, WRITER, GObject)

/* Starts the thread, which opens its own PsCache at cache_path (and with
 * _full, its own PsRecordings at recordings_path, unless NULL: the path
 * ps_recordings_new_or_beside () settled on) when a job first needs it. A
 * failure to open is not returned here, the main loop never waiting for it:
 * the jobs that need that database then fail with the reason. */
PsWriter   *ps_writer_new                   (const char           *cache_path);
PsWriter   *ps_writer_new_full              (const char           *cache_path,
                                             const char           *recordings_path);
const char *ps_writer_get_cache_path        (PsWriter             *self);
/* NULL when the writer has no recordings. */
const char *ps_writer_get_recordings_path   (PsWriter             *self);

/* For jobs: the database, or NULL with the reason it could not be opened. */
PsCache      *ps_writer_dbs_get_cache       (PsWriterDbs          *dbs,
                                             GError              **error);
PsRecordings *ps_writer_dbs_get_recordings  (PsWriterDbs          *dbs,
                                             GError              **error);

/* Queues func (data) to run on the writer thread after every job submitted
 * before it; destroy (data) runs there after it. callback runs on the
 * thread-default main context of the caller. A job runs even when cancellable
 * is cancelled meanwhile (what was fetched is kept); its result then says
 * G_IO_ERROR_CANCELLED. After ps_writer_close () it fails at once. */
void        ps_writer_submit_async          (PsWriter             *self,
                                             PsWriterFunc          func,
                                             gpointer              data,
                                             GDestroyNotify        destroy,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    ps_writer_submit_finish         (PsWriter             *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* One page in one transaction: its rows upserted, [cover_from_ms, cover_to_ms)
 * recorded fetched (nothing when cover_to_ms <= cover_from_ms), as
 * ps_cache_write_candles () and its kin. The page's series are shared, not
 * copied: they must not change afterwards (series never do once handed on). */
void        ps_writer_write_page_async      (PsWriter             *self,
                                             const char           *venue,
                                             const char           *symbol,
                                             PsInterval            interval,
                                             const PsPage         *page,
                                             gint64                cover_from_ms,
                                             gint64                cover_to_ms,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    ps_writer_write_page_finish     (PsWriter             *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* ps_cache_mark_coverage () for each of ranges (PsRange), one transaction each. */
void        ps_writer_mark_coverage_async   (PsWriter             *self,
                                             const char           *venue,
                                             const char           *symbol,
                                             PsSeriesKind          kind,
                                             PsInterval            interval,
                                             GArray               *ranges,
                                             PsCoverageState       state,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    ps_writer_mark_coverage_finish  (PsWriter             *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* Runs every job submitted so far, then stops the thread and closes its
 * connections; blocks the caller until then (at shutdown). Their callbacks
 * are still dispatched on their main contexts. Later submissions fail.
 * Dispose calls it; calling it twice is harmless. */
void        ps_writer_close                 (PsWriter             *self);

G_END_DECLS
