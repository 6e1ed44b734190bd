/* test-import-run.c: Binance public-data archives → the cache: ZIPs, the driver, the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "ps-import.h"
#include "ps-recordings.h"
#include "ps-net-error.h"
#include "ps-test-import.h"

/* Archives */

static void
test_archive (void)
{
  g_autofree char *dir = g_dir_make_tmp ("perpscope-import-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "BTCUSDT-1h-2024-01-01.zip", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.zip", NULL);
  g_autofree char *text = make_klines (T_2024_01_01, HOUR_MS, 24, -1, TRUE);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  PsImportEntry *entry;

  write_zip (good, "BTCUSDT-1h-2024-01-01.csv", text);
  entries = ps_import_read_archive (good, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->name, ==, "BTCUSDT-1h-2024-01-01.csv");
  g_assert_cmpmem (g_bytes_get_data (entry->contents, NULL), g_bytes_get_size (entry->contents),
                   text, strlen (text));
  g_clear_pointer (&entries, g_ptr_array_unref);

  write_zip (cut, "x.csv", text);
  truncate_file (cut);
  entries = ps_import_read_archive (cut, &error);
  g_assert_null (entries);
  g_assert_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, cut));
  g_assert_nonnull (strstr (error->message, "damaged or cut short: "));
  g_clear_error (&error);

  /* One byte changed in a stored (uncompressed) entry: only the CRC tells. */
  {
    struct archive *archive = archive_write_new ();
    struct archive_entry *header = archive_entry_new ();
    g_autofree char *contents = NULL;
    char *digit;
    gsize length;

    archive_write_set_format_zip (archive);
    archive_write_zip_set_compression_store (archive);
    g_assert_cmpint (archive_write_open_filename (archive, cut), ==, ARCHIVE_OK);
    archive_entry_set_pathname (header, "x.csv");
    archive_entry_set_filetype (header, AE_IFREG);
    archive_entry_set_size (header, (la_int64_t) strlen (text));
    archive_write_header (archive, header);
    archive_write_data (archive, text, strlen (text));
    archive_write_close (archive);
    archive_entry_free (header);
    archive_write_free (archive);

    g_file_get_contents (cut, &contents, &length, &error);
    g_assert_no_error (error);
    /* The ZIP headers hold NUL bytes: no string search. */
    digit = NULL;
    for (gsize i = 0; digit == NULL && i + 15 <= length; i++)
      if (memcmp (contents + i, "40000.0,40050.0", 15) == 0)
        digit = contents + i;
    g_assert_nonnull (digit);
    *digit = '5';
    g_file_set_contents (cut, contents, (gssize) length, &error);
    g_assert_no_error (error);

    entries = ps_import_read_archive (cut, &error);
    g_assert_null (entries);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "CRC"));
    g_clear_error (&error);
  }

  /* Not a ZIP at all. */
  write_text (cut, "PK\003\004 truncated archive");
  entries = ps_import_read_archive (cut, &error);
  g_assert_null (entries);
  g_assert_nonnull (strstr (error->message, "damaged or cut short: "));

  g_remove (good);
  g_remove (cut);
  g_rmdir (dir);
}

/* The driver */

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      rm_rf (child);
    }
  if (dir)
    g_rmdir (path);
  else
    g_remove (path);
}

typedef struct
{
  GPtrArray *messages;
  guint      calls;
  guint      n_events;
  gint64     span_from_ms;
  gint64     span_to_ms;
} Sink;

static void
progress_cb (const char          *path,
             guint                index,
             guint                n_files,
             gboolean             done,
             PsImportFileStatus   status,
             const char          *message,
             gpointer             user_data)
{
  Sink *sink = user_data;

  g_assert_cmpuint (index, <, n_files);
  if (done && message)
    g_ptr_array_add (sink->messages, g_strdup_printf ("%d %s", status, message));
}

static gboolean
liquidations_cb (const char            *venue,
                 const char            *symbol,
                 const PsLiquidations  *events,
                 gint64                 span_from_ms,
                 gint64                 span_to_ms,
                 guint                 *n_new,
                 gpointer               user_data,
                 GError               **error)
{
  Sink *sink = user_data;

  g_assert_cmpstr (venue, ==, "binance");
  g_assert_cmpstr (symbol, ==, "BTCUSDT");
  sink->calls++;
  sink->n_events += events->n;
  sink->span_from_ms = span_from_ms;
  sink->span_to_ms = span_to_ms;
  *n_new = events->n;
  return TRUE;
}

