/* ps-kinds.h: each stored data kind described once: its table, key, columns,
 * and how a row binds from and reads back into its columnar series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-database.h"
#include "ps-series.h"

G_BEGIN_DECLS

typedef enum
{
  PS_COLUMN_REAL,   /* double; NAN is NULL in the file (SQL has no NaN) */
  PS_COLUMN_BYTE,   /* guint8 (an enum: side, source) */
  PS_COLUMN_VALUES, /* a PsValueColumn: doubles, or packed (read back as doubles) */
} PsColumnType;

typedef struct
{
  const char   *name;     /* in the table */
  PsColumnType  type;
  gsize         offset;   /* of the column's array (or PsValueColumn) in the series */
} PsKindColumn;

typedef enum
{
  /* Same key: the newer row wins (fetched history, corrected by the venue). */
  PS_KIND_REPLACE,
  /* A row once stored is kept, a duplicate ignored (recorded events, which two
   * recorders may both receive); the table's primary key says what is one. */
  PS_KIND_KEEP_FIRST,
} PsKindConflict;

#define PS_KIND_MAX_COLUMNS 6

/* Every columnar series starts with its row count and time column, so one
 * loop binds and counts them all (checked in ps-kinds.c). */
typedef struct
{
  guint   n;
  gint64 *t_ms;
} PsSeriesHead;

typedef gpointer (*PsKindNewFunc) (guint reserve);

/* Rows are keyed by venue, symbol, the interval where has_interval, and t
 * (UTC ms); the table itself is created by its file's migrations, which never
 * change once shipped, so a new kind adds a migration and an entry here. */
typedef struct
{
  PsSeriesKind    kind;
  const char     *table;
  gboolean        has_interval;
  PsKindConflict  conflict;
  guint           n_columns;
  PsKindColumn    columns[PS_KIND_MAX_COLUMNS];
  PsKindNewFunc   new_series;
  GDestroyNotify  free_series;
  /* values[i] is column i, BYTE columns as a double. */
  void          (*append)      (gpointer       series,
                                gint64         t_ms,
                                const double  *values);
  /* Read straight into packed columns (PsCandlePacker): the candles. */
  gboolean        packs;
} PsKind;

/* Candles, funding and open interest of the cache; liquidations and open
 * interest snapshots of the recordings. */
extern const PsKind ps_kind_candles;
extern const PsKind ps_kind_funding;
extern const PsKind ps_kind_open_interest;
extern const PsKind ps_kind_liquidations;
extern const PsKind ps_kind_oi_snapshots;

/* The statements each kind keeps, their SQL made from its entry. Parameters:
 * ?1 venue, ?2 symbol, ?3 interval where it has one, then t (and the values,
 * or the range [from, to) of a read). */
typedef enum
{
  PS_KIND_STMT_WRITE,    /* one row */
  PS_KIND_STMT_READ,     /* t, values… for [from, to), sorted by t */
  PS_KIND_STMT_EXTENT,   /* min (t), max (t) */
  PS_KIND_STMT_SPAN,     /* min (t), max (t) inside [from, to): a read's size */
  PS_N_KIND_STMTS
} PsKindStmt;

gboolean  ps_kind_prepare     (const PsKind   *kind,
                               PsDatabase     *database,
                               sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                               GError        **error);
void      ps_kind_finalize    (sqlite3_stmt   *stmts[PS_N_KIND_STMTS]);

/* Writes every row of series inside the caller's transaction; *n_new (may be
 * NULL) counts the rows added or changed (with KEEP_FIRST: the new ones). */
gboolean  ps_kind_write_rows  (const PsKind   *kind,
                               PsDatabase     *database,
                               sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                               const char     *venue,
                               const char     *symbol,
                               PsInterval      interval,
                               gconstpointer   series,
                               guint          *n_new,
                               GError        **error);
/* [first, last] of the rows with from_ms <= t < to_ms; FALSE when none. */
gboolean  ps_kind_get_span    (const PsKind   *kind,
                               PsDatabase     *database,
                               sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                               const char     *venue,
                               const char     *symbol,
                               PsInterval      interval,
                               gint64          from_ms,
                               gint64          to_ms,
                               gint64         *first_ms,
                               gint64         *last_ms);
/* The most rows [from, to) can hold for a kind keyed by interval: one per
 * step between its first and last row there (a hint: rows off the grid are
 * still read, the series then grows); 0 when unknown. */
guint     ps_kind_count_hint  (const PsKind   *kind,
                               PsDatabase     *database,
                               sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                               const char     *venue,
                               const char     *symbol,
                               PsInterval      interval,
                               gint64          from_ms,
                               gint64          to_ms);
/* Reads the rows with from_ms <= t < to_ms into series' columns from row at
 * on, at most room of them, in one query; *n_read says how many. head->n is
 * left alone, so that two threads may fill two parts of one series. Rows past
 * room are appended to *overflow (a new series when NULL). For a kind that
 * packs, series is ps_kind_new_read_series ()'s and packer the part's (at
 * and room its own). */
gboolean  ps_kind_read_rows_at (const PsKind   *kind,
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
                                GError        **error);
/* A series to read reserve rows into: for a kind that packs, one whose
 * columns are packed as the rows come. */
gpointer  ps_kind_new_read_series (const PsKind *kind,
                                   guint         reserve);
/* Appends rows [first, first + n) of src (all later than dest's) to dest,
 * whose columns have room for capacity rows: moved column by column while
 * they fit, else appended row by row. src may be dest: rows of its columns
 * past its n, within its capacity. */
void      ps_kind_append_range (const PsKind   *kind,
                                gpointer        dest,
                                guint           capacity,
                                gconstpointer   src,
                                guint           first,
                                guint           n);
/* Makes one series of two parts read into it by ps_kind_read_rows_at (): the
 * first's n_first rows from row 0 (and first_overflow), the later's n_later
 * from row later_at (and later_overflow); the later rows are moved down
 * where the first part held fewer than later_at, the overflows put in order. */
void      ps_kind_join_parts  (const PsKind   *kind,
                               gpointer        series,
                               guint           capacity,
                               guint           n_first,
                               gpointer        first_overflow,
                               guint           later_at,
                               guint           n_later,
                               gpointer        later_overflow);
/* The rows with from_ms <= t < to_ms as a new series, in one query. */
gpointer  ps_kind_read_rows   (const PsKind   *kind,
                               PsDatabase     *database,
                               sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                               const char     *venue,
                               const char     *symbol,
                               PsInterval      interval,
                               gint64          from_ms,
                               gint64          to_ms,
                               GError        **error);
/* [first, last] of the rows held for a market; FALSE (error unset) when none. */
gboolean  ps_kind_get_extent  (const PsKind   *kind,
                               PsDatabase     *database,
                               sqlite3_stmt   *stmts[PS_N_KIND_STMTS],
                               const char     *venue,
                               const char     *symbol,
                               PsInterval      interval,
                               gint64         *first_ms,
                               gint64         *last_ms,
                               GError        **error);

G_END_DECLS
