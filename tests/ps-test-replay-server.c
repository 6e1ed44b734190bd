/* ps-test-replay-server.c: a loopback venue that replays fixed answers and faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ps-test-replay-server.h"
#include "ps-test-util.h"

/* An answer: to path, when match ("" for all) is in the query or body. */
typedef struct
{
  char       *path;
  char       *match;
  guint       status;
  GBytes     *body;
  GPtrArray  *headers;   /* name, value, name, value … */
} PsReplayRoute;

/* What a path was asked. */
typedef struct
{
  GPtrArray  *queries;   /* raw, oldest first */
  char       *method;    /* of the last request */
  char       *query;     /* unescaped */
  char       *body;
  guint       n_requests;
} PsReplaySeen;

struct _PsTestReplayServer
{
  SoupServer        *server;
  char              *uri;
  GPtrArray         *routes;         /* PsReplayRoute, the newest last */
  GHashTable        *seen;           /* path → PsReplaySeen */
  GPtrArray         *bodies;         /* every POST body */
  char              *content_type;
  char              *header_name;    /* sent with every answer, when set */
  char              *header_value;
  PsTestReplayFault  fault;
  guint              fault_status;
  guint              n_faults;
  char              *fault_body;
  guint              retry_after;
  guint              n_requests;
};

static void
ps_replay_route_free (PsReplayRoute *route)
{
  g_free (route->path);
  g_free (route->match);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_ptr_array_unref (route->headers);
  g_free (route);
}

static void
ps_replay_seen_free (PsReplaySeen *seen)
{
  g_ptr_array_unref (seen->queries);
  g_free (seen->method);
  g_free (seen->query);
  g_free (seen->body);
  g_free (seen);
}

static PsReplayRoute *
ps_replay_route_new (PsTestReplayServer *self,
                     const char         *path,
                     const char         *match)
{
  PsReplayRoute *route = g_new0 (PsReplayRoute, 1);

  route->path = g_strdup (path);
  route->match = g_strdup (match);
  route->status = SOUP_STATUS_NOT_FOUND;
  route->body = g_bytes_new_static ("{}", 2);
  route->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->routes, route);
  return route;
}

/* path's route for every request (match ""), made when missing. */
static PsReplayRoute *
ps_replay_route (PsTestReplayServer *self,
                 const char         *path)
{
  for (guint i = self->routes->len; i-- > 0;)
    {
      PsReplayRoute *route = g_ptr_array_index (self->routes, i);

      if (g_str_equal (route->path, path) && *route->match == '\0')
        return route;
    }
  return ps_replay_route_new (self, path, "");
}

static PsReplaySeen *
ps_replay_seen (PsTestReplayServer *self,
                const char         *path)
{
  PsReplaySeen *seen = g_hash_table_lookup (self->seen, path);

  if (seen == NULL)
    {
      seen = g_new0 (PsReplaySeen, 1);
      seen->queries = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->seen, g_strdup (path), seen);
    }
  return seen;
}

static void
ps_replay_reply (SoupServerMessage *msg,
                 guint              status,
                 const char        *data,
                 gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, length);
}

/* Headers promising the whole body, half of it, then the connection closes:
 * written by hand because SoupServer would never send a short body. */
static void
ps_replay_truncate (SoupServerMessage *msg,
                    PsReplayRoute     *route)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  gsize length;
  const char *data = g_bytes_get_data (route->body, &length);
  g_autofree char *head = NULL;
  GOutputStream *out;

  g_assert_nonnull (stream);
  head = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n"
                          "\r\n",
                          route->status, soup_status_get_phrase (route->status), length);
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, data, MAX (length / 2, 1), NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* TRUE when fault took over the answer; TRUNCATE needs the route first. */
static gboolean
ps_replay_apply_fault (PsTestReplayServer *self,
                       SoupServerMessage  *msg,
                       PsTestReplayFault   fault)
{
  static const char html[] =
    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
    "</h1></center>\xff\xfe\x00garbage</body></html>";
  const char *body = self->fault_body ? self->fault_body : "{}";

  switch (fault)
    {
    case PS_TEST_REPLAY_429:
    case PS_TEST_REPLAY_STATUS:
      ps_replay_reply (msg, fault == PS_TEST_REPLAY_429 ? 429 : self->fault_status,
                       body, strlen (body));
      if ((fault == PS_TEST_REPLAY_429 || self->fault_status == 429) && self->retry_after > 0)
        {
          g_autofree char *seconds = g_strdup_printf ("%u", self->retry_after);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", seconds);
        }
      return TRUE;

    case PS_TEST_REPLAY_500:
    case PS_TEST_REPLAY_503:
      ps_replay_reply (msg, fault == PS_TEST_REPLAY_500 ? 500 : 503, body, strlen (body));
      return TRUE;

    case PS_TEST_REPLAY_EMPTY:
      ps_replay_reply (msg, 200, body, strlen (body));
      return TRUE;

    case PS_TEST_REPLAY_HTML:
      ps_replay_reply (msg, 200, html, sizeof html - 1);
      return TRUE;

    case PS_TEST_REPLAY_STALL:
      /* The connection stays with the server until the client or
       * soup_server_disconnect () closes it. */
      soup_server_message_pause (msg);
      return TRUE;

    case PS_TEST_REPLAY_RESET:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

        g_io_stream_close (stream, NULL, NULL);
      }
      return TRUE;

    case PS_TEST_REPLAY_NONE:
    case PS_TEST_REPLAY_TRUNCATE:
    default:
      return FALSE;
    }
}

