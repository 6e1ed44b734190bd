/* ps-market-analysis.c: a market's heatmap, scores and phases, kept up to date off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include "ps-market-analysis.h"
#include "ps-market-snapshot.h"

struct _PsMarketAnalysis
{
  GObject           parent_instance;

  PsMarketSource   *source;
  PsAnalysisParams  params;
  PsAnalysis       *result;
  GError           *error;

  /* The snapshot the result was computed from: a new run may extend it
   * only when its series are a prefix of the new ones, and is not needed
   * at all when the new snapshot holds the very same ones. */
  PsMarketSnapshot *result_snapshot;

  GCancellable     *cancellable;   /* the run in flight */
  guint64           run_serial;    /* the snapshot the last run started on */
  guint             generation;    /* bumped by each change of source or params */
  gint64            last_start_us;
  gint64            last_run_us;   /* how long the last run took, start to result */
  guint             gap_source;
  guint             n_runs;
  guint             n_incremental;
  guint             n_skipped;     /* snapshots whose input was the result's */
  guint             running : 1;
  guint             pending : 1;   /* the series changed since the run started */
};

G_DEFINE_FINAL_TYPE (PsMarketAnalysis, ps_market_analysis, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* One run: the market's snapshot of the moment, immutable and shared. */
typedef struct
{
  PsAnalysisParams  params;
  PsMarketSnapshot *snapshot;
  PsAnalysis       *previous;
  guint             generation;
  gint64            start_us;
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->snapshot, ps_market_snapshot_unref);
  g_clear_pointer (&run->previous, ps_analysis_unref);
  g_free (run);
}

static gint64
ps_market_analysis_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Run *run = task_data;
  PsMarketSnapshot *snapshot = run->snapshot;
  PsAnalysisInput input = {
    snapshot->candles, snapshot->spot_candles, snapshot->open_interest,
    snapshot->funding, snapshot->liquidations, snapshot->not_recorded,
  };
  GError *error = NULL;
  PsAnalysis *analysis;

  gint64 cpu0 = g_getenv ("PERPSCOPE_DEBUG_ANALYSIS") != NULL ? ps_market_analysis_thread_cpu_us () : -1;

  analysis = ps_analysis_run (&run->params, &input, run->previous, cancellable, &error);
  /* PERPSCOPE_DEBUG_ANALYSIS=1: each run's thread CPU on stderr, to see
   * what a live window's analysis costs. */
  if (cpu0 >= 0)
    g_printerr ("perpscope: analysis of %u candles, %s, %.1f ms CPU\n",
                snapshot->candles != NULL ? snapshot->candles->n : 0,
                run->previous != NULL ? "after the last" : "from nothing",
                (ps_market_analysis_thread_cpu_us () - cpu0) / 1e3);
  if (analysis == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, analysis, (GDestroyNotify) ps_analysis_unref);
}

/* Whether old's rows are new's first rows (the last may have changed: an
 * open candle, the latest open interest). */
static gboolean
candles_continue (const PsCandles *old,
                  const PsCandles *new)
{
  if (old == NULL || old->n == 0 || new->n < old->n || new->t_ms[0] != old->t_ms[0])
    return FALSE;
  if (old->n >= 2)
    {
      guint i = old->n - 2;

      return new->t_ms[i] == old->t_ms[i] &&
             ps_candles_close_at (new, i) == ps_candles_close_at (old, i) &&
             ps_candles_low_at (new, i) == ps_candles_low_at (old, i) &&
             ps_candles_high_at (new, i) == ps_candles_high_at (old, i);
    }
  return TRUE;
}

static gboolean
oi_continues (const PsOpenInterest *old,
              const PsOpenInterest *new)
{
  if (old == NULL || new == NULL)
    return old == new;
  if (old->n == 0)
    return new->n == 0;
  if (new->n < old->n || new->t_ms[0] != old->t_ms[0])
    return FALSE;
  if (old->n >= 2)
    {
      guint i = old->n - 2;

      return new->t_ms[i] == old->t_ms[i] &&
             (new->usd[i] == old->usd[i] || (new->usd[i] != new->usd[i] && old->usd[i] != old->usd[i]));
    }
  return TRUE;
}

/* The not-recorded spans over [from_ms, to_ms): what the analysis reads
 * of them (the candles' span; the range around it slides with the clock). */
