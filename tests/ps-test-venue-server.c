/* ps-test-venue-server.c: a loopback server that replays canned answers by
 * path and content, records what it was sent, and plays faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ps-test-util.h"
#include "ps-test-venue-server.h"

typedef struct
{
  char  *path;
  char  *match;
  guint  status;
  char  *body;
} PsTestRoute;

/* What the last request to a path carried. */
typedef struct
{
  char *method;
  char *query;
  char *body;
} PsTestSeen;

struct _PsTestVenueServer
{
  SoupServer *server;
  char       *uri;
  GPtrArray  *routes;     /* PsTestRoute */
  GHashTable *seen;       /* path → PsTestSeen */
  GPtrArray  *bodies;     /* char *, every POST body */
  char       *content_type;
  guint       n_requests;
  char       *header_name;   /* sent with every answer, when set */
  char       *header_value;

  guint       fault_status;
  char       *fault_body;
  guint       n_faults;
};

static void
ps_test_route_free (PsTestRoute *route)
{
  g_free (route->path);
  g_free (route->match);
  g_free (route->body);
  g_free (route);
}

static void
ps_test_seen_free (PsTestSeen *seen)
{
  g_free (seen->method);
  g_free (seen->query);
  g_free (seen->body);
  g_free (seen);
}

static void
ps_test_venue_answer (SoupServerMessage *msg,
                      guint              status,
                      const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body ? body : "", body ? strlen (body) : 0);
}

static void
ps_test_venue_handler (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  PsTestVenueServer *self = user_data;
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  PsTestSeen *seen = g_new0 (PsTestSeen, 1);

  self->n_requests++;
  seen->method = g_strdup (soup_server_message_get_method (msg));
  seen->query = g_uri_unescape_string (raw_query ? raw_query : "", NULL);
  seen->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (g_strcmp0 (seen->method, "POST") == 0)
    g_ptr_array_add (self->bodies, g_strdup (seen->body));
  g_free (self->content_type);
  self->content_type = g_strdup (soup_message_headers_get_content_type (
                                   soup_server_message_get_request_headers (msg), NULL));
  g_hash_table_replace (self->seen, g_strdup (path), seen);
  if (self->header_value != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  self->header_name, self->header_value);

  if (self->n_faults > 0)
    {
      self->n_faults--;
      if (self->fault_status == 429)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Retry-After", "1");
      ps_test_venue_answer (msg, self->fault_status, self->fault_body);
      return;
    }

  /* The newest route first: a test overrides its fixture's. */
  for (guint i = self->routes->len; i-- > 0;)
    {
      PsTestRoute *route = g_ptr_array_index (self->routes, i);

      if (g_strcmp0 (route->path, path) == 0 &&
          (strstr (seen->query, route->match) != NULL || strstr (seen->body, route->match) != NULL))
        {
          ps_test_venue_answer (msg, route->status, route->body);
          return;
        }
    }
  ps_test_venue_answer (msg, 404, NULL);
}

PsTestVenueServer *
ps_test_venue_server_new (void)
{
  PsTestVenueServer *self = g_new0 (PsTestVenueServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  /* No proxy lookup for loopback (see ps-test-server.c). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_test_route_free);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) ps_test_seen_free);
  self->bodies = g_ptr_array_new_with_free_func (g_free);
  self->server = soup_server_new ("server-header", "", NULL);
  soup_server_add_handler (self->server, NULL, ps_test_venue_handler, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->uri = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
ps_test_venue_server_free (PsTestVenueServer *self)
{
  if (self == NULL)
    return;

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_ptr_array_unref (self->routes);
  g_hash_table_unref (self->seen);
  g_ptr_array_unref (self->bodies);
  g_free (self->content_type);
  g_free (self->header_name);
  g_free (self->header_value);
  g_free (self->fault_body);
  g_free (self->uri);
  g_free (self);
}

const char *
ps_test_venue_server_get_uri (PsTestVenueServer *self)
{
  return self->uri;
}

void
ps_test_venue_server_route (PsTestVenueServer *self,
                            const char        *path,
                            const char        *match,
                            guint              status,
                            const char        *body)
{
  PsTestRoute *route = g_new0 (PsTestRoute, 1);

  route->path = g_strdup (path);
  route->match = g_strdup (match);
  route->status = status;
  route->body = g_strdup (body);
  g_ptr_array_add (self->routes, route);
}

void
ps_test_venue_server_route_file (PsTestVenueServer *self,
                                 const char        *path,
                                 const char        *match,
                                 const char        *name)
{
  g_autofree char *body = ps_test_load_data (name, NULL);

  ps_test_venue_server_route (self, path, match, 200, body);
}

void
ps_test_venue_server_fault (PsTestVenueServer *self,
                            guint              status,
                            const char        *body,
                            guint              n)
{
  self->fault_status = status;
  g_free (self->fault_body);
  self->fault_body = g_strdup (body);
  self->n_faults = n;
}

void
ps_test_venue_server_set_header (PsTestVenueServer *self,
                                 const char        *name,
                                 const char        *value)
{
  g_free (self->header_name);
  g_free (self->header_value);
  self->header_name = g_strdup (name);
  self->header_value = g_strdup (value);
}

guint
ps_test_venue_server_get_n_requests (PsTestVenueServer *self)
{
  return self->n_requests;
}

const char *
ps_test_venue_server_get_method (PsTestVenueServer *self,
                                 const char        *path)
{
  PsTestSeen *seen = g_hash_table_lookup (self->seen, path);

  return seen ? seen->method : NULL;
}

const char *
ps_test_venue_server_get_query (PsTestVenueServer *self,
                                const char        *path)
{
  PsTestSeen *seen = g_hash_table_lookup (self->seen, path);

  return seen ? seen->query : NULL;
}

const char *
ps_test_venue_server_get_body (PsTestVenueServer *self,
                               const char        *path)
{
  PsTestSeen *seen = g_hash_table_lookup (self->seen, path);

  return seen ? seen->body : NULL;
}

const char *
ps_test_venue_server_get_content_type (PsTestVenueServer *self)
{
  return self->content_type;
}

GPtrArray *
ps_test_venue_server_get_bodies (PsTestVenueServer *self)
{
  return self->bodies;
}
