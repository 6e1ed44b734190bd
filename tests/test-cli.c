/* test-cli.c: perpscope fetch/export end to end against a loopback Binance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ps-cache.h"
#include "ps-test-cli.h"

static void
test_version_and_help (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) version = { 0 };
  g_auto(Run) fetch_help = { 0 };
  g_auto(Run) export_help = { 0 };
  g_auto(Run) help = { 0 };

  run_cli (f, NULL, &version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "perpscope " PACKAGE_VERSION "\n");

  run_cli (f, NULL, &help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "export"));

  run_cli (f, NULL, &fetch_help, "fetch", "--help", NULL);
  g_assert_cmpint (fetch_help.status, ==, 0);
  g_assert_nonnull (strstr (fetch_help.out, "--from"));
  g_assert_nonnull (strstr (fetch_help.out, "--cache"));

  run_cli (f, NULL, &export_help, "export", "--help", NULL);
  g_assert_cmpint (export_help.status, ==, 0);
  g_assert_nonnull (strstr (export_help.out, "--offline"));
  g_assert_nonnull (strstr (export_help.out, "--size"));
}

static void
test_fetch_then_export_offline (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *recordings = g_build_filename (g_get_user_data_dir (), "perpscope",
                                                  "recordings.db", NULL);
  g_auto(Run) fetch = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) online = { 0 };
  g_auto(Run) export = { 0 };
  g_autofree char *png = g_build_filename (f->dir, "report.png", NULL);
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  guint requests;

  run_cli (f, NULL, &fetch, "fetch", "--venue", "binance", "--symbol", "BTCUSDT", "--interval", "4h",
           "--from", "2025-10-01", "--to", "2025-11-01", "--cache", f->cache, NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  /* 31 days of 4h candles. */
  g_assert_nonnull (strstr (fetch.out, "186 rows"));
  /* Funding in tests/data starts on 2025-10-06 08:00. */
  g_assert_nonnull (strstr (fetch.out, "78 rows"));
  requests = ps_test_server_get_n_requests (f->server);
  g_assert_cmpuint (requests, >, 0);

  cache = ps_cache_new (f->cache, &error);
  g_assert_no_error (error);
  candles = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                   1759276800000, 1761955200000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, 186);
  /* The first 4h candle of October 2025 in the real data. */
  g_assert_cmpint (candles->t_ms[0], ==, 1759276800000);

  /* A covered range asks nothing of the venue. */
  run_cli (f, NULL, &again, "fetch", "--from", "2025-10-01", "--to", "2025-11-01",
           "--cache", f->cache, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, requests);
  g_assert_nonnull (strstr (again.out, "no request"));

  /* Without it, a venue that cannot be reached fails the export (the
   * model's warm-up before the range is not cached), saying what would do. */
  run_cli (f, "http://127.0.0.1:9", &online, "export", "--from", "2025-10-01", "--to",
           "2025-11-01", "--cache", f->cache, "--output", png, NULL);
  assert_one_line_error (&online, 1, "Could not reach Binance");
  g_assert_nonnull (strstr (online.err, "the range itself is cached: add --offline"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  /* --offline draws from the cache and never touches the network, nor
   * creates a recordings file: it only reads. */
  g_remove (recordings);
  run_cli (f, "http://127.0.0.1:9", &export, "export", "--from", "2025-10-01", "--to", "2025-11-01",
           "--cache", f->cache, "--output", png, "--size", "1200x800", "--offline", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_false (g_file_test (recordings, G_FILE_TEST_EXISTS));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 800);
  cairo_surface_destroy (surface);
}

/* A month of 5m candles is 8,928 rows: six pages of Binance's 1,500. */
static void
test_fetch_pages (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) fetch = { 0 };
  g_auto(Run) again = { 0 };
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 dec_1 = 1733011200000, jan_1 = 1735689600000;
  guint requests;

  run_cli (f, NULL, &fetch, "fetch", "--interval", "5m", "--from", "2024-12-01", "--to", "2025-01-01",
           "--cache", f->cache, NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  g_assert_nonnull (strstr (fetch.out, "8928 rows"));
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/fapi/v1/klines"), ==, 6);
  /* Open interest that old is past Binance's 30 days: never asked for. */
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/futures/data/openInterestHist"), ==, 0);
  g_assert_nonnull (strstr (fetch.out, "no longer served"));

  cache = ps_cache_new (f->cache, &error);
  g_assert_no_error (error);
  candles = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_5M, dec_1, jan_1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, 8928);
  for (guint i = 1; i < candles->n; i++)
    g_assert_cmpint (candles->t_ms[i] - candles->t_ms[i - 1], ==, 300000);
  /* First and last rows of the real file. */
  g_assert_cmpfloat (ps_candles_open_at (candles, 0), ==, 96475.2);
  g_assert_cmpint (candles->t_ms[candles->n - 1], ==, jan_1 - 300000);

  requests = ps_test_server_get_n_requests (f->server);
  run_cli (f, NULL, &again, "fetch", "--interval", "5m", "--from", "2024-12-01", "--to", "2025-01-01",
           "--cache", f->cache, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, requests);
}

