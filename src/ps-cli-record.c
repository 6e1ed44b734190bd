/* ps-cli-record.c: perpscope record — live liquidations and open interest into recordings.db
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ps-cli.h"
#include "ps-recorder.h"
#include "ps-render.h"
#include "ps-venues.h"

/* One venue's recorder and what it received this run. */
typedef struct
{
  PsRecorder    *recorder;
  double         long_usd;       /* received, this run */
  double         short_usd;
  char          *last_message;   /* said already, kept for the summary */
  char          *logged_message; /* in the log's last line of this venue */
  guint          last_received;  /* at its last log line (not on a terminal) */
  PsStreamState  last_state;
  gboolean       ever_connected;
} PsCliRecordVenue;

typedef struct
{
  GMainLoop        *loop;
  PsCliRecordVenue *venues;
  guint             n_venues;
  gboolean          tty;
  gboolean          line_open;   /* a status line waits to be cleared */
  gboolean          stopped_by_signal;
  guint             duration_id;
} PsCliRecord;

/* "10m", "90s", "2h", "1d" or plain seconds → ms; FALSE when not a duration. */
static gboolean
ps_cli_record_parse_duration (const char *text,
                              gint64     *ms)
{
  static const struct { char unit; gint64 ms; } units[] = {
    { 's', 1000 }, { 'm', 60 * 1000 }, { 'h', 3600 * 1000 }, { 'd', 24 * 3600 * 1000 },
  };
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (value) || value <= 0)
    return FALSE;
  if (*end == '\0')
    {
      *ms = (gint64) (value * 1000);
      return *ms > 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (end[0] == units[i].unit && end[1] == '\0' && value * units[i].ms < 1e15)
      {
        *ms = (gint64) (value * units[i].ms);
        return *ms > 0;
      }
  return FALSE;
}

static const char *
ps_cli_record_state_text (PsStreamState state)
{
  switch (state)
    {
    case PS_STREAM_CONNECTING: return _("connecting");
    case PS_STREAM_CONNECTED:  return _("connected");
    case PS_STREAM_WAITING:    return _("reconnecting");
    case PS_STREAM_STOPPED:
    default:                   return _("stopped");
    }
}

/* A terminal line for one venue alone, as before several could be recorded. */
static void
ps_cli_record_print_one (PsCliRecordVenue *venue,
                         const char       *message)
{
  PsRecorder *recorder = venue->recorder;
  g_autofree char *longs = ps_format_usd_compact (venue->long_usd);
  g_autofree char *shorts = ps_format_usd_compact (venue->short_usd);

  /* One line rewritten in place; \033[K clears what a longer line left. */
  g_printerr ("\r\033[K");
  /* Translators: the status line of perpscope record: venue, symbol, state
   * ("connected"), events received, events stored, USD of longs and of
   * shorts liquidated ("$1.2M"), open-interest (OI) snapshots taken, then
   * " · " and a message or nothing. The counts may be any number: keep a
   * wording that fits one and many ("events: %u"). */
  g_printerr (_("%s %s: %s · %u events, %u stored · longs %s, shorts %s · %u OI%s%s"),
              ps_stream_get_display_name (ps_recorder_get_stream (recorder)),
              ps_recorder_get_symbol (recorder),
              ps_cli_record_state_text (ps_recorder_get_state (recorder)),
              ps_recorder_get_n_received (recorder), ps_recorder_get_n_stored (recorder),
              longs, shorts, ps_recorder_get_n_snapshots (recorder),
              message ? " · " : "", message ? message : "");
}

/* Several venues on one line: a count each, the state where not connected,
 * and the last thing one of them said. */
static void
ps_cli_record_print_many (PsCliRecord *state,
                          const char  *message)
{
  g_autoptr(GString) line = g_string_new ("\r\033[K");
  double longs = 0, shorts = 0;
  g_autofree char *long_text = NULL;
  g_autofree char *short_text = NULL;

  for (guint i = 0; i < state->n_venues; i++)
    {
      PsRecorder *recorder = state->venues[i].recorder;
      PsStreamState stream_state = ps_recorder_get_state (recorder);

      g_string_append_printf (line, "%s%s %u", i > 0 ? " · " : "",
                              ps_stream_get_display_name (ps_recorder_get_stream (recorder)),
                              ps_recorder_get_n_received (recorder));
      /* Stopped: not started yet, in the moment the others start. */
      if (stream_state != PS_STREAM_CONNECTED && stream_state != PS_STREAM_STOPPED)
        g_string_append_printf (line, " (%s)", ps_cli_record_state_text (stream_state));
      longs += state->venues[i].long_usd;
      shorts += state->venues[i].short_usd;
    }
  long_text = ps_format_usd_compact (longs);
  short_text = ps_format_usd_compact (shorts);
  /* Translators: USD of the long and of the short positions liquidated, "$1.2M" */
  g_string_append_printf (line, _(" · longs %s, shorts %s"), long_text, short_text);
  if (message != NULL)
    g_string_append_printf (line, " · %s", message);
  g_printerr ("%s", line->str);
}

