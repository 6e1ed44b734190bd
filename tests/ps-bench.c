/* ps-bench.c: figures for the paths that must stay fast, each beside a
 * baseline measured in the same run (raw SQLite, bare json-glib, bare cairo).
 * Not a test: it prints, it does not judge. `build-aux/dev bench`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "perpscope-resources.h"
#include "ps-bench-private.h"
#include "ps-binance-parse.h"
#include "ps-binance.h"
#include "ps-cache.h"
#include "ps-market.h"
#include "ps-render.h"
#include "ps-sync.h"
#include "ps-writer.h"

double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

double
process_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The calling thread's CPU time: on a shared machine, what wall time cannot
 * tell apart from waiting for a core. */
double
cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static PsCandles *
make_candles (guint n)
{
  PsCandles *candles = ps_candles_new (n);
  double price = 90000;
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n; i++)
    {
      double open = price;
      double close = open * (1 + g_rand_double_range (rand, -0.002, 0.002));
      double high = MAX (open, close) * (1 + g_rand_double_range (rand, 0, 0.001));
      double low = MIN (open, close) * (1 - g_rand_double_range (rand, 0, 0.001));

      ps_candles_append (candles, T0 + (gint64) i * MINUTE, open, high, low, close,
                         g_rand_double_range (rand, 1, 500), g_rand_double_range (rand, 0, 250));
      price = close;
    }

  g_rand_free (rand);
  return candles;
}

void
report (const char *what,
        double      ours_s,
        double      base_s,
        guint       rows)
{
  g_print ("%-34s %9.1f ms %11.0f rows/s   baseline %9.1f ms   ratio %5.2fx\n",
           what, ours_s * 1e3, rows / ours_s, base_s * 1e3, ours_s / base_s);
}

/* For figures where more is better (throughput): speed = baseline / ours. */
void
report_speed (const char *what,
              double      ours_s,
              double      base_s,
              guint       rows,
              double      target)
{
  double speed = base_s / ours_s;

  g_print ("%-34s %9.1f ms %11.0f rows/s   baseline %9.1f ms   speed %5.2fx"
           "  (target >= %.2fx: %s)\n",
           what, ours_s * 1e3, rows / ours_s, base_s * 1e3, speed, target,
           speed >= target ? "met" : "MISSED");
}

void
report_limit (const char *what,
              double      ours_s,
              double      base_s,
              guint       rows,
              double      limit_s)
{
  g_print ("%-34s %9.1f ms %11.0f rows/s   baseline %9.1f ms   ratio %5.2fx"
           "  (target < %.0f ms: %s)\n",
           what, ours_s * 1e3, rows / ours_s, base_s * 1e3, ours_s / base_s, limit_s * 1e3,
           ours_s < limit_s ? "met" : "MISSED");
}

void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* One text column of one row, newly allocated. */
static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (text == NULL)
    g_error ("%s: no row", sql);
  return text;
}

/* A table's own CREATE statement (whatever its migrations made it) and the
 * page size, read from the file, so that a baseline differs only in the path. */
