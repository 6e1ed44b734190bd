/* ps-render-venues.c: an aggregate's venues as the panes draw them: their
 * colours, their series from a snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-market-snapshot.h"
#include "ps-render.h"

/* In the registry's order (ps-venues.c): a venue keeps its colour whichever
 * others are ticked. */
static const char * const venue_slots[] = {
  "binance", "bybit", "okx", "bitmex", "hyperliquid",
};

const PsColor *
ps_chart_style_venue_color (const PsChartStyle *style,
                            const char         *venue)
{
  g_return_val_if_fail (style != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (venue_slots); i++)
    if (g_strcmp0 (venue, venue_slots[i]) == 0)
      return &style->venue[i];
  return &style->venue[G_N_ELEMENTS (style->venue) - 1];
}

GArray *
ps_venue_series_from_snapshot (const PsMarketSnapshot *snapshot)
{
  GArray *venues;

  g_return_val_if_fail (snapshot != NULL, NULL);

  if (snapshot->parts == NULL)
    return NULL;
  venues = g_array_sized_new (FALSE, TRUE, sizeof (PsVenueSeries), snapshot->parts->len);
  for (guint i = 0; i < snapshot->parts->len; i++)
    {
      const PsMarketSnapshot *part = g_ptr_array_index (snapshot->parts, i);
      PsVenueSeries series = { part->venue, part->venue_name, NULL, NULL };

      if (snapshot->parts_open_interest != NULL && i < snapshot->parts_open_interest->len)
        series.open_interest = g_ptr_array_index (snapshot->parts_open_interest, i);
      if (snapshot->parts_funding != NULL && i < snapshot->parts_funding->len)
        series.funding = g_ptr_array_index (snapshot->parts_funding, i);
      g_array_append_val (venues, series);
    }
  return venues;
}
