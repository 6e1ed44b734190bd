/* ps-market-private.h: the market's read task, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-market.h"

G_BEGIN_DECLS

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
