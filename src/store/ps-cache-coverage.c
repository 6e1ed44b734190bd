/* ps-cache-coverage.c: what the cache holds for a market: fetched and unavailable
 * ranges, the gaps between them, and the span of the rows
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
  gint64 from_ms;
  gint64 to_ms;
  int    state;
} PsCoverageRow;

/* Coverage */

static const char *
ps_cache_kind_key (PsSeriesKind  kind,
                   PsInterval   *interval)
{
  /* Funding rows have no interval: whatever the caller passes, one key. */
  if (kind == PS_SERIES_FUNDING)
    *interval = PS_INTERVAL_NONE;
  return ps_series_kind_to_string (kind);
}

static void
ps_cache_bind_coverage (sqlite3_stmt *stmt,
                        const char   *venue,
                        const char   *symbol,
                        const char   *kind,
                        PsInterval    interval)
{
  _ps_cache_bind_key (stmt, venue, symbol);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, ps_interval_to_string (interval), -1, SQLITE_STATIC);
}

/* The coverage rows of one market that a statement selects for [from_ms, to_ms). */
static GArray *
ps_cache_select_coverage (PsCache       *self,
                          PsCacheStmt    id,
                          const char    *venue,
                          const char    *symbol,
                          PsSeriesKind   kind,
                          PsInterval     interval,
                          gint64         from_ms,
                          gint64         to_ms,
                          GError       **error)
{
  sqlite3_stmt *stmt = _ps_cache_stmt (self, id);
  const char *kind_key = ps_cache_kind_key (kind, &interval);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (PsCoverageRow));
  int rc;

  ps_cache_bind_coverage (stmt, venue, symbol, kind_key, interval);
  sqlite3_bind_int64 (stmt, 5, from_ms);
  sqlite3_bind_int64 (stmt, 6, to_ms);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsCoverageRow row = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int (stmt, 2),
      };

      g_array_append_val (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      _ps_cache_fail (self, rc, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

static gboolean
ps_cache_coverage_change (PsCache      *self,
                          PsCacheStmt   id,
                          const char   *venue,
                          const char   *symbol,
                          const char   *kind_key,
                          PsInterval    interval,
                          gint64        from_ms,
                          gint64        to_ms,
                          int           state,
                          GError      **error)
{
  sqlite3_stmt *stmt = _ps_cache_stmt (self, id);

  ps_cache_bind_coverage (stmt, venue, symbol, kind_key, interval);
  sqlite3_bind_int64 (stmt, 5, from_ms);
  if (id == STMT_COVERAGE_INSERT)
    {
      sqlite3_bind_int64 (stmt, 6, to_ms);
      sqlite3_bind_int (stmt, 7, state);
    }
  return _ps_cache_step_done (self, stmt, error);
}

/* Inside a transaction. Ranges stay disjoint: a range of the same state that
 * overlaps or touches the new one is merged into it; one of another state
 * loses the overlapped part to the newer record. */
gboolean
_ps_cache_cover (PsCache       *self,
                 const char    *venue,
                 const char    *symbol,
                 PsSeriesKind   kind,
                 PsInterval     interval,
                 gint64         from_ms,
                 gint64         to_ms,
                 int            state,
                 GError       **error)
{
  const char *kind_key = ps_cache_kind_key (kind, &interval);
  g_autoptr(GArray) rows = NULL;
  gint64 union_from = from_ms;
  gint64 union_to = to_ms;

  if (to_ms <= from_ms)
    return TRUE;

  rows = ps_cache_select_coverage (self, STMT_COVERAGE_TOUCHING, venue, symbol, kind,
                                   interval, from_ms, to_ms, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const PsCoverageRow *row = &g_array_index (rows, PsCoverageRow, i);
      gboolean overlaps = row->from_ms < to_ms && row->to_ms > from_ms;

      if (row->state != state && !overlaps)
        continue;   /* merely adjacent to another state: both stay */

      if (!ps_cache_coverage_change (self, STMT_COVERAGE_DELETE, venue, symbol, kind_key,
                                     interval, row->from_ms, 0, 0, error))
        return FALSE;

      if (row->state == state)
        {
          union_from = MIN (union_from, row->from_ms);
          union_to = MAX (union_to, row->to_ms);
        }
      else if ((row->from_ms < from_ms &&
                !ps_cache_coverage_change (self, STMT_COVERAGE_INSERT, venue, symbol,
                                           kind_key, interval, row->from_ms, from_ms,
                                           row->state, error)) ||
               (row->to_ms > to_ms &&
                !ps_cache_coverage_change (self, STMT_COVERAGE_INSERT, venue, symbol,
                                           kind_key, interval, to_ms, row->to_ms,
                                           row->state, error)))
        return FALSE;
    }

  return ps_cache_coverage_change (self, STMT_COVERAGE_INSERT, venue, symbol, kind_key,
                                   interval, union_from, union_to, state, error);
}

/* Queries */

GArray *
ps_cache_get_gaps (PsCache       *self,
                   const char    *venue,
                   const char    *symbol,
                   PsSeriesKind   kind,
                   PsInterval     interval,
                   gint64         from_ms,
                   gint64         to_ms,
                   GError       **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (PsRange));
  gint64 cursor = from_ms;

  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);
  g_return_val_if_fail (interval < PS_N_INTERVALS, NULL);

  rows = ps_cache_select_coverage (self, STMT_COVERAGE_OVERLAPPING, venue, symbol, kind,
                                   interval, from_ms, to_ms, error);
  if (rows == NULL)
    return NULL;

  /* Both states count: what is unavailable must not be asked for again. */
  for (guint i = 0; i < rows->len && cursor < to_ms; i++)
    {
      const PsCoverageRow *row = &g_array_index (rows, PsCoverageRow, i);

      if (row->from_ms > cursor)
        {
          PsRange gap = { cursor, MIN (row->from_ms, to_ms) };
          g_array_append_val (gaps, gap);
        }
      cursor = MAX (cursor, row->to_ms);
    }

  if (cursor < to_ms)
    {
      PsRange gap = { cursor, to_ms };
      g_array_append_val (gaps, gap);
    }

  return g_steal_pointer (&gaps);
}

