/* test-binance-parse.c: the Binance parsers against real samples and broken bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-binance-parse.h"
#include "ps-net-error.h"
#include "ps-test-util.h"

typedef enum
{
  KIND_KLINES,
  KIND_FUNDING,
  KIND_OPEN_INTEREST_HIST,
  KIND_SERVER_TIME,
  KIND_OPEN_INTEREST,
  KIND_PREMIUM_INDEX,
  KIND_FORCE_ORDER,
  N_KINDS
} Kind;

/* Runs the parser of kind; TRUE when it gave a result. */
static gboolean
parse_as (Kind         kind,
          const char  *data,
          gsize        length,
          GError     **error)
{
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(PsFunding) funding = NULL;
  g_autoptr(PsOpenInterest) open_interest = NULL;
  g_autoptr(PsLiquidations) liquidations = NULL;
  PsBinancePremiumIndex premium;
  gint64 t_ms;

  switch (kind)
    {
    case KIND_KLINES:
      return (candles = ps_binance_parse_klines (data, length, error)) != NULL;
    case KIND_FUNDING:
      return (funding = ps_binance_parse_funding_rate (data, length, error)) != NULL;
    case KIND_OPEN_INTEREST_HIST:
      return (open_interest = ps_binance_parse_open_interest_hist (data, length, error)) != NULL;
    case KIND_SERVER_TIME:
      return ps_binance_parse_server_time (data, length, &t_ms, error);
    case KIND_OPEN_INTEREST:
      return (open_interest = ps_binance_parse_open_interest (data, length, error)) != NULL;
    case KIND_PREMIUM_INDEX:
      return ps_binance_parse_premium_index (data, length, &premium, error);
    case KIND_FORCE_ORDER:
      return (liquidations = ps_binance_parse_force_order (data, length, "BTCUSDT",
                                                           error)) != NULL;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* Samples */

static void
check_klines (const char *data,
              gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) c = ps_binance_parse_klines (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 1);
  g_assert_cmpint (c->t_ms[0], ==, 1499040000000);
  g_assert_cmpfloat (ps_candles_open_at (c, 0), ==, 0.01634790);
  g_assert_cmpfloat (ps_candles_high_at (c, 0), ==, 0.80000000);
  g_assert_cmpfloat (ps_candles_low_at (c, 0), ==, 0.01575800);
  g_assert_cmpfloat (ps_candles_close_at (c, 0), ==, 0.01577100);
  g_assert_cmpfloat (ps_candles_volume_at (c, 0), ==, 148976.11427815);
  g_assert_cmpfloat (ps_candles_taker_buy_at (c, 0), ==, 1756.87402397);
}

static void
check_klines_5m (const char *data,
                 gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) c = ps_binance_parse_klines (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 2);
  g_assert_cmpint (c->t_ms[0], ==, 1616338800000);
  g_assert_cmpint (c->t_ms[1], ==, 1616339100000);
  g_assert_cmpfloat (ps_candles_open_at (c, 0), ==, 57212.69);
  g_assert_cmpfloat (ps_candles_high_at (c, 0), ==, 57315.00);
  g_assert_cmpfloat (ps_candles_low_at (c, 0), ==, 57196.19);
  g_assert_cmpfloat (ps_candles_close_at (c, 0), ==, 57300.00);
  g_assert_cmpfloat (ps_candles_volume_at (c, 0), ==, 496.263);
  g_assert_cmpfloat (ps_candles_taker_buy_at (c, 0), ==, 273.108);
  g_assert_cmpfloat (ps_candles_low_at (c, 1), ==, 57200.61);
  g_assert_cmpfloat (ps_candles_close_at (c, 1), ==, 57206.47);
  g_assert_cmpfloat (ps_candles_taker_buy_at (c, 1), ==, 60.409);
}

static void
check_funding (const char *data,
               gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsFunding) f = ps_binance_parse_funding_rate (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (f->n, ==, 2);
  g_assert_cmpint (f->t_ms[0], ==, 1570608000000);
  g_assert_cmpint (f->t_ms[1], ==, 1570636800000);
  g_assert_cmpfloat (f->rate[0], ==, -0.0375);
  g_assert_cmpfloat (f->rate[1], ==, 0.0001);
  g_assert_cmpfloat (f->mark_price[0], ==, 34287.54619963);
}

