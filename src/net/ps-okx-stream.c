/* ps-okx-stream.c: OKX v5 swap live liquidations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>

#include "ps-net-error.h"
#include "ps-okx-stream.h"
#include "ps-rest.h"
#include "ps-stream-parse.h"

#define PS_OKX_STREAM_ENV_WS     "PERPSCOPE_OKX_WS"
#define PS_OKX_STREAM_DEFAULT_WS "wss://ws.okx.com:8443"
/* OKX closes a connection after 30 s without a frame. */
#define PS_OKX_STREAM_PING_S     20
#define PS_OKX_STREAM_SILENCE_MS 75000

/* ctVal of GET /api/v5/public/instruments?instType=SWAP. */
static const struct
{
  const char     *inst_id;
  PsContractSize  contract;
} ps_okx_contracts[] = {
  { "BTC-USDT-SWAP", { 0.01, FALSE } },
  { "ETH-USDT-SWAP", { 0.1, FALSE } },
  { "SOL-USDT-SWAP", { 1, FALSE } },
  { "BTC-USD-SWAP", { 100, TRUE } },
  { "ETH-USD-SWAP", { 10, TRUE } },
};

struct _PsOkxStream
{
  PsStream        parent_instance;

  char           *ws_base;
  PsContractSize  contract;
};

G_DEFINE_FINAL_TYPE (PsOkxStream, ps_okx_stream, PS_TYPE_STREAM)

static char *
ps_okx_stream_dup_url (PsStream *stream)
{
  return g_strconcat (PS_OKX_STREAM (stream)->ws_base, "/ws/v5/public", NULL);
}

static char **
ps_okx_stream_dup_subscribe (PsStream *stream)
{
  char **messages = g_new0 (char *, 2);

  /* Per instType: OKX has no per-instrument liquidation channel. */
  messages[0] = g_strdup ("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"liquidation-orders\","
                          "\"instType\":\"SWAP\"}]}");
  return messages;
}

static PsLiquidations *
ps_okx_stream_parse_frame (PsStream    *stream,
                           const char  *data,
                           gsize        length,
                           GError     **error)
{
  return ps_okx_parse_ws_frame (data, length, ps_stream_get_symbol (stream),
                                &PS_OKX_STREAM (stream)->contract, error);
}

static void
ps_okx_stream_finalize (GObject *object)
{
  g_free (PS_OKX_STREAM (object)->ws_base);

  G_OBJECT_CLASS (ps_okx_stream_parent_class)->finalize (object);
}

static void
ps_okx_stream_class_init (PsOkxStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsStreamClass *stream_class = PS_STREAM_CLASS (klass);

  object_class->finalize = ps_okx_stream_finalize;

  stream_class->dup_url = ps_okx_stream_dup_url;
  stream_class->dup_subscribe = ps_okx_stream_dup_subscribe;
  stream_class->parse_frame = ps_okx_stream_parse_frame;
  stream_class->heartbeat = "ping";
  stream_class->venue_error_ends_connection = TRUE;
}

static void
ps_okx_stream_init (PsOkxStream *self)
{
  ps_stream_set_keepalive (PS_STREAM (self), PS_OKX_STREAM_PING_S, PS_OKX_STREAM_SILENCE_MS);
}

PsOkxStream *
ps_okx_stream_new (const char  *ws_base,
                   const char  *inst_id,
                   GError     **error)
{
  g_autofree char *upper = NULL;
  PsOkxStream *self;

  g_return_val_if_fail (inst_id != NULL && *inst_id != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  upper = g_ascii_strup (inst_id, -1);
  for (guint i = 0; i < G_N_ELEMENTS (ps_okx_contracts); i++)
    {
      if (g_strcmp0 (upper, ps_okx_contracts[i].inst_id) != 0)
        continue;
      self = g_object_new (PS_TYPE_OKX_STREAM,
                           "venue", "okx",
                           "display-name", "OKX",
                           "symbol", upper,
                           NULL);
      self->contract = ps_okx_contracts[i].contract;
      self->ws_base = ps_rest_resolve_base (ws_base, PS_OKX_STREAM_ENV_WS,
                                            PS_OKX_STREAM_DEFAULT_WS);
      return self;
    }

  g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL,
               _("Perpscope does not know the contract size of OKX “%s”, so it cannot record its "
                 "liquidations (known: BTC-USDT-SWAP, ETH-USDT-SWAP, SOL-USDT-SWAP, BTC-USD-SWAP, "
                 "ETH-USD-SWAP)"), inst_id);
  return NULL;
}