/* Not a terminal (a log): a line when a venue's count, state or message
 * changed since its last line. */
static void
ps_cli_record_print_log (PsCliRecordVenue *venue)
{
  PsRecorder *recorder = venue->recorder;
  const char *message = ps_recorder_get_message (recorder);
  guint received = ps_recorder_get_n_received (recorder);
  PsStreamState stream_state = ps_recorder_get_state (recorder);

  if (message != NULL && g_strcmp0 (message, venue->logged_message) != 0)
    g_printerr ("perpscope record: %s\n", message);
  else if (received != venue->last_received || stream_state != venue->last_state)
    /* Translators: venue, symbol, state ("connected"), liquidations received */
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "perpscope record: %s %s: %s, %u liquidation\n",
                             "perpscope record: %s %s: %s, %u liquidations\n", received),
                ps_stream_get_display_name (ps_recorder_get_stream (recorder)),
                ps_recorder_get_symbol (recorder), ps_cli_record_state_text (stream_state),
                received);
  g_free (venue->logged_message);
  venue->logged_message = g_strdup (message);
  venue->last_received = received;
  venue->last_state = stream_state;
}

static void
ps_cli_record_print_status (PsCliRecord *state,
                            gboolean     tick)
{
  const char *shown = NULL;

  for (guint i = 0; i < state->n_venues; i++)
    {
      PsCliRecordVenue *venue = &state->venues[i];
      const char *message = ps_recorder_get_message (venue->recorder);

      if (!state->tty && (tick || state->n_venues == 1))
        {
          /* One venue keeps its old log: a line for what it says only. */
          if (state->n_venues == 1)
            {
              if (message != NULL && g_strcmp0 (message, venue->last_message) != 0)
                g_printerr ("perpscope record: %s\n", message);
            }
          else
            ps_cli_record_print_log (venue);
        }
      /* The last thing said stays for the summary: stopping clears the stream's. */
      if (message != NULL && g_strcmp0 (message, venue->last_message) != 0)
        {
          g_free (venue->last_message);
          venue->last_message = g_strdup (message);
        }
      if (message != NULL && shown == NULL)
        shown = message;
    }

  if (!state->tty)
    return;
  if (state->n_venues == 1)
    ps_cli_record_print_one (&state->venues[0], shown);
  else
    ps_cli_record_print_many (state, shown);
  state->line_open = TRUE;
}

static void
ps_cli_record_changed_cb (PsRecorder  *recorder,
                          GParamSpec  *pspec,
                          PsCliRecord *state)
{
  for (guint i = 0; i < state->n_venues; i++)
    if (state->venues[i].recorder == recorder &&
        ps_recorder_get_state (recorder) == PS_STREAM_CONNECTED)
      state->venues[i].ever_connected = TRUE;
  ps_cli_record_print_status (state, FALSE);
}

static void
ps_cli_record_batch_cb (PsStream         *stream,
                        PsLiquidations   *batch,
                        gint64            span_from_ms,
                        gint64            span_to_ms,
                        PsCliRecordVenue *venue)
{
  for (guint i = 0; i < batch->n; i++)
    {
      if (!isfinite (batch->usd[i]))
        continue;
      if (batch->side[i] == PS_LIQ_LONG)
        venue->long_usd += batch->usd[i];
      else
        venue->short_usd += batch->usd[i];
    }
}

static gboolean
ps_cli_record_tick_cb (gpointer user_data)
{
  ps_cli_record_print_status (user_data, TRUE);
  return G_SOURCE_CONTINUE;
}

