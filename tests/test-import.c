/* test-import.c: Binance public-data archives → the cache (parsers, ZIPs, driver, CLI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "ps-import.h"
#include "ps-net-error.h"
#include "ps-test-util.h"

#define DAY_MS  (G_GINT64_CONSTANT (86400000))
#define HOUR_MS (G_GINT64_CONSTANT (3600000))
#define T_2024_01_01 G_GINT64_CONSTANT (1704067200000)
#define T_2024_02_01 G_GINT64_CONSTANT (1706745600000)

static const char kline_header[] =
  "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
  "taker_buy_quote_volume,ignore\n";
static const char metrics_header[] =
  "create_time,symbol,sum_open_interest,sum_open_interest_value,count_toptrader_long_short_ratio,"
  "sum_toptrader_long_short_ratio,count_long_short_ratio,sum_taker_long_short_vol_ratio\n";

/* Generated files */

/* n klines of step_ms from t0, skipping index skip (-1: none). */
static char *
make_klines (gint64   t0,
             gint64   step_ms,
             int      n,
             int      skip,
             gboolean header)
{
  GString *text = g_string_new (header ? kline_header : "");

  for (int i = 0; i < n; i++)
    {
      gint64 t = t0 + i * step_ms;
      double open = 40000 + i;

      if (i == skip)
        continue;
      g_string_append_printf (text, "%" G_GINT64_FORMAT ",%.1f,%.1f,%.1f,%.1f,10.5,%"
                              G_GINT64_FORMAT ",420000.0,100,5.25,210000.0,0\n",
                              t, open, open + 50, open - 50, open + 1, t + step_ms - 1);
    }
  return g_string_free (text, FALSE);
}

/* A day of 5-minute snapshots, skipping index skip (-1: none). */
static char *
make_metrics_day (gint64 t0,
                  int    skip)
{
  GString *text = g_string_new (metrics_header);

  for (int i = 0; i < 288; i++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc ((t0 + i * 300000) / 1000);
      g_autofree char *stamp = g_date_time_format (date, "%Y-%m-%d %H:%M:%S");

      if (i != skip)
        g_string_append_printf (text, "%s,BTCUSDT,%d.5,%d000.25,1.1,1.2,1.3,0.9\n",
                                stamp, 70000 + i, 3000000 + i);
    }
  return g_string_free (text, FALSE);
}

/* A month of 8-hourly settlements, a few ms late as Binance stamps them. */
static char *
make_funding_month (gint64 t0,
                    gint64 t1,
                    int    skip)
{
  GString *text = g_string_new ("calc_time,funding_interval_hours,last_funding_rate\n");
  int i = 0;

  for (gint64 t = t0; t < t1; t += 8 * HOUR_MS, i++)
    if (i != skip)
      g_string_append_printf (text, "%" G_GINT64_FORMAT ",8,0.000%02d\n", t + i % 7, i % 90);
  return g_string_free (text, FALSE);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* A ZIP holding one file, written with libarchive as Binance's are read. */
static void
write_zip (const char *path,
           const char *entry_name,
           const char *text)
{
  struct archive *archive = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();
  size_t length = strlen (text);

  g_assert_cmpint (archive_write_set_format_zip (archive), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, entry_name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) length);
  g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (archive, text, length), ==, (la_ssize_t) length);
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_entry_free (entry);
  archive_write_free (archive);
}

/* The ZIP at path cut to half its size, as an interrupted download leaves it. */
static void
truncate_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, (gssize) (length / 2), &error);
  g_assert_no_error (error);
}

static char *
load (const char *name,
      gsize      *length)
{
  g_autofree char *path = g_build_filename ("import", name, NULL);

  return ps_test_load_data (path, length);
}

/* Names */