/* The doc sample writes timestamp as a string; the wire carries numbers. */
static void
check_open_interest_hist (const char *data,
                          gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsOpenInterest) oi = ps_binance_parse_open_interest_hist (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (oi->n, ==, 2);
  g_assert_cmpint (oi->t_ms[0], ==, 1583127900000);
  g_assert_cmpint (oi->t_ms[1], ==, 1583128200000);
  g_assert_cmpfloat (oi->contracts[0], ==, 20403.637);
  g_assert_cmpfloat (oi->usd[0], ==, 150570784.07809979);
  g_assert_cmpfloat (oi->usd[1], ==, 149940752.14464448);
}

static void
check_open_interest (const char *data,
                     gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsOpenInterest) oi = ps_binance_parse_open_interest (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (oi->n, ==, 1);
  g_assert_cmpint (oi->t_ms[0], ==, 1589437530011);
  g_assert_cmpfloat (oi->contracts[0], ==, 10659.509);
  g_assert_true (isnan (oi->usd[0]));
}

static void
check_premium_index (const char *data,
                     gsize       length)
{
  g_autoptr(GError) error = NULL;
  PsBinancePremiumIndex p;

  g_assert_true (ps_binance_parse_premium_index (data, length, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p.time_ms, ==, 1597370495002);
  g_assert_cmpfloat (p.mark_price, ==, 11793.63104562);
  g_assert_cmpfloat (p.index_price, ==, 11781.80495970);
  g_assert_cmpfloat (p.funding_rate, ==, 0.00038246);
  g_assert_cmpint (p.next_funding_time_ms, ==, 1597392000000);
}

/* An error envelope gives the same error whichever parser meets it. */
static void
check_envelope (const char *data,
                gsize       length,
                gint        code,
                gint        error_code,
                const char *text)
{
  g_autofree char *message = NULL;
  gint got_code = 0;

  g_assert_true (ps_binance_parse_error_envelope (data, length, &got_code, &message));
  g_assert_cmpint (got_code, ==, code);
  g_assert_nonnull (strstr (message, text));

  for (Kind kind = 0; kind < N_KINDS; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code_text = g_strdup_printf ("(code %d)", code);

      g_assert_false (parse_as (kind, data, length, &error));
      g_assert_error (error, PS_NET_ERROR, error_code);
      g_assert_true (g_str_has_prefix (error->message, "Binance: "));
      g_assert_nonnull (strstr (error->message, text));
      g_assert_nonnull (strstr (error->message, code_text));
    }
}

static void
check_error_invalid_symbol (const char *data,
                            gsize       length)
{
  check_envelope (data, length, -1121, PS_NET_ERROR_UNKNOWN_SYMBOL, "Invalid symbol.");
}

static void
check_error_429 (const char *data,
                 gsize       length)
{
  check_envelope (data, length, -1003, PS_NET_ERROR_VENUE,
                  "Too many requests; current limit is 1200 requests per minute.");
}

/* allForceOrders is dead: a positive 400 in code. */
static void
check_error_all_force_orders (const char *data,
                              gsize       length)
{
  check_envelope (data, length, 400, PS_NET_ERROR_VENUE,
                  "The endpoint has been out of maintenance");
}

/* One event, bare and in the combined-stream envelope: the same row. */
static void
check_one_liquidation (const char *data,
                       gsize       length,
                       gint64      t_ms,
                       double      price,
                       double      avg_price,
                       double      qty)
{
  g_autofree char *wrapped = g_strdup_printf ("{\"stream\":\"btcusdt@forceOrder\",\"data\":%.*s}",
                                              (int) length, data);
  const char *bodies[] = { data, wrapped };
  gsize lengths[] = { length, strlen (wrapped) };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsLiquidations) l = ps_binance_parse_force_order (bodies[i], lengths[i],
                                                                  "BTCUSDT", &error);

      g_assert_no_error (error);
      g_assert_cmpuint (l->n, ==, 1);
      g_assert_cmpint (l->t_ms[0], ==, t_ms);
      g_assert_cmpuint (l->side[0], ==, PS_LIQ_LONG);     /* a SELL order */
      g_assert_cmpuint (l->source[0], ==, PS_LIQ_SOURCE_LIVE);
      g_assert_cmpfloat (l->price[0], ==, price);
      g_assert_cmpfloat (l->avg_price[0], ==, avg_price);
      g_assert_cmpfloat (l->qty[0], ==, qty);
      g_assert_cmpfloat_with_epsilon (l->usd[0], avg_price * qty, 1e-9);
    }
}

