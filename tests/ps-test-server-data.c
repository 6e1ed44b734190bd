/* ps-test-server-data.c: the test server's rows, read from tests/data once a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ps-test-server-private.h"
#include "ps-test-util.h"

#define PS_TEST_SYMBOL            "BTCUSDT"
#define PS_TEST_CANDLES_CSV       "binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv"
#define PS_TEST_FUNDING_CSV       "binance_btcusdt_funding_8h_2025-10-06_2026-01-31.csv"
#define PS_TEST_OPEN_INTEREST_CSV "binance_btcusdt_oi_daily_2025-11-07_2025-12-17.csv"
#define PS_TEST_CANDLES_5M_CSV    "binance_btcusdt_perp_5m_2024-12-01_2024-12-31.csv"
#define PS_TEST_SPOT_4H_CSV       "binance_btcusdt_spot_4h_2025-11-01_29.csv"

void
_ps_test_table_init (PsTestTable *table)
{
  table->t_ms = g_array_new (FALSE, FALSE, sizeof (gint64));
  table->json = g_ptr_array_new_with_free_func (g_free);
}

void
_ps_test_table_clear (PsTestTable *table)
{
  g_clear_pointer (&table->t_ms, g_array_unref);
  g_clear_pointer (&table->json, g_ptr_array_unref);
}

static void
ps_test_table_add (PsTestTable *table,
                   gint64       t_ms,
                   char        *json)
{
  if (table->t_ms->len > 0)
    g_assert_cmpint (t_ms, >, g_array_index (table->t_ms, gint64, table->t_ms->len - 1));

  g_array_append_val (table->t_ms, t_ms);
  g_ptr_array_add (table->json, json);
}

/* First index with t > t_ms (upper) or t >= t_ms (lower). */
guint
_ps_test_table_bound (const PsTestTable *table,
                      gint64             t_ms,
                      gboolean           upper)
{
  guint lo = 0, hi = table->t_ms->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 t = g_array_index (table->t_ms, gint64, mid);

      if (t < t_ms || (upper && t == t_ms))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* ps-bench runs without g_test_init (), where G_TEST_DIST is not known. */
static GStrv
ps_test_server_read_csv (const char *name,
                         guint       n_columns)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new ();

  if (g_test_initialized ())
    path = ps_test_data_path (name);
  else
    path = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : "tests",
                             "data", name, NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  /* Line 0 is the header. */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_auto(GStrv) fields = NULL;

      if (*line == '\0')
        continue;
      fields = g_strsplit (line, ",", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, n_columns);
      g_ptr_array_add (rows, g_strdup (line));
    }
  g_ptr_array_add (rows, NULL);
  return (GStrv) g_ptr_array_free (rows, FALSE);
}

static gint64
ps_test_parse_ms (const char *str)
{
  gint64 value = 0;
  g_autoptr(GError) error = NULL;

  g_ascii_string_to_signed (str, 10, 0, G_MAXINT64, &value, &error);
  g_assert_no_error (error);
  return value;
}

/* The CSV lacks the taker-buy columns: half the volume keeps the taker split
 * neutral instead of claiming every trade was a sell. */
static void
ps_test_server_load_klines (PsTestTables *self)
{
  g_auto(GStrv) rows = ps_test_server_read_csv (PS_TEST_CANDLES_CSV, 9);

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);
      char taker_base[G_ASCII_DTOSTR_BUF_SIZE];
      char taker_quote[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (taker_base, sizeof taker_base, "%.3f", g_ascii_strtod (f[5], NULL) / 2);
      g_ascii_formatd (taker_quote, sizeof taker_quote, "%.5f", g_ascii_strtod (f[7], NULL) / 2);
      ps_test_table_add (&self->klines, ps_test_parse_ms (f[0]),
                         g_strdup_printf ("[%s,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",%s,\"%s\",%s,"
                                          "\"%s\",\"%s\",\"0\"]",
                                          f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8],
                                          taker_base, taker_quote));
    }
}

/* OHLCV only: quote volume from the close, taker-buy half of each. */
static void
ps_test_server_load_klines_5m (PsTestTables *self)
{
  g_auto(GStrv) rows = ps_test_server_read_csv (PS_TEST_CANDLES_5M_CSV, 6);

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);
      gint64 t = ps_test_parse_ms (f[0]);
      double volume = g_ascii_strtod (f[5], NULL);
      double quote = volume * g_ascii_strtod (f[4], NULL);
      char quote_text[G_ASCII_DTOSTR_BUF_SIZE];
      char taker_base[G_ASCII_DTOSTR_BUF_SIZE];
      char taker_quote[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (quote_text, sizeof quote_text, "%.5f", quote);
      g_ascii_formatd (taker_base, sizeof taker_base, "%.3f", volume / 2);
      g_ascii_formatd (taker_quote, sizeof taker_quote, "%.5f", quote / 2);
      ps_test_table_add (&self->klines_5m, t,
                         g_strdup_printf ("[%s,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",%" G_GINT64_FORMAT
                                          ",\"%s\",0,\"%s\",\"%s\",\"0\"]",
                                          f[0], f[1], f[2], f[3], f[4], f[5], t + 299999,
                                          quote_text, taker_base, taker_quote));
    }
}

/* Spot 4h: the shared spot 5m candles of November 2025 summed per 4 hours
 * (whole periods only); taker-buy half of the volume, as for the 5m perp. */
