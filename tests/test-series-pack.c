/* test-series-pack.c: packed candle columns read back the very doubles they held
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ps-binance-parse.h"
#include "ps-bitmex-parse.h"
#include "ps-bybit-parse.h"
#include "ps-hyperliquid-parse.h"
#include "ps-series.h"
#include "ps-test-util.h"

/* A copy of every value of candles, as the accessors read them. */
static double *
dup_values (const PsCandles *candles)
{
  double *v = g_new (double, (gsize) candles->n * PS_CANDLE_N_COLUMNS + 1);

  for (guint i = 0; i < candles->n; i++)
    for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
      v[(gsize) i * PS_CANDLE_N_COLUMNS + c] = ps_candles_get_value (candles, c, i);
  return v;
}

/* Every value the same bits as before, every time the same. */
static void
assert_same_values (const PsCandles *candles,
                    const double    *before,
                    const gint64    *t_before)
{
  for (guint i = 0; i < candles->n; i++)
    {
      g_assert_cmpint (candles->t_ms[i], ==, t_before[i]);
      for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
        {
          double now = ps_candles_get_value (candles, c, i);

          if (memcmp (&now, &before[(gsize) i * PS_CANDLE_N_COLUMNS + c], sizeof now) != 0)
            g_error ("row %u column %d: %.17g became %.17g", i, c,
                     before[(gsize) i * PS_CANDLE_N_COLUMNS + c], now);
        }
    }
}

/* Packs candles and checks nothing changed; returns how many columns packed. */
static int
pack_and_check (PsCandles *candles)
{
  g_autofree double *before = dup_values (candles);
  g_autofree gint64 *t_before = g_memdup2 (candles->t_ms, sizeof (gint64) * candles->n + 1);
  g_autoptr(PsCandles) copy = ps_candles_slice (candles, G_MININT64, G_MAXINT64);
  gsize size_before = ps_candles_get_size (candles);
  int packed = 0;

  g_assert_false (ps_candles_is_packed (candles));
  ps_candles_pack (candles);
  assert_same_values (candles, before, t_before);
  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
    packed += candles->columns[c].scale != 0;
  g_assert_cmpint (ps_candles_is_packed (candles), ==, packed > 0);
  g_assert_cmpuint (ps_candles_get_size (candles), ==,
                    (gsize) candles->n * (8 + 4 * packed + 8 * (PS_CANDLE_N_COLUMNS - packed)));
  if (candles->alloc == candles->n)   /* a reserve the size of the rows */
    g_assert_cmpuint (ps_candles_get_size (candles), <=, size_before);
  /* The same rows, packed or not, are the same series. */
  g_assert_true (ps_candles_same (candles, copy));
  g_assert_true (ps_candles_same (copy, candles));
  /* A second pack changes nothing. */
  ps_candles_pack (candles);
  assert_same_values (candles, before, t_before);
  return packed;
}

/* Every venue's real candles (OKX's samples are the docs' broken page):
 * prices and volumes as the venues send them pack, every column (taker buy
 * volume too, NAN where not given), but the Binance docs' LTC/BTC sample's
 * volumes of eight places, whose mantissas need 48 bits. */
static void
test_real_samples (void)
{
  static const struct {
    const char *name;
    int         n_packed;
  } samples[] = {
    { "binance-klines.json", 4 },
    { "binance-klines-btcusdt-5m.json", 6 },
    { "binance-spot-klines-btcusdt-1h.json", 6 },
    { "bybit-kline.json", 6 },
    { "hyperliquid-candleSnapshot.json", 6 },
    { "bitmex-trade-bucketed.json", 6 },
  };

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsCandles) candles = NULL;
      g_autofree char *data = NULL;
      gsize length;

      g_test_message ("%s", samples[s].name);
      data = ps_test_load_data (samples[s].name, &length);
      if (s < 2)
        candles = ps_binance_parse_klines (data, length, &error);
      else if (s == 2)
        candles = ps_binance_parse_spot_klines (data, length, &error);
      else if (s == 3)
        candles = ps_bybit_parse_kline (data, length, &error);
      else if (s == 4)
        candles = ps_hyperliquid_parse_candles (data, length, &error);
      else
        candles = ps_bitmex_parse_trade_bucketed (data, length, 60000, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (candles->n, >, 0);
      g_assert_cmpint (pack_and_check (candles), ==, samples[s].n_packed);
    }
}

