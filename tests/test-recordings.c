/* test-recordings.c: PsRecordings against duplicates, spans, full disks, bad files and kills
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ps-recordings.h"
#include "ps-test-util.h"

#define T0 G_GINT64_CONSTANT (1780272000000)   /* 2026-06-01T00:00:00Z */

/* Helpers */

static char *
recordings_path (void)
{
  /* ISOLATE_DIRS: a fresh $XDG_DATA_HOME per test, and the default path exercised. */
  return ps_recordings_dup_default_path ();
}

static PsRecordings *
open_recordings (const char *path)
{
  g_autoptr(GError) error = NULL;
  PsRecordings *recordings = ps_recordings_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (recordings);
  return recordings;
}

/* n events from t0, one a second, alternating sides, every fourth without a fill price. */
static PsLiquidations *
make_events (gint64 t0,
             guint  n,
             double base)
{
  PsLiquidations *events = ps_liquidations_new (n);

  for (guint i = 0; i < n; i++)
    {
      double price = base + i * 0.5;
      double qty = 0.001 * (i + 1);

      ps_liquidations_append (events, t0 + i * 1000, i % 2 ? PS_LIQ_SHORT : PS_LIQ_LONG,
                              PS_LIQ_SOURCE_LIVE, price, i % 4 == 3 ? NAN : price + 0.1,
                              qty, price * qty);
    }
  return events;
}

static guint
write_events (PsRecordings         *recordings,
              const PsLiquidations *events,
              gint64                span_from_ms,
              gint64                span_to_ms)
{
  g_autoptr(GError) error = NULL;
  guint n_new = G_MAXUINT;

  g_assert_true (ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", events,
                                                   span_from_ms, span_to_ms, &n_new, &error));
  g_assert_no_error (error);
  return n_new;
}

static PsLiquidations *
read_events (PsRecordings *recordings,
             gint64        from_ms,
             gint64        to_ms)
{
  g_autoptr(GError) error = NULL;
  PsLiquidations *events = ps_recordings_read_liquidations (recordings, "binance", "BTCUSDT",
                                                            from_ms, to_ms, &error);

  g_assert_no_error (error);
  g_assert_nonnull (events);
  return events;
}

static GArray *
unrecorded (PsRecordings *recordings,
            PsSeriesKind  kind,
            gint64        from_ms,
            gint64        to_ms)
{
  g_autoptr(GError) error = NULL;
  GArray *gaps = ps_recordings_get_unrecorded (recordings, "binance", "BTCUSDT", kind,
                                               from_ms, to_ms, &error);

  g_assert_no_error (error);
  g_assert_nonnull (gaps);
  return gaps;
}

static void
assert_ranges (GArray       *ranges,
               const gint64 *expected,   /* from, to pairs */
               guint         n_expected)
{
  g_assert_cmpuint (ranges->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_assert_cmpint (g_array_index (ranges, PsRange, i).from_ms, ==, expected[2 * i]);
      g_assert_cmpint (g_array_index (ranges, PsRange, i).to_ms, ==, expected[2 * i + 1]);
    }
}

static void
assert_events_equal (const PsLiquidations *a,
                     const PsLiquidations *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  for (guint i = 0; i < a->n; i++)
    {
      g_assert_cmpint (a->t_ms[i], ==, b->t_ms[i]);
      g_assert_cmpuint (a->side[i], ==, b->side[i]);
      g_assert_cmpuint (a->source[i], ==, b->source[i]);
      assert_same_value (a->price[i], b->price[i]);
      assert_same_value (a->avg_price[i], b->avg_price[i]);
      assert_same_value (a->qty[i], b->qty[i]);
      assert_same_value (a->usd[i], b->usd[i]);
    }
}

