/* ps-okx-parse.c: OKX v5 (SWAP) bodies → columnar series (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-net-error.h"
#include "ps-okx-parse.h"
#include "ps-venue-parse.h"

#define PS_OKX_RATE_LIMITED   "50011"
#define PS_OKX_NO_INSTRUMENT  "51001"

/* FALSE with error for an envelope whose code is not "0" or missing. */
static gboolean
ps_okx_check_envelope (const char  *what,
                       JsonObject  *root,
                       GError     **error)
{
  PsVenueField f = { what, 0, NULL, -1 };
  JsonNode *code_node = ps_venue_parse_member (root, &f, "code");
  JsonNode *msg_node = json_object_get_member (root, "msg");
  g_autofree char *message = NULL;
  g_autofree char *code_text = NULL;
  const char *code;
  PsNetError kind = PS_NET_ERROR_VENUE;

  if (!ps_venue_parse_is_string (code_node))
    return ps_venue_parse_field_error (&f, code_node, _("a code string"), error);

  code = json_node_get_string (code_node);
  if (g_str_equal (code, "0"))
    return TRUE;

  message = ps_venue_parse_text (msg_node);
  if (g_str_equal (code, PS_OKX_NO_INSTRUMENT))
    kind = PS_NET_ERROR_UNKNOWN_SYMBOL;
  else if (g_str_equal (code, PS_OKX_RATE_LIMITED))
    kind = PS_NET_ERROR_RATE_LIMITED;
  code_text = ps_venue_parse_text (code_node);
  g_set_error (error, PS_NET_ERROR, kind, _("OKX: %s (code %s)"), message, code_text);
  return FALSE;
}

/* The envelope checked, data: the rows. */
static JsonParser *
ps_okx_load_data (const char  *what,
                  const char  *data,
                  gsize        length,
                  JsonArray  **rows,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = ps_venue_parse_load (what, data, length, error);
  PsVenueField f = { what, 0, NULL, -1 };
  JsonObject *root;
  JsonNode *node;

  if (parser == NULL)
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!ps_okx_check_envelope (what, root, error))
    return NULL;

  node = ps_venue_parse_member (root, &f, "data");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return ps_venue_parse_field_error (&f, node, _("an array of rows"), error), NULL;

  *rows = json_node_get_array (node);
  return g_steal_pointer (&parser);
}

static const char * const candle_names[] = {
  "ts", "o", "h", "l", "c", "vol", "volCcy", "volCcyQuote", "confirm",
};

static gboolean
ps_okx_read_candle (JsonArray   *rows,
                    guint        i,
                    gint64      *older_ms,
                    gpointer     series,
                    GError     **error)
{
  PsCandles *candles = series;
  PsVenueField f = { N_("OKX candles"), i, NULL, -1 };
  JsonArray *row = ps_venue_parse_list_array (rows, i, f.what, "data", 7, error);
  JsonNode *node;
  gint64 t_ms = 0;
  double v[8];

  if (row == NULL ||
      !ps_venue_parse_row_time (&f, ps_venue_parse_element (row, &f, 0, candle_names[0]), rows,
                                 *older_ms, &t_ms, error))
    return FALSE;

  for (guint k = 1; k <= 6; k++)
    if (!ps_venue_parse_decimal (&f, ps_venue_parse_element (row, &f, k, candle_names[k]),
                                 k >= 5 ? PS_VENUE_RANGE_NON_NEGATIVE : PS_VENUE_RANGE_POSITIVE,
                                 &v[k], error))
      return FALSE;
  if (!ps_venue_parse_check_high_low (&f, ps_venue_parse_element (row, &f, 2, candle_names[2]),
                                      v[2], v[3], error))
    return FALSE;

  /* Answers before 2023 stop at volCcy; later ones carry both. */
  if (json_array_get_length (row) > 7 &&
      !ps_venue_parse_decimal (&f, ps_venue_parse_element (row, &f, 7, candle_names[7]),
                               PS_VENUE_RANGE_NON_NEGATIVE, &v[7], error))
    return FALSE;
  node = ps_venue_parse_element (row, &f, 8, candle_names[8]);
  if (node != NULL &&
      !(ps_venue_parse_is_string (node) &&
        (g_str_equal (json_node_get_string (node), "0") ||
         g_str_equal (json_node_get_string (node), "1"))))
    return ps_venue_parse_field_error (&f, node, "“0” or “1”", error);

  ps_candles_append (candles, t_ms, v[1], v[2], v[3], v[4], v[6], NAN);
  *older_ms = t_ms;
  return TRUE;
}

PsCandles *
ps_okx_parse_candles (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(PsCandles) candles = ps_candles_new (0);

  if (!ps_venue_parse_newest_first (ps_okx_load_data, N_("OKX candles"), data, length,
                                    ps_okx_read_candle, candles, error))
    return NULL;
  return g_steal_pointer (&candles);
}

static gboolean
ps_okx_read_funding (JsonArray   *rows,
                     guint        i,
                     gint64      *older_ms,
                     gpointer     series,
                     GError     **error)
{
  PsFunding *funding = series;
  PsVenueField f = { N_("OKX funding history"), i, NULL, -1 };
  JsonObject *row = ps_venue_parse_list_object (rows, i, f.what, "data", error);
  JsonNode *node;
  gint64 t_ms = 0;
  double rate;

  if (row == NULL ||
      !ps_venue_parse_row_time (&f, ps_venue_parse_member (row, &f, "fundingTime"), rows,
                                 *older_ms, &t_ms, error))
    return FALSE;

  /* realizedRate is what was paid; fundingRate the forecast it came from. */
  node = ps_venue_parse_member (row, &f, "realizedRate");
  if (node == NULL ||
      (ps_venue_parse_is_string (node) && *json_node_get_string (node) == '\0'))
    node = ps_venue_parse_member (row, &f, "fundingRate");
  if (!ps_venue_parse_decimal (&f, node, PS_VENUE_RANGE_ANY, &rate, error))
    return FALSE;

  ps_funding_append (funding, t_ms, rate, NAN);
  *older_ms = t_ms;
  return TRUE;
}

