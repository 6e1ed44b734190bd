/* ps-database.c: one of Perpscope's SQLite files: open, identity, migrations, move-aside
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

#include "ps-database.h"

#define PS_DATABASE_DEFAULT_BUSY_TIMEOUT_MS 5000

/* Errors */

static PsCacheError
ps_database_classify (PsDatabase *self,
                      int         rc)
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
ps_database_fail (PsDatabase  *self,
                  int          rc,
                  GError     **error)
{
  PsCacheError code = ps_database_classify (self, rc);
  /* Translators: the kind of file, e.g. "cache file", then its path. */
  const char *kind = _(self->schema->kind_name);

  switch (code)
    {
    case PS_CACHE_ERROR_CORRUPT:
      g_set_error (error, PS_CACHE_ERROR, code,
                   _("The %s “%s” is damaged or is not Perpscope’s"),
                   kind, self->display_name);
      break;
    case PS_CACHE_ERROR_LOCKED:
      g_set_error (error, PS_CACHE_ERROR, code,
                   _("The %s “%s” is in use by another program"), kind, self->display_name);
      break;
    case PS_CACHE_ERROR_FULL:
      g_set_error (error, PS_CACHE_ERROR, code,
                   _("The disk holding “%s” is full"), self->display_name);
      break;
    case PS_CACHE_ERROR_READ_ONLY:
      g_set_error (error, PS_CACHE_ERROR, code,
                   _("The %s “%s” cannot be written"), kind, self->display_name);
      break;
    case PS_CACHE_ERROR_TOO_NEW:
    case PS_CACHE_ERROR_FAILED:
    default:
      g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED,
                   _("Could not use the %s “%s”: %s"), kind, self->display_name,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    }

  return FALSE;
}

/* Statements */

gboolean
ps_database_prepare (PsDatabase    *self,
                     const char    *sql,
                     sqlite3_stmt **stmt,
                     GError       **error)
{
  int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);

  if (rc != SQLITE_OK)
    return ps_database_fail (self, rc, error);
  return TRUE;
}

