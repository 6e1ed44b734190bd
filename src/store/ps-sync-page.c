/* ps-sync-page.c: what a page proves, and taking it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The library's one domain is set by meson; the store logs under its layer's. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include <glib/gi18n-lib.h>

#include "ps-net-error.h"
#include "ps-sync-private.h"
#include "ps-writer.h"

/* The rows of a page inside [rows.from_ms, rows.to_ms), as a page of their
 * own for the writer; counts them. */
static PsPage *
ps_sync_slice_page (PsSyncFetch  *fetch,
                    PsSyncJob    *job,
                    const PsPage *page,
                    PsRange       rows)
{
  PsPage *slice = ps_page_new (job->kind);

  switch (job->kind)
    {
    case PS_SERIES_CANDLES:
      slice->candles = page->candles
        ? ps_candles_slice (page->candles, rows.from_ms, rows.to_ms) : ps_candles_new (0);
      fetch->stats.n_candles += slice->candles->n;
      break;

    case PS_SERIES_FUNDING:
      slice->funding = page->funding
        ? ps_funding_slice (page->funding, rows.from_ms, rows.to_ms) : ps_funding_new (0);
      fetch->stats.n_funding += slice->funding->n;
      break;

    case PS_SERIES_OPEN_INTEREST:
      slice->open_interest = page->open_interest
        ? ps_open_interest_slice (page->open_interest, rows.from_ms, rows.to_ms)
        : ps_open_interest_new (0);
      fetch->stats.n_open_interest += slice->open_interest->n;
      break;

    default:
      g_assert_not_reached ();
    }

  return slice;
}

/* How long a venue may stay silent between its last row and the end of what
 * was asked before that silence needs proof. Candles come every step, so none;
 * settlements come every 8 h at most; some venues publish open interest only
 * daily (the loopback server does too). At the present edge, open interest
 * not there yet is only late, never claimed. */
static gint64
ps_sync_slack_ms (const PsSyncJob *job,
                  gboolean         edge)
{
  switch (job->kind)
    {
    case PS_SERIES_FUNDING:
      return 8 * PS_SYNC_HOUR_MS;
    case PS_SERIES_OPEN_INTEREST:
      return edge ? 0 : MAX (job->step_ms, 24 * PS_SYNC_HOUR_MS);
    case PS_SERIES_CANDLES:
    default:
      return 0;
    }
}

#define PS_SYNC_PUBLISH_GRACE_MS (10 * 60 * 1000)

/* At the present edge, how recent a stretch the venue may not have published
 * yet (the candle that just closed, settlements since the last, open interest
 * a venue publishes late or daily): left unclaimed for the next fetch, with
 * no tries spent on it and no error. */
static gint64
ps_sync_edge_lag_ms (const PsSyncJob *job)
{
  switch (job->kind)
    {
    case PS_SERIES_FUNDING:
      /* A settlement is stamped a few ms late and published some seconds
       * after its time: one that is due only just now is late, not missing. */
      return 8 * PS_SYNC_HOUR_MS + PS_SYNC_PUBLISH_GRACE_MS;
    case PS_SERIES_OPEN_INTEREST:
      return MAX (job->step_ms, 24 * PS_SYNC_HOUR_MS);
    case PS_SERIES_CANDLES:
    default:
      return job->step_ms;
    }
}

/* The time of the page's first row at or after from_ms; G_MAXINT64 if none. */
static gint64
ps_sync_first_from (const PsPage *page,
                    gint64        from_ms)
{
  guint n_rows = ps_page_get_n_rows (page);

  for (guint i = 0; i < n_rows; i++)
    if (ps_page_get_time (page, i) >= from_ms)
      return ps_page_get_time (page, i);
  return G_MAXINT64;
}

/* Where what the page proves ends: the venue answers the oldest rows from the
 * cursor on, so rows prove the time up to their last one; a short page's
 * silence after it is trusted up to the range's end only when that leaves no
 * more than the kind's slack, or when the page holds rows past the range
 * (a probe). An empty page proves nothing: it returns the cursor. *late when
 * what is left unproven is only not published yet (see edge_lag). */
