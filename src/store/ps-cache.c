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
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "ps-cache.h"

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

typedef enum
{
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_UPSERT_CANDLE,
  STMT_UPSERT_FUNDING,
  STMT_UPSERT_OI,
  STMT_READ_CANDLES,
  STMT_READ_FUNDING,
  STMT_READ_OI,
  STMT_EXTENT_CANDLES,
  STMT_EXTENT_FUNDING,
  STMT_EXTENT_OI,
  STMT_COVERAGE_TOUCHING,
  STMT_COVERAGE_OVERLAPPING,
  STMT_COVERAGE_DELETE,
  STMT_COVERAGE_INSERT,
  N_STMTS
} PsCacheStmt;

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

struct _PsCache
{
  GObject       parent_instance;
  char         *path;
  char         *display_name;   /* the path as the user reads it, for messages */
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
};

typedef struct
{
  gint64 from_ms;
  gint64 to_ms;
  int    state;
} PsCoverageRow;

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

static gboolean
ps_cache_fail (PsCache  *self,
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

static sqlite3_stmt *
ps_cache_stmt (PsCache     *self,
               PsCacheStmt  id)
{
  sqlite3_stmt *stmt = self->stmts[id];

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static void
ps_cache_bind_key (sqlite3_stmt *stmt,
                   const char   *venue,
                   const char   *symbol)
{
  sqlite3_bind_text (stmt, 1, venue, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, symbol, -1, SQLITE_STATIC);
}

/* SQL has no NaN: "unknown" is NULL in the file. */
static void
ps_cache_bind_value (sqlite3_stmt *stmt,
                     int           column,
                     double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_double (stmt, column, value);
}

static double
ps_cache_column_value (sqlite3_stmt *stmt,
                       int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

/* Steps a statement that returns no row and leaves it reset (its locks released). */
static gboolean
ps_cache_step_done (PsCache       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      ps_cache_fail (self, rc, error);
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
    return ps_cache_fail (self, rc, error);
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
    ps_cache_fail (self, rc, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

/* Transactions */

static gboolean
ps_cache_begin (PsCache  *self,
                GError  **error)
{
  /* IMMEDIATE takes the write lock now, so waiting for another writer happens
   * here (busy_timeout) and never halfway through our rows. */
  return ps_cache_step_done (self, ps_cache_stmt (self, STMT_BEGIN), error);
}

static gboolean
ps_cache_commit (PsCache  *self,
                 GError  **error)
{
  return ps_cache_step_done (self, ps_cache_stmt (self, STMT_COMMIT), error);
}

static void
ps_cache_rollback (PsCache *self)
{
  /* After SQLITE_FULL and some I/O errors SQLite has already rolled back. */
  if (!sqlite3_get_autocommit (self->db))
    ps_cache_step_done (self, ps_cache_stmt (self, STMT_ROLLBACK), NULL);
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
    return ps_cache_fail (self, SQLITE_NOTADB, error);

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

  /* An empty file is an empty database to SQLite, as it is to us. */
  if (n_read == 0 || (n_read == sizeof header && memcmp (header, magic, sizeof magic) == 0))
    return TRUE;

  return ps_cache_fail (self, SQLITE_NOTADB, error);
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
    return ps_cache_fail (self, rc, error);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, PS_CACHE_DEFAULT_BUSY_TIMEOUT_MS);

  /* SQLite silently opens a write-protected file read-only; say so now rather
   * than at the first write. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    return ps_cache_fail (self, SQLITE_READONLY, error);

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
        return ps_cache_fail (self, rc, error);
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

/* Coverage */

static const char *
ps_cache_kind_key (PsSeriesKind  kind,
                   PsInterval   *interval)
{
  /* Funding rows have no interval: whatever the caller passes, one key. */
  if (kind == PS_SERIES_FUNDING)
    *interval = PS_INTERVAL_NONE;
  return ps_series_kind_to_string (kind);
}

static void
ps_cache_bind_coverage (sqlite3_stmt *stmt,
                        const char   *venue,
                        const char   *symbol,
                        const char   *kind,
                        PsInterval    interval)
{
  ps_cache_bind_key (stmt, venue, symbol);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, ps_interval_to_string (interval), -1, SQLITE_STATIC);
}

/* The coverage rows of one market that a statement selects for [from_ms, to_ms). */
static GArray *
ps_cache_select_coverage (PsCache       *self,
                          PsCacheStmt    id,
                          const char    *venue,
                          const char    *symbol,
                          PsSeriesKind   kind,
                          PsInterval     interval,
                          gint64         from_ms,
                          gint64         to_ms,
                          GError       **error)
{
  sqlite3_stmt *stmt = ps_cache_stmt (self, id);
  const char *kind_key = ps_cache_kind_key (kind, &interval);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (PsCoverageRow));
  int rc;

  ps_cache_bind_coverage (stmt, venue, symbol, kind_key, interval);
  sqlite3_bind_int64 (stmt, 5, from_ms);
  sqlite3_bind_int64 (stmt, 6, to_ms);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsCoverageRow row = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int (stmt, 2),
      };

      g_array_append_val (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      ps_cache_fail (self, rc, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

static gboolean
ps_cache_coverage_change (PsCache      *self,
                          PsCacheStmt   id,
                          const char   *venue,
                          const char   *symbol,
                          const char   *kind_key,
                          PsInterval    interval,
                          gint64        from_ms,
                          gint64        to_ms,
                          int           state,
                          GError      **error)
{
  sqlite3_stmt *stmt = ps_cache_stmt (self, id);

  ps_cache_bind_coverage (stmt, venue, symbol, kind_key, interval);
  sqlite3_bind_int64 (stmt, 5, from_ms);
  if (id == STMT_COVERAGE_INSERT)
    {
      sqlite3_bind_int64 (stmt, 6, to_ms);
      sqlite3_bind_int (stmt, 7, state);
    }
  return ps_cache_step_done (self, stmt, error);
}

/* Inside a transaction. Ranges stay disjoint: a range of the same state that
 * overlaps or touches the new one is merged into it; one of another state
 * loses the overlapped part to the newer record. */
static gboolean
ps_cache_cover (PsCache       *self,
                const char    *venue,
                const char    *symbol,
                PsSeriesKind   kind,
                PsInterval     interval,
                gint64         from_ms,
                gint64         to_ms,
                int            state,
                GError       **error)
{
  const char *kind_key = ps_cache_kind_key (kind, &interval);
  g_autoptr(GArray) rows = NULL;
  gint64 union_from = from_ms;
  gint64 union_to = to_ms;

  if (to_ms <= from_ms)
    return TRUE;

  rows = ps_cache_select_coverage (self, STMT_COVERAGE_TOUCHING, venue, symbol, kind,
                                   interval, from_ms, to_ms, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const PsCoverageRow *row = &g_array_index (rows, PsCoverageRow, i);
      gboolean overlaps = row->from_ms < to_ms && row->to_ms > from_ms;

      if (row->state != state && !overlaps)
        continue;   /* merely adjacent to another state: both stay */

      if (!ps_cache_coverage_change (self, STMT_COVERAGE_DELETE, venue, symbol, kind_key,
                                     interval, row->from_ms, 0, 0, error))
        return FALSE;

      if (row->state == state)
        {
          union_from = MIN (union_from, row->from_ms);
          union_to = MAX (union_to, row->to_ms);
        }
      else if ((row->from_ms < from_ms &&
                !ps_cache_coverage_change (self, STMT_COVERAGE_INSERT, venue, symbol,
                                           kind_key, interval, row->from_ms, from_ms,
                                           row->state, error)) ||
               (row->to_ms > to_ms &&
                !ps_cache_coverage_change (self, STMT_COVERAGE_INSERT, venue, symbol,
                                           kind_key, interval, to_ms, row->to_ms,
                                           row->state, error)))
        return FALSE;
    }

  return ps_cache_coverage_change (self, STMT_COVERAGE_INSERT, venue, symbol, kind_key,
                                   interval, union_from, union_to, state, error);
}

/* Writes */

static gboolean
ps_cache_upsert_rows (PsCache       *self,
                      const char    *venue,
                      const char    *symbol,
                      PsSeriesKind   kind,
                      PsInterval     interval,
                      gconstpointer  series,
                      GError       **error)
{
  const char *interval_key = ps_interval_to_string (interval);

  switch (kind)
    {
    case PS_SERIES_CANDLES:
      {
        const PsCandles *candles = series;

        for (guint i = 0; i < candles->n; i++)
          {
            sqlite3_stmt *stmt = ps_cache_stmt (self, STMT_UPSERT_CANDLE);

            ps_cache_bind_key (stmt, venue, symbol);
            sqlite3_bind_text (stmt, 3, interval_key, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (stmt, 4, candles->t_ms[i]);
            ps_cache_bind_value (stmt, 5, candles->open[i]);
            ps_cache_bind_value (stmt, 6, candles->high[i]);
            ps_cache_bind_value (stmt, 7, candles->low[i]);
            ps_cache_bind_value (stmt, 8, candles->close[i]);
            ps_cache_bind_value (stmt, 9, candles->volume[i]);
            ps_cache_bind_value (stmt, 10, candles->taker_buy_volume[i]);
            if (!ps_cache_step_done (self, stmt, error))
              return FALSE;
          }
        return TRUE;
      }

    case PS_SERIES_FUNDING:
      {
        const PsFunding *funding = series;

        for (guint i = 0; i < funding->n; i++)
          {
            sqlite3_stmt *stmt = ps_cache_stmt (self, STMT_UPSERT_FUNDING);

            ps_cache_bind_key (stmt, venue, symbol);
            sqlite3_bind_int64 (stmt, 3, funding->t_ms[i]);
            ps_cache_bind_value (stmt, 4, funding->rate[i]);
            ps_cache_bind_value (stmt, 5, funding->mark_price[i]);
            if (!ps_cache_step_done (self, stmt, error))
              return FALSE;
          }
        return TRUE;
      }

    case PS_SERIES_OPEN_INTEREST:
      {
        const PsOpenInterest *open_interest = series;

        for (guint i = 0; i < open_interest->n; i++)
          {
            sqlite3_stmt *stmt = ps_cache_stmt (self, STMT_UPSERT_OI);

            ps_cache_bind_key (stmt, venue, symbol);
            sqlite3_bind_text (stmt, 3, interval_key, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (stmt, 4, open_interest->t_ms[i]);
            ps_cache_bind_value (stmt, 5, open_interest->contracts[i]);
            ps_cache_bind_value (stmt, 6, open_interest->usd[i]);
            if (!ps_cache_step_done (self, stmt, error))
              return FALSE;
          }
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* One transaction: rows (series may be NULL) and their coverage, all or nothing. */
static gboolean
ps_cache_write (PsCache          *self,
                const char       *venue,
                const char       *symbol,
                PsSeriesKind      kind,
                PsInterval        interval,
                gconstpointer     series,
                gint64            cover_from_ms,
                gint64            cover_to_ms,
                PsCoverageState   state,
                GError          **error)
{
  if (!ps_cache_begin (self, error))
    return FALSE;

  if ((series != NULL &&
       !ps_cache_upsert_rows (self, venue, symbol, kind, interval, series, error)) ||
      !ps_cache_cover (self, venue, symbol, kind, interval, cover_from_ms, cover_to_ms,
                       state, error) ||
      !ps_cache_commit (self, error))
    {
      ps_cache_rollback (self);
      return FALSE;
    }

  return TRUE;
}

gboolean
ps_cache_write_candles (PsCache          *self,
                        const char       *venue,
                        const char       *symbol,
                        PsInterval        interval,
                        const PsCandles  *candles,
                        gint64            cover_from_ms,
                        gint64            cover_to_ms,
                        GError          **error)
{
  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);
  g_return_val_if_fail (interval < PS_N_INTERVALS, FALSE);
  g_return_val_if_fail (candles != NULL, FALSE);

  return ps_cache_write (self, venue, symbol, PS_SERIES_CANDLES, interval, candles,
                         cover_from_ms, cover_to_ms, PS_COVERAGE_FETCHED, error);
}

gboolean
ps_cache_write_funding (PsCache          *self,
                        const char       *venue,
                        const char       *symbol,
                        const PsFunding  *funding,
                        gint64            cover_from_ms,
                        gint64            cover_to_ms,
                        GError          **error)
{
  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);
  g_return_val_if_fail (funding != NULL, FALSE);

  return ps_cache_write (self, venue, symbol, PS_SERIES_FUNDING, PS_INTERVAL_NONE, funding,
                         cover_from_ms, cover_to_ms, PS_COVERAGE_FETCHED, error);
}

gboolean
ps_cache_write_open_interest (PsCache               *self,
                              const char            *venue,
                              const char            *symbol,
                              PsInterval             interval,
                              const PsOpenInterest  *open_interest,
                              gint64                 cover_from_ms,
                              gint64                 cover_to_ms,
                              GError               **error)
{
  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);
  g_return_val_if_fail (interval < PS_N_INTERVALS, FALSE);
  g_return_val_if_fail (open_interest != NULL, FALSE);

  return ps_cache_write (self, venue, symbol, PS_SERIES_OPEN_INTEREST, interval,
                         open_interest, cover_from_ms, cover_to_ms, PS_COVERAGE_FETCHED,
                         error);
}

gboolean
ps_cache_mark_coverage (PsCache          *self,
                        const char       *venue,
                        const char       *symbol,
                        PsSeriesKind      kind,
                        PsInterval        interval,
                        gint64            from_ms,
                        gint64            to_ms,
                        PsCoverageState   state,
                        GError          **error)
{
  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);
  g_return_val_if_fail (kind == PS_SERIES_CANDLES || kind == PS_SERIES_FUNDING ||
                        kind == PS_SERIES_OPEN_INTEREST, FALSE);
  g_return_val_if_fail (interval < PS_N_INTERVALS, FALSE);
  g_return_val_if_fail (state == PS_COVERAGE_FETCHED || state == PS_COVERAGE_UNAVAILABLE,
                        FALSE);

  if (to_ms <= from_ms)
    return TRUE;

  return ps_cache_write (self, venue, symbol, kind, interval, NULL, from_ms, to_ms, state,
                         error);
}

/* Reads */

/* Binds the key and [from_ms, to_ms) of a read; returns the statement to step. */
static sqlite3_stmt *
ps_cache_prepare_read (PsCache     *self,
                       PsCacheStmt  id,
                       const char  *venue,
                       const char  *symbol,
                       PsInterval   interval,
                       gint64       from_ms,
                       gint64       to_ms)
{
  sqlite3_stmt *stmt = ps_cache_stmt (self, id);
  int next = 3;

  ps_cache_bind_key (stmt, venue, symbol);
  if (id != STMT_READ_FUNDING)
    sqlite3_bind_text (stmt, next++, ps_interval_to_string (interval), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, next++, from_ms);
  sqlite3_bind_int64 (stmt, next, to_ms);
  return stmt;
}

static gboolean
ps_cache_finish_read (PsCache       *self,
                      sqlite3_stmt  *stmt,
                      int            rc,
                      GError       **error)
{
  if (rc != SQLITE_DONE)
    ps_cache_fail (self, rc, error);
  /* Reset ends the implicit read transaction, so the WAL can be checkpointed. */
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

PsCandles *
ps_cache_read_candles (PsCache     *self,
                       const char  *venue,
                       const char  *symbol,
                       PsInterval   interval,
                       gint64       from_ms,
                       gint64       to_ms,
                       GError     **error)
{
  g_autoptr(PsCandles) candles = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);
  g_return_val_if_fail (interval < PS_N_INTERVALS, NULL);

  candles = ps_candles_new (0);
  stmt = ps_cache_prepare_read (self, STMT_READ_CANDLES, venue, symbol, interval,
                                from_ms, to_ms);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ps_candles_append (candles, sqlite3_column_int64 (stmt, 0),
                       ps_cache_column_value (stmt, 1), ps_cache_column_value (stmt, 2),
                       ps_cache_column_value (stmt, 3), ps_cache_column_value (stmt, 4),
                       ps_cache_column_value (stmt, 5), ps_cache_column_value (stmt, 6));

  if (!ps_cache_finish_read (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&candles);
}

PsFunding *
ps_cache_read_funding (PsCache     *self,
                       const char  *venue,
                       const char  *symbol,
                       gint64       from_ms,
                       gint64       to_ms,
                       GError     **error)
{
  g_autoptr(PsFunding) funding = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);

  funding = ps_funding_new (0);
  stmt = ps_cache_prepare_read (self, STMT_READ_FUNDING, venue, symbol, PS_INTERVAL_NONE,
                                from_ms, to_ms);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ps_funding_append (funding, sqlite3_column_int64 (stmt, 0),
                       ps_cache_column_value (stmt, 1), ps_cache_column_value (stmt, 2));

  if (!ps_cache_finish_read (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&funding);
}

PsOpenInterest *
ps_cache_read_open_interest (PsCache     *self,
                             const char  *venue,
                             const char  *symbol,
                             PsInterval   interval,
                             gint64       from_ms,
                             gint64       to_ms,
                             GError     **error)
{
  g_autoptr(PsOpenInterest) open_interest = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);
  g_return_val_if_fail (interval < PS_N_INTERVALS, NULL);

  open_interest = ps_open_interest_new (0);
  stmt = ps_cache_prepare_read (self, STMT_READ_OI, venue, symbol, interval, from_ms, to_ms);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ps_open_interest_append (open_interest, sqlite3_column_int64 (stmt, 0),
                             ps_cache_column_value (stmt, 1), ps_cache_column_value (stmt, 2));

  if (!ps_cache_finish_read (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&open_interest);
}

GArray *
ps_cache_get_gaps (PsCache       *self,
                   const char    *venue,
                   const char    *symbol,
                   PsSeriesKind   kind,
                   PsInterval     interval,
                   gint64         from_ms,
                   gint64         to_ms,
                   GError       **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (PsRange));
  gint64 cursor = from_ms;

  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);
  g_return_val_if_fail (interval < PS_N_INTERVALS, NULL);

  rows = ps_cache_select_coverage (self, STMT_COVERAGE_OVERLAPPING, venue, symbol, kind,
                                   interval, from_ms, to_ms, error);
  if (rows == NULL)
    return NULL;

  /* Both states count: what is unavailable must not be asked for again. */
  for (guint i = 0; i < rows->len && cursor < to_ms; i++)
    {
      const PsCoverageRow *row = &g_array_index (rows, PsCoverageRow, i);

      if (row->from_ms > cursor)
        {
          PsRange gap = { cursor, MIN (row->from_ms, to_ms) };
          g_array_append_val (gaps, gap);
        }
      cursor = MAX (cursor, row->to_ms);
    }

  if (cursor < to_ms)
    {
      PsRange gap = { cursor, to_ms };
      g_array_append_val (gaps, gap);
    }

  return g_steal_pointer (&gaps);
}

GArray *
ps_cache_get_coverage (PsCache          *self,
                       const char       *venue,
                       const char       *symbol,
                       PsSeriesKind      kind,
                       PsInterval        interval,
                       gint64            from_ms,
                       gint64            to_ms,
                       PsCoverageState   state,
                       GError          **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (PsRange));

  g_return_val_if_fail (PS_IS_CACHE (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);
  g_return_val_if_fail (interval < PS_N_INTERVALS, NULL);

  rows = ps_cache_select_coverage (self, STMT_COVERAGE_OVERLAPPING, venue, symbol, kind,
                                   interval, from_ms, to_ms, error);
  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      const PsCoverageRow *row = &g_array_index (rows, PsCoverageRow, i);
      PsRange range = { MAX (row->from_ms, from_ms), MIN (row->to_ms, to_ms) };

      if (row->state == (int) state)
        g_array_append_val (ranges, range);
    }

  return g_steal_pointer (&ranges);
}

gboolean
ps_cache_get_extent (PsCache       *self,
                     const char    *venue,
                     const char    *symbol,
                     PsSeriesKind   kind,
                     PsInterval     interval,
                     gint64        *first_ms,
                     gint64        *last_ms,
                     GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  int rc;

  g_return_val_if_fail (PS_IS_CACHE (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);
  g_return_val_if_fail (interval < PS_N_INTERVALS, FALSE);

  switch (kind)
    {
    case PS_SERIES_CANDLES:       stmt = ps_cache_stmt (self, STMT_EXTENT_CANDLES); break;
    case PS_SERIES_FUNDING:       stmt = ps_cache_stmt (self, STMT_EXTENT_FUNDING); break;
    case PS_SERIES_OPEN_INTEREST: stmt = ps_cache_stmt (self, STMT_EXTENT_OI); break;
    default: g_return_val_if_reached (FALSE);
    }

  ps_cache_bind_key (stmt, venue, symbol);
  if (kind != PS_SERIES_FUNDING)
    sqlite3_bind_text (stmt, 3, ps_interval_to_string (interval), -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ps_cache_fail (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  /* An aggregate over no rows is one row of NULLs. */
  found = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  if (found && first_ms != NULL)
    *first_ms = sqlite3_column_int64 (stmt, 0);
  if (found && last_ms != NULL)
    *last_ms = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return found;
}
