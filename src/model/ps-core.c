/* ps-core.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ps-core.h"
#include "ps-venues.h"

struct _PsCore
{
  GObject      parent_instance;

  PsHttp      *http;
  PsCache     *cache;
  char        *cache_notice;
  char        *temp_dir;      /* the temporary cache's folder, removed with the core */
  GHashTable  *providers;     /* venue → PsProvider, made on first use */
  GHashTable  *syncs;         /* venue → PsSync, made on first use */
  GPtrArray   *venues;        /* the registry's, then those added; NULL-terminated */

  /* Issue #12 adds here, owned the same way and handed out by getters: the
   * recordings database (recordings.db), the writer thread that owns every
   * write, and one live stream per venue (liquidations, OI snapshots). */
};

G_DEFINE_FINAL_TYPE (PsCore, ps_core, G_TYPE_OBJECT)

static void
ps_core_remove_temp_dir (PsCore *self)
{
  g_autofree char *db = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (self->temp_dir == NULL)
    return;

  db = g_build_filename (self->temp_dir, "cache.db", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (db, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (self->temp_dir);
  g_clear_pointer (&self->temp_dir, g_free);
}

/* A cache we cannot use at all (locked, read-only, full) gives way to a
 * temporary one, so that the window still works; the user is told that
 * history is not kept. */
static gboolean
ps_core_open_temporary (PsCore        *self,
                        const GError  *cause,
                        GError       **error)
{
  g_autofree char *path = NULL;

  if (!(self->temp_dir = g_dir_make_tmp ("perpscope-XXXXXX", error)))
    return FALSE;

  path = g_build_filename (self->temp_dir, "cache.db", NULL);
  if (!(self->cache = ps_cache_new (path, error)))
    return FALSE;

  g_free (self->cache_notice);
  self->cache_notice = g_strdup_printf (_("%s. Fetched data is kept only until Perpscope closes."),
                                        cause->message);
  return TRUE;
}

static void
ps_core_dispose (GObject *object)
{
  PsCore *self = PS_CORE (object);

  g_clear_pointer (&self->syncs, g_hash_table_unref);
  g_clear_pointer (&self->providers, g_hash_table_unref);
  g_clear_pointer (&self->venues, g_ptr_array_unref);
  g_clear_object (&self->cache);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (ps_core_parent_class)->dispose (object);
}

static void
ps_core_finalize (GObject *object)
{
  PsCore *self = PS_CORE (object);

  ps_core_remove_temp_dir (self);
  g_free (self->cache_notice);

  G_OBJECT_CLASS (ps_core_parent_class)->finalize (object);
}

static void
ps_core_class_init (PsCoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_core_dispose;
  object_class->finalize = ps_core_finalize;
}

static void
ps_core_init (PsCore *self)
{
  self->http = ps_http_new ();
  self->providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->syncs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->venues = g_ptr_array_new_with_free_func (g_free);
  for (const char * const *v = ps_venues_list (); *v != NULL; v++)
    g_ptr_array_add (self->venues, g_strdup (*v));
  g_ptr_array_add (self->venues, NULL);
}

PsCore *
ps_core_new (const char   *cache_path,
             PsCoreFlags   flags,
             GError      **error)
{
  g_autoptr(PsCore) self = g_object_new (PS_TYPE_CORE, NULL);
  g_autofree char *default_path = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (cache_path == NULL)
    cache_path = default_path = ps_cache_dup_default_path ();

  if (flags & PS_CORE_FLAGS_READ_ONLY)
    self->cache = ps_cache_new_read_only (cache_path, &local_error);
  else
    self->cache = ps_cache_new_recovering (cache_path, &self->cache_notice, &local_error);
  if (self->cache != NULL)
    return g_steal_pointer (&self);

  if (!(flags & PS_CORE_FLAGS_TEMPORARY_FALLBACK))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!ps_core_open_temporary (self, local_error, error))
    return NULL;
  return g_steal_pointer (&self);
}

PsHttp *
ps_core_get_http (PsCore *self)
{
  g_return_val_if_fail (PS_IS_CORE (self), NULL);

  return self->http;
}

PsCache *
ps_core_get_cache (PsCore *self)
{
  g_return_val_if_fail (PS_IS_CORE (self), NULL);

  return self->cache;
}

char *
ps_core_take_cache_notice (PsCore *self)
{
  g_return_val_if_fail (PS_IS_CORE (self), NULL);

  return g_steal_pointer (&self->cache_notice);
}

PsCache *
ps_core_open_reader (PsCore  *self,
                     GError **error)
{
  g_return_val_if_fail (PS_IS_CORE (self), NULL);

  /* Readers never write; the core's own connection made and migrated the file. */
  return ps_cache_new_read_only (ps_cache_get_path (self->cache), error);
}

const char * const *
ps_core_list_venues (PsCore *self)
{
  g_return_val_if_fail (PS_IS_CORE (self), NULL);

  return (const char * const *) self->venues->pdata;
}

void
ps_core_add_provider (PsCore     *self,
                      PsProvider *provider)
{
  const char *venue;

  g_return_if_fail (PS_IS_CORE (self));
  g_return_if_fail (PS_IS_PROVIDER (provider));

  venue = ps_provider_get_venue (provider);
  g_return_if_fail (!g_hash_table_contains (self->syncs, venue));

  if (!g_strv_contains (ps_core_list_venues (self), venue))
    g_ptr_array_insert (self->venues, self->venues->len - 1, g_strdup (venue));
  g_hash_table_insert (self->providers, g_strdup (venue), g_object_ref (provider));
}

PsProvider *
ps_core_get_provider (PsCore      *self,
                      const char  *venue,
                      GError     **error)
{
  PsProvider *provider;

  g_return_val_if_fail (PS_IS_CORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((provider = g_hash_table_lookup (self->providers, venue ? venue : "")))
    return provider;

  /* Only listed venues: an added one is in providers already. */
  if (!(provider = ps_venues_create (venue, self->http, error)))
    return NULL;

  g_hash_table_insert (self->providers, g_strdup (venue), provider);
  return provider;
}

PsSync *
ps_core_get_sync (PsCore      *self,
                  const char  *venue,
                  GError     **error)
{
  PsProvider *provider;
  PsSync *sync;

  g_return_val_if_fail (PS_IS_CORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((sync = g_hash_table_lookup (self->syncs, venue ? venue : "")))
    return sync;

  if (!(provider = ps_core_get_provider (self, venue, error)))
    return NULL;

  sync = ps_sync_new (self->cache, provider);
  g_hash_table_insert (self->syncs, g_strdup (venue), sync);
  return sync;
}
