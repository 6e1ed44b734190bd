/* ps-cli-export.c: perpscope export — a report image from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ps-cli-analysis.h"
#include "ps-cli.h"
#include "ps-report.h"
#include "ps-time.h"

#define DEFAULT_WIDTH  1600
#define DEFAULT_HEIGHT 1000

typedef struct
{
  char     *output;
  char     *size_text;
  char     *format_text;    /* png, svg, pdf or csv; NULL: from --output's name */
  char     *kind_text;      /* csv: what to write */
  char     *theme_text;     /* light (default) or dark */
  PsReportFormat format;
  gboolean  csv;
  gboolean  dark;
  gboolean  offline;
  gboolean  no_heatmap;
  int       width;
  int       height;
  /* The panes' options, as the window's Chart menu names them. */
  char     *price_style_text;
  char     *oi_unit_text;
  gboolean  log_scale;
  gboolean  show_volume;
  gboolean  oi_change;
  gboolean  funding_annualised;
  PsPriceStyle price_style;
  PsOiUnit  oi_unit;
} PsCliExport;

/* The index of text in names (case-insensitive), or -1. */
static int
ps_cli_export_pick (const char         *text,
                    const char * const *names,
                    guint               n_names)
{
  for (guint i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      return (int) i;
  return -1;
}

/* --price-style and --oi-unit in words the settings use too. */
static gboolean
ps_cli_export_validate_options (PsCliExport  *export,
                                GError      **error)
{
  static const char * const styles[] = { "candles", "ohlc", "line" };
  static const char * const units[] = { "usd", "coin" };
  int i;

  if (export->price_style_text != NULL)
    {
      if ((i = ps_cli_export_pick (export->price_style_text, styles, G_N_ELEMENTS (styles))) < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown price style “%s”: use candles, ohlc or line"),
                       export->price_style_text);
          return FALSE;
        }
      export->price_style = (PsPriceStyle) i;
    }
  if (export->oi_unit_text != NULL)
    {
      if ((i = ps_cli_export_pick (export->oi_unit_text, units, G_N_ELEMENTS (units))) < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown open interest unit “%s”: use usd or coin"),
                       export->oi_unit_text);
          return FALSE;
        }
      export->oi_unit = (PsOiUnit) i;
    }
  return TRUE;
}

/* --size: WIDTHxHEIGHT or a preset. A4 is landscape, in points for a PDF
 * (a page), at twice that in pixels for an image (sharp when printed). */
static gboolean
ps_cli_export_parse_size (PsCliExport  *export,
                          GError      **error)
{
  static const struct { const char *name; int width, height; } presets[] = {
    { "social", 1200, 675 },
    { "hd", 1920, 1080 },
    { "a4", 842, 595 },
  };
  const char *text = export->size_text;
  char tail;

  export->width = DEFAULT_WIDTH;
  export->height = DEFAULT_HEIGHT;
  if (text == NULL)
    {
      if (export->format == PS_REPORT_FORMAT_PDF)
        export->width = 842, export->height = 595;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_ascii_strcasecmp (text, presets[i].name) == 0)
      {
        int scale = g_str_equal (presets[i].name, "a4") &&
                    export->format == PS_REPORT_FORMAT_PNG ? 2 : 1;

        export->width = presets[i].width * scale;
        export->height = presets[i].height * scale;
        return TRUE;
      }

  if (sscanf (text, "%dx%d%c", &export->width, &export->height, &tail) != 2 ||
      export->width < PS_REPORT_MIN_WIDTH || export->height < PS_REPORT_MIN_HEIGHT ||
      export->width > PS_REPORT_MAX_SIDE || export->height > PS_REPORT_MAX_SIDE)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Bad size “%s”: use social (1200x675), hd (1920x1080), a4, or "
                     "WIDTHxHEIGHT from %dx%d to %dx%d"),
                   text, PS_REPORT_MIN_WIDTH, PS_REPORT_MIN_HEIGHT,
                   PS_REPORT_MAX_SIDE, PS_REPORT_MAX_SIDE);
      return FALSE;
    }
  return TRUE;
}