void
table_schema (const char  *db_path,
              const char  *table,
              char       **create_sql,
              char       **page_size)
{
  g_autofree char *sql = g_strdup_printf ("SELECT sql FROM sqlite_master WHERE type = 'table'"
                                          " AND name = '%s'", table);
  sqlite3 *db;

  g_assert (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
  *create_sql = query_text (db, sql);
  *page_size = query_text (db, "PRAGMA page_size");
  sqlite3_close (db);
}

/* The same table and the same pages, written and read with nothing in between. */
static void
raw_sqlite (const char      *path,
            const char      *cache_path,
            const PsCandles *c,
            double          *write_s,
            double          *read_s,
            double          *write_cpu_s,
            double          *read_cpu_s)
{
  g_autofree char *create_sql = NULL;
  g_autofree char *page_size = NULL;
  g_autofree char *pragmas = NULL;
  sqlite3 *db;
  sqlite3_stmt *insert, *select;
  double t, cpu;
  guint n = 0;
  gint64 *times = g_new (gint64, c->n);
  double *cols[6];

  for (guint k = 0; k < 6; k++)
    cols[k] = g_new (double, c->n);

  table_schema (cache_path, "candles", &create_sql, &page_size);
  pragmas = g_strdup_printf ("PRAGMA page_size=%s; PRAGMA journal_mode=WAL;"
                             " PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;", page_size);
  /* Opened as ours is (no per-call mutex, the same mapping for reads): only the path differs. */
  g_assert (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                             SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK);
  exec_sql (db, pragmas);
  exec_sql (db, create_sql);
  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO candles (venue, symbol, interval, t, open,"
                              " high, low, close, volume, taker_buy_volume)"
                              " VALUES ('binance','BTCUSDT','1m',?,?,?,?,?,?,?)",
                          -1, &insert, NULL) != SQLITE_OK)
    g_error ("The cache's candles table changed; adapt the baseline: %s", sqlite3_errmsg (db));

  t = now_s ();
  cpu = cpu_s ();
  for (guint first = 0; first < c->n; first += PAGE)
    {
      exec_sql (db, "BEGIN IMMEDIATE");
      for (guint i = first; i < MIN (first + PAGE, c->n); i++)
        {
          sqlite3_bind_int64 (insert, 1, c->t_ms[i]);
          sqlite3_bind_double (insert, 2, ps_candles_open_at (c, i));
          sqlite3_bind_double (insert, 3, ps_candles_high_at (c, i));
          sqlite3_bind_double (insert, 4, ps_candles_low_at (c, i));
          sqlite3_bind_double (insert, 5, ps_candles_close_at (c, i));
          sqlite3_bind_double (insert, 6, ps_candles_volume_at (c, i));
          sqlite3_bind_double (insert, 7, ps_candles_taker_buy_at (c, i));
          sqlite3_step (insert);
          sqlite3_reset (insert);
        }
      exec_sql (db, "COMMIT");
    }
  *write_s = now_s () - t;
  *write_cpu_s = cpu_s () - cpu;

  sqlite3_prepare_v2 (db, "SELECT t, open, high, low, close, volume, taker_buy_volume FROM candles"
                          " WHERE venue='binance' AND symbol='BTCUSDT' AND interval='1m'"
                          " AND t >= ? AND t < ? ORDER BY t", -1, &select, NULL);
  t = now_s ();
  cpu = cpu_s ();
  sqlite3_bind_int64 (select, 1, T0);
  sqlite3_bind_int64 (select, 2, G_MAXINT64);
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      times[n] = sqlite3_column_int64 (select, 0);
      for (guint k = 0; k < 6; k++)
        cols[k][n] = sqlite3_column_double (select, k + 1);
      n++;
    }
  *read_s = now_s () - t;
  *read_cpu_s = cpu_s () - cpu;
  g_assert (n == c->n);

  sqlite3_finalize (insert);
  sqlite3_finalize (select);
  sqlite3_close (db);
  g_free (times);
  for (guint k = 0; k < 6; k++)
    g_free (cols[k]);
}

static void
bench_changed_cb (PsMarket *market,
                  gint64    from_ms,
                  gint64    to_ms,
                  gboolean *changed)
{
  *changed = TRUE;
}

/* What the window feels: how long opening a year of 1m candles holds the main
 * loop, against reading it on the main loop as the cache can. */
