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
  PsCoreFlags  flags;

  /* recordings.db: the path asked for, then (resolved) the one in use, which
   * is a file beside it when that one is damaged, another program's or newer. */
  char        *recordings_path;
  gboolean     recordings_resolved;
  char        *recordings_notice;
  PsWriter    *writer;        /* every write of the process, made on first use */
};

enum { RECORDED, N_SIGNALS };
static guint signals[N_SIGNALS];

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
  /* Every write queued so far is committed before the core goes. */
  if (self->writer != NULL)
    ps_writer_close (self->writer);
  g_clear_object (&self->writer);
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
  g_free (self->recordings_path);
  g_free (self->recordings_notice);

  G_OBJECT_CLASS (ps_core_parent_class)->finalize (object);
}

static void
ps_core_class_init (PsCoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_core_dispose;
  object_class->finalize = ps_core_finalize;

  /**
   * PsCore::recorded:
   * @venue: the venue key
   * @symbol: the venue's symbol
   * @kind: a #PsSeriesKind (liquidations or open interest)
   * @from_ms: start of what was committed (UTC ms)
   * @to_ms: its end
   *
   * Live data of a market was committed to the recordings: markets showing it
   * read it again.
   */
  signals[RECORDED] =
    g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 5, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_INT64,
                  G_TYPE_INT64);
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
  self->flags = flags;

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

typedef struct
{
  char    *path;
  GStrv    markets;       /* venue, symbol, venue, symbol, … */
  guint64  max_bytes;
  gint64   now_ms;
  guint    n_dropped;
  guint64  used_bytes;
} PsCoreTrim;

static void
ps_core_trim_free (PsCoreTrim *trim)
{
  g_free (trim->path);
  g_strfreev (trim->markets);
  g_free (trim);
}

static void
ps_core_trim_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PsCoreTrim *trim = task_data;
  g_autoptr(PsCache) cache = NULL;
  GError *error = NULL;

  /* Its own connection: the writer keeps writing meanwhile (WAL; each side
   * waits its turn in BEGIN IMMEDIATE). */
  if (!(cache = ps_cache_new (trim->path, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; trim->markets[i] != NULL && trim->markets[i + 1] != NULL; i += 2)
    if (!ps_cache_touch_market (cache, trim->markets[i], trim->markets[i + 1], trim->now_ms,
                                &error))
      {
        g_task_return_error (task, error);
        return;
      }
  if ((trim->max_bytes > 0 &&
       !ps_cache_evict (cache, trim->max_bytes, trim->now_ms, &trim->n_dropped, &error)) ||
      !ps_cache_get_used_bytes (cache, &trim->used_bytes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
ps_core_trim_cache_async (PsCore              *self,
                          const char * const  *markets,
                          guint64              max_bytes,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PsCoreTrim *trim;

  g_return_if_fail (PS_IS_CORE (self));
  g_return_if_fail (markets != NULL);

  trim = g_new0 (PsCoreTrim, 1);
  trim->path = g_strdup (ps_cache_get_path (self->cache));
  trim->markets = g_strdupv ((char **) markets);
  trim->max_bytes = max_bytes;
  trim->now_ms = g_get_real_time () / 1000;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_core_trim_cache_async);
  g_task_set_task_data (task, trim, (GDestroyNotify) ps_core_trim_free);
  g_task_run_in_thread (task, ps_core_trim_thread);
}

gboolean
ps_core_trim_cache_finish (PsCore        *self,
                           GAsyncResult  *result,
                           guint         *n_dropped,
                           guint64       *used_bytes,
                           GError       **error)
{
  PsCoreTrim *trim;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  trim = g_task_get_task_data (G_TASK (result));
  if (n_dropped != NULL)
    *n_dropped = trim->n_dropped;
  if (used_bytes != NULL)
    *used_bytes = trim->used_bytes;
  return TRUE;
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

  /* A spot companion serves a market's spot candles, never a market of its own. */
  if (!ps_venues_is_spot (venue) && !g_strv_contains (ps_core_list_venues (self), venue))
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

  sync = ps_sync_new_with_writer (self->cache, ps_core_get_writer (self), provider);
  g_hash_table_insert (self->syncs, g_strdup (venue), sync);
  return sync;
}

void
ps_core_set_recordings_path (PsCore     *self,
                             const char *path)
{
  g_return_if_fail (PS_IS_CORE (self));
  g_return_if_fail (!self->recordings_resolved);

  g_free (self->recordings_path);
  self->recordings_path = g_strdup (path);
}

const char *
ps_core_get_recordings_path (PsCore *self)
{
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PS_IS_CORE (self), NULL);

  if (self->recordings_path == NULL)
    self->recordings_path = ps_recordings_dup_default_path ();
  if (self->recordings_resolved)
    return self->recordings_path;
  self->recordings_resolved = TRUE;

  /* A command that only reads creates nothing; a missing file reads as
   * "nothing recorded". */
  if (self->flags & PS_CORE_FLAGS_READ_ONLY)
    return self->recordings_path;

  /* Opened once here, so that a damaged file is stepped around before any
   * reader or the writer opens it. Failing that (locked, a full disk), the
   * writer's jobs say why, each time. */
  recordings = ps_recordings_new_or_beside (self->recordings_path, &self->recordings_notice,
                                            &error);
  if (recordings != NULL)
    {
      g_free (self->recordings_path);
      self->recordings_path = g_strdup (ps_recordings_get_path (recordings));
    }
  else
    {
      g_debug ("Recordings “%s” not opened: %s", self->recordings_path, error->message);
      self->recordings_notice = g_strdup (error->message);
    }

  return self->recordings_path;
}

char *
ps_core_take_recordings_notice (PsCore *self)
{
  g_return_val_if_fail (PS_IS_CORE (self), NULL);

  ps_core_get_recordings_path (self);
  return g_steal_pointer (&self->recordings_notice);
}

PsRecordings *
ps_core_open_recordings_reader (PsCore  *self,
                                GError **error)
{
  g_return_val_if_fail (PS_IS_CORE (self), NULL);

  return ps_recordings_new_read_only (ps_core_get_recordings_path (self), error);
}

PsWriter *
ps_core_get_writer (PsCore *self)
{
  g_return_val_if_fail (PS_IS_CORE (self), NULL);

  if (self->writer == NULL)
    self->writer = ps_writer_new_full (ps_cache_get_path (self->cache),
                                       ps_core_get_recordings_path (self));
  return self->writer;
}

void
ps_core_emit_recorded (PsCore       *self,
                       const char   *venue,
                       const char   *symbol,
                       PsSeriesKind  kind,
                       gint64        from_ms,
                       gint64        to_ms)
{
  g_return_if_fail (PS_IS_CORE (self));

  g_signal_emit (self, signals[RECORDED], 0, venue, symbol, (guint) kind, from_ms, to_ms);
}

void
ps_core_close (PsCore *self)
{
  g_autoptr(GMainContext) context = NULL;

  g_return_if_fail (PS_IS_CORE (self));

  if (self->writer == NULL)
    return;

  /* Every write queued is committed, then the answers are dispatched: they
   * hold what asked for them (recorders, fetches), which goes with them. */
  context = g_main_context_ref_thread_default ();
  ps_writer_close (self->writer);
  while (g_main_context_iteration (context, FALSE))
    ;
}
