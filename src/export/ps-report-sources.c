/* ps-report-sources.c: where a report's data comes from, and what it
 * cannot tell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export layer knows a venue by its display name only; what each
 * venue's public API serves is said in src/net (the providers' history
 * horizons, the streams) and repeated here in words.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-report-private.h"
#include "ps-time.h"

#define DAY_MS ((gint64) 24 * 3600 * 1000)

static const struct
{
  const char *venue;          /* the display name */
  const char *open_interest;  /* its open-interest history, NULL: all of it */
  const char *liquidations;   /* its liquidation feed, NULL: the general caveat */
} ps_report_venues[] = {
  { "Binance",
    N_("Binance keeps 30 days of open-interest history (openInterestHist)."),
    N_("Binance’s liquidation feed sends at most one per second per symbol: recorded totals "
       "are a lower bound.") },
  { "Bybit", NULL, NULL },
  { "OKX", N_("OKX keeps 60 days of open-interest history."), NULL },
  { "BitMEX", N_("BitMEX serves only the current open interest, no history."), NULL },
  { "Hyperliquid", N_("Hyperliquid serves only the current open interest, no history."), NULL },
};

static int
ps_report_venue (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (ps_report_venues); i++)
    if (g_str_equal (name, ps_report_venues[i].venue))
      return (int) i;
  return -1;
}

/* Where open interest starts late in the range, or is missing from it. */
static char *
ps_report_sources_oi_gap (const PsReport *report)
{
  const PsOpenInterest *oi = report->open_interest;
  g_autofree char *first = NULL;
  guint i;

  if (oi == NULL || oi->n == 0 ||
      (i = ps_series_lower_bound (oi->t_ms, oi->n, report->from_ms)) >= oi->n ||
      oi->t_ms[i] >= report->to_ms)
    return g_strdup (_("No open interest in this range."));
  /* A sample before the range, or one within a day of its start: covered. */
  if (i > 0 || oi->t_ms[i] < report->from_ms + DAY_MS)
    return NULL;
  first = ps_time_format_utc (oi->t_ms[i]);
  /* TRANSLATORS: "Open interest only from 2025-11-25 UTC." */
  return g_strdup_printf (_("Open interest only from %s UTC."), first);
}

/* What the recorded liquidations are, for venue v (−1: several). */
static const char *
ps_report_sources_liquidations (int v)
{
  /* Binance's feed sends the latest liquidation per symbol once a second
   * at most: a recorder keeps a lower bound, the more so in a cascade. */
  if (v < 0)
    return _(ps_report_venues[0].liquidations);
  if (ps_report_venues[v].liquidations != NULL)
    return _(ps_report_venues[v].liquidations);
  return _("Liquidations are those recorded while Perpscope listened: a lower bound.");
}

/* How far back venue v (−1: several) serves open interest; NULL: all of it. */
static const char *
ps_report_sources_open_interest (int v)
{
  if (v < 0)
    return _("Open-interest history: Binance 30 days, OKX 60 days, BitMEX and Hyperliquid "
             "the current value only.");
  return ps_report_venues[v].open_interest != NULL ? _(ps_report_venues[v].open_interest)
                                                   : NULL;
}

char *
_ps_report_sources_text (const PsReport *report)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *venue = report->venue_name != NULL ? report->venue_name : "";
  int v = ps_report_venue (venue);
  g_autofree char *api = NULL;
  g_autofree char *gap = ps_report_sources_oi_gap (report);

  /* The demo has no recordings, and its history is what it is. */
  if (report->demo)
    g_ptr_array_add (parts, _("Demo data: Binance BTCUSDT history of late 2025 bundled with "
                              "Perpscope, not current; no liquidations were recorded for it."));
  else if (v >= 0)
    /* TRANSLATORS: "Candles, funding and open interest from Binance’s public API." */
    g_ptr_array_add (parts, api = g_strdup_printf (_("Candles, funding and open interest from "
                                                     "%s’s public API."), venue));
  else
    g_ptr_array_add (parts, _("Candles, funding and open interest from each venue’s public "
                              "API; open interest summed in USD."));
  if (!report->demo)
    g_ptr_array_add (parts, (char *) ps_report_sources_liquidations (v));
  if (gap != NULL)
    g_ptr_array_add (parts, gap);
  if (!report->demo && ps_report_sources_open_interest (v) != NULL)
    g_ptr_array_add (parts, (char *) ps_report_sources_open_interest (v));
  if (report->analysis != NULL)
    g_ptr_array_add (parts, _("Heatmap and predicted liquidations: a model’s estimate, not "
                              "an order book."));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" ", (char **) parts->pdata);
}
