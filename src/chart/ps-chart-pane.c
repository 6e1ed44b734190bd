/* ps-chart-pane.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ps-chart-pane.h"
#include "ps-render.h"

/* Below this many pixels of movement a press and release is a click. */
#define CLICK_SLOP_PX 4.0
/* One wheel notch zooms by this factor. */
#define ZOOM_STEP 1.15

struct _PsChartPane
{
  GtkWidget        parent_instance;

  PsChartPaneKind  kind;
  PsMarket        *market;
  PsTimeAxis      *axis;
  PsSelection     *selection;
  PsLiquidations  *liquidations;
  GArray          *not_recorded;    /* PsTimeSpan */
  PsAnalysis      *analysis;
  double           heatmap_opacity;
  gboolean         show_heatmap;

  /* The data layer drawn once; cursor and selection are drawn over it. */
  GskRenderNode   *node;
  int              node_width;
  int              node_height;
  guint            n_renders;

  double           pointer_x;
  double           drag_last_x;
  gboolean         dragging;
};

G_DEFINE_FINAL_TYPE (PsChartPane, ps_chart_pane, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (PsChartPaneKind, ps_chart_pane_kind,
  G_DEFINE_ENUM_VALUE (PS_CHART_PANE_PRICE, "price"),
  G_DEFINE_ENUM_VALUE (PS_CHART_PANE_OPEN_INTEREST, "open-interest"),
  G_DEFINE_ENUM_VALUE (PS_CHART_PANE_FUNDING, "funding"),
  G_DEFINE_ENUM_VALUE (PS_CHART_PANE_TIME_LABELS, "time-labels"),
  G_DEFINE_ENUM_VALUE (PS_CHART_PANE_LIQUIDATIONS, "liquidations"))

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ps_chart_pane_get_style (PsChartPane  *self,
                         PsChartStyle *style)
{
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    ps_chart_style_init_dark (style);
  else
    ps_chart_style_init_light (style);
}

static double
ps_chart_pane_plot_width (PsChartPane *self)
{
  PsChartStyle style;

  ps_chart_pane_get_style (self, &style);
  return MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)) - style.gutter);
}

static gboolean
ps_chart_pane_get_liquidations (PsChartPane            *self,
                                PsRecordedLiquidations *liq)
{
  *liq = (PsRecordedLiquidations) {
    self->liquidations,
    self->not_recorded != NULL ? (const PsTimeSpan *) (gconstpointer) self->not_recorded->data
                               : NULL,
    self->not_recorded != NULL ? self->not_recorded->len : 0,
  };
  return liq->events != NULL || liq->n_not_recorded > 0;
}

static void
ps_chart_pane_draw_data (PsChartPane        *self,
                         cairo_t            *cr,
                         const PsRect       *rect,
                         const PsChartStyle *style)
{
  g_autofree char *price_title = NULL;
  g_autofree char *funding_title = NULL;
  g_autofree char *liq_title = NULL;
  PsRecordedLiquidations liq;
  gboolean with_liq = ps_chart_pane_get_liquidations (self, &liq);

  if (self->kind == PS_CHART_PANE_TIME_LABELS)
    {
      ps_render_time_labels (cr, rect, self->axis, style);
      return;
    }

  if (self->market == NULL)
    {
      ps_render_empty (cr, rect, NULL, style);
      return;
    }

  switch (self->kind)
    {
    case PS_CHART_PANE_PRICE:
      price_title = g_strdup_printf (ps_market_get_is_demo (self->market) ? _("%s · %s · demo data")
                                                                           : _("%s · %s"),
                                     ps_market_get_shown_symbol (self->market),
                                     ps_interval_to_string (ps_market_get_shown_interval (self->market)));
      ps_render_price_with_liquidations (cr, rect, self->axis,
                                         ps_market_get_candles (self->market),
                                         ps_market_get_shown_interval (self->market),
                                         with_liq ? &liq : NULL, price_title, style);
      break;

    case PS_CHART_PANE_OPEN_INTEREST:
      ps_render_open_interest (cr, rect, self->axis, ps_market_get_open_interest (self->market),
                               _("Open interest (USD)"), style);
      break;

    case PS_CHART_PANE_FUNDING:
      funding_title = ps_render_funding_title (ps_market_get_funding (self->market));
      ps_render_funding (cr, rect, self->axis, ps_market_get_funding (self->market),
                         funding_title, style);
      break;

    case PS_CHART_PANE_LIQUIDATIONS:
      /* The demo market comes with no recordings: say so, not "a lower bound". */
      liq_title = ps_market_get_is_demo (self->market)
                  ? g_strdup (_("Liquidations · demo data: none recorded"))
                  : ps_render_liquidations_title (ps_market_get_shown_venue_name (self->market));
      ps_render_liquidations (cr, rect, self->axis, &liq,
                              ps_market_get_shown_interval (self->market), liq_title, style);
      break;

    case PS_CHART_PANE_TIME_LABELS:
    default:
      g_assert_not_reached ();
    }
}

