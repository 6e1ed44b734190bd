/* ps-test-replay-provider.h: a PsProvider against ps-test-replay-server,
 * fetched from synchronously — the fixture of the venues' provider tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-http.h"
#include "ps-provider.h"
#include "ps-test-replay-server.h"

typedef struct
{
  PsTestReplayServer *server;
  PsHttp             *http;
  PsProvider         *provider;   /* the test's setup makes it, on http and the server */
  GMainLoop          *loop;

  PsPage             *page;
  gint64              server_time_ms;
  GError             *error;
} Fixture;

/* Retries back off 10 ms, not seconds, so the fault tests stay quick. */
static inline void
fixture_setup_http (Fixture *f)
{
  f->server = ps_test_replay_server_new ();
  f->http = ps_http_new ();
  ps_http_set_backoff (f->http, 10);
  f->loop = g_main_loop_new (NULL, FALSE);
}

static inline void
fixture_clear_result (Fixture *f)
{
  g_clear_pointer (&f->page, ps_page_free);
  g_clear_error (&f->error);
  f->server_time_ms = 0;
}

static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  fixture_clear_result (f);
  g_assert_finalize_object (f->provider);
  g_assert_finalize_object (f->http);
  ps_test_replay_server_free (f->server);
  g_main_loop_unref (f->loop);
}

static inline void
fixture_fetch_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Fixture *f = user_data;

  f->page = ps_provider_fetch_page_finish (PS_PROVIDER (object), result, &f->error);
  g_main_loop_quit (f->loop);
}

/* One page into f->page, or its error into f->error. */
static inline void
fixture_fetch (Fixture      *f,
               PsSeriesKind  kind,
               const char   *symbol,
               PsInterval    interval,
               gint64        from_ms,
               gint64        to_ms)
{
  PsPageRequest request = { kind, symbol, interval, from_ms, to_ms };

  fixture_clear_result (f);
  ps_provider_fetch_page_async (f->provider, &request, NULL, fixture_fetch_cb, f);
  g_main_loop_run (f->loop);
  if (f->error != NULL)
    g_test_message ("%s", f->error->message);
}

static inline void
fixture_server_time_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Fixture *f = user_data;

  f->server_time_ms = ps_provider_get_server_time_finish (PS_PROVIDER (object), result,
                                                          &f->error);
  g_main_loop_quit (f->loop);
}

static inline void
fixture_server_time (Fixture *f)
{
  fixture_clear_result (f);
  ps_provider_get_server_time_async (f->provider, NULL, fixture_server_time_cb, f);
  g_main_loop_run (f->loop);
}

/* The value of name in the last request to path. */
static inline void
assert_param (Fixture    *f,
              const char *path,
              const char *name,
              const char *expected)
{
  g_autofree char *value = ps_test_replay_server_get_last_param (f->server, path, name);

  g_assert_cmpstr (value, ==, expected);
}
