/* ps-import.c: Binance public-data archives — names, ZIPs, coverage and the import driver
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-import.h"
#include "ps-net-error.h"

/* USDⓈ-M futures: the market the Binance provider serves. */
#define PS_IMPORT_VENUE "binance"

/* A daily 1m klines CSV is ~130 KiB and a monthly one ~6 MiB; anything near
 * this is not one of Binance's files. */
#define PS_IMPORT_MAX_ENTRY_BYTES ((gsize) 1 << 30)

/* Names */

void
ps_import_name_clear (PsImportName *name)
{
  g_clear_pointer (&name->symbol, g_free);
}

static gboolean
ps_import_is_symbol (const char *str)
{
  if (strlen (str) < 2)
    return FALSE;
  for (const char *p = str; *p != '\0'; p++)
    if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* "2026", "05"[, "18"] → the day or month, UTC ms. */
static gboolean
ps_import_parse_period (char         **parts,
                        PsImportName  *name)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  guint64 y, m, d = 1;

  if (strlen (parts[0]) != 4 || strlen (parts[1]) != 2 ||
      (parts[2] != NULL && strlen (parts[2]) != 2) ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1970, 9999, &y, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
      (parts[2] != NULL && !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL)))
    return FALSE;

  if (!(start = g_date_time_new_utc ((int) y, (int) m, (int) d, 0, 0, 0)) ||
      g_date_time_get_day_of_month (start) != (int) d)
    return FALSE;

  name->monthly = parts[2] == NULL;
  end = name->monthly ? g_date_time_add_months (start, 1) : g_date_time_add_days (start, 1);
  name->from_ms = g_date_time_to_unix (start) * 1000;
  name->to_ms = g_date_time_to_unix (end) * 1000;
  return TRUE;
}

static gboolean
ps_import_parse_kind (const char    *token,
                      PsImportName  *name,
                      char         **reason)
{
  static const char * const other_intervals[] = {
    "1s", "3m", "30m", "2h", "6h", "8h", "12h", "3d", "1w", "1mo", NULL
  };

  name->interval = PS_INTERVAL_NONE;
  if (g_str_equal (token, "fundingRate"))
    name->kind = PS_IMPORT_FUNDING;
  else if (g_str_equal (token, "metrics"))
    name->kind = PS_IMPORT_METRICS;
  else if (g_str_equal (token, "liquidationSnapshot"))
    name->kind = PS_IMPORT_LIQUIDATIONS;
  else if (ps_interval_from_string (token, &name->interval) && name->interval != PS_INTERVAL_NONE)
    name->kind = PS_IMPORT_KLINES;
  else if (g_strv_contains (other_intervals, token))
    {
      *reason = g_strdup_printf (_("%s candles are not kept (Perpscope charts 1m, 5m, 15m, 1h, "
                                   "4h and 1d)"), token);
      return FALSE;
    }
  else
    {
      *reason = g_strdup_printf (_("Perpscope does not read Binance’s “%s” files"), token);
      return FALSE;
    }
  return TRUE;
}

gboolean
ps_import_parse_name (const char    *basename,
                      PsImportName  *name,
                      char         **reason)
{
  g_autofree char *stem = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *why = NULL;
  guint n;

  g_return_val_if_fail (basename != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  memset (name, 0, sizeof *name);
  if (!g_str_has_suffix (basename, ".zip") && !g_str_has_suffix (basename, ".csv"))
    {
      if (reason)
        *reason = g_str_has_suffix (basename, ".CHECKSUM")
          ? g_strdup (_("a checksum file"))
          : g_strdup (_("not a ZIP or CSV file"));
      return FALSE;
    }

  stem = g_strndup (basename, strlen (basename) - 4);
  parts = g_strsplit (stem, "-", -1);
  n = g_strv_length (parts);
  if ((n != 4 && n != 5) || !ps_import_is_symbol (parts[0]) ||
      !ps_import_parse_period (parts + 2, name))
    {
      if (reason)
        *reason = g_strdup (_("not named like a Binance archive (SYMBOL-KIND-YYYY-MM[-DD])"));
      return FALSE;
    }

  if (!ps_import_parse_kind (parts[1], name, &why))
    {
      if (reason)
        *reason = g_steal_pointer (&why);
      return FALSE;
    }

  name->symbol = g_strdup (parts[0]);
  return TRUE;
}

/* Archives */

static void
ps_import_entry_free (PsImportEntry *entry)
{
  g_free (entry->name);
  g_clear_pointer (&entry->contents, g_bytes_unref);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsImportEntry, ps_import_entry_free)

typedef struct archive PsArchive;

static void
ps_import_archive_free (PsArchive *archive)
{
  archive_read_free (archive);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsArchive, ps_import_archive_free)

static gboolean
ps_import_archive_error (const char  *path,
                         PsArchive   *archive,
                         GError     **error)
{
  const char *reason = archive_error_string (archive);

  g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
               _("%s: the archive is damaged or cut short: %s"), path,
               reason ? reason : _("unknown error"));
  return FALSE;
}

