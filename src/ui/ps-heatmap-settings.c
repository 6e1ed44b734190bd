/* ps-heatmap-settings.c: the heatmap model's parameters in the settings
 *
 * The Preferences set them (ps-preferences-window.c), the window's analysis
 * runs on them (ps-window-analysis.c). Percentages in the settings, shares
 * in the model; a maintenance rate of 0 is "from Binance's tier table".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-heatmap-settings.h"

const char * const ps_heatmap_settings_keys[] = {
  "heatmap-tiers",
  "heatmap-maint-rate-pct",
  "heatmap-position-usd",
  "heatmap-bins",
  "heatmap-zone-threshold-pct",
  "heatmap-zone-max-width-pct",
  NULL,
};

gboolean
ps_heatmap_settings_read (GSettings        *settings,
                          PsHeatmapParams  *params,
                          GError          **error)
{
  g_autofree char *tiers = NULL;
  double maint_pct;
  PsHeatmapParams read;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ps_heatmap_params_init (params);
  read = *params;
  maint_pct = g_settings_get_double (settings, "heatmap-maint-rate-pct");
  read.maint_rate = maint_pct > 0 ? maint_pct / 100 : NAN;
  read.position_usd = g_settings_get_double (settings, "heatmap-position-usd");
  read.n_bins = g_settings_get_uint (settings, "heatmap-bins");
  read.zone_threshold = g_settings_get_double (settings, "heatmap-zone-threshold-pct") / 100;
  read.zone_max_width_pct = g_settings_get_double (settings, "heatmap-zone-max-width-pct");
  /* The schema's ranges lie inside the model's: this holds unless they drift. */
  if (!ps_heatmap_params_validate (&read, error))
    return FALSE;
  *params = read;

  /* '' is the default mix; a mix that does not parse leaves it. */
  tiers = g_settings_get_string (settings, "heatmap-tiers");
  return *tiers == '\0' || ps_heatmap_params_parse_tiers (params, tiers, error);
}
