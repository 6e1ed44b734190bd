/* ps-cache.h: the SQLite market-data cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ps-series.h"

G_BEGIN_DECLS

#define PS_CACHE_ERROR (ps_cache_error_quark ())

typedef enum
{
  PS_CACHE_ERROR_FAILED,
  PS_CACHE_ERROR_CORRUPT,     /* ours but damaged, or no database at all: may be moved aside */
  PS_CACHE_ERROR_LOCKED,      /* another process holds the write lock too long */
  PS_CACHE_ERROR_FULL,        /* the disk is full */
  PS_CACHE_ERROR_READ_ONLY,   /* no permission to write */
  PS_CACHE_ERROR_TOO_NEW,     /* written by a newer Perpscope (schema version): leave it */
  PS_CACHE_ERROR_NOT_OURS,    /* another program's SQLite database: leave it */
  PS_CACHE_ERROR_TOO_OLD,     /* read-only, and the schema needs a migration first */
} PsCacheError;

GQuark ps_cache_error_quark (void);

/* A half-open time range [from_ms, to_ms), UTC ms. */
typedef struct
{
  gint64 from_ms;
  gint64 to_ms;
} PsRange;

typedef enum
{
  PS_COVERAGE_FETCHED = 1,      /* fetched complete: missing rows mean "no data there" */
  PS_COVERAGE_UNAVAILABLE = 2,  /* the venue no longer serves it (past its horizon) */
} PsCoverageState;

#define PS_TYPE_CACHE (ps_cache_get_type ())
G_DECLARE_FINAL_TYPE (PsCache, ps_cache, PS, CACHE, GObject)

/* $XDG_CACHE_HOME/perpscope/cache.db (newly allocated). */
char           *ps_cache_dup_default_path        (void);

/* Opens (creating the file and its folder) and migrates. A file that is not a
 * Perpscope cache, is damaged, or is locked gives a PS_CACHE_ERROR in words
 * (see ps-database.h). Several processes may open a new cache at once. A cache
 * left by an unclean close (crash, kill) is checked page by page first. */
PsCache        *ps_cache_new                     (const char        *path,
                                                  GError           **error);
/* For readers that never write (export --offline): opens a write-protected
 * cache, creates and migrates nothing. A cache that needs a migration first
 * is PS_CACHE_ERROR_TOO_OLD; writes fail with PS_CACHE_ERROR_READ_ONLY. */
PsCache        *ps_cache_new_read_only           (const char        *path,
                                                  GError           **error);
const char     *ps_cache_get_path                (PsCache           *self);
/* How long a write waits for another program's lock before failing with
 * PS_CACHE_ERROR_LOCKED (default 5000 ms). */
void            ps_cache_set_busy_timeout        (PsCache           *self,
                                                  guint              ms);
/* For tests only: caps the file at max_pages pages (SQLite raises a cap below
 * the current size to it), so a write fails as on a full disk. Returns the cap. */
guint           ps_cache_set_max_page_count_for_test (PsCache       *self,
                                                      guint          max_pages);
/* Renames a damaged cache file and its -wal and -shm files to
 * "<path>.damaged-YYYYmmdd-HHMMSS", keeping it for the user, so that a fresh
 * cache can be created at path. No PsCache may have path open. Returns the
 * new path of the database file (newly allocated). */
char           *ps_cache_move_aside              (const char        *path,
                                                  GError           **error);
/* ps_cache_new (), and for a damaged file (PS_CACHE_ERROR_CORRUPT: a cache of
 * ours that is damaged, or no database at all): move it aside and start a new
 * cache, *notice (newly allocated) then telling the user where it was kept.
 * Other failures (another program's database, too new, locked, read-only,
 * full) are returned as they are, the file untouched; so is a damaged file
 * that another connection still has open (PS_CACHE_ERROR_LOCKED). */
PsCache        *ps_cache_new_recovering          (const char        *path,
                                                  char             **notice,
                                                  GError           **error);
/* What to do on PS_CACHE_ERROR_CORRUPT from any call on an open cache (damage
 * met at a later statement): release every PsCache on path (readers too),
 * then call this. It checks every page (PRAGMA quick_check), and a damaged
 * file is moved aside as by ps_cache_new_recovering (); a sound one is
 * simply opened (*notice stays NULL). */
PsCache        *ps_cache_recover                 (const char        *path,
                                                  char             **notice,
                                                  GError           **error);

/* Each write is one transaction: the rows are upserted (same key: the newer row
 * wins) and [cover_from_ms, cover_to_ms) is recorded as fetched, unless
 * cover_to_ms <= cover_from_ms. interval is the storage interval. */
