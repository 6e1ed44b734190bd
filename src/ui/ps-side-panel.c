/* ps-side-panel.c: the PsPeriodSummary of the selection, as boxed lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ps-period-summary.h"
#include "ps-render.h"
#include "ps-side-panel.h"
#include "ps-time.h"

typedef enum
{
  GROUP_PRICE,
  GROUP_OI,
  GROUP_FUNDING,
  GROUP_LIQ,
  GROUP_BAND_VIEW,
  GROUP_BAND_RANGE,
  N_GROUPS
} PsSideGroup;

typedef enum
{
  ROW_OPEN, ROW_HIGH, ROW_LOW, ROW_CLOSE, ROW_CHANGE, ROW_VOLUME,
  ROW_OI_START, ROW_OI_END, ROW_OI_CHANGE,
  ROW_FUNDING_RATE, ROW_FUNDING_SUM, ROW_FUNDING_ANNUAL,
  ROW_LIQ_LONG, ROW_LIQ_SHORT, ROW_PRED_LONG, ROW_PRED_SHORT,
  ROW_BAND_VIEW_LONG, ROW_BAND_VIEW_SHORT, ROW_BAND_RANGE_LONG, ROW_BAND_RANGE_SHORT,
  N_ROWS
} PsSideRow;

/* The rows, described once: built into their groups when first shown. */
static const struct
{
  PsSideGroup  group;
  const char  *id;
  const char  *title;
} ps_side_rows[N_ROWS] = {
  /* Translators: the side panel's price rows: the prices at the open, the high, the low and
   * the close (nouns, not verbs) */
  [ROW_OPEN] = { GROUP_PRICE, "open", N_("Open") },
  [ROW_HIGH] = { GROUP_PRICE, "high", N_("High") },
  [ROW_LOW] = { GROUP_PRICE, "low", N_("Low") },
  /* Translators: the closing price (a noun, not "close the window") */
  [ROW_CLOSE] = { GROUP_PRICE, "close", N_("Close") },
  [ROW_CHANGE] = { GROUP_PRICE, "change", N_("Change") },
  [ROW_VOLUME] = { GROUP_PRICE, "volume", N_("Volume") },
  [ROW_OI_START] = { GROUP_OI, "oi-start", N_("At start") },
  [ROW_OI_END] = { GROUP_OI, "oi-end", N_("At end") },
  /* Translators: the change of open interest over the selection (a noun) */
  [ROW_OI_CHANGE] = { GROUP_OI, "oi-change", N_("Change") },
  /* Translators: the funding rate (the funding group's first row) */
  [ROW_FUNDING_RATE] = { GROUP_FUNDING, "funding-rate", N_("Rate") },
  [ROW_FUNDING_SUM] = { GROUP_FUNDING, "funding-sum", N_("Sum of settlements") },
  [ROW_FUNDING_ANNUAL] = { GROUP_FUNDING, "funding-annual", N_("Annualised") },
  [ROW_LIQ_LONG] = { GROUP_LIQ, "liq-long", N_("Longs recorded") },
  [ROW_LIQ_SHORT] = { GROUP_LIQ, "liq-short", N_("Shorts recorded") },
  [ROW_PRED_LONG] = { GROUP_LIQ, "predicted-long", N_("Longs predicted (model)") },
  [ROW_PRED_SHORT] = { GROUP_LIQ, "predicted-short", N_("Shorts predicted (model)") },
  [ROW_BAND_VIEW_LONG] = { GROUP_BAND_VIEW, "band-view-long", N_("Longs") },
  [ROW_BAND_VIEW_SHORT] = { GROUP_BAND_VIEW, "band-view-short", N_("Shorts") },
  [ROW_BAND_RANGE_LONG] = { GROUP_BAND_RANGE, "band-range-long", N_("Longs") },
  [ROW_BAND_RANGE_SHORT] = { GROUP_BAND_RANGE, "band-range-short", N_("Shorts") },
};

struct _PsSidePanel
{
  GtkWidget         parent_instance;

