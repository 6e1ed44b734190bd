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
#include <unistd.h>

#include "ps-cli.h"
#include "ps-recorder.h"
#include "ps-render.h"

typedef struct
{
  GMainLoop   *loop;
  PsRecorder  *recorder;
  gboolean     tty;
  gboolean     line_open;     /* a status line waits to be cleared */
  gboolean     stopped_by_signal;
  gboolean     ever_connected;
  double       long_usd;      /* received, this run */
  double       short_usd;
  char        *last_message;  /* printed already (not on a terminal) */
  guint        duration_id;
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

static void
ps_cli_record_print_status (PsCliRecord *state)
{
  PsRecorder *recorder = state->recorder;
  const char *message = ps_recorder_get_message (recorder);
  g_autofree char *longs = ps_format_usd_compact (state->long_usd);
  g_autofree char *shorts = ps_format_usd_compact (state->short_usd);

  /* The last thing said stays for the summary: stopping clears the stream's. */
  if (state->tty && message != NULL && g_strcmp0 (message, state->last_message) != 0)
    {
      g_free (state->last_message);
      state->last_message = g_strdup (message);
    }

  if (state->tty)
    {
      /* One line rewritten in place; \033[K clears what a longer line left. */
      g_printerr ("\r\033[K%s %s: %s · %u events, %u stored · longs %s, shorts %s · %u OI%s%s",
                  ps_stream_get_display_name (ps_recorder_get_stream (recorder)),
                  ps_recorder_get_symbol (recorder),
                  ps_cli_record_state_text (ps_recorder_get_state (recorder)),
                  ps_recorder_get_n_received (recorder), ps_recorder_get_n_stored (recorder),
                  longs, shorts, ps_recorder_get_n_snapshots (recorder),
                  message ? " · " : "", message ? message : "");
      state->line_open = TRUE;
      return;
    }

  /* Not a terminal (a log): a line when something is to be said, once. */
  if (message != NULL && g_strcmp0 (message, state->last_message) != 0)
    g_printerr ("perpscope record: %s\n", message);
  if (message != NULL)
    {
      g_free (state->last_message);
      state->last_message = g_strdup (message);
    }
}

static void
ps_cli_record_changed_cb (PsRecorder  *recorder,
                          GParamSpec  *pspec,
                          PsCliRecord *state)
{
  if (ps_recorder_get_state (recorder) == PS_STREAM_CONNECTED)
    state->ever_connected = TRUE;
  ps_cli_record_print_status (state);
}

static void
ps_cli_record_batch_cb (PsStream       *stream,
                        PsLiquidations *batch,
                        gint64          span_from_ms,
                        gint64          span_to_ms,
                        PsCliRecord    *state)
{
  for (guint i = 0; i < batch->n; i++)
    {
      if (!isfinite (batch->usd[i]))
        continue;
      if (batch->side[i] == PS_LIQ_LONG)
        state->long_usd += batch->usd[i];
      else
        state->short_usd += batch->usd[i];
    }
}

static gboolean
ps_cli_record_tick_cb (gpointer user_data)
{
  ps_cli_record_print_status (user_data);
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
ps_cli_record_print_summary (PsCliRecord *state)
{
  PsRecorder *recorder = state->recorder;
  g_autofree char *longs = ps_format_usd_compact (state->long_usd);
  g_autofree char *shorts = ps_format_usd_compact (state->short_usd);

  if (state->line_open)
    g_printerr ("\n");
  g_print (_("%s %s: %u liquidations received, %u new stored, %u open-interest snapshots\n"),
           ps_stream_get_display_name (ps_recorder_get_stream (recorder)),
           ps_recorder_get_symbol (recorder), ps_recorder_get_n_received (recorder),
           ps_recorder_get_n_stored (recorder), ps_recorder_get_n_snapshots (recorder));
  g_print (_("  longs liquidated %s, shorts liquidated %s\n"), longs, shorts);
  /* Binance streams the largest order of each second only. */
  g_print (_("  a lower bound: the venue sends at most one liquidation per symbol a second\n"));
  if (ps_recorder_get_n_failed (recorder) > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u batch could not be written\n",
                          "  %u batches could not be written\n",
                          ps_recorder_get_n_failed (recorder)),
             ps_recorder_get_n_failed (recorder));
}

static int
ps_cli_record_run (PsCliMarket *market,
                   const char  *recordings_path,
                   gint64       duration_ms)
{
  g_autoptr(PsCore) core = NULL;
  g_autoptr(PsRecorder) recorder = NULL;
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

  if (!(recorder = ps_recorder_new (core, market->venue, market->symbol, &error)))
    {
      ps_core_close (core);
      return ps_cli_fail (error);
    }

  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;
  state.recorder = recorder;
  state.tty = isatty (STDERR_FILENO);
  g_signal_connect (recorder, "notify", G_CALLBACK (ps_cli_record_changed_cb), &state);
  g_signal_connect (ps_recorder_get_stream (recorder), "liquidations",
                    G_CALLBACK (ps_cli_record_batch_cb), &state);

  sigint_id = g_unix_signal_add (SIGINT, ps_cli_record_signal_cb, &state);
  sigterm_id = g_unix_signal_add (SIGTERM, ps_cli_record_signal_cb, &state);
  /* The count moves each second on a terminal even when nothing notifies. */
  status_id = g_timeout_add_seconds (1, ps_cli_record_tick_cb, &state);
  if (duration_ms > 0)
    state.duration_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                            (guint) MIN (duration_ms, G_MAXUINT),
                                            ps_cli_record_quit_cb, &state, NULL);

  ps_recorder_start (recorder);
  g_main_loop_run (loop);

  /* The pending batch goes to the writer, which writes all before closing. */
  ps_recorder_stop (recorder);
  g_clear_handle_id (&status_id, g_source_remove);
  g_clear_handle_id (&state.duration_id, g_source_remove);
  ps_core_close (core);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_signal_handlers_disconnect_by_data (recorder, &state);
  g_signal_handlers_disconnect_by_data (ps_recorder_get_stream (recorder), &state);

  ps_cli_record_print_summary (&state);
  if (ps_recorder_get_n_failed (recorder) > 0)
    status = PS_CLI_FAILED;
  else if (!state.ever_connected)
    {
      const char *message = ps_recorder_get_message (recorder);

      if (message == NULL)
        message = state.last_message;
      g_printerr (_("perpscope: could not connect to %s: %s\n"),
                  ps_stream_get_display_name (ps_recorder_get_stream (recorder)),
                  message ? message : _("no answer"));
      status = PS_CLI_FAILED;
    }

  g_free (state.last_message);
  return status;
}

