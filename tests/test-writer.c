/* test-writer.c: PsWriter, every write on one thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "ps-writer.h"
#include "ps-test-util.h"

#define HOUR_MS  (G_GINT64_CONSTANT (3600) * 1000)
#define START    G_GINT64_CONSTANT (1735689600000)   /* 2025-01-01T00:00:00Z */

typedef struct
{
  guint      n_done;
  GPtrArray  *errors;     /* GError or NULL, per completion, in order */
  GArray     *order;      /* guint: the job's number, per completion */
  GThread    *thread;     /* where the callbacks ran */
} Results;

static void
results_init (Results *r)
{
  r->n_done = 0;
  r->errors = g_ptr_array_new ();
  r->order = g_array_new (FALSE, FALSE, sizeof (guint));
  r->thread = NULL;
}

static void
results_clear (Results *r)
{
  for (guint i = 0; i < r->errors->len; i++)
    if (r->errors->pdata[i] != NULL)
      g_error_free (r->errors->pdata[i]);
  g_ptr_array_unref (r->errors);
  g_array_unref (r->order);
}

typedef struct
{
  Results *results;
  guint    number;
} Callback;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Callback *cb = user_data;
  GError *error = NULL;

  ps_writer_submit_finish (PS_WRITER (object), result, &error);
  g_ptr_array_add (cb->results->errors, error);
  g_array_append_val (cb->results->order, cb->number);
  cb->results->thread = g_thread_self ();
  cb->results->n_done++;
  g_free (cb);
}

static gpointer
callback_new (Results *results,
              guint    number)
{
  Callback *cb = g_new0 (Callback, 1);

  cb->results = results;
  cb->number = number;
  return cb;
}

static void
wait_for (Results *results,
          guint    n)
{
  while (results->n_done < n)
    g_main_context_iteration (NULL, TRUE);
}

static PsCandles *
make_candles (gint64 from_ms,
              guint  n)
{
  PsCandles *candles = ps_candles_new (n);

  for (guint i = 0; i < n; i++)
    ps_candles_append (candles, from_ms + i * HOUR_MS, 1.0 + i, 2.0 + i, 0.5 + i, 1.5 + i,
                       10.0, 5.0);
  return candles;
}

static PsCache *
open_cache (const char *path)
{
  g_autoptr(GError) error = NULL;
  PsCache *cache = ps_cache_new (path, &error);

  g_assert_no_error (error);
  return cache;
}

/* A job that notes its number and thread, in the order run. */
typedef struct
{
  GMutex   lock;
  GArray  *run;         /* guint */
  GThread *thread;
  guint    sleep_ms;
} Recorder;

typedef struct
{
  Recorder *recorder;
  guint     number;
} RecordJob;

static gboolean
record_func (PsWriterDbs  *dbs,
             gpointer      data,
             GError      **error)
{
  RecordJob *job = data;
  Recorder *recorder = job->recorder;

  g_assert_nonnull (ps_writer_dbs_get_cache (dbs, NULL));
  if (recorder->sleep_ms > 0)
    g_usleep (recorder->sleep_ms * 1000);
  g_mutex_lock (&recorder->lock);
  g_array_append_val (recorder->run, job->number);
  recorder->thread = g_thread_self ();
  g_mutex_unlock (&recorder->lock);
  return TRUE;
}

static RecordJob *
record_job_new (Recorder *recorder,
                guint     number)
{
  RecordJob *job = g_new0 (RecordJob, 1);

  job->recorder = recorder;
  job->number = number;
  return job;
}

/* Tests */

static void
test_writer_new_destroy (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  PsWriter *writer = ps_writer_new (path);

  g_assert_cmpstr (ps_writer_get_cache_path (writer), ==, path);
  ps_writer_close (writer);
  ps_writer_close (writer);
  g_assert_finalize_object (writer);
}

static void
test_writer_order (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsWriter) writer = ps_writer_new (path);
  Recorder recorder = { .run = g_array_new (FALSE, FALSE, sizeof (guint)) };
  Results results;
  const guint n = 50;

  g_mutex_init (&recorder.lock);
  results_init (&results);
  for (guint i = 0; i < n; i++)
    ps_writer_submit_async (writer, record_func, record_job_new (&recorder, i), g_free, NULL,
                            done_cb, callback_new (&results, i));
  /* Never called back before the main loop runs. */
  g_assert_cmpuint (results.n_done, ==, 0);
  wait_for (&results, n);

  /* Run in order on one thread that is not this one; completed in order here. */
  g_assert_cmpuint (recorder.run->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (g_array_index (recorder.run, guint, i), ==, i);
      g_assert_cmpuint (g_array_index (results.order, guint, i), ==, i);
      g_assert_null (results.errors->pdata[i]);
    }
  g_assert_true (recorder.thread != g_thread_self ());
  g_assert_true (results.thread == g_thread_self ());

  results_clear (&results);
  g_array_unref (recorder.run);
  g_mutex_clear (&recorder.lock);
}

