/* ps-import-parse.c: Binance public-data CSV → columnar series (no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-store"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ps-import.h"
#include "ps-net-error.h"

/* Binance's archive layouts (data.binance.vision, futures/um). Newer files have
 * a header row, older ones none: then the position in this table is the
 * column. A header may add columns we do not know; they are ignored.
 *
 * Sources: klines and fundingRate as in real archives (the layouts and header
 * names of files downloaded in 2026; klines match binance-public-data's README).
 * metrics and liquidationSnapshot from public code that reads these archives
 * (several independent readers and their fixtures agree on the names and order;
 * not checked against a downloaded file): metrics' create_time is text, UTC,
 * 00:00:00 to 23:55:00 of the day, and early files repeat a time or leave the
 * ratios blank; USDⓈ-M liquidationSnapshot ended on 2024-03-31. */

typedef enum
{
  COL_TIME,         /* ms since the epoch, UTC */
  COL_DATETIME,     /* "YYYY-MM-DD HH:MM:SS", UTC (or ms) */
  COL_DECIMAL,
  COL_DECIMAL_OPT,  /* a decimal, or blank (early metrics rows leave ratios out) */
  COL_COUNT,        /* a non-negative integer */
  COL_SIDE,         /* BUY or SELL */
  COL_WORD,         /* non-empty text we do not use (order type, status) */
  COL_SYMBOL,
  COL_IGNORE,
} PsColType;

typedef enum
{
  RANGE_ANY,
  RANGE_NON_NEGATIVE,
  RANGE_POSITIVE,
} PsColRange;

typedef struct
{
  const char *name;
  PsColType   type;
  PsColRange  range;
  gboolean    required;   /* with a header: the file is not this kind without it */
  gboolean    positional; /* part of the headerless layout, in table order */
} PsColumn;

typedef struct
{
  const char     *kind;   /* "klines", for "(not a klines file?)" */
  const PsColumn *columns;
  guint           n_columns;
} PsLayout;

/* open_time … ignore: GET /fapi/v1/klines as CSV. */
enum { K_OPEN_TIME, K_OPEN, K_HIGH, K_LOW, K_CLOSE, K_VOLUME, K_CLOSE_TIME, K_QUOTE_VOLUME,
       K_COUNT, K_TAKER_BUY, K_TAKER_BUY_QUOTE, K_IGNORE, K_N };
static const PsColumn kline_columns[K_N] = {
  { "open_time", COL_TIME, RANGE_ANY, TRUE, TRUE },
  { "open", COL_DECIMAL, RANGE_POSITIVE, TRUE, TRUE },
  { "high", COL_DECIMAL, RANGE_POSITIVE, TRUE, TRUE },
  { "low", COL_DECIMAL, RANGE_POSITIVE, TRUE, TRUE },
  { "close", COL_DECIMAL, RANGE_POSITIVE, TRUE, TRUE },
  { "volume", COL_DECIMAL, RANGE_NON_NEGATIVE, TRUE, TRUE },
  { "close_time", COL_TIME, RANGE_ANY, TRUE, TRUE },
  { "quote_volume", COL_DECIMAL, RANGE_NON_NEGATIVE, FALSE, TRUE },
  { "count", COL_COUNT, RANGE_ANY, FALSE, TRUE },
  { "taker_buy_volume", COL_DECIMAL, RANGE_NON_NEGATIVE, FALSE, TRUE },
  { "taker_buy_quote_volume", COL_DECIMAL, RANGE_NON_NEGATIVE, FALSE, TRUE },
  { "ignore", COL_IGNORE, RANGE_ANY, FALSE, TRUE },
};

/* calc_time is the settlement (a few ms late, as fundingTime over REST). */
enum { F_CALC_TIME, F_INTERVAL_HOURS, F_RATE, F_N };
static const PsColumn funding_columns[F_N] = {
  { "calc_time", COL_TIME, RANGE_ANY, TRUE, TRUE },
  { "funding_interval_hours", COL_COUNT, RANGE_ANY, FALSE, TRUE },
  { "last_funding_rate", COL_DECIMAL, RANGE_ANY, TRUE, TRUE },
};

