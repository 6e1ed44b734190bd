/* test-okx-parse.c: the OKX v5 parsers against the doc samples and broken bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-net-error.h"
#include "ps-okx-parse.h"
#include "ps-test-util.h"

typedef enum
{
  KIND_CANDLES,
  KIND_FUNDING,
  KIND_OPEN_INTEREST_HISTORY,
  KIND_OPEN_INTEREST,
  KIND_SERVER_TIME,
} Kind;

static gboolean
parse_as (Kind         kind,
          const char  *data,
          GError     **error)
{
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(PsFunding) funding = NULL;
  g_autoptr(PsOpenInterest) open_interest = NULL;
  gsize length = strlen (data);
  gint64 t_ms;

  switch (kind)
    {
    case KIND_CANDLES:
      return (candles = ps_okx_parse_candles (data, length, error)) != NULL;
    case KIND_FUNDING:
      return (funding = ps_okx_parse_funding_history (data, length, error)) != NULL;
    case KIND_OPEN_INTEREST_HISTORY:
      return (open_interest = ps_okx_parse_open_interest_history (data, length, error)) != NULL;
    case KIND_OPEN_INTEREST:
      return (open_interest = ps_okx_parse_open_interest (data, length, error)) != NULL;
    case KIND_SERVER_TIME:
      return ps_okx_parse_server_time (data, length, &t_ms, error);
    default:
      g_assert_not_reached ();
    }
}

/* The doc example repeats one ts in both rows: a broken page, said so. */
static void
test_candles_doc_sample (void)
{
  static const char * const names[] = { "okx-candles.json", "okx-history-candles.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length;
      g_autofree char *data = ps_test_load_data (names[i], &length);

      g_assert_null (ps_okx_parse_candles (data, length, &error));
      g_assert_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD);
      g_assert_cmpstr (error->message, ==,
                       "OKX candles: row 0, field “ts” (index 0): expected a time after the "
                       "next row’s 1597026383085 (newest first), got “1597026383085”");
    }
}

/* Newest first as sent (BTC-USDT-SWAP 1H, as the fake exchange and OKX send
 * it), oldest first back; volume is volCcy (BTC), not vol (contracts). */
static void
test_candles (void)
{
  g_autoptr(GError) error = NULL;
  const char *data =
    "{\"code\":\"0\",\"msg\":\"\",\"data\":["
    "[\"1782126000000\",\"64120.1\",\"64188\",\"64050.5\",\"64101.2\",\"51234\",\"512.34\","
    "\"32843210.5\",\"0\"],"
    "[\"1782122400000\",\"64000\",\"64150\",\"63900.1\",\"64120.1\",\"70000\",\"700\","
    "\"44800000\",\"1\"]]}";
  g_autoptr(PsCandles) c = ps_okx_parse_candles (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 2);
  g_assert_cmpint (c->t_ms[0], ==, G_GINT64_CONSTANT (1782122400000));
  g_assert_cmpint (c->t_ms[1], ==, G_GINT64_CONSTANT (1782126000000));
  g_assert_cmpfloat (ps_candles_open_at (c, 0), ==, 64000);
  g_assert_cmpfloat (ps_candles_high_at (c, 0), ==, 64150);
  g_assert_cmpfloat (ps_candles_low_at (c, 0), ==, 63900.1);
  g_assert_cmpfloat (ps_candles_close_at (c, 0), ==, 64120.1);
  g_assert_cmpfloat (ps_candles_volume_at (c, 0), ==, 700);
  g_assert_cmpfloat (ps_candles_volume_at (c, 1), ==, 512.34);
  g_assert_true (isnan (ps_candles_taker_buy_at (c, 1)));
}

/* Rows of 2022 stop at volCcy. */
static void
test_candles_seven_fields (void)
{
  g_autoptr(GError) error = NULL;
  const char *data = "{\"code\":\"0\",\"msg\":\"\",\"data\":[[\"1000\",\"1\",\"2\",\"1\",\"2\","
                     "\"300\",\"3\"]]}";
  g_autoptr(PsCandles) c = ps_okx_parse_candles (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 1);
  g_assert_cmpfloat (ps_candles_volume_at (c, 0), ==, 3);
}

