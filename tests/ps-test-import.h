/* ps-test-import.h: Binance public-data files made by the import tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "ps-test-util.h"

#define DAY_MS  (G_GINT64_CONSTANT (86400000))
#define HOUR_MS (G_GINT64_CONSTANT (3600000))
#define T_2024_01_01 G_GINT64_CONSTANT (1704067200000)
#define T_2024_02_01 G_GINT64_CONSTANT (1706745600000)

G_GNUC_UNUSED static const char kline_header[] =
  "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
  "taker_buy_quote_volume,ignore\n";
G_GNUC_UNUSED static const char metrics_header[] =
  "create_time,symbol,sum_open_interest,sum_open_interest_value,count_toptrader_long_short_ratio,"
  "sum_toptrader_long_short_ratio,count_long_short_ratio,sum_taker_long_short_vol_ratio\n";

/* Generated files */

/* n klines of step_ms from t0, skipping index skip (-1: none). */
G_GNUC_UNUSED static char *
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
G_GNUC_UNUSED static char *
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
G_GNUC_UNUSED static char *
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

G_GNUC_UNUSED static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* A ZIP holding one file, written with libarchive as Binance's are read. */
G_GNUC_UNUSED static void
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
G_GNUC_UNUSED static void
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

G_GNUC_UNUSED static char *
load (const char *name,
      gsize      *length)
{
  g_autofree char *path = g_build_filename ("import", name, NULL);

  return ps_test_load_data (path, length);
}