/* The route added last whose path is path and whose match is in the query
 * or the body; path's own 404 when none. */
static PsReplayRoute *
ps_replay_find (PsTestReplayServer *self,
                const char         *path,
                const char         *query,
                const char         *body)
{
  for (guint i = self->routes->len; i-- > 0;)
    {
      PsReplayRoute *route = g_ptr_array_index (self->routes, i);

      if (g_str_equal (route->path, path) &&
          (strstr (query, route->match) != NULL || strstr (body, route->match) != NULL))
        return route;
    }
  return ps_replay_route (self, path);
}

static void
ps_replay_handler (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  PsTestReplayServer *self = user_data;
  PsTestReplayFault fault = PS_TEST_REPLAY_NONE;
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  PsReplaySeen *seen = ps_replay_seen (self, path);
  PsReplayRoute *route;

  self->n_requests++;
  seen->n_requests++;
  g_ptr_array_add (seen->queries, g_strdup (raw_query ? raw_query : ""));
  g_free (seen->method);
  seen->method = g_strdup (soup_server_message_get_method (msg));
  g_free (seen->query);
  seen->query = g_uri_unescape_string (raw_query ? raw_query : "", NULL);
  g_free (seen->body);
  seen->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (g_strcmp0 (seen->method, "POST") == 0)
    g_ptr_array_add (self->bodies, g_strdup (seen->body));
  g_free (self->content_type);
  self->content_type = g_strdup (soup_message_headers_get_content_type (
                                   soup_server_message_get_request_headers (msg), NULL));
  if (self->header_value != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  self->header_name, self->header_value);

  route = ps_replay_find (self, path, seen->query ? seen->query : "", seen->body);
  if (self->n_faults > 0)
    {
      fault = self->fault;
      self->n_faults--;
    }
  if (ps_replay_apply_fault (self, msg, fault))
    return;

  if (fault == PS_TEST_REPLAY_TRUNCATE)
    {
      ps_replay_truncate (msg, route);
      return;
    }

  ps_replay_reply (msg, route->status, g_bytes_get_data (route->body, NULL),
                   g_bytes_get_size (route->body));
  for (guint i = 0; i + 1 < route->headers->len; i += 2)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  route->headers->pdata[i], route->headers->pdata[i + 1]);
}

PsTestReplayServer *
ps_test_replay_server_new (void)
{
  g_autoptr(GError) error = NULL;
  PsTestReplayServer *self = g_new0 (PsTestReplayServer, 1);
  GSList *uris;

  /* As ps_test_server_new (): no proxy module for a loopback client. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  self->retry_after = 1;
  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_replay_route_free);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) ps_replay_seen_free);
  self->bodies = g_ptr_array_new_with_free_func (g_free);
  self->server = soup_server_new ("server-header", "", NULL);
  soup_server_add_handler (self->server, NULL, ps_replay_handler, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->uri = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
ps_test_replay_server_free (PsTestReplayServer *self)
{
  if (self == NULL)
    return;

  /* Closes every client connection, stalled ones included. */
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->routes, g_ptr_array_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->bodies, g_ptr_array_unref);
  g_free (self->content_type);
  g_free (self->header_name);
  g_free (self->header_value);
  g_free (self->fault_body);
  g_free (self->uri);
  g_free (self);
}

const char *
ps_test_replay_server_get_uri (PsTestReplayServer *self)
{
  return self->uri;
}

void
ps_test_replay_server_set_route (PsTestReplayServer *self,
                                 const char         *path,
                                 guint               status,
                                 const char         *body)
{
  PsReplayRoute *route = ps_replay_route (self, path);

  route->status = status;
  g_bytes_unref (route->body);
  route->body = g_bytes_new (body, strlen (body));
  g_ptr_array_set_size (route->headers, 0);
}

