/* ps-venue-parse.c: field readers shared by the venues' parsers (no I/O)
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
#include "ps-venue-parse.h"

char *
ps_venue_parse_text (JsonNode *node)
{
  if (!ps_venue_parse_is_string (node))
    return g_strdup ("");
  return g_utf8_make_valid (json_node_get_string (node), -1);
}

char *
ps_venue_parse_describe (JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL)
    return g_strdup (_("nothing (the field is missing)"));

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_ARRAY:
      return g_strdup (_("an array"));
    case JSON_NODE_OBJECT:
      return g_strdup (_("an object"));
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        /* json-glib keeps a string's bytes as sent, UTF-8 or not. */
        g_autofree char *str = g_utf8_make_valid (json_node_get_string (node), -1);

        /* A whole HTML page in a field helps nobody (cut by characters, so
         * the message stays valid UTF-8). */
        if (g_utf8_strlen (str, -1) > 40)
          {
            g_autofree char *head = g_utf8_substring (str, 0, 40);

            return g_strdup_printf ("“%s…”", head);
          }
        return g_strdup_printf ("“%s”", str);
      }
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return g_strdup (_("a value of unknown type"));
    }
}

JsonParser *
ps_venue_parse_load_any (const char  *what,
                         const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

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
  return g_steal_pointer (&parser);
}

gboolean
ps_venue_parse_expect (const char  *what,
                       JsonNode    *root,
                       JsonNodeType type,
                       GError     **error)
{
  g_autofree char *got = NULL;

  if (root != NULL && JSON_NODE_TYPE (root) == type)
    return TRUE;
  got = root ? ps_venue_parse_describe (root) : g_strdup (_("an empty body"));
  g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
               type == JSON_NODE_ARRAY ? _("%s: expected an array, got %s")
                                       : _("%s: expected an object, got %s"),
               _(what), got);
  return FALSE;
}

JsonParser *
ps_venue_parse_load (const char  *what,
                     const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = ps_venue_parse_load_any (what, data, length, error);

  if (parser == NULL ||
      !ps_venue_parse_expect (what, json_parser_get_root (parser), JSON_NODE_OBJECT, error))
    return NULL;
  return g_steal_pointer (&parser);
}

JsonObject *
ps_venue_parse_row (JsonArray   *rows,
                    guint        i,
                    const char  *what,
                    GError     **error)
{
  JsonNode *row = json_array_get_element (rows, i);

  if (!JSON_NODE_HOLDS_OBJECT (row))
    {
      g_autofree char *got = ps_venue_parse_describe (row);

      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD,
                   _("%s: row %u: expected an object, got %s"), _(what), i, got);
      return NULL;
    }
  return json_node_get_object (row);
}

gboolean
ps_venue_parse_field_error (const PsVenueField  *field,
                            JsonNode            *node,
                            const char          *expected,
                            GError             **error)
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

JsonNode *
ps_venue_parse_member (JsonObject   *object,
                       PsVenueField *field,
                       const char   *name)
{
  field->name = name;
  field->index = -1;
  return json_object_get_member (object, name);
}

JsonNode *
ps_venue_parse_element (JsonArray    *row,
                        PsVenueField *field,
                        guint         index,
                        const char   *name)
{
  field->name = name;
  field->index = (int) index;
  return index < json_array_get_length (row) ? json_array_get_element (row, index) : NULL;
}

gboolean
ps_venue_parse_is_string (JsonNode *node)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
ps_venue_parse_is_int (JsonNode *node)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

gboolean
ps_venue_parse_time (const PsVenueField  *field,
                     JsonNode            *node,
                     gint64              *t_ms,
                     GError             **error)
{
  guint64 value;

  if (ps_venue_parse_is_string (node) &&
      g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXINT64, &value, NULL))
    {
      *t_ms = (gint64) value;
      return TRUE;
    }

  return ps_venue_parse_field_error (field, node, _("a time in ms (a numeric string)"), error);
}

/* Whole string, plain decimal notation: strtod alone would take " 1", "0x1p3",
 * "inf" and "1abc". */