static GBytes *
ps_import_read_entry (const char  *path,
                      PsArchive   *archive,
                      const char  *entry_name,
                      GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[64 * 1024];
  la_ssize_t n;

  while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    {
      if (bytes->len + (gsize) n > PS_IMPORT_MAX_ENTRY_BYTES)
        {
          g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                       _("%s: %s is larger than any Binance file (over 1 GiB)"), path, entry_name);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, (guint) n);
    }

  /* ARCHIVE_WARN too: libarchive reports a bad CRC that way. */
  if (n < 0)
    {
      ps_import_archive_error (path, archive, error);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

GPtrArray *
ps_import_read_archive (const char  *path,
                        GError     **error)
{
  g_autoptr(PsArchive) archive = archive_read_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_import_entry_free);
  struct archive_entry *header;
  int r;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  archive_read_support_format_zip (archive);
  if (archive_read_open_filename (archive, path, 64 * 1024) != ARCHIVE_OK)
    {
      ps_import_archive_error (path, archive, error);
      return NULL;
    }

  while ((r = archive_read_next_header (archive, &header)) == ARCHIVE_OK)
    {
      g_autoptr(PsImportEntry) entry = NULL;
      const char *entry_name = archive_entry_pathname (header);

      if (archive_entry_filetype (header) != AE_IFREG)
        continue;

      entry = g_new0 (PsImportEntry, 1);
      entry->name = g_strdup (entry_name ? entry_name : "");
      if (!(entry->contents = ps_import_read_entry (path, archive, entry->name, error)))
        return NULL;
      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }

  if (r != ARCHIVE_EOF)
    {
      ps_import_archive_error (path, archive, error);
      return NULL;
    }
  if (entries->len == 0)
    {
      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                   _("%s: the archive holds no file"), path);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
/* Coverage */

static void
ps_import_no_coverage (gint64 *cover_from_ms,
                       gint64 *cover_to_ms)
{
  *cover_from_ms = *cover_to_ms = 0;
}

/* Rows on a regular grid: complete when there is one row per step from from_ms,
 * rows being sorted, unique and (as checked here) inside the period. */
static gboolean
ps_import_grid_complete (const gint64 *t_ms,
                         guint         n,
                         gint64        step_ms,
                         gint64        from_ms,
                         gint64        to_ms)
{
  if (step_ms <= 0 || to_ms <= from_ms || (to_ms - from_ms) % step_ms != 0)
    return FALSE;
  if ((gint64) n != (to_ms - from_ms) / step_ms || n == 0)
    return FALSE;
  return t_ms[0] == from_ms && t_ms[n - 1] == to_ms - step_ms;
}

void
ps_import_klines_coverage (const PsCandles *candles,
                           PsInterval       interval,
                           gint64           from_ms,
                           gint64           to_ms,
                           gint64          *cover_from_ms,
                           gint64          *cover_to_ms)
{
  g_return_if_fail (candles != NULL);
  g_return_if_fail (cover_from_ms != NULL && cover_to_ms != NULL);

  ps_import_no_coverage (cover_from_ms, cover_to_ms);
  if (ps_import_grid_complete (candles->t_ms, candles->n, ps_interval_to_ms (interval),
                               from_ms, to_ms))
    {
      *cover_from_ms = from_ms;
      *cover_to_ms = to_ms;
    }
}

void
ps_import_metrics_coverage (const PsOpenInterest *open_interest,
                            PsInterval            interval,
                            gint64                from_ms,
                            gint64                to_ms,
                            gint64               *cover_from_ms,
                            gint64               *cover_to_ms)
{
  g_return_if_fail (open_interest != NULL);
  g_return_if_fail (cover_from_ms != NULL && cover_to_ms != NULL);

  ps_import_no_coverage (cover_from_ms, cover_to_ms);
  if (ps_import_grid_complete (open_interest->t_ms, open_interest->n,
                               ps_interval_to_ms (interval), from_ms, to_ms))
    {
      *cover_from_ms = from_ms;
      *cover_to_ms = to_ms;
    }
}

/* Settlements are stamped a few ms after the hour; this much lateness still
 * counts as on time. */
#define PS_IMPORT_FUNDING_SLACK_MS (60 * 1000)
#define PS_IMPORT_FUNDING_DEFAULT_MS (8 * 3600 * 1000)

static gint64
ps_import_funding_step (const GArray *interval_ms,
                        guint         i)
{
  gint64 step_ms = interval_ms && i < interval_ms->len ? g_array_index (interval_ms, gint64, i) : 0;

  /* Files without the column are from the years when every symbol settled
   * every 8 hours. */
  return step_ms > 0 ? step_ms : PS_IMPORT_FUNDING_DEFAULT_MS;
}

void
ps_import_funding_coverage (const PsFunding *funding,
                            const GArray    *interval_ms,
                            gint64           from_ms,
                            gint64           to_ms,
                            gint64          *cover_from_ms,
                            gint64          *cover_to_ms)
{
  const gint64 *t = funding ? funding->t_ms : NULL;
  guint n;

  g_return_if_fail (funding != NULL);
  g_return_if_fail (cover_from_ms != NULL && cover_to_ms != NULL);

  ps_import_no_coverage (cover_from_ms, cover_to_ms);
  n = funding->n;
  if (n == 0 || t[0] < from_ms || t[n - 1] >= to_ms)
    return;

  /* Every interval setting settles at 00:00 UTC, so the period opens with a
   * settlement; each next one follows by the interval (the longer one where
   * it changed), and the last leaves one interval to the period's end. A
   * missing settlement breaks the chain. */
  if (t[0] - from_ms > PS_IMPORT_FUNDING_SLACK_MS)
    return;
  for (guint i = 1; i < n; i++)
    if (t[i] - t[i - 1] > MAX (ps_import_funding_step (interval_ms, i - 1),
                               ps_import_funding_step (interval_ms, i)) + PS_IMPORT_FUNDING_SLACK_MS)
      return;
  if (to_ms - t[n - 1] > ps_import_funding_step (interval_ms, n - 1) + PS_IMPORT_FUNDING_SLACK_MS)
    return;

  *cover_from_ms = from_ms;
  *cover_to_ms = to_ms;
}

/* The driver */

/* Archives of other markets share the klines names: only the folders of
 * data.binance.vision's layout tell them apart. */
static gboolean
ps_import_is_other_market (const char  *path,
                           char       **reason)
{
  static const char * const others[] = {
    "spot", "cm", "option", "markPriceKlines", "indexPriceKlines", "premiumIndexKlines", NULL
  };
  g_auto(GStrv) parts = g_strsplit (path, G_DIR_SEPARATOR_S, -1);

  for (guint i = 0; parts[i] != NULL && parts[i + 1] != NULL; i++)
    if (g_strv_contains (others, parts[i]))
      {
        *reason = g_strdup_printf (_("from Binance’s “%s” folder, not USDⓈ-M futures data"),
                                   parts[i]);
        return TRUE;
      }
  return FALSE;
}

/* 5-minute snapshots also serve the coarser charts, which read open interest
 * at their own interval (as openInterestHist's period): the snapshots on each
 * coarser grid are the same values. */
static gboolean
ps_import_write_metrics (const PsImportTarget  *target,
                         const PsImportName    *name,
                         const PsOpenInterest  *open_interest,
                         GError               **error)
{
  static const PsInterval intervals[] = {
    PS_INTERVAL_5M, PS_INTERVAL_15M, PS_INTERVAL_1H, PS_INTERVAL_4H, PS_INTERVAL_1D,
  };
  for (guint k = 0; k < G_N_ELEMENTS (intervals); k++)
    {
      g_autoptr(PsOpenInterest) rows = ps_open_interest_new (0);
      gint64 cover_from_ms, cover_to_ms;

      for (guint i = 0; i < open_interest->n; i++)
        if (ps_interval_floor (intervals[k], open_interest->t_ms[i]) == open_interest->t_ms[i])
          ps_open_interest_append (rows, open_interest->t_ms[i], open_interest->contracts[i],
                                   open_interest->usd[i]);

      /* Each grid proves itself: a 5-minute hole off the hour leaves 1h whole. */
      ps_import_metrics_coverage (rows, intervals[k], name->from_ms, name->to_ms,
                                  &cover_from_ms, &cover_to_ms);

      if (!ps_cache_write_open_interest (target->cache, PS_IMPORT_VENUE, name->symbol,
                                         intervals[k], rows, cover_from_ms, cover_to_ms, error))
        return FALSE;
    }
  return TRUE;
}

static PsImportFileStatus
ps_import_liquidations (const PsImportTarget  *target,
                        const PsImportName    *name,
                        const char            *label,
                        GBytes                *bytes,
                        gboolean               whole,
                        PsImportStats         *stats,
                        char                 **message,
                        GError               **error)
{
  g_autoptr(PsLiquidations) events = NULL;
  gint64 span_from_ms = 0, span_to_ms = 0;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  guint n_new = 0;

  if (!(events = ps_import_parse_liquidations (label, data, length, name->symbol, error)))
    return PS_IMPORT_FILE_FAILED;

  /* Events have no grid to prove a day complete: an intact file of the day
   * whose events all fall in it is the proof. */
  if (whole && (events->n == 0 ||
                (events->t_ms[0] >= name->from_ms && events->t_ms[events->n - 1] < name->to_ms)))
    {
      span_from_ms = name->from_ms;
      span_to_ms = name->to_ms;
    }

  if (target->write_liquidations == NULL)
    {
      *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s: %u liquidation read, not stored (no "
                                               "recordings database in this build)",
                                               "%s: %u liquidations read, not stored (no "
                                               "recordings database in this build)", events->n),
                                  label, events->n);
      return PS_IMPORT_FILE_SKIPPED;
    }

  if (!target->write_liquidations (PS_IMPORT_VENUE, name->symbol, events, span_from_ms,
                                   span_to_ms, &n_new, target->liquidations_data, error))
    return PS_IMPORT_FILE_FAILED;

  stats->n_liquidations += events->n;
  return PS_IMPORT_FILE_IMPORTED;
}

