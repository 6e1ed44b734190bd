/* ps-cli-analysis.c: the model's flags and one analysis of a loaded market
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-cli-analysis.h"
#include "ps-time.h"

typedef enum
{
  PS_CLI_FLAG_NUMBER,     /* a plain number */
  PS_CLI_FLAG_FRACTION,   /* 0.0001, or 0.01% */
  PS_CLI_FLAG_PERCENT,    /* in percent already: 2 or 2% */
  PS_CLI_FLAG_DURATION,   /* 90s 30m 24h 30d, into ms */
  PS_CLI_FLAG_UINT,
  PS_CLI_FLAG_TIERS,      /* ps_heatmap_params_parse_tiers */
} PsCliFlagKind;

/* The model's flags, one row per parameter, each written at its offset in
 * PsCliModel. */
typedef struct
{
  const char    *name;
  PsCliFlagKind  kind;
  gsize          offset;
  gboolean       auto_ok;   /* "auto": NAN (a duration: −1), the parameter's own choice */
  const char    *help;
  const char    *arg;
} PsCliFlag;

#define HM(field) G_STRUCT_OFFSET (PsCliModel, params.heatmap.field)
#define TM(field) G_STRUCT_OFFSET (PsCliModel, params.treadmill.field)

/* Translators: in --help, the capitals name the value a flag takes ("N",
 * "PCT" a percentage, "X" a multiple, "L:W,…" leverage:weight pairs); the
 * flags themselves and "auto" stay as they are. */
static const PsCliFlag ps_cli_flags[] = {
  { "tiers", PS_CLI_FLAG_TIERS, HM (n_tiers), FALSE,
    /* Translators: L:W are leverage:weight pairs, "5:1,10:2" */
    N_("Leverage tiers and the share of new notional each gets"), N_("L:W,…") },
  { "maint-rate", PS_CLI_FLAG_FRACTION, HM (maint_rate), TRUE,
    N_("Maintenance margin rate (0.004 or 0.4%); auto: Binance’s tier for --position-usd"),
    N_("RATE") },
  { "position-usd", PS_CLI_FLAG_NUMBER, HM (position_usd), FALSE,
    N_("Position notional that picks the maintenance tier, USD"), N_("USD") },
  { "bins", PS_CLI_FLAG_UINT, HM (n_bins), FALSE, N_("Price bins of the heatmap"), N_("N") },
  { "columns", PS_CLI_FLAG_UINT, HM (max_columns), FALSE,
    N_("Time columns kept of the heatmap (0: one per candle)"), N_("N") },
  { "round-step", PS_CLI_FLAG_NUMBER, HM (round_step), FALSE,
    N_("Price step of the round-number baseline (0: picked from the price)"), N_("PRICE") },
  { "zones", PS_CLI_FLAG_UINT, HM (zones_per_side), FALSE,
    N_("Hot zones reported per side"), N_("N") },
  { "zone-threshold", PS_CLI_FLAG_FRACTION, HM (zone_threshold), FALSE,
    N_("A price bin joins a hot zone at this share of its side’s fullest bin"), N_("SHARE") },
  { "zone-max-width", PS_CLI_FLAG_PERCENT, HM (zone_max_width_pct), FALSE,
    N_("A hot zone spans at most this share of its peak price, %"), N_("PCT") },
  { "lookback", PS_CLI_FLAG_DURATION, TM (lookback_ms), FALSE,
    N_("Changes of price and open interest are measured over this"), N_("DURATION") },
  { "baseline", PS_CLI_FLAG_DURATION, TM (baseline_ms), FALSE,
    N_("Recent range for the open-interest rank and the liquidation median"), N_("DURATION") },
  { "build-price-pct", PS_CLI_FLAG_PERCENT, TM (build_price_pct), FALSE,
    N_("Building: price up by at least this over the lookback, %"), N_("PCT") },
  { "build-oi-pct", PS_CLI_FLAG_PERCENT, TM (build_oi_pct), FALSE,
    N_("Building: open interest up by at least this over the lookback, %"), N_("PCT") },
  { "funding-positive", PS_CLI_FLAG_FRACTION, TM (funding_positive), FALSE,
    N_("Building: funding per 8 h of at least this is turning positive"), N_("RATE") },
  { "funding-high", PS_CLI_FLAG_FRACTION, TM (funding_high), FALSE,
    N_("Crowded: funding per 8 h of at least this is high"), N_("RATE") },
  { "oi-high-rank", PS_CLI_FLAG_FRACTION, TM (oi_high_rank), FALSE,
    N_("Crowded: open interest at or above this percentile of the baseline is high (0–1)"),
    N_("SHARE") },
  { "flush-liq-multiple", PS_CLI_FLAG_NUMBER, TM (flush_liq_multiple), FALSE,
    N_("Flush: liquidations in a candle of at least this many times their median"), N_("X") },
  { "flush-liq-oi-share", PS_CLI_FLAG_PERCENT, TM (flush_liq_oi_share), FALSE,
    N_("Flush: … and of at least this share of open interest, %"), N_("PCT") },
  { "flush-oi-pct", PS_CLI_FLAG_PERCENT, TM (flush_oi_pct), FALSE,
    N_("Flush: open interest down by at least this over the lookback, %"), N_("PCT") },
  { "neutral-funding", PS_CLI_FLAG_FRACTION, TM (neutral_funding), FALSE,
    N_("Reset: funding per 8 h within ± this is neutral"), N_("RATE") },
  { "fade-liq-multiple", PS_CLI_FLAG_NUMBER, TM (fade_liq_multiple), FALSE,
    N_("Reset: liquidations at most this many times their median are fading"), N_("X") },
  { "reset-window", PS_CLI_FLAG_DURATION, TM (reset_window_ms), FALSE,
    N_("Reset: how long after a flush it can hold"), N_("DURATION") },
  { "spot-bid-pct", PS_CLI_FLAG_PERCENT, TM (spot_bid_pct), FALSE,
    N_("Reset: a spot premium over the perpetual of at least this is a spot bid, %"),
    N_("PCT") },
  { "standin-volume-multiple", PS_CLI_FLAG_NUMBER, TM (standin_volume_multiple), FALSE,
    N_("Where no liquidations were recorded, a forced-flow candle has volume of at least "
       "this many times its median"), N_("X") },
  { "standin-range-multiple", PS_CLI_FLAG_NUMBER, TM (standin_range_multiple), FALSE,
    N_("… and a range of at least this many times its median"), N_("X") },
  { "standin-body-multiple", PS_CLI_FLAG_NUMBER, TM (standin_body_multiple), FALSE,
    N_("… and a move, close against open, of at least this many times the median range"),
    N_("X") },
  { "warmup", PS_CLI_FLAG_DURATION, G_STRUCT_OFFSET (PsCliModel, warmup_ms), TRUE,
    N_("History loaded before --from, so that the model and the phases start informed; "
       "auto: baseline + lookback"), N_("DURATION") },
};

