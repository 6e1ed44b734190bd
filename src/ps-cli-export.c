/* ps-cli-export.c: perpscope export — a report image from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ps-cli.h"
#include "ps-report.h"
#include "ps-time.h"

#define DEFAULT_WIDTH  1600
#define DEFAULT_HEIGHT 1000

typedef struct
{
  char     *output;
  char     *size_text;
  char     *recordings_path;
  gboolean  offline;
  int       width;
  int       height;
} PsCliExport;

/* Checks the options, and gives the context the recordings file. */
static gboolean
ps_cli_export_validate (PsCliExport   *export,
                        PsCliContext  *context,
                        GError       **error)
{
  g_autofree char *lower = NULL;
  char tail;

  if (export->output == NULL || *export->output == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Say where to write the report with --output FILE.png"));
      return FALSE;
    }

  lower = g_ascii_strdown (export->output, -1);
  if (!g_str_has_suffix (lower, ".png"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s”: reports are written as PNG for now; name the file *.png"),
                   export->output);
      return FALSE;
    }

  export->width = DEFAULT_WIDTH;
  export->height = DEFAULT_HEIGHT;
  if (export->size_text != NULL &&
      (sscanf (export->size_text, "%dx%d%c", &export->width, &export->height, &tail) != 2 ||
       export->width < PS_REPORT_MIN_WIDTH || export->height < PS_REPORT_MIN_HEIGHT ||
       export->width > PS_REPORT_MAX_SIDE || export->height > PS_REPORT_MAX_SIDE))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Bad size “%s”: use WIDTHxHEIGHT, from %dx%d to %dx%d"),
                   export->size_text, PS_REPORT_MIN_WIDTH, PS_REPORT_MIN_HEIGHT,
                   PS_REPORT_MAX_SIDE, PS_REPORT_MAX_SIDE);
      return FALSE;
    }

  if (export->recordings_path != NULL && *export->recordings_path == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The recordings file name is empty"));
      return FALSE;
    }
  context->recordings_path = export->recordings_path;

  return TRUE;
}

/* --offline: the candles of the whole range must be cached already. */
static gboolean
ps_cli_export_check_cached (PsCliContext  *context,
                            PsCliMarket   *market,
                            GError       **error)
{
  g_autoptr(GArray) gaps = NULL;
  g_autofree char *gap_from = NULL;
  g_autofree char *gap_to = NULL;
  gint64 closed_to;
  PsRange *first;

  /* The candle open now is never "fetched complete": it is drawn if cached,
   * but not required, so --to now works offline too. */
  closed_to = MIN (market->to_ms, ps_interval_floor (market->interval, ps_time_now_ms ()));
  if (closed_to <= market->from_ms)
    return TRUE;

  gaps = ps_cache_get_gaps (ps_core_get_cache (context->core), ps_market_get_venue (context->market),
                            market->symbol, PS_SERIES_CANDLES, market->interval,
                            market->from_ms, closed_to, error);
  if (gaps == NULL)
    return FALSE;
  if (gaps->len == 0)
    return TRUE;

  first = &g_array_index (gaps, PsRange, 0);
  gap_from = ps_time_format_utc (first->from_ms);
  gap_to = ps_time_format_utc (first->to_ms);
  g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED,
               _("%s %s %s is not cached for %s → %s; run “perpscope fetch” with the same "
                 "options first, or leave out --offline"),
               ps_market_get_venue_name (context->market), market->symbol,
               market->interval_text, gap_from, gap_to);
  return FALSE;
}

/* The report draws what the market read: what the window would show. */
static gboolean
ps_cli_export_write (PsCliContext  *context,
                     PsCliMarket   *market,
                     PsCliExport   *export,
                     GError       **error)
{
  PsReport report = { 0 };
  GArray *not_recorded = ps_market_get_not_recorded (context->market);

  report.venue_name = ps_market_get_venue_name (context->market);
  report.symbol = ps_market_get_symbol (context->market);
  report.interval = ps_market_get_interval (context->market);
  report.from_ms = ps_market_get_from_ms (context->market);
  report.to_ms = ps_market_get_to_ms (context->market);
  report.candles = ps_market_get_candles (context->market);
  report.funding = ps_market_get_funding (context->market);
  report.open_interest = ps_market_get_open_interest (context->market);
  /* What was recorded in the recordings file (by default
   * $XDG_DATA_HOME/perpscope/recordings.db, the app's and `perpscope record`'s),
   * and where nothing was. */
  report.liquidations = ps_market_get_liquidations (context->market);
  report.not_recorded = (const PsTimeSpan *) (gconstpointer) not_recorded->data;
  report.n_not_recorded = not_recorded->len;

  return ps_report_write_png (&report, export->width, export->height, export->output, error);
}

int
ps_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  PsCliMarket market = { 0 };
  PsCliExport export = { 0 };
  PsCliContext context = { 0 };
  int status = PS_CLI_OK;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &export.output,
      N_("The PNG file to write"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &export.size_text,
      N_("Image size in pixels (default: 1600x1000)"), N_("WIDTHxHEIGHT") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &export.offline,
      N_("Draw from the cache only; fail if the range is not cached"), NULL },
    { "recordings", 0, 0, G_OPTION_ARG_FILENAME, &export.recordings_path,
      N_("Recordings file whose liquidations are drawn (default: "
         "$XDG_DATA_HOME/perpscope/recordings.db)"), N_("FILE") },
    { NULL }
  };
  GOptionGroup *group;

  option_context = g_option_context_new (_("— draw a report of a market as a PNG image"));
  g_option_context_set_summary (option_context,
    _("Draws price, open interest, funding and the liquidations recorded for a range, fetching "
      "what is not cached first.\n\n"
      "Example:\n"
      "  perpscope export --venue binance --symbol BTCUSDT --interval 4h --from 2025-10-01 \\\n"
      "                   --to 2025-11-01 --output report.png --size 1600x1000"));
  group = ps_cli_market_options (&market);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (option_context, group);
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    status = ps_cli_usage_error ("export", error->message);
  else if (argc > 1)
    status = ps_cli_usage_error ("export", _("Unexpected argument"));
  else if (!ps_cli_market_validate (&market, &error) ||
           !ps_cli_export_validate (&export, &context, &error))
    status = ps_cli_usage_error ("export", error->message);
  /* --offline only reads: a cache it cannot write will do. */
  else if (!ps_cli_context_open (&context, &market,
                                 export.offline ? PS_CORE_FLAGS_READ_ONLY : PS_CORE_FLAGS_NONE,
                                 &error) ||
           (export.offline && !ps_cli_export_check_cached (&context, &market, &error)) ||
           !ps_cli_load (&context, &market, export.offline, &error) ||
           !ps_cli_export_write (&context, &market, &export, &error))
    status = ps_cli_fail (error);
  else
    g_print (_("Wrote %s (%d×%d)\n"), export.output, export.width, export.height);

  ps_cli_context_clear (&context);
  ps_cli_market_clear (&market);
  g_free (export.output);
  g_free (export.size_text);
  g_free (export.recordings_path);
  return status;
}