static gboolean
same_spans_within (const GArray *a,
                   const GArray *b,
                   gint64        from_ms,
                   gint64        to_ms)
{
  guint i = 0, j = 0;

  for (;;)
    {
      const PsRange *ra = NULL, *rb = NULL;

      for (; a != NULL && i < a->len; i++)
        {
          ra = &g_array_index (a, PsRange, i);
          if (ra->to_ms > from_ms && ra->from_ms < to_ms)
            break;
          ra = NULL;
        }
      for (; b != NULL && j < b->len; j++)
        {
          rb = &g_array_index (b, PsRange, j);
          if (rb->to_ms > from_ms && rb->from_ms < to_ms)
            break;
          rb = NULL;
        }
      if (ra == NULL || rb == NULL)
        return ra == rb;
      if (MAX (ra->from_ms, from_ms) != MAX (rb->from_ms, from_ms) ||
          MIN (ra->to_ms, to_ms) != MIN (rb->to_ms, to_ms))
        return FALSE;
      i++, j++;
    }
}

/* Whether a run over b would read what the run over a read: the same
 * series (the market hands on a series it read the same, so the pointers
 * tell) and the same spans not recorded over the candles. */
static gboolean
same_input (const PsMarketSnapshot *a,
            const PsMarketSnapshot *b)
{
  const PsCandles *c = b->candles;
  gint64 step = ps_interval_to_ms (b->interval);

  if (a == NULL || a->candles != b->candles || a->spot_candles != b->spot_candles ||
      a->funding != b->funding || a->open_interest != b->open_interest ||
      a->liquidations != b->liquidations || a->interval != b->interval)
    return FALSE;
  if (c->n == 0)
    return TRUE;
  return same_spans_within (a->not_recorded, b->not_recorded, c->t_ms[0],
                            c->t_ms[c->n - 1] + MAX (step, 1));
}

static void start_run (PsMarketAnalysis *self);

static gboolean
gap_cb (gpointer user_data)
{
  PsMarketAnalysis *self = user_data;

  self->gap_source = 0;
  start_run (self);
  return G_SOURCE_REMOVE;
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PsMarketAnalysis *self = PS_MARKET_ANALYSIS (object);
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  PsAnalysis *analysis;

  analysis = g_task_propagate_pointer (G_TASK (result), &error);
  self->running = FALSE;
  /* A run cancelled part way says nothing of how long one takes. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->last_run_us = g_get_monotonic_time () - run->start_us;
  g_clear_object (&self->cancellable);

  if (run->generation == self->generation &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&self->result, ps_analysis_unref);
      g_clear_pointer (&self->result_snapshot, ps_market_snapshot_unref);
      g_clear_error (&self->error);
      self->result = analysis;
      analysis = NULL;
      if (self->result != NULL)
        {
          self->result_snapshot = ps_market_snapshot_ref (run->snapshot);
          if (ps_analysis_get_incremental (self->result))
            self->n_incremental++;
        }
      else
        self->error = g_steal_pointer (&error);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  g_clear_pointer (&analysis, ps_analysis_unref);

  if (self->pending)
    start_run (self);

  /* The reference run_later () took for the task. */
  g_object_unref (self);
}

gint64
ps_market_analysis_min_gap_us (gboolean loading,
                               gint64   last_run_us)
{
  gint64 gap_us = (gint64) (loading ? PS_MARKET_ANALYSIS_LOADING_GAP_MS
                                    : PS_MARKET_ANALYSIS_MIN_GAP_MS) * 1000;

  return MAX (gap_us, MAX (last_run_us, 0) * 100 / PS_MARKET_ANALYSIS_MAX_SHARE_PCT);
}

/* Starts a run over the market's series now, or as soon as the one in flight
 * returns and ps_market_analysis_min_gap_us () has passed since the last
 * start. */
