/* ps-cache.c: the SQLite market-data cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The library's one domain is set by meson; the store logs under its layer's. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ps-cache.h"
#include "ps-cache-private.h"

/* "PsCa": marks the file as ours, so another program's database is refused
 * instead of having our tables added to it. */
#define PS_CACHE_APPLICATION_ID 0x50734361
#define PS_CACHE_DEFAULT_BUSY_TIMEOUT_MS 5000

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
};

/* Keys are always ?1 venue, ?2 symbol, then ?3 interval (or kind, ?4 interval). */
static const char * const stmt_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_UPSERT_CANDLE] =
    "INSERT INTO candles (venue, symbol, interval, t, open, high, low, close, volume,"
    " taker_buy_volume) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (venue, symbol, interval, t) DO UPDATE SET open = excluded.open,"
    " high = excluded.high, low = excluded.low, close = excluded.close,"
    " volume = excluded.volume, taker_buy_volume = excluded.taker_buy_volume",
  [STMT_UPSERT_FUNDING] =
    "INSERT INTO funding (venue, symbol, t, rate, mark_price) VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (venue, symbol, t) DO UPDATE SET rate = excluded.rate,"
    " mark_price = excluded.mark_price",
  [STMT_UPSERT_OI] =
    "INSERT INTO open_interest (venue, symbol, interval, t, contracts, usd)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (venue, symbol, interval, t)"
    " DO UPDATE SET contracts = excluded.contracts, usd = excluded.usd",
  [STMT_READ_CANDLES] =
    "SELECT t, open, high, low, close, volume, taker_buy_volume FROM candles"
    " WHERE venue = ?1 AND symbol = ?2 AND interval = ?3 AND t >= ?4 AND t < ?5 ORDER BY t",
  [STMT_READ_FUNDING] =
    "SELECT t, rate, mark_price FROM funding"
    " WHERE venue = ?1 AND symbol = ?2 AND t >= ?3 AND t < ?4 ORDER BY t",
  [STMT_READ_OI] =
    "SELECT t, contracts, usd FROM open_interest"
    " WHERE venue = ?1 AND symbol = ?2 AND interval = ?3 AND t >= ?4 AND t < ?5 ORDER BY t",
  [STMT_EXTENT_CANDLES] =
    "SELECT min (t), max (t) FROM candles WHERE venue = ?1 AND symbol = ?2 AND interval = ?3",
  [STMT_EXTENT_FUNDING] =
    "SELECT min (t), max (t) FROM funding WHERE venue = ?1 AND symbol = ?2",
  [STMT_EXTENT_OI] =
    "SELECT min (t), max (t) FROM open_interest"
    " WHERE venue = ?1 AND symbol = ?2 AND interval = ?3",
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
};

static void ps_cache_initable_iface_init (GInitableIface *iface);

G_DEFINE_QUARK (ps-cache-error-quark, ps_cache_error)

G_DEFINE_FINAL_TYPE_WITH_CODE (PsCache, ps_cache, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      ps_cache_initable_iface_init))

enum { PROP_0, PROP_PATH, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Errors */

static PsCacheError
ps_cache_classify (PsCache *self,
                   int      rc)
{
  int errsv = self->db ? sqlite3_system_errno (self->db) : 0;

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return PS_CACHE_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return PS_CACHE_ERROR_LOCKED;
    case SQLITE_FULL:
      return PS_CACHE_ERROR_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return PS_CACHE_ERROR_READ_ONLY;
    case SQLITE_IOERR:
      /* Some file systems report a full disk as a failed write. */
      return errsv == ENOSPC ? PS_CACHE_ERROR_FULL : PS_CACHE_ERROR_FAILED;
    case SQLITE_CANTOPEN:
      /* Only a permission problem is one the user can fix. */
      return errsv == EACCES || errsv == EPERM || errsv == EROFS
        ? PS_CACHE_ERROR_READ_ONLY : PS_CACHE_ERROR_FAILED;
    default:
      return PS_CACHE_ERROR_FAILED;
    }
}