#undef HM
#undef TM

static gpointer
ps_cli_flag_field (const PsCliFlag *flag,
                   PsCliModel      *model)
{
  return G_STRUCT_MEMBER_P (model, flag->offset);
}

static const struct {
  char   unit;
  gint64 ms;
} ps_cli_duration_units[] = {
  { 'd', 24 * 3600 * 1000 }, { 'h', 3600 * 1000 }, { 'm', 60 * 1000 }, { 's', 1000 },
};

static gboolean
ps_cli_parse_duration (const char *text,
                       gint64     *ms)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end != text && v == 0 && *end == '\0')
    {
      *ms = 0;   /* nothing needs no unit */
      return TRUE;
    }
  if (end == text || !isfinite (v) || v < 0 || end[0] == '\0' || end[1] != '\0')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (ps_cli_duration_units); i++)
    {
      if (*end != ps_cli_duration_units[i].unit)
        continue;
      if (v * ps_cli_duration_units[i].ms > (double) G_MAXINT64 / 2)
        return FALSE;
      *ms = (gint64) llround (v * ps_cli_duration_units[i].ms);
      return TRUE;
    }
  return FALSE;
}

static char *
ps_cli_format_duration (gint64 ms)
{
  /* 24h, 36h, 2d: days from two on, where they read better. */
  if (ms == 0)
    return g_strdup ("0");
  for (guint i = 0; i < G_N_ELEMENTS (ps_cli_duration_units); i++)
    if (ms != 0 && ms % ps_cli_duration_units[i].ms == 0 &&
        (ps_cli_duration_units[i].unit != 'd' || ms >= 2 * ps_cli_duration_units[i].ms))
      return g_strdup_printf ("%" G_GINT64_FORMAT "%c", ms / ps_cli_duration_units[i].ms,
                              ps_cli_duration_units[i].unit);
  return g_strdup_printf ("%" G_GINT64_FORMAT "ms", ms);
}

