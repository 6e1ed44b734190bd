/* ps-sync.h: fetch what the cache lacks for a wanted range, page by page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-cache.h"
#include "ps-provider.h"
#include "ps-writer.h"

G_BEGIN_DECLS

#define PS_SYNC_ERROR (ps_sync_error_quark ())

typedef enum
{
  /* The venue kept answering empty for part of a range it serves (rows of the
   * kind after it, or candles in it, are cached): that part is left a gap,
   * the rest is stored. */
  PS_SYNC_ERROR_INCOMPLETE,
} PsSyncError;

GQuark ps_sync_error_quark (void);

typedef struct
{
  guint  n_requests;           /* pages asked of the venue */
  guint  n_candles;            /* rows written, per kind */
  guint  n_funding;
  guint  n_open_interest;
  /* Part of the range the venue no longer serves (0, 0 when none): Binance
   * keeps 30 days of open-interest history. */
  gint64 oi_unavailable_from_ms;
  gint64 oi_unavailable_to_ms;
  /* Stretches the venue kept answering empty although it serves them (see
   * ps_sync_fetch_async ()), left gaps to ask for again with the fetch failing
   * PS_SYNC_ERROR_INCOMPLETE: how many, and the span from the first one's
   * start to the last one's end. */
  guint  n_missing;
  gint64 missing_from_ms;
  gint64 missing_to_ms;
  /* Where a kind's rows end before now, by the venue's repeated word that it
   * has nothing after (a market no longer traded); 0 when none. */
  gint64 history_end_ms;
} PsSyncStats;

#define PS_TYPE_SYNC (ps_sync_get_type ())
G_DECLARE_FINAL_TYPE (PsSync, ps_sync, PS, SYNC, GObject)

/* Reads (gaps, coverage) go to cache on the calling thread; every write to
 * writer's thread. ps_sync_new () starts a writer of its own on the cache's
 * file: meant for callers not yet given the application's one writer. */
PsSync   *ps_sync_new          (PsCache              *cache,
                                PsProvider           *provider);
PsSync   *ps_sync_new_with_writer (PsCache           *cache,
                                   PsWriter          *writer,
                                   PsProvider        *provider);
PsCache  *ps_sync_get_cache    (PsSync               *self);
PsWriter *ps_sync_get_writer   (PsSync               *self);
PsProvider *ps_sync_get_provider (PsSync             *self);

/* Fetches the gaps of [from_ms, to_ms) for each kind in kinds, for a chart of
 * interval; each page is written in its own transaction as it arrives (on
 * the writer's thread, the next page asked for once it is committed), so a
 * failure or a kill keeps what was fetched. A range already covered makes no
 * request. Emits "progress" (fraction 0…1, a translated line) as pages land.
 * Coverage claims only what rows prove: an empty page, or a short one that
 * stops before the range's end, is asked for again past the range (the next
 * rows prove the silence: a market listed later answers with its first rows);
 * a stretch still empty after a few tries is left a gap (stats.n_missing) and
 * the fetch, having stored the rest, fails with PS_SYNC_ERROR_INCOMPLETE when
 * rows cached after the gap (or, for funding and open interest, candles from
 * its start on) show that the venue serves it; without, it is the end of the
 * venue's history, recorded fetched (stats.history_end_ms). At the present
 * edge, what just closed and came back empty (a candle, settlements within
 * 8 h, a day of open interest) is only late: left for the next fetch, no error.
 * Fails with the first error that retries could not cure. */
void      ps_sync_fetch_async  (PsSync               *self,
                                const char           *symbol,
                                PsInterval            interval,
                                PsSeriesKind          kinds,
                                gint64                from_ms,
                                gint64                to_ms,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
gboolean  ps_sync_fetch_finish (PsSync               *self,
                                GAsyncResult         *result,
                                PsSyncStats          *stats,
                                GError              **error);

/* The venue's clock (UTC ms). A fetch started within a few seconds after
 * uses it instead of asking the venue again. */
void      ps_sync_get_server_time_async  (PsSync               *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gint64    ps_sync_get_server_time_finish (PsSync               *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
