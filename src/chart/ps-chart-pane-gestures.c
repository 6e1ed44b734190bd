/* ps-chart-pane-gestures.c: kinetic panning, pinch zoom and double-click fit
 *
 * A drag pans the chart as the pointer moves (ps-chart-pane.c); a drag let go
 * while moving carries on and slows down, as a scrolled list does, so a
 * month is crossed with a flick. Touchpads and touch screens pinch to zoom
 * around the fingers; a double-click fits all the data, as Home does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-chart-pane-private.h"
#include "ps-render.h"

/* A flick slower than this (px/s) just stops: a drag that ends still. */
#define KINETIC_MIN_VELOCITY 250.0
/* Below this the glide stops. */
#define KINETIC_STOP_VELOCITY 20.0
/* Velocity decays as exp (-t / tau): most of the glide is over in a second,
 * about GTK's own kinetic scrolling. */
#define KINETIC_TAU_S 0.325
/* A flick never moves faster than this, whatever the pointer reported. */
#define KINETIC_MAX_VELOCITY 8000.0

/* Pointer samples kept to measure a flick's velocity: those of the last
 * VELOCITY_WINDOW_MS before the release count. */
#define N_SAMPLES 16
#define VELOCITY_WINDOW_MS 100

typedef struct
{
  guint32 time_ms;
  double  x;
} PsPointerSample;

typedef struct
{
  PsChartPane *pane;
  PsPointerSample samples[N_SAMPLES];
  guint        n_samples;        /* ever taken in this drag; the last N_SAMPLES are kept */             /* unowned: the data dies with the pane */
  guint        tick_id;
  gint64       last_frame_us;
  double       velocity;         /* px/s, positive: the content moves right */
  double       remainder_ms;     /* what rounding to whole ms left over */
  double       last_scale;       /* the pinch's scale at the last update */
} PsPaneGestures;

static void
ps_pane_gestures_stop (PsPaneGestures *g)
{
  if (g->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (g->pane), g->tick_id);
  g->tick_id = 0;
  g->velocity = 0;
}

/* Moves the view by px of content (positive: to the right, back in time,
 * as a drag to the right does). FALSE when the axis' limits stopped it. */
static gboolean
ps_pane_gestures_pan_px (PsPaneGestures *g,
                         double          px)
{
  PsTimeAxis *axis = _ps_chart_pane_get_axis (g->pane);
  gint64 from, span;
  double ms;

  if (axis == NULL)
    return FALSE;

  from = ps_time_axis_get_from_ms (axis);
  span = ps_time_axis_get_to_ms (axis) - from;
  ms = -px * (double) span / _ps_chart_pane_get_plot_width (g->pane) + g->remainder_ms;
  g->remainder_ms = ms - trunc (ms);
  ps_time_axis_pan (axis, (gint64) trunc (ms));
  return ps_time_axis_get_from_ms (axis) != from || trunc (ms) == 0;
}

static gboolean
ps_pane_gestures_tick_cb (GtkWidget     *widget,
                          GdkFrameClock *clock,
                          gpointer       user_data)
{
  PsPaneGestures *g = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = (now - g->last_frame_us) / (double) G_USEC_PER_SEC;

  g->last_frame_us = now;
  if (dt <= 0)
    return G_SOURCE_CONTINUE;
  dt = MIN (dt, 0.1);   /* a stalled frame must not jump the chart */

  /* The distance the decaying velocity covers in dt, exactly. */
  if (!ps_pane_gestures_pan_px (g, g->velocity * KINETIC_TAU_S * (1.0 - exp (-dt / KINETIC_TAU_S))))
    {
      g->tick_id = 0;   /* at the data's edge: stop there, no bounce */
      g->velocity = 0;
      return G_SOURCE_REMOVE;
    }
  g->velocity *= exp (-dt / KINETIC_TAU_S);
  if (fabs (g->velocity) < KINETIC_STOP_VELOCITY)
    {
      g->tick_id = 0;
      g->velocity = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
ps_pane_gestures_sample (PsPaneGestures *g,
                         GtkGesture     *drag,
                         double          offset_x)
{
  PsPointerSample *sample = &g->samples[g->n_samples++ % N_SAMPLES];

  sample->time_ms = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (drag));
  sample->x = offset_x;
}

static void
ps_pane_gestures_drag_begin_cb (GtkGestureDrag *drag,
                                double          x,
                                double          y,
                                PsPaneGestures *g)
{
  g->n_samples = 0;
  ps_pane_gestures_sample (g, GTK_GESTURE (drag), 0);
}

static void
ps_pane_gestures_drag_update_cb (GtkGestureDrag *drag,
                                 double          offset_x,
                                 double          offset_y,
                                 PsPaneGestures *g)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (drag));
  double event_x, event_y;

  /* A busy main loop gets the motion merged into one event: its history
   * keeps the positions and times in between, without which a flick
   * would read as a jump and a stop. */
  if (event != NULL && gdk_event_get_event_type (event) == GDK_MOTION_NOTIFY &&
      gdk_event_get_position (event, &event_x, &event_y))
    {
      GdkTimeCoord *history;
      guint n_history = 0;

      history = gdk_event_get_history (event, &n_history);
      for (guint i = 0; i < n_history; i++)
        if (history[i].flags & GDK_AXIS_FLAG_X)
          {
            PsPointerSample *sample = &g->samples[g->n_samples++ % N_SAMPLES];

            sample->time_ms = history[i].time;
            sample->x = offset_x - (event_x - history[i].axes[GDK_AXIS_X]);
          }
      g_free (history);
    }
  ps_pane_gestures_sample (g, GTK_GESTURE (drag), offset_x);
}