static char *
raw_query_text (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* Tests */

static void
test_recordings_new_destroy (void)
{
  g_autofree char *path = recordings_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "perpscope",
                                                "recordings.db", NULL);
  PsRecordings *recordings;

  g_assert_cmpstr (path, ==, expected);
  recordings = open_recordings (path);
  g_assert_cmpstr (ps_recordings_get_path (recordings), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_finalize_object (recordings);
}

static void
test_recordings_round_trip (void)
{
  g_autofree char *path = recordings_path ();
  g_autoptr(PsRecordings) recordings = open_recordings (path);
  g_autoptr(PsLiquidations) events = make_events (T0, 40, 65000.0);
  g_autoptr(PsLiquidations) read = NULL;
  g_autoptr(PsLiquidations) middle = NULL;
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (3);
  g_autoptr(PsOpenInterest) oi_read = NULL;
  g_autoptr(GError) error = NULL;

  events->source[5] = PS_LIQ_SOURCE_IMPORT;
  g_assert_cmpuint (write_events (recordings, events, 0, 0), ==, 40);

  read = read_events (recordings, G_MININT64, G_MAXINT64);
  assert_events_equal (read, events);
  middle = read_events (recordings, T0 + 10 * 1000, T0 + 20 * 1000);
  g_assert_cmpuint (middle->n, ==, 10);
  g_assert_cmpint (middle->t_ms[0], ==, T0 + 10 * 1000);

  /* Another market holds nothing. */
  g_clear_pointer (&read, ps_liquidations_unref);
  read = ps_recordings_read_liquidations (recordings, "binance", "ETHUSDT",
                                          G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->n, ==, 0);

  ps_open_interest_append (oi, T0, 81234.5, 5.3e9);
  ps_open_interest_append (oi, T0 + 300000, NAN, 5.4e9);
  ps_open_interest_append (oi, T0 + 600000, 81300.0, NAN);
  g_assert_true (ps_recordings_write_open_interest (recordings, "binance", "BTCUSDT", oi,
                                                    T0, T0 + 600001, &error));
  g_assert_no_error (error);
  oi_read = ps_recordings_read_open_interest (recordings, "binance", "BTCUSDT",
                                              G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oi_read->n, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (oi_read->t_ms[i], ==, oi->t_ms[i]);
      assert_same_value (oi_read->contracts[i], oi->contracts[i]);
      assert_same_value (oi_read->usd[i], oi->usd[i]);
    }
}

/* The app and `perpscope record` on one market: each event is stored once,
 * whichever connection (or an import) brings it again. */
static void
test_recordings_duplicates (void)
{
  g_autofree char *path = recordings_path ();
  g_autoptr(PsRecordings) app = open_recordings (path);
  g_autoptr(PsRecordings) recorder = open_recordings (path);
  g_autoptr(PsLiquidations) events = make_events (T0, 30, 65000.0);
  g_autoptr(PsLiquidations) later = make_events (T0 + 20 * 1000, 30, 65010.0);
  g_autoptr(PsLiquidations) imported = make_events (T0, 30, 65000.0);
  g_autoptr(PsLiquidations) read = NULL;

  /* later's first ten events are events' last ten. */
  g_assert_cmpfloat (later->price[0], ==, events->price[20]);
  later->side[0] = events->side[20];
  for (guint i = 0; i < 10; i++)
    {
      later->side[i] = events->side[20 + i];
      later->qty[i] = events->qty[20 + i];
      later->price[i] = events->price[20 + i];
    }

  g_assert_cmpuint (write_events (app, events, 0, 0), ==, 30);
  g_assert_cmpuint (write_events (recorder, events, 0, 0), ==, 0);
  g_assert_cmpuint (write_events (recorder, later, 0, 0), ==, 20);

  for (guint i = 0; i < imported->n; i++)
    imported->source[i] = PS_LIQ_SOURCE_IMPORT;
  g_assert_cmpuint (write_events (app, imported, 0, 0), ==, 0);

  read = read_events (app, G_MININT64, G_MAXINT64);
  g_assert_cmpuint (read->n, ==, 50);
  for (guint i = 1; i < read->n; i++)
    g_assert_cmpint (read->t_ms[i - 1], <, read->t_ms[i]);
  for (guint i = 0; i < read->n; i++)
    g_assert_cmpuint (read->source[i], ==, PS_LIQ_SOURCE_LIVE);   /* the first kept */

  /* Two events in one second differing only by side are two events. */
  {
    g_autoptr(PsLiquidations) twins = ps_liquidations_new (2);

    ps_liquidations_append (twins, T0 + 500, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE, 1.0, NAN, 2.0, 2.0);
    ps_liquidations_append (twins, T0 + 500, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE, 1.0, NAN, 2.0,
                            2.0);
    g_assert_cmpuint (write_events (recorder, twins, 0, 0), ==, 2);
  }
}

static void
test_recordings_spans (void)
{
  g_autofree char *path = recordings_path ();
  g_autoptr(PsRecordings) recordings = open_recordings (path);
  g_autoptr(GError) error = NULL;

  { g_autoptr(GArray) gaps = unrecorded (recordings, PS_SERIES_LIQUIDATIONS, 0, 100);
    assert_ranges (gaps, (gint64[]) { 0, 100 }, 1); }

  /* Spans written with no event, touching and overlapping: they merge. */
  write_events (recordings, NULL, 10, 20);
  write_events (recordings, NULL, 20, 30);
  write_events (recordings, NULL, 50, 60);
  write_events (recordings, NULL, 55, 70);
  write_events (recordings, NULL, 90, 80);   /* empty: ignored */

  { g_autoptr(GArray) gaps = unrecorded (recordings, PS_SERIES_LIQUIDATIONS, 0, 100);
    assert_ranges (gaps, (gint64[]) { 0, 10, 30, 50, 70, 100 }, 3); }
  { g_autoptr(GArray) gaps = unrecorded (recordings, PS_SERIES_LIQUIDATIONS, 15, 65);
    assert_ranges (gaps, (gint64[]) { 30, 50 }, 1); }
  { g_autoptr(GArray) gaps = unrecorded (recordings, PS_SERIES_LIQUIDATIONS, 52, 58);
    assert_ranges (gaps, NULL, 0); }

  /* One span bridging all: one span. */
  write_events (recordings, NULL, 5, 75);
  { g_autoptr(GArray) gaps = unrecorded (recordings, PS_SERIES_LIQUIDATIONS, 0, 100);
    assert_ranges (gaps, (gint64[]) { 0, 5, 75, 100 }, 2); }
  {
    g_autofree char *n = NULL;

    g_clear_object (&recordings);
    n = raw_query_text (path, "SELECT count(*) FROM recorded");
    g_assert_cmpstr (n, ==, "1");
    recordings = open_recordings (path);
  }

  /* Kinds and markets are apart. */
  { g_autoptr(GArray) gaps = unrecorded (recordings, PS_SERIES_OPEN_INTEREST, 0, 100);
    assert_ranges (gaps, (gint64[]) { 0, 100 }, 1); }
  g_assert_true (ps_recordings_write_open_interest (recordings, "binance", "BTCUSDT", NULL,
                                                    40, 60, &error));
  g_assert_no_error (error);
  { g_autoptr(GArray) gaps = unrecorded (recordings, PS_SERIES_OPEN_INTEREST, 0, 100);
    assert_ranges (gaps, (gint64[]) { 0, 40, 60, 100 }, 2); }
  {
    g_autoptr(GArray) gaps = ps_recordings_get_unrecorded (recordings, "bybit", "BTCUSDT",
                                                           PS_SERIES_LIQUIDATIONS, 0, 100,
                                                           &error);
    g_assert_no_error (error);
    assert_ranges (gaps, (gint64[]) { 0, 100 }, 1);
  }
}

/* A batch that cannot be written (a full disk) leaves neither its events nor
 * its span: the claim never exceeds what is stored. */
static void
test_recordings_batch_atomic (void)
{
  g_autofree char *path = recordings_path ();
  g_autoptr(PsRecordings) recordings = open_recordings (path);
  g_autoptr(PsLiquidations) first = make_events (T0, 10, 65000.0);
  g_autoptr(PsLiquidations) many = make_events (T0 + 100000, 20000, 64000.0);
  g_autoptr(PsLiquidations) read = NULL;
  g_autoptr(GError) error = NULL;
  guint n_new = 7;

  write_events (recordings, first, T0, T0 + 10000);
  g_assert_cmpuint (ps_recordings_set_max_page_count_for_test (recordings, 1), >, 1);

  g_assert_false (ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", many,
                                                    T0 + 10000, T0 + 100000 + 20000 * 1000,
                                                    &n_new, &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  read = read_events (recordings, G_MININT64, G_MAXINT64);
  g_assert_cmpuint (read->n, ==, 10);
  { g_autoptr(GArray) gaps = unrecorded (recordings, PS_SERIES_LIQUIDATIONS, T0, T0 + 20000);
    assert_ranges (gaps, (gint64[]) { T0 + 10000, T0 + 20000 }, 1); }

  ps_recordings_set_max_page_count_for_test (recordings, G_MAXINT32);
  g_assert_cmpuint (write_events (recordings, many, T0 + 10000, T0 + 100000 + 20000 * 1000),
                    ==, 20000);
}

static void
test_recordings_event_without_price (void)
{
  g_autofree char *path = recordings_path ();
  g_autoptr(PsRecordings) recordings = open_recordings (path);
  g_autoptr(PsLiquidations) events = make_events (T0, 5, 65000.0);
  g_autoptr(PsLiquidations) read = NULL;
  g_autoptr(GError) error = NULL;

  events->qty[3] = NAN;
  g_assert_false (ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", events,
                                                    T0, T0 + 5000, NULL, &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "BTCUSDT"));
  read = read_events (recordings, G_MININT64, G_MAXINT64);
  g_assert_cmpuint (read->n, ==, 0);
}

static void
test_recordings_read_only (void)
{
  g_autofree char *path = recordings_path ();
  g_autoptr(PsLiquidations) events = make_events (T0, 5, 65000.0);
  g_autoptr(PsRecordings) recordings = open_recordings (path);
  g_autoptr(PsRecordings) reader = NULL;
  g_autoptr(PsLiquidations) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_strconcat (path, ".missing", NULL);

  write_events (recordings, events, T0, T0 + 5000);
  reader = ps_recordings_new_read_only (path, &error);
  g_assert_no_error (error);
  read = read_events (reader, G_MININT64, G_MAXINT64);
  g_assert_cmpuint (read->n, ==, 5);
  g_assert_false (ps_recordings_write_liquidations (reader, "binance", "BTCUSDT", events,
                                                    0, 0, NULL, &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_null (ps_recordings_new_read_only (missing, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Bad files */

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
make_foreign (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (body TEXT);"
                                     "INSERT INTO notes VALUES ('mine')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
make_too_new (const char *path)
{
  sqlite3 *db = NULL;

  g_object_unref (open_recordings (path));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 42", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
}

static char *
beside (const char *path,
        guint       n)
{
  g_autofree char *base = g_strndup (path, strlen (path) - strlen (".db"));

  return g_strdup_printf ("%s-%u.db", base, n);
}

/* A damaged, foreign or newer recordings.db is left byte for byte as it is,
 * the user is told, and recording goes on in a file beside it. */
static void
test_recordings_bad_file_left_alone (void)
{
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *path = recordings_path ();
      g_autofree char *second = beside (path, 2);
      g_autofree char *third = beside (path, 3);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *notice = NULL;
      g_autofree char *again_notice = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PsRecordings) recordings = NULL;
      g_autoptr(PsRecordings) again = NULL;
      g_autoptr(PsLiquidations) events = make_events (T0, 3, 1.0);
      gsize n_before, n_after;

      g_remove (path);
      g_remove (second);
      g_remove (third);
      if (c == 0)
        write_file (path, "<html>not a database</html>", -1);
      else if (c == 1)
        make_foreign (path);
      else
        make_too_new (path);
      /* And the first file beside it is bad too. */
      write_file (second, "garbage", -1);
      g_assert_true (g_file_get_contents (path, &before, &n_before, NULL));

      recordings = ps_recordings_new_or_beside (path, &notice, &error);
      g_assert_no_error (error);
      g_assert_nonnull (recordings);
      g_assert_cmpstr (ps_recordings_get_path (recordings), ==, third);
      g_assert_nonnull (notice);
      g_assert_nonnull (strstr (notice, path));
      g_assert_nonnull (strstr (notice, third));
      g_test_message ("%s", notice);
      write_events (recordings, events, T0, T0 + 3000);

      g_assert_true (g_file_get_contents (path, &after, &n_after, NULL));
      g_assert_cmpmem (before, n_before, after, n_after);

      /* The next start finds the same file and what was recorded in it. */
      g_clear_object (&recordings);
      again = ps_recordings_new_or_beside (path, &again_notice, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ps_recordings_get_path (again), ==, third);
      g_assert_nonnull (again_notice);
      { g_autoptr(PsLiquidations) read = read_events (again, G_MININT64, G_MAXINT64);
        g_assert_cmpuint (read->n, ==, 3); }
    }
}

/* Damage met at a read (the header intact, the file closed cleanly): the
 * writer recovers into a file beside it, the damaged one stays byte for byte,
 * and later starts go straight to the new file. */
static void
test_recordings_damage_at_read (void)
{
  g_autofree char *path = recordings_path ();
  g_autofree char *second = beside (path, 2);
  g_autofree char *marker = g_strconcat (path, ".damaged", NULL);
  g_autoptr(PsLiquidations) events = make_events (T0, 5000, 65000.0);
  g_autoptr(PsLiquidations) read = NULL;
  g_autoptr(PsRecordings) recordings = open_recordings (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *later_notice = NULL;
  gsize length, n_after;

  write_events (recordings, events, T0, T0 + 5000 * 1000);
  g_clear_object (&recordings);
  root = raw_query_text (path, "SELECT rootpage FROM sqlite_master WHERE name = 'liquidations'");

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  memset (contents + (atoi (root) - 1) * 4096, 0x5a, 4096);
  write_file (path, contents, length);

  recordings = ps_recordings_new_or_beside (path, &notice, &error);
  g_assert_no_error (error);
  g_assert_null (notice);   /* the damage does not show at open */
  read = ps_recordings_read_liquidations (recordings, "binance", "BTCUSDT",
                                          G_MININT64, G_MAXINT64, &error);
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT);
  g_assert_null (read);
  g_clear_error (&error);
  g_clear_object (&recordings);

  recordings = ps_recordings_recover (path, &notice, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ps_recordings_get_path (recordings), ==, second);
  g_assert_nonnull (notice);
  g_test_message ("%s", notice);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (path, &after, &n_after, NULL));
  g_assert_cmpmem (contents, length, after, n_after);
  g_clear_object (&recordings);

  recordings = ps_recordings_new_or_beside (path, &later_notice, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ps_recordings_get_path (recordings), ==, second);
  g_assert_nonnull (later_notice);
}

/* A sound file: no notice, and a locked or unwritable one is an error, not a
 * reason to record elsewhere. */
static void
test_recordings_new_or_beside_sound (void)
{
  g_autofree char *path = recordings_path ();
  g_autofree char *notice = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsRecordings) recordings = ps_recordings_new_or_beside (path, &notice, &error);
  g_autoptr(PsRecordings) none = NULL;
  g_autofree char *folder = g_strconcat (path, ".folder", NULL);
  g_autofree char *folder_beside = NULL;

  g_assert_no_error (error);
  g_assert_null (notice);
  g_assert_cmpstr (ps_recordings_get_path (recordings), ==, path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  none = ps_recordings_new_or_beside (folder, &notice, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_assert_null (notice);
  folder_beside = g_strconcat (folder, "-2", NULL);
  g_assert_false (g_file_test (folder_beside, G_FILE_TEST_EXISTS));
}

/* Kills */

#define BATCH_EVENTS 5
#define BATCH_MS     1000

/* Batch b: BATCH_EVENTS events in [T0 + b·BATCH_MS, …), plus the previous
 * batch's last event again (a reconnecting stream repeats itself). */
static PsLiquidations *
make_batch (guint b)
{
  PsLiquidations *events = ps_liquidations_new (BATCH_EVENTS + 1);

  if (b > 0)
    ps_liquidations_append (events, T0 + (b - 1) * BATCH_MS + (BATCH_EVENTS - 1) * 10,
                            PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE, 100.0 + b - 1, NAN, 1.0, 100.0);
  for (guint i = 0; i < BATCH_EVENTS; i++)
    ps_liquidations_append (events, T0 + b * BATCH_MS + i * 10, PS_LIQ_LONG,
                            PS_LIQ_SOURCE_LIVE, 100.0 + b, NAN, 1.0, 100.0);
  return events;
}

/* Writes batches with their spans until killed; after each commit, tells the
 * parent the batch's number. */
G_GNUC_NORETURN static void
kill_child (const char *path,
            int         ack_fd)
{
  PsRecordings *recordings = ps_recordings_new (path, NULL);

  if (recordings == NULL)
    _exit (1);

  for (guint32 b = 0; ; b++)
    {
      PsLiquidations *events = make_batch (b);

      if (!ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", events,
                                             T0 + b * BATCH_MS, T0 + (b + 1) * BATCH_MS,
                                             NULL, NULL))
        _exit (2);
      if (write (ack_fd, &b, sizeof b) != sizeof b)
        _exit (3);
      ps_liquidations_unref (events);
    }
}

static void
test_recordings_kill (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  guint total_batches = 0;

  for (guint run = 0; run < 50; run++)
    {
      g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "kill", NULL);
      g_autofree char *name = g_strdup_printf ("recordings-run%u.db", run);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *integrity = NULL;
      g_autoptr(PsRecordings) recordings = NULL;
      g_autoptr(PsLiquidations) stored = NULL;
      g_autoptr(GArray) gaps = NULL;
      gint64 last_acked = -1;
      guint32 b;
      guint n_present;
      int status = 0;
      int fds[2];
      pid_t pid;

      g_mkdir_with_parents (dir, 0700);
      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          kill_child (path, fds[1]);
        }
      close (fds[1]);

      /* A few ms in: one run in five from the start (maybe while it opens,
       * as slow as a sanitizer makes it), the others after its first commit. */
      if (run % 5 != 0 && read (fds[0], &b, sizeof b) == sizeof b)
        last_acked = b;
      g_usleep (g_rand_int_range (rand, 0, 8000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      while (read (fds[0], &b, sizeof b) == sizeof b)
        last_acked = b;
      close (fds[0]);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;   /* killed before it created the file */

      recordings = open_recordings (path);
      integrity = raw_query_text (path, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");

      /* Every acknowledged batch is there, maybe one more (committed, killed
       * before it could say so), no event twice. */
      stored = read_events (recordings, G_MININT64, G_MAXINT64);
      g_assert_cmpuint (stored->n % BATCH_EVENTS, ==, 0);
      n_present = stored->n / BATCH_EVENTS;
      g_assert_cmpint (n_present, >=, last_acked + 1);
      g_assert_cmpint (n_present, <=, last_acked + 2);
      for (guint i = 0; i < stored->n; i++)
        g_assert_cmpint (stored->t_ms[i], ==,
                         T0 + (i / BATCH_EVENTS) * BATCH_MS + (i % BATCH_EVENTS) * 10);

      /* The span claims exactly the batches stored. */
      gaps = unrecorded (recordings, PS_SERIES_LIQUIDATIONS, T0, T0 + 100000 * BATCH_MS);
      if (n_present == 0)
        assert_ranges (gaps, (gint64[]) { T0, T0 + 100000 * BATCH_MS }, 1);
      else
        assert_ranges (gaps, (gint64[]) { T0 + n_present * BATCH_MS,
                                          T0 + 100000 * BATCH_MS }, 1);
      total_batches += n_present;
    }

  g_test_message ("%u batches survived 50 kills", total_batches);
  g_assert_cmpuint (total_batches, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/store/recordings/new-destroy", test_recordings_new_destroy);
  g_test_add_func ("/perpscope/store/recordings/round-trip", test_recordings_round_trip);
  g_test_add_func ("/perpscope/store/recordings/duplicates", test_recordings_duplicates);
  g_test_add_func ("/perpscope/store/recordings/spans", test_recordings_spans);
  g_test_add_func ("/perpscope/store/recordings/batch-atomic", test_recordings_batch_atomic);
  g_test_add_func ("/perpscope/store/recordings/event-without-price",
                   test_recordings_event_without_price);
  g_test_add_func ("/perpscope/store/recordings/read-only", test_recordings_read_only);
  g_test_add_func ("/perpscope/store/recordings/bad-file-left-alone",
                   test_recordings_bad_file_left_alone);
  g_test_add_func ("/perpscope/store/recordings/damage-at-read", test_recordings_damage_at_read);
  g_test_add_func ("/perpscope/store/recordings/new-or-beside-sound",
                   test_recordings_new_or_beside_sound);
  g_test_add_func ("/perpscope/store/recordings/kill", test_recordings_kill);

  return g_test_run ();
}
