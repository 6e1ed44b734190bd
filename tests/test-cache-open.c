/* test-cache-open.c: opening PsCache: identity, damage, read-only readers, concurrent openers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ps-cache.h"
#include "ps-database.h"
#include "ps-test-cache.h"
#include "ps-test-util.h"

static guint
count_candles (PsCache *cache,
               gint64   from_ms,
               gint64   to_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = NULL;

  candles = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                   from_ms, to_ms, &error);
  g_assert_no_error (error);
  return candles->n;
}

static void
write_candles (PsCache   *cache,
               PsCandles *candles,
               gint64     cover_from_ms,
               gint64     cover_to_ms)
{
  g_autoptr(GError) error = NULL;

  ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H, candles,
                          cover_from_ms, cover_to_ms, &error);
  g_assert_no_error (error);
}

/* Tests */

static void
test_cache_too_new (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCache) cache = NULL;
  sqlite3 *db;

  g_object_unref (open_cache (path));
  db = raw_open (path);
  raw_exec (db, "PRAGMA user_version = 99");
  sqlite3_close (db);

  cache = ps_cache_new (path, &error);
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_TOO_NEW);
  g_assert_null (cache);
  g_assert_nonnull (strstr (error->message, path));
}

static void
assert_corrupt_at_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCache) cache = ps_cache_new (path, &error);

  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT);
  g_assert_null (cache);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);
}

static void
test_cache_corrupt_text (void)
{
  g_autofree char *path = cache_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, "time,open,high,low,close\n1,2,3,4,5\n", -1, &error);
  g_assert_no_error (error);
  assert_corrupt_at_open (path);
}

static void
test_cache_corrupt_random (void)
{
  g_autofree char *path = cache_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint32 bytes[4096];

  for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
    bytes[i] = g_rand_int (rand);

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, (const char *) bytes, sizeof bytes, &error);
  g_assert_no_error (error);
  assert_corrupt_at_open (path);
}

/* A real cache whose pages past the first are overwritten: the header still
 * reads, so the damage shows at the first read that meets it. */
static void
test_cache_corrupt_pages (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCandles) candles = make_candles (T0, 5000, 1.0);
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsCandles) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  cache = open_cache (path);
  write_candles (cache, candles, T0, T0 + 5000 * STEP_MS);
  g_clear_object (&cache);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 3 * 4096);
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 7919 % 251);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  cache = ps_cache_new (path, &error);
  if (cache != NULL)
    read = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                  G_MININT64, G_MAXINT64, &error);
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT);
  g_assert_null (read);
}

static void
assert_error_at_open (const char *path,
                      int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCache) cache = ps_cache_new (path, &error);

  g_assert_error (error, PS_CACHE_ERROR, code);
  g_assert_null (cache);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);
}

static char *
read_whole (const char *path,
            gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Files in the cache's folder whose name has ".damaged-". */
static guint
count_moved_aside (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)))
    n += strstr (name, ".damaged-") != NULL;
  return n;
}

/* Another program's SQLite file, by its tables or by its application_id: refused
 * with its own code, and ps_cache_new_recovering leaves it where and as it is. */
static void
test_cache_foreign_database (void)
{
  static const char * const foreign[] = {
    "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')",
    "PRAGMA application_id = 1234; PRAGMA user_version = 1",
    "PRAGMA application_id = 1234",
    "PRAGMA user_version = 3",
  };
  g_autofree char *path = cache_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    {
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *notice = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PsCache) cache = NULL;
      gsize n_before, n_after;
      sqlite3 *db;

      g_remove (path);
      db = raw_open (path);
      raw_exec (db, foreign[i]);
      sqlite3_close (db);
      before = read_whole (path, &n_before);

      assert_error_at_open (path, PS_CACHE_ERROR_NOT_OURS);
      cache = ps_cache_new_recovering (path, &notice, &error);
      g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_NOT_OURS);
      g_assert_null (cache);
      g_assert_null (notice);

      /* Left byte for byte as it was: no journal mode, no table, no rename. */
      after = read_whole (path, &n_after);
      g_assert_cmpmem (before, n_before, after, n_after);
      g_assert_cmpuint (count_moved_aside (path), ==, 0);
    }
}

