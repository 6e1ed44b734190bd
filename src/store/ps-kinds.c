/* ps-kinds.c: each stored data kind described once, and the statements made from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The library's one domain is set by meson; the store logs under its layer's. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "ps-kinds.h"

#define PS_ASSERT_HEAD(Type) \
  G_STATIC_ASSERT (offsetof (Type, n) == offsetof (PsSeriesHead, n) && \
                   offsetof (Type, t_ms) == offsetof (PsSeriesHead, t_ms))
PS_ASSERT_HEAD (PsCandles);
PS_ASSERT_HEAD (PsFunding);
PS_ASSERT_HEAD (PsOpenInterest);
PS_ASSERT_HEAD (PsLiquidations);

#define REAL(Type, field) { #field, PS_COLUMN_REAL, offsetof (Type, field) }
#define BYTE(Type, field) { #field, PS_COLUMN_BYTE, offsetof (Type, field) }
#define VALUES(name, k) { name, PS_COLUMN_VALUES, offsetof (PsCandles, columns) + \
                                                  (k) * sizeof (PsValueColumn) }

/* Appending a row read back */

static void
ps_kind_append_candle (gpointer      series,
                       gint64        t_ms,
                       const double *v)
{
  ps_candles_append (series, t_ms, v[0], v[1], v[2], v[3], v[4], v[5]);
}

static void
ps_kind_append_funding (gpointer      series,
                        gint64        t_ms,
                        const double *v)
{
  ps_funding_append (series, t_ms, v[0], v[1]);
}

static void
ps_kind_append_open_interest (gpointer      series,
                              gint64        t_ms,
                              const double *v)
{
  ps_open_interest_append (series, t_ms, v[0], v[1]);
}

static void
ps_kind_append_liquidation (gpointer      series,
                            gint64        t_ms,
                            const double *v)
{
  ps_liquidations_append (series, t_ms, (PsLiqSide) v[0], (PsLiqSource) v[1], v[2], v[3], v[4],
                          v[5]);
}

/* The kinds */

const PsKind ps_kind_candles = {
  PS_SERIES_CANDLES, "candles", TRUE, PS_KIND_REPLACE, 6,
  { VALUES ("open", PS_CANDLE_OPEN), VALUES ("high", PS_CANDLE_HIGH),
    VALUES ("low", PS_CANDLE_LOW), VALUES ("close", PS_CANDLE_CLOSE),
    VALUES ("volume", PS_CANDLE_VOLUME), VALUES ("taker_buy_volume", PS_CANDLE_TAKER_BUY_VOLUME) },
  (PsKindNewFunc) ps_candles_new, (GDestroyNotify) ps_candles_unref, ps_kind_append_candle,
  TRUE,
};

const PsKind ps_kind_funding = {
  PS_SERIES_FUNDING, "funding", FALSE, PS_KIND_REPLACE, 2,
  { REAL (PsFunding, rate), REAL (PsFunding, mark_price) },
  (PsKindNewFunc) ps_funding_new, (GDestroyNotify) ps_funding_unref, ps_kind_append_funding,
};

const PsKind ps_kind_open_interest = {
  PS_SERIES_OPEN_INTEREST, "open_interest", TRUE, PS_KIND_REPLACE, 2,
  { REAL (PsOpenInterest, contracts), REAL (PsOpenInterest, usd) },
  (PsKindNewFunc) ps_open_interest_new, (GDestroyNotify) ps_open_interest_unref,
  ps_kind_append_open_interest,
};

/* One row per event: the table's key (venue, symbol, t, side, price, qty)
 * makes a second recorder's copy of an event a duplicate to ignore. */
const PsKind ps_kind_liquidations = {
  PS_SERIES_LIQUIDATIONS, "liquidations", FALSE, PS_KIND_KEEP_FIRST, 6,
  { BYTE (PsLiquidations, side), BYTE (PsLiquidations, source),
    REAL (PsLiquidations, price), REAL (PsLiquidations, avg_price),
    REAL (PsLiquidations, qty), REAL (PsLiquidations, usd) },
  (PsKindNewFunc) ps_liquidations_new, (GDestroyNotify) ps_liquidations_unref,
  ps_kind_append_liquidation,
};