static void
test_export_fetches_first (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Run) export = { 0 };
  g_autofree char *png = g_build_filename (f->dir, "fetched.png", NULL);
  cairo_surface_t *surface;

  run_cli (f, NULL, &export, "export", "--from", "2025-11-10", "--to", "2025-12-10",
           "--cache", f->cache, "--output", png, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), >, 0);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1000);
  cairo_surface_destroy (surface);
}

/* --to defaults to now; the candle open now is never complete in the cache,
 * and --offline must not ask for it. */
static void
test_offline_to_now (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) fetch = { 0 };
  g_auto(Run) export = { 0 };
  g_autofree char *png = g_build_filename (f->dir, "now.png", NULL);

  ps_test_server_set_now (f->server, g_get_real_time () / 1000);
  run_cli (f, NULL, &fetch, "fetch", "--from", "2026-01-01", "--cache", f->cache, NULL);
  g_assert_cmpint (fetch.status, ==, 0);

  run_cli (f, "http://127.0.0.1:9", &export, "export", "--from", "2026-01-01", "--cache", f->cache,
           "--output", png, "--offline", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
}

/* Neither --from nor --to: the last 30 days up to the venue's now, by its
 * clock (the server's says 2025-12-18, months behind this machine's), not
 * the local clock's range where a mirror or replay has nothing. */
static void
test_fetch_recent_by_venue_clock (Fixture       *f,
                                  gconstpointer  data)
{
  g_auto(Run) fetch = { 0 };
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 dec_18 = 1766016000000, day = 24 * G_GINT64_CONSTANT (3600000);

  run_cli (f, NULL, &fetch, "fetch", "--interval", "4h", "--cache", f->cache, NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  /* Up to the end of the 4h candle open at the server's now. */
  g_assert_nonnull (strstr (fetch.out, "4h, 2025-11-18 04:00 → 2025-12-18 04:00 UTC"));
  cache = ps_cache_new (f->cache, &error);
  g_assert_no_error (error);
  candles = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                   dec_18 - 30 * day, dec_18, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, >=, 30 * 6 - 1);
}

/* --from without --to ends at the venue's now, as the window's ranges do,
 * not at this machine's months later. */
