/* ps-cache-private.h: what ps-cache.c, ps-cache-series.c and ps-cache-coverage.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "ps-cache.h"
#include "ps-database.h"
#include "ps-kinds.h"

G_BEGIN_DECLS

#define PS_N_CACHE_KINDS 3

/* The coverage statements, prepared at open (their SQL is in ps-cache.c);
 * the rows' are made from the kinds (ps-kinds.c). */
typedef enum
{
  STMT_COVERAGE_TOUCHING,
  STMT_COVERAGE_OVERLAPPING,
  STMT_COVERAGE_DELETE,
  STMT_COVERAGE_INSERT,
  STMT_MARKET_USE,
  STMT_EVICT_VICTIM,
  STMT_EVICT_CANDLES,
  STMT_EVICT_FUNDING,
  STMT_EVICT_OPEN_INTEREST,
  STMT_EVICT_COVERAGE,
  STMT_EVICT_USE,
  N_STMTS
} PsCacheStmt;

struct _PsCache
{
  GObject       parent_instance;
  char         *path;
  PsDatabase   *database;
  PsDatabaseFlags flags;
  sqlite3_stmt *stmts[N_STMTS];
  sqlite3_stmt *kind_stmts[PS_N_CACHE_KINDS][PS_N_KIND_STMTS];
  /* A second connection to the same file, opened by the first long read:
   * it reads one half of a long range while this one reads the other. */
  PsCache      *half_reader;
  gboolean      half_reader_failed;
};

/* The kinds the cache holds, in the order of kind_stmts. */
extern const PsKind * const _ps_cache_kinds[PS_N_CACHE_KINDS];

/* Opens path as ps_cache_new () (READ_WRITE) or _read_only () does. */
PsCache      *_ps_cache_new_with_flags (const char       *path,
                                        PsDatabaseFlags   flags,
                                        GError          **error);

/* Unmaps the file's pages that reads mapped, this connection's and the
 * second reader's. */
void          _ps_cache_release_mapping (PsCache *self);

/* The index of kind in _ps_cache_kinds (-1 when the cache does not hold it). */
int           _ps_cache_kind_index (PsSeriesKind    kind);

/* Sets a PS_CACHE_ERROR in words for an SQLite result code; always FALSE. */
gboolean      _ps_cache_fail      (PsCache        *self,
                                   int             rc,
                                   GError        **error);
/* A kept statement, reset and unbound. */
sqlite3_stmt *_ps_cache_stmt      (PsCache        *self,
                                   PsCacheStmt     id);
void          _ps_cache_bind_key  (sqlite3_stmt   *stmt,
                                   const char     *venue,
                                   const char     *symbol);
gboolean      _ps_cache_step_done (PsCache        *self,
                                   sqlite3_stmt   *stmt,
                                   GError        **error);
/* Records [from_ms, to_ms) in state; inside the caller's transaction. */
gboolean      _ps_cache_cover     (PsCache        *self,
                                   const char     *venue,
                                   const char     *symbol,
                                   PsSeriesKind    kind,
                                   PsInterval      interval,
                                   gint64          from_ms,
                                   gint64          to_ms,
                                   int             state,
                                   GError        **error);

G_END_DECLS
