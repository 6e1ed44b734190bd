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

/* A frame's jobs, taken one at a time by whoever is free: the main thread
 * and the pool's threads alike. The main thread waits only for jobs a
 * thread took, so a job no thread got to (none started yet, or none could
 * be made: g_thread_pool_push () then leaves the task queued) is drawn by
 * the main thread itself, never twice. Referenced by each queued task: a
 * task that runs after the frame finds nothing left to take. */
typedef struct
{
  gint          ref_count;
  GMutex        mutex;
  GCond         cond;
  PsPaneRender *jobs;      /* valid while jobs are left or taken */
  guint         n_jobs;
  guint         next;      /* the first job nobody took */
  guint         running;   /* taken by a pool thread, not done */
} PsRenderBatch;

static PsRenderBatch *
ps_render_batch_ref (PsRenderBatch *batch)
{
  g_atomic_int_inc (&batch->ref_count);
  return batch;
}

static void
ps_render_batch_unref (PsRenderBatch *batch)
{
  if (!g_atomic_int_dec_and_test (&batch->ref_count))
    return;
  g_mutex_clear (&batch->mutex);
  g_cond_clear (&batch->cond);
  g_free (batch);
}

/* Draws jobs until none is left; a pool thread's are counted as running. */
static void
ps_render_batch_drain (PsRenderBatch *batch,
                       gboolean       pool_thread)
{
  g_mutex_lock (&batch->mutex);
  while (batch->next < batch->n_jobs)
    {
      PsPaneRender *job = &batch->jobs[batch->next++];

      batch->running += pool_thread;
      g_mutex_unlock (&batch->mutex);
      ps_chart_pane_render_run (job);
      g_mutex_lock (&batch->mutex);
      batch->running -= pool_thread;
    }
  if (batch->running == 0)
    g_cond_broadcast (&batch->cond);
  g_mutex_unlock (&batch->mutex);
}

static void
ps_chart_pane_render_thread (gpointer data,
                             gpointer user_data)
{
  PsRenderBatch *batch = data;

  ps_render_batch_drain (batch, TRUE);
  ps_render_batch_unref (batch);
}

/* The pool that draws panes beside the main thread: one thread fewer than
 * the processors, at most three (the main thread draws too). Asked for
 * only where there are two processors or more. */
static GThreadPool *
ps_chart_pane_get_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      guint n = CLAMP (g_get_num_processors (), 2u, 4u) - 1;

      /* Shared, not exclusive: made without fail, threads started as needed. */
      g_once_init_leave (&pool, g_thread_pool_new (ps_chart_pane_render_thread, NULL, (int) n,
                                                   FALSE, NULL));
    }
  return pool;
}

void
ps_chart_pane_render_all (PsChartPane * const *panes,
                          guint                n_panes)
{
  g_autofree PsPaneRender *jobs = g_new0 (PsPaneRender, MAX (n_panes, 1));
  PsRenderBatch *batch;
  guint n_jobs = 0;

  g_return_if_fail (panes != NULL || n_panes == 0);

  for (guint i = 0; i < n_panes; i++)
    if (ps_chart_pane_render_prepare (panes[i], &jobs[n_jobs]))
      {
        /* The largest first, which the main thread takes: the others' wait
         * is the shortest. */
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

  batch = g_new0 (PsRenderBatch, 1);
  batch->ref_count = 1;
  g_mutex_init (&batch->mutex);
  g_cond_init (&batch->cond);
  batch->jobs = jobs;
  batch->n_jobs = n_jobs;
  if (n_jobs > 1 && g_get_num_processors () > 1 && !g_atomic_int_get (&ps_chart_pane_serial))
    {
      /* The largest is taken here before a thread can take it. */
      batch->next = 1;
      for (guint i = 1; i < n_jobs; i++)
        g_thread_pool_push (ps_chart_pane_get_pool (), ps_render_batch_ref (batch), NULL);
      ps_chart_pane_render_run (&jobs[0]);
    }
  ps_render_batch_drain (batch, FALSE);

  g_mutex_lock (&batch->mutex);
  while (batch->running > 0)
    g_cond_wait (&batch->cond, &batch->mutex);
  g_mutex_unlock (&batch->mutex);
  ps_render_batch_unref (batch);

  for (guint i = 0; i < n_jobs; i++)
    ps_chart_pane_render_finish (&jobs[i]);
}