/* --format, or the output's extension: png, svg, pdf, or csv. */
static gboolean
ps_cli_export_parse_format (PsCliExport  *export,
                            GError      **error)
{
  const char *format = export->format_text;
  g_autofree char *lower = NULL;
  const char *dot;

  if (format == NULL && export->output != NULL)
    {
      lower = g_ascii_strdown (export->output, -1);
      dot = strrchr (lower, '.');
      if (dot != NULL && strchr (dot, '/') == NULL &&
          (ps_report_format_from_string (dot + 1, &export->format) ||
           g_str_equal (dot + 1, "csv")))
        format = dot + 1;
    }
  if (format == NULL)
    format = export->kind_text != NULL ? "csv" : "png";

  if (g_ascii_strcasecmp (format, "csv") == 0)
    {
      export->csv = TRUE;
      return ps_cli_export_csv_validate (format, export->kind_text, error);
    }
  if (!ps_report_format_from_string (format, &export->format))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown format “%s” for --format (use png, svg, pdf or csv)"), format);
      return FALSE;
    }
  if (export->kind_text != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--kind goes with --format csv"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
ps_cli_export_validate (gpointer   options,
                        GError   **error)
{
  static const char * const themes[] = { "light", "dark" };
  PsCliExport *export = options;
  g_autofree char *lower = NULL;
  const char *extension;
  int theme;

  if (!ps_cli_export_validate_options (export, error) ||
      !ps_cli_export_parse_format (export, error))
    return FALSE;
  if (export->csv)
    return TRUE;

  if (export->theme_text != NULL)
    {
      if ((theme = ps_cli_export_pick (export->theme_text, themes, G_N_ELEMENTS (themes))) < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown theme “%s”: use light or dark"), export->theme_text);
          return FALSE;
        }
      export->dark = theme == 1;
    }
  if (!ps_cli_export_parse_size (export, error))
    return FALSE;

  extension = ps_report_format_extension (export->format);
  if (export->output == NULL || *export->output == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Say where to write the report with --output FILE.%s"), extension);
      return FALSE;
    }

  /* A file named for another format would open wrongly in every viewer. */
  lower = g_ascii_strdown (export->output, -1);
  if (!g_str_has_suffix (lower, extension) ||
      lower[strlen (lower) - strlen (extension) - 1] != '.')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s”: a %s report is a file named *.%s"),
                   export->output, extension, extension);
      return FALSE;
    }

  return TRUE;
}

/* When the report was made: SOURCE_DATE_EPOCH (seconds, UTC) where a build
 * or a test wants the same file twice, else now (0). */
static gint64
ps_cli_export_generated_ms (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 secs;

  if (epoch != NULL &&
      g_ascii_string_to_unsigned (epoch, 10, 1, G_MAXINT64 / 1000, &secs, NULL))
    return (gint64) secs * 1000;
  return 0;
}

/* The report draws what the market read, the analysis too: what the window
 * would show. The market holds the warm-up before --from as analyze loads
 * it; the report draws [--from, --to) and scores that span only. */
static gboolean
ps_cli_export_write (PsCliContext   *context,
                     PsCliMarket    *market,
                     PsCliExport    *export,
                     PsCliAnalysis  *analysis,
                     GError        **error)
{
  PsReport report = { 0 };
  PsMarketSnapshot *snapshot = context->snapshot;
  GArray *not_recorded = snapshot->not_recorded;
  g_autoptr(GArray) venues = ps_venue_series_from_snapshot (snapshot);

  report.venue_name = snapshot->venue_name;
  report.symbol = snapshot->symbol;
  report.interval = snapshot->interval;
  /* The range as asked: the title says "2025-11-20 → 2025-12-17", not the
   * candles' times. */
  report.from_ms = market->from_ms;
  report.to_ms = market->to_ms;
  report.generated_ms = ps_cli_export_generated_ms ();
  report.candles = snapshot->candles;
  report.funding = snapshot->funding;
  report.open_interest = snapshot->open_interest;
  /* What was recorded in the recordings file (by default
   * $XDG_DATA_HOME/perpscope/recordings.db, the app's and `perpscope record`'s),
   * and where nothing was. */
  report.liquidations = snapshot->liquidations;
  report.not_recorded = (const PsTimeSpan *) (gconstpointer) not_recorded->data;
  report.n_not_recorded = not_recorded->len;
  report.analysis = analysis->result;
  report.heatmap_opacity = export->no_heatmap ? 0 : PS_REPORT_HEATMAP_OPACITY;
  report.scores = analysis->scored ? analysis->score : NULL;
  report.verdict = analysis->verdict;
  report.price_style = export->price_style;
  report.log_scale = export->log_scale;
  report.show_volume = export->show_volume;
  report.oi_unit = export->oi_unit;
  report.oi_delta = export->oi_change;
  report.funding_annualised = export->funding_annualised;
  report.dark = export->dark;
  /* --venue all: the venues stacked and compared, as the window's defaults. */
  if (venues != NULL)
    {
      report.venues = (const PsVenueSeries *) (gconstpointer) venues->data;
      report.n_venues = venues->len;
      report.oi_by_venue = report.funding_by_venue = TRUE;
    }

  return ps_report_write (&report, export->format, export->width, export->height,
                          export->output, error);
}

/* The analysis as analyze makes it; a range without candles is drawn
 * without one (funding alone still makes a report). */
