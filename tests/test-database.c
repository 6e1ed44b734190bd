/* test-database.c: PsDatabase, the opening both of Perpscope's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ps-database.h"
#include "ps-test-util.h"

static const char * const one_step[] = {
  "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);",
};
static const char * const two_steps[] = {
  "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);",
  "ALTER TABLE notes ADD COLUMN author TEXT;",
};
static const PsDatabaseSchema schema_v1 = { "test file", 0x54657374, one_step, 1 };
static const PsDatabaseSchema schema_v2 = { "test file", 0x54657374, two_steps, 2 };
static const PsDatabaseSchema other_schema = { "other file", 0x4f746872, one_step, 1 };

static char *
db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "db", "test.db", NULL);
}

static PsDatabase *
open_db (const char             *path,
         const PsDatabaseSchema *schema,
         PsDatabaseFlags         flags)
{
  g_autoptr(GError) error = NULL;
  PsDatabase *db = ps_database_open (path, schema, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static gint64
query_int (PsDatabase *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (ps_database_query_int (db, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
assert_open_fails (const char             *path,
                   const PsDatabaseSchema *schema,
                   PsDatabaseFlags         flags,
                   int                     code)
{
  g_autoptr(GError) error = NULL;
  PsDatabase *db = ps_database_open (path, schema, flags, &error);

  g_assert_null (db);
  g_assert_error (error, PS_CACHE_ERROR, code);
  g_test_message ("%s", error->message);
}

/* Migrations are applied in order, each once, and a later build adds its
 * step to a file an earlier one made, keeping the rows. */
static void
test_database_migrations (void)
{
  g_autofree char *path = db_path ();
  PsDatabase *db = open_db (path, &schema_v1, PS_DATABASE_READ_WRITE);

  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, 0x54657374);
  g_assert_true (ps_database_exec (db, "INSERT INTO notes (body) VALUES ('kept')", NULL));
  ps_database_close (db);

  /* An older build cannot read it for writing; a newer one migrates it. */
  assert_open_fails (path, &schema_v2, PS_DATABASE_READ_ONLY, PS_CACHE_ERROR_TOO_OLD);
  db = open_db (path, &schema_v2, PS_DATABASE_READ_WRITE);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes WHERE author IS NULL"), ==, 1);
  ps_database_close (db);

  assert_open_fails (path, &schema_v1, PS_DATABASE_READ_WRITE, PS_CACHE_ERROR_TOO_NEW);
  assert_open_fails (path, &schema_v1, PS_DATABASE_READ_ONLY, PS_CACHE_ERROR_TOO_NEW);
  assert_open_fails (path, &other_schema, PS_DATABASE_READ_WRITE, PS_CACHE_ERROR_NOT_OURS);

  db = open_db (path, &schema_v2, PS_DATABASE_READ_ONLY);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes"), ==, 1);
  g_assert_false (ps_database_exec (db, "DELETE FROM notes", NULL));
  ps_database_close (db);
}

static void
test_database_empty_path (void)
{
  assert_open_fails ("", &schema_v1, PS_DATABASE_READ_WRITE, PS_CACHE_ERROR_FAILED);
  assert_open_fails ("", &schema_v1, PS_DATABASE_READ_ONLY, PS_CACHE_ERROR_FAILED);
}

/* The messages name the kind of file and the file. */
static void
test_database_words (void)
{
  g_autofree char *path = db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  PsDatabase *db;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, "plain text, no database", -1, &error);
  g_assert_no_error (error);
  db = ps_database_open (path, &schema_v1, PS_DATABASE_READ_WRITE, &error);
  g_assert_null (db);
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "test file"));
  g_assert_nonnull (strstr (error->message, path));
}

/* A child holds the file open until told to go (or is killed). */
static pid_t
hold_open (const char *path,
           int        *release_fd)
{
  int ready[2], release[2];
  pid_t pid;
  char c;

  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      PsDatabase *db;

      close (ready[0]);
      close (release[1]);
      db = ps_database_open (path, &schema_v1, PS_DATABASE_READ_WRITE, NULL);
      if (db == NULL || !ps_database_exec (db, "INSERT INTO notes (body) VALUES ('x')", NULL))
        _exit (1);
      if (write (ready[1], "r", 1) != 1 || read (release[0], &c, 1) < 0)
        _exit (2);
      ps_database_close (db);
      _exit (0);
    }

  close (ready[1]);
  close (release[0]);
  g_assert_cmpint (read (ready[0], &c, 1), ==, 1);
  close (ready[0]);
  *release_fd = release[1];
  return pid;
}