/* Current open interest polled by a recorder: what was recorded stays. */
const PsKind ps_kind_oi_snapshots = {
  PS_SERIES_OPEN_INTEREST, "oi_snapshots", FALSE, PS_KIND_KEEP_FIRST, 2,
  { REAL (PsOpenInterest, contracts), REAL (PsOpenInterest, usd) },
  (PsKindNewFunc) ps_open_interest_new, (GDestroyNotify) ps_open_interest_unref,
  ps_kind_append_open_interest,
};

/* SQL */

/* "venue = ?1 AND symbol = ?2 [AND interval = ?3]"; *next: the next parameter. */
static void
ps_kind_append_key_filter (const PsKind *kind,
                           GString      *sql,
                           guint        *next)
{
  g_string_append (sql, " WHERE venue = ?1 AND symbol = ?2");
  *next = 3;
  if (kind->has_interval)
    g_string_append_printf (sql, " AND interval = ?%u", (*next)++);
}

static char *
ps_kind_dup_write_sql (const PsKind *kind)
{
  GString *sql = g_string_new (NULL);
  const char *key = kind->has_interval ? "venue, symbol, interval, t" : "venue, symbol, t";
  guint n_key = kind->has_interval ? 4 : 3;

  g_string_append_printf (sql, "INSERT%s INTO %s (%s",
                          kind->conflict == PS_KIND_KEEP_FIRST ? " OR IGNORE" : "",
                          kind->table, key);
  for (guint i = 0; i < kind->n_columns; i++)
    g_string_append_printf (sql, ", %s", kind->columns[i].name);
  g_string_append (sql, ") VALUES (?1");
  for (guint i = 2; i <= n_key + kind->n_columns; i++)
    g_string_append_printf (sql, ", ?%u", i);
  g_string_append (sql, ")");

  if (kind->conflict == PS_KIND_REPLACE)
    {
      g_string_append_printf (sql, " ON CONFLICT (%s) DO UPDATE SET ", key);
      for (guint i = 0; i < kind->n_columns; i++)
        g_string_append_printf (sql, "%s%s = excluded.%s", i > 0 ? ", " : "",
                                kind->columns[i].name, kind->columns[i].name);
    }

  return g_string_free (sql, FALSE);
}

static char *
ps_kind_dup_read_sql (const PsKind *kind)
{
  GString *sql = g_string_new ("SELECT t");
  guint next;

  for (guint i = 0; i < kind->n_columns; i++)
    g_string_append_printf (sql, ", %s", kind->columns[i].name);
  g_string_append_printf (sql, " FROM %s", kind->table);
  ps_kind_append_key_filter (kind, sql, &next);
  g_string_append_printf (sql, " AND t >= ?%u AND t < ?%u ORDER BY t", next, next + 1);
  return g_string_free (sql, FALSE);
}

/* Two subqueries, not min (t), max (t) in one: SQLite answers a lone min ()
 * or max () with one seek down the key, but both at once by scanning every
 * row of the market. */
static char *
ps_kind_dup_extent_sql (const PsKind *kind)
{
  GString *sql = g_string_new (NULL);
  guint next;

  g_string_append_printf (sql, "SELECT (SELECT min (t) FROM %s", kind->table);
  ps_kind_append_key_filter (kind, sql, &next);
  g_string_append_printf (sql, "), (SELECT max (t) FROM %s", kind->table);
  ps_kind_append_key_filter (kind, sql, &next);
  g_string_append (sql, ")");
  return g_string_free (sql, FALSE);
}

/* The first and last t inside [from, to): how many rows a read may hold. */
static char *
ps_kind_dup_span_sql (const PsKind *kind)
{
  GString *sql = g_string_new (NULL);
  guint next;

  g_string_append_printf (sql, "SELECT (SELECT min (t) FROM %s", kind->table);
  ps_kind_append_key_filter (kind, sql, &next);
  g_string_append_printf (sql, " AND t >= ?%u), (SELECT max (t) FROM %s", next, kind->table);
  ps_kind_append_key_filter (kind, sql, &next);
  g_string_append_printf (sql, " AND t < ?%u)", next + 1);
  return g_string_free (sql, FALSE);
}

