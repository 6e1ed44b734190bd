/* test-stream-parse.c: the Bybit, OKX and BitMEX liquidation frames on the samples, bad
 * frames and the venues' refusals, and 10,000 seeded byte mutations of each sample through
 * each parser: rows that keep their invariants or an error, never both, never neither
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-net-error.h"
#include "ps-stream-parse.h"
#include "ps-test-util.h"

#define N_MUTATIONS 10000

static const PsContractSize coin = { 1, FALSE };
static const PsContractSize okx_btc = { 0.01, FALSE };
static const PsContractSize okx_inverse = { 100, TRUE };
static const PsContractSize xbtusd = { 1, TRUE };

static PsLiquidations *
bybit (const char  *text,
       const char  *symbol,
       GError     **error)
{
  return ps_bybit_parse_ws_frame (text, strlen (text), symbol, error);
}

static PsLiquidations *
okx (const char            *text,
     const char            *inst_id,
     const PsContractSize  *contract,
     GError               **error)
{
  return ps_okx_parse_ws_frame (text, strlen (text), inst_id, contract, error);
}

static PsLiquidations *
bitmex (const char  *text,
        const char  *symbol,
        GError     **error)
{
  return ps_bitmex_parse_ws_frame (text, strlen (text), symbol, &xbtusd, 1700000000000, NULL,
                                   error);
}

static void
assert_empty (PsLiquidations *rows,
              GError         *error)
{
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->n, ==, 0);
  ps_liquidations_unref (rows);
}

/* The error is in domain/code and its message names venue and contains word. */
static void
assert_error (PsLiquidations *rows,
              GError        **error,
              GQuark          domain,
              gint            code,
              const char     *venue,
              const char     *word)
{
  g_assert_null (rows);
  g_assert_error (*error, domain, code);
  g_test_message ("%s", (*error)->message);
  g_assert_nonnull (strstr ((*error)->message, venue));
  if (word != NULL)
    g_assert_nonnull (strstr ((*error)->message, word));
  g_clear_error (error);
}

static void
test_bybit_sample (void)
{
  g_autofree char *sample = ps_test_load_data ("bybit-ws-allLiquidation.json", NULL);
  g_autoptr(PsLiquidations) rows = NULL;
  GError *error = NULL;

  rows = bybit (sample, "ROSEUSDT", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->n, ==, 1);
  g_assert_cmpint (rows->t_ms[0], ==, 1739502302929);
  /* S is the position: "Sell" = a short was liquidated. */
  g_assert_cmpint (rows->side[0], ==, PS_LIQ_SHORT);
  g_assert_cmpint (rows->source[0], ==, PS_LIQ_SOURCE_LIVE);
  g_assert_cmpfloat_with_epsilon (rows->price[0], 0.04499, 1e-12);
  g_assert_cmpfloat (rows->qty[0], ==, 20000);
  g_assert_cmpfloat_with_epsilon (rows->usd[0], 899.8, 1e-9);
  g_assert_true (isnan (rows->avg_price[0]));

  /* Another market's event: nothing for us. */
  assert_empty (bybit (sample, "BTCUSDT", &error), error);
}