/* The rows of a "t,open,high,low,close,volume" file, as the parsers read
 * decimals. */
static PsCandles *
load_csv (const char *name)
{
  g_autofree char *data = ps_test_load_data (name, NULL);
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  PsCandles *candles = ps_candles_new (g_strv_length (lines));

  for (guint i = 1; lines[i] != NULL; i++)   /* after the header */
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);

      if (g_strv_length (f) < 6)
        continue;
      ps_candles_append (candles, g_ascii_strtoll (f[0], NULL, 10), g_ascii_strtod (f[1], NULL),
                         g_ascii_strtod (f[2], NULL), g_ascii_strtod (f[3], NULL),
                         g_ascii_strtod (f[4], NULL), g_ascii_strtod (f[5], NULL), NAN);
    }
  return candles;
}

/* A month of 5m candles and three years of 4h, from Binance's archive. */
static void
test_real_archives (void)
{
  static const char *names[] = {
    "binance_btcusdt_perp_5m_2024-12-01_2024-12-31.csv",
    "binance_btcusdt_perp_4h_2022-01-02_2024-09-20.csv",
  };

  for (guint s = 0; s < G_N_ELEMENTS (names); s++)
    {
      g_autoptr(PsCandles) candles = load_csv (names[s]);

      g_assert_cmpuint (candles->n, >, 5000);
      g_assert_cmpint (pack_and_check (candles), ==, PS_CANDLE_N_COLUMNS);
      /* Places of BTCUSDT's tick (0.10 now, 0.01 some rows of 2022), three
       * for the 0.001 lot. */
      g_assert_cmpfloat (candles->columns[PS_CANDLE_CLOSE].scale, ==, s == 0 ? 10 : 100);
      g_assert_cmpfloat (candles->columns[PS_CANDLE_VOLUME].scale, ==, 1000);
    }
}

/* A column a value of which has no short decimal, or too large a mantissa,
 * stays doubles; the others pack. */
static void
test_fallback (void)
{
  static const struct {
    double a, b;      /* two rows of the close column */
    double scale;     /* 0: stays doubles */
  } cases[] = {
    { 100, 0.25, 100 },
    { 67012.4, 67012.45, 100 },
    { 1.0 / 3, 2, 0 },           /* no decimal */
    { 1e9, 0.5, 0 },             /* 1e10 does not fit with one place */
    { 3e9, 1, 0 },               /* no int32 */
    { 2147483647, 1, 1 },        /* the largest mantissa */
    { -2147483647, 1, 1 },
    { -2147483648.0, 1, 0 },     /* the NAN mark is not a mantissa */
    { 1e-9, 2, 1e9 },            /* nine places */
    { 1e-10, 2, 0 },             /* ten */
    { -0.0, 1, 0 },              /* would come back as 0.0 */
    { INFINITY, 1, 0 },
    { 0.1, NAN, 10 },            /* NAN packs, as the mark */
    { NAN, NAN, 1 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(PsCandles) candles = ps_candles_new (2);

      g_test_message ("case %u: %.17g %.17g", k, cases[k].a, cases[k].b);
      ps_candles_append (candles, 0, 1, 2, 0.5, cases[k].a, 10, NAN);
      ps_candles_append (candles, 60000, 1, 2, 0.5, cases[k].b, 10, 4.5);
      g_assert_cmpint (pack_and_check (candles), ==,
                       PS_CANDLE_N_COLUMNS - (cases[k].scale == 0));
      g_assert_cmpfloat (candles->columns[PS_CANDLE_CLOSE].scale, ==, cases[k].scale);
      g_assert_cmpfloat (candles->columns[PS_CANDLE_OPEN].scale, ==, 1);
      g_assert_cmpfloat (candles->columns[PS_CANDLE_TAKER_BUY_VOLUME].scale, ==, 10);
    }
}

/* Random decimals of every length and size: each packs or stays, and reads
 * back the same bits either way. */
static void
test_random_decimals (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261204);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(PsCandles) candles = ps_candles_new (0);
      int places = g_rand_int_range (rand, 0, 11);
      guint n = g_rand_int_range (rand, 1, 200);

      for (guint i = 0; i < n; i++)
        {
          double v[PS_CANDLE_N_COLUMNS];

          for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
            {
              char text[64];
              gint64 digits = g_rand_int_range (rand, 0, 1 << 30) *
                              (gint64) g_rand_int_range (rand, 1, c < 3 ? 3 : 40);

              /* A decimal as a venue writes it, parsed as the parsers do. */
              g_snprintf (text, sizeof text, "%s%" G_GINT64_FORMAT "e-%d",
                          c == PS_CANDLE_LOW && i % 7 == 3 ? "-" : "", digits, places);
              v[c] = g_ascii_strtod (text, NULL);
            }
          ps_candles_append (candles, (gint64) i * 60000, v[0], v[1], v[2], v[3], v[4], v[5]);
        }
      pack_and_check (candles);
    }
}