static void
page_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Callback *cb = user_data;
  GError *error = NULL;

  ps_writer_write_page_finish (PS_WRITER (object), result, &error);
  g_ptr_array_add (cb->results->errors, error);
  g_array_append_val (cb->results->order, cb->number);
  cb->results->n_done++;
  g_free (cb);
}

static void
write_page (PsWriter  *writer,
            gint64     from_ms,
            guint      n,
            Results   *results,
            guint      number)
{
  g_autoptr(PsPage) page = ps_page_new (PS_SERIES_CANDLES);

  page->candles = make_candles (from_ms, n);
  ps_writer_write_page_async (writer, "fake", "BTCUSDT", PS_INTERVAL_1H, page,
                              from_ms, from_ms + n * HOUR_MS, NULL, page_done_cb,
                              callback_new (results, number));
}

static void
test_writer_pages (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsWriter) writer = ps_writer_new (path);
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GArray) covered = NULL;
  g_autoptr(GArray) unavailable = NULL;
  g_autoptr(GArray) lost = g_array_new (FALSE, FALSE, sizeof (PsRange));
  g_autoptr(GError) error = NULL;
  PsRange range = { START - 10 * HOUR_MS, START };
  Results results;

  results_init (&results);
  write_page (writer, START, 10, &results, 0);
  write_page (writer, START + 10 * HOUR_MS, 5, &results, 1);
  g_array_append_val (lost, range);
  ps_writer_mark_coverage_async (writer, "fake", "BTCUSDT", PS_SERIES_CANDLES, PS_INTERVAL_1H,
                                 lost, PS_COVERAGE_UNAVAILABLE, NULL, page_done_cb,
                                 callback_new (&results, 2));
  wait_for (&results, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_null (results.errors->pdata[i]);

  /* Read on this thread's own connection: committed. */
  candles = ps_cache_read_candles (cache, "fake", "BTCUSDT", PS_INTERVAL_1H, G_MININT64,
                                   G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, 15);
  g_assert_cmpint (candles->t_ms[14], ==, START + 14 * HOUR_MS);
  g_assert_cmpfloat (ps_candles_open_at (candles, 14), ==, 5.0);
  covered = ps_cache_get_coverage (cache, "fake", "BTCUSDT", PS_SERIES_CANDLES, PS_INTERVAL_1H,
                                   G_MININT64, G_MAXINT64, PS_COVERAGE_FETCHED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (covered->len, ==, 1);
  g_assert_cmpint (g_array_index (covered, PsRange, 0).from_ms, ==, START);
  g_assert_cmpint (g_array_index (covered, PsRange, 0).to_ms, ==, START + 15 * HOUR_MS);
  unavailable = ps_cache_get_coverage (cache, "fake", "BTCUSDT", PS_SERIES_CANDLES,
                                       PS_INTERVAL_1H, G_MININT64, G_MAXINT64,
                                       PS_COVERAGE_UNAVAILABLE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unavailable->len, ==, 1);
  g_assert_cmpint (g_array_index (unavailable, PsRange, 0).from_ms, ==, range.from_ms);

  results_clear (&results);
}

/* A full disk: the error comes back in words, and the writer goes on. */
static gboolean
cap_func (PsWriterDbs  *dbs,
          gpointer      data,
          GError      **error)
{
  ps_cache_set_max_page_count_for_test (ps_writer_dbs_get_cache (dbs, NULL), GPOINTER_TO_UINT (data));
  return TRUE;
}

static void
test_writer_full (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsWriter) writer = ps_writer_new (path);
  const GError *full;
  Results results;

  results_init (&results);
  /* SQLite raises a cap below the file's size to it: no room for more. */
  ps_writer_submit_async (writer, cap_func, GUINT_TO_POINTER (1), NULL, NULL, done_cb,
                          callback_new (&results, 0));
  write_page (writer, START, 5000, &results, 1);
  ps_writer_submit_async (writer, cap_func, GUINT_TO_POINTER (1000000), NULL, NULL, done_cb,
                          callback_new (&results, 2));
  write_page (writer, START, 10, &results, 3);
  wait_for (&results, 4);

  g_assert_null (results.errors->pdata[0]);
  full = results.errors->pdata[1];
  g_assert_error (full, PS_CACHE_ERROR, PS_CACHE_ERROR_FULL);
  g_assert_cmpuint (strlen (full->message), >, 10);
  g_test_message ("%s", full->message);
  g_assert_null (results.errors->pdata[3]);

  results_clear (&results);
}

