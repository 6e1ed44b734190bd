/* ps-aggregate-market.c: one asset across all venues, from each venue's
 * own PsMarket (its sync, its reads), aggregated by ps_aggregate_new ()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-aggregate-market-private.h"
#include "ps-net-error.h"
#include "ps-time.h"
#include "ps-venues.h"

/* A venue serving no more open interest than this keeps none: it serves the
 * current value only (BitMEX, Hyperliquid). */
#define OI_SNAPSHOT_ONLY_MS ((gint64) 24 * 3600 * 1000)

G_DEFINE_FINAL_TYPE_WITH_CODE (PsAggregateMarket, ps_aggregate_market, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PS_TYPE_MARKET_SOURCE,
                                                      _ps_aggregate_market_source_iface_init))

static GParamSpec *properties[PS_AGGREGATE_MARKET_N_PROPS];

#define VENUE(self, i) (&g_array_index ((self)->venues, PsAggregateVenue, (i)))

PsMarket *
_ps_aggregate_market_get (PsAggregateMarket *self,
                          guint              i)
{
  return VENUE (self, i)->market;
}

static void
ps_aggregate_market_invalidate (PsAggregateMarket *self)
{
  g_clear_pointer (&self->aggregate, ps_aggregate_free);
  g_clear_pointer (&self->snapshot, ps_market_snapshot_unref);
}

/* In a recent range each venue asks its own clock for now: the aggregate's
 * range is the reference venue's (the first venue's that answered, when it
 * failed), so that the candles shown fill it. */
static gboolean
ps_aggregate_market_follow_range (PsAggregateMarket *self)
{
  PsMarket *follow = NULL;

  if (self->recent_span_ms <= 0 || self->venues->len == 0)
    return FALSE;
  for (guint i = 0; i < self->venues->len; i++)
    {
      PsMarket *market = _ps_aggregate_market_get (self, i);

      if (ps_market_get_error (market) != NULL)
        continue;
      if (follow == NULL || g_str_equal (ps_market_get_venue (market), self->reference))
        follow = market;
    }
  if (follow == NULL)
    follow = _ps_aggregate_market_get (self, 0);
  if (self->from_ms == ps_market_get_from_ms (follow) &&
      self->to_ms == ps_market_get_to_ms (follow))
    return FALSE;
  self->from_ms = ps_market_get_from_ms (follow);
  self->to_ms = ps_market_get_to_ms (follow);
  return TRUE;
}

/* What the error property says: notified when its words change. */
static void
ps_aggregate_market_update_error (PsAggregateMarket *self)
{
  g_autoptr(GError) error = self->loading ? NULL : ps_aggregate_market_dup_error (self);

  if (error == NULL && self->error == NULL)
    return;
  if (error != NULL && self->error != NULL && g_str_equal (error->message, self->error->message))
    return;
  g_clear_error (&self->error);
  self->error = g_steal_pointer (&error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PS_AGGREGATE_MARKET_PROP_ERROR]);
}

/* "Fetching from Bybit, OKX…": the venues still loading. */
static void
ps_aggregate_market_update_progress (PsAggregateMarket *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->venues->len; i++)
    {
      PsMarket *market = _ps_aggregate_market_get (self, i);

      if (ps_market_get_loading (market))
        g_ptr_array_add (names, (gpointer) ps_market_get_venue_name (market));
    }
  if (names->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (names, NULL);
      joined = g_strjoinv (", ", (char **) names->pdata);
      text = g_strdup_printf (_("Fetching %s from %s…"), self->asset, joined);
    }
  if (g_strcmp0 (text, self->progress_text) != 0)
    {
      g_free (self->progress_text);
      self->progress_text = g_steal_pointer (&text);
      g_object_notify_by_pspec (G_OBJECT (self),
                                properties[PS_AGGREGATE_MARKET_PROP_PROGRESS_TEXT]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PS_AGGREGATE_MARKET_PROP_PROGRESS]);
}

double
_ps_aggregate_market_get_progress (PsAggregateMarket *self)
{
  double sum = 0;

  for (guint i = 0; i < self->venues->len; i++)
    {
      PsMarket *market = _ps_aggregate_market_get (self, i);

      sum += ps_market_get_loading (market) ? ps_market_get_progress (market) : 1.0;
    }
  return self->venues->len > 0 ? sum / self->venues->len : 1.0;
}

