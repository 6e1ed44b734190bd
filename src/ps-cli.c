/* ps-cli.c: shared parts of the headless subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <unistd.h>

#include "ps-cli.h"
#include "ps-time.h"
#include "ps-venues.h"

#define DEFAULT_DAYS 30

gboolean
ps_cli_is_subcommand (const char *arg)
{
  return g_strcmp0 (arg, "fetch") == 0 || g_strcmp0 (arg, "export") == 0 ||
         g_strcmp0 (arg, "import") == 0 || g_strcmp0 (arg, "record") == 0 ||
         g_strcmp0 (arg, "analyze") == 0;
}

int
ps_cli_run (int    argc,
            char **argv)
{
  g_return_val_if_fail (argc >= 2, PS_CLI_USAGE);

  if (g_strcmp0 (argv[1], "fetch") == 0)
    return ps_cli_fetch (argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "export") == 0)
    return ps_cli_export (argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "import") == 0)
    return ps_cli_import (argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "record") == 0)
    return ps_cli_record (argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "analyze") == 0)
    return ps_cli_analyze (argc - 1, argv + 1);

  return ps_cli_usage_error (NULL, _("Unknown command"));
}

GOptionGroup *
ps_cli_market_options (PsCliMarket *market)
{
  /* Translators: in --help, the capitals name the value a flag takes; the
   * flags themselves and the values quoted ("all", "binance") stay as they are. */
  const GOptionEntry entries[] = {
    { "venue", 0, 0, G_OPTION_ARG_STRING, &market->venue,
      N_("Exchange, or all: one asset across every venue (default: binance)"), N_("VENUE") },
    { "symbol", 0, 0, G_OPTION_ARG_STRING, &market->symbol,
      N_("The venue’s own symbol; with --venue all an asset such as BTC (default: BTCUSDT)"),
      N_("SYMBOL") },
    { "interval", 0, 0, G_OPTION_ARG_STRING, &market->interval_text,
      N_("Candle interval: 1m 5m 15m 1h 4h 1d (default: 4h)"), N_("INTERVAL") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &market->from_text,
      N_("Start, YYYY-MM-DD or ISO 8601, UTC (default: 30 days before --to)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &market->to_text,
      N_("End, exclusive (default: now)"), N_("DATE") },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &market->cache_path,
      N_("Cache file (default: $XDG_CACHE_HOME/perpscope/cache.db)"), N_("FILE") },
    { NULL }
  };
  GOptionGroup *group;

  group = g_option_group_new ("market", _("Market options:"), _("Show market options"), NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

gboolean
ps_cli_market_validate (PsCliMarket  *market,
                        GError      **error)
{
  if (market->venue == NULL)
    market->venue = g_strdup ("binance");
  if (market->symbol == NULL)
    market->symbol = g_strdup ("BTCUSDT");
  if (market->interval_text == NULL)
    market->interval_text = g_strdup ("4h");

  if (!g_strv_contains (ps_venues_list (), market->venue) &&
      g_strcmp0 (market->venue, PS_AGGREGATE_VENUE) != 0)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) ps_venues_list ());

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown venue “%s” (known: %s; or all)"), market->venue, known);
      return FALSE;
    }

  /* SQLite takes "" for a private temporary database: the fetch would
   * succeed and keep nothing. */
  if (market->cache_path != NULL && *market->cache_path == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The cache file name is empty (leave out --cache for the default)"));
      return FALSE;
    }

  if (market->recordings_path != NULL && *market->recordings_path == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The recordings file name is empty"));
      return FALSE;
    }

  if (*market->symbol == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("The symbol is empty"));
      return FALSE;
    }

  if (!ps_interval_from_string (market->interval_text, &market->interval))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown interval “%s” (use 1m, 5m, 15m, 1h, 4h or 1d)"),
                   market->interval_text);
      return FALSE;
    }

  if (market->to_text == NULL)
    market->to_ms = ps_time_now_ms ();
  else if (!ps_time_parse (market->to_text, &market->to_ms))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Bad date “%s” for --to (use YYYY-MM-DD or ISO 8601)"), market->to_text);
      return FALSE;
    }

  if (market->from_text == NULL)
    market->from_ms = market->to_ms - (gint64) DEFAULT_DAYS * 24 * 3600 * 1000;
  else if (!ps_time_parse (market->from_text, &market->from_ms))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Bad date “%s” for --from (use YYYY-MM-DD or ISO 8601)"), market->from_text);
      return FALSE;
    }

  if (market->from_ms >= market->to_ms)
    {
      g_autofree char *from = ps_time_format_utc (market->from_ms);
      g_autofree char *to = ps_time_format_utc (market->to_ms);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--from (%s) must be before --to (%s)"), from, to);
      return FALSE;
    }

  return TRUE;
}

