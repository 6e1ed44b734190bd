/* ps-chart-pane.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ps-chart-pane-private.h"
#include "ps-pane-kinds.h"
#include "ps-render.h"
#include "ps-render-heatmap.h"
#include "ps-time.h"



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

static gboolean ps_chart_pane_query_tooltip (GtkWidget  *widget,
                                             int         x,
                                             int         y,
                                             gboolean    keyboard,
                                             GtkTooltip *tooltip);

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

/* The model's predicted liquidations, while a result is there. */
static gboolean
ps_chart_pane_get_predicted (PsChartPane             *self,
                             PsPredictedLiquidations *predicted)
{
  PsHeatmap *heatmap = self->analysis ? ps_analysis_get_heatmap (self->analysis, PS_HEATMAP_MODEL)
                                      : NULL;

  if (heatmap == NULL || !self->show_heatmap)
    return FALSE;
  *predicted = ps_predicted_liquidations_from_heatmap (heatmap);
  return TRUE;
}

static const GArray *
ps_chart_pane_get_periods (PsChartPane *self)
{
  if (self->analysis == NULL)
    return NULL;
  return ps_treadmill_get_periods (ps_analysis_get_treadmill (self->analysis));
}

void
_ps_chart_pane_draw_data (PsChartPane        *self,
                         cairo_t            *cr,
                         const PsRect       *rect,
                         const PsChartStyle *style)
{
  PsMarketSource *source = self->source;
  PsInterval interval = source ? ps_market_source_get_shown_interval (source) : PS_INTERVAL_NONE;
  char *price_title = NULL;
  char *liq_title = NULL;
  PsRecordedLiquidations liq;
  gboolean with_liq = ps_chart_pane_get_liquidations (self, &liq);

  if (self->kind == PS_CHART_PANE_TIME_LABELS)
    {
      const GArray *periods = ps_chart_pane_get_periods (self);
      PsRect ribbon = *rect;
      PsRect labels = *rect;

      /* The phases on the time axis, over its labels. */
      ribbon.height = ps_render_phase_ribbon_height (style);
      labels.y += ribbon.height;
      labels.height = MAX (0.0, labels.height - ribbon.height);
      if (periods != NULL)
        ps_render_phase_ribbon (cr, &ribbon, self->axis,
                                (const PsPhasePeriod *) (gconstpointer) periods->data,
                                periods->len, style);
      ps_render_time_labels (cr, &labels, self->axis, style);
      return;
    }

  if (source == NULL)
    {
      ps_render_empty (cr, rect, NULL, style);
      return;
    }

  switch (self->kind)
    {
    case PS_CHART_PANE_PRICE:
      price_title = g_strdup_printf (ps_market_source_get_is_demo (source)
                                     ? _("%s · %s · demo data") : _("%s · %s"),
                                     ps_market_source_get_shown_symbol (source),
                                     ps_interval_to_string (interval));
      {
        PsPriceLayers layers = { with_liq ? &liq : NULL, NULL, 0.0, NULL, 0 };

        _ps_chart_pane_fill_price_layers (self, &layers);

        if (self->show_heatmap && self->heat_image != NULL)
          {
            layers.heatmap = self->heat_image;
            layers.heatmap_opacity = self->heatmap_opacity;
          }
        if (self->show_heatmap && self->zones != NULL)
          {
            layers.zones = (const PsHeatZone *) (gconstpointer) self->zones->data;
            layers.n_zones = self->zones->len;
          }
        ps_render_price_layers (cr, rect, self->axis, ps_market_source_get_candles (source),
                                interval, &layers,
                                price_title, style);
        g_free (self->title);
        self->title = price_title;
      }
      break;

    case PS_CHART_PANE_OPEN_INTEREST:
      g_free (self->title);
      self->title = _ps_chart_pane_draw_open_interest (self, source, cr, rect, style);
      break;

    case PS_CHART_PANE_FUNDING:
      g_free (self->title);
      self->title = _ps_chart_pane_draw_funding (self, source, cr, rect, style);
      break;

    case PS_CHART_PANE_LIQUIDATIONS:
      /* The demo market comes with no recordings: say so, not "a lower bound". */
      liq_title = ps_market_source_get_is_demo (source)
                  ? g_strdup (_("Liquidations · demo data: none recorded"))
                  : ps_render_liquidations_title (ps_market_source_get_shown_venue_name (source));
      {
        PsPredictedLiquidations predicted;
        gboolean with_predicted = ps_chart_pane_get_predicted (self, &predicted);

        ps_render_liquidations_with_predicted (cr, rect, self->axis, &liq,
                                               with_predicted ? &predicted : NULL,
                                               interval, liq_title, style);
        g_free (self->title);
        self->title = liq_title;
      }
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

  /* Drawn here unless the stack drew every pane at once just before. */
  ps_chart_pane_render_all (&self, 1);

  if (self->node != NULL)
    gtk_snapshot_append_node (snapshot, self->node);

  /* The focus ring, drawn here: the panes' opaque data cover any CSS
   * outline that the theme would draw. */
  if (gtk_widget_has_visible_focus (widget))
    {
      GskRoundedRect ring;
      const GdkRGBA accent = { 0.21, 0.52, 0.89, 0.7 };   /* Adwaita's blue */

      gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 0);
      gtk_snapshot_append_border (snapshot, &ring, (const float[4]) { 2, 2, 2, 2 },
                                  (const GdkRGBA[4]) { accent, accent, accent, accent });
    }

  /* Why stretches are empty, over the data layer: cheap, a few bands. */
  if (self->source != NULL && self->kind != PS_CHART_PANE_TIME_LABELS &&
      ps_market_source_get_empty_spans (self->source)->len > 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      _ps_chart_pane_draw_empty (cr, &rect, &style, self->kind, self->source, self->axis);
      cairo_destroy (cr);
    }

  if (self->selection == NULL)
    return;

  if (ps_selection_get_kind (self->selection) != PS_SELECTION_NONE &&
      self->kind != PS_CHART_PANE_TIME_LABELS)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      _ps_chart_pane_draw_selection (self, cr, &rect, &style);
      cairo_destroy (cr);
    }

  if (ps_selection_get_cursor_ms (self->selection) != PS_TIME_NONE)
    {
      PsRecordedLiquidations liq;
      PsPredictedLiquidations predicted;
      PsPaneCrosshair crosshair = {
        self->kind, self->source, self->axis,
        ps_chart_pane_get_liquidations (self, &liq) ? &liq : NULL,
        ps_chart_pane_get_predicted (self, &predicted) ? &predicted : NULL,
        ps_selection_get_cursor_ms (self->selection), self->pointer_y,
        self->title, _ps_chart_pane_get_options (self),
      };

      /* The time chip goes over the labels, under the phase ribbon. */
      if (self->kind == PS_CHART_PANE_TIME_LABELS)
        {
          rect.y = ps_render_phase_ribbon_height (&style);
          rect.height = MAX (0.0, height - rect.y);
        }
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      _ps_chart_pane_draw_crosshair (cr, &rect, &style, &crosshair);
      cairo_destroy (cr);
    }
}

