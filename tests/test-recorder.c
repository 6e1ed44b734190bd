/* test-recorder.c: PsRecorder, a live feed into recordings.db through the core's writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ps-recorder.h"
#include "ps-test-server.h"
#include "ps-test-util.h"

typedef struct
{
  PsTestServer *server;
  char         *dir;
  char         *cache_path;
  char         *recordings_path;
  gint64        last_t_ms;     /* trade times handed out, each new */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *ws_base = NULL;

  f->server = ps_test_server_new ();
  f->dir = g_dir_make_tmp ("perpscope-recorder-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->cache_path = g_build_filename (f->dir, "cache.db", NULL);
  f->recordings_path = g_build_filename (f->dir, "recordings.db", NULL);
  /* The core makes its venues from the registry, which reads these. */
  ws_base = g_strconcat ("ws", ps_test_server_get_uri (f->server) + strlen ("http"), NULL);
  g_setenv ("PERPSCOPE_BINANCE_REST", ps_test_server_get_uri (f->server), TRUE);
  g_setenv ("PERPSCOPE_BINANCE_WS", ws_base, TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ps_test_remove_dir (f->dir);
  ps_test_server_free (f->server);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_free (f->cache_path);
  g_free (f->recordings_path);
  g_free (f->dir);
}

/* A core recording into f's files. */
static PsCore *
make_core (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PsCore *core = ps_core_new (f->cache_path, PS_CORE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  ps_core_set_recordings_path (core, f->recordings_path);
  return core;
}

/* A recorder of Binance BTCUSDT, short timings, not started. */
static PsRecorder *
make_recorder (PsCore *core,
               guint   batch_ms)
{
  g_autoptr(GError) error = NULL;
  PsRecorder *recorder = ps_recorder_new (core, "binance", "BTCUSDT", &error);
  PsStream *stream;

  g_assert_no_error (error);
  stream = ps_recorder_get_stream (recorder);
  ps_stream_set_batch_interval (stream, batch_ms);
  ps_stream_set_backoff (stream, 100, 400);
  ps_stream_set_open_interest_interval (stream, 0);
  return recorder;
}

/* A liquidation frame of the combined stream with trade time t_ms. */
static void
send_event_at (Fixture *f,
               gint64   t_ms)
{
  g_autofree char *frame = NULL;

  frame = g_strdup_printf ("{\"stream\":\"btcusdt@forceOrder\",\"data\":{\"e\":\"forceOrder\","
                           "\"E\":%" G_GINT64_FORMAT ",\"o\":{\"s\":\"BTCUSDT\",\"S\":\"SELL\","
                           "\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"0.014\",\"p\":\"9910\","
                           "\"ap\":\"9910\",\"X\":\"FILLED\",\"l\":\"0.014\",\"z\":\"0.014\","
                           "\"T\":%" G_GINT64_FORMAT "}}}", t_ms, t_ms);
  ps_test_server_ws_send (f->server, frame);
}

/* One with trade time "now", each one later than the last (returns its
 * time). Never ahead of our clock, as on a live venue whose clock is ours. */
static gint64
send_event (Fixture *f)
{
  gint64 t_ms;

  while ((t_ms = g_get_real_time () / 1000) <= f->last_t_ms)
    g_usleep (200);
  f->last_t_ms = t_ms;
  send_event_at (f, t_ms);
  return t_ms;
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until condition holds; fails after timeout_ms. */
static void
wait_for (Condition   condition,
          gpointer    data,
          guint       timeout_ms,
          const char *what)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_GINT64_CONSTANT (1000);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_GINT64_CONSTANT (1000);

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_connected (gpointer data)
{
  return ps_recorder_get_state (data) == PS_STREAM_CONNECTED;
}

static gboolean
nothing_pending (gpointer data)
{
  return ps_recorder_get_n_pending (data) == 0;
}

/* What a recorder may have: stored_n events. */
typedef struct
{
  PsRecorder *recorder;
  guint       n;
} Count;

static gboolean
has_received (gpointer data)
{
  Count *count = data;

  return ps_recorder_get_n_received (count->recorder) >= count->n;
}

static gboolean
has_stored (gpointer data)
{
  Count *count = data;

  return ps_recorder_get_n_stored (count->recorder) >= count->n;
}

static gboolean
has_failed (gpointer data)
{
  Count *count = data;

  return ps_recorder_get_n_failed (count->recorder) >= count->n;
}

static gboolean
has_connections (gpointer data)
{
  Count *count = data;

  return ps_stream_get_n_connections (ps_recorder_get_stream (count->recorder)) >= count->n &&
         is_connected (count->recorder);
}

static void
wait_received (PsRecorder *recorder,
               guint       n)
{
  Count count = { recorder, n };

  wait_for (has_received, &count, 5000, "events received");
}

static void
wait_stored (PsRecorder *recorder,
             guint       n)
{
  Count count = { recorder, n };

  wait_for (has_stored, &count, 5000, "events stored");
}

/* The file, read from outside as another program would. */
static PsLiquidations *
read_events (Fixture *f,
             gint64   from_ms,
             gint64   to_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsRecordings) reader = ps_recordings_new_read_only (f->recordings_path, &error);
  PsLiquidations *events;

  g_assert_no_error (error);
  events = ps_recordings_read_liquidations (reader, "binance", "BTCUSDT", from_ms, to_ms, &error);
  g_assert_no_error (error);
  return events;
}

static GArray *
read_unrecorded (Fixture *f,
                 gint64   from_ms,
                 gint64   to_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsRecordings) reader = ps_recordings_new_read_only (f->recordings_path, &error);
  GArray *gaps;

  g_assert_no_error (error);
  gaps = ps_recordings_get_unrecorded (reader, "binance", "BTCUSDT", PS_SERIES_LIQUIDATIONS,
                                       from_ms, to_ms, &error);
  g_assert_no_error (error);
  return gaps;
}

/* SELECT COUNT(*) … on the file, through SQLite itself. */
static gint64
count_sql (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* PsCore::recorded, checked when it comes: what it names is readable. */
typedef struct
{
  Fixture *f;
  guint    n_signals;
  guint    n_events_seen;  /* read from the file in the emitted span, summed */
} Recorded;

static void
recorded_cb (PsCore       *core,
             const char   *venue,
             const char   *symbol,
             guint         kind,
             gint64        from_ms,
             gint64        to_ms,
             Recorded     *recorded)
{
  g_autoptr(PsLiquidations) events = NULL;

  g_assert_cmpstr (venue, ==, "binance");
  g_assert_cmpstr (symbol, ==, "BTCUSDT");
  g_assert_cmpuint (kind, ==, PS_SERIES_LIQUIDATIONS);
  g_assert_cmpint (from_ms, <, to_ms);
  recorded->n_signals++;
  /* Committed already: another connection sees it. */
  events = read_events (recorded->f, from_ms, to_ms);
  recorded->n_events_seen += events->n;
}

/* Events pushed arrive in the file, LIVE, inside the recorded span; the
 * counts say so; "recorded" comes once each batch is committed. */
static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PsCore) core = make_core (f);
  PsRecorder *recorder = make_recorder (core, 100);
  g_autoptr(PsLiquidations) events = NULL;
  g_autoptr(GArray) gaps = NULL;
  Recorded recorded = { f, 0, 0 };
  gint64 t[3];

  g_signal_connect (core, "recorded", G_CALLBACK (recorded_cb), &recorded);
  g_assert_cmpint (ps_recorder_get_state (recorder), ==, PS_STREAM_STOPPED);
  g_assert_cmpstr (ps_recorder_get_venue (recorder), ==, "binance");
  g_assert_cmpstr (ps_recorder_get_symbol (recorder), ==, "BTCUSDT");
  ps_recorder_start (recorder);
  wait_for (is_connected, recorder, 5000, "the connection");

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    t[i] = send_event (f);
  wait_stored (recorder, 3);
  g_assert_cmpuint (ps_recorder_get_n_received (recorder), ==, 3);
  g_assert_cmpuint (ps_recorder_get_n_stored (recorder), ==, 3);
  g_assert_cmpuint (ps_recorder_get_n_failed (recorder), ==, 0);
  g_assert_null (ps_recorder_get_message (recorder));
  /* The signal came after the commit, every event seen in its span. */
  g_assert_cmpuint (recorded.n_signals, >=, 1);
  g_assert_cmpuint (recorded.n_events_seen, ==, 3);

  events = read_events (f, t[0] - 60000, t[2] + 60000);
  g_assert_cmpuint (events->n, ==, 3);
  for (guint i = 0; i < events->n; i++)
    {
      g_assert_cmpint (events->t_ms[i], ==, t[i]);
      g_assert_cmpuint (events->source[i], ==, PS_LIQ_SOURCE_LIVE);
      g_assert_cmpuint (events->side[i], ==, PS_LIQ_LONG);   /* a SELL order liquidates a long */
      g_assert_cmpfloat (events->price[i], ==, 9910);
    }
  /* The span covers them. */
  gaps = read_unrecorded (f, t[0], t[2] + 1);
  g_assert_cmpuint (gaps->len, ==, 0);

  ps_recorder_stop (recorder);
  ps_core_close (core);
  g_assert_cmpint (ps_recorder_get_state (recorder), ==, PS_STREAM_STOPPED);
  g_signal_handlers_disconnect_by_data (core, &recorded);
  g_assert_finalize_object (recorder);
  g_assert_finalize_object (g_steal_pointer (&core));
}

