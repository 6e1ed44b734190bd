/* ps-sync-private.h: what ps-sync.c and ps-sync-page.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-sync.h"

G_BEGIN_DECLS

/* How often one stretch is asked for while the venue answers nothing for it:
 * an empty page from a venue that serves the range is a glitch, not proof.
 * Eight empty answers in a row from a venue that drops 30 % of its pages
 * happen once in 15,000 stretches; a market no longer traded gives them always. */
#define PS_SYNC_MAX_TRIES 8

#define PS_SYNC_HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)

struct _PsSync
{
  GObject     parent_instance;
  PsCache    *cache;      /* reads, on the main thread */
  PsWriter   *writer;     /* every write */
  PsProvider *provider;
  gint64      clock_now_ms;   /* the venue's clock when last asked … */
  gint64      clock_at_us;    /* … and our monotonic time then; 0: never */
};

/* One kind of one fetch: the ranges still to request, in time order. */
typedef struct
{
  PsSeriesKind  kind;
  PsInterval    interval;   /* the storage interval */
  gint64        step_ms;    /* one row's span; 1 ms for settlements */
  GArray       *ranges;     /* PsRange */
  GArray       *lost;       /* PsRange past the venue's horizon, to mark unavailable */
} PsSyncJob;

/* A stretch the venue kept answering empty for. */
typedef struct
{
  PsSyncJob *job;
  PsRange    range;
} PsSyncMissing;

/* The state of one ps_sync_fetch_async (), the GTask's data. */
typedef struct
{
  char        *symbol;
  char        *venue;
  PsInterval   interval;    /* the chart's */
  PsSeriesKind kinds;
  gint64       from_ms;
  gint64       to_ms;
  gint64       now_ms;
  PsSyncJob    jobs[3];
  guint        n_jobs;
  guint        job;         /* the one being fetched … */
  guint        range;       /* … its range … */
  gint64       cursor_ms;   /* … and where the next page starts */
  guint        tries;       /* answers that proved nothing at cursor_ms, in a row */
  gboolean     probing;     /* the next request asks past the range, up to now */
  GArray      *missing;     /* PsSyncMissing: stretches given up on */
  gint64       total_ms;    /* time to fetch over all kinds: progress */
  gint64       done_ms;
  PsSyncStats  stats;
} PsSyncFetch;

/* ps-sync.c */
char     *_ps_sync_format_day (gint64        t_ms);
void      _ps_sync_page_done  (GTask        *task);
void      _ps_sync_write_cb   (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data);

/* ps-sync-page.c */
gboolean  _ps_sync_take_page  (GTask        *task,
                               const PsPage *page,
                               GError      **error);

G_END_DECLS
