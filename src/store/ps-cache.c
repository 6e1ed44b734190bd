/* ps-cache.c: the SQLite market-data cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The library's one domain is set by meson; the store logs under its layer's. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include <glib/gi18n-lib.h>

#include "ps-cache.h"
#include "ps-cache-private.h"
#include "ps-database.h"

/* "PsCa": marks the file as ours, so another program's database is refused
 * instead of having our tables added to it. */
#define PS_CACHE_APPLICATION_ID 0x50734361

/* 1 GiB of address space for reads (64-bit only). */
#define PS_CACHE_MMAP_SIZE "1073741824"

/* Migration i takes user_version i to i + 1. Append only: a shipped step never changes. */
static const char * const migrations[] = {
  "CREATE TABLE candles (venue TEXT NOT NULL, symbol TEXT NOT NULL, interval TEXT NOT NULL,"
  "  t INTEGER NOT NULL, open REAL, high REAL, low REAL, close REAL, volume REAL,"
  "  taker_buy_volume REAL, PRIMARY KEY (venue, symbol, interval, t)) WITHOUT ROWID;"
  "CREATE TABLE funding (venue TEXT NOT NULL, symbol TEXT NOT NULL, t INTEGER NOT NULL,"
  "  rate REAL, mark_price REAL, PRIMARY KEY (venue, symbol, t)) WITHOUT ROWID;"
  "CREATE TABLE open_interest (venue TEXT NOT NULL, symbol TEXT NOT NULL,"
  "  interval TEXT NOT NULL, t INTEGER NOT NULL, contracts REAL, usd REAL,"
  "  PRIMARY KEY (venue, symbol, interval, t)) WITHOUT ROWID;"
  "CREATE TABLE coverage (venue TEXT NOT NULL, symbol TEXT NOT NULL, kind TEXT NOT NULL,"
  "  interval TEXT NOT NULL, from_ms INTEGER NOT NULL, to_ms INTEGER NOT NULL,"
  "  state INTEGER NOT NULL, PRIMARY KEY (venue, symbol, kind, interval, from_ms))"
  "  WITHOUT ROWID;",
  /* When each market was last opened: a cache over its size cap drops the
   * market opened longest ago (ps-cache-evict.c). */
  "CREATE TABLE market_use (venue TEXT NOT NULL, symbol TEXT NOT NULL,"
  "  used_ms INTEGER NOT NULL, PRIMARY KEY (venue, symbol)) WITHOUT ROWID;",
};

static const PsDatabaseSchema ps_cache_schema = {
  N_("cache file"), PS_CACHE_APPLICATION_ID, migrations, G_N_ELEMENTS (migrations),
  TRUE,
};

/* Keys are always ?1 venue, ?2 symbol, ?3 kind, ?4 interval. */
static const char * const stmt_sql[N_STMTS] = {
  /* Overlapping or adjacent: what a new range merges with. */
  [STMT_COVERAGE_TOUCHING] =
    "SELECT from_ms, to_ms, state FROM coverage WHERE venue = ?1 AND symbol = ?2"
    " AND kind = ?3 AND interval = ?4 AND from_ms <= ?6 AND to_ms >= ?5 ORDER BY from_ms",
  [STMT_COVERAGE_OVERLAPPING] =
    "SELECT from_ms, to_ms, state FROM coverage WHERE venue = ?1 AND symbol = ?2"
    " AND kind = ?3 AND interval = ?4 AND from_ms < ?6 AND to_ms > ?5 ORDER BY from_ms",
  [STMT_COVERAGE_DELETE] =
    "DELETE FROM coverage WHERE venue = ?1 AND symbol = ?2 AND kind = ?3 AND interval = ?4"
    " AND from_ms = ?5",
  [STMT_COVERAGE_INSERT] =
    "INSERT INTO coverage (venue, symbol, kind, interval, from_ms, to_ms, state)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_MARKET_USE] =
    "INSERT INTO market_use (venue, symbol, used_ms) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (venue, symbol) DO UPDATE SET used_ms = max (used_ms, excluded.used_ms)",
  /* The market opened longest ago (never: first), but ?1:?2. */
  [STMT_EVICT_VICTIM] =
    "SELECT c.venue, c.symbol FROM (SELECT DISTINCT venue, symbol FROM coverage) AS c"
    " LEFT JOIN market_use AS u ON u.venue = c.venue AND u.symbol = c.symbol"
    " WHERE coalesce (u.used_ms, 0) < ?1 ORDER BY coalesce (u.used_ms, 0) LIMIT 1",
  [STMT_EVICT_CANDLES] = "DELETE FROM candles WHERE venue = ?1 AND symbol = ?2",
  [STMT_EVICT_FUNDING] = "DELETE FROM funding WHERE venue = ?1 AND symbol = ?2",
  [STMT_EVICT_OPEN_INTEREST] = "DELETE FROM open_interest WHERE venue = ?1 AND symbol = ?2",
  [STMT_EVICT_COVERAGE] = "DELETE FROM coverage WHERE venue = ?1 AND symbol = ?2",
  [STMT_EVICT_USE] = "DELETE FROM market_use WHERE venue = ?1 AND symbol = ?2",
};