/* The app and `perpscope record` on one market: two cores, one file, each
 * event stored once and counted new by one recorder only. */
static void
test_two_recorders (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PsCore) app = make_core (f);
  g_autoptr(PsCore) cli = make_core (f);
  PsRecorder *a = make_recorder (app, 100);
  PsRecorder *b = make_recorder (cli, 100);
  g_autoptr(PsLiquidations) events = NULL;
  gint64 first = 0, last = 0;

  ps_recorder_start (a);
  ps_recorder_start (b);
  wait_for (is_connected, a, 5000, "the first connection");
  wait_for (is_connected, b, 5000, "the second connection");
  while (ps_test_server_ws_get_n_open (f->server) < 2)
    run_for (10);

  for (guint i = 0; i < 20; i++)
    {
      last = send_event (f);
      if (i == 0)
        first = last;
      run_for (5);
    }
  wait_received (a, 20);
  wait_received (b, 20);
  /* Both batch timers fire, then both writes are answered. */
  run_for (300);
  wait_for (nothing_pending, a, 5000, "the first recorder's writes");
  wait_for (nothing_pending, b, 5000, "the second recorder's writes");

  g_assert_cmpuint (ps_recorder_get_n_stored (a) + ps_recorder_get_n_stored (b), ==, 20);
  g_assert_cmpuint (ps_recorder_get_n_failed (a) + ps_recorder_get_n_failed (b), ==, 0);
  events = read_events (f, first, last + 1);
  g_assert_cmpuint (events->n, ==, 20);
  g_assert_cmpint (count_sql (f->recordings_path, "SELECT COUNT(*) FROM liquidations"), ==, 20);

  ps_recorder_stop (a);
  ps_recorder_stop (b);
  ps_core_close (app);
  ps_core_close (cli);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (g_steal_pointer (&app));
  g_assert_finalize_object (g_steal_pointer (&cli));
}