static void
test_names (void)
{
  g_auto(PsImportName) name = { 0 };
  g_autofree char *reason = NULL;
  static const char * const rejected[] = {
    "BTCUSDT-3m-2026-05-18.zip", "BTCUSDT-1h-2026-05-18.zip.CHECKSUM", "BTCUSDT-aggTrades-2026-05-18.zip",
    "BTCUSDT-1h-2026-02-30.zip", "BTCUSDT-1h-2026-13.zip", "notes.txt", "btcusdt-1h-2026-05-18.zip",
    "BTCUSDT-1h-26-05-18.zip", "BTCUSDT-1h.zip",
  };

  g_assert_true (ps_import_parse_name ("BTCUSDT-1h-2026-05-18.zip", &name, NULL));
  g_assert_cmpint (name.kind, ==, PS_IMPORT_KLINES);
  g_assert_cmpstr (name.symbol, ==, "BTCUSDT");
  g_assert_cmpint (name.interval, ==, PS_INTERVAL_1H);
  g_assert_false (name.monthly);
  g_assert_cmpint (name.from_ms, ==, G_GINT64_CONSTANT (1779062400000));
  g_assert_cmpint (name.to_ms - name.from_ms, ==, DAY_MS);
  ps_import_name_clear (&name);

  g_assert_true (ps_import_parse_name ("ETHUSDT-1d-2024-02.csv", &name, NULL));
  g_assert_cmpint (name.kind, ==, PS_IMPORT_KLINES);
  g_assert_cmpint (name.interval, ==, PS_INTERVAL_1D);
  g_assert_true (name.monthly);
  g_assert_cmpint (name.from_ms, ==, T_2024_02_01);
  g_assert_cmpint (name.to_ms - name.from_ms, ==, 29 * DAY_MS);   /* leap year */
  ps_import_name_clear (&name);

  g_assert_true (ps_import_parse_name ("BTCUSDT-fundingRate-2026-05.zip", &name, NULL));
  g_assert_cmpint (name.kind, ==, PS_IMPORT_FUNDING);
  g_assert_cmpint (name.interval, ==, PS_INTERVAL_NONE);
  ps_import_name_clear (&name);
  g_assert_true (ps_import_parse_name ("BTCUSDT-metrics-2024-01-01.zip", &name, NULL));
  g_assert_cmpint (name.kind, ==, PS_IMPORT_METRICS);
  ps_import_name_clear (&name);
  g_assert_true (ps_import_parse_name ("1000PEPEUSDT-liquidationSnapshot-2023-07-01.zip", &name,
                                       NULL));
  g_assert_cmpint (name.kind, ==, PS_IMPORT_LIQUIDATIONS);
  g_assert_cmpstr (name.symbol, ==, "1000PEPEUSDT");
  ps_import_name_clear (&name);

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_clear_pointer (&reason, g_free);
      g_assert_false (ps_import_parse_name (rejected[i], &name, &reason));
      g_assert_nonnull (reason);
      g_assert_null (name.symbol);
    }
  g_assert_nonnull (strstr (reason, "SYMBOL-KIND"));
}

/* Parsers */