/* px/s over the samples of the last VELOCITY_WINDOW_MS: 0 when the pointer
 * rested before the release. */
static double
ps_pane_gestures_velocity (PsPaneGestures *g)
{
  guint n = MIN (g->n_samples, N_SAMPLES);
  const PsPointerSample *last, *first;

  if (n < 2)
    return 0;
  last = &g->samples[(g->n_samples - 1) % N_SAMPLES];
  first = last;
  for (guint i = 2; i <= n; i++)
    {
      const PsPointerSample *s = &g->samples[(g->n_samples - i) % N_SAMPLES];

      if ((guint32) (last->time_ms - s->time_ms) > VELOCITY_WINDOW_MS)
        break;
      first = s;
    }
  if (last->time_ms == first->time_ms)
    return 0;
  return (last->x - first->x) * 1000.0 / (double) (guint32) (last->time_ms - first->time_ms);
}

/* A drag let go while moving glides on. A Shift drag selects a range, and
 * a press that never became a drag is a click: neither glides. */
static void
ps_pane_gestures_drag_end_cb (GtkGestureDrag *drag,
                              double          offset_x,
                              double          offset_y,
                              PsPaneGestures *g)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (drag));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (g->pane));
  double velocity;

  ps_pane_gestures_sample (g, GTK_GESTURE (drag), offset_x);
  velocity = ps_pane_gestures_velocity (g);
  ps_pane_gestures_stop (g);
  if ((state & GDK_SHIFT_MASK) != 0 || clock == NULL || fabs (velocity) < KINETIC_MIN_VELOCITY ||
      fabs (offset_x) < 2 * fabs (offset_y))
    return;

  g->velocity = CLAMP (velocity, -KINETIC_MAX_VELOCITY, KINETIC_MAX_VELOCITY);
  g->remainder_ms = 0;
  g->last_frame_us = gdk_frame_clock_get_frame_time (clock);
  g->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (g->pane), ps_pane_gestures_tick_cb, g, NULL);
}

/* Any press catches a gliding chart; a second one fits all the data. */
static void
ps_pane_gestures_pressed_cb (GtkGestureClick *click,
                             int              n_press,
                             double           x,
                             double           y,
                             PsPaneGestures  *g)
{
  PsTimeAxis *axis = _ps_chart_pane_get_axis (g->pane);

  ps_pane_gestures_stop (g);
  if (n_press == 2 && axis != NULL && x < _ps_chart_pane_get_plot_width (g->pane))
    ps_time_axis_fit (axis);
}

/* Each pinch starts from scale 1. */
static void
ps_pane_gestures_zoom_begin_cb (GtkGesture       *gesture,
                                GdkEventSequence *sequence,
                                PsPaneGestures   *g)
{
  ps_pane_gestures_stop (g);
  g->last_scale = 1.0;
}

/* Fingers apart zoom in around the point between them. */
static void
ps_pane_gestures_scale_changed_cb (GtkGestureZoom *zoom,
                                   double          scale,
                                   PsPaneGestures *g)
{
  PsTimeAxis *axis = _ps_chart_pane_get_axis (g->pane);
  double x, y;

  if (axis == NULL || scale <= 0 || g->last_scale <= 0)
    return;
  if (!gtk_gesture_is_active (GTK_GESTURE (zoom)) ||
      !gtk_gesture_get_bounding_box_center (GTK_GESTURE (zoom), &x, &y))
    x = _ps_chart_pane_get_plot_width (g->pane) / 2;

  ps_time_axis_zoom (axis,
                     ps_time_axis_from_x (axis, x, _ps_chart_pane_get_plot_width (g->pane)),
                     g->last_scale / scale);
  g->last_scale = scale;
}

static void
ps_pane_gestures_free (gpointer data)
{
  g_free (data);
}

void
_ps_chart_pane_add_gestures (PsChartPane *self)
{
  PsPaneGestures *g;
  GtkGesture *drag;
  GtkGesture *click;
  GtkGesture *zoom;

  g_return_if_fail (PS_IS_CHART_PANE (self));

  g = g_new0 (PsPaneGestures, 1);
  g->pane = self;
  g->last_scale = 1.0;
  /* Freed with the pane; a tick callback dies with the widget first. */
  g_object_set_data_full (G_OBJECT (self), "ps-pane-gestures", g, ps_pane_gestures_free);

  /* The velocity from the drag's own samples, not GtkGestureSwipe's: the
   * samples are there for the tests to see, and the glide starts from the
   * same drag that panned. */
  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (ps_pane_gestures_drag_begin_cb), g);
  g_signal_connect (drag, "drag-update", G_CALLBACK (ps_pane_gestures_drag_update_cb), g);
  g_signal_connect (drag, "drag-end", G_CALLBACK (ps_pane_gestures_drag_end_cb), g);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (ps_pane_gestures_pressed_cb), g);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (ps_pane_gestures_zoom_begin_cb), g);
  g_signal_connect (zoom, "end", G_CALLBACK (ps_pane_gestures_zoom_begin_cb), g);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (ps_pane_gestures_scale_changed_cb), g);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
}

/* For tests: whether the chart still glides after a flick. */
gboolean
_ps_chart_pane_is_gliding (PsChartPane *self)
{
  PsPaneGestures *g = g_object_get_data (G_OBJECT (self), "ps-pane-gestures");

  return g != NULL && g->tick_id != 0;
}
