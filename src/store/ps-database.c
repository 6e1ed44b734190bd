/* ps-database.c: one of Perpscope's SQLite files: open, identity, migrations, errors in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The library's one domain is set by meson; the store logs under its layer's. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ps-database.h"
#include "ps-database-private.h"

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
      if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, PS_CACHE_ERROR, code,
                     _("The %s “%s” is damaged or not a database"), kind, self->display_name);
      else
        g_set_error (error, PS_CACHE_ERROR, code,
                     _("The %s “%s” is damaged"), kind, self->display_name);
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
    case PS_CACHE_ERROR_NOT_OURS:
    case PS_CACHE_ERROR_TOO_OLD:
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

/* Identity */

typedef struct
{
  gint64 version;          /* PRAGMA user_version */
  gint64 application_id;
  gint64 n_tables;
} PsIdentity;

/* Inside a transaction, so the three agree: outside one, another process's
 * migration committing between them made a new file look like another
 * program's (version 0 with tables) and it was moved aside while in use. */
static gboolean
ps_database_read_identity (PsDatabase  *self,
                           PsIdentity  *identity,
                           GError     **error)
{
  return ps_database_query_int (self, "PRAGMA user_version", &identity->version, error) &&
         ps_database_query_int (self, "PRAGMA application_id", &identity->application_id,
                                error) &&
         ps_database_query_int (self, "SELECT count(*) FROM sqlite_master",
                                &identity->n_tables, error);
}

static gboolean
ps_database_check_identity (PsDatabase        *self,
                            const PsIdentity  *identity,
                            GError           **error)
{
  const PsDatabaseSchema *schema = self->schema;

  /* Another program's database: never add our tables to it, never move it.
   * A negative version is none we write (and must index no migration). */
  if ((identity->application_id != 0 &&
       (guint32) identity->application_id != schema->application_id) ||
      (identity->application_id == 0 && identity->version != 0) ||
      (identity->version == 0 && identity->n_tables > 0) ||
      identity->version < 0)
    {
      g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_NOT_OURS,
                   _("“%s” is another program’s database, not a Perpscope %s; "
                     "Perpscope leaves it alone"),
                   self->display_name, _(schema->kind_name));
      return FALSE;
    }

  if (identity->version > (gint64) schema->n_migrations)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, identity->version);

      g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_TOO_NEW,
                   /* Translators: "cache file" or "recordings file", its name,
                    * the file's schema version, the newest this version reads */
                   _("The %s “%s” was written by a newer version of Perpscope "
                     "(schema %s, this one knows up to %u)"),
                   _(schema->kind_name), self->display_name, version, schema->n_migrations);
      return FALSE;
    }

  return TRUE;
}

/* A consistent view of the identity, without taking the write lock. */
static gboolean
ps_database_snapshot_identity (PsDatabase  *self,
                               PsIdentity  *identity,
                               GError     **error)
{
  gboolean ok;

  if (!ps_database_exec (self, "BEGIN", error))
    return FALSE;
  ok = ps_database_read_identity (self, identity, error);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

/* Migrations */

/* All steps in one BEGIN IMMEDIATE transaction, deciding from the identity
 * read again under the write lock: another process may have set the file up
 * since we looked, and must not see "table … already exists". */
static gboolean
ps_database_migrate (PsDatabase  *self,
                     GError     **error)
{
  const PsDatabaseSchema *schema = self->schema;
  g_autofree char *bump = NULL;
  PsIdentity identity;

  if (!ps_database_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!ps_database_read_identity (self, &identity, error) ||
      !ps_database_check_identity (self, &identity, error))
    goto failed;

  if (identity.version == (gint64) schema->n_migrations)
    return ps_database_exec (self, "COMMIT", error);

  for (gint64 v = identity.version; v < (gint64) schema->n_migrations; v++)
    if (!ps_database_exec (self, schema->migrations[v], error))
      goto failed;

  bump = g_strdup_printf ("PRAGMA user_version = %u; PRAGMA application_id = %d;",
                          schema->n_migrations, (int) schema->application_id);
  if (ps_database_exec (self, bump, error) && ps_database_exec (self, "COMMIT", error))
    return TRUE;

failed:
  /* The kept statements are not prepared yet: no ps_database_rollback (). */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Switching a new file to WAL needs its exclusive lock, and SQLite does not
 * wait for it through the busy handler (a reader holding a shared lock could
 * deadlock it): with several processes opening a new file at once, some got
 * SQLITE_BUSY at once. Wait here, as long as a busy_timeout would. */
static gboolean
ps_database_set_wal (PsDatabase  *self,
                     GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + PS_DATABASE_DEFAULT_BUSY_TIMEOUT_MS * 1000;

  for (;;)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean is_wal = FALSE;
      int rc;

      rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          is_wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);

      if (rc == SQLITE_OK && is_wal)
        return TRUE;
      if ((rc & 0xff) != SQLITE_BUSY && rc != SQLITE_OK)
        return ps_database_fail (self, rc, error);
      if (g_get_monotonic_time () > deadline)
        return ps_database_fail (self, SQLITE_BUSY, error);
      g_usleep (5 * 1000 + g_random_int_range (0, 5000));
    }
}

/* Damage */

/* Every page read: damage inside a file whose header is intact shows here
 * instead of at the first chart or export that meets it. */