/* 5-minute snapshots; the ratios are not used but checked. */
enum { M_CREATE_TIME, M_SYMBOL, M_OI, M_OI_VALUE, M_TOP_ACCOUNT_RATIO, M_TOP_POSITION_RATIO,
       M_ACCOUNT_RATIO, M_TAKER_RATIO, M_N };
static const PsColumn metrics_columns[M_N] = {
  { "create_time", COL_DATETIME, RANGE_ANY, TRUE, TRUE },
  { "symbol", COL_SYMBOL, RANGE_ANY, FALSE, TRUE },
  { "sum_open_interest", COL_DECIMAL, RANGE_NON_NEGATIVE, TRUE, TRUE },
  { "sum_open_interest_value", COL_DECIMAL, RANGE_NON_NEGATIVE, TRUE, TRUE },
  { "count_toptrader_long_short_ratio", COL_DECIMAL_OPT, RANGE_NON_NEGATIVE, FALSE, TRUE },
  { "sum_toptrader_long_short_ratio", COL_DECIMAL_OPT, RANGE_NON_NEGATIVE, FALSE, TRUE },
  { "count_long_short_ratio", COL_DECIMAL_OPT, RANGE_NON_NEGATIVE, FALSE, TRUE },
  { "sum_taker_long_short_vol_ratio", COL_DECIMAL_OPT, RANGE_NON_NEGATIVE, FALSE, TRUE },
};

/* The forced orders of the forceOrder stream; some copies add a symbol column
 * after time, so it is found by name only. */
enum { L_TIME, L_SIDE, L_ORDER_TYPE, L_TIME_IN_FORCE, L_ORIGINAL_QTY, L_PRICE, L_AVG_PRICE,
       L_STATUS, L_LAST_FILL_QTY, L_FILLED_QTY, L_SYMBOL, L_N };
static const PsColumn liquidation_columns[L_N] = {
  { "time", COL_TIME, RANGE_ANY, TRUE, TRUE },
  { "side", COL_SIDE, RANGE_ANY, TRUE, TRUE },
  { "order_type", COL_WORD, RANGE_ANY, FALSE, TRUE },
  { "time_in_force", COL_WORD, RANGE_ANY, FALSE, TRUE },
  { "original_quantity", COL_DECIMAL, RANGE_POSITIVE, TRUE, TRUE },
  { "price", COL_DECIMAL, RANGE_POSITIVE, TRUE, TRUE },
  { "average_price", COL_DECIMAL, RANGE_NON_NEGATIVE, TRUE, TRUE },
  { "order_status", COL_WORD, RANGE_ANY, FALSE, TRUE },
  { "last_fill_quantity", COL_DECIMAL, RANGE_NON_NEGATIVE, FALSE, TRUE },
  { "accumulated_fill_quantity", COL_DECIMAL, RANGE_NON_NEGATIVE, TRUE, TRUE },
  { "symbol", COL_SYMBOL, RANGE_ANY, FALSE, FALSE },
};

static const PsLayout kline_layout = { "klines", kline_columns, K_N };
static const PsLayout funding_layout = { "fundingRate", funding_columns, F_N };
static const PsLayout metrics_layout = { "metrics", metrics_columns, M_N };
static const PsLayout liquidation_layout = { "liquidationSnapshot", liquidation_columns, L_N };

#define PS_IMPORT_MAX_COLUMNS 16

/* A CSV read line by line, with the row's values by layout column. */
typedef struct
{
  const char      *file;
  const PsLayout  *layout;
  const char      *symbol;              /* rows naming another one are an error */
  const char      *data;
  gsize            length;
  gsize            pos;
  guint            line;                /* of the current row, from 1 */
  guint            n_fields;            /* per row: the header's count or the layout's */
  int              index[PS_IMPORT_MAX_COLUMNS];   /* layout column → field, -1 absent */
  char           **row;                 /* the current row's fields */
  gboolean         started;             /* row holds the first data line while FALSE */
  /* The current row's values, by layout column. */
  gint64           t[PS_IMPORT_MAX_COLUMNS];
  double           v[PS_IMPORT_MAX_COLUMNS];
  gboolean         present[PS_IMPORT_MAX_COLUMNS];
} PsCsv;

