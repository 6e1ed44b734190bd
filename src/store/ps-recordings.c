/* ps-recordings.c: what was recorded live, and when a recorder was listening
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The library's one domain is set by meson; the store logs under its layer's. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-database.h"
#include "ps-kinds.h"
#include "ps-recordings.h"

/* "PsRe": a recordings file, told apart from the cache ("PsCa") and from other
 * programs' databases. */
#define PS_RECORDINGS_APPLICATION_ID 0x50735265
/* How many files beside a bad one are tried before giving up. */
#define PS_RECORDINGS_MAX_BESIDE 99

/* Migration i takes user_version i to i + 1. Append only: a shipped step never changes. */
static const char * const migrations[] = {
  /* An event is one (venue, symbol, t, side, price, qty), whoever recorded it. */
  "CREATE TABLE liquidations (venue TEXT NOT NULL, symbol TEXT NOT NULL, t INTEGER NOT NULL,"
  "  side INTEGER NOT NULL, price REAL NOT NULL, qty REAL NOT NULL, source INTEGER NOT NULL,"
  "  avg_price REAL, usd REAL,"
  "  PRIMARY KEY (venue, symbol, t, side, price, qty)) WITHOUT ROWID;"
  "CREATE TABLE oi_snapshots (venue TEXT NOT NULL, symbol TEXT NOT NULL, t INTEGER NOT NULL,"
  "  contracts REAL, usd REAL, PRIMARY KEY (venue, symbol, t)) WITHOUT ROWID;"
  "CREATE TABLE recorded (venue TEXT NOT NULL, symbol TEXT NOT NULL, kind TEXT NOT NULL,"
  "  from_ms INTEGER NOT NULL, to_ms INTEGER NOT NULL,"
  "  PRIMARY KEY (venue, symbol, kind, from_ms)) WITHOUT ROWID;",
};

static const PsDatabaseSchema ps_recordings_schema = {
  N_("recordings file"), PS_RECORDINGS_APPLICATION_ID, migrations, G_N_ELEMENTS (migrations),
};

typedef enum
{
  STMT_SPANS_TOUCHING,
  STMT_SPANS_OVERLAPPING,
  STMT_SPANS_DELETE,
  STMT_SPANS_INSERT,
  N_STMTS
} PsRecordingsStmt;

/* ?1 venue, ?2 symbol, ?3 kind, then from_ms, to_ms. */
static const char * const stmt_sql[N_STMTS] = {
  /* Overlapping or adjacent: what a new span merges with. */
  [STMT_SPANS_TOUCHING] =
    "SELECT from_ms, to_ms FROM recorded WHERE venue = ?1 AND symbol = ?2 AND kind = ?3"
    " AND from_ms <= ?5 AND to_ms >= ?4 ORDER BY from_ms",
  [STMT_SPANS_OVERLAPPING] =
    "SELECT from_ms, to_ms FROM recorded WHERE venue = ?1 AND symbol = ?2 AND kind = ?3"
    " AND from_ms < ?5 AND to_ms > ?4 ORDER BY from_ms",
  [STMT_SPANS_DELETE] =
    "DELETE FROM recorded WHERE venue = ?1 AND symbol = ?2 AND kind = ?3 AND from_ms = ?4",
  [STMT_SPANS_INSERT] =
    "INSERT INTO recorded (venue, symbol, kind, from_ms, to_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
};

/* The kinds recorded, in the order of kind_stmts. */
enum { KIND_LIQUIDATIONS, KIND_OI, N_KINDS };

static const PsKind * const kinds[N_KINDS] = {
  [KIND_LIQUIDATIONS] = &ps_kind_liquidations,
  [KIND_OI] = &ps_kind_oi_snapshots,
};

struct _PsRecordings
{
  GObject          parent_instance;
  char            *path;
  PsDatabaseFlags  flags;
  PsDatabase      *database;
  sqlite3_stmt    *stmts[N_STMTS];
  sqlite3_stmt    *kind_stmts[N_KINDS][PS_N_KIND_STMTS];
};

static void ps_recordings_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsRecordings, ps_recordings, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      ps_recordings_initable_iface_init))

enum { PROP_0, PROP_PATH, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Opening */

static void
ps_recordings_close (PsRecordings *self)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  for (guint i = 0; i < N_KINDS; i++)
    ps_kind_finalize (self->kind_stmts[i]);
  g_clear_pointer (&self->database, ps_database_close);
}

