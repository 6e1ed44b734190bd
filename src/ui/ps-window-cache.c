/* ps-window-cache.c: the cache's upkeep for the shown market
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-window-private.h"

static void
ps_window_trim_cache_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(GError) error = NULL;
  guint64 used = 0;
  guint n = 0;

  /* The window went meanwhile (its files may be gone too): nothing to say. */
  if (!ps_core_trim_cache_finish (PS_CORE (object), result, &n, &used, &error) &&
      g_cancellable_is_cancelled (cancellable))
    g_debug ("cache upkeep ended with its window: %s", error->message);
  else if (error != NULL)
    g_warning ("Could not keep the cache under its size limit: %s", error->message);
  else if (n > 0)
    g_debug ("cache trimmed: %u markets dropped, %" G_GUINT64_FORMAT " bytes in use", n, used);
}

/* The shown market marked as opened now, and the cache kept under the
 * Preferences' cap (the markets opened longest ago dropped, never those
 * shown: all of an aggregate's venues). */
void
_ps_window_trim_cache (PsWindow *self)
{
  guint64 limit = (guint64) g_settings_get_uint (self->settings, "cache-size-limit-mb") << 20;
  g_auto(GStrv) markets = NULL;

  if (self->source == NULL)
    return;
  markets = ps_market_source_dup_markets (self->source);
  if (self->cache_trim == NULL)
    self->cache_trim = g_cancellable_new ();
  ps_core_trim_cache_async (self->core, (const char * const *) markets, limit,
                            self->cache_trim, ps_window_trim_cache_cb,
                            g_object_ref (self->cache_trim));
}

void
ps_window_shutdown (PsWindow *self)
{
  g_return_if_fail (PS_IS_WINDOW (self));

  /* Cancelled for good: a trim asked for later finishes as cancelled too. */
  if (self->cache_trim == NULL)
    self->cache_trim = g_cancellable_new ();
  g_cancellable_cancel (self->cache_trim);
}
