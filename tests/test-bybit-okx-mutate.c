/* test-bybit-okx-mutate.c: byte-level mutations of the samples through every
 * Bybit and OKX parser: a result or an error, never a crash or a critical
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ps-bybit-parse.h"
#include "ps-net-error.h"
#include "ps-okx-parse.h"
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

WRAP (bybit_kline, PsCandles, ps_bybit_parse_kline)
WRAP (bybit_funding, PsFunding, ps_bybit_parse_funding_history)
WRAP (bybit_oi, PsOpenInterest, ps_bybit_parse_open_interest)
WRAP (okx_candles, PsCandles, ps_okx_parse_candles)
WRAP (okx_funding, PsFunding, ps_okx_parse_funding_history)
WRAP (okx_oi_history, PsOpenInterest, ps_okx_parse_open_interest_history)
WRAP (okx_oi, PsOpenInterest, ps_okx_parse_open_interest)

static gboolean
bybit_time (const char *data, gsize length, GError **error)
{
  gint64 t_ms;

  return ps_bybit_parse_server_time (data, length, &t_ms, error);
}

static gboolean
okx_time (const char *data, gsize length, GError **error)
{
  gint64 t_ms;

  return ps_okx_parse_server_time (data, length, &t_ms, error);
}

static gboolean
bybit_envelope (const char *data, gsize length, GError **error)
{
  return !ps_bybit_parse_error_envelope (data, length, error);
}

static gboolean
okx_envelope (const char *data, gsize length, GError **error)
{
  return !ps_okx_parse_error_envelope (data, length, error);
}

static const struct
{
  const char *name;
  ParseFunc   parse;
} parsers[] = {
  { "bybit-kline", bybit_kline }, { "bybit-funding", bybit_funding }, { "bybit-oi", bybit_oi },
  { "bybit-time", bybit_time }, { "bybit-envelope", bybit_envelope },
  { "okx-candles", okx_candles }, { "okx-funding", okx_funding },
  { "okx-oi-history", okx_oi_history }, { "okx-oi", okx_oi }, { "okx-time", okx_time },
  { "okx-envelope", okx_envelope },
};

static const char * const samples[] = {
  "bybit-kline.json", "bybit-funding-history.json", "bybit-open-interest.json",
  "bybit-error-not-supported-symbols.json", "okx-candles.json", "okx-funding-rate-history.json",
  "okx-open-interest.json", "okx-rubik-open-interest-volume.json",
  "okx-error-instrument-not-exist.json", "okx-error-rate-limit.json",
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
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);
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
              /* The envelope helpers answer FALSE without error for a non-envelope. */
              if (error == NULL && g_str_has_suffix (parsers[p].name, "envelope"))
                continue;
              if (error == NULL || (error->domain != PS_PARSE_ERROR &&
                                    error->domain != PS_NET_ERROR))
                g_error ("%s on mutant %u of %s: no error in a known domain",
                         parsers[p].name, m, samples[s]);
              if (!g_utf8_validate (error->message, -1, NULL))
                g_error ("%s on mutant %u of %s: the message is not UTF-8: %s", parsers[p].name, m, samples[s], error->message);
              n_error++;
            }
        }
    }

  g_test_message ("%u results, %u errors", n_ok, n_error);
  /* Both outcomes happen: the mutations neither all break nor all miss. */
  g_assert_cmpuint (n_ok, >, 100);
  g_assert_cmpuint (n_error, >, 1000);
}

int
main (int    argc,
      char **argv)
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/net/bybit-okx-mutate/mutations", test_mutations);

  return g_test_run ();
}
