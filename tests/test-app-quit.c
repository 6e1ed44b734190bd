/* test-app-quit.c: the window's process, sent SIGTERM (a logout, systemd) or
 * SIGINT (Ctrl+C in its terminal), quits as its Quit action does and leaves
 * its cache closed cleanly, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>

#include "ps-test-util.h"

static gboolean
wait_file (const char *path,
           guint       seconds)
{
  for (guint i = 0; i < seconds * 20; i++)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
      g_usleep (G_USEC_PER_SEC / 20);
    }
  return FALSE;
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_quit_on_signal (gconstpointer data)
{
  int signum = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("perpscope-quit-XXXXXX", &error);
  g_autofree char *cache = NULL, *data_dir = NULL, *config = NULL;
  g_autofree char *db = NULL, *wal = NULL, *shm = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  gboolean done = FALSE, timed_out = FALSE;
  guint timeout_id;

  g_assert_no_error (error);
  cache = g_build_filename (dir, "cache", NULL);
  data_dir = g_build_filename (dir, "data", NULL);
  config = g_build_filename (dir, "config", NULL);
  db = g_build_filename (cache, "perpscope", "cache.db", NULL);
  wal = g_strconcat (db, "-wal", NULL);
  shm = g_strconcat (db, "-shm", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PERPSCOPE_BIN"), NULL);
  g_assert_no_error (error);

  /* The cache is open (its log beside it) once the application started,
   * its signal handlers installed before. Then the window settles. */
  g_assert_true (wait_file (wal, 60));
  g_usleep (2 * G_USEC_PER_SEC);
  g_assert_nonnull (g_subprocess_get_identifier (app));   /* still running */

  g_subprocess_send_signal (app, signum);
  g_subprocess_wait_async (app, NULL, wait_cb, &done);
  timeout_id = g_timeout_add_seconds (60, timeout_cb, &timed_out);
  while (!done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  if (!done)
    g_subprocess_force_exit (app);
  g_assert_false (timed_out);

  /* Quit, not killed: exit status 0. */
  g_assert_false (g_subprocess_get_if_signaled (app));
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);
  /* The last connection closed: SQLite checkpointed and removed the log, so
   * the next start finds a clean file (no check of every page). */
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  ps_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_data_func ("/app/quit/sigterm", GINT_TO_POINTER (SIGTERM), test_quit_on_signal);
  g_test_add_data_func ("/app/quit/sigint", GINT_TO_POINTER (SIGINT), test_quit_on_signal);
  return g_test_run ();
}
