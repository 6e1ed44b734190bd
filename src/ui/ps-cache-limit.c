/* ps-cache-limit.c: keeps the cache under the size the user set
 *
 * The cache holds what can be fetched again; over its limit, the markets
 * used longest ago go (ps-cache-evict.c), never the recordings. The trims
 * run on the core's writer, after the pages it is writing, and one at a
 * time: a trim asked for during another runs once that one is done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-cache-limit.h"

#define FIRST_TRIM_S     5    /* after start-up: not in the way of the first frame */
#define CHANGE_DELAY_MS  800  /* a spin button's clicks make one trim */
#define PERIOD_S         (10 * 60)

struct _PsCacheLimit
{
  GObject       parent_instance;

  PsCore       *core;
  GSettings    *settings;
  GCancellable *cancellable;
  guint         timeout_source;  /* the next trim: first, after a change */
  guint         period_source;
  gboolean      trimming;
  gboolean      again;           /* asked for while trimming */
  gboolean      measured;
  guint64       size;
  guint         n_evicted;
};

G_DEFINE_FINAL_TYPE (PsCacheLimit, ps_cache_limit, G_TYPE_OBJECT)

enum { PROP_0, PROP_SIZE, PROP_MEASURED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
ps_cache_limit_trimmed_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(PsCacheLimit) self = user_data;
  g_autoptr(GError) error = NULL;
  PsCacheEviction eviction;

  if (!ps_core_trim_cache_finish (PS_CORE (object), result, &eviction, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* A cache that cannot be written is said in the window at its fetches. */
      g_debug ("Could not trim the cache: %s", error->message);
    }
  else
    {
      if (eviction.n_evicted > 0)
        g_debug ("Evicted %u markets from the cache: %" G_GUINT64_FORMAT " bytes → %"
                 G_GUINT64_FORMAT, eviction.n_evicted, eviction.size_before,
                 eviction.size_after);
      self->n_evicted += eviction.n_evicted;
      self->size = eviction.size_after;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
      if (!self->measured)
        {
          self->measured = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEASURED]);
        }
    }

  self->trimming = FALSE;
  if (self->again)
    {
      self->again = FALSE;
      ps_cache_limit_trim (self);
    }
}

void
ps_cache_limit_trim (PsCacheLimit *self)
{
  guint64 limit_mb;

  g_return_if_fail (PS_IS_CACHE_LIMIT (self));

  if (self->trimming)
    {
      self->again = TRUE;
      return;
    }

  limit_mb = g_settings_get_uint (self->settings, "cache-size-limit-mb");
  self->trimming = TRUE;
  ps_core_trim_cache_async (self->core, limit_mb * 1000 * 1000, self->cancellable,
                            ps_cache_limit_trimmed_cb, g_object_ref (self));
}

static gboolean
ps_cache_limit_timeout_cb (gpointer user_data)
{
  PsCacheLimit *self = user_data;

  self->timeout_source = 0;
  ps_cache_limit_trim (self);
  return G_SOURCE_REMOVE;
}

static gboolean
ps_cache_limit_period_cb (gpointer user_data)
{
  ps_cache_limit_trim (user_data);
  return G_SOURCE_CONTINUE;
}

static void
ps_cache_limit_changed_cb (PsCacheLimit *self)
{
  g_assert (PS_IS_CACHE_LIMIT (self));

  g_clear_handle_id (&self->timeout_source, g_source_remove);
  self->timeout_source = g_timeout_add (CHANGE_DELAY_MS, ps_cache_limit_timeout_cb, self);
}

static void
ps_cache_limit_dispose (GObject *object)
{
  PsCacheLimit *self = PS_CACHE_LIMIT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_source, g_source_remove);
  g_clear_handle_id (&self->period_source, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->core);

  G_OBJECT_CLASS (ps_cache_limit_parent_class)->dispose (object);
}

static void
ps_cache_limit_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PsCacheLimit *self = PS_CACHE_LIMIT (object);

  switch (prop_id)
    {
    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;

    case PROP_MEASURED:
      g_value_set_boolean (value, self->measured);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_cache_limit_class_init (PsCacheLimitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_cache_limit_dispose;
  object_class->get_property = ps_cache_limit_get_property;

  properties[PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_MEASURED] =
    g_param_spec_boolean ("measured", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_cache_limit_init (PsCacheLimit *self)
{
  self->cancellable = g_cancellable_new ();
}

PsCacheLimit *
ps_cache_limit_new (PsCore    *core,
                    GSettings *settings)
{
  PsCacheLimit *self;

  g_return_val_if_fail (PS_IS_CORE (core), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PS_TYPE_CACHE_LIMIT, NULL);
  self->core = g_object_ref (core);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::cache-size-limit-mb",
                           G_CALLBACK (ps_cache_limit_changed_cb), self, G_CONNECT_SWAPPED);
  self->timeout_source = g_timeout_add_seconds (FIRST_TRIM_S, ps_cache_limit_timeout_cb, self);
  self->period_source = g_timeout_add_seconds (PERIOD_S, ps_cache_limit_period_cb, self);
  return self;
}

guint64
ps_cache_limit_get_size (PsCacheLimit *self)
{
  g_return_val_if_fail (PS_IS_CACHE_LIMIT (self), 0);

  return self->size;
}

gboolean
ps_cache_limit_get_measured (PsCacheLimit *self)
{
  g_return_val_if_fail (PS_IS_CACHE_LIMIT (self), FALSE);

  return self->measured;
}

guint
ps_cache_limit_get_n_evicted (PsCacheLimit *self)
{
  g_return_val_if_fail (PS_IS_CACHE_LIMIT (self), 0);

  return self->n_evicted;
}
