/* fuzz-okx-parse.c: libFuzzer harness for every OKX parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-fuzz.h"
#include "ps-okx-parse.h"

PS_FUZZ_WRAP (candles, PsCandles, ps_okx_parse_candles)
PS_FUZZ_WRAP (funding, PsFunding, ps_okx_parse_funding_history)
PS_FUZZ_WRAP (oi_history, PsOpenInterest, ps_okx_parse_open_interest_history)
PS_FUZZ_WRAP (oi, PsOpenInterest, ps_okx_parse_open_interest)

static gboolean
server_time (const char *data, gsize length, GError **error)
{
  gint64 t_ms;

  return ps_okx_parse_server_time (data, length, &t_ms, error);
}

/* TRUE with an error for an envelope: checked as a failure. */
static gboolean
envelope (const char *data, gsize length, GError **error)
{
  return !ps_okx_parse_error_envelope (data, length, error);
}

static const PsFuzzParser parsers[] = {
  { "candles", candles }, { "funding", funding }, { "oi-history", oi_history },
  { "oi", oi }, { "time", server_time }, { "envelope", envelope },
};

PS_FUZZ_MAIN (parsers)