static void
ps_test_server_load_spot_klines (PsTestTables *self)
{
  g_auto(GStrv) rows = ps_test_server_read_csv (PS_TEST_SPOT_4H_CSV, 6);

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);
      gint64 t = ps_test_parse_ms (f[0]);
      double volume = g_ascii_strtod (f[5], NULL);
      double quote = volume * g_ascii_strtod (f[4], NULL);
      char quote_text[G_ASCII_DTOSTR_BUF_SIZE];
      char taker_base[G_ASCII_DTOSTR_BUF_SIZE];
      char taker_quote[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (quote_text, sizeof quote_text, "%.8f", quote);
      g_ascii_formatd (taker_base, sizeof taker_base, "%.8f", volume / 2);
      g_ascii_formatd (taker_quote, sizeof taker_quote, "%.8f", quote / 2);
      ps_test_table_add (&self->spot_klines, t,
                         g_strdup_printf ("[%s,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",%" G_GINT64_FORMAT
                                          ",\"%s\",0,\"%s\",\"%s\",\"0\"]",
                                          f[0], f[1], f[2], f[3], f[4], f[5],
                                          t + 4 * 3600 * 1000 - 1, quote_text, taker_base,
                                          taker_quote));
    }
}

static void
ps_test_server_load_funding (PsTestTables *self)
{
  g_auto(GStrv) rows = ps_test_server_read_csv (PS_TEST_FUNDING_CSV, 3);

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);

      ps_test_table_add (&self->funding, ps_test_parse_ms (f[0]),
                         g_strdup_printf ("{\"symbol\":\"" PS_TEST_SYMBOL "\",\"fundingTime\":%s,"
                                          "\"fundingRate\":\"%s\",\"markPrice\":\"%s\"}",
                                          f[0], f[1], f[2]));
    }
}

/* The close of the 4h candle at t_ms (or the last one before it). */
static double
ps_test_server_price_at (PsTestTables *self,
                         gint64        t_ms)
{
  guint i = _ps_test_table_bound (&self->klines, t_ms, TRUE);
  g_auto(GStrv) f = NULL;

  i = i > 0 ? i - 1 : 0;
  f = g_strsplit (g_ptr_array_index (self->klines.json, i), ",", -1);
  return g_ascii_strtod (f[4] + 1, NULL);   /* skip the opening quote */
}

/* "7902458729.7" → "7902458729.70000000": Binance writes 8 decimals, and padding
 * the CSV's text keeps the value exact where printing a double would not. */
static char *
ps_test_pad_decimals (const char *decimal)
{
  const char *dot = strchr (decimal, '.');
  GString *str = g_string_new (decimal);
  gsize n_decimals = dot ? strlen (dot + 1) : 0;

  if (dot == NULL)
    g_string_append_c (str, '.');
  for (; n_decimals < 8; n_decimals++)
    g_string_append_c (str, '0');
  return g_string_free (str, FALSE);
}

/* Days become midnight UTC; contracts are derived from the candle's close. The
 * real payload carries timestamp as a JSON number (the docs show a string). */
static void
ps_test_server_load_open_interest (PsTestTables *self)
{
  g_auto(GStrv) rows = ps_test_server_read_csv (PS_TEST_OPEN_INTEREST_CSV, 3);

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);
      g_auto(GStrv) ymd = g_strsplit (f[0], "-", -1);
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *usd = ps_test_pad_decimals (f[1]);
      char contracts[G_ASCII_DTOSTR_BUF_SIZE];
      double value;
      gint64 t_ms;

      g_assert_cmpuint (g_strv_length (ymd), ==, 3);
      date = g_date_time_new_utc (atoi (ymd[0]), atoi (ymd[1]), atoi (ymd[2]), 0, 0, 0);
      g_assert_nonnull (date);
      t_ms = g_date_time_to_unix (date) * 1000;
      value = g_ascii_strtod (f[1], NULL);
      g_ascii_formatd (contracts, sizeof contracts, "%.8f",
                       value / ps_test_server_price_at (self, t_ms));
      ps_test_table_add (&self->open_interest, t_ms,
                         g_strdup_printf ("{\"symbol\":\"" PS_TEST_SYMBOL "\","
                                          "\"sumOpenInterest\":\"%s\","
                                          "\"sumOpenInterestValue\":\"%s\","
                                          "\"timestamp\":%" G_GINT64_FORMAT "}",
                                          contracts, usd, t_ms));
    }
}

void
_ps_test_table_share (PsTestTable       *table,
                      const PsTestTable *loaded)
{
  table->t_ms = g_array_ref (loaded->t_ms);
  table->json = g_ptr_array_ref (loaded->json);
}

/* Nothing changes the tables after loading. */
const PsTestTables *
_ps_test_tables_get (void)
{
  static PsTestTables *loaded;

  if (loaded == NULL)
    {
      loaded = g_new0 (PsTestTables, 1);
      _ps_test_table_init (&loaded->klines);
      _ps_test_table_init (&loaded->klines_5m);
      _ps_test_table_init (&loaded->funding);
      _ps_test_table_init (&loaded->open_interest);
      _ps_test_table_init (&loaded->spot_klines);
      ps_test_server_load_klines (loaded);
      ps_test_server_load_klines_5m (loaded);
      ps_test_server_load_funding (loaded);
      ps_test_server_load_open_interest (loaded);
      ps_test_server_load_spot_klines (loaded);
    }
  return loaded;
}