static void
bench_market (PsCache         *cache,
              const PsCandles *candles)
{
  g_autoptr(PsCore) core = NULL;
  g_autoptr(PsMarket) market = NULL;
  g_autoptr(PsCandles) direct = NULL;
  gint64 to_ms = candles->t_ms[candles->n - 1] + MINUTE;
  gboolean changed = FALSE;
  double t, blocked_s, shown_s, direct_s;

  /* Nothing answers there: the market shows what the cache holds. */
  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:9", TRUE);
  core = ps_core_new (ps_cache_get_path (cache), PS_CORE_FLAGS_NONE, NULL);
  market = ps_market_new (core, "binance", "BTCUSDT", PS_INTERVAL_1M, NULL);
  g_signal_connect (market, "changed", G_CALLBACK (bench_changed_cb), &changed);

  t = now_s ();
  ps_market_load (market, T0, to_ms);
  blocked_s = now_s () - t;
  while (!changed)
    g_main_context_iteration (NULL, TRUE);
  shown_s = now_s () - t;
  g_assert (ps_market_get_candles (market)->n == candles->n);
  while (ps_market_get_loading (market))
    g_main_context_iteration (NULL, TRUE);

  t = now_s ();
  direct = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_1M, T0, to_ms, NULL);
  direct_s = now_s () - t;

  report ("market load: main loop held", blocked_s, direct_s, candles->n);
  report ("market load: until shown (first)", shown_s, direct_s, candles->n);

  /* Again, the worker's connection now open and its page cache warm. */
  changed = FALSE;
  t = now_s ();
  ps_market_load (market, T0, to_ms);
  while (!changed)
    g_main_context_iteration (NULL, TRUE);
  shown_s = now_s () - t;
  while (ps_market_get_loading (market))
    g_main_context_iteration (NULL, TRUE);
  report ("market load: until shown (again)", shown_s, direct_s, candles->n);
}

void
bench_pending_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BenchPending *pending = user_data;
  GError *error = NULL;

  if (!ps_writer_submit_finish (PS_WRITER (object), result, &error) && pending->error == NULL)
    pending->error = error;
  else
    g_clear_error (&error);
  pending->n_left--;
}

/* The same pages through the writer thread: queued from the main loop, timed
 * until the last is committed. */
static double
bench_writer_ingest (const char      *path,
                     const PsCandles *candles,
                     double          *cpu_s)
{
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsPage) warmup = NULL;
  BenchPending pending = { 0 };
  double t;

  cache = ps_cache_new (path, &error);
  g_assert_no_error (error);
  writer = ps_writer_new (path);
  /* The writer opens its connection first: that is not the ingest. */
  warmup = ps_page_new (PS_SERIES_CANDLES);
  warmup->candles = ps_candles_slice (candles, T0, T0 + MINUTE);
  pending.n_left++;
  ps_writer_write_page_async (writer, "binance", "WARMUP", PS_INTERVAL_1M, warmup, T0,
                              T0 + MINUTE, NULL, bench_pending_cb, &pending);
  while (pending.n_left > 0)
    g_main_context_iteration (NULL, TRUE);

  t = now_s ();
  *cpu_s = process_cpu_s ();
  for (guint first = 0; first < candles->n; first += PAGE)
    {
      g_autoptr(PsPage) page = ps_page_new (PS_SERIES_CANDLES);

      page->candles = ps_candles_slice (candles, candles->t_ms[first],
                                        candles->t_ms[first] + (gint64) PAGE * MINUTE);
      pending.n_left++;
      ps_writer_write_page_async (writer, "binance", "BTCUSDT", PS_INTERVAL_1M, page,
                                  page->candles->t_ms[0],
                                  page->candles->t_ms[page->candles->n - 1] + MINUTE, NULL,
                                  bench_pending_cb, &pending);
    }
  while (pending.n_left > 0)
    g_main_context_iteration (NULL, TRUE);
  t = now_s () - t;
  *cpu_s = process_cpu_s () - *cpu_s;
  if (pending.error != NULL)
    g_error ("%s", pending.error->message);
  return t;
}

