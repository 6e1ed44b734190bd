/* ps-venue-parse.h: field readers shared by the venues' parsers (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-series.h"

G_BEGIN_DECLS

/* Where a value sits, for the error message. Rows count from 0, as in the
 * JSON array (and jq's .[3]). */
typedef struct
{
  const char *what;    /* N_("Bybit klines"): translated in the message */
  guint       row;
  const char *name;    /* "high" */
  int         index;   /* position in an array row, -1 in objects */
} PsVenueField;

typedef enum
{
  PS_VENUE_RANGE_ANY,
  PS_VENUE_RANGE_NON_NEGATIVE,
  PS_VENUE_RANGE_POSITIVE,
} PsVenueRange;

/* Loads data; the top level must be an object (both venues wrap every answer
 * in an envelope). NULL and PS_PARSE_ERROR_INVALID naming what otherwise. */
JsonParser *ps_venue_parse_load          (const char          *what,
                                          const char          *data,
                                          gsize                length,
                                          GError             **error);
/* Loads data, any top level (NULL and PS_PARSE_ERROR_INVALID when not
 * JSON; json-glib's words made valid UTF-8). */
JsonParser *ps_venue_parse_load_any      (const char          *what,
                                          const char          *data,
                                          gsize                length,
                                          GError             **error);
/* root is of type, else FALSE and PS_PARSE_ERROR_INVALID naming what. */
gboolean    ps_venue_parse_expect        (const char          *what,
                                          JsonNode            *root,
                                          JsonNodeType         type,
                                          GError             **error);
/* Row i of rows as an object, else NULL and an error naming what and i. */
JsonObject *ps_venue_parse_row           (JsonArray           *rows,
                                          guint                i,
                                          const char          *what,
                                          GError             **error);
/* A string member as valid UTF-8 (json-glib keeps the bytes as sent), "" for
 * anything else: a venue's message in an error. */
char       *ps_venue_parse_text          (JsonNode            *node);
/* "“abc”", "an array", "nothing (the field is missing)": for messages. */
char       *ps_venue_parse_describe      (JsonNode            *node);
/* Always FALSE, with PS_PARSE_ERROR_FIELD: "<what>: row 3, field “high” (index
 * 2): expected …, got …". */
gboolean    ps_venue_parse_field_error   (const PsVenueField  *field,
                                          JsonNode            *node,
                                          const char          *expected,
                                          GError             **error);
/* The named member of an object row, pointing field at it. */
JsonNode   *ps_venue_parse_member        (JsonObject          *object,
                                          PsVenueField        *field,
                                          const char          *name);
/* Element index of an array row, naming it name. */
JsonNode   *ps_venue_parse_element       (JsonArray           *row,
                                          PsVenueField        *field,
                                          guint                index,
                                          const char          *name);
gboolean    ps_venue_parse_is_string     (JsonNode            *node);
gboolean    ps_venue_parse_is_int        (JsonNode            *node);
/* A time in ms sent as a decimal string ("1670608800000"), as both venues do. */
gboolean    ps_venue_parse_time          (const PsVenueField  *field,
                                          JsonNode            *node,
                                          gint64              *t_ms,
                                          GError             **error);
/* A decimal string in plain notation within range. */
gboolean    ps_venue_parse_decimal       (const PsVenueField  *field,
                                          JsonNode            *node,
                                          PsVenueRange         range,
                                          double              *value,
                                          GError             **error);
/* A JSON number (BitMEX's prices and sizes) within range. */
gboolean    ps_venue_parse_number        (const PsVenueField  *field,
                                          JsonNode            *node,
                                          PsVenueRange         range,
                                          double              *value,
                                          GError             **error);
/* A JSON integer of 0 or more. */
gboolean    ps_venue_parse_uint          (const PsVenueField  *field,
                                          JsonNode            *node,
                                          gint64              *value,
                                          GError             **error);
/* Rows asked oldest first: row field->row must be later than the one
 * before it, at previous_ms (row 0 always is). */
gboolean    ps_venue_parse_check_oldest_first (const PsVenueField *field,
                                               JsonNode           *node,
                                               gint64              t_ms,
                                               gint64              previous_ms,
                                               GError            **error);
/* Both venues send newest first: row i must be later than row i + 1, whose
 * time is older_ms (ignored for the last row, is_last). */
gboolean    ps_venue_parse_check_newest_first (const PsVenueField *field,
                                               JsonNode           *node,
                                               gint64              t_ms,
                                               gint64              older_ms,
                                               gboolean            is_last,
                                               GError            **error);
/* The time of row i of rows, sent newest first (f->row is i), checked to
 * be later than the row after it, whose time is older_ms. */
gboolean    ps_venue_parse_row_time      (const PsVenueField  *field,
                                          JsonNode            *node,
                                          JsonArray           *rows,
                                          gint64               older_ms,
                                          gint64              *t_ms,
                                          GError             **error);
/* Row i of the rows under the envelope's member list ("list", "data") as an
 * object, or as an array of at least min_fields; else NULL and an error on
 * that field naming what and i. */
JsonObject *ps_venue_parse_list_object   (JsonArray           *rows,
                                          guint                i,
                                          const char          *what,
                                          const char          *list,
                                          GError             **error);
JsonArray  *ps_venue_parse_list_array    (JsonArray           *rows,
                                          guint                i,
                                          const char          *what,
                                          const char          *list,
                                          guint                min_fields,
                                          GError             **error);

/* Reads row i of rows into series: its time checked against *older_ms (the
 * row read before it, which is newer in the answer; 0 for the first), then
 * appended, and *older_ms set to its time. */
typedef gboolean (*PsVenueRowReader) (JsonArray  *rows,
                                      guint       i,
                                      gint64     *older_ms,
                                      gpointer    series,
                                      GError    **error);
/* Loads data and checks its envelope; *rows: the rows in it (owned by the
 * parser returned). */
typedef JsonParser *(*PsVenueListLoader) (const char   *what,
                                          const char   *data,
                                          gsize         length,
                                          JsonArray   **rows,
                                          GError      **error);
/* The rows load finds in data, sent newest first (Bybit, OKX), read into
 * series oldest first; FALSE at the first row read refuses. */
gboolean    ps_venue_parse_newest_first  (PsVenueListLoader    load,
                                          const char          *what,
                                          const char          *data,
                                          gsize                length,
                                          PsVenueRowReader     read,
                                          gpointer             series,
                                          GError             **error);
/* high >= low, else an error on high. */
gboolean    ps_venue_parse_check_high_low (const PsVenueField *field,
                                           JsonNode           *high_node,
                                           double              high,
                                           double              low,
                                           GError            **error);

G_END_DECLS
