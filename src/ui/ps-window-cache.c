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
  g_autoptr(GError) error = NULL;
  guint64 used = 0;
  guint n = 0;

  if (!ps_core_trim_cache_finish (PS_CORE (object), result, &n, &used, &error))
    g_warning ("Could not keep the cache under its size limit: %s", error->message);
  else if (n > 0)
    g_debug ("cache trimmed: %u markets dropped, %" G_GUINT64_FORMAT " bytes in use", n, used);
}

/* The shown market marked as opened now, and the cache kept under the
 * Preferences' cap (the markets opened longest ago dropped, never this one). */
void
_ps_window_trim_cache (PsWindow *self)
{
  guint64 limit = (guint64) g_settings_get_uint (self->settings, "cache-size-limit-mb") << 20;

  if (self->source == NULL)
    return;
  ps_core_trim_cache_async (self->core, ps_market_source_get_venue (self->source),
                            ps_market_source_get_symbol (self->source), limit, NULL,
                            ps_window_trim_cache_cb, NULL);
}
