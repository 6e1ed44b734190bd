/* ps-cache-evict.c: the cache's size, when each market was used, and eviction
 * of the markets used longest ago
 *
 * The cache holds only what can be fetched again (candles, funding, open
 * interest); what was recorded live is in the recordings file, which is
 * never evicted. A market is evicted whole, rows and coverage together, so
 * that the planner sees its ranges as gaps and fetches them again, never a
 * coverage that claims rows that are gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The library's one domain is set by meson; the store logs under its layer's. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include "ps-cache.h"
#include "ps-cache-private.h"

typedef struct
{
  char *venue;
  char *symbol;
} PsCacheMarket;

static void
ps_cache_market_clear (gpointer data)
{
  PsCacheMarket *market = data;

  g_free (market->venue);
  g_free (market->symbol);
}

gboolean
_ps_cache_touch (PsCache     *self,
                 const char  *venue,
                 const char  *symbol,
                 gint64       used_ms,
                 GError     **error)
{
  sqlite3_stmt *stmt = _ps_cache_stmt (self, STMT_MARKET_TOUCH);

  _ps_cache_bind_key (stmt, venue, symbol);
  sqlite3_bind_int64 (stmt, 3, used_ms);
  return _ps_cache_step_done (self, stmt, error);
}

gboolean
ps_cache_touch_market (PsCache     *self,
                       const char  *venue,
                       const char  *symbol,
                       gint64       used_ms,
                       GError     **error)
{
  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _ps_cache_touch (self, venue, symbol, used_ms, error);
}

/* Inside a transaction too: the pages a delete freed are counted before it
 * commits. */
gboolean
ps_cache_get_size (PsCache  *self,
                   guint64  *bytes,
                   GError  **error)
{
  gint64 page_size, n_pages, n_free;

  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (!ps_database_query_int (self->database, "PRAGMA page_size", &page_size, error) ||
      !ps_database_query_int (self->database, "PRAGMA page_count", &n_pages, error) ||
      !ps_database_query_int (self->database, "PRAGMA freelist_count", &n_free, error))
    return FALSE;

  *bytes = (guint64) MAX (n_pages - n_free, 0) * (guint64) page_size;
  return TRUE;
}

/* The markets by last use, longest ago first, less the one used last. */
static GArray *
ps_cache_list_evictable (PsCache  *self,
                         GError  **error)
{
  g_autoptr(GArray) markets = g_array_new (FALSE, FALSE, sizeof (PsCacheMarket));
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_array_set_clear_func (markets, ps_cache_market_clear);
  rc = sqlite3_prepare_v2 (self->database->db,
                           "SELECT venue, symbol FROM markets ORDER BY used_ms, venue, symbol",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsCacheMarket market = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
      };

      g_array_append_val (markets, market);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _ps_cache_fail (self, rc, error);
      return NULL;
    }

  if (markets->len > 0)
    g_array_set_size (markets, markets->len - 1);
  return g_steal_pointer (&markets);
}

/* Every row of the market, in each table that holds it. */
static gboolean
ps_cache_delete_market (PsCache              *self,
                        const PsCacheMarket  *market,
                        GError              **error)
{
  const char *tables[PS_N_CACHE_KINDS + 2];

  for (guint i = 0; i < PS_N_CACHE_KINDS; i++)
    tables[i] = _ps_cache_kinds[i]->table;
  tables[PS_N_CACHE_KINDS] = "coverage";
  tables[PS_N_CACHE_KINDS + 1] = "markets";

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE venue = ?1 AND symbol = ?2",
                                              tables[i]);
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (self->database->db, sql, -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          _ps_cache_bind_key (stmt, market->venue, market->symbol);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return _ps_cache_fail (self, rc, error);
    }
  return TRUE;
}

/* One transaction: the markets used longest ago go until the rest fits. */
static gboolean
ps_cache_evict_markets (PsCache  *self,
                        guint64   limit_bytes,
                        guint    *n_evicted,
                        GError  **error)
{
  g_autoptr(GArray) markets = NULL;
  guint64 size;

  if (!ps_database_begin (self->database, error))
    return FALSE;

  if (!(markets = ps_cache_list_evictable (self, error)))
    goto failed;
  for (guint i = 0; i < markets->len; i++)
    {
      const PsCacheMarket *market = &g_array_index (markets, PsCacheMarket, i);

      if (!ps_cache_get_size (self, &size, error))
        goto failed;
      if (size <= limit_bytes)
        break;
      if (!ps_cache_delete_market (self, market, error))
        goto failed;
      g_debug ("Evicted %s %s from the cache (%" G_GUINT64_FORMAT " bytes in use, limit %"
               G_GUINT64_FORMAT ")", market->venue, market->symbol, size, limit_bytes);
      (*n_evicted)++;
    }

  if (ps_database_commit (self->database, error))
    return TRUE;

failed:
  ps_database_rollback (self->database);
  *n_evicted = 0;
  return FALSE;
}

/* The free pages back to the file system: at once where the file was made
 * for it; a cache made before is rewritten once, after which it is. */
static gboolean
ps_cache_reclaim (PsCache  *self,
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

  /* In WAL mode the file shrinks when the log is written back; a reader in
   * the middle of a read may hold that off until a later checkpoint. */
  sqlite3_wal_checkpoint_v2 (self->database->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;
}

gboolean
ps_cache_evict (PsCache          *self,
                guint64           limit_bytes,
                PsCacheEviction  *result,
                GError          **error)
{
  PsCacheEviction local = { 0 };

  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (result == NULL)
    result = &local;
  *result = (PsCacheEviction) { 0 };

  if (!ps_cache_get_size (self, &result->size_before, error))
    return FALSE;
  result->size_after = result->size_before;
  if (limit_bytes == 0 || result->size_before <= limit_bytes)
    return TRUE;

  if (!ps_cache_evict_markets (self, limit_bytes, &result->n_evicted, error))
    return FALSE;
  if (result->n_evicted > 0 && !ps_cache_reclaim (self, error))
    return FALSE;
  return ps_cache_get_size (self, &result->size_after, error);
}
