/* ps-market.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-demo.h"
#include "ps-market-private.h"
#include "ps-net-error.h"
#include "ps-time.h"
#include "ps-venues.h"

/* Pages land faster than a chart needs to redraw: re-read at most this often,
 * and spend no more than a fifth of the time re-reading (a year of 1m candles
 * takes ~170 ms to read in the worker, see ps-bench). */
#define RELOAD_INTERVAL_MS 250
#define RELOAD_BUSY_FACTOR 4

G_DEFINE_FINAL_TYPE_WITH_CODE (PsMarket, ps_market, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PS_TYPE_MARKET_SOURCE,
                                                      _ps_market_source_iface_init))

enum {
  PROP_0,
  PROP_IS_DEMO,
  PROP_LOADING,
  PROP_PROGRESS,
  PROP_PROGRESS_TEXT,
  PROP_ERROR,
  PROP_SPOT_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static const char * const prop_names[N_PROPS] = {
  NULL, "is-demo", "loading", "progress", "progress-text", "error", "spot-error",
};

static void
ps_market_set_loading (PsMarket *self,
                       gboolean  loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  _ps_market_invalidate_snapshot (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
ps_market_set_progress (PsMarket   *self,
                        double      progress,
                        const char *text)
{
  self->progress = progress;
  g_free (self->progress_text);
  self->progress_text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
}

static void
ps_market_set_error (PsMarket     *self,
                     const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
ps_market_set_spot_error (PsMarket     *self,
                          const GError *error)
{
  if (self->spot_error == NULL && error == NULL)
    return;

  g_clear_error (&self->spot_error);
  if (error != NULL)
    self->spot_error = g_error_copy (error);
  _ps_market_invalidate_snapshot (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPOT_ERROR]);
}

/* Shows what read read (stolen from it), or the demo market (read NULL). */
static void
ps_market_show (PsMarket     *self,
                PsMarketRead *read)
{
  const PsDemo *demo = ps_demo_get ();
  gboolean is_demo = read == NULL;

  /* Replaced, never changed in place: snapshots made before keep the old ones. */
  _ps_market_invalidate_snapshot (self);
  g_clear_pointer (&self->candles, ps_candles_unref);
  g_clear_pointer (&self->funding, ps_funding_unref);
  self->offline_to_ms = is_demo ? 0 : read->fallen_back_to_ms;
  self->candles = is_demo ? ps_candles_ref (demo->candles) : g_steal_pointer (&read->candles);
  self->funding = is_demo ? ps_funding_ref (demo->funding) : g_steal_pointer (&read->funding);
  /* The demo is a perpetual's only: no spot beside it. */
  g_clear_pointer (&self->spot_candles, ps_candles_unref);
  self->spot_candles = is_demo ? ps_candles_new (0) : g_steal_pointer (&read->spot_candles);
  _ps_market_set_recordings (self, read, is_demo);
  /* The demo's gaps are its own: nothing to explain. */
  g_clear_pointer (&self->empty_spans, g_array_unref);
  self->empty_spans = !is_demo && read->empty_spans != NULL
                      ? g_steal_pointer (&read->empty_spans)
                      : g_array_new (FALSE, FALSE, sizeof (PsEmptySpan));

  if (self->is_demo != is_demo)
    {
      self->is_demo = is_demo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEMO]);
    }

  ps_market_source_emit_changed (PS_MARKET_SOURCE (self), self->from_ms, self->to_ms);
}

static void
ps_market_show_demo (PsMarket *self)
{
  ps_market_show (self, NULL);
}

static void ps_market_start_read (PsMarket *self);

/* A read was shown (or failed): a load waiting for it ends now. Every way out
 * of a read comes here, or the market stays loading for ever. */
static void
ps_market_end_read (PsMarket *self)
{
  if (!self->finish_after_read)
    return;

  self->finish_after_read = FALSE;
  ps_market_set_progress (self, 1.0, NULL);
  ps_market_set_loading (self, FALSE);
}

static void
ps_market_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PsMarket) self = user_data;
  PsMarketRead *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean allow_demo = self->read_allow_demo;

  self->reading = FALSE;

  /* The range or the state moved on while reading: read again (all of it
   * when this read was of the cache too). */
  if (self->read_pending)
    {
      self->read_pending = FALSE;
      self->read_cache |= read->read_cache;
      ps_market_start_read (self);
      return;
    }

  g_set_object (&self->recordings, read->recordings);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      ps_market_set_error (self, error);
      if (allow_demo)
        ps_market_show_demo (self);
    }
  else if (!read->read_cache)
    {
      /* A recorder's batch: the liquidations and open interest only. */
      if (!self->is_demo)
        {
          _ps_market_set_recordings (self, read, FALSE);
          ps_market_source_emit_changed (PS_MARKET_SOURCE (self), self->from_ms, self->to_ms);
        }
      return;
    }
  else
    {
      self->reload_us = read->read_us;
      if (read->candles->n == 0 && allow_demo)
        ps_market_show_demo (self);
      else
        ps_market_show (self, read);
    }

  ps_market_end_read (self);
}

