/* ps-stream-parse.c: the liquidation WebSocket frames of Bybit, OKX and BitMEX → rows (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-net-error.h"
#include "ps-stream-parse.h"
#include "ps-venue-parse.h"

/* A bare text frame: OKX's and BitMEX's answer to our "ping". */
static gboolean
ps_stream_parse_is_text (const char *data,
                         gsize       length,
                         const char *text)
{
  return data != NULL && length == strlen (text) && memcmp (data, text, length) == 0;
}

static gboolean
ps_stream_parse_string_is (JsonNode   *node,
                           const char *value)
{
  return ps_venue_parse_is_string (node) && g_strcmp0 (json_node_get_string (node), value) == 0;
}

/* The venue's own words, "" when it gave none. */
static char *
ps_stream_parse_member_text (JsonObject *object,
                             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL ? ps_venue_parse_text (node) : g_strdup ("");
}

static void
ps_stream_parse_refused (GError     **error,
                         const char  *venue,
                         const char  *message)
{
  g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_VENUE, "%s: %s", venue,
               message && *message ? message : _("the request was refused"));
}

static JsonArray *
ps_stream_parse_array (JsonObject    *object,
                       PsVenueField  *f,
                       const char    *name,
                       GError       **error)
{
  JsonNode *node = ps_venue_parse_member (object, f, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return ps_venue_parse_field_error (f, node, _("an array"), error), NULL;
  return json_node_get_array (node);
}

static JsonObject *
ps_stream_parse_row (JsonArray     *array,
                     guint          i,
                     PsVenueField  *f,
                     const char    *name,
                     GError       **error)
{
  JsonNode *node = json_array_get_element (array, i);

  f->row = i;
  f->name = name;
  f->index = -1;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return ps_venue_parse_field_error (f, node, _("an object"), error), NULL;
  return json_node_get_object (node);
}

/* qty in the coin and usd of size contracts at price. */
static void
ps_stream_parse_append (PsLiquidations       *rows,
                        gint64                t_ms,
                        PsLiqSide             side,
                        double                price,
                        double                contracts,
                        const PsContractSize *contract)
{
  double qty, usd;

  if (contract->inverse)
    {
      usd = contracts * contract->size;
      qty = usd / price;
    }
  else
    {
      qty = contracts * contract->size;
      usd = qty * price;
    }
  ps_liquidations_append (rows, t_ms, side, PS_LIQ_SOURCE_LIVE, price, NAN, qty, usd);
}

/* Bybit */

static PsLiquidations *
ps_bybit_parse_control (JsonObject  *object,
                        PsVenueField *f,
                        GError     **error)
{
  static const char * const ops[] = { "ping", "pong", "subscribe", "unsubscribe", NULL };
  JsonNode *op = ps_venue_parse_member (object, f, "op");
  JsonNode *success;

  if (!ps_venue_parse_is_string (op) || !g_strv_contains (ops, json_node_get_string (op)))
    return ps_venue_parse_field_error (f, op, "“ping”, “subscribe” or “unsubscribe”", error),
           NULL;
  success = ps_venue_parse_member (object, f, "success");
  if (success == NULL || !JSON_NODE_HOLDS_VALUE (success) ||
      json_node_get_value_type (success) != G_TYPE_BOOLEAN)
    return ps_venue_parse_field_error (f, success, _("true or false"), error), NULL;
  if (!json_node_get_boolean (success))
    {
      g_autofree char *message = ps_stream_parse_member_text (object, "ret_msg");

      ps_stream_parse_refused (error, "Bybit", message);
      return NULL;
    }
  return ps_liquidations_new (0);
}

static gboolean
ps_bybit_parse_event (JsonObject      *event,
                      PsVenueField    *f,
                      const char      *symbol,
                      PsLiquidations  *rows,
                      GError         **error)
{
  static const PsContractSize coin = { 1.0, FALSE };
  JsonNode *node;
  const char *side;
  double price, size;
  gint64 t_ms;

  node = ps_venue_parse_member (event, f, "s");
  if (!ps_venue_parse_is_string (node))
    return ps_venue_parse_field_error (f, node, _("a symbol"), error);
  if (symbol != NULL && g_ascii_strcasecmp (json_node_get_string (node), symbol) != 0)
    return TRUE;

  node = ps_venue_parse_member (event, f, "S");
  side = ps_venue_parse_is_string (node) ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (side, "Buy") != 0 && g_strcmp0 (side, "Sell") != 0)
    return ps_venue_parse_field_error (f, node, "“Buy” or “Sell”", error);

  node = ps_venue_parse_member (event, f, "T");
  if (!ps_venue_parse_is_int (node) || json_node_get_int (node) <= 0)
    return ps_venue_parse_field_error (f, node, _("a time in ms"), error);
  t_ms = json_node_get_int (node);

  if (!ps_venue_parse_decimal (f, ps_venue_parse_member (event, f, "p"),
                               PS_VENUE_RANGE_POSITIVE, &price, error) ||
      !ps_venue_parse_decimal (f, ps_venue_parse_member (event, f, "v"),
                               PS_VENUE_RANGE_POSITIVE, &size, error))
    return FALSE;

  /* "Buy": a long position was liquidated. */
  ps_stream_parse_append (rows, t_ms, side[0] == 'B' ? PS_LIQ_LONG : PS_LIQ_SHORT, price, size,
                          &coin);
  return TRUE;
}