void
ps_cli_market_clear (PsCliMarket *market)
{
  g_clear_pointer (&market->venue, g_free);
  g_clear_pointer (&market->symbol, g_free);
  g_clear_pointer (&market->interval_text, g_free);
  g_clear_pointer (&market->from_text, g_free);
  g_clear_pointer (&market->to_text, g_free);
  g_clear_pointer (&market->cache_path, g_free);
  g_clear_pointer (&market->recordings_path, g_free);
}

gboolean
ps_cli_context_open (PsCliContext  *context,
                     PsCliMarket   *market,
                     PsCoreFlags    flags,
                     GError       **error)
{
  g_autofree char *notice = NULL;

  if (!(context->core = ps_core_new (market->cache_path, flags, error)))
    return FALSE;
  if ((notice = ps_core_take_cache_notice (context->core)))
    g_printerr ("perpscope: %s\n", notice);
  /* Before the market: it resolves the recordings' path when made. */
  if (market->recordings_path != NULL)
    ps_core_set_recordings_path (context->core, market->recordings_path);

  if (g_strcmp0 (market->venue, PS_AGGREGATE_VENUE) == 0)
    {
      context->aggregate = ps_aggregate_market_new (context->core, market->symbol,
                                                    market->interval);
      return TRUE;
    }
  if (!(context->market = ps_market_new (context->core, market->venue, market->symbol,
                                         market->interval, error)))
    return FALSE;
  ps_market_set_demo_allowed (context->market, FALSE);
  return TRUE;
}

void
ps_cli_context_clear (PsCliContext *context)
{
  g_clear_pointer (&context->snapshot, ps_market_snapshot_unref);
  if (context->market != NULL)
    ps_market_cancel (context->market);
  g_clear_object (&context->market);
  if (context->aggregate != NULL)
    ps_aggregate_market_cancel (context->aggregate);
  g_clear_object (&context->aggregate);
  if (context->core != NULL)
    ps_core_close (context->core);
  g_clear_object (&context->core);
}

typedef struct
{
  GMainLoop    *loop;
  gboolean      tty;
  gboolean      printed;
} PsCliLoad;

static void
ps_cli_progress_cb (PsMarket   *market,
                    GParamSpec *pspec,
                    PsCliLoad  *state)
{
  const char *text = ps_market_get_progress_text (market);

  if (!state->tty || !ps_market_get_loading (market))
    return;

  /* One line rewritten in place; \033[K clears what a longer line left. */
  g_printerr ("\r\033[K%3.0f%%  %s", CLAMP (ps_market_get_progress (market), 0.0, 1.0) * 100.0,
              text ? text : "");
  state->printed = TRUE;
}

/* A venue that is slow or refuses: on a terminal each retry is said on the
 * progress line, so that a long wait is never silent. A log keeps the one
 * line of the final error (which gives attempts and total time). */