/* Loading while any venue is: a command waits for the last. */
static void
ps_aggregate_market_update_loading (PsAggregateMarket *self)
{
  gboolean loading = FALSE;

  for (guint i = 0; i < self->venues->len; i++)
    loading |= ps_market_get_loading (_ps_aggregate_market_get (self, i));
  ps_aggregate_market_update_progress (self);
  if (self->loading == loading)
    return;

  self->loading = loading;
  ps_aggregate_market_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PS_AGGREGATE_MARKET_PROP_LOADING]);
  ps_aggregate_market_update_error (self);
}

static void
ps_aggregate_market_loading_cb (PsAggregateMarket *self,
                                GParamSpec        *pspec,
                                PsMarket          *market)
{
  g_assert (PS_IS_AGGREGATE_MARKET (self));

  ps_aggregate_market_update_loading (self);
}

static void
ps_aggregate_market_progress_cb (PsAggregateMarket *self,
                                 GParamSpec        *pspec,
                                 PsMarket          *market)
{
  g_assert (PS_IS_AGGREGATE_MARKET (self));

  ps_aggregate_market_update_progress (self);
}

static void
ps_aggregate_market_changed_cb (PsAggregateMarket *self,
                                gint64             from_ms,
                                gint64             to_ms,
                                PsMarket          *market)
{
  g_assert (PS_IS_AGGREGATE_MARKET (self));

  ps_aggregate_market_invalidate (self);
  /* The sum and the weights change over the whole range when the range
   * moves with the reference venue's clock. */
  if (ps_aggregate_market_follow_range (self))
    from_ms = self->from_ms, to_ms = self->to_ms;
  ps_market_source_emit_changed (PS_MARKET_SOURCE (self), from_ms, to_ms);
  ps_aggregate_market_update_error (self);
}

static void
ps_aggregate_market_venue_clear (gpointer data)
{
  PsAggregateVenue *venue = data;

  g_clear_object (&venue->market);
  g_clear_pointer (&venue->no_feed, g_free);
}

static void
ps_aggregate_market_dispose (GObject *object)
{
  PsAggregateMarket *self = PS_AGGREGATE_MARKET (object);

  if (self->venues != NULL)
    for (guint i = 0; i < self->venues->len; i++)
      ps_market_cancel (_ps_aggregate_market_get (self, i));
  g_clear_pointer (&self->venues, g_array_unref);

  G_OBJECT_CLASS (ps_aggregate_market_parent_class)->dispose (object);
}

static void
ps_aggregate_market_finalize (GObject *object)
{
  PsAggregateMarket *self = PS_AGGREGATE_MARKET (object);

  ps_aggregate_market_invalidate (self);
  g_clear_error (&self->error);
  g_clear_pointer (&self->empty_spans, g_array_unref);
  g_free (self->progress_text);
  g_free (self->reference);
  g_free (self->asset);

  G_OBJECT_CLASS (ps_aggregate_market_parent_class)->finalize (object);
}

static void
ps_aggregate_market_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PsAggregateMarket *self = PS_AGGREGATE_MARKET (object);

  switch (prop_id)
    {
    case PS_AGGREGATE_MARKET_PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PS_AGGREGATE_MARKET_PROP_IS_DEMO:
      /* Summed, the demo would be made-up money: it never stands in. */
      g_value_set_boolean (value, FALSE);
      break;

    case PS_AGGREGATE_MARKET_PROP_PROGRESS:
      g_value_set_double (value, _ps_aggregate_market_get_progress (self));
      break;

    case PS_AGGREGATE_MARKET_PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;

    case PS_AGGREGATE_MARKET_PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_aggregate_market_class_init (PsAggregateMarketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[] = {
    NULL, "loading", "is-demo", "progress", "progress-text", "error",
  };

  object_class->dispose = ps_aggregate_market_dispose;
  object_class->finalize = ps_aggregate_market_finalize;
  object_class->get_property = ps_aggregate_market_get_property;

  /* The interface's; "changed" is the interface's too. */
  for (guint i = 1; i < PS_AGGREGATE_MARKET_N_PROPS; i++)
    {
      g_object_class_override_property (object_class, i, names[i]);
      properties[i] = g_object_class_find_property (object_class, names[i]);
    }
}

static void
ps_aggregate_market_init (PsAggregateMarket *self)
{
  self->venues = g_array_new (FALSE, TRUE, sizeof (PsAggregateVenue));
  g_array_set_clear_func (self->venues, ps_aggregate_market_venue_clear);
  self->empty_spans = g_array_new (FALSE, FALSE, sizeof (PsEmptySpan));
  self->reference = g_strdup ("binance");
}

/* How far back the core's venue serves open-interest history (0: no limit). */
static gint64
ps_aggregate_market_oi_horizon (PsCore     *core,
                                const char *venue)
{
  PsSync *sync = ps_core_get_sync (core, venue, NULL);

  if (sync == NULL)
    return 0;
  return ps_provider_get_history_horizon (ps_sync_get_provider (sync), PS_SERIES_OPEN_INTEREST);
}

/* Why venue records none of symbol's liquidations, or NULL when it has a
 * live feed (a stream is made, never started). */
static char *
ps_aggregate_market_dup_no_feed (PsCore     *core,
                                 const char *venue,
                                 const char *symbol)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStream) stream = ps_venues_create_stream (venue, ps_core_get_http (core), symbol,
                                                        &error);

  return stream == NULL ? g_strdup (error->message) : NULL;
}