/* In root/a: nine Binance files of every kind, two of them bad, and two that
 * are not. Returns root (caches go beside a). */
static char *
make_archive_dir (void)
{
  char *root = g_dir_make_tmp ("perpscope-import-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (root, "a", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", "deeper", NULL);
  g_autofree char *liquidations = load ("liquidationSnapshot-header.csv", NULL);
  g_autofree char *day1 = make_klines (T_2024_01_01, HOUR_MS, 24, -1, TRUE);
  g_autofree char *day2 = make_klines (T_2024_01_01 + DAY_MS, HOUR_MS, 24, -1, FALSE);
  g_autofree char *day3 = make_klines (T_2024_01_01 + 2 * DAY_MS, HOUR_MS, 24, 5, TRUE);
  g_autofree char *month = make_klines (T_2024_01_01, DAY_MS, 31, -1, TRUE);
  g_autofree char *funding = make_funding_month (T_2024_01_01, T_2024_02_01, -1);
  g_autofree char *metrics = make_metrics_day (T_2024_01_01, 1);   /* 00:05 missing */
  struct { const char *name; const char *text; gboolean zip; } files[] = {
    { "BTCUSDT-1h-2024-01-01.zip", day1, TRUE },
    { "BTCUSDT-1h-2024-01-02.csv", day2, FALSE },
    { "BTCUSDT-1h-2024-01-03.zip", day3, TRUE },
    { "BTCUSDT-1h-2024-01-04.zip", day1, TRUE },
    { "sub/BTCUSDT-1d-2024-01.csv", month, FALSE },
    { "sub/BTCUSDT-fundingRate-2024-01.zip", funding, TRUE },
    { "sub/BTCUSDT-metrics-2024-01-01.zip", metrics, TRUE },
    { "sub/BTCUSDT-liquidationSnapshot-2024-01-01.zip", liquidations, TRUE },
    { "sub/deeper/BTCUSDT-15m-2024-01-05.csv", "1704412800000,1,2,0.5,1.5,3,1704413699999,0,0,1,0,0\n"
                                               "1704413700000,1,2,0.5,1.5,3,1704414599999,0,0,1,0,0\n"
                                               "1704414600000,1,2,0.5,abc,3,1704415499999,0,0,1,0,0\n", FALSE },
    { "BTCUSDT-1h-2024-01-01.zip.CHECKSUM", "0123  BTCUSDT-1h-2024-01-01.zip\n", FALSE },
    { "notes.txt", "hello\n", FALSE },
  };

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autofree char *base = g_path_get_basename (path);

      if (!files[i].zip)
        write_text (path, files[i].text);
      else
        {
          base[strlen (base) - 3] = '\0';
          g_autofree char *entry = g_strconcat (base, "csv", NULL);

          write_zip (path, entry, files[i].text);
        }
    }

  {
    g_autofree char *cut = g_build_filename (dir, "BTCUSDT-1h-2024-01-04.zip", NULL);

    truncate_file (cut);
  }
  return root;
}

