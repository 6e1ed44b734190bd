/* ps-venues.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-binance.h"
#include "ps-binance-spot.h"
#include "ps-binance-stream.h"
#include "ps-bitmex.h"
#include "ps-bybit.h"
#include "ps-hyperliquid.h"
#include "ps-net-error.h"
#include "ps-okx.h"
#include "ps-venues.h"

static const char * const venues[] = {
  "binance", PS_BYBIT_VENUE, PS_OKX_VENUE, "bitmex", "hyperliquid", NULL
};

/* Each perpetual venue beside its spot market, where Perpscope knows one. */
static const struct
{
  const char *venue;
  const char *spot_venue;
} spot_venues[] = {
  { "binance", PS_BINANCE_SPOT_VENUE },
};

const char * const *
ps_venues_list (void)
{
  return venues;
}

const char *
ps_venues_get_spot_venue (const char *venue)
{
  for (guint i = 0; i < G_N_ELEMENTS (spot_venues); i++)
    if (g_strcmp0 (venue, spot_venues[i].venue) == 0)
      return spot_venues[i].spot_venue;
  return NULL;
}

gboolean
ps_venues_is_spot (const char *venue)
{
  for (guint i = 0; i < G_N_ELEMENTS (spot_venues); i++)
    if (g_strcmp0 (venue, spot_venues[i].spot_venue) == 0)
      return TRUE;
  return FALSE;
}

static void
ps_venues_unknown (const char  *venue,
                   GError     **error)
{
  g_autofree char *known = g_strjoinv (", ", (char **) venues);

  g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED,
               _("Unknown venue “%s” (known: %s)"), venue ? venue : "", known);
}

PsStream *
ps_venues_create_stream (const char  *venue,
                         PsHttp      *http,
                         const char  *symbol,
                         GError     **error)
{
  g_return_val_if_fail (PS_IS_HTTP (http), NULL);
  g_return_val_if_fail (symbol != NULL && *symbol != '\0', NULL);

  if (g_strcmp0 (venue, "binance") == 0)
    {
      g_autoptr(PsBinance) binance = ps_binance_new (http, NULL);

      return PS_STREAM (ps_binance_stream_new (binance, symbol));
    }

  ps_venues_unknown (venue, error);
  return NULL;
}

PsProvider *
ps_venues_create (const char  *venue,
                  PsHttp      *http,
                  GError     **error)
{
  g_return_val_if_fail (PS_IS_HTTP (http), NULL);

  if (g_strcmp0 (venue, "binance") == 0)
    return PS_PROVIDER (ps_binance_new (http, NULL));
  if (g_strcmp0 (venue, PS_BINANCE_SPOT_VENUE) == 0)
    return PS_PROVIDER (ps_binance_spot_new (http, NULL));
  if (g_strcmp0 (venue, "bitmex") == 0)
    return PS_PROVIDER (ps_bitmex_new (http, NULL));
  if (g_strcmp0 (venue, "hyperliquid") == 0)
    return PS_PROVIDER (ps_hyperliquid_new (http, NULL));
  if (g_strcmp0 (venue, PS_BYBIT_VENUE) == 0)
    return PS_PROVIDER (ps_bybit_new (http, NULL));
  if (g_strcmp0 (venue, PS_OKX_VENUE) == 0)
    return PS_PROVIDER (ps_okx_new (http, NULL));

  ps_venues_unknown (venue, error);
  return NULL;
}