PsAggregateMarket *
ps_aggregate_market_new (PsCore     *core,
                         const char *asset,
                         PsInterval  interval)
{
  return ps_aggregate_market_new_with_venues (core, asset, interval, NULL, NULL);
}

PsAggregateMarket *
ps_aggregate_market_new_with_venues (PsCore             *core,
                                     const char         *asset,
                                     PsInterval          interval,
                                     const char * const *venues,
                                     const char         *reference)
{
  const char * const *listed;
  PsAggregateMarket *self;

  g_return_val_if_fail (PS_IS_CORE (core), NULL);
  g_return_val_if_fail (asset != NULL && *asset != '\0', NULL);
  g_return_val_if_fail (interval > PS_INTERVAL_NONE && interval < PS_N_INTERVALS, NULL);

  self = g_object_new (PS_TYPE_AGGREGATE_MARKET, NULL);
  self->asset = ps_venues_get_asset (asset);
  self->interval = interval;
  if (reference != NULL)
    {
      g_free (self->reference);
      self->reference = g_strdup (reference);
    }

  listed = ps_core_list_venues (core);
  for (guint i = 0; listed[i] != NULL; i++)
    {
      g_autofree char *symbol = NULL;
      g_autoptr(GError) error = NULL;
      PsAggregateVenue venue = { NULL, NULL, TRUE };

      if (venues != NULL && !g_strv_contains (venues, listed[i]))
        continue;
      symbol = ps_venues_resolve_symbol (listed[i], self->asset);
      /* Every listed venue has a sync: a failure here is a bug, not input. */
      if (!(venue.market = ps_market_new (core, listed[i], symbol, interval, &error)))
        {
          g_warning ("No market of %s %s: %s", listed[i], symbol, error->message);
          continue;
        }
      venue.no_feed = ps_aggregate_market_dup_no_feed (core, listed[i], symbol);
      venue.oi_horizon_ms = ps_aggregate_market_oi_horizon (core, listed[i]);
      venue.oi_history = venue.oi_horizon_ms == 0 || venue.oi_horizon_ms > OI_SNAPSHOT_ONLY_MS;
      ps_market_set_demo_allowed (venue.market, FALSE);
      g_signal_connect_object (venue.market, "notify::loading",
                               G_CALLBACK (ps_aggregate_market_loading_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (venue.market, "notify::progress",
                               G_CALLBACK (ps_aggregate_market_progress_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (venue.market, "changed", G_CALLBACK (ps_aggregate_market_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_array_append_val (self->venues, venue);
    }
  return self;
}

const char *
ps_aggregate_market_get_asset (PsAggregateMarket *self)
{
  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);

  return self->asset;
}

const char *
ps_aggregate_market_get_reference (PsAggregateMarket *self)
{
  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);

  return self->reference;
}

PsInterval
ps_aggregate_market_get_interval (PsAggregateMarket *self)
{
  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), PS_INTERVAL_NONE);

  return self->interval;
}

guint
ps_aggregate_market_get_n_venues (PsAggregateMarket *self)
{
  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), 0);

  return self->venues->len;
}

PsMarket *
ps_aggregate_market_get_market (PsAggregateMarket *self,
                                guint              i)
{
  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);
  g_return_val_if_fail (i < self->venues->len, NULL);

  return _ps_aggregate_market_get (self, i);
}