PsLiquidations *
ps_bybit_parse_ws_frame (const char  *data,
                         gsize        length,
                         const char  *symbol,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsLiquidations) rows = NULL;
  PsVenueField f = { N_("Bybit liquidation"), 0, NULL, -1 };
  JsonObject *root, *event;
  JsonArray *events;
  JsonNode *topic;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_venue_parse_load (f.what, data, length, error)))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));

  if (!json_object_has_member (root, "topic"))
    return ps_bybit_parse_control (root, &f, error);

  topic = ps_venue_parse_member (root, &f, "topic");
  if (!ps_venue_parse_is_string (topic) ||
      !g_str_has_prefix (json_node_get_string (topic), "allLiquidation."))
    return ps_venue_parse_field_error (&f, topic, "“allLiquidation.<symbol>”", error), NULL;
  if (!(events = ps_stream_parse_array (root, &f, "data", error)))
    return NULL;

  rows = ps_liquidations_new (json_array_get_length (events));
  for (guint i = 0; i < json_array_get_length (events); i++)
    if (!(event = ps_stream_parse_row (events, i, &f, "data", error)) ||
        !ps_bybit_parse_event (event, &f, symbol, rows, error))
      return NULL;
  return g_steal_pointer (&rows);
}

/* OKX */

static PsLiquidations *
ps_okx_parse_event_frame (JsonObject  *root,
                          PsVenueField *f,
                          GError     **error)
{
  static const char * const quiet[] = {
    "subscribe", "unsubscribe", "notice", "channel-conn-count", NULL
  };
  JsonNode *event = ps_venue_parse_member (root, f, "event");

  if (ps_stream_parse_string_is (event, "error"))
    {
      g_autofree char *code = ps_stream_parse_member_text (root, "code");
      g_autofree char *msg = ps_stream_parse_member_text (root, "msg");
      g_autofree char *text = g_strdup_printf ("%s (%s)", msg, code);

      ps_stream_parse_refused (error, "OKX", text);
      return NULL;
    }
  if (!ps_venue_parse_is_string (event) || !g_strv_contains (quiet, json_node_get_string (event)))
    return ps_venue_parse_field_error (f, event, "“subscribe” or “error”", error), NULL;
  return ps_liquidations_new (0);
}

static gboolean
ps_okx_parse_detail (JsonObject           *detail,
                     PsVenueField         *f,
                     const PsContractSize *contract,
                     PsLiquidations       *rows,
                     GError              **error)
{
  JsonNode *node;
  const char *side, *pos_side;
  PsLiqSide liq_side;
  double price, size;
  gint64 t_ms;

  node = ps_venue_parse_member (detail, f, "side");
  side = ps_venue_parse_is_string (node) ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (side, "buy") != 0 && g_strcmp0 (side, "sell") != 0)
    return ps_venue_parse_field_error (f, node, "“buy” or “sell”", error);

  /* The position's side where OKX names it; one-way mode ("net") names
   * none, and the closing order's side tells. */
  node = ps_venue_parse_member (detail, f, "posSide");
  pos_side = ps_venue_parse_is_string (node) ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (pos_side, "long") == 0)
    liq_side = PS_LIQ_LONG;
  else if (g_strcmp0 (pos_side, "short") == 0)
    liq_side = PS_LIQ_SHORT;
  else if (g_strcmp0 (pos_side, "net") == 0 || g_strcmp0 (pos_side, "") == 0)
    liq_side = side[0] == 's' ? PS_LIQ_LONG : PS_LIQ_SHORT;
  else
    return ps_venue_parse_field_error (f, node, "“long”, “short” or “net”", error);

  if (!ps_venue_parse_decimal (f, ps_venue_parse_member (detail, f, "bkPx"),
                               PS_VENUE_RANGE_POSITIVE, &price, error) ||
      !ps_venue_parse_decimal (f, ps_venue_parse_member (detail, f, "sz"),
                               PS_VENUE_RANGE_POSITIVE, &size, error) ||
      !ps_venue_parse_time (f, ps_venue_parse_member (detail, f, "ts"), &t_ms, error))
    return FALSE;

  ps_stream_parse_append (rows, t_ms, liq_side, price, size, contract);
  return TRUE;
}

