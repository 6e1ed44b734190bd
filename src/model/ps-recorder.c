/* ps-recorder.c: one market's live feed written into the recordings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-model"

#include <glib/gi18n-lib.h>

#include "ps-recorder.h"
#include "ps-venues.h"

/* Two snapshots further apart than this (5 min polls, one missed) leave the
 * time between them not recorded. */
#define PS_RECORDER_OI_CONTINUITY_MS (11 * 60 * 1000)

struct _PsRecorder
{
  GObject    parent_instance;

  PsCore    *core;
  PsStream  *stream;
  char      *venue;
  char      *symbol;

  char      *write_error;     /* the last failed write, in words; NULL after a success */
  guint      n_stored;
  guint      n_failed;
  guint      n_snapshots;
  guint      n_pending;
  gint64     last_oi_ms;      /* the last snapshot's time, G_MININT64: none */
};

G_DEFINE_FINAL_TYPE (PsRecorder, ps_recorder, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_N_RECEIVED,
  PROP_N_STORED,
  PROP_N_FAILED,
  PROP_N_SNAPSHOTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One write: a batch of events or a snapshot, with the span it proves. The
 * job owns its series and strings; the answer comes back to the recorder,
 * which the job keeps alive (a window may drop it before the write ends). */
typedef struct
{
  PsRecorder     *recorder;
  char           *venue;
  char           *symbol;
  PsLiquidations *events;
  PsOpenInterest *snapshot;
  gint64          span_from_ms;
  gint64          span_to_ms;
  guint           n_new;
} PsRecorderJob;

/* On the main thread, in the answer: the recorder's last reference may go
 * with it, and it must not go on the writer thread. */
static void
ps_recorder_job_free (PsRecorderJob *job)
{
  g_clear_object (&job->recorder);
  g_free (job->venue);
  g_free (job->symbol);
  g_clear_pointer (&job->events, ps_liquidations_unref);
  g_clear_pointer (&job->snapshot, ps_open_interest_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsRecorderJob, ps_recorder_job_free)

/* Writer thread. */
static gboolean
ps_recorder_write_job (PsWriterDbs  *dbs,
                       gpointer      data,
                       GError      **error)
{
  PsRecorderJob *job = data;
  PsRecordings *recordings;

  if (!(recordings = ps_writer_dbs_get_recordings (dbs, error)))
    return FALSE;

  if (job->snapshot != NULL)
    return ps_recordings_write_open_interest (recordings, job->venue, job->symbol, job->snapshot,
                                              job->span_from_ms, job->span_to_ms, error);

  return ps_recordings_write_liquidations (recordings, job->venue, job->symbol, job->events,
                                           job->span_from_ms, job->span_to_ms, &job->n_new,
                                           error);
}

static void
ps_recorder_set_write_error (PsRecorder *self,
                             const char *message)
{
  if (g_strcmp0 (self->write_error, message) == 0)
    return;
  g_free (self->write_error);
  self->write_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
ps_recorder_written_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(PsRecorderJob) job = user_data;
  PsRecorder *self = job->recorder;
  g_autoptr(GError) error = NULL;
  PsSeriesKind kind = job->snapshot ? PS_SERIES_OPEN_INTEREST : PS_SERIES_LIQUIDATIONS;

  g_assert (PS_IS_RECORDER (self));

  self->n_pending--;

  if (!ps_writer_submit_finish (PS_WRITER (object), result, &error))
    {
      g_autofree char *text = NULL;

      /* The events stay in the venue's past: say so, keep recording. */
      text = g_strdup_printf (_("Could not record %s %s: %s"),
                              ps_stream_get_display_name (self->stream), self->symbol,
                              error->message);
      self->n_failed++;
      ps_recorder_set_write_error (self, text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FAILED]);
      return;
    }

  ps_recorder_set_write_error (self, NULL);
  if (kind == PS_SERIES_OPEN_INTEREST)
    {
      self->n_snapshots++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SNAPSHOTS]);
    }
  else if (job->n_new > 0)
    {
      self->n_stored += job->n_new;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STORED]);
    }

  ps_core_emit_recorded (self->core, self->venue, self->symbol, kind,
                         job->span_from_ms, job->span_to_ms);
}