static void
ps_aggregate_market_load_all (PsAggregateMarket *self,
                              gint64             from_ms,
                              gint64             to_ms,
                              gboolean           cached_only)
{
  self->recent_span_ms = 0;
  self->from_ms = from_ms;
  self->to_ms = to_ms;
  ps_aggregate_market_invalidate (self);
  /* Each venue has its own rate-limit bucket: all of them ask at once. */
  for (guint i = 0; i < self->venues->len; i++)
    if (cached_only)
      ps_market_load_cached (_ps_aggregate_market_get (self, i), from_ms, to_ms);
    else
      ps_market_load (_ps_aggregate_market_get (self, i), from_ms, to_ms);
  ps_aggregate_market_update_loading (self);
}

void
ps_aggregate_market_load (PsAggregateMarket *self,
                          gint64             from_ms,
                          gint64             to_ms)
{
  g_return_if_fail (PS_IS_AGGREGATE_MARKET (self));
  g_return_if_fail (from_ms < to_ms);

  ps_aggregate_market_load_all (self, from_ms, to_ms, FALSE);
}

void
ps_aggregate_market_load_cached (PsAggregateMarket *self,
                                 gint64             from_ms,
                                 gint64             to_ms)
{
  g_return_if_fail (PS_IS_AGGREGATE_MARKET (self));
  g_return_if_fail (from_ms < to_ms);

  ps_aggregate_market_load_all (self, from_ms, to_ms, TRUE);
}

void
ps_aggregate_market_load_recent (PsAggregateMarket *self,
                                 gint64             span_ms)
{
  g_return_if_fail (PS_IS_AGGREGATE_MARKET (self));
  g_return_if_fail (span_ms > 0);

  self->recent_span_ms = span_ms;
  ps_aggregate_market_invalidate (self);
  for (guint i = 0; i < self->venues->len; i++)
    ps_market_load_recent (_ps_aggregate_market_get (self, i), span_ms);
  ps_aggregate_market_follow_range (self);
  ps_aggregate_market_update_loading (self);
}

void
ps_aggregate_market_refresh (PsAggregateMarket *self)
{
  g_return_if_fail (PS_IS_AGGREGATE_MARKET (self));

  if (self->recent_span_ms > 0)
    ps_aggregate_market_load_recent (self, self->recent_span_ms);
  else if (self->from_ms < self->to_ms)
    ps_aggregate_market_load (self, self->from_ms, self->to_ms);
}

void
ps_aggregate_market_cancel (PsAggregateMarket *self)
{
  g_return_if_fail (PS_IS_AGGREGATE_MARKET (self));

  for (guint i = 0; i < self->venues->len; i++)
    ps_market_cancel (_ps_aggregate_market_get (self, i));
  ps_aggregate_market_update_loading (self);
}

gboolean
ps_aggregate_market_get_loading (PsAggregateMarket *self)
{
  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), FALSE);

  return self->loading;
}

/* Whether venue market takes part: it shows its own data, not nothing. */
static gboolean
ps_aggregate_market_has_data (PsMarket *market)
{
  return !ps_market_get_is_demo (market) &&
         (ps_market_get_candles (market)->n > 0 || ps_market_get_funding (market)->n > 0 ||
          ps_market_get_open_interest (market)->n > 0);
}

/* Venue market's failure or emptiness in words, or NULL. */
static char *
ps_aggregate_market_describe (PsMarket *market)
{
  const GError *error = ps_market_get_error (market);

  if (error != NULL)
    return g_strdup_printf (_("%s %s: %s"), ps_market_get_venue_name (market),
                            ps_market_get_symbol (market), error->message);
  if (!ps_aggregate_market_has_data (market) && !ps_market_get_loading (market))
    return g_strdup_printf (_("%s %s: nothing in this range"),
                            ps_market_get_venue_name (market), ps_market_get_symbol (market));
  return NULL;
}

