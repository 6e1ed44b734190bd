/* ps-cli-analyze.c: perpscope analyze — phases, hot zones and honest scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ps-cli-analysis.h"
#include "ps-render.h"
#include "ps-spot.h"
#include "ps-time.h"

typedef enum
{
  PS_CLI_FORMAT_TEXT,
  PS_CLI_FORMAT_JSON,
  PS_CLI_FORMAT_CSV,
} PsCliFormat;

typedef struct
{
  char        *format_text;
  gboolean     offline;
  PsCliFormat  format;
} PsCliAnalyze;

/* What each output is of. */
typedef struct
{
  PsCliContext   *context;
  PsCliMarket    *market;
  PsCliModel     *model;
  PsCliAnalysis  *analysis;
  GArray         *zones;        /* PsHeatZone at the end of the range */
  double          last_price;
  /* ps_perp_volume_share over [--from, --to): NAN when not known */
  double          perp_share;
  double          perp_volume;
  double          spot_volume;
  char           *base;         /* the unit of both volumes */
} PsCliAnalyzeRun;

static const char * const ps_cli_score_names[] = { "model", "uniform", "round" };

/* The base asset of a symbol quoted in dollars ("BTCUSDT": "BTC"); Binance
 * counts both markets' volume in it. */
static char *
ps_cli_analyze_base (const char *symbol)
{
  static const char * const quotes[] = { "USDT", "USDC", "FDUSD", "BUSD", "USD" };

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    if (g_str_has_suffix (symbol, quotes[i]) && strlen (symbol) > strlen (quotes[i]))
      return g_strndup (symbol, strlen (symbol) - strlen (quotes[i]));
  return g_strdup (_("base units"));
}

static char *
ps_cli_analyze_time (gint64 t_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t_ms / 1000);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static void
ps_cli_analyze_print_phases (PsCliAnalyzeRun *run)
{
  const GArray *periods = ps_treadmill_get_periods (run->analysis->treadmill);
  guint n_shown = 0;

  g_print ("%s\n", _("Phases"));
  for (guint i = 0; i < periods->len; i++)
    {
      PsPhasePeriod p;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (!ps_cli_analysis_get_period (run->analysis, i, &p))
        continue;
      from = ps_cli_analyze_time (p.from_ms);
      to = ps_cli_analyze_time (p.to_ms);
      g_print ("  %s → %s  %s\n", from, to,
               p.phase == PS_PHASE_NONE ? _("no phase") : ps_phase_get_label (p.phase));
      if (p.reasons != NULL && *p.reasons != '\0')
        {
          g_auto(GStrv) lines = g_strsplit (p.reasons, "\n", -1);

          for (guint l = 0; lines[l] != NULL; l++)
            g_print ("      %s\n", lines[l]);
        }
      n_shown++;
    }
  if (n_shown == 0)
    g_print ("  %s\n", _("None."));
}

static void
ps_cli_analyze_print_zones (PsCliAnalyzeRun *run)
{
  const PsCandles *candles = run->analysis->candles;
  g_autofree char *at = ps_cli_analyze_time (candles->t_ms[candles->n - 1] +
                                             run->analysis->interval_ms);
  g_autofree char *price = ps_format_price (run->last_price);

  g_print ("\n");
  g_print (_("Hot zones at %s UTC, last price %s\n"), at, price);
  if (run->analysis->heatmap == NULL)
    {
      const GError *why = ps_analysis_get_heatmap_error (run->analysis->result);

      g_print (_("  None: no heatmap (%s).\n"), why ? why->message : "?");
      return;
    }
  for (guint k = 0; k < 2 * run->zones->len; k++)
    {
      /* Shorts (above the price) first, as on the chart; largest first. */
      const PsHeatZone *z = &g_array_index (run->zones, PsHeatZone, k % run->zones->len);
      g_autofree char *lo = NULL;
      g_autofree char *hi = NULL;
      g_autofree char *peak = NULL;
      g_autofree char *usd = NULL;

      if ((z->side == PS_LIQ_SHORT) != (k < run->zones->len))
        continue;
      lo = ps_format_price (z->price_lo);
      hi = ps_format_price (z->price_hi);
      peak = ps_format_price (z->price_peak);
      usd = ps_format_usd_compact (z->usd);
      g_print (_("  %-14s %s – %s  peak %s  %s\n"),
               z->side == PS_LIQ_LONG ? _("longs below") : _("shorts above"), lo, hi, peak, usd);
    }
  if (run->zones->len == 0)
    g_print ("  %s\n", _("None: the model holds no notional near the last price."));
}