const PsKind * const _ps_cache_kinds[PS_N_CACHE_KINDS] = {
  &ps_kind_candles, &ps_kind_funding, &ps_kind_open_interest,
};

int
_ps_cache_kind_index (PsSeriesKind kind)
{
  for (guint i = 0; i < PS_N_CACHE_KINDS; i++)
    if (_ps_cache_kinds[i]->kind == kind)
      return (int) i;
  return -1;
}

static void ps_cache_initable_iface_init (GInitableIface *iface);

G_DEFINE_QUARK (ps-cache-error-quark, ps_cache_error)

G_DEFINE_FINAL_TYPE_WITH_CODE (PsCache, ps_cache, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      ps_cache_initable_iface_init))

enum { PROP_0, PROP_PATH, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The kept statements are the database's; failures are said in its words. */

gboolean
_ps_cache_fail (PsCache  *self,
                int       rc,
                GError  **error)
{
  return ps_database_fail (self->database, rc, error);
}

sqlite3_stmt *
_ps_cache_stmt (PsCache     *self,
                PsCacheStmt  id)
{
  return ps_database_stmt (self->stmts[id]);
}

void
_ps_cache_bind_key (sqlite3_stmt *stmt,
                    const char   *venue,
                    const char   *symbol)
{
  sqlite3_bind_text (stmt, 1, venue, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, symbol, -1, SQLITE_STATIC);
}

gboolean
_ps_cache_step_done (PsCache       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  return ps_database_step_done (self->database, stmt, error);
}

/* Opening */

static void
ps_cache_close (PsCache *self)
{
  g_clear_object (&self->half_reader);
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  for (guint i = 0; i < PS_N_CACHE_KINDS; i++)
    ps_kind_finalize (self->kind_stmts[i]);
  g_clear_pointer (&self->database, ps_database_close);
}

static gboolean
ps_cache_initable_init (GInitable     *initable,
                        GCancellable  *cancellable,
                        GError       **error)
{
  PsCache *self = PS_CACHE (initable);

  g_assert (PS_IS_CACHE (self));

  self->database = ps_database_open (self->path, &ps_cache_schema, self->flags, error);
  if (self->database == NULL)
    return FALSE;
  /* Reads through a mapping, not a copy per page: a year of 1m candles is
   * ~50 MB of pages, read ~20% faster. Only the address space is reserved;
   * past it SQLite reads as before. Writes still go through write (). */
  if (GLIB_SIZEOF_VOID_P == 8 &&
      !ps_database_exec (self->database, "PRAGMA mmap_size = " PS_CACHE_MMAP_SIZE, error))
    goto failed;

  for (guint i = 0; i < N_STMTS; i++)
    if (!ps_database_prepare (self->database, stmt_sql[i], &self->stmts[i], error))
      goto failed;
  for (guint i = 0; i < PS_N_CACHE_KINDS; i++)
    if (!ps_kind_prepare (_ps_cache_kinds[i], self->database, self->kind_stmts[i], error))
      goto failed;
  return TRUE;

failed:
  /* Leave no handle on a file the caller may now move aside. */
  ps_cache_close (self);
  return FALSE;
}

/* The file's pages a long read mapped, handed back (both connections'):
 * the rows are in the series' columns now, and the mapping would keep them
 * in the process's resident memory till the connection closes (a million
 * 1m candles: ~47 MB beside the 32 MB of columns). The next read maps the
 * file again, a fault per 64 KB; a mapping still in use (a statement mid-way)
 * is left as it is by SQLite. */
void
_ps_cache_release_mapping (PsCache *self)
{
  g_autoptr(GError) error = NULL;

  if (GLIB_SIZEOF_VOID_P != 8 || self->database == NULL)
    return;
  if (!ps_database_exec (self->database, "PRAGMA mmap_size = 0", &error) ||
      !ps_database_exec (self->database, "PRAGMA mmap_size = " PS_CACHE_MMAP_SIZE, &error))
    g_debug ("The mapping of %s not handed back: %s", self->path, error->message);
  if (self->half_reader != NULL)
    _ps_cache_release_mapping (self->half_reader);
}

static void
ps_cache_initable_iface_init (GInitableIface *iface)
{
  iface->init = ps_cache_initable_init;
}

static void
ps_cache_finalize (GObject *object)
{
  PsCache *self = PS_CACHE (object);

  ps_cache_close (self);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (ps_cache_parent_class)->finalize (object);
}

static void
ps_cache_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PsCache *self = PS_CACHE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_cache_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PsCache *self = PS_CACHE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_cache_class_init (PsCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ps_cache_finalize;
  object_class->get_property = ps_cache_get_property;
  object_class->set_property = ps_cache_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_cache_init (PsCache *self)
{
}

char *
ps_cache_dup_default_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "perpscope", "cache.db", NULL);
}