char *
ps_aggregate_market_dup_sum_note (PsAggregateMarket *self,
                                  guint              v)
{
  PsMarket *market;
  const PsAggregate *aggregate;

  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);
  g_return_val_if_fail (v < self->venues->len, NULL);

  market = _ps_aggregate_market_get (self, v);
  aggregate = ps_aggregate_market_get_aggregate (self);

  if (aggregate == NULL || !ps_aggregate_market_has_data (market))
    return NULL;
  if (!VENUE (self, v)->oi_history)
    return g_strdup_printf (_("%s %s: keeps no open-interest history, only the current value: "
                              "not in the sum"),
                            ps_market_get_venue_name (market), ps_market_get_symbol (market));
  if (!aggregate->oi_used[v])
    return g_strdup_printf (_("%s %s: no open interest in USD in this range: not in the sum"),
                            ps_market_get_venue_name (market), ps_market_get_symbol (market));
  /* Missing only before its first value: older than the venue keeps, or
   * before its history starts; not a hole to worry about. */
  if (aggregate->oi_missing_steps[v] > 0 &&
      aggregate->oi_missing_last_ms[v] < aggregate->oi_first_ms[v])
    {
      gint64 horizon_ms = VENUE (self, v)->oi_horizon_ms;
      guint days = (guint) MAX (1, (horizon_ms + 12 * 3600 * 1000) / (24 * 3600 * 1000));
      g_autofree char *since = ps_time_format (aggregate->oi_first_ms[v], TRUE);

      if (horizon_ms == 0)
        /* Translators: "Bybit BTCUSDT: open interest only from 2026-05-25
         * 16:00 UTC, the sum is a gap before". */
        return g_strdup_printf (_("%s %s: open interest only from %s, the sum is a gap before"),
                                ps_market_get_venue_name (market),
                                ps_market_get_symbol (market), since);
      /* Translators: "Binance BTCUSDT: keeps 30 days of open-interest
       * history, the sum is a gap before 2026-05-23 12:05 UTC". */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s %s: keeps %u day of open-interest history, the "
                                           "sum is a gap before %s",
                                           "%s %s: keeps %u days of open-interest history, the "
                                           "sum is a gap before %s", days),
                              ps_market_get_venue_name (market), ps_market_get_symbol (market),
                              days, since);
    }
  if (aggregate->oi_missing_steps[v] > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s %s: open interest missing at %u of %u step: the "
                                         "sum is a gap there",
                                         "%s %s: open interest missing at %u of %u steps: the "
                                         "sum is a gap there", aggregate->open_interest->n),
                            ps_market_get_venue_name (market), ps_market_get_symbol (market),
                            aggregate->oi_missing_steps[v], aggregate->open_interest->n);
  return NULL;
}

char *
ps_aggregate_market_dup_feed_note (PsAggregateMarket *self,
                                   guint              v)
{
  PsMarket *market;

  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);
  g_return_val_if_fail (v < self->venues->len, NULL);

  market = _ps_aggregate_market_get (self, v);
  if (VENUE (self, v)->no_feed == NULL)
    return NULL;
  return g_strdup_printf (_("%s %s: %s: none of its liquidations are recorded"),
                          ps_market_get_venue_name (market), ps_market_get_symbol (market),
                          VENUE (self, v)->no_feed);
}

GStrv
ps_aggregate_market_dup_notes (PsAggregateMarket *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);

  for (guint i = 0; i < self->venues->len; i++)
    {
      g_autofree char *note = ps_aggregate_market_describe (_ps_aggregate_market_get (self, i));
      g_autofree char *oi_note = ps_aggregate_market_dup_sum_note (self, i);

      if (note != NULL)
        g_strv_builder_add (builder, note);
      if (oi_note != NULL)
        g_strv_builder_add (builder, oi_note);
    }
  return g_strv_builder_end (builder);
}

GError *
ps_aggregate_market_dup_error (PsAggregateMarket *self)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);

  for (guint i = 0; i < self->venues->len; i++)
    {
      PsMarket *market = _ps_aggregate_market_get (self, i);
      char *note;

      if (ps_aggregate_market_has_data (market))
        return NULL;
      if ((note = ps_aggregate_market_describe (market)) != NULL)
        g_ptr_array_add (notes, note);
    }

  g_ptr_array_add (notes, NULL);
  joined = g_strjoinv ("; ", (char **) notes->pdata);
  return g_error_new (PS_NET_ERROR, PS_NET_ERROR_FAILED, _("No venue has %s %s: %s"),
                      self->asset, ps_interval_to_string (self->interval),
                      *joined ? joined : _("no venue is known"));
}

/* Where no venue's recorder listened: the intersection of the venues'
 * sorted "not recorded" spans. */
static GArray *
ps_aggregate_market_not_recorded (GPtrArray *parts)
{
  GArray *common = NULL;

  for (guint p = 0; p < parts->len; p++)
    {
      GArray *spans = ((PsMarketSnapshot *) g_ptr_array_index (parts, p))->not_recorded;
      GArray *next;
      guint a = 0, b = 0;

      if (common == NULL)
        {
          common = g_array_copy (spans);
          continue;
        }
      next = g_array_new (FALSE, FALSE, sizeof (PsRange));
      while (a < common->len && b < spans->len)
        {
          PsRange *x = &g_array_index (common, PsRange, a);
          PsRange *y = &g_array_index (spans, PsRange, b);
          PsRange both = { MAX (x->from_ms, y->from_ms), MIN (x->to_ms, y->to_ms) };

          if (both.from_ms < both.to_ms)
            g_array_append_val (next, both);
          if (x->to_ms < y->to_ms)
            a++;
          else
            b++;
        }
      g_array_unref (common);
      common = next;
    }
  return common != NULL ? common : g_array_new (FALSE, FALSE, sizeof (PsRange));
}