/* a and b hold the same rows the same way: times, every column's places
 * (or doubles) and stored values, bit for bit, and the same size. */
static void
assert_same_packing (const PsCandles *a,
                     const PsCandles *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpmem (a->t_ms, a->n * sizeof (gint64), b->t_ms, b->n * sizeof (gint64));
  for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
    {
      g_assert_cmpfloat (a->columns[c].scale, ==, b->columns[c].scale);
      if (a->columns[c].scale != 0)
        g_assert_cmpmem (a->columns[c].mantissas, a->n * sizeof (gint32),
                         b->columns[c].mantissas, b->n * sizeof (gint32));
      else
        g_assert_cmpmem (a->columns[c].doubles, a->n * sizeof (double),
                         b->columns[c].doubles, b->n * sizeof (double));
    }
  g_assert_cmpuint (ps_candles_get_size (a), ==, ps_candles_get_size (b));
  g_assert_cmpint (ps_candles_is_packed (a), ==, ps_candles_is_packed (b));
}

/* A random decimal as a venue writes it, parsed as the parsers do; now and
 * then one that does not pack (ten places, -0.0, a third). */
static double
random_decimal (GRand *rand,
                int    c,
                int    places,
                gboolean odd)
{
  char text[64];
  gint64 digits = g_rand_int_range (rand, 0, c < 3 ? 100000 : 30000);

  if (odd)
    switch (g_rand_int_range (rand, 0, 5))
      {
      case 0: return NAN;
      case 1: return -0.0;
      case 2: return 1.0 / 3;
      case 3: return 1e-10 * g_rand_int_range (rand, 1, 100);
      default: return 3e9;
      }
  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT "e-%d", digits, places);
  return g_ascii_strtod (text, NULL);
}

/* Rows packed as a read stores them, in one to three parts (as the halves
 * of a split read fill one series, each part with its own places and room,
 * to spare or too little: the rest of its rows then go to its overflow, as
 * doubles), give what packing the same rows whole gives, bit for bit.
 * Places differ between parts and grow inside one (each part's rows written
 * again with more places); a part with a value that does not pack goes on
 * in doubles. */
