/* ps-market-read.c: one read of a market's range, in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-market-private.h"

void
_ps_market_read_free (PsMarketRead *read)
{
  g_clear_object (&read->reader);
  g_free (read->venue);
  g_free (read->symbol);
  g_clear_pointer (&read->candles, ps_candles_unref);
  g_clear_pointer (&read->funding, ps_funding_unref);
  g_clear_pointer (&read->open_interest, ps_open_interest_unref);
  g_free (read);
}

/* Worker thread: the task's plain data and the market's reader connection,
 * never the market itself. Reads never overlap (PsMarket.reading), so the
 * connection has one user at a time. */
void
_ps_market_read_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  PsMarketRead *read = task_data;
  g_autoptr(GError) error = NULL;
  gint64 started_us = g_get_monotonic_time ();

  if (!(read->candles = ps_cache_read_candles (read->reader, read->venue, read->symbol,
                                               read->interval, read->from_ms, read->to_ms,
                                               &error)) ||
      !(read->funding = ps_cache_read_funding (read->reader, read->venue, read->symbol,
                                               read->from_ms, read->to_ms, &error)) ||
      !(read->open_interest = ps_cache_read_open_interest (read->reader, read->venue,
                                                           read->symbol, read->oi_interval,
                                                           read->from_ms, read->to_ms, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  read->read_us = g_get_monotonic_time () - started_us;
  g_task_return_boolean (task, TRUE);
}