/* A finite number, with a "%" allowed where the kind takes one. */
static gboolean
ps_cli_parse_number (const char    *text,
                     PsCliFlagKind  kind,
                     double        *value)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || !isfinite (v))
    return FALSE;
  if (*end == '%' && (kind == PS_CLI_FLAG_FRACTION || kind == PS_CLI_FLAG_PERCENT))
    {
      end++;
      if (kind == PS_CLI_FLAG_FRACTION)
        v /= 100;
    }
  if (*end != '\0')
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
ps_cli_flag_set (const PsCliFlag  *flag,
                 PsCliModel       *model,
                 const char       *value,
                 GError          **error)
{
  gpointer field = ps_cli_flag_field (flag, model);
  guint64 count;
  double number;

  switch (flag->kind)
    {
    case PS_CLI_FLAG_TIERS:
      return ps_heatmap_params_parse_tiers (&model->params.heatmap, value, error);
    case PS_CLI_FLAG_DURATION:
      if (flag->auto_ok && g_ascii_strcasecmp (value, "auto") == 0)
        {
          *(gint64 *) field = -1;
          return TRUE;
        }
      return ps_cli_parse_duration (value, field);
    case PS_CLI_FLAG_UINT:
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &count, NULL))
        return FALSE;
      *(guint *) field = count;
      return TRUE;
    case PS_CLI_FLAG_NUMBER:
    case PS_CLI_FLAG_FRACTION:
    case PS_CLI_FLAG_PERCENT:
    default:
      if (flag->auto_ok && g_ascii_strcasecmp (value, "auto") == 0)
        number = NAN;
      else if (!ps_cli_parse_number (value, flag->kind, &number))
        return FALSE;
      *(double *) field = number;
      return TRUE;
    }
}

static const char *
ps_cli_flag_expects (PsCliFlagKind kind)
{
  switch (kind)
    {
    case PS_CLI_FLAG_DURATION:
      return _("a duration such as 90s, 30m, 24h or 30d");
    case PS_CLI_FLAG_UINT:
      return _("a whole number");
    case PS_CLI_FLAG_FRACTION:
      return _("a number such as 0.0001, or a percentage such as 0.01%");
    case PS_CLI_FLAG_PERCENT:
      return _("a percentage such as 2 or 2%");
    case PS_CLI_FLAG_TIERS:
    case PS_CLI_FLAG_NUMBER:
    default:
      return _("a number");
    }
}

static gboolean
ps_cli_model_option_cb (const char  *option_name,
                        const char  *value,
                        gpointer     user_data,
                        GError     **error)
{
  PsCliModel *model = user_data;
  const char *name = option_name + strspn (option_name, "-");

  for (guint i = 0; i < G_N_ELEMENTS (ps_cli_flags); i++)
    {
      const PsCliFlag *flag = &ps_cli_flags[i];
      g_autoptr(GError) local_error = NULL;

      if (strcmp (flag->name, name) != 0)
        continue;
      if (ps_cli_flag_set (flag, model, value, &local_error))
        return TRUE;
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Bad value “%s” for --%s: %s"), value, flag->name,
                   local_error ? local_error->message : ps_cli_flag_expects (flag->kind));
      return FALSE;
    }
  g_return_val_if_reached (FALSE);
}

/* "%g" in C notation, as the flags are read (g_ascii_strtod), whatever
 * the locale: "0.5", never "0,5". */
static char *
ps_cli_format_number (double      v,
                      const char *suffix)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strconcat (g_ascii_formatd (buf, sizeof buf, "%g", v), suffix, NULL);
}

static char *
ps_cli_format_tiers (const PsHeatmapParams *params)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < params->n_tiers; i++)
    {
      g_autofree char *leverage = ps_cli_format_number (params->leverage[i], ":");
      g_autofree char *weight = ps_cli_format_number (params->weight[i], "");

      g_string_append_printf (out, "%s%s%s", i ? "," : "", leverage, weight);
    }
  return g_string_free (out, FALSE);
}

