/* ps-cache-limit.h: keeps the cache under the size the user set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ps-core.h"

G_BEGIN_DECLS

#define PS_TYPE_CACHE_LIMIT (ps_cache_limit_get_type ())
G_DECLARE_FINAL_TYPE (PsCacheLimit, ps_cache_limit, PS, CACHE_LIMIT, GObject)

/* Trims core's cache to settings' cache-size-limit-mb (0: no limit) a few
 * seconds after it starts, soon after the key changes, and every few
 * minutes while fetches write; each time "size" says what is in use. */
PsCacheLimit *ps_cache_limit_new        (PsCore       *core,
                                         GSettings    *settings);
/* Trims (or measures) now, after the writes queued before. */
void          ps_cache_limit_trim       (PsCacheLimit *self);
/* The bytes in use after the last trim; "measured" FALSE until there was one. */
guint64       ps_cache_limit_get_size   (PsCacheLimit *self);
gboolean      ps_cache_limit_get_measured (PsCacheLimit *self);
/* Markets evicted since it started. */
guint         ps_cache_limit_get_n_evicted (PsCacheLimit *self);

G_END_DECLS
