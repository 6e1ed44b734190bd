/* ps-bitmex-parse.c: BitMEX bodies → columnar series (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "ps-bitmex-parse.h"
#include "ps-net-error.h"
#include "ps-venue-parse.h"

/* "2015-09-25T13:38:00.000Z": a time zone is required (GLib refuses the
 * string without one when no default is given). */
static gboolean
ps_bitmex_read_time (const PsVenueField  *field,
                     JsonNode             *node,
                     gint64               *t_ms,
                     GError              **error)
{
  g_autoptr(GDateTime) date = NULL;

  if (ps_venue_parse_is_string (node))
    date = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  if (date == NULL || g_date_time_to_unix (date) < 0)
    return ps_venue_parse_field_error (field, node, _("an ISO-8601 time in UTC"), error);

  *t_ms = g_date_time_to_unix (date) * 1000 + g_date_time_get_microsecond (date) / 1000;
  return TRUE;
}

/* {"error": {"message": "…", "name": "HTTPError"}} */
static gboolean
ps_bitmex_node_is_envelope (JsonNode    *root,
                            const char **name,
                            const char **message)
{
  JsonNode *inner, *message_node, *name_node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  inner = json_object_get_member (json_node_get_object (root), "error");
  if (inner == NULL || !JSON_NODE_HOLDS_OBJECT (inner))
    return FALSE;

  message_node = json_object_get_member (json_node_get_object (inner), "message");
  name_node = json_object_get_member (json_node_get_object (inner), "name");
  if (!ps_venue_parse_is_string (message_node))
    return FALSE;
  *message = json_node_get_string (message_node);
  *name = ps_venue_parse_is_string (name_node) ? json_node_get_string (name_node) : "Error";
  return TRUE;
}

/* The body as an array of objects; the venue's envelope as its error. */
static JsonParser *
ps_bitmex_load (const char  *data,
                gsize        length,
                const char  *what,
                GError     **error)
{
  g_autoptr(JsonParser) parser = ps_venue_parse_load_any (what, data, length, error);
  const char *name, *message;
  JsonNode *root;

  if (parser == NULL)
    return NULL;
  root = json_parser_get_root (parser);
  if (ps_bitmex_node_is_envelope (root, &name, &message))
    {
      /* The bytes as sent: made valid, they reach the banner. */
      g_autofree char *valid_message = g_utf8_make_valid (message, -1);
      g_autofree char *valid_name = g_utf8_make_valid (name, -1);

      g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_VENUE, _("BitMEX: %s (%s)"),
                   valid_message, valid_name);
      return NULL;
    }
  if (!ps_venue_parse_expect (what, root, JSON_NODE_ARRAY, error))
    return NULL;
  return g_steal_pointer (&parser);
}

static gboolean
ps_bitmex_read_bucket (JsonObject  *row,
                       guint        i,
                       gint64       bin_ms,
                       gint64       previous_ms,
                       PsCandles   *candles,
                       GError     **error)
{
  static const char * const prices[] = { "open", "high", "low", "close" };
  PsVenueField f = { N_("BitMEX candles"), i, NULL, -1 };
  double v[4], volume;
  gint64 end_ms = 0;
  JsonNode *node;

  node = ps_venue_parse_member (row, &f, "timestamp");
  if (!ps_bitmex_read_time (&f, node, &end_ms, error))
    return FALSE;
  /* The end of the bucket: the open time is one bin earlier. */
  if (end_ms < bin_ms)
    return ps_venue_parse_field_error (&f, node, _("a time at least one bucket after 1970"), error);
  if (!ps_venue_parse_check_oldest_first (&f, node, end_ms - bin_ms, previous_ms, error))
    return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (prices); k++)
    if (!ps_venue_parse_number (&f, ps_venue_parse_member (row, &f, prices[k]), PS_VENUE_RANGE_POSITIVE,
                                &v[k], error))
      return FALSE;
  if (!ps_venue_parse_number (&f, ps_venue_parse_member (row, &f, "homeNotional"),
                              PS_VENUE_RANGE_NON_NEGATIVE, &volume, error))
    return FALSE;
  /* Only high ≥ low: BitMEX's open is the previous bucket's close, which
   * may lie outside this bucket's trades. */
  if (v[1] < v[2])
    return ps_venue_parse_field_error (&f, ps_venue_parse_member (row, &f, "high"),
                                  _("a value at or above the low"), error);

  ps_candles_append (candles, end_ms - bin_ms, v[0], v[1], v[2], v[3], volume, NAN);
  return TRUE;
}

PsCandles *
ps_bitmex_parse_trade_bucketed (const char  *data,
                                gsize        length,
                                gint64       bin_ms,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsCandles) candles = NULL;
  JsonArray *rows;
  guint n;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (bin_ms > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_bitmex_load (data, length, N_("BitMEX candles"), error)))
    return NULL;

  rows = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (rows);
  candles = ps_candles_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = ps_venue_parse_row (rows, i, N_("BitMEX candles"), error);

      if (row == NULL ||
          !ps_bitmex_read_bucket (row, i, bin_ms, i > 0 ? candles->t_ms[i - 1] : 0, candles,
                                  error))
        return NULL;
    }
  return g_steal_pointer (&candles);
}

