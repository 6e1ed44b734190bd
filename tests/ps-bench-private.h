/* ps-bench-private.h: what the benchmark's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "ps-series.h"

G_BEGIN_DECLS

#define N_CANDLES   1000000     /* ingest and read */
#define N_YEAR      525600      /* a year of 1m candles: 351 pages */
#define PAGE        1500        /* Binance's kline page */
#define T0          1735689600000  /* 2025-01-01 UTC */
#define MINUTE      60000

/* Writer jobs still out, and the first error of them. */
typedef struct
{
  guint    n_left;
  GError  *error;
} BenchPending;

/* ps-bench.c */
double  now_s             (void);
/* The calling thread's CPU time, in seconds. */
double  cpu_s             (void);
/* The process's (all threads: for work handed to the writer), in seconds. */
double  process_cpu_s     (void);
void    report            (const char    *what,
                           double         ours_s,
                           double         base_s,
                           guint          rows);
/* More is better (throughput): speed = baseline / ours, against target. */
void    report_speed      (const char    *what,
                           double         ours_s,
                           double         base_s,
                           guint          rows,
                           double         target);
void    report_limit      (const char    *what,
                           double         ours_s,
                           double         base_s,
                           guint          rows,
                           double         limit_s);
void    exec_sql          (sqlite3       *db,
                           const char    *sql);
void    table_schema      (const char    *db_path,
                           const char    *table,
                           char         **create_sql,
                           char         **page_size);
/* A GAsyncReadyCallback for any PsWriter job; user_data: BenchPending. */
void    bench_pending_cb  (GObject       *object,
                           GAsyncResult  *result,
                           gpointer       user_data);

/* ps-bench-heatmap-model.c */
void    bench_make_walk         (guint             n,
                                 PsCandles       **candles,
                                 PsOpenInterest  **oi);
/* ps-bench-analysis.c */
void    bench_analysis          (void);

/* ps-bench-stall.c */
void    bench_stall             (const char      *dir);
void    bench_stall_in_memory   (const char      *dir,
                                 const PsCandles *candles);

/* ps-bench-liq.c */
void    bench_liquidations      (const char      *dir);
/* 100,000-style synthetic events, one a second from T0 (ps-bench-liq.c). */
PsLiquidations *bench_make_liquidations (guint n);
/* Raw SQLite of the recordings' own table, 1,000 events a transaction:
 * wall seconds, *cpu the thread's CPU seconds. */
double  bench_raw_liquidations  (const char           *path,
                                 const char           *recordings_path,
                                 const PsLiquidations *events,
                                 double               *cpu);

/* ps-bench-record.c */
void    bench_recorder          (const char      *dir);

/* ps-bench-heatmap-model.c */
void    bench_heatmap           (void);

/* ps-bench-heatmap.c */
void    bench_heatmap_image     (void);

/* ps-bench-frame.c: the window's five panes at 1M candles, with and without levels */
void    bench_frame             (void);
double  bench_percentile        (double          *v,
                                 guint            n,
                                 double           p);
/* Resident bytes of the process (/proc/self/statm). */
gsize   bench_resident_bytes    (void);

/* ps-bench-webchart.c: the native row of shared/bench/webchart (argv after "webchart") */
int     bench_webchart          (int              argc,
                                 char            *argv[]);

G_END_DECLS
