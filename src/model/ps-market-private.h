/* ps-market-private.h: the market's read task, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-market.h"
#include "ps-market-empty.h"

G_BEGIN_DECLS

struct _PsMarket
{
  GObject          parent_instance;

  PsCore          *core;
  PsSync          *sync;            /* the core's, for this venue */
  PsSync          *spot_sync;       /* the core's, for its spot companion; NULL: none */
  char            *symbol;
  PsInterval       interval;
  gint64           from_ms;
  gint64           to_ms;

  PsCandles       *candles;
  PsFunding       *funding;
  PsOpenInterest  *open_interest;   /* fetched_oi with the recorded snapshots */
  PsOpenInterest  *fetched_oi;      /* the venue's history, as the cache holds it */
  PsLiquidations  *liquidations;
  GArray          *not_recorded;    /* PsRange */
  GArray          *empty_spans;     /* PsEmptySpan of the shown range */
  PsCandles       *spot_candles;    /* the spot market's, same symbol and interval */
  PsMarketSnapshot *snapshot;       /* of the series above, made on demand; NULL: stale */

  GCancellable    *cancellable;
  GError          *error;
  GError          *spot_error;      /* the spot fetch's failure: a note, never the load's */
  char            *progress_text;
  double           progress;
  PsSyncStats      stats;
  gint64           recent_span_ms;  /* > 0: the range ends at the venue's now */
  gint64           clock_offset_ms; /* venue's clock − ours, as last seen */
  gint64           reload_us;       /* how long the last cache read took */
  PsCache         *reader;          /* the read worker's own connection */
  PsRecordings    *recordings;      /* its connection to the recordings, once opened */
  gint64           read_from_ms;    /* the range of the read in flight */
  gint64           read_to_ms;
  gint64           offline_to_ms;   /* 0, or the end of the cached data shown in place
                                     * of a recent range the venue could not fill */
  guint            reload_source;
  guint            recorded_source; /* a re-read of the recordings, coalesced */
  /* The venue's next settlement (ps-market-funding-next.c); 0: none known. */
  GCancellable    *next_funding_cancellable;   /* the request in flight */
  guint            next_funding_source;
  double           next_funding_rate;
  gint64           next_funding_ms;
  guint            follow_next_funding : 1;
  guint            demo_allowed : 1;       /* the window: yes; the command line: no */
  guint            is_demo : 1;
  guint            loading : 1;
  guint            reading : 1;            /* a read task is running */
  guint            reading_cache : 1;      /* … and it reads the cache too */
  guint            read_pending : 1;       /* read again when it returns */
  guint            read_allow_demo : 1;
  guint            finish_after_read : 1;  /* loading ends with the next read */
  guint            read_cache : 1;         /* the next read needs the cache, not only
                                            * the recordings */
  guint            fetching : 1;           /* the perpetual's fetch runs */
  guint            fetching_spot : 1;      /* the spot fetch runs */
  guint            fetch_written : 1;      /* either wrote rows in this load */
  guint            fetch_allow_demo : 1;   /* the perpetual's fetch failed: the demo may stay */
};

/* One read of the range, done in a worker thread on the market's own
 * connections so that a year of 1m candles never stalls the window. */
typedef struct
{
  PsCache        *reader;
  PsRecordings   *recordings;       /* NULL: the worker opens recordings_path */
  char           *recordings_path;
  char           *venue;
  char           *spot_venue;       /* NULL: no spot market to read */
  char           *symbol;
  PsInterval      interval;
  PsInterval      oi_interval;
  gint64          from_ms;
  gint64          to_ms;
  gint64          now_ms;           /* the venue's now: is a recorder listening? */
  gboolean        fall_back;        /* a recent range with nothing cached: read the
                                     * latest cached span of its length instead */
  gint64          fallen_back_to_ms;  /* 0, or the end of that span (from_ms, to_ms
                                       * are then its bounds) */
  gboolean        read_cache;       /* FALSE: the recordings only (a recorder's batch), over
                                     * the candles and fetched open interest given */
  PsCandles      *candles;
  PsFunding      *funding;
  PsOpenInterest *fetched_oi;       /* the venue's history from the cache */
  PsOpenInterest *open_interest;    /* fetched_oi with the recorded snapshots merged in */
  PsLiquidations *liquidations;
  GArray         *not_recorded;     /* PsRange */
  PsCandles      *spot_candles;     /* read with the cache; empty when it failed */
  gint64          horizon_ms[3];    /* the venue's history horizon: candles, funding, OI */
  GArray         *empty_spans;      /* PsEmptySpan: why the series are empty where */
  gint64          read_us;
  /* What the market showed when the read began (any may be NULL): a series
   * read the same, row for row, is handed on as the one shown (a refresh
   * that found nothing new changes nothing: levels, pane caches and the
   * analysis stay); otherwise the new series take over what the panes kept
   * of their columns where their rows are the same (ps_candles_carry_cache ()). */
  PsCandles      *shown_candles;
  PsCandles      *shown_spot_candles;
  PsFunding      *shown_funding;
  PsOpenInterest *shown_open_interest;
  PsLiquidations *shown_liquidations;
} PsMarketRead;

void _ps_market_read_free   (PsMarketRead *read);
/* GTaskThreadFunc: task_data is a PsMarketRead; returns a boolean. */
void _ps_market_read_worker (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable);
/* The open interest a chart shows: fetched history wherever a fetched row's
 * interval covers a snapshot's time, and recorded snapshots elsewhere (older
 * than the venue keeps, or newer than its last row), one per oi_interval
 * (the first) plus the latest. A snapshot without USD is valued at the close
 * of the candle holding it (candles may be NULL). A new series. */
PsOpenInterest *_ps_market_merge_open_interest (const PsOpenInterest *fetched,
                                                const PsOpenInterest *snapshots,
                                                PsInterval            oi_interval,
                                                const PsCandles      *candles);

/* ps-market-empty.c: read->empty_spans from the cache's coverage. */
void _ps_market_read_empty_spans (PsMarketRead *read);

/* ps-market.c */
void _ps_market_reload_recordings (PsMarket *self);
/* ps-market-as-source.c: PsMarket's PsMarketSource. */
void _ps_market_source_iface_init (PsMarketSourceInterface *iface);
PsMarketSnapshot *_ps_market_peek_snapshot (PsMarket *self);
void _ps_market_emit_next_funding_changed (PsMarket *self);

/* ps-market-funding-next.c: stops following the next settlement (dispose). */
void _ps_market_stop_next_funding (PsMarket *self);

/* ps-market-get.c: the next ps_market_get_snapshot () makes a new snapshot.
 * Called wherever a field a snapshot holds changes. */
void _ps_market_invalidate_snapshot (PsMarket *self);

/* ps-market-recorded.c: following what recorders commit. */
void _ps_market_watch_recordings (PsMarket *self);
void _ps_market_set_recordings   (PsMarket     *self,
                                  PsMarketRead *read,
                                  gboolean      is_demo);
void _ps_market_clear_recordings (PsMarket *self);

/* The last stretch not recorded (a sorted GArray of PsRange) that runs to
 * the range's end (to_ms, maybe in the future: the open candle): while a
 * recorder listens (the stretch starts within seconds of now_ms) it is the
 * batch not committed yet, not a gap, and is dropped; otherwise nobody
 * listens and the rest of the range stays "not recorded". */
void _ps_market_trim_live_edge (GArray *not_recorded,
                                gint64  to_ms,
                                gint64  now_ms);

G_END_DECLS