static gboolean
ps_recordings_initable_init (GInitable     *initable,
                             GCancellable  *cancellable,
                             GError       **error)
{
  PsRecordings *self = PS_RECORDINGS (initable);

  g_assert (PS_IS_RECORDINGS (self));

  self->database = ps_database_open (self->path, &ps_recordings_schema, self->flags, error);
  if (self->database == NULL)
    return FALSE;

  for (guint i = 0; i < N_STMTS; i++)
    if (!ps_database_prepare (self->database, stmt_sql[i], &self->stmts[i], error))
      goto failed;
  for (guint i = 0; i < N_KINDS; i++)
    if (!ps_kind_prepare (kinds[i], self->database, self->kind_stmts[i], error))
      goto failed;
  return TRUE;

failed:
  ps_recordings_close (self);
  return FALSE;
}

static void
ps_recordings_initable_iface_init (GInitableIface *iface)
{
  iface->init = ps_recordings_initable_init;
}

static void
ps_recordings_finalize (GObject *object)
{
  PsRecordings *self = PS_RECORDINGS (object);

  ps_recordings_close (self);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (ps_recordings_parent_class)->finalize (object);
}

static void
ps_recordings_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PsRecordings *self = PS_RECORDINGS (object);

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
ps_recordings_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PsRecordings *self = PS_RECORDINGS (object);

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
ps_recordings_class_init (PsRecordingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ps_recordings_finalize;
  object_class->get_property = ps_recordings_get_property;
  object_class->set_property = ps_recordings_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_recordings_init (PsRecordings *self)
{
}

static PsRecordings *
ps_recordings_new_with_flags (const char       *path,
                              PsDatabaseFlags   flags,
                              GError          **error)
{
  g_autoptr(PsRecordings) self = g_object_new (PS_TYPE_RECORDINGS, "path", path, NULL);

  self->flags = flags;
  if (!g_initable_init (G_INITABLE (self), NULL, error))
    return NULL;
  return g_steal_pointer (&self);
}

char *
ps_recordings_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "perpscope", "recordings.db", NULL);
}

PsRecordings *
ps_recordings_new (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ps_recordings_new_with_flags (path, PS_DATABASE_READ_WRITE, error);
}

PsRecordings *
ps_recordings_new_read_only (const char  *path,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ps_recordings_new_with_flags (path, PS_DATABASE_READ_ONLY, error);
}

/* "…/recordings.db" → "…/recordings-<n>.db". */
static char *
ps_recordings_dup_beside_path (const char *path,
                               guint       n)
{
  if (g_str_has_suffix (path, ".db"))
    return g_strdup_printf ("%.*s-%u.db", (int) strlen (path) - 3, path, n);
  return g_strdup_printf ("%s-%u", path, n);
}

/* What makes a file one to leave alone and record beside. */
static gboolean
ps_recordings_is_unusable (const GError *error)
{
  return g_error_matches (error, PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT) ||
         g_error_matches (error, PS_CACHE_ERROR, PS_CACHE_ERROR_NOT_OURS) ||
         g_error_matches (error, PS_CACHE_ERROR, PS_CACHE_ERROR_TOO_NEW);
}

/* A damaged file is marked by "<path>.damaged" beside it (holding the reason),
 * never by a change to it: damage found once (at a read, by a page check)
 * need not be found again, and a file whose damage shows only at some reads
 * is not chosen again at the next start. */
static char *
ps_recordings_dup_marker_path (const char *path)
{
  return g_strconcat (path, ".damaged", NULL);
}

