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

static JsonParser *
ps_hl_load (const char  *data,
            gsize        length,
            const char  *what,
            GError     **error)
{
  g_autoptr(JsonParser) parser = ps_venue_parse_load_any (what, data, length, error);

  if (parser == NULL || !ps_venue_parse_expect (what, json_parser_get_root (parser),
                                                JSON_NODE_ARRAY, error))
    return NULL;
  return g_steal_pointer (&parser);
}

static gboolean
ps_hl_read_candle (JsonObject  *row,
                   guint        i,
                   gint64       previous_ms,
                   PsCandles   *candles,
                   GError     **error)
{
  static const char * const prices[] = { "o", "h", "l", "c" };
  PsVenueField f = { N_("Hyperliquid candles"), i, NULL, -1 };
  gint64 t_ms = 0, close_ms = 0, trades = 0;
  double v[4], volume;
  JsonNode *node;

  node = ps_venue_parse_member (row, &f, "t");
  if (!ps_venue_parse_uint (&f, node, &t_ms, error) ||
      !ps_venue_parse_check_oldest_first (&f, node, t_ms, previous_ms, error))
    return FALSE;
  node = ps_venue_parse_member (row, &f, "T");
  if (!ps_venue_parse_uint (&f, node, &close_ms, error))
    return FALSE;
  if (close_ms < t_ms)
    return ps_venue_parse_field_error (&f, node, _("a time after the open time"), error);

  for (guint k = 0; k < G_N_ELEMENTS (prices); k++)
    if (!ps_venue_parse_decimal (&f, ps_venue_parse_member (row, &f, prices[k]), PS_VENUE_RANGE_POSITIVE, &v[k], error))
      return FALSE;
  if (!ps_venue_parse_decimal (&f, ps_venue_parse_member (row, &f, "v"), PS_VENUE_RANGE_NON_NEGATIVE, &volume, error) ||
      !ps_venue_parse_uint (&f, ps_venue_parse_member (row, &f, "n"), &trades, error))
    return FALSE;
  if (v[1] < v[2])
    return ps_venue_parse_field_error (&f, ps_venue_parse_member (row, &f, "h"), _("a value at or above the low"),
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

  if (!(parser = ps_hl_load (data, length, N_("Hyperliquid candles"), error)))
    return NULL;

  rows = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (rows);
  candles = ps_candles_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = ps_venue_parse_row (rows, i, N_("Hyperliquid candles"), error);

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

  if (!(parser = ps_hl_load (data, length, N_("Hyperliquid funding rates"), error)))
    return NULL;

  rows = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (rows);
  funding = ps_funding_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = ps_venue_parse_row (rows, i, N_("Hyperliquid funding rates"), error);
      PsVenueField f = { N_("Hyperliquid funding rates"), i, NULL, -1 };
      gint64 t_ms = 0;
      JsonNode *node;
      double rate, premium;

      if (row == NULL)
        return NULL;
      node = ps_venue_parse_member (row, &f, "time");
      if (!ps_venue_parse_uint (&f, node, &t_ms, error))
        return NULL;
      /* Settlements fall on the hour, stamped a few hundred ms late. */
      t_ms = (t_ms + PS_HYPERLIQUID_HOUR_MS / 2) / PS_HYPERLIQUID_HOUR_MS * PS_HYPERLIQUID_HOUR_MS;
      if (!ps_venue_parse_check_oldest_first (&f, node, t_ms, i > 0 ? funding->t_ms[i - 1] : 0, error) ||
          !ps_venue_parse_decimal (&f, ps_venue_parse_member (row, &f, "fundingRate"), PS_VENUE_RANGE_ANY, &rate,
                               error) ||
          !ps_venue_parse_decimal (&f, ps_venue_parse_member (row, &f, "premium"), PS_VENUE_RANGE_ANY, &premium, error))
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
  PsVenueField f = { N_("Hyperliquid asset contexts"), 0, NULL, -1 };
  JsonNode *meta = json_array_get_length (top) == 2 ? json_array_get_element (top, 0) : NULL;
  JsonNode *ctxs = json_array_get_length (top) == 2 ? json_array_get_element (top, 1) : NULL;
  JsonNode *universe;
  guint n;

  if (meta == NULL || !JSON_NODE_HOLDS_OBJECT (meta) || !JSON_NODE_HOLDS_ARRAY (ctxs))
    {
      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                   _("%s: expected [meta, contexts]"), _(f.what));
      return FALSE;
    }
  universe = ps_venue_parse_member (json_node_get_object (meta), &f, "universe");
  if (universe == NULL || !JSON_NODE_HOLDS_ARRAY (universe))
    return ps_venue_parse_field_error (&f, universe, _("an array"), error);

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
      if (!ps_venue_parse_is_string (name))
        return ps_venue_parse_field_error (&f, name, _("a coin name"), error);
      if (*index < 0 && strcmp (json_node_get_string (name), coin) == 0)
        *index = (gint) i;
    }
  if (n != json_array_get_length (*contexts))
    {
      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                   _("%s: %u coins but %u contexts"), _(f.what), n,
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
  PsVenueField f = { N_("Hyperliquid asset contexts"), 0, NULL, -1 };
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
  if (!(ctx = ps_venue_parse_row (contexts, (guint) index, f.what, error)) ||
      !ps_venue_parse_decimal (&f, ps_venue_parse_member (ctx, &f, "openInterest"), PS_VENUE_RANGE_NON_NEGATIVE,
                           &contracts, error))
    return NULL;
  /* markPx is null while a market has no book: the oracle then prices it. */
  node = ps_venue_parse_member (ctx, &f, "markPx");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    node = ps_venue_parse_member (ctx, &f, "oraclePx");
  if (!ps_venue_parse_decimal (&f, node, PS_VENUE_RANGE_POSITIVE, &price, error))
    return NULL;

  open_interest = ps_open_interest_new (1);
  ps_open_interest_append (open_interest, time_ms, contracts, contracts * price);
  return g_steal_pointer (&open_interest);
}