PsFunding *
ps_okx_parse_funding_history (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(PsFunding) funding = ps_funding_new (0);

  if (!ps_venue_parse_newest_first (ps_okx_load_data, N_("OKX funding history"), data, length,
                                    ps_okx_read_funding, funding, error))
    return NULL;
  return g_steal_pointer (&funding);
}

static const char * const oi_names[] = { "ts", "oi", "oiCcy", "oiUsd" };

static gboolean
ps_okx_read_open_interest (JsonArray   *rows,
                           guint        i,
                           gint64      *older_ms,
                           gpointer     series,
                           GError     **error)
{
  PsOpenInterest *open_interest = series;
  PsVenueField f = { N_("OKX open interest"), i, NULL, -1 };
  JsonArray *row = ps_venue_parse_list_array (rows, i, f.what, "data", 4, error);
  gint64 t_ms = 0;
  double v[4];

  if (row == NULL ||
      !ps_venue_parse_row_time (&f, ps_venue_parse_element (row, &f, 0, oi_names[0]), rows,
                                 *older_ms, &t_ms, error))
    return FALSE;

  for (guint k = 1; k < 4; k++)
    if (!ps_venue_parse_decimal (&f, ps_venue_parse_element (row, &f, k, oi_names[k]),
                                 PS_VENUE_RANGE_NON_NEGATIVE, &v[k], error))
      return FALSE;

  ps_open_interest_append (open_interest, t_ms, v[2], v[3]);
  *older_ms = t_ms;
  return TRUE;
}

PsOpenInterest *
ps_okx_parse_open_interest_history (const char  *data,
                                    gsize        length,
                                    GError     **error)
{
  g_autoptr(PsOpenInterest) open_interest = ps_open_interest_new (0);

  if (!ps_venue_parse_newest_first (ps_okx_load_data, N_("OKX open interest"), data, length,
                                    ps_okx_read_open_interest, open_interest, error))
    return NULL;
  return g_steal_pointer (&open_interest);
}

/* data[0] of a one-object answer. */
static JsonObject *
ps_okx_first_object (JsonArray   *rows,
                     const char  *what,
                     GError     **error)
{
  PsVenueField f = { what, 0, "data", -1 };

  if (json_array_get_length (rows) == 0)
    return ps_venue_parse_field_error (&f, NULL, _("one object"), error), NULL;
  return ps_venue_parse_list_object (rows, 0, what, "data", error);
}

PsOpenInterest *
ps_okx_parse_open_interest (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PsOpenInterest) open_interest = NULL;
  PsVenueField f = { N_("OKX current open interest"), 0, NULL, -1 };
  JsonArray *rows = NULL;
  JsonObject *row;
  JsonNode *node;
  double oi, coin, usd = NAN;
  gint64 t_ms = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = ps_okx_load_data (f.what, data, length, &rows, error)) ||
      !(row = ps_okx_first_object (rows, f.what, error)))
    return NULL;

  if (!ps_venue_parse_time (&f, ps_venue_parse_member (row, &f, "ts"), &t_ms, error) ||
      !ps_venue_parse_decimal (&f, ps_venue_parse_member (row, &f, "oi"),
                               PS_VENUE_RANGE_NON_NEGATIVE, &oi, error) ||
      !ps_venue_parse_decimal (&f, ps_venue_parse_member (row, &f, "oiCcy"),
                               PS_VENUE_RANGE_NON_NEGATIVE, &coin, error))
    return NULL;
  /* oiUsd arrived in 2024; the doc example still lacks it. */
  node = ps_venue_parse_member (row, &f, "oiUsd");
  if (node != NULL &&
      !ps_venue_parse_decimal (&f, node, PS_VENUE_RANGE_NON_NEGATIVE, &usd, error))
    return NULL;

  open_interest = ps_open_interest_new (1);
  ps_open_interest_append (open_interest, t_ms, coin, usd);
  return g_steal_pointer (&open_interest);
}

gboolean
ps_okx_parse_server_time (const char  *data,
                          gsize        length,
                          gint64      *server_time_ms,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  PsVenueField f = { N_("OKX server time"), 0, NULL, -1 };
  JsonArray *rows = NULL;
  JsonObject *row;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (server_time_ms != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(parser = ps_okx_load_data (f.what, data, length, &rows, error)) ||
      !(row = ps_okx_first_object (rows, f.what, error)))
    return FALSE;

  return ps_venue_parse_time (&f, ps_venue_parse_member (row, &f, "ts"), server_time_ms, error);
}

gboolean
ps_okx_parse_error_envelope (const char  *data,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonNode *code;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  parser = ps_venue_parse_load ("OKX", data, length, NULL);
  if (parser == NULL)
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  code = json_object_get_member (root, "code");
  if (!ps_venue_parse_is_string (code) || g_str_equal (json_node_get_string (code), "0"))
    return FALSE;
  return !ps_okx_check_envelope ("OKX", root, error);
}
