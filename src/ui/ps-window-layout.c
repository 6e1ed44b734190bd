/* ps-window-layout.c: the window's header at narrow widths
 *
 * GTK 4.8 and libadwaita 1.2 have no breakpoints, so the window looks at its
 * own width as it is allocated and drops what the header can spare before the
 * title is squeezed to an ellipsis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-window-private.h"

/* Below this width the header bar cannot hold its controls, every button
 * and a readable title; export and refresh, both also in the main menu,
 * give way. */
#define PS_WINDOW_NARROW_WIDTH 1000

static void (*parent_size_allocate) (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline);

static void
ps_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  PsWindow *self = PS_WINDOW (widget);
  gboolean narrow = width < PS_WINDOW_NARROW_WIDTH;

  /* Before chaining up, so the header is laid out once, already without
   * the buttons; toggled only on a change, so no loop of resizes. */
  if (gtk_widget_get_visible (self->export_button) == narrow)
    {
      gtk_widget_set_visible (self->export_button, !narrow);
      gtk_widget_set_visible (self->refresh_button, !narrow);
    }

  parent_size_allocate (widget, width, height, baseline);
}

void
_ps_window_class_init_layout (GtkWidgetClass *widget_class)
{
  parent_size_allocate = widget_class->size_allocate;
  widget_class->size_allocate = ps_window_size_allocate;
  gtk_widget_class_bind_template_child (widget_class, PsWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, refresh_button);
}

/* Whether the header shows the export and refresh buttons (for tests). */
gboolean
ps_window_get_header_compact (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);

  return !gtk_widget_get_visible (self->export_button);
}