/* Left-aligned in width columns (printf's width counts bytes, not "—");
 * width 0: the last cell, ending the line. */
static void
ps_cli_analyze_cell (const char *text,
                     guint       width)
{
  glong len = g_utf8_strlen (text, -1);

  if (width == 0)
    g_print ("%s\n", text);
  else
    g_print ("%s%*s", text, (int) (len < width ? width - len : 1), "");
}

static char *
ps_cli_analyze_value (double   v,
                      gboolean percent)
{
  if (!isfinite (v))
    return g_strdup ("—");
  if (percent)
    v *= 100;
  if (fabs (v) < 0.005)
    v = 0;   /* no "-0.00" */
  if (!percent)
    return g_strdup_printf ("%.2f", v);
  /* The zones' coverage of the candles' ranges is a few tenths of a percent. */
  return g_strdup_printf (fabs (v) < 1 ? "%.2f %%" : fabs (v) < 10 ? "%.1f %%" : "%.0f %%", v);
}

/* One row of the scores table: label, then model, uniform, round. */
static void
ps_cli_analyze_score_row (const PsScore **score,
                          const char     *label,
                          gsize           offset,
                          gboolean        percent)
{
  g_print ("  ");
  ps_cli_analyze_cell (label, 24);
  for (guint m = 0; m < 3; m++)
    {
      g_autofree char *v = ps_cli_analyze_value (G_STRUCT_MEMBER (double, score[m], offset),
                                                 percent);

      ps_cli_analyze_cell (v, m < 2 ? 16 : 0);
    }
}

static void
ps_cli_analyze_print_scores (PsCliAnalyzeRun *run)
{
  const PsCliAnalysis *a = run->analysis;
  const PsScore *s[3] = { &a->score[0], &a->score[1], &a->score[2] };
  g_autofree char *usd = NULL;

  g_print ("\n");
  if (!a->scored)
    {
      g_print ("%s\n  %s\n", _("Scores"), a->verdict);
      return;
    }

  usd = ps_format_usd_compact (s[0]->recorded_usd);
  /* Translators: candles scored, of how many candles, USD of the liquidations recorded */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Scores, %u of %u candle in recorded time, %s recorded\n",
                        "Scores, %u of %u candles in recorded time, %s recorded\n",
                        a->candles->n - a->first),
           s[0]->n_scored, a->candles->n - a->first, usd);
  g_print ("  ");
  ps_cli_analyze_cell ("", 24);
  ps_cli_analyze_cell (_("model"), 16);
  ps_cli_analyze_cell (_("uniform"), 16);
  ps_cli_analyze_cell (_("round numbers"), 0);
  ps_cli_analyze_score_row (s, _("rank correlation"), G_STRUCT_OFFSET (PsScore, rank_corr), FALSE);
  ps_cli_analyze_score_row (s, _("  longs"), G_STRUCT_OFFSET (PsScore, rank_corr_long), FALSE);
  ps_cli_analyze_score_row (s, _("  shorts"), G_STRUCT_OFFSET (PsScore, rank_corr_short), FALSE);
  g_print ("  ");
  ps_cli_analyze_cell (_("zones hit / crossed"), 24);
  for (guint m = 0; m < 3; m++)
    {
      g_autofree char *v = g_strdup_printf ("%u / %u", s[m]->zones_hit, s[m]->zones_crossed);

      ps_cli_analyze_cell (v, m < 2 ? 16 : 0);
    }
  ps_cli_analyze_score_row (s, _("hit rate"), G_STRUCT_OFFSET (PsScore, hit_rate), TRUE);
  ps_cli_analyze_score_row (s, _("recorded USD in zones"),
                            G_STRUCT_OFFSET (PsScore, share_in_zones), TRUE);
  ps_cli_analyze_score_row (s, _("candle range in zones"),
                            G_STRUCT_OFFSET (PsScore, zone_price_share), TRUE);
  ps_cli_analyze_score_row (s, _("lift (× chance)"), G_STRUCT_OFFSET (PsScore, lift), FALSE);
  g_print ("\n%s %s\n", _("Verdict:"), a->verdict);
}

