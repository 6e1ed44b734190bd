/* ps-cli-analysis.h: the model's flags and one analysis of a loaded market,
 * shared by analyze and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "ps-analysis.h"
#include "ps-cli.h"

G_BEGIN_DECLS

/* Every parameter of the heatmap and the treadmill, each a flag. */
typedef struct
{
  PsAnalysisParams  params;
  gint64            warmup_ms;   /* history before --from; −1: baseline + lookback */
  /*< private >*/
  GPtrArray        *help;   /* the descriptions, with defaults, the options point at */
} PsCliModel;

/* Sets model's defaults; the group ("--help-model") writes the flags into it. */
GOptionGroup *ps_cli_model_options     (PsCliModel   *model);
gboolean      ps_cli_model_validate    (PsCliModel   *model,
                                        GError      **error);
void          ps_cli_model_clear       (PsCliModel   *model);
gint64        ps_cli_model_get_warmup  (const PsCliModel *model);
/* The parameters in use as an object of flag name → value as a flag takes it. */
void          ps_cli_model_to_json     (PsCliModel   *model,
                                        JsonBuilder  *builder);

typedef enum
{
  PS_CLI_RECORDED_NO = 0,   /* no recorder listened in this candle */
  PS_CLI_RECORDED_PARTLY,
  PS_CLI_RECORDED_YES,
} PsCliRecorded;

const char *ps_cli_recorded_to_string  (PsCliRecorded recorded);   /* "no", "partly", "yes" */

/* What the market loaded, from the warm-up on, and what ps_analysis_run (the
 * window's own) made of it; what is reported starts at candle first, the
 * first of [--from, --to). */
typedef struct
{
  gint64          from_ms;
  guint           first;
  PsCandles      *candles;
  PsCandles      *spot_candles;        /* empty where the venue has no spot market */
  PsOpenInterest *open_interest;
  PsFunding      *funding;
  PsLiquidations *liquidations;
  GArray         *not_recorded;        /* PsTreadmillSpan */
  gint64          interval_ms;
  PsAnalysis     *result;
  PsHeatmap      *heatmap;             /* the model's, or NULL: see result's heatmap error */
  PsTreadmill    *treadmill;
  PsScore         score[3];            /* by PsHeatmapMode, over [first, n) */
  gboolean        scored;              /* FALSE without heatmaps */
  char           *verdict;
  double         *recorded_long;       /* per candle, USD; NAN where not recorded at all */
  double         *recorded_short;
  guint8         *recorded;            /* PsCliRecorded per candle */
} PsCliAnalysis;

typedef gboolean (*PsCliValidateFunc) (gpointer   options,
                                       GError   **error);

/* The options of a command that analyses a market (analyze, export): the
 * market's, entries and --recordings in the main group, the model's in
 * --help-model; validated market, validate (the command's own), model.
 * PS_CLI_OK, else the usage error's exit status (reported). */
int      ps_cli_analysis_parse         (const char          *command,
                                        const char          *parameter_string,
                                        const char          *summary,
                                        const GOptionEntry  *entries,
                                        PsCliValidateFunc    validate,
                                        gpointer             options,
                                        PsCliMarket         *market,
                                        PsCliModel          *model,
                                        int                 *argc,
                                        char              ***argv);

/* Loads [--from − warm-up, --to) into the market; with offline, from the
 * cache only, which must hold [--from, --to). */
gboolean ps_cli_analysis_load          (PsCliContext        *context,
                                        PsCliMarket         *market,
                                        const PsCliModel    *model,
                                        gboolean             offline,
                                        GError             **error);
/* FALSE, in words, when the range has no candles. A heatmap that cannot
 * be modelled (no open interest) is no failure: heatmap is NULL. */
gboolean ps_cli_analysis_run           (PsCliAnalysis       *analysis,
                                        PsCliContext        *context,
                                        const PsCliMarket   *market,
                                        const PsCliModel    *model,
                                        GError             **error);
void     ps_cli_analysis_clear         (PsCliAnalysis       *analysis);
/* Period i of the treadmill cut to [--from, --to) into period (reasons
 * borrowed); FALSE when it lies before. */
gboolean ps_cli_analysis_get_period    (const PsCliAnalysis *analysis,
                                        guint                i,
                                        PsPhasePeriod       *period);

/* "2025-12-01T04:00:00Z" */
char    *ps_cli_format_iso             (gint64               t_ms);

/* export --format csv: rows t, price_lo, price_hi, long_usd, short_usd for
 * the model grid's non-zero cells; or from, to, phase, reasons per period. */
gboolean ps_cli_analysis_write_heatmap_csv (const PsCliAnalysis *analysis,
                                            FILE                *out);
gboolean ps_cli_analysis_write_phases_csv  (const PsCliAnalysis *analysis,
                                            FILE                *out);
/* export --format csv --kind …: the usage checks (FALSE: exit 2), then the
 * load (with the warm-up) and the run, to output or standard output (NULL or
 * "-"); an exit status. */
gboolean ps_cli_export_csv_validate    (const char          *format,
                                        const char          *kind,
                                        GError             **error);
int      ps_cli_export_csv             (PsCliContext        *context,
                                        PsCliMarket         *market,
                                        const PsCliModel    *model,
                                        const char          *kind,
                                        gboolean             offline,
                                        const char          *output);
/* A CSV field: quoted when it holds a comma, quote or line break. */
void     ps_cli_csv_field              (FILE                *out,
                                        const char          *text);

G_END_DECLS