static gboolean
ps_cli_record_quit_cb (gpointer user_data)
{
  PsCliRecord *state = user_data;

  state->duration_id = 0;
  g_main_loop_quit (state->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
ps_cli_record_signal_cb (gpointer user_data)
{
  PsCliRecord *state = user_data;

  state->stopped_by_signal = TRUE;
  g_main_loop_quit (state->loop);
  return G_SOURCE_CONTINUE;
}

static void
ps_cli_record_print_summary (PsCliRecordVenue *venue)
{
  PsRecorder *recorder = venue->recorder;
  g_autofree char *longs = ps_format_usd_compact (venue->long_usd);
  g_autofree char *shorts = ps_format_usd_compact (venue->short_usd);

  /* Translators: venue, symbol, then three counts that may be any number:
   * keep a wording that fits one and many ("liquidations received: %u"). */
  g_print (_("%s %s: %u liquidations received, %u new stored, %u open-interest snapshots\n"),
           ps_stream_get_display_name (ps_recorder_get_stream (recorder)),
           ps_recorder_get_symbol (recorder), ps_recorder_get_n_received (recorder),
           ps_recorder_get_n_stored (recorder), ps_recorder_get_n_snapshots (recorder));
  g_print (_("  longs liquidated %s, shorts liquidated %s\n"), longs, shorts);
  /* Binance and OKX stream the largest order of each second only; Bybit all. */
  if (g_strcmp0 (ps_recorder_get_venue (recorder), "binance") == 0 ||
      g_strcmp0 (ps_recorder_get_venue (recorder), "okx") == 0)
    g_print (_("  a lower bound: the venue sends at most one liquidation per symbol a second\n"));
  if (ps_recorder_get_n_failed (recorder) > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u batch could not be written\n",
                          "  %u batches could not be written\n",
                          ps_recorder_get_n_failed (recorder)),
             ps_recorder_get_n_failed (recorder));
}

/* The recorders of venues (a comma-separated list) for symbol, each resolved
 * for its venue ("BTC" → XBTUSD on BitMEX). A venue with no feed is skipped
 * with a word when others remain. */
static GPtrArray *
ps_cli_record_make (PsCore      *core,
                    const char  *venues,
                    const char  *symbol,
                    GError     **error)
{
  g_autoptr(GPtrArray) recorders = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) names = g_strsplit (venues, ",", -1);
  g_autoptr(GError) first_error = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *venue_symbol = ps_venues_resolve_symbol (names[i], symbol);
      g_autoptr(GError) local_error = NULL;
      PsRecorder *recorder;

      if ((recorder = ps_recorder_new (core, names[i], venue_symbol, &local_error)))
        {
          g_ptr_array_add (recorders, recorder);
          continue;
        }
      if (names[1] != NULL)
        g_printerr (_("perpscope: not recording %s: %s\n"), names[i], local_error->message);
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (recorders->len == 0)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return NULL;
    }
  return g_steal_pointer (&recorders);
}

static int
ps_cli_record_run (PsCliMarket *market,
                   const char  *venues,
                   const char  *recordings_path,
                   gint64       duration_ms)
{
  g_autoptr(PsCore) core = NULL;
  g_autoptr(GPtrArray) recorders = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  PsCliRecord state = { 0 };
  guint sigint_id, sigterm_id, status_id;
  int status = PS_CLI_OK;

  if (!(core = ps_core_new (market->cache_path, PS_CORE_FLAGS_NONE, &error)))
    return ps_cli_fail (error);
  if (recordings_path != NULL)
    ps_core_set_recordings_path (core, recordings_path);
  if ((notice = ps_core_take_recordings_notice (core)))
    g_printerr ("perpscope: %s\n", notice);

  if (!(recorders = ps_cli_record_make (core, venues, market->symbol, &error)))
    {
      ps_core_close (core);
      return ps_cli_fail (error);
    }

  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;
  state.tty = isatty (STDERR_FILENO);
  state.n_venues = recorders->len;
  state.venues = g_new0 (PsCliRecordVenue, recorders->len);
  for (guint i = 0; i < recorders->len; i++)
    {
      state.venues[i].recorder = recorders->pdata[i];
      state.venues[i].last_state = PS_STREAM_STOPPED;
      g_signal_connect (recorders->pdata[i], "notify", G_CALLBACK (ps_cli_record_changed_cb),
                        &state);
      g_signal_connect (ps_recorder_get_stream (recorders->pdata[i]), "liquidations",
                        G_CALLBACK (ps_cli_record_batch_cb), &state.venues[i]);
    }

  sigint_id = g_unix_signal_add (SIGINT, ps_cli_record_signal_cb, &state);
  sigterm_id = g_unix_signal_add (SIGTERM, ps_cli_record_signal_cb, &state);
  /* The count moves each second on a terminal even when nothing notifies. */
  status_id = g_timeout_add_seconds (1, ps_cli_record_tick_cb, &state);
  if (duration_ms > 0)
    state.duration_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                            (guint) MIN (duration_ms, G_MAXUINT),
                                            ps_cli_record_quit_cb, &state, NULL);

  for (guint i = 0; i < recorders->len; i++)
    ps_recorder_start (recorders->pdata[i]);
  g_main_loop_run (loop);

  /* The pending batches go to the writer, which writes all before closing. */
  for (guint i = 0; i < recorders->len; i++)
    ps_recorder_stop (recorders->pdata[i]);
  g_clear_handle_id (&status_id, g_source_remove);
  g_clear_handle_id (&state.duration_id, g_source_remove);
  ps_core_close (core);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (state.line_open)
    g_printerr ("\n");
  for (guint i = 0; i < state.n_venues; i++)
    {
      PsCliRecordVenue *venue = &state.venues[i];
      PsRecorder *recorder = venue->recorder;

      g_signal_handlers_disconnect_by_data (recorder, &state);
      g_signal_handlers_disconnect_by_data (ps_recorder_get_stream (recorder), venue);
      ps_cli_record_print_summary (venue);
      if (ps_recorder_get_n_failed (recorder) > 0)
        status = PS_CLI_FAILED;
      else if (!venue->ever_connected)
        {
          const char *message = ps_recorder_get_message (recorder);

          if (message == NULL)
            message = venue->last_message;
          g_printerr (_("perpscope: could not connect to %s: %s\n"),
                      ps_stream_get_display_name (ps_recorder_get_stream (recorder)),
                      message ? message : _("no answer"));
          status = PS_CLI_FAILED;
        }
      g_free (venue->last_message);
      g_free (venue->logged_message);
    }

  g_free (state.venues);
  return status;
}