static void
check_force_order (const char *data,
                   gsize       length)
{
  check_one_liquidation (data, length, 1568014460893, 9910, 9910, 0.014);
}

static void
check_force_order_observed (const char *data,
                            gsize       length)
{
  g_autoptr(PsLiquidations) other = NULL;
  g_autoptr(GError) error = NULL;

  check_one_liquidation (data, length, 1650898329196, 38886.54, 39021.00, 0.288);

  /* Another symbol's event: no row, no error; NULL takes any symbol. */
  other = ps_binance_parse_force_order (data, length, "ETHUSDT", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other->n, ==, 0);
  g_clear_pointer (&other, ps_liquidations_unref);
  other = ps_binance_parse_force_order (data, length, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other->n, ==, 1);
}

/* Binance spot's answer (fake_exchange, 1h): test-binance-spot checks it in
 * full; here, that it is a spot body the spot parser takes. */
static void
check_spot_klines (const char *data,
                   gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) c = ps_binance_parse_spot_klines (data, length, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 4);
}

static const struct
{
  const char *name;
  void      (*check) (const char *data,
                      gsize       length);
} samples[] = {
  { "binance-klines.json",                 check_klines },
  { "binance-klines-btcusdt-5m.json",      check_klines_5m },
  { "binance-fundingRate.json",            check_funding },
  { "binance-openInterestHist.json",       check_open_interest_hist },
  { "binance-openInterest.json",           check_open_interest },
  { "binance-premiumIndex.json",           check_premium_index },
  { "binance-error-invalid-symbol.json",   check_error_invalid_symbol },
  { "binance-error-429.json",              check_error_429 },
  { "binance-error-allForceOrders.json",   check_error_all_force_orders },
  { "binance-ws-forceOrder.json",          check_force_order },
  { "binance-ws-forceOrder-observed.json", check_force_order_observed },
  { "binance-spot-klines-btcusdt-1h.json", check_spot_klines },
};

/* Every binance-*.json in tests/data: a new sample without a check fails. */
static void
test_samples (void)
{
  g_autofree char *dir_path = ps_test_data_path ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;
  guint n_checked = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean known = FALSE;

      if (!g_str_has_prefix (name, "binance-") || !g_str_has_suffix (name, ".json"))
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        {
          g_autofree char *data = NULL;
          gsize length;

          if (!g_str_equal (samples[i].name, name))
            continue;
          known = TRUE;
          if (samples[i].check == NULL)
            break;

          g_test_message ("sample %s", name);
          data = ps_test_load_data (name, &length);
          samples[i].check (data, length);
          n_checked++;
        }
      if (!known)
        {
          g_test_message ("sample %s has no check", name);
          g_test_fail ();
        }
    }
  g_assert_cmpuint (n_checked, ==, G_N_ELEMENTS (samples));
}

/* Broken bodies */

typedef struct
{
  const char *name;
  Kind        kind;
  const char *body;
  GQuark    (*domain) (void);
  gint        code;
  const char *contains[3];   /* each must be in the message */
} BadCase;

/* A valid 7-field kline row at time t. */
#define ROW(t, o, h, l, c, v) \
  "[" #t ",\"" o "\",\"" h "\",\"" l "\",\"" c "\",\"" v "\"," #t "9999]"

/* A forceOrder event; s and T raw JSON, the rest inside quotes. */
#define LIQ(s, side, t, p, q, ap, z) \
  "{\"e\":\"forceOrder\",\"E\":1,\"o\":{\"s\":" s ",\"S\":\"" side "\",\"T\":" t \
  ",\"p\":\"" p "\",\"q\":\"" q "\",\"ap\":\"" ap "\",\"z\":\"" z "\"}}"