/* Another program holds the write lock: LOCKED, in words, after the timeout. */
static gboolean
busy_func (PsWriterDbs  *dbs,
           gpointer      data,
           GError      **error)
{
  ps_cache_set_busy_timeout (ps_writer_dbs_get_cache (dbs, NULL), 50);
  return TRUE;
}

static void
test_writer_locked (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsWriter) writer = ps_writer_new (path);
  sqlite3 *other = NULL;
  const GError *locked;
  Results results;

  /* The writer's connection is open (its first job ran) before the lock. */
  results_init (&results);
  ps_writer_submit_async (writer, busy_func, NULL, NULL, NULL, done_cb,
                          callback_new (&results, 0));
  wait_for (&results, 1);
  g_assert_null (results.errors->pdata[0]);

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  write_page (writer, START, 10, &results, 1);
  wait_for (&results, 2);
  locked = results.errors->pdata[1];
  g_assert_error (locked, PS_CACHE_ERROR, PS_CACHE_ERROR_LOCKED);
  g_assert_cmpuint (strlen (locked->message), >, 10);
  g_test_message ("%s", locked->message);

  /* Once released, writes go through again. */
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  write_page (writer, START, 10, &results, 2);
  wait_for (&results, 3);
  g_assert_null (results.errors->pdata[2]);

  results_clear (&results);
}

/* A file that is no cache: every job fails with the reason, nothing is
 * written, nothing crashes. */
static void
test_writer_corrupt (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "garbage.db", NULL);
  g_autoptr(PsWriter) writer = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  Results results;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "this is not a database, just some text that "
                                      "is long enough to have a header's worth of bytes "
                                      "in it, and then some more of it", -1, NULL));
  writer = ps_writer_new (path);
  results_init (&results);
  write_page (writer, START, 10, &results, 0);
  write_page (writer, START, 10, &results, 1);
  wait_for (&results, 2);
  for (guint i = 0; i < 2; i++)
    {
      const GError *error = results.errors->pdata[i];

      g_assert_nonnull (error);
      g_assert_true (error->domain == PS_CACHE_ERROR);
      g_assert_nonnull (strstr (error->message, "cache"));
      g_test_message ("%s", error->message);
    }
  g_clear_object (&writer);

  /* The file is left as it was. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "this is not a database"));
  results_clear (&results);
}

/* Closing runs every job already submitted; later ones fail at once. */
static void
test_writer_close_drains (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsWriter) writer = ps_writer_new (path);
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;
  Recorder recorder = { .run = g_array_new (FALSE, FALSE, sizeof (guint)), .sleep_ms = 2 };
  Results results;
  const guint n = 20;

  g_mutex_init (&recorder.lock);
  results_init (&results);
  for (guint i = 0; i < n; i++)
    {
      ps_writer_submit_async (writer, record_func, record_job_new (&recorder, i), g_free, NULL,
                              done_cb, callback_new (&results, 2 * i));
      write_page (writer, START + i * 10 * HOUR_MS, 10, &results, 2 * i + 1);
    }
  ps_writer_close (writer);

  /* All committed before close returned, though none was called back yet. */
  g_assert_cmpuint (recorder.run->len, ==, n);
  candles = ps_cache_read_candles (cache, "fake", "BTCUSDT", PS_INTERVAL_1H, G_MININT64,
                                   G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, n * 10);
  g_assert_cmpuint (results.n_done, ==, 0);

  wait_for (&results, 2 * n);
  for (guint i = 0; i < 2 * n; i++)
    g_assert_null (results.errors->pdata[i]);

  write_page (writer, START, 10, &results, 2 * n);
  wait_for (&results, 2 * n + 1);
  g_assert_error ((GError *) results.errors->pdata[2 * n], G_IO_ERROR, G_IO_ERROR_CLOSED);

  results_clear (&results);
  g_array_unref (recorder.run);
  g_mutex_clear (&recorder.lock);
}