/* "binance,bybit": each known, none twice. */
static gboolean
ps_cli_record_check_venues (const char  *text,
                            GError     **error)
{
  g_auto(GStrv) names = g_strsplit (text, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!g_strv_contains (ps_venues_list (), names[i]))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) ps_venues_list ());

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown venue “%s” (known: %s)"), names[i], known);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (names[i], names[j]))
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("The venue “%s” is given twice"), names[i]);
            return FALSE;
          }
    }
  return TRUE;
}

/* Takes market's --venue list into venues, leaving its first for the shared
 * checks; --symbol defaults to BTC, which is BTCUSDT on Binance as before. */
static gboolean
ps_cli_record_take_venues (PsCliMarket  *market,
                           char        **venues,
                           GError      **error)
{
  *venues = market->venue ? g_steal_pointer (&market->venue) : g_strdup ("binance");
  if (!ps_cli_record_check_venues (*venues, error))
    return FALSE;
  market->venue = g_strndup (*venues, strcspn (*venues, ","));
  if (market->symbol == NULL)
    market->symbol = g_strdup ("BTC");
  return TRUE;
}

int
ps_cli_record (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *duration_text = NULL;
  g_autofree char *recordings_path = NULL;
  g_autofree char *venues = NULL;
  PsCliMarket market = { 0 };
  gint64 duration_ms = 0;
  int status;
  GOptionEntry entries[] = {
    { "duration", 0, 0, G_OPTION_ARG_STRING, &duration_text,
      N_("Stop after this long (90s, 10m, 2h, 1d); default: until Ctrl+C"), N_("TIME") },
    { "recordings", 0, 0, G_OPTION_ARG_FILENAME, &recordings_path,
      N_("Recordings file (default: $XDG_DATA_HOME/perpscope/recordings.db)"), N_("FILE") },
    { NULL }
  };

  option_context = g_option_context_new (_("— record live liquidations and open interest"));
  g_option_context_set_summary (option_context,
    _("Records the live liquidation feed of one venue or several (--venue a,b,…) and\n"
      "Binance's open interest (every 5 minutes) into the recordings file until Ctrl+C,\n"
      "SIGTERM or the duration; nothing received is lost when it stops. Stretches when\n"
      "nothing was recorded are kept as such. --symbol takes the venue's own symbol, or a\n"
      "coin (BTC, ETH, SOL) that each venue names its own way (BTC: BTCUSDT on Binance\n"
      "and Bybit, BTC-USDT-SWAP on OKX, XBTUSD on BitMEX). Hyperliquid publishes no\n"
      "liquidation feed.\n\n"
      "Examples:\n"
      "  perpscope record --venue binance --symbol BTCUSDT --duration 10m\n"
      "  perpscope record --venue binance,bybit,okx,bitmex --symbol BTC"));
  g_option_context_set_main_group (option_context, ps_cli_market_options (&market));
  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    status = ps_cli_usage_error ("record", error->message);
  else if (argc > 1)
    status = ps_cli_usage_error ("record", _("Unexpected argument"));
  else if (!ps_cli_record_take_venues (&market, &venues, &error) ||
           !ps_cli_market_validate (&market, &error))
    status = ps_cli_usage_error ("record", error->message);
  else if (duration_text != NULL && !ps_cli_record_parse_duration (duration_text, &duration_ms))
    status = ps_cli_usage_error ("record", _("The duration must look like 90s, 10m, 2h or 1d"));
  else if (recordings_path != NULL && *recordings_path == '\0')
    status = ps_cli_usage_error ("record", _("The recordings file name is empty"));
  else
    status = ps_cli_record_run (&market, venues, recordings_path, duration_ms);

  ps_cli_market_clear (&market);
  return status;
}
