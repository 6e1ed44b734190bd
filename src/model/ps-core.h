/* ps-core.h: the services one process shares, built once by the application
 * and once by a command-line run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-cache.h"
#include "ps-http.h"
#include "ps-provider.h"
#include "ps-sync.h"

G_BEGIN_DECLS

typedef enum
{
  PS_CORE_FLAGS_NONE = 0,
  /* A cache that cannot be used at all (locked, read-only, full) gives way
   * to a temporary one, removed with the core; the notice says so. The
   * window wants this: it still works, without keeping history. */
  PS_CORE_FLAGS_TEMPORARY_FALLBACK = 1 << 0,
  /* For a command that only reads (export --offline): the cache is opened
   * for reading only, so a cache it cannot write will do; nothing is
   * created, migrated, moved aside or written, and a fetch fails. */
  PS_CORE_FLAGS_READ_ONLY = 1 << 1,
} PsCoreFlags;

#define PS_TYPE_CORE (ps_core_get_type ())
G_DECLARE_FINAL_TYPE (PsCore, ps_core, PS, CORE, GObject)

/* Opens the cache at cache_path (NULL: the default path) once, moving a
 * damaged file aside (see ps_cache_new_recovering ()), or for reading only
 * (PS_CORE_FLAGS_READ_ONLY). Fails with the cache's error in words. */
PsCore             *ps_core_new               (const char   *cache_path,
                                               PsCoreFlags   flags,
                                               GError      **error);
/* The one HTTP client (one SoupSession) of the process. */
PsHttp             *ps_core_get_http          (PsCore       *self);
PsCache            *ps_core_get_cache         (PsCore       *self);
/* What happened opening the cache, in words (moved aside, temporary), once:
 * NULL when nothing did, or when it was taken already. */
char               *ps_core_take_cache_notice (PsCore       *self);
/* A new read-only connection to the cache for one worker thread's reads. */
PsCache            *ps_core_open_reader       (PsCore       *self,
                                               GError      **error);

/* The venues the core serves, NULL-terminated: ps_venues_list (), then those
 * added with ps_core_add_provider (). Valid until a provider is added. */
const char * const *ps_core_list_venues       (PsCore       *self);
/* Serves the provider's venue with provider instead of one made from the
 * registry: a venue set up in code (tests, a mirror). Before first use. */
void                ps_core_add_provider      (PsCore       *self,
                                               PsProvider   *provider);
/* The one provider of venue, made on first use, so that every window and
 * fetch shares its rate-limit bucket. NULL with a PS_NET_ERROR for a venue
 * not in the list. */
PsProvider         *ps_core_get_provider      (PsCore       *self,
                                               const char   *venue,
                                               GError      **error);
/* The one sync of venue into the cache (made on first use). */
PsSync             *ps_core_get_sync          (PsCore       *self,
                                               const char   *venue,
                                               GError      **error);

G_END_DECLS
