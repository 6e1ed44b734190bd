/* ps-binance-parse.c: Binance USDⓈ-M bodies → columnar series (no I/O)
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

#include "ps-binance-parse.h"
#include "ps-net-error.h"
#include "ps-venue-parse.h"

/* Binance error code for a symbol it does not list. */
#define PS_BINANCE_INVALID_SYMBOL (-1121)

/* Where a value sits, for the error message. Rows count from 0, as in the
 * JSON array (and jq's .[3]). */
typedef struct
{
  const char *what;    /* N_("Binance klines"): translated in the message */
  guint       row;
  const char *name;    /* “high” */
  int         index;   /* position in a kline array, -1 in objects */
} PsField;

typedef enum
{
  PS_RANGE_ANY,
  PS_RANGE_NON_NEGATIVE,
  PS_RANGE_POSITIVE,
} PsRange;

static gboolean
ps_field_error (const PsField  *field,
                JsonNode       *node,
                const char     *expected,
                GError        **error)
{
  g_autofree char *got = ps_venue_parse_describe (node);
  g_autofree char *where = NULL;

  if (field->index >= 0)
    where = g_strdup_printf (_("field “%s” (index %d)"), field->name, field->index);
  else
    where = g_strdup_printf (_("field “%s”"), field->name);

  g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD,
               _("%s: row %u, %s: expected %s, got %s"),
               _(field->what), field->row, where, expected, got);
  return FALSE;
}

static gboolean
ps_row_error (const char  *what,
              guint        row,
              JsonNode    *node,
              const char  *expected,
              GError     **error)
{
  g_autofree char *got = ps_venue_parse_describe (node);

  g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD,
               _("%s: row %u: expected %s, got %s"), _(what), row, expected, got);
  return FALSE;
}

/* The member name of an object row, pointing field at it. */
static JsonNode *
ps_member (JsonObject *object,
           PsField    *field,
           const char *name)
{
  field->name = name;
  return json_object_get_member (object, name);
}

/* Whole string, plain decimal notation: strtod alone would take " 1", "0x1p3",
 * "inf" and "1abc". */
