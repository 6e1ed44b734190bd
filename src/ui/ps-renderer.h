/* ps-renderer.h: GTK's cairo renderer where no GPU can draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether dev_dir ("/dev") holds a GPU: a DRM render node (dri/renderD*)
 * or NVIDIA's control device (a dangling link is none). */
gboolean ps_renderer_has_gpu            (const char *dev_dir);

/* Before GTK starts: where the user chose no renderer (GSK_RENDERER) and
 * dev_dir has no GPU, GTK's OpenGL would be Mesa's software rasteriser; then
 * GTK is told to draw with cairo and not to open OpenGL at all
 * (GSK_RENDERER=cairo, and GL disabled as GTK gtk_minor spells it: GDK_DEBUG
 * before 4.16, GDK_DISABLE from it on). TRUE if it did. */
gboolean ps_renderer_prefer_cairo       (const char *dev_dir,
                                         guint       gtk_minor);

/* Once GTK has started (it reads GDK_DEBUG and GDK_DISABLE then): those two
 * as they were before ps_renderer_prefer_cairo (), for the processes the app
 * starts. GSK_RENDERER stays: GTK reads it when a window is realized. */
void     ps_renderer_restore_environment (void);

/* Whether ps_renderer_prefer_cairo () chose the cairo renderer (for the
 * About window's troubleshooting information). */
gboolean ps_renderer_chose_cairo         (void);

G_END_DECLS