/* One CSV text of the kind the name says. whole: the data is known intact
 * (a ZIP entry, whose CRC libarchive checked, or a CSV ending in a newline). */
static PsImportFileStatus
ps_import_data (const PsImportTarget  *target,
                const PsImportName    *name,
                const char            *label,
                GBytes                *bytes,
                gboolean               whole,
                PsImportStats         *stats,
                char                 **message,
                GError               **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  gint64 cover_from_ms, cover_to_ms;

  switch (name->kind)
    {
    case PS_IMPORT_KLINES:
      {
        g_autoptr(PsCandles) candles = NULL;

        if (!(candles = ps_import_parse_klines (label, data, length, name->interval, error)))
          return PS_IMPORT_FILE_FAILED;
        ps_import_klines_coverage (candles, name->interval, name->from_ms, name->to_ms,
                                   &cover_from_ms, &cover_to_ms);
        if (!ps_cache_write_candles (target->cache, PS_IMPORT_VENUE, name->symbol, name->interval,
                                     candles, cover_from_ms, cover_to_ms, error))
          return PS_IMPORT_FILE_FAILED;
        stats->n_candles += candles->n;
        return PS_IMPORT_FILE_IMPORTED;
      }
    case PS_IMPORT_FUNDING:
      {
        g_autoptr(PsFunding) funding = NULL;
        g_autoptr(GArray) interval_ms = NULL;

        if (!(funding = ps_import_parse_funding (label, data, length, &interval_ms, error)))
          return PS_IMPORT_FILE_FAILED;
        ps_import_funding_coverage (funding, interval_ms, name->from_ms, name->to_ms,
                                    &cover_from_ms, &cover_to_ms);
        if (!ps_cache_write_funding (target->cache, PS_IMPORT_VENUE, name->symbol, funding,
                                     cover_from_ms, cover_to_ms, error))
          return PS_IMPORT_FILE_FAILED;
        stats->n_funding += funding->n;
        return PS_IMPORT_FILE_IMPORTED;
      }
    case PS_IMPORT_METRICS:
      {
        g_autoptr(PsOpenInterest) open_interest = NULL;

        if (!(open_interest = ps_import_parse_metrics (label, data, length, name->symbol, error)) ||
            !ps_import_write_metrics (target, name, open_interest, error))
          return PS_IMPORT_FILE_FAILED;
        stats->n_open_interest += open_interest->n;
        return PS_IMPORT_FILE_IMPORTED;
      }
    case PS_IMPORT_LIQUIDATIONS:
    default:
      return ps_import_liquidations (target, name, label, bytes, whole, stats, message, error);
    }
}