static void
start_run (PsMarketAnalysis *self)
{
  g_autoptr(GTask) task = NULL;
  gint64 now = g_get_monotonic_time ();
  gint64 gap_us;
  Run *run;

  if (self->source == NULL)
    return;
  gap_us = ps_market_analysis_min_gap_us (ps_market_source_get_loading (self->source),
                                          self->last_run_us);
  self->pending = TRUE;
  if (self->running || self->gap_source != 0)
    return;
  if (self->last_start_us != 0 && now - self->last_start_us < gap_us)
    {
      self->gap_source = g_timeout_add ((guint) ((gap_us - (now - self->last_start_us)) / 1000) + 1,
                                        gap_cb, self);
      return;
    }

  self->pending = FALSE;
  run = g_new0 (Run, 1);
  run->snapshot = ps_market_source_get_snapshot (self->source);
  /* The same snapshot as the last run's: nothing the analysis reads changed. */
  if (run->snapshot->serial == self->run_serial)
    {
      run_free (run);
      return;
    }
  self->run_serial = run->snapshot->serial;
  if (self->result != NULL && same_input (self->result_snapshot, run->snapshot))
    {
      /* A refresh that found nothing new: the result stands, now for the
       * new snapshot (which may hold less than the old one: its range). */
      g_clear_pointer (&self->result_snapshot, ps_market_snapshot_unref);
      self->result_snapshot = g_steal_pointer (&run->snapshot);
      self->n_skipped++;
      run_free (run);
      return;
    }
  self->running = TRUE;
  self->last_start_us = now;
  self->n_runs++;
  run->params = self->params;
  run->generation = self->generation;
  run->start_us = now;
  if (self->result != NULL &&
      candles_continue (self->result_snapshot->candles, run->snapshot->candles) &&
      oi_continues (self->result_snapshot->open_interest, run->snapshot->open_interest))
    run->previous = ps_analysis_ref (self->result);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (g_object_ref (self), self->cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, run_thread);
}

static void
market_changed_cb (PsMarketAnalysis *self)
{
  start_run (self);
}

/* A new market or new parameters: what runs or waits is moot. */
static void
restart (PsMarketAnalysis *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->gap_source, g_source_remove);
  self->pending = FALSE;
  self->last_start_us = 0;
  self->run_serial = 0;
  g_clear_pointer (&self->result, ps_analysis_unref);
  g_clear_pointer (&self->result_snapshot, ps_market_snapshot_unref);
  g_clear_error (&self->error);
  g_signal_emit (self, signals[CHANGED], 0);
  start_run (self);
}

void
ps_market_analysis_set_source (PsMarketAnalysis *self,
                               PsMarketSource   *source)
{
  g_return_if_fail (PS_IS_MARKET_ANALYSIS (self));

  if (self->source == source)
    return;
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  if (source != NULL)
    g_signal_connect_object (source, "changed", G_CALLBACK (market_changed_cb),
                             self, G_CONNECT_SWAPPED);
  restart (self);
}

void
ps_market_analysis_set_params (PsMarketAnalysis       *self,
                               const PsAnalysisParams *params)
{
  g_return_if_fail (PS_IS_MARKET_ANALYSIS (self));

  if (ps_analysis_params_equal (&self->params, params))
    return;
  self->params = *params;
  restart (self);
}

const PsAnalysisParams *
ps_market_analysis_get_params (PsMarketAnalysis *self)
{
  return &self->params;
}

PsAnalysis *
ps_market_analysis_get_result (PsMarketAnalysis *self)
{
  return self->result;
}

const GError *
ps_market_analysis_get_error (PsMarketAnalysis *self)
{
  return self->error;
}

gboolean
ps_market_analysis_get_busy (PsMarketAnalysis *self)
{
  return self->running || self->pending;
}

guint
ps_market_analysis_get_n_runs (PsMarketAnalysis *self)
{
  return self->n_runs;
}

guint
ps_market_analysis_get_n_incremental (PsMarketAnalysis *self)
{
  return self->n_incremental;
}

guint
ps_market_analysis_get_n_skipped (PsMarketAnalysis *self)
{
  return self->n_skipped;
}

static void
ps_market_analysis_dispose (GObject *object)
{
  PsMarketAnalysis *self = PS_MARKET_ANALYSIS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->gap_source, g_source_remove);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (ps_market_analysis_parent_class)->dispose (object);
}

static void
ps_market_analysis_finalize (GObject *object)
{
  PsMarketAnalysis *self = PS_MARKET_ANALYSIS (object);

  g_clear_pointer (&self->result, ps_analysis_unref);
  g_clear_pointer (&self->result_snapshot, ps_market_snapshot_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ps_market_analysis_parent_class)->finalize (object);
}

static void
ps_market_analysis_class_init (PsMarketAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_market_analysis_dispose;
  object_class->finalize = ps_market_analysis_finalize;

  /* A new result, or none (another market, other parameters, an error). */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ps_market_analysis_init (PsMarketAnalysis *self)
{
  ps_analysis_params_init (&self->params);
}

PsMarketAnalysis *
ps_market_analysis_new (void)
{
  return g_object_new (PS_TYPE_MARKET_ANALYSIS, NULL);
}