static void
ps_csv_clear (PsCsv *csv)
{
  g_clear_pointer (&csv->row, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PsCsv, ps_csv_clear)

/* The current row's text of a layout column ("" when absent). */
static const char *
ps_csv_text (PsCsv *csv,
             guint  column)
{
  return csv->row && csv->index[column] >= 0 ? csv->row[csv->index[column]] : "";
}

static char *
ps_csv_quote (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  /* A whole page in one field helps nobody (cut by characters). */
  if (g_utf8_strlen (valid, -1) > 40)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, 40);

      return g_strdup_printf ("“%s…”", head);
    }
  return g_strdup_printf ("“%s”", valid);
}

static gboolean
ps_csv_field_error (PsCsv       *csv,
                    guint        column,
                    const char  *text,
                    const char  *expected,
                    GError     **error)
{
  g_autofree char *got = ps_csv_quote (text);

  g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD,
               _("%s, line %u, field “%s”: expected %s, got %s"),
               csv->file, csv->line, csv->layout->columns[column].name, expected, got);
  return FALSE;
}

/* The next non-blank line split at commas, or NULL at the end. */
static char **
ps_csv_next_line (PsCsv *csv)
{
  while (csv->pos < csv->length)
    {
      const char *start = csv->data + csv->pos;
      const char *nl = memchr (start, '\n', csv->length - csv->pos);
      gsize len = nl ? (gsize) (nl - start) : csv->length - csv->pos;
      g_autofree char *text = NULL;

      csv->pos += len + (nl ? 1 : 0);
      csv->line++;
      if (len > 0 && start[len - 1] == '\r')
        len--;
      text = g_strndup (start, len);
      g_strstrip (text);
      if (*text != '\0')
        return g_strsplit (text, ",", -1);
    }
  return NULL;
}

/* Whole field, plain decimal notation (strtod alone would take "0x1p3", "inf"). */
static gboolean
ps_csv_strtod (const char *str,
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

/* Futures archives stamp ms; 13 digits reach 2286. A 16-digit value is µs
 * (spot files from 2025), which this would silently misplace. */
static gboolean
ps_csv_time (const char *str,
             gint64     *t_ms)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (str, 10, 0, G_GINT64_CONSTANT (9999999999999), &value, NULL))
    return FALSE;
  *t_ms = (gint64) value;
  return TRUE;
}

static gboolean
ps_csv_datetime (const char *str,
                 gint64     *t_ms)
{
  g_autoptr(GDateTime) date = NULL;
  int y, mo, d, h, mi, s, n = 0;

  if (g_ascii_isdigit (str[0]) && strchr (str, ' ') == NULL && strchr (str, '-') == NULL)
    return ps_csv_time (str, t_ms);

  if (strlen (str) != 19 ||
      sscanf (str, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 || n != 19 ||
      !(date = g_date_time_new_utc (y, mo, d, h, mi, s)))
    return FALSE;
  *t_ms = g_date_time_to_unix (date) * 1000;
  return *t_ms >= 0;
}

static gboolean
ps_csv_read_field (PsCsv       *csv,
                   guint        column,
                   const char  *text,
                   GError     **error)
{
  const PsColumn *col = &csv->layout->columns[column];
  double v = NAN;
  guint64 count;

  csv->present[column] = TRUE;
  switch (col->type)
    {
    case COL_TIME:
      if (!ps_csv_time (text, &csv->t[column]))
        return ps_csv_field_error (csv, column, text, _("a time in ms (a whole number)"), error);
      return TRUE;
    case COL_DATETIME:
      if (!ps_csv_datetime (text, &csv->t[column]))
        return ps_csv_field_error (csv, column, text, _("a UTC time as YYYY-MM-DD HH:MM:SS"),
                                   error);
      return TRUE;
    case COL_COUNT:
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &count, NULL))
        return ps_csv_field_error (csv, column, text, _("a whole number of 0 or more"), error);
      csv->v[column] = (double) count;
      return TRUE;
    case COL_SIDE:
      if (g_strcmp0 (text, "SELL") != 0 && g_strcmp0 (text, "BUY") != 0)
        return ps_csv_field_error (csv, column, text, _("BUY or SELL"), error);
      csv->v[column] = g_strcmp0 (text, "SELL") == 0 ? PS_LIQ_LONG : PS_LIQ_SHORT;
      return TRUE;
    case COL_WORD:
      if (*text == '\0')
        return ps_csv_field_error (csv, column, text, _("a word"), error);
      return TRUE;
    case COL_SYMBOL:
      if (csv->symbol != NULL && g_strcmp0 (text, csv->symbol) != 0)
        return ps_csv_field_error (csv, column, text, csv->symbol, error);
      return TRUE;
    case COL_IGNORE:
      return TRUE;
    case COL_DECIMAL_OPT:
      if (*text == '\0')
        {
          csv->v[column] = NAN;
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case COL_DECIMAL:
    default:
      break;
    }

  if (!ps_csv_strtod (text, &v))
    return ps_csv_field_error (csv, column, text, _("a decimal number"), error);
  if (col->range == RANGE_POSITIVE && !(v > 0))
    return ps_csv_field_error (csv, column, text, _("a value above 0"), error);
  if (col->range == RANGE_NON_NEGATIVE && !(v >= 0))
    return ps_csv_field_error (csv, column, text, _("a value of 0 or more"), error);
  csv->v[column] = v;
  return TRUE;
}

