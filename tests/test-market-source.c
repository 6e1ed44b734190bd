/* test-market-source.c: PsMarketSource, the seam the window shows markets
 * through, as one venue's PsMarket implements it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-demo.h"
#include "ps-market.h"
#include "ps-net-error.h"
#include "ps-test-market.h"

#define NOV_1 G_GINT64_CONSTANT (1761955200000)   /* 2025-11-01 UTC */
#define DEC_1 G_GINT64_CONSTANT (1764547200000)   /* 2025-12-01 UTC */

static PsMarket *
market_new (Fixture    *f,
            const char *rest)
{
  g_autoptr(GError) error = NULL;
  PsMarket *market;

  g_setenv ("PERPSCOPE_BINANCE_REST", rest ? rest : ps_test_server_get_uri (f->server), TRUE);
  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", ps_test_server_get_uri (f->server), TRUE);
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

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add ("/perpscope/model/market-source/market", Fixture, NULL, fixture_setup,
              test_market, fixture_teardown);
  g_test_add ("/perpscope/model/market-source/market-demo", Fixture, NULL, fixture_setup,
              test_market_demo, fixture_teardown);

  return g_test_run ();
}