static void
ps_cli_analyze_print_volume_share (PsCliAnalyzeRun *run)
{
  if (isnan (run->perp_share))
    {
      g_print ("\n%s\n", _("Perp share of volume: not known: the spot market's volume is missing"));
      return;
    }
  g_print ("\n");
  /* TRANSLATORS: the share, then spot and perp volume in the base asset, e.g.
   * "Perp share of volume: 84 % (spot 12345 BTC, perp 67890 BTC)" */
  g_print (_("Perp share of volume: %.0f %% (spot %.0f %s, perp %.0f %s)\n"),
           100 * run->perp_share, run->spot_volume, run->base, run->perp_volume, run->base);
}

static void
ps_cli_analyze_print_notes (PsCliAnalyzeRun *run)
{
  const char * const *hm = run->analysis->heatmap ? ps_heatmap_get_notes (run->analysis->heatmap)
                                                  : NULL;
  const char * const *tm = ps_treadmill_get_notes (run->analysis->treadmill);
  const GError *spot = run->context->snapshot->spot_error;
  const PsCliAnalysis *a = run->analysis;

  g_print ("\n%s\n", _("Notes"));
  if (a->first > 0)
    {
      g_autofree char *warm = ps_cli_analyze_time (a->candles->t_ms[0]);

      /* The notes below speak of everything loaded. */
      g_print (_("  analysis: computed from %s on (the warm-up, --warmup); the notes cover it "
                 "too\n"), warm);
    }
  if (spot != NULL)
    g_print (_("  spot: %s\n"), spot->message);
  if (run->context->aggregate != NULL)
    {
      g_auto(GStrv) venues = ps_aggregate_market_dup_notes (run->context->aggregate);

      for (guint i = 0; venues[i] != NULL; i++)
        g_print (_("  venues: %s\n"), venues[i]);
    }
  for (guint i = 0; hm != NULL && hm[i] != NULL; i++)
    g_print (_("  heatmap: %s\n"), hm[i]);
  for (guint i = 0; tm != NULL && tm[i] != NULL; i++)
    g_print (_("  treadmill: %s\n"), tm[i]);
}

static void
ps_cli_analyze_print_text (PsCliAnalyzeRun *run)
{
  g_autofree char *from = ps_cli_analyze_time (run->market->from_ms);
  g_autofree char *to = ps_cli_analyze_time (run->market->to_ms);
  guint n = run->analysis->candles->n - run->analysis->first;

  g_print (g_dngettext (GETTEXT_PACKAGE, "%s %s %s, %s → %s UTC, %u candle\n\n",
                        "%s %s %s, %s → %s UTC, %u candles\n\n", n),
           run->context->snapshot->venue_name, run->market->symbol,
           run->market->interval_text, from, to, n);
  ps_cli_analyze_print_phases (run);
  ps_cli_analyze_print_zones (run);
  ps_cli_analyze_print_scores (run);
  ps_cli_analyze_print_volume_share (run);
  ps_cli_analyze_print_notes (run);
}

/* JSON has no NaN: null. */
static void
ps_cli_json_double (JsonBuilder *builder,
                    const char  *name,
                    double       v)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (v))
    json_builder_add_double_value (builder, v);
  else
    json_builder_add_null_value (builder);
}

static void
ps_cli_json_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
ps_cli_json_time (JsonBuilder *builder,
                  const char  *name,
                  gint64       t_ms)
{
  g_autofree char *iso = ps_cli_format_iso (t_ms);

  ps_cli_json_string (builder, name, iso);
}

