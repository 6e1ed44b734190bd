/* test-bybit-parse.c: the Bybit v5 parsers against the doc samples and broken bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-bybit-parse.h"
#include "ps-net-error.h"
#include "ps-test-util.h"

typedef enum
{
  KIND_KLINE,
  KIND_FUNDING,
  KIND_OPEN_INTEREST,
  KIND_SERVER_TIME,
} Kind;

/* Runs the parser of kind; TRUE when it gave a result. */
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
    case KIND_KLINE:
      return (candles = ps_bybit_parse_kline (data, length, error)) != NULL;
    case KIND_FUNDING:
      return (funding = ps_bybit_parse_funding_history (data, length, error)) != NULL;
    case KIND_OPEN_INTEREST:
      return (open_interest = ps_bybit_parse_open_interest (data, length, error)) != NULL;
    case KIND_SERVER_TIME:
      return ps_bybit_parse_server_time (data, length, &t_ms, error);
    default:
      g_assert_not_reached ();
    }
}

/* The doc's 1h kline page, sent newest first, comes back oldest first. */
static void
test_kline_sample (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = ps_test_load_data ("bybit-kline.json", &length);
  g_autoptr(PsCandles) c = ps_bybit_parse_kline (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 3);
  g_assert_cmpint (c->t_ms[0], ==, G_GINT64_CONSTANT (1670601600000));
  g_assert_cmpint (c->t_ms[1], ==, G_GINT64_CONSTANT (1670605200000));
  g_assert_cmpint (c->t_ms[2], ==, G_GINT64_CONSTANT (1670608800000));
  /* ["1670601600000","17086.5","17088","16978","17071.5","6356","0.37288112"] */
  g_assert_cmpfloat (ps_candles_open_at (c, 0), ==, 17086.5);
  g_assert_cmpfloat (ps_candles_high_at (c, 0), ==, 17088);
  g_assert_cmpfloat (ps_candles_low_at (c, 0), ==, 16978);
  g_assert_cmpfloat (ps_candles_close_at (c, 0), ==, 17071.5);
  g_assert_cmpfloat (ps_candles_volume_at (c, 0), ==, 6356);
  g_assert_cmpfloat (ps_candles_close_at (c, 2), ==, 17055.5);
  g_assert_cmpfloat (ps_candles_volume_at (c, 2), ==, 268611);
  g_assert_true (isnan (ps_candles_taker_buy_at (c, 0)));
}

