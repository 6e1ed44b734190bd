/* ps-bench-liq.c: 100,000 liquidation events through the writer thread,
 * beside raw SQLite of the recordings' own table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "ps-bench-private.h"
#include "ps-recordings.h"
#include "ps-writer.h"

/* 100,000 liquidation events, in batches of 1,000 as a recorder commits them */

#define N_LIQ        100000
#define LIQ_BATCH    1000

typedef struct
{
  PsLiquidations *events;
  guint           n_new;
} LiqBatch;

static gboolean
liq_batch_func (PsWriterDbs  *dbs,
                gpointer      data,
                GError      **error)
{
  LiqBatch *batch = data;
  PsRecordings *recordings = ps_writer_dbs_get_recordings (dbs, error);

  return recordings != NULL &&
         ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", batch->events,
                                           batch->events->t_ms[0],
                                           batch->events->t_ms[batch->events->n - 1] + 1,
                                           &batch->n_new, error);
}

static void
liq_batch_free (LiqBatch *batch)
{
  ps_liquidations_unref (batch->events);
  g_free (batch);
}

PsLiquidations *
bench_make_liquidations (guint n)
{
  PsLiquidations *events = ps_liquidations_new (n);
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < n; i++)
    {
      double price = 90000 + g_rand_double_range (rand, -3000, 3000);
      double qty = g_rand_double_range (rand, 0.001, 5);

      /* At most one a second, as Binance streams them. */
      ps_liquidations_append (events, T0 + (gint64) i * 1000,
                              g_rand_boolean (rand) ? PS_LIQ_LONG : PS_LIQ_SHORT,
                              PS_LIQ_SOURCE_LIVE, price, price * 1.0001, qty, qty * price);
    }
  g_rand_free (rand);
  return events;
}

/* The same batches inserted with nothing in between, into the recordings'
 * own liquidations table and page size read from its file. */
double
bench_raw_liquidations (const char           *path,
                  const char           *recordings_path,
                  const PsLiquidations *e,
                  double               *cpu)
{
  g_autofree char *create_sql = NULL;
  g_autofree char *page_size = NULL;
  g_autofree char *pragmas = NULL;
  sqlite3 *db;
  sqlite3_stmt *insert;
  double t;

  table_schema (recordings_path, "liquidations", &create_sql, &page_size);
  pragmas = g_strdup_printf ("PRAGMA page_size=%s; PRAGMA journal_mode=WAL;"
                             " PRAGMA synchronous=NORMAL;", page_size);
  /* Opened as ours is (no per-call mutex): only the path differs. */
  g_assert (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                             SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK);
  exec_sql (db, pragmas);
  exec_sql (db, create_sql);
  if (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO liquidations (venue, symbol, t, side, price,"
                              " qty, source, avg_price, usd)"
                              " VALUES ('binance','BTCUSDT',?,?,?,?,?,?,?)",
                          -1, &insert, NULL) != SQLITE_OK)
    g_error ("The recordings' liquidations table changed; adapt the baseline: %s",
             sqlite3_errmsg (db));

  t = now_s ();
  *cpu = cpu_s ();
  for (guint first = 0; first < e->n; first += LIQ_BATCH)
    {
      exec_sql (db, "BEGIN IMMEDIATE");
      for (guint i = first; i < MIN (first + LIQ_BATCH, e->n); i++)
        {
          sqlite3_bind_int64 (insert, 1, e->t_ms[i]);
          sqlite3_bind_int (insert, 2, e->side[i]);
          sqlite3_bind_double (insert, 3, e->price[i]);
          sqlite3_bind_double (insert, 4, e->qty[i]);
          sqlite3_bind_int (insert, 5, e->source[i]);
          sqlite3_bind_double (insert, 6, e->avg_price[i]);
          sqlite3_bind_double (insert, 7, e->usd[i]);
          sqlite3_step (insert);
          sqlite3_reset (insert);
        }
      exec_sql (db, "COMMIT");
    }
  t = now_s () - t;
  *cpu = cpu_s () - *cpu;

  sqlite3_finalize (insert);
  sqlite3_close (db);
  return t;
}

void
bench_liquidations (const char *dir)
{
  g_autofree char *cache_path = g_build_filename (dir, "liq-cache.db", NULL);
  g_autofree char *rec_path = g_build_filename (dir, "liq-recordings.db", NULL);
  g_autofree char *raw_path = g_build_filename (dir, "liq-raw.db", NULL);
  g_autoptr(PsLiquidations) events = bench_make_liquidations (N_LIQ);
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(PsWriter) writer = NULL;
  g_autoptr(PsLiquidations) stored = NULL;
  g_autoptr(GError) error = NULL;
  BenchPending pending = { 0 };
  double t, cpu, ours_s, raw_s, ours_cpu_s, raw_cpu_s;

  /* Created here as the application would, so that the writer opens it. */
  recordings = ps_recordings_new (rec_path, &error);
  g_assert_no_error (error);
  writer = ps_writer_new_full (cache_path, rec_path);

  t = now_s ();
  cpu = process_cpu_s ();
  for (guint first = 0; first < events->n; first += LIQ_BATCH)
    {
      LiqBatch *batch = g_new0 (LiqBatch, 1);

      batch->events = ps_liquidations_slice (events, events->t_ms[first],
                                             events->t_ms[first] + (gint64) LIQ_BATCH * 1000);
      pending.n_left++;
      ps_writer_submit_async (writer, liq_batch_func, batch, (GDestroyNotify) liq_batch_free,
                              NULL, bench_pending_cb, &pending);
    }
  while (pending.n_left > 0)
    g_main_context_iteration (NULL, TRUE);
  ours_s = now_s () - t;
  ours_cpu_s = process_cpu_s () - cpu;
  if (pending.error != NULL)
    g_error ("%s", pending.error->message);

  stored = ps_recordings_read_liquidations (recordings, "binance", "BTCUSDT", G_MININT64,
                                            G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert (stored->n == N_LIQ);

  raw_s = bench_raw_liquidations (raw_path, rec_path, events, &raw_cpu_s);
  report_speed ("100k liquidations, writer", ours_s, raw_s, N_LIQ, 0.8);
  g_print ("%-34s %.0f ms (all threads)   raw %.0f ms   speed %.2fx\n", "  the same in CPU time",
           ours_cpu_s * 1e3, raw_cpu_s * 1e3, raw_cpu_s / ours_cpu_s);
}
