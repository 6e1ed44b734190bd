/* ps-side-panel.h: the numbers of the selection, beside the panes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-market-source.h"
#include "ps-market-analysis.h"
#include "ps-selection.h"
#include "ps-time-axis.h"

G_BEGIN_DECLS

#define PS_TYPE_SIDE_PANEL (ps_side_panel_get_type ())
G_DECLARE_FINAL_TYPE (PsSidePanel, ps_side_panel, PS, SIDE_PANEL, GtkWidget)

GtkWidget  *ps_side_panel_new            (void);
/* What it follows: the window's selection, axis (a price band's "in view")
 * and analysis, set once; the market, each time the window makes one. */
void        ps_side_panel_set_sources    (PsSidePanel      *self,
                                          PsSelection      *selection,
                                          PsTimeAxis       *axis,
                                          PsMarketAnalysis *analysis);
void        ps_side_panel_set_market     (PsSidePanel      *self,
                                          PsMarketSource   *market);
/* For tests: whether it shows numbers (not the how-to), and the text of
 * one (row ids: "close", "funding-rate", "liq-long", "band-view-long", … ;
 * "title" and "subtitle" for the header); NULL for an unknown id. */
gboolean    ps_side_panel_get_showing_summary (PsSidePanel *self);
const char *ps_side_panel_get_value      (PsSidePanel      *self,
                                          const char       *id);

G_END_DECLS