#define FIELD_ERROR   ps_parse_error_quark, PS_PARSE_ERROR_FIELD
#define INVALID_ERROR ps_parse_error_quark, PS_PARSE_ERROR_INVALID
#define VENUE_ERROR   ps_net_error_quark, PS_NET_ERROR_VENUE

static const BadCase bad_cases[] = {
  { "truncated", KIND_KLINES, "[[1499040000000,\"0.1\",",
    INVALID_ERROR, { "Binance klines", "not JSON" } },
  { "empty-body", KIND_KLINES, "",
    INVALID_ERROR, { "Binance klines" } },
  { "html", KIND_FUNDING, "<html><body>502 Bad Gateway</body></html>",
    INVALID_ERROR, { "Binance funding rates", "not JSON" } },
  { "not-array", KIND_KLINES, "{\"rows\":[]}",
    INVALID_ERROR, { "Binance klines", "an array", "an object" } },
  { "not-array-oi", KIND_OPEN_INTEREST_HIST, "\"hello\"",
    INVALID_ERROR, { "Binance open interest", "“hello”" } },
  { "not-object-time", KIND_SERVER_TIME, "[1]",
    INVALID_ERROR, { "Binance server time", "an object" } },
  { "row-not-array", KIND_KLINES, "[" ROW (1000, "1", "2", "1", "1", "5") ",{\"t\":1}]",
    FIELD_ERROR, { "Binance klines: row 1", "an object" } },
  { "row-short", KIND_KLINES, "[[1000,\"1\",\"2\",\"1\",\"1\",\"5\"]]",
    FIELD_ERROR, { "row 0", "at least 7 fields", "got 6" } },
  { "price-number", KIND_KLINES, "[[1000,1.5,\"2\",\"1\",\"1\",\"5\",1999]]",
    FIELD_ERROR,
    { "row 0, field “open” (index 1)", "a decimal string", "got 1.5" } },
  { "price-null", KIND_KLINES, "[[1000,\"1\",\"2\",null,\"1\",\"5\",1999]]",
    FIELD_ERROR, { "row 0, field “low” (index 3)", "got null" } },
  { "time-string", KIND_KLINES, "[[\"1000\",\"1\",\"2\",\"1\",\"1\",\"5\",1999]]",
    FIELD_ERROR, { "row 0, field “open time” (index 0)", "“1000”" } },
  { "time-float", KIND_KLINES, "[[1000.5,\"1\",\"2\",\"1\",\"1\",\"5\",1999]]",
    FIELD_ERROR, { "row 0, field “open time”", "1000.5" } },
  { "time-negative", KIND_KLINES, "[[-1000,\"1\",\"2\",\"1\",\"1\",\"5\",1999]]",
    FIELD_ERROR, { "row 0, field “open time”", "-1000" } },
  { "close-time-string", KIND_KLINES, "[[1000,\"1\",\"2\",\"1\",\"1\",\"5\",\"x\"]]",
    FIELD_ERROR, { "row 0, field “close time” (index 6)" } },
  { "close-before-open", KIND_KLINES, "[[1000,\"1\",\"2\",\"1\",\"1\",\"5\",999]]",
    FIELD_ERROR, { "field “close time” (index 6)", "after the open" } },
  { "number-trailing", KIND_KLINES, "[[1000,\"1\",\"2abc\",\"1\",\"1\",\"5\",1999]]",
    FIELD_ERROR, { "field “high” (index 2)", "“2abc”" } },
  { "number-space", KIND_KLINES, "[[1000,\" 1\",\"2\",\"1\",\"1\",\"5\",1999]]",
    FIELD_ERROR, { "field “open” (index 1)", "“ 1”" } },
  { "number-hex", KIND_KLINES, "[[1000,\"1\",\"0x10\",\"1\",\"1\",\"5\",1999]]",
    FIELD_ERROR, { "field “high” (index 2)", "“0x10”" } },
  { "number-inf", KIND_KLINES, "[[1000,\"1\",\"1e999\",\"1\",\"1\",\"5\",1999]]",
    FIELD_ERROR, { "field “high” (index 2)", "“1e999”" } },
  { "number-nan", KIND_KLINES, "[[1000,\"1\",\"2\",\"1\",\"nan\",\"5\",1999]]",
    FIELD_ERROR, { "field “close” (index 4)", "“nan”" } },
  { "number-empty", KIND_KLINES, "[[1000,\"1\",\"2\",\"1\",\"1\",\"\",1999]]",
    FIELD_ERROR, { "field “volume” (index 5)", "“”" } },
  { "price-zero", KIND_KLINES, "[[1000,\"0\",\"2\",\"1\",\"1\",\"5\",1999]]",
    FIELD_ERROR, { "field “open” (index 1)", "above 0" } },
  { "volume-negative", KIND_KLINES, "[[1000,\"1\",\"2\",\"1\",\"1\",\"-5\",1999]]",
    FIELD_ERROR, { "field “volume” (index 5)", "0 or more" } },
  { "high-below-low", KIND_KLINES, "[[1000,\"1\",\"1\",\"2\",\"1\",\"5\",1999]]",
    FIELD_ERROR, { "row 0, field “high” (index 2)", "low 2" } },
  { "taker-bad", KIND_KLINES, "[[1000,\"1\",\"2\",\"1\",\"1\",\"5\",1999,\"9\",3,\"x\"]]",
    FIELD_ERROR, { "field “taker buy volume” (index 9)", "“x”" } },
  { "out-of-order", KIND_KLINES,
    "[" ROW (2000, "1", "2", "1", "1", "5") "," ROW (1000, "1", "2", "1", "1", "5") "]",
    FIELD_ERROR, { "row 1, field “open time”", "after", "2000" } },
  { "duplicate", KIND_KLINES,
    "[" ROW (1000, "1", "2", "1", "1", "5") "," ROW (2000, "1", "2", "1", "1", "5") ","
    ROW (2000, "1", "2", "1", "1", "5") "]",
    FIELD_ERROR, { "row 2, field “open time”", "2000" } },
  { "funding-missing-rate", KIND_FUNDING, "[{\"fundingTime\":1,\"markPrice\":\"1\"}]",
    FIELD_ERROR, { "row 0, field “fundingRate”", "missing" } },
  { "funding-missing-time", KIND_FUNDING, "[{\"fundingRate\":\"0.1\"}]",
    FIELD_ERROR, { "row 0, field “fundingTime”", "missing" } },
  { "funding-time-string", KIND_FUNDING, "[{\"fundingTime\":\"1\",\"fundingRate\":\"0.1\"}]",
    FIELD_ERROR, { "row 0, field “fundingTime”", "“1”" } },
  { "funding-rate-number", KIND_FUNDING,
    "[{\"fundingTime\":1,\"fundingRate\":\"0.1\"},{\"fundingTime\":2,\"fundingRate\":0.1}]",
    FIELD_ERROR, { "row 1, field “fundingRate”", "decimal string" } },
  { "funding-mark-bad", KIND_FUNDING,
    "[{\"fundingTime\":1,\"fundingRate\":\"0.1\",\"markPrice\":\"-3\"}]",
    FIELD_ERROR, { "row 0, field “markPrice”", "above 0" } },
  { "funding-row-array", KIND_FUNDING, "[[1,\"0.1\"]]",
    FIELD_ERROR, { "Binance funding rates: row 0", "an array" } },
  { "funding-out-of-order", KIND_FUNDING,
    "[{\"fundingTime\":5,\"fundingRate\":\"0.1\"},{\"fundingTime\":5,\"fundingRate\":\"0.1\"}]",
    FIELD_ERROR, { "row 1, field “fundingTime”" } },
  { "oi-timestamp-bad", KIND_OPEN_INTEREST_HIST,
    "[{\"timestamp\":\"12abc\",\"sumOpenInterest\":\"1\",\"sumOpenInterestValue\":\"2\"}]",
    FIELD_ERROR, { "row 0, field “timestamp”", "“12abc”" } },
  { "oi-missing-value", KIND_OPEN_INTEREST_HIST,
    "[{\"timestamp\":1,\"sumOpenInterest\":\"1\",\"sumOpenInterestValue\":\"2\"},"
    "{\"timestamp\":2,\"sumOpenInterest\":\"1\"}]",
    FIELD_ERROR, { "row 1, field “sumOpenInterestValue”", "missing" } },
  { "oi-negative", KIND_OPEN_INTEREST_HIST,
    "[{\"timestamp\":1,\"sumOpenInterest\":\"-1\",\"sumOpenInterestValue\":\"2\"}]",
    FIELD_ERROR, { "row 0, field “sumOpenInterest”", "0 or more" } },
  { "oi-out-of-order", KIND_OPEN_INTEREST_HIST,
    "[{\"timestamp\":\"9\",\"sumOpenInterest\":\"1\",\"sumOpenInterestValue\":\"2\"},"
    "{\"timestamp\":8,\"sumOpenInterest\":\"1\",\"sumOpenInterestValue\":\"2\"}]",
    FIELD_ERROR, { "row 1, field “timestamp”", "9" } },
  { "time-missing", KIND_SERVER_TIME, "{\"time\":1}",
    FIELD_ERROR, { "Binance server time", "“serverTime”", "missing" } },
  { "liq-not-json", KIND_FORCE_ORDER, "hello",
    INVALID_ERROR, { "Binance liquidation", "not JSON" } },
  { "liq-array", KIND_FORCE_ORDER, "[1]", INVALID_ERROR, { "Binance liquidation", "an object" } },
  { "liq-other-event", KIND_FORCE_ORDER, "{\"e\":\"kline\",\"o\":{}}",
    FIELD_ERROR, { "field “e”", "“forceOrder”", "“kline”" } },
  { "liq-order-missing", KIND_FORCE_ORDER, "{\"stream\":\"x\",\"data\":{\"e\":\"forceOrder\"}}",
    FIELD_ERROR, { "field “o”", "missing" } },
  { "liq-symbol-number", KIND_FORCE_ORDER, LIQ ("1", "SELL", "1", "1", "1", "1", "1"),
    FIELD_ERROR, { "field “s”" } },
  { "liq-side", KIND_FORCE_ORDER, LIQ ("\"BTCUSDT\"", "HOLD", "1", "1", "1", "1", "1"),
    FIELD_ERROR, { "field “S”", "“HOLD”" } },
  { "liq-time-string", KIND_FORCE_ORDER, LIQ ("\"BTCUSDT\"", "BUY", "\"1\"", "1", "1", "1", "1"),
    FIELD_ERROR, { "field “T”" } },
  { "liq-price-nan", KIND_FORCE_ORDER, LIQ ("\"BTCUSDT\"", "BUY", "1", "NaN", "1", "1", "1"),
    FIELD_ERROR, { "field “p”", "“NaN”" } },
  { "liq-qty-negative", KIND_FORCE_ORDER, LIQ ("\"BTCUSDT\"", "BUY", "1", "1", "-2", "1", "1"),
    FIELD_ERROR, { "field “q”", "above 0" } },
  { "liq-qty-zero", KIND_FORCE_ORDER, LIQ ("\"BTCUSDT\"", "BUY", "1", "1", "0", "1", "1"),
    FIELD_ERROR, { "field “q”", "above 0" } },
  { "liq-filled-negative", KIND_FORCE_ORDER, LIQ ("\"BTCUSDT\"", "BUY", "1", "1", "1", "1", "-1"),
    FIELD_ERROR, { "field “z”", "0 or more" } },
  { "liq-avg-missing", KIND_FORCE_ORDER,
    "{\"e\":\"forceOrder\",\"o\":{\"s\":\"BTCUSDT\",\"S\":\"BUY\",\"T\":1,\"p\":\"1\","
    "\"q\":\"1\",\"z\":\"1\"}}",
    FIELD_ERROR, { "Binance liquidation: row 0, field “ap”", "missing" } },
  { "premium-not-json", KIND_PREMIUM_INDEX, "{\"markPrice\":",
    INVALID_ERROR, { "Binance premium index", "not JSON" } },
  { "premium-array", KIND_PREMIUM_INDEX, "[{\"symbol\":\"BTCUSDT\"}]",
    INVALID_ERROR, { "Binance premium index", "an object" } },
  { "premium-missing-next", KIND_PREMIUM_INDEX,
    "{\"markPrice\":\"1\",\"indexPrice\":\"1\",\"lastFundingRate\":\"0.0001\",\"time\":1}",
    FIELD_ERROR, { "Binance premium index", "field “nextFundingTime”", "missing" } },
  { "premium-missing-rate", KIND_PREMIUM_INDEX,
    "{\"markPrice\":\"1\",\"indexPrice\":\"1\",\"nextFundingTime\":2,\"time\":1}",
    FIELD_ERROR, { "field “lastFundingRate”", "missing" } },
  { "premium-rate-object", KIND_PREMIUM_INDEX,
    "{\"markPrice\":\"1\",\"indexPrice\":\"1\",\"lastFundingRate\":{},"
    "\"nextFundingTime\":2,\"time\":1}",
    FIELD_ERROR, { "field “lastFundingRate”" } },
  { "premium-rate-word", KIND_PREMIUM_INDEX,
    "{\"markPrice\":\"1\",\"indexPrice\":\"1\",\"lastFundingRate\":\"high\","
    "\"nextFundingTime\":2,\"time\":1}",
    FIELD_ERROR, { "field “lastFundingRate”", "“high”" } },
  { "premium-next-string", KIND_PREMIUM_INDEX,
    "{\"markPrice\":\"1\",\"indexPrice\":\"1\",\"lastFundingRate\":\"0.0001\","
    "\"nextFundingTime\":\"soon\",\"time\":1}",
    FIELD_ERROR, { "field “nextFundingTime”" } },
  { "envelope-other", KIND_FUNDING,
    "{\"code\":-1130,\"msg\":\"Data sent for parameter 'limit' is not valid.\"}",
    VENUE_ERROR, { "Binance: Data sent for parameter", "(code -1130)" } },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;

  g_assert_false (parse_as (bad->kind, bad->body, strlen (bad->body), &error));
  g_assert_error (error, bad->domain (), bad->code);
  g_test_message ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (bad->contains) && bad->contains[i]; i++)
    if (strstr (error->message, bad->contains[i]) == NULL)
      g_error ("“%s” is not in “%s”", bad->contains[i], error->message);
}