/* A schema version no Perpscope writes must index no migration (UBSan). */
static void
test_cache_absurd_version (void)
{
  static const char * const versions[] = { "-1", "-2147483648", "2147483647" };
  g_autofree char *path = cache_path ();

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %s", versions[i]);
      g_autofree char *notice = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PsCache) cache = NULL;
      sqlite3 *db;

      g_remove (path);
      g_object_unref (open_cache (path));
      db = raw_open (path);
      raw_exec (db, sql);
      sqlite3_close (db);

      assert_error_at_open (path, versions[i][0] == '-' ? PS_CACHE_ERROR_NOT_OURS
                                                         : PS_CACHE_ERROR_TOO_NEW);
      cache = ps_cache_new_recovering (path, &notice, &error);
      g_assert_null (cache);
      g_assert_nonnull (error);
      g_assert_cmpuint (count_moved_aside (path), ==, 0);
    }
}

static void
test_cache_empty_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autoptr(PsCache) cache = ps_cache_new ("", &error);

  g_assert_null (cache);
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  cache = ps_cache_new_recovering ("", &notice, &error);
  g_assert_null (cache);
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED);
  g_assert_null (notice);
}

/* Processes opening a cache that does not exist yet, all at once (the app and
 * the CLI): every one succeeds and nothing is moved aside. */
static void
test_cache_concurrent_new (void)
{
  enum { N_ROUNDS = 5, N_OPENERS = 20 };

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "concurrent", NULL);
      g_autofree char *name = g_strdup_printf ("cache-%u.db", round);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      pid_t pids[N_OPENERS];
      int gate[2];

      g_assert_cmpint (pipe (gate), ==, 0);
      for (guint i = 0; i < N_OPENERS; i++)
        {
          pids[i] = fork ();
          g_assert_cmpint (pids[i], >=, 0);
          if (pids[i] == 0)
            {
              GError *error = NULL;
              PsCache *cache;
              char c;

              close (gate[1]);
              if (read (gate[0], &c, 1) != 0)   /* released when the gate closes */
                _exit (3);
              cache = ps_cache_new (path, &error);
              if (cache == NULL)
                {
                  g_printerr ("opener %u: %s\n", i, error->message);
                  _exit (1);
                }
              g_object_unref (cache);
              _exit (0);
            }
        }

      close (gate[0]);
      g_usleep (20 * 1000);
      close (gate[1]);
      for (guint i = 0; i < N_OPENERS; i++)
        {
          int status = 0;

          g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
        }
      g_assert_cmpuint (count_moved_aside (path), ==, 0);
      g_object_unref (open_cache (path));
    }
}

/* Overwrites pages first..last (1-based, 4096 bytes) of a closed file. */
static void
overwrite_pages (const char *path,
                 guint       first,
                 guint       last)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  contents = read_whole (path, &length);
  g_assert_cmpuint (length, >=, (gsize) last * 4096);
  for (gsize i = (gsize) (first - 1) * 4096; i < (gsize) last * 4096; i++)
    contents[i] = (char) (i * 7919 % 251);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static guint
page_count (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return (guint) (st.st_size / 4096);
}

/* A child opens the cache, writes a few rows and vanishes without closing it,
 * as a killed process does: its -wal file stays, holding the rows. */
static void
write_and_vanish (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  int status = 0;
  pid_t pid = fork ();
  GStatBuf st;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      PsCache *cache = ps_cache_new (path, NULL);
      PsCandles *candles = make_candles (T0 - 10 * STEP_MS, 3, 7.0);

      if (cache == NULL ||
          !ps_cache_write_candles (cache, "binance", "ETHUSDT", PS_INTERVAL_4H, candles,
                                   T0 - 10 * STEP_MS, T0 - 7 * STEP_MS, NULL))
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);
}

/* Damage inside a file with an intact header, left by an unclean close: found
 * at open by the page check, and recovered from like header damage. */
