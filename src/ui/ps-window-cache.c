/* ps-window-cache.c: the cache's upkeep for the shown market
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-aggregate-market.h"
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
  g_autoptr(GPtrArray) markets = g_ptr_array_new ();

  if (self->source == NULL)
    return;
  if (PS_IS_AGGREGATE_MARKET (self->source))
    {
      PsAggregateMarket *aggregate = PS_AGGREGATE_MARKET (self->source);

      for (guint i = 0; i < ps_aggregate_market_get_n_venues (aggregate); i++)
        {
          PsMarket *market = ps_aggregate_market_get_market (aggregate, i);

          g_ptr_array_add (markets, (gpointer) ps_market_get_venue (market));
          g_ptr_array_add (markets, (gpointer) ps_market_get_symbol (market));
        }
    }
  else
    {
      g_ptr_array_add (markets, (gpointer) ps_market_source_get_venue (self->source));
      g_ptr_array_add (markets, (gpointer) ps_market_source_get_symbol (self->source));
    }
  g_ptr_array_add (markets, NULL);
  if (self->cache_trim == NULL)
    self->cache_trim = g_cancellable_new ();
  ps_core_trim_cache_async (self->core, (const char * const *) markets->pdata, limit,
                            self->cache_trim, ps_window_trim_cache_cb,
                            g_object_ref (self->cache_trim));
}
