/* ps-bybit-parse.c: Bybit v5 (linear) bodies → columnar series (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-bybit-parse.h"
#include "ps-net-error.h"
#include "ps-venue-parse.h"

/* retCode 10001 is every parameter error; only its "Not supported symbols"
 * (or "symbol invalid") message means the market does not exist. */
#define PS_BYBIT_PARAMS_ERROR 10001
#define PS_BYBIT_TOO_MANY     10006

static gboolean
ps_bybit_message_is_unknown_symbol (const char *message)
{
  g_autofree char *lower = g_ascii_strdown (message, -1);

  return strstr (lower, "not supported symbol") != NULL ||
         strstr (lower, "symbol invalid") != NULL ||
         strstr (lower, "invalid symbol") != NULL;
}

/* FALSE with error for an envelope whose retCode is not 0 or missing. */
static gboolean
ps_bybit_check_envelope (const char  *what,
                         JsonObject  *root,
                         GError     **error)
{
  PsVenueField f = { what, 0, NULL, -1 };
  JsonNode *code_node = ps_venue_parse_member (root, &f, "retCode");
  JsonNode *msg_node = json_object_get_member (root, "retMsg");
  g_autofree char *message = NULL;
  gint64 code;

  if (!ps_venue_parse_is_int (code_node))
    return ps_venue_parse_field_error (&f, code_node, _("an integer"), error);

  code = json_node_get_int (code_node);
  if (code == 0)
    return TRUE;

  message = ps_venue_parse_text (msg_node);
  if (code == PS_BYBIT_PARAMS_ERROR && ps_bybit_message_is_unknown_symbol (message))
    g_set_error (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL,
                 _("Bybit: %s (retCode %d)"), message, (int) CLAMP (code, G_MININT, G_MAXINT));
  else
    g_set_error (error, PS_NET_ERROR,
                 code == PS_BYBIT_TOO_MANY ? PS_NET_ERROR_RATE_LIMITED : PS_NET_ERROR_VENUE,
                 _("Bybit: %s (retCode %d)"), message, (int) CLAMP (code, G_MININT, G_MAXINT));
  return FALSE;
}

/* The envelope checked, result.list: the rows. */
static JsonParser *
ps_bybit_load_list (const char  *what,
                    const char  *data,
                    gsize        length,
                    JsonArray  **list,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = ps_venue_parse_load (what, data, length, error);
  PsVenueField f = { what, 0, NULL, -1 };
  JsonObject *root;
  JsonNode *node;

  if (parser == NULL)
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!ps_bybit_check_envelope (what, root, error))
    return NULL;

  node = ps_venue_parse_member (root, &f, "result");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return ps_venue_parse_field_error (&f, node, _("an object"), error), NULL;
  node = ps_venue_parse_member (json_node_get_object (node), &f, "list");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return ps_venue_parse_field_error (&f, node, _("an array of rows"), error), NULL;

  *list = json_node_get_array (node);
  return g_steal_pointer (&parser);
}

static const char * const kline_names[] = {
  "startTime", "open", "high", "low", "close", "volume", "turnover",
};

static gboolean
ps_bybit_read_kline (JsonArray   *rows,
                     guint        i,
                     gint64      *older_ms,
                     gpointer     series,
                     GError     **error)
{
  PsCandles *candles = series;
  PsVenueField f = { N_("Bybit klines"), i, NULL, -1 };
  JsonNode *node = json_array_get_element (rows, i);
  JsonArray *row;
  double v[6];
  gint64 t_ms = 0;

  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) < G_N_ELEMENTS (kline_names))
    {
      f.name = "list";
      return ps_venue_parse_field_error (&f, node, _("an array of 7 strings"), error);
    }
  row = json_node_get_array (node);

  node = ps_venue_parse_element (row, &f, 0, kline_names[0]);
  if (!ps_venue_parse_row_time (&f, node, rows, *older_ms, &t_ms, error))
    return FALSE;

  for (guint k = 1; k <= 5; k++)
    if (!ps_venue_parse_decimal (&f, ps_venue_parse_element (row, &f, k, kline_names[k]),
                                 k == 5 ? PS_VENUE_RANGE_NON_NEGATIVE : PS_VENUE_RANGE_POSITIVE,
                                 &v[k], error))
      return FALSE;
  /* Turnover is not kept, but a page with a broken one is broken. */
  if (!ps_venue_parse_decimal (&f, ps_venue_parse_element (row, &f, 6, kline_names[6]),
                               PS_VENUE_RANGE_NON_NEGATIVE, &v[0], error))
    return FALSE;
  if (!ps_venue_parse_check_high_low (&f, ps_venue_parse_element (row, &f, 2, kline_names[2]),
                                      v[2], v[3], error))
    return FALSE;

  ps_candles_append (candles, t_ms, v[1], v[2], v[3], v[4], v[5], NAN);
  *older_ms = t_ms;
  return TRUE;
}

PsCandles *
ps_bybit_parse_kline (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(PsCandles) candles = ps_candles_new (0);

  if (!ps_venue_parse_newest_first (ps_bybit_load_list, N_("Bybit klines"), data, length,
                                    ps_bybit_read_kline, candles, error))
    return NULL;
  return g_steal_pointer (&candles);
}