gboolean
ps_kind_prepare (const PsKind   *kind,
                 PsDatabase     *database,
                 sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                 GError        **error)
{
  char *(*const make[PS_N_KIND_STMTS]) (const PsKind *) = {
    [PS_KIND_STMT_WRITE] = ps_kind_dup_write_sql,
    [PS_KIND_STMT_READ] = ps_kind_dup_read_sql,
    [PS_KIND_STMT_EXTENT] = ps_kind_dup_extent_sql,
    [PS_KIND_STMT_SPAN] = ps_kind_dup_span_sql,
  };

  for (guint i = 0; i < PS_N_KIND_STMTS; i++)
    {
      g_autofree char *sql = make[i] (kind);

      if (!ps_database_prepare (database, sql, &stmts[i], error))
        return FALSE;
    }
  return TRUE;
}

void
ps_kind_finalize (sqlite3_stmt *stmts[PS_N_KIND_STMTS])
{
  for (guint i = 0; i < PS_N_KIND_STMTS; i++)
    g_clear_pointer (&stmts[i], sqlite3_finalize);
}

/* Rows */

/* Binds ?1 venue, ?2 symbol and the interval where the kind has one; returns
 * the next parameter. */
static int
ps_kind_bind_key (const PsKind *kind,
                  sqlite3_stmt *stmt,
                  const char   *venue,
                  const char   *symbol,
                  PsInterval    interval)
{
  sqlite3_bind_text (stmt, 1, venue, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, symbol, -1, SQLITE_STATIC);
  if (!kind->has_interval)
    return 3;
  sqlite3_bind_text (stmt, 3, ps_interval_to_string (interval), -1, SQLITE_STATIC);
  return 4;
}

/* The key, then [from, to) (the READ and SPAN statements). */
static void
ps_kind_bind_range (const PsKind *kind,
                    sqlite3_stmt *stmt,
                    const char   *venue,
                    const char   *symbol,
                    PsInterval    interval,
                    gint64        from_ms,
                    gint64        to_ms)
{
  int param = ps_kind_bind_key (kind, stmt, venue, symbol, interval);

  sqlite3_bind_int64 (stmt, param, from_ms);
  sqlite3_bind_int64 (stmt, param + 1, to_ms);
}

/* The addresses of series' column arrays, in the kind's column order (of
 * a PsValueColumn itself for PS_COLUMN_VALUES). */
static void
ps_kind_find_columns (const PsKind  *kind,
                      gconstpointer  series,
                      gpointer       columns[])
{
  for (guint c = 0; c < kind->n_columns; c++)
    columns[c] = kind->columns[c].type == PS_COLUMN_VALUES
                 ? G_STRUCT_MEMBER_P (series, kind->columns[c].offset)
                 : G_STRUCT_MEMBER (gpointer, series, kind->columns[c].offset);
}

/* columns: the series' arrays, found once per batch. */
static inline void
ps_kind_bind_row (const PsKind  *kind,
                  sqlite3_stmt  *stmt,
                  int            param,
                  const gint64  *t_ms,
                  gconstpointer  columns[],
                  guint          row)
{
  sqlite3_bind_int64 (stmt, param++, t_ms[row]);
  for (guint c = 0; c < kind->n_columns; c++, param++)
    {
      double value;

      if (kind->columns[c].type == PS_COLUMN_BYTE)
        {
          sqlite3_bind_int (stmt, param, ((const guint8 *) columns[c])[row]);
          continue;
        }
      if (kind->columns[c].type == PS_COLUMN_VALUES)
        value = ps_value_column_get (columns[c], row);
      else
        value = ((const double *) columns[c])[row];
      if (isnan (value))
        sqlite3_bind_null (stmt, param);
      else
        sqlite3_bind_double (stmt, param, value);
    }
}

