/* test-spot.c: the perpetual's share of volume, by hand and on the real
 * late-2025 BTCUSDT data (perp 4h, spot 5m 19–29 Nov 2025)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-spot.h"
#include "ps-test-util.h"
#include "ps-time.h"

#define HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)

static GStrv
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

/* open_time (ms, or "YYYY-MM-DD HH:MM:SS" UTC),open,high,low,close,volume,… */
static PsCandles *
load_candles (const char *name)
{
  g_auto(GStrv) rows = read_csv_rows (name);
  PsCandles *candles = ps_candles_new (g_strv_length (rows));

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);
      gint64 t_ms = 0;

      if (strchr (f[0], '-') != NULL)
        g_assert_true (ps_time_parse (f[0], &t_ms));
      else
        t_ms = g_ascii_strtoll (f[0], NULL, 10);
      ps_candles_append (candles, t_ms, g_ascii_strtod (f[1], NULL), g_ascii_strtod (f[2], NULL),
                         g_ascii_strtod (f[3], NULL), g_ascii_strtod (f[4], NULL),
                         g_ascii_strtod (f[5], NULL), NAN);
    }
  return candles;
}

static void
add (PsCandles *c,
     gint64     t_ms,
     double     volume)
{
  ps_candles_append (c, t_ms, 100, 101, 99, 100, volume, NAN);
}

/* Two 4h perp candles (10, 20) beside 1h spot candles of 1 each from 0h to
 * 9h, one of them with no volume known: whole 4h blocks both cover count. */
static void
test_by_hand (void)
{
  g_autoptr(PsCandles) perp = ps_candles_new (2);
  g_autoptr(PsCandles) spot = ps_candles_new (9);
  double p = 0, s = 0;

  add (perp, 0, 10);
  add (perp, 4 * HOUR_MS, 20);
  for (gint64 h = 0; h < 9; h++)
    add (spot, h * HOUR_MS, h == 2 ? NAN : 1);

  /* 0h – 8h: the spot candle of 8h lies past the perp's end; 2h has no
   * volume and is left out. */
  g_assert_cmpfloat_with_epsilon (ps_perp_volume_share (perp, spot, 0, 24 * HOUR_MS, &p, &s),
                                  30.0 / 37, 1e-12);
  g_assert_cmpfloat (p, ==, 30);
  g_assert_cmpfloat (s, ==, 7);
  /* From 4h on: the second block alone. */
  g_assert_cmpfloat_with_epsilon (ps_perp_volume_share (perp, spot, 4 * HOUR_MS, 8 * HOUR_MS,
                                                        NULL, NULL), 20.0 / 24, 1e-12);
  /* From 1h: only whole 4h blocks, so again the second. */
  g_assert_cmpfloat_with_epsilon (ps_perp_volume_share (perp, spot, HOUR_MS, 8 * HOUR_MS,
                                                        NULL, NULL), 20.0 / 24, 1e-12);
  /* Less than one whole block: nothing to compare. */
  g_assert_true (isnan (ps_perp_volume_share (perp, spot, HOUR_MS, 7 * HOUR_MS, &p, &s)));
  g_assert_true (isnan (p));
  g_assert_true (isnan (s));
}

/* A spot market that reports no volume (the fake exchange's) or none at all:
 * the share is not known, never 100 %. */
static void
test_spot_missing (void)
{
  g_autoptr(PsCandles) perp = ps_candles_new (3);
  g_autoptr(PsCandles) spot = ps_candles_new (3);
  g_autoptr(PsCandles) empty = ps_candles_new (0);
  double p = 0, s = -1;

  for (gint64 h = 0; h < 3; h++)
    {
      add (perp, h * HOUR_MS, 50);
      add (spot, h * HOUR_MS, 0);
    }
  g_assert_true (isnan (ps_perp_volume_share (perp, spot, 0, 3 * HOUR_MS, &p, &s)));
  g_assert_cmpfloat (p, ==, 150);
  g_assert_cmpfloat (s, ==, 0);
  g_assert_true (isnan (ps_perp_volume_share (perp, empty, 0, 3 * HOUR_MS, NULL, NULL)));
  g_assert_true (isnan (ps_perp_volume_share (perp, NULL, 0, 3 * HOUR_MS, NULL, NULL)));
  g_assert_true (isnan (ps_perp_volume_share (empty, spot, 0, 3 * HOUR_MS, NULL, NULL)));
  /* No common time. */
  g_assert_true (isnan (ps_perp_volume_share (perp, spot, 5 * HOUR_MS, 9 * HOUR_MS, NULL, NULL)));
}

/* Binance BTCUSDT, 19 – 29 Nov 2025: SOURCES.md found spot volume about a
 * sixth of the perpetual's (a share near 0.86); a range, not a fitted number. */
static void
test_real (void)
{
  g_autoptr(PsCandles) perp = load_candles ("binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv");
  g_autoptr(PsCandles) spot = load_candles ("btcusdt_spot_5m_2025-11-19_29.csv");
  double p = 0, s = 0, share;

  g_assert_cmpuint (spot->n, >, 3000);
  share = ps_perp_volume_share (perp, spot, G_MININT64 / 2, G_MAXINT64 / 2, &p, &s);
  g_test_message ("perp share %.4f: perp %.0f BTC, spot %.0f BTC", share, p, s);
  g_assert_cmpfloat (share, >, 0.75);
  g_assert_cmpfloat (share, <, 0.95);
  /* Only the days both cover: about ten and a half days of perp volume,
   * not the whole 4h file's. */
  g_assert_cmpfloat (p, >, 5e5);
  g_assert_cmpfloat (p, <, 4e6);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/spot/perp-share/by-hand", test_by_hand);
  g_test_add_func ("/spot/perp-share/spot-missing", test_spot_missing);
  g_test_add_func ("/spot/perp-share/real-nov-2025", test_real);

  return g_test_run ();
}