static gboolean
ps_binance_strtod (const char *str,
                   double     *value)
{
  char *end = NULL;

  if (*str == '\0')
    return FALSE;
  for (const char *p = str; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-.eE", *p) == NULL)
      return FALSE;

  *value = g_ascii_strtod (str, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static gboolean
ps_binance_is_int (JsonNode *node)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
ps_binance_is_string (JsonNode *node)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Times are JSON integers (ms, UTC); openInterestHist's timestamp is a string
 * in the docs and a number on the wire, so allow_string takes both. */
static gboolean
ps_read_time (const PsField  *field,
              JsonNode       *node,
              gboolean        allow_string,
              gint64         *t_ms,
              GError        **error)
{
  if (ps_binance_is_int (node) && json_node_get_int (node) >= 0)
    {
      *t_ms = json_node_get_int (node);
      return TRUE;
    }

  if (allow_string && ps_binance_is_string (node))
    {
      guint64 value;

      if (g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXINT64,
                                      &value, NULL))
        {
          *t_ms = (gint64) value;
          return TRUE;
        }
    }

  return ps_field_error (field, node,
                         allow_string ? _("a time in ms (number or numeric string)")
                                      : _("a time in ms (a non-negative integer)"),
                         error);
}

/* Prices and volumes come as decimal strings, never as JSON numbers. */
static gboolean
ps_read_decimal (const PsField  *field,
                 JsonNode       *node,
                 PsRange         range,
                 double         *value,
                 GError        **error)
{
  if (!ps_binance_is_string (node) || !ps_binance_strtod (json_node_get_string (node), value))
    return ps_field_error (field, node, _("a decimal string"), error);

  if (range == PS_RANGE_POSITIVE && !(*value > 0))
    return ps_field_error (field, node, _("a value above 0"), error);
  if (range == PS_RANGE_NON_NEGATIVE && !(*value >= 0))
    return ps_field_error (field, node, _("a value of 0 or more"), error);
  return TRUE;
}

static gboolean
ps_check_order (const PsField  *field,
                JsonNode       *node,
                gint64          t_ms,
                gint64          previous_ms,
                GError        **error)
{
  g_autofree char *previous = NULL;
  g_autofree char *expected = NULL;

  /* Binance sends oldest first; a repeat or step back means a broken page. */
  if (field->row == 0 || t_ms > previous_ms)
    return TRUE;

  /* G_GINT64_FORMAT would hide the message from xgettext. */
  previous = g_strdup_printf ("%" G_GINT64_FORMAT, previous_ms);
  expected = g_strdup_printf (_("a time after the previous row’s %s"), previous);
  return ps_field_error (field, node, expected, error);
}

static void
ps_set_envelope_error (gint         code,
                       const char  *message,
                       GError     **error)
{
  g_autofree char *valid = g_utf8_make_valid (message, -1);

  g_set_error (error, PS_NET_ERROR,
               code == PS_BINANCE_INVALID_SYMBOL ? PS_NET_ERROR_UNKNOWN_SYMBOL
                                                 : PS_NET_ERROR_VENUE,
               _("Binance: %s (code %d)"), valid, code);
}

/* {"code": -1121, "msg": "Invalid symbol."}: code is a number, msg a string.
 * (allForceOrders answers with a positive 400 in code.) */
static gboolean
ps_binance_node_is_envelope (JsonNode    *root,
                             gint        *code,
                             const char **message)
{
  JsonObject *object;
  JsonNode *code_node, *msg_node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  code_node = json_object_get_member (object, "code");
  msg_node = json_object_get_member (object, "msg");
  if (!ps_binance_is_int (code_node) || !ps_binance_is_string (msg_node))
    return FALSE;

  *code = (gint) CLAMP (json_node_get_int (code_node), G_MININT, G_MAXINT);
  *message = json_node_get_string (msg_node);
  return TRUE;
}

/* Loads data and checks the top level: an array (want_array) or an object.
 * An error envelope becomes the venue's error. */
static JsonParser *
ps_binance_load (const char  *data,
                 gsize        length,
                 const char  *what,
                 gboolean     want_array,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  const char *message;
  JsonNode *root;
  gint code;

  if (length > G_MAXSSIZE)
    length = G_MAXSSIZE;

  if (!json_parser_load_from_data (parser, data ? data : "", (gssize) length, &local_error))
    {
      /* json-glib quotes the bad token as sent, invalid UTF-8 included. */
      g_autofree char *why = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                   _("%s: the answer is not JSON: %s"), _(what), why);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (ps_binance_node_is_envelope (root, &code, &message))
    {
      ps_set_envelope_error (code, message, error);
      return NULL;
    }

  if (root == NULL ||
      (want_array && !JSON_NODE_HOLDS_ARRAY (root)) ||
      (!want_array && !JSON_NODE_HOLDS_OBJECT (root)))
    {
      g_autofree char *got = root ? ps_venue_parse_describe (root) : g_strdup (_("an empty body"));

      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                   _("%s: expected %s, got %s"), _(what),
                   want_array ? _("an array of rows") : _("an object"), got);
      return NULL;
    }

  return g_steal_pointer (&parser);
}

/* Kline fields by position; the rest of the 12 are not used. */
enum
{
  KLINE_OPEN_TIME,
  KLINE_OPEN,
  KLINE_HIGH,
  KLINE_LOW,
  KLINE_CLOSE,
  KLINE_VOLUME,
  KLINE_CLOSE_TIME,
  KLINE_QUOTE_VOLUME,
  KLINE_TRADES,
  KLINE_TAKER_BUY_BASE,
  KLINE_MIN_FIELDS = KLINE_CLOSE_TIME + 1,
};

static const char * const kline_names[] = {
  "open time", "open", "high", "low", "close", "volume", "close time",
  "quote volume", "trades", "taker buy volume",
};

static JsonNode *
ps_element (JsonArray *row,
            PsField   *field,
            guint      index)
{
  field->index = index;
  field->name = kline_names[index];
  return json_array_get_element (row, index);
}

static gboolean
ps_binance_read_kline (const char  *what,
                       JsonArray   *row,
                       guint        i,
                       gint64       previous_ms,
                       PsCandles   *candles,
                       GError     **error)
{
  PsField f = { what, i, NULL, 0 };
  double v[KLINE_TAKER_BUY_BASE + 1];
  gint64 t_ms = 0, close_ms = 0;   /* set by the field readers; -O2 cannot see it */
  JsonNode *node;

  node = ps_element (row, &f, KLINE_OPEN_TIME);
  if (!ps_read_time (&f, node, FALSE, &t_ms, error) ||
      !ps_check_order (&f, node, t_ms, previous_ms, error))
    return FALSE;

  for (guint k = KLINE_OPEN; k <= KLINE_VOLUME; k++)
    {
      PsRange range = k == KLINE_VOLUME ? PS_RANGE_NON_NEGATIVE : PS_RANGE_POSITIVE;

      if (!ps_read_decimal (&f, ps_element (row, &f, k), range, &v[k], error))
        return FALSE;
    }

  node = ps_element (row, &f, KLINE_CLOSE_TIME);
  if (!ps_read_time (&f, node, FALSE, &close_ms, error))
    return FALSE;
  if (close_ms < t_ms)
    return ps_field_error (&f, node, _("a time after the open time"), error);

  /* Older or trimmed rows may stop before the taker-buy column. */
  v[KLINE_TAKER_BUY_BASE] = NAN;
  if (json_array_get_length (row) > KLINE_TAKER_BUY_BASE &&
      !ps_read_decimal (&f, ps_element (row, &f, KLINE_TAKER_BUY_BASE), PS_RANGE_NON_NEGATIVE,
                        &v[KLINE_TAKER_BUY_BASE], error))
    return FALSE;

  if (v[KLINE_HIGH] < v[KLINE_LOW])
    {
      g_autofree char *expected = NULL;
      char low[G_ASCII_DTOSTR_BUF_SIZE];

      expected = g_strdup_printf (_("a value at or above the low %s"),
                                  g_ascii_dtostr (low, sizeof low, v[KLINE_LOW]));
      return ps_field_error (&f, ps_element (row, &f, KLINE_HIGH), expected, error);
    }

  ps_candles_append (candles, t_ms, v[KLINE_OPEN], v[KLINE_HIGH], v[KLINE_LOW], v[KLINE_CLOSE],
                     v[KLINE_VOLUME], v[KLINE_TAKER_BUY_BASE]);
  return TRUE;
}

/* Futures and spot klines share one layout; what names the market in errors. */
static PsCandles *
ps_binance_parse_klines_of (const char  *what,
                            const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsCandles) candles = NULL;
  JsonArray *rows;
  guint n;

  if (!(parser = ps_binance_load (data, length, what, TRUE, error)))
    return NULL;

  rows = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (rows);
  candles = ps_candles_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *row = json_array_get_element (rows, i);

      if (!JSON_NODE_HOLDS_ARRAY (row))
        {
          ps_row_error (what, i, row, _("an array of at least 7 fields"), error);
          return NULL;
        }
      if (json_array_get_length (json_node_get_array (row)) < KLINE_MIN_FIELDS)
        {
          g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD,
                       _("%s: row %u: expected at least %d fields, got %u"),
                       _(what), i, KLINE_MIN_FIELDS,
                       json_array_get_length (json_node_get_array (row)));
          return NULL;
        }
      if (!ps_binance_read_kline (what, json_node_get_array (row), i,
                                  i > 0 ? candles->t_ms[i - 1] : 0, candles, error))
        return NULL;
    }

  return g_steal_pointer (&candles);
}