gboolean
_ps_cache_fail (PsCache  *self,
                int       rc,
                GError  **error)
{
  PsCacheError code = ps_cache_classify (self, rc);

  switch (code)
    {
    case PS_CACHE_ERROR_CORRUPT:
      g_set_error (error, PS_CACHE_ERROR, code,
                   _("The cache file “%s” is damaged or is not a Perpscope cache"),
                   self->display_name);
      break;
    case PS_CACHE_ERROR_LOCKED:
      g_set_error (error, PS_CACHE_ERROR, code,
                   _("The cache file “%s” is in use by another program"),
                   self->display_name);
      break;
    case PS_CACHE_ERROR_FULL:
      g_set_error (error, PS_CACHE_ERROR, code,
                   _("The disk holding “%s” is full"), self->display_name);
      break;
    case PS_CACHE_ERROR_READ_ONLY:
      g_set_error (error, PS_CACHE_ERROR, code,
                   _("The cache file “%s” cannot be written"), self->display_name);
      break;
    case PS_CACHE_ERROR_TOO_NEW:
    case PS_CACHE_ERROR_FAILED:
    default:
      g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED,
                   _("Could not use the cache file “%s”: %s"), self->display_name,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    }

  return FALSE;
}

/* Statements */

sqlite3_stmt *
_ps_cache_stmt (PsCache     *self,
                PsCacheStmt  id)
{
  sqlite3_stmt *stmt = self->stmts[id];

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

void
_ps_cache_bind_key (sqlite3_stmt *stmt,
                    const char   *venue,
                    const char   *symbol)
{
  sqlite3_bind_text (stmt, 1, venue, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, symbol, -1, SQLITE_STATIC);
}

/* Steps a statement that returns no row and leaves it reset (its locks released). */
gboolean
_ps_cache_step_done (PsCache       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _ps_cache_fail (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
ps_cache_exec (PsCache     *self,
               const char  *sql,
               GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _ps_cache_fail (self, rc, error);
  return TRUE;
}

/* One integer from a one-row query (a PRAGMA); run through a throwaway statement
 * since these run at open only. */
static gboolean
ps_cache_query_int (PsCache     *self,
                    const char  *sql,
                    gint64      *value,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    _ps_cache_fail (self, rc, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

/* Opening */

static gboolean
ps_cache_check_identity (PsCache  *self,
                         gint64    user_version,
                         GError  **error)
{
  gint64 application_id = 0;
  gint64 n_tables = 0;

  if (!ps_cache_query_int (self, "PRAGMA application_id", &application_id, error) ||
      !ps_cache_query_int (self, "SELECT count(*) FROM sqlite_master", &n_tables, error))
    return FALSE;

  /* Another program's database: never add our tables to it. */
  if ((application_id != 0 && application_id != PS_CACHE_APPLICATION_ID) ||
      (user_version == 0 && n_tables > 0))
    return _ps_cache_fail (self, SQLITE_NOTADB, error);

  if (user_version > (gint64) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_TOO_NEW,
                   _("The cache file “%s” was written by a newer version of Perpscope"),
                   self->display_name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
ps_cache_migrate (PsCache  *self,
                  gint64    version,
                  GError  **error)
{
  for (gint64 v = version; v < (gint64) G_N_ELEMENTS (migrations); v++)
    {
      g_autofree char *bump = NULL;

      bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT ";"
                              "PRAGMA application_id = %d;",
                              v + 1, PS_CACHE_APPLICATION_ID);

      if (!ps_cache_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!ps_cache_exec (self, migrations[v], error) ||
          !ps_cache_exec (self, bump, error) ||
          !ps_cache_exec (self, "COMMIT", error))
        {
          /* The kept statements are not prepared yet: no ps_cache_rollback (). */
          if (!sqlite3_get_autocommit (self->db))
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}

/* SQLite, closing its last connection to a file it took for a WAL database,
 * deletes the -wal and -shm files: a file that is plainly no database must be
 * refused before SQLite sees it, or ps_cache_move_aside () would keep less. */
static gboolean
ps_cache_check_header (PsCache  *self,
                       GError  **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[sizeof magic];
  gssize n_read;
  int fd;

  fd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return TRUE;   /* missing: created below; unreadable: SQLite says why */

  n_read = read (fd, header, sizeof header);
  g_close (fd, NULL);

  /* A read that fails (a folder, an I/O error) says nothing about the
   * contents: SQLite says why below, never "damaged", which moves it aside. */
  if (n_read < 0)
    return TRUE;

  /* An empty file is an empty database to SQLite, as it is to us. */
  if (n_read == 0 || (n_read == sizeof header && memcmp (header, magic, sizeof magic) == 0))
    return TRUE;

  return _ps_cache_fail (self, SQLITE_NOTADB, error);
}

static gboolean
ps_cache_open (PsCache  *self,
               GError  **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  gint64 version = 0;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, PS_CACHE_ERROR,
                   errsv == EACCES || errsv == EROFS ? PS_CACHE_ERROR_READ_ONLY
                                                      : PS_CACHE_ERROR_FAILED,
                   _("Could not create the folder of the cache file “%s”: %s"),
                   self->display_name, g_strerror (errsv));
      return FALSE;
    }

  if (!ps_cache_check_header (self, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    return _ps_cache_fail (self, rc, error);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, PS_CACHE_DEFAULT_BUSY_TIMEOUT_MS);

  /* SQLite silently opens a write-protected file read-only; say so now rather
   * than at the first write. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    return _ps_cache_fail (self, SQLITE_READONLY, error);

  /* The first read of the file: a text file or random bytes fail here, at open,
   * not at the first chart that asks for rows. */
  if (!ps_cache_query_int (self, "PRAGMA user_version", &version, error) ||
      !ps_cache_check_identity (self, version, error) ||
      !ps_cache_exec (self,
                      "PRAGMA journal_mode = WAL;"
                      /* In WAL mode a crash loses no committed transaction (only a
                       * power cut may lose the last ones): right for a cache. */
                      "PRAGMA synchronous = NORMAL;"
                      "PRAGMA foreign_keys = OFF;",
                      error) ||
      !ps_cache_migrate (self, version, error))
    return FALSE;

  for (guint i = 0; i < N_STMTS; i++)
    {
      rc = sqlite3_prepare_v3 (self->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &self->stmts[i], NULL);
      if (rc != SQLITE_OK)
        return _ps_cache_fail (self, rc, error);
    }

  return TRUE;
}

static gboolean
ps_cache_initable_init (GInitable     *initable,
                        GCancellable  *cancellable,
                        GError       **error)
{
  PsCache *self = PS_CACHE (initable);

  g_assert (PS_IS_CACHE (self));

  if (ps_cache_open (self, error))
    return TRUE;

  /* Leave no handle on a file the caller may now move aside. */
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  return FALSE;
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

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK)
    g_warning ("Cache “%s” closed with statements still open", self->path);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);

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
      self->display_name = g_filename_display_name (self->path ? self->path : "");
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
ps_cache_new (const char  *path,
              GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (PS_TYPE_CACHE, NULL, error, "path", path, NULL);
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

  sqlite3_busy_timeout (self->db, (int) MIN (ms, G_MAXINT));
}

guint
ps_cache_set_max_page_count_for_test (PsCache *self,
                                      guint    max_pages)
{
  g_autofree char *sql = NULL;
  gint64 result = 0;

  g_return_val_if_fail (PS_IS_CACHE (self), 0);

  sql = g_strdup_printf ("PRAGMA max_page_count = %u", max_pages);
  if (!ps_cache_query_int (self, sql, &result, NULL))
    return 0;
  return (guint) result;
}

/* Renames path-wal and path-shm before path itself: a fresh cache created at
 * path must never find the damaged one's log and replay it. */
char *
ps_cache_move_aside (const char  *path,
                     GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-shm", "" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  target = g_strdup_printf ("%s.damaged-%s", path, stamp);
  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_rename (from, to) != 0)
        {
          int errsv = errno;
          g_autofree char *display_name = NULL;

          if (errsv == ENOENT && *suffixes[i] != '\0')
            continue;   /* no log: the last connection closed cleanly */

          display_name = g_filename_display_name (from);
          g_set_error (error, PS_CACHE_ERROR,
                       errsv == EACCES || errsv == EPERM || errsv == EROFS
                         ? PS_CACHE_ERROR_READ_ONLY : PS_CACHE_ERROR_FAILED,
                       _("Could not move the cache file “%s” aside: %s"),
                       display_name, g_strerror (errsv));
          return NULL;
        }
    }

  return g_steal_pointer (&target);
}

PsCache *
ps_cache_new_recovering (const char  *path,
                         char       **notice,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *aside = NULL;
  PsCache *cache;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (notice != NULL && *notice == NULL, NULL);

  if ((cache = ps_cache_new (path, &local_error)))
    return cache;

  if (!g_error_matches (local_error, PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The data can be fetched again; the damaged file is not ours to delete. */
  if (!(aside = ps_cache_move_aside (path, error)) || !(cache = ps_cache_new (path, error)))
    return NULL;

  *notice = g_strdup_printf (_("%s; it was kept as “%s” and a new cache started"),
                             local_error->message, aside);
  return cache;
}