static void
test_klines_header_and_not (void)
{
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  g_autoptr(PsCandles) a = NULL;
  g_autoptr(PsCandles) b = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_with, n_without;

  with = load ("klines-header.csv", &n_with);
  without = load ("klines-noheader.csv", &n_without);
  a = ps_import_parse_klines ("a.csv", with, n_with, PS_INTERVAL_1H, &error);
  g_assert_no_error (error);
  b = ps_import_parse_klines ("b.csv", without, n_without, PS_INTERVAL_1H, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (a->n, ==, 3);
  g_assert_cmpuint (b->n, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (a->t_ms[i], ==, T_2024_01_01 + i * HOUR_MS);
      g_assert_cmpint (a->t_ms[i], ==, b->t_ms[i]);
      g_assert_cmpfloat (a->close[i], ==, b->close[i]);
      g_assert_cmpfloat (a->taker_buy_volume[i], ==, b->taker_buy_volume[i]);
    }
  g_assert_cmpfloat (a->open[0], ==, 42314.0);
  g_assert_cmpfloat (a->high[0], ==, 42600.5);
  g_assert_cmpfloat (a->low[2], ==, 42100.0);
  g_assert_cmpfloat (a->volume[1], ==, 1011.980);
  g_assert_cmpfloat (a->taker_buy_volume[2], ==, 1005.770);

  /* CRLF line ends and a byte-order mark change nothing. */
  {
    g_autofree char *crlf = g_strjoinv ("\r\n", (char *[]) { "\xEF\xBB\xBF" "open_time,open,high,low,close,volume,close_time",
                                                             "1704067200000,1,2,0.5,1.5,3,1704070799999", "", NULL });
    g_autoptr(PsCandles) c = ps_import_parse_klines ("c.csv", crlf, strlen (crlf), PS_INTERVAL_1H,
                                                     &error);

    g_assert_no_error (error);
    g_assert_cmpuint (c->n, ==, 1);
    g_assert_true (isnan (c->taker_buy_volume[0]));
  }
}

typedef struct
{
  const char *text;
  const char *words[3];
} BadCase;

static void
test_klines_garbage (void)
{
  static const BadCase cases[] = {
    { "1704067200000,1,2,0.5,1.5,3,1704070799999,0,0,1,0,0\n"
      "1704070800000,1,2,0.5,x,3,1704074399999,0,0,1,0,0\n",
      { "line 2", "“close”", "“x”" } },
    { "open_time,open,high,low,close,volume,close_time\n\n"
      "1704067200000,1,2,0.5,1.5,3,1704070799999\n"
      "1704070800000,1,2,0.5,1.5\n",
      { "line 4", "expected 7 fields, got 5", "f.csv" } },
    { "1704070800000,1,2,0.5,1.5,3,1704074399999,0,0,1,0,0\n"
      "1704067200000,1,2,0.5,1.5,3,1704070799999,0,0,1,0,0\n",
      { "line 2", "“open_time”", "previous line" } },
    { "1704067200000,1,2,0.5,1.5,3,1704081599999,0,0,1,0,0\n",
      { "line 1", "“close_time”", "interval" } },
    { "1704067200000,1,2,3,1.5,3,1704070799999,0,0,1,0,0\n",
      { "line 1", "“high”", "low 3" } },
    { "1704067200000000,1,2,0.5,1.5,3,1704070799999999,0,0,1,0,0\n",
      { "line 1", "“open_time”", "time in ms" } },
    { "1704067200000,1,2,0.5,1.5,-3,1704070799999,0,0,1,0,0\n",
      { "line 1", "“volume”", "0 or more" } },
    { "time,side,price\n1,2,3\n",
      { "line 1", "no “open_time” column", "klines" } },
    { "1704067200000,1,2,0.5,1.5,3,1704070799999,0,0,1,0,0\n\0garbage",
      { "binary", "f.csv", "" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsCandles) candles = NULL;
      gsize length = strlen (cases[i].text);

      if (i == G_N_ELEMENTS (cases) - 1)
        length += 8;   /* past the NUL */
      candles = ps_import_parse_klines ("f.csv", cases[i].text, length, PS_INTERVAL_1H, &error);
      g_assert_null (candles);
      g_assert_true (error->domain == PS_PARSE_ERROR);
      g_test_message ("case %u: %s", i, error->message);
      g_assert_true (g_str_has_prefix (error->message, "f.csv"));
      for (guint w = 0; w < G_N_ELEMENTS (cases[i].words); w++)
        g_assert_nonnull (strstr (error->message, cases[i].words[w]));
    }
}

static void
test_funding_parse (void)
{
  g_autofree char *text = NULL;
  g_autoptr(PsFunding) funding = NULL;
  g_autoptr(GArray) interval_ms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *without = NULL;
  gsize length;

  text = load ("fundingRate-header.csv", &length);
  funding = ps_import_parse_funding ("f.csv", text, length, &interval_ms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (funding->n, ==, 3);
  g_assert_cmpint (funding->t_ms[1], ==, T_2024_01_01 + 8 * HOUR_MS + 5);
  g_assert_cmpfloat (funding->rate[0], ==, 0.00037409);
  g_assert_cmpfloat (funding->rate[2], ==, -0.0000125);
  g_assert_true (isnan (funding->mark_price[0]));
  g_assert_cmpuint (interval_ms->len, ==, 3);
  g_assert_cmpint (g_array_index (interval_ms, gint64, 2), ==, 8 * HOUR_MS);
  g_clear_pointer (&funding, ps_funding_unref);

  /* Headerless, and a bad interval named with its line. */
  without = g_strdup (strchr (text, '\n') + 1);
  funding = ps_import_parse_funding ("f.csv", without, strlen (without), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (funding->n, ==, 3);
  g_clear_pointer (&funding, ps_funding_unref);

  funding = ps_import_parse_funding ("f.csv", "1704067200000,0,0.0001\n", 22, NULL, &error);
  g_assert_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD);
  g_assert_nonnull (strstr (error->message, "line 1, field “funding_interval_hours”"));
}

static void
test_metrics_parse (void)
{
  g_autofree char *text = NULL;
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  text = load ("metrics-header.csv", &length);
  oi = ps_import_parse_metrics ("m.csv", text, length, "BTCUSDT", &error);
  g_assert_no_error (error);

  /* The repeated 00:05 row: the later one wins. Blank ratios are allowed. */
  g_assert_cmpuint (oi->n, ==, 3);
  g_assert_cmpint (oi->t_ms[0], ==, T_2024_01_01);
  g_assert_cmpint (oi->t_ms[1], ==, T_2024_01_01 + 300000);
  g_assert_cmpfloat (oi->contracts[1], ==, 73840.0);
  g_assert_cmpfloat (oi->usd[1], ==, 3133160000.0);
  g_assert_cmpfloat (oi->usd[2], ==, 3135000000.5);
  g_clear_pointer (&oi, ps_open_interest_unref);

  /* A file of another symbol. */
  oi = ps_import_parse_metrics ("m.csv", text, length, "ETHUSDT", &error);
  g_assert_null (oi);
  g_assert_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD);
  g_assert_nonnull (strstr (error->message, "m.csv, line 2, field “symbol”: expected ETHUSDT"));
  g_clear_error (&error);

  /* A time that is not one. */
  {
    g_autofree char *bad = g_strconcat (metrics_header,
                                        "2024-01-01 00:00:00,BTCUSDT,1,2,,,,\n"
                                        "2024-01-01 25:00:00,BTCUSDT,1,2,,,,\n", NULL);

    oi = ps_import_parse_metrics ("m.csv", bad, strlen (bad), "BTCUSDT", &error);
    g_assert_null (oi);
    g_assert_nonnull (strstr (error->message, "line 3, field “create_time”"));
  }
}

static void
test_liquidations_parse (void)
{
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  g_autoptr(PsLiquidations) a = NULL;
  g_autoptr(PsLiquidations) b = NULL;
  g_autoptr(PsLiquidations) c = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_with, n_without;

  with = load ("liquidationSnapshot-header.csv", &n_with);
  without = load ("liquidationSnapshot-noheader.csv", &n_without);
  a = ps_import_parse_liquidations ("l.csv", with, n_with, "BTCUSDT", &error);
  g_assert_no_error (error);
  b = ps_import_parse_liquidations ("l.csv", without, n_without, "BTCUSDT", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (a->n, ==, 3);
  g_assert_cmpuint (b->n, ==, 3);
  /* A SELL order closes a long. Two orders in one ms are both kept. */
  g_assert_cmpint (a->t_ms[0], ==, a->t_ms[1]);
  g_assert_cmpint (a->side[0], ==, PS_LIQ_LONG);
  g_assert_cmpint (a->side[1], ==, PS_LIQ_SHORT);
  g_assert_cmpint (a->source[2], ==, PS_LIQ_SOURCE_IMPORT);
  g_assert_cmpfloat (a->price[0], ==, 42150.0);
  g_assert_cmpfloat (a->avg_price[0], ==, 42210.4);
  /* What filled, at the average fill price. */
  g_assert_cmpfloat (a->qty[2], ==, 1.0);
  g_assert_cmpfloat_with_epsilon (a->usd[2], 42088.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->usd[0], 0.5 * 42210.4, 1e-6);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (a->usd[i], ==, b->usd[i]);

  /* A symbol column, found by name; a side that is neither. */
  {
    const char *text = "time,symbol,side,original_quantity,price,average_price,accumulated_fill_quantity\n"
                       "1704067205123,BTCUSDT,SELL,1,100,101,1\n"
                       "1704067205124,BTCUSDT,LONG,1,100,101,1\n";

    c = ps_import_parse_liquidations ("l.csv", text, strlen (text), "BTCUSDT", &error);
    g_assert_null (c);
    g_assert_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD);
    g_assert_nonnull (strstr (error->message, "l.csv, line 3, field “side”: expected BUY or SELL"));
  }
}

/* Coverage */

static void
test_coverage (void)
{
  g_autofree char *full = make_klines (T_2024_01_01, HOUR_MS, 24, -1, FALSE);
  g_autofree char *holed = make_klines (T_2024_01_01, HOUR_MS, 24, 7, FALSE);
  g_autofree char *month = make_klines (T_2024_01_01, DAY_MS, 31, -1, TRUE);
  g_autofree char *funding_full = make_funding_month (T_2024_01_01, T_2024_02_01, -1);
  g_autofree char *funding_holed = make_funding_month (T_2024_01_01, T_2024_02_01, 40);
  g_autofree char *metrics_full = make_metrics_day (T_2024_01_01, -1);
  g_autofree char *metrics_holed = make_metrics_day (T_2024_01_01, 287);
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(PsFunding) funding = NULL;
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(GArray) interval_ms = NULL;
  gint64 from, to;

  candles = ps_import_parse_klines ("k", full, strlen (full), PS_INTERVAL_1H, NULL);
  ps_import_klines_coverage (candles, PS_INTERVAL_1H, T_2024_01_01, T_2024_01_01 + DAY_MS, &from, &to);
  g_assert_cmpint (from, ==, T_2024_01_01);
  g_assert_cmpint (to, ==, T_2024_01_01 + DAY_MS);
  g_clear_pointer (&candles, ps_candles_unref);

  candles = ps_import_parse_klines ("k", holed, strlen (holed), PS_INTERVAL_1H, NULL);
  g_assert_cmpuint (candles->n, ==, 23);
  ps_import_klines_coverage (candles, PS_INTERVAL_1H, T_2024_01_01, T_2024_01_01 + DAY_MS, &from, &to);
  g_assert_cmpint (to, <=, from);
  /* A complete day named as another day proves nothing about that one. */
  g_clear_pointer (&candles, ps_candles_unref);
  candles = ps_import_parse_klines ("k", full, strlen (full), PS_INTERVAL_1H, NULL);
  ps_import_klines_coverage (candles, PS_INTERVAL_1H, T_2024_01_01 + DAY_MS,
                             T_2024_01_01 + 2 * DAY_MS, &from, &to);
  g_assert_cmpint (to, <=, from);
  g_clear_pointer (&candles, ps_candles_unref);

  candles = ps_import_parse_klines ("k", month, strlen (month), PS_INTERVAL_1D, NULL);
  ps_import_klines_coverage (candles, PS_INTERVAL_1D, T_2024_01_01, T_2024_02_01, &from, &to);
  g_assert_cmpint (to - from, ==, 31 * DAY_MS);

  funding = ps_import_parse_funding ("f", funding_full, strlen (funding_full), &interval_ms, NULL);
  g_assert_cmpuint (funding->n, ==, 93);
  ps_import_funding_coverage (funding, interval_ms, T_2024_01_01, T_2024_02_01, &from, &to);
  g_assert_cmpint (from, ==, T_2024_01_01);
  g_assert_cmpint (to, ==, T_2024_02_01);
  g_clear_pointer (&funding, ps_funding_unref);
  g_clear_pointer (&interval_ms, g_array_unref);
  funding = ps_import_parse_funding ("f", funding_holed, strlen (funding_holed), &interval_ms, NULL);
  ps_import_funding_coverage (funding, interval_ms, T_2024_01_01, T_2024_02_01, &from, &to);
  g_assert_cmpint (to, <=, from);
  /* The last settlement missing is a hole too. */
  funding->n--;
  ps_import_funding_coverage (funding, interval_ms, T_2024_01_01, T_2024_02_01, &from, &to);
  g_assert_cmpint (to, <=, from);

  oi = ps_import_parse_metrics ("m", metrics_full, strlen (metrics_full), "BTCUSDT", NULL);
  g_assert_cmpuint (oi->n, ==, 288);
  ps_import_metrics_coverage (oi, T_2024_01_01, T_2024_01_01 + DAY_MS, &from, &to);
  g_assert_cmpint (to - from, ==, DAY_MS);
  g_clear_pointer (&oi, ps_open_interest_unref);
  oi = ps_import_parse_metrics ("m", metrics_holed, strlen (metrics_holed), "BTCUSDT", NULL);
  ps_import_metrics_coverage (oi, T_2024_01_01, T_2024_01_01 + DAY_MS, &from, &to);
  g_assert_cmpint (to, <=, from);
}

/* Archives */

static void
test_archive (void)
{
  g_autofree char *dir = g_dir_make_tmp ("perpscope-import-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "BTCUSDT-1h-2024-01-01.zip", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.zip", NULL);
  g_autofree char *text = make_klines (T_2024_01_01, HOUR_MS, 24, -1, TRUE);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  PsImportEntry *entry;

  write_zip (good, "BTCUSDT-1h-2024-01-01.csv", text);
  entries = ps_import_read_archive (good, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->name, ==, "BTCUSDT-1h-2024-01-01.csv");
  g_assert_cmpmem (g_bytes_get_data (entry->contents, NULL), g_bytes_get_size (entry->contents),
                   text, strlen (text));
  g_clear_pointer (&entries, g_ptr_array_unref);

  write_zip (cut, "x.csv", text);
  truncate_file (cut);
  entries = ps_import_read_archive (cut, &error);
  g_assert_null (entries);
  g_assert_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, cut));
  g_assert_nonnull (strstr (error->message, "damaged or cut short: "));
  g_clear_error (&error);

  /* One byte changed in a stored (uncompressed) entry: only the CRC tells. */
  {
    struct archive *archive = archive_write_new ();
    struct archive_entry *header = archive_entry_new ();
    g_autofree char *contents = NULL;
    char *digit;
    gsize length;

    archive_write_set_format_zip (archive);
    archive_write_zip_set_compression_store (archive);
    g_assert_cmpint (archive_write_open_filename (archive, cut), ==, ARCHIVE_OK);
    archive_entry_set_pathname (header, "x.csv");
    archive_entry_set_filetype (header, AE_IFREG);
    archive_entry_set_size (header, (la_int64_t) strlen (text));
    archive_write_header (archive, header);
    archive_write_data (archive, text, strlen (text));
    archive_write_close (archive);
    archive_entry_free (header);
    archive_write_free (archive);

    g_file_get_contents (cut, &contents, &length, &error);
    g_assert_no_error (error);
    /* The ZIP headers hold NUL bytes: no string search. */
    digit = NULL;
    for (gsize i = 0; digit == NULL && i + 15 <= length; i++)
      if (memcmp (contents + i, "40000.0,40050.0", 15) == 0)
        digit = contents + i;
    g_assert_nonnull (digit);
    *digit = '5';
    g_file_set_contents (cut, contents, (gssize) length, &error);
    g_assert_no_error (error);

    entries = ps_import_read_archive (cut, &error);
    g_assert_null (entries);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "CRC"));
    g_clear_error (&error);
  }

  /* Not a ZIP at all. */
  write_text (cut, "PK\003\004 truncated archive");
  entries = ps_import_read_archive (cut, &error);
  g_assert_null (entries);
  g_assert_nonnull (strstr (error->message, "damaged or cut short: "));

  g_remove (good);
  g_remove (cut);
  g_rmdir (dir);
}

