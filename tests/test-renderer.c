/* test-renderer.c: without a GPU device the window draws with GTK's cairo
 * renderer and OpenGL is never opened; with one, GTK's choice stands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>
#include <unistd.h>

#include "ps-renderer.h"
#include "ps-test-util.h"

/* A fake /dev: its dri/ holding the given names (files, or with "->" a
 * dangling symlink). */
static char *
make_dev (const char * const *names)
{
  g_autoptr(GError) error = NULL;
  char *dev = g_dir_make_tmp ("perpscope-dev-XXXXXX", &error);
  g_autofree char *dri = NULL;

  g_assert_no_error (error);
  dri = g_build_filename (dev, "dri", NULL);
  g_assert_cmpint (g_mkdir (dri, 0755), ==, 0);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      const char *arrow = strstr (names[i], "->");

      if (arrow != NULL)
        {
          g_autofree char *name = g_strndup (names[i], arrow - names[i]);

          path = g_build_filename (dri, name, NULL);
          g_assert_cmpint (symlink (arrow + 2, path), ==, 0);
        }
      else
        {
          path = g_str_has_prefix (names[i], "../") ? g_build_filename (dev, names[i] + 3, NULL)
                                                    : g_build_filename (dri, names[i], NULL);
          g_assert_true (g_file_set_contents (path, "", 0, &error));
          g_assert_no_error (error);
        }
    }
  return dev;
}

static void
test_gpu_devices (void)
{
  static const char * const none[] = { NULL };
  static const char * const card_only[] = { "card0", NULL };
  static const char * const render[] = { "card0", "renderD128", NULL };
  static const char * const dangling[] = { "renderD128->/nonexistent/renderD128", NULL };
  static const char * const nvidia[] = { "../nvidiactl", NULL };
  struct { const char * const *names; gboolean gpu; } cases[] = {
    { none, FALSE }, { card_only, FALSE }, { render, TRUE }, { dangling, FALSE }, { nvidia, TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_dir_make_tmp ("perpscope-dev-XXXXXX", &error);

  /* No dri/ at all: a sandbox without --device=dri. */
  g_assert_no_error (error);
  g_assert_false (ps_renderer_has_gpu (empty));
  g_rmdir (empty);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dev = make_dev (cases[i].names);

      g_assert_cmpint (ps_renderer_has_gpu (dev), ==, cases[i].gpu);
      ps_test_remove_dir (dev);
    }
}

static void
test_environment (void)
{
  static const char * const render[] = { "renderD128", NULL };
  g_autofree char *gpu = make_dev (render);
  g_autofree char *no_gpu = make_dev (NULL);

  /* The user's choice stands, GPU or not. */
  g_setenv ("GSK_RENDERER", "ngl", TRUE);
  g_unsetenv ("GDK_DEBUG");
  g_assert_false (ps_renderer_prefer_cairo (no_gpu, 8));
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "ngl");
  g_assert_null (g_getenv ("GDK_DEBUG"));

  /* A GPU: GTK chooses. */
  g_unsetenv ("GSK_RENDERER");
  g_assert_false (ps_renderer_prefer_cairo (gpu, 8));
  g_assert_null (g_getenv ("GSK_RENDERER"));
  g_assert_null (g_getenv ("GDK_DEBUG"));

  /* GTK 4.8: GDK_DEBUG, the user's flags kept before ours, and given back. */
  g_setenv ("GDK_DEBUG", "misc", TRUE);
  g_assert_true (ps_renderer_prefer_cairo (no_gpu, 8));
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "misc,gl-disable,vulkan-disable");
  g_assert_null (g_getenv ("GDK_DISABLE"));
  ps_renderer_restore_environment ();
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "misc");
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
  ps_renderer_restore_environment ();
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "misc");

  /* GTK 4.16 on: GDK_DISABLE, unset again afterwards. An empty
   * GSK_RENDERER is no choice. */
  g_setenv ("GSK_RENDERER", "", TRUE);
  g_unsetenv ("GDK_DISABLE");
  g_assert_true (ps_renderer_prefer_cairo (no_gpu, 18));
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
  g_assert_cmpstr (g_getenv ("GDK_DISABLE"), ==, "gl,vulkan");
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "misc");
  ps_renderer_restore_environment ();
  g_assert_null (g_getenv ("GDK_DISABLE"));

  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");
  ps_test_remove_dir (gpu);
  ps_test_remove_dir (no_gpu);
}

static gboolean
maps_llvm (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "libLLVM") != NULL;
}

/* GTK started as main () starts it, with dev as /dev: a realized window's
 * renderer, and whether GL opens. */
static void
start_gtk (const char  *dev,
           GType       *renderer,
           gboolean    *gl)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");
  g_unsetenv ("GDK_DISABLE");
  ps_renderer_prefer_cairo (dev, gtk_get_minor_version ());
  gtk_init ();
  ps_renderer_restore_environment ();
  g_assert_null (g_getenv ("GDK_DEBUG"));
  g_assert_null (g_getenv ("GDK_DISABLE"));

  window = gtk_window_new ();
  gtk_widget_realize (window);
  *renderer = G_OBJECT_TYPE (gtk_native_get_renderer (GTK_NATIVE (window)));
  *gl = gdk_display_prepare_gl (gtk_widget_get_display (window), &error);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What a child started GTK with: "renderer … gl … llvm …". */
static char *
run_child (gboolean gpu)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("perpscope-renderer-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  char *text = NULL;

  g_assert_no_error (error);
  g_setenv ("TEST_GPU", gpu ? "1" : "0", TRUE);
  g_setenv ("TEST_OUT", out, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_get_contents (out, &text, NULL, &error));
  g_assert_no_error (error);
  ps_test_remove_dir (dir);
  return text;
}

static void
test_gtk (void)
{
  static const char * const render[] = { "renderD128", NULL };
  g_autofree char *no_gpu = NULL, *gpu = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *dev = make_dev (g_strcmp0 (g_getenv ("TEST_GPU"), "1") == 0 ? render : NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      GType renderer;
      gboolean gl;

      start_gtk (dev, &renderer, &gl);
      ps_test_remove_dir (dev);
      text = g_strdup_printf ("renderer %s gl %d llvm %d", g_type_name (renderer), gl,
                              maps_llvm ());
      g_assert_true (g_file_set_contents (g_getenv ("TEST_OUT"), text, -1, &error));
      g_assert_no_error (error);
      return;
    }

  /* No GPU: cairo, and OpenGL (here Mesa's llvmpipe) never loaded. */
  no_gpu = run_child (FALSE);
  g_assert_cmpstr (no_gpu, ==, "renderer GskCairoRenderer gl 0 llvm 0");

  /* A render node (a file here; Mesa falls back to llvmpipe behind it): GTK's
   * own choice, its GL renderer where the X server has GL. The control that
   * shows the check above can fail. */
  gpu = run_child (TRUE);
  if (strstr (gpu, "gl 1") == NULL)
    {
      g_test_skip ("This X server has no OpenGL: the control cannot run");
      return;
    }
  g_assert_false (g_str_has_prefix (gpu, "renderer GskCairoRenderer"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/renderer/gpu-devices", test_gpu_devices);
  g_test_add_func ("/renderer/environment", test_environment);
  g_test_add_func ("/renderer/gtk", test_gtk);
  return g_test_run ();
}