PsCandles *
ps_binance_parse_klines (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ps_binance_parse_klines_of (N_("Binance klines"), data, length, error);
}

PsCandles *
ps_binance_parse_spot_klines (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ps_binance_parse_klines_of (N_("Binance spot klines"), data, length, error);
}

/* An object row, or an error naming the row. */
static JsonObject *
ps_binance_row_object (JsonArray   *rows,
                       guint        i,
                       const char  *what,
                       GError     **error)
{
  JsonNode *row = json_array_get_element (rows, i);

  if (!JSON_NODE_HOLDS_OBJECT (row))
    {
      ps_row_error (what, i, row, _("an object"), error);
      return NULL;
    }
  return json_node_get_object (row);
}

static gboolean
ps_binance_read_funding (JsonObject  *row,
                         guint        i,
                         gint64       previous_ms,
                         PsFunding   *funding,
                         GError     **error)
{
  PsField f = { N_("Binance funding rates"), i, NULL, -1 };
  double rate, mark_price = NAN;
  JsonNode *node;
  gint64 t_ms = 0;

  node = ps_member (row, &f, "fundingTime");
  if (!ps_read_time (&f, node, FALSE, &t_ms, error) ||
      !ps_check_order (&f, node, t_ms, previous_ms, error))
    return FALSE;

  node = ps_member (row, &f, "fundingRate");
  if (!ps_read_decimal (&f, node, PS_RANGE_ANY, &rate, error))
    return FALSE;

  /* markPrice arrived in 2023: old rows carry "" or nothing. */
  node = ps_member (row, &f, "markPrice");
  if (node != NULL &&
      !(ps_binance_is_string (node) && *json_node_get_string (node) == '\0') &&
      !ps_read_decimal (&f, node, PS_RANGE_POSITIVE, &mark_price, error))
    return FALSE;

  ps_funding_append (funding, t_ms, rate, mark_price);
  return TRUE;
}