sqlite3_stmt *
ps_database_stmt (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

gboolean
ps_database_step_done (PsDatabase    *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      ps_database_fail (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
ps_database_exec (PsDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return ps_database_fail (self, rc, error);
  return TRUE;
}

/* One integer from a one-row query (a PRAGMA), through a throwaway statement:
 * these run at open only. */
gboolean
ps_database_query_int (PsDatabase  *self,
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
    ps_database_fail (self, rc, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

/* Transactions */

gboolean
ps_database_begin (PsDatabase  *self,
                   GError     **error)
{
  /* IMMEDIATE takes the write lock now, so waiting for another writer happens
   * here (busy_timeout) and never halfway through our rows. */
  return ps_database_step_done (self, ps_database_stmt (self->begin), error);
}

gboolean
ps_database_commit (PsDatabase  *self,
                    GError     **error)
{
  return ps_database_step_done (self, ps_database_stmt (self->commit), error);
}

void
ps_database_rollback (PsDatabase *self)
{
  /* After SQLITE_FULL and some I/O errors SQLite has already rolled back. */
  if (!sqlite3_get_autocommit (self->db))
    ps_database_step_done (self, ps_database_stmt (self->rollback), NULL);
}

/* Opening */

static gboolean
ps_database_check_identity (PsDatabase  *self,
                            gint64       user_version,
                            GError     **error)
{
  gint64 application_id = 0;
  gint64 n_tables = 0;

  if (!ps_database_query_int (self, "PRAGMA application_id", &application_id, error) ||
      !ps_database_query_int (self, "SELECT count(*) FROM sqlite_master", &n_tables, error))
    return FALSE;

  /* Another program's database: never add our tables to it. */
  if ((application_id != 0 && application_id != self->schema->application_id) ||
      (user_version == 0 && n_tables > 0))
    return ps_database_fail (self, SQLITE_NOTADB, error);

  if (user_version > (gint64) self->schema->n_migrations)
    {
      g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_TOO_NEW,
                   _("The %s “%s” was written by a newer version of Perpscope"),
                   _(self->schema->kind_name), self->display_name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
ps_database_migrate (PsDatabase  *self,
                     gint64       version,
                     GError     **error)
{
  const PsDatabaseSchema *schema = self->schema;

  for (gint64 v = version; v < (gint64) schema->n_migrations; v++)
    {
      g_autofree char *bump = NULL;

      bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT ";"
                              "PRAGMA application_id = %d;",
                              v + 1, (int) schema->application_id);

      if (!ps_database_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!ps_database_exec (self, schema->migrations[v], error) ||
          !ps_database_exec (self, bump, error) ||
          !ps_database_exec (self, "COMMIT", error))
        {
          if (!sqlite3_get_autocommit (self->db))
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}

/* SQLite, closing its last connection to a file it took for a WAL database,
 * deletes the -wal and -shm files: a file that is plainly no database must be
 * refused before SQLite sees it, or ps_database_move_aside () would keep less. */
static gboolean
ps_database_check_header (PsDatabase  *self,
                          GError     **error)
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

  return ps_database_fail (self, SQLITE_NOTADB, error);
}

static gboolean
ps_database_open_file (PsDatabase  *self,
                       GError     **error)
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
                   _("Could not create the folder of the %s “%s”: %s"),
                   _(self->schema->kind_name), self->display_name, g_strerror (errsv));
      return FALSE;
    }

  if (!ps_database_check_header (self, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    return ps_database_fail (self, rc, error);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, PS_DATABASE_DEFAULT_BUSY_TIMEOUT_MS);

  /* SQLite silently opens a write-protected file read-only; say so now rather
   * than at the first write. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    return ps_database_fail (self, SQLITE_READONLY, error);

  /* The first read of the file: a text file or random bytes fail here, at open,
   * not at the first chart that asks for rows. */
  return ps_database_query_int (self, "PRAGMA user_version", &version, error) &&
         ps_database_check_identity (self, version, error) &&
         ps_database_exec (self,
                           "PRAGMA journal_mode = WAL;"
                           /* In WAL mode a crash loses no committed transaction
                            * (only a power cut may lose the last ones). */
                           "PRAGMA synchronous = NORMAL;"
                           "PRAGMA foreign_keys = OFF;",
                           error) &&
         ps_database_migrate (self, version, error) &&
         ps_database_prepare (self, "BEGIN IMMEDIATE", &self->begin, error) &&
         ps_database_prepare (self, "COMMIT", &self->commit, error) &&
         ps_database_prepare (self, "ROLLBACK", &self->rollback, error);
}

PsDatabase *
ps_database_open (const char              *path,
                  const PsDatabaseSchema  *schema,
                  PsDatabaseFlags          flags,
                  GError                 **error)
{
  PsDatabase *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (PsDatabase, 1);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_name (path);
  self->schema = schema;

  if (!ps_database_open_file (self, error))
    {
      /* Leave no handle on a file the caller may now move aside. */
      ps_database_close (self);
      return NULL;
    }

  return self;
}

void
ps_database_close (PsDatabase *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->begin, sqlite3_finalize);
  g_clear_pointer (&self->commit, sqlite3_finalize);
  g_clear_pointer (&self->rollback, sqlite3_finalize);
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK)
    g_warning ("Database “%s” closed with statements still open", self->path);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self);
}

void
ps_database_set_busy_timeout (PsDatabase *self,
                              guint       ms)
{
  sqlite3_busy_timeout (self->db, (int) MIN (ms, G_MAXINT));
}

guint
ps_database_set_max_page_count (PsDatabase *self,
                                guint       max_pages)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %u", max_pages);
  gint64 result = 0;

  if (!ps_database_query_int (self, sql, &result, NULL))
    return 0;
  return (guint) result;
}

/* Moving aside */

/* Renames path-wal and path-shm before path itself: a fresh file created at
 * path must never find the damaged one's log and replay it. */
char *
ps_database_move_aside (const char  *path,
                        const char  *kind_name,
                        GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-shm", "" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (kind_name != NULL, NULL);

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
                       _("Could not move the %s “%s” aside: %s"),
                       _(kind_name), display_name, g_strerror (errsv));
          return NULL;
        }
    }

  return g_steal_pointer (&target);
}