static PsImportFileStatus
ps_import_zip (const PsImportTarget  *target,
               const PsImportName    *name,
               const char            *path,
               PsImportStats         *stats,
               char                 **message,
               GError               **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  PsImportFileStatus status = PS_IMPORT_FILE_FAILED;

  if (!(entries = ps_import_read_archive (path, error)))
    return PS_IMPORT_FILE_FAILED;

  /* Binance's ZIPs hold one CSV named as the ZIP; the name outside decides. */
  for (guint i = 0; i < entries->len; i++)
    {
      PsImportEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *label = g_strdup_printf ("%s:%s", path, entry->name);

      if (!g_str_has_suffix (entry->name, ".csv"))
        continue;
      g_clear_pointer (message, g_free);
      status = ps_import_data (target, name, label, entry->contents, TRUE, stats, message, error);
      if (status == PS_IMPORT_FILE_FAILED)
        return status;
    }

  if (status == PS_IMPORT_FILE_FAILED)
    g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                 _("%s: the archive holds no CSV file"), path);
  return status;
}

PsImportFileStatus
ps_import_file (const PsImportTarget  *target,
                const char            *path,
                PsImportStats         *stats,
                char                 **message)
{
  g_auto(PsImportName) name = { 0 };
  g_autofree char *basename = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  PsImportFileStatus status;
  gsize length;

  g_return_val_if_fail (target != NULL && PS_IS_CACHE (target->cache), PS_IMPORT_FILE_FAILED);
  g_return_val_if_fail (path != NULL && stats != NULL && message != NULL, PS_IMPORT_FILE_FAILED);

  *message = NULL;
  basename = g_path_get_basename (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);

      *message = g_strdup_printf (_("%s: cannot read the folder: %s"), path,
                                  error ? error->message : _("unknown error"));
      status = PS_IMPORT_FILE_FAILED;
    }
  else if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      *message = g_strdup_printf (_("%s: no such file"), path);
      status = PS_IMPORT_FILE_FAILED;
    }
  else if (!ps_import_parse_name (basename, &name, &reason) ||
           ps_import_is_other_market (path, &reason))
    {
      *message = g_strdup_printf (_("%s: skipped, %s"), path, reason);
      status = PS_IMPORT_FILE_SKIPPED;
    }
  else if (g_str_has_suffix (basename, ".zip"))
    status = ps_import_zip (target, &name, path, stats, message, &error);
  else if (!g_file_get_contents (path, &contents, &length, &error))
    status = PS_IMPORT_FILE_FAILED;
  else
    {
      gboolean whole = length > 0 && contents[length - 1] == '\n';

      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      status = ps_import_data (target, &name, path, bytes, whole, stats, message, &error);
    }

  if (status == PS_IMPORT_FILE_FAILED && *message == NULL)
    *message = g_strdup (error->message);

  switch (status)
    {
    case PS_IMPORT_FILE_IMPORTED: stats->n_imported++; break;
    case PS_IMPORT_FILE_SKIPPED:  stats->n_skipped++; break;
    case PS_IMPORT_FILE_FAILED:
    default:                      stats->n_failed++; break;
    }
  return status;
}

