/* ps-time-axis.h: the one time axis every pane and report maps through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PS_TYPE_TIME_AXIS (ps_time_axis_get_type ())
G_DECLARE_FINAL_TYPE (PsTimeAxis, ps_time_axis, PS, TIME_AXIS, GObject)

typedef struct
{
  gint64  t_ms;
  char   *label;    /* "Oct 14", "12:00", "2025" … in the axis' zone */
  gboolean major;   /* a day/month/year boundary: drawn stronger */
} PsTimeTick;

PsTimeAxis *ps_time_axis_new          (void);
/* Visible [from_ms, to_ms), UTC ms. Notifies "from-ms"/"to-ms" and emits
 * "changed" once per change. */
void        ps_time_axis_set_range    (PsTimeAxis *self,
                                       gint64      from_ms,
                                       gint64      to_ms);
gint64      ps_time_axis_get_from_ms  (PsTimeAxis *self);
gint64      ps_time_axis_get_to_ms    (PsTimeAxis *self);
/* Pan and zoom never show more than 5 % of the view past [limit_from,
 * limit_to), and never a view wider than the limits and those margins. */
void        ps_time_axis_set_limits   (PsTimeAxis *self,
                                       gint64      limit_from_ms,
                                       gint64      limit_to_ms);
/* FALSE (and the view) when no limits are set. */
gboolean    ps_time_axis_get_limits   (PsTimeAxis *self,
                                       gint64     *limit_from_ms,
                                       gint64     *limit_to_ms);
/* The view fits the limits: all the data. */
void        ps_time_axis_fit          (PsTimeAxis *self);
void        ps_time_axis_pan          (PsTimeAxis *self,
                                       gint64      delta_ms);
/* factor < 1 zooms in around center_ms. */
void        ps_time_axis_zoom         (PsTimeAxis *self,
                                       gint64      center_ms,
                                       double      factor);
/* Labels in UTC (default) or in the local zone. */
void        ps_time_axis_set_utc      (PsTimeAxis *self,
                                       gboolean    utc);
gboolean    ps_time_axis_get_utc      (PsTimeAxis *self);

/* x in [0, width) for t, and back. */
double      ps_time_axis_to_x         (PsTimeAxis *self,
                                       gint64      t_ms,
                                       double      width);
gint64      ps_time_axis_from_x       (PsTimeAxis *self,
                                       double      x,
                                       double      width);
/* Ticks at round times, at least min_spacing px apart. Array of PsTimeTick
 * with its clear func set, shared: read it, unref it, never change it (the
 * axis keeps the last one asked for and gives it again for the same range,
 * width and spacing). */
GArray     *ps_time_axis_get_ticks    (PsTimeAxis *self,
                                       double      width,
                                       double      min_spacing);

G_END_DECLS
