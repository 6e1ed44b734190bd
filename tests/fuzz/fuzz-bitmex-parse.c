/* fuzz-bitmex-parse.c: libFuzzer harness for every BitMEX parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-bitmex-parse.h"
#include "ps-fuzz.h"

#define HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)

PS_FUZZ_WRAP (funding, PsFunding, ps_bitmex_parse_funding)
PS_FUZZ_WRAP (instrument, PsOpenInterest, ps_bitmex_parse_instrument)

static gboolean
bucketed (const char *data, gsize length, GError **error)
{
  g_autoptr(PsCandles) rows = ps_bitmex_parse_trade_bucketed (data, length, HOUR_MS, error);

  return rows != NULL;
}

static gboolean
server_time (const char *data, gsize length, GError **error)
{
  gint64 t_ms;

  return ps_bitmex_parse_server_time (data, length, &t_ms, error);
}

static gboolean
envelope (const char *data, gsize length, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!ps_bitmex_parse_error_envelope (data, length, &name, &message))
    return TRUE;
  g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_VENUE, "%s %s", name, message);
  return FALSE;
}

static const PsFuzzParser parsers[] = {
  { "bucketed", bucketed }, { "funding", funding }, { "instrument", instrument },
  { "time", server_time }, { "envelope", envelope },
};

PS_FUZZ_MAIN (parsers)