/* Stop hands the pending batch to the writer; ps_core_close () writes it. */
static void
test_stop_flushes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PsCore) core = make_core (f);
  /* No batch by the clock during the test: only stop sends it. */
  PsRecorder *recorder = make_recorder (core, 60 * 1000);
  g_autoptr(PsLiquidations) events = NULL;
  g_autoptr(GArray) gaps = NULL;
  gint64 t[3];

  ps_recorder_start (recorder);
  wait_for (is_connected, recorder, 5000, "the connection");
  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    t[i] = send_event (f);
  wait_received (recorder, 3);
  g_assert_cmpuint (ps_recorder_get_n_stored (recorder), ==, 0);
  /* Nothing written yet: the file is not even made. */
  g_assert_false (g_file_test (f->recordings_path, G_FILE_TEST_EXISTS) &&
                  count_sql (f->recordings_path, "SELECT COUNT(*) FROM liquidations") > 0);

  ps_recorder_stop (recorder);
  ps_core_close (core);
  g_assert_cmpuint (ps_recorder_get_n_stored (recorder), ==, 3);
  g_assert_cmpuint (ps_recorder_get_n_pending (recorder), ==, 0);
  events = read_events (f, t[0], t[2] + 1);
  g_assert_cmpuint (events->n, ==, 3);
  gaps = read_unrecorded (f, t[0], t[2] + 1);
  for (guint i = 0; i < gaps->len; i++)
    g_test_message ("gap %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " (events %" G_GINT64_FORMAT
                    "–%" G_GINT64_FORMAT ")", g_array_index (gaps, PsRange, i).from_ms,
                    g_array_index (gaps, PsRange, i).to_ms, t[0], t[2]);
  g_assert_cmpuint (gaps->len, ==, 0);

  /* After close, a recorder that goes stores nothing more and does not crash. */
  g_assert_finalize_object (recorder);
  g_assert_finalize_object (g_steal_pointer (&core));
}