PsFunding *
ps_binance_parse_funding_rate (const char  *data,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsFunding) funding = NULL;
  JsonArray *rows;
  guint n;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_binance_load (data, length, N_("Binance funding rates"), TRUE, error)))
    return NULL;

  rows = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (rows);
  funding = ps_funding_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = ps_binance_row_object (rows, i, N_("Binance funding rates"), error);

      if (row == NULL ||
          !ps_binance_read_funding (row, i, i > 0 ? funding->t_ms[i - 1] : 0, funding, error))
        return NULL;
    }

  return g_steal_pointer (&funding);
}

static gboolean
ps_binance_read_open_interest (JsonObject      *row,
                               guint            i,
                               gint64           previous_ms,
                               PsOpenInterest  *open_interest,
                               GError         **error)
{
  PsField f = { N_("Binance open interest"), i, NULL, -1 };
  double contracts, usd;
  JsonNode *node;
  gint64 t_ms = 0;

  node = ps_member (row, &f, "timestamp");
  if (!ps_read_time (&f, node, TRUE, &t_ms, error) ||
      !ps_check_order (&f, node, t_ms, previous_ms, error))
    return FALSE;

  node = ps_member (row, &f, "sumOpenInterest");
  if (!ps_read_decimal (&f, node, PS_RANGE_NON_NEGATIVE, &contracts, error))
    return FALSE;

  node = ps_member (row, &f, "sumOpenInterestValue");
  if (!ps_read_decimal (&f, node, PS_RANGE_NON_NEGATIVE, &usd, error))
    return FALSE;

  ps_open_interest_append (open_interest, t_ms, contracts, usd);
  return TRUE;
}

PsOpenInterest *
ps_binance_parse_open_interest_hist (const char  *data,
                                     gsize        length,
                                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsOpenInterest) open_interest = NULL;
  JsonArray *rows;
  guint n;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_binance_load (data, length, N_("Binance open interest"), TRUE, error)))
    return NULL;

  rows = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (rows);
  open_interest = ps_open_interest_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = ps_binance_row_object (rows, i, N_("Binance open interest"), error);

      if (row == NULL ||
          !ps_binance_read_open_interest (row, i, i > 0 ? open_interest->t_ms[i - 1] : 0,
                                          open_interest, error))
        return NULL;
    }

  return g_steal_pointer (&open_interest);
}

gboolean
ps_binance_parse_server_time (const char  *data,
                              gsize        length,
                              gint64      *server_time_ms,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  PsField f = { N_("Binance server time"), 0, "serverTime", -1 };
  JsonObject *object;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (server_time_ms != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(parser = ps_binance_load (data, length, N_("Binance server time"), FALSE, error)))
    return FALSE;

  object = json_node_get_object (json_parser_get_root (parser));
  return ps_read_time (&f, json_object_get_member (object, "serverTime"), FALSE,
                       server_time_ms, error);
}

PsOpenInterest *
ps_binance_parse_open_interest (const char  *data,
                                gsize        length,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsOpenInterest) open_interest = NULL;
  PsField f = { N_("Binance current open interest"), 0, NULL, -1 };
  JsonObject *object;
  double contracts;
  gint64 t_ms = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_binance_load (data, length, f.what, FALSE, error)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  if (!ps_read_time (&f, ps_member (object, &f, "time"), FALSE, &t_ms, error) ||
      !ps_read_decimal (&f, ps_member (object, &f, "openInterest"), PS_RANGE_NON_NEGATIVE,
                        &contracts, error))
    return NULL;

  open_interest = ps_open_interest_new (1);
  ps_open_interest_append (open_interest, t_ms, contracts, NAN);
  return g_steal_pointer (&open_interest);
}