static void
ps_chart_pane_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PsChartPane *self = PS_CHART_PANE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PsRect rect = { 0, 0, width, height };
  PsChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->axis == NULL)
    return;

  ps_chart_pane_get_style (self, &style);

  if (self->node == NULL || self->node_width != width || self->node_height != height)
    {
      GtkSnapshot *inner = gtk_snapshot_new ();

      cr = gtk_snapshot_append_cairo (inner, &GRAPHENE_RECT_INIT (0, 0, width, height));
      ps_chart_pane_draw_data (self, cr, &rect, &style);
      cairo_destroy (cr);

      g_clear_pointer (&self->node, gsk_render_node_unref);
      self->node = gtk_snapshot_free_to_node (inner);
      self->node_width = width;
      self->node_height = height;
      self->n_renders++;
    }

  if (self->node != NULL)
    gtk_snapshot_append_node (snapshot, self->node);

  if (self->selection == NULL || self->kind == PS_CHART_PANE_TIME_LABELS)
    return;

  if (ps_selection_has_period (self->selection) ||
      ps_selection_get_cursor_ms (self->selection) != PS_TIME_NONE)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (ps_selection_has_period (self->selection))
        ps_render_selection (cr, &rect, self->axis,
                             ps_selection_get_from_ms (self->selection),
                             ps_selection_get_to_ms (self->selection), &style);
      if (ps_selection_get_cursor_ms (self->selection) != PS_TIME_NONE)
        ps_render_cursor (cr, &rect, self->axis, ps_selection_get_cursor_ms (self->selection), &style);
      cairo_destroy (cr);
    }
}

static gint64
ps_chart_pane_time_at (PsChartPane *self,
                       double       x)
{
  return ps_time_axis_from_x (self->axis, x, ps_chart_pane_plot_width (self));
}

static void
ps_chart_pane_motion_cb (PsChartPane              *self,
                         double                    x,
                         double                    y,
                         GtkEventControllerMotion *motion)
{
  g_assert (PS_IS_CHART_PANE (self));

  self->pointer_x = x;
  if (self->selection == NULL || self->axis == NULL)
    return;

  if (x >= ps_chart_pane_plot_width (self))
    ps_selection_set_cursor_ms (self->selection, PS_TIME_NONE);
  else
    ps_selection_set_cursor_ms (self->selection, ps_chart_pane_time_at (self, x));
}

static void
ps_chart_pane_leave_cb (PsChartPane              *self,
                        GtkEventControllerMotion *motion)
{
  g_assert (PS_IS_CHART_PANE (self));

  if (self->selection != NULL)
    ps_selection_set_cursor_ms (self->selection, PS_TIME_NONE);
}

/* A click selects the candle period under the pointer in every pane; a click
 * on the selected period clears it. */
static void
ps_chart_pane_click (PsChartPane *self,
                     double       x)
{
  PsInterval interval = PS_INTERVAL_1H;
  gint64 t, from;

  if (self->selection == NULL || self->axis == NULL || x >= ps_chart_pane_plot_width (self))
    return;

  if (self->market != NULL)
    interval = ps_market_get_shown_interval (self->market);

  t = ps_chart_pane_time_at (self, x);
  from = ps_interval_floor (interval, t);
  if (ps_selection_get_from_ms (self->selection) == from)
    ps_selection_clear (self->selection);
  else
    ps_selection_select (self->selection, from, from + ps_interval_to_ms (interval));
}

static void
ps_chart_pane_drag_begin_cb (PsChartPane    *self,
                             double          x,
                             double          y,
                             GtkGestureDrag *drag)
{
  g_assert (PS_IS_CHART_PANE (self));

  self->drag_last_x = 0;
  self->dragging = FALSE;
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
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  span = ps_time_axis_get_to_ms (self->axis) - ps_time_axis_get_from_ms (self->axis);
  ps_time_axis_pan (self->axis,
                    (gint64) (-(offset_x - self->drag_last_x) * span / ps_chart_pane_plot_width (self)));
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
    ps_chart_pane_click (self, start_x + offset_x);
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
  return TRUE;
}

static void
ps_chart_pane_data_changed_cb (PsChartPane *self)
{
  g_assert (PS_IS_CHART_PANE (self));

  ps_chart_pane_invalidate (self);
}

static void
ps_chart_pane_overlay_changed_cb (PsChartPane *self)
{
  g_assert (PS_IS_CHART_PANE (self));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ps_chart_pane_dispose (GObject *object)
{
  PsChartPane *self = PS_CHART_PANE (object);

  g_clear_object (&self->market);
  g_clear_object (&self->axis);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->liquidations, ps_liquidations_unref);
  g_clear_pointer (&self->not_recorded, g_array_unref);
  g_clear_pointer (&self->analysis, ps_analysis_unref);
  g_clear_pointer (&self->node, gsk_render_node_unref);

  G_OBJECT_CLASS (ps_chart_pane_parent_class)->dispose (object);
}