static gboolean
ps_okx_parse_instrument (JsonObject           *item,
                         PsVenueField         *f,
                         const char           *inst_id,
                         const PsContractSize *contract,
                         PsLiquidations       *rows,
                         GError              **error)
{
  JsonNode *node = ps_venue_parse_member (item, f, "instId");
  JsonObject *detail;
  JsonArray *details;

  if (!ps_venue_parse_is_string (node))
    return ps_venue_parse_field_error (f, node, _("an instrument"), error);
  /* The channel carries every swap of the venue. */
  if (inst_id != NULL && g_strcmp0 (json_node_get_string (node), inst_id) != 0)
    return TRUE;

  if (!(details = ps_stream_parse_array (item, f, "details", error)))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (details); i++)
    {
      guint row = f->row;

      if (!(detail = ps_stream_parse_row (details, i, f, "details", error)))
        return FALSE;
      f->row = row;
      if (!ps_okx_parse_detail (detail, f, contract, rows, error))
        return FALSE;
    }
  return TRUE;
}

PsLiquidations *
ps_okx_parse_ws_frame (const char           *data,
                       gsize                 length,
                       const char           *inst_id,
                       const PsContractSize *contract,
                       GError              **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsLiquidations) rows = NULL;
  PsVenueField f = { N_("OKX liquidation"), 0, NULL, -1 };
  JsonObject *root, *item;
  JsonArray *items;
  JsonNode *arg, *channel;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (contract != NULL && contract->size > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (ps_stream_parse_is_text (data, length, "pong"))
    return ps_liquidations_new (0);
  if (!(parser = ps_venue_parse_load (f.what, data, length, error)))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));

  if (json_object_has_member (root, "event"))
    return ps_okx_parse_event_frame (root, &f, error);

  arg = ps_venue_parse_member (root, &f, "arg");
  if (arg == NULL || !JSON_NODE_HOLDS_OBJECT (arg))
    return ps_venue_parse_field_error (&f, arg, _("an object"), error), NULL;
  channel = ps_venue_parse_member (json_node_get_object (arg), &f, "channel");
  if (!ps_stream_parse_string_is (channel, "liquidation-orders"))
    return ps_venue_parse_field_error (&f, channel, "“liquidation-orders”", error), NULL;
  if (!(items = ps_stream_parse_array (root, &f, "data", error)))
    return NULL;

  rows = ps_liquidations_new (1);
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (!(item = ps_stream_parse_row (items, i, &f, "data", error)) ||
        !ps_okx_parse_instrument (item, &f, inst_id, contract, rows, error))
      return NULL;
  return g_steal_pointer (&rows);
}

/* BitMEX: numbers are JSON numbers. */

static gboolean
ps_bitmex_ws_number (PsVenueField  *f,
                     JsonObject    *object,
                     const char    *name,
                     double        *value,
                     GError       **error)
{
  JsonNode *node = ps_venue_parse_member (object, f, name);
  GType type = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                    : G_TYPE_INVALID;

  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      *value = json_node_get_double (node);
      if (isfinite (*value) && *value > 0)
        return TRUE;
    }
  return ps_venue_parse_field_error (f, node, _("a positive number"), error);
}

