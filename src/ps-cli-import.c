/* ps-cli-import.c: perpscope import — Binance public-data archives into the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <unistd.h>

#include "ps-cli.h"
#include "ps-import.h"
#include "ps-recordings.h"

typedef struct
{
  gboolean tty;
  gboolean line_open;   /* a progress line waits to be cleared */
} PsCliImport;

static void
ps_cli_import_progress_cb (const char          *path,
                           guint                index,
                           guint                n_files,
                           gboolean             done,
                           PsImportFileStatus   status,
                           const char          *message,
                           gpointer             user_data)
{
  PsCliImport *state = user_data;

  if (!done)
    {
      if (state->tty)
        {
          /* One line rewritten in place; \033[K clears what a longer line left. */
          g_printerr ("\r\033[K[%u/%u] %s", index + 1, n_files, path);
          state->line_open = TRUE;
        }
      return;
    }

  if (message == NULL)
    return;
  if (state->line_open)
    g_printerr ("\r\033[K");
  state->line_open = FALSE;
  g_printerr ("perpscope import: %s\n", message);
}

static void
ps_cli_import_print_summary (const PsImportStats *stats)
{
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u file imported", "%u files imported",
                        stats->n_imported), stats->n_imported);
  g_print (g_dngettext (GETTEXT_PACKAGE, ", %u failed", ", %u failed", stats->n_failed),
           stats->n_failed);
  g_print (g_dngettext (GETTEXT_PACKAGE, ", %u skipped\n", ", %u skipped\n", stats->n_skipped),
           stats->n_skipped);
  /* Translators: rows of a summary; pad the labels so that the numbers of
   * the lines below line up. */
  g_print (g_dngettext (GETTEXT_PACKAGE, "  candles:        %u row\n",
                        "  candles:        %u rows\n", stats->n_candles),
           stats->n_candles);
  g_print (g_dngettext (GETTEXT_PACKAGE, "  funding:        %u row\n",
                        "  funding:        %u rows\n", stats->n_funding),
           stats->n_funding);
  g_print (g_dngettext (GETTEXT_PACKAGE, "  open interest:  %u row (5 min)\n",
                        "  open interest:  %u rows (5 min)\n", stats->n_open_interest),
           stats->n_open_interest);
  g_print (g_dngettext (GETTEXT_PACKAGE, "  liquidations:   %u event\n",
                        "  liquidations:   %u events\n", stats->n_liquidations),
           stats->n_liquidations);
}

/* The recordings file is opened at the first liquidation file: importing
 * candles needs none. */
typedef struct
{
  char         *path;
  PsRecordings *recordings;
} PsCliImportRecordings;

static gboolean
ps_cli_import_write_liquidations_cb (const char            *venue,
                                     const char            *symbol,
                                     const PsLiquidations  *events,
                                     gint64                 span_from_ms,
                                     gint64                 span_to_ms,
                                     guint                 *n_new,
                                     gpointer               user_data,
                                     GError               **error)
{
  PsCliImportRecordings *rec = user_data;

  if (rec->recordings == NULL)
    {
      g_autofree char *notice = NULL;

      /* A damaged recordings file is left as it is and a new one used beside it. */
      if (!(rec->recordings = ps_recordings_new_or_beside (rec->path, &notice, error)))
        return FALSE;
      if (notice != NULL)
        g_printerr ("perpscope: %s\n", notice);
    }

  return ps_recordings_write_liquidations (rec->recordings, venue, symbol, events,
                                           span_from_ms, span_to_ms, n_new, error);
}

static int
ps_cli_import_paths (const char          *cache_path,
                     const char          *recordings_path,
                     const char * const  *paths)
{
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *notice = NULL;
  PsCliImportRecordings rec = { NULL, NULL };
  PsCliImport state = { isatty (STDERR_FILENO), FALSE };
  PsImportStats stats = { 0 };
  PsImportTarget target = { 0 };
  gboolean ok;

  path = cache_path ? g_strdup (cache_path) : ps_cache_dup_default_path ();
  if (!(cache = ps_cache_new_recovering (path, &notice, &error)))
    return ps_cli_fail (error);
  if (notice != NULL)
    g_printerr ("perpscope: %s\n", notice);

  /* Imported liquidations join the recorded ones: the same unique key keeps an
   * event recorded live and imported later stored once. */
  rec.path = recordings_path ? g_strdup (recordings_path) : ps_recordings_dup_default_path ();
  target.cache = cache;
  target.write_liquidations = ps_cli_import_write_liquidations_cb;
  target.liquidations_data = &rec;
  target.progress = ps_cli_import_progress_cb;
  target.progress_data = &state;

  ok = ps_import_run (&target, paths, &stats);
  if (state.line_open)
    g_printerr ("\r\033[K");
  ps_cli_import_print_summary (&stats);
  g_clear_object (&rec.recordings);
  g_free (rec.path);
  return ok ? PS_CLI_OK : PS_CLI_FAILED;
}

int
ps_cli_import (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *recordings_path = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_path,
      N_("Cache file (default: $XDG_CACHE_HOME/perpscope/cache.db)"), N_("FILE") },
    { "recordings", 0, 0, G_OPTION_ARG_FILENAME, &recordings_path,
      N_("Recordings file, for liquidations (default: $XDG_DATA_HOME/perpscope/recordings.db)"),
      N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };

  option_context = g_option_context_new (_("— import Binance public-data archives"));
  g_option_context_set_summary (option_context,
    _("Reads USDⓈ-M futures archives from data.binance.vision — klines, fundingRate,\n"
      "metrics (5-minute open interest) and liquidationSnapshot, daily or monthly, ZIP or\n"
      "CSV — into the cache. Folders are read recursively; files of other kinds are\n"
      "skipped. Importing a file twice changes nothing.\n\n"
      "Example:\n"
      "  perpscope import ~/Downloads/data/futures/um/daily/klines/BTCUSDT/1h/"));
  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    return ps_cli_usage_error ("import", error->message);
  if (paths == NULL || paths[0] == NULL)
    return ps_cli_usage_error ("import", _("Name at least one file or folder to import"));
  if (cache_path != NULL && *cache_path == '\0')
    return ps_cli_usage_error ("import", _("The cache file name is empty"));
  if (recordings_path != NULL && *recordings_path == '\0')
    return ps_cli_usage_error ("import", _("The recordings file name is empty"));

  return ps_cli_import_paths (cache_path, recordings_path, (const char * const *) paths);
}