static void
ps_chart_pane_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PsChartPane *self = PS_CHART_PANE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_chart_pane_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PsChartPane *self = PS_CHART_PANE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_chart_pane_class_init (PsChartPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_chart_pane_dispose;
  object_class->get_property = ps_chart_pane_get_property;
  object_class->set_property = ps_chart_pane_set_property;
  widget_class->snapshot = ps_chart_pane_snapshot;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PS_TYPE_CHART_PANE_KIND, PS_CHART_PANE_PRICE,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chartpane");
}

static void
ps_chart_pane_init (PsChartPane *self)
{
  GtkEventController *motion;
  GtkEventController *scroll;
  GtkGesture *drag;

  self->pointer_x = -1;

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

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (ps_chart_pane_data_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
ps_chart_pane_new (PsChartPaneKind kind)
{
  return g_object_new (PS_TYPE_CHART_PANE, "kind", kind, NULL);
}

PsChartPaneKind
ps_chart_pane_get_kind (PsChartPane *self)
{
  g_return_val_if_fail (PS_IS_CHART_PANE (self), PS_CHART_PANE_PRICE);

  return self->kind;
}

void
ps_chart_pane_set_market (PsChartPane *self,
                          PsMarket    *market)
{
  g_return_if_fail (PS_IS_CHART_PANE (self));
  g_return_if_fail (!market || PS_IS_MARKET (market));

  if (self->market == market)
    return;

  if (self->market != NULL)
    g_signal_handlers_disconnect_by_data (self->market, self);
  g_set_object (&self->market, market);
  if (market != NULL)
    g_signal_connect_object (market, "changed", G_CALLBACK (ps_chart_pane_data_changed_cb),
                             self, G_CONNECT_SWAPPED);
  ps_chart_pane_invalidate (self);
}

void
ps_chart_pane_set_axis (PsChartPane *self,
                        PsTimeAxis  *axis)
{
  g_return_if_fail (PS_IS_CHART_PANE (self));
  g_return_if_fail (PS_IS_TIME_AXIS (axis));

  if (self->axis != NULL)
    g_signal_handlers_disconnect_by_data (self->axis, self);
  g_set_object (&self->axis, axis);
  g_signal_connect_object (axis, "changed", G_CALLBACK (ps_chart_pane_data_changed_cb),
                           self, G_CONNECT_SWAPPED);
  ps_chart_pane_invalidate (self);
}

void
ps_chart_pane_set_selection (PsChartPane *self,
                             PsSelection *selection)
{
  g_return_if_fail (PS_IS_CHART_PANE (self));
  g_return_if_fail (PS_IS_SELECTION (selection));

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, selection);
  g_signal_connect_object (selection, "notify", G_CALLBACK (ps_chart_pane_overlay_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ps_chart_pane_set_liquidations (PsChartPane    *self,
                                PsLiquidations *events,
                                GArray         *not_recorded)
{
  g_return_if_fail (PS_IS_CHART_PANE (self));
  g_return_if_fail (not_recorded == NULL ||
                    g_array_get_element_size (not_recorded) == sizeof (PsTimeSpan));

  /* The same series again may have grown (live events): redraw anyway. */
  if (events != NULL)
    ps_liquidations_ref (events);
  g_clear_pointer (&self->liquidations, ps_liquidations_unref);
  self->liquidations = events;
  if (not_recorded != NULL)
    g_array_ref (not_recorded);
  g_clear_pointer (&self->not_recorded, g_array_unref);
  self->not_recorded = not_recorded;
  ps_chart_pane_invalidate (self);
}

void
ps_chart_pane_set_analysis (PsChartPane *self,
                            PsAnalysis  *analysis,
                            gboolean     show_heatmap,
                            double       heatmap_opacity)
{
  g_return_if_fail (PS_IS_CHART_PANE (self));

  if (self->analysis == analysis && self->show_heatmap == show_heatmap &&
      self->heatmap_opacity == heatmap_opacity)
    return;
  if (analysis != NULL)
    ps_analysis_ref (analysis);
  g_clear_pointer (&self->analysis, ps_analysis_unref);
  self->analysis = analysis;
  self->show_heatmap = show_heatmap;
  self->heatmap_opacity = heatmap_opacity;
  ps_chart_pane_invalidate (self);
}

void
ps_chart_pane_invalidate (PsChartPane *self)
{
  g_return_if_fail (PS_IS_CHART_PANE (self));

  g_clear_pointer (&self->node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
ps_chart_pane_get_n_renders (PsChartPane *self)
{
  g_return_val_if_fail (PS_IS_CHART_PANE (self), 0);

  return self->n_renders;
}