/* The parameter's default as one would write it on the command line. */
static char *
ps_cli_flag_format (const PsCliFlag *flag,
                    PsCliModel      *model)
{
  gpointer field = ps_cli_flag_field (flag, model);

  switch (flag->kind)
    {
    case PS_CLI_FLAG_TIERS:
      return ps_cli_format_tiers (&model->params.heatmap);
    case PS_CLI_FLAG_DURATION:
      if (*(gint64 *) field < 0)
        return g_strdup ("auto");
      return ps_cli_format_duration (*(gint64 *) field);
    case PS_CLI_FLAG_UINT:
      return g_strdup_printf ("%u", *(guint *) field);
    case PS_CLI_FLAG_PERCENT:
      return ps_cli_format_number (*(double *) field, "%");
    case PS_CLI_FLAG_FRACTION:
      /* Funding and margin rates read as percentages: 0.005%, not 5e-05. */
      if (fabs (*(double *) field) < 0.01 && *(double *) field != 0)
        return ps_cli_format_number (100 * *(double *) field, "%");
      G_GNUC_FALLTHROUGH;
    case PS_CLI_FLAG_NUMBER:
    default:
      if (isnan (*(double *) field))
        return g_strdup ("auto");
      return ps_cli_format_number (*(double *) field, "");
    }
}

GOptionGroup *
ps_cli_model_options (PsCliModel *model)
{
  GOptionEntry entries[G_N_ELEMENTS (ps_cli_flags) + 1];
  GOptionGroup *group;

  g_return_val_if_fail (model != NULL, NULL);

  ps_analysis_params_init (&model->params);
  model->warmup_ms = -1;
  if (model->help == NULL)
    model->help = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (ps_cli_flags); i++)
    {
      const PsCliFlag *flag = &ps_cli_flags[i];
      g_autofree char *value = ps_cli_flag_format (flag, model);
      char *help = g_strdup_printf (_("%s (default: %s)"), _(flag->help), value);

      g_ptr_array_add (model->help, help);
      entries[i] = (GOptionEntry) { flag->name, 0, 0, G_OPTION_ARG_CALLBACK,
                                    (gpointer) ps_cli_model_option_cb, help, _(flag->arg) };
    }
  entries[G_N_ELEMENTS (ps_cli_flags)] = (GOptionEntry) { NULL };

  group = g_option_group_new ("model", _("Model options (heatmap and treadmill):"),
                              _("Show the model’s parameters"), model, NULL);
  g_option_group_add_entries (group, entries);
  return group;
}

gboolean
ps_cli_model_validate (PsCliModel  *model,
                       GError     **error)
{
  return ps_heatmap_params_validate (&model->params.heatmap, error) &&
         ps_treadmill_params_validate (&model->params.treadmill, error);
}

gint64
ps_cli_model_get_warmup (const PsCliModel *model)
{
  if (model->warmup_ms >= 0)
    return model->warmup_ms;
  return model->params.treadmill.baseline_ms + model->params.treadmill.lookback_ms;
}

void
ps_cli_model_to_json (PsCliModel  *model,
                      JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (ps_cli_flags); i++)
    {
      g_autofree char *value = ps_cli_flag_format (&ps_cli_flags[i], model);

      json_builder_set_member_name (builder, ps_cli_flags[i].name);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
}

void
ps_cli_model_clear (PsCliModel *model)
{
  g_clear_pointer (&model->help, g_ptr_array_unref);
}

const char *
ps_cli_recorded_to_string (PsCliRecorded recorded)
{
  static const char * const names[] = { "no", "partly", "yes" };

  g_return_val_if_fail (recorded <= PS_CLI_RECORDED_YES, "no");
  return names[recorded];
}

char *
ps_cli_format_iso (gint64 t_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t_ms / 1000);

  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* Per candle: how much of it a recorder heard, and what it recorded. */
