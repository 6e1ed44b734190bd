/* ps-bench-record.c: 100,000 liquidation events through the recorder's whole
 * path (a stream's batches → PsRecorder jobs → the core's writer →
 * recordings.db, 'recorded' on the main loop), beside raw SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "ps-bench-private.h"
#include "ps-recorder.h"

#define N_REC        100000
#define REC_BATCH    1000       /* a busy stream's batch; Binance sends ≤ 1 a second */

static void
recorded_cb (PsCore       *core,
             const char   *venue,
             const char   *symbol,
             guint         kind,
             gint64        from_ms,
             gint64        to_ms,
             guint        *n_recorded)
{
  (*n_recorded)++;
}

void
bench_recorder (const char *dir)
{
  g_autofree char *cache_path = g_build_filename (dir, "rec-cache.db", NULL);
  g_autofree char *rec_path = g_build_filename (dir, "rec-recordings.db", NULL);
  g_autofree char *raw_path = g_build_filename (dir, "rec-raw.db", NULL);
  g_autoptr(PsLiquidations) events = bench_make_liquidations (N_REC);
  g_autoptr(PsCore) core = NULL;
  g_autoptr(PsRecorder) recorder = NULL;
  g_autoptr(PsRecordings) reader = NULL;
  g_autoptr(PsLiquidations) stored = NULL;
  g_autoptr(GError) error = NULL;
  PsStream *stream;
  guint n_recorded = 0;
  double t, ours_s, raw_s, raw_cpu_s;

  core = ps_core_new (cache_path, PS_CORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ps_core_set_recordings_path (core, rec_path);
  /* Never started: the batches are emitted here as a connected stream
   * would, so that nothing but the recorder's path is timed. */
  recorder = ps_recorder_new (core, "binance", "BTCUSDT", &error);
  g_assert_no_error (error);
  stream = ps_recorder_get_stream (recorder);
  g_signal_connect (core, "recorded", G_CALLBACK (recorded_cb), &n_recorded);
  /* The file opened (and made) as at the app's start, outside the timing. */
  ps_core_get_writer (core);

  t = now_s ();
  for (guint first = 0; first < events->n; first += REC_BATCH)
    {
      g_autoptr(PsLiquidations) batch = NULL;
      gint64 from_ms = events->t_ms[first];
      gint64 to_ms = from_ms + (gint64) REC_BATCH * 1000;

      batch = ps_liquidations_slice (events, from_ms, to_ms);
      g_signal_emit_by_name (stream, "liquidations", batch, from_ms, to_ms);
    }
  while (ps_recorder_get_n_pending (recorder) > 0)
    g_main_context_iteration (NULL, TRUE);
  ours_s = now_s () - t;

  if (ps_recorder_get_n_failed (recorder) > 0)
    g_error ("%s", ps_recorder_get_message (recorder));
  g_assert (ps_recorder_get_n_stored (recorder) == N_REC);
  g_assert (n_recorded == N_REC / REC_BATCH);
  reader = ps_recordings_new_read_only (rec_path, &error);
  g_assert_no_error (error);
  stored = ps_recordings_read_liquidations (reader, "binance", "BTCUSDT", G_MININT64, G_MAXINT64,
                                            &error);
  g_assert_no_error (error);
  g_assert (stored->n == N_REC);

  raw_s = bench_raw_liquidations (raw_path, rec_path, events, &raw_cpu_s);
  report_speed ("100k liquidations, recorder", ours_s, raw_s, N_REC, 0.8);

  g_signal_handlers_disconnect_by_data (core, &n_recorded);
  ps_core_close (core);
}