/* realizedRate is what was paid. */
static void
test_funding_sample (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = ps_test_load_data ("okx-funding-rate-history.json", &length);
  g_autoptr(PsFunding) f = ps_okx_parse_funding_history (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (f->n, ==, 2);
  g_assert_cmpint (f->t_ms[0], ==, G_GINT64_CONSTANT (1703030400000));
  g_assert_cmpint (f->t_ms[1], ==, G_GINT64_CONSTANT (1703059200000));
  g_assert_cmpfloat (f->rate[0], ==, 0.0002279755647389);
  g_assert_cmpfloat (f->rate[1], ==, 0.0000746572360545);
  g_assert_true (isnan (f->mark_price[0]));
}

static void
test_funding_no_realized (void)
{
  g_autoptr(GError) error = NULL;
  const char *data = "{\"code\":\"0\",\"data\":[{\"fundingTime\":\"2000\",\"fundingRate\":\"0.0002\","
                     "\"realizedRate\":\"\"},{\"fundingTime\":\"1000\",\"fundingRate\":\"-0.0001\"}]}";
  g_autoptr(PsFunding) f = ps_okx_parse_funding_history (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (f->rate[0], ==, -0.0001);
  g_assert_cmpfloat (f->rate[1], ==, 0.0002);
}

/* Rubik rows [ts, oi (contracts), oiCcy (BTC), oiUsd]: 0.01 BTC a contract. */
static void
test_open_interest_history (void)
{
  g_autoptr(GError) error = NULL;
  const char *data = "{\"code\":\"0\",\"msg\":\"\",\"data\":["
                     "[\"1782129600000\",\"2712345.5\",\"27123.455\",\"1739123456.7\"],"
                     "[\"1782126000000\",\"2700000\",\"27000\",\"1728000000\"]]}";
  g_autoptr(PsOpenInterest) oi = ps_okx_parse_open_interest_history (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (oi->n, ==, 2);
  g_assert_cmpint (oi->t_ms[0], ==, G_GINT64_CONSTANT (1782126000000));
  g_assert_cmpfloat (oi->contracts[0], ==, 27000);
  g_assert_cmpfloat (oi->usd[0], ==, 1728000000);
  g_assert_cmpfloat (oi->contracts[1], ==, 27123.455);
}

/* The aggregate endpoint's rows have 3 fields: not this parser's. */
static void
test_open_interest_volume_refused (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = ps_test_load_data ("okx-rubik-open-interest-volume.json", &length);

  g_assert_null (ps_okx_parse_open_interest_history (data, length, &error));
  g_assert_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD);
  g_assert_nonnull (strstr (error->message, "an array of at least 4 strings"));
}

/* The snapshot sample predates oiUsd. */
static void
test_open_interest_sample (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = ps_test_load_data ("okx-open-interest.json", &length);
  g_autoptr(PsOpenInterest) oi = ps_okx_parse_open_interest (data, length, &error);
  const char *with_usd = "{\"code\":\"0\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"oi\":\"100\","
                         "\"oiCcy\":\"1\",\"oiUsd\":\"64000.5\",\"ts\":\"5\"}]}";

  g_assert_no_error (error);
  g_assert_cmpuint (oi->n, ==, 1);
  g_assert_cmpint (oi->t_ms[0], ==, G_GINT64_CONSTANT (1597026383085));
  g_assert_cmpfloat (oi->contracts[0], ==, 555.55);
  g_assert_true (isnan (oi->usd[0]));
  g_clear_pointer (&oi, ps_open_interest_unref);

  oi = ps_okx_parse_open_interest (with_usd, strlen (with_usd), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (oi->usd[0], ==, 64000.5);
}

static void
test_server_time (void)
{
  g_autoptr(GError) error = NULL;
  const char *data = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"ts\":\"1597026383085\"}]}";
  gint64 t_ms = 0;

  g_assert_true (ps_okx_parse_server_time (data, strlen (data), &t_ms, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t_ms, ==, G_GINT64_CONSTANT (1597026383085));
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  const char *data = "{\"code\":\"0\",\"msg\":\"\",\"data\":[]}";
  g_autoptr(PsCandles) c = ps_okx_parse_candles (data, strlen (data), &error);
  g_autoptr(PsFunding) f = ps_okx_parse_funding_history (data, strlen (data), &error);
  g_autoptr(PsOpenInterest) oi = ps_okx_parse_open_interest_history (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 0);
  g_assert_cmpuint (f->n, ==, 0);
  g_assert_cmpuint (oi->n, ==, 0);
}

/* The two sample error bodies, as they come in HTTP 200. */
static void
test_envelopes (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *missing = ps_test_load_data ("okx-error-instrument-not-exist.json", &length);
  g_autofree char *limited = NULL;
  const char *ok = "{\"code\":\"0\",\"data\":[]}";

  g_assert_null (ps_okx_parse_candles (missing, length, &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_assert_cmpstr (error->message, ==, "OKX: Instrument ID does not exist (code 51001)");
  g_clear_error (&error);
  g_assert_true (ps_okx_parse_error_envelope (missing, length, &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_clear_error (&error);

  limited = ps_test_load_data ("okx-error-rate-limit.json", &length);
  g_assert_null (ps_okx_parse_funding_history (limited, length, &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message, ==, "OKX: Too Many Requests (code 50011)");
  g_clear_error (&error);

  g_assert_false (ps_okx_parse_error_envelope (ok, strlen (ok), &error));
  g_assert_false (ps_okx_parse_error_envelope ("[]", 2, &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *name;
  Kind        kind;
  const char *body;
  GQuark    (*domain) (void);
  gint        code;
  const char *message;
} BadCase;

#define ENV(rows) "{\"code\":\"0\",\"msg\":\"\",\"data\":" rows "}"
#define CANDLE(t, o, h, l, c) "[\"" t "\",\"" o "\",\"" h "\",\"" l "\",\"" c "\",\"1\",\"2\",\"3\",\"1\"]"

static const BadCase bad_cases[] = {
  { "not-json", KIND_CANDLES, "{\"code\":\"0\",\"data\":[", ps_parse_error_quark,
    PS_PARSE_ERROR_INVALID, "OKX candles: the answer is not JSON" },
  { "html", KIND_FUNDING, "<!DOCTYPE html><html></html>", ps_parse_error_quark,
    PS_PARSE_ERROR_INVALID, "not JSON" },
  { "empty-body", KIND_SERVER_TIME, "", ps_parse_error_quark, PS_PARSE_ERROR_INVALID,
    "an empty body" },
  { "array-root", KIND_CANDLES, "[[\"1\"]]", ps_parse_error_quark, PS_PARSE_ERROR_INVALID,
    "expected an object, got an array" },
  { "code-number", KIND_CANDLES, "{\"code\":0,\"data\":[]}", ps_parse_error_quark,
    PS_PARSE_ERROR_FIELD, "field “code”: expected a code string, got 0" },
  { "no-code", KIND_OPEN_INTEREST_HISTORY, "{\"data\":[]}", ps_parse_error_quark,
    PS_PARSE_ERROR_FIELD, "field “code”: expected a code string, got nothing" },
  { "other-code", KIND_CANDLES, "{\"code\":\"51000\",\"msg\":\"Parameter bar error\",\"data\":[]}",
    ps_net_error_quark, PS_NET_ERROR_VENUE, "OKX: Parameter bar error (code 51000)" },
  { "no-data", KIND_FUNDING, "{\"code\":\"0\",\"msg\":\"\"}", ps_parse_error_quark,
    PS_PARSE_ERROR_FIELD, "field “data”: expected an array of rows, got nothing" },
  { "data-object", KIND_CANDLES, ENV ("{}"), ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "field “data”: expected an array of rows, got an object" },
  { "row-short", KIND_CANDLES, ENV ("[[\"1\",\"1\",\"1\",\"1\",\"1\",\"1\"]]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "OKX candles: row 0, field “data”: expected an array of at least 7 strings, got an array" },
  { "time-number", KIND_CANDLES, ENV ("[[1000,\"1\",\"1\",\"1\",\"1\",\"1\",\"1\"]]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "row 0, field “ts” (index 0): expected a time in ms (a numeric string), got 1000" },
  { "price-hex", KIND_CANDLES, ENV ("[" CANDLE ("1", "0x10", "1", "1", "1") "]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "field “o” (index 1): expected a decimal string" },
  { "price-empty", KIND_CANDLES, ENV ("[" CANDLE ("1", "1", "", "1", "1") "]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "field “h” (index 2): expected a decimal string, got “”" },
  { "high-below-low", KIND_CANDLES, ENV ("[" CANDLE ("1", "5", "4", "6", "5") "]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "expected a value at or above the low 6" },
  { "confirm-bad", KIND_CANDLES, ENV ("[[\"1\",\"1\",\"1\",\"1\",\"1\",\"1\",\"1\",\"1\",\"yes\"]]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "field “confirm” (index 8): expected “0” or “1”" },
  { "oldest-first", KIND_CANDLES, ENV ("[" CANDLE ("1", "1", "1", "1", "1") ","
                                       CANDLE ("2", "1", "1", "1", "1") "]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "row 0, field “ts” (index 0): expected a time "
    "after the next row’s 2 (newest first)" },
  { "funding-time-missing", KIND_FUNDING, ENV ("[{\"fundingRate\":\"0.1\"}]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "OKX funding history: row 0, field “fundingTime”: expected a time in ms" },
  { "funding-rate-number", KIND_FUNDING, ENV ("[{\"fundingTime\":\"1\",\"realizedRate\":0.1}]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "field “realizedRate”: expected a decimal string, got 0.1" },
  { "funding-row-array", KIND_FUNDING, ENV ("[[]]"), ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "row 0, field “data”: expected an object, got an array" },
  { "oi-usd-negative", KIND_OPEN_INTEREST_HISTORY, ENV ("[[\"1\",\"1\",\"1\",\"-5\"]]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "OKX open interest: row 0, field “oiUsd” (index 3): expected a value of 0 or more" },
  { "oi-second-row", KIND_OPEN_INTEREST_HISTORY,
    ENV ("[[\"2\",\"1\",\"1\",\"1\"],[\"1\",\"1\",null,\"1\"]]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "row 1, field “oiCcy” (index 2): expected a decimal string, got null" },
  { "oi-now-empty", KIND_OPEN_INTEREST, ENV ("[]"), ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "OKX current open interest: row 0, field “data”: expected one object, got nothing" },
  { "oi-now-no-ccy", KIND_OPEN_INTEREST, ENV ("[{\"oi\":\"1\",\"ts\":\"1\"}]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "field “oiCcy”" },
  { "time-empty", KIND_SERVER_TIME, ENV ("[]"), ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "OKX server time: row 0, field “data”: expected one object" },
  { "clock-number", KIND_SERVER_TIME, ENV ("[{\"ts\":1597026383085}]"), ps_parse_error_quark,
    PS_PARSE_ERROR_FIELD, "field “ts”: expected a time in ms (a numeric string), got 1597026383085" },
  { "time-instrument", KIND_SERVER_TIME, "{\"code\":\"51001\",\"msg\":\"x\"}", ps_net_error_quark,
    PS_NET_ERROR_UNKNOWN_SYMBOL, "OKX: x (code 51001)" },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;

  g_assert_false (parse_as (bad->kind, bad->body, &error));
  g_assert_error (error, bad->domain (), bad->code);
  if (strstr (error->message, bad->message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, bad->message);
}

int
main (int    argc,
      char **argv)
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/okx-parse/candles-doc-sample", test_candles_doc_sample);
  g_test_add_func ("/perpscope/net/okx-parse/candles", test_candles);
  g_test_add_func ("/perpscope/net/okx-parse/candles-seven-fields", test_candles_seven_fields);
  g_test_add_func ("/perpscope/net/okx-parse/funding-sample", test_funding_sample);
  g_test_add_func ("/perpscope/net/okx-parse/funding-no-realized", test_funding_no_realized);
  g_test_add_func ("/perpscope/net/okx-parse/open-interest-history", test_open_interest_history);
  g_test_add_func ("/perpscope/net/okx-parse/open-interest-volume-refused",
                   test_open_interest_volume_refused);
  g_test_add_func ("/perpscope/net/okx-parse/open-interest-sample", test_open_interest_sample);
  g_test_add_func ("/perpscope/net/okx-parse/server-time", test_server_time);
  g_test_add_func ("/perpscope/net/okx-parse/empty", test_empty);
  g_test_add_func ("/perpscope/net/okx-parse/envelopes", test_envelopes);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/perpscope/net/okx-parse/bad/%s",
                                               bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }

  return g_test_run ();
}