static gboolean
ps_bybit_read_funding (JsonArray   *rows,
                       guint        i,
                       gint64      *older_ms,
                       gpointer     series,
                       GError     **error)
{
  PsFunding *funding = series;
  PsVenueField f = { N_("Bybit funding history"), i, NULL, -1 };
  JsonObject *row = ps_venue_parse_list_object (rows, i, f.what, "list", error);
  JsonNode *node;
  gint64 t_ms = 0;
  double rate;

  if (row == NULL)
    return FALSE;

  node = ps_venue_parse_member (row, &f, "fundingRateTimestamp");
  if (!ps_venue_parse_row_time (&f, node, rows, *older_ms, &t_ms, error))
    return FALSE;
  if (!ps_venue_parse_decimal (&f, ps_venue_parse_member (row, &f, "fundingRate"),
                               PS_VENUE_RANGE_ANY, &rate, error))
    return FALSE;
  node = ps_venue_parse_member (row, &f, "symbol");
  if (!ps_venue_parse_is_string (node))
    return ps_venue_parse_field_error (&f, node, _("a symbol"), error);

  ps_funding_append (funding, t_ms, rate, NAN);
  *older_ms = t_ms;
  return TRUE;
}

PsFunding *
ps_bybit_parse_funding_history (const char  *data,
                                gsize        length,
                                GError     **error)
{
  g_autoptr(PsFunding) funding = ps_funding_new (0);

  if (!ps_venue_parse_newest_first (ps_bybit_load_list, N_("Bybit funding history"), data, length,
                                    ps_bybit_read_funding, funding, error))
    return NULL;
  return g_steal_pointer (&funding);
}

static gboolean
ps_bybit_read_open_interest (JsonArray   *rows,
                             guint        i,
                             gint64      *older_ms,
                             gpointer     series,
                             GError     **error)
{
  PsOpenInterest *open_interest = series;
  PsVenueField f = { N_("Bybit open interest"), i, NULL, -1 };
  JsonObject *row = ps_venue_parse_list_object (rows, i, f.what, "list", error);
  JsonNode *node;
  gint64 t_ms = 0;
  double both, single;

  if (row == NULL)
    return FALSE;

  node = ps_venue_parse_member (row, &f, "timestamp");
  if (!ps_venue_parse_row_time (&f, node, rows, *older_ms, &t_ms, error))
    return FALSE;
  if (!ps_venue_parse_decimal (&f, ps_venue_parse_member (row, &f, "openInterest"),
                               PS_VENUE_RANGE_NON_NEGATIVE, &both, error))
    return FALSE;

  /* Rows from before 2026-06-11 have no single side. */
  node = ps_venue_parse_member (row, &f, "singleOpenInterest");
  single = both;
  if (node != NULL &&
      !ps_venue_parse_decimal (&f, node, PS_VENUE_RANGE_NON_NEGATIVE, &single, error))
    return FALSE;

  ps_open_interest_append (open_interest, t_ms, single, NAN);
  *older_ms = t_ms;
  return TRUE;
}

PsOpenInterest *
ps_bybit_parse_open_interest (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(PsOpenInterest) open_interest = ps_open_interest_new (0);

  if (!ps_venue_parse_newest_first (ps_bybit_load_list, N_("Bybit open interest"), data, length,
                                    ps_bybit_read_open_interest, open_interest, error))
    return NULL;
  return g_steal_pointer (&open_interest);
}

gboolean
ps_bybit_parse_server_time (const char  *data,
                            gsize        length,
                            gint64      *server_time_ms,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  PsVenueField f = { N_("Bybit server time"), 0, NULL, -1 };
  JsonObject *root;
  JsonNode *node;
  gint64 value = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (server_time_ms != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(parser = ps_venue_parse_load (f.what, data, length, error)))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!ps_bybit_check_envelope (f.what, root, error))
    return FALSE;

  node = ps_venue_parse_member (root, &f, "result");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return ps_venue_parse_field_error (&f, node, _("an object"), error);
  root = json_node_get_object (node);

  /* timeNano is "1688639403423213947": ns, still within gint64 until 2262. */
  node = ps_venue_parse_member (root, &f, "timeNano");
  if (node != NULL)
    {
      if (!ps_venue_parse_time (&f, node, &value, error))
        return FALSE;
      *server_time_ms = value / 1000000;
      return TRUE;
    }

  node = ps_venue_parse_member (root, &f, "timeSecond");
  if (!ps_venue_parse_time (&f, node, &value, error))
    return FALSE;
  if (value > G_MAXINT64 / 1000)
    return ps_venue_parse_field_error (&f, node, _("a time in seconds"), error);
  *server_time_ms = value * 1000;
  return TRUE;
}

gboolean
ps_bybit_parse_error_envelope (const char  *data,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *code;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  parser = ps_venue_parse_load ("Bybit", data, length, NULL);
  if (parser == NULL)
    return FALSE;
  code = json_object_get_member (json_node_get_object (json_parser_get_root (parser)),
                                 "retCode");
  if (!ps_venue_parse_is_int (code) || json_node_get_int (code) == 0)
    return FALSE;
  return !ps_bybit_check_envelope ("Bybit", json_node_get_object (json_parser_get_root (parser)),
                                   error);
}