  PsSelection      *selection;
  PsTimeAxis       *axis;
  PsMarketAnalysis *analysis;
  PsMarketSource   *market;

  /* Template children */
  GtkStack         *stack;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  AdwPreferencesGroup *price_group;
  AdwPreferencesGroup *oi_group;
  AdwPreferencesGroup *funding_group;
  AdwPreferencesGroup *liq_group;
  AdwPreferencesGroup *band_view_group;
  AdwPreferencesGroup *band_range_group;
  AdwPreferencesGroup *phase_group;
  GtkLabel         *phase_label;
  GtkLabel         *reasons_label;

  AdwPreferencesGroup *groups[N_GROUPS];
  AdwActionRow     *rows[N_ROWS];
  GtkLabel         *values[N_ROWS];
};

G_DEFINE_FINAL_TYPE (PsSidePanel, ps_side_panel, GTK_TYPE_WIDGET)

/* The summary's rows, built when first shown: a window opens with nothing
 * selected, and twenty action rows are ~10 ms of its launch. */
static void
ps_side_panel_ensure_rows (PsSidePanel *self)
{
  if (self->rows[0] != NULL)
    return;

  for (guint r = 0; r < N_ROWS; r++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *value = gtk_label_new ("—");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(ps_side_rows[r].title));
      gtk_widget_add_css_class (GTK_WIDGET (row), "summary-row");
      gtk_label_set_xalign (GTK_LABEL (value), 1.0);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (row, value);
      adw_preferences_group_add (self->groups[ps_side_rows[r].group], GTK_WIDGET (row));
      self->rows[r] = row;
      self->values[r] = GTK_LABEL (value);
    }
}

/* A row's value, right-aligned in tabular figures; NULL shows a dash. */
static void
ps_side_panel_set (PsSidePanel *self,
                   PsSideRow    row,
                   char        *text,
                   const char  *subtitle)
{
  g_autofree char *owned = text;

  gtk_label_set_text (self->values[row], text != NULL ? text : "—");
  adw_action_row_set_subtitle (self->rows[row], subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->rows[row]), TRUE);
}

static char *
ps_side_price (double price)
{
  return isfinite (price) ? ps_format_price (price) : NULL;
}

static char *
ps_side_usd (double usd)
{
  return isfinite (usd) ? ps_format_usd_compact (usd) : NULL;
}

/* "+$12.3M (+1.52%)", with real minus signs. */
static char *
ps_side_usd_change (double usd,
                    double pct)
{
  g_autofree char *u = NULL;
  g_autofree char *p = NULL;

  if (!isfinite (usd))
    return NULL;
  u = ps_format_usd_compact (usd);
  if (!isfinite (pct))
    return g_strdup_printf ("%s%s", usd > 0 ? "+" : "", u);
  p = ps_format_percent (pct / 100.0, 2);
  return g_strdup_printf ("%s%s (%s%s)", usd > 0 ? "+" : "", u, pct > 0 ? "+" : "", p);
}

static char *
ps_side_percent (double fraction,
                 int    decimals)
{
  g_autofree char *p = NULL;

  if (!isfinite (fraction))
    return NULL;
  p = ps_format_percent (fraction, decimals);
  return g_strdup_printf ("%s%s", fraction > 0 ? "+" : "", p);
}

static char *
ps_side_count (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u liquidation", "%u liquidations", n), n);
}

static void
ps_side_panel_set_liq (PsSidePanel *self,
                       PsSideRow    row,
                       double       usd,
                       guint        n,
                       gboolean     known)
{
  g_autofree char *count = known ? ps_side_count (n) : NULL;

  ps_side_panel_set (self, row, known ? ps_side_usd (usd) : NULL, count);
}

