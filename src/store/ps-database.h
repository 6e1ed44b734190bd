/* ps-database.h: one of Perpscope's SQLite files: open, identity, migrations, move-aside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "ps-cache.h"

G_BEGIN_DECLS

/* What makes a file one of ours, and how it grows. Errors are PS_CACHE_ERROR, the
 * store's one domain, whichever file they are about. */
typedef struct
{
  /* "cache file", "recordings file": marked N_(), translated in messages. */
  const char         *kind_name;
  /* Marks the file as ours: another program's database is refused, never
   * changed, never moved aside. */
  guint32             application_id;
  /* Migration i takes user_version i to i + 1. Append only: a shipped step
   * never changes. */
  const char * const *migrations;
  guint               n_migrations;
  /* A new file is made with auto_vacuum = INCREMENTAL, so that the pages
   * freed by an eviction can go back to the file system (the cache's; the
   * recordings never drop anything). */
  gboolean            incremental_vacuum;
} PsDatabaseSchema;

typedef enum
{
  PS_DATABASE_READ_WRITE = 0,
  /* SQLITE_OPEN_READONLY, nothing created, no migration: a schema that would
   * need one is PS_CACHE_ERROR_TOO_OLD. */
  PS_DATABASE_READ_ONLY  = 1 << 0,
  /* Check every page (PRAGMA quick_check) whatever the last close was. */
  PS_DATABASE_VERIFY     = 1 << 1,
} PsDatabaseFlags;

typedef struct
{
  sqlite3                *db;
  char                   *path;
  char                   *display_name;   /* the path as the user reads it */
  const PsDatabaseSchema *schema;
  sqlite3_stmt           *begin;
  sqlite3_stmt           *commit;
  sqlite3_stmt           *rollback;
  /*< private >*/
  char                   *file_key;   /* device:inode, while registered open */
} PsDatabase;

/* Opens path (creating it and its folder unless read-only), checks that it is
 * ours and sound, and migrates it. The identity is read again and the schema
 * set up in one BEGIN IMMEDIATE transaction, so that processes opening a new
 * file at once all succeed. A file left by an unclean close (see
 * ps-database.c) is checked page by page. Errors: PS_CACHE_ERROR_CORRUPT
 * (ours but damaged, or no database at all: may be moved aside), _NOT_OURS
 * and _TOO_NEW (leave it alone), _TOO_OLD (read-only and older), _LOCKED,
 * _READ_ONLY, _FULL, _FAILED, all in words naming the file. */
PsDatabase   *ps_database_open            (const char              *path,
                                           const PsDatabaseSchema  *schema,
                                           PsDatabaseFlags          flags,
                                           GError                 **error);
void          ps_database_close           (PsDatabase              *self);

/* Sets a PS_CACHE_ERROR in words for an SQLite result code; always FALSE. */
gboolean      ps_database_fail            (PsDatabase              *self,
                                           int                      rc,
                                           GError                 **error);
/* A statement kept for the connection's life. */
gboolean      ps_database_prepare         (PsDatabase              *self,
                                           const char              *sql,
                                           sqlite3_stmt           **stmt,
                                           GError                 **error);
/* A kept statement, reset and unbound. */
sqlite3_stmt *ps_database_stmt            (sqlite3_stmt            *stmt);
/* Steps a statement that returns no row and leaves it reset (locks released). */
gboolean      ps_database_step_done       (PsDatabase              *self,
                                           sqlite3_stmt            *stmt,
                                           GError                 **error);
gboolean      ps_database_exec            (PsDatabase              *self,
                                           const char              *sql,
                                           GError                 **error);
gboolean      ps_database_query_int       (PsDatabase              *self,
                                           const char              *sql,
                                           gint64                  *value,
                                           GError                 **error);

/* BEGIN IMMEDIATE: waiting for another writer happens here, never halfway. */
gboolean      ps_database_begin           (PsDatabase              *self,
                                           GError                 **error);
gboolean      ps_database_commit          (PsDatabase              *self,
                                           GError                 **error);
void          ps_database_rollback        (PsDatabase              *self);

void          ps_database_set_busy_timeout (PsDatabase             *self,
                                            guint                   ms);
guint         ps_database_set_max_page_count (PsDatabase           *self,
                                              guint                 max_pages);

/* Whether the last connection to path closed uncleanly: a -wal file is left
 * that no connection (of this process or, by its -shm lock, of another) holds. */
gboolean      ps_database_closed_uncleanly (const char             *path);

/* Whether a connection (of this process, or of another by its -shm lock)
 * has path open: moving it aside then would leave that one writing into the
 * moved file. */
gboolean      ps_database_in_use          (const char              *path);

/* Whether path is a database, or the -wal, -shm or -journal file beside one:
 * a file this process has open with ps_database_open () (not opened again to
 * see: that would drop the connection's locks) or one whose first bytes are
 * SQLite's. An export must not write over the cache or the recordings. */
gboolean      ps_database_file_is_database (const char             *path);

/* Renames path-wal, path-shm, then path to "<path>.damaged-YYYYmmdd-HHMMSS[-n]";
 * returns the new path (newly allocated). No connection may have path open. */
char         *ps_database_move_aside      (const char              *path,
                                           const char              *kind_name,
                                           GError                 **error);

G_END_DECLS
