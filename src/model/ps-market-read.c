/* ps-market-read.c: one read of a market's range, in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-levels.h"
#include "ps-market-private.h"

void
_ps_market_read_free (PsMarketRead *read)
{
  g_clear_object (&read->reader);
  g_clear_object (&read->recordings);
  g_free (read->recordings_path);
  g_free (read->venue);
  g_free (read->spot_venue);
  g_free (read->symbol);
  g_clear_pointer (&read->candles, ps_candles_unref);
  g_clear_pointer (&read->funding, ps_funding_unref);
  g_clear_pointer (&read->fetched_oi, ps_open_interest_unref);
  g_clear_pointer (&read->open_interest, ps_open_interest_unref);
  g_clear_pointer (&read->liquidations, ps_liquidations_unref);
  g_clear_pointer (&read->not_recorded, g_array_unref);
  g_clear_pointer (&read->spot_candles, ps_candles_unref);
  g_clear_pointer (&read->empty_spans, g_array_unref);
  g_clear_pointer (&read->shown_candles, ps_candles_unref);
  g_clear_pointer (&read->shown_spot_candles, ps_candles_unref);
  g_clear_pointer (&read->shown_funding, ps_funding_unref);
  g_clear_pointer (&read->shown_open_interest, ps_open_interest_unref);
  g_clear_pointer (&read->shown_liquidations, ps_liquidations_unref);
  g_free (read);
}

/* Whether a fetched row's period [t, t + step) holds t_ms. */
static gboolean
ps_market_fetched_covers (const PsOpenInterest *fetched,
                          gint64                step_ms,
                          gint64                t_ms)
{
  guint i = fetched != NULL ? ps_series_lower_bound (fetched->t_ms, fetched->n, t_ms + 1) : 0;

  return i > 0 && t_ms < fetched->t_ms[i - 1] + step_ms;
}

/* An approximation where the snapshot has no notional: the candle's close is
 * the price at its end (the latest candle's: now). */
static double
ps_market_snapshot_usd (const PsOpenInterest *snapshots,
                        guint                 i,
                        const PsCandles      *candles)
{
  guint c;

  if (isfinite (snapshots->usd[i]) || candles == NULL || !isfinite (snapshots->contracts[i]))
    return snapshots->usd[i];

  c = ps_series_lower_bound (candles->t_ms, candles->n, snapshots->t_ms[i] + 1);
  return c > 0 ? snapshots->contracts[i] * ps_candles_close_at (candles, c - 1) : NAN;
}

PsOpenInterest *
_ps_market_merge_open_interest (const PsOpenInterest *fetched,
                                const PsOpenInterest *snapshots,
                                PsInterval            oi_interval,
                                const PsCandles      *candles)
{
  gint64 step = ps_interval_to_ms (oi_interval > PS_INTERVAL_NONE ? oi_interval : PS_INTERVAL_5M);
  guint n_fetched = fetched != NULL ? fetched->n : 0;
  guint n_snapshots = snapshots != NULL ? snapshots->n : 0;
  PsOpenInterest *merged = ps_open_interest_new (n_fetched + MIN (n_snapshots, 1024));
  gint64 last_bucket = G_MININT64;
  guint f = 0;

  for (guint s = 0; s < n_snapshots; s++)
    {
      gint64 t = snapshots->t_ms[s];
      gint64 bucket = ps_interval_floor (oi_interval > PS_INTERVAL_NONE ? oi_interval
                                                                         : PS_INTERVAL_5M, t);

      /* Fetched history wins wherever it has a row for the time. */
      if (ps_market_fetched_covers (fetched, step, t))
        continue;
      if (bucket == last_bucket && s + 1 < n_snapshots)
        continue;

      for (; f < n_fetched && fetched->t_ms[f] < t; f++)
        ps_open_interest_append (merged, fetched->t_ms[f], fetched->contracts[f], fetched->usd[f]);
      ps_open_interest_append (merged, t, snapshots->contracts[s],
                               ps_market_snapshot_usd (snapshots, s, candles));
      last_bucket = bucket;
    }
  for (; f < n_fetched; f++)
    ps_open_interest_append (merged, fetched->t_ms[f], fetched->contracts[f], fetched->usd[f]);

  return merged;
}