static const char *
ps_side_recording_caveat (PsRecording recording,
                          gboolean    demo)
{
  if (demo)
    return _("Demo data: no liquidations were recorded.");
  switch (recording)
    {
    case PS_RECORDING_NONE:
      return _("Not recorded: nothing was listening then.");
    case PS_RECORDING_PARTIAL:
      return _("Partly recorded: a lower bound, nothing was listening for part of this time.");
    case PS_RECORDING_FULL:
    default:
      return _("At least this much: the venue streams at most one liquidation per symbol per "
               "second.");
    }
}

/* "2025-12-01 08:00 UTC → 2025-12-01 16:00 UTC · 8 h" */
static char *
ps_side_span_text (PsSidePanel *self,
                   gint64       from_ms,
                   gint64       to_ms)
{
  gboolean utc = self->axis == NULL || ps_time_axis_get_utc (self->axis);
  g_autofree char *from = ps_time_format (from_ms, utc);
  g_autofree char *to = ps_time_format (to_ms, utc);
  gint64 minutes = (to_ms - from_ms) / 60000;
  g_autofree char *length = NULL;

  if (minutes % (24 * 60) == 0)
    length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                           (gulong) (minutes / (24 * 60))),
                              (guint) (minutes / (24 * 60)));
  else if (minutes >= 2 * 24 * 60)
    /* TRANSLATORS: a length of time in days and hours */
    length = g_strdup_printf (_("%u d %u h"), (guint) (minutes / (24 * 60)),
                              (guint) (minutes / 60 % 24));
  else if (minutes % 60 == 0)
    /* Translators: the length of a selected range, "6 h", "2 h 05 min": h and min abbreviate
     * hour and minute */
    length = g_strdup_printf (_("%u h"), (guint) (minutes / 60));
  else
    length = g_strdup_printf (_("%u h %02u min"), (guint) (minutes / 60), (guint) (minutes % 60));
  return g_strdup_printf ("%s →\n%s · %s", from, to, length);
}

static const char *
ps_side_title (PsSelectionKind     kind,
               PsSelectionElement  element)
{
  if (kind == PS_SELECTION_RANGE)
    return _("Selected Range");
  switch (element)
    {
    case PS_SELECTION_ELEMENT_FUNDING:
      return _("Funding Settlement Period");
    case PS_SELECTION_ELEMENT_OPEN_INTEREST:
      return _("Open Interest Sample");
    case PS_SELECTION_ELEMENT_LIQUIDATIONS:
      return _("Liquidations of a Candle");
    case PS_SELECTION_ELEMENT_HEATMAP:
      return _("Heatmap Band");
    case PS_SELECTION_ELEMENT_HOT_ZONE:
      return _("Hot Zone");
    case PS_SELECTION_ELEMENT_CANDLE:
    case PS_SELECTION_ELEMENT_NONE:
    default:
      return _("Candle");
    }
}

static void
ps_side_panel_show_groups (PsSidePanel *self,
                           gboolean     band)
{
  for (guint g = 0; g < N_GROUPS; g++)
    gtk_widget_set_visible (GTK_WIDGET (self->groups[g]),
                            band == (g == GROUP_BAND_VIEW || g == GROUP_BAND_RANGE));
}