static void
ps_cli_retrying_cb (PsHttp      *http,
                    const char  *venue,
                    const char  *uri,
                    guint        attempt,
                    guint        max_attempts,
                    const char  *reason,
                    guint        delay_ms,
                    PsCliLoad   *state)
{
  if (!state->tty)
    return;
  /* The line rewritten in place: the control codes stay out of the message. */
  g_printerr ("\r\033[K");
  /* Translators: venue, why it failed, the next attempt, of how many, in
   * how many seconds: "Binance: timed out; attempt 2 of 5 in 1.5 s" */
  g_printerr (_("%s: %s; attempt %u of %u in %.1f s"), venue, reason, attempt, max_attempts,
              delay_ms / 1000.0);
  state->printed = TRUE;
}

static void
ps_cli_loading_cb (PsMarket   *market,
                   GParamSpec *pspec,
                   PsCliLoad  *state)
{
  if (!ps_market_get_loading (market))
    g_main_loop_quit (state->loop);
}

/* One venue of --venue all is done: a line each, as they end. */
static void
ps_cli_venue_loading_cb (PsMarket   *venue,
                         GParamSpec *pspec,
                         PsCliLoad  *state)
{
  const GError *error = ps_market_get_error (venue);

  if (ps_market_get_loading (venue))
    return;
  if (state->printed)
    g_printerr ("\r\033[K");
  state->printed = FALSE;
  if (error != NULL)
    g_printerr (_("%s %s: failed: %s\n"), ps_market_get_venue_name (venue),
                ps_market_get_symbol (venue), error->message);
  else
    g_printerr (_("%s %s: done\n"), ps_market_get_venue_name (venue),
                ps_market_get_symbol (venue));
}

static void
ps_cli_aggregate_loading_cb (PsAggregateMarket *aggregate,
                             GParamSpec        *pspec,
                             PsCliLoad         *state)
{
  if (!ps_aggregate_market_get_loading (aggregate))
    g_main_loop_quit (state->loop);
}

/* --venue all: every venue at once, each its own line when it ends; fails
 * only when no venue has anything (the error names each). */
/* Neither --from nor --to: the last days up to the venue's now, by its own
 * clock (a mirror's or a replay's may be months behind the local one), as
 * the window's recent range. */
typedef struct
{
  GMainLoop *loop;
  gint64     now_ms;   /* UTC; -1: the venue did not say */
} PsCliClock;

static gboolean
ps_cli_market_is_recent (const PsCliMarket *market)
{
  return market->from_text == NULL && market->to_text == NULL;
}