static void
ps_recorder_submit (PsRecorder    *self,
                    PsRecorderJob *job)
{
  job->recorder = g_object_ref (self);
  job->venue = g_strdup (self->venue);
  job->symbol = g_strdup (self->symbol);
  self->n_pending++;
  /* No cancellable: what was received is written whatever happens next. */
  ps_writer_submit_async (ps_core_get_writer (self->core), ps_recorder_write_job, job, NULL,
                          NULL, ps_recorder_written_cb, job);
}

static void
ps_recorder_liquidations_cb (PsRecorder     *self,
                             PsLiquidations *batch,
                             gint64          span_from_ms,
                             gint64          span_to_ms,
                             PsStream       *stream)
{
  PsRecorderJob *job;

  g_assert (PS_IS_RECORDER (self));

  /* An empty batch still extends the span: a quiet minute is recorded as
   * quiet, not as unknown. */
  if (batch->n == 0 && span_to_ms <= span_from_ms)
    return;

  job = g_new0 (PsRecorderJob, 1);
  job->events = ps_liquidations_ref (batch);
  job->span_from_ms = span_from_ms;
  job->span_to_ms = span_to_ms;
  ps_recorder_submit (self, job);
}

static void
ps_recorder_open_interest_cb (PsRecorder     *self,
                              PsOpenInterest *row,
                              PsStream       *stream)
{
  PsRecorderJob *job;
  gint64 t_ms;

  g_assert (PS_IS_RECORDER (self));

  if (row->n == 0)
    return;

  t_ms = row->t_ms[row->n - 1];
  job = g_new0 (PsRecorderJob, 1);
  job->snapshot = ps_open_interest_ref (row);
  /* Consecutive polls prove the time between them; a lone one its instant. */
  if (self->last_oi_ms != G_MININT64 && self->last_oi_ms < t_ms &&
      t_ms - self->last_oi_ms <= PS_RECORDER_OI_CONTINUITY_MS)
    job->span_from_ms = self->last_oi_ms;
  else
    job->span_from_ms = row->t_ms[0];
  job->span_to_ms = t_ms + 1;
  self->last_oi_ms = MAX (self->last_oi_ms, t_ms);
  ps_recorder_submit (self, job);
}