static void
bench_cache (const char      *dir,
             const PsCandles *candles)
{
  g_autofree char *ours_path = g_build_filename (dir, "ours.db", NULL);
  g_autofree char *raw_path = g_build_filename (dir, "raw.db", NULL);
  g_autofree char *writer_path = g_build_filename (dir, "writer.db", NULL);
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) read = NULL;
  double t, cpu, write_s, read_s, raw_write_s, raw_read_s, writer_s;
  double write_cpu_s, read_cpu_s, raw_write_cpu_s, raw_read_cpu_s, writer_cpu_s;

  cache = ps_cache_new (ours_path, &error);
  g_assert_no_error (error);

  t = now_s ();
  cpu = cpu_s ();
  for (guint first = 0; first < candles->n; first += PAGE)
    {
      g_autoptr(PsCandles) page = ps_candles_slice (candles, candles->t_ms[first],
                                                    candles->t_ms[first] + (gint64) PAGE * MINUTE);

      if (!ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_1M, page,
                                   page->t_ms[0], page->t_ms[page->n - 1] + MINUTE, &error))
        g_error ("%s", error->message);
    }
  write_s = now_s () - t;
  write_cpu_s = cpu_s () - cpu;

  /* The process's CPU: a long read runs its later half on a second thread. */
  t = now_s ();
  cpu = process_cpu_s ();
  read = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_1M, T0, G_MAXINT64, &error);
  read_s = now_s () - t;
  read_cpu_s = process_cpu_s () - cpu;
  g_assert_no_error (error);
  g_assert (read->n == candles->n);

  raw_sqlite (raw_path, ours_path, candles, &raw_write_s, &raw_read_s, &raw_write_cpu_s,
              &raw_read_cpu_s);
  writer_s = bench_writer_ingest (writer_path, candles, &writer_cpu_s);

  report_speed ("ingest 1M 1m candles, cache", write_s, raw_write_s, candles->n, 0.8);
  report_speed ("ingest 1M, through the writer", writer_s, raw_write_s, candles->n, 0.8);
  report_limit ("read 1M into columns", read_s, raw_read_s, candles->n, 0.3);
  g_print ("%-34s ingest %.0f ms (raw %.0f ms, speed %.2fx), through the writer %.0f ms "
           "(all threads; speed %.2fx), read %.0f ms (all threads; raw %.0f ms)\n",
           "  the same in CPU time", write_cpu_s * 1e3, raw_write_cpu_s * 1e3,
           raw_write_cpu_s / write_cpu_s, writer_cpu_s * 1e3, raw_write_cpu_s / writer_cpu_s,
           read_cpu_s * 1e3, raw_read_cpu_s * 1e3);
  bench_market (cache, candles);
}

static char *
klines_json (const PsCandles *c,
             guint            n)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s[%" G_GINT64_FORMAT ",\"%.1f\",\"%.1f\",\"%.1f\",\"%.1f\",\"%.3f\",%"
                            G_GINT64_FORMAT ",\"%.5f\",%u,\"%.3f\",\"%.5f\",\"0\"]",
                            i ? "," : "", c->t_ms[i], ps_candles_open_at (c, i),
                            ps_candles_high_at (c, i), ps_candles_low_at (c, i),
                            ps_candles_close_at (c, i), ps_candles_volume_at (c, i),
                            c->t_ms[i] + MINUTE - 1,
                            ps_candles_volume_at (c, i) * ps_candles_close_at (c, i), 1000 + i,
                            ps_candles_taker_buy_at (c, i),
                            ps_candles_taker_buy_at (c, i) * ps_candles_close_at (c, i));
  g_string_append (json, "]");
  return g_string_free (json, FALSE);
}

static void
bench_parse (const PsCandles *candles)
{
  g_autofree char *json = klines_json (candles, PAGE);
  gsize length = strlen (json);
  const guint rounds = 200;
  double t, ours_s, base_s;

  t = now_s ();
  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsCandles) parsed = ps_binance_parse_klines (json, length, &error);

      g_assert (parsed != NULL && parsed->n == PAGE);
    }
  ours_s = now_s () - t;

  t = now_s ();
  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert (json_parser_load_from_data (parser, json, length, NULL));
    }
  base_s = now_s () - t;

  report ("parse klines (validated)", ours_s, base_s, rounds * PAGE);
  /* PsBinance parses each page on a worker thread: this is that thread's
   * work per page, no longer the main loop's. */
  g_print ("%-34s %9.2f ms   baseline (json-glib alone) %.2f ms\n",
           "  per page of 1500, worker thread", ours_s * 1e3 / rounds, base_s * 1e3 / rounds);
}

