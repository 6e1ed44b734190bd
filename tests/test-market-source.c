/* test-market-source.c: PsMarketSource, the seam the window shows markets
 * through, as one venue's PsMarket and every venue's PsAggregateMarket
 * implement it (the loopback Binance answering, the other venues refusing)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-aggregate-market.h"
#include "ps-demo.h"
#include "ps-market.h"
#include "ps-net-error.h"
#include "ps-recordings.h"
#include "ps-test-market.h"

#define NOV_1 G_GINT64_CONSTANT (1761955200000)   /* 2025-11-01 UTC */
#define DEC_1 G_GINT64_CONSTANT (1764547200000)   /* 2025-12-01 UTC */
#define DEC_18 G_GINT64_CONSTANT (1766016000000)  /* the test server's now */
#define DAY   ((gint64) 24 * 3600 * 1000)

/* The venues besides Binance refuse at once: no test reaches the internet. */
static void
refuse_other_venues (void)
{
  static const char * const venues[] = { "BYBIT", "OKX", "BITMEX", "HYPERLIQUID" };

  for (guint i = 0; i < G_N_ELEMENTS (venues); i++)
    {
      g_autofree char *name = g_strdup_printf ("PERPSCOPE_%s_REST", venues[i]);

      g_setenv (name, "http://127.0.0.1:9", TRUE);
    }
}

/* Binance at rest (NULL: the loopback one) and its spot market at the
 * loopback server. */
static void
use_binance (Fixture    *f,
             const char *rest)
{
  g_setenv ("PERPSCOPE_BINANCE_REST", rest ? rest : ps_test_server_get_uri (f->server), TRUE);
  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", ps_test_server_get_uri (f->server), TRUE);
}