/* A recorder commits about once a second: recorded spans end this far
 * behind now at most while one is listening. */
#define LIVE_LAG_MS 10000

void
_ps_market_trim_live_edge (GArray *not_recorded,
                          gint64  to_ms,
                          gint64  now_ms)
{
  PsRange *last;

  if (not_recorded->len == 0)
    return;

  last = &g_array_index (not_recorded, PsRange, not_recorded->len - 1);
  if (last->to_ms >= to_ms && last->from_ms >= now_ms - LIVE_LAG_MS)
    g_array_set_size (not_recorded, not_recorded->len - 1);
}

/* Everything of the range as not recorded, no events: nothing was ever
 * recorded (no file yet), or the recordings could not be read. */
static void
ps_market_read_none_recorded (PsMarketRead *read)
{
  PsRange all = { read->from_ms, read->to_ms };

  g_clear_pointer (&read->liquidations, ps_liquidations_unref);
  g_clear_pointer (&read->not_recorded, g_array_unref);
  read->liquidations = ps_liquidations_new (1);
  read->not_recorded = g_array_new (FALSE, FALSE, sizeof (PsRange));
  if (all.from_ms < all.to_ms)
    g_array_append_val (read->not_recorded, all);
}

/* The recordings never fail a read: candles and funding still show, and the
 * liquidations pane says "not recorded" rather than zero. */
static void
ps_market_read_recordings (PsMarketRead *read)
{
  g_autoptr(PsOpenInterest) snapshots = NULL;
  g_autoptr(GError) error = NULL;

  if (read->recordings == NULL && read->recordings_path != NULL)
    read->recordings = ps_recordings_new_read_only (read->recordings_path, &error);

  if (read->recordings == NULL ||
      !(read->liquidations = ps_recordings_read_liquidations (read->recordings, read->venue,
                                                               read->symbol, read->from_ms,
                                                               read->to_ms, &error)) ||
      !(read->not_recorded = ps_recordings_get_unrecorded (read->recordings, read->venue,
                                                           read->symbol, PS_SERIES_LIQUIDATIONS,
                                                           read->from_ms, read->to_ms,
                                                           &error)) ||
      !(snapshots = ps_recordings_read_open_interest (read->recordings, read->venue,
                                                      read->symbol, read->from_ms,
                                                      read->to_ms, &error)))
    {
      if (error != NULL)
        g_debug ("Recordings of %s %s not read: %s", read->venue, read->symbol, error->message);
      /* Opened again next time: the file may appear or be stepped around. */
      g_clear_object (&read->recordings);
      ps_market_read_none_recorded (read);
    }
  else
    _ps_market_trim_live_edge (read->not_recorded, read->to_ms, read->now_ms);

  read->open_interest = _ps_market_merge_open_interest (read->fetched_oi, snapshots,
                                                        read->oi_interval, read->candles);
}

/* The spot market's candles never fail a read: the perpetual's series still
 * show, and the spot is empty until it can be read. */
static void
ps_market_read_spot (PsMarketRead *read)
{
  g_autoptr(GError) error = NULL;

  if (read->spot_venue != NULL &&
      (read->spot_candles = ps_cache_read_candles (read->reader, read->spot_venue, read->symbol,
                                                   read->interval, read->from_ms, read->to_ms,
                                                   &error)) != NULL)
    return;

  if (error != NULL)
    g_debug ("Spot candles of %s %s not read: %s", read->spot_venue, read->symbol, error->message);
  read->spot_candles = ps_candles_new (0);
}

static gboolean
ps_market_read_series (PsMarketRead  *read,
                       GError       **error)
{
  g_clear_pointer (&read->candles, ps_candles_unref);
  g_clear_pointer (&read->funding, ps_funding_unref);
  g_clear_pointer (&read->fetched_oi, ps_open_interest_unref);
  return (read->candles = ps_cache_read_candles (read->reader, read->venue, read->symbol,
                                                 read->interval, read->from_ms, read->to_ms,
                                                 error)) &&
         (read->funding = ps_cache_read_funding (read->reader, read->venue, read->symbol,
                                                 read->from_ms, read->to_ms, error)) &&
         (read->fetched_oi = ps_cache_read_open_interest (read->reader, read->venue,
                                                          read->symbol, read->oi_interval,
                                                          read->from_ms, read->to_ms, error));
}