static void
ps_side_panel_show_period (PsSidePanel            *self,
                           const PsMarketSnapshot *snap,
                           PsAnalysis             *analysis)
{
  gint64 from = ps_selection_get_from_ms (self->selection);
  gint64 to = ps_selection_get_to_ms (self->selection);
  gboolean range = ps_selection_get_kind (self->selection) == PS_SELECTION_RANGE;
  g_autofree char *span = ps_side_span_text (self, from, to);
  g_autofree char *funding_note = NULL;
  g_autofree char *price_note = NULL;
  PsPeriodSummary s;
  gboolean known;

  ps_period_summary_init (&s, snap, analysis, from, to);
  ps_side_panel_show_groups (self, FALSE);
  gtk_label_set_text (self->subtitle_label, span);

  ps_side_panel_set (self, ROW_OPEN, ps_side_price (s.open), NULL);
  ps_side_panel_set (self, ROW_HIGH, ps_side_price (s.high), NULL);
  ps_side_panel_set (self, ROW_LOW, ps_side_price (s.low), NULL);
  ps_side_panel_set (self, ROW_CLOSE, ps_side_price (s.close), NULL);
  ps_side_panel_set (self, ROW_CHANGE, ps_side_percent (s.change_pct / 100.0, 2), NULL);
  ps_side_panel_set (self, ROW_VOLUME, ps_side_price (s.volume), NULL);
  if (s.n_candles > 1)
    price_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u candle", "%u candles",
                                               s.n_candles), s.n_candles);
  adw_preferences_group_set_description (self->price_group,
                                         s.n_candles == 0 ? _("No candles in this time")
                                                          : price_note);

  ps_side_panel_set (self, ROW_OI_START, ps_side_usd (s.oi_start_usd), NULL);
  ps_side_panel_set (self, ROW_OI_END, ps_side_usd (s.oi_end_usd), NULL);
  ps_side_panel_set (self, ROW_OI_CHANGE, ps_side_usd_change (s.oi_delta_usd, s.oi_delta_pct),
                     NULL);

  /* One settlement: its rate; several: the mean, and the sum paid. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[ROW_FUNDING_RATE]),
                                 s.n_funding > 1 ? _("Mean per settlement") : _("Rate"));
  ps_side_panel_set (self, ROW_FUNDING_RATE, ps_side_percent (s.funding_mean, 4), NULL);
  ps_side_panel_set (self, ROW_FUNDING_SUM, ps_side_percent (s.funding_sum, 4), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->rows[ROW_FUNDING_SUM]), range || s.n_funding > 1);
  ps_side_panel_set (self, ROW_FUNDING_ANNUAL, ps_side_percent (s.funding_annual, 1), NULL);
  if (s.n_funding > 0)
    funding_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u settlement, every %u h",
                                                 "%u settlements, every %u h", s.n_funding),
                                    s.n_funding, (guint) (s.funding_spacing_ms / 3600000));
  if (ps_selection_get_element (self->selection) == PS_SELECTION_ELEMENT_FUNDING &&
      s.n_funding == 1)
    {
      g_autofree char *when = ps_time_format (to, self->axis == NULL ||
                                                  ps_time_axis_get_utc (self->axis));

      /* The bar stands at the settlement; the band is the time it paid for. */
      g_free (funding_note);
      funding_note = g_strdup_printf (_("Settled at %s, for the %u h before"), when,
                                      (guint) (s.funding_spacing_ms / 3600000));
    }
  adw_preferences_group_set_description (self->funding_group,
                                         funding_note ? funding_note
                                                      : _("No settlement in this time"));

  known = s.recorded.recording != PS_RECORDING_NONE && !snap->is_demo;
  ps_side_panel_set_liq (self, ROW_LIQ_LONG, s.recorded.long_usd, s.recorded.n_long, known);
  ps_side_panel_set_liq (self, ROW_LIQ_SHORT, s.recorded.short_usd, s.recorded.n_short, known);
  ps_side_panel_set (self, ROW_PRED_LONG, ps_side_usd (s.predicted_long_usd),
                     isnan (s.predicted_long_usd) ? _("No heatmap yet") : NULL);
  ps_side_panel_set (self, ROW_PRED_SHORT, ps_side_usd (s.predicted_short_usd),
                     isnan (s.predicted_short_usd) ? _("No heatmap yet") : NULL);
  adw_preferences_group_set_description (self->liq_group,
                                         ps_side_recording_caveat (s.recorded.recording,
                                                                   snap->is_demo));

  gtk_widget_set_visible (GTK_WIDGET (self->phase_group), analysis != NULL);
  gtk_label_set_text (self->phase_label, s.phase != PS_PHASE_NONE ? ps_phase_get_label (s.phase)
                                                                  : _("No phase"));
  gtk_label_set_text (self->reasons_label,
                      s.phase_reasons ? s.phase_reasons
                                      : _("None of the treadmill's rules held at the last candle."));
  adw_preferences_group_set_description (self->phase_group, _("At the last candle"));
  ps_period_summary_clear (&s);
}

