/* fuzz-binance-parse.c: libFuzzer harness for every Binance parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-binance-parse.h"
#include "ps-fuzz.h"

PS_FUZZ_WRAP (klines, PsCandles, ps_binance_parse_klines)
PS_FUZZ_WRAP (spot_klines, PsCandles, ps_binance_parse_spot_klines)
PS_FUZZ_WRAP (funding, PsFunding, ps_binance_parse_funding_rate)
PS_FUZZ_WRAP (oi_hist, PsOpenInterest, ps_binance_parse_open_interest_hist)
PS_FUZZ_WRAP (oi, PsOpenInterest, ps_binance_parse_open_interest)

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

/* The message is quoted to the user: it is checked as an error's. */
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

static const PsFuzzParser parsers[] = {
  { "klines", klines }, { "spot-klines", spot_klines }, { "funding", funding },
  { "oi-hist", oi_hist }, { "oi", oi }, { "time", server_time },
  { "premium-index", premium_index }, { "force-order", force_order }, { "envelope", envelope },
};

PS_FUZZ_MAIN (parsers)
