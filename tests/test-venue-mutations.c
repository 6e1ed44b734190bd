/* test-venue-mutations.c: 10,000 byte-level mutations of each BitMEX and
 * Hyperliquid sample through each parser of its venue: no crash, and either
 * rows that hold their invariants or an error, never both, never neither
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-bitmex-parse.h"
#include "ps-hyperliquid-parse.h"
#include "ps-test-util.h"

#define N_MUTATIONS 10000

/* Parses that gave rows and that gave errors: both kinds must occur, or the
 * mutations test nothing. */
static guint n_rows, n_errors;

/* Tokens a broken venue or a proxy could put anywhere. */
static const char * const tokens[] = {
  "null", "-1", "0", "\"\"", "1e400", "[]", "{}", "\"x\"", "true", "\"2015-13-45T99:00:00Z\"",
  "18446744073709551616", "-0", "\"NaN\"", ",", ":", "\xc3\x28", "\"\\u0000\"",
};

/* One deterministic mutation of sample into out. */
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
      guint run = g_rand_int_range (rand, 0, 64);   /* not in MIN (): it evaluates twice */

      const char *token;

      run = MIN (run, out->len - at);
      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:   /* flip a bit */
          out->data[at] ^= 1u << g_rand_int_range (rand, 0, 8);
          break;
        case 1:   /* a random byte */
          out->data[at] = (guint8) g_rand_int_range (rand, 0, 256);
          break;
        case 2:   /* delete a run */
          g_byte_array_remove_range (out, at, MAX (run / 4, 1));
          break;
        case 3:   /* truncate */
          g_byte_array_set_size (out, at);
          break;
        case 4:   /* a token in */
          token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
          g_byte_array_remove_range (out, at, run / 8);
          {
            g_autoptr(GByteArray) tail = g_byte_array_new ();

            g_byte_array_append (tail, out->data + at, out->len - at);
            g_byte_array_set_size (out, at);
            g_byte_array_append (out, (const guint8 *) token, strlen (token));
            g_byte_array_append (out, tail->data, tail->len);
          }
          break;
        default:  /* repeat a chunk */
          {
            g_autoptr(GByteArray) chunk = g_byte_array_new ();

            g_byte_array_append (chunk, out->data + at, MAX (run, 1));
            g_byte_array_append (out, chunk->data, chunk->len);
          }
          break;
        }
    }
}

static void
check_sorted (const gint64 *t_ms,
              guint         n)
{
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (t_ms[i], >, t_ms[i - 1]);
}

static void
check_candles (PsCandles *candles,
               GError    *error)
{
  g_assert_true ((candles == NULL) != (error == NULL));
  n_errors += candles == NULL;
  if (candles == NULL)
    return;
  n_rows++;
  check_sorted (candles->t_ms, candles->n);
  for (guint i = 0; i < candles->n; i++)
    {
      g_assert_true (ps_candles_low_at (candles, i) > 0 &&
                     ps_candles_high_at (candles, i) >= ps_candles_low_at (candles, i));
      g_assert_true (isfinite (ps_candles_open_at (candles, i)) &&
                     isfinite (ps_candles_close_at (candles, i)));
      g_assert_true (ps_candles_volume_at (candles, i) >= 0);
    }
  ps_candles_unref (candles);
}

static void
check_funding (PsFunding *funding,
               GError    *error)
{
  g_assert_true ((funding == NULL) != (error == NULL));
  n_errors += funding == NULL;
  if (funding == NULL)
    return;
  n_rows++;
  check_sorted (funding->t_ms, funding->n);
  for (guint i = 0; i < funding->n; i++)
    g_assert_true (isfinite (funding->rate[i]));
  ps_funding_unref (funding);
}

static void
check_open_interest (PsOpenInterest *oi,
                     GError         *error)
{
  g_assert_true ((oi == NULL) != (error == NULL));
  n_errors += oi == NULL;
  if (oi == NULL)
    return;
  n_rows++;
  g_assert_cmpuint (oi->n, ==, 1);
  g_assert_true (oi->contracts[0] >= 0 && isfinite (oi->contracts[0]));
  g_assert_true (oi->usd[0] >= 0);
  ps_open_interest_unref (oi);
}

/* The parse first, then its error: argument order is unspecified in C. */
#define CHECK(check, call) \
  G_STMT_START { \
    GError *error = NULL; \
    gpointer rows = (call); \
    check (rows, error); \
    g_clear_error (&error); \
  } G_STMT_END

static void
run_bitmex (const char *data,
            gsize       length)
{
  GError *time_error = NULL;
  gint64 now_ms = 0;
  char *name = NULL, *message = NULL;
  gboolean ok;

  CHECK (check_candles, ps_bitmex_parse_trade_bucketed (data, length, 60000, &error));
  CHECK (check_funding, ps_bitmex_parse_funding (data, length, &error));
  CHECK (check_open_interest, ps_bitmex_parse_instrument (data, length, &error));
  ok = ps_bitmex_parse_server_time (data, length, &now_ms, &time_error);
  g_assert_true (ok == (time_error == NULL));
  g_clear_error (&time_error);
  if (ps_bitmex_parse_error_envelope (data, length, &name, &message))
    g_assert_true (name != NULL && message != NULL && g_utf8_validate (message, -1, NULL));
  g_free (name);
  g_free (message);
}

static void
run_hyperliquid (const char *data,
                 gsize       length)
{
  CHECK (check_candles, ps_hyperliquid_parse_candles (data, length, &error));
  CHECK (check_funding, ps_hyperliquid_parse_funding (data, length, &error));
  CHECK (check_open_interest, ps_hyperliquid_parse_asset_ctx (data, length, "BTC", 1, &error));
}

static void
test_mutations (gconstpointer data)
{
  const char *name = data;
  gsize length;
  g_autofree char *sample = ps_test_load_data (name, &length);
  g_autoptr(GByteArray) mutant = g_byte_array_new ();
  /* Seeded by the name: the same mutants every run, different per sample. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (name));
  gboolean bitmex = g_str_has_prefix (name, "bitmex");

  n_rows = n_errors = 0;
  /* The sample itself first: every parser meets it unharmed. */
  if (bitmex)
    run_bitmex (sample, length);
  else
    run_hyperliquid (sample, length);

  for (guint i = 0; i < N_MUTATIONS; i++)
    {
      mutate (rand, sample, length, mutant);
      if (bitmex)
        run_bitmex ((const char *) mutant->data, mutant->len);
      else
        run_hyperliquid ((const char *) mutant->data, mutant->len);
    }
  g_test_message ("%s: %u parses gave rows, %u an error", name, n_rows, n_errors);
  if (!g_str_has_suffix (name, "-error.json"))   /* an envelope never gives rows */
    g_assert_cmpuint (n_rows, >, 0);
  g_assert_cmpuint (n_errors, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const samples[] = {
    "bitmex-trade-bucketed.json", "bitmex-funding.json", "bitmex-instrument.json",
    "bitmex-error.json", "hyperliquid-candleSnapshot.json", "hyperliquid-fundingHistory.json",
    "hyperliquid-metaAndAssetCtxs.json",
  };

  ps_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/perpscope/net/venue-mutations/%s", samples[i]);

      g_test_add_data_func (path, samples[i], test_mutations);
    }

  return g_test_run ();
}
