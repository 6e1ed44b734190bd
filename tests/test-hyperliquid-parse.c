/* test-hyperliquid-parse.c: Hyperliquid /info bodies → series, against the samples and bad inputs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-hyperliquid-parse.h"
#include "ps-net-error.h"
#include "ps-test-util.h"

#define HOUR_MS G_GINT64_CONSTANT (3600000)

/* 24 real kPEPE 1h candles, 2023-05-21/22. */
static void
test_candles_sample (void)
{
  gsize length;
  g_autofree char *json = ps_test_load_data ("hyperliquid-candleSnapshot.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = ps_hyperliquid_parse_candles (json, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, 24);
  g_assert_cmpint (candles->t_ms[0], ==, G_GINT64_CONSTANT (1684699200000));
  g_assert_cmpint (candles->t_ms[23], ==, G_GINT64_CONSTANT (1684782000000));
  for (guint i = 1; i < candles->n; i++)
    g_assert_cmpint (candles->t_ms[i] - candles->t_ms[i - 1], ==, HOUR_MS);
  g_assert_cmpfloat (ps_candles_open_at (candles, 0), ==, 0.001601);
  g_assert_cmpfloat (ps_candles_high_at (candles, 0), ==, 0.001616);
  g_assert_cmpfloat (ps_candles_low_at (candles, 0), ==, 0.001601);
  g_assert_cmpfloat (ps_candles_close_at (candles, 0), ==, 0.001604);
  g_assert_cmpfloat (ps_candles_volume_at (candles, 0), ==, 520665683.0);
  g_assert_true (isnan (ps_candles_taker_buy_at (candles, 0)));
}

/* 34 real BTC settlements, 8-hourly then hourly, stamped ms late. */
static void
test_funding_sample (void)
{
  gsize length;
  g_autofree char *json = ps_test_load_data ("hyperliquid-fundingHistory.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsFunding) funding = ps_hyperliquid_parse_funding (json, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (funding->n, ==, 34);
  g_assert_cmpint (funding->t_ms[0], ==, G_GINT64_CONSTANT (1683849600000));   /* …048 */
  g_assert_cmpint (funding->t_ms[33], ==, G_GINT64_CONSTANT (1684800000000));  /* …022 */
  for (guint i = 0; i < funding->n; i++)
    g_assert_cmpint (funding->t_ms[i] % HOUR_MS, ==, 0);
  g_assert_cmpfloat (funding->rate[0], ==, -0.00061334);
  g_assert_true (isnan (funding->mark_price[0]));
}

static void
test_asset_ctx_sample (void)
{
  gsize length;
  g_autofree char *json = ps_test_load_data ("hyperliquid-metaAndAssetCtxs.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsOpenInterest) oi = NULL;

  /* ETH: index 1 of the universe, its context second. */
  oi = ps_hyperliquid_parse_asset_ctx (json, length, "ETH", 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oi->n, ==, 1);
  g_assert_cmpint (oi->t_ms[0], ==, 1000);
  g_assert_cmpfloat (oi->contracts[0], ==, 1882.55);
  g_assert_cmpfloat_with_epsilon (oi->usd[0], 1882.55 * 6.0436, 1e-9);

  g_clear_pointer (&oi, ps_open_interest_unref);
  oi = ps_hyperliquid_parse_asset_ctx (json, length, "DOGE", 1000, &error);
  g_assert_null (oi);
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_assert_nonnull (strstr (error->message, "“DOGE”"));
}

/* No book: markPx null, the oracle prices the open interest. */
static void
test_asset_ctx_null_mark (void)
{
  const char *json = "[{\"universe\":[{\"name\":\"BTC\"}]},[{\"openInterest\":\"2\","
                     "\"markPx\":null,\"oraclePx\":\"100.5\",\"funding\":\"0.0000125\"}]]";
  g_autoptr(GError) error = NULL;
  g_autoptr(PsOpenInterest) oi = ps_hyperliquid_parse_asset_ctx (json, strlen (json), "BTC", 7,
                                                                 &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (oi->usd[0], ==, 201);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = ps_hyperliquid_parse_candles ("[]", 2, &error);
  g_autoptr(PsFunding) funding = ps_hyperliquid_parse_funding ("[]", 2, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, 0);
  g_assert_cmpuint (funding->n, ==, 0);
}

#define CANDLE(t, T, o, h, l, c, v, n) \
  "{\"t\":" t ",\"T\":" T ",\"o\":" o ",\"h\":" h ",\"l\":" l ",\"c\":" c ",\"v\":" v \
  ",\"n\":" n ",\"s\":\"BTC\",\"i\":\"1h\"}"
#define GOOD CANDLE ("3600000", "7199999", "\"1\"", "\"2\"", "\"1\"", "\"1\"", "\"0\"", "0")

static void
test_bad_candles (void)
{
  static const struct
  {
    const char *json;
    gint        code;
    const char *words;
  } cases[] = {
    { "", PS_PARSE_ERROR_INVALID, "an empty body" },
    { "Failed to deserialize the JSON body", PS_PARSE_ERROR_INVALID, "not JSON" },
    { "{\"t\":1}", PS_PARSE_ERROR_INVALID, "expected an array" },
    { "[null]", PS_PARSE_ERROR_FIELD, "row 0: expected an object" },
    { "[" CANDLE ("\"3600000\"", "7199999", "\"1\"", "\"2\"", "\"1\"", "\"1\"", "\"0\"", "0") "]",
      PS_PARSE_ERROR_FIELD, "“t”" },
    { "[" CANDLE ("3600000", "3599999", "\"1\"", "\"2\"", "\"1\"", "\"1\"", "\"0\"", "0") "]",
      PS_PARSE_ERROR_FIELD, "“T”" },
    { "[" CANDLE ("3600000", "7199999", "1", "\"2\"", "\"1\"", "\"1\"", "\"0\"", "0") "]",
      PS_PARSE_ERROR_FIELD, "“o”: expected a decimal string" },
    { "[" CANDLE ("3600000", "7199999", "\"1\"", "\"inf\"", "\"1\"", "\"1\"", "\"0\"", "0") "]",
      PS_PARSE_ERROR_FIELD, "“h”" },
    { "[" CANDLE ("3600000", "7199999", "\"1\"", "\"2\"", "\"3\"", "\"1\"", "\"0\"", "0") "]",
      PS_PARSE_ERROR_FIELD, "“h”" },
    { "[" CANDLE ("3600000", "7199999", "\"1\"", "\"2\"", "\"1\"", "\"1\"", "\"-1\"", "0") "]",
      PS_PARSE_ERROR_FIELD, "“v”" },
    { "[" CANDLE ("3600000", "7199999", "\"1\"", "\"2\"", "\"1\"", "\"1\"", "\"0\"", "1.5") "]",
      PS_PARSE_ERROR_FIELD, "“n”" },
    { "[{\"t\":3600000}]", PS_PARSE_ERROR_FIELD, "missing" },
    { "[" GOOD "," GOOD "]", PS_PARSE_ERROR_FIELD, "row 1, field “t”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsCandles) candles = NULL;

      candles = ps_hyperliquid_parse_candles (cases[i].json, strlen (cases[i].json), &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (candles);
      g_assert_error (error, PS_PARSE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "Hyperliquid candles"));
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

static void
test_bad_funding_and_ctx (void)
{
  static const char * const funding[] = {
    "[{\"coin\":\"BTC\",\"fundingRate\":0.0001,\"premium\":\"0\",\"time\":1}]",
    "[{\"coin\":\"BTC\",\"fundingRate\":\"0.0001\",\"time\":1}]",
    "[{\"coin\":\"BTC\",\"fundingRate\":\"0.0001\",\"premium\":\"0\",\"time\":-1}]",
    /* Two stamps of the same hour: a repeat, not a new settlement. */
    "[{\"coin\":\"BTC\",\"fundingRate\":\"0\",\"premium\":\"0\",\"time\":3600001},"
    "{\"coin\":\"BTC\",\"fundingRate\":\"0\",\"premium\":\"0\",\"time\":3600900}]",
  };
  static const char * const ctx[] = {
    "[]",
    "[{\"universe\":{}},[]]",
    "[{\"universe\":[{\"name\":1}]},[{}]]",
    "[{\"universe\":[{\"name\":\"BTC\"}]},[]]",
    "[{\"universe\":[{\"name\":\"BTC\"}]},[{\"openInterest\":\"x\",\"markPx\":\"1\"}]]",
    "[{\"universe\":[{\"name\":\"BTC\"}]},[{\"openInterest\":\"1\",\"markPx\":null}]]",
    "[{\"universe\":[{\"name\":\"BTC\"}]},[3]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (funding); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (ps_hyperliquid_parse_funding (funding[i], strlen (funding[i]), &error));
      g_test_message ("funding %u: %s", i, error->message);
      g_assert_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD);
      g_assert_nonnull (strstr (error->message, "Hyperliquid funding rates: row"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (ctx); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (ps_hyperliquid_parse_asset_ctx (ctx[i], strlen (ctx[i]), "BTC", 0, &error));
      g_test_message ("ctx %u: %s", i, error->message);
      g_assert_true (error->domain == PS_PARSE_ERROR);
      g_assert_nonnull (strstr (error->message, "Hyperliquid asset contexts"));
    }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/hyperliquid-parse/candles", test_candles_sample);
  g_test_add_func ("/perpscope/net/hyperliquid-parse/funding", test_funding_sample);
  g_test_add_func ("/perpscope/net/hyperliquid-parse/asset-ctx", test_asset_ctx_sample);
  g_test_add_func ("/perpscope/net/hyperliquid-parse/asset-ctx-null-mark",
                   test_asset_ctx_null_mark);
  g_test_add_func ("/perpscope/net/hyperliquid-parse/empty", test_empty);
  g_test_add_func ("/perpscope/net/hyperliquid-parse/bad-candles", test_bad_candles);
  g_test_add_func ("/perpscope/net/hyperliquid-parse/bad-funding-ctx", test_bad_funding_and_ctx);

  return g_test_run ();
}