static void
ps_cli_analysis_recorded (PsCliAnalysis *analysis)
{
  const PsCandles *candles = analysis->candles;
  const PsLiquidations *liq = analysis->liquidations;
  const GArray *spans = analysis->not_recorded;
  gint64 iv = analysis->interval_ms;
  guint s0 = 0;

  analysis->recorded_long = g_new (double, candles->n);
  analysis->recorded_short = g_new (double, candles->n);
  analysis->recorded = g_new (guint8, candles->n);
  for (guint i = 0; i < candles->n; i++)
    {
      gint64 t = candles->t_ms[i], unheard = 0;
      guint first = ps_series_lower_bound (liq->t_ms, liq->n, t);
      guint last = ps_series_lower_bound (liq->t_ms, liq->n, t + iv);

      /* The spans are sorted and do not overlap (ps_market_get_not_recorded),
       * the candles sorted: the spans before this candle are done with. */
      while (s0 < spans->len && g_array_index (spans, PsTreadmillSpan, s0).to_ms <= t)
        s0++;
      for (guint s = s0; s < spans->len; s++)
        {
          const PsTreadmillSpan *span = &g_array_index (spans, PsTreadmillSpan, s);

          if (span->from_ms >= t + iv)
            break;
          unheard += MIN (span->to_ms, t + iv) - MAX (span->from_ms, t);
        }
      analysis->recorded[i] = unheard >= iv ? PS_CLI_RECORDED_NO
                              : unheard > 0 ? PS_CLI_RECORDED_PARTLY : PS_CLI_RECORDED_YES;
      analysis->recorded_long[i] = analysis->recorded_short[i] = 0;
      for (guint e = first; e < last; e++)
        if (isfinite (liq->usd[e]))
          *(liq->side[e] == PS_LIQ_LONG ? &analysis->recorded_long[i]
                                        : &analysis->recorded_short[i]) += liq->usd[e];
      if (analysis->recorded[i] == PS_CLI_RECORDED_NO && first == last)
        analysis->recorded_long[i] = analysis->recorded_short[i] = NAN;
    }
}

/* The scores over [--from, --to) only: the warm-up informs the model but is
 * not what was asked about. The same ps_score_compute as the window's. */
static void
ps_cli_analysis_score (PsCliAnalysis *analysis)
{
  guint first = analysis->first;

  for (guint mode = 0; mode < G_N_ELEMENTS (analysis->score); mode++)
    {
      PsHeatmap *heatmap = ps_analysis_get_heatmap (analysis->result, mode);
      PsScoreInput input;

      if (heatmap == NULL)
        {
          analysis->verdict = g_strdup (ps_analysis_get_verdict (analysis->result));
          return;
        }
      ps_score_input_init (&input, heatmap, analysis->candles, analysis->liquidations,
                           analysis->not_recorded);
      input.interval_ms = analysis->interval_ms;
      input.n -= first;
      input.t_ms += first;
      input.high += first;
      input.low += first;
      input.predicted_long += first;
      input.predicted_short += first;
      ps_score_compute (&input, &analysis->score[mode]);
      ps_score_input_clear (&input);
    }
  analysis->scored = TRUE;
  analysis->verdict = ps_score_verdict (&analysis->score[PS_HEATMAP_MODEL],
                                        &analysis->score[PS_HEATMAP_UNIFORM],
                                        &analysis->score[PS_HEATMAP_ROUND]);
}

gboolean
ps_cli_analysis_run (PsCliAnalysis      *analysis,
                     PsCliContext       *context,
                     const PsCliMarket  *market,
                     const PsCliModel   *model,
                     GError            **error)
{
  PsMarketSnapshot *m = context->snapshot;
  PsAnalysisInput input = { 0 };

  g_return_val_if_fail (analysis != NULL && analysis->candles == NULL, FALSE);
  g_return_val_if_fail (m != NULL, FALSE);

  analysis->candles = ps_candles_ref (m->candles);
  analysis->spot_candles = ps_candles_ref (m->spot_candles);
  analysis->open_interest = ps_open_interest_ref (m->open_interest);
  analysis->funding = ps_funding_ref (m->funding);
  analysis->liquidations = ps_liquidations_ref (m->liquidations);
  analysis->not_recorded = g_array_ref (m->not_recorded);
  analysis->interval_ms = ps_interval_to_ms (market->interval);

  analysis->from_ms = market->from_ms;
  analysis->first = ps_series_lower_bound (analysis->candles->t_ms, analysis->candles->n,
                                           market->from_ms);
  if (analysis->first == analysis->candles->n)
    {
      g_autofree char *from = ps_time_format_utc (market->from_ms);
      g_autofree char *to = ps_time_format_utc (market->to_ms);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s %s %s has no candles for %s → %s: nothing to analyse"),
                   m->venue_name, market->symbol, market->interval_text, from, to);
      return FALSE;
    }

  input.candles = analysis->candles;
  input.spot_candles = analysis->spot_candles;
  input.open_interest = analysis->open_interest;
  input.funding = analysis->funding;
  input.liquidations = analysis->liquidations;
  input.not_recorded = analysis->not_recorded;
  if (!(analysis->result = ps_analysis_run (&model->params, &input, NULL, NULL, error)))
    {
      g_prefix_error (error, "%s %s %s: ", m->venue_name, market->symbol,
                      market->interval_text);
      return FALSE;
    }
  analysis->heatmap = ps_analysis_get_heatmap (analysis->result, PS_HEATMAP_MODEL);
  analysis->treadmill = ps_analysis_get_treadmill (analysis->result);
  ps_cli_analysis_recorded (analysis);
  ps_cli_analysis_score (analysis);
  return TRUE;
}