static void
test_packing_as_read (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);
  guint n_doubles = 0, n_rescaled = 0, n_overflowed = 0, n_packed = 0;

  for (guint round = 0; round < 400; round++)
    {
      guint n = g_rand_int_range (rand, 1, 300), n_parts = g_rand_int_range (rand, 1, 4);
      gboolean odd = round % 4 == 3;
      g_autoptr(PsCandles) whole = ps_candles_new (n);
      g_autoptr(PsCandles) done = NULL;
      PsCandles *overflows[3] = { NULL, NULL, NULL };
      PsCandles *packing;
      PsCandlePacker parts[3];
      guint cut[4], room[3], capacity = 0;
      gboolean went_doubles = FALSE, overflowed = FALSE;

      /* Part p gets rows [cut[p], cut[p + 1]), and room for about as many. */
      cut[0] = 0, cut[n_parts] = n;
      for (guint p = 1; p < n_parts; p++)
        {
          guint at = g_rand_int_range (rand, 0, n + 1);

          cut[p] = MAX (cut[p - 1], at);
        }
      for (guint p = 0; p < n_parts; p++)
        {
          int slack = g_rand_int_range (rand, round % 5 == 4 ? -3 : 0, 5);

          room[p] = (guint) MAX ((int) (cut[p + 1] - cut[p]) + slack, 0);
          capacity += room[p];
        }
      packing = ps_candles_new_packing (capacity);
      for (guint p = 0, at = 0; p < n_parts; at += room[p++])
        ps_candle_packer_init (&parts[p], packing, at, room[p]);

      for (guint p = 0; p < n_parts; p++)
        for (guint i = cut[p]; i < cut[p + 1]; i++)
          {
            double v[PS_CANDLE_N_COLUMNS];
            int places_before = parts[p].places[PS_CANDLE_CLOSE];

            for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
              v[c] = random_decimal (rand, c, g_rand_int_range (rand, 0, 3) + p,
                                     odd && g_rand_int_range (rand, 0, 400) == 0);
            ps_candles_append (whole, (gint64) i * 60000, v[0], v[1], v[2], v[3], v[4], v[5]);
            if (ps_candle_packer_put (&parts[p], (gint64) i * 60000, v))
              {
                n_rescaled += parts[p].places[PS_CANDLE_CLOSE] != places_before && i > cut[p];
                continue;
              }
            /* Past the part's room, as the read puts such rows. */
            g_assert_cmpuint (parts[p].n, ==, room[p]);
            if (overflows[p] == NULL)
              overflows[p] = ps_candles_new (0);
            ps_candles_append (overflows[p], (gint64) i * 60000, v[0], v[1], v[2], v[3], v[4],
                               v[5]);
            overflowed = TRUE;
          }
      for (guint p = 0; p < n_parts; p++)
        went_doubles |= parts[p].doubles != NULL;

      ps_candles_pack (whole);
      done = ps_candles_finish_packing (packing, parts, overflows, n_parts);
      assert_same_packing (done, whole);
      g_assert_true (ps_candles_same (done, whole));
      for (guint p = 0; p < n_parts; p++)
        {
          g_assert_null (parts[p].doubles);
          g_clear_pointer (&overflows[p], ps_candles_unref);
        }
      n_doubles += went_doubles;
      n_overflowed += overflowed;
      n_packed += !went_doubles && !overflowed;
    }
  g_test_message ("%u went on in doubles, %u overflowed, %u packed as read, %u rescaled",
                  n_doubles, n_overflowed, n_packed, n_rescaled);
  /* Every path taken. */
  g_assert_cmpuint (n_doubles, >, 0);
  g_assert_cmpuint (n_overflowed, >, 0);
  g_assert_cmpuint (n_packed, >, 100);
  g_assert_cmpuint (n_rescaled, >, 0);
}

/* Two parts each of which packs, but not together: mantissas of 2^30 with
 * no places beside a part that needs three. Doubles for that column, as a
 * whole pack gives; a read of nothing is an empty series of doubles. */