static void
ps_market_start_read (PsMarket *self)
{
  PsProvider *provider = ps_sync_get_provider (self->sync);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PsMarketRead *read;

  /* The worker's own connection: WAL lets it read while the sync writes. */
  if (self->reader == NULL &&
      !(self->reader = ps_core_open_reader (self->core, &error)))
    {
      ps_market_set_error (self, error);
      if (self->read_allow_demo)
        ps_market_show_demo (self);
      ps_market_end_read (self);
      return;
    }

  read = g_new0 (PsMarketRead, 1);
  read->reader = g_object_ref (self->reader);
  read->recordings = self->recordings != NULL ? g_object_ref (self->recordings) : NULL;
  read->recordings_path = g_strdup (ps_core_get_recordings_path (self->core));
  read->now_ms = ps_time_now_ms () + self->clock_offset_ms;
  /* Only the recordings changed: the cache's series stay, the snapshots are
   * merged over them again. */
  read->read_cache = self->read_cache || self->fetched_oi == NULL;
  self->read_cache = FALSE;
  if (!read->read_cache)
    {
      read->candles = ps_candles_ref (self->candles);
      read->fetched_oi = ps_open_interest_ref (self->fetched_oi);
    }
  if (!self->is_demo)
    {
      read->shown_candles = self->candles != NULL ? ps_candles_ref (self->candles) : NULL;
      read->shown_spot_candles = self->spot_candles != NULL ? ps_candles_ref (self->spot_candles)
                                                            : NULL;
      read->shown_funding = self->funding != NULL ? ps_funding_ref (self->funding) : NULL;
      read->shown_open_interest = self->open_interest != NULL
                                  ? ps_open_interest_ref (self->open_interest) : NULL;
      read->shown_liquidations = self->liquidations != NULL
                                 ? ps_liquidations_ref (self->liquidations) : NULL;
    }
  read->venue = g_strdup (ps_provider_get_venue (provider));
  if (self->spot_sync != NULL)
    read->spot_venue = g_strdup (ps_provider_get_venue (ps_sync_get_provider (self->spot_sync)));
  read->symbol = g_strdup (self->symbol);
  read->horizon_ms[0] = ps_provider_get_history_horizon (provider, PS_SERIES_CANDLES);
  read->horizon_ms[1] = ps_provider_get_history_horizon (provider, PS_SERIES_FUNDING);
  read->horizon_ms[2] = ps_provider_get_history_horizon (provider, PS_SERIES_OPEN_INTEREST);
  read->interval = self->interval;
  read->oi_interval = ps_provider_get_storage_interval (provider, PS_SERIES_OPEN_INTEREST,
                                                        self->interval);
  /* Offline, a recent range falls back on the latest cached span. */
  read->fall_back = read->read_cache && self->read_allow_demo && self->recent_span_ms > 0;
  read->from_ms = self->read_from_ms = self->from_ms;
  read->to_ms = self->read_to_ms = self->to_ms;

  /* No source object: the worker's last unref of the task must not be the
   * market's, which belongs to the main thread. */
  self->reading = TRUE;
  self->reading_cache = read->read_cache;
  task = g_task_new (NULL, NULL, ps_market_read_cb, g_object_ref (self));
  g_task_set_source_tag (task, ps_market_start_read);
  g_task_set_task_data (task, read, (GDestroyNotify) _ps_market_read_free);
  g_task_run_in_thread (task, _ps_market_read_worker);
}