static void
ps_cli_json_strv (JsonBuilder        *builder,
                  const char         *name,
                  const char * const *strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
ps_cli_analyze_json_phases (PsCliAnalyzeRun *run,
                            JsonBuilder     *builder)
{
  const GArray *periods = ps_treadmill_get_periods (run->analysis->treadmill);

  json_builder_set_member_name (builder, "phases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < periods->len; i++)
    {
      PsPhasePeriod p;

      if (!ps_cli_analysis_get_period (run->analysis, i, &p))
        continue;
      json_builder_begin_object (builder);
      ps_cli_json_time (builder, "from", p.from_ms);
      ps_cli_json_time (builder, "to", p.to_ms);
      ps_cli_json_string (builder, "phase", ps_phase_to_string (p.phase));
      ps_cli_json_string (builder, "reasons", p.reasons ? p.reasons : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
ps_cli_analyze_json_zones (PsCliAnalyzeRun *run,
                           JsonBuilder     *builder)
{
  json_builder_set_member_name (builder, "hot_zones");
  json_builder_begin_array (builder);
  for (guint i = 0; i < run->zones->len; i++)
    {
      const PsHeatZone *z = &g_array_index (run->zones, PsHeatZone, i);

      json_builder_begin_object (builder);
      ps_cli_json_string (builder, "side", z->side == PS_LIQ_LONG ? "long" : "short");
      ps_cli_json_double (builder, "price_lo", z->price_lo);
      ps_cli_json_double (builder, "price_hi", z->price_hi);
      ps_cli_json_double (builder, "price_peak", z->price_peak);
      ps_cli_json_double (builder, "usd", z->usd);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
ps_cli_analyze_json_scores (PsCliAnalyzeRun *run,
                            JsonBuilder     *builder)
{
  PsAnalysis *result = run->analysis->result;
  const GError *why = ps_analysis_get_heatmap_error (result);

  json_builder_set_member_name (builder, "heatmap_error");
  if (run->analysis->heatmap == NULL && why != NULL)
    json_builder_add_string_value (builder, why->message);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "scores");
  json_builder_begin_object (builder);
  for (guint m = 0; m < 3; m++)
    {
      const PsScore *score = run->analysis->scored ? &run->analysis->score[m] : NULL;

      json_builder_set_member_name (builder, ps_cli_score_names[m]);
      if (score == NULL)
        {
          json_builder_add_null_value (builder);
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "n_scored");
      json_builder_add_int_value (builder, score->n_scored);
      ps_cli_json_double (builder, "rank_corr", score->rank_corr);
      ps_cli_json_double (builder, "rank_corr_long", score->rank_corr_long);
      ps_cli_json_double (builder, "rank_corr_short", score->rank_corr_short);
      json_builder_set_member_name (builder, "zones_crossed");
      json_builder_add_int_value (builder, score->zones_crossed);
      json_builder_set_member_name (builder, "zones_hit");
      json_builder_add_int_value (builder, score->zones_hit);
      ps_cli_json_double (builder, "hit_rate", score->hit_rate);
      ps_cli_json_double (builder, "recorded_usd", score->recorded_usd);
      ps_cli_json_double (builder, "recorded_usd_in_zones", score->recorded_usd_in_zones);
      ps_cli_json_double (builder, "share_in_zones", score->share_in_zones);
      ps_cli_json_double (builder, "zone_price_share", score->zone_price_share);
      ps_cli_json_double (builder, "expected_usd_in_zones", score->expected_usd_in_zones);
      ps_cli_json_double (builder, "lift", score->lift);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  ps_cli_json_string (builder, "verdict", run->analysis->verdict);
}

static void
ps_cli_analyze_json_candles (PsCliAnalyzeRun *run,
                             JsonBuilder     *builder)
{
  const PsCliAnalysis *a = run->analysis;
  const guint8 *phases = ps_treadmill_get_phases (a->treadmill);
  const double *pl = a->heatmap ? ps_heatmap_get_predicted (a->heatmap, PS_LIQ_LONG) : NULL;
  const double *ps = a->heatmap ? ps_heatmap_get_predicted (a->heatmap, PS_LIQ_SHORT) : NULL;

  json_builder_set_member_name (builder, "candles");
  json_builder_begin_array (builder);
  for (guint i = a->first; i < a->candles->n; i++)
    {
      json_builder_begin_object (builder);
      ps_cli_json_time (builder, "t", a->candles->t_ms[i]);
      ps_cli_json_string (builder, "phase", ps_phase_to_string (phases[i]));
      ps_cli_json_double (builder, "predicted_long_usd", pl ? pl[i] : NAN);
      ps_cli_json_double (builder, "predicted_short_usd", ps ? ps[i] : NAN);
      ps_cli_json_double (builder, "recorded_long_usd", a->recorded_long[i]);
      ps_cli_json_double (builder, "recorded_short_usd", a->recorded_short[i]);
      ps_cli_json_string (builder, "recorded", ps_cli_recorded_to_string (a->recorded[i]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
ps_cli_analyze_print_json (PsCliAnalyzeRun *run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const GError *spot = run->context->snapshot->spot_error;

  json_builder_begin_object (builder);
  ps_cli_json_string (builder, "venue", run->context->snapshot->venue);
  ps_cli_json_string (builder, "symbol", run->market->symbol);
  ps_cli_json_string (builder, "interval", run->market->interval_text);
  ps_cli_json_time (builder, "from", run->market->from_ms);
  ps_cli_json_time (builder, "to", run->market->to_ms);
  /* With the warm-up: what the model and the phases were computed from. */
  ps_cli_json_time (builder, "computed_from", run->analysis->candles->t_ms[0]);
  ps_cli_json_double (builder, "last_price", run->last_price);
  json_builder_set_member_name (builder, "parameters");
  ps_cli_model_to_json (run->model, builder);
  ps_cli_analyze_json_phases (run, builder);
  ps_cli_analyze_json_zones (run, builder);
  ps_cli_analyze_json_scores (run, builder);
  /* share null (not known) when the spot market's volume is missing */
  json_builder_set_member_name (builder, "perp_volume_share");
  json_builder_begin_object (builder);
  ps_cli_json_double (builder, "share", run->perp_share);
  ps_cli_json_double (builder, "perp_volume", run->perp_volume);
  ps_cli_json_double (builder, "spot_volume", run->spot_volume);
  ps_cli_json_string (builder, "unit", run->base);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_object (builder);
  ps_cli_json_strv (builder, "heatmap", run->analysis->heatmap
                                        ? ps_heatmap_get_notes (run->analysis->heatmap) : NULL);
  ps_cli_json_strv (builder, "treadmill", ps_treadmill_get_notes (run->analysis->treadmill));
  ps_cli_json_string (builder, "spot", spot ? spot->message : NULL);
  /* --venue all: the venues that failed or that the sums leave out */
  if (run->context->aggregate != NULL)
    {
      g_auto(GStrv) venues = ps_aggregate_market_dup_notes (run->context->aggregate);

      ps_cli_json_strv (builder, "venues", (const char * const *) venues);
    }
  json_builder_end_object (builder);
  ps_cli_analyze_json_candles (run, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
ps_cli_analyze_print_csv (PsCliAnalyzeRun *run)
{
  const PsCliAnalysis *a = run->analysis;
  const guint8 *phases = ps_treadmill_get_phases (a->treadmill);
  const double *pl = a->heatmap ? ps_heatmap_get_predicted (a->heatmap, PS_LIQ_LONG) : NULL;
  const double *ps = a->heatmap ? ps_heatmap_get_predicted (a->heatmap, PS_LIQ_SHORT) : NULL;

  fputs ("t,phase,predicted_long_usd,predicted_short_usd,recorded_long_usd,recorded_short_usd,"
         "recorded\n", stdout);
  for (guint i = a->first; i < a->candles->n; i++)
    {
      const double v[] = {
        pl ? pl[i] : NAN, ps ? ps[i] : NAN, a->recorded_long[i], a->recorded_short[i],
      };
      g_autofree char *t = ps_cli_format_iso (a->candles->t_ms[i]);

      fprintf (stdout, "%s,%s", t, ps_phase_to_string (phases[i]));
      for (guint k = 0; k < G_N_ELEMENTS (v); k++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          /* Empty where not a number: a candle no recorder heard. */
          fprintf (stdout, ",%s", isfinite (v[k]) ? g_ascii_formatd (buf, sizeof buf, "%.2f", v[k])
                                                  : "");
        }
      fprintf (stdout, ",%s\n", ps_cli_recorded_to_string (a->recorded[i]));
    }
}

static gboolean
ps_cli_analyze_validate (gpointer   options,
                         GError   **error)
{
  PsCliAnalyze *analyze = options;
  static const char * const names[] = { "text", "json", "csv", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (analyze->format_text ? analyze->format_text : "text", names[i]) == 0)
      {
        analyze->format = i;
        break;
      }
  if (analyze->format_text != NULL && !g_strv_contains (names, analyze->format_text))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown format “%s” for --format (use text, json or csv)"),
                   analyze->format_text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ps_cli_analyze_work (PsCliAnalyze   *analyze,
                     PsCliContext   *context,
                     PsCliMarket    *market,
                     PsCliModel     *model,
                     GError        **error)
{
  PsCliAnalysis analysis = { 0 };
  PsCliAnalyzeRun run = { context, market, model, &analysis, NULL, NAN, NAN, NAN, NAN, NULL };

  if (!ps_cli_analysis_load (context, market, model, analyze->offline, error) ||
      !ps_cli_analysis_run (&analysis, context, market, model, error))
    {
      ps_cli_analysis_clear (&analysis);
      return FALSE;
    }

  run.last_price = ps_candles_close_at (analysis.candles, analysis.candles->n - 1);
  run.zones = analysis.heatmap ? ps_heatmap_get_zones (analysis.heatmap, run.last_price)
                              : g_array_new (FALSE, FALSE, sizeof (PsHeatZone));
  run.perp_share = ps_perp_volume_share (analysis.candles, analysis.spot_candles, market->from_ms,
                                         market->to_ms, &run.perp_volume, &run.spot_volume);
  /* --venue all: the snapshot's symbol is the asset itself. */
  run.base = context->aggregate != NULL ? g_strdup (context->snapshot->symbol)
                                        : ps_cli_analyze_base (market->symbol);
  switch (analyze->format)
    {
    case PS_CLI_FORMAT_JSON:
      ps_cli_analyze_print_json (&run);
      break;
    case PS_CLI_FORMAT_CSV:
      ps_cli_analyze_print_csv (&run);
      break;
    case PS_CLI_FORMAT_TEXT:
    default:
      ps_cli_analyze_print_text (&run);
      break;
    }
  g_clear_pointer (&run.zones, g_array_unref);
  g_free (run.base);
  ps_cli_analysis_clear (&analysis);
  return TRUE;
}

int
ps_cli_analyze (int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  PsCliMarket market = { 0 };
  PsCliModel model = { 0 };
  PsCliAnalyze analyze = { 0 };
  PsCliContext context = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &analyze.format_text,
      N_("text, json or csv (per candle) (default: text)"), N_("FORMAT") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &analyze.offline,
      N_("Analyse the cache only; fail if the range is not cached"), NULL },
    { NULL }
  };

  status = ps_cli_analysis_parse ("analyze",
    _("— treadmill phases, hot zones and scores of a market"),
    _("Labels each period with its treadmill phase and the reasons, gives the liquidation "
      "heatmap’s hot zones at the end of the range, and scores its predicted liquidations "
      "against the recorded ones beside two baselines (uniform, round numbers). Every model "
      "parameter is a flag: see --help-model.\n\n"
      "Example:\n"
      "  perpscope analyze --venue binance --symbol BTCUSDT --interval 1h --from 2025-11-15 \\\n"
      "                    --to 2025-11-25 --format text"),
    entries, ps_cli_analyze_validate, &analyze, &market, &model, &argc, &argv);
  if (status == PS_CLI_OK &&
      (!ps_cli_context_open (&context, &market,
                             analyze.offline ? PS_CORE_FLAGS_READ_ONLY : PS_CORE_FLAGS_NONE,
                             &error) ||
       !ps_cli_analyze_work (&analyze, &context, &market, &model, &error)))
    status = ps_cli_fail (error);

  ps_cli_context_clear (&context);
  ps_cli_market_clear (&market);
  ps_cli_model_clear (&model);
  g_free (analyze.format_text);
  return status;
}