gboolean
ps_kind_write_rows (const PsKind   *kind,
                    PsDatabase     *database,
                    sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                    const char     *venue,
                    const char     *symbol,
                    PsInterval      interval,
                    gconstpointer   series,
                    guint          *n_new,
                    GError        **error)
{
  const PsSeriesHead *head = series;
  sqlite3_stmt *stmt = ps_database_stmt (stmts[PS_KIND_STMT_WRITE]);
  gpointer columns[PS_KIND_MAX_COLUMNS];
  guint changed = 0;
  int param;

  ps_kind_find_columns (kind, series, columns);

  /* The key once: a reset keeps the bindings, and every row binds all of
   * the others. */
  param = ps_kind_bind_key (kind, stmt, venue, symbol, interval);
  for (guint i = 0; i < head->n; i++)
    {
      ps_kind_bind_row (kind, stmt, param, head->t_ms, (gconstpointer *) columns, i);
      if (!ps_database_step_done (database, stmt, error))
        return FALSE;
      changed += sqlite3_changes (database->db) > 0;
    }

  if (n_new != NULL)
    *n_new = changed;
  return TRUE;
}

gboolean
ps_kind_get_span (const PsKind   *kind,
                  PsDatabase     *database,
                  sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                  const char     *venue,
                  const char     *symbol,
                  PsInterval      interval,
                  gint64          from_ms,
                  gint64          to_ms,
                  gint64         *first_ms,
                  gint64         *last_ms)
{
  sqlite3_stmt *stmt = ps_database_stmt (stmts[PS_KIND_STMT_SPAN]);
  gboolean found = FALSE;

  ps_kind_bind_range (kind, stmt, venue, symbol, interval, from_ms, to_ms);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL &&
      sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      *first_ms = sqlite3_column_int64 (stmt, 0);
      *last_ms = sqlite3_column_int64 (stmt, 1);
      found = *last_ms >= *first_ms;
    }
  sqlite3_reset (stmt);
  return found;
}

guint
ps_kind_count_hint (const PsKind   *kind,
                    PsDatabase     *database,
                    sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                    const char     *venue,
                    const char     *symbol,
                    PsInterval      interval,
                    gint64          from_ms,
                    gint64          to_ms)
{
  gint64 step, first, last;

  if (!kind->has_interval || (step = ps_interval_to_ms (interval)) <= 0 ||
      !ps_kind_get_span (kind, database, stmts, venue, symbol, interval, from_ms, to_ms,
                         &first, &last))
    return 0;

  return (guint) MIN ((guint64) (last - first) / (guint64) step + 1, G_MAXUINT / 2);
}

