/* ps-pane-kinds.c: the chart's panes described once
 *
 * The window's pane stack, its Panes menu and the report's layout all walk
 * this table, so a pane added here shows up in all three, in the same place,
 * and the screen and the PNG never disagree on order or proportions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-pane-kinds.h"

/* Shares: price nearly half, the bars of the liquidations next (they need
 * the height to be read), open interest and funding the rest; as the report
 * had them, tuned on real data. Minimums: a header line and a few value
 * labels (price a few more); at these the window fits 640×480. */
static const PsPaneKind pane_kinds[] = {
  { "price", N_("Price"),
    N_("Candles with the liquidation heatmap and recorded liquidations"),
    0.48, 96, FALSE },
  /* A "volume" pane would go here, under price as traders expect it. */
  { "open-interest", N_("Open Interest"),
    N_("Open interest in USD: positions opened and closed"),
    0.16, 64, TRUE },
  { "funding", N_("Funding"),
    N_("Funding rate per settlement: who pays to hold the crowded side"),
    0.14, 64, TRUE },
  { "liquidations", N_("Liquidations"),
    N_("Recorded long and short liquidations, and the model’s predicted ones"),
    0.22, 64, TRUE },
};

const PsPaneKind *
ps_pane_kinds_get (guint *n_kinds)
{
  g_return_val_if_fail (n_kinds != NULL, NULL);

  *n_kinds = G_N_ELEMENTS (pane_kinds);
  return pane_kinds;
}

const PsPaneKind *
ps_pane_kinds_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (pane_kinds); i++)
    if (g_str_equal (pane_kinds[i].id, id))
      return &pane_kinds[i];
  return NULL;
}

double
ps_pane_kinds_sum_shares (gboolean (*include) (const PsPaneKind *kind,
                                               gpointer          data),
                          gpointer   data)
{
  double sum = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pane_kinds); i++)
    if (include == NULL || include (&pane_kinds[i], data))
      sum += pane_kinds[i].share;
  return sum;
}
