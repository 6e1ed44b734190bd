/* ps-heatmap-params.c: the heatmap's parameters, their defaults and checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-analysis"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-heatmap.h"

G_DEFINE_QUARK (ps-heatmap-error-quark, ps_heatmap_error)

#define MAX_LEVERAGE 200.0

/* A retail-leverage assumption, not a measurement: most open notional at
 * 5-10×, a thinning tail up to 100× (README.md, Heatmap). */
static const double default_leverage[] = { 5, 10, 25, 50, 100 };
static const double default_weight[] = { 0.30, 0.30, 0.20, 0.12, 0.08 };

void
ps_heatmap_params_init (PsHeatmapParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->mode = PS_HEATMAP_MODEL;
  params->n_tiers = G_N_ELEMENTS (default_leverage);
  for (guint i = 0; i < params->n_tiers; i++)
    {
      params->leverage[i] = default_leverage[i];
      params->weight[i] = default_weight[i];
    }
  params->maint_rate = NAN;
  params->position_usd = 10000;
  params->n_bins = 1000;
  params->max_columns = 2048;
  params->round_step = 0;
  params->zones_per_side = 3;
  params->zone_threshold = 0.25;
  /* Real liquidations of one side within an hour: 90 % of their USD lies in
   * a band of 0.23–0.35 % of price (median over the hours, shared/data files
   * 8 and 9); 0.5 % holds that with a bin to spare on either side, and is
   * under half a 4h candle's median range (1.1 %, file 1), so that a zone
   * still names a level, not the candle. */
  params->zone_max_width_pct = 0.5;
}

/* One number, all of text (spaces around allowed). */
static gboolean
ps_heatmap_parse_number (const char *text,
                         double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*copy == '\0')
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

gboolean
ps_heatmap_params_parse_tiers (PsHeatmapParams  *params,
                               const char       *text,
                               GError          **error)
{
  g_auto(GStrv) parts = NULL;
  double leverage[PS_HEATMAP_MAX_TIERS], weight[PS_HEATMAP_MAX_TIERS];
  double sum = 0;
  guint n = 0;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || text[strspn (text, " \t")] == '\0')
    {
      g_set_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_PARAMS,
                   _("No leverage tiers given: expected leverage:weight pairs such as "
                     "“5:0.3,10:0.3,25:0.2”"));
      return FALSE;
    }

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (parts[i], ":", -1);
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));

      if (n == PS_HEATMAP_MAX_TIERS)
        {
          g_set_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_PARAMS,
                       _("At most %d leverage tiers, but “%s” has more"),
                       PS_HEATMAP_MAX_TIERS, text);
          return FALSE;
        }
      if (g_strv_length (pair) != 2 ||
          !ps_heatmap_parse_number (pair[0], &leverage[n]) ||
          !ps_heatmap_parse_number (pair[1], &weight[n]))
        {
          g_set_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_PARAMS,
                       _("Leverage tier “%s”: expected leverage:weight, such as “10:0.3”"),
                       part);
          return FALSE;
        }
      if (!(leverage[n] > 1 && leverage[n] <= MAX_LEVERAGE))
        {
          g_set_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_PARAMS,
                       _("Leverage tier “%s”: the leverage must be above 1 and at most %g"),
                       part, MAX_LEVERAGE);
          return FALSE;
        }
      if (weight[n] < 0)
        {
          g_set_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_PARAMS,
                       _("Leverage tier “%s”: the weight must not be negative"), part);
          return FALSE;
        }
      sum += weight[n];
      n++;
    }
  if (!(sum > 0))
    {
      g_set_error (error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_PARAMS,
                   _("Leverage tiers “%s”: the weights sum to zero"), text);
      return FALSE;
    }

  params->n_tiers = n;
  for (guint i = 0; i < n; i++)
    {
      params->leverage[i] = leverage[i];
      params->weight[i] = weight[i];
    }
  return TRUE;
}

static gboolean
ps_heatmap_params_fail (GError     **error,
                        const char  *format,
                        ...) G_GNUC_PRINTF (2, 3);