/* The driver */

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      rm_rf (child);
    }
  if (dir)
    g_rmdir (path);
  else
    g_remove (path);
}

typedef struct
{
  GPtrArray *messages;
  guint      calls;
  guint      n_events;
  gint64     span_from_ms;
  gint64     span_to_ms;
} Sink;

static void
progress_cb (const char          *path,
             guint                index,
             guint                n_files,
             gboolean             done,
             PsImportFileStatus   status,
             const char          *message,
             gpointer             user_data)
{
  Sink *sink = user_data;

  g_assert_cmpuint (index, <, n_files);
  if (done && message)
    g_ptr_array_add (sink->messages, g_strdup_printf ("%d %s", status, message));
}

static gboolean
liquidations_cb (const char            *venue,
                 const char            *symbol,
                 const PsLiquidations  *events,
                 gint64                 span_from_ms,
                 gint64                 span_to_ms,
                 guint                 *n_new,
                 gpointer               user_data,
                 GError               **error)
{
  Sink *sink = user_data;

  g_assert_cmpstr (venue, ==, "binance");
  g_assert_cmpstr (symbol, ==, "BTCUSDT");
  sink->calls++;
  sink->n_events += events->n;
  sink->span_from_ms = span_from_ms;
  sink->span_to_ms = span_to_ms;
  *n_new = events->n;
  return TRUE;
}

