/* ps-test-server-private.h: the test server's parts shared between its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "ps-test-server.h"

G_BEGIN_DECLS

/* One endpoint's rows, sorted by time, each already written as Binance writes it. */
typedef struct
{
  GArray    *t_ms;   /* gint64 */
  GPtrArray *json;   /* char *: one JSON array or object per row */
} PsTestTable;

/* The rows every server serves (ps-test-server-data.c). */
typedef struct
{
  PsTestTable klines;          /* 4h */
  PsTestTable klines_5m;       /* Dec 2024: enough rows to need several pages */
  PsTestTable funding;
  PsTestTable open_interest;   /* daily */
  PsTestTable spot_klines;     /* Binance spot 4h, Nov 2025 */
} PsTestTables;

typedef struct _PsTestWs PsTestWs;

PsTestWs *_ps_test_server_get_ws (PsTestServer      *self);

/* ps-test-server-data.c */
void                _ps_test_table_init   (PsTestTable       *table);
void                _ps_test_table_clear  (PsTestTable       *table);
/* First index with t > t_ms (upper) or t >= t_ms (lower). */
guint               _ps_test_table_bound  (const PsTestTable *table,
                                           gint64             t_ms,
                                           gboolean           upper);
/* table shares loaded's rows (a reference). */
void                _ps_test_table_share  (PsTestTable       *table,
                                           const PsTestTable *loaded);
/* Read on the first call, then shared for the life of the process. */
const PsTestTables *_ps_test_tables_get   (void);

/* ps-test-server-ws.c */
PsTestWs *_ps_test_ws_new        (SoupServer        *server);
void      _ps_test_ws_free       (PsTestWs          *self);
/* TRUE when msg is a WebSocket upgrade under /mute/, answered and taken. */
gboolean  _ps_test_ws_mute       (PsTestWs          *self,
                                  SoupServerMessage *msg,
                                  const char        *path);

G_END_DECLS
