/* ps-recordings.h: what was recorded live (liquidations, open interest snapshots)
 * and when a recorder was listening; it cannot be fetched again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ps-cache.h"
#include "ps-series.h"

G_BEGIN_DECLS

/* Errors are PS_CACHE_ERROR (the store's domain), in words naming the file.
 *
 * The file is never evicted, never replaced, never moved aside: a damaged
 * one, another program's or a newer version's is left untouched (see
 * ps_recordings_new_or_beside ()).
 *
 * Recorded spans: a stretch [from_ms, to_ms) of the local clock (UTC ms)
 * during which a recorder was connected and stored every event it received,
 * per venue, symbol and kind. Each write stores a batch of events and extends
 * the spans in ONE transaction, so after a kill no span claims more than the
 * events committed. Spans that overlap or touch merge. What lies outside every
 * span is "not recorded", which a chart shows as such, never as zero. */

#define PS_TYPE_RECORDINGS (ps_recordings_get_type ())
G_DECLARE_FINAL_TYPE (PsRecordings, ps_recordings, PS, RECORDINGS, GObject)

/* $XDG_DATA_HOME/perpscope/recordings.db (newly allocated). */
char           *ps_recordings_dup_default_path    (void);

/* Opens (creating the file and its folder) and migrates; several processes
 * may open it at once. */
PsRecordings   *ps_recordings_new                 (const char        *path,
                                                   GError           **error);
/* For reader threads: writes nothing, creates nothing. */
PsRecordings   *ps_recordings_new_read_only       (const char        *path,
                                                   GError           **error);
/* ps_recordings_new (), and when path is damaged, another program's or a newer
 * version's (PS_CACHE_ERROR_CORRUPT, _NOT_OURS, _TOO_NEW): leaves it as it
 * is and opens the first of "recordings-2.db", "recordings-3.db" … beside it
 * that opens fine; *notice (newly allocated) then says so in words. Other
 * failures (locked, read-only, full) are returned as they are. Readers must
 * then open ps_recordings_get_path () of the result. */
PsRecordings   *ps_recordings_new_or_beside       (const char        *path,
                                                   char             **notice,
                                                   GError           **error);
/* What a writer does on PS_CACHE_ERROR_CORRUPT from any call (damage met at
 * a read or write): release every PsRecordings on the file, then call this
 * with the path it first gave ps_recordings_new_or_beside (). Like that, but
 * every page of each file tried is checked (PRAGMA quick_check). A file found
 * damaged is marked by "<file>.damaged" beside it, so that later starts skip
 * it too; the file itself is never changed. */
PsRecordings   *ps_recordings_recover             (const char        *path,
                                                   char             **notice,
                                                   GError           **error);
const char     *ps_recordings_get_path            (PsRecordings      *self);
/* How long a write waits for another process's lock (default 5000 ms). */
void            ps_recordings_set_busy_timeout    (PsRecordings      *self,
                                                   guint              ms);
/* For tests only: see ps_cache_set_max_page_count_for_test (). */
guint           ps_recordings_set_max_page_count_for_test (PsRecordings *self,
                                                           guint         max_pages);

/* One transaction: the events (none when NULL) and the span
 * [span_from_ms, span_to_ms) of PS_SERIES_LIQUIDATIONS (ignored when
 * span_to_ms <= span_from_ms). An event already stored (same venue, symbol,
 * t, side, price, qty; whatever its source) is ignored: *n_new (may be NULL)
 * counts the new ones. Events need a price and a quantity. */
gboolean        ps_recordings_write_liquidations  (PsRecordings          *self,
                                                   const char            *venue,
                                                   const char            *symbol,
                                                   const PsLiquidations  *events,
                                                   gint64                 span_from_ms,
                                                   gint64                 span_to_ms,
                                                   guint                 *n_new,
                                                   GError               **error);
/* The same for open interest snapshots (keyed by venue, symbol, t; a snapshot
 * already stored is kept) and spans of PS_SERIES_OPEN_INTEREST. */
gboolean        ps_recordings_write_open_interest (PsRecordings          *self,
                                                   const char            *venue,
                                                   const char            *symbol,
                                                   const PsOpenInterest  *snapshots,
                                                   gint64                 span_from_ms,
                                                   gint64                 span_to_ms,
                                                   GError               **error);

/* Rows with from_ms <= t < to_ms, sorted, in one query. */
PsLiquidations *ps_recordings_read_liquidations   (PsRecordings          *self,
                                                   const char            *venue,
                                                   const char            *symbol,
                                                   gint64                 from_ms,
                                                   gint64                 to_ms,
                                                   GError               **error);
PsOpenInterest *ps_recordings_read_open_interest  (PsRecordings          *self,
                                                   const char            *venue,
                                                   const char            *symbol,
                                                   gint64                 from_ms,
                                                   gint64                 to_ms,
                                                   GError               **error);

/* The parts of [from_ms, to_ms) outside every recorded span of kind
 * (PS_SERIES_LIQUIDATIONS or PS_SERIES_OPEN_INTEREST): a sorted array of
 * PsRange, empty when all of it was recorded. */
GArray         *ps_recordings_get_unrecorded      (PsRecordings          *self,
                                                   const char            *venue,
                                                   const char            *symbol,
                                                   PsSeriesKind           kind,
                                                   gint64                 from_ms,
                                                   gint64                 to_ms,
                                                   GError               **error);

G_END_DECLS
