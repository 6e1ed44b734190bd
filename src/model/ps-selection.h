/* ps-selection.h: the one shared cursor and selection of all panes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is selected is one of a few named kinds, never a set of flags: a
 * period (an element's own: a candle, a funding settlement's period, an OI
 * sample's), a range of time dragged out, or a band of prices. Every pane,
 * the read-out and the side panel observe it; a change is one notify of
 * "kind" and of the fields that changed, in one freeze.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* G_MININT64 in any time field means "none". */
#define PS_TIME_NONE G_MININT64

typedef enum
{
  PS_SELECTION_NONE,
  PS_SELECTION_PERIOD,      /* [from_ms, to_ms): one element's period */
  PS_SELECTION_RANGE,       /* [from_ms, to_ms): a span of time dragged out */
  PS_SELECTION_PRICE_BAND,  /* [price_low, price_high): prices, at any time */
} PsSelectionKind;

/* Which element a period or price band is of: the side panel says it, a
 * second click on the same one clears it. */
typedef enum
{
  PS_SELECTION_ELEMENT_NONE,
  PS_SELECTION_ELEMENT_CANDLE,
  PS_SELECTION_ELEMENT_FUNDING,        /* a settlement: the period before it */
  PS_SELECTION_ELEMENT_OPEN_INTEREST,  /* a sample: until the next */
  PS_SELECTION_ELEMENT_LIQUIDATIONS,   /* a bar: its candle */
  PS_SELECTION_ELEMENT_HEATMAP,        /* a band of the heatmap */
  PS_SELECTION_ELEMENT_HOT_ZONE,       /* a labelled hot zone */
} PsSelectionElement;

#define PS_TYPE_SELECTION_KIND (ps_selection_kind_get_type ())
GType ps_selection_kind_get_type (void) G_GNUC_CONST;
#define PS_TYPE_SELECTION_ELEMENT (ps_selection_element_get_type ())
GType ps_selection_element_get_type (void) G_GNUC_CONST;

#define PS_TYPE_SELECTION (ps_selection_get_type ())
G_DECLARE_FINAL_TYPE (PsSelection, ps_selection, PS, SELECTION, GObject)

PsSelection       *ps_selection_new              (void);
gint64             ps_selection_get_cursor_ms    (PsSelection        *self);
void               ps_selection_set_cursor_ms    (PsSelection        *self,
                                                  gint64              cursor_ms);

PsSelectionKind    ps_selection_get_kind         (PsSelection        *self);
PsSelectionElement ps_selection_get_element      (PsSelection        *self);
/* A period's or range's bounds, UTC ms; PS_TIME_NONE otherwise. */
gint64             ps_selection_get_from_ms      (PsSelection        *self);
gint64             ps_selection_get_to_ms        (PsSelection        *self);
/* A price band's bounds; NAN otherwise. */
double             ps_selection_get_price_low    (PsSelection        *self);
double             ps_selection_get_price_high   (PsSelection        *self);
/* A period or a range: something with a time span. */
gboolean           ps_selection_has_period       (PsSelection        *self);

/* Each replaces whatever was selected. An empty or inverted span or band
 * (to <= from, high <= low, NAN) clears instead. A range is given in
 * either order (a drag may go left). */
void               ps_selection_select_period    (PsSelection        *self,
                                                  PsSelectionElement  element,
                                                  gint64              from_ms,
                                                  gint64              to_ms);
void               ps_selection_select_range     (PsSelection        *self,
                                                  gint64              a_ms,
                                                  gint64              b_ms);
void               ps_selection_select_price_band (PsSelection       *self,
                                                   PsSelectionElement element,
                                                   double             low,
                                                   double             high);
/* A click: selects the element's period (band), or clears when that very
 * one is selected already. TRUE when it selected. */
gboolean           ps_selection_toggle_period    (PsSelection        *self,
                                                  PsSelectionElement  element,
                                                  gint64              from_ms,
                                                  gint64              to_ms);
gboolean           ps_selection_toggle_price_band (PsSelection       *self,
                                                   PsSelectionElement element,
                                                   double             low,
                                                   double             high);
void               ps_selection_clear            (PsSelection        *self);

G_END_DECLS