/* The last reference may go with a job's completion, even on the thread. */
static void
test_writer_last_ref (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  PsWriter *writer = ps_writer_new (path);
  Recorder recorder = { .run = g_array_new (FALSE, FALSE, sizeof (guint)), .sleep_ms = 20 };
  Results results;

  g_mutex_init (&recorder.lock);
  results_init (&results);
  g_object_add_weak_pointer (G_OBJECT (writer), (gpointer *) &writer);
  ps_writer_submit_async (writer, record_func, record_job_new (&recorder, 0), g_free, NULL,
                          done_cb, callback_new (&results, 0));
  g_object_unref (writer);
  g_assert_nonnull (g_atomic_pointer_get (&writer));
  wait_for (&results, 1);
  /* The last reference goes on this thread or on the writer's, whichever
   * lets go of the task last: neither may hang. */
  for (guint i = 0; i < 5000 && g_atomic_pointer_get (&writer) != NULL; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (g_atomic_pointer_get (&writer));
  g_assert_cmpuint (recorder.run->len, ==, 1);

  results_clear (&results);
  g_array_unref (recorder.run);
  g_mutex_clear (&recorder.lock);
}

/* A slow write never holds up the main loop: a 1 ms timeout keeps firing. */
typedef struct
{
  gint64 last_us;
  gint64 max_gap_us;
  guint  n_ticks;
} Ticks;

static gboolean
tick_cb (gpointer user_data)
{
  Ticks *ticks = user_data;
  gint64 now = g_get_monotonic_time ();

  if (ticks->last_us != 0)
    ticks->max_gap_us = MAX (ticks->max_gap_us, now - ticks->last_us);
  ticks->last_us = now;
  ticks->n_ticks++;
  return G_SOURCE_CONTINUE;
}

static void
test_writer_main_loop_free (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsWriter) writer = ps_writer_new (path);
  Recorder recorder = { .run = g_array_new (FALSE, FALSE, sizeof (guint)), .sleep_ms = 300 };
  Ticks ticks = { 0 };
  Results results;
  guint source;

  g_mutex_init (&recorder.lock);
  results_init (&results);
  ps_writer_submit_async (writer, record_func, record_job_new (&recorder, 0), g_free, NULL,
                          done_cb, callback_new (&results, 0));
  source = g_timeout_add (1, tick_cb, &ticks);
  wait_for (&results, 1);
  g_source_remove (source);

  /* 300 ms of work on the thread; the main loop dispatched throughout (a
   * loaded machine may slow it, never stop it for the job's length). */
  g_assert_cmpuint (ticks.n_ticks, >=, 30);
  g_assert_cmpint (ticks.max_gap_us, <, 150 * 1000);

  results_clear (&results);
  g_array_unref (recorder.run);
  g_mutex_clear (&recorder.lock);
}

/* A job runs even when its cancellable was cancelled: what was fetched is
 * kept; the result says cancelled. */
static void
test_writer_cancelled (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsWriter) writer = ps_writer_new (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PsPage) page = ps_page_new (PS_SERIES_CANDLES);
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;
  Results results;

  results_init (&results);
  page->candles = make_candles (START, 3);
  g_cancellable_cancel (cancellable);
  ps_writer_write_page_async (writer, "fake", "BTCUSDT", PS_INTERVAL_1H, page, START,
                              START + 3 * HOUR_MS, cancellable, page_done_cb,
                              callback_new (&results, 0));
  wait_for (&results, 1);
  g_assert_error ((GError *) results.errors->pdata[0], G_IO_ERROR, G_IO_ERROR_CANCELLED);
  candles = ps_cache_read_candles (cache, "fake", "BTCUSDT", PS_INTERVAL_1H, G_MININT64,
                                   G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, 3);

  results_clear (&results);
}

/* Recordings: a job writes liquidations on the thread's own connection. */
typedef struct
{
  PsLiquidations *events;
  guint           n_new;
} LiqJob;

static gboolean
liq_func (PsWriterDbs  *dbs,
          gpointer      data,
          GError      **error)
{
  LiqJob *job = data;
  PsRecordings *recordings = ps_writer_dbs_get_recordings (dbs, error);

  return recordings != NULL &&
         ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", job->events,
                                           job->events->t_ms[0],
                                           job->events->t_ms[job->events->n - 1] + 1,
                                           &job->n_new, error);
}

