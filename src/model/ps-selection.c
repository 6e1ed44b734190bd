/* ps-selection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-selection.h"

struct _PsSelection
{
  GObject parent_instance;
  gint64  cursor_ms;   /* UTC; PS_TIME_NONE: pointer outside the panes */
  gint64  from_ms;     /* selected period, UTC; PS_TIME_NONE: none */
  gint64  to_ms;
};

G_DEFINE_FINAL_TYPE (PsSelection, ps_selection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CURSOR_MS,
  PROP_FROM_MS,
  PROP_TO_MS,
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

    case PROP_FROM_MS:
      g_value_set_int64 (value, self->from_ms);
      break;

    case PROP_TO_MS:
      g_value_set_int64 (value, self->to_ms);
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

  object_class->get_property = ps_selection_get_property;
  object_class->set_property = ps_selection_set_property;

  properties[PROP_CURSOR_MS] =
    g_param_spec_int64 ("cursor-ms", NULL, NULL, G_MININT64, G_MAXINT64, PS_TIME_NONE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FROM_MS] =
    g_param_spec_int64 ("from-ms", NULL, NULL, G_MININT64, G_MAXINT64, PS_TIME_NONE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TO_MS] =
    g_param_spec_int64 ("to-ms", NULL, NULL, G_MININT64, G_MAXINT64, PS_TIME_NONE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_selection_init (PsSelection *self)
{
  self->cursor_ms = PS_TIME_NONE;
  self->from_ms = PS_TIME_NONE;
  self->to_ms = PS_TIME_NONE;
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

void
ps_selection_select (PsSelection *self,
                     gint64       from_ms,
                     gint64       to_ms)
{
  g_return_if_fail (PS_IS_SELECTION (self));

  if (from_ms == PS_TIME_NONE || to_ms <= from_ms)
    from_ms = to_ms = PS_TIME_NONE;

  if (self->from_ms == from_ms && self->to_ms == to_ms)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->from_ms != from_ms)
    {
      self->from_ms = from_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM_MS]);
    }
  if (self->to_ms != to_ms)
    {
      self->to_ms = to_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO_MS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
ps_selection_clear (PsSelection *self)
{
  ps_selection_select (self, PS_TIME_NONE, PS_TIME_NONE);
}

gboolean
ps_selection_has_period (PsSelection *self)
{
  g_return_val_if_fail (PS_IS_SELECTION (self), FALSE);

  return self->from_ms != PS_TIME_NONE;
}
