/* fuzz-hyperliquid-parse.c: libFuzzer harness for every Hyperliquid parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-fuzz.h"
#include "ps-hyperliquid-parse.h"

PS_FUZZ_WRAP (candles, PsCandles, ps_hyperliquid_parse_candles)
PS_FUZZ_WRAP (funding, PsFunding, ps_hyperliquid_parse_funding)

static gboolean
asset_ctx (const char *data, gsize length, GError **error)
{
  g_autoptr(PsOpenInterest) rows =
    ps_hyperliquid_parse_asset_ctx (data, length, "BTC", 1782129599999, error);

  return rows != NULL;
}

static const PsFuzzParser parsers[] = {
  { "candles", candles }, { "funding", funding }, { "asset-ctx", asset_ctx },
};

PS_FUZZ_MAIN (parsers)