static gboolean
ps_venue_strtod (const char *str,
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
ps_venue_parse_check_range (const PsVenueField  *field,
                            JsonNode            *node,
                            PsVenueRange         range,
                            double               value,
                            GError             **error)
{
  if (range == PS_VENUE_RANGE_POSITIVE && !(value > 0))
    return ps_venue_parse_field_error (field, node, _("a value above 0"), error);
  if (range == PS_VENUE_RANGE_NON_NEGATIVE && !(value >= 0))
    return ps_venue_parse_field_error (field, node, _("a value of 0 or more"), error);
  return TRUE;
}

gboolean
ps_venue_parse_decimal (const PsVenueField  *field,
                        JsonNode            *node,
                        PsVenueRange         range,
                        double              *value,
                        GError             **error)
{
  if (!ps_venue_parse_is_string (node) || !ps_venue_strtod (json_node_get_string (node), value))
    return ps_venue_parse_field_error (field, node, _("a decimal string"), error);
  return ps_venue_parse_check_range (field, node, range, *value, error);
}

gboolean
ps_venue_parse_number (const PsVenueField  *field,
                       JsonNode            *node,
                       PsVenueRange         range,
                       double              *value,
                       GError             **error)
{
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                            : G_TYPE_INVALID;

  if ((type != G_TYPE_INT64 && type != G_TYPE_DOUBLE) || !isfinite (*value = json_node_get_double (node)))
    return ps_venue_parse_field_error (field, node, _("a number"), error);
  return ps_venue_parse_check_range (field, node, range, *value, error);
}

gboolean
ps_venue_parse_uint (const PsVenueField  *field,
                     JsonNode            *node,
                     gint64              *value,
                     GError             **error)
{
  if (!ps_venue_parse_is_int (node) || json_node_get_int (node) < 0)
    return ps_venue_parse_field_error (field, node, _("a non-negative integer"), error);
  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
ps_venue_parse_check_oldest_first (const PsVenueField  *field,
                                   JsonNode            *node,
                                   gint64               t_ms,
                                   gint64               previous_ms,
                                   GError             **error)
{
  /* Asked oldest first: a repeat or a step back is a broken page. */
  if (field->row == 0 || t_ms > previous_ms)
    return TRUE;
  return ps_venue_parse_field_error (field, node, _("a time after the previous row’s"), error);
}

gboolean
ps_venue_parse_check_newest_first (const PsVenueField  *field,
                                   JsonNode            *node,
                                   gint64               t_ms,
                                   gint64               older_ms,
                                   gboolean             is_last,
                                   GError             **error)
{
  g_autofree char *older = NULL;
  g_autofree char *expected = NULL;

  /* A repeat or a step the wrong way means a broken page, not a gap. */
  if (is_last || t_ms > older_ms)
    return TRUE;

  /* G_GINT64_FORMAT would hide the message from xgettext. */
  older = g_strdup_printf ("%" G_GINT64_FORMAT, older_ms);
  expected = g_strdup_printf (_("a time after the next row’s %s (newest first)"), older);
  return ps_venue_parse_field_error (field, node, expected, error);
}

gboolean
ps_venue_parse_row_time (const PsVenueField  *field,
                         JsonNode            *node,
                         JsonArray           *rows,
                         gint64               older_ms,
                         gint64              *t_ms,
                         GError             **error)
{
  return ps_venue_parse_time (field, node, t_ms, error) &&
         ps_venue_parse_check_newest_first (field, node, *t_ms, older_ms,
                                            field->row + 1 == json_array_get_length (rows),
                                            error);
}

JsonObject *
ps_venue_parse_list_object (JsonArray   *rows,
                            guint        i,
                            const char  *what,
                            const char  *list,
                            GError     **error)
{
  PsVenueField f = { what, i, list, -1 };
  JsonNode *row = json_array_get_element (rows, i);

  if (!JSON_NODE_HOLDS_OBJECT (row))
    return ps_venue_parse_field_error (&f, row, _("an object"), error), NULL;
  return json_node_get_object (row);
}

JsonArray *
ps_venue_parse_list_array (JsonArray   *rows,
                           guint        i,
                           const char  *what,
                           const char  *list,
                           guint        min_fields,
                           GError     **error)
{
  PsVenueField f = { what, i, list, -1 };
  JsonNode *row = json_array_get_element (rows, i);
  g_autofree char *expected = NULL;

  if (JSON_NODE_HOLDS_ARRAY (row) && json_array_get_length (json_node_get_array (row)) >= min_fields)
    return json_node_get_array (row);

  expected = g_strdup_printf (_("an array of at least %u strings"), min_fields);
  ps_venue_parse_field_error (&f, row, expected, error);
  return NULL;
}

gboolean
ps_venue_parse_newest_first (PsVenueListLoader   load,
                             const char         *what,
                             const char         *data,
                             gsize               length,
                             PsVenueRowReader    read,
                             gpointer            series,
                             GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *rows = NULL;
  gint64 older_ms = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(parser = load (what, data, length, &rows, error)))
    return FALSE;
  for (guint i = json_array_get_length (rows); i-- > 0;)
    if (!read (rows, i, &older_ms, series, error))
      return FALSE;
  return TRUE;
}

gboolean
ps_venue_parse_check_high_low (const PsVenueField  *field,
                               JsonNode            *high_node,
                               double               high,
                               double               low,
                               GError             **error)
{
  g_autofree char *expected = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (high >= low)
    return TRUE;

  expected = g_strdup_printf (_("a value at or above the low %s"),
                              g_ascii_dtostr (buf, sizeof buf, low));
  return ps_venue_parse_field_error (field, high_node, expected, error);
}