static PsMarket *
market_new (Fixture    *f,
            const char *rest)
{
  g_autoptr(GError) error = NULL;
  PsMarket *market;

  use_binance (f, rest);
  market = ps_market_new (f->core, "binance", "BTCUSDT", PS_INTERVAL_4H, &error);
  g_assert_no_error (error);
  return market;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
wait_source (PsMarketSource *source)
{
  while (ps_market_source_get_loading (source))
    g_main_context_iteration (NULL, TRUE);
}

/* Through the seam, a market says what it says itself: the same series (by
 * reference), the same labels, its signals and properties. */
static void
test_market (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, NULL);
  PsMarketSource *source = PS_MARKET_SOURCE (market);
  g_autoptr(PsMarketSnapshot) snapshot = NULL;
  g_auto(GStrv) notes = NULL;
  guint changed = 0, loading = 0;
  double rate;
  gint64 next_ms;

  g_assert_true (PS_IS_MARKET_SOURCE (market));
  g_assert_cmpstr (ps_market_source_get_venue (source), ==, "binance");
  g_assert_cmpstr (ps_market_source_get_venue_name (source), ==, "Binance");
  g_assert_cmpstr (ps_market_source_get_symbol (source), ==, "BTCUSDT");
  g_assert_cmpint (ps_market_source_get_interval (source), ==, PS_INTERVAL_4H);
  g_assert_cmpuint (ps_market_source_get_candles (source)->n, ==, 0);
  {
    g_auto(GStrv) markets = ps_market_source_dup_markets (source);
    const char * const expected[] = { "binance", "BTCUSDT", NULL };

    g_assert_true (g_strv_equal ((const char * const *) markets, expected));
  }

  g_signal_connect_swapped (source, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect_swapped (source, "notify::loading", G_CALLBACK (count_cb), &loading);
  ps_market_source_load (source, NOV_1, DEC_1);
  g_assert_true (ps_market_source_get_loading (source));
  g_assert_true (ps_market_get_loading (market));
  wait_source (source);

  g_assert_cmpuint (changed, >=, 1);
  g_assert_cmpuint (loading, ==, 2);   /* on, then off */
  g_assert_no_error ((GError *) ps_market_source_get_error (source));
  g_assert_false (ps_market_source_get_is_demo (source));
  g_assert_true (ps_market_source_get_candles (source) == ps_market_get_candles (market));
  g_assert_cmpuint (ps_market_source_get_candles (source)->n, ==, 30 * 6);
  g_assert_true (ps_market_source_get_funding (source) == ps_market_get_funding (market));
  g_assert_true (ps_market_source_get_open_interest (source) ==
                 ps_market_get_open_interest (market));
  g_assert_true (ps_market_source_get_liquidations (source) ==
                 ps_market_get_liquidations (market));
  g_assert_cmpuint (ps_market_source_get_not_recorded (source)->len, ==,
                    ps_market_get_not_recorded (market)->len);
  g_assert_true (ps_market_source_get_empty_spans (source) == ps_market_get_empty_spans (market));
  g_assert_cmpstr (ps_market_source_get_shown_venue_name (source), ==, "Binance");
  g_assert_cmpint (ps_market_source_get_shown_from_ms (source), ==, NOV_1);
  g_assert_cmpint (ps_market_source_get_shown_to_ms (source), ==, DEC_1);
  g_assert_cmpint (ps_market_source_get_offline_to_ms (source), ==, 0);
  g_assert_null (ps_market_source_get_parts (source));

  /* The same snapshot either way, until something changes. */
  snapshot = ps_market_source_get_snapshot (source);
  g_assert_true (snapshot->candles == ps_market_get_candles (market));
  {
    g_autoptr(PsMarketSnapshot) again = ps_market_get_snapshot (market);

    g_assert_true (again == snapshot);
  }

  /* One venue's failure is its error: nothing more to note. */
  notes = ps_market_source_dup_notes (source);
  g_assert_cmpuint (g_strv_length (notes), ==, 0);
  g_assert_false (ps_market_source_get_next_funding (source, &rate, &next_ms));
}

/* The demo standing in is said through the seam too. */
static void
test_market_demo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PsMarket) market = market_new (f, "http://127.0.0.1:9");
  PsMarketSource *source = PS_MARKET_SOURCE (market);
  guint demo = 0;

  g_signal_connect_swapped (source, "notify::is-demo", G_CALLBACK (count_cb), &demo);
  ps_market_source_load (source, NOV_1, DEC_1);
  wait_source (source);

  g_assert_cmpuint (demo, ==, 1);
  g_assert_true (ps_market_source_get_is_demo (source));
  g_assert_error ((GError *) ps_market_source_get_error (source), PS_NET_ERROR,
                  PS_NET_ERROR_UNREACHABLE);
  g_assert_true (ps_market_source_get_candles (source) == ps_demo_get ()->candles);
  g_assert_cmpint (ps_market_source_get_shown_from_ms (source), ==, ps_demo_get ()->from_ms);
}

/* Every venue as one source: "All venues", the asset; loading until the
 * last venue is done; the range the reference venue's (its clock, not
 * ours); the sum of open interest that of the venues that have some, each
 * one's part beside it; what is left out, said per venue. */