static void
ps_side_panel_show_band (PsSidePanel            *self,
                         const PsMarketSnapshot *snap)
{
  double low = ps_selection_get_price_low (self->selection);
  double high = ps_selection_get_price_high (self->selection);
  gint64 from = self->axis ? ps_time_axis_get_from_ms (self->axis) : snap->shown_from_ms;
  gint64 to = self->axis ? ps_time_axis_get_to_ms (self->axis) : snap->shown_to_ms;
  g_autofree char *lo = ps_format_price (low);
  g_autofree char *hi = ps_format_price (high);
  g_autofree char *prices = g_strdup_printf (_("%s – %s"), lo, hi);
  g_autofree char *view = ps_side_span_text (self, from, to);
  g_autofree char *all = ps_side_span_text (self, snap->shown_from_ms, snap->shown_to_ms);
  PsBandSummary b;
  gboolean view_known, all_known;

  ps_band_summary_init (&b, snap, low, high, from, to);
  ps_side_panel_show_groups (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->phase_group), FALSE);
  gtk_label_set_text (self->subtitle_label, prices);

  view_known = b.in_view.recording != PS_RECORDING_NONE && !snap->is_demo;
  all_known = b.in_range.recording != PS_RECORDING_NONE && !snap->is_demo;
  ps_side_panel_set_liq (self, ROW_BAND_VIEW_LONG, b.in_view.long_usd, b.in_view.n_long,
                         view_known);
  ps_side_panel_set_liq (self, ROW_BAND_VIEW_SHORT, b.in_view.short_usd, b.in_view.n_short,
                         view_known);
  ps_side_panel_set_liq (self, ROW_BAND_RANGE_LONG, b.in_range.long_usd, b.in_range.n_long,
                         all_known);
  ps_side_panel_set_liq (self, ROW_BAND_RANGE_SHORT, b.in_range.short_usd, b.in_range.n_short,
                         all_known);
  {
    g_autofree char *d1 = g_strdup_printf ("%s\n%s", view,
                                           ps_side_recording_caveat (b.in_view.recording,
                                                                     snap->is_demo));
    g_autofree char *d2 = g_strdup_printf ("%s\n%s", all,
                                           ps_side_recording_caveat (b.in_range.recording,
                                                                     snap->is_demo));

    adw_preferences_group_set_description (self->band_view_group, d1);
    adw_preferences_group_set_description (self->band_range_group, d2);
  }
}

static void
ps_side_panel_update (PsSidePanel *self)
{
  g_autoptr(PsMarketSnapshot) snap = NULL;
  PsSelectionKind kind;
  PsAnalysis *analysis;

  g_assert (PS_IS_SIDE_PANEL (self));

  kind = self->selection ? ps_selection_get_kind (self->selection) : PS_SELECTION_NONE;
  if (kind == PS_SELECTION_NONE || self->market == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  ps_side_panel_ensure_rows (self);
  snap = ps_market_source_get_snapshot (self->market);
  analysis = self->analysis ? ps_market_analysis_get_result (self->analysis) : NULL;
  gtk_label_set_text (self->title_label,
                      ps_side_title (kind, ps_selection_get_element (self->selection)));
  if (kind == PS_SELECTION_PRICE_BAND)
    ps_side_panel_show_band (self, snap);
  else
    ps_side_panel_show_period (self, snap, analysis);
  gtk_stack_set_visible_child_name (self->stack, "summary");
}

/* The view moved: only a price band's "in view" numbers follow it. */
static void
ps_side_panel_axis_changed_cb (PsSidePanel *self)
{
  g_assert (PS_IS_SIDE_PANEL (self));

  if (self->selection != NULL &&
      ps_selection_get_kind (self->selection) == PS_SELECTION_PRICE_BAND)
    ps_side_panel_update (self);
}

/* The cursor moves with every pointer motion: no reason to recount. */
static void
ps_side_panel_selection_notify_cb (PsSidePanel *self,
                                   GParamSpec  *pspec)
{
  g_assert (PS_IS_SIDE_PANEL (self));

  if (!g_str_equal (pspec->name, "cursor-ms"))
    ps_side_panel_update (self);
}

static void
ps_side_panel_dispose (GObject *object)
{
  PsSidePanel *self = PS_SIDE_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_SIDE_PANEL);
  g_clear_object (&self->selection);
  g_clear_object (&self->axis);
  g_clear_object (&self->analysis);
  g_clear_object (&self->market);

  G_OBJECT_CLASS (ps_side_panel_parent_class)->dispose (object);
}

