/* ps-aggregate-market.c: one asset across all venues, from each venue's
 * own PsMarket (its sync, its reads), aggregated by ps_aggregate_new ()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-aggregate-market.h"
#include "ps-net-error.h"
#include "ps-venues.h"

struct _PsAggregateMarket
{
  GObject           parent_instance;

  char             *asset;
  PsInterval        interval;
  GPtrArray        *markets;     /* PsMarket, one per venue */
  gint64            from_ms;
  gint64            to_ms;
  PsAggregate      *aggregate;   /* of the snapshot below; NULL: stale */
  PsMarketSnapshot *snapshot;
  guint             loading : 1;
};

G_DEFINE_FINAL_TYPE (PsAggregateMarket, ps_aggregate_market, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
ps_aggregate_market_invalidate (PsAggregateMarket *self)
{
  g_clear_pointer (&self->aggregate, ps_aggregate_free);
  g_clear_pointer (&self->snapshot, ps_market_snapshot_unref);
}

/* Loading while any venue is: a command waits for the last. */
static void
ps_aggregate_market_update_loading (PsAggregateMarket *self)
{
  gboolean loading = FALSE;

  for (guint i = 0; i < self->markets->len; i++)
    loading |= ps_market_get_loading (g_ptr_array_index (self->markets, i));
  if (self->loading == loading)
    return;

  self->loading = loading;
  ps_aggregate_market_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
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
ps_aggregate_market_changed_cb (PsAggregateMarket *self,
                                gint64             from_ms,
                                gint64             to_ms,
                                PsMarket          *market)
{
  g_assert (PS_IS_AGGREGATE_MARKET (self));

  ps_aggregate_market_invalidate (self);
  g_signal_emit (self, signals[CHANGED], 0, from_ms, to_ms);
}

static void
ps_aggregate_market_dispose (GObject *object)
{
  PsAggregateMarket *self = PS_AGGREGATE_MARKET (object);

  if (self->markets != NULL)
    for (guint i = 0; i < self->markets->len; i++)
      ps_market_cancel (g_ptr_array_index (self->markets, i));
  g_clear_pointer (&self->markets, g_ptr_array_unref);

  G_OBJECT_CLASS (ps_aggregate_market_parent_class)->dispose (object);
}

static void
ps_aggregate_market_finalize (GObject *object)
{
  PsAggregateMarket *self = PS_AGGREGATE_MARKET (object);

  ps_aggregate_market_invalidate (self);
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
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_aggregate_market_class_init (PsAggregateMarketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_aggregate_market_dispose;
  object_class->finalize = ps_aggregate_market_finalize;
  object_class->get_property = ps_aggregate_market_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A venue's series changed over [from_ms, to_ms): the aggregate with them. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
}

static void
ps_aggregate_market_init (PsAggregateMarket *self)
{
  self->markets = g_ptr_array_new_with_free_func (g_object_unref);
}

PsAggregateMarket *
ps_aggregate_market_new (PsCore     *core,
                         const char *asset,
                         PsInterval  interval)
{
  const char * const *venues;
  PsAggregateMarket *self;

  g_return_val_if_fail (PS_IS_CORE (core), NULL);
  g_return_val_if_fail (asset != NULL && *asset != '\0', NULL);
  g_return_val_if_fail (interval > PS_INTERVAL_NONE && interval < PS_N_INTERVALS, NULL);

  self = g_object_new (PS_TYPE_AGGREGATE_MARKET, NULL);
  self->asset = ps_venues_get_asset (asset);
  self->interval = interval;

  venues = ps_core_list_venues (core);
  for (guint i = 0; venues[i] != NULL; i++)
    {
      g_autofree char *symbol = ps_venues_resolve_symbol (venues[i], self->asset);
      g_autoptr(GError) error = NULL;
      PsMarket *market;

      /* Every listed venue has a sync: a failure here is a bug, not input. */
      if (!(market = ps_market_new (core, venues[i], symbol, interval, &error)))
        {
          g_warning ("No market of %s %s: %s", venues[i], symbol, error->message);
          continue;
        }
      ps_market_set_demo_allowed (market, FALSE);
      g_signal_connect_object (market, "notify::loading",
                               G_CALLBACK (ps_aggregate_market_loading_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (market, "changed", G_CALLBACK (ps_aggregate_market_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->markets, market);
    }
  return self;
}

const char *
ps_aggregate_market_get_asset (PsAggregateMarket *self)
{
  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);

  return self->asset;
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

  return self->markets->len;
}

PsMarket *
ps_aggregate_market_get_market (PsAggregateMarket *self,
                                guint              i)
{
  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);
  g_return_val_if_fail (i < self->markets->len, NULL);

  return g_ptr_array_index (self->markets, i);
}

static void
ps_aggregate_market_load_all (PsAggregateMarket *self,
                              gint64             from_ms,
                              gint64             to_ms,
                              gboolean           cached_only)
{
  self->from_ms = from_ms;
  self->to_ms = to_ms;
  ps_aggregate_market_invalidate (self);
  /* Each venue has its own rate-limit bucket: all of them ask at once. */
  for (guint i = 0; i < self->markets->len; i++)
    if (cached_only)
      ps_market_load_cached (g_ptr_array_index (self->markets, i), from_ms, to_ms);
    else
      ps_market_load (g_ptr_array_index (self->markets, i), from_ms, to_ms);
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
ps_aggregate_market_cancel (PsAggregateMarket *self)
{
  g_return_if_fail (PS_IS_AGGREGATE_MARKET (self));

  for (guint i = 0; i < self->markets->len; i++)
    ps_market_cancel (g_ptr_array_index (self->markets, i));
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
  g_return_val_if_fail (v < self->markets->len, NULL);

  market = g_ptr_array_index (self->markets, v);
  aggregate = ps_aggregate_market_get_aggregate (self);

  if (aggregate == NULL || !ps_aggregate_market_has_data (market))
    return NULL;
  if (!aggregate->oi_used[v])
    return g_strdup_printf (_("%s %s: no open interest in USD in this range: not in the sum"),
                            ps_market_get_venue_name (market), ps_market_get_symbol (market));
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

GStrv
ps_aggregate_market_dup_notes (PsAggregateMarket *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PS_IS_AGGREGATE_MARKET (self), NULL);

  for (guint i = 0; i < self->markets->len; i++)
    {
      g_autofree char *note = ps_aggregate_market_describe (g_ptr_array_index (self->markets, i));
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

  for (guint i = 0; i < self->markets->len; i++)
    {
      PsMarket *market = g_ptr_array_index (self->markets, i);
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

static void
ps_aggregate_market_make (PsAggregateMarket *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_market_snapshot_unref);
  g_autoptr(GArray) inputs = g_array_new (FALSE, TRUE, sizeof (PsAggregateInput));
  g_autoptr(GArray) not_recorded = NULL;
  PsMarketSnapshot *snapshot;

  for (guint i = 0; i < self->markets->len; i++)
    {
      PsMarket *market = g_ptr_array_index (self->markets, i);
      PsMarketSnapshot *part = ps_market_get_snapshot (market);
      PsAggregateInput input = { part->venue, part->candles, part->funding,
                                 part->open_interest, part->liquidations };

      /* One input per venue, in the venues' order: the aggregate's per-venue
       * columns index the markets. */
      if (part->is_demo)
        input.candles = NULL, input.funding = NULL, input.open_interest = NULL,
        input.liquidations = NULL;
      g_ptr_array_add (parts, part);
      g_array_append_val (inputs, input);
    }

  self->aggregate = ps_aggregate_new ((PsAggregateInput *) (gpointer) inputs->data, inputs->len,
                                      self->interval, self->from_ms, self->to_ms, NULL);
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
  snapshot->parts = g_steal_pointer (&parts);
  self->snapshot = snapshot;
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

  if (self->snapshot == NULL)
    ps_aggregate_market_make (self);
  return ps_market_snapshot_ref (self->snapshot);
}