static gint
ps_import_compare_names (gconstpointer a,
                         gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
ps_import_walk (const char *path,
                GPtrArray  *files)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  /* ps_import_file names the failure. */
  if (dir == NULL)
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }

  while ((entry = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, ps_import_compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      /* A link to a folder above would walk forever. */
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        ps_import_walk (child, files);
      else if (!g_file_test (child, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

GPtrArray *
ps_import_collect (const char * const *paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (paths != NULL, NULL);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        ps_import_walk (paths[i], files);
      else
        g_ptr_array_add (files, g_strdup (paths[i]));
    }
  return g_steal_pointer (&files);
}

gboolean
ps_import_run (const PsImportTarget *target,
               const char * const   *paths,
               PsImportStats        *stats)
{
  g_autoptr(GPtrArray) files = NULL;

  g_return_val_if_fail (target != NULL && PS_IS_CACHE (target->cache), FALSE);
  g_return_val_if_fail (paths != NULL && stats != NULL, FALSE);

  files = ps_import_collect (paths);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *message = NULL;
      PsImportFileStatus status;

      if (target->progress)
        target->progress (path, i, files->len, FALSE, PS_IMPORT_FILE_IMPORTED, NULL,
                          target->progress_data);
      status = ps_import_file (target, path, stats, &message);
      if (target->progress)
        target->progress (path, i, files->len, TRUE, status, message, target->progress_data);
    }
  return stats->n_failed == 0;
}