static void
ps_chart_pane_state_flags_changed (GtkWidget     *widget,
                                   GtkStateFlags  previous)
{
  GtkStateFlags now = gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (ps_chart_pane_parent_class)->state_flags_changed (widget, previous);
  if ((now ^ previous) & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
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

  g_clear_object (&self->source);
  g_clear_object (&self->axis);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->liquidations, ps_liquidations_unref);
  g_clear_pointer (&self->not_recorded, g_array_unref);
  g_clear_pointer (&self->analysis, ps_analysis_unref);
  g_clear_pointer (&self->heat_image, ps_heatmap_image_free);
  g_clear_pointer (&self->zones, g_array_unref);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->title, g_free);
  _ps_chart_pane_clear_options (self);

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
      if (!_ps_chart_pane_get_option (self, prop_id, value))
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
      /* The ribbon's phases; the other panes' titles say what they show. */
      gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ps_chart_pane_kind_to_label (self->kind),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Left and Right move in time, Home shows all the data"),
                                      -1);
      break;

    default:
      if (!_ps_chart_pane_set_option (self, prop_id, value))
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
  widget_class->state_flags_changed = ps_chart_pane_state_flags_changed;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PS_TYPE_CHART_PANE_KIND, PS_CHART_PANE_PRICE,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  _ps_chart_pane_install_options (object_class, N_PROPS);

  widget_class->query_tooltip = ps_chart_pane_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "chartpane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