/* The exact wording the rest of the app shows. */
static void
test_message (void)
{
  const char *body = "[" ROW (1000, "1", "2", "1", "1", "5") ","
                     ROW (2000, "1", "2", "1", "1", "5") ","
                     ROW (3000, "1", "2", "1", "1", "5") ","
                     ROW (4000, "1", "abc", "1", "1", "5") "]";
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = ps_binance_parse_klines (body, strlen (body), &error);

  g_assert_null (candles);
  g_assert_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD);
  g_assert_cmpstr (error->message, ==,
                   "Binance klines: row 3, field “high” (index 2): expected a decimal string, "
                   "got “abc”");
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) candles = ps_binance_parse_klines ("[]", 2, &error);
  g_autoptr(PsFunding) funding = ps_binance_parse_funding_rate ("[ ]", 3, &error);
  g_autoptr(PsOpenInterest) oi = ps_binance_parse_open_interest_hist ("[]\n", 3, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, 0);
  g_assert_cmpuint (funding->n, ==, 0);
  g_assert_cmpuint (oi->n, ==, 0);
}

/* 7 fields are enough: taker-buy volume is then unknown, not 0. */
static void
test_short_kline (void)
{
  const char *body = "[[1000,\"1\",\"2\",\"0.5\",\"1.5\",\"5\",1999]]";
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) c = ps_binance_parse_klines (body, strlen (body), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->n, ==, 1);
  g_assert_cmpfloat (ps_candles_low_at (c, 0), ==, 0.5);
  g_assert_true (isnan (ps_candles_taker_buy_at (c, 0)));
}

