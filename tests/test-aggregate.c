/* test-aggregate.c: one asset across venues, by hand: symbols per venue, OI
 * summed with a venue missing or NaN, funding of venues settling hourly and
 * 8-hourly at other hours, liquidations merged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-aggregate.h"
#include "ps-test-util.h"
#include "ps-venues.h"

#define HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)
/* 2023-11-05 16:00 UTC: a multiple of 8 h since the epoch, a funding time. */
#define T0 (G_GINT64_CONSTANT (59000) * 8 * HOUR_MS)

static void
test_resolve (void)
{
  static const struct { const char *venue, *in, *out; } cases[] = {
    { "binance", "BTC", "BTCUSDT" },
    { "bybit", "BTC", "BTCUSDT" },
    { "okx", "BTC", "BTC-USDT-SWAP" },
    { "bitmex", "BTC", "XBTUSD" },
    { "hyperliquid", "BTC", "BTC" },
    { "okx", "eth", "ETH-USDT-SWAP" },
    { "bitmex", "ETH", "ETHUSD" },
    { "bitmex", "XBT", "XBTUSD" },
    { "binance", "XBT", "BTCUSDT" },
    /* A venue's own symbol passes through, whatever the venue. */
    { "binance", "BTCUSDT", "BTCUSDT" },
    { "okx", "BTC-USDT-SWAP", "BTC-USDT-SWAP" },
    { "bitmex", "XBTUSD", "XBTUSD" },
    { "nowhere", "BTC", "BTC" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *symbol = ps_venues_resolve_symbol (cases[i].venue, cases[i].in);

      g_assert_cmpstr (symbol, ==, cases[i].out);
    }
}

static void
test_asset (void)
{
  static const char * const cases[][2] = {
    { "BTCUSDT", "BTC" }, { "BTC-USDT-SWAP", "BTC" }, { "XBTUSD", "BTC" }, { "btc", "BTC" },
    { "ETHUSDT", "ETH" }, { "ETH-USD-SWAP", "ETH" }, { "USDT", "USDT" }, { "SOL", "SOL" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *asset = ps_venues_get_asset (cases[i][0]);

      g_assert_cmpstr (asset, ==, cases[i][1]);
    }
  g_assert_null (ps_venues_get_asset (""));
}

static PsCandles *
flat_candles (guint  n,
              double close)
{
  PsCandles *candles = ps_candles_new (n);

  for (guint i = 0; i < n; i++)
    ps_candles_append (candles, T0 + i * HOUR_MS, close, close, close, close, 1, NAN);
  return candles;
}

/* usd per hour from T0; a value < 0 leaves the hour out. */
static PsOpenInterest *
oi_of (const double *usd,
       guint         n)
{
  PsOpenInterest *oi = ps_open_interest_new (n);

  for (guint i = 0; i < n; i++)
    if (isnan (usd[i]) || usd[i] >= 0)
      ps_open_interest_append (oi, T0 + i * HOUR_MS, usd[i] / 10, usd[i]);
  return oi;
}

/* A: every hour. B: hour 2 missing (carried), NaN USD at hour 4 (carried).
 * C: hours 2 and 3 missing: carried once, then the step is partial. D: no
 * OI at all, no part in the sum. */
static void
test_open_interest (void)
{
  static const double a[] = { 100, 110, 120, 130, 140 };
  static const double b[] = { 10, 20, -1, 40, NAN };
  static const double c[] = { 1, 2, -1, -1, 5 };
  g_autoptr(PsCandles) candles = flat_candles (5, 10);
  g_autoptr(PsOpenInterest) oa = oi_of (a, 5), ob = oi_of (b, 5), oc = oi_of (c, 5);
  PsAggregateInput inputs[] = {
    { "bybit", NULL, NULL, ob, NULL },
    { "binance", candles, NULL, oa, NULL },
    { "okx", NULL, NULL, oc, NULL },
    { "bitmex", NULL, NULL, NULL, NULL },
  };
  static const double sums[] = { 111, 132, 142, NAN, 185 };
  static const double partial[] = { 111, 132, 142, 170, 185 };
  /* Each venue's part, as a chart stacks them: its own or carried value. */
  static const double parts[5][4] = {
    { 10, 100, 1, NAN }, { 20, 110, 2, NAN }, { 20, 120, 2, NAN },
    { 40, 130, NAN, NAN }, { 40, 140, 5, NAN },
  };
  static const guint8 states[] = {
    PS_AGGREGATE_STEP_COMPLETE, PS_AGGREGATE_STEP_COMPLETE, PS_AGGREGATE_STEP_CARRIED,
    PS_AGGREGATE_STEP_PARTIAL, PS_AGGREGATE_STEP_CARRIED,
  };
  g_autoptr(PsAggregate) agg = ps_aggregate_new (inputs, G_N_ELEMENTS (inputs), PS_INTERVAL_1H,
                                                 T0, T0 + 5 * HOUR_MS, NULL);

  g_assert_cmpuint (agg->reference, ==, 1);
  g_assert_true (agg->candles == candles);
  g_assert_cmpint (agg->oi_step_ms, ==, HOUR_MS);
  g_assert_cmpuint (agg->open_interest->n, ==, 5);
  for (guint k = 0; k < 5; k++)
    {
      g_assert_cmpint (agg->open_interest->t_ms[k], ==, T0 + k * HOUR_MS);
      if (isnan (sums[k]))
        {
          g_assert_true (isnan (agg->open_interest->usd[k]));
          g_assert_true (isnan (agg->open_interest->contracts[k]));
        }
      else
        {
          g_assert_cmpfloat_with_epsilon (agg->open_interest->usd[k], sums[k], 1e-9);
          /* Coins at the reference's close of 10. */
          g_assert_cmpfloat_with_epsilon (agg->open_interest->contracts[k], sums[k] / 10, 1e-9);
        }
      g_assert_cmpfloat_with_epsilon (agg->oi_partial_usd[k], partial[k], 1e-9);
      g_assert_cmpuint (agg->oi_state[k], ==, states[k]);
      for (guint v = 0; v < 4; v++)
        {
          double part = agg->oi_venue_usd[k * 4 + v];

          if (isnan (parts[k][v]))
            g_assert_true (isnan (part));
          else
            g_assert_cmpfloat_with_epsilon (part, parts[k][v], 1e-9);
        }
    }
  g_assert_true (agg->oi_used[0] && agg->oi_used[1] && agg->oi_used[2]);
  g_assert_false (agg->oi_used[3]);
  g_assert_cmpuint (agg->oi_missing_steps[0], ==, 0);
  g_assert_cmpuint (agg->oi_missing_steps[2], ==, 1);
  /* C's gap is after its first value: not a history that starts late. */
  g_assert_cmpint (agg->oi_missing_last_ms[2], ==, T0 + 3 * HOUR_MS);
  g_assert_cmpint (agg->oi_first_ms[2], ==, T0);
  g_assert_cmpint (agg->oi_first_ms[3], ==, G_MAXINT64);
}

/* B's history starts at hour 3 (a venue's horizon): the steps it misses are
 * all before its first value, which the note tells apart from a hole. */
static void
test_open_interest_starts_late (void)
{
  static const double a[] = { 100, 110, 120, 130, 140 };
  static const double b[] = { -1, -1, -1, 40, 50 };
  g_autoptr(PsCandles) candles = flat_candles (5, 10);
  g_autoptr(PsOpenInterest) oa = oi_of (a, 5), ob = oi_of (b, 5);
  PsAggregateInput inputs[] = {
    { "binance", candles, NULL, oa, NULL },
    { "okx", NULL, NULL, ob, NULL },
  };
  g_autoptr(PsAggregate) agg = ps_aggregate_new (inputs, G_N_ELEMENTS (inputs), PS_INTERVAL_1H,
                                                 T0, T0 + 5 * HOUR_MS, NULL);

  g_assert_cmpuint (agg->oi_missing_steps[1], ==, 3);
  g_assert_cmpint (agg->oi_missing_last_ms[1], ==, T0 + 2 * HOUR_MS);
  g_assert_cmpint (agg->oi_first_ms[1], ==, T0 + 3 * HOUR_MS);
  g_assert_cmpint (agg->oi_first_ms[0], ==, T0);
}

/* A venue whose OI is 4-hourly holds each row for four hourly steps, its
 * own spacing: complete, not carried, not partial. */
static void
test_open_interest_coarse (void)
{
  static const double hourly[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  static const double four_hourly[] = { 100, -1, -1, -1, 200, -1, -1, -1, 300, -1, -1, -1 };
  g_autoptr(PsOpenInterest) oh = oi_of (hourly, 12), o4 = oi_of (four_hourly, 12);
  PsAggregateInput inputs[] = {
    { "binance", NULL, NULL, oh, NULL },
    { "hyperliquid", NULL, NULL, o4, NULL },
  };
  g_autoptr(PsAggregate) agg = ps_aggregate_new (inputs, 2, PS_INTERVAL_1H,
                                                 T0, T0 + 12 * HOUR_MS, NULL);

  g_assert_cmpint (agg->oi_step_ms, ==, HOUR_MS);
  g_assert_cmpuint (agg->open_interest->n, ==, 12);
  for (guint k = 0; k < 12; k++)
    {
      g_assert_cmpfloat (agg->open_interest->usd[k], ==, hourly[k] + 100 * (k / 4 + 1));
      g_assert_cmpuint (agg->oi_state[k], ==, PS_AGGREGATE_STEP_COMPLETE);
    }
  g_assert_cmpuint (agg->reference, ==, G_MAXUINT);
  g_assert_cmpuint (agg->candles->n, ==, 0);
}

/* Bybit gives contracts (coins) without USD: valued at its own close. */
static void
test_open_interest_coins (void)
{
  g_autoptr(PsCandles) candles = flat_candles (2, 50);
  g_autoptr(PsOpenInterest) coins = ps_open_interest_new (2);
  g_autoptr(PsOpenInterest) usd = ps_open_interest_new (2);
  PsAggregateInput inputs[] = {
    { "binance", NULL, NULL, usd, NULL },
    { "bybit", candles, NULL, coins, NULL },
  };
  g_autoptr(PsAggregate) agg = NULL;

  ps_open_interest_append (coins, T0, 2, NAN);
  ps_open_interest_append (coins, T0 + HOUR_MS, 3, NAN);
  ps_open_interest_append (usd, T0, NAN, 1000);
  ps_open_interest_append (usd, T0 + HOUR_MS, NAN, 1000);
  agg = ps_aggregate_new (inputs, 2, PS_INTERVAL_1H, T0, T0 + 2 * HOUR_MS, NULL);
  g_assert_true (agg->oi_used[1]);
  g_assert_cmpfloat (agg->open_interest->usd[0], ==, 1100);
  g_assert_cmpfloat (agg->open_interest->usd[1], ==, 1150);
  /* The input is not changed. */
  g_assert_true (isnan (coins->usd[0]));
}

/* A step no venue has a row for, nor one to carry, stays missing: no row,
 * not a zero. */
static void
test_open_interest_hole (void)
{
  static const double a[] = { 5, 6, -1, -1, 8, 9 };
  static const gint64 hours[] = { 0, 1, 2, 4, 5 };
  static const double usd[] = { 5, 6, 6, 8, 9 };
  g_autoptr(PsOpenInterest) oa = oi_of (a, 6);
  PsAggregateInput input = { "binance", NULL, NULL, oa, NULL };
  g_autoptr(PsAggregate) agg = ps_aggregate_new (&input, 1, PS_INTERVAL_1H,
                                                 T0, T0 + 6 * HOUR_MS, NULL);

  g_assert_cmpuint (agg->open_interest->n, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpint (agg->open_interest->t_ms[i], ==, T0 + hours[i] * HOUR_MS);
      g_assert_cmpfloat (agg->open_interest->usd[i], ==, usd[i]);
    }
  g_assert_cmpuint (agg->oi_state[2], ==, PS_AGGREGATE_STEP_CARRIED);
  g_assert_cmpuint (agg->oi_missing_steps[0], ==, 0);
}

static PsFunding *
funding_of (gint64        first_ms,
            gint64        step_ms,
            const double *rates,
            guint         n)
{
  PsFunding *funding = ps_funding_new (n);

  for (guint i = 0; i < n; i++)
    ps_funding_append (funding, first_ms + i * step_ms, rates[i], NAN);
  return funding;
}

static PsOpenInterest *
constant_oi (double usd)
{
  PsOpenInterest *oi = ps_open_interest_new (17);

  for (guint i = 0; i <= 16; i++)
    ps_open_interest_append (oi, T0 + i * HOUR_MS, NAN, usd);
  return oi;
}

/* Binance every 8 h at T0 + 8, + 16; Hyperliquid hourly; BitMEX 8-hourly
 * four hours off (T0 + 4, + 12). OI 100, 300, 100. */
static void
test_funding (void)
{
  static const double binance[] = { 0.0001, 0.0002 };
  static const double bitmex[] = { 0.0003, 0.0001 };
  double hyperliquid[16];
  /* Binance stamps its settlements a few ms late. */
  g_autoptr(PsFunding) fb = funding_of (T0 + 8 * HOUR_MS + 3, 8 * HOUR_MS, binance, 2);
  g_autoptr(PsFunding) fm = funding_of (T0 + 4 * HOUR_MS, 8 * HOUR_MS, bitmex, 2);
  g_autoptr(PsFunding) fh = NULL;
  g_autoptr(PsFunding) fh_8h = NULL;
  g_autoptr(PsOpenInterest) ob = constant_oi (100), oh = constant_oi (300), om = constant_oi (100);
  PsAggregateInput inputs[] = {
    { "binance", NULL, fb, ob, NULL },
    { "hyperliquid", NULL, NULL, oh, NULL },
    { "bitmex", NULL, fm, om, NULL },
  };
  g_autoptr(PsAggregate) agg = NULL;
  g_autoptr(PsAggregate) partial = NULL;
  g_autoptr(PsAggregate) plain = NULL;

  for (guint i = 0; i < 16; i++)
    hyperliquid[i] = i < 8 ? 0.00001 : 0.00002;
  inputs[1].funding = fh = funding_of (T0 + HOUR_MS, HOUR_MS, hyperliquid, 16);

  fh_8h = ps_aggregate_funding_per_8h (fh);
  g_assert_cmpfloat_with_epsilon (fh_8h->rate[0], 0.00008, 1e-12);
  g_assert_cmpfloat_with_epsilon (fh_8h->rate[15], 0.00016, 1e-12);

  /* (0.0001·100 + 0.00008·300 + 0.0003·100) / 500, then the same at + 16 h. */
  agg = ps_aggregate_new (inputs, 3, PS_INTERVAL_1H, T0, T0 + 17 * HOUR_MS, NULL);
  g_assert_cmpuint (agg->funding->n, ==, 2);
  g_assert_cmpint (agg->funding->t_ms[0], ==, T0 + 8 * HOUR_MS);
  g_assert_cmpint (agg->funding->t_ms[1], ==, T0 + 16 * HOUR_MS);
  g_assert_cmpfloat_with_epsilon (agg->funding->rate[0], 0.064 / 500, 1e-12);
  g_assert_cmpfloat_with_epsilon (agg->funding->rate[1], 0.078 / 500, 1e-12);
  g_assert_true (isnan (agg->funding->mark_price[0]));
  g_assert_cmpuint (agg->funding_state[0], ==, PS_AGGREGATE_STEP_COMPLETE);
  g_assert_cmpuint (agg->funding_state[1], ==, PS_AGGREGATE_STEP_COMPLETE);

  /* Hyperliquid's OI unknown: left out, the rows partial. */
  inputs[1].open_interest = NULL;
  partial = ps_aggregate_new (inputs, 3, PS_INTERVAL_1H, T0, T0 + 17 * HOUR_MS, NULL);
  g_assert_cmpfloat_with_epsilon (partial->funding->rate[0], 0.04 / 200, 1e-12);
  g_assert_cmpuint (partial->funding_state[0], ==, PS_AGGREGATE_STEP_PARTIAL);

  /* Nobody's OI: a plain mean, said so. */
  inputs[0].open_interest = inputs[2].open_interest = NULL;
  plain = ps_aggregate_new (inputs, 3, PS_INTERVAL_1H, T0, T0 + 17 * HOUR_MS, NULL);
  g_assert_cmpfloat_with_epsilon (plain->funding->rate[0], (0.0001 + 0.00008 + 0.0003) / 3,
                                  1e-12);
  g_assert_cmpuint (plain->funding_state[0], ==, PS_AGGREGATE_STEP_UNWEIGHTED);
}

/* An hour missing from an hourly history stays an hourly rate: the period
 * is the smaller gap to a neighbour. */
static void
test_funding_gap (void)
{
  g_autoptr(PsFunding) f = ps_funding_new (3);
  g_autoptr(PsFunding) f8 = NULL;

  ps_funding_append (f, T0, 0.00001, NAN);
  ps_funding_append (f, T0 + HOUR_MS, 0.00001, NAN);
  ps_funding_append (f, T0 + 3 * HOUR_MS, 0.00001, NAN);
  ps_funding_append (f, T0 + 4 * HOUR_MS + 3, 0.00001, NAN);   /* stamped 3 ms late */
  f8 = ps_aggregate_funding_per_8h (f);
  for (guint i = 0; i < f8->n; i++)
    g_assert_cmpfloat_with_epsilon (f8->rate[i], 0.00008, 1e-12);
}

static PsLiquidations *
liqs_at (const gint64 *t,
         guint         n,
         double        usd)
{
  PsLiquidations *l = ps_liquidations_new (n);

  for (guint i = 0; i < n; i++)
    ps_liquidations_append (l, t[i], PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE, 1, NAN, 1, usd + i);
  return l;
}

static void
test_liquidations (void)
{
  static const gint64 ta[] = { 1, 3 }, tb[] = { 2, 3 };
  g_autoptr(PsLiquidations) la = liqs_at (ta, 2, 10), lb = liqs_at (tb, 2, 20);
  PsAggregateInput inputs[] = {
    { "binance", NULL, NULL, NULL, la },
    { "bybit", NULL, NULL, NULL, lb },
  };
  g_autoptr(PsAggregate) agg = ps_aggregate_new (inputs, 2, PS_INTERVAL_1H, 0, HOUR_MS, NULL);
  static const gint64 t[] = { 1, 2, 3, 3 };
  static const guint8 venue[] = { 0, 1, 0, 1 };
  static const double usd[] = { 10, 20, 11, 21 };

  g_assert_cmpuint (agg->liquidations->n, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpint (agg->liquidations->t_ms[i], ==, t[i]);
      g_assert_cmpuint (agg->liquidation_venue[i], ==, venue[i]);
      g_assert_cmpfloat (agg->liquidations->usd[i], ==, usd[i]);
    }
}

/* The reference venue's candles when it has some; else the first that has. */
static void
test_reference (void)
{
  g_autoptr(PsCandles) empty = ps_candles_new (0);
  g_autoptr(PsCandles) okx = flat_candles (2, 5), bybit = flat_candles (2, 6);
  PsAggregateInput inputs[] = {
    { "binance", empty, NULL, NULL, NULL },
    { "okx", okx, NULL, NULL, NULL },
    { "bybit", bybit, NULL, NULL, NULL },
  };
  g_autoptr(PsAggregate) first = ps_aggregate_new (inputs, 3, PS_INTERVAL_1H, T0,
                                                   T0 + HOUR_MS, NULL);
  g_autoptr(PsAggregate) chosen = ps_aggregate_new (inputs, 3, PS_INTERVAL_1H, T0,
                                                    T0 + HOUR_MS, "bybit");
  g_autoptr(PsAggregate) none = ps_aggregate_new (NULL, 0, PS_INTERVAL_1H, T0, T0 + HOUR_MS,
                                                  NULL);

  g_assert_cmpuint (first->reference, ==, 1);
  g_assert_cmpuint (chosen->reference, ==, 2);
  g_assert_cmpuint (none->candles->n, ==, 0);
  g_assert_cmpuint (none->open_interest->n, ==, 0);
  g_assert_cmpuint (none->funding->n, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/analysis/aggregate/resolve-symbol", test_resolve);
  g_test_add_func ("/perpscope/analysis/aggregate/asset", test_asset);
  g_test_add_func ("/perpscope/analysis/aggregate/open-interest", test_open_interest);
  g_test_add_func ("/perpscope/analysis/aggregate/open-interest-coarse", test_open_interest_coarse);
  g_test_add_func ("/perpscope/analysis/aggregate/open-interest-starts-late",
                   test_open_interest_starts_late);
  g_test_add_func ("/perpscope/analysis/aggregate/open-interest-hole", test_open_interest_hole);
  g_test_add_func ("/perpscope/analysis/aggregate/open-interest-coins", test_open_interest_coins);
  g_test_add_func ("/perpscope/analysis/aggregate/funding", test_funding);
  g_test_add_func ("/perpscope/analysis/aggregate/funding-gap", test_funding_gap);
  g_test_add_func ("/perpscope/analysis/aggregate/liquidations", test_liquidations);
  g_test_add_func ("/perpscope/analysis/aggregate/reference", test_reference);

  return g_test_run ();
}