static gboolean
ps_sync_proven_to (PsSync        *self,
                   PsSyncFetch   *fetch,
                   const PsPage  *page,
                   PsRange        range,
                   gint64         end_ms,
                   gboolean       edge,
                   gint64        *proven_ms,
                   gboolean      *late,
                   GError       **error)
{
  PsSyncJob *job = &fetch->jobs[fetch->job];
  guint n_rows = ps_page_get_n_rows (page);
  gint64 last_ms, reached_ms;

  *proven_ms = fetch->cursor_ms;
  *late = edge && end_ms - fetch->cursor_ms <= ps_sync_edge_lag_ms (job);
  if (n_rows == 0)
    return TRUE;

  last_ms = ps_page_get_time (page, n_rows - 1);
  if (n_rows >= ps_provider_get_page_limit (self->provider, job->kind))
    {
      *proven_ms = MIN (range.to_ms, last_ms + job->step_ms);

      /* A venue that keeps answering the same full page would loop forever. */
      if (*proven_ms <= fetch->cursor_ms)
        {
          g_autofree char *day = _ps_sync_format_day (fetch->cursor_ms);

          g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED,
                       _("%s sent a full page of %s for %s that does not go past %s"),
                       ps_provider_get_display_name (self->provider),
                       ps_series_kind_get_label (job->kind), fetch->symbol, day);
          return FALSE;
        }
      return TRUE;
    }

  /* Rows only before the cursor (a venue's stray row) prove nothing. */
  if (ps_sync_first_from (page, fetch->cursor_ms) == G_MAXINT64)
    return TRUE;
  reached_ms = last_ms + job->step_ms;
  *proven_ms = end_ms - reached_ms <= ps_sync_slack_ms (job, edge) ? range.to_ms : reached_ms;
  *late = edge && end_ms - reached_ms <= ps_sync_edge_lag_ms (job);
  return TRUE;
}

/* Nothing came for [cursor, end) after every try, each asking up to now.
 * With rows of its kind cached after it, or candles from it on, the venue
 * serves that stretch: leave it a gap, asked for again next time, and fail
 * once the rest is fetched. Without, the venue's history ends there (a market
 * no longer traded): record it fetched, as for a range before a market's
 * listing, so that it is not asked forever. */
