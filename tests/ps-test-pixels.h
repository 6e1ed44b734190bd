/* ps-test-pixels.h: reading back what the render tests drew
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>

#include "ps-render.h"
#include "ps-time-axis.h"

/* The render tests' canvas: an 800×400 image, a time axis, light colours. */
#define MINUTE_MS ((gint64) 60 * 1000)
#define HOUR_MS   (60 * MINUTE_MS)

/* 2025-11-03 00:00 UTC */
#define T0 G_GINT64_CONSTANT (1762128000000)

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  PsTimeAxis      *axis;
  PsChartStyle     style;
  PsRect           rect;
  PsRect           plot;
} Fixture;

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 400);
  f->cr = cairo_create (f->surface);
  f->axis = ps_time_axis_new ();
  ps_chart_style_init_light (&f->style);
  f->rect = (PsRect) { 0, 0, 800, 400 };
  ps_render_get_plot_area (&f->rect, &f->style, &f->plot);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cairo_destroy (f->cr);
  cairo_surface_destroy (f->surface);
  g_assert_finalize_object (f->axis);
}

/* 0xRRGGBB at (x, y) of an image surface. */
static inline guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guchar *data;
  int stride;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  g_assert_cmpint ((int) x, >=, 0);
  g_assert_cmpint ((int) y, >=, 0);
  g_assert_cmpint ((int) x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint ((int) y, <, cairo_image_surface_get_height (surface));

  return *(const guint32 *) (gconstpointer) (data + (int) y * stride + 4 * (int) x) & 0xffffff;
}

/* An opaque style colour as 0xRRGGBB. */
static inline guint32
rgb_of (const PsColor *color)
{
  return ((guint32) lround (color->red * 255) << 16) |
         ((guint32) lround (color->green * 255) << 8) |
         (guint32) lround (color->blue * 255);
}

/* A translucent colour over an opaque one, as cairo composes it. */
static inline PsColor
over (const PsColor *color,
      const PsColor *background)
{
  double a = color->alpha;

  return (PsColor) { color->red * a + background->red * (1 - a),
                     color->green * a + background->green * (1 - a),
                     color->blue * a + background->blue * (1 - a), 1 };
}

static inline gboolean
same_rgb (guint32 a,
          guint32 b)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (abs ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 2)
      return FALSE;
  return TRUE;
}

#define assert_rgb(surface, x, y, color)                                     \
  G_STMT_START {                                                             \
    guint32 px_ = pixel_at ((surface), (x), (y));                            \
    if (!same_rgb (px_, rgb_of (color)))                                     \
      g_error ("pixel (%g, %g) is #%06x, not #%06x", (double) (x),           \
               (double) (y), px_, rgb_of (color));                           \
  } G_STMT_END

static inline guint
count_ink (cairo_surface_t *surface,
           const PsRect    *area,
           const PsColor   *background)
{
  guint ink = 0;

  for (double y = area->y; y < area->y + area->height; y++)
    for (double x = area->x; x < area->x + area->width; x++)
      if (!same_rgb (pixel_at (surface, x, y), rgb_of (background)))
        ink++;
  return ink;
}

/* Pixels of exactly color (within rounding) in area. */
static inline guint
count_colour (Fixture       *f,
              const PsRect  *area,
              const PsColor *color)
{
  guint n = 0;

  for (double y = area->y; y < area->y + area->height; y++)
    for (double x = area->x; x < area->x + area->width; x++)
      n += same_rgb (pixel_at (f->surface, x, y), rgb_of (color));
  return n;
}

/* A colour no pane draws: what a pane leaves alone stays magenta. */
static inline void
paint_magenta (Fixture *f)
{
  cairo_set_source_rgb (f->cr, 1, 0, 1);
  cairo_paint (f->cr);
}

/* The x of hour i's middle from T0, plus dx. */
static inline double
hour_x (Fixture *f,
        guint    i,
        double   dx)
{
  return f->plot.x + ps_time_axis_to_x (f->axis, T0 + i * HOUR_MS + HOUR_MS / 2, f->plot.width)
         + dx;
}

/* PS_TEST_PNG_DIR=/tmp keeps what a case drew, to look at. */
static inline void
save_if_asked (cairo_surface_t *surface,
               const char      *name)
{
  const char *dir = g_getenv ("PS_TEST_PNG_DIR");
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, file, NULL);
  cairo_surface_write_to_png (surface, path);
}