static void
bench_render (PsCandles *candles,
              guint      n)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 600);
  cairo_t *cr = cairo_create (surface);
  PsRect rect = { 0, 0, 1600, 600 };
  PsChartStyle style;
  const guint rounds = 20;
  double t, ours_s, base_s;
  char what[64];

  ps_chart_style_init_light (&style);
  ps_time_axis_set_range (axis, T0, T0 + (gint64) n * MINUTE);

  t = now_s ();
  for (guint r = 0; r < rounds; r++)
    ps_render_price (cr, &rect, axis, candles, PS_INTERVAL_1M, "BTCUSDT", &style);
  ours_s = (now_s () - t) / rounds;

  /* The least any drawing of this pane must do: one bar per pixel column. */
  t = now_s ();
  for (guint r = 0; r < rounds; r++)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0.15, 0.6, 0.4);
      for (guint x = 0; x < 1528; x++)
        cairo_rectangle (cr, x, 100 + (x * 7) % 300, 1, 80);
      cairo_fill (cr);
    }
  base_s = (now_s () - t) / rounds;

  g_snprintf (what, sizeof what, "render price, %u candles", n);
  report (what, ours_s, base_s, n);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* With no argument, every part; else only the parts named (cache, stall,
 * liquidations, parse, render, heatmap, heatmap-image, frame). */
static gboolean
wants (int         argc,
       char       *argv[],
       const char *part)
{
  if (argc < 2)
    return TRUE;
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], part))
      return TRUE;
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("perpscope-bench-XXXXXX", NULL);
  g_autoptr(PsCandles) candles = NULL;
  const char *bases[] = { "ours.db", "raw.db", "writer.db", "stall-writer.db", "stall-main.db",
                          "stall-mem-writer.db", "stall-mem-main.db", "liq-cache.db",
                          "liq-recordings.db", "liq-raw.db",
                          "rec-cache.db", "rec-recordings.db", "rec-raw.db" };
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (argc > 1 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("Usage: ps-bench [PART...]\n"
               "       ps-bench webchart --csv FILE --ranges FILE [--runs N] [--width PX]"
               " [--height PX]\n\n"
               "Parts (all when none is named): cache stall liquidations parse heatmap-image\n"
               "render heatmap analysis frame. frame: the window's five panes at 1M candles\n"
               "with and without levels (full frame, pan step, cold, bytes per candle,\n"
               "resident). analysis: the live window's runs at a month and 1M candles.\n"
               "webchart: the native row of shared/bench/webchart (see its README).\n");
      return 0;
    }
  /* Its own process: no other part's data in its memory. */
  if (argc > 1 && g_str_equal (argv[1], "webchart"))
    {
      ps_register_resource ();
      return bench_webchart (argc - 1, argv + 1);
    }

  ps_register_resource ();
  /* The frame part alone measures resident memory: no candles of the others. */
  if (argc == 2 && g_str_equal (argv[1], "frame"))
    {
      bench_frame ();
      g_rmdir (dir);
      return 0;
    }
  candles = make_candles (N_CANDLES);

  g_print ("Perpscope benchmark (%u synthetic 1m candles; ratio = ours / baseline, lower is better)\n",
           N_CANDLES);
  if (wants (argc, argv, "cache"))
    bench_cache (dir, candles);
  if (wants (argc, argv, "stall"))
    {
      bench_stall (dir);
      bench_stall_in_memory (dir, candles);
    }
  if (wants (argc, argv, "liquidations"))
    {
      bench_liquidations (dir);
      bench_recorder (dir);
    }
  if (wants (argc, argv, "parse"))
    bench_parse (candles);
  if (wants (argc, argv, "heatmap-image"))
    bench_heatmap_image ();
  if (wants (argc, argv, "render"))
    {
      bench_render (candles, 1000);
      bench_render (candles, N_YEAR);
    }
  if (wants (argc, argv, "heatmap"))
    bench_heatmap ();
  if (wants (argc, argv, "analysis"))
    bench_analysis ();
  if (wants (argc, argv, "frame"))
    bench_frame ();

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    for (guint k = 0; k < G_N_ELEMENTS (suffixes); k++)
      {
        g_autofree char *name = g_strconcat (bases[i], suffixes[k], NULL);
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_remove (path);
      }
  g_rmdir (dir);
  return 0;
}
