/* ps-test-mirror.h: another venue that answers with a real provider's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-provider.h"

G_BEGIN_DECLS

/* Venue "mirror" ("Mirror"): inner's answers under that name, for a window
 * or aggregate with a second venue. symbol (NULL: as asked) replaces the
 * symbol asked of inner; the open interest's USD is scaled by oi_share. */
PsProvider *ps_test_mirror_new (PsProvider *inner,
                                const char *symbol,
                                double      oi_share);

G_END_DECLS
