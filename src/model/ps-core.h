/* ps-core.h: the services one process shares, built once by the application
 * and once by a command-line run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-cache.h"
#include "ps-http.h"
#include "ps-provider.h"
#include "ps-recordings.h"
#include "ps-sync.h"
#include "ps-writer.h"

G_BEGIN_DECLS

typedef enum
{
  PS_CORE_FLAGS_NONE = 0,
  /* A cache that cannot be used at all (locked, read-only, full) gives way
   * to a temporary one, removed with the core; the notice says so. The
   * window wants this: it still works, without keeping history. */
  PS_CORE_FLAGS_TEMPORARY_FALLBACK = 1 << 0,
  /* For a command that only reads (export --offline): the cache is opened
   * for reading only, so a cache it cannot write will do; nothing is
   * created, migrated, moved aside or written, and a fetch fails. */
  PS_CORE_FLAGS_READ_ONLY = 1 << 1,
} PsCoreFlags;

#define PS_TYPE_CORE (ps_core_get_type ())
G_DECLARE_FINAL_TYPE (PsCore, ps_core, PS, CORE, GObject)

/* Opens the cache at cache_path (NULL: the default path) once, moving a
 * damaged file aside (see ps_cache_new_recovering ()), or for reading only
 * (PS_CORE_FLAGS_READ_ONLY). Fails with the cache's error in words. */
PsCore             *ps_core_new               (const char   *cache_path,
                                               PsCoreFlags   flags,
                                               GError      **error);
/* The one HTTP client (one SoupSession) of the process. */
PsHttp             *ps_core_get_http          (PsCore       *self);
PsCache            *ps_core_get_cache         (PsCore       *self);
/* What happened opening the cache, in words (moved aside, temporary), once:
 * NULL when nothing did, or when it was taken already. */
char               *ps_core_take_cache_notice (PsCore       *self);
/* A new read-only connection to the cache for one worker thread's reads. */
PsCache            *ps_core_open_reader       (PsCore       *self,
                                               GError      **error);

/* Marks the markets shown opened now (markets: venue, symbol, venue,
 * symbol, …, NULL: an aggregate shows several) and, when max_bytes > 0,
 * drops the markets opened longest ago until the cache's pages in use fit
 * in max_bytes (never those shown; recordings are another file), on a
 * worker thread with a connection of its own. */
void                ps_core_trim_cache_async  (PsCore              *self,
                                               const char * const  *markets,
                                               guint64              max_bytes,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* How many markets went, and the bytes in use after; FALSE with error. */
gboolean            ps_core_trim_cache_finish (PsCore              *self,
                                               GAsyncResult        *result,
                                               guint               *n_dropped,
                                               guint64             *used_bytes,
                                               GError             **error);

/* The venues the core serves, NULL-terminated: ps_venues_list (), then those
 * added with ps_core_add_provider (). Valid until a provider is added. Spot
 * companions ("binance-spot") are served (ps_core_get_provider (), _sync ())
 * but never listed: the window's venue drop-down and --venue offer this list. */
const char * const *ps_core_list_venues       (PsCore       *self);
/* Serves the provider's venue with provider instead of one made from the
 * registry: a venue set up in code (tests, a mirror). Before first use. */
void                ps_core_add_provider      (PsCore       *self,
                                               PsProvider   *provider);
/* The one provider of venue, made on first use, so that every window and
 * fetch shares its rate-limit bucket. NULL with a PS_NET_ERROR for a venue
 * not in the list. */
PsProvider         *ps_core_get_provider      (PsCore       *self,
                                               const char   *venue,
                                               GError      **error);
/* The one sync of venue into the cache (made on first use). */
PsSync             *ps_core_get_sync          (PsCore       *self,
                                               const char   *venue,
                                               GError      **error);

/* recordings.db (live liquidations, OI snapshots): path, default
 * $XDG_DATA_HOME/perpscope/recordings.db, before the first use of the
 * recordings (a command's --recordings, tests). */
void                ps_core_set_recordings_path     (PsCore       *self,
                                                     const char   *path);
/* The recordings file in use: the one set (or the default), or the file
 * beside it that replaced it when it was damaged, another program's or from a
 * newer version (it is never touched). Resolved on first call. */
const char         *ps_core_get_recordings_path     (PsCore       *self);
/* What happened opening the recordings, in words, once (or NULL). */
char               *ps_core_take_recordings_notice  (PsCore       *self);
/* A new read-only connection to the recordings for one worker thread; fails
 * (PS_CACHE_ERROR) when nothing was ever recorded there. */
PsRecordings       *ps_core_open_recordings_reader  (PsCore       *self,
                                                     GError      **error);
/* The one writer thread: every write of the process (fetched pages, recorded
 * batches, imports) goes through it. Made on first use; closed, after its
 * queue is written, when the core goes. */
PsWriter           *ps_core_get_writer              (PsCore       *self);
/* Emits "recorded": what a recorder calls once a batch of venue and symbol is
 * committed, so that markets showing it read it again. */
void                ps_core_emit_recorded           (PsCore       *self,
                                                     const char   *venue,
                                                     const char   *symbol,
                                                     PsSeriesKind  kind,
                                                     gint64        from_ms,
                                                     gint64        to_ms);

/* At the end of a run: writes everything queued (blocking), then dispatches
 * the writer's answers on the thread-default main context. Later writes fail. */
void                ps_core_close                   (PsCore       *self);

G_END_DECLS