/* In root/a: nine Binance files of every kind, two of them bad, and two that
 * are not. Returns root (caches go beside a). */
static char *
make_archive_dir (void)
{
  char *root = g_dir_make_tmp ("perpscope-import-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (root, "a", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", "deeper", NULL);
  g_autofree char *liquidations = load ("liquidationSnapshot-header.csv", NULL);
  g_autofree char *day1 = make_klines (T_2024_01_01, HOUR_MS, 24, -1, TRUE);
  g_autofree char *day2 = make_klines (T_2024_01_01 + DAY_MS, HOUR_MS, 24, -1, FALSE);
  g_autofree char *day3 = make_klines (T_2024_01_01 + 2 * DAY_MS, HOUR_MS, 24, 5, TRUE);
  g_autofree char *month = make_klines (T_2024_01_01, DAY_MS, 31, -1, TRUE);
  g_autofree char *funding = make_funding_month (T_2024_01_01, T_2024_02_01, -1);
  g_autofree char *metrics = make_metrics_day (T_2024_01_01, -1);
  struct { const char *name; const char *text; gboolean zip; } files[] = {
    { "BTCUSDT-1h-2024-01-01.zip", day1, TRUE },
    { "BTCUSDT-1h-2024-01-02.csv", day2, FALSE },
    { "BTCUSDT-1h-2024-01-03.zip", day3, TRUE },
    { "BTCUSDT-1h-2024-01-04.zip", day1, TRUE },
    { "sub/BTCUSDT-1d-2024-01.csv", month, FALSE },
    { "sub/BTCUSDT-fundingRate-2024-01.zip", funding, TRUE },
    { "sub/BTCUSDT-metrics-2024-01-01.zip", metrics, TRUE },
    { "sub/BTCUSDT-liquidationSnapshot-2024-01-01.zip", liquidations, TRUE },
    { "sub/deeper/BTCUSDT-15m-2024-01-05.csv", "1704412800000,1,2,0.5,1.5,3,1704413699999,0,0,1,0,0\n"
                                               "1704413700000,1,2,0.5,1.5,3,1704414599999,0,0,1,0,0\n"
                                               "1704414600000,1,2,0.5,abc,3,1704415499999,0,0,1,0,0\n", FALSE },
    { "BTCUSDT-1h-2024-01-01.zip.CHECKSUM", "0123  BTCUSDT-1h-2024-01-01.zip\n", FALSE },
    { "notes.txt", "hello\n", FALSE },
  };

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autofree char *base = g_path_get_basename (path);

      if (!files[i].zip)
        write_text (path, files[i].text);
      else
        {
          base[strlen (base) - 3] = '\0';
          g_autofree char *entry = g_strconcat (base, "csv", NULL);

          write_zip (path, entry, files[i].text);
        }
    }

  {
    g_autofree char *cut = g_build_filename (dir, "BTCUSDT-1h-2024-01-04.zip", NULL);

    truncate_file (cut);
  }
  return root;
}