static LiqJob *
liq_job_new (guint n)
{
  LiqJob *job = g_new0 (LiqJob, 1);

  job->events = ps_liquidations_new (n);
  for (guint i = 0; i < n; i++)
    ps_liquidations_append (job->events, START + i * 1000, i % 2 ? PS_LIQ_LONG : PS_LIQ_SHORT,
                            PS_LIQ_SOURCE_LIVE, 90000 + i, NAN, 0.5, 45000 + i / 2.0);
  return job;
}

static void
liq_job_free (LiqJob *job)
{
  ps_liquidations_unref (job->events);
  g_free (job);
}

static guint
count_liquidations (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsRecordings) recordings = ps_recordings_new_read_only (path, &error);
  g_autoptr(PsLiquidations) events = NULL;

  g_assert_no_error (error);
  events = ps_recordings_read_liquidations (recordings, "binance", "BTCUSDT", G_MININT64,
                                            G_MAXINT64, &error);
  g_assert_no_error (error);
  return events->n;
}

static void
test_writer_recordings (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autofree char *rec_path = ps_recordings_dup_default_path ();
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsWriter) writer = ps_writer_new_full (path, rec_path);
  g_autoptr(PsWriter) without = ps_writer_new (path);
  LiqJob *job = liq_job_new (10);
  LiqJob *again = liq_job_new (10);
  const GError *none;
  Results results, others;

  g_assert_cmpstr (ps_writer_get_recordings_path (writer), ==, rec_path);
  g_assert_null (ps_writer_get_recordings_path (without));

  results_init (&results);
  results_init (&others);
  ps_writer_submit_async (writer, liq_func, job, NULL, NULL, done_cb, callback_new (&results, 0));
  /* The same events again: kept once. */
  ps_writer_submit_async (writer, liq_func, again, NULL, NULL, done_cb,
                          callback_new (&results, 1));
  ps_writer_submit_async (without, liq_func, liq_job_new (1), (GDestroyNotify) liq_job_free,
                          NULL, done_cb, callback_new (&others, 0));
  wait_for (&results, 2);
  wait_for (&others, 1);

  g_assert_null (results.errors->pdata[0]);
  g_assert_null (results.errors->pdata[1]);
  g_assert_cmpuint (job->n_new, ==, 10);
  g_assert_cmpuint (again->n_new, ==, 0);
  g_assert_cmpuint (count_liquidations (rec_path), ==, 10);
  /* A writer given no recordings file says so in words. */
  none = others.errors->pdata[0];
  g_assert_error (none, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (none->message, "recordings"));

  liq_job_free (job);
  liq_job_free (again);
  results_clear (&results);
  results_clear (&others);
}

/* A cache that cannot be opened never stops recordings: they cannot be
 * fetched again. */
static void
test_writer_recordings_despite_cache (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "garbage.db", NULL);
  g_autofree char *rec_path = ps_recordings_dup_default_path ();
  g_autoptr(PsWriter) writer = NULL;
  Results results;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "not a database, not at all, not even close to one "
                                      "and long enough for a header", -1, NULL));
  writer = ps_writer_new_full (path, rec_path);
  results_init (&results);
  write_page (writer, START, 10, &results, 0);
  ps_writer_submit_async (writer, liq_func, liq_job_new (5), (GDestroyNotify) liq_job_free, NULL,
                          done_cb, callback_new (&results, 1));
  wait_for (&results, 2);

  g_assert_error ((GError *) results.errors->pdata[0], PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT);
  g_assert_null (results.errors->pdata[1]);
  g_assert_cmpuint (count_liquidations (rec_path), ==, 5);
  results_clear (&results);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/store/writer/new-destroy", test_writer_new_destroy);
  g_test_add_func ("/perpscope/store/writer/order", test_writer_order);
  g_test_add_func ("/perpscope/store/writer/pages", test_writer_pages);
  g_test_add_func ("/perpscope/store/writer/full", test_writer_full);
  g_test_add_func ("/perpscope/store/writer/locked", test_writer_locked);
  g_test_add_func ("/perpscope/store/writer/corrupt", test_writer_corrupt);
  g_test_add_func ("/perpscope/store/writer/close-drains", test_writer_close_drains);
  g_test_add_func ("/perpscope/store/writer/last-ref", test_writer_last_ref);
  g_test_add_func ("/perpscope/store/writer/main-loop-free", test_writer_main_loop_free);
  g_test_add_func ("/perpscope/store/writer/cancelled", test_writer_cancelled);
  g_test_add_func ("/perpscope/store/writer/recordings", test_writer_recordings);
  g_test_add_func ("/perpscope/store/writer/recordings-despite-cache",
                   test_writer_recordings_despite_cache);

  return g_test_run ();
}
