/* test-http-post.c: PsHttp's POST path (Hyperliquid reads by POST /info)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ps-http.h"
#include "ps-net-error.h"
#include "ps-test-util.h"
#include "ps-test-replay-server.h"

typedef struct
{
  PsTestReplayServer *server;
  PsHttp            *http;
  GMainLoop         *loop;
  GBytes            *answer;
  guint              status;
  GError            *error;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = ps_test_replay_server_new ();
  f->http = ps_http_new ();
  ps_http_set_backoff (f->http, 10);
  f->loop = g_main_loop_new (NULL, FALSE);
  ps_test_replay_server_route (f->server, "/info", "", 200, "[1]");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->answer, g_bytes_unref);
  g_clear_error (&f->error);
  g_assert_finalize_object (f->http);
  ps_test_replay_server_free (f->server);
  g_main_loop_unref (f->loop);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  f->answer = ps_http_get_finish (PS_HTTP (object), result, &f->status, &f->error);
  g_main_loop_quit (f->loop);
}

static void
post (Fixture    *f,
      const char *json)
{
  g_autofree char *uri = g_strconcat (ps_test_replay_server_get_uri (f->server), "/info", NULL);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  ps_http_post_async (f->http, "Test", uri, "application/json", body, 1, NULL, done_cb, f);
  g_main_loop_run (f->loop);
}

static void
test_post (Fixture       *f,
           gconstpointer  data)
{
  post (f, "{\"type\":\"meta\"}");

  g_assert_no_error (f->error);
  g_assert_cmpuint (f->status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (f->answer, NULL), g_bytes_get_size (f->answer), "[1]", 3);
  g_assert_cmpstr (ps_test_replay_server_get_method (f->server, "/info"), ==, "POST");
  g_assert_cmpstr (ps_test_replay_server_get_body (f->server, "/info"), ==, "{\"type\":\"meta\"}");
  g_assert_cmpstr (ps_test_replay_server_get_content_type (f->server), ==, "application/json");
}

/* A retried POST sends its body again: each attempt is a new message. */
static void
test_post_retried (Fixture       *f,
                   gconstpointer  data)
{
  GPtrArray *bodies;

  ps_test_replay_server_set_fault_status (f->server, 503, 2, "busy");
  post (f, "{\"type\":\"allMids\"}");

  g_assert_no_error (f->error);
  g_assert_cmpuint (f->status, ==, 200);
  g_assert_cmpuint (ps_test_replay_server_get_n_requests (f->server), ==, 3);
  bodies = ps_test_replay_server_get_bodies (f->server);
  g_assert_cmpuint (bodies->len, ==, 3);
  for (guint i = 0; i < bodies->len; i++)
    g_assert_cmpstr (g_ptr_array_index (bodies, i), ==, "{\"type\":\"allMids\"}");
}

/* GET stays a GET without a body. */
static void
test_get (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (ps_test_replay_server_get_uri (f->server), "/info?x=1", NULL);

  ps_http_get_async (f->http, "Test", uri, 1, NULL, done_cb, f);
  g_main_loop_run (f->loop);

  g_assert_no_error (f->error);
  g_assert_cmpstr (ps_test_replay_server_get_method (f->server, "/info"), ==, "GET");
  g_assert_cmpstr (ps_test_replay_server_get_body (f->server, "/info"), ==, "");
  g_assert_cmpuint (ps_test_replay_server_get_bodies (f->server)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add ("/perpscope/net/http-post/post", Fixture, NULL,
              fixture_setup, test_post, fixture_teardown);
  g_test_add ("/perpscope/net/http-post/retried", Fixture, NULL,
              fixture_setup, test_post_retried, fixture_teardown);
  g_test_add ("/perpscope/net/http-post/get", Fixture, NULL,
              fixture_setup, test_get, fixture_teardown);

  return g_test_run ();
}