GArray *
ps_cache_get_coverage (PsCache          *self,
                       const char       *venue,
                       const char       *symbol,
                       PsSeriesKind      kind,
                       PsInterval        interval,
                       gint64            from_ms,
                       gint64            to_ms,
                       PsCoverageState   state,
                       GError          **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (PsRange));

  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);
  g_return_val_if_fail (interval < PS_N_INTERVALS, NULL);

  rows = ps_cache_select_coverage (self, STMT_COVERAGE_OVERLAPPING, venue, symbol, kind,
                                   interval, from_ms, to_ms, error);
  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      const PsCoverageRow *row = &g_array_index (rows, PsCoverageRow, i);
      PsRange range = { MAX (row->from_ms, from_ms), MIN (row->to_ms, to_ms) };

      if (row->state == (int) state)
        g_array_append_val (ranges, range);
    }

  return g_steal_pointer (&ranges);
}

gboolean
ps_cache_get_extent (PsCache       *self,
                     const char    *venue,
                     const char    *symbol,
                     PsSeriesKind   kind,
                     PsInterval     interval,
                     gint64        *first_ms,
                     gint64        *last_ms,
                     GError       **error)
{
  int k = _ps_cache_kind_index (kind);

  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);
  g_return_val_if_fail (interval < PS_N_INTERVALS, FALSE);
  g_return_val_if_fail (k >= 0, FALSE);

  return ps_kind_get_extent (_ps_cache_kinds[k], self->database, self->kind_stmts[k], venue,
                             symbol, interval, first_ms, last_ms, error);
}