static gboolean
ps_bitmex_ws_insert (JsonObject           *order,
                     PsVenueField         *f,
                     const char           *symbol,
                     const PsContractSize *contract,
                     gint64                now_ms,
                     PsLiquidations       *rows,
                     GPtrArray            *order_ids,
                     GError              **error)
{
  JsonNode *node, *id;
  const char *side;
  double price, size;

  node = ps_venue_parse_member (order, f, "symbol");
  if (!ps_venue_parse_is_string (node))
    return ps_venue_parse_field_error (f, node, _("a symbol"), error);
  if (symbol != NULL && g_ascii_strcasecmp (json_node_get_string (node), symbol) != 0)
    return TRUE;

  id = ps_venue_parse_member (order, f, "orderID");
  if (!ps_venue_parse_is_string (id) || *json_node_get_string (id) == '\0')
    return ps_venue_parse_field_error (f, id, _("an order ID"), error);
  node = ps_venue_parse_member (order, f, "side");
  side = ps_venue_parse_is_string (node) ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (side, "Buy") != 0 && g_strcmp0 (side, "Sell") != 0)
    return ps_venue_parse_field_error (f, node, "“Buy” or “Sell”", error);
  if (!ps_bitmex_ws_number (f, order, "price", &price, error) ||
      !ps_bitmex_ws_number (f, order, "leavesQty", &size, error))
    return FALSE;

  /* The order's side: "Sell" closes a long. */
  ps_stream_parse_append (rows, now_ms, side[0] == 'S' ? PS_LIQ_LONG : PS_LIQ_SHORT, price, size,
                          contract);
  if (order_ids != NULL)
    g_ptr_array_add (order_ids, g_strdup (json_node_get_string (id)));
  return TRUE;
}

static PsLiquidations *
ps_bitmex_ws_control (JsonObject    *root,
                      PsVenueField  *f,
                      GError       **error)
{
  JsonNode *node;

  if (json_object_has_member (root, "error"))
    {
      g_autofree char *message = NULL;

      /* {"status": 400, "error": "…"} or the REST envelope {"error": {"message"}} */
      node = json_object_get_member (root, "error");
      if (JSON_NODE_HOLDS_OBJECT (node))
        message = ps_stream_parse_member_text (json_node_get_object (node), "message");
      else
        message = ps_venue_parse_text (node);
      ps_stream_parse_refused (error, "BitMEX", message);
      return NULL;
    }
  if (json_object_has_member (root, "info"))
    return ps_liquidations_new (0);

  node = ps_venue_parse_member (root, f, "success");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN || !json_node_get_boolean (node))
    return ps_venue_parse_field_error (f, node, "“table”, “info” or “success”", error), NULL;
  return ps_liquidations_new (0);
}

PsLiquidations *
ps_bitmex_parse_ws_frame (const char           *data,
                          gsize                 length,
                          const char           *symbol,
                          const PsContractSize *contract,
                          gint64                now_ms,
                          GPtrArray           **order_ids,
                          GError              **error)
{
  static const char * const quiet[] = { "partial", "update", "delete", NULL };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsLiquidations) rows = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  PsVenueField f = { N_("BitMEX liquidation"), 0, NULL, -1 };
  JsonObject *root, *order;
  JsonArray *orders;
  JsonNode *table, *action;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (contract != NULL && contract->size > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (order_ids != NULL)
    *order_ids = NULL;
  if (ps_stream_parse_is_text (data, length, "pong"))
    return ps_liquidations_new (0);
  if (!(parser = ps_venue_parse_load (f.what, data, length, error)))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));

  if (!json_object_has_member (root, "table"))
    return ps_bitmex_ws_control (root, &f, error);

  table = ps_venue_parse_member (root, &f, "table");
  if (!ps_stream_parse_string_is (table, "liquidation"))
    return ps_venue_parse_field_error (&f, table, "“liquidation”", error), NULL;
  if (!(orders = ps_stream_parse_array (root, &f, "data", error)))
    return NULL;
  action = ps_venue_parse_member (root, &f, "action");
  rows = ps_liquidations_new (1);
  if (ps_venue_parse_is_string (action) && g_strv_contains (quiet, json_node_get_string (action)))
    return g_steal_pointer (&rows);   /* counted at its insert, once */
  if (!ps_stream_parse_string_is (action, "insert"))
    return ps_venue_parse_field_error (&f, action, "“insert”, “update” or “delete”", error), NULL;

  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (orders); i++)
    if (!(order = ps_stream_parse_row (orders, i, &f, "data", error)) ||
        !ps_bitmex_ws_insert (order, &f, symbol, contract, now_ms, rows, ids, error))
      return NULL;
  if (order_ids != NULL)
    *order_ids = g_steal_pointer (&ids);
  return g_steal_pointer (&rows);
}