/* The events a batch carries lie inside its span, even when the venue's
 * clock runs a little ahead of ours (within the stream's slack): the span
 * is half-open and the stream ends it at its own "now". The same happens
 * when a connection drops in the millisecond of its last event (seen with
 * fake_exchange's wsclose: the event at the span's very end, outside it). */
static void
test_span_covers_events (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PsCore) core = make_core (f);
  PsRecorder *recorder = make_recorder (core, 60 * 1000);
  g_autoptr(PsLiquidations) events = NULL;
  g_autoptr(GArray) gaps = NULL;
  gint64 t_ms;

  ps_recorder_start (recorder);
  wait_for (is_connected, recorder, 5000, "the connection");
  /* Two seconds ahead; the stream keeps our clock. */
  t_ms = g_get_real_time () / 1000 + 2000;
  send_event_at (f, t_ms);
  wait_received (recorder, 1);
  ps_recorder_stop (recorder);
  ps_core_close (core);

  g_assert_cmpuint (ps_recorder_get_n_stored (recorder), ==, 1);
  events = read_events (f, t_ms, t_ms + 1);
  g_assert_cmpuint (events->n, ==, 1);
  gaps = read_unrecorded (f, t_ms, t_ms + 1);
  g_assert_cmpuint (gaps->len, ==, 0);

  g_assert_finalize_object (recorder);
  g_assert_finalize_object (g_steal_pointer (&core));
}

typedef enum
{
  FAULT_CLOSE,          /* the venue closes (fake_exchange wsclose) */
  FAULT_BAD_FRAME,      /* reserved bits set (wsbadframe) */
  FAULT_INVALID_UTF8,   /* a text frame that is not UTF-8 (wsgarbage) */
} Fault;

/* A dropped connection: both sides recorded, the time between not, nothing
 * lost of what came before the drop. */