/* Venue v's part of the summed open interest, at the aggregate's steps. */
static PsOpenInterest *
ps_aggregate_market_part_oi (const PsAggregate *aggregate,
                             guint              v)
{
  const PsOpenInterest *sum = aggregate->open_interest;
  PsOpenInterest *part = ps_open_interest_new (sum->n);

  for (guint k = 0; k < sum->n; k++)
    ps_open_interest_append (part, sum->t_ms[k], NAN,
                             aggregate->oi_venue_usd[k * aggregate->n_venues + v]);
  return part;
}

static void
ps_aggregate_market_make (PsAggregateMarket *self)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GArray) inputs = g_array_new (FALSE, TRUE, sizeof (PsAggregateInput));
  g_autoptr(GArray) not_recorded = NULL;
  PsMarketSnapshot *snapshot;

  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_market_snapshot_unref);
  for (guint i = 0; i < self->venues->len; i++)
    {
      PsMarketSnapshot *part = ps_market_get_snapshot (_ps_aggregate_market_get (self, i));
      PsAggregateInput input = { part->venue, part->candles, part->funding,
                                 part->open_interest, part->liquidations };

      /* One input per venue, in the venues' order: the aggregate's per-venue
       * columns index the markets. */
      if (part->is_demo)
        input.candles = NULL, input.funding = NULL, input.open_interest = NULL,
        input.liquidations = NULL;
      /* Its current value alone would make every earlier step of the sum a
       * gap: a venue without history takes no part. */
      if (!VENUE (self, i)->oi_history)
        input.open_interest = NULL;
      g_ptr_array_add (parts, part);
      g_array_append_val (inputs, input);
    }

  self->aggregate = ps_aggregate_new ((PsAggregateInput *) (gpointer) inputs->data, inputs->len,
                                      self->interval, self->from_ms, self->to_ms, self->reference);
  not_recorded = ps_aggregate_market_not_recorded (parts);
  snapshot = ps_market_snapshot_new (PS_AGGREGATE_VENUE, self->asset, self->interval,
                                     self->from_ms, self->to_ms, self->aggregate->candles, NULL,
                                     self->aggregate->funding, self->aggregate->open_interest,
                                     self->aggregate->liquidations, not_recorded);
  /* Not shared yet: filled before anyone else sees it. */
  g_free (snapshot->venue_name);
  snapshot->venue_name = g_strdup (_("All venues"));
  g_free (snapshot->shown_venue_name);
  snapshot->shown_venue_name = g_strdup (snapshot->venue_name);
  snapshot->loading = self->loading;
  snapshot->parts_open_interest =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ps_open_interest_unref);
  snapshot->parts_funding = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_funding_unref);
  for (guint i = 0; i < parts->len; i++)
    {
      PsMarketSnapshot *part = g_ptr_array_index (parts, i);
      const PsAggregateInput *input = &g_array_index (inputs, PsAggregateInput, i);

      g_ptr_array_add (snapshot->parts_open_interest,
                       ps_aggregate_market_part_oi (self->aggregate, i));
      g_ptr_array_add (snapshot->parts_funding,
                       input->funding != NULL ? ps_aggregate_funding_per_8h (part->funding)
                                              : ps_funding_new (0));
    }
  snapshot->parts = g_steal_pointer (&parts);
  self->snapshot = snapshot;
}

PsMarketSnapshot *
_ps_aggregate_market_peek_snapshot (PsAggregateMarket *self)
{
  if (self->snapshot == NULL)
    ps_aggregate_market_make (self);
  return self->snapshot;
}

const PsAggregate *
ps_aggregate_market_get_aggregate (PsAggregateMarket *self)
{
  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);

  if (self->snapshot == NULL && self->from_ms < self->to_ms)
    ps_aggregate_market_make (self);
  return self->aggregate;
}

PsMarketSnapshot *
ps_aggregate_market_get_snapshot (PsAggregateMarket *self)
{
  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);

  return ps_market_snapshot_ref (_ps_aggregate_market_peek_snapshot (self));
}
