/* ps-window-analysis.c: the shown market's heatmap, scores and phases in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ps-heatmap-settings.h"
#include "ps-render.h"
#include "ps-window-private.h"

static void
ps_window_analysis_apply (PsWindow *self)
{
  PsAnalysis *result = ps_market_analysis_get_result (self->analysis);
  gboolean show = g_settings_get_boolean (self->settings, "show-heatmap");
  double opacity = g_settings_get_double (self->settings, "heatmap-opacity");

  ps_chart_pane_set_analysis (self->price_pane, result, show, opacity);
  ps_chart_pane_set_analysis (self->liquidations_pane, result, show, opacity);
  ps_chart_pane_set_analysis (self->time_pane, result, show, opacity);
}

static void
append_score (GString       *text,
              const char    *name,
              const PsScore *score)
{
  g_autofree char *corr = NULL;
  g_autofree char *hits = NULL;
  g_autofree char *lift = NULL;

  if (score == NULL)
    return;
  corr = isnan (score->rank_corr) ? g_strdup ("–") : g_strdup_printf ("%+.2f", score->rank_corr);
  hits = isnan (score->hit_rate) ? g_strdup ("–")
                                 : g_strdup_printf ("%u/%u", score->zones_hit, score->zones_crossed);
  lift = isfinite (score->lift) ? g_strdup_printf ("%.2f×", score->lift) : g_strdup ("–");
  /* Translators: a row of scores: rank correlation, zone hits, and how many
   * times more recorded USD fell in the zones than their width gives by chance */
  g_string_append_printf (text, _("%s: correlation %s · zones hit %s · lift %s\n"),
                          name, corr, hits, lift);
}

/* The popover's words: how the heatmap was made, how it scored beside the
 * baselines, and its caveats. */
static void
ps_window_analysis_update_label (PsWindow *self)
{
  PsAnalysis *result = ps_market_analysis_get_result (self->analysis);
  const GError *error = ps_market_analysis_get_error (self->analysis);
  g_autoptr(GString) text = g_string_new (NULL);
  PsHeatmap *heatmap;

  if (result == NULL)
    {
      gtk_label_set_text (self->analysis_label,
                          error != NULL ? error->message : _("Estimating the heatmap…"));
      return;
    }

  heatmap = ps_analysis_get_heatmap (result, PS_HEATMAP_MODEL);
  if (heatmap == NULL)
    g_string_append_printf (text, _("No heatmap: %s\n"),
                            ps_analysis_get_heatmap_error (result)->message);
  else
    {
      const PsHeatmapParams *params = ps_heatmap_get_params (heatmap);

      g_string_append_printf (text, _("Estimated from rising open interest, spread over %g×–%g× leverage; "
                                      "levels are consumed when price trades through them.\n\n"),
                              params->leverage[0], params->leverage[params->n_tiers - 1]);
      g_string_append (text, _("Scored against recorded liquidations:\n"));
      append_score (text, _("Model"), ps_analysis_get_score (result, PS_HEATMAP_MODEL));
      append_score (text, _("Uniform"), ps_analysis_get_score (result, PS_HEATMAP_UNIFORM));
      append_score (text, _("Round numbers"), ps_analysis_get_score (result, PS_HEATMAP_ROUND));
    }
  g_string_append_printf (text, "\n%s\n", ps_analysis_get_verdict (result));

  if (heatmap != NULL)
    for (const char * const *note = ps_heatmap_get_notes (heatmap); *note != NULL; note++)
      g_string_append_printf (text, "\n• %s", *note);
  for (const char * const *note = ps_treadmill_get_notes (ps_analysis_get_treadmill (result));
       *note != NULL; note++)
    g_string_append_printf (text, "\n• %s", *note);

  gtk_label_set_text (self->analysis_label, g_strstrip (text->str));
}

static void
ps_window_analysis_changed_cb (PsWindow *self)
{
  g_assert (PS_IS_WINDOW (self));

  ps_window_analysis_apply (self);
  ps_window_analysis_update_label (self);
  _ps_window_update_readout (self);
}

static void
ps_window_heatmap_settings_cb (PsWindow   *self,
                               const char *key,
                               GSettings  *settings)
{
  ps_window_analysis_apply (self);
}

/* The model's parameters as the Preferences set them (the leverage mix is
 * checked there; one that no longer parses leaves the default). */