static PsRecordings *
ps_recordings_open_candidate (const char       *path,
                              PsDatabaseFlags   flags,
                              GError          **error)
{
  g_autofree char *marker = ps_recordings_dup_marker_path (path);
  g_autofree char *reason = NULL;
  g_autoptr(GError) local_error = NULL;
  PsRecordings *self;

  if (g_file_get_contents (marker, &reason, NULL, NULL))
    {
      g_set_error_literal (error, PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT, g_strchomp (reason));
      return NULL;
    }

  if ((self = ps_recordings_new_with_flags (path, flags, &local_error)))
    return self;

  /* Best effort: without the marker the damage is found again next time. */
  if (g_error_matches (local_error, PS_CACHE_ERROR, PS_CACHE_ERROR_CORRUPT))
    g_file_set_contents (marker, local_error->message, -1, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static PsRecordings *
ps_recordings_new_or_beside_with_flags (const char       *path,
                                        PsDatabaseFlags   flags,
                                        char            **notice,
                                        GError          **error)
{
  g_autoptr(GError) first_error = NULL;

  for (guint n = 1; n <= PS_RECORDINGS_MAX_BESIDE; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (path)
                                          : ps_recordings_dup_beside_path (path, n);
      g_autoptr(GError) local_error = NULL;
      PsRecordings *self;

      /* Recordings cannot be fetched again: never moved aside, never replaced. */
      if ((self = ps_recordings_open_candidate (candidate, flags, &local_error)))
        {
          if (first_error != NULL)
            {
              g_autofree char *display_name = g_filename_display_name (candidate);

              *notice = g_strdup_printf (_("%s. It was not changed; new recordings go to “%s”"),
                                         first_error->message, display_name);
            }
          return self;
        }

      if (!ps_recordings_is_unusable (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  g_propagate_prefixed_error (error, g_steal_pointer (&first_error),
                              _("No recordings file beside it could be used either: "));
  return NULL;
}

PsRecordings *
ps_recordings_new_or_beside (const char  *path,
                             char       **notice,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (notice != NULL && *notice == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ps_recordings_new_or_beside_with_flags (path, PS_DATABASE_READ_WRITE, notice, error);
}

PsRecordings *
ps_recordings_recover (const char  *path,
                       char       **notice,
                       GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (notice != NULL && *notice == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ps_recordings_new_or_beside_with_flags (path, PS_DATABASE_VERIFY, notice, error);
}

const char *
ps_recordings_get_path (PsRecordings *self)
{
  g_return_val_if_fail (PS_IS_RECORDINGS (self), NULL);

  return self->path;
}

void
ps_recordings_set_busy_timeout (PsRecordings *self,
                                guint         ms)
{
  g_return_if_fail (PS_IS_RECORDINGS (self));

  ps_database_set_busy_timeout (self->database, ms);
}

guint
ps_recordings_set_max_page_count_for_test (PsRecordings *self,
                                           guint         max_pages)
{
  g_return_val_if_fail (PS_IS_RECORDINGS (self), 0);

  return ps_database_set_max_page_count (self->database, max_pages);
}

/* Spans */

typedef struct
{
  gint64 from_ms;
  gint64 to_ms;
} PsSpan;

static sqlite3_stmt *
ps_recordings_span_stmt (PsRecordings     *self,
                         PsRecordingsStmt  id,
                         const char       *venue,
                         const char       *symbol,
                         PsSeriesKind      kind,
                         gint64            from_ms,
                         gint64            to_ms)
{
  sqlite3_stmt *stmt = ps_database_stmt (self->stmts[id]);

  sqlite3_bind_text (stmt, 1, venue, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, symbol, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ps_series_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, from_ms);
  if (id != STMT_SPANS_DELETE)
    sqlite3_bind_int64 (stmt, 5, to_ms);
  return stmt;
}

static GArray *
ps_recordings_select_spans (PsRecordings      *self,
                            PsRecordingsStmt   id,
                            const char        *venue,
                            const char        *symbol,
                            PsSeriesKind       kind,
                            gint64             from_ms,
                            gint64             to_ms,
                            GError           **error)
{
  sqlite3_stmt *stmt = ps_recordings_span_stmt (self, id, venue, symbol, kind, from_ms, to_ms);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (PsSpan));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsSpan span = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (spans, span);
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ps_database_fail (self->database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&spans);
}

/* Inside the caller's transaction: the spans touching [from_ms, to_ms) are
 * replaced by their union with it, so spans stay disjoint and few. */
static gboolean
ps_recordings_extend_span (PsRecordings  *self,
                           const char    *venue,
                           const char    *symbol,
                           PsSeriesKind   kind,
                           gint64         from_ms,
                           gint64         to_ms,
                           GError       **error)
{
  g_autoptr(GArray) touching = NULL;
  gint64 union_from = from_ms;
  gint64 union_to = to_ms;

  if (to_ms <= from_ms)
    return TRUE;

  touching = ps_recordings_select_spans (self, STMT_SPANS_TOUCHING, venue, symbol, kind,
                                         from_ms, to_ms, error);
  if (touching == NULL)
    return FALSE;

  for (guint i = 0; i < touching->len; i++)
    {
      const PsSpan *span = &g_array_index (touching, PsSpan, i);

      union_from = MIN (union_from, span->from_ms);
      union_to = MAX (union_to, span->to_ms);
      if (!ps_database_step_done (self->database,
                                  ps_recordings_span_stmt (self, STMT_SPANS_DELETE, venue,
                                                           symbol, kind, span->from_ms, 0),
                                  error))
        return FALSE;
    }

  return ps_database_step_done (self->database,
                                ps_recordings_span_stmt (self, STMT_SPANS_INSERT, venue,
                                                         symbol, kind, union_from, union_to),
                                error);
}

GArray *
ps_recordings_get_unrecorded (PsRecordings  *self,
                              const char    *venue,
                              const char    *symbol,
                              PsSeriesKind   kind,
                              gint64         from_ms,
                              gint64         to_ms,
                              GError       **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (PsRange));
  gint64 cursor = from_ms;

  g_return_val_if_fail (PS_IS_RECORDINGS (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);
  g_return_val_if_fail (kind == PS_SERIES_LIQUIDATIONS || kind == PS_SERIES_OPEN_INTEREST,
                        NULL);

  spans = ps_recordings_select_spans (self, STMT_SPANS_OVERLAPPING, venue, symbol, kind,
                                      from_ms, to_ms, error);
  if (spans == NULL)
    return NULL;

  for (guint i = 0; i < spans->len && cursor < to_ms; i++)
    {
      const PsSpan *span = &g_array_index (spans, PsSpan, i);

      if (span->from_ms > cursor)
        {
          PsRange gap = { cursor, MIN (span->from_ms, to_ms) };
          g_array_append_val (gaps, gap);
        }
      cursor = MAX (cursor, span->to_ms);
    }

  if (cursor < to_ms)
    {
      PsRange gap = { cursor, to_ms };
      g_array_append_val (gaps, gap);
    }

  return g_steal_pointer (&gaps);
}

/* Writes */

/* One transaction: rows (series may be NULL) and the span, all or nothing. */
static gboolean
ps_recordings_write (PsRecordings   *self,
                     guint           k,
                     const char     *venue,
                     const char     *symbol,
                     gconstpointer   series,
                     gint64          span_from_ms,
                     gint64          span_to_ms,
                     guint          *n_new,
                     GError        **error)
{
  if (!ps_database_begin (self->database, error))
    return FALSE;

  if ((series != NULL &&
       !ps_kind_write_rows (kinds[k], self->database, self->kind_stmts[k], venue, symbol,
                            PS_INTERVAL_NONE, series, n_new, error)) ||
      !ps_recordings_extend_span (self, venue, symbol, kinds[k]->kind, span_from_ms,
                                  span_to_ms, error) ||
      !ps_database_commit (self->database, error))
    {
      ps_database_rollback (self->database);
      return FALSE;
    }

  return TRUE;
}

gboolean
ps_recordings_write_liquidations (PsRecordings          *self,
                                  const char            *venue,
                                  const char            *symbol,
                                  const PsLiquidations  *events,
                                  gint64                 span_from_ms,
                                  gint64                 span_to_ms,
                                  guint                 *n_new,
                                  GError               **error)
{
  g_return_val_if_fail (PS_IS_RECORDINGS (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);

  if (n_new != NULL)
    *n_new = 0;

  /* Price and quantity tell one event from another: without them, an event
   * could be neither stored once nor told apart. */
  for (guint i = 0; events != NULL && i < events->n; i++)
    if (!isfinite (events->price[i]) || !isfinite (events->qty[i]))
      {
        g_autofree char *t = g_strdup_printf ("%" G_GINT64_FORMAT, events->t_ms[i]);

        g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED,
                     /* Translators: venue, symbol, a time in ms since 1970 */
                     _("A liquidation of %s %s at %s ms has no price or quantity; the batch "
                       "was not recorded"), venue, symbol, t);
        return FALSE;
      }

  return ps_recordings_write (self, KIND_LIQUIDATIONS, venue, symbol, events, span_from_ms,
                              span_to_ms, n_new, error);
}

gboolean
ps_recordings_write_open_interest (PsRecordings          *self,
                                   const char            *venue,
                                   const char            *symbol,
                                   const PsOpenInterest  *snapshots,
                                   gint64                 span_from_ms,
                                   gint64                 span_to_ms,
                                   GError               **error)
{
  g_return_val_if_fail (PS_IS_RECORDINGS (self), FALSE);
  g_return_val_if_fail (venue != NULL && symbol != NULL, FALSE);

  return ps_recordings_write (self, KIND_OI, venue, symbol, snapshots, span_from_ms,
                              span_to_ms, NULL, error);
}

/* Reads */

PsLiquidations *
ps_recordings_read_liquidations (PsRecordings  *self,
                                 const char    *venue,
                                 const char    *symbol,
                                 gint64         from_ms,
                                 gint64         to_ms,
                                 GError       **error)
{
  g_return_val_if_fail (PS_IS_RECORDINGS (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);

  return ps_kind_read_rows (kinds[KIND_LIQUIDATIONS], self->database,
                            self->kind_stmts[KIND_LIQUIDATIONS], venue, symbol,
                            PS_INTERVAL_NONE, from_ms, to_ms, error);
}

PsOpenInterest *
ps_recordings_read_open_interest (PsRecordings  *self,
                                  const char    *venue,
                                  const char    *symbol,
                                  gint64         from_ms,
                                  gint64         to_ms,
                                  GError       **error)
{
  g_return_val_if_fail (PS_IS_RECORDINGS (self), NULL);
  g_return_val_if_fail (venue != NULL && symbol != NULL, NULL);

  return ps_kind_read_rows (kinds[KIND_OI], self->database, self->kind_stmts[KIND_OI], venue,
                            symbol, PS_INTERVAL_NONE, from_ms, to_ms, error);
}
