/* ps-chart-pane-input.c: the pointer on a pane: crosshair, drag, wheel
 *
 * The pointer's time is the shared cursor; a drag pans every pane (with
 * Shift, selects a range: ps-chart-pane-select.c), a press and release
 * without moving is a click, the wheel zooms around the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-chart-pane-private.h"

/* Below this many pixels of movement a press and release is a click. */
#define CLICK_SLOP_PX 4.0
/* One wheel notch zooms by this factor. */
#define ZOOM_STEP 1.15

static gint64
ps_chart_pane_time_at (PsChartPane *self,
                       double       x)
{
  return ps_time_axis_from_x (self->axis, x, _ps_chart_pane_get_plot_width (self));
}

static void
ps_chart_pane_motion_cb (PsChartPane              *self,
                         double                    x,
                         double                    y,
                         GtkEventControllerMotion *motion)
{
  g_assert (PS_IS_CHART_PANE (self));

  self->pointer_x = x;
  /* Only this pane draws the horizontal line: the y is its own. */
  self->pointer_y = y;
  if (self->selection == NULL || self->axis == NULL)
    return;

  if (x >= _ps_chart_pane_get_plot_width (self))
    ps_selection_set_cursor_ms (self->selection, PS_TIME_NONE);
  else
    ps_selection_set_cursor_ms (self->selection, ps_chart_pane_time_at (self, x));
  /* A move along the time of the cursor changes no property. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ps_chart_pane_leave_cb (PsChartPane              *self,
                        GtkEventControllerMotion *motion)
{
  g_assert (PS_IS_CHART_PANE (self));

  self->pointer_y = NAN;
  if (self->selection != NULL)
    ps_selection_set_cursor_ms (self->selection, PS_TIME_NONE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ps_chart_pane_drag_begin_cb (PsChartPane    *self,
                             double          x,
                             double          y,
                             GtkGestureDrag *drag)
{
  g_assert (PS_IS_CHART_PANE (self));

  /* The keys then move this chart, not the header's first control. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_last_x = 0;
  self->dragging = FALSE;
  self->range_drag = _ps_chart_pane_select_drag_wanted (self, drag);
}

static void
ps_chart_pane_drag_update_cb (PsChartPane    *self,
                              double          offset_x,
                              double          offset_y,
                              GtkGestureDrag *drag)
{
  gint64 span;

  g_assert (PS_IS_CHART_PANE (self));

  if (self->axis == NULL)
    return;

  if (!self->dragging && fabs (offset_x) < CLICK_SLOP_PX && fabs (offset_y) < CLICK_SLOP_PX)
    return;

  self->dragging = TRUE;
  if (self->range_drag)
    {
      double start_x, start_y;

      gtk_gesture_drag_get_start_point (drag, &start_x, &start_y);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "col-resize");
      _ps_chart_pane_select_range (self, start_x, start_x + offset_x);
      return;
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  span = ps_time_axis_get_to_ms (self->axis) - ps_time_axis_get_from_ms (self->axis);
  ps_time_axis_pan (self->axis,
                    (gint64) (-(offset_x - self->drag_last_x) * span / _ps_chart_pane_get_plot_width (self)));
  self->drag_last_x = offset_x;
}

static void
ps_chart_pane_drag_end_cb (PsChartPane    *self,
                           double          offset_x,
                           double          offset_y,
                           GtkGestureDrag *drag)
{
  double start_x, start_y;

  g_assert (PS_IS_CHART_PANE (self));

  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  if (!self->dragging && gtk_gesture_drag_get_start_point (drag, &start_x, &start_y))
    _ps_chart_pane_select_click (self, start_x + offset_x, start_y + offset_y);
  self->dragging = FALSE;
}

static gboolean
ps_chart_pane_scroll_cb (PsChartPane              *self,
                         double                    dx,
                         double                    dy,
                         GtkEventControllerScroll *scroll)
{
  gint64 span;

  g_assert (PS_IS_CHART_PANE (self));

  if (self->axis == NULL)
    return FALSE;

  span = ps_time_axis_get_to_ms (self->axis) - ps_time_axis_get_from_ms (self->axis);
  if (dy != 0)
    ps_time_axis_zoom (self->axis, ps_chart_pane_time_at (self, self->pointer_x), pow (ZOOM_STEP, dy));
  if (dx != 0)
    ps_time_axis_pan (self->axis, (gint64) (dx * 0.1 * span));

  /* The crosshair follows the pointer, not the time it was on: at the
   * data's edges the limits move that time away from the pointer. */
  if (self->selection != NULL && self->pointer_x >= 0 &&
      self->pointer_x < _ps_chart_pane_get_plot_width (self))
    ps_selection_set_cursor_ms (self->selection, ps_chart_pane_time_at (self, self->pointer_x));
  return TRUE;
}

void
_ps_chart_pane_add_pointer (PsChartPane *self)
{
  GtkEventController *motion;
  GtkEventController *scroll;
  GtkGesture *drag;

  g_return_if_fail (PS_IS_CHART_PANE (self));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (ps_chart_pane_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (ps_chart_pane_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (ps_chart_pane_drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (ps_chart_pane_drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (ps_chart_pane_drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (ps_chart_pane_scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}