static gboolean
ps_sync_give_up (GTask         *task,
                 PsRange        range,
                 gint64         end_ms,
                 GError       **error)
{
  PsSync *self = g_task_get_source_object (task);
  PsSyncFetch *fetch = g_task_get_task_data (task);
  PsSyncMissing missing = { &fetch->jobs[fetch->job], { fetch->cursor_ms, end_ms } };
  gint64 first_ms = 0, last_ms = G_MININT64;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) ended = NULL;
  gboolean served;

  fetch->done_ms += range.to_ms - fetch->cursor_ms;
  fetch->cursor_ms = range.to_ms;

  if (end_ms <= missing.range.from_ms)
    {
      _ps_sync_page_done (g_object_ref (task));
      return TRUE;
    }

  if (!ps_cache_get_extent (self->cache, fetch->venue, fetch->symbol, missing.job->kind,
                            missing.job->interval, &first_ms, &last_ms, &local_error) &&
      local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  served = last_ms >= end_ms;
  /* Candles are the market's pulse: with candles in or after the stretch it
   * traded then, and the venue owes its settlements and open interest too. */
  if (!served && missing.job->kind != PS_SERIES_CANDLES)
    {
      last_ms = G_MININT64;
      if (!ps_cache_get_extent (self->cache, fetch->venue, fetch->symbol, PS_SERIES_CANDLES,
                                fetch->interval, &first_ms, &last_ms, &local_error) &&
          local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      served = last_ms >= missing.range.from_ms;
    }

  if (served)
    {
      if (fetch->stats.n_missing++ == 0)
        fetch->stats.missing_from_ms = missing.range.from_ms;
      fetch->stats.missing_to_ms = MAX (fetch->stats.missing_to_ms, end_ms);
      g_array_append_val (fetch->missing, missing);
      _ps_sync_page_done (g_object_ref (task));
      return TRUE;
    }

  if (fetch->stats.history_end_ms == 0)
    fetch->stats.history_end_ms = missing.range.from_ms;
  ended = g_array_new (FALSE, FALSE, sizeof (PsRange));
  g_array_append_val (ended, missing.range);
  ps_writer_mark_coverage_async (self->writer, fetch->venue, fetch->symbol, missing.job->kind,
                                 missing.job->interval, ended, PS_COVERAGE_FETCHED, NULL,
                                 _ps_sync_write_cb, g_object_ref (task));
  return TRUE;
}

/* Stores a page with the coverage its rows prove and moves the cursor past
 * that. What the page leaves unproven is asked for again, past the range's
 * end so that the venue's next rows prove the silence (a market listed after
 * the range answers with its first rows), up to PS_SYNC_MAX_TRIES times.
 * The write goes to the writer thread; once it is committed (or at once when
 * there is nothing to write) the next page is asked for, so that pages land in
 * order. FALSE, with error, when the page cannot be taken at all. */
gboolean
_ps_sync_take_page (GTask         *task,
                    const PsPage  *page,
                    GError       **error)
{
  PsSync *self = g_task_get_source_object (task);
  PsSyncFetch *fetch = g_task_get_task_data (task);
  PsSyncJob *job = &fetch->jobs[fetch->job];
  PsRange range = g_array_index (job->ranges, PsRange, fetch->range);
  PsRange rows = { fetch->cursor_ms, range.to_ms };
  gint64 cover_cap, end_ms, proven_ms, next_ms;
  gboolean edge, late;
  PsRange cover;

  /* Settlements are final once past; a candle or an OI period is not until it
   * closes, so the still-open one may be stored but is never marked fetched. */
  cover_cap = job->kind == PS_SERIES_FUNDING
    ? fetch->now_ms : ps_interval_floor (job->interval, fetch->now_ms);
  end_ms = MIN (range.to_ms, cover_cap);
  /* The range reaches the present (up to now + 1): rows may still be coming. */
  edge = range.to_ms > cover_cap;

  if (!ps_sync_proven_to (self, fetch, page, range, end_ms, edge, &proven_ms, &late, error))
    return FALSE;

  cover.from_ms = fetch->cursor_ms;
  cover.to_ms = MIN (proven_ms, cover_cap);
  next_ms = proven_ms;

  if (proven_ms >= range.to_ms ||
      ps_page_get_n_rows (page) >= ps_provider_get_page_limit (self->provider, job->kind))
    {
      fetch->tries = 0;
      fetch->probing = FALSE;
    }
  else if (late)
    {
      /* Not published yet: claimed no further than the rows, asked next time. */
      fetch->tries = 0;
      fetch->probing = FALSE;
      next_ms = range.to_ms;
    }
  else
    {
      /* A short page proved part; an empty one nothing: that one counts. */
      fetch->tries = proven_ms > fetch->cursor_ms ? 0 : fetch->tries + 1;
      fetch->probing = TRUE;
      if (fetch->tries >= PS_SYNC_MAX_TRIES)
        {
          fetch->tries = 0;
          fetch->probing = FALSE;
          return ps_sync_give_up (task, range, end_ms, error);
        }
    }

  fetch->done_ms += next_ms - fetch->cursor_ms;
  fetch->cursor_ms = next_ms;

  if (ps_sync_first_from (page, rows.from_ms) < rows.to_ms || cover.to_ms > cover.from_ms)
    {
      g_autoptr(PsPage) slice = ps_sync_slice_page (fetch, job, page, rows);

      ps_writer_write_page_async (self->writer, fetch->venue, fetch->symbol, job->interval,
                                  slice, cover.from_ms, cover.to_ms, NULL, _ps_sync_write_cb,
                                  g_object_ref (task));
    }
  else
    _ps_sync_page_done (g_object_ref (task));

  return TRUE;
}