int
ps_cli_analysis_parse (const char          *command,
                       const char          *parameter_string,
                       const char          *summary,
                       const GOptionEntry  *entries,
                       PsCliValidateFunc    validate,
                       gpointer             options,
                       PsCliMarket         *market,
                       PsCliModel          *model,
                       int                 *argc,
                       char              ***argv)
{
  g_autoptr(GOptionContext) option_context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;
  const GOptionEntry recordings[] = {
    { "recordings", 0, 0, G_OPTION_ARG_FILENAME, &market->recordings_path,
      N_("Recorded liquidations (default: $XDG_DATA_HOME/perpscope/recordings.db)"), N_("FILE") },
    { NULL }
  };
  GOptionGroup *group = ps_cli_market_options (market);

  g_option_context_set_summary (option_context, summary);
  g_option_group_add_entries (group, entries);
  g_option_group_add_entries (group, recordings);
  g_option_context_set_main_group (option_context, group);
  g_option_context_add_group (option_context, ps_cli_model_options (model));
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (option_context, argc, argv, &error))
    return ps_cli_usage_error (command, error->message);
  if (*argc > 1)
    return ps_cli_usage_error (command, _("Unexpected argument"));
  if (!ps_cli_market_validate (market, &error) || !validate (options, &error) ||
      !ps_cli_model_validate (model, &error))
    return ps_cli_usage_error (command, error->message);
  return PS_CLI_OK;
}

gboolean
ps_cli_analysis_load (PsCliContext      *context,
                      PsCliMarket       *market,
                      const PsCliModel  *model,
                      gboolean           offline,
                      GError           **error)
{
  PsCliMarket warm = *market;   /* shallow: only from_ms differs, nothing freed */

  warm.from_ms = market->from_ms - ps_cli_model_get_warmup (model);
  if (offline)
    return ps_cli_check_cached (context, market, error) &&
           ps_cli_load (context, &warm, TRUE, error);
  if (ps_cli_load (context, &warm, FALSE, error))
    return TRUE;

  /* The venue failed, maybe only for the warm-up before a range that a
   * fetch cached: say how to use what is there. */
  if (error != NULL && *error != NULL && ps_cli_check_cached (context, market, NULL))
    {
      g_autofree char *message = g_steal_pointer (&(*error)->message);

      (*error)->message = g_strdup_printf (_("%s; the range itself is cached: add --offline to "
                                             "use the cache alone (the model’s warm-up "
                                             "before the range as far as cached)"), message);
    }
  return FALSE;
}

gboolean
ps_cli_analysis_get_period (const PsCliAnalysis *analysis,
                            guint                i,
                            PsPhasePeriod       *period)
{
  const GArray *periods = ps_treadmill_get_periods (analysis->treadmill);

  g_return_val_if_fail (i < periods->len, FALSE);

  *period = g_array_index (periods, PsPhasePeriod, i);
  if (period->to_ms <= analysis->from_ms && period->from_ms < analysis->from_ms)
    return FALSE;   /* wholly in the warm-up (a one-candle period may have to = from) */
  period->from_ms = MAX (period->from_ms, analysis->from_ms);
  return TRUE;
}

void
ps_cli_analysis_clear (PsCliAnalysis *analysis)
{
  g_clear_pointer (&analysis->candles, ps_candles_unref);
  g_clear_pointer (&analysis->spot_candles, ps_candles_unref);
  g_clear_pointer (&analysis->open_interest, ps_open_interest_unref);
  g_clear_pointer (&analysis->funding, ps_funding_unref);
  g_clear_pointer (&analysis->liquidations, ps_liquidations_unref);
  g_clear_pointer (&analysis->not_recorded, g_array_unref);
  analysis->heatmap = NULL;
  analysis->treadmill = NULL;
  g_clear_pointer (&analysis->result, ps_analysis_unref);
  g_clear_pointer (&analysis->verdict, g_free);
  analysis->scored = FALSE;
  g_clear_pointer (&analysis->recorded_long, g_free);
  g_clear_pointer (&analysis->recorded_short, g_free);
  g_clear_pointer (&analysis->recorded, g_free);
}