static void
test_funding_mark_price (void)
{
  const char *body = "[{\"fundingTime\":1,\"fundingRate\":\"-0.0001\",\"markPrice\":\"\"},"
                     "{\"fundingTime\":2,\"fundingRate\":\"0\"},"
                     "{\"fundingTime\":3,\"fundingRate\":\"1e-4\",\"markPrice\":\"100.5\"}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(PsFunding) f = ps_binance_parse_funding_rate (body, strlen (body), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (f->n, ==, 3);
  g_assert_true (isnan (f->mark_price[0]));
  g_assert_true (isnan (f->mark_price[1]));
  g_assert_cmpfloat (f->mark_price[2], ==, 100.5);
  g_assert_cmpfloat (f->rate[0], ==, -0.0001);
  g_assert_cmpfloat (f->rate[2], ==, 0.0001);
}

/* What the wire really carries: a number. */
static void
test_open_interest_number_timestamp (void)
{
  const char *body = "[{\"symbol\":\"BTCUSDT\",\"sumOpenInterest\":\"1.5\","
                     "\"sumOpenInterestValue\":\"150000\",\"timestamp\":1761051300000}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(PsOpenInterest) oi = ps_binance_parse_open_interest_hist (body, strlen (body), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (oi->n, ==, 1);
  g_assert_cmpint (oi->t_ms[0], ==, 1761051300000);
  g_assert_cmpfloat (oi->contracts[0], ==, 1.5);
  g_assert_cmpfloat (oi->usd[0], ==, 150000);
}