/* A header names columns; data starts with a digit (a time). */
static gboolean
ps_csv_is_header (char **fields)
{
  return g_ascii_isalpha (fields[0][0]);
}

static gboolean
ps_csv_map_header (PsCsv   *csv,
                   char   **fields,
                   GError **error)
{
  const PsLayout *layout = csv->layout;

  csv->n_fields = g_strv_length (fields);
  for (guint c = 0; c < layout->n_columns; c++)
    {
      csv->index[c] = -1;
      for (guint i = 0; fields[i] != NULL; i++)
        if (g_ascii_strcasecmp (g_strstrip (fields[i]), layout->columns[c].name) == 0)
          csv->index[c] = (int) i;

      if (csv->index[c] < 0 && layout->columns[c].required)
        {
          g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                       _("%s, line %u: the header has no “%s” column (not a Binance %s file?)"),
                       csv->file, csv->line, layout->columns[c].name, layout->kind);
          return FALSE;
        }
    }
  return TRUE;
}

static void
ps_csv_map_positions (PsCsv *csv)
{
  csv->n_fields = 0;
  for (guint c = 0; c < csv->layout->n_columns; c++)
    csv->index[c] = csv->layout->columns[c].positional ? (int) csv->n_fields++ : -1;
}

/* Opens the CSV and reads the header, if any; the first data row waits in
 * csv->row for ps_csv_next_row. */
static gboolean
ps_csv_open (PsCsv           *csv,
             const char      *file,
             const PsLayout  *layout,
             const char      *symbol,
             const char      *data,
             gsize            length,
             GError         **error)
{
  g_assert (layout->n_columns <= PS_IMPORT_MAX_COLUMNS);

  memset (csv, 0, sizeof *csv);
  csv->file = file;
  csv->layout = layout;
  csv->symbol = symbol;
  csv->data = data ? data : "";
  csv->length = data ? length : 0;

  if (memchr (csv->data, '\0', csv->length) != NULL)
    {
      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID,
                   _("%s: binary data, not CSV text"), file);
      return FALSE;
    }
  /* A byte-order mark from a spreadsheet's "save as CSV". */
  if (csv->length >= 3 && memcmp (csv->data, "\xEF\xBB\xBF", 3) == 0)
    csv->pos = 3;

  csv->row = ps_csv_next_line (csv);
  if (csv->row == NULL || !ps_csv_is_header (csv->row))
    {
      ps_csv_map_positions (csv);
      return TRUE;
    }

  if (!ps_csv_map_header (csv, csv->row, error))
    return FALSE;
  g_clear_pointer (&csv->row, g_strfreev);
  csv->row = ps_csv_next_line (csv);
  return TRUE;
}

/* Reads the pending row into t[], v[] and present[]; FALSE at the end (error
 * unset) or on a bad row. */
