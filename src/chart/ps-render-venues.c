/* ps-render-venues.c: an aggregate's venues as the panes draw them: their
 * colours, their series from a snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-market-snapshot.h"
#include "ps-render.h"
#include "ps-render-private.h"

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

void
_ps_render_paint_absent_venues (PsPaint    *p,
                                PsRect     *row,
                                GPtrArray  *absent,
                                const char *format)
{
  g_autofree char *names = NULL;
  g_autofree char *note = NULL;
  PsLegendItem item = { NULL, FALSE, NULL, FALSE };

  if (absent->len == 0)
    return;
  g_ptr_array_add (absent, NULL);
  names = g_strjoinv (", ", (char **) absent->pdata);
  g_ptr_array_remove_index (absent, absent->len - 1);
  /* The callers' formats are translated literals with one %s, which
   * msgfmt --check-format holds to that in every catalogue. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  item.label = note = g_strdup_printf (format, names);
#pragma GCC diagnostic pop
  _ps_render_paint_legend_after (p, row, &item, 1);
}