static void
test_cache_corrupt_unclean (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCandles) candles = make_candles (T0, 5000, 1.0);
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;

  cache = open_cache (path);
  write_candles (cache, candles, T0, T0 + 5000 * STEP_MS);
  g_clear_object (&cache);

  write_and_vanish (path);
  g_assert_true (ps_database_closed_uncleanly (path));
  overwrite_pages (path, 2, page_count (path));

  assert_corrupt_at_open (path);
  cache = ps_cache_new_recovering (path, &notice, &error);
  g_assert_no_error (error);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, ".damaged-"));
  g_test_message ("%s", notice);
  g_assert_cmpuint (count_candles (cache, G_MININT64, G_MAXINT64), ==, 0);
  g_assert_cmpuint (count_moved_aside (path), ==, 3);   /* the file, its -wal and -shm */
}

/* The same unclean close without damage: the check passes, nothing is lost. */
static void
test_cache_unclean_sound (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCandles) candles = make_candles (T0, 500, 1.0);
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCandles) eth = NULL;
  g_autoptr(GError) error = NULL;

  write_candles (cache, candles, T0, T0 + 500 * STEP_MS);
  g_clear_object (&cache);
  write_and_vanish (path);

  cache = open_cache (path);
  g_assert_false (ps_database_closed_uncleanly (path));   /* open here now */
  g_assert_cmpuint (count_candles (cache, G_MININT64, G_MAXINT64), ==, 500);
  eth = ps_cache_read_candles (cache, "binance", "ETHUSDT", PS_INTERVAL_4H,
                               G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eth->n, ==, 3);
}

/* A data-carrying cache, closed cleanly, whose candles b-tree root (an interior
 * page) is overwritten: opening does not look, the first read says CORRUPT, and
 * ps_cache_recover () confirms it and moves the file aside. */
static void
test_cache_corrupt_index_page (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCandles) candles = make_candles (T0, 5000, 1.0);
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCandles) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *sound_notice = NULL;
  g_autofree char *root = NULL;
  sqlite3 *db;

  write_candles (cache, candles, T0, T0 + 5000 * STEP_MS);
  g_clear_object (&cache);

  /* Recovering a sound cache keeps it, and says nothing. */
  cache = ps_cache_recover (path, &sound_notice, &error);
  g_assert_no_error (error);
  g_assert_null (sound_notice);
  g_assert_cmpuint (count_candles (cache, G_MININT64, G_MAXINT64), ==, 5000);
  g_clear_object (&cache);

  db = raw_open (path);
  root = raw_query_text (db, "SELECT rootpage FROM sqlite_master WHERE name = 'candles'");
  sqlite3_close (db);
  overwrite_pages (path, atoi (root), atoi (root));

  cache = open_cache (path);
  read = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                G_MININT64, G_MAXINT64, &error);
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT);
  g_assert_null (read);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                          candles, T0, T0 + 5000 * STEP_MS, &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_clear_object (&cache);

  cache = ps_cache_recover (path, &notice, &error);
  g_assert_no_error (error);
  g_assert_nonnull (notice);
  /* The file, with its -wal and -shm if the close could not checkpoint. */
  g_assert_cmpuint (count_moved_aside (path), >=, 1);
  g_assert_cmpuint (count_candles (cache, G_MININT64, G_MAXINT64), ==, 0);
}

/* A damaged cache that another process still has open is not moved aside
 * (that process would go on writing into the moved file): the caller is told
 * to close it; once closed, it is moved aside. */