static guint
count_candles (PsCache    *cache,
               PsInterval  interval)
{
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;

  candles = ps_cache_read_candles (cache, "binance", "BTCUSDT", interval, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  return candles->n;
}

static guint
count_oi (PsCache    *cache,
          PsInterval  interval)
{
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(GError) error = NULL;

  oi = ps_cache_read_open_interest (cache, "binance", "BTCUSDT", interval, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  return oi->n;
}

/* The one fetched range of a series, or {0, 0}. */
static PsRange
covered (PsCache      *cache,
         PsSeriesKind  kind,
         PsInterval    interval)
{
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) error = NULL;
  PsRange none = { 0, 0 };

  ranges = ps_cache_get_coverage (cache, "binance", "BTCUSDT", kind, interval, 0, G_MAXINT64,
                                  PS_COVERAGE_FETCHED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranges->len, <=, 1);
  return ranges->len ? g_array_index (ranges, PsRange, 0) : none;
}

static void
assert_cache (PsCache *cache)
{
  g_autoptr(PsFunding) funding = NULL;
  PsRange r;

  /* Three 1h days, one of them a candle short; the 15m file failed whole. */
  g_assert_cmpuint (count_candles (cache, PS_INTERVAL_1H), ==, 24 + 24 + 23);
  g_assert_cmpuint (count_candles (cache, PS_INTERVAL_1D), ==, 31);
  g_assert_cmpuint (count_candles (cache, PS_INTERVAL_15M), ==, 0);
  funding = ps_cache_read_funding (cache, "binance", "BTCUSDT", 0, G_MAXINT64, NULL);
  g_assert_cmpuint (funding->n, ==, 93);
  g_assert_cmpuint (count_oi (cache, PS_INTERVAL_5M), ==, 288);
  g_assert_cmpuint (count_oi (cache, PS_INTERVAL_1H), ==, 24);
  g_assert_cmpuint (count_oi (cache, PS_INTERVAL_1D), ==, 1);

  /* Coverage: the complete files only, so the short day stays a gap. */
  r = covered (cache, PS_SERIES_CANDLES, PS_INTERVAL_1H);
  g_assert_cmpint (r.from_ms, ==, T_2024_01_01);
  g_assert_cmpint (r.to_ms, ==, T_2024_01_01 + 2 * DAY_MS);
  r = covered (cache, PS_SERIES_CANDLES, PS_INTERVAL_1D);
  g_assert_cmpint (r.to_ms - r.from_ms, ==, 31 * DAY_MS);
  r = covered (cache, PS_SERIES_FUNDING, PS_INTERVAL_NONE);
  g_assert_cmpint (r.from_ms, ==, T_2024_01_01);
  g_assert_cmpint (r.to_ms, ==, T_2024_02_01);
  r = covered (cache, PS_SERIES_OPEN_INTEREST, PS_INTERVAL_1H);
  g_assert_cmpint (r.to_ms - r.from_ms, ==, DAY_MS);
  r = covered (cache, PS_SERIES_CANDLES, PS_INTERVAL_15M);
  g_assert_cmpint (r.to_ms, ==, 0);
}

static void
assert_messages (GPtrArray  *messages,
                 const char *dir)
{
  g_autofree char *cut = g_build_filename (dir, "BTCUSDT-1h-2024-01-04.zip", NULL);
  g_autofree char *garbage = g_build_filename (dir, "sub", "deeper", "BTCUSDT-15m-2024-01-05.csv", NULL);
  g_autofree char *expect_cut = g_strdup_printf ("%d %s: the archive is damaged or cut short",
                                                 PS_IMPORT_FILE_FAILED, cut);
  g_autofree char *expect_garbage = g_strdup_printf ("%d %s, line 3, field “close”",
                                                     PS_IMPORT_FILE_FAILED, garbage);
  guint found = 0;

  g_assert_cmpuint (messages->len, ==, 4);
  for (guint i = 0; i < messages->len; i++)
    {
      const char *message = g_ptr_array_index (messages, i);

      g_test_message ("%s", message);
      found += g_str_has_prefix (message, expect_cut) ? 1 : 0;
      found += g_str_has_prefix (message, expect_garbage) ? 2 : 0;
      found += strstr (message, "CHECKSUM: skipped, a checksum file") ? 4 : 0;
      found += strstr (message, "notes.txt: skipped, not a ZIP or CSV file") ? 8 : 0;
    }
  g_assert_cmpuint (found, ==, 15);
}

static void
test_run (void)
{
  g_autofree char *root = make_archive_dir ();
  g_autofree char *dir = g_build_filename (root, "a", NULL);
  g_autofree char *cache_path = g_build_filename (root, "cache.db", NULL);
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { dir, NULL };
  Sink sink = { g_ptr_array_new_with_free_func (g_free) };
  PsImportTarget target = { NULL, liquidations_cb, &sink, progress_cb, &sink };

  cache = ps_cache_new (cache_path, &error);
  g_assert_no_error (error);
  target.cache = cache;

  for (guint round = 0; round < 2; round++)
    {
      PsImportStats stats = { 0 };

      g_ptr_array_set_size (sink.messages, 0);
      g_assert_false (ps_import_run (&target, paths, &stats));
      g_assert_cmpuint (stats.n_imported, ==, 7);
      g_assert_cmpuint (stats.n_failed, ==, 2);
      g_assert_cmpuint (stats.n_skipped, ==, 2);
      g_assert_cmpuint (stats.n_candles, ==, 24 + 24 + 23 + 31);
      g_assert_cmpuint (stats.n_funding, ==, 93);
      g_assert_cmpuint (stats.n_open_interest, ==, 288);
      g_assert_cmpuint (stats.n_liquidations, ==, 3);
      assert_messages (sink.messages, dir);
      /* The second import changes nothing. */
      assert_cache (cache);
    }

  g_assert_cmpuint (sink.calls, ==, 2);
  g_assert_cmpuint (sink.n_events, ==, 6);
  g_assert_cmpint (sink.span_from_ms, ==, T_2024_01_01);
  g_assert_cmpint (sink.span_to_ms, ==, T_2024_01_01 + DAY_MS);

  g_ptr_array_unref (sink.messages);
  g_clear_object (&cache);
  rm_rf (root);
}

/* The command line */

static int
run_import (char       **out,
            char       **err,
            const char  *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("PERPSCOPE_BIN"));
  g_ptr_array_add (argv, "import");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", *out, *err);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static void
test_cli (void)
{
  g_autofree char *root = make_archive_dir ();
  g_autofree char *dir = g_build_filename (root, "a", NULL);
  g_autofree char *cache_path = g_build_filename (root, "cli.db", NULL);
  g_autofree char *good = g_build_filename (dir, "BTCUSDT-1h-2024-01-01.zip", NULL);
  g_autofree char *cut = g_build_filename (dir, "BTCUSDT-1h-2024-01-04.zip", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(GError) error = NULL;

  /* A damaged file is named, the rest imported, the status says so. */
  g_assert_cmpint (run_import (&out, &err, "--cache", cache_path, dir, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, "6 files imported, 2 failed, 3 skipped\n"));
  g_assert_nonnull (strstr (out, "candles:        102 rows"));
  g_assert_nonnull (strstr (out, "liquidations:   0 events"));
  g_assert_nonnull (strstr (err, cut));
  g_assert_nonnull (strstr (err, "cut short"));
  g_assert_nonnull (strstr (err, "line 3, field “close”"));
  /* Without a recordings database liquidations are read, not stored. */
  g_assert_nonnull (strstr (err, "3 liquidations read, not stored"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_import (&out, &err, "--cache", cache_path, good, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "1 file imported, 0 failed, 0 skipped\n"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_import (&out, &err, "--cache", cache_path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "perpscope import: "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_import (&out, &err, "--cache", "", good, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  cache = ps_cache_new (cache_path, &error);
  g_assert_no_error (error);
  assert_cache (cache);
  g_clear_object (&cache);
  rm_rf (root);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/store/import/names", test_names);
  g_test_add_func ("/perpscope/store/import/klines", test_klines_header_and_not);
  g_test_add_func ("/perpscope/store/import/klines-garbage", test_klines_garbage);
  g_test_add_func ("/perpscope/store/import/funding", test_funding_parse);
  g_test_add_func ("/perpscope/store/import/metrics", test_metrics_parse);
  g_test_add_func ("/perpscope/store/import/liquidations", test_liquidations_parse);
  g_test_add_func ("/perpscope/store/import/coverage", test_coverage);
  g_test_add_func ("/perpscope/store/import/archive", test_archive);
  g_test_add_func ("/perpscope/store/import/run", test_run);
  g_test_add_func ("/perpscope/store/import/cli", test_cli);

  return g_test_run ();
}