static gboolean
ps_csv_next_row (PsCsv   *csv,
                 GError **error)
{
  guint n;

  if (csv->started)
    {
      g_clear_pointer (&csv->row, g_strfreev);
      csv->row = ps_csv_next_line (csv);
    }
  csv->started = TRUE;
  if (csv->row == NULL)
    return FALSE;

  n = g_strv_length (csv->row);
  if (n != csv->n_fields)
    {
      g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD,
                   _("%s, line %u: expected %u fields, got %u"),
                   csv->file, csv->line, csv->n_fields, n);
      return FALSE;
    }

  for (guint c = 0; c < csv->layout->n_columns; c++)
    {
      csv->present[c] = FALSE;
      csv->v[c] = NAN;
      if (csv->index[c] >= 0 &&
          !ps_csv_read_field (csv, c, g_strstrip (csv->row[csv->index[c]]), error))
        return FALSE;
    }
  return TRUE;
}

/* Rows come oldest first; equal times only where allow_equal. */
static gboolean
ps_csv_check_order (PsCsv       *csv,
                    guint        column,
                    gint64       t_ms,
                    gboolean     first,
                    gint64       previous_ms,
                    gboolean     allow_equal,
                    GError     **error)
{
  g_autofree char *expected = NULL;
  g_autofree char *previous = NULL;

  if (first || t_ms > previous_ms || (allow_equal && t_ms == previous_ms))
    return TRUE;

  previous = g_strdup_printf ("%" G_GINT64_FORMAT, previous_ms);
  expected = g_strdup_printf (_("a time after the previous line’s %s"), previous);
  return ps_csv_field_error (csv, column, ps_csv_text (csv, column), expected, error);
}

static gboolean
ps_import_read_kline (PsCsv       *csv,
                      PsCandles   *candles,
                      gint64       step_ms,
                      GError     **error)
{
  const double *v = csv->v;
  gint64 t_ms = csv->t[K_OPEN_TIME];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!ps_csv_check_order (csv, K_OPEN_TIME, t_ms, candles->n == 0,
                           candles->n ? candles->t_ms[candles->n - 1] : 0, FALSE, error))
    return FALSE;

  /* The interval of the name must be the rows' own: a 1h file renamed 4h
   * would otherwise be stored as 4h candles. */
  if (step_ms > 0 && csv->t[K_CLOSE_TIME] != t_ms + step_ms - 1)
    {
      g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT, t_ms + step_ms - 1);
      g_autofree char *expected = g_strdup_printf (_("%s (the open time plus the file’s interval, less 1 ms)"), want);

      return ps_csv_field_error (csv, K_CLOSE_TIME, ps_csv_text (csv, K_CLOSE_TIME), expected,
                                 error);
    }

  if (v[K_HIGH] < v[K_LOW])
    {
      g_autofree char *expected = g_strdup_printf (_("a value at or above the low %s"),
                                                   g_ascii_dtostr (buf, sizeof buf, v[K_LOW]));

      return ps_csv_field_error (csv, K_HIGH, ps_csv_text (csv, K_HIGH), expected, error);
    }

  ps_candles_append (candles, t_ms, v[K_OPEN], v[K_HIGH], v[K_LOW], v[K_CLOSE], v[K_VOLUME],
                     csv->present[K_TAKER_BUY] ? v[K_TAKER_BUY] : NAN);
  return TRUE;
}

PsCandles *
ps_import_parse_klines (const char  *file,
                        const char  *data,
                        gsize        length,
                        PsInterval   interval,
                        GError     **error)
{
  g_auto(PsCsv) csv = { 0 };
  g_autoptr(PsCandles) candles = ps_candles_new (0);
  g_autoptr(GError) local_error = NULL;
  gint64 step_ms = ps_interval_to_ms (interval);

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ps_csv_open (&csv, file, &kline_layout, NULL, data, length, error))
    return NULL;

  while (ps_csv_next_row (&csv, &local_error))
    if (!ps_import_read_kline (&csv, candles, step_ms, error))
      return NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&candles);
}

