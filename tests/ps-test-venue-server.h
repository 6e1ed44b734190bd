/* ps-test-venue-server.h: a loopback server that replays canned answers by
 * path and content, records what it was sent, and plays faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PsTestVenueServer PsTestVenueServer;

/* Listens on 127.0.0.1, a free port, on the thread-default main context.
 * Unrouted requests get 404 with an empty body. */
PsTestVenueServer *ps_test_venue_server_new        (void);
void               ps_test_venue_server_free       (PsTestVenueServer *self);
/* "http://127.0.0.1:PORT" (owned by the server). */
const char        *ps_test_venue_server_get_uri    (PsTestVenueServer *self);
/* Requests to path whose query or body contains match ("" matches all) get
 * status and body (a copy; "application/json"). The route added last that
 * matches answers (a test overrides its fixture's). */
void               ps_test_venue_server_route      (PsTestVenueServer *self,
                                                    const char        *path,
                                                    const char        *match,
                                                    guint              status,
                                                    const char        *body);
/* The same with tests/data/<name> as the body. */
void               ps_test_venue_server_route_file (PsTestVenueServer *self,
                                                    const char        *path,
                                                    const char        *match,
                                                    const char        *name);
/* The next n requests get status with body (Retry-After: 1 on 429). */
void               ps_test_venue_server_fault      (PsTestVenueServer *self,
                                                    guint              status,
                                                    const char        *body,
                                                    guint              n);
/* Every answer from now on carries the header name: value (NULL value: no more). */
void               ps_test_venue_server_set_header (PsTestVenueServer *self,
                                                    const char        *name,
                                                    const char        *value);
guint              ps_test_venue_server_get_n_requests (PsTestVenueServer *self);
/* Of the last request to path (NULL: none yet): method, query ("" when
 * none), body. */
const char        *ps_test_venue_server_get_method (PsTestVenueServer *self,
                                                    const char        *path);
const char        *ps_test_venue_server_get_query  (PsTestVenueServer *self,
                                                    const char        *path);
const char        *ps_test_venue_server_get_body   (PsTestVenueServer *self,
                                                    const char        *path);
/* The Content-Type of the last request's body, any path. */
const char        *ps_test_venue_server_get_content_type (PsTestVenueServer *self);
/* Every body POSTed so far to any path, in order. */
GPtrArray         *ps_test_venue_server_get_bodies (PsTestVenueServer *self);

G_END_DECLS
