/* ps-pane-stack.c: chart panes one under the other, their borders draggable
 *
 * Each pane has a weight; the room left by the footer and the borders is
 * shared by the shown panes in proportion, none below its minimum. Weights,
 * not pixels, are what is kept and saved: the same proportions at any
 * window size, and a hidden pane's room goes to the others.
 *
 * A border is a 1 px line in the layout; its handle, a few pixels taller,
 * lies over the edges of the panes beside it (handles are the last
 * children, so they are picked first) and moves the two neighbours'
 * border. The drag is the stack's gesture, not the handle's: the handle
 * moves under the pointer as it is dragged, the stack stays put.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-chart-pane.h"
#include "ps-pane-stack.h"

/* The line between two panes, and how far the handle's hit area reaches
 * over each pane beside it. */
#define BORDER_PX      1
#define HANDLE_REACH_PX 3

typedef struct
{
  char      *id;
  GtkWidget *widget;
  double     share;       /* the default weight */
  double     weight;
  int        min_height;
} PsPane;

struct _PsPaneStack
{
  GtkWidget  parent_instance;

  GArray    *panes;       /* PsPane, top to bottom */
  GPtrArray *handles;     /* GtkWidget, one per pane but the last */
  GtkWidget *footer;

  /* The drag: the shown panes above and below the border, and their
   * heights when it began. */
  int        drag_above;
  int        drag_below;
  int        drag_above_h;
  int        drag_below_h;
  gboolean   drag_moved;
};

G_DEFINE_FINAL_TYPE (PsPaneStack, ps_pane_stack, GTK_TYPE_WIDGET)

enum {
  SIZES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ps_pane_clear (gpointer data)
{
  PsPane *pane = data;

  g_free (pane->id);
}

static PsPane *
ps_pane_stack_pane (PsPaneStack *self,
                    guint        i)
{
  return &g_array_index (self->panes, PsPane, i);
}

static PsPane *
ps_pane_stack_find (PsPaneStack *self,
                    const char  *id)
{
  for (guint i = 0; id != NULL && i < self->panes->len; i++)
    if (g_str_equal (ps_pane_stack_pane (self, i)->id, id))
      return ps_pane_stack_pane (self, i);
  return NULL;
}

static gboolean
ps_pane_shown (const PsPane *pane)
{
  return gtk_widget_get_visible (pane->widget);
}

static int
ps_pane_stack_min_height (PsPane *pane)
{
  int min;

  gtk_widget_measure (pane->widget, GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
  return MAX (min, pane->min_height);
}

static guint
ps_pane_stack_n_shown (PsPaneStack *self)
{
  guint n = 0;

  for (guint i = 0; i < self->panes->len; i++)
    n += ps_pane_shown (ps_pane_stack_pane (self, i));
  return n;
}

/* The heights of the shown panes in room px: by weight, but each at least
 * its minimum (those that would be under it get it, the rest share what is
 * left, again by weight). heights[] is per pane, 0 for hidden ones. */
static void
ps_pane_stack_compute_heights (PsPaneStack *self,
                               int          room,
                               int         *heights)
{
  guint n = self->panes->len;
  g_autofree gboolean *pinned = g_new0 (gboolean, n);
  g_autofree double *exact = g_new0 (double, n);
  gboolean changed = TRUE;
  double acc = 0;
  int y = 0;

  while (changed)
    {
      double weights = 0, left = room;

      changed = FALSE;
      for (guint i = 0; i < n; i++)
        {
          PsPane *pane = ps_pane_stack_pane (self, i);

          if (!ps_pane_shown (pane))
            continue;
          if (pinned[i])
            left -= ps_pane_stack_min_height (pane);
          else
            weights += pane->weight;
        }
      for (guint i = 0; i < n; i++)
        {
          PsPane *pane = ps_pane_stack_pane (self, i);

          if (!ps_pane_shown (pane) || pinned[i])
            continue;
          exact[i] = weights > 0 ? MAX (left, 0) * pane->weight / weights : 0;
          if (exact[i] < ps_pane_stack_min_height (pane))
            pinned[i] = changed = TRUE;
        }
    }

  /* Whole pixels by rounding the running total: no drift, no gap at the end. */
  for (guint i = 0; i < n; i++)
    {
      PsPane *pane = ps_pane_stack_pane (self, i);
      int bottom;

      heights[i] = 0;
      if (!ps_pane_shown (pane))
        continue;
      acc += pinned[i] ? ps_pane_stack_min_height (pane) : exact[i];
      bottom = (int) round (acc);
      heights[i] = bottom - y;
      y = bottom;
    }
}

static void
ps_pane_stack_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  PsPaneStack *self = PS_PANE_STACK (widget);
  guint n_shown = ps_pane_stack_n_shown (self);
  int min = 0, nat = 0, footer_min = 0, footer_nat = 0;

  if (self->footer != NULL)
    gtk_widget_measure (self->footer, orientation, -1, &footer_min, &footer_nat, NULL, NULL);

  for (guint i = 0; i < self->panes->len; i++)
    {
      PsPane *pane = ps_pane_stack_pane (self, i);
      int child_min, child_nat;

      if (!ps_pane_shown (pane))
        continue;
      gtk_widget_measure (pane->widget, orientation, -1, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          min = MAX (min, child_min);
          nat = MAX (nat, child_nat);
        }
      else
        min += MAX (child_min, pane->min_height);
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (min, footer_min);
      *natural = MAX (nat, footer_nat);
    }
  else
    {
      /* The panes take the room they are given: asking more than their
       * minimum would only make the window's default taller. */
      *minimum = min + footer_min + (n_shown > 1 ? (int) (n_shown - 1) * BORDER_PX : 0);
      *natural = *minimum;
    }
}

static void
ps_pane_stack_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  PsPaneStack *self = PS_PANE_STACK (widget);
  guint n = self->panes->len, n_shown = ps_pane_stack_n_shown (self), handle = 0;
  g_autofree int *heights = g_new0 (int, MAX (n, 1));
  int footer_h = 0, y = 0, room;

