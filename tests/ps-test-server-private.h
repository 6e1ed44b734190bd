/* ps-test-server-private.h: the test server's parts shared between its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "ps-test-server.h"

G_BEGIN_DECLS

typedef struct _PsTestWs PsTestWs;

PsTestWs *_ps_test_server_get_ws (PsTestServer      *self);

/* ps-test-server-ws.c */
PsTestWs *_ps_test_ws_new        (SoupServer        *server);
void      _ps_test_ws_free       (PsTestWs          *self);
/* TRUE when msg is a WebSocket upgrade under /mute/, answered and taken. */
gboolean  _ps_test_ws_mute       (PsTestWs          *self,
                                  SoupServerMessage *msg,
                                  const char        *path);

G_END_DECLS
