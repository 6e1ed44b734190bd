/* ps-selection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-selection.h"

struct _PsSelection
{
  GObject            parent_instance;
  gint64             cursor_ms;    /* UTC; PS_TIME_NONE: pointer outside the panes */

  /* The one selection: what kind decides which fields mean anything; the
   * others hold PS_TIME_NONE and NAN, so a reader never sees stale ones. */
  PsSelectionKind    kind;
  PsSelectionElement element;
  gint64             from_ms;      /* period or range, UTC */
  gint64             to_ms;
  double             price_low;    /* price band */
  double             price_high;
};

G_DEFINE_FINAL_TYPE (PsSelection, ps_selection, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PsSelectionKind, ps_selection_kind,
  G_DEFINE_ENUM_VALUE (PS_SELECTION_NONE, "none"),
  G_DEFINE_ENUM_VALUE (PS_SELECTION_PERIOD, "period"),
  G_DEFINE_ENUM_VALUE (PS_SELECTION_RANGE, "range"),
  G_DEFINE_ENUM_VALUE (PS_SELECTION_PRICE_BAND, "price-band"))

G_DEFINE_ENUM_TYPE (PsSelectionElement, ps_selection_element,
  G_DEFINE_ENUM_VALUE (PS_SELECTION_ELEMENT_NONE, "none"),
  G_DEFINE_ENUM_VALUE (PS_SELECTION_ELEMENT_CANDLE, "candle"),
  G_DEFINE_ENUM_VALUE (PS_SELECTION_ELEMENT_FUNDING, "funding"),
  G_DEFINE_ENUM_VALUE (PS_SELECTION_ELEMENT_OPEN_INTEREST, "open-interest"),
  G_DEFINE_ENUM_VALUE (PS_SELECTION_ELEMENT_LIQUIDATIONS, "liquidations"),
  G_DEFINE_ENUM_VALUE (PS_SELECTION_ELEMENT_HEATMAP, "heatmap"),
  G_DEFINE_ENUM_VALUE (PS_SELECTION_ELEMENT_HOT_ZONE, "hot-zone"))

enum {
  PROP_0,
  PROP_CURSOR_MS,
  PROP_KIND,
  PROP_ELEMENT,
  PROP_FROM_MS,
  PROP_TO_MS,
  PROP_PRICE_LOW,
  PROP_PRICE_HIGH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ps_selection_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PsSelection *self = PS_SELECTION (object);

