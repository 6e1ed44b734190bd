/* ps-market-empty.c: the reasons for a market's empty stretches, read with
 * its range in the read worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-market-private.h"

static void
ps_empty_add (GArray        *spans,
              PsSeriesKind   kind,
              PsEmptyReason  reason,
              gint64         from_ms,
              gint64         to_ms,
              gint64         detail_ms)
{
  PsEmptySpan span = { from_ms, to_ms, kind, reason, detail_ms };

  if (from_ms < to_ms)
    g_array_append_val (spans, span);
}

/* What the cache proves of kind over the read's range: what the venue said
 * it no longer serves, what is not fetched yet, and, where the stretch
 * before the market's first row was fetched complete, that it starts there.
 * A stretch it proves nothing of is left out: better silent than wrong. */
static gboolean
ps_empty_read_kind (PsMarketRead  *read,
                    PsSeriesKind   kind,
                    PsInterval     interval,
                    gint64         step_ms,
                    gint64         horizon_ms,
                    GError       **error)
{
  g_autoptr(GArray) lost = NULL;
  g_autoptr(GArray) gaps = NULL;
  gint64 first_ms, last_ms;
  g_autoptr(GError) local_error = NULL;

  lost = ps_cache_get_coverage (read->reader, read->venue, read->symbol, kind, interval,
                                read->from_ms, read->to_ms, PS_COVERAGE_UNAVAILABLE, error);
  if (lost == NULL)
    return FALSE;
  for (guint i = 0; i < lost->len; i++)
    {
      const PsRange *r = &g_array_index (lost, PsRange, i);

      ps_empty_add (read->empty_spans, kind, PS_EMPTY_PAST_HORIZON, MAX (r->from_ms, read->from_ms),
                    MIN (r->to_ms, read->to_ms), horizon_ms);
    }

  gaps = ps_cache_get_gaps (read->reader, read->venue, read->symbol, kind, interval,
                            read->from_ms, read->to_ms, error);
  if (gaps == NULL)
    return FALSE;
  for (guint i = 0; i < gaps->len; i++)
    {
      const PsRange *r = &g_array_index (gaps, PsRange, i);

      ps_empty_add (read->empty_spans, kind, PS_EMPTY_NOT_FETCHED, r->from_ms, r->to_ms, 0);
    }

  if (!ps_cache_get_extent (read->reader, read->venue, read->symbol, kind, interval,
                            &first_ms, &last_ms, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  /* Fetched complete for more than a row's step up to the first row the
   * cache holds at all: the venue has nothing earlier (a page before the
   * listing comes back empty). Within a step it may be the row's own offset. */
  if (first_ms - read->from_ms > step_ms && lost->len == 0 &&
      (gaps->len == 0 || g_array_index (gaps, PsRange, 0).from_ms >= first_ms))
    ps_empty_add (read->empty_spans, kind, PS_EMPTY_BEFORE_START, read->from_ms,
                  MIN (first_ms, read->to_ms), first_ms);
  return TRUE;
}

void
_ps_market_read_empty_spans (PsMarketRead *read)
{
  g_autoptr(GError) error = NULL;
  /* Funding settles every 8 h at most (1 h or 4 h on some markets). */
  const struct { PsSeriesKind kind; PsInterval interval; gint64 step; guint horizon; } kinds[] = {
    { PS_SERIES_CANDLES, read->interval, ps_interval_to_ms (read->interval), 0 },
    { PS_SERIES_FUNDING, PS_INTERVAL_NONE, 8 * 3600 * 1000, 1 },
    { PS_SERIES_OPEN_INTEREST, read->oi_interval, ps_interval_to_ms (read->oi_interval), 2 },
  };

  g_clear_pointer (&read->empty_spans, g_array_unref);
  read->empty_spans = g_array_new (FALSE, FALSE, sizeof (PsEmptySpan));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (!ps_empty_read_kind (read, kinds[i].kind, kinds[i].interval, kinds[i].step,
                             read->horizon_ms[kinds[i].horizon], &error))
      {
        /* The series still show; their empty stretches go unexplained. */
        g_debug ("Coverage of %s %s not read: %s", read->venue, read->symbol, error->message);
        g_array_set_size (read->empty_spans, 0);
        return;
      }
}
