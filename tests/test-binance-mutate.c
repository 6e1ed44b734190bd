/* test-binance-mutate.c: byte-level mutations of the Binance samples through
 * every Binance parser (premiumIndex and the error envelope too): a result or
 * an error whose message is UTF-8, never a crash or a critical
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ps-binance-parse.h"
#include "ps-net-error.h"
#include "ps-test-util.h"

#define N_MUTATIONS 10000

typedef gboolean (*ParseFunc) (const char *data, gsize length, GError **error);

#define WRAP(name, type, call)                                                  \
  static gboolean                                                               \
  name (const char *data, gsize length, GError **error)                         \
  {                                                                             \
    g_autoptr(type) rows = call (data, length, error);                          \
    return rows != NULL;                                                        \
  }

WRAP (klines, PsCandles, ps_binance_parse_klines)
WRAP (spot_klines, PsCandles, ps_binance_parse_spot_klines)
WRAP (funding, PsFunding, ps_binance_parse_funding_rate)
WRAP (oi_hist, PsOpenInterest, ps_binance_parse_open_interest_hist)
WRAP (oi, PsOpenInterest, ps_binance_parse_open_interest)

static gboolean
server_time (const char *data, gsize length, GError **error)
{
  gint64 t_ms;

  return ps_binance_parse_server_time (data, length, &t_ms, error);
}

static gboolean
premium_index (const char *data, gsize length, GError **error)
{
  PsBinancePremiumIndex premium;

  return ps_binance_parse_premium_index (data, length, &premium, error);
}

static gboolean
force_order (const char *data, gsize length, GError **error)
{
  g_autoptr(PsLiquidations) rows = ps_binance_parse_force_order (data, length, "BTCUSDT", error);

  return rows != NULL;
}

/* The envelope's message is quoted to the user: it must be UTF-8 too. */
static gboolean
envelope (const char *data, gsize length, GError **error)
{
  g_autofree char *message = NULL;
  gint code;

  if (!ps_binance_parse_error_envelope (data, length, &code, &message))
    return TRUE;
  g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_VENUE, "%d %s", code, message);
  return FALSE;
}

static const struct
{
  const char *name;
  ParseFunc   parse;
} parsers[] = {
  { "klines", klines }, { "spot-klines", spot_klines }, { "funding", funding },
  { "oi-hist", oi_hist }, { "oi", oi }, { "time", server_time },
  { "premium-index", premium_index }, { "force-order", force_order }, { "envelope", envelope },
};

static const char * const samples[] = {
  "binance-klines.json", "binance-spot-klines-btcusdt-1h.json", "binance-fundingRate.json",
  "binance-openInterestHist.json", "binance-openInterest.json", "binance-premiumIndex.json",
  "binance-ws-forceOrder.json", "binance-error-429.json", "binance-error-invalid-symbol.json",
};

/* Bytes JSON cares about, so that most mutations hit structure and types. */
static const char interesting[] = "{}[]\",:0123456789-.eE \x00\xff\\nulltrue";

static void
mutate (GRand   *rand,
        GString *body)
{
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint k = 0; k < n && body->len > 0; k++)
    {
      guint at = g_rand_int_range (rand, 0, body->len);
      char byte = g_rand_boolean (rand)
        ? interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)]
        : (char) g_rand_int_range (rand, 0, 256);

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:  body->str[at] = byte; break;                      /* flip */
        case 1:  g_string_insert_c (body, at, byte); break;        /* insert */
        case 2:  g_string_erase (body, at, 1); break;              /* delete */
        default: g_string_truncate (body, at); break;              /* cut */
        }
    }
}

/* Seeded: a failure names the case that reproduces it. Every mutant goes
 * through every parser; each answers rows or a set error in a known domain. */
static void
test_mutations (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  guint n_ok = 0, n_error = 0;

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      gsize length;
      g_autofree char *sample = ps_test_load_data (samples[s], &length);

      for (guint m = 0; m < N_MUTATIONS; m++)
        {
          g_autoptr(GString) body = g_string_new_len (sample, length);

          mutate (rand, body);
          for (guint p = 0; p < G_N_ELEMENTS (parsers); p++)
            {
              g_autoptr(GError) error = NULL;
              gboolean ok = parsers[p].parse (body->str, body->len, &error);

              if (ok)
                {
                  g_assert_no_error (error);
                  n_ok++;
                  continue;
                }
              if (error == NULL || (error->domain != PS_PARSE_ERROR &&
                                    error->domain != PS_NET_ERROR))
                g_error ("%s on mutant %u of %s: no error in a known domain",
                         parsers[p].name, m, samples[s]);
              if (!g_utf8_validate (error->message, -1, NULL))
                g_error ("%s on mutant %u of %s: the message is not UTF-8: %s",
                         parsers[p].name, m, samples[s], error->message);
              n_error++;
            }
        }
    }

  g_test_message ("%u results, %u errors", n_ok, n_error);
  /* Both outcomes happen: the mutations neither all break nor all miss. */
  g_assert_cmpuint (n_ok, >, 100);
  g_assert_cmpuint (n_error, >, 1000);
}

/* json-glib quotes a token it cannot read as it read it: an unterminated
 * string holding invalid UTF-8, or an octal escape that makes a byte of it
 * (the fuzzers found it in Bybit's parser; every parser loads alike). */
static void
test_invalid_token (void)
{
  static const char * const bodies[] = {
    /* GLib's scanner reads \615 as the byte 0x8d, then the line ends */
    "{\"msg\": \"\\615&01  {\r\n     \"code\": \"x\"}",
    "{\"code\":-1121,\"msg\":\"\\377\\376\n\"}",
    "{\"serverTime\":\"\xc3\x28\r\n\"}",
  };

  for (guint b = 0; b < G_N_ELEMENTS (bodies); b++)
    for (guint p = 0; p < G_N_ELEMENTS (parsers); p++)
      {
        g_autoptr(GError) error = NULL;

        if (parsers[p].parse (bodies[b], strlen (bodies[b]), &error))
          continue;
        g_assert_nonnull (error);
        if (!g_utf8_validate (error->message, -1, NULL))
          g_error ("%s on body %u: the message is not UTF-8: %s", parsers[p].name, b,
                   error->message);
      }
}

int
main (int    argc,
      char **argv)
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/binance-mutate/mutations", test_mutations);
  g_test_add_func ("/perpscope/net/binance-mutate/invalid-token", test_invalid_token);

  return g_test_run ();
}
