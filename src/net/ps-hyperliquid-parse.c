/* ps-hyperliquid-parse.c: Hyperliquid POST /info bodies → columnar series (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ps-hyperliquid-parse.h"
#include "ps-net-error.h"
#include "ps-venue-parse.h"

#define PS_HYPERLIQUID_HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)

typedef struct
{
  const char *what;   /* "Hyperliquid candles" */
  guint       row;
  const char *name;   /* "h" */
} PsHlField;

typedef enum
{
  PS_HL_ANY,
  PS_HL_NON_NEGATIVE,
  PS_HL_POSITIVE,
} PsHlRange;

static gboolean
ps_hl_field_error (const PsHlField  *field,
                   JsonNode         *node,
                   const char       *expected,
                   GError          **error)
{
  g_autofree char *got = ps_venue_parse_describe (node);

  g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD,
               _("%s: row %u, field “%s”: expected %s, got %s"),
               field->what, field->row, field->name, expected, got);
  return FALSE;
}

static JsonNode *
ps_hl_member (JsonObject *object,
              PsHlField  *field,
              const char *name)
{
  field->name = name;
  return json_object_get_member (object, name);
}

static gboolean
ps_hl_is (JsonNode *node,
          GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Whole string, plain decimal notation: strtod alone takes " 1", "0x1p3", "inf". */
static gboolean
ps_hl_strtod (const char *str,
              double     *value)
{
  char *end = NULL;

  if (*str == '\0' || strspn (str, "0123456789+-.eE") != strlen (str))
    return FALSE;
  *value = g_ascii_strtod (str, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static gboolean
ps_hl_read_decimal (const PsHlField  *field,
                    JsonNode         *node,
                    PsHlRange         range,
                    double           *value,
                    GError          **error)
{
  if (!ps_hl_is (node, G_TYPE_STRING) || !ps_hl_strtod (json_node_get_string (node), value))
    return ps_hl_field_error (field, node, _("a decimal string"), error);
  if (range == PS_HL_POSITIVE && !(*value > 0))
    return ps_hl_field_error (field, node, _("a value above 0"), error);
  if (range == PS_HL_NON_NEGATIVE && !(*value >= 0))
    return ps_hl_field_error (field, node, _("a value of 0 or more"), error);
  return TRUE;
}

static gboolean
ps_hl_read_int (const PsHlField  *field,
                JsonNode         *node,
                gint64           *value,
                GError          **error)
{
  if (!ps_hl_is (node, G_TYPE_INT64) || json_node_get_int (node) < 0)
    return ps_hl_field_error (field, node, _("a non-negative integer"), error);
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
ps_hl_check_order (const PsHlField  *field,
                   JsonNode         *node,
                   gint64            t_ms,
                   gint64            previous_ms,
                   GError          **error)
{
  if (field->row == 0 || t_ms > previous_ms)
    return TRUE;
  return ps_hl_field_error (field, node, _("a time after the previous row’s"), error);
}

static JsonParser *
ps_hl_load (const char  *data,
            gsize        length,
            const char  *what,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data ? data : "", (gssize) MIN (length, G_MAXSSIZE),
                                   &local_error))
    {
      /* json-glib quotes the bad token as sent, invalid UTF-8 included. */
      g_autofree char *why = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                   _("%s: the answer is not JSON: %s"), what, why);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_autofree char *got = root ? ps_venue_parse_describe (root) : g_strdup (_("an empty body"));

      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                   _("%s: expected an array, got %s"), what, got);
      return NULL;
    }
  return g_steal_pointer (&parser);
}

static JsonObject *
ps_hl_row (JsonArray   *rows,
           guint        i,
           const char  *what,
           GError     **error)
{
  JsonNode *row = json_array_get_element (rows, i);

  if (!JSON_NODE_HOLDS_OBJECT (row))
    {
      g_autofree char *got = ps_venue_parse_describe (row);

      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD,
                   _("%s: row %u: expected an object, got %s"), what, i, got);
      return NULL;
    }
  return json_node_get_object (row);
}

static gboolean
ps_hl_read_candle (JsonObject  *row,
                   guint        i,
                   gint64       previous_ms,
                   PsCandles   *candles,
                   GError     **error)
{
  static const char * const prices[] = { "o", "h", "l", "c" };
  PsHlField f = { "Hyperliquid candles", i, NULL };
  gint64 t_ms = 0, close_ms = 0, trades = 0;
  double v[4], volume;
  JsonNode *node;

  node = ps_hl_member (row, &f, "t");
  if (!ps_hl_read_int (&f, node, &t_ms, error) ||
      !ps_hl_check_order (&f, node, t_ms, previous_ms, error))
    return FALSE;
  node = ps_hl_member (row, &f, "T");
  if (!ps_hl_read_int (&f, node, &close_ms, error))
    return FALSE;
  if (close_ms < t_ms)
    return ps_hl_field_error (&f, node, _("a time after the open time"), error);

  for (guint k = 0; k < G_N_ELEMENTS (prices); k++)
    if (!ps_hl_read_decimal (&f, ps_hl_member (row, &f, prices[k]), PS_HL_POSITIVE, &v[k], error))
      return FALSE;
  if (!ps_hl_read_decimal (&f, ps_hl_member (row, &f, "v"), PS_HL_NON_NEGATIVE, &volume, error) ||
      !ps_hl_read_int (&f, ps_hl_member (row, &f, "n"), &trades, error))
    return FALSE;
  if (v[1] < v[2])
    return ps_hl_field_error (&f, ps_hl_member (row, &f, "h"), _("a value at or above the low"),
                              error);

  ps_candles_append (candles, t_ms, v[0], v[1], v[2], v[3], volume, NAN);
  return TRUE;
}

