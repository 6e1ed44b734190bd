/* ps-cli-fetch.c: perpscope fetch — backfill the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-cli.h"
#include "ps-time.h"

static void
ps_cli_fetch_print_summary (PsCore            *core,
                            PsMarket          *venue,
                            PsCliMarket       *market)
{
  PsSync *sync = ps_core_get_sync (core, ps_market_get_venue (venue), NULL);
  gint64 horizon = sync != NULL ? ps_provider_get_history_horizon (ps_sync_get_provider (sync),
                                                                   PS_SERIES_OPEN_INTEREST)
                                : 0;
  const PsSyncStats *stats = ps_market_get_stats (venue);
  g_autofree char *from = ps_time_format_utc (market->from_ms);
  g_autofree char *to = ps_time_format_utc (market->to_ms);

  g_print (_("%s %s %s, %s → %s UTC\n"),
           ps_market_get_venue_name (venue), ps_market_get_symbol (venue),
           market->interval_text, from, to);
  /* Translators: rows of a summary; pad the labels so that the numbers of
   * the lines below line up. */
  g_print (g_dngettext (GETTEXT_PACKAGE, "  candles:        %u row\n",
                        "  candles:        %u rows\n", stats->n_candles),
           stats->n_candles);
  g_print (g_dngettext (GETTEXT_PACKAGE, "  funding:        %u row\n",
                        "  funding:        %u rows\n", stats->n_funding),
           stats->n_funding);
  g_print (g_dngettext (GETTEXT_PACKAGE, "  open interest:  %u row\n",
                        "  open interest:  %u rows\n", stats->n_open_interest),
           stats->n_open_interest);

  /* A venue that serves the current value only keeps no history at all. */
  if (stats->oi_unavailable_to_ms > stats->oi_unavailable_from_ms && horizon > 0 &&
      horizon <= 24 * 3600 * (gint64) 1000)
    g_print (_("  (%s keeps no open-interest history, only the current value: it is stored "
               "each time a fetch reaches the present)\n"),
             ps_market_get_venue_name (venue));
  else if (stats->oi_unavailable_to_ms > stats->oi_unavailable_from_ms)
    {
      g_autofree char *gap_from = ps_time_format_utc (stats->oi_unavailable_from_ms);
      g_autofree char *gap_to = ps_time_format_utc (stats->oi_unavailable_to_ms);

      g_print (_("  (%s keeps open-interest history for a limited time: %s → %s is no longer served)\n"),
               ps_market_get_venue_name (venue), gap_from, gap_to);
    }

  if (stats->n_requests == 0)
    g_print (_("  everything was cached already: no request made\n"));
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u request\n",
                          "  %u requests\n", stats->n_requests),
             stats->n_requests);
}

/* --venue all: each venue's summary or failure; the venues that failed
 * named once more at the end, on standard error. */
static void
ps_cli_fetch_print_all (PsCliContext *context,
                        PsCliMarket  *market)
{
  guint n = ps_aggregate_market_get_n_venues (context->aggregate);
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      PsMarket *venue = ps_aggregate_market_get_market (context->aggregate, i);
      const GError *error = ps_market_get_error (venue);

      if (i > 0)
        g_print ("\n");
      if (error == NULL)
        {
          ps_cli_fetch_print_summary (context->core, venue, market);
          continue;
        }
      g_print (_("%s %s %s: failed: %s\n"), ps_market_get_venue_name (venue),
               ps_market_get_symbol (venue), market->interval_text, error->message);
      g_ptr_array_add (failed, (gpointer) ps_market_get_venue_name (venue));
    }

  if (failed->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (failed, NULL);
      names = g_strjoinv (", ", (char **) failed->pdata);
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "perpscope: %u of %u venues failed: %s\n",
                               "perpscope: %u of %u venues failed: %s\n", n),
                  failed->len - 1, n, names);
    }
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
      "With --venue all it fetches the asset (--symbol BTC) from every venue at once; it fails\n"
      "only when every venue does, and names the venues that failed.\n\n"
      "Example:\n"
      "  perpscope fetch --venue binance --symbol BTCUSDT --interval 4h --from 2025-10-01 --to 2025-11-01\n"
      "  perpscope fetch --venue all --symbol BTC --interval 1h --from 2025-10-01 --to 2025-11-01"));
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
  else if (context.aggregate != NULL)
    ps_cli_fetch_print_all (&context, &market);
  else
    ps_cli_fetch_print_summary (context.core, context.market, &market);

  ps_cli_context_clear (&context);
  ps_cli_market_clear (&market);
  return status;
}
