/* ps-chart-pane-render.c: the panes' data layers drawn into pixels, several
 * at once on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-chart-pane-private.h"
#include "ps-jobs.h"

/* A pane's data layer to draw: what the main thread knows of the widget,
 * read before the drawing (which may run on another thread), and the
 * pixels it made. */
typedef struct
{
  PsChartPane     *pane;
  int              width;
  int              height;
  int              scale;
  PsRect           rect;
  PsChartStyle     style;
  cairo_surface_t *surface;   /* the drawing, NULL where it failed */
} PsPaneRender;

/* Whether self's cached node is stale, and if so job filled to draw it. */
static gboolean
ps_chart_pane_render_prepare (PsChartPane  *self,
                              PsPaneRender *job)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);

  if (width <= 0 || height <= 0 || self->axis == NULL)
    return FALSE;
  if (self->node != NULL && self->node_width == width && self->node_height == height &&
      self->node_scale == scale)
    return FALSE;

  /* The source makes its snapshot on first demand: here, on the main
   * thread, not by two jobs at once (each would make one, and one would
   * be lost). */
  if (self->source != NULL)
    ps_market_snapshot_unref (ps_market_source_get_snapshot (self->source));

  *job = (PsPaneRender) { self, width, height, scale, { 0, 0, width, height } };
  _ps_chart_pane_get_style (self, &job->style);
  return TRUE;
}

/* The data layer drawn into pixels of its own at the widget's scale. Safe
 * on any thread while the main thread waits (ps_chart_pane_render_all ()):
 * it reads the pane's series, axis and options, and writes only the pane's
 * title and its heatmap image's cache. */
static void
ps_chart_pane_render_run (PsPaneRender *job)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         job->width * job->scale,
                                                         job->height * job->scale);
  cairo_t *cr;

  job->surface = NULL;
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return;
    }
  cairo_surface_set_device_scale (surface, job->scale, job->scale);
  cr = cairo_create (surface);
  _ps_chart_pane_draw_data (job->pane, cr, &job->rect, &job->style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  job->surface = surface;
}

static gint ps_chart_pane_no_cairo_nodes;

void
_ps_chart_pane_set_cairo_nodes (gboolean cairo_nodes)
{
  g_atomic_int_set (&ps_chart_pane_no_cairo_nodes, !cairo_nodes);
}

/* Whether the pane's window is drawn by GSK's cairo renderer (no GPU, or
 * GSK_RENDERER=cairo). */
static gboolean
ps_chart_pane_drawn_by_cairo (PsChartPane *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer) &&
         !g_atomic_int_get (&ps_chart_pane_no_cairo_nodes);
}

/* The drawing kept as a texture (main thread). A GskCairoNode would record
 * the drawing and replay it into pixels for the GPU: drawn straight, the
 * recording is saved, and the render code may write its whole-pixel boxes
 * itself (ps-render-pixels.c). Under the cairo renderer, though, a texture
 * node is downloaded into a new surface every frame, and GTK 4.8 converts
 * its pixels through floats on the way even where the formats are the same
 * (~half the CPU of a zoom step in a 1920 px window): there the pixels are
 * painted into a cairo node, which that renderer paints as it is. */
static void
ps_chart_pane_render_finish (PsPaneRender *job)
{
  PsChartPane *self = job->pane;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface = g_steal_pointer (&job->surface);
  int stride;

  g_clear_pointer (&self->node, gsk_render_node_unref);
  self->node_width = job->width;
  self->node_height = job->height;
  self->node_scale = job->scale;
  self->n_renders++;
  if (surface == NULL)
    return;

  if (ps_chart_pane_drawn_by_cairo (self))
    {
      cairo_t *cr;

      self->node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, job->width, job->height));
      cr = gsk_cairo_node_get_draw_context (self->node);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      return;
    }

  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT: the texture takes the pixels. */
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * job->height * job->scale,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (job->width * job->scale, job->height * job->scale,
                                    GDK_MEMORY_DEFAULT, bytes, stride);
  self->node = gsk_texture_node_new (texture,
                                     &GRAPHENE_RECT_INIT (0, 0, job->width, job->height));
}

/* Panes drawn at once ------------------------------------------------------- */

static gint ps_chart_pane_serial;

void
_ps_chart_pane_set_parallel (gboolean parallel)
{
  g_atomic_int_set (&ps_chart_pane_serial, !parallel);
}

static void
ps_chart_pane_render_job (gpointer job,
                          gpointer user_data)
{
  ps_chart_pane_render_run (job);
}

void
ps_chart_pane_render_all (PsChartPane * const *panes,
                          guint                n_panes)
{
  g_autofree PsPaneRender *jobs = g_new0 (PsPaneRender, MAX (n_panes, 1));
  guint n_jobs = 0;

  g_return_if_fail (panes != NULL || n_panes == 0);

  for (guint i = 0; i < n_panes; i++)
    if (ps_chart_pane_render_prepare (panes[i], &jobs[n_jobs]))
      {
        /* The largest first, which the main thread takes (ps_jobs_run ()):
         * the others' wait is the shortest. */
        if ((gint64) jobs[n_jobs].width * jobs[n_jobs].height >
            (gint64) jobs[0].width * jobs[0].height)
          {
            PsPaneRender largest = jobs[n_jobs];

            jobs[n_jobs] = jobs[0];
            jobs[0] = largest;
          }
        n_jobs++;
      }
  if (n_jobs == 0)
    return;

  ps_jobs_run (jobs, n_jobs, sizeof *jobs, ps_chart_pane_render_job, NULL,
               !g_atomic_int_get (&ps_chart_pane_serial));

  for (guint i = 0; i < n_jobs; i++)
    ps_chart_pane_render_finish (&jobs[i]);
}
