/* ps-chart-pane-render.c: the panes' data layers drawn into pixels, several
 * at once on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-chart-pane-private.h"

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

/* The drawing kept as a texture (main thread). A GskCairoNode would record
 * the drawing and replay it into pixels for the GPU: drawn straight, the
 * recording is saved, and the render code may write its whole-pixel boxes
 * itself (ps-render-pixels.c). */
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

typedef struct
{
  GMutex mutex;
  GCond  cond;
  guint  pending;
} PsRenderBatch;

typedef struct
{
  PsPaneRender  *job;
  PsRenderBatch *batch;
} PsRenderTask;

static void
ps_chart_pane_render_thread (gpointer data,
                             gpointer user_data)
{
  PsRenderTask *task = data;
  PsRenderBatch *batch = task->batch;

  ps_chart_pane_render_run (task->job);
  g_free (task);
  g_mutex_lock (&batch->mutex);
  if (--batch->pending == 0)
    g_cond_signal (&batch->cond);
  g_mutex_unlock (&batch->mutex);
}

/* The pool that draws panes beside the main thread: one thread fewer than
 * the processors, at most three (five panes, the price pane the largest,
 * drawn by the main thread); NULL on one processor. */
static GThreadPool *
ps_chart_pane_get_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      guint n = MIN (g_get_num_processors (), 4u);
      GThreadPool *made = NULL;

      if (n > 1)
        made = g_thread_pool_new (ps_chart_pane_render_thread, NULL, (int) n - 1, FALSE, NULL);
      /* g_once_init_leave () wants non-NULL: a pool that is never used. */
      if (made == NULL)
        made = g_thread_pool_new (ps_chart_pane_render_thread, NULL, 1, FALSE, NULL);
      g_once_init_leave (&pool, made);
    }
  return pool;
}

void
ps_chart_pane_render_all (PsChartPane * const *panes,
                          guint                n_panes)
{
  g_autofree PsPaneRender *jobs = g_new0 (PsPaneRender, MAX (n_panes, 1));
  PsRenderBatch batch = { .pending = 0 };
  guint n_jobs = 0, largest = 0;
  gboolean parallel;

  g_return_if_fail (panes != NULL || n_panes == 0);

  for (guint i = 0; i < n_panes; i++)
    if (ps_chart_pane_render_prepare (panes[i], &jobs[n_jobs]))
      {
        /* The main thread draws the largest: the others' wait is the shortest. */
        if ((gint64) jobs[n_jobs].width * jobs[n_jobs].height >
            (gint64) jobs[largest].width * jobs[largest].height)
          largest = n_jobs;
        n_jobs++;
      }
  parallel = n_jobs > 1 && g_get_num_processors () > 1 &&
             !g_atomic_int_get (&ps_chart_pane_serial);

  g_mutex_init (&batch.mutex);
  g_cond_init (&batch.cond);
  for (guint i = 0; parallel && i < n_jobs; i++)
    {
      PsRenderTask *task = g_new (PsRenderTask, 1);
      g_autoptr(GError) error = NULL;

      if (i == largest)
        {
          g_free (task);
          continue;
        }
      *task = (PsRenderTask) { &jobs[i], &batch };
      g_mutex_lock (&batch.mutex);
      batch.pending++;
      g_mutex_unlock (&batch.mutex);
      if (!g_thread_pool_push (ps_chart_pane_get_pool (), task, &error))
        {
          /* No thread: drawn here, as if serial. */
          g_free (task);
          g_mutex_lock (&batch.mutex);
          batch.pending--;
          g_mutex_unlock (&batch.mutex);
          ps_chart_pane_render_run (&jobs[i]);
        }
    }
  for (guint i = 0; i < n_jobs; i++)
    if (!parallel || i == largest)
      ps_chart_pane_render_run (&jobs[i]);

  g_mutex_lock (&batch.mutex);
  while (batch.pending > 0)
    g_cond_wait (&batch.cond, &batch.mutex);
  g_mutex_unlock (&batch.mutex);
  g_mutex_clear (&batch.mutex);
  g_cond_clear (&batch.cond);

  for (guint i = 0; i < n_jobs; i++)
    ps_chart_pane_render_finish (&jobs[i]);
}