static void
test_drop_leaves_gap (Fixture       *f,
                      gconstpointer  data)
{
  Fault fault = GPOINTER_TO_INT (data);
  g_autoptr(PsCore) core = make_core (f);
  PsRecorder *recorder = make_recorder (core, 100);
  g_autoptr(PsLiquidations) events = NULL;
  g_autoptr(GArray) gaps = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  Count two = { recorder, 2 };
  gint64 t_before, t_after;

  ps_stream_set_backoff (ps_recorder_get_stream (recorder), 300, 400);
  ps_recorder_start (recorder);
  wait_for (is_connected, recorder, 5000, "the connection");
  t_before = send_event (f);
  wait_stored (recorder, 1);
  /* The batch after the event: the span reaches past it. */
  run_for (250);

  switch (fault)
    {
    case FAULT_CLOSE:
      ps_test_server_ws_close (f->server, 1001);
      break;
    case FAULT_BAD_FRAME:
      ps_test_server_ws_send_bad_frame (f->server);
      break;
    case FAULT_INVALID_UTF8:
      ps_test_server_ws_send_invalid_utf8 (f->server);
      break;
    }
  wait_for (has_connections, &two, 5000, "the reconnection");
  run_for (50);
  t_after = send_event (f);
  wait_stored (recorder, 2);
  ps_recorder_stop (recorder);
  ps_core_close (core);

  events = read_events (f, t_before, t_after + 1);
  g_assert_cmpuint (events->n, ==, 2);
  gaps = read_unrecorded (f, t_before, t_after + 1);
  g_assert_cmpuint (gaps->len, ==, 1);
  /* The gap lies between the events, which both lie inside spans. */
  g_assert_cmpint (g_array_index (gaps, PsRange, 0).from_ms, >, t_before);
  g_assert_cmpint (g_array_index (gaps, PsRange, 0).to_ms, <=, t_after);
  /* At least the backoff: nobody listened then. */
  g_assert_cmpint (g_array_index (gaps, PsRange, 0).to_ms -
                   g_array_index (gaps, PsRange, 0).from_ms, >=, 100);
  before = read_unrecorded (f, t_before, t_before + 1);
  after = read_unrecorded (f, t_after, t_after + 1);
  g_assert_cmpuint (before->len, ==, 0);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_cmpint (count_sql (f->recordings_path,
                              "SELECT COUNT(*) FROM recorded WHERE kind = 'liquidations'"), ==, 2);

  g_assert_finalize_object (recorder);
  g_assert_finalize_object (g_steal_pointer (&core));
}

/* A text frame that is no event (not JSON): counted, no drop, no gap. */
static void
test_garbage_frame (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PsCore) core = make_core (f);
  PsRecorder *recorder = make_recorder (core, 100);
  g_autoptr(PsLiquidations) events = NULL;
  g_autoptr(GArray) gaps = NULL;
  gint64 t_before, t_after;

  ps_recorder_start (recorder);
  wait_for (is_connected, recorder, 5000, "the connection");
  t_before = send_event (f);
  ps_test_server_ws_send (f->server, "<html><body>502 Bad Gateway</body></html>");
  t_after = send_event (f);
  wait_stored (recorder, 2);
  run_for (250);
  g_assert_cmpuint (ps_stream_get_n_bad_frames (ps_recorder_get_stream (recorder)), ==, 1);
  g_assert_cmpuint (ps_stream_get_n_connections (ps_recorder_get_stream (recorder)), ==, 1);
  ps_recorder_stop (recorder);
  ps_core_close (core);

  events = read_events (f, t_before, t_after + 1);
  g_assert_cmpuint (events->n, ==, 2);
  gaps = read_unrecorded (f, t_before, t_after + 1);
  g_assert_cmpuint (gaps->len, ==, 0);

  g_assert_finalize_object (recorder);
  g_assert_finalize_object (g_steal_pointer (&core));
}

/* A write that fails (another program holds the file's write lock longer
 * than the busy timeout): a message in words, n-failed, and the next batch
 * is recorded once the lock goes. */
