/* ps-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sys/stat.h>

#include "perpscope-resources.h"
#include "ps-test-util.h"

void
ps_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ps_register_resource ();
}

char *
ps_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

char *
ps_test_load_data (const char *name,
                   gsize      *length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ps_test_data_path (name);
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static gboolean
spin_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
ps_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, spin_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
ps_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      /* A folder below is emptied first; a link is removed, never followed. */
      if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
        ps_test_remove_dir (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}