/* A recorder committed a batch of the market: its recordings are read
 * again (the cache's series stay), after any read in flight. */
void
_ps_market_reload_recordings (PsMarket *self)
{
  if (self->is_demo)
    return;   /* the demo has no recordings; a load under way reads them */

  if (!self->reading)
    ps_market_start_read (self);
  else
    self->read_pending = TRUE;
}

/* Reads the range from the cache (off the main thread) and shows it. Falls
 * back to the demo while nothing is cached and the venue has not said so
 * (allow_demo). finish: the load ends once this read is shown. A read in
 * flight serves unless the range moved or the cache was written since it
 * began (written). */
static void
ps_market_reload (PsMarket *self,
                  gboolean  allow_demo,
                  gboolean  finish,
                  gboolean  written)
{
  self->read_allow_demo = allow_demo && self->demo_allowed;
  self->read_cache = TRUE;
  if (finish)
    self->finish_after_read = TRUE;

  if (!self->reading)
    ps_market_start_read (self);
  else if (written || !self->reading_cache ||
           self->read_from_ms != self->from_ms || self->read_to_ms != self->to_ms)
    self->read_pending = TRUE;
}

/* The demo stands in while the venue cannot be asked, not when it said the
 * symbol does not exist: BTC candles under another name would mislead. */
static gboolean
ps_market_demo_allowed (const GError *error)
{
  return error == NULL || !g_error_matches (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
}

static gboolean
ps_market_reload_cb (gpointer user_data)
{
  PsMarket *self = user_data;

  self->reload_source = 0;
  ps_market_reload (self, TRUE, FALSE, TRUE);
  return G_SOURCE_REMOVE;
}

/* Pages landed: they show within RELOAD_INTERVAL_MS, not page by page. */
static void
ps_market_schedule_reload (PsMarket *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (MAX (RELOAD_INTERVAL_MS,
                                              RELOAD_BUSY_FACTOR * self->reload_us / 1000),
                                         ps_market_reload_cb, self);
}

static void
ps_market_sync_progress_cb (PsMarket   *self,
                            double      fraction,
                            const char *message,
                            PsSync     *sync)
{
  g_assert (PS_IS_MARKET (self));

  /* Progress of another market's fetch on a shared sync is not ours. */
  if (!self->loading)
    return;

  ps_market_set_progress (self, fraction, message);
  ps_market_schedule_reload (self);
}

/* The spot's pages show too; the progress line stays the perpetual's. */
static void
ps_market_spot_progress_cb (PsMarket   *self,
                            double      fraction,
                            const char *message,
                            PsSync     *sync)
{
  g_assert (PS_IS_MARKET (self));

  if (self->loading)
    ps_market_schedule_reload (self);
}

/* One of the load's fetches ended (written: it stored rows). The load ends
 * when both have, so that what a command exports holds the spot too; what
 * the first one stored shows at once. */
static void
ps_market_fetch_settled (PsMarket *self,
                         gboolean  written)
{
  self->fetch_written |= written;

  if (self->fetching || self->fetching_spot)
    {
      if (written)
        ps_market_reload (self, self->fetching || self->fetch_allow_demo, FALSE, TRUE);
      return;
    }

  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);

  /* After a failure with nothing cached the demo stays; after a success an
   * empty range is shown empty: the venue said there is nothing there. The
   * load ends when that is on screen. */
  ps_market_reload (self, self->fetch_allow_demo, TRUE, self->fetch_written);
}

