/* ps-market-private.h: the market's read task, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-market.h"

G_BEGIN_DECLS

struct _PsMarket
{
  GObject          parent_instance;

  PsCore          *core;
  PsSync          *sync;            /* the core's, for this venue */
  char            *symbol;
  PsInterval       interval;
  gint64           from_ms;
  gint64           to_ms;

  PsCandles       *candles;
  PsFunding       *funding;
  PsOpenInterest  *open_interest;

  GCancellable    *cancellable;
  GError          *error;
  char            *progress_text;
  double           progress;
  PsSyncStats      stats;
  gint64           recent_span_ms;  /* > 0: the range ends at the venue's now */
  gint64           clock_offset_ms; /* venue's clock − ours, as last seen */
  gint64           reload_us;       /* how long the last cache read took */
  PsCache         *reader;          /* the read worker's own connection */
  gint64           read_from_ms;    /* the range of the read in flight */
  gint64           read_to_ms;
  guint            reload_source;
  guint            demo_allowed : 1;       /* the window: yes; the command line: no */
  guint            is_demo : 1;
  guint            loading : 1;
  guint            reading : 1;            /* a read task is running */
  guint            read_pending : 1;       /* read again when it returns */
  guint            read_allow_demo : 1;
  guint            finish_after_read : 1;  /* loading ends with the next read */
};

/* One read of the range, done in a worker thread on the market's own
 * connection so that a year of 1m candles never stalls the window. */
typedef struct
{
  PsCache        *reader;
  char           *venue;
  char           *symbol;
  PsInterval      interval;
  PsInterval      oi_interval;
  gint64          from_ms;
  gint64          to_ms;
  PsCandles      *candles;
  PsFunding      *funding;
  PsOpenInterest *open_interest;
  gint64          read_us;
} PsMarketRead;

void _ps_market_read_free   (PsMarketRead *read);
/* GTaskThreadFunc: task_data is a PsMarketRead; returns a boolean. */
void _ps_market_read_worker (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable);

G_END_DECLS