  switch (prop_id)
    {
    case PROP_CURSOR_MS:
      g_value_set_int64 (value, self->cursor_ms);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_ELEMENT:
      g_value_set_enum (value, self->element);
      break;

    case PROP_FROM_MS:
      g_value_set_int64 (value, self->from_ms);
      break;

    case PROP_TO_MS:
      g_value_set_int64 (value, self->to_ms);
      break;

    case PROP_PRICE_LOW:
      g_value_set_double (value, self->price_low);
      break;

    case PROP_PRICE_HIGH:
      g_value_set_double (value, self->price_high);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_selection_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PsSelection *self = PS_SELECTION (object);

  switch (prop_id)
    {
    case PROP_CURSOR_MS:
      ps_selection_set_cursor_ms (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_selection_class_init (PsSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ps_selection_get_property;
  object_class->set_property = ps_selection_set_property;

  properties[PROP_CURSOR_MS] =
    g_param_spec_int64 ("cursor-ms", NULL, NULL, G_MININT64, G_MAXINT64, PS_TIME_NONE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Read-only: a selection changes as a whole, through the select_*()
   * functions, never one field at a time into a state no kind describes. */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PS_TYPE_SELECTION_KIND, PS_SELECTION_NONE, ro);
  properties[PROP_ELEMENT] =
    g_param_spec_enum ("element", NULL, NULL, PS_TYPE_SELECTION_ELEMENT,
                       PS_SELECTION_ELEMENT_NONE, ro);
  properties[PROP_FROM_MS] =
    g_param_spec_int64 ("from-ms", NULL, NULL, G_MININT64, G_MAXINT64, PS_TIME_NONE, ro);
  properties[PROP_TO_MS] =
    g_param_spec_int64 ("to-ms", NULL, NULL, G_MININT64, G_MAXINT64, PS_TIME_NONE, ro);
  /* NAN without a band, though GParamSpecDouble cannot say so in its default. */
  properties[PROP_PRICE_LOW] =
    g_param_spec_double ("price-low", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_PRICE_HIGH] =
    g_param_spec_double ("price-high", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_selection_init (PsSelection *self)
{
  self->cursor_ms = PS_TIME_NONE;
  self->from_ms = PS_TIME_NONE;
  self->to_ms = PS_TIME_NONE;
  self->price_low = NAN;
  self->price_high = NAN;
}

/* NAN == NAN here: "no band" stays "no band". */
static gboolean
ps_same_double (double a,
                double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* The one place the state changes: each field that differs is notified,
 * all in one freeze, so an observer sees the new selection whole. */
static void
ps_selection_set (PsSelection        *self,
                  PsSelectionKind     kind,
                  PsSelectionElement  element,
                  gint64              from_ms,
                  gint64              to_ms,
                  double              low,
                  double              high)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (object, properties[PROP_KIND]);
    }
  if (self->element != element)
    {
      self->element = element;
      g_object_notify_by_pspec (object, properties[PROP_ELEMENT]);
    }
  if (self->from_ms != from_ms)
    {
      self->from_ms = from_ms;
      g_object_notify_by_pspec (object, properties[PROP_FROM_MS]);
    }
  if (self->to_ms != to_ms)
    {
      self->to_ms = to_ms;
      g_object_notify_by_pspec (object, properties[PROP_TO_MS]);
    }
  if (!ps_same_double (self->price_low, low))
    {
      self->price_low = low;
      g_object_notify_by_pspec (object, properties[PROP_PRICE_LOW]);
    }
  if (!ps_same_double (self->price_high, high))
    {
      self->price_high = high;
      g_object_notify_by_pspec (object, properties[PROP_PRICE_HIGH]);
    }
  g_object_thaw_notify (object);
}

PsSelection *
ps_selection_new (void)
{
  return g_object_new (PS_TYPE_SELECTION, NULL);
}

gint64
ps_selection_get_cursor_ms (PsSelection *self)
{
  g_return_val_if_fail (PS_IS_SELECTION (self), PS_TIME_NONE);

  return self->cursor_ms;
}

void
ps_selection_set_cursor_ms (PsSelection *self,
                            gint64       cursor_ms)
{
  g_return_if_fail (PS_IS_SELECTION (self));

  if (self->cursor_ms == cursor_ms)
    return;   /* every pane redraws on notify */

  self->cursor_ms = cursor_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_MS]);
}

PsSelectionKind
ps_selection_get_kind (PsSelection *self)
{
  g_return_val_if_fail (PS_IS_SELECTION (self), PS_SELECTION_NONE);

  return self->kind;
}

PsSelectionElement
ps_selection_get_element (PsSelection *self)
{
  g_return_val_if_fail (PS_IS_SELECTION (self), PS_SELECTION_ELEMENT_NONE);

  return self->element;
}

gint64
ps_selection_get_from_ms (PsSelection *self)
{
  g_return_val_if_fail (PS_IS_SELECTION (self), PS_TIME_NONE);

  return self->from_ms;
}

gint64
ps_selection_get_to_ms (PsSelection *self)
{
  g_return_val_if_fail (PS_IS_SELECTION (self), PS_TIME_NONE);

  return self->to_ms;
}

double
ps_selection_get_price_low (PsSelection *self)
{
  g_return_val_if_fail (PS_IS_SELECTION (self), NAN);

  return self->price_low;
}

double
ps_selection_get_price_high (PsSelection *self)
{
  g_return_val_if_fail (PS_IS_SELECTION (self), NAN);

  return self->price_high;
}

gboolean
ps_selection_has_period (PsSelection *self)
{
  g_return_val_if_fail (PS_IS_SELECTION (self), FALSE);

  return self->kind == PS_SELECTION_PERIOD || self->kind == PS_SELECTION_RANGE;
}

void
ps_selection_select_period (PsSelection        *self,
                            PsSelectionElement  element,
                            gint64              from_ms,
                            gint64              to_ms)
{
  g_return_if_fail (PS_IS_SELECTION (self));

  if (from_ms == PS_TIME_NONE || to_ms <= from_ms)
    ps_selection_clear (self);
  else
    ps_selection_set (self, PS_SELECTION_PERIOD, element, from_ms, to_ms, NAN, NAN);
}

void
ps_selection_select_range (PsSelection *self,
                           gint64       a_ms,
                           gint64       b_ms)
{
  g_return_if_fail (PS_IS_SELECTION (self));

  if (a_ms == PS_TIME_NONE || b_ms == PS_TIME_NONE || a_ms == b_ms)
    ps_selection_clear (self);
  else
    ps_selection_set (self, PS_SELECTION_RANGE, PS_SELECTION_ELEMENT_NONE,
                      MIN (a_ms, b_ms), MAX (a_ms, b_ms), NAN, NAN);
}

void
ps_selection_select_price_band (PsSelection        *self,
                                PsSelectionElement  element,
                                double              low,
                                double              high)
{
  g_return_if_fail (PS_IS_SELECTION (self));

  if (!isfinite (low) || !isfinite (high) || high <= low)
    ps_selection_clear (self);
  else
    ps_selection_set (self, PS_SELECTION_PRICE_BAND, element, PS_TIME_NONE, PS_TIME_NONE,
                      low, high);
}

gboolean
ps_selection_toggle_period (PsSelection        *self,
                            PsSelectionElement  element,
                            gint64              from_ms,
                            gint64              to_ms)
{
  g_return_val_if_fail (PS_IS_SELECTION (self), FALSE);

  /* The same period of another element (a candle inside a funding period
   * of as long) is another selection: the panel's numbers differ. */
  if (self->kind == PS_SELECTION_PERIOD && self->element == element &&
      self->from_ms == from_ms && self->to_ms == to_ms)
    {
      ps_selection_clear (self);
      return FALSE;
    }
  ps_selection_select_period (self, element, from_ms, to_ms);
  return self->kind == PS_SELECTION_PERIOD;
}

gboolean
ps_selection_toggle_price_band (PsSelection        *self,
                                PsSelectionElement  element,
                                double              low,
                                double              high)
{
  g_return_val_if_fail (PS_IS_SELECTION (self), FALSE);

  if (self->kind == PS_SELECTION_PRICE_BAND && self->element == element &&
      self->price_low == low && self->price_high == high)
    {
      ps_selection_clear (self);
      return FALSE;
    }
  ps_selection_select_price_band (self, element, low, high);
  return self->kind == PS_SELECTION_PRICE_BAND;
}

void
ps_selection_clear (PsSelection *self)
{
  g_return_if_fail (PS_IS_SELECTION (self));

  ps_selection_set (self, PS_SELECTION_NONE, PS_SELECTION_ELEMENT_NONE, PS_TIME_NONE,
                    PS_TIME_NONE, NAN, NAN);
}