static void
test_bybit_long (void)
{
  GError *error = NULL;
  g_autoptr(PsLiquidations) rows =
    bybit ("{\"topic\":\"allLiquidation.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":["
           "{\"T\":1780000000000,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.5\",\"p\":\"60000\"},"
           "{\"T\":1780000000001,\"s\":\"ETHUSDT\",\"S\":\"Buy\",\"v\":\"3\",\"p\":\"3000\"}]}",
           "BTCUSDT", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->n, ==, 1);
  g_assert_cmpint (rows->side[0], ==, PS_LIQ_LONG);   /* "Buy": a long position */
  g_assert_cmpfloat (rows->usd[0], ==, 30000);
}

static void
test_bybit_control (void)
{
  g_autofree char *pong = ps_test_load_data ("bybit-ws-pong-linear.json", NULL);
  g_autofree char *ack = ps_test_load_data ("bybit-ws-subscribe-response-linear.json", NULL);
  g_autofree char *old = ps_test_load_data ("bybit-ws-liquidation-deprecated.json", NULL);
  GError *error = NULL;
  PsLiquidations *rows;

  assert_empty (bybit (pong, "BTCUSDT", &error), error);
  assert_empty (bybit (ack, "BTCUSDT", &error), error);

  rows = bybit ("{\"success\":false,\"ret_msg\":\"error:handler not found,topic:allLiquidation.X\","
                "\"conn_id\":\"c\",\"req_id\":\"\",\"op\":\"subscribe\"}", "X", &error);
  assert_error (rows, &error, PS_NET_ERROR, PS_NET_ERROR_VENUE, "Bybit", "handler not found");

  /* The topic removed in 2025: its data is an object. */
  rows = bybit (old, "BTCUSDT", &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD, "Bybit", "topic");
  rows = bybit ("{\"op\":\"dance\",\"success\":true}", "BTCUSDT", &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD, "Bybit", "op");
  rows = bybit ("{\"op\":\"ping\",\"success\":\"yes\"}", "BTCUSDT", &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD, "Bybit", "success");
}

static void
test_bybit_bad (void)
{
  static const struct { const char *text; gint code; const char *word; } cases[] = {
    { "not json", PS_PARSE_ERROR_INVALID, "not JSON" },
    { "", PS_PARSE_ERROR_INVALID, NULL },
    { "[1,2]", PS_PARSE_ERROR_INVALID, "an object" },
    { "{\"topic\":\"allLiquidation.BTCUSDT\",\"data\":{}}", PS_PARSE_ERROR_FIELD, "data" },
    { "{\"topic\":\"allLiquidation.BTCUSDT\",\"data\":[1]}", PS_PARSE_ERROR_FIELD, "data" },
    { "{\"topic\":\"allLiquidation.BTCUSDT\",\"data\":[{\"T\":1,\"s\":\"BTCUSDT\",\"S\":\"Buy\","
      "\"v\":0.5,\"p\":\"1\"}]}", PS_PARSE_ERROR_FIELD, "“v”" },
    { "{\"topic\":\"allLiquidation.BTCUSDT\",\"data\":[{\"T\":\"1\",\"s\":\"BTCUSDT\",\"S\":\"Buy\","
      "\"v\":\"0.5\",\"p\":\"1\"}]}", PS_PARSE_ERROR_FIELD, "“T”" },
    { "{\"topic\":\"allLiquidation.BTCUSDT\",\"data\":[{\"T\":1,\"s\":\"BTCUSDT\",\"S\":\"Long\","
      "\"v\":\"0.5\",\"p\":\"1\"}]}", PS_PARSE_ERROR_FIELD, "“S”" },
    { "{\"topic\":\"allLiquidation.BTCUSDT\",\"data\":[{\"T\":1,\"s\":\"BTCUSDT\",\"S\":\"Buy\","
      "\"v\":\"-2\",\"p\":\"1\"}]}", PS_PARSE_ERROR_FIELD, "“v”" },
    { "{\"topic\":\"allLiquidation.BTCUSDT\",\"data\":[{\"T\":1,\"s\":7}]}", PS_PARSE_ERROR_FIELD,
      "“s”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GError *error = NULL;
      PsLiquidations *rows = bybit (cases[i].text, "BTCUSDT", &error);

      assert_error (rows, &error, PS_PARSE_ERROR, cases[i].code, "Bybit", cases[i].word);
    }
}

static void
test_okx_sample (void)
{
  g_autofree char *sample = ps_test_load_data ("okx-ws-liquidation-orders.json", NULL);
  g_autoptr(PsLiquidations) rows = NULL;
  g_autoptr(PsLiquidations) inverse = NULL;
  GError *error = NULL;

  rows = okx (sample, "IOST-USDT-SWAP", &coin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->n, ==, 1);
  g_assert_cmpint (rows->t_ms[0], ==, 1692266434010);
  g_assert_cmpint (rows->side[0], ==, PS_LIQ_SHORT);   /* posSide short, closed by a buy */
  g_assert_cmpfloat_with_epsilon (rows->price[0], 0.007831, 1e-12);
  g_assert_cmpfloat (rows->qty[0], ==, 13);
  g_assert_cmpfloat_with_epsilon (rows->usd[0], 13 * 0.007831, 1e-12);

  /* An inverse contract counts USD: 13 × 100 USD. */
  inverse = okx (sample, "IOST-USDT-SWAP", &okx_inverse, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (inverse->usd[0], ==, 1300);
  g_assert_cmpfloat_with_epsilon (inverse->qty[0], 1300 / 0.007831, 1e-6);

  /* The channel carries every swap: BTC's market keeps none of IOST's. */
  assert_empty (okx (sample, "BTC-USDT-SWAP", &okx_btc, &error), error);
}

static void
test_okx_contracts (void)
{
  GError *error = NULL;
  g_autoptr(PsLiquidations) rows =
    okx ("{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":["
         "{\"instId\":\"ETH-USDT-SWAP\",\"details\":[{\"side\":\"sell\",\"posSide\":\"long\","
         "\"bkPx\":\"3000\",\"sz\":\"9\",\"ts\":\"1780000000000\"}]},"
         "{\"instId\":\"BTC-USDT-SWAP\",\"details\":[{\"side\":\"sell\",\"posSide\":\"net\","
         "\"bkPx\":\"60000\",\"sz\":\"250\",\"ts\":\"1780000000100\"},{\"side\":\"buy\","
         "\"posSide\":\"net\",\"bkPx\":\"61000\",\"sz\":\"1\",\"ts\":\"1780000000200\"}]}]}",
         "BTC-USDT-SWAP", &okx_btc, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->n, ==, 2);
  /* One-way mode: the closing order's side tells: sell closes a long. */
  g_assert_cmpint (rows->side[0], ==, PS_LIQ_LONG);
  g_assert_cmpint (rows->side[1], ==, PS_LIQ_SHORT);
  g_assert_cmpfloat_with_epsilon (rows->qty[0], 2.5, 1e-12);   /* 250 × 0.01 BTC */
  g_assert_cmpfloat_with_epsilon (rows->usd[0], 150000, 1e-6);
  g_assert_cmpint (rows->t_ms[1], ==, 1780000000200);
}

static void
test_okx_control (void)
{
  g_autofree char *candle = ps_test_load_data ("okx-ws-candle.json", NULL);
  GError *error = NULL;
  PsLiquidations *rows;

  assert_empty (okx ("pong", "BTC-USDT-SWAP", &okx_btc, &error), error);
  assert_empty (okx ("{\"event\":\"subscribe\",\"arg\":{\"channel\":\"liquidation-orders\","
                     "\"instType\":\"SWAP\"},\"connId\":\"a\"}", "BTC-USDT-SWAP", &okx_btc,
                     &error), error);
  rows = okx ("{\"event\":\"error\",\"code\":\"60018\",\"msg\":\"Wrong URL or channel\","
              "\"connId\":\"a\"}", "BTC-USDT-SWAP", &okx_btc, &error);
  assert_error (rows, &error, PS_NET_ERROR, PS_NET_ERROR_VENUE, "OKX", "60018");
  rows = okx ("{\"event\":\"login\"}", "BTC-USDT-SWAP", &okx_btc, &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD, "OKX", "event");
  rows = okx (candle, "BTC-USDT-SWAP", &okx_btc, &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD, "OKX", "channel");
  rows = okx ("ping", "BTC-USDT-SWAP", &okx_btc, &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID, "OKX", NULL);
}

static void
test_okx_bad (void)
{
  static const char * const details[] = {
    "{\"side\":\"sell\",\"posSide\":\"long\",\"bkPx\":\"1\",\"sz\":2,\"ts\":\"1\"}",
    "{\"side\":\"sell\",\"posSide\":\"long\",\"bkPx\":\"1\",\"sz\":\"2\",\"ts\":1}",
    "{\"side\":\"up\",\"posSide\":\"long\",\"bkPx\":\"1\",\"sz\":\"2\",\"ts\":\"1\"}",
    "{\"side\":\"sell\",\"posSide\":\"both\",\"bkPx\":\"1\",\"sz\":\"2\",\"ts\":\"1\"}",
    "{\"side\":\"sell\",\"posSide\":\"long\",\"bkPx\":\"0\",\"sz\":\"2\",\"ts\":\"1\"}",
    "{\"side\":\"sell\",\"posSide\":\"long\",\"bkPx\":\"1\",\"sz\":\"inf\",\"ts\":\"1\"}",
    "7",
  };

  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_autofree char *text =
        g_strdup_printf ("{\"arg\":{\"channel\":\"liquidation-orders\"},\"data\":[{\"instId\":"
                         "\"BTC-USDT-SWAP\",\"details\":[%s]}]}", details[i]);
      GError *error = NULL;
      PsLiquidations *rows = okx (text, "BTC-USDT-SWAP", &okx_btc, &error);

      assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD, "OKX", NULL);
    }
}

static void
test_bitmex_insert (void)
{
  g_autofree char *sample = ps_test_load_data ("bitmex-ws-liquidation-insert.json", NULL);
  g_autofree char *update = ps_test_load_data ("bitmex-ws-liquidation-update.json", NULL);
  g_autoptr(PsLiquidations) rows = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  GError *error = NULL;

  rows = ps_bitmex_parse_ws_frame (sample, strlen (sample), "XBTUSD", &xbtusd, 1700000000123,
                                   &ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->n, ==, 1);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (ids->pdata[0], ==, "98ae1dad-6a3b-51c4-14bd-e076919e9e30");
  g_assert_cmpint (rows->t_ms[0], ==, 1700000000123);   /* arrival: BitMEX sends no time */
  g_assert_cmpint (rows->side[0], ==, PS_LIQ_SHORT);    /* a Buy order closes a short */
  g_assert_cmpfloat (rows->price[0], ==, 13854.5);
  g_assert_cmpfloat (rows->usd[0], ==, 314930);          /* XBTUSD: 1 contract = 1 USD */
  g_assert_cmpfloat_with_epsilon (rows->qty[0], 314930 / 13854.5, 1e-9);

  /* The order fills: counted at its insert, not again. */
  assert_empty (bitmex (update, "XBTUSD", &error), error);
  assert_empty (bitmex ("{\"table\":\"liquidation\",\"action\":\"delete\",\"data\":[{\"orderID\":"
                        "\"98ae1dad-6a3b-51c4-14bd-e076919e9e30\",\"symbol\":\"XBTUSD\"}]}",
                        "XBTUSD", &error), error);
  assert_empty (bitmex (sample, "XBTUSDT", &error), error);
}

static void
test_bitmex_linear (void)
{
  static const PsContractSize xbtusdt = { 0.000001, FALSE };
  const char *text = "{\"table\":\"liquidation\",\"action\":\"insert\",\"data\":[{\"orderID\":\"a\","
                     "\"symbol\":\"XBTUSDT\",\"side\":\"Sell\",\"price\":60000,\"leavesQty\":2000000}]}";
  GError *error = NULL;
  g_autoptr(PsLiquidations) rows =
    ps_bitmex_parse_ws_frame (text, strlen (text), "XBTUSDT", &xbtusdt, 1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (rows->side[0], ==, PS_LIQ_LONG);
  g_assert_cmpfloat_with_epsilon (rows->qty[0], 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (rows->usd[0], 120000, 1e-6);
}

static void
test_bitmex_control (void)
{
  GError *error = NULL;
  PsLiquidations *rows;

  assert_empty (bitmex ("pong", "XBTUSD", &error), error);
  assert_empty (bitmex ("{\"info\":\"Welcome to the BitMEX Realtime API.\",\"version\":\"2.0.0\"}",
                        "XBTUSD", &error), error);
  assert_empty (bitmex ("{\"success\":true,\"subscribe\":\"liquidation:XBTUSD\"}", "XBTUSD",
                        &error), error);
  assert_empty (bitmex ("{\"table\":\"liquidation\",\"action\":\"partial\",\"keys\":[\"orderID\"],"
                        "\"data\":[{\"orderID\":\"b\",\"symbol\":\"XBTUSD\",\"side\":\"Buy\","
                        "\"price\":1,\"leavesQty\":1}]}", "XBTUSD", &error), error);

  rows = bitmex ("{\"status\":400,\"error\":\"Unknown or expired symbol: XBTEUR\"}", "XBTUSD",
                 &error);
  assert_error (rows, &error, PS_NET_ERROR, PS_NET_ERROR_VENUE, "BitMEX", "expired symbol");
  rows = bitmex ("{\"error\":{\"message\":\"Rate limit exceeded\",\"name\":\"HTTPError\"}}",
                 "XBTUSD", &error);
  assert_error (rows, &error, PS_NET_ERROR, PS_NET_ERROR_VENUE, "BitMEX", "Rate limit");
  rows = bitmex ("{\"table\":\"liquidation\",\"action\":\"explode\",\"data\":[]}", "XBTUSD",
                 &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD, "BitMEX", "action");
  rows = bitmex ("{\"table\":\"trade\",\"action\":\"insert\",\"data\":[]}", "XBTUSD", &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD, "BitMEX", "table");
  rows = bitmex ("{\"success\":false}", "XBTUSD", &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD, "BitMEX", NULL);
  rows = bitmex ("{\"table\":\"liquidation\",\"action\":\"insert\",\"data\":[{\"orderID\":\"a\","
                 "\"symbol\":\"XBTUSD\",\"side\":\"Buy\",\"price\":1,\"leavesQty\":\"5\"}]}",
                 "XBTUSD", &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD, "BitMEX", "leavesQty");
  rows = bitmex ("{\"table\":\"liquidation\",\"action\":\"insert\",\"data\":[{\"orderID\":\"\","
                 "\"symbol\":\"XBTUSD\",\"side\":\"Buy\",\"price\":1,\"leavesQty\":5}]}",
                 "XBTUSD", &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD, "BitMEX", "orderID");
  rows = bitmex ("{\"table\":\"liquidation\"", "XBTUSD", &error);
  assert_error (rows, &error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID, "BitMEX", NULL);
}

/* Mutations */

static guint n_rows, n_errors;

static const char * const tokens[] = {
  "null", "-1", "0", "\"\"", "1e400", "[]", "{}", "\"x\"", "true", "\"Buy\"", "\"sell\"",
  "18446744073709551616", "-0", "\"NaN\"", ",", ":", "\xc3\x28", "\"\\u0000\"", "\"insert\"",
};

static void
mutate (GRand       *rand,
        const char  *sample,
        gsize        length,
        GByteArray  *out)
{
  guint n = g_rand_int_range (rand, 1, 4);

  g_byte_array_set_size (out, 0);
  g_byte_array_append (out, (const guint8 *) sample, length);
  for (guint k = 0; k < n && out->len > 0; k++)
    {
      guint at = g_rand_int_range (rand, 0, out->len);
      guint run = g_rand_int_range (rand, 0, 64);
      g_autoptr(GByteArray) tail = g_byte_array_new ();
      const char *token;

      run = MIN (run, out->len - at);
      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:
          out->data[at] ^= 1u << g_rand_int_range (rand, 0, 8);
          break;
        case 1:
          out->data[at] = (guint8) g_rand_int_range (rand, 0, 256);
          break;
        case 2:
          g_byte_array_remove_range (out, at, MAX (run / 4, 1));
          break;
        case 3:
          g_byte_array_set_size (out, at);
          break;
        case 4:
          token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
          g_byte_array_remove_range (out, at, run / 8);
          g_byte_array_append (tail, out->data + at, out->len - at);
          g_byte_array_set_size (out, at);
          g_byte_array_append (out, (const guint8 *) token, strlen (token));
          g_byte_array_append (out, tail->data, tail->len);
          break;
        default:
          g_byte_array_append (tail, out->data + at, MAX (run, 1));
          g_byte_array_append (out, tail->data, tail->len);
          break;
        }
    }
}

static void
check (PsLiquidations *rows,
       GError         *error)
{
  g_assert_true ((rows == NULL) != (error == NULL));
  if (rows == NULL)
    {
      g_assert_true (error->domain == PS_PARSE_ERROR || error->domain == PS_NET_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      n_errors++;
      return;
    }
  n_rows += rows->n > 0;
  for (guint i = 0; i < rows->n; i++)
    {
      g_assert_cmpint (rows->t_ms[i], >, 0);
      g_assert_true (rows->side[i] == PS_LIQ_LONG || rows->side[i] == PS_LIQ_SHORT);
      g_assert_true (isfinite (rows->price[i]) && rows->price[i] > 0);
      g_assert_true (isfinite (rows->qty[i]) && rows->qty[i] > 0);
      g_assert_true (rows->usd[i] > 0);
    }
  ps_liquidations_unref (rows);
}

static void
run_parsers (const char *data,
             gsize       length)
{
  GError *error = NULL;
  GPtrArray *ids = NULL;
  PsLiquidations *rows;

  rows = ps_bybit_parse_ws_frame (data, length, "ROSEUSDT", &error);
  check (rows, error);
  g_clear_error (&error);
  rows = ps_okx_parse_ws_frame (data, length, "IOST-USDT-SWAP", &coin, &error);
  check (rows, error);
  g_clear_error (&error);
  rows = ps_bitmex_parse_ws_frame (data, length, "XBTUSD", &xbtusd, 1, &ids, &error);
  /* Every row with its order, for the stream to drop one seen before. */
  if (rows != NULL && rows->n > 0)
    g_assert_cmpuint (ids->len, ==, rows->n);
  g_clear_pointer (&ids, g_ptr_array_unref);
  check (rows, error);
  g_clear_error (&error);
}

static void
test_mutations (gconstpointer data)
{
  const char *name = data;
  gsize length;
  g_autofree char *sample = ps_test_load_data (name, &length);
  g_autoptr(GByteArray) mutant = g_byte_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (name));

  n_rows = n_errors = 0;
  run_parsers (sample, length);
  for (guint i = 0; i < N_MUTATIONS; i++)
    {
      mutate (rand, sample, length, mutant);
      run_parsers ((const char *) mutant->data, mutant->len);
    }
  g_test_message ("%s: %u parses with rows, %u errors of %u", name, n_rows, n_errors,
                  3 * (N_MUTATIONS + 1));
  g_assert_cmpuint (n_errors, >, 0);
  /* A liquidation sample must still give rows after many of its mutations. */
  if (strstr (name, "pong") == NULL && strstr (name, "response") == NULL &&
      strstr (name, "update") == NULL)
    g_assert_cmpuint (n_rows, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const samples[] = {
    "bybit-ws-allLiquidation.json", "bybit-ws-pong-linear.json",
    "bybit-ws-subscribe-response-linear.json", "okx-ws-liquidation-orders.json",
    "bitmex-ws-liquidation-insert.json", "bitmex-ws-liquidation-update.json",
  };

  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/stream-parse/bybit/sample", test_bybit_sample);
  g_test_add_func ("/perpscope/net/stream-parse/bybit/long", test_bybit_long);
  g_test_add_func ("/perpscope/net/stream-parse/bybit/control", test_bybit_control);
  g_test_add_func ("/perpscope/net/stream-parse/bybit/bad", test_bybit_bad);
  g_test_add_func ("/perpscope/net/stream-parse/okx/sample", test_okx_sample);
  g_test_add_func ("/perpscope/net/stream-parse/okx/contracts", test_okx_contracts);
  g_test_add_func ("/perpscope/net/stream-parse/okx/control", test_okx_control);
  g_test_add_func ("/perpscope/net/stream-parse/okx/bad", test_okx_bad);
  g_test_add_func ("/perpscope/net/stream-parse/bitmex/insert", test_bitmex_insert);
  g_test_add_func ("/perpscope/net/stream-parse/bitmex/linear", test_bitmex_linear);
  g_test_add_func ("/perpscope/net/stream-parse/bitmex/control", test_bitmex_control);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/perpscope/net/stream-parse/mutations/%s",
                                               samples[i]);

      g_test_add_data_func (path, samples[i], test_mutations);
    }

  return g_test_run ();
}