gboolean        ps_cache_write_candles           (PsCache               *self,
                                                  const char            *venue,
                                                  const char            *symbol,
                                                  PsInterval             interval,
                                                  const PsCandles       *candles,
                                                  gint64                 cover_from_ms,
                                                  gint64                 cover_to_ms,
                                                  GError               **error);
gboolean        ps_cache_write_funding           (PsCache               *self,
                                                  const char            *venue,
                                                  const char            *symbol,
                                                  const PsFunding       *funding,
                                                  gint64                 cover_from_ms,
                                                  gint64                 cover_to_ms,
                                                  GError               **error);
gboolean        ps_cache_write_open_interest     (PsCache               *self,
                                                  const char            *venue,
                                                  const char            *symbol,
                                                  PsInterval             interval,
                                                  const PsOpenInterest  *open_interest,
                                                  gint64                 cover_from_ms,
                                                  gint64                 cover_to_ms,
                                                  GError               **error);
gboolean        ps_cache_mark_coverage           (PsCache               *self,
                                                  const char            *venue,
                                                  const char            *symbol,
                                                  PsSeriesKind           kind,
                                                  PsInterval             interval,
                                                  gint64                 from_ms,
                                                  gint64                 to_ms,
                                                  PsCoverageState        state,
                                                  GError               **error);

/* ps-cache-evict.c: the size cap. The market venue:symbol was opened at
 * used_ms (kept when later than what is known). */
gboolean        ps_cache_touch_market            (PsCache               *self,
                                                  const char            *venue,
                                                  const char            *symbol,
                                                  gint64                 used_ms,
                                                  GError               **error);
/* The bytes the cache's pages in use take (free pages left out). */
gboolean        ps_cache_get_used_bytes          (PsCache               *self,
                                                  guint64               *bytes,
                                                  GError               **error);
/* Drops whole markets (rows and coverage), the one opened longest ago
 * first, until the pages in use take at most max_bytes; never a market
 * opened (ps_cache_touch_market ()) at or after keep_since_ms: those on
 * screen (G_MAXINT64: none kept). *n_dropped: how many went. The pages
 * freed go back to the file system (a cache made before auto_vacuum was
 * set is rewritten once, by VACUUM, the first time). */
gboolean        ps_cache_evict                   (PsCache               *self,
                                                  guint64                max_bytes,
                                                  gint64                 keep_since_ms,
                                                  guint                 *n_dropped,
                                                  GError               **error);

/* Rows with from_ms <= t < to_ms, sorted, in one query. */
PsCandles      *ps_cache_read_candles            (PsCache               *self,
                                                  const char            *venue,
                                                  const char            *symbol,
                                                  PsInterval             interval,
                                                  gint64                 from_ms,
                                                  gint64                 to_ms,
                                                  GError               **error);
PsFunding      *ps_cache_read_funding            (PsCache               *self,
                                                  const char            *venue,
                                                  const char            *symbol,
                                                  gint64                 from_ms,
                                                  gint64                 to_ms,
                                                  GError               **error);
PsOpenInterest *ps_cache_read_open_interest      (PsCache               *self,
                                                  const char            *venue,
                                                  const char            *symbol,
                                                  PsInterval             interval,
                                                  gint64                 from_ms,
                                                  gint64                 to_ms,
                                                  GError               **error);

/* The parts of [from_ms, to_ms) neither fetched nor unavailable: what a sync
 * must request. An array of PsRange, sorted; empty when all is covered. */
GArray         *ps_cache_get_gaps                (PsCache               *self,
                                                  const char            *venue,
                                                  const char            *symbol,
                                                  PsSeriesKind           kind,
                                                  PsInterval             interval,
                                                  gint64                 from_ms,
                                                  gint64                 to_ms,
                                                  GError               **error);
/* The parts of [from_ms, to_ms) recorded in the given state (sorted PsRange array). */
GArray         *ps_cache_get_coverage            (PsCache               *self,
                                                  const char            *venue,
                                                  const char            *symbol,
                                                  PsSeriesKind           kind,
                                                  PsInterval             interval,
                                                  gint64                 from_ms,
                                                  gint64                 to_ms,
                                                  PsCoverageState        state,
                                                  GError               **error);
/* Time span [first, last] of the rows held for a market (FALSE when none). */
gboolean        ps_cache_get_extent              (PsCache               *self,
                                                  const char            *venue,
                                                  const char            *symbol,
                                                  PsSeriesKind           kind,
                                                  PsInterval             interval,
                                                  gint64                *first_ms,
                                                  gint64                *last_ms,
                                                  GError               **error);

G_END_DECLS
