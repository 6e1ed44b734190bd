/* ps-cache-private.h: what ps-cache.c, ps-cache-series.c and ps-cache-coverage.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "ps-cache.h"
#include "ps-database.h"

G_BEGIN_DECLS

/* The kept statements, prepared at open (their SQL is in ps-cache.c). */
typedef enum
{
  STMT_UPSERT_CANDLE,
  STMT_UPSERT_FUNDING,
  STMT_UPSERT_OI,
  STMT_READ_CANDLES,
  STMT_READ_FUNDING,
  STMT_READ_OI,
  STMT_EXTENT_CANDLES,
  STMT_EXTENT_FUNDING,
  STMT_EXTENT_OI,
  STMT_COVERAGE_TOUCHING,
  STMT_COVERAGE_OVERLAPPING,
  STMT_COVERAGE_DELETE,
  STMT_COVERAGE_INSERT,
  N_STMTS
} PsCacheStmt;

struct _PsCache
{
  GObject       parent_instance;
  char         *path;
  PsDatabase   *database;
  PsDatabaseFlags flags;
  sqlite3_stmt *stmts[N_STMTS];
};

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