static void
test_cache_damaged_in_use (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(PsCandles) candles = make_candles (T0, 5000, 1.0);
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCache) mine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *root = NULL;
  int ready[2], release[2];
  int status = 0;
  pid_t pid;
  char c;
  sqlite3 *db;

  write_candles (cache, candles, T0, T0 + 5000 * STEP_MS);
  g_clear_object (&cache);
  db = raw_open (path);
  root = raw_query_text (db, "SELECT rootpage FROM sqlite_master WHERE name = 'candles'");
  sqlite3_close (db);

  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      PsCache *held;

      close (ready[0]);
      close (release[1]);
      held = ps_cache_new (path, NULL);
      if (held == NULL || count_candles (held, T0, T0 + 1) != 1 ||
          write (ready[1], "r", 1) != 1 || read (release[0], &c, 1) < 0)
        _exit (1);
      g_object_unref (held);
      _exit (0);
    }
  close (ready[1]);
  close (release[0]);
  g_assert_cmpint (read (ready[0], &c, 1), ==, 1);
  close (ready[0]);

  overwrite_pages (path, atoi (root), atoi (root));
  g_assert_true (ps_database_in_use (path));
  cache = ps_cache_recover (path, &notice, &error);
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_LOCKED);
  g_test_message ("%s", error->message);
  g_assert_null (cache);
  g_assert_null (notice);
  g_assert_cmpuint (count_moved_aside (path), ==, 0);
  g_clear_error (&error);

  close (release[1]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_false (ps_database_in_use (path));

  /* Held in this process, the same. */
  mine = ps_cache_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (ps_database_in_use (path));
  g_assert_null (ps_cache_recover (path, &notice, &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_LOCKED);
  g_clear_error (&error);
  g_clear_object (&mine);

  cache = ps_cache_recover (path, &notice, &error);
  g_assert_no_error (error);
  g_assert_nonnull (notice);
  g_assert_cmpuint (count_moved_aside (path), >=, 1);
}

/* Readers that only read (export --offline) open a write-protected cache,
 * change nothing in it, and are told in words when it cannot serve them. */
static void
test_cache_read_only_open (void)
{
  g_autofree char *path = cache_path ();
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(PsCandles) candles = make_candles (T0, 100, 1.0);
  g_autoptr(PsCache) cache = open_cache (path);
  g_autoptr(PsCandles) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize n_before, n_after;
  GStatBuf st;
  sqlite3 *db;

  write_candles (cache, candles, T0, T0 + 100 * STEP_MS);
  g_clear_object (&cache);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  before = read_whole (path, &n_before);

  cache = ps_cache_new_read_only (path, &error);
  g_assert_no_error (error);
  read = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  assert_candles_equal (read, candles);
  g_assert_false (ps_cache_write_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                          candles, T0, T0 + 100 * STEP_MS, &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&cache);

  /* Not a byte changed, and no -wal or -shm file made for it. */
  after = read_whole (path, &n_after);
  g_assert_cmpmem (before, n_before, after, n_after);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  if (geteuid () != 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(PsCandles) again = NULL;

      /* The writable open is refused in words; the reader's is not, even in
       * a folder where SQLite can create no -wal or -shm file. */
      assert_error_at_open (path, PS_CACHE_ERROR_READ_ONLY);
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      cache = ps_cache_new_read_only (path, &error);
      g_assert_no_error (error);
      again = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H,
                                     G_MININT64, G_MAXINT64, &error);
      g_assert_no_error (error);
      assert_candles_equal (again, candles);
      g_clear_object (&cache);
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
    }
  else
    g_test_message ("root writes to read-only files and folders: the refusal of a "
                    "writable open and a read-only folder are not checked");

  /* Never created, never migrated: a missing file, an empty one, a newer one. */
  missing = g_strconcat (path, ".missing", NULL);
  g_assert_null (ps_cache_new_read_only (missing, &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_file_set_contents (missing, "", 0, &error);
  g_assert_no_error (error);
  g_assert_null (ps_cache_new_read_only (missing, &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_TOO_OLD);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (g_stat (missing, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);   /* nothing set up in it */

  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  db = raw_open (path);
  raw_exec (db, "PRAGMA user_version = 99");
  sqlite3_close (db);
  g_assert_null (ps_cache_new_read_only (path, &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_TOO_NEW);
}

static void
test_cache_read_only (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCache) cache = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes to read-only files");
      return;
    }

  g_object_unref (open_cache (path));
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);

  cache = ps_cache_new (path, &error);
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_READ_ONLY);
  g_assert_null (cache);
}

/* A path that cannot be read (a folder, an I/O error) is not a damaged cache:
 * "damaged" makes the app and the CLI move it aside. */
static void
test_cache_unreadable_not_corrupt (void)
{
  g_autofree char *path = cache_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCache) cache = NULL;

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);

  cache = ps_cache_new (path, &error);
  g_assert_null (cache);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == PS_CACHE_ERROR);
  g_assert_cmpint (error->code, !=, PS_CACHE_ERROR_CORRUPT);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