static void
test_server_time (void)
{
  g_autoptr(GError) error = NULL;
  gint64 t_ms = 0;

  const char *body = "{\"serverTime\":1766016000000}";

  g_assert_true (ps_binance_parse_server_time (body, strlen (body), &t_ms, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t_ms, ==, 1766016000000);
}

/* Only {code: number, msg: string} is an envelope. */
static void
test_not_envelope (void)
{
  static const char * const bodies[] = {
    "[]", "{\"code\":\"-1121\",\"msg\":\"x\"}", "{\"code\":-1121}", "{\"msg\":\"x\"}", "nope", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *message = NULL;
      gint code = 0;

      g_assert_false (ps_binance_parse_error_envelope (bodies[i], strlen (bodies[i]),
                                                       &code, &message));
      g_assert_null (message);
    }
}

/* Lengths are honoured: nothing after length is read. */
static void
test_length (void)
{
  const char *body = "{\"serverTime\":12}garbage";
  g_autoptr(GError) error = NULL;
  gint64 t_ms = 0;

  gsize length = strlen ("{\"serverTime\":12}");

  g_assert_true (ps_binance_parse_server_time (body, length, &t_ms, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t_ms, ==, 12);
}

/* Nothing filled (z or ap 0): the order's own price and quantity, no
 * average price. A BUY order closes a short. */
static void
test_force_order_unfilled (void)
{
  const char *body = LIQ ("\"BTCUSDT\"", "BUY", "1700000000000", "50000", "0.5", "0", "0");
  g_autoptr(GError) error = NULL;
  g_autoptr(PsLiquidations) l = ps_binance_parse_force_order (body, strlen (body), "btcusdt",
                                                              &error);

  g_assert_no_error (error);
  g_assert_cmpuint (l->n, ==, 1);
  g_assert_cmpuint (l->side[0], ==, PS_LIQ_SHORT);
  g_assert_cmpfloat (l->qty[0], ==, 0.5);
  g_assert_cmpfloat (l->usd[0], ==, 25000);
  g_assert_true (isnan (l->avg_price[0]));
}

int
main (int    argc,
      char **argv)
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/binance-parse/samples", test_samples);
  g_test_add_func ("/perpscope/net/binance-parse/message", test_message);
  g_test_add_func ("/perpscope/net/binance-parse/empty", test_empty);
  g_test_add_func ("/perpscope/net/binance-parse/short-kline", test_short_kline);
  g_test_add_func ("/perpscope/net/binance-parse/funding-mark-price", test_funding_mark_price);
  g_test_add_func ("/perpscope/net/binance-parse/open-interest-number-timestamp",
                   test_open_interest_number_timestamp);
  g_test_add_func ("/perpscope/net/binance-parse/server-time", test_server_time);
  g_test_add_func ("/perpscope/net/binance-parse/not-envelope", test_not_envelope);
  g_test_add_func ("/perpscope/net/binance-parse/length", test_length);
  g_test_add_func ("/perpscope/net/binance-parse/force-order-unfilled", test_force_order_unfilled);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/perpscope/net/binance-parse/bad/%s",
                                               bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }

  return g_test_run ();
}
