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

/* A range holding at least this many rows is read in two halves at once, on
 * two connections (WAL lets readers run side by side): SQLite's per-row cost
 * (~0.3 µs) is the whole of a long read, and a second core halves it. Below,
 * the second thread and connection would cost more than they save. */
#define PS_CACHE_SPLIT_MIN_ROWS 100000
/* Reads of at least this many rows hand the file's mapped pages back after
 * (~2.5 MB of pages and more): below, what stays mapped is little, and
 * often read again at once. */
#define PS_CACHE_RELEASE_MIN_ROWS 50000

typedef struct
{
  PsCache     *self;
  int          k;
  const char  *venue;
  const char  *symbol;
  PsInterval   interval;
  gint64       from_ms;
  gint64       to_ms;
  gpointer     series;      /* shared; this half fills its rows [at, at + room) */
  guint        at;
  guint        room;
  guint        n_read;
  PsCandlePacker packer;    /* of a kind that packs */
  gpointer     overflow;    /* rows past room (off the grid), or NULL */
  gboolean     opened;      /* FALSE: no second connection, error says why */
  GError      *error;
} PsCacheHalf;

/* The later half, on its own thread and connection (opened by the first long
 * read, as the cache itself was), straight into the rows of the series past
 * the earlier half's. The caller waits for it before using the cache or the
 * series again, so each is only ever used by one thread at a time. */
static gpointer
ps_cache_read_later_half (gpointer data)
{
  PsCacheHalf *half = data;
  PsCache *self = half->self;
  PsCache *reader;

  if (self->half_reader == NULL)
    self->half_reader = _ps_cache_new_with_flags (self->path,
                                                  self->flags & ~PS_DATABASE_VERIFY,
                                                  &half->error);
  if ((reader = self->half_reader) == NULL)
    return NULL;

  half->opened = TRUE;
  ps_kind_read_rows_at (_ps_cache_kinds[half->k], reader->database, reader->kind_stmts[half->k],
                        half->venue, half->symbol, half->interval, half->from_ms, half->to_ms,
                        half->series, half->at, half->room,
                        _ps_cache_kinds[half->k]->packs ? &half->packer : NULL, &half->n_read,
                        &half->overflow, &half->error);
  return NULL;
}

/* Reads [from, to) as two halves split at a step of the grid, the later on a
 * second thread, into one series. The halves are two read transactions: a
 * write committed between their starts can show in the later half only, as
 * it can between any two reads (coverage and rows are read apart too).
 * NULL with no error set when the range is too short to be worth it. */
static gpointer
ps_cache_read_split (PsCache       *self,
                     int            k,
                     const char    *venue,
                     const char    *symbol,
                     PsInterval     interval,
                     gint64         from_ms,
                     gint64         to_ms,
                     GError       **error)
{
  const PsKind *kind = _ps_cache_kinds[k];
  sqlite3_stmt **stmts = self->kind_stmts[k];
  PsCacheHalf later = { self, k, venue, symbol, interval, 0, to_ms };
  g_autoptr(GThread) thread = NULL;
  g_autoptr(GError) thread_error = NULL;
  gint64 step = ps_interval_to_ms (interval);
  gint64 first, last;
  gpointer series, first_overflow = NULL;
  PsCandlePacker first_packer;
  guint capacity, n_first = 0;
  gboolean ok;

  if (self->half_reader_failed || step <= 0 || g_get_num_processors () < 2 ||
      !ps_kind_get_span (kind, self->database, stmts, venue, symbol, interval, from_ms,
                         to_ms, &first, &last) ||
      (guint64) (last - first) / (guint64) step + 1 < PS_CACHE_SPLIT_MIN_ROWS)
    return NULL;

  /* One row per step of the grid from first to last; the earlier half holds
   * the steps before the split. */
  capacity = (guint) MIN ((guint64) (last - first) / (guint64) step + 1, G_MAXUINT / 2);
  later.at = capacity / 2;
  later.room = capacity - later.at;
  later.from_ms = first + (gint64) later.at * step;
  later.series = series = ps_kind_new_read_series (kind, capacity);
  if (kind->packs)
    {
      ps_candle_packer_init (&first_packer, series, 0, later.at);
      ps_candle_packer_init (&later.packer, series, later.at, later.room);
    }

  thread = g_thread_try_new ("ps-cache-read", ps_cache_read_later_half, &later, &thread_error);
  if (thread == NULL)
    {
      kind->free_series (series);
      return NULL;
    }

  ok = ps_kind_read_rows_at (kind, self->database, stmts, venue, symbol, interval, from_ms,
                             later.from_ms, series, 0, later.at,
                             kind->packs ? &first_packer : NULL, &n_first, &first_overflow,
                             error);
  g_thread_join (g_steal_pointer (&thread));

  if (!later.opened)
    {
      /* No second connection (the file went read-only, say): read it here,
       * and from now on every range in one piece. */
      g_debug ("No second reader of %s: %s", self->path, later.error->message);
      g_clear_error (&later.error);
      self->half_reader_failed = TRUE;
      ok = ok && ps_kind_read_rows_at (kind, self->database, stmts, venue, symbol, interval,
                                       later.from_ms, to_ms, series, later.at, later.room,
                                       kind->packs ? &later.packer : NULL, &later.n_read,
                                       &later.overflow, error);
    }
  else if (later.error != NULL)
    {
      if (ok)
        g_propagate_error (error, g_steal_pointer (&later.error));
      g_clear_error (&later.error);
      ok = FALSE;
    }

  if (ok && kind->packs)
    {
      PsCandlePacker parts[] = { first_packer, later.packer };
      PsCandles *overflows[] = { first_overflow, later.overflow };

      series = ps_candles_finish_packing (series, parts, overflows, 2);
    }
  else if (ok)
    ps_kind_join_parts (kind, series, capacity, n_first, first_overflow, later.at,
                        later.n_read, later.overflow);
  else
    {
      g_clear_pointer (&series, kind->free_series);
      if (kind->packs)
        {
          ps_candle_packer_clear (&first_packer);
          ps_candle_packer_clear (&later.packer);
        }
    }
  if (first_overflow != NULL)
    kind->free_series (first_overflow);
  if (later.overflow != NULL)
    kind->free_series (later.overflow);
  return series;
}

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
  g_autoptr(GError) split_error = NULL;
  gpointer series;

  if (!_ps_cache_kinds[k]->has_interval ||
      ((series = ps_cache_read_split (self, k, venue, symbol, interval, from_ms, to_ms,
                                      &split_error)) == NULL && split_error == NULL))
    series = ps_kind_read_rows (_ps_cache_kinds[k], self->database, self->kind_stmts[k], venue,
                                symbol, interval, from_ms, to_ms, error);
  else if (split_error != NULL)
    g_propagate_error (error, g_steal_pointer (&split_error));

  /* A long read's pages leave the process with it. */
  if (series != NULL && ((PsSeriesHead *) series)->n >= PS_CACHE_RELEASE_MIN_ROWS)
    _ps_cache_release_mapping (self);
  return series;
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

  /* Packed as read (ps_kind_read_rows_at ()): half the memory for the same
   * values. */
  return ps_cache_read (self, PS_SERIES_CANDLES, venue, symbol, interval, from_ms, to_ms, error);
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