PsCache *
_ps_cache_new_with_flags (const char       *path,
                         PsDatabaseFlags   flags,
                         GError          **error)
{
  g_autoptr(PsCache) self = g_object_new (PS_TYPE_CACHE, "path", path, NULL);

  self->flags = flags;
  if (!g_initable_init (G_INITABLE (self), NULL, error))
    return NULL;
  return g_steal_pointer (&self);
}

PsCache *
ps_cache_new (const char  *path,
              GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _ps_cache_new_with_flags (path, PS_DATABASE_READ_WRITE, error);
}

PsCache *
ps_cache_new_read_only (const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _ps_cache_new_with_flags (path, PS_DATABASE_READ_ONLY, error);
}

const char *
ps_cache_get_path (PsCache *self)
{
  g_return_val_if_fail (PS_IS_CACHE (self), NULL);

  return self->path;
}

void
ps_cache_set_busy_timeout (PsCache *self,
                           guint    ms)
{
  g_return_if_fail (PS_IS_CACHE (self));

  ps_database_set_busy_timeout (self->database, ms);
}

guint
ps_cache_set_max_page_count_for_test (PsCache *self,
                                      guint    max_pages)
{
  g_return_val_if_fail (PS_IS_CACHE (self), 0);

  return ps_database_set_max_page_count (self->database, max_pages);
}

char *
ps_cache_move_aside (const char  *path,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return ps_database_move_aside (path, ps_cache_schema.kind_name, error);
}

/* Opens with flags; a damaged file (CORRUPT: ours but damaged, or no database
 * at all) is moved aside and a new cache started. Another program's file, a
 * newer one, a locked or read-only one are returned as errors, untouched. */
static PsCache *
ps_cache_open_recovering (const char       *path,
                          PsDatabaseFlags   flags,
                          char            **notice,
                          GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *aside = NULL;
  PsCache *cache;

  if ((cache = _ps_cache_new_with_flags (path, flags, &local_error)))
    return cache;

  if (!g_error_matches (local_error, PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* Another process writing into it would go on writing into the moved file. */
  if (ps_database_in_use (path))
    {
      g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_LOCKED,
                   _("%s, but another program still has it open; close that program "
                     "and try again"), local_error->message);
      return NULL;
    }

  /* The data can be fetched again; the damaged file is not ours to delete. */
  if (!(aside = ps_cache_move_aside (path, error)) || !(cache = ps_cache_new (path, error)))
    return NULL;

  *notice = g_strdup_printf (_("%s; it was kept as “%s” and a new cache started"),
                             local_error->message, aside);
  return cache;
}

PsCache *
ps_cache_new_recovering (const char  *path,
                         char       **notice,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (notice != NULL && *notice == NULL, NULL);

  return ps_cache_open_recovering (path, PS_DATABASE_READ_WRITE, notice, error);
}

PsCache *
ps_cache_recover (const char  *path,
                  char       **notice,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (notice != NULL && *notice == NULL, NULL);

  return ps_cache_open_recovering (path, PS_DATABASE_VERIFY, notice, error);
}