void
ps_test_replay_server_route (PsTestReplayServer *self,
                             const char         *path,
                             const char         *match,
                             guint               status,
                             const char         *body)
{
  PsReplayRoute *route = ps_replay_route_new (self, path, match);

  route->status = status;
  g_bytes_unref (route->body);
  route->body = g_bytes_new (body, strlen (body));
}

void
ps_test_replay_server_route_file (PsTestReplayServer *self,
                                  const char         *path,
                                  const char         *match,
                                  guint               status,
                                  const char         *name)
{
  g_autofree char *body = ps_test_load_data (name, NULL);

  ps_test_replay_server_route (self, path, match, status, body);
}

void
ps_test_replay_server_set_route_file (PsTestReplayServer *self,
                                      const char         *path,
                                      guint               status,
                                      const char         *name)
{
  g_autofree char *body = ps_test_load_data (name, NULL);

  ps_test_replay_server_set_route (self, path, status, body);
}

void
ps_test_replay_server_add_header (PsTestReplayServer *self,
                                  const char         *path,
                                  const char         *name,
                                  const char         *value)
{
  PsReplayRoute *route = ps_replay_route (self, path);

  g_ptr_array_add (route->headers, g_strdup (name));
  g_ptr_array_add (route->headers, g_strdup (value));
}

void
ps_test_replay_server_set_fault (PsTestReplayServer *self,
                                 PsTestReplayFault   fault,
                                 guint               n,
                                 const char         *fault_body)
{
  self->fault = fault;
  self->n_faults = fault == PS_TEST_REPLAY_NONE ? 0 : n;
  g_free (self->fault_body);
  self->fault_body = g_strdup (fault_body);
}

void
ps_test_replay_server_set_fault_status (PsTestReplayServer *self,
                                        guint               status,
                                        guint               n,
                                        const char         *body)
{
  ps_test_replay_server_set_fault (self, PS_TEST_REPLAY_STATUS, n, body);
  self->fault_status = status;
}

void
ps_test_replay_server_set_header (PsTestReplayServer *self,
                                  const char         *name,
                                  const char         *value)
{
  g_free (self->header_name);
  g_free (self->header_value);
  self->header_name = g_strdup (name);
  self->header_value = g_strdup (value);
}

void
ps_test_replay_server_set_retry_after (PsTestReplayServer *self,
                                       guint               seconds)
{
  self->retry_after = seconds;
}

guint
ps_test_replay_server_get_n_requests (PsTestReplayServer *self)
{
  return self->n_requests;
}

guint
ps_test_replay_server_get_n_requests_for (PsTestReplayServer *self,
                                          const char         *path)
{
  return ps_replay_seen (self, path)->n_requests;
}

GPtrArray *
ps_test_replay_server_get_queries (PsTestReplayServer *self,
                                   const char         *path)
{
  return ps_replay_seen (self, path)->queries;
}

char *
ps_test_replay_server_get_last_param (PsTestReplayServer *self,
                                      const char         *path,
                                      const char         *name)
{
  GPtrArray *queries = ps_test_replay_server_get_queries (self, path);
  g_autoptr(GHashTable) params = NULL;

  if (queries->len == 0)
    return NULL;
  params = g_uri_parse_params (queries->pdata[queries->len - 1], -1, "&",
                               G_URI_PARAMS_NONE, NULL);
  return params ? g_strdup (g_hash_table_lookup (params, name)) : NULL;
}

const char *
ps_test_replay_server_get_method (PsTestReplayServer *self,
                                  const char         *path)
{
  PsReplaySeen *seen = g_hash_table_lookup (self->seen, path);

  return seen ? seen->method : NULL;
}

const char *
ps_test_replay_server_get_query (PsTestReplayServer *self,
                                 const char         *path)
{
  PsReplaySeen *seen = g_hash_table_lookup (self->seen, path);

  return seen ? seen->query : NULL;
}

const char *
ps_test_replay_server_get_body (PsTestReplayServer *self,
                                const char         *path)
{
  PsReplaySeen *seen = g_hash_table_lookup (self->seen, path);

  return seen ? seen->body : NULL;
}

const char *
ps_test_replay_server_get_content_type (PsTestReplayServer *self)
{
  return self->content_type;
}

GPtrArray *
ps_test_replay_server_get_bodies (PsTestReplayServer *self)
{
  return self->bodies;
}

void
ps_test_replay_server_reset_counts (PsTestReplayServer *self)
{
  GHashTableIter iter;
  PsReplaySeen *seen;

  /* In place: a test may hold a path's queries across a reset. */
  self->n_requests = 0;
  g_hash_table_iter_init (&iter, self->seen);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &seen))
    {
      g_ptr_array_set_size (seen->queries, 0);
      seen->n_requests = 0;
    }
  g_ptr_array_set_size (self->bodies, 0);
}
