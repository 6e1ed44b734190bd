/* ps-test-replay-server.h: a loopback venue that replays fixed answers and faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Any venue: each path answers a fixed (status, headers, body), by path and
 * optionally by what the query or body contains; what was asked is kept for
 * the test to check. Unknown paths get 404 "{}". Serves on the
 * thread-default main context. The one replay server of the net tests
 * (Binance's series server, ps-test-server.h, computes its answers). */
typedef struct _PsTestReplayServer PsTestReplayServer;

typedef enum
{
  PS_TEST_REPLAY_NONE,
  PS_TEST_REPLAY_429,        /* HTTP 429, the fault body, Retry-After: retry_after */
  PS_TEST_REPLAY_500,        /* HTTP 500, the fault body */
  PS_TEST_REPLAY_503,        /* HTTP 503, the fault body */
  PS_TEST_REPLAY_HTML,       /* HTTP 200, an HTML gateway page (not UTF-8) */
  PS_TEST_REPLAY_TRUNCATE,   /* the route's headers and Content-Length, half its body, close */
  PS_TEST_REPLAY_STALL,      /* never answers (until the client gives up) */
  PS_TEST_REPLAY_EMPTY,      /* HTTP 200, the fault body: the venue's valid but empty page */
  PS_TEST_REPLAY_STATUS,     /* the status of ps_test_replay_server_set_fault_status () */
  PS_TEST_REPLAY_RESET,      /* the connection closed with no answer */
} PsTestReplayFault;

PsTestReplayServer *ps_test_replay_server_new          (void);
void                ps_test_replay_server_free         (PsTestReplayServer *self);
/* "http://127.0.0.1:PORT" (owned by the server). */
const char         *ps_test_replay_server_get_uri      (PsTestReplayServer *self);
/* path ("/v5/market/kline") answers status and body (copied), as JSON;
 * replaces what the path answered before, headers included. */
void                ps_test_replay_server_set_route    (PsTestReplayServer *self,
                                                        const char         *path,
                                                        guint               status,
                                                        const char         *body);
/* Requests to path whose query or body contains match ("" matches all)
 * answer status and body; the route added last that matches answers (a
 * test overrides its fixture's). */
void                ps_test_replay_server_route        (PsTestReplayServer *self,
                                                        const char         *path,
                                                        const char         *match,
                                                        guint               status,
                                                        const char         *body);
void                ps_test_replay_server_route_file   (PsTestReplayServer *self,
                                                        const char         *path,
                                                        const char         *match,
                                                        guint               status,
                                                        const char         *name);
/* The same, the body read from tests/data/<name>. */
void                ps_test_replay_server_set_route_file (PsTestReplayServer *self,
                                                          const char         *path,
                                                          guint               status,
                                                          const char         *name);
/* A response header of path's answer from now on. */
void                ps_test_replay_server_add_header   (PsTestReplayServer *self,
                                                        const char         *path,
                                                        const char         *name,
                                                        const char         *value);
/* The next n requests (any path) get fault; 429/5xx answer fault_body (the
 * venue's own error body; NULL: "{}"). */
void                ps_test_replay_server_set_fault    (PsTestReplayServer *self,
                                                        PsTestReplayFault   fault,
                                                        guint               n,
                                                        const char         *fault_body);
/* The next n requests answer status with body (NULL: "{}"), with
 * Retry-After on a 429. */
void                ps_test_replay_server_set_fault_status (PsTestReplayServer *self,
                                                            guint               status,
                                                            guint               n,
                                                            const char         *body);
/* Every answer from now on carries the header name: value (NULL: no more). */
void                ps_test_replay_server_set_header   (PsTestReplayServer *self,
                                                        const char         *name,
                                                        const char         *value);
/* Retry-After of the 429 fault (default 1; 0: the header is left out). */
void                ps_test_replay_server_set_retry_after (PsTestReplayServer *self,
                                                           guint               seconds);
/* Requests so far, faulted ones included: all, and those to path. */
guint               ps_test_replay_server_get_n_requests     (PsTestReplayServer *self);
guint               ps_test_replay_server_get_n_requests_for (PsTestReplayServer *self,
                                                              const char         *path);
/* The queries path was asked with, oldest first ("" for none); owned by the server. */
GPtrArray          *ps_test_replay_server_get_queries  (PsTestReplayServer *self,
                                                        const char         *path);
/* The value of name in the last query to path (newly allocated), NULL if none. */
char               *ps_test_replay_server_get_last_param (PsTestReplayServer *self,
                                                          const char         *path,
                                                          const char         *name);
/* Of the last request to path (NULL: none yet): its method, its query
 * unescaped ("" when none), its body. */
const char         *ps_test_replay_server_get_method   (PsTestReplayServer *self,
                                                        const char         *path);
const char         *ps_test_replay_server_get_query    (PsTestReplayServer *self,
                                                        const char         *path);
const char         *ps_test_replay_server_get_body     (PsTestReplayServer *self,
                                                        const char         *path);
/* The Content-Type of the last request's body, any path. */
const char         *ps_test_replay_server_get_content_type (PsTestReplayServer *self);
/* Every body POSTed so far to any path, in order. */
GPtrArray          *ps_test_replay_server_get_bodies   (PsTestReplayServer *self);
void                ps_test_replay_server_reset_counts (PsTestReplayServer *self);

G_END_DECLS
