/* ps-venues.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-binance.h"
#include "ps-binance-stream.h"
#include "ps-net-error.h"
#include "ps-venues.h"

static const char * const venues[] = { "binance", NULL };

const char * const *
ps_venues_list (void)
{
  return venues;
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

  ps_venues_unknown (venue, error);
  return NULL;
}