static void
test_fetch_from_by_venue_clock (Fixture       *f,
                                gconstpointer  data)
{
  g_auto(Run) fetch = { 0 };

  run_cli (f, NULL, &fetch, "fetch", "--interval", "4h", "--from", "2025-12-01",
           "--cache", f->cache, NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  g_test_message ("%s", fetch.out);
  g_assert_nonnull (strstr (fetch.out, "4h, 2025-12-01 → 2025-12-18 04:00 UTC"));
}

/* Makes path read-only (or writable again); root writes to read-only files,
 * so for root the file is made immutable (ext4) instead. */
static gboolean
set_read_only (const char *path,
               gboolean    read_only)
{
  const char *root_argv[] = { "chattr", read_only ? "+i" : "-i", path, NULL };
  const char *user_argv[] = { "chmod", read_only ? "a-w" : "u+w", path, NULL };
  int status = -1;

  return g_spawn_sync (NULL, (char **) (getuid () == 0 ? root_argv : user_argv), NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                       NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* export --offline only reads: a cache it cannot write will do. */
static void
test_offline_read_only_cache (Fixture       *f,
                              gconstpointer  data)
{
  g_auto(Run) fetch = { 0 };
  g_auto(Run) export = { 0 };
  g_autofree char *png = g_build_filename (f->dir, "ro.png", NULL);

  run_cli (f, NULL, &fetch, "fetch", "--from", "2025-10-01", "--to", "2025-10-05",
           "--cache", f->cache, NULL);
  g_assert_cmpint (fetch.status, ==, 0);

  if (!set_read_only (f->cache, TRUE))
    {
      g_test_skip ("cannot make the cache read-only here");
      return;
    }
  run_cli (f, "http://127.0.0.1:9", &export, "export", "--from", "2025-10-01", "--to", "2025-10-05",
           "--cache", f->cache, "--output", png, "--offline", NULL);
  set_read_only (f->cache, FALSE);

  g_assert_cmpint (export.status, ==, 0);
  g_assert_null (strstr (export.err, "perpscope:"));   /* no error (ASan may add its report) */
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
}

static void
test_offline_uncached (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) missing = { 0 };
  g_auto(Run) fetch = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(Run) online = { 0 };
  g_autofree char *png = g_build_filename (f->dir, "never.png", NULL);

  /* No cache at all: --offline reads only, so it creates none either. */
  run_cli (f, NULL, &missing, "export", "--from", "2025-10-01", "--to", "2025-10-05",
           "--cache", f->cache, "--output", png, "--offline", NULL);
  assert_one_line_error (&missing, 1, f->cache);
  g_assert_false (g_file_test (f->cache, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 0);

  /* A cache without that range. */
  run_cli (f, NULL, &fetch, "fetch", "--from", "2025-11-01", "--to", "2025-11-02",
           "--cache", f->cache, NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  run_cli (f, "http://127.0.0.1:9", &run, "export", "--from", "2025-10-01", "--to", "2025-10-05",
           "--cache", f->cache, "--output", png, "--offline", NULL);
  assert_one_line_error (&run, 1, "not cached");
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  /* Online with the venue gone: no word of --offline, which would not do. */
  run_cli (f, "http://127.0.0.1:9", &online, "export", "--from", "2025-10-01", "--to",
           "2025-10-05", "--cache", f->cache, "--output", png, NULL);
  assert_one_line_error (&online, 1, "Could not reach Binance");
  g_assert_null (strstr (online.err, "--offline"));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) symbol = { 0 };
  g_auto(Run) date = { 0 };
  g_auto(Run) order = { 0 };
  g_auto(Run) interval = { 0 };
  g_auto(Run) venue = { 0 };
  g_auto(Run) size = { 0 };
  g_auto(Run) empty_recordings = { 0 };
  g_auto(Run) empty_cache = { 0 };

  run_cli (f, NULL, &symbol, "fetch", "--symbol", "NOSUCHCOIN", "--from", "2025-10-01",
           "--to", "2025-10-02", "--cache", f->cache, NULL);
  assert_one_line_error (&symbol, 1, "NOSUCHCOIN");

  run_cli (f, NULL, &date, "fetch", "--from", "2025-13-45", "--cache", f->cache, NULL);
  assert_one_line_error (&date, 2, "2025-13-45");

  run_cli (f, NULL, &order, "fetch", "--from", "2025-11-01", "--to", "2025-10-01",
           "--cache", f->cache, NULL);
  assert_one_line_error (&order, 2, "before");

  run_cli (f, NULL, &interval, "fetch", "--interval", "3h", "--cache", f->cache, NULL);
  assert_one_line_error (&interval, 2, "3h");

  run_cli (f, NULL, &venue, "fetch", "--venue", "mtgox", "--from", "2025-10-01",
           "--to", "2025-10-02", "--cache", f->cache, NULL);
  assert_one_line_error (&venue, 2, "mtgox");

  run_cli (f, NULL, &empty_cache, "fetch", "--from", "2025-10-01", "--to", "2025-10-02",
           "--cache", "", NULL);
  assert_one_line_error (&empty_cache, 2, "--cache");

  run_cli (f, NULL, &size, "export", "--size", "10x10", "--output", "x.png", NULL);
  assert_one_line_error (&size, 2, "10x10");

  run_cli (f, NULL, &empty_recordings, "export", "--output", "x.png", "--recordings", "", NULL);
  assert_one_line_error (&empty_recordings, 2, "recordings file name is empty");

  /* None of these reached the venue. */
  g_assert_cmpuint (ps_test_server_get_n_requests_for (f->server, "/fapi/v1/klines"), ==, 1);
}

/* The window takes no arguments: a typo must not open it (nor need a
 * display, which the test's child does not have). */
static void
test_unknown_command (Fixture       *f,
                      gconstpointer  data)
{
  const char *cases[][2] = {
    { "frobnicate", "Unknown command “frobnicate”" },
    { "--bogus", "Unknown option “--bogus”" },
    { "-x", "Unknown option “-x”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (f, NULL, &run, cases[i][0], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, "perpscope: "));
      g_assert_nonnull (strstr (run.err, cases[i][1]));
      g_assert_nonnull (strstr (run.err, "Usage:"));
      g_assert_nonnull (strstr (run.err, "perpscope fetch"));
      g_assert_cmpstr (run.out, ==, "");
    }
}

/* A damaged cache is kept aside, never deleted, and a new one started. */
static void
test_corrupt_cache (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean kept = FALSE;

  g_file_set_contents (f->cache, "<html>this is not a database</html>", -1, &error);
  g_assert_no_error (error);

  run_cli (f, NULL, &run, "fetch", "--from", "2025-10-01", "--to", "2025-10-02",
           "--cache", f->cache, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "damaged"));
  g_assert_nonnull (strstr (run.out, "6 rows"));

  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *contents = NULL;

      if (!g_str_has_prefix (name, "cache.db.damaged-"))
        continue;
      g_file_get_contents (path, &contents, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (contents, ==, "<html>this is not a database</html>");
      kept = TRUE;
    }
  g_assert_true (kept);
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_cli (f, "http://127.0.0.1:9", &run, "fetch", "--from", "2025-10-01", "--to", "2025-10-02",
           "--cache", f->cache, NULL);
  assert_one_line_error (&run, 1, "Could not reach Binance");
}

static void
test_http_error (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  ps_test_server_set_fault (f->server, PS_TEST_FAULT_500, 1000);
  run_cli (f, NULL, &run, "fetch", "--from", "2025-10-01", "--to", "2025-10-02",
           "--cache", f->cache, NULL);
  assert_one_line_error (&run, 1, "HTTP 500");
}

static void
test_malformed_response (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  ps_test_server_set_fault (f->server, PS_TEST_FAULT_GARBAGE, 1000);
  run_cli (f, NULL, &run, "fetch", "--from", "2025-10-01", "--to", "2025-10-02",
           "--cache", f->cache, NULL);
  assert_one_line_error (&run, 1, "Binance");
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  ps_test_server_set_retry_after (f->server, 900);
  ps_test_server_set_fault (f->server, PS_TEST_FAULT_418, 1000);
  run_cli (f, NULL, &run, "fetch", "--from", "2025-10-01", "--to", "2025-10-02",
           "--cache", f->cache, NULL);
  /* A 418 of 900 s is a ban: the one line says until when. */
  assert_one_line_error (&run, 1, "Binance has banned this IP address until ");
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/cli/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("version-and-help", test_version_and_help);
  ADD ("fetch-then-export-offline", test_fetch_then_export_offline);
  ADD ("fetch-pages", test_fetch_pages);
  ADD ("export-fetches-first", test_export_fetches_first);
  ADD ("offline-uncached", test_offline_uncached);
  ADD ("offline-to-now", test_offline_to_now);
  ADD ("fetch-recent-by-venue-clock", test_fetch_recent_by_venue_clock);
  ADD ("fetch-from-by-venue-clock", test_fetch_from_by_venue_clock);
  ADD ("offline-read-only-cache", test_offline_read_only_cache);
  ADD ("bad-input", test_bad_input);
  ADD ("unknown-command", test_unknown_command);
  ADD ("corrupt-cache", test_corrupt_cache);
  ADD ("unreachable", test_unreachable);
  ADD ("http-error", test_http_error);
  ADD ("malformed-response", test_malformed_response);
  ADD ("rate-limited", test_rate_limited);
#undef ADD

  return g_test_run ();
}