/* Offline with a recent range the cache holds nothing of: the span of the
 * same length ending with the latest cached candle, rather than the demo
 * (what the user fetched before is theirs, and real). */
static gboolean
ps_market_read_fall_back (PsMarketRead  *read,
                          GError       **error)
{
  gint64 first_ms, last_ms, span = read->to_ms - read->from_ms;
  gint64 step = ps_interval_to_ms (read->interval);
  g_autoptr(GError) local_error = NULL;

  if (!ps_cache_get_extent (read->reader, read->venue, read->symbol, PS_SERIES_CANDLES,
                            read->interval, &first_ms, &last_ms, &local_error))
    {
      if (local_error != NULL)
        g_debug ("No cached extent of %s %s: %s", read->venue, read->symbol,
                 local_error->message);
      return TRUE;   /* nothing cached: the demo may stand in */
    }
  if (last_ms >= read->from_ms)
    return TRUE;

  read->to_ms = last_ms + MAX (step, 1);
  read->from_ms = read->to_ms - span;
  read->fallen_back_to_ms = read->to_ms;
  return ps_market_read_series (read, error);
}

#define PS_KEEP_SHOWN(read, field, shown, same, unref) \
  G_STMT_START { \
    if ((read)->field != (read)->shown && (read)->shown != NULL && same ((read)->field, (read)->shown)) \
      { \
        unref ((read)->field); \
        (read)->field = g_steal_pointer (&(read)->shown); \
      } \
  } G_STMT_END

/* Each series read the same as the one shown is the one shown: a refresh
 * of a million candles that found nothing new (offline, or the cache not
 * written) keeps one copy, its levels and the panes' caches, and hands the
 * analysis the pointers it already ran on (ps-market-snapshot.h). */
static void
ps_market_read_keep_shown (PsMarketRead *read)
{
  PS_KEEP_SHOWN (read, candles, shown_candles, ps_candles_same, ps_candles_unref);
  PS_KEEP_SHOWN (read, spot_candles, shown_spot_candles, ps_candles_same, ps_candles_unref);
  PS_KEEP_SHOWN (read, funding, shown_funding, ps_funding_same, ps_funding_unref);
  PS_KEEP_SHOWN (read, open_interest, shown_open_interest, ps_open_interest_same,
                 ps_open_interest_unref);
  PS_KEEP_SHOWN (read, liquidations, shown_liquidations, ps_liquidations_same,
                 ps_liquidations_unref);
}

/* Worker thread: the task's plain data and the market's reader connections,
 * never the market itself. Reads never overlap (PsMarket.reading), so the
 * connections have one user at a time. */
void
_ps_market_read_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  PsMarketRead *read = task_data;
  g_autoptr(GError) error = NULL;
  gint64 started_us = g_get_monotonic_time ();

  if (read->read_cache &&
      (!ps_market_read_series (read, &error) ||
       (read->fall_back && read->candles->n == 0 && !ps_market_read_fall_back (read, &error))))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (read->read_cache)
    {
      ps_market_read_spot (read);
      _ps_market_read_empty_spans (read);
    }
  ps_market_read_recordings (read);
  ps_market_read_keep_shown (read);
  /* The pyramids the panes reduce through (ps-levels.h), built here, off
   * the main thread, rather than by the first frame (~17 ms at 1M candles;
   * the liquidations' sums and tree ~2 ms at 200,000 events). The series
   * are final from here on; building publishes atomically. */
  ps_candles_get_levels (read->candles);
  ps_candles_get_levels (read->spot_candles);
  ps_open_interest_get_levels (read->open_interest);
  ps_liquidations_get_levels (read->liquidations);
  /* A live update changes the last rows only: what the panes reduced of
   * the columns before them is kept (ps-levels.h). */
  ps_candles_carry_cache (read->candles, read->shown_candles);
  ps_open_interest_carry_cache (read->open_interest, read->shown_open_interest);
  ps_liquidations_carry_cache (read->liquidations, read->shown_liquidations);
  read->read_us = g_get_monotonic_time () - started_us;
  g_task_return_boolean (task, TRUE);
}