static void
ps_side_panel_class_init (PsSidePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_side_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/perpscope/Perpscope/ui/ps-side-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, price_group);
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, oi_group);
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, funding_group);
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, liq_group);
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, band_view_group);
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, band_range_group);
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, phase_group);
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, phase_label);
  gtk_widget_class_bind_template_child (widget_class, PsSidePanel, reasons_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidepanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ps_side_panel_init (PsSidePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups[GROUP_PRICE] = self->price_group;
  self->groups[GROUP_OI] = self->oi_group;
  self->groups[GROUP_FUNDING] = self->funding_group;
  self->groups[GROUP_LIQ] = self->liq_group;
  self->groups[GROUP_BAND_VIEW] = self->band_view_group;
  self->groups[GROUP_BAND_RANGE] = self->band_range_group;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Numbers of the selection"), -1);
}

GtkWidget *
ps_side_panel_new (void)
{
  return g_object_new (PS_TYPE_SIDE_PANEL, NULL);
}

void
ps_side_panel_set_sources (PsSidePanel      *self,
                           PsSelection      *selection,
                           PsTimeAxis       *axis,
                           PsMarketAnalysis *analysis)
{
  g_return_if_fail (PS_IS_SIDE_PANEL (self));
  g_return_if_fail (PS_IS_SELECTION (selection));
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (PS_IS_MARKET_ANALYSIS (analysis));
  g_return_if_fail (self->selection == NULL);

  self->selection = g_object_ref (selection);
  self->axis = g_object_ref (axis);
  self->analysis = g_object_ref (analysis);
  g_signal_connect_object (selection, "notify", G_CALLBACK (ps_side_panel_selection_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (axis, "changed", G_CALLBACK (ps_side_panel_axis_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (analysis, "changed", G_CALLBACK (ps_side_panel_update),
                           self, G_CONNECT_SWAPPED);
  ps_side_panel_update (self);
}

void
ps_side_panel_set_market (PsSidePanel    *self,
                          PsMarketSource *market)
{
  g_return_if_fail (PS_IS_SIDE_PANEL (self));
  g_return_if_fail (!market || PS_IS_MARKET_SOURCE (market));

  if (self->market != NULL)
    g_signal_handlers_disconnect_by_data (self->market, self);
  g_set_object (&self->market, market);
  if (market != NULL)
    g_signal_connect_object (market, "changed", G_CALLBACK (ps_side_panel_update),
                             self, G_CONNECT_SWAPPED);
  ps_side_panel_update (self);
}

gboolean
ps_side_panel_get_showing_summary (PsSidePanel *self)
{
  g_return_val_if_fail (PS_IS_SIDE_PANEL (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "summary") == 0;
}

const char *
ps_side_panel_get_value (PsSidePanel *self,
                         const char  *id)
{
  g_return_val_if_fail (PS_IS_SIDE_PANEL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (g_str_equal (id, "title"))
    return gtk_label_get_text (self->title_label);
  if (g_str_equal (id, "subtitle"))
    return gtk_label_get_text (self->subtitle_label);
  ps_side_panel_ensure_rows (self);
  for (guint r = 0; r < N_ROWS; r++)
    if (g_str_equal (id, ps_side_rows[r].id))
      return gtk_label_get_text (self->values[r]);
  return NULL;
}