  if (self->footer != NULL)
    gtk_widget_measure (self->footer, GTK_ORIENTATION_VERTICAL, width, &footer_h, NULL, NULL, NULL);
  room = height - footer_h - (n_shown > 1 ? (int) (n_shown - 1) * BORDER_PX : 0);
  ps_pane_stack_compute_heights (self, room, heights);

  for (guint i = 0; i < n; i++)
    {
      PsPane *pane = ps_pane_stack_pane (self, i);

      if (!ps_pane_shown (pane))
        continue;
      if (y > 0)
        {
          GtkWidget *h = g_ptr_array_index (self->handles, handle++);

          gtk_widget_set_child_visible (h, TRUE);
          gtk_widget_size_allocate (h, &(GtkAllocation) { 0, y - HANDLE_REACH_PX, width,
                                                          BORDER_PX + 2 * HANDLE_REACH_PX }, -1);
          y += BORDER_PX;
        }
      gtk_widget_size_allocate (pane->widget, &(GtkAllocation) { 0, y, width, heights[i] }, -1);
      y += heights[i];
    }
  for (; handle < self->handles->len; handle++)
    gtk_widget_set_child_visible (g_ptr_array_index (self->handles, handle), FALSE);

  if (self->footer != NULL)
    gtk_widget_size_allocate (self->footer, &(GtkAllocation) { 0, height - footer_h, width,
                                                               footer_h }, -1);
}

/* The shown pane after (step 1) or before (-1) pane i, or -1. */
static int
ps_pane_stack_next_shown (PsPaneStack *self,
                          int          i,
                          int          step)
{
  for (i += step; i >= 0 && i < (int) self->panes->len; i += step)
    if (ps_pane_shown (ps_pane_stack_pane (self, i)))
      return i;
  return -1;
}

/* Every shown pane's weight made its height now: the drag starts from what
 * the user sees, minimums included, and moves only the two panes it is
 * between. Hidden panes keep theirs, scaled alike. */