/* A REAL column; NULL (0.0 to sqlite3_column_double) is NAN. */
static inline double
ps_kind_column_real (sqlite3_stmt *stmt,
                     int           column)
{
  double value = sqlite3_column_double (stmt, column);

  if (value == 0.0 && sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return value;
}

/* One row of stmt into row i of the columns. */
static inline void
ps_kind_store_row (const PsKind  *kind,
                   sqlite3_stmt  *stmt,
                   gint64        *t_ms,
                   gpointer       columns[],
                   guint          i)
{
  t_ms[i] = sqlite3_column_int64 (stmt, 0);
  for (guint c = 0; c < kind->n_columns; c++)
    if (kind->columns[c].type == PS_COLUMN_BYTE)
      ((guint8 *) columns[c])[i] = (guint8) sqlite3_column_int (stmt, c + 1);
    else if (kind->columns[c].type == PS_COLUMN_VALUES)   /* a new series: doubles */
      ((PsValueColumn *) columns[c])->doubles[i] = ps_kind_column_real (stmt, c + 1);
    else
      ((double *) columns[c])[i] = ps_kind_column_real (stmt, c + 1);
}

/* Rows go straight into the columns: no call and no copy per value. */
gboolean
ps_kind_read_rows_at (const PsKind   *kind,
                      PsDatabase     *database,
                      sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                      const char     *venue,
                      const char     *symbol,
                      PsInterval      interval,
                      gint64          from_ms,
                      gint64          to_ms,
                      gpointer        series,
                      guint           at,
                      guint           room,
                      PsCandlePacker *packer,
                      guint          *n_read,
                      gpointer       *overflow,
                      GError        **error)
{
  sqlite3_stmt *stmt = ps_database_stmt (stmts[PS_KIND_STMT_READ]);
  PsSeriesHead *head = series;
  gpointer columns[PS_KIND_MAX_COLUMNS];
  double values[PS_KIND_MAX_COLUMNS];
  guint n = 0;
  int rc;

  g_return_val_if_fail (kind->packs == (packer != NULL), FALSE);

  ps_kind_bind_range (kind, stmt, venue, symbol, interval, from_ms, to_ms);
  ps_kind_find_columns (kind, series, columns);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n < room && packer == NULL)
        {
          ps_kind_store_row (kind, stmt, head->t_ms, columns, at + n++);
          continue;
        }
      if (n < room)
        {
          for (guint c = 0; c < kind->n_columns; c++)
            values[c] = ps_kind_column_real (stmt, c + 1);
          ps_candle_packer_put (packer, sqlite3_column_int64 (stmt, 0), values);
          n++;
          continue;
        }

      if (*overflow == NULL)
        *overflow = kind->new_series (0);
      for (guint c = 0; c < kind->n_columns; c++)
        values[c] = ps_kind_column_real (stmt, c + 1);
      kind->append (*overflow, sqlite3_column_int64 (stmt, 0), values);
    }

  /* Reset ends the implicit read transaction, so the WAL can be checkpointed. */
  sqlite3_reset (stmt);
  *n_read = n;
  if (rc != SQLITE_DONE)
    return ps_database_fail (database, rc, error);
  return TRUE;
}

gpointer
ps_kind_read_rows (const PsKind   *kind,
                   PsDatabase     *database,
                   sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                   const char     *venue,
                   const char     *symbol,
                   PsInterval      interval,
                   gint64          from_ms,
                   gint64          to_ms,
                   GError        **error)
{
  guint reserved = ps_kind_count_hint (kind, database, stmts, venue, symbol, interval, from_ms,
                                       to_ms);
  gpointer series = ps_kind_new_read_series (kind, reserved);
  gpointer overflow = NULL;
  PsCandlePacker packer;
  guint n;

  if (kind->packs)
    ps_candle_packer_init (&packer, series, 0, reserved);
  if (!ps_kind_read_rows_at (kind, database, stmts, venue, symbol, interval, from_ms, to_ms,
                             series, 0, reserved, kind->packs ? &packer : NULL, &n, &overflow,
                             error))
    {
      g_clear_pointer (&series, kind->free_series);
      if (kind->packs)
        ps_candle_packer_clear (&packer);
    }
  else if (kind->packs)
    series = ps_candles_finish_packing (series, &packer, (PsCandles **) &overflow, 1);
  else
    {
      ((PsSeriesHead *) series)->n = n;
      if (overflow != NULL)
        ps_kind_append_range (kind, series, reserved, overflow, 0,
                              ((PsSeriesHead *) overflow)->n);
    }
  if (overflow != NULL)
    kind->free_series (overflow);
  return series;
}

gpointer
ps_kind_new_read_series (const PsKind *kind,
                         guint         reserve)
{
  return kind->packs ? ps_candles_new_packing (reserve) : kind->new_series (reserve);
}

/* Whether any value column of series is packed. */
static gboolean
ps_kind_is_packed (const PsKind  *kind,
                   gconstpointer  series)
{
  for (guint c = 0; c < kind->n_columns; c++)
    if (kind->columns[c].type == PS_COLUMN_VALUES &&
        ((const PsValueColumn *) G_STRUCT_MEMBER_P (series, kind->columns[c].offset))->scale != 0)
      return TRUE;
  return FALSE;
}