int
ps_cli_record (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *duration_text = NULL;
  g_autofree char *recordings_path = NULL;
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
    _("Records the venue's live liquidation feed and its open interest (every 5 minutes)\n"
      "into the recordings file until Ctrl+C, SIGTERM or the duration; nothing received\n"
      "is lost when it stops. Stretches when nothing was recorded are kept as such.\n\n"
      "Example:\n"
      "  perpscope record --venue binance --symbol BTCUSDT --duration 10m"));
  g_option_context_set_main_group (option_context, ps_cli_market_options (&market));
  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    status = ps_cli_usage_error ("record", error->message);
  else if (argc > 1)
    status = ps_cli_usage_error ("record", _("Unexpected argument"));
  else if (!ps_cli_market_validate (&market, &error))
    status = ps_cli_usage_error ("record", error->message);
  else if (duration_text != NULL && !ps_cli_record_parse_duration (duration_text, &duration_ms))
    status = ps_cli_usage_error ("record", _("The duration must look like 90s, 10m, 2h or 1d"));
  else if (recordings_path != NULL && *recordings_path == '\0')
    status = ps_cli_usage_error ("record", _("The recordings file name is empty"));
  else
    status = ps_cli_record_run (&market, recordings_path, duration_ms);

  ps_cli_market_clear (&market);
  return status;
}
