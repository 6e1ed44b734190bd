/* ps-cache-series.c: the rows of a series, written with their coverage and read by range
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The library's one domain is set by meson; the store logs under its layer's. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include <math.h>

#include "ps-cache.h"
#include "ps-cache-private.h"

/* Values */

/* SQL has no NaN: "unknown" is NULL in the file. */
static void
ps_cache_bind_value (sqlite3_stmt *stmt,
                     int           column,
                     double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_double (stmt, column, value);
}

static double
ps_cache_column_value (sqlite3_stmt *stmt,
                       int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

/* Writes */

static gboolean
ps_cache_upsert_rows (PsCache       *self,
                      const char    *venue,
                      const char    *symbol,
                      PsSeriesKind   kind,
                      PsInterval     interval,
                      gconstpointer  series,
                      GError       **error)
{
  const char *interval_key = ps_interval_to_string (interval);

  switch (kind)
    {
    case PS_SERIES_CANDLES:
      {
        const PsCandles *candles = series;

        for (guint i = 0; i < candles->n; i++)
          {
            sqlite3_stmt *stmt = _ps_cache_stmt (self, STMT_UPSERT_CANDLE);

            _ps_cache_bind_key (stmt, venue, symbol);
            sqlite3_bind_text (stmt, 3, interval_key, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (stmt, 4, candles->t_ms[i]);
            ps_cache_bind_value (stmt, 5, candles->open[i]);
            ps_cache_bind_value (stmt, 6, candles->high[i]);
            ps_cache_bind_value (stmt, 7, candles->low[i]);
            ps_cache_bind_value (stmt, 8, candles->close[i]);
            ps_cache_bind_value (stmt, 9, candles->volume[i]);
            ps_cache_bind_value (stmt, 10, candles->taker_buy_volume[i]);
            if (!_ps_cache_step_done (self, stmt, error))
              return FALSE;
          }
        return TRUE;
      }

    case PS_SERIES_FUNDING:
      {
        const PsFunding *funding = series;

        for (guint i = 0; i < funding->n; i++)
          {
            sqlite3_stmt *stmt = _ps_cache_stmt (self, STMT_UPSERT_FUNDING);

            _ps_cache_bind_key (stmt, venue, symbol);
            sqlite3_bind_int64 (stmt, 3, funding->t_ms[i]);
            ps_cache_bind_value (stmt, 4, funding->rate[i]);
            ps_cache_bind_value (stmt, 5, funding->mark_price[i]);
            if (!_ps_cache_step_done (self, stmt, error))
              return FALSE;
          }
        return TRUE;
      }

    case PS_SERIES_OPEN_INTEREST:
      {
        const PsOpenInterest *open_interest = series;

        for (guint i = 0; i < open_interest->n; i++)
          {
            sqlite3_stmt *stmt = _ps_cache_stmt (self, STMT_UPSERT_OI);

            _ps_cache_bind_key (stmt, venue, symbol);
            sqlite3_bind_text (stmt, 3, interval_key, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (stmt, 4, open_interest->t_ms[i]);
            ps_cache_bind_value (stmt, 5, open_interest->contracts[i]);
            ps_cache_bind_value (stmt, 6, open_interest->usd[i]);
            if (!_ps_cache_step_done (self, stmt, error))
              return FALSE;
          }
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* One transaction: rows (series may be NULL) and their coverage, all or nothing. */
static gboolean
ps_cache_write (PsCache          *self,
                const char       *venue,
                const char       *symbol,
                PsSeriesKind      kind,
                PsInterval        interval,
                gconstpointer     series,
                gint64            cover_from_ms,
                gint64            cover_to_ms,
                PsCoverageState   state,
                GError          **error)
{
  if (!ps_database_begin (self->database, error))
    return FALSE;

  if ((series != NULL &&
       !ps_cache_upsert_rows (self, venue, symbol, kind, interval, series, error)) ||
      !_ps_cache_cover (self, venue, symbol, kind, interval, cover_from_ms, cover_to_ms,
                        state, error) ||
      !ps_database_commit (self->database, error))
    {
      ps_database_rollback (self->database);
      return FALSE;
    }

  return TRUE;
}

gboolean
ps_cache_write_candles (PsCache          *self,
                        const char       *venue,
                        const char       *symbol,
                        PsInterval        interval,
                        const PsCandles  *candles,
                        gint64            cover_from_ms,
                        gint64            cover_to_ms,
                        GError          **error)
{
  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);
  g_return_val_if_fail (interval < PS_N_INTERVALS, FALSE);
  g_return_val_if_fail (candles != NULL, FALSE);

  return ps_cache_write (self, venue, symbol, PS_SERIES_CANDLES, interval, candles,
                         cover_from_ms, cover_to_ms, PS_COVERAGE_FETCHED, error);
}

gboolean
ps_cache_write_funding (PsCache          *self,
                        const char       *venue,
                        const char       *symbol,
                        const PsFunding  *funding,
                        gint64            cover_from_ms,
                        gint64            cover_to_ms,
                        GError          **error)
{
  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);
  g_return_val_if_fail (funding != NULL, FALSE);

  return ps_cache_write (self, venue, symbol, PS_SERIES_FUNDING, PS_INTERVAL_NONE, funding,
                         cover_from_ms, cover_to_ms, PS_COVERAGE_FETCHED, error);
}

gboolean
ps_cache_write_open_interest (PsCache               *self,
                              const char            *venue,
                              const char            *symbol,
                              PsInterval             interval,
                              const PsOpenInterest  *open_interest,
                              gint64                 cover_from_ms,
                              gint64                 cover_to_ms,
                              GError               **error)
{
  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);
  g_return_val_if_fail (interval < PS_N_INTERVALS, FALSE);
  g_return_val_if_fail (open_interest != NULL, FALSE);

  return ps_cache_write (self, venue, symbol, PS_SERIES_OPEN_INTEREST, interval,
                         open_interest, cover_from_ms, cover_to_ms, PS_COVERAGE_FETCHED,
                         error);
}

gboolean
ps_cache_mark_coverage (PsCache          *self,
                        const char       *venue,
                        const char       *symbol,
                        PsSeriesKind      kind,
                        PsInterval        interval,
                        gint64            from_ms,
                        gint64            to_ms,
                        PsCoverageState   state,
                        GError          **error)
{
  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);
  g_return_val_if_fail (kind == PS_SERIES_CANDLES || kind == PS_SERIES_FUNDING ||
                        kind == PS_SERIES_OPEN_INTEREST, FALSE);
  g_return_val_if_fail (interval < PS_N_INTERVALS, FALSE);
  g_return_val_if_fail (state == PS_COVERAGE_FETCHED || state == PS_COVERAGE_UNAVAILABLE,
                        FALSE);

  if (to_ms <= from_ms)
    return TRUE;

  return ps_cache_write (self, venue, symbol, kind, interval, NULL, from_ms, to_ms, state,
                         error);
}

/* Reads */

/* Binds the key and [from_ms, to_ms) of a read; returns the statement to step. */
static sqlite3_stmt *
ps_cache_prepare_read (PsCache     *self,
                       PsCacheStmt  id,
                       const char  *venue,
                       const char  *symbol,
                       PsInterval   interval,
                       gint64       from_ms,
                       gint64       to_ms)
{
  sqlite3_stmt *stmt = _ps_cache_stmt (self, id);
  int next = 3;

  _ps_cache_bind_key (stmt, venue, symbol);
  if (id != STMT_READ_FUNDING)
    sqlite3_bind_text (stmt, next++, ps_interval_to_string (interval), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, next++, from_ms);
  sqlite3_bind_int64 (stmt, next, to_ms);
  return stmt;
}

static gboolean
ps_cache_finish_read (PsCache       *self,
                      sqlite3_stmt  *stmt,
                      int            rc,
                      GError       **error)
{
  if (rc != SQLITE_DONE)
    _ps_cache_fail (self, rc, error);
  /* Reset ends the implicit read transaction, so the WAL can be checkpointed. */
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

PsCandles *
ps_cache_read_candles (PsCache     *self,
                       const char  *venue,
                       const char  *symbol,
                       PsInterval   interval,
                       gint64       from_ms,
                       gint64       to_ms,
                       GError     **error)
{
  g_autoptr(PsCandles) candles = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);
  g_return_val_if_fail (interval < PS_N_INTERVALS, NULL);

  candles = ps_candles_new (0);
  stmt = ps_cache_prepare_read (self, STMT_READ_CANDLES, venue, symbol, interval,
                                from_ms, to_ms);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ps_candles_append (candles, sqlite3_column_int64 (stmt, 0),
                       ps_cache_column_value (stmt, 1), ps_cache_column_value (stmt, 2),
                       ps_cache_column_value (stmt, 3), ps_cache_column_value (stmt, 4),
                       ps_cache_column_value (stmt, 5), ps_cache_column_value (stmt, 6));

  if (!ps_cache_finish_read (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&candles);
}

PsFunding *
ps_cache_read_funding (PsCache     *self,
                       const char  *venue,
                       const char  *symbol,
                       gint64       from_ms,
                       gint64       to_ms,
                       GError     **error)
{
  g_autoptr(PsFunding) funding = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);

  funding = ps_funding_new (0);
  stmt = ps_cache_prepare_read (self, STMT_READ_FUNDING, venue, symbol, PS_INTERVAL_NONE,
                                from_ms, to_ms);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ps_funding_append (funding, sqlite3_column_int64 (stmt, 0),
                       ps_cache_column_value (stmt, 1), ps_cache_column_value (stmt, 2));

  if (!ps_cache_finish_read (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&funding);
}

PsOpenInterest *
ps_cache_read_open_interest (PsCache     *self,
                             const char  *venue,
                             const char  *symbol,
                             PsInterval   interval,
                             gint64       from_ms,
                             gint64       to_ms,
                             GError     **error)
{
  g_autoptr(PsOpenInterest) open_interest = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);
  g_return_val_if_fail (interval < PS_N_INTERVALS, NULL);

  open_interest = ps_open_interest_new (0);
  stmt = ps_cache_prepare_read (self, STMT_READ_OI, venue, symbol, interval, from_ms, to_ms);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ps_open_interest_append (open_interest, sqlite3_column_int64 (stmt, 0),
                             ps_cache_column_value (stmt, 1), ps_cache_column_value (stmt, 2));

  if (!ps_cache_finish_read (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&open_interest);
}