static void
ps_pane_stack_weights_from_heights (PsPaneStack *self)
{
  double weights = 0, room = 0;

  for (guint i = 0; i < self->panes->len; i++)
    {
      PsPane *pane = ps_pane_stack_pane (self, i);

      if (ps_pane_shown (pane))
        {
          weights += pane->weight;
          room += gtk_widget_get_height (pane->widget);
        }
    }
  if (!(room > 0 && weights > 0))
    return;
  for (guint i = 0; i < self->panes->len; i++)
    {
      PsPane *pane = ps_pane_stack_pane (self, i);

      if (ps_pane_shown (pane))
        pane->weight = gtk_widget_get_height (pane->widget) / room * weights;
    }
}

static void
ps_pane_stack_drag_begin_cb (PsPaneStack    *self,
                             double          x,
                             double          y,
                             GtkGestureDrag *gesture)
{
  GtkWidget *target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  int handle = -1, above = -1;

  for (guint i = 0; target != NULL && i < self->handles->len; i++)
    {
      GtkWidget *h = g_ptr_array_index (self->handles, i);

      if (target == h || gtk_widget_is_ancestor (target, h))
        handle = (int) i;
    }
  /* Handle k lies under the (k+1)-th shown pane. */
  for (int k = 0; handle >= 0 && k <= handle; k++)
    above = ps_pane_stack_next_shown (self, above, 1);
  self->drag_above = above;
  self->drag_below = above >= 0 ? ps_pane_stack_next_shown (self, above, 1) : -1;
  if (self->drag_below < 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  /* Nothing changes until it moves: a double-click on the handle resets
   * the sizes between this press and the first motion. */
  self->drag_moved = FALSE;
  gtk_widget_add_css_class (g_ptr_array_index (self->handles, handle), "dragging");
}

static void
ps_pane_stack_drag_update_cb (PsPaneStack    *self,
                              double          dx,
                              double          dy,
                              GtkGestureDrag *gesture)
{
  PsPane *above, *below;
  int total, h;
  double weights;

  if (self->drag_below < 0)
    return;
  above = ps_pane_stack_pane (self, self->drag_above);
  below = ps_pane_stack_pane (self, self->drag_below);
  if (!self->drag_moved)
    {
      if (dy == 0)
        return;
      /* Claimed only now: a claim cancels the handle's double-click. */
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      ps_pane_stack_weights_from_heights (self);
      self->drag_above_h = gtk_widget_get_height (above->widget);
      self->drag_below_h = gtk_widget_get_height (below->widget);
      self->drag_moved = TRUE;
    }
  /* Both at their minimums already: nowhere to go. */
  total = self->drag_above_h + self->drag_below_h;
  if (total - ps_pane_stack_min_height (below) < ps_pane_stack_min_height (above))
    return;
  h = (int) round (self->drag_above_h + dy);
  h = CLAMP (h, ps_pane_stack_min_height (above), total - ps_pane_stack_min_height (below));

  weights = above->weight + below->weight;
  above->weight = weights * h / total;
  below->weight = weights - above->weight;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
ps_pane_stack_drag_end_cb (PsPaneStack    *self,
                           double          dx,
                           double          dy,
                           GtkGestureDrag *gesture)
{
  gboolean moved = self->drag_moved;

  if (self->drag_below < 0)
    return;
  for (guint i = 0; i < self->handles->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->handles, i), "dragging");
  self->drag_above = self->drag_below = -1;
  self->drag_moved = FALSE;
  if (moved)
    g_signal_emit (self, signals[SIZES_CHANGED], 0);
}

static void
ps_pane_stack_handle_pressed_cb (PsPaneStack     *self,
                                 int              n_press,
                                 double           x,
                                 double           y,
                                 GtkGestureClick *gesture)
{
  if (n_press != 2)
    return;
  ps_pane_stack_reset_sizes (self);
  g_signal_emit (self, signals[SIZES_CHANGED], 0);
}

static GtkWidget *
ps_pane_stack_new_handle (PsPaneStack *self)
{
  GtkWidget *handle = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_SEPARATOR, NULL);
  GtkWidget *line = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_valign (line, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (line, TRUE);
  gtk_box_append (GTK_BOX (handle), line);
  gtk_widget_add_css_class (handle, "pane-handle");
  gtk_widget_set_cursor_from_name (handle, "row-resize");
  g_signal_connect_object (click, "pressed", G_CALLBACK (ps_pane_stack_handle_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (click));
  /* Over everything else: picked before the panes it overlaps. */
  gtk_widget_insert_before (handle, GTK_WIDGET (self), NULL);
  return handle;
}

static void
ps_pane_stack_dispose (GObject *object)
{
  PsPaneStack *self = PS_PANE_STACK (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->footer = NULL;
  if (self->handles != NULL)
    g_ptr_array_set_size (self->handles, 0);
  if (self->panes != NULL)
    g_array_set_size (self->panes, 0);

  G_OBJECT_CLASS (ps_pane_stack_parent_class)->dispose (object);
}

/* The shown panes' stale drawings made at once (ps_chart_pane_render_all ()):
 * a zoom or a pan makes all five stale, and drawn beside each other on
 * worker threads they take about the time of the largest, not the sum.
 * The children's snapshots then show what was drawn. */
static void
ps_pane_stack_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PsPaneStack *self = PS_PANE_STACK (widget);
  g_autoptr(GPtrArray) panes = g_ptr_array_new ();

  for (guint i = 0; i < self->panes->len; i++)
    {
      PsPane *pane = ps_pane_stack_pane (self, i);

      if (ps_pane_shown (pane) && PS_IS_CHART_PANE (pane->widget))
        g_ptr_array_add (panes, pane->widget);
    }
  if (self->footer != NULL && gtk_widget_get_visible (self->footer) &&
      PS_IS_CHART_PANE (self->footer))
    g_ptr_array_add (panes, self->footer);
  ps_chart_pane_render_all ((PsChartPane * const *) panes->pdata, panes->len);

  GTK_WIDGET_CLASS (ps_pane_stack_parent_class)->snapshot (widget, snapshot);
}

static void
ps_pane_stack_finalize (GObject *object)
{
  PsPaneStack *self = PS_PANE_STACK (object);

  g_clear_pointer (&self->panes, g_array_unref);
  g_clear_pointer (&self->handles, g_ptr_array_unref);

  G_OBJECT_CLASS (ps_pane_stack_parent_class)->finalize (object);
}

static void
ps_pane_stack_class_init (PsPaneStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_pane_stack_dispose;
  object_class->finalize = ps_pane_stack_finalize;
  widget_class->measure = ps_pane_stack_measure;
  widget_class->size_allocate = ps_pane_stack_size_allocate;
  widget_class->snapshot = ps_pane_stack_snapshot;

  /* The user resized the panes (a drag ended, a double-click reset them). */
  signals[SIZES_CHANGED] =
    g_signal_new ("sizes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "panestack");
}

static void
ps_pane_stack_init (PsPaneStack *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->panes = g_array_new (FALSE, TRUE, sizeof (PsPane));
  g_array_set_clear_func (self->panes, ps_pane_clear);
  self->handles = g_ptr_array_new ();
  self->drag_above = self->drag_below = -1;

  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (ps_pane_stack_drag_begin_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (ps_pane_stack_drag_update_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (ps_pane_stack_drag_end_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
ps_pane_stack_new (void)
{
  return g_object_new (PS_TYPE_PANE_STACK, NULL);
}

void
ps_pane_stack_add_pane (PsPaneStack *self,
                        const char  *id,
                        GtkWidget   *child,
                        double       share,
                        int          min_height)
{
  PsPane pane = { g_strdup (id), child, share, share, min_height };
  GtkWidget *before;

  g_return_if_fail (PS_IS_PANE_STACK (self));
  g_return_if_fail (id != NULL && ps_pane_stack_find (self, id) == NULL);
  g_return_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL);
  g_return_if_fail (share > 0);

  /* Under the panes before it, under the footer and the handles. */
  before = self->footer != NULL ? self->footer
           : self->handles->len > 0 ? g_ptr_array_index (self->handles, 0) : NULL;
  gtk_widget_insert_before (child, GTK_WIDGET (self), before);
  g_array_append_val (self->panes, pane);
  if (self->panes->len > 1)
    g_ptr_array_add (self->handles, ps_pane_stack_new_handle (self));
}

void
ps_pane_stack_set_footer (PsPaneStack *self,
                          GtkWidget   *footer)
{
  g_return_if_fail (PS_IS_PANE_STACK (self));
  g_return_if_fail (self->footer == NULL);
  g_return_if_fail (GTK_IS_WIDGET (footer) && gtk_widget_get_parent (footer) == NULL);

  self->footer = footer;
  gtk_widget_insert_before (footer, GTK_WIDGET (self),
                            self->handles->len > 0 ? g_ptr_array_index (self->handles, 0) : NULL);
}

GtkWidget *
ps_pane_stack_get_pane (PsPaneStack *self,
                        const char  *id)
{
  PsPane *pane;

  g_return_val_if_fail (PS_IS_PANE_STACK (self), NULL);

  pane = ps_pane_stack_find (self, id);
  return pane != NULL ? pane->widget : NULL;
}

void
ps_pane_stack_set_pane_visible (PsPaneStack *self,
                                const char  *id,
                                gboolean     visible)
{
  PsPane *pane;

  g_return_if_fail (PS_IS_PANE_STACK (self));

  pane = ps_pane_stack_find (self, id);
  g_return_if_fail (pane != NULL);

  /* The last pane shown stays: an empty chart is nobody's wish. */
  if (!visible && ps_pane_shown (pane) && ps_pane_stack_n_shown (self) <= 1)
    return;
  gtk_widget_set_visible (pane->widget, visible);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
ps_pane_stack_get_pane_visible (PsPaneStack *self,
                                const char  *id)
{
  PsPane *pane;

  g_return_val_if_fail (PS_IS_PANE_STACK (self), FALSE);

  pane = ps_pane_stack_find (self, id);
  return pane != NULL && ps_pane_shown (pane);
}

GVariant *
ps_pane_stack_get_sizes (PsPaneStack *self)
{
  GVariantBuilder builder;
  double weights = 0;

  g_return_val_if_fail (PS_IS_PANE_STACK (self), NULL);

  for (guint i = 0; i < self->panes->len; i++)
    weights += ps_pane_stack_pane (self, i)->weight;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  for (guint i = 0; i < self->panes->len; i++)
    {
      PsPane *pane = ps_pane_stack_pane (self, i);

      g_variant_builder_add (&builder, "{sd}", pane->id, pane->weight / weights);
    }
  return g_variant_builder_end (&builder);
}

void
ps_pane_stack_set_sizes (PsPaneStack *self,
                         GVariant    *sizes)
{
  GVariantIter iter;
  const char *id;
  double size;

  g_return_if_fail (PS_IS_PANE_STACK (self));
  g_return_if_fail (g_variant_is_of_type (sizes, G_VARIANT_TYPE ("a{sd}")));

  g_variant_iter_init (&iter, sizes);
  while (g_variant_iter_next (&iter, "{&sd}", &id, &size))
    {
      PsPane *pane = ps_pane_stack_find (self, id);

      if (pane != NULL && isfinite (size) && size > 0)
        pane->weight = size;
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
ps_pane_stack_reset_sizes (PsPaneStack *self)
{
  g_return_if_fail (PS_IS_PANE_STACK (self));

  for (guint i = 0; i < self->panes->len; i++)
    ps_pane_stack_pane (self, i)->weight = ps_pane_stack_pane (self, i)->share;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

GtkWidget *
ps_pane_stack_get_handle (PsPaneStack *self,
                          guint        i)
{
  g_return_val_if_fail (PS_IS_PANE_STACK (self), NULL);

  if (i + 1 >= ps_pane_stack_n_shown (self))
    return NULL;
  return g_ptr_array_index (self->handles, i);
}
