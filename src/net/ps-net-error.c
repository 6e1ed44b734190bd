/* ps-net-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-net-error.h"

G_DEFINE_QUARK (ps-net-error-quark, ps_net_error)
G_DEFINE_QUARK (ps-parse-error-quark, ps_parse_error)