static gboolean
ps_cli_export_analyse (PsCliContext   *context,
                       PsCliMarket    *market,
                       PsCliExport    *export,
                       PsCliModel     *model,
                       PsCliAnalysis  *analysis,
                       GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!ps_cli_analysis_load (context, market, model, export->offline, error))
    return FALSE;
  if (ps_cli_analysis_run (analysis, context, market, model, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_pointer (&analysis->result, ps_analysis_unref);
  return TRUE;
}

static int
ps_cli_export_run (PsCliContext *context,
                   PsCliMarket  *market,
                   PsCliExport  *export,
                   PsCliModel   *model)
{
  g_autoptr(GError) error = NULL;
  PsCliAnalysis analysis = { 0 };
  gboolean ok;

  if (export->csv)
    return ps_cli_export_csv (context, market, model, export->kind_text, export->offline,
                              export->output);
  ok = ps_cli_export_analyse (context, market, export, model, &analysis, &error) &&
       ps_cli_export_write (context, market, export, &analysis, &error);
  ps_cli_analysis_clear (&analysis);
  if (!ok)
    return ps_cli_fail (error);
  if (export->format == PS_REPORT_FORMAT_PDF)
    g_print (_("Wrote %s (a page of %d×%d points)\n"), export->output, export->width,
             export->height);
  else
    g_print (_("Wrote %s (%d×%d)\n"), export->output, export->width, export->height);
  return PS_CLI_OK;
}

int
ps_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  PsCliMarket market = { 0 };
  PsCliExport export = { 0 };
  PsCliModel model = { 0 };
  PsCliContext context = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &export.output,
      N_("The file to write: .png, .svg, .pdf or .csv (csv: - for standard output)"),
      N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &export.size_text,
      N_("WIDTHxHEIGHT in pixels (points for a PDF), or social (1200x675), hd (1920x1080) "
         "or a4 (default: 1600x1000; a PDF: a4)"), N_("SIZE") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &export.theme_text,
      N_("light or dark (default: light)"), N_("THEME") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &export.offline,
      N_("Draw from the cache only; fail if the range is not cached"), NULL },
    { "no-heatmap", 0, 0, G_OPTION_ARG_NONE, &export.no_heatmap,
      N_("Draw the report without the liquidation heatmap, its hot zones and predictions"),
      NULL },
    { "price-style", 0, 0, G_OPTION_ARG_STRING, &export.price_style_text,
      N_("Price as candles, ohlc bars or a line (default: candles)"), N_("STYLE") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &export.log_scale,
      N_("A logarithmic price scale (the heatmap follows it)"), NULL },
    { "volume", 0, 0, G_OPTION_ARG_NONE, &export.show_volume,
      N_("Volume bars under the price, taker buys and sells"), NULL },
    { "oi-unit", 0, 0, G_OPTION_ARG_STRING, &export.oi_unit_text,
      N_("Open interest in usd or coin (default: usd)"), N_("UNIT") },
    { "oi-change", 0, 0, G_OPTION_ARG_NONE, &export.oi_change,
      N_("Open interest as its change per sample, bars about zero"), NULL },
    { "funding-annualised", 0, 0, G_OPTION_ARG_NONE, &export.funding_annualised,
      N_("Funding annualised: the rate times settlements a year"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &export.format_text,
      N_("png, svg or pdf (a report), or csv with --kind (default: from --output’s name, "
         "else png)"), N_("FORMAT") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &export.kind_text,
      N_("For csv: candles, funding, oi, liquidations (the series as cached), heatmap (the "
         "model’s grid) or phases (treadmill periods); to --output or standard output"),
      N_("KIND") },
    { NULL }
  };

  status = ps_cli_analysis_parse ("export", _("— draw a report of a market as PNG, SVG or PDF"),
    _("Draws price, open interest, funding and the liquidations recorded for a range, fetching "
      "what is not cached first, with the analysis analyze prints: the liquidation heatmap and "
      "its hot zones over price, predicted beside recorded liquidations, the treadmill’s "
      "phases, and a summary: the market over the range, the phase, the hot zones, the scores "
      "and the verdict, the sources and their caveats (an SVG or PDF carries it as text too). "
      "With --format csv --kind it writes a series as cached (candles, funding, oi, "
      "liquidations), the liquidation model’s grid (heatmap) or the treadmill’s phases "
      "instead; the model options (--help-model) apply. SOURCE_DATE_EPOCH, when set, is the "
      "time a report says it was made.\n\n"
      "Example:\n"
      "  perpscope export --venue binance --symbol BTCUSDT --interval 4h --from 2025-10-01 \\\n"
      "                   --to 2025-11-01 --output report.png --size social --theme dark\n"
      "  perpscope export --symbol BTCUSDT --interval 1h --from 2025-10-01 --output oi.csv \\\n"
      "                   --kind oi"),
    entries, ps_cli_export_validate, &export, &market, &model, &argc, &argv);
  /* --offline only reads: a cache it cannot write will do. */
  if (status == PS_CLI_OK &&
      !ps_cli_context_open (&context, &market,
                            export.offline ? PS_CORE_FLAGS_READ_ONLY : PS_CORE_FLAGS_NONE,
                            &error))
    status = ps_cli_fail (error);
  else if (status == PS_CLI_OK)
    status = ps_cli_export_run (&context, &market, &export, &model);


  ps_cli_context_clear (&context);
  ps_cli_market_clear (&market);
  ps_cli_model_clear (&model);
  g_free (export.output);
  g_free (export.size_text);
  g_free (export.format_text);
  g_free (export.kind_text);
  g_free (export.theme_text);
  g_free (export.price_style_text);
  g_free (export.oi_unit_text);
  return status;
}