static void
test_write_failure (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PsCore) core = make_core (f);
  PsRecorder *recorder = make_recorder (core, 100);
  g_autoptr(PsLiquidations) events = NULL;
  Count one = { recorder, 1 };
  sqlite3 *locker = NULL;
  const char *message;
  gint64 t_lost, t_kept;

  ps_recorder_start (recorder);
  wait_for (is_connected, recorder, 5000, "the connection");
  /* The file exists once the first (empty) batch is written. */
  run_for (300);
  wait_for (nothing_pending, recorder, 5000, "the first write");

  g_assert_cmpint (sqlite3_open (f->recordings_path, &locker), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (locker, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  t_lost = send_event (f);
  wait_for (has_failed, &one, 15000, "a failed write");
  message = ps_recorder_get_message (recorder);
  g_test_message ("write failure: %s", message);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Binance"));
  g_assert_nonnull (strstr (message, "BTCUSDT"));
  g_assert_cmpuint (ps_recorder_get_n_stored (recorder), ==, 0);
  g_assert_cmpint (sqlite3_exec (locker, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (locker);

  /* Batches queued while locked fail too (each waits its timeout): let
   * them go, then recording continues. */
  wait_for (nothing_pending, recorder, 30000, "the writes queued while locked");
  t_kept = send_event (f);
  wait_stored (recorder, 1);
  g_assert_cmpint (ps_recorder_get_state (recorder), ==, PS_STREAM_CONNECTED);
  g_assert_null (ps_recorder_get_message (recorder));
  ps_recorder_stop (recorder);
  ps_core_close (core);

  events = read_events (f, t_lost, t_kept + 1);
  g_assert_cmpuint (events->n, ==, 1);
  g_assert_cmpint (events->t_ms[0], ==, t_kept);
  g_assert_cmpuint (ps_recorder_get_n_failed (recorder), >=, 1);

  g_assert_finalize_object (recorder);
  g_assert_finalize_object (g_steal_pointer (&core));
}

/* A damaged recordings file is left as it is: the core says so and the
 * recorder writes beside it. */
static void
test_damaged_file (Fixture       *f,
                   gconstpointer  data)
{
  static const char junk[] = "<html>not a database</html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCore) core = NULL;
  PsRecorder *recorder;
  g_autofree char *notice = NULL;
  g_autofree char *beside = g_build_filename (f->dir, "recordings-2.db", NULL);
  g_autofree char *contents = NULL;

  g_file_set_contents (f->recordings_path, junk, -1, &error);
  g_assert_no_error (error);
  core = make_core (f);
  notice = ps_core_take_recordings_notice (core);
  g_test_message ("notice: %s", notice);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "recordings-2.db"));
  g_assert_cmpstr (ps_core_get_recordings_path (core), ==, beside);

  recorder = make_recorder (core, 100);
  ps_recorder_start (recorder);
  wait_for (is_connected, recorder, 5000, "the connection");
  send_event (f);
  wait_stored (recorder, 1);
  ps_recorder_stop (recorder);
  ps_core_close (core);

  g_file_get_contents (f->recordings_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, junk);
  g_assert_cmpint (count_sql (beside, "SELECT COUNT(*) FROM liquidations"), ==, 1);

  g_assert_finalize_object (recorder);
  g_assert_finalize_object (g_steal_pointer (&core));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) ADD_DATA (path, func, NULL)
#define ADD_DATA(path, func, data) \
  g_test_add ("/perpscope/model/recorder/" path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("events", test_events);
  ADD ("two-recorders", test_two_recorders);
  ADD ("stop-flushes", test_stop_flushes);
  ADD ("span-covers-events", test_span_covers_events);
  ADD_DATA ("drop/close", test_drop_leaves_gap, GINT_TO_POINTER (FAULT_CLOSE));
  ADD_DATA ("drop/bad-frame", test_drop_leaves_gap, GINT_TO_POINTER (FAULT_BAD_FRAME));
  ADD_DATA ("drop/invalid-utf8", test_drop_leaves_gap, GINT_TO_POINTER (FAULT_INVALID_UTF8));
  ADD ("garbage-frame", test_garbage_frame);
  ADD ("write-failure", test_write_failure);
  ADD ("damaged-file", test_damaged_file);
#undef ADD_DATA
#undef ADD

  return g_test_run ();
}
