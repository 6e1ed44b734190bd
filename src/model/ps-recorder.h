/* ps-recorder.h: one market's live feed written into the recordings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-core.h"
#include "ps-stream.h"

G_BEGIN_DECLS

#define PS_TYPE_RECORDER (ps_recorder_get_type ())
G_DECLARE_FINAL_TYPE (PsRecorder, ps_recorder, PS, RECORDER, GObject)

/* Records venue's symbol: the venue's live stream, each batch of
 * liquidations and each open-interest snapshot written through the core's
 * writer with the span it proves, in one transaction. Not started. NULL and
 * a PS_NET_ERROR for a venue with no live feed. */
PsRecorder    *ps_recorder_new             (PsCore      *core,
                                            const char  *venue,
                                            const char  *symbol,
                                            GError     **error);
void           ps_recorder_start           (PsRecorder  *self);
/* Stops the stream and hands its pending batch to the writer: nothing
 * received is lost. ps_core_close () waits until it is written. */
void           ps_recorder_stop            (PsRecorder  *self);

const char    *ps_recorder_get_venue       (PsRecorder  *self);
const char    *ps_recorder_get_symbol      (PsRecorder  *self);
PsStream      *ps_recorder_get_stream      (PsRecorder  *self);
/* The stream's state (notify::state). */
PsStreamState  ps_recorder_get_state       (PsRecorder  *self);
/* In words: the last write that failed, else why the stream waits or what it
 * could not read; NULL when all is well (notify::message). */
const char    *ps_recorder_get_message     (PsRecorder  *self);
/* Events received from the venue, events committed that were not stored
 * before (another recorder may have stored the rest), batches whose write
 * failed, open-interest snapshots committed (each notifies). */
guint          ps_recorder_get_n_received  (PsRecorder  *self);
guint          ps_recorder_get_n_stored    (PsRecorder  *self);
guint          ps_recorder_get_n_failed    (PsRecorder  *self);
guint          ps_recorder_get_n_snapshots (PsRecorder  *self);
/* Batches handed to the writer and not answered yet. */
guint          ps_recorder_get_n_pending   (PsRecorder  *self);

G_END_DECLS