/* What the app and the CLI open with: a damaged file is kept aside and a new
 * cache started; anything else (a folder in the way) is an error, untouched. */
static void
test_cache_new_recovering (void)
{
  g_autofree char *path = cache_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *notice = NULL;
  g_autofree char *folder_notice = NULL;
  g_autofree char *folder = g_build_filename (dir, "a-folder", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsCache) none = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint kept = 0;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, "<html>not a database</html>", -1, &error);
  g_assert_no_error (error);

  cache = ps_cache_new_recovering (path, &notice, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cache);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, ".damaged-"));

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)))
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      if (strstr (name, ".damaged-") == NULL || g_str_has_suffix (name, "-wal") ||
          g_str_has_suffix (name, "-shm"))
        continue;
      g_file_get_contents (file, &contents, NULL, NULL);
      g_assert_cmpstr (contents, ==, "<html>not a database</html>");
      kept++;
    }
  g_assert_cmpuint (kept, ==, 1);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  none = ps_cache_new_recovering (folder, &folder_notice, &error);
  g_assert_null (none);
  g_assert_null (folder_notice);
  g_assert_true (error->domain == PS_CACHE_ERROR);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
}

static void
test_cache_move_aside (void)
{
  g_autofree char *path = cache_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *moved = NULL;
  g_autofree char *moved_again = NULL;
  g_autoptr(GError) error = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };
  PsCache *cache;

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_autofree char *contents = g_strconcat ("damaged", suffixes[i], NULL);

      g_file_set_contents (name, contents, -1, &error);
      g_assert_no_error (error);
    }

  assert_corrupt_at_open (path);
  moved = ps_cache_move_aside (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (moved, path));
  g_assert_nonnull (strstr (moved, ".damaged-"));

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *old_name = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *new_name = g_strconcat (moved, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      g_autofree char *expected = g_strconcat ("damaged", suffixes[i], NULL);

      g_assert_false (g_file_test (old_name, G_FILE_TEST_EXISTS));
      g_file_get_contents (new_name, &contents, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (contents, ==, expected);
    }

  /* A fresh cache takes the name; a second move in the same second finds its own. */
  cache = open_cache (path);
  g_assert_finalize_object (cache);
  moved_again = ps_cache_move_aside (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved_again, !=, moved);
  g_assert_true (g_file_test (moved_again, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (moved, G_FILE_TEST_IS_REGULAR));

  g_assert_null (ps_cache_move_aside (path, &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/store/cache/too-new", test_cache_too_new);
  g_test_add_func ("/perpscope/store/cache/corrupt-text", test_cache_corrupt_text);
  g_test_add_func ("/perpscope/store/cache/corrupt-random", test_cache_corrupt_random);
  g_test_add_func ("/perpscope/store/cache/corrupt-pages", test_cache_corrupt_pages);
  g_test_add_func ("/perpscope/store/cache/foreign-database", test_cache_foreign_database);
  g_test_add_func ("/perpscope/store/cache/absurd-version", test_cache_absurd_version);
  g_test_add_func ("/perpscope/store/cache/empty-path", test_cache_empty_path);
  g_test_add_func ("/perpscope/store/cache/concurrent-new", test_cache_concurrent_new);
  g_test_add_func ("/perpscope/store/cache/corrupt-unclean", test_cache_corrupt_unclean);
  g_test_add_func ("/perpscope/store/cache/unclean-sound", test_cache_unclean_sound);
  g_test_add_func ("/perpscope/store/cache/corrupt-index-page", test_cache_corrupt_index_page);
  g_test_add_func ("/perpscope/store/cache/damaged-in-use", test_cache_damaged_in_use);
  g_test_add_func ("/perpscope/store/cache/read-only-open", test_cache_read_only_open);
  g_test_add_func ("/perpscope/store/cache/read-only", test_cache_read_only);
  g_test_add_func ("/perpscope/store/cache/unreadable-not-corrupt",
                   test_cache_unreadable_not_corrupt);
  g_test_add_func ("/perpscope/store/cache/move-aside", test_cache_move_aside);
  g_test_add_func ("/perpscope/store/cache/new-recovering", test_cache_new_recovering);

  return g_test_run ();
}