static guint
count_candles (PsCache    *cache,
               PsInterval  interval)
{
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;

  candles = ps_cache_read_candles (cache, "binance", "BTCUSDT", interval, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  return candles->n;
}

static guint
count_oi (PsCache    *cache,
          PsInterval  interval)
{
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(GError) error = NULL;

  oi = ps_cache_read_open_interest (cache, "binance", "BTCUSDT", interval, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  return oi->n;
}

/* The one fetched range of a series, or {0, 0}. */
static PsRange
covered (PsCache      *cache,
         PsSeriesKind  kind,
         PsInterval    interval)
{
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) error = NULL;
  PsRange none = { 0, 0 };

  ranges = ps_cache_get_coverage (cache, "binance", "BTCUSDT", kind, interval, 0, G_MAXINT64,
                                  PS_COVERAGE_FETCHED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranges->len, <=, 1);
  return ranges->len ? g_array_index (ranges, PsRange, 0) : none;
}

static void
assert_cache (PsCache *cache)
{
  g_autoptr(PsFunding) funding = NULL;
  PsRange r;

  /* Three 1h days, one of them a candle short; the 15m file failed whole. */
  g_assert_cmpuint (count_candles (cache, PS_INTERVAL_1H), ==, 24 + 24 + 23);
  g_assert_cmpuint (count_candles (cache, PS_INTERVAL_1D), ==, 31);
  g_assert_cmpuint (count_candles (cache, PS_INTERVAL_15M), ==, 0);
  funding = ps_cache_read_funding (cache, "binance", "BTCUSDT", 0, G_MAXINT64, NULL);
  g_assert_cmpuint (funding->n, ==, 93);
  g_assert_cmpuint (count_oi (cache, PS_INTERVAL_5M), ==, 287);
  g_assert_cmpuint (count_oi (cache, PS_INTERVAL_1H), ==, 24);
  g_assert_cmpuint (count_oi (cache, PS_INTERVAL_1D), ==, 1);

  /* Coverage: the complete files only, so the short day stays a gap. */
  r = covered (cache, PS_SERIES_CANDLES, PS_INTERVAL_1H);
  g_assert_cmpint (r.from_ms, ==, T_2024_01_01);
  g_assert_cmpint (r.to_ms, ==, T_2024_01_01 + 2 * DAY_MS);
  r = covered (cache, PS_SERIES_CANDLES, PS_INTERVAL_1D);
  g_assert_cmpint (r.to_ms - r.from_ms, ==, 31 * DAY_MS);
  r = covered (cache, PS_SERIES_FUNDING, PS_INTERVAL_NONE);
  g_assert_cmpint (r.from_ms, ==, T_2024_01_01);
  g_assert_cmpint (r.to_ms, ==, T_2024_02_01);
  /* The missing 00:05 snapshot leaves the 5m day a gap, not the 1h one. */
  r = covered (cache, PS_SERIES_OPEN_INTEREST, PS_INTERVAL_5M);
  g_assert_cmpint (r.to_ms, ==, 0);
  r = covered (cache, PS_SERIES_OPEN_INTEREST, PS_INTERVAL_1H);
  g_assert_cmpint (r.to_ms - r.from_ms, ==, DAY_MS);
  r = covered (cache, PS_SERIES_CANDLES, PS_INTERVAL_15M);
  g_assert_cmpint (r.to_ms, ==, 0);
}

static void
assert_messages (GPtrArray  *messages,
                 const char *dir)
{
  g_autofree char *cut = g_build_filename (dir, "BTCUSDT-1h-2024-01-04.zip", NULL);
  g_autofree char *garbage = g_build_filename (dir, "sub", "deeper", "BTCUSDT-15m-2024-01-05.csv", NULL);
  g_autofree char *expect_cut = g_strdup_printf ("%d %s: the archive is damaged or cut short",
                                                 PS_IMPORT_FILE_FAILED, cut);
  g_autofree char *expect_garbage = g_strdup_printf ("%d %s, line 3, field “close”",
                                                     PS_IMPORT_FILE_FAILED, garbage);
  guint found = 0;

  g_assert_cmpuint (messages->len, ==, 4);
  for (guint i = 0; i < messages->len; i++)
    {
      const char *message = g_ptr_array_index (messages, i);

      g_test_message ("%s", message);
      found += g_str_has_prefix (message, expect_cut) ? 1 : 0;
      found += g_str_has_prefix (message, expect_garbage) ? 2 : 0;
      found += strstr (message, "CHECKSUM: skipped, a checksum file") ? 4 : 0;
      found += strstr (message, "notes.txt: skipped, not a ZIP or CSV file") ? 8 : 0;
    }
  g_assert_cmpuint (found, ==, 15);
}

static void
test_run (void)
{
  g_autofree char *root = make_archive_dir ();
  g_autofree char *dir = g_build_filename (root, "a", NULL);
  g_autofree char *cache_path = g_build_filename (root, "cache.db", NULL);
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { dir, NULL };
  Sink sink = { g_ptr_array_new_with_free_func (g_free) };
  PsImportTarget target = { NULL, liquidations_cb, &sink, progress_cb, &sink };

  cache = ps_cache_new (cache_path, &error);
  g_assert_no_error (error);
  target.cache = cache;

  for (guint round = 0; round < 2; round++)
    {
      PsImportStats stats = { 0 };

      g_ptr_array_set_size (sink.messages, 0);
      g_assert_false (ps_import_run (&target, paths, &stats));
      g_assert_cmpuint (stats.n_imported, ==, 7);
      g_assert_cmpuint (stats.n_failed, ==, 2);
      g_assert_cmpuint (stats.n_skipped, ==, 2);
      g_assert_cmpuint (stats.n_candles, ==, 24 + 24 + 23 + 31);
      g_assert_cmpuint (stats.n_funding, ==, 93);
      g_assert_cmpuint (stats.n_open_interest, ==, 287);
      g_assert_cmpuint (stats.n_liquidations, ==, 3);
      assert_messages (sink.messages, dir);
      /* The second import changes nothing. */
      assert_cache (cache);
    }

  g_assert_cmpuint (sink.calls, ==, 2);
  g_assert_cmpuint (sink.n_events, ==, 6);
  g_assert_cmpint (sink.span_from_ms, ==, T_2024_01_01);
  g_assert_cmpint (sink.span_to_ms, ==, T_2024_01_01 + DAY_MS);

  g_ptr_array_unref (sink.messages);
  g_clear_object (&cache);
  rm_rf (root);
}

/* The command line */

static int
run_import (char       **out,
            char       **err,
            const char  *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("PERPSCOPE_BIN"));
  g_ptr_array_add (argv, "import");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", *out, *err);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static void
test_cli (void)
{
  g_autofree char *root = make_archive_dir ();
  g_autofree char *dir = g_build_filename (root, "a", NULL);
  g_autofree char *cache_path = g_build_filename (root, "cli.db", NULL);
  g_autofree char *rec_path = g_build_filename (root, "rec.db", NULL);
  g_autofree char *good = g_build_filename (dir, "BTCUSDT-1h-2024-01-01.zip", NULL);
  g_autofree char *cut = g_build_filename (dir, "BTCUSDT-1h-2024-01-04.zip", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(PsLiquidations) events = NULL;
  g_autoptr(GError) error = NULL;

  /* A damaged file is named, the rest imported, the status says so. */
  g_assert_cmpint (run_import (&out, &err, "--cache", cache_path, "--recordings", rec_path,
                               dir, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, "7 files imported, 2 failed, 2 skipped\n"));
  g_assert_nonnull (strstr (out, "candles:        102 rows"));
  g_assert_nonnull (strstr (out, "liquidations:   3 events"));
  g_assert_nonnull (strstr (err, cut));
  g_assert_nonnull (strstr (err, "cut short"));
  g_assert_nonnull (strstr (err, "line 3, field “close”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The liquidations are in the recordings file, as imported events, once
   * however often the file is imported. */
  g_assert_cmpint (run_import (&out, &err, "--cache", cache_path, "--recordings", rec_path,
                               dir, NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  recordings = ps_recordings_new_read_only (rec_path, &error);
  g_assert_no_error (error);
  events = ps_recordings_read_liquidations (recordings, "binance", "BTCUSDT", 0, G_MAXINT64,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->n, ==, 3);
  for (guint i = 0; i < events->n; i++)
    g_assert_cmpint (events->source[i], ==, PS_LIQ_SOURCE_IMPORT);
  g_clear_object (&recordings);

  g_assert_cmpint (run_import (&out, &err, "--cache", cache_path, good, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "1 file imported, 0 failed, 0 skipped\n"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_import (&out, &err, "--cache", cache_path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "perpscope import: "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_import (&out, &err, "--cache", "", good, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  cache = ps_cache_new (cache_path, &error);
  g_assert_no_error (error);
  assert_cache (cache);
  g_clear_object (&cache);
  rm_rf (root);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/store/import-run/archive", test_archive);
  g_test_add_func ("/perpscope/store/import-run/run", test_run);
  g_test_add_func ("/perpscope/store/import-run/cli", test_cli);

  return g_test_run ();
}
