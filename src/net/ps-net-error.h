/* ps-net-error.h: error domains of the network layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PS_NET_ERROR   (ps_net_error_quark ())
#define PS_PARSE_ERROR (ps_parse_error_quark ())

typedef enum
{
  PS_NET_ERROR_FAILED,
  PS_NET_ERROR_UNREACHABLE,     /* DNS, refused, reset: no HTTP answer at all */
  PS_NET_ERROR_TIMEOUT,         /* no complete answer in time (stall, truncated body) */
  PS_NET_ERROR_HTTP_STATUS,     /* 4xx/5xx the venue did not explain better */
  PS_NET_ERROR_RATE_LIMITED,    /* 429/418: Retry-After longer than we may wait */
  PS_NET_ERROR_TOO_LARGE,       /* body over the size cap */
  PS_NET_ERROR_UNKNOWN_SYMBOL,  /* the venue does not list the symbol */
  PS_NET_ERROR_VENUE,           /* the venue answered with its own error envelope */
} PsNetError;

typedef enum
{
  PS_PARSE_ERROR_INVALID,       /* not JSON, or not the expected shape */
  PS_PARSE_ERROR_FIELD,         /* a field is missing or has the wrong type or value */
} PsParseError;

GQuark ps_net_error_quark   (void);
GQuark ps_parse_error_quark (void);

G_END_DECLS
