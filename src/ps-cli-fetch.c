/* ps-cli-fetch.c: perpscope fetch — backfill the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-cli.h"
#include "ps-time.h"

static void
ps_cli_fetch_print_summary (PsCliContext      *context,
                            PsCliMarket       *market)
{
  const PsSyncStats *stats = ps_market_get_stats (context->market);
  g_autofree char *from = ps_time_format_utc (market->from_ms);
  g_autofree char *to = ps_time_format_utc (market->to_ms);

  g_print (_("%s %s %s, %s → %s UTC\n"),
           ps_market_get_venue_name (context->market), market->symbol,
           market->interval_text, from, to);
  g_print (_("  candles:        %u rows\n"), stats->n_candles);
  g_print (_("  funding:        %u rows\n"), stats->n_funding);
  g_print (_("  open interest:  %u rows\n"), stats->n_open_interest);

  if (stats->oi_unavailable_to_ms > stats->oi_unavailable_from_ms)
    {
      g_autofree char *gap_from = ps_time_format_utc (stats->oi_unavailable_from_ms);
      g_autofree char *gap_to = ps_time_format_utc (stats->oi_unavailable_to_ms);

      g_print (_("  (%s keeps open-interest history for a limited time: %s → %s is no longer served)\n"),
               ps_market_get_venue_name (context->market), gap_from, gap_to);
    }

  if (stats->n_requests == 0)
    g_print (_("  everything was cached already: no request made\n"));
  else
    g_print (_("  %u requests\n"), stats->n_requests);
}

int
ps_cli_fetch (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  PsCliMarket market = { 0 };
  PsCliContext context = { 0 };
  int status = PS_CLI_OK;

  option_context = g_option_context_new (_("— fetch market history into the cache"));
  g_option_context_set_summary (option_context,
    _("Fetches candles, funding and open interest for a range and keeps them in the cache,\n"
      "requesting only what is not cached yet.\n\n"
      "Example:\n"
      "  perpscope fetch --venue binance --symbol BTCUSDT --interval 4h --from 2025-10-01 --to 2025-11-01"));
  g_option_context_set_main_group (option_context, ps_cli_market_options (&market));
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    status = ps_cli_usage_error ("fetch", error->message);
  else if (argc > 1)
    status = ps_cli_usage_error ("fetch", _("Unexpected argument"));
  else if (!ps_cli_market_validate (&market, &error))
    status = ps_cli_usage_error ("fetch", error->message);
  else if (!ps_cli_context_open (&context, &market, PS_CORE_FLAGS_NONE, &error) ||
           !ps_cli_load (&context, &market, FALSE, &error))
    status = ps_cli_fail (error);
  else
    ps_cli_fetch_print_summary (&context, &market);

  ps_cli_context_clear (&context);
  ps_cli_market_clear (&market);
  return status;
}