static void
test_packing_parts_apart (void)
{
  g_autoptr(PsCandles) whole = ps_candles_new (0);
  g_autoptr(PsCandles) done = NULL;
  g_autoptr(PsCandles) empty = NULL;
  PsCandles *packing = ps_candles_new_packing (4);
  PsCandlePacker parts[2];
  const double rows[4][PS_CANDLE_N_COLUMNS] = {
    { 1, 2, 0.5, 1.5, 1073741824, 1 },
    { 1, 2, 0.5, 1.5, 1073741823, 1 },
    { 1, 2, 0.5, 1.5, 0.125, 1 },
    { 1, 2, 0.5, 1.5, 2.5, 1 },
  };

  ps_candle_packer_init (&parts[0], packing, 0, 2);
  ps_candle_packer_init (&parts[1], packing, 2, 2);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (ps_candle_packer_put (&parts[i / 2], (gint64) i * 60000, rows[i]));
      ps_candles_append (whole, (gint64) i * 60000, rows[i][0], rows[i][1], rows[i][2],
                         rows[i][3], rows[i][4], rows[i][5]);
    }
  /* A full part takes no more. */
  g_assert_false (ps_candle_packer_put (&parts[1], 5 * 60000, rows[0]));
  ps_candles_pack (whole);
  g_assert_cmpfloat (whole->columns[PS_CANDLE_VOLUME].scale, ==, 0);
  done = ps_candles_finish_packing (packing, parts, NULL, 2);
  assert_same_packing (done, whole);

  empty = ps_candles_finish_packing (ps_candles_new_packing (10), NULL, NULL, 0);
  g_assert_cmpuint (empty->n, ==, 0);
  g_assert_false (ps_candles_is_packed (empty));
  ps_candles_append (empty, 0, 1, 2, 0.5, 1.5, 10, NAN);
  g_assert_cmpuint (empty->n, ==, 1);
}

/* The process's resident bytes (Linux), or 0. */
static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long pages = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%*u %lu", &pages) != 1)
    return 0;
  return (gsize) pages * sysconf (_SC_PAGESIZE);
}

/* A million candles packed in place: the block's unused tail (24 of 56 MB)
 * is handed back, not merely left unread. */
static void
test_memory_handed_back (void)
{
  g_autoptr(PsCandles) candles = ps_candles_new (1000000);
  gsize before, after;

  for (guint i = 0; i < 1000000; i++)
    {
      candles->t_ms[i] = (gint64) i * 60000;
      for (int c = 0; c < PS_CANDLE_N_COLUMNS; c++)
        candles->columns[c].doubles[i] = (90000 + i % 1000) / 10.0;
    }
  candles->n = 1000000;
  if ((before = resident_bytes ()) == 0)
    {
      g_test_skip ("no /proc/self/statm");
      return;
    }
  ps_candles_pack (candles);
  after = resident_bytes ();
  g_test_message ("resident %zu → %zu bytes", before, after);
  g_assert_cmpuint (ps_candles_get_size (candles), ==, 32000000);
  g_assert_cmpuint (after + 20000000, <=, before);
  g_assert_cmpfloat (ps_candles_close_at (candles, 999999), ==, 9099.9);
}

/* A packed series takes no appends: they would go to columns it no longer
 * has. */
static void
test_no_append_after_pack (void)
{
  g_autoptr(PsCandles) candles = ps_candles_new (0);

  ps_candles_append (candles, 0, 1, 2, 0.5, 1.5, 10, NAN);
  ps_candles_pack (candles);
  g_test_expect_message ("perpscope", G_LOG_LEVEL_CRITICAL, "*is_packed*");
  ps_candles_append (candles, 60000, 1, 2, 0.5, 1.5, 10, NAN);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (candles->n, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/base/series-pack/real-samples", test_real_samples);
  g_test_add_func ("/perpscope/base/series-pack/real-archives", test_real_archives);
  g_test_add_func ("/perpscope/base/series-pack/fallback", test_fallback);
  g_test_add_func ("/perpscope/base/series-pack/random-decimals", test_random_decimals);
  g_test_add_func ("/perpscope/base/series-pack/no-append-after-pack", test_no_append_after_pack);
  g_test_add_func ("/perpscope/base/series-pack/packing-as-read", test_packing_as_read);
  g_test_add_func ("/perpscope/base/series-pack/packing-parts-apart", test_packing_parts_apart);
  g_test_add_func ("/perpscope/base/series-pack/memory-handed-back", test_memory_handed_back);
  return g_test_run ();
}
