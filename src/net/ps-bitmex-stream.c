/* ps-bitmex-stream.c: BitMEX live liquidations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>

#include "ps-bitmex-stream.h"
#include "ps-net-error.h"
#include "ps-rest.h"
#include "ps-stream-parse.h"

#define PS_BITMEX_STREAM_ENV_WS     "PERPSCOPE_BITMEX_WS"
#define PS_BITMEX_STREAM_DEFAULT_WS "wss://ws.bitmex.com"
#define PS_BITMEX_STREAM_PING_S     20
#define PS_BITMEX_STREAM_SILENCE_MS 75000
/* Orders remembered: far more than work in the book at once. */
#define PS_BITMEX_STREAM_MAX_SEEN   4096

static const struct
{
  const char     *symbol;
  PsContractSize  contract;
} ps_bitmex_contracts[] = {
  { "XBTUSD", { 1, TRUE } },
  { "XBTUSDT", { 0.000001, FALSE } },
};

struct _PsBitmexStream
{
  PsStream        parent_instance;

  char           *ws_base;
  PsContractSize  contract;
  GHashTable     *seen;        /* orderID → itself, owned by the queue */
  GQueue          seen_order;  /* oldest first */
};

G_DEFINE_FINAL_TYPE (PsBitmexStream, ps_bitmex_stream, PS_TYPE_STREAM)

static char *
ps_bitmex_stream_dup_url (PsStream *stream)
{
  return g_strdup_printf ("%s/realtime?subscribe=liquidation:%s",
                          PS_BITMEX_STREAM (stream)->ws_base, ps_stream_get_symbol (stream));
}

/* TRUE when id was not seen before; remembers it. */
static gboolean
ps_bitmex_stream_remember (PsBitmexStream *self,
                           const char     *id)
{
  char *copy;

  if (g_hash_table_contains (self->seen, id))
    return FALSE;
  copy = g_strdup (id);
  g_hash_table_add (self->seen, copy);
  g_queue_push_tail (&self->seen_order, copy);
  if (self->seen_order.length > PS_BITMEX_STREAM_MAX_SEEN)
    {
      char *oldest = g_queue_pop_head (&self->seen_order);

      g_hash_table_remove (self->seen, oldest);
      g_free (oldest);
    }
  return TRUE;
}

static PsLiquidations *
ps_bitmex_stream_parse_frame (PsStream    *stream,
                              const char  *data,
                              gsize        length,
                              GError     **error)
{
  PsBitmexStream *self = PS_BITMEX_STREAM (stream);
  g_autoptr(PsLiquidations) rows = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  PsLiquidations *fresh;

  rows = ps_bitmex_parse_ws_frame (data, length, ps_stream_get_symbol (stream), &self->contract,
                                   g_get_real_time () / 1000, &ids, error);
  if (rows == NULL || rows->n == 0)
    return g_steal_pointer (&rows);

  fresh = ps_liquidations_new (rows->n);
  for (guint i = 0; i < rows->n; i++)
    if (ps_bitmex_stream_remember (self, ids->pdata[i]))
      ps_liquidations_append (fresh, rows->t_ms[i], rows->side[i], rows->source[i],
                              rows->price[i], rows->avg_price[i], rows->qty[i], rows->usd[i]);
  return fresh;
}

static void
ps_bitmex_stream_finalize (GObject *object)
{
  PsBitmexStream *self = PS_BITMEX_STREAM (object);

  g_free (self->ws_base);
  g_hash_table_unref (self->seen);
  g_queue_clear_full (&self->seen_order, g_free);

  G_OBJECT_CLASS (ps_bitmex_stream_parent_class)->finalize (object);
}

static void
ps_bitmex_stream_class_init (PsBitmexStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsStreamClass *stream_class = PS_STREAM_CLASS (klass);

  object_class->finalize = ps_bitmex_stream_finalize;

  stream_class->dup_url = ps_bitmex_stream_dup_url;
  stream_class->parse_frame = ps_bitmex_stream_parse_frame;
  stream_class->heartbeat = "ping";
  stream_class->venue_error_ends_connection = TRUE;
}

static void
ps_bitmex_stream_init (PsBitmexStream *self)
{
  self->seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->seen_order);
  ps_stream_set_keepalive (PS_STREAM (self), PS_BITMEX_STREAM_PING_S,
                           PS_BITMEX_STREAM_SILENCE_MS);
}

PsBitmexStream *
ps_bitmex_stream_new (const char  *ws_base,
                      const char  *symbol,
                      GError     **error)
{
  g_autofree char *upper = NULL;
  PsBitmexStream *self;

  g_return_val_if_fail (symbol != NULL && *symbol != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  upper = g_ascii_strup (symbol, -1);
  for (guint i = 0; i < G_N_ELEMENTS (ps_bitmex_contracts); i++)
    {
      if (g_strcmp0 (upper, ps_bitmex_contracts[i].symbol) != 0)
        continue;
      self = g_object_new (PS_TYPE_BITMEX_STREAM,
                           "venue", "bitmex",
                           "display-name", "BitMEX",
                           "symbol", upper,
                           NULL);
      self->contract = ps_bitmex_contracts[i].contract;
      self->ws_base = ps_rest_resolve_base (ws_base, PS_BITMEX_STREAM_ENV_WS,
                                            PS_BITMEX_STREAM_DEFAULT_WS);
      return self;
    }

  g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL,
               _("Perpscope cannot record BitMEX “%s”: it knows the contracts of XBTUSD and "
                 "XBTUSDT only"), symbol);
  return NULL;
}