static void
test_aggregate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PsAggregateMarket) aggregate = NULL;
  PsMarketSource *source;
  PsMarketSnapshot *snapshot;
  PsOpenInterest *sum, *part;
  g_auto(GStrv) notes = NULL;
  g_autofree char *joined = NULL;
  guint loading = 0, changed = 0, n_steps = 0;

  refuse_other_venues ();
  use_binance (f, NULL);
  aggregate = ps_aggregate_market_new (f->core, "BTCUSDT", PS_INTERVAL_4H);
  source = PS_MARKET_SOURCE (aggregate);
  g_assert_true (PS_IS_MARKET_SOURCE (aggregate));
  g_assert_cmpstr (ps_market_source_get_venue (source), ==, "all");
  g_assert_cmpstr (ps_market_source_get_venue_name (source), ==, "All venues");
  g_assert_cmpstr (ps_market_source_get_symbol (source), ==, "BTC");
  g_assert_cmpint (ps_market_source_get_interval (source), ==, PS_INTERVAL_4H);
  g_assert_cmpstr (ps_aggregate_market_get_reference (aggregate), ==, "binance");

  g_signal_connect_swapped (source, "notify::loading", G_CALLBACK (count_cb), &loading);
  g_signal_connect_swapped (source, "changed", G_CALLBACK (count_cb), &changed);
  ps_market_source_load_recent (source, 14 * DAY);
  g_assert_true (ps_market_source_get_loading (source));
  g_assert_nonnull (strstr (ps_market_source_get_progress_text (source), "Fetching BTC from "));
  g_assert_cmpfloat (ps_market_source_get_progress (source), <, 1);
  wait_source (source);

  g_assert_cmpuint (loading, ==, 2);
  g_assert_cmpuint (changed, >=, 1);
  g_assert_null (ps_market_source_get_progress_text (source));
  g_assert_cmpfloat (ps_market_source_get_progress (source), ==, 1);
  /* Binance answered: no error, though four venues failed. */
  g_assert_no_error ((GError *) ps_market_source_get_error (source));
  g_assert_false (ps_market_source_get_is_demo (source));
  g_assert_cmpint (ps_market_source_get_shown_to_ms (source), ==, DEC_18 + 4 * 3600 * 1000);
  g_assert_cmpint (ps_market_source_get_shown_from_ms (source), ==,
                   DEC_18 + 4 * 3600 * 1000 - 14 * DAY);
  g_assert_cmpstr (ps_market_source_get_shown_venue_name (source), ==, "All venues");
  g_assert_cmpuint (ps_market_source_get_candles (source)->n, ==, 14 * 6);
  g_assert_cmpint (ps_market_source_get_offline_to_ms (source), ==, 0);
  g_assert_cmpuint (ps_market_source_get_empty_spans (source)->len, ==, 0);

  /* The sum is Binance's alone, step by step, and so is its part. */
  snapshot = ps_market_source_get_snapshot (source);
  sum = snapshot->open_interest;
  g_assert_cmpuint (snapshot->parts->len, ==, 5);
  g_assert_cmpuint (snapshot->parts_open_interest->len, ==, 5);
  g_assert_cmpuint (snapshot->parts_funding->len, ==, 5);
  g_assert_true (ps_market_source_get_parts (source) == snapshot->parts);
  part = g_ptr_array_index (snapshot->parts_open_interest, 0);
  g_assert_cmpuint (part->n, ==, sum->n);
  for (guint k = 0; k < sum->n; k++)
    {
      g_assert_cmpint (part->t_ms[k], ==, sum->t_ms[k]);
      if (isfinite (sum->usd[k]))
        {
          g_assert_cmpfloat_with_epsilon (part->usd[k], sum->usd[k], 1e-6);
          n_steps++;
        }
      for (guint v = 1; v < 5; v++)
        {
          PsOpenInterest *other = g_ptr_array_index (snapshot->parts_open_interest, v);

          g_assert_true (isnan (other->usd[k]));
        }
    }
  g_assert_cmpuint (n_steps, >, 50);
  /* Binance's funding per 8 h: as it settles, 8-hourly. */
  g_assert_cmpuint (((PsFunding *) snapshot->parts_funding->pdata[0])->n, ==,
                    ps_market_get_funding (ps_aggregate_market_get_market (aggregate, 0))->n);
  ps_market_snapshot_unref (snapshot);

  /* Each venue that failed, and Hyperliquid's missing feed, in words. */
  notes = ps_market_source_dup_notes (source);
  joined = g_strjoinv ("\n", notes);
  g_test_message ("%s", joined);
  g_assert_nonnull (strstr (joined, "Bybit BTCUSDT: "));
  g_assert_nonnull (strstr (joined, "BitMEX XBTUSD: "));
  g_assert_nonnull (strstr (joined, "Hyperliquid BTC: Hyperliquid publishes no liquidation feed: "
                                    "none of its liquidations are recorded"));
  g_assert_false (ps_market_source_get_next_funding (source, NULL, NULL));
}

/* A venue that serves its current open interest only takes no part in the
 * sum, even with a value recorded in the range (it would make every other
 * step of the sum a gap), and says so; the reference venue picks the
 * candles, another stands in when it has none. */