static void
ps_market_fetch_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PsMarket) self = user_data;
  g_autoptr(GError) error = NULL;
  PsSyncStats stats = { 0 };

  if (!ps_sync_fetch_finish (PS_SYNC (object), result, &stats, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer load owns the state now */

  self->fetching = FALSE;
  self->stats = stats;
  ps_market_set_error (self, error);
  self->fetch_allow_demo = error != NULL && ps_market_demo_allowed (error);
  ps_market_fetch_settled (self, stats.n_candles + stats.n_funding + stats.n_open_interest > 0);
}

/* A spot failure is said (spot-error) and leaves the perpetual's load alone. */
static void
ps_market_spot_fetch_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(PsMarket) self = user_data;
  g_autoptr(GError) error = NULL;
  PsSyncStats stats = { 0 };

  if (!ps_sync_fetch_finish (PS_SYNC (object), result, &stats, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->fetching_spot = FALSE;
  if (error != NULL)
    g_debug ("Spot candles of %s not fetched: %s", self->symbol, error->message);
  ps_market_set_spot_error (self, error);
  ps_market_fetch_settled (self, stats.n_candles > 0);
}

/* Cancels whatever runs and starts a new load: loading, progress at 0. */
static void
ps_market_begin (PsMarket   *self,
                 const char *message)
{
  ps_market_cancel (self);

  self->cancellable = g_cancellable_new ();
  ps_market_set_progress (self, 0.0, message);
  ps_market_set_loading (self, TRUE);
}

/* The perpetual's kinds and, beside them, the spot market's candles of the
 * same symbol, interval and range, each through its venue's sync (its own
 * rate-limit bucket), both under the load's cancellable. */
static void
ps_market_fetch (PsMarket *self)
{
  self->fetching = TRUE;
  self->fetching_spot = self->spot_sync != NULL;
  self->fetch_written = FALSE;
  self->fetch_allow_demo = FALSE;

  ps_sync_fetch_async (self->sync, self->symbol, self->interval, PS_SERIES_ALL,
                       self->from_ms, self->to_ms, self->cancellable,
                       ps_market_fetch_cb, g_object_ref (self));
  if (self->spot_sync != NULL)
    ps_sync_fetch_async (self->spot_sync, self->symbol, self->interval, PS_SERIES_CANDLES,
                         self->from_ms, self->to_ms, self->cancellable,
                         ps_market_spot_fetch_cb, g_object_ref (self));
}

static void
ps_market_start_fetch (PsMarket *self)
{
  ps_market_begin (self, _("Looking for missing data…"));
  ps_market_fetch (self);
}

/* The range ends with the candle open at now. */
static void
ps_market_set_recent_range (PsMarket *self,
                            gint64    now_ms)
{
  self->to_ms = ps_interval_floor (self->interval, now_ms) + ps_interval_to_ms (self->interval);
  self->from_ms = self->to_ms - self->recent_span_ms;
  _ps_market_invalidate_snapshot (self);
}

static void
ps_market_server_time_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(PsMarket) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 now_ms;
  gint64 old_to = self->to_ms;

  now_ms = ps_sync_get_server_time_finish (PS_SYNC (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_clear_object (&self->cancellable);
      ps_market_set_error (self, error);
      ps_market_reload (self, ps_market_demo_allowed (error), TRUE, FALSE);
      return;
    }

  /* "Recent" is the venue's recent: a mirror or a replay may run on another clock. */
  self->clock_offset_ms = now_ms - ps_time_now_ms ();
  ps_market_set_recent_range (self, now_ms);
  if (self->to_ms != old_to)
    ps_market_reload (self, TRUE, FALSE, FALSE);
  ps_market_fetch (self);
}

static void
ps_market_dispose (GObject *object)
{
  PsMarket *self = PS_MARKET (object);

  ps_market_cancel (self);
  _ps_market_stop_next_funding (self);
  _ps_market_clear_recordings (self);
  g_clear_object (&self->sync);
  g_clear_object (&self->spot_sync);
  g_clear_object (&self->core);

  G_OBJECT_CLASS (ps_market_parent_class)->dispose (object);
}

static void
ps_market_finalize (GObject *object)
{
  PsMarket *self = PS_MARKET (object);

  g_clear_pointer (&self->candles, ps_candles_unref);
  g_clear_pointer (&self->funding, ps_funding_unref);
  g_clear_pointer (&self->open_interest, ps_open_interest_unref);
  g_clear_pointer (&self->fetched_oi, ps_open_interest_unref);
  g_clear_pointer (&self->liquidations, ps_liquidations_unref);
  g_clear_pointer (&self->not_recorded, g_array_unref);
  g_clear_pointer (&self->empty_spans, g_array_unref);
  g_clear_pointer (&self->spot_candles, ps_candles_unref);
  g_clear_pointer (&self->snapshot, ps_market_snapshot_unref);
  g_clear_object (&self->reader);
  g_clear_object (&self->recordings);
  g_clear_error (&self->error);
  g_clear_error (&self->spot_error);
  g_free (self->progress_text);
  g_free (self->symbol);

  G_OBJECT_CLASS (ps_market_parent_class)->finalize (object);
}

static void
ps_market_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PsMarket *self = PS_MARKET (object);

  switch (prop_id)
    {
    case PROP_IS_DEMO:
      g_value_set_boolean (value, self->is_demo);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_SPOT_ERROR:
      g_value_set_boxed (value, self->spot_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_market_class_init (PsMarketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_market_dispose;
  object_class->finalize = ps_market_finalize;
  object_class->get_property = ps_market_get_property;

  /* The interface's, and the spot's failure: a note beside the series, not
   * a failure of the market. */
  g_object_class_override_property (object_class, PROP_IS_DEMO, "is-demo");
  g_object_class_override_property (object_class, PROP_LOADING, "loading");
  g_object_class_override_property (object_class, PROP_PROGRESS, "progress");
  g_object_class_override_property (object_class, PROP_PROGRESS_TEXT, "progress-text");
  g_object_class_override_property (object_class, PROP_ERROR, "error");
  g_object_class_install_property (object_class, PROP_SPOT_ERROR,
    g_param_spec_boxed ("spot-error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    properties[i] = g_object_class_find_property (object_class, prop_names[i]);
}

void
_ps_market_emit_next_funding_changed (PsMarket *self)
{
  ps_market_source_emit_next_funding_changed (PS_MARKET_SOURCE (self));
}

static void
ps_market_init (PsMarket *self)
{
  self->demo_allowed = TRUE;
  self->candles = ps_candles_new (1);
  self->funding = ps_funding_new (1);
  self->open_interest = ps_open_interest_new (1);
  self->liquidations = ps_liquidations_new (1);
  self->not_recorded = g_array_new (FALSE, FALSE, sizeof (PsRange));
  self->empty_spans = g_array_new (FALSE, FALSE, sizeof (PsEmptySpan));
  self->spot_candles = ps_candles_new (0);
}

PsMarket *
ps_market_new (PsCore      *core,
               const char  *venue,
               const char  *symbol,
               PsInterval   interval,
               GError     **error)
{
  PsMarket *self;
  PsSync *sync;
  const char *spot_venue;

  g_return_val_if_fail (PS_IS_CORE (core), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (interval > PS_INTERVAL_NONE && interval < PS_N_INTERVALS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(sync = ps_core_get_sync (core, venue, error)))
    return NULL;

  self = g_object_new (PS_TYPE_MARKET, NULL);
  self->core = g_object_ref (core);
  self->sync = g_object_ref (sync);
  self->symbol = g_strdup (symbol);
  self->interval = interval;
  g_signal_connect_object (sync, "progress", G_CALLBACK (ps_market_sync_progress_cb),
                           self, G_CONNECT_SWAPPED);

  /* The spot market beside the perpetual: its candles are a note, so a core
   * that cannot serve it leaves the market without them, not without a market. */
  if ((spot_venue = ps_venues_get_spot_venue (venue)) != NULL &&
      (sync = ps_core_get_sync (core, spot_venue, NULL)) != NULL)
    {
      self->spot_sync = g_object_ref (sync);
      g_signal_connect_object (sync, "progress", G_CALLBACK (ps_market_spot_progress_cb),
                               self, G_CONNECT_SWAPPED);
    }
  _ps_market_watch_recordings (self);
  return self;
}

const char *
ps_market_get_venue (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return ps_provider_get_venue (ps_sync_get_provider (self->sync));
}

const char *
ps_market_get_venue_name (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return ps_provider_get_display_name (ps_sync_get_provider (self->sync));
}

const char *
ps_market_get_symbol (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), NULL);

  return self->symbol;
}

PsInterval
ps_market_get_interval (PsMarket *self)
{
  g_return_val_if_fail (PS_IS_MARKET (self), PS_INTERVAL_NONE);

  return self->interval;
}

void
ps_market_load (PsMarket *self,
                gint64    from_ms,
                gint64    to_ms)
{
  g_return_if_fail (PS_IS_MARKET (self));
  g_return_if_fail (from_ms < to_ms);

  self->recent_span_ms = 0;
  self->from_ms = from_ms;
  self->to_ms = to_ms;
  _ps_market_invalidate_snapshot (self);
  ps_market_reload (self, TRUE, FALSE, FALSE);
  ps_market_start_fetch (self);
}

void
ps_market_load_recent (PsMarket *self,
                       gint64    span_ms)
{
  g_return_if_fail (PS_IS_MARKET (self));
  g_return_if_fail (span_ms > 0);

  /* Our clock (corrected by what the venue said last time) first, so the
   * cache answers at once; the venue's clock then decides what "now" is. A
   * refresh never swaps shown data for the demo on that guess. */
  self->recent_span_ms = span_ms;
  ps_market_set_recent_range (self, ps_time_now_ms () + self->clock_offset_ms);
  ps_market_reload (self, self->is_demo || self->candles->n == 0, FALSE, FALSE);

  ps_market_begin (self, _("Asking the venue for its time…"));
  ps_sync_get_server_time_async (self->sync, self->cancellable, ps_market_server_time_cb,
                                 g_object_ref (self));
}

void
ps_market_load_cached (PsMarket *self,
                       gint64    from_ms,
                       gint64    to_ms)
{
  g_return_if_fail (PS_IS_MARKET (self));
  g_return_if_fail (from_ms < to_ms);

  ps_market_begin (self, _("Reading the cache…"));
  self->recent_span_ms = 0;
  self->from_ms = from_ms;
  self->to_ms = to_ms;
  _ps_market_invalidate_snapshot (self);
  ps_market_reload (self, TRUE, TRUE, TRUE);
}

void
ps_market_set_demo_allowed (PsMarket *self,
                            gboolean  allowed)
{
  g_return_if_fail (PS_IS_MARKET (self));

  self->demo_allowed = !!allowed;
}

void
ps_market_refresh (PsMarket *self)
{
  g_return_if_fail (PS_IS_MARKET (self));
  g_return_if_fail (self->from_ms < self->to_ms);

  if (self->recent_span_ms > 0)
    ps_market_load_recent (self, self->recent_span_ms);
  else
    ps_market_start_fetch (self);
}

void
ps_market_cancel (PsMarket *self)
{
  g_return_if_fail (PS_IS_MARKET (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->finish_after_read = FALSE;
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  ps_market_set_loading (self, FALSE);
}
