/* ps-test-server-ws.c: the test server's WebSocket (Binance's combined stream)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "ps-test-server.h"
#include "ps-test-server-private.h"

struct _PsTestWs
{
  GPtrArray *open;           /* SoupWebsocketConnection * */
  GPtrArray *muted;          /* GIOStream *: upgraded, then never read nor written */
  guint      n_connections;
  char      *last_query;
  char      *last_path;
  GPtrArray *received;       /* char *: text frames from the clients, in order */
};

/* A WebSocket peer that has gone quiet: no frames, no pongs. */
static void
ps_test_ws_mute_cb (SoupServerMessage *msg,
                    PsTestWs          *self)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_ptr_array_add (self->muted, stream);
}

static void
ps_test_ws_closed_cb (SoupWebsocketConnection *connection,
                      PsTestWs                *self)
{
  g_ptr_array_remove (self->open, connection);
}

static void
ps_test_ws_message_cb (SoupWebsocketConnection *connection,
                       gint                     type,
                       GBytes                  *message,
                       PsTestWs                *self)
{
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  if (type == SOUP_WEBSOCKET_DATA_TEXT)
    g_ptr_array_add (self->received, g_strndup (data, length));
}

static void
ps_test_ws_handler (SoupServer              *server,
                    SoupServerMessage       *msg,
                    const char              *path,
                    SoupWebsocketConnection *connection,
                    gpointer                 user_data)
{
  PsTestWs *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);

  self->n_connections++;
  g_free (self->last_query);
  self->last_query = g_strdup (g_uri_get_query (uri));
  g_free (self->last_path);
  self->last_path = g_strdup (path);
  g_ptr_array_add (self->open, g_object_ref (connection));
  g_object_set_data_full (G_OBJECT (connection), "ps-test-path", g_strdup (path), g_free);
  g_signal_connect (connection, "closed", G_CALLBACK (ps_test_ws_closed_cb), self);
  g_signal_connect (connection, "message", G_CALLBACK (ps_test_ws_message_cb), self);
}

PsTestWs *
_ps_test_ws_new (SoupServer *server)
{
  PsTestWs *self = g_new0 (PsTestWs, 1);

  self->open = g_ptr_array_new_with_free_func (g_object_unref);
  self->muted = g_ptr_array_new_with_free_func (g_object_unref);
  self->received = g_ptr_array_new_with_free_func (g_free);
  /* Binance's; Bybit's, OKX's and BitMEX's (subscribed by message or query). */
  soup_server_add_websocket_handler (server, "/market/stream", NULL, NULL,
                                     ps_test_ws_handler, self, NULL);
  soup_server_add_websocket_handler (server, "/v5/public/linear", NULL, NULL,
                                     ps_test_ws_handler, self, NULL);
  soup_server_add_websocket_handler (server, "/ws/v5/public", NULL, NULL,
                                     ps_test_ws_handler, self, NULL);
  soup_server_add_websocket_handler (server, "/realtime", NULL, NULL,
                                     ps_test_ws_handler, self, NULL);
  return self;
}

void
_ps_test_ws_free (PsTestWs *self)
{
  for (guint i = 0; i < self->open->len; i++)
    g_signal_handlers_disconnect_by_data (self->open->pdata[i], self);
  g_ptr_array_unref (self->open);
  for (guint i = 0; i < self->muted->len; i++)
    g_io_stream_close (self->muted->pdata[i], NULL, NULL);
  g_ptr_array_unref (self->muted);
  g_free (self->last_query);
  g_free (self->last_path);
  g_ptr_array_unref (self->received);
  g_free (self);
}

gboolean
_ps_test_ws_mute (PsTestWs          *self,
                  SoupServerMessage *msg,
                  const char        *path)
{
  if (!g_str_has_prefix (path, "/mute/") ||
      !soup_websocket_server_process_handshake (msg, NULL, NULL, NULL, NULL))
    return FALSE;

  /* After the 101 is written the connection is ours: held, never read. */
  g_signal_connect (msg, "wrote-informational", G_CALLBACK (ps_test_ws_mute_cb), self);
  self->n_connections++;
  return TRUE;
}