static gboolean
ps_cli_load_all (PsCliContext  *context,
                 PsCliMarket   *market,
                 gboolean       cached_only,
                 GError       **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  PsCliLoad state = { loop, isatty (STDERR_FILENO), FALSE };
  PsAggregateMarket *aggregate = context->aggregate;
  guint n = ps_aggregate_market_get_n_venues (aggregate);
  g_autofree gulong *handlers = g_new0 (gulong, n);
  gulong loading_handler, retrying_handler;
  GError *all_error;

  for (guint i = 0; i < n; i++)
    handlers[i] = g_signal_connect (ps_aggregate_market_get_market (aggregate, i),
                                    "notify::loading", G_CALLBACK (ps_cli_venue_loading_cb),
                                    &state);
  loading_handler = g_signal_connect (aggregate, "notify::loading",
                                      G_CALLBACK (ps_cli_aggregate_loading_cb), &state);
  retrying_handler = g_signal_connect (ps_core_get_http (context->core), "retrying",
                                       G_CALLBACK (ps_cli_retrying_cb), &state);
  if (cached_only)
    ps_aggregate_market_load_cached (aggregate, market->from_ms, market->to_ms);
  else if (ps_cli_market_is_recent (market))
    ps_aggregate_market_load_recent (aggregate, market->to_ms - market->from_ms);
  else
    ps_aggregate_market_load (aggregate, market->from_ms, market->to_ms);
  if (ps_aggregate_market_get_loading (aggregate))
    g_main_loop_run (loop);
  for (guint i = 0; i < n; i++)
    g_signal_handler_disconnect (ps_aggregate_market_get_market (aggregate, i), handlers[i]);
  g_signal_handler_disconnect (aggregate, loading_handler);
  g_signal_handler_disconnect (ps_core_get_http (context->core), retrying_handler);
  if (state.printed)
    g_printerr ("\r\033[K");

  if ((all_error = ps_aggregate_market_dup_error (aggregate)) != NULL)
    {
      g_propagate_error (error, all_error);
      return FALSE;
    }
  if (!cached_only && ps_cli_market_is_recent (market))
    {
      market->from_ms = ps_market_source_get_shown_from_ms (PS_MARKET_SOURCE (aggregate));
      market->to_ms = ps_market_source_get_shown_to_ms (PS_MARKET_SOURCE (aggregate));
    }
  g_clear_pointer (&context->snapshot, ps_market_snapshot_unref);
  context->snapshot = ps_aggregate_market_get_snapshot (aggregate);
  /* Failures were said as they came; what the sums leave out is said here. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *note = ps_aggregate_market_dup_sum_note (aggregate, i);

      if (note != NULL)
        g_printerr (_("perpscope: note: %s\n"), note);
    }
  return TRUE;
}

static void
ps_cli_server_time_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  PsCliClock *clock = user_data;

  clock->now_ms = ps_sync_get_server_time_finish (PS_SYNC (object), result, NULL);
  g_main_loop_quit (clock->loop);
}

/* --from without --to: up to the end of the candle open at the venue's now
 * (the reference venue's with --venue all), as the window's ranges end,
 * not at this machine's clock, where a mirror or a replay has nothing. The
 * local clock stays when the venue does not say. */
static void
ps_cli_end_at_venue_clock (PsCliContext *context,
                           PsCliMarket  *market)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  PsCliClock clock = { loop, -1 };
  const char *venue;
  gint64 end_ms;
  PsSync *sync;

  venue = context->aggregate != NULL ? ps_aggregate_market_get_reference (context->aggregate)
                                     : ps_market_get_venue (context->market);
  sync = ps_core_get_sync (context->core, venue, NULL);
  if (sync == NULL)
    return;
  ps_sync_get_server_time_async (sync, NULL, ps_cli_server_time_cb, &clock);
  g_main_loop_run (loop);
  if (clock.now_ms <= 0)
    return;
  end_ms = ps_interval_floor (market->interval, clock.now_ms) + ps_interval_to_ms (market->interval);
  /* A start past the venue's now keeps ours: its pages then say "nothing". */
  if (end_ms > market->from_ms)
    market->to_ms = end_ms;
}

gboolean
ps_cli_load (PsCliContext  *context,
             PsCliMarket   *market,
             gboolean       cached_only,
             GError       **error)
{
  /* The default context: the SoupSession was made on it and stays on it. */
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  PsCliLoad state = { loop, isatty (STDERR_FILENO), FALSE };
  gulong progress_handler, loading_handler, retrying_handler;
  const GError *market_error;

  if (!cached_only && market->from_text != NULL && market->to_text == NULL)
    ps_cli_end_at_venue_clock (context, market);
  if (context->aggregate != NULL)
    return ps_cli_load_all (context, market, cached_only, error);

  progress_handler = g_signal_connect (context->market, "notify::progress-text",
                                       G_CALLBACK (ps_cli_progress_cb), &state);
  loading_handler = g_signal_connect (context->market, "notify::loading",
                                      G_CALLBACK (ps_cli_loading_cb), &state);
  retrying_handler = g_signal_connect (ps_core_get_http (context->core), "retrying",
                                       G_CALLBACK (ps_cli_retrying_cb), &state);
  if (cached_only)
    ps_market_load_cached (context->market, market->from_ms, market->to_ms);
  else if (ps_cli_market_is_recent (market))
    ps_market_load_recent (context->market, market->to_ms - market->from_ms);
  else
    ps_market_load (context->market, market->from_ms, market->to_ms);
  if (ps_market_get_loading (context->market))
    g_main_loop_run (loop);
  g_signal_handler_disconnect (context->market, progress_handler);
  g_signal_handler_disconnect (context->market, loading_handler);
  g_signal_handler_disconnect (ps_core_get_http (context->core), retrying_handler);

  if (state.printed)
    g_printerr ("\r\033[K");

  if ((market_error = ps_market_get_error (context->market)))
    {
      g_propagate_error (error, g_error_copy (market_error));
      return FALSE;
    }
  if (!cached_only && ps_cli_market_is_recent (market))
    {
      market->from_ms = ps_market_get_shown_from_ms (context->market);
      market->to_ms = ps_market_get_shown_to_ms (context->market);
    }
  g_clear_pointer (&context->snapshot, ps_market_snapshot_unref);
  context->snapshot = ps_market_get_snapshot (context->market);
  return TRUE;
}