/* A -wal with frames is an unclean close only when nobody holds the file. */
static void
test_database_unclean_close (void)
{
  g_autofree char *path = db_path ();
  g_autofree char *wal = NULL;
  PsDatabase *db;
  int release_fd;
  int status;
  pid_t pid;

  ps_database_close (open_db (path, &schema_v1, PS_DATABASE_READ_WRITE));
  g_assert_false (ps_database_closed_uncleanly (path));   /* closed: no -wal */

  /* Another process holds it: its -wal is in use, not left over. */
  pid = hold_open (path, &release_fd);
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (ps_database_closed_uncleanly (path));
  g_assert_true (ps_database_in_use (path));

  /* So is one this process holds. */
  db = open_db (path, &schema_v1, PS_DATABASE_READ_WRITE);
  g_assert_false (ps_database_closed_uncleanly (path));
  g_assert_true (ps_database_in_use (path));
  ps_database_close (db);

  /* Killed while holding it: the -wal stays, nobody holds it. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  close (release_fd);
  g_assert_true (ps_database_closed_uncleanly (path));
  g_assert_false (ps_database_in_use (path));

  /* Opened again (checked, sound), then closed cleanly. */
  db = open_db (path, &schema_v1, PS_DATABASE_READ_WRITE);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM notes"), ==, 1);
  ps_database_close (db);
  g_assert_false (ps_database_closed_uncleanly (path));

  /* A child that closes cleanly leaves nothing behind either. */
  pid = hold_open (path, &release_fd);
  close (release_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_false (ps_database_closed_uncleanly (path));
}

static gpointer
open_in_thread (gpointer data)
{
  GError *error = NULL;
  PsDatabase *db = ps_database_open (data, &schema_v2, PS_DATABASE_READ_WRITE, &error);

  if (db == NULL)
    return error;
  ps_database_close (db);
  return NULL;
}

/* Threads of one process, each with its own connection, opening a new file
 * at once: all succeed, the schema set up once. */
static void
test_database_concurrent_threads (void)
{
  for (guint round = 0; round < 5; round++)
    {
      g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "threads", NULL);
      g_autofree char *name = g_strdup_printf ("round-%u.db", round);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GThread *threads[12];
      PsDatabase *db;

      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("opener", open_in_thread, path);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        {
          g_autoptr(GError) error = g_thread_join (threads[i]);

          g_assert_no_error (error);
        }

      db = open_db (path, &schema_v2, PS_DATABASE_READ_ONLY);
      g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 2);
      ps_database_close (db);
    }
}

/* The children below are fresh processes (g_test_trap_subprocess ()), not
 * forks: a fork would inherit this process's SQLite, its locks and its files. */
static void
test_database_locks_kept_open_close (void)
{
  const char *path = g_getenv ("PS_TEST_LOCKS_PATH");

  ps_database_close (open_db (path, &schema_v1, PS_DATABASE_READ_WRITE));
}

static void
test_database_locks_kept_write (void)
{
  const char *path = g_getenv ("PS_TEST_LOCKS_PATH");
  PsDatabase *db = open_db (path, &schema_v1, PS_DATABASE_READ_WRITE);

  g_assert_true (ps_database_exec (db, "INSERT INTO notes (body) VALUES ('child')", NULL));
  ps_database_close (db);
}

static void
run_child (const char *test_path)
{
  g_test_trap_subprocess (test_path, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A second connection of this process opening the file must not drop the
 * locks the first one holds (POSIX drops all of a process's locks on a file
 * when any descriptor of it closes): another process closing would then take
 * itself for the last one, checkpoint and delete the -wal and -shm in use, and
 * the next writer would write beside them, losing rows. */
static void
test_database_locks_kept (void)
{
  g_autofree char *path = db_path ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  PsDatabase *first, *second;

  first = open_db (path, &schema_v1, PS_DATABASE_READ_WRITE);
  g_assert_true (ps_database_exec (first, "INSERT INTO notes (body) VALUES ('first')", NULL));
  second = open_db (path, &schema_v1, PS_DATABASE_READ_ONLY);
  g_assert_cmpint (query_int (second, "SELECT count(*) FROM notes"), ==, 1);
  ps_database_close (open_db (path, &schema_v1, PS_DATABASE_READ_WRITE));
  /* Asked whether it is a database (an export's guard): known, not looked at. */
  g_assert_true (ps_database_file_is_database (path));

  g_setenv ("PS_TEST_LOCKS_PATH", path, TRUE);
  run_child ("/perpscope/store/database/locks-kept/subprocess/open-close");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));   /* still ours */

  run_child ("/perpscope/store/database/locks-kept/subprocess/write");
  g_assert_true (ps_database_exec (first, "INSERT INTO notes (body) VALUES ('again')", NULL));
  g_assert_cmpint (query_int (second, "SELECT count(*) FROM notes"), ==, 3);
  ps_database_close (second);
  ps_database_close (first);

  first = open_db (path, &schema_v1, PS_DATABASE_VERIFY);
  g_assert_cmpint (query_int (first, "SELECT count(*) FROM notes"), ==, 3);
  ps_database_close (first);
}

/* What an export must not write over: a database and the files beside it,
 * not a text file, an empty one or none. */
static void
test_database_is_database (void)
{
  g_autofree char *path = db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *text_wal = g_strconcat (text, "-wal", NULL);

  ps_database_close (open_db (path, &schema_v1, PS_DATABASE_READ_WRITE));
  g_assert_true (g_file_set_contents (text, "SQLite format 2 (not really)", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  g_assert_true (ps_database_file_is_database (path));
  g_assert_true (ps_database_file_is_database (wal));
  g_assert_true (ps_database_file_is_database (shm));
  g_assert_false (ps_database_file_is_database (text));
  g_assert_false (ps_database_file_is_database (text_wal));
  g_assert_false (ps_database_file_is_database (empty));
  g_assert_false (ps_database_file_is_database (missing));
  g_assert_false (ps_database_file_is_database (dir));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/store/database/migrations", test_database_migrations);
  g_test_add_func ("/perpscope/store/database/empty-path", test_database_empty_path);
  g_test_add_func ("/perpscope/store/database/words", test_database_words);
  g_test_add_func ("/perpscope/store/database/unclean-close", test_database_unclean_close);
  g_test_add_func ("/perpscope/store/database/concurrent-threads",
                   test_database_concurrent_threads);
  g_test_add_func ("/perpscope/store/database/is-database", test_database_is_database);
  g_test_add_func ("/perpscope/store/database/locks-kept", test_database_locks_kept);
  g_test_add_func ("/perpscope/store/database/locks-kept/subprocess/open-close",
                   test_database_locks_kept_open_close);
  g_test_add_func ("/perpscope/store/database/locks-kept/subprocess/write",
                   test_database_locks_kept_write);

  return g_test_run ();
}
