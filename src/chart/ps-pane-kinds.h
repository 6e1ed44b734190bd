/* ps-pane-kinds.h: the chart's panes described once, for the window and reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One pane of the chart as the layouts see it: its name, its place, its
 * share of the height. How it draws is ps-chart-pane.c's and ps-render's;
 * this says where and how big. The time labels under the panes are not one
 * of them: they keep their strip at the bottom whatever the panes do. */
typedef struct
{
  const char *id;           /* settings, actions, and PsChartPaneKind's nick */
  const char *name;         /* translatable (call _() on it): menus, reports */
  const char *description;  /* translatable, one line: what the pane shows */
  double      share;        /* of the panes' height by default, > 0 */
  int         min_height;   /* on screen, in px */
  gboolean    can_hide;
} PsPaneKind;

/* The panes top to bottom; *n_kinds is set to how many. */
const PsPaneKind *ps_pane_kinds_get      (guint      *n_kinds);
/* The kind of id, or NULL. */
const PsPaneKind *ps_pane_kinds_lookup   (const char *id);
/* The sum of the shares of the kinds for which include (may be NULL: all)
 * holds: what shares are divided by to make fractions of a height. */
double            ps_pane_kinds_sum_shares (gboolean (*include) (const PsPaneKind *kind,
                                                                 gpointer          data),
                                            gpointer   data);

G_END_DECLS