/* On a pane's title row (or asked from the keyboard): what the pane shows,
 * in the words of the pane table that the menu and reports use too. */
static gboolean
ps_chart_pane_query_title_tooltip (PsChartPane *self,
                                   int          x,
                                   int          y,
                                   gboolean     keyboard,
                                   GtkTooltip  *tooltip)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (PS_TYPE_CHART_PANE_KIND);
  GEnumValue *value = g_enum_get_value (kinds, self->kind);
  const PsPaneKind *kind = value != NULL ? ps_pane_kinds_lookup (value->value_nick) : NULL;
  PsChartStyle style;

  ps_chart_pane_get_style (self, &style);
  if (kind == NULL || kind->description == NULL ||
      (!keyboard && (y > style.font_size * 2.2 || x > ps_chart_pane_plot_width (self) / 3)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, _(kind->description));
  return TRUE;
}

/* The time pane's ribbon: the phase under the pointer, with its reasons. */
static gboolean
ps_chart_pane_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip)
{
  PsChartPane *self = PS_CHART_PANE (widget);
  const GArray *periods = ps_chart_pane_get_periods (self);
  const PsPhasePeriod *period;
  g_autofree char *text = NULL;
  PsChartStyle style;
  PsRect rect;

  if (self->kind != PS_CHART_PANE_TIME_LABELS)
    return ps_chart_pane_query_title_tooltip (self, x, y, keyboard, tooltip);
  if (periods == NULL || self->axis == NULL || keyboard)
    return FALSE;

  ps_chart_pane_get_style (self, &style);
  rect = (PsRect) { 0, 0, gtk_widget_get_width (widget), ps_render_phase_ribbon_height (&style) };
  /* The labels under the ribbon count too: it is a thin target. */
  period = ps_render_phase_ribbon_hit (&rect, self->axis,
                                      (const PsPhasePeriod *) (gconstpointer) periods->data,
                                      periods->len, &style, x);
  if (period == NULL)
    return FALSE;
  text = ps_render_phase_tooltip (period, ps_time_axis_get_utc (self->axis));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
ps_chart_pane_init (PsChartPane *self)
{
  self->pointer_x = -1;
  self->pointer_y = NAN;

  /* Focusable, so that the keys reach the chart after a click on it; the
   * snapshot draws its focus ring. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  _ps_chart_pane_add_pointer (self);
  _ps_chart_pane_add_keys (self);
  _ps_chart_pane_add_gestures (self);
  _ps_chart_pane_add_select (self);


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
ps_chart_pane_set_source (PsChartPane    *self,
                          PsMarketSource *source)
{
  g_return_if_fail (PS_IS_CHART_PANE (self));
  g_return_if_fail (!source || PS_IS_MARKET_SOURCE (source));

  if (self->source == source)
    return;

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  if (source != NULL)
    g_signal_connect_object (source, "changed", G_CALLBACK (ps_chart_pane_data_changed_cb),
                             self, G_CONNECT_SWAPPED);
  /* The venue's next funding is in the funding pane's header. */
  if (source != NULL && self->kind == PS_CHART_PANE_FUNDING)
    g_signal_connect_object (source, "next-funding-changed",
                             G_CALLBACK (ps_chart_pane_data_changed_cb), self, G_CONNECT_SWAPPED);
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
  PsHeatmap *heatmap, *shown;

  g_return_if_fail (PS_IS_CHART_PANE (self));

  if (self->analysis == analysis && self->show_heatmap == show_heatmap &&
      self->heatmap_opacity == heatmap_opacity)
    return;
  heatmap = analysis ? ps_analysis_get_heatmap (analysis, PS_HEATMAP_MODEL) : NULL;
  shown = self->analysis ? ps_analysis_get_heatmap (self->analysis, PS_HEATMAP_MODEL) : NULL;
  /* One pass over the new grid now; frames only place the image. A result
   * over new liquidations only shares the last one's heatmap
   * (ps_analysis_run ()): its image and zones stay, where rebuilding them
   * cost the main thread ~15–25 ms a result, several a second. */
  if (self->analysis != analysis && self->kind == PS_CHART_PANE_PRICE &&
      (heatmap == NULL || heatmap != shown))
    {
      PsCandles *candles = self->source ? ps_market_source_get_candles (self->source) : NULL;

      if (self->heat_image == NULL)
        self->heat_image = ps_heatmap_image_new ();
      ps_heatmap_image_set_grid (self->heat_image, heatmap ? ps_heatmap_get_grid (heatmap) : NULL);
      g_clear_pointer (&self->zones, g_array_unref);
      if (heatmap != NULL && candles != NULL && candles->n > 0)
        self->zones = ps_heatmap_get_zones (heatmap, ps_candles_close_at (candles, candles->n - 1));
    }
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

PsChartPaneOptions *
_ps_chart_pane_get_options (PsChartPane *self)
{
  return &self->options;
}

PsTimeAxis *
_ps_chart_pane_get_axis (PsChartPane *self)
{
  g_return_val_if_fail (PS_IS_CHART_PANE (self), NULL);

  return self->axis;
}

guint
ps_chart_pane_get_n_renders (PsChartPane *self)
{
  g_return_val_if_fail (PS_IS_CHART_PANE (self), 0);

  return self->n_renders;
}

PsMarketSource *
_ps_chart_pane_get_source (PsChartPane *self)
{
  g_return_val_if_fail (PS_IS_CHART_PANE (self), NULL);

  return self->source;
}

PsSelection *
_ps_chart_pane_get_selection (PsChartPane *self)
{
  g_return_val_if_fail (PS_IS_CHART_PANE (self), NULL);

  return self->selection;
}

PsHeatmap *
_ps_chart_pane_get_heatmap (PsChartPane *self)
{
  g_return_val_if_fail (PS_IS_CHART_PANE (self), NULL);

  if (!self->show_heatmap || self->analysis == NULL)
    return NULL;
  return ps_analysis_get_heatmap (self->analysis, PS_HEATMAP_MODEL);
}

const GArray *
_ps_chart_pane_get_zones (PsChartPane *self)
{
  g_return_val_if_fail (PS_IS_CHART_PANE (self), NULL);

  return self->show_heatmap ? self->zones : NULL;
}

void
_ps_chart_pane_get_recorded_liq (PsChartPane            *self,
                                 PsRecordedLiquidations *liq)
{
  g_return_if_fail (PS_IS_CHART_PANE (self));

  ps_chart_pane_get_liquidations (self, liq);
}

gboolean
_ps_chart_pane_get_predicted_liq (PsChartPane             *self,
                                  PsPredictedLiquidations *predicted)
{
  g_return_val_if_fail (PS_IS_CHART_PANE (self), FALSE);

  return ps_chart_pane_get_predicted (self, predicted);
}

void
_ps_chart_pane_get_style (PsChartPane  *self,
                          PsChartStyle *style)
{
  g_return_if_fail (PS_IS_CHART_PANE (self));

  ps_chart_pane_get_style (self, style);
}

double
_ps_chart_pane_get_plot_width (PsChartPane *self)
{
  g_return_val_if_fail (PS_IS_CHART_PANE (self), 1.0);

  return ps_chart_pane_plot_width (self);
}
