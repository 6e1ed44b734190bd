/* ps-test-cli.h: what the command-line tests share: a loopback Binance, a
 * test folder with a cache in it, and the perpscope binary run against them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ps-test-server.h"
#include "ps-test-util.h"

typedef struct
{
  PsTestServer *server;
  char         *dir;
  char         *cache;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static inline void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static inline void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = ps_test_server_new ();
  f->dir = g_dir_make_tmp ("perpscope-cli-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->cache = g_build_filename (f->dir, "cache.db", NULL);
}

static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ps_test_remove_dir (f->dir);
  ps_test_server_free (f->server);
  g_free (f->cache);
  g_free (f->dir);
}

static inline void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs perpscope with the server as Binance; the test's main loop keeps
 * serving while the child runs. */
static inline void
run_cli (Fixture    *f,
         const char *rest,
         Run        *run,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("PERPSCOPE_BIN"));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "PERPSCOPE_BINANCE_REST",
                                rest ? rest : ps_test_server_get_uri (f->server), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, NULL, NULL, wait_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

/* Failures are one clear line on stderr. */
static inline void
assert_one_line_error (const Run  *run,
                       int         status,
                       const char *words)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_nonnull (strstr (run->err, words));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}