static void
test_funding_sample (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = ps_test_load_data ("bybit-funding-history.json", &length);
  g_autoptr(PsFunding) f = ps_bybit_parse_funding_history (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (f->n, ==, 1);
  g_assert_cmpint (f->t_ms[0], ==, G_GINT64_CONSTANT (1672041600000));
  g_assert_cmpfloat (f->rate[0], ==, 0.0001);
  g_assert_true (isnan (f->mark_price[0]));
}

/* One side of the open interest (singleOpenInterest), oldest first; no USD. */
static void
test_open_interest_sample (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = ps_test_load_data ("bybit-open-interest.json", &length);
  g_autoptr(PsOpenInterest) oi = ps_bybit_parse_open_interest (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (oi->n, ==, 5);
  g_assert_cmpint (oi->t_ms[0], ==, G_GINT64_CONSTANT (1780617600000));
  g_assert_cmpint (oi->t_ms[4], ==, G_GINT64_CONSTANT (1780963200000));
  g_assert_cmpfloat (oi->contracts[0], ==, 31971156);
  g_assert_cmpfloat (oi->contracts[4], ==, 31955346);
  g_assert_true (isnan (oi->usd[0]));
}

/* Before 2026-06-11 rows have openInterest alone. */
static void
test_open_interest_no_single (void)
{
  g_autoptr(GError) error = NULL;
  const char *data = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":["
                     "{\"openInterest\":\"52.5\",\"timestamp\":\"2000\"},"
                     "{\"openInterest\":\"50\",\"timestamp\":\"1000\"}],"
                     "\"nextPageCursor\":\"\"},\"time\":1}";
  g_autoptr(PsOpenInterest) oi = ps_bybit_parse_open_interest (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (oi->n, ==, 2);
  g_assert_cmpfloat (oi->contracts[0], ==, 50);
  g_assert_cmpfloat (oi->contracts[1], ==, 52.5);
}

static void
test_server_time (void)
{
  g_autoptr(GError) error = NULL;
  const char *nano = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"timeSecond\":\"1688639403\","
                     "\"timeNano\":\"1688639403423213947\"},\"retExtInfo\":{},\"time\":1688639403423}";
  const char *second = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"timeSecond\":\"1688639403\"}}";
  gint64 t_ms = 0;

  g_assert_true (ps_bybit_parse_server_time (nano, strlen (nano), &t_ms, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t_ms, ==, G_GINT64_CONSTANT (1688639403423));
  g_assert_true (ps_bybit_parse_server_time (second, strlen (second), &t_ms, &error));
  g_assert_cmpint (t_ms, ==, G_GINT64_CONSTANT (1688639403000));
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  const char *data = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\","
                     "\"symbol\":\"BTCUSDT\",\"list\":[]},\"retExtInfo\":{},\"time\":1}";
  g_autoptr(PsCandles) c = ps_bybit_parse_kline (data, strlen (data), &error);
  g_autoptr(PsFunding) f = ps_bybit_parse_funding_history (data, strlen (data), &error);
  g_autoptr(PsOpenInterest) oi = ps_bybit_parse_open_interest (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 0);
  g_assert_cmpuint (f->n, ==, 0);
  g_assert_cmpuint (oi->n, ==, 0);
}

/* The sample error body in HTTP 200, and the helper status_error uses. */
static void
test_envelope (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = ps_test_load_data ("bybit-error-not-supported-symbols.json", &length);
  const char *ok = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{}}";

  g_assert_null (ps_bybit_parse_kline (data, length, &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_assert_nonnull (strstr (error->message, "Not supported symbols"));
  g_clear_error (&error);

  g_assert_true (ps_bybit_parse_error_envelope (data, length, &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL);
  g_clear_error (&error);
  g_assert_false (ps_bybit_parse_error_envelope (ok, strlen (ok), &error));
  g_assert_false (ps_bybit_parse_error_envelope ("<html>", 6, &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *name;
  Kind        kind;
  const char *body;
  GQuark    (*domain) (void);
  gint        code;
  const char *message;   /* a part of the error message */
} BadCase;

#define ENV(list) "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":" list "},\"time\":1}"
#define ROW(t, o, h, l, c) "[\"" t "\",\"" o "\",\"" h "\",\"" l "\",\"" c "\",\"1\",\"2\"]"

static const BadCase bad_cases[] = {
  { "not-json", KIND_KLINE, "{\"retCode\":0,", ps_parse_error_quark, PS_PARSE_ERROR_INVALID,
    "Bybit klines: the answer is not JSON" },
  { "html", KIND_KLINE, "<html><body>502</body></html>", ps_parse_error_quark,
    PS_PARSE_ERROR_INVALID, "not JSON" },
  { "empty-body", KIND_FUNDING, "", ps_parse_error_quark, PS_PARSE_ERROR_INVALID,
    "an empty body" },
  { "array-root", KIND_KLINE, "[]", ps_parse_error_quark, PS_PARSE_ERROR_INVALID,
    "expected an object, got an array" },
  { "no-retcode", KIND_KLINE, "{\"result\":{\"list\":[]}}", ps_parse_error_quark,
    PS_PARSE_ERROR_FIELD, "field “retCode”: expected an integer, got nothing" },
  { "retcode-string", KIND_OPEN_INTEREST, "{\"retCode\":\"0\",\"result\":{\"list\":[]}}",
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "got “0”" },
  { "too-many-visits", KIND_KLINE, "{\"retCode\":10006,\"retMsg\":\"Too many visits!\"}",
    ps_net_error_quark, PS_NET_ERROR_RATE_LIMITED, "Bybit: Too many visits! (retCode 10006)" },
  { "params-error", KIND_KLINE, "{\"retCode\":10001,\"retMsg\":\"params error: interval is "
    "required\",\"result\":{}}", ps_net_error_quark, PS_NET_ERROR_VENUE, "interval is required" },
  { "other-code", KIND_SERVER_TIME, "{\"retCode\":10016,\"retMsg\":\"Server error\"}",
    ps_net_error_quark, PS_NET_ERROR_VENUE, "(retCode 10016)" },
  { "no-result", KIND_KLINE, "{\"retCode\":0,\"retMsg\":\"OK\"}", ps_parse_error_quark,
    PS_PARSE_ERROR_FIELD, "field “result”: expected an object" },
  { "no-list", KIND_FUNDING, "{\"retCode\":0,\"result\":{}}", ps_parse_error_quark,
    PS_PARSE_ERROR_FIELD, "field “list”: expected an array of rows" },
  { "row-not-array", KIND_KLINE, ENV ("[{}]"), ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "Bybit klines: row 0, field “list”: expected an array of 7 strings, got an object" },
  { "row-short", KIND_KLINE, ENV ("[[\"1\",\"2\",\"3\",\"1\",\"2\",\"3\"]]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "an array of 7 strings" },
  { "time-number", KIND_KLINE, ENV ("[[1670601600000,\"1\",\"1\",\"1\",\"1\",\"1\",\"1\"]]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "row 0, field “startTime” (index 0): expected a time in ms (a numeric string), got 1670601600000" },
  { "price-number", KIND_KLINE, ENV ("[[\"1\",17086.5,\"1\",\"1\",\"1\",\"1\",\"1\"]]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "field “open” (index 1): expected a decimal string" },
  { "price-zero", KIND_KLINE, ENV ("[" ROW ("1", "1", "1", "0", "1") "]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "field “low” (index 3): expected a value above 0" },
  { "price-inf", KIND_KLINE, ENV ("[" ROW ("1", "inf", "1", "1", "1") "]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "got “inf”" },
  { "high-below-low", KIND_KLINE, ENV ("[" ROW ("1", "5", "4", "6", "5") "]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "field “high” (index 2): expected a value at or above the low 6" },
  { "oldest-first", KIND_KLINE, ENV ("[" ROW ("1000", "1", "1", "1", "1") ","
                                     ROW ("2000", "1", "1", "1", "1") "]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "row 0, field “startTime” (index 0): expected a time after the next row’s 2000 (newest first)" },
  { "repeated-time", KIND_KLINE, ENV ("[" ROW ("1000", "1", "1", "1", "1") ","
                                      ROW ("1000", "1", "1", "1", "1") "]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "after the next row’s 1000" },
  { "negative-time", KIND_KLINE, ENV ("[" ROW ("-1", "1", "1", "1", "1") "]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "got “-1”" },
  { "funding-missing-rate", KIND_FUNDING,
    ENV ("[{\"symbol\":\"BTCUSDT\",\"fundingRateTimestamp\":\"1\"}]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "Bybit funding history: row 0, field “fundingRate”: expected a decimal string, got nothing" },
  { "funding-row-null", KIND_FUNDING, ENV ("[null]"), ps_parse_error_quark,
    PS_PARSE_ERROR_FIELD, "row 0, field “list”: expected an object, got null" },
  { "funding-no-symbol", KIND_FUNDING,
    ENV ("[{\"fundingRate\":\"0.1\",\"fundingRateTimestamp\":\"1\"}]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "field “symbol”: expected a symbol" },
  { "oi-negative", KIND_OPEN_INTEREST, ENV ("[{\"openInterest\":\"-1\",\"timestamp\":\"1\"}]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD,
    "Bybit open interest: row 0, field “openInterest”: expected a value of 0 or more" },
  { "oi-single-bad", KIND_OPEN_INTEREST,
    ENV ("[{\"openInterest\":\"1\",\"singleOpenInterest\":true,\"timestamp\":\"1\"}]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "field “singleOpenInterest”: expected a decimal "
    "string, got true" },
  { "oi-second-row", KIND_OPEN_INTEREST,
    ENV ("[{\"openInterest\":\"1\",\"timestamp\":\"2\"},{\"openInterest\":\"1\"}]"),
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "row 1, field “timestamp”" },
  { "time-no-result", KIND_SERVER_TIME, "{\"retCode\":0,\"result\":[]}", ps_parse_error_quark,
    PS_PARSE_ERROR_FIELD, "Bybit server time: row 0, field “result”: expected an object" },
  { "time-not-number", KIND_SERVER_TIME, "{\"retCode\":0,\"result\":{\"timeSecond\":\"soon\"}}",
    ps_parse_error_quark, PS_PARSE_ERROR_FIELD, "field “timeSecond”" },
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

  g_test_add_func ("/perpscope/net/bybit-parse/kline-sample", test_kline_sample);
  g_test_add_func ("/perpscope/net/bybit-parse/funding-sample", test_funding_sample);
  g_test_add_func ("/perpscope/net/bybit-parse/open-interest-sample", test_open_interest_sample);
  g_test_add_func ("/perpscope/net/bybit-parse/open-interest-no-single",
                   test_open_interest_no_single);
  g_test_add_func ("/perpscope/net/bybit-parse/server-time", test_server_time);
  g_test_add_func ("/perpscope/net/bybit-parse/empty", test_empty);
  g_test_add_func ("/perpscope/net/bybit-parse/envelope", test_envelope);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/perpscope/net/bybit-parse/bad/%s",
                                               bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }

  return g_test_run ();
}