/* --offline: the candles of the whole range must be cached already. */
static gboolean
ps_cli_check_cached_market (PsCliContext  *context,
                            PsMarket      *venue,
                            PsCliMarket   *market,
                            GError       **error)
{
  g_autoptr(GArray) gaps = NULL;
  g_autofree char *gap_from = NULL;
  g_autofree char *gap_to = NULL;
  gint64 closed_to;
  PsRange *first;

  /* The candle open now is never "fetched complete": it is drawn if cached,
   * but not required, so --to now works offline too. */
  closed_to = MIN (market->to_ms, ps_interval_floor (market->interval, ps_time_now_ms ()));
  if (closed_to <= market->from_ms)
    return TRUE;

  gaps = ps_cache_get_gaps (ps_core_get_cache (context->core), ps_market_get_venue (venue),
                            ps_market_get_symbol (venue), PS_SERIES_CANDLES, market->interval,
                            market->from_ms, closed_to, error);
  if (gaps == NULL)
    return FALSE;
  if (gaps->len == 0)
    return TRUE;

  first = &g_array_index (gaps, PsRange, 0);
  gap_from = ps_time_format_utc (first->from_ms);
  gap_to = ps_time_format_utc (first->to_ms);
  g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED,
               _("%s %s %s is not cached for %s → %s; run “perpscope fetch” with the same "
                 "options first, or leave out --offline"),
               ps_market_get_venue_name (venue), ps_market_get_symbol (venue),
               market->interval_text, gap_from, gap_to);
  return FALSE;
}

/* With --venue all, some venue must have the whole range; the others are
 * said, and drawn as far as they are cached. */
gboolean
ps_cli_check_cached (PsCliContext  *context,
                     PsCliMarket   *market,
                     GError       **error)
{
  g_autoptr(GError) first_error = NULL;
  guint n;

  if (context->aggregate == NULL)
    return ps_cli_check_cached_market (context, context->market, market, error);

  n = ps_aggregate_market_get_n_venues (context->aggregate);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (ps_cli_check_cached_market (context, ps_aggregate_market_get_market (context->aggregate, i),
                                      market, &local_error))
        return TRUE;
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }
  if (first_error != NULL)
    g_propagate_error (error, g_steal_pointer (&first_error));
  else
    g_set_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FAILED, _("No venue is known"));
  return FALSE;
}

int
ps_cli_fail (const GError *error)
{
  g_printerr ("perpscope: %s\n", error->message);
  return PS_CLI_FAILED;
}

int
ps_cli_usage_error (const char *command,
                    const char *message)
{
  if (command != NULL)
    g_printerr (_("perpscope %s: %s (see “perpscope %s --help”)\n"), command, message, command);
  else
    g_printerr (_("perpscope: %s (see “perpscope --help”)\n"), message);
  return PS_CLI_USAGE;
}