static void
test_aggregate_venues (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const venues[] = { "bitmex", "binance", NULL };
  g_autoptr(PsAggregateMarket) aggregate = NULL;
  g_autoptr(PsMarketSnapshot) snapshot = NULL;
  g_autofree char *path = ps_recordings_dup_default_path ();
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(PsOpenInterest) recorded = ps_open_interest_new (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  PsOpenInterest *sum;
  guint n_steps = 0;

  recordings = ps_recordings_new (path, &error);
  g_assert_no_error (error);
  ps_open_interest_append (recorded, DEC_18 - DAY, 5e3, 5e8);
  g_assert_true (ps_recordings_write_open_interest (recordings, "bitmex", "XBTUSD", recorded,
                                                    DEC_18 - DAY, DEC_18 - DAY + 60000, &error));
  g_assert_no_error (error);

  refuse_other_venues ();
  use_binance (f, NULL);
  aggregate = ps_aggregate_market_new_with_venues (f->core, "BTC", PS_INTERVAL_4H, venues,
                                                   "bitmex");
  g_assert_cmpuint (ps_aggregate_market_get_n_venues (aggregate), ==, 2);
  /* The core's order, not the list's. */
  g_assert_cmpstr (ps_market_get_venue (ps_aggregate_market_get_market (aggregate, 0)), ==,
                   "binance");
  g_assert_cmpstr (ps_aggregate_market_get_reference (aggregate), ==, "bitmex");
  /* What the cache holds of it (kept when the cache is trimmed): each venue's. */
  {
    g_auto(GStrv) markets = ps_market_source_dup_markets (PS_MARKET_SOURCE (aggregate));
    const char * const expected[] = { "binance", "BTCUSDT", "bitmex", "XBTUSD", NULL };

    g_assert_true (g_strv_equal ((const char * const *) markets, expected));
  }
  ps_aggregate_market_load (aggregate, DEC_18 - 7 * DAY, DEC_18);
  wait_source (PS_MARKET_SOURCE (aggregate));

  /* BitMEX refused: Binance's candles stand in for the reference's. */
  g_assert_cmpuint (ps_market_source_get_candles (PS_MARKET_SOURCE (aggregate))->n, ==, 42);
  g_assert_cmpuint (ps_market_get_open_interest (ps_aggregate_market_get_market (aggregate,
                                                                                1))->n, ==, 1);
  note = ps_aggregate_market_dup_sum_note (aggregate, 1);
  g_assert_cmpstr (note, ==, "BitMEX XBTUSD: keeps no open-interest history, only the current "
                             "value: not in the sum");
  g_clear_pointer (&note, g_free);
  g_assert_null ((note = ps_aggregate_market_dup_sum_note (aggregate, 0)));
  g_assert_null ((note = ps_aggregate_market_dup_feed_note (aggregate, 0)));
  g_assert_null ((note = ps_aggregate_market_dup_feed_note (aggregate, 1)));

  /* The sum is complete wherever Binance has a value: no gap for BitMEX. */
  snapshot = ps_market_source_get_snapshot (PS_MARKET_SOURCE (aggregate));
  sum = snapshot->open_interest;
  for (guint k = 0; k < sum->n; k++)
    {
      double binance = ((PsOpenInterest *) snapshot->parts_open_interest->pdata[0])->usd[k];

      g_assert_true (isnan (((PsOpenInterest *) snapshot->parts_open_interest->pdata[1])->usd[k]));
      if (isfinite (binance))
        {
          g_assert_cmpfloat (sum->usd[k], ==, binance);
          n_steps++;
        }
    }
  g_assert_cmpuint (n_steps, ==, 42);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add ("/perpscope/model/market-source/market", Fixture, NULL, fixture_setup,
              test_market, fixture_teardown);
  g_test_add ("/perpscope/model/market-source/market-demo", Fixture, NULL, fixture_setup,
              test_market_demo, fixture_teardown);
  g_test_add ("/perpscope/model/market-source/aggregate", Fixture, NULL, fixture_setup,
              test_aggregate, fixture_teardown);
  g_test_add ("/perpscope/model/market-source/aggregate-venues", Fixture, NULL, fixture_setup,
              test_aggregate_venues, fixture_teardown);

  return g_test_run ();
}
