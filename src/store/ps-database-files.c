/* ps-database-files.c: what lies around a database file: who has it open, whether
 * its last close was clean, and moving it aside
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
#include "ps-database-private.h"

/* Unclean close */

/* The files this process has open or is opening → count. Their -shm locks are
 * our own, which F_GETLK does not report and closing any descriptor of the
 * file drops (POSIX), so a file counted here is never probed. Keyed by the
 * folder's device and inode and the file name: known before the file exists.
 * SQLite connections not made by ps_database_open () are not counted. */
G_LOCK_DEFINE_STATIC (open_files);
static GHashTable *open_files;

static char *
ps_database_dup_file_key (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  GStatBuf st;

  if (g_stat (dir, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT "/%s",
                          (guint64) st.st_dev, (guint64) st.st_ino, base);
}

/* Whether a connection of another process holds path: every open WAL
 * connection holds a read lock on the -shm file's "DMS" byte (offset 128:
 * os_unix.c, unixLockSharedMemory), which F_GETLK reports for other processes.
 * The caller holds open_files and knows that this process has path nowhere
 * open: closing the probe's descriptor drops this process's locks on it. */
static gboolean
ps_database_held_elsewhere (const char *path)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  struct flock probe = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1 };
  int fd;

  fd = g_open (shm, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;   /* no index: nobody has it open */

  if (fcntl (fd, F_GETLK, &probe) != 0)
    probe.l_type = F_UNLCK;
  g_close (fd, NULL);
  return probe.l_type != F_UNLCK;
}

/* See ps_database_closed_uncleanly (); the caller holds open_files. */
static gboolean
ps_database_probe_unclean (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  if (g_stat (wal, &st) != 0 || st.st_size == 0)
    return FALSE;
  return !ps_database_held_elsewhere (path);
}

/* What the first bytes of path are: SQLITE_OK for SQLite's header,
 * SQLITE_EMPTY for none (an empty file), SQLITE_NOTADB for anything else,
 * SQLITE_CANTOPEN where it cannot be read (missing, a folder, an I/O error:
 * that says nothing about the contents). The caller holds open_files and
 * knows that this process has path nowhere open, as for the probe above. */
static int
ps_database_peek_header (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char header[sizeof magic];
  gssize n_read;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return SQLITE_CANTOPEN;
  n_read = read (fd, header, sizeof header);
  g_close (fd, NULL);

  if (n_read < 0)
    return SQLITE_CANTOPEN;
  if (n_read == 0)
    return SQLITE_EMPTY;
  return n_read == sizeof header && memcmp (header, magic, sizeof magic) == 0
    ? SQLITE_OK : SQLITE_NOTADB;
}

/* SQLite, closing its last connection to a file it took for a WAL database,
 * deletes the -wal and -shm files: a file that is plainly no database must be
 * refused before SQLite sees it, or ps_database_move_aside () would keep less.
 * Missing, it is created; unreadable, SQLite says why (never "damaged", which
 * moves it aside); empty, it is an empty database to SQLite as to us. */
static gboolean
ps_database_check_header (PsDatabase  *self,
                          GError     **error)
{
  return ps_database_peek_header (self->path) != SQLITE_NOTADB ||
         ps_database_fail (self, SQLITE_NOTADB, error);
}

/* The first connection of this process to the file looks at the file before
 * SQLite opens it: its header, and whether its last close was unclean. */
static gboolean
ps_database_look_first (PsDatabase  *self,
                        gboolean    *unclean,
                        GError     **error)
{
  if (!ps_database_check_header (self, error))
    return FALSE;
  *unclean = ps_database_probe_unclean (self->path);
  return TRUE;
}

/* Counts self as opening its file before SQLite opens it; when no other
 * connection of this process has it open, looks at it first. Both under one
 * lock: a look opens and closes the file, which drops every lock this process
 * holds on it, SQLite's too (another process would then take its own
 * connection for the last one, checkpoint and delete the -wal in use). */
gboolean
_ps_database_register (PsDatabase  *self,
                       gboolean    *unclean,
                       GError     **error)
{
  gboolean ok = TRUE;
  guint count;

  *unclean = FALSE;
  self->file_key = ps_database_dup_file_key (self->path);
  if (self->file_key == NULL)
    return ps_database_look_first (self, unclean, error);

  G_LOCK (open_files);
  if (open_files == NULL)
    open_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, self->file_key));
  if (count == 0)
    ok = ps_database_look_first (self, unclean, error);
  if (ok)
    g_hash_table_insert (open_files, g_strdup (self->file_key), GUINT_TO_POINTER (count + 1));
  else
    g_clear_pointer (&self->file_key, g_free);   /* not counted: nothing to unregister */
  G_UNLOCK (open_files);
  return ok;
}

void
_ps_database_unregister (PsDatabase *self)
{
  guint count;

  if (self->file_key == NULL)
    return;

  G_LOCK (open_files);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, self->file_key));
  if (count <= 1)
    g_hash_table_remove (open_files, self->file_key);
  else
    g_hash_table_insert (open_files, g_strdup (self->file_key), GUINT_TO_POINTER (count - 1));
  G_UNLOCK (open_files);
  g_clear_pointer (&self->file_key, g_free);
}

/* Whether the last connection to path closed uncleanly (a crash, a kill, a
 * power cut) after writing: SQLite's last connection to a WAL file
 * checkpoints and deletes the -wal file, so a -wal file holding frames that no
 * connection holds is what an unclean close leaves. An empty one is not: no
 * transaction was written, and a read-only connection leaves one behind.
 * Other processes' connections show by their -shm lock, this process's by
 * the open-file count above. A race (a process opening or closing meanwhile)
 * costs at worst one needless check. */
gboolean
ps_database_closed_uncleanly (const char *path)
{
  g_autofree char *key = ps_database_dup_file_key (path);
  gboolean unclean;

  g_return_val_if_fail (path != NULL, FALSE);

  if (key == NULL)
    return ps_database_probe_unclean (path);

  G_LOCK (open_files);
  unclean = (open_files == NULL || !g_hash_table_contains (open_files, key)) &&
            ps_database_probe_unclean (path);
  G_UNLOCK (open_files);
  return unclean;
}

gboolean
ps_database_in_use (const char *path)
{
  g_autofree char *key = ps_database_dup_file_key (path);
  gboolean in_use;

  g_return_val_if_fail (path != NULL, FALSE);

  G_LOCK (open_files);
  in_use = (key != NULL && open_files != NULL && g_hash_table_contains (open_files, key)) ||
           ps_database_held_elsewhere (path);
  G_UNLOCK (open_files);
  return in_use;
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

/* Guarding */

static gboolean
ps_database_file_is_sqlite (const char *path)
{
  g_autofree char *key = ps_database_dup_file_key (path);
  gboolean is_database;

  G_LOCK (open_files);
  is_database = (key != NULL && open_files != NULL && g_hash_table_contains (open_files, key)) ||
                ps_database_peek_header (path) == SQLITE_OK;
  G_UNLOCK (open_files);
  return is_database;
}

gboolean
ps_database_file_is_database (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (path, suffixes[i]))
      {
        g_autofree char *database = g_strndup (path, strlen (path) - strlen (suffixes[i]));

        if (ps_database_file_is_sqlite (database))
          return TRUE;
      }
  return ps_database_file_is_sqlite (path);
}