guint
ps_test_server_ws_get_n_connections (PsTestServer *self)
{
  PsTestWs *ws = _ps_test_server_get_ws (self);

  g_return_val_if_fail (self != NULL, 0);

  return ws->n_connections;
}

guint
ps_test_server_ws_get_n_open (PsTestServer *self)
{
  PsTestWs *ws = _ps_test_server_get_ws (self);
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < ws->open->len; i++)
    if (soup_websocket_connection_get_state (ws->open->pdata[i]) == SOUP_WEBSOCKET_STATE_OPEN)
      n++;
  return n;
}

const char *
ps_test_server_ws_get_last_query (PsTestServer *self)
{
  PsTestWs *ws = _ps_test_server_get_ws (self);

  g_return_val_if_fail (self != NULL, NULL);

  return ws->last_query;
}

const char *
ps_test_server_ws_get_last_path (PsTestServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return _ps_test_server_get_ws (self)->last_path;
}

guint
ps_test_server_ws_count_received (PsTestServer *self,
                                  const char   *text)
{
  PsTestWs *ws = _ps_test_server_get_ws (self);
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < ws->received->len; i++)
    n += g_strcmp0 (ws->received->pdata[i], text) == 0;
  return n;
}

void
ps_test_server_ws_send (PsTestServer *self,
                        const char   *text)
{
  PsTestWs *ws = _ps_test_server_get_ws (self);

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < ws->open->len; i++)
    if (soup_websocket_connection_get_state (ws->open->pdata[i]) == SOUP_WEBSOCKET_STATE_OPEN)
      soup_websocket_connection_send_text (ws->open->pdata[i], text);
}

guint
ps_test_server_ws_send_path (PsTestServer *self,
                             const char   *path,
                             const char   *text)
{
  PsTestWs *ws = _ps_test_server_get_ws (self);
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < ws->open->len; i++)
    if (soup_websocket_connection_get_state (ws->open->pdata[i]) == SOUP_WEBSOCKET_STATE_OPEN &&
        g_strcmp0 (g_object_get_data (ws->open->pdata[i], "ps-test-path"), path) == 0)
      {
        soup_websocket_connection_send_text (ws->open->pdata[i], text);
        n++;
      }
  return n;
}

void
ps_test_server_ws_close (PsTestServer *self,
                         gushort       code)
{
  PsTestWs *ws = _ps_test_server_get_ws (self);

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < ws->open->len; i++)
    if (soup_websocket_connection_get_state (ws->open->pdata[i]) == SOUP_WEBSOCKET_STATE_OPEN)
      soup_websocket_connection_close (ws->open->pdata[i], code, NULL);
}

/* FIN, the three reserved bits (no extension was agreed) and the text opcode,
 * written under libsoup: a peer must fail the connection on it (RFC 6455 5.2). */
void
ps_test_server_ws_send_bad_frame (PsTestServer *self)
{
  static const guint8 frame[] = { 0xF1, 0x02, 'h', 'i' };
  PsTestWs *ws = _ps_test_server_get_ws (self);

  for (guint i = 0; i < ws->open->len; i++)
    {
      SoupWebsocketConnection *connection = ws->open->pdata[i];
      GIOStream *stream = soup_websocket_connection_get_io_stream (connection);

      if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
        g_output_stream_write_all (g_io_stream_get_output_stream (stream), frame, sizeof frame,
                                   NULL, NULL, NULL);
    }
}

/* A text frame whose payload is not UTF-8 (what fake_exchange's wsgarbage
 * sends), written under libsoup, which refuses to send one: the peer must
 * fail the connection (RFC 6455 8.1). */
void
ps_test_server_ws_send_invalid_utf8 (PsTestServer *self)
{
  static const guint8 frame[] = { 0x81, 0x06, '<', 'p', '>', 0xff, 0xfe, '!' };
  PsTestWs *ws = _ps_test_server_get_ws (self);

  for (guint i = 0; i < ws->open->len; i++)
    {
      SoupWebsocketConnection *connection = ws->open->pdata[i];
      GIOStream *stream = soup_websocket_connection_get_io_stream (connection);

      if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
        g_output_stream_write_all (g_io_stream_get_output_stream (stream), frame, sizeof frame,
                                   NULL, NULL, NULL);
    }
}