PsFunding *
ps_bitmex_parse_funding (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsFunding) funding = NULL;
  JsonArray *rows;
  guint n;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_bitmex_load (data, length, N_("BitMEX funding rates"), error)))
    return NULL;

  rows = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (rows);
  funding = ps_funding_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = ps_venue_parse_row (rows, i, N_("BitMEX funding rates"), error);
      PsVenueField f = { N_("BitMEX funding rates"), i, NULL, -1 };
      gint64 t_ms = 0;
      JsonNode *node;
      double rate;

      if (row == NULL)
        return NULL;
      node = ps_venue_parse_member (row, &f, "timestamp");
      if (!ps_bitmex_read_time (&f, node, &t_ms, error) ||
          !ps_venue_parse_check_oldest_first (&f, node, t_ms, i > 0 ? funding->t_ms[i - 1] : 0, error) ||
          !ps_venue_parse_number (&f, ps_venue_parse_member (row, &f, "fundingRate"), PS_VENUE_RANGE_ANY,
                                  &rate, error))
        return NULL;
      ps_funding_append (funding, t_ms, rate, NAN);
    }
  return g_steal_pointer (&funding);
}

/* The first instrument of the answer; [] is an unknown symbol. */
static JsonObject *
ps_bitmex_instrument (JsonParser  *parser,
                      const char  *what,
                      GError     **error)
{
  JsonArray *rows = json_node_get_array (json_parser_get_root (parser));

  if (json_array_get_length (rows) == 0)
    {
      g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL,
                   _("%s: no such instrument"), _(what));
      return NULL;
    }
  return ps_venue_parse_row (rows, 0, what, error);
}

/* Contracts → base coin and USD, from the instrument's own multipliers:
 * inverse (XBTUSD) 1 contract = multiplier / underlyingToSettleMultiplier USD
 * (−1e8 / −1e8 = 1); linear (XBTUSDT) 1 contract = 1 / underlyingToPositionMultiplier
 * XBT. Quanto contracts (neither) are refused. */
static gboolean
ps_bitmex_read_open_interest (JsonObject  *object,
                              double      *base,
                              double      *usd,
                              GError     **error)
{
  PsVenueField f = { N_("BitMEX open interest"), 0, NULL, -1 };
  double contracts, mark, size, settle;
  JsonNode *node;

  if (!ps_venue_parse_number (&f, ps_venue_parse_member (object, &f, "openInterest"),
                              PS_VENUE_RANGE_NON_NEGATIVE, &contracts, error) ||
      !ps_venue_parse_number (&f, ps_venue_parse_member (object, &f, "markPrice"), PS_VENUE_RANGE_POSITIVE,
                              &mark, error))
    return FALSE;

  node = ps_venue_parse_member (object, &f, "isQuanto");
  if (node != NULL && !(JSON_NODE_HOLDS_VALUE (node) &&
                        json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                        !json_node_get_boolean (node)))
    return ps_venue_parse_field_error (&f, node, _("false (quanto contracts are not supported)"), error);

  node = ps_venue_parse_member (object, &f, "isInverse");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return ps_venue_parse_field_error (&f, node, _("true or false"), error);

  if (json_node_get_boolean (node))
    {
      if (!ps_venue_parse_number (&f, ps_venue_parse_member (object, &f, "multiplier"), PS_VENUE_RANGE_ANY,
                                  &size, error) ||
          !ps_venue_parse_number (&f, ps_venue_parse_member (object, &f, "underlyingToSettleMultiplier"),
                                  PS_VENUE_RANGE_ANY, &settle, error))
        return FALSE;
      if (settle == 0 || size / settle <= 0)
        return ps_venue_parse_field_error (&f, ps_venue_parse_member (object, &f, "multiplier"),
                                      _("the sign of underlyingToSettleMultiplier"), error);
      *usd = contracts * size / settle;
      *base = *usd / mark;
      return TRUE;
    }

  if (!ps_venue_parse_number (&f, ps_venue_parse_member (object, &f, "underlyingToPositionMultiplier"),
                              PS_VENUE_RANGE_POSITIVE, &size, error))
    return FALSE;
  *base = contracts / size;
  *usd = *base * mark;
  return TRUE;
}

PsOpenInterest *
ps_bitmex_parse_instrument (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsOpenInterest) open_interest = NULL;
  PsVenueField f = { N_("BitMEX open interest"), 0, NULL, -1 };
  JsonObject *object;
  double base = 0, usd = 0;
  gint64 t_ms = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_bitmex_load (data, length, f.what, error)) ||
      !(object = ps_bitmex_instrument (parser, f.what, error)) ||
      !ps_bitmex_read_time (&f, ps_venue_parse_member (object, &f, "timestamp"), &t_ms, error) ||
      !ps_bitmex_read_open_interest (object, &base, &usd, error))
    return NULL;

  open_interest = ps_open_interest_new (1);
  ps_open_interest_append (open_interest, t_ms, base, usd);
  return g_steal_pointer (&open_interest);
}

gboolean
ps_bitmex_parse_server_time (const char  *data,
                             gsize        length,
                             gint64      *server_time_ms,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  PsVenueField f = { N_("BitMEX server time"), 0, "timestamp" };
  JsonObject *object;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (server_time_ms != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(parser = ps_bitmex_load (data, length, f.what, error)) ||
      !(object = ps_bitmex_instrument (parser, f.what, error)))
    return FALSE;
  return ps_bitmex_read_time (&f, json_object_get_member (object, "timestamp"), server_time_ms,
                              error);
}

gboolean
ps_bitmex_parse_error_envelope (const char  *data,
                                gsize        length,
                                char       **name,
                                char       **message)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *n, *m;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (data == NULL || length > G_MAXSSIZE ||
      !json_parser_load_from_data (parser, data, (gssize) length, NULL) ||
      !ps_bitmex_node_is_envelope (json_parser_get_root (parser), &n, &m))
    return FALSE;

  if (name != NULL)
    *name = g_utf8_make_valid (n, -1);      /* the bytes as sent */
  if (message != NULL)
    *message = g_utf8_make_valid (m, -1);
  return TRUE;
}
