/* ps-bybit-stream.c: Bybit v5 linear live liquidations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include "ps-bybit-stream.h"
#include "ps-rest.h"
#include "ps-stream-parse.h"

#define PS_BYBIT_STREAM_ENV_WS     "PERPSCOPE_BYBIT_WS"
#define PS_BYBIT_STREAM_DEFAULT_WS "wss://stream.bybit.com"
/* Bybit: "send the ping heartbeat packet every 20 seconds". */
#define PS_BYBIT_STREAM_PING_S     20
#define PS_BYBIT_STREAM_SILENCE_MS 75000

struct _PsBybitStream
{
  PsStream  parent_instance;

  char     *ws_base;
};

G_DEFINE_FINAL_TYPE (PsBybitStream, ps_bybit_stream, PS_TYPE_STREAM)

static char *
ps_bybit_stream_dup_url (PsStream *stream)
{
  return g_strconcat (PS_BYBIT_STREAM (stream)->ws_base, "/v5/public/linear", NULL);
}

static char **
ps_bybit_stream_dup_subscribe (PsStream *stream)
{
  char **messages = g_new0 (char *, 2);

  messages[0] = g_strdup_printf ("{\"op\":\"subscribe\",\"args\":[\"allLiquidation.%s\"]}",
                                 ps_stream_get_symbol (stream));
  return messages;
}

static PsLiquidations *
ps_bybit_stream_parse_frame (PsStream    *stream,
                             const char  *data,
                             gsize        length,
                             GError     **error)
{
  return ps_bybit_parse_ws_frame (data, length, ps_stream_get_symbol (stream), error);
}

static void
ps_bybit_stream_finalize (GObject *object)
{
  g_free (PS_BYBIT_STREAM (object)->ws_base);

  G_OBJECT_CLASS (ps_bybit_stream_parent_class)->finalize (object);
}

static void
ps_bybit_stream_class_init (PsBybitStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsStreamClass *stream_class = PS_STREAM_CLASS (klass);

  object_class->finalize = ps_bybit_stream_finalize;

  stream_class->dup_url = ps_bybit_stream_dup_url;
  stream_class->dup_subscribe = ps_bybit_stream_dup_subscribe;
  stream_class->parse_frame = ps_bybit_stream_parse_frame;
  stream_class->heartbeat = "{\"op\":\"ping\"}";
  stream_class->venue_error_ends_connection = TRUE;
}

static void
ps_bybit_stream_init (PsBybitStream *self)
{
  ps_stream_set_keepalive (PS_STREAM (self), PS_BYBIT_STREAM_PING_S, PS_BYBIT_STREAM_SILENCE_MS);
}

PsBybitStream *
ps_bybit_stream_new (const char *ws_base,
                     const char *symbol)
{
  g_autofree char *upper = NULL;
  PsBybitStream *self;

  g_return_val_if_fail (symbol != NULL && *symbol != '\0', NULL);

  upper = g_ascii_strup (symbol, -1);
  self = g_object_new (PS_TYPE_BYBIT_STREAM,
                       "venue", "bybit",
                       "display-name", "Bybit",
                       "symbol", upper,
                       NULL);
  self->ws_base = ps_rest_resolve_base (ws_base, PS_BYBIT_STREAM_ENV_WS,
                                        PS_BYBIT_STREAM_DEFAULT_WS);
  return self;
}