PsFunding *
ps_import_parse_funding (const char  *file,
                         const char  *data,
                         gsize        length,
                         GArray     **interval_ms,
                         GError     **error)
{
  g_auto(PsCsv) csv = { 0 };
  g_autoptr(PsFunding) funding = ps_funding_new (0);
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ps_csv_open (&csv, file, &funding_layout, NULL, data, length, error))
    return NULL;

  while (ps_csv_next_row (&csv, &local_error))
    {
      gint64 t_ms = csv.t[F_CALC_TIME];
      gint64 step_ms = 0;

      if (!ps_csv_check_order (&csv, F_CALC_TIME, t_ms, funding->n == 0,
                               funding->n ? funding->t_ms[funding->n - 1] : 0, FALSE, error))
        return NULL;

      /* Binance settles every 1, 2, 4 or 8 hours; 0 is not an interval. */
      if (csv.present[F_INTERVAL_HOURS])
        {
          if (!(csv.v[F_INTERVAL_HOURS] >= 1 && csv.v[F_INTERVAL_HOURS] <= 24))
            {
              ps_csv_field_error (&csv, F_INTERVAL_HOURS, ps_csv_text (&csv, F_INTERVAL_HOURS),
                                  _("a number of hours from 1 to 24"), error);
              return NULL;
            }
          step_ms = (gint64) csv.v[F_INTERVAL_HOURS] * 3600 * 1000;
        }

      ps_funding_append (funding, t_ms, csv.v[F_RATE], NAN);
      g_array_append_val (intervals, step_ms);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (interval_ms != NULL)
    *interval_ms = g_steal_pointer (&intervals);
  return g_steal_pointer (&funding);
}

PsOpenInterest *
ps_import_parse_metrics (const char  *file,
                         const char  *data,
                         gsize        length,
                         const char  *symbol,
                         GError     **error)
{
  g_auto(PsCsv) csv = { 0 };
  g_autoptr(PsOpenInterest) open_interest = ps_open_interest_new (0);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ps_csv_open (&csv, file, &metrics_layout, symbol, data, length, error))
    return NULL;

  while (ps_csv_next_row (&csv, &local_error))
    {
      gint64 t_ms = csv.t[M_CREATE_TIME];
      guint n = open_interest->n;

      if (!ps_csv_check_order (&csv, M_CREATE_TIME, t_ms, n == 0,
                               n ? open_interest->t_ms[n - 1] : 0, TRUE, error))
        return NULL;

      /* Early files repeat a snapshot's time now and then: the later row wins,
       * as an upsert would have it. */
      if (n > 0 && open_interest->t_ms[n - 1] == t_ms)
        {
          open_interest->contracts[n - 1] = csv.v[M_OI];
          open_interest->usd[n - 1] = csv.v[M_OI_VALUE];
          continue;
        }
      ps_open_interest_append (open_interest, t_ms, csv.v[M_OI], csv.v[M_OI_VALUE]);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&open_interest);
}

PsLiquidations *
ps_import_parse_liquidations (const char  *file,
                              const char  *data,
                              gsize        length,
                              const char  *symbol,
                              GError     **error)
{
  g_auto(PsCsv) csv = { 0 };
  g_autoptr(PsLiquidations) events = ps_liquidations_new (0);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ps_csv_open (&csv, file, &liquidation_layout, symbol, data, length, error))
    return NULL;

  while (ps_csv_next_row (&csv, &local_error))
    {
      const double *v = csv.v;
      gint64 t_ms = csv.t[L_TIME];
      double avg_price, filled;

      /* Several orders can share a millisecond. */
      if (!ps_csv_check_order (&csv, L_TIME, t_ms, events->n == 0,
                               events->n ? events->t_ms[events->n - 1] : 0, TRUE, error))
        return NULL;

      if (v[L_FILLED_QTY] > v[L_ORIGINAL_QTY])
        {
          g_autofree char *expected = NULL;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          expected = g_strdup_printf (_("at most the original quantity %s"),
                                      g_ascii_dtostr (buf, sizeof buf, v[L_ORIGINAL_QTY]));
          ps_csv_field_error (&csv, L_FILLED_QTY, ps_csv_text (&csv, L_FILLED_QTY), expected,
                              error);
          return NULL;
        }

      /* What was liquidated is what filled, at its average price; an order
       * that filled nothing says 0 there. */
      filled = v[L_FILLED_QTY];
      avg_price = v[L_AVG_PRICE] > 0 ? v[L_AVG_PRICE] : NAN;
      ps_liquidations_append (events, t_ms, (PsLiqSide) v[L_SIDE], PS_LIQ_SOURCE_IMPORT,
                              v[L_PRICE], avg_price, filled,
                              filled * (isnan (avg_price) ? v[L_PRICE] : avg_price));
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&events);
}
