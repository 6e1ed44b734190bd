/* ps-database-private.h: what ps-database.c and ps-database-files.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-database.h"

G_BEGIN_DECLS

/* Counts self as opening its file, before SQLite opens it. The first
 * connection of this process to it also checks that it is no plain non-database
 * file (error) and sets unclean to whether the last close was unclean
 * (ps_database_closed_uncleanly ()); a later one sets it to FALSE. */
gboolean _ps_database_register   (PsDatabase  *self,
                                  gboolean    *unclean,
                                  GError     **error);
/* After SQLite closed it. */
void     _ps_database_unregister (PsDatabase  *self);

G_END_DECLS