gboolean
ps_binance_parse_premium_index (const char             *data,
                                gsize                   length,
                                PsBinancePremiumIndex  *premium_index,
                                GError                **error)
{
  g_autoptr(JsonParser) parser = NULL;
  PsField f = { N_("Binance premium index"), 0, NULL, -1 };
  PsBinancePremiumIndex out;
  JsonObject *object;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (premium_index != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Without ?symbol= Binance answers an array of every symbol: not this call. */
  if (!(parser = ps_binance_load (data, length, f.what, FALSE, error)))
    return FALSE;

  object = json_node_get_object (json_parser_get_root (parser));
  if (!ps_read_time (&f, ps_member (object, &f, "time"), FALSE, &out.time_ms, error) ||
      !ps_read_decimal (&f, ps_member (object, &f, "markPrice"), PS_RANGE_POSITIVE,
                        &out.mark_price, error) ||
      !ps_read_decimal (&f, ps_member (object, &f, "indexPrice"), PS_RANGE_POSITIVE,
                        &out.index_price, error) ||
      !ps_read_decimal (&f, ps_member (object, &f, "lastFundingRate"), PS_RANGE_ANY,
                        &out.funding_rate, error) ||
      !ps_read_time (&f, ps_member (object, &f, "nextFundingTime"), FALSE,
                     &out.next_funding_time_ms, error))
    return FALSE;

  *premium_index = out;
  return TRUE;
}

/* The combined stream wraps each event: {"stream":"btcusdt@forceOrder","data":{…}}. */
static JsonObject *
ps_binance_unwrap_event (JsonObject *object)
{
  JsonNode *data = json_object_get_member (object, "data");

  if (json_object_has_member (object, "stream") && data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    return json_node_get_object (data);
  return object;
}

PsLiquidations *
ps_binance_parse_force_order (const char  *data,
                              gsize        length,
                              const char  *symbol,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsLiquidations) rows = NULL;
  PsField f = { N_("Binance liquidation"), 0, NULL, -1 };
  JsonObject *event, *order;
  JsonNode *node;
  const char *side;
  double price, qty, avg_price, filled;
  gint64 t_ms = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_binance_load (data, length, f.what, FALSE, error)))
    return NULL;

  event = ps_binance_unwrap_event (json_node_get_object (json_parser_get_root (parser)));
  node = ps_member (event, &f, "e");
  if (!ps_binance_is_string (node) || g_strcmp0 (json_node_get_string (node), "forceOrder") != 0)
    return ps_field_error (&f, node, "“forceOrder”", error), NULL;
  node = ps_member (event, &f, "o");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return ps_field_error (&f, node, _("an object"), error), NULL;
  order = json_node_get_object (node);

  node = ps_member (order, &f, "s");
  if (!ps_binance_is_string (node))
    return ps_field_error (&f, node, _("a symbol"), error), NULL;
  rows = ps_liquidations_new (1);
  if (symbol != NULL && g_ascii_strcasecmp (json_node_get_string (node), symbol) != 0)
    return g_steal_pointer (&rows);

  node = ps_member (order, &f, "S");
  side = ps_binance_is_string (node) ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (side, "SELL") != 0 && g_strcmp0 (side, "BUY") != 0)
    return ps_field_error (&f, node, "“BUY” or “SELL”", error), NULL;

  if (!ps_read_time (&f, ps_member (order, &f, "T"), FALSE, &t_ms, error) ||
      !ps_read_decimal (&f, ps_member (order, &f, "p"), PS_RANGE_POSITIVE, &price, error) ||
      !ps_read_decimal (&f, ps_member (order, &f, "q"), PS_RANGE_POSITIVE, &qty, error) ||
      !ps_read_decimal (&f, ps_member (order, &f, "ap"), PS_RANGE_NON_NEGATIVE, &avg_price,
                        error) ||
      !ps_read_decimal (&f, ps_member (order, &f, "z"), PS_RANGE_NON_NEGATIVE, &filled, error))
    return NULL;

  /* What was filled at its average price; an order not (yet) filled counts
   * at its own price and quantity, as the api notes say. SELL closes a long. */
  if (avg_price > 0 && filled > 0)
    ps_liquidations_append (rows, t_ms, side[0] == 'S' ? PS_LIQ_LONG : PS_LIQ_SHORT,
                            PS_LIQ_SOURCE_LIVE, price, avg_price, filled, avg_price * filled);
  else
    ps_liquidations_append (rows, t_ms, side[0] == 'S' ? PS_LIQ_LONG : PS_LIQ_SHORT,
                            PS_LIQ_SOURCE_LIVE, price, NAN, qty, price * qty);
  return g_steal_pointer (&rows);
}

gboolean
ps_binance_parse_error_envelope (const char  *data,
                                 gsize        length,
                                 gint        *code,
                                 char       **message)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *msg;
  gint c;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (data == NULL ||
      length > G_MAXSSIZE ||
      !json_parser_load_from_data (parser, data, (gssize) length, NULL) ||
      !ps_binance_node_is_envelope (json_parser_get_root (parser), &c, &msg))
    return FALSE;

  if (code != NULL)
    *code = c;
  if (message != NULL)
    *message = g_utf8_make_valid (msg, -1);   /* the bytes as sent */
  return TRUE;
}