static gboolean
ps_heatmap_params_fail (GError     **error,
                        const char  *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_PARAMS, format, args);
  va_end (args);
  return FALSE;
}

gboolean
ps_heatmap_params_validate (const PsHeatmapParams  *params,
                            GError                **error)
{
  double sum = 0;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (params->mode > PS_HEATMAP_ROUND)
    return ps_heatmap_params_fail (error, _("Heatmap mode %d is unknown"), params->mode);
  if (params->n_tiers < 1 || params->n_tiers > PS_HEATMAP_MAX_TIERS)
    return ps_heatmap_params_fail (error, _("Heatmap tiers: 1 to %d leverage tiers, not %u"),
                                   PS_HEATMAP_MAX_TIERS, params->n_tiers);
  for (guint i = 0; i < params->n_tiers; i++)
    {
      if (!(params->leverage[i] > 1 && params->leverage[i] <= MAX_LEVERAGE))
        return ps_heatmap_params_fail (error, _("Heatmap tier %u: the leverage must be above 1 "
                                                "and at most %g, not %g"),
                                       i + 1, MAX_LEVERAGE, params->leverage[i]);
      if (!(params->weight[i] >= 0 && isfinite (params->weight[i])))
        return ps_heatmap_params_fail (error, _("Heatmap tier %u: the weight must be a number "
                                                "of 0 or more, not %g"),
                                       i + 1, params->weight[i]);
      sum += params->weight[i];
    }
  if (!(sum > 0))
    return ps_heatmap_params_fail (error, _("Heatmap tiers: the weights sum to zero"));
  if (params->n_bins < 10 || params->n_bins > 20000)
    return ps_heatmap_params_fail (error, _("Heatmap bins: 10 to 20000 price bins, not %u"),
                                   params->n_bins);
  if (!(params->position_usd > 0 && isfinite (params->position_usd)))
    return ps_heatmap_params_fail (error, _("Heatmap position size: a positive USD notional, "
                                            "not %g"), params->position_usd);
  if (!(params->zone_threshold > 0 && params->zone_threshold <= 1))
    return ps_heatmap_params_fail (error, _("Heatmap zone threshold: a share above 0 and at "
                                            "most 1, not %g"), params->zone_threshold);
  if (!(params->zone_max_width_pct > 0 && params->zone_max_width_pct <= 50))
    return ps_heatmap_params_fail (error, _("Heatmap zone width: a share of price above 0 and "
                                            "at most 50 %%, not %g %%"),
                                   params->zone_max_width_pct);
  if (!isnan (params->maint_rate) && !(params->maint_rate >= 0 && params->maint_rate < 0.5))
    return ps_heatmap_params_fail (error, _("Heatmap maintenance rate: from 0 to below 0.5 "
                                            "(or unset for Binance's table), not %g"),
                                   params->maint_rate);
  if (!(params->round_step >= 0 && isfinite (params->round_step)))
    return ps_heatmap_params_fail (error, _("Heatmap round step: 0 (automatic) or a positive "
                                            "price step, not %g"), params->round_step);
  return TRUE;
}

double
ps_binance_maint_rate (double notional_usd)
{
  /* Binance USDⓈ-M BTCUSDT brackets (shared/data/SOURCES.md, from ccxt's
   * static test data): notional floor → maintenance margin rate. */
  static const struct { double floor; double rate; } brackets[] = {
    { 0, 0.004 }, { 50e3, 0.005 }, { 250e3, 0.01 }, { 3e6, 0.025 }, { 20e6, 0.05 },
    { 40e6, 0.10 }, { 100e6, 0.125 }, { 120e6, 0.15 }, { 200e6, 0.25 }, { 300e6, 0.50 },
  };
  double rate = brackets[0].rate;

  for (guint i = 0; i < G_N_ELEMENTS (brackets); i++)
    if (notional_usd >= brackets[i].floor)
      rate = brackets[i].rate;
  return rate;
}