/* Column c's array of an unpacked series. */
static guint8 *
ps_kind_column_bytes (const PsKind  *kind,
                      gconstpointer  series,
                      guint          c)
{
  if (kind->columns[c].type == PS_COLUMN_VALUES)
    {
      const PsValueColumn *column = G_STRUCT_MEMBER_P (series, kind->columns[c].offset);

      return (guint8 *) column->doubles;
    }
  return G_STRUCT_MEMBER (guint8 *, series, kind->columns[c].offset);
}

void
ps_kind_append_range (const PsKind  *kind,
                      gpointer       dest,
                      guint          capacity,
                      gconstpointer  src,
                      guint          first,
                      guint          n)
{
  PsSeriesHead *to = dest;
  const PsSeriesHead *from = src;
  double values[PS_KIND_MAX_COLUMNS];

  /* Parts of a read are new series, so doubles; a packed one goes row by
   * row. */
  if (to->n + n <= capacity && !ps_kind_is_packed (kind, dest) && !ps_kind_is_packed (kind, src))
    {
      memmove (to->t_ms + to->n, from->t_ms + first, n * sizeof (gint64));
      for (guint c = 0; c < kind->n_columns; c++)
        {
          gsize size = kind->columns[c].type == PS_COLUMN_BYTE ? 1 : sizeof (double);
          guint8 *d, *s;

          d = ps_kind_column_bytes (kind, dest, c);
          s = ps_kind_column_bytes (kind, src, c);
          memmove (d + to->n * size, s + first * size, n * size);
        }
      to->n += n;
      return;
    }

  for (guint i = first; i < first + n; i++)
    {
      for (guint c = 0; c < kind->n_columns; c++)
        if (kind->columns[c].type == PS_COLUMN_BYTE)
          values[c] = G_STRUCT_MEMBER (const guint8 *, src, kind->columns[c].offset)[i];
        else if (kind->columns[c].type == PS_COLUMN_VALUES)
          values[c] = ps_value_column_get (G_STRUCT_MEMBER_P (src, kind->columns[c].offset), i);
        else
          values[c] = G_STRUCT_MEMBER (const double *, src, kind->columns[c].offset)[i];
      kind->append (dest, from->t_ms[i], values);
    }
}

gboolean
ps_kind_get_extent (const PsKind   *kind,
                    PsDatabase     *database,
                    sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                    const char     *venue,
                    const char     *symbol,
                    PsInterval      interval,
                    gint64         *first_ms,
                    gint64         *last_ms,
                    GError        **error)
{
  sqlite3_stmt *stmt = ps_database_stmt (stmts[PS_KIND_STMT_EXTENT]);
  gboolean found;
  int rc;

  ps_kind_bind_key (kind, stmt, venue, symbol, interval);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ps_database_fail (database, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  /* An aggregate over no rows is one row of NULLs. */
  found = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  if (found && first_ms != NULL)
    *first_ms = sqlite3_column_int64 (stmt, 0);
  if (found && last_ms != NULL)
    *last_ms = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return found;
}

void
ps_kind_join_parts (const PsKind *kind,
                    gpointer      series,
                    guint         capacity,
                    guint         n_first,
                    gpointer      first_overflow,
                    guint         later_at,
                    guint         n_later,
                    gpointer      later_overflow)
{
  PsSeriesHead *head = series;
  gpointer later_rows = NULL;

  if (first_overflow != NULL)
    {
      /* Rare (rows between the grid's): the later rows go aside first. */
      later_rows = kind->new_series (n_later);
      ps_kind_append_range (kind, later_rows, n_later, series, later_at, n_later);
    }

  head->n = n_first;
  if (first_overflow != NULL)
    {
      ps_kind_append_range (kind, series, capacity, first_overflow, 0,
                            ((PsSeriesHead *) first_overflow)->n);
      ps_kind_append_range (kind, series, capacity, later_rows, 0, n_later);
      kind->free_series (later_rows);
    }
  else if (n_first == later_at)
    head->n = n_first + n_later;
  else
    ps_kind_append_range (kind, series, capacity, series, later_at, n_later);

  if (later_overflow != NULL)
    ps_kind_append_range (kind, series, capacity, later_overflow, 0,
                          ((PsSeriesHead *) later_overflow)->n);
}
