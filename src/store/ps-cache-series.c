/* ps-cache-series.c: the rows of a series, written with their coverage and read by range
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The library's one domain is set by meson; the store logs under its layer's. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include "ps-cache.h"
#include "ps-cache-private.h"

/* Writes */

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
  int k = _ps_cache_kind_index (kind);

  g_assert (k >= 0);

  if (!ps_database_begin (self->database, error))
    return FALSE;

  if ((series != NULL &&
       !ps_kind_write_rows (_ps_cache_kinds[k], self->database, self->kind_stmts[k], venue,
                            symbol, interval, series, NULL, error)) ||
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

static gpointer
ps_cache_read (PsCache       *self,
               PsSeriesKind   kind,
               const char    *venue,
               const char    *symbol,
               PsInterval     interval,
               gint64         from_ms,
               gint64         to_ms,
               GError       **error)
{
  int k = _ps_cache_kind_index (kind);

  return ps_kind_read_rows (_ps_cache_kinds[k], self->database, self->kind_stmts[k], venue,
                            symbol, interval, from_ms, to_ms, error);
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
  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);
  g_return_val_if_fail (interval < PS_N_INTERVALS, NULL);

  return ps_cache_read (self, PS_SERIES_CANDLES, venue, symbol, interval, from_ms, to_ms,
                        error);
}

PsFunding *
ps_cache_read_funding (PsCache     *self,
                       const char  *venue,
                       const char  *symbol,
                       gint64       from_ms,
                       gint64       to_ms,
                       GError     **error)
{
  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);

  return ps_cache_read (self, PS_SERIES_FUNDING, venue, symbol, PS_INTERVAL_NONE, from_ms,
                        to_ms, error);
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
  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);
  g_return_val_if_fail (interval < PS_N_INTERVALS, NULL);

  return ps_cache_read (self, PS_SERIES_OPEN_INTEREST, venue, symbol, interval, from_ms,
                        to_ms, error);
}
