/* fuzz-bybit-parse.c: libFuzzer harness for every Bybit parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-bybit-parse.h"
#include "ps-fuzz.h"

PS_FUZZ_WRAP (kline, PsCandles, ps_bybit_parse_kline)
PS_FUZZ_WRAP (funding, PsFunding, ps_bybit_parse_funding_history)
PS_FUZZ_WRAP (oi, PsOpenInterest, ps_bybit_parse_open_interest)

static gboolean
server_time (const char *data, gsize length, GError **error)
{
  gint64 t_ms;

  return ps_bybit_parse_server_time (data, length, &t_ms, error);
}

/* TRUE with an error for an envelope: checked as a failure. */
static gboolean
envelope (const char *data, gsize length, GError **error)
{
  return !ps_bybit_parse_error_envelope (data, length, error);
}

static const PsFuzzParser parsers[] = {
  { "kline", kline }, { "funding", funding }, { "oi", oi }, { "time", server_time },
  { "envelope", envelope },
};

PS_FUZZ_MAIN (parsers)
