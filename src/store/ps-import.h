/* ps-import.h: Binance public-data archives (data.binance.vision) into the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-cache.h"
#include "ps-series.h"

G_BEGIN_DECLS

/* The kinds of USDⓈ-M archive Perpscope reads. */
typedef enum
{
  PS_IMPORT_KLINES = 1,          /* futures/um/{daily,monthly}/klines/SYM/IV/SYM-IV-DATE */
  PS_IMPORT_FUNDING,             /* futures/um/monthly/fundingRate/SYM/SYM-fundingRate-DATE */
  PS_IMPORT_METRICS,             /* futures/um/daily/metrics/SYM/SYM-metrics-DATE (5m OI) */
  PS_IMPORT_LIQUIDATIONS,        /* futures/um/daily/liquidationSnapshot/SYM/SYM-liquidationSnapshot-DATE */
} PsImportKind;

/* What a file name says: SYMBOL-INTERVAL-YYYY-MM[-DD] or SYMBOL-KIND-YYYY-MM[-DD],
 * with .zip or .csv. The period is the day or month of the name, UTC ms. */
typedef struct
{
  PsImportKind  kind;
  char         *symbol;
  PsInterval    interval;     /* klines only, else PS_INTERVAL_NONE */
  gint64        from_ms;
  gint64        to_ms;
  gboolean      monthly;
} PsImportName;

void         ps_import_name_clear   (PsImportName  *name);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PsImportName, ps_import_name_clear)

/* Reads a base name (no folders). FALSE with *reason (newly allocated, in words)
 * when it is not an archive Perpscope reads, e.g. a .CHECKSUM or a 3m kline. */
gboolean     ps_import_parse_name   (const char    *basename,
                                     PsImportName  *name,
                                     char         **reason);

/* CSV parsers (no I/O). A header row is optional: with one, columns are found
 * by name; without, the archive's positional layout is used. Every field is
 * checked; an error is a PS_PARSE_ERROR naming file, line (from 1) and field.
 * Blank lines are skipped. file only names the data in messages. */
PsCandles      *ps_import_parse_klines       (const char  *file,
                                              const char  *data,
                                              gsize        length,
                                              PsInterval   interval,
                                              GError     **error);
/* interval_ms (optional): per row, the funding interval the row states
 * (funding_interval_hours), 0 where the file does not say. */
PsFunding      *ps_import_parse_funding      (const char  *file,
                                              const char  *data,
                                              gsize        length,
                                              GArray     **interval_ms,
                                              GError     **error);
/* symbol: rows naming another symbol are an error. Rows repeating a time
 * (seen in real files) keep the last. */
PsOpenInterest *ps_import_parse_metrics      (const char  *file,
                                              const char  *data,
                                              gsize        length,
                                              const char  *symbol,
                                              GError     **error);
PsLiquidations *ps_import_parse_liquidations (const char  *file,
                                              const char  *data,
                                              gsize        length,
                                              const char  *symbol,
                                              GError     **error);

/* What rows prove complete within a file's period [from_ms, to_ms): the whole
 * period when every expected row is there, else nothing (*cover_to_ms ==
 * *cover_from_ms). */
void         ps_import_klines_coverage   (const PsCandles *candles,
                                          PsInterval       interval,
                                          gint64           from_ms,
                                          gint64           to_ms,
                                          gint64          *cover_from_ms,
                                          gint64          *cover_to_ms);
void         ps_import_funding_coverage  (const PsFunding *funding,
                                          const GArray    *interval_ms,
                                          gint64           from_ms,
                                          gint64           to_ms,
                                          gint64          *cover_from_ms,
                                          gint64          *cover_to_ms);
/* interval: the grid of the rows (5m as read, or a coarser copy). */
void         ps_import_metrics_coverage  (const PsOpenInterest *open_interest,
                                          PsInterval            interval,
                                          gint64                from_ms,
                                          gint64                to_ms,
                                          gint64               *cover_from_ms,
                                          gint64               *cover_to_ms);

/* One file inside an archive. */
typedef struct
{
  char   *name;
  GBytes *contents;
} PsImportEntry;

/* The regular files of a ZIP (libarchive), in archive order, as a GPtrArray of
 * PsImportEntry. A truncated or corrupt archive is a PS_PARSE_ERROR naming the
 * file and libarchive's reason; nothing is returned then. */
GPtrArray   *ps_import_read_archive  (const char    *path,
                                      GError       **error);

/* Where liquidationSnapshot events go: the recordings database. span is what
 * the file covers ([from, to), empty when it proves nothing); *n_new the events
 * not stored before. Source is PS_LIQ_SOURCE_IMPORT in every row. */
typedef gboolean (*PsImportLiquidationsFunc) (const char            *venue,
                                              const char            *symbol,
                                              const PsLiquidations  *events,
                                              gint64                 span_from_ms,
                                              gint64                 span_to_ms,
                                              guint                 *n_new,
                                              gpointer               user_data,
                                              GError               **error);

typedef enum
{
  PS_IMPORT_FILE_IMPORTED,
  PS_IMPORT_FILE_SKIPPED,      /* not an archive Perpscope reads; message says why */
  PS_IMPORT_FILE_FAILED,       /* message names the file and the reason */
} PsImportFileStatus;

typedef struct
{
  guint n_imported;
  guint n_skipped;
  guint n_failed;
  guint n_candles;
  guint n_funding;
  guint n_open_interest;       /* 5m rows read (before any coarser copies) */
  guint n_liquidations;
} PsImportStats;

/* Called before each file (index from 0 of n_files) and after it, with its
 * status and, for skipped and failed files, a message in words. */
typedef void (*PsImportProgressFunc) (const char          *path,
                                      guint                index,
                                      guint                n_files,
                                      gboolean             done,
                                      PsImportFileStatus   status,
                                      const char          *message,
                                      gpointer             user_data);

typedef struct
{
  PsCache                  *cache;
  PsImportLiquidationsFunc  write_liquidations;   /* NULL: parsed, then skipped */
  gpointer                  liquidations_data;
  PsImportProgressFunc      progress;
  gpointer                  progress_data;
} PsImportTarget;

/* The files under paths (newly allocated strings): files as given, folders
 * walked recursively with entries sorted by name. Paths that do not exist or
 * cannot be read are kept, for ps_import_file to name the failure. */
GPtrArray   *ps_import_collect       (const char * const  *paths);

/* Imports one file (ZIP or CSV) into the target: upserts, so importing twice
 * changes nothing. Adds to stats; *message (newly allocated, or NULL) says
 * why a file was skipped or failed, naming it. */
PsImportFileStatus ps_import_file    (const PsImportTarget  *target,
                                      const char            *path,
                                      PsImportStats         *stats,
                                      char                 **message);

/* Each collected file in turn; a failed file is reported through progress and
 * the rest still import. FALSE when any file failed. */
gboolean     ps_import_run           (const PsImportTarget  *target,
                                      const char * const    *paths,
                                      PsImportStats         *stats);

G_END_DECLS
