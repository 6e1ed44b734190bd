/* ps-selection.h: the one shared cursor and selected period of all panes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* G_MININT64 in any field means "none". */
#define PS_TIME_NONE G_MININT64

#define PS_TYPE_SELECTION (ps_selection_get_type ())
G_DECLARE_FINAL_TYPE (PsSelection, ps_selection, PS, SELECTION, GObject)

PsSelection *ps_selection_new           (void);
gint64       ps_selection_get_cursor_ms (PsSelection *self);
void         ps_selection_set_cursor_ms (PsSelection *self,
                                         gint64       cursor_ms);
gint64       ps_selection_get_from_ms   (PsSelection *self);
gint64       ps_selection_get_to_ms     (PsSelection *self);
/* The selected period [from_ms, to_ms); from_ms == PS_TIME_NONE clears it. */
void         ps_selection_select        (PsSelection *self,
                                         gint64       from_ms,
                                         gint64       to_ms);
void         ps_selection_clear         (PsSelection *self);
gboolean     ps_selection_has_period    (PsSelection *self);

G_END_DECLS