static gboolean
ps_database_quick_check (PsDatabase  *self,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return ps_database_fail (self, rc, error);
    }

  ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  if (!ok)
    g_debug ("quick_check of %s: %s", self->path, sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return ok || ps_database_fail (self, SQLITE_CORRUPT, error);
}

/* A reader of a file with no -wal that nobody may write (no write permission
 * bit), or in a folder it cannot write: no writer can change the file under it
 * (a writer needs a -wal beside it), so it is opened as immutable. Otherwise
 * SQLite would create -wal and -shm files (in a read-only folder it refuses
 * the file), and a -shm it creates for a write-protected file is
 * write-protected too, making every later writer read-only. */
static char *
ps_database_dup_open_name (PsDatabase *self,
                           gboolean    read_only,
                           int        *flags)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;
  GStatBuf st;

  if (!read_only || g_file_test (wal, G_FILE_TEST_EXISTS) || g_stat (self->path, &st) != 0 ||
      ((st.st_mode & 0222) != 0 && g_access (dir, W_OK) == 0))
    return g_strdup (self->path);

  absolute = g_canonicalize_filename (self->path, NULL);
  uri = g_filename_to_uri (absolute, NULL, NULL);
  if (uri == NULL)
    return g_strdup (self->path);

  *flags |= SQLITE_OPEN_URI;
  return g_strconcat (uri, "?immutable=1", NULL);
}

/* Opening */

static gboolean
ps_database_open_file (PsDatabase       *self,
                       PsDatabaseFlags   flags,
                       GError          **error)
{
  const PsDatabaseSchema *schema = self->schema;
  gboolean read_only = (flags & PS_DATABASE_READ_ONLY) != 0;
  gboolean check_pages = (flags & PS_DATABASE_VERIFY) != 0;
  g_autofree char *open_name = NULL;
  PsIdentity identity;
  gboolean unclean = FALSE;
  int open_flags;
  int rc;

  if (*self->path == '\0')
    {
      g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED,
                   _("No file name was given for the %s"), _(schema->kind_name));
      return FALSE;
    }

  if (read_only && !g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED,
                   _("The %s “%s” does not exist"), _(schema->kind_name), self->display_name);
      return FALSE;
    }

  if (!read_only)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int errsv = errno;

          g_set_error (error, PS_CACHE_ERROR,
                       errsv == EACCES || errsv == EROFS ? PS_CACHE_ERROR_READ_ONLY
                                                          : PS_CACHE_ERROR_FAILED,
                       _("Could not create the folder of the %s “%s”: %s"),
                       _(schema->kind_name), self->display_name, g_strerror (errsv));
          return FALSE;
        }
    }

  if (!_ps_database_register (self, &unclean, error))
    return FALSE;
  check_pages |= unclean;

  open_flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
               SQLITE_OPEN_NOMUTEX;
  open_name = ps_database_dup_open_name (self, read_only, &open_flags);
  rc = sqlite3_open_v2 (open_name, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    return ps_database_fail (self, rc, error);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, PS_DATABASE_DEFAULT_BUSY_TIMEOUT_MS);

  /* SQLite silently opens a write-protected file read-only; say so now rather
   * than at the first write. */
  if (!read_only && sqlite3_db_readonly (self->db, "main") == 1)
    return ps_database_fail (self, SQLITE_READONLY, error);

  /* The first read of the file: a text file or random bytes fail here, at open,
   * not at the first chart that asks for rows. Another program's file is
   * refused before anything (even the journal mode) is changed in it. */
  if (!ps_database_snapshot_identity (self, &identity, error) ||
      !ps_database_check_identity (self, &identity, error) ||
      (check_pages && !ps_database_quick_check (self, error)))
    return FALSE;

  if (read_only && identity.version < (gint64) schema->n_migrations)
    {
      if (identity.version == 0)
        g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_TOO_OLD,
                     _("The %s “%s” holds no data yet"), _(schema->kind_name),
                     self->display_name);
      else
        g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_TOO_OLD,
                     _("The %s “%s” was written by an older version of Perpscope; "
                       "open it once with write access to update it"),
                     _(schema->kind_name), self->display_name);
      return FALSE;
    }

  /* Before the journal mode and the first table, or it cannot take effect. */
  if (!read_only && schema->incremental_vacuum && identity.n_tables == 0 &&
      !ps_database_exec (self, "PRAGMA auto_vacuum = INCREMENTAL", error))
    return FALSE;

  if (!read_only &&
      (!ps_database_set_wal (self, error) ||
       /* In WAL mode a crash loses no committed transaction (only a power cut
        * may lose the last ones). */
       !ps_database_exec (self, "PRAGMA synchronous = NORMAL", error) ||
       (identity.version != (gint64) schema->n_migrations &&
        !ps_database_migrate (self, error))))
    return FALSE;

  return ps_database_prepare (self, "BEGIN IMMEDIATE", &self->begin, error) &&
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

  if (!ps_database_open_file (self, flags, error))
    {
      /* Leave the file as found: closing the last connection would otherwise
       * checkpoint a -wal into it (a damaged file would then look cleanly
       * closed next time; another program's would be changed). */
      if (self->db != NULL)
        sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
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
  _ps_database_unregister (self);
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