PsCandles *
ps_hyperliquid_parse_candles (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsCandles) candles = NULL;
  JsonArray *rows;
  guint n;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_hl_load (data, length, "Hyperliquid candles", error)))
    return NULL;

  rows = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (rows);
  candles = ps_candles_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = ps_hl_row (rows, i, "Hyperliquid candles", error);

      if (row == NULL ||
          !ps_hl_read_candle (row, i, i > 0 ? candles->t_ms[i - 1] : 0, candles, error))
        return NULL;
    }
  return g_steal_pointer (&candles);
}

PsFunding *
ps_hyperliquid_parse_funding (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsFunding) funding = NULL;
  JsonArray *rows;
  guint n;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_hl_load (data, length, "Hyperliquid funding rates", error)))
    return NULL;

  rows = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (rows);
  funding = ps_funding_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = ps_hl_row (rows, i, "Hyperliquid funding rates", error);
      PsHlField f = { "Hyperliquid funding rates", i, NULL };
      gint64 t_ms = 0;
      JsonNode *node;
      double rate, premium;

      if (row == NULL)
        return NULL;
      node = ps_hl_member (row, &f, "time");
      if (!ps_hl_read_int (&f, node, &t_ms, error))
        return NULL;
      /* Settlements fall on the hour, stamped a few hundred ms late. */
      t_ms = (t_ms + PS_HYPERLIQUID_HOUR_MS / 2) / PS_HYPERLIQUID_HOUR_MS * PS_HYPERLIQUID_HOUR_MS;
      if (!ps_hl_check_order (&f, node, t_ms, i > 0 ? funding->t_ms[i - 1] : 0, error) ||
          !ps_hl_read_decimal (&f, ps_hl_member (row, &f, "fundingRate"), PS_HL_ANY, &rate,
                               error) ||
          !ps_hl_read_decimal (&f, ps_hl_member (row, &f, "premium"), PS_HL_ANY, &premium, error))
        return NULL;
      ps_funding_append (funding, t_ms, rate, NAN);
    }
  return g_steal_pointer (&funding);
}

/* The index of coin in meta.universe, -1 when it is not listed. */
static gboolean
ps_hl_find_coin (JsonArray   *top,
                 const char  *coin,
                 gint        *index,
                 JsonArray  **contexts,
                 GError     **error)
{
  PsHlField f = { "Hyperliquid asset contexts", 0, NULL };
  JsonNode *meta = json_array_get_length (top) == 2 ? json_array_get_element (top, 0) : NULL;
  JsonNode *ctxs = json_array_get_length (top) == 2 ? json_array_get_element (top, 1) : NULL;
  JsonNode *universe;
  guint n;

  if (meta == NULL || !JSON_NODE_HOLDS_OBJECT (meta) || !JSON_NODE_HOLDS_ARRAY (ctxs))
    {
      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                   _("%s: expected [meta, contexts]"), f.what);
      return FALSE;
    }
  universe = ps_hl_member (json_node_get_object (meta), &f, "universe");
  if (universe == NULL || !JSON_NODE_HOLDS_ARRAY (universe))
    return ps_hl_field_error (&f, universe, _("an array"), error);

  *contexts = json_node_get_array (ctxs);
  *index = -1;
  n = json_array_get_length (json_node_get_array (universe));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *asset = json_array_get_element (json_node_get_array (universe), i);
      JsonNode *name = JSON_NODE_HOLDS_OBJECT (asset)
        ? json_object_get_member (json_node_get_object (asset), "name") : NULL;

      f.row = i;
      f.name = "name";
      if (!ps_hl_is (name, G_TYPE_STRING))
        return ps_hl_field_error (&f, name, _("a coin name"), error);
      if (*index < 0 && strcmp (json_node_get_string (name), coin) == 0)
        *index = (gint) i;
    }
  if (n != json_array_get_length (*contexts))
    {
      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                   _("%s: %u coins but %u contexts"), f.what, n,
                   json_array_get_length (*contexts));
      return FALSE;
    }
  return TRUE;
}

PsOpenInterest *
ps_hyperliquid_parse_asset_ctx (const char  *data,
                                gsize        length,
                                const char  *coin,
                                gint64       time_ms,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsOpenInterest) open_interest = NULL;
  PsHlField f = { "Hyperliquid asset contexts", 0, NULL };
  JsonArray *contexts = NULL;
  JsonObject *ctx;
  JsonNode *node;
  double contracts, price;
  gint index = -1;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (coin != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_hl_load (data, length, f.what, error)) ||
      !ps_hl_find_coin (json_node_get_array (json_parser_get_root (parser)), coin, &index,
                        &contexts, error))
    return NULL;
  if (index < 0)
    {
      g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL,
                   _("Hyperliquid does not list the symbol “%s”"), coin);
      return NULL;
    }

  f.row = (guint) index;
  if (!(ctx = ps_hl_row (contexts, (guint) index, f.what, error)) ||
      !ps_hl_read_decimal (&f, ps_hl_member (ctx, &f, "openInterest"), PS_HL_NON_NEGATIVE,
                           &contracts, error))
    return NULL;
  /* markPx is null while a market has no book: the oracle then prices it. */
  node = ps_hl_member (ctx, &f, "markPx");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    node = ps_hl_member (ctx, &f, "oraclePx");
  if (!ps_hl_read_decimal (&f, node, PS_HL_POSITIVE, &price, error))
    return NULL;

  open_interest = ps_open_interest_new (1);
  ps_open_interest_append (open_interest, time_ms, contracts, contracts * price);
  return g_steal_pointer (&open_interest);
}
