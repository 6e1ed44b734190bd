/* ps-cache-evict.c: the cache kept under a size cap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the cache holds can be fetched again; what it costs is disk. Over
 * the user's cap, whole markets go, the one opened longest ago first, in a
 * transaction each (rows and their coverage together: a dropped market is
 * "not fetched", never "no data there"). Recorded liquidations live in
 * another file and are never touched here. The pages freed go back to the
 * file system at once, so the cap is what the disk sees.
 */
#include "config.h"

#include "ps-cache-private.h"

gboolean
ps_cache_touch_market (PsCache     *self,
                       const char  *venue,
                       const char  *symbol,
                       gint64       used_ms,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);

  stmt = _ps_cache_stmt (self, STMT_MARKET_USE);
  _ps_cache_bind_key (stmt, venue, symbol);
  sqlite3_bind_int64 (stmt, 3, used_ms);
  return _ps_cache_step_done (self, stmt, error);
}

gboolean
ps_cache_get_used_bytes (PsCache  *self,
                         guint64  *bytes,
                         GError  **error)
{
  gint64 pages = 0, free_pages = 0, page_size = 0;

  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);

  if (!ps_database_query_int (self->database, "PRAGMA page_count", &pages, error) ||
      !ps_database_query_int (self->database, "PRAGMA freelist_count", &free_pages, error) ||
      !ps_database_query_int (self->database, "PRAGMA page_size", &page_size, error))
    return FALSE;
  *bytes = (guint64) MAX (pages - free_pages, 0) * (guint64) page_size;
  return TRUE;
}

/* The market to drop next: the one opened longest ago, before
 * keep_since_ms; FALSE when none is left. */
static gboolean
ps_cache_evict_victim (PsCache     *self,
                       gint64       keep_since_ms,
                       char       **venue,
                       char       **symbol,
                       GError     **error)
{
  sqlite3_stmt *stmt = _ps_cache_stmt (self, STMT_EVICT_VICTIM);
  int rc;

  sqlite3_bind_int64 (stmt, 1, keep_since_ms);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *venue = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *symbol = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _ps_cache_fail (self, rc, error);
  return rc == SQLITE_ROW;
}

static gboolean
ps_cache_evict_market (PsCache     *self,
                       const char  *venue,
                       const char  *symbol,
                       GError     **error)
{
  static const PsCacheStmt deletes[] = {
    STMT_EVICT_CANDLES, STMT_EVICT_FUNDING, STMT_EVICT_OPEN_INTEREST, STMT_EVICT_COVERAGE,
    STMT_EVICT_USE,
  };

  if (!ps_database_begin (self->database, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      sqlite3_stmt *stmt = _ps_cache_stmt (self, deletes[i]);

      _ps_cache_bind_key (stmt, venue, symbol);
      if (!_ps_cache_step_done (self, stmt, error))
        {
          ps_database_rollback (self->database);
          return FALSE;
        }
    }
  return ps_database_commit (self->database, error);
}

/* A cache made with auto_vacuum = INCREMENTAL (ps_database_open ()) gives
 * its free pages back; an older one is rewritten once into that mode (a
 * VACUUM, as long as copying the file takes). Then the WAL, which the
 * deletes filled, is truncated too. */
static gboolean
ps_cache_release_pages (PsCache  *self,
                        GError  **error)
{
  gint64 auto_vacuum = 0;

  if (!ps_database_query_int (self->database, "PRAGMA auto_vacuum", &auto_vacuum, error))
    return FALSE;
  if (auto_vacuum == 2 /* INCREMENTAL */)
    {
      if (!ps_database_exec (self->database, "PRAGMA incremental_vacuum", error))
        return FALSE;
    }
  else if (!ps_database_exec (self->database, "PRAGMA auto_vacuum = INCREMENTAL; VACUUM", error))
    return FALSE;
  /* A reader in the middle of a read may hold this off until a later
   * checkpoint: nothing is lost, the file shrinks then. */
  sqlite3_wal_checkpoint_v2 (self->database->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;
}

gboolean
ps_cache_evict (PsCache     *self,
                guint64      max_bytes,
                gint64       keep_since_ms,
                guint       *n_dropped,
                GError     **error)
{
  guint n = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);

  while (ok)
    {
      g_autofree char *venue = NULL;
      g_autofree char *symbol = NULL;
      GError *local = NULL;
      guint64 used;

      if (!(ok = ps_cache_get_used_bytes (self, &used, error)) || used <= max_bytes)
        break;
      if (!ps_cache_evict_victim (self, keep_since_ms, &venue, &symbol, &local))
        {
          /* Only the markets kept are left: over the cap, nothing to drop. */
          ok = local == NULL;
          if (local != NULL)
            g_propagate_error (error, local);
          break;
        }
      g_debug ("cache over %" G_GUINT64_FORMAT " bytes (%" G_GUINT64_FORMAT "): dropping %s %s",
               max_bytes, used, venue, symbol);
      if ((ok = ps_cache_evict_market (self, venue, symbol, error)))
        n++;
    }
  if (ok && n > 0)
    ok = ps_cache_release_pages (self, error);
  if (n_dropped != NULL)
    *n_dropped = n;
  return ok;
}