static void
ps_recorder_stream_notify_cb (PsRecorder *self,
                              GParamSpec *pspec,
                              PsStream   *stream)
{
  g_assert (PS_IS_RECORDER (self));

  if (g_str_equal (pspec->name, "state"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  else if (g_str_equal (pspec->name, "message"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  else if (g_str_equal (pspec->name, "n-events"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RECEIVED]);
}

static void
ps_recorder_dispose (GObject *object)
{
  PsRecorder *self = PS_RECORDER (object);

  /* The last batch goes to the writer before the stream goes. */
  if (self->stream != NULL)
    {
      ps_stream_stop (self->stream);
      g_signal_handlers_disconnect_by_data (self->stream, self);
    }
  g_clear_object (&self->stream);

  G_OBJECT_CLASS (ps_recorder_parent_class)->dispose (object);
}

static void
ps_recorder_finalize (GObject *object)
{
  PsRecorder *self = PS_RECORDER (object);

  g_clear_object (&self->core);
  g_free (self->venue);
  g_free (self->symbol);
  g_free (self->write_error);

  G_OBJECT_CLASS (ps_recorder_parent_class)->finalize (object);
}

static void
ps_recorder_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PsRecorder *self = PS_RECORDER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, ps_recorder_get_state (self));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, ps_recorder_get_message (self));
      break;
    case PROP_N_RECEIVED:
      g_value_set_uint (value, ps_recorder_get_n_received (self));
      break;
    case PROP_N_STORED:
      g_value_set_uint (value, self->n_stored);
      break;
    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;
    case PROP_N_SNAPSHOTS:
      g_value_set_uint (value, self->n_snapshots);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_recorder_class_init (PsRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_recorder_dispose;
  object_class->finalize = ps_recorder_finalize;
  object_class->get_property = ps_recorder_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PS_TYPE_STREAM_STATE, PS_STREAM_STOPPED,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_RECEIVED] =
    g_param_spec_uint ("n-received", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_STORED] =
    g_param_spec_uint ("n-stored", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_FAILED] =
    g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_SNAPSHOTS] =
    g_param_spec_uint ("n-snapshots", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_recorder_init (PsRecorder *self)
{
  self->last_oi_ms = G_MININT64;
}

PsRecorder *
ps_recorder_new (PsCore      *core,
                 const char  *venue,
                 const char  *symbol,
                 GError     **error)
{
  g_autoptr(PsRecorder) self = NULL;
  PsStream *stream;

  g_return_val_if_fail (PS_IS_CORE (core), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stream = ps_venues_create_stream (venue, ps_core_get_http (core), symbol, error)))
    return NULL;

  self = g_object_new (PS_TYPE_RECORDER, NULL);
  self->core = g_object_ref (core);
  self->stream = stream;
  self->venue = g_strdup (ps_stream_get_venue (stream));
  self->symbol = g_strdup (ps_stream_get_symbol (stream));
  g_signal_connect_object (stream, "liquidations", G_CALLBACK (ps_recorder_liquidations_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (stream, "open-interest", G_CALLBACK (ps_recorder_open_interest_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (stream, "notify", G_CALLBACK (ps_recorder_stream_notify_cb),
                           self, G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}

void
ps_recorder_start (PsRecorder *self)
{
  g_return_if_fail (PS_IS_RECORDER (self));

  ps_stream_start (self->stream);
}

void
ps_recorder_stop (PsRecorder *self)
{
  g_return_if_fail (PS_IS_RECORDER (self));

  ps_stream_stop (self->stream);
}

const char *
ps_recorder_get_venue (PsRecorder *self)
{
  g_return_val_if_fail (PS_IS_RECORDER (self), NULL);

  return self->venue;
}

const char *
ps_recorder_get_symbol (PsRecorder *self)
{
  g_return_val_if_fail (PS_IS_RECORDER (self), NULL);

  return self->symbol;
}

PsStream *
ps_recorder_get_stream (PsRecorder *self)
{
  g_return_val_if_fail (PS_IS_RECORDER (self), NULL);

  return self->stream;
}

PsStreamState
ps_recorder_get_state (PsRecorder *self)
{
  g_return_val_if_fail (PS_IS_RECORDER (self), PS_STREAM_STOPPED);

  return self->stream ? ps_stream_get_state (self->stream) : PS_STREAM_STOPPED;
}

const char *
ps_recorder_get_message (PsRecorder *self)
{
  g_return_val_if_fail (PS_IS_RECORDER (self), NULL);

  if (self->write_error != NULL)
    return self->write_error;
  return self->stream ? ps_stream_get_message (self->stream) : NULL;
}

guint
ps_recorder_get_n_received (PsRecorder *self)
{
  g_return_val_if_fail (PS_IS_RECORDER (self), 0);

  return self->stream ? ps_stream_get_n_events (self->stream) : 0;
}

guint
ps_recorder_get_n_stored (PsRecorder *self)
{
  g_return_val_if_fail (PS_IS_RECORDER (self), 0);

  return self->n_stored;
}

guint
ps_recorder_get_n_failed (PsRecorder *self)
{
  g_return_val_if_fail (PS_IS_RECORDER (self), 0);

  return self->n_failed;
}

guint
ps_recorder_get_n_snapshots (PsRecorder *self)
{
  g_return_val_if_fail (PS_IS_RECORDER (self), 0);

  return self->n_snapshots;
}

guint
ps_recorder_get_n_pending (PsRecorder *self)
{
  g_return_val_if_fail (PS_IS_RECORDER (self), 0);

  return self->n_pending;
}
