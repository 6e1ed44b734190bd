/* ps-renderer.c: GTK's cairo renderer where no GPU can draw
 *
 * Without a GPU, GTK's default OpenGL renderer runs on Mesa's llvmpipe, a
 * rasteriser in software. Measured on a 2-core machine without one, a zoom
 * step of the chart at a million candles costs ~160 ms of CPU under it and
 * ~10 ms under the cairo renderer; GTK 4.8 also opens OpenGL when it opens an
 * X11 display, whatever the renderer: ~130 ms of the launch and 44 MB of
 * libLLVM mapped, 58 MB resident in all for the demo window. So where this
 * process sees no GPU device (a virtual machine, a remote desktop, a
 * sandbox without /dev/dri) and the user chose no renderer, the app asks GTK
 * for the cairo renderer and no OpenGL, as xpra does for the apps it serves.
 * A machine with a render node keeps GTK's choice, even where Mesa would fall
 * back to software behind it: that is not known without opening OpenGL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-renderer.h"

/* The variables as they were before GL was disabled: a saved NULL is an
 * unset variable. */
static gboolean chose_cairo;
static gboolean saved;
static char *saved_name;
static char *saved_value;

/* A device that exists, even one this user may not open: under X11 the
 * server may open it and hand over the descriptor (DRI3), so GTK keeps its
 * choice wherever there is a GPU at all. */
static gboolean
ps_renderer_device_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

gboolean
ps_renderer_has_gpu (const char *dev_dir)
{
  g_autofree char *dri = g_build_filename (dev_dir, "dri", NULL);
  g_autofree char *nvidia = g_build_filename (dev_dir, "nvidiactl", NULL);
  g_autoptr(GDir) dir = g_dir_open (dri, 0, NULL);
  const char *name;

  if (ps_renderer_device_exists (nvidia))
    return TRUE;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, "renderD"))
        continue;
      path = g_build_filename (dri, name, NULL);
      if (ps_renderer_device_exists (path))
        return TRUE;
    }
  return FALSE;
}

/* value appended to the list in variable name, as GDK parses it (a comma
 * between items); the old value kept for ps_renderer_restore_environment (). */
static void
ps_renderer_append (const char *name,
                    const char *value)
{
  const char *old = g_getenv (name);
  g_autofree char *joined = NULL;

  g_free (saved_name);
  g_free (saved_value);
  saved_name = g_strdup (name);
  saved_value = g_strdup (old);
  saved = TRUE;

  joined = old != NULL && *old != '\0' ? g_strconcat (old, ",", value, NULL) : g_strdup (value);
  g_setenv (name, joined, TRUE);
}

gboolean
ps_renderer_prefer_cairo (const char *dev_dir,
                          guint       gtk_minor)
{
  const char *chosen = g_getenv ("GSK_RENDERER");

  if ((chosen != NULL && *chosen != '\0') || ps_renderer_has_gpu (dev_dir))
    return FALSE;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  chose_cairo = TRUE;
  /* GTK 4.16 moved the switches that turn features off to GDK_DISABLE. */
  if (gtk_minor >= 16)
    ps_renderer_append ("GDK_DISABLE", "gl,vulkan");
  else
    ps_renderer_append ("GDK_DEBUG", "gl-disable,vulkan-disable");
  return TRUE;
}

void
ps_renderer_restore_environment (void)
{
  if (!saved)
    return;
  if (saved_value != NULL)
    g_setenv (saved_name, saved_value, TRUE);
  else
    g_unsetenv (saved_name);
  g_clear_pointer (&saved_name, g_free);
  g_clear_pointer (&saved_value, g_free);
  saved = FALSE;
}

gboolean
ps_renderer_chose_cairo (void)
{
  return chose_cairo;
}
