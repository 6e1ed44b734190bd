/* ps-test-real-data.h: the real late-2025 BTCUSDT files in tests/data, read as series
 *
 * Shared by the tests that run the analysis over real data (test-render-model,
 * test-report-analysis, test-treadmill-real). Static inline: a test includes
 * what it reads and links nothing more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>

#include "ps-series.h"
#include "ps-test-util.h"
#include "ps-time.h"

/* The rows of a CSV file in tests/data, its header and blank lines left out. */
static inline GStrv
read_csv_rows (const char *name)
{
  g_autofree char *text = ps_test_load_data (name, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 1; lines[i] != NULL; i++)   /* skip the header */
    if (*g_strstrip (lines[i]) != '\0')
      g_ptr_array_add (rows, g_strdup (lines[i]));
  g_ptr_array_add (rows, NULL);
  return (GStrv) g_ptr_array_free (rows, FALSE);
}

/* Milliseconds since the epoch as written, or an ISO date (or date and time) in UTC. */
static inline gint64
parse_time (const char *text)
{
  gint64 t_ms = 0;

  if (g_ascii_isdigit (text[0]) && strchr (text, '-') == NULL)
    return g_ascii_strtoll (text, NULL, 10);
  g_assert_true (ps_time_parse (text, &t_ms));
  return t_ms;
}

/* open_time,open,high,low,close,volume[,…]: the 4h perp or the 5m spot file */
static inline PsCandles *
load_candles (const char *name)
{
  g_auto(GStrv) rows = read_csv_rows (name);
  PsCandles *candles = ps_candles_new (g_strv_length (rows));

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);
      g_autofree char *t = g_strdelimit (g_strdup (f[0]), " ", 'T');

      ps_candles_append (candles, parse_time (t), g_ascii_strtod (f[1], NULL),
                         g_ascii_strtod (f[2], NULL), g_ascii_strtod (f[3], NULL),
                         g_ascii_strtod (f[4], NULL), g_ascii_strtod (f[5], NULL), NAN);
    }
  return candles;
}

/* fundingTime (ms),fundingRate,markPrice: 8h, 6 Oct 2025 – 31 Jan 2026 */
static inline PsFunding *
load_funding (void)
{
  g_auto(GStrv) rows = read_csv_rows ("binance_btcusdt_funding_8h_2025-10-06_2026-01-31.csv");
  PsFunding *funding = ps_funding_new (g_strv_length (rows));

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);

      ps_funding_append (funding, parse_time (f[0]), g_ascii_strtod (f[1], NULL),
                         g_ascii_strtod (f[2], NULL));
    }
  return funding;
}

/* date,btc_oi_value_usd,…: Binance's daily openInterestHist, stamped at
 * midnight UTC, 7 Nov – 17 Dec 2025 */
static inline PsOpenInterest *
load_open_interest (void)
{
  g_auto(GStrv) rows = read_csv_rows ("binance_btcusdt_oi_daily_2025-11-07_2025-12-17.csv");
  PsOpenInterest *oi = ps_open_interest_new (g_strv_length (rows));

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);

      ps_open_interest_append (oi, parse_time (f[0]), NAN, g_ascii_strtod (f[1], NULL));
    }
  return oi;
}