static void
ps_window_heatmap_params_changed_cb (PsWindow   *self,
                                     const char *key,
                                     GSettings  *settings)
{
  PsAnalysisParams params = *ps_market_analysis_get_params (self->analysis);
  g_autoptr(GError) error = NULL;

  if (!ps_heatmap_settings_read (self->settings, &params.heatmap, &error))
    g_debug ("Heatmap settings not all used: %s", error->message);
  /* Equal parameters change nothing (ps_analysis_params_equal). */
  ps_market_analysis_set_params (self->analysis, &params);
}

/* The colour-blind-safe palette: every pane drawn anew in it. */
static void
ps_window_palette_changed_cb (PsWindow   *self,
                              const char *key,
                              GSettings  *settings)
{
  PsChartPane *panes[8];
  guint n = _ps_window_list_panes (self, panes, G_N_ELEMENTS (panes));

  ps_chart_style_set_colorblind (g_settings_get_boolean (self->settings, "colorblind-palette"));
  for (guint i = 0; i < n; i++)
    ps_chart_pane_invalidate (panes[i]);
}

void
_ps_window_init_analysis (PsWindow *self)
{
  g_autoptr(GAction) show_action = g_settings_create_action (self->settings, "show-heatmap");

  self->analysis = ps_market_analysis_new ();
  g_signal_connect_object (self->analysis, "changed",
                           G_CALLBACK (ps_window_analysis_changed_cb), self, G_CONNECT_SWAPPED);

  g_action_map_add_action (G_ACTION_MAP (self), show_action);
  g_settings_bind (self->settings, "heatmap-opacity",
                   gtk_range_get_adjustment (GTK_RANGE (self->heatmap_opacity_scale)), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::show-heatmap",
                           G_CALLBACK (ps_window_heatmap_settings_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::heatmap-opacity",
                           G_CALLBACK (ps_window_heatmap_settings_cb), self, G_CONNECT_SWAPPED);
  for (guint i = 0; ps_heatmap_settings_keys[i] != NULL; i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", ps_heatmap_settings_keys[i], NULL);

      g_signal_connect_object (self->settings, signal,
                               G_CALLBACK (ps_window_heatmap_params_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->settings, "changed::colorblind-palette",
                           G_CALLBACK (ps_window_palette_changed_cb), self, G_CONNECT_SWAPPED);
  ps_window_heatmap_params_changed_cb (self, NULL, self->settings);
  ps_chart_style_set_colorblind (g_settings_get_boolean (self->settings, "colorblind-palette"));
  ps_window_analysis_update_label (self);
}

void
_ps_window_set_analysis_source (PsWindow *self)
{
  ps_market_analysis_set_source (self->analysis, self->source);
}

/* "   ·   Predicted (model): …   ·   Flush" for the candle of interval at t,
 * when there is a result. */
void
_ps_window_append_analysis (PsWindow   *self,
                            GString    *text,
                            PsInterval  interval,
                            gint64      t)
{
  PsAnalysis *result = self->analysis ? ps_market_analysis_get_result (self->analysis) : NULL;
  PsHeatmap *heatmap;
  const PsPhasePeriod *period;

  if (result == NULL)
    return;

  heatmap = ps_analysis_get_heatmap (result, PS_HEATMAP_MODEL);
  if (heatmap != NULL && g_settings_get_boolean (self->settings, "show-heatmap"))
    {
      PsPredictedLiquidations predicted = ps_predicted_liquidations_from_heatmap (heatmap);
      g_autofree char *words = ps_render_predicted_readout (&predicted, interval, t);

      if (words != NULL && *words != '\0')
        g_string_append_printf (text, "   ·   %s", words);
    }

  period = ps_treadmill_lookup (ps_analysis_get_treadmill (result), t);
  if (period != NULL && period->phase != PS_PHASE_NONE)
    g_string_append_printf (text, "   ·   %s", ps_phase_get_label (period->phase));
}

const char *
_ps_window_get_phase_reasons (PsWindow *self,
                              gint64    t)
{
  PsAnalysis *result = self->analysis ? ps_market_analysis_get_result (self->analysis) : NULL;
  const PsPhasePeriod *period;

  if (result == NULL)
    return NULL;
  period = ps_treadmill_lookup (ps_analysis_get_treadmill (result), t);
  return period != NULL && period->phase != PS_PHASE_NONE ? period->reasons : NULL;
}

PsMarketAnalysis *
ps_window_get_analysis (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->analysis;
}

const char *
ps_window_get_analysis_text (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return gtk_label_get_text (self->analysis_label);
}
