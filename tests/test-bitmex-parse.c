/* test-bitmex-parse.c: BitMEX bodies → series, against the samples and bad inputs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-bitmex-parse.h"
#include "ps-net-error.h"
#include "ps-test-util.h"

#define MINUTE_MS G_GINT64_CONSTANT (60000)
#define HOUR_MS   (60 * MINUTE_MS)

static PsCandles *
parse_buckets (const char  *json,
               gint64       bin_ms,
               GError     **error)
{
  return ps_bitmex_parse_trade_bucketed (json, strlen (json), bin_ms, error);
}

/* The sample's buckets end at 13:38, 13:39, 13:40: they open a minute earlier. */
static void
test_bucketed_sample (void)
{
  gsize length;
  g_autofree char *json = ps_test_load_data ("bitmex-trade-bucketed.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = ps_bitmex_parse_trade_bucketed (json, length, MINUTE_MS, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, 3);
  g_assert_cmpint (candles->t_ms[0], ==, G_GINT64_CONSTANT (1443188220000));   /* 13:37 */
  g_assert_cmpint (candles->t_ms[2] - candles->t_ms[0], ==, 2 * MINUTE_MS);
  g_assert_cmpfloat (ps_candles_open_at (candles, 0), ==, 237.45);
  g_assert_cmpfloat (ps_candles_high_at (candles, 1), ==, 237.45);
  g_assert_cmpfloat (ps_candles_low_at (candles, 2), ==, 237.45);
  g_assert_cmpfloat (ps_candles_close_at (candles, 2), ==, 237.45);
  g_assert_cmpfloat (ps_candles_volume_at (candles, 0), ==, 0);
  g_assert_true (isnan (ps_candles_taker_buy_at (candles, 0)));

  /* The shift is the bucket's: an hour for 1h buckets. */
  g_clear_pointer (&candles, ps_candles_unref);
  candles = ps_bitmex_parse_trade_bucketed (json, length, HOUR_MS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (candles->t_ms[0], ==, G_GINT64_CONSTANT (1443188280000) - HOUR_MS);
}

/* homeNotional (base coin) is the volume, not the contract count. */
static void
test_bucketed_volume (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = NULL;

  candles = parse_buckets ("[{\"timestamp\":\"2026-06-01T01:00:00.000Z\",\"symbol\":\"XBTUSD\","
                           "\"open\":70000,\"high\":70500.5,\"low\":69000,\"close\":70100,"
                           "\"volume\":7050000,\"homeNotional\":100.5,\"foreignNotional\":7050000,"
                           "\"vwap\":null,\"lastSize\":null}]", HOUR_MS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, 1);
  g_assert_cmpint (candles->t_ms[0], ==, G_GINT64_CONSTANT (1780272000000));   /* 06-01 00:00 */
  g_assert_cmpfloat (ps_candles_high_at (candles, 0), ==, 70500.5);
  g_assert_cmpfloat (ps_candles_volume_at (candles, 0), ==, 100.5);
}

static void
test_funding_sample (void)
{
  gsize length;
  g_autofree char *json = ps_test_load_data ("bitmex-funding.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsFunding) funding = ps_bitmex_parse_funding (json, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (funding->n, ==, 1);
  g_assert_cmpint (funding->t_ms[0], ==, G_GINT64_CONSTANT (1462622400000));
  g_assert_cmpfloat_with_epsilon (funding->rate[0], 0.001089, 1e-12);
  g_assert_true (isnan (funding->mark_price[0]));
}

/* LTCUSDT, linear: 10,000 contracts a coin. */
static void
test_instrument_linear (void)
{
  gsize length;
  g_autofree char *json = ps_test_load_data ("bitmex-instrument.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsOpenInterest) oi = ps_bitmex_parse_instrument (json, length, &error);
  gint64 now_ms = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (oi->n, ==, 1);
  g_assert_cmpint (oi->t_ms[0], ==, G_GINT64_CONSTANT (1642182595000));
  g_assert_cmpfloat_with_epsilon (oi->contracts[0], 3810.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (oi->usd[0], 3810.3 * 143.811, 1e-6);
  /* openValue says the same in USDt (1e-6 USDT), to a cent. */
  g_assert_cmpfloat_with_epsilon (oi->usd[0], 547963053300 / 1e6, 0.01);

  g_assert_true (ps_bitmex_parse_server_time (json, length, &now_ms, &error));
  g_assert_no_error (error);
  g_assert_cmpint (now_ms, ==, G_GINT64_CONSTANT (1642182595000));
}

/* XBTUSD, inverse: a contract is a dollar. */
static void
test_instrument_inverse (void)
{
  const char *json = "[{\"symbol\":\"XBTUSD\",\"isInverse\":true,\"isQuanto\":false,"
                     "\"multiplier\":-100000000,\"underlyingToSettleMultiplier\":-100000000,"
                     "\"underlyingToPositionMultiplier\":null,\"openInterest\":500000000,"
                     "\"markPrice\":50000,\"timestamp\":\"2026-06-01T00:00:01.500Z\"}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(PsOpenInterest) oi = ps_bitmex_parse_instrument (json, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_cmpint (oi->t_ms[0], ==, G_GINT64_CONSTANT (1780272001500));
  g_assert_cmpfloat (oi->usd[0], ==, 500000000);
  g_assert_cmpfloat (oi->contracts[0], ==, 10000);
}

static void
test_instrument_unknown (void)
{
  g_autoptr(GError) error = NULL;
  gint64 now_ms = 0;

  g_assert_null (ps_bitmex_parse_instrument ("[]", 2, &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_clear_error (&error);
  g_assert_false (ps_bitmex_parse_server_time ("[]", 2, &now_ms, &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
}

static void
test_envelope (void)
{
  gsize length;
  g_autofree char *json = ps_test_load_data ("bitmex-error.json", &length);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ps_bitmex_parse_error_envelope (json, length, &name, &message));
  g_assert_cmpstr (name, ==, "HTTPError");
  g_assert_cmpstr (message, ==, "Service unavailable");
  g_assert_false (ps_bitmex_parse_error_envelope ("[]", 2, NULL, NULL));
  g_assert_false (ps_bitmex_parse_error_envelope ("{\"error\":1}", 11, NULL, NULL));

  g_assert_null (ps_bitmex_parse_trade_bucketed (json, length, MINUTE_MS, &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_VENUE);
  g_assert_nonnull (strstr (error->message, "Service unavailable"));
  g_clear_error (&error);
  g_assert_null (ps_bitmex_parse_funding (json, length, &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_VENUE);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = parse_buckets ("[]", MINUTE_MS, &error);
  g_autoptr(PsFunding) funding = ps_bitmex_parse_funding ("[ ]", 3, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, 0);
  g_assert_cmpuint (funding->n, ==, 0);
}

#define ROW(ts, o, h, l, c, v) \
  "{\"timestamp\":" ts ",\"open\":" o ",\"high\":" h ",\"low\":" l ",\"close\":" c \
  ",\"homeNotional\":" v "}"
#define OK_TS "\"2026-06-01T01:00:00.000Z\""

/* Each bad body fails with an error naming the kind, the row and the field. */
static void
test_bad (void)
{
  static const struct
  {
    const char *json;
    gint        code;     /* PsParseError */
    const char *words;    /* in the message */
  } cases[] = {
    { "", PS_PARSE_ERROR_INVALID, "an empty body" },
    { "[{\"timestamp\":", PS_PARSE_ERROR_INVALID, "not JSON" },
    { "{\"timestamp\":1}", PS_PARSE_ERROR_INVALID, "expected an array" },
    { "[1]", PS_PARSE_ERROR_FIELD, "row 0: expected an object" },
    { "[" ROW (OK_TS, "\"1\"", "2", "1", "1", "0") "]", PS_PARSE_ERROR_FIELD, "“open”" },
    { "[" ROW (OK_TS, "1", "2", "1", "null", "0") "]", PS_PARSE_ERROR_FIELD, "“close”" },
    { "[" ROW (OK_TS, "1", "2", "1", "1", "-1") "]", PS_PARSE_ERROR_FIELD, "“homeNotional”" },
    { "[" ROW (OK_TS, "1", "1", "2", "1", "0") "]", PS_PARSE_ERROR_FIELD, "“high”" },
    { "[" ROW (OK_TS, "0", "2", "1", "1", "0") "]", PS_PARSE_ERROR_FIELD, "above 0" },
    { "[" ROW ("1780275600000", "1", "2", "1", "1", "0") "]", PS_PARSE_ERROR_FIELD, "ISO-8601" },
    { "[" ROW ("\"yesterday\"", "1", "2", "1", "1", "0") "]", PS_PARSE_ERROR_FIELD, "ISO-8601" },
    { "[" ROW ("\"2026-06-01T01:00:00\"", "1", "2", "1", "1", "0") "]", PS_PARSE_ERROR_FIELD,
      "“timestamp”" },
    { "[{\"open\":1,\"high\":2,\"low\":1,\"close\":1,\"homeNotional\":0}]", PS_PARSE_ERROR_FIELD,
      "missing" },
    { "[" ROW (OK_TS, "1", "2", "1", "1", "0") "," ROW (OK_TS, "1", "2", "1", "1", "0") "]",
      PS_PARSE_ERROR_FIELD, "row 1, field “timestamp”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsCandles) candles = parse_buckets (cases[i].json, HOUR_MS, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (candles);
      g_assert_error (error, PS_PARSE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "BitMEX candles"));
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

static void
test_bad_funding_and_instrument (void)
{
  static const char * const funding[] = {
    "[{\"timestamp\":\"2016-05-07T12:00:00.000Z\",\"fundingRate\":\"0.01\"}]",
    "[{\"timestamp\":\"2016-05-07T12:00:00.000Z\"}]",
    "[{\"fundingRate\":0.01}]",
  };
  static const char * const instrument[] = {
    "[{\"timestamp\":\"2026-06-01T00:00:00.000Z\",\"openInterest\":1,\"markPrice\":1}]",
    "[{\"timestamp\":\"2026-06-01T00:00:00.000Z\",\"openInterest\":1,\"markPrice\":1,"
    "\"isInverse\":false,\"isQuanto\":true}]",
    "[{\"timestamp\":\"2026-06-01T00:00:00.000Z\",\"openInterest\":1,\"markPrice\":1,"
    "\"isInverse\":false,\"underlyingToPositionMultiplier\":null}]",
    "[{\"timestamp\":\"2026-06-01T00:00:00.000Z\",\"openInterest\":-5,\"markPrice\":1,"
    "\"isInverse\":false,\"underlyingToPositionMultiplier\":1}]",
    "[{\"timestamp\":\"2026-06-01T00:00:00.000Z\",\"openInterest\":5,\"markPrice\":1,"
    "\"isInverse\":true,\"multiplier\":100,\"underlyingToSettleMultiplier\":-100}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (funding); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (ps_bitmex_parse_funding (funding[i], strlen (funding[i]), &error));
      g_assert_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD);
      g_assert_nonnull (strstr (error->message, "BitMEX funding rates: row 0"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (instrument); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (ps_bitmex_parse_instrument (instrument[i], strlen (instrument[i]), &error));
      g_test_message ("instrument %u: %s", i, error->message);
      g_assert_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD);
      g_assert_nonnull (strstr (error->message, "BitMEX open interest"));
    }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/bitmex-parse/bucketed", test_bucketed_sample);
  g_test_add_func ("/perpscope/net/bitmex-parse/bucketed-volume", test_bucketed_volume);
  g_test_add_func ("/perpscope/net/bitmex-parse/funding", test_funding_sample);
  g_test_add_func ("/perpscope/net/bitmex-parse/instrument-linear", test_instrument_linear);
  g_test_add_func ("/perpscope/net/bitmex-parse/instrument-inverse", test_instrument_inverse);
  g_test_add_func ("/perpscope/net/bitmex-parse/instrument-unknown", test_instrument_unknown);
  g_test_add_func ("/perpscope/net/bitmex-parse/envelope", test_envelope);
  g_test_add_func ("/perpscope/net/bitmex-parse/empty", test_empty);
  g_test_add_func ("/perpscope/net/bitmex-parse/bad", test_bad);
  g_test_add_func ("/perpscope/net/bitmex-parse/bad-funding-instrument",
                   test_bad_funding_and_instrument);

  return g_test_run ();
}
